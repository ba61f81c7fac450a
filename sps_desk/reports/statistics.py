"""Computation of :class:`AnnualStatistics` from an open base (DESIGN.md §4).

The reporting year is the civil year in local dates, 1 January to 31 December. Only
live records count (tombstones never do). No figure depends on today's date: the same
base and year always give the same statistics.

Activity of a coded young person in the year, whose earliest date is their reference
date for ages: being met in a field session; a session of a collective action they take
part in; an intervention, referral or concern report in their support; and a support
active in the year (dated at the later of its start and 1 January).

The figures are aggregated by SQLite (:mod:`sps_desk.store.aggregates`), one pass for
a report's year and its N−1; only the ages are worked out here, from each young
person's first activity, so that the rules of :mod:`sps_desk.ages` stay in one place.
"""

from __future__ import annotations

import functools
import weakref
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from sps_desk import __version__
from sps_desk.ages import AgeBrackets, age_on, effective_birth_date
from sps_desk.durations import DURATION_BRACKETS, DURATION_LABELS
from sps_desk.enums import (
    REPORT_COLUMN_OF,
    ActivityCategory,
    BirthDatePrecision,
    CollectiveActionType,
    ConcernAddressee,
    FieldSessionKind,
    LabelledEnum,
    PartnerType,
    Problem,
    ReportColumn,
    Sex,
)
from sps_desk.records import NOT_RECORDED, Service
from sps_desk.reports.model import (
    FIRST_REPORT_YEAR,
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
)
from sps_desk.reports.team import team_of_year
from sps_desk.store import aggregates
from sps_desk.store.aggregates import KnownYoung, Span
from sps_desk.store.database import Database

PRIORITY_AGES = range(11, 16)
"""Priority public « 11-16 ans »: 11 to 15 completed years (référentiel § Les publics)."""
YOUNG_ADULT_AGES = range(16, 22)
"""Public « 16 à 21 ans »: 16 to 21 completed years (référentiel § Public de 16 à 21 ans)."""


def _percent(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 1) if whole else None


def _sex_age_table(
    brackets: AgeBrackets, unit: str, counts: Iterable[tuple[str, str, int]]
) -> SexAgeTable:
    cells = {key: {sex.value: 0 for sex in Sex} for key in brackets.keys()}
    for bracket, sex, count in counts:
        cells[bracket][sex] += count
    total = sum(sum(row.values()) for row in cells.values())
    return SexAgeTable(unit=unit, cells=cells, total=total)  # type: ignore[arg-type]


@dataclass(frozen=True)
class _Person:
    """A young person known in the year: sex, and age at the first activity."""

    sex: str
    age: int | None
    bracket: str


def _people(brackets: AgeBrackets, known: list[KnownYoung]) -> dict[str, _Person]:
    """Age and bracket of each young person known, at their first activity of the year."""
    people: dict[str, _Person] = {}
    bracket_of = functools.cache(brackets.key_for_age)  # a few dozen ages, 25 000 people
    for young in known:
        birth = None if young.birth_date is None else effective_birth_date(
            young.birth_date, BirthDatePrecision(young.birth_date_precision))
        reference = young.first_activity
        age = None if birth is None or birth > reference else age_on(birth, reference)
        people[young.young_id] = _Person(young.sex, age, bracket_of(age))
    return people


def _people_table(
    brackets: AgeBrackets, people: Mapping[str, _Person], ids: Iterable[str]
) -> SexAgeTable:
    """Distinct people by age bracket × sex."""
    return _sex_age_table(
        brackets, "people", ((people[i].bracket, people[i].sex, 1) for i in set(ids))
    )


_LAST_PASS: weakref.WeakKeyDictionary[Database, tuple[tuple[int, int], dict[int, AnnualStatistics]]]
_LAST_PASS = weakref.WeakKeyDictionary()
"""The last pass of each open base, with the state of the base it read."""


