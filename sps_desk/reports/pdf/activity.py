"""Sections « Nombre de jeunes rencontrés » and « Répartition de l'activité » (hours)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from reportlab.lib.units import cm
from reportlab.platypus import Flowable, Table

from sps_desk.enums import FieldSessionKind, ReportColumn
from sps_desk.reports.formatting import fr_number, fr_percent
from sps_desk.reports.pdf.blocks import summary_table, table
from sps_desk.reports.pdf.charts import horizontal_bars
from sps_desk.reports.pdf.context import NO_VALUE, Cell, ReportContext, count, number
from sps_desk.reports.pdf.markup import escape
from sps_desk.reports.pdf.people import sex_age_chart, sex_age_table, unit_caption
from sps_desk.reports.pdf.rtl import Para
from sps_desk.reports.statistics_file import HoursColumn


def _kind_label(key: str) -> str:
    try:
        return FieldSessionKind(key).label.lower()
    except ValueError:
        return key


def contacts(context: ReportContext) -> list[Flowable]:
    """Outings, contacts (encounters) and young people known (distinct people)."""
    section = context.figures.contacts
    prev = context.previous.contacts if context.previous else None
    rows: list[tuple[str, str, str | None]] = [
        ("Sorties de terrain", number(section.field_sessions),
         number(prev.field_sessions) if prev else None),
    ]
    for key, sessions in section.field_sessions_by_kind.items():
        before = prev.field_sessions_by_kind.get(key) if prev else None
        rows.append((f"dont {_kind_label(key)}", number(sessions),
                     None if before is None else number(before)))
    rows += [
        ("Rencontres (contacts, et non personnes)", number(section.contacts_total),
         number(prev.contacts_total) if prev else None),
        ("dont rencontres anonymes", count(section.anonymous_contacts.total),
         count(prev.anonymous_contacts.total) if prev else None),
        ("dont rencontres de jeunes identifiés par un code", number(section.coded_contacts),
         number(prev.coded_contacts) if prev else None),
        ("Jeunes connus (personnes distinctes)", count(section.young_known.total),
         count(prev.young_known.total) if prev else None),
        ("Adultes, parents, habitants rencontrés", number(section.adults_met),
         number(prev.adults_met) if prev else None),
        ("Partenaires rencontrés", number(section.partners_met),
         number(prev.partners_met) if prev else None),
    ]
    return [
        summary_table(context, rows),
        context.note(
            "Les rencontres comptent des contacts et non des personnes : un même jeune "
            "rencontré plusieurs fois est compté à chaque rencontre. Les jeunes connus "
            "sont des personnes distinctes."
        ),
        context.text("Rencontres anonymes par âge et par sexe", context.styles.caption),
        context.note(unit_caption(section.anonymous_contacts)),
        sex_age_table(context, section.anonymous_contacts,
                      prev.anonymous_contacts if prev else None),
        context.text("Jeunes connus par âge et par sexe", context.styles.caption),
        context.note(unit_caption(section.young_known)),
        sex_age_table(context, section.young_known, prev.young_known if prev else None),
        *sex_age_chart(context, section.young_known,
                       "Jeunes connus par tranche d'âge et par sexe"),
    ]


def _column_label(columns: Sequence[HoursColumn], key: str | None) -> str:
    """Label of the hours column ``key`` (its own label, the enum's, or the key itself)."""
    for column in columns:
        if column.key == key:
            return column.label
    try:
        return ReportColumn(key).label
    except ValueError:
        return str(key)


def _hours_cell(context: ReportContext, columns: Sequence[HoursColumn],
                column: HoursColumn) -> Cell:
    """The hours of a column, or « Compté dans « X » » when counted in another column."""
    if column.hours is not None:
        return fr_number(column.hours)
    if column.counted_in:
        label = _column_label(columns, column.counted_in)
        return Para(escape(f"Compté dans « {label} »"), context.styles.cell_right)
    return NO_VALUE


def hours(context: ReportContext) -> list[Flowable]:
    """Hours of the whole team by column of the Département's table, and their chart.

    Hours are not counts of people: they are published as they are.
    """
    flow: list[Flowable] = [
        context.text(
            "Heures passées par l'équipe, par catégorie d'activité (colonnes du tableau "
            "départemental)."
        ),
        _hours_table(context),
    ]
    columns = [c for c in context.figures.hours.columns if c.hours is not None]
    if columns:
        flow.append(horizontal_bars(
            "Heures par catégorie d'activité", [c.label for c in columns],
            [float(c.hours or 0) for c in columns], context.fonts))
    return flow


def _hours_table(context: ReportContext) -> Table:
    """One row per column of the Département's table, in order, then « TOTAL ».

    A column counted in another one prints « Compté dans « X » » across the hours and
    share cells, so that the sentence stays on one line.
    """
    section = context.figures.hours
    prev = context.previous.hours if context.previous else None
    prev_columns = {column.key: column for column in prev.columns} if prev else {}
    hours_headers = context.year_headers("Heures")
    header = ["Catégorie d'activité", hours_headers[0], "Part", *hours_headers[1:]]
    rows: list[list[Cell]] = []
    spans: list[tuple[Any, ...]] = []
    for column in section.columns:
        previous_column = prev_columns.get(column.key)
        previous_cell = (_hours_cell(context, prev.columns, previous_column)
                         if prev and previous_column else None)
        cells = context.with_previous(_hours_cell(context, section.columns, column),
                                      previous_cell)
        cells.insert(1, _share(column.hours, section.total))
        rows.append([context.cell(column.label), *cells])
        if column.hours is None:
            spans.append(("SPAN", (1, len(rows)), (2, len(rows))))
    total_cells = context.with_previous(fr_number(section.total),
                                        number(prev.total) if prev else None)
    total_cells.insert(1, fr_percent(100.0) if section.total else NO_VALUE)
    total: list[Cell] = [context.total_label("TOTAL"), *total_cells]
    if context.previous is None:
        column_widths = [7.2 * cm, 6.8 * cm, 3 * cm]
    else:
        column_widths = [7.4 * cm, 3.6 * cm, 2.2 * cm, 3.8 * cm]
    return table(context, header, rows, column_widths, total, spans)


def _share(hours: float | None, total: float) -> str:
    if hours is None or not total:
        return NO_VALUE
    return fr_percent(100 * hours / total)
