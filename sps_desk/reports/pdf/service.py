"""Sections « Secteurs d'intervention » and « Composition de l'équipe »."""

from __future__ import annotations

from reportlab.lib.units import cm
from reportlab.platypus import Flowable

from sps_desk.reports.formatting import fr_number
from sps_desk.reports.pdf.blocks import table, widths
from sps_desk.reports.pdf.context import Cell, ReportContext, number
from sps_desk.reports.pdf.styles import FRAME_WIDTH


def sectors(context: ReportContext) -> list[Flowable]:
    """The managing body, then every commune and quartier of intervention."""
    figures = context.figures
    body = figures.managing_body or "non renseignée"
    flow: list[Flowable] = [context.text(f"Structure gestionnaire : {body}")]
    if not figures.sectors:
        return [*flow, context.note("Aucun secteur d'intervention n'est enregistré.")]
    rows = [
        [context.cell(line.commune), context.cell(line.neighbourhood or "Toute la commune")]
        for line in figures.sectors
    ]
    flow.append(table(context, ["Commune", "Quartier"], rows,
                      [FRAME_WIDTH / 2, FRAME_WIDTH / 2], numeric=False))
    return flow


def team(context: ReportContext) -> list[Flowable]:
    """Staff and FTE by role (FTE of N-1 beside); staff are not counts of young people."""
    figures, previous = context.figures, context.previous
    previous_fte = {line.role: line.fte for line in previous.team} if previous else {}
    header = ["Fonction", "Effectif", *context.year_headers("ETP")]
    rows = [
        [context.cell(line.label), fr_number(line.headcount),
         *context.with_previous(fr_number(line.fte), _opt(previous_fte.get(line.role)))]
        for line in figures.team
    ]
    total: list[Cell] = [
        context.total_label(),
        fr_number(sum(line.headcount for line in figures.team)),
        *context.with_previous(fr_number(figures.team_fte_total),
                               _opt(previous.team_fte_total if previous else None)),
    ]
    return [
        table(context, header, rows, widths(8 * cm, len(header) - 1), total),
        context.note("ETP : équivalent temps plein (0,5 = mi-temps)."),
    ]


def _opt(value: float | None) -> str | None:
    return None if value is None else number(value)
