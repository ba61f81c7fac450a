"""Session lengths (midnight, daylight saving), hours typed in French, support durations."""

from __future__ import annotations

from datetime import date, time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sps_desk.durations import (
    duration_bracket,
    elapsed_hours,
    parse_hours,
    round_to_quarter,
)
from sps_desk.errors import ValidationFailed


def test_session_across_midnight_lasts_three_hours() -> None:
    assert elapsed_hours(date(2025, 5, 10), time(21, 30), time(0, 30)) == 3.0


def test_night_of_the_autumn_change_counts_the_extra_hour() -> None:
    # 26 October 2025: at 03:00 clocks go back to 02:00 in Europe/Paris.
    assert elapsed_hours(date(2025, 10, 25), time(22, 0), time(4, 0)) == 7.0


def test_night_of_the_spring_change_counts_one_hour_less() -> None:
    # 30 March 2025: at 02:00 clocks go forward to 03:00.
    assert elapsed_hours(date(2025, 3, 29), time(22, 0), time(4, 0)) == 5.0


@pytest.mark.parametrize(
    ("typed", "hours"),
    [("1,5", 1.5), ("1.5", 1.5), ("2", 2.0), (" 0,25 ", 0.25), ("1h30", 1.5), ("24", 24.0)],
)
def test_hours_as_typed(typed: str, hours: float) -> None:
    assert parse_hours(typed) == hours


@pytest.mark.parametrize(
    ("typed", "reason"),
    [("1,3", "quarts d'heure"), ("25", "24 heures"), ("0", "supérieure à zéro"),
     ("deux", "n'est pas une durée"), ("", "Saisissez une durée"), ("2h75", "de 00 à 59")],
)
def test_bad_hours_are_refused_in_french(typed: str, reason: str) -> None:
    with pytest.raises(ValidationFailed, match=reason):
        parse_hours(typed)


@given(st.integers(min_value=0, max_value=24 * 60))
def test_rounding_to_the_quarter_is_within_seven_and_a_half_minutes(minutes: int) -> None:
    rounded = round_to_quarter(minutes / 60)
    assert rounded * 4 == int(rounded * 4)
    assert abs(rounded * 60 - minutes) <= 7.5


@pytest.mark.parametrize(
    ("start", "end", "key"),
    [
        (date(2025, 1, 15), date(2025, 4, 14), "lt3m"),
        (date(2025, 1, 15), date(2025, 4, 15), "3-6m"),
        (date(2025, 1, 15), date(2025, 7, 14), "3-6m"),
        (date(2025, 1, 15), date(2025, 7, 15), "6-12m"),
        (date(2024, 12, 31), date(2025, 12, 30), "6-12m"),
        (date(2024, 12, 31), date(2025, 12, 31), "1-2y"),
        (date(2023, 12, 31), date(2025, 12, 31), "gt2y"),
        (date(2025, 12, 31), date(2025, 12, 31), "lt3m"),
    ],
)
def test_duration_brackets_in_calendar_months(start: date, end: date, key: str) -> None:
    assert duration_bracket(start, end) == key
