"""Build the de-identified :class:`StatisticsFile`: the full file, its cells, its masks.

:func:`full_file` lays a year's :class:`AnnualStatistics` out as a statistics file with
every value (the internal version). :func:`protected_cells` reads such a file: every
count of people becomes a named cell (its path, e.g. ``supported.by_sex_age.cells.11-15.F``)
with its place(s) in the JSON, and every relation a reader of the file can use becomes a
:class:`~sps_desk.reports.disclosure.Constraint`:

* each sex × age table of people: row and column margins and the grand total;
* young supported ⊂ young known, and new ⊂ supported, cell by cell;
* new + continuing = supported; young supported ≤ supports active;
* the priority publics (11-15 and 16-21) lie between the brackets inside their ages and
  the brackets that meet them (equal to their sum when the brackets tile them);
* a problématique ≤ young supported (multi-choice);
* durations add up to the supports active, and the supports started in the year (the
  three brackets under one year) are at least the new young, who have no other;
* collective actions: young = coded + anonymous; coded ≤ young known; each kind of
  action has coded young (each ≤ coded, their sum ≥ coded) and anonymous young (their sum
  = anonymous) — *latent* unknowns, never published;
* referrals and concern reports: lines add up to their total; an absent line is a zero.

:func:`mask` then writes ``None`` at the masked cells. A percentage is published only
when both of its counts are (a published percentage of a published base would give the
count back). Hours, numbers of actions and contacts (encounters) are not counts of
people and are published as they are (issue #5). Referrals, concern reports and
supports by duration are records about individuals and are protected like people.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from typing import Any

from sps_desk.enums import CollectiveActionType, ConcernAddressee, PartnerType, Sex
from sps_desk.reports import statistics_file as sf
from sps_desk.reports.disclosure import Constraint, at_most, total
from sps_desk.reports.model import AnnualStatistics, SexAgeTable

PRIORITY_AGES = range(11, 16)
"""« 11-16 ans »: 11 to 15 completed years (référentiel § Les publics)."""
YOUNG_ADULT_AGES = range(16, 22)
"""« 16 à 21 ans »: 16 to 21 completed years."""
UNDER_ONE_YEAR = ("lt3m", "3-6m", "6-12m")
"""Duration brackets of a support that started in the reporting year."""

DERIVED_REASON = "pourcentage calculé à partir d'une valeur masquée"

Pointer = tuple[str | int, ...]
"""Where a value sits in the file's JSON: keys and list indexes from the root."""


@dataclass
class ProtectedCells:
    """The counts of people of one file and what a reader knows about them.

    ``values``: raw count by cell path; ``constraints``: relations between cells;
    ``latent``: unknowns those relations use that are never published; ``places``: the
    JSON pointers of each cell (a total may appear twice); ``percents``: pointer of each
    percentage → the cells it is computed from.
    """

    values: dict[str, int] = field(default_factory=dict)
    constraints: list[Constraint] = field(default_factory=list)
    latent: set[str] = field(default_factory=set)
    places: dict[str, list[Pointer]] = field(default_factory=dict)
    percents: dict[str, tuple[Pointer, tuple[str, ...]]] = field(default_factory=dict)

    def add(self, name: str, value: int, *places: Pointer) -> str:
        """Register cell ``name`` with its raw count and JSON places; returns the name."""
        self.values[name] = value
        self.places.setdefault(name, []).extend(places)
        return name

    def total(self, whole: str, parts: Sequence[str], label: str) -> None:
        """Record that ``parts`` add up to ``whole`` (``label``: French table name)."""
        self.constraints.append(total(whole, parts, label))

    def at_most(self, smaller: Sequence[str], larger: Sequence[str], label: str) -> None:
        """Record that the sum of ``smaller`` is at most the sum of ``larger``."""
        self.constraints.append(at_most(smaller, larger, label))


def _bracket_range(key: str) -> range | None:
    """Ages of a bracket key (``lt11``, ``11-15``, ``ge22``); ``None`` for unknown."""
    if key.startswith("lt"):
        return range(0, int(key[2:]))
    if key.startswith("ge"):
        return range(int(key[2:]), 131)
    if "-" in key:
        low, high = key.split("-")
        return range(int(low), int(high) + 1)
    return None


def _age_bounds(keys: Sequence[str], ages: range) -> tuple[list[str], list[str]]:
    """Brackets inside ``ages`` and brackets that meet ``ages`` (unknown excluded)."""
    inside, meeting = [], []
    for key in keys:
        span = _bracket_range(key)
        if span is None:
            continue
        if span.start >= ages.start and span.stop <= ages.stop:
            inside.append(key)
        if span.start < ages.stop and ages.start < span.stop:
            meeting.append(key)
    return inside, meeting


def _count(value: int | str | None) -> int:
    if not isinstance(value, int):
        raise ValueError("a full statistics file has every count")  # a masked file
    return value


