"""The departmental consolidation as a PDF (reportlab): A4 landscape, one table a section.

Uses the DejaVu fonts shipped in ``resources/fonts`` so that every service or commune
name prints, right-to-left ones shaped and in reading order (:class:`Para`); numbers are
French (« 12 968 »); pages are numbered.
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
from sps_desk.reports.consolidation_model import DepartmentTable, cell_text
from sps_desk.reports.formatting import fr_number
from sps_desk.reports.pdf.rtl import Para
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
        "heading": ParagraphStyle("heading", fontName=_BOLD, fontSize=13, leading=16,
                                  spaceBefore=10, spaceAfter=6),
        "body": ParagraphStyle("body", fontName=_FONT, fontSize=9.5, leading=12),
        "note": ParagraphStyle("note", fontName=_FONT, fontSize=8, leading=10,
                               textColor=colors.HexColor("#444444")),
        "cell": ParagraphStyle("cell", fontName=_FONT, fontSize=7.5, leading=9),
        "head": ParagraphStyle("head", fontName=_BOLD, fontSize=7.5, leading=9),
    }


def _table(table: DepartmentTable, styles: dict[str, ParagraphStyle], width: float) -> Table:
    columns = len(table.header)
    first = min(40 * mm, width * 0.28)
    others = (width - first) / (columns - 1)
    data = [[Para(escape(h), styles["head"]) for h in table.header]]
    for row in table.rows:
        data.append([Para(escape(row[0] if isinstance(row[0], str) else ""),
                               styles["head" if row[0] == "TOTAL" else "cell"])]
                    + [Para(escape(cell_text(c, lambda v: fr_number(v, 2))),
                                 styles["cell"]) for c in row[1:]])
    result = Table(data, colWidths=[first] + [others] * (columns - 1), repeatRows=1)
    result.setStyle(TableStyle([
        ("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#999999")),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#E4ECF4")),
        ("BACKGROUND", (0, -1), (-1, -1), colors.HexColor("#F2F2F2")),
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
        author="sps_desk", creator=f"sps_desk {__version__}")
    width = page[0] - 30 * mm
    story: list[Flowable] = [
        Para(escape(f"Prévention spécialisée — consolidation départementale {year}"),
                  styles["title"]),
        Para(escape(
            f"{len(services)} services : " + ", ".join(s.service.name for s in services)
            + ". Chiffres issus des fichiers statistiques des services ; les petites valeurs "
            "y sont masquées (« secret ») et aucun total ne permet de les retrouver."),
            styles["body"]),
    ]
    for table in tables:
        story += [Para(escape(table.title), styles["heading"]),
                  _table(table, styles, width), Spacer(1, 2 * mm)]
        story += [Para(escape(note), styles["note"]) for note in table.notes]
    document.build(story, canvasmaker=_NumberedCanvas)
    return buffer.getvalue()
