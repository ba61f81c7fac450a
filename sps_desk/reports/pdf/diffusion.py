"""The **diffusion** version of the report: for the Département, the partners and the
public. It prints exactly the published values of the statistics file (hidden counts as
« s »), its N-1 column is the release already made for that year, and the annex states
the statistical-secrecy rule."""

from __future__ import annotations

from reportlab.platypus import Flowable

from sps_desk.reports.pdf.context import ReportContext
from sps_desk.reports.pdf.page import PageMarks
from sps_desk.reports.pdf.story import report_story

VERSION_LINE = ("Version de diffusion — pour le Département et les partenaires : les "
                "effectifs de moins de {k} personnes sont masqués « s » (secret statistique)")
"""What the cover says of this version and whom it is for (``{k}``: the threshold)."""


def diffusion_story(context: ReportContext) -> list[Flowable]:
    """The flowables of the diffusion version.

    Raises:
        ValueError: ``context`` holds raw figures (no secrecy applied): raw counts must
            never reach a diffusion file.
    """
    if context.variant != "diffusion" or not context.figures.protected or (
            context.previous is not None and not context.previous.protected):
        raise ValueError("the diffusion version needs published (protected) figures")
    return report_story(context, VERSION_LINE.format(k=context.figures.threshold))


def diffusion_marks(context: ReportContext) -> PageMarks:
    """Footer of every page: the report's title and the service."""
    figures = context.figures
    return PageMarks(footer=f"Rapport d'activité {figures.year} – {figures.service_name}")
