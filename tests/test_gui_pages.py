"""Recording through the window's pages, checked in the store as a user would check."""

from __future__ import annotations

from datetime import date, time

import pytest
from PySide6.QtCore import QDate, Qt, QTime
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QSpinBox,
    QTableView,
    QWidget,
)

from sps_desk.enums import (
    ActivityCategory,
    BirthDatePrecision,
    EndReason,
    FieldSessionKind,
    Problem,
    Role,
    Sex,
    Situation,
    SupportOrigin,
)
from sps_desk.records import NOT_RECORDED, StaffMember, TallyCell, YoungPerson
from sps_desk.store.database import Database
from sps_desk.ui.dialogs.sector import SectorDialog
from sps_desk.ui.dialogs.staff import StaffDialog
from sps_desk.ui.main_window import PAGE_TYPES, MainWindow
from sps_desk.ui.pages.collective import CollectiveActionsPage
from sps_desk.ui.pages.field import FieldPage
from sps_desk.ui.pages.supports import SupportsPage
from sps_desk.ui.pages.time_entries import TimePage
from sps_desk.ui.pages.young_people import YoungPeoplePage
from sps_desk.ui.widgets.forms import select_data

LEFT = Qt.MouseButton.LeftButton
C = "\u00a0:"


@pytest.fixture
def staff(db: Database) -> list[StaffMember]:
    return [
        db.repos.staff.save(StaffMember(display_name=name, role=Role.SOCIAL_WORKER, fte=1.0))
        for name in ("Ana Ł.", "Bruno Ş.")
    ]


@pytest.fixture
def window(qtbot, db: Database, staff, french) -> MainWindow:
    main = MainWindow(db)
    qtbot.addWidget(main)
    main.resize(1366, 740)
    main.show()
    return main


def _tick(checklist, name: str, qtbot) -> None:
    """Tick a staff member with the keyboard, as a user would (arrows + space)."""
    for row in range(checklist.count()):
        if checklist.item(row).text().startswith(name):
            checklist.setFocus()
            checklist.setCurrentRow(row)
            qtbot.keyClick(checklist, Qt.Key.Key_Space)
            return
    raise AssertionError(name)


def test_the_window_fits_a_1366x768_screen(window):
    assert window.width() <= 1366 and window.height() <= 768
    for index in range(len(PAGE_TYPES)):
        window.show_page(index)
        hint = window.minimumSizeHint()
        assert hint.width() <= 1366 and hint.height() <= 700, (index, hint)
    assert window.windowTitle() == "sps_desk — SPS Ğüzelyurt – Test"


