"""What an erasure or a purge does to free texts, form drafts and merge conflicts.

A young person erased (GDPR art. 17) or anonymised by a retention purge must not
survive in a note that names them: every free text of every record kind
(:data:`FREE_TEXTS`, tombstones included) is searched for their names, code, nickname,
phone and address with :mod:`sps_desk.folding`, and each match is replaced by
« [effacé] »; the form drafts that mention them are removed; the versions kept by a
merge conflict are cleaned the same way, and a conflict about their own records is
removed, so that resolving it can never bring them back.

:func:`scrub` first lists what it would change (record kind, field and date, never the
value: the list is shown before the user confirms), then writes it when asked, inside
the caller's transaction. A redaction is a write like any other (the laptops receive
it), remembered in ``erasure_redaction`` (record id, field, the write's clock key and
count: no value) so that the chief's base never takes back the unredacted text from a
laptop that had not seen that write (see ``store/sync/merge.py``).
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from pydantic import ValidationError
from pydantic.fields import FieldInfo

from sps_desk.folding import Needles, redact
from sps_desk.records import KIND_LABELS, RECORD_KINDS, Record, field_label, utc_now
from sps_desk.store import clocks
from sps_desk.store.repositories import Repository
from sps_desk.versions import Version, is_real_conflict

if TYPE_CHECKING:
    from sps_desk.store.database import Database

FREE_TEXTS: dict[str, tuple[str, ...]] = {
    "field_session": ("observation",),
    "collective_action": ("title",),
    "report_sections": ("highlights", "quality", "outlook"),
    "partner": ("name",),
    "young_person": ("nickname",),
}
"""Free texts an educator or the chief types, by record kind. Partners are included
because families and relatives are recorded as partners (« Famille … »); other young
people's nicknames because a nickname may name someone (« frère de … »). The service,
sectors and staff are left out: they name the team and its territory, not the people
met, and a match there (a commune named after a saint) is not about the person."""

YOUNG_LISTS = {"field_session": "young_met_ids", "collective_action": "participant_ids"}
"""Lists of young people's ids in records about several people."""

_DATED = {"field_session": "date", "report_sections": "year"}
_PARIS = ZoneInfo("Europe/Paris")
_MODEL_FIELDS: dict[str, dict[str, FieldInfo]] = {
    model.kind: model.model_fields for model in RECORD_KINDS}


@dataclass(frozen=True)
class Redaction:
    """One free text to redact: the record's kind, id and field, its date (its own date,
    the report's year, else the day it was last written, local), and whether it is a
    version kept by a merge conflict. Never the value."""

    kind: str
    record_id: str
    field: str
    day: date | None = None
    year: int | None = None
    in_conflict: bool = False

    def describe(self) -> str:
        """A French line: « sortie de terrain du 12/03/2025 › observation »."""
        what = KIND_LABELS.get(self.kind, self.kind)
        if self.year is not None:
            where = f"{what} {self.year}"
        elif self.kind in _DATED and self.day is not None:
            where = f"{what} du {self.day:%d/%m/%Y}"
        elif self.day is not None:
            where = f"{what} (modifié le {self.day:%d/%m/%Y})"
        else:
            where = what
        line = f"{where} › {field_label(self.field)}"
        return f"version en conflit : {line}" if self.in_conflict else line


@dataclass(frozen=True)
class RemovedDraft:
    """A form draft that mentions the person, removed: the form's name and when it was
    last written (UTC)."""

    form: str
    saved_at: datetime

    def describe(self) -> str:
        """A French line naming the form and the local time of the draft."""
        label = KIND_LABELS.get(self.form, self.form)
        return (f"brouillon du formulaire « {label} » (enregistré le "
                f"{self.saved_at.astimezone(_PARIS):%d/%m/%Y à %H:%M}) : supprimé")


@dataclass
class Scrub:
    """What an erasure or a purge does beyond the person's own rows: free texts
    redacted, drafts removed, conflict rows removed (counts and places, no value)."""

    redactions: list[Redaction] = field(default_factory=list)
    drafts: list[RemovedDraft] = field(default_factory=list)
    conflicts_removed: int = 0

    def lines(self) -> list[str]:
        """French lines for people, one per redaction and per draft, then conflicts."""
        lines = [r.describe() for r in self.redactions] + [d.describe() for d in self.drafts]
        if self.conflicts_removed:
            lines.append(f"{self.conflicts_removed} conflit(s) de fusion le concernant : "
                         "supprimé(s)")
        return lines


