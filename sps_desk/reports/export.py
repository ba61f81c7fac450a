"""The statistics export of one service and year: ``FILE.json`` and ``FILE.xlsx`` beside it.

Used by ``sps-desk export`` and by the window (after « Ce qui quitte cet ordinateur »).
:func:`~sps_desk.reports.release.prepare_diffusion` computes the year's statistics,
applies statistical secrecy jointly with the earlier releases and runs the leak scan;
:func:`write_export` writes both files all-or-nothing: if either cannot be written,
neither is left (and a previous pair stays as it was); then the release is recorded.
"""

from __future__ import annotations

import contextlib
import io
from dataclasses import dataclass
from pathlib import Path

from sps_desk.reports.export_xlsx import write_file_workbook
from sps_desk.reports.files import ReportWriteFailed, write_atomically
from sps_desk.reports.release import Diffusion, prepare_diffusion, record_release
from sps_desk.reports.statistics_file import StatisticsFile
from sps_desk.store.database import Database


@dataclass(frozen=True)
class ExportFiles:
    """Paths of the pair written by :func:`write_export`, and what changed since the
    last release of the year (French lines, counts only; empty for a first release)."""

    json: Path
    xlsx: Path
    changes: tuple[str, ...] = ()


def file_json(statistics_file: StatisticsFile) -> bytes:
    """The file as written: indented UTF-8 JSON, final newline."""
    return (statistics_file.model_dump_json(indent=2) + "\n").encode("utf-8")


def write_export(statistics_file: StatisticsFile, out: Path) -> ExportFiles:
    """Write ``out`` (JSON) and ``out`` with suffix ``.xlsx``; both or neither.

    Raises:
        ReportWriteFailed: a file cannot be written; nothing new is left behind and a
            previous pair is restored.
    """
    xlsx = out.with_suffix(".xlsx")
    workbook = io.BytesIO()
    write_file_workbook(statistics_file, workbook)
    previous_xlsx = xlsx.read_bytes() if xlsx.is_file() else None
    write_atomically(xlsx, lambda stream: stream.write(workbook.getvalue()))
    try:
        write_atomically(out, lambda stream: stream.write(file_json(statistics_file)))
    except ReportWriteFailed:
        with contextlib.suppress(OSError):
            if previous_xlsx is None:
                xlsx.unlink()
            else:
                write_atomically(xlsx, lambda stream: stream.write(previous_xlsx))
        raise
    return ExportFiles(json=out, xlsx=xlsx)


def export_year(database: Database, year: int, out: Path) -> ExportFiles:
    """:func:`~sps_desk.reports.release.prepare_diffusion`, then
    :func:`~sps_desk.reports.release.record_release` and :func:`write_export` (what
    ``sps-desk export`` runs).

    The release is recorded before the files are written: if writing fails, the record
    only makes later releases more cautious, and exporting again gives the same file.

    Raises:
        ChiefOnly, LeakFound, DisclosureError: as :func:`prepare_diffusion`.
        ReportWriteFailed: a file cannot be written.
    """
    diffusion: Diffusion = prepare_diffusion(database, year)
    record_release(database, diffusion, "export")
    files = write_export(diffusion.current, out)
    return ExportFiles(files.json, files.xlsx, tuple(diffusion.changes))
