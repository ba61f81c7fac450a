"""Record kinds of DESIGN.md §3 as pydantic v2 models.

Every record has a UUID, created/updated timestamps in UTC, the id of the device that
last wrote it and a tombstone (``deleted_at``) so that laptops can be merged. The store
stamps ``updated_at`` and ``device_id`` on every write; the models only validate.

Validation errors raised here carry French messages; :func:`french_errors` turns a
pydantic ``ValidationError`` into the lines shown to a user.
"""

from __future__ import annotations

import random
import secrets
from datetime import UTC, date, datetime, time
from typing import Annotated, ClassVar, Literal
from uuid import UUID, uuid4, uuid5

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
    model_validator,
)

from sps_desk.ages import AgeBrackets, effective_birth_date
from sps_desk.durations import (
    MAX_HOURS_PER_ENTRY,
    elapsed_hours,
    is_quarter_step,
    round_to_quarter,
)
from sps_desk.enums import (
    ActivityCategory,
    BirthDatePrecision,
    CheckRule,
    CollectiveActionType,
    ConcernAddressee,
    EndReason,
    FieldSessionKind,
    InterventionType,
    PartnerType,
    Problem,
    Role,
    Sex,
    Situation,
    SupportOrigin,
)
from sps_desk.fte import FtePeriod, check_periods, fte_over

IDENTITY_NAMESPACE = UUID("0b6f7d1e-3c1a-4f5e-8a7d-6c2b9e4f1a30")
"""Namespace of identity ids (uuid5 of the young person's id)."""

NOT_RECORDED: Literal["NR"] = "NR"
"""« Non renseigné »: a value that was not collected. It is never counted as 0."""

Count = Annotated[int, Field(ge=0, le=1_000_000)]
"""A count of people or contacts, never negative."""
CountOrNR = Count | Literal["NR"]
"""A count, or ``"NR"`` when it was not recorded."""
ShortText = Annotated[str, Field(max_length=200)]
LongText = Annotated[str, Field(max_length=20_000)]

_CODE_ALPHABET = "ABCDEFGHJKMNPQRSTVWXYZ23456789"


def utc_now() -> datetime:
    """Current UTC time, timezone-aware, to the microsecond."""
    return datetime.now(UTC)


def new_young_code(rng: random.Random | None = None) -> str:
    """A fresh pseudonymous code such as ``J-7KQ2MX``.

    Random — from ``secrets`` unless a seeded ``rng`` is given (reproducible demo data) —
    never derived from an identity, and without look-alike letters (I, L, O, U, 0, 1) so
    that it can be read aloud or copied by hand. 30⁶ ≈ 7×10⁸ codes.
    """
    choice = rng.choice if rng is not None else secrets.choice
    return "J-" + "".join(choice(_CODE_ALPHABET) for _ in range(6))


def _check_quarter(hours: float) -> float:
    # Snap to the exact quarter so that float noise (0.2500000001) never reaches a total.
    if not is_quarter_step(hours) or round(hours * 4) == 0:
        raise ValueError("les heures se saisissent par quarts d'heure (0,25 ; 0,5 ; 0,75…)")
    return round(hours * 4) / 4


FIRST_DATE = date(1990, 1, 1)
LAST_DATE = date(2100, 12, 31)


def _plausible_date(value: date) -> date:
    if not FIRST_DATE <= value <= LAST_DATE:
        raise ValueError("date hors de la période possible (1990 à 2100) : vérifiez l'année")
    return value


def _local_minute(value: time) -> time:
    if value.tzinfo is not None:
        raise ValueError("l'heure est une heure locale, sans fuseau horaire")
    if value.second or value.microsecond:
        raise ValueError("l'heure se saisit à la minute près (hh:mm)")
    return value


WorkDate = Annotated[date, AfterValidator(_plausible_date)]
"""A local calendar date of recorded work, between 1990 and 2100."""
LocalTime = Annotated[time, AfterValidator(_local_minute)]
"""A local wall-clock time to the minute (Europe/Paris), without time zone."""


Hours = Annotated[
    float, Field(gt=0, le=MAX_HOURS_PER_ENTRY), AfterValidator(_check_quarter)
]
"""Decimal hours of one entry: more than 0, at most 24, in quarter-hour steps."""


