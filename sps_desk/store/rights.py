"""Rights of a young person (GDPR art. 15–18 and 20; convention art. 9).

- access and portability: :func:`full_record` gathers everything held about one young
  person (the reports layer writes it as PDF and JSON);
- restriction: :func:`restrict` / :func:`lift_restriction` (frozen, out of statistics);
- erasure: :func:`erase` removes every row about the person and the identity, redacts
  every free text that names them and removes drafts and merge conflicts about them
  (:func:`preview_erasure` lists it all first), keeps a tombstone with the id only (so
  that a later merge of a laptop cannot bring the person back), overwrites freed space
  (``secure_delete``), vacuums and checkpoints the WAL;
- the erasure register: :func:`erasure_register` / :func:`apply_erasure_register`
  (ids and dates only), which a restore re-applies to an older copy.

Every action is audited with the record id only.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, Literal

from sps_desk.errors import SpsDeskError
from sps_desk.folding import Needles
from sps_desk.records import YoungPerson
from sps_desk.store.database import Database
from sps_desk.store.redaction import Scrub, scrub

_REPLACED_CODES = ("effacé-", "anonyme-")
"""Prefixes of the codes an erasure and a purge give: they name nobody."""


class UnknownYoungPerson(SpsDeskError):
    """No live young person has this code."""

    def __init__(self) -> None:
        super().__init__(
            "Aucun jeune n'a ce code dans la base : vérifiez le code (il figure sur sa "
            "fiche). Rien n'a été modifié."
        )


def find(database: Database, code: str) -> YoungPerson:
    """The live young person with ``code``, typed as a person types it: case, spaces and
    dashes ignored (« jy2afrv » finds « J-Y2AFRV »); a code typed exactly wins over one
    that only matches without its dashes.

    Raises:
        UnknownYoungPerson: none.
    """
    exact, loose = code.strip().casefold(), _loose(code)
    people = database.repos.young_people.all()
    for person in people:
        if person.code.casefold() == exact:
            return person
    for person in people:
        if loose and _loose(person.code) == loose:
            return person
    raise UnknownYoungPerson()


def _loose(code: str) -> str:
    return "".join(c for c in code.casefold() if not c.isspace() and c not in "-‐‑–—")


def _dump(record: Any) -> dict[str, Any]:
    data: dict[str, Any] = record.model_dump(mode="json")
    return data


def full_record(database: Database, person: YoungPerson) -> dict[str, Any]:
    """Everything held about ``person``, as JSON-ready data (the portability format).

    Keys: ``young_person``, ``identity`` (or ``None``), ``restricted`` (bool),
    ``supports`` (each with its ``interventions`` and ``referrals``), ``concern_reports``,
    ``field_sessions`` (dates where the person was met), ``collective_actions``.
    """
    repos = database.repos
    identity = repos.identities.for_young_person(person.id)
    supports = []
    for support in repos.supports.for_young_person(person.id):
        item = _dump(support)
        item["interventions"] = [_dump(i) for i in repos.interventions.for_support(support.id)]
        item["referrals"] = [_dump(r) for r in repos.referrals.all() if r.support_id == support.id]
        supports.append(item)
    return {
        "format": "sps-desk-rights-export",
        "version": 1,
        "exported_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "young_person": _dump(person),
        "identity": None if identity is None else _dump(identity),
        "restricted": is_restricted(database, person.id),
        "supports": supports,
        "concern_reports": [
            _dump(c) for c in repos.concern_reports.all() if c.young_person_id == person.id
        ],
        "field_sessions": [
            {"id": str(s.id), "date": s.date.isoformat(), "session_kind": s.session_kind.value}
            for s in repos.field_sessions.all() if person.id in s.young_met_ids
        ],
        "collective_actions": [
            {"id": str(a.id), "title": a.title, "type": a.type.value}
            for a in repos.collective_actions.all() if person.id in a.participant_ids
        ],
    }


def is_restricted(database: Database, young_person_id: uuid.UUID) -> bool:
    """Whether processing of this young person is restricted (art. 18)."""
    row = database.connection.execute(
        "SELECT 1 FROM restriction WHERE young_person_id = ?", (str(young_person_id),)
    ).fetchone()
    return row is not None


def restricted_ids(database: Database) -> set[uuid.UUID]:
    """Ids of every restricted young person (left out of statistics)."""
    rows = database.connection.execute("SELECT young_person_id FROM restriction").fetchall()
    return {uuid.UUID(r[0]) for r in rows}


def restrict(database: Database, person: YoungPerson) -> None:
    """Restrict processing: the record is frozen and left out of statistics (audited)."""
    with database.transaction() as connection:
        connection.execute(
            "INSERT OR IGNORE INTO restriction(young_person_id, restricted_at) VALUES (?, ?)",
            (str(person.id), datetime.now(UTC).isoformat()),
        )
        database.audit("restriction", record_id=person.id)


def lift_restriction(database: Database, person: YoungPerson) -> None:
    """End a restriction (audited)."""
    with database.transaction() as connection:
        connection.execute("DELETE FROM restriction WHERE young_person_id = ?", (str(person.id),))
        database.audit("restriction_lifted", record_id=person.id)


@dataclass(frozen=True)
class Erased:
    """What an erasure removes or removed (counts and places, no personal data):
    records deleted, sessions and actions the person is taken out of, and the free
    texts, drafts and conflicts cleaned (:class:`~sps_desk.store.redaction.Scrub`)."""

    supports: int
    interventions: int
    referrals: int
    concern_reports: int
    field_sessions_updated: int
    collective_actions_updated: int
    scrub: Scrub = field(default_factory=Scrub)

    def lines(self) -> list[str]:
        """French lines for the confirmation: counts, then each redaction and draft."""
        lines = [
            f"{self.supports} accompagnement(s), {self.interventions} intervention(s), "
            f"{self.referrals} orientation(s), {self.concern_reports} information(s) "
            "préoccupante(s) : supprimés, avec l'identité et le code",
            f"retiré(e) de {self.field_sessions_updated} sortie(s) de terrain et de "
            f"{self.collective_actions_updated} action(s) collective(s)",
        ]
        redactions = self.scrub.lines()
        if redactions:
            lines.append(f"{len(self.scrub.redactions)} texte(s) libre(s) où le jeune est "
                         "nommé, remplacé(s) par « [effacé] » :")
            lines += [f"  {line}" for line in redactions]
        else:
            lines.append("aucun texte libre ne le nomme")
        return lines


def person_needles(database: Database, young_person_ids: Iterable[str]) -> Needles:
    """What names these young people in free text: their code and nickname and their
    identity (last and first names, phone, address), from their rows and from the
    versions kept by merge conflicts (a rectification on two laptops keeps both)."""
    ids = sorted({str(i) for i in young_person_ids})
    if not ids:
        return Needles()
    marks = ",".join("?" * len(ids))
    connection = database.connection
    young: list[dict[str, Any]] = [
        {"code": r[0], "nickname": r[1]} for r in connection.execute(
            f"SELECT code, nickname FROM young_person WHERE id IN ({marks})", ids)]
    identities: list[dict[str, Any]] = [
        {"last_name": r[0], "first_name": r[1], "address": r[2], "phone": r[3]}
        for r in connection.execute(
            "SELECT last_name, first_name, address, phone FROM identity "
            f"WHERE young_person_id IN ({marks})", ids)]
    wanted = set(ids)
    for kind, text in connection.execute(
            "SELECT kind, versions FROM merge_conflict "
            "WHERE kind IN ('young_person', 'identity')"):
        for version in json.loads(text):
            row = version["row"]
            if kind == "young_person" and str(row.get("id")) in wanted:
                young.append(row)
            elif kind == "identity" and str(row.get("young_person_id")) in wanted:
                identities.append(row)
    return needles_of(young, identities)


def needles_of(young: Iterable[dict[str, Any]], identities: Iterable[dict[str, Any]]) -> Needles:
    """Needles from young people's rows (code, nickname) and identity rows (names,
    phone, address), as JSON-ready dicts. A code already replaced by an erasure or a
    purge names nobody and is left out."""
    labels = [str(row.get(key) or "") for row in young for key in ("code", "nickname")
              if not str(row.get(key) or "").startswith(_REPLACED_CODES)]
    identities = list(identities)
    return Needles.build(
        names=[str(row.get(key) or "") for row in identities
               for key in ("last_name", "first_name")],
        labels=labels,
        phones=[str(row.get("phone") or "") for row in identities],
        addresses=[str(row.get("address") or "") for row in identities],
    )


def _ids(connection: Any, sql: str, params: Iterable[str]) -> list[str]:
    return [row[0] for row in connection.execute(sql, tuple(params))]


@dataclass(frozen=True)
class _Rows:
    """The ids of one young person's own records."""

    supports: list[str]
    interventions: list[str]
    referrals: list[str]
    concerns: list[str]
    sessions: list[str]
    actions: list[str]

    @classmethod
    def of(cls, connection: Any, person_id: str) -> _Rows:
        supports = _ids(connection, "SELECT id FROM individual_support WHERE "
                        "young_person_id = ?", [person_id])
        marks = ",".join("?" * len(supports))
        return cls(
            supports,
            _ids(connection, f"SELECT id FROM intervention WHERE support_id IN ({marks})",
                 supports),
            _ids(connection, f"SELECT id FROM referral WHERE support_id IN ({marks})",
                 supports),
            _ids(connection, "SELECT id FROM concern_report WHERE young_person_id = ?",
                 [person_id]),
            _ids(connection, "SELECT id FROM field_session WHERE young_met_ids LIKE ?",
                 [f"%{person_id}%"]),
            _ids(connection, "SELECT id FROM collective_action WHERE participant_ids LIKE ?",
                 [f"%{person_id}%"]),
        )

    def removed(self, person_id: str) -> frozenset[str]:
        return frozenset({person_id, *self.supports, *self.interventions, *self.referrals,
                          *self.concerns})


