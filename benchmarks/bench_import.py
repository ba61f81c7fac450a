"""What a spreadsheet import costs: a decade of hand-typed hours in one CSV.

Run: ``python benchmarks/bench_import.py [--rows N]``. Builds a base with 8 professionals
and a « ; » CSV of N time entries (French dates and decimal commas), then times the
preview (read, map, check every row against the base: what the window re-runs when a
column combo changes), the all-or-nothing commit, and the preview of the same file again
(every row unchanged). One run each per base (the commit cannot be repeated on the same base);
``--repeat N`` makes N bases and prints the medians.
Issue 13 asks for preview + import of 100 000 rows within 10 s; each span is printed as
wall-clock and processor time (the latter stays meaningful on a busy machine).
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from pathlib import Path

from timing import PASSPHRASE

from sps_desk.enums import Role
from sps_desk.records import StaffMember
from sps_desk.store import imports
from sps_desk.store.database import Database
from sps_desk.tabular.fields import ImportKind

CATEGORIES = ("Congés", "Écrits professionnels", "Formations",
              "Temps de préparation des activités", "Actions partenariales et réunions diverses")


def _csv(path: Path, names: list[str], rows: int) -> None:
    rng = random.Random(1)
    lines = ["Date;Éducateur;Catégorie;Nb d'heures"]
    for _ in range(rows):
        hours = f"{rng.randint(1, 28) / 4:g}".replace(".", ",")
        lines.append(f"{rng.randint(1, 28):02d}/{rng.randint(1, 12):02d}/"
                     f"{rng.randint(2016, 2025)};{rng.choice(names)};{rng.choice(CATEGORIES)};"
                     f"{hours}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8-sig")


def main() -> None:
    """Print the preview, commit and re-preview times of one import of N rows (medians
    of ``--repeat`` runs, each on a new base)."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=1,
                        help="runs, each on a new base; the medians are printed")
    args = parser.parse_args()
    runs = [_run(args.rows) for _ in range(args.repeat)]
    spans = {name: (statistics.median(run[name][0] for run in runs),
                    statistics.median(run[name][1] for run in runs)) for name in runs[0]}
    new, unchanged = runs[0]["counts"]
    print(f"{args.rows} lignes (temps réel / temps processeur"
          + (f", médianes de {args.repeat} essais" if args.repeat > 1 else "")
          + f") : aperçu {_text(spans['preview'])}, import {_text(spans['commit'])} "
          f"({new} nouvelles), aperçu du même fichier {_text(spans['again'])} "
          f"({unchanged} inchangées) ; aperçu + import {_text(spans['total'])} "
          "(objectif : 10 s pour 100 000 lignes)")


def _run(rows: int) -> dict[str, tuple[float, float]]:
    """One import of ``rows`` rows into a new base: (wall, processor) seconds of each
    span, and under ``counts`` the numbers of new and unchanged records."""
    with tempfile.TemporaryDirectory() as folder:
        base = Path(folder) / "bench.sps"
        names = [f"Éducatrice {letter} Ñúñez" for letter in "ABCDEFGH"]
        with Database.create(base, PASSPHRASE, "SPS banc d'essai") as database:
            for name in names:
                database.repos.staff.save(StaffMember(display_name=name,
                                                      role=Role.SOCIAL_WORKER, fte=1.0))
            source = Path(folder) / "heures.csv"
            _csv(source, names, rows)
            start = _now()
            checked = imports.preview(database, source, ImportKind.TIME)
            previewed = _now()
            result = imports.commit(database, checked)
            committed = _now()
            again = imports.preview(database, source, ImportKind.TIME)
            repreviewed = _now()
    return {"preview": _span(start, previewed), "commit": _span(previewed, committed),
            "again": _span(committed, repreviewed), "total": _span(start, committed),
            "counts": (result.new, len(again.unchanged))}


def _now() -> tuple[float, float]:
    return time.perf_counter(), time.process_time()


def _span(first: tuple[float, float], last: tuple[float, float]) -> tuple[float, float]:
    return last[0] - first[0], last[1] - first[1]


def _text(span: tuple[float, float]) -> str:
    # Processor time as well: on a shared machine the wall clock measures the neighbours.
    return f"{span[0]:.2f} s / {span[1]:.2f} s"


if __name__ == "__main__":
    main()
