"""A date field typed as a French user types dates: ``05/03/2025`` or ``05032025``.

Qt's date edit jumps to the month by itself once the day has two digits; the ``/`` the
user then types would jump once more, past the month. Here a separator typed right after
such an automatic jump is swallowed, so both habits give 5 March 2025. Years have four
digits; the calendar pops up with Alt+Down.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QDateEdit, QWidget

from sps_desk.ui.formatting import DATE_FORMAT, to_qdate

_SEPARATORS = frozenset("/.-")


class FrenchDateEdit(QDateEdit):
    """``dd/MM/yyyy`` date edit with a calendar, opening on ``initial`` (default today)."""

    def __init__(self, initial: date | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setDisplayFormat(DATE_FORMAT)
        self.setCalendarPopup(True)
        self.setDate(to_qdate(initial or date.today()))
        self._auto_advanced = False

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Swallow a separator typed just after Qt moved to the next section itself."""
        text = event.text()
        if text in _SEPARATORS and text and self._auto_advanced:
            self._auto_advanced = False
            return
        before = self.currentSectionIndex()
        super().keyPressEvent(event)
        self._auto_advanced = text.isdigit() and self.currentSectionIndex() != before
