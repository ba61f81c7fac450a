"""The release history: what each diffusion release published (issue #11).

Every statistics file and diffusion report that leaves the service is recorded here,
in the encrypted base: year, kind (``export`` or ``report``), UTC time, release number
of the year, SHA-256 of the published content, the published file (JSON, masked cells
``null``), the same file with every value, and the masked cell paths. A later release
of a year, or of a year next to it, is protected jointly with these
(:mod:`sps_desk.reports.release`). Aggregates only; the table never travels to laptops.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Literal

from sps_desk.store.database import Database

ReleaseKind = Literal["export", "report"]

_COLUMNS = "id, year, kind, released_at, number, sha256, published, full_values, masked"


@dataclass(frozen=True)
class Release:
    """One recorded release. ``published`` and ``full_values`` are statistics-file JSON
    texts; ``masked`` the masked cell paths; ``released_at`` an ISO 8601 UTC time."""

    id: int
    year: int
    kind: ReleaseKind
    released_at: str
    number: int
    sha256: str
    published: str
    full_values: str
    masked: tuple[str, ...]


def _release(row: tuple) -> Release:
    return Release(row[0], row[1], row[2], row[3], row[4], row[5], row[6], row[7],
                   tuple(json.loads(row[8])))


def record(
    database: Database, *, year: int, kind: ReleaseKind, number: int, sha256: str,
    published: str, full_values: str, masked: Iterable[str],
) -> Release:
    """Append one release (in the caller's transaction, or its own) and return it."""
    at = datetime.now(UTC).isoformat(timespec="seconds")
    with database.transaction() as connection:
        cursor = connection.execute(
            "INSERT INTO diffusion_release(year, kind, released_at, number, sha256, "
            "published, full_values, masked) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (year, kind, at, number, sha256, published, full_values,
             json.dumps(sorted(masked))),
        )
        row_id = cursor.lastrowid
    row = database.connection.execute(
        f"SELECT {_COLUMNS} FROM diffusion_release WHERE id = ?", (row_id,)).fetchone()
    return _release(row)


def of_years(database: Database, years: Iterable[int]) -> list[Release]:
    """Every release of ``years``, oldest first."""
    wanted = sorted(set(years))
    if not wanted:
        return []
    marks = ", ".join("?" for _ in wanted)
    rows = database.connection.execute(
        f"SELECT {_COLUMNS} FROM diffusion_release WHERE year IN ({marks}) ORDER BY id",
        wanted).fetchall()
    return [_release(row) for row in rows]
