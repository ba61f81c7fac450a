"""The statistics export of one service and year: ``FILE.json`` and ``FILE.xlsx`` beside it.

Used by ``sps-desk export`` and by the window (after « Ce qui quitte cet ordinateur »).
:func:`prepare_export` computes the year's statistics, applies statistical secrecy and
runs the leak scan; :func:`write_export` writes both files all-or-nothing: if either
cannot be written, neither is left (and a previous pair stays as it was).
"""

from __future__ import annotations

import contextlib
import io
from dataclasses import dataclass
from pathlib import Path

from sps_desk.reports.disclosure import DEFAULT_THRESHOLD
from sps_desk.reports.export_xlsx import write_file_workbook
from sps_desk.reports.file_builder import build_statistics_file
from sps_desk.reports.files import ReportWriteFailed, write_atomically
from sps_desk.reports.leak_scan import Needles, check_no_leak
from sps_desk.reports.signing import sign_statistics_file
from sps_desk.reports.statistics import compute_statistics
from sps_desk.reports.statistics_file import ChiefSection, StatisticsFile
from sps_desk.store.database import Database

CHIEF_SECTION_TITLES: dict[str, str] = {
    "highlights": "Faits marquants",
    "quality": "Démarche d'amélioration continue de la qualité",
    "outlook": "Perspectives",
}
"""The chief's own sections of the report (the only free text that leaves), in order."""


@dataclass(frozen=True)
class ExportFiles:
    """Paths of the pair written by :func:`write_export`."""

    json: Path
    xlsx: Path


def _chief_sections(database: Database, year: int) -> list[ChiefSection]:
    repository = getattr(database.repos, "report_sections", None)
    if repository is None:  # a base of a version without the chief's sections
        return []
    record = repository.for_year(year)
    return [
        ChiefSection(key=key, title=title, text=text)
        for key, title in CHIEF_SECTION_TITLES.items()
        if (text := getattr(record, key, "").strip())
    ]


def protected_values(database: Database) -> Needles:
    """Every identity field, code and nickname of the base, ready for the leak scan."""
    repos = database.repos
    identities = repos.identities.all(include_deleted=True)
    young = repos.young_people.all(include_deleted=True)
    texts = [i.last_name for i in identities] + [i.first_name for i in identities]
    texts += [y.code for y in young] + [y.nickname for y in young]
    return Needles.build(
        texts, phones=[i.phone for i in identities], addresses=[i.address for i in identities]
    )


def free_texts(statistics_file: StatisticsFile) -> list[tuple[str, str]]:
    """``(French field name, text)`` of every free text the file carries."""
    fields = [
        ("Nom du service", statistics_file.service.name),
        ("Structure gestionnaire", statistics_file.service.managing_body),
    ]
    for sector in statistics_file.sectors:
        fields.append(("Secteur (commune)", sector.commune))
        fields.append(("Secteur (quartier)", sector.neighbourhood))
    for section in statistics_file.chief_sections:
        fields.append((f"Rapport › {section.title}", section.text))
    return fields


def prepare_year_file(
    database: Database, year: int, *, require_data: bool = False
) -> StatisticsFile | None:
    """The year's de-identified file, secrecy applied and leak-scanned; nothing written.

    With ``require_data``, ``None`` when the year has no data (no hours and no field
    session recorded in it).

    Raises:
        ChiefOnly: the base was not unlocked by a chief (only the chief exports).
        LeakFound: a free text contains a protected value (the error names the field).
        DisclosureError: secrecy cannot be guaranteed.
    """
    database.require_chief("exporter le fichier statistique pour le Département")
    service = database.service()
    threshold = int(getattr(service, "disclosure_threshold", DEFAULT_THRESHOLD))
    stats = compute_statistics(database, year)
    if require_data and not (stats.hours.total > 0 or stats.contacts.field_sessions > 0):
        return None
    statistics_file = build_statistics_file(
        stats,
        service_id=str(service.id),
        threshold=threshold,
        chief_sections=_chief_sections(database, year),
    )
    check_no_leak(free_texts(statistics_file), protected_values(database))
    return statistics_file


def prepare_export(database: Database, year: int) -> StatisticsFile:
    """:func:`prepare_year_file` of ``year`` (always a file, even for an empty year),
    signed with the service's key and carrying the audit head (``reports.signing``):
    the file as it leaves. Sign last: any later change breaks the signature.

    Raises:
        NotTheServiceBase: the base is an educator's laptop.
        and those of :func:`prepare_year_file`.
    """
    statistics_file = prepare_year_file(database, year)
    assert statistics_file is not None
    return sign_statistics_file(database, statistics_file)


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


def record_export(database: Database, statistics_file: StatisticsFile) -> None:
    """Note the export in the base's audit log: year and counts only, no personal data."""
    hidden = len(statistics_file.disclosure.suppressions)
    database.audit(
        "export", detail=f"fichier statistique {statistics_file.year} ({hidden} cellules masquées)"
    )


def export_year(database: Database, year: int, out: Path) -> ExportFiles:
    """:func:`prepare_export`, :func:`write_export`, then :func:`record_export` (what
    ``sps-desk export`` runs)."""
    statistics_file = prepare_export(database, year)
    files = write_export(statistics_file, out)
    record_export(database, statistics_file)
    return files
