"""Rights (access, portability, restriction, erasure) and the retention purge, on a
realistic demo year; PDFs read back with pdftotext."""

from __future__ import annotations

import json
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest

from sps_desk.demo import build_demo_year
from sps_desk.records import YoungPerson
from sps_desk.reports.privacy_documents import (
    Destruction,
    ServiceFacts,
    write_destruction_certificate,
    write_incident_sheet,
    write_register,
    write_rights_export,
)
from sps_desk.reports.statistics import compute_statistics
from sps_desk.store import audit, retention, rights
from sps_desk.store.database import Database
from tests.conftest import PASSPHRASE


def pdf_text(path: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True,
                          text=True, check=True).stdout


@pytest.fixture(scope="module")
def demo_files(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.sps"
    with Database.create(path, PASSPHRASE, "SPS Test") as database:
        build_demo_year(database, 2023, 1)
    return path


@pytest.fixture
def demo(demo_files: Path, tmp_path: Path) -> Database:
    """A fresh copy of the demo base (file and key header) for each test."""
    copy = tmp_path / "demo.sps"
    shutil.copy(demo_files, copy)
    shutil.copy(f"{demo_files}.keys", f"{copy}.keys")
    database = Database.open(copy, PASSPHRASE)
    yield database
    database.close()


def _with_identity(database: Database):
    identity = database.repos.identities.all()[0]
    return database.repos.young_people.get(identity.young_person_id), identity


def _all_text(database: Database) -> str:
    """Every value of every table, as text (the decrypted content of the base)."""
    tables = [r[0] for r in database.connection.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table'")]
    parts = []
    for table in tables:
        for row in database.connection.execute(f"SELECT * FROM {table}"):
            parts.append(" ".join(str(v) for v in row))
    return "\n".join(parts)


def test_access_export_holds_the_whole_record_in_pdf_and_json(demo: Database,
                                                               tmp_path: Path) -> None:
    person, identity = _with_identity(demo)
    files = write_rights_export(rights.full_record(demo, person), tmp_path / "droits")
    data = json.loads(files.json.read_text(encoding="utf-8"))
    assert data["young_person"]["code"] == person.code
    assert data["identity"]["last_name"] == identity.last_name
    supports = demo.repos.supports.for_young_person(person.id)
    assert len(data["supports"]) == len(supports)
    text = pdf_text(files.pdf)
    assert person.code in text and identity.last_name in text
    assert person.code not in files.pdf.name and identity.last_name not in files.json.name


def test_erasure_leaves_only_an_id(demo: Database) -> None:
    person, identity = _with_identity(demo)
    support_ids = {s.id for s in demo.repos.supports.for_young_person(person.id)}
    hours_before = sum(e.hours for e in demo.repos.time_entries.all())
    erased = rights.erase(demo, person)
    assert erased.supports == len(support_ids)
    content = _all_text(demo)
    for value in (person.code, identity.last_name, identity.first_name):
        assert value and value not in content
    assert demo.repos.young_people.get(person.id) is None  # a tombstone only
    tombstone = demo.repos.young_people.get(person.id, include_deleted=True)
    assert tombstone is not None and tombstone.nickname == "" and tombstone.birth_date is None
    assert all(s.id not in support_ids for s in demo.repos.supports.all())
    assert all(person.id not in s.young_met_ids for s in demo.repos.field_sessions.all())
    # Staff time is the team's work: kept, unlinked.
    assert sum(e.hours for e in demo.repos.time_entries.all()) == pytest.approx(hours_before)
    assert audit.entries(demo.connection)[-1].action == "erasure"
    assert audit.entries(demo.connection)[-1].record_id == str(person.id)
    wal = Path(f"{demo.path}-wal")
    assert not wal.exists() or wal.stat().st_size == 0
    with pytest.raises(rights.UnknownYoungPerson):
        rights.find(demo, person.code)


def test_restriction_is_recorded_audited_and_kept_out_of_statistics(demo: Database) -> None:
    supported = {s.young_person_id for s in demo.repos.supports.active_between(
        date(2023, 1, 1), date(2023, 12, 31))}
    person = demo.repos.young_people.get(sorted(supported)[0])
    before = compute_statistics(demo, 2023).model_dump()
    rights.restrict(demo, person)
    assert rights.is_restricted(demo, person.id)
    assert rights.full_record(demo, person)["restricted"] is True
    assert compute_statistics(demo, 2023).model_dump() != before
    rights.lift_restriction(demo, person)
    assert not rights.is_restricted(demo, person.id)
    assert compute_statistics(demo, 2023).model_dump() == before
    assert [e.action for e in audit.entries(demo.connection)[-2:]] == [
        "restriction", "restriction_lifted"]


def test_a_purge_keeps_past_statistics_identical(demo: Database, tmp_path: Path) -> None:
    before = compute_statistics(demo, 2023).model_dump()
    assert retention.due(demo, date(2024, 6, 1)) == []  # not yet: 2 years
    due = retention.due(demo, date(2026, 6, 1))
    assert len(due) > 10
    preview = retention.purge(demo, date(2026, 6, 1), dry_run=True)
    assert preview.anonymised == len(due) and preview.hashes_before == {}
    result = retention.purge(demo, date(2026, 6, 1))
    assert result.anonymised == len(due)
    assert set(result.hashes_before) == {"demo.sps", "demo.sps.keys"}
    assert compute_statistics(demo, 2023).model_dump() == before
    codes = {d.code for d in due}
    assert not codes & {p.code for p in demo.repos.young_people.all()}
    due_ids = {d.young_person_id for d in due}
    assert not any(i.young_person_id in due_ids for i in demo.repos.identities.all())
    assert retention.due(demo, date(2026, 6, 1)) == []  # never due twice
    certificate = write_destruction_certificate(tmp_path / "certificat.pdf", Destruction(
        "SPS Test", "Chef de service", result.at, "purge des données échues",
        {"jeunes anonymisés": result.anonymised}, result.hashes_before))
    text = pdf_text(certificate)
    assert "Certificat de destruction" in text and str(result.anonymised) in text
    assert result.hashes_before["demo.sps"] in "".join(text.split())
    assert not any(code in text for code in codes)


def test_register_and_incident_sheet(tmp_path: Path) -> None:
    facts = ServiceFacts("SPS Ğüzelyurt", "Association Œnone", 2, 100, 8, 3, None)
    register = pdf_text(write_register(tmp_path / "registre.pdf", facts))
    assert "Registre des activités de traitement" in register
    assert "Association Œnone" in register and "2 an(s)" in register
    sheet = pdf_text(write_incident_sheet(tmp_path / "incident.pdf", facts,
                                          __import__("datetime").datetime(2026, 3, 2, 9, 30)))
    assert "02/03/2026 09:30" in sheet and "aucune" in sheet


def test_rectification_is_saved_and_audited_without_the_values(demo: Database) -> None:
    person, identity = _with_identity(demo)
    rights.rectify_identity(demo, identity.model_copy(update={"phone": "06 12 34 56 78"}))
    assert demo.repos.identities.for_young_person(person.id).phone == "06 12 34 56 78"
    entry = audit.entries(demo.connection)[-1]
    assert (entry.action, entry.record_id) == ("rectification", str(person.id))
    assert "06 12" not in entry.detail


def test_a_code_is_found_as_a_person_types_it(db: Database) -> None:
    """Trial: « jy2afrv » was refused for « J-Y2AFRV »."""
    wanted = db.repos.young_people.save(YoungPerson(code="J-Y2AFRV", nickname="Дмитрий"))
    for typed in ("J-Y2AFRV", "jy2afrv", " j-y2afrv ", "J Y2AFRV"):
        assert rights.find(db, typed).id == wanted.id
    # A code typed exactly wins over another that matches only without its dashes.
    exact = db.repos.young_people.save(YoungPerson(code="JY2AFRV", nickname="أمينة"))
    assert rights.find(db, "jy2afrv").id == exact.id
    with pytest.raises(rights.UnknownYoungPerson):
        rights.find(db, "-")
