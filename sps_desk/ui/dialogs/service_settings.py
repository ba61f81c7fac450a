"""Fichier › « Service… »: the service's settings, in the words of the Département's model.

Name, « Structure gestionnaire », « MDS de rattachement », statistical secrecy ``k``,
retention period and the categories of hours counted in another one. The chief of the
service's own base edits them; an educator, or anyone on a laptop base (whose settings
come from the chief's base with the team bundles), reads them with a note saying why.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from sps_desk.enums import REPORT_COLUMN_OF, ActivityCategory
from sps_desk.errors import SpsDeskError
from sps_desk.store import service_settings
from sps_desk.store.database import Database
from sps_desk.ui.hub import DataHub
from sps_desk.ui.widgets.forms import ErrorBox, add_row, new_form, select_data

if TYPE_CHECKING:
    from sps_desk.ui.main_window import MainWindow


class ServiceSettingsDialog(QDialog):
    """Shows the settings of ``database``'s service; « Save » stores them (chief of the
    service's base only) and closes, errors are listed under the form."""

    def __init__(self, database: Database, hub: DataHub | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.database = database
        self.hub = hub
        self.setWindowTitle(self.tr("Service"))
        self.setMinimumWidth(640)
        settings = service_settings.current(database)
        self.editable = database.is_chief and not service_settings.is_laptop_base(database)

        self.note = QLabel()
        self.note.setWordWrap(True)
        if not database.is_chief:
            self.note.setText(self.tr(
                "Only the service chief changes these settings; you can read them here."))
        elif not self.editable:
            self.note.setText(self.tr(
                "This base is an educator's computer: the service's settings are changed on "
                "the chief's base and arrive here with the chief's return bundle."))
        self.note.setVisible(not self.editable)

        self.name_edit = self._line(settings.name)
        self.managing_body_edit = self._line(settings.managing_body)
        self.linked_mds_edit = self._line(settings.linked_mds)
        self.threshold_spin = QSpinBox()
        self.threshold_spin.setRange(*service_settings.THRESHOLD_BOUNDS)
        self.threshold_spin.setValue(settings.disclosure_threshold)
        self.threshold_note = self._explanation()
        self.threshold_spin.valueChanged.connect(self._explain_threshold)
        self._explain_threshold(settings.disclosure_threshold)
        self.retention_spin = QSpinBox()
        self.retention_spin.setRange(*service_settings.RETENTION_BOUNDS)
        self.retention_spin.setSuffix(self.tr(" year(s)"))
        self.retention_spin.setValue(settings.retention_years)
        retention_note = self._explanation(self.tr(
            "A young person without any activity for longer than this is anonymised by the "
            "purge: identity, code and nickname are deleted, past statistics stay the same. "
            "2 years is the period of the CNIL's référentiel for social services; 1 to 10."))

        form = new_form()
        add_row(form, self.tr("Service name:"), self.name_edit)
        add_row(form, self.tr("Managing body:"), self.managing_body_edit)
        add_row(form, self.tr("Linked MDS:"), self.linked_mds_edit)
        add_row(form, self.tr("Statistical secrecy k:"), self.threshold_spin)
        form.addRow(self.threshold_note)
        add_row(form, self.tr("Retention period:"), self.retention_spin)
        form.addRow(retention_note)

        hours = QGroupBox(self.tr("Hours counted in another category"))
        hours_layout = QVBoxLayout(hours)
        hours_layout.addWidget(self._explanation(self.tr(
            "A category the service does not track apart is counted in another one: its "
            "hours are added to that category, and the report and the Département file "
            "show « Dans les accompagnements individuels », for instance.")))
        # Labels beside their combo (no wrapping), so that the nine rows line up.
        hours_form = QFormLayout()
        hours_layout.addLayout(hours_form)
        self.counted_in_combos: dict[ActivityCategory, QComboBox] = {}
        for category in ActivityCategory:
            combo = self._hosts_combo(category)
            host = settings.counted_in.get(category)
            select_data(combo, host.value if host is not None else "")
            self.counted_in_combos[category] = combo
            add_row(hours_form, self.tr("{0}:").format(category.label), combo)

        self.errors = ErrorBox()
        if self.editable:
            buttons = QDialogButtonBox(
                QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
            self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
            self.save_button.clicked.connect(self.save)
        else:
            buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
            for widget in (self.name_edit, self.managing_body_edit, self.linked_mds_edit):
                widget.setReadOnly(True)
            for widget in (self.threshold_spin, self.retention_spin,
                           *self.counted_in_combos.values()):
                widget.setEnabled(False)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.note)
        layout.addLayout(form)
        layout.addWidget(hours)
        layout.addWidget(self.errors)
        layout.addWidget(buttons)
        self.adjustSize()

    def _line(self, text: str) -> QLineEdit:
        edit = QLineEdit(text)
        edit.setMaxLength(service_settings.MAX_TEXT)
        return edit

    @staticmethod
    def _explanation(text: str = "") -> QLabel:
        label = QLabel(text)
        label.setWordWrap(True)
        return label

    def _explain_threshold(self, k: int) -> None:
        self.threshold_note.setText(self.tr(
            "Statistical secrecy: counts of people from 1 to k−1 (here 1 to {0}) are hidden "
            "in the file sent to the Département. 5 by default, never below 3.").format(k - 1))

    def _hosts_combo(self, category: ActivityCategory) -> QComboBox:
        """« Tracked apart », then every category of another column of the Département's
        table (one of the same column would change nothing)."""
        combo = QComboBox()
        # As wide as the room left by the labels, not as the longest category's name.
        combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(24)
        combo.addItem(self.tr("Tracked apart"), "")
        for host in ActivityCategory:
            if REPORT_COLUMN_OF[host] is not REPORT_COLUMN_OF[category]:
                combo.addItem(self.tr("Counted in « {0} »").format(host.label), host.value)
        return combo

    def wanted(self) -> service_settings.ServiceSettings:
        """The settings as the form shows them."""
        return service_settings.ServiceSettings(
            name=self.name_edit.text(),
            managing_body=self.managing_body_edit.text(),
            linked_mds=self.linked_mds_edit.text(),
            disclosure_threshold=self.threshold_spin.value(),
            retention_years=self.retention_spin.value(),
            counted_in={category: ActivityCategory(combo.currentData())
                        for category, combo in self.counted_in_combos.items()
                        if combo.currentData()},
        )

    def save(self) -> bool:
        """Store the settings shown and close; on a refusal, list every problem and keep
        the form as typed."""
        try:
            changed = service_settings.save(self.database, self.wanted())
        except service_settings.InvalidSettings as error:
            self.errors.show_lines(error.problems)
            return False
        except SpsDeskError as error:
            self.errors.show_lines([str(error)])
            return False
        if changed and self.hub is not None:
            self.hub.notify_changed("service")
            self.hub.show_message(self.tr("Settings of the service saved."))
        self.accept()
        return True


def open_service_settings(window: MainWindow) -> ServiceSettingsDialog:
    """Show the service dialog over the window's open base (Fichier › Service…); a saved
    name goes into the window's title at once."""
    dialog = ServiceSettingsDialog(window.database, window.hub, window)

    def retitle() -> None:
        window.setWindowTitle(QCoreApplication.translate("MainWindow", "sps_desk — {0}")
                              .format(window.database.service().name))

    dialog.accepted.connect(retitle)
    dialog.open()
    return dialog
