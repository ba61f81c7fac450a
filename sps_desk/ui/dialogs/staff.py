"""« Équipe »: add a staff member quickly (display name, role, FTE)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from sps_desk.enums import Role
from sps_desk.records import StaffMember
from sps_desk.store.database import Database
from sps_desk.ui.saving import build_and_save
from sps_desk.ui.widgets.forms import (
    ErrorBox,
    add_row,
    combo_enum,
    enum_combo,
    new_form,
    select_data,
)


class StaffDialog(QDialog):
    """Adds one staff member to the team; :attr:`saved` holds it after ``accept()``."""

    def __init__(self, database: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.database = database
        self.saved: StaffMember | None = None
        self.setWindowTitle(self.tr("Team: add a staff member"))

        hint = QLabel(self.tr("Initials or a first name are enough."))
        hint.setWordWrap(True)
        self.name_edit = QLineEdit()
        self.name_edit.setMaxLength(120)
        self.role_combo = enum_combo(Role)
        select_data(self.role_combo, Role.SOCIAL_WORKER)
        self.fte_spin = QDoubleSpinBox()
        self.fte_spin.setRange(0.05, 1.0)
        self.fte_spin.setSingleStep(0.1)
        self.fte_spin.setDecimals(2)
        self.fte_spin.setValue(1.0)

        form = new_form()
        add_row(form, self.tr("Display name:"), self.name_edit)
        add_row(form, self.tr("Role:"), self.role_combo)
        add_row(form, self.tr("FTE (1 = full time):"), self.fte_spin)

        self.errors = ErrorBox()
        buttons = QDialogButtonBox()
        self.save_button = QPushButton(self.tr("Add to the team"))
        self.save_button.setDefault(True)
        cancel = QPushButton(self.tr("Cancel"))
        buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(cancel, QDialogButtonBox.ButtonRole.RejectRole)
        self.save_button.clicked.connect(self._save)
        cancel.clicked.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addLayout(form)
        layout.addWidget(self.errors)
        layout.addWidget(buttons)

    def _save(self) -> None:
        self.saved = build_and_save(
            lambda: StaffMember(
                display_name=self.name_edit.text(),
                role=combo_enum(self.role_combo, Role),
                fte=round(self.fte_spin.value(), 2),
            ),
            self.database.repos.staff.save,
            self.errors,
        )
        if self.saved is not None:
            self.accept()
