"""The joint disclosure problem of a release and of the releases it can be compared with.

The Département keeps every file a service sends. A new release is therefore protected
together with (DESIGN.md §5, issue #11):

* every earlier release of the **same year**: the attacker differences them. Between two
  releases of a year, the attacker is assumed to know how the data changed in general
  terms — whether counts only went down (erasures), only up (additions) or both, and by
  at most how much for a count of people and for a count of records (the largest true
  change of each) — which is as much as it could guess from the totals. Every count
  whose true change is between 1 and k−1 people must keep an uncertain difference;
* the releases of the **years next to it**: the young people still supported in year N
  (« poursuivis ») were supported in year N−1, so ``supported − new`` of N is at most
  ``supported`` of N−1, in total, by sex, and by sex among the youngest brackets (a year
  later nobody is younger); each relation is used when it holds on the true values.

Each file's cells are prefixed by a tag (``N:``, ``N-1:``, ``r12:`` for release 12). Cells
masked in the latest release of the same year are masked again first (*earlier*), so
that re-releasing unchanged data gives the same file.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sps_desk.enums import Sex
from sps_desk.reports.disclosure import Constraint, Problem, Suppression, at_most, between
from sps_desk.reports.export_summary import table_of
from sps_desk.reports.file_builder import ProtectedCells, protected_cells
from sps_desk.reports.statistics_file import StatisticsFile

_RECORD_CELLS = ("durations.", "supported.supports_active", "referrals", "concern_reports",
                 "collective_actions.families")
"""Cells that count records (supports, referrals, reports) or families, not people."""


@dataclass(frozen=True)
class Member:
    """One file of the joint problem: ``tag`` (cell prefix), its year, its full file
    (every value) and, for a release already made, its masked cells and number."""

    tag: str
    full: StatisticsFile
    masked: frozenset[str] | None = None
    number: int = 0

    @property
    def year(self) -> int:
        """The file's civil year."""
        return self.full.year

    @property
    def released(self) -> bool:
        """Whether this file has already left (its masks are fixed)."""
        return self.masked is not None


def _is_record(path: str) -> bool:
    return path.startswith(_RECORD_CELLS)


def _prefixed(tag: str, constraint: Constraint) -> Constraint:
    return Constraint(tuple((f"{tag}:{cell}", c) for cell, c in constraint.terms),
                      constraint.low, constraint.high, constraint.label)


def _change_bounds(new: ProtectedCells, old: ProtectedCells,
                   paths: Sequence[str]) -> dict[bool, tuple[int, int]]:
    """For people (``False``) and records (``True``): what the attacker is assumed to
    know of the changes ``new − old``: a sign when all go one way, and the largest."""
    bounds = {}
    for records in (False, True):
        changes = [new.values[p] - old.values[p] for p in paths if _is_record(p) == records]
        largest = max((abs(c) for c in changes), default=0)
        low = 0 if all(c >= 0 for c in changes) else -largest
        high = 0 if all(c <= 0 for c in changes) else largest
        bounds[records] = (low, high)
    return bounds


def _next_year_relations(a: Member, b: Member, cells: dict[str, ProtectedCells]
                         ) -> list[Constraint]:
    """Year ``b`` follows year ``a``: the young continuing in ``b`` were supported in
    ``a`` — in total, by sex, and by sex among the youngest brackets (a year later, nobody
    is younger) — when the true values agree."""
    first, second = cells[a.tag], cells[b.tag]
    label = "Jeunes accompagnés poursuivis d'une année sur l'autre"
    groups: list[tuple[list[str], list[str], list[str]]] = [
        (["supported.total"], ["supported.new"], ["supported.total"])]
    for sex in Sex:
        groups.append(([f"supported.by_sex_age.sex_totals.{sex.value}"],
                       [f"supported.new_by_sex_age.sex_totals.{sex.value}"],
                       [f"supported.by_sex_age.sex_totals.{sex.value}"]))
    keys = [k.key for k in b.full.age_brackets]
    if keys == [k.key for k in a.full.age_brackets]:
        known = [k for k in keys if _ages_known(k)]
        for end in range(1, len(known)):
            youngest = known[:end]
            for sex in Sex:
                groups.append((
                    [f"supported.by_sex_age.cells.{k}.{sex.value}" for k in youngest],
                    [f"supported.new_by_sex_age.cells.{k}.{sex.value}" for k in youngest],
                    [f"supported.by_sex_age.cells.{k}.{sex.value}" for k in youngest]))
    result = []
    for supported, new, before in groups:
        cells_there = set(supported) | set(new)
        if not cells_there <= second.values.keys() or not set(before) <= first.values.keys():
            continue
        continuing = sum(second.values[c] for c in supported) - sum(
            second.values[c] for c in new)
        if continuing <= sum(first.values[c] for c in before):
            result.append(at_most([f"{b.tag}:{c}" for c in supported],
                                  [f"{b.tag}:{c}" for c in new]
                                  + [f"{a.tag}:{c}" for c in before], label))
    return result


