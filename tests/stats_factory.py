"""A realistic ``AnnualStatistics`` built by hand, for report tests (no database needed).

The hours are those of SPS Arras in the Département's 2022 table (reference document),
with « Temps de préparation des activités » counted in « Actions collectives ». Every
other figure is synthetic but consistent (totals equal the sums of their parts).
"""

from __future__ import annotations

from typing import Any

from sps_desk.ages import AgeBrackets
from sps_desk.durations import DURATION_BRACKETS, DURATION_LABELS
from sps_desk.enums import (
    CollectiveActionType,
    ConcernAddressee,
    FieldSessionKind,
    PartnerType,
    Problem,
    ReportColumn,
    Role,
    Sex,
)
from sps_desk.reports.model import (
    ActionTypeLine,
    AnnualStatistics,
    BracketInfo,
    CollectiveSection,
    ContactsSection,
    CountLine,
    DurationLine,
    DurationSection,
    HoursColumn,
    HoursSection,
    ProblemLine,
    ProblemsSection,
    SectorLine,
    SexAgeTable,
    SupportedSection,
    TeamLine,
)

DEMO_HOURS: dict[ReportColumn, float | None] = {
    ReportColumn.STREET_WORK: 2150,
    ReportColumn.INDIVIDUAL_SUPPORT: 4103,
    ReportColumn.COLLECTIVE_ACTIONS: 4110,
    ReportColumn.TRAINING_LEAVE: 389,
    ReportColumn.WRITING: 997,
    ReportColumn.PARTNERSHIP: 1219,
    ReportColumn.PREPARATION: None,
}
"""Hours of the 2022 table for Arras; preparation is counted in collective actions."""

DEMO_HOURS_TOTAL = 12968.0

_BRACKETS = AgeBrackets()
_SEXES = [sex.value for sex in Sex]


def sex_age_table(unit: str, rows: list[list[int]]) -> SexAgeTable:
    """A ``SexAgeTable`` from one row of 4 counts (F, M, other, not stated) per bracket."""
    keys = _BRACKETS.keys()
    if len(rows) != len(keys):
        raise ValueError(f"{len(keys)} lignes attendues")
    cells = {key: dict(zip(_SEXES, row, strict=True)) for key, row in zip(keys, rows, strict=True)}
    return SexAgeTable(unit=unit, cells=cells, total=sum(sum(row) for row in rows))


def _hours(hours: dict[ReportColumn, float | None], counted_in: str) -> HoursSection:
    columns = [
        HoursColumn(
            key=column.value,
            label=column.label,
            hours=value,
            counted_in=None if value is not None else counted_in,
        )
        for column, value in hours.items()
    ]
    return HoursSection(columns=columns, total=sum(v for v in hours.values() if v is not None))


def _contacts() -> ContactsSection:
    anonymous = sex_age_table(
        "contacts",
        [[40, 61, 0, 3], [310, 522, 2, 14], [205, 390, 1, 9], [120, 260, 0, 6],
         [35, 88, 0, 2], [12, 30, 0, 41]],
    )
    known = sex_age_table(
        "people",
        [[4, 6, 0, 0], [41, 63, 1, 1], [30, 52, 0, 1], [18, 37, 0, 0], [5, 11, 0, 0],
         [1, 2, 0, 3]],
    )
    coded = 612
    by_kind = {
        FieldSessionKind.STREET_WORK.value: 301,
        FieldSessionKind.SOCIAL_PRESENCE.value: 88,
        FieldSessionKind.SCHOOL_GATES.value: 41,
        FieldSessionKind.ONLINE.value: 17,
    }
    return ContactsSection(
        field_sessions=sum(by_kind.values()),
        field_sessions_by_kind=by_kind,
        contacts_total=anonymous.total + coded,
        anonymous_contacts=anonymous,
        coded_contacts=coded,
        young_known=known,
        adults_met=1034,
        partners_met=221,
    )


def _supported() -> SupportedSection:
    by_sex_age = sex_age_table(
        "people",
        [[2, 3, 0, 0], [22, 31, 1, 0], [14, 25, 0, 1], [9, 17, 0, 0], [2, 5, 0, 0],
         [0, 1, 0, 1]],
    )
    new = sex_age_table(
        "people",
        [[1, 2, 0, 0], [12, 15, 1, 0], [6, 10, 0, 1], [3, 6, 0, 0], [1, 1, 0, 0],
         [0, 1, 0, 1]],
    )
    total = by_sex_age.total
    priority = by_sex_age.bracket_total("11-15")
    public = by_sex_age.bracket_total("16-17") + by_sex_age.bracket_total("18-21")
    return SupportedSection(
        total=total,
        new=new.total,
        continuing=total - new.total,
        by_sex_age=by_sex_age,
        new_by_sex_age=new,
        priority_11_15=priority,
        priority_11_15_share=100 * priority / total,
        public_16_21=public,
        public_16_21_share=100 * public / total,
        supports_active=total + 3,
    )


