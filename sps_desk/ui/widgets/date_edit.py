"""A date field typed as a French user types dates: ``05/03/2025`` or ``05032025``.

Qt's date edit jumps to the month by itself once the day has two digits; the ``/`` the
user then types would jump once more, past the month. Here a separator typed right after
such an automatic jump is swallowed, so both habits give 5 March 2025. Years have four
digits; the calendar pops up with Alt+Down.

What the user types is never dropped in silence:

- the field takes the keyboard focus with the day selected, whichever way it is reached
  (Tab, Shift+Tab, a shortcut), so typing starts with the day;
- a whole date typed in one go (``16112026`` or ``16/11/2026``) is taken as such from any
  section the cursor is in;
- Tab leaves the field at once (the sections are walked with ``/`` or the arrow keys);
- a date that cannot exist (31/02/2026) or is incomplete (a two-digit year) shows a
  French message; Tab then keeps the cursor in the field so it can be corrected (a second
  Tab leaves). Leaving puts back the last valid date and says so.
"""

from __future__ import annotations

import re
from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QFocusEvent, QKeyEvent
from PySide6.QtWidgets import QAbstractSpinBox, QDateEdit, QDateTimeEdit, QWidget

from sps_desk.ui.formatting import DATE_FORMAT, to_qdate
from sps_desk.ui.widgets.typed_sections import TypedSections

_SEPARATORS = frozenset("/.-")
_WHOLE_DATE = re.compile(r"(\d{2})(\d{2})(\d{4})|(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})")
"""A whole date typed in one go: ``ddmmyyyy`` or ``d/m/yyyy`` (``/``, ``.`` or ``-``)."""


class FrenchDateEdit(TypedSections, QDateEdit):
    """``dd/MM/yyyy`` date edit with a calendar, opening on ``initial`` (default today).

    :attr:`problem` holds the French message shown about the last rejected input (empty
    once a valid date is typed); it is also the field's accessible description.
    """

    def __init__(self, initial: date | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setDisplayFormat(DATE_FORMAT)
        self.setCalendarPopup(True)
        self.setDate(to_qdate(initial or date.today()))
        self._auto_advanced = False
        self._typed = ""
        """Digits and separators typed since the field got the focus or the cursor moved."""
        self._before = self.date()
        """The date shown when :attr:`_typed` began, put back if it makes no date."""
        self.problem = ""
        self._watch_clicks()

    def focusInEvent(self, event: QFocusEvent) -> None:
        """Select the day, unless a click put the cursor somewhere else."""
        super().focusInEvent(event)
        self._typed = ""
        self._before = self.date()
        if event.reason() != Qt.FocusReason.MouseFocusReason:
            # The day, or the first section shown (a birth year alone: ``yyyy``).
            self._select(self.sectionAt(0))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Take a whole date typed in one go; otherwise type into the current section."""
        text = event.text()
        if not text or not (text.isdigit() or text in _SEPARATORS):
            self._typed = ""
            super().keyPressEvent(event)
            return
        if not self._typed:
            self._before = self.date()
        self._typed += text
        whole = _WHOLE_DATE.fullmatch(self._typed)
        if whole is not None:
            self._typed = ""
            self._auto_advanced = False
            day, month, year = (int(g) for g in whole.groups() if g is not None)
            self._set_typed_date(day, month, year)
            return
        if text in _SEPARATORS and self._auto_advanced:
            self._auto_advanced = False
            return
        if len(self._typed) == 1 and text.isdigit() and not self.lineEdit().hasSelectedText():
            # The cursor was put inside a section (Home, a click): a first digit
            # inserted there would be refused, typing replaces the section instead.
            self.setSelectedSection(self.currentSection())
        before = self.currentSectionIndex()
        super().keyPressEvent(event)
        self._auto_advanced = text.isdigit() and self.currentSectionIndex() != before
        if self._is_acceptable():
            self._clear_problem()

    def focusNextPrevChild(self, forward: bool) -> bool:
        """Tab leaves the field at once. When what is typed is not a date yet, the first
        Tab says so and stays; a second one leaves and puts back the last valid date
        (a keyboard user is never trapped)."""
        if not self._is_acceptable():
            message = self._incomplete_message()
            if self.problem != message:
                self._warn(message)
                return True
        return QAbstractSpinBox.focusNextPrevChild(self, forward)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        """Leaving with an unfinished date puts back the last valid one, and says so."""
        typed = self.text()
        acceptable = self._is_acceptable()
        super().focusOutEvent(event)
        if not acceptable:
            # Qt may keep a date made of the unfinished keys (another year): not that.
            self.setDate(self._before)
            self._warn(
                self.tr("“{0}” is not a complete date: the date stays {1}.").format(
                    typed, self.date().toString(DATE_FORMAT)
                )
            )

    def _incomplete_message(self) -> str:
        return self.tr(
            "“{0}” is not a complete date: type it as dd/mm/yyyy (for example 16/11/2026), "
            "or press Tab again to keep {1}."
        ).format(self.text(), self._before.toString(DATE_FORMAT))

    def _set_typed_date(self, day: int, month: int, year: int) -> None:
        typed = QDate(year, month, day)
        if not typed.isValid():
            # Qt may have taken the first keys as a day and a month already.
            self.setDate(self._before)
            self._warn(
                self.tr(
                    "{0:02d}/{1:02d}/{2} does not exist: check the day and the month."
                ).format(day, month, year)
            )
            self._select(QDateTimeEdit.Section.DaySection)
            return
        if not self.minimumDate() <= typed <= self.maximumDate():
            self.setDate(self._before)
            self._warn(
                self.tr("{0} is out of range: type a date between {1} and {2}.").format(
                    typed.toString(DATE_FORMAT),
                    self.minimumDate().toString(DATE_FORMAT),
                    self.maximumDate().toString(DATE_FORMAT),
                )
            )
            self._select(QDateTimeEdit.Section.DaySection)
            return
        self.setDate(typed)
        self._clear_problem()
        self._select(QDateTimeEdit.Section.YearSection)
