"""The report's tables as an XLSX workbook (openpyxl): one sheet per table.

Each sheet holds the table's French title, its note, the header row and the rows of
:func:`sps_desk.reports.tables.report_tables`, with numbers as numbers (a French Excel
shows 3,83 and 12 968 through the number formats), dates as dates, and every text cell
stored as text — a commune named « =SOMME(…) » stays text, never a formula.
"""

from __future__ import annotations

import io
from datetime import date

from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from sps_desk.reports.tables import ReportTable, Value
from sps_desk.reports.workbooks import save_workbook

HEADER_ROW = 4
"""Row of the header in each sheet (1: title, 2: note, 3: blank); data follow it."""

_INTEGER_FORMAT = "#,##0"
_DECIMAL_FORMAT = "#,##0.0#"
_DATE_FORMAT = "DD/MM/YYYY"
_HEADER_FILL = PatternFill("solid", fgColor="DCE6F0")
_MAX_SHEET_NAME = 31


def workbook_filename(year: int) -> str:
    """``statistiques-YYYY.xlsx``."""
    return f"statistiques-{year}.xlsx"


def _sheet_name(table: ReportTable) -> str:
    # Excel forbids []:*?/\ and more than 31 characters; the slugs are short ASCII.
    return table.key[:_MAX_SHEET_NAME]


def _put(cell: Cell, value: Value) -> None:
    if value is None:
        cell.value = "–"
        cell.alignment = Alignment(horizontal="right")
        return
    cell.value = value
    if isinstance(value, str):
        # openpyxl would store a leading « = » as a formula: force plain text.
        cell.data_type = "s"
        if value[:1] in "=+-@":
            cell.quotePrefix = True
    elif isinstance(value, date):
        cell.number_format = _DATE_FORMAT
    elif isinstance(value, bool):
        raise TypeError("no boolean in report tables")
    elif isinstance(value, int):
        cell.number_format = _INTEGER_FORMAT
    else:
        cell.number_format = _DECIMAL_FORMAT


def workbook_bytes(tables: list[ReportTable]) -> bytes:
    """The XLSX file of ``tables`` as bytes (one sheet per table, in order)."""
    book = Workbook()
    book.remove(book.active)
    for table in tables:
        sheet = book.create_sheet(_sheet_name(table))
        sheet["A1"] = table.title
        sheet["A1"].font = Font(bold=True, size=12)
        sheet["A1"].data_type = "s"
        if table.note:
            _put(sheet["A2"], table.note)
            sheet["A2"].font = Font(italic=True, size=9)
        for column, label in enumerate(table.header, start=1):
            cell = sheet.cell(row=HEADER_ROW, column=column)
            _put(cell, label)
            cell.font = Font(bold=True)
            cell.fill = _HEADER_FILL
            cell.alignment = Alignment(wrap_text=True, vertical="center")
        for offset, row in enumerate(table.rows, start=1):
            for column, value in enumerate(row, start=1):
                _put(sheet.cell(row=HEADER_ROW + offset, column=column), value)
        sheet.column_dimensions["A"].width = 55
        for column in range(2, len(table.header) + 1):
            sheet.column_dimensions[get_column_letter(column)].width = 18
        sheet.freeze_panes = sheet.cell(row=HEADER_ROW + 1, column=2)
    buffer = io.BytesIO()
    save_workbook(book, buffer)  # in memory, never in the temp folder
    return buffer.getvalue()
