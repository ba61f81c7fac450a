"""Computation of :class:`AnnualStatistics` from an open base (DESIGN.md §4).

The reporting year is the civil year in local dates, 1 January to 31 December. Only
live records count (tombstones never do). No figure depends on today's date: the same
base and year always give the same statistics.

Activity of a coded young person in the year, whose earliest date is their reference
date for ages: being met in a field session; a session of a collective action they take
part in; an intervention, referral or concern report in their support; and a support
active in the year (dated at the later of its start and 1 January).
"""

from __future__ import annotations

import uuid
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from sps_desk import __version__
from sps_desk.ages import AgeBrackets, age_on
from sps_desk.durations import DURATION_BRACKETS, DURATION_LABELS, duration_bracket
from sps_desk.enums import (
    REPORT_COLUMN_OF,
    CollectiveActionType,
    ConcernAddressee,
    FieldSessionKind,
    PartnerType,
    Problem,
    ReportColumn,
    Sex,
)
from sps_desk.records import (
    NOT_RECORDED,
    CollectiveAction,
    IndividualSupport,
    TallyCell,
    YoungPerson,
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
)
from sps_desk.reports.team import team_of_year
from sps_desk.store.database import Database
from sps_desk.store.rights import restricted_ids

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


def _tally_counts(cells: Iterable[TallyCell]) -> Iterable[tuple[str, str, int]]:
    return ((cell.age_bracket, cell.sex.value, cell.count) for cell in cells)


@dataclass
class _Year:
    """The live records that matter for one year, loaded once."""

    first: date
    last: date
    brackets: AgeBrackets
    young: dict[uuid.UUID, YoungPerson]
    activity: dict[uuid.UUID, date] = field(default_factory=dict)

    def note(self, young_id: uuid.UUID, day: date) -> None:
        """Record an activity of a coded young person on ``day`` (inside the year)."""
        if young_id in self.young and self.first <= day <= self.last:
            previous = self.activity.get(young_id)
            self.activity[young_id] = day if previous is None else min(previous, day)

    def bracket(self, young_id: uuid.UUID) -> str:
        """Age bracket of a young person at their first activity of the year."""
        person = self.young[young_id]
        birth = person.age_birth_date()
        reference = self.activity[young_id]
        if birth is None or birth > reference:
            return self.brackets.key_for_age(None)
        return self.brackets.key_for_age(age_on(birth, reference))

    def age(self, young_id: uuid.UUID) -> int | None:
        """Completed years at the reference date, ``None`` when unknown."""
        birth = self.young[young_id].age_birth_date()
        reference = self.activity[young_id]
        return None if birth is None or birth > reference else age_on(birth, reference)

    def people_table(self, ids: Iterable[uuid.UUID]) -> SexAgeTable:
        """Distinct people by age bracket × sex."""
        return _sex_age_table(
            self.brackets,
            "people",
            ((self.bracket(i), self.young[i].sex.value, 1) for i in set(ids)),
        )


def compute_statistics(database: Database, year: int) -> AnnualStatistics:
    """Every figure of DESIGN.md §4 for ``year`` from the live records of ``database``.

    Returns an :class:`AnnualStatistics` with counts of people, contacts and records as
    each section documents, and hours as decimal hours.
    """
    repos = database.repos
    service = database.service()
    brackets = service.age_brackets
    first, last = date(year, 1, 1), date(year, 12, 31)
    # GDPR art. 18: a young person whose processing is restricted is left out.
    restricted = restricted_ids(database)
    data = _Year(first, last, brackets,
                 {p.id: p for p in repos.young_people.all() if p.id not in restricted})

    sessions = repos.field_sessions.between(first, last)
    for session in sessions:
        for young_id in session.young_met_ids:
            data.note(young_id, session.date)

    supports = [s for s in repos.supports.active_between(first, last) if s.young_person_id
                in data.young]
    support_by_id = {s.id: s for s in repos.supports.all()}
    for support in supports:
        data.note(support.young_person_id, max(support.start_date, first))
    for item in [*repos.interventions.between(first, last), *repos.referrals.between(first, last)]:
        support = support_by_id.get(item.support_id)
        if support is not None:
            data.note(support.young_person_id, item.date)
    concern_reports = repos.concern_reports.between(first, last)
    for report in concern_reports:
        data.note(report.young_person_id, report.date)

    collective = _collective(database, data)
    referrals = repos.referrals.between(first, last)
    team, team_fte_total = team_of_year(repos.staff.all(), year)

    return AnnualStatistics(
        generator=f"sps_desk {__version__}",
        year=year,
        service_name=service.name,
        managing_body=service.managing_body,
        sectors=[
            SectorLine(commune=s.commune, neighbourhood=s.neighbourhood)
            for s in sorted(repos.sectors.all(), key=lambda s: (s.commune, s.neighbourhood))
        ],
        team=team,
        team_fte_total=team_fte_total,
        age_brackets=[BracketInfo(key=k, label=brackets.label(k)) for k in brackets.keys()],
        contacts=_contacts(data, sessions),
        hours=_hours(database, first, last),
        supported=_supported(data, supports),
        problems=_problems(supports),
        durations=_durations(supports, last),
        collective_actions=collective,
        referrals=_count_lines(PartnerType, Counter(r.partner_type for r in referrals)),
        referrals_total=len(referrals),
        concern_reports=_count_lines(
            ConcernAddressee, Counter(r.addressee for r in concern_reports)
        ),
        concern_reports_total=len(concern_reports),
    )


