"""Key slots: passphrases, recovery key, users, rotation, policy — on real SQLCipher bases."""

from __future__ import annotations

import hashlib
import json
import shutil
import sqlite3
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sps_desk.passphrases import WeakPassphrase, assess, generate_passphrase
from sps_desk.records import Sector
from sps_desk.store import access, audit, slots, users
from sps_desk.store.database import Database
from sps_desk.store.errors import DatabaseExists, WrongPassphrase
from tests.conftest import PASSPHRASE

NEW = "Ørjan aime le thé vert à 7 h, Œnone préfère le café !"
OTHER = "Çağrı garde 3 vélos bleus sous l'escalier de Łucja #"


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _make(path: Path) -> str:
    """A base with one sector; returns its recovery key."""
    with Database.create(path, PASSPHRASE, "SPS Ğazi") as database:
        database.repos.sectors.save(Sector(commune="Łódź-sur-Scarpe"))
        key = database.recovery_key
    assert key is not None
    return key


def test_the_header_holds_wrapped_keys_only(db_path: Path) -> None:
    recovery = _make(db_path)
    header_file = slots.header_path(db_path)
    assert header_file.name == "service.sps.keys"
    document = json.loads(header_file.read_text(encoding="utf-8"))
    assert document["format"] == "sps-desk-key-slots" and document["version"] == 2
    assert sorted(s["kind"] for s in document["slots"]) == ["passphrase", "recovery"]
    raw = header_file.read_bytes()
    for secret in (PASSPHRASE, recovery, recovery.replace("-", "")):
        assert secret.encode("utf-8") not in raw
    # The file is not keyed by the passphrase: SQLCipher refuses it as its key.
    import sqlcipher3

    connection = sqlcipher3.connect(str(db_path))
    connection.set_key(PASSPHRASE.encode("utf-8"))
    with pytest.raises(sqlcipher3.DatabaseError):
        connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
    connection.close()


def test_the_first_user_is_the_chief(db: Database) -> None:
    assert db.is_chief and db.role == "chief"
    assert [u.display_name for u in users.active(db.connection)] == ["Chef de service"]


def test_a_passphrase_change_leaves_the_database_bytes_unchanged(db_path: Path) -> None:
    _make(db_path)
    before = _sha(db_path)
    header_before = _sha(slots.header_path(db_path))
    access.change_passphrase(db_path, PASSPHRASE, NEW)
    assert _sha(db_path) == before
    assert _sha(slots.header_path(db_path)) != header_before
    with pytest.raises(WrongPassphrase):
        Database.open(db_path, PASSPHRASE)
    with Database.open(db_path, NEW) as database:
        assert [s.commune for s in database.repos.sectors.all()] == ["Łódź-sur-Scarpe"]
        actions = [e.action for e in audit.entries(database.connection)]
    assert actions[-2:] == ["passphrase_changed", "unlock"]


def test_a_wrong_passphrase_changes_no_byte_of_base_or_header(db_path: Path) -> None:
    _make(db_path)
    files = sorted(db_path.parent.iterdir())
    before = {p.name: _sha(p) for p in files}
    with pytest.raises(WrongPassphrase):
        Database.open(db_path, PASSPHRASE + " ")
    with pytest.raises(WrongPassphrase):
        access.change_passphrase(db_path, "Ğazi n'est pas la phrase 12 !", NEW)
    assert {p.name: _sha(p) for p in sorted(db_path.parent.iterdir())} == before


def test_a_lost_passphrase_is_recovered_with_the_recovery_key(db_path: Path) -> None:
    recovery = _make(db_path)
    typed = recovery.lower().replace("-", " ")  # as a user might type it from the sheet
    chief = access.recover(db_path, typed, NEW)
    assert chief.is_chief
    with pytest.raises(WrongPassphrase):
        Database.open(db_path, PASSPHRASE)
    with Database.open(db_path, NEW) as database:
        assert database.is_chief
        assert len(database.repos.sectors.all()) == 1
        actions = [e.action for e in audit.entries(database.connection)]
    assert "recovery_used" in actions and "passphrase_recovered" in actions


