"""« À vérifier »: the chief's data-quality check before the report (issue 15).

Each rule (:class:`sps_desk.enums.CheckRule`) is one query returning :class:`CheckLine`
objects — what a chief looks at, with the record the line opens — for a civil ``year``
and, for supports, a reference date (``today``):

- ``IDLE_SUPPORT``: open supports whose latest activity — their start, an
  intervention, a referral — is more than 3 calendar months before ``today`` (« à
  clore ? »);
- ``UNKNOWN_SEX_OR_AGE``: young people who count in the year (at least one activity,
  as the report's « jeunes connus ») with no sex stated or no birth date: the report
  puts them in « non précisé »;
- ``EMPTY_OUTING``: outings of the year with no anonymous contact tallied and no coded
  young person met;
- ``LONG_DAY`` / ``LONG_WEEK``: a staff member's hours over 10 on one day, over 48 in
  one week (Monday to Sunday, weeks that touch the year);
- ``OUTSIDE_PERIODS``: hours dated on a staff member's inactive days (outside their
  FTE periods), one line per staff member;
- ``ACTION_WITHOUT_SESSION``: collective actions with no session in the year, recorded
  that year or never held: the report does not count them.

Only live records count; young people whose processing is restricted are left out
(frozen, and outside the statistics). A line the chief marked as checked
(:class:`~sps_desk.records.CheckMark`) has ``checked`` set; marks are records, merged
between laptops like the others.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from dateutil.relativedelta import relativedelta

from sps_desk.enums import CheckRule
from sps_desk.fte import FtePeriod
from sps_desk.records import CheckMark, StaffMember
from sps_desk.store.overview import ACTIVE_YOUNG, LIVE_YOUNG

if TYPE_CHECKING:
    from sps_desk.store.database import Database

IDLE_MONTHS = 3
"""A support without activity for this many calendar months is « à clore ? »."""
MAX_DAY_HOURS = 10.0
"""Hours of one staff member on one day above which the day is worth a look."""
MAX_WEEK_HOURS = 48.0
"""Hours of one staff member in one week (Monday–Sunday) above which it is worth a look
(the legal weekly maximum, Code du travail art. L3121-20)."""


@dataclass(frozen=True)
class CheckLine:
    """One line of « À vérifier ».

    ``subject`` identifies the line within its rule (the key of its mark); ``kind`` and
    ``record_id`` name the record the line opens (``"individual_support"``,
    ``"young_person"``, ``"field_session"``, ``"collective_action"``, or
    ``"staff_member"`` for hours). ``label`` is what the line is about as the window
    shows it (a young person's code, a staff member's name, an action's title);
    ``day`` its date (latest activity, outing, day, Monday of the week, first hour
    outside the periods); ``hours`` decimal hours; ``count`` entries outside the
    periods, and ``last`` the latest of them; ``missing`` for young people:
    ``"sex"``, ``"birth"`` or both.
    """

    rule: CheckRule
    subject: str
    kind: str
    record_id: str
    label: str
    day: date | None = None
    hours: float | None = None
    count: int | None = None
    last: date | None = None
    missing: tuple[str, ...] = ()
    checked: bool = False


def _day(text: str | None) -> date | None:
    return None if text is None else date.fromisoformat(text)


def _year(year: int) -> dict[str, str]:
    return {"first": f"{year}-01-01", "last": f"{year}-12-31", "year": str(year)}


def idle_supports(connection: Any, today: date) -> list[CheckLine]:
    """Open supports with no activity since more than :data:`IDLE_MONTHS` months before
    ``today``, the longest idle first."""
    since = (today - relativedelta(months=IDLE_MONTHS)).isoformat()
    rows = connection.execute(
        "SELECT s.id, yp.code, max(s.start_date,"
        "  coalesce((SELECT max(i.date) FROM intervention i WHERE i.support_id = s.id"
        "   AND i.deleted_at IS NULL AND i.date <= :today), ''),"
        "  coalesce((SELECT max(r.date) FROM referral r WHERE r.support_id = s.id"
        "   AND r.deleted_at IS NULL AND r.date <= :today), '')) AS latest"
        " FROM individual_support s" + LIVE_YOUNG.format(column="s.young_person_id")
        + " WHERE s.end_date IS NULL AND s.deleted_at IS NULL AND s.start_date <= :today"
        " AND latest < :since ORDER BY latest, yp.code",
        {"today": today.isoformat(), "since": since}).fetchall()
    return [CheckLine(CheckRule.IDLE_SUPPORT, support, "individual_support", support, code,
                      day=_day(latest)) for support, code, latest in rows]


def unknown_sex_or_age(connection: Any, year: int) -> list[CheckLine]:
    """Young people known in ``year`` with no sex stated or no birth date, by code."""
    rows = connection.execute(
        f"WITH {ACTIVE_YOUNG} SELECT yp.id, yp.code, yp.sex = 'not_stated',"
        " yp.birth_date IS NULL FROM known k JOIN young_person yp ON yp.id = k.young"
        " WHERE yp.sex = 'not_stated' OR yp.birth_date IS NULL ORDER BY yp.code",
        _year(year)).fetchall()
    return [CheckLine(CheckRule.UNKNOWN_SEX_OR_AGE, young, "young_person", young, code,
                      missing=tuple(name for name, flag in (("sex", no_sex), ("birth", no_birth))
                                    if flag))
            for young, code, no_sex, no_birth in rows]


def empty_outings(connection: Any, year: int, names: dict[str, str]) -> list[CheckLine]:
    """Outings of ``year`` with no contact tallied and no coded young person met, by
    date; ``label`` is the start and end time and the staff present (``names``: staff
    id → name)."""
    rows = connection.execute(
        "SELECT id, date, start_time, end_time, staff_ids FROM field_session"
        " WHERE date BETWEEN :first AND :last AND deleted_at IS NULL"
        " AND json_array_length(young_met_ids) = 0"
        " AND (SELECT total(t.value ->> 'count') FROM json_each(tallies) t) = 0"
        " ORDER BY date, start_time", _year(year)).fetchall()
    lines = []
    for session, day, start, end, staff in rows:
        present = ", ".join(names.get(i, "?") for i in json.loads(staff))
        lines.append(CheckLine(CheckRule.EMPTY_OUTING, session, "field_session", session,
                               f"{start[:5]}–{end[:5]}, {present}", day=_day(day)))
    return lines


def staff_days(connection: Any, year: int) -> list[tuple[str, date, float]]:
    """``(staff id, date, decimal hours)`` of every day with hours, from the Monday of
    the week of 1 January of ``year`` to the Sunday of the week of 31 December (the
    weeks that touch the year): one pass over the entries for days and weeks."""
    first = date(year, 1, 1)
    last = date(year, 12, 31)
    rows = connection.execute(
        "SELECT staff_id, date, total(hours) FROM time_entry"
        " WHERE date BETWEEN :first AND :last AND deleted_at IS NULL"
        " GROUP BY staff_id, date",
        {"first": (first - timedelta(days=first.weekday())).isoformat(),
         "last": (last + timedelta(days=6 - last.weekday())).isoformat()}).fetchall()
    return [(staff, date.fromisoformat(day), hours) for staff, day, hours in rows]


def long_days(days: list[tuple[str, date, float]], year: int, names: dict[str, str]
              ) -> list[CheckLine]:
    """Days of ``year`` with more than :data:`MAX_DAY_HOURS` hours for one staff member
    (``days`` from :func:`staff_days`), by date."""
    found = sorted((day, staff, hours) for staff, day, hours in days
                   if day.year == year and hours > MAX_DAY_HOURS)
    return [CheckLine(CheckRule.LONG_DAY, f"{staff}:{day.isoformat()}", "staff_member", staff,
                      names.get(staff, "?"), day=day, hours=hours)
            for day, staff, hours in found]


def long_weeks(days: list[tuple[str, date, float]], names: dict[str, str]) -> list[CheckLine]:
    """Weeks (Monday–Sunday) of ``days`` (:func:`staff_days`: the weeks that touch the
    year) with more than :data:`MAX_WEEK_HOURS` hours for one staff member; ``day`` is
    the Monday."""
    weeks: dict[tuple[date, str], float] = {}
    for staff, day, hours in days:
        monday = day - timedelta(days=day.weekday())
        weeks[monday, staff] = weeks.get((monday, staff), 0.0) + hours
    return [CheckLine(CheckRule.LONG_WEEK, f"{staff}:{monday.isoformat()}", "staff_member",
                      staff, names.get(staff, "?"), day=monday, hours=hours)
            for (monday, staff), hours in sorted(weeks.items()) if hours > MAX_WEEK_HOURS]


def outside_periods(connection: Any, year: int, staff: list[StaffMember]) -> list[CheckLine]:
    """Per staff member, the hours of ``year`` dated outside their FTE periods: how
    many entries, their hours, the first and the last date. Only the days outside the
    periods are read (through the index on staff and date, migration 0007)."""
    lines = []
    first, last = date(year, 1, 1), date(year, 12, 31)
    for member in staff:
        if member.is_deleted:
            continue
        count, hours, earliest, latest = 0, 0.0, None, None
        for gap_first, gap_last in gaps(member.periods, first, last):
            n, h, low, high = connection.execute(
                "SELECT count(*), total(hours), min(date), max(date) FROM time_entry"
                " WHERE staff_id = ? AND date BETWEEN ? AND ? AND deleted_at IS NULL",
                (str(member.id), gap_first.isoformat(), gap_last.isoformat())).fetchone()
            if n:
                count, hours = count + n, hours + h
                earliest = earliest or _day(low)
                latest = _day(high)
        if count:
            lines.append(CheckLine(CheckRule.OUTSIDE_PERIODS, f"{member.id}:{year}",
                                   "staff_member", str(member.id), member.display_name,
                                   day=earliest, hours=hours, count=count, last=latest))
    return sorted(lines, key=lambda line: (line.day, line.label))


def gaps(periods: list[FtePeriod], first: date, last: date) -> list[tuple[date, date]]:
    """The runs of days from ``first`` to ``last`` that no period covers, in order
    (``periods`` sorted and apart, as ``StaffMember.periods``)."""
    found = []
    cursor = first
    for period in periods:
        start = period.start or date.min
        if start > cursor:
            found.append((cursor, min(last, start - timedelta(days=1))))
        if period.end is None:
            return [gap for gap in found if gap[0] <= gap[1]]
        cursor = max(cursor, period.end + timedelta(days=1))
        if cursor > last:
            return [gap for gap in found if gap[0] <= gap[1]]
    found.append((cursor, last))
    return [gap for gap in found if gap[0] <= gap[1]]


def actions_without_session(connection: Any, year: int) -> list[CheckLine]:
    """Live collective actions with no session in ``year`` that were recorded in it or
    never held, by title."""
    rows = connection.execute(
        "SELECT ca.id, ca.title FROM collective_action ca WHERE ca.deleted_at IS NULL"
        " AND NOT EXISTS (SELECT 1 FROM collective_action_session cs"
        "  WHERE cs.action_id = ca.id AND cs.deleted_at IS NULL"
        "  AND cs.date BETWEEN :first AND :last)"
        " AND (substr(ca.created_at, 1, 4) = :year OR NOT EXISTS ("
        "  SELECT 1 FROM collective_action_session cs WHERE cs.action_id = ca.id"
        "  AND cs.deleted_at IS NULL))"
        " ORDER BY ca.title COLLATE NOCASE", _year(year)).fetchall()
    return [CheckLine(CheckRule.ACTION_WITHOUT_SESSION, action, "collective_action", action,
                      title) for action, title in rows]


def checked_subjects(connection: Any) -> set[tuple[str, str]]:
    """``(rule, subject)`` of every line marked as checked (live marks)."""
    return set(connection.execute(
        "SELECT rule, subject FROM check_mark WHERE deleted_at IS NULL").fetchall())


def find_lines(database: Database, year: int, today: date) -> list[CheckLine]:
    """Every line of « À vérifier » for ``year`` (supports idle at ``today``), in the
    order of :class:`CheckRule`, each with ``checked`` set from the marks."""
    connection = database.connection
    staff = database.repos.staff.all()
    names = {str(member.id): member.display_name for member in staff}
    days = staff_days(connection, year)
    rules: list[Callable[[], list[CheckLine]]] = [
        lambda: idle_supports(connection, today),
        lambda: unknown_sex_or_age(connection, year),
        lambda: empty_outings(connection, year, names),
        lambda: long_days(days, year, names),
        lambda: long_weeks(days, names),
        lambda: outside_periods(connection, year, staff),
        lambda: actions_without_session(connection, year),
    ]
    marked = checked_subjects(connection)
    return [replace(line, checked=(line.rule.value, line.subject) in marked)
            for rule in rules for line in rule()]


def set_checked(database: Database, rule: CheckRule, subject: str, checked: bool) -> None:
    """Mark one line as checked (a :class:`CheckMark`, or its tombstone lifted), or
    un-mark it (a tombstone). Marking twice, or un-marking what is not marked, changes
    nothing.

    Raises:
        users.ChiefOnly: an educator unlocked the base (the chief checks the data).
    """
    database.require_chief("marquer une ligne « À vérifier » comme vérifiée")
    repository = database.repos.check_marks
    mark_id = CheckMark.id_for(rule, subject)
    existing = repository.get(mark_id, include_deleted=True)
    if checked:
        if existing is None:
            repository.save(CheckMark.for_line(rule, subject))
        elif existing.is_deleted:
            repository.restore(mark_id)
    elif existing is not None and not existing.is_deleted:
        repository.delete(mark_id)
