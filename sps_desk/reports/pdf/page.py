"""Pages of the report: A4 template, « page X / Y » footers, the internal mark on every
page, the table of contents and the PDF outline, and progress after every flowable."""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any, BinaryIO

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate
from reportlab.platypus.tableofcontents import TableOfContents

from sps_desk.reports.pdf.fonts import FONT, FONT_BOLD
from sps_desk.reports.pdf.markup import escape
from sps_desk.reports.pdf.rtl import visual
from sps_desk.reports.pdf.styles import FRAME_WIDTH, MARGIN, MARK, NOTE, PAGE_SIZE

FlowableHook = Callable[[int, int], None]
"""Called after each laid-out flowable with (flowables done, flowables per pass); may
raise to stop the layout (cancellation)."""

CONTENTS_TITLE = "Sommaire"
"""Title of the table of contents, printed after the cover (not listed in itself)."""


@dataclass(frozen=True)
class PageMarks:
    """What every page carries: ``footer`` (left of the page number) and an optional
    ``mark`` printed in dark red at the top of every page."""

    footer: str
    mark: str | None = None


class NumberedCanvas(Canvas):
    """A canvas that defers pages to print « page X / Y » once the page count is known,
    and the marks of :class:`PageMarks` on every page."""

    def __init__(self, *args: Any, marks: PageMarks, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._marks = marks
        self._pages: list[dict[str, Any]] = []

    def showPage(self) -> None:
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        count = len(self._pages)
        for state in self._pages:
            self.__dict__.update(state)
            self._draw_marks(count)
            super().showPage()
        super().save()

    def _draw_marks(self, count: int) -> None:
        width, height = PAGE_SIZE
        number = f"page {self._pageNumber} / {count}"
        self.saveState()
        self.setFont(FONT, 8)
        self.setFillColor(NOTE)
        self.drawRightString(width - MARGIN, MARGIN / 2, number)
        room = FRAME_WIDTH - pdfmetrics.stringWidth(number, FONT, 8) - 20
        self.drawString(MARGIN, MARGIN / 2, fit(visual(self._marks.footer), FONT, 8, room))
        if self._marks.mark:
            self.setFont(FONT_BOLD, 8.5)
            self.setFillColor(MARK)
            self.drawCentredString(width / 2, height - MARGIN / 2,
                                   fit(self._marks.mark, FONT_BOLD, 8.5, FRAME_WIDTH))
        self.restoreState()


def fit(text: str, font: str, size: float, width: float) -> str:
    """``text`` shortened with « … » so that it is at most ``width`` points wide."""
    if pdfmetrics.stringWidth(text, font, size) <= width:
        return text
    while text and pdfmetrics.stringWidth(text + "…", font, size) > width:
        text = text[:-1]
    return text.rstrip() + "…"


class ReportDocument(SimpleDocTemplate):
    """A4 document that fills the table of contents and the PDF outline from the section
    titles (paragraphs of style ``section``), and reports its progress after every
    flowable."""

    def __init__(self, *args: Any, on_flowable: FlowableHook | None = None,
                 flowables: int = 0, draft_first: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._on_flowable = on_flowable
        self._flowables = flowables
        self._done = 0
        self._draft_first = draft_first
        self.passes = 0

    def handle_documentBegin(self) -> None:
        self._done = 0
        self.passes += 1
        # The first pass of a story whose contents list a section is never the last
        # (the contents change from empty to that list): its canvas is thrown away.
        self.canv.draft = self._draft_first and self.passes == 1
        super().handle_documentBegin()

    def afterFlowable(self, flowable: Flowable) -> None:
        self._done += 1
        if self._on_flowable is not None:
            self._on_flowable(self._done, self._flowables)
        if _lists_in_contents(flowable):
            text = flowable.getPlainText()
            key = f"section-{self.seq.nextf('section')}"
            self.canv.bookmarkPage(key)
            self.canv.addOutlineEntry(text, key, level=0)
            self.notify("TOCEntry", (0, escape(text), self.page, key))


def _lists_in_contents(flowable: Flowable) -> bool:
    """Whether ``flowable`` is a section title, listed in the table of contents."""
    return (isinstance(flowable, Paragraph) and flowable.style.name == "section"
            and flowable.getPlainText() != CONTENTS_TITLE)


def _walk(story: list[Flowable]) -> Iterator[Flowable]:
    """The flowables of ``story`` and those grouped in them (``KeepTogether``)."""
    for flowable in story:
        yield flowable
        yield from _walk(getattr(flowable, "_content", []))


@dataclass(frozen=True)
class DocumentInfo:
    """PDF metadata: ``title``, ``author``, ``subject`` and ``creator`` (French text)."""

    title: str
    author: str
    subject: str
    creator: str


def build_pdf(stream: BinaryIO, story: list[Flowable], info: DocumentInfo, marks: PageMarks,
              on_flowable: FlowableHook | None = None) -> None:
    """Lay ``story`` out on A4 pages into ``stream``, as many passes as the table of
    contents needs, with metadata, footers and marks.

    Whatever ``on_flowable`` raises stops the layout and propagates. When the contents
    list a section, the first pass only places the flowables (:mod:`.draft`).
    """
    contents = any(isinstance(flowable, TableOfContents) for flowable in story)
    document = ReportDocument(
        stream,
        pagesize=PAGE_SIZE,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN,
        title=info.title,
        author=info.author,
        subject=info.subject,
        creator=info.creator,
        lang="fr-FR",
        initialFontName=FONT,
        on_flowable=on_flowable,
        flowables=len(story),
        draft_first=contents and any(map(_lists_in_contents, _walk(story))),
    )
    document.multiBuild(story, canvasmaker=functools.partial(NumberedCanvas, marks=marks))
    if document.passes == 1 and document.canv.draft:  # cannot happen: see above
        raise AssertionError("a draft pass was kept as the report")
