"""First run: create the encrypted base of the service."""

from __future__ import annotations

import logging
from pathlib import Path

from pydantic import ValidationError
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from sps_desk.errors import SpsDeskError
from sps_desk.records import french_errors
from sps_desk.store.database import Database
from sps_desk.ui.widgets.forms import ErrorBox, add_row, new_form

logger = logging.getLogger(__name__)


class CreateBaseDialog(QDialog):
    """Asks the service's name and a passphrase typed twice, then creates the base.

    After ``accept()``, :attr:`database` is the open base. The passphrase fields are
    cleared whatever happens.
    """

    def __init__(self, path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.path = path
        self.database: Database | None = None
        self.setWindowTitle(self.tr("Create the service's database"))
        self.setMinimumWidth(520)

        intro = QLabel(
            self.tr(
                "No database was found on this computer. Create the database of your "
                "service: it is one encrypted file, saved here:\n{0}"
            ).format(path)
        )
        intro.setWordWrap(True)
        intro.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.name_edit = QLineEdit()
        self.name_edit.setMaxLength(200)
        self.name_edit.setPlaceholderText(self.tr("e.g. SPS of the North district"))
        self.passphrase_edit = QLineEdit()
        self.passphrase_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.confirm_edit = QLineEdit()
        self.confirm_edit.setEchoMode(QLineEdit.EchoMode.Password)

        form = new_form()
        add_row(form, self.tr("Name of the service:"), self.name_edit)
        add_row(form, self.tr("Passphrase:"), self.passphrase_edit)
        add_row(form, self.tr("Passphrase again:"), self.confirm_edit)

        warning = QLabel(
            self.tr(
                "Important: write the passphrase down and keep it in a safe place. In "
                "this version it cannot be recovered: if it is forgotten, nobody can "
                "read the data of this database any more. Recovery keys will come in a "
                "later version."
            )
        )
        warning.setWordWrap(True)
        warning.setStyleSheet(
            "background: #fff4ce; color: #3b2f00; border: 1px solid #c19c00; padding: 6px;"
        )
        warning.setAccessibleName(self.tr("Warning"))
        self.acknowledge_box = QCheckBox(
            self.tr("I have noted the passphrase and understand it cannot be recovered")
        )

        self.errors = ErrorBox()
        buttons = QDialogButtonBox()
        self.create_button = QPushButton(self.tr("Create the database"))
        self.create_button.setDefault(True)
        self.quit_button = QPushButton(self.tr("Quit"))
        buttons.addButton(self.create_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.quit_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.create_button.clicked.connect(self._create)
        self.quit_button.clicked.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(warning)
        layout.addWidget(self.acknowledge_box)
        layout.addWidget(self.errors)
        layout.addWidget(buttons)

    def _problems(self) -> list[str]:
        problems: list[str] = []
        if not self.name_edit.text().strip():
            problems.append(self.tr("Enter the name of the service."))
        passphrase = self.passphrase_edit.text()
        if not passphrase.strip():
            problems.append(self.tr("Enter a passphrase: it cannot be empty."))
        elif passphrase != self.confirm_edit.text():
            problems.append(
                self.tr("The two passphrases are different: type the same passphrase twice.")
            )
        if not self.acknowledge_box.isChecked():
            problems.append(self.tr("Tick the box to confirm that you have noted the passphrase."))
        return problems

    def _create(self) -> None:
        problems = self._problems()
        if problems:
            self.errors.show_lines(problems)
            if self.passphrase_edit.text() != self.confirm_edit.text():
                self.confirm_edit.clear()
                self.confirm_edit.setFocus()
            return
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            self.database = Database.create(
                self.path, self.passphrase_edit.text(), self.name_edit.text()
            )
        except ValidationError as error:
            self.errors.show_lines(french_errors(error))
        except SpsDeskError as error:
            self.errors.show_lines([str(error)])
        except Exception as error:
            logger.error("database creation failed: %s", type(error).__name__)
            self.errors.show_lines(
                [self.tr("The database could not be created because of an unexpected error.")]
            )
        finally:
            QApplication.restoreOverrideCursor()
        if self.database is not None:
            self.passphrase_edit.clear()
            self.confirm_edit.clear()
            self.accept()
