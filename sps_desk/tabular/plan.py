"""Turn the rows of a mapped table into validated records and French row errors.

:func:`prepare` reads every row, reports every bad cell (row number as shown by the
spreadsheet, column header as written, French reason) and builds the records that a
commit would save. It never writes: the store saves the plan only when it holds no error.

Ids are chosen so that importing the same file again changes nothing (rules also in the
README, « Importer vos tableurs »):

- time entry: uuid5 of (professional, date, category, rank among the file's rows with
  that same triple); a corrected number of hours updates the entry;
- collective action: the live action with the same title (accents and case ignored), else
  uuid5 of the title; its sessions: the existing session of that action on that date,
  else uuid5 of (action, date, rank);
- young person: the live young person with that code, else with that nickname when only a
  nickname is given, else a new one (uuid5 of the code when a code is given, so that an
  erased young person's tombstone keeps him or her out; a deleted young person keeps a
  code, and that tombstone's id is used);
- support: the live support of that young person starting that day, else uuid5 of
  (young person, start date).

A professional may be named by first name only (« Inès ») when exactly one professional
of the base has a name starting with those words. Rows whose first non-empty cell starts
with « Total » are a spreadsheet's sum, not data: they are skipped and listed.

Professionals and partners named in the file must already exist: creating them here
would need a role, an FTE or a partner type the file does not hold, and a misspelt name
would silently become a second professional in the report's staff table.
"""

from __future__ import annotations

import functools
import hashlib
import re
import uuid
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, TypeVar

from pydantic import TypeAdapter, ValidationError
from pydantic_core import InitErrorDetails

from sps_desk.ages import UNKNOWN_BRACKET
from sps_desk.enums import (
    ActivityCategory,
    BirthDatePrecision,
    CollectiveActionType,
    EndReason,
    Problem,
    Sex,
    SupportOrigin,
)
from sps_desk.near_names import NearNames
from sps_desk.records import (
    CollectiveAction,
    CollectiveActionSession,
    IndividualSupport,
    Partner,
    Record,
    StaffMember,
    TallyCell,
    TimeEntry,
    YoungPerson,
    french_errors,
)
from sps_desk.tabular.cells import (
    CellError,
    CellValue,
    UnknownChoice,
    cell_text,
    choice_index,
    is_empty,
    join_for_key,
    normalise,
    parse_choice,
    parse_choices,
    parse_count,
    parse_count_or_nr,
    parse_date,
    parse_hours,
    parse_year,
    split_names,
)
from sps_desk.tabular.fields import FIELDS, ImportKind, Mapping, missing_required
from sps_desk.tabular.reading import Row, Table

IMPORT_NAMESPACE = uuid.UUID("0c8f4a53-2b7e-4d1a-9e63-5a7d2f1c6b90")
"""Namespace of the deterministic ids of imported records."""

T = TypeVar("T")
R = TypeVar("R", bound=Record)

