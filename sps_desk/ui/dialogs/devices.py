"""« Équipe › Ordinateurs » (service's base): the laptops whose bundles were merged, and
their revocation.

Each row shows the laptop's name, the staff member it belongs to, its fingerprint (to
compare with its screen), when its last bundle was merged and its state. « Revoke… »
asks for confirmation, then refuses that laptop's bundles for good; the chief's next
bundles carry the revocation to every laptop (the revoked one stops sending).
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from sps_desk.errors import SpsDeskError
from sps_desk.store.database import Database
from sps_desk.store.sync.devices import Device, devices, revoke
from sps_desk.ui.widgets.forms import ErrorBox


class DevicesDialog(QDialog):
    """The laptops known to the service's base; :meth:`revoke_selected` revokes one."""

    COLUMNS = 5

    def __init__(self, database: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.database = database
        self.devices: list[Device] = []
        self.setWindowTitle(self.tr("Laptops"))
        self.resize(820, 420)
        intro = QLabel(self.tr(
            "Laptops whose bundles were merged into this base. Revoke a laptop that was "
            "lost or stolen, or whose educator left the service: its bundles are then "
            "refused, and it stops sending once it receives your next bundle."))
        intro.setWordWrap(True)
        self.table = QTableWidget(0, self.COLUMNS)
        self.table.setHorizontalHeaderLabels([
            self.tr("Laptop"), self.tr("Staff member"), self.tr("Fingerprint"),
            self.tr("Last bundle merged"), self.tr("State")])
        self.table.setAccessibleName(self.tr("Laptops"))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.empty_label = QLabel(self.tr(
            "No laptop yet: a laptop is known once its first bundle has been merged here."))
        self.revoke_button = QPushButton(self.tr("Revoke…"))
        self.revoke_button.clicked.connect(self.ask_revoke)
        self.errors = ErrorBox()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (intro, self.table, self.empty_label, self.revoke_button, self.errors,
                       buttons):
            layout.addWidget(widget)
        self.reload()

    def reload(self) -> None:
        """Read the laptops again and fill the table."""
        self.devices = devices(self.database)
        self.table.setRowCount(len(self.devices))
        for row, device in enumerate(self.devices):
            last = device.last_merged.astimezone().strftime("%d/%m/%Y %H:%M") \
                if device.last_merged else "—"
            for column, text in enumerate((
                    device.keys.label, device.staff_name or "—", device.keys.fingerprint,
                    last, device.state)):
                self.table.setItem(row, column, QTableWidgetItem(text))
        self.empty_label.setVisible(not self.devices)
        self._update_buttons()

    def selected(self) -> Device | None:
        """The laptop of the selected row, or ``None``."""
        rows = self.table.selectionModel().selectedRows()
        return self.devices[rows[0].row()] if rows else None

    def _update_buttons(self) -> None:
        device = self.selected()
        self.revoke_button.setEnabled(self.database.is_chief and device is not None
                                      and device.revoked_at is None)

    def confirm(self, device: Device) -> bool:
        """Ask the chief to confirm the revocation of ``device``."""
        answer = QMessageBox.question(
            self, self.tr("Revoke a laptop"), self.tr(
                "Revoke the laptop « {0} » (fingerprint {1})? Its bundles will be refused "
                "for good. If its educator still works in the service, they create a new "
                "base joined to the service, which you approve as a new laptop.").format(
                device.keys.label, device.keys.fingerprint),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel)
        return answer == QMessageBox.StandardButton.Yes

    def ask_revoke(self) -> bool:
        """Revoke the selected laptop once confirmed; whether it was revoked."""
        device = self.selected()
        if device is None or not self.confirm(device):
            return False
        try:
            revoke(self.database, device)
        except SpsDeskError as error:
            self.errors.show_lines([str(error)])
            return False
        self.errors.clear_lines()
        self.reload()
        return True
