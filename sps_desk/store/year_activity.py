"""Whether a civil year holds any recorded work: asked before writing a report or a
statistics file of that year, which would otherwise be pages of zeros.

Counts of live records dated in the year (local calendar dates, deleted records left
out). A support counts when it starts or ends in the year: one left open years ago
does not make a later year, in which nothing was recorded, a year with data (the same
rule as the report's N-1 column: work recorded in the year).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sps_desk.store.database import Database

_DATED = {
    "field_sessions": "field_session",
    "time_entries": "time_entry",
    "interventions": "intervention",
    "collective_sessions": "collective_action_session",
    "referrals": "referral",
    "concern_reports": "concern_report",
}


@dataclass(frozen=True)
class YearActivity:
    """Records of one year: outings, time entries, interventions, collective-action
    sessions, referrals and concern reports dated in the year, and supports that start
    or end in it."""

    year: int
    field_sessions: int
    time_entries: int
    interventions: int
    collective_sessions: int
    referrals: int
    concern_reports: int
    supports: int

    @property
    def empty(self) -> bool:
        """Nothing at all was recorded for the year."""
        return not (self.field_sessions or self.time_entries or self.interventions
                    or self.collective_sessions or self.referrals or self.concern_reports
                    or self.supports)


def year_activity(database: Database, year: int) -> YearActivity:
    """What ``database`` holds for ``year`` (see :class:`YearActivity`)."""
    first, last = f"{year:04d}-01-01", f"{year:04d}-12-31"
    counts = {
        name: database.connection.execute(
            f"SELECT COUNT(*) FROM {table} WHERE deleted_at IS NULL AND date BETWEEN ? AND ?",
            (first, last)).fetchone()[0]
        for name, table in _DATED.items()
    }
    supports = database.connection.execute(
        "SELECT COUNT(*) FROM individual_support WHERE deleted_at IS NULL AND "
        "(start_date BETWEEN ?1 AND ?2 OR end_date BETWEEN ?1 AND ?2)", (first, last)
    ).fetchone()[0]
    return YearActivity(year=year, supports=supports, **counts)


def has_activity(database: Database, year: int) -> bool:
    """Whether ``database`` holds anything for ``year``: ``not year_activity(...).empty``,
    answered by the first record found (each table's date index finds it at once) rather
    than by counting every record of the year (0.1 s on a large base)."""
    first, last = f"{year:04d}-01-01", f"{year:04d}-12-31"
    queries = [
        f"SELECT 1 FROM {table} WHERE deleted_at IS NULL AND date BETWEEN ?1 AND ?2"
        for table in _DATED.values()
    ]
    queries.append("SELECT 1 FROM individual_support WHERE deleted_at IS NULL AND "
                   "(start_date BETWEEN ?1 AND ?2 OR end_date BETWEEN ?1 AND ?2)")
    return any(database.connection.execute(f"{sql} LIMIT 1", (first, last)).fetchone()
               for sql in queries)


def any_hours_recorded(database: Database) -> bool:
    """Whether the base holds at least one live time entry, of any year (a base being
    set up has none: its team was there before its data)."""
    return database.connection.execute(
        "SELECT 1 FROM time_entry WHERE deleted_at IS NULL LIMIT 1").fetchone() is not None