CATEGORIES = choice_index(ActivityCategory, {
    "Formation": ActivityCategory.TRAINING,
    "Congé payé": ActivityCategory.LEAVE,
    "CP": ActivityCategory.LEAVE,
    "Maladie": ActivityCategory.SICK_LEAVE,
    "Arrêt maladie": ActivityCategory.SICK_LEAVE,
    "Écrits": ActivityCategory.WRITING,
    "Réunions": ActivityCategory.PARTNERSHIP,
    # Field names of the Département's one meetings column, « Actions partenariales et
    # réunions diverses » (hours table of the 2024 convention): team meetings included.
    "Réunion d'équipe": ActivityCategory.PARTNERSHIP,
    "Réunions partenaires": ActivityCategory.PARTNERSHIP,
    "Réunions partenariales": ActivityCategory.PARTNERSHIP,
    "Réunions diverses": ActivityCategory.PARTNERSHIP,
    "Temps préparation activités": ActivityCategory.PREPARATION,
    "Partenariat": ActivityCategory.PARTNERSHIP,
    "Actions partenariales": ActivityCategory.PARTNERSHIP,
    "Préparation": ActivityCategory.PREPARATION,
    "TDR": ActivityCategory.STREET_WORK,
    "Rue": ActivityCategory.STREET_WORK,
    "Accompagnement": ActivityCategory.INDIVIDUAL_SUPPORT,
    "Action collective": ActivityCategory.COLLECTIVE_ACTIONS,
})
ACTION_TYPES = choice_index(CollectiveActionType, {
    "Chantier": CollectiveActionType.WORK_PROJECT,
    "Séjour": CollectiveActionType.RESIDENTIAL_TRIP,
    "Sport": CollectiveActionType.SPORT,
    "Culture": CollectiveActionType.CULTURE,
    "Parentalité": CollectiveActionType.PARENTING,
})
SEXES = choice_index(Sex, {
    "Fille": Sex.FEMALE, "Femme": Sex.FEMALE, "Garçon": Sex.MALE, "G": Sex.MALE,
    "Homme": Sex.MALE, "H": Sex.MALE, "NP": Sex.NOT_STATED, "Non renseigné": Sex.NOT_STATED,
})
ORIGINS = choice_index(SupportOrigin, {
    "Orientation": SupportOrigin.PARTNER_REFERRAL,
    "Partenaire": SupportOrigin.PARTNER_REFERRAL,
    "Demande": SupportOrigin.OWN_REQUEST,
    "TDR": SupportOrigin.STREET_WORK,
    "Rue": SupportOrigin.STREET_WORK,
})
PROBLEMS = choice_index(Problem, {"Emploi": Problem.EMPLOYMENT, "Santé": Problem.PHYSICAL_HEALTH})
END_REASONS = choice_index(EndReason, {"Refus": EndReason.REFUSED,
                                       "Droit commun": EndReason.MAINSTREAM_HANDOVER})


@dataclass(frozen=True)
class RowError:
    """A bad cell: ``row`` as the spreadsheet numbers it (``None``: the whole file),
    ``column`` its header as written (``None``: the whole row), ``reason`` in French."""

    row: int | None
    column: str | None
    reason: str

    def __str__(self) -> str:
        where = []
        if self.row is not None:
            where.append(f"ligne {self.row}")
        if self.column is not None:
            where.append(f"colonne « {self.column} »")
        text = ", ".join(where)
        return (text[:1].upper() + text[1:] + " : " + self.reason) if text else self.reason


@dataclass
class References:
    """Live records of the base that the file's names, codes and titles are matched to."""

    staff: list[StaffMember] = field(default_factory=list)
    partners: list[Partner] = field(default_factory=list)
    young_people: list[YoungPerson] = field(default_factory=list)
    actions: list[CollectiveAction] = field(default_factory=list)
    sessions: list[CollectiveActionSession] = field(default_factory=list)
    supports: list[IndividualSupport] = field(default_factory=list)
    deleted_young_codes: dict[str, uuid.UUID] = field(default_factory=dict)
    """Codes of deleted (not erased) young people → their ids: codes stay unique."""


@dataclass
class ImportPlan:
    """What a commit would save, or why it must not.

    ``records`` are in save order (an action before its sessions); ``rows`` counts the
    non-blank data rows read, total rows included; ``unknown`` lists, by kind
    (« professionnels », « partenaires »), names of the file that match no record of the
    base; ``accepted`` gives, for each list a cell failed to match (« catégorie
    d'heures »), its accepted labels; ``total_rows`` are the spreadsheet row numbers of
    skipped « Total » rows; ``warnings`` are rows to look at that do not stop the import
    (a new young person whose nickname is near one already recorded).
    """

    kind: ImportKind
    records: list[Record]
    errors: list[RowError]
    rows: int
    ignored_columns: list[str]
    unknown: dict[str, list[str]]
    accepted: dict[str, list[str]] = field(default_factory=dict)
    total_rows: list[int] = field(default_factory=list)
    warnings: list[RowError] = field(default_factory=list)


def _model_errors(error: ValidationError) -> list[tuple[str | None, str]]:
    """(model field or ``None``, French reason) for each problem of ``error``."""
    found: list[tuple[str | None, str]] = []
    for item in error.errors():
        one = ValidationError.from_exception_data(error.title, [InitErrorDetails(
            type=item["type"], loc=item["loc"], input=item["input"], ctx=item.get("ctx", {}),
        )])
        fields = [p for p in item["loc"] if isinstance(p, str)]
        for line in french_errors(one):
            _, sep, reason = line.partition(" : ")
            found.append((fields[0], reason) if fields and sep else (None, line))
    return found


