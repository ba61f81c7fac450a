"""The annual activity report (« Rapport d'activité ») as a PDF, with reportlab.

:func:`render_report` lays out an :class:`~sps_desk.reports.model.AnnualStatistics` in the
order of the Département's model (DESIGN.md §5): a cover page, the sections of
:data:`SECTION_TITLES`, then the annex :data:`ANNEX_TITLE` that states who is counted and
how. Every number printed is a value of the statistics, formatted by
:mod:`sps_desk.reports.formatting`; nothing is recomputed except percentages of a total.

All text, charts included, uses the DejaVu fonts shipped in ``sps_desk/resources/fonts``,
embedded in the file, so that every Latin-script name renders (ğ ş ı ł č œ …). Text typed by
users (service, managing body, communes, labels) is printed literally. The statistics hold
no personal data, and neither does the report.
"""

from __future__ import annotations

import functools
import io
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any, BinaryIO
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    KeepTogether,
    PageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus.tableofcontents import TableOfContents

from sps_desk.enums import FieldSessionKind, ReportColumn, Sex
from sps_desk.records import ReportSections
from sps_desk.reports.charts import ChartFonts, grouped_bars, horizontal_bars
from sps_desk.reports.files import write_atomically
from sps_desk.reports.formatting import fr_number, fr_percent
from sps_desk.reports.model import (
    AnnualStatistics,
    HoursColumn,
    SexAgeTable,
)

SECTION_TITLES: tuple[str, ...] = (
    "Secteurs d'intervention",
    "Composition de l'équipe",
    "Nombre de jeunes rencontrés",
    "Répartition de l'activité",
    "Nombre de jeunes accompagnés",
    "Problématiques à l'origine de l'accompagnement",
    "Durée de l'accompagnement",
    "Actions collectives",
    "Orientations et relais",
    "Informations préoccupantes transmises",
    "Faits marquants",
    "Démarche d'amélioration continue de la qualité",
    "Perspectives",
)
"""Titles of the report's sections, in the order they are printed; the last three are
the chief's own text (:class:`~sps_desk.records.ReportSections`)."""

CONTENTS_TITLE = "Sommaire"
"""Title of the table of contents, printed after the cover."""

FlowableHook = Callable[[int, int], None]
"""Called after each laid-out flowable with (flowables done, flowables per pass); may
raise to stop the layout (cancellation)."""

ANNEX_TITLE = "Définitions"
"""Title of the annex that defines every figure."""

FONT = "DejaVuSans"
FONT_BOLD = "DejaVuSans-Bold"
_FONT_FILES = {FONT: "DejaVuSans.ttf", FONT_BOLD: "DejaVuSans-Bold.ttf"}

PAGE_SIZE = A4
MARGIN = 2 * cm
FRAME_WIDTH = PAGE_SIZE[0] - 2 * MARGIN
"""Usable width of a page, in points."""

_HEADER_BG = colors.HexColor("#dce6f0")
_TOTAL_BG = colors.HexColor("#f0f0f0")
_GRID = colors.HexColor("#9aa5b1")
_NOTE = colors.HexColor("#444444")

Cell = str | Flowable
"""A table cell: a plain string (never wraps, e.g. a number) or a paragraph."""


def report_filename(year: int) -> str:
    """File name of the annual report of ``year``: ``rapport-activite-2024.pdf``."""
    return f"rapport-activite-{year}.pdf"


def render_report(
    stats: AnnualStatistics,
    out: Path,
    previous: AnnualStatistics | None = None,
    sections: ReportSections | None = None,
) -> None:
    """Write the annual activity report of ``stats`` as a PDF file at ``out``.

    ``previous`` is the same service's statistics for year N-1: when given, the tables
    add an N-1 column. ``sections`` holds the chief's own texts (faits marquants,
    qualité, perspectives), printed literally; without it those sections say « Non
    renseigné ». The file is written atomically: a temporary file in the folder of
    ``out`` is filled, synced and then renamed over ``out``, so a crash never leaves a
    truncated report and an existing report stays untouched until the new one is whole.

    Raises:
        ReportWriteFailed: the folder does not exist or is not writable, or ``out`` is
            locked (e.g. open in a PDF viewer on Windows). French message.
    """
    data = report_pdf_bytes(stats, previous, sections)
    write_atomically(out, lambda stream: stream.write(data))


def report_pdf_bytes(
    stats: AnnualStatistics,
    previous: AnnualStatistics | None = None,
    sections: ReportSections | None = None,
    on_flowable: FlowableHook | None = None,
) -> bytes:
    """The PDF of the annual report, in memory (see :func:`render_report`).

    The layout runs twice (the table of contents needs the page numbers);
    ``on_flowable`` is called after every flowable of every pass, and whatever it raises
    (e.g. a cancellation) propagates, leaving nothing written.
    """
    _register_fonts()
    context = _Context(stats=stats, previous=previous, styles=_Styles.create(),
                       sections=sections)
    stream = io.BytesIO()
    _build_pdf(stream, stats, _story(context), on_flowable)
    return stream.getvalue()


# --------------------------------------------------------------------------- fonts


