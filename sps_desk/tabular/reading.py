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
import re
import warnings
import zipfile
from dataclasses import dataclass
from pathlib import Path

from sps_desk.errors import SpsDeskError
from sps_desk.inputs import count_text, read_input, size_text
from sps_desk.tabular.cells import CellValue, cell_text

MAX_ROWS = 200_000
"""Rows read at most: far above a service's decade of records, below memory trouble."""
MAX_COLUMNS = 1024
"""Columns read at most (LibreOffice's sheets used to stop at 1 024; an import file has a
few dozen)."""
MAX_CELLS = 4_000_000
"""Filled cells read at most (200 000 rows of 20 columns)."""
MAX_CELL_CHARACTERS = 32_767
"""Longest cell text: Excel's own limit, so no file a tableur saved exceeds it."""
MAX_CSV_BYTES = 32 * 1024 * 1024
"""Largest CSV file read: 200 000 rows of an import file are about 20 MB."""
MAX_XLSX_BYTES = 32 * 1024 * 1024
"""Largest XLSX file read (compressed); 100 000 rows of an import file are about 3 MB."""
MAX_XLSX_PART_BYTES = 256 * 1024 * 1024
"""Largest declared size of one part of an XLSX file once unpacked (the sheet of 200 000
rows of 20 columns is about 150 MB)."""
MAX_XLSX_UNPACKED_BYTES = 512 * 1024 * 1024
"""Largest declared size of all the parts of an XLSX file together, once unpacked."""

# Text between two tags longer than this cannot be a cell of at most 32 767 characters,
# whatever its encoding (an entity such as &quot; takes 6 bytes per character).
_TEXT_RUN_BYTES = MAX_CELL_CHARACTERS * 6
_CELL = re.compile(rb"<(?:\w+:)?c[\s/>]")
_STRING = re.compile(rb"<(?:\w+:)?si[\s/>]")
_REFERENCE = re.compile(rb'<(?:\w+:)?c\b[^>]*?\sr="([A-Z]{1,3})([0-9]{1,10})"')
_ROW = re.compile(rb'<(?:\w+:)?row\b[^>]*?\sr="([0-9]{1,10})"')
_LONG_TEXT = re.compile(rb"[^<]{%d,}" % (_TEXT_RUN_BYTES + 1))


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


def _unreadable(name: str) -> UnreadableFile:
    return UnreadableFile(
        f"Le fichier {name} est illisible : ce n'est pas un classeur XLSX lisible (abîmé "
        "ou d'un autre format) ; ouvrez-le dans votre tableur et enregistrez-le à nouveau au "
        "format .xlsx ou .csv.")


def _too_many_rows(name: str) -> UnreadableFile:
    return UnreadableFile(f"Le fichier {name} a plus de {count_text(MAX_ROWS)} lignes (la "
                          "limite) : découpez-le en plusieurs fichiers.")


def _too_many_columns(name: str, number: int) -> UnreadableFile:
    return UnreadableFile(f"Le fichier {name} a plus de {count_text(MAX_COLUMNS)} colonnes (la "
                          f"limite), à la ligne {number} : gardez seulement les colonnes à "
                          "importer.")


def _too_many_cells(name: str) -> UnreadableFile:
    return UnreadableFile(f"Le fichier {name} a plus de {count_text(MAX_CELLS)} cellules "
                          "remplies (la limite) : découpez-le en plusieurs fichiers.")


def _too_long(name: str, number: int | None) -> UnreadableFile:
    where = f"à la ligne {number}" if number is not None else "dans le fichier"
    return UnreadableFile(f"Le fichier {name} a une cellule de plus de "
                          f"{count_text(MAX_CELL_CHARACTERS)} caractères (la limite) {where} : "
                          "raccourcissez-la.")


class _Collector:
    """Rows as read, cut to their last filled cell, within the limits of rows, columns,
    cells and cell length (French refusals naming the file and the limit)."""

    def __init__(self, name: str, *, texts: bool = False) -> None:
        self.name = name
        self.rows: list[tuple[int, tuple[CellValue, ...]]] = []
        self.cells = 0
        self.texts = texts
        """Whether every cell is a text (a CSV's): lengths are then measured at C speed."""

    def add(self, number: int, cells: tuple[CellValue, ...]) -> None:
        if number > MAX_ROWS:
            raise _too_many_rows(self.name)
        # Trailing empty cells (a styled but empty column, « ; ; ; ») are dropped; only a
        # row with something far to the right is refused.
        width = len(cells)
        if width > MAX_COLUMNS:
            beyond = cells[MAX_COLUMNS:]
            if beyond.count(None) + beyond.count("") != len(beyond):
                raise _too_many_columns(self.name, number)
            width = MAX_COLUMNS
        while width and (cells[width - 1] is None or cells[width - 1] == ""):
            width -= 1
        cells = cells[:width]
        self.cells += width
        if self.cells > MAX_CELLS:
            raise _too_many_cells(self.name)
        if cells and (max(map(len, cells)) if self.texts else max(
                len(c) if type(c) is str else 0 for c in cells)) > MAX_CELL_CHARACTERS:
            raise _too_long(self.name, number)
        self.rows.append((number, cells))