def _sex_age_cells(
    cells: ProtectedCells, prefix: str, at: Pointer, table: sf.SexAgeCounts, total_cell: str,
    label: str,
) -> None:
    rows = []
    for bracket, by_sex in table.cells.items():
        parts = [cells.add(f"{prefix}.cells.{bracket}.{sex}", _count(n),
                           (*at, "cells", bracket, sex)) for sex, n in by_sex.items()]
        row = cells.add(f"{prefix}.bracket_totals.{bracket}",
                        _count(table.bracket_totals[bracket]), (*at, "bracket_totals", bracket))
        cells.total(row, parts, label)
        rows.append(row)
    columns = []
    for sex, value in table.sex_totals.items():
        parts = [f"{prefix}.cells.{bracket}.{sex}" for bracket in table.cells]
        column = cells.add(f"{prefix}.sex_totals.{sex}", _count(value), (*at, "sex_totals", sex))
        cells.total(column, parts, label)
        columns.append(column)
    cells.add(total_cell, _count(table.total), (*at, "total"))
    cells.total(total_cell, rows, label)
    cells.total(total_cell, columns, label)


def _inside(cells: ProtectedCells, small: str, large: str, table: sf.SexAgeCounts,
            label: str) -> None:
    """Table ``small`` counts a subset of the people of ``large``, cell by cell."""
    for bracket, by_sex in table.cells.items():
        for sex in by_sex:
            cells.at_most([f"{small}.cells.{bracket}.{sex}"], [f"{large}.cells.{bracket}.{sex}"],
                          label)


def _supported(cells: ProtectedCells, full: sf.StatisticsFile) -> None:
    s = full.supported
    _sex_age_cells(cells, "supported.by_sex_age", ("supported", "by_sex_age"), s.by_sex_age,
                   "supported.total", "Jeunes accompagnés par sexe et âge")
    _sex_age_cells(cells, "supported.new_by_sex_age", ("supported", "new_by_sex_age"),
                   s.new_by_sex_age, "supported.new",
                   "Nouveaux jeunes accompagnés par sexe et âge")
    cells.places["supported.total"].append(("supported", "total"))
    cells.places["supported.new"].append(("supported", "new"))
    _inside(cells, "supported.by_sex_age", "contacts.young_known", s.by_sex_age,
            "Jeunes accompagnés parmi les jeunes connus")
    _inside(cells, "supported.new_by_sex_age", "supported.by_sex_age", s.new_by_sex_age,
            "Nouveaux jeunes accompagnés")
    cells.add("supported.continuing", _count(s.continuing), ("supported", "continuing"))
    cells.total("supported.total", ["supported.new", "supported.continuing"],
                "Jeunes accompagnés : nouveaux et poursuivis")
    cells.add("supported.supports_active", _count(s.supports_active),
              ("supported", "supports_active"))
    cells.at_most(["supported.total"], ["supported.supports_active"], "Accompagnements actifs")
    keys = list(s.by_sex_age.cells)
    for name, ages in (("priority_11_15", PRIORITY_AGES), ("public_16_21", YOUNG_ADULT_AGES)):
        cell = cells.add(f"supported.{name}", _count(getattr(s, name)), ("supported", name))
        cells.percents[f"supported.{name}_share"] = (
            ("supported", f"{name}_share"), (cell, "supported.total"))
        inside, meeting = _age_bounds(keys, ages)
        brackets = "supported.by_sex_age.bracket_totals."
        if inside == meeting:
            cells.total(cell, [brackets + k for k in inside], "Jeunes accompagnés par âge")
        else:
            cells.at_most([brackets + k for k in inside], [cell], "Jeunes accompagnés par âge")
            cells.at_most([cell], [brackets + k for k in meeting], "Jeunes accompagnés par âge")


def _supports(cells: ProtectedCells, full: sf.StatisticsFile) -> None:
    cells.places["supported.total"].append(("problems", "young_supported"))
    for index, line in enumerate(full.problems.lines):
        cell = cells.add(f"problems.{line.key}", _count(line.young),
                         ("problems", "lines", index, "young"))
        cells.percents[f"problems.{line.key}.percent"] = (
            ("problems", "lines", index, "percent_of_young"), (cell, "supported.total"))
        cells.at_most([cell], ["supported.total"], "Problématiques")
    cells.places["supported.supports_active"].append(("durations", "supports"))
    durations = [cells.add(f"durations.{line.key}", _count(line.supports),
                           ("durations", "lines", index, "supports"))
                 for index, line in enumerate(full.durations.lines)]
    cells.total("supported.supports_active", durations, "Durée de l'accompagnement")
    started = [f"durations.{key}" for key in UNDER_ONE_YEAR if f"durations.{key}" in cells.values]
    cells.at_most(["supported.new"], started, "Durée de l'accompagnement")


