"""Saving an openpyxl workbook without writing anything to the system temp folder.

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
import io
from typing import IO
from zipfile import ZIP_DEFLATED, ZipFile

from openpyxl import Workbook
from openpyxl.drawing.spreadsheet_drawing import SpreadsheetDrawing
from openpyxl.worksheet._writer import WorksheetWriter
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.writer.excel import ExcelWriter


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
