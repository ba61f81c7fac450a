"""I/O errors injected at the n-th write or fsync of every writing command (an
``LD_PRELOAD`` shim built here with ``cc``): the command either succeeds and did its work,
or says so in one French line; the base still opens with the passphrase and the recovery
key, passes ``integrity_check``, and holds an import or a merge wholly or not at all."""

from __future__ import annotations

import random
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import PASSPHRASE
from tests.faults.support import (
    COUNTS,
    EDUCATOR,
    NEW_PASSPHRASE,
    SEED,
    ForkServer,
    Template,
    count_rows,
    knob,
    open_checked,
    present,
    record_failure,
)

PER_COMMAND = knob("SPS_FAULT_IO", 1)
"""Injections at random calls per command and kind of call, besides the 1st, 4th, 16th…"""


@pytest.fixture(scope="module")
def shim(tmp_path_factory: pytest.TempPathFactory) -> Path:
    compiler = shutil.which("cc") or shutil.which("gcc")
    if compiler is None:
        pytest.skip("aucun compilateur C (cc) : le shim LD_PRELOAD ne peut pas être construit")
    library = tmp_path_factory.mktemp("shim") / "pannes.so"
    subprocess.run([compiler, "-shared", "-fPIC", "-O2", "-o", str(library),
                    str(Path(__file__).with_name("shim.c")), "-ldl"], check=True)
    return library


