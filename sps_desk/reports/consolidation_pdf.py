"""The departmental consolidation as a PDF (reportlab): A4 landscape, one table a section.

Uses the DejaVu fonts shipped in ``resources/fonts`` so that every service or commune
name prints, right-to-left ones shaped and in reading order (:class:`Para`); numbers are
French (« 12 968 »); pages are numbered. Any number of services fits: the 8 of the 2022
table as the Département lays them out, 100 or 300 with one row per service and the
header repeated on every page.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from importlib import resources
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, SimpleDocTemplate, Spacer, Table, TableStyle

from sps_desk import __version__
from sps_desk.reports.consolidation_model import Cell, DepartmentTable, cell_text
from sps_desk.reports.formatting import fr_count, fr_number
from sps_desk.reports.pdf.rtl import Para, has_rtl
from sps_desk.reports.statistics_file import StatisticsFile

_FONT, _BOLD = "SpsConsolidation", "SpsConsolidation-Bold"


def _register_fonts() -> None:
    if _FONT in pdfmetrics.getRegisteredFontNames():
        return
    folder = resources.files("sps_desk.resources") / "fonts"
    with resources.as_file(folder / "DejaVuSans.ttf") as regular, resources.as_file(
        folder / "DejaVuSans-Bold.ttf"
    ) as bold:
        pdfmetrics.registerFont(TTFont(_FONT, str(regular)))
        pdfmetrics.registerFont(TTFont(_BOLD, str(bold)))


def _styles() -> dict[str, ParagraphStyle]:
    return {
        "title": ParagraphStyle("title", fontName=_BOLD, fontSize=18, leading=22,
                                spaceAfter=8),
        # keepWithNext: a table's title never ends a page without its table.
        "heading": ParagraphStyle("heading", fontName=_BOLD, fontSize=13, leading=16,
                                  spaceBefore=10, spaceAfter=6, keepWithNext=1),
        "body": ParagraphStyle("body", fontName=_FONT, fontSize=9.5, leading=12),
        "note": ParagraphStyle("note", fontName=_FONT, fontSize=8, leading=10,
                               textColor=colors.HexColor("#444444")),
        "cell": ParagraphStyle("cell", fontName=_FONT, fontSize=7.5, leading=9),
        "head": ParagraphStyle("head", fontName=_BOLD, fontSize=7.5, leading=9),
    }


_PADDING = 6
"""Horizontal padding of a table cell (3 points on each side)."""


def _fitting(text: str, style: ParagraphStyle, width: float) -> object:
    """Plain text when it fits on one line of the column (cheap to lay out, for 300
    services), else a paragraph that wraps in it (« Dans les accompagnements… ») or
    shapes it (right-to-left scripts)."""
    fits = pdfmetrics.stringWidth(text, style.fontName, style.fontSize) <= width - _PADDING
    if fits and not has_rtl(text):
        return text
    return Para(escape(text), style)


_MIN_COLUMN = 16 * mm
"""Narrowest column a table keeps across the page; below it, services become rows."""


def _first_width(width: float, names: Sequence[str] = ()) -> float:
    """The first column: 40 mm, wider (up to a third of the page) for the longest service
    name to hold on one line — a wrapped name makes a long table slow to lay out."""
    longest = max((pdfmetrics.stringWidth(n, _FONT, 7.5) + _PADDING for n in names), default=0)
    return min(max(40 * mm, longest), width / 3)


def _fitted(table: DepartmentTable, names: Sequence[str], width: float) -> DepartmentTable:
    """``table`` as it reads best: a table with one column per service (problématiques,
    durations) keeps the 2022 layout while its columns stay readable, and turns services
    into rows — one line per service, the TOTAL row last — when there are too many of
    them (100 or 300 services)."""
    if table.header[1:-1] != list(names):
        return table
    if (width - _first_width(width, names)) / (len(table.header) - 1) >= _MIN_COLUMN:
        return table
    lines = table.rows
    header = ["SPS", *(str(line[0]) for line in lines)]
    rows: list[list[Cell]] = [[name, *(line[1 + index] for line in lines)]
                              for index, name in enumerate(names)]
    rows.append(["TOTAL", *(line[-1] for line in lines)])
    return DepartmentTable(table.key, table.title, header, rows, table.notes)


def _table(
    table: DepartmentTable, styles: dict[str, ParagraphStyle], width: float, names: Sequence[str]
) -> Table:
    """One table, its header repeated on every page it runs over. Names (first column,
    header) wrap; numbers are plain cells, so that 300 services lay out in a moment."""
    columns = len(table.header)
    first = _first_width(width, names)
    others = (width - first) / (columns - 1)
    widths = [first] + [others] * (columns - 1)
    data: list[list[object]] = [[_fitting(h, styles["head"], w)
                                 for h, w in zip(table.header, widths, strict=True)]]
    for row in table.rows:
        label = row[0] if isinstance(row[0], str) else ""
        data.append([_fitting(label, styles["head" if label == "TOTAL" else "cell"], first)]
                    + [_fitting(c, styles["cell"], others) if isinstance(c, str)
                       else cell_text(c, lambda v: fr_number(v, 2)) for c in row[1:]])
    result = Table(data, colWidths=widths, repeatRows=1)
    result.setStyle(TableStyle([
        ("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#999999")),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#E4ECF4")),
        ("BACKGROUND", (0, -1), (-1, -1), colors.HexColor("#F2F2F2")),
        ("FONT", (0, 0), (-1, 0), _BOLD, 7.5, 9),
        ("FONT", (0, 1), (-1, -1), _FONT, 7.5, 9),
        ("FONT", (0, -1), (-1, -1), _BOLD, 7.5, 9),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
    ]))
    return result


def _service_list(
    services: Sequence[StatisticsFile], styles: dict[str, ParagraphStyle], width: float
) -> Table:
    """The services consolidated, one per line, in the order the files were given."""
    data: list[list[object]] = [
        [Para(escape(h), styles["head"]) for h in ("N°", "SPS", "Structure gestionnaire")]
    ]
    half = (width - 12 * mm) / 2
    data += [[str(number), _fitting(s.service.name, styles["cell"], half),
              _fitting(s.service.managing_body, styles["cell"], half)]
             for number, s in enumerate(services, start=1)]
    result = Table(data, colWidths=[12 * mm, half, half], repeatRows=1)
    result.setStyle(TableStyle([
        ("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#999999")),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#E4ECF4")),
        ("FONT", (0, 0), (-1, -1), _FONT, 7.5, 9),  # the default, Helvetica, is not embedded
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
    ]))
    return result


class _NumberedCanvas(Canvas):
    """Writes « page n / N » on every page once the page count is known."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self._pages: list[dict] = []

    def showPage(self) -> None:
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        count = len(self._pages)
        for state in self._pages:
            self.__dict__.update(state)
            self.setFont(_FONT, 8)
            self.drawRightString(self._pagesize[0] - 15 * mm, 8 * mm,
                                 f"page {self._pageNumber} / {count}")
            super().showPage()
        super().save()


