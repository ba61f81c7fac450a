"""The fault suite's shared parts: the fork server's client, the template service, the
checks made after every fault, and the counts the suite reports.

Knobs (environment variables, so that a hand run can turn them up):

- ``SPS_FAULT_KILLS``: SIGKILLs of the kill loop (CI: 104; ``1000`` by hand);
- ``SPS_FAULT_FUZZ``: fuzzed files per input kind (CI: 25; ``500`` by hand);
- ``SPS_FAULT_IO``: I/O errors injected at a random call per command and system call,
  besides the 1st, 4th, 16th… (CI: 1; ``6`` by hand);
- ``SPS_FAULT_SEED``: seed of every random choice (CI: fixed; a failure prints it);
- ``SPS_FAULT_REPORT``: a file where the counts are written as JSON at the end.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import subprocess
import sys
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, time
from pathlib import Path
from typing import Any

from openpyxl import Workbook

from sps_desk.enums import SupportOrigin
from sps_desk.records import (
    FieldSession,
    Identity,
    IndividualSupport,
    YoungPerson,
)
from sps_desk.reports.export import export_year
from sps_desk.store.access import add_user
from sps_desk.store.backup import create_backup
from sps_desk.store.database import Database
from sps_desk.store.sync.bundle import unseal
from sps_desk.store.sync.identity import private_keys
from sps_desk.store.sync.transfer import make_bundle
from tests.conftest import PASSPHRASE

ROOT = Path(__file__).resolve().parents[2]
NEW_PASSPHRASE = "cerf-volant ombre lanterne Дмитрий quai brume 93 ! hêtre"
"""The new passphrase of ``passwd`` and ``recover`` (synthetic, strong)."""
EDUCATOR = "Дмитрий Ёлкин"
"""The educator user of the template base (``user remove`` revokes them)."""
EDUCATOR_PASSPHRASE = "sentier givre loutre Ёлкин marée 47 ? cerisier plume"


def knob(name: str, default: int) -> int:
    """The integer environment variable ``name``, else ``default``."""
    return int(os.environ.get(name, default))


SEED = knob("SPS_FAULT_SEED", 13)

COUNTS: Counter[str] = Counter()
"""What the suite did, by key (``kills``, ``kills:merge``, ``injected:write``,
``fuzz:bundle``, ``failures``…), printed at the end of the run."""
FAILURES: list[str] = []
"""One line per fault that broke a promise (with what to replay it)."""


def record_failure(line: str) -> None:
    """Count a broken promise; the test asserts none at its end."""
    COUNTS["failures"] += 1
    FAILURES.append(line)


# ------------------------------------------------------------------ fork server


@dataclass
class Outcome:
    """How a child ended: exit ``status`` (negative: killed by that signal), whether the
    server ``killed`` it (SIGKILL on purpose) or it ``timed_out``, its wall-clock
    ``elapsed`` seconds, ``maxrss_kib``, and what it wrote."""

    status: int
    killed: bool
    timed_out: bool
    elapsed: float
    maxrss_kib: int
    stdout: str
    stderr: str

    def refused_in_french(self) -> str | None:
        """``None`` when the child refused in one French line, as ``sps-desk`` promises
        (exit status 1, ``sps-desk : …`` alone on standard error, no « Erreur inattendue »
        nor traceback); else what is wrong."""
        lines = self.stderr.splitlines()
        if self.timed_out:
            return f"pas de réponse en {self.elapsed:.0f} s"
        if self.status != 1:
            return f"code de sortie {self.status}"
        if len(lines) != 1 or not lines[0].startswith("sps-desk : "):
            return f"{len(lines)} ligne(s) d'erreur : {self.stderr[:300]!r}"
        if "inattendue" in lines[0] or "Traceback" in self.stderr:
            return lines[0][:300]
        return None


class ForkServer:
    """A running :mod:`tests.faults.forkserver`; :meth:`run` forks one child."""

    def __init__(self, scratch: Path, *, preload: Path | None = None) -> None:
        env = {**os.environ, "PYTHONPATH": str(ROOT), "OPENBLAS_NUM_THREADS": "1",
               "OMP_NUM_THREADS": "1"}
        if preload is not None:
            env["LD_PRELOAD"] = str(preload)
        self.scratch = scratch
        self.process = subprocess.Popen(
            [sys.executable, "-m", "tests.faults.forkserver"], cwd=ROOT, env=env,
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        ready = json.loads(self._line())
        assert ready["ready"]
        self.cases = 0

    def _line(self) -> str:
        assert self.process.stdout is not None
        line = self.process.stdout.readline()
        if not line:
            raise RuntimeError("le serveur de processus s'est arrêté")
        return line

    def run(self, *, cwd: Path, argv: list[str] | None = None, scenario: str | None = None,
            args: dict[str, Any] | None = None, env: dict[str, str] | None = None,
            memory: int | None = None, cpu: int | None = None, timeout: float = 120,
            kill_after: float | None = None) -> Outcome:
        """Fork a child that runs ``sps-desk argv`` (or ``scenario(**args)``) in ``cwd``."""
        self.cases += 1
        out = self.scratch / f"sortie-{self.cases}"
        request = {
            "task": "cli" if argv is not None else "scenario", "argv": argv,
            "scenario": scenario, "args": args or {}, "env": env or {}, "cwd": str(cwd),
            "stdout": f"{out}.out", "stderr": f"{out}.err", "memory": memory, "cpu": cpu,
            "timeout": timeout, "kill_after": kill_after,
        }
        assert self.process.stdin is not None
        self.process.stdin.write(json.dumps(request) + "\n")
        self.process.stdin.flush()
        answer = json.loads(self._line())
        # A child killed at once may not have created its output files yet.
        paths = [Path(f"{out}.{end}") for end in ("out", "err")]
        texts = [p.read_text("utf-8", errors="replace") if p.exists() else "" for p in paths]
        for path in paths:
            path.unlink(missing_ok=True)
        return Outcome(answer["status"], answer["killed"], answer["timed_out"],
                       answer["elapsed"], answer["maxrss_kib"], *texts)

    def close(self) -> None:
        """Stop the server (it ends when its input closes)."""
        assert self.process.stdin is not None
        self.process.stdin.close()
        self.process.wait(30)


# ------------------------------------------------------------------ template service


@dataclass
class Template:
    """A service's base with a team's work, and what the faults use on it.

    ``folder`` holds ``service.sps`` and its ``.keys`` (users: the chief and
    :data:`EDUCATOR`; one release of 2012 exported), a laptop's bundle ``paquet.spsb``
    (whose records are ``bundle_ids``), a CSV of ``csv_rows`` time entries
    ``heures.csv``, the passphrase files ``phrase.txt`` and ``nouvelle.txt``, the
    recovery key ``secours.txt``, and ``neuve.sps``, a new service's base whose keys are
    not made yet (its recovery key is ``extra["fresh_recovery_key"]``). ``old_young``
    young people have no activity since 2012 (the purge anonymises them).
    """

    folder: Path
    recovery_key: str
    staff_id: str
    bundle_ids: list[str]
    old_young: list[str]
    csv_rows: int
    extra: dict[str, Any] = field(default_factory=dict)

    def backup(self, case: Path) -> Path:
        """The folder of the template's backup in the copy ``case``."""
        return case / "sauvegarde-modele" / next((self.folder / "sauvegarde-modele").iterdir()).name

    def copy(self, target: Path) -> Path:
        """A fresh copy of the template's folder at ``target``; returns the base's path."""
        shutil.copytree(self.folder, target)
        return target / "service.sps"


