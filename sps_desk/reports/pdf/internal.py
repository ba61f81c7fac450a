"""The **internal** version of the report: for the service's own use. It prints every raw
figure, small counts included, and every page carries :data:`INTERNAL_MARK`; its annex
can list the cells the diffusion version hides and why."""

from __future__ import annotations

from reportlab.platypus import Flowable

from sps_desk.reports.pdf.context import ReportContext
from sps_desk.reports.pdf.page import PageMarks
from sps_desk.reports.pdf.story import report_story

INTERNAL_MARK = ("Document interne — contient des effectifs soumis au secret statistique, "
                 "ne pas diffuser")
"""Printed at the top of every page of the internal version."""

VERSION_LINE = ("Version interne — réservée au service : tous les effectifs, y compris "
                "ceux soumis au secret statistique. Ne pas diffuser.")
"""What the cover says of this version and whom it is for."""


def internal_story(context: ReportContext) -> list[Flowable]:
    """The flowables of the internal version."""
    return report_story(context, VERSION_LINE)


def internal_marks(context: ReportContext) -> PageMarks:
    """Footer (title, service, « version interne ») and the mark of every page."""
    figures = context.figures
    return PageMarks(
        footer=f"Rapport d'activité {figures.year} (interne) – {figures.service_name}",
        mark=INTERNAL_MARK,
    )
