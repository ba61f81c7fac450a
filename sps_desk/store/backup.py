"""Backups: an encrypted copy of the base *and* its key header, as one pair.

A backup is the database file (after a WAL checkpoint, so it is complete) and its
``.keys`` header, copied under a time-stamped name into the backup folder, each written
atomically. It is exactly as encrypted as the base: the same passphrases and the same
recovery key open it. Restore = copy both files back.
"""

from __future__ import annotations

import shutil
import uuid
from datetime import UTC, datetime
from pathlib import Path

from sps_desk.store import slots
from sps_desk.store.database import Database


def backup(database: Database, folder: Path) -> Path:
    """Copy the base and its header into ``folder``; returns the backup's database path.

    Audited; the time is kept in ``meta`` (``last_backup``, ISO 8601 UTC) for the
    incident sheet.

    Raises:
        OSError: the folder cannot be written (nothing partial is left).
    """
    folder.mkdir(parents=True, exist_ok=True)
    now = datetime.now(UTC)
    target = folder / f"{database.path.stem}-{now:%Y%m%d-%H%M%S}{database.path.suffix}"
    database.connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    pairs = [(database.path, target),
             (slots.header_path(database.path), slots.header_path(target))]
    staged = []
    try:
        for source, destination in pairs:
            temporary = destination.with_name(f".{destination.name}.{uuid.uuid4().hex[:8]}.tmp")
            staged.append((temporary, destination))
            shutil.copyfile(source, temporary)
        for temporary, destination in staged:
            temporary.replace(destination)
    finally:
        for temporary, _ in staged:
            temporary.unlink(missing_ok=True)
    with database.transaction() as connection:
        connection.execute("INSERT OR REPLACE INTO meta(key, value) VALUES ('last_backup', ?)",
                           (now.isoformat(),))
        database.audit("backup")
    return target


def last_backup(database: Database) -> datetime | None:
    """When the last backup was made (UTC), or ``None``."""
    row = database.connection.execute(
        "SELECT value FROM meta WHERE key = 'last_backup'").fetchone()
    return None if row is None else datetime.fromisoformat(row[0])
