"""``sps-desk backup``, ``restore``, ``backups``, and the key files of ``init`` and
``rekey`` on a full disk, run as a user runs them (subprocesses, production KDF cost)."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from sps_desk.records import YoungPerson
from sps_desk.store.database import Database
from tests.backup_support import kill_after, nicknames, start_holder, start_writer
from tests.conftest import PASSPHRASE
from tests.disk_support import fill, small_disk
from tests.test_cli import run_cli

ENV = {"SPS_DESK_PASSPHRASE": PASSPHRASE}


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A base made by ``init`` with its recovery key file, holding two young people."""
    folder = tmp_path_factory.mktemp("cli-sauvegarde")
    base, key = folder / "service.sps", folder / "clé-de-secours.txt"
    result = run_cli("init", "--db", str(base), "--service-name", "SPS Øresund",
                     "--recovery-key-out", str(key), env=ENV)
    assert result.returncode == 0, result.stderr
    with Database.open(base, PASSPHRASE) as database:
        for name in ("Zoé Ğüzel", "أمينة"):
            database.repos.young_people.save(YoungPerson(nickname=name))
    return base, key


def _copy_base(made: tuple[Path, Path], folder: Path) -> Path:
    base, _ = made
    folder.mkdir(exist_ok=True)
    for suffix in ("", ".keys"):
        Path(f"{folder / base.name}{suffix}").write_bytes(Path(f"{base}{suffix}").read_bytes())
    return folder / base.name


def _digest(*paths: Path) -> list[str]:
    return [hashlib.sha256(p.read_bytes()).hexdigest() if p.exists() else "-" for p in paths]


def test_backup_then_crash_then_restore_gives_back_the_backed_up_records(
        made, tmp_path: Path) -> None:
    base = _copy_base(made, tmp_path / "données")
    key = made[1]
    written = run_cli("backup", "--db", str(base), "--to", str(tmp_path / "clé USB"), env=ENV)
    assert written.returncode == 0, written.stderr
    assert written.stdout.startswith(f"Sauvegarde écrite et vérifiée : {tmp_path / 'clé USB'}")
    [backup] = (tmp_path / "clé USB").iterdir()
    # More work, then the laptop dies while writing.
    acknowledged = kill_after(start_writer(base, PASSPHRASE, "Après"), 25)
    restored = run_cli("restore", "--from", str(backup), "--db", str(base), env=ENV)
    assert restored.returncode == 0, restored.stderr
    assert restored.stdout.splitlines()[0].startswith("Sauvegarde du ")
    assert "La base remplacée est gardée sous le nom service-avant-restauration-" in \
        restored.stdout
    with Database.open(base, PASSPHRASE) as database:
        assert nicknames(database) == ["Zoé Ğüzel", "أمينة"]
    recovery = key.read_text(encoding="utf-8").strip()
    with Database.open_with_recovery(base, recovery) as database:
        assert nicknames(database) == ["Zoé Ğüzel", "أمينة"]
    # Nothing acknowledged is lost: the crashed base is beside, whole.
    [aside] = [p for p in base.parent.glob("service-avant-restauration-*.sps")]
    with Database.open(aside, PASSPHRASE) as database:
        assert set(acknowledged) <= {str(p.id) for p in database.repos.young_people.all()}


def test_restore_with_the_recovery_key_and_the_list_of_backups(made, tmp_path: Path) -> None:
    base = _copy_base(made, tmp_path / "données")
    written = run_cli("backup", "--db", str(base), "--to", str(tmp_path / "s"), env=ENV)
    assert written.returncode == 0, written.stderr
    listing = run_cli("backups", "--db", str(base), "--in", str(tmp_path / "s"), env=ENV)
    assert listing.returncode == 0, listing.stderr
    assert "1 sauvegarde(s) de cette base dans" in listing.stdout and "demandée" in listing.stdout
    [backup] = (tmp_path / "s").iterdir()
    with Database.open(base, PASSPHRASE) as database:
        database.repos.young_people.save(YoungPerson(nickname="Дмитрий"))
    result = run_cli("restore", "--from", str(backup / "sauvegarde.json"), "--db", str(base),
                     "--recovery-key-file", str(made[1]))
    assert result.returncode == 0, result.stderr
    with Database.open(base, PASSPHRASE) as database:
        assert nicknames(database) == ["Zoé Ğüzel", "أمينة"]


def test_rekey_is_refused_while_the_base_is_open(made, tmp_path: Path) -> None:
    base = _copy_base(made, tmp_path / "données")
    holder = start_holder(base, PASSPHRASE)
    try:
        before = _digest(base, Path(f"{base}.keys"))
        result = run_cli("rekey", "--db", str(base), env=ENV)
        assert result.returncode == 1
        assert result.stderr == (
            "sps-desk : La base service.sps est ouverte ailleurs (la fenêtre de l'application, "
            "une autre commande sps-desk, ou un autre ordinateur par le réseau), et ce qui "
            "s'y écrit serait perdu : fermez-la, puis recommencez le changement de clé. Rien "
            "n'a été modifié.\n")
        assert _digest(base, Path(f"{base}.keys")) == before
    finally:
        holder.kill()
        holder.wait()


