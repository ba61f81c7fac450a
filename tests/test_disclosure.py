"""Disclosure control: primary and secondary suppression checked by the attacker model.

Property tests draw random two-way tables of counts of people with their row and column
margins and grand total (the shape of every sex × age table of the file) and check, with
the integer-programming attacker of :func:`feasible_intervals`, that no hidden cell can
be pinned to a single value from what is published.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from scipy.optimize import Bounds, LinearConstraint, milp

from sps_desk.reports.disclosure import (
    DisclosureError,
    Relation,
    feasible_intervals,
    suppress,
)


def two_way(cells: list[list[int]]) -> tuple[dict[str, int], list[Relation]]:
    """Named cells ``r{i}c{j}``, margins ``r{i}``/``c{j}`` and ``total``, with relations."""
    values: dict[str, int] = {}
    relations = []
    for i, row in enumerate(cells):
        for j, value in enumerate(row):
            values[f"r{i}c{j}"] = value
        values[f"r{i}"] = sum(row)
        relations.append(Relation(f"r{i}", tuple(f"r{i}c{j}" for j in range(len(row))), "t"))
    for j in range(len(cells[0])):
        values[f"c{j}"] = sum(row[j] for row in cells)
        relations.append(Relation(f"c{j}", tuple(f"r{i}c{j}" for i in range(len(cells))), "t"))
    values["total"] = sum(values[f"r{i}"] for i in range(len(cells)))
    relations.append(Relation("total", tuple(f"r{i}" for i in range(len(cells))), "t"))
    relations.append(Relation("total", tuple(f"c{j}" for j in range(len(cells[0]))), "t"))
    return values, relations


def attacker(values, relations, hidden) -> dict[str, tuple[float, float]]:
    """An independent attacker: one integer program over every hidden cell at once (no
    grouping, no LP shortcut), min and max of each hidden cell with HiGHS."""
    unknown = sorted(hidden)
    index = {c: i for i, c in enumerate(unknown)}
    rows, low, high = [], [], []
    for relation in relations:
        if relation.kind == "sum":
            terms = [(relation.whole, -1.0)] + [(p, 1.0) for p in relation.parts]
            row = np.zeros(len(unknown))
            constant = 0.0
            for cell, coefficient in terms:
                if cell in index:
                    row[index[cell]] += coefficient
                else:
                    constant += coefficient * values[cell]
            rows.append(row)
            low.append(-constant)
            high.append(-constant)
    constraints = [LinearConstraint(np.array(rows), low, high)] if rows else []
    result = {}
    for cell, i in index.items():
        objective = np.zeros(len(unknown))
        objective[i] = 1
        options = dict(constraints=constraints, integrality=np.ones(len(unknown)),
                       bounds=Bounds(0, np.inf))
        minimum = milp(objective, **options)
        maximum = milp(-objective, **options)
        result[cell] = (round(minimum.fun), -round(maximum.fun) if maximum.success else math.inf)
    return result


def assert_protected(values, relations, hidden, k):
    intervals = attacker(values, relations, hidden)
    assert intervals == feasible_intervals(values, relations, hidden)
    for cell, (low, high) in intervals.items():
        assert low < high, f"{cell} is pinned to {low}"
        assert low <= values[cell] <= high  # the attacker model is sound
    for cell, value in values.items():
        if 1 <= value < k:
            assert cell in hidden, f"small cell {cell} published"


small_counts = st.one_of(st.integers(0, 4), st.integers(0, 40))
tables = st.integers(1, 4).flatmap(
    lambda rows: st.integers(1, 4).flatmap(
        lambda cols: st.lists(st.lists(small_counts, min_size=cols, max_size=cols),
                              min_size=rows, max_size=rows)))


@given(tables, st.integers(3, 6))
# Found by hypothesis: a column of zeros beside a hidden cell leaves no partner there.
@example([[3, 0, 0], [3, 0, 2], [22, 1, 1]], 3)
def test_no_hidden_cell_collapses_to_one_value(cells, k):
    values, relations = two_way(cells)
    hidden = suppress(values, relations, k)
    assert_protected(values, relations, hidden, k)
    # Same input, same decisions (suppression is deterministic).
    assert suppress(values, relations, k) == hidden


@given(st.lists(st.integers(0, 30), min_size=1, max_size=8), st.integers(3, 6))
def test_one_way_table_with_total(parts, k):
    values = {f"p{i}": v for i, v in enumerate(parts)} | {"total": sum(parts)}
    relations = [Relation("total", tuple(f"p{i}" for i in range(len(parts))), "t")]
    hidden = suppress(values, relations, k)
    assert_protected(values, relations, hidden, k)


def test_single_small_cell_gets_a_secondary_partner_with_reason():
    values = {"a": 2, "b": 30, "c": 12, "total": 44}
    relations = [Relation("total", ("a", "b", "c"), "Problématiques")]
    hidden = suppress(values, relations, 5)
    assert hidden["a"].reason == "primary"
    # The smallest other cell is hidden too, so that a ≠ total − b − c is not computable.
    assert hidden["c"].reason == "secondary"
    assert "Problématiques" in hidden["c"].explanation
    assert set(hidden) == {"a", "c"}
    low, high = feasible_intervals(values, relations, hidden)["a"]
    assert (low, high) == (0, 14)


def test_zeros_and_large_counts_are_published():
    values, relations = two_way([[0, 10], [7, 0]])
    assert suppress(values, relations, 5) == {}


def test_threshold_never_below_three():
    with pytest.raises(DisclosureError, match="au moins 3"):
        suppress({"a": 1}, [], 2)


def test_threshold_changes_what_is_small():
    values = {"a": 4, "b": 8, "total": 12}
    relations = [Relation("total", ("a", "b"), "t")]
    assert set(suppress(values, relations, 3)) == set()
    assert set(suppress(values, relations, 5)) == {"a", "b"}


def test_known_pattern_that_margins_alone_would_not_catch():
    # Row 0 has two hidden cells and so has column 0, yet with a zero beside them the
    # attacker can still pin values: the model must keep suppressing until it cannot.
    values, relations = two_way([[1, 0, 9], [2, 0, 9], [20, 20, 0]])
    hidden = suppress(values, relations, 3)
    assert_protected(values, relations, hidden, 3)


def test_unbounded_cell_has_infinite_maximum():
    values = {"a": 2, "b": 3}
    relations = [Relation("b", ("a",), "t", kind="le")]
    intervals = feasible_intervals(values, relations, {"b"})
    assert intervals["b"] == (2, math.inf)
