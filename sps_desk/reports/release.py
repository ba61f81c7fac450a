"""A diffusion release: what leaves the service for one year, and the record of it.

``sps-desk export`` and the diffusion version of ``sps-desk report`` both go through
:func:`prepare_diffusion` (compute, protect, leak-scan; nothing written) and, once their
files are written, :func:`record_release` (note in the encrypted base what was
published).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from sps_desk.reports.export import prepare_export, prepare_year_file, record_export
from sps_desk.reports.model import FIRST_REPORT_YEAR
from sps_desk.reports.statistics_file import StatisticsFile
from sps_desk.store.database import Database

ReleaseKind = Literal["export", "report"]
"""``export``: the statistics file; ``report``: the diffusion report (PDF, XLSX, CSV)."""


@dataclass(frozen=True)
class Diffusion:
    """Everything a diffusion release of year N publishes.

    ``current``: year N, statistical secrecy applied and leak-scanned, exactly what is
    published. ``previous``: year N−1 as published (the release already made for it,
    else computed and protected now), ``None`` when N−1 has no data. ``changes``: French
    lines, counts only, saying what changed since the last release of year N (empty for
    a first release). ``internal_reasons``: hidden cell path → French reason, for the
    internal report and the audit log only (never published).
    """

    current: StatisticsFile
    previous: StatisticsFile | None
    changes: list[str]
    internal_reasons: dict[str, str]


def prepare_diffusion(database: Database, year: int) -> Diffusion:
    """The diffusion release of ``year``: nothing is written.

    Raises:
        ChiefOnly: the base was not unlocked by a chief.
        LeakFound: a free text that would leave contains a protected value (the error
            names the field and the matched words).
        DisclosureError: statistical secrecy cannot be guaranteed.
    """
    current = prepare_export(database, year)
    previous = None
    if year - 1 >= FIRST_REPORT_YEAR:
        previous = prepare_year_file(database, year - 1, require_data=True)
    reasons = {note.cell: note.explanation for note in current.disclosure.suppressions}
    return Diffusion(current=current, previous=previous, changes=[],
                     internal_reasons=reasons)


def record_release(database: Database, diffusion: Diffusion, kind: ReleaseKind) -> None:
    """Record that ``diffusion`` was published as ``kind`` (audited, counts only)."""
    record_export(database, diffusion.current)
