"""What a bundle holds: a laptop's changes since the chief's acknowledgement, or, for a
laptop, the shared reference data and the records of the young people its educator
works with (need-to-know, not the whole service)."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import orjson

from sps_desk.records import RECORD_KINDS, Record
from sps_desk.store.repositories import Repository
from sps_desk.store.sync.bundle import EncodedItem, Item
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


def _clocks(database: Database, record_ids: list[str]) -> dict[str, str]:
    """The version clocks (JSON text) of these records, 500 ids per query (the whole
    table at once for a bundle of every record). Ids in order walk the table's pages in
    order, each read once."""
    if len(record_ids) > 50_000:
        wanted = set(record_ids)
        rows = database.connection.execute("SELECT id, clock FROM record_clock")
        return {record_id: clock for record_id, clock in rows if record_id in wanted}
    found: dict[str, str] = {}
    for start in range(0, len(record_ids), 500):
        chunk = record_ids[start:start + 500]
        found.update(database.connection.execute(
            f"SELECT id, clock FROM record_clock WHERE id IN ({','.join('?' * len(chunk))})",
            chunk))
    return found


def _items(database: Database, rows: Iterable[tuple[str, dict[str, Any]]]) -> list[Item]:
    """Bundle items of ``(kind, row)`` pairs (rows as ``model_dump(mode="json")``), each
    with its version clock; records without clock (derived) are left out."""
    unique = {str(row["id"]): (kind, row) for kind, row in rows}
    known = _clocks(database, sorted(unique))
    items = [Item(kind, Version(row, orjson.loads(known[record_id])))
             for record_id, (kind, row) in unique.items() if record_id in known]
    # Parents before children, so that references hold while writing.
    return sorted(items, key=lambda item: (_ORDER[item.kind], item.record_id))


def _dumped(records: Iterable[Record]) -> list[tuple[str, dict[str, Any]]]:
    return [(record.kind, record.model_dump(mode="json")) for record in records]


def changes_since(database: Database, seq: int) -> list[Item]:
    """Every record this base changed after change number ``seq`` (tombstones included),
    with the records they refer to (:func:`with_references`), parents first. Erased
    records, gone from their tables, are left out."""
    rows = database.connection.execute(
        "SELECT id, kind FROM record_clock WHERE seq > ?", (seq,)).fetchall()
    changed = _fetch(database, rows)
    return _items(database, _dumped(changed + with_references(database, changed)))


_LIST_REFERENCES: dict[str, tuple[tuple[str, str], ...]] = {
    "field_session": (("staff_ids", "staff_member"), ("young_met_ids", "young_person")),
    "intervention": (("staff_ids", "staff_member"),),
    "collective_action": (("participant_ids", "young_person"), ("partner_ids", "partner")),
    "collective_action_session": (("staff_ids", "staff_member"),),
}
"""References held in JSON lists, which the schema cannot declare as foreign keys."""


def _references(database: Database, kind: str) -> list[tuple[str, str]]:
    """``(field, parent kind)`` of every reference a record of ``kind`` holds."""
    kinds = {model.kind for model in RECORD_KINDS}
    declared = [(row[3], row[2]) for row in
                database.connection.execute(f'PRAGMA foreign_key_list("{kind}")')
                if row[2] in kinds]
    return declared + list(_LIST_REFERENCES.get(kind, ()))


def with_references(database: Database, records: list[Record]) -> list[Record]:
    """The records ``records`` refer to, and those these refer to, not already in
    ``records`` (a support's young person, an outing's sector, staff and young met…).

    A laptop's bundle carries them so that the chief's base can merge it even when it
    lacks them: restored from a backup older than the last merge, it may have lost the
    young person whose new support arrives (issue 13). A version the base already has
    changes nothing there (merging is idempotent).
    """
    seen = {str(record.id) for record in records}
    found: list[Record] = []
    frontier = records
    references: dict[str, list[tuple[str, str]]] = {}
    while frontier:
        wanted: list[tuple[str, str]] = []
        for record in frontier:
            if record.kind not in references:
                references[record.kind] = _references(database, record.kind)
            for name, parent_kind in references[record.kind]:
                value = getattr(record, name, None)
                for parent in value if isinstance(value, list) else [value]:
                    if parent is not None and str(parent) not in seen:
                        seen.add(str(parent))
                        wanted.append((str(parent), parent_kind))
        frontier = _fetch(database, wanted)
        found += frontier
    return found


def need_to_know(
    database: Database, staff_id: uuid.UUID | None, device_id: str | None = None,
) -> list[Item]:
    """What the laptop ``device_id`` of staff member ``staff_id`` receives (tombstones
    included), parents first:

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
    the laptop's own records. Records without clock (derived) are left out. The items
    of :func:`need_to_know_encoded`, read back.
    """
    return [item.decoded() for item in need_to_know_encoded(database, staff_id, device_id)]


def need_to_know_encoded(
    database: Database, staff_id: uuid.UUID | None, device_id: str | None = None,
) -> list[EncodedItem]:
    """:func:`need_to_know` as the bundle sends it: each record written as JSON by
    SQLite with its clock (44 000 records for a laptop of a large service), read through
    indexes, never by going through every record of a kind."""
    chosen = _Chosen(database)
    for kind in _REFERENCE:
        chosen.add(kind, "1")
    if staff_id is not None:
        _educator_records(chosen, str(staff_id))
    if device_id is not None:
        _written_by(chosen, device_id)
    marks, subjects = chosen.read("check_mark", "1", extra="t.subject")
    sent = chosen.ids()
    # A mark's subject starts with the id of the record, or of the staff member, it is
    # about: the chief's checks reach the laptops that hold those records, and no other.
    chosen.keep("check_mark", {record_id: text for record_id, text in marks.items()
                               if subjects[record_id].split(":")[0] in sent})
    return chosen.items()


_REFERENCE = ("service", "sector", "staff_member", "partner")
"""Kinds every laptop receives whole."""


class _Chosen:
    """Records chosen for a bundle, in the order chosen: their kind, and their rows as
    JSON text by id. A record chosen twice is sent once, as chosen last."""

    def __init__(self, database: Database) -> None:
        self.database = database
        self.chosen: list[tuple[str, dict[str, str]]] = []

    def read(self, kind: str, where: str, *params: object,
             extra: str = "") -> tuple[dict[str, str], dict[str, Any]]:
        """The records of ``kind`` that ``where`` holds (the table is ``t``): id → row as
        JSON text, and id → the value of ``extra`` (an expression over ``t`` read along,
        e.g. the young people a session met; empty without)."""
        repo = repository(self.database, kind)
        row, odd = repo.json_sql("t")
        cursor = self.database.connection.execute(
            f"SELECT t.id, CASE WHEN {odd} THEN NULL ELSE {row} END"
            f'{", " + extra if extra else ""} FROM "{kind}" AS t WHERE {where}', params)
        values: dict[str, Any] = {}
        if extra:
            found = cursor.fetchall()
            rows = {record_id: text for record_id, text, _ in found}
            values = {record_id: value for record_id, _, value in found}
        else:
            rows = dict(cursor)
        if None in rows.values():
            # Rows a plain SQL update stamped in its own form: pydantic's form is put back.
            odd_ids = [record_id for record_id, text in rows.items() if text is None]
            rows.update((data["id"], orjson.dumps(data).decode())
                        for data in repo.json_rows("id", odd_ids))
        return rows, values

    def add(self, kind: str, where: str, *params: object,
            extra: str = "") -> tuple[dict[str, str], dict[str, Any]]:
        """Choose the records of ``kind`` that ``where`` holds; returns what
        :meth:`read` does."""
        rows, values = self.read(kind, where, *params, extra=extra)
        self.keep(kind, rows)
        return rows, values

    def keep(self, kind: str, rows: dict[str, str]) -> None:
        """Choose these rows of ``kind`` (id → JSON text)."""
        self.chosen.append((kind, rows))

    def ids(self) -> set[str]:
        """The ids of every record chosen."""
        return set().union(*(rows for _kind, rows in self.chosen))

    def items(self) -> list[EncodedItem]:
        """The chosen records with their clock, parents before children (so that
        references hold while the recipient writes them), then by id; records without
        clock (derived) are left out. The clocks are read in one pass in id order, each
        page of the table once."""
        ids = self.ids()
        clocks = dict(self.database.connection.execute(
            f"SELECT id, clock FROM record_clock WHERE id {_IN}", (_ids(ids),)))
        by_kind: dict[str, dict[str, str]] = {}
        for kind, rows in self.chosen:
            by_kind.setdefault(kind, {}).update(rows)
        if len(ids) != sum(len(rows) for rows in by_kind.values()):
            # One id chosen as two kinds (not in a sound base): the last choice stands.
            last = {record_id: kind for kind, rows in self.chosen for record_id in rows}
            by_kind = {kind: {i: text for i, text in rows.items() if last[i] == kind}
                       for kind, rows in by_kind.items()}
        items: list[EncodedItem] = []
        for kind in sorted(by_kind, key=_ORDER.__getitem__):
            rows, head = by_kind[kind], f'{{"kind":"{kind}","clock":'
            items += [EncodedItem(kind, i, f'{head}{clocks[i]},"row":{rows[i]}}}')
                      for i in sorted(rows.keys() & clocks.keys())]
        return items


def _ids(values: Iterable[str]) -> str:
    """Ids as one JSON list parameter, read by ``IN (SELECT value FROM json_each(?))``
    (in any order: SQLite puts such a list in a B-tree and looks the ids up in order)."""
    return orjson.dumps(list(values)).decode()


_IN = "IN (SELECT value FROM json_each(?))"


def _educator_records(chosen: _Chosen, staff: str) -> None:
    """Choose every record an educator works with (see :func:`need_to_know`): the time
    entries derived from a session or an intervention say who was there."""
    connection = chosen.database.connection
    took_part: dict[str, set[str]] = {
        "field_session": set(), "intervention": set(), "collective_action_session": set()}
    for kind, source_id in connection.execute(
        "SELECT source_kind, source_id FROM time_entry"
        " WHERE staff_id = ? AND source_id IS NOT NULL", (staff,)
    ):
        took_part[kind].add(source_id)
    # Deleted sources have no derived entries left; their tombstones still travel.
    for kind in took_part:
        took_part[kind].update(row[0] for row in connection.execute(
            f"SELECT id FROM {kind} WHERE deleted_at IS NOT NULL"
            " AND EXISTS (SELECT 1 FROM json_each(staff_ids) WHERE value = ?)", (staff,)))
    # The supports the educator is referent of, then those of the interventions they
    # took part in elsewhere: most are in their own supports, and are not looked up.
    support_ids = {row[0] for row in connection.execute(
        "SELECT id FROM individual_support WHERE referent_id = ?", (staff,))}
    done, _ = chosen.add("intervention", f"t.support_id {_IN}", _ids(support_ids))
    elsewhere = {row[0] for row in connection.execute(
        f"SELECT support_id FROM intervention WHERE id {_IN}",
        (_ids(took_part["intervention"] - done.keys()),))} - support_ids
    chosen.add("intervention", f"t.support_id {_IN}", _ids(elsewhere))
    listed = _ids(support_ids | elsewhere)
    chosen.add("referral", f"t.support_id {_IN}", listed)
    supported = set(chosen.add("individual_support", f"t.id {_IN}", listed,
                               extra="t.young_person_id")[1].values())
    young = set(supported)
    for met in chosen.add("field_session", f"t.id {_IN}", _ids(took_part["field_session"]),
                          extra="t.young_met_ids")[1].values():
        young.update(orjson.loads(met))
    action_ids = _ids(row[0] for row in connection.execute(
        f"SELECT action_id FROM collective_action_session WHERE id {_IN}",
        (_ids(took_part["collective_action_session"]),)))
    chosen.add("collective_action_session", f"t.action_id {_IN}", action_ids)
    for taking_part in chosen.add("collective_action", f"t.id {_IN}", action_ids,
                                  extra="t.participant_ids")[1].values():
        young.update(orjson.loads(taking_part))
    chosen.add("young_person", f"t.id {_IN}", _ids(young))
    chosen.add("identity", f"t.young_person_id {_IN}", _ids(supported))
    chosen.add("concern_report", f"t.young_person_id {_IN}", _ids(supported))
    chosen.add("time_entry", "t.staff_id = ? AND t.source_id IS NULL", staff)


def _written_by(chosen: _Chosen, device_id: str) -> None:
    """Choose every record the laptop ``device_id`` wrote, other than the reference data,
    not chosen already. One pass over the clocks finds them, which leaves the pages of
    the clocks in the cache for reading those of everything sent (see
    :meth:`_Chosen.items`)."""
    written: dict[str, list[str]] = {}
    sent = chosen.ids()
    # Clock keys are "<device id>.<opening>": every opening of that laptop's base.
    for record_id, kind in chosen.database.connection.execute(
            "SELECT id, kind FROM record_clock WHERE instr(clock, ?) > 0",
            (f'"{device_id}.',)):
        if kind not in _REFERENCE and record_id not in sent:
            written.setdefault(kind, []).append(record_id)
    for kind, ids in written.items():
        chosen.add(kind, f"t.id {_IN}", _ids(ids))


def erased_ids(database: Database) -> list[str]:
    """Ids of records erased on this base (young people and what was about them)."""
    return [row[0] for row in database.connection.execute("SELECT id FROM erased_record")]


def anonymised_ids(database: Database) -> list[str]:
    """Ids of young people anonymised by a retention purge on this base."""
    return [row[0] for row in
            database.connection.execute("SELECT young_person_id FROM anonymised")]
