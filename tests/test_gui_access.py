"""First run (creation dialog), unlocking, and ``run()`` end to end, offscreen."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale, Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QLabel

from sps_desk.store.database import Database
from sps_desk.store.errors import WrongPassphrase
from sps_desk.ui import app as ui_app
from sps_desk.ui.dialogs.create_base import CreateBaseDialog
from sps_desk.ui.dialogs.unlock import UnlockDialog
from sps_desk.ui.main_window import MainWindow
from tests.conftest import PASSPHRASE

NEW_PASSPHRASE = "linge candidat raya donation trembler bauxite ganglion"
NBSP_COLON = "\u00a0:"


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_first_run_creates_the_base_in_the_data_dir(qtbot, tmp_path, monkeypatch, french):
    data_dir = tmp_path / "données sps"
    monkeypatch.setenv("SPS_DESK_DATA_DIR", str(data_dir))
    path = ui_app.database_path()
    assert path == data_dir / "sps_desk.sps"

    dialog = ui_app.access_dialog(path)
    qtbot.addWidget(dialog)
    assert isinstance(dialog, CreateBaseDialog)
    assert dialog.windowTitle() == "Créer la base du service"
    assert dialog.passphrase_edit.echoMode() == dialog.passphrase_edit.EchoMode.Password
    dialog.show()

    # Nothing typed: every problem is listed, in French.
    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    assert dialog.errors.lines() == [
        "Saisissez le nom du service.",
        f"Saisissez une phrase de passe{NBSP_COLON} elle ne peut pas être vide.",
        "Cochez la case pour confirmer que vous avez noté la phrase de passe.",
    ]

    qtbot.keyClicks(dialog.name_edit, "SPS Test Nord")
    qtbot.keyClicks(dialog.passphrase_edit, NEW_PASSPHRASE)
    qtbot.keyClicks(dialog.confirm_edit, NEW_PASSPHRASE + "!")
    qtbot.mouseClick(dialog.acknowledge_box, Qt.MouseButton.LeftButton)
    assert dialog.acknowledge_box.isChecked()
    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    assert dialog.errors.lines() == [
        f"Les deux phrases de passe sont différentes{NBSP_COLON} saisissez deux fois la "
        "même phrase de passe."
    ]
    assert dialog.confirm_edit.text() == ""
    assert not path.exists()

    qtbot.keyClicks(dialog.confirm_edit, NEW_PASSPHRASE)
    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.passphrase_edit.text() == dialog.confirm_edit.text() == ""
    assert dialog.database is not None
    dialog.database.close()

    assert path.exists()
    assert isinstance(ui_app.access_dialog(path), UnlockDialog)
    with Database.open(path, NEW_PASSPHRASE) as database:
        assert database.service().name == "SPS Test Nord"


def test_the_warning_announces_the_recovery_key(qtbot, tmp_path, french):
    dialog = CreateBaseDialog(tmp_path / "x.sps")
    qtbot.addWidget(dialog)
    texts = [label.text() for label in dialog.findChildren(QLabel)]
    assert any("clé de secours sera affichée une seule fois" in text for text in texts)
    assert any("personne ne peut plus lire" in text for text in texts)


def test_a_wrong_passphrase_is_refused_without_touching_the_file(qtbot, tmp_path, french):
    path = tmp_path / "sps_desk.sps"
    Database.create(path, PASSPHRASE, "SPS Ğüzelyurt").close()
    before = _digest(path)
    files_before = sorted(p.name for p in tmp_path.iterdir())

    dialog = UnlockDialog(path)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.passphrase_edit.echoMode() == dialog.passphrase_edit.EchoMode.Password
    qtbot.keyClicks(dialog.passphrase_edit, "mauvaise phrase")
    qtbot.mouseClick(dialog.open_button, Qt.MouseButton.LeftButton)

    assert dialog.errors.lines() == [str(WrongPassphrase())]
    assert dialog.errors.lines()[0].startswith("Phrase de passe incorrecte")
    assert dialog.isVisible() and dialog.database is None and not dialog.failed
    assert dialog.passphrase_edit.text() == "" and dialog.open_button.isEnabled()
    assert _digest(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == files_before

    dialog.passphrase_edit.setText(PASSPHRASE)
    qtbot.mouseClick(dialog.open_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.database is not None
    try:
        assert dialog.database.service().name == "SPS Ğüzelyurt"
    finally:
        dialog.database.close()


def test_a_file_that_is_not_a_base_can_only_be_quit(qtbot, tmp_path, french):
    path = tmp_path / "sps_desk.sps"
    path.write_text("ceci n'est pas une base\n" * 50, encoding="utf-8")
    dialog = UnlockDialog(path)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.passphrase_edit, "peu importe")
    qtbot.mouseClick(dialog.open_button, Qt.MouseButton.LeftButton)
    assert dialog.failed and dialog.database is None
    assert "n'est pas une base sps_desk" in dialog.errors.lines()[0]
    assert not dialog.open_button.isEnabled()
    qtbot.mouseClick(dialog.quit_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Rejected


@pytest.mark.parametrize(
    ("language", "dialog_title", "pages"),
    [
        (
            None,
            "Ouvrir la base du service",
            ["Accueil", "Terrain", "Jeunes", "Accompagnements", "Actions collectives", "Temps",
             "Rapport"],
        ),
        (
            "en",
            "Open the service's database",
            ["Home", "Field work", "Young people", "Supports", "Collective actions", "Time",
             "Report"],
        ),
    ],
)
def test_run_unlocks_the_base_and_shows_the_window(
    qtbot, tmp_path, monkeypatch, language, dialog_title, pages
):
    monkeypatch.setenv("SPS_DESK_DATA_DIR", str(tmp_path))
    if language is None:
        monkeypatch.delenv("SPS_DESK_LANG", raising=False)
    else:
        monkeypatch.setenv("SPS_DESK_LANG", language)
    Database.create(tmp_path / "sps_desk.sps", PASSPHRASE, "SPS Run").close()
    seen: dict[str, object] = {}

    def drive() -> None:
        widget = QApplication.activeModalWidget()
        if isinstance(widget, UnlockDialog):
            seen["dialog title"] = widget.windowTitle()
            widget.passphrase_edit.setText(PASSPHRASE)
            widget.open_button.click()
        windows = [
            w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()
        ]
        if windows:
            window = windows[0]
            seen["title"] = window.windowTitle()
            seen["pages"] = [
                window.navigation.item(i).text() for i in range(window.navigation.count())
            ]
            window.close()
            return
        QTimer.singleShot(20, drive)

    QTimer.singleShot(0, drive)
    locale = QLocale()
    try:
        assert ui_app.run(["sps-desk"]) == 0
    finally:
        QLocale.setDefault(locale)
    assert seen["dialog title"] == dialog_title
    assert seen["title"] == "sps_desk — SPS Run"
    assert seen["pages"] == pages


def test_run_ends_with_1_when_the_base_cannot_be_opened(qtbot, tmp_path, monkeypatch):
    monkeypatch.setenv("SPS_DESK_DATA_DIR", str(tmp_path))
    (tmp_path / "sps_desk.sps").write_bytes(b"SQLite format 3\x00" + bytes(4080))
    seen: list[str] = []

    def drive() -> None:
        widget = QApplication.activeModalWidget()
        if not isinstance(widget, UnlockDialog):
            QTimer.singleShot(20, drive)
            return
        widget.passphrase_edit.setText("peu importe")
        widget.open_button.click()
        seen.extend(widget.errors.lines())
        widget.quit_button.click()

    QTimer.singleShot(0, drive)
    locale = QLocale()
    try:
        assert ui_app.run(["sps-desk"]) == 1
    finally:
        QLocale.setDefault(locale)
    assert len(seen) == 1 and "non chiffrée" in seen[0]


def test_an_educator_creates_a_laptop_base_with_a_photo_of_the_chiefs_qr_code(
        qtbot, tmp_path, monkeypatch, french):
    from PySide6.QtWidgets import QFileDialog

    from sps_desk.qr import qr_png
    from sps_desk.store.sync.identity import chief_keys, key_file_text, own_keys

    with Database.create(tmp_path / "chef.sps", PASSPHRASE, "SPS Ğüzelyurt") as chief:
        photo = tmp_path / "photo du QR.png"
        photo.write_bytes(qr_png(key_file_text(chief)))
        fingerprint = own_keys(chief).fingerprint
        service_id = chief.service().id
    dialog = CreateBaseDialog(tmp_path / "portable.sps")
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.key_button.isEnabled()
    qtbot.mouseClick(dialog.member_radio, Qt.MouseButton.LeftButton)
    assert dialog.key_button.isEnabled() and dialog.user_edit.text() == ""
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        staticmethod(lambda *args, **kwargs: (str(photo), "")))
    qtbot.mouseClick(dialog.key_button, Qt.MouseButton.LeftButton)
    assert dialog.name_edit.text() == "SPS Ğüzelyurt" and dialog.name_edit.isReadOnly()
    assert fingerprint in dialog.key_label.text()

    qtbot.keyClicks(dialog.passphrase_edit, NEW_PASSPHRASE)
    qtbot.keyClicks(dialog.confirm_edit, NEW_PASSPHRASE)
    dialog.acknowledge_box.setChecked(True)
    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    assert dialog.errors.lines() == [
        f"Saisissez votre nom{NBSP_COLON} il apparaît dans le journal d'audit et pour le "
        "chef de service."]
    dialog.user_edit.setText("Inès Moreau-Ñúñez")
    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    database = dialog.database
    assert database is not None
    try:
        assert database.service().id == service_id
        assert chief_keys(database).fingerprint == fingerprint
        assert database.current_user.display_name == "Inès Moreau-Ñúñez"
    finally:
        database.close()


def test_a_picture_without_qr_code_is_refused_in_french(qtbot, tmp_path, french):
    picture = tmp_path / "vacances.png"
    from PIL import Image

    Image.new("RGB", (64, 64), "white").save(picture)
    dialog = CreateBaseDialog(tmp_path / "portable.sps")
    qtbot.addWidget(dialog)
    dialog.member_radio.setChecked(True)
    dialog.load_key(picture)
    assert dialog.errors.lines()[0].startswith("Aucun QR code lisible dans vacances.png")
    assert dialog.name_edit.text() == ""