@pytest.fixture(scope="module")
def failing(shim: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[ForkServer]:
    server = ForkServer(tmp_path_factory.mktemp("sorties-es"), preload=shim)
    yield server
    server.close()


def _commands(case: Path, db: Path, acks: Path, template: Template) -> dict[str, tuple]:
    def cli(*argv: str, base: Path = db) -> tuple[str, dict]:
        return "command", {"argv": [argv[0], "--db", str(base), "--passphrase-file",
                                    "phrase.txt", *argv[1:]], "acks": str(acks)}

    return {
        "save": ("save", {"db": str(db), "passphrase": PASSPHRASE, "acks": str(acks),
                          "staff_id": template.staff_id, "count": 3}),
        "import": cli("import", "--kind", "time", "heures.csv"),
        "merge": cli("merge", "paquet.spsb"),
        "passwd": cli("passwd", "--new-passphrase-file", "nouvelle.txt"),
        "recover": cli("recover", "--recovery-key-file", "secours.txt",
                       "--new-passphrase-file", "nouvelle.txt"),
        "user-remove": cli("user", "remove", "--name", EDUCATOR),
        "key": cli("key", "--out", str(case / "service.spskey"), base=case / "neuve.sps"),
        "rekey": cli("rekey"),
        "purge": cli("purge", "--yes", "--out", str(case / "certificats")),
        "export": cli("export", "--year", "2012", "--out", str(case / "stats.json")),
        "bundle": cli("bundle", "--for", "Inès Moreau-Ñúñez", "--out",
                      str(case / "retour.spsb")),
        "backup": cli("backup", "--to", str(case / "sauvegardes")),
        "restore": cli("restore", "--from", str(template.backup(case))),
    }


def _check(name: str, template: Template, db: Path, acks: Path, succeeded: bool,
           stderr: str = "") -> list[str]:
    changed = name in ("passwd", "recover")
    if name == "restore" and "puis renommez " in stderr:
        # The disk refused to put the base back after a failed restore: once renamed as
        # the message says, it must be whole.
        for rename in stderr.strip().rstrip(".").split("puis renommez ")[1].split(" ; "):
            moved, original = rename.rsplit(" en ", 1)
            Path(moved).replace(db.parent / original)
    passphrases = (PASSPHRASE, NEW_PASSPHRASE) if changed else (PASSPHRASE,)
    recovery_key = template.recovery_key
    if name == "key":
        db, recovery_key = db.parent / "neuve.sps", template.extra["fresh_recovery_key"]
    opened, problems = open_checked(db, passphrases, recovery_key)
    if problems or not opened:
        return problems
    done = acks.exists() and "done" in acks.read_text("utf-8").split()
    if changed and done and opened != NEW_PASSPHRASE:
        problems.append(f"{name} a réussi mais la nouvelle phrase de passe n'ouvre pas la base")
    if name == "import":
        found = count_rows(db, opened, "SELECT count(*) FROM time_entry WHERE source_id IS NULL")
        if found not in (0, template.csv_rows) or (succeeded and found != template.csv_rows):
            problems.append(f"import : {found}/{template.csv_rows} lignes présentes")
    if name == "merge":
        found = sum(present(db, opened, table, template.bundle_ids) for table in (
            "young_person", "field_session", "individual_support"))
        total = len(template.bundle_ids)
        if found not in (0, total) or (succeeded and found != total):
            problems.append(f"merge : {found}/{total} enregistrements présents")
    if name == "save" and acks.exists():
        ids = [line.split()[1] for line in acks.read_text("utf-8").splitlines()
               if line.startswith("young ")]
        if present(db, opened, "young_person", ids) != len(ids):
            problems.append("save : un enregistrement acquitté a disparu")
    return problems


def _injected(log: Path) -> int:
    return len(log.read_text("utf-8").splitlines()) if log.exists() else 0


@pytest.mark.parametrize("kind", ["write", "sync"])
def test_an_io_error_at_any_write_or_fsync_loses_nothing(
        template: Template, failing: ForkServer, tmp_path: Path, kind: str) -> None:
    failures = COUNTS["failures"]
    rng = random.Random(f"{SEED}-{kind}")
    for name in sorted(_commands(tmp_path, tmp_path / "x", tmp_path / "a", template)):
        # The 1st, 4th, 16th… call fails, until the command makes fewer calls than that;
        # then a few calls drawn at random below.
        number, last = 1, 0
        while _inject(template, failing, tmp_path, name, kind, number):
            last, number = number, number * 4
        COUNTS[f"io:{kind}:{name}:appels (au moins)"] = last
        if last == 0:
            # Every command here writes: one that never reaches the disk no longer runs.
            record_failure(f"E/S {name} : aucun appel {kind} (la commande a-t-elle échoué "
                           "avant d'écrire ?)")
        for drawn in sorted(rng.sample(range(2, number), max(0, min(number - 2,
                                                                    PER_COMMAND)))):
            _inject(template, failing, tmp_path, name, kind, drawn)
    assert COUNTS["failures"] == failures, "voir le résumé « suite de pannes »"


def _inject(template: Template, failing: ForkServer, tmp_path: Path, name: str, kind: str,
            number: int) -> bool:
    """Run ``name`` with its ``number``-th call of ``kind`` failing (ENOSPC every third
    time, and every call after it failing too every second time); check what is left.
    Returns whether the call was reached (an error was injected)."""
    case = tmp_path / f"{kind}-{name}-{number}"
    outcome, log = _one(template, failing, case, name, kind, number,
                        errno="ENOSPC" if number % 3 == 0 else "EIO", sticky=number % 2 == 0)
    injected = _injected(log) > 0
    if injected:
        COUNTS["injected"] += 1
        COUNTS[f"injected:{kind}"] += 1
        where = f"{name}, {kind} n° {number} (graine {SEED})"
        if outcome.status == 0:
            COUNTS["injected:absorbed"] += 1
        else:
            wrong = outcome.refused_in_french()
            if wrong is not None:
                record_failure(f"E/S {where} : {wrong}")
        for problem in _check(name, template, case / "service.sps",
                              case.parent / f"{case.name}.acks", outcome.status == 0,
                              outcome.stderr):
            record_failure(f"E/S {where} : {problem}")
    shutil.rmtree(case)
    return injected


def _one(template: Template, failing: ForkServer, case: Path, name: str, kind: str,
         number: int, *, errno: str = "EIO", sticky: bool = False):
    db = template.copy(case)
    acks = case.parent / f"{case.name}.acks"
    log = case.parent / f"{case.name}.log"
    scenario, args = _commands(case, db, acks, template)[name]
    outcome = failing.run(cwd=case, scenario=scenario, args=args, timeout=120, env={
        "SPS_FAULT_DIR": f"{case}/", "SPS_FAULT_KIND": kind, "SPS_FAULT_AT": str(number),
        "SPS_FAULT_ERRNO": errno, "SPS_FAULT_STICKY": "1" if sticky else "0",
        "SPS_FAULT_LOG": str(log)})
    return outcome, log
