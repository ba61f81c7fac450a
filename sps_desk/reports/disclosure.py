"""Disclosure control on counts of people: primary and secondary cell suppression.

Statistical-secrecy rule of DESIGN.md §5 and issue #5: every published count of people
``n`` with ``1 ≤ n < k`` is hidden (*primary* suppression; ``k`` is the service's
threshold, default 5, never below 3). Other cells are then hidden (*secondary*
suppression) until no hidden cell can be recomputed from what is published: the totals,
the margins and the relations between tables of the same file.

The problem is generic: named non-negative integer cells, and linear relations between
them (``part₁ + … + partₙ = total``, or ``part ≤ whole``). Decisions use raw counts only
and every iteration order is sorted, so the same input always gives the same result.

The *attacker model* (:func:`feasible_intervals`) is the check: with SciPy's HiGHS
mixed-integer solver it computes, for each hidden cell, the smallest and largest integer
value compatible with everything published. Secondary suppression keeps adding cells
until no interval is a single value.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, milp

from sps_desk.errors import SpsDeskError

DEFAULT_THRESHOLD = 5
"""Default ``k``: counts of people from 1 to 4 are hidden."""
MINIMUM_THRESHOLD = 3
"""``k`` is never below 3, so that a hidden primary cell spans at least {1, 2}."""

Reason = Literal["primary", "secondary"]


class DisclosureError(SpsDeskError):
    """Suppression could not protect every hidden cell (French message)."""


@dataclass(frozen=True)
class Relation:
    """A linear relation between cells that a reader of the file can use.

    ``kind == "sum"``: ``sum(parts) == whole``. ``kind == "le"``: each part ``≤ whole``
    (``parts`` may hold several cells, each bounded by ``whole``). ``label`` is French
    and names the table, for the reasons shown to the user.
    """

    whole: str
    parts: tuple[str, ...]
    label: str
    kind: Literal["sum", "le"] = "sum"

    @property
    def cells(self) -> tuple[str, ...]:
        """Every cell of the relation, whole first."""
        return (self.whole, *self.parts)


@dataclass(frozen=True)
class Suppression:
    """One hidden cell, why it is hidden (``reason``) and a French explanation."""

    cell: str
    reason: Reason
    explanation: str


def check_threshold(k: int) -> int:
    """Return ``k`` when it is a valid threshold (an integer ≥ 3).

    Raises:
        DisclosureError: ``k`` is below :data:`MINIMUM_THRESHOLD`.
    """
    if k < MINIMUM_THRESHOLD:
        raise DisclosureError(
            f"Le seuil de secret statistique doit être au moins {MINIMUM_THRESHOLD} "
            f"(valeur demandée : {k})."
        )
    return k


def _secondary_candidate(
    relation: Relation, values: Mapping[str, int], hidden: Mapping[str, Suppression]
) -> str | None:
    """The published cell of ``relation`` that costs least to hide: the smallest value
    (least information lost), then by name for determinism. Zeros are never hidden: a
    zero is not a small count, and a hidden zero would often be pinned to 0 anyway."""
    free = [c for c in relation.cells if c not in hidden and values[c] > 0]
    if not free:
        return None
    return min(free, key=lambda c: (values[c], c))


def _hide_secondary(
    cell: str, relation: Relation, hidden: dict[str, Suppression]
) -> None:
    hidden[cell] = Suppression(
        cell,
        "secondary",
        f"masquée pour qu'une petite valeur de « {relation.label} » ne puisse pas être "
        "retrouvée par soustraction",
    )


def _balance_sums(
    values: Mapping[str, int], relations: Sequence[Relation], hidden: dict[str, Suppression]
) -> None:
    """Until no sum relation has exactly one hidden cell (it would be its difference)."""
    changed = True
    while changed:
        changed = False
        for relation in relations:
            if relation.kind != "sum":
                continue
            count = sum(1 for c in relation.cells if c in hidden)
            if count == 1:
                candidate = _secondary_candidate(relation, values, hidden)
                if candidate is not None:
                    _hide_secondary(candidate, relation, hidden)
                    changed = True


def feasible_intervals(
    values: Mapping[str, int],
    relations: Iterable[Relation],
    hidden: Iterable[str],
    *,
    integer: bool = True,
) -> dict[str, tuple[float, float]]:
    """The attacker model: for every hidden cell, its ``(min, max)`` given the rest.

    The attacker knows every published value, every relation and that counts are
    non-negative integers; hidden cells are unknowns. The maximum is ``math.inf`` when
    nothing bounds the cell. Solved with SciPy's HiGHS, one minimisation and one
    maximisation per hidden cell, on the group of hidden cells linked to it by relations
    (independent groups do not constrain each other). ``integer=False`` solves the
    linear relaxation instead (faster; its interval contains the integer one).
    """
    unknown = sorted(set(hidden))
    relations = [r for r in relations if any(c in hidden for c in r.cells)]
    hidden_set = set(unknown)
    parent = {cell: cell for cell in unknown}

    def find(cell: str) -> str:
        while parent[cell] != cell:
            parent[cell] = parent[parent[cell]]
            cell = parent[cell]
        return cell

    for relation in relations:
        linked = [c for c in relation.cells if c in hidden_set]
        for other in linked[1:]:
            parent[find(other)] = find(linked[0])
    groups: dict[str, list[str]] = {}
    for cell in unknown:
        groups.setdefault(find(cell), []).append(cell)
    result: dict[str, tuple[float, float]] = {}
    for cells in groups.values():
        members = set(cells)
        result.update(_group_intervals(
            values, [r for r in relations if members & set(r.cells)], cells, integer=integer
        ))
    return result


def _group_intervals(
    values: Mapping[str, int], relations: Sequence[Relation], unknown: Sequence[str],
    *, integer: bool,
) -> dict[str, tuple[float, float]]:
    index = {cell: i for i, cell in enumerate(unknown)}
    rows: list[np.ndarray] = []
    lower: list[float] = []
    upper: list[float] = []
    for relation in relations:
        if relation.kind == "sum":
            pairs = [(relation.whole, -1.0)] + [(p, 1.0) for p in relation.parts]
            row, constant = _row(pairs, index, values)
            rows.append(row)
            lower.append(-constant)
            upper.append(-constant)
        else:
            for part in relation.parts:
                row, constant = _row([(part, 1.0), (relation.whole, -1.0)], index, values)
                if row.any():
                    rows.append(row)
                    lower.append(-np.inf)
                    upper.append(-constant)
    constraints = (
        [LinearConstraint(np.vstack(rows), np.array(lower), np.array(upper))] if rows else []
    )
    bounds = Bounds(np.zeros(len(unknown)), np.full(len(unknown), np.inf))
    relaxed = np.zeros(len(unknown))
    integral = np.ones(len(unknown))

    def optimum(objective: np.ndarray) -> float:
        # An LP optimum at an integer point is also the integer optimum (the LP's feasible
        # set contains the integer one): the MILP runs only for fractional optima.
        solution = milp(objective, constraints=constraints, integrality=relaxed,
                        bounds=bounds)
        if not solution.success:
            return -math.inf  # unbounded (infeasible cannot happen: true values fit)
        value = float(solution.fun)
        if integer and abs(value - round(value)) > 1e-6:
            solution = milp(objective, constraints=constraints, integrality=integral,
                            bounds=bounds)
            value = float(solution.fun)
        return float(round(value)) if integer else value

    result: dict[str, tuple[float, float]] = {}
    for cell, i in index.items():
        objective = np.zeros(len(unknown))
        objective[i] = 1.0
        minimum = max(optimum(objective), 0.0)
        maximum = -optimum(-objective)
        result[cell] = (minimum, maximum)
    return result


def _row(
    pairs: Sequence[tuple[str, float]], index: Mapping[str, int], values: Mapping[str, int]
) -> tuple[np.ndarray, float]:
    row = np.zeros(len(index))
    constant = 0.0
    for cell, coefficient in pairs:
        if cell in index:
            row[index[cell]] += coefficient
        else:
            constant += coefficient * values[cell]
    return row, constant


def _nearest_relation(
    cell: str,
    by_cell: Mapping[str, Sequence[Relation]],
    values: Mapping[str, int],
    hidden: Mapping[str, Suppression],
) -> Relation | None:
    """The relation where one more hidden cell best frees ``cell``: among the relations
    of ``cell`` that still have a publishable non-zero cell, the one with the fewest
    hidden cells; when none has (only zeros left beside it), the same search one step
    further along the hidden cells it is linked to, and so on."""
    frontier, seen = [cell], {cell}
    while frontier:
        options = [
            relation
            for current in frontier
            for relation in by_cell.get(current, [])
            if _secondary_candidate(relation, values, hidden) is not None
        ]
        if options:
            return min(options, key=lambda r: (
                sum(1 for c in r.cells if c in hidden), r.whole, r.parts, r.kind))
        following = {
            other
            for current in frontier
            for relation in by_cell.get(current, [])
            for other in relation.cells
            if other in hidden and other not in seen
        }
        seen |= following
        frontier = sorted(following)
    return None


def _exposed(intervals: Mapping[str, tuple[float, float]]) -> list[str]:
    """Cells whose interval holds a single integer."""
    return [
        cell
        for cell, (low, high) in sorted(intervals.items())
        if not math.isinf(high) and math.ceil(low - 1e-6) >= math.floor(high + 1e-6)
    ]


def suppress(
    values: Mapping[str, int], relations: Sequence[Relation], k: int = DEFAULT_THRESHOLD
) -> dict[str, Suppression]:
    """Decide which cells to hide; returns ``{cell: Suppression}``.

    ``values`` are raw counts of people (≥ 0) by cell name; every cell named in a
    relation must be in ``values``. Primary: ``1 ≤ n < k``. Secondary: cells are added
    (smallest non-zero first) until the attacker model finds no hidden cell whose
    feasible interval is a single value.

    Raises:
        DisclosureError: ``k`` below 3, or a hidden cell cannot be protected (a
            relation left no cell to add).
    """
    check_threshold(k)
    hidden: dict[str, Suppression] = {}
    for cell in sorted(values):
        if 1 <= values[cell] < k:
            hidden[cell] = Suppression(
                cell, "primary", f"moins de {k} personnes : valeur trop petite pour être publiée"
            )
    if not hidden:
        return hidden
    relations = sorted(relations, key=lambda r: (r.whole, r.parts, r.kind))
    by_cell: dict[str, list[Relation]] = {}
    for relation in relations:
        for cell in relation.cells:
            by_cell.setdefault(cell, []).append(relation)
    for _round in range(len(values) + 1):
        _balance_sums(values, relations, hidden)
        exposed = _exposed(feasible_intervals(values, relations, hidden))
        if not exposed:
            return hidden
        for cell in exposed:
            relation = _nearest_relation(cell, by_cell, values, hidden)
            if relation is None:
                raise DisclosureError(
                    "Le secret statistique ne peut pas être garanti pour ce fichier : "
                    "signalez-le à l'équipe sps_desk."
                )
            candidate = _secondary_candidate(relation, values, hidden)
            assert candidate is not None  # _nearest_relation only returns such relations
            _hide_secondary(candidate, relation, hidden)
    raise DisclosureError(
        "Le secret statistique ne peut pas être garanti pour ce fichier : "
        "signalez-le à l'équipe sps_desk."
    )
