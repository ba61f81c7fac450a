"""``report`` and ``export`` load their libraries in a second thread while the base opens
(issue 12): the thread really loads them, the opening imports nothing meanwhile (two
threads importing modules that import each other can wait for each other forever), and
the thread is done before the statistics are queried."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import PASSPHRASE
from tests.test_cli import run_cli

_WATCH = """
import json, sys, threading
from sps_desk.cli import main
from sps_desk.reports import statistics

LOADER = "sps-desk libraries"
events = []

def loader_alive():
    return any(t.name == LOADER for t in threading.enumerate())

class Watch:
    # Called for every module not yet imported, in the thread importing it.
    def find_spec(self, name, path=None, target=None):
        events.append((threading.current_thread().name, name, loader_alive()))
        return None

sys.meta_path.insert(0, Watch())
queried = []
compute = statistics.compute_years
def watched(*args, **kwargs):
    queried.append(loader_alive())
    return compute(*args, **kwargs)
statistics.compute_years = watched
status = main(sys.argv[1:])
print(json.dumps({"status": status, "events": events, "queried": queried}))
"""


@pytest.fixture(scope="module")
def demo_base(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("libraries")
    made = run_cli("demo", "--db", "d.sps", "--year", "2025", "--seed", "3",
                   env={"SPS_DESK_PASSPHRASE": PASSPHRASE}, cwd=folder)
    assert made.returncode == 0, made.stderr
    return folder / "d.sps"


@pytest.mark.parametrize(("command", "out", "libraries"), [
    ("export", "s.json", {"numpy", "highspy", "openpyxl"}),
    ("report", "rapport", {"numpy", "highspy", "openpyxl", "reportlab.platypus"}),
])
@pytest.mark.parametrize("passphrase_from", ["environment", "file"])
def test_libraries_load_beside_the_opening_which_imports_nothing_meanwhile(
        demo_base: Path, tmp_path: Path, command: str, out: str, libraries: set[str],
        passphrase_from: str) -> None:
    for suffix in ("", ".keys"):
        Path(f"{tmp_path / 'd.sps'}{suffix}").write_bytes(Path(f"{demo_base}{suffix}").read_bytes())
    environment = {k: v for k, v in os.environ.items() if k != "SPS_DESK_PASSPHRASE"}
    given: list[str] = []
    if passphrase_from == "file":
        (tmp_path / "phrase.txt").write_text(PASSPHRASE + "\n", encoding="utf-8")
        given = ["--passphrase-file", "phrase.txt"]
    else:
        environment["SPS_DESK_PASSPHRASE"] = PASSPHRASE
    done = subprocess.run(
        [sys.executable, "-c", _WATCH, command, "--db", "d.sps", "--year", "2025",
         "--out", out, *given],
        capture_output=True, text=True, cwd=tmp_path, timeout=300, env=environment)
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout.splitlines()[-1])
    assert result["status"] == 0
    loaded = {name for thread, name, _ in result["events"] if thread == "sps-desk libraries"}
    assert libraries <= loaded
    # Nothing of sps_desk is imported by the thread: only libraries.
    assert not {name for name in loaded if name.startswith("sps_desk")}
    main_meanwhile = [name for thread, name, alive in result["events"]
                      if thread == "MainThread" and alive]
    assert main_meanwhile == []
    # The statistics were queried once the thread was done.
    assert result["queried"] and not any(result["queried"])



_INTERRUPT_WHILE_WAITING = """
import sys
from sps_desk.cli import main, statistics

# The only library: interrupts the user's command (Ctrl-C) once the base is open and the
# command waits for the libraries.
statistics._EXPORT_LIBRARIES = statistics._REPORT_LIBRARIES = ("interrupting",)
sys.exit(main(sys.argv[1:]))
"""

_INTERRUPTING = """
import os, signal, sys, threading, time

main_thread = threading.main_thread().ident
deadline = time.monotonic() + 60
while time.monotonic() < deadline:
    frame, names = sys._current_frames().get(main_thread), set()
    while frame is not None:
        names.add(frame.f_code.co_name)
        frame = frame.f_back
    if {"_libraries_loading", "join"} <= names:
        break
    time.sleep(0.01)
os.kill(os.getpid(), signal.SIGINT)
"""


@pytest.mark.parametrize(("command", "out"), [("export", "s.json"), ("report", "rapport")])
def test_ctrl_c_while_the_libraries_load_closes_the_opened_base(
        demo_base: Path, tmp_path: Path, command: str, out: str) -> None:
    # Ctrl-C once the base is open, while the command waits for the libraries, used to
    # leave the base open: its marker of an unclean shutdown stayed, and the next opening
    # reread the whole file (minutes on a large base) as after a crash.
    for suffix in ("", ".keys"):
        Path(f"{tmp_path / 'd.sps'}{suffix}").write_bytes(Path(f"{demo_base}{suffix}").read_bytes())
    (tmp_path / "interrupting.py").write_text(_INTERRUPTING, encoding="utf-8")
    environment = dict(os.environ, SPS_DESK_PASSPHRASE=PASSPHRASE, PYTHONPATH=str(tmp_path))
    done = subprocess.run(
        [sys.executable, "-c", _INTERRUPT_WHILE_WAITING, command, "--db", "d.sps",
         "--year", "2025", "--out", out, "--internal"][: None if command == "report" else -1],
        capture_output=True, text=True, cwd=tmp_path, timeout=300, env=environment)
    assert done.returncode == 130  # 128 + SIGINT, as shells give it
    assert done.stderr == ("sps-desk : Interrompu : rien n'a été modifié par l'opération en "
                           "cours.\n")
    assert not (tmp_path / "d.sps.open").exists()
    assert not (tmp_path / out).exists()