def test_a_night_field_session_recorded_through_the_window(qtbot, window, db, staff):
    window.show_page(1)
    page = window.page(FieldPage)
    assert window.stack.currentWidget() is page
    assert isinstance(page, FieldPage)

    page.date_edit.setDate(QDate(2025, 1, 15))
    page.start_edit.setTime(QTime(21, 30))
    page.end_edit.setTime(QTime(0, 30))
    assert page.duration_label.text() == f"Durée{C} 3 h (se termine le lendemain)"
    _tick(page.staff_list, "Ana", qtbot)
    select_data(page.kind_combo, FieldSessionKind.STREET_WORK)

    for _ in range(4):
        qtbot.keyClick(page.tally_grid.spin(Sex.FEMALE, "11-15"), Qt.Key.Key_Up)
    for _ in range(3):
        qtbot.keyClick(page.tally_grid.spin(Sex.MALE, "16-17"), Qt.Key.Key_Up)
    assert page.tally_grid.total_label.text() == f"Total{C} 7 rencontres anonymes"
    qtbot.keyClicks(page.observation_edit, "Groupe habituel ")
    page.observation_edit.insertPlainText("près du city-stade.")

    qtbot.mouseClick(page.save_button, LEFT)

    assert page.errors.lines() == []
    sessions = db.repos.field_sessions.all()
    assert len(sessions) == 1
    session = sessions[0]
    assert session.date == date(2025, 1, 15)
    assert (session.start_time, session.end_time) == (time(21, 30), time(0, 30))
    assert session.hours == 3.0
    assert session.anonymous_contacts == 7
    assert session.staff_ids == [staff[0].id]
    assert sorted(session.tallies, key=lambda c: c.count) == [
        TallyCell(sex=Sex.MALE, age_bracket="16-17", count=3),
        TallyCell(sex=Sex.FEMALE, age_bracket="11-15", count=4),
    ]
    assert session.observation == "Groupe habituel près du city-stade."
    entries = db.repos.time_entries.between(date(2025, 1, 15), date(2025, 1, 16))
    assert [(e.staff_id, e.category, e.hours) for e in entries] == [
        (staff[0].id, ActivityCategory.STREET_WORK, 3.0)
    ]

    # The form is ready for the next outing; the list shows the session.
    assert page.tally_grid.total() == 0 and page.observation_edit.toPlainText() == ""
    assert [page.model.cell_text(0, c) for c in range(page.model.columnCount())] == [
        "15/01/2025",
        "21:30 → 00:30",
        "3 h",
        "Travail de rue",
        "",
        "7",
    ]
    assert window.statusBar().currentMessage() == (
        f"Sortie enregistrée{C} Travail de rue le 15/01/2025, 3 h, 7 rencontres."
    )

    # The Temps page shows the derived hours in its week.
    time_page = window.page(TimePage)
    assert isinstance(time_page, TimePage)
    time_page.week_edit.setDate(QDate(2025, 1, 15))
    assert time_page.week() == (date(2025, 1, 13), date(2025, 1, 19))
    assert time_page.totals() == {"Travail de rue": 3.0, "Total": 3.0}


def test_a_field_session_without_staff_is_refused_in_french(qtbot, window, db):
    page = window.page(FieldPage)
    assert isinstance(page, FieldPage)
    qtbot.keyClick(page.tally_grid.spin(Sex.FEMALE, "lt11"), Qt.Key.Key_Up)
    qtbot.mouseClick(page.save_button, LEFT)
    assert page.errors.lines() == ["Cochez au moins un professionnel."]
    assert db.repos.field_sessions.all() == []
    assert page.tally_grid.total() == 1  # nothing typed is lost


def test_a_young_person_recorded_through_the_jeunes_page(qtbot, window, db):
    window.show_page(2)
    page = window.page(YoungPeoplePage)
    assert isinstance(page, YoungPeoplePage)
    page.nickname_edit.setText("Zoé")
    select_data(page.sex_combo, Sex.FEMALE)
    qtbot.mouseClick(page.birth_known_box, LEFT)
    assert page.birth_edit.isEnabled()
    select_data(page.precision_combo, BirthDatePrecision.YEAR)
    assert page.birth_edit.displayFormat() == "yyyy"
    page.birth_edit.setDate(QDate(2010, 6, 20))
    select_data(page.situation_combo, Situation.COLLEGE)
    qtbot.mouseClick(page.save_button, LEFT)

    assert page.errors.lines() == []
    young = db.repos.young_people.all()
    assert len(young) == 1
    person = young[0]
    assert person.code.startswith("J-") and len(person.code) == 8
    assert person.nickname == "Zoé"
    assert person.sex is Sex.FEMALE
    assert person.birth_date == date(2010, 1, 1)
    assert person.birth_date_precision is BirthDatePrecision.YEAR
    assert person.situation is Situation.COLLEGE
    assert person.in_child_welfare_care is None
    assert page.model.cell_text(0, 0) == person.code
    assert page.model.cell_text(0, 1) == "Zoé"
    assert page.model.cell_text(0, 2) == "Féminin"
    assert page.model.cell_text(0, 3).startswith("environ ")
    assert page.last_code_label.text() == f"Dernier jeune enregistré{C} {person.code}"
    assert page.nickname_edit.text() == ""


