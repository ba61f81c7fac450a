"""Age bracket × sex tables and their charts (young known, supported, new supported,
anonymous contacts)."""

from __future__ import annotations

from reportlab.lib.units import cm
from reportlab.platypus import Flowable, Table

from sps_desk.reports.pdf.blocks import table, widths
from sps_desk.reports.pdf.charts import grouped_bars
from sps_desk.reports.pdf.context import NO_VALUE, Cell, ReportContext, count
from sps_desk.reports.statistics_file import SexAgeCounts


def unit_caption(counts: SexAgeCounts) -> str:
    """What the table counts: encounters or distinct people."""
    if counts.unit == "contacts":
        return "En nombre de rencontres (contacts), et non de personnes."
    return "En nombre de personnes distinctes."


def sex_age_table(
    context: ReportContext, counts: SexAgeCounts, previous: SexAgeCounts | None
) -> Table:
    """Age brackets (rows) × sex (columns) with the published margins and total; an N-1
    total column when there is a previous year.

    Raises:
        KeyError: a bracket or sex cell is missing from ``counts``.
    """
    sexes = context.figures.sexes
    header = ["Tranche d'âge", *(sex.label for sex in sexes), "Total"]
    if context.previous is not None:
        header.append(f"Total {context.previous.year}")
    rows: list[list[Cell]] = []
    for bracket in context.figures.age_brackets:
        row: list[Cell] = [context.cell(bracket.label)]
        row += [count(counts.cells[bracket.key][sex.key]) for sex in sexes]
        row.append(count(counts.bracket_totals[bracket.key]))
        if context.previous is not None:
            row.append(NO_VALUE if previous is None or bracket.key not in previous.cells
                       else count(previous.bracket_totals[bracket.key]))
        rows.append(row)
    total: list[Cell] = [context.total_label()]
    total += [count(counts.sex_totals[sex.key]) for sex in sexes]
    total.append(count(counts.total))
    if context.previous is not None:
        total.append(NO_VALUE if previous is None else count(previous.total))
    return table(context, header, rows, widths(3.6 * cm, len(header) - 1), total)


def sex_age_chart(context: ReportContext, counts: SexAgeCounts, title: str) -> list[Flowable]:
    """Grouped bars: one group per age bracket, one bar per sex, of the values printed
    in the table; a hidden value has no bar and a note says so."""
    brackets = context.figures.age_brackets
    series = [
        (sex.label, [_float(counts.cells[b.key][sex.key]) for b in brackets])
        for sex in context.figures.sexes
    ]
    chart = grouped_bars(title, [b.label for b in brackets], series, context.fonts)
    return [chart, *hidden_bars_note(context, [v for _, values in series for v in values])]


def _float(value: int | None) -> float | None:
    return None if value is None else float(value)


def hidden_bars_note(context: ReportContext, values: list[float | None]) -> list[Flowable]:
    """A note under a chart that leaves out hidden values, or nothing."""
    hidden = sum(value is None for value in values)
    if not hidden:
        return []
    what = "une valeur masquée « s » n'est pas représentée" if hidden == 1 else (
        f"{hidden} valeurs masquées « s » ne sont pas représentées")
    return [context.note(f"Secret statistique : {what} (pas de barre).")]