def preview_erasure(database: Database, person: YoungPerson) -> Erased:
    """What :func:`erase` would do to ``person``, writing nothing: the same counts and
    the same list of redactions (kind, field, date), to show before confirming."""
    person_id = str(person.id)
    rows = _Rows.of(database.connection, person_id)
    found = scrub(database, person_needles(database, [person_id]), frozenset({person_id}),
                  rows.removed(person_id), write=False)
    return Erased(len(rows.supports), len(rows.interventions), len(rows.referrals),
                  len(rows.concerns), len(rows.sessions), len(rows.actions), found)


def erase(database: Database, person: YoungPerson) -> Erased:
    """Erase ``person`` (art. 17): every row about them, their identity, their code, and
    every trace in free texts, drafts and merge conflicts (see :func:`erase_rows`).

    Freed pages are overwritten, the file vacuumed and the WAL emptied, so the erased
    data is in no file afterwards. Audited with the id and counts only.
    """
    with database.transaction():
        erased = erase_rows(database, person.id)
        database.audit("erasure", record_id=person.id,
                       detail=f"{erased.supports} accompagnement(s), "
                              f"{erased.interventions} intervention(s), "
                              f"{len(erased.scrub.redactions)} texte(s) caviardé(s), "
                              f"{len(erased.scrub.drafts)} brouillon(s)")
    compact(database)
    return erased