def _decode(data: bytes, name: str) -> str:
    # A BOM says UTF-8 or UTF-16; otherwise UTF-8 is tried first because cp1252 decodes
    # nearly any byte string, so it only comes second (Excel's French « CSV » export).
    # Excel's « Texte Unicode » is UTF-16 with a BOM; without one, text in a Latin
    # script has a zero byte in every other position.
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    sample = data[:4096]
    if len(sample) >= 4 and sample.count(b"\0") * 3 >= len(sample):
        odd_zeros = sample[1::2].count(b"\0")
        return data.decode("utf-16-le" if odd_zeros >= sample[0::2].count(b"\0")
                           else "utf-16-be")
    if b"\0" in data:
        raise UnreadableFile(
            f"Le fichier {name} n'est pas un fichier texte (il contient des octets nuls) : "
            "enregistrez-le depuis votre tableur en « CSV UTF-8 » et recommencez.")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="strict")


def _delimiter(text: str) -> str:
    first_line = next((line for line in text.splitlines() if line.strip()), "")
    try:
        return csv.Sniffer().sniff(first_line[:65_536], delimiters=";,\t").delimiter
    except csv.Error:
        # One column only, or a header the sniffer cannot decide: count instead.
        return max(";,\t", key=first_line.count)


def _table(raw_rows: list[tuple[int, tuple[CellValue, ...]]], name: str) -> Table:
    # A row is blank when every cell reads as "" (is_empty), i.e. none reads as text.
    filled = [(n, cells) for n, cells in raw_rows if any(map(cell_text, cells))]
    if not filled:
        raise UnreadableFile(f"Le fichier {name} est vide : rien à importer.")
    header_cells = filled[0][1]
    headers = [cell_text(c) for c in header_cells]
    while headers and not headers[-1]:
        headers.pop()
    width = len(headers)
    padding = (None,) * width
    rows = tuple(Row(number, cells if len(cells) == width else (cells + padding)[:width])
                 for number, cells in filled[1:])
    return Table(tuple(headers), rows)


def read_csv(path: Path) -> Table:
    """Read a CSV file (text cells): UTF-8 (with or without BOM), UTF-16 (Excel's « Texte
    Unicode ») or Windows-1252.

    Raises:
        InputRefused: not a regular file, or larger than :data:`MAX_CSV_BYTES`.
        UnreadableFile: empty, badly formed, in an unknown encoding, or over a limit of
            rows, columns, cells or cell length (French message naming the file).
        OSError: the file cannot be read.
    """
    data = read_input(path, limit=MAX_CSV_BYTES, what="tableur CSV")
    try:
        text = _decode(data, path.name)
    except UnicodeDecodeError:
        raise UnreadableFile(
            f"Le fichier {path.name} n'est ni en UTF-8 ni en Windows-1252 : enregistrez-le "
            "depuis votre tableur en « CSV UTF-8 » et recommencez."
        ) from None
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
    collector = _Collector(path.name, texts=True)
    try:
        for number, cells in enumerate(reader, start=1):
            collector.add(number, tuple(cells))
    except csv.Error:
        raise UnreadableFile(
            f"Le fichier {path.name} est mal formé (guillemets non fermés ?) : ouvrez-le "
            "dans votre tableur, enregistrez-le à nouveau en CSV et recommencez."
        ) from None
    return _table(collector.rows, path.name)


@dataclass
class _PartScan:
    """What a scan of one unpacked XML part found (cells, largest row and column)."""

    cells: int = 0
    last_row: int = 0
    last_column: int = 0


def _column_number(letters: bytes) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + letter - 64
    return number


def _scan_part(archive: zipfile.ZipFile, info: zipfile.ZipInfo, name: str,
               counted: re.Pattern[bytes]) -> _PartScan:
    """Stream one XML part (zipfile stops at its declared size) and measure it: elements
    matching ``counted``, largest row and column referred to. Refuses a text longer
    than any cell can be, and more elements than :data:`MAX_CELLS`."""
    found = _PartScan()
    tail = b""
    with archive.open(info) as stream:
        while chunk := stream.read(1024 * 1024):
            # The end of the previous chunk, from its last tag on, is read again, so that
            # no tag is cut in two and a long text is measured whole.
            data = tail + chunk
            cut = data.rfind(b"<")
            cut = len(data) if cut == -1 else cut
            if _LONG_TEXT.search(data, 0, cut):
                raise _too_long(name, None)
            part, tail = data[:cut], data[cut:]
            if len(tail) > _TEXT_RUN_BYTES:
                raise _too_long(name, None)
            found.cells += len(counted.findall(part))
            for letters, digits in _REFERENCE.findall(part):
                found.last_column = max(found.last_column, _column_number(letters))
                found.last_row = max(found.last_row, int(digits))
            for digits in _ROW.findall(part):
                found.last_row = max(found.last_row, int(digits))
            if found.cells > MAX_CELLS:
                raise _too_many_cells(name)
    found.cells += len(counted.findall(tail))
    return found