@functools.cache
def _list_adapter(model: type[R]) -> TypeAdapter[list[R]]:
    """The validator of a list of ``model`` records (built once per kind: it costs more
    than a few thousand validations)."""
    return TypeAdapter(list[model])  # type: ignore[valid-type]


class _Rows:
    """Reads cells by field key, collecting one error per bad cell."""

    def __init__(self, kind: ImportKind, table: Table, mapping: Mapping,
                 references: References) -> None:
        self.kind = kind
        self.headers = table.headers
        self.mapping = mapping
        self.errors: list[RowError] = []
        self.warnings: list[RowError] = []
        self.unknown: dict[str, set[str]] = defaultdict(set)
        self.accepted: dict[str, list[str]] = {}
        self.staff = self._index(references.staff, lambda s: s.display_name)
        self.partners = self._index(references.partners, lambda p: p.name)

    @staticmethod
    def _index(records: list[R], name: Callable[[R], str]) -> dict[str, list[R]]:
        index: dict[str, list[R]] = defaultdict(list)
        for record in records:
            index[normalise(name(record))].append(record)
        return index

    def mapped(self, key: str) -> bool:
        return key in self.mapping

    def column(self, key: str) -> str:
        return self.headers[self.mapping[key]]

    def cell(self, row: Row, key: str) -> CellValue:
        return row.cells[self.mapping[key]] if key in self.mapping else None

    def error(self, row: Row, key: str | None, reason: str) -> None:
        column = self.column(key) if key is not None and key in self.mapping else None
        self.errors.append(RowError(row.number, column, reason))

    def warn(self, row: Row, key: str, reason: str) -> None:
        """A row to look at, which does not stop the import."""
        column = self.column(key) if key in self.mapping else None
        self.warnings.append(RowError(row.number, column, reason))

    def read(self, row: Row, key: str, parser: Callable[[CellValue], T]) -> T | None:
        """The parsed cell, or ``None`` after recording its error."""
        try:
            return parser(self.cell(row, key))
        except CellError as error:
            if isinstance(error, UnknownChoice):
                self.accepted[error.what] = error.accepted
            self.error(row, key, str(error))
            return None

    def optional(self, row: Row, key: str, parser: Callable[[CellValue], T]) -> T | None:
        """Like :meth:`read`, but an empty or unmapped cell gives ``None`` silently."""
        return None if is_empty(self.cell(row, key)) else self.read(row, key, parser)

    def named(self, row: Row, key: str, name: str, index: dict[str, list[R]],
              what: str, where: str, by_start: bool = False) -> R | None:
        """The one record named ``name`` (accents, case ignored); with ``by_start``, else
        the one whose name starts with its whole words (« Inès » → « Inès Moreau »)."""
        matches = index.get(normalise(name), [])
        words = normalise(name).split()
        if not matches and by_start and words:
            matches = [record for key_name, records in index.items()
                       if key_name.split()[:len(words)] == words for record in records]
            if len(matches) > 1:
                # Other people's names stay out of the message: the count is enough.
                self.error(row, key, f"« {name} » désigne {len(matches)} {what}s de la base : "
                                     "écrivez le nom complet")
                return None
        if len(matches) == 1:
            return matches[0]
        if matches:
            self.error(row, key, f"plusieurs {what}s portent le nom « {name} » dans la base : "
                                 "renommez l'un d'eux (affichez l'initiale du nom)")
        else:
            self.unknown[f"{what}s"].add(name)
            self.error(row, key, f"{what} inconnu dans la base : « {name} ». Ajoutez-le "
                                 f"({where}) ou corrigez l'orthographe dans le fichier")
        return None

    def staff_member(self, row: Row, key: str, name: str) -> StaffMember | None:
        return self.named(row, key, name, self.staff, "professionnel",
                          "menu Fichier › Ajouter un professionnel", by_start=True)

    def partner(self, row: Row, key: str, name: str) -> Partner | None:
        return self.named(row, key, name, self.partners, "partenaire",
                          "page Actions collectives, champ « Nouveau partenaire »")

    def remembered(self, key: str, read: Callable[[Row], T]) -> Callable[[Row], T]:
        """``read`` (which reports its errors on ``row``) run once per distinct value of the
        cell of ``key``: for a later row holding the same value, its result is given again
        and its errors are reported again on that row. ``read`` must depend on the cell
        alone, as the parsers and the name lookups do (the names it adds to
        :attr:`unknown` and the lists to :attr:`accepted` are the same for every row)."""
        index = self.mapping.get(key)
        outcomes: dict[object, tuple[T, list[tuple[str | None, str]]]] = {}

        def remembered_read(row: Row) -> T:
            value = None if index is None else row.cells[index]
            # Other values by type too: the cells 1, 1.0 and True are equal but do not
            # read alike (a text never equals a tuple).
            memo_key = value if type(value) is str else (type(value), value)
            known = outcomes.get(memo_key)
            if known is None:
                before = len(self.errors)
                result = read(row)
                outcomes[memo_key] = (
                    result, [(error.column, error.reason) for error in self.errors[before:]])
                return result
            for column, reason in known[1]:
                self.errors.append(RowError(row.number, column, reason))
            return known[0]

        return remembered_read

    def build_all(self, model: type[R], fields: dict[str, str],
                  wanted: list[tuple[Row, dict[str, Any]]]) -> list[R]:
        """:meth:`build` of each (row, data) of ``wanted``, in order, with one pydantic
        call for the whole list when every record is valid (the common case); the records
        of the rows that fail are left out and their errors reported by :meth:`build`."""
        adapter = _list_adapter(model)
        try:
            return adapter.validate_python([data for _, data in wanted])
        except ValidationError as error:
            bad = {item["loc"][0] for item in error.errors(include_url=False)}
        for number, (row, data) in enumerate(wanted):
            if number in bad:
                self.build(row, model, fields, data)
        return adapter.validate_python([data for number, (_, data) in enumerate(wanted)
                                        if number not in bad])

    def build(self, row: Row, model: type[R], fields: dict[str, str], data: dict[str, Any],
              fallback: str | None = None) -> R | None:
        """``model`` validated from ``data``; its errors are reported on the columns of
        ``fields`` (model field → import key), a rule across fields on ``fallback``."""
        try:
            return model.model_validate(data)
        except ValidationError as error:
            for name, reason in _model_errors(error):
                self.error(row, fields.get(name) if name else fallback, reason)
            return None


