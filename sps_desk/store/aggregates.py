"""The figures of the annual statistics, aggregated by SQLite (DESIGN.md §4 and §7).

Every function reads a :class:`Span` of consecutive civil years — a report's year and its
N−1 — in one pass, and returns its figures year by year: the N−1 column of a report
comes from the same queries as year N. Only live records count (tombstones never do);
everything about people leaves out the young people whose processing is restricted
(GDPR art. 18, table ``restriction``) and those whose record is a tombstone. Dates are
local ISO dates, compared as text; hours are decimal hours, summed exactly (every entry
is a whole number of quarters).

Each query reads the years asked through an index on the record's date (migration 0007):
its cost follows the years asked, not the length of the history. Counts by a column with
a fixed list of values (categories, kinds, partner types, addressees) are read in the
order of an index on that column, so nothing is sorted; grouping by person, action or
element of a JSON list sorts only the rows of the years asked.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sps_desk.durations import DURATION_BRACKETS
from sps_desk.enums import (
    ActivityCategory,
    ConcernAddressee,
    FieldSessionKind,
    LabelledEnum,
    PartnerType,
)

_LIVE_YOUNG = """
    CROSS JOIN young_person yp ON yp.id = {column} AND yp.deleted_at IS NULL
    AND NOT EXISTS (SELECT 1 FROM restriction r WHERE r.young_person_id = yp.id)"""
"""Keeps the young people the statistics count: live, processing not restricted. (A
``CROSS JOIN`` keeps the rows of the years asked as the outer loop, looking each person
up by id, instead of going through every young person of the history.)"""


@dataclass(frozen=True)
class Span:
    """Consecutive civil years ``first_year`` to ``last_year`` inclusive."""

    first_year: int
    last_year: int

    @property
    def years(self) -> range:
        """The years of the span, in order."""
        return range(self.first_year, self.last_year + 1)

    def params(self) -> dict[str, str]:
        """Named SQL parameters: ``first``/``last`` of the span, ``fYYYY``/``lYYYY`` of
        each year (1 January and 31 December, ISO)."""
        found = {"first": f"{self.first_year}-01-01", "last": f"{self.last_year}-12-31"}
        for year in self.years:
            found[f"f{year}"] = f"{year}-01-01"
            found[f"l{year}"] = f"{year}-12-31"
        return found

    def per_year(self, aggregate: str, column: str) -> str:
        """``aggregate`` once per year of the span, each over the rows whose ``column``
        (a date) falls in that year: the columns of one pass over the whole span."""
        return ", ".join(
            f"{aggregate} FILTER (WHERE {column} BETWEEN :f{year} AND :l{year})"
            for year in self.years
        )

    def years_table(self) -> str:
        """A ``years(year, first, last)`` CTE: one row per year, as ISO text."""
        rows = ", ".join(f"('{y}', '{y}-01-01', '{y}-12-31')" for y in self.years)
        return f"years(year, first, last) AS (VALUES {rows})"


def _per_key(
    connection: Any, span: Span, table: str, column: str, values: type[LabelledEnum],
    *aggregates: str,
) -> dict[int, dict[str, list[float]]]:
    """``aggregates`` of the live rows of ``table`` dated in each year, by ``column``
    (default: the count of rows); a value with nothing in a year is left out.

    The ``IN`` list of every possible value lets SQLite walk an index on
    ``(column, date, …)`` value by value, so the grouping needs no sort.
    """
    aggregates = aggregates or ("count(*)",)
    marks = ", ".join(f"'{member.value}'" for member in values)
    columns = ", ".join(span.per_year(aggregate, "date") for aggregate in aggregates)
    rows = connection.execute(
        f"SELECT {column}, {columns} FROM {table}"
        f" WHERE {column} IN ({marks}) AND date BETWEEN :first AND :last"
        f" AND deleted_at IS NULL GROUP BY {column}",
        span.params(),
    ).fetchall()
    years = len(span.years)
    found: dict[int, dict[str, list[float]]] = {year: {} for year in span.years}
    for value, *amounts in rows:
        for index, year in enumerate(span.years):
            per_aggregate = amounts[index::years]
            if per_aggregate[0]:
                found[year][value] = per_aggregate
    return found


def _counts(found: dict[int, dict[str, list[float]]]) -> dict[int, dict[str, int]]:
    return {year: {k: int(v[0]) for k, v in counts.items()} for year, counts in found.items()}


def state(connection: Any) -> tuple[int, int]:
    """Rows changed through this connection since it opened, and SQLite's count of
    commits by other connections (``PRAGMA data_version``): while both stay equal, the
    records — and so every aggregate — are the same."""
    return connection.total_changes, connection.execute("PRAGMA data_version").fetchone()[0]


# ----------------------------------------------------------------------------- hours


def hours_by_category(connection: Any, span: Span) -> dict[int, dict[str, float]]:
    """Decimal hours of the time entries of each year, by category (absent: none)."""
    found = _per_key(connection, span, "time_entry", "category", ActivityCategory,
                     "total(hours)")
    return {year: {k: v[0] for k, v in hours.items()} for year, hours in found.items()}


# ----------------------------------------------------------------------------- field


@dataclass(frozen=True)
class FieldCounts:
    """Field sessions of one year: sessions by kind, adults and partners met (counts of
    encounters, not people)."""

    by_kind: dict[str, int]
    adults_met: int
    partners_met: int


def field_counts(connection: Any, span: Span) -> dict[int, FieldCounts]:
    """Sessions by kind and the adults and partners met, per year."""
    found = _per_key(connection, span, "field_session", "session_kind", FieldSessionKind,
                     "count(*)", "total(adults_met)", "total(partners_met)")
    return {
        year: FieldCounts(
            by_kind={kind: int(n) for kind, (n, _, _) in kinds.items()},
            adults_met=int(sum(adults for _, adults, _ in kinds.values())),
            partners_met=int(sum(partners for _, _, partners in kinds.values())),
        )
        for year, kinds in found.items()
    }


def anonymous_contacts(connection: Any, span: Span) -> dict[int, list[tuple[str, str, int]]]:
    """``(age bracket, sex, contacts)`` of the anonymous tallies of each year's sessions."""
    # Tallies repeat (« 2 girls 11-15 » in hundreds of sessions): each distinct tally of
    # a year is counted first, then read once, instead of reading every tally's fields.
    rows = connection.execute(
        "SELECT year, tally ->> 'age_bracket' AS bracket, tally ->> 'sex' AS sex,"
        " total((tally ->> 'count') * times) FROM (SELECT substr(fs.date, 1, 4) AS year,"
        " t.value AS tally, count(*) AS times FROM field_session fs, json_each(fs.tallies) t"
        " WHERE fs.date BETWEEN :first AND :last AND fs.deleted_at IS NULL GROUP BY 1, 2)"
        " GROUP BY year, bracket, sex",
        span.params(),
    ).fetchall()
    found: dict[int, list[tuple[str, str, int]]] = {year: [] for year in span.years}
    for year, bracket, sex, count in rows:
        found[int(year)].append((bracket, sex, int(count)))
    return found


