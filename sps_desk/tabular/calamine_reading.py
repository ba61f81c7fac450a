"""Read a LibreOffice ``.ods`` or an Excel 97 ``.xls`` sheet with python-calamine, bounded
before it is parsed.

calamine (Rust) reads the first sheet whole, typed as openpyxl reads an XLSX: numbers,
real dates (``date``), durations (``time`` or ``timedelta``), text; formulas give their
cached values. Rows keep the numbers the spreadsheet shows (row 1 is the first row,
leading blank rows and columns included), so that « ligne 12 » is row 12 on screen.

calamine builds the whole sheet in memory, and both formats can make a small file
expand: an ODS cell repeated across thousands of columns and rows
(``number-columns-repeated``, ``number-rows-repeated``), an XLS cell pointing at a long
shared string (``LABELSST``), each copied once per cell. So the file is measured first,
without calamine — the ODS ``content.xml`` streamed, the XLS records walked — and
refused in one French sentence naming the file and the limit when its first sheet would
hold more than :data:`MAX_AREA` cells (from A1 to its last filled cell), more than
:data:`MAX_CELLS` filled cells, or more than :data:`MAX_TEXT_CHARACTERS` characters of
text once expanded.
"""

from __future__ import annotations

import io
import struct
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from xml.etree.ElementTree import Element, XMLPullParser

import olefile
from python_calamine import CalamineWorkbook

from sps_desk.errors import SpsDeskError
from sps_desk.inputs import read_input
from sps_desk.tabular.cells import CellValue
from sps_desk.tabular.reading import MAX_ROWS, Table, UnreadableFile, _table

MAX_FILE_BYTES = 32 * 1024 * 1024
"""Largest ODS or XLS file read (an import file of 100 000 rows is about 3 MB)."""
MAX_CONTENT_BYTES = 512 * 1024 * 1024
"""Largest declared size of an ODS's ``content.xml`` once unpacked."""
MAX_CELLS = 4_000_000
"""Filled cells read at most (200 000 rows of 20 columns)."""
MAX_AREA = 8_000_000
"""Cells from A1 to the last filled cell at most: calamine holds every one of them."""
MAX_TEXT_CHARACTERS = 64_000_000
"""Characters of text in the sheet at most, once repeated cells are expanded."""

_ODS_MIMETYPE = b"application/vnd.oasis.opendocument.spreadsheet"
_TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
_OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
_TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
_CHUNK = 1024 * 1024


@dataclass
class _Extent:
    """What the first sheet would hold once calamine expands it."""

    cells: int = 0
    last_row: int = 0
    last_column: int = 0
    text: int = 0

    def filled(self, row: int, column: int, count: int, text: int) -> None:
        """``count`` filled cells in ``row`` ending at ``column`` (1-based), ``text``
        characters in all."""
        self.cells += count
        self.text += text
        self.last_row = max(self.last_row, row)
        self.last_column = max(self.last_column, column)

    def check(self, name: str) -> None:
        """Refuse, in French, a sheet over a limit."""
        if self.last_row > MAX_ROWS:
            raise UnreadableFile(f"Le fichier {name} a plus de {_count_text(MAX_ROWS)} lignes "
                                 "(la limite) : découpez-le en plusieurs fichiers.")
        if self.cells > MAX_CELLS or self.last_row * self.last_column > MAX_AREA:
            raise UnreadableFile(
                f"Le fichier {name} a trop de cellules (plus de {_count_text(MAX_CELLS)} "
                f"remplies, ou une plage de plus de {_count_text(MAX_AREA)} cellules depuis "
                "A1, la limite) : gardez seulement les lignes et les colonnes à importer.")
        if self.text > MAX_TEXT_CHARACTERS:
            raise UnreadableFile(
                f"Le fichier {name} contient plus de {_count_text(MAX_TEXT_CHARACTERS)} "
                "caractères de texte une fois ses cellules répétées (la limite) : gardez "
                "seulement les données à importer.")


def _count_text(count: int) -> str:
    """« 4 000 000 »: thousands grouped by a no-break space."""
    return f"{count:,}".replace(",", "\u00a0")


def _unreadable(name: str, kind: str) -> UnreadableFile:
    return UnreadableFile(
        f"Le fichier {name} est illisible : ce n'est pas un classeur {kind} lisible (abîmé, "
        "protégé par un mot de passe ou d'un autre format) ; ouvrez-le dans votre tableur et "
        "enregistrez-le à nouveau au format .xlsx, .ods ou .csv.")


# ------------------------------------------------------------------ ODS


def _count(element: Element, attribute: str) -> int:
    try:
        return max(int(element.get(f"{{{_TABLE}}}{attribute}", "1")), 1)
    except ValueError:
        return 1


