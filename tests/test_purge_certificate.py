"""A purge writes its destruction certificate first: on a full disk nothing is purged, a
purge whose commit fails leaves no certificate, and a purge that went through always has
its certificate, even when the process is killed half-way (issue 13, point 3)."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import textwrap
from datetime import date
from pathlib import Path

import pytest
import sqlcipher3

from sps_desk import atomic
from sps_desk.enums import EndReason, SupportOrigin
from sps_desk.records import IndividualSupport, YoungPerson
from sps_desk.reports.privacy_documents import NothingToPurge, purge_with_certificate
from sps_desk.store import retention
from sps_desk.store.database import Database
from tests.conftest import PASSPHRASE
from tests.disk_support import fill, small_disk

TODAY = date(2026, 6, 1)


@pytest.fixture
def expired(db: Database) -> Database:
    """A base with two young people whose supports ended in 2022 (due in 2026)."""
    for code in ("Ğ-0001", "Ж-0002"):
        young = db.repos.young_people.save(YoungPerson(code=code, nickname="Zoé"))
        db.repos.supports.save(IndividualSupport(
            young_person_id=young.id, start_date=date(2022, 1, 10),
            origin=SupportOrigin.PEERS, end_date=date(2022, 3, 1),
            end_reason=EndReason.GOAL_REACHED))
    assert len(retention.due(db, TODAY)) == 2
    return db


def test_no_room_for_the_certificate_means_no_purge(expired: Database, tmp_path: Path) -> None:
    with small_disk(tmp_path, "1m") as disk:
        fill(disk)
        with pytest.raises(atomic.AtomicWriteFailed, match="le disque est plein"):
            purge_with_certificate(expired, TODAY, disk)
        assert sorted(p.name for p in disk.iterdir()) == ["remplissage.bin"]
    assert len(retention.due(expired, TODAY)) == 2  # nobody was anonymised
    assert [e for e in expired.connection.execute(
        "SELECT action FROM audit_log WHERE action = 'purge'")] == []


def test_a_purge_comes_with_its_certificate(expired: Database, tmp_path: Path) -> None:
    result, certificate = purge_with_certificate(expired, TODAY, tmp_path)
    assert result.anonymised == 2 and retention.due(expired, TODAY) == []
    text = subprocess.run(["pdftotext", "-layout", str(certificate), "-"],
                          capture_output=True, text=True, check=True).stdout
    assert "Certificat de destruction" in text and "jeunes anonymisés" in text
    assert "Ğ-0001" not in text
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def _certificates(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith("certificat-"))


def test_a_purge_whose_commit_fails_leaves_no_certificate(expired: Database, tmp_path: Path,
                                                          monkeypatch) -> None:
    original = Database.transaction

    @contextlib.contextmanager
    def commit_fails(self: Database):
        outer = not self.connection.in_transaction
        with original(self) as connection:
            yield connection
            if outer and _certificates(tmp_path):
                raise sqlcipher3.OperationalError("database or disk is full")

    monkeypatch.setattr(Database, "transaction", commit_fails)
    with pytest.raises(sqlcipher3.OperationalError):
        purge_with_certificate(expired, TODAY, tmp_path)
    monkeypatch.undo()
    assert _certificates(tmp_path) == []  # no certificate for a purge that did not happen
    assert len(retention.due(expired, TODAY)) == 2


_KILLED_PURGE = textwrap.dedent("""
    import os, signal, sys
    from datetime import date
    from pathlib import Path
    from sps_desk import atomic
    from sps_desk.reports.privacy_documents import NothingToPurge, purge_with_certificate
    from sps_desk.store.database import Database

    write_file = atomic.write_file
    def then_die(path, data, **options):
        write_file(path, data, **options)
        if path.name.startswith("certificat-"):
            os.kill(os.getpid(), signal.SIGKILL)  # the certificate is in place, no commit
    atomic.write_file = then_die
    with Database.open(Path(sys.argv[1]), sys.argv[2]) as database:
        purge_with_certificate(database, date(2026, 6, 1), Path(sys.argv[3]))
""")


def test_a_purge_killed_after_its_certificate_is_done_by_the_next_one(
        expired: Database, tmp_path: Path) -> None:
    path = expired.path
    expired.close()
    out = tmp_path / "certificats"
    out.mkdir()
    killed = subprocess.run(
        [sys.executable, "-c", _KILLED_PURGE, str(path), PASSPHRASE, str(out)],
        env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent)},
        capture_output=True, text=True)
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    assert len(_certificates(out)) == 1
    with Database.open(path, PASSPHRASE) as database:
        assert len(retention.due(database, TODAY)) == 2  # nothing purged without it
        result, certificate = purge_with_certificate(database, TODAY, out)
        assert result.anonymised == 2 and retention.due(database, TODAY) == []
    assert certificate.exists()


def test_nobody_due_is_said_and_writes_nothing(db: Database, tmp_path: Path) -> None:
    out = tmp_path / "certificats"
    out.mkdir()
    with pytest.raises(NothingToPurge, match="Aucun jeune à anonymiser"):
        purge_with_certificate(db, TODAY, out)
    assert list(out.iterdir()) == []
