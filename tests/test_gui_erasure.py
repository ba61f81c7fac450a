"""The window's side of issue 14: a free text naming a young person is refused unless the
user confirms it names nobody, « Effacer un jeune » lists what it removes first, the purge
lists the redactions, « Ordinateurs » revokes a laptop, a new laptop's fingerprint must
be confirmed before merging."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, time
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QInputDialog, QMessageBox, QPushButton

from sps_desk.enums import Role
from sps_desk.records import FieldSession, Identity, StaffMember, YoungPerson
from sps_desk.store.database import Database
from sps_desk.store.drafts import Drafts
from sps_desk.store.sync.identity import join, key_file_text, own_keys
from sps_desk.store.sync.transfer import make_bundle
from sps_desk.ui.dialogs.devices import DevicesDialog
from sps_desk.ui.dialogs.erasure import ErasureDialog
from sps_desk.ui.dialogs.merge import MergeDialog
from sps_desk.ui.dialogs.purge import PurgeDialog
from sps_desk.ui.main_window import PAGE_TYPES, MainWindow
from sps_desk.ui.pages.collective import CollectiveActionsPage
from sps_desk.ui.pages.field import FieldPage
from sps_desk.ui.pages.young_people import YoungPeoplePage
from tests.conftest import PASSPHRASE
from tests.gui_support import C
from tests.sync_support import Team, make_team

pytestmark = pytest.mark.usefixtures("french")


def _answer_next_box(qtbot, button_text: str, seen: list[str]) -> None:
    """When the next modal message box opens, note its text and click ``button_text``."""
    def click() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, click)
            return
        seen.append(box.text())
        buttons = {b.text(): b for b in box.findChildren(QPushButton)}
        seen.append(" | ".join(buttons))
        if button_text in buttons:
            buttons[button_text].click()
        else:
            box.reject()  # the assertions on ``seen`` then say what was shown
    QTimer.singleShot(0, click)


@pytest.fixture
def zoe(db: Database) -> tuple[YoungPerson, StaffMember]:
    staff = db.repos.staff.save(StaffMember(display_name="Éloïse T.", role=Role.SOCIAL_WORKER,
                                            fte=1.0))
    person = db.repos.young_people.save(YoungPerson(code="ZZ-0001", nickname="Petit Loup"))
    db.repos.identities.save(Identity(young_person_id=person.id, first_name="Zoé",
                                      last_name="Łucjańska", phone="06 12 34 56 78"))
    return person, staff


def _window(qtbot, db: Database) -> MainWindow:
    window = MainWindow(db)
    qtbot.addWidget(window)
    window.show()
    return window


def test_an_observation_naming_a_young_person_is_refused_unless_confirmed(qtbot, db, zoe):
    _person, staff = zoe
    window = _window(qtbot, db)
    page = window.page(FieldPage)
    page.staff_list.set_checked(staff.id)
    for text in ("Vu Z o é au city-stade.", "le 06.12.34.56.78 ne répond plus",
                 "PETIT-LOUP est passé", "code zz-0001"):
        page.observation_edit.setPlainText(text)
        seen: list[str] = []
        _answer_next_box(qtbot, "Corriger le texte", seen)
        page.save()
        assert seen[1] == f"Corriger le texte | Ce n'est pas un jeune{C} enregistrer"
        assert "survivrait donc à l'effacement" in seen[0]
        assert "Zoé" not in seen[0] and "Petit Loup" not in seen[0]  # never the value
        assert db.repos.field_sessions.all() == []
        assert page.observation_edit.toPlainText() == text  # nothing typed is lost

    # « Loup » alone is an ordinary word here, and the user says so.
    page.observation_edit.setPlainText("Un chien-loup et son maître, Petit Loup le surnom.")
    seen = []
    _answer_next_box(qtbot, f"Ce n'est pas un jeune{C} enregistrer", seen)
    page.save()
    assert len(seen) == 2 and len(db.repos.field_sessions.all()) == 1
    # A text naming nobody is saved without a question.
    page.staff_list.set_checked(staff.id)
    page.observation_edit.setPlainText("Le parc est éclairé.")
    page.save()
    assert len(db.repos.field_sessions.all()) == 2


def test_an_action_title_naming_a_young_person_is_refused(qtbot, db, zoe):
    window = _window(qtbot, db)
    page = window.page(CollectiveActionsPage)
    page.title_edit.setText("Sortie vélo avec Łucjańska")
    seen: list[str] = []
    _answer_next_box(qtbot, "Corriger le texte", seen)
    page.create_action()
    assert seen and db.repos.collective_actions.all() == []
    page.title_edit.setText("Sortie vélo")
    page.create_action()
    assert [a.title for a in db.repos.collective_actions.all()] == ["Sortie vélo"]


def test_the_code_is_pre_filled_and_read_as_typed(qtbot, db, zoe, monkeypatch):
    """Trial: « jy2afrv » was refused for « J-Y2AFRV », and the young person selected on
    « Jeunes » was not offered."""
    window = _window(qtbot, db)
    window.show_page(PAGE_TYPES.index(YoungPeoplePage))
    page = window.page(YoungPeoplePage)
    page.table.selectRow(0)
    asked = []

    def answer(parent, title, label, echo, text, *args, **kwargs):
        asked.append(text)
        return "zz0001", True  # typed without capitals and dash

    monkeypatch.setattr(QInputDialog, "getText", staticmethod(answer))
    dialog = window.privacy_menu.erase_young()
    assert asked == ["ZZ-0001"]
    assert isinstance(dialog, ErasureDialog)
    qtbot.addWidget(dialog)
    assert dialog.person.id == zoe[0].id


def test_the_erasure_dialog_lists_what_goes_then_erases(qtbot, db, zoe, monkeypatch):
    person, staff = zoe
    db.repos.field_sessions.save(FieldSession(
        date=date(2025, 3, 12), start_time=time(18), end_time=time(20), staff_ids=[staff.id],
        young_met_ids=[person.id], observation="Zoé au square."))
    window = _window(qtbot, db)
    page = window.page(FieldPage)
    page.observation_edit.setPlainText("petit loup est revenu")  # typed, not saved
    monkeypatch.setattr(QInputDialog, "getText",
                        staticmethod(lambda *args, **kwargs: ("zz-0001", True)))
    dialog = window.privacy_menu.erase_young()
    assert isinstance(dialog, ErasureDialog)
    qtbot.addWidget(dialog)
    listed = dialog.details.toPlainText()
    assert "sortie de terrain du 12/03/2025 › observation" in listed
    assert "brouillon du formulaire « sortie de terrain »" in listed
    assert "Zoé" not in listed and "Petit Loup" not in listed
    assert dialog.heading.text() == f"L'effacement du jeune ZZ-0001 supprime définitivement{C}"
    assert db.repos.young_people.get(person.id) is not None  # nothing erased yet

    assert dialog.erase()
    assert db.repos.young_people.get(person.id) is None
    assert db.repos.field_sessions.all()[0].observation == "[effacé] au square."
    assert Drafts(db).forms() == []
    assert page.observation_edit.toPlainText() == ""  # the form that named her is emptied
    page.drafts.flush()
    assert Drafts(db).forms() == []
    assert "1 texte(s) libre(s) caviardé(s)" in window.statusBar().currentMessage()


def test_the_purge_dialog_lists_the_texts_it_redacts(qtbot, db, zoe):
    person, staff = zoe
    db.repos.field_sessions.save(FieldSession(
        date=date(2023, 3, 12), start_time=time(18), end_time=time(20), staff_ids=[staff.id],
        young_met_ids=[person.id], observation="Petit Loup au square."))
    dialog = PurgeDialog(db, today=date(2040, 1, 1))
    qtbot.addWidget(dialog)
    assert "1 texte(s) libre(s) qui les nomment seront caviardé(s)" in dialog.count_label.text()
    assert dialog.redactions.toPlainText() == "sortie de terrain du 12/03/2023 › observation"
    assert dialog.purge(Path(db.path.parent))
    assert db.repos.field_sessions.all()[0].observation == "[effacé] au square."


@pytest.fixture
def team(tmp_path: Path) -> Iterator[Team]:
    built = make_team(tmp_path, ("Inès Moreau-Ñúñez", "Théo Kowalczyk"))
    yield built
    built.close()


def test_laptops_are_listed_and_one_is_revoked_after_confirmation(qtbot, team, monkeypatch):
    window = _window(qtbot, team.chief)
    window.team_menu.update()
    assert window.team_menu.devices_action.isVisible()
    assert window.team_menu.devices_action.text() == "Ordinateurs…"
    dialog = window.team_menu.show_devices()
    assert isinstance(dialog, DevicesDialog)
    qtbot.addWidget(dialog)
    cells = [[dialog.table.item(r, c).text() for c in range(5)]
             for r in range(dialog.table.rowCount())]
    theo = own_keys(team.laptops[1])
    assert ["Théo Kowalczyk", "Théo Kowalczyk", theo.fingerprint] == cells[1][:3]
    assert cells[1][4] == "actif"
    assert not dialog.revoke_button.isEnabled()
    dialog.table.selectRow(1)
    answers = iter([QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Yes])
    asked: list[str] = []
    monkeypatch.setattr(QMessageBox, "question", staticmethod(
        lambda _parent, _title, text, *args: asked.append(text) or next(answers)))
    assert not dialog.ask_revoke()  # cancelled
    assert dialog.table.item(1, 4).text() == "actif"
    assert dialog.ask_revoke()
    assert theo.fingerprint in asked[1]
    assert dialog.table.item(1, 4).text().startswith("révoqué le ")
    dialog.table.selectRow(1)
    assert not dialog.revoke_button.isEnabled()


def test_a_new_laptop_is_merged_only_once_its_fingerprint_is_confirmed(qtbot, team, tmp_path):
    with Database.create(tmp_path / "neuf.sps", PASSPHRASE, "x", chief_name="Nouvel") as new:
        join(new, key_file_text(team.chief), "chef.spskey")
        new.repos.young_people.save(YoungPerson(nickname="Zoé"))
        data = make_bundle(new).data
        fingerprint = own_keys(new).fingerprint
    dialog = MergeDialog(team.chief, [("neuf.spsb", data)])
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.plan is not None)  # the dry run runs in the background
    assert dialog.devices_table.item(0, 1).text() == fingerprint
    assert dialog.trust_check.isVisible() and not dialog.merge_button.isEnabled()
    dialog.trust_check.setChecked(True)
    assert dialog.merge_button.isEnabled()
    dialog.run_merge()
    qtbot.waitUntil(lambda: dialog.merged is not None)
    assert [y.nickname for y in team.chief.repos.young_people.all()] == ["Zoé"]
