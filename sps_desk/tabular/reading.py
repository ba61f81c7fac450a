"""Read a CSV, XLSX, ODS or XLS file into a header and numbered rows, as a spreadsheet
shows them.

CSV files come from Excel or LibreOffice in French: « ; » or « , » separated (sniffed),
UTF-8 with or without byte-order mark, or Windows-1252 (Excel's « CSV (séparateur :
point-virgule) »). XLSX files are read with openpyxl, first sheet, cell values typed
(real dates stay dates). The header is the first non-blank row; blank rows are skipped
but keep their place in the numbering, so that « ligne 12 » is row 12 on screen.
"""

from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import dataclass
from pathlib import Path

from sps_desk.errors import SpsDeskError
from sps_desk.tabular.cells import CellValue, cell_text, is_empty

MAX_ROWS = 200_000
"""Rows read at most: far above a service's decade of records, below memory trouble."""


class UnreadableFile(SpsDeskError):
    """The file is not a spreadsheet this module can read (French message)."""


@dataclass(frozen=True)
class Row:
    """One non-blank row: its number as the spreadsheet shows it (1 = first row) and its
    cells, padded with ``None`` to the header's width."""

    number: int
    cells: tuple[CellValue, ...]


@dataclass(frozen=True)
class Table:
    """A sheet: column headers as written (stripped) and its non-blank data rows."""

    headers: tuple[str, ...]
    rows: tuple[Row, ...]


def _decode(data: bytes) -> str:
    # A BOM says UTF-8; otherwise UTF-8 is tried first because cp1252 decodes nearly any
    # byte string, so it only comes second (Excel's French « CSV » export).
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="strict")


def _delimiter(text: str) -> str:
    first_line = next((line for line in text.splitlines() if line.strip()), "")
    try:
        return csv.Sniffer().sniff(first_line, delimiters=";,\t").delimiter
    except csv.Error:
        # One column only, or a header the sniffer cannot decide: count instead.
        return max(";,\t", key=first_line.count)


def _table(raw_rows: list[tuple[int, tuple[CellValue, ...]]], name: str) -> Table:
    filled = [(n, cells) for n, cells in raw_rows if not all(is_empty(c) for c in cells)]
    if not filled:
        raise UnreadableFile(f"Le fichier {name} est vide : rien à importer.")
    header_cells = filled[0][1]
    headers = [cell_text(c) for c in header_cells]
    while headers and not headers[-1]:
        headers.pop()
    width = len(headers)
    rows = []
    for number, cells in filled[1:]:
        padded = tuple(cells[:width]) + (None,) * max(0, width - len(cells))
        rows.append(Row(number, padded))
    return Table(tuple(headers), tuple(rows))


def read_csv(path: Path) -> Table:
    """Read a CSV file (text cells). Raises :class:`UnreadableFile`, ``OSError``."""
    try:
        text = _decode(path.read_bytes())
    except UnicodeDecodeError:
        raise UnreadableFile(
            f"Le fichier {path.name} n'est ni en UTF-8 ni en Windows-1252 : enregistrez-le "
            "depuis votre tableur en « CSV UTF-8 » et recommencez."
        ) from None
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
    raw: list[tuple[int, tuple[CellValue, ...]]] = []
    try:
        for number, cells in enumerate(reader, start=1):
            if number > MAX_ROWS:
                raise UnreadableFile(
                    f"Le fichier {path.name} a plus de {MAX_ROWS} lignes : découpez-le."
                )
            raw.append((number, tuple(cells)))
    except csv.Error:
        raise UnreadableFile(
            f"Le fichier {path.name} est mal formé (guillemets non fermés ?) : ouvrez-le "
            "dans votre tableur, enregistrez-le à nouveau en CSV et recommencez."
        ) from None
    return _table(raw, path.name)


def read_xlsx(path: Path) -> Table:
    """Read the first sheet of an XLSX workbook (typed cells, formulas' cached values).

    Raises:
        UnreadableFile: not an XLSX workbook.
        OSError: the file cannot be read.
    """
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError):
        raise UnreadableFile(
            f"Le fichier {path.name} n'est pas un classeur XLSX lisible : ouvrez-le dans "
            "votre tableur et enregistrez-le au format .xlsx ou .csv."
        ) from None
    try:
        sheet = workbook.worksheets[0]
        raw: list[tuple[int, tuple[CellValue, ...]]] = []
        for number, cells in enumerate(sheet.iter_rows(min_row=1, values_only=True), start=1):
            if number > MAX_ROWS:
                raise UnreadableFile(
                    f"Le fichier {path.name} a plus de {MAX_ROWS} lignes : découpez-le."
                )
            raw.append((number, tuple(cells)))
    finally:
        workbook.close()
    return _table(raw, path.name)


def read_table(path: Path) -> Table:
    """Read ``path`` by its extension: ``.xlsx``/``.xlsm`` with openpyxl, ``.ods`` and
    ``.xls`` with python-calamine (:mod:`sps_desk.tabular.calamine_reading`), else as CSV.

    Raises:
        UnreadableFile: empty, badly formed or in an unknown encoding (French message).
        OSError: the file cannot be read.
    """
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        return read_xlsx(path)
    if suffix in (".ods", ".xls"):
        from sps_desk.tabular.calamine_reading import read_ods, read_xls

        return read_ods(path) if suffix == ".ods" else read_xls(path)
    return read_csv(path)
