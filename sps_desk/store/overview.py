"""The home page's figures, aggregated by SQLite over a span of local dates (issue 15).

A span is any run of days — this year from 1 January to a date, the same days last
year, one month — not only a civil year. The definitions are the annual report's
(DESIGN.md §4): only live records count; everything about people leaves out the young
people whose processing is restricted (GDPR art. 18) and tombstones. Dates are local
ISO dates compared as text, read through the indexes on dates (migrations 0001, 0007),
so the cost follows the span asked, not the length of the history.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

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
      UNION SELECT young_person_id FROM individual_support
       WHERE start_date <= :last AND (end_date IS NULL OR end_date >= :first)
         AND deleted_at IS NULL
      UNION SELECT s.young_person_id FROM intervention i
        JOIN individual_support s ON s.id = i.support_id AND s.deleted_at IS NULL
       WHERE i.date BETWEEN :first AND :last AND i.deleted_at IS NULL
      UNION SELECT s.young_person_id FROM referral rf
        JOIN individual_support s ON s.id = rf.support_id AND s.deleted_at IS NULL
       WHERE rf.date BETWEEN :first AND :last AND rf.deleted_at IS NULL
      UNION SELECT young_person_id FROM concern_report
       WHERE date BETWEEN :first AND :last AND deleted_at IS NULL
      UNION SELECT p.value FROM collective_action ca, json_each(ca.participant_ids) p
       WHERE ca.deleted_at IS NULL AND EXISTS (
         SELECT 1 FROM collective_action_session cs WHERE cs.action_id = ca.id
            AND cs.date BETWEEN :first AND :last AND cs.deleted_at IS NULL)),
    known(young) AS (SELECT a.young FROM activity a""" + LIVE_YOUNG.format(column="a.young") + ")"
"""CTEs ``activity(young)`` and ``known(young)``: the young people with at least one
activity from ``:first`` to ``:last`` — met in an outing, a support active on one of
those days, an intervention or referral of their support, a concern report, taking part
in a collective action with a session then (the report's « jeunes connus ») — and,
in ``known``, only those the statistics count."""


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


def span_figures(connection: Any, span: Span) -> SpanFigures:
    """:class:`SpanFigures` of the live records dated in ``span``."""
    params = span.params()
    outings, tallied = connection.execute(
        "SELECT count(*), total((SELECT total(t.value ->> 'count') FROM json_each(fs.tallies) t))"
        " FROM field_session fs WHERE fs.date BETWEEN :first AND :last"
        " AND fs.deleted_at IS NULL", params).fetchone()
    coded = connection.execute(
        "SELECT count(*) FROM (SELECT DISTINCT fs.id AS session, j.value AS young"
        " FROM field_session fs, json_each(fs.young_met_ids) j"
        " WHERE fs.date BETWEEN :first AND :last AND fs.deleted_at IS NULL) m"
        + LIVE_YOUNG.format(column="m.young"), params).fetchone()[0]
    known = connection.execute(
        f"WITH {ACTIVE_YOUNG} SELECT count(*) FROM known", params).fetchone()[0]
    supported = connection.execute(
        "SELECT count(*) FROM (SELECT DISTINCT young_person_id AS young FROM individual_support"
        " WHERE start_date <= :last AND (end_date IS NULL OR end_date >= :first)"
        " AND deleted_at IS NULL) s" + LIVE_YOUNG.format(column="s.young"), params).fetchone()[0]
    hours = dict(connection.execute(
        "SELECT category, total(hours) FROM time_entry WHERE date BETWEEN :first AND :last"
        " AND deleted_at IS NULL GROUP BY category", params).fetchall())
    return SpanFigures(outings=outings, contacts=int(tallied) + coded, young_known=known,
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
    found: dict[str, dict[str, float]] = {}
    queries = {
        "outings": "SELECT substr(fs.date, 1, 7), count(*),"
                   " total((SELECT total(t.value ->> 'count') FROM json_each(fs.tallies) t))"
                   " FROM field_session fs WHERE fs.date BETWEEN :first AND :last"
                   " AND fs.deleted_at IS NULL GROUP BY 1",
        "coded": "SELECT substr(m.day, 1, 7), count(*), 0 FROM (SELECT DISTINCT fs.id,"
                 " fs.date AS day, j.value AS young FROM field_session fs,"
                 " json_each(fs.young_met_ids) j WHERE fs.date BETWEEN :first AND :last"
                 " AND fs.deleted_at IS NULL) m" + LIVE_YOUNG.format(column="m.young")
                 + " GROUP BY 1",
        "hours": "SELECT substr(date, 1, 7), total(hours), 0 FROM time_entry"
                 " WHERE date BETWEEN :first AND :last AND deleted_at IS NULL GROUP BY 1",
    }
    for name, sql in queries.items():
        for month, value, extra in connection.execute(sql, params):
            figures = found.setdefault(month, {})
            figures[name] = value
            if name == "outings":
                figures["tallied"] = extra
    return {
        month: MonthFigures(outings=int(f.get("outings", 0)),
                            contacts=int(f.get("tallied", 0) + f.get("coded", 0)),
                            hours=f.get("hours", 0.0))
        for month, f in sorted(found.items())
    }
