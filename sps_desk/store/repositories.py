"""One repository per record kind: typed reads and writes of ``sps_desk.records``.

A record maps to one row of the table named by its ``kind``: scalar fields are columns,
lists and nested values are JSON text. Every write stamps ``updated_at`` and the base's
``device_id``; deleting leaves a tombstone (``deleted_at``) that :meth:`Repository.restore`
can lift again. Saving a field session, an intervention or a collective-action session
rewrites the time entries derived from it in the same transaction (one per staff member
present), so nobody types the same hour twice (DESIGN.md §3).
"""

from __future__ import annotations

import json
import operator
import types
import typing
import uuid
from collections.abc import Callable, Iterable, Sequence
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any, Generic, TypeVar

import orjson
from pydantic import BaseModel

from sps_desk.durations import round_to_quarter
from sps_desk.enums import ActivityCategory
from sps_desk.records import (
    CheckMark,
    CollectiveAction,
    CollectiveActionSession,
    ConcernReport,
    FieldSession,
    Identity,
    IndividualSupport,
    Intervention,
    Partner,
    Record,
    Referral,
    ReportSections,
    Sector,
    Service,
    StaffMember,
    TimeEntry,
    YoungPerson,
    utc_now,
)
from sps_desk.store import clocks

if TYPE_CHECKING:
    from sps_desk.store.database import Database

R = TypeVar("R", bound=Record)

_CHUNK = 500
"""Ids per ``IN (…)`` query (SQLite allows 32 766 parameters; smaller is as fast)."""
_DERIVED_NAMESPACE = uuid.UUID("5b0f8f0e-6c55-4a5e-9d6e-3f1f4b2a9c11")


def _is_a(annotation: Any, kind: type) -> bool:
    """Whether a field's annotation is ``kind`` or ``kind | None``."""
    if annotation is kind:
        return True
    return typing.get_origin(annotation) in (typing.Union, types.UnionType) and set(
        typing.get_args(annotation)) == {kind, type(None)}


def _pydantic_stamp(text: str) -> str:
    """A stored UTC timestamp as pydantic writes it (``…T17:00:00.001000Z``), whatever
    ISO form a plain SQL update wrote (``…+00:00``)."""
    if text.endswith("Z"):  # written by the repositories: already so
        return text
    value = datetime.fromisoformat(text).astimezone(UTC)
    fraction = f".{value.microsecond:06d}" if value.microsecond else ""
    return f"{value:%Y-%m-%dT%H:%M:%S}{fraction}Z"


def _is_json(annotation: Any) -> bool:
    origin = typing.get_origin(annotation)
    if origin in (list, dict, tuple):
        return True
    if origin in (typing.Union, types.UnionType):
        return any(_is_json(arg) for arg in typing.get_args(annotation))
    return isinstance(annotation, type) and issubclass(annotation, BaseModel)


