"""``AnnualStatistics``: every figure of DESIGN.md §4 for one service and one civil year.

This is what ``statistiques-YYYY.json`` holds and what the PDF report prints. It holds
aggregates only: no identity, code, nickname, UUID or free text. Counts say whether they
count people (distinct young people), contacts (encounters) or records (supports,
actions, referrals). Hours are decimal hours.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

STATISTICS_FORMAT = "sps_desk.annual_statistics/1"
FIRST_REPORT_YEAR = 2000
"""Earliest civil year a report can be produced for."""


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class BracketInfo(_Frozen):
    """An age bracket of the service: stable key and French label."""

    key: str
    label: str


class SexAgeTable(_Frozen):
    """Counts by age bracket × sex, every cell present (zeros included).

    ``cells[bracket_key][sex_code]``; sex codes are those of ``sps_desk.enums.Sex``.
    ``unit`` says what is counted: distinct ``"people"`` or ``"contacts"``.
    """

    unit: Literal["people", "contacts"]
    cells: dict[str, dict[str, int]]
    total: int

    def bracket_total(self, key: str) -> int:
        """Sum over sexes of one age bracket."""
        return sum(self.cells[key].values())

    def sex_total(self, sex: str) -> int:
        """Sum over brackets of one sex."""
        return sum(row[sex] for row in self.cells.values())


class SectorLine(_Frozen):
    """A sector of intervention: commune and quartier (may be empty)."""

    commune: str
    neighbourhood: str


class TeamLine(_Frozen):
    """Team composition for one role: number of staff and their FTE."""

    role: str
    label: str
    headcount: int
    fte: float


class ContactsSection(_Frozen):
    """« Nombre de jeunes rencontrés »: contacts and distinct young people known.

    ``contacts_total`` = anonymous contacts tallied + coded young met in field sessions
    (one per young per session): encounters, not people. ``young_known`` counts distinct
    coded young people with at least one activity in the year.
    """

    field_sessions: int
    field_sessions_by_kind: dict[str, int]
    contacts_total: int
    anonymous_contacts: SexAgeTable
    coded_contacts: int
    young_known: SexAgeTable
    adults_met: int
    partners_met: int


class HoursColumn(_Frozen):
    """One column of the Département's hours table.

    ``hours`` is ``None`` when the service does not track the column apart;
    ``counted_in`` then names the column (key) its hours are counted in.
    """

    key: str
    label: str
    hours: float | None
    counted_in: str | None = None


class HoursSection(_Frozen):
    """« Répartition de l'activité »: hours of the whole educational team by column."""

    columns: list[HoursColumn]
    total: float


class SupportedSection(_Frozen):
    """« Nombre de jeunes accompagnés »: distinct young with a support active in the year.

    ``new`` had no support active before 1 January; the others are ``continuing``.
    ``priority_11_15`` and ``public_16_21`` count people by age at the reference date
    (référentiel § Les publics concernés); shares are percentages of ``total``.
    """

    total: int
    new: int
    continuing: int
    by_sex_age: SexAgeTable
    new_by_sex_age: SexAgeTable
    priority_11_15: int
    priority_11_15_share: float | None
    public_16_21: int
    public_16_21_share: float | None
    supports_active: int


class ProblemLine(_Frozen):
    """A problématique: young people (distinct) whose support started with it ticked."""

    key: str
    label: str
    young: int
    percent_of_young: float | None


class ProblemsSection(_Frozen):
    """« Problématiques à l'origine de l'accompagnement » (multi-choice; sum > young)."""

    young_supported: int
    lines: list[ProblemLine]


class DurationLine(_Frozen):
    """Number of supports in one duration bracket."""

    key: str
    label: str
    supports: int


class DurationSection(_Frozen):
    """« Durée de l'accompagnement »: supports by duration from start to min(end, 31/12)."""

    supports: int
    lines: list[DurationLine]


class ActionTypeLine(_Frozen):
    """Collective actions of one type held in the year."""

    key: str
    label: str
    actions: int
    young: int
    hours: float


class CollectiveSection(_Frozen):
    """« Actions collectives »: actions held in the year (≥ 1 session in the year).

    ``young`` = distinct coded participants + anonymous participants (people).
    ``families`` is the sum over actions whose families were recorded, or ``"NR"`` when
    none was; ``actions_families_not_recorded`` says how many actions were left out.
    """

    actions: int
    sessions: int
    young: int
    coded_young: int
    anonymous_young: int
    families: int | Literal["NR"]
    actions_families_not_recorded: int
    hours: float
    by_type: list[ActionTypeLine]


class CountLine(_Frozen):
    """A labelled count of records (referrals, concern reports)."""

    key: str
    label: str
    count: int


class AnnualStatistics(_Frozen):
    """Every statistic of one service for one civil year (local dates, 1/1 to 31/12)."""

    format: Literal["sps_desk.annual_statistics/1"] = STATISTICS_FORMAT
    generator: str
    year: int = Field(ge=FIRST_REPORT_YEAR, le=2100)
    service_name: str
    managing_body: str
    sectors: list[SectorLine]
    team: list[TeamLine]
    team_fte_total: float
    age_brackets: list[BracketInfo]
    contacts: ContactsSection
    hours: HoursSection
    supported: SupportedSection
    problems: ProblemsSection
    durations: DurationSection
    collective_actions: CollectiveSection
    referrals: list[CountLine]
    referrals_total: int
    concern_reports: list[CountLine]
    concern_reports_total: int
