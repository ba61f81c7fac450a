"""The team of one civil year, for the report and the statistics file (issue 15).

Each staff member counts in the years of their FTE periods (``StaffMember.periods``),
weighted by their days in the year (:mod:`sps_desk.fte`): the report of a past year
shows that year's team, not today's, and its N−1 column the team of N−1.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol

from sps_desk.enums import Role
from sps_desk.fte import present_during, year_span
from sps_desk.records import StaffMember
from sps_desk.reports.model import TeamLine

TEAM_NOTE = ("ETP : équivalent temps plein (0,5 = mi-temps), moyenne de l'année pondérée "
             "par les jours de présence de chacun (voir les définitions).")
"""Note printed under the team table of the report (PDF, workbook, CSV)."""


def team_of_year(staff: Iterable[StaffMember], year: int) -> tuple[list[TeamLine], float]:
    """Lines by role (in the order of :class:`Role`, roles without anyone in the year
    left out) and the team's total ETP, of the live ``staff`` in ``year``.

    ``headcount``: staff present at least one day of the year; ``fte``: the sum of their
    ETP of the year (each period's FTE × its days in the year ÷ the days of the year),
    rounded to the hundredth, as is the total (from the unrounded sum).
    """
    first, last = year_span(year)
    present = [m for m in staff if not m.is_deleted and present_during(m.periods, first, last)]
    lines = []
    for role in Role:
        members = [m for m in present if m.role is role]
        if members:
            lines.append(TeamLine(role=role.value, label=role.label, headcount=len(members),
                                  fte=round(sum(m.fte_over(first, last) for m in members), 2)))
    return lines, round(sum(m.fte_over(first, last) for m in present), 2)


class _RoleLine(Protocol):
    role: str
    label: str
    headcount: int
    fte: float


@dataclass(frozen=True)
class TeamRow:
    """One role of the team table: this year's headcount and ETP, and N−1's ETP
    (``None`` without a previous year)."""

    label: str
    headcount: int
    fte: float
    previous_fte: float | None


def team_rows(current: Sequence[_RoleLine], previous: Sequence[_RoleLine] | None
              ) -> list[TeamRow]:
    """The rows of the team table: every role with staff in the year or in N−1 (a role
    only in N−1 shows 0 this year, so that the N−1 column adds up to its total), in the
    order of :class:`Role`."""
    now = {line.role: line for line in current}
    before = {line.role: line for line in previous or ()}
    rows = []
    for role in Role:
        line = now.get(role.value) or before.get(role.value)
        if line is None:
            continue
        mine = now.get(role.value)
        earlier = before.get(role.value)
        rows.append(TeamRow(
            label=line.label,
            headcount=mine.headcount if mine else 0,
            fte=mine.fte if mine else 0.0,
            previous_fte=None if previous is None else (earlier.fte if earlier else 0.0),
        ))
    return rows
