"""The home page's figures, aggregated by SQLite over a span of local dates (issue 15).

A span is any run of days — this year from 1 January to a date, the same days last
year, one month — not only a civil year. The definitions are the annual report's
(DESIGN.md §4): only live records count; everything about people leaves out the young
people whose processing is restricted (GDPR art. 18) and tombstones. Dates are local
ISO dates compared as text, read through the indexes on dates (migrations 0001, 0007),
so the cost follows the span asked, not the length of the history.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from sps_desk.enums import ActivityCategory

LIVE_YOUNG = """
    CROSS JOIN young_person yp ON yp.id = {column} AND yp.deleted_at IS NULL
    AND NOT EXISTS (SELECT 1 FROM restriction r WHERE r.young_person_id = yp.id)"""
"""Keeps the young people the statistics count: live, processing not restricted. (A
``CROSS JOIN`` keeps the rows of the span as the outer loop, each person looked up by
id.)"""

ACTIVE_YOUNG = """
    activity(young) AS (
      SELECT j.value FROM field_session fs, json_each(fs.young_met_ids) j
       WHERE fs.date BETWEEN :first AND :last AND fs.deleted_at IS NULL
      UNION ALL SELECT young_person_id FROM individual_support
       WHERE start_date <= :last AND end_date >= :first AND deleted_at IS NULL
      UNION ALL SELECT young_person_id FROM individual_support
       WHERE start_date <= :last AND end_date IS NULL AND deleted_at IS NULL
      UNION ALL SELECT s.young_person_id FROM (
        SELECT DISTINCT support_id FROM intervention
         WHERE date BETWEEN :first AND :last AND deleted_at IS NULL
        UNION SELECT support_id FROM referral
         WHERE date BETWEEN :first AND :last AND deleted_at IS NULL) e
        JOIN individual_support s ON s.id = e.support_id AND s.deleted_at IS NULL
      UNION ALL SELECT young_person_id FROM concern_report
       WHERE date BETWEEN :first AND :last AND deleted_at IS NULL
      UNION ALL SELECT p.value FROM collective_action ca, json_each(ca.participant_ids) p
       WHERE ca.deleted_at IS NULL AND EXISTS (
         SELECT 1 FROM collective_action_session cs WHERE cs.action_id = ca.id
            AND cs.date BETWEEN :first AND :last AND cs.deleted_at IS NULL)),
    known(young) AS (SELECT a.young FROM (SELECT DISTINCT young FROM activity) a"""
ACTIVE_YOUNG += LIVE_YOUNG.format(column="a.young") + ")"
"""CTEs ``activity(young)`` and ``known(young)``: the young people with at least one
activity from ``:first`` to ``:last`` — met in an outing, a support active on one of
those days, an intervention or referral of their support, a concern report, taking part
in a collective action with a session then (the report's « jeunes connus ») — and,
in ``known``, only those the statistics count, once each. Every source is read through
its index on dates (open supports and those ending after ``:first`` through the one on
end dates, migration 0007), and only the persons found are looked up."""

_CODED_MET = (
    "(SELECT count(DISTINCT j.value) FROM json_each(fs.young_met_ids) j"
    + LIVE_YOUNG.format(column="j.value") + ")")
"""Coded young people met in the outing ``fs`` whom the statistics count, once each."""

_TALLIED = "(SELECT total(t.value ->> 'count') FROM json_each(fs.tallies) t)"
"""Anonymous contacts tallied in the outing ``fs``."""

_CATEGORIES = ", ".join(f"'{category.value}'" for category in ActivityCategory)
"""Every category, so that hours are summed from the covering index on (category,
date, deleted_at, hours) (migration 0007), category by category, with nothing to sort."""


@dataclass(frozen=True)
class Span:
    """Local dates ``first`` to ``last`` inclusive."""

    first: date
    last: date

    def params(self) -> dict[str, str]:
        """Named SQL parameters ``first`` and ``last`` (ISO dates)."""
        return {"first": self.first.isoformat(), "last": self.last.isoformat()}


@dataclass(frozen=True)
class SpanFigures:
    """What a team did over one span.

    ``outings``: field sessions; ``contacts``: anonymous contacts tallied plus coded
    young people met (once per person and outing) — encounters, not people;
    ``young_known``/``young_supported``: distinct people; ``hours``: decimal hours by
    ``ActivityCategory`` value (categories without hours absent).
    """

    outings: int
    contacts: int
    young_known: int
    young_supported: int
    hours: dict[str, float]

    @property
    def total_hours(self) -> float:
        """Decimal hours of every category."""
        return sum(self.hours.values())

    @property
    def is_empty(self) -> bool:
        """Nothing recorded over the span (no outing, contact, young person or hour):
        a base created this year has nothing to compare with last year."""
        return not (self.outings or self.contacts or self.young_known
                    or self.young_supported or self.total_hours)


def span_figures(connection: Any, span: Span) -> SpanFigures:
    """:class:`SpanFigures` of the live records dated in ``span``."""
    params = span.params()
    outings, tallied, coded = connection.execute(
        f"SELECT count(*), total({_TALLIED}), total({_CODED_MET}) FROM field_session fs"
        " WHERE fs.date BETWEEN :first AND :last AND fs.deleted_at IS NULL", params).fetchone()
    known = connection.execute(
        f"WITH {ACTIVE_YOUNG} SELECT count(*) FROM known", params).fetchone()[0]
    supported = connection.execute(
        "SELECT count(*) FROM (SELECT DISTINCT young_person_id AS young FROM individual_support"
        " WHERE start_date <= :last AND (end_date IS NULL OR end_date >= :first)"
        " AND deleted_at IS NULL) s" + LIVE_YOUNG.format(column="s.young"), params).fetchone()[0]
    hours = dict(connection.execute(
        f"SELECT category, total(hours) FROM time_entry WHERE category IN ({_CATEGORIES})"
        " AND date BETWEEN :first AND :last AND deleted_at IS NULL GROUP BY category",
        params).fetchall())
    return SpanFigures(outings=outings, contacts=int(tallied + coded), young_known=known,
                       young_supported=supported, hours=hours)


@dataclass(frozen=True)
class MonthFigures:
    """One calendar month (or its days up to a cut-off): outings, contacts (encounters,
    as :class:`SpanFigures`) and decimal hours of every category."""

    outings: int = 0
    contacts: int = 0
    hours: float = 0.0


def months(connection: Any, span: Span) -> dict[str, MonthFigures]:
    """:class:`MonthFigures` of each month of ``span`` with activity, by ``YYYY-MM``."""
    params = span.params()
    found: dict[str, MonthFigures] = {}
    for month, outings, contacts in connection.execute(
        f"SELECT substr(fs.date, 1, 7), count(*), total({_TALLIED}) + total({_CODED_MET})"
        " FROM field_session fs WHERE fs.date BETWEEN :first AND :last"
        " AND fs.deleted_at IS NULL GROUP BY 1", params):
        found[month] = MonthFigures(outings=outings, contacts=int(contacts))
    for month, hours in connection.execute(
        f"SELECT substr(date, 1, 7), total(hours) FROM time_entry WHERE category IN"
        f" ({_CATEGORIES}) AND date BETWEEN :first AND :last AND deleted_at IS NULL"
        " GROUP BY 1", params):
        found[month] = replace(found.get(month, MonthFigures()), hours=hours)
    return dict(sorted(found.items()))


def latest_day(connection: Any) -> date | None:
    """The latest date with hours recorded (live time entries), ``None`` in an empty base
    (read from the end of the index on dates)."""
    row = connection.execute(
        "SELECT max(date) FROM time_entry WHERE deleted_at IS NULL").fetchone()
    return None if row[0] is None else date.fromisoformat(row[0])
