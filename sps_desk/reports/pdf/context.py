"""What every section of the report is laid out from, and how its values are printed.

Values are printed as read from :class:`~sps_desk.reports.figures.ReportFigures`: a
hidden count (``None``) is « s »; a value that does not exist (a line absent in N-1, a
percentage without denominator) is « – ». Nothing is recomputed from counts of people.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable

from sps_desk.reports.figures import SECRET, ReportFigures, Variant, percent_hidden
from sps_desk.reports.formatting import fr_number, fr_percent
from sps_desk.reports.pdf.charts import ChartFonts
from sps_desk.reports.pdf.fonts import FONT, FONT_BOLD
from sps_desk.reports.pdf.markup import escape
from sps_desk.reports.pdf.rtl import Para
from sps_desk.reports.pdf.styles import Styles

Cell = str | Flowable
"""A table cell: a plain string (never wraps, e.g. a number) or a paragraph."""

NO_VALUE = "–"
"""Printed where there is no value (a line absent that year, no denominator)."""


@dataclass(frozen=True)
class ReportContext:
    """One report version being laid out.

    ``figures`` is year N, ``previous`` year N-1 (``None``: no comparison column);
    both are published values in the diffusion version, raw ones in the internal one.
    ``masked_reasons`` (internal version only) maps a cell hidden in the diffusion
    version to the French reason, for the internal annex.
    """

    figures: ReportFigures
    previous: ReportFigures | None
    styles: Styles
    variant: Variant
    masked_reasons: Mapping[str, str] | None = field(default=None)

    @property
    def year(self) -> int:
        """The civil year of the report."""
        return self.figures.year

    @property
    def fonts(self) -> ChartFonts:
        """The fonts of the charts."""
        return ChartFonts(regular=FONT, bold=FONT_BOLD)

    def text(self, value: str, style: ParagraphStyle | None = None) -> Para:
        """A paragraph of literal text (``&``, ``<``, ``>`` are escaped)."""
        return Para(escape(value), style or self.styles.body)

    def note(self, value: str) -> Para:
        """A small grey note under a table or chart."""
        return self.text(value, self.styles.note)

    def cell(self, value: str) -> Para:
        """A wrapping text cell."""
        return self.text(value, self.styles.cell)

    def label(self, value: str) -> Para:
        """A row label; a detail row (« dont … ») is indented under its total."""
        style = self.styles.cell_detail if value.startswith("dont ") else self.styles.cell
        return self.text(value, style)

    def total_label(self, value: str = "Total") -> Para:
        """The bold label of a total row."""
        return self.text(value, self.styles.total)

    def year_headers(self, name: str) -> list[str]:
        """Headers of the value columns: « name » alone, or « name N » and « name N-1 »."""
        if self.previous is None:
            return [name]
        return [f"{name} {self.year}", f"{name} {self.previous.year}"]

    def with_previous(self, current: Cell, previous: Cell | None) -> list[Cell]:
        """The value cells of a row: the year's, then N-1's when there is a previous year
        (``None``: no value that year, printed « – »)."""
        if self.previous is None:
            return [current]
        return [current, NO_VALUE if previous is None else previous]


def count(value: int | None) -> str:
    """A count of people or records as printed: « s » when hidden."""
    return SECRET if value is None else fr_number(value)


def number(value: float | None) -> str:
    """A number that is never hidden (hours, FTE, sessions…); « – » when absent."""
    return NO_VALUE if value is None else fr_number(value)


def share(percent: float | None, *sources: int | None) -> str:
    """A percentage: « s » when computed from a hidden count among ``sources``, « – »
    without denominator."""
    return SECRET if percent_hidden(percent, *sources) else fr_percent(percent)


def count_and_share(value: int | None, percent: float | None, base: int | None) -> str:
    """« 54 (40,3 %) »: a count and its share of ``base``; « s » when the count is hidden,
    « 54 (s) » when only the share is."""
    if value is None:
        return SECRET
    return f"{fr_number(value)} ({share(percent, value, base)})"


def has_secret(text: str) -> bool:
    """Whether a printed cell shows a hidden value (« s » or « (s) »)."""
    return text == SECRET or f"({SECRET})" in text
