"""A checkable list of partner organisations (name and type)."""

from __future__ import annotations

from collections.abc import Sequence
from uuid import UUID

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QWidget

from sps_desk.records import Partner

_ID_ROLE = Qt.ItemDataRole.UserRole


class PartnerChecklist(QListWidget):
    """One checkable line per partner; space toggles the current line."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMaximumHeight(100)

    def set_partners(self, partners: Sequence[Partner]) -> None:
        """Show these partners, keeping the ticks of those still listed."""
        checked = set(self.checked_ids())
        self.clear()
        for partner in partners:
            item = QListWidgetItem(f"{partner.name} ({partner.type.label})")
            item.setData(_ID_ROLE, str(partner.id))
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            state = Qt.CheckState.Checked if partner.id in checked else Qt.CheckState.Unchecked
            item.setCheckState(state)
            self.addItem(item)

    def checked_ids(self) -> list[UUID]:
        """Ids of the ticked partners, in list order."""
        return [
            UUID(self.item(row).data(_ID_ROLE))
            for row in range(self.count())
            if self.item(row).checkState() == Qt.CheckState.Checked
        ]

    def set_checked(self, partner_id: UUID, checked: bool = True) -> None:
        """Tick or untick one partner."""
        for row in range(self.count()):
            item = self.item(row)
            if item.data(_ID_ROLE) == str(partner_id):
                item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)

    def clear_checks(self) -> None:
        """Untick every partner."""
        for row in range(self.count()):
            self.item(row).setCheckState(Qt.CheckState.Unchecked)
