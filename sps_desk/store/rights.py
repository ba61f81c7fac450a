"""Rights of a young person (GDPR art. 15–18 and 20; convention art. 9).

- access and portability: :func:`full_record` gathers everything held about one young
  person (the reports layer writes it as PDF and JSON);
- restriction: :func:`restrict` / :func:`lift_restriction` (frozen, out of statistics);
- erasure: :func:`erase` removes every row about the person and the identity, keeps a
  tombstone with the id only (so that a later merge of a laptop cannot bring the person
  back), overwrites freed space (``secure_delete``), vacuums and checkpoints the WAL.

Every action is audited with the record id only.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sps_desk.errors import SpsDeskError
from sps_desk.records import YoungPerson
from sps_desk.store.database import Database


class UnknownYoungPerson(SpsDeskError):
    """No live young person has this code."""

    def __init__(self) -> None:
        super().__init__(
            "Aucun jeune n'a ce code dans la base : vérifiez le code (il figure sur sa "
            "fiche). Rien n'a été modifié."
        )


def find(database: Database, code: str) -> YoungPerson:
    """The live young person with ``code`` (case and surrounding spaces ignored).

    Raises:
        UnknownYoungPerson: none.
    """
    wanted = code.strip().casefold()
    for person in database.repos.young_people.all():
        if person.code.casefold() == wanted:
            return person
    raise UnknownYoungPerson()


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
    """Counts of what an erasure removed (no personal data)."""

    supports: int
    interventions: int
    referrals: int
    concern_reports: int
    field_sessions_updated: int
    collective_actions_updated: int


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


def erase(database: Database, person: YoungPerson) -> Erased:
    """Erase ``person`` (art. 17): every row about them, their identity, their code.

    Supports, interventions, referrals and concern reports are deleted; the person is
    removed from field sessions' and collective actions' lists; staff time derived from
    the interventions is kept (it is the team's work) but loses its link. The
    ``young_person`` row becomes a tombstone holding only the id (code replaced, nothing
    else kept). Freed pages are overwritten, the file vacuumed and the WAL emptied, so
    the erased data is in no file afterwards. Audited with the id only.
    """
    with database.transaction():
        erased = erase_rows(database, person.id)
        database.audit("erasure", record_id=person.id,
                       detail=f"{erased.supports} accompagnement(s), "
                              f"{erased.interventions} intervention(s)")
    # Outside the transaction: rewrite the file without free pages, then empty the WAL.
    connection = database.connection
    connection.execute("VACUUM")
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return erased


def erase_rows(database: Database, young_person_id: uuid.UUID) -> Erased:
    """The rows part of :func:`erase`, inside the caller's transaction, without audit or
    VACUUM (a merge applies an erasure made on another device this way, then vacuums).

    The id is recorded in ``erased_record`` even when this base never held the person, so
    that no later bundle brings them back.
    """
    person_id = str(young_person_id)
    now = datetime.now(UTC).isoformat()
    with database.transaction() as connection:
        support_ids = [r[0] for r in connection.execute(
            "SELECT id FROM individual_support WHERE young_person_id = ?", (person_id,))]
        marks = ",".join("?" * len(support_ids))
        intervention_ids = [r[0] for r in connection.execute(
            f"SELECT id FROM intervention WHERE support_id IN ({marks})", support_ids)]
        imarks = ",".join("?" * len(intervention_ids))
        referral_ids = [r[0] for r in connection.execute(
            f"SELECT id FROM referral WHERE support_id IN ({marks})", support_ids)]
        concern_ids = [r[0] for r in connection.execute(
            "SELECT id FROM concern_report WHERE young_person_id = ?", (person_id,))]
        connection.execute(
            f"UPDATE time_entry SET source_kind = NULL, source_id = NULL, updated_at = ? "
            f"WHERE source_id IN ({imarks})", (now, *intervention_ids))
        interventions = connection.execute(
            f"DELETE FROM intervention WHERE support_id IN ({marks})", support_ids).rowcount
        referrals = connection.execute(
            f"DELETE FROM referral WHERE support_id IN ({marks})", support_ids).rowcount
        supports = connection.execute(
            "DELETE FROM individual_support WHERE young_person_id = ?", (person_id,)).rowcount
        concerns = connection.execute(
            "DELETE FROM concern_report WHERE young_person_id = ?", (person_id,)).rowcount
        connection.execute("DELETE FROM identity WHERE young_person_id = ?", (person_id,))
        connection.execute("DELETE FROM restriction WHERE young_person_id = ?", (person_id,))
        sessions = _remove_from_json_lists(connection, "field_session", "young_met_ids",
                                           person_id)
        actions = _remove_from_json_lists(connection, "collective_action", "participant_ids",
                                          person_id)
        # Never merged back from a laptop that still holds them (issue 7).
        connection.executemany(
            "INSERT OR IGNORE INTO erased_record(id, erased_at) VALUES (?, ?)",
            [(record_id, now) for record_id in
             (person_id, *support_ids, *intervention_ids, *referral_ids, *concern_ids)])
        connection.execute(
            "UPDATE young_person SET code = ?, nickname = '', sex = 'not_stated', "
            "birth_date = NULL, birth_date_precision = 'exact', sector_id = NULL, "
            "situation = 'unknown', in_child_welfare_care = NULL, updated_at = ?, "
            "deleted_at = ? WHERE id = ?",
            (f"effacé-{uuid.uuid4().hex[:12]}", now, now, person_id),
        )
    return Erased(supports, interventions, referrals, concerns, sessions, actions)


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
