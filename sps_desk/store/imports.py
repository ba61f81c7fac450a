"""Spreadsheet import into a base: preview against its records, then an all-or-nothing commit.

:func:`preview` reads the file, maps its columns, checks every row against the base's
professionals, partners, young people and actions (``sps_desk.tabular``) and sorts the
resulting records into new, updated and unchanged ones; it writes nothing. :func:`commit`
saves a clean preview through the repositories in one transaction — so records are
validated again and collective-action sessions derive their time entries — and audits
the import with counts only. A record that was deleted in the application (tombstone) is
left deleted: re-importing a file does not bring back what someone removed on purpose,
and an erased young person never comes back.
"""

from __future__ import annotations

import contextlib
import itertools
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from sps_desk.errors import SpsDeskError
from sps_desk.records import (
    CollectiveAction,
    CollectiveActionSession,
    IndividualSupport,
    Record,
    TimeEntry,
    YoungPerson,
)
from sps_desk.store.collector import collector_paused
from sps_desk.tabular.fields import FIELDS, ImportKind, Mapping, apply_overrides, auto_map
from sps_desk.tabular.plan import ImportPlan, References, RowError, prepare
from sps_desk.tabular.reading import Table, read_table

if TYPE_CHECKING:
    from sps_desk.store.database import Database
    from sps_desk.store.repositories import Repository

_UNSTAMPED = {"created_at", "updated_at", "device_id"}


class ImportRefused(SpsDeskError):
    """The file has bad rows: nothing was imported (the message names the first ones)."""


@dataclass
class ImportPreview:
    """A checked file, ready to show and, when :attr:`ok`, to commit.

    ``new``, ``updated``, ``unchanged`` and ``kept_deleted`` are lists of records of the
    plan (a record deleted in the application stays deleted and is not saved).
    """

    path: Path
    table: Table
    mapping: Mapping
    plan: ImportPlan
    new: list[Record] = field(default_factory=list)
    updated: list[Record] = field(default_factory=list)
    unchanged: list[Record] = field(default_factory=list)
    kept_deleted: list[Record] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """Whether the file can be imported (no bad row, no missing column)."""
        return not self.plan.errors

    @property
    def errors(self) -> list[RowError]:
        """Every bad row or cell, in row order."""
        return self.plan.errors

    def lines(self) -> list[str]:
        """The preview in French: column mapping, ignored columns, every bad row, unknown
        names with what to do, and the counts."""
        headers = self.table.headers
        out = [f"Fichier {self.path.name} : {self.plan.rows} ligne(s) de données, "
               f"import « {self.plan.kind.label} »."]
        for spec in FIELDS[self.plan.kind]:
            if spec.key in self.mapping:
                out.append(f"  colonne « {headers[self.mapping[spec.key]]} » → {spec.key}")
        if self.plan.ignored_columns:
            out.append("Colonnes ignorées : " + ", ".join(
                f"« {name} »" for name in self.plan.ignored_columns)
                + " (associez-les avec --map \"Colonne=champ\" si besoin).")
        out.extend(self.total_lines())
        out.extend(self.warning_lines())
        if self.errors:
            out.append(f"{len(self.errors)} erreur(s) :")
            out.extend(f"  {error}" for error in self.errors)
        out.extend(self.accepted_lines())
        for what, names in self.plan.unknown.items():
            out.append(f"{what.capitalize()} inconnus dans la base : "
                       + ", ".join(f"« {name} »" for name in names)
                       + ". Créez-les dans l'application (ou corrigez leur orthographe "
                       "dans le fichier), puis recommencez.")
        out.append("Aperçu : " + self.summary() + ".")
        return out

    def total_lines(self) -> list[str]:
        """French line naming the skipped « Total » rows, if any."""
        if not self.plan.total_rows:
            return []
        numbers = ", ".join(str(n) for n in self.plan.total_rows)
        return [f"Ligne(s) de total ignorée(s) : {numbers} (première cellule « Total »)."]

    def warning_lines(self) -> list[str]:
        """French lines of the rows to look at that do not stop the import (possible
        duplicates), if any."""
        if not self.plan.warnings:
            return []
        return ["À vérifier (l'import reste possible) :",
                *(f"  {warning}" for warning in self.plan.warnings)]

    def accepted_lines(self) -> list[str]:
        """One French line per list a cell did not match, with its accepted values."""
        return [f"Valeurs acceptées ({what}) : " + ", ".join(f"« {label} »" for label in labels)
                + " (ou le début d'une valeur)."
                for what, labels in self.plan.accepted.items()]

    def summary(self) -> str:
        """French counts: « 12 nouveaux, 3 mis à jour, 40 inchangés » and what they are."""
        counts: dict[str, list[int]] = {}
        for index, records in enumerate((self.new, self.updated, self.unchanged,
                                         self.kept_deleted)):
            for record in records:
                counts.setdefault(_NOUNS[type(record)], [0, 0, 0, 0])[index] += 1
        parts = []
        for noun, (new, updated, unchanged, deleted) in counts.items():
            text = f"{noun} : {new} nouveau(x), {updated} mis à jour, {unchanged} inchangé(s)"
            if deleted:
                text += f", {deleted} supprimé(s) dans l'application et laissé(s) supprimé(s)"
            parts.append(text)
        return " ; ".join(parts) if parts else "aucun enregistrement"


_NOUNS: dict[type[Record], str] = {
    TimeEntry: "saisies de temps",
    CollectiveAction: "actions collectives",
    CollectiveActionSession: "séances",
    YoungPerson: "jeunes",
    IndividualSupport: "accompagnements",
}


