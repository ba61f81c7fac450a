"""Sections on the young people supported: « Nombre de jeunes accompagnés »,
« Problématiques à l'origine de l'accompagnement », « Durée de l'accompagnement »."""

from __future__ import annotations

from reportlab.lib.units import cm
from reportlab.platypus import Flowable

from sps_desk.reports.pdf.blocks import summary_table, table, widths
from sps_desk.reports.pdf.charts import horizontal_bars
from sps_desk.reports.pdf.context import (
    NO_VALUE,
    Cell,
    ReportContext,
    count,
    count_and_share,
    share,
)
from sps_desk.reports.pdf.people import (
    hidden_bars_note,
    sex_age_chart,
    sex_age_table,
    unit_caption,
)


def supported(context: ReportContext) -> list[Flowable]:
    """Young people supported (distinct people): new and continuing, priority publics,
    supports active; then by age and sex, with a chart; then the new ones by age and sex."""
    section = context.figures.supported
    prev = context.previous.supported if context.previous else None
    rows: list[tuple[str, str, str | None]] = [
        ("Jeunes accompagnés (personnes distinctes)", count(section.total),
         count(prev.total) if prev else None),
        ("dont nouveaux (aucun accompagnement actif avant le 1er janvier)",
         count(section.new), count(prev.new) if prev else None),
        ("dont déjà accompagnés avant le 1er janvier", count(section.continuing),
         count(prev.continuing) if prev else None),
        ("Jeunes de 11 à 15 ans (public prioritaire « 11-16 ans »)",
         count_and_share(section.priority_11_15, section.priority_11_15_share, section.total),
         count_and_share(prev.priority_11_15, prev.priority_11_15_share, prev.total)
         if prev else None),
        ("Jeunes de 16 à 21 ans",
         count_and_share(section.public_16_21, section.public_16_21_share, section.total),
         count_and_share(prev.public_16_21, prev.public_16_21_share, prev.total)
         if prev else None),
        ("Accompagnements actifs dans l'année (dossiers)", count(section.supports_active),
         count(prev.supports_active) if prev else None),
    ]
    return [
        summary_table(context, rows),
        context.text("Jeunes accompagnés par âge et par sexe", context.styles.caption),
        context.note(unit_caption(section.by_sex_age)),
        sex_age_table(context, section.by_sex_age, prev.by_sex_age if prev else None),
        *sex_age_chart(context, section.by_sex_age,
                       "Jeunes accompagnés par tranche d'âge et par sexe"),
        context.text("Nouveaux jeunes accompagnés par âge et par sexe", context.styles.caption),
        context.note(unit_caption(section.new_by_sex_age)),
        sex_age_table(context, section.new_by_sex_age, prev.new_by_sex_age if prev else None),
    ]


def problems(context: ReportContext) -> list[Flowable]:
    """Young people and their share by problématique; with N-1, its young and share too."""
    section = context.figures.problems
    prev = context.previous.problems if context.previous else None
    before = {line.key: line for line in prev.lines} if prev else {}
    year = context.year
    # Four value columns are narrow: « accompagnés » would break inside the word.
    share_name = "% des jeunes accompagnés" if prev is None else "% des jeunes"
    header = ["Problématique", f"Jeunes {year}", f"{share_name} {year}"]
    if prev is not None and context.previous is not None:
        header += [f"Jeunes {context.previous.year}", f"{share_name} {context.previous.year}"]
    rows: list[list[Cell]] = []
    for line in section.lines:
        row: list[Cell] = [context.cell(line.label), count(line.young),
                           share(line.percent_of_young, line.young, section.young_supported)]
        if prev is not None:
            old = before.get(line.key)
            row += [NO_VALUE, NO_VALUE] if old is None else [
                count(old.young), share(old.percent_of_young, old.young, prev.young_supported)]
        rows.append(row)
    total: list[Cell] = [context.total_label("Jeunes accompagnés (base des pourcentages)"),
                         count(section.young_supported), ""]
    if prev is not None:
        total += [count(prev.young_supported), ""]
    flow: list[Flowable] = [
        table(context, header, rows, widths(7.5 * cm, len(header) - 1), total),
        context.note(
            "Choix multiple : un jeune peut avoir plusieurs problématiques, la somme des "
            "lignes dépasse donc le nombre de jeunes et celle des pourcentages dépasse 100 %."
        ),
    ]
    if section.lines:
        values = [None if line.young is None else float(line.young) for line in section.lines]
        flow.append(horizontal_bars("Jeunes accompagnés par problématique",
                                    [line.label for line in section.lines], values,
                                    context.fonts))
        flow += hidden_bars_note(context, values)
    return flow


def durations(context: ReportContext) -> list[Flowable]:
    """Supports (records, not people) by duration bracket, with a chart."""
    section = context.figures.durations
    prev = context.previous.durations if context.previous else None
    before = {line.key: line.supports for line in prev.lines} if prev else {}
    header = ["Durée", *context.year_headers("Accompagnements")]
    rows = [
        [context.cell(line.label),
         *context.with_previous(count(line.supports),
                                count(before[line.key]) if line.key in before else None)]
        for line in section.lines
    ]
    total: list[Cell] = [
        context.total_label(),
        *context.with_previous(count(section.supports),
                               count(prev.supports) if prev else None),
    ]
    flow: list[Flowable] = [
        table(context, header, rows, widths(8 * cm, len(header) - 1), total),
        context.note(
            f"Durée du début de l'accompagnement à sa fin, ou au 31 décembre {context.year} "
            "s'il se poursuit, en mois calendaires. Compte des accompagnements, et non des "
            "personnes."
        ),
    ]
    if section.lines:
        values = [None if line.supports is None else float(line.supports)
                  for line in section.lines]
        flow.append(horizontal_bars("Accompagnements par durée",
                                    [line.label for line in section.lines], values,
                                    context.fonts))
        flow += hidden_bars_note(context, values)
    return flow
