"""Argon2id bounds checked before any derivation, slot headers bound to the private key,
and version-1 key files migrated at their next unlock (issue 14)."""

from __future__ import annotations

import json
import shutil
import time
from pathlib import Path

import pytest

from sps_desk.inputs import InputRefused
from sps_desk.store import access, audit, slots
from sps_desk.store.database import Database
from sps_desk.store.errors import WrongPassphrase
from tests.conftest import PASSPHRASE

FIXTURE = Path(__file__).parent / "fixtures" / "keys-v1"
CHIEF_V1 = "Cœur-de-lion ğüş 2025 ! phrase de test"
"""Passphrase of the fixture's chief (the test passphrase of the time)."""
EDUCATOR = "Çağrı garde 3 vélos bleus sous l'escalier de Łucja #"
"""Passphrase of the fixture's educator « Łucja K. »."""
NEW = "Ørjan aime le thé vert à 7 h, Œnone préfère le café !"


def _edit_chief_kdf(db_path: Path, **changes: object) -> None:
    header_file = slots.header_path(db_path)
    document = json.loads(header_file.read_text(encoding="utf-8"))
    chief = next(s for s in document["slots"] if s["kind"] == "passphrase")
    chief["kdf"].update(changes)
    header_file.write_text(json.dumps(document), encoding="utf-8")


@pytest.fixture
def closed(db: Database) -> Path:
    db.close()
    return db.path