class Repository(Generic[R]):
    """Reads and writes records of one kind in the table of the same name."""

    model: type[R]

    def __init__(self, database: Database, model: type[R]) -> None:
        self.database = database
        self.model = model
        self.table = model.kind
        self.columns = list(model.model_fields)
        self.json_columns = {
            name for name, info in model.model_fields.items() if _is_json(info.annotation)
        }
        self._bool_columns = [name for name, info in model.model_fields.items()
                              if _is_a(info.annotation, bool)]
        self._stamp_columns = [name for name, info in model.model_fields.items()
                               if _is_a(info.annotation, datetime)]
        self._json_indexes = [index for index, name in enumerate(self.columns)
                              if name in self.json_columns]
        # Kinds whose writes derive other records need the stamped records themselves.
        self._derives = (type(self)._after_save is not Repository._after_save
                         or type(self)._after_insert is not Repository._after_insert)
        quoted = ", ".join(f'"{c}"' for c in self.columns)
        marks = ", ".join("?" for _ in self.columns)
        self._insert = f'INSERT OR REPLACE INTO "{self.table}" ({quoted}) VALUES ({marks})'
        self._insert_new = f'INSERT INTO "{self.table}" ({quoted}) VALUES ({marks})'
        self._select = f'SELECT {quoted} FROM "{self.table}"'

    # ------------------------------------------------------------- conversion

    def _to_row(self, record: R) -> list[Any]:
        data = record.model_dump(mode="json")
        row = [int(value) if type(value) is bool else value
               for value in map(data.__getitem__, self.columns)]
        for index in self._json_indexes:
            row[index] = json.dumps(data[self.columns[index]], ensure_ascii=False,
                                    sort_keys=True)
        return row

    def _from_row(self, row: tuple[Any, ...]) -> R:
        data = dict(zip(self.columns, row, strict=True))
        for column in self.json_columns:
            data[column] = json.loads(data[column])
        return self.model.model_validate(data)

    # ------------------------------------------------------------- reads

    def get(self, record_id: uuid.UUID, *, include_deleted: bool = False) -> R | None:
        """The record with this id, or ``None`` (also ``None`` for a tombstone by default)."""
        sql = f"{self._select} WHERE id = ?"
        if not include_deleted:
            sql += " AND deleted_at IS NULL"
        row = self.database.connection.execute(sql, (str(record_id),)).fetchone()
        return self._from_row(row) if row else None

    def all(self, *, include_deleted: bool = False) -> list[R]:
        """Every record of the kind, oldest creation first."""
        return self._query("1 = 1", (), include_deleted=include_deleted)

    def _query(
        self, where: str, params: Iterable[Any], *, include_deleted: bool = False, order: str = ""
    ) -> list[R]:
        sql = f"{self._select} WHERE ({where})"
        if not include_deleted:
            sql += " AND deleted_at IS NULL"
        sql += f" ORDER BY {order or 'created_at, id'}"
        rows = self.database.connection.execute(sql, tuple(params)).fetchall()
        return [self._from_row(row) for row in rows]

    def with_ids(self, record_ids: list[str]) -> list[R]:
        """The records with these ids (text UUIDs), tombstones included, in one query per
        500 ids; ids with no row are left out."""
        found: list[R] = []
        for start in range(0, len(record_ids), 500):
            chunk = record_ids[start:start + 500]
            found += self._query(f"id IN ({','.join('?' * len(chunk))})", chunk,
                                 include_deleted=True)
        return found

    def json_sql(self, alias: str) -> tuple[str, str]:
        """``(row, odd)``: SQL expressions over this table's row named ``alias``. ``row``
        is the text of the row as ``model_dump(mode="json")`` gives it, written by SQLite
        without validating the record (what a bundle carries: tens of thousands of
        records for a laptop of a large service, which the base that receives them
        validates one by one): JSON columns embedded as JSON, booleans as ``true`` and
        ``false``. ``odd`` is true when a timestamp of the row is not in pydantic's form
        (a plain SQL update wrote ``…+00:00``): read such rows with :meth:`json_rows`.
        """
        values = []
        for name in self.columns:
            column = f'{alias}."{name}"'
            if name in self.json_columns:
                column = f"json({column})"
            elif name in self._bool_columns:
                column = (f"CASE WHEN {column} IS NULL THEN NULL WHEN {column} "
                          "THEN json('true') ELSE json('false') END")
            values.append(f"'{name}', {column}")
        odd = " OR ".join(f"""coalesce(substr({alias}."{name}", -1), 'Z') <> 'Z'"""
                          for name in self._stamp_columns) or "0"
        return f"json_object({', '.join(values)})", odd

    def _pydantic_stamps(self, row: dict[str, Any]) -> dict[str, Any]:
        """``row`` (a row of :meth:`json_sql`, decoded) with its timestamps in pydantic's
        form (``…T17:00:00.001000Z``), in place."""
        for name in self._stamp_columns:
            if row[name] is not None:
                row[name] = _pydantic_stamp(row[name])
        return row

    def json_rows(self, column: str, values: list[str]) -> list[dict[str, Any]]:
        """The rows whose ``column`` (id or an indexed reference) holds one of ``values``,
        tombstones included, as ``model_dump(mode="json")`` gives them, read through
        :meth:`json_sql` (the form a bundle carries).
        """
        if column not in self.columns:
            raise KeyError(column)
        row, odd = self.json_sql("t")
        found = self.database.connection.execute(
            f'SELECT {row}, {odd} FROM "{self.table}" AS t'
            f' WHERE t."{column}" IN (SELECT value FROM json_each(?))',
            (orjson.dumps(values).decode(),))
        return [self._pydantic_stamps(orjson.loads(text)) if stamps else orjson.loads(text)
                for text, stamps in found]

    def count(self, *, include_deleted: bool = False) -> int:
        """Number of live (not deleted) records; with ``include_deleted``, tombstones too."""
        where = "" if include_deleted else " WHERE deleted_at IS NULL"
        sql = f'SELECT count(*) FROM "{self.table}"{where}'
        return self.database.connection.execute(sql).fetchone()[0]

    # ------------------------------------------------------------- writes

    def save(self, record: R) -> R:
        """Insert or update ``record``; returns it stamped with ``updated_at`` and device.

        The record is validated again first, because ``model_copy(update=…)`` skips
        validation. ``created_at`` of an existing row is kept.

        Raises:
            pydantic.ValidationError: the record breaks a domain rule (French messages
                through ``records.french_errors``).
            sqlcipher3.IntegrityError: a reference points to no record.
        """
        return self.save_all([record])[0]

    def save_all(self, records: Sequence[R], *, validated: bool = False) -> list[R]:
        """:meth:`save` of each of ``records``, in order, in one transaction, with a few
        queries per 500 records instead of eight per record (an import of 100 000 rows);
        they share one ``updated_at``. Returns the stamped records.

        ``validated``: the records come straight from ``model_validate`` (not from
        ``model_copy``), so they are stamped without being validated again.

        Raises:
            pydantic.ValidationError, sqlcipher3.IntegrityError: as :meth:`save`; nothing
                of the call is kept (unless an outer transaction catches the error).
        """
        stamped: list[R] = []
        with self.database.transaction() as connection:
            stamps = {"updated_at": utc_now(), "device_id": self.database.device_id}
            for start in range(0, len(records), _CHUNK):
                chunk = records[start:start + _CHUNK]
                ids = [str(record.id) for record in chunk]
                created = dict(connection.execute(
                    f'SELECT id, created_at FROM "{self.table}" '
                    f'WHERE id IN ({",".join("?" * len(ids))})', ids).fetchall())
                for record, record_id in zip(chunk, ids, strict=True):
                    fields = dict(stamps)
                    if record_id in created:
                        fields["created_at"] = datetime.fromisoformat(created[record_id])
                    stamped.append(record.model_copy(update=fields) if validated else
                                   self.model.model_validate({**dict(iter(record)), **fields}))
                    # A record given twice is an update the second time, as with save().
                    created.setdefault(record_id, stamped[-1].created_at.isoformat())
            connection.executemany(self._insert, [self._to_row(r) for r in stamped])
            clocks.record_local_writes(connection, self.table, [r.id for r in stamped],
                                       self.database.writer)
            for record in stamped:
                self._after_save(record)
        return stamped

    def insert_new(self, records: Sequence[R], *, validated: bool = False) -> None:
        """Insert records that are not in the base yet, a whole batch at a time.

        Each record ends up exactly as :meth:`save` would leave it — validated again,
        stamped with ``updated_at`` (one time for the batch) and this base's device, one
        write in its version clock with its own change number, its time entries derived
        — with a few statements per batch instead of several per record (demo data,
        large imports). Rows go in by id, which keeps the primary-key pages in order.
        ``validated`` as in :meth:`save_all`.

        Raises:
            pydantic.ValidationError: a record breaks a domain rule.
            sqlcipher3.IntegrityError: an id is already in the base (tombstones
                included), or a reference points to no record; nothing is written.
        """
        if not records:
            return
        stamp = {"updated_at": utc_now(), "device_id": self.database.device_id}
        stamped: list[R] | None = None
        if validated and not self._derives:
            # Nothing reads the stamped records: each row is the record's own with the
            # stamp's columns as one stamped record stores them (no copy per record).
            stored = self._to_row(records[0].model_copy(update=stamp))
            indexes = [self.columns.index(name) for name in stamp]
            rows = [self._to_row(record) for record in records]
            for row in rows:
                for index in indexes:
                    row[index] = stored[index]
        else:
            stamped = [record.model_copy(update=stamp) if validated else
                       self.model.model_validate(dict(iter(record)) | stamp)
                       for record in records]
            rows = [self._to_row(record) for record in stamped]
        rows.sort(key=operator.itemgetter(0))  # by id
        with self.database.transaction() as connection:
            connection.executemany(self._insert_new, rows)
            clocks.record_new_writes(connection, self.table, [row[0] for row in rows],
                                     self.database.writer)
            if stamped is not None:
                self._after_insert(stamped)

    def put_merged(self, record: R) -> None:
        """Write a version that came from another device exactly as it is (stamps and
        all), and derive what it derives; the caller keeps its clock (team merge)."""
        self.database.connection.execute(self._insert, self._to_row(record))
        self._after_save(record)

    def delete(self, record_id: uuid.UUID) -> None:
        """Leave a tombstone: the record disappears from reads until :meth:`restore`."""
        self._set_deleted(record_id, deleted=True)

    def restore(self, record_id: uuid.UUID) -> None:
        """Lift a tombstone left by :meth:`delete` (undo)."""
        self._set_deleted(record_id, deleted=False)

    def _set_deleted(self, record_id: uuid.UUID, *, deleted: bool) -> None:
        record = self.get(record_id, include_deleted=True)
        if record is None:
            raise KeyError(str(record_id))
        now = utc_now()
        updated = record.model_copy(update={"deleted_at": now if deleted else None})
        self.save(updated)

    def _after_save(self, record: R) -> None:
        """Hook for kinds whose writes derive other records."""

    def _after_insert(self, records: list[R]) -> None:
        """:meth:`_after_save` for a batch of new records (kinds that derive override it)."""
        for record in records:
            self._after_save(record)


