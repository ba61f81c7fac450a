"""« Préférences » of this computer: the interface language (French by default, or
English) and the inactivity delay before the session locks."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from sps_desk.ui.i18n import chosen_language
from sps_desk.ui.settings import (
    LOCK_MINUTES_BOUNDS,
    save_language,
    save_lock_minutes,
    saved_lock_minutes,
)
from sps_desk.ui.widgets.forms import add_row

if TYPE_CHECKING:
    from sps_desk.ui.lock import SessionLock


class SettingsDialog(QDialog):
    """Choose the language (it applies the next time the application starts) and the
    lock delay (it applies at once to ``session_lock``, the open window's lock)."""

    def __init__(self, parent: QWidget | None = None,
                 session_lock: SessionLock | None = None) -> None:
        super().__init__(parent)
        self.session_lock = session_lock
        self.setWindowTitle(self.tr("Settings"))
        self.language_combo = QComboBox()
        # Each language is named in itself, so anyone can find theirs.
        self.language_combo.addItem("Français", "fr")
        self.language_combo.addItem("English", "en")
        self.language_combo.setCurrentIndex(max(self.language_combo.findData(chosen_language()), 0))
        note = QLabel(self.tr("The new language applies the next time sps_desk starts."))
        note.setWordWrap(True)
        self.lock_spin = QSpinBox()
        self.lock_spin.setRange(*LOCK_MINUTES_BOUNDS)
        self.lock_spin.setSuffix(self.tr(" min"))
        self.lock_spin.setValue(saved_lock_minutes())
        lock_note = QLabel(self.tr(
            "Without any keyboard or mouse input for this long, the window hides the data "
            "and asks for the passphrase again ({0} to {1} minutes; this computer only)."
        ).format(*LOCK_MINUTES_BOUNDS))
        lock_note.setWordWrap(True)
        form = QFormLayout()
        add_row(form, self.tr("Interface language:"), self.language_combo)
        form.addRow(note)
        add_row(form, self.tr("Lock the session after:"), self.lock_spin)
        form.addRow(lock_note)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def accept(self) -> None:
        """Save the language and the lock delay, apply the delay, then close."""
        save_language(self.language_combo.currentData())
        save_lock_minutes(self.lock_spin.value())
        if self.session_lock is not None:
            self.session_lock.set_minutes(self.lock_spin.value())
        super().accept()
