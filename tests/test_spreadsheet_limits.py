"""Spreadsheets from outside (issue 13, points 4–5): UTF-16 CSV read, damaged XLSX
answered « illisible », and every limit (rows, columns, cells, cell length, unpacked
size, declared dimension) checked before the work, with the limit in the message."""

from __future__ import annotations

import io
import time
import tracemalloc
import warnings
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook

from sps_desk.inputs import InputRefused
from sps_desk.tabular import reading
from sps_desk.tabular.reading import UnreadableFile, read_table

HEADER = ["Date", "Éducateur", "Catégorie", "Nb d'heures"]
ROWS = [["03/02/2026", "Zoé Ğüzel", "Écrits professionnels", "1,5"],
        ["04/02/2026", "Дмитрий", "Congés", "7"]]


def _csv_text() -> str:
    return "\r\n".join(";".join(row) for row in [HEADER, *ROWS]) + "\r\n"


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_a_utf16_csv_is_read_with_or_without_its_byte_order_mark(tmp_path: Path,
                                                                 encoding: str) -> None:
    path = tmp_path / "heures.csv"
    path.write_bytes(_csv_text().encode(encoding))
    table = read_table(path)
    assert table.headers == tuple(HEADER)
    assert [list(row.cells) for row in table.rows] == ROWS


def test_a_binary_file_named_csv_is_refused_as_not_text(tmp_path: Path) -> None:
    path = tmp_path / "heures.csv"
    path.write_bytes(b"Date;Heures\r\n" + bytes(range(256)) * 4)
    with pytest.raises(UnreadableFile, match=r"heures\.csv n'est pas un fichier texte"):
        read_table(path)


def test_a_cell_longer_than_excel_allows_is_refused_with_its_row(tmp_path: Path) -> None:
    path = tmp_path / "jeunes.csv"
    path.write_text("Code;Surnom\nA1;" + "é" * 32_768 + "\n", encoding="utf-8")
    with pytest.raises(UnreadableFile) as refused:
        read_table(path)
    assert str(refused.value) == ("Le fichier jeunes.csv a une cellule de plus de 32 767 "
                                  "caractères (la limite) à la ligne 2 : raccourcissez-la.")


def test_a_row_filled_far_to_the_right_is_refused_but_trailing_separators_are_not(
        tmp_path: Path) -> None:
    trailing = tmp_path / "large.csv"
    trailing.write_text("Date;Heures" + ";" * 5000 + "\n03/02/2026;2" + ";" * 5000 + "\n",
                        encoding="utf-8")
    assert read_table(trailing).headers == ("Date", "Heures")
    wide = tmp_path / "trop-large.csv"
    wide.write_text("Date;Heures\n03/02/2026;2" + ";" * 2000 + "x\n", encoding="utf-8")
    with pytest.raises(UnreadableFile, match=r"plus de 1 024 colonnes \(la limite\), à la "
                                             r"ligne 2"):
        read_table(wide)


