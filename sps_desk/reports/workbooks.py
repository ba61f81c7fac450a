"""What every XLSX workbook the application writes shares: typed cells, a print layout,
and saving without writing anything to the system temp folder.

:func:`put` writes one value with its type kept: numbers stay numbers (French Excel shows
« 12 968 » and « 3,83 » through the number formats), a :class:`~sps_desk.reports.formatting.Year`
shows « 2025 » (never « 2 025 »), dates are dates, and **text is always text**: a service,
sector or partner named « =SOMME(A1) », « +33 6… », « -12 ans » or « @moi » is stored as
a string, never a formula (OWASP « CSV / formula injection »), and marked with Excel's
quote prefix so that editing the cell keeps it text.

:func:`lay_out_for_print` gives a sheet a print layout that LibreOffice and Excel follow:
A4, the print area cut to the table, one page wide (columns never spill onto a second
page), landscape when the columns are wider than a portrait page, header rows repeated
on each page, page numbers in the footer.

openpyxl's writer puts every worksheet's XML into a named temporary file in the system
temp folder before zipping it (``openpyxl.worksheet._writer.create_temporary_file``):
the cells of a statistics workbook would sit there in clear, readable by other accounts
on some systems and left behind by a crash. :func:`save_workbook` writes the same
archive with each worksheet's XML built in memory instead. It relies on openpyxl's
writer classes (pinned ``openpyxl>=3.1.5,<4``); ``tests/test_file_modes.py`` checks that
no temporary file is created.
"""

from __future__ import annotations

import datetime
import functools
import io
import math
import textwrap
from collections.abc import Iterable
from typing import IO
from zipfile import ZIP_DEFLATED, ZipFile

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.drawing.spreadsheet_drawing import SpreadsheetDrawing
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._writer import WorksheetWriter
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.writer.excel import ExcelWriter

from sps_desk.reports.formatting import Year

