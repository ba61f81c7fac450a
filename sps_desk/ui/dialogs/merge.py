"""« Intégrer des paquets » : what merging the chosen bundle files would do, then merge.

The dialog opens on a dry run (``transfer.merge_bundles(..., dry_run=True)``, which
writes nothing): the French summary, and the laptops seen for the first time with their
fingerprint, to compare with the educator's screen. A new laptop is trusted only when
the chief ticks that the fingerprints are identical (the store refuses it otherwise).
« Merge » writes the same bytes in one transaction, all the files or none. A refused
bundle shows its French message and the base is left unchanged.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from sps_desk.errors import SpsDeskError
from sps_desk.records import RECORD_KINDS
from sps_desk.store.database import Database
from sps_desk.store.sync.conflicts import open_conflicts
from sps_desk.store.sync.merge import MergePlan
from sps_desk.store.sync.transfer import merge_bundles
from sps_desk.ui.hub import DataHub
from sps_desk.ui.saving import unexpected_error_message
from sps_desk.ui.widgets.forms import ErrorBox

logger = logging.getLogger(__name__)


class MergeDialog(QDialog):
    """Preview, then merge, bundle files ``(file name, bytes)`` into ``database``.

    After :meth:`preview`, :attr:`plan` is the dry run (``None`` when a file was refused,
    the French reason then in :attr:`errors`); after :meth:`run_merge`, :attr:`merged`
    is the plan written, every page reloads through ``hub`` and the status bar says how
    many conflicts are left to resolve.
    """

    def __init__(self, database: Database, files: list[tuple[str, bytes]],
                 hub: DataHub | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.database = database
        self.files = files
        self.hub = hub
        self.plan: MergePlan | None = None
        self.merged: MergePlan | None = None
        self.setWindowTitle(self.tr("Merge bundles"))
        self.resize(720, 520)

        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.summary_view = QPlainTextEdit()
        self.summary_view.setReadOnly(True)
        self.summary_view.setAccessibleName(self.tr("Summary of the merge"))
        self.devices_label = QLabel(self.tr(
            "New laptops: before merging, check that each fingerprint is the one shown on "
            "the educator's laptop. If one differs, do not merge and tell your head of "
            "service."))
        self.devices_label.setWordWrap(True)
        self.devices_table = QTableWidget(0, 2)
        self.devices_table.setHorizontalHeaderLabels([self.tr("Laptop"), self.tr("Fingerprint")])
        self.devices_table.setAccessibleName(self.tr("New laptops"))
        self.devices_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.devices_table.verticalHeader().setVisible(False)
        self.devices_table.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.Stretch)
        self.trust_check = QCheckBox(self.tr(
            "I compared each fingerprint with the one shown on the educator's laptop: they "
            "are identical."))
        self.trust_check.toggled.connect(self._update_merge_button)
        self.errors = ErrorBox()

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.merge_button = self.buttons.addButton(self.tr("Merge"),
                                                   QDialogButtonBox.ButtonRole.AcceptRole)
        self.merge_button.clicked.connect(self.run_merge)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.summary_view, 1)
        layout.addWidget(self.devices_label)
        layout.addWidget(self.devices_table)
        layout.addWidget(self.trust_check)
        layout.addWidget(self.errors)
        layout.addWidget(self.buttons)
        self.preview()

    def _update_merge_button(self) -> None:
        new = bool(self.plan and self.plan.new_devices)
        self.merge_button.setEnabled(self.plan is not None and (
            not new or self.trust_check.isChecked()))

    def _merge(self, dry_run: bool) -> MergePlan | None:
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        trusted = [d.fingerprint for d in self.plan.new_devices] \
            if self.plan is not None and self.trust_check.isChecked() else []
        try:
            return merge_bundles(self.database, self.files, dry_run=dry_run, trusted=trusted)
        except SpsDeskError as error:
            self.errors.show_lines([str(error)])
        except Exception as error:  # rolled back: the base is as before
            logger.error("merge failed: %s", type(error).__name__)
            self.errors.show_lines([unexpected_error_message()])
        finally:
            QGuiApplication.restoreOverrideCursor()
        return None

    def _show(self, plan: MergePlan) -> None:
        self.summary_view.setPlainText("\n".join(plan.summary()))
        self.devices_table.setRowCount(0)
        for device in plan.new_devices:
            row = self.devices_table.rowCount()
            self.devices_table.insertRow(row)
            self.devices_table.setItem(row, 0, QTableWidgetItem(device.label))
            self.devices_table.setItem(row, 1, QTableWidgetItem(device.fingerprint))
        self.devices_label.setVisible(bool(plan.new_devices))
        self.devices_table.setVisible(bool(plan.new_devices))
        self.trust_check.setVisible(bool(plan.new_devices))

    def preview(self) -> None:
        """Check every file and show what merging would change (writes nothing)."""
        self.plan = self._merge(dry_run=True)
        if self.plan is None:
            self.heading.setText(self.tr("These bundles cannot be merged."))
            self.summary_view.hide()
            self.devices_label.hide()
            self.devices_table.hide()
            self.trust_check.hide()
            self.merge_button.setEnabled(False)
            return
        self.heading.setText(self.tr(
            "What merging would do (nothing is written yet). All the bundles are merged "
            "together, or none:"))
        self._show(self.plan)
        self._update_merge_button()

    def run_merge(self) -> None:
        """Merge the files for real (one transaction) and show what changed."""
        if self.plan is None or self.merged is not None:
            return
        merged = self._merge(dry_run=False)
        if merged is None:
            return
        self.merged = merged
        self.errors.clear_lines()
        self.heading.setText(self.tr("Bundles merged:"))
        self._show(merged)
        self.devices_label.hide()
        self.trust_check.hide()
        self.merge_button.hide()
        self.buttons.setStandardButtons(QDialogButtonBox.StandardButton.Close)
        if self.hub is not None:
            # A merge can touch any kind (and an erasure several): every page reloads.
            self.hub.notify_changed(*(model.kind for model in RECORD_KINDS))
            left = len(open_conflicts(self.database))
            if left:
                self.hub.show_message(self.tr(
                    "Bundles merged. {0} conflict(s) to resolve: menu Team › Conflicts."
                ).format(left))
            else:
                self.hub.show_message(self.tr("Bundles merged."))
