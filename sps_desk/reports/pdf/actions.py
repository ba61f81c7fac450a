"""Sections « Actions collectives », « Orientations et relais » and « Informations
préoccupantes transmises »."""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.lib.units import cm
from reportlab.platypus import Flowable, Table

from sps_desk.reports.figures import SECRET
from sps_desk.reports.formatting import fr_number
from sps_desk.reports.pdf.blocks import summary_table, table, widths
from sps_desk.reports.pdf.context import Cell, ReportContext, count, number
from sps_desk.reports.statistics_file import CountLine


def _families(value: int | str | None) -> str:
    """Families: a number, « NR » (not recorded, never 0) or « s » (hidden)."""
    if value is None:
        return SECRET
    return value if isinstance(value, str) else fr_number(value)


def collective(context: ReportContext) -> list[Flowable]:
    """Actions held (at least one session in the year), young concerned, families, hours;
    then by type of action."""
    section = context.figures.collective_actions
    prev = context.previous.collective_actions if context.previous else None
    rows: list[tuple[str, str, str | None]] = [
        ("Actions collectives menées (au moins une séance dans l'année)",
         number(section.actions), number(prev.actions) if prev else None),
        ("Séances", number(section.sessions), number(prev.sessions) if prev else None),
        ("Jeunes concernés", count(section.young), count(prev.young) if prev else None),
        ("dont jeunes identifiés par un code (distincts)", count(section.coded_young),
         count(prev.coded_young) if prev else None),
        ("dont participants anonymes", count(section.anonymous_young),
         count(prev.anonymous_young) if prev else None),
        ("Familles", _families(section.families),
         _families(prev.families) if prev else None),
        ("Heures", number(section.hours), number(prev.hours) if prev else None),
    ]
    flow: list[Flowable] = [summary_table(context, rows)]
    if section.actions_families_not_recorded:
        flow.append(context.note(
            "NR : non renseigné. Familles non relevées pour "
            f"{fr_number(section.actions_families_not_recorded)} action(s) sur "
            f"{fr_number(section.actions)} ; elles ne sont jamais comptées comme zéro."
        ))
    if section.by_type or (prev is not None and prev.by_type):
        flow += [
            context.text("Actions collectives par type", context.styles.caption),
            _action_types_table(context),
            context.note(
                "Un jeune qui participe à des actions de plusieurs types est compté dans "
                "chacune ; le total compte les jeunes concernés de l'année."
            ),
        ]
    return flow


def _action_types_table(context: ReportContext) -> Table:
    """Actions, young concerned and hours by type; with N-1, its actions, young and hours.

    A type held only in N-1 still gets its row (zeros for year N).
    """
    section = context.figures.collective_actions
    prev = context.previous.collective_actions if context.previous else None
    before = {line.key: line for line in prev.by_type} if prev else {}
    current = {line.key: line for line in section.by_type}
    keys = [*current, *(key for key in before if key not in current)]
    year = context.year
    # « Jeunes » stands for « Jeunes concernés »: the long word would break in 6 columns.
    header = ["Type d'action", f"Actions {year}",
              f"Jeunes concernés {year}" if prev is None else f"Jeunes {year}",
              f"Heures {year}"]
    if prev is not None and context.previous is not None:
        before_year = context.previous.year
        header += [f"Actions {before_year}", f"Jeunes {before_year}",
                   f"Heures {before_year}"]
    rows: list[list[Cell]] = []
    for key in keys:
        line, old = current.get(key), before.get(key)
        label = (line or old).label  # type: ignore[union-attr]
        row: list[Cell] = [context.cell(label),
                           number(line.actions if line else 0),
                           count(line.young) if line else "0",
                           number(line.hours if line else 0)]
        if prev is not None:
            row += [number(old.actions if old else 0), count(old.young) if old else "0",
                    number(old.hours if old else 0)]
        rows.append(row)
    total: list[Cell] = [context.total_label(), number(section.actions),
                         count(section.young), number(section.hours)]
    if prev is not None:
        total += [number(prev.actions), count(prev.young), number(prev.hours)]
    label_width = 7.5 * cm if prev is None else 4.5 * cm
    return table(context, header, rows, widths(label_width, len(header) - 1), total)


def _count_table(
    context: ReportContext,
    label_header: str,
    value_header: str,
    current: tuple[Sequence[CountLine], int | None],
    previous: tuple[Sequence[CountLine], int | None] | None,
) -> Table:
    """A table of :class:`CountLine` rows with their total; ``(lines, total)`` per year.

    A line that only N-1 had still shows, with 0 for year N (its count is a true zero).
    """
    lines, total_count = current
    before = {line.key: line.count for line in previous[0]} if previous else {}
    header = [label_header, *context.year_headers(value_header)]
    rows = [
        [context.cell(line.label),
         *context.with_previous(count(line.count),
                                count(before[line.key]) if line.key in before else "0")]
        for line in lines
    ]
    shown = {line.key for line in lines}
    rows += [
        [context.cell(line.label), *context.with_previous("0", count(line.count))]
        for line in (previous[0] if previous else [])
        if line.key not in shown
    ]
    total: list[Cell] = [
        context.total_label(),
        *context.with_previous(count(total_count), count(previous[1]) if previous else None),
    ]
    return table(context, header, rows, widths(9 * cm, len(header) - 1), total)


def referrals(context: ReportContext) -> list[Flowable]:
    """Referrals by type of partner (records, not people)."""
    figures, prev = context.figures, context.previous
    return [
        _count_table(context, "Type de partenaire", "Orientations",
                     (figures.referrals, figures.referrals_total),
                     (prev.referrals, prev.referrals_total) if prev else None),
        context.note("Orientations et relais enregistrés dans l'année : des orientations, "
                     "et non des personnes."),
    ]


def concern_reports(context: ReportContext) -> list[Flowable]:
    """Concern reports transmitted, by addressee (never their content)."""
    figures, prev = context.figures, context.previous
    return [
        _count_table(context, "Destinataire", "Informations",
                     (figures.concern_reports, figures.concern_reports_total),
                     (prev.concern_reports, prev.concern_reports_total) if prev else None),
        context.note("Seuls la date et le destinataire d'une information préoccupante sont "
                     "conservés, jamais son contenu."),
    ]
