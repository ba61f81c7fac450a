"""Reading an import spreadsheet: openpyxl (read-only, streamed) against python-calamine,
on the same XLSX file of time entries, and calamine on its ODS and XLS copies.

Run by hand (``nice -n 10 .venv/bin/python benchmarks/bench_sheet_readers.py``); prints
the median processor time of each reader over a few runs, its ratio to openpyxl, and
the peak resident memory of a process that only reads the file (calamine's memory is
Rust's, which tracemalloc does not see). The ODS and XLS copies are made with LibreOffice when it is
installed (``soffice``); otherwise only the XLSX readers are measured.

Synthetic data: staff names with accents and non-Latin letters, real date cells,
decimal hours.
"""

from __future__ import annotations

import datetime
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from openpyxl import Workbook, load_workbook
from python_calamine import CalamineWorkbook

ROWS = 100_000
NAMES = ["Zoé Ğüzel", "Дмитрий Орлов", "Łucja Nowak", "Çağrı Demir", "Ørjan Lund"]
CATEGORIES = ["Travail de rue", "Écrits professionnels", "Actions collectives"]
RUNS = 3


def make_xlsx(path: Path) -> None:
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Heures")
    sheet.append(["Date", "Professionnel", "Catégorie", "Heures", "Remarque"])
    first = datetime.date(2016, 1, 4)
    for row in range(ROWS):
        sheet.append([first + datetime.timedelta(days=row % 3650), NAMES[row % len(NAMES)],
                      CATEGORIES[row % len(CATEGORIES)], 0.25 * (1 + row % 32),
                      f"ligne {row}"])
    book.save(path)


def read_openpyxl(path: Path) -> list[tuple[object, ...]]:
    book = load_workbook(path, read_only=True, data_only=True)
    try:
        return [tuple(row) for row in book.worksheets[0].iter_rows(values_only=True)]
    finally:
        book.close()


def read_calamine(path: Path) -> list[list[object]]:
    book = CalamineWorkbook.from_path(str(path))
    try:
        return book.get_sheet_by_index(0).to_python()
    finally:
        book.close()


READERS: dict[str, Callable[[Path], list]] = {"openpyxl": read_openpyxl,
                                              "calamine": read_calamine}


def measure(reader: str, path: Path) -> None:
    """In a fresh process: print median processor seconds over RUNS, peak resident MB,
    and the first data row."""
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    times = []
    for _ in range(RUNS):
        start = time.process_time()
        rows = READERS[reader](path)
        times.append(time.process_time() - start)
        first = rows[1]
        del rows
    peak = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    print(f"{statistics.median(times)}\t{peak}\t{first!r}")


def main() -> int:
    with tempfile.TemporaryDirectory() as folder:
        xlsx = Path(folder) / "heures.xlsx"
        make_xlsx(xlsx)
        cases: list[tuple[str, str, Path]] = [
            ("openpyxl xlsx (read-only)", "openpyxl", xlsx),
            ("calamine xlsx", "calamine", xlsx),
        ]
        office = shutil.which("soffice")
        if office:
            for target in ("ods", "xls:MS Excel 97"):
                subprocess.run([office, "--headless", "--convert-to", target, "--outdir",
                                folder, str(xlsx)], check=True, capture_output=True,
                               timeout=600)
            cases += [("calamine ods", "calamine", xlsx.with_suffix(".ods")),
                      ("calamine xls", "calamine", xlsx.with_suffix(".xls"))]
        else:
            print("LibreOffice absent: ODS and XLS not measured.")
        print(f"{ROWS} rows × 5 columns; median of {RUNS} runs (processor time)")
        reference = None
        for name, reader, path in cases:
            output = subprocess.run([sys.executable, __file__, "--read", reader, str(path)],
                                    check=True, capture_output=True, text=True).stdout
            seconds_text, peak_text, first = output.rstrip("\n").split("\t")
            seconds = float(seconds_text)
            reference = reference or seconds
            print(f"{name:28} {seconds:6.2f} s  ×{seconds / reference:4.2f}  "
                  f"peak {float(peak_text):6.0f} MB  first row {first}")
    return 0


if __name__ == "__main__":
    if sys.argv[1:2] == ["--read"]:
        measure(sys.argv[2], Path(sys.argv[3]))
        sys.exit(0)
    sys.exit(main())
