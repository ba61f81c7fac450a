"""The annual job: statistics of a year written as JSON, and the PDF report.

Used by ``sps-desk report`` and by the window's Rapport page. Files are written
atomically (temporary file in the same folder, then rename) so an interrupted run never
leaves a half-written report where the previous one was.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

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


def write_json_atomically(path: Path, text: str) -> None:
    """Write UTF-8 ``text`` to ``path`` through a temporary file, fsync, then rename."""
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _previous_year(database: Database, year: int) -> AnnualStatistics | None:
    previous = compute_statistics(database, year - 1)
    has_data = previous.hours.total or previous.contacts.field_sessions or previous.supported.total
    return previous if has_data else None


def write_annual_report(
    database: Database, year: int, out_dir: Path, progress: Progress | None = None
) -> ReportFiles:
    """Compute ``year``'s statistics and write ``rapport-activite-YYYY.pdf`` and
    ``statistiques-YYYY.json`` into ``out_dir`` (created if needed).

    Only reads the base. Raises ``OSError`` when the folder cannot be written.
    """
    report = progress or (lambda _percent, _label: None)
    out_dir.mkdir(parents=True, exist_ok=True)
    report(5, "Calcul des statistiques")
    stats = compute_statistics(database, year)
    previous = _previous_year(database, year)
    report(35, "Écriture du fichier statistique")
    json_path = out_dir / statistics_filename(year)
    write_json_atomically(json_path, stats.model_dump_json(indent=2) + "\n")
    report(45, "Mise en page du rapport PDF")
    pdf_path = out_dir / report_filename(year)
    render_report(stats, pdf_path, previous)
    report(100, "Rapport terminé")
    return ReportFiles(pdf=pdf_path, json=json_path)
