"""A time field typed as a French user types times: ``10:30``, ``10h30``, ``1030``.

Qt's time edit types into the section holding the cursor: after a click inside the
hours, or after Ctrl+A, the digits typed were refused or landed in the wrong section and
another time was saved without a word (``1030`` left 14:00, ``09:30`` gave 14:30:
issue 15). Here, as in :class:`~sps_desk.ui.widgets.date_edit.FrenchDateEdit`:

- the field takes the keyboard focus with the hours selected;
- a whole time typed in one go (``1030``, ``930``, ``10:30``, ``10h30``, ``9.30``) is
  taken as such, whichever section the cursor was in;
- a first digit typed after a click or Ctrl+A replaces a section instead of being
  refused;
- a time that cannot exist (``25:00``, ``10:75``) or is left unfinished shows a French
  message, and the last valid time stays.
"""

from __future__ import annotations

import re

from PySide6.QtCore import Qt, QTime
from PySide6.QtGui import QFocusEvent, QKeyEvent
from PySide6.QtWidgets import QDateTimeEdit, QTimeEdit, QWidget

from sps_desk.ui.formatting import TIME_FORMAT
from sps_desk.ui.widgets.typed_sections import TypedSections

_SEPARATORS = frozenset(":hH.")
_WHOLE_TIME = re.compile(r"(\d{1,2})[:hH.](\d{2})|(\d{1,2})(\d{2})")
"""A whole time typed in one go: ``hh:mm`` (``:``, ``h`` or ``.``), ``hmm`` or ``hhmm``."""


class FrenchTimeEdit(TypedSections, QTimeEdit):
    """``HH:mm`` time edit; :attr:`problem` holds the French message about the last
    rejected input (empty once a valid time is typed), also its accessible description."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setDisplayFormat(TIME_FORMAT)
        self._typed = ""
        """Digits and separators typed since the field got the focus or was clicked."""
        self._before = self.time()
        self.problem = ""
        self._watch_clicks()

    def focusInEvent(self, event: QFocusEvent) -> None:
        """Select the hours, unless a click put the cursor somewhere else."""
        super().focusInEvent(event)
        self._typed = ""
        self._before = self.time()
        if event.reason() != Qt.FocusReason.MouseFocusReason:
            self._select(QDateTimeEdit.Section.HourSection)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Take a whole time typed in one go; otherwise type into a whole section."""
        text = event.text()
        if not text or not (text.isdigit() or text in _SEPARATORS):
            self._typed = ""
            super().keyPressEvent(event)
            return
        if not self._typed:
            self._before = self.time()
        self._typed += text
        whole = _WHOLE_TIME.fullmatch(self._typed)
        if whole is not None and text.isdigit():
            hours, minutes = (int(g) for g in whole.groups() if g is not None)
            if len(whole.group(0)) == 3 and not QTime(hours, minutes).isValid():
                # ``093`` is 09 and the first digit of the minutes: type on.
                self._type_into_section(event)
                return
            # ``103`` is 01:03 until the fourth digit makes it 10:30.
            if self._set_typed_time(hours, minutes) and len(whole.group(0)) >= 4:
                self._typed = ""
            return
        if text in _SEPARATORS:
            # To the minutes, once: Qt may have gone there by itself after two digits.
            if self.currentSection() == QDateTimeEdit.Section.HourSection:
                self._select(QDateTimeEdit.Section.MinuteSection)
            return
        self._type_into_section(event)

    def _type_into_section(self, event: QKeyEvent) -> None:
        line = self.lineEdit()
        if len(self._typed) == 1 and (
            not line.hasSelectedText() or line.selectedText() == line.text()
        ):
            # After a click inside a section, or Ctrl+A: the digit replaces a whole
            # section (the hours after Ctrl+A) instead of being refused.
            section = (QDateTimeEdit.Section.HourSection if line.hasSelectedText()
                       else self.currentSection())
            self._select(section)
        super().keyPressEvent(event)
        if self._is_acceptable():
            self._clear_problem()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        """Leaving with an unfinished time puts back the last valid one, and says so."""
        typed = self.text()
        acceptable = self._is_acceptable()
        super().focusOutEvent(event)
        self._typed = ""
        if not acceptable:
            self.setTime(self._before)
            self._warn(self.tr("“{0}” is not a time: the time stays {1}.").format(
                typed, self._before.toString(TIME_FORMAT)))

    def _set_typed_time(self, hours: int, minutes: int) -> bool:
        typed = QTime(hours, minutes)
        if not typed.isValid():
            self.setTime(self._before)
            self._warn(self.tr(
                "{0:02d}:{1:02d} is not a time: hours go from 00 to 23 and minutes from "
                "00 to 59. The time stays {2}.").format(
                    hours, minutes, self._before.toString(TIME_FORMAT)))
            self._typed = ""
            self._select(QDateTimeEdit.Section.HourSection)
            return False
        self.setTime(typed)
        self._clear_problem()
        self._select(QDateTimeEdit.Section.MinuteSection)
        return True