CellValue = str | int | float | datetime.date | None
"""A value :func:`put` writes: text, a count, a decimal, a date, or ``None`` (empty)."""

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""First characters that make a spreadsheet read a text as a formula (OWASP)."""

INTEGER_FORMAT = "#,##0"
"""Counts: grouped thousands (« 12 968 » in a French Excel)."""
DECIMAL_FORMAT = "#,##0.0#"
"""Hours, FTE, percentages: one or two decimals (« 3,83 », « 0,5 »)."""
YEAR_FORMAT = "0"
"""Calendar years: never grouped (« 2025 »)."""
DATE_FORMAT = "DD/MM/YYYY"
"""Dates as a French reader writes them."""

DEFAULT_COLUMN_WIDTH = 8.43
"""Width, in characters, of a column a sheet does not size (Excel's default)."""
PORTRAIT_WIDTH = 90.0
"""Widest table, in characters of column width, printed portrait on A4 at 100 %
(18 cm between 1,5 cm margins); wider tables are printed landscape."""
NARROWEST = 10.0
"""Narrowest column, in characters: room for « 12 968,25 » and a short header word."""
WIDEST = 50.0
"""Widest column, in characters; longer texts wrap."""
_SHORT_TEXT = 10  # « secret », « NR », « s », « – »: aligned with the numbers around them


def put(cell: Cell, value: CellValue) -> None:
    """Write ``value`` into ``cell`` with its type kept (see the module docstring).

    ``None`` leaves the cell empty. Characters XLSX cannot hold (ASCII control
    characters other than tab and line breaks) are dropped from text.

    Raises:
        TypeError: ``value`` is a boolean (say « oui »/« non » in the table instead).
    """
    if value is None:
        cell.value = None
    elif isinstance(value, bool):
        raise TypeError("a workbook cell holds no boolean: write « oui » or « non »")
    elif isinstance(value, str):
        text = ILLEGAL_CHARACTERS_RE.sub("", value)
        cell.value = text
        # openpyxl reads a leading « = » as a formula and « #N/A » as an error: text it is.
        cell.data_type = "s"
        if text.startswith(FORMULA_STARTS):
            cell.quotePrefix = True
    elif isinstance(value, Year):
        cell.value = int(value)
        cell.number_format = YEAR_FORMAT
    elif isinstance(value, datetime.datetime):
        raise TypeError("a workbook cell holds dates, not date-times")
    elif isinstance(value, datetime.date):
        cell.value = value
        cell.number_format = DATE_FORMAT
    elif isinstance(value, int):
        cell.value = value
        cell.number_format = INTEGER_FORMAT
    else:
        cell.value = value
        cell.number_format = DECIMAL_FORMAT


def column_width(sheet: Worksheet, column: int) -> float:
    """Width of ``column`` (1-based) in characters, as the sheet sets it or Excel's default."""
    dimension = sheet.column_dimensions.get(get_column_letter(column))
    if dimension is None or not dimension.customWidth:
        return DEFAULT_COLUMN_WIDTH
    return float(dimension.width)


def _shown_length(value: object) -> int:
    """About how many characters a spreadsheet shows for ``value``."""
    if isinstance(value, str):
        return max((len(line) for line in value.splitlines()), default=0)
    if isinstance(value, datetime.date):
        return 10
    if isinstance(value, int):
        return len(f"{value:,}")
    if isinstance(value, float):
        return len(f"{value:,.2f}")
    return 0


def _wrap(cell: Cell) -> None:
    old = cell.alignment
    cell.alignment = Alignment(horizontal=old.horizontal, indent=old.indent,
                               vertical=old.vertical or "top", wrap_text=True)


def _line_count(text: str, width: float, font: Font) -> int:
    """Lines ``text`` takes once wrapped in a column ``width`` characters wide in
    ``font`` (a column unit holds about one 11-point character; bold letters are wider)."""
    size = float(font.sz or 11)
    per_line = max(int(width * (0.9 if font.b else 1.05) * 11.0 / size) - 1, 1)
    return _wrapped_lines(text, per_line)


@functools.lru_cache(maxsize=4096)
def _wrapped_lines(text: str, per_line: int) -> int:
    # Kept: a consolidation wraps each service's name on every sheet (1 829 wraps of
    # 629 texts for 300 services).
    return sum(max(len(textwrap.wrap(line, per_line)), 1) for line in text.splitlines() or [""])


def _line_height(size: float) -> float:
    return size * 1.3


def _numeric_columns(sheet: Worksheet, columns: int, rows: list[int]) -> set[int]:
    """Columns after the first holding a number (not a boolean) in one of ``rows``."""
    return {column for column in range(2, columns + 1)
            if any(isinstance(v, int | float) and not isinstance(v, bool)
                   for v in (sheet.cell(row=row, column=column).value for row in rows))}


_Aligned = tuple[str | None, float, str | None, bool | None]
"""(horizontal, indent, vertical, wrap_text) of a cell's alignment."""


def _laid_out(cell: Cell, old: Alignment, column: int, width: float, numeric: bool,
              header: bool, top: bool) -> _Aligned:
    """The alignment of ``cell`` in the print layout. In a column after the first, a
    short text of a column of numbers (« NR », « s », « secret ») is right-aligned to
    stand under the numbers; another text is indented by one character, so that it
    never touches a number right-aligned in the column to its left. A text longer than
    its column wraps from the top; ``top``: a row with wrapped text, where every cell
    stands on its first line. ``old``: the cell's alignment now (read once: openpyxl
    builds a proxy each time)."""
    horizontal, indent, vertical, wrap = old.horizontal, old.indent, old.vertical, old.wrap_text
    value = cell.value
    if isinstance(value, str):
        if column > 1 and horizontal is None:
            if numeric and not header and len(value) <= _SHORT_TEXT:
                horizontal, indent = "right", 0
            else:
                horizontal, indent = "left", 1
        if len(value) + 2 > width:
            vertical, wrap = vertical or "top", True
    return horizontal, indent, "top" if top else vertical, wrap


@functools.cache
def _alignment(horizontal: str | None, indent: float, vertical: str | None,
               wrap_text: bool | None) -> Alignment:
    """One shared :class:`Alignment` per value (openpyxl never changes a style in place):
    a workbook finds the one it already holds by identity, without comparing fields."""
    return Alignment(horizontal=horizontal, indent=indent, vertical=vertical,
                     wrap_text=wrap_text)


def _fit_columns(sheet: Worksheet, columns: int, header_rows: range, skipped: set[int]) -> None:
    """Size each column to its longest value, between :data:`NARROWEST` and
    :data:`WIDEST` characters; a longer text wraps, and so does a header longer than its
    column (a header needs room for its longest word only). A row with wrapped text is
    made as tall as its text: neither Excel nor LibreOffice does it for a file they open.

    Each cell's alignment is set once, and only when it changes: openpyxl hashes a style
    each time one is set (a consolidation of 300 services has 15 000 cells)."""
    widths: dict[int, float] = {}
    # Read once: openpyxl computes it over every cell (a consolidation of 300 services
    # has as many columns).
    rows = [row for row in range(1, sheet.max_row + 1) if row not in skipped]
    for column in range(1, columns + 1):
        longest = 0
        for row in rows:
            value = sheet.cell(row=row, column=column).value
            if row in header_rows and isinstance(value, str):
                # Headers are bold (wider letters) and indented: their longest word.
                words = (math.ceil(len(word) * 1.15) + 1 for word in value.split())
                longest = max(longest, *words, 0)
            else:
                longest = max(longest, _shown_length(value))
        widths[column] = min(max(longest + 2.0, NARROWEST), WIDEST)
        sheet.column_dimensions[get_column_letter(column)].width = widths[column]
    numeric = _numeric_columns(sheet, columns, [r for r in rows if r not in header_rows])
    for row in rows:
        cells = [sheet.cell(row=row, column=column) for column in range(1, columns + 1)]
        height = 0.0
        for column, cell in enumerate(cells, start=1):
            if not isinstance(cell.value, str) or len(cell.value) + 2 <= widths[column]:
                continue
            lines = _line_count(cell.value, widths[column], cell.font)
            height = max(height, lines * _line_height(float(cell.font.sz or 11)) + 3)
        if height:
            sheet.row_dimensions[row].height = height
        for column, cell in enumerate(cells, start=1):
            old = cell.alignment
            aligned = _laid_out(cell, old, column, widths[column], column in numeric,
                                row in header_rows, height > 0)
            if aligned == (old.horizontal, old.indent, old.vertical, old.wrap_text):
                continue
            cell.alignment = _alignment(*aligned)


def _wrap_across(sheet: Worksheet, row: int, columns: int, width: float) -> None:
    """Merge ``row`` across ``columns`` and wrap its text (column A), with a height set
    from its length."""
    cell = sheet.cell(row=row, column=1)
    if columns > 1:
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=columns)
    _wrap(cell)
    size = float(cell.font.sz or 11)
    lines = _line_count(str(cell.value or ""), width, cell.font)
    sheet.row_dimensions[row].height = lines * _line_height(size) + 3


