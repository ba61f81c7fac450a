"""« Préparer le paquet d'un ordinateur » : on the service's base, the bundle one laptop
receives — the shared reference data and what its educator works with (need-to-know)."""

from __future__ import annotations

import re
import uuid
from datetime import date
from pathlib import Path

from anyascii import anyascii
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from sps_desk.errors import SpsDeskError
from sps_desk.reports.files import write_atomically
from sps_desk.store.database import Database
from sps_desk.store.sync.merge import peers
from sps_desk.store.sync.transfer import Written, make_bundle
from sps_desk.ui.widgets.forms import ErrorBox, add_row, new_form


def file_slug(label: str) -> str:
    """``label`` fit for a file name: ASCII letters and digits, words joined by « - »."""
    return re.sub(r"[^a-z0-9]+", "-", anyascii(label).lower()).strip("-") or "ordinateur"


class DeviceBundleDialog(QDialog):
    """Pick a laptop known to this base (one whose bundle was merged) and the staff
    member who uses it, then write its bundle (``.spsb``, sealed to that laptop only).

    The staff member preselected is the one remembered for the laptop, else the one
    whose name is the laptop's label; when there is none, « nobody » is offered and
    the bundle then holds the reference data only (no young person).
    After :meth:`write`, :attr:`written` and :attr:`path` say what was written.
    """

    def __init__(self, database: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.database = database
        self.written: Written | None = None
        self.path: Path | None = None
        self.setWindowTitle(self.tr("Prepare a laptop's bundle"))
        self.laptops = peers(database)
        self.staff = sorted(database.repos.staff.all(),
                            key=lambda member: member.display_name.casefold())

        intro = QLabel(self.tr(
            "The bundle holds the service's reference data (sectors, partners, team) and "
            "the young people, supports and actions of the educator who uses this laptop. "
            "It is encrypted: only that laptop can open it."))
        intro.setWordWrap(True)
        self.laptop_combo = QComboBox()
        for keys, _seq, _staff in self.laptops:
            self.laptop_combo.addItem(f"{keys.label} ({keys.fingerprint})", keys.device_id)
        self.staff_combo = QComboBox()
        self.laptop_combo.currentIndexChanged.connect(self._preselect_staff)
        form = new_form()
        add_row(form, self.tr("Laptop:"), self.laptop_combo)
        add_row(form, self.tr("Educator:"), self.staff_combo)
        self.empty_label = QLabel(self.tr(
            "No laptop is known yet: merge a first bundle from each educator's laptop "
            "(Team › Merge bundles…)."))
        self.empty_label.setWordWrap(True)
        self.empty_label.setVisible(not self.laptops)
        self.errors = ErrorBox()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.write_button = buttons.addButton(self.tr("Write the bundle…"),
                                              QDialogButtonBox.ButtonRole.AcceptRole)
        self.write_button.setEnabled(bool(self.laptops))
        self.write_button.clicked.connect(self.write)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.empty_label)
        layout.addWidget(self.errors)
        layout.addWidget(buttons)
        self._preselect_staff()

    def _preselect_staff(self) -> None:
        row = self.laptop_combo.currentIndex()
        if not 0 <= row < len(self.laptops):
            return
        keys, _seq, remembered = self.laptops[row]
        wanted = remembered if remembered in {str(m.id) for m in self.staff} else None
        if wanted is None:
            named = [m for m in self.staff
                     if m.display_name.casefold() == keys.label.casefold()]
            wanted = str(named[0].id) if named else None
        # « Nobody » only when make_bundle would find nobody either (it falls back to the
        # remembered or same-named staff member when given no name).
        self.staff_combo.clear()
        if wanted is None:
            self.staff_combo.addItem(self.tr("(nobody: reference data only)"), None)
        for member in self.staff:
            self.staff_combo.addItem(member.display_name, str(member.id))
        self.staff_combo.setCurrentIndex(max(0, self.staff_combo.findData(wanted)))

    def write(self) -> Path | None:
        """Ask where, then make and write the bundle of the chosen laptop (atomically)."""
        row = self.laptop_combo.currentIndex()
        if not 0 <= row < len(self.laptops):
            return None
        keys = self.laptops[row][0]
        suggested = f"paquet-{file_slug(keys.label)}-{date.today().isoformat()}.spsb"
        chosen, _ = QFileDialog.getSaveFileName(
            self, self.tr("Bundle for the laptop"), str(Path.home() / suggested),
            self.tr("Bundles (*.spsb)"))
        if not chosen:
            return None
        staff_id = self.staff_combo.currentData()
        staff_name = None
        if staff_id is not None:
            staff_name = next(m.display_name for m in self.staff if m.id == uuid.UUID(staff_id))
        path = Path(chosen)
        if path.resolve() in self.database.own_files():
            self.errors.show_lines([self.tr(
                "{0} is the database itself or one of its files: choose another name. "
                "Nothing was written.").format(path.name)])
            return None
        try:
            written = make_bundle(
                self.database, device=keys.device_id, staff_name=staff_name,
                write=lambda data: write_atomically(path, lambda stream: stream.write(data)))
        except (SpsDeskError, LookupError) as error:  # LookupError: French, from make_bundle
            self.errors.show_lines([str(error)])
            return None
        self.written, self.path = written, path
        self.accept()
        return path
