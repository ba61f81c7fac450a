"""Disclosure control on counts of people: the attacker model and cell suppression.

Statistical-secrecy rule of DESIGN.md §5 (issues #5 and #11). Every published count of
people ``n`` with ``1 ≤ n < k`` is masked (*primary* suppression; ``k`` is the service's
threshold, default 5, never below 3). Other cells are then masked (*secondary*
suppression) until the **attacker** described below learns nothing it must not.

**The attacker** holds everything a reader of the published files holds:

* every published value; a masked cell is an unknown integer;
* the fact that zeros are published, so that **every masked cell is at least 1** (no
  zero is ever masked; the rule is stated in the files' documentation);
* every linear relation a reader can infer between the cells (margins, one table inside
  another cell by cell, totals across tables, bounds such as « new ≤ supported »):
  :class:`Constraint`, built by :mod:`sps_desk.reports.file_builder`;
* unknowns that are never published but that a reader knows exist (*latent* cells, e.g.
  the coded and anonymous young of each kind of collective action);
* every earlier release of the same service that the new one can be compared with
  (:mod:`sps_desk.reports.release` builds the joint problem).

It solves integer programs with HiGHS (``highspy``): for each unknown expression, its
smallest and largest feasible integer value (:class:`Attacker`).

**The protection requirement**, checked on every release before it leaves:

1. no masked cell's feasible interval is a single value;
2. every *primary* masked cell's feasible upper bound is at least ``k``: the attacker
   cannot even prove that the group is small;
3. for releases compared with earlier ones, every *difference* between two releases of
   the same cell whose true value is between ``1`` and ``k − 1`` in absolute value (a
   few people added, removed or corrected) has a feasible interval of more than one
   value: differencing two files never tells what changed for a small group.

Secondary suppression adds cells until the three hold. Decisions use raw counts only and
every iteration order is sorted, so the same input always gives the same masks.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Literal

from sps_desk.errors import SpsDeskError

if TYPE_CHECKING:
    import highspy

DEFAULT_THRESHOLD = 5
"""Default ``k``: counts of people from 1 to 4 are masked."""
MINIMUM_THRESHOLD = 3
"""``k`` is never below 3, so that a masked primary cell spans at least {1, 2}."""

def annex_text(k: int) -> tuple[str, str]:
    """The rule in plain French, as the report's annex prints it: ``(term, definition)``.

    ``k`` is the service's threshold.
    """
    return ("Secret statistique (« s »)", (
        f"un effectif de personnes compris entre 1 et {k - 1} n'est pas publié : il est "
        "remplacé par « s ». D'autres cases sont aussi remplacées par « s », "
        "choisies pour qu'aucune valeur masquée ne puisse être recalculée exactement, ni "
        f"prouvée inférieure à {k}, que ce soit par soustraction à partir des totaux, à "
        "partir des relations entre les tableaux (par exemple : les nouveaux jeunes "
        "accompagnés sont aussi des jeunes accompagnés, eux-mêmes des jeunes connus ; les "
        "tranches d'âge du public prioritaire ; les durées qui font le total des "
        "accompagnements), ou en comparant ce rapport avec les rapports et fichiers "
        "statistiques déjà transmis. Les zéros sont publiés. Un pourcentage calculé à "
        "partir d'une case masquée est masqué lui aussi, et les graphiques ne "
        "représentent pas les cases masquées. Les rencontres (contacts), les heures, les "
        "sorties, les séances et le nombre d'actions ne sont pas des effectifs de personnes "
        "et sont publiés tels quels. Les raisons de chaque masquage restent dans le "
        "service."))


Reason = Literal["primary", "secondary", "earlier", "difference"]
"""Why a cell is masked: below ``k``; to protect another masked cell; masked in an
earlier release of the same year; to hide a small change since an earlier release."""

CheckKind = Literal["masked", "primary", "difference"]

_TOLERANCE = 1e-6


class DisclosureError(SpsDeskError):
    """Suppression could not protect every masked cell (French message)."""


def _cannot_protect() -> DisclosureError:
    return DisclosureError(
        "Le secret statistique ne peut pas être garanti pour ce fichier : "
        "signalez-le à l'équipe sps_desk."
    )


@dataclass(frozen=True)
class Constraint:
    """A linear relation a reader can use: ``low ≤ Σ coefficient × cell ≤ high``.

    ``terms`` are ``(cell, coefficient)`` pairs; ``low``/``high`` may be infinite.
    ``label`` is the French name of the table, used in the reasons given to the chief.
    """

    terms: tuple[tuple[str, float], ...]
    low: float
    high: float
    label: str

    @cached_property
    def cells(self) -> tuple[str, ...]:
        """The cells of the relation, in order (read once: the suppression asks for
        them tens of thousands of times)."""
        return tuple(cell for cell, _ in self.terms)

    @property
    def is_equality(self) -> bool:
        """Whether the relation fixes its sum (``low == high``)."""
        return self.low == self.high


def total(whole: str, parts: Sequence[str], label: str) -> Constraint:
    """``Σ parts = whole``."""
    return Constraint(((whole, -1.0), *((p, 1.0) for p in parts)), 0.0, 0.0, label)


def at_most(smaller: Sequence[str], larger: Sequence[str], label: str) -> Constraint:
    """``Σ smaller ≤ Σ larger``."""
    return Constraint(
        (*((c, 1.0) for c in smaller), *((c, -1.0) for c in larger)), -math.inf, 0.0, label
    )


def between(
    expression: Sequence[tuple[str, float]], low: float, high: float, label: str
) -> Constraint:
    """``low ≤ Σ coefficient × cell ≤ high`` (a bound on a difference, for instance)."""
    return Constraint(tuple(expression), low, high, label)


@dataclass(frozen=True)
class Check:
    """An expression the attacker must not pin: a masked cell or a difference.

    ``kind``: ``masked`` (rule 1), ``primary`` (rules 1 and 2), ``difference`` (rule 3).
    ``terms`` are ``(cell, coefficient)`` pairs; ``name`` identifies the check.
    """

    name: str
    terms: tuple[tuple[str, float], ...]
    kind: CheckKind


@dataclass(frozen=True)
class Suppression:
    """One masked cell, why (``reason``) and a French explanation for the chief."""

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


# --------------------------------------------------------------------------- attacker


class _Program:
    """One connected group of unknowns and the relations between them, in HiGHS.

    Minimises or maximises linear expressions over the integer points of the group. The
    LP relaxation runs first; when its optimal point is integral it is also the integer
    optimum, otherwise the integer program is solved.
    """

    def __init__(
        self,
        unknowns: Sequence[str],
        lower: Mapping[str, int],
        constraints: Sequence[Constraint],
        values: Mapping[str, int],
    ) -> None:
        # Imported here: HiGHS loads only when a file is protected, not at start-up.
        import highspy
        import numpy as np

        self._np = np
        self._highspy = highspy
        self.index = {cell: i for i, cell in enumerate(unknowns)}
        # The core class: highspy's wrapper prints a banner on standard output when it
        # is constructed, before any option can silence it (the CLI prints results).
        solver: highspy._Highs = highspy._Highs()
        solver.setOptionValue("output_flag", False)
        # These programs are small (tens to hundreds of unknowns) and solved hundreds of
        # times: presolve and symmetry detection cost more than they save (measured on
        # demo seed 7: 4.1 s → 1.3 s for the whole suppression, same masks).
        solver.setOptionValue("presolve", "off")
        solver.setOptionValue("mip_detect_symmetry", False)
        count = len(unknowns)
        solver.addVars(
            count,
            np.array([float(lower.get(c, 0)) for c in unknowns]),
            np.full(count, highspy.kHighsInf),
        )
        row_low, row_high, starts, columns, coefficients = [], [], [], [], []
        for constraint in constraints:
            constant = 0.0
            row: dict[int, float] = {}
            for cell, coefficient in constraint.terms:
                if cell in self.index:
                    position = self.index[cell]
                    row[position] = row.get(position, 0.0) + coefficient
                else:
                    constant += coefficient * values[cell]
            row = {i: c for i, c in row.items() if c}
            if not row:
                continue
            starts.append(len(columns))
            for position in sorted(row):
                columns.append(position)
                coefficients.append(row[position])
            row_low.append(-highspy.kHighsInf if math.isinf(constraint.low)
                           else constraint.low - constant)
            row_high.append(highspy.kHighsInf if math.isinf(constraint.high)
                            else constraint.high - constant)
        if starts:
            solver.addRows(
                len(starts), np.array(row_low), np.array(row_high), len(columns),
                np.array(starts, dtype=np.int32), np.array(columns, dtype=np.int32),
                np.array(coefficients),
            )
        self.solver = solver
        self._all = np.arange(count, dtype=np.int32)
        self._integer = False

    def _set_integer(self, integer: bool) -> None:
        if integer == self._integer:
            return
        kind = (self._highspy.HighsVarType.kInteger if integer
                else self._highspy.HighsVarType.kContinuous)
        self.solver.changeColsIntegrality(
            len(self._all), self._all,
            self._np.full(len(self._all), int(kind), dtype=self._np.uint8))
        self._integer = integer

    def minimum(self, terms: Sequence[tuple[str, float]]) -> float:
        """Smallest integer value of ``Σ coefficient × cell`` (``-inf`` if unbounded)."""
        np = self._np
        cost = np.zeros(len(self._all))
        for cell, coefficient in terms:
            cost[self.index[cell]] += coefficient
        self.solver.changeColsCost(len(self._all), self._all, cost)
        self._set_integer(False)
        value = self._run()
        if value is None:
            return -math.inf
        point = np.array(self.solver.getSolution().col_value)
        if np.all(np.abs(point - np.round(point)) <= _TOLERANCE):
            return float(round(value))
        self._set_integer(True)
        value = self._run()
        self._set_integer(False)
        if value is None:  # cannot happen: the LP was bounded
            return -math.inf
        return float(round(value))

    def reaches(self, terms: Sequence[tuple[str, float]], bound: float) -> bool:
        """Whether some integer point gives ``Σ coefficient × cell ≥ bound``.

        Cheaper than :meth:`minimum` when the LP answers: its maximum below ``bound``
        says no, an integral maximiser says yes; otherwise an integer feasibility
        problem (the bound as one more row, no objective) decides.
        """
        np = self._np
        cost = np.zeros(len(self._all))
        for cell, coefficient in terms:
            cost[self.index[cell]] -= coefficient
        self.solver.changeColsCost(len(self._all), self._all, cost)
        self._set_integer(False)
        value = self._run()
        if value is None:
            return True  # unbounded above
        if -value < bound - _TOLERANCE:
            return False
        point = np.array(self.solver.getSolution().col_value)
        if np.all(np.abs(point - np.round(point)) <= _TOLERANCE):
            return True
        columns = np.array(sorted({self.index[c] for c, _ in terms}), dtype=np.int32)
        row = np.zeros(len(self._all))
        for cell, coefficient in terms:
            row[self.index[cell]] += coefficient
        self.solver.addRow(bound, self._highspy.kHighsInf, len(columns), columns, row[columns])
        self.solver.changeColsCost(len(self._all), self._all, np.zeros(len(self._all)))
        self._set_integer(True)
        self.solver.run()
        feasible = self.solver.getModelStatus() == self._highspy.HighsModelStatus.kOptimal
        self._set_integer(False)
        last = self.solver.getNumRow() - 1
        self.solver.deleteRows(1, np.array([last], dtype=np.int32))
        return feasible

    def _run(self) -> float | None:
        self.solver.run()
        status = self.solver.getModelStatus()
        if status == self._highspy.HighsModelStatus.kUnknown:
            # Seen when a warm start meets an unbounded ray: solve again from scratch.
            self.solver.clearSolver()
            self.solver.run()
            status = self.solver.getModelStatus()
        if status == self._highspy.HighsModelStatus.kOptimal:
            return float(self.solver.getInfo().objective_function_value)
        if status in (self._highspy.HighsModelStatus.kUnbounded,
                      self._highspy.HighsModelStatus.kUnboundedOrInfeasible):
            return None
        # Infeasible: the true values always fit, so the model itself is wrong.
        raise _cannot_protect()


class Attacker:
    """The attacker model over one set of published values (see the module docstring).

    ``values``: every known value (published cells); ``unknown``: masked cells, with
    ``lower`` their smallest possible value (1 for a masked count, 0 for a latent cell;
    cells missing from ``lower`` have 0); ``constraints``: the relations a reader uses.
    Unknowns linked by no relation are solved apart (independent groups do not
    constrain each other), and each group's program is built once.
    """

    def __init__(
        self,
        values: Mapping[str, int],
        constraints: Iterable[Constraint],
        unknown: Iterable[str],
        lower: Mapping[str, int],
    ) -> None:
        self.values = values
        self.lower = lower
        self.unknown = frozenset(unknown)
        parent = {cell: cell for cell in sorted(self.unknown)}

        def find(cell: str) -> str:
            while parent[cell] != cell:
                parent[cell] = parent[parent[cell]]
                cell = parent[cell]
            return cell

        self.constraints = [c for c in constraints if any(x in self.unknown for x in c.cells)]
        for constraint in self.constraints:
            linked = [c for c in constraint.cells if c in self.unknown]
            for other in linked[1:]:
                a, b = find(other), find(linked[0])
                if a != b:
                    parent[max(a, b)] = min(a, b)
        groups: dict[str, list[str]] = {}
        for cell in sorted(self.unknown):
            groups.setdefault(find(cell), []).append(cell)
        self.group_of = {cell: root for root, cells in groups.items() for cell in cells}
        self.groups = {root: tuple(cells) for root, cells in groups.items()}
        self._programs: dict[str, _Program] = {}

    def program(self, root: str) -> _Program:
        """The integer program of the group whose representative is ``root``."""
        if root not in self._programs:
            members = set(self.groups[root])
            self._programs[root] = _Program(
                self.groups[root], self.lower,
                [c for c in self.constraints if members.intersection(c.cells)],
                self.values)
        return self._programs[root]

    def interval(self, terms: Sequence[tuple[str, float]]) -> tuple[float, float]:
        """``(min, max)`` of ``Σ coefficient × cell`` over every feasible integer point.

        Known cells count as constants; an expression over several independent groups
        is optimised group by group (its extremes are the sums of theirs).
        """
        constant = 0.0
        by_group: dict[str, list[tuple[str, float]]] = {}
        for cell, coefficient in terms:
            if cell in self.unknown:
                by_group.setdefault(self.group_of[cell], []).append((cell, coefficient))
            else:
                constant += coefficient * self.values[cell]
        low = high = constant
        for root in sorted(by_group):
            program = self.program(root)
            part = by_group[root]
            low += program.minimum(part)
            high -= program.minimum([(c, -x) for c, x in part])
        return low, high


    def reaches(self, terms: Sequence[tuple[str, float]], bound: float) -> bool:
        """Whether some feasible integer point gives ``Σ coefficient × cell ≥ bound``."""
        constant = 0.0
        by_group: dict[str, list[tuple[str, float]]] = {}
        for cell, coefficient in terms:
            if cell in self.unknown:
                by_group.setdefault(self.group_of[cell], []).append((cell, coefficient))
            else:
                constant += coefficient * self.values[cell]
        if not by_group:
            return constant >= bound - _TOLERANCE
        if len(by_group) == 1:
            (root, part), = by_group.items()
            return self.program(root).reaches(part, bound - constant)
        return self.interval(terms)[1] >= bound - _TOLERANCE

    def holds(self, check: Check, k: int, truth: float) -> bool:
        """Whether ``check`` meets the requirement; ``truth`` is its true value.

        A primary cell holds when some feasible point reaches ``k`` (it is then not a
        single value either); another check when some feasible point differs from the
        truth.
        """
        if check.kind == "primary":
            return self.reaches(check.terms, k)
        negated = [(cell, -coefficient) for cell, coefficient in check.terms]
        return self.reaches(check.terms, truth + 1) or self.reaches(negated, -truth + 1)


def feasible_intervals(
    values: Mapping[str, int],
    constraints: Iterable[Constraint],
    hidden: Iterable[str],
    *,
    lower: int = 1,
    latent: Iterable[str] = (),
) -> dict[str, tuple[float, float]]:
    """For every hidden cell, its ``(min, max)`` feasible integer value.

    ``lower`` is what the attacker knows of a hidden cell (1: zeros are published);
    ``latent`` cells are unknowns never published (lower bound 0). The maximum is
    ``math.inf`` when nothing bounds the cell.
    """
    hidden = sorted(set(hidden))
    latent = set(latent)
    bounds = {c: lower for c in hidden} | {c: 0 for c in latent}
    attacker = Attacker(values, constraints, set(hidden) | latent, bounds)
    return {cell: attacker.interval(((cell, 1.0),)) for cell in hidden}


# --------------------------------------------------------------------------- suppression


@dataclass
class Problem:
    """What :func:`suppress` decides on.

    ``values``: raw value of every cell (counts of people ≥ 0), for every release in the
    problem; ``constraints``: every relation a reader can use, within and across
    releases; ``candidates``: the cells that may be masked (the release being made);
    ``masked_before``: cells of earlier releases that are masked (unknowns, never
    published again); ``latent``: unknowns never published; ``seed``: candidate cells
    to mask from the start with a reason (e.g. masked in an earlier release of the year);
    ``differences``: ``(new cell, earlier cell, label)`` pairs whose difference must
    not be pinned when its true value is between 1 and k−1 in absolute value;
    ``primary_before``: masked cells of earlier releases below k; ``exempt``: small
    cells whose upper bound an earlier release (under a smaller k) already gave away:
    they are checked for rule 1 only.
    """

    values: dict[str, int]
    constraints: list[Constraint]
    candidates: frozenset[str]
    masked_before: frozenset[str] = frozenset()
    latent: frozenset[str] = frozenset()
    seed: dict[str, Suppression] = field(default_factory=dict)
    differences: list[tuple[str, str, str]] = field(default_factory=list)
    primary_before: frozenset[str] = frozenset()
    exempt: frozenset[str] = frozenset()


PRIMARY_TEXT = "moins de {k} personnes : valeur trop petite pour être publiée"
SECONDARY_TEXT = ("masquée pour qu'une petite valeur de « {label} » ne puisse pas être "
                  "retrouvée par soustraction")
DIFFERENCE_TEXT = ("masquée pour que la comparaison avec une diffusion précédente de "
                   "« {label} » ne révèle pas un petit changement")
"""French reasons given to the chief (internal report, audit log), by kind."""
BOUND_BEFORE_TEXT = ("une diffusion précédente de l'année la bornait déjà (un zéro ou une "
                     "petite valeur publiés alors) : celui qui compare les deux diffusions "
                     "et sait de combien les chiffres ont au plus changé peut la retrouver, "
                     "quoi que masque celle-ci")
"""Added to a masked cell's reason when earlier releases alone already pin it."""


