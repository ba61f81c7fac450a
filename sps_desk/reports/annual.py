"""The annual job: statistics of a year written as JSON, and the PDF report.

Used by ``sps-desk report`` and by the window's Rapport page. Files are written
atomically (temporary file in the same folder, then rename) so an interrupted run never
leaves a half-written report where the previous one was.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sps_desk.reports.files import write_atomically
from sps_desk.reports.model import AnnualStatistics
from sps_desk.reports.pdf import render_report, report_filename
from sps_desk.reports.statistics import compute_statistics
from sps_desk.store.database import Database

Progress = Callable[[int, str], None]
"""Progress callback: (percent 0–100, French label of the step)."""


@dataclass(frozen=True)
class ReportFiles:
    """Paths of the files written for one year."""

    pdf: Path
    json: Path


def statistics_filename(year: int) -> str:
    """``statistiques-YYYY.json``."""
    return f"statistiques-{year}.json"


def _previous_year(database: Database, year: int) -> AnnualStatistics | None:
    # A support that merely started in N-1 does not make N-1 a year with data: the
    # comparison column is shown only when work was recorded then.
    previous = compute_statistics(database, year - 1)
    has_data = previous.hours.total > 0 or previous.contacts.field_sessions > 0
    return previous if has_data else None


def write_annual_report(
    database: Database, year: int, out_dir: Path, progress: Progress | None = None
) -> ReportFiles:
    """Compute ``year``'s statistics and write ``rapport-activite-YYYY.pdf`` and
    ``statistiques-YYYY.json`` into ``out_dir`` (created if needed).

    Only reads the base.

    Raises:
        ReportWriteFailed: a file cannot be written (French message, an ``OSError``).
    """
    report = progress or (lambda _percent, _label: None)
    out_dir.mkdir(parents=True, exist_ok=True)
    report(5, "Calcul des statistiques")
    stats = compute_statistics(database, year)
    previous = _previous_year(database, year)
    report(35, "Écriture du fichier statistique")
    json_path = out_dir / statistics_filename(year)
    text = stats.model_dump_json(indent=2) + "\n"
    write_atomically(json_path, lambda stream: stream.write(text.encode("utf-8")))
    report(45, "Mise en page du rapport PDF")
    pdf_path = out_dir / report_filename(year)
    render_report(stats, pdf_path, previous)
    report(100, "Rapport terminé")
    return ReportFiles(pdf=pdf_path, json=json_path)
