"""What the French date and time fields share: typing that starts afresh after a click,
the sections selected whole, and the French message about a rejected input.

Both fields keep :attr:`_typed` (the digits and separators typed since the field got
the focus or the cursor moved) and :attr:`problem` (the French message about the last
rejected input, also the field's accessible description; empty once a valid value is
typed). See :class:`~sps_desk.ui.widgets.date_edit.FrenchDateEdit` and
:class:`~sps_desk.ui.widgets.time_edit.FrenchTimeEdit` (issue 15).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QPoint, QRect
from PySide6.QtGui import QMouseEvent, QValidator
from PySide6.QtWidgets import QDateTimeEdit, QToolTip

MESSAGE_MS = 10_000
"""How long the message about a rejected date or time stays on screen."""

_PRESS = QEvent.Type.MouseButtonPress

# A plain mixin at run time (one Qt class per field); typed as the Qt field it joins.
_Field = QDateTimeEdit if TYPE_CHECKING else object


class TypedSections(_Field):
    """Mixed in before ``QDateEdit`` or ``QTimeEdit`` (``class F(TypedSections,
    QDateEdit)``): the subclass sets :attr:`_typed` and :attr:`problem` and calls
    :meth:`_watch_clicks` in its constructor."""

    _typed: str
    problem: str

    def _watch_clicks(self) -> None:
        """Clicks in the text go to the line edit, not the field: watch them there."""
        self.lineEdit().installEventFilter(self)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        """A click moves the cursor: what is typed next starts afresh."""
        self._typed = ""
        super().mousePressEvent(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """A click in the text (the line edit gets it, not the field) also starts
        afresh."""
        # The event's type first: every event of the text (paint, resize…) comes here.
        if event.type() == _PRESS and watched is self.lineEdit():
            self._typed = ""
        return super().eventFilter(watched, event)

    def _is_acceptable(self) -> bool:
        text = self.text()
        state = self.validate(text, len(text))
        state = state[0] if isinstance(state, tuple) else state
        return state == QValidator.State.Acceptable

    def _select(self, section: QDateTimeEdit.Section) -> None:
        self.setCurrentSection(section)
        self.setSelectedSection(section)

    def _warn(self, message: str) -> None:
        self.problem = message
        self.setAccessibleDescription(message)
        QToolTip.showText(
            self.mapToGlobal(QPoint(0, self.height())), message, self, QRect(), MESSAGE_MS
        )

    def _clear_problem(self) -> None:
        if self.problem:
            self.problem = ""
            self.setAccessibleDescription("")
            QToolTip.hideText()
