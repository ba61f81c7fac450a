"""Literal text inside reportlab's paragraph markup."""

from __future__ import annotations

import html


def escape(text: str) -> str:
    """``text`` with ``&``, ``<`` and ``>`` written as entities, so that reportlab's
    paragraph markup prints it as typed: what ``xml.sax.saxutils.escape`` does, without
    importing that module's urllib, http and ssl (a report never fetches anything)."""
    return html.escape(text, quote=False)
