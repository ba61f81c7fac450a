"""Conversions between Qt and Python dates/times, and display formats for numbers."""

from __future__ import annotations

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
