"""LibreOffice ``.ods`` and Excel 97 ``.xls`` sheets are imported like an ``.xlsx``: the
same rows, real dates and durations; a sheet that would expand beyond the limits, or a
file that is not what its name says, is refused in French before calamine reads it.

The ``.ods`` and ``.xls`` fixtures were saved by LibreOffice from an openpyxl workbook
(synthetic names); the large ones are built here.
"""

from __future__ import annotations

import io
import shutil
import zipfile
from datetime import date, datetime, time
from pathlib import Path

import pytest
from openpyxl import Workbook

from sps_desk.enums import ActivityCategory, Role
from sps_desk.records import StaffMember
from sps_desk.store import imports
from sps_desk.store.database import Database
from sps_desk.tabular import calamine_reading
from sps_desk.tabular.fields import ImportKind
from sps_desk.tabular.reading import UnreadableFile, read_table

FIXTURES = Path(__file__).parent / "fixtures" / "spreadsheets"
DIMA = "Дмитрий Ø."
EXPECTED = [
    (DIMA, date(2026, 2, 3), ActivityCategory.PREPARATION, 1.75),
    (DIMA, date(2026, 2, 4), ActivityCategory.LEAVE, 7.0),
    (DIMA, date(2026, 2, 5), ActivityCategory.WRITING, 0.5),
]


def _xlsx(path: Path) -> Path:
    """The workbook the fixtures were saved from."""
    book = Workbook()
    sheet = book.active
    for row in ([" Date ", "Éducateur", "Catégorie", "Durée"],
                [datetime(2026, 2, 3), DIMA, "Temps de préparation des activités", time(1, 45)],
                ["04/02/2026", DIMA, "Congés", 7], [None] * 4,
                [datetime(2026, 2, 5), DIMA, "Écrits", 0.5]):
        sheet.append(row)
    book.save(path)
    return path


@pytest.mark.parametrize("name", ["heures.ods", "heures.xls"])
def test_the_rows_read_are_those_of_the_xlsx(name: str, tmp_path: Path) -> None:
    table = read_table(FIXTURES / name)
    reference = read_table(_xlsx(tmp_path / "heures.xlsx"))
    assert table.headers == reference.headers == ("Date", "Éducateur", "Catégorie", "Durée")
    assert [row.number for row in table.rows] == [2, 3, 5]  # the blank row 4 keeps its place
    first = table.rows[0].cells
    assert first[0] == date(2026, 2, 3) and type(first[0]) is date  # a real date
    assert first[1:3] == (DIMA, "Temps de préparation des activités")
    assert table.rows[1].cells[0] == "04/02/2026"  # text stays text


@pytest.mark.parametrize("name", ["heures.ods", "heures.xls"])
def test_an_ods_or_xls_sheet_is_imported(name: str, db: Database, tmp_path: Path) -> None:
    db.repos.staff.save(StaffMember(display_name=DIMA, role=Role.SOCIAL_WORKER, fte=1.0))
    sheet = tmp_path / name
    shutil.copy(FIXTURES / name, sheet)
    checked = imports.preview(db, sheet, ImportKind.TIME)
    assert checked.errors == []
    imports.commit(db, checked)
    names = {s.id: s.display_name for s in db.repos.staff.all()}
    assert sorted((names[e.staff_id], e.date, e.category, e.hours)
                  for e in db.repos.time_entries.all()) == EXPECTED


def test_leading_blank_rows_and_columns_keep_their_numbers(tmp_path: Path) -> None:
    table = read_table(FIXTURES / "heures.ods")
    assert table.rows[-1].number == 5
    # A sheet starting at C3 (LibreOffice: no leading area in the file) still numbers its
    # rows from 1 and its columns from A.
    content = ('<table:table-row table:number-rows-repeated="2"><table:table-cell/>'
               '</table:table-row><table:table-row><table:table-cell '
               'table:number-columns-repeated="2"/><table:table-cell office:value-type='
               '"string"><text:p>Surnom</text:p></table:table-cell></table:table-row>'
               '<table:table-row><table:table-cell table:number-columns-repeated="2"/>'
               '<table:table-cell office:value-type="string"><text:p>Kémy</text:p>'
               '</table:table-cell></table:table-row>')
    path = tmp_path / "decale.ods"
    path.write_bytes(_ods(content))
    table = read_table(path)
    assert table.headers == ("", "", "Surnom")
    assert [(row.number, row.cells) for row in table.rows] == [(4, (None, None, "Kémy"))]


