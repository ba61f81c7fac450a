"""Opening reads no more than it needs; the whole file is checked after an unclean
shutdown, or on demand, with a French result (issue 12)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from sps_desk.records import YoungPerson
from sps_desk.store import database as database_module
from sps_desk.store.database import Database
from sps_desk.store.integrity import check_integrity, marker_path, size_in_megabytes
from tests.conftest import PASSPHRASE


def _base(path: Path) -> Path:
    with Database.create(path, PASSPHRASE, "SPS Łąka") as database:
        for index in range(300):
            database.repos.young_people.save(YoungPerson(nickname=f"Zoé Ğüzel {index}"))
    return path


def _crash_while_open(path: Path) -> None:
    """Open the base in another process and kill it before it closes."""
    code = (
        "import os, sys\n"
        "from sps_desk.store.slots import use_test_cost\n"
        "use_test_cost()\n"
        "from sps_desk.store.database import Database\n"
        "database = Database.open(sys.argv[1], sys.argv[2])\n"
        "database.repos.young_people.all()\n"
        "os._exit(9)\n"
    )
    done = subprocess.run([sys.executable, "-c", code, str(path), PASSPHRASE],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 9, done.stderr


def test_opening_does_not_read_the_whole_file(tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    path = _base(tmp_path / "base.sps")
    statements: list[str] = []
    connect = database_module._connect

    def traced(*args: object, **kwargs: object):
        connection = connect(*args, **kwargs)  # type: ignore[arg-type]
        connection.set_trace_callback(statements.append)
        return connection

    monkeypatch.setattr(database_module, "_connect", traced)
    with Database.open(path, PASSPHRASE) as database:
        assert not database.integrity_check_due
    checks = [s for s in statements if "quick_check" in s or "integrity_check" in s]
    assert statements and not checks


def test_a_clean_close_leaves_no_marker(tmp_path: Path) -> None:
    path = _base(tmp_path / "base.sps")
    assert not marker_path(path).exists()
    with Database.open(path, PASSPHRASE) as database:
        assert marker_path(path).exists()
        assert marker_path(path) in database.own_files()
    assert not marker_path(path).exists()
    with Database.open(path, PASSPHRASE) as database:
        assert not database.integrity_check_due


def test_after_a_crash_the_check_is_due_until_it_passes(tmp_path: Path) -> None:
    path = _base(tmp_path / "base.sps")
    _crash_while_open(path)
    with Database.open(path, PASSPHRASE) as database:
        assert database.integrity_check_due
    # Closing cleanly without the check does not hide the crash.
    with Database.open(path, PASSPHRASE) as database:
        assert database.integrity_check_due
        report = check_integrity(database)
        assert report.intact and report.problems == 0 and report.pages > 10
        assert report.message.startswith("La base base.sps est intacte : ses ")
        # A small base: « moins de 1 Mo », not « (0 Mo) » (trial).
        assert report.pages * 4096 < 1_000_000
        assert "pages (moins de 1 Mo) ont été relues" in report.message
        assert not database.integrity_check_due
    with Database.open(path, PASSPHRASE) as database:
        assert not database.integrity_check_due
    assert not marker_path(path).exists()


def test_sizes_read_in_megabytes() -> None:
    assert [size_in_megabytes(n) for n in (0, 999_999, 1_000_000, 1_499_999, 1_234_567_890)
            ] == ["moins de 1 Mo", "moins de 1 Mo", "1 Mo", "1 Mo", "1\u202f235 Mo"]


def test_a_damaged_page_is_found_by_the_check(tmp_path: Path) -> None:
    """A page nothing reads at opening: the base opens, the check finds it damaged."""
    path = _base(tmp_path / "base.sps")
    size = path.stat().st_size
    with path.open("r+b") as handle:
        handle.seek(size - 4096 + 100)  # inside the last page
        byte = handle.read(1)
        handle.seek(size - 4096 + 100)
        handle.write(bytes([byte[0] ^ 0xFF]))
    with Database.open(path, PASSPHRASE) as database:
        report = check_integrity(database)
    assert not report.intact and report.problems >= 1
    assert report.message.startswith("La base base.sps est endommagée (")
    assert "restaurez la dernière sauvegarde" in report.message


def test_the_check_can_be_cancelled(tmp_path: Path) -> None:
    from sps_desk.store.integrity import IntegrityCheckCancelled

    path = _base(tmp_path / "base.sps")
    with Database.open(path, PASSPHRASE) as database:
        database.integrity_check_due = True
        with pytest.raises(IntegrityCheckCancelled, match="annulée"):
            check_integrity(database, cancelled=lambda: True)
        assert database.integrity_check_due


def test_check_from_the_command_line(tmp_path: Path) -> None:
    path = _base(tmp_path / "base.sps")
    before = path.read_bytes()
    environment = {**os.environ, "SPS_DESK_PASSPHRASE": PASSPHRASE}
    done = subprocess.run([sys.executable, "-m", "sps_desk", "check", "--db", str(path)],
                          capture_output=True, text=True, env=environment, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("La base base.sps est intacte : ")
    assert path.read_bytes() == before  # a check writes nothing into the base


@pytest.mark.parametrize("interruption", [KeyboardInterrupt, OSError])
def test_an_opening_that_fails_after_the_file_opened_leaves_no_marker(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        interruption: type[BaseException]) -> None:
    # Ctrl-C or a full disk while the « ouverture » line is written: the base was open
    # (its marker written); left behind, the marker would have the next opening reread
    # the whole file as after a crash (found by trying to break issue 12's commands).
    path = _base(tmp_path / "base.sps")

    def fails(*_args: object, **_kwargs: object) -> None:
        raise interruption()

    with monkeypatch.context() as patched:
        patched.setattr(Database, "audit", fails)
        with pytest.raises(interruption):
            Database.open(path, PASSPHRASE)
    assert not marker_path(path).exists()
    with Database.open(path, PASSPHRASE) as database:
        assert not database.integrity_check_due
