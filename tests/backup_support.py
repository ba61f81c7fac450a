"""Helpers for backup, restore and crash tests: a subprocess that writes records and
says which ones were acknowledged, killed at will (the fault suite uses them too)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

from sps_desk.store.database import Database

ROOT = Path(__file__).resolve().parent.parent

_WRITER = textwrap.dedent("""
    import sys
    from sps_desk.records import YoungPerson
    from sps_desk.store.database import Database
    from sps_desk.store.slots import use_test_cost

    use_test_cost()
    path, passphrase, prefix = sys.argv[1:4]
    database = Database.open(path, passphrase)
    number = 0
    while True:
        person = database.repos.young_people.save(YoungPerson(nickname=f"{prefix} {number}"))
        print(person.id, flush=True)  # acknowledged: committed before this line
        number += 1
""")


def start_writer(path: Path, passphrase: str, prefix: str = "Écrit") -> subprocess.Popen[str]:
    """A process that opens the base ``path`` and saves young people named ``prefix N``
    in a loop, printing each one's id once its transaction is committed."""
    environment = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen([sys.executable, "-c", _WRITER, str(path), passphrase, prefix],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env=environment, cwd=ROOT)


def kill_after(writer: subprocess.Popen[str], acknowledged: int) -> list[str]:
    """SIGKILL ``writer`` once it has acknowledged ``acknowledged`` records; returns the
    ids it acknowledged (it may have committed one more, never fewer)."""
    assert writer.stdout is not None
    ids = []
    while len(ids) < acknowledged:
        line = writer.stdout.readline()
        if not line:
            error = writer.stderr.read() if writer.stderr else ""
            raise AssertionError(f"the writer stopped: {error}")
        ids.append(line.strip())
    writer.send_signal(signal.SIGKILL)
    writer.wait()
    return ids


def nicknames(database: Database) -> list[str]:
    """The nicknames of the live young people of ``database``, sorted."""
    return sorted(p.nickname or "" for p in database.repos.young_people.all())


_HOLDER = textwrap.dedent("""
    import sys, time
    from sps_desk.store.database import Database
    from sps_desk.store.slots import use_test_cost

    use_test_cost()
    database = Database.open(sys.argv[1], sys.argv[2])
    database.repos.young_people.all()
    print("ouverte", flush=True)
    time.sleep(120)
""")


def start_holder(path: Path, passphrase: str) -> subprocess.Popen[str]:
    """A process that keeps the base open (like the window) until killed; returns once
    the base is open."""
    environment = {**os.environ, "PYTHONPATH": str(ROOT)}
    holder = subprocess.Popen([sys.executable, "-c", _HOLDER, str(path), passphrase],
                              stdout=subprocess.PIPE, text=True, env=environment, cwd=ROOT)
    assert holder.stdout is not None and holder.stdout.readline().strip() == "ouverte"
    return holder
