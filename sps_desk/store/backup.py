"""Backups: a consistent, verified, encrypted copy of the base with its key file.

A backup is one folder, ``{base name}-{local date and time}``, holding:

- the database, copied online through SQLite's backup API from a read snapshot (other
  windows and commands may go on writing meanwhile), encrypted with the same raw key —
  which never leaves memory — and switched to a rollback journal so that it is one
  self-contained file;
- the ``.keys`` header as it was, so the same passphrases and recovery key open it;
- ``sauvegarde.json``, the manifest: format and version, time (UTC), the base's id and
  schema, automatic or asked, and each file's size and SHA-256.

The folder is built under a hidden name and renamed only once complete and synced
(:func:`sps_desk.atomic.staged_folder`); then it is read back: both checksums, and the
database opened read-only with the key and every page checked (SQLCipher's HMAC). Only
a backup that passed is recorded in the base (``backup_log``, audited). Restore:
:mod:`sps_desk.store.restore`; automatic backups, rotation and the reminder:
:mod:`sps_desk.store.backup_schedule`.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import json
import os
import shutil
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import sqlcipher3

from sps_desk import __version__, atomic
from sps_desk.errors import SpsDeskError
from sps_desk.inputs import read_input
from sps_desk.store import slots
from sps_desk.store.errors import StoreError
from sps_desk.store.keys import apply_raw_key

if TYPE_CHECKING:
    from sps_desk.store.database import Database

FORMAT = "sps-desk-sauvegarde"
VERSION = 1
MANIFEST = "sauvegarde.json"
_MANIFEST_LIMIT = 64 * 1024
_MARGIN = 1024 * 1024
"""Free space wanted beyond the copy's size (manifest, key file, folder entries)."""


class BackupError(StoreError):
    """A backup cannot be made, read or used (French message naming the folder)."""


class NotABackup(BackupError):
    """The path is not an sps_desk backup (no manifest, or another kind of file)."""

    def __init__(self, location: Path, reason: str) -> None:
        super().__init__(
            f"{location} n'est pas une sauvegarde sps_desk ({reason}) : choisissez le "
            f"dossier d'une sauvegarde, celui qui contient {MANIFEST}. Rien n'a été modifié.")


class BackupDamaged(BackupError):
    """A file of the backup is missing or does not match its checksum."""

    def __init__(self, folder: Path, reason: str) -> None:
        super().__init__(
            f"La sauvegarde {folder} est endommagée ({reason}) : elle n'a pas été utilisée. "
            "Choisissez une autre sauvegarde (la précédente, ou celle d'un autre support).")


@dataclass(frozen=True)
class Backup:
    """A backup folder as its manifest describes it.

    ``created_at`` is UTC; ``base_id`` the id of the base it copies (its device id);
    ``bytes`` the size of the database file; ``checksums`` file name → SHA-256 (hex).
    """

    folder: Path
    created_at: datetime
    database_name: str
    base_id: str
    service: str
    schema: str
    automatic: bool
    bytes: int
    checksums: dict[str, str]

    @property
    def database_path(self) -> Path:
        """The copy of the database inside the folder."""
        return self.folder / self.database_name

    @property
    def keys_path(self) -> Path:
        """Its key header."""
        return slots.header_path(self.database_path)


# ------------------------------------------------------------------ writing


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for chunk in iter(lambda: stream.read(1024 * 1024), b""):
            digest.update(chunk)
    return digest.hexdigest()


def connect_read_only(path: Path, key: bytes) -> sqlcipher3.Connection:
    """A read-only connection to the encrypted file ``path`` with its raw ``key``."""
    connection = sqlcipher3.connect(f"file:{path}?mode=ro", uri=True, isolation_level=None,
                                    check_same_thread=False)
    apply_raw_key(connection, key)
    return connection


def _verify(connection: sqlcipher3.Connection, where: Path) -> None:
    """Every page of the file read back and its HMAC checked, and the schema read;
    raises :class:`BackupDamaged`. (The structure itself is the source's, copied page by
    page by SQLite: ``quick_check`` would add a third of the time and find nothing the
    HMACs did not.)"""
    try:
        failures = connection.execute("PRAGMA cipher_integrity_check").fetchall()
        connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlcipher3.DatabaseError as error:
        raise BackupDamaged(where, "la copie de la base est illisible") from error
    if failures:
        raise BackupDamaged(where, "la copie de la base échoue au contrôle d'intégrité")


def _facts(connection: sqlcipher3.Connection) -> tuple[str, str, str]:
    """The base's id, service name and schema version ``MAJOR.MINOR``."""
    meta = dict(connection.execute(
        "SELECT key, value FROM meta WHERE key IN ('device_id', 'schema_major')").fetchall())
    minor = connection.execute("PRAGMA user_version").fetchone()[0]
    service = connection.execute("SELECT name FROM service LIMIT 1").fetchone()
    return (str(meta.get("device_id", "")), service[0] if service else "",
            f"{meta.get('schema_major', '1')}.{minor}")


