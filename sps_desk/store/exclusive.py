"""Being alone on a base: what a key change or a restore checks before replacing it.

Both replace the base's file by another one (a rename). A window or a command that has
the base open would go on writing into the old file, and every save it acknowledged
would be lost (issue 13). So they refuse while anyone holds the base, using SQLite's
own locks, which every connection takes:

- :func:`sqlite_alone` (key change) opens the base with its key in SQLite's
  *exclusive locking mode* and switches it out of WAL: SQLite refuses that while another
  connection exists, and once done the connection holds an exclusive lock that keeps
  every other opener out until it is closed;
- :func:`file_locks_alone` (restore, which may have to replace a base no key opens)
  takes the same byte-range locks SQLite uses, without SQLite: the ``-shm`` file's
  « dead man switch » byte that every WAL connection holds shared, and the database's
  shared-lock range that any reader holds. POSIX record locks belong to the process, so
  the caller must hold no SQLite connection to that base itself.

Elsewhere than POSIX (Windows), an open file cannot be renamed over: the rename fails.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path

import sqlcipher3

from sps_desk.store.errors import BaseInUse
from sps_desk.store.keys import apply_raw_key

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

_PENDING_BYTE = 0x40000000
"""SQLite's lock bytes in the database file: pending, reserved, then 510 shared bytes."""
_LOCK_BYTES = 512
_SHM_LOCKS = 120
"""SQLite's lock bytes in the ``-shm`` file: 8 WAL locks then the dead-man switch."""
_SHM_LOCK_BYTES = 9


@contextlib.contextmanager
def sqlite_alone(path: Path, key: bytes, job: str) -> Iterator[sqlcipher3.Connection]:
    """A connection to the base ``path`` that no other connection shares, in rollback
    journal mode (the WAL checkpointed into the file and removed), holding an exclusive
    lock until the block ends. ``job`` names the refused job in French (« le changement
    de clé »).

    Raises:
        BaseInUse: another window, command or computer has the base open.
    """
    connection = sqlcipher3.connect(str(path), isolation_level=None, timeout=1.0,
                                    check_same_thread=False)
    try:
        apply_raw_key(connection, key)
        try:
            connection.execute("PRAGMA locking_mode = EXCLUSIVE")
            connection.execute("PRAGMA journal_mode = DELETE").fetchone()
            # Rollback mode: the lock is taken by a write and kept (exclusive mode).
            connection.execute("BEGIN EXCLUSIVE")
            connection.execute("COMMIT")
        except sqlcipher3.OperationalError as error:
            if getattr(error, "sqlite_errorname", "").startswith(("SQLITE_BUSY",
                                                                   "SQLITE_LOCKED")):
                raise BaseInUse(path, job) from error
            raise
        Path(f"{path}-shm").unlink(missing_ok=True)  # no one maps it any more
        yield connection
    finally:
        connection.close()


@contextlib.contextmanager
def file_locks_alone(path: Path, job: str) -> Iterator[None]:
    """Hold SQLite's locks on the base ``path`` (its file and its ``-shm``) without
    opening it, until the block ends: no connection exists, and none can start.

    Raises:
        BaseInUse: another process has the base open.
    """
    if fcntl is None:  # pragma: no cover - Windows: renaming an open file fails anyway
        yield
        return
    descriptors: list[int] = []
    try:
        for file, start, length in ((path, _PENDING_BYTE, _LOCK_BYTES),
                                    (Path(f"{path}-shm"), _SHM_LOCKS, _SHM_LOCK_BYTES)):
            try:
                descriptor = os.open(file, os.O_RDWR)
            except FileNotFoundError:
                continue
            descriptors.append(descriptor)
            try:
                fcntl.lockf(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB, length, start)
            except OSError as error:
                raise BaseInUse(path, job) from error
        yield
    finally:
        for descriptor in descriptors:
            os.close(descriptor)  # releases the locks
