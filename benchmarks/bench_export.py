"""What the Département file costs: statistical secrecy and the leak scan, against the
year's statistics.

Run: ``python benchmarks/bench_export.py [--repeat N]``. Builds the demo year (SPS Arras)
in a temporary SQLCipher base and times, median of N runs: the statistics of the year
(the reference), the suppression (primary, secondary and the HiGHS attacker model), the
whole file built from the statistics, the leak scan, and the export writing JSON + XLSX.
Prints absolute times and each one's ratio to the statistics measured in the same run.
Then consolidates 8 services' files, against one file's build.
"""

from __future__ import annotations

import argparse
import tempfile
from collections.abc import Callable
from pathlib import Path

from timing import PASSPHRASE, YEAR, median_seconds

from sps_desk.demo import build_demo_year
from sps_desk.reports.consolidation import consolidate_files
from sps_desk.reports.disclosure import suppress
from sps_desk.reports.export import (
    export_year,
    free_texts,
    prepare_export,
    protected_values,
    write_export,
)
from sps_desk.reports.file_builder import build_statistics_file, protected_cells
from sps_desk.reports.leak_scan import find_leaks
from sps_desk.reports.statistics import compute_statistics
from sps_desk.store.database import Database


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        database = Database.create(root / "demo.sps", PASSPHRASE, "Banc d'essai")
        build_demo_year(database, YEAR, seed=1)
        stats = compute_statistics(database, YEAR)
        cells = protected_cells(stats)
        built = prepare_export(database, YEAR)
        needles = protected_values(database)
        service_id = str(database.service().id)
        jobs: dict[str, Callable[[], object]] = {
            "statistiques de l'année (référence)": lambda: compute_statistics(database, YEAR),
            "secret statistique (suppression)": lambda: suppress(cells.values, cells.relations),
            "fichier complet depuis les statistiques": lambda: build_statistics_file(
                stats, service_id=service_id, threshold=5, chief_sections=[]),
            "contrôle des fuites": lambda: find_leaks(free_texts(built), needles),
            "export JSON + XLSX": lambda: export_year(database, YEAR, root / "s.json"),
        }
        results = {name: median_seconds(job, args.repeat) for name, job in jobs.items()}
        reference = results["statistiques de l'année (référence)"]
        print(f"{len(built.disclosure.suppressions)} cellules masquées sur "
              f"{len(cells.values)} comptes de personnes")
        for name, seconds in results.items():
            print(f"{name:45s} {seconds * 1000:9.1f} ms   × {seconds / reference:6.2f}")
        database.close()
        files = []
        for index in range(8):  # 8 services: the same figures under 8 service ids
            other = build_statistics_file(stats, service_id=f"{index:08d}{service_id[8:]}",
                                          threshold=5, chief_sections=[])
            files.append(write_export(other, root / f"service-{index}.json").json)
        seconds = median_seconds(lambda: consolidate_files(files, root / "out"), args.repeat)
        one = results["fichier complet depuis les statistiques"]
        print(f"{'consolidation de 8 fichiers (PDF + XLSX)':45s} {seconds * 1000:9.1f} ms   "
              f"× {seconds / one:6.2f} (rapport au fichier complet)")


if __name__ == "__main__":
    main()