def _contacts(data: _Year, sessions: list) -> ContactsSection:
    coded = sum(len(set(s.young_met_ids) & data.young.keys()) for s in sessions)
    anonymous = _sex_age_table(
        data.brackets, "contacts", (c for s in sessions for c in _tally_counts(s.tallies))
    )
    by_kind = Counter(s.session_kind for s in sessions)
    return ContactsSection(
        field_sessions=len(sessions),
        field_sessions_by_kind={k.value: by_kind.get(k, 0) for k in FieldSessionKind},
        contacts_total=anonymous.total + coded,
        anonymous_contacts=anonymous,
        coded_contacts=coded,
        young_known=data.people_table(data.activity),
        adults_met=sum(s.adults_met for s in sessions),
        partners_met=sum(s.partners_met for s in sessions),
    )


def _hours(database: Database, first: date, last: date) -> HoursSection:
    counted_in = database.service().counted_in
    totals: dict[ReportColumn, float] = defaultdict(float)
    for entry in database.repos.time_entries.between(first, last):
        category = counted_in.get(entry.category, entry.category)
        totals[REPORT_COLUMN_OF[category]] += entry.hours
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


def _supported(data: _Year, supports: list[IndividualSupport]) -> SupportedSection:
    young_ids = {s.young_person_id for s in supports}
    continuing = {s.young_person_id for s in supports if s.start_date < data.first}
    new = young_ids - continuing
    ages = {i: data.age(i) for i in young_ids}
    priority = sum(1 for a in ages.values() if a is not None and a in PRIORITY_AGES)
    adults = sum(1 for a in ages.values() if a is not None and a in YOUNG_ADULT_AGES)
    return SupportedSection(
        total=len(young_ids),
        new=len(new),
        continuing=len(continuing),
        by_sex_age=data.people_table(young_ids),
        new_by_sex_age=data.people_table(new),
        priority_11_15=priority,
        priority_11_15_share=_percent(priority, len(young_ids)),
        public_16_21=adults,
        public_16_21_share=_percent(adults, len(young_ids)),
        supports_active=len(supports),
    )


def _problems(supports: list[IndividualSupport]) -> ProblemsSection:
    young = {s.young_person_id for s in supports}
    having: dict[Problem, set[uuid.UUID]] = defaultdict(set)
    for support in supports:
        for problem in support.problems:
            having[problem].add(support.young_person_id)
    return ProblemsSection(
        young_supported=len(young),
        lines=[
            ProblemLine(
                key=p.value,
                label=p.label,
                young=len(having[p]),
                percent_of_young=_percent(len(having[p]), len(young)),
            )
            for p in Problem
        ],
    )


def _durations(supports: list[IndividualSupport], last: date) -> DurationSection:
    counts = Counter(
        duration_bracket(s.start_date, min(s.end_date or last, last)) for s in supports
    )
    return DurationSection(
        supports=len(supports),
        lines=[
            DurationLine(key=k, label=DURATION_LABELS[k], supports=counts.get(k, 0))
            for k in DURATION_BRACKETS
        ],
    )


def _collective(database: Database, data: _Year) -> CollectiveSection:
    repos = database.repos
    sessions = repos.collective_sessions.between(data.first, data.last)
    by_action: dict[uuid.UUID, list] = defaultdict(list)
    for session in sessions:
        by_action[session.action_id].append(session)
    held: list[CollectiveAction] = [
        a for a in repos.collective_actions.all() if a.id in by_action
    ]
    coded: set[uuid.UUID] = set()
    for action in held:
        first_session = min(s.date for s in by_action[action.id])
        for young_id in action.participant_ids:
            if young_id in data.young:
                coded.add(young_id)
                data.note(young_id, first_session)
    anonymous = sum(a.anonymous_count for a in held)
    recorded = [a.families for a in held if a.families != NOT_RECORDED]
    by_type = []
    for kind in CollectiveActionType:
        of_kind = [a for a in held if a.type is kind]
        if of_kind:
            kind_coded = {i for a in of_kind for i in a.participant_ids if i in data.young}
            by_type.append(
                ActionTypeLine(
                    key=kind.value,
                    label=kind.label,
                    actions=len(of_kind),
                    young=len(kind_coded) + sum(a.anonymous_count for a in of_kind),
                    hours=sum(s.hours * len(s.staff_ids) for a in of_kind
                              for s in by_action[a.id]),
                )
            )
    return CollectiveSection(
        actions=len(held),
        sessions=len(sessions),
        young=len(coded) + anonymous,
        coded_young=len(coded),
        anonymous_young=anonymous,
        families=sum(recorded) if recorded else NOT_RECORDED,  # type: ignore[arg-type]
        actions_families_not_recorded=len(held) - len(recorded),
        hours=sum(s.hours * len(s.staff_ids) for s in sessions),
        by_type=by_type,
    )


def _count_lines(enum: type, counts: Counter) -> list[CountLine]:
    return [
        CountLine(key=member.value, label=member.label, count=counts[member])
        for member in enum
        if counts.get(member)
    ]