def _check_archive(archive: zipfile.ZipFile, name: str) -> dict[str, _PartScan]:
    """Check an XLSX's parts before openpyxl reads them: declared sizes, and for each
    sheet and the shared strings, cells, rows, columns and text lengths. Returns the
    scan of each sheet, by part name."""
    parts = archive.infolist()
    if sum(info.file_size for info in parts) > MAX_XLSX_UNPACKED_BYTES or any(
            info.file_size > MAX_XLSX_PART_BYTES for info in parts):
        raise UnreadableFile(
            f"Le fichier {name} est un classeur qui, décompressé, dépasserait "
            f"{size_text(MAX_XLSX_UNPACKED_BYTES)} (ou {size_text(MAX_XLSX_PART_BYTES)} pour "
            "une seule feuille), la limite : gardez seulement les données à importer.")
    scans = {}
    strings = 0
    for info in parts:
        if info.filename.startswith("xl/worksheets/") and info.filename.endswith(".xml"):
            scans[info.filename] = _scan_part(archive, info, name, _CELL)
        elif info.filename == "xl/sharedStrings.xml":
            strings = _scan_part(archive, info, name, _STRING).cells
    if strings + sum(scan.cells for scan in scans.values()) > MAX_CELLS:
        raise _too_many_cells(name)
    return scans


def read_xlsx(path: Path) -> Table:
    """Read the first sheet of an XLSX workbook (typed cells, formulas' cached values).

    The parts are checked before openpyxl reads them (:func:`_check_archive`), the first
    sheet's declared dimension and its real extent before its rows are read, and any
    error of the XLSX parser is « fichier illisible ». openpyxl's English warnings
    (unsupported extensions, no default style) are not shown: they concern formatting.

    Raises:
        InputRefused: not a regular file, or larger than :data:`MAX_XLSX_BYTES`.
        UnreadableFile: not an XLSX workbook, damaged, or over a limit (French message
            naming the file and the limit).
        OSError: the file cannot be read.
    """
    from openpyxl import load_workbook

    data = read_input(path, limit=MAX_XLSX_BYTES, what="classeur XLSX")
    name = path.name
    collector = _Collector(name)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                scans = _check_archive(archive, name)
            workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
            try:
                if not workbook.worksheets:
                    raise UnreadableFile(f"Le fichier {name} n'a aucune feuille de calcul : "
                                         "rien à importer.")
                sheet = workbook.worksheets[0]
                # openpyxl keeps the part of a read-only sheet here (no public name).
                scan = scans.get(getattr(sheet, "_worksheet_path", ""), _PartScan())
                if max(scan.last_row, sheet.max_row or 0) > MAX_ROWS:
                    raise _too_many_rows(name)
                if max(scan.last_column, sheet.max_column or 0) > MAX_COLUMNS:
                    raise _too_many_columns(name, scan.last_row or sheet.max_row or 1)
                # The rows as they are, not padded to a declared dimension.
                sheet.reset_dimensions()
                rows = sheet.iter_rows(min_row=1, values_only=True)
                for number, cells in enumerate(rows, start=1):
                    collector.add(number, tuple(cells))
            finally:
                workbook.close()
    except (SpsDeskError, MemoryError):
        raise
    except Exception:  # openpyxl, zipfile, XML, dates: any failure is an unreadable file
        raise _unreadable(name) from None
    return _table(collector.rows, name)


def read_table(path: Path) -> Table:
    """Read ``path`` by its extension: ``.xlsx``/``.xlsm`` with openpyxl, ``.ods`` and
    ``.xls`` with python-calamine (:mod:`sps_desk.tabular.calamine_reading`), else as CSV.

    Raises:
        InputRefused: not a regular file, or over the size limit of its kind.
        UnreadableFile: empty, badly formed, in an unknown encoding, or over a limit of
            rows, columns, cells or cell length (French message naming the file).
        OSError: the file cannot be read.
    """
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        return read_xlsx(path)
    if suffix in (".ods", ".xls"):
        from sps_desk.tabular.calamine_reading import read_ods, read_xls

        return read_ods(path) if suffix == ".ods" else read_xls(path)
    return read_csv(path)
