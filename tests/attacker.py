"""An attacker written independently of ``sps_desk.reports.disclosure`` and ``file_builder``.

It reads published statistics files (JSON, schema version 1 or 2) the way the
Département could, and solves its own integer programs with HiGHS: every masked count
(``null``) is an unknown integer; it knows every relation a careful reader can infer
from the file and from the published definitions (DESIGN.md §4), listed in
:class:`_Reader`. With a version-1 file it also uses the per-cell reasons that version
published (a primary cell is in [1, k−1], a secondary one is at least k).

Several files can be attacked jointly (two releases of the same year, linked by what the
attacker assumes about the change between them), see :func:`attack`.

Nothing here imports the code under test: relations are written from the file's
structure, so that a relation the application forgot is caught here.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import highspy
import numpy as np

Expr = dict[str | None, float]
"""A linear expression: unknown name → coefficient; key ``None`` holds the constant."""

UNDER_A_YEAR = ("lt3m", "3-6m", "6-12m")


def _ages(key: str) -> range | None:
    if key.startswith("lt"):
        return range(0, int(key[2:]))
    if key.startswith("ge"):
        return range(int(key[2:]), 200)
    if "-" in key and key.replace("-", "").isdigit():
        low, high = key.split("-")
        return range(int(low), int(high) + 1)
    return None


@dataclass
class Model:
    """Unknowns (lower bounds), and rows ``low ≤ expression ≤ high``."""

    lower: dict[str, float] = field(default_factory=dict)
    upper: dict[str, float] = field(default_factory=dict)
    rows: list[tuple[Expr, float, float]] = field(default_factory=list)

    def unknown(self, name: str, lower: float, upper: float = math.inf) -> Expr:
        self.lower[name] = lower
        self.upper[name] = upper
        return {name: 1.0}

    def add(self, expression: Expr, low: float, high: float) -> None:
        constant = expression.get(None, 0.0)
        terms = {k: v for k, v in expression.items() if k is not None and v}
        if not terms:
            assert low - 1e-6 <= constant <= high + 1e-6, "published values break a relation"
            return
        self.rows.append((terms, low - constant, high - constant))

    def equal(self, a: Expr, b: Expr) -> None:
        self.add(minus(a, b), 0, 0)

    def at_most(self, a: Expr, b: Expr) -> None:
        self.add(minus(a, b), -math.inf, 0)


def plus(*expressions: Expr) -> Expr:
    result: Expr = {}
    for expression in expressions:
        for key, value in expression.items():
            result[key] = result.get(key, 0.0) + value
    return result


def scaled(expression: Expr, factor: float) -> Expr:
    return {key: value * factor for key, value in expression.items()}


def minus(a: Expr, b: Expr) -> Expr:
    return plus(a, scaled(b, -1))


class _Reader:
    """Turns one file into unknowns and relations of ``model``, names prefixed ``prefix``.

    Relations: each sex × age table of people (rows, columns, total); supported ⊂ known
    and new ⊂ supported cell by cell; the repeated totals (table totals, problems' and
    durations' bases); new + continuing = supported ≤ supports active; priority publics
    between the brackets inside and meeting their ages; each published percentage of a
    count of its base (rounded to 0.1); problems ≤ supported; durations add up to
    supports, and the supports under one year are at least the new young; collective:
    young = coded + anonymous, coded ≤ known, each kind's young = its coded (≤ coded,
    summing to at least coded) + its anonymous (summing to anonymous); referrals and
    concern reports add up to their totals.
    """

    def __init__(self, model: Model, data: Mapping[str, Any], prefix: str,
                 use_reasons: bool = True) -> None:
        self.model = model
        self.data = data
        self.prefix = prefix
        self.k = data["disclosure"]["threshold"]
        self.reasons = {s["cell"]: s["reason"]
                        for s in data["disclosure"].get("suppressions", [])
                        if use_reasons}
        self.paths: dict[str, Expr] = {}
        self.masked: list[str] = []

    def count(self, path: str, value: int | None) -> Expr:
        """The expression of a published count (a constant) or a masked one (unknown)."""
        if path in self.paths:
            return self.paths[path]
        if value is None:
            reason = self.reasons.get(path)
            low, high = 1.0, math.inf
            if reason == "primary":
                high = self.k - 1
            elif reason == "secondary":
                low = self.k
            expression = self.model.unknown(self.prefix + path, low, high)
            self.masked.append(path)
        else:
            expression = {None: float(value)}
        self.paths[path] = expression
        return expression

    def latent(self, path: str) -> Expr:
        return self.model.unknown(self.prefix + path, 0)

    def table(self, path: str, table: Mapping[str, Any]) -> dict[tuple[str, str], Expr]:
        cells = {}
        columns: dict[str, list[Expr]] = {}
        rows = []
        for bracket, by_sex in table["cells"].items():
            row = []
            for sex, value in by_sex.items():
                cell = self.count(f"{path}.cells.{bracket}.{sex}", value)
                cells[bracket, sex] = cell
                row.append(cell)
                columns.setdefault(sex, []).append(cell)
            row_total = self.count(f"{path}.bracket_totals.{bracket}",
                                   table["bracket_totals"][bracket])
            self.model.equal(plus(*row), row_total)
            rows.append(row_total)
        sex_totals = []
        for sex, parts in columns.items():
            column = self.count(f"{path}.sex_totals.{sex}", table["sex_totals"][sex])
            self.model.equal(plus(*parts), column)
            sex_totals.append(column)
        grand = self.count(f"{path}.total", table["total"])
        self.model.equal(plus(*rows), grand)
        self.model.equal(plus(*sex_totals), grand)
        return cells

    def percent(self, share: float | None, part: Expr, whole: Expr) -> None:
        # round(100 × part / whole, 1) = share  ⇔  |100 part − share whole| ≤ 0.05 whole
        if share is None:
            return
        self.model.add(minus(scaled(part, 100), scaled(whole, share - 0.0501)), 0, math.inf)
        self.model.add(minus(scaled(part, 100), scaled(whole, share + 0.0501)), -math.inf, 0)

    def read(self) -> None:
        data, model = self.data, self.model
        known = self.table("contacts.young_known", data["contacts"]["young_known"])
        s = data["supported"]
        supported = self.table("supported.by_sex_age", s["by_sex_age"])
        new = self.table("supported.new_by_sex_age", s["new_by_sex_age"])
        for key, cell in supported.items():
            model.at_most(cell, known[key])
            model.at_most(new[key], cell)
        total = self.count("supported.total", s["total"])
        model.equal(total, self.paths["supported.by_sex_age.total"])
        new_total = self.count("supported.new", s["new"])
        model.equal(new_total, self.paths["supported.new_by_sex_age.total"])
        continuing = self.count("supported.continuing", s["continuing"])
        model.equal(plus(new_total, continuing), total)
        supports = self.count("supported.supports_active", s["supports_active"])
        model.at_most(total, supports)
        brackets = [b["key"] for b in data["age_brackets"]]
        for name, ages in (("priority_11_15", range(11, 16)), ("public_16_21", range(16, 22))):
            value = self.count(f"supported.{name}", s[name])
            inside = [self.paths[f"supported.by_sex_age.bracket_totals.{b}"] for b in brackets
                      if (r := _ages(b)) and r.start >= ages.start and r.stop <= ages.stop]
            meeting = [self.paths[f"supported.by_sex_age.bracket_totals.{b}"] for b in brackets
                       if (r := _ages(b)) and r.start < ages.stop and ages.start < r.stop]
            model.at_most(plus(*inside), value)
            model.at_most(value, plus(*meeting))
            self.percent(s[f"{name}_share"], value, total)
        problems = data["problems"]
        base = self.count("problems.young_supported", problems["young_supported"])
        model.equal(base, total)
        for line in problems["lines"]:
            cell = self.count(f"problems.{line['key']}", line["young"])
            model.at_most(cell, total)
            self.percent(line["percent_of_young"], cell, total)
        durations = data["durations"]
        model.equal(self.count("durations.supports", durations["supports"]), supports)
        lines = {line["key"]: self.count(f"durations.{line['key']}", line["supports"])
                 for line in durations["lines"]}
        model.equal(plus(*lines.values()), supports)
        model.at_most(new_total, plus(*(lines[k] for k in UNDER_A_YEAR if k in lines)))
        c = data["collective_actions"]
        young = self.count("collective_actions.young", c["young"])
        coded = self.count("collective_actions.coded_young", c["coded_young"])
        anonymous = self.count("collective_actions.anonymous_young", c["anonymous_young"])
        model.equal(plus(coded, anonymous), young)
        model.at_most(coded, self.paths["contacts.young_known.total"])
        kind_coded, kind_anonymous = [], []
        for line in c["by_type"]:
            path = f"collective_actions.by_type.{line['key']}"
            kind = self.count(path, line["young"])
            a, b = self.latent(path + ".coded"), self.latent(path + ".anonymous")
            model.equal(plus(a, b), kind)
            model.at_most(a, coded)
            kind_coded.append(a)
            kind_anonymous.append(b)
        model.equal(plus(*kind_anonymous), anonymous)
        model.at_most(coded, plus(*kind_coded))
        if c["families"] != "NR":
            self.count("collective_actions.families", c["families"])
        for section in ("referrals", "concern_reports"):
            parts = [self.count(f"{section}.{line['key']}", line["count"])
                     for line in data[section]]
            model.equal(plus(*parts), self.count(f"{section}_total", data[f"{section}_total"]))


def expression_of(reader: _Reader, path: str) -> Expr:
    """A path's expression in ``reader``'s file; an absent line is a published zero."""
    return reader.paths.get(path, {None: 0.0})


RECORDS = ("durations.", "supported.supports_active", "referrals", "concern_reports",
           "collective_actions.families")
"""Counts of records (supports, referrals, reports) or families rather than people."""


@dataclass(frozen=True)
class Link:
    """What the attacker assumes about the change between two files ``a`` and ``b`` of
    the same year (indexes in :func:`attack`'s list): for every count present in either,
    ``low ≤ b − a ≤ high``, with ``people`` bounds for counts of people and ``records``
    bounds for counts of records (:data:`RECORDS`)."""

    a: int
    b: int
    people: tuple[float, float]
    records: tuple[float, float] = (-math.inf, math.inf)

    def bounds(self, path: str) -> tuple[float, float]:
        return self.records if path.startswith(RECORDS) else self.people


@dataclass(frozen=True)
class NextYear:
    """File ``b`` is the year after file ``a``: the young continuing in ``b`` were
    supported in ``a``, in total, by sex and by sex among the youngest brackets."""

    a: int
    b: int


class _Solver:
    """Integer optimum of linear expressions over the model (HiGHS).

    The LP relaxation is solved first and kept when its optimal point is integral (it
    is then the integer optimum); otherwise the integer program is solved.
    """

    def __init__(self, model: Model) -> None:
        self.names = sorted(model.lower)
        self.index = {n: i for i, n in enumerate(self.names)}
        h = highspy._Highs()
        h.setOptionValue("output_flag", False)
        n = len(self.names)
        h.addVars(n, np.array([model.lower[x] for x in self.names]),
                  np.array([highspy.kHighsInf if math.isinf(model.upper[x]) else model.upper[x]
                            for x in self.names]))
        for terms, low, high in model.rows:
            indexes = np.array([self.index[k] for k in terms], dtype=np.int32)
            h.addRow(-highspy.kHighsInf if math.isinf(low) else low,
                     highspy.kHighsInf if math.isinf(high) else high,
                     len(indexes), indexes, np.array(list(terms.values())))
        self.h = h
        self.columns = np.arange(n, dtype=np.int32)

    def _integrality(self, kind: highspy.HighsVarType) -> None:
        n = len(self.columns)
        self.h.changeColsIntegrality(n, self.columns, np.full(n, int(kind), dtype=np.uint8))

    def _solve(self) -> float | None:
        self.h.run()
        status = self.h.getModelStatus()
        if status == highspy.HighsModelStatus.kUnknown:  # a warm start gone astray
            self.h.clearSolver()
            self.h.run()
            status = self.h.getModelStatus()
        if status != highspy.HighsModelStatus.kOptimal:
            assert status in (highspy.HighsModelStatus.kUnbounded,
                              highspy.HighsModelStatus.kUnboundedOrInfeasible), status
            return None
        return self.h.getInfo().objective_function_value

    def optimum(self, expression: Expr, sign: float) -> float:
        """Smallest integer value of ``sign × expression`` without its constant."""
        cost = np.zeros(len(self.names))
        for key, value in expression.items():
            if key is not None:
                cost[self.index[key]] += sign * value
        self.h.changeColsCost(len(self.names), self.columns, cost)
        value = self._solve()
        if value is None:
            return -math.inf
        point = np.array(self.h.getSolution().col_value)
        if np.abs(point - np.round(point)).max(initial=0) > 1e-7:
            self._integrality(highspy.HighsVarType.kInteger)
            value = self._solve()
            self._integrality(highspy.HighsVarType.kContinuous)
            assert value is not None
        return float(round(value))

    def interval(self, expression: Expr) -> tuple[float, float]:
        constant = expression.get(None, 0.0)
        if all(k is None for k in expression):
            return constant, constant
        return (constant + self.optimum(expression, 1.0),
                constant - self.optimum(expression, -1.0))


@dataclass
class Attack:
    """What the attacker learns: ``intervals[i][path]`` for each masked count of file
    ``i``; :meth:`difference` for a count between two files."""

    readers: list[_Reader]
    solver: _Solver
    intervals: list[dict[str, tuple[float, float]]]

    def difference(self, a: int, b: int, path: str) -> tuple[float, float]:
        """Interval of (value in file ``b``) − (value in file ``a``) of ``path``."""
        return self.solver.interval(minus(expression_of(self.readers[b], path),
                                          expression_of(self.readers[a], path)))

    def exact(self, index: int = 0) -> list[str]:
        """Masked paths of file ``index`` whose value the attacker pins."""
        return [p for p, (low, high) in self.intervals[index].items() if low == high]

    def below(self, index: int, truth: Mapping[str, int], k: int) -> list[str]:
        """Masked paths of file ``index`` whose true value is in [1, k−1] and whose
        upper bound is below ``k`` (the attacker proves the group is small)."""
        return [p for p, (_low, high) in self.intervals[index].items()
                if 1 <= truth[p] < k and high < k]


def _next_year(model: Model, a: _Reader, b: _Reader) -> None:
    """The young continuing in ``b`` were supported in ``a``: in total, by sex, and by sex
    among the brackets up to each age (nobody is younger a year later)."""
    model.at_most(minus(b.paths["supported.total"], b.paths["supported.new"]),
                  a.paths["supported.total"])
    brackets = [x["key"] for x in b.data["age_brackets"] if _ages(x["key"]) is not None]
    for sex in (x["key"] for x in b.data["sexes"]):
        model.at_most(minus(b.paths[f"supported.by_sex_age.sex_totals.{sex}"],
                            b.paths[f"supported.new_by_sex_age.sex_totals.{sex}"]),
                      a.paths[f"supported.by_sex_age.sex_totals.{sex}"])
        for end in range(1, len(brackets)):
            youngest = brackets[:end]
            model.at_most(
                minus(plus(*(b.paths[f"supported.by_sex_age.cells.{k}.{sex}"] for k in youngest)),
                      plus(*(b.paths[f"supported.new_by_sex_age.cells.{k}.{sex}"]
                             for k in youngest))),
                plus(*(a.paths[f"supported.by_sex_age.cells.{k}.{sex}"] for k in youngest)))


def attack(files: Sequence[Mapping[str, Any]], links: Iterable[Link | NextYear] = (), *,
           use_reasons: bool = True) -> Attack:
    """Attack ``files`` jointly: each one's relations, and the assumed changes ``links``.

    ``use_reasons``: use the per-cell reasons a version-1 file publishes.
    """
    model = Model()
    readers = []
    for index, data in enumerate(files):
        reader = _Reader(model, data, f"{index}:", use_reasons)
        reader.read()
        readers.append(reader)
    for link in links:
        a, b = readers[link.a], readers[link.b]
        if isinstance(link, NextYear):
            _next_year(model, a, b)
            continue
        for path in sorted(set(a.paths) | set(b.paths)):
            if path.endswith((".coded", ".anonymous")):
                continue
            model.add(minus(expression_of(b, path), expression_of(a, path)), *link.bounds(path))
    solver = _Solver(model)
    intervals = [{path: solver.interval(reader.paths[path]) for path in reader.masked}
                 for reader in readers]
    return Attack(readers, solver, intervals)


def values(data: Mapping[str, Any]) -> dict[str, int]:
    """Every count of people of an unmasked file by path (the truth, for the tests)."""
    model = Model()
    reader = _Reader(model, data, "")
    reader.read()
    return {path: int(expression[None]) for path, expression in reader.paths.items()
            if None in expression and len(expression) == 1}