def _register_fonts() -> None:
    """Register the DejaVu TTF fonts (once) and map bold markup to DejaVu Bold."""
    registered = set(pdfmetrics.getRegisteredFontNames())
    folder = resources.files("sps_desk") / "resources" / "fonts"
    for name, filename in _FONT_FILES.items():
        if name in registered:
            continue
        with resources.as_file(folder / filename) as path:
            pdfmetrics.registerFont(TTFont(name, str(path)))
    pdfmetrics.registerFontFamily(
        FONT, normal=FONT, bold=FONT_BOLD, italic=FONT, boldItalic=FONT_BOLD
    )


# --------------------------------------------------------------------------- styles


def _style(name: str, size: float, bold: bool = False, **extra: Any) -> ParagraphStyle:
    font = FONT_BOLD if bold else FONT
    return ParagraphStyle(
        name,
        fontName=font,
        bulletFontName=font,
        fontSize=size,
        leading=size * 1.3,
        **extra,
    )


@dataclass(frozen=True)
class _Styles:
    body: ParagraphStyle
    note: ParagraphStyle
    section: ParagraphStyle
    caption: ParagraphStyle
    cell: ParagraphStyle
    cell_detail: ParagraphStyle
    cell_right: ParagraphStyle
    header: ParagraphStyle
    header_right: ParagraphStyle
    total: ParagraphStyle
    cover_title: ParagraphStyle
    cover_service: ParagraphStyle
    cover_line: ParagraphStyle
    toc: ParagraphStyle

    @classmethod
    def create(cls) -> _Styles:
        return cls(
            body=_style("body", 9.5, spaceAfter=4),
            note=_style("note", 8, textColor=_NOTE, spaceBefore=2, spaceAfter=6),
            section=_style(
                "section", 15, bold=True, spaceBefore=16, spaceAfter=8, keepWithNext=1,
                textColor=colors.HexColor("#1f3f5f"),
            ),
            caption=_style("caption", 10, bold=True, spaceBefore=8, spaceAfter=4,
                           keepWithNext=1),
            cell=_style("cell", 8.5),
            cell_detail=_style("cell_detail", 8.5, leftIndent=12),
            cell_right=_style("cell_right", 8, alignment=TA_RIGHT, textColor=_NOTE),
            header=_style("header", 8.5, bold=True),
            header_right=_style("header_right", 8.5, bold=True, alignment=TA_RIGHT),
            total=_style("total", 8.5, bold=True),
            cover_title=_style("cover_title", 26, bold=True, alignment=TA_CENTER,
                               spaceAfter=24),
            cover_service=_style("cover_service", 20, bold=True, alignment=TA_CENTER,
                                 spaceAfter=18),
            cover_line=_style("cover_line", 12, alignment=TA_CENTER, spaceAfter=8),
            toc=_style("toc", 10.5, leftIndent=18, firstLineIndent=-18, spaceBefore=3),
        )


@dataclass(frozen=True)
class _Context:
    stats: AnnualStatistics
    previous: AnnualStatistics | None
    styles: _Styles
    sections: ReportSections | None = None

    @property
    def year(self) -> int:
        return self.stats.year

    @property
    def fonts(self) -> ChartFonts:
        return ChartFonts(regular=FONT, bold=FONT_BOLD)

    def text(self, value: str, style: ParagraphStyle | None = None) -> Paragraph:
        """A paragraph of literal text (``&``, ``<``, ``>`` are escaped)."""
        return Paragraph(escape(value), style or self.styles.body)

    def note(self, value: str) -> Paragraph:
        return self.text(value, self.styles.note)

    def cell(self, value: str) -> Paragraph:
        return self.text(value, self.styles.cell)

    def label(self, value: str) -> Paragraph:
        """A row label; a detail row (« dont … ») is indented under its total."""
        style = self.styles.cell_detail if value.startswith("dont ") else self.styles.cell
        return self.text(value, style)


# --------------------------------------------------------------------------- tables


def _number(value: float | None) -> str:
    """A statistic as printed in a table cell; ``None`` (no value) prints « – »."""
    return "–" if value is None else fr_number(value)