def compute_statistics(
    database: Database, year: int, *, with_previous: bool = True
) -> AnnualStatistics:
    """Every figure of DESIGN.md §4 for ``year`` from the live records of ``database``.

    Returns an :class:`AnnualStatistics` with counts of people, contacts and records as
    each section documents, and hours as decimal hours.

    ``year - 1`` is computed in the same pass (unless ``with_previous`` is false: the
    caller will not ask for it) and kept until the base changes: a report or an export
    asks for it next (its comparison column), and gets it without a second computation.
    """
    state = aggregates.state(database.connection)
    last = _LAST_PASS.get(database)
    if last is not None and last[0] == state and year in last[1]:
        return last[1][year]
    first = max(year - 1, FIRST_REPORT_YEAR) if with_previous else year
    years = compute_years(database, first, year)
    _LAST_PASS[database] = (state, years)
    return years[year]


def statistics_and_previous(
    database: Database, year: int
) -> tuple[AnnualStatistics, AnnualStatistics | None]:
    """``year``'s statistics and, for the comparison column, those of ``year - 1`` when
    that year has data (hours or field sessions recorded), else ``None``: one pass of
    the queries for both years.
    """
    # A support that merely started in N-1 does not make N-1 a year with data: the
    # comparison column is shown only when work was recorded then.
    current = compute_statistics(database, year)
    if year - 1 < FIRST_REPORT_YEAR:
        return current, None
    previous = compute_statistics(database, year - 1)
    has_data = previous.hours.total > 0 or previous.contacts.field_sessions > 0
    return current, previous if has_data else None


def compute_years(
    database: Database, first_year: int, last_year: int
) -> dict[int, AnnualStatistics]:
    """:func:`compute_statistics` of every year from ``first_year`` to ``last_year``, each
    aggregate computed once over the whole span."""
    span = Span(first_year, last_year)
    connection = database.connection
    service = database.service()
    hours = aggregates.hours_by_category(connection, span)
    field = aggregates.field_counts(connection, span)
    tallies = aggregates.anonymous_contacts(connection, span)
    coded = aggregates.coded_contacts(connection, span)
    known = aggregates.first_activities(connection, span)
    supports = aggregates.supports(connection, span)
    collective = aggregates.collective(connection, span)
    referrals = aggregates.referrals(connection, span)
    concern_reports = aggregates.concern_reports(connection, span)
    sectors = [
        SectorLine(commune=s.commune, neighbourhood=s.neighbourhood)
        for s in sorted(database.repos.sectors.all(), key=lambda s: (s.commune, s.neighbourhood))
    ]
    staff = database.repos.staff.all()
    found: dict[int, AnnualStatistics] = {}
    for year in span.years:
        brackets = service.age_brackets
        team, team_fte_total = team_of_year(staff, year)
        people = _people(brackets, known[year])
        found[year] = AnnualStatistics(
            generator=f"sps_desk {__version__}",
            year=year,
            service_name=service.name,
            managing_body=service.managing_body,
            sectors=sectors,
            team=team,
            team_fte_total=team_fte_total,
            age_brackets=[BracketInfo(key=k, label=brackets.label(k)) for k in brackets.keys()],
            contacts=_contacts(brackets, people, field[year], tallies[year], coded[year]),
            hours=_hours(service, hours[year]),
            supported=_supported(brackets, people, supports[year]),
            problems=_problems(supports[year]),
            durations=_durations(supports[year]),
            collective_actions=_collective(collective[year]),
            referrals=_count_lines(PartnerType, referrals[year]),
            referrals_total=sum(referrals[year].values()),
            concern_reports=_count_lines(ConcernAddressee, concern_reports[year]),
            concern_reports_total=sum(concern_reports[year].values()),
        )
    return found


def _contacts(
    brackets: AgeBrackets,
    people: dict[str, _Person],
    field: aggregates.FieldCounts,
    tallies: list[tuple[str, str, int]],
    coded: int,
) -> ContactsSection:
    anonymous = _sex_age_table(brackets, "contacts", tallies)
    return ContactsSection(
        field_sessions=sum(field.by_kind.values()),
        field_sessions_by_kind={k.value: field.by_kind.get(k.value, 0) for k in FieldSessionKind},
        contacts_total=anonymous.total + coded,
        anonymous_contacts=anonymous,
        coded_contacts=coded,
        young_known=_people_table(brackets, people, people),
        adults_met=field.adults_met,
        partners_met=field.partners_met,
    )


