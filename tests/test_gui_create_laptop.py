"""The creation dialog chosen for an educator's laptop (trial 7, section 4): its title and
intro follow the choice, the two lines to read and copy are never cut, and the
suggested words suit a youth-prevention service."""

from __future__ import annotations

import math
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from sps_desk.passphrases import DENIED_WORDS, REQUIRED_BITS, _french_words
from sps_desk.store.database import Database
from sps_desk.store.sync.identity import key_file_text, own_keys
from sps_desk.ui.dialogs.create_base import CreateBaseDialog
from tests.conftest import PASSPHRASE


def _fully_shown(label: QLabel) -> bool:
    return label.height() >= label.heightForWidth(label.width())


def test_a_laptop_dialog_says_this_computer_and_shows_every_line(qtbot, tmp_path: Path,
                                                                 french):
    with Database.create(tmp_path / "chef.sps", PASSPHRASE, "SPS Ğüzelyurt – Équipe") as chief:
        key = tmp_path / "clé du service.spskey"
        key.write_text(key_file_text(chief), encoding="utf-8")
        fingerprint = own_keys(chief).fingerprint
    dialog = CreateBaseDialog(tmp_path / "portable.sps")
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.windowTitle() == "Créer la base du service"
    assert "Créez la base de votre service" in dialog.intro.text()

    qtbot.mouseClick(dialog.member_radio, Qt.MouseButton.LeftButton)
    assert dialog.windowTitle() == "Créer la base de cet ordinateur"
    assert dialog.intro.text().startswith(
        "Aucune base n'a été trouvée sur cet ordinateur. Créez la base de cet ordinateur, "
        "rattachée à votre service")
    dialog.load_key(key)
    qtbot.mouseClick(dialog.suggest_button, Qt.MouseButton.LeftButton)
    qtbot.wait(10)
    assert fingerprint in dialog.key_label.text()
    for label in (dialog.intro, dialog.key_label, dialog.suggestion_label,
                  dialog.strength_label):
        assert _fully_shown(label), label.text()
    # Nothing overlaps: the fingerprint ends above the service's name, the suggestion
    # above the warning; and the whole dialog fits a 1366×768 screen.
    assert dialog.key_label.geometry().bottom() < dialog.name_edit.geometry().top()
    assert dialog.suggestion_label.geometry().bottom() < dialog.acknowledge_box.geometry().top()
    assert dialog.width() <= 1366 and dialog.height() <= 700

    dialog.service_radio.click()  # its short text leaves the centre outside the click area
    assert dialog.windowTitle() == "Créer la base du service"


def test_suggested_words_leave_out_the_deny_list_and_keep_80_bits():
    vocabulary = _french_words()
    assert "drogue" in DENIED_WORDS
    assert not DENIED_WORDS & set(vocabulary)
    assert len(vocabulary) == 7776 - len(DENIED_WORDS) == 7705
    assert 7 * math.log2(len(vocabulary)) >= REQUIRED_BITS + 10  # ≈ 90.4 bits
