"""Bar charts of the annual report, as reportlab ``Drawing`` flowables.

Every chart takes the names of already registered fonts and uses them for every string
it draws (axis labels, bar values, legend): the built-in Helvetica is never used, so that
labels with any letter render (right-to-left labels are shaped and reordered by
:func:`sps_desk.reports.pdf.rtl.visual`). Values are printed with
:func:`sps_desk.reports.formatting.fr_number`. Sizes are in PDF points (1/72 inch).

A value may be ``None``: a count hidden by statistical secrecy. Its bar is not drawn
(a bar of any height would give the value away, and a bar of zero would state a false
zero); « s » is printed where the bar would stand, and the axis is scaled on the values
drawn only.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.charts.textlabels import NA_Label
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors

from sps_desk.reports.figures import SECRET
from sps_desk.reports.formatting import fr_number
from sps_desk.reports.pdf.draft import ChartDrawing
from sps_desk.reports.pdf.rtl import visual

PALETTE: tuple[colors.Color, ...] = (
    colors.HexColor("#1f5f8b"),
    colors.HexColor("#e07b39"),
    colors.HexColor("#5b9a5b"),
    colors.HexColor("#8c8c8c"),
    colors.HexColor("#b0413e"),
    colors.HexColor("#7a5195"),
)
"""Series colours, readable in greyscale print (distinct lightness)."""

_FONT_SIZE = 7.5
_TITLE_SIZE = 9.0


@dataclass(frozen=True)
class ChartFonts:
    """Registered font names used by the charts (regular and bold)."""

    regular: str
    bold: str


def _nice_max(value: float) -> float:
    """A round upper bound for a value axis, about 15 % above ``value`` and at least 5.

    The axis is divided in five steps: a bound of at least 5 keeps the steps of small
    counts whole.
    """
    target = value * 1.15
    if target <= 5:
        return 5.0
    magnitude = 10 ** (len(str(int(target))) - 1)
    for step in (1, 2, 2.5, 5, 10):
        bound = step * magnitude
        if bound >= target:
            return float(bound)
    return float(10 * magnitude)


def _drawing(width: float, height: float, fonts: ChartFonts) -> Drawing:
    """An empty drawing whose initial graphics state uses our font, not Helvetica."""
    drawing = ChartDrawing(width, height)
    drawing.initialFontName = fonts.regular
    drawing.initialFontSize = _FONT_SIZE
    return drawing


def _value_format(value: float) -> str:
    return fr_number(value, 2)


def _title(drawing: Drawing, title: str, fonts: ChartFonts) -> None:
    drawing.add(
        String(
            0,
            drawing.height - _TITLE_SIZE - 1,
            visual(title),
            fontName=fonts.bold,
            fontSize=_TITLE_SIZE,
        )
    )


def _top(values: Sequence[float | None]) -> float:
    """The largest value drawn (hidden values are not), 0 when none is."""
    return max((value for value in values if value is not None), default=0.0)


def _hidden_label(fonts: ChartFonts) -> NA_Label:
    """« s » printed where a hidden value's bar would stand."""
    label = NA_Label()
    label.text = SECRET
    label.fontName = fonts.bold
    label.fontSize = _FONT_SIZE
    return label


def horizontal_bars(
    title: str,
    labels: Sequence[str],
    values: Sequence[float | None],
    fonts: ChartFonts,
    width: float = 460.0,
) -> Drawing:
    """One horizontal bar per category, its value printed at the end of the bar.

    ``labels`` and ``values`` are parallel (same length, at least one item), first
    category drawn at the top; a ``None`` value (hidden) has no bar and shows « s ».
    Labels wrap on a 150 pt column at the left.

    Raises:
        ValueError: the sequences differ in length or are empty.
    """
    if len(labels) != len(values) or not labels:
        raise ValueError("labels and values must be non-empty and of the same length")
    row = 22.0
    label_width = 150.0
    chart_height = row * len(labels)
    drawing = _drawing(width, chart_height + 40, fonts)
    chart = HorizontalBarChart()
    chart.x = label_width + 8
    chart.y = 18
    chart.width = width - chart.x - 50
    chart.height = chart_height
    # HorizontalBarChart draws the first category at the bottom: reverse for reading order.
    chart.data = [list(reversed(values))]
    chart.categoryAxis.categoryNames = [visual(label) for label in reversed(labels)]
    _style_category_axis(chart, fonts)
    chart.categoryAxis.labels.boxAnchor = "e"
    chart.categoryAxis.labels.dx = -4
    chart.categoryAxis.labels.maxWidth = label_width
    chart.categoryAxis.labels.textAnchor = "end"
    _style_value_axis(chart, fonts, _top(values))
    chart.naLabel = _hidden_label(fonts)
    chart.naLabel.boxAnchor = "w"
    chart.naLabel.dx = 3
    chart.bars[0].fillColor = PALETTE[0]
    chart.bars.strokeColor = None
    chart.barLabelFormat = _value_format
    chart.barLabels.fontName = fonts.regular
    chart.barLabels.fontSize = _FONT_SIZE
    chart.barLabels.boxAnchor = "w"
    chart.barLabels.dx = 3
    drawing.add(chart)
    _title(drawing, title, fonts)
    return drawing