def compact(database: Database) -> None:
    """Rewrite the file without free pages, then empty the WAL: deleted rows are in no
    file afterwards (``secure_delete`` already overwrote them in place). Outside any
    transaction."""
    connection = database.connection
    connection.execute("VACUUM")
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def erase_rows(
    database: Database, young_person_id: uuid.UUID, extra: Needles | None = None,
) -> Erased:
    """The rows part of :func:`erase`, inside the caller's transaction, without audit or
    VACUUM (a merge applies an erasure made on another device this way, then vacuums).

    Supports, interventions, referrals and concern reports are deleted; the person is
    removed from field sessions' and collective actions' lists; staff time derived from
    the interventions is kept (it is the team's work) but loses its link. Free texts
    naming them (their names, code, nickname, phone, address, and ``extra``: what a
    bundle being merged said of them) are redacted, drafts mentioning them removed and
    merge conflicts cleaned (:func:`sps_desk.store.redaction.scrub`). The
    ``young_person`` row becomes a tombstone holding only the id. The id and those of
    the removed records are recorded in ``erased_record`` even when this base never held
    the person, so that no later bundle brings them back.
    """
    person_id = str(young_person_id)
    now = datetime.now(UTC).isoformat()
    with database.transaction() as connection:
        rows = _Rows.of(connection, person_id)
        needles = person_needles(database, [person_id])
        if extra is not None:
            needles = needles | extra
        scrubbed = scrub(database, needles, frozenset({person_id}), rows.removed(person_id),
                         write=True)
        _delete_records(connection, rows.supports, rows.interventions, rows.referrals,
                        rows.concerns, now)
        connection.execute("DELETE FROM identity WHERE young_person_id = ?", (person_id,))
        connection.execute("DELETE FROM restriction WHERE young_person_id = ?", (person_id,))
        sessions = _remove_from_json_lists(connection, "field_session", "young_met_ids",
                                           person_id)
        actions = _remove_from_json_lists(connection, "collective_action", "participant_ids",
                                          person_id)
        # Never merged back from a laptop that still holds them (issue 7).
        connection.executemany(
            "INSERT OR IGNORE INTO erased_record(id, erased_at) VALUES (?, ?)",
            [(record_id, now) for record_id in sorted(rows.removed(person_id))])
        connection.execute(
            "UPDATE young_person SET code = ?, nickname = '', sex = 'not_stated', "
            "birth_date = NULL, birth_date_precision = 'exact', sector_id = NULL, "
            "situation = 'unknown', in_child_welfare_care = NULL, updated_at = ?, "
            "deleted_at = ? WHERE id = ?",
            (f"{_REPLACED_CODES[0]}{uuid.uuid4().hex[:12]}", now, now, person_id),
        )
    return Erased(len(rows.supports), len(rows.interventions), len(rows.referrals),
                  len(rows.concerns), sessions, actions, scrubbed)


