"""« Terrain »: the outing an educator records in under 25 key presses and clicks,
defaults, young people met, the observation warning, drafts, edit/delete/undo."""

from __future__ import annotations

from datetime import date, time

import pytest
from PySide6.QtCore import QDate, QPoint, Qt, QTime
from PySide6.QtWidgets import QApplication

from sps_desk.enums import ActivityCategory, FieldSessionKind, Role, Sex
from sps_desk.records import FieldSession, Identity, Sector, StaffMember, TallyCell, YoungPerson
from sps_desk.store.database import Database
from sps_desk.store.drafts import Drafts, Preferences
from sps_desk.ui.main_window import MainWindow
from sps_desk.ui.pages.field import CURRENT_STAFF, LAST_FIELD, FieldPage
from tests.gui_support import LEFT, C, CountedInput

pytestmark = pytest.mark.usefixtures("french")

Key = Qt.Key


@pytest.fixture
def team(db: Database) -> list[StaffMember]:
    return [
        db.repos.staff.save(StaffMember(display_name=name, role=Role.SOCIAL_WORKER, fte=1.0))
        for name in ("Łucja Ø.", "Çağrı Ğ.")
    ]


def _window(qtbot, db: Database) -> tuple[MainWindow, FieldPage]:
    main = MainWindow(db)
    qtbot.addWidget(main)
    main.resize(1366, 740)
    main.show()
    main.show_page(1)
    page = main.page(FieldPage)
    assert isinstance(page, FieldPage)
    return main, page


def _row_centre(checklist, text_start: str) -> QPoint:
    for row in range(checklist.count()):
        if checklist.item(row).text().startswith(text_start):
            return checklist.visualItemRect(checklist.item(row)).center()
    raise AssertionError(text_start)


def test_a_typical_outing_takes_at_most_25_key_presses_and_clicks(qtbot, db, team):
    """Today, 16:00–18:00, two staff, 7 tallied contacts, one known young person."""
    kemi = db.repos.young_people.save(YoungPerson(nickname="Kémi"))
    db.repos.young_people.save(YoungPerson(nickname="Ørjan"))
    sector = db.repos.sectors.save(Sector(commune="Arras", neighbourhood="Baudimont"))
    # Łucja used this laptop before, for a social-presence session in Baudimont.
    Preferences(db).set(CURRENT_STAFF, str(team[0].id))
    Preferences(db).set(
        LAST_FIELD,
        {"sector": str(sector.id), "kind": "social_presence", "start": "14:00", "end": "16:00"},
    )
    window, page = _window(qtbot, db)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is page.start_edit)
    user = CountedInput(qtbot)

    user.type("16")  # start hour (the date is already today's)
    user.key(Key.Key_Tab)
    user.type("18")  # end hour
    user.click(page.staff_list.viewport(), _row_centre(page.staff_list, "Çağrı"))
    for _ in range(4):
        user.click(page.tally_grid.plus_button(Sex.FEMALE, "11-15"))
    for _ in range(3):
        user.click(page.tally_grid.plus_button(Sex.MALE, "16-17"))
    assert page.tally_grid.total_label.text() == f"Total{C} 7 rencontres anonymes"
    user.click(page.young_picker.search_edit)
    user.type("KEM")  # case and accents do not matter
    user.key(Key.Key_Return)
    user.key(Key.Key_S, Qt.KeyboardModifier.ControlModifier)

    assert page.errors.lines() == []
    assert user.count <= 25, user.log
    sessions = db.repos.field_sessions.all()
    assert len(sessions) == 1
    session = sessions[0]
    assert session.date == date.today()
    assert (session.start_time, session.end_time) == (time(16, 0), time(18, 0))
    assert session.hours == 2.0
    assert set(session.staff_ids) == {team[0].id, team[1].id}
    assert session.session_kind is FieldSessionKind.SOCIAL_PRESENCE
    assert session.sector_id == sector.id
    assert sorted(session.tallies, key=lambda c: c.count) == [
        TallyCell(sex=Sex.MALE, age_bracket="16-17", count=3),
        TallyCell(sex=Sex.FEMALE, age_bracket="11-15", count=4),
    ]
    assert session.young_met_ids == [kemi.id]
    entries = db.repos.time_entries.between(date.today(), date.today())
    assert sorted((e.category, e.hours) for e in entries) == [
        (ActivityCategory.STREET_WORK, 2.0),
        (ActivityCategory.STREET_WORK, 2.0),
    ]
    assert window.statusBar().currentMessage() == (
        f"Sortie enregistrée{C} Présence sociale / permanence le "
        f"{date.today():%d/%m/%Y}, 2 h, 8 rencontres."
    )
    # Ready for the next outing, with the same defaults.
    assert page.tally_grid.total() == 0 and page.young_picker.chosen_ids() == []
    assert page.staff_list.checked_ids() == [team[0].id]
    assert from_q(page.start_edit.time()) == time(16, 0)


def from_q(value: QTime) -> time:
    return time(value.hour(), value.minute())


