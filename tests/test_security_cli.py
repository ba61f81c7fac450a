"""``sps-desk`` security commands end to end, as subprocesses with production key costs."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
import sqlcipher3

from tests.conftest import PASSPHRASE
from tests.test_cli import run_cli

NEW = "Ørjan aime le thé vert à 7 h, Œnone préfère le café !"
ENV = {"SPS_DESK_PASSPHRASE": PASSPHRASE}


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def base(tmp_path: Path) -> Path:
    db = tmp_path / "s.sps"
    result = run_cli("init", "--db", str(db), "--service-name", "SPS Øresund",
                     "--recovery-key-out", str(tmp_path / "secours.txt"), env=ENV)
    assert result.returncode == 0, result.stderr
    (tmp_path / "new.txt").write_text(NEW + "\n", encoding="utf-8")
    return db


def test_init_writes_the_recovery_key_for_its_owner_only(base: Path) -> None:
    key_file = base.parent / "secours.txt"
    assert len(key_file.read_text(encoding="utf-8").strip().split("-")) == 13
    assert key_file.stat().st_mode & 0o077 == 0
    assert Path(f"{base}.keys").exists()


def test_init_refuses_a_weak_passphrase(tmp_path: Path) -> None:
    result = run_cli("init", "--db", str(tmp_path / "w.sps"),
                     env={"SPS_DESK_PASSPHRASE": "Motdepasse123!"})
    assert result.returncode == 1
    assert "trop faible" in result.stderr and "Rien n'a été modifié" in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_passwd_leaves_the_database_unchanged(base: Path) -> None:
    before = _sha(base)
    result = run_cli("passwd", "--db", str(base), "--new-passphrase-file",
                     str(base.parent / "new.txt"), env=ENV)
    assert result.returncode == 0, result.stderr
    assert _sha(base) == before
    assert run_cli("audit", "--db", str(base), "--verify", env=ENV).returncode == 1
    assert run_cli("audit", "--db", str(base), "--verify",
                   env={"SPS_DESK_PASSPHRASE": NEW}).returncode == 0


def test_recover_then_rekey(base: Path) -> None:
    folder = base.parent
    wrong = folder / "faux.txt"
    wrong.write_text("AAAA-" * 12 + "AAAA\n", encoding="utf-8")
    refused = run_cli("recover", "--db", str(base), "--recovery-key-file", str(wrong),
                      "--new-passphrase-file", str(folder / "new.txt"))
    assert refused.returncode == 1 and "Clé de secours" in refused.stderr
    recovered = run_cli("recover", "--db", str(base), "--recovery-key-file",
                        str(folder / "secours.txt"), "--new-passphrase-file",
                        str(folder / "new.txt"))
    assert recovered.returncode == 0, recovered.stderr
    new_env = {"SPS_DESK_PASSPHRASE": NEW}
    before = base.read_bytes()
    rekeyed = run_cli("rekey", "--db", str(base), "--recovery-key-out",
                      str(folder / "secours-2.txt"), env=new_env)
    assert rekeyed.returncode == 0, rekeyed.stderr
    assert base.read_bytes()[:4096] != before[:4096]
    listing = run_cli("audit", "--db", str(base), env=new_env)
    assert listing.returncode == 0, listing.stderr
    for label in ("ouverture avec la clé de secours", "changement de la clé de la base"):
        assert label in listing.stdout
    # The old recovery key no longer opens; the new one does.
    old = run_cli("recover", "--db", str(base), "--recovery-key-file",
                  str(folder / "secours.txt"), "--new-passphrase-file", str(folder / "new.txt"))
    assert old.returncode == 1


def test_an_edited_audit_log_fails_verification(base: Path) -> None:
    from sps_desk.store.database import Database

    with Database.open(base, PASSPHRASE) as database:
        database.connection.execute("UPDATE audit_log SET user_id = NULL WHERE seq = 1")
    result = run_cli("audit", "--db", str(base), "--verify", env=ENV)
    assert result.returncode == 1
    assert "journal d'audit altéré" in result.stderr and "entrée 1" in result.stderr


def test_rights_commands_refuse_an_unknown_code(base: Path) -> None:
    for command in (["rights-export", "--young", "ZZZ-999", "--out", str(base.parent / "o")],
                    ["erase", "--young", "ZZZ-999"]):
        result = run_cli(command[0], "--db", str(base), *command[1:], env=ENV)
        assert result.returncode == 1 and "Aucun jeune n'a ce code" in result.stderr
    dry = run_cli("purge", "--db", str(base), "--dry-run", env=ENV)
    assert dry.returncode == 0 and "0 jeune(s)" in dry.stdout


def test_the_raw_key_is_not_the_passphrase(base: Path) -> None:
    connection = sqlcipher3.connect(str(base))
    connection.set_key(PASSPHRASE.encode("utf-8"))
    with pytest.raises(sqlcipher3.DatabaseError):
        connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
    connection.close()
