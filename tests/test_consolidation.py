"""Consolidation with hidden cells: totals never reveal them and say what they leave out."""

from __future__ import annotations

import subprocess
from pathlib import Path

from openpyxl import load_workbook

from sps_desk.reports.consolidation import (
    consolidate_files,
    departmental_tables,
    load_file_set,
    load_statistics_file,
)
from sps_desk.reports.consolidation_model import SECRET, Total
from sps_desk.reports.export import export_year
from sps_desk.store.database import Database
from tests.conftest import PASSPHRASE
from tests.test_export import YEAR, fill


def _two_files(tmp_path: Path) -> list[Path]:
    files = []
    for name, young in (("SPS Ğüzelyurt", True), ("SPS Łódź-Nord", False)):
        with Database.create(tmp_path / f"{name}.sps", PASSPHRASE, name) as database:
            if young:
                fill(database)
            files.append(export_year(database, YEAR, tmp_path / f"{name}.json").json)
    return files


def test_hidden_cells_stay_hidden_in_totals(tmp_path):
    files = _two_files(tmp_path)
    tables = {t.key: t for t in departmental_tables(load_file_set(files))}
    problems = tables["problems"]
    housing = problems.row("Logement, hébergement")
    assert housing[1] == SECRET and housing[2] == 0
    # The total is the published 0 only, and says it leaves the first service out.
    assert housing[3] == Total(0, ("SPS Ğüzelyurt",))
    assert any("hors SPS Ğüzelyurt" in note for note in problems.notes)
    young = tables["young"]
    assert young.row("SPS Ğüzelyurt")[3] == 14
    assert young.row("TOTAL")[3] == Total(14)


def test_consolidation_pdf_and_xlsx_show_secret_cells(tmp_path):
    files = _two_files(tmp_path)
    trusted = [load_statistics_file(f).signature.fingerprint for f in files]
    written = consolidate_files(files, tmp_path / "out", trust=trusted)
    text = subprocess.run(["pdftotext", "-layout", str(written.pdf), "-"], capture_output=True,
                          text=True, check=True).stdout
    assert "secret" in text and "SPS Łódź-Nord" in text and "page 1 /" in text
    workbook = load_workbook(written.xlsx, read_only=True)
    assert workbook.sheetnames == ["Services", "Heures", "Jeunes", "Problématiques", "Durées",
                                   "Actions collectives"]
    services = [r[0] for r in workbook["Services"].iter_rows(values_only=True)]
    assert services[1:3] == ["SPS Ğüzelyurt", "SPS Łódź-Nord"]


def test_a_total_no_service_published_says_secret_not_zero(tmp_path):
    """One service whose housing count is masked: its total is « secret », not « 0 * »
    (read as zero by the new-chief trial), and the cover counts « 1 service »."""
    first = _two_files(tmp_path)[0]
    tables = {t.key: t for t in departmental_tables(load_file_set([first]))}
    assert tables["problems"].row("Logement, hébergement")[-1] == SECRET
    trusted = [load_statistics_file(first).signature.fingerprint]
    written = consolidate_files([first], tmp_path / "seul", trust=trusted)
    text = subprocess.run(["pdftotext", "-layout", str(written.pdf), "-"], capture_output=True,
                          text=True, check=True).stdout
    assert "1 service consolidé, listé ci-dessous" in text
    assert "0 *" not in text
