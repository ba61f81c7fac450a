"""What the window's lists show, asked of the database one screen at a time (issue 12).

A list holds the ids of its rows in the order and under the filters the user chose —
both done here, in SQL — and fetches the records of the rows on screen by id
(``Repository.with_ids``), as Anki's browser table and TagStudio's paged search do
(STYLE.md §2). Nothing here loads a whole history: each query is bounded by the period
shown (a year of outings, a week of hours, one action's sessions) or returns ids only.

Each list has named sort keys, one per column of the window's table. Text sorts on the
folded text (:func:`sps_desk.search.fold`: « Élodie » between « Dylan » and « Fanny »,
not after « Zoé »); a labelled enum sorts on its French label; ties are broken so that
the order is stable. The outings of one day always come in time order.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any
from uuid import UUID

import sqlcipher3

from sps_desk.ages import AgeBrackets
from sps_desk.enums import (
    ActivityCategory,
    CollectiveActionType,
    FieldSessionKind,
    LabelledEnum,
    Problem,
    Role,
    Sex,
    Situation,
    SupportOrigin,
)
from sps_desk.search import fold

if TYPE_CHECKING:
    from sps_desk.store.database import Database

ANY = "any"
"""Filter value meaning « no filter » (sector, age bracket)."""
NO_SECTOR = None
"""Sector filter value meaning « without a sector »."""


@dataclass(frozen=True)
class Sort:
    """The order of a list: one of its sort keys, ascending unless ``descending``."""

    key: str
    descending: bool = False


class UnknownSortKey(KeyError):
    """A sort key the list does not have (a programming error, never user input)."""


def is_open(database: Database) -> bool:
    """Whether the base can still be read (it is closed when the session locks or the
    window is torn down; work left in the event loop then stops)."""
    try:
        database.connection.total_changes  # noqa: B018 - raises once closed
    except sqlcipher3.ProgrammingError:
        return False
    return True


def _register_functions(database: Database) -> None:
    # Registered on every query: the call costs microseconds, and a base may have been
    # reopened (after a lock) with a new connection since the last query.
    database.connection.create_function("sps_fold", 1, _fold_or_none, deterministic=True)


def _fold_or_none(text: object) -> str | None:
    return None if text is None else fold(str(text))


def _label_rank(column: str, enum: type[LabelledEnum]) -> str:
    """SQL giving the rank of ``column``'s value in the French alphabetical order of the
    enum's labels (unknown values last)."""
    ordered = sorted(enum, key=lambda member: fold(member.label))
    cases = " ".join(f"WHEN '{member.value}' THEN {rank}" for rank, member in enumerate(ordered))
    return f"(CASE {column} {cases} ELSE {len(ordered)} END)"


def _minutes(column: str) -> str:
    hours, minutes = f"substr({column}, 1, 2)", f"substr({column}, 4, 2)"
    return f"(CAST({hours} AS INTEGER) * 60 + CAST({minutes} AS INTEGER))"


def _tally_sum(column: str) -> str:
    return f"(SELECT COALESCE(SUM(json_extract(c.value, '$.count')), 0) FROM json_each({column}) c)"


@dataclass(frozen=True)
class _List:
    """One list: its table (alias ``t``), joins used by its sort keys, and the keys.

    A key maps to an ORDER BY clause where ``{d}`` is the chosen direction and ``{r}``
    its reverse; ``tiebreak`` follows every key.
    """

    table: str
    keys: Mapping[str, str]
    tiebreak: str
    joins: str = ""

    def order_by(self, sort: Sort) -> str:
        try:
            clause = self.keys[sort.key]
        except KeyError:
            raise UnknownSortKey(sort.key) from None
        direction, reverse = ("DESC", "ASC") if sort.descending else ("ASC", "DESC")
        if clause == f"{self.tiebreak} {{d}}":
            # The tiebreak itself (a unique column): repeated, it would keep SQLite from
            # reading the order from an index (migration 0012).
            return clause.format(d=direction)
        return f"{clause.format(d=direction, r=reverse)}, {self.tiebreak}"

    def ids(self, database: Database, sort: Sort, where: str = "1 = 1",
            params: Sequence[Any] = ()) -> list[str]:
        """Ids (text UUIDs) of the live rows matching ``where``, in ``sort`` order."""
        _register_functions(database)
        sql = (
            f'SELECT t.id FROM "{self.table}" t {self.joins} '
            f"WHERE t.deleted_at IS NULL AND ({where}) ORDER BY {self.order_by(sort)}"
        )
        return [row[0] for row in database.connection.execute(sql, tuple(params))]