def test_more_rows_than_the_limit_are_refused(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(reading, "MAX_ROWS", 50)
    path = tmp_path / "heures.csv"
    path.write_text("Date;Heures\n" + "03/02/2026;2\n" * 60, encoding="utf-8")
    with pytest.raises(UnreadableFile, match="plus de 50 lignes"):
        read_table(path)


def test_a_csv_over_the_size_limit_is_refused_before_it_is_read(tmp_path: Path,
                                                                monkeypatch) -> None:
    monkeypatch.setattr(reading, "MAX_CSV_BYTES", 1024)
    path = tmp_path / "heures.csv"
    path.write_text("Date;Heures\n" + "03/02/2026;2\n" * 200, encoding="utf-8")
    with pytest.raises(InputRefused, match=r"tableur CSV.*la limite de 1 Ko"):
        read_table(path)


def test_a_fifo_or_a_device_named_csv_or_xlsx_is_refused(tmp_path: Path) -> None:
    import os

    fifo = tmp_path / "tube.xlsx"
    os.mkfifo(fifo)
    with pytest.raises(InputRefused, match="pas un fichier ordinaire"):
        read_table(fifo)
    link = tmp_path / "zero.csv"
    link.symlink_to("/dev/zero")
    with pytest.raises(InputRefused, match="pas un fichier ordinaire"):
        read_table(link)


# ---------------------------------------------------------------- XLSX


def _workbook(rows: list[list[object]]) -> bytes:
    book = Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _rewrite(data: bytes, changes: dict[str, bytes], *, level: int = 6) -> bytes:
    """The XLSX ``data`` with some parts replaced or added (deflated)."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as target:
        for info in source.infolist():
            target.writestr(info.filename, changes.get(info.filename,
                                                       source.read(info.filename)))
        for name, content in changes.items():
            if name not in source.namelist():
                target.writestr(name, content)
    return out.getvalue()


def _sheet_xml(data: bytes) -> bytes:
    return zipfile.ZipFile(io.BytesIO(data)).read("xl/worksheets/sheet1.xml")


def test_a_valid_workbook_is_read_without_any_english_warning(tmp_path: Path) -> None:
    path = tmp_path / "heures.xlsx"
    path.write_bytes(_workbook([HEADER, *ROWS]))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        table = read_table(path)
    assert table.headers == tuple(HEADER)
    assert [list(row.cells) for row in table.rows] == ROWS


def test_a_huge_declared_dimension_is_refused_before_the_rows_are_read(tmp_path: Path) -> None:
    data = _workbook([HEADER, *ROWS])
    sheet = _sheet_xml(data)
    start = sheet.index(b"<dimension")
    end = sheet.index(b"/>", start) + 2
    forged = sheet[:start] + b'<dimension ref="A1:XFD1048576"/>' + sheet[end:]
    path = tmp_path / "dimension.xlsx"
    path.write_bytes(_rewrite(data, {"xl/worksheets/sheet1.xml": forged}))
    started = time.perf_counter()
    with pytest.raises(UnreadableFile, match="plus de 200 000 lignes \\(la limite\\)"):
        read_table(path)
    assert time.perf_counter() - started < 5


def test_a_cell_far_to_the_right_is_refused_before_openpyxl_pads_every_row(
        tmp_path: Path) -> None:
    data = _workbook([HEADER, *ROWS])
    sheet = _sheet_xml(data)
    forged = sheet.replace(b"</row>", b'<c r="XFD1" t="n"><v>1</v></c></row>', 1)
    path = tmp_path / "large.xlsx"
    path.write_bytes(_rewrite(data, {"xl/worksheets/sheet1.xml": forged}))
    with pytest.raises(UnreadableFile, match="plus de 1 024 colonnes"):
        read_table(path)


def test_a_huge_shared_string_is_refused_without_inflating_it(tmp_path: Path) -> None:
    data = _workbook([HEADER, *ROWS])
    strings = (b'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.'
               b'openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1"><si><t>'
               + b"A" * (200 * 1024 * 1024) + b"</t></si></sst>")
    path = tmp_path / "chaine.xlsx"
    path.write_bytes(_rewrite(data, {"xl/sharedStrings.xml": strings}, level=9))
    assert path.stat().st_size < 1024 * 1024
    tracemalloc.start()
    try:
        with pytest.raises(UnreadableFile, match="plus de 32 767 caractères"):
            read_table(path)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 64 * 1024 * 1024


def test_parts_that_would_unpack_beyond_the_limit_are_refused(tmp_path: Path,
                                                              monkeypatch) -> None:
    monkeypatch.setattr(reading, "MAX_XLSX_PART_BYTES", 64 * 1024)
    data = _workbook([HEADER, *ROWS])
    path = tmp_path / "bombe.xlsx"
    path.write_bytes(_rewrite(data, {"xl/media/image1.png": b"\0" * (128 * 1024)}))
    with pytest.raises(UnreadableFile, match=r"décompressé, dépasserait 512 Mo .*64 Ko"):
        read_table(path)


def test_damaged_sheet_data_is_an_unreadable_file_naming_it(tmp_path: Path) -> None:
    data = _workbook([HEADER, *ROWS])
    sheet = _sheet_xml(data)
    # The workbook opens (openpyxl only reads the dimension), the rows do not parse.
    broken = sheet.replace(b"</sheetData>", b"<row r=\"9\"><c r=\"A9\" t=\"s\"><v>77</v>"
                           b"</c></row></sheetData>")
    for name, content in (("index.xlsx", broken),
                          ("xml.xlsx", sheet.replace(b"</sheetData>", b"<row><c></sheetData>")),
                          ("nombre.xlsx", sheet.replace(b"</sheetData>",
                           b'<row r="9"><c r="A9"><v>1e1e1</v></c></row></sheetData>'))):
        path = tmp_path / name
        path.write_bytes(_rewrite(data, {"xl/worksheets/sheet1.xml": content}))
        with pytest.raises(UnreadableFile) as refused:
            read_table(path)
        assert str(refused.value).startswith(f"Le fichier {name} est illisible : ")


def test_a_truncated_workbook_is_unreadable(tmp_path: Path) -> None:
    data = _workbook([HEADER, *ROWS])
    path = tmp_path / "tronque.xlsx"
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(UnreadableFile, match=r"tronque\.xlsx est illisible"):
        read_table(path)
