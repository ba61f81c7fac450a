"""Conflicts left by a merge: two laptops changed the same record since they last
exchanged it. The chief chooses the version to keep; nothing was overwritten meanwhile.
No version can bring back a young person erased or anonymised since (issue 14)."""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sps_desk.records import Record
from sps_desk.store.redaction import YOUNG_LISTS
from sps_desk.store.sync.bundle import MODELS
from sps_desk.store.sync.errors import SyncError
from sps_desk.store.sync.selection import anonymised_ids, erased_ids, repository
from sps_desk.versions import Version, is_real_conflict

if TYPE_CHECKING:
    from sps_desk.store.database import Database


@dataclass(frozen=True)
class Conflict:
    """One record with concurrent versions (at least two, different in content), in a
    fixed order; ``records`` are the versions as records, for display."""

    kind: str
    record_id: uuid.UUID
    versions: list[Version]

    @property
    def records(self) -> list[Record]:
        """Each version validated as its record kind."""
        model = MODELS[self.kind]
        return [model.model_validate(v.row) for v in self.versions]


class ErasedConflict(SyncError):
    """A conflict no longer open, or about a young person erased or anonymised since:
    nothing to choose."""

    def __init__(self) -> None:
        super().__init__("Ce conflit n'est plus à trancher (il concerne un jeune effacé ou "
                         "anonymisé depuis, ou il a déjà été tranché) : aucune de ses "
                         "versions ne peut être gardée. Rien n'a été modifié.")


def _gone(database: Database, kind: str, row: dict[str, Any]) -> bool:
    """Whether a version is about a young person erased, or is the identity of one
    anonymised by a purge: keeping it would bring them back."""
    connection = database.connection
    ids = [str(row.get(key)) for key in ("id", "young_person_id", "support_id") if row.get(key)]
    marks = ",".join("?" * len(ids))
    if connection.execute(f"SELECT 1 FROM erased_record WHERE id IN ({marks})",
                          ids).fetchone():
        return True
    return kind == "identity" and connection.execute(
        "SELECT 1 FROM anonymised WHERE young_person_id = ?",
        (str(row.get("young_person_id")),)).fetchone() is not None


def open_conflicts(database: Database) -> list[Conflict]:
    """The conflicts the chief still has to resolve, by kind then id (never one about
    a young person erased or anonymised since)."""
    found = []
    for record_id, kind, text in database.connection.execute(
            "SELECT id, kind, versions FROM merge_conflict ORDER BY kind, id").fetchall():
        versions = [Version.from_json(v) for v in json.loads(text)]
        if is_real_conflict(versions) and not any(_gone(database, kind, v.row)
                                                  for v in versions):
            found.append(Conflict(kind, uuid.UUID(record_id), versions))
    return found


def resolve(database: Database, conflict: Conflict, keep: int) -> Record:
    """Keep version number ``keep`` (0-based, in :attr:`Conflict.versions` order): it is
    saved as a new write of this base, which every laptop will then receive, and the
    conflict is closed. Chief only; audited (id only).

    The versions are read again from the base (``conflict`` may have been listed before
    an erasure or a purge cleaned them). A conflict can never bring back what an erasure
    or a purge removed: one about an erased young person, or about the identity of an
    anonymised one, is refused; a young person anonymised since keeps their anonymous
    code; erased people are left out of the lists of people met.

    Raises:
        users.ChiefOnly: an educator unlocked the base.
        IndexError: ``keep`` is not a version number.
        ErasedConflict: the conflict is about a young person erased or anonymised since,
            or is no longer open.
    """
    database.require_chief("trancher un conflit de fusion")
    stored = database.connection.execute(
        "SELECT versions FROM merge_conflict WHERE id = ?", (str(conflict.record_id),)
    ).fetchone()
    if stored is None or any(_gone(database, conflict.kind, v.row) for v in conflict.versions):
        raise ErasedConflict()
    version = [Version.from_json(v) for v in json.loads(stored[0])][keep]
    if any(_gone(database, conflict.kind, v.row) for v in conflict.versions):
        raise ErasedConflict()
    row = dict(version.row)
    current = repository(database, conflict.kind).get(conflict.record_id, include_deleted=True)
    if conflict.kind == "young_person" and current is not None and \
            str(conflict.record_id) in anonymised_ids(database):
        row.update(code=current.code, nickname=current.nickname)  # type: ignore[attr-defined]
    column = YOUNG_LISTS.get(conflict.kind)
    if column:
        erased = set(erased_ids(database))
        row[column] = [i for i in row[column] if str(i) not in erased]
    chosen = MODELS[conflict.kind].model_validate(row)
    with database.transaction() as connection:
        saved = repository(database, conflict.kind).save(chosen)
        connection.execute("DELETE FROM merge_conflict WHERE id = ?", (str(conflict.record_id),))
        database.audit("conflict_resolved", record_id=conflict.record_id,
                       detail=f"version {keep + 1}")
    return saved