_SECTOR_LABEL = (
    "sps_fold(CASE WHEN s.neighbourhood = '' THEN s.commune "
    "ELSE s.commune || ' – ' || s.neighbourhood END)"
)

FIELD_SESSIONS = _List(
    "field_session",
    {
        # Newest day first by default; within a day, always the outings in time order.
        "date": "t.date {d}, t.start_time ASC",
        "times": "t.start_time {d}, t.end_time {d}",
        "duration": f"({_minutes('t.end_time')} - {_minutes('t.start_time')} + 1440) % 1440 {{d}}",
        "kind": _label_rank("t.session_kind", FieldSessionKind) + " {d}",
        "sector": f"{_SECTOR_LABEL} {{d}}",
        "contacts": f"({_tally_sum('t.tallies')} + json_array_length(t.young_met_ids)) {{d}}",
    },
    "t.date DESC, t.start_time ASC, t.id",
    "LEFT JOIN sector s ON s.id = t.sector_id",
)
"""Outings (« Terrain »). Keys: date, times, duration, kind, sector, contacts."""


def field_session_ids(database: Database, first: date, last: date, sort: Sort) -> list[str]:
    """Ids of the live field sessions dated ``first`` to ``last`` (local dates,
    inclusive), in ``sort`` order (keys of :data:`FIELD_SESSIONS`)."""
    return FIELD_SESSIONS.ids(
        database, sort, "t.date BETWEEN ? AND ?", (first.isoformat(), last.isoformat())
    )


def field_session_years(database: Database) -> list[int]:
    """Civil years from the first live field session to the last, newest first (empty
    when there is none). Read at both ends of the date index: no scan of the history."""
    ends = []
    for direction in ("ASC", "DESC"):
        row = database.connection.execute(
            "SELECT date FROM field_session WHERE deleted_at IS NULL "
            f"ORDER BY date {direction} LIMIT 1").fetchone()
        if row is None:
            return []
        ends.append(int(row[0][:4]))
    return list(range(ends[1], ends[0] - 1, -1))


_EFFECTIVE_BIRTH = (
    "(CASE t.birth_date_precision "
    "WHEN 'year' THEN substr(t.birth_date, 1, 4) || '-07-01' "
    "WHEN 'month' THEN substr(t.birth_date, 1, 7) || '-15' "
    "ELSE t.birth_date END)"
)
"""SQL of :func:`sps_desk.ages.effective_birth_date` (NULL without a birth date)."""

YOUNG_PEOPLE = _List(
    "young_person",
    {
        "code": "t.code {d}",
        "nickname": "(t.nickname = '') ASC, sps_fold(t.nickname) {d}",
        "sex": _label_rank("t.sex", Sex) + " {d}",
        # The youngest have the latest birth date; unknown ages come last either way.
        "age": f"({_EFFECTIVE_BIRTH} IS NULL) ASC, {_EFFECTIVE_BIRTH} {{r}}",
        "situation": _label_rank("t.situation", Situation) + " {d}",
    },
    "t.code",
)
"""Young people (« Jeunes »). Keys: code, nickname, sex, age, situation."""


@dataclass(frozen=True)
class YoungFilter:
    """Filters of the young people list (« Jeunes »).

    ``active_on``: only those with a support active that day. ``bracket``: a key of the
    service's :class:`AgeBrackets` (ages in completed years on ``today``, from the
    effective birth date), ``"unknown"``, or :data:`ANY`. ``sector``: a sector id,
    :data:`NO_SECTOR` (none recorded) or :data:`ANY`.
    """

    today: date
    brackets: AgeBrackets
    active_on: date | None = None
    bracket: str = ANY
    sector: UUID | str | None = ANY


