"""The interface strings a window shows, as text (``sps-desk screenshot --texts``).

A screenshot is an image: to check that a page speaks French (issue 16: the packaged
application must never silently lose its translation), the same widgets the image was
grabbed from are read back — window title, menus, labels, buttons, group and tab titles,
table headers, placeholders — for the widgets visible on screen. Field and cell contents
are left out: they are the user's data, not the interface.
"""

from __future__ import annotations

import re

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMainWindow,
    QTabBar,
    QTableView,
    QTreeView,
    QWidget,
)

_TAGS = re.compile(r"<[^>]+>")


def interface_texts(window: QWidget) -> list[str]:
    """The interface strings shown by ``window`` and its visible widgets, in widget order,
    each once, without keyboard-mnemonic ampersands or markup; blank ones left out."""
    found: list[str] = [window.windowTitle()]
    if isinstance(window, QMainWindow):
        found += [action.text() for action in window.menuBar().actions()]
    for widget in window.findChildren(QWidget):
        if widget.isVisible():
            found += _texts_of(widget)
    seen: dict[str, None] = {}
    for text in found:
        cleaned = _clean(text)
        if cleaned:
            seen.setdefault(cleaned, None)
    return list(seen)


def _texts_of(widget: QWidget) -> list[str]:
    if isinstance(widget, QLabel):
        return [_TAGS.sub(" ", widget.text())]
    if isinstance(widget, QAbstractButton):
        return [widget.text(), widget.toolTip()]
    if isinstance(widget, QGroupBox):
        return [widget.title()]
    if isinstance(widget, QTabBar):
        return [widget.tabText(index) for index in range(widget.count())]
    if isinstance(widget, QLineEdit):
        return [widget.placeholderText()]
    if isinstance(widget, QTableView | QTreeView) and widget.model() is not None:
        header = widget.horizontalHeader() if isinstance(widget, QTableView) else widget.header()
        model = widget.model()
        horizontal, display = Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole
        return [
            str(model.headerData(column, horizontal, display) or "")
            for column in range(header.count())
            if not header.isSectionHidden(column)
        ]
    return []


def _clean(text: str) -> str:
    text = text.replace("&&", "\0").replace("&", "").replace("\0", "&")
    return " ".join(text.split())
