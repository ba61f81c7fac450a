"""Users of the base (chief only): list, add with a passphrase, revoke an access.

Revoking an access removes the user and rotates the database key (issue 14), which needs
the base closed: the dialog asks the chief's passphrase, and the window's session lock
closes the base, the key is rotated, and the base opens again.
"""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from sps_desk.errors import SpsDeskError
from sps_desk.passphrases import generate_passphrase
from sps_desk.store import access, users
from sps_desk.store.database import Database
from sps_desk.store.revocation import rotation_due
from sps_desk.store.sync.identity import chief_keys
from sps_desk.ui.key_rotation import passphrase_is_current_users, rotate_in_window
from sps_desk.ui.widgets.forms import ErrorBox, add_row, new_form

if TYPE_CHECKING:
    from sps_desk.ui.lock import SessionLock


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
        self.remove_button = QPushButton(self.tr("Revoke the selected user's access"))
        self.remove_button.setToolTip(self.tr(
            "Removes the user and changes the database key, so that no copy of the key "
            "file, even an old one, opens the base with their passphrase."))
        self.remove_button.clicked.connect(self.remove)
        self.rotate_button = QPushButton(self.tr("Change the database key…"))
        self.rotate_button.clicked.connect(self.rotate)
        self.rotation_label = QLabel()
        self.rotation_label.setWordWrap(True)
        self.errors = ErrorBox()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.add_button)
        layout.addWidget(self.remove_button)
        layout.addWidget(self.rotation_label)
        layout.addWidget(self.rotate_button)
        layout.addWidget(self.errors)
        layout.addWidget(buttons)
        self.reload()

    def reload(self) -> None:
        """List the active users with their role; say when a key rotation is due."""
        due = rotation_due(self.database)
        self.rotation_label.setVisible(due)
        self.rotation_label.setText(self.tr(
            "An access was withdrawn but the database key has not been changed since: an "
            "old copy of the key file still opens the base. Change the key now."))
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

    def ask_passphrase(self, question: str) -> str | None:
        """The chief's passphrase typed in answer to ``question`` (``None``: cancelled)."""
        text, ok = QInputDialog.getText(self, self.tr("Users"), question,
                                        QLineEdit.EchoMode.Password)
        return text if ok else None

    def notify(self, message: str) -> None:
        """Tell the outcome of a revocation or rotation (the dialog is closed by then)."""
        QMessageBox.information(self.parentWidget(), self.tr("Users"), message)

    def _confirmed_passphrase(self, question: str) -> str | None:
        passphrase = self.ask_passphrase(question)
        if passphrase is None:
            return None
        if not passphrase_is_current_users(self.database, passphrase):
            self.errors.show_lines([self.tr(
                "This is not your passphrase: nothing was changed.")])
            return None
        return passphrase

    def _session_lock(self) -> SessionLock | None:
        return getattr(self.parentWidget(), "session_lock", None)

    def remove(self) -> None:
        """Revoke the selected user's access: remove them, then rotate the database key
        (the chief confirms with their passphrase)."""
        item = self.list.currentItem()
        if item is None:
            self.errors.show_lines([self.tr("Select a user in the list first.")])
            return
        passphrase = self._confirmed_passphrase(self.tr(
            "Revoking this access removes the user and changes the database key (the base "
            "closes for a moment). Type your passphrase to confirm:"))
        if passphrase is None:
            return
        try:
            access.remove_user(self.database, uuid.UUID(item.data(256)))
        except SpsDeskError as error:
            self.errors.show_lines([str(error)])
            return
        self.errors.clear_lines()
        self.reload()
        self._rotate_with(passphrase)

    def rotate(self) -> None:
        """Rotate the database key (the chief confirms with their passphrase)."""
        passphrase = self._confirmed_passphrase(self.tr(
            "Changing the database key encrypts every page again (the base closes for a "
            "moment). Type your passphrase to confirm:"))
        if passphrase is not None:
            self._rotate_with(passphrase)

    def _rotate_with(self, passphrase: str) -> None:
        session_lock = self._session_lock()
        if session_lock is None:  # not opened from a window that can close the base
            self.errors.show_lines([self.tr(
                "The database key must now be changed: close the base, then run "
                "« sps-desk rekey ».")])
            return
        self.notify(rotate_in_window(session_lock, passphrase))
