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
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from sps_desk.errors import SpsDeskError
from sps_desk.passphrases import REQUIRED_BITS, assess, generate_passphrase
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
        # Strength meter: zxcvbn's estimate against the CNIL's 80 bits.
        self.strength_bar = QProgressBar()
        self.strength_bar.setRange(0, REQUIRED_BITS)
        self.strength_bar.setTextVisible(False)
        self.strength_label = QLabel()
        self.strength_label.setWordWrap(True)
        add_row(form, self.tr("Strength:"), self.strength_bar)
        form.addRow(self.strength_label)
        self.suggest_button = QPushButton(self.tr("Suggest a passphrase of 7 French words"))
        self.suggest_button.clicked.connect(self.suggest)
        self.suggestion_label = QLabel()
        self.suggestion_label.setWordWrap(True)
        self.suggestion_label.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse)
        form.addRow(self.suggest_button)
        form.addRow(self.suggestion_label)
        self.passphrase_edit.textChanged.connect(self._show_strength)
        self._show_strength("")

        warning = QLabel(
            self.tr(
                "Important: write the passphrase down and keep it in a safe place. A "
                "recovery key will be shown once after creation: print it and lock it "
                "away. Without the passphrase and without the recovery key, nobody can "
                "read the data of this database any more."
            )
        )
        warning.setWordWrap(True)
        warning.setStyleSheet(
            "background: #fff4ce; color: #3b2f00; border: 1px solid #c19c00; padding: 6px;"
        )
        warning.setAccessibleName(self.tr("Warning"))
        self.acknowledge_box = QCheckBox(
            self.tr("I have noted the passphrase in a safe place")
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

    def suggest(self) -> None:
        """Fill both fields with a generated passphrase and show it to be written down."""
        phrase = generate_passphrase()
        self.passphrase_edit.setText(phrase)
        self.confirm_edit.setText(phrase)
        self.suggestion_label.setText(
            self.tr("Suggested passphrase, write it down: {0}").format(phrase))

    def _show_strength(self, text: str) -> None:
        strength = assess(text)
        self.strength_bar.setValue(min(int(strength.bits), REQUIRED_BITS))
        if not text:
            self.strength_label.setText(self.tr("At least 80 bits are needed (CNIL)."))
        elif strength.accepted:
            self.strength_label.setText(self.tr("Strong enough (about {0} bits).")
                                        .format(int(strength.bits)))
        else:
            self.strength_label.setText(self.tr("Too weak: about {0} bits of 80.")
                                        .format(int(strength.bits)))

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
        elif not assess(passphrase).accepted:
            problems.append(self.tr(
                "The passphrase is too weak: use at least 7 random words (the suggested "
                "passphrase will do), or 12 characters mixing capitals, small letters, "
                "digits and special characters."))
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
