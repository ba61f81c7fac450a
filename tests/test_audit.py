"""The hash-chained audit log: every alteration is detected."""

from __future__ import annotations

import uuid

import pytest

from sps_desk.store import audit
from sps_desk.store.database import Database
from tests.conftest import PASSPHRASE


@pytest.fixture
def logged(db: Database) -> Database:
    for _ in range(3):
        db.audit("identity_revealed", record_id=uuid.uuid4())
    db.audit("export", detail="1 fichier PDF")
    return db


def test_an_intact_log_verifies_and_holds_ids_only(logged: Database) -> None:
    entries = audit.entries(logged.connection)
    assert [e.action for e in entries] == [
        "base_created", "identity_revealed", "identity_revealed", "identity_revealed",
        "export"]
    assert [e.seq for e in entries] == list(range(1, 6))
    assert all(e.user_id == str(logged.current_user.id) for e in entries)  # type: ignore[union-attr]
    assert audit.verify(logged.connection) == []


@pytest.mark.parametrize(("tamper", "words"), [
    ("UPDATE audit_log SET detail = '2 fichiers PDF' WHERE seq = 5", "entrée 5 : contenu modifié"),
    ("UPDATE audit_log SET action = 'unlock' WHERE seq = 3", "entrée 3 : contenu modifié"),
    ("DELETE FROM audit_log WHERE seq = 4", "entrée 4 absente"),
    ("DELETE FROM audit_log WHERE seq = 5", "devrait finir à l'entrée 5"),
    ("UPDATE audit_log SET seq = seq + 100 WHERE seq = 3", "chaînage rompu"),
])
def test_an_altered_log_is_detected(logged: Database, tamper: str, words: str) -> None:
    logged.connection.execute(tamper)
    problems = audit.verify(logged.connection)
    assert any(words in p for p in problems), problems


def test_two_entries_swapped_are_detected(logged: Database) -> None:
    connection = logged.connection
    rows = {seq: connection.execute("SELECT at, user_id, action, record_id, detail, "
                                    "previous_hash, hash FROM audit_log WHERE seq = ?",
                                    (seq,)).fetchone() for seq in (3, 5)}
    for seq, other in ((3, 5), (5, 3)):
        connection.execute(
            "UPDATE audit_log SET at=?, user_id=?, action=?, record_id=?, detail=?, "
            "previous_hash=?, hash=? WHERE seq = ?", (*rows[other], seq))
    assert audit.verify(connection) != []


def test_the_log_survives_closing_and_records_failed_attempts(db_path) -> None:
    Database.create(db_path, PASSPHRASE, "SPS").close()
    with Database.open(db_path, PASSPHRASE, failed_attempts=2) as database:
        last = audit.entries(database.connection)[-2:]
        assert [(e.action, e.detail) for e in last] == [
            ("unlock_failed", "2 essai(s)"), ("unlock", "")]
        assert audit.verify(database.connection) == []
