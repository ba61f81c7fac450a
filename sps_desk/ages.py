"""Age and age-bracket rules used by every statistic (DESIGN.md §4).

Ages are completed years at a reference date, both local calendar dates. The reference
date of a young person for a year is their first recorded activity in that year; the
statistics module chooses it, this module only computes.
"""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, ConfigDict, Field, field_validator

from sps_desk.enums import BirthDatePrecision

UNKNOWN_BRACKET = "unknown"
"""Key of the bracket of a young person or contact whose age is not known."""


def age_on(birth: date, reference: date) -> int:
    """Completed years of a person born on ``birth`` at the local date ``reference``.

    A 29 February birthday counts from 1 March in common years (DESIGN.md §4): the
    comparison of (month, day) pairs gives exactly that, since (2, 28) < (2, 29).

    Raises:
        ValueError: ``reference`` is before ``birth``.
    """
    if reference < birth:
        raise ValueError("la date de référence précède la date de naissance")
    before_birthday = (reference.month, reference.day) < (birth.month, birth.day)
    return reference.year - birth.year - int(before_birthday)


def effective_birth_date(birth: date, precision: BirthDatePrecision) -> date:
    """The birth date used to compute an age when only part of it is known.

    Only the year known: 1 July of that year. Only the month known: the 15th of that
    month. This centres the error on the unknown part instead of making everybody
    older (1 January) or younger (31 December). Exact and estimated dates are used as is.
    """
    if precision is BirthDatePrecision.YEAR:
        return date(birth.year, 7, 1)
    if precision is BirthDatePrecision.MONTH:
        return date(birth.year, birth.month, 15)
    return birth


class AgeBrackets(BaseModel):
    """A service's age brackets, given by the lower bound of each bracket after the first.

    The default ``(11, 16, 18, 22)`` gives the brackets of DESIGN.md §4: under 11 ·
    11–15 (the Département's priority public « 11-16 ans », référentiel § Les publics
    concernés) · 16–17 · 18–21 (référentiel § Public de 16 à 21 ans) · 22 and over, plus
    « unknown ». Keys are stable strings such as ``"lt11"``, ``"11-15"``, ``"ge22"``.
    """

    model_config = ConfigDict(frozen=True)

    bounds: tuple[int, ...] = Field(default=(11, 16, 18, 22), min_length=1)

    @field_validator("bounds")
    @classmethod
    def _increasing(cls, bounds: tuple[int, ...]) -> tuple[int, ...]:
        if any(b <= 0 or b > 120 for b in bounds):
            raise ValueError("les bornes des tranches d'âge doivent être entre 1 et 120 ans")
        if list(bounds) != sorted(set(bounds)):
            raise ValueError("les bornes des tranches d'âge doivent être strictement croissantes")
        return bounds

    def keys(self) -> list[str]:
        """Bracket keys in increasing age, ``"unknown"`` last."""
        first = [f"lt{self.bounds[0]}"]
        middle = [f"{lo}-{hi - 1}" for lo, hi in zip(self.bounds, self.bounds[1:], strict=False)]
        return [*first, *middle, f"ge{self.bounds[-1]}", UNKNOWN_BRACKET]

    def label(self, key: str) -> str:
        """French label of a bracket key, e.g. ``"11-15"`` → « 11-15 ans ».

        Raises:
            KeyError: ``key`` is not one of :meth:`keys`.
        """
        if key not in self.keys():
            raise KeyError(key)
        if key == UNKNOWN_BRACKET:
            return "Âge inconnu"
        if key.startswith("lt"):
            return f"Moins de {key[2:]} ans"
        if key.startswith("ge"):
            return f"{key[2:]} ans et plus"
        return f"{key} ans"

    def key_for_age(self, age: int | None) -> str:
        """Bracket key of an age in completed years; ``None`` gives ``"unknown"``."""
        if age is None:
            return UNKNOWN_BRACKET
        keys = self.keys()
        for index, bound in enumerate(self.bounds):
            if age < bound:
                return keys[index]
        return keys[len(self.bounds)]

    def ages_of(self, key: str) -> range | None:
        """Ages (completed years) in a bracket; ``None`` for unknown; the last ends at 130."""
        keys = self.keys()
        index = keys.index(key)
        if key == UNKNOWN_BRACKET:
            return None
        lows = (0, *self.bounds)
        highs = (*self.bounds, 130)
        return range(lows[index], highs[index])
