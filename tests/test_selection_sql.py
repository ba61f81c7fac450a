"""A laptop's bundle holds exactly what it held before issue 12, read through indexes.

The oracle (``tests/selection_oracle.py``) is the need-to-know selection the indexed one
replaced: every record of every kind validated, then filtered. Both run on two generated
years with the edits that make the selection hard — tombstones of sessions, interventions
and action sessions an educator was at (their derived hours are gone), a young person
erased and another anonymised (rows rewritten by plain SQL), an intervention by a
colleague in the educator's support — and must give the same items, row for row.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sps_desk.demo import build_demo
from sps_desk.enums import Role
from sps_desk.records import TimeEntry
from sps_desk.store import rights
from sps_desk.store.database import Database
from sps_desk.store.repositories import _pydantic_stamp
from sps_desk.store.retention import anonymise
from sps_desk.store.sync.selection import need_to_know
from tests.conftest import PASSPHRASE
from tests.selection_oracle import need_to_know as oracle


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    database = Database.create(tmp_path_factory.mktemp("selection") / "s.sps", PASSPHRASE,
                               "SPS Test")
    try:
        build_demo(database, 2025, years=2, seed=3)
        _edit(database)
        yield database
    finally:
        database.close()


def _workers(database: Database) -> list:
    return [m for m in database.repos.staff.all() if m.role is Role.SOCIAL_WORKER]


def _edit(database: Database) -> None:
    repos = database.repos
    worker = _workers(database)[0]
    mine = [s for s in repos.field_sessions.all() if worker.id in s.staff_ids]
    repos.field_sessions.delete(mine[0].id)
    done = [i for i in repos.interventions.all() if worker.id in i.staff_ids]
    repos.interventions.delete(done[0].id)
    action_sessions = [c for c in repos.collective_sessions.all() if worker.id in c.staff_ids]
    repos.collective_sessions.delete(action_sessions[0].id)
    typed = [e for e in repos.time_entries.all()
             if e.staff_id == worker.id and e.source_id is None]
    repos.time_entries.delete(typed[0].id)
    # Rows rewritten by plain SQL, with their own form of timestamps.
    met = [y for s in mine[5:] for y in s.young_met_ids]
    rights.erase(database, repos.young_people.get(met[0]))
    with database.transaction():
        anonymise(database, [str(met[3])], write=True,
                  at=datetime(2026, 1, 5, 9, 30, tzinfo=UTC))
    repos.time_entries.save(TimeEntry(staff_id=worker.id, date=date(2025, 5, 5),
                                      category="writing", hours=1.5))


@pytest.mark.parametrize("worker", range(2))
def test_the_educator_gets_exactly_what_they_got_before(base: Database, worker: int) -> None:
    staff = _workers(base)[worker]
    expected = oracle(base, staff.id, "0f0f0f0f-laptop")
    assert need_to_know(base, staff.id, "0f0f0f0f-laptop") == expected
    kinds = {item.kind for item in expected}
    assert {"intervention", "field_session", "young_person", "time_entry"} <= kinds


def test_a_laptop_without_educator_gets_the_reference_data(base: Database) -> None:
    assert need_to_know(base, None, "0f0f0f0f-laptop") == oracle(base, None, "0f0f0f0f-laptop")


@given(st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2100, 1, 1),
                    timezones=st.just(UTC)))
def test_timestamps_read_back_as_pydantic_writes_them(moment: datetime) -> None:
    expected = TimeEntry(staff_id="0" * 32, date=date(2025, 1, 1), category="writing",
                         hours=1, created_at=moment).model_dump(mode="json")["created_at"]
    assert _pydantic_stamp(moment.isoformat()) == expected
    assert _pydantic_stamp(expected) == expected