def coded_contacts(connection: Any, span: Span) -> dict[int, int]:
    """Encounters with coded young people: one per young person per session, per year."""
    # Counted per young person first, so that each is looked up once per year, not once
    # per session they were met in.
    rows = connection.execute(
        "SELECT m.year, sum(m.sessions) FROM (SELECT substr(fs.date, 1, 4) AS year,"
        " j.value AS young, count(DISTINCT fs.id) AS sessions"
        " FROM field_session fs, json_each(fs.young_met_ids) j"
        " WHERE fs.date BETWEEN :first AND :last AND fs.deleted_at IS NULL GROUP BY 1, 2) m"
        + _LIVE_YOUNG.format(column="m.young") + " GROUP BY m.year",
        span.params(),
    ).fetchall()
    found = dict.fromkeys(span.years, 0)
    found.update({int(year): count for year, count in rows})
    return found


# ----------------------------------------------------------------------------- people


@dataclass(frozen=True)
class KnownYoung:
    """A young person with activity in a year, at their first activity of that year (the
    reference date of their age)."""

    young_id: str
    sex: str
    birth_date: date | None
    birth_date_precision: str
    first_activity: date


def _held_actions(span: Span) -> str:
    """CTE ``held(year, action_id, day)``: actions with live sessions in a year of the
    span, and their first session of that year."""
    return (
        "held(year, action_id, day) AS (SELECT substr(date, 1, 4), action_id, min(date)"
        " FROM collective_action_session WHERE date BETWEEN :first AND :last"
        " AND deleted_at IS NULL GROUP BY 1, 2)"
    )


def _active_supports(span: Span) -> str:
    """CTE ``active(year, first, support_id, young_id, start_date, end_date)``: the live
    supports active on at least one day of each year; read from the index on end dates
    (open supports, and those ending in or after the year), not the whole history."""
    select = (
        "SELECT y.year, y.first, s.id, s.young_person_id, s.start_date, s.end_date"
        " FROM years y JOIN individual_support s ON s.start_date <= y.last"
    )
    return (
        f"active(year, first, support_id, young_id, start_date, end_date) AS ("
        f"{select} AND s.end_date >= y.first WHERE s.deleted_at IS NULL"
        f" UNION ALL {select} AND s.end_date IS NULL WHERE s.deleted_at IS NULL)"
    )


