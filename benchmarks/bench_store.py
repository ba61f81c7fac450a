"""What encryption costs: SQLCipher against plain SQLite on the same demo year.

Run: ``python benchmarks/bench_store.py [--repeat N]``. Builds the demo year in a
temporary SQLCipher base, exports the same content to a plain SQLite file with
``sqlcipher_export``, then times on both the same work: a full scan of the time entries,
the year's statistics, and opening the file (key derivation included for SQLCipher).
Prints absolute times (median of N runs) and the ratio SQLCipher / plain SQLite.
"""

from __future__ import annotations

import argparse
import tempfile
import time
import uuid
from pathlib import Path

import sqlcipher3
from timing import PASSPHRASE, YEAR, median_seconds

from sps_desk.demo import build_demo_year
from sps_desk.reports.statistics import compute_statistics
from sps_desk.store.database import Database


def _plain_copy(encrypted: Database, target: Path) -> Database:
    encrypted.connection.execute(
        "ATTACH DATABASE ? AS plaintext KEY ''", (str(target),)
    )
    encrypted.connection.execute("SELECT sqlcipher_export('plaintext')")
    encrypted.connection.execute("DETACH DATABASE plaintext")
    connection = sqlcipher3.connect(str(target), isolation_level=None)
    device = connection.execute("SELECT value FROM meta WHERE key = 'device_id'").fetchone()[0]
    return Database(target, connection, uuid.UUID(device))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "demo.sps"
        start = time.perf_counter()
        encrypted = Database.create(path, PASSPHRASE, "Banc d'essai")
        summary = build_demo_year(encrypted, YEAR, seed=1)
        print(f"demo year built in {time.perf_counter() - start:.2f} s: {summary}")
        plain = _plain_copy(encrypted, Path(folder) / "plain.db")

        scan = "SELECT category, sum(hours) FROM time_entry GROUP BY category"
        rows = [
            ("scan time_entry (GROUP BY)",
             lambda db: db.connection.execute(scan).fetchall()),
            ("statistics of the year", lambda db: compute_statistics(db, YEAR)),
        ]
        print(f"{'work':32} {'SQLCipher':>12} {'SQLite':>12} {'ratio':>8}")
        for label, job in rows:
            cipher = median_seconds(lambda job=job: job(encrypted), args.repeat)
            clear = median_seconds(lambda job=job: job(plain), args.repeat)
            print(f"{label:32} {cipher * 1000:10.1f} ms {clear * 1000:10.1f} ms "
                  f"{cipher / clear:7.2f}×")
        encrypted.close()
        plain.close()
        opening = median_seconds(lambda: Database.open(path, PASSPHRASE).close(), args.repeat)
        plain_open = median_seconds(
            lambda: sqlcipher3.connect(str(Path(folder) / "plain.db")).execute(
                "PRAGMA quick_check").fetchall(),
            args.repeat,
        )
        print(f"{'open + key + quick_check':32} {opening * 1000:10.1f} ms "
              f"{plain_open * 1000:10.1f} ms {opening / plain_open:7.2f}×")
        print(f"file size: {path.stat().st_size / 1024:.0f} KiB")


if __name__ == "__main__":
    main()