def test_the_first_staff_member_ticked_becomes_the_current_user(qtbot, db, team):
    _main, page = _window(qtbot, db)
    assert page.staff_list.checked_ids() == []
    page.staff_list.set_checked(team[1].id)
    qtbot.mouseClick(page.tally_grid.plus_button(Sex.FEMALE, "lt11"), LEFT)
    qtbot.mouseClick(page.save_button, LEFT)
    assert page.errors.lines() == []
    assert Preferences(db).get(CURRENT_STAFF) == str(team[1].id)
    # A new window on the same base opens with that staff member ticked.
    _second, again = _window(qtbot, db)
    assert again.staff_list.checked_ids() == [team[1].id]


def test_tally_cells_count_with_plus_and_minus_keys_and_buttons(qtbot, db, team):
    _main, page = _window(qtbot, db)
    grid = page.tally_grid
    cell = grid.spin(Sex.OTHER, "18-21")
    cell.setFocus()
    for key in (Key.Key_Plus, Key.Key_Plus, Key.Key_Plus, Key.Key_Minus):
        qtbot.keyClick(cell, key)
    assert cell.value() == 2
    qtbot.mouseClick(grid.minus_button(Sex.OTHER, "18-21"), LEFT)
    qtbot.mouseClick(grid.minus_button(Sex.OTHER, "18-21"), LEFT)
    qtbot.mouseClick(grid.minus_button(Sex.OTHER, "18-21"), LEFT)
    assert cell.value() == 0  # never negative
    grid.spin(Sex.FEMALE, "unknown").setFocus()  # as after Tab: the value is selected
    qtbot.wait(20)
    qtbot.keyClicks(grid.spin(Sex.FEMALE, "unknown"), "12")
    assert grid.total() == 12
    assert grid.total_label.text() == f"Total{C} 12 rencontres anonymes"


def test_a_young_person_created_on_the_spot_with_a_duplicate_warning(qtbot, db, team):
    existing = db.repos.young_people.save(YoungPerson(nickname="Zoé"))
    _main, page = _window(qtbot, db)
    picker = page.young_picker
    picker.search_edit.insert("Œnone")  # QTest types ASCII only
    assert picker.matches_list.count() == 0 and picker.create_button.isVisible()
    qtbot.mouseClick(picker.create_button, LEFT)
    created = [y for y in db.repos.young_people.all() if y.nickname == "Œnone"]
    assert len(created) == 1 and created[0].code.startswith("J-")
    assert picker.chosen_ids() == [created[0].id]

    # « ZOE » decomposed (NFD) finds « Zoé »; creating another one asks twice.
    picker.search_edit.insert("zoe\u0301")
    assert picker.matches_list.count() == 1
    picker.search_edit.clear()
    qtbot.keyClicks(picker.search_edit, "ZOE")
    qtbot.mouseClick(picker.create_button, LEFT)
    assert existing.code in picker.hint_label.text()
    assert picker.create_button.text() == "Créer quand même"
    assert len(db.repos.young_people.all()) == 2
    qtbot.mouseClick(picker.create_button, LEFT)
    assert len(db.repos.young_people.all()) == 3


def test_an_observation_naming_someone_from_the_identity_table_is_warned(qtbot, db, team):
    person = db.repos.young_people.save(YoungPerson(nickname="K."))
    db.repos.identities.save(
        Identity(young_person_id=person.id, last_name="Öztürk-Łęcki", first_name="İlkay")
    )
    _main, page = _window(qtbot, db)
    # The names are folded in the background when the page is built.
    qtbot.waitUntil(lambda: page.names.needles() is not None, timeout=20_000)
    page.observation_edit.insertPlainText("Groupe calme près du city-stade.")
    assert not page.observation_warning.isVisible()
    page.observation_edit.insertPlainText(" vu ilkay avec son frère")
    assert page.observation_warning.isVisible()
    assert "İlkay" not in page.observation_warning.text()  # the warning never repeats it
    page.observation_edit.setPlainText("Les LECKI déménagent.")
    assert page.observation_warning.isVisible()
    page.observation_edit.setPlainText("Le parc est éclairé.")
    assert not page.observation_warning.isVisible()


def test_a_draft_is_offered_back_after_the_window_is_closed_without_saving(qtbot, db, team):
    window, page = _window(qtbot, db)
    page.date_edit.setDate(QDate(2025, 3, 29))
    page.start_edit.setTime(QTime(21, 30))
    page.end_edit.setTime(QTime(0, 30))
    page.staff_list.set_checked(team[0].id)
    for _ in range(5):
        qtbot.mouseClick(page.tally_grid.plus_button(Sex.MALE, "ge22"), LEFT)
    qtbot.keyClicks(page.observation_edit, "Rassemblement au square, musique forte.")
    window.close()  # no save: the page writes its draft on the way out
    assert db.repos.field_sessions.all() == []
    assert Drafts(db).forms() == ["field_session"]

    _again, reopened = _window(qtbot, db)
    assert reopened.banner.isVisible()
    assert reopened.tally_grid.total() == 0
    qtbot.mouseClick(reopened.banner.restore_button, LEFT)
    assert reopened.tally_grid.spin(Sex.MALE, "ge22").value() == 5
    assert reopened.observation_edit.toPlainText() == "Rassemblement au square, musique forte."
    assert reopened.date_edit.date() == QDate(2025, 3, 29)
    assert reopened.duration_label.text() == f"Durée{C} 3 h (se termine le lendemain)"
    qtbot.mouseClick(reopened.save_button, LEFT)
    assert reopened.errors.lines() == []
    assert [s.hours for s in db.repos.field_sessions.all()] == [3.0]
    assert Drafts(db).forms() == []


