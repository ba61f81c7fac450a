"""Files written whole or not at all: one place for every file the application writes.

A file is staged under a hidden temporary name in its target folder, created with its
final mode (``0o600`` by default: readable by its owner only) *before* any byte is
written, synced, then renamed over the target, and the folder is synced so that the
rename survives a power loss (Electrum's ``WalletStorage.write``, STYLE §5). A crash, a
full disk or an I/O error never leaves a truncated file, and the previous file stays
whole until the new one is complete. Several files (a report's PDF and JSON, a backup
and its key file) are staged together and renamed only once all are complete.

Temporary names are ``.{target name}.{pid}-{host}-{random}.sps-tmp``: a process killed
half-way leaves one that :func:`remove_leftovers` recognises and deletes later — the
base's opening for its own files, and every write into a folder for whatever any killed
write left in that folder (an export to another name) — and never one of a process
still running.

No Qt and no SQL here: the store, the reports, the command line and the window all use
this module.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import re
import secrets
import shutil
import socket
import time
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import BinaryIO

from sps_desk.errors import SpsDeskError, is_disk_full, os_reason
from sps_desk.inputs import size_text

DEFAULT_MODE = 0o600
"""Owner read and write only: the default for every file the application writes."""

SUFFIX = ".sps-tmp"
_COMPANIONS = ("-journal", "-wal", "-shm")
"""Files SQLite may create beside a staged database."""
_FOREIGN_AGE = 24 * 3600
"""A leftover of another machine (network folder) is removed after a day only."""


def _host_tag() -> str:
    return hashlib.sha256(socket.gethostname().encode("utf-8")).hexdigest()[:4]


_LEFTOVER = re.compile(r"^\.(?P<name>.+)\.(?P<pid>\d+)-(?P<host>[0-9a-f]{4})-[0-9a-f]{8}"
                       + re.escape(SUFFIX) + r"(?:-journal|-wal|-shm)?$")


class AtomicWriteFailed(SpsDeskError, OSError):
    """A file could not be written (French message naming the file and the cause).

    Nothing was replaced: the previous file, if any, is whole, and no temporary file is
    left. Also an ``OSError`` (its ``errno`` is the cause's), so callers that handle
    file-system errors catch it too.
    """

    def __init__(self, message: str, number: int | None = None,
                 filename: Path | None = None) -> None:
        SpsDeskError.__init__(self, message)
        self.errno = number
        self.filename = None if filename is None else str(filename)
        self.message = message

    def __str__(self) -> str:
        return self.message


def failure(target: Path, error: OSError, *, folder: bool = False) -> AtomicWriteFailed:
    """The French error for ``error`` met while writing ``target`` (``folder``: while
    creating a file in its folder)."""
    reason = os_reason(error.errno)
    if is_disk_full(error.errno):
        message = (f"Impossible d'enregistrer {target} : {reason}. Libérez de la place "
                   "(ou choisissez un autre support) et recommencez ; rien n'a été remplacé.")
    elif folder:
        message = (f"Impossible d'écrire dans le dossier {target.parent} : {reason}. "
                   "Vérifiez qu'il existe et que vous pouvez y écrire ; rien n'a été écrit.")
    else:
        message = (f"Impossible d'enregistrer {target} : {reason}. Vérifiez le support et "
                   "recommencez ; l'ancien fichier n'a pas été modifié.")
    return AtomicWriteFailed(message, error.errno, target)


class NotEnoughSpace(AtomicWriteFailed):
    """The disk has less free space than a job needs, checked before it starts (nothing
    written): « disque plein » in French, with the folder and both amounts."""

    def __init__(self, folder: Path, free: int, needed: int) -> None:
        super().__init__(
            f"Le disque de {folder} est presque plein ({size_text(free)} libres, il en faut "
            f"au moins {size_text(needed)}) : libérez de la place (ou choisissez un autre "
            "support), puis recommencez. Rien n'a été modifié.", errno.ENOSPC, folder)
        self.free = free
        self.needed = needed


def free_bytes(where: Path) -> int | None:
    """Free bytes for this user on the disk of ``where`` (a file or a folder, or its
    nearest existing parent), or ``None`` when the system cannot tell."""
    probe = where
    while not probe.exists() and probe.parent != probe:
        probe = probe.parent
    try:
        return shutil.disk_usage(probe).free
    except OSError:
        return None


def require_free_space(where: Path, needed: int) -> None:
    """Refuse a job that needs ``needed`` bytes on the disk of ``where`` when fewer are
    free (an unknown amount is not refused).

    Raises:
        NotEnoughSpace: fewer than ``needed`` bytes are free.
    """
    free = free_bytes(where)
    if free is not None and free < needed:
        folder = where if where.is_dir() else where.parent
        raise NotEnoughSpace(folder.absolute(), free, needed)


def temporary_path(target: Path) -> Path:
    """A new hidden temporary name beside ``target`` (see the module's naming)."""
    token = secrets.token_hex(4)
    return target.with_name(f".{target.name}.{os.getpid()}-{_host_tag()}-{token}{SUFFIX}")


def _create(path: Path, mode: int) -> int:
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0),
                         mode)
    try:
        if hasattr(os, "fchmod"):
            os.fchmod(descriptor, mode)  # the umask may have narrowed it: set it exactly
    except OSError:
        os.close(descriptor)
        raise
    return descriptor


