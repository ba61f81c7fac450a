"""The anchored audit log: a head witnessed outside the base (a statistics file, or the
hash printed on a report) exposes a rewritten, truncated or rolled-back log (issue 14)."""

from __future__ import annotations

import hashlib
import hmac
import json
import shutil
from pathlib import Path

import pytest

from sps_desk import cli
from sps_desk.reports.export import export_year
from sps_desk.store import audit, slots
from sps_desk.store.database import Database
from sps_desk.store.sync.identity import private_keys
from tests.conftest import PASSPHRASE
from tests.test_export import YEAR


@pytest.fixture
def witnessed(db: Database, tmp_path: Path) -> tuple[Path, Path]:
    """A closed base with a few entries, its copy before the export (``avant.sps``), and
    the exported file the Département keeps (the witness)."""
    for detail in ("1 fichier PDF", "2 fichiers PDF"):
        db.audit("register_printed", detail=detail)
    private_keys(db)  # the service's keys exist since its first export or laptop
    db.close()
    for suffix in ("", ".keys"):
        shutil.copy(f"{db.path}{suffix}", tmp_path / f"avant.sps{suffix}")
    with Database.open(db.path, PASSPHRASE) as database:
        witness = export_year(database, YEAR, tmp_path / "envoye.json").json
        database.audit("register_printed", detail="3 fichiers PDF")
    return db.path, witness


def _audit(base: Path, *extra: str) -> int:
    return cli.main(["audit", "--verify", "--db", str(base), *extra])


@pytest.fixture(autouse=True)
def _passphrase(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SPS_DESK_PASSPHRASE", PASSPHRASE)


def _rewrite(base: Path, seq: int, detail: str) -> None:
    """What someone holding the key does: change an entry and recompute every hash."""
    with Database.open(base, PASSPHRASE, defer_unlock_audit=True) as database:
        connection = database.connection
        key = audit.ensure_keyed(connection)
        connection.execute("UPDATE audit_log SET detail = ? WHERE seq = ?", (detail, seq))
        previous = audit.GENESIS
        for entry in audit.entries(connection):
            canonical = json.dumps([entry.seq, entry.at, entry.user_id, entry.action,
                                    entry.record_id, entry.detail], ensure_ascii=True,
                                   separators=(",", ":"))
            digest = hmac.new(key, (previous + canonical).encode("ascii"),
                              hashlib.sha256).hexdigest()
            connection.execute("UPDATE audit_log SET previous_hash = ?, hash = ? WHERE seq = ?",
                               (previous, digest, entry.seq))
            previous = digest
            last = entry.seq
        connection.execute("UPDATE meta SET value = ? WHERE key = 'audit_head'",
                           (f"{last}:{previous}",))


def test_an_intact_log_matches_its_witnesses(witnessed, capsys) -> None:
    base, witness = witnessed
    head = json.loads(witness.read_text(encoding="utf-8"))["audit_head"]["hash"]
    assert _audit(base, "--witness", str(witness), "--witness", head.upper()) == 0
    assert "intact, conforme à 2 témoin(s)" in capsys.readouterr().out


def test_a_rewritten_chain_is_refused_with_its_witness(witnessed, capsys) -> None:
    base, witness = witnessed
    _rewrite(base, 2, "0 fichier PDF")
    # Without a witness the rewriting is invisible: the key holder recomputed every hash.
    assert _audit(base) == 0
    capsys.readouterr()
    assert _audit(base, "--witness", str(witness)) == 1
    error = capsys.readouterr().err
    assert "journal d'audit altéré" in error and "envoye.json" in error
    assert "réécrit" in error
    head = json.loads(witness.read_text(encoding="utf-8"))["audit_head"]["hash"]
    assert _audit(base, "--witness", head) == 1
    assert "aucune entrée du journal ne correspond" in capsys.readouterr().err


def test_a_rewriting_after_the_witness_is_not_its_business(witnessed) -> None:
    base, witness = witnessed
    last = json.loads(witness.read_text(encoding="utf-8"))["audit_head"]["seq"]
    _rewrite(base, last + 2, "rien")  # an entry made after the file was sent
    assert _audit(base, "--witness", str(witness)) == 0


def test_a_truncated_chain_is_refused(witnessed, capsys) -> None:
    base, witness = witnessed
    seq = json.loads(witness.read_text(encoding="utf-8"))["audit_head"]["seq"]
    with Database.open(base, PASSPHRASE, defer_unlock_audit=True) as database:
        entries = audit.entries(database.connection)
        database.connection.execute("DELETE FROM audit_log WHERE seq >= ?", (seq,))
        kept = [e for e in entries if e.seq < seq][-1]
        database.connection.execute("UPDATE meta SET value = ? WHERE key = 'audit_head'",
                                    (f"{kept.seq}:{kept.hash}",))
    assert _audit(base) == 0  # consistent on its own
    assert _audit(base, "--witness", str(witness)) == 1
    assert f"finit à l'entrée {seq - 1} alors que le fichier envoye.json atteste une entrée " \
           f"{seq}" in capsys.readouterr().err


def test_a_base_rolled_back_to_an_older_copy_is_refused(witnessed, capsys) -> None:
    base, witness = witnessed
    for suffix in ("", ".keys"):
        shutil.copy(base.parent / f"avant.sps{suffix}", f"{base}{suffix}")
    assert _audit(base, "--witness", str(witness)) == 1
    assert "copie plus ancienne" in capsys.readouterr().err


def test_the_witness_survives_a_key_rotation(witnessed) -> None:
    base, witness = witnessed
    from sps_desk.store.revocation import rotate_database_key

    rotate_database_key(base, PASSPHRASE)
    assert _audit(base, "--witness", str(witness)) == 0


def test_another_services_file_is_no_witness(witnessed, tmp_path: Path, capsys) -> None:
    base, _ = witnessed
    with Database.create(tmp_path / "autre.sps", PASSPHRASE, "SPS Дмитрий") as other:
        foreign = export_year(other, YEAR, tmp_path / "autre.json").json
    assert _audit(base, "--witness", str(foreign)) == 1
    assert "autre.json n'a pas été signé par ce service" in capsys.readouterr().err
    assert slots.header_path(base).exists()
