"""Draft passes: a layout pass whose pages are thrown away draws nothing.

The report's table of contents needs the page of every section, so reportlab lays the
story out at least twice (``multiBuild``) and keeps only the last pass's canvas. A
canvas whose ``draft`` attribute is true belongs to such a pass: the flowables below
take their place on it (their size and splits are computed as always, so the pages come
out the same) but skip drawing, which was two thirds of the first pass (tables, their
paragraphs and the charts). Every other canvas draws them as reportlab does.
"""

from __future__ import annotations

from typing import Any

from reportlab.graphics.shapes import Drawing
from reportlab.platypus import Table


def is_draft(canvas: Any) -> bool:
    """Whether ``canvas`` belongs to a layout pass that is thrown away."""
    return bool(getattr(canvas, "draft", False))


class DraftSkipped:
    """A flowable that draws nothing on a draft canvas (mix in before the flowable)."""

    def drawOn(self, canvas: Any, x: float, y: float, _sW: float = 0) -> None:
        if not is_draft(canvas):
            super().drawOn(canvas, x, y, _sW)  # type: ignore[misc]


class ReportTable(DraftSkipped, Table):
    """A reportlab ``Table`` that skips drawing on a draft pass (the parts of a split
    table are of the same class)."""


class ChartDrawing(DraftSkipped, Drawing):
    """A reportlab ``Drawing`` (a chart) that skips drawing on a draft pass."""
