"""A purge writes its destruction certificate first: on a full disk nothing is purged,
and a purge that went through always has its certificate (issue 13, point 5)."""

from __future__ import annotations

import subprocess
from datetime import date
from pathlib import Path

import pytest

from sps_desk import atomic
from sps_desk.enums import EndReason, SupportOrigin
from sps_desk.records import IndividualSupport, YoungPerson
from sps_desk.reports.privacy_documents import purge_with_certificate
from sps_desk.store import retention
from sps_desk.store.database import Database
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
