"""Fichier › Service… (the service's settings) and the lock delay of Fichier ›
Préférences, in the real window offscreen. Names are synthetic."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QComboBox, QDialogButtonBox, QLabel, QSpinBox

from sps_desk.enums import ActivityCategory
from sps_desk.store import access, audit, retention
from sps_desk.store.database import Database
from sps_desk.ui import lock as lock_module
from sps_desk.ui.dialogs.service_settings import ServiceSettingsDialog
from sps_desk.ui.dialogs.settings import SettingsDialog
from sps_desk.ui.main_window import MainWindow
from sps_desk.ui.settings import LOCK_MINUTES_KEY, saved_lock_minutes, user_settings
from tests.gui_support import LEFT, C

pytestmark = pytest.mark.usefixtures("french")

EDUCATOR_PASSPHRASE = "Дмитрий boit du thé à l'Ørjanvík, 4 sucres ! (test)"


@pytest.fixture(autouse=True)
def default_lock_delay() -> Iterator[None]:
    """Every other test expects the default delay: forget the one chosen here."""
    yield
    settings = user_settings()
    settings.remove(LOCK_MINUTES_KEY)
    settings.sync()


@pytest.fixture
def window(qtbot, db: Database) -> MainWindow:
    main = MainWindow(db)
    qtbot.addWidget(main)
    main.show()
    return main


def _file_action(window: MainWindow, text: str) -> QAction:
    file_menu = window.menuBar().actions()[0].menu()
    return next(a for a in file_menu.actions() if a.text() == text)


def test_the_chief_edits_the_settings_from_the_file_menu(qtbot, window: MainWindow):
    db = window.database
    action = _file_action(window, "Service…")
    window.hub.set_busy(True)  # a report is being written from the same connection
    assert not action.isEnabled()
    window.hub.set_busy(False)
    action.trigger()
    dialog = window.findChild(ServiceSettingsDialog)
    assert dialog is not None and dialog.isVisible()
    assert dialog.note.isHidden()
    labels = [label.text() for label in dialog.findChildren(QLabel)]
    for label in (f"Structure gestionnaire{C}", f"MDS de rattachement{C}",
                  f"Secret statistique k{C}", f"Durée de conservation{C}"):
        assert label in labels
    assert ("les effectifs de 1 à k−1 (ici de 1 à 4) sont masqués dans le fichier envoyé au "
            "Département") in dialog.threshold_note.text()

    dialog.name_edit.setText("SPS Ğüzelyurt – Nord")
    dialog.managing_body_edit.setText("Association Zoé Lefèvre-Ñúñez")
    dialog.linked_mds_edit.setText("MDS Ayşe Çelik")
    dialog.threshold_spin.setValue(7)
    assert "(ici de 1 à 6)" in dialog.threshold_note.text()
    dialog.retention_spin.setValue(3)
    writing = dialog.counted_in_combos[ActivityCategory.WRITING]
    writing.setCurrentIndex(writing.findText("Comptée dans «\u00a0Accompagnements "
                                             "individuels\u00a0»"))
    # A category of the same column is not offered: it would change nothing.
    training = dialog.counted_in_combos[ActivityCategory.TRAINING]
    assert training.findText("Comptée dans «\u00a0Congés\u00a0»") == -1
    qtbot.mouseClick(dialog.save_button, LEFT)

    assert not dialog.isVisible()
    service = db.service()
    assert (service.name, service.managing_body, service.linked_mds) == (
        "SPS Ğüzelyurt – Nord", "Association Zoé Lefèvre-Ñúñez", "MDS Ayşe Çelik")
    assert service.disclosure_threshold == 7
    assert service.counted_in == {ActivityCategory.WRITING: ActivityCategory.INDIVIDUAL_SUPPORT}
    assert retention.retention_years(db) == 3
    assert window.windowTitle() == "sps_desk — SPS Ğüzelyurt – Nord"
    assert window.statusBar().currentMessage() == "Réglages du service enregistrés."
    assert [e.action for e in audit.entries(db.connection)][-1] == "service_settings"

    # Opened again, the dialog shows what was stored.
    again = ServiceSettingsDialog(db)
    qtbot.addWidget(again)
    assert again.threshold_spin.value() == 7 and again.retention_spin.value() == 3
    assert again.counted_in_combos[ActivityCategory.WRITING].currentData() == (
        "individual_support")


def test_a_refused_value_is_listed_and_nothing_is_stored(qtbot, db: Database):
    dialog = ServiceSettingsDialog(db)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.name_edit.setText("  ")
    dialog.managing_body_edit.setText("Association Дмитрий")
    assert not dialog.save()
    assert dialog.isVisible()
    assert dialog.errors.lines() == ["Le nom du service est obligatoire : écrivez-le."]
    assert dialog.managing_body_edit.text() == "Association Дмитрий"  # the input is kept
    assert db.service().managing_body == ""


def test_an_educator_reads_the_settings_without_changing_them(qtbot, db: Database):
    access.add_user(db, "Ayşe Çelik", "educator", EDUCATOR_PASSPHRASE)
    with Database.open(db.path, EDUCATOR_PASSPHRASE) as as_educator:
        dialog = ServiceSettingsDialog(as_educator)
        qtbot.addWidget(dialog)
        assert not dialog.editable and not dialog.note.isHidden()
        assert dialog.note.text() == ("Seul le chef de service modifie ces réglages\u00a0; "
                                      "vous pouvez les consulter ici.")
        assert all(edit.isReadOnly() for edit in (
            dialog.name_edit, dialog.managing_body_edit, dialog.linked_mds_edit))
        assert not any(w.isEnabled() for w in [*dialog.findChildren(QSpinBox),
                                                *dialog.findChildren(QComboBox)])
        buttons = dialog.findChild(QDialogButtonBox)
        assert buttons.button(QDialogButtonBox.StandardButton.Save) is None
        assert buttons.button(QDialogButtonBox.StandardButton.Close) is not None


def test_the_lock_uses_the_delay_chosen_in_the_preferences(qtbot, window: MainWindow,
                                                           monkeypatch):
    session = window.session_lock
    assert session.timeout_seconds == 5 * 60  # default
    dialog = SettingsDialog(window, session)
    qtbot.addWidget(dialog)
    assert (dialog.lock_spin.minimum(), dialog.lock_spin.maximum()) == (1, 30)
    dialog.lock_spin.setValue(12)
    dialog.accept()
    assert saved_lock_minutes() == 12
    start = time.time()
    monkeypatch.setattr(lock_module.time, "time", lambda: start + 11 * 60)
    session.last_input = start
    session.check_idle()
    assert not session.locked  # 5 minutes no longer lock
    monkeypatch.setattr(lock_module.time, "time", lambda: start + 12 * 60 + 1)
    session.check_idle()
    assert session.locked


def test_a_new_window_starts_with_the_saved_delay(qtbot, db: Database):
    settings = user_settings()
    settings.setValue(LOCK_MINUTES_KEY, 2)
    settings.sync()
    main = MainWindow(db)
    qtbot.addWidget(main)
    assert main.session_lock.timeout_seconds == 2 * 60
    # A hand-edited settings file outside the bounds falls back to the default.
    settings.setValue(LOCK_MINUTES_KEY, "999")
    settings.sync()
    assert saved_lock_minutes() == 5
