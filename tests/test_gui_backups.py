"""Backups in the real window (offscreen): the daily automatic backup with an injected
clock, the reminder, the closing backup, restore from the menu, a base replaced under
the window, and a busy base at unlock."""

from __future__ import annotations

import os
import shutil
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import sqlcipher3
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from sps_desk.records import YoungPerson
from sps_desk.store.backup import create_backup, list_backups
from sps_desk.store.backup_schedule import set_backup_folder
from sps_desk.store.database import Database
from sps_desk.ui.backups import BackupScheduler, ReminderBanner
from sps_desk.ui.dialogs.backups import BackupsDialog
from sps_desk.ui.main_window import PAGE_TYPES, MainWindow
from sps_desk.ui.pages.home import HomePage
from tests.backup_support import nicknames
from tests.conftest import PASSPHRASE
from tests.disk_support import other_disk  # noqa: F401 - a fixture


@pytest.fixture
def window(qtbot, db: Database, french) -> MainWindow:
    db.repos.young_people.save(YoungPerson(nickname="Zoé Ğüzel"))
    main = MainWindow(db)
    qtbot.addWidget(main)
    main.show()
    return main


class Clock:
    """An injected clock: the scheduler asks it the time."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


def test_the_daily_backup_lands_in_the_chosen_folder(qtbot, window,
                                                     other_disk: Path) -> None:  # noqa: F811
    clock = Clock(datetime(2026, 3, 2, 8, 0, tzinfo=UTC))
    scheduler = BackupScheduler(window, clock=clock, interval_ms=3_600_000)
    assert scheduler.reminder.isVisibleTo(window)
    assert scheduler.reminder.text().startswith("Aucune sauvegarde hors du disque de la base")
    scheduler.tick()
    assert scheduler.thread is None  # no folder chosen yet: nothing to do
    set_backup_folder(window.database, other_disk)
    with qtbot.waitSignal(scheduler.done, timeout=30_000) as first:
        scheduler.tick()
    backup = first.args[0]
    assert backup is not None and backup.automatic and backup.folder.parent == other_disk
    assert [b.folder for b in list_backups(other_disk)] == [backup.folder]
    assert not scheduler.reminder.isVisibleTo(window)
    assert window.statusBar().currentMessage().startswith("Sauvegarde écrite et vérifiée")
    clock.now += timedelta(hours=20)
    scheduler.tick()
    assert scheduler.thread is None  # done today already
    clock.now += timedelta(hours=5)
    with qtbot.waitSignal(scheduler.done, timeout=30_000) as second:
        scheduler.tick()
    assert second.args[0].created_at == clock.now
    assert len(list_backups(other_disk)) == 2
    clock.now += timedelta(days=8)
    set_backup_folder(window.database, None)  # automatic backups stopped
    assert not scheduler.reminder.isVisibleTo(window)
    scheduler.tick()  # the window stays open: the reminder comes due on its own
    assert scheduler.thread is None
    assert scheduler.reminder.isVisibleTo(window)
    assert scheduler.reminder.text().startswith(
        "Dernière sauvegarde hors du disque de la base il y a 8 jours")


def test_the_home_page_shows_the_reminder_and_backs_up_from_it(qtbot, window,
                                                               other_disk: Path) -> None:  # noqa: F811
    scheduler = window.privacy_menu.backups
    home = window.page(HomePage)  # « Accueil », the first page, built with the window
    assert window.stack.currentWidget() is home
    [banner] = home.findChildren(ReminderBanner)
    assert banner.isVisibleTo(window)
    assert banner.text.text() == (
        "Aucune sauvegarde hors du disque de la base : Protection des données › Sauvegardes "
        "automatiques… pour choisir une clé USB ou un dossier réseau.")
    assert banner.button.text() == "Sauvegarder maintenant"
    set_backup_folder(window.database, other_disk)
    with qtbot.waitSignal(scheduler.done, timeout=30_000) as made:
        qtbot.mouseClick(banner.button, Qt.MouseButton.LeftButton)
    assert made.args[0] is not None and made.args[0].folder.parent == other_disk
    assert not banner.isVisibleTo(window) and not scheduler.reminder.isVisibleTo(window)
    # The home page built again after a lock and an unlock starts with the current state.
    lock = window.session_lock
    assert lock.lock() and lock.unlock(PASSPHRASE) is None
    again = window.page(HomePage)
    assert again is not home
    [banner] = again.findChildren(ReminderBanner)
    assert not banner.isVisibleTo(window)


def test_closing_the_window_backs_up_what_was_typed(qtbot, window,
                                                    other_disk: Path) -> None:  # noqa: F811
    scheduler = window.privacy_menu.backups
    set_backup_folder(window.database, other_disk)
    create_backup(window.database, other_disk, automatic=True)
    scheduler._mark_backed_up()
    assert scheduler.at_close() is None  # nothing new since the last backup
    window.database.repos.young_people.save(YoungPerson(nickname="Дмитрий"))
    made = scheduler.at_close()
    assert made is not None and made.automatic
    copy = other_disk.parent / f"{other_disk.name}-copie"
    shutil.copytree(made.folder, copy)
    try:
        with Database.open(copy / window.database.path.name, PASSPHRASE) as opened:
            assert nicknames(opened) == ["Zoé Ğüzel", "Дмитрий"]
    finally:
        shutil.rmtree(copy, ignore_errors=True)


def test_restore_from_the_menu_reopens_the_restored_base(qtbot, window, tmp_path: Path,
                                                         monkeypatch) -> None:
    backup = create_backup(window.database, tmp_path / "sauvegardes")
    window.database.repos.young_people.save(YoungPerson(nickname="أمينة"))
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "information",
                        lambda _parent, _title, text: shown.append(text))
    restored = window.privacy_menu.restore_from(backup.folder, PASSPHRASE)
    assert restored is not None
    assert not window.session_lock.locked
    assert window.navigation.count() == len(PAGE_TYPES) and window.pages
    assert nicknames(window.database) == ["Zoé Ğüzel"]
    assert shown[0].startswith("Sauvegarde du ")
    assert restored.aside is not None and restored.aside.exists()


def test_a_wrong_passphrase_at_restore_keeps_the_base_and_says_why(qtbot, window,
                                                                    tmp_path: Path) -> None:
    backup = create_backup(window.database, tmp_path / "sauvegardes")
    assert window.privacy_menu.restore_from(backup.folder, "Ğ pas la bonne 2025 phrase !") is None
    lock = window.session_lock
    assert lock.locked and lock.screen is not None
    assert lock.screen.errors.lines()[0].startswith("Cette phrase de passe n'ouvre pas la "
                                                    "sauvegarde")
    assert lock.unlock(PASSPHRASE) is None
    assert nicknames(window.database) == ["Zoé Ğüzel"]


def test_a_base_replaced_under_the_window_locks_it_with_the_reason(qtbot, window,
                                                                   tmp_path: Path) -> None:
    path = window.database.path
    copy = tmp_path / "copie.sps"
    shutil.copyfile(path, copy)
    os.replace(copy, path)  # a key changed or a backup restored by another program
    window.privacy_menu.backups.tick()
    lock = window.session_lock
    assert lock.locked and lock.screen is not None
    assert lock.screen.errors.lines()[0].startswith(
        "La base service.sps a été remplacée sur le disque")


def test_the_dialog_chooses_the_folder_and_backs_up_at_once(qtbot, window,
                                                            other_disk: Path) -> None:  # noqa: F811
    dialog = BackupsDialog(window.privacy_menu.backups, window)
    qtbot.addWidget(dialog)
    assert dialog.folder_label.text() == "aucun"
    # Not « go to Protection des données › Sauvegardes automatiques… »: this is it.
    assert dialog.reminder_label.text().startswith(
        "Aucune sauvegarde hors du disque de la base pour l'instant : « Choisir le dossier… »")
    with qtbot.waitSignal(window.privacy_menu.backups.done, timeout=30_000):
        assert dialog.use_folder(other_disk)
    assert dialog.folder_label.text() == str(other_disk)
    assert dialog.backups_list.count() == 1 and "automatique" in dialog.backups_list.item(0).text()


def test_a_busy_base_at_unlock_is_said_in_french_and_can_be_retried(qtbot, db_path: Path,
                                                                    french, monkeypatch) -> None:
    from sps_desk.ui.dialogs.unlock import UnlockDialog

    Database.create(db_path, PASSPHRASE, "SPS").close()

    def busy(*_args: object, **_kwargs: object) -> Database:
        error = sqlcipher3.OperationalError("database is locked")
        error.sqlite_errorname = "SQLITE_BUSY"
        raise error

    monkeypatch.setattr(Database, "open", busy)
    dialog = UnlockDialog(db_path)
    qtbot.addWidget(dialog)
    dialog.passphrase_edit.setText(PASSPHRASE)
    dialog._open()
    assert dialog.errors.lines() == [
        "La base est utilisée par une autre application (écriture en cours) : réessayez "
        "dans un instant. Rien n'a été modifié."]
    assert not dialog.failed and dialog.open_button.isEnabled()
