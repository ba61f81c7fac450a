"""What team merge costs on a laptop that holds a whole demo year (issue 7).

Run: ``python benchmarks/bench_sync.py [--repeat N]``. A laptop base joined to a chief's
base receives the demo year (every record written by the laptop); then, median of N
runs: the year's statistics on the laptop (the reference, the yardstick of every
benchmark here), selecting the changes, writing the bundle (JSON, zlib, Ed25519
signature, X25519 sealed box), reading it on the chief's side (decryption, signature,
validation of every record), merging it into a copy of the chief's base that has never
seen it (plan + one transaction, derived time entries rebuilt), and merging it again
(nothing to do). Prints the bundle size, absolute times and ratios to the reference.
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
from pathlib import Path

from timing import PASSPHRASE, YEAR, median_seconds

from sps_desk.demo import build_demo_year
from sps_desk.reports.statistics import compute_statistics
from sps_desk.store.database import Database
from sps_desk.store.sync.identity import join, key_file_text, own_keys
from sps_desk.store.sync.selection import changes_since
from sps_desk.store.sync.transfer import make_bundle, merge_bundles, read_bundles


def main() -> None:
    """Build the bases, time each step, print the table."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        chief = Database.create(root / "chef.sps", PASSPHRASE, "Banc d'essai")
        laptop = Database.create(root / "portable.sps", PASSPHRASE, "provisoire")
        join(laptop, key_file_text(chief), "chef.spskey")
        build_demo_year(laptop, YEAR, 1)
        chief.connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        chief.close()
        data = make_bundle(laptop).data
        records = len(changes_since(laptop, 0))
        # The chief compared the laptop's fingerprint (a new laptop needs it since issue 14).
        trusted = [own_keys(laptop).fingerprint]

        def merge_fresh() -> None:
            shutil.copyfile(root / "chef.sps", root / "copie.sps")
            shutil.copyfile(root / "chef.sps.keys", root / "copie.sps.keys")
            with Database.open(root / "copie.sps", PASSPHRASE) as copy:
                merge_bundles(copy, [("p.spsb", data)], trusted=trusted)

        with Database.open(root / "chef.sps", PASSPHRASE) as target:
            merge_bundles(target, [("p.spsb", data)], trusted=trusted)
            reference = median_seconds(lambda: compute_statistics(laptop, YEAR), args.repeat)
            rows = [
                ("statistiques de l'année (référence)", reference),
                ("sélection des changements", median_seconds(
                    lambda: changes_since(laptop, 0), args.repeat)),
                ("écriture du paquet (signé, scellé)", median_seconds(
                    lambda: make_bundle(laptop), args.repeat)),
                ("lecture et vérification du paquet", median_seconds(
                    lambda: read_bundles(target, [("p.spsb", data)]), args.repeat)),
                ("intégration, base neuve (ouverture comprise)", median_seconds(merge_fresh,
                                                                       args.repeat)),
                ("intégration répétée (aucun changement)", median_seconds(
                    lambda: merge_bundles(target, [("p.spsb", data)]), args.repeat)),
            ]
        laptop.close()
    print(f"Paquet d'une année de démonstration : {records} enregistrements, "
          f"{len(data) / 1024:.0f} Kio")
    print(f"{'opération':45} {'temps':>10} {'rapport':>8}")
    for label, seconds in rows:
        print(f"{label:45} {seconds * 1000:8.0f} ms {seconds / reference:7.2f}×")


if __name__ == "__main__":
    main()
