"""The annual job: a year's statistics as JSON, the PDF report, the XLSX workbook and one
CSV file per table.

Used by ``sps-desk report`` and by the window's Rapport page. Everything is computed and
laid out in memory first; the files are then staged next to their targets and renamed
(:func:`~sps_desk.reports.files.write_all_atomically`), so a cancelled or failed run
never leaves a half-written report, nor a PDF that disagrees with its workbook.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from sps_desk.errors import SpsDeskError
from sps_desk.reports.csv_export import csv_bytes, csv_filename
from sps_desk.reports.files import ReportWriteFailed, write_all_atomically
from sps_desk.reports.model import AnnualStatistics
from sps_desk.reports.pdf import report_filename, report_pdf_bytes
from sps_desk.reports.spreadsheet import workbook_bytes, workbook_filename
from sps_desk.reports.statistics import statistics_and_previous
from sps_desk.reports.tables import report_tables
from sps_desk.store.database import Database

Progress = Callable[[int, str], None]
"""Progress callback: (percent 0–100, French label of the step)."""

Cancelled = Callable[[], bool]
"""Asked between steps and after every laid-out PDF element: true stops the job."""


class GenerationCancelled(SpsDeskError):
    """The user stopped the generation; no file was written or replaced."""


@dataclass(frozen=True)
class ReportFiles:
    """Paths of the files written for one year (``csv``: one per table, in order)."""

    pdf: Path
    json: Path
    xlsx: Path | None = None
    csv: tuple[Path, ...] = field(default_factory=tuple)


def statistics_filename(year: int) -> str:
    """``statistiques-YYYY.json``."""
    return f"statistiques-{year}.json"


def previous_year(database: Database, year: int) -> AnnualStatistics | None:
    """Statistics of ``year - 1`` when that year has data, else ``None``.

    A year has data when hours or field sessions were recorded in it (see
    :func:`~sps_desk.reports.statistics.statistics_and_previous`).
    """
    return statistics_and_previous(database, year)[1]


def _pdf_progress(report: Progress, check: Callable[[], None]) -> Callable[[int, int], None]:
    """Map the PDF layout passes onto 30–90 %, never going back.

    The first pass goes to 60 %, the second to 85 %, any further one to 90 % (the
    table of contents usually settles after two).
    """
    spans = ((30, 30), (60, 25), (85, 5))
    state = {"pass": 0, "last": -1}

    def on_flowable(done: int, total: int) -> None:
        check()
        if done == 1:
            state["pass"] += 1
        start, width = spans[min(state["pass"], len(spans)) - 1]
        percent = max(start + int(width * min(done / max(total, 1), 1.0)), state["last"])
        if percent != state["last"]:
            state["last"] = percent
            report(percent, "Mise en page du rapport PDF")

    return on_flowable


def write_annual_report(
    database: Database,
    year: int,
    out_dir: Path,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> ReportFiles:
    """Compute ``year``'s statistics and write into ``out_dir`` (created if needed):
    ``rapport-activite-YYYY.pdf``, ``statistiques-YYYY.json``, ``statistiques-YYYY.xlsx``
    and ``statistiques-YYYY-<table>.csv`` for every table.

    Only reads the base. The chief's sections of the year are printed in the PDF.

    Raises:
        GenerationCancelled: ``cancelled()`` became true; nothing was written.
        ReportWriteFailed: a file cannot be written (French message, an ``OSError``);
            no file was replaced.
    """
    report = progress or (lambda _percent, _label: None)

    def check() -> None:
        if cancelled is not None and cancelled():
            raise GenerationCancelled(
                "Génération du rapport annulée : aucun fichier n'a été écrit ni remplacé."
            )

    check()
    report(5, "Calcul des statistiques")
    stats, previous = statistics_and_previous(database, year)
    sections = database.repos.report_sections.for_year(year)
    check()
    report(20, "Préparation du classeur et des fichiers CSV")
    tables = report_tables(stats, previous)
    json_text = stats.model_dump_json(indent=2) + "\n"
    files: dict[Path, bytes] = {
        out_dir / statistics_filename(year): json_text.encode("utf-8"),
        out_dir / workbook_filename(year): workbook_bytes(tables),
    }
    csv_paths = tuple(out_dir / csv_filename(year, table) for table in tables)
    for path, table in zip(csv_paths, tables, strict=True):
        files[path] = csv_bytes(table)
    check()
    report(30, "Mise en page du rapport PDF")
    pdf_path = out_dir / report_filename(year)
    files[pdf_path] = report_pdf_bytes(
        stats, previous, sections, on_flowable=_pdf_progress(report, check)
    )
    check()
    report(92, "Écriture des fichiers")
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise ReportWriteFailed(
            f"Impossible de créer le dossier {out_dir} : choisissez un dossier où vous "
            "pouvez écrire."
        ) from error
    write_all_atomically(files)
    report(100, "Rapport terminé")
    return ReportFiles(
        pdf=pdf_path,
        json=out_dir / statistics_filename(year),
        xlsx=out_dir / workbook_filename(year),
        csv=csv_paths,
    )
