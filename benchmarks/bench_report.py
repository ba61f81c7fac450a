"""What the annual report costs, step by step, against the year's statistics.

Run: ``python benchmarks/bench_report.py [--repeat N]``. Builds the demo year (SPS Arras,
12 968 hours) in a temporary SQLCipher base and times, median of N runs: the statistics
of the year (the reference), the protected release (``prepare_diffusion``), the tables,
the XLSX workbook, the CSV files, the PDF of each version (two layout passes for the table
of contents) and the whole job of each version writing every file. Prints
absolute times and each one's ratio to the statistics measured in the same run, so that
the ratios compare across machines.
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from timing import PASSPHRASE, YEAR, median_seconds

from sps_desk.demo import build_demo_year
from sps_desk.reports.annual import previous_year, write_annual_report
from sps_desk.reports.csv_export import csv_bytes
from sps_desk.reports.figures import figures_from_file, figures_from_statistics
from sps_desk.reports.pdf import report_pdf_bytes
from sps_desk.reports.release import prepare_diffusion
from sps_desk.reports.spreadsheet import workbook_bytes
from sps_desk.reports.statistics import compute_statistics, compute_years
from sps_desk.reports.tables import report_tables
from sps_desk.store.database import Database


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        database = Database.create(Path(folder) / "demo.sps", PASSPHRASE, "Banc d'essai")
        build_demo_year(database, YEAR, seed=1)
        stats = compute_statistics(database, YEAR)
        raw_previous = previous_year(database, YEAR)
        raw = figures_from_statistics(stats)
        previous = figures_from_statistics(raw_previous) if raw_previous else None
        release = prepare_diffusion(database, YEAR)
        published = figures_from_file(release.current)
        tables = report_tables(raw, previous)
        out = Path(folder) / "out"
        rows = [
            # compute_years: a fresh pass (compute_statistics keeps its last one).
            ("statistics of the year (reference)", lambda: compute_years(database, YEAR, YEAR)),
            ("protected release (diffusion)", lambda: prepare_diffusion(database, YEAR)),
            ("tables", lambda: report_tables(raw, previous)),
            ("XLSX workbook", lambda: workbook_bytes(tables)),
            ("CSV files", lambda: [csv_bytes(t) for t in tables]),
            ("PDF internal (2 layout passes)",
             lambda: report_pdf_bytes(raw, previous, variant="internal")),
            ("PDF diffusion (2 layout passes)",
             lambda: report_pdf_bytes(published, None, variant="diffusion")),
            ("whole job, internal", lambda: write_annual_report(
                database, YEAR, out, variant="internal")),
            ("whole job, diffusion", lambda: write_annual_report(database, YEAR, out)),
        ]
        reference = None
        print(f"{'work':36} {'time':>10} {'ratio':>8}")
        for label, job in rows:
            seconds = median_seconds(job, args.repeat)
            reference = reference or seconds
            print(f"{label:36} {seconds * 1000:8.1f} ms {seconds / reference:7.2f}×")
        database.close()


if __name__ == "__main__":
    main()