class ServiceRepository(Repository[Service]):
    """The single service record of a base."""

    def the_service(self) -> Service:
        """The live service record. Raises ``LookupError`` when the base has none."""
        services = self.all()
        if not services:
            raise LookupError("aucun service dans cette base")
        return services[0]


class DatedRepository(Repository[R]):
    """Records with a ``date`` column, queried by local date range (inclusive)."""

    def between(self, first: date, last: date) -> list[R]:
        """Live records dated from ``first`` to ``last`` inclusive, by date."""
        return self._query(
            "date BETWEEN ? AND ?", (first.isoformat(), last.isoformat()), order="date, id"
        )


class YoungPersonRepository(Repository[YoungPerson]):
    """Young people; codes are unique."""

    def by_code(self, code: str) -> YoungPerson | None:
        """The live young person with this code, or ``None``."""
        found = self._query("code = ?", (code,))
        return found[0] if found else None


class IdentityRepository(Repository[Identity]):
    """The identity table, apart from everything else."""

    def for_young_person(self, young_person_id: uuid.UUID) -> Identity | None:
        """The identity of one young person, or ``None`` when none was recorded."""
        found = self._query("young_person_id = ?", (str(young_person_id),))
        return found[0] if found else None


class SupportRepository(Repository[IndividualSupport]):
    """Individual supports."""

    def active_between(self, first: date, last: date) -> list[IndividualSupport]:
        """Supports active on at least one day from ``first`` to ``last`` inclusive."""
        return self._query(
            "start_date <= ? AND (end_date IS NULL OR end_date >= ?)",
            (last.isoformat(), first.isoformat()),
        )

    def for_young_person(self, young_person_id: uuid.UUID) -> list[IndividualSupport]:
        """Every live support of one young person, oldest first."""
        return self._query(
            "young_person_id = ?", (str(young_person_id),), order="start_date, id"
        )


