"""The statistics aggregated by SQLite equal those counted record by record.

The oracle (``tests/statistics_oracle.py``) is the record-by-record computation the SQL
aggregates replaced. Both run on a generated base of three years of SPS Arras (young
people and supports carried over from year to year), with
tombstones, a restriction, a deleted action, an unknown age and an intervention dated
before its support's start added on purpose; every year from before the first to after
the last must give the same statistics, figure for figure.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, time
from typing import Any

import pytest
import sqlcipher3
from hypothesis import given
from hypothesis import strategies as st

from sps_desk.demo import build_demo
from sps_desk.durations import duration_bracket
from sps_desk.records import FieldSession, Intervention, TimeEntry, YoungPerson
from sps_desk.reports import statistics
from sps_desk.reports.model import AnnualStatistics
from sps_desk.store import rights
from sps_desk.store.aggregates import _DURATION_SQL
from sps_desk.store.database import Database
from tests.conftest import PASSPHRASE
from tests.statistics_oracle import compute_statistics as oracle

FIRST_YEAR, LAST_YEAR = 2023, 2025
YEARS = range(FIRST_YEAR - 1, LAST_YEAR + 2)
"""The three years of the base, the empty year before and the empty year after."""


@pytest.fixture(scope="module")
def history(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    """Three generated years, then the edits a real base accumulates (the tests only
    read it)."""
    path = tmp_path_factory.mktemp("history") / "history.sps"
    database = Database.create(path, PASSPHRASE, "SPS Test")
    try:
        build_demo(database, LAST_YEAR, years=3, seed=7)
        _edit(database)
        yield database
    finally:
        database.close()


@pytest.fixture(scope="module")
def expected(history: Database) -> dict[int, AnnualStatistics]:
    """The oracle's statistics of every year around the history (computed once: the
    oracle reads every record)."""
    return {year: oracle(history, year) for year in YEARS}


def _edit(database: Database) -> None:
    repos = database.repos
    sessions = repos.field_sessions.between(date(2024, 1, 1), date(2024, 12, 31))
    for session in sessions[:5]:
        repos.field_sessions.delete(session.id)
    # A support running over 2024 and 2025 is deleted; its interventions stay live.
    running = [s for s in repos.supports.active_between(date(2024, 1, 1), date(2024, 12, 31))
               if s.active_between(date(2025, 1, 1), date(2025, 12, 31))]
    repos.supports.delete(running[0].id)
    # An action held in 2025 is deleted; its sessions stay live (they count as sessions
    # and hours of the year, not as an action held).
    action_sessions = repos.collective_sessions.between(date(2025, 1, 1), date(2025, 12, 31))
    repos.collective_actions.delete(action_sessions[0].action_id)
    repos.collective_sessions.delete(action_sessions[-1].id)
    # A young person met and taking part is deleted; a supported one is restricted.
    met = [y for s in sessions[10:] for y in s.young_met_ids]
    repos.young_people.delete(met[0])
    supported = running[1].young_person_id
    rights.restrict(database, repos.young_people.get(supported))
    for item in repos.interventions.between(date(2025, 3, 1), date(2025, 3, 31))[:4]:
        repos.interventions.delete(item.id)
    for repository in (repos.referrals, repos.concern_reports):
        repository.delete(repository.between(date(2024, 1, 1), date(2024, 12, 31))[0].id)
    typed = [e for e in repos.time_entries.between(date(2023, 1, 1), date(2023, 12, 31))
             if e.source_id is None]
    repos.time_entries.delete(typed[0].id)
    staff = repos.staff.all()
    repos.staff.save(staff[-1].model_copy(update={"active": False}))
    # Born after the day they were met: their age is unknown, not negative.
    newborn = repos.young_people.save(YoungPerson(nickname="Дмитрий", sex="M",
                                                  birth_date=date(2025, 6, 1)))
    repos.field_sessions.save(FieldSession(
        date=date(2025, 3, 4), start_time=time(18), end_time=time(20),
        staff_ids=[staff[1].id], young_met_ids=[newborn.id]))
    # An intervention dated before its support started is that young person's first
    # activity of the year.
    late = next(s for s in repos.supports.active_between(date(2025, 1, 1), date(2025, 12, 31))
                if s.start_date > date(2025, 3, 1))
    repos.interventions.save(Intervention(
        support_id=late.id, date=date(2025, 1, 20), type="interview", duration_hours=0.5,
        staff_ids=[staff[1].id]))
    repos.time_entries.save(TimeEntry(staff_id=staff[0].id, date=date(2025, 2, 2),
                                      category="preparation", hours=1.25))


@pytest.mark.parametrize("year", YEARS)
def test_sql_statistics_equal_the_record_by_record_oracle(
    history: Database, expected: dict[int, AnnualStatistics], year: int
) -> None:
    computed = statistics.compute_statistics(history, year)
    assert computed == expected[year]
    if FIRST_YEAR <= year <= LAST_YEAR:
        assert computed.contacts.young_known.total > 80
        assert computed.supported.total > 30


def test_the_edits_reach_the_statistics(history: Database) -> None:
    """The oracle agrees on edited data, and the edits do change figures (the
    comparison above is not between two empty tables)."""
    year = statistics.compute_statistics(history, 2025)
    assert year.collective_actions.sessions > year.collective_actions.by_type[0].actions
    assert year.contacts.young_known.cells["unknown"]["M"] >= 1
    assert year.hours.columns[-1].counted_in == "collective_actions"


def test_one_pass_gives_every_year_of_a_span(
    history: Database, expected: dict[int, AnnualStatistics]
) -> None:
    span = statistics.compute_years(history, FIRST_YEAR - 1, LAST_YEAR)
    assert list(span) == [2022, 2023, 2024, 2025]
    for year, computed in span.items():
        assert computed == expected[year]


def test_previous_year_comes_with_the_year(
    history: Database, expected: dict[int, AnnualStatistics]
) -> None:
    current, previous = statistics.statistics_and_previous(history, 2025)
    assert (current, previous) == (expected[2025], expected[2024])
    # The year before the first has no data: no comparison column.
    assert statistics.statistics_and_previous(history, FIRST_YEAR)[1] is None


class _Plans:
    """A connection that records the query plan of every statement it runs."""

    def __init__(self, connection: Any) -> None:
        self.connection = connection
        self.plans: list[tuple[str, list[str]]] = []

    def execute(self, sql: str, params: Any = ()) -> Any:
        plan = [row[3] for row in self.connection.execute(f"EXPLAIN QUERY PLAN {sql}", params)]
        # The service's own records (one service, a few sectors and staff) are read
        # through the repositories; the history is what must not be scanned.
        if not re.search(r'FROM "(service|sector|staff_member)"', sql):
            self.plans.append((sql, plan))
        return self.connection.execute(sql, params)


RECORD_TABLES = {
    "time_entry", "field_session", "intervention", "referral", "concern_report",
    "collective_action", "collective_action_session", "individual_support", "young_person",
    "restriction",
}
"""Tables whose size grows with the history."""
TABLE_ALIASES = {"fs", "s", "ca", "yp", "r"}
"""Aliases those tables take in the statistics queries."""


def test_no_statistics_query_scans_the_history(history: Database,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    """Every record table is read through an index (SEARCH), never scanned whole; no
    query sorts its result; counts by category, kind, partner type or addressee are read
    in index order (no temporary B-tree at all)."""
    plans = _Plans(history.connection)
    monkeypatch.setattr(history, "connection", plans)
    statistics.compute_years(history, 2024, 2025)
    assert len(plans.plans) >= 12
    for sql, plan in plans.plans:
        for line in plan:
            scanned = re.match(r"SCAN (\w+)", line)
            assert not (scanned and scanned.group(1) in RECORD_TABLES | TABLE_ALIASES), (
                sql, line)
            assert "ORDER BY" not in line, (sql, line)
        if " IN ('" in sql:
            assert not [line for line in plan if "TEMP B-TREE" in line], (sql, plan)
            assert all("COVERING INDEX" in line for line in plan), (sql, plan)


_DAYS = st.dates(min_value=date(2000, 1, 1), max_value=date(2030, 12, 31))


@given(start=_DAYS, length=st.integers(0, 1200), open_end=st.booleans(),
       year=st.integers(2000, 2033))
def test_duration_brackets_in_sql_follow_the_rule(
    start: date, length: int, open_end: bool, year: int
) -> None:
    """Calendar months, month ends included (31 January + 1 month is 28/29 February)."""
    last = date(year, 12, 31)
    end = None if open_end else date.fromordinal(start.toordinal() + length)
    if min(end or last, last) < start:
        return
    connection = sqlcipher3.connect(":memory:")
    try:
        (found,) = connection.execute(
            f"SELECT {_DURATION_SQL} FROM (SELECT ? AS start_date, ? AS end_date,"
            " ? AS last)",
            (start.isoformat(), None if end is None else end.isoformat(), last.isoformat()),
        ).fetchone()
    finally:
        connection.close()
    assert found == duration_bracket(start, min(end or last, last))


def test_the_previous_year_comes_from_the_same_pass_until_the_base_changes(
    history: Database, expected: dict[int, AnnualStatistics],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Last of the module: it writes into the shared base.
    passes: list[tuple[int, int]] = []
    compute_years = statistics.compute_years

    def counted(database: Database, first: int, last: int) -> dict[int, AnnualStatistics]:
        passes.append((first, last))
        return compute_years(database, first, last)

    monkeypatch.setattr(statistics, "compute_years", counted)
    history.repos.time_entries.save(TimeEntry(
        staff_id=history.repos.staff.all()[0].id, date=date(2019, 1, 2),
        category="writing", hours=0.25))  # a write: whatever was kept is stale
    assert statistics.compute_statistics(history, 2025) == expected[2025]
    assert statistics.compute_statistics(history, 2024) == expected[2024]
    assert passes == [(2024, 2025)]
    history.repos.time_entries.save(TimeEntry(
        staff_id=history.repos.staff.all()[0].id, date=date(2024, 3, 4),
        category="writing", hours=2))
    changed = statistics.compute_statistics(history, 2024)
    assert passes == [(2024, 2025), (2023, 2024)]
    writing = {c.key: c.hours for c in changed.hours.columns}["writing"]
    assert writing == {c.key: c.hours for c in expected[2024].hours.columns}["writing"] + 2
