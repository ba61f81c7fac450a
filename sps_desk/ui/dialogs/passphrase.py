"""Change one's own passphrase: current one, new one twice, strength meter, suggestion.

The new passphrase protects the current key file only: an old copy of it still opens
with the old passphrase until the database key is rotated. The dialog says so once the
change is made, and offers a chief the rotation at once (issue 14).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from sps_desk.errors import SpsDeskError
from sps_desk.passphrases import REQUIRED_BITS, assess, generate_passphrase
from sps_desk.store.access import change_passphrase
from sps_desk.store.database import Database
from sps_desk.store.service_words import service_words
from sps_desk.store.slots import header_path
from sps_desk.ui.key_rotation import rotate_in_window
from sps_desk.ui.widgets.forms import ErrorBox, add_row, new_form


class PassphraseDialog(QDialog):
    """Rewraps the user's key slot with a new passphrase (the database is not rewritten)."""

    def __init__(self, database: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.database = database
        self.words = service_words(database)
        """The service's words, which the strength estimate tries first."""
        self.changed = False
        self.setWindowTitle(self.tr("Change my passphrase"))
        self.current_edit = QLineEdit()
        self.new_edit = QLineEdit()
        self.confirm_edit = QLineEdit()
        for edit in (self.current_edit, self.new_edit, self.confirm_edit):
            edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.strength_bar = QProgressBar()
        self.strength_bar.setRange(0, REQUIRED_BITS)
        self.strength_bar.setTextVisible(False)
        self.strength_label = QLabel()
        self.suggest_button = QPushButton(self.tr("Suggest a passphrase of 7 French words"))
        self.suggestion_label = QLabel()
        self.suggestion_label.setWordWrap(True)
        self.suggestion_label.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse)
        form = new_form()
        add_row(form, self.tr("Current passphrase:"), self.current_edit)
        add_row(form, self.tr("New passphrase:"), self.new_edit)
        add_row(form, self.tr("New passphrase again:"), self.confirm_edit)
        add_row(form, self.tr("Strength:"), self.strength_bar)
        form.addRow(self.strength_label)
        form.addRow(self.suggest_button)
        form.addRow(self.suggestion_label)
        self.errors = ErrorBox()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("Change the passphrase"))
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        self.suggest_button.clicked.connect(self.suggest)
        self.new_edit.textChanged.connect(self._show_strength)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.errors)
        layout.addWidget(buttons)
        self._show_strength("")

    def suggest(self) -> None:
        """Fill the new passphrase with 7 random French words and show them."""
        phrase = generate_passphrase()
        self.new_edit.setText(phrase)
        self.confirm_edit.setText(phrase)
        self.suggestion_label.setText(
            self.tr("Suggested passphrase, write it down: {0}").format(phrase))

    def _show_strength(self, text: str) -> None:
        strength = assess(text, self.words)
        self.strength_bar.setValue(min(int(strength.bits), REQUIRED_BITS))
        if strength.accepted:
            self.strength_label.setText(self.tr("Strong enough (about {0} bits).")
                                        .format(int(strength.bits)))
        else:
            self.strength_label.setText(self.tr("Too weak: about {0} bits of 80.")
                                        .format(int(strength.bits)))

    def submit(self) -> None:
        """Check and change; the fields are emptied whatever happens."""
        current, new = self.current_edit.text(), self.new_edit.text()
        same = new == self.confirm_edit.text()
        for edit in (self.current_edit, self.new_edit, self.confirm_edit):
            edit.clear()
        if not same:
            self.errors.show_lines([self.tr(
                "The two new passphrases are different: type the same passphrase twice.")])
            return
        try:
            change_passphrase(self.database.path, current, new, context=self.words)
        except SpsDeskError as error:
            self.errors.show_lines([str(error)])
            return
        self.changed = True
        self.accept()
        note = self.tr(
            "Passphrase changed in the key file {0}: with this file, only the new passphrase "
            "opens the base. An old copy of {0} (a backup, a USB stick) still opens with the "
            "old passphrase until the database key is changed."
        ).format(header_path(self.database.path).name)
        session_lock = getattr(self.parentWidget(), "session_lock", None)
        if not self.database.is_chief or session_lock is None:
            self.notify(note + " " + self.tr(
                "If the old passphrase may have been seen, ask the head of service to "
                "change the database key."))
        elif self.ask_rotation(note + " " + self.tr("Change the database key now?")):
            self.notify(rotate_in_window(session_lock, new))

    def notify(self, message: str) -> None:
        """Tell what the change protects (the dialog is closed by then)."""
        QMessageBox.information(self.parentWidget(), self.tr("Change my passphrase"), message)

    def ask_rotation(self, question: str) -> bool:
        """Whether the chief wants the database key changed now."""
        answer = QMessageBox.question(self.parentWidget(), self.tr("Change my passphrase"),
                                      question)
        return answer == QMessageBox.StandardButton.Yes