def first_activities(connection: Any, span: Span) -> dict[int, list[KnownYoung]]:
    """Young people known in each year — at least one activity — with their first.

    Activities (DESIGN.md §4, dated in the year): being met in a field session; a
    support active in the year (dated at the later of its start and 1 January); an
    intervention or referral of a live support; a concern report; taking part in a
    collective action held in the year (dated at its first session of the year).
    """
    # Each source is first reduced to one earliest date per person (or support) and
    # year, so that the persons are looked up once each, not once per activity.
    # Interventions (tens of thousands a year) are grouped by support alone, each year's
    # earliest in a column of its own: a sort on a shorter key than (year, support).
    days = ", ".join(f"d{year}" for year in span.years)
    earliest_by_year = ", ".join(
        f"min(date) FILTER (WHERE date BETWEEN :f{year} AND :l{year}) AS d{year}"
        for year in span.years
    )
    by_support = " UNION ALL ".join(
        f"SELECT '{year}', young, d{year} FROM by_support WHERE d{year} IS NOT NULL"
        for year in span.years
    )
    rows = connection.execute(
        f"WITH {span.years_table()}, {_held_actions(span)}, {_active_supports(span)},"
        f" by_support(young, {days}) AS MATERIALIZED (SELECT s.young_person_id, {days}"
        f"  FROM (SELECT support_id, {earliest_by_year} FROM intervention"
        "   WHERE date BETWEEN :first AND :last AND deleted_at IS NULL GROUP BY support_id"
        f"  UNION ALL SELECT support_id, {earliest_by_year} FROM referral"
        "   WHERE date BETWEEN :first AND :last AND deleted_at IS NULL GROUP BY support_id) b"
        "  JOIN individual_support s ON s.id = b.support_id AND s.deleted_at IS NULL),"
        " activity(year, young, day) AS ("
        "  SELECT substr(fs.date, 1, 4), j.value, min(fs.date)"
        "   FROM field_session fs, json_each(fs.young_met_ids) j"
        "   WHERE fs.date BETWEEN :first AND :last AND fs.deleted_at IS NULL GROUP BY 1, 2"
        "  UNION ALL SELECT year, young_id, max(start_date, first) FROM active"
        f"  UNION ALL {by_support}"
        "  UNION ALL SELECT substr(date, 1, 4), young_person_id, date FROM concern_report"
        "   WHERE date BETWEEN :first AND :last AND deleted_at IS NULL"
        "  UNION ALL SELECT h.year, p.value, h.day FROM held h"
        "   JOIN collective_action ca ON ca.id = h.action_id AND ca.deleted_at IS NULL,"
        "   json_each(ca.participant_ids) p),"
        " earliest(year, young, day) AS ("
        "  SELECT year, young, min(day) FROM activity GROUP BY year, young)"
        " SELECT e.year, yp.id, yp.sex, yp.birth_date, yp.birth_date_precision, e.day"
        " FROM earliest e" + _LIVE_YOUNG.format(column="e.young"),
        span.params(),
    ).fetchall()
    found: dict[int, list[KnownYoung]] = {year: [] for year in span.years}
    for year, young_id, sex, birth, precision, day in rows:
        found[int(year)].append(KnownYoung(
            young_id=young_id, sex=sex,
            birth_date=None if birth is None else date.fromisoformat(birth),
            birth_date_precision=precision, first_activity=date.fromisoformat(day),
        ))
    return found


# ----------------------------------------------------------------------------- supports


@dataclass
class SupportFigures:
    """Supports active in one year, of young people the statistics count."""

    young: dict[str, bool]
    """Young people supported (id → whether a support of theirs started before 1 January:
    « continuing »)."""
    supports: int = 0
    """Supports active (a young person may have had two in the year)."""
    problems: dict[str, int] = field(default_factory=dict)
    """Young people (distinct) per problem ticked at the start of an active support."""
    durations: dict[str, int] = field(
        default_factory=lambda: dict.fromkeys(DURATION_BRACKETS, 0))
    """Supports per duration bracket, from start to min(end, 31 December)."""


_DURATION_SQL = "CASE" + "".join(
    f" WHEN min(coalesce(end_date, last), last) < date(start_date, '+{months} months',"
    f" 'floor') THEN '{key}'"
    for key, months in zip(DURATION_BRACKETS, (3, 6, 12, 24), strict=False)
) + f" ELSE '{DURATION_BRACKETS[-1]}' END"
""":func:`sps_desk.durations.duration_bracket` in SQL: calendar months, a month-end
start ending on the last day of a shorter month (the ``floor`` modifier, as dateutil's
``relativedelta``); ``last`` is 31 December of the year."""