class TimeEntryRepository(DatedRepository[TimeEntry]):
    """Time entries, typed by hand or derived from a source record."""

    def hours_by_category(self, first: date, last: date) -> dict[ActivityCategory, float]:
        """Decimal hours of the live entries dated ``first`` to ``last`` inclusive, by
        category (categories without hours are absent). Summed by SQLite: every entry is
        a whole number of quarters, so the float sum is exact."""
        rows = self.database.connection.execute(
            "SELECT category, sum(hours) FROM time_entry"
            " WHERE date BETWEEN ? AND ? AND deleted_at IS NULL GROUP BY category",
            (first.isoformat(), last.isoformat()),
        )
        return {ActivityCategory(category): hours for category, hours in rows}

    def derived_from(self, source_id: uuid.UUID) -> list[TimeEntry]:
        """Live entries derived from one source record."""
        return self._query("source_id = ?", (str(source_id),))

    def sync_derived(
        self,
        source: FieldSession | Intervention | CollectiveActionSession,
        category: ActivityCategory,
        hours: float,
        staff_ids: list[uuid.UUID],
    ) -> None:
        """Make the entries derived from ``source`` match it: one per staff member.

        Derived entries are a function of their source alone — id uuid5(source, staff),
        the source's timestamps and device — so every base that holds the same version
        of the source holds the same entries, and they never travel between laptops.
        Entries of staff no longer present, and all entries of a deleted source, are
        removed (restoring the source derives them again).
        """
        wanted = self._derived(source, category, hours, staff_ids)
        connection = self.database.connection
        for entry in wanted:
            connection.execute(self._insert, self._to_row(entry))
        ids = {entry.id for entry in wanted}
        stale = [
            row[0]
            for row in connection.execute(
                "SELECT id FROM time_entry WHERE source_id = ?", (str(source.id),)
            )
            if uuid.UUID(row[0]) not in ids
        ]
        connection.executemany("DELETE FROM time_entry WHERE id = ?", [(i,) for i in stale])

    def insert_derived(
        self,
        sources: Sequence[FieldSession | Intervention | CollectiveActionSession],
        category: ActivityCategory,
        hours: Callable[[Any], float],
    ) -> None:
        """:meth:`sync_derived` for sources just inserted (no entry derived yet): the
        same entries, written in one statement. ``hours(source)`` gives each one's hours.
        """
        rows = [
            self._to_row(entry)
            for source in sources
            for entry in self._derived(source, category, hours(source), source.staff_ids)
        ]
        self.database.connection.executemany(self._insert_new, sorted(rows))

    @staticmethod
    def _derived(
        source: FieldSession | Intervention | CollectiveActionSession,
        category: ActivityCategory,
        hours: float,
        staff_ids: list[uuid.UUID],
    ) -> list[TimeEntry]:
        """The entries ``source`` derives: none when it is deleted or has no hours."""
        if source.deleted_at is not None or hours <= 0:
            return []
        return [
            TimeEntry(
                id=uuid.uuid5(_DERIVED_NAMESPACE, f"{source.id}:{staff}"),
                created_at=source.created_at,
                updated_at=source.updated_at,
                device_id=source.device_id,
                staff_id=staff,
                date=source.date,
                category=category,
                hours=hours,
                source_kind=source.kind,  # type: ignore[arg-type]
                source_id=source.id,
            )
            for staff in dict.fromkeys(staff_ids)
        ]


