"""The whole life of a young person's data, then a scan of every file for canary names.

create → edit → reveal → report → back up → rights export → erase; after each phase the
base, its ``-wal``/``-shm``, the key header, backups, report files, logs and the
temporary folder are scanned for the canary names in UTF-8 and UTF-16 (NFC and NFD).
"""

from __future__ import annotations

import logging
import tempfile
import unicodedata
from collections.abc import Iterable
from pathlib import Path

import pytest

from sps_desk.enums import Role, Sex
from sps_desk.records import Identity, StaffMember, YoungPerson
from sps_desk.reports.annual import write_annual_report
from sps_desk.reports.privacy_documents import write_rights_export
from sps_desk.store import audit, backup, rights
from sps_desk.store.database import Database
from tests.conftest import PASSPHRASE

CANARIES = ("Ğazimağusa", "Œnonette", "Łucjańska", "Ørjansdóttir", "17 impasse Çağrışım")


def _forms(text: str) -> Iterable[bytes]:
    for form in ("NFC", "NFD"):
        normalised = unicodedata.normalize(form, text)
        for encoding in ("utf-8", "utf-16-le", "utf-16-be"):
            yield normalised.encode(encoding)


def _files(*roots: Path) -> list[Path]:
    found = []
    for root in roots:
        if root.is_file():
            found.append(root)
        elif root.is_dir():
            found += [p for p in root.rglob("*") if p.is_file()]
    return found


def _holders(files: list[Path], extra: str = "") -> set[str]:
    """Names of the files (or ``"logs"``) holding a canary in any encoding."""
    holders = set()
    for path in files:
        data = path.read_bytes()
        if any(form in data for canary in CANARIES for form in _forms(canary)):
            holders.add(path.name)
    if any(canary in unicodedata.normalize("NFC", extra) for canary in CANARIES):
        holders.add("logs")
    return holders


def _decrypted_text(database: Database) -> str:
    tables = [r[0] for r in database.connection.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table'")]
    return "\n".join(" ".join(str(v) for v in row) for table in tables
                     for row in database.connection.execute(f"SELECT * FROM {table}"))


def test_canaries_stay_inside_the_base_and_vanish_on_erasure(
        tmp_path: Path, caplog: pytest.LogCaptureFixture,
        monkeypatch: pytest.MonkeyPatch) -> None:
    caplog.set_level(logging.DEBUG)
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temporary))
    base = tmp_path / "base" / "service.sps"
    reports, backups, exports = tmp_path / "rapports", tmp_path / "sauvegardes", tmp_path / "droits"

    # create, edit
    database = Database.create(base, PASSPHRASE, "SPS Canari")
    database.repos.staff.save(StaffMember(display_name="É. T.", role=Role.SOCIAL_WORKER,
                                          fte=1.0))
    person = database.repos.young_people.save(
        YoungPerson(code="CAN-0001", nickname="Œnonette", sex=Sex.FEMALE))
    database.repos.identities.save(Identity(
        young_person_id=person.id, last_name="Łucjańska", first_name="Ğazimağusa",
        address="17 impasse Çağrışım", phone="07 00 00 00 00"))
    person = database.repos.young_people.save(person.model_copy(update={"nickname": "Œnonette"}))
    # reveal
    assert rights.reveal_identity(database, person.id).last_name == "Łucjańska"
    # report (PDF + statistics), backup
    reports.mkdir()
    write_annual_report(database, 2025, reports)
    backup.create_backup(database, backups)
    everything = [base.parent, reports, backups, temporary]
    # While open: the -wal and -shm are scanned too.
    assert _holders(_files(*everything), caplog.text) == set()

    # rights export: the one place outside the base where the names may be
    files = write_rights_export(rights.full_record(database, person), exports)
    holders = _holders(_files(*everything, exports), caplog.text)
    assert files.json.name in holders  # the portable copy does hold them
    assert holders <= {files.pdf.name, files.json.name}
    database.audit("rights_export", record_id=person.id)

    # erase
    rights.erase(database, person)
    assert not any(canary in _decrypted_text(database) for canary in CANARIES)
    assert "CAN-0001" not in _decrypted_text(database)
    assert [e.action for e in audit.entries(database.connection)][-1] == "erasure"
    database.close()
    # The export was handed to the young person and removed from the service's computer.
    for path in _files(exports):
        path.unlink()
    assert _holders(_files(*everything, exports), caplog.text) == set()
    with Database.open(base, PASSPHRASE) as reopened:
        assert not any(canary in _decrypted_text(reopened) for canary in CANARIES)
