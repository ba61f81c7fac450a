"""Near nicknames (« Kemi » / « Kémy »): the rule, and the warnings of the Jeunes page,
the Terrain picker and the spreadsheet import that use it. Synthetic names, Latin and
non-Latin."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sps_desk.near_names import NearNames, name_key, near
from sps_desk.records import YoungPerson
from sps_desk.search import fold
from sps_desk.store import imports
from sps_desk.store.database import Database
from sps_desk.tabular.fields import ImportKind
from sps_desk.ui.main_window import PAGE_TYPES, MainWindow
from sps_desk.ui.pages.field import FieldPage
from sps_desk.ui.pages.young_people import YoungPeoplePage
from tests.gui_support import LEFT

NEAR = [("Kemi", "Kémy"), ("Mohamed", "Mohammed"), ("Yanis", "Yannis"), ("Zoé", "ZOE"),
        ("Dmitri", "Дмитрий"), ("Mohamed", "محمد"), ("Amina", "أمينة"), ("Sofiane", "Sofian"),
        ("Wang Wei", "王伟"), ("Théo", "Teo"), ("Inès", "INES"), ("Anne Marie", "Anne-Marie"),
        ("Çağrı", "Cagri"), ("Łucja", "Lucja"), ("Stéphane", "Stefane")]
FAR = [("Léo", "Léa"), ("Ali", "Alia"), ("Nathan", "Ethan"), ("Jade", "Jules"),
       ("Adam", "Adem"), ("Zoé", "Дмитрий"), ("Kemi", "Kevin"), ("", ""), ("أمينة", "محمد"),
       ("?!", "?!"), ("Zoé", "Zoë-Lou")]


@pytest.mark.parametrize("first, second", NEAR)
def test_near_names_are_caught(first: str, second: str) -> None:
    assert near(first, second) and near(second, first)


@pytest.mark.parametrize("first, second", FAR)
def test_other_names_are_not(first: str, second: str) -> None:
    assert not near(first, second)


def test_keys_spell_alike_what_is_heard_alike() -> None:
    assert name_key("Kémy") == name_key("Kemi") == "kemi"
    assert name_key("Mohammed") == name_key("Mohamed") == "moamed"
    assert name_key("Philippe") == "filipe"
    assert name_key("Дмитрий") == "dmitri"


@given(st.text(min_size=1, max_size=12))
def test_a_name_is_near_itself_and_its_folded_forms(name: str) -> None:
    if not name_key(name):
        assert not near(name, name)
        return
    assert near(name, name)
    assert near(name, name.upper()) or name_key(name.upper()) != name_key(name)
    assert near(name, fold(name))


@given(st.text(max_size=10), st.text(max_size=10))
def test_nearness_is_symmetric(first: str, second: str) -> None:
    assert near(first, second) == near(second, first)


def test_the_index_finds_near_names_among_many() -> None:
    names = NearNames([(i, f"Jeune{i:05d}") for i in range(5000)])
    for ident, name in enumerate(("Kemi", "Mohammed", "Léa", "محمد", "Дмитрий"), start=10**6):
        names.add(ident, name)
    assert names.matches("Kémy") == [10**6]
    assert names.matches("Mohamed") == [10**6 + 1, 10**6 + 3]
    assert names.matches("Léo") == []
    assert names.matches("Dmitri") == [10**6 + 4]
    assert names.matches("Jeune00042") == [i for i in range(5000) if near("Jeune00042",
                                                                             f"Jeune{i:05d}")]


def test_a_nickname_held_twice_stays_found_until_both_are_discarded() -> None:
    names = NearNames([(1, "Mohamed"), (2, "Mohamed"), (3, "محمد"), (4, "Zoé")])
    names.discard(1)
    assert names.matches("Mohammed") == [2, 3]
    names.discard(2)
    assert names.matches("Mohammed") == [3]
    names.discard(3)
    names.discard(3)  # already gone: nothing happens
    assert names.matches("Mohammed") == []
    names.add(5, "Mohamed")
    assert names.matches("Mohammed") == [5]
    assert names.matches("Zoe") == [4]



# ---------------------------------------------------------------- where users see it


def _window(qtbot, db: Database, page_type: type) -> object:
    main = MainWindow(db)
    qtbot.addWidget(main)
    main.resize(1366, 740)
    main.show()
    main.show_page(PAGE_TYPES.index(page_type))
    page = main.page(page_type)
    assert isinstance(page, page_type)
    return page


@pytest.mark.usefixtures("french")
def test_jeunes_warns_of_a_near_nickname(qtbot, db: Database) -> None:
    existing = db.repos.young_people.save(YoungPerson(nickname="Kemi"))
    page = _window(qtbot, db, YoungPeoplePage)
    page.hub.notify_changed("young_person")
    page.nickname_edit.setText("Kémy")
    qtbot.mouseClick(page.save_button, LEFT)
    assert page.duplicate_label.isVisible()
    assert page.duplicate_label.text().startswith(
        f"Doublon possible\u00a0: {existing.code} — Kemi ressemble à ce jeune (surnom proche")
    assert len(db.repos.young_people.all()) == 1
    qtbot.mouseClick(page.save_button, LEFT)  # the second click saves anyway
    assert len(db.repos.young_people.all()) == 2


@pytest.mark.usefixtures("french")
def test_terrain_warns_of_a_near_nickname_before_creating(qtbot, db: Database) -> None:
    from sps_desk.enums import Role
    from sps_desk.records import StaffMember

    db.repos.staff.save(StaffMember(display_name="Łucja Ø.", role=Role.SOCIAL_WORKER, fte=1))
    existing = db.repos.young_people.save(YoungPerson(nickname="محمد"))
    page = _window(qtbot, db, FieldPage)
    picker = page.young_picker
    picker.search_edit.insert("Mohamed")
    qtbot.mouseClick(picker.create_button, LEFT)
    assert picker.hint_label.text() == (
        f"Doublon possible\u00a0: {existing.code} — محمد a un surnom proche. Choisissez-le "
        "dans la liste, ou cliquez à nouveau pour créer un autre jeune.")
    assert len(db.repos.young_people.all()) == 1
    qtbot.mouseClick(picker.create_button, LEFT)
    assert len(db.repos.young_people.all()) == 2


def test_the_import_preview_warns_of_near_nicknames(db: Database, tmp_path: Path) -> None:
    kemi = db.repos.young_people.save(YoungPerson(nickname="Kemi"))
    sheet = tmp_path / "jeunes.csv"
    sheet.write_text("Surnom;Sexe\nKémy;F\nMohamed;M\nMohammed;M\nŁucja;F\n",
                     encoding="utf-8")
    checked = imports.preview(db, sheet, ImportKind.YOUNG)
    assert checked.ok  # a warning, not an error: the file can be imported
    assert checked.warning_lines() == [
        "À vérifier (l'import reste possible) :",
        f"  Ligne 2, colonne « Surnom » : « Kémy » ressemble à {kemi.code} (« Kemi »), déjà "
        "dans la base : si c'est le même jeune, écrivez son code dans une colonne « Code »",
        "  Ligne 4, colonne « Surnom » : « Mohammed » ressemble au surnom de la ligne 3 : si "
        "c'est le même jeune, gardez une seule ligne",
    ]
    assert "À vérifier (l'import reste possible) :" in checked.lines()
