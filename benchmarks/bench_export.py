"""What the Département file costs: statistical secrecy and the leak scan, against the
year's statistics.

Run: ``python benchmarks/bench_export.py [--repeat N]``. Builds the demo year (SPS Arras)
in a temporary SQLCipher base and times, median of N runs: the statistics of the year
(the reference); the suppression of a first release (primary, secondary and the HiGHS
attacker model); the suppression of a second release of the same year after one
young person was erased (joint with the first release: differencing checks); the leak
scan (needles read from the base, then the scan); the whole diffusion prepared; the
export writing JSON + XLSX. Prints absolute times and each one's ratio to the
statistics measured in the same run. (The consolidation of signed files from many
services is measured in ``bench_large.py``.)
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

from timing import PASSPHRASE, YEAR, median_seconds

from sps_desk.demo import build_demo_year
from sps_desk.reports.disclosure import suppress
from sps_desk.reports.export import export_year
from sps_desk.reports.file_builder import full_file
from sps_desk.reports.joint import Member, joint_problem
from sps_desk.reports.leak_scan import find_leaks, needles_of
from sps_desk.reports.release import free_texts, prepare_diffusion
from sps_desk.reports.statistics import compute_statistics, compute_years
from sps_desk.store import rights
from sps_desk.store.database import Database


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        database = Database.create(root / "demo.sps", PASSPHRASE, "Banc d'essai")
        build_demo_year(database, YEAR, seed=1)
        database.close()
        for suffix in ("", ".keys"):
            shutil.copy(root / f"demo.sps{suffix}", root / f"erased.sps{suffix}")
        database = Database.open(root / "demo.sps", PASSPHRASE)
        service_id = str(database.service().id)
        full = full_file(compute_statistics(database, YEAR), service_id=service_id,
                         threshold=5, chief_sections=[])
        first = joint_problem([Member("N", full)], 5).problem
        masked = {c.split(":", 1)[1] for c in suppress(first, 5)}
        with Database.open(root / "erased.sps", PASSPHRASE) as erased:
            person = erased.repos.young_people.get(erased.repos.supports.all()[0].young_person_id)
            rights.erase(erased, person)
            after = full_file(compute_statistics(erased, YEAR), service_id=service_id,
                              threshold=5, chief_sections=[])
        second = joint_problem([Member("r1", full, frozenset(masked), 1),
                                Member("N", after)], 5).problem
        built = prepare_diffusion(database, YEAR).current
        jobs: dict[str, Callable[[], object]] = {
            # compute_years: a fresh pass (compute_statistics keeps its last one).
            "statistiques de l'année (référence)": lambda: compute_years(database, YEAR, YEAR),
            "secret statistique, première diffusion": lambda: suppress(first, 5),
            "secret statistique, 2e diffusion (1 effacement)": lambda: suppress(second, 5),
            "contrôle des fuites (lecture + recherche)": lambda: find_leaks(
                free_texts(built), needles_of(database)),
            "diffusion complète (prepare_diffusion)": lambda: prepare_diffusion(database, YEAR),
            "export JSON + XLSX": lambda: export_year(database, YEAR, root / "s.json"),
        }
        results = {name: median_seconds(job, args.repeat) for name, job in jobs.items()}
        reference = results["statistiques de l'année (référence)"]
        print(f"Première diffusion : {len(masked)} cases masquées ; 2e diffusion après un "
              f"effacement : {len(suppress(second, 5))} cases")
        for name, seconds in results.items():
            print(f"{name:50s} {seconds * 1000:9.1f} ms   × {seconds / reference:6.2f}")
        database.close()


if __name__ == "__main__":
    main()
