"""Page geometry, colours and paragraph styles shared by the report's PDF versions."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm

from sps_desk.reports.pdf.fonts import FONT, FONT_BOLD

PAGE_SIZE = A4
MARGIN = 2 * cm
FRAME_WIDTH = PAGE_SIZE[0] - 2 * MARGIN
"""Usable width of a page, in points."""
FRAME_HEIGHT = PAGE_SIZE[1] - 2 * MARGIN
"""Usable height of a page, in points (what a block must fit in to stay on one page)."""

HEADER_BG = colors.HexColor("#dce6f0")
TOTAL_BG = colors.HexColor("#f0f0f0")
GRID = colors.HexColor("#9aa5b1")
NOTE = colors.HexColor("#444444")
MARK = colors.HexColor("#a4262c")
"""Colour of the « Document interne » mark (dark red, readable in greyscale)."""

LEAD_STYLES = frozenset({"section", "caption"})
"""Styles of titles: a title is never left alone at the foot of a page."""


def paragraph_style(name: str, size: float, bold: bool = False, **extra: Any) -> ParagraphStyle:
    """A DejaVu paragraph style of ``size`` points, leading 1.3 × size."""
    font = FONT_BOLD if bold else FONT
    return ParagraphStyle(
        name, fontName=font, bulletFontName=font, fontSize=size, leading=size * 1.3, **extra
    )


@dataclass(frozen=True)
class Styles:
    """The report's paragraph styles (``section`` titles feed the table of contents)."""

    body: ParagraphStyle
    body_line: ParagraphStyle
    note: ParagraphStyle
    section: ParagraphStyle
    caption: ParagraphStyle
    cell: ParagraphStyle
    cell_detail: ParagraphStyle
    cell_right: ParagraphStyle
    header: ParagraphStyle
    header_right: ParagraphStyle
    total: ParagraphStyle
    cover_title: ParagraphStyle
    cover_service: ParagraphStyle
    cover_line: ParagraphStyle
    cover_version: ParagraphStyle
    cover_note: ParagraphStyle
    toc: ParagraphStyle

    @classmethod
    def create(cls) -> Styles:
        """The styles of the annual report."""
        return cls(
            body=paragraph_style("body", 9.5, spaceAfter=4),
            # A line of a paragraph typed with line breaks: no space before the next.
            body_line=paragraph_style("body", 9.5),
            note=paragraph_style("note", 8, textColor=NOTE, spaceBefore=2, spaceAfter=6),
            section=paragraph_style(
                "section", 15, bold=True, spaceBefore=16, spaceAfter=8, keepWithNext=1,
                textColor=colors.HexColor("#1f3f5f"),
            ),
            caption=paragraph_style("caption", 10, bold=True, spaceBefore=8, spaceAfter=4,
                                    keepWithNext=1),
            cell=paragraph_style("cell", 8.5),
            cell_detail=paragraph_style("cell_detail", 8.5, leftIndent=12),
            cell_right=paragraph_style("cell_right", 8, alignment=TA_RIGHT, textColor=NOTE),
            header=paragraph_style("header", 8.5, bold=True),
            header_right=paragraph_style("header_right", 8.5, bold=True, alignment=TA_RIGHT),
            total=paragraph_style("total", 8.5, bold=True),
            cover_title=paragraph_style("cover_title", 26, bold=True, alignment=TA_CENTER,
                                        spaceAfter=24),
            cover_service=paragraph_style("cover_service", 20, bold=True,
                                          alignment=TA_CENTER, spaceAfter=18),
            cover_line=paragraph_style("cover_line", 12, alignment=TA_CENTER, spaceAfter=8),
            cover_version=paragraph_style("cover_version", 11, bold=True,
                                          alignment=TA_CENTER, spaceBefore=28, spaceAfter=6),
            cover_note=paragraph_style("cover_note", 8, alignment=TA_CENTER, textColor=NOTE,
                                       spaceBefore=18),
            toc=paragraph_style("toc", 10.5, leftIndent=18, firstLineIndent=-18,
                                spaceBefore=3),
        )
