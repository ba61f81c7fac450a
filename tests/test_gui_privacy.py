"""Data-protection dialogs in the real window (offscreen): passphrase, users, purge,
end of service, and the menu's chief-only actions."""

from __future__ import annotations

import hashlib
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMainWindow

from sps_desk.records import Identity, IndividualSupport, YoungPerson
from sps_desk.store import access, backup, slots
from sps_desk.store.database import Database
from sps_desk.store.errors import WrongPassphrase
from sps_desk.store.users import ChiefOnly
from sps_desk.ui.dialogs.end_of_service import EndOfServiceDialog
from sps_desk.ui.dialogs.passphrase import PassphraseDialog
from sps_desk.ui.dialogs.purge import PurgeDialog
from sps_desk.ui.dialogs.users import UsersDialog
from sps_desk.ui.privacy_menu import PrivacyMenu
from tests.conftest import PASSPHRASE

NEW = "Ørjan aime le thé vert à 7 h, Œnone préfère le café !"


def test_passphrase_dialog_changes_the_slot_only(qtbot, db: Database, french):
    dialog = PassphraseDialog(db)
    qtbot.addWidget(dialog)
    told: list[str] = []
    dialog.notify = told.append  # what it protects, said once the change is made
    db.connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    before = hashlib.sha256(db.path.read_bytes()).hexdigest()
    dialog.current_edit.setText(PASSPHRASE)
    dialog.new_edit.setText("Motdepasse123!")
    dialog.confirm_edit.setText("Motdepasse123!")
    dialog.submit()
    assert "trop faible" in dialog.errors.lines()[0] and not dialog.changed
    assert dialog.current_edit.text() == dialog.new_edit.text() == ""
    dialog.suggest()
    phrase = dialog.new_edit.text()
    assert "Suffisante" in dialog.strength_label.text()
    dialog.current_edit.setText(PASSPHRASE)
    dialog.submit()
    assert dialog.changed
    assert "service.sps.keys" in told[0] and "ancienne copie" in told[0]
    assert hashlib.sha256(db.path.read_bytes()).hexdigest() == before
    with pytest.raises(WrongPassphrase):
        Database.open(db.path, PASSPHRASE)
    Database.open(db.path, phrase).close()


def test_users_dialog_adds_and_removes_an_educator(qtbot, db: Database, french):
    dialog = UsersDialog(db)
    qtbot.addWidget(dialog)
    assert dialog.list.count() == 1
    dialog.name_edit.setText("Łucja K.")
    dialog.passphrase_edit.setText(NEW)
    dialog.add()
    assert dialog.list.count() == 2 and dialog.passphrase_edit.text() == ""
    assert any("Łucja K. — Éducateur" in dialog.list.item(i).text()
               for i in range(dialog.list.count()))
    with Database.open(db.path, NEW) as educator:
        assert not educator.is_chief
        holder = QMainWindow()
        holder.database = educator  # what PrivacyMenu reads from the main window
        qtbot.addWidget(holder)
        menu = PrivacyMenu(holder)
        menu._update()
        # erase, restore, users, purge, end of service
        assert len(menu.chief_actions) == 5
        assert not any(a.isEnabled() for a in menu.chief_actions)
        with pytest.raises(ChiefOnly):
            UsersDialog(educator)
    row = next(i for i in range(dialog.list.count()) if "Łucja" in dialog.list.item(i).text())
    dialog.list.setCurrentRow(row)
    dialog.ask_passphrase = lambda _question: NEW  # not the chief's: nothing happens
    dialog.remove()
    assert dialog.list.count() == 2 and "pas votre phrase de passe" in dialog.errors.lines()[0]
    dialog.ask_passphrase = lambda _question: PASSPHRASE
    dialog.remove()
    assert dialog.list.count() == 1
    # Without a window to close the base, the rotation is left due, and said so.
    assert "sps-desk rekey" in dialog.errors.lines()[0]
    assert dialog.rotation_label.isVisibleTo(dialog)
    with pytest.raises(WrongPassphrase):
        Database.open(db.path, NEW)