def _born_on_or_before(today: date, age: int) -> date:
    """The latest birth date at which someone is ``age`` or older on ``today``
    (:func:`sps_desk.ages.age_on`: born 29 February, one's birthday is 1 March)."""
    year = today.year - age
    if (today.month, today.day) == (2, 29) and not _leap(year):
        return date(year, 2, 28)
    return today.replace(year=year)


def _leap(year: int) -> bool:
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def _young_where(filters: YoungFilter) -> tuple[str, list[Any]]:
    clauses: list[str] = []
    params: list[Any] = []
    if filters.active_on is not None:
        clauses.append(
            "EXISTS (SELECT 1 FROM individual_support p WHERE p.young_person_id = t.id "
            "AND p.deleted_at IS NULL AND p.start_date <= ? "
            "AND (p.end_date IS NULL OR p.end_date >= ?))"
        )
        day = filters.active_on.isoformat()
        params += [day, day]
    if filters.sector == NO_SECTOR:
        clauses.append("t.sector_id IS NULL")
    elif filters.sector != ANY:
        clauses.append("t.sector_id = ?")
        params.append(str(filters.sector))
    if filters.bracket != ANY:
        today = filters.today.isoformat()
        ages = filters.brackets.ages_of(filters.bracket)
        if ages is None:
            clauses.append(f"({_EFFECTIVE_BIRTH} IS NULL OR {_EFFECTIVE_BIRTH} > ?)")
            params.append(today)
        else:
            youngest = _born_on_or_before(filters.today, ages.start)
            clauses.append(f"{_EFFECTIVE_BIRTH} <= ?")
            params.append(youngest.isoformat())
            if ages.stop < 130:
                oldest = _born_on_or_before(filters.today, ages.stop)
                clauses.append(f"{_EFFECTIVE_BIRTH} > ?")
                params.append(oldest.isoformat())
    return " AND ".join(clauses) or "1 = 1", params


def young_person_ids(database: Database, filters: YoungFilter, sort: Sort) -> list[str]:
    """Ids of the live young people kept by ``filters``, in ``sort`` order (keys of
    :data:`YOUNG_PEOPLE`)."""
    where, params = _young_where(filters)
    return YOUNG_PEOPLE.ids(database, sort, where, params)


@dataclass(frozen=True)
class YoungLabel:
    """What finding a young person needs: id (text UUID), code, nickname."""

    id: str
    code: str
    nickname: str


def young_labels(
    database: Database, *, ids: Iterable[object] | None = None, after: str = "",
    limit: int | None = None,
) -> list[YoungLabel]:
    """Code and nickname of the live young people, by code: every one, those in ``ids``,
    or (``after``/``limit``) the next ``limit`` after the code ``after``.

    One row per person and two short texts: what search-as-you-type folds once and
    keeps (24 000 young people ≈ 2 MB), read a slice at a time while the window is idle.
    """
    sql = "SELECT id, code, nickname FROM young_person WHERE deleted_at IS NULL"
    if ids is not None:
        wanted = [str(i) for i in ids]
        rows = []
        for start in range(0, len(wanted), 500):
            chunk = wanted[start:start + 500]
            rows += database.connection.execute(
                f"{sql} AND id IN ({','.join('?' * len(chunk))}) ORDER BY code", chunk
            ).fetchall()
    else:
        rows = database.connection.execute(
            f"{sql} AND code > ? ORDER BY code LIMIT ?", (after, -1 if limit is None else limit)
        ).fetchall()
    return [YoungLabel(row[0], row[1], row[2]) for row in rows]


def young_with_birth(database: Database, sex: Sex, birth_date: date) -> list[YoungLabel]:
    """Live young people of this sex and birth date (the possible-duplicate check)."""
    rows = database.connection.execute(
        "SELECT id, code, nickname FROM young_person WHERE deleted_at IS NULL "
        "AND sex = ? AND birth_date = ? ORDER BY code",
        (sex.value, birth_date.isoformat()),
    )
    return [YoungLabel(row[0], row[1], row[2]) for row in rows]


