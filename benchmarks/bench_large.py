"""Issue 12's goals on a large service's base, against the demo year, in the same run.

Run: ``python benchmarks/bench_large.py [--large BASE --passphrase-file FILE] [--dir DIR]
[--repeat N] [--window]``.

The bases: the large service (20 staff × 10 years, 2016–2025: ``--large`` reuses one,
e.g. ``/work/large/large2.sps``, else it is built in DIR, which takes minutes once); the
one-year demo (SPS Arras 2025); and the same large team's 2025 alone (for « one year's
statistics ≤ 1.1 × the same year in a base holding only that year »). DIR (default: a
folder in the temporary directory, kept between runs) keeps the built bases; jobs that
write (report, export, bundle, the audit line of an unlock) run on copies made there.

For each figure of the issue's goals table that is not the window's: the median of N
runs on the large base, the same figure on the demo base, their ratio, and the goal.
The window's figures (unlock → window shown, save an outing, search per keystroke, page
switch and week change, longest stall, peak RSS) come from ``benchmarks/large_window.py``
(``measure(large, demo, passphrase, repeat)``, returning rows ``(figure, goal, large,
demo, unit)``) with ``--window``, when that module is there.
"""

from __future__ import annotations

import argparse
import gc
import importlib.util
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from datetime import date
from datetime import time as clock
from pathlib import Path

from nacl.public import PrivateKey
from nacl.signing import SigningKey
from timing import PASSPHRASE, YEAR

from sps_desk.demo import build_demo
from sps_desk.enums import Role
from sps_desk.records import FieldSession
from sps_desk.reports.consolidation import consolidate_files
from sps_desk.reports.register import ServiceRegister
from sps_desk.reports.signing import CONTEXT, fingerprint
from sps_desk.reports.statistics import compute_years
from sps_desk.reports.statistics_file import canonical_content, content_sha256
from sps_desk.store.database import Database
from sps_desk.store.slots import header_path
from sps_desk.store.sync.identity import join, key_file_text
from sps_desk.store.sync.transfer import make_bundle, merge_bundles

Row = tuple[str, str, float, float, str]
"""(figure, goal, value on the large base, value on the demo base, unit: "s" or "Mo")."""

class Timer:
    """Median wall-clock seconds of ``repeat`` runs of a job; :attr:`cpu` keeps the
    median CPU seconds (this process and the commands it ran): on a machine shared with
    other work, wall-clock times grow with its load, CPU times much less."""

    def __init__(self, repeat: int) -> None:
        self.repeat = repeat
        self.cpu: list[float] = []

    def __call__(self, job: Callable[[], object]) -> float:
        walls, cpus = [], []
        for _ in range(self.repeat):
            children = resource.getrusage(resource.RUSAGE_CHILDREN)
            start, cpu = time.perf_counter(), time.process_time()
            job()
            walls.append(time.perf_counter() - start)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpus.append(time.process_time() - cpu + after.ru_utime + after.ru_stime
                        - children.ru_utime - children.ru_stime)
        self.cpu.append(statistics.median(cpus))
        return statistics.median(walls)


# ----------------------------------------------------------------------------- bases


class Base:
    """A base file with its passphrase; :meth:`copy` gives a scratch copy to write in."""

    def __init__(self, path: Path, passphrase: str) -> None:
        self.path = path
        self.passphrase = passphrase

    def open(self) -> Database:
        """Open without writing (the unlock line waits for an audited action)."""
        return Database.open(self.path, self.passphrase, defer_unlock_audit=True)

    def copy(self, folder: Path, name: str) -> Base:
        folder.mkdir(parents=True, exist_ok=True)
        target = folder / name
        for suffix in ("-wal", "-shm", ".open"):
            Path(f"{target}{suffix}").unlink(missing_ok=True)
        shutil.copyfile(self.path, target)
        shutil.copyfile(header_path(self.path), header_path(target))
        return Base(target, self.passphrase)


