"""The home page « Accueil » and « À vérifier » on a large service, against the demo year.

Run: ``python benchmarks/bench_home.py --large BASE --passphrase-file FILE [--repeat N]``
(e.g. a copy of ``/work/large/large.sps``, 20 staff × 10 years: opening migrates it, so
give a copy). The demo year (SPS Arras 2025) is built in a temporary folder.

For each base: the median wall-clock and CPU seconds of the home page's background job
(``load_home``: figures of 1 January – 30 June 2025 against 2024, the months, and every
« À vérifier » rule), of each part, and of the year's statistics (``compute_statistics``,
the report's own figures) as the reference measured in the same run; then the ratios
large ÷ demo and job ÷ statistics. With ``--window``, also what the GUI thread does:
build the page and fill it from the job's result (offscreen).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

from timing import PASSPHRASE, YEAR

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sps_desk.demo import build_demo_year
from sps_desk.reports.home import home_figures
from sps_desk.reports.statistics import compute_statistics
from sps_desk.store.checks import find_lines
from sps_desk.store.database import Database

CUTOFF = date(YEAR, 6, 30)


def timed(job: Callable[[], object], repeat: int) -> tuple[float, float]:
    """Median wall-clock and CPU seconds of ``repeat`` runs of ``job``."""
    walls, cpus = [], []
    for _ in range(repeat):
        wall, cpu = time.perf_counter(), time.process_time()
        job()
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return statistics.median(walls), statistics.median(cpus)


def jobs(database: Database) -> dict[str, Callable[[], object]]:
    """The jobs measured, by French name."""
    from sps_desk.ui.pages.home import load_home

    return {
        "statistiques de l'année (référence)": lambda: compute_statistics(database, YEAR),
        "chiffres de l'accueil (N et N−1 au 30/06, mois)": lambda: home_figures(
            database, CUTOFF),
        "« À vérifier » (7 règles)": lambda: find_lines(database, YEAR, CUTOFF),
        "travail de fond de l'accueil (les deux)": lambda: load_home(database, CUTOFF),
    }


def window_jobs(database: Database) -> dict[str, Callable[[], object]]:
    """What the GUI thread does for the page: build it, fill it from a job's result."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from sps_desk.ui.formatting import to_qdate
    from sps_desk.ui.hub import DataHub
    from sps_desk.ui.pages.home import HomePage, load_home

    app = QApplication.instance() or QApplication(["bench"])
    data = load_home(database, CUTOFF)
    page = HomePage(database, DataHub())
    page.cutoff_edit.blockSignals(True)  # the data is the job's, already computed
    page.cutoff_edit.setDate(to_qdate(CUTOFF))
    page.cutoff_edit.blockSignals(False)
    page.show()

    def fill() -> None:
        page.show_data(data)
        app.processEvents()

    return {"fil de la fenêtre : remplir la page": fill}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--large", type=Path, required=True)
    parser.add_argument("--passphrase-file", type=Path, required=True)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--window", action="store_true")
    args = parser.parse_args()
    large = Database.open(args.large, args.passphrase_file.read_text(encoding="utf-8").strip(),
                          defer_unlock_audit=True)
    with tempfile.TemporaryDirectory() as folder:
        demo = Database.create(Path(folder) / "demo.sps", PASSPHRASE, "Banc d'essai")
        build_demo_year(demo, YEAR, seed=1)
        measured: dict[str, dict[str, tuple[float, float]]] = {}
        for name, base in (("grande", large), ("démo", demo)):
            chosen = jobs(base) | (window_jobs(base) if args.window else {})
            measured[name] = {job: timed(run, args.repeat) for job, run in chosen.items()}
        demo.close()
    large.close()
    reference = "statistiques de l'année (référence)"
    print(f"{'':52} {'grande':>16} {'démo':>16} {'÷ démo':>7} {'÷ stat.':>8}")
    for job in measured["grande"]:
        (wall, cpu), (demo_wall, demo_cpu) = measured["grande"][job], measured["démo"][job]
        ratio = wall / measured["grande"][reference][0]
        print(f"{job:52} {wall * 1000:7.0f} ms {cpu * 1000:5.0f} cpu"
              f" {demo_wall * 1000:7.0f} ms {demo_cpu * 1000:5.0f} cpu"
              f" {wall / demo_wall:6.1f}× {ratio:7.2f}×")


if __name__ == "__main__":
    main()