def references(database: Database) -> References:
    """The live records a file's names, codes and titles are matched against."""
    repos = database.repos
    young_people = repos.young_people.all(include_deleted=True)
    return References(
        staff=repos.staff.all(), partners=repos.partners.all(),
        young_people=[p for p in young_people if p.deleted_at is None],
        actions=repos.collective_actions.all(),
        sessions=repos.collective_sessions.all(), supports=repos.supports.all(),
        deleted_young_codes={p.code: p.id for p in young_people if p.deleted_at is not None},
    )


def _repository_of(database: Database, kind: type[Record]) -> Repository[Record]:
    repos = database.repos
    by_type: dict[type[Record], object] = {
        TimeEntry: repos.time_entries, CollectiveAction: repos.collective_actions,
        CollectiveActionSession: repos.collective_sessions, YoungPerson: repos.young_people,
        IndividualSupport: repos.supports,
    }
    return by_type[kind]  # type: ignore[return-value]


def _stored(database: Database, records: list[Record]) -> dict[tuple[type, object], Record]:
    """The base's version (tombstones included) of each of ``records`` that it holds, by
    (type, id): one query per 500 records rather than one per record."""
    ids: dict[type[Record], list[str]] = {}
    for record in records:
        ids.setdefault(type(record), []).append(str(record.id))
    return {(kind, found.id): found for kind, wanted in ids.items()
            for found in _repository_of(database, kind).with_ids(wanted)}


def check(database: Database, path: Path, table: Table, kind: ImportKind,
          mapping: Mapping) -> ImportPreview:
    """Preview an already read ``table`` with a given ``mapping`` (the window's step)."""
    with collector_paused():
        plan = prepare(kind, table, mapping, references(database))
        preview = ImportPreview(path, table, mapping, plan)
        stored = _stored(database, plan.records)
        deleted: set[object] = set()
        for record in plan.records:
            current = stored.get((type(record), record.id))
            # The sessions of a deleted action stay out with it.
            parent = record.action_id if isinstance(record, CollectiveActionSession) else None
            if (current is not None and current.deleted_at is not None) or parent in deleted:
                deleted.add(record.id)
                preview.kept_deleted.append(record)
            elif current is None:
                preview.new.append(record)
            elif _content(current) == _content(record):
                preview.unchanged.append(record)
            else:
                preview.updated.append(record)
    return preview


def _content(record: Record) -> dict[str, object]:
    """The record's fields but who wrote it when (values as the model holds them)."""
    return {name: value for name, value in iter(record) if name not in _UNSTAMPED}


@contextlib.contextmanager
def _roomy_cache(database: Database) -> Iterator[None]:
    """A page cache of up to 128 MiB while a large import writes: with the default 8 MiB
    the pages of the table and of its indexes went back and forth to the disk, encrypted
    and decrypted each time (a quarter of the commit of 100 000 rows). Memory is only
    taken as pages are used."""
    connection = database.connection
    previous = connection.execute("PRAGMA cache_size").fetchone()[0]
    connection.execute("PRAGMA cache_size = -131072")
    try:
        yield
    finally:
        connection.execute(f"PRAGMA cache_size = {int(previous)}")


def preview(database: Database, path: Path, kind: ImportKind,
            overrides: list[str] | None = None) -> ImportPreview:
    """Read ``path``, map its columns (automatic, then ``overrides``), check every row.

    Writes nothing. Raises:
        UnreadableFile: the file cannot be read as CSV, XLSX, ODS or XLS (French message).
        MappingError: an override names no column or no field.
        OSError: the file cannot be opened.
    """
    with collector_paused():
        table = read_table(path)
        mapping = apply_overrides(kind, table.headers, auto_map(kind, table.headers),
                                  overrides or [])
        return check(database, path, table, kind, mapping)


@dataclass(frozen=True)
class ImportResult:
    """Counts of one committed import (records saved, by outcome)."""

    new: int
    updated: int
    unchanged: int


def commit(database: Database, checked: ImportPreview) -> ImportResult:
    """Save a clean preview in one transaction and audit it (counts, no personal data).

    Unchanged records and records deleted in the application are not written. Any
    failure rolls the whole import back.

    Raises:
        ImportRefused: the preview has bad rows (nothing is written).
        pydantic.ValidationError, sqlcipher3.IntegrityError: a record breaks a rule the
            preview could not see (the transaction is rolled back).
    """
    if not checked.ok:
        first = "\n".join(str(error) for error in checked.errors[:20])
        more = len(checked.errors) - 20
        raise ImportRefused(
            f"Import refusé, rien n'a été importé : {len(checked.errors)} erreur(s) dans "
            f"{checked.path.name}. Corrigez le fichier et recommencez.\n{first}"
            + (f"\n… et {more} autre(s)." if more > 0 else "")
        )
    with collector_paused(), _roomy_cache(database), database.transaction():
        # Plan order: an action is saved before its sessions. Consecutive records of one
        # kind are written together (a few statements per 500 records); the plan built
        # each of them with model_validate a moment ago.
        new = {id(record) for record in checked.new}
        wanted = new | {id(record) for record in checked.updated}
        kept = [record for record in checked.plan.records if id(record) in wanted]
        for kind, run in itertools.groupby(kept, key=type):
            records = list(run)
            repository = _repository_of(database, kind)
            repository.insert_new([r for r in records if id(r) in new], validated=True)
            repository.save_all([r for r in records if id(r) not in new], validated=True)
        database.audit("import", detail=(
            f"{checked.plan.kind.value} : {checked.plan.rows} ligne(s), "
            f"{len(checked.new)} nouveau(x), {len(checked.updated)} mis à jour, "
            f"{len(checked.unchanged)} inchangé(s)"))
    return ImportResult(len(checked.new), len(checked.updated), len(checked.unchanged))
