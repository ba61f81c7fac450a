"""Build the de-identified :class:`StatisticsFile` from a year's :class:`AnnualStatistics`.

Every count of people becomes a named cell (its path in the file, e.g.
``supported.by_sex_age.cells.11-15.F``) and every relation a reader could use (row and
column margins, grand totals, new + continuing = total, a problématique ≤ young
supported, …) becomes a :class:`~sps_desk.reports.disclosure.Relation`; then
:func:`~sps_desk.reports.disclosure.suppress` decides what to hide, on raw counts.
Hours, numbers of actions and contacts (encounters) are not counts of people and are
published as they are (issue #5). Referrals, concern reports and supports by duration
are records about individuals and are protected like people.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from sps_desk.enums import Sex
from sps_desk.reports import statistics_file as sf
from sps_desk.reports.disclosure import Relation, Suppression, suppress
from sps_desk.reports.model import AnnualStatistics, SexAgeTable


@dataclass
class ProtectedCells:
    """Protected cells (``values``: raw counts by path) and the relations between them."""

    values: dict[str, int] = field(default_factory=dict)
    relations: list[Relation] = field(default_factory=list)

    def add(self, name: str, value: int) -> str:
        """Register cell ``name`` with its raw count; returns the name."""
        self.values[name] = value
        return name

    def total(self, whole: str, parts: Sequence[str], label: str) -> None:
        """Record that ``parts`` add up to ``whole`` (``label``: French table name)."""
        self.relations.append(Relation(whole, tuple(parts), label))

    def at_most(self, parts: Sequence[str], whole: str, label: str) -> None:
        """Record that each of ``parts`` is at most ``whole``."""
        self.relations.append(Relation(whole, tuple(parts), label, kind="le"))


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


def _covering(keys: Sequence[str], ages: range) -> list[str] | None:
    """Brackets whose union is exactly ``ages``, or ``None`` when they do not tile it."""
    inside = [k for k in keys if (r := _bracket_range(k)) and r.start >= ages.start
              and r.stop <= ages.stop]
    covered = sorted(a for k in inside for a in _bracket_range(k) or ())
    return inside if covered == list(ages) else None


def _sex_age_cells(
    cells: ProtectedCells, prefix: str, table: SexAgeTable, total: str, label: str
) -> None:
    rows = []
    for bracket, by_sex in table.cells.items():
        parts = [cells.add(f"{prefix}.cells.{bracket}.{sex}", n) for sex, n in by_sex.items()]
        row = cells.add(f"{prefix}.bracket_totals.{bracket}", table.bracket_total(bracket))
        cells.total(row, parts, label)
        rows.append(row)
    columns = []
    for sex in Sex:
        parts = [f"{prefix}.cells.{bracket}.{sex.value}" for bracket in table.cells]
        column = cells.add(f"{prefix}.sex_totals.{sex.value}", table.sex_total(sex.value))
        cells.total(column, parts, label)
        columns.append(column)
    cells.add(total, table.total)
    cells.total(total, rows, label)
    cells.total(total, columns, label)


def protected_cells(stats: AnnualStatistics) -> ProtectedCells:
    """Every count of people of ``stats`` as a named cell, and every relation between
    them that a reader of the file could use (what :func:`suppress` protects)."""
    cells = ProtectedCells()
    _sex_age_cells(cells, "contacts.young_known", stats.contacts.young_known,
                   "contacts.young_known.total", "Jeunes connus par sexe et âge")
    supported = stats.supported
    _sex_age_cells(cells, "supported.by_sex_age", supported.by_sex_age, "supported.total",
                   "Jeunes accompagnés par sexe et âge")
    _sex_age_cells(cells, "supported.new_by_sex_age", supported.new_by_sex_age, "supported.new",
                   "Nouveaux jeunes accompagnés par sexe et âge")
    cells.add("supported.continuing", supported.continuing)
    cells.total("supported.total", ["supported.new", "supported.continuing"],
                "Jeunes accompagnés : nouveaux et poursuivis")
    for bracket in supported.by_sex_age.cells:
        for sex in Sex:
            cells.at_most([f"supported.new_by_sex_age.cells.{bracket}.{sex.value}"],
                          f"supported.by_sex_age.cells.{bracket}.{sex.value}",
                          "Nouveaux jeunes accompagnés par sexe et âge")
    cells.at_most(["supported.total"], "contacts.young_known.total", "Jeunes connus")
    cells.add("supported.supports_active", supported.supports_active)
    cells.at_most(["supported.total"], "supported.supports_active", "Accompagnements actifs")
    keys = list(supported.by_sex_age.cells)
    for name, value, ages in (
        ("supported.priority_11_15", supported.priority_11_15, range(11, 16)),
        ("supported.public_16_21", supported.public_16_21, range(16, 22)),
    ):
        cells.add(name, value)
        tiles = _covering(keys, ages)
        if tiles is not None:
            cells.total(name, [f"supported.by_sex_age.bracket_totals.{k}" for k in tiles],
                        "Jeunes accompagnés par âge")
        cells.at_most([name], "supported.total", "Jeunes accompagnés par âge")
    problem_cells = [cells.add(f"problems.{line.key}", line.young)
                     for line in stats.problems.lines]
    cells.at_most(problem_cells, "supported.total", "Problématiques")
    duration_cells = [cells.add(f"durations.{line.key}", line.supports)
                      for line in stats.durations.lines]
    cells.total("supported.supports_active", duration_cells, "Durée de l'accompagnement")
    collective = stats.collective_actions
    cells.add("collective_actions.young", collective.young)
    cells.add("collective_actions.coded_young", collective.coded_young)
    cells.add("collective_actions.anonymous_young", collective.anonymous_young)
    cells.total("collective_actions.young",
                ["collective_actions.coded_young", "collective_actions.anonymous_young"],
                "Jeunes concernés par les actions collectives")
    type_cells = [cells.add(f"collective_actions.by_type.{line.key}", line.young)
                  for line in collective.by_type]
    cells.at_most(type_cells, "collective_actions.young", "Actions collectives par type")
    if collective.families != "NR":
        cells.add("collective_actions.families", collective.families)
    for section, lines, total in (
        ("referrals", stats.referrals, stats.referrals_total),
        ("concern_reports", stats.concern_reports, stats.concern_reports_total),
    ):
        parts = [cells.add(f"{section}.{line.key}", line.count) for line in lines]
        cells.add(f"{section}_total", total)
        label = "Orientations" if section == "referrals" else "Informations préoccupantes"
        cells.total(f"{section}_total", parts, label)
    return cells


class _Publisher:
    """Reads raw values through the suppression decisions."""

    def __init__(self, cells: ProtectedCells, hidden: dict[str, Suppression]) -> None:
        self.cells = cells
        self.hidden = hidden
        self.derived: list[sf.SuppressionNote] = []

    def __call__(self, name: str) -> int | None:
        return None if name in self.hidden else self.cells.values[name]

    def percent(self, name: str, value: float | None, *sources: str) -> float | None:
        """A percentage, hidden when any cell it is computed from is hidden."""
        if any(source in self.hidden for source in sources):
            if value is not None:
                self.derived.append(sf.SuppressionNote(
                    cell=name, reason="derived",
                    explanation="pourcentage calculé à partir d'une valeur masquée"))
            return None
        return value

    def sex_age(self, prefix: str, table: SexAgeTable, total: str) -> sf.SexAgeCounts:
        if table.unit == "contacts":
            return sf.SexAgeCounts(
                unit="contacts", cells=table.cells,
                bracket_totals={b: table.bracket_total(b) for b in table.cells},
                sex_totals={s.value: table.sex_total(s.value) for s in Sex},
                total=table.total)
        return sf.SexAgeCounts(
            unit="people",
            cells={b: {s: self(f"{prefix}.cells.{b}.{s}") for s in row}
                   for b, row in table.cells.items()},
            bracket_totals={b: self(f"{prefix}.bracket_totals.{b}") for b in table.cells},
            sex_totals={s.value: self(f"{prefix}.sex_totals.{s.value}") for s in Sex},
            total=self(total),
        )


def build_statistics_file(
    stats: AnnualStatistics,
    *,
    service_id: str,
    threshold: int,
    chief_sections: Sequence[sf.ChiefSection],
) -> sf.StatisticsFile:
    """The de-identified file of one service and year, suppression applied, checksummed.

    ``service_id`` is the Service record's UUID (text); ``threshold`` is ``k`` (≥ 3).
    Deterministic: same input, same file.

    Raises:
        DisclosureError: ``threshold`` below 3, or secrecy cannot be guaranteed.
    """
    cells = protected_cells(stats)
    hidden = suppress(cells.values, cells.relations, threshold)
    pub = _Publisher(cells, hidden)
    supported = stats.supported
    collective = stats.collective_actions
    families: int | str | None = (
        "NR" if collective.families == "NR" else pub("collective_actions.families")
    )
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
            anonymous_contacts=pub.sex_age("contacts.anonymous_contacts",
                                           stats.contacts.anonymous_contacts, ""),
            coded_contacts=stats.contacts.coded_contacts,
            young_known=pub.sex_age("contacts.young_known", stats.contacts.young_known,
                                    "contacts.young_known.total"),
            adults_met=stats.contacts.adults_met,
            partners_met=stats.contacts.partners_met),
        supported=sf.SupportedTable(
            total=pub("supported.total"),
            new=pub("supported.new"),
            continuing=pub("supported.continuing"),
            by_sex_age=pub.sex_age("supported.by_sex_age", supported.by_sex_age,
                                   "supported.total"),
            new_by_sex_age=pub.sex_age("supported.new_by_sex_age", supported.new_by_sex_age,
                                       "supported.new"),
            priority_11_15=pub("supported.priority_11_15"),
            priority_11_15_share=pub.percent(
                "supported.priority_11_15_share", supported.priority_11_15_share,
                "supported.priority_11_15", "supported.total"),
            public_16_21=pub("supported.public_16_21"),
            public_16_21_share=pub.percent(
                "supported.public_16_21_share", supported.public_16_21_share,
                "supported.public_16_21", "supported.total"),
            supports_active=pub("supported.supports_active")),
        problems=sf.ProblemsTable(
            young_supported=pub("supported.total"),
            lines=[sf.ProblemLine(
                key=line.key, label=line.label, young=pub(f"problems.{line.key}"),
                percent_of_young=pub.percent(f"problems.{line.key}.percent",
                                             line.percent_of_young, f"problems.{line.key}",
                                             "supported.total"))
                for line in stats.problems.lines]),
        durations=sf.DurationsTable(
            supports=pub("supported.supports_active"),
            lines=[sf.DurationLine(key=line.key, label=line.label,
                                   supports=pub(f"durations.{line.key}"))
                   for line in stats.durations.lines]),
        collective_actions=sf.CollectiveTable(
            actions=collective.actions, sessions=collective.sessions,
            young=pub("collective_actions.young"),
            coded_young=pub("collective_actions.coded_young"),
            anonymous_young=pub("collective_actions.anonymous_young"),
            families=families,
            actions_families_not_recorded=collective.actions_families_not_recorded,
            hours=collective.hours,
            by_type=[sf.ActionTypeLine(key=line.key, label=line.label, actions=line.actions,
                                       young=pub(f"collective_actions.by_type.{line.key}"),
                                       hours=line.hours)
                     for line in collective.by_type]),
        referrals=[sf.CountLine(key=line.key, label=line.label, count=pub(f"referrals.{line.key}"))
                   for line in stats.referrals],
        referrals_total=pub("referrals_total"),
        concern_reports=[sf.CountLine(key=line.key, label=line.label,
                                      count=pub(f"concern_reports.{line.key}"))
                         for line in stats.concern_reports],
        concern_reports_total=pub("concern_reports_total"),
        chief_sections=list(chief_sections),
    )
    notes = [sf.SuppressionNote(cell=s.cell, reason=s.reason, explanation=s.explanation)
             for s in sorted(hidden.values(), key=lambda s: s.cell)]
    content["disclosure"] = sf.DisclosureInfo(threshold=threshold,
                                              suppressions=notes + pub.derived)
    draft = sf.StatisticsFile.model_construct(**content, sha256="0" * 64)
    data = draft.model_dump(mode="json")
    data["sha256"] = sf.content_sha256(data)
    return sf.StatisticsFile.model_validate(data)
