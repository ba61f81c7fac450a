"""The main window: a navigation list on the left, the selected page on the right."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QListWidget,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QWidget,
)

from sps_desk.store.database import Database
from sps_desk.ui.dialogs.import_spreadsheet import ImportSpreadsheetDialog
from sps_desk.ui.dialogs.service_settings import open_service_settings
from sps_desk.ui.dialogs.settings import SettingsDialog
from sps_desk.ui.hub import DataHub
from sps_desk.ui.pages.base import Page
from sps_desk.ui.pages.collective import CollectiveActionsPage
from sps_desk.ui.pages.field import FieldPage
from sps_desk.ui.pages.report import ReportPage
from sps_desk.ui.pages.supports import SupportsPage
from sps_desk.ui.pages.time_entries import TimePage
from sps_desk.ui.pages.young_people import YoungPeoplePage

PAGE_TYPES: tuple[type[Page], ...] = (
    FieldPage,
    YoungPeoplePage,
    SupportsPage,
    CollectiveActionsPage,
    TimePage,
    ReportPage,
)
"""Pages in navigation order; Ctrl+1 … Ctrl+6 jump to them."""


class MainWindow(QMainWindow):
    """Window over an open base. It does not own the base: the caller closes it."""

    def __init__(self, database: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.database = database
        self.hub = DataHub(self)
        self.setWindowTitle(self.tr("sps_desk — {0}").format(database.service().name))

        self.navigation = QListWidget()
        self.navigation.setAccessibleName(self.tr("Sections"))
        # As wide as the longest title (190 px at most), narrower on a small screen or at
        # 200 % scaling, where the page needs the room.
        self.navigation.setSizeAdjustPolicy(QListWidget.SizeAdjustPolicy.AdjustToContents)
        self.navigation.setMinimumWidth(100)
        self.navigation.setMaximumWidth(190)
        self.navigation.setSpacing(4)
        self.stack = QStackedWidget()
        self.pages: list[Page] = []
        self.build_pages(database)
        self.navigation.currentRowChanged.connect(self.stack.setCurrentIndex)
        self.navigation.setCurrentRow(0)

        central = QWidget()
        layout = QHBoxLayout(central)
        layout.addWidget(self.navigation)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)

        menu = self.menuBar().addMenu(self.tr("&File"))
        team_action = QAction(self.tr("Add a staff member…"), self)
        team_action.triggered.connect(lambda: self.pages[0].add_staff_member())
        menu.addAction(team_action)
        import_action = QAction(self.tr("Import a spreadsheet…"), self)
        import_action.triggered.connect(self.open_import)
        menu.addAction(import_action)
        service_action = QAction(self.tr("Service…"), self)
        service_action.triggered.connect(lambda: open_service_settings(self))
        menu.addAction(service_action)
        settings_action = QAction(self.tr("Settings…"), self)
        settings_action.triggered.connect(
            lambda: SettingsDialog(self, self.session_lock).exec())
        menu.addAction(settings_action)
        quit_action = QAction(self.tr("Quit"), self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        menu.addAction(quit_action)
        for index in range(len(self.pages)):
            action = QAction(self)
            action.setShortcut(QKeySequence(f"Ctrl+{index + 1}"))
            action.triggered.connect(lambda _checked=False, i=index: self.show_page(i))
            self.addAction(action)
        self.hub.message.connect(lambda text: self.statusBar().showMessage(text, 10_000))
        self.hub.busy_changed.connect(team_action.setDisabled)
        self.hub.busy_changed.connect(import_action.setDisabled)
        self.hub.busy_changed.connect(service_action.setDisabled)

        from sps_desk.ui.lock import SessionLock  # the lock rebuilds this window's pages
        from sps_desk.ui.privacy_menu import PrivacyMenu

        self.session_lock = SessionLock(self, menu)
        self.privacy_menu = PrivacyMenu(self)
        from sps_desk.ui.team_menu import TeamMenu  # team merge between laptops (issue 7)

        self.team_menu = TeamMenu(self)
        from sps_desk.ui.department_menu import DepartmentMenu  # statistics file (issue 5)

        self.department_menu = DepartmentMenu(self)
        from sps_desk.ui.help_menu import HelpMenu  # the support log's folder (issue 16)

        self.help_menu = HelpMenu(self)
        from sps_desk.store.sync.identity import chief_keys

        if chief_keys(database) is not None:
            # An educator's laptop: the staff list and the Département's files are the
            # chief's (a staff member added here duplicates the chief's one, trial 7).
            team_action.setVisible(False)
            self.department_menu.menu.menuAction().setVisible(False)
        self.resize(1280, 720)
        self.navigation.setFocus(Qt.FocusReason.OtherFocusReason)

    def build_pages(self, database: Database) -> None:
        """Create every page over ``database`` (at start, and again after unlocking)."""
        self.database = database
        for page_type in PAGE_TYPES:
            page = page_type(database, self.hub)
            self.pages.append(page)
            self.stack.addWidget(page)
            self.navigation.addItem(page.title())

    def open_import(self) -> ImportSpreadsheetDialog:
        """Show the spreadsheet import dialog over the open base (Fichier menu)."""
        dialog = ImportSpreadsheetDialog(self.database, self.hub, self)
        dialog.open()
        return dialog

    def page(self, page_type: type[Page]) -> Page:
        """The page instance of a given type."""
        return next(p for p in self.pages if isinstance(p, page_type))

    def show_page(self, index: int) -> None:
        """Select the page at ``index`` in the navigation."""
        self.navigation.setCurrentRow(index)

    def closeEvent(self, event: QCloseEvent) -> None:
        """Refuse to close while a report is being generated from the base."""
        # No pages while the session is locked.
        report = next((p for p in self.pages if isinstance(p, ReportPage)), None)
        if isinstance(report, ReportPage) and report.running:
            QMessageBox.information(
                self,
                self.tr("Report in progress"),
                self.tr("Wait for the end of the report's generation before closing."),
            )
            event.ignore()
            return
        if isinstance(report, ReportPage) and not report.save_sections():
            event.ignore()  # the page shows why; the chief's text is not lost
            return
        event.accept()