def new_file(path: Path, *, mode: int = DEFAULT_MODE) -> None:
    """Create the empty file ``path`` with ``mode`` (it must not exist), for a writer
    that opens files by name (SQLite) to fill with the right mode from the first byte."""
    os.close(_create(path, mode))


def _fsync_path(path: Path) -> None:
    descriptor = os.open(path, os.O_RDWR | getattr(os, "O_BINARY", 0))
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def sync_folder(folder: Path) -> None:
    """Sync ``folder`` itself, so that a rename or a removal in it survives a power loss
    (nothing to do where folders cannot be opened, e.g. Windows)."""
    if not hasattr(os, "O_DIRECTORY"):
        return
    descriptor = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _remove(path: Path) -> None:
    for name in (path, *(Path(f"{path}{suffix}") for suffix in _COMPANIONS)):
        with contextlib.suppress(FileNotFoundError):
            name.unlink()


class Staging:
    """Files staged beside their targets, renamed over them together by :meth:`commit`.

    Use as a context manager: a normal exit commits, an exception removes every staged
    file and replaces nothing::

        with Staging() as stage:
            stage.add(report, pdf_bytes)
            database_copy = stage.path_for(backup)   # filled by SQLite
            ...

    ``mode`` applies to every staged file. Raises :class:`AtomicWriteFailed` on any OS
    error (the staged files are then removed).
    """

    def __init__(self, *, mode: int = DEFAULT_MODE) -> None:
        self.mode = mode
        self._staged: list[tuple[Path, Path]] = []
        self._unsynced: set[Path] = set()
        """Staged files filled by another writer, synced at commit."""
        self._done = False

    def path_for(self, target: Path) -> Path:
        """An empty file, created now with the stage's mode beside ``target``, for
        another writer (SQLite, Qt, a copy) to fill; synced and renamed by :meth:`commit`.
        """
        remove_leftovers(target, any_name=True)
        temporary = temporary_path(target)
        try:
            os.close(_create(temporary, self.mode))
        except OSError as error:
            raise failure(target, error, folder=True) from error
        self._staged.append((temporary, target))
        self._unsynced.add(temporary)
        return temporary

    def add(self, target: Path, data: bytes) -> None:
        """Stage ``data`` as the next content of ``target`` (written and synced now)."""
        self.add_with(target, lambda stream: stream.write(data))

    def add_with(self, target: Path, write: Callable[[BinaryIO], object]) -> None:
        """Stage the bytes ``write`` puts in the binary stream it is given (written and
        synced now), as the next content of ``target``."""
        remove_leftovers(target, any_name=True)  # a killed earlier write (an export…)
        temporary = temporary_path(target)
        try:
            descriptor = _create(temporary, self.mode)
        except OSError as error:
            raise failure(target, error, folder=True) from error
        self._staged.append((temporary, target))
        try:
            with os.fdopen(descriptor, "wb") as stream:
                write(stream)
                stream.flush()
                os.fsync(stream.fileno())
        except OSError as error:
            raise failure(target, error) from error

    def commit(self) -> None:
        """Sync every staged file, rename each over its target, then sync the folders.

        A failure before the first rename replaces nothing; the renames themselves do
        not use disk space.
        """
        for temporary, _ in self._staged:
            for companion in _COMPANIONS:
                if Path(f"{temporary}{companion}").exists():
                    # A staged database must be whole alone: its writer has to close it
                    # (checkpoint) first. A bug of the caller, not of the disk.
                    self.discard()
                    raise RuntimeError(f"{temporary.name}{companion} remains")
        try:
            for temporary, target in self._staged:
                if temporary not in self._unsynced:
                    continue
                try:
                    _fsync_path(temporary)
                except OSError as error:
                    raise failure(target, error) from error
            for temporary, target in self._staged:
                try:
                    os.replace(temporary, target)
                except OSError as error:
                    raise failure(target, error) from error
            for folder in dict.fromkeys(target.parent for _, target in self._staged):
                try:
                    sync_folder(folder)
                except OSError as error:
                    raise failure(folder, error) from error
        finally:
            self.discard()
        self._done = True

    def discard(self) -> None:
        """Remove every staged file that was not renamed (safe to call twice)."""
        for temporary, _ in self._staged:
            _remove(temporary)
        self._staged.clear()
        self._unsynced.clear()

    def __enter__(self) -> Staging:
        return self

    def __exit__(self, kind: type[BaseException] | None, *rest: object) -> None:
        if kind is None and not self._done:
            self.commit()
        else:
            self.discard()


