"""What backups cost: a verified backup, its check, and a restore, against a plain copy.

Run: ``python benchmarks/bench_backup.py [--repeat N] [--base PATH --passphrase-file F]``.
Without ``--base``, builds the demo year in a temporary base; with it (e.g. the 20 staff
× 10 years base of issue 12, ``/work/large/large.sps``), works on a copy of it, never on
the base itself. Times, median of N runs: copying the base's file with ``shutil`` (the
reference: what « copy both files back » cost, with no consistency and no check), a
verified backup (online copy through SQLite's backup API, checksums, every page's HMAC
read back), checking a backup before a restore (both checksums), and a restore (checks,
staged copy, the replaced base set aside, reopening and the erasure register). Prints
absolute times, each one's ratio to the reference, and the base's size.
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
from pathlib import Path

from timing import PASSPHRASE, median_seconds

from sps_desk.demo import build_demo_year
from sps_desk.store import slots
from sps_desk.store.backup import check_backup, copy_base
from sps_desk.store.database import Database
from sps_desk.store.restore import restore_backup


def _base(folder: Path, source: Path | None, passphrase: str) -> Path:
    path = folder / "banc.sps"
    if source is None:
        with Database.create(path, passphrase, "Banc d'essai") as database:
            build_demo_year(database, 2025, 1)
        return path
    shutil.copyfile(source, path)
    shutil.copyfile(slots.header_path(source), slots.header_path(path))
    return path


def main() -> None:
    """Build or copy the base, time each operation, print the table."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--base", type=Path)
    parser.add_argument("--passphrase-file", type=Path)
    args = parser.parse_args()
    passphrase = PASSPHRASE if args.passphrase_file is None else \
        args.passphrase_file.read_text(encoding="utf-8").removesuffix("\n")
    with tempfile.TemporaryDirectory() as work:
        folder = Path(work)
        path = _base(folder, args.base, passphrase)
        with Database.open(path, passphrase) as database:
            key = database.database_key
        assert key is not None
        size = path.stat().st_size
        copies = folder / "copies"
        backups = folder / "sauvegardes"
        copies.mkdir()
        made = []

        def plain_copy() -> None:
            shutil.copyfile(path, copies / f"copie-{len(list(copies.iterdir()))}.sps")

        def backup() -> None:
            made.append(copy_base(path, key, backups))

        reference = median_seconds(plain_copy, args.repeat)
        shutil.rmtree(copies)
        rows = [("copie du fichier (référence)", reference)]
        rows.append(("sauvegarde vérifiée", median_seconds(backup, args.repeat)))
        rows.append(("contrôle avant restauration",
                     median_seconds(lambda: check_backup(made[0].folder), args.repeat)))
        rows.append(("restauration", median_seconds(
            lambda: restore_backup(made[0].folder, path, passphrase=passphrase),
            args.repeat)))
    print(f"Base : {size / 1_000_000:.1f} Mo, médiane de {args.repeat} essai(s)")
    for label, seconds in rows:
        print(f"{label:32} {seconds:8.3f} s   ×{seconds / reference:6.1f}")


if __name__ == "__main__":
    main()
