"""``sps-desk report`` writes the PDF, the JSON, the XLSX and one CSV per table."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from tests.conftest import PASSPHRASE
from tests.test_cli import run_cli


def test_report_writes_pdf_json_xlsx_and_one_csv_per_table(tmp_path: Path) -> None:
    env = {"SPS_DESK_PASSPHRASE": PASSPHRASE}
    created = run_cli("init", "--db", "s.sps", "--service-name", "SPS Ğüzel", env=env,
                      cwd=tmp_path)
    assert created.returncode == 0, created.stderr
    # A fresh base has no data: --force writes the report all the same.
    done = run_cli("report", "--db", "s.sps", "--year", "2026", "--out", "sortie", "--force",
                   env=env, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    out = tmp_path / "sortie"
    names = sorted(p.name for p in out.iterdir())
    assert "rapport-activite-2026.pdf" in names and "statistiques-2026.json" in names
    assert "statistiques-2026.xlsx" in names
    csvs = [n for n in names if n.endswith(".csv")]
    book = openpyxl.load_workbook(out / "statistiques-2026.xlsx")
    assert sorted(csvs) == sorted(f"statistiques-2026-{s}.csv" for s in book.sheetnames)
    assert len(csvs) == 16
    assert "Classeur écrit" in done.stdout and "16" in done.stdout
