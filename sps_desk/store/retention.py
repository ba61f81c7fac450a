"""Retention: who is due for anonymisation, and the purge that anonymises them.

Rule: a young person's data is kept for a service-set number of years after their last
activity, 2 by default — CNIL, référentiel relatif aux traitements de données dans le
secteur social et médico-social (2021): data kept 2 years after the last contact when
no support is open. A young person with an open support is never due.

Purging *anonymises*: the identity row is deleted and the code and nickname are replaced,
every free text naming the person is redacted and the drafts and merge conflicts about
them removed (``redaction.scrub``), while the statistical attributes (sex, birth date,
sector, situation, supports and their dates) stay, so that every past year's statistics
are identical before and after.
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path

from dateutil.relativedelta import relativedelta

from sps_desk.store import clocks
from sps_desk.store.database import Database
from sps_desk.store.redaction import Scrub, scrub

DEFAULT_YEARS = 2

YEAR_BOUNDS = (1, 10)
"""Retention period allowed, in whole years after a young person's last activity. At
least 1: a young person met once a year must not be anonymised between two meetings;
2 is the CNIL référentiel's period, the default; at most 10, beyond which keeping
identities cannot be justified under data minimisation (GDPR art. 5.1.e)."""


def retention_years(database: Database) -> int:
    """The service's retention period in years (default 2)."""
    row = database.connection.execute(
        "SELECT value FROM meta WHERE key = 'retention_years'").fetchone()
    return DEFAULT_YEARS if row is None else int(row[0])


def set_retention_years(database: Database, years: int) -> None:
    """Change the retention period (:data:`YEAR_BOUNDS`; chief only).

    Raises:
        ValueError: out of range (French message). ChiefOnly: not a chief.
    """
    database.require_chief("changer la durée de conservation")
    low, high = YEAR_BOUNDS
    if not low <= years <= high:
        raise ValueError(f"la durée de conservation va de {low} à {high} ans ({years} refusé)")
    database.connection.execute(
        "INSERT OR REPLACE INTO meta(key, value) VALUES ('retention_years', ?)", (str(years),))


@dataclass(frozen=True)
class Due:
    """A young person due for anonymisation: id, code (shown to the chief only), last
    activity date (local date)."""

    young_person_id: uuid.UUID
    code: str
    last_activity: date


def last_activities(database: Database) -> dict[uuid.UUID, date | None]:
    """Last activity date of each live young person; ``None`` while a support is open.

    Activity: a support's start or end, an intervention, a referral, a concern report, a
    field session where they were met, a session of a collective action they joined.
    Someone with none of these counts from the day their record was created.
    """
    repos = database.repos
    people = repos.young_people.all()
    last: dict[uuid.UUID, date | None] = {p.id: date.min for p in people}

    def seen(person_id: uuid.UUID, when: date) -> None:
        current = last.get(person_id)
        if person_id in last and current is not None and when > current:
            last[person_id] = when

    supports = {s.id: s for s in repos.supports.all()}
    for support in supports.values():
        seen(support.young_person_id, support.end_date or support.start_date)
    for item in [*repos.interventions.all(), *repos.referrals.all()]:
        if item.support_id in supports:
            seen(supports[item.support_id].young_person_id, item.date)
    for report in repos.concern_reports.all():
        seen(report.young_person_id, report.date)
    for session in repos.field_sessions.all():
        for person_id in session.young_met_ids:
            seen(person_id, session.date)
    actions = {a.id: a for a in repos.collective_actions.all()}
    for collective in repos.collective_sessions.all():
        action = actions.get(collective.action_id)
        for person_id in action.participant_ids if action else []:
            seen(person_id, collective.date)
    for person in people:
        if last[person.id] == date.min:
            last[person.id] = person.created_at.date()
    for support in supports.values():
        if support.end_date is None and support.young_person_id in last:
            last[support.young_person_id] = None
    return last


def _anonymised(database: Database) -> set[uuid.UUID]:
    rows = database.connection.execute("SELECT young_person_id FROM anonymised").fetchall()
    return {uuid.UUID(r[0]) for r in rows}


def due(database: Database, today: date) -> list[Due]:
    """Young people whose last activity is more than the retention period before
    ``today`` and who are not anonymised yet, oldest first."""
    limit = today - relativedelta(years=retention_years(database))
    done = _anonymised(database)
    people = {p.id: p for p in database.repos.young_people.all()}
    found = [
        Due(person_id, people[person_id].code, when)
        for person_id, when in last_activities(database).items()
        if when is not None and when < limit and person_id not in done
    ]
    return sorted(found, key=lambda d: (d.last_activity, d.code))


