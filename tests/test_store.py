"""The encrypted store through real SQLCipher: schema, round trips, secrecy, bad files."""

from __future__ import annotations

import gzip
import hashlib
import os
import shutil
import sqlite3
import unicodedata
import uuid
from datetime import date, time
from pathlib import Path

import pytest
import sqlcipher3

from sps_desk.enums import ActivityCategory
from sps_desk.records import (
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
    Sector,
    StaffMember,
    TallyCell,
    TimeEntry,
    YoungPerson,
)
from sps_desk.store import schema
from sps_desk.store.database import Database, check_file_shape
from sps_desk.store.errors import (
    DatabaseExists,
    DatabaseNotFound,
    NewerSchema,
    NotADatabase,
    PlainSqliteFile,
    TruncatedDatabase,
    WrongPassphrase,
)

CANARY_LAST = "Ÿılmaz-Kanarya"
CANARY_FIRST = "Gülşen"
CANARY_NICK = "Ĳssel-Œdipe"


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _one_of_each(db: Database) -> list[Record]:
    r = db.repos
    sector = r.sectors.save(Sector(commune="Arras", neighbourhood="Baudimont"))
    staff = r.staff.save(StaffMember(display_name="Zoé Łukasz", role="social_worker", fte=0.83))
    partner = r.partners.save(Partner(name="Mission locale d'Arras", type="mission_locale"))
    young = r.young_people.save(
        YoungPerson(nickname=CANARY_NICK, sex="F", birth_date=date(2012, 2, 29),
                    sector_id=sector.id, situation="college", in_child_welfare_care=False)
    )
    identity = r.identities.save(
        Identity(young_person_id=young.id, last_name=CANARY_LAST, first_name=CANARY_FIRST,
                 address="3 rue des Ćwierć, Arras", phone="06 00 00 00 00")
    )
    session = r.field_sessions.save(
        FieldSession(date=date(2025, 3, 14), start_time=time(21, 30), end_time=time(0, 30),
                     staff_ids=[staff.id], sector_id=sector.id,
                     tallies=[TallyCell(sex="M", age_bracket="11-15", count=4)],
                     adults_met=2, partners_met=1, young_met_ids=[young.id],
                     observation="Rassemblement calme près du city-stade.")
    )
    support = r.supports.save(
        IndividualSupport(young_person_id=young.id, referent_id=staff.id,
                          start_date=date(2025, 3, 20), origin="street_work",
                          problems=["schooling", "family_relations"])
    )
    intervention = r.interventions.save(
        Intervention(support_id=support.id, date=date(2025, 4, 2), type="interview",
                     duration_hours=1.5, staff_ids=[staff.id], partner_id=partner.id)
    )
    referral = r.referrals.save(
        Referral(support_id=support.id, date=date(2025, 5, 5), partner_type="mission_locale",
                 partner_id=partner.id)
    )
    concern = r.concern_reports.save(
        ConcernReport(young_person_id=young.id, date=date(2025, 6, 1), addressee="crip")
    )
    action = r.collective_actions.save(
        CollectiveAction(title="Chantier « Cœur de quartier » & co", type="work_project",
                         participant_ids=[young.id],
                         anonymous_participants=[TallyCell(sex="F", age_bracket="16-17",
                                                           count=3)],
                         families="NR", partner_ids=[partner.id])
    )
    action_session = r.collective_sessions.save(
        CollectiveActionSession(action_id=action.id, date=date(2025, 7, 1), hours=3.25,
                                staff_ids=[staff.id])
    )
    manual = r.time_entries.save(
        TimeEntry(staff_id=staff.id, date=date(2025, 7, 2), category="writing", hours=0.75)
    )
    return [sector, staff, partner, young, identity, session, support, intervention,
            referral, concern, action, action_session, manual]


