"""SIGKILL at a random instant of every kind of write; then the base must open with the
passphrase and with the recovery key, pass ``PRAGMA integrity_check``, hold every record
that was acknowledged, and hold a merge, an import or a purge wholly or not at all."""

from __future__ import annotations

import random
import shutil
from collections.abc import Callable
from pathlib import Path

from tests.conftest import PASSPHRASE
from tests.faults.support import (
    COUNTS,
    NEW_PASSPHRASE,
    SEED,
    ForkServer,
    Outcome,
    Template,
    count_rows,
    knob,
    landed,
    open_checked,
    present,
    record_failure,
)

KILLS = knob("SPS_FAULT_KILLS", 105)


def _command(case: Path, db: Path, argv: list[str]) -> dict[str, object]:
    return {"argv": [argv[0], "--db", str(db), "--passphrase-file", "phrase.txt", *argv[1:]],
            "acks": str(case / "acks")}


def _scenarios(template: Template) -> dict[str, Callable[[Path, Path], tuple[str, dict]]]:
    """Scenario name → (case folder, base) → (child scenario, its arguments)."""
    found: dict[str, Callable[[Path, Path], tuple[str, dict]]] = {
        "save": lambda case, db: ("save", {
            "db": str(db), "passphrase": PASSPHRASE, "acks": str(case / "acks"),
            "staff_id": template.staff_id, "count": 12}),
        "merge": lambda case, db: ("command", _command(case, db, ["merge", "paquet.spsb"])),
        "import": lambda case, db: ("command", _command(
            case, db, ["import", "--kind", "time", "heures.csv"])),
        "rekey": lambda case, db: ("command", _command(case, db, ["rekey"])),
        "passwd": lambda case, db: ("command", _command(
            case, db, ["passwd", "--new-passphrase-file", "nouvelle.txt"])),
        "purge": lambda case, db: ("command", _command(case, db, ["purge", "--yes"])),
    }
    if landed("backup") and landed("restore"):
        found["backup"] = lambda case, db: ("command", _command(
            case, db, ["backup", "--to", str(case / "sauvegardes")]))
        found["restore"] = lambda case, db: ("command", _command(
            case, db, ["restore", "--from", str(_backup_of(case))]))
    return found


def _backup_of(case: Path) -> Path:
    """The backup made in the case's setup (the single entry of its backup folder)."""
    entries = sorted((case / "sauvegardes").iterdir())
    assert len(entries) == 1, entries
    return entries[0]


def _acks(case: Path) -> list[str]:
    path = case / "acks"
    return path.read_text("utf-8").splitlines() if path.exists() else []


def _all_or_nothing(found: int, total: int, acked: bool, what: str) -> list[str]:
    if acked and found != total:
        return [f"{what} acquitté(e) mais {found}/{total} présent(s)"]
    if found not in (0, total):
        return [f"{what} à moitié écrit(e) : {found}/{total}"]
    return []


def _check(name: str, template: Template, forks: ForkServer, case: Path, db: Path
           ) -> list[str]:
    acks = _acks(case)
    acked = "done" in acks
    passphrases = (PASSPHRASE, NEW_PASSPHRASE) if name == "passwd" else (PASSPHRASE,)
    opened, problems = open_checked(db, passphrases, template.recovery_key)
    if problems or not opened:
        return problems
    if name == "passwd" and acked and opened != NEW_PASSPHRASE:
        problems.append("nouvelle phrase de passe acquittée mais perdue")
    if name == "save":
        for kind, table in (("young", "young_person"), ("session", "field_session")):
            ids = [line.split()[1] for line in acks if line.startswith(kind + " ")]
            found = present(db, opened, table, ids)
            if found != len(ids):
                problems.append(f"{len(ids) - found} enregistrement(s) acquitté(s) perdu(s)")
    elif name == "merge":
        found = sum(present(db, opened, table, template.bundle_ids) for table in (
            "young_person", "field_session", "individual_support"))
        problems += _all_or_nothing(found, len(template.bundle_ids), acked, "paquet")
    elif name == "import":
        found = count_rows(db, opened, "SELECT count(*) FROM time_entry WHERE source_id IS NULL")
        problems += _all_or_nothing(found, template.csv_rows, acked, "import")
    elif name == "purge":
        marks = ",".join("?" * len(template.old_young))
        found = count_rows(db, opened, "SELECT count(*) FROM young_person WHERE code LIKE "
                           f"'anonyme-%' AND id IN ({marks})", template.old_young)
        problems += _all_or_nothing(found, len(template.old_young), acked, "purge")
    return problems + _check_backups(name, template, forks, case, db, opened, acked)