@dataclass(frozen=True)
class PurgeResult:
    """What a purge did (or, in a dry run, would do): people anonymised, identities
    destroyed, the free texts, drafts and conflicts cleaned (``scrub``: places, never
    values), the SHA-256 of the database and key files before the purge (hex), and when."""

    anonymised: int
    identities_deleted: int
    hashes_before: dict[str, str]
    at: datetime
    scrub: Scrub = field(default_factory=Scrub)


def file_hashes(paths: list[Path]) -> dict[str, str]:
    """SHA-256 (hex) of each existing file, by file name."""
    hashes = {}
    for path in paths:
        if path.exists():
            digest = hashlib.sha256()
            with path.open("rb") as handle:
                for block in iter(lambda h=handle: h.read(1 << 20), b""):
                    digest.update(block)
            hashes[path.name] = digest.hexdigest()
    return hashes


def purge(database: Database, today: date, *, dry_run: bool = False,
          certify: Callable[[PurgeResult], Callable[[], None]] | None = None) -> PurgeResult:
    """Anonymise everyone :func:`due` on ``today`` (chief only; audited).

    With ``dry_run`` nothing is written and the result says what would be done,
    redactions included (the list shown before the chief confirms). ``certify``
    receives the result inside the purge's transaction, before it commits: it writes the
    destruction certificate in place first, and returns how to withdraw it. When it
    fails (a full disk) nothing is purged; when the transaction then fails, the
    certificate is withdrawn. A purge never happens without its certificate (issue 13):
    a crash between the two leaves a certificate and the people still due, and the
    next purge, with its own certificate, does it.

    Raises:
        ChiefOnly: not a chief.
    """
    database.require_chief("purger les données échues")
    people = due(database, today)
    ids = [str(d.young_person_id) for d in people]
    marks = ",".join("?" * len(ids))
    identities = database.connection.execute(
        f"SELECT count(*) FROM identity WHERE young_person_id IN ({marks})", ids
    ).fetchone()[0]
    now = datetime.now(UTC)
    if dry_run or not ids:
        return PurgeResult(len(ids), identities, {}, now,
                           anonymise(database, ids, write=False) if ids else Scrub())
    database.connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    from sps_desk.store.slots import header_path

    hashes = file_hashes([database.path, header_path(database.path)])
    withdraw: Callable[[], None] | None = None
    try:
        with database.transaction():
            scrubbed = anonymise(database, ids, write=True, at=now)
            database.audit("purge", detail=f"{len(ids)} jeune(s), {identities} identité(s), "
                                           f"{len(scrubbed.redactions)} texte(s) caviardé(s)")
            if certify is not None:
                withdraw = certify(PurgeResult(len(ids), identities, hashes, now, scrubbed))
    except BaseException:
        if withdraw is not None:
            withdraw()  # nothing was purged: no certificate says otherwise
        raise
    database.connection.execute("VACUUM")
    database.connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return PurgeResult(len(ids), identities, hashes, now, scrubbed)


def anonymise(
    database: Database, young_person_ids: list[str], *, write: bool,
    at: datetime | None = None,
) -> Scrub:
    """Anonymise these young people inside the caller's transaction: free texts naming
    them redacted, drafts and conflicts about them removed (``redaction.scrub``), their
    identity deleted, their code and nickname replaced (a write the laptops receive),
    and the register ``anonymised`` completed. Without ``write``, only lists what the
    scrub would change. Returns the scrub."""
    from sps_desk.store.rights import person_needles

    needles = person_needles(database, young_person_ids)
    scrubbed = scrub(database, needles, frozenset(young_person_ids), write=write)
    if not write:
        return scrubbed
    when = (at or datetime.now(UTC)).isoformat()
    with database.transaction() as connection:
        marks = ",".join("?" * len(young_person_ids))
        connection.execute(f"DELETE FROM identity WHERE young_person_id IN ({marks})",
                           young_person_ids)
        for person_id in young_person_ids:
            connection.execute(
                "UPDATE young_person SET code = ?, nickname = '', updated_at = ?, "
                "device_id = ? WHERE id = ?",
                (f"anonyme-{uuid.uuid4().hex[:12]}", when, str(database.device_id),
                 person_id))
            # A write like any other, so that laptops receive the anonymised version.
            clocks.record_local_write(connection, "young_person", person_id, database.writer)
            connection.execute(
                "INSERT OR IGNORE INTO anonymised(young_person_id, anonymised_at) "
                "VALUES (?, ?)", (person_id, when))
    return scrubbed