def test_init_and_rekey_keep_their_recovery_key_on_a_full_disk(made, tmp_path: Path) -> None:
    with small_disk(tmp_path, "6m") as disk:
        base = _copy_base(made, disk / "données")
        filler = fill(disk, leave=0)
        key = disk / "clé.txt"
        # init: no base without its key sheet, and nothing half-written to block a retry.
        result = run_cli("init", "--db", str(disk / "neuve.sps"), "--recovery-key-out",
                         str(key), env=ENV)
        assert result.returncode == 1 and "plein" in result.stderr
        assert sorted(p.name for p in disk.iterdir()) == ["données", "remplissage.bin"]
        # rekey: the key file is written and checked before the key changes.
        before = _digest(base, Path(f"{base}.keys"))
        result = run_cli("rekey", "--db", str(base), "--recovery-key-out", str(key), env=ENV)
        assert result.returncode == 1 and "plein" in result.stderr, result.stderr
        assert not key.exists() and _digest(base, Path(f"{base}.keys")) == before
        filler.unlink()
        result = run_cli("rekey", "--db", str(base), "--recovery-key-out", str(key), env=ENV)
        assert result.returncode == 0, result.stderr
        recovery = key.read_text(encoding="utf-8").strip()
        Database.open_with_recovery(base, recovery).close()
        Database.open(base, PASSPHRASE).close()


def test_a_report_that_fails_on_a_full_output_disk_leaves_the_base_unchanged(
        made, tmp_path: Path) -> None:
    base = _copy_base(made, tmp_path / "données")
    # A first report makes the service's signing key, once; after that a run that fails
    # has nothing to write.
    first = run_cli("report", "--db", str(base), "--year", "2025", "--out",
                    str(tmp_path / "rapport"), "--internal", "--force", env=ENV)
    assert first.returncode == 0, first.stderr
    with small_disk(tmp_path, "1m") as disk:
        fill(disk)
        before = _digest(base, Path(f"{base}.keys"), Path(f"{base}-wal"))
        # The internal version records nothing (a diffusion records its release first,
        # on purpose: what might have left must be protected against later).
        # --force: the base is empty (the year-without-data refusal writes nothing).
        result = run_cli("report", "--db", str(base), "--year", "2025", "--out", str(disk),
                         "--internal", "--force", env=ENV)
        assert result.returncode == 1
        assert "le disque est plein" in result.stderr, result.stderr
        assert _digest(base, Path(f"{base}.keys"), Path(f"{base}-wal")) == before


_KILLED_REPORT = (
    "import os, signal, sys\n"
    "from sps_desk import atomic, cli\n"
    "commit = atomic.Staging.commit\n"
    "def die_at_report(self):\n"
    "    if any(target.parent.name == 'rapport' for _, target in self._staged):\n"
    "        os.kill(os.getpid(), signal.SIGKILL)  # staged and synced, none renamed\n"
    "    commit(self)\n"
    "atomic.Staging.commit = die_at_report\n"
    "cli.main(sys.argv[1:])\n")


def test_a_killed_report_leaves_nothing_after_the_next_one(made, tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    base = _copy_base(made, tmp_path / "données")
    out = tmp_path / "rapport"
    args = ["report", "--db", str(base), "--year", "2025", "--out", str(out), "--internal",
            "--force"]
    killed = subprocess.run([sys.executable, "-c", _KILLED_REPORT, *args],
                            env={**os.environ, **ENV}, capture_output=True, text=True,
                            cwd=Path(__file__).resolve().parent.parent)
    assert killed.returncode == -9, killed.stderr
    hidden = sorted(p.name for p in out.iterdir() if p.name.startswith("."))
    assert hidden and all(name.endswith(".sps-tmp") for name in hidden)
    assert [p for p in out.iterdir() if not p.name.startswith(".")] == []
    again = run_cli(*args, env=ENV)
    assert again.returncode == 0, again.stderr
    assert [p.name for p in out.iterdir() if p.name.startswith(".")] == []
    assert {p.suffix for p in out.iterdir()} >= {".pdf"}


def test_openpyxl_says_nothing_in_english_on_stderr(made, tmp_path: Path) -> None:
    import io
    import zipfile

    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["Surnom"])
    book.active.append(["Zoé Ğüzel"])
    plain = io.BytesIO()
    book.save(plain)
    sheet = tmp_path / "jeunes.xlsx"
    with zipfile.ZipFile(io.BytesIO(plain.getvalue())) as source, \
            zipfile.ZipFile(sheet, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":  # parts openpyxl skips
                data = data.replace(b"</worksheet>", (
                    b"<headerFooter><oddHeader>&amp;Q</oddHeader></headerFooter><extLst><ext "
                    b'uri="{CCE6A557-97BC-4b89-ADB6-D9C93CAAB3DF}"><x14:dataValidations '
                    b'xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main"'
                    b' count="0"/></ext></extLst></worksheet>'))
            target.writestr(item, data)
    base = _copy_base(made, tmp_path / "données")
    result = run_cli("import", "--db", str(base), "--kind", "young", str(sheet), env=ENV)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""


def test_a_nearly_full_disk_is_said_instead_of_a_bus_error(made, tmp_path: Path) -> None:
    """On ext4 with 24–40 KiB free, the first write into the mapped -shm killed every
    command with SIGBUS (exit 135, nothing printed)."""
    with small_disk(tmp_path, "12m", kind="ext4") as disk:
        base = _copy_base(made, disk / "données")
        fill(disk, leave=32 * 1024)
        result = run_cli("audit", "--verify", "--db", str(base), env=ENV)
        assert result.returncode == 1, (result.returncode, result.stderr)
        assert result.stderr.startswith(f"sps-desk : Le disque de {base.parent} est presque "
                                        "plein (")
        assert "Rien n'a été modifié." in result.stderr