class Record(BaseModel):
    """Fields shared by every record: identity, timestamps, writing device, tombstone."""

    model_config = ConfigDict(extra="forbid", validate_assignment=True, str_strip_whitespace=True)

    kind: ClassVar[str]
    """Stable name of the record kind, also its table name."""

    id: UUID = Field(default_factory=uuid4)
    created_at: datetime = Field(default_factory=utc_now)
    updated_at: datetime = Field(default_factory=utc_now)
    device_id: UUID | None = None
    deleted_at: datetime | None = None

    @field_validator("created_at", "updated_at", "deleted_at")
    @classmethod
    def _utc(cls, value: datetime | None) -> datetime | None:
        if value is not None and value.tzinfo is None:
            raise ValueError("l'horodatage doit être en UTC")
        return value.astimezone(UTC) if value is not None else None

    @property
    def is_deleted(self) -> bool:
        """Whether the record is a tombstone."""
        return self.deleted_at is not None


class Service(Record):
    """The service (SPS) this database belongs to; one per database.

    ``counted_in`` lists the categories of hours the service does not track apart, with
    the category they are counted in (the 2022 table's « Dans les accompagnements
    individuels »).
    """

    kind: ClassVar[str] = "service"

    name: Annotated[str, Field(min_length=1, max_length=200)]
    managing_body: ShortText = ""
    linked_mds: ShortText = ""
    age_brackets: AgeBrackets = Field(default_factory=AgeBrackets)
    counted_in: dict[ActivityCategory, ActivityCategory] = Field(default_factory=dict)
    disclosure_threshold: Annotated[int, Field(ge=3, le=100)] = 5
    """Statistical secrecy ``k``: counts of people from 1 to k−1 are hidden in the file
    sent to the Département (issue #5); default 5, never below 3."""

    @field_validator("counted_in")
    @classmethod
    def _not_itself(
        cls, value: dict[ActivityCategory, ActivityCategory]
    ) -> dict[ActivityCategory, ActivityCategory]:
        for category, host in value.items():
            if category == host or host in value:
                raise ValueError(
                    "une catégorie d'heures ne peut être comptée que dans une catégorie suivie"
                )
        return value


class Sector(Record):
    """A commune and, optionally, a quartier where the team intervenes."""

    kind: ClassVar[str] = "sector"

    commune: Annotated[str, Field(min_length=1, max_length=120)]
    neighbourhood: ShortText = ""

    @property
    def label(self) -> str:
        """« Commune – quartier », or the commune alone."""
        return f"{self.commune} – {self.neighbourhood}" if self.neighbourhood else self.commune


class StaffMember(Record):
    """A professional of the team: display name or initials, role, and dated FTE periods.

    ``periods`` (:class:`sps_desk.fte.FtePeriod`, sorted, never sharing a day) say when
    and at which FTE the member worked: the report of a past year counts that year's
    team. ``fte`` and ``active`` follow the latest period — its FTE, and whether it is
    still open (the member is offered in the forms) — and are kept for the lists and for
    records written before periods existed: such a record (no ``periods``) gets one
    period of unknown start, open while it is active, as migration 0011 does.
    """

    kind: ClassVar[str] = "staff_member"

    display_name: Annotated[str, Field(min_length=1, max_length=120)]
    role: Role
    fte: Annotated[float, Field(gt=0, le=1)]
    active: bool = True
    periods: list[FtePeriod] = Field(default_factory=list)

    @model_validator(mode="before")
    @classmethod
    def _follow_periods(cls, data: object) -> object:
        if not isinstance(data, dict):
            return data
        periods = data.get("periods")
        if not periods:
            if data.get("active", True) and "fte" in data:
                return {**data, "periods": [{"fte": data["fte"]}]}
            return data
        try:
            parsed = [p if isinstance(p, FtePeriod) else FtePeriod.model_validate(p)
                      for p in periods]
        except (ValidationError, TypeError):
            return data  # the field's own validation says what is wrong
        latest = check_periods(parsed)
        return {**data, "periods": latest, "fte": latest[-1].fte,
                "active": latest[-1].end is None}

    def fte_over(self, first: date, last: date) -> float:
        """Average FTE from ``first`` to ``last`` inclusive (:func:`sps_desk.fte.fte_over`)."""
        return fte_over(self.periods, first, last)


class Partner(Record):
    """A partner organisation (name and type)."""

    kind: ClassVar[str] = "partner"

    name: Annotated[str, Field(min_length=1, max_length=200)]
    type: PartnerType


