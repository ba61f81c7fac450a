"""The « Data protection » menu of the main window: passphrase, identity, erasure,
backups (back up, automatic backups, restore), users, purge, register of processing,
incident sheet, end of service."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QFileDialog, QInputDialog, QLineEdit, QMessageBox

from sps_desk.errors import SpsDeskError
from sps_desk.reports.privacy_documents import ServiceFacts, write_incident_sheet, write_register
from sps_desk.store import backup, retention, rights, users
from sps_desk.store.backup import check_backup
from sps_desk.store.backup_schedule import backup_folder
from sps_desk.store.database import Database
from sps_desk.store.restore import Restored, restore_backup
from sps_desk.ui.backups import BackupScheduler, error_text
from sps_desk.ui.dialogs.backups import BackupsDialog
from sps_desk.ui.dialogs.end_of_service import EndOfServiceDialog
from sps_desk.ui.dialogs.erasure import ErasureDialog
from sps_desk.ui.dialogs.identity import IdentityDialog
from sps_desk.ui.dialogs.passphrase import PassphraseDialog
from sps_desk.ui.dialogs.purge import PurgeDialog
from sps_desk.ui.dialogs.users import UsersDialog
from sps_desk.ui.pages.young_people import YoungPeoplePage
from sps_desk.ui.settings import user_settings

if TYPE_CHECKING:
    from sps_desk.ui.main_window import MainWindow


def service_facts(database: Database) -> ServiceFacts:
    """Settings and counts for the register and the incident sheet."""
    count = database.connection.execute
    service = database.service()
    return ServiceFacts(
        service_name=service.name,
        managing_body=service.managing_body,
        retention_years=retention.retention_years(database),
        young_people=count("SELECT count(*) FROM young_person WHERE deleted_at IS NULL")
        .fetchone()[0],
        identities=count("SELECT count(*) FROM identity WHERE deleted_at IS NULL").fetchone()[0],
        users=len(users.active(database.connection)),
        last_backup=backup.last_backup(database),
    )


class PrivacyMenu(QObject):
    """Builds the menu on ``window``; every action uses the window's current base."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        menu = window.menuBar().addMenu(self.tr("&Data protection"))
        self.menu = menu
        self.chief_actions: list[QAction] = []
        entries = [
            (self.tr("Change my passphrase…"), self.change_passphrase, False),
            (self.tr("Show the identity of a young person…"), self.show_identity, False),
            (self.tr("Erase a young person…"), self.erase_young, True),
            (self.tr("Back up"), self.back_up, False),
            (self.tr("Automatic backups…"), self.automatic_backups, False),
            (self.tr("Restore…"), self.restore, True),
            (self.tr("Users…"), self.manage_users, True),
            (self.tr("Purge of expired data…"), self.purge, True),
            (self.tr("Register of processing (PDF)…"), self.register, False),
            (self.tr("Incident sheet (PDF)…"), self.incident_sheet, False),
            (self.tr("End of service…"), self.end_of_service, True),
        ]
        for text, slot, chief_only in entries:
            action = QAction(text, window)
            action.triggered.connect(slot)
            menu.addAction(action)
            if chief_only:
                self.chief_actions.append(action)
        menu.aboutToShow.connect(self._update)
        self.backups = BackupScheduler(window)

    def _update(self) -> None:
        chief = self.window.database.is_chief
        for action in self.chief_actions:
            action.setEnabled(chief)

    def _error(self, error: Exception) -> None:
        self._error_text(error_text(error))

    def _error_text(self, text: str) -> None:
        QMessageBox.warning(self.window, self.tr("Data protection"), text)

    def change_passphrase(self) -> None:
        """Open the passphrase dialog."""
        PassphraseDialog(self.window.database, self.window).exec()

    def show_identity(self) -> None:
        """Ask a code, then show that one young person's identity (audited)."""
        code, ok = QInputDialog.getText(self.window, self.tr("Identity"),
                                        self.tr("Code of the young person:"),
                                        QLineEdit.EchoMode.Normal, self._selected_code())
        if not ok or not code.strip():
            return
        try:
            person = rights.find(self.window.database, code)
        except SpsDeskError as error:
            self._error(error)
            return
        IdentityDialog(self.window.database, person, self.window).exec()

    def _selected_code(self) -> str:
        """The code of the young person selected on the page shown (« Jeunes »), to
        pre-fill the code asked; empty elsewhere."""
        page = self.window.stack.currentWidget()
        person = page.selected_young() if isinstance(page, YoungPeoplePage) else None
        return "" if person is None else person.code

    def erase_young(self) -> ErasureDialog | None:
        """Ask a code, then list what erasing that young person removes (chief; the
        erasure happens only once confirmed in the dialog)."""
        code, ok = QInputDialog.getText(self.window, self.tr("Erase a young person"),
                                        self.tr("Code of the young person:"),
                                        QLineEdit.EchoMode.Normal, self._selected_code())
        if not ok or not code.strip():
            return None
        try:
            dialog = ErasureDialog(self.window, rights.find(self.window.database, code))
        except SpsDeskError as error:
            self._error(error)
            return None
        dialog.open()
        return dialog

    def backup_dirs(self) -> list[Path]:
        """Every folder that may hold backups of this base: the automatic backups'
        folder, and « sauvegardes » beside the base (earlier versions wrote there)."""
        folders = [self.window.database.path.parent / "sauvegardes"]
        chosen = backup_folder(self.window.database)
        return folders if chosen is None else [chosen, *folders]

    def back_up(self) -> None:
        """Back up into the automatic backups' folder, else into a folder asked for."""
        folder = backup_folder(self.window.database)
        if folder is None:
            chosen = QFileDialog.getExistingDirectory(
                self.window, self.tr("Where to write the backup (a USB key, a network "
                                     "folder)"))
            if not chosen:
                return
            folder = Path(chosen)
        self.backups.start(folder, automatic=False)

    def automatic_backups(self) -> BackupsDialog:
        """Open the automatic backups' dialog."""
        dialog = BackupsDialog(self.backups, self.window)
        dialog.open()
        return dialog

    def restore(self) -> None:
        """Choose a backup folder, confirm, type the passphrase of that day, restore."""
        start = backup_folder(self.window.database) or self.window.database.path.parent
        chosen = QFileDialog.getExistingDirectory(
            self.window, self.tr("Folder of the backup to restore"), str(start))
        if not chosen:
            return
        try:
            found = check_backup(Path(chosen))
        except Exception as error:
            self._error_text(error_text(error, Path(chosen)))
            return
        when = found.created_at.astimezone().strftime("%d/%m/%Y %H:%M")
        answer = QMessageBox.question(self.window, self.tr("Restore"), self.tr(
            "Put back the backup of {0}? The current base is kept beside it under another "
            "name. What was typed here since the backup will no longer be in the base: the "
            "team's laptops will send their part again.").format(when))
        if answer != QMessageBox.StandardButton.Yes:
            return
        passphrase, ok = QInputDialog.getText(
            self.window, self.tr("Restore"),
            self.tr("Your passphrase as it was on {0}:").format(when),
            QLineEdit.EchoMode.Password)
        if ok and passphrase:
            self.restore_from(Path(chosen), passphrase)

    def restore_from(self, location: Path, passphrase: str) -> Restored | None:
        """Restore the backup at ``location`` over the window's base, then reopen it.

        The session is locked first (the window's connection closed: a restore must be
        alone on the base); after a failure the lock screen says why and the current
        base is unlocked as usual.
        """
        lock = self.window.session_lock
        path = self.window.database.path
        if not lock.lock():
            self._error_text(self.tr("Wait for the end of the report's generation."))
            return None
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            restored = restore_backup(location, path, passphrase=passphrase)
        except Exception as error:
            if lock.screen is not None:
                lock.screen.errors.show_lines([error_text(error, path)])
            return None
        finally:
            QApplication.restoreOverrideCursor()
        problem = lock.unlock(passphrase)
        if problem and lock.screen is not None:
            lock.screen.errors.show_lines([problem])
        self.backups.refresh_reminder()
        QMessageBox.information(self.window, self.tr("Restore"), "\n\n".join(restored.summary()))
        return restored

    def manage_users(self) -> None:
        """Open the users dialog (chief)."""
        try:
            UsersDialog(self.window.database, self.window).exec()
        except SpsDeskError as error:
            self._error(error)

    def purge(self) -> None:
        """Open the purge screen (chief)."""
        try:
            PurgeDialog(self.window.database, parent=self.window).exec()
        except SpsDeskError as error:
            self._error(error)

    def _save(self, title: str, name: str) -> Path | None:
        chosen, _ = QFileDialog.getSaveFileName(self.window, title, str(Path.home() / name),
                                                "PDF (*.pdf)")
        return Path(chosen) if chosen else None

    def register(self) -> None:
        """Write the register of processing (GDPR art. 30)."""
        path = self._save(self.tr("Register of processing"), "registre-traitements.pdf")
        if path is None:
            return
        try:
            write_register(path, service_facts(self.window.database))
            self.window.database.audit("register_printed")
        except (SpsDeskError, OSError) as error:
            self._error(error)

    def incident_sheet(self) -> None:
        """Write the incident sheet for the breach notices."""
        path = self._save(self.tr("Incident sheet"), "fiche-incident.pdf")
        if path is None:
            return
        try:
            write_incident_sheet(path, service_facts(self.window.database), datetime.now())
            self.window.database.audit("incident_sheet")
        except (SpsDeskError, OSError) as error:
            self._error(error)

    def end_of_service(self) -> None:
        """Open the end-of-service wizard; the window closes once everything is destroyed."""
        database = self.window.database
        try:
            settings = Path(user_settings().fileName())
            dialog = EndOfServiceDialog(database, self.backup_dirs(), [settings],
                                        self.window)
        except SpsDeskError as error:
            self._error(error)
            return
        if dialog.exec():
            self.window.close()