def _folder_name(database_path: Path, now: datetime, destination: Path) -> str:
    stamp = now.astimezone().strftime("%Y-%m-%d-%H%M%S")
    name = f"{database_path.stem}-{stamp}"
    number = 1
    while (destination / name).exists():
        number += 1
        name = f"{database_path.stem}-{stamp}-{number}"
    return name


def _destination_ready(destination: Path) -> None:
    if destination.is_dir():
        return
    if destination.exists():
        raise BackupError(f"{destination} est un fichier, pas un dossier : choisissez le "
                          "dossier où ranger les sauvegardes. Rien n'a été écrit.")
    if not destination.parent.is_dir():
        raise BackupError(
            f"Le dossier de sauvegarde {destination} est introuvable (clé USB débranchée, "
            "dossier réseau indisponible ?) : branchez le support ou choisissez un autre "
            "dossier. Rien n'a été écrit.")
    try:
        destination.mkdir(mode=0o700)
    except OSError as error:
        raise atomic.failure(destination / MANIFEST, error, folder=True) from error


def copy_base(database_path: Path, key: bytes, destination: Path, *, automatic: bool = False,
              now: datetime | None = None) -> Backup:
    """Write a verified backup of the base at ``database_path`` (open elsewhere or not)
    into a new folder inside ``destination``; returns it. Writes nothing into the base:
    safe to run on another thread than the base's (:func:`record_backup` afterwards).

    ``key`` is the raw database key (``Database.database_key``). ``destination`` is
    created if its parent exists.

    Raises:
        BackupError: ``destination`` is missing (unplugged key) or is a file.
        NotEnoughSpace: less free space there than the base's size.
        AtomicWriteFailed: a write failed (full disk, I/O error…); nothing is left.
        BackupDamaged: the copy read back does not match (faulty medium); nothing is left.
    """
    now = now or datetime.now(UTC)
    _destination_ready(destination)
    source = connect_read_only(database_path, key)
    try:
        pages = int(source.execute("PRAGMA page_count").fetchone()[0])
        page_size = int(source.execute("PRAGMA page_size").fetchone()[0])
        atomic.require_free_space(destination, pages * page_size + _MARGIN)
        header = slots.header_path(database_path).read_bytes()
        slots.read_header(database_path)  # a damaged header is not backed up as good
        name = _folder_name(database_path, now, destination)
        with atomic.staged_folder(destination / name) as work:
            copy = work / database_path.name
            atomic.new_file(copy)
            target = sqlcipher3.connect(str(copy), isolation_level=None)
            try:
                apply_raw_key(target, key)
                try:
                    source.backup(target)  # one step: one consistent read snapshot
                    target.execute("PRAGMA journal_mode = DELETE")
                except sqlcipher3.Error as error:
                    raise atomic.failure(copy, OSError(_errno(error), str(error))) from error
                base_id, service, schema = _facts(target)
            finally:
                target.close()
            keys = slots.header_path(copy)
            atomic.new_file(keys)
            keys.write_bytes(header)
            manifest = {
                "format": FORMAT, "version": VERSION, "created_at": now.isoformat(),
                "automatic": automatic, "database": copy.name, "base_id": base_id,
                "service": service, "schema": schema, "application": __version__,
                "files": {path.name: {"bytes": path.stat().st_size, "sha256": _sha256(path)}
                          for path in (copy, keys)},
            }
            atomic.new_file(work / MANIFEST)
            (work / MANIFEST).write_bytes(
                (json.dumps(manifest, indent=1, ensure_ascii=False) + "\n").encode())
    finally:
        source.close()
    try:
        backup = check_backup(destination / name)
        verify_opens(backup, key)
    except BackupDamaged:
        # Read back differently than written (a failing USB key…): not a backup.
        shutil.rmtree(destination / name, ignore_errors=True)
        raise
    return backup


def _errno(error: sqlcipher3.Error) -> int:
    name = getattr(error, "sqlite_errorname", "")
    return errno.ENOSPC if name.startswith("SQLITE_FULL") else errno.EIO


def verify_opens(backup: Backup, key: bytes) -> None:
    """Open the backup's database read-only with ``key`` and check every page.

    Raises:
        BackupDamaged: it does not open or fails a check.
    """
    try:
        connection = connect_read_only(backup.database_path, key)
    except sqlcipher3.Error as error:
        raise BackupDamaged(backup.folder, "la copie de la base ne s'ouvre pas") from error
    with contextlib.closing(connection):
        _verify(connection, backup.folder)


