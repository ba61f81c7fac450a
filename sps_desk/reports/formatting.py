"""French formatting of numbers and dates for reports (Babel, locale fr_FR).

Thousands are grouped with a plain space (« 12 968 ») rather than Babel's narrow
no-break space, so that text extracted from the PDF (pdftotext, copy-paste into a
spreadsheet) reads the same as it looks; table cells never wrap inside a number.
"""

from __future__ import annotations

import functools
import math
from datetime import date

from babel import Locale
from babel.dates import format_date
from babel.numbers import NumberPattern, format_decimal, parse_pattern

_LOCALE = Locale.parse("fr_FR")
_SPACES = str.maketrans({"\u202f": " ", "\u00a0": " "})


class Year(int):
    """A calendar year among numbers (a table cell, a report value): written « 2025 »,
    never grouped like a count (« 2 025 »), by :func:`fr_number` and in workbooks
    (:func:`sps_desk.reports.workbooks.put`)."""


def fr_number(value: float, decimals: int = 2) -> str:
    """A number as a French reader writes it: 12 968 ; 3,83 ; 0,5 (no trailing zeros);
    a :class:`Year` as « 2025 ».

    ``decimals`` is the most decimals shown (rounded half-even by Babel).
    """
    if isinstance(value, Year):
        return str(int(value))
    if 0 <= value <= _WHOLE_MAX and value == int(value) and math.copysign(1, value) > 0:
        # A whole number as Babel writes it, without its decimal machinery (a
        # consolidation of 300 services writes ten thousand numbers).
        return f"{int(value):,}".replace(",", " ")
    return format_decimal(value, format=_pattern(decimals), locale=_LOCALE).translate(_SPACES)


_WHOLE_MAX = 2**53
"""Largest whole number :func:`fr_number` writes itself (a float up to 2⁵³ holds its
integer exactly); a negative number, −0 included, keeps Babel's sign."""


@functools.cache
def _pattern(decimals: int) -> NumberPattern:
    """Babel's pattern of :func:`fr_number`, parsed once (a consolidation of 300 services
    writes ten thousand numbers; Babel would parse it again for each)."""
    return parse_pattern("#,##0" + ("." + "#" * decimals if decimals else ""))


def fr_percent(value: float | None) -> str:
    """A percentage with one decimal, « 42,9 % »; ``None`` (no denominator) gives « – »."""
    if value is None:
        return "–"
    return format_decimal(value, format="#,##0.0", locale=_LOCALE).translate(_SPACES) + " %"


def fr_date(value: date) -> str:
    """A date in words, « 15 mars 2025 »."""
    return format_date(value, format="long", locale=_LOCALE)


def fr_day(value: date) -> str:
    """A date in figures, « 15/03/2025 » (jj/mm/aaaa)."""
    return value.strftime("%d/%m/%Y")


def fr_duration(hours: float) -> str:
    """A duration of one event (an interview, an outing) in decimal hours, as French
    writes it: « 1 h 30 », « 2 h », « 45 min » (rounded to the minute).

    Totals of many events (the report's hours by category) stay decimal hours written
    with :func:`fr_number` (« 12 968 », « 1,5 »), as in the Département's table.
    """
    minutes = round(hours * 60)
    whole, rest = divmod(minutes, 60)
    if not whole:
        return f"{rest} min"
    return f"{whole} h" if not rest else f"{whole} h {rest:02d}"


def fr_count(count: int, singular: str, plural: str | None = None) -> str:
    """« 0 rencontre », « 1 rencontre », « 2 rencontres », « 12 968 rencontres »: French
    puts the singular for 0 and 1. ``plural`` defaults to ``singular`` + « s » (give it
    for « 1 travail » / « 2 travaux »)."""
    word = singular if abs(count) < 2 else (plural or singular + "s")
    return f"{fr_number(count)} {word}"