def lay_out_for_print(
    sheet: Worksheet, *, columns: int, header_rows: tuple[int, int] | None,
    wrapped_rows: Iterable[int] = (),
) -> None:
    """Give ``sheet`` its print layout: columns sized to their content (see
    :func:`_fit_columns`), A4, print area ``A1`` to the last filled row of the first
    ``columns`` columns, one page wide, landscape when the columns are wider than
    :data:`PORTRAIT_WIDTH`, rows ``header_rows`` (first, last; ``None``: none) repeated
    on every page, « Page n sur N » in the footer.

    ``wrapped_rows`` hold one long text in column A (a title, a note): each is merged
    across the ``columns`` and wrapped, so that it is printed whole within the page.
    """
    columns = max(columns, 1)
    skipped = set(wrapped_rows)
    headers = range(header_rows[0], header_rows[1] + 1) if header_rows else range(0)
    _fit_columns(sheet, columns, headers, skipped)
    total_width = sum(column_width(sheet, c) for c in range(1, columns + 1))
    for row in sorted(skipped):
        _wrap_across(sheet, row, columns, total_width)
    sheet.print_area = f"A1:{get_column_letter(columns)}{max(sheet.max_row, 1)}"
    setup = sheet.page_setup
    setup.paperSize = sheet.PAPERSIZE_A4
    setup.orientation = "landscape" if total_width > PORTRAIT_WIDTH else "portrait"
    setup.fitToWidth = 1
    setup.fitToHeight = 0  # as many pages down as the rows need
    if sheet.sheet_properties.pageSetUpPr is None:
        sheet.sheet_properties.pageSetUpPr = PageSetupProperties()
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    margins = sheet.page_margins
    margins.left = margins.right = 0.6  # inches: 1,5 cm
    margins.top = margins.bottom = 0.75
    if header_rows is not None:
        sheet.print_title_rows = f"{header_rows[0]}:{header_rows[1]}"
    sheet.oddFooter.center.text = "Page &P sur &N"


class _InMemoryWriter(ExcelWriter):
    """openpyxl's archive writer with each worksheet serialised into memory."""

    def write_worksheet(self, ws: Worksheet) -> None:
        ws._drawing = SpreadsheetDrawing()  # type: ignore[attr-defined]
        ws._drawing.charts = ws._charts  # type: ignore[attr-defined]
        ws._drawing.images = ws._images  # type: ignore[attr-defined]
        writer = WorksheetWriter(ws, out=io.BytesIO())
        writer.write()
        ws._rels = writer._rels  # type: ignore[attr-defined]
        self._archive.writestr(ws.path[1:], writer.read())  # type: ignore[attr-defined]
        self.manifest.append(ws)


def save_workbook(workbook: Workbook, stream: IO[bytes]) -> None:
    """Write ``workbook`` as XLSX to ``stream``, building everything in memory.

    Raises:
        ValueError: ``workbook`` is in write-only mode (its sheets stream to temp files).
    """
    if workbook.write_only:
        raise ValueError("write-only workbooks stream through temporary files")
    workbook.properties.modified = datetime.datetime.now(datetime.UTC).replace(tzinfo=None)
    with ZipFile(stream, "w", ZIP_DEFLATED, allowZip64=True) as archive:
        _InMemoryWriter(workbook, archive).save()


def workbook_to_bytes(workbook: Workbook) -> bytes:
    """``workbook`` as XLSX bytes (:func:`save_workbook` into memory)."""
    buffer = io.BytesIO()
    save_workbook(workbook, buffer)
    return buffer.getvalue()