def test_a_new_base_has_its_schema_and_service(db: Database) -> None:
    tables = {row[0] for row in db.connection.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert {"meta", "service", "young_person", "identity", "field_session", "time_entry",
            "collective_action_session"} <= tables
    assert db.schema_version() == f"{schema.SCHEMA_MAJOR}.{schema.latest_minor()}"
    assert db.service().name == "SPS Ğüzelyurt – Test"


def test_pragmas_for_crash_safety_and_secrecy(db: Database) -> None:
    pragma = lambda name: db.connection.execute(f"PRAGMA {name}").fetchone()[0]  # noqa: E731
    assert pragma("journal_mode") == "wal"
    assert pragma("synchronous") == 2  # FULL
    assert pragma("foreign_keys") == 1
    assert pragma("temp_store") == 2  # MEMORY
    assert pragma("secure_delete") == 1


def test_every_record_kind_round_trips_through_sqlcipher(db_path: Path, passphrase: str) -> None:
    with Database.create(db_path, passphrase, "SPS Łódź") as db:
        saved = _one_of_each(db)
    with Database.open(db_path, passphrase) as db:
        kinds = {type(record) for record in saved}
        assert len(kinds) == 13
        for record in saved:
            repo = next(r for r in vars(db.repos).values() if r.model is type(record))
            again = repo.get(record.id)
            assert again == record, type(record).__name__
            assert again.device_id == db.device_id


def test_derived_time_entries_follow_their_source(db: Database) -> None:
    records = _one_of_each(db)
    entries = db.repos.time_entries.all()
    by_category = {e.category: e.hours for e in entries}
    assert by_category == {
        ActivityCategory.STREET_WORK: 3.0,
        ActivityCategory.INDIVIDUAL_SUPPORT: 1.5,
        ActivityCategory.COLLECTIVE_ACTIONS: 3.25,
        ActivityCategory.WRITING: 0.75,
    }
    session = next(r for r in records if isinstance(r, FieldSession))
    second = db.repos.staff.save(StaffMember(display_name="Ørjan", role="social_worker", fte=1))
    db.repos.field_sessions.save(session.model_copy(
        update={"staff_ids": [*session.staff_ids, second.id], "end_time": time(23, 30)}))
    street = [e for e in db.repos.time_entries.all() if e.category == "street_work"]
    assert sorted(e.hours for e in street) == [2.0, 2.0]
    db.repos.field_sessions.delete(session.id)
    assert [e for e in db.repos.time_entries.all() if e.category == "street_work"] == []
    db.repos.field_sessions.restore(session.id)
    assert len([e for e in db.repos.time_entries.all() if e.category == "street_work"]) == 2


def test_delete_leaves_a_tombstone_that_restore_lifts(db: Database) -> None:
    person = db.repos.young_people.save(YoungPerson(nickname="Şule"))
    db.repos.young_people.delete(person.id)
    assert db.repos.young_people.get(person.id) is None
    tombstone = db.repos.young_people.get(person.id, include_deleted=True)
    assert tombstone is not None and tombstone.deleted_at is not None
    db.repos.young_people.restore(person.id)
    assert db.repos.young_people.get(person.id).nickname == "Şule"


def test_a_reference_to_nothing_is_refused(db: Database) -> None:
    with pytest.raises(sqlcipher3.IntegrityError):
        db.repos.supports.save(IndividualSupport(
            young_person_id=uuid.uuid4(), start_date=date(2025, 1, 1), origin="peers"))
    assert db.repos.supports.all() == []


def test_the_file_and_its_wal_hold_no_clear_text(db_path: Path, passphrase: str) -> None:
    db = Database.create(db_path, passphrase, "SPS Canari")
    _one_of_each(db)
    # Read while the base is open, so the -wal file still holds the recent pages.
    wal = Path(f"{db_path}-wal")
    blobs = [db_path.read_bytes(), wal.read_bytes() if wal.exists() else b""]
    db.close()
    blobs.append(db_path.read_bytes())
    assert wal.exists() is False or wal.stat().st_size == 0
    for blob in blobs:
        assert not blob.startswith(b"SQLite format 3")
        for canary in (CANARY_LAST, CANARY_FIRST, CANARY_NICK, "Baudimont"):
            for form in ("NFC", "NFD"):
                text = unicodedata.normalize(form, canary)
                for encoding in ("utf-8", "utf-16-le", "utf-16-be"):
                    assert text.encode(encoding) not in blob


def test_sqlite_without_the_key_cannot_read_it(db: Database) -> None:
    db.close()
    plain = sqlite3.connect(db.path)
    with pytest.raises(sqlite3.DatabaseError):
        plain.execute("SELECT * FROM sqlite_master").fetchall()
    plain.close()


def test_a_wrong_passphrase_changes_no_byte(db_path: Path, passphrase: str) -> None:
    Database.create(db_path, passphrase, "SPS").close()
    before = _sha(db_path)
    listing = sorted(p.name for p in db_path.parent.iterdir())
    with pytest.raises(WrongPassphrase, match="Phrase de passe incorrecte"):
        Database.open(db_path, passphrase + "x")
    assert _sha(db_path) == before
    assert sorted(p.name for p in db_path.parent.iterdir()) == listing


def test_passphrases_are_nfc_normalised(db_path: Path) -> None:
    typed_decomposed = unicodedata.normalize("NFD", "Élodie à Mâcon, 7 mots ou plus !")
    typed_composed = unicodedata.normalize("NFC", "Élodie à Mâcon, 7 mots ou plus !")
    assert typed_decomposed != typed_composed
    Database.create(db_path, typed_decomposed, "SPS Mâcon").close()
    with Database.open(db_path, typed_composed) as db:
        assert db.service().name == "SPS Mâcon"


def test_creation_refuses_to_overwrite(db_path: Path, passphrase: str) -> None:
    db_path.write_bytes(b"precious")
    with pytest.raises(DatabaseExists):
        Database.create(db_path, passphrase, "SPS")
    assert db_path.read_bytes() == b"precious"


def test_each_bad_file_has_its_own_error(tmp_path: Path, passphrase: str) -> None:
    good = tmp_path / "good.sps"
    Database.create(good, passphrase, "SPS").close()
    plain = tmp_path / "plain.db"
    sqlite3.connect(plain).execute("CREATE TABLE t(x)").connection.close()
    text = tmp_path / "notes.txt"
    text.write_text("Ceci n'est pas une base.\n" * 50, encoding="utf-8")
    cut = tmp_path / "cut.sps"
    cut.write_bytes(good.read_bytes()[:5000])
    cut_on_page = tmp_path / "cut-on-page.sps"
    cut_on_page.write_bytes(good.read_bytes()[:8192])
    for copy in (cut, cut_on_page):  # a copy of a base takes its key header along
        shutil.copy(f"{good}.keys", f"{copy}.keys")
    cases = [
        (tmp_path / "absent.sps", DatabaseNotFound, "Aucune base"),
        (plain, PlainSqliteFile, "non chiffrée"),
        (text, NotADatabase, "n'est pas une base"),
        (cut, TruncatedDatabase, "incomplet"),
        (cut_on_page, TruncatedDatabase, "incomplet"),
    ]
    for path, error, words in cases:
        with pytest.raises(error, match=words):
            Database.open(path, passphrase)


def test_a_file_from_a_newer_major_version_is_refused(db_path: Path, passphrase: str) -> None:
    with Database.create(db_path, passphrase, "SPS") as db:
        db.connection.execute("UPDATE meta SET value = '99' WHERE key = 'schema_major'")
    before = _sha(db_path)
    with pytest.raises(NewerSchema, match="version plus récente"):
        Database.open(db_path, passphrase)
    assert _sha(db_path) == before


def test_an_older_file_is_migrated_on_open(db_path: Path, passphrase: str, tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    Database.create(db_path, passphrase, "SPS").close()
    shipped = schema.migrations()
    extra = (len(shipped) + 1, "CREATE TABLE later_addition (id TEXT PRIMARY KEY);")
    monkeypatch.setattr(schema, "migrations", lambda: [*shipped, extra])
    copy = tmp_path / "copy.sps"
    shutil.copy(db_path, copy)
    shutil.copy(f"{db_path}.keys", f"{copy}.keys")
    with Database.open(copy, passphrase) as db:
        assert db.schema_version() == f"1.{len(shipped) + 1}"
        assert db.connection.execute(
            "SELECT count(*) FROM sqlite_master WHERE name = 'later_addition'").fetchone()[0] == 1


def test_a_base_whose_salt_begins_like_a_gzip_archive_is_not_refused(tmp_path: Path) -> None:
    """A base begins with 16 random bytes (its salt): once in 65 536 bases they begin
    with gzip's two-byte signature, and such a base was refused for good as an archive.
    A file is named by its first bytes only when it is not whole pages, as a base is."""
    salted = tmp_path / "chef.sps"
    salted.write_bytes(b"\x1f\x8b" + os.urandom(8190))
    check_file_shape(salted)  # goes on to the key, which says whether it opens
    archive = tmp_path / "chef-archive.sps"
    archive.write_bytes(gzip.compress(os.urandom(5000)))
    assert archive.stat().st_size % 1024
    with pytest.raises(NotADatabase, match="archive gzip"):
        check_file_shape(archive)
