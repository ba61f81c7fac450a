"""A checkable list of the team's staff members (who was present)."""

from __future__ import annotations

from collections.abc import Sequence
from uuid import UUID

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QWidget

from sps_desk.records import StaffMember

_ID_ROLE = Qt.ItemDataRole.UserRole


class StaffChecklist(QListWidget):
    """One checkable line per active staff member.

    The space bar toggles the current line; a click anywhere on a line toggles it (not
    only on the small box), so ticking a colleague is one click.
    """

    selection_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMaximumHeight(120)
        self._toggled_by_box = False
        self.itemChanged.connect(self._item_changed)
        self.itemClicked.connect(self._item_clicked)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        """Start of a click: forget toggles made by the keyboard or by code."""
        self._toggled_by_box = False
        super().mousePressEvent(event)

    def _item_changed(self, _item: QListWidgetItem) -> None:
        # A click on the box itself toggles before ``itemClicked`` is emitted.
        self._toggled_by_box = True
        self.selection_changed.emit()

    def _item_clicked(self, item: QListWidgetItem) -> None:
        if self._toggled_by_box:
            self._toggled_by_box = False
            return
        checked = item.checkState() == Qt.CheckState.Checked
        item.setCheckState(Qt.CheckState.Unchecked if checked else Qt.CheckState.Checked)
        self._toggled_by_box = False

    def set_staff(self, staff: Sequence[StaffMember]) -> None:
        """Show these staff members, keeping the ticks of those still listed."""
        checked = set(self.checked_ids())
        self.blockSignals(True)
        self.clear()
        for member in staff:
            item = QListWidgetItem(f"{member.display_name} ({member.role.label})")
            item.setData(_ID_ROLE, str(member.id))
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            state = Qt.CheckState.Checked if member.id in checked else Qt.CheckState.Unchecked
            item.setCheckState(state)
            self.addItem(item)
        self.blockSignals(False)
        self.selection_changed.emit()

    def checked_ids(self) -> list[UUID]:
        """Ids of the ticked staff members, in list order."""
        return [
            UUID(self.item(row).data(_ID_ROLE))
            for row in range(self.count())
            if self.item(row).checkState() == Qt.CheckState.Checked
        ]

    def set_checked(self, staff_id: UUID, checked: bool = True) -> None:
        """Tick or untick one staff member."""
        for row in range(self.count()):
            item = self.item(row)
            if item.data(_ID_ROLE) == str(staff_id):
                item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)

    def clear_checks(self) -> None:
        """Untick everybody."""
        for row in range(self.count()):
            self.item(row).setCheckState(Qt.CheckState.Unchecked)