def _ages_known(key: str) -> bool:
    """Whether a bracket key is an age range (not « unknown »)."""
    return key.startswith(("lt", "ge")) or key[:1].isdigit()


@dataclass(frozen=True)
class Joint:
    """A joint problem, and ``republished``: cells of an unreleased member that an
    earlier release of the year already published with a value that cannot have
    changed (no count of their kind changed): the attacker knows them, masking them
    would protect nothing, so they are not candidates (a small one is still masked, as
    a matter of form, by the release)."""

    problem: Problem
    republished: frozenset[str]


def joint_problem(members: Sequence[Member], k: int) -> Joint:
    """The disclosure problem of the unreleased ``members`` together with the released.

    The candidates are the cells of the unreleased members; released members contribute
    their published values, their masked cells (unknowns), the differences to check and
    the relations across years.
    """
    cells = {m.tag: protected_cells(m.full) for m in members}
    values: dict[str, int] = {}
    constraints: list[Constraint] = []
    latent: set[str] = set()
    candidates: set[str] = set()
    masked_before: set[str] = set()
    primary_before: set[str] = set()
    for member in members:
        own = cells[member.tag]
        values.update({f"{member.tag}:{c}": v for c, v in own.values.items()})
        constraints += [_prefixed(member.tag, c) for c in own.constraints]
        latent |= {f"{member.tag}:{c}" for c in own.latent}
        if member.masked is None:
            candidates |= {f"{member.tag}:{c}" for c in own.values}
        else:
            masked_before |= {f"{member.tag}:{c}" for c in member.masked}
            primary_before |= {f"{member.tag}:{c}" for c in member.masked
                               if 1 <= own.values.get(c, 0) < k}
    seed: dict[str, Suppression] = {}
    republished: set[str] = set()
    exempt: set[str] = set()
    differences: list[tuple[str, str, str]] = []
    by_year: dict[int, list[Member]] = {}
    for member in members:
        by_year.setdefault(member.year, []).append(member)
    for same_year in by_year.values():
        for index, new in enumerate(same_year):
            for old in same_year[:index]:
                paths = sorted(cells[new.tag].values.keys() & cells[old.tag].values.keys())
                bounds = _change_bounds(cells[new.tag], cells[old.tag], paths)
                for path in paths:
                    low, high = bounds[_is_record(path)]
                    old_published = old.released and path not in (old.masked or ())
                    if (low, high) == (0, 0) and old_published:
                        # Unchanged and already published: the attacker knows it.
                        republished.add(f"{new.tag}:{path}")
                    elif (low, high) == (0, 0) and new.released and path not in (
                            new.masked or ()):
                        republished.add(f"{old.tag}:{path}")
                    if (old_published and not new.released
                            and values[f"{old.tag}:{path}"] + high < k):
                        # An earlier release (under a smaller k) published it below k.
                        exempt.add(f"{new.tag}:{path}")
                    constraints.append(between(
                        ((f"{new.tag}:{path}", 1.0), (f"{old.tag}:{path}", -1.0)), low, high,
                        table_of(path)))
                    if not new.released and old.released:
                        differences.append(
                            (f"{new.tag}:{path}", f"{old.tag}:{path}", table_of(path)))
        latest = [m for m in same_year if m.released]
        for member in same_year:
            if member.released or not latest:
                continue
            before = latest[-1]
            for path in sorted(before.masked or ()):
                seed[f"{member.tag}:{path}"] = Suppression(
                    f"{member.tag}:{path}", "earlier",
                    f"déjà masquée dans la diffusion n° {before.number} de {before.year}")
    for year, group in by_year.items():
        for later in by_year.get(year + 1, []):
            for earlier in group:
                constraints += _next_year_relations(earlier, later, cells)
    # A masked cell of a release that another release of the year published unchanged
    # is known anyway: it stays an unknown of the model, without a check of its own.
    moot = republished & masked_before
    problem = Problem(
        values=values, constraints=constraints, candidates=frozenset(candidates - republished),
        masked_before=frozenset(masked_before - moot), latent=frozenset(latent | moot),
        seed=seed, differences=[d for d in differences if d[0] not in republished],
        primary_before=frozenset(primary_before - moot), exempt=frozenset(exempt),
    )
    return Joint(problem, frozenset(republished - moot))