def record_backup(database: Database, backup: Backup) -> None:
    """Note a verified backup in the base (``backup_log``) and the audit log.

    « Off-disk » (what the reminder counts) means written on another disk than the
    base's: a USB key, a network folder, another drive.
    """
    off_disk = _device(backup.folder) != _device(database.path)
    with database.transaction() as connection:
        connection.execute(
            "INSERT INTO backup_log(at, name, destination, automatic, off_disk, bytes) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            (backup.created_at.isoformat(), backup.folder.name, str(backup.folder.parent),
             int(backup.automatic), int(off_disk), backup.bytes))
        database.audit("backup", detail=("automatique" if backup.automatic else "demandée")
                       + (", autre disque" if off_disk else ", même disque"))


def _device(path: Path) -> int | None:
    try:
        return os.stat(path).st_dev
    except OSError:
        return None


def create_backup(database: Database, destination: Path, *, automatic: bool = False,
                  now: datetime | None = None) -> Backup:
    """:func:`copy_base` of the open ``database`` into ``destination``, then
    :func:`record_backup`. Same errors as :func:`copy_base`."""
    assert database.database_key is not None
    backup = copy_base(database.path, database.database_key, destination,
                       automatic=automatic, now=now)
    record_backup(database, backup)
    return backup


def last_backup(database: Database) -> datetime | None:
    """When the last backup was made (UTC), or ``None``."""
    row = database.connection.execute("SELECT max(at) FROM backup_log").fetchone()
    return None if row is None or row[0] is None else datetime.fromisoformat(row[0])


# ------------------------------------------------------------------ reading


def _folder_of(location: Path) -> Path:
    if location.is_dir():
        return location
    if location.name == MANIFEST or (location.parent / MANIFEST).exists():
        return location.parent
    return location


def read_backup(location: Path) -> Backup:
    """The backup at ``location`` (its folder, its manifest or a file in it), from its
    manifest only (see :func:`check_backup`).

    Raises:
        NotABackup: no readable manifest of this format.
        InputRefused: the manifest is not a small regular file.
    """
    folder = _folder_of(location)
    manifest_path = folder / MANIFEST
    if not manifest_path.is_file():
        raise NotABackup(location, f"{MANIFEST} est introuvable"
                         if location.exists() else "introuvable")
    raw = read_input(manifest_path, limit=_MANIFEST_LIMIT, what="sauvegarde")
    try:
        document: dict[str, Any] = json.loads(raw.decode("utf-8"))
        if document["format"] != FORMAT:
            raise ValueError("format")
        if int(document["version"]) > VERSION:
            raise NotABackup(location, "format plus récent que cette version de sps_desk")
        files = {str(name): str(entry["sha256"]) for name, entry in document["files"].items()}
        database_name = str(document["database"])
        if Path(database_name).name != database_name or database_name not in files:
            raise ValueError("database")
        return Backup(
            folder=folder, created_at=datetime.fromisoformat(document["created_at"]),
            database_name=database_name, base_id=str(document["base_id"]),
            service=str(document.get("service", "")), schema=str(document["schema"]),
            automatic=bool(document["automatic"]),
            bytes=int(document["files"][database_name]["bytes"]), checksums=files)
    except (ValueError, KeyError, TypeError, AttributeError, UnicodeDecodeError):
        raise NotABackup(location, f"{MANIFEST} est illisible") from None


def check_backup(location: Path) -> Backup:
    """:func:`read_backup`, then every file present with its size and checksum.

    Raises:
        NotABackup, InputRefused: as :func:`read_backup`.
        BackupDamaged: a file is missing, truncated or altered.
    """
    backup = read_backup(location)
    for name, expected in backup.checksums.items():
        path = backup.folder / name
        if Path(name).name != name or not path.is_file():
            raise BackupDamaged(backup.folder, f"le fichier {name} manque")
        if _sha256(path) != expected:
            raise BackupDamaged(backup.folder, f"le fichier {name} a été modifié ou tronqué")
    if backup.keys_path.name not in backup.checksums:
        raise BackupDamaged(backup.folder, "le fichier des clés manque")
    return backup


def list_backups(folder: Path, base_id: str | None = None) -> list[Backup]:
    """The readable backups directly inside ``folder`` (of the base ``base_id`` only, if
    given), oldest first; unreadable folders are skipped (nothing is checked deeply)."""
    found = []
    try:
        entries = sorted(folder.iterdir())
    except OSError:
        return []
    for entry in entries:
        if entry.name.startswith(".") or not (entry / MANIFEST).is_file():
            continue
        with contextlib.suppress(SpsDeskError, OSError):
            backup = read_backup(entry)
            if base_id is None or backup.base_id == base_id:
                found.append(backup)
    return sorted(found, key=lambda b: b.created_at)
