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


def _items(database: Database, rows: Iterable[tuple[str, dict[str, Any]]],
           known: dict[str, str] | None = None) -> list[Item]:
    """Bundle items of ``(kind, row)`` pairs (rows as ``model_dump(mode="json")``), each
    with its version clock (read here unless ``known`` has it); records without clock
    (derived) are left out."""
    unique = {str(row["id"]): (kind, row) for kind, row in rows}
    known = dict(known or {})
    known.update(_clocks(database, sorted(unique.keys() - known.keys())))
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
    rows = _dumped([
        *repos.service.all(include_deleted=True), *repos.sectors.all(include_deleted=True),
        *repos.staff.all(include_deleted=True), *repos.partners.all(include_deleted=True),
    ])
    if staff_id is not None:
        rows += _educator_rows(database, str(staff_id))
    known: dict[str, str] = {}
    if device_id is not None:
        sent = {str(row["id"]) for _kind, row in rows}
        known, written = _clocks_and_written(database, sorted(sent), device_id)
        rows += _dumped(record for record in _fetch(database, (
            (record_id, kind) for record_id, kind in written if record_id not in sent
            and kind not in ("service", "sector", "staff_member", "partner"))))
    return _items(database, rows + _marks_about(database, rows), known)


def _educator_rows(database: Database, staff: str) -> list[tuple[str, dict[str, Any]]]:
    """Every record an educator works with (see :func:`need_to_know`), tombstones
    included, as bundle rows; read through indexes, never by going through every record
    of a kind: the time entries derived from a session or an intervention say who was
    there."""
    repos, connection = database.repos, database.connection
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
    support_ids = {row[0] for row in connection.execute(
        "SELECT id FROM individual_support WHERE referent_id = ?", (staff,))}
    support_ids.update(_column_of(connection, "intervention", "support_id",
                                  took_part["intervention"]))
    listed = sorted(support_ids)
    supports = repos.supports.json_rows("id", listed)
    supported = sorted({s["young_person_id"] for s in supports})
    sessions = repos.field_sessions.json_rows("id", sorted(took_part["field_session"]))
    action_ids = sorted(_column_of(connection, "collective_action_session", "action_id",
                                   took_part["collective_action_session"]))
    actions = repos.collective_actions.json_rows("id", action_ids)
    young = set(supported) | {y for f in sessions for y in f["young_met_ids"]}
    young |= {p for a in actions for p in a["participant_ids"]}
    typed = [row[0] for row in connection.execute(
        "SELECT id FROM time_entry WHERE staff_id = ? AND source_id IS NULL", (staff,))]
    kinds: list[tuple[Repository[Any], list[dict[str, Any]]]] = [
        (repos.young_people, repos.young_people.json_rows("id", sorted(young))),
        (repos.identities, repos.identities.json_rows("young_person_id", supported)),
        (repos.supports, supports),
        (repos.interventions, repos.interventions.json_rows("support_id", listed)),
        (repos.referrals, repos.referrals.json_rows("support_id", listed)),
        (repos.concern_reports, repos.concern_reports.json_rows("young_person_id", supported)),
        (repos.field_sessions, sessions),
        (repos.collective_actions, actions),
        (repos.collective_sessions, repos.collective_sessions.json_rows("action_id", action_ids)),
        (repos.time_entries, repos.time_entries.json_rows("id", typed)),
    ]
    return [(repository.table, row) for repository, rows in kinds for row in rows]


def _column_of(connection: Any, table: str, column: str, ids: set[str]) -> set[str]:
    """``column`` of the rows of ``table`` with these ids, 500 ids per query."""
    found: set[str] = set()
    listed = sorted(ids)
    for start in range(0, len(listed), 500):
        chunk = listed[start:start + 500]
        found.update(row[0] for row in connection.execute(
            f"SELECT {column} FROM {table} WHERE id IN ({','.join('?' * len(chunk))})", chunk))
    return found


def _marks_about(
    database: Database, rows: list[tuple[str, dict[str, Any]]]
) -> list[tuple[str, dict[str, Any]]]:
    """The « À vérifier » marks of lines about the records of ``rows`` (a subject starts
    with the id of the record, or of the staff member, it is about), as bundle rows: the
    chief's checks reach the laptops that hold those records, and no other."""
    sent = {str(row["id"]) for _kind, row in rows}
    return _dumped(mark for mark in database.repos.check_marks.all(include_deleted=True)
                   if mark.subject.split(":")[0] in sent)


def _clocks_and_written(
    database: Database, record_ids: list[str], device_id: str,
) -> tuple[dict[str, str], list[tuple[str, str]]]:
    """In one pass over the clocks, as finding what a laptop wrote needs one anyway: the
    clocks (JSON text) of ``record_ids``, and ``(id, kind)`` of every record the laptop
    ``device_id`` wrote, whose clocks are among the first."""
    # Clock keys are "<device id>.<opening>": every opening of that laptop's base.
    needle = f'"{device_id}.'
    known: dict[str, str] = {}
    written: list[tuple[str, str]] = []
    for record_id, kind, clock, by_laptop in database.connection.execute(
        "SELECT id, kind, clock, instr(clock, ?) > 0 FROM record_clock"
        " WHERE instr(clock, ?) > 0 OR id IN (SELECT value FROM json_each(?))",
        (needle, needle, orjson.dumps(record_ids).decode()),
    ):
        known[record_id] = clock
        if by_laptop:
            written.append((record_id, kind))
    return known, written


def erased_ids(database: Database) -> list[str]:
    """Ids of records erased on this base (young people and what was about them)."""
    return [row[0] for row in database.connection.execute("SELECT id FROM erased_record")]


def anonymised_ids(database: Database) -> list[str]:
    """Ids of young people anonymised by a retention purge on this base."""
    return [row[0] for row in
            database.connection.execute("SELECT young_person_id FROM anonymised")]
