"""« Vérifier la base » (Fichier menu): the whole-file check, in the background.

The check (``store.integrity.check_integrity``) reads every page of the file on a
connection of its own, in the jobs' thread, so the window stays usable and saving goes
on meanwhile. Its result is the store's French sentence: in a message box when asked
from the menu, in the status bar after the automatic check that follows an unclean
shutdown — unless the base is damaged, which is always said in a box.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMessageBox

from sps_desk.store.integrity import (
    IntegrityCheckCancelled,
    IntegrityReport,
    check_integrity,
)
from sps_desk.ui.operations import Job, Operation, describe

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
        self.report: IntegrityReport | None = None

    def run(self, *, quiet: bool) -> Job | None:
        """Start the check (``quiet``: a sound result goes to the status bar only);
        ``None`` if one is already running."""
        if self.job is not None:
            return None
        self.action.setEnabled(False)
        self.window.hub.show_message(
            self.tr("Checking the base in the background; you may keep working."))
        database = self.window.database
        operation = (
            Operation(
                parent=self,
                # Its own read-only connection: the jobs' one is not needed.
                op=lambda _companion, job: check_integrity(database, cancelled=job.cancelled),
                success=lambda report: self._done(report, quiet),
                label=self.tr("the check of the base"),
            )
            .failure(self._failed)
            .finally_(self._finished)
        )
        if quiet:
            # Nobody asked for it: closing or locking stops it (it runs again next time).
            operation.background()
        self.job = operation.run(database)
        return self.job

    def _finished(self) -> None:
        self.job = None
        self.action.setEnabled(True)

    def _done(self, report: IntegrityReport, quiet: bool) -> None:
        self.report = report
        if not report.intact:
            QMessageBox.warning(self.window, self.tr("Check the base"), report.message)
        elif quiet:
            self.window.hub.show_message(report.message)
        else:
            QMessageBox.information(self.window, self.tr("Check the base"), report.message)

    def _failed(self, error: BaseException) -> None:
        if isinstance(error, IntegrityCheckCancelled):
            self.window.hub.show_message(str(error))
            return
        QMessageBox.warning(self.window, self.tr("Check the base"), describe(error))
