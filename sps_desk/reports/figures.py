"""``ReportFigures``: the figures one version of the annual report prints, for one year.

Both versions of the report (PDF, workbook, CSV files) are laid out from this one shape:

- the **diffusion** version from the published statistics file
  (:func:`figures_from_file`): a count hidden by statistical secrecy is ``None`` there,
  printed « s » (:data:`SECRET`); every other number is exactly the file's;
- the **internal** version from the raw statistics of the year
  (:func:`figures_from_statistics`): every count as computed, nothing is ``None``
  except a percentage without denominator.

The tables reuse the statistics file's parts (:mod:`sps_desk.reports.statistics_file`),
so that a published value reaches the report without being recomputed. Counts of people
are distinct young people; contacts are encounters; hours are decimal hours.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

from sps_desk.enums import Sex
from sps_desk.reports import statistics_file as sf
from sps_desk.reports.model import AnnualStatistics, SexAgeTable

Variant = Literal["diffusion", "internal"]
"""Which version of the report: for diffusion (published values) or for the service."""

SECRET = "s"
"""How a count hidden by statistical secrecy is printed (the convention « s »)."""

CHIEF_SECTION_KEYS: tuple[str, ...] = ("highlights", "quality", "outlook")
"""Keys of the chief's sections (:class:`~sps_desk.records.ReportSections` fields), in
the report's order."""


@dataclass(frozen=True)
class ReportFigures:
    """Every figure of one report version for one service and civil year.

    A count typed ``int | None`` is ``None`` only when hidden by statistical secrecy
    (diffusion version); a percentage is ``None`` when it has no denominator or is
    computed from a hidden count. ``chief_texts`` maps a key of
    :data:`CHIEF_SECTION_KEYS` to the chief's text (missing or empty: not written).
    ``threshold`` is the secrecy threshold ``k`` applied, ``None`` for raw figures.
    ``audit_head``: the head of the service's audit chain carried by the statistics file
    (« entrée n° 57 — hash in groups of 16 hex digits »), printed on the diffusion
    cover; ``None`` when the file has none.
    """

    year: int
    generator: str
    service_name: str
    managing_body: str
    sectors: tuple[sf.Sector, ...]
    team: tuple[sf.TeamRole, ...]
    team_fte_total: float
    age_brackets: tuple[sf.Labelled, ...]
    sexes: tuple[sf.Labelled, ...]
    hours: sf.HoursTable
    contacts: sf.ContactsTable
    supported: sf.SupportedTable
    problems: sf.ProblemsTable
    durations: sf.DurationsTable
    collective_actions: sf.CollectiveTable
    referrals: tuple[sf.CountLine, ...]
    referrals_total: int | None
    concern_reports: tuple[sf.CountLine, ...]
    concern_reports_total: int | None
    chief_texts: Mapping[str, str] = field(default_factory=dict)
    threshold: int | None = None
    audit_head: str | None = None

    @property
    def protected(self) -> bool:
        """Whether these are published values (statistical secrecy applied)."""
        return self.threshold is not None


def figures_from_file(statistics_file: sf.StatisticsFile) -> ReportFigures:
    """The figures of a published statistics file, exactly as published.

    The chief's texts are those the file carries (already leak-scanned).
    """
    f = statistics_file
    return ReportFigures(
        year=f.year,
        generator=f.generator,
        service_name=f.service.name,
        managing_body=f.service.managing_body,
        sectors=tuple(f.sectors),
        team=tuple(f.team),
        team_fte_total=f.team_fte_total,
        age_brackets=tuple(f.age_brackets),
        sexes=tuple(f.sexes),
        hours=f.hours,
        contacts=f.contacts,
        supported=f.supported,
        problems=f.problems,
        durations=f.durations,
        collective_actions=f.collective_actions,
        referrals=tuple(f.referrals),
        referrals_total=f.referrals_total,
        concern_reports=tuple(f.concern_reports),
        concern_reports_total=f.concern_reports_total,
        chief_texts={section.key: section.text for section in f.chief_sections},
        threshold=f.disclosure.threshold,
        audit_head=_audit_head(f.audit_head),
    )