class YoungPerson(Record):
    """A young person, pseudonymous: a generated code, an optional nickname.

    The birth date is optional; when only the year or month is known the precision says
    so and ages use :func:`sps_desk.ages.effective_birth_date`. ``in_child_welfare_care``
    is ``None`` when not recorded (« non renseigné »).
    """

    kind: ClassVar[str] = "young_person"

    code: Annotated[str, Field(min_length=1, max_length=40)] = Field(default_factory=new_young_code)
    nickname: ShortText = ""
    sex: Sex = Sex.NOT_STATED
    birth_date: date | None = None
    birth_date_precision: BirthDatePrecision = BirthDatePrecision.EXACT
    sector_id: UUID | None = None
    situation: Situation = Situation.UNKNOWN
    in_child_welfare_care: bool | None = None

    @field_validator("birth_date")
    @classmethod
    def _plausible_birth(cls, value: date | None) -> date | None:
        if value is not None and not date(1950, 1, 1) <= value <= date(2100, 1, 1):
            raise ValueError("date de naissance invraisemblable")
        return value

    def age_birth_date(self) -> date | None:
        """Birth date used for ages, or ``None`` when unknown."""
        if self.birth_date is None:
            return None
        return effective_birth_date(self.birth_date, self.birth_date_precision)


class Identity(Record):
    """The four identifying fields allowed by the convention, stored apart (art. 9).

    All optional; shown only on an explicit action. One per young person, whose id is
    derived from the young person's (uuid5), so that two laptops recording the identity
    of the same young person write versions of one record, which merge (issue 7).
    """

    kind: ClassVar[str] = "identity"

    young_person_id: UUID
    last_name: ShortText = ""

    @model_validator(mode="before")
    @classmethod
    def _one_per_young_person(cls, data: object) -> object:
        if isinstance(data, dict) and "id" not in data and "young_person_id" in data:
            return {**data, "id": uuid5(IDENTITY_NAMESPACE, str(data["young_person_id"]))}
        return data
    first_name: ShortText = ""
    address: Annotated[str, Field(max_length=400)] = ""
    phone: Annotated[str, Field(max_length=40)] = ""