def supports(connection: Any, span: Span) -> dict[int, SupportFigures]:
    """Young people supported, supports, problems and durations, per year."""
    prefix = (
        f"WITH {span.years_table()}, {_active_supports(span)},"
        " counted(year, first, last, support_id, young_id, start_date, end_date) AS ("
        " SELECT act.year, act.first, act.year || '-12-31', act.support_id, act.young_id,"
        " act.start_date, act.end_date FROM active act"
        + _LIVE_YOUNG.format(column="act.young_id")
        + ")"
    )
    params = span.params()
    figures = {year: SupportFigures({}) for year in span.years}
    for year, young, continuing, count in connection.execute(
        f"{prefix} SELECT year, young_id, min(start_date) < first, count(*) FROM counted"
        " GROUP BY year, young_id", params,
    ):
        figures[int(year)].young[young] = bool(continuing)
        figures[int(year)].supports += count
    for year, problem, young in connection.execute(
        f"{prefix} SELECT c.year, p.value, count(DISTINCT c.young_id) FROM counted c,"
        " individual_support s, json_each(s.problems) p WHERE s.id = c.support_id"
        " GROUP BY c.year, p.value", params,
    ):
        figures[int(year)].problems[problem] = young
    for year, bracket, count in connection.execute(
        f"{prefix} SELECT year, {_DURATION_SQL} AS bracket, count(*) FROM counted"
        " GROUP BY year, bracket", params,
    ):
        figures[int(year)].durations[bracket] = count
    return figures


# ----------------------------------------------------------------------------- actions


@dataclass(frozen=True)
class HeldAction:
    """A live collective action with at least one live session in the year."""

    type: str
    families: int | str
    """A count, or ``"NR"`` (not recorded)."""
    anonymous: int
    """Anonymous participants (people counted, not identified)."""
    hours: float
    """Hours of its sessions of the year, times the staff present at each."""


@dataclass
class CollectiveFigures:
    """Collective actions of one year."""

    sessions: int
    """Live sessions dated in the year (those of a deleted action too)."""
    hours: float
    """Hours of those sessions times the staff present at each."""
    actions: list[HeldAction] = field(default_factory=list)
    coded_young: int = 0
    """Distinct coded young people taking part in an action held in the year."""
    coded_by_type: dict[str, int] = field(default_factory=dict)
    """The same, per action type."""


def collective(connection: Any, span: Span) -> dict[int, CollectiveFigures]:
    """Sessions, actions held, their participants and hours, per year."""
    params = span.params()
    totals = connection.execute(
        f"SELECT {span.per_year('count(*)', 'date')},"
        f" {span.per_year('total(hours * json_array_length(staff_ids))', 'date')}"
        " FROM collective_action_session WHERE date BETWEEN :first AND :last"
        " AND deleted_at IS NULL",
        params,
    ).fetchone()
    count = len(span.years)
    figures = {
        year: CollectiveFigures(int(totals[i]), totals[count + i])
        for i, year in enumerate(span.years)
    }
    for year, kind, families, anonymous, hours in connection.execute(
        "WITH spent(year, action_id, hours) AS (SELECT substr(date, 1, 4), action_id,"
        " total(hours * json_array_length(staff_ids)) FROM collective_action_session"
        " WHERE date BETWEEN :first AND :last AND deleted_at IS NULL GROUP BY 1, 2)"
        " SELECT h.year, ca.type, ca.families, (SELECT total(t.value ->> 'count')"
        " FROM json_each(ca.anonymous_participants) t), h.hours FROM spent h"
        " JOIN collective_action ca ON ca.id = h.action_id AND ca.deleted_at IS NULL",
        params,
    ):
        figures[int(year)].actions.append(HeldAction(kind, families, int(anonymous), hours))
    coded = (
        f"WITH {_held_actions(span)}, taking_part(year, type, young) AS ("
        " SELECT h.year, ca.type, p.value FROM held h"
        " JOIN collective_action ca ON ca.id = h.action_id AND ca.deleted_at IS NULL,"
        " json_each(ca.participant_ids) p)"
        " SELECT tp.year, {group}, count(DISTINCT tp.young) FROM taking_part tp"
        + _LIVE_YOUNG.format(column="tp.young") + " GROUP BY tp.year{by}"
    )
    for year, _, young in connection.execute(coded.format(group="NULL", by=""), params):
        figures[int(year)].coded_young = young
    for year, kind, young in connection.execute(
        coded.format(group="tp.type", by=", tp.type"), params
    ):
        figures[int(year)].coded_by_type[kind] = young
    return figures


# ----------------------------------------------------------------------------- referrals


def referrals(connection: Any, span: Span) -> dict[int, dict[str, int]]:
    """Referrals of each year by partner type."""
    return _counts(_per_key(connection, span, "referral", "partner_type", PartnerType))


def concern_reports(connection: Any, span: Span) -> dict[int, dict[str, int]]:
    """Concern reports transmitted in each year, by addressee."""
    return _counts(_per_key(connection, span, "concern_report", "addressee", ConcernAddressee))