def _remove_from_json_lists(
    connection: Any, table: str, column: str, person_id: str
) -> int:
    # Table and column names are constants of this module, never user input.
    rows = connection.execute(
        f"SELECT id, {column} FROM {table} WHERE {column} LIKE ?", (f"%{person_id}%",)
    ).fetchall()
    for row_id, text in rows:
        kept = [value for value in json.loads(text) if value != person_id]
        connection.execute(
            f"UPDATE {table} SET {column} = ?, updated_at = ? WHERE id = ?",
            (json.dumps(kept), datetime.now(UTC).isoformat(), row_id),
        )
    return len(rows)


def _delete_records(connection: Any, supports: list[str], interventions: list[str],
                    referrals: list[str], concerns: list[str], now: str) -> int:
    """Delete these records (children first), unlinking the staff time derived from the
    interventions; returns how many rows went."""
    def marks(ids: list[str]) -> str:
        return ",".join("?" * len(ids))

    connection.execute(
        f"UPDATE time_entry SET source_kind = NULL, source_id = NULL, updated_at = ? "
        f"WHERE source_id IN ({marks(interventions)})", (now, *interventions))
    removed = 0
    for table, ids in (("intervention", interventions), ("referral", referrals),
                       ("concern_report", concerns), ("individual_support", supports)):
        removed += connection.execute(
            f"DELETE FROM {table} WHERE id IN ({marks(ids)})", ids).rowcount
    return removed


@dataclass(frozen=True)
class ErasedEntry:
    """One line of the erasure register (ids and dates only): a record erased (a young
    person, or one of their supports, interventions, referrals, concern reports), a
    young person anonymised by a retention purge, or a laptop revoked by the chief;
    ``at`` is when, in UTC (ISO 8601)."""

    kind: Literal["erased", "anonymised", "revoked_device"]
    record_id: str
    at: str


