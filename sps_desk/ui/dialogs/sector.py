"""Add a sector of intervention (commune and optional quartier)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from sps_desk.records import Sector
from sps_desk.store.database import Database
from sps_desk.ui.saving import build_and_save
from sps_desk.ui.widgets.forms import ErrorBox, add_row, new_form


class SectorDialog(QDialog):
    """Adds one sector; :attr:`saved` holds it after ``accept()``."""

    def __init__(self, database: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.database = database
        self.saved: Sector | None = None
        self.setWindowTitle(self.tr("Add a sector"))

        self.commune_edit = QLineEdit()
        self.commune_edit.setMaxLength(120)
        self.neighbourhood_edit = QLineEdit()
        self.neighbourhood_edit.setMaxLength(200)
        self.neighbourhood_edit.setPlaceholderText(self.tr("optional"))
        form = new_form()
        add_row(form, self.tr("Commune:"), self.commune_edit)
        add_row(form, self.tr("Neighbourhood (quartier):"), self.neighbourhood_edit)

        self.errors = ErrorBox()
        buttons = QDialogButtonBox()
        self.save_button = QPushButton(self.tr("Add the sector"))
        self.save_button.setDefault(True)
        cancel = QPushButton(self.tr("Cancel"))
        buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(cancel, QDialogButtonBox.ButtonRole.RejectRole)
        self.save_button.clicked.connect(self._save)
        cancel.clicked.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.errors)
        layout.addWidget(buttons)

    def _save(self) -> None:
        self.saved = build_and_save(
            lambda: Sector(
                commune=self.commune_edit.text(), neighbourhood=self.neighbourhood_edit.text()
            ),
            self.database.repos.sectors.save,
            self.errors,
        )
        if self.saved is not None:
            self.accept()