def repositories(database: Database) -> dict[str, Repository[Record]]:
    """The repository of each record kind, by kind."""
    return {repo.table: repo for repo in vars(database.repos).values()
            if isinstance(repo, Repository)}


def _fit(info: FieldInfo, text: str) -> str:
    # A mark longer than a short name may push a text past its maximum length.
    for rule in info.metadata:
        limit = getattr(rule, "max_length", None)
        if limit is not None and len(text) > limit:
            return text[:limit - 1] + "…"
    return text


def redact_row(kind: str, row: dict[str, Any], needles: Needles,
               person_ids: frozenset[str] = frozenset()) -> dict[str, str]:
    """The free-text fields of ``row`` (a record of ``kind`` as JSON-ready data) that
    change once ``needles`` are redacted, with their new text; the people of
    ``person_ids`` are never redacted in their own row (their row is wiped apart)."""
    if kind == "young_person" and str(row.get("id")) in person_ids:
        return {}
    changed: dict[str, str] = {}
    for name in FREE_TEXTS.get(kind, ()):
        text = row.get(name)
        if isinstance(text, str) and text:
            redacted, count = redact(text, needles)
            if count:
                changed[name] = _fit(_MODEL_FIELDS[kind][name], redacted)
    return changed


def _when(kind: str, row: dict[str, Any]) -> tuple[date | None, int | None]:
    if kind == "report_sections":
        return None, int(row["year"])
    if kind in _DATED and row.get(_DATED[kind]):
        return date.fromisoformat(str(row[_DATED[kind]])), None
    stamp = row.get("updated_at")
    if stamp:
        return datetime.fromisoformat(str(stamp)).astimezone(_PARIS).date(), None
    return None, None


def _mentions(value: Any, needles: Needles, ids: frozenset[str]) -> bool:
    if isinstance(value, str):
        return any(i in value for i in ids) or bool(needles and redact(value, needles)[1])
    if isinstance(value, list):
        return any(_mentions(v, needles, ids) for v in value)
    if isinstance(value, dict):
        return any(_mentions(v, needles, ids) for v in value.values())
    return False


def _about(kind: str, row: dict[str, Any], removed: frozenset[str],
           persons: frozenset[str]) -> bool:
    """Whether a version is one of the removed records, or a child of one, or the
    person's own record or identity (the conflict is then dropped whole)."""
    if str(row.get("id")) in removed or any(
            str(row.get(parent)) in removed for parent in ("young_person_id", "support_id")):
        return True
    if kind == "young_person":
        return str(row.get("id")) in persons
    return kind == "identity" and str(row.get("young_person_id")) in persons


def scrub(
    database: Database, needles: Needles, person_ids: frozenset[str],
    removed_ids: frozenset[str] = frozenset(), *, write: bool,
) -> Scrub:
    """Find, and with ``write`` apply, what erasing or anonymising the young people
    ``person_ids`` does to free texts, drafts and merge conflicts.

    ``needles`` are their names, codes, nicknames, phones and addresses;
    ``removed_ids`` the ids of their records removed by the erasure (supports,
    interventions…). Free texts of every record of :data:`FREE_TEXTS` (tombstones too)
    are redacted; drafts that mention a needle or one of the ids are removed; conflict
    versions are redacted and cleared of the ids, and conflicts about their own records
    removed. Each redaction is a write of this base, which the other bases receive (on
    a laptop applying the chief's erasure, it also reaches the chief's base the texts
    it never received). Runs inside the caller's transaction; returns the same
    :class:`Scrub` with or without ``write``.
    """
    result = Scrub()
    connection = database.connection
    repos = repositories(database)
    ids = person_ids | removed_ids
    if needles:
        for kind, names in FREE_TEXTS.items():
            # Names are constants of this module, never user input.
            dated = _DATED.get(kind, "NULL")
            columns = ", ".join(f'"{n}"' for n in names)
            for values in connection.execute(
                    f'SELECT id, updated_at, {dated}, {columns} FROM "{kind}"').fetchall():
                row = {"id": values[0], "updated_at": values[1],
                       **dict(zip(names, values[3:], strict=True))}
                if kind in _DATED:
                    row[_DATED[kind]] = values[2]
                changed = redact_row(kind, row, needles, person_ids)
                if not changed:
                    continue
                day, year = _when(kind, row)
                result.redactions += [Redaction(kind, row["id"], name, day, year)
                                      for name in changed]
                if write:
                    _rewrite(database, repos[kind], row["id"], changed)
    _scrub_conflicts(database, needles, person_ids, removed_ids, result, write=write)
    for form, payload, saved_at in connection.execute(
            "SELECT form, payload, saved_at FROM form_draft ORDER BY form").fetchall():
        if _mentions(json.loads(payload), needles, ids):
            result.drafts.append(RemovedDraft(form, datetime.fromisoformat(saved_at)))
            if write:
                connection.execute("DELETE FROM form_draft WHERE form = ?", (form,))
    return result