def _table(
    context: _Context,
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
    head = [Paragraph(escape(header[0]), styles.header)]
    head += [Paragraph(escape(text), value_header) for text in header[1:]]
    data: list[Sequence[Cell]] = [head, *rows]
    if total is not None:
        data.append(total)
    commands: list[tuple[Any, ...]] = [
        ("FONTNAME", (0, 0), (-1, -1), FONT),
        ("FONTSIZE", (0, 0), (-1, -1), 8.5),
        ("ALIGN", (1, 0), (-1, -1), "RIGHT" if numeric else "LEFT"),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("GRID", (0, 0), (-1, -1), 0.4, _GRID),
        ("BACKGROUND", (0, 0), (-1, 0), _HEADER_BG),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]
    if len(data) > 2:
        # Never leave a header with one row, nor a total row alone on a page.
        commands += [("NOSPLIT", (0, 0), (-1, 1)), ("NOSPLIT", (0, -2), (-1, -1))]
    if total is not None:
        commands += [
            ("FONTNAME", (0, -1), (-1, -1), FONT_BOLD),
            ("BACKGROUND", (0, -1), (-1, -1), _TOTAL_BG),
            ("LINEABOVE", (0, -1), (-1, -1), 1, colors.black),
        ]
    table = Table(data, colWidths=list(widths), repeatRows=1, hAlign="LEFT")
    table.setStyle(TableStyle([*commands, *extra]))
    return table


def _widths(label: float, others: int) -> list[float]:
    """Column widths: a label column of ``label`` points and ``others`` equal columns."""
    rest = (FRAME_WIDTH - label) / others
    return [label, *([rest] * others)]


def _year_headers(context: _Context, name: str) -> list[str]:
    """Headers of the value columns: « name » alone, or « name year » and « name N-1 »."""
    if context.previous is None:
        return [name]
    return [f"{name} {context.year}", f"{name} {context.previous.year}"]


def _with_previous(context: _Context, current: Cell, previous: Cell | None) -> list[Cell]:
    """The value cells of a row: the year's value, then N-1's when a previous year is given."""
    if context.previous is None:
        return [current]
    return [current, "–" if previous is None else previous]


def _summary_table(
    context: _Context, rows: Sequence[tuple[str, str, str | None]]
) -> Table:
    """A two- or three-column table of ``(label, value, value N-1)`` rows."""
    header = ["Indicateur", *_year_headers(context, "Nombre")]
    body = [
        [context.label(label), *_with_previous(context, value, previous)]
        for label, value, previous in rows
    ]
    return _table(context, header, body, _widths(10.5 * cm, len(header) - 1))


def _sex_age_table(
    context: _Context, table: SexAgeTable, previous: SexAgeTable | None
) -> Table:
    """Age brackets (rows) × sex (columns) with totals; N-1 total column if given.

    Raises:
        KeyError: a bracket or sex cell is missing from ``table``.
    """
    sexes = list(Sex)
    header = ["Tranche d'âge", *(sex.label for sex in sexes), "Total"]
    if context.previous is not None:
        header.append(f"Total {context.previous.year}")
    rows: list[list[Cell]] = []
    for bracket in context.stats.age_brackets:
        row: list[Cell] = [context.cell(bracket.label)]
        row += [fr_number(table.cells[bracket.key][sex.value]) for sex in sexes]
        row.append(fr_number(table.bracket_total(bracket.key)))
        if context.previous is not None:
            row.append(_previous_bracket_total(previous, bracket.key))
        rows.append(row)
    total: list[Cell] = [Paragraph("Total", context.styles.total)]
    total += [fr_number(table.sex_total(sex.value)) for sex in sexes]
    total.append(fr_number(table.total))
    if context.previous is not None:
        total.append(_number(None if previous is None else previous.total))
    return _table(context, header, rows, _widths(3.6 * cm, len(header) - 1), total)


def _previous_bracket_total(previous: SexAgeTable | None, key: str) -> str:
    if previous is None or key not in previous.cells:
        return "–"
    return fr_number(previous.bracket_total(key))


def _unit_caption(table: SexAgeTable) -> str:
    if table.unit == "contacts":
        return "En nombre de rencontres (contacts), et non de personnes."
    return "En nombre de personnes distinctes."


# --------------------------------------------------------------------------- cover


def _communes(stats: AnnualStatistics) -> list[str]:
    """Distinct communes of the sectors, in their order."""
    return list(dict.fromkeys(line.commune for line in stats.sectors if line.commune))


def _cover(context: _Context) -> list[Flowable]:
    stats, styles = context.stats, context.styles
    flow: list[Flowable] = [
        Spacer(1, 6 * cm),
        context.text(f"Rapport d'activité {stats.year}", styles.cover_title),
        context.text(stats.service_name, styles.cover_service),
    ]
    if stats.managing_body:
        flow.append(context.text(f"Structure gestionnaire : {stats.managing_body}",
                                 styles.cover_line))
    communes = _communes(stats)
    if communes:
        label = "Commune" if len(communes) == 1 else "Communes"
        flow.append(context.text(f"{label} : {', '.join(communes)}", styles.cover_line))
    flow += [
        context.text(
            f"Période : du 1er janvier au 31 décembre {stats.year}", styles.cover_line
        ),
        PageBreak(),
    ]
    return flow


# --------------------------------------------------------------------------- sections


def _section_title(context: _Context, index: int) -> list[Flowable]:
    return [CondPageBreak(4 * cm), context.text(SECTION_TITLES[index], context.styles.section)]


def _sectors(context: _Context) -> list[Flowable]:
    stats = context.stats
    body = stats.managing_body or "non renseignée"
    flow = [context.text(f"Structure gestionnaire : {body}")]
    if not stats.sectors:
        return [*flow, context.note("Aucun secteur d'intervention n'est enregistré.")]
    rows = [
        [context.cell(line.commune), context.cell(line.neighbourhood or "Toute la commune")]
        for line in stats.sectors
    ]
    widths = [FRAME_WIDTH / 2, FRAME_WIDTH / 2]
    flow.append(_table(context, ["Commune", "Quartier"], rows, widths, numeric=False))
    return flow


def _team(context: _Context) -> list[Flowable]:
    stats, previous = context.stats, context.previous
    previous_fte = {line.role: line.fte for line in previous.team} if previous else {}
    header = ["Fonction", "Effectif", *_year_headers(context, "ETP")]
    rows = [
        [
            context.cell(line.label),
            fr_number(line.headcount),
            *_with_previous(context, fr_number(line.fte), _opt(previous_fte.get(line.role))),
        ]
        for line in stats.team
    ]
    total: list[Cell] = [
        Paragraph("Total", context.styles.total),
        fr_number(sum(line.headcount for line in stats.team)),
        *_with_previous(
            context,
            fr_number(stats.team_fte_total),
            _opt(previous.team_fte_total if previous else None),
        ),
    ]
    return [
        _table(context, header, rows, _widths(8 * cm, len(header) - 1), total),
        context.note("ETP : équivalent temps plein (0,5 = mi-temps)."),
    ]


def _opt(value: float | None) -> str | None:
    """A formatted number, or ``None`` when there is no value (printed « – »)."""
    return None if value is None else fr_number(value)


def _contacts(context: _Context) -> list[Flowable]:
    section = context.stats.contacts
    prev = context.previous.contacts if context.previous else None
    rows: list[tuple[str, str, str | None]] = [
        ("Sorties de terrain", fr_number(section.field_sessions),
         _opt(prev.field_sessions if prev else None)),
    ]
    for key, count in section.field_sessions_by_kind.items():
        previous_count = prev.field_sessions_by_kind.get(key) if prev else None
        rows.append((f"dont {_kind_label(key)}", fr_number(count), _opt(previous_count)))
    rows += [
        ("Rencontres (contacts, et non personnes)", fr_number(section.contacts_total),
         _opt(prev.contacts_total if prev else None)),
        ("dont rencontres anonymes", fr_number(section.anonymous_contacts.total),
         _opt(prev.anonymous_contacts.total if prev else None)),
        ("dont rencontres de jeunes identifiés par un code", fr_number(section.coded_contacts),
         _opt(prev.coded_contacts if prev else None)),
        ("Jeunes connus (personnes distinctes)", fr_number(section.young_known.total),
         _opt(prev.young_known.total if prev else None)),
        ("Adultes, parents, habitants rencontrés", fr_number(section.adults_met),
         _opt(prev.adults_met if prev else None)),
        ("Partenaires rencontrés", fr_number(section.partners_met),
         _opt(prev.partners_met if prev else None)),
    ]
    return [
        _summary_table(context, rows),
        context.note(
            "Les rencontres comptent des contacts et non des personnes : un même jeune "
            "rencontré plusieurs fois est compté à chaque rencontre. Les jeunes connus "
            "sont des personnes distinctes."
        ),
        context.text("Rencontres anonymes par âge et par sexe", context.styles.caption),
        context.note(_unit_caption(section.anonymous_contacts)),
        _sex_age_table(context, section.anonymous_contacts,
                       prev.anonymous_contacts if prev else None),
        _with_chart([
            context.text("Jeunes connus par âge et par sexe", context.styles.caption),
            context.note(_unit_caption(section.young_known)),
            _sex_age_table(context, section.young_known, prev.young_known if prev else None),
        ], _sex_age_chart(context, section.young_known,
                          "Jeunes connus par tranche d'âge et par sexe")),
    ]


def _with_chart(table: list[Flowable], chart: Flowable | None) -> Flowable:
    """A table and its chart kept on the same page when they fit on one (a table too long
    for a page still splits, with its header repeated)."""
    if chart is None:
        return KeepTogether(table)
    return KeepTogether([*table, Spacer(1, 10), chart])


def _kind_label(key: str) -> str:
    try:
        return FieldSessionKind(key).label.lower()
    except ValueError:
        return key


def _column_label(columns: Sequence[HoursColumn], key: str | None) -> str:
    """Label of the hours column ``key`` (its own label, the enum's, or the key itself)."""
    for column in columns:
        if column.key == key:
            return column.label
    try:
        return ReportColumn(key).label
    except ValueError:
        return str(key)


def _hours_cell(context: _Context, columns: Sequence[HoursColumn], column: HoursColumn) -> Cell:
    """The hours of a column, or « Compté dans « X » » when counted in another column."""
    if column.hours is not None:
        return fr_number(column.hours)
    if column.counted_in:
        label = _column_label(columns, column.counted_in)
        return Paragraph(escape(f"Compté dans « {label} »"), context.styles.cell_right)
    return "–"


def _hours(context: _Context) -> list[Flowable]:
    flow: list[Flowable] = [
        context.text(
            "Heures passées par l'équipe, par catégorie d'activité (colonnes du tableau "
            "départemental)."
        ),
    ]
    return [_with_chart([*flow, _hours_table(context)], _hours_chart(context))]


def _hours_table(context: _Context) -> Table:
    """One row per column of the Département's table, in order, then « TOTAL ».

    A column counted in another one prints « Compté dans « X » » across the hours and
    share cells, so that the sentence stays on one line.
    """
    section = context.stats.hours
    prev = context.previous.hours if context.previous else None
    prev_columns = {column.key: column for column in prev.columns} if prev else {}
    hours_headers = _year_headers(context, "Heures")
    header = ["Catégorie d'activité", hours_headers[0], "Part", *hours_headers[1:]]
    rows: list[list[Cell]] = []
    spans: list[tuple[Any, ...]] = []
    for column in section.columns:
        previous_column = prev_columns.get(column.key)
        previous_cell = (
            _hours_cell(context, prev.columns, previous_column)
            if prev and previous_column
            else None
        )
        current = _hours_cell(context, section.columns, column)
        cells = _with_previous(context, current, previous_cell)
        cells.insert(1, _share(column.hours, section.total))
        rows.append([context.cell(column.label), *cells])
        if column.hours is None:
            spans.append(("SPAN", (1, len(rows)), (2, len(rows))))
    total_cells = _with_previous(context, fr_number(section.total),
                                 _opt(prev.total if prev else None))
    total_cells.insert(1, fr_percent(100.0) if section.total else "–")
    total: list[Cell] = [Paragraph("TOTAL", context.styles.total), *total_cells]
    if context.previous is None:
        widths = [7.2 * cm, 6.8 * cm, 3 * cm]
    else:
        widths = [7.4 * cm, 3.6 * cm, 2.2 * cm, 3.8 * cm]
    return _table(context, header, rows, widths, total, spans)


def _share(hours: float | None, total: float) -> str:
    if hours is None or not total:
        return "–"
    return fr_percent(100 * hours / total)


def _hours_chart(context: _Context) -> Flowable | None:
    columns = [c for c in context.stats.hours.columns if c.hours is not None]
    if not columns:
        return None
    return horizontal_bars(
        "Heures par catégorie d'activité",
        [c.label for c in columns],
        [float(c.hours or 0) for c in columns],
        context.fonts,
    )


def _supported(context: _Context) -> list[Flowable]:
    section = context.stats.supported
    prev = context.previous.supported if context.previous else None
    rows: list[tuple[str, str, str | None]] = [
        ("Jeunes accompagnés (personnes distinctes)", fr_number(section.total),
         _opt(prev.total if prev else None)),
        ("dont nouveaux (aucun accompagnement actif avant le 1er janvier)",
         fr_number(section.new), _opt(prev.new if prev else None)),
        ("dont déjà accompagnés avant le 1er janvier", fr_number(section.continuing),
         _opt(prev.continuing if prev else None)),
        ("Jeunes de 11 à 15 ans (public prioritaire « 11-16 ans »)",
         _with_share(section.priority_11_15, section.priority_11_15_share),
         _with_share(prev.priority_11_15, prev.priority_11_15_share) if prev else None),
        ("Jeunes de 16 à 21 ans",
         _with_share(section.public_16_21, section.public_16_21_share),
         _with_share(prev.public_16_21, prev.public_16_21_share) if prev else None),
        ("Accompagnements actifs dans l'année (dossiers)", fr_number(section.supports_active),
         _opt(prev.supports_active if prev else None)),
    ]
    return [
        _summary_table(context, rows),
        _with_chart([
            context.text("Jeunes accompagnés par âge et par sexe", context.styles.caption),
            context.note(_unit_caption(section.by_sex_age)),
            _sex_age_table(context, section.by_sex_age, prev.by_sex_age if prev else None),
        ], _sex_age_chart(context, section.by_sex_age,
                          "Jeunes accompagnés par tranche d'âge et par sexe")),
        context.text("Nouveaux jeunes accompagnés par âge et par sexe", context.styles.caption),
        context.note(_unit_caption(section.new_by_sex_age)),
        _sex_age_table(context, section.new_by_sex_age,
                       prev.new_by_sex_age if prev else None),
    ]


def _with_share(count: int, share: float | None) -> str:
    return f"{fr_number(count)} ({fr_percent(share)})"


def _sex_age_chart(context: _Context, table: SexAgeTable, title: str) -> Flowable:
    """Grouped bars of a people table: one group per age bracket, one bar per sex."""
    brackets = context.stats.age_brackets
    series = [
        (sex.label, [float(table.cells[b.key][sex.value]) for b in brackets]) for sex in Sex
    ]
    return grouped_bars(
        title,
        [b.label for b in brackets],
        series,
        context.fonts,
    )


def _problems(context: _Context) -> list[Flowable]:
    """Young people and their share by problématique; with N-1, its young and share too."""
    section = context.stats.problems
    prev = context.previous.problems if context.previous else None
    before = {line.key: line for line in prev.lines} if prev else {}
    year = context.year
    # Four value columns are narrow: « accompagnés » would break inside the word.
    share = "% des jeunes accompagnés" if prev is None else "% des jeunes"
    header = ["Problématique", f"Jeunes {year}", f"{share} {year}"]
    if prev is not None and context.previous is not None:
        header += [f"Jeunes {context.previous.year}", f"{share} {context.previous.year}"]
    rows: list[list[Cell]] = []
    for line in section.lines:
        row: list[Cell] = [context.cell(line.label), fr_number(line.young),
                           fr_percent(line.percent_of_young)]
        if prev is not None:
            old = before.get(line.key)
            row += [_number(old.young if old else None),
                    fr_percent(old.percent_of_young if old else None)]
        rows.append(row)
    total: list[Cell] = [
        Paragraph("Jeunes accompagnés (base des pourcentages)", context.styles.total),
        fr_number(section.young_supported), "",
    ]
    if prev is not None:
        total += [fr_number(prev.young_supported), ""]
    flow: list[Flowable] = [
        _table(context, header, rows, _widths(7.5 * cm, len(header) - 1), total),
        context.note(
            "Choix multiple : un jeune peut avoir plusieurs problématiques, la somme des "
            "lignes dépasse donc le nombre de jeunes et celle des pourcentages dépasse 100 %."
        ),
    ]
    chart = horizontal_bars(
        "Jeunes accompagnés par problématique",
        [line.label for line in section.lines],
        [float(line.young) for line in section.lines],
        context.fonts,
    ) if section.lines else None
    return [_with_chart(flow, chart)]


def _durations(context: _Context) -> list[Flowable]:
    section = context.stats.durations
    prev = context.previous.durations if context.previous else None
    prev_count = {line.key: line.supports for line in prev.lines} if prev else {}
    header = ["Durée", *_year_headers(context, "Accompagnements")]
    rows = [
        [context.cell(line.label),
         *_with_previous(context, fr_number(line.supports), _opt(prev_count.get(line.key)))]
        for line in section.lines
    ]
    total: list[Cell] = [
        Paragraph("Total", context.styles.total),
        *_with_previous(context, fr_number(section.supports),
                        _opt(prev.supports if prev else None)),
    ]
    flow: list[Flowable] = [
        _table(context, header, rows, _widths(8 * cm, len(header) - 1), total),
        context.note(
            f"Durée du début de l'accompagnement à sa fin, ou au 31 décembre {context.year} "
            "s'il se poursuit, en mois calendaires. Compte des accompagnements, et non des "
            "personnes."
        ),
    ]
    chart = horizontal_bars(
        "Accompagnements par durée",
        [line.label for line in section.lines],
        [float(line.supports) for line in section.lines],
        context.fonts,
    ) if section.lines else None
    return [_with_chart(flow, chart)]


def _families(value: int | str) -> str:
    return value if isinstance(value, str) else fr_number(value)


def _collective(context: _Context) -> list[Flowable]:
    section = context.stats.collective_actions
    prev = context.previous.collective_actions if context.previous else None
    rows: list[tuple[str, str, str | None]] = [
        ("Actions collectives menées (au moins une séance dans l'année)",
         fr_number(section.actions), _opt(prev.actions if prev else None)),
        ("Séances", fr_number(section.sessions), _opt(prev.sessions if prev else None)),
        ("Jeunes concernés", fr_number(section.young), _opt(prev.young if prev else None)),
        ("dont jeunes identifiés par un code (distincts)", fr_number(section.coded_young),
         _opt(prev.coded_young if prev else None)),
        ("dont participants anonymes", fr_number(section.anonymous_young),
         _opt(prev.anonymous_young if prev else None)),
        ("Familles", _families(section.families),
         _families(prev.families) if prev else None),
        ("Heures", fr_number(section.hours), _opt(prev.hours if prev else None)),
    ]
    flow: list[Flowable] = [_summary_table(context, rows)]
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


def _action_types_table(context: _Context) -> Table:
    """Actions, young concerned and hours by type; with N-1, its actions and young too.

    A type held only in N-1 still gets its row (zeros for year N).
    """
    section = context.stats.collective_actions
    prev = context.previous.collective_actions if context.previous else None
    before = {line.key: line for line in prev.by_type} if prev else {}
    current = {line.key: line for line in section.by_type}
    keys = [*current, *(key for key in before if key not in current)]
    year = context.year
    # « Jeunes » stands for « Jeunes concernés »: the long word would break in 6 columns.
    header = ["Type d'action", f"Actions {year}",
              f"Jeunes concernés {year}" if prev is None else f"Jeunes {year}",
              f"Heures {year}"]
    if prev is not None:
        before_year = year - 1 if context.previous is None else context.previous.year
        header += [f"Actions {before_year}", f"Jeunes {before_year}",
                   f"Heures {before_year}"]
    rows: list[list[Cell]] = []
    for key in keys:
        line, old = current.get(key), before.get(key)
        label = (line or old).label  # type: ignore[union-attr]
        row: list[Cell] = [context.cell(label),
                           fr_number(line.actions if line else 0),
                           fr_number(line.young if line else 0),
                           fr_number(line.hours if line else 0)]
        if prev is not None:
            row += [fr_number(old.actions if old else 0), fr_number(old.young if old else 0),
                    fr_number(old.hours if old else 0)]
        rows.append(row)
    total: list[Cell] = [
        Paragraph("Total", context.styles.total),
        fr_number(section.actions), fr_number(section.young), fr_number(section.hours),
    ]
    if prev is not None:
        total += [fr_number(prev.actions), fr_number(prev.young), fr_number(prev.hours)]
    label_width = 7.5 * cm if prev is None else 4.5 * cm
    return _table(context, header, rows, _widths(label_width, len(header) - 1), total)


def _count_section(
    context: _Context,
    label_header: str,
    value_header: str,
    current: tuple[Sequence[Any], int],
    previous: tuple[Sequence[Any], int] | None,
) -> Table:
    """A table of :class:`CountLine` rows with a total; ``(lines, total)`` per year."""
    lines, total_count = current
    prev_count = {line.key: line.count for line in previous[0]} if previous else {}
    header = [label_header, *_year_headers(context, value_header)]
    rows = [
        [context.cell(line.label),
         *_with_previous(context, fr_number(line.count),
                         fr_number(prev_count.get(line.key, 0)))]
        for line in lines
    ]
    # A line that only N-1 had still shows, with 0 for year N.
    shown = {line.key for line in lines}
    rows += [
        [context.cell(line.label), *_with_previous(context, "0", fr_number(line.count))]
        for line in (previous[0] if previous else [])
        if line.key not in shown
    ]
    total: list[Cell] = [
        Paragraph("Total", context.styles.total),
        *_with_previous(context, fr_number(total_count),
                        _opt(previous[1] if previous else None)),
    ]
    return _table(context, header, rows, _widths(9 * cm, len(header) - 1), total)


def _referrals(context: _Context) -> list[Flowable]:
    stats, prev = context.stats, context.previous
    table = _count_section(
        context, "Type de partenaire", "Orientations",
        (stats.referrals, stats.referrals_total),
        (prev.referrals, prev.referrals_total) if prev else None,
    )
    return [
        table,
        context.note("Orientations et relais enregistrés dans l'année : des orientations, "
                     "et non des personnes."),
    ]


def _concern_reports(context: _Context) -> list[Flowable]:
    stats, prev = context.stats, context.previous
    table = _count_section(
        context, "Destinataire", "Informations",
        (stats.concern_reports, stats.concern_reports_total),
        (prev.concern_reports, prev.concern_reports_total) if prev else None,
    )
    return [
        table,
        context.note("Seuls la date et le destinataire d'une information préoccupante sont "
                     "conservés, jamais son contenu."),
    ]


def _chief_text(context: _Context, text: str) -> list[Flowable]:
    """The chief's text, literally: blank lines separate paragraphs, a line break stays.

    ``&``, ``<`` and ``>`` are escaped, so markup typed by the chief is printed as typed.
    """
    paragraphs = [p.strip() for p in text.replace("\r\n", "\n").split("\n\n") if p.strip()]
    if not paragraphs:
        return [context.note("Non renseigné.")]
    return [
        Paragraph("<br/>".join(escape(line) for line in paragraph.split("\n")),
                  context.styles.body)
        for paragraph in paragraphs
    ]


def _highlights(context: _Context) -> list[Flowable]:
    return _chief_text(context, context.sections.highlights if context.sections else "")


def _quality(context: _Context) -> list[Flowable]:
    return _chief_text(context, context.sections.quality if context.sections else "")


def _outlook(context: _Context) -> list[Flowable]:
    return _chief_text(context, context.sections.outlook if context.sections else "")


_SECTIONS: tuple[Callable[[_Context], list[Flowable]], ...] = (
    _sectors,
    _team,
    _contacts,
    _hours,
    _supported,
    _problems,
    _durations,
    _collective,
    _referrals,
    _concern_reports,
    _highlights,
    _quality,
    _outlook,
)


# --------------------------------------------------------------------------- annex


def _definitions(year: int, stats: AnnualStatistics) -> list[tuple[str, str]]:
    """The annex: ``(term, definition)`` pairs, in French, for the report of ``year``."""
    brackets = ", ".join(b.label for b in stats.age_brackets)
    durations = ", ".join(line.label for line in stats.durations.lines)
    return [
        ("Période", f"année civile, du 1er janvier au 31 décembre {year}, en dates locales."),
        ("Âge", "âge en années révolues à la date de la première activité enregistrée du "
         "jeune dans l'année. Un anniversaire le 29 février compte à partir du 1er mars les "
         "années non bissextiles. Date de naissance partielle : année seule connue, le "
         "1er juillet de cette année ; mois seul connu, le 15 de ce mois."
         + (f" Tranches d'âge : {brackets}." if brackets else "")),
        ("Rencontres (contacts)", "chaque rencontre anonyme comptée lors d'une sortie, plus "
         "chaque jeune identifié par un code rencontré lors d'une sortie (une fois par jeune "
         "et par sortie). Ce sont des rencontres et non des personnes : un même jeune "
         "rencontré plusieurs fois est compté à chaque rencontre."),
        ("Jeunes connus", "jeunes distincts, identifiés par un code, ayant au moins une "
         "activité enregistrée dans l'année."),
        ("Jeunes accompagnés", "jeunes distincts ayant un accompagnement individuel actif au "
         "moins un jour de l'année. Sont nouveaux ceux qui n'avaient aucun accompagnement "
         f"actif avant le 1er janvier {year} ; les autres sont déjà accompagnés."),
        ("Problématiques", "problématiques cochées au début de l'accompagnement, comptées en "
         "jeunes distincts ; le pourcentage est rapporté au nombre de jeunes accompagnés. "
         "Le choix est multiple : la somme des pourcentages dépasse 100 %."),
        ("Durée de l'accompagnement", "du début de l'accompagnement à sa fin, ou au "
         f"31 décembre {year} s'il se poursuit, en mois calendaires"
         + (f" ; tranches : {durations}." if durations else ".")),
        ("Actions collectives", "actions ayant eu au moins une séance dans l'année. Jeunes "
         "concernés : participants distincts identifiés par un code, plus les participants "
         "anonymes comptés. Familles : somme des familles relevées, pour les seules actions "
         "où elles l'ont été ; NR (non renseigné) n'est jamais compté comme zéro."),
        ("Heures", "saisies de temps de toute l'équipe. Une sortie, une intervention ou une "
         "séance d'action collective avec N professionnels présents donne N saisies ; les "
         "autres catégories sont saisies à la main. Une catégorie que le service ne suit pas "
         "à part est indiquée « Compté dans » la catégorie qui la contient."),
        ("Orientations et relais", "orientations vers un partenaire enregistrées dans "
         "l'année, par type de partenaire : des orientations, et non des personnes."),
        ("Informations préoccupantes", "nombre d'informations préoccupantes transmises dans "
         "l'année, par destinataire."),
        ("Public prioritaire", "jeunes de 11 à 15 ans révolus à leur date de référence (le "
         "public « 11-16 ans » du référentiel) et jeunes de 16 à 21 ans révolus ; leurs parts "
         "sont des pourcentages du nombre de jeunes accompagnés, arrondis à une décimale."),
        ("Secteurs et équipe", "secteurs d'intervention et professionnels actifs enregistrés "
         "dans l'application au moment où le rapport est produit ; ETP : équivalent temps "
         "plein (0,5 = mi-temps)."),
        ("Comparaison avec l'année précédente", "quand des heures ou des sorties ont été "
         f"enregistrées en {year - 1}, chaque tableau montre aussi les chiffres de "
         f"{year - 1}, calculés avec les mêmes définitions ; « – » signale une valeur "
         "sans objet. Les chiffres d'une année passée ne changent pas quand on saisit "
         "l'année suivante."),
        ("Faits marquants, qualité, perspectives", "textes rédigés par le service, imprimés "
         "tels qu'ils ont été saisis."),
        ("Arrondis", "heures en heures décimales (1,25 = 1 h 15) ; pourcentages à une "
         "décimale, d'où un total qui peut différer de 100 % d'un dixième."),
        ("Données personnelles", "ce rapport ne contient que des nombres agrégés, aucun nom, "
         "code ni pseudonyme."),
    ]


def _annex(context: _Context) -> list[Flowable]:
    flow: list[Flowable] = [PageBreak(), context.text(ANNEX_TITLE, context.styles.section)]
    for term, definition in _definitions(context.year, context.stats):
        flow.append(
            Paragraph(f"<b>{escape(term)}</b> : {escape(definition)}", context.styles.body)
        )
    return flow


def _contents(context: _Context) -> list[Flowable]:
    """The table of contents (« Sommaire »), filled from the section titles on layout."""
    # Our own table style: the default one leaves Helvetica in the file's fonts.
    toc = TableOfContents(dotsMinLevel=0, tableStyle=TableStyle([
        ("FONTNAME", (0, 0), (-1, -1), FONT),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 0),
    ]))
    toc.levelStyles = [context.styles.toc]
    return [context.text(CONTENTS_TITLE, context.styles.section), toc, PageBreak()]


