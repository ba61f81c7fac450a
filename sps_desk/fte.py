"""Dated FTE periods of a staff member, and the ETP of a team over a span of days.

A staff member works at a given FTE (*ETP*, 1 = full time, 0,5 = half time) over dated
periods: from ``start`` to ``end`` inclusive, local calendar dates. An unknown start
(``None``) means « since before the first data of the base »; no end, « still there ».

The ETP of a span — a civil year in the report, 1 January to a date on the home page —
is each period's FTE weighted by the days of the period inside the span, divided by the
days of the span (365 or 366 for a year). A full-time post vacant for two months counts
0,83 ETP for the year: this is how the Département's 2022 table of its services reads
(« 3,83 ETP de travailleurs sociaux » at Arras: four posts, one vacant two months), and
it is the definition printed in the report's annex (:data:`ETP_DEFINITION`).
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence
from datetime import date, timedelta
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, model_validator

FTE = Annotated[float, Field(gt=0, le=1)]
"""A staff member's FTE: more than 0, at most 1 (full time)."""

ETP_DEFINITION = (
    "équivalent temps plein (1 = temps plein, 0,5 = mi-temps). L'ETP d'une année est la "
    "moyenne sur l'année de l'ETP de chaque professionnel, pondéré par le nombre de jours "
    "de chacune de ses périodes d'activité dans l'année (365 ou 366 jours) : un poste à "
    "temps plein vacant deux mois compte 0,83 ETP, comme les « 3,83 ETP de travailleurs "
    "sociaux » d'Arras dans le tableau départemental 2022. L'effectif compte les "
    "professionnels présents au moins un jour de l'année."
)
"""French definition of the ETP of a year, printed in the report's annex."""


class FtePeriod(BaseModel):
    """One period of work at one FTE: ``start`` to ``end`` inclusive (local dates);
    ``start`` ``None``: since before the base's first data; ``end`` ``None``: ongoing."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    start: date | None = None
    end: date | None = None
    fte: FTE

    @model_validator(mode="after")
    def _ordered(self) -> FtePeriod:
        if self.start is not None and self.end is not None and self.end < self.start:
            raise ValueError("une période d'activité finit avant d'avoir commencé")
        return self

    def covers(self, day: date) -> bool:
        """Whether the staff member worked at this FTE on ``day``."""
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)

    def days_within(self, first: date, last: date) -> int:
        """Days of the period from ``first`` to ``last`` inclusive (0 when apart)."""
        begin = first if self.start is None else max(first, self.start)
        finish = last if self.end is None else min(last, self.end)
        return max(0, (finish - begin).days + 1)


def check_periods(periods: Sequence[FtePeriod]) -> list[FtePeriod]:
    """``periods`` sorted by start (unknown start first).

    Raises:
        ValueError: two periods share a day, or an open-ended period is followed by
            another (French message).
    """
    ordered = sorted(periods, key=lambda p: p.start or date.min)
    for before, after in itertools.pairwise(ordered):
        if before.end is None or after.start is None or after.start <= before.end:
            raise ValueError("deux périodes d'activité se chevauchent : une journée ne "
                             "compte que dans une période")
    return ordered


def fte_over(periods: Iterable[FtePeriod], first: date, last: date) -> float:
    """Average FTE of one staff member over the days ``first`` to ``last`` inclusive
    (each period's FTE weighted by its days in the span); 0 when absent throughout.
    Not rounded."""
    days = (last - first).days + 1
    if days <= 0:
        return 0.0
    return sum(p.fte * p.days_within(first, last) for p in periods) / days


def present_during(periods: Iterable[FtePeriod], first: date, last: date) -> bool:
    """Whether the staff member worked at least one day from ``first`` to ``last``."""
    return any(p.days_within(first, last) for p in periods)


def year_span(year: int) -> tuple[date, date]:
    """1 January and 31 December of ``year``."""
    return date(year, 1, 1), date(year, 12, 31)


def day_before(day: date) -> date:
    """The previous calendar day (closing a period when the next one starts)."""
    return day - timedelta(days=1)
