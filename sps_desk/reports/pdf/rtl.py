"""Right-to-left scripts (Arabic, Hebrew, Persian, Urdu…) in every PDF of the application.

A PDF holds glyphs in the order they are drawn, left to right, and reportlab draws a
string's characters one after the other: an Arabic name would come out reversed and
with its letters unjoined. reportlab's own bidi support needs ``rlbidi``, which is not
published on PyPI, so the two steps are done here with well-kept libraries:

1. **shaping** (``arabic-reshaper``): each Arabic letter becomes its contextual form
   (initial, medial, final, isolated) and lam-alef its mandatory ligature, as
   presentation-form characters that DejaVu Sans draws joined. It is done on the
   logical text, before line breaking, so that widths are those of the joined forms;
2. **visual order** (``python-bidi``, the Unicode Bidirectional Algorithm, base
   direction left to right as the documents are French): done line by line *after*
   line breaking, so that a name cut over two lines keeps its words on the right lines.
   Its pure-Python implementation is used because it mirrors brackets in right-to-left
   runs, which the Rust one leaves to the renderer.

Text without any right-to-left character is left untouched (and costs one regex scan).
A PDF viewer or ``pdftotext`` reads the name back in logical order, as presentation
forms that NFKC normalisation folds back to the letters typed.
"""

from __future__ import annotations

import re
from typing import Any

from arabic_reshaper import ArabicReshaper
from bidi.algorithm import get_display
from reportlab.platypus import Paragraph

from sps_desk.reports.pdf.draft import DraftSkipped

_RTL = re.compile(
    "[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff\U00010800-\U00010fff\U0001e800-\U0001efff]"
)
"""Hebrew, Arabic, Syriac, Thaana, N'Ko… and their presentation forms."""

_RESHAPER = ArabicReshaper(configuration={
    # Vowel marks are part of a name as typed: keep them.
    "delete_harakat": False,
    # Only the mandatory lam-alef ligatures: DejaVu Sans has no glyph for the others
    # (e.g. « Allah » in « Abdallah »), which would print as empty boxes.
    "ARABIC LIGATURE ALLAH": False,
})


def has_rtl(text: str) -> bool:
    """Whether ``text`` holds a character of a right-to-left script."""
    return _RTL.search(text) is not None


def shape(text: str) -> str:
    """``text`` with its Arabic letters in their joined forms, still in logical order."""
    return _RESHAPER.reshape(text) if has_rtl(text) else text


def visual(text: str) -> str:
    """One line of ``text`` ready to be drawn left to right: shaped, then in visual order
    (base direction left to right). For strings drawn on one line: footers, chart labels.
    """
    if not has_rtl(text):
        return text
    return get_display(_RESHAPER.reshape(text), base_dir="L")


def _visual_words(words: list[str]) -> list[str]:
    """The words of one laid-out line, in visual order (same count, same widths)."""
    line = " ".join(words)
    if not has_rtl(line):
        return words
    reordered = get_display(line, base_dir="L").split(" ")
    # Bidi only moves characters: a different count would mean a space was moved, and
    # the logical words are then the safer output.
    return reordered if len(reordered) == len(words) else words


class Para(DraftSkipped, Paragraph):
    """A ``Paragraph`` that prints right-to-left scripts correctly (see the module).

    Used for every text of every PDF; like a chart or a table it draws nothing on the
    report's draft pass (:mod:`.draft`). The right-to-left handling applies to plain text
    (escaped, no inline markup such as ``<b>``): that is how user-typed text (names,
    communes, the chief's sections) is always passed. Text with markup is shaped but
    keeps its logical order.
    """

    def __init__(self, text: str, style: Any = None, *args: Any, **kwargs: Any) -> None:
        rtl = text is not None and has_rtl(text)
        super().__init__(_RESHAPER.reshape(text) if rtl else text, style, *args, **kwargs)
        self._rtl = rtl
        self._wrapped: tuple[float, Any] | None = None

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        # reportlab measures a paragraph again and again at the same width (a table's
        # rows, then its cells when drawn; a group kept together; each layout pass):
        # its lines are those it has, as long as they are the ones broken at that width.
        lines = getattr(self, "blPara", None)
        if (self._wrapped is not None and self._wrapped[0] == availWidth
                and self._wrapped[1] is lines):
            return self.width, self.height
        size = super().wrap(availWidth, availHeight)
        lines = getattr(self, "blPara", None)
        self._wrapped = None if lines is None else (availWidth, lines)
        return size

    def split(self, availWidth: float, availHeight: float) -> list[Any]:
        parts = super().split(availWidth, availHeight)
        for part in parts:
            if isinstance(part, Para):
                part._rtl = self._rtl
        return parts

    def drawPara(self, debug: int = 0) -> None:
        # Lines are broken on the logical text; only the drawing sees the visual order,
        # so that splitting a paragraph over two pages never reorders twice.
        lines = getattr(self, "blPara", None)
        if not self._rtl or lines is None or getattr(lines, "kind", 1) != 0:
            super().drawPara(debug)
            return
        visual_lines = lines.clone(lines=[(extra, _visual_words(list(words)))
                                          for extra, words in lines.lines])
        self.blPara = visual_lines
        try:
            super().drawPara(debug)
        finally:
            self.blPara = lines
