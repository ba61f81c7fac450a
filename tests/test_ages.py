"""Age rule and age brackets (DESIGN.md §4), with property tests on every boundary."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sps_desk.ages import AgeBrackets, age_on, effective_birth_date
from sps_desk.enums import BirthDatePrecision

DEFAULT = AgeBrackets()


def _add_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February in a common year: the birthday is 1 March
        return date(day.year + years, 3, 1)


def test_leap_day_birthday_counts_from_first_of_march_in_common_years() -> None:
    born = date(2012, 2, 29)
    assert age_on(born, date(2025, 2, 28)) == 12
    assert age_on(born, date(2025, 3, 1)) == 13
    assert age_on(born, date(2024, 2, 28)) == 11
    assert age_on(born, date(2024, 2, 29)) == 12


def test_age_the_day_before_and_on_the_birthday() -> None:
    assert age_on(date(2010, 6, 15), date(2025, 6, 14)) == 14
    assert age_on(date(2010, 6, 15), date(2025, 6, 15)) == 15


def test_reference_before_birth_is_refused() -> None:
    with pytest.raises(ValueError):
        age_on(date(2020, 1, 2), date(2020, 1, 1))


births = st.dates(min_value=date(1960, 1, 1), max_value=date(2024, 12, 31))


@given(birth=births, years=st.integers(min_value=0, max_value=60))
def test_age_is_reached_exactly_on_the_birthday(birth: date, years: int) -> None:
    birthday = _add_years(birth, years)
    assert age_on(birth, birthday) == years
    if birthday > birth:
        assert age_on(birth, birthday - timedelta(days=1)) == years - 1


@given(birth=births, offset=st.integers(min_value=0, max_value=365 * 70))
def test_age_never_decreases_and_grows_by_one_a_year(birth: date, offset: int) -> None:
    day = birth + timedelta(days=offset)
    age = age_on(birth, day)
    assert 0 <= age <= offset // 365
    assert age_on(birth, day + timedelta(days=1)) in (age, age + 1)


def test_default_brackets_and_labels() -> None:
    assert DEFAULT.keys() == ["lt11", "11-15", "16-17", "18-21", "ge22", "unknown"]
    assert [DEFAULT.label(k) for k in DEFAULT.keys()] == [
        "Moins de 11 ans",
        "11-15 ans",
        "16-17 ans",
        "18-21 ans",
        "22 ans et plus",
        "Âge inconnu",
    ]


@pytest.mark.parametrize(
    ("age", "key"),
    [(None, "unknown"), (0, "lt11"), (10, "lt11"), (11, "11-15"), (15, "11-15"),
     (16, "16-17"), (17, "16-17"), (18, "18-21"), (21, "18-21"), (22, "ge22"), (90, "ge22")],
)
def test_every_bracket_boundary(age: int | None, key: str) -> None:
    assert DEFAULT.key_for_age(age) == key


@given(
    bounds=st.lists(st.integers(1, 100), min_size=1, max_size=8, unique=True).map(
        lambda b: tuple(sorted(b))
    ),
    age=st.integers(0, 129),
)
def test_every_age_falls_in_exactly_one_bracket(bounds: tuple[int, ...], age: int) -> None:
    brackets = AgeBrackets(bounds=bounds)
    holding = [k for k in brackets.keys()[:-1] if age in brackets.ages_of(k)]
    assert holding == [brackets.key_for_age(age)]


def test_brackets_must_increase() -> None:
    with pytest.raises(ValueError, match="croissantes"):
        AgeBrackets(bounds=(16, 11))


def test_partial_birth_dates_use_the_middle_of_the_known_period() -> None:
    assert effective_birth_date(date(2010, 1, 1), BirthDatePrecision.YEAR) == date(2010, 7, 1)
    assert effective_birth_date(date(2010, 9, 1), BirthDatePrecision.MONTH) == date(2010, 9, 15)
    assert effective_birth_date(date(2010, 9, 3), BirthDatePrecision.EXACT) == date(2010, 9, 3)
