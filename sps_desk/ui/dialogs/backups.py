"""Data protection › Automatic backups…: the second location, the state of the backups,
and the backups found there."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from sps_desk.inputs import size_text
from sps_desk.store.backup import list_backups
from sps_desk.store.backup_schedule import backup_status, set_backup_folder
from sps_desk.ui.backups import error_text
from sps_desk.ui.tones import Tone, apply_tone
from sps_desk.ui.widgets.forms import ErrorBox, add_row, new_form

if TYPE_CHECKING:
    from sps_desk.ui.backups import BackupScheduler


def same_disk(folder: Path, database_path: Path) -> bool:
    """Whether ``folder`` is on the disk of the base (a backup there dies with it)."""
    try:
        return os.stat(folder).st_dev == os.stat(database_path).st_dev
    except OSError:
        return False


class BackupsDialog(QDialog):
    """Shows where automatic backups go and how recent they are; the chief chooses the
    folder (a USB key or a network folder) or stops them; anyone can back up now."""

    def __init__(self, scheduler: BackupScheduler, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.scheduler = scheduler
        self.setWindowTitle(self.tr("Automatic backups"))
        self.setMinimumWidth(560)
        intro = QLabel(self.tr(
            "The base is backed up when the window closes and once a day while it is "
            "open, into a folder on another disk: a USB key or a network folder. The last "
            "7 daily, 4 weekly and 12 monthly backups are kept."))
        intro.setWordWrap(True)
        self.folder_label = QLabel()
        self.folder_label.setWordWrap(True)
        self.last_label = QLabel()
        self.reminder_label = QLabel()
        self.reminder_label.setWordWrap(True)
        apply_tone(self.reminder_label, Tone.WARNING)
        form = new_form()
        add_row(form, self.tr("Folder:"), self.folder_label)
        add_row(form, self.tr("Last backup off this disk:"), self.last_label)
        form.addRow(self.reminder_label)
        self.backups_list = QListWidget()
        self.choose_button = QPushButton(self.tr("Choose the folder…"))
        self.stop_button = QPushButton(self.tr("Stop automatic backups"))
        self.now_button = QPushButton(self.tr("Back up now"))
        chief = scheduler.database.is_chief
        self.choose_button.setEnabled(chief)
        self.stop_button.setEnabled(chief)
        self.choose_button.clicked.connect(self.choose)
        self.stop_button.clicked.connect(self.stop)
        self.now_button.clicked.connect(self.back_up_now)
        row = QHBoxLayout()
        for button in (self.choose_button, self.stop_button, self.now_button):
            row.addWidget(button)
        self.errors = ErrorBox()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addLayout(row)
        layout.addWidget(QLabel(self.tr("Backups of this base in the folder:")))
        layout.addWidget(self.backups_list)
        layout.addWidget(self.errors)
        layout.addWidget(buttons)
        scheduler.done.connect(self._backed_up)
        self.refresh()

    def refresh(self) -> None:
        """Show the current state and the backups of the chosen folder."""
        database = self.scheduler.database
        status = backup_status(database, now=self.scheduler.clock())
        if status.folder is not None:
            self.folder_label.setText(str(status.folder))
        elif status.chosen_elsewhere:
            self.folder_label.setText(self.tr(
                "chosen on another computer: choose it again on this one"))
        else:
            self.folder_label.setText(self.tr("none"))
        last = status.last_off_disk
        self.last_label.setText(self.tr("never") if last is None
                                else last.astimezone().strftime("%d/%m/%Y %H:%M"))
        if status.overdue and status.folder is None:
            # The store's reminder points to this very dialog: say what to do here.
            self.reminder_label.setText(self.tr(
                "No backup outside the base's disk yet: « Choose the folder… » on a USB "
                "key or a network folder."))
        else:
            self.reminder_label.setText(status.reminder or "")
        self.stop_button.setEnabled(database.is_chief and status.folder is not None)
        self.backups_list.clear()
        if status.folder is not None:
            for backup in reversed(list_backups(status.folder, str(database.device_id))):
                kind = self.tr("automatic") if backup.automatic else self.tr("asked for")
                self.backups_list.addItem(
                    f"{backup.created_at.astimezone():%d/%m/%Y %H:%M} — {kind} — "
                    f"{size_text(backup.bytes)} — {backup.folder.name}")
        self.scheduler.refresh_reminder()

    def choose(self) -> None:
        """Ask for the folder (chief), then back up there at once."""
        chosen = QFileDialog.getExistingDirectory(self, self.tr("Folder of the backups"))
        if chosen:
            self.use_folder(Path(chosen))

    def use_folder(self, folder: Path) -> bool:
        """Make ``folder`` the automatic backups' folder and start a first backup there."""
        database = self.scheduler.database
        try:
            set_backup_folder(database, folder)
        except Exception as error:
            self.errors.show_lines([error_text(error, folder)])
            return False
        lines = []
        if same_disk(folder, database.path):
            lines.append(self.tr(
                "This folder is on the same disk as the base: if the disk fails, the "
                "backups are lost with it. Prefer a USB key or a network folder."))
        self.errors.show_lines(lines) if lines else self.errors.clear_lines()
        self.scheduler.start(folder, automatic=True)
        self.refresh()
        return True

    def stop(self) -> None:
        """Stop the automatic backups (chief); the backups already made stay."""
        try:
            set_backup_folder(self.scheduler.database, None)
        except Exception as error:
            self.errors.show_lines([error_text(error)])
            return
        self.refresh()

    def back_up_now(self) -> None:
        """Back up into the chosen folder now (or ask for a folder when none is)."""
        status = backup_status(self.scheduler.database)
        if status.folder is not None:
            self.scheduler.start(status.folder, automatic=False)
            return
        chosen = QFileDialog.getExistingDirectory(self, self.tr("Where to write the backup"))
        if chosen:
            self.scheduler.start(Path(chosen), automatic=False)

    def _backed_up(self, _backup: object) -> None:
        self.refresh()
