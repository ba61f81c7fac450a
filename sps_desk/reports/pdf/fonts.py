"""The DejaVu fonts every PDF of the application embeds (``sps_desk/resources/fonts``).

DejaVu Sans covers Latin (ğ ş ı ł č œ …), Greek, Cyrillic, Hebrew and Arabic with its
presentation forms, so that any name a user types prints; the built-in Helvetica, which
only knows Latin-1, is never used.
"""

from __future__ import annotations

from importlib import resources

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

FONT = "DejaVuSans"
FONT_BOLD = "DejaVuSans-Bold"
_FONT_FILES = {FONT: "DejaVuSans.ttf", FONT_BOLD: "DejaVuSans-Bold.ttf"}


def register_fonts() -> None:
    """Register the DejaVu TTF fonts (once per process) and map bold markup to DejaVu
    Bold (italic falls back to the upright faces: no italic file is shipped)."""
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