def _ods(rows: str) -> bytes:
    """An ODS file whose first sheet holds ``rows`` (``table:table-row`` elements)."""
    content = (
        '<?xml version="1.0" encoding="UTF-8"?><office:document-content '
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.3">'
        '<office:body><office:spreadsheet><table:table table:name="Feuille1">'
        f'{rows}</table:table></office:spreadsheet></office:body></office:document-content>')
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest='
        '"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">'
        '<manifest:file-entry manifest:full-path="/" manifest:media-type='
        '"application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry '
        'manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        '</manifest:manifest>')
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet",
                         compress_type=zipfile.ZIP_STORED)
        archive.writestr("content.xml", content, compress_type=zipfile.ZIP_DEFLATED)
        archive.writestr("META-INF/manifest.xml", manifest)
    return buffer.getvalue()


@pytest.fixture
def no_calamine(monkeypatch: pytest.MonkeyPatch) -> None:
    """calamine must not be reached: the file is refused by its measure."""
    def refuse(*_args: object) -> None:
        raise AssertionError("calamine reached a file over the limits")

    monkeypatch.setattr(calamine_reading.CalamineWorkbook, "from_filelike", refuse)


@pytest.mark.usefixtures("no_calamine")
def test_a_small_ods_that_would_expand_to_millions_of_cells_is_refused(tmp_path: Path) -> None:
    row = ('<table:table-row table:number-rows-repeated="100000"><table:table-cell '
           'table:number-columns-repeated="1000" office:value-type="string">'
           '<text:p>Zoé</text:p></table:table-cell></table:table-row>')
    path = tmp_path / "bombe.ods"
    path.write_bytes(_ods(row))
    assert path.stat().st_size < 2000
    with pytest.raises(UnreadableFile, match=r"Le fichier bombe\.ods a trop de cellules "
                                             r"\(plus de 4\u00a0000\u00a0000 remplies"):
        read_table(path)


@pytest.mark.usefixtures("no_calamine")
def test_repeated_spaces_count_as_text(tmp_path: Path) -> None:
    row = ('<table:table-row table:number-rows-repeated="1000"><table:table-cell '
           'table:number-columns-repeated="100" office:value-type="string"><text:p>a'
           '<text:s text:c="1000"/></text:p></table:table-cell></table:table-row>')
    path = tmp_path / "espaces.ods"
    path.write_bytes(_ods(row))
    with pytest.raises(UnreadableFile, match="caractères de texte une fois ses cellules "
                                             "répétées"):
        read_table(path)


@pytest.mark.usefixtures("no_calamine")
def test_an_xls_repeating_a_long_shared_string_is_refused(tmp_path: Path) -> None:
    """3 000 cells pointing at one 30 000-character string: 90 million characters from a
    file of 230 kB (saved by LibreOffice)."""
    with pytest.raises(UnreadableFile, match=r"chaine-repetee\.xls contient plus de "
                                             r"64\u00a0000\u00a0000 caractères"):
        read_table(FIXTURES / "chaine-repetee.xls")


def test_an_ods_ending_with_a_million_empty_rows_is_read() -> None:
    """LibreOffice ends every sheet with ~1 048 570 repeated empty rows."""
    raw = zipfile.ZipFile(FIXTURES / "heures.ods").read("content.xml")
    assert b'table:number-rows-repeated="10485' in raw
    assert len(read_table(FIXTURES / "heures.ods").rows) == 3


@pytest.mark.parametrize("name, data", [
    ("notes.ods", "Surnom;Sexe\nKémy;F\n".encode()),
    ("notes.xls", "Surnom;Sexe\nKémy;F\n".encode()),
    ("lettre.ods", b""),
])
def test_a_file_that_is_not_what_its_name_says_is_unreadable(name: str, data: bytes,
                                                             tmp_path: Path) -> None:
    path = tmp_path / name
    if name == "lettre.ods":  # an OpenDocument text renamed .ods
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
            archive.writestr("content.xml", "<x/>")
        data = buffer.getvalue()
    path.write_bytes(data)
    with pytest.raises(UnreadableFile, match=rf"Le fichier {name} est illisible : ce n'est "
                                             "pas un classeur"):
        read_table(path)
