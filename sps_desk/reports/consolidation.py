"""The Département's consolidation of its services' statistics files (issue #5).

Each file is validated first (:func:`load_statistics_file`): JSON, format, schema
version, SHA-256 of the content, the service's signature, schema; then the set
(:func:`check_file_set`): one year for all, no service twice; then each file's signing
key against this computer's register of services (:func:`check_origins`, issue 14).
The departmental tables (:func:`departmental_tables`) follow the reference document's
2022 summary: hours by category per service with TOTAL row and
column, collective actions (number, young people, families with « NR » kept as NR),
young people met and supported, problématiques, durations.

Hidden cells (secret statistique) arrive as ``None``: the Département never has their
value, so every total here is a sum of published values only and says when it leaves
hidden or « NR » cells out — no total can reveal a hidden cell. Services keep the order
in which the files were given.
"""

from __future__ import annotations

import contextlib
import io
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from hashlib import sha256
from pathlib import Path

from pydantic import ValidationError

from sps_desk.errors import SpsDeskError
from sps_desk.inputs import count_text, read_input
from sps_desk.records import french_errors
from sps_desk.reports.consolidation_model import (
    NOT_RECORDED,
    SECRET,
    Cell,
    DepartmentTable,
    Total,
    counted_in_text,
)
from sps_desk.reports.consolidation_pdf import consolidation_pdf_bytes
from sps_desk.reports.consolidation_xlsx import write_consolidation_workbook
from sps_desk.reports.files import ReportWriteFailed, write_atomically
from sps_desk.reports.plausible import PLAUSIBLE_MAX, implausible_number
from sps_desk.reports.register import ServiceRefused, ServiceRegister, Standing, normalized
from sps_desk.reports.signing import SignatureRefused, verify_signature
from sps_desk.reports.statistics_file import (
    FILE_FORMAT,
    SCHEMA_VERSION,
    StatisticsFile,
    canonical_content,
)


class InvalidStatisticsFile(SpsDeskError):
    """A file cannot be consolidated; the French message names the file and the fix."""


MAX_STATISTICS_BYTES = 8 * 1024 * 1024
"""Largest statistics file read: the demo year's is about 20 KB, and the chief's three
sections hold at most 60 000 characters."""


def _not_a_number(constant: str) -> float:
    raise ValueError(constant)


def load_statistics_file(path: Path) -> StatisticsFile:
    """Read and check one statistics file.

    Raises:
        InputRefused: a folder, a pipe or a device, or over :data:`MAX_STATISTICS_BYTES`.
        InvalidStatisticsFile: unreadable, not JSON, not an sps_desk statistics file, a
            schema version this application does not read, a negative, infinite or
            implausible number (:mod:`sps_desk.reports.plausible`), content altered after
            export (checksum), not signed or signed over other content (altered, checksum
            recomputed), or not matching the schema. The message names ``path``.
    """
    name = path.name
    try:
        raw = read_input(path, limit=MAX_STATISTICS_BYTES, what="fichier statistique")
    except OSError as error:
        raise InvalidStatisticsFile(
            f"{name} : lecture impossible ({error.strerror or error}).") from None
    try:
        # NaN and Infinity are not JSON; integers of thousands of digits raise ValueError.
        data = json.loads(raw.decode("utf-8"), parse_constant=_not_a_number)
    except (ValueError, RecursionError):  # UnicodeDecodeError and JSONDecodeError too
        raise InvalidStatisticsFile(
            f"{name} : ce n'est pas un fichier JSON lisible ; demandez au service de "
            "renvoyer le fichier produit par sps_desk.") from None
    if not isinstance(data, dict) or data.get("format") != FILE_FORMAT:
        raise InvalidStatisticsFile(
            f"{name} : ce n'est pas un fichier statistique sps_desk.")
    if data.get("schema_version") == 1:
        raise InvalidStatisticsFile(
            f"{name} : fichier de l'ancienne version 1 (il publiait les raisons de chaque "
            "case masquée) ; demandez au service de l'exporter de nouveau avec la version "
            "actuelle de sps_desk.")
    if data.get("schema_version") != SCHEMA_VERSION:
        raise InvalidStatisticsFile(
            f"{name} : version de schéma {data.get('schema_version')!s} non prise en charge "
            f"(cette application lit la version {SCHEMA_VERSION}) ; mettez sps_desk à jour "
            "ou demandez un nouvel export.")
    implausible = implausible_number(data)
    if implausible is not None:
        raise InvalidStatisticsFile(
            f"{name} : {implausible} ; chaque nombre d'un fichier statistique est positif "
            f"ou nul et d'au plus {count_text(PLAUSIBLE_MAX)}. Demandez au service de "
            "renvoyer le fichier produit par sps_desk.")
    try:
        content = canonical_content(data)
    except (TypeError, ValueError):
        content = None
    checksum_ok = content is not None and data.get("sha256") == sha256(content).hexdigest()
    if not checksum_ok:
        raise InvalidStatisticsFile(
            f"{name} : le contenu a été modifié après l'export (la somme de contrôle "
            "SHA-256 ne correspond pas) ; demandez au service de renvoyer son fichier.")
    try:
        verify_signature(data, name, content)
    except SignatureRefused as error:
        raise InvalidStatisticsFile(str(error)) from None
    try:
        return StatisticsFile.model_validate(data)
    except ValidationError as error:
        raise InvalidStatisticsFile(
            f"{name} : le fichier ne respecte pas le schéma version {SCHEMA_VERSION} ("
            + " ; ".join(french_errors(error)[:3]) + ").") from None