def test_a_wrong_or_mistyped_recovery_key_is_refused(db_path: Path, tmp_path: Path) -> None:
    _make(db_path)
    other_recovery = _make(tmp_path / "autre.sps")
    header_before = _sha(slots.header_path(db_path))
    with pytest.raises(slots.WrongRecoveryKey, match="Clé de secours incorrecte"):
        access.recover(db_path, other_recovery, NEW)
    broken = other_recovery[:-1] + ("A" if other_recovery[-1] != "A" else "B")
    with pytest.raises(slots.MalformedRecoveryKey, match="mal formée"):
        access.recover(db_path, broken, NEW)
    assert _sha(slots.header_path(db_path)) == header_before
    Database.open(db_path, PASSPHRASE).close()


@given(st.binary(min_size=30, max_size=30))
def test_every_recovery_key_reads_back(secret: bytes) -> None:
    text = slots.format_recovery_key(secret)
    assert len(text.split("-")) == 13
    assert slots.parse_recovery_key(text) == secret
    assert slots.parse_recovery_key(f"  {text.lower()} ") == secret


def test_users_each_open_with_their_own_passphrase(db: Database) -> None:
    educator = access.add_user(db, "Łucja K.", "educator", OTHER)
    db.close()
    with Database.open(db.path, OTHER) as as_educator:
        assert as_educator.current_user == educator and not as_educator.is_chief
        with pytest.raises(users.ChiefOnly, match="réservée au chef"):
            access.add_user(as_educator, "Ğazi", "educator", NEW)
    with Database.open(db.path, PASSPHRASE) as as_chief:
        with pytest.raises(users.LastChief):
            access.remove_user(as_chief, as_chief.current_user.id)  # type: ignore[union-attr]
        access.remove_user(as_chief, educator.id)
    with pytest.raises(WrongPassphrase):
        Database.open(db.path, OTHER)


def test_a_copy_without_its_header_says_so(db_path: Path, tmp_path: Path) -> None:
    _make(db_path)
    copy = tmp_path / "copie.sps"
    shutil.copy(db_path, copy)
    with pytest.raises(slots.KeyFileMissing, match=r"copie\.sps\.keys"):
        Database.open(copy, PASSPHRASE)
    with pytest.raises(DatabaseExists):
        Database.create(db_path, PASSPHRASE, "SPS")


def test_rekey_changes_every_page_and_keeps_every_way_in(db: Database) -> None:
    access.add_user(db, "Œnone", "educator", OTHER)
    db.close()
    path = db.path
    before = path.read_bytes()
    new_recovery = access.rekey(path, PASSPHRASE, new_recovery_key=True)
    after = path.read_bytes()
    assert len(after) == len(before)
    pages = len(before) // 4096
    assert all(before[i * 4096:(i + 1) * 4096] != after[i * 4096:(i + 1) * 4096]
               for i in range(pages))
    for passphrase in (PASSPHRASE, OTHER):
        Database.open(path, passphrase).close()
    assert new_recovery is not None
    access.recover(path, new_recovery, NEW)
    Database.open(path, NEW).close()
    with pytest.raises(sqlite3.DatabaseError):
        sqlite3.connect(path).execute("SELECT * FROM sqlite_master").fetchall()


def test_an_interrupted_rekey_still_opens(db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    db.close()

    def power_cut(*args: object) -> None:
        raise OSError("coupure")

    monkeypatch.setattr(access.shutil, "copyfile", power_cut)
    with pytest.raises(OSError):
        access.rekey(db.path, PASSPHRASE)
    monkeypatch.undo()
    header = slots.read_header(db.path)
    assert all(len(s.sealed) == 2 for s in header.slots)  # old and new key pending
    Database.open(db.path, PASSPHRASE).close()
    assert all(len(s.sealed) == 1 for s in slots.read_header(db.path).slots)


def test_a_weak_passphrase_is_refused_and_cnil_examples_accepted(db_path: Path) -> None:
    _make(db_path)
    for weak in ("password", "Motdepasse123!", "azertyuiop1234!A", "Élodie à Mâcon"):
        assert not assess(weak).accepted
        with pytest.raises(WeakPassphrase, match="trop faible"):
            access.change_passphrase(db_path, PASSPHRASE, weak)
    # CNIL examples: 12 random characters of four kinds; 7 random words.
    for strong in ("k7#Qm!x2Rv@p", "linge candidat raya donation trembler bauxite ganglion",
                   generate_passphrase()):
        strength = assess(strong)
        assert strength.accepted and strength.bits >= 80


def test_generated_passphrases_are_seven_french_words() -> None:
    phrases = {generate_passphrase() for _ in range(20)}
    assert len(phrases) == 20
    for phrase in phrases:
        assert len(phrase.split(" ")) == 7
        assert assess(phrase).accepted
