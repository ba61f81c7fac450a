"""« Accompagnements »: one ongoing support per young person and follow-ups within their
support, whatever the path — reopening, undoing a deletion, an edit form left open while
the support was closed or reopened, a restriction (GDPR art. 18). Each case was found by
trying to break the rules (tests written from the tester's reproductions)."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QDate

from sps_desk.enums import EndReason, Problem, Role, SupportOrigin
from sps_desk.records import IndividualSupport, StaffMember, YoungPerson
from sps_desk.store import rights
from sps_desk.store.database import Database
from sps_desk.ui.main_window import MainWindow
from sps_desk.ui.pages.supports import SupportsPage
from sps_desk.ui.restriction import restriction_notice
from tests.gui_support import LEFT

pytestmark = pytest.mark.usefixtures("french")


@pytest.fixture
def setup(qtbot, db: Database):
    staff = db.repos.staff.save(
        StaffMember(display_name="Łucja Ø.", role=Role.SOCIAL_WORKER, fte=1.0))
    db.repos.staff.save(StaffMember(display_name="Çağrı Ğ.", role=Role.SOCIAL_WORKER, fte=1.0))
    person = db.repos.young_people.save(YoungPerson(code="J-A1", nickname="Işıl"))
    other = db.repos.young_people.save(YoungPerson(code="J-B2", nickname="Ωmar"))
    support = db.repos.supports.save(IndividualSupport(
        young_person_id=person.id, start_date=date(2025, 2, 3),
        origin=SupportOrigin.OWN_REQUEST, problems=[Problem.HOUSING]))
    main = MainWindow(db)
    qtbot.addWidget(main)
    main.resize(1280, 720)
    main.show()
    main.show_page(3)
    page = main.page(SupportsPage)
    assert isinstance(page, SupportsPage)
    page.select_support(support.id)
    return page, staff, person, other, support


def _ongoing(db: Database, young_id) -> list[IndividualSupport]:
    return [s for s in db.repos.supports.for_young_person(young_id) if s.end_date is None]


def _intervention(qtbot, page: SupportsPage, staff: StaffMember, day: QDate) -> list[str]:
    page.tabs.setCurrentIndex(0)
    page.intervention_staff.set_checked(staff.id)
    page.intervention_date_edit.setDate(day)
    page.intervention_hours_edit.setText("1")
    qtbot.mouseClick(page.intervention_button, LEFT)
    return page.intervention_errors.lines()


def _close(qtbot, page: SupportsPage, day: QDate) -> list[str]:
    page.tabs.setCurrentIndex(3)
    page.end_edit.setDate(day)
    qtbot.mouseClick(page.close_button, LEFT)
    return page.close_errors.lines()


def _open(qtbot, page: SupportsPage, young_id, day: QDate) -> list[str]:
    page.reset_open_form()
    page.young_picker.set_chosen([young_id])
    page.start_edit.setDate(day)
    qtbot.mouseClick(page.open_button, LEFT)
    return page.open_errors.lines()


def _status(page: SupportsPage) -> str:
    return page.window().statusBar().currentMessage()


def test_reopening_is_refused_while_another_support_is_ongoing(qtbot, db, setup):
    page, _staff, person, _other, support = setup
    assert _close(qtbot, page, QDate(2025, 3, 1)) == []
    assert _open(qtbot, page, person.id, QDate(2025, 4, 1)) == []
    page.select_support(support.id)
    page.tabs.setCurrentIndex(3)
    qtbot.mouseClick(page.reopen_button, LEFT)
    assert page.close_errors.lines() == [
        "J-A1 — Işıl a déjà un accompagnement en cours, commencé le 01/04/2025\u00a0: "
        "sélectionnez-le dans la liste pour le compléter, ou clôturez-le d'abord."]
    assert len(_ongoing(db, person.id)) == 1


def test_undoing_a_support_deletion_is_refused_while_another_is_ongoing(qtbot, db, setup):
    page, _staff, person, _other, support = setup
    qtbot.mouseClick(page.actions.delete_button, LEFT)
    assert _open(qtbot, page, person.id, QDate(2025, 4, 1)) == []
    qtbot.mouseClick(page.actions.undo_button, LEFT)
    assert _status(page) == (
        "La suppression ne peut pas être annulée\u00a0: J-A1 — Işıl a maintenant un autre "
        "accompagnement en cours, commencé le 01/04/2025. Clôturez-le d'abord.")
    assert len(_ongoing(db, person.id)) == 1
    assert db.repos.supports.get(support.id) is None


def test_a_closed_support_may_move_to_a_young_person_with_an_ongoing_one(qtbot, db, setup):
    page, _staff, person, other, _support = setup
    closed = db.repos.supports.save(IndividualSupport(
        young_person_id=other.id, start_date=date(2024, 1, 3), end_date=date(2024, 5, 1),
        end_reason=EndReason.LOST_CONTACT, origin=SupportOrigin.OWN_REQUEST))
    page.hub.notify_records({"individual_support": [closed.id]})
    page.select_support(closed.id)
    qtbot.mouseClick(page.actions.edit_button, LEFT)
    page.young_picker.set_chosen([person.id])
    qtbot.mouseClick(page.open_button, LEFT)
    assert page.open_errors.lines() == []
    moved = db.repos.supports.get(closed.id)
    assert moved is not None and moved.young_person_id == person.id
    assert moved.end_date == date(2024, 5, 1)


def test_an_edit_form_left_open_keeps_a_close_or_reopen_made_meanwhile(qtbot, db, setup):
    page, staff, _person, _other, support = setup
    qtbot.mouseClick(page.actions.edit_button, LEFT)
    assert _close(qtbot, page, QDate(2025, 3, 1)) == []
    page.problem_boxes[Problem.MOBILITY].click()
    qtbot.mouseClick(page.open_button, LEFT)
    stored = db.repos.supports.get(support.id)
    assert stored is not None and stored.end_date == date(2025, 3, 1)  # not reopened
    assert Problem.MOBILITY in stored.problems

    page.select_support(support.id)
    qtbot.mouseClick(page.actions.edit_button, LEFT)
    page.tabs.setCurrentIndex(3)
    qtbot.mouseClick(page.reopen_button, LEFT)
    assert _intervention(qtbot, page, staff, QDate(2025, 6, 1)) == []
    qtbot.mouseClick(page.open_button, LEFT)
    stored = db.repos.supports.get(support.id)
    assert stored is not None and stored.end_date is None  # not closed again before it


def test_undoing_a_follow_up_whose_support_was_deleted_is_refused(qtbot, db, setup):
    page, staff, _person, _other, support = setup
    assert _intervention(qtbot, page, staff, QDate(2025, 3, 4)) == []
    page.timeline_table.selectRow(0)
    qtbot.mouseClick(page.event_actions.delete_button, LEFT)
    page.select_support(support.id)
    qtbot.mouseClick(page.actions.delete_button, LEFT)
    qtbot.mouseClick(page.event_actions.undo_button, LEFT)
    assert _status(page) == (
        "La suppression ne peut pas être annulée\u00a0: l'accompagnement de ce suivi a été "
        "supprimé. Annulez d'abord cette suppression-là.")
    assert db.repos.interventions.all() == [] and db.repos.time_entries.all() == []
    qtbot.mouseClick(page.actions.undo_button, LEFT)  # the support first, then its follow-up
    qtbot.mouseClick(page.event_actions.undo_button, LEFT)
    assert [i.date for i in db.repos.interventions.all()] == [date(2025, 3, 4)]


def test_undo_restores_nothing_of_a_restricted_young_person(qtbot, db, setup):
    page, staff, person, _other, support = setup
    assert _intervention(qtbot, page, staff, QDate(2025, 3, 4)) == []
    page.timeline_table.selectRow(0)
    qtbot.mouseClick(page.event_actions.delete_button, LEFT)
    rights.restrict(db, person)
    page.hub.notify_records({"young_person": [person.id]})
    page.select_support(support.id)
    qtbot.mouseClick(page.event_actions.undo_button, LEFT)
    assert db.repos.interventions.all() == []
    assert _status(page) == restriction_notice()


def test_cancelling_an_edit_puts_back_the_default_origin_and_referent(qtbot, db, setup):
    page, staff, _person, other, _support = setup
    edited = db.repos.supports.save(IndividualSupport(
        young_person_id=other.id, start_date=date(2024, 1, 3), referent_id=staff.id,
        origin=SupportOrigin.PARTNER_REFERRAL))
    page.hub.notify_records({"individual_support": [edited.id]})
    before = (page.origin_combo.currentIndex(), page.referent_combo.current_id())
    page.select_support(edited.id)
    qtbot.mouseClick(page.actions.edit_button, LEFT)
    assert page.referent_combo.current_id() == staff.id
    qtbot.mouseClick(page.cancel_edit_button, LEFT)
    assert (page.origin_combo.currentIndex(), page.referent_combo.current_id()) == before
    assert before[1] is None  # two in the team: no referent chosen by default