def _problems(young: int) -> ProblemsSection:
    counts = {
        Problem.SCHOOLING: 58, Problem.EMPLOYMENT: 41, Problem.FAMILY_RELATIONS: 37,
        Problem.MENTAL_HEALTH: 22, Problem.JUSTICE: 19, Problem.RIGHTS_ACCESS: 30,
        Problem.HOUSING: 11, Problem.ADDICTION: 9, Problem.OTHER: 4,
    }
    lines = [
        ProblemLine(key=p.value, label=p.label, young=n, percent_of_young=100 * n / young)
        for p, n in counts.items()
    ]
    return ProblemsSection(young_supported=young, lines=lines)


def _durations(supports: int) -> DurationSection:
    counts = dict(zip(DURATION_BRACKETS, (31, 24, 28, 32, 0), strict=True))
    counts["gt2y"] = supports - sum(counts.values())
    lines = [
        DurationLine(key=key, label=DURATION_LABELS[key], supports=counts[key])
        for key in DURATION_BRACKETS
    ]
    return DurationSection(supports=supports, lines=lines)


def _collective() -> CollectiveSection:
    by_type = [
        ActionTypeLine(key=CollectiveActionType.WORK_PROJECT.value,
                       label=CollectiveActionType.WORK_PROJECT.label,
                       actions=2, young=24, hours=1210.5),
        ActionTypeLine(key=CollectiveActionType.RESIDENTIAL_TRIP.value,
                       label=CollectiveActionType.RESIDENTIAL_TRIP.label,
                       actions=1, young=8, hours=1650),
        ActionTypeLine(key=CollectiveActionType.SPORT.value,
                       label=CollectiveActionType.SPORT.label,
                       actions=3, young=281, hours=980.25),
        ActionTypeLine(key=CollectiveActionType.PARENTING.value,
                       label=CollectiveActionType.PARENTING.label,
                       actions=1, young=32, hours=269.25),
    ]
    return CollectiveSection(
        actions=7,
        sessions=64,
        young=345,
        coded_young=96,
        anonymous_young=249,
        families="NR",
        actions_families_not_recorded=7,
        hours=4110,
        by_type=by_type,
    )


def _count_lines(counts: dict[Any, int]) -> list[CountLine]:
    return [CountLine(key=k.value, label=k.label, count=n) for k, n in counts.items()]


def make_statistics(
    year: int = 2024,
    service_name: str = "SPS Arras",
    managing_body: str = "Association La Vie Active",
    communes: tuple[tuple[str, str], ...] = (
        ("Arras", "Blancs Monts"),
        ("Arras", "Baudimont"),
        ("Arras", "Résidence Saint-Paul"),
    ),
    hours: dict[ReportColumn, float | None] | None = None,
    counted_in: str = ReportColumn.COLLECTIVE_ACTIONS.value,
) -> AnnualStatistics:
    """A consistent ``AnnualStatistics`` for one service and year (synthetic figures).

    ``hours`` defaults to :data:`DEMO_HOURS`; a column given as ``None`` is reported as
    counted in the column ``counted_in``.
    """
    supported = _supported()
    referrals = _count_lines({
        PartnerType.MISSION_LOCALE: 14, PartnerType.MDS: 6, PartnerType.CMP: 3,
        PartnerType.PAEJ: 2,
    })
    concerns = _count_lines({ConcernAddressee.CRIP: 3, ConcernAddressee.PROSECUTOR: 1})
    team = [
        TeamLine(role=Role.HEAD.value, label=Role.HEAD.label, headcount=1, fte=1.0),
        TeamLine(role=Role.SOCIAL_WORKER.value, label=Role.SOCIAL_WORKER.label,
                 headcount=5, fte=3.83),
        TeamLine(role=Role.ADMINISTRATIVE.value, label=Role.ADMINISTRATIVE.label,
                 headcount=1, fte=0.5),
    ]
    return AnnualStatistics(
        generator="sps_desk tests",
        year=year,
        service_name=service_name,
        managing_body=managing_body,
        sectors=[SectorLine(commune=c, neighbourhood=q) for c, q in communes],
        team=team,
        team_fte_total=sum(line.fte for line in team),
        age_brackets=[BracketInfo(key=k, label=_BRACKETS.label(k)) for k in _BRACKETS.keys()],
        contacts=_contacts(),
        hours=_hours(DEMO_HOURS if hours is None else hours, counted_in),
        supported=supported,
        problems=_problems(supported.total),
        durations=_durations(supported.supports_active),
        collective_actions=_collective(),
        referrals=referrals,
        referrals_total=sum(line.count for line in referrals),
        concern_reports=concerns,
        concern_reports_total=sum(line.count for line in concerns),
    )