def consolidation_pdf_bytes(
    year: int, services: Sequence[StatisticsFile], tables: Sequence[DepartmentTable]
) -> bytes:
    """The consolidation PDF of ``year``: services consolidated, then every table."""
    _register_fonts()
    styles = _styles()
    buffer = io.BytesIO()
    page = landscape(A4)
    document = SimpleDocTemplate(
        buffer, pagesize=page, leftMargin=15 * mm, rightMargin=15 * mm, topMargin=15 * mm,
        bottomMargin=15 * mm, title=f"Consolidation départementale {year}",
        author="sps_desk", creator=f"sps_desk {__version__}",
        initialFontName=_FONT)  # else each page names Helvetica, which is not embedded
    width = page[0] - 30 * mm
    story: list[Flowable] = [
        Para(escape(f"Prévention spécialisée — consolidation départementale {year}"),
                  styles["title"]),
        Para(escape(
            f"{fr_count(len(services), 'service consolidé', 'services consolidés')}, "
            f"{'listés' if len(services) > 1 else 'listé'} ci-dessous. Chiffres issus des "
            "fichiers statistiques des services ; les petites valeurs y sont masquées "
            "(« secret ») et aucun total ne permet de les retrouver."),
            styles["body"]),
        Spacer(1, 2 * mm),
        _service_list(services, styles, width),
    ]
    names = [s.service.name for s in services]
    for table in tables:
        story += [Para(escape(table.title), styles["heading"]),
                  _table(_fitted(table, names, width), styles, width, names),
                  Spacer(1, 2 * mm)]
        story += [Para(escape(note), styles["note"]) for note in table.notes]
    document.build(story, canvasmaker=_NumberedCanvas)
    return buffer.getvalue()
