"""Users of the base (chief only): list, add with a passphrase, remove."""

from __future__ import annotations

import uuid

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from sps_desk.errors import SpsDeskError
from sps_desk.passphrases import generate_passphrase
from sps_desk.store import access, users
from sps_desk.store.database import Database
from sps_desk.store.sync.identity import chief_keys
from sps_desk.ui.widgets.forms import ErrorBox, add_row, new_form


class UsersDialog(QDialog):
    """Each user opens the base with a passphrase of their own; roles decide who may
    manage users, purge, export and consolidate (the chief)."""

    def __init__(self, database: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        database.require_chief("gérer les utilisateurs")
        self.database = database
        self.setWindowTitle(self.tr("Users"))
        self.setMinimumWidth(480)
        self.list = QListWidget()
        self.list.setAccessibleName(self.tr("Users"))
        self.name_edit = QLineEdit()
        self.name_edit.setMaxLength(80)
        self.role_combo = QComboBox()
        self.role_combo.addItem(self.tr("Educator"), "educator")
        self.role_combo.addItem(self.tr("Head of service"), "chief")
        self.passphrase_edit = QLineEdit()
        self.passphrase_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.suggest_button = QPushButton(self.tr("Suggest a passphrase of 7 French words"))
        self.suggest_button.clicked.connect(
            lambda: (self.passphrase_edit.setText(generate_passphrase()),
                     self.passphrase_edit.setEchoMode(QLineEdit.EchoMode.Normal)))
        form = new_form()
        add_row(form, self.tr("Users of the database:"), self.list)
        add_row(form, self.tr("Name or initials:"), self.name_edit)
        add_row(form, self.tr("Role:"), self.role_combo)
        add_row(form, self.tr("Their passphrase:"), self.passphrase_edit)
        form.addRow(self.suggest_button)
        self.add_button = QPushButton(self.tr("Add the user"))
        self.add_button.clicked.connect(self.add)
        self.remove_button = QPushButton(self.tr("Remove the selected user"))
        self.remove_button.clicked.connect(self.remove)
        self.errors = ErrorBox()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.add_button)
        layout.addWidget(self.remove_button)
        layout.addWidget(self.errors)
        layout.addWidget(buttons)
        self.reload()

    def reload(self) -> None:
        """List the active users with their role."""
        self.list.clear()
        # On an educator's laptop the first user owns the computer: no chief there.
        chief = (self.tr("Owner of this computer") if chief_keys(self.database) is not None
                 else self.tr("Head of service"))
        for user in users.active(self.database.connection):
            role = chief if user.is_chief else self.tr("Educator")
            item = QListWidgetItem(f"{user.display_name} — {role}")
            item.setData(256, str(user.id))
            self.list.addItem(item)

    def add(self) -> None:
        """Add the user typed in the form (passphrase policy applies)."""
        name, passphrase = self.name_edit.text(), self.passphrase_edit.text()
        self.passphrase_edit.clear()
        self.passphrase_edit.setEchoMode(QLineEdit.EchoMode.Password)
        if not name.strip():
            self.errors.show_lines([self.tr("Enter the name or initials of the user.")])
            return
        try:
            access.add_user(self.database, name, self.role_combo.currentData(), passphrase)
        except SpsDeskError as error:
            self.errors.show_lines([str(error)])
            return
        self.errors.clear_lines()
        self.name_edit.clear()
        self.reload()

    def remove(self) -> None:
        """Remove the selected user and their key slot."""
        item = self.list.currentItem()
        if item is None:
            self.errors.show_lines([self.tr("Select a user in the list first.")])
            return
        try:
            access.remove_user(self.database, uuid.UUID(item.data(256)))
        except SpsDeskError as error:
            self.errors.show_lines([str(error)])
            return
        self.errors.clear_lines()
        self.reload()
