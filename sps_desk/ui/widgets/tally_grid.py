"""The grid of anonymous contacts: one spin box per sex × age bracket, with a total."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGridLayout, QLabel, QSpinBox, QWidget

from sps_desk.enums import Sex
from sps_desk.records import TallyCell

MAX_PER_CELL = 9999


class TallyGrid(QWidget):
    """Rows are age brackets (key, French label), columns are sexes.

    Each cell is a spin box (minimum 0; arrow keys or the mouse wheel count up and
    down); ``total_changed`` follows the running total shown under the grid.
    """

    total_changed = Signal(int)

    def __init__(
        self,
        brackets: Sequence[tuple[str, str]],
        sexes: Sequence[Sex] = tuple(Sex),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._spins: dict[tuple[Sex, str], QSpinBox] = {}
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        for column, sex in enumerate(sexes, start=1):
            header = QLabel(sex.label)
            header.setAlignment(Qt.AlignmentFlag.AlignCenter)
            grid.addWidget(header, 0, column)
        for row, (key, label) in enumerate(brackets, start=1):
            row_label = QLabel(label)
            grid.addWidget(row_label, row, 0)
            for column, sex in enumerate(sexes, start=1):
                spin = QSpinBox()
                spin.setRange(0, MAX_PER_CELL)
                spin.setAccessibleName(f"{sex.label}, {label}")
                spin.setAlignment(Qt.AlignmentFlag.AlignRight)
                spin.setMaximumWidth(110)
                spin.valueChanged.connect(self._update_total)
                grid.addWidget(spin, row, column)
                self._spins[(sex, key)] = spin
                if column == 1:
                    row_label.setBuddy(spin)
        self.total_label = QLabel()
        self.total_label.setAccessibleName(self.tr("Total of anonymous contacts"))
        grid.addWidget(self.total_label, len(brackets) + 1, 0, 1, len(sexes) + 1)
        grid.setColumnStretch(len(sexes) + 1, 1)
        self._update_total()

    def spin(self, sex: Sex, bracket: str) -> QSpinBox:
        """The spin box of one cell."""
        return self._spins[(sex, bracket)]

    def total(self) -> int:
        """Sum of every cell."""
        return sum(spin.value() for spin in self._spins.values())

    def cells(self) -> list[TallyCell]:
        """Non-zero cells as domain tally cells."""
        return [
            TallyCell(sex=sex, age_bracket=key, count=spin.value())
            for (sex, key), spin in self._spins.items()
            if spin.value()
        ]

    def reset(self) -> None:
        """Set every cell back to 0."""
        for spin in self._spins.values():
            spin.setValue(0)

    def _update_total(self) -> None:
        total = self.total()
        self.total_label.setText(self.tr("Total: {0} anonymous contacts").format(total))
        self.total_changed.emit(total)
