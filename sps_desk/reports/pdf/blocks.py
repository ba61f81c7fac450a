"""Tables, charts and the rules that keep them readable across pages.

:func:`table` builds the report's tables (repeated header, numbers on the right, bold
total row). :func:`kept` groups a section's flowables so that a title is never left
alone at the foot of a page, a title, its table and its chart stay on one page when they
fit on one, and a table is moved whole to the next page rather than split when it fits
on a page (a longer table splits with its header repeated). Every table that shows a
hidden value « s » gets the footnote :data:`SECRET_NOTE` under it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.units import cm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Table, TableStyle

from sps_desk.reports.pdf.context import Cell, ReportContext, has_secret
from sps_desk.reports.pdf.draft import ReportTable
from sps_desk.reports.pdf.fonts import FONT, FONT_BOLD
from sps_desk.reports.pdf.markup import escape
from sps_desk.reports.pdf.rtl import Para
from sps_desk.reports.pdf.styles import (
    FRAME_HEIGHT,
    FRAME_WIDTH,
    GRID,
    HEADER_BG,
    LEAD_STYLES,
    TOTAL_BG,
)

SECRET_NOTE = (
    "s : secret statistique. La valeur n'est pas publiée : elle concerne moins de {k} "
    "personnes, ou elle permettrait de retrouver une telle valeur par différence "
    "(voir « Définitions »)."
)
"""Footnote of a table showing « s » (``{k}``: the service's threshold)."""


def table(
    context: ReportContext,
    header: Sequence[str],
    rows: Iterable[Sequence[Cell]],
    widths: Sequence[float],
    total: Sequence[Cell] | None = None,
    extra: Sequence[tuple[Any, ...]] = (),
    numeric: bool = True,
) -> Table:
    """A table with a repeated header row, a wrapping first column, numbers on the right.

    ``widths`` are in points, one per column; ``total`` is an optional bold last row;
    ``extra`` are further ``TableStyle`` commands (e.g. spans). With ``numeric`` false
    every column is text, aligned left.
    """
    styles = context.styles
    value_header = styles.header_right if numeric else styles.header
    head = [Para(escape(header[0]), styles.header)]
    head += [Para(escape(text), value_header) for text in header[1:]]
    data: list[Sequence[Cell]] = [head, *rows]
    if total is not None:
        data.append(total)
    commands: list[tuple[Any, ...]] = [
        ("FONTNAME", (0, 0), (-1, -1), FONT),
        ("FONTSIZE", (0, 0), (-1, -1), 8.5),
        ("ALIGN", (1, 0), (-1, -1), "RIGHT" if numeric else "LEFT"),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("GRID", (0, 0), (-1, -1), 0.4, GRID),
        ("BACKGROUND", (0, 0), (-1, 0), HEADER_BG),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]
    if len(data) > 2:
        # A table too long for a page splits, but never leaves its header with one row,
        # nor its total row alone on the next page.
        commands += [("NOSPLIT", (0, 0), (-1, 1)), ("NOSPLIT", (0, -2), (-1, -1))]
    if total is not None:
        commands += [
            ("FONTNAME", (0, -1), (-1, -1), FONT_BOLD),
            ("BACKGROUND", (0, -1), (-1, -1), TOTAL_BG),
            ("LINEABOVE", (0, -1), (-1, -1), 1, colors.black),
        ]
    result = ReportTable(data, colWidths=list(widths), repeatRows=1, hAlign="LEFT")
    result.setStyle(TableStyle([*commands, *extra]))
    return result


def widths(label: float, others: int) -> list[float]:
    """Column widths: a label column of ``label`` points and ``others`` equal columns."""
    rest = (FRAME_WIDTH - label) / others
    return [label, *([rest] * others)]


def _shows_secret(flowable: Table) -> bool:
    for row in flowable._cellvalues:
        for value in row:
            text = value.getPlainText() if isinstance(value, Paragraph) else value
            if isinstance(text, str) and has_secret(text):
                return True
    return False


def with_secret_notes(context: ReportContext, flowables: Sequence[Flowable]) -> list[Flowable]:
    """``flowables`` with :data:`SECRET_NOTE` after every table that shows « s »."""
    result: list[Flowable] = []
    for flowable in flowables:
        result.append(flowable)
        if isinstance(flowable, Table) and _shows_secret(flowable):
            threshold = context.figures.threshold or 0
            result.append(context.note(SECRET_NOTE.format(k=threshold)))
    return result


def _is_lead(flowable: Flowable) -> bool:
    return isinstance(flowable, Paragraph) and flowable.style.name in LEAD_STYLES


def _is_body(flowable: Flowable) -> bool:
    return isinstance(flowable, Table | Drawing) or (
        isinstance(flowable, Paragraph) and flowable.style.name == "body")


def _height(flowable: Flowable) -> float:
    _width, height = flowable.wrap(FRAME_WIDTH, FRAME_HEIGHT)
    return height + flowable.getSpaceBefore() + flowable.getSpaceAfter()


def _groups(flowables: Sequence[Flowable]) -> list[list[Flowable]]:
    """A group starts at each title or caption (consecutive titles share one group)."""
    groups: list[list[Flowable]] = []
    for flowable in flowables:
        if not groups or (_is_lead(flowable) and not all(map(_is_lead, groups[-1]))):
            groups.append([])
        groups[-1].append(flowable)
    return groups


def _chunks(group: list[Flowable]) -> list[list[Flowable]]:
    """A group cut before each table, chart or text paragraph but the first: the titles
    go with the first one, notes with the one before them."""
    chunks: list[list[Flowable]] = [[]]
    has_body = False
    for flowable in group:
        if _is_body(flowable):
            if has_body:
                chunks.append([])
            has_body = True
        chunks[-1].append(flowable)
    return chunks


def kept(flowables: Sequence[Flowable]) -> list[Flowable]:
    """``flowables`` (a section: its title, tables, charts and notes) grouped for pages.

    Each group (a title or caption and what follows it) is kept on one page when it fits
    on one, moved whole to the next page otherwise. A group taller than a page is cut
    before each table or chart: its titles stay with its first table, each table or
    chart is kept whole when it fits on a page, and a longer table splits with its
    header repeated. Paragraphs of text flow freely after the first one.
    """
    result: list[Flowable] = []
    for group in _groups(flowables):
        if sum(_height(flowable) for flowable in group) <= FRAME_HEIGHT:
            result.append(KeepTogether(group))
            continue
        for chunk in _chunks(group):
            text_only = all(not isinstance(f, Table | Drawing) for f in chunk)
            if text_only and not any(map(_is_lead, chunk)):
                result.extend(chunk)
            else:
                result.append(KeepTogether(chunk))
    return result


def summary_table(
    context: ReportContext, rows: Sequence[tuple[str, str, str | None]]
) -> Table:
    """A two- or three-column table of ``(label, value, value N-1)`` rows (``None``: no
    value in N-1, printed « – »)."""
    header = ["Indicateur", *context.year_headers("Nombre")]
    body = [
        [context.label(label), *context.with_previous(value, previous)]
        for label, value, previous in rows
    ]
    return table(context, header, body, widths(10.5 * cm, len(header) - 1))