def erasure_register(database: Database) -> list[ErasedEntry]:
    """Every erasure, anonymisation and laptop revocation this base knows, oldest first.

    What a restore re-applies to an older copy (:func:`apply_erasure_register`), so that
    a backup taken before an erasure never brings the person back.
    """
    connection = database.connection
    entries = [ErasedEntry("erased", r[0], r[1]) for r in connection.execute(
        "SELECT id, erased_at FROM erased_record")]
    entries += [ErasedEntry("anonymised", r[0], r[1]) for r in connection.execute(
        "SELECT young_person_id, anonymised_at FROM anonymised")]
    entries += [ErasedEntry("revoked_device", r[0], r[1]) for r in connection.execute(
        "SELECT device_id, revoked_at FROM revoked_device")]
    return sorted(entries, key=lambda e: (e.at, e.kind, e.record_id))


def apply_erasure_register(database: Database, entries: Iterable[ErasedEntry]) -> int:
    """Erase again, on this base, whatever ``entries`` name (a register read from
    another copy of the same service's base, typically the one a restore replaces).

    A young person erased there and still present here is erased as :func:`erase` does
    (free texts, drafts and conflicts included); any other erased record still here is
    deleted; a young person anonymised there is anonymised here
    (``retention.anonymise``); a revoked laptop is revoked here. Every entry joins this
    base's register. Returns how many records were removed or anonymised (0: nothing
    was left to erase). Audited with counts only; vacuums when something went.
    """
    from sps_desk.store.retention import anonymise

    entries = list(entries)
    connection = database.connection
    removed = 0
    with database.transaction():
        known = {row[0] for row in connection.execute("SELECT id FROM erased_record")}
        erased = {e.record_id: e.at for e in entries if e.kind == "erased"}
        young = [i for i in sorted(erased) if i not in known and connection.execute(
            "SELECT 1 FROM young_person WHERE id = ?", (i,)).fetchone()]
        for person_id in young:
            result = erase_rows(database, uuid.UUID(person_id))
            removed += 1 + result.supports + result.interventions + result.referrals \
                + result.concern_reports
        left = [i for i in sorted(erased) if i not in young]
        removed += _delete_records(
            connection, *(_ids(connection, f"SELECT id FROM {table} WHERE id IN "
                                           f"({','.join('?' * len(left))})", left)
                          for table in ("individual_support", "intervention", "referral",
                                        "concern_report")),
            datetime.now(UTC).isoformat())
        connection.executemany(
            "INSERT OR IGNORE INTO erased_record(id, erased_at) VALUES (?, ?)",
            sorted(erased.items()))
        done = {row[0] for row in connection.execute("SELECT young_person_id FROM anonymised")}
        due = [e for e in entries if e.kind == "anonymised" and e.record_id not in done
               and connection.execute("SELECT 1 FROM young_person WHERE id = ? AND code "
                                      "NOT LIKE 'effacé-%'", (e.record_id,)).fetchone()]
        if due:
            anonymise(database, [e.record_id for e in due], write=True)
            removed += len(due)
        connection.executemany(
            "INSERT OR IGNORE INTO revoked_device(device_id, revoked_at) VALUES (?, ?)",
            [(e.record_id, e.at) for e in entries if e.kind == "revoked_device"])
        if removed:
            database.audit("erasure_register_applied", detail=f"{removed} enregistrement(s)")
    if removed:
        compact(database)
    return removed


def reveal_identity(database: Database, young_person_id: uuid.UUID) -> Any:
    """The identity of one young person, for display; every reveal is audited (id only).

    Returns the ``Identity`` record, or ``None`` when none was recorded.
    """
    identity = database.repos.identities.for_young_person(young_person_id)
    database.audit("identity_revealed", record_id=young_person_id)
    return identity


def rectify_identity(database: Database, identity: Any) -> Any:
    """Save a corrected identity (GDPR art. 16) and audit the rectification (id only).

    Returns the saved ``Identity``. Raises ``pydantic.ValidationError`` for bad values
    (nothing is saved then).
    """
    with database.transaction():
        saved = database.repos.identities.save(identity)
        database.audit("rectification", record_id=identity.young_person_id,
                       detail="identité")
    return saved