def _built(path: Path, years: int, staff: int | None) -> Base:
    """The base at ``path``, built first when missing (a large one takes minutes)."""
    if not path.exists():
        print(f"… construction de {path.name} ({years} an(s), équipe "
              f"{staff or 'd’Arras'})", file=sys.stderr, flush=True)
        partial = path.with_suffix(".partial")
        for leftover in (partial, header_path(partial)):
            leftover.unlink(missing_ok=True)
        with Database.create(partial, PASSPHRASE, "Banc d'essai") as database:
            build_demo(database, YEAR, years=years, staff=staff, seed=1)
        os.replace(header_path(partial), header_path(path))
        os.replace(partial, path)
    return Base(path, PASSPHRASE)


# ----------------------------------------------------------------------------- figures


_CHILD_ENV = dict(os.environ)
"""Environment of the commands timed: as installed. ``pip install .`` compiles the
application's bytecode once; an editable checkout under ``PYTHONDONTWRITEBYTECODE``
(as on the development machines) would compile every module again at each command,
0.3–0.4 s no user pays. :func:`main` points ``PYTHONPYCACHEPREFIX`` into DIR."""
_CHILD_ENV.pop("PYTHONDONTWRITEBYTECODE", None)


def _cli(*args: str | Path) -> None:
    done = subprocess.run([sys.executable, "-m", "sps_desk", *map(str, args)],
                          capture_output=True, text=True, env=_CHILD_ENV)
    if done.returncode:
        raise RuntimeError(done.stderr.strip())


def _passphrase_file(base: Base, folder: Path) -> Path:
    path = folder / f"{base.path.stem}.phrase"
    path.write_text(base.passphrase, encoding="utf-8")
    path.chmod(0o600)
    return path


def _statistics(base: Base, timer: Timer, first_year: int = YEAR) -> float:
    """The statistics of ``first_year`` to YEAR in one pass."""
    with base.open() as database:
        # compute_years, not compute_statistics: the latter keeps its last pass.
        return timer(lambda: compute_years(database, first_year, YEAR))


def _statistics_interleaved(large: Base, alone: Base,
                            repeat: int) -> tuple[float, float, float, float]:
    """One year's statistics on ``large`` and on ``alone``, run by run in turn, each
    after a full collection: a ratio of two figures taken minutes apart, or after
    different amounts of garbage, measured this VM's drift more than the bases.
    Returns the median wall seconds of each, then their median CPU seconds."""
    timers = Timer(1), Timer(1)
    walls: tuple[list[float], list[float]] = ([], [])
    with large.open() as big, alone.open() as small:
        for database in (big, small):  # untimed: both start with their pages cached
            compute_years(database, YEAR, YEAR)
        for _ in range(repeat):
            for database, timer, wall in zip((big, small), timers, walls, strict=True):
                gc.collect()
                wall.append(timer(lambda db=database: compute_years(db, YEAR, YEAR)))
    return (statistics.median(walls[0]), statistics.median(walls[1]),
            statistics.median(timers[0].cpu), statistics.median(timers[1].cpu))


def _save_outing(base: Base, work: Path, timer: Timer) -> float:
    copy = base.copy(work, f"{base.path.stem}-outing.sps")
    with copy.open() as database:
        staff = next(m for m in database.repos.staff.all() if m.role is Role.SOCIAL_WORKER)

        def save() -> None:
            database.repos.field_sessions.save(FieldSession(
                date=date(YEAR, 11, 14), start_time=clock(18), end_time=clock(20),
                staff_ids=[staff.id]))

        return timer(save)


def _command(base: Base, work: Path, timer: Timer, command: str) -> float:
    copy = base.copy(work, f"{base.path.stem}-{command}.sps")
    phrase = _passphrase_file(copy, work)

    def run() -> None:
        out = work / f"{command}-{uuid.uuid4().hex[:6]}"
        if command == "report":
            _cli("report", "--db", copy.path, "--year", YEAR, "--out", out,
                 "--passphrase-file", phrase)
        else:
            _cli("export", "--db", copy.path, "--year", YEAR, "--out", f"{out}.json",
                 "--passphrase-file", phrase)

    run()  # untimed: compiles the bytecode the command needs, as installing does
    return timer(run)


