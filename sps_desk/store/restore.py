"""Restore: put a backup back in place of a base, losing nothing on the way.

In order, each step refusing before anything changes when it fails:

1. the backup is checked (manifest, both checksums) and opened with the passphrase —
   the one valid on the day of the backup — or the recovery key of that time; a
   passphrase must be a chief's (or the laptop's owner);
2. the erasure register and the release history of the base being replaced (and of
   the newest backup of the same base beside the chosen one) are read, so that nobody
   erased since the backup comes back and no diffusion made since is forgotten (a later
   one could be differenced against it); a base from another service is refused;
3. the copy is staged beside the base and checked again while being copied;
4. nobody may have the base open (:func:`sps_desk.store.exclusive.file_locks_alone`);
   the current base is *moved aside* with its key file and ``-wal`` under
   ``{name}-avant-restauration-{date}`` — never deleted, and itself an openable base —
   and its ``-shm`` removed, so no stale journal is replayed into the restored copy;
5. the copy is renamed into place, opened (migrated if it is older), the erasure register
   applied, the missing releases added and the restore audited.

The caller then tells the chief to send a return bundle to every laptop: their next
bundle brings back what they had sent since the backup (team merge, issue 13).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import BinaryIO

import sqlcipher3

from sps_desk import atomic
from sps_desk.errors import SpsDeskError, os_reason
from sps_desk.store import releases, slots, users
from sps_desk.store.backup import (
    Backup,
    BackupDamaged,
    BackupError,
    check_backup,
    connect_read_only,
    list_backups,
)
from sps_desk.store.database import Database, remove_leftovers
from sps_desk.store.exclusive import file_locks_alone
from sps_desk.store.integrity import marker_path
from sps_desk.store.keys import normalize_passphrase
from sps_desk.store.releases import Release
from sps_desk.store.rights import ErasedEntry, apply_erasure_register, erasure_register
from sps_desk.store.sync.identity import chief_keys
from sps_desk.store.sync.merge import peers

_MARGIN = 1024 * 1024


@dataclass(frozen=True)
class Restored:
    """What a restore did: the backup put back, where the replaced base was moved
    (``None``: there was none), how many records the erasure register removed again
    (``None``: no register could be read), the laptops to send a return bundle to,
    whether the base is a laptop joined to a chief (it then sends its bundle instead),
    and how many diffusion releases made since the backup were carried over."""

    backup: Backup
    database_path: Path
    aside: Path | None
    erased_again: int | None
    laptops: list[str]
    joined: bool
    releases_kept: int = 0

    def summary(self) -> list[str]:
        """French lines for the chief (the command prints them, the window shows them)."""
        when = self.backup.created_at.astimezone()
        lines = [f"Sauvegarde du {when:%d/%m/%Y à %H:%M} restaurée dans {self.database_path}."]
        if self.aside is not None:
            lines.append(f"La base remplacée est gardée sous le nom {self.aside.name} (avec "
                         "son fichier de clés) : supprimez-la quand tout est vérifié.")
        if self.erased_again is None:
            lines.append("Aucun registre des effacements plus récent n'a pu être lu : si des "
                         "jeunes ont été effacés depuis la sauvegarde, effacez-les à nouveau.")
        elif self.erased_again:
            lines.append(f"{self.erased_again} enregistrement(s) effacé(s) depuis la "
                         "sauvegarde l'ont été à nouveau.")
        if self.releases_kept:
            lines.append(f"{self.releases_kept} diffusion(s) faite(s) depuis la sauvegarde "
                         "restent connues : les prochaines en tiennent compte pour le secret "
                         "statistique.")
        if self.joined:
            lines.append("Demandez au chef de service un paquet pour cet ordinateur : il vous "
                         "rendra ce que vous lui aviez déjà envoyé, et votre prochain paquet "
                         "lui renverra le reste.")
        elif self.laptops:
            names = ", ".join(f"« {label} »" for label in self.laptops)
            lines.append("Faites maintenant un paquet de retour pour chaque ordinateur de "
                         f"l'équipe ({names}) : Équipe › Préparer le paquet d'un ordinateur…, ou "
                         "« sps-desk bundle --device … ». Leur prochain paquet ramènera ce "
                         "qu'ils avaient saisi depuis la sauvegarde.")
        return lines


def _unlock(backup: Backup, passphrase: str | None,
            recovery_key: str | None) -> tuple[list[bytes], str | None]:
    """The database keys of the backup's header and the user id whose slot opened."""
    try:
        header = slots.read_header(backup.database_path)
    except slots.KeyFileCorrupt as error:
        raise BackupDamaged(backup.folder, "son fichier de clés est illisible") from error
    if recovery_key is not None:
        _, keys = slots.unlock_with_recovery(header, recovery_key)
        return keys, None
    assert passphrase is not None
    unlocked = slots.unlock_with_passphrase(header, normalize_passphrase(passphrase))
    if unlocked is None:
        when = backup.created_at.astimezone()
        raise BackupError(
            f"Cette phrase de passe n'ouvre pas la sauvegarde {backup.folder.name} : donnez "
            f"celle qui était la vôtre le {when:%d/%m/%Y} (jour de la sauvegarde), ou la "
            "clé de secours de cette époque. Rien n'a été modifié.")
    slot, keys = unlocked
    return keys, slot.user_id