def check_file_set(files: Sequence[tuple[Path, StatisticsFile]]) -> int:
    """Check that the files can be consolidated together; returns their common year.

    Raises:
        InvalidStatisticsFile: no file, files of different years (all are named with
            their year), or the same service twice (both files named).
    """
    if not files:
        raise InvalidStatisticsFile("Aucun fichier statistique à consolider.")
    years = {f.year for _, f in files}
    if len(years) > 1:
        listed = ", ".join(f"{p.name} ({f.year})" for p, f in files)
        raise InvalidStatisticsFile(
            f"Les fichiers ne portent pas tous sur la même année : {listed}. "
            "Consolidez une seule année à la fois.")
    seen: dict[str, Path] = {}
    for path, statistics_file in files:
        first = seen.get(statistics_file.service.id)
        if first is not None:
            raise InvalidStatisticsFile(
                f"Le service « {statistics_file.service.name} » apparaît deux fois : "
                f"{first.name} et {path.name}. Gardez un seul fichier par service.")
        seen[statistics_file.service.id] = path
    return years.pop()


def check_origins(
    files: Sequence[tuple[Path, StatisticsFile]], register: ServiceRegister,
    trust: Sequence[str] = (),
) -> list[str]:
    """Check each file's signing key against ``register``; returns the names of the
    services newly registered (``register`` is changed, not saved).

    A file of a new service, or of a registered service signed by another key, is
    accepted only when its fingerprint is among ``trust`` (compared with the chief's).

    Raises:
        InvalidStatisticsFile: a file is refused (every refused file is named, with what
            to do), or a fingerprint of ``trust`` matches no file. Nothing is registered.
    """
    wanted = {normalized(f) or f for f in trust}
    problems: list[str] = []
    used: set[str] = set()
    to_trust: list[StatisticsFile] = []
    for path, statistics_file in files:
        assert statistics_file.signature is not None
        standing = register.standing(statistics_file)
        if standing is Standing.KNOWN:
            continue
        printed = statistics_file.signature.fingerprint
        if standing is not Standing.KEY_OF_ANOTHER_SERVICE and printed in wanted:
            used.add(printed)
            to_trust.append(statistics_file)
            continue
        problems.append(register.refusal(statistics_file, path.name))
    for unknown in sorted(wanted - used):
        problems.append(f"L'empreinte « {unknown} » donnée avec --trust ne correspond à "
                        "aucun fichier à confirmer : vérifiez-la.")
    if problems:
        raise InvalidStatisticsFile(" ".join([*problems, "Rien n'a été consolidé."]))
    try:
        return [register.trust(f).name for f in to_trust]
    except ServiceRefused as error:  # two files of the set claiming one key
        raise InvalidStatisticsFile(str(error)) from None


def load_file_set(paths: Sequence[Path]) -> list[StatisticsFile]:
    """:func:`load_statistics_file` on each path, then :func:`check_file_set`."""
    loaded = [(path, load_statistics_file(path)) for path in paths]
    check_file_set(loaded)
    return [statistics_file for _, statistics_file in loaded]


def _total(services: Sequence[StatisticsFile], cells: Sequence[Cell]) -> Total | str:
    """The total of the published values of ``cells``, naming the services left out;
    « secret » (or « NR ») when no service published one: « 0 * » would read as zero."""
    left_out = tuple(s.service.name for s, c in zip(services, cells, strict=True)
                     if c in (SECRET, NOT_RECORDED))
    numbers = [c for c in cells if isinstance(c, int | float) and not isinstance(c, bool)]
    if not numbers and left_out:
        return SECRET if SECRET in cells else NOT_RECORDED
    return Total(sum(numbers), left_out)


