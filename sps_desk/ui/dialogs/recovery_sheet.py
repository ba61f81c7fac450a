"""The recovery key, shown once after the base is created, to print or save as PDF."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFileDialog,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from sps_desk.reports.privacy_documents import write_recovery_sheet
from sps_desk.store.database import Database
from sps_desk.ui.widgets.forms import ErrorBox


class RecoverySheetDialog(QDialog):
    """Shows :attr:`Database.recovery_key` once; the key is forgotten when it closes.

    « Save the sheet as PDF… » writes the printable sheet; « Continue » is enabled once
    the user ticks that the sheet is printed or saved.
    """

    def __init__(self, database: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        assert database.recovery_key is not None
        self.database = database
        self._key = database.recovery_key
        self.saved_to: Path | None = None
        self.setWindowTitle(self.tr("Recovery key"))
        self.setMinimumWidth(560)
        intro = QLabel(self.tr(
            "This recovery key lets the head of service set a new passphrase if one is "
            "forgotten. It is shown only now: print the sheet or save it as PDF, keep it "
            "locked away from the computer, and delete any copy of the file."))
        intro.setWordWrap(True)
        self.key_label = QLabel(self._key)
        font = QFont("monospace")
        font.setStyleHint(QFont.StyleHint.Monospace)
        font.setPointSize(13)
        self.key_label.setFont(font)
        self.key_label.setWordWrap(True)
        self.key_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.key_label.setAccessibleName(self.tr("Recovery key"))
        self.save_button = QPushButton(self.tr("Save the sheet as PDF…"))
        self.save_button.clicked.connect(self._ask_where)
        self.done_box = QCheckBox(self.tr("I have printed or saved the recovery sheet"))
        self.errors = ErrorBox()
        self.continue_button = QPushButton(self.tr("Continue"))
        self.continue_button.setEnabled(False)
        self.done_box.toggled.connect(self.continue_button.setEnabled)
        self.continue_button.clicked.connect(self.accept)
        layout = QVBoxLayout(self)
        for widget in (intro, self.key_label, self.save_button, self.done_box, self.errors,
                       self.continue_button):
            layout.addWidget(widget)

    def _ask_where(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save the recovery sheet"),
            str(Path.home() / "feuille-de-secours.pdf"), "PDF (*.pdf)")
        if name:
            self.save_pdf(Path(name))

    def save_pdf(self, path: Path) -> bool:
        """Write the sheet to ``path``; shows the French error and returns False on failure."""
        try:
            write_recovery_sheet(path, self.database.service().name, self._key, date.today())
        except OSError as error:
            self.errors.show_lines([str(error)])
            return False
        self.saved_to = path
        self.errors.clear_lines()
        return True

    def done(self, result: int) -> None:
        """Forget the key whatever the outcome (it must not stay in memory)."""
        self.database.recovery_key = None
        self._key = ""
        self.key_label.clear()
        super().done(result)
