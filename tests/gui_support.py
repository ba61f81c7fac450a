"""Helpers of the GUI tests of the daily flows: the French window and counted input."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QLocale, QPoint, Qt
from PySide6.QtWidgets import QApplication, QWidget

from sps_desk.ui.i18n import install_translators, remove_translators

LEFT = Qt.MouseButton.LeftButton
C = "\u00a0:"
"""French labels put a no-break space before the colon."""


@pytest.fixture
def french(qapp: QApplication) -> Iterator[None]:
    """The French translation installed, as in the real application."""
    locale = QLocale()
    translators = install_translators(qapp, "fr")
    yield
    remove_translators(qapp, translators)
    QLocale.setDefault(locale)


class CountedInput:
    """Sends clicks and key presses as a user would, and counts them.

    What counts: one mouse click (press + release) on a widget is 1; one key press
    (with or without a modifier, e.g. Ctrl+S) is 1; typing ``"kem"`` is 3. Keys go to
    the widget that has the keyboard focus, as on a real keyboard. Nothing is set
    through the widgets' API in a counted flow.
    """

    def __init__(self, qtbot) -> None:
        self.qtbot = qtbot
        self.count = 0
        self.log: list[str] = []

    def click(self, widget: QWidget, pos: QPoint | None = None) -> None:
        """One left click (at the widget's centre unless ``pos``)."""
        self.qtbot.mouseClick(widget, LEFT, pos=pos if pos is not None else QPoint())
        self.count += 1
        self.log.append(f"click {widget.accessibleName() or type(widget).__name__}")

    def key(
        self, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier
    ) -> None:
        """One key press sent to the focused widget."""
        target = QApplication.focusWidget()
        assert target is not None, "no widget has the keyboard focus"
        self.qtbot.keyClick(target, key, modifier)
        self.count += 1
        self.log.append(f"key {key.name}")

    def type(self, text: str) -> None:
        """Type ``text`` into the focused widget, one key press per character."""
        for character in text:
            target = QApplication.focusWidget()
            assert target is not None, "no widget has the keyboard focus"
            self.qtbot.keyClicks(target, character)
            self.count += 1
            self.log.append(f"type {character!r}")