def _count(value: int | None) -> Cell:
    return SECRET if value is None else value


def _left_out_notes(table_rows: Sequence[list[Cell]], header: Sequence[str]) -> list[str]:
    notes = []
    for row in table_rows:
        for column, cell in zip(header[1:], row[1:], strict=False):
            if isinstance(cell, Total) and cell.left_out:
                notes.append(
                    f"{row[0]} › {column} : total des seules valeurs publiées, hors "
                    + ", ".join(cell.left_out) + " (secret statistique ou non renseigné).")
    return notes


def hours_table(services: Sequence[StatisticsFile]) -> DepartmentTable:
    """« Répartition de l'activité par SPS »: hours by category per service, as in 2022.

    An empty cell: no hours recorded in that category. « Dans les … »: the service
    counts these hours in another category, and the column total leaves it out.
    """
    columns = services[0].hours.columns
    header = ["SPS", *(c.label for c in columns), "TOTAL"]
    rows: list[list[Cell]] = []
    for service in services:
        by_key = {c.key: c for c in service.hours.columns}
        row: list[Cell] = [service.service.name]
        for column in columns:
            cell = by_key[column.key]
            if cell.hours is None:
                row.append(counted_in_text(cell.counted_in))
            else:
                row.append(cell.hours or None)
        row.append(service.hours.total)
        rows.append(row)
    notes = []
    total_row: list[Cell] = ["TOTAL"]
    for index, column in enumerate(columns, start=1):
        cells = [r[index] for r in rows]
        total_row.append(sum(c for c in cells if isinstance(c, float | int)))
        elsewhere = [s.service.name for s, c in zip(services, cells, strict=True)
                     if isinstance(c, str)]
        if elsewhere:
            notes.append(f"{column.label} : le total ne comprend pas "
                         + ", ".join(elsewhere)
                         + ", dont les heures sont comptées dans une autre catégorie.")
    total_row.append(sum(s.hours.total for s in services))
    notes.append("Case vide : aucune heure enregistrée dans cette catégorie.")
    return DepartmentTable("hours", "Nombre d'heures passées par le service éducatif",
                           header, [*rows, total_row], notes)


def collective_table(services: Sequence[StatisticsFile]) -> DepartmentTable:
    """« Actions collectives »: number, young people concerned, families (or NR)."""
    header = ["SPS", "Nombre d'actions collectives", "Nombre de jeunes concernés",
              "Nombre de familles"]
    rows: list[list[Cell]] = []
    for service in services:
        c = service.collective_actions
        families: Cell = c.families if c.families == NOT_RECORDED else _count(c.families)
        rows.append([service.service.name, c.actions, _count(c.young), families])
    total_row: list[Cell] = [
        "TOTAL",
        sum(s.collective_actions.actions for s in services),
        _total(services, [r[2] for r in rows]),
        _total(services, [r[3] for r in rows]),
    ]
    notes = ["NR : non renseigné ; jamais compté comme zéro."]
    notes += _left_out_notes([total_row], header)
    return DepartmentTable("collective", "Actions collectives", header, [*rows, total_row], notes)


def young_table(services: Sequence[StatisticsFile]) -> DepartmentTable:
    """Young people met (contacts, young known) and supported (new, continuing, ages)."""
    header = ["SPS", "Rencontres (contacts)", "Jeunes connus", "Jeunes accompagnés",
              "dont nouveaux", "dont déjà accompagnés", "11-15 ans", "16-21 ans"]
    getters: list[Callable[[StatisticsFile], Cell]] = [
        lambda s: s.contacts.contacts_total,
        lambda s: _count(s.contacts.young_known.total),
        lambda s: _count(s.supported.total),
        lambda s: _count(s.supported.new),
        lambda s: _count(s.supported.continuing),
        lambda s: _count(s.supported.priority_11_15),
        lambda s: _count(s.supported.public_16_21),
    ]
    rows = [[s.service.name, *(get(s) for get in getters)] for s in services]
    total_row: list[Cell] = ["TOTAL", *(_total(services, [r[i] for r in rows])
                                        for i in range(1, len(header)))]
    notes = ["Rencontres : chaque rencontre est comptée, ce ne sont pas des personnes "
             "distinctes ; les autres colonnes comptent des jeunes distincts par service.",
             "secret : valeur masquée par le service (secret statistique)."]
    notes += _left_out_notes([total_row], header)
    return DepartmentTable("young", "Jeunes rencontrés et accompagnés", header,
                           [*rows, total_row], notes)