def _time_entries(rows: _Rows, table: Table) -> list[Record]:
    # A decade of hours repeats the same few names, dates, categories and numbers: each
    # distinct cell is read once (:meth:`_Rows.remembered`), and the entries are
    # validated together (:meth:`_Rows.build_all`).
    def professional(row: Row) -> StaffMember | None:
        name = cell_text(rows.cell(row, "professionnel"))
        if not name:
            rows.error(row, "professionnel", "nom du professionnel manquant")
            return None
        return rows.staff_member(row, "professionnel", name)

    def category_of(value: CellValue) -> ActivityCategory:
        return parse_choice(value, CATEGORIES, "catégorie d'heures")

    staff_of = rows.remembered("professionnel", professional)
    date_of = rows.remembered("date", lambda row: rows.read(row, "date", parse_date))
    category_of_row = rows.remembered("catégorie",
                                      lambda row: rows.read(row, "catégorie", category_of))
    hours_of = rows.remembered("heures", lambda row: rows.read(row, "heures", parse_hours))
    ranks: dict[tuple[str, str, str], int] = {}
    staff_texts = {member.id: str(member.id) for found in rows.staff.values()
                   for member in found}
    wanted: list[tuple[Row, dict[str, Any]]] = []
    for row in table.rows:
        before = len(rows.errors)
        staff = staff_of(row)
        day = date_of(row)
        category = category_of_row(row)
        hours = hours_of(row)
        if len(rows.errors) > before or staff is None or day is None or category is None:
            continue
        # Texts, not the UUID object: hashed and joined at C speed on every row.
        key = (staff_texts[staff.id], day.isoformat(), category.value)
        rank = ranks.get(key, 0)
        ranks[key] = rank + 1
        wanted.append((row, {"id": _import_hex(("time", *key, rank)), "staff_id": staff.id,
                             "date": day, "category": category, "hours": hours}))
    return rows.build_all(TimeEntry, {"staff_id": "professionnel", "date": "date",
                                      "category": "catégorie", "hours": "heures"}, wanted)


_NAMESPACE_BYTES = IMPORT_NAMESPACE.bytes
_VERSION_MASK = ~((0xF000 << 64) | (0xC000 << 48)) & ((1 << 128) - 1)
_VERSION_5 = (0x5000 << 64) | (0x8000 << 48)
"""The version (5) and variant (RFC 4122) bits, as :func:`uuid.uuid5` sets them."""


