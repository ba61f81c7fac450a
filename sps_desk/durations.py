"""Elapsed time of field sessions, hours as typed by a French user, and support durations.

Hours are decimal hours (1.5 = 1 h 30). Session times are local wall-clock times in
Europe/Paris: a session may cross midnight, and across the daylight-saving changes its
length is the real elapsed time, not the difference of the clock readings.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from dateutil.relativedelta import relativedelta

from sps_desk.errors import ValidationFailed

PARIS = ZoneInfo("Europe/Paris")
QUARTER = 0.25
MAX_HOURS_PER_ENTRY = 24.0


def session_interval(day: date, start: time, end: time) -> tuple[datetime, datetime]:
    """Aware start and end datetimes of a session starting on local date ``day``.

    An ``end`` at or before ``start`` means the session ended the next day (21:30 → 00:30).
    Returns UTC datetimes, so that subtracting them gives the real elapsed time.
    """
    end_day = day if end > start else day + timedelta(days=1)
    local_start = datetime.combine(day, start, tzinfo=PARIS)
    local_end = datetime.combine(end_day, end, tzinfo=PARIS)
    return local_start.astimezone(UTC), local_end.astimezone(UTC)


def elapsed_hours(day: date, start: time, end: time) -> float:
    """Real elapsed decimal hours of a session (21:30 → 00:30 is 3.0).

    A night session across the autumn change (clocks back at 03:00) lasts one hour more
    than its clock readings; across the spring change, one hour less.
    """
    utc_start, utc_end = session_interval(day, start, end)
    return (utc_end - utc_start).total_seconds() / 3600


def round_to_quarter(hours: float) -> float:
    """Decimal hours rounded to the nearest quarter hour (half-quarters round up)."""
    return int(hours / QUARTER + 0.5 + 1e-9) * QUARTER


def is_quarter_step(hours: float) -> bool:
    """Whether ``hours`` is a whole number of quarter hours."""
    return abs(hours / QUARTER - round(hours / QUARTER)) < 1e-9


_HOURS_RE = re.compile(r"^\s*(\d{1,2})(?:[.,](\d{1,2}))?\s*(?:h)?\s*$", re.IGNORECASE)
_HHMM_RE = re.compile(r"^\s*(\d{1,2})\s*h\s*(\d{2})\s*$", re.IGNORECASE)


def parse_hours(text: str) -> float:
    """Decimal hours from what a French user types: ``1,5``, ``1.5``, ``2``, ``1h30``.

    Raises:
        ValidationFailed: the text is not a number of hours, is not a whole number of
            quarter hours, or is above 24 (French message).
    """
    hhmm = _HHMM_RE.match(text)
    if hhmm:
        if int(hhmm.group(2)) >= 60:
            raise ValidationFailed(
                f"« {text.strip()} » : les minutes vont de 00 à 59 (par exemple 2h45)."
            )
        value = int(hhmm.group(1)) + int(hhmm.group(2)) / 60
    else:
        match = _HOURS_RE.match(text)
        if not text.strip():
            raise ValidationFailed("Saisissez une durée en heures, par exemple 1,5 ou 1h30.")
        if not match:
            raise ValidationFailed(
                f"« {text.strip()} » n'est pas une durée : saisissez des heures, "
                "par exemple 1,5 ou 1h30."
            )
        decimals = match.group(2) or "0"
        value = int(match.group(1)) + int(decimals) / 10 ** len(decimals)
    check_hours(value)
    return value


def check_hours(hours: float) -> float:
    """Validate decimal hours of one time entry: > 0, ≤ 24, quarter-hour steps.

    Raises:
        ValidationFailed: with the French reason.
    """
    if hours <= 0:
        raise ValidationFailed("La durée doit être supérieure à zéro.")
    if hours > MAX_HOURS_PER_ENTRY:
        raise ValidationFailed("Une saisie ne peut pas dépasser 24 heures.")
    if not is_quarter_step(hours):
        raise ValidationFailed(
            "Les heures se saisissent par quarts d'heure (0,25 ; 0,5 ; 0,75…)."
        )
    return hours


DURATION_BRACKETS: tuple[str, ...] = ("lt3m", "3-6m", "6-12m", "1-2y", "gt2y")
"""Keys of the support-duration brackets, shortest first (DESIGN.md §4)."""

DURATION_LABELS: dict[str, str] = {
    "lt3m": "Moins de 3 mois",
    "3-6m": "De 3 à 6 mois",
    "6-12m": "De 6 à 12 mois",
    "1-2y": "De 1 à 2 ans",
    "gt2y": "Plus de 2 ans",
}


def duration_bracket(start: date, end: date) -> str:
    """Duration bracket of a support from ``start`` to ``end`` (both local dates).

    Calendar months are used (dateutil's ``relativedelta``): a support from 15 January
    to 14 April lasts under 3 months; one to 15 April lasts 3 months and falls in
    « De 3 à 6 mois ». The caller passes ``min(end, 31 December)`` for the report year.

    Raises:
        ValueError: ``end`` is before ``start``.
    """
    if end < start:
        raise ValueError("la fin précède le début")
    for key, months in zip(DURATION_BRACKETS, (3, 6, 12, 24), strict=False):
        if end < start + relativedelta(months=months):
            return key
    return DURATION_BRACKETS[-1]