def _by_service_lines(
    key: str, title: str, services: Sequence[StatisticsFile],
    lines: Callable[[StatisticsFile], list[tuple[str, str, int | None]]],
    total_label: str, total: Callable[[StatisticsFile], int | None], notes: list[str],
) -> DepartmentTable:
    header = [title, *(s.service.name for s in services), "TOTAL"]
    order: dict[str, str] = {}
    values: list[dict[str, int | None]] = []
    for service in services:
        mine = {}
        for line_key, label, value in lines(service):
            order.setdefault(line_key, label)
            mine[line_key] = value
        values.append(mine)
    rows: list[list[Cell]] = []
    for line_key, label in order.items():
        cells = [_count(v.get(line_key, 0)) for v in values]
        rows.append([label, *cells, _total(services, cells)])
    cells = [_count(total(s)) for s in services]
    rows.append([total_label, *cells, _total(services, cells)])
    notes = [*notes, "secret : valeur masquée par le service (secret statistique)."]
    notes += _left_out_notes(rows, ["", *("TOTAL" for _ in header[1:])])
    return DepartmentTable(key, title, header, rows, notes)


def problems_table(services: Sequence[StatisticsFile]) -> DepartmentTable:
    """« Problématiques du jeune à l'origine de l'accompagnement », young per service."""
    return _by_service_lines(
        "problems", "Problématiques à l'origine de l'accompagnement", services,
        lambda s: [(p.key, p.label, p.young) for p in s.problems.lines],
        "Jeunes accompagnés", lambda s: s.problems.young_supported,
        ["Choix multiples : une colonne additionne plus de problématiques que de jeunes."])


def durations_table(services: Sequence[StatisticsFile]) -> DepartmentTable:
    """« Durée de l'accompagnement »: supports per duration bracket and service."""
    return _by_service_lines(
        "durations", "Durée de l'accompagnement", services,
        lambda s: [(d.key, d.label, d.supports) for d in s.durations.lines],
        "TOTAL", lambda s: s.durations.supports,
        ["Durée du début de l'accompagnement jusqu'à sa fin, ou au 31 décembre."])


def departmental_tables(services: Sequence[StatisticsFile]) -> list[DepartmentTable]:
    """Every departmental table, in the order of the 2022 summary."""
    return [hours_table(services), young_table(services), problems_table(services),
            durations_table(services), collective_table(services)]


@dataclass(frozen=True)
class ConsolidationFiles:
    """Paths written by :func:`consolidate_files`."""

    pdf: Path
    xlsx: Path


def consolidation_basename(year: int) -> str:
    """``consolidation-departementale-YYYY`` (without extension)."""
    return f"consolidation-departementale-{year}"


def consolidate_files(
    paths: Sequence[Path], out_dir: Path, *, register: ServiceRegister | None = None,
    trust: Sequence[str] = (),
) -> ConsolidationFiles:
    """Validate ``paths``, check their origin against ``register`` (default: this
    computer's, :meth:`ServiceRegister.load`), and write the departmental PDF and XLSX
    into ``out_dir``. Services whose fingerprint is in ``trust`` are registered once the
    whole set is accepted.

    Both files are written, or neither (a previous pair stays as it was).

    Raises:
        InvalidStatisticsFile: a file or the set is refused (French, names the file).
        RegisterUnreadable: the register is damaged.
        ReportWriteFailed: ``out_dir`` cannot be written.
    """
    loaded = [(path, load_statistics_file(path)) for path in paths]
    check_file_set(loaded)
    register = ServiceRegister.load() if register is None else register
    if check_origins(loaded, register, trust):
        register.save()
    services = [statistics_file for _, statistics_file in loaded]
    year = services[0].year
    tables = departmental_tables(services)
    out_dir.mkdir(parents=True, exist_ok=True)
    pdf = out_dir / f"{consolidation_basename(year)}.pdf"
    xlsx = out_dir / f"{consolidation_basename(year)}.xlsx"
    pdf_bytes = consolidation_pdf_bytes(year, services, tables)
    workbook = io.BytesIO()
    write_consolidation_workbook(year, services, tables, workbook)
    previous_pdf = pdf.read_bytes() if pdf.is_file() else None
    write_atomically(pdf, lambda stream: stream.write(pdf_bytes))
    try:
        write_atomically(xlsx, lambda stream: stream.write(workbook.getvalue()))
    except ReportWriteFailed:
        with contextlib.suppress(OSError):
            if previous_pdf is None:
                pdf.unlink()
            else:
                write_atomically(pdf, lambda stream: stream.write(previous_pdf))
        raise
    return ConsolidationFiles(pdf=pdf, xlsx=xlsx)