def _return_bundle(base: Base, work: Path, timer: Timer) -> tuple[float, int]:
    """A laptop joins the service and sends its first bundle; then the chief's bundle
    back to it, for the educator it belongs to (need-to-know)."""
    chief_copy = base.copy(work, f"{base.path.stem}-chef.sps")
    laptop_path = work / f"{base.path.stem}-portable.sps"
    for leftover in (laptop_path, header_path(laptop_path)):
        leftover.unlink(missing_ok=True)
    with chief_copy.open() as chief:
        educator = next(m for m in chief.repos.staff.all() if m.role is Role.SOCIAL_WORKER)
        with Database.create(laptop_path, PASSPHRASE, "provisoire") as laptop:
            join(laptop, key_file_text(chief), "chef.spskey")
            first = [("portable.spsb", make_bundle(laptop).data)]
            device = str(laptop.device_id)[:8]
        plan = merge_bundles(chief, first, dry_run=True)
        merge_bundles(chief, first, trusted=[d.fingerprint for d in plan.new_devices])
        made = make_bundle(chief, device=device, staff_name=educator.display_name)
        seconds = timer(lambda: make_bundle(chief, device=device))
    return seconds, made.records


def _signed_as(template: dict, number: int) -> dict:
    """``template`` (a signed statistics file) as the file of service n° ``number``: its
    own id, name and keys, signed as ``signing.sign_statistics_file`` signs (the keys
    are made here: 300 services' bases would take minutes to create)."""
    data = json.loads(json.dumps(template))
    data["service"]["id"] = str(uuid.UUID(int=number))
    data["service"]["name"] = f"SPS n°{number:03d} – {template['service']['name']}"
    key, box = SigningKey.generate(), PrivateKey.generate()
    sign_key, box_key = key.verify_key.encode().hex(), box.public_key.encode().hex()
    data["signature"] = None
    data["sha256"] = content_sha256(data)
    data["signature"] = {
        "algorithm": "ed25519", "sign_key": sign_key, "box_key": box_key,
        "fingerprint": fingerprint(sign_key, box_key),
        "value": key.sign(CONTEXT + canonical_content(data)).signature.hex(),
    }
    return data


def _consolidation(base: Base, work: Path, timer: Timer, services: int) -> float:
    """``services`` signed statistics files (the base's export, under as many service
    names, ids and keys), consolidated into the departmental PDF and XLSX, every service
    already in the Département's register."""
    copy = base.copy(work, f"{base.path.stem}-files.sps")
    folder = work / f"fichiers-{services}"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir()
    _cli("export", "--db", copy.path, "--year", YEAR, "--out", folder / "modele.json",
         "--passphrase-file", _passphrase_file(copy, work))
    template = json.loads((folder / "modele.json").read_text(encoding="utf-8"))
    paths, trust = [], []
    for number in range(1, services + 1):
        data = _signed_as(template, number)
        trust.append(data["signature"]["fingerprint"])
        path = folder / f"service-{number:03d}.json"
        path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        paths.append(path)
    register = folder / "registre.json"
    consolidate_files(paths, folder / "consolidation",
                      register=ServiceRegister.load(register), trust=trust)
    return timer(lambda: consolidate_files(paths, folder / "consolidation",
                                           register=ServiceRegister.load(register)))


def _unlock(base: Base, timer: Timer) -> float:
    def unlock() -> None:
        base.open().close()

    return timer(unlock)


# ----------------------------------------------------------------------------- table


def _window_rows(large: Base, demo: Base, repeat: int) -> list[Row] | None:
    module = Path(__file__).with_name("large_window.py")
    if not module.exists():
        return None
    spec = importlib.util.spec_from_file_location("large_window", module)
    assert spec is not None and spec.loader is not None
    window = importlib.util.module_from_spec(spec)
    # Registered first: its dataclasses look their module up while it runs.
    sys.modules[spec.name] = window
    spec.loader.exec_module(window)
    return list(window.measure(large.path, demo.path, large.passphrase, repeat))