def test_purge_screen_lists_due_and_writes_the_certificate(qtbot, tmp_path, french):
    database = Database.create(tmp_path / "p.sps", PASSPHRASE, "SPS Ğ")
    for number, end in enumerate((date(2023, 3, 1), date(2023, 9, 30), date(2024, 8, 1))):
        young = database.repos.young_people.save(YoungPerson(code=f"Ğ-{number}"))
        database.repos.identities.save(Identity(young_person_id=young.id, last_name="Łucja"))
        database.repos.supports.save(IndividualSupport(
            young_person_id=young.id, start_date=date(2022, 5, 1), origin="peers",
            end_date=end, end_reason="goal_reached"))
    still = database.repos.young_people.save(YoungPerson(code="Ğ-open"))
    database.repos.supports.save(IndividualSupport(
        young_person_id=still.id, start_date=date(2022, 5, 1), origin="peers"))
    dialog = PurgeDialog(database, today=date(2026, 6, 1))
    qtbot.addWidget(dialog)
    due = dialog.list.count()
    assert due == 2 and dialog.purge_button.isEnabled()  # 2024 is too recent, one is open
    assert f"{due} jeune(s) à anonymiser." in dialog.count_label.text()
    assert dialog.purge(tmp_path)
    assert dialog.list.count() == 0 and not dialog.purge_button.isEnabled()
    text = subprocess.run(["pdftotext", "-layout", str(dialog.certificate), "-"],
                          capture_output=True, text=True, check=True).stdout
    assert "jeunes anonymisés" in text and str(due) in text
    database.close()


def test_end_of_service_destroys_everything_and_certifies(qtbot, tmp_path, french):
    folder = tmp_path / "données"
    database = Database.create(folder / "s.sps", PASSPHRASE, "SPS Ørjan")
    backup.create_backup(database, folder / "sauvegardes")
    settings = tmp_path / "réglages.ini"
    settings.write_text("[ui]\nlast_page=1\n", encoding="utf-8")
    certificates = tmp_path / "certificats"
    certificates.mkdir()
    dialog = EndOfServiceDialog(database, [folder / "sauvegardes"], [settings])
    qtbot.addWidget(dialog)
    dialog.name_edit.setText("SPS autre")
    dialog.folder_edit.setText(str(certificates))
    assert not dialog.destroy_all()
    assert (folder / "s.sps").exists()
    dialog.name_edit.setText("SPS Ørjan")
    dialog.confirm_box.setChecked(True)
    assert dialog.destroy_all()
    left = [p for p in folder.rglob("*") if p.is_file()]
    assert left == [] and not settings.exists()
    text = subprocess.run(["pdftotext", "-layout", str(dialog.certificate), "-"],
                          capture_output=True, text=True, check=True).stdout
    assert "fin de service" in text and "s.sps.keys" in text and "réglages.ini" in text


def test_a_copy_of_a_backup_opens_with_the_same_passphrase(tmp_path: Path):
    database = Database.create(tmp_path / "b.sps", PASSPHRASE, "SPS")
    target = backup.create_backup(database, tmp_path / "sauvegardes").database_path
    database.close()
    restored = tmp_path / "restaurée.sps"
    shutil.copy(target, restored)
    shutil.copy(slots.header_path(target), slots.header_path(restored))
    with Database.open(restored, PASSPHRASE) as opened:
        assert opened.service().name == "SPS"
    access.change_passphrase(restored, PASSPHRASE, NEW)
    Database.open(tmp_path / "b.sps", PASSPHRASE).close()  # the original is untouched


def test_a_forgotten_passphrase_is_replaced_from_the_unlock_dialog(qtbot, tmp_path, french):
    from sps_desk.ui.dialogs.recover import RecoverDialog
    from sps_desk.ui.dialogs.unlock import UnlockDialog

    path = tmp_path / "oubli.sps"
    with Database.create(path, PASSPHRASE, "SPS Ğ") as database:
        recovery = database.recovery_key
    unlock = UnlockDialog(path)
    qtbot.addWidget(unlock)
    assert unlock.forgotten_button.text() == "Phrase de passe oubliée…"
    dialog = RecoverDialog(path, unlock)
    qtbot.addWidget(dialog)
    dialog.key_edit.setText("AAAA-" * 12 + "AAAA")
    dialog.new_edit.setText(NEW)
    dialog.confirm_edit.setText(NEW)
    dialog.submit()
    assert "Clé de secours" in dialog.errors.lines()[0] and not dialog.recovered
    assert dialog.key_edit.text() == dialog.new_edit.text() == ""
    dialog.key_edit.setText(recovery.lower())
    dialog.new_edit.setText(NEW)
    dialog.confirm_edit.setText(NEW)
    dialog.submit()
    assert dialog.recovered
    with Database.open(path, NEW) as reopened:
        assert reopened.is_chief
