"""SIGKILL at a random instant of every kind of write; then the base must open with the
passphrase and with the recovery key, pass ``PRAGMA integrity_check``, hold every record
that was acknowledged, and hold a merge, an import or a purge wholly or not at all.

The writes: saving records and « À vérifier » marks (as the window does), ``merge``,
``import``, ``rekey``, ``passwd``, ``recover``, ``user remove`` (the key changes), ``purge``,
``export`` (a release recorded, a signed file), ``key`` (the service's signing keys made on
first use), ``backup``, ``restore`` and the window's automatic backup with its rotation.

CI runs :data:`KILLS` kills (``SPS_FAULT_KILLS``, 104 by default: 8 per write, about
two minutes); a thousand by hand (about twenty minutes on two free cores)::

    SPS_FAULT_KILLS=1000 nice -n 10 .venv/bin/python -m pytest -m slow \
        tests/faults/test_kills.py
"""

from __future__ import annotations

import json
import random
import shutil
from collections.abc import Callable
from pathlib import Path

from sps_desk.store import releases
from sps_desk.store.backup import BackupError, check_backup, list_backups
from sps_desk.store.backup_schedule import set_backup_folder
from sps_desk.store.database import Database
from sps_desk.store.sync.identity import own_keys
from tests.conftest import PASSPHRASE
from tests.faults.support import (
    COUNTS,
    EDUCATOR,
    EDUCATOR_PASSPHRASE,
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

KILLS = knob("SPS_FAULT_KILLS", 104)


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
        "recover": lambda case, db: ("command", _command(
            case, db, ["recover", "--recovery-key-file", "secours.txt",
                       "--new-passphrase-file", "nouvelle.txt"])),
        "user-remove": lambda case, db: ("command", _command(
            case, db, ["user", "remove", "--name", EDUCATOR])),
        "export": lambda case, db: ("command", _command(
            case, db, ["export", "--year", "2012", "--out", "statistique.json"])),
        "key": lambda case, db: ("command", _command(
            case, case / "neuve.sps", ["key", "--out", "service.spskey"])),
        "auto-backup": lambda case, db: ("automatic_backup", {
            "db": str(db), "passphrase": PASSPHRASE, "acks": str(case / "acks"),
            "now": AUTOMATIC_AT[1]}),
    }
    if landed("backup") and landed("restore"):
        found["backup"] = lambda case, db: ("command", _command(
            case, db, ["backup", "--to", str(case / "sauvegardes")]))
        found["restore"] = lambda case, db: ("command", _command(
            case, db, ["restore", "--from", str(_backup_of(case))]))
    return found


AUTOMATIC_AT = ("2026-03-10T07:00:00+00:00", "2026-03-10T13:00:00+00:00")
"""Two automatic backups of the same day: the second one's rotation removes the first."""


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
    changed = name in ("passwd", "recover")
    passphrases = (PASSPHRASE, NEW_PASSPHRASE) if changed else (PASSPHRASE,)
    recovery_key = template.recovery_key
    if name == "key":
        db, recovery_key = case / "neuve.sps", template.extra["fresh_recovery_key"]
    opened, problems = open_checked(db, passphrases, recovery_key)
    if problems or not opened:
        return problems
    if changed and acked and opened != NEW_PASSPHRASE:
        problems.append("nouvelle phrase de passe acquittée mais perdue")
    if name == "save":
        for kind, table in (("young", "young_person"), ("session", "field_session"),
                            ("mark", "check_mark")):
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
    elif name == "user-remove":
        problems += _revoked(template, case, db, acked)
    elif name == "export":
        problems += _released(case, db, acked)
    elif name == "key":
        problems += _same_key(case, db, acked)
    return problems + _check_backups(name, template, forks, case, db, opened, acked)


def _opens(db: Path, passphrase: str) -> bool:
    try:
        with Database.open(db, passphrase):
            return True
    except Exception:  # any refusal: wrong passphrase, or a key file the base rejects
        return False


def _revoked(template: Template, case: Path, db: Path, acked: bool) -> list[str]:
    """An acknowledged revocation: the educator opens neither with the key file, nor
    with the copy of it they may have kept (the key of the base changed)."""
    if not acked:
        return []
    problems = []
    if _opens(db, EDUCATOR_PASSPHRASE):
        problems.append("accès révoqué (acquitté) mais la phrase de l'éducateur ouvre encore")
    old = case / "ancienne"
    old.mkdir()
    shutil.copyfile(db, old / db.name)
    shutil.copyfile(template.folder / "service.sps.keys", old / f"{db.name}.keys")
    if _opens(old / db.name, EDUCATOR_PASSPHRASE):
        problems.append("accès révoqué (acquitté) mais une ancienne copie du fichier des clés "
                        "ouvre encore la base")
    return problems


def _released(case: Path, db: Path, acked: bool) -> list[str]:
    """An acknowledged export wrote a whole, signed file and recorded its release; a
    file present is whole whatever happened (written atomically)."""
    problems = []
    written = case / "statistique.json"
    if written.exists():
        try:
            if not json.loads(written.read_text("utf-8")).get("signature"):
                problems.append("fichier statistique sans signature")
        except ValueError:
            problems.append("fichier statistique à moitié écrit")
    elif acked:
        problems.append("export acquitté mais aucun fichier statistique")
    with Database.open(db, PASSPHRASE) as database:
        count = len(releases.of_years(database, [2012]))
    if acked and count != 2:
        problems.append(f"export acquitté mais {count} diffusion(s) de 2012 enregistrée(s)")
    return problems


def _same_key(case: Path, db: Path, acked: bool) -> list[str]:
    """A public-key file written is the service's key for good: the base kept the keys
    the file carries (educators seal their bundles to them)."""
    written = case / "service.spskey"
    if not written.exists():
        return ["clé acquittée mais aucun fichier .spskey"] if acked else []
    given = json.loads(written.read_text("utf-8"))["chief"]
    with Database.open(db, PASSPHRASE) as database:
        kept = own_keys(database)
    if (given["sign_key"], given["box_key"]) != (kept.sign_key, kept.box_key):
        return ["la clé publique donnée n'est plus celle de la base"]
    return []


def _setup(name: str, template: Template, forks: ForkServer, case: Path, db: Path) -> None:
    """What a scenario needs before it runs: for ``restore``, a backup, then a record
    made after it (``marqueur``: its ids), which the restore must take away; for
    ``auto-backup``, the chosen folder and a first automatic backup of the day."""
    if name == "auto-backup":
        (case / "sauvegardes").mkdir()
        with Database.open(db, PASSPHRASE) as database:
            set_backup_folder(database, case / "sauvegardes")
        done = forks.run(cwd=case, scenario="automatic_backup", args={
            "db": str(db), "passphrase": PASSPHRASE, "acks": str(case / "premiere"),
            "now": AUTOMATIC_AT[0]})
        assert done.status == 0, done.stderr
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
    if name == "auto-backup":
        return _rotated(case, acked)
    return []


def _rotated(case: Path, acked: bool) -> list[str]:
    """Killed while copying or rotating, the folder still holds a whole backup; every
    backup it lists checks out; an acknowledged run left only its own backup (the
    rotation removed the morning's)."""
    found = list_backups(case / "sauvegardes")
    problems = []
    for backup in found:
        try:
            check_backup(backup.folder)
        except BackupError as error:
            problems.append(f"sauvegarde automatique listée mais invalide : {error}")
    if not found:
        problems.append("plus aucune sauvegarde automatique dans le dossier")
    if acked and len(found) != 1:
        problems.append(f"rotation acquittée mais {len(found)} sauvegarde(s) gardée(s)")
    return problems


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
