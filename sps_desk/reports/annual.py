"""The annual job: one version of the year's report as PDF, statistics (JSON), workbook
(XLSX) and one CSV file per table.

Used by ``sps-desk report`` and by the window's Rapport page. Two versions:

- **diffusion** (the default), for the Département and the partners: the release of
  :func:`~sps_desk.reports.release.prepare_diffusion` (statistical secrecy applied
  jointly with earlier releases, the chief's texts leak-scanned). The JSON is the very
  statistics file ``sps-desk export`` writes; the PDF, XLSX and CSVs print exactly its
  published values, hidden counts as « s »; the N-1 column is the release of N-1. The
  release is recorded (:func:`~sps_desk.reports.release.record_release`) just before the
  files are written.
- **internal**, for the service only: every raw figure; every file name ends in
  ``-interne`` and every PDF page is marked « Document interne ».

Everything is computed and laid out in memory first; the files are then staged next to
their targets and renamed (:func:`sps_desk.atomic.write_files`), so a
cancelled or failed run never leaves a half-written report, nor a PDF that disagrees
with its workbook.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from sps_desk.atomic import AtomicWriteFailed, write_files
from sps_desk.errors import SpsDeskError, os_reason
from sps_desk.reports.csv_export import csv_bytes, csv_filename
from sps_desk.reports.export import file_json
from sps_desk.reports.figures import (
    CHIEF_SECTION_KEYS,
    ReportFigures,
    Variant,
    figures_from_file,
    figures_from_statistics,
)
from sps_desk.reports.model import AnnualStatistics
from sps_desk.reports.pdf import report_filename, report_pdf_bytes
from sps_desk.reports.release import Diffusion, prepare_diffusion, record_release
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
    """Paths of the files written for one year and version (``csv``: one per table, in
    order); ``variant`` says which version they are; ``changes`` (diffusion only): French
    lines, counts only, on what changed since the last release of the same year."""

    pdf: Path
    json: Path
    xlsx: Path | None = None
    csv: tuple[Path, ...] = field(default_factory=tuple)
    variant: Variant = "diffusion"
    changes: tuple[str, ...] = ()


def statistics_filename(year: int, variant: Variant = "diffusion") -> str:
    """``statistiques-YYYY.json``, or ``statistiques-YYYY-interne.json``."""
    return f"statistiques-{year}{_suffix(variant)}.json"


def _suffix(variant: Variant) -> str:
    return "-interne" if variant == "internal" else ""


def previous_year(database: Database, year: int) -> AnnualStatistics | None:
    """Raw statistics of ``year - 1`` when that year has data, else ``None``.

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


@dataclass(frozen=True)
class _Version:
    """What one version prints and writes, before layout."""

    figures: ReportFigures
    previous: ReportFigures | None
    json: bytes
    masked_reasons: Mapping[str, str] | None = None
    release: Diffusion | None = None


def _diffusion(database: Database, year: int) -> _Version:
    release = prepare_diffusion(database, year)
    return _Version(
        figures=figures_from_file(release.current),
        previous=figures_from_file(release.previous) if release.previous else None,
        json=file_json(release.current),
        release=release,
    )


def _internal(database: Database, year: int) -> _Version:
    stats, previous = statistics_and_previous(database, year)
    record = database.repos.report_sections.for_year(year)
    texts = {key: getattr(record, key) for key in CHIEF_SECTION_KEYS}
    return _Version(
        figures=figures_from_statistics(stats, texts),
        previous=figures_from_statistics(previous) if previous else None,
        json=(stats.model_dump_json(indent=2) + "\n").encode("utf-8"),
        masked_reasons=_masked_reasons(database, year),
    )


def _masked_reasons(database: Database, year: int) -> dict[str, str] | None:
    """What the diffusion version of ``year`` hides and why, for the internal annex;
    ``None`` when it cannot be prepared here (an educator unlocked the base, a text must
    be reworded first…): the internal version is still written, without that list."""
    if not database.is_chief:
        return None
    try:
        return dict(prepare_diffusion(database, year).internal_reasons)
    except SpsDeskError:
        return None


def write_annual_report(
    database: Database,
    year: int,
    out_dir: Path,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
    *,
    variant: Variant = "diffusion",
) -> ReportFiles:
    """Write one version of ``year``'s report into ``out_dir`` (created if needed).

    Diffusion (default): ``rapport-activite-YYYY.pdf``, ``statistiques-YYYY.json`` (the
    protected statistics file), ``statistiques-YYYY.xlsx`` and
    ``statistiques-YYYY-<table>.csv``, all with the published values; the release is
    then recorded in the base. Internal: the same names ending in ``-interne``, raw
    figures, every PDF page marked « Document interne ».

    Raises:
        ChiefOnly: a diffusion version asked by an educator (only the chief publishes).
        LeakFound: a text of the diffusion version contains a protected value (the error
            names the field); nothing was written.
        DisclosureError: statistical secrecy cannot be guaranteed; nothing was written.
        GenerationCancelled: ``cancelled()`` became true; nothing was written.
        AtomicWriteFailed: a file cannot be written (French message naming it, an
            ``OSError``); no file was replaced.
    """
    report = progress or (lambda _percent, _label: None)

    def check() -> None:
        if cancelled is not None and cancelled():
            raise GenerationCancelled(
                "Génération du rapport annulée : aucun fichier n'a été écrit ni remplacé."
            )

    check()
    if variant == "diffusion":
        report(5, "Calcul des statistiques et secret statistique")
        version = _diffusion(database, year)
    else:
        report(5, "Calcul des statistiques")
        version = _internal(database, year)
    check()
    report(20, "Préparation du classeur et des fichiers CSV")
    tables = report_tables(version.figures, version.previous)
    files: dict[Path, bytes] = {
        out_dir / statistics_filename(year, variant): version.json,
        out_dir / workbook_filename(year, variant): workbook_bytes(tables),
    }
    csv_paths = tuple(out_dir / csv_filename(year, table, variant) for table in tables)
    for path, table in zip(csv_paths, tables, strict=True):
        files[path] = csv_bytes(table)
    check()
    report(30, "Mise en page du rapport PDF")
    pdf_path = out_dir / report_filename(year, variant)
    files[pdf_path] = report_pdf_bytes(
        version.figures, version.previous, variant=variant,
        masked_reasons=version.masked_reasons, on_flowable=_pdf_progress(report, check),
    )
    check()
    report(92, "Écriture des fichiers")
    _make_folder(out_dir)
    # Recorded before writing: a release that fails to write leaves a spare record (the
    # next one is protected against figures never sent), never a file the base forgot.
    if version.release is not None:
        record_release(database, version.release, "report")
    write_files(files)
    report(100, "Rapport terminé")
    return ReportFiles(
        pdf=pdf_path,
        json=out_dir / statistics_filename(year, variant),
        xlsx=out_dir / workbook_filename(year, variant),
        csv=csv_paths,
        variant=variant,
        changes=tuple(version.release.changes) if version.release else (),
    )


def _make_folder(out_dir: Path) -> None:
    """Create ``out_dir`` (and its parents) if needed.

    Raises:
        AtomicWriteFailed: it cannot be created (French message naming the folder).
    """
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise AtomicWriteFailed(
            f"Impossible de créer le dossier {out_dir} : {os_reason(error.errno)}. "
            "Choisissez un dossier où vous pouvez écrire.", error.errno, out_dir
        ) from error

