"""The « Aide » menu of the main window: the folder of the support log (issue 16)."""

from __future__ import annotations

from PySide6.QtCore import QObject, QUrl
from PySide6.QtGui import QAction, QDesktopServices
from PySide6.QtWidgets import QMainWindow, QMessageBox

from sps_desk import support_log
from sps_desk.store.errors import describe


class HelpMenu(QObject):
    """« Aide › Ouvrir le dossier des journaux »: the folder of the log file that support
    asks for, opened in the system's file manager. The log holds no personal data
    (:mod:`sps_desk.support_log`), so it can be sent as it is."""

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.menu = window.menuBar().addMenu(self.tr("&Help"))
        self.logs_action = QAction(self.tr("Open the log folder"), window)
        self.logs_action.setStatusTip(self.tr(
            "The logs hold no personal data: you can send them to whoever helps you."))
        self.logs_action.triggered.connect(self.open_log_folder)
        self.menu.addAction(self.logs_action)

    def open_log_folder(self) -> bool:
        """Create the log folder if needed and show it; when no file manager opens it,
        say where it is. Returns whether the file manager was asked to open it."""
        folder = support_log.log_dir()
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            QMessageBox.warning(self.window, self.tr("Log folder"), describe(error))
            return False
        if QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder))):
            return True
        QMessageBox.information(
            self.window, self.tr("Log folder"),
            self.tr("The log folder could not be opened here. It is: {0}").format(folder))
        return False