def test_a_support_opened_and_closed_through_the_accompagnements_page(qtbot, window, db, staff):
    person = db.repos.young_people.save(YoungPerson(nickname="Kemal"))
    window.hub.notify_changed("young_person")
    window.show_page(3)
    page = window.page(SupportsPage)
    assert isinstance(page, SupportsPage)
    qtbot.keyClicks(page.young_picker.search_edit, "kemal")
    qtbot.keyClick(page.young_picker.search_edit, Qt.Key.Key_Return)
    assert page.young_picker.chosen_ids() == [person.id]
    page.start_edit.setDate(QDate(2025, 2, 3))
    select_data(page.origin_combo, SupportOrigin.PARTNER_REFERRAL)
    page.referent_combo.select_id(staff[1].id)
    qtbot.mouseClick(page.problem_boxes[Problem.SCHOOLING], LEFT)
    qtbot.mouseClick(page.problem_boxes[Problem.HOUSING], LEFT)
    qtbot.mouseClick(page.open_button, LEFT)

    assert page.open_errors.lines() == []
    supports = db.repos.supports.all()
    assert len(supports) == 1
    support = supports[0]
    assert support.young_person_id == person.id
    assert support.start_date == date(2025, 2, 3)
    assert support.origin is SupportOrigin.PARTNER_REFERRAL
    assert support.problems == [Problem.SCHOOLING, Problem.HOUSING]
    assert support.referent_id == staff[1].id
    assert support.end_date is None
    assert page.model.cell_text(0, 0) == f"{person.code} — {person.nickname}"
    assert page.model.cell_text(0, 4) == "En cours"
    assert not any(box.isChecked() for box in page.problem_boxes.values())

    # Closing: a date before the start is refused in French, then a right one works.
    page.table.selectRow(0)
    assert page.close_button.isEnabled()
    page.end_edit.setDate(QDate(2025, 1, 1))
    select_data(page.reason_combo, EndReason.MAINSTREAM_HANDOVER)
    qtbot.mouseClick(page.close_button, LEFT)
    assert page.close_errors.lines() == [
        "La date de fin précède la date de début de l'accompagnement"
    ]
    assert db.repos.supports.all()[0].end_date is None
    page.end_edit.setDate(QDate(2025, 9, 30))
    qtbot.mouseClick(page.close_button, LEFT)
    closed = db.repos.supports.all()[0]
    assert (closed.end_date, closed.end_reason) == (
        date(2025, 9, 30),
        EndReason.MAINSTREAM_HANDOVER,
    )
    assert closed.problems == [Problem.SCHOOLING, Problem.HOUSING]
    assert page.model.cell_text(0, 4) == "Clos le 30/09/2025 (Relais vers le droit commun)"


def test_a_collective_action_and_its_session(qtbot, window, db, staff):
    window.show_page(4)
    page = window.page(CollectiveActionsPage)
    assert isinstance(page, CollectiveActionsPage)
    assert page.families_nr_box.isChecked()
    qtbot.keyClicks(page.title_edit, "Chantier peinture du local")
    qtbot.mouseClick(page.create_button, LEFT)
    actions = db.repos.collective_actions.all()
    assert [(a.title, a.families) for a in actions] == [
        ("Chantier peinture du local", NOT_RECORDED)
    ]
    assert page.model.cell_text(0, 2) == "NR"
    assert page.selected_action() is not None

    page.session_date_edit.setDate(QDate(2025, 4, 9))
    qtbot.keyClicks(page.hours_edit, "2,7")
    _tick(page.session_staff, "Bruno", qtbot)
    qtbot.mouseClick(page.session_button, LEFT)
    assert page.session_errors.lines() == [
        "Les heures se saisissent par quarts d'heure (0,25 ; 0,5 ; 0,75…)."
    ]
    page.hours_edit.clear()
    qtbot.keyClicks(page.hours_edit, "2,5")
    qtbot.mouseClick(page.session_button, LEFT)
    assert page.session_errors.lines() == []
    sessions = db.repos.collective_sessions.all()
    assert [(s.date, s.hours, s.staff_ids) for s in sessions] == [
        (date(2025, 4, 9), 2.5, [staff[1].id])
    ]
    entries = db.repos.time_entries.between(date(2025, 4, 9), date(2025, 4, 9))
    assert [(e.category, e.hours) for e in entries] == [(ActivityCategory.COLLECTIVE_ACTIONS, 2.5)]
    assert page.model.cell_text(0, 3) == "1"
    assert page.model.cell_text(0, 4) == "2,5"