def _primary(cell: str, k: int) -> Suppression:
    return Suppression(cell, "primary", PRIMARY_TEXT.format(k=k))


def _secondary(cell: str, label: str) -> Suppression:
    return Suppression(cell, "secondary", SECONDARY_TEXT.format(label=label))


def _difference(cell: str, label: str) -> Suppression:
    return Suppression(cell, "difference", DIFFERENCE_TEXT.format(label=label))


class _Suppressor:
    """The state of one :func:`suppress` run."""

    def __init__(self, problem: Problem, k: int) -> None:
        self.problem = problem
        self.k = k
        self.values = problem.values
        self.hidden: dict[str, Suppression] = {}
        self.by_cell: dict[str, list[Constraint]] = {}
        self.constraints = sorted(problem.constraints, key=lambda c: (c.terms, c.low, c.high))
        for constraint in self.constraints:
            for cell in constraint.cells:
                self.by_cell.setdefault(cell, []).append(constraint)
        self.difference_labels = {new: label for new, _old, label in problem.differences}
        # Masking one more cell turns a known value into an unknown whose true value is
        # still feasible (it is ≥ 1): every interval can only widen. A check that holds
        # keeps holding, and is not solved again.
        self.satisfied: set[str] = set()
        self.earlier = bool(problem.masked_before or problem.differences)
        """Whether earlier releases of the year take part (see :meth:`give_up`)."""

    # ---------------------------------------------------------------- candidates

    def publishable(self, cell: str) -> bool:
        """A cell that may still be masked: in the release, published so far, not zero."""
        return (cell in self.problem.candidates and cell not in self.hidden
                and self.values[cell] > 0)

    def unknown(self, cell: str) -> bool:
        """A cell the attacker does not read."""
        return (cell in self.hidden or cell in self.problem.masked_before
                or cell in self.problem.latent)

    def cheapest(self, constraint: Constraint) -> str | None:
        """The publishable cell of ``constraint`` that costs least to mask: the smallest
        value (least information lost), then by name."""
        free = [c for c in constraint.cells if self.publishable(c)]
        return min(free, key=lambda c: (self.values[c], c)) if free else None

    def nearest(self, cells: Sequence[str]) -> tuple[str, Constraint] | None:
        """Where one more masked cell best frees ``cells``: among the relations of
        ``cells`` that still have a publishable cell, the one with the fewest unknowns;
        when none has, the same search one step further along the unknowns they are
        linked to, and so on."""
        frontier, seen = sorted(set(cells)), set(cells)
        while frontier:
            options = [
                constraint
                for current in frontier
                for constraint in self.by_cell.get(current, [])
                if self.cheapest(constraint) is not None
            ]
            if options:
                best = min(options, key=lambda c: (
                    sum(1 for x in c.cells if self.unknown(x)), c.terms, c.low, c.high))
                candidate = self.cheapest(best)
                assert candidate is not None
                return candidate, best
            following = {
                other
                for current in frontier
                for constraint in self.by_cell.get(current, [])
                for other in constraint.cells
                if self.unknown(other) and other not in seen
            }
            seen |= following
            frontier = sorted(following)
        return None

    # ---------------------------------------------------------------- checks

    def checks(self) -> list[Check]:
        """Every expression the requirement protects, with the current masks."""
        k = self.k
        result = []
        for cell in sorted(set(self.hidden) | self.problem.masked_before):
            primary = cell not in self.problem.exempt and (
                cell in self.problem.primary_before
                or (cell in self.problem.candidates and 1 <= self.values[cell] < k))
            result.append(Check(cell, ((cell, 1.0),), "primary" if primary else "masked"))
        for new, old, _label in self.problem.differences:
            change = self.values[new] - self.values[old]
            if 1 <= abs(change) < k:
                result.append(Check(f"{new} − {old}", ((new, 1.0), (old, -1.0)), "difference"))
        return result

    def balance(self) -> None:
        """Until no equality has exactly one unknown and no latent cell (it would be
        computable at once): mask one more cell there. Spares the solver most rounds."""
        changed = True
        while changed:
            changed = False
            for constraint in self.constraints:
                if not constraint.is_equality:
                    continue
                unknown = [c for c in constraint.cells if self.unknown(c)]
                if len(unknown) != 1 or unknown[0] in self.problem.latent:
                    continue
                candidate = self.cheapest(constraint)
                if candidate is not None:
                    self.hidden[candidate] = _secondary(candidate, constraint.label)
                    changed = True

    def exposed(self) -> tuple[list[Check], Attacker]:
        """The checks the attacker currently breaks, and the attacker."""
        unknown = set(self.hidden) | self.problem.masked_before | self.problem.latent
        lower = {c: 0 if c in self.problem.latent else 1 for c in unknown}
        attacker = Attacker(self.values, self.constraints, unknown, lower)
        broken = []
        failing: set[str] = set()
        for check in self.checks():
            if check.name in self.satisfied:
                continue
            roots = frozenset(attacker.group_of[c] for c, _ in check.terms
                              if c in attacker.unknown)
            if roots & failing:
                continue  # one fix per group and round: the rest waits for the next round
            truth = sum(c * self.values[cell] for cell, c in check.terms)
            if attacker.holds(check, self.k, truth):
                self.satisfied.add(check.name)
            else:
                broken.append(check)
                failing |= roots
        return broken, attacker

    def fix(self, check: Check) -> bool:
        """Mask one more cell so that ``check`` may hold; ``False`` when none is left."""
        own = [c for c, _ in check.terms if self.publishable(c)]
        if check.kind == "difference" and own:
            self.hidden[own[0]] = _difference(own[0], self.difference_labels[own[0]])
            return True
        found = self.nearest([c for c, _ in check.terms])
        if found is None:
            return False
        cell, constraint = found
        self.hidden[cell] = _secondary(cell, constraint.label)
        return True

    def give_up(self, check: Check) -> None:
        """Accept a broken ``check`` that no cell of this release can fix any more.

        Only with earlier releases of the year: masking every cell of this release
        would still leave it pinned, by what those releases published (a zero, then a
        change the attacker is assumed to bound). Refusing the release would change
        nothing of what already left, and would block every later release of the year;
        the cell stays masked and its reason says so.
        """
        self.satisfied.add(check.name)
        cell = check.terms[0][0]
        if cell in self.hidden:
            note = self.hidden[cell]
            self.hidden[cell] = Suppression(
                cell, note.reason, f"{note.explanation} ; {BOUND_BEFORE_TEXT}")

    def run(self) -> dict[str, Suppression]:
        for cell in sorted(self.problem.candidates):
            if 1 <= self.values[cell] < self.k:
                self.hidden[cell] = _primary(cell, self.k)
        for cell, note in sorted(self.problem.seed.items()):
            if self.publishable(cell):
                self.hidden[cell] = note
        for _round in range(len(self.problem.candidates) + 1):
            self.balance()
            broken, attacker = self.exposed()
            if not broken:
                return dict(sorted(self.hidden.items()))
            # One cell per group of linked unknowns and per round: masking a cell may
            # free the other checks of its group, which the next round sees.
            touched: set[str] = set()
            added = False
            for check in broken:
                roots = {attacker.group_of.get(c, c) for c, _ in check.terms}
                if roots & touched:
                    continue
                if self.fix(check):
                    added = True
                    touched |= roots
                elif self.earlier:
                    self.give_up(check)
                    added = True
            if not added:
                break
        raise _cannot_protect()


def suppress(problem: Problem, k: int = DEFAULT_THRESHOLD) -> dict[str, Suppression]:
    """Decide which cells of ``problem.candidates`` to mask; returns ``{cell: Suppression}``.

    Primary: candidates with ``1 ≤ n < k``; then the seed; then secondary cells (smallest
    non-zero first) until the attacker breaks none of the three rules of the module
    docstring. Zeros are never masked.

    With earlier releases of the same year, a check that no cell of this release can
    fix (the earlier releases alone pin the cell) is accepted: the cell stays masked,
    with :data:`BOUND_BEFORE_TEXT` in its reason (see :meth:`_Suppressor.give_up`).

    Raises:
        DisclosureError: ``k`` below 3, or a cell of a first release cannot be protected
            (no cell left to mask near it).
    """
    check_threshold(k)
    return _Suppressor(problem, k).run()
