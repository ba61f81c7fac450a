"""The figures of the home page « Accueil »: this year so far against the same days of
last year, per ETP, and month by month (issue 15).

This year runs from 1 January to the cut-off date (today by default); last year from
1 January to the same day and month (28 February for a 29 February). Counts follow the
annual report's definitions (:mod:`sps_desk.store.overview`). Each figure is also given
per ETP of the educational team — direction and social workers, whose work the figures
count — averaged over the same days (:mod:`sps_desk.fte`), so that a team that grew or
shrank is compared fairly.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sps_desk.enums import REPORT_COLUMN_OF, ActivityCategory, ReportColumn, Role
from sps_desk.records import StaffMember
from sps_desk.store.database import Database
from sps_desk.store.overview import MonthFigures, Span, SpanFigures, months, span_figures

EDUCATIONAL_ROLES = frozenset({Role.HEAD, Role.SOCIAL_WORKER})
"""Roles whose ETP the home page divides by: the educational team (« service
éducatif » of the Département's hours table)."""


def same_day_last_year(day: date) -> date:
    """``day`` one year earlier; 29 February gives 28 February."""
    if day.month == 2 and day.day == 29:
        return date(day.year - 1, 2, 28)
    return day.replace(year=day.year - 1)


def educational_fte(staff: list[StaffMember], span: Span) -> float:
    """Average ETP of the live educational staff over ``span`` (not rounded)."""
    return sum(m.fte_over(span.first, span.last) for m in staff
               if m.role in EDUCATIONAL_ROLES and not m.is_deleted)


@dataclass(frozen=True)
class Period:
    """One side of the comparison: its span, its figures and the educational ETP."""

    span: Span
    figures: SpanFigures
    fte: float

    def per_fte(self, value: float) -> float | None:
        """``value`` per ETP, ``None`` when nobody of the educational team was there."""
        return value / self.fte if self.fte > 0 else None

    def hours_by_column(self, counted_in: dict[ActivityCategory, ActivityCategory]
                        ) -> dict[ReportColumn, float]:
        """Decimal hours by column of the report, categories counted in another one
        added to their host (the report's « Compté dans »)."""
        found: dict[ReportColumn, float] = {}
        for key, hours in self.figures.hours.items():
            category = ActivityCategory(key)
            column = REPORT_COLUMN_OF[counted_in.get(category, category)]
            found[column] = found.get(column, 0.0) + hours
        return found


@dataclass(frozen=True)
class Month:
    """One month of the chart: figures of this year and last year's same month, with
    each side's educational ETP over the days counted (``None`` for months of this year
    after the cut-off)."""

    number: int
    current: MonthFigures | None
    current_fte: float
    previous: MonthFigures
    previous_fte: float


@dataclass(frozen=True)
class HomeFigures:
    """Everything the home page shows about activity, for one cut-off date."""

    cutoff: date
    current: Period
    previous: Period
    months: list[Month]

    @property
    def year(self) -> int:
        """This year (the cut-off's)."""
        return self.cutoff.year


def change(current: float | None, previous: float | None) -> float | None:
    """Relative change in percent from ``previous`` to ``current``; ``None`` when there
    is nothing to compare with (no value, or 0 last year)."""
    if current is None or previous is None or previous == 0:
        return None
    return 100 * (current - previous) / previous


def home_figures(database: Database, cutoff: date) -> HomeFigures:
    """:class:`HomeFigures` of ``database`` up to ``cutoff`` (a local date) inclusive."""
    connection = database.connection
    staff = database.repos.staff.all()
    current = Span(date(cutoff.year, 1, 1), cutoff)
    previous = Span(date(cutoff.year - 1, 1, 1), same_day_last_year(cutoff))
    this_year = months(connection, current)
    last_year = months(connection, Span(previous.first, date(cutoff.year - 1, 12, 31)))
    chart = []
    for number in range(1, 13):
        first_now = date(cutoff.year, number, 1)
        last_now = min(cutoff, _month_end(first_now))
        first_then = date(cutoff.year - 1, number, 1)
        key_now, key_then = first_now.isoformat()[:7], first_then.isoformat()[:7]
        shown = first_now <= cutoff
        chart.append(Month(
            number=number,
            current=this_year.get(key_now, MonthFigures()) if shown else None,
            current_fte=educational_fte(staff, Span(first_now, last_now)) if shown else 0.0,
            previous=last_year.get(key_then, MonthFigures()),
            previous_fte=educational_fte(staff, Span(first_then, _month_end(first_then))),
        ))
    return HomeFigures(
        cutoff=cutoff,
        current=Period(current, span_figures(connection, current),
                       educational_fte(staff, current)),
        previous=Period(previous, span_figures(connection, previous),
                        educational_fte(staff, previous)),
        months=chart,
    )


def _month_end(first: date) -> date:
    following = date(first.year + first.month // 12, first.month % 12 + 1, 1)
    return date.fromordinal(following.toordinal() - 1)