def _working_key(backup: Backup, keys: list[bytes], user_id: str | None) -> bytes:
    """The key that reads the backup (its checksums already vouch for every byte; the
    restored base gets the full integrity check when it opens), and its user a chief."""
    for key in keys:
        try:
            with contextlib.closing(connect_read_only(backup.database_path, key)) as c:
                c.execute("SELECT count(*) FROM sqlite_master").fetchone()
                user = None if user_id is None else users.get(c, user_id)
        except sqlcipher3.DatabaseError:
            continue
        if user_id is not None and (user is None or not user.is_chief):
            raise users.ChiefOnly("restaurer une sauvegarde")
        return key
    raise BackupDamaged(backup.folder, "la copie de la base ne s'ouvre pas avec ses clés")


@dataclass(frozen=True)
class _History:
    """What a copy of the base knows that an older copy must not forget: its erasure
    register and its release history."""

    register: list[ErasedEntry]
    releases: list[Release]


def _history_of(path: Path, keys: list[bytes], expected_base: str) -> _History | None:
    """The history of the base file ``path``, read-only, or ``None`` when no key opens it
    (damaged, or rekeyed since).

    Raises:
        BackupError: it is another base than the backup's.
    """
    for key in keys:
        try:
            connection = connect_read_only(path, key)
        except sqlcipher3.Error:
            continue
        try:
            row = connection.execute(
                "SELECT value FROM meta WHERE key = 'device_id'").fetchone()
            if row is None:
                return None
            if row[0] != expected_base:
                raise BackupError(
                    f"La sauvegarde est celle d'une autre base que {path.name} : rien n'a été "
                    "modifié. Choisissez une sauvegarde de cette base, ou restaurez celle-ci "
                    "sous un autre nom (--db AUTRE.sps).")
            base = Database(path, connection, uuid.UUID(row[0]))
            has_releases = connection.execute(
                "SELECT 1 FROM sqlite_master WHERE name = 'diffusion_release'").fetchone()
            return _History(erasure_register(base),
                            releases.every(base) if has_releases else [])
        except sqlcipher3.DatabaseError:
            continue  # not this key (or too damaged to read: the next key, then None)
        finally:
            connection.close()
    return None


