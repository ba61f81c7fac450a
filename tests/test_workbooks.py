"""Every workbook the application writes keeps text as text, a year as « 2025 », and
prints one page wide with its header repeated (LibreOffice counts the pages when it is
installed).

Formula-like names are synthetic: a service, a managing body, sectors and a partner type
label that would run as formulas if a spreadsheet evaluated them.
"""

from __future__ import annotations

import io
import shutil
import subprocess
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from babel.numbers import format_decimal
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from sps_desk.records import Sector
from sps_desk.reports.consolidation import consolidate_files, load_statistics_file
from sps_desk.reports.csv_export import csv_bytes
from sps_desk.reports.export import export_year
from sps_desk.reports.figures import ReportFigures, figures_from_statistics
from sps_desk.reports.formatting import Year, fr_number
from sps_desk.reports.spreadsheet import HEADER_ROW, workbook_bytes
from sps_desk.reports.tables import ReportTable, report_tables
from sps_desk.reports.workbooks import lay_out_for_print, put, workbook_to_bytes
from sps_desk.store.database import Database
from tests.conftest import PASSPHRASE
from tests.stats_factory import make_statistics
from tests.test_export import YEAR, fill

SERVICE = '=HYPERLINK("https://exemple.invalid";"Ğüzel")'
BODY = "+Association Łąka (+33)"
COMMUNE = "@Łódź"
QUARTIER = "-Nord – أمينة"
FORMULA_LIKE = [SERVICE, BODY, COMMUNE, QUARTIER, "=SOMME(A1:A9)", "\tTab", "#N/A"]

LIBREOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
needs_libreoffice = pytest.mark.skipif(
    LIBREOFFICE is None, reason="LibreOffice (apt: libreoffice-calc) is not installed: "
                                "the printed page count cannot be checked")


def _figures(year: int | None = None) -> ReportFigures:
    stats = make_statistics() if year is None else make_statistics(year=year)
    return figures_from_statistics(stats)


def _reload(data: bytes) -> Workbook:
    return openpyxl.load_workbook(io.BytesIO(data))


def _text_cells(book: Workbook) -> dict[str, str]:
    """Every cell value that is text, with its data type (« s » for text)."""
    return {cell.value: cell.data_type for sheet in book.worksheets for row in sheet.iter_rows()
            for cell in row if isinstance(cell.value, str)}


def _formulas(book: Workbook) -> list[str]:
    return [cell.coordinate for sheet in book.worksheets for row in sheet.iter_rows()
            for cell in row if cell.data_type == "f"]


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A base whose service and sectors have formula-like names: its statistics file
    (JSON beside the XLSX) and the Département's consolidation of it."""
    folder = tmp_path_factory.mktemp("workbooks")
    with Database.create(folder / "s.sps", PASSPHRASE, SERVICE) as database:
        service = database.service()
        database.repos.service.save(service.model_copy(update={"managing_body": BODY}))
        database.repos.sectors.save(Sector(commune=COMMUNE, neighbourhood=QUARTIER))
        fill(database)
        files = export_year(database, YEAR, folder / "stat.json")
    fingerprint = load_statistics_file(files.json).signature.fingerprint
    consolidated = consolidate_files([files.json], folder / "dep", trust=[fingerprint])
    return files.xlsx, consolidated.xlsx


def test_put_keeps_each_type() -> None:
    sheet = Workbook().active
    values = [*FORMULA_LIKE, 12968, 3.83, Year(2025), date(2025, 3, 15), None]
    for row, value in enumerate(values, start=1):
        put(sheet.cell(row=row, column=1), value)
    book = _reload(workbook_to_bytes(sheet.parent))
    cells = [book.active.cell(row=row, column=1) for row in range(1, len(values) + 1)]
    texts = cells[:len(FORMULA_LIKE)]
    assert [c.value for c in texts] == FORMULA_LIKE
    assert {c.data_type for c in texts} == {"s"}
    assert [c.quotePrefix for c in texts[:4]] == [True] * 4  # editing keeps them text
    count, decimal, year, day, empty = cells[len(FORMULA_LIKE):]
    assert (count.value, count.number_format) == (12968, "#,##0")
    assert (decimal.value, decimal.number_format) == (3.83, "#,##0.0#")
    assert (year.value, year.data_type, year.number_format) == (2025, "n", "0")
    assert day.value.date() == date(2025, 3, 15) and day.number_format == "DD/MM/YYYY"
    assert empty.value is None
    with pytest.raises(TypeError):
        put(sheet.cell(row=1, column=2), True)