def _audit_head(head: sf.AuditHead | None) -> str | None:
    if head is None:
        return None
    groups = " ".join(head.hash[i:i + 16] for i in range(0, len(head.hash), 16))
    return f"entrée n° {head.seq} — {groups}"


def _sex_age(table: SexAgeTable) -> sf.SexAgeCounts:
    return sf.SexAgeCounts(
        unit=table.unit,
        cells={bracket: dict(row) for bracket, row in table.cells.items()},
        bracket_totals={bracket: table.bracket_total(bracket) for bracket in table.cells},
        sex_totals={sex.value: table.sex_total(sex.value) for sex in Sex},
        total=table.total,
    )


def figures_from_statistics(
    stats: AnnualStatistics, chief_texts: Mapping[str, str] | None = None
) -> ReportFigures:
    """The raw figures of ``stats`` (internal version: nothing hidden).

    ``chief_texts``: the chief's sections of the year by key, printed as typed.
    """
    contacts, supported = stats.contacts, stats.supported
    collective = stats.collective_actions
    return ReportFigures(
        year=stats.year,
        generator=stats.generator,
        service_name=stats.service_name,
        managing_body=stats.managing_body,
        sectors=tuple(sf.Sector(commune=s.commune, neighbourhood=s.neighbourhood)
                      for s in stats.sectors),
        team=tuple(sf.TeamRole(role=t.role, label=t.label, headcount=t.headcount, fte=t.fte)
                   for t in stats.team),
        team_fte_total=stats.team_fte_total,
        age_brackets=tuple(sf.Labelled(key=b.key, label=b.label) for b in stats.age_brackets),
        sexes=tuple(sf.Labelled(key=s.value, label=s.label) for s in Sex),
        hours=sf.HoursTable(
            columns=[sf.HoursColumn(key=c.key, label=c.label, hours=c.hours,
                                    counted_in=c.counted_in) for c in stats.hours.columns],
            total=stats.hours.total),
        contacts=sf.ContactsTable(
            field_sessions=contacts.field_sessions,
            field_sessions_by_kind=dict(contacts.field_sessions_by_kind),
            contacts_total=contacts.contacts_total,
            anonymous_contacts=_sex_age(contacts.anonymous_contacts),
            coded_contacts=contacts.coded_contacts,
            young_known=_sex_age(contacts.young_known),
            adults_met=contacts.adults_met,
            partners_met=contacts.partners_met),
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
            lines=[sf.ProblemLine(key=p.key, label=p.label, young=p.young,
                                  percent_of_young=p.percent_of_young)
                   for p in stats.problems.lines]),
        durations=sf.DurationsTable(
            supports=stats.durations.supports,
            lines=[sf.DurationLine(key=d.key, label=d.label, supports=d.supports)
                   for d in stats.durations.lines]),
        collective_actions=sf.CollectiveTable(
            actions=collective.actions, sessions=collective.sessions,
            young=collective.young, coded_young=collective.coded_young,
            anonymous_young=collective.anonymous_young, families=collective.families,
            actions_families_not_recorded=collective.actions_families_not_recorded,
            hours=collective.hours,
            by_type=[sf.ActionTypeLine(key=t.key, label=t.label, actions=t.actions,
                                       young=t.young, hours=t.hours)
                     for t in collective.by_type]),
        referrals=tuple(sf.CountLine(key=r.key, label=r.label, count=r.count)
                        for r in stats.referrals),
        referrals_total=stats.referrals_total,
        concern_reports=tuple(sf.CountLine(key=c.key, label=c.label, count=c.count)
                              for c in stats.concern_reports),
        concern_reports_total=stats.concern_reports_total,
        chief_texts=dict(chief_texts or {}),
    )


def percent_hidden(percent: float | None, *sources: int | None) -> bool:
    """Whether a percentage is missing because a count it comes from is hidden (printed
    « s »), rather than for want of a denominator (printed « – »)."""
    return percent is None and any(source is None for source in sources)