def _cell_text(cell: Element) -> int:
    """Characters of a cell's text, a run of spaces (``<text:s text:c="n"/>``) as n."""
    length = 0
    for element in cell.iter():
        if element.tag == f"{{{_TEXT}}}s":
            try:
                length += max(int(element.get(f"{{{_TEXT}}}c", "1")), 1)
            except ValueError:
                length += 1
        length += len(element.text or "") + len(element.tail or "")
    return length - len(cell.tail or "")


def _ods_rows(stream: io.BufferedIOBase) -> Iterator[Element]:
    """The ``table:table-row`` elements of the first table, each once complete (and
    cleared after use), streamed from ``content.xml``."""
    parser = XMLPullParser(events=("start", "end"))
    depth = 0  # depth inside the first table
    done = False
    while not done and (chunk := stream.read(_CHUNK)):
        parser.feed(chunk)
        for event, element in parser.read_events():
            if element.tag == f"{{{_TABLE}}}table":
                if event == "start":
                    depth += 1
                elif depth:
                    done = True
                    break
            elif event == "end" and depth and element.tag == f"{{{_TABLE}}}table-row":
                yield element
                element.clear()


def _ods_extent(data: bytes, name: str) -> _Extent:
    """Measure the first sheet of an ODS file without calamine (see the module)."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        if archive.read("mimetype").strip() != _ODS_MIMETYPE:
            raise _unreadable(name, "ODS")
        info = archive.getinfo("content.xml")
        if info.file_size > MAX_CONTENT_BYTES:
            raise UnreadableFile(f"Le fichier {name} est un classeur qui, décompressé, "
                                 f"dépasserait {MAX_CONTENT_BYTES // 2**20} Mo (la limite) : "
                                 "gardez seulement les données à importer.")
        extent = _Extent()
        row = 0
        with archive.open(info) as stream:
            for element in _ods_rows(stream):
                repeat = _count(element, "number-rows-repeated")
                column = filled = text = last = 0
                for cell in element:
                    if cell.tag not in (f"{{{_TABLE}}}table-cell",
                                        f"{{{_TABLE}}}covered-table-cell"):
                        continue
                    columns = _count(cell, "number-columns-repeated")
                    column += columns
                    has_value = cell.get(f"{{{_OFFICE}}}value-type") is not None
                    length = _cell_text(cell)
                    if has_value or length:
                        filled += columns
                        text += columns * length
                        last = column
                if filled:
                    # Only filled rows count: LibreOffice ends a sheet with a million
                    # empty repeated rows, which calamine does not expand.
                    extent.filled(row + repeat, last, filled * repeat, text * repeat)
                row += repeat
                if extent.last_row > MAX_ROWS or extent.cells > MAX_CELLS:
                    break
    return extent


# ------------------------------------------------------------------ XLS

_BOUNDSHEET, _SST, _CONTINUE, _EOF = 0x0085, 0x00FC, 0x003C, 0x000A
_CELLS_AT_START = {0x0203, 0x027E, 0x0205, 0x0006}  # NUMBER, RK, BOOLERR, FORMULA
_LABELSST, _LABEL, _RSTRING, _STRING, _MULRK = 0x00FD, 0x0204, 0x00D6, 0x0207, 0x00BD


def _records(stream: bytes, start: int = 0) -> Iterator[tuple[int, int, bytes]]:
    """(offset, type, payload) of each BIFF record from ``start``."""
    offset = start
    while offset + 4 <= len(stream):
        kind, size = struct.unpack_from("<HH", stream, offset)
        yield offset, kind, stream[offset + 4:offset + 4 + size]
        offset += 4 + size


def _sst_lengths(segments: list[bytes]) -> list[int]:
    """Length in characters of each shared string of an SST record and its CONTINUE
    records (a string's characters may run on into the next record, which then starts
    with a byte saying their width)."""
    lengths: list[int] = []
    seg, pos = 0, 8
    unique = struct.unpack_from("<I", segments[0], 4)[0]
    for _ in range(unique):
        if pos >= len(segments[seg]):
            seg, pos = seg + 1, 0
        data = segments[seg]
        characters, flags = struct.unpack_from("<HB", data, pos)
        pos += 3
        runs = extension = 0
        if flags & 0x08:
            runs = struct.unpack_from("<H", data, pos)[0]
            pos += 2
        if flags & 0x04:
            extension = struct.unpack_from("<I", data, pos)[0]
            pos += 4
        width, remaining = (2 if flags & 0x01 else 1), characters
        while remaining:
            taken = min((len(segments[seg]) - pos) // width, remaining)
            pos, remaining = pos + taken * width, remaining - taken
            if remaining:
                seg += 1
                width, pos = (2 if segments[seg][0] & 0x01 else 1), 1
        skip = 4 * runs + extension
        while skip:
            taken = min(len(segments[seg]) - pos, skip)
            pos, skip = pos + taken, skip - taken
            if skip:
                seg, pos = seg + 1, 0
        lengths.append(characters)
    return lengths


def _xls_extent(data: bytes, name: str) -> _Extent:
    """Measure the first sheet of an XLS file without calamine (see the module)."""
    with olefile.OleFileIO(data) as ole:
        stream_name = next((n for n in ("Workbook", "Book") if ole.exists(n)), None)
        if stream_name is None:
            raise _unreadable(name, "Excel 97 (.xls)")
        if ole.get_size(stream_name) > MAX_FILE_BYTES:
            raise _unreadable(name, "Excel 97 (.xls)")
        stream = ole.openstream(stream_name).read()
    strings: list[int] = []
    sheet_start: int | None = None
    sst: list[bytes] = []
    for _offset, kind, payload in _records(stream):
        if kind == _BOUNDSHEET and sheet_start is None and payload[5:6] == b"\x00":
            sheet_start = struct.unpack_from("<I", payload)[0]
        elif kind == _SST:
            sst = [payload]
        elif kind == _CONTINUE and sst:
            sst.append(payload)
        elif sst:
            strings = _sst_lengths(sst)
            sst = []
        if kind == _EOF:
            break
    if sheet_start is None:
        raise UnreadableFile(f"Le fichier {name} n'a aucune feuille de calcul : rien à "
                             "importer.")
    extent = _Extent()
    for _offset, kind, payload in _records(stream, sheet_start):
        if kind == _EOF:
            break
        if kind in _CELLS_AT_START or kind in (_LABELSST, _LABEL, _RSTRING):
            row, column = struct.unpack_from("<HH", payload)
            text = 0
            if kind == _LABELSST:
                text = strings[struct.unpack_from("<I", payload, 6)[0]]
            elif kind in (_LABEL, _RSTRING):
                text = struct.unpack_from("<H", payload, 6)[0]
            extent.filled(row + 1, column + 1, 1, text)
        elif kind == _MULRK:
            row, first = struct.unpack_from("<HH", payload)
            last = struct.unpack_from("<H", payload, len(payload) - 2)[0]
            extent.filled(row + 1, last + 1, max(last - first + 1, 0), 0)
        elif kind == _STRING:  # the text a formula gives
            extent.text += struct.unpack_from("<H", payload)[0]
    return extent


# ------------------------------------------------------------------ reading


def _read(path: Path, kind: str, measure: Callable[[bytes, str], _Extent]) -> Table:
    data = read_input(path, limit=MAX_FILE_BYTES, what=f"classeur {kind}")
    name = path.name
    try:
        extent = measure(data, name)
    except SpsDeskError:
        raise
    except Exception:  # zip, XML, OLE, truncated records: any failure is unreadable
        raise _unreadable(name, kind) from None
    extent.check(name)
    try:
        book = CalamineWorkbook.from_filelike(io.BytesIO(data))
        try:
            if not book.sheet_names:
                raise UnreadableFile(f"Le fichier {name} n'a aucune feuille de calcul : rien "
                                     "à importer.")
            grid = book.get_sheet_by_index(0).to_python(skip_empty_area=False)
        finally:
            book.close()
    except SpsDeskError:
        raise
    except Exception:  # calamine's errors (damaged, encrypted, unsupported): unreadable
        raise _unreadable(name, kind) from None
    raw: list[tuple[int, tuple[CellValue, ...]]] = [
        (number, tuple(None if value == "" else value for value in cells))
        for number, cells in enumerate(grid, start=1)
    ]
    return _table(raw, name)


def read_ods(path: Path) -> Table:
    """Read the first sheet of a LibreOffice / OpenDocument ``.ods`` workbook.

    Raises:
        InputRefused: not a regular file, or larger than :data:`MAX_FILE_BYTES`.
        UnreadableFile: not an ODS workbook, damaged, empty, or over a limit (French
            message naming the file and the limit).
        OSError: the file cannot be read.
    """
    return _read(path, "ODS", _ods_extent)


def read_xls(path: Path) -> Table:
    """Read the first sheet of an Excel 97–2003 ``.xls`` workbook.

    Raises:
        InputRefused: not a regular file, or larger than :data:`MAX_FILE_BYTES`.
        UnreadableFile: not an XLS workbook, damaged, protected by a password, empty, or
            over a limit (French message naming the file and the limit).
        OSError: the file cannot be read.
    """
    return _read(path, "Excel 97 (.xls)", _xls_extent)