SUPPORTS = _List(
    "individual_support",
    {
        "young": "y.code {d}",
        "start": "t.start_date {d}",
        "origin": _label_rank("t.origin", SupportOrigin) + " {d}",
        "referent": "(m.display_name IS NULL) ASC, sps_fold(m.display_name) {d}",
        # Ongoing first (ascending), then the latest closed.
        "status": "(t.end_date IS NOT NULL) {d}, t.end_date {r}",
        "issues": "json_array_length(t.problems) = 0, "
        + _label_rank("json_extract(t.problems, '$[0]')", Problem)
        + " {d}, json_array_length(t.problems) {d}",
    },
    "t.start_date DESC, t.id",
    # LEFT: every support has its young person (a foreign key), and SQLite leaves out
    # a left join whose table no sort key reads (a lookup per support otherwise).
    "LEFT JOIN young_person y ON y.id = t.young_person_id "
    "LEFT JOIN staff_member m ON m.id = t.referent_id",
)
"""Individual supports (« Accompagnements »). Keys: young, start, origin, referent,
status, issues."""


def support_ids(database: Database, sort: Sort, *, ongoing_only: bool = False) -> list[str]:
    """Ids of the live supports (only the ongoing ones if asked), in ``sort`` order."""
    return SUPPORTS.ids(database, sort, "t.end_date IS NULL" if ongoing_only else "1 = 1")


_SESSIONS_OF = (
    "FROM collective_action_session x WHERE x.action_id = t.id AND x.deleted_at IS NULL"
)

COLLECTIVE_ACTIONS = _List(
    "collective_action",
    {
        "title": "sps_fold(t.title) {d}",
        "type": _label_rank("t.type", CollectiveActionType) + " {d}",
        # « NR » (not recorded) before any count.
        "families": "(CASE WHEN t.families = 'NR' THEN -1 ELSE t.families END) {d}",
        "sessions": f"(SELECT count(*) {_SESSIONS_OF}) {{d}}",
        "hours": f"(SELECT COALESCE(SUM(x.hours * json_array_length(x.staff_ids)), 0) "
        f"{_SESSIONS_OF}) {{d}}",
        "participants": "(json_array_length(t.participant_ids) + "
        f"{_tally_sum('t.anonymous_participants')}) {{d}}",
    },
    "sps_fold(t.title), t.id",
)
"""Collective actions. Keys: title, type, families, sessions, hours, participants."""


def collective_action_ids(database: Database, sort: Sort) -> list[str]:
    """Ids of the live collective actions, in ``sort`` order."""
    if sort.key != "title":
        return COLLECTIVE_ACTIONS.ids(database, sort)
    # The order of ``ORDER BY sps_fold(t.title) {d}, t.id``, with each distinct title
    # folded once here (a few dozen for hundreds of actions, a page's first visit)
    # rather than each row's in SQL. Both compare texts by code point.
    rows = database.connection.execute(
        "SELECT t.id, t.title FROM collective_action t WHERE t.deleted_at IS NULL").fetchall()
    folded = {title: _fold_or_none(title) for title in {row[1] for row in rows}}
    rows.sort(key=lambda row: row[0])
    rows.sort(key=lambda row: (folded[row[1]] is not None, folded[row[1]] or ""),
              reverse=sort.descending)  # stable: equal titles stay in id order
    return [row[0] for row in rows]


@dataclass(frozen=True)
class ActionTotals:
    """Live sessions of one collective action, and their hours summed over the staff
    present (a 2-hour session with two staff is 4 hours)."""

    sessions: int
    hours: float


def action_totals(database: Database, action_ids: Iterable[str]) -> dict[str, ActionTotals]:
    """:class:`ActionTotals` of the given actions (absent: no session)."""
    wanted = list(action_ids)
    totals: dict[str, ActionTotals] = {}
    for start in range(0, len(wanted), 500):
        chunk = wanted[start:start + 500]
        rows = database.connection.execute(
            "SELECT action_id, count(*), SUM(hours * json_array_length(staff_ids)) "
            "FROM collective_action_session WHERE deleted_at IS NULL "
            f"AND action_id IN ({','.join('?' * len(chunk))}) GROUP BY action_id",
            chunk,
        )
        totals.update({row[0]: ActionTotals(row[1], row[2] or 0.0) for row in rows})
    return totals