def test_a_year_is_never_grouped() -> None:
    assert fr_number(Year(2025)) == "2025"
    assert fr_number(2025) == "2 025"  # a count is


@given(st.one_of(st.integers(-10**7, 2**60), st.floats(-1e7, 1e17, allow_nan=False),
                 st.integers(0, 10**9).map(float), st.sampled_from([0.0, -0.0, 2.0**53])),
       st.integers(0, 3))
def test_numbers_read_as_babel_writes_them_in_french(value: float, decimals: int) -> None:
    """Whole numbers are written without Babel (a consolidation writes ten thousand):
    the same text as Babel's French, thousands grouped with a plain space."""
    pattern = "#,##0" + ("." + "#" * decimals if decimals else "")
    babel = format_decimal(value, format=pattern, locale="fr_FR")
    assert fr_number(value, decimals) == babel.replace("\u202f", " ").replace("\u00a0", " ")


def test_the_statistics_file_workbook_keeps_names_as_text(exported: tuple[Path, Path]) -> None:
    book = openpyxl.load_workbook(exported[0])
    assert not _formulas(book)
    texts = _text_cells(book)
    for name in (SERVICE, BODY, f"{COMMUNE} – {QUARTIER}"):
        assert texts[name] == "s", name
    service = {row[0].value: row[1] for row in book["Service"].iter_rows(min_row=2)
               if row[0].value}
    year = service["Année"]
    assert (year.value, year.data_type, year.number_format) == (YEAR, "n", "0")


def test_the_consolidation_workbook_keeps_names_as_text(exported: tuple[Path, Path]) -> None:
    book = openpyxl.load_workbook(exported[1])
    assert not _formulas(book)
    services = book["Services"]
    assert (services["A2"].value, services["A2"].data_type) == (SERVICE, "s")
    assert (services["B2"].value, services["B2"].data_type) == (BODY, "s")
    # The service's name heads a column of the departmental tables: text there too.
    assert _text_cells(book)[SERVICE] == "s"


def test_the_report_workbook_keeps_names_as_text_and_the_year_plain() -> None:
    stats = make_statistics()
    stats = stats.model_copy(update={"service_name": SERVICE, "managing_body": BODY})
    book = _reload(workbook_bytes(report_tables(figures_from_statistics(stats))))
    assert not _formulas(book)
    information = {row[0].value: row[1]
                   for row in book["informations"].iter_rows(min_row=HEADER_ROW + 1)}
    assert (information["Service"].value, information["Service"].data_type) == (SERVICE, "s")
    year = information["Année"]
    assert (year.value, year.number_format) == (stats.year, "0")


def _check_print_layout(sheet: Worksheet, header_row: int) -> None:
    setup = sheet.page_setup
    assert sheet.sheet_properties.pageSetUpPr.fitToPage, sheet.title
    assert (setup.fitToWidth, setup.fitToHeight) == (1, 0), sheet.title
    assert int(setup.paperSize) == 9  # A4
    assert sheet.print_title_rows == f"${header_row}:${header_row}", sheet.title
    assert sheet.print_area, sheet.title
    assert "&P" in sheet.oddFooter.center.text


def test_every_sheet_prints_one_page_wide_with_its_header(exported: tuple[Path, Path]) -> None:
    report = _reload(workbook_bytes(report_tables(_figures(), _figures(2023))))
    for sheet in report.worksheets:
        _check_print_layout(sheet, HEADER_ROW)
    for path in exported:
        for sheet in openpyxl.load_workbook(path).worksheets:
            _check_print_layout(sheet, 1)
    # The hours with their N-1 columns are wider than a portrait page.
    orientation = {s.title: s.page_setup.orientation for s in report.worksheets}
    assert orientation["heures"] == "landscape"
    assert orientation["informations"] == "portrait"


