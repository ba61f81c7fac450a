"""Conflicts left by a merge: two laptops changed the same record since they last
exchanged it. The chief chooses the version to keep; nothing was overwritten meanwhile."""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sps_desk.records import Record
from sps_desk.store.sync.bundle import MODELS
from sps_desk.store.sync.selection import repository
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


def open_conflicts(database: Database) -> list[Conflict]:
    """The conflicts the chief still has to resolve, by kind then id."""
    found = []
    for record_id, kind, text in database.connection.execute(
            "SELECT id, kind, versions FROM merge_conflict ORDER BY kind, id"):
        versions = [Version.from_json(v) for v in json.loads(text)]
        if is_real_conflict(versions):
            found.append(Conflict(kind, uuid.UUID(record_id), versions))
    return found


def resolve(database: Database, conflict: Conflict, keep: int) -> Record:
    """Keep version number ``keep`` (0-based, in :attr:`Conflict.versions` order): it is
    saved as a new write of this base, which every laptop will then receive, and the
    conflict is closed. Chief only; audited (id only).

    Raises:
        users.ChiefOnly: an educator unlocked the base.
        IndexError: ``keep`` is not a version number.
    """
    database.require_chief("trancher un conflit de fusion")
    chosen = MODELS[conflict.kind].model_validate(conflict.versions[keep].row)
    with database.transaction() as connection:
        saved = repository(database, conflict.kind).save(chosen)
        connection.execute("DELETE FROM merge_conflict WHERE id = ?", (str(conflict.record_id),))
        database.audit("conflict_resolved", record_id=conflict.record_id,
                       detail=f"version {keep + 1}")
    return saved