def _collective(cells: ProtectedCells, full: sf.StatisticsFile) -> None:
    c = full.collective_actions
    label = "Jeunes concernés par les actions collectives"
    at = "collective_actions"
    cells.add(f"{at}.young", _count(c.young), (at, "young"))
    cells.add(f"{at}.coded_young", _count(c.coded_young), (at, "coded_young"))
    cells.add(f"{at}.anonymous_young", _count(c.anonymous_young), (at, "anonymous_young"))
    cells.total(f"{at}.young", [f"{at}.coded_young", f"{at}.anonymous_young"], label)
    cells.at_most([f"{at}.coded_young"], ["contacts.young_known.total"], label)
    held = {line.key: (index, line.young) for index, line in enumerate(c.by_type)}
    kind_label = "Actions collectives par type"
    coded_parts, anonymous_parts = [], []
    for kind in CollectiveActionType:
        index, young = held.get(kind.value, (None, 0))
        cell = f"{at}.by_type.{kind.value}"
        if index is None:
            cells.add(cell, 0)
            continue
        cells.add(cell, _count(young), (at, "by_type", index, "young"))
        coded, anonymous = f"{cell}.coded", f"{cell}.anonymous"
        cells.latent |= {coded, anonymous}
        cells.total(cell, [coded, anonymous], kind_label)
        cells.at_most([coded], [f"{at}.coded_young"], kind_label)
        coded_parts.append(coded)
        anonymous_parts.append(anonymous)
    cells.total(f"{at}.anonymous_young", anonymous_parts, kind_label)
    cells.at_most([f"{at}.coded_young"], coded_parts, kind_label)
    if c.families != "NR":
        cells.add(f"{at}.families", _count(c.families), (at, "families"))


def _records(cells: ProtectedCells, full: sf.StatisticsFile) -> None:
    for section, kinds, lines, count, label in (
        ("referrals", PartnerType, full.referrals, full.referrals_total, "Orientations"),
        ("concern_reports", ConcernAddressee, full.concern_reports,
         full.concern_reports_total, "Informations préoccupantes"),
    ):
        present = {line.key: (index, line.count) for index, line in enumerate(lines)}
        parts = []
        for kind in kinds:
            index, value = present.get(kind.value, (None, 0))
            place = () if index is None else ((section, index, "count"),)
            parts.append(cells.add(f"{section}.{kind.value}", _count(value), *place))
        cells.add(f"{section}_total", _count(count), (f"{section}_total",))
        cells.total(f"{section}_total", parts, label)


def protected_cells(full: sf.StatisticsFile) -> ProtectedCells:
    """Every count of people of a full file (nothing masked) as a named cell, and every
    relation a reader of the file can use (what the suppression protects).

    Raises:
        ValueError: ``full`` has masked counts.
    """
    cells = ProtectedCells()
    _sex_age_cells(cells, "contacts.young_known", ("contacts", "young_known"),
                   full.contacts.young_known, "contacts.young_known.total",
                   "Jeunes connus par sexe et âge")
    _supported(cells, full)
    _supports(cells, full)
    _collective(cells, full)
    _records(cells, full)
    return cells


def _sex_age(table: SexAgeTable) -> sf.SexAgeCounts:
    return sf.SexAgeCounts(
        unit=table.unit, cells=table.cells,
        bracket_totals={b: table.bracket_total(b) for b in table.cells},
        sex_totals={s.value: table.sex_total(s.value) for s in Sex},
        total=table.total)


FIRST_RELEASE = sf.ReleaseInfo(number=1, month="2000-01", replaces=None)
"""Placeholder release block of a full file (the release fills the real one)."""


