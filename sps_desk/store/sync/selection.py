"""What a bundle holds: a laptop's changes since the chief's acknowledgement, or, for a
laptop, the shared reference data and the records of the young people its educator
works with (need-to-know, not the whole service)."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable
from typing import TYPE_CHECKING

from sps_desk.records import RECORD_KINDS, Record
from sps_desk.store.repositories import Repository
from sps_desk.store.sync.bundle import Item
from sps_desk.versions import Version

if TYPE_CHECKING:
    from sps_desk.store.database import Database

_ORDER = {model.kind: position for position, model in enumerate(RECORD_KINDS)}


def repository(database: Database, kind: str) -> Repository[Record]:
    """The repository of a record kind. Raises ``KeyError`` for an unknown kind."""
    for value in vars(database.repos).values():
        if isinstance(value, Repository) and value.table == kind:
            return value
    raise KeyError(kind)


def _fetch(database: Database, rows: Iterable[tuple[str, str]]) -> list[Record]:
    """The records (tombstones included) of ``(id, kind)`` pairs, one query per kind;
    ids whose row is gone (an erasure) are left out."""
    by_kind: dict[str, list[str]] = {}
    for record_id, kind in rows:
        by_kind.setdefault(kind, []).append(record_id)
    return [record for kind, ids in by_kind.items()
            for record in repository(database, kind).with_ids(ids)]


def _items(database: Database, records: Iterable[Record]) -> list[Item]:
    known = {row[0]: row[1] for row in
             database.connection.execute("SELECT id, clock FROM record_clock")}
    items = []
    unique = {str(record.id): record for record in records}
    for record_id, record in unique.items():
        if record_id in known:
            items.append(Item(record.kind, Version(record.model_dump(mode="json"),
                                                   json.loads(known[record_id]))))
    # Parents before children, so that references hold while writing.
    return sorted(items, key=lambda item: (_ORDER[item.kind], item.record_id))


def changes_since(database: Database, seq: int) -> list[Item]:
    """Every record this base changed after change number ``seq`` (tombstones included),
    parents first. Erased records, gone from their tables, are left out."""
    rows = database.connection.execute(
        "SELECT id, kind FROM record_clock WHERE seq > ?", (seq,)).fetchall()
    return _items(database, _fetch(database, rows))


def need_to_know(
    database: Database, staff_id: uuid.UUID | None, device_id: str | None = None,
) -> list[Item]:
    """What the laptop ``device_id`` of staff member ``staff_id`` receives (tombstones
    included):

    - the service, every sector, staff member and partner;
    - every record that laptop wrote itself (it holds them already: it gets their latest
      version, and the chief's decisions about them);
    - the supports the educator is referent of or intervened in, with their
      interventions and referrals, the concern reports and identities of those young;
    - the field sessions and collective actions (with all their sessions) the educator
      took part in, and the young people met or taking part there;
    - the educator's hand-typed time entries;
    - the chief's « À vérifier » marks about any of these records.

    With ``staff_id`` ``None`` (no staff member matched), only the reference data and
    the laptop's own records.
    """
    repos = database.repos
    records: list[Record] = [
        *repos.service.all(include_deleted=True), *repos.sectors.all(include_deleted=True),
        *repos.staff.all(include_deleted=True), *repos.partners.all(include_deleted=True),
    ]
    if device_id is not None:
        records += [record for record in _records_written_by(database, device_id)
                    if record.kind not in ("service", "sector", "staff_member", "partner")]
    if staff_id is None:
        return _items(database, records + _marks_about(database, records))
    interventions = repos.interventions.all(include_deleted=True)
    works_on = {i.support_id for i in interventions if staff_id in i.staff_ids}
    supports = [s for s in repos.supports.all(include_deleted=True)
                if s.id in works_on or s.referent_id == staff_id]
    support_ids = {s.id for s in supports}
    supported = {s.young_person_id for s in supports}
    sessions = [f for f in repos.field_sessions.all(include_deleted=True)
                if staff_id in f.staff_ids]
    action_sessions = repos.collective_sessions.all(include_deleted=True)
    action_ids = {c.action_id for c in action_sessions if staff_id in c.staff_ids}
    actions = [a for a in repos.collective_actions.all(include_deleted=True)
               if a.id in action_ids]
    young_ids = (supported | {y for f in sessions for y in f.young_met_ids}
                 | {p for a in actions for p in a.participant_ids})
    records += [y for y in repos.young_people.all(include_deleted=True) if y.id in young_ids]
    records += [i for i in repos.identities.all(include_deleted=True)
                if i.young_person_id in supported]
    records += supports
    records += [i for i in interventions if i.support_id in support_ids]
    records += [r for r in repos.referrals.all(include_deleted=True)
                if r.support_id in support_ids]
    records += [c for c in repos.concern_reports.all(include_deleted=True)
                if c.young_person_id in supported]
    records += sessions + actions
    records += [c for c in action_sessions if c.action_id in action_ids]
    records += [t for t in repos.time_entries.all(include_deleted=True)
                if t.staff_id == staff_id and t.source_id is None]
    return _items(database, records + _marks_about(database, records))


def _marks_about(database: Database, records: list[Record]) -> list[Record]:
    """The « À vérifier » marks of lines about ``records`` (a subject starts with the id
    of the record, or of the staff member, it is about): the chief's checks reach the
    laptops that hold those records, and no other."""
    sent = {str(record.id) for record in records}
    return [mark for mark in database.repos.check_marks.all(include_deleted=True)
            if mark.subject.split(":")[0] in sent]


def _records_written_by(database: Database, device_id: str) -> list[Record]:
    # Clock keys are "<device id>.<opening>": every opening of that laptop's base.
    rows = database.connection.execute(
        "SELECT id, kind FROM record_clock WHERE instr(clock, ?) > 0",
        (f'"{device_id}.',)).fetchall()
    return _fetch(database, rows)


def erased_ids(database: Database) -> list[str]:
    """Ids of records erased on this base (young people and what was about them)."""
    return [row[0] for row in database.connection.execute("SELECT id FROM erased_record")]


def anonymised_ids(database: Database) -> list[str]:
    """Ids of young people anonymised by a retention purge on this base."""
    return [row[0] for row in
            database.connection.execute("SELECT young_person_id FROM anonymised")]
