"""Colours of errors, warnings and notice banners, readable in the light and the dark
palette.

Hard-coded colours chosen for a light window were unreadable in a dark one (white text
on the pale yellow of the draft banner, dark orange warnings at about 2:1 on a dark
grey: issue 15). Each tone has a colour for each kind of palette, chosen for a contrast
of at least 4.5:1 (WCAG AA) with the palette's window colour; the colour follows the
palette when it changes (system theme switched while the window is open).
"""

from __future__ import annotations

from enum import Enum

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QWidget


class Tone(Enum):
    """What a text says: an error, a warning, or a notice on a coloured banner."""

    ERROR = "error"
    WARNING = "warning"
    BANNER = "banner"


_TEXT = {
    # (light palette, dark palette)
    Tone.ERROR: ("#a40000", "#ff9c9c"),
    Tone.WARNING: ("#8a4b00", "#ffc46b"),
    Tone.BANNER: ("#3b2f00", "#fff4ce"),
}
_BANNER_BACKGROUND = ("#fff4ce", "#4a3b00")


def is_dark(palette: QPalette) -> bool:
    """Whether ``palette`` shows light text on a dark window."""
    return palette.color(QPalette.ColorRole.Window).lightnessF() < 0.5


def tone_colors(tone: Tone, palette: QPalette) -> tuple[QColor, QColor]:
    """(text, background) of ``tone`` under ``palette``; the background is the palette's
    window colour except for banners."""
    dark = int(is_dark(palette))
    text = QColor(_TEXT[tone][dark])
    if tone is Tone.BANNER:
        return text, QColor(_BANNER_BACKGROUND[dark])
    return text, palette.color(QPalette.ColorRole.Window)


def contrast_ratio(first: QColor, second: QColor) -> float:
    """WCAG 2 contrast ratio of two colours, from 1 (same) to 21 (black on white)."""

    def luminance(color: QColor) -> float:
        def channel(value: float) -> float:
            return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

        return (0.2126 * channel(color.redF()) + 0.7152 * channel(color.greenF())
                + 0.0722 * channel(color.blueF()))

    light, dark = sorted((luminance(first), luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


_PALETTE_EVENTS = frozenset({QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange})


class _ToneKeeper(QObject):
    """Sets the widget's style sheet for the application's palette, again whenever it
    changes."""

    def __init__(self, widget: QWidget, tone: Tone, extra: str) -> None:
        super().__init__(widget)
        self.widget = widget
        self.tone = tone
        self.extra = extra
        widget.installEventFilter(self)
        self.apply()

    def apply(self) -> None:
        text, background = tone_colors(self.tone, QApplication.palette())
        rules = f"color: {text.name()};"
        if self.tone is Tone.BANNER:
            rules += f" background: {background.name()};"
        name = type(self.widget).__name__
        sheet = f"{name} {{ {rules} {self.extra} }}" if self.tone is Tone.BANNER else (
            f"{rules} {self.extra}".strip())
        if self.widget.styleSheet() != sheet:  # setting it sends a change event again
            self.widget.setStyleSheet(sheet)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Called for every event of the widget (a page's first visit sends dozens).
        if event.type() in _PALETTE_EVENTS:
            self.apply()
        return False


def apply_tone(widget: QWidget, tone: Tone, extra: str = "") -> None:
    """Colour ``widget``'s text (and a banner's background) for the current palette and
    follow palette changes. ``extra`` adds style rules (``font-weight: bold;``). A
    banner's rules apply to the widget itself, not to its children (buttons)."""
    _ToneKeeper(widget, tone, extra)