ACTION_SESSIONS = _List(
    "collective_action_session",
    {
        "date": "t.date {d}",
        "hours": "t.hours {d}",
        "staff": "sps_fold((SELECT m.display_name FROM staff_member m "
        "WHERE m.id = json_extract(t.staff_ids, '$[0]'))) {d}, "
        "json_array_length(t.staff_ids) {d}",
    },
    "t.date, t.id",
)
"""Sessions of one collective action. Keys: date, hours, staff."""


def action_session_ids(database: Database, action_id: UUID, sort: Sort) -> list[str]:
    """Ids of the live sessions of one collective action, in ``sort`` order."""
    return ACTION_SESSIONS.ids(database, sort, "t.action_id = ?", (str(action_id),))


_ORIGIN_RANK = (
    "(CASE t.source_kind WHEN 'collective_action_session' THEN 0 "
    "WHEN 'intervention' THEN 1 WHEN 'field_session' THEN 3 ELSE 2 END)"
)
"""Origins in the French order of their labels: « Action collective », « Intervention »,
« Saisie manuelle » (typed by hand), « Sortie »."""

TIME_ENTRIES = _List(
    "time_entry",
    {
        "date": "t.date {d}, sps_fold(m.display_name) ASC",
        "staff": "sps_fold(m.display_name) {d}, t.date ASC",
        "category": _label_rank("t.category", ActivityCategory) + " {d}",
        "hours": "t.hours {d}",
        "origin": f"{_ORIGIN_RANK} {{d}}",
    },
    "t.date, sps_fold(m.display_name), t.id",
    "LEFT JOIN staff_member m ON m.id = t.staff_id",
)
"""Time entries of a period (« Temps »). Keys: date, staff, category, hours, origin."""


def time_entry_ids(database: Database, first: date, last: date, sort: Sort) -> list[str]:
    """Ids of the live time entries dated ``first`` to ``last`` inclusive (the whole
    team), in ``sort`` order."""
    return TIME_ENTRIES.ids(
        database, sort, "t.date BETWEEN ? AND ?", (first.isoformat(), last.isoformat())
    )


def hours_by_category(
    database: Database, first: date, last: date, staff_id: UUID | None = None
) -> dict[ActivityCategory, float]:
    """Decimal hours of the live time entries dated ``first`` to ``last`` inclusive, by
    category (absent: none), for the whole team or one staff member."""
    sql = (
        "SELECT category, SUM(hours) FROM time_entry WHERE deleted_at IS NULL "
        "AND date BETWEEN ? AND ?"
    )
    params: list[Any] = [first.isoformat(), last.isoformat()]
    if staff_id is not None:
        sql += " AND staff_id = ?"
        params.append(str(staff_id))
    rows = database.connection.execute(f"{sql} GROUP BY category", params)
    return {ActivityCategory(row[0]): row[1] for row in rows}


def hours_by_day(
    database: Database, first: date, last: date, staff_id: UUID
) -> dict[tuple[date, ActivityCategory], float]:
    """Decimal hours of one staff member's live time entries from ``first`` to ``last``
    inclusive, by (local date, category) — a week of the timesheet."""
    rows = database.connection.execute(
        "SELECT date, category, SUM(hours) FROM time_entry WHERE deleted_at IS NULL "
        "AND staff_id = ? AND date BETWEEN ? AND ? GROUP BY date, category",
        (str(staff_id), first.isoformat(), last.isoformat()),
    )
    return {(date.fromisoformat(row[0]), ActivityCategory(row[1])): row[2] for row in rows}


STAFF = _List(
    "staff_member",
    {
        "name": "sps_fold(t.display_name) {d}",
        "role": _label_rank("t.role", Role) + " {d}",
        "fte": "t.fte {d}",
        "active": "t.active {r}",
    },
    "sps_fold(t.display_name), t.id",
)
"""The team. Keys: name, role, fte, active."""