def test_the_draft_is_written_while_typing(qtbot, db, team):
    _main, page = _window(qtbot, db)
    page.observation_edit.insertPlainText("Nouveau commerce fermé")
    qtbot.waitUntil(lambda: Drafts(db).load("field_session") is not None, timeout=5000)
    assert Drafts(db).load("field_session")["fields"]["observation"] == "Nouveau commerce fermé"


@pytest.mark.parametrize(
    ("day", "start", "end", "hours", "text"),
    [
        (date(2025, 1, 15), time(21, 30), time(0, 30), 3.0, "3 h (se termine le lendemain)"),
        # 30 March 2025: clocks go forward at 02:00, the night lasts one hour less.
        (date(2025, 3, 29), time(22, 0), time(4, 0), 5.0, "5 h (se termine le lendemain)"),
        # 26 October 2025: clocks go back at 03:00, the night lasts one hour more.
        (date(2025, 10, 25), time(22, 0), time(4, 0), 7.0, "7 h (se termine le lendemain)"),
    ],
)
def test_midnight_and_daylight_saving_durations_are_real_elapsed_time(
    qtbot, db, team, day, start, end, hours, text
):
    _main, page = _window(qtbot, db)
    page.date_edit.setDate(QDate(day.year, day.month, day.day))
    page.start_edit.setTime(QTime(start.hour, start.minute))
    page.end_edit.setTime(QTime(end.hour, end.minute))
    assert page.duration_label.text() == f"Durée{C} {text}"
    page.staff_list.set_checked(team[0].id)
    qtbot.mouseClick(page.save_button, LEFT)
    assert page.errors.lines() == []
    session = db.repos.field_sessions.all()[0]
    assert session.hours == hours
    entries = db.repos.time_entries.derived_from(session.id)
    assert [e.hours for e in entries] == [hours]


def test_edit_delete_and_undo_a_session_with_its_hours(qtbot, db, team):
    session = db.repos.field_sessions.save(
        FieldSession(
            date=date(2025, 5, 6),
            start_time=time(14, 0),
            end_time=time(16, 0),
            staff_ids=[team[0].id],
        )
    )
    _main, page = _window(qtbot, db)
    # The list shows one year at a time: this year by default, 2025 offered.
    assert page.year_combo.findData(2025) >= 0
    page.year_combo.setCurrentIndex(page.year_combo.findData(2025))
    page.table.selectRow(0)
    qtbot.mouseClick(page.actions.edit_button, LEFT)
    assert page.save_button.text() == "Enregistrer les modifications"
    page.end_edit.setTime(QTime(17, 30))
    page.staff_list.set_checked(team[1].id)
    qtbot.mouseClick(page.save_button, LEFT)
    assert page.errors.lines() == []
    stored = db.repos.field_sessions.all()
    assert [(s.id, s.hours) for s in stored] == [(session.id, 3.5)]
    live = [e for e in db.repos.time_entries.derived_from(session.id) if e.deleted_at is None]
    assert sorted(e.hours for e in live) == [3.5, 3.5]

    page.table.selectRow(0)
    qtbot.mouseClick(page.actions.delete_button, LEFT)
    assert db.repos.field_sessions.all() == []
    assert db.repos.time_entries.all() == []
    assert page.model.rowCount() == 0
    qtbot.mouseClick(page.actions.undo_button, LEFT)
    assert [s.id for s in db.repos.field_sessions.all()] == [session.id]
    assert sorted(e.hours for e in db.repos.time_entries.all()) == [3.5, 3.5]
    assert page.model.rowCount() == 1


def test_dates_are_typed_day_first_with_four_digit_years(qtbot, db, team):
    _main, page = _window(qtbot, db)
    assert page.date_edit.displayFormat() == "dd/MM/yyyy"
    page.date_edit.setFocus()
    page.date_edit.setCurrentSectionIndex(0)
    page.date_edit.setSelectedSection(page.date_edit.sectionAt(0))
    qtbot.keyClicks(page.date_edit, "05/03/2025")
    assert page.date_edit.date() == QDate(2025, 3, 5)
    assert page.date_edit.text() == "05/03/2025"


def test_dates_typed_without_separators_too(qtbot, db, team):
    _main, page = _window(qtbot, db)
    page.date_edit.setFocus()
    page.date_edit.setCurrentSectionIndex(0)  # as after Tab: the day is selected
    page.date_edit.setSelectedSection(page.date_edit.sectionAt(0))
    qtbot.keyClicks(page.date_edit, "28022024")
    assert page.date_edit.date() == QDate(2024, 2, 28)