def _import_hex(values: tuple[object, ...]) -> str:
    """The 32 hexadecimal digits of ``uuid5(IMPORT_NAMESPACE, join_for_key(values))``,
    the deterministic id of an imported record: the same SHA-1 and bits as
    :func:`uuid.uuid5`, in a fifth of its time (pydantic reads the digits into the
    record's UUID at C speed)."""
    digest = hashlib.sha1(_NAMESPACE_BYTES + join_for_key(values).encode()).digest()
    return f"{int.from_bytes(digest[:16]) & _VERSION_MASK | _VERSION_5:032x}"


def _import_id(values: tuple[object, ...]) -> uuid.UUID:
    """:func:`_import_hex` as a UUID."""
    return uuid.UUID(_import_hex(values))


@dataclass
class _ActionRows:
    """The rows of one action (same title) and the action-level values seen so far."""

    title: str
    first: Row
    values: dict[str, tuple[int, object]] = field(default_factory=dict)
    young: list[uuid.UUID] = field(default_factory=list)
    partners: list[uuid.UUID] = field(default_factory=list)
    sessions: list[tuple[Row, date, float, list[uuid.UUID]]] = field(default_factory=list)


_ACTION_LEVEL = ("type", "filles", "garçons", "autres", "familles")


def _action_value(rows: _Rows, group: _ActionRows, row: Row, key: str) -> None:
    """Record an action-level value; it must agree with the same action's other rows."""
    parsers: dict[str, Callable[[CellValue], object]] = {
        "type": lambda v: parse_choice(v, ACTION_TYPES, "type d'action"),
        "filles": parse_count, "garçons": parse_count, "autres": parse_count,
        "familles": parse_count_or_nr,
    }
    if not rows.mapped(key) or is_empty(rows.cell(row, key)):
        return
    value = rows.read(row, key, parsers[key])
    if value is None:
        return
    seen = group.values.get(key)
    if seen is None:
        group.values[key] = (row.number, value)
    elif seen[1] != value:
        rows.error(row, key, f"valeur différente de la ligne {seen[0]} pour la même action "
                             "(les lignes d'un même intitulé sont les séances d'une action) : "
                             "écrivez-la sur une seule ligne, ou la même sur chaque ligne")


def _actions(rows: _Rows, table: Table, references: References) -> list[Record]:
    groups: dict[str, _ActionRows] = {}
    young_by_code = {p.code.strip().upper(): p for p in references.young_people}
    for row in table.rows:
        title = cell_text(rows.cell(row, "intitulé"))
        if not title:
            rows.error(row, "intitulé", "intitulé de l'action manquant")
            continue
        group = groups.setdefault(normalise(title), _ActionRows(title, row))
        before = len(rows.errors)
        for key in _ACTION_LEVEL:
            _action_value(rows, group, row, key)
        for code in split_names(rows.cell(row, "jeunes")):
            person = young_by_code.get(code.upper())
            if person is None:
                rows.error(row, "jeunes", f"aucun jeune de code « {code} » dans la base : "
                                          "importez d'abord les jeunes, ou corrigez le code")
            elif person.id not in group.young:
                group.young.append(person.id)
        for name in split_names(rows.cell(row, "partenaires")):
            partner = rows.partner(row, "partenaires", name)
            if partner is not None and partner.id not in group.partners:
                group.partners.append(partner.id)
        day = rows.read(row, "date", parse_date)
        hours = rows.read(row, "heures", parse_hours)
        staff = [rows.staff_member(row, "professionnels", n)
                 for n in split_names(rows.cell(row, "professionnels"))]
        if not staff:
            rows.error(row, "professionnels", "indiquez au moins un professionnel présent")
        if len(rows.errors) == before and day is not None and hours is not None:
            group.sessions.append((row, day, hours, [s.id for s in staff if s is not None]))
    existing = {normalise(a.title): a for a in references.actions}
    sessions_of: dict[tuple[uuid.UUID, date], list[CollectiveActionSession]] = defaultdict(list)
    for session in sorted(references.sessions, key=lambda s: (s.created_at, str(s.id))):
        sessions_of[(session.action_id, session.date)].append(session)
    records: list[Record] = []
    for key, group in groups.items():
        if "type" not in group.values and key not in existing:
            rows.error(group.first, "type", "type de l'action manquant : indiquez-le sur au "
                                            "moins une ligne de l'action")
            continue
        action = _action_record(rows, group, existing.get(key),
                                _import_id(("action", key)))
        if action is None:
            continue
        records.append(action)
        ranks: Counter[date] = Counter()
        for row, day, hours, staff_ids in group.sessions:
            rank = ranks[day]
            ranks[day] += 1
            same_day = sessions_of.get((action.id, day), [])
            session_id = same_day[rank].id if rank < len(same_day) else _import_id(
                ("session", action.id, day.isoformat(), rank))
            session = rows.build(row, CollectiveActionSession, {
                "date": "date", "hours": "heures", "staff_ids": "professionnels"}, {
                "id": session_id, "action_id": action.id, "date": day, "hours": hours,
                "staff_ids": staff_ids})
            if session is not None:
                records.append(session)
    return records