def _setup(name: str, template: Template, forks: ForkServer, case: Path, db: Path) -> None:
    """What a scenario needs before it runs: for ``restore``, a backup, then a record
    made after it (``marqueur``: its ids), which the restore must take away."""
    if name == "restore":
        done = forks.run(cwd=case, argv=["backup", "--db", str(db), "--passphrase-file",
                                         "phrase.txt", "--to", str(case / "sauvegardes")])
        assert done.status == 0, done.stderr
        done = forks.run(cwd=case, scenario="save", args={
            "db": str(db), "passphrase": PASSPHRASE, "acks": str(case / "marqueur"),
            "staff_id": template.staff_id, "count": 1})
        assert done.status == 0, done.stderr


def _check_backups(name: str, template: Template, forks: ForkServer, case: Path, db: Path,
                   opened: str, acked: bool) -> list[str]:
    """An acknowledged backup restores to a base that opens with both keys; a restore is
    whole or not at all, and done once acknowledged (the marker is gone)."""
    if name == "backup" and acked:
        target = case / "restauration" / "service.sps"
        target.parent.mkdir()
        done = forks.run(cwd=case, argv=["restore", "--from", str(_backup_of(case)),
                                         "--db", str(target), "--passphrase-file",
                                         "phrase.txt"])
        if done.status != 0:
            return [f"sauvegarde acquittée mais non restaurable : {done.stderr.strip()}"]
        _opened, problems = open_checked(target, (PASSPHRASE,), template.recovery_key)
        return [f"sauvegarde restaurée : {p}" for p in problems]
    if name == "restore":
        ids = [line.split()[1] for line in (case / "marqueur").read_text("utf-8").splitlines()
               if line.startswith("young ")]
        if acked and present(db, opened, "young_person", ids):
            return ["restauration acquittée mais la fiche faite après la sauvegarde est là"]
    return []


def test_sigkill_at_random_instants_loses_no_acknowledged_write(
        template: Template, forks: ForkServer, tmp_path: Path) -> None:
    failures = COUNTS["failures"]
    rng = random.Random(SEED)
    scenarios = _scenarios(template)
    durations: dict[str, float] = {}
    for name, build in scenarios.items():
        case = tmp_path / f"etalon-{name}"
        db = template.copy(case)
        _setup(name, template, forks, case, db)
        scenario, args = build(case, db)
        done = forks.run(cwd=case, scenario=scenario, args=args)
        assert done.status == 0, f"{name} : {done.stderr}"
        assert not _check(name, template, forks, case, db), name
        durations[name] = done.elapsed
        shutil.rmtree(case)
    names = sorted(scenarios)
    kills = attempts = 0
    while kills < KILLS and attempts < 3 * KILLS:
        name = names[attempts % len(names)]
        attempts += 1
        case = tmp_path / f"kill-{attempts}"
        db = template.copy(case)
        _setup(name, template, forks, case, db)
        scenario, args = scenarios[name](case, db)
        delay = rng.uniform(0, durations[name])
        outcome: Outcome = forks.run(cwd=case, scenario=scenario, args=args, kill_after=delay)
        if outcome.killed:
            kills += 1
            COUNTS["kills"] += 1
            COUNTS[f"kills:{name}"] += 1
        elif outcome.status == 0:
            # The run ended before the kill: the machine is faster now than when it was
            # measured (a busy machine varies a lot), so the window follows it.
            durations[name] = 0.7 * durations[name] + 0.3 * outcome.elapsed
        else:
            record_failure(f"kill {name} (graine {SEED}, essai {attempts}) : le scénario a "
                           f"échoué sans être tué : {outcome.stderr[-300:]}")
        problems = _check(name, template, forks, case, db)
        for problem in problems:
            record_failure(f"kill {name} après {delay:.3f} s (graine {SEED}, essai {attempts})"
                           f" : {problem}")
        COUNTS["kill_attempts"] += 1
        shutil.rmtree(case)
    assert kills >= KILLS, f"seulement {kills} processus tués en {attempts} essais"
    assert COUNTS["failures"] == failures, "voir le résumé « suite de pannes »"
