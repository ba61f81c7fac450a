"""The working calendar of a demo year: public holidays, school holidays, days."""

from __future__ import annotations

from datetime import date, timedelta

from dateutil.easter import easter


def days(first: date, last: date) -> list[date]:
    """Every local date from ``first`` to ``last`` inclusive."""
    return [first + timedelta(days=n) for n in range((last - first).days + 1)]


def public_holidays(year: int) -> set[date]:
    """French public holidays (jours fériés) of ``year``."""
    sunday = easter(year)
    fixed = [(1, 1), (5, 1), (5, 8), (7, 14), (8, 15), (11, 1), (11, 11), (12, 25)]
    movable = [sunday + timedelta(days=n) for n in (1, 39, 50)]
    return {date(year, m, d) for m, d in fixed} | set(movable)


def school_holidays(year: int) -> set[date]:
    """Approximate school holidays (académie de Lille, zone B): fixed windows, good enough
    to move school-gate work out of the holidays and outings into them."""
    windows = [
        ((1, 1), (1, 3)), ((2, 12), (2, 27)), ((4, 15), (5, 1)),
        ((7, 7), (8, 31)), ((10, 22), (11, 6)), ((12, 17), (12, 31)),
    ]
    found: set[date] = set()
    for (m1, d1), (m2, d2) in windows:
        found.update(days(date(year, m1, d1), date(year, m2, d2)))
    return found