def staff_ids(database: Database, sort: Sort) -> list[str]:
    """Ids of the live staff members (active or not), in ``sort`` order."""
    return STAFF.ids(database, sort)


def sessions_meeting(database: Database, young_id: UUID) -> list[str]:
    """Ids of the live field sessions where one young person was met, newest first.

    The id is looked for in the JSON text first (cheap), then confirmed in the list.
    """
    text = str(young_id)
    rows = database.connection.execute(
        "SELECT id FROM field_session t WHERE deleted_at IS NULL "
        "AND instr(young_met_ids, ?) > 0 "
        "AND EXISTS (SELECT 1 FROM json_each(t.young_met_ids) j WHERE j.value = ?) "
        "ORDER BY date DESC, start_time",
        (text, text),
    )
    return [row[0] for row in rows]


def actions_with(database: Database, young_id: UUID) -> list[str]:
    """Ids of the live collective actions one young person took part in, by title."""
    text = str(young_id)
    _register_functions(database)
    rows = database.connection.execute(
        "SELECT id FROM collective_action t WHERE deleted_at IS NULL "
        "AND instr(participant_ids, ?) > 0 "
        "AND EXISTS (SELECT 1 FROM json_each(t.participant_ids) j WHERE j.value = ?) "
        "ORDER BY sps_fold(title)",
        (text, text),
    )
    return [row[0] for row in rows]


def referral_ids(database: Database, support_ids: Iterable[object]) -> list[str]:
    """Ids of the live referrals of these supports, by date."""
    wanted = [str(i) for i in support_ids]
    found: list[str] = []
    for start in range(0, len(wanted), 500):
        chunk = wanted[start:start + 500]
        found += [row[0] for row in database.connection.execute(
            "SELECT id FROM referral WHERE deleted_at IS NULL "
            f"AND support_id IN ({','.join('?' * len(chunk))}) ORDER BY date, id", chunk)]
    return found


def follow_up_span(database: Database, support_id: object) -> tuple[date, date] | None:
    """Local calendar dates of the earliest and the latest live intervention or referral
    of one support (``None``: it has neither); the support must run over them."""
    row = database.connection.execute(
        "SELECT MIN(first), MAX(last) FROM (SELECT MIN(date) AS first, MAX(date) AS last "
        "FROM intervention WHERE support_id = ?1 AND deleted_at IS NULL UNION ALL "
        "SELECT MIN(date), MAX(date) FROM referral WHERE support_id = ?1 AND "
        "deleted_at IS NULL)", (str(support_id),)).fetchone()
    if row[0] is None:
        return None
    return date.fromisoformat(row[0]), date.fromisoformat(row[1])


def concern_report_ids(database: Database, young_id: object) -> list[str]:
    """Ids of the live concern reports about one young person, by date."""
    rows = database.connection.execute(
        "SELECT id FROM concern_report WHERE deleted_at IS NULL AND young_person_id = ? "
        "ORDER BY date, id", (str(young_id),))
    return [row[0] for row in rows]


def first_session_dates(database: Database, action_ids: Iterable[object]) -> dict[str, date]:
    """Local date of the first live session of each of these collective actions
    (absent: no session)."""
    wanted = [str(i) for i in action_ids]
    found: dict[str, date] = {}
    for start in range(0, len(wanted), 500):
        chunk = wanted[start:start + 500]
        rows = database.connection.execute(
            "SELECT action_id, MIN(date) FROM collective_action_session "
            f"WHERE deleted_at IS NULL AND action_id IN ({','.join('?' * len(chunk))}) "
            "GROUP BY action_id", chunk)
        found.update({row[0]: date.fromisoformat(row[1]) for row in rows})
    return found


def latest_time_entry_id(database: Database) -> str | None:
    """Id of the live time entry with the latest date (read from the end of the date
    index), or ``None`` when there is none."""
    row = database.connection.execute(
        "SELECT id FROM time_entry WHERE deleted_at IS NULL ORDER BY date DESC LIMIT 1"
    ).fetchone()
    return None if row is None else row[0]
