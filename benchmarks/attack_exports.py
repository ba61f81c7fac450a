"""The independent attacker (``tests/attacker.py``) against the demo services' exports.

Run: ``python benchmarks/attack_exports.py [--seeds 1-8] [--bases DIR] [--before DIR]``.
For each seed: the demo year 2025 (built in a temporary base, or read from
``DIR/seedN.sps``), its statistics file as ``sps-desk export`` prepares it now (nothing
recorded), and the attack: masked counts, masked values found exactly, primary cells
(true value 1 to k−1) whose upper bound is below k. With ``--before DIR``, the files
``DIR/seedN.json`` exported earlier from the same bases (by the code before issue 11)
are attacked too, with the per-cell reasons version 1 published and without them.
Also prints the time of the suppression against the time of the statistics.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

from timing import PASSPHRASE, YEAR

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sps_desk.demo import build_demo_year
from sps_desk.reports.disclosure import suppress
from sps_desk.reports.file_builder import full_file
from sps_desk.reports.joint import Member, joint_problem
from sps_desk.reports.release import prepare_diffusion
from sps_desk.reports.statistics import compute_statistics
from sps_desk.store.database import Database
from tests.attacker import attack, values


def seeds(text: str) -> list[int]:
    first, _, last = text.partition("-")
    return list(range(int(first), int(last or first) + 1))


def row(found, truth: dict[str, int], k: int) -> str:
    masked = found.intervals[0]
    return (f"{len(masked):4d} masquées {len(found.exact(0)):3d} exactes "
            f"{len(found.below(0, truth, k)):3d} primaires < k")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seeds", type=seeds, default=seeds("1-8"))
    parser.add_argument("--bases", type=Path, help="dossier des bases seedN.sps existantes")
    parser.add_argument("--passphrase", default=PASSPHRASE)
    parser.add_argument("--before", type=Path, help="dossier des fichiers seedN.json d'avant")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        for seed in args.seeds:
            if args.bases is not None:
                database = Database.open(args.bases / f"seed{seed}.sps", args.passphrase)
            else:
                database = Database.create(Path(folder) / f"seed{seed}.sps", args.passphrase,
                                           "Banc d'essai")
                build_demo_year(database, YEAR, seed)
            with database:
                start = time.perf_counter()
                stats = compute_statistics(database, YEAR)
                statistics_seconds = time.perf_counter() - start
                full = full_file(stats, service_id=str(database.service().id), threshold=5,
                                 chief_sections=[])
                start = time.perf_counter()
                suppress(joint_problem([Member("N", full)], 5).problem, 5)
                suppression_seconds = time.perf_counter() - start
                after = json.loads(prepare_diffusion(database, YEAR).current.model_dump_json())
            truth = values(json.loads(full.model_dump_json()))
            line = f"graine {seed} | après : {row(attack([after]), truth, 5)}"
            if args.before is not None:
                before = json.loads((args.before / f"seed{seed}.json").read_text("utf-8"))
                line += (f" | avant, avec motifs : {row(attack([before]), truth, 5)}"
                         f" | avant, sans motifs : "
                         f"{row(attack([before], use_reasons=False), truth, 5)}")
            line += (f" | secret {suppression_seconds * 1000:.0f} ms = "
                     f"{suppression_seconds / statistics_seconds:.2f} × statistiques")
            print(line, flush=True)


if __name__ == "__main__":
    main()