def _action_record(rows: _Rows, group: _ActionRows, current: CollectiveAction | None,
                   new_id: uuid.UUID) -> CollectiveAction | None:
    data: dict[str, Any] = dict(current) if current is not None else {
        "id": new_id, "title": group.title}
    values = {key: value for key, (_, value) in group.values.items()}
    if "type" in values:
        data["type"] = values["type"]
    if any(rows.mapped(k) for k in ("filles", "garçons", "autres")):
        counts = ((Sex.FEMALE, "filles"), (Sex.MALE, "garçons"), (Sex.NOT_STATED, "autres"))
        data["anonymous_participants"] = [
            TallyCell(sex=sex, age_bracket=UNKNOWN_BRACKET, count=int(values[k]))  # type: ignore[call-overload]
            for sex, k in counts if values.get(k)
        ]
    if rows.mapped("familles"):
        data["families"] = values.get("familles", "NR")
    if rows.mapped("jeunes"):
        data["participant_ids"] = group.young
    if rows.mapped("partenaires"):
        data["partner_ids"] = group.partners
    return rows.build(group.first, CollectiveAction, {
        "title": "intitulé", "type": "type", "families": "familles",
        "participant_ids": "jeunes", "partner_ids": "partenaires"}, data)


def _birth(value: CellValue) -> tuple[date, BirthDatePrecision]:
    """A birth year (→ 1 January, « année connue ») or a full date (« date exacte »)."""
    if isinstance(value, date | datetime) or "/" in cell_text(value) or "-" in cell_text(value):
        return parse_date(value), BirthDatePrecision.EXACT
    return date(parse_year(value), 1, 1), BirthDatePrecision.YEAR


def _new_young_id(code: str, deleted: dict[str, uuid.UUID]) -> uuid.UUID:
    """Id of a young person the base does not hold alive.

    A code still held by a deleted young person (codes stay unique, tombstones included)
    gives that tombstone's id, so the store leaves the person deleted; a code never seen
    gives uuid5 of the code, which an erasure keeps as a tombstone; no code, a random id.
    """
    if not code:
        return uuid.uuid4()
    return deleted.get(code.upper()) or _import_id(("young", code.upper()))