def _hours(service: Service, by_category: dict[str, float]) -> HoursSection:
    counted_in = service.counted_in
    totals: dict[ReportColumn, float] = {}
    for key, hours in by_category.items():
        category = ActivityCategory(key)
        column = REPORT_COLUMN_OF[counted_in.get(category, category)]
        totals[column] = totals.get(column, 0.0) + hours
    hosts = {
        REPORT_COLUMN_OF[category]: REPORT_COLUMN_OF[host]
        for category, host in counted_in.items()
    }
    untracked = {
        column
        for column in ReportColumn
        if column in hosts
        and all(
            cat in counted_in for cat, col in REPORT_COLUMN_OF.items() if col is column
        )
    }
    columns = [
        HoursColumn(
            key=column.value,
            label=column.label,
            hours=None if column in untracked else totals.get(column, 0.0),
            counted_in=hosts[column].value if column in untracked else None,
        )
        for column in ReportColumn
    ]
    return HoursSection(columns=columns, total=sum(totals.values()))


def _supported(
    brackets: AgeBrackets, people: dict[str, _Person], figures: aggregates.SupportFigures
) -> SupportedSection:
    young_ids = set(figures.young)
    continuing = {i for i, going_on in figures.young.items() if going_on}
    new = young_ids - continuing
    ages = [people[i].age for i in young_ids]
    priority = sum(1 for a in ages if a is not None and a in PRIORITY_AGES)
    adults = sum(1 for a in ages if a is not None and a in YOUNG_ADULT_AGES)
    return SupportedSection(
        total=len(young_ids),
        new=len(new),
        continuing=len(continuing),
        by_sex_age=_people_table(brackets, people, young_ids),
        new_by_sex_age=_people_table(brackets, people, new),
        priority_11_15=priority,
        priority_11_15_share=_percent(priority, len(young_ids)),
        public_16_21=adults,
        public_16_21_share=_percent(adults, len(young_ids)),
        supports_active=figures.supports,
    )


def _problems(figures: aggregates.SupportFigures) -> ProblemsSection:
    young = len(figures.young)
    return ProblemsSection(
        young_supported=young,
        lines=[
            ProblemLine(
                key=p.value,
                label=p.label,
                young=figures.problems.get(p.value, 0),
                percent_of_young=_percent(figures.problems.get(p.value, 0), young),
            )
            for p in Problem
        ],
    )


def _durations(figures: aggregates.SupportFigures) -> DurationSection:
    return DurationSection(
        supports=figures.supports,
        lines=[
            DurationLine(key=k, label=DURATION_LABELS[k], supports=figures.durations[k])
            for k in DURATION_BRACKETS
        ],
    )


def _collective(figures: aggregates.CollectiveFigures) -> CollectiveSection:
    held = figures.actions
    anonymous = sum(a.anonymous for a in held)
    recorded = [int(a.families) for a in held if a.families != NOT_RECORDED]
    by_type = []
    for kind in CollectiveActionType:
        of_kind = [a for a in held if a.type == kind.value]
        if of_kind:
            by_type.append(
                ActionTypeLine(
                    key=kind.value,
                    label=kind.label,
                    actions=len(of_kind),
                    young=figures.coded_by_type.get(kind.value, 0)
                    + sum(a.anonymous for a in of_kind),
                    hours=sum(a.hours for a in of_kind),
                )
            )
    return CollectiveSection(
        actions=len(held),
        sessions=figures.sessions,
        young=figures.coded_young + anonymous,
        coded_young=figures.coded_young,
        anonymous_young=anonymous,
        families=sum(recorded) if recorded else NOT_RECORDED,  # type: ignore[arg-type]
        actions_families_not_recorded=len(held) - len(recorded),
        hours=figures.hours,
        by_type=by_type,
    )


def _count_lines(enum: type[LabelledEnum], counts: dict[str, int]) -> list[CountLine]:
    return [
        CountLine(key=member.value, label=member.label, count=counts[member.value])
        for member in enum
        if counts.get(member.value)
    ]
