"""Backups in the window: the daily and closing automatic backups, the reminder (in the
status bar, and as a banner at the top of « Accueil »), and a base replaced under the
window (issue 13).

The copy itself runs on a thread with its own read-only connection
(:func:`sps_desk.store.backup.copy_base`): the window stays usable, and the work typed
meanwhile is simply not in this backup. Recording it in the base, and the rotation, then
happen on the window's thread.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QThread, QTimer, Signal
from PySide6.QtWidgets import (
    QApplication,
    QBoxLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSizePolicy,
    QWidget,
)
from shiboken6 import isValid

from sps_desk.store.backup import Backup, copy_base, record_backup
from sps_desk.store.backup_schedule import (
    automatic_backup_due,
    backup_folder,
    backup_status,
    rotate,
)
from sps_desk.store.database import Database
from sps_desk.store.errors import BaseReplaced, describe, is_expected
from sps_desk.ui.pages.home import HomePage
from sps_desk.ui.tones import Tone, apply_tone

if TYPE_CHECKING:
    from sps_desk.ui.main_window import MainWindow

logger = logging.getLogger(__name__)


def utc_now() -> datetime:
    """The current time in UTC (the scheduler's default clock)."""
    return datetime.now(UTC)


def error_text(error: BaseException, where: Path | None = None) -> str:
    """The French sentence for ``error`` (see ``store.errors.describe``); an unexpected
    error is logged by type only (it may hold personal data) and said in general terms."""
    if is_expected(error):
        return describe(error, where=where)
    logger.error("backup failed: %s", type(error).__name__)
    return QApplication.translate(
        "Backups", "The backup failed because of an unexpected error; nothing was "
        "written. Tell your head of service.")


class ReminderBanner(QFrame):
    """The backup reminder at the top of the home page, with a button that backs up now
    (into the chosen folder, else one asked for). Hidden while backups are up to date."""

    def __init__(self, back_up: Callable[[], None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        # Palette-aware colours: readable in a dark palette too (issue 15).
        apply_tone(self, Tone.BANNER, "border: 1px solid #fdba74;")
        self.text = QLabel()
        self.text.setWordWrap(True)
        apply_tone(self.text, Tone.BANNER, "font-weight: bold;")
        self.button = QPushButton(self.tr("Back up now"))
        self.button.clicked.connect(lambda _checked=False: back_up())
        layout = QHBoxLayout(self)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.button)
        self.setAccessibleName(self.tr("Backup reminder"))
        self.hide()

    def show_text(self, text: str | None) -> None:
        """Show ``text`` (a French sentence), or hide the banner when ``None``."""
        self.text.setText(text or "")
        self.setVisible(text is not None)


class BackupThread(QThread):
    """Copies the base into a backup folder off the window's thread; emits exactly one of
    ``succeeded(Backup)`` or ``failed(French message)``."""

    succeeded = Signal(object)
    failed = Signal(str)

    def __init__(self, path: Path, key: bytes, folder: Path, *, automatic: bool,
                 now: datetime, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.path, self.key, self.folder = path, key, folder
        self.automatic, self.now = automatic, now

    def run(self) -> None:
        """Write and verify the backup; never raises."""
        try:
            backup = copy_base(self.path, self.key, self.folder, automatic=self.automatic,
                               now=self.now)
        except Exception as error:
            self.failed.emit(error_text(error, self.folder))
        else:
            self.succeeded.emit(backup)


class BackupScheduler(QObject):
    """Automatic backups of one window's base, and the reminder.

    Every ``interval_ms`` (and at once through :meth:`tick`): if the file of the base was
    replaced under the window (a key changed or a backup restored elsewhere), the session
    locks with the reason, so nothing more is written into the old file; otherwise a daily
    backup runs when due (:func:`automatic_backup_due`). :meth:`at_close` backs up when
    the window closes if anything was written since the last backup. ``clock`` gives the
    current UTC time (tests inject one). ``done`` carries each backup recorded, or
    ``None`` after a failure (whose message is in the status bar), once its thread is
    over.
    """

    done = Signal(object)

    def __init__(self, window: MainWindow, *, clock: Callable[[], datetime] = utc_now,
                 interval_ms: int = 60_000) -> None:
        super().__init__(window)
        self.window = window
        self.clock = clock
        self.thread: BackupThread | None = None
        self._result: Backup | None = None
        self.reminder = QLabel()
        apply_tone(self.reminder, Tone.WARNING, "font-weight: bold;")
        self.reminder.setWordWrap(False)
        # Never wider than the window allows (a long reminder would set its minimum
        # width); the whole sentence is in the tooltip.
        self.reminder.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        window.statusBar().addPermanentWidget(self.reminder)
        self.banners: list[ReminderBanner] = []
        self._reminder_text: str | None = None
        # « Accueil » is built lazily, and again after each unlock: each new one gets
        # the banner (the one already built, if any, gets it now). A window without
        # pages (a dialog's tests) has the status bar only.
        stack = getattr(window, "stack", None)
        if stack is not None:
            stack.widgetAdded.connect(lambda index: self._page_added(stack.widget(index)))
            for page in window.pages:
                self._page_added(page)
        self._mark_backed_up()
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.tick)
        self.timer.start()
        self.refresh_reminder()

    def _page_added(self, page: QWidget) -> None:
        if not isinstance(page, HomePage):
            return
        layout = page.layout()
        if not isinstance(layout, QBoxLayout):
            return
        banner = ReminderBanner(lambda: self.window.privacy_menu.back_up(), page)
        layout.insertWidget(0, banner)
        self.banners = [b for b in self.banners if isValid(b)] + [banner]
        banner.show_text(self._reminder_text)

    def _show_reminder(self, text: str | None) -> None:
        """Put ``text`` in the status bar and on the home page's banner (``None``: hide)."""
        self._reminder_text = text
        self.reminder.setText(text or "")
        self.reminder.setToolTip(text or "")
        self.reminder.setVisible(text is not None)
        self.banners = [b for b in self.banners if isValid(b)]
        for banner in self.banners:
            banner.show_text(text)

    def _mark_backed_up(self) -> None:
        self._baseline = (self.database, self.database.connection.total_changes)

    def _written_since_backup(self) -> bool:
        database, changes = self._baseline
        if database is not self.database:  # unlocked since: count from that opening
            changes = 0
        return self.database.connection.total_changes > changes

    @property
    def database(self) -> Database:
        """The window's current base (a new object after each unlock)."""
        return self.window.database

    def _locked(self) -> bool:
        """Locked, or the base closed (its key is forgotten at closing): nothing to do."""
        lock = getattr(self.window, "session_lock", None)
        return bool(lock is not None and lock.locked) or self.database.database_key is None

    def refresh_reminder(self) -> None:
        """Show or hide the reminder: no backup off the base's disk for 7 days."""
        if self._locked():
            return
        self._show_reminder(backup_status(self.database, now=self.clock()).reminder)

    def tick(self) -> None:
        """Check the base's file, bring the reminder up to date, then run the daily
        backup when due."""
        if self._locked() or not isValid(self.window):
            return
        try:
            self.database.check_not_replaced()
        except BaseReplaced as error:
            self._stop_saving(str(error))
            return
        if self.thread is None:
            self.refresh_reminder()  # a window left open for days: the reminder comes due
        if self.thread is None and automatic_backup_due(self.database, now=self.clock()):
            folder = backup_folder(self.database)
            assert folder is not None
            self.start(folder, automatic=True)

    def _stop_saving(self, message: str) -> None:
        lock = getattr(self.window, "session_lock", None)
        self.window.statusBar().showMessage(message)
        if lock is not None and lock.lock() and lock.screen is not None:
            lock.screen.errors.show_lines([message])

    def start(self, folder: Path, *, automatic: bool) -> BackupThread | None:
        """Start a backup into ``folder`` (at most one at a time); returns its thread."""
        if self.thread is not None:
            return None
        key = self.database.database_key
        assert key is not None
        thread = BackupThread(self.database.path, key, folder, automatic=automatic,
                              now=self.clock(), parent=self)
        thread.succeeded.connect(self._succeeded)
        thread.failed.connect(self._failed)
        thread.finished.connect(self._finished)
        self.thread = thread
        self.window.statusBar().showMessage(self.tr("Backing up…"))
        thread.start()
        return thread

    def _finished(self) -> None:
        if self.thread is not None:
            self.thread.deleteLater()
        self.thread = None
        result, self._result = self._result, None
        self.done.emit(result)

    def _succeeded(self, backup: Backup) -> None:
        if self._locked():
            return  # the copy is good; the next backup records the state in the base
        try:
            self._record(backup)
        except Exception as error:
            self._failed(error_text(error))
            return
        self.window.statusBar().showMessage(
            self.tr("Backup written and checked: {0}").format(backup.folder), 15_000)
        self._result = backup

    def _record(self, backup: Backup) -> None:
        record_backup(self.database, backup)
        if backup.automatic:
            rotate(backup.folder.parent, backup.base_id)
        self._mark_backed_up()
        self.refresh_reminder()

    def _failed(self, message: str) -> None:
        text = self.tr("The backup was not made: {0}").format(message)
        self.window.statusBar().showMessage(text)
        self._show_reminder(text)

    def at_close(self) -> Backup | None:
        """The closing backup (on this thread: the window is going away): when a folder
        is chosen on this computer and something was written since the last backup, or
        one is due. A failure is said in a message box; returns the backup or ``None``."""
        if self._locked() or self.thread is not None:
            return None
        database = self.database
        folder = backup_folder(database)
        if folder is None:
            return None
        if not self._written_since_backup() and \
                not automatic_backup_due(database, now=self.clock()):
            return None
        assert database.database_key is not None
        try:
            backup = copy_base(database.path, database.database_key, folder, automatic=True,
                               now=self.clock())
            self._record(backup)
        except Exception as error:
            QMessageBox.warning(self.window, self.tr("Automatic backup"),
                                self.tr("The backup at closing was not made: {0}")
                                .format(error_text(error, folder)))
            return None
        return backup