class FieldSessionRepository(DatedRepository[FieldSession]):
    """Field sessions; each writes one « Travail de rue » time entry per staff present."""

    def _after_save(self, record: FieldSession) -> None:
        self.database.repos.time_entries.sync_derived(
            record, ActivityCategory.STREET_WORK, round_to_quarter(record.hours), record.staff_ids
        )

    def _after_insert(self, records: list[FieldSession]) -> None:
        self.database.repos.time_entries.insert_derived(
            records, ActivityCategory.STREET_WORK, lambda s: round_to_quarter(s.hours)
        )


class InterventionRepository(DatedRepository[Intervention]):
    """Interventions; each writes one « Accompagnements individuels » entry per staff."""

    def _after_save(self, record: Intervention) -> None:
        self.database.repos.time_entries.sync_derived(
            record, ActivityCategory.INDIVIDUAL_SUPPORT, record.duration_hours, record.staff_ids
        )

    def _after_insert(self, records: list[Intervention]) -> None:
        self.database.repos.time_entries.insert_derived(
            records, ActivityCategory.INDIVIDUAL_SUPPORT, lambda i: i.duration_hours
        )

    def for_support(self, support_id: uuid.UUID) -> list[Intervention]:
        """Live interventions of one support, by date."""
        return self._query("support_id = ?", (str(support_id),), order="date, id")


class CollectiveSessionRepository(DatedRepository[CollectiveActionSession]):
    """Collective-action sessions; each writes one « Actions collectives » entry per staff."""

    def _after_save(self, record: CollectiveActionSession) -> None:
        self.database.repos.time_entries.sync_derived(
            record, ActivityCategory.COLLECTIVE_ACTIONS, record.hours, record.staff_ids
        )

    def _after_insert(self, records: list[CollectiveActionSession]) -> None:
        self.database.repos.time_entries.insert_derived(
            records, ActivityCategory.COLLECTIVE_ACTIONS, lambda s: s.hours
        )

    def for_action(self, action_id: uuid.UUID) -> list[CollectiveActionSession]:
        """Live sessions of one action, by date."""
        return self._query("action_id = ?", (str(action_id),), order="date, id")


class ReportSectionsRepository(Repository[ReportSections]):
    """The chief's own sections of the annual report, one record per year."""

    def for_year(self, year: int) -> ReportSections:
        """The live sections of ``year``, or an empty, unsaved record with its stable id."""
        found = self._query("year = ?", (year,))
        return found[0] if found else ReportSections.for_year(year)


class Repositories:
    """The repositories of one open base, one attribute per record kind."""

    def __init__(self, database: Database) -> None:
        self.service = ServiceRepository(database, Service)
        self.sectors = Repository(database, Sector)
        self.staff = Repository(database, StaffMember)
        self.partners = Repository(database, Partner)
        self.young_people = YoungPersonRepository(database, YoungPerson)
        self.identities = IdentityRepository(database, Identity)
        self.field_sessions = FieldSessionRepository(database, FieldSession)
        self.supports = SupportRepository(database, IndividualSupport)
        self.interventions = InterventionRepository(database, Intervention)
        self.referrals = DatedRepository(database, Referral)
        self.concern_reports = DatedRepository(database, ConcernReport)
        self.collective_actions = Repository(database, CollectiveAction)
        self.collective_sessions = CollectiveSessionRepository(database, CollectiveActionSession)
        self.time_entries = TimeEntryRepository(database, TimeEntry)
        self.report_sections = ReportSectionsRepository(database, ReportSections)
        self.check_marks = Repository(database, CheckMark)
