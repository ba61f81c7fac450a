"""What the window costs on a large service's decade, against the demo year (issue 12).

Run::

    python benchmarks/large_window.py --large /work/large/large.sps \\
        --passphrase-file /work/large/passphrase.txt [--demo PATH] [--repeat 3]

Both bases are copied first (the benchmark saves outings, merges a laptop's year and
imports hours into the copies). Without ``--demo`` the demo year is built in a temporary
base with the same passphrase. Each base is measured in a fresh process (so that peak
memory is the window's own), the same figures in the same run, and the table gives the
median of ``--repeat`` runs (≥ 3), the demo figure and the ratio large / demo:

* unlock → window shown (open the base, build the window, first paint);
* saving one outing from Terrain until the list shows its row (selected, on screen);
* one keystroke of the « Jeunes » search (typing, then deleting, a nickname);
* page switch: the first visit of a page (built then) and a switch back to a built one;
* week change in Temps (« next week »);
* the longest event-loop stall (a 5 ms heartbeat on the GUI thread) while the report is
  generated, the statistics file prepared, a laptop's year merged and a year of hours
  imported, each from the window;
* the window's peak resident memory after every page was opened and the report made.

* how many solver modules (SciPy, HiGHS) the shown window has loaded (goal: none).

:func:`measure` is what ``benchmarks/bench_large.py --window`` calls.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

GOALS = {
    "unlock_to_window": ("unlock → window shown", "s", 1.5),
    "save_outing": ("save one outing (Terrain) until shown", "ms", 100),
    "search_keystroke": ("search, per keystroke (Jeunes)", "ms", 50),
    "search_keystroke_max": ("search, slowest keystroke", "ms", 50),
    "page_first_visit": ("page switch, first visit (slowest page)", "ms", 100),
    "page_switch": ("page switch, page already built", "ms", 100),
    "week_change": ("week change in Temps", "ms", 100),
    "stall_report": ("longest stall, report", "ms", 100),
    "stall_export": ("longest stall, statistics file", "ms", 100),
    "stall_merge": ("longest stall, merge of a laptop's year", "ms", 100),
    "stall_import": ("longest stall, import of a year of hours", "ms", 100),
    "peak_rss": ("window peak RSS (every page, report)", "MB", 400),
    "solver_at_start": ("solver modules loaded at start (SciPy, HiGHS)", "", 0),
}
"""Figure key → (label, unit, goal on the large base)."""

SOLVER_MODULES = ("scipy", "highspy")
"""What the window must not import before a protected file is made (issue 12: SciPy at
start-up cost 1.4–4.8 s; HiGHS replaced it for the suppression)."""


@dataclass(frozen=True)
class Row:
    """One line of the table: the figure on the large base, on the demo, and the CPU
    time the window's thread spent on the large base (``None`` for memory and modules):
    on a loaded machine the wall time also counts the waiting for a core."""

    key: str
    large: float
    demo: float
    large_cpu: float | None = None

    @property
    def ratio(self) -> float:
        """Large / demo (∞ when the demo figure is 0)."""
        return self.large / self.demo if self.demo else float("inf")


def measure(large: Path, demo: Path, passphrase: str,
            repeat: int = 3) -> list[tuple[str, str, float, float, str]]:
    """The window's rows for ``benchmarks/bench_large.py``: ``(figure, goal, large,
    demo, unit)`` with durations in seconds, memory in "Mo" and module counts in
    "modules" (its table shows seconds as milliseconds)."""
    with tempfile.TemporaryDirectory(prefix="sps_large_window_") as folder:
        secret = Path(folder) / "passphrase.txt"
        secret.touch(mode=0o600)
        secret.write_text(passphrase, encoding="utf-8")
        rows = measure_rows(large, secret, demo=demo, repeat=repeat)
    result = []
    for row in rows:
        label, unit, goal = GOALS[row.key]
        scale, shown = {"s": (1, "s"), "ms": (1e-3, "s"), "MB": (1, "Mo")}.get(
            unit, (1, "modules"))
        result.append((label, f"≤ {goal:g} {unit}".strip(), row.large * scale,
                       row.demo * scale, shown))
    return result


def measure_rows(large: Path, passphrase_file: Path, *, demo: Path | None = None,
                 repeat: int = 3) -> list[Row]:
    """Copy both bases, measure each in a fresh process, return one :class:`Row` per
    figure of :data:`GOALS` (seconds for the unlock, milliseconds, megabytes)."""
    repeat = max(repeat, 3)
    passphrase = passphrase_file.read_text(encoding="utf-8").strip()
    with tempfile.TemporaryDirectory(prefix="sps_large_window_") as folder:
        root = Path(folder)
        if demo is None:
            demo = root / "source-demo.sps"
            _build_demo(demo, passphrase)
        results = {}
        for name, source in (("large", large), ("demo", demo)):
            copy = root / f"{name}.sps"
            shutil.copyfile(source, copy)
            shutil.copyfile(f"{source}.keys", f"{copy}.keys")
            out = root / f"{name}.json"
            subprocess.run(
                [sys.executable, __file__, "--measure", str(copy), "--passphrase-file",
                 str(passphrase_file), "--repeat", str(repeat), "--out", str(out)],
                check=True, env={**os.environ, "QT_QPA_PLATFORM": os.environ.get(
                    "QT_QPA_PLATFORM", "offscreen")},
            )
            results[name] = json.loads(out.read_text(encoding="utf-8"))
    return [Row(key, results["large"][key], results["demo"][key],
                results["large"].get(f"{key}_cpu")) for key in GOALS]


def _build_demo(path: Path, passphrase: str) -> None:
    from sps_desk.demo import build_demo_year
    from sps_desk.store.database import Database

    with Database.create(path, passphrase, "SPS démonstration") as database:
        build_demo_year(database, date.today().year - 1, seed=1)


def print_table(rows: list[Row]) -> None:
    """The table of :func:`measure`, with each goal and whether the large base meets it."""
    print(f"{'figure':44} {'large':>10} {'demo':>10} {'ratio':>7} {'large CPU':>11}"
          f" {'goal':>9}")
    for row in rows:
        label, unit, goal = GOALS[row.key]
        met = "ok" if row.large <= goal else "OVER"
        cpu = "" if row.large_cpu is None else f"{row.large_cpu:8.2f} {unit:<2}"
        ratio = f"{row.ratio:6.1f}×" if row.demo else "      –"
        print(f"{label:44} {row.large:8.2f} {unit:<2}{row.demo:8.2f} {unit:<2}"
              f"{ratio} {cpu:>11} ≤{goal:>5} {unit:<2} {met}")


# --------------------------------------------------------------------- one base


class _Heartbeat:
    """A 5 ms timer on the GUI thread: the longest gap between two ticks is the longest
    the event loop was kept from running. On a loaded machine a gap also counts the
    waiting for a core: :attr:`longest_cpu` is the most CPU time the GUI thread itself
    spent between two ticks (its own work, not the wait)."""

    def __init__(self) -> None:
        from PySide6.QtCore import QTimer

        self.timer = QTimer()
        self.timer.setInterval(5)
        self.timer.timeout.connect(self._tick)
        self.last = self.last_cpu = 0.0
        self.longest = self.longest_cpu = 0.0

    def _tick(self) -> None:
        now, cpu = time.perf_counter(), time.thread_time()
        self.longest = max(self.longest, now - self.last)
        self.longest_cpu = max(self.longest_cpu, cpu - self.last_cpu)
        self.last, self.last_cpu = now, cpu

    def __enter__(self) -> _Heartbeat:
        self.last, self.last_cpu = time.perf_counter(), time.thread_time()
        self.longest = self.longest_cpu = 0.0
        self.timer.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.timer.stop()
        self._tick()


def _wait(app: object, done: Callable[[], bool], timeout: float = 600) -> None:
    from PySide6.QtCore import QEventLoop

    end = time.perf_counter() + timeout
    while not done():
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 5)  # type: ignore[attr-defined]
        if time.perf_counter() > end:
            raise TimeoutError("the window did not finish in time")


def _settle(app: object) -> None:
    """Run the event loop until nothing is left to do now (paint included)."""
    for _ in range(3):
        app.processEvents()  # type: ignore[attr-defined]


class _Timer:
    """Wall-clock and GUI-thread CPU seconds of each timed step."""

    def __init__(self) -> None:
        self.wall: list[float] = []
        self.cpu: list[float] = []

    @contextmanager
    def step(self) -> Iterator[None]:
        wall, cpu = time.perf_counter(), time.thread_time()
        yield
        self.wall.append(time.perf_counter() - wall)
        self.cpu.append(time.thread_time() - cpu)

    def store(self, out: dict[str, float], key: str, *, worst: bool = False) -> None:
        """Median (``worst``: the slowest) in milliseconds, wall then CPU."""
        pick = max if worst else statistics.median
        out[key] = pick(self.wall) * 1000
        out[f"{key}_cpu"] = pick(self.cpu) * 1000


def _unlock_to_window(path: Path, passphrase: str) -> tuple[float, float, int]:
    """Seconds from the passphrase typed to the window shown and painted, the
    application's modules already imported (they are while the passphrase is typed);
    then the process's CPU seconds meanwhile, and how many of :data:`SOLVER_MODULES`
    the shown window has loaded."""
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    import sps_desk.ui.app  # noqa: F401 — what the application imports before the unlock

    app = QApplication.instance() or QApplication([])
    from sps_desk.store.database import Database
    from sps_desk.ui.main_window import MainWindow

    start, cpu = time.perf_counter(), time.process_time()
    database = Database.open(path, passphrase)
    window = MainWindow(database)
    window.show()
    QTest.qWaitForWindowExposed(window)
    _settle(app)
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    solver = sum(name in sys.modules for name in SOLVER_MODULES)
    window.close()
    database.close()
    return seconds, cpu, solver


def _measure_base(path: Path, passphrase_file: Path, repeat: int) -> dict[str, float]:
    from PySide6.QtCore import QDate, QTime
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([])
    from sps_desk.store.database import Database
    from sps_desk.ui.main_window import PAGE_TYPES, MainWindow
    from sps_desk.ui.pages.field import FieldPage

    passphrase = passphrase_file.read_text(encoding="utf-8").strip()
    from sps_desk.ui.pages.report import ReportPage
    from sps_desk.ui.pages.time_entries import TimePage
    from sps_desk.ui.pages.young_people import YoungPeoplePage

    out: dict[str, float] = {}

    # Unlock → window shown, each time in a fresh process (as after starting the
    # application: what the window imports after the unlock counts).
    runs = [subprocess.run(
        [sys.executable, __file__, "--unlock", str(path), "--passphrase-file",
         str(passphrase_file)], check=True, capture_output=True, text=True,
    ).stdout.split() for _ in range(repeat)]
    out["unlock_to_window"] = statistics.median(float(run[-3]) for run in runs)
    out["unlock_to_window_cpu"] = statistics.median(float(run[-2]) for run in runs)
    out["solver_at_start"] = max(int(run[-1]) for run in runs)
    database = Database.open(path, passphrase)
    window = MainWindow(database)
    window.show()
    QTest.qWaitForWindowExposed(window)
    _settle(app)
    gc.freeze()  # as sps_desk.ui.app does once the window is shown
    last_year = max(date.fromisoformat(row[0]).year for row in [
        database.connection.execute("SELECT max(date) FROM field_session").fetchone()])

    # Save one outing from Terrain until its row is shown (in a year with outings).
    field = window.page(FieldPage)
    assert isinstance(field, FieldPage)
    field.show_year(last_year)
    _settle(app)
    staff = field.active_staff()[0].id
    timer = _Timer()
    for number in range(repeat):
        field.date_edit.setDate(QDate(last_year, 6, 2 + number))
        field.start_edit.setTime(QTime(14, 0))
        field.end_edit.setTime(QTime(16, 30))
        field.staff_list.set_checked(staff)
        with timer.step():
            field.save_button.click()
            _settle(app)
        session = field.selected_session()
        assert session is not None and session.date == date(last_year, 6, 2 + number)
    timer.store(out, "save_outing")

    # Page switches: every page's first visit, then back to a built one.
    timer = _Timer()
    for index in range(1, len(PAGE_TYPES)):
        with timer.step():
            window.show_page(index)
            _settle(app)
    timer.store(out, "page_first_visit", worst=True)
    timer = _Timer()
    for _ in range(repeat):
        for index in range(len(PAGE_TYPES)):
            with timer.step():
                window.show_page(index)
                _settle(app)
    timer.store(out, "page_switch")

    # Search, per keystroke, once the index is filled (in the background at start).
    young = window.page(YoungPeoplePage)
    assert isinstance(young, YoungPeoplePage)
    window.show_page(PAGE_TYPES.index(YoungPeoplePage))
    _wait(app, lambda: young.young.complete)
    timer = _Timer()
    for word in ("kemi", "lucas", "zoe"):
        for length in [*range(1, len(word) + 1), *range(len(word) - 1, -1, -1)]:
            with timer.step():
                young.search_edit.setText(word[:length])
                _settle(app)
    timer.store(out, "search_keystroke")
    timer.store(out, "search_keystroke_max", worst=True)

    # Week change in Temps.
    time_page = window.page(TimePage)
    assert isinstance(time_page, TimePage)
    window.show_page(PAGE_TYPES.index(TimePage))
    time_page.week_edit.setDate(QDate(last_year, 3, 2))
    _settle(app)
    timer = _Timer()
    for _ in range(max(repeat, 5)):
        with timer.step():
            time_page.next_button.click()
            _settle(app)
    timer.store(out, "week_change")

    folder = Path(tempfile.mkdtemp(prefix="sps_report_"))
    # The report, generated from the window.
    report = window.page(ReportPage)
    assert isinstance(report, ReportPage)
    window.show_page(PAGE_TYPES.index(ReportPage))
    report.year_spin.setValue(last_year)
    report.folder_edit.setText(str(folder / "rapport"))
    _settle(app)
    with _Heartbeat() as beat:
        report.generate_button.click()
        _wait(app, lambda: not report.running)
    assert report.files is not None, report.errors.lines()
    out["stall_report"] = beat.longest * 1000
    out["stall_report_cpu"] = beat.longest_cpu * 1000
    out["peak_rss"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    out["stall_export"], out["stall_export_cpu"] = _stall_export(app, window, last_year, folder)
    out["stall_import"], out["stall_import_cpu"] = _stall_import(app, window, folder, last_year)
    # Last: the laptop's demo team joins the base's staff under the same names.
    out["stall_merge"], out["stall_merge_cpu"] = _stall_merge(app, window, folder, passphrase)
    window.close()
    database.close()
    return out


def _stall_export(app: object, window: object, year: int, folder: Path) -> tuple[float, float]:
    from sps_desk.ui.dialogs.export_preview import ExportPreviewDialog

    with _Heartbeat() as beat:
        dialog = window.department_menu.open_export()  # type: ignore[attr-defined]
        assert isinstance(dialog, ExportPreviewDialog)
        dialog.year_spin.setValue(year)
        _wait(app, lambda: getattr(dialog, "job", None) is None)
        dialog.path_edit.setText(str(folder / "statistiques.json"))
        dialog.save_button.click()
        _wait(app, lambda: getattr(dialog, "job", None) is None)
    dialog.close()
    return beat.longest * 1000, beat.longest_cpu * 1000


def _stall_merge(app: object, window: object, folder: Path,
                 passphrase: str) -> tuple[float, float]:
    """A laptop joined to the base records a demo year; its bundle is merged."""
    from sps_desk.demo import build_demo_year
    from sps_desk.store.database import Database
    from sps_desk.store.sync.identity import join, key_file_text
    from sps_desk.store.sync.transfer import make_bundle
    from sps_desk.ui.dialogs.merge import MergeDialog

    chief = window.database  # type: ignore[attr-defined]
    with Database.create(folder / "portable.sps", passphrase, "provisoire") as laptop:
        join(laptop, key_file_text(chief), "chef.spskey")
        build_demo_year(laptop, date.today().year, seed=2)
        data = make_bundle(laptop).data
    with _Heartbeat() as beat:
        dialog = MergeDialog(chief, [("portable.spsb", data)], window.hub, window)  # type: ignore[attr-defined]
        dialog.show()
        _wait(app, lambda: dialog.job is None)
        assert dialog.plan is not None, dialog.errors.lines()
        dialog.trust_check.setChecked(True)
        dialog.run_merge()
        _wait(app, lambda: dialog.job is None)
        assert dialog.merged is not None, dialog.errors.lines()
    dialog.close()
    return beat.longest * 1000, beat.longest_cpu * 1000


def _stall_import(app: object, window: object, folder: Path,
                  year: int) -> tuple[float, float]:
    """A year of hand-typed hours for the team (≈ 5 000 rows) imported from a CSV."""
    from sps_desk.tabular.fields import ImportKind
    from sps_desk.ui.dialogs.import_spreadsheet import ImportSpreadsheetDialog

    database = window.database  # type: ignore[attr-defined]
    names = sorted({m.display_name for m in database.repos.staff.all() if m.active})[:20]
    lines = ["Date;Professionnel;Catégorie;Heures"]
    day = date(year, 1, 2)
    while day.year == year and len(lines) <= 5_000:
        for name in names:
            lines.append(f"{day:%d/%m/%Y};{name};Écrits professionnels;1,5")
        day += timedelta(days=1)
    path = folder / "heures.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8-sig")
    with _Heartbeat() as beat:
        dialog = ImportSpreadsheetDialog(database, window.hub, window)  # type: ignore[attr-defined]
        dialog.show()
        dialog.set_kind(ImportKind.TIME)
        dialog.load_file(path)
        _wait(app, lambda: dialog.job is None)
        assert dialog.checked is not None and dialog.checked.ok, dialog.summary.text()
        dialog.run_import()
        _wait(app, lambda: dialog.job is None)
        assert dialog.result is not None, dialog.errors.lines()
    dialog.close()
    return beat.longest * 1000, beat.longest_cpu * 1000


def main() -> None:
    """Measure both bases and print the table (or, with ``--measure``, one base)."""
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--large", type=Path)
    parser.add_argument("--demo", type=Path)
    parser.add_argument("--passphrase-file", type=Path, required=True)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--measure", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--unlock", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.unlock is not None:
        passphrase = args.passphrase_file.read_text(encoding="utf-8").strip()
        print(*_unlock_to_window(args.unlock, passphrase))
        return
    if args.measure is not None:
        figures = _measure_base(args.measure, args.passphrase_file, args.repeat)
        args.out.write_text(json.dumps(figures), encoding="utf-8")
        return
    if args.large is None:
        parser.error("--large is required")
    print_table(measure_rows(args.large, args.passphrase_file, demo=args.demo,
                             repeat=args.repeat))


if __name__ == "__main__":
    main()
