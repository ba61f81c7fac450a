"""The chief's own sections: « Faits marquants », « Démarche d'amélioration continue de
la qualité », « Perspectives »."""

from __future__ import annotations

from collections.abc import Callable

from reportlab.platypus import Flowable

from sps_desk.reports.pdf.context import ReportContext


def chief_text(context: ReportContext, text: str) -> list[Flowable]:
    """The chief's text, literally: blank lines separate paragraphs, a line break stays.

    Each typed line is a paragraph of its own (no inline markup), so that ``&``, ``<``
    and ``>`` print as typed and right-to-left words are laid out line by line.
    """
    paragraphs = [p.strip() for p in text.replace("\r\n", "\n").split("\n\n") if p.strip()]
    if not paragraphs:
        return [context.note("Non renseigné.")]
    flow: list[Flowable] = []
    for paragraph in paragraphs:
        lines = paragraph.split("\n")
        flow += [context.text(line, context.styles.body_line) for line in lines[:-1]]
        flow.append(context.text(lines[-1], context.styles.body))
    return flow


def _section(key: str) -> Callable[[ReportContext], list[Flowable]]:
    def section(context: ReportContext) -> list[Flowable]:
        return chief_text(context, context.figures.chief_texts.get(key, ""))

    section.__doc__ = f"The chief's « {key} » section."
    return section


highlights = _section("highlights")
quality = _section("quality")
outlook = _section("outlook")
