"""The grid of anonymous contacts: one counter per sex × age bracket, with a total.

Each cell is a spin box with a « − » and a « + » button beside it. With the keyboard,
Tab goes from cell to cell; ``+``/``-`` (or the arrow keys) count up and down, and a
number typed replaces the cell's value (the cell selects its text on focus). Enter or
Ctrl+Tab in a cell leaves the grid for the field given to :meth:`TallyGrid.set_exit`
(the rest of the 24 cells need not be tabbed through).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QSpinBox,
    QToolButton,
    QWidget,
)

from sps_desk.enums import Sex
from sps_desk.records import TallyCell

MAX_PER_CELL = 9999


class TallySpin(QSpinBox):
    """A counter cell: ``+`` and ``-`` step by one, focus selects the value."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.leave: Callable[[], None] | None = None
        """Called on Enter or Ctrl+Tab (set by the grid)."""
        self.setRange(0, MAX_PER_CELL)
        self.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.setButtonSymbols(QSpinBox.ButtonSymbols.NoButtons)
        self.setMinimumWidth(44)
        self.setMaximumWidth(70)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """``+`` counts one more, ``-`` one less, Enter or Ctrl+Tab leave the grid;
        other keys as a spin box."""
        leaving = event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) or (
            event.key() == Qt.Key.Key_Tab
            and event.modifiers() & Qt.KeyboardModifier.ControlModifier
        )
        if leaving and self.leave is not None:
            self.interpretText()
            self.leave()
            return
        if event.text() == "+":
            self.stepBy(1)
            self.selectAll()
            return
        if event.text() == "-":
            self.stepBy(-1)
            self.selectAll()
            return
        if event.text().isdigit() and self.value() == 0:
            # « 0 » is a placeholder: typing 7 in an empty cell gives 7, not 70.
            self.selectAll()
        super().keyPressEvent(event)

    def focusInEvent(self, event: QFocusEvent) -> None:
        """Select the value so that a typed number replaces it."""
        super().focusInEvent(event)
        QTimer.singleShot(0, self.selectAll)


class TallyGrid(QWidget):
    """Rows are age brackets (key, French label), columns are sexes.

    ``total_changed`` follows the running total shown under the grid: by default
    « Total : 2 rencontres anonymes » (contacts, not people; « 1 rencontre » in the
    singular); ``total_text`` gives that text for a total, e.g. for participants.
    """

    total_changed = Signal(int)

    def __init__(
        self,
        brackets: Sequence[tuple[str, str]],
        sexes: Sequence[Sex] = tuple(Sex),
        parent: QWidget | None = None,
        total_text: Callable[[int], str] | None = None,
    ) -> None:
        super().__init__(parent)
        # French puts the singular for 0 and 1 (« 1 rencontres » before: issue 15).
        self._total_text = total_text or (
            lambda total: (self.tr("Total: {0} anonymous contact") if total < 2
                           else self.tr("Total: {0} anonymous contacts")).format(total))
        self._spins: dict[tuple[Sex, str], TallySpin] = {}
        self._plus: dict[tuple[Sex, str], QToolButton] = {}
        self._minus: dict[tuple[Sex, str], QToolButton] = {}
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(10)
        grid.setVerticalSpacing(2)
        for column, sex in enumerate(sexes, start=1):
            header = QLabel(sex.label)
            header.setAlignment(Qt.AlignmentFlag.AlignCenter)
            header.setWordWrap(True)
            grid.addWidget(header, 0, column)
        for row, (key, label) in enumerate(brackets, start=1):
            row_label = QLabel(label)
            grid.addWidget(row_label, row, 0)
            for column, sex in enumerate(sexes, start=1):
                name = f"{sex.label}, {label}"
                spin = TallySpin()
                spin.setAccessibleName(name)
                spin.valueChanged.connect(self._update_total)
                minus = self._button("−", self.tr("One less: {0}").format(name))
                plus = self._button("+", self.tr("One more: {0}").format(name))
                minus.clicked.connect(lambda _c=False, s=spin: s.stepBy(-1))
                plus.clicked.connect(lambda _c=False, s=spin: s.stepBy(1))
                cell = QWidget()
                cell_layout = QHBoxLayout(cell)
                cell_layout.setContentsMargins(0, 0, 0, 0)
                cell_layout.setSpacing(1)
                cell_layout.addWidget(minus)
                cell_layout.addWidget(spin)
                cell_layout.addWidget(plus)
                grid.addWidget(cell, row, column)
                self._spins[(sex, key)] = spin
                self._plus[(sex, key)] = plus
                self._minus[(sex, key)] = minus
                if column == 1:
                    row_label.setBuddy(spin)
        self.total_label = QLabel()
        self.total_label.setAccessibleName(self.tr("Total of anonymous contacts"))
        font = self.total_label.font()
        font.setBold(True)
        self.total_label.setFont(font)
        grid.addWidget(self.total_label, len(brackets) + 1, 0, 1, len(sexes) + 1)
        grid.setColumnStretch(len(sexes) + 1, 1)
        self._update_total()

    @staticmethod
    def _button(text: str, accessible: str) -> QToolButton:
        button = QToolButton()
        button.setText(text)
        button.setAccessibleName(accessible)
        button.setToolTip(accessible)
        # The keyboard path is the cell itself (+/-): buttons stay out of the tab order.
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        button.setAutoRepeat(True)
        return button

    def set_exit(self, widget: QWidget) -> None:
        """Enter or Ctrl+Tab in a cell moves the keyboard focus to ``widget``."""
        for spin in self._spins.values():
            spin.leave = lambda w=widget: w.setFocus(Qt.FocusReason.TabFocusReason)

    def spin(self, sex: Sex, bracket: str) -> QSpinBox:
        """The counter of one cell."""
        return self._spins[(sex, bracket)]

    def plus_button(self, sex: Sex, bracket: str) -> QToolButton:
        """The « + » button of one cell."""
        return self._plus[(sex, bracket)]

    def minus_button(self, sex: Sex, bracket: str) -> QToolButton:
        """The « − » button of one cell."""
        return self._minus[(sex, bracket)]

    def total(self) -> int:
        """Sum of every cell (contacts)."""
        return sum(spin.value() for spin in self._spins.values())

    def cells(self) -> list[TallyCell]:
        """Non-zero cells as domain tally cells."""
        return [
            TallyCell(sex=sex, age_bracket=key, count=spin.value())
            for (sex, key), spin in self._spins.items()
            if spin.value()
        ]

    def set_cells(self, cells: Sequence[TallyCell]) -> None:
        """Show these counts (cells of unknown brackets are ignored), others at 0."""
        self.reset()
        for cell in cells:
            spin = self._spins.get((cell.sex, cell.age_bracket))
            if spin is not None:
                spin.setValue(cell.count)

    def reset(self) -> None:
        """Set every cell back to 0."""
        for spin in self._spins.values():
            spin.setValue(0)

    def _update_total(self) -> None:
        total = self.total()
        self.total_label.setText(self._total_text(total))
        self.total_changed.emit(total)
