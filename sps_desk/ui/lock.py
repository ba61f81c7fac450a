"""Session lock: after inactivity, when the system session locks, or on Ctrl+L.

Locking asks every page to keep its draft (:meth:`Page.before_lock`), closes the base
(the key leaves memory with the connection), and destroys every page with every model
and widget that showed data; the window then shows only a passphrase field. Unlocking
opens the base again, rebuilds the pages, returns to the same page and lets each page
restore its draft (:meth:`Page.after_unlock`).

Inactivity is measured on the wall clock (``time.time``), not by a countdown timer, so
time spent asleep counts: a laptop closed for an hour is locked when it wakes. The system
session lock is followed where Qt can tell: the freedesktop screen saver's
``ActiveChanged`` signal on D-Bus (Linux desktops) and the application being suspended.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Slot
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from sps_desk.errors import SpsDeskError
from sps_desk.store.database import Database
from sps_desk.store.errors import WrongPassphrase, describe
from sps_desk.ui.dialogs.identity import clear_copied
from sps_desk.ui.operations import task_manager
from sps_desk.ui.settings import saved_lock_minutes
from sps_desk.ui.widgets.forms import ErrorBox, add_row, new_form

if TYPE_CHECKING:
    from sps_desk.ui.main_window import MainWindow

logger = logging.getLogger(__name__)

_INPUT_EVENTS = {
    QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove,
    QEvent.Type.Wheel, QEvent.Type.TouchBegin,
}


class LockScreen(QWidget):
    """What a locked window shows: a passphrase field, nothing of the data."""

    def __init__(self, path_name: str, unlock: Callable[[str], str | None],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._unlock = unlock
        title = QLabel(self.tr("The session is locked."))
        title.setStyleSheet("font-size: 16pt; font-weight: bold;")
        intro = QLabel(self.tr("Type your passphrase to go back to your work ({0}).")
                       .format(path_name))
        intro.setWordWrap(True)
        self.passphrase_edit = QLineEdit()
        self.passphrase_edit.setEchoMode(QLineEdit.EchoMode.Password)
        form = new_form()
        add_row(form, self.tr("Passphrase:"), self.passphrase_edit)
        self.errors = ErrorBox()
        self.unlock_button = QPushButton(self.tr("Unlock"))
        self.unlock_button.setDefault(True)
        self.unlock_button.clicked.connect(self._submit)
        self.passphrase_edit.returnPressed.connect(self._submit)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(title)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.errors)
        layout.addWidget(self.unlock_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addStretch(2)

    def _submit(self) -> None:
        passphrase = self.passphrase_edit.text()
        self.passphrase_edit.clear()
        if not passphrase.strip():
            self.errors.show_lines([self.tr("Type your passphrase.")])
            return
        problem = self._unlock(passphrase)
        if problem:
            self.errors.show_lines([problem])
            self.passphrase_edit.setFocus()


class SessionLock(QObject):
    """Locks and unlocks a :class:`MainWindow`; one per window.

    ``minutes`` of inactivity (wall clock) lock the session — by default the delay this
    computer's user chose in the settings (:func:`saved_lock_minutes`); :meth:`lock`
    locks at once.
    """

    def __init__(self, window: MainWindow, menu: QMenu | None = None,
                 minutes: float | None = None) -> None:
        super().__init__(window)
        self.window = window
        self.path = window.database.path
        self.timeout_seconds = 0.0
        self.set_minutes(saved_lock_minutes() if minutes is None else minutes)
        self.last_input = time.time()
        self.locked = False
        self.failed_attempts = 0
        self._page_index = 0
        self.screen: LockScreen | None = None
        self._disabled: list[QAction] = []
        self._waiting = False

        self.action = QAction(self.tr("Lock the session"), window)
        self.action.setShortcut(QKeySequence("Ctrl+L"))
        self.action.triggered.connect(self.lock)
        window.addAction(self.action)
        if menu is not None:
            menu.addAction(self.action)

        app = QApplication.instance()
        if isinstance(app, QGuiApplication):
            app.focusWindowChanged.connect(self._watch_windows)
            app.applicationStateChanged.connect(self._on_application_state)
        self._watch_windows()
        self.timer = QTimer(self)
        self.timer.setInterval(5_000)
        self.timer.timeout.connect(self.check_idle)
        self.timer.start()
        self._watch_screen_saver()

    def set_minutes(self, minutes: float) -> None:
        """Lock after ``minutes`` of inactivity from now on (the settings dialog)."""
        self.timeout_seconds = minutes * 60

    # ------------------------------------------------------------------ triggers

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Any keyboard, mouse or touch input to a window counts as activity."""
        if event.type() in _INPUT_EVENTS:
            self.last_input = time.time()
        return False

    def _watch_windows(self, *_focused: object) -> None:
        """Watch the input of every top-level window (the main window, its dialogs and
        menus), where the platform delivers it before Qt passes it to a widget. Called
        when a window takes the focus and at each idle check, for windows made since.

        Not a filter on the whole application: that one calls Python for each of the
        thousands of events (polish, layout, paint) that building a page sends, a third
        of a page's first visit (issue 12). Qt installs a filter once per window."""
        for handle in QGuiApplication.topLevelWindows():
            handle.installEventFilter(self)

    @Slot()
    def check_idle(self) -> None:
        """Lock when the last input is older than the timeout (wall clock).

        A window that is not shown (closed, or not yet shown) is left alone.
        """
        self._watch_windows()
        if not self.window.isVisible():
            return
        if not self.locked and time.time() - self.last_input >= self.timeout_seconds:
            self.lock()

    def _on_application_state(self, state: Qt.ApplicationState) -> None:
        if state == Qt.ApplicationState.ApplicationSuspended and self.window.isVisible():
            self.lock()

    def _watch_screen_saver(self) -> None:
        try:
            from PySide6.QtDBus import QDBusConnection
        except ImportError:  # not every platform ships QtDBus
            return
        bus = QDBusConnection.sessionBus()
        if not bus.isConnected():
            return
        for service, path in (("org.freedesktop.ScreenSaver", "/org/freedesktop/ScreenSaver"),
                              ("org.gnome.ScreenSaver", "/org/gnome/ScreenSaver")):
            bus.connect(service, path, service, "ActiveChanged", self.on_screen_saver)

    @Slot(bool)
    def on_screen_saver(self, active: bool) -> None:
        """The system session locked (screen saver active): lock too."""
        if active and self.window.isVisible():
            self.lock()

    # ------------------------------------------------------------------ lock / unlock

    @Slot()
    def lock(self) -> bool:
        """Lock now; returns False while a background job runs (the report, a merge…):
        the session locks as soon as it ends."""
        window = self.window
        if self.locked:
            return True
        if task_manager().running:
            # The job's connection holds the key: lock as soon as the job ends.
            if not self._waiting:
                self._waiting = True
                QTimer.singleShot(250, self._lock_when_idle)
            return False
        self._page_index = max(window.navigation.currentRow(), 0)
        # Open dialogs of this window may show data too (an identity, a timeline).
        for dialog in window.findChildren(QDialog):
            dialog.reject()
        clear_copied()
        for page in window.pages:
            try:
                page.before_lock()
            except Exception as error:  # a page must never keep the session open
                logger.error("before_lock failed: %s", type(error).__name__)
        for page in window.drop_pages():
            # Out of the window at once (deletion waits for the event loop).
            page.setParent(None)
            page.deleteLater()
        # Hidden, not only disabled: an empty framed list beside the passphrase field
        # looked like a box left to fill (issue 15).
        window.navigation.setEnabled(False)
        window.navigation.hide()
        # Every action of the window and its menus (their shortcuts too), except
        # locking itself, until the base is open again (the window's close button
        # still quits). Menus that enable
        # their actions by role do it again when they are next shown.
        self._disabled = [
            action for action in window.findChildren(QAction)
            if action is not self.action and action.isEnabled()
        ]
        for action in self._disabled:
            action.setEnabled(False)
        window.menuBar().setEnabled(False)
        window.hub.forget_shared()
        task_manager().release(window.database)
        window.database.close()
        self.screen = LockScreen(self.path.name, self.unlock)
        window.stack.addWidget(self.screen)
        window.stack.setCurrentWidget(self.screen)
        self.screen.passphrase_edit.setFocus()
        self.locked = True
        return True

    def _lock_when_idle(self) -> None:
        if task_manager().running:
            QTimer.singleShot(250, self._lock_when_idle)
            return
        self._waiting = False
        self.lock()

    def unlock(self, passphrase: str) -> str | None:
        """Open the base with ``passphrase`` and rebuild the pages; returns ``None`` on
        success, else the French message to show."""
        try:
            database = Database.open(self.path, passphrase,
                                     failed_attempts=self.failed_attempts)
        except WrongPassphrase as error:
            self.failed_attempts += 1
            return describe(error, where=self.path)  # noted in the support log
        except SpsDeskError as error:
            return describe(error, where=self.path)
        self.failed_attempts = 0
        window = self.window
        if self.screen is not None:
            window.stack.removeWidget(self.screen)
            self.screen.deleteLater()
            self.screen = None
        window.navigation.setEnabled(True)
        window.navigation.show()
        window.menuBar().setEnabled(True)
        for action in self._disabled:
            if isValid(action):  # the old pages' own actions were destroyed with them
                action.setEnabled(True)
        self._disabled = []
        # Pages are built when shown; those built before the lock get their drafts back.
        window.build_pages(database, self._page_index)
        window.check_if_due()
        self.locked = False
        self.last_input = time.time()
        return None
