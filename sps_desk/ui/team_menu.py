"""The « Équipe » menu of the main window: team merge between laptops (issue 7).

On an educator's laptop (a base joined to a chief): send the changes to the head of
service, and merge the bundle received back. On the service's base: show the public key
to give to laptops, merge the laptops' bundles, prepare each laptop's bundle, resolve
conflicts, and list or revoke the laptops (« Ordinateurs », issue 14). Every action
reads the window's current base (it changes after an unlock) and is disabled while a
report is being generated from it.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QMessageBox

from sps_desk.errors import SpsDeskError
from sps_desk.inputs import InputRefused
from sps_desk.reports.files import write_atomically
from sps_desk.store.sync.bundle import read_bundle_file
from sps_desk.store.sync.conflicts import open_conflicts
from sps_desk.store.sync.identity import chief_keys, own_keys
from sps_desk.store.sync.transfer import make_bundle
from sps_desk.ui.dialogs.conflicts import ConflictsDialog
from sps_desk.ui.dialogs.device_bundle import DeviceBundleDialog
from sps_desk.ui.dialogs.devices import DevicesDialog
from sps_desk.ui.dialogs.merge import MergeDialog
from sps_desk.ui.dialogs.service_key import ServiceKeyDialog

if TYPE_CHECKING:
    from sps_desk.ui.main_window import MainWindow


class TeamMenu(QObject):
    """Builds the menu on ``window`` (a ``MainWindow``: its ``database``, ``hub`` and
    status bar). :meth:`update` shows the actions that fit the kind of base and puts
    the number of open conflicts in « Conflicts… »; it runs each time the menu opens."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.menu = window.menuBar().addMenu(self.tr("&Team"))
        self.send_action = self._add(self.tr("Send to the head of service…"), self.send)
        self.key_action = self._add(self.tr("Public key of the service…"), self.show_key)
        self.merge_action = self._add(self.tr("Merge bundles…"), self.merge)
        self.device_action = self._add(self.tr("Prepare a laptop's bundle…"),
                                       self.prepare_device_bundle)
        self.conflicts_action = self._add(self.tr("Conflicts…"), self.show_conflicts)
        self.devices_action = self._add(self.tr("Laptops…"), self.show_devices)
        self.menu.aboutToShow.connect(self.update)
        window.hub.busy_changed.connect(self._set_busy)
        self.update()

    def _add(self, text: str, slot: Callable[[], object]) -> QAction:
        action = QAction(text, self.window)
        action.triggered.connect(slot)
        self.menu.addAction(action)
        return action

    def update(self) -> None:
        """Show the actions of this kind of base, with the count of open conflicts."""
        database = self.window.database
        laptop = chief_keys(database) is not None
        self.send_action.setVisible(laptop)
        for action in (self.key_action, self.device_action, self.conflicts_action,
                       self.devices_action):
            action.setVisible(not laptop)
        count = 0 if laptop else len(open_conflicts(database))
        self.conflicts_action.setText(
            self.tr("Conflicts ({0})…").format(count) if count else self.tr("Conflicts…"))
        self._set_busy(self.window.hub.busy)

    def _set_busy(self, busy: bool) -> None:
        # A report is being generated from the same connection: no merge meanwhile.
        for action in self.menu.actions():
            action.setEnabled(not busy)

    def _error(self, error: Exception) -> None:
        QMessageBox.warning(self.window, self.tr("Team"), str(error))

    def send(self) -> Path | None:
        """On a laptop: write the bundle of the changes the chief has not received yet,
        where the user chooses; returns the path written, or ``None``."""
        database = self.window.database
        chief = chief_keys(database)
        if chief is None:
            return None
        suggested = Path.home() / f"transfert-{date.today().isoformat()}.spsb"
        chosen, _ = QFileDialog.getSaveFileName(
            self.window, self.tr("Bundle for the head of service (encrypted)"),
            str(suggested), self.tr("Bundles (*.spsb)"))
        if not chosen:
            return None
        path = Path(chosen)
        if path.resolve() in database.own_files():
            self._error(SpsDeskError(self.tr(
                "{0} is the database itself or one of its files: choose another name. "
                "Nothing was written.").format(path.name)))
            return None
        try:
            # Audited as written only once the file is on disk.
            written = make_bundle(database, write=lambda data: write_atomically(
                path, lambda stream: stream.write(data)))
        except SpsDeskError as error:
            self._error(error)
            return None
        QMessageBox.information(self.window, self.tr("Bundle written"), self.tr(
            "Bundle written: {0} ({1} record(s)).\n\nIt is encrypted for the base of the "
            "head of service « {2} » only (fingerprint {3}): you may carry it on a USB "
            "stick or send it by e-mail, nobody else can read it.\n\nThis laptop's "
            "fingerprint, to compare on the head of service's screen: {4}."
        ).format(path.name, written.records, written.recipient, chief.fingerprint,
                 own_keys(database).fingerprint))
        self.window.hub.show_message(self.tr("Bundle written: {0}").format(path.name))
        return path

    def show_key(self) -> ServiceKeyDialog:
        """On the service's base: the public key to give to each laptop."""
        dialog = ServiceKeyDialog(self.window.database, self.window)
        dialog.open()
        return dialog

    def merge(self) -> MergeDialog | None:
        """Choose bundle files, then show what merging them would do (see MergeDialog)."""
        names, _ = QFileDialog.getOpenFileNames(
            self.window, self.tr("Bundles to merge"), str(Path.home()),
            self.tr("Bundles (*.spsb);;All files (*)"))
        if not names:
            return None
        files = []
        for name in names:
            path = Path(name)
            try:
                files.append(read_bundle_file(path))
            except InputRefused as error:
                self._error(error)
                return None
            except OSError as error:
                self._error(OSError(self.tr("{0} cannot be read ({1}): check the USB stick "
                                            "or the folder, then try again.").format(
                    path.name, error.strerror or type(error).__name__)))
                return None
        dialog = MergeDialog(self.window.database, files, self.window.hub, self.window)
        dialog.finished.connect(lambda _result: self.update())
        dialog.open()
        return dialog

    def prepare_device_bundle(self) -> DeviceBundleDialog:
        """On the service's base: write the bundle of one laptop."""
        dialog = DeviceBundleDialog(self.window.database, self.window)
        dialog.accepted.connect(lambda: self.window.hub.show_message(
            self.tr("Bundle written: {0}").format(dialog.path.name if dialog.path else "")))
        dialog.open()
        return dialog

    def show_devices(self) -> DevicesDialog:
        """On the service's base: the laptops known, and their revocation."""
        dialog = DevicesDialog(self.window.database, self.window)
        dialog.open()
        return dialog

    def show_conflicts(self) -> ConflictsDialog:
        """On the service's base: the conflicts left by merges, for the chief to resolve."""
        dialog = ConflictsDialog(self.window.database, self.window.hub, self.window)
        dialog.finished.connect(lambda _result: self.update())
        dialog.open()
        return dialog
