"""Disclosure control: primary and secondary suppression checked by the attacker model.

Property tests draw random two-way tables of counts of people with their row and column
margins and grand total (the shape of every sex × age table of the file) and check, with
an integer program written here independently of :mod:`sps_desk.reports.disclosure`,
that no masked cell can be pinned to a single value and that no primary cell can be
proved below k, knowing that masked cells are at least 1 (zeros are published).
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import highspy
import numpy as np
import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from sps_desk.reports.disclosure import (
    DisclosureError,
    Problem,
    annex_text,
    at_most,
    between,
    feasible_intervals,
    suppress,
    total,
)

DATA = Path(__file__).parent / "data"


def two_way(cells: list[list[int]]) -> tuple[dict[str, int], list]:
    """Named cells ``r{i}c{j}``, margins ``r{i}``/``c{j}`` and ``total``, with relations."""
    values: dict[str, int] = {}
    relations = []
    for i, row in enumerate(cells):
        for j, value in enumerate(row):
            values[f"r{i}c{j}"] = value
        values[f"r{i}"] = sum(row)
        relations.append(total(f"r{i}", [f"r{i}c{j}" for j in range(len(row))], "t"))
    for j in range(len(cells[0])):
        values[f"c{j}"] = sum(row[j] for row in cells)
        relations.append(total(f"c{j}", [f"r{i}c{j}" for i in range(len(cells))], "t"))
    values["total"] = sum(values[f"r{i}"] for i in range(len(cells)))
    relations.append(total("total", [f"r{i}" for i in range(len(cells))], "t"))
    relations.append(total("total", [f"c{j}" for j in range(len(cells[0]))], "t"))
    return values, relations


def alone(values, relations, k=5, **extra) -> dict:
    """Masks of one release, no history."""
    return suppress(Problem(values=values, constraints=relations,
                            candidates=frozenset(values), **extra), k)


def attacker(values, relations, hidden, lower=1) -> dict[str, tuple[float, float]]:
    """An independent attacker: one integer program over every masked cell at once (no
    grouping, no LP shortcut), min and max of each masked cell with HiGHS."""
    unknown = sorted(hidden)
    index = {c: i for i, c in enumerate(unknown)}
    solver = highspy._Highs()
    solver.setOptionValue("output_flag", False)
    n = len(unknown)
    solver.addVars(n, np.full(n, float(lower)), np.full(n, highspy.kHighsInf))
    for relation in relations:
        row = np.zeros(n)
        constant = 0.0
        for cell, coefficient in relation.terms:
            if cell in index:
                row[index[cell]] += coefficient
            else:
                constant += coefficient * values[cell]
        if row.any():
            columns = np.flatnonzero(row).astype(np.int32)
            low = -highspy.kHighsInf if math.isinf(relation.low) else relation.low - constant
            high = highspy.kHighsInf if math.isinf(relation.high) else relation.high - constant
            solver.addRow(low, high, len(columns), columns, row[columns])
    solver.changeColsIntegrality(n, np.arange(n, dtype=np.int32),
                                 np.full(n, int(highspy.HighsVarType.kInteger), dtype=np.uint8))
    result = {}
    for cell, i in index.items():
        ends = []
        for sign in (1.0, -1.0):
            cost = np.zeros(n)
            cost[i] = sign
            solver.changeColsCost(n, np.arange(n, dtype=np.int32), cost)
            solver.clearSolver()  # every solve from scratch
            solver.run()
            optimal = solver.getModelStatus() == highspy.HighsModelStatus.kOptimal
            ends.append(sign * solver.getInfo().objective_function_value if optimal
                        else math.inf)
        result[cell] = (round(ends[0]), ends[1] if math.isinf(ends[1]) else round(ends[1]))
    return result


def assert_protected(values, relations, hidden, k):
    intervals = attacker(values, relations, hidden)
    assert intervals == feasible_intervals(values, relations, hidden)
    for cell, (low, high) in intervals.items():
        assert low < high, f"{cell} is pinned to {low}"
        assert low <= values[cell] <= high  # the attacker model is sound
        if values[cell] < k:
            assert high >= k, f"{cell} is provably below {k}"
    for cell, value in values.items():
        if 1 <= value < k:
            assert cell in hidden, f"small cell {cell} published"
        if value == 0:
            assert cell not in hidden, f"zero {cell} masked"


small_counts = st.one_of(st.integers(0, 4), st.integers(0, 40))
tables = st.integers(1, 4).flatmap(
    lambda rows: st.integers(1, 4).flatmap(
        lambda cols: st.lists(st.lists(small_counts, min_size=cols, max_size=cols),
                              min_size=rows, max_size=rows)))


@given(tables, st.integers(3, 6))
# Found by hypothesis: a column of zeros beside a masked cell leaves no partner there.
@example([[3, 0, 0], [3, 0, 2], [22, 1, 1]], 3)
def test_no_masked_cell_collapses_or_is_proved_small(cells, k):
    values, relations = two_way(cells)
    hidden = alone(values, relations, k)
    assert_protected(values, relations, hidden, k)
    # Same input, same decisions (suppression is deterministic).
    assert alone(values, relations, k) == hidden


@given(st.lists(st.integers(0, 30), min_size=1, max_size=8), st.integers(3, 6))
def test_one_way_table_with_total(parts, k):
    values = {f"p{i}": v for i, v in enumerate(parts)} | {"total": sum(parts)}
    relations = [total("total", [f"p{i}" for i in range(len(parts))], "t")]
    hidden = alone(values, relations, k)
    assert_protected(values, relations, hidden, k)


def test_single_small_cell_gets_a_secondary_partner_with_reason():
    values = {"a": 2, "b": 30, "c": 12, "total": 44}
    relations = [total("total", ["a", "b", "c"], "Problématiques")]
    hidden = alone(values, relations)
    assert hidden["a"].reason == "primary"
    # The smallest other cell is masked too, so that a ≠ total − b − c is not computable.
    assert hidden["c"].reason == "secondary"
    assert "Problématiques" in hidden["c"].explanation
    assert set(hidden) == {"a", "c"}
    # a + c = 14 and c ≥ 1 (zeros are published): a is between 1 and 13.
    assert feasible_intervals(values, relations, hidden)["a"] == (1, 13)


def test_a_group_provably_smaller_than_k_masks_its_total():
    # 2 + 3 = 5: both primary, each in [1, 4] < 5 if the total stays: the total goes too.
    values = {"a": 2, "b": 3, "total": 5}
    relations = [total("total", ["a", "b"], "t")]
    hidden = alone(values, relations)
    assert set(hidden) == {"a", "b", "total"}
    assert feasible_intervals(values, relations, hidden)["a"] == (1, math.inf)


def test_zeros_and_large_counts_are_published():
    values, relations = two_way([[0, 10], [7, 0]])
    assert alone(values, relations) == {}


def test_threshold_never_below_three():
    with pytest.raises(DisclosureError, match="au moins 3"):
        alone({"a": 1}, [], 2)


def test_threshold_changes_what_is_small():
    values = {"a": 4, "b": 8, "total": 12}
    relations = [total("total", ["a", "b"], "t")]
    assert set(alone(values, relations, 3)) == set()
    assert set(alone(values, relations, 5)) == {"a", "b"}


def test_known_pattern_that_margins_alone_would_not_catch():
    # Row 0 has two masked cells and so has column 0, yet with a zero beside them the
    # attacker can still pin values: the model must keep suppressing until it cannot.
    values, relations = two_way([[1, 0, 9], [2, 0, 9], [20, 20, 0]])
    hidden = alone(values, relations, 3)
    assert_protected(values, relations, hidden, 3)


def test_unbounded_cell_has_infinite_maximum():
    values = {"a": 2, "b": 3}
    intervals = feasible_intervals(values, [at_most(["a"], ["b"], "t")], {"b"})
    assert intervals["b"] == (2, math.inf)


def test_latent_unknowns_carry_what_a_reader_knows():
    # A kind of action has coded young (≤ coded) and anonymous young; with one kind only,
    # its young equal the total young: masking the kind alone would hide nothing.
    values = {"young": 20, "coded": 3, "anonymous": 17, "kind": 20}
    relations = [total("young", ["coded", "anonymous"], "c"),
                 total("kind", ["kind.coded", "kind.anonymous"], "c"),
                 at_most(["kind.coded"], ["coded"], "c"), at_most(["coded"], ["kind.coded"], "c"),
                 total("anonymous", ["kind.anonymous"], "c")]
    hidden = alone(values, relations, latent=frozenset({"kind.coded", "kind.anonymous"}))
    intervals = feasible_intervals(values, relations, hidden,
                                   latent={"kind.coded", "kind.anonymous"})
    assert "coded" in hidden and all(low < high for low, high in intervals.values())


def test_a_small_change_between_two_releases_stays_uncertain():
    # Release 1 published a = 7, b = 9 (total 16); one person of « a » is erased since.
    # Publishing a = 6 again would tell the attacker who left: it is masked, with a partner.
    values = {"old:a": 7, "old:b": 9, "old:total": 16, "new:a": 6, "new:b": 9, "new:total": 15}
    relations = [total("old:total", ["old:a", "old:b"], "t"),
                 total("new:total", ["new:a", "new:b"], "t")]
    relations += [between((("new:" + c, 1.0), ("old:" + c, -1.0)), -1, 0, "t")
                  for c in ("a", "b", "total")]
    problem = Problem(values=values, constraints=relations,
                      candidates=frozenset({"new:a", "new:b", "new:total"}),
                      differences=[("new:" + c, "old:" + c, "t") for c in ("a", "b", "total")])
    hidden = suppress(problem, 5)
    assert hidden["new:a"].reason == "difference"
    assert "comparaison avec une diffusion précédente" in hidden["new:a"].explanation
    # The total's change (−1) is out already; a's change is −1 or 0, not known.
    assert set(hidden) >= {"new:a", "new:total"} or set(hidden) >= {"new:a", "new:b"}


def test_highspy_gives_scipys_intervals_on_the_old_model():
    """Issue 16: the same HiGHS solver through its own API, results identical to SciPy's
    on the model of before issue 11 (masked cells ≥ 0), on demo seed 1's statistics."""
    recorded = json.loads((DATA / "scipy_intervals_demo_seed1.json").read_text())
    relations = []
    for whole, parts, kind in recorded["relations"]:
        if kind == "sum":
            relations.append(total(whole, parts, "t"))
        else:
            relations += [at_most([p], [whole], "t") for p in parts]
    intervals = feasible_intervals(recorded["values"], relations, recorded["hidden"], lower=0)
    assert {c: list(v) for c, v in intervals.items()} == recorded["intervals"]


def test_the_solver_loads_only_when_a_file_is_protected():
    """Issue 16: nothing heavy at start-up; HiGHS is imported by the first suppression."""
    import subprocess
    import sys

    code = ("import sys; import sps_desk.cli.main, sps_desk.reports.export, "
            "sps_desk.reports.release; print('highspy' in sys.modules)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True)
    assert result.stdout.strip() == "False"


def test_the_rule_is_stated_in_plain_french_for_the_annex():
    term, definition = annex_text(5)
    assert term == "Secret statistique (« s »)"
    assert definition.startswith("un effectif de personnes compris entre 1 et 4 n'est pas "
                                 "publié : il est remplacé par « s ».")
    assert "ni prouvée inférieure à 5" in definition
    assert "Les zéros sont publiés." in definition
    assert "fichiers statistiques déjà transmis" in definition