def _histories(backup: Backup, database_path: Path, keys: list[bytes],
               current_keys: Callable[[], list[bytes]]) -> _History | None:
    """Every erasure and release the base being replaced, or a newer backup of it,
    knows. ``current_keys`` (a slow derivation) is asked only when ``keys`` do not read
    the base being replaced."""
    sources: list[_History | None] = []
    if database_path.exists():
        history = _history_of(database_path, keys, backup.base_id)
        if history is None:
            history = _history_of(database_path, current_keys(), backup.base_id)
        sources.append(history)
    newer = [b for b in list_backups(backup.folder.parent, backup.base_id)
             if b.created_at > backup.created_at]
    if newer:
        with contextlib.suppress(BackupError):
            sources.append(_history_of(newer[-1].database_path, keys, backup.base_id))
    found = [source for source in sources if source is not None]
    if not found:
        return None
    register = {(e.kind, e.record_id): e for source in found for e in source.register}
    published = {(r.year, r.kind, r.released_at, r.sha256): r
                 for source in found for r in source.releases}
    return _History(sorted(register.values(), key=lambda e: (e.at, e.kind, e.record_id)),
                    sorted(published.values(), key=lambda r: r.released_at))


def _current_keys(database_path: Path, passphrase: str | None,
                  recovery_key: str | None) -> list[bytes]:
    """The keys of the base being replaced that the same secret opens (its key changed
    since the backup, or it is another base), to read its register and check its id."""
    try:
        header = slots.read_header(database_path)
        if passphrase is not None:
            unlocked = slots.unlock_with_passphrase(header, normalize_passphrase(passphrase))
            return [] if unlocked is None else unlocked[1]
        assert recovery_key is not None
        return slots.unlock_with_recovery(header, recovery_key)[1]
    except SpsDeskError:
        return []  # no header, a damaged one, or a secret it does not know


def _copy_checked(source: Path, expected: str, where: Path) -> Callable[[BinaryIO], None]:
    def write(stream: BinaryIO) -> None:
        digest = hashlib.sha256()
        with source.open("rb") as origin:
            for chunk in iter(lambda: origin.read(1024 * 1024), b""):
                digest.update(chunk)
                stream.write(chunk)
        if digest.hexdigest() != expected:
            raise BackupDamaged(where, f"le fichier {source.name} a changé pendant la copie")
    return write


class RestoreLeftAside(BackupError):
    """A restore failed after moving the current base aside and the disk refused to put
    it back: its files are whole under new names, which the message gives (``left``:
    each file's current name and the name it must get back)."""

    def __init__(self, left: list[tuple[Path, Path]], cause: BaseException) -> None:
        number = getattr(cause, "errno", None) or getattr(cause.__cause__, "errno", None)
        self.left = left
        renames = " ; ".join(f"{now} en {original.name}" for now, original in left)
        super().__init__(
            f"La restauration a échoué ({os_reason(number)}) et le disque a refusé de "
            f"remettre la base actuelle à sa place ; elle est intacte. Vérifiez le disque, "
            f"puis renommez {renames}.")


def _companions(path: Path) -> list[Path]:
    """The base, its journals, its key file and its opening marker (``PATH.open``)."""
    return [Path(f"{path}{suffix}") for suffix in ("", "-wal", "-journal")] + [
        slots.header_path(path), marker_path(path)]


def _set_aside(database_path: Path, aside: Path) -> bool:
    """Move the base and its companions aside under the name ``aside``; remove its
    ``-shm``. Returns whether anything was moved. A failure half-way puts back what was
    moved before raising (:class:`RestoreLeftAside` if the disk refuses that too)."""
    moved = False
    try:
        for current, target in zip(_companions(database_path), _companions(aside),
                                   strict=True):
            if current == marker_path(database_path):
                continue  # below: it goes aside only with a base
            if current.name.endswith(("-wal", "-journal")) and current.exists() \
                    and current.stat().st_size == 0:
                current.unlink()  # an empty journal holds nothing
            elif current.exists():
                os.rename(current, target)
                moved = True
        # A crashed session's marker goes with the base it concerns: the set aside is
        # checked when it is opened, the restored copy (closed cleanly by the backup) is not.
        marker = marker_path(database_path)
        if marker.exists():
            if moved:
                os.rename(marker, marker_path(aside))
            else:
                marker.unlink()
        Path(f"{database_path}-shm").unlink(missing_ok=True)
        atomic.sync_folder(database_path.parent)
    except BaseException as error:
        if moved:
            _put_back(aside, database_path, error)
        raise
    return moved