def _rewrite(database: Database, repo: Repository[Record], record_id: str,
             changes: dict[str, str]) -> None:
    record = repo.get(uuid.UUID(record_id), include_deleted=True)
    if record is None:
        return
    stamped = {**dict(record), **changes, "updated_at": utc_now(),
               "device_id": database.device_id}
    try:
        updated = repo.model.model_validate(stamped)
    except ValidationError:
        # A row written by an older rule: the texts are replaced in place as they are.
        updated = repo.model.model_construct(**stamped)
    repo.put_merged(updated)
    connection = database.connection
    clocks.record_local_write(connection, repo.table, record_id, database.writer)
    count = (clocks.get(connection, record_id) or ({}, 0))[0].get(database.writer, 0)
    connection.executemany(
        "INSERT OR REPLACE INTO erasure_redaction(record_id, field, writer, count, "
        "redacted_at) VALUES (?, ?, ?, ?, ?)",
        [(record_id, name, database.writer, count, utc_now().isoformat())
         for name in changes])


def _scrub_conflicts(database: Database, needles: Needles, person_ids: frozenset[str],
                     removed_ids: frozenset[str], result: Scrub, *, write: bool) -> None:
    connection = database.connection
    for record_id, kind, text in connection.execute(
            "SELECT id, kind, versions FROM merge_conflict ORDER BY id").fetchall():
        versions = [Version.from_json(v) for v in json.loads(text)]
        if any(_about(kind, v.row, removed_ids, person_ids) for v in versions):
            result.conflicts_removed += 1
            if write:
                connection.execute("DELETE FROM merge_conflict WHERE id = ?", (record_id,))
            continue
        cleaned: list[Version] = []
        for version in versions:
            row = dict(version.row)
            column = YOUNG_LISTS.get(kind)
            if column and any(str(i) in person_ids for i in row.get(column, [])):
                row[column] = [i for i in row[column] if str(i) not in person_ids]
            changed = redact_row(kind, row, needles, person_ids) if needles else {}
            if changed:
                day, year = _when(kind, row)
                result.redactions += [Redaction(kind, record_id, name, day, year, True)
                                      for name in changed]
            cleaned.append(Version({**row, **changed}, version.clock))
        if not write or cleaned == versions:
            continue
        if is_real_conflict(cleaned):
            connection.execute(
                "UPDATE merge_conflict SET versions = ? WHERE id = ?",
                (json.dumps([v.to_json() for v in cleaned], sort_keys=True), record_id))
        else:
            # The versions now say the same thing: nothing left for the chief to choose.
            connection.execute("DELETE FROM merge_conflict WHERE id = ?", (record_id,))


def unseen_redactions(database: Database, record_id: str,
                         clock: dict[str, int]) -> list[str]:
    """Fields of ``record_id`` an erasure or a purge redacted on this base by a write
    that a version with ``clock`` has not seen: that version still holds the text from
    before the redaction, which must not come back."""
    rows = database.connection.execute(
        "SELECT field, writer, count FROM erasure_redaction WHERE record_id = ?",
        (record_id,)).fetchall()
    return sorted({name for name, writer, count in rows if clock.get(writer, 0) < count})