class TallyCell(BaseModel):
    """Anonymous contacts of one sex in one age bracket (a count of contacts, not people)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    sex: Sex
    age_bracket: Annotated[str, Field(pattern=r"^(lt\d+|\d+-\d+|ge\d+|unknown)$")]
    count: Count


def _tally_total(cells: list[TallyCell]) -> int:
    return sum(cell.count for cell in cells)


def _unique_cells(cells: list[TallyCell]) -> list[TallyCell]:
    seen = {(c.sex, c.age_bracket) for c in cells}
    if len(seen) != len(cells):
        raise ValueError("une même case sexe × tranche d'âge apparaît deux fois")
    return cells


Tallies = Annotated[list[TallyCell], AfterValidator(_unique_cells)]
"""Tally cells, at most one per sex × age bracket."""


class FieldSession(Record):
    """A street-work outing or social-presence session of one or more staff.

    ``start_time``/``end_time`` are local times; an end at or before the start means the
    session crossed midnight. ``tallies`` count anonymous contacts by sex × age bracket;
    ``young_met_ids`` are coded young people met (each is one contact too).
    """

    kind: ClassVar[str] = "field_session"

    date: WorkDate
    start_time: LocalTime
    end_time: LocalTime
    staff_ids: list[UUID] = Field(min_length=1)
    session_kind: FieldSessionKind = FieldSessionKind.STREET_WORK
    sector_id: UUID | None = None
    tallies: Tallies = Field(default_factory=list)
    adults_met: Count = 0
    partners_met: Count = 0
    young_met_ids: list[UUID] = Field(default_factory=list)
    observation: LongText = ""

    @model_validator(mode="after")
    def _times(self) -> FieldSession:
        if self.start_time == self.end_time:
            raise ValueError("l'heure de fin doit être différente de l'heure de début")
        if self.hours > MAX_HOURS_PER_ENTRY:
            raise ValueError("une sortie ne peut pas durer plus de 24 heures")
        if round_to_quarter(self.hours) == 0:
            # Also catches an hour that does not exist (02:30 → 03:30 on the spring change).
            raise ValueError("une sortie dure au moins un quart d'heure")
        if len(set(self.staff_ids)) != len(self.staff_ids):
            raise ValueError("un professionnel est indiqué deux fois")
        return self

    @property
    def hours(self) -> float:
        """Real elapsed decimal hours, midnight and daylight-saving changes included."""
        return elapsed_hours(self.date, self.start_time, self.end_time)

    @property
    def anonymous_contacts(self) -> int:
        """Number of anonymous contacts tallied (contacts, not distinct people)."""
        return _tally_total(self.tallies)


class IndividualSupport(Record):
    """An accompagnement individuel of one young person.

    The support is active from ``start_date`` to ``end_date`` inclusive (open when
    ``end_date`` is ``None``); ``problems`` are the problématiques ticked at start.
    """

    kind: ClassVar[str] = "individual_support"

    young_person_id: UUID
    referent_id: UUID | None = None
    start_date: WorkDate
    origin: SupportOrigin
    problems: list[Problem] = Field(default_factory=list)
    end_date: WorkDate | None = None
    end_reason: EndReason | None = None

    @field_validator("problems")
    @classmethod
    def _distinct(cls, value: list[Problem]) -> list[Problem]:
        if len(set(value)) != len(value):
            raise ValueError("une problématique est cochée deux fois")
        return value

    @model_validator(mode="after")
    def _end(self) -> IndividualSupport:
        if self.end_date is not None and self.end_date < self.start_date:
            raise ValueError("la date de fin précède la date de début de l'accompagnement")
        if (self.end_date is None) != (self.end_reason is None):
            raise ValueError("une fin d'accompagnement a une date et un motif, ou aucun des deux")
        return self

    def active_between(self, first: date, last: date) -> bool:
        """Whether the support is active on at least one day of ``first``…``last``."""
        return self.start_date <= last and (self.end_date is None or self.end_date >= first)


class Intervention(Record):
    """A dated event inside a support: interview, accompaniment, visit…; duration in hours."""

    kind: ClassVar[str] = "intervention"

    support_id: UUID
    date: WorkDate
    type: InterventionType
    duration_hours: Hours
    staff_ids: list[UUID] = Field(min_length=1)
    partner_id: UUID | None = None



class Referral(Record):
    """A hand-over of a support to a partner type (orientation, relais)."""

    kind: ClassVar[str] = "referral"

    support_id: UUID
    date: WorkDate
    partner_type: PartnerType
    partner_id: UUID | None = None


class ConcernReport(Record):
    """An information préoccupante transmitted: date and addressee only, never content."""

    kind: ClassVar[str] = "concern_report"

    young_person_id: UUID
    date: WorkDate
    addressee: ConcernAddressee


class CollectiveAction(Record):
    """A collective action: participants (coded young + anonymous tallies), families, partners.

    ``families`` is a count of families, or ``"NR"`` when not recorded (never 0).
    """

    kind: ClassVar[str] = "collective_action"

    title: Annotated[str, Field(min_length=1, max_length=200)]
    type: CollectiveActionType
    participant_ids: list[UUID] = Field(default_factory=list)
    anonymous_participants: Tallies = Field(default_factory=list)
    families: CountOrNR = NOT_RECORDED
    partner_ids: list[UUID] = Field(default_factory=list)

    @property
    def anonymous_count(self) -> int:
        """Anonymous participants (people counted, not identified)."""
        return _tally_total(self.anonymous_participants)


class CollectiveActionSession(Record):
    """One dated session of a collective action with its hours per staff member present."""

    kind: ClassVar[str] = "collective_action_session"

    action_id: UUID
    date: WorkDate
    hours: Hours
    staff_ids: list[UUID] = Field(min_length=1)



class TimeEntry(Record):
    """Hours of one staff member in one category on one local date.

    Entries derived from a field session, an intervention or a collective-action session
    carry ``source_kind``/``source_id`` and are rewritten by the store with their source;
    the others are typed by hand.
    """

    kind: ClassVar[str] = "time_entry"

    staff_id: UUID
    date: WorkDate
    category: ActivityCategory
    hours: Hours
    source_kind: Literal["field_session", "intervention", "collective_action_session"] | None = (
        None
    )
    source_id: UUID | None = None


    @model_validator(mode="after")
    def _source(self) -> TimeEntry:
        if (self.source_kind is None) != (self.source_id is None):
            raise ValueError("une saisie dérivée indique sa source et son identifiant")
        return self


REPORT_SECTIONS_NAMESPACE = UUID("9d3c2b8e-4f61-4c2a-a7e5-0b6f3d1e8a24")
"""Namespace of the ids of :class:`ReportSections` (one record per year)."""


class ReportSections(Record):
    """The chief's own sections of the annual report of one civil ``year``.

    « Faits marquants » (``highlights``), « Démarche d'amélioration continue de la
    qualité » (``quality``) and « Perspectives » (``outlook``): free text printed
    literally in the report, paragraphs separated by blank lines. The id is derived from
    the year (:meth:`for_year`), so that two laptops writing the same year's sections
    merge into one record instead of two.
    """

    kind: ClassVar[str] = "report_sections"

    year: Annotated[int, Field(ge=2000, le=2100)]
    highlights: LongText = ""
    quality: LongText = ""
    outlook: LongText = ""

    @classmethod
    def for_year(cls, year: int, **texts: str) -> ReportSections:
        """The sections record of ``year`` with its stable id (uuid5 of the year)."""
        return cls(id=uuid5(REPORT_SECTIONS_NAMESPACE, str(year)), year=year, **texts)


CHECK_MARK_NAMESPACE = UUID("4a7e0c52-93d1-4b6f-8e2a-5c1d9f3b7a60")
"""Namespace of the ids of :class:`CheckMark` (one record per rule and subject)."""


class CheckMark(Record):
    """A line of « À vérifier » the chief marked as checked (issue 15).

    ``subject`` names the line within its ``rule``: the id of the record it is about (a
    support, a young person, an outing, an action), or a staff member's id with a date
    (``<id>:2025-03-14``), an ISO week (``<id>:2025-W11``) or a year (``<id>:2025``). The
    id is derived from both (:meth:`for_line`), so that two laptops marking the same line
    write one record; un-marking leaves a tombstone, marking again lifts it.
    """

    kind: ClassVar[str] = "check_mark"

    rule: CheckRule
    subject: Annotated[str, Field(min_length=1, max_length=120)]

    @staticmethod
    def id_for(rule: CheckRule, subject: str) -> UUID:
        """The stable id of the mark of one line (uuid5 of the rule and subject)."""
        return uuid5(CHECK_MARK_NAMESPACE, f"{rule.value}:{subject}")

    @classmethod
    def for_line(cls, rule: CheckRule, subject: str) -> CheckMark:
        """The mark of one line, with its stable id."""
        return cls(id=cls.id_for(rule, subject), rule=rule, subject=subject)


RECORD_KINDS: tuple[type[Record], ...] = (
    Service,
    Sector,
    StaffMember,
    Partner,
    YoungPerson,
    Identity,
    FieldSession,
    IndividualSupport,
    Intervention,
    Referral,
    ConcernReport,
    CollectiveAction,
    CollectiveActionSession,
    TimeEntry,
    ReportSections,
    CheckMark,
)
"""Every record kind, in an order where a record only refers to kinds before it."""


_FIELD_LABELS: dict[str, str] = {
    "name": "nom",
    "commune": "commune",
    "display_name": "nom affiché",
    "disclosure_threshold": "seuil du secret statistique",
    "fte": "ETP",
    "role": "rôle",
    "date": "date",
    "start_time": "heure de début",
    "end_time": "heure de fin",
    "staff_ids": "professionnels présents",
    "tallies": "rencontres anonymes",
    "count": "nombre",
    "adults_met": "adultes rencontrés",
    "partners_met": "partenaires rencontrés",
    "hours": "heures",
    "duration_hours": "durée",
    "start_date": "date de début",
    "end_date": "date de fin",
    "origin": "origine",
    "problems": "problématiques",
    "families": "nombre de familles",
    "birth_date": "date de naissance",
    "title": "intitulé",
    "category": "catégorie",
    "type": "type",
    "age_bracket": "tranche d'âge",
    "sex": "sexe",
    "code": "code",
    "nickname": "surnom",
    "observation": "observation",
    "counted_in": "catégories comptées dans une autre",
    "created_at": "date de création",
    "updated_at": "date de modification",
    "session_kind": "type de sortie",
    "sector_id": "secteur",
    "young_met_ids": "jeunes rencontrés",
    "end_reason": "motif de fin",
    "referent_id": "référent",
    "partner_type": "type de partenaire",
    "addressee": "destinataire",
    "participant_ids": "participants",
    "anonymous_participants": "participants anonymes",
    "situation": "situation",
    "managing_body": "structure gestionnaire",
    "last_name": "nom",
    "first_name": "prénom",
    "address": "adresse",
    "phone": "téléphone",
    "year": "année",
    # Fields shown side by side when two laptops edited the same record (issue 7).
    "neighbourhood": "quartier",
    "active": "actif",
    "linked_mds": "MDS de rattachement",
    "age_brackets": "tranches d'âge",
    "birth_date_precision": "précision de la date de naissance",
    "in_child_welfare_care": "confié à l'ASE",
    "young_person_id": "jeune",
    "support_id": "accompagnement",
    "partner_id": "partenaire",
    "partner_ids": "partenaires",
    "action_id": "action collective",
    "staff_id": "professionnel",
    "source_kind": "origine de la saisie",
    "source_id": "saisie d'origine",
    "deleted_at": "date de suppression",
    "highlights": "faits marquants",
    "quality": "démarche d'amélioration continue de la qualité",
    "outlook": "perspectives",
    "periods": "périodes d'activité",
    "rule": "règle",
    "subject": "ligne vérifiée",
}

_TYPE_NAMES = frozenset({"int", "float", "str", "bool", "list", "dict", "none"})

_EMPTY_LIST_MESSAGES: dict[str, str] = {
    "staff_ids": "Cochez au moins un professionnel.",
}
"""Whole messages for a required list left empty, in the words of the form (the staff
are a checklist labelled « Professionnels »), instead of « doit contenir au moins 1
élément(s) »."""

_TYPE_MESSAGES: dict[str, str] = {
    "missing": "champ obligatoire",
    "greater_than_equal": "doit être supérieur ou égal à {ge}",
    "greater_than": "doit être supérieur à {gt}",
    "less_than_equal": "doit être inférieur ou égal à {le}",
    "less_than": "doit être inférieur à {lt}",
    "too_short": "doit contenir au moins {min_length} élément(s)",
    "string_too_short": "ne peut pas être vide",
    "string_too_long": "est trop long ({max_length} caractères au plus)",
    "enum": "valeur non prévue dans la liste",
    "literal_error": "valeur non prévue dans la liste",
    "int_parsing": "doit être un nombre entier",
    "float_parsing": "doit être un nombre",
    "date_from_datetime_parsing": "doit être une date (jj/mm/aaaa)",
    "date_parsing": "doit être une date (jj/mm/aaaa)",
    "time_parsing": "doit être une heure (hh:mm)",
    "uuid_parsing": "identifiant invalide",
    "string_pattern_mismatch": "valeur mal formée",
    "extra_forbidden": "champ inconnu",
}


def _french_value(value: object) -> str:
    if isinstance(value, float):
        return f"{value:g}".replace(".", ",")
    return str(value)


KIND_LABELS: dict[str, str] = {
    "service": "service",
    "sector": "secteur",
    "staff_member": "professionnel",
    "partner": "partenaire",
    "young_person": "jeune",
    "identity": "identité",
    "field_session": "sortie de terrain",
    "individual_support": "accompagnement",
    "intervention": "intervention",
    "referral": "orientation",
    "concern_report": "information préoccupante",
    "collective_action": "action collective",
    "collective_action_session": "séance d'action collective",
    "time_entry": "heures",
    "report_sections": "rubriques du rapport",
    "check_mark": "vérification",
}
"""French name of each record kind, for messages and listings."""


def field_label(name: str) -> str:
    """The French label of a record field, as in error messages (« date », « ETP »…)."""
    return _FIELD_LABELS.get(name, name.replace("_", " "))


def french_errors(error: ValidationError) -> list[str]:
    """One French line per problem in a pydantic ``ValidationError``.

    Lines read « <champ> : <raison> »; messages of the models' own rules are already
    French and are kept as written. Input values are never echoed (they may be names).
    For a field that accepts several types (a count or « NR »), only the first reason is
    kept, so that one mistake gives one line.
    """
    lines: list[str] = []
    for item in error.errors(include_input=False, include_url=False):
        # Union members appear in ``loc`` as type names ("constrained-int",
        # "literal['NR']"): keep only the names of fields.
        fields = [
            p for p in item["loc"]
            if isinstance(p, str) and p.isidentifier() and p not in _TYPE_NAMES
        ]
        label = _FIELD_LABELS.get(fields[-1], fields[-1].replace("_", " ")) if fields else ""
        kind = item["type"]
        if kind == "too_short" and fields and fields[-1] in _EMPTY_LIST_MESSAGES:
            message = _EMPTY_LIST_MESSAGES[fields[-1]]
            if message not in lines:
                lines.append(message)
            continue
        if kind == "value_error":
            reason = str(item.get("ctx", {}).get("error", item["msg"]))
        else:
            template = _TYPE_MESSAGES.get(kind, "valeur invalide")
            ctx = {k: _french_value(v) for k, v in (item.get("ctx") or {}).items()}
            reason = template.format(**ctx) if ctx else template.split(" {")[0]
        if label and any(line.startswith(f"{label} : ") for line in lines):
            continue
        lines.append(f"{label} : {reason}" if label else reason[:1].upper() + reason[1:])
    return lines
