"""Forgotten passphrase: set a new one with the recovery key printed at creation."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from sps_desk.errors import SpsDeskError
from sps_desk.passphrases import assess, generate_passphrase
from sps_desk.store.access import recover
from sps_desk.ui.widgets.forms import ErrorBox, add_row, new_form


class RecoverDialog(QDialog):
    """Recovery key + (optional) user name + new passphrase twice → new key slot.

    Without a user name the head of service's passphrase is replaced. The base is then
    opened with the new passphrase as usual.
    """

    def __init__(self, path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.path = path
        self.recovered = False
        self.setWindowTitle(self.tr("Forgotten passphrase"))
        self.setMinimumWidth(520)
        intro = QLabel(self.tr(
            "Type the recovery key printed when the database was created (13 groups of 4 "
            "characters), then choose a new passphrase."))
        intro.setWordWrap(True)
        self.key_edit = QLineEdit()
        self.user_edit = QLineEdit()
        self.user_edit.setPlaceholderText(self.tr("empty: the head of service"))
        self.new_edit = QLineEdit()
        self.confirm_edit = QLineEdit()
        for edit in (self.key_edit, self.new_edit, self.confirm_edit):
            edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.suggest_button = QPushButton(self.tr("Suggest a passphrase of 7 French words"))
        self.suggestion_label = QLabel()
        self.suggestion_label.setWordWrap(True)
        self.suggestion_label.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse)
        self.suggest_button.clicked.connect(self.suggest)
        form = new_form()
        add_row(form, self.tr("Recovery key:"), self.key_edit)
        add_row(form, self.tr("User (name shown):"), self.user_edit)
        add_row(form, self.tr("New passphrase:"), self.new_edit)
        add_row(form, self.tr("New passphrase again:"), self.confirm_edit)
        form.addRow(self.suggest_button)
        form.addRow(self.suggestion_label)
        self.errors = ErrorBox()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(
            self.tr("Set the new passphrase"))
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.errors)
        layout.addWidget(buttons)

    def suggest(self) -> None:
        """Fill the new passphrase with 7 random French words and show them."""
        phrase = generate_passphrase()
        self.new_edit.setText(phrase)
        self.confirm_edit.setText(phrase)
        self.suggestion_label.setText(
            self.tr("Suggested passphrase, write it down: {0}").format(phrase))

    def submit(self) -> None:
        """Check, then replace the user's key slot; secret fields are emptied."""
        key, new = self.key_edit.text(), self.new_edit.text()
        same = new == self.confirm_edit.text()
        for edit in (self.key_edit, self.new_edit, self.confirm_edit):
            edit.clear()
        if not same:
            self.errors.show_lines([self.tr(
                "The two new passphrases are different: type the same passphrase twice.")])
            return
        if not assess(new).accepted:
            self.errors.show_lines([self.tr(
                "The passphrase is too weak: use at least 7 random words (the suggested "
                "passphrase will do), or 12 characters mixing capitals, small letters, "
                "digits and special characters.")])
            return
        try:
            recover(self.path, key, new, self.user_edit.text().strip() or None)
        except SpsDeskError as error:
            self.errors.show_lines([str(error)])
            return
        self.recovered = True
        self.accept()