def test_hours_typed_by_hand_on_the_temps_page(qtbot, window, db, staff):
    window.show_page(5)
    page = window.page(TimePage)
    assert isinstance(page, TimePage)
    page.staff_combo.select_id(staff[0].id)
    page.date_edit.setDate(QDate(2025, 3, 12))
    select_data(page.category_combo, ActivityCategory.WRITING)
    qtbot.keyClicks(page.hours_edit, "1,5")
    qtbot.mouseClick(page.add_button, LEFT)
    assert page.add_errors.lines() == []
    entries = db.repos.time_entries.all()
    assert [(e.staff_id, e.date, e.category, e.hours, e.source_kind) for e in entries] == [
        (staff[0].id, date(2025, 3, 12), ActivityCategory.WRITING, 1.5, None)
    ]
    assert page.week() == (date(2025, 3, 10), date(2025, 3, 16))
    assert page.totals() == {"Écrits professionnels": 1.5, "Total": 1.5}
    assert page.entries_model.cell_text(0, 4) == "Saisie manuelle"


def test_the_team_and_sector_dialogs_add_records(qtbot, db, french):
    dialog = StaffDialog(db)
    qtbot.addWidget(dialog)
    dialog.name_edit.setText("C. Dupont-Ñ")
    select_data(dialog.role_combo, Role.HEAD)
    dialog.fte_spin.setValue(0.5)
    qtbot.mouseClick(dialog.save_button, LEFT)
    assert [(m.display_name, m.role, m.fte) for m in db.repos.staff.all()] == [
        ("C. Dupont-Ñ", Role.HEAD, 0.5)
    ]

    empty = SectorDialog(db)
    qtbot.addWidget(empty)
    qtbot.mouseClick(empty.save_button, LEFT)
    assert empty.errors.lines() == ["commune : ne peut pas être vide"]
    sector = SectorDialog(db)
    qtbot.addWidget(sector)
    sector.commune_edit.setText("Liévin")
    qtbot.keyClicks(sector.neighbourhood_edit, "Marichelles")
    qtbot.mouseClick(sector.save_button, LEFT)
    assert [s.label for s in db.repos.sectors.all()] == ["Liévin – Marichelles"]


def test_every_input_has_a_label_and_an_accessible_name(window):
    for page_type in PAGE_TYPES:  # pages are built when first shown
        window.page(page_type)
    inputs = (QLineEdit, QComboBox, QAbstractSpinBox, QPlainTextEdit, QListWidget, QTableView)
    buddies = {id(label.buddy()) for label in window.findChildren(QLabel) if label.buddy()}
    checked, unnamed, unlabelled = 0, [], []
    for widget in window.findChildren(QWidget):
        if not isinstance(widget, inputs) or isinstance(widget.parent(), QAbstractSpinBox):
            continue  # the line edit inside a spin box is part of it
        checked += 1
        if not widget.accessibleName():
            unnamed.append(type(widget).__name__)
        # Tally cells are named « sex, age bracket » (row label's buddy is the first cell).
        tally_cell = isinstance(widget, QSpinBox) and ", " in widget.accessibleName()
        if id(widget) not in buddies and not tally_cell and widget is not window.navigation:
            unlabelled.append(widget.accessibleName())
    assert checked > 50
    assert unnamed == []
    assert unlabelled == []
