"""A base in an older SQLCipher format is recognised, named and converted (issue 14);
before, it read as a damaged key file or a truncated base."""

from __future__ import annotations

import shutil
import stat
from pathlib import Path

import pytest
import sqlcipher3

from sps_desk.records import Sector
from sps_desk.store import audit, cipher_format, slots
from sps_desk.store.database import Database
from tests.conftest import PASSPHRASE


@pytest.fixture
def sqlcipher3_base(db: Database, tmp_path: Path) -> Path:
    """The test base re-written in SQLCipher 3's format (1 024-byte pages, HMAC-SHA1)
    under the same key, with the same key file: what an older sps_desk would have left."""
    db.repos.sectors.save(Sector(commune="Łódź-sur-Scarpe"))
    key, version = db.database_key, db.connection.execute("PRAGMA user_version").fetchone()[0]
    db.close()
    old = tmp_path / "ancienne.sps"
    connection = sqlcipher3.connect(str(db.path), isolation_level=None)
    connection.set_key(b"x'" + key.hex().encode() + b"'")  # type: ignore[union-attr]
    # Test only: SQLCipher's export to an attached base needs the key in the SQL text.
    connection.execute(f"ATTACH DATABASE '{old}' AS old KEY \"x'{key.hex()}'\"")  # type: ignore[union-attr]
    connection.execute("PRAGMA old.cipher_compatibility = 3")
    connection.execute("SELECT sqlcipher_export('old')")
    connection.execute(f"PRAGMA old.user_version = {version}")
    assert connection.execute("PRAGMA old.cipher_page_size").fetchone()[0] == "1024"
    connection.execute("DETACH DATABASE old")
    connection.close()
    shutil.copy(slots.header_path(db.path), slots.header_path(old))
    return old


def test_the_old_format_is_recognised_under_its_key(sqlcipher3_base: Path) -> None:
    header = slots.read_header(sqlcipher3_base)
    _, keys = slots.unlock_with_passphrase(header, PASSPHRASE)  # type: ignore[misc]
    assert cipher_format.old_format(sqlcipher3_base, keys[0]) == 3
    assert cipher_format.old_format(sqlcipher3_base, bytes(32)) is None


def test_an_sqlcipher_3_base_opens_converted_and_says_so(sqlcipher3_base: Path) -> None:
    with Database.open(sqlcipher3_base, PASSPHRASE) as database:
        assert [s.commune for s in database.repos.sectors.all()] == ["Łódź-sur-Scarpe"]
        entries = audit.entries(database.connection)
        converted = next(e for e in entries if e.action == "cipher_migrated")
        assert converted.detail == "format SQLCipher 3 → 4"
        assert audit.verify(database.connection) == []
    assert sqlcipher3_base.stat().st_size % 4096 == 0
    assert stat.S_IMODE(sqlcipher3_base.stat().st_mode) == 0o600
    with Database.open(sqlcipher3_base, PASSPHRASE) as database:  # now a current base
        assert [e.action for e in audit.entries(database.connection)].count(
            "cipher_migrated") == 1


def test_an_old_base_on_a_read_only_medium_is_named_with_the_remedy(
    sqlcipher3_base: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    before = sqlcipher3_base.read_bytes()

    def read_only(*_args: object) -> None:
        raise OSError(30, "Read-only file system")

    monkeypatch.setattr(cipher_format.shutil, "copyfile", read_only)
    with pytest.raises(cipher_format.OldCipherFormat) as refused:
        Database.open(sqlcipher3_base, PASSPHRASE)
    message = str(refused.value)
    assert message.startswith("ancienne.sps est une base d'une ancienne version de SQLCipher "
                              "(format 3)")
    assert "Copiez-la dans un dossier où vous pouvez écrire" in message
    assert sqlcipher3_base.read_bytes() == before
    assert [p.name for p in sqlcipher3_base.parent.iterdir()
            if p.name.startswith(".")] == []


def test_a_key_file_of_another_base_is_still_named_as_such(db: Database,
                                                           tmp_path: Path) -> None:
    db.close()
    other = tmp_path / "autre.sps"
    Database.create(other, PASSPHRASE, "SPS Дмитрий").close()
    shutil.copy(slots.header_path(other), slots.header_path(db.path))
    with pytest.raises(slots.KeyFileMismatch, match="n'ouvre pas cette base"):
        Database.open(db.path, PASSPHRASE)
