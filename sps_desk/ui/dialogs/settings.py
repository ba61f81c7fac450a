"""« Préférences »: the interface language (French by default, or English)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from sps_desk.ui.i18n import chosen_language
from sps_desk.ui.settings import save_language
from sps_desk.ui.widgets.forms import add_row


class SettingsDialog(QDialog):
    """Choose the language; it applies the next time the application starts."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Settings"))
        self.language_combo = QComboBox()
        # Each language is named in itself, so anyone can find theirs.
        self.language_combo.addItem("Français", "fr")
        self.language_combo.addItem("English", "en")
        self.language_combo.setCurrentIndex(max(self.language_combo.findData(chosen_language()), 0))
        note = QLabel(self.tr("The new language applies the next time sps_desk starts."))
        note.setWordWrap(True)
        form = QFormLayout()
        add_row(form, self.tr("Interface language:"), self.language_combo)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(buttons)

    def accept(self) -> None:
        """Save the language chosen, then close."""
        save_language(self.language_combo.currentData())
        super().accept()
