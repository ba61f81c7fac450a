"""The annual activity report (« Rapport d'activité ») as a PDF, and the layout every PDF
of the application shares.

Shared layout: :mod:`.fonts` (embedded DejaVu fonts), :mod:`.rtl` (right-to-left scripts
shaped and reordered: use :class:`~.rtl.Para` for every paragraph), :mod:`.styles`,
:mod:`.page` (A4 pages, « page X / Y », marks, contents), :mod:`.blocks` (tables and the
rules that keep titles, tables and charts together) and :mod:`.charts`.

The report: one module per group of sections (:mod:`.service`, :mod:`.activity`,
:mod:`.young`, :mod:`.actions`, :mod:`.texts`, :mod:`.cover`, :mod:`.annex`), assembled
by :mod:`.story` in the order of the Département's model (DESIGN.md §5), and one story
per version: :mod:`.diffusion` (published values, hidden counts « s ») and
:mod:`.internal` (raw figures, every page marked « Document interne »). Every number
printed is a value of :class:`~sps_desk.reports.figures.ReportFigures`; nothing is
recomputed except shares of the hours (hours are not counts of people).
"""

from __future__ import annotations

import io
from collections.abc import Mapping
from pathlib import Path

from sps_desk.atomic import write_file
from sps_desk.reports.figures import ReportFigures, Variant
from sps_desk.reports.pdf.context import ReportContext
from sps_desk.reports.pdf.diffusion import diffusion_marks, diffusion_story
from sps_desk.reports.pdf.fonts import FONT, FONT_BOLD, register_fonts
from sps_desk.reports.pdf.internal import INTERNAL_MARK, internal_marks, internal_story
from sps_desk.reports.pdf.page import DocumentInfo, FlowableHook, build_pdf
from sps_desk.reports.pdf.rtl import Para, visual
from sps_desk.reports.pdf.story import SECTION_TITLES
from sps_desk.reports.pdf.styles import Styles

__all__ = [
    "FONT",
    "FONT_BOLD",
    "INTERNAL_MARK",
    "SECTION_TITLES",
    "Para",
    "register_fonts",
    "render_report",
    "report_filename",
    "report_pdf_bytes",
    "visual",
]


def report_filename(year: int, variant: Variant = "diffusion") -> str:
    """File name of the report: ``rapport-activite-2024.pdf`` (diffusion) or
    ``rapport-activite-2024-interne.pdf`` (internal)."""
    suffix = "-interne" if variant == "internal" else ""
    return f"rapport-activite-{year}{suffix}.pdf"


def report_pdf_bytes(
    figures: ReportFigures,
    previous: ReportFigures | None = None,
    *,
    variant: Variant,
    masked_reasons: Mapping[str, str] | None = None,
    on_flowable: FlowableHook | None = None,
) -> bytes:
    """The PDF of one version of the annual report, in memory.

    ``figures`` is year N and ``previous`` year N-1 (an N-1 column when given): published
    values for the ``"diffusion"`` version, raw ones for the ``"internal"`` version.
    ``masked_reasons`` (internal only): cells the diffusion version hides, with the
    French reason, listed in the annex. The layout runs as many passes as the table of
    contents needs; ``on_flowable`` is called after every flowable of every pass, and
    whatever it raises (e.g. a cancellation) propagates, leaving nothing written.

    Raises:
        ValueError: a diffusion version asked with raw figures.
    """
    register_fonts()
    context = ReportContext(figures=figures, previous=previous, styles=Styles.create(),
                            variant=variant,
                            masked_reasons=masked_reasons if variant == "internal" else None)
    if variant == "diffusion":
        story, marks = diffusion_story(context), diffusion_marks(context)
    else:
        story, marks = internal_story(context), internal_marks(context)
    info = DocumentInfo(
        title=f"Rapport d'activité {figures.year} – {figures.service_name}",
        author=figures.service_name,
        subject=(f"Rapport d'activité {figures.year}"
                 + (" — document interne, ne pas diffuser" if variant == "internal" else "")),
        creator=figures.generator,
    )
    stream = io.BytesIO()
    build_pdf(stream, story, info, marks, on_flowable)
    return stream.getvalue()


def render_report(
    figures: ReportFigures,
    out: Path,
    previous: ReportFigures | None = None,
    *,
    variant: Variant,
    masked_reasons: Mapping[str, str] | None = None,
) -> None:
    """Write :func:`report_pdf_bytes` at ``out``, atomically: a temporary file in the
    folder of ``out`` is filled, synced and renamed over ``out``, so a crash never leaves a
    truncated report and an existing one stays untouched until the new one is whole.

    Raises:
        AtomicWriteFailed: the folder does not exist or is not writable, or ``out`` is
            locked (e.g. open in a PDF viewer on Windows). French message naming it.
    """
    data = report_pdf_bytes(figures, previous, variant=variant,
                            masked_reasons=masked_reasons)
    write_file(out, data)