def write_file(path: Path, data: bytes, *, mode: int = DEFAULT_MODE) -> None:
    """Replace ``path`` by ``data`` atomically, with ``mode``, synced.

    Raises:
        AtomicWriteFailed: the folder is missing or not writable, the disk is full, or
            any other OS error (named in French); nothing was replaced.
    """
    with Staging(mode=mode) as stage:
        stage.add(path, data)


def write_files(files: Mapping[Path, bytes], *, mode: int = DEFAULT_MODE) -> None:
    """Write several files as one job: all are staged and synced first, then renamed.

    Raises:
        AtomicWriteFailed: as :func:`write_file`; a failure while staging replaces none.
    """
    with Staging(mode=mode) as stage:
        for path, data in files.items():
            stage.add(path, data)


def write_with(path: Path, write: Callable[[BinaryIO], object], *,
               mode: int = DEFAULT_MODE) -> None:
    """Replace ``path`` by what ``write`` puts in the binary stream it is given.

    Raises:
        AtomicWriteFailed: as :func:`write_file`.
    """
    with Staging(mode=mode) as stage:
        stage.add_with(path, write)


@contextlib.contextmanager
def staged(target: Path, *, mode: int = DEFAULT_MODE) -> Iterator[Path]:
    """A temporary path for another writer to fill; renamed over ``target`` when the
    block ends normally, removed when it raises.

    Raises:
        AtomicWriteFailed: as :func:`write_file`.
    """
    with Staging(mode=mode) as stage:
        yield stage.path_for(target)


@contextlib.contextmanager
def staged_folder(target: Path, *, mode: int = 0o700) -> Iterator[Path]:
    """A new hidden folder beside ``target`` to fill; when the block ends normally every
    file in it is synced, it is synced, renamed to ``target`` (which must not exist) and
    its parent synced; when the block raises, it is removed with its content.

    Raises:
        AtomicWriteFailed: as :func:`write_file` (also when ``target`` exists).
    """
    temporary = temporary_path(target)
    try:
        temporary.mkdir(mode=mode)
    except OSError as error:
        raise failure(target, error, folder=True) from error
    try:
        yield temporary
        try:
            for entry in temporary.iterdir():
                if entry.is_file():
                    _fsync_path(entry)
            sync_folder(temporary)
            if target.exists():
                raise FileExistsError(errno.EEXIST, "exists", str(target))
            os.rename(temporary, target)
            sync_folder(target.parent)
        except OSError as error:
            raise failure(target, error) from error
    finally:
        if temporary.exists():
            shutil.rmtree(temporary, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True  # someone else's process, or a platform that cannot tell: keep it
    return True


def leftovers(target: Path, *, now: float | None = None, any_name: bool = False) -> list[Path]:
    """Temporary files of ``target`` (``any_name``: of any file in its folder) left by a
    process that died before renaming them.

    Those of this machine whose process is gone; those of another machine (a shared
    folder) a day after their last change. Never one of a running process.
    """
    moment = time.time() if now is None else now
    try:
        entries = list(target.parent.iterdir())
    except OSError:
        return []
    found = []
    for entry in entries:
        match = _LEFTOVER.match(entry.name)
        if match is None or (not any_name and match.group("name") != target.name):
            continue
        if match.group("host") == _host_tag():
            stale = not _alive(int(match.group("pid")))
        else:
            try:
                stale = moment - entry.lstat().st_mtime > _FOREIGN_AGE
            except OSError:
                continue
        if stale:
            found.append(entry)
    return sorted(found)


def remove_leftovers(target: Path, *, any_name: bool = False) -> list[Path]:
    """Delete :func:`leftovers` of ``target`` (``any_name``: of its whole folder);
    returns what was removed. Errors are ignored: a leftover that cannot be removed now
    will be at a later call."""
    removed = []
    for path in leftovers(target, any_name=any_name):
        with contextlib.suppress(OSError):
            if path.is_dir() and not path.is_symlink():
                shutil.rmtree(path)
            else:
                path.unlink()
            removed.append(path)
    return removed
