"""Team merge is order-independent and idempotent (issue 7, "Done when"): three laptops
make random creations, edits and deletions; merging their bundles into the chief's base
in each of the 6 orders gives identical content, and merging again changes nothing."""

from __future__ import annotations

import functools
import itertools
import shutil
import tempfile
import uuid
from datetime import date, time
from pathlib import Path
from typing import Any

from hypothesis import event, given, settings
from hypothesis import strategies as st

from sps_desk.enums import Sex
from sps_desk.records import RECORD_KINDS, FieldSession, YoungPerson
from sps_desk.store.database import Database
from sps_desk.store.sync.conflicts import open_conflicts
from sps_desk.store.sync.identity import acked_seq
from sps_desk.store.sync.selection import repository
from sps_desk.store.sync.transfer import make_bundle, merge_bundles
from tests.conftest import PASSPHRASE
from tests.sync_support import EDUCATORS, make_team, transfer

SHARED_YOUNG = ("Zoé", "Ğökhan", "Дмитрий")


@functools.cache
def _snapshot() -> Path:
    """A team whose three laptops all hold the same three young people and one outing
    (every educator was there), saved once and copied for each example."""
    folder = Path(tempfile.mkdtemp(prefix="sps_sync_property_"))
    team = make_team(folder)
    young = [team.chief.repos.young_people.save(YoungPerson(nickname=n)) for n in SHARED_YOUNG]
    team.chief.repos.field_sessions.save(FieldSession(
        date=date(2026, 11, 16), start_time=time(14, 0), end_time=time(17, 0),
        staff_ids=[s.id for s in team.staff.values()], sector_id=team.sector.id,
        young_met_ids=[y.id for y in young]))
    for name, laptop in zip(EDUCATORS, team.laptops, strict=True):
        transfer(team.chief, laptop, device=name)
    team.close()
    return folder


def _open_copy() -> tuple[Path, Database, list[Database]]:
    folder = Path(tempfile.mkdtemp(prefix="sps_sync_example_"))
    shutil.copytree(_snapshot(), folder, dirs_exist_ok=True)
    laptops = [Database.open(folder / f"portable{i}.sps", PASSPHRASE) for i in range(3)]
    return folder, Database.open(folder / "chef.sps", PASSPHRASE), laptops


def _content(database: Database) -> dict[str, Any]:
    connection = database.connection
    tables = [model.kind for model in RECORD_KINDS] + ["record_clock", "merge_conflict",
                                                       "erased_record"]
    content = {t: connection.execute(f'SELECT * FROM "{t}" ORDER BY 1').fetchall()
               for t in tables}
    content["peer_device"] = connection.execute(
        "SELECT device_id, label, sign_key, box_key, staff_member_id, last_seq "
        "FROM peer_device ORDER BY 1").fetchall()
    return content


operations = st.lists(
    st.tuples(
        st.integers(0, 2),                                   # which laptop
        st.sampled_from(["create", "edit", "delete", "outing"]),
        st.integers(0, 5),                                   # which young person it knows
        st.text(alphabet="aéœğıДж -", min_size=1, max_size=8),
        st.sampled_from(list(Sex)),
    ),
    min_size=1, max_size=12,
)


def _play(laptop: Database, operation: tuple[int, str, int, str, Sex], step: int) -> None:
    _, action, target, text, sex = operation
    known = laptop.repos.young_people.all(include_deleted=True)
    if action == "create" or not known:
        laptop.repos.young_people.save(YoungPerson(nickname=f"{text} {step}", sex=sex))
    elif action == "edit":
        person = known[target % len(known)]
        laptop.repos.young_people.save(person.model_copy(update={"nickname": text, "sex": sex}))
    elif action == "delete":
        laptop.repos.young_people.delete(known[target % len(known)].id)
    else:
        [outing] = laptop.repos.field_sessions.all()
        laptop.repos.field_sessions.save(outing.model_copy(update={"adults_met": target}))


def _check_nothing_lost(merged: Database, laptops: list[Database],
                        changed: list[set[str]]) -> None:
    """A record one laptop alone changed is the laptop's version; one changed differently
    by several laptops is a conflict that holds each of their versions."""
    conflicts = {str(c.record_id): c for c in open_conflicts(merged)}
    event("avec conflit" if conflicts else "sans conflit")
    for number, laptop in enumerate(laptops):
        others = set().union(*(c for i, c in enumerate(changed) if i != number))
        for record_id in changed[number]:
            kind = _kind(merged, record_id)
            mine = repository(laptop, kind).get(uuid.UUID(record_id), include_deleted=True)
            if record_id not in others:
                assert repository(merged, kind).get(
                    uuid.UUID(record_id), include_deleted=True) == mine
            elif record_id in conflicts:
                assert mine in conflicts[record_id].records


def _kind(database: Database, record_id: str) -> str:
    return database.connection.execute(
        "SELECT kind FROM record_clock WHERE id = ?", (record_id,)).fetchone()[0]


@settings(max_examples=12, deadline=None)
@given(operations)
def test_merging_three_laptops_in_any_order_gives_the_same_base(ops: list) -> None:
    folder, chief, laptops = _open_copy()
    try:
        for step, operation in enumerate(ops):
            _play(laptops[operation[0]], operation, step)
        bundles = [(f"{i}.spsb", make_bundle(laptop).data) for i, laptop in enumerate(laptops)]
        # What each laptop changed itself (its bundle also carries, unchanged, the
        # records those refer to).
        changed = [{row[0] for row in laptop.connection.execute(
                        "SELECT id FROM record_clock WHERE seq > ?", (acked_seq(laptop),))}
                   for laptop in laptops]
        chief.connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        chief.close()
        results = []
        for number, order in enumerate(itertools.permutations(bundles)):
            copy = folder / f"ordre{number}.sps"
            shutil.copyfile(folder / "chef.sps", copy)
            shutil.copyfile(folder / "chef.sps.keys", f"{copy}.keys")
            with Database.open(copy, PASSPHRASE) as merged:
                for bundle in order:
                    merge_bundles(merged, [bundle])
                results.append(_content(merged))
                if number == 0:
                    again = merge_bundles(merged, bundles)
                    assert again.changes == []
                    assert _content(merged) == results[0]
        assert all(result == results[0] for result in results[1:])
        with Database.open(folder / "ordre0.sps", PASSPHRASE) as merged:
            _check_nothing_lost(merged, laptops, changed)
    finally:
        for laptop in laptops:
            laptop.close()
        shutil.rmtree(folder, ignore_errors=True)
