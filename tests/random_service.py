"""Random services for property tests: a small population of young people drawn person
by person, and the year's :class:`AnnualStatistics` aggregated from it here (not by
``sps_desk.reports.statistics``), so that every table holds small, consistent counts.

Each person is known (sex, age or unknown age), may be supported (new or continuing,
with one or two supports of drawn durations, problématiques), may take part in
collective actions of some kinds, may have referrals and concern reports. Anonymous
participants, families and the service's age brackets are drawn too.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from hypothesis import strategies as st

from sps_desk.ages import AgeBrackets
from sps_desk.durations import DURATION_BRACKETS, DURATION_LABELS
from sps_desk.enums import (
    CollectiveActionType,
    ConcernAddressee,
    PartnerType,
    Problem,
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
    HoursSection,
    ProblemLine,
    ProblemsSection,
    SexAgeTable,
    SupportedSection,
)

BRACKETS = [AgeBrackets(), AgeBrackets(bounds=(12, 16, 18, 25)), AgeBrackets(bounds=(14, 18))]
"""The default brackets, and two a service could configure (11-15 not tiled)."""
KINDS = list(CollectiveActionType)[:4]
PROBLEMS = list(Problem)[:5]
PARTNERS = list(PartnerType)[:4]


@dataclass(frozen=True)
class Person:
    sex: str
    age: int | None
    supported: bool
    new: bool
    supports: tuple[str, ...]
    problems: frozenset[Problem]
    kinds: frozenset[CollectiveActionType]
    referrals: tuple[PartnerType, ...]
    reports: tuple[ConcernAddressee, ...]


@st.composite
def people(draw: st.DrawFn) -> Person:
    supported = draw(st.booleans())
    new = supported and draw(st.booleans())
    durations = list(DURATION_BRACKETS[:3]) if new else list(DURATION_BRACKETS)
    return Person(
        sex=draw(st.sampled_from([s.value for s in Sex])),
        age=draw(st.one_of(st.none(), st.integers(8, 26))),
        supported=supported,
        new=new,
        supports=tuple(draw(st.lists(st.sampled_from(durations), min_size=1, max_size=2)))
        if supported else (),
        problems=frozenset(draw(st.sets(st.sampled_from(PROBLEMS), max_size=2)))
        if supported else frozenset(),
        kinds=frozenset(draw(st.sets(st.sampled_from(KINDS), max_size=2))),
        referrals=tuple(draw(st.lists(st.sampled_from(PARTNERS), max_size=2)))
        if supported else (),
        reports=tuple(draw(st.lists(st.sampled_from(list(ConcernAddressee)), max_size=1))),
    )


def _table(brackets: AgeBrackets, group: list[Person]) -> SexAgeTable:
    cells = {key: {s.value: 0 for s in Sex} for key in brackets.keys()}
    for person in group:
        cells[brackets.key_for_age(person.age)][person.sex] += 1
    return SexAgeTable(unit="people", cells=cells, total=len(group))


def _percent(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 1) if whole else None


def aggregate(population: list[Person], brackets: AgeBrackets, anonymous: dict[str, int],
              families: int | str, year: int = 2025) -> AnnualStatistics:
    """The year's statistics of ``population`` (``anonymous``: anonymous participants by
    kind of action)."""
    supported = [p for p in population if p.supported]
    new = [p for p in supported if p.new]
    priority = sum(1 for p in supported if p.age is not None and 11 <= p.age <= 15)
    public = sum(1 for p in supported if p.age is not None and 16 <= p.age <= 21)
    supports = Counter(d for p in supported for d in p.supports)
    held = [k for k in KINDS if any(k in p.kinds for p in population) or anonymous.get(k.value)]
    coded = [p for p in population if p.kinds]
    referrals = Counter(r for p in supported for r in p.referrals)
    reports = Counter(r for p in population for r in p.reports)
    empty = SexAgeTable(unit="contacts", cells={k: {s.value: 0 for s in Sex}
                                                for k in brackets.keys()}, total=0)
    return AnnualStatistics(
        generator="tests", year=year, service_name="SPS Ğüzelyurt", managing_body="",
        sectors=[], team=[], team_fte_total=0.0,
        age_brackets=[BracketInfo(key=k, label=brackets.label(k)) for k in brackets.keys()],
        contacts=ContactsSection(
            field_sessions=1, field_sessions_by_kind={}, contacts_total=0,
            anonymous_contacts=empty, coded_contacts=0,
            young_known=_table(brackets, population), adults_met=0, partners_met=0),
        hours=HoursSection(columns=[], total=10.0),
        supported=SupportedSection(
            total=len(supported), new=len(new), continuing=len(supported) - len(new),
            by_sex_age=_table(brackets, supported), new_by_sex_age=_table(brackets, new),
            priority_11_15=priority, priority_11_15_share=_percent(priority, len(supported)),
            public_16_21=public, public_16_21_share=_percent(public, len(supported)),
            supports_active=sum(supports.values())),
        problems=ProblemsSection(young_supported=len(supported), lines=[
            ProblemLine(key=p.value, label=p.label,
                        young=(n := sum(1 for x in supported if p in x.problems)),
                        percent_of_young=_percent(n, len(supported)))
            for p in PROBLEMS]),
        durations=DurationSection(supports=sum(supports.values()), lines=[
            DurationLine(key=k, label=DURATION_LABELS[k], supports=supports.get(k, 0))
            for k in DURATION_BRACKETS]),
        collective_actions=CollectiveSection(
            actions=len(held), sessions=len(held),
            young=len(coded) + sum(anonymous.values()), coded_young=len(coded),
            anonymous_young=sum(anonymous.values()), families=families,
            actions_families_not_recorded=0, hours=0.0,
            by_type=[ActionTypeLine(
                key=k.value, label=k.label, actions=1,
                young=sum(1 for p in population if k in p.kinds) + anonymous.get(k.value, 0),
                hours=0.0) for k in held]),
        referrals=[CountLine(key=p.value, label=p.label, count=referrals[p])
                   for p in PARTNERS if referrals[p]],
        referrals_total=sum(referrals.values()),
        concern_reports=[CountLine(key=a.value, label=a.label, count=reports[a])
                         for a in ConcernAddressee if reports[a]],
        concern_reports_total=sum(reports.values()),
    )


@st.composite
def services(draw: st.DrawFn) -> AnnualStatistics:
    """A random service's year: 0 to 40 young people, small counts in every table."""
    population = draw(st.lists(people(), max_size=40))
    brackets = draw(st.sampled_from(BRACKETS))
    anonymous = {k.value: draw(st.integers(0, 6)) for k in KINDS}
    families = draw(st.one_of(st.just("NR"), st.integers(0, 8)))
    return aggregate(population, brackets, anonymous, families)
