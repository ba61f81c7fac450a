"""Later runs: type the passphrase to open the base."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from sps_desk.store.database import Database
from sps_desk.store.errors import WrongPassphrase, describe, is_expected, is_transient
from sps_desk.ui.widgets.forms import ErrorBox, add_row, new_form

logger = logging.getLogger(__name__)


class UnlockDialog(QDialog):
    """Asks the passphrase and opens the base.

    A wrong passphrase shows the store's French message and lets the user try again
    (the file is not modified), as does a base busy in another program. Any other error
    is shown in French (``store.errors.describe``) and the user can only quit:
    :attr:`failed` is then true. After ``accept()``, :attr:`database` is open.
    """

    def __init__(self, path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.path = path
        self.database: Database | None = None
        self.failed = False
        self.failed_attempts = 0
        """Wrong passphrases typed so far: logged in the audit once the base opens."""
        self.setWindowTitle(self.tr("Open the service's database"))
        self.setMinimumWidth(460)

        intro = QLabel(self.tr("Type the passphrase of the database {0}.").format(path.name))
        intro.setWordWrap(True)
        self.passphrase_edit = QLineEdit()
        self.passphrase_edit.setEchoMode(QLineEdit.EchoMode.Password)
        form = new_form()
        add_row(form, self.tr("Passphrase:"), self.passphrase_edit)

        self.errors = ErrorBox()
        buttons = QDialogButtonBox()
        self.open_button = QPushButton(self.tr("Open"))
        self.open_button.setDefault(True)
        self.quit_button = QPushButton(self.tr("Quit"))
        buttons.addButton(self.open_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.quit_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.open_button.clicked.connect(self._open)
        self.quit_button.clicked.connect(self.reject)
        self.forgotten_button = QPushButton(self.tr("Forgotten passphrase…"))
        buttons.addButton(self.forgotten_button, QDialogButtonBox.ButtonRole.ResetRole)
        self.forgotten_button.clicked.connect(self.forgotten)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.errors)
        layout.addWidget(buttons)
        self.passphrase_edit.setFocus()

    def _open(self) -> None:
        passphrase = self.passphrase_edit.text()
        if not passphrase.strip():
            self.errors.show_lines([self.tr("Type your passphrase.")])
            return
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            self.database = Database.open(self.path, passphrase,
                                          failed_attempts=self.failed_attempts)
        except WrongPassphrase as error:
            self.failed_attempts += 1
            # Through describe: noted in the support log, as the command line does.
            self.errors.show_lines([describe(error, where=self.path)])
        except Exception as error:
            if is_transient(error):  # another program is writing: it may be done soon
                self.errors.show_lines([describe(error, where=self.path)])
            elif is_expected(error):
                self._give_up(describe(error, where=self.path))
            else:
                logger.error("database opening failed: %s", type(error).__name__)
                self._give_up(
                    self.tr("The database could not be opened because of an unexpected error.")
                )
        finally:
            QApplication.restoreOverrideCursor()
            self.passphrase_edit.clear()
        if self.database is not None:
            self.accept()
        elif not self.failed:
            self.passphrase_edit.setFocus()

    def forgotten(self) -> None:
        """Set a new passphrase with the recovery key, then type it here as usual."""
        from sps_desk.ui.dialogs.recover import RecoverDialog

        dialog = RecoverDialog(self.path, self)
        if dialog.exec() and dialog.recovered:
            self.errors.show_lines([self.tr(
                "New passphrase saved: type it to open the database.")])
            self.passphrase_edit.setFocus()

    def _give_up(self, message: str) -> None:
        self.failed = True
        self.errors.show_lines([message])
        self.open_button.setEnabled(False)
        self.passphrase_edit.setEnabled(False)
        self.quit_button.setDefault(True)
        self.quit_button.setFocus()