def build_template(scratch: Path) -> Template:
    """Build the template service (a chief's base and one laptop's bundle)."""
    from tests.sync_support import make_team

    name = "Inès Moreau-Ñúñez"
    team = make_team(scratch / "equipe", (name,))
    chief, laptop = team.chief, team.laptops[0]
    recovery_key = chief.recovery_key
    assert recovery_key is not None
    staff = team.staff[name]
    old_young = []
    for number in range(20):
        young = chief.repos.young_people.save(YoungPerson(nickname=f"Ayşe {number}"))
        chief.repos.identities.save(Identity(young_person_id=young.id, last_name="Çelik"))
        chief.repos.field_sessions.save(FieldSession(
            date=date(2012, 3, 1 + number), start_time=time(14), end_time=time(16),
            staff_ids=[staff.id], young_met_ids=[young.id]))
        old_young.append(str(young.id))
    bundle_ids = []
    for number in range(60):
        young = laptop.repos.young_people.save(YoungPerson(nickname=f"أمينة {number}"))
        session = laptop.repos.field_sessions.save(FieldSession(
            date=date(2025, 4, 1 + number % 28), start_time=time(9), end_time=time(11),
            staff_ids=[staff.id], young_met_ids=[young.id]))
        support = laptop.repos.supports.save(IndividualSupport(
            young_person_id=young.id, referent_id=staff.id, start_date=date(2025, 4, 2),
            origin=SupportOrigin.STREET_WORK))
        bundle_ids += [str(young.id), str(session.id), str(support.id)]
    bundle = make_bundle(laptop).data
    signing, _box = private_keys(laptop)
    chief_box = private_keys(chief)[1]
    extra = {
        "signing_seed": bytes(signing).hex(),
        "chief_box_key": bytes(chief_box.public_key).hex(),
        "payload": unseal(bundle, "paquet.spsb", chief_box).payload(),
    }
    statistics = export_year(chief, 2012, scratch / "statistique.json").json
    add_user(chief, EDUCATOR, "educator", EDUCATOR_PASSPHRASE)
    create_backup(chief, scratch / "sauvegarde")
    csv_rows = 1500
    lines = ["Date;Éducateur;Catégorie;Nb d'heures"]
    for number in range(csv_rows):
        lines.append(f"{1 + number % 28:02d}/{1 + number % 12:02d}/2025;{name};"
                     f"Écrits professionnels;{1 + number % 4},{25 * (number % 4)}")
    team.close()
    folder = scratch / "modele"
    folder.mkdir()
    for suffix in ("", ".keys"):
        shutil.copyfile(f"{chief.path}{suffix}", folder / f"service.sps{suffix}")
    shutil.copytree(scratch / "sauvegarde", folder / "sauvegarde-modele")
    with Database.create(folder / "neuve.sps", PASSPHRASE, "SPS Œillet – Équipe") as fresh:
        assert fresh.recovery_key is not None
        extra["fresh_recovery_key"] = fresh.recovery_key
    (folder / "paquet.spsb").write_bytes(bundle)
    (folder / "heures.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (folder / "phrase.txt").write_text(PASSPHRASE + "\n", encoding="utf-8")
    (folder / "nouvelle.txt").write_text(NEW_PASSPHRASE + "\n", encoding="utf-8")
    (folder / "secours.txt").write_text(recovery_key + "\n", encoding="utf-8")
    extra["statistics"] = json.loads(statistics.read_text("utf-8"))
    workbook = Workbook()
    for line in lines[:60]:
        workbook.active.append(line.split(";"))
    buffer = io.BytesIO()
    workbook.save(buffer)
    extra["workbook"] = buffer.getvalue()
    return Template(folder, recovery_key, str(staff.id), bundle_ids, old_young, csv_rows,
                    extra)


# ------------------------------------------------------------------ checks


def base_state(path: Path) -> dict[str, str]:
    """SHA-256 of the base and of every companion file (``.keys``, ``-wal``, ``-shm``)
    present, by name: equal states mean a byte-identical base."""
    found = {}
    for candidate in sorted(path.parent.glob(f"{path.name}*")):
        if candidate.is_file():
            found[candidate.name] = hashlib.sha256(candidate.read_bytes()).hexdigest()
    return found


def landed(command: str) -> bool:
    """Whether ``sps-desk`` has ``command`` (the suite gains other helpers' commands as
    they land)."""
    from sps_desk.cli.main import build_parser

    parser = build_parser()
    commands = next(a for a in parser._actions if a.dest == "command")
    return command in commands.choices


def open_checked(path: Path, passphrases: tuple[str, ...], recovery_key: str
                 ) -> tuple[str, list[str]]:
    """Open the base with the first of ``passphrases`` that opens it, then with the
    recovery key; each time ``PRAGMA integrity_check`` must say ok. Returns the
    passphrase that opened it and the problems found (French, empty when none)."""
    from sps_desk.store.errors import WrongPassphrase

    problems: list[str] = []
    opened = ""
    for passphrase in passphrases:
        try:
            database = Database.open(path, passphrase)
        except WrongPassphrase:
            continue
        except Exception as error:  # every other failure is what the check reports
            problems.append(f"ouverture par phrase de passe : {type(error).__name__}: {error}")
            return opened, problems
        opened = passphrase
        with database:
            check = database.connection.execute("PRAGMA integrity_check").fetchone()[0]
            if check != "ok":
                problems.append(f"integrity_check : {check}")
        break
    else:
        problems.append("aucune phrase de passe n'ouvre la base")
    try:
        with Database.open_with_recovery(path, recovery_key) as database:
            check = database.connection.execute("PRAGMA integrity_check").fetchone()[0]
            if check != "ok":
                problems.append(f"integrity_check (clé de secours) : {check}")
    except Exception as error:  # a recovery key that no longer opens is the failure
        problems.append(f"ouverture par clé de secours : {type(error).__name__}: {error}")
    return opened, problems


def present(path: Path, passphrase: str, table: str, ids: list[str]) -> int:
    """How many of ``ids`` have a row in ``table`` of the base."""
    with Database.open(path, passphrase) as database:
        found = 0
        for start in range(0, len(ids), 500):
            chunk = ids[start:start + 500]
            found += database.connection.execute(
                f'SELECT count(*) FROM "{table}" WHERE id IN ({",".join("?" * len(chunk))})',
                chunk).fetchone()[0]
        return found


def count_rows(path: Path, passphrase: str, sql: str, params: list[str] | None = None) -> int:
    """The integer ``sql`` (with ``params``) returns on the base."""
    with Database.open(path, passphrase) as database:
        return database.connection.execute(sql, params or []).fetchone()[0]
