"""Numbered migrations: ``migrations/NNNN_name.sql`` files applied in order.

The schema version is ``MAJOR.MINOR``: the minor is the number of the last migration
applied (``PRAGMA user_version``); the major is kept in the ``meta`` table and changes
only when older versions can no longer read the file. A file of a newer major is refused
before anything is written; a newer minor of the same major is readable as is.
"""

from __future__ import annotations

import re
from importlib import resources

import sqlcipher3

SCHEMA_MAJOR = 1
"""Major schema version this application reads and writes."""

_NAME = re.compile(r"^(\d{4})_[a-z0-9_]+\.sql$")


def migrations() -> list[tuple[int, str]]:
    """``(number, sql)`` of every shipped migration, in increasing number.

    Raises:
        RuntimeError: numbers are not 1, 2, 3… without gaps (a packaging error).
    """
    found: list[tuple[int, str]] = []
    for entry in resources.files("sps_desk.store.migrations").iterdir():
        match = _NAME.match(entry.name)
        if match:
            found.append((int(match.group(1)), entry.read_text(encoding="utf-8")))
    found.sort()
    if [number for number, _ in found] != list(range(1, len(found) + 1)):
        raise RuntimeError("migrations manquantes ou mal numérotées dans le paquet")
    return found


def latest_minor() -> int:
    """Number of the last shipped migration."""
    return migrations()[-1][0]


def file_major(connection: sqlcipher3.Connection) -> int | None:
    """Major schema version recorded in an open file, ``None`` for a file without schema."""
    has_meta = connection.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'meta'"
    ).fetchone()
    if not has_meta:
        return None
    row = connection.execute("SELECT value FROM meta WHERE key = 'schema_major'").fetchone()
    return int(row[0]) if row else None


def migrate(connection: sqlcipher3.Connection) -> int:
    """Apply every migration newer than the file's ``user_version``, each atomically.

    Each migration runs in its own transaction with its ``user_version`` bump, so a
    power loss leaves the file at the previous version, never half-migrated. Returns the
    resulting minor version.
    """
    current = connection.execute("PRAGMA user_version").fetchone()[0]
    for number, sql in migrations():
        if number <= current:
            continue
        try:
            connection.executescript(
                f"BEGIN IMMEDIATE;\n{sql}\n"
                "INSERT OR REPLACE INTO meta(key, value) "
                f"VALUES ('schema_major', '{SCHEMA_MAJOR}');\n"
                f"PRAGMA user_version = {number};\nCOMMIT;"
            )
        except sqlcipher3.Error:
            if connection.in_transaction:
                connection.execute("ROLLBACK")
            raise
        current = number
    return current
