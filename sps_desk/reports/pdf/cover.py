"""The cover page (always one page) and the table of contents."""

from __future__ import annotations

from reportlab.lib.units import cm
from reportlab.platypus import Flowable, PageBreak, Spacer, TableStyle
from reportlab.platypus.tableofcontents import TableOfContents

from sps_desk.reports.figures import ReportFigures
from sps_desk.reports.pdf.context import ReportContext
from sps_desk.reports.pdf.fonts import FONT
from sps_desk.reports.pdf.markup import escape
from sps_desk.reports.pdf.page import CONTENTS_TITLE
from sps_desk.reports.pdf.rtl import Para

COVER_COMMUNES = 8
"""Communes named on the cover at most; more are summarised (the full list is in
« Secteurs d'intervention »), so that the cover stays one page."""


def communes(figures: ReportFigures) -> list[str]:
    """Distinct communes of the sectors, in their order."""
    return list(dict.fromkeys(line.commune for line in figures.sectors if line.commune))


def communes_line(figures: ReportFigures) -> str | None:
    """« Communes : A, B, C » or, past :data:`COVER_COMMUNES`, the first ones and how many
    more; ``None`` without any commune."""
    names = communes(figures)
    if not names:
        return None
    if len(names) == 1:
        return f"Commune : {names[0]}"
    if len(names) <= COVER_COMMUNES:
        return f"Communes : {', '.join(names)}"
    shown = ", ".join(names[:COVER_COMMUNES])
    return (f"{len(names)} communes : {shown} et {len(names) - COVER_COMMUNES} autres "
            "(liste complète en « Secteurs d'intervention »)")


def cover(context: ReportContext, version: str) -> list[Flowable]:
    """Title, service, managing body, communes, period and ``version`` (which version of
    the report this is, and for whom), then a page break."""
    figures, styles = context.figures, context.styles
    flow: list[Flowable] = [
        Spacer(1, 5 * cm),
        context.text(f"Rapport d'activité {figures.year}", styles.cover_title),
        context.text(figures.service_name, styles.cover_service),
    ]
    if figures.managing_body:
        flow.append(context.text(f"Structure gestionnaire : {figures.managing_body}",
                                 styles.cover_line))
    line = communes_line(figures)
    if line:
        flow.append(context.text(line, styles.cover_line))
    flow += [
        context.text(f"Période : du 1er janvier au 31 décembre {figures.year}",
                     styles.cover_line),
        context.text(version, styles.cover_version),
    ]
    if figures.audit_head:
        # Lets the Département compare this report with the statistics file it received.
        flow.append(Para(f"Empreinte du journal d'audit du service :<br/>"
                         f"{escape(figures.audit_head)}", styles.cover_note))
    return [*flow, PageBreak()]


def contents(context: ReportContext) -> list[Flowable]:
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