def _put_back(aside: Path, database_path: Path, cause: BaseException) -> None:
    """Undo :func:`_set_aside` after a failed restore: every file goes back, each tried
    even if another one failed.

    Raises:
        RestoreLeftAside: the disk refused (the base stays whole under ``aside``).
    """
    left = []
    for moved, original in zip(_companions(aside), _companions(database_path), strict=True):
        if moved.exists():
            try:
                os.replace(moved, original)
            except OSError:
                left.append((moved, original))
    if left:
        raise RestoreLeftAside(left, cause) from cause


def restore_backup(location: Path, database_path: Path, *, passphrase: str | None = None,
                   recovery_key: str | None = None,
                   now: datetime | None = None) -> Restored:
    """Put the backup at ``location`` back as the base ``database_path`` (see the module).

    Give ``passphrase`` (a chief's, as it was on the day of the backup) or
    ``recovery_key``. The restored base opens with the passphrases and recovery key that
    were valid then.

    Raises:
        NotABackup, BackupDamaged, InputRefused: the backup.
        BackupError: the passphrase does not open it, or it is another base's.
        MalformedRecoveryKey, WrongRecoveryKey: the recovery key.
        ChiefOnly: the passphrase is an educator's.
        BaseInUse: the base is open in a window or a command.
        NotEnoughSpace, AtomicWriteFailed: the disk of the base.
    """
    if (passphrase is None) == (recovery_key is None):
        raise ValueError("give a passphrase or a recovery key")
    now = now or datetime.now(UTC)
    database_path = database_path.absolute()
    backup = check_backup(location)
    keys, user_id = _unlock(backup, passphrase, recovery_key)
    key = _working_key(backup, keys, user_id)
    history = _histories(backup, database_path, [key, *keys],
                         lambda: _current_keys(database_path, passphrase, recovery_key))
    database_path.parent.mkdir(parents=True, exist_ok=True)
    atomic.require_free_space(database_path.parent, backup.bytes + _MARGIN)
    remove_leftovers(database_path)
    aside = None
    with atomic.Staging() as stage:
        stage.add_with(slots.header_path(database_path), _copy_checked(
            backup.keys_path, backup.checksums[backup.keys_path.name], backup.folder))
        stage.add_with(database_path, _copy_checked(
            backup.database_path, backup.checksums[backup.database_name], backup.folder))
        with file_locks_alone(database_path, "la restauration"):
            stamp = now.astimezone().strftime("%Y-%m-%d-%H%M%S")
            aside = database_path.with_name(
                f"{database_path.stem}-avant-restauration-{stamp}{database_path.suffix}")
            if not _set_aside(database_path, aside):
                aside = None
            try:
                stage.commit()
            except BaseException as error:
                if aside is not None:
                    _put_back(aside, database_path, error)
                raise
    if passphrase is not None:
        database = Database.open(database_path, passphrase)
    else:
        assert recovery_key is not None
        database = Database.open_with_recovery(database_path, recovery_key)
    with database:
        erased = None if history is None else apply_erasure_register(database, history.register)
        kept = 0 if history is None else releases.keep_missing(database, history.releases)
        database.audit("backup_restored", detail=f"sauvegarde du {backup.created_at:%Y-%m-%d}")
        joined = chief_keys(database) is not None
        laptops = [] if joined else [keys_.label for keys_, _, _ in peers(database)]
    return Restored(backup, database_path, aside, erased, laptops, joined, kept)
