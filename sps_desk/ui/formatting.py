"""Conversions between Qt and Python dates/times, and display formats for numbers."""

from __future__ import annotations

import unicodedata
from datetime import date, time

from PySide6.QtCore import QDate, QLocale, QTime

from sps_desk.reports.formatting import fr_duration

DATE_FORMAT = "dd/MM/yyyy"
"""Display format of every date edit (French order, also used in English)."""
TIME_FORMAT = "HH:mm"
"""Display format of every time edit."""


def to_qdate(value: date) -> QDate:
    """A ``QDate`` for a Python date."""
    return QDate(value.year, value.month, value.day)


def from_qdate(value: QDate) -> date:
    """The Python date of a ``QDate``."""
    return date(value.year(), value.month(), value.day())


def to_qtime(value: time) -> QTime:
    """A ``QTime`` for a Python time (minutes precision)."""
    return QTime(value.hour, value.minute)


def from_qtime(value: QTime) -> time:
    """The Python time of a ``QTime``, seconds dropped."""
    return time(value.hour(), value.minute())


def format_date(value: date) -> str:
    """``15/03/2025``."""
    return f"{value.day:02d}/{value.month:02d}/{value.year:04d}"


def format_number(value: float, decimals: int = 2) -> str:
    """A decimal number with the current locale's decimal point, no trailing zeros."""
    text = f"{value:.{decimals}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text.replace(".", QLocale().decimalPoint())


def format_hours_minutes(hours: float) -> str:
    """Decimal hours of one event as ``3 h 30``, ``3 h``, ``45 min`` (rounded to the
    minute): the one style of the window, the reports and the rights export
    (:func:`sps_desk.reports.formatting.fr_duration`; « 2 h 00 » here and « 1,5 h »
    there before: issue 15)."""
    return fr_duration(hours)


def shortened(text: str, limit: int) -> str:
    """``text`` cut to at most ``limit`` visible characters, with « … », at a word
    boundary when one falls in the second half (a long nickname in a label widened the
    whole page).

    Right-to-left text cut keeps its « … » at its own end: a right-to-left mark after
    it makes it part of the right-to-left run, where it shows on the left; otherwise
    it stood at the far right, beside the name's beginning, as if that had been cut.
    """
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    if space >= limit // 2:
        cut = cut[:space]
    cut = cut.rstrip(" —-,")
    ellipsis = "…"
    for character in reversed(cut):
        direction = unicodedata.bidirectional(character)
        if direction in ("R", "AL"):
            ellipsis = "…\u200f"
            break
        if direction == "L":
            break
    return cut + ellipsis
