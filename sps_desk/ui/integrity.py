"""« Vérifier la base » (Fichier menu): the whole-file check, in the background.

The check reads every page of the file on the jobs' own connection, so the window stays
usable meanwhile; its result is one French sentence in a message box (on demand) or in
the status bar (the automatic check after an unclean shutdown, unless it finds damage,
which is always shown in a box with what to do).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMessageBox

from sps_desk.store.integrity import IntegrityResult, check_integrity
from sps_desk.ui.operations import Job, Operation

if TYPE_CHECKING:
    from sps_desk.ui.main_window import MainWindow


class IntegrityCheck(QObject):
    """The menu action and the check it runs over the window's current base."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.action = QAction(self.tr("Check the base"), window)
        self.action.triggered.connect(lambda: self.run(quiet=False))
        self.job: Job | None = None
        self.result: IntegrityResult | None = None
        self.message = ""

    def run(self, *, quiet: bool) -> Job | None:
        """Start the check (``quiet``: the result goes to the status bar when the base
        is sound); ``None`` if one is already running."""
        if self.job is not None:
            return None
        self.action.setEnabled(False)
        self.window.hub.show_message(
            self.tr("Checking the base in the background; you may keep working."))
        self.job = (
            Operation(
                parent=self,
                op=lambda database, _job: check_integrity(database),
                success=lambda result: self._done(result, quiet),
                label=self.tr("the check of the base"),
            )
            .failure(lambda _error: self._done(None, quiet))
            .finally_(self._finished)
            .run(self.window.database)
        )
        return self.job

    def _finished(self) -> None:
        self.job = None
        self.action.setEnabled(True)

    def _done(self, result: IntegrityResult | None, quiet: bool) -> None:
        self.result = result
        path = self.window.database.path
        if result is not None and result.sound:
            self.message = self.tr(
                "The base {0} is sound: every page and every link between records was "
                "checked.").format(path.name)
            if quiet:
                self.window.hub.show_message(self.message)
            else:
                QMessageBox.information(self.window, self.tr("Check the base"), self.message)
            return
        self.message = self.tr(
            "The base {0} is damaged: some of its pages or links between records are "
            "wrong. Keep working only to note what is urgent, make no merge nor purge, "
            "and restore the latest backup (menu Data protection) with your head of "
            "service.").format(path.name)
        QMessageBox.warning(self.window, self.tr("Check the base"), self.message)