def test_a_long_note_wraps_within_the_table_width() -> None:
    book = Workbook()
    sheet = book.active
    for column, label in enumerate(("Catégorie", "Heures"), start=1):
        put(sheet.cell(row=1, column=column), label)
    put(sheet.cell(row=2, column=1), "Travail de rue")
    put(sheet.cell(row=2, column=2), 2150.0)
    put(sheet.cell(row=4, column=1), "Une note très longue " * 12)
    lay_out_for_print(sheet, columns=2, header_rows=(1, 1), wrapped_rows=[4])
    assert "A4:B4" in {str(r) for r in sheet.merged_cells.ranges}
    assert sheet["A4"].alignment.wrap_text
    assert sheet.row_dimensions[4].height > 2 * 13  # several lines tall
    assert sheet.print_area.endswith("$A$1:$B$4")


def _printed_pages(xlsx: Path, out: Path) -> list[str]:
    """The text of each page LibreOffice prints of ``xlsx``."""
    subprocess.run([LIBREOFFICE, "--headless", f"-env:UserInstallation=file://{out}/profile",
                    "--convert-to", "pdf", "--outdir", str(out), str(xlsx)],
                   check=True, capture_output=True, timeout=180)
    text = subprocess.run(["pdftotext", "-layout", str(out / (xlsx.stem + ".pdf")), "-"],
                          check=True, capture_output=True, text=True).stdout
    return text.split("\f")[:-1]


def _height(sheet: Worksheet) -> float:
    """Points from the first row to the last (15 for a row of default height)."""
    return sum(sheet.row_dimensions[row].height or 15 for row in range(1, sheet.max_row + 1))


@needs_libreoffice
def test_libreoffice_prints_one_page_per_sheet(tmp_path: Path,
                                               exported: tuple[Path, Path]) -> None:
    """One page per sheet (36 pages for 16 sheets before: labels on one page, numbers on
    the next); a sheet longer than a page goes on down, its header repeated."""
    report = tmp_path / "statistiques.xlsx"
    report.write_bytes(workbook_bytes(report_tables(_figures(), _figures(2023))))
    for path, header_row in ((report, HEADER_ROW), (exported[0], 1), (exported[1], 1)):
        book = openpyxl.load_workbook(path)
        long_sheets = sum(1 for sheet in book.worksheets if _height(sheet) > 600)
        pages = _printed_pages(path, tmp_path)
        assert len(book.sheetnames) <= len(pages) <= len(book.sheetnames) + long_sheets, path
        # A header may wrap in its cell: its first word stands for it.
        headers = {next(sheet.iter_rows(min_row=header_row, max_row=header_row,
                                        values_only=True))[0].split()[0]
                   for sheet in book.worksheets}
        for number, page in enumerate(pages, start=1):
            assert any(header in page for header in headers), (path.name, number)
            assert f"Page {number} sur {len(pages)}" in page


@needs_libreoffice
def test_libreoffice_reads_the_csv_text_as_text(tmp_path: Path) -> None:
    """The CSV's leading apostrophe: LibreOffice, even told to evaluate formulas, shows
    the name as text with its apostrophe, as French Excel does; never a formula."""
    table = ReportTable("secteurs", "Secteurs", ("Commune", "Jeunes"),
                        tuple((name, 3) for name in FORMULA_LIKE[:5]))
    source = tmp_path / "secteurs.csv"
    source.write_bytes(csv_bytes(table))
    # ; separated, " quoted, UTF-8, from line 1, …, evaluate formulas: on.
    options = "CSV:59,34,76,1,,1036,false,true,false,false,false,-1,true"
    subprocess.run([LIBREOFFICE, "--headless", f"-env:UserInstallation=file://{tmp_path}/p",
                    f"--infilter={options}", "--convert-to", "xlsx", "--outdir",
                    str(tmp_path / "out"), str(source)], check=True, capture_output=True,
                   timeout=180)
    sheet = openpyxl.load_workbook(tmp_path / "out" / "secteurs.xlsx").active
    names = [(row[0].value, row[0].data_type) for row in sheet.iter_rows(min_row=2)]
    assert names == [("'" + name, "s") for name in FORMULA_LIKE[:5]]
    assert [row[1].value for row in sheet.iter_rows(min_row=2)] == [3] * 5
