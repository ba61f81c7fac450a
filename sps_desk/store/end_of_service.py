"""End of service: destroy the base, its key slots, its backups and its settings.

Convention art. 9: at the end of the service every personal data is destroyed, with
written proof. The key header is overwritten before deletion, so that even a copy of the
database file left on a disk the system does not let us overwrite (SSD wear levelling,
a forgotten USB stick) can no longer be decrypted: without the slots nobody holds the
database key (crypto-erasure). The counts and the SHA-256 of every file are taken before
deletion, for the destruction certificate.
"""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sps_desk.store import slots
from sps_desk.store.database import Database
from sps_desk.store.retention import file_hashes

_COUNTED = {
    "jeunes": "young_person", "identités": "identity",
    "accompagnements": "individual_support", "interventions": "intervention",
    "sorties de travail de rue": "field_session", "actions collectives": "collective_action",
    "saisies de temps": "time_entry",
}


@dataclass(frozen=True)
class ServiceDestroyed:
    """What was destroyed: counts by French label, SHA-256 by file name, who and when."""

    service_name: str
    operator: str
    at: datetime
    counts: dict[str, int]
    hashes: dict[str, str]


def files_of(database_path: Path, backup_dirs: list[Path], settings: list[Path]) -> list[Path]:
    """Every file the end of service destroys: the base, its WAL and shared memory, its
    key header, the copies a restore set aside beside it, every backup of it in
    ``backup_dirs`` (a folder per backup, and the pairs of older versions), and the
    ``settings`` files."""
    found = [database_path, Path(f"{database_path}-wal"), Path(f"{database_path}-shm"),
             slots.header_path(database_path)]
    aside = f"{database_path.stem}-avant-restauration-*{database_path.suffix}"
    for suffix in ("", "-wal", ".keys"):
        found += sorted(database_path.parent.glob(aside + suffix))
    for folder in backup_dirs:
        found += sorted(folder.glob(f"{database_path.stem}-*{database_path.suffix}"))
        found += sorted(folder.glob(f"{database_path.stem}-*{database_path.suffix}.keys"))
        for backup in sorted(folder.glob(f"{database_path.stem}-*/sauvegarde.json")):
            found += sorted(backup.parent.iterdir())
    found += settings
    return [path for path in found if path.is_file()]


def _overwrite(path: Path) -> None:
    size = path.stat().st_size
    with path.open("r+b") as handle:
        handle.write(secrets.token_bytes(size))
        handle.flush()
        os.fsync(handle.fileno())


def destroy_service(
    database: Database, backup_dirs: list[Path], settings: list[Path]
) -> ServiceDestroyed:
    """Close and destroy the base and everything listed by :func:`files_of` (chief only).

    Key headers are overwritten with random bytes first (crypto-erasure), then every file
    is overwritten and deleted. The database object is closed.

    Raises:
        ChiefOnly: not a chief. OSError: a file could not be destroyed (the rest is
        still attempted; the error names the first failure).
    """
    database.require_chief("fin de service")
    counts = {
        label: database.connection.execute(
            f"SELECT count(*) FROM {table} WHERE deleted_at IS NULL").fetchone()[0]
        for label, table in _COUNTED.items()
    }
    service_name = database.service().name
    operator = database.current_user.display_name if database.current_user else "-"
    database.close()
    doomed = files_of(database.path, backup_dirs, settings)
    hashes = file_hashes(doomed)
    first_error: OSError | None = None
    # Key headers first: once they are gone, nothing left anywhere can be decrypted.
    for path in sorted(doomed, key=lambda p: not p.name.endswith(".keys")):
        try:
            _overwrite(path)
            path.unlink()
        except OSError as error:
            first_error = first_error or error
    if first_error is not None:
        raise first_error
    return ServiceDestroyed(service_name, operator, datetime.now(UTC), counts, hashes)