def _young_people(rows: _Rows, table: Table, references: References) -> list[Record]:
    by_code = {p.code.strip().upper(): p for p in references.young_people}
    deleted = {code.strip().upper(): person_id
               for code, person_id in references.deleted_young_codes.items()}
    by_nickname: dict[str, list[YoungPerson]] = defaultdict(list)
    for person in references.young_people:
        if person.nickname:
            by_nickname[normalise(person.nickname)].append(person)
    seen: dict[str, int] = {}
    matched: dict[uuid.UUID, int] = {}
    records: list[Record] = []
    # Nicknames of the base (by id) and of the file's new young people (by row number).
    near_names: NearNames[uuid.UUID | int] = NearNames(
        (p.id, p.nickname) for p in references.young_people if p.nickname)
    by_id = {p.id: p for p in references.young_people}
    for row in table.rows:
        before = len(rows.errors)
        code = cell_text(rows.cell(row, "code"))
        nickname = cell_text(rows.cell(row, "surnom"))
        if not code and not nickname:
            rows.error(row, "code" if rows.mapped("code") else "surnom",
                       "indiquez le code du jeune ou son surnom")
            continue
        key = f"code:{code.upper()}" if code else f"surnom:{normalise(nickname)}"
        if key in seen:
            rows.error(row, "code" if code else "surnom",
                       f"ce jeune figure déjà ligne {seen[key]} : gardez une seule ligne")
            continue
        seen[key] = row.number
        sex = rows.optional(row, "sexe", lambda v: parse_choice(v, SEXES, "sexe"))
        birth = rows.optional(row, "naissance", _birth)
        current = by_code.get(code.upper()) if code else None
        if current is None and not code:
            named = by_nickname.get(normalise(nickname), [])
            if len(named) > 1:
                rows.error(row, "surnom", "plusieurs jeunes de la base portent ce surnom : "
                                          "ajoutez une colonne « Code »")
                continue
            current = named[0] if named else None
        if len(rows.errors) > before:
            continue
        if current is not None and current.id in matched:
            rows.error(row, "code" if code else "surnom",
                       f"ce jeune figure déjà ligne {matched[current.id]} : gardez une seule "
                       "ligne")
            continue
        if current is not None:
            matched[current.id] = row.number
        data: dict[str, Any] = dict(current) if current is not None else {
            "id": _new_young_id(code, deleted)}
        if code and current is None:
            data["code"] = code
        if nickname and (code or current is None):
            # Found by nickname: keep its spelling in the base (« Lulu » found by « lulu »).
            data["nickname"] = nickname
        if sex is not None:
            data["sex"] = sex
        if birth is not None:
            data["birth_date"], data["birth_date_precision"] = birth
        person = rows.build(row, YoungPerson, {
            "code": "code", "nickname": "surnom", "sex": "sexe", "birth_date": "naissance"},
            data)
        if person is not None:
            records.append(person)
            if current is None and nickname:
                _warn_near(rows, row, nickname, near_names, by_id)
    return records


def _warn_near(rows: _Rows, row: Row, nickname: str, near_names: NearNames[uuid.UUID | int],
               by_id: dict[uuid.UUID, YoungPerson]) -> None:
    """Warn that the new young person of ``row`` has a nickname near one already in the
    base or on an earlier row (:mod:`sps_desk.near_names`), then remember it."""
    for match in near_names.matches(nickname):
        if isinstance(match, uuid.UUID):
            twin = by_id[match]
            rows.warn(row, "surnom", f"« {nickname} » ressemble à {twin.code} "
                                     f"(« {twin.nickname} »), déjà dans la base : si c'est le "
                                     "même jeune, écrivez son code dans une colonne « Code »")
        else:
            rows.warn(row, "surnom", f"« {nickname} » ressemble au surnom de la ligne {match} : "
                                     "si c'est le même jeune, gardez une seule ligne")
    near_names.add(row.number, nickname)


def _supports(rows: _Rows, table: Table, references: References) -> list[Record]:
    by_code = {p.code.strip().upper(): p for p in references.young_people}
    by_nickname: dict[str, list[YoungPerson]] = defaultdict(list)
    for person in references.young_people:
        if person.nickname:
            by_nickname[normalise(person.nickname)].append(person)
    existing = {(s.young_person_id, s.start_date): s for s in references.supports}
    seen: dict[tuple[uuid.UUID, date], int] = {}
    records: list[Record] = []
    for row in table.rows:
        before = len(rows.errors)
        name = cell_text(rows.cell(row, "jeune"))
        person = by_code.get(name.upper())
        if person is None and name:
            named = by_nickname.get(normalise(name), [])
            person = named[0] if len(named) == 1 else None
            if len(named) > 1:
                rows.error(row, "jeune", "plusieurs jeunes portent ce surnom : écrivez le code")
        if not name:
            rows.error(row, "jeune", "indiquez le code ou le surnom du jeune")
        elif person is None and len(rows.errors) == before:
            rows.error(row, "jeune", "jeune inconnu dans la base (code ou surnom) : importez "
                                     "d'abord le fichier des jeunes, ou corrigez la cellule")
        start = rows.read(row, "début", parse_date)
        origin = rows.read(row, "origine", lambda v: parse_choice(v, ORIGINS, "origine"))
        problems = rows.optional(row, "problématiques",
                                 lambda v: parse_choices(v, PROBLEMS, "problématique"))
        referent_name = cell_text(rows.cell(row, "référent"))
        referent = rows.staff_member(row, "référent", referent_name) if referent_name else None
        end = rows.optional(row, "fin", parse_date)
        reason = rows.optional(row, "motif", lambda v: parse_choice(v, END_REASONS, "motif"))
        if len(rows.errors) > before or person is None or start is None:
            continue
        key = (person.id, start)
        if key in seen:
            rows.error(row, "début", f"même jeune et même date de début que la ligne "
                                     f"{seen[key]} : gardez une seule ligne")
            continue
        seen[key] = row.number
        current = existing.get(key)
        data: dict[str, Any] = dict(current) if current is not None else {
            "id": _import_id(("support", person.id, start)),
            "young_person_id": person.id, "start_date": start}
        data["origin"] = origin
        if rows.mapped("problématiques"):
            data["problems"] = problems or []
        if rows.mapped("référent"):
            data["referent_id"] = referent.id if referent is not None else None
        if rows.mapped("fin"):
            data["end_date"] = end
        if rows.mapped("motif"):
            data["end_reason"] = reason
        support = rows.build(row, IndividualSupport, {
            "start_date": "début", "origin": "origine", "problems": "problématiques",
            "end_date": "fin", "end_reason": "motif", "referent_id": "référent"}, data,
            fallback="fin" if rows.mapped("fin") else "motif")
        if support is not None:
            records.append(support)
    return records