def full_file(
    stats: AnnualStatistics,
    *,
    service_id: str,
    threshold: int,
    chief_sections: Sequence[sf.ChiefSection],
    release: sf.ReleaseInfo = FIRST_RELEASE,
) -> sf.StatisticsFile:
    """``stats`` laid out as a statistics file with every value (nothing masked).

    ``service_id`` is the Service record's UUID (text); ``threshold`` is ``k`` (≥ 3).
    This is the internal version: it never leaves as it is (see :func:`mask`).
    """
    supported = stats.supported
    collective = stats.collective_actions
    content = dict(
        generator=stats.generator,
        year=stats.year,
        service=sf.ServiceInfo(id=service_id, name=stats.service_name,
                               managing_body=stats.managing_body),
        sectors=[sf.Sector(commune=s.commune, neighbourhood=s.neighbourhood)
                 for s in stats.sectors],
        team=[sf.TeamRole(role=t.role, label=t.label, headcount=t.headcount, fte=t.fte)
              for t in stats.team],
        team_fte_total=stats.team_fte_total,
        age_brackets=[sf.Labelled(key=b.key, label=b.label) for b in stats.age_brackets],
        sexes=[sf.Labelled(key=s.value, label=s.label) for s in Sex],
        hours=sf.HoursTable(
            columns=[sf.HoursColumn(key=c.key, label=c.label, hours=c.hours,
                                    counted_in=c.counted_in) for c in stats.hours.columns],
            total=stats.hours.total),
        contacts=sf.ContactsTable(
            field_sessions=stats.contacts.field_sessions,
            field_sessions_by_kind=stats.contacts.field_sessions_by_kind,
            contacts_total=stats.contacts.contacts_total,
            anonymous_contacts=_sex_age(stats.contacts.anonymous_contacts),
            coded_contacts=stats.contacts.coded_contacts,
            young_known=_sex_age(stats.contacts.young_known),
            adults_met=stats.contacts.adults_met,
            partners_met=stats.contacts.partners_met),
        supported=sf.SupportedTable(
            total=supported.total, new=supported.new, continuing=supported.continuing,
            by_sex_age=_sex_age(supported.by_sex_age),
            new_by_sex_age=_sex_age(supported.new_by_sex_age),
            priority_11_15=supported.priority_11_15,
            priority_11_15_share=supported.priority_11_15_share,
            public_16_21=supported.public_16_21,
            public_16_21_share=supported.public_16_21_share,
            supports_active=supported.supports_active),
        problems=sf.ProblemsTable(
            young_supported=stats.problems.young_supported,
            lines=[sf.ProblemLine(key=line.key, label=line.label, young=line.young,
                                  percent_of_young=line.percent_of_young)
                   for line in stats.problems.lines]),
        durations=sf.DurationsTable(
            supports=stats.durations.supports,
            lines=[sf.DurationLine(key=line.key, label=line.label, supports=line.supports)
                   for line in stats.durations.lines]),
        collective_actions=sf.CollectiveTable(
            actions=collective.actions, sessions=collective.sessions,
            young=collective.young, coded_young=collective.coded_young,
            anonymous_young=collective.anonymous_young, families=collective.families,
            actions_families_not_recorded=collective.actions_families_not_recorded,
            hours=collective.hours,
            by_type=[sf.ActionTypeLine(key=line.key, label=line.label, actions=line.actions,
                                       young=line.young, hours=line.hours)
                     for line in collective.by_type]),
        referrals=[sf.CountLine(key=line.key, label=line.label, count=line.count)
                   for line in stats.referrals],
        referrals_total=stats.referrals_total,
        concern_reports=[sf.CountLine(key=line.key, label=line.label, count=line.count)
                         for line in stats.concern_reports],
        concern_reports_total=stats.concern_reports_total,
        chief_sections=list(chief_sections),
        disclosure=sf.DisclosureInfo(threshold=threshold),
        release=release,
    )
    return _checksummed(sf.StatisticsFile.model_construct(**content, sha256="0" * 64)
                        .model_dump(mode="json"))


def _checksummed(data: dict[str, Any]) -> sf.StatisticsFile:
    data["sha256"] = sf.content_sha256(data)
    return sf.StatisticsFile.model_validate(data)


def _set(data: dict[str, Any], pointer: Pointer, value: object) -> None:
    target: Any = data
    for step in pointer[:-1]:
        target = target[step]
    target[pointer[-1]] = value


@dataclass(frozen=True)
class Masked:
    """A file with its masks applied, and ``derived``: each masked percentage's path
    and its French reason."""

    file: sf.StatisticsFile
    derived: dict[str, str]


def mask(
    full: sf.StatisticsFile, masked: Collection[str], release: sf.ReleaseInfo | None = None
) -> Masked:
    """``full`` with the cells of ``masked`` (paths) set to ``None``, each percentage
    computed from a masked cell too (but the 0 % of a published zero), the ``release``
    block set, checksummed.

    Deterministic: same input, same file.
    """
    cells = protected_cells(full)
    hidden = set(masked)
    data = full.model_dump(mode="json")
    for cell in sorted(hidden):
        for pointer in cells.places.get(cell, []):
            _set(data, pointer, None)
    derived = {}
    for name, (pointer, sources) in sorted(cells.percents.items()):
        # 0 % of any total is 0 %: a published zero's share reveals nothing of a masked
        # total (« les zéros sont publiés », their shares too).
        numerator = sources[0]
        if numerator not in hidden and cells.values.get(numerator) == 0:
            continue
        if hidden.intersection(sources):
            if _value_at(data, pointer) is not None:
                derived[name] = DERIVED_REASON
            _set(data, pointer, None)
    if release is not None:
        data["release"] = release.model_dump(mode="json")
    return Masked(_checksummed(data), derived)


def _value_at(data: dict[str, Any], pointer: Pointer) -> object:
    target: Any = data
    for step in pointer:
        target = target[step]
    return target
