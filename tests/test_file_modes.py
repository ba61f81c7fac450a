"""The base and its key file are created 0600; no worksheet or PDF content ever goes to
the system temp folder (issue 14)."""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path

import pytest

from sps_desk.reports.annual import write_annual_report
from sps_desk.reports.consolidation import consolidate_files, load_statistics_file
from sps_desk.reports.export import export_year
from sps_desk.store import access, slots
from sps_desk.store.database import Database
from sps_desk.store.revocation import rotate_database_key
from tests.conftest import PASSPHRASE
from tests.test_export import YEAR, fill


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def open_umask() -> object:
    """The usual umask of a desktop session (files 0644 unless asked otherwise)."""
    previous = os.umask(0o022)
    yield
    os.umask(previous)


def test_the_base_and_its_key_file_are_created_for_their_owner_only(
    open_umask: object, tmp_path: Path,
) -> None:
    path = tmp_path / "service.sps"
    with Database.create(path, PASSPHRASE, "SPS Ğüzelyurt") as database:
        database.audit("register_printed")
        companions = [Path(f"{path}{suffix}") for suffix in ("-wal", "-shm")]
        assert all(p.exists() for p in companions)
        assert all(_mode(p) == 0o600 for p in companions)
    assert _mode(path) == 0o600
    assert _mode(slots.header_path(path)) == 0o600
    # Rewriting the key file, or the whole base with a new key, keeps them owner-only.
    with Database.open(path, PASSPHRASE) as database:
        access.replace_recovery_key(database)
    assert _mode(slots.header_path(path)) == 0o600
    rotate_database_key(path, PASSPHRASE)
    assert _mode(path) == 0o600 and _mode(slots.header_path(path)) == 0o600


def test_an_older_base_left_readable_by_others_is_closed_at_opening(
    open_umask: object, db: Database,
) -> None:
    db.close()
    for file in (db.path, slots.header_path(db.path)):
        os.chmod(file, 0o644)
    Database.open(db.path, PASSPHRASE).close()
    assert _mode(db.path) == 0o600 and _mode(slots.header_path(db.path)) == 0o600


@pytest.fixture
def no_temp_folder(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Any use of the system temp folder fails: it points to a folder that does not exist."""
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "pas-de-dossier-temporaire"))
    with pytest.raises(FileNotFoundError):
        tempfile.mkstemp()


def test_no_worksheet_or_pdf_goes_through_the_temp_folder(
    db: Database, tmp_path: Path, no_temp_folder: None,
) -> None:
    fill(db)
    exported = export_year(db, YEAR, tmp_path / "statistiques.json")
    report = write_annual_report(db, YEAR, tmp_path / "rapport")
    fingerprint = load_statistics_file(exported.json).signature.fingerprint
    consolidated = consolidate_files([exported.json], tmp_path / "departement",
                                     trust=[fingerprint])
    for written in (exported.xlsx, report.pdf, report.xlsx, consolidated.pdf,
                    consolidated.xlsx):
        assert written.stat().st_size > 1000
    # Nothing was left beside the outputs either.
    leftovers = [p for p in tmp_path.rglob("*") if p.name.startswith(".")
                 or p.suffix == ".tmp"]
    assert leftovers == []