def prepare(kind: ImportKind, table: Table, mapping: Mapping, references: References
            ) -> ImportPlan:
    """Check every row of ``table`` and build the records of ``kind``; no writes.

    ``mapping`` (field key → column index) comes from
    :func:`~sps_desk.tabular.fields.auto_map` and the user's overrides. A missing
    required column gives one whole-file error and no row is read. The plan's records
    are only meant to be saved when ``errors`` is empty.
    """
    used = set(mapping.values())
    ignored = [h for i, h in enumerate(table.headers) if h and i not in used]
    missing = missing_required(kind, mapping)
    if kind is ImportKind.YOUNG and "code" not in mapping and "surnom" not in mapping:
        missing = [spec for spec in FIELDS[kind] if spec.key in ("code", "surnom")]
    if missing:
        names = " ou ".join(f"« {spec.label} »" for spec in missing) if kind is (
            ImportKind.YOUNG) else ", ".join(f"« {spec.label} »" for spec in missing)
        error = RowError(None, None, f"Colonne(s) introuvable(s) : {names}. Renommez l'en-tête "
                                     "dans le fichier ou associez une colonne à ce champ.")
        return ImportPlan(kind, [], [error], len(table.rows), ignored, {})
    totals: list[Row] = []
    data: list[Row] = []
    for row in table.rows:
        (totals if _is_total(row) else data).append(row)
    table = Table(table.headers, tuple(data))
    rows = _Rows(kind, table, mapping, references)
    if kind is ImportKind.TIME:
        records = _time_entries(rows, table)
    elif kind is ImportKind.ACTIONS:
        records = _actions(rows, table, references)
    elif kind is ImportKind.YOUNG:
        records = _young_people(rows, table, references)
    else:
        records = _supports(rows, table, references)
    if not table.rows and not totals:
        rows.errors.append(RowError(None, None, "Le fichier n'a que des en-têtes : aucune "
                                                "ligne à importer."))
    unknown = {what: sorted(names) for what, names in sorted(rows.unknown.items())}
    return ImportPlan(kind, records, sorted(rows.errors, key=_order),
                      len(table.rows) + len(totals), ignored, unknown,
                      dict(sorted(rows.accepted.items())), [row.number for row in totals],
                      rows.warnings)


_TOTAL = re.compile(r"total(?![a-z])|totaux")


def _is_total(row: Row) -> bool:
    """Whether the row's first non-empty cell starts with « Total » (« TOTAL », « Total
    2025 », « Totaux »), not a name such as « Totalou »."""
    for cell in row.cells:
        text = cell_text(cell)
        if text:
            return _starts_with_total(text)
    return False


@functools.lru_cache(maxsize=4096)
def _starts_with_total(text: str) -> bool:
    # First cells repeat (the dates of a file of hours): each is looked at once.
    return bool(_TOTAL.match(normalise(text)))


def _order(error: RowError) -> tuple[int, int]:
    return (error.row or 0, 0)
