"""The identity of one young person: hidden until asked, every reveal audited.

The four identifying fields (convention art. 9) are stored apart and never shown in a
list. This dialog shows them for one young person after an explicit click, which is
written to the audit log (the record id only). Once shown, the fields can be typed or
corrected and saved (a rectification, GDPR art. 16, audited with the id only): this is
where a name is recorded, optionally, never in the young person's form. A copied field
is marked for clipboard managers to ignore and is cleared from the clipboard after 30
seconds if still there.
"""

from __future__ import annotations

from PySide6.QtCore import QMimeData, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from sps_desk.records import Identity, YoungPerson
from sps_desk.store import rights
from sps_desk.store.database import Database
from sps_desk.ui.saving import build_and_save
from sps_desk.ui.widgets.forms import ErrorBox

CLIPBOARD_SECONDS = 30

# Formats clipboard managers read to leave a secret out of their history: KDE Klipper
# and others (x-kde-passwordManagerHint), Windows' clipboard history and cloud sync.
_SECRET_FORMATS = {
    "x-kde-passwordManagerHint": b"secret",
    'application/x-qt-windows-mime;value="ExcludeClipboardContentFromMonitorProcessing"':
        b"\x01\x00\x00\x00",
    'application/x-qt-windows-mime;value="CanIncludeInClipboardHistory"': b"\x00\x00\x00\x00",
    'application/x-qt-windows-mime;value="CanUploadToCloudClipboard"': b"\x00\x00\x00\x00",
}


def copy_secret(text: str) -> QMimeData:
    """Put ``text`` on the clipboard marked as secret; clear it after 30 s if unchanged."""
    data = QMimeData()
    data.setText(text)
    for mime, value in _SECRET_FORMATS.items():
        data.setData(mime, value)
    clipboard = QGuiApplication.clipboard()
    clipboard.setMimeData(data)
    _copied.append(text)

    def clear_if_still_there() -> None:
        if clipboard.text() == text:
            clipboard.clear()
        if text in _copied:
            _copied.remove(text)

    QTimer.singleShot(int(CLIPBOARD_SECONDS * 1000), clear_if_still_there)
    return data


_copied: list[str] = []


def clear_copied() -> None:
    """Empty the clipboard now if it still holds a copied identity field (on lock)."""
    clipboard = QGuiApplication.clipboard()
    if clipboard.text() in _copied:
        clipboard.clear()
    _copied.clear()


class IdentityDialog(QDialog):
    """Shows one young person's identity after « Show the identity » (audited), then
    lets it be typed or corrected and saved (« Save the identity », audited)."""

    FIELDS = ("last_name", "first_name", "address", "phone")

    def __init__(self, database: Database, person: YoungPerson,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.database = database
        self.person = person
        self.setWindowTitle(self.tr("Identity of {0}").format(person.code))
        labels = {
            "last_name": self.tr("Last name:"), "first_name": self.tr("First name:"),
            "address": self.tr("Address:"), "phone": self.tr("Phone:"),
        }
        notice = QLabel(self.tr(
            "The identity is hidden. Showing it is recorded in the audit log (who and "
            "when, not what)."))
        notice.setWordWrap(True)
        self.reveal_button = QPushButton(self.tr("Show the identity"))
        self.reveal_button.clicked.connect(self.reveal)
        grid = QGridLayout()
        self.edits: dict[str, QLineEdit] = {}
        self.copy_buttons: dict[str, QPushButton] = {}
        for row, name in enumerate(self.FIELDS):
            label = QLabel(labels[name])
            edit = QLineEdit()
            edit.setReadOnly(True)
            edit.setEchoMode(QLineEdit.EchoMode.Password)
            edit.setAccessibleName(labels[name].rstrip(":"))
            label.setBuddy(edit)
            button = QPushButton(self.tr("Copy"))
            button.setEnabled(False)
            button.setAccessibleName(self.tr("Copy {0}").format(labels[name].rstrip(":")))
            button.clicked.connect(lambda _checked=False, n=name: self.copy(n))
            grid.addWidget(label, row, 0)
            grid.addWidget(edit, row, 1)
            grid.addWidget(button, row, 2)
            self.edits[name] = edit
            self.copy_buttons[name] = button
        self.identity: Identity | None = None
        self.errors = ErrorBox()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.save_button = buttons.addButton(self.tr("Save the identity"),
                                             QDialogButtonBox.ButtonRole.ActionRole)
        self.save_button.setEnabled(False)
        self.save_button.clicked.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(notice)
        layout.addWidget(self.reveal_button)
        layout.addLayout(grid)
        layout.addWidget(self.errors)
        layout.addWidget(buttons)

    def reveal(self) -> None:
        """Load and show the four fields; audited."""
        identity = rights.reveal_identity(self.database, self.person.id)
        self.identity = identity
        for name, edit in self.edits.items():
            value = "" if identity is None else str(getattr(identity, name))
            edit.setText(value)
            edit.setEchoMode(QLineEdit.EchoMode.Normal)
            edit.setReadOnly(False)
            edit.textEdited.connect(lambda _text: self.save_button.setEnabled(True))
            self.copy_buttons[name].setEnabled(bool(value))
        self.reveal_button.setEnabled(False)

    def save(self) -> Identity | None:
        """Save the fields as typed (trimmed) as this young person's identity; the saved
        record, or ``None`` after showing the French reasons (too long a field…)."""
        typed = {name: edit.text().strip() for name, edit in self.edits.items()}

        def build() -> Identity:
            if self.identity is None:
                return Identity(young_person_id=self.person.id, **typed)
            return Identity.model_validate({**self.identity.model_dump(), **typed})

        saved = build_and_save(build, lambda identity: rights.rectify_identity(
            self.database, identity), self.errors)
        if saved is not None:
            self.identity = saved
            self.save_button.setEnabled(False)
            for name, button in self.copy_buttons.items():
                button.setEnabled(bool(typed[name]))
        return saved

    def copy(self, name: str) -> None:
        """Copy one revealed field to the clipboard (marked secret, cleared after 30 s)."""
        copy_secret(self.edits[name].text())
        self.database.audit("identity_copied", record_id=self.person.id, detail=name)

    def done(self, result: int) -> None:
        """Empty the fields when the dialog closes."""
        for edit in self.edits.values():
            edit.clear()
        super().done(result)