def grouped_bars(
    title: str,
    categories: Sequence[str],
    series: Sequence[tuple[str, Sequence[float | None]]],
    fonts: ChartFonts,
    width: float = 460.0,
    height: float = 200.0,
) -> Drawing:
    """Vertical bars grouped by category, one colour per series, with a legend.

    ``series`` is a list of ``(name, values)``; each ``values`` has one number per
    category, ``None`` for a hidden one (no bar, « s » instead). At most
    ``len(PALETTE)`` series.

    Raises:
        ValueError: no category, no series, too many series or a series of the wrong length.
    """
    if not categories or not series or len(series) > len(PALETTE):
        raise ValueError("between 1 and 6 series and at least one category are required")
    if any(len(values) != len(categories) for _, values in series):
        raise ValueError("every series needs one value per category")
    drawing = _drawing(width, height, fonts)
    chart = VerticalBarChart()
    chart.x = 36
    chart.y = 52
    chart.width = width - chart.x - 10
    chart.height = height - chart.y - 26
    chart.data = [list(values) for _, values in series]
    chart.categoryAxis.categoryNames = [visual(name) for name in categories]
    _style_category_axis(chart, fonts)
    chart.categoryAxis.labels.boxAnchor = "n"
    chart.categoryAxis.labels.dy = -3
    chart.categoryAxis.labels.maxWidth = chart.width / len(categories) - 4
    _style_value_axis(chart, fonts, max(_top(values) for _, values in series))
    chart.naLabel = _hidden_label(fonts)
    chart.naLabel.boxAnchor = "s"
    chart.naLabel.dy = 2
    chart.bars.strokeColor = None
    for index in range(len(series)):
        chart.bars[index].fillColor = PALETTE[index]
    chart.groupSpacing = 8
    drawing.add(chart)
    drawing.add(_legend([name for name, _ in series], fonts, x=chart.x, y=10))
    _title(drawing, title, fonts)
    return drawing


def _style_category_axis(chart: HorizontalBarChart | VerticalBarChart, fonts: ChartFonts) -> None:
    chart.categoryAxis.labels.fontName = fonts.regular
    chart.categoryAxis.labels.fontSize = _FONT_SIZE
    chart.categoryAxis.visibleTicks = False
    chart.categoryAxis.strokeColor = colors.grey


def _style_value_axis(
    chart: HorizontalBarChart | VerticalBarChart, fonts: ChartFonts, top: float
) -> None:
    axis = chart.valueAxis
    axis.valueMin = 0
    axis.valueMax = _nice_max(top)
    axis.valueStep = axis.valueMax / 5
    axis.labels.fontName = fonts.regular
    axis.labels.fontSize = _FONT_SIZE
    axis.labelTextFormat = _value_format
    axis.strokeColor = colors.grey
    axis.gridStrokeColor = colors.lightgrey
    axis.visibleGrid = True


def _legend(names: Sequence[str], fonts: ChartFonts, x: float, y: float) -> Legend:
    legend = Legend()
    legend.x = x
    legend.y = y
    legend.alignment = "right"
    legend.boxAnchor = "sw"
    legend.columnMaximum = 1
    legend.deltax = 95
    legend.dx = 8
    legend.dy = 8
    legend.fontName = fonts.regular
    legend.fontSize = _FONT_SIZE
    legend.strokeColor = None
    legend.colorNamePairs = list(zip(PALETTE, map(visual, names), strict=False))
    return legend
