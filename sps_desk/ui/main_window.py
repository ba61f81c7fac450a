"""The main window: a navigation list on the left, the selected page on the right.

Pages are built when first shown (a decade of history must not be read to open the
window): the stack holds an empty placeholder for each page until then. The menus'
modules are imported with this one, at start-up while the passphrase is typed, not
after the unlock; the Département menu imports its heavy dialogs only when opened.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
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
from sps_desk.store.sync.identity import chief_keys
from sps_desk.ui.department_menu import DepartmentMenu
from sps_desk.ui.dialogs.import_spreadsheet import ImportSpreadsheetDialog
from sps_desk.ui.dialogs.service_settings import open_service_settings
from sps_desk.ui.dialogs.settings import SettingsDialog
from sps_desk.ui.help_menu import HelpMenu
from sps_desk.ui.hub import DataHub
from sps_desk.ui.integrity import IntegrityCheck
from sps_desk.ui.lock import SessionLock
from sps_desk.ui.operations import task_manager
from sps_desk.ui.pages.base import Page
from sps_desk.ui.pages.collective import CollectiveActionsPage
from sps_desk.ui.pages.field import FieldPage
from sps_desk.ui.pages.home import HomePage
from sps_desk.ui.pages.report import ReportPage
from sps_desk.ui.pages.supports import SupportsPage
from sps_desk.ui.pages.time_entries import TimePage
from sps_desk.ui.pages.young_people import YoungPeoplePage
from sps_desk.ui.privacy_menu import PrivacyMenu
from sps_desk.ui.record_links import open_line
from sps_desk.ui.team_menu import TeamMenu
from sps_desk.ui.widgets.wheel import wheel_needs_focus
from sps_desk.ui.young_index import YoungIndex

PAGE_TYPES: tuple[type[Page], ...] = (
    HomePage,
    FieldPage,
    YoungPeoplePage,
    SupportsPage,
    CollectiveActionsPage,
    TimePage,
    ReportPage,
)
"""Pages in navigation order, « Accueil » first; Ctrl+1 … Ctrl+7 jump to them."""


class MainWindow(QMainWindow):
    """Window over an open base. It does not own the base: the caller closes it."""

    def __init__(self, database: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.database = database
        self.hub = DataHub(self)
        self.setWindowTitle(self.tr("sps_desk — {0}").format(database.service().name))

        self.navigation = QListWidget()
        self.navigation.setAccessibleName(self.tr("Sections"))
        # As wide as the longest title, 190 px at most (set in build_pages), so that no
        # title is cut and no sideways scroll bar shows.
        self.navigation.setSizeAdjustPolicy(QListWidget.SizeAdjustPolicy.AdjustToContents)
        self.navigation.setMaximumWidth(190)
        self.navigation.setSpacing(4)
        self.stack = QStackedWidget()
        self._built: dict[int, Page] = {}
        self._restore_drafts: set[type[Page]] = set()
        self.navigation.currentRowChanged.connect(self.show_page)
        self.build_pages(database)

        central = QWidget()
        layout = QHBoxLayout(central)
        layout.addWidget(self.navigation)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)

        menu = self.menuBar().addMenu(self.tr("&File"))
        team_action = QAction(self.tr("Add a staff member…"), self)
        team_action.triggered.connect(lambda: self.page(FieldPage).add_staff_member())
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
        self.integrity = IntegrityCheck(self)
        menu.addAction(self.integrity.action)
        menu.addSeparator()

        # « Lock the session » above « Quit » (issue 15).
        self.session_lock = SessionLock(self, menu)
        quit_action = QAction(self.tr("Quit"), self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        menu.addAction(quit_action)
        for index in range(len(PAGE_TYPES)):
            action = QAction(self)
            action.setShortcut(QKeySequence(f"Ctrl+{index + 1}"))
            action.triggered.connect(lambda _checked=False, i=index: self.show_page(i))
            self.addAction(action)
        self.hub.message.connect(lambda text: self.statusBar().showMessage(text, 10_000))
        self.hub.busy_changed.connect(team_action.setDisabled)
        self.hub.busy_changed.connect(import_action.setDisabled)
        self.hub.busy_changed.connect(service_action.setDisabled)

        self.privacy_menu = PrivacyMenu(self)
        self.team_menu = TeamMenu(self)  # team merge between laptops (issue 7)
        self.department_menu = DepartmentMenu(self)  # statistics file (issue 5)
        self.help_menu = HelpMenu(self)  # the support log's folder (issue 16)
        if chief_keys(database) is not None:
            # An educator's laptop: the staff list and the Département's files are the
            # chief's (a staff member added here duplicates the chief's one, trial 7).
            team_action.setVisible(False)
            self.department_menu.menu.menuAction().setVisible(False)
        self.resize(1280, 720)
        self.navigation.setFocus(Qt.FocusReason.OtherFocusReason)
        self.check_if_due()

    def check_if_due(self) -> None:
        """After an unclean shutdown (the store sets ``integrity_check_due`` when it
        opens the base), check the whole file in the background, once the window is up."""
        if self.database.integrity_check_due:
            QTimer.singleShot(0, lambda: self.integrity.run(quiet=True))

    @property
    def pages(self) -> list[Page]:
        """The pages built so far, in navigation order."""
        return [self._built[index] for index in sorted(self._built)]

    def build_pages(self, database: Database, shown: int = 0) -> None:
        """Set up the navigation over ``database`` (at start, and again after unlocking)
        and build the page shown; the others are built when first shown."""
        self.database = database
        self.navigation.blockSignals(True)
        for page_type in PAGE_TYPES:
            self.stack.addWidget(QWidget())
            self.navigation.addItem(page_type.title_text())
        self.navigation.blockSignals(False)
        # The longest title whole (« Accompagnements »), up to the maximum width: the
        # list's own size hint is taken before its items are laid out.
        frame = 2 * self.navigation.frameWidth() + 2 * self.navigation.spacing()
        self.navigation.setMinimumWidth(min(self.navigation.maximumWidth(),
                                            self.navigation.sizeHintForColumn(0) + frame))
        self.show_page(shown)

    def drop_pages(self) -> list[Page]:
        """Remove every page and placeholder (the session locks); returns the pages that
        were built, for the caller to destroy. Their drafts are restored without asking
        when they are built again after the unlock."""
        built = self.pages
        self._restore_drafts = {type(page) for page in built}
        self._built.clear()
        self.navigation.blockSignals(True)
        self.navigation.clear()
        self.navigation.blockSignals(False)
        while self.stack.count():
            widget = self.stack.widget(0)
            self.stack.removeWidget(widget)
            if not isinstance(widget, Page):
                widget.deleteLater()
        return built

    def page(self, page_type: type[Page]) -> Page:
        """The page of a given type, built now if it was not yet."""
        return self._build(PAGE_TYPES.index(page_type))

    def _build(self, index: int) -> Page:
        page = self._built.get(index)
        if page is not None:
            return page
        page_type = PAGE_TYPES[index]
        page = page_type(self.database, self.hub)
        wheel_needs_focus(page)
        if isinstance(page, HomePage | ReportPage):
            # « À vérifier »: a line opens its record on the page that shows it.
            page.set_open_line(lambda line: open_line(self, line))
        placeholder = self.stack.widget(index)
        current = self.stack.currentIndex()
        self.stack.insertWidget(index, page)
        self.stack.removeWidget(placeholder)
        placeholder.deleteLater()
        self.stack.setCurrentIndex(current)
        self._built[index] = page
        if page_type in self._restore_drafts:
            self._restore_drafts.discard(page_type)
            page.after_unlock()
        return page

    def open_import(self) -> ImportSpreadsheetDialog:
        """Show the spreadsheet import dialog over the open base (Fichier menu)."""
        dialog = ImportSpreadsheetDialog(self.database, self.hub, self)
        dialog.open()
        return dialog

    def show_page(self, index: int) -> None:
        """Build the page at ``index`` if needed and show it."""
        if not 0 <= index < self.stack.count():
            return
        self._build(index)
        if self.navigation.currentRow() != index:
            self.navigation.setCurrentRow(index)  # comes back here once
            return
        self.stack.setCurrentIndex(index)
        young = self.hub.shared.get("young_index")
        if isinstance(young, YoungIndex):
            young.pause_for_page()  # the page drawn and answering first

    def closeEvent(self, event: QCloseEvent) -> None:
        """Refuse to close while a background job runs (the report, a merge…); keep the
        chief's report sections; then close the jobs' own connection."""
        if task_manager().running:
            QMessageBox.information(
                self,
                self.tr("Work in progress"),
                self.tr("Wait for the end of the work in progress (report, export, merge, "
                        "check) before closing."),
            )
            event.ignore()
            return
        report = next((p for p in self.pages if isinstance(p, ReportPage)), None)
        if isinstance(report, ReportPage) and not report.save_sections():
            event.ignore()  # the page shows why; the chief's text is not lost
            return
        self.privacy_menu.backups.at_close()  # the automatic backup at closing (issue 13)
        self.hub.forget_shared()
        task_manager().release(self.database)
        event.accept()