def _story(context: _Context) -> list[Flowable]:
    story = _cover(context) + _contents(context)
    for index, section in enumerate(_SECTIONS):
        title = _section_title(context, index)
        flow = section(context)
        # The title goes with the section's first block: never alone at a page's foot.
        story += [*title[:-1], KeepTogether([title[-1], flow[0]]), *flow[1:]]
    return story + _annex(context)


# --------------------------------------------------------------------------- output


class _NumberedCanvas(Canvas):
    """A canvas that defers pages to print « page X / Y » once the page count is known."""

    def __init__(self, *args: Any, footer: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._footer = footer
        self._pages: list[dict[str, Any]] = []

    def showPage(self) -> None:
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        count = len(self._pages)
        for state in self._pages:
            self.__dict__.update(state)
            self._draw_footer(count)
            super().showPage()
        super().save()

    def _draw_footer(self, count: int) -> None:
        width = PAGE_SIZE[0]
        number = f"page {self._pageNumber} / {count}"
        self.saveState()
        self.setFont(FONT, 8)
        self.setFillColor(_NOTE)
        self.drawRightString(width - MARGIN, MARGIN / 2, number)
        room = FRAME_WIDTH - pdfmetrics.stringWidth(number, FONT, 8) - 20
        self.drawString(MARGIN, MARGIN / 2, _fit(self._footer, FONT, 8, room))
        self.restoreState()


def _fit(text: str, font: str, size: float, width: float) -> str:
    """``text`` shortened with « … » so that it is at most ``width`` points wide."""
    if pdfmetrics.stringWidth(text, font, size) <= width:
        return text
    while text and pdfmetrics.stringWidth(text + "…", font, size) > width:
        text = text[:-1]
    return text.rstrip() + "…"


class _ReportDocument(SimpleDocTemplate):
    """A4 document that fills the table of contents and the PDF outline from the section
    titles, and reports its progress after every flowable."""

    def __init__(self, *args: Any, on_flowable: FlowableHook | None = None,
                 flowables: int = 0, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._on_flowable = on_flowable
        self._flowables = flowables
        self._done = 0

    def handle_documentBegin(self) -> None:
        self._done = 0
        super().handle_documentBegin()

    def afterFlowable(self, flowable: Flowable) -> None:
        self._done += 1
        if self._on_flowable is not None:
            self._on_flowable(self._done, self._flowables)
        if isinstance(flowable, Paragraph) and flowable.style.name == "section":
            text = flowable.getPlainText()
            if text == CONTENTS_TITLE:
                return
            key = f"section-{self.seq.nextf('section')}"
            self.canv.bookmarkPage(key)
            self.canv.addOutlineEntry(text, key, level=0)
            self.notify("TOCEntry", (0, escape(text), self.page, key))


def _build_pdf(stream: BinaryIO, stats: AnnualStatistics, story: list[Flowable],
               on_flowable: FlowableHook | None = None) -> None:
    """Lay ``story`` out on A4 pages into ``stream``, with metadata and footers."""
    title = f"Rapport d'activité {stats.year} – {stats.service_name}"
    document = _ReportDocument(
        stream,
        pagesize=PAGE_SIZE,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN,
        title=title,
        author=stats.service_name,
        subject=f"Rapport d'activité {stats.year}",
        creator=stats.generator,
        lang="fr-FR",
        initialFontName=FONT,
        on_flowable=on_flowable,
        flowables=len(story),
    )
    canvas_maker = functools.partial(_NumberedCanvas, footer=title)
    document.multiBuild(story, canvasmaker=canvas_maker)