@pytest.mark.parametrize(("changes", "words"), [
    ({"time_cost": 1, "memory_kib": 64, "parallelism": 1}, "64 Kio de mémoire"),
    ({"time_cost": 4000}, "4000 passe(s)"),
    ({"memory_kib": 8, "parallelism": 4}, "8 Kio de mémoire"),
    ({"time_cost": 1, "memory_kib": 8 * 1024}, "en dessous du coût minimal"),
    ({"time_cost": 8, "memory_kib": 1024 * 1024}, "au-dessus du coût maximal"),
    ({"parallelism": 0}, "0 voie(s)"),
])
def test_a_slot_out_of_bounds_is_refused_before_any_derivation(
    closed: Path, changes: dict[str, int], words: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    _edit_chief_kdf(closed, **changes)

    def no_derivation(*_args: object) -> bytes:
        raise AssertionError("Argon2id must not run on a refused slot")

    monkeypatch.setattr(slots, "_passphrase_kek", no_derivation)
    started = time.monotonic()
    with pytest.raises(slots.KdfOutOfBounds) as refused:
        Database.open(closed, PASSPHRASE)
    assert time.monotonic() - started < 2
    message = str(refused.value)
    assert "service.sps.keys" in message and words in message
    assert "Restaurez-le depuis une sauvegarde" in message


def test_a_cost_of_the_wrong_type_is_a_damaged_key_file(closed: Path) -> None:
    _edit_chief_kdf(closed, time_cost="3")
    with pytest.raises(slots.KeyFileCorrupt, match=r"service\.sps\.keys"):
        Database.open(closed, PASSPHRASE)


def test_the_test_and_production_costs_are_within_the_bounds() -> None:
    assert slots.TEST_COST.problem() is None
    assert slots.PRODUCTION_COST.problem() is None
    assert slots.KDF_CEILING.problem() is not None  # 10 passes of 1 GiB: over the work cap


@pytest.mark.parametrize("field", ["time_cost", "memory_kib", "salt", "created_at", "user_id"])
def test_a_slot_header_edited_within_the_bounds_no_longer_opens(closed: Path,
                                                                 field: str) -> None:
    """The associated data covers every field: raising the cost, changing the salt, the
    owner or the creation time leaves a slot that opens nothing."""
    header_file = slots.header_path(closed)
    document = json.loads(header_file.read_text(encoding="utf-8"))
    chief = next(s for s in document["slots"] if s["kind"] == "passphrase")
    if field in ("time_cost", "memory_kib"):
        chief["kdf"][field] += 1
    elif field == "salt":
        chief["kdf"]["salt"] = "AAAAAAAAAAAAAAAAAAAAAA=="
    elif field == "created_at":
        chief["created_at"] = "2020-01-01T00:00:00+00:00"
    else:
        chief["user_id"] = "00000000-0000-4000-8000-000000000000"
    header_file.write_text(json.dumps(document), encoding="utf-8")
    with pytest.raises(WrongPassphrase):
        Database.open(closed, PASSPHRASE)


def test_the_aad_version_cannot_be_lowered(closed: Path) -> None:
    header_file = slots.header_path(closed)
    document = json.loads(header_file.read_text(encoding="utf-8"))
    for slot in document["slots"]:
        slot["aad"] = 1
    header_file.write_text(json.dumps(document), encoding="utf-8")
    with pytest.raises(WrongPassphrase):
        Database.open(closed, PASSPHRASE)


def test_an_oversized_key_file_is_refused_unread(closed: Path) -> None:
    slots.header_path(closed).write_bytes(b" " * (slots.MAX_HEADER_BYTES + 1))
    with pytest.raises(InputRefused, match=r"\(fichier de clés\).*la limite de 1 Mo"):
        Database.open(closed, PASSPHRASE)


@pytest.fixture
def legacy(tmp_path: Path) -> Path:
    """A copy of a base and key file written by the version before issue 14 (header
    version 1, unkeyed SHA-256 audit chain)."""
    for name in ("service.sps", "service.sps.keys"):
        shutil.copy(FIXTURE / name, tmp_path / name)
    return tmp_path / "service.sps"


def _versions(db_path: Path) -> tuple[int, dict[str | None, int]]:
    document = json.loads(slots.header_path(db_path).read_text(encoding="utf-8"))
    return document["version"], {s["user_id"]: s.get("aad", 1) for s in document["slots"]}


def test_a_version_1_key_file_opens_and_each_slot_migrates_at_its_own_unlock(
    legacy: Path,
) -> None:
    version, before = _versions(legacy)
    assert version == 1 and set(before.values()) == {1}
    with Database.open(legacy, CHIEF_V1) as chief:
        chief_id = str(chief.current_user.id)  # type: ignore[union-attr]
        assert [s.commune for s in chief.repos.sectors.all()] == ["Łódź-sur-Scarpe"]
    version, after = _versions(legacy)
    assert version == 2
    assert after[chief_id] == 2
    assert sorted(after.values()) == [1, 1, 2]  # the educator's and the recovery slot wait
    with Database.open(legacy, EDUCATOR) as educator:
        assert educator.current_user.display_name == "Łucja K."  # type: ignore[union-attr]
    recovery = (FIXTURE / "recovery-key.txt").read_text(encoding="utf-8").strip()
    Database.open_with_recovery(legacy, recovery).close()
    assert set(_versions(legacy)[1].values()) == {2}
    # Migrated slots keep opening, and a second opening rewrites nothing.
    header = slots.header_path(legacy).read_bytes()
    Database.open(legacy, EDUCATOR, defer_unlock_audit=True).close()
    assert slots.header_path(legacy).read_bytes() == header


def test_the_legacy_audit_chain_is_checked_then_keyed(legacy: Path) -> None:
    with Database.open(legacy, CHIEF_V1) as database:
        chain = audit.entries(database.connection)
        keyed = next(e for e in chain if e.action == "audit_keyed")
        assert keyed.detail.endswith("ancien chaînage intact")
        assert keyed.detail.startswith(f"{keyed.seq - 1} entrée(s)")
        assert audit.verify(database.connection) == []
        assert audit.head(database) == chain[-1].hash


def test_a_legacy_chain_broken_before_the_upgrade_stays_on_record(legacy: Path) -> None:
    # Tamper with the old chain through the old code's own key (the raw database key).
    header = slots.read_header(legacy)
    _, keys = slots.unlock_with_passphrase(header, CHIEF_V1)  # type: ignore[misc]
    import sqlcipher3

    from sps_desk.store.keys import apply_raw_key

    connection = sqlcipher3.connect(str(legacy), isolation_level=None)
    apply_raw_key(connection, keys[0])
    connection.execute("UPDATE audit_log SET detail = 'retouché' WHERE seq = 2")
    connection.close()
    with Database.open(legacy, CHIEF_V1) as database:
        keyed = next(e for e in audit.entries(database.connection)
                     if e.action == "audit_keyed")
        assert "ancien chaînage rompu (1 anomalie(s))" in keyed.detail


def test_a_slot_migration_keeps_a_change_made_meanwhile(legacy: Path) -> None:
    """The migrated slot is applied to the header as it is when the base has opened: a
    passphrase changed by another user in between is not undone."""
    header = slots.read_header(legacy)  # as read before the chief's unlock
    chief_slot, keys = slots.unlock_with_passphrase(header, CHIEF_V1)  # type: ignore[misc]
    access.change_passphrase(legacy, EDUCATOR, NEW)  # meanwhile, on another computer
    Database._open_with_keys(legacy, keys, chief_slot.user_id, header,
                             upgraded=chief_slot).close()
    Database.open(legacy, NEW).close()
    with pytest.raises(WrongPassphrase):
        Database.open(legacy, EDUCATOR)
    assert _versions(legacy)[1][chief_slot.user_id] == 2
