"""« Actions collectives »: participants (coded + anonymous), families or NR, partners,
sessions with hours per staff member, edit, delete and undo."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QDate

from sps_desk.enums import ActivityCategory, CollectiveActionType, PartnerType, Role, Sex
from sps_desk.records import NOT_RECORDED, StaffMember, TallyCell, YoungPerson
from sps_desk.store.database import Database
from sps_desk.ui.main_window import MainWindow
from sps_desk.ui.pages.collective import CollectiveActionsPage
from sps_desk.ui.widgets.forms import select_data
from tests.gui_support import LEFT

pytestmark = pytest.mark.usefixtures("french")


@pytest.fixture
def page(qtbot, db: Database) -> CollectiveActionsPage:
    db.repos.staff.save(StaffMember(display_name="Ğazi", role=Role.SOCIAL_WORKER, fte=1.0))
    main = MainWindow(db)
    qtbot.addWidget(main)
    main.resize(1366, 740)
    main.show()
    main.show_page(4)
    found = main.page(CollectiveActionsPage)
    assert isinstance(found, CollectiveActionsPage)
    return found


def test_an_action_with_coded_and_anonymous_participants_families_and_partners(qtbot, db, page):
    zoe = db.repos.young_people.save(YoungPerson(nickname="Zoé"))
    db.repos.young_people.save(YoungPerson(nickname="Ørjan"))
    page.hub.notify_changed("young_person")
    qtbot.keyClicks(page.title_edit, "Sejour montagne")
    select_data(page.type_combo, CollectiveActionType.RESIDENTIAL_TRIP)
    qtbot.mouseClick(page.families_nr_box, LEFT)
    page.families_spin.setValue(3)
    qtbot.keyClicks(page.participants_picker.search_edit, "zoe")
    qtbot.keyClick(page.participants_picker.search_edit, "\r")
    assert page.participants_picker.chosen_ids() == [zoe.id]
    for _ in range(2):
        qtbot.mouseClick(page.anonymous_grid.plus_button(Sex.MALE, "16-17"), LEFT)
    qtbot.keyClicks(page.partner_name_edit, "Centre social Jean Jaures")
    select_data(page.partner_type_combo, PartnerType.SOCIAL_CENTRE)
    qtbot.mouseClick(page.add_partner_button, LEFT)
    (partner,) = db.repos.partners.all()
    assert page.partner_list.checked_ids() == [partner.id]
    qtbot.mouseClick(page.create_button, LEFT)
    assert page.action_errors.lines() == []

    (action,) = db.repos.collective_actions.all()
    assert action.title == "Sejour montagne"
    assert action.type is CollectiveActionType.RESIDENTIAL_TRIP
    assert action.families == 3
    assert action.participant_ids == [zoe.id]
    assert action.anonymous_participants == [TallyCell(sex=Sex.MALE, age_bracket="16-17", count=2)]
    assert action.partner_ids == [partner.id]
    assert page.model.cell_text(0, 5) == "3"  # participants: 1 coded + 2 anonymous

    # Editing: families back to « non renseigné ».
    qtbot.mouseClick(page.actions.edit_button, LEFT)
    assert page.participants_picker.chosen_ids() == [zoe.id]
    qtbot.mouseClick(page.families_nr_box, LEFT)
    qtbot.mouseClick(page.create_button, LEFT)
    (action,) = db.repos.collective_actions.all()
    assert action.families == NOT_RECORDED
    assert page.model.cell_text(0, 2) == "NR"


def test_sessions_give_hours_and_follow_deletion_and_undo(qtbot, db, page):
    qtbot.keyClicks(page.title_edit, "Atelier numerique")
    qtbot.mouseClick(page.create_button, LEFT)
    (staff,) = db.repos.staff.all()
    page.session_date_edit.setDate(QDate(2025, 4, 9))
    qtbot.keyClicks(page.hours_edit, "2h30")
    page.session_staff.set_checked(staff.id)
    qtbot.mouseClick(page.session_button, LEFT)
    assert page.session_errors.lines() == []
    (session,) = db.repos.collective_sessions.all()
    assert (session.date, session.hours) == (date(2025, 4, 9), 2.5)
    assert [(e.category, e.hours) for e in db.repos.time_entries.all()] == [
        (ActivityCategory.COLLECTIVE_ACTIONS, 2.5)
    ]
    page.session_table.selectRow(0)
    qtbot.mouseClick(page.session_actions.delete_button, LEFT)
    assert db.repos.collective_sessions.all() == [] and db.repos.time_entries.all() == []
    qtbot.mouseClick(page.session_actions.undo_button, LEFT)
    assert len(db.repos.time_entries.all()) == 1

    # Deleting the action takes its sessions (and hours) with it; undo restores all.
    page.table.selectRow(0)
    qtbot.mouseClick(page.actions.delete_button, LEFT)
    assert db.repos.collective_actions.all() == [] and db.repos.time_entries.all() == []
    qtbot.mouseClick(page.actions.undo_button, LEFT)
    assert len(db.repos.collective_actions.all()) == 1
    assert len(db.repos.collective_sessions.all()) == 1
    assert len(db.repos.time_entries.all()) == 1


def test_a_title_cut_at_the_columns_width_is_whole_in_its_tooltip(qtbot, db, page):
    """At 1280×720 the titles of the actions are cut (« Atelier musique … »): hovering
    one shows it whole."""
    from PySide6.QtCore import Qt

    title = "Atelier musique assistée par ordinateur — Ἀλέξανδρος, Дмитрий et Çağrı"
    page.title_edit.setText(title)  # QTest types ASCII only
    qtbot.mouseClick(page.create_button, LEFT)
    assert page.action_errors.lines() == []
    window = page.window()
    window.resize(1280, 720)
    width = page.table.fontMetrics().horizontalAdvance(title)
    qtbot.waitUntil(lambda: page.table.columnWidth(0) < width)  # cut on screen
    index = page.model.index(0, 0)
    assert page.model.data(index, Qt.ItemDataRole.ToolTipRole) == title
    assert page.model.data(page.model.index(0, 4), Qt.ItemDataRole.ToolTipRole) is None  # hours
