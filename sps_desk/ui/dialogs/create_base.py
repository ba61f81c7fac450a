"""First run: create the encrypted base of the service."""

from __future__ import annotations

import logging
from pathlib import Path

from pydantic import ValidationError
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QButtonGroup,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from sps_desk.errors import SpsDeskError
from sps_desk.passphrases import REQUIRED_BITS, assess, generate_passphrase
from sps_desk.records import french_errors
from sps_desk.store.database import Database
from sps_desk.store.sync.identity import join, key_text_from_file, read_key_file
from sps_desk.ui.tones import Tone, apply_tone
from sps_desk.ui.widgets.forms import ErrorBox, add_row, new_form

logger = logging.getLogger(__name__)


class CreateBaseDialog(QDialog):
    """Asks what the base is for, who uses it and a passphrase typed twice, then creates it.

    Either the service's own base (the chief's: name of the service), or an educator's
    computer joining the service with the chief's public key (a ``.spskey`` file or a
    photo of its QR code; the service comes from the key, issue 7). After ``accept()``,
    :attr:`database` is the open base. The passphrase fields are cleared whatever happens.
    """

    def __init__(self, path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.path = path
        self.database: Database | None = None
        self.setMinimumWidth(520)

        # Title and intro follow the chosen kind (_show_kind).
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.intro.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.service_radio = QRadioButton(self.tr("The service's database (service chief)"))
        self.member_radio = QRadioButton(
            self.tr("An educator's computer joining the service (with the chief's key)"))
        self.service_radio.setChecked(True)
        kind_group = QButtonGroup(self)
        kind_group.addButton(self.service_radio)
        kind_group.addButton(self.member_radio)
        self.member_radio.toggled.connect(self._show_kind)
        self.key_button = QPushButton(self.tr("Choose the service's key…"))
        self.key_button.setToolTip(self.tr(
            "The .spskey file given by the service chief, or a photo of its QR code"))
        self.key_button.clicked.connect(self._choose_key)
        self.key_label = QLabel()
        self.key_label.setWordWrap(True)
        self._key_text: str | None = None

        self.name_edit = QLineEdit()
        self.name_edit.setMaxLength(200)
        self.name_edit.setPlaceholderText(self.tr("e.g. SPS of the North district"))
        self.user_edit = QLineEdit(self.tr("Service chief"))
        self.user_edit.setMaxLength(80)
        self.passphrase_edit = QLineEdit()
        self.passphrase_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.confirm_edit = QLineEdit()
        self.confirm_edit.setEchoMode(QLineEdit.EchoMode.Password)

        form = new_form()
        form.addRow(self.service_radio)
        form.addRow(self.member_radio)
        add_row(form, self.tr("Service's key:"), self.key_button)
        form.addRow(self.key_label)
        add_row(form, self.tr("Name of the service:"), self.name_edit)
        add_row(form, self.tr("Your name:"), self.user_edit)
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
        self.key_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
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
        apply_tone(warning, Tone.BANNER, "border: 1px solid #c19c00; padding: 6px;")
        warning.setAccessibleName(self.tr("Warning"))
        self.acknowledge_box = QCheckBox(
            self.tr("I have noted the passphrase in a safe place")
        )

        self.errors = ErrorBox()
        # Messages shown after « Create » go away as soon as what they ask is done (the
        # mismatch message stayed once both passphrases matched: issue 15).
        for edit in (self.passphrase_edit, self.confirm_edit, self.name_edit, self.user_edit):
            edit.textChanged.connect(self._drop_solved_problems)
        self.acknowledge_box.toggled.connect(self._drop_solved_problems)
        buttons = QDialogButtonBox()
        self.create_button = QPushButton(self.tr("Create the database"))
        self.create_button.setDefault(True)
        self.quit_button = QPushButton(self.tr("Quit"))
        buttons.addButton(self.create_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.quit_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.create_button.clicked.connect(self._create)
        self.quit_button.clicked.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(form)
        layout.addWidget(warning)
        layout.addWidget(self.acknowledge_box)
        layout.addWidget(self.errors)
        layout.addWidget(buttons)
        self._show_kind()

    def _show_kind(self) -> None:
        joining = self.member_radio.isChecked()
        if joining:
            self.setWindowTitle(self.tr("Create this computer's database"))
            self.intro.setText(self.tr(
                "No database was found on this computer. Create the database of this "
                "computer, joined to your service with the key given by your service chief: "
                "it is one encrypted file, saved here:\n{0}").format(self.path))
        else:
            self.setWindowTitle(self.tr("Create the service's database"))
            self.intro.setText(self.tr(
                "No database was found on this computer. Create the database of your "
                "service: it is one encrypted file, saved here:\n{0}").format(self.path))
        self.key_button.setEnabled(joining)
        self.name_edit.setReadOnly(joining)
        if joining:
            if self.user_edit.text() == self.tr("Service chief"):
                self.user_edit.clear()
            self.name_edit.setText("")
            self._key_text = None
            self.key_label.setText(self.tr(
                "Choose the key given by your service chief: the service's name comes "
                "from it."))
        else:
            self.key_label.clear()
        self._fit()

    def _fit(self) -> None:
        """Grow the dialog to show every wrapped line once a label's text changed.

        A wrapped QLabel asks for its height only for the width it gets, and a dialog
        already shown does not grow by itself: the fingerprint and the suggested
        passphrase (the lines the user must read) were cut in half (trial 7).
        """
        layout = self.layout()
        if layout is None or not self.isVisible():
            return  # before show(), Qt sizes the dialog from its layout by itself
        layout.activate()
        needed = layout.totalHeightForWidth(self.width())
        if needed > self.height():
            self.resize(self.width(), needed)

    def _choose_key(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self, self.tr("The service's key"), str(Path.home()),
            self.tr("Service key or photo of its QR code (*.spskey *.png *.jpg *.jpeg)"))
        if name:
            self.load_key(Path(name))

    def load_key(self, path: Path) -> None:
        """Read the chief's key from ``path``; show the service and the fingerprint to
        compare with the chief's screen, or a French error."""
        try:
            text = key_text_from_file(path)
        except SpsDeskError as error:
            self.errors.show_lines([str(error)])
            return
        except OSError:
            self.errors.show_lines([self.tr("The file {0} cannot be read.").format(path.name)])
            return
        chief, service, _clock = read_key_file(text, path.name)
        self._key_text = text
        self.name_edit.setText(service.name)
        self.errors.show_lines([])
        self.key_label.setText(self.tr(
            "Key of the service « {0} », fingerprint {1}: check that the service chief's "
            "screen shows the same.").format(service.name, chief.fingerprint))
        self._fit()

    def suggest(self) -> None:
        """Fill both fields with a generated passphrase and show it to be written down."""
        phrase = generate_passphrase()
        self.passphrase_edit.setText(phrase)
        self.confirm_edit.setText(phrase)
        self.suggestion_label.setText(
            self.tr("Suggested passphrase, write it down: {0}").format(phrase))
        self._fit()

    def _own_words(self) -> list[str]:
        """The service's and the user's names, which the strength estimate tries first."""
        return [self.name_edit.text(), self.user_edit.text()]

    def _show_strength(self, text: str) -> None:
        strength = assess(text, self._own_words())
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
        if self.member_radio.isChecked() and self._key_text is None:
            problems.append(self.tr("Choose the service's key given by your service chief."))
        elif not self.name_edit.text().strip():
            problems.append(self.tr("Enter the name of the service."))
        if not self.user_edit.text().strip():
            problems.append(self.tr("Enter your name: it is shown in the audit log and to "
                                    "the service chief."))
        passphrase = self.passphrase_edit.text()
        if not passphrase.strip():
            problems.append(self.tr("Enter a passphrase: it cannot be empty."))
        elif passphrase != self.confirm_edit.text():
            problems.append(
                self.tr("The two passphrases are different: type the same passphrase twice.")
            )
        elif not assess(passphrase, self._own_words()).accepted:
            problems.append(self.tr(
                "The passphrase is too weak: use at least 7 random words (the suggested "
                "passphrase will do), or 12 characters mixing capitals, small letters, "
                "digits and special characters, without the names of the service or its "
                "team."))
        if not self.acknowledge_box.isChecked():
            problems.append(self.tr("Tick the box to confirm that you have noted the passphrase."))
        return problems

    def _drop_solved_problems(self) -> None:
        shown = self.errors.lines()
        if not shown:
            return
        current = set(self._problems())
        still = [line for line in shown if line in current]
        if still != shown:
            self.errors.show_lines(still)

    def _create(self) -> None:
        problems = self._problems()
        if problems:
            self.errors.show_lines(problems)
            self._fit()
            if self.passphrase_edit.text() != self.confirm_edit.text():
                self.confirm_edit.clear()
                self.confirm_edit.setFocus()
            return
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            self.database = Database.create(
                self.path, self.passphrase_edit.text(), self.name_edit.text(),
                chief_name=self.user_edit.text().strip(),
            )
            if self._key_text is not None:
                join(self.database, self._key_text, "clé du service")
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
