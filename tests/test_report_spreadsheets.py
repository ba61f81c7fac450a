"""XLSX and CSV files of the report: French Excel conventions, formula-like text kept
inert, all-or-nothing writing, cancellation, and the chief's sections in the base."""

from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from hypothesis import given
from hypothesis import strategies as st

from sps_desk.records import ReportSections
from sps_desk.reports import annual
from sps_desk.reports.annual import GenerationCancelled, write_annual_report
from sps_desk.reports.csv_export import csv_bytes, csv_value, neutralise
from sps_desk.reports.files import ReportWriteFailed, write_all_atomically
from sps_desk.reports.spreadsheet import HEADER_ROW, workbook_bytes
from sps_desk.reports.tables import ReportTable, report_tables
from sps_desk.store.database import Database
from tests.stats_factory import make_statistics

FORMULAS = ["=1+1", "+33 6 00", "-2+3", "@SOMME(A1)", "=HYPERLINK(\"x\")"]


def test_csv_numbers_dates_and_empty_cells_in_french() -> None:
    assert csv_value(12968) == "12968"  # no grouping: Excel reads it as a number
    assert csv_value(3.83) == "3,83"
    assert csv_value(58.75) == "58,75"
    assert csv_value(17.0) == "17"
    assert csv_value(date(2025, 3, 15)) == "15/03/2025"
    assert csv_value(None) == ""
    assert csv_value("NR") == "NR"


@given(st.text(max_size=30))
def test_no_csv_text_cell_can_start_a_formula(text: str) -> None:
    value = neutralise(text)
    assert not value.startswith(("=", "+", "-", "@", "\t", "\r"))
    assert value in (text, "'" + text)  # the text itself is kept


def test_csv_file_has_bom_semicolons_crlf_and_no_sep_line(tmp_path: Path) -> None:
    table = ReportTable("t", "Titre", ("Commune", "Valeur"),
                        (*((name, 1.5) for name in FORMULAS), ("Œnone; «x»", 2)))
    raw = csv_bytes(table)
    assert raw.startswith(b"\xef\xbb\xbfCommune;Valeur\r\n")
    assert b"sep=" not in raw
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    assert rows[1:] == [["'" + name, "1,5"] for name in FORMULAS] + [["Œnone; «x»", "2"]]


def test_formula_like_text_stays_text_in_the_workbook(tmp_path: Path) -> None:
    table = ReportTable("secteurs", "Secteurs", ("Commune", "Quartier"),
                        tuple((name, "Łąka") for name in FORMULAS))
    path = tmp_path / "t.xlsx"
    path.write_bytes(workbook_bytes([table]))
    sheet = openpyxl.load_workbook(path)["secteurs"]
    cells = [sheet.cell(row=HEADER_ROW + i, column=1) for i in range(1, len(FORMULAS) + 1)]
    assert [c.value for c in cells] == FORMULAS
    assert all(c.data_type == "s" for c in cells)


def test_workbook_numbers_are_numbers_with_french_friendly_formats(tmp_path: Path) -> None:
    stats = make_statistics()
    path = tmp_path / "s.xlsx"
    path.write_bytes(workbook_bytes(report_tables(stats)))
    sheet = openpyxl.load_workbook(path)["heures"]
    total = [c for c in sheet[HEADER_ROW + 8]]
    assert [c.value for c in total] == ["TOTAL", 12968, 100]
    assert total[1].number_format == "#,##0.0#"
    prep = [c.value for c in sheet[HEADER_ROW + 7]]
    assert prep == ["Temps de préparation des activités",
                    "Compté dans « Actions collectives »", "–"]


def test_tables_without_previous_year_have_one_value_column() -> None:
    tables = {t.key: t for t in report_tables(make_statistics())}
    assert tables["durees"].header == ("Durée", "Accompagnements 2024")
    both = {t.key: t for t in report_tables(make_statistics(), make_statistics(year=2023))}
    assert both["durees"].header == ("Durée", "Accompagnements 2024", "Accompagnements 2023")
    assert all(len(row) == len(t.header) for t in both.values() for row in t.rows)


def test_writing_several_files_is_all_or_nothing(tmp_path: Path, monkeypatch) -> None:
    first, second = tmp_path / "a.csv", tmp_path / "b.csv"
    first.write_bytes(b"old a")
    second.write_bytes(b"old b")
    synced: list[int] = []

    def fail_on_second(fd: int) -> None:
        synced.append(fd)
        if len(synced) == 2:
            raise OSError(28, "No space left on device")

    monkeypatch.setattr("sps_desk.atomic.os.fsync", fail_on_second)
    with pytest.raises(ReportWriteFailed, match="disque est plein"):
        write_all_atomically({first: b"new a", second: b"new b"})
    assert (first.read_bytes(), second.read_bytes()) == (b"old a", b"old b")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.csv", "b.csv"]


def test_a_cancelled_generation_writes_nothing(db: Database, tmp_path: Path) -> None:
    calls: list[int] = []

    def cancelled() -> bool:
        calls.append(1)
        return len(calls) > 6  # stops inside the PDF layout

    out = tmp_path / "out"
    with pytest.raises(GenerationCancelled, match="aucun fichier"):
        write_annual_report(db, 2025, out, cancelled=cancelled)
    assert not out.exists()


def test_progress_only_goes_forward_and_ends_at_100(db: Database, tmp_path: Path) -> None:
    seen: list[int] = []
    files = write_annual_report(db, 2025, tmp_path, progress=lambda p, _s: seen.append(p))
    assert seen == sorted(seen) and seen[-1] == 100
    assert files.pdf.exists() and files.xlsx.exists() and len(files.csv) == 16


def test_sections_have_one_record_per_year_with_a_stable_id(db: Database) -> None:
    sections = db.repos.report_sections
    empty = sections.for_year(2025)
    assert (empty.highlights, empty.quality, empty.outlook) == ("", "", "")
    assert empty.id == ReportSections.for_year(2025).id != ReportSections.for_year(2026).id
    sections.save(empty.model_copy(update={"highlights": "Ğ ı ş ł č œ & <b>"}))
    assert sections.for_year(2025).highlights == "Ğ ı ş ł č œ & <b>"
    assert sections.for_year(2026).highlights == ""
    assert sections.count() == 1


def test_the_previous_year_is_compared_only_when_it_has_data(db: Database) -> None:
    assert annual.previous_year(db, 2025) is None
