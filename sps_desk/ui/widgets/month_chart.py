"""A month-by-month bar chart of this year against last year (QtCharts).

Colours come from the widget's palette — bars of this year in the highlight colour,
last year's in a blend of it with the base colour, text and grid in the text colours —
so the chart reads in the light and the dark palettes alike, and the two years differ
in lightness, not only in hue.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from PySide6.QtCharts import QBarCategoryAxis, QBarSeries, QBarSet, QChart, QChartView, QValueAxis
from PySide6.QtCore import QEvent, QLocale, QMargins, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPalette, QPen
from PySide6.QtWidgets import QWidget

TICKS = 4
"""Intervals on the vertical axis at most (the top is rounded up to a whole step)."""


def nice_step(rough: float) -> float:
    """The smallest of 1, 2 or 5 × 10ⁿ at least ``rough``, and at least 1 (the axis counts
    whole outings, contacts or hours)."""
    if rough <= 1:
        return 1.0
    power = 10 ** math.floor(math.log10(rough))
    return next(m * power for m in (1, 2, 5, 10) if m * power >= rough)


def blend(first: QColor, second: QColor, share: float) -> QColor:
    """``share`` of ``first`` mixed with the rest of ``second``."""
    return QColor.fromRgbF(
        first.redF() * share + second.redF() * (1 - share),
        first.greenF() * share + second.greenF() * (1 - share),
        first.blueF() * share + second.blueF() * (1 - share),
    )


class MonthChart(QChartView):
    """Twelve months; one bar per year in each. :meth:`set_values` replaces the data."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        chart = QChart()
        chart.setMargins(QMargins(4, 4, 4, 4))
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
        chart.setBackgroundRoundness(0)
        # One series, two sets and two axes for the chart's life: a redraw changes
        # their values and colours (axes removed and added again leave their drawing).
        self.before, self.now = QBarSet(""), QBarSet("")
        self.series = QBarSeries()
        self.series.append(self.before)
        self.series.append(self.now)
        chart.addSeries(self.series)
        locale = QLocale()
        self.x_axis = QBarCategoryAxis()
        self.x_axis.append([locale.standaloneMonthName(m, QLocale.FormatType.ShortFormat)
                            for m in range(1, 13)])
        self.y_axis = QValueAxis()
        self.y_axis.setLabelFormat("%.0f")
        # Ticks at whole multiples of a round step from 0: labels never repeat (an empty
        # year showed « 0 0 0 1 1 1 » with five ticks over 0–1).
        self.y_axis.setTickType(QValueAxis.TickType.TicksDynamic)
        self.y_axis.setTickAnchor(0)
        chart.addAxis(self.x_axis, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(self.y_axis, Qt.AlignmentFlag.AlignLeft)
        self.series.attachAxis(self.x_axis)
        self.series.attachAxis(self.y_axis)
        self.setChart(chart)
        self.setMinimumHeight(180)
        self._data: tuple[str, Sequence[float | None], str, Sequence[float]] | None = None
        self.setAccessibleName(self.tr("Month by month"))

    def set_values(self, current_label: str, current: Sequence[float | None],
                   previous_label: str, previous: Sequence[float]) -> None:
        """Twelve values of this year (``None`` for months not reached yet) and twelve of
        last year, with the legend of each."""
        self._data = (current_label, current, previous_label, previous)
        self._draw()

    def values(self) -> tuple[list[float], list[float]]:
        """The bars drawn: this year's (0 for months not reached) and last year's."""
        if self._data is None:
            return [], []
        _, current, _, previous = self._data
        return [value or 0.0 for value in current], list(previous)

    def changeEvent(self, event: QEvent) -> None:
        """Redraw in the new colours when the palette changes (light ↔ dark)."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and self._data is not None:
            self._draw()

    def _draw(self) -> None:
        assert self._data is not None
        current_label, current, previous_label, previous = self._data
        palette = self.palette()
        text = palette.color(QPalette.ColorRole.WindowText)
        base = palette.color(QPalette.ColorRole.Base)
        highlight = palette.color(QPalette.ColorRole.Highlight)
        for bars, label, values in ((self.before, previous_label, previous),
                                    (self.now, current_label, current)):
            bars.remove(0, bars.count())
            bars.append([float(value or 0.0) for value in values])
            bars.setLabel(label)
            bars.setBorderColor(highlight)
        self.before.setColor(blend(highlight, base, 0.45))
        self.now.setColor(highlight)
        top = max([*(v or 0.0 for v in current), *previous, 0.0])
        step = nice_step(top / TICKS)
        self.y_axis.setTickInterval(step)
        self.y_axis.setRange(0, step * max(1, math.ceil(top / step)))
        for axis in (self.x_axis, self.y_axis):
            axis.setLabelsBrush(QBrush(text))
            axis.setLinePen(QPen(palette.color(QPalette.ColorRole.Mid)))
            axis.setGridLinePen(QPen(blend(text, base, 0.2)))
        chart = self.chart()
        chart.setBackgroundBrush(QBrush(base))
        chart.legend().setLabelBrush(QBrush(text))
        self.setBackgroundBrush(QBrush(palette.color(QPalette.ColorRole.Window)))
