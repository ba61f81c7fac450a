"""« Temps »: weekly timesheet per staff member from derived and hand-typed entries,
week and year totals, working-time warnings, derived entries following their source."""

from __future__ import annotations

from datetime import date, time

import pytest
from PySide6.QtCore import QDate

from sps_desk.enums import ActivityCategory, Role
from sps_desk.records import FieldSession, StaffMember, TimeEntry
from sps_desk.store.database import Database
from sps_desk.ui.main_window import MainWindow
from sps_desk.ui.pages.field import FieldPage
from sps_desk.ui.pages.time_entries import TimePage
from sps_desk.ui.widgets.forms import select_data
from tests.gui_support import LEFT, C

pytestmark = pytest.mark.usefixtures("french")


@pytest.fixture
def window(qtbot, db: Database) -> MainWindow:
    for name in ("Łucja Ø.", "Çağrı Ğ."):
        db.repos.staff.save(StaffMember(display_name=name, role=Role.SOCIAL_WORKER, fte=1.0))
    main = MainWindow(db)
    qtbot.addWidget(main)
    main.resize(1366, 740)
    main.show()
    return main


def _sheet(page: TimePage) -> dict[str, list[str]]:
    model = page.sheet_model
    return {
        model.cell_text(r, 0): [model.cell_text(r, c) for c in range(1, model.columnCount())]
        for r in range(model.rowCount())
    }


def test_the_weekly_timesheet_of_a_staff_member(qtbot, db, window):
    lucja, cagri = sorted(db.repos.staff.all(), key=lambda m: m.display_name)
    session = db.repos.field_sessions.save(
        FieldSession(
            date=date(2025, 3, 11),
            start_time=time(21, 30),
            end_time=time(0, 30),
            staff_ids=[lucja.id, cagri.id],
        )
    )
    db.repos.time_entries.save(
        TimeEntry(
            staff_id=lucja.id, date=date(2025, 1, 6), category=ActivityCategory.WRITING, hours=2
        )
    )
    window.show_page(5)
    page = window.page(TimePage)
    assert isinstance(page, TimePage)
    page.sheet_staff_combo.select_id(lucja.id)
    page.week_edit.setDate(QDate(2025, 3, 12))
    # Hours typed by hand: « 1,5 » on Wednesday in « Écrits professionnels ».
    page.staff_combo.select_id(lucja.id)
    page.date_edit.setDate(QDate(2025, 3, 12))
    select_data(page.category_combo, ActivityCategory.WRITING)
    qtbot.keyClicks(page.hours_edit, "1,5")
    qtbot.mouseClick(page.add_button, LEFT)
    assert page.add_errors.lines() == []

    sheet = _sheet(page)
    #                        Mon Tue  Wed  Thu Fri Sat Sun Week  Year
    assert sheet["Travail de rue"] == ["", "3", "", "", "", "", "", "3", "3"]
    assert sheet["Écrits professionnels"] == ["", "", "1,5", "", "", "", "", "1,5", "3,5"]
    assert sheet["Total"] == ["", "3", "1,5", "", "", "", "", "4,5", "6,5"]
    assert page.warnings() == []

    # Editing the session on « Terrain » moves its hours in the timesheet.
    field = window.page(FieldPage)
    assert isinstance(field, FieldPage)
    stored = db.repos.field_sessions.get(session.id)
    assert stored is not None
    db_session = stored.model_copy(update={"end_time": time(1, 30)})
    db.repos.field_sessions.save(db_session)
    window.hub.notify_changed("field_session", "time_entry")
    assert _sheet(page)["Travail de rue"][1] == "4"
    # Deleting it removes them.
    db.repos.field_sessions.delete(session.id)
    window.hub.notify_changed("field_session", "time_entry")
    assert _sheet(page)["Travail de rue"] == [""] * 9


def test_more_than_10_hours_a_day_or_48_a_week_is_warned_not_blocked(qtbot, db, window):
    (lucja, _cagri) = sorted(db.repos.staff.all(), key=lambda m: m.display_name)
    for day in range(10, 15):  # Monday 10 to Friday 14 March 2025
        db.repos.time_entries.save(
            TimeEntry(
                staff_id=lucja.id,
                date=date(2025, 3, day),
                category=ActivityCategory.PREPARATION,
                hours=9.5,
            )
        )
    window.show_page(5)
    page = window.page(TimePage)
    assert isinstance(page, TimePage)
    page.sheet_staff_combo.select_id(lucja.id)
    page.week_edit.setDate(QDate(2025, 3, 10))
    assert page.warnings() == []  # 47,5 h
    page.staff_combo.select_id(lucja.id)
    page.date_edit.setDate(QDate(2025, 3, 12))
    select_data(page.category_combo, ActivityCategory.WRITING)
    qtbot.keyClicks(page.hours_edit, "1.5")
    qtbot.mouseClick(page.add_button, LEFT)
    assert page.add_errors.lines() == []  # saved: a warning, not a block
    assert page.warnings() == [
        f"12/03/2025{C} 11 h dans la journée (plus de 10 h).",
        "49 h dans la semaine (plus de 48 h).",
    ]


def test_hand_typed_hours_can_be_edited_deleted_and_restored(qtbot, db, window):
    (lucja, _cagri) = sorted(db.repos.staff.all(), key=lambda m: m.display_name)
    entry = db.repos.time_entries.save(
        TimeEntry(
            staff_id=lucja.id, date=date(2025, 3, 12), category=ActivityCategory.TRAINING, hours=7
        )
    )
    window.show_page(5)
    page = window.page(TimePage)
    assert isinstance(page, TimePage)
    page.week_edit.setDate(QDate(2025, 3, 12))
    page.entries_table.selectRow(0)
    qtbot.mouseClick(page.entry_actions.edit_button, LEFT)
    assert page.hours_edit.text() == "7"
    page.hours_edit.clear()
    qtbot.keyClicks(page.hours_edit, "3,75")
    qtbot.mouseClick(page.add_button, LEFT)
    assert [(e.id, e.hours) for e in db.repos.time_entries.all()] == [(entry.id, 3.75)]
    page.entries_table.selectRow(0)
    qtbot.mouseClick(page.entry_actions.delete_button, LEFT)
    assert db.repos.time_entries.all() == []
    qtbot.mouseClick(page.entry_actions.undo_button, LEFT)
    assert [e.hours for e in db.repos.time_entries.all()] == [3.75]