def _print(rows: list[Row], cpu: dict[str, tuple[float, float]]) -> None:
    print(f"{'figure':58} {'grande base':>11} {'démo':>9} {'rapport':>8}   "
          f"{'CPU grande':>10} {'CPU démo':>9}  objectif")
    for figure, goal, large, demo, unit in rows:
        scale, shown = (1000, "ms") if unit == "s" else (1, unit)
        ratio = f"{large / demo:7.2f}×" if demo else "      –"
        spent = cpu.get(figure)
        used = (f"{spent[0] * 1000:7.0f} ms {spent[1] * 1000:6.0f} ms" if spent
                else f"{'':10} {'':9}")
        print(f"{figure:58} {large * scale:8.0f} {shown:2} {demo * scale:6.0f} {shown:2} "
              f"{ratio}   {used}  {goal}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--large", type=Path, help="une grande base existante (sinon construite)")
    parser.add_argument("--passphrase-file", type=Path, help="phrase de passe de --large")
    parser.add_argument("--dir", type=Path,
                        default=Path(tempfile.gettempdir()) / "sps_desk_bench_large")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--window", action="store_true",
                        help="ajouter les mesures de la fenêtre (benchmarks/large_window.py)")
    args = parser.parse_args()
    args.dir.mkdir(parents=True, exist_ok=True)
    work = args.dir / "copies"
    _CHILD_ENV["PYTHONPYCACHEPREFIX"] = str(args.dir / "bytecode")
    if args.large is not None:
        phrase = args.passphrase_file.read_text(encoding="utf-8").strip()
        large = Base(args.large, phrase)
    else:
        large = _built(args.dir / "large.sps", 10, 20)
    demo = _built(args.dir / "demo.sps", 1, None)
    alone = _built(args.dir / "large-2025-seule.sps", 1, 20)
    started = time.perf_counter()
    rows: list[Row] = []
    cpu: dict[str, tuple[float, float]] = {}

    def figure(label: str, goal: str, on: Callable[[Base, Timer], float],
               reference: Base = demo) -> None:
        timers = Timer(args.repeat), Timer(args.repeat)
        rows.append((label, goal, on(large, timers[0]), on(reference, timers[1]), "s"))
        cpu[label] = (timers[0].cpu[-1], timers[1].cpu[-1])

    figure("ouverture de la base (Database.open, sans fenêtre)", "(fenêtre ≤ 1,5 s)",
           _unlock)
    figure("enregistrer une sortie (dépôt, sans fenêtre)", "(fenêtre ≤ 100 ms)",
           lambda base, timer: _save_outing(base, work, timer))
    figure("statistiques d'une année", "≤ 500 ms", _statistics)
    label = "  la même année, base ne contenant qu'elle (grande équipe)"
    pair = _statistics_interleaved(large, alone, args.repeat)
    rows.append((label, "grande ≤ 1,1 × celle-ci", pair[0], pair[1], "s"))
    cpu[label] = (pair[2], pair[3])
    figure("statistiques N et N−1 (une passe)", "—",
           lambda base, timer: _statistics(base, timer, YEAR - 1))
    figure("sps-desk report (tous les fichiers)", "≤ 3 s",
           lambda base, timer: _command(base, work, timer, "report"))
    figure("sps-desk export", "≤ 2 s", lambda base, timer: _command(base, work, timer, "export"))
    records: list[int] = []

    def bundle(base: Base, timer: Timer) -> float:
        seconds, count = _return_bundle(base, work, timer)
        records.append(count)
        return seconds

    figure("paquet retour d'un ordinateur (besoin d'en connaître)", "≤ 2 s", bundle)
    figure("consolidation de 300 fichiers, avec PDF (réf. : 8 fichiers)", "≤ 3 s",
           lambda base, timer: _consolidation(base, work, timer,
                                              300 if base is large else 8))
    window = _window_rows(large, demo, args.repeat) if args.window else None
    if window:
        rows += window
    print(f"Médiane de {args.repeat} mesures ; grande base : {large.path} ; démo : "
          f"{demo.path} ; paquets : {records[0]} et {records[1]} enregistrements "
          f"({time.perf_counter() - started:.0f} s).")
    _print(rows, cpu)
    if args.window and window is None:
        print("Mesures de la fenêtre : benchmarks/large_window.py absent.")
    elif not args.window:
        print("Mesures de la fenêtre (déverrouillage → fenêtre, recherche, pages, blocages, "
              "mémoire) : --window (benchmarks/large_window.py).")


if __name__ == "__main__":
    main()
