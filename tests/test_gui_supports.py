"""« Accompagnements »: interventions, referrals, concern reports on a timeline; close,
reopen, edit, delete and undo — checked in the store."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QScrollArea

from sps_desk.enums import (
    ActivityCategory,
    ConcernAddressee,
    EndReason,
    InterventionType,
    PartnerType,
    Problem,
    Role,
    SupportOrigin,
)
from sps_desk.records import IndividualSupport, StaffMember, YoungPerson
from sps_desk.store.database import Database
from sps_desk.ui.main_window import MainWindow
from sps_desk.ui.pages.supports import SupportsPage
from sps_desk.ui.widgets.forms import select_data
from tests.gui_support import LEFT

pytestmark = pytest.mark.usefixtures("french")


@pytest.fixture
def setup(qtbot, db: Database):
    staff = [
        db.repos.staff.save(StaffMember(display_name=n, role=Role.SOCIAL_WORKER, fte=1.0))
        for n in ("Łucja Ø.", "Çağrı Ğ.")
    ]
    person = db.repos.young_people.save(YoungPerson(code="J-SUPP22", nickname="Işıl"))
    support = db.repos.supports.save(
        IndividualSupport(
            young_person_id=person.id,
            start_date=date(2025, 2, 3),
            origin=SupportOrigin.OWN_REQUEST,
            problems=[Problem.HOUSING],
        )
    )
    main = MainWindow(db)
    qtbot.addWidget(main)
    main.resize(1366, 740)
    main.show()
    main.show_page(3)
    page = main.page(SupportsPage)
    assert isinstance(page, SupportsPage)
    page.table.selectRow(0)
    return page, staff, person, support


def _timeline(page: SupportsPage) -> list[list[str]]:
    model = page.timeline_model
    return [[model.cell_text(r, c) for c in range(3)] for r in range(model.rowCount())]


def test_interventions_referrals_and_concern_reports_on_the_timeline(qtbot, db, setup):
    page, staff, person, support = setup
    select_data(page.intervention_type_combo, InterventionType.ACCOMPANIMENT)
    page.intervention_date_edit.setDate(QDate(2025, 3, 4))
    qtbot.keyClicks(page.intervention_hours_edit, "1.5")  # a dot works as a comma
    page.intervention_staff.set_checked(staff[0].id)
    page.intervention_staff.set_checked(staff[1].id)
    qtbot.mouseClick(page.intervention_button, LEFT)
    assert page.intervention_errors.lines() == []

    page.referral_date_edit.setDate(QDate(2025, 3, 10))
    select_data(page.referral_type_combo, PartnerType.MISSION_LOCALE)
    qtbot.mouseClick(page.referral_button, LEFT)
    page.concern_date_edit.setDate(QDate(2025, 3, 12))
    select_data(page.concern_addressee_combo, ConcernAddressee.CRIP)
    qtbot.mouseClick(page.concern_button, LEFT)

    (intervention,) = db.repos.interventions.all()
    assert (intervention.date, intervention.type, intervention.duration_hours) == (
        date(2025, 3, 4),
        InterventionType.ACCOMPANIMENT,
        1.5,
    )
    entries = db.repos.time_entries.derived_from(intervention.id)
    assert sorted((e.staff_id, e.category, e.hours) for e in entries) == sorted(
        [(m.id, ActivityCategory.INDIVIDUAL_SUPPORT, 1.5) for m in staff]
    )
    (referral,) = db.repos.referrals.all()
    assert (referral.support_id, referral.partner_type) == (support.id, PartnerType.MISSION_LOCALE)
    (report,) = db.repos.concern_reports.all()
    assert (report.young_person_id, report.date, report.addressee) == (
        person.id,
        date(2025, 3, 12),
        ConcernAddressee.CRIP,
    )
    assert set(report.model_dump()) - set(
        ["id", "created_at", "updated_at", "device_id", "deleted_at"]
    ) == {"young_person_id", "date", "addressee"}  # no content can be kept
    assert _timeline(page) == [
        ["12/03/2025", "Information préoccupante", "CRIP"],
        ["10/03/2025", "Orientation", PartnerType.MISSION_LOCALE.label],
        ["04/03/2025", InterventionType.ACCOMPANIMENT.label, "1 h 30 — Çağrı Ğ., Łucja Ø."],
    ]

    # Deleting the intervention removes its hours; undo brings both back.
    page.timeline_table.selectRow(2)
    qtbot.mouseClick(page.event_actions.delete_button, LEFT)
    assert db.repos.interventions.all() == [] and db.repos.time_entries.all() == []
    qtbot.mouseClick(page.event_actions.undo_button, LEFT)
    assert len(db.repos.interventions.all()) == 1 and len(db.repos.time_entries.all()) == 2

    # The status bar agrees with the record (trial: « Orientation … supprimé(e) »).
    status = page.window().statusBar()
    page.timeline_table.selectRow(1)
    qtbot.mouseClick(page.event_actions.delete_button, LEFT)
    assert status.currentMessage() == (
        "Orientation du 10/03/2025 supprimée. « Annuler la suppression » revient en arrière.")
    qtbot.mouseClick(page.event_actions.undo_button, LEFT)
    assert status.currentMessage() == "Orientation du 10/03/2025 rétablie."


def test_a_bad_duration_is_refused_in_french_and_kept(qtbot, db, setup):
    page, staff, _person, _support = setup
    page.intervention_staff.set_checked(staff[0].id)
    qtbot.keyClicks(page.intervention_hours_edit, "1,1")
    qtbot.mouseClick(page.intervention_button, LEFT)
    assert page.intervention_errors.lines() == [
        "Les heures se saisissent par quarts d'heure (0,25 ; 0,5 ; 0,75…)."
    ]
    assert page.intervention_hours_edit.text() == "1,1"
    assert db.repos.interventions.all() == []


def test_a_follow_up_before_the_start_of_the_support_is_refused(qtbot, db, setup):
    """Found by a new user: a referral dated before the support began was saved."""
    page, staff, _person, support = setup  # started on 03/02/2025
    page.tabs.setCurrentIndex(1)
    page.referral_date_edit.setDate(QDate(2025, 2, 2))
    qtbot.mouseClick(page.referral_button, LEFT)
    assert page.referral_errors.lines() == [
        "La date de l'orientation (02/02/2025) précède le début de l'accompagnement "
        "(03/02/2025)\u00a0: corrigez la date, ou la date de début de l'accompagnement."]
    page.tabs.setCurrentIndex(0)
    page.intervention_date_edit.setDate(QDate(2025, 1, 31))
    qtbot.keyClicks(page.intervention_hours_edit, "1")
    qtbot.mouseClick(page.intervention_button, LEFT)
    assert "La date de l'intervention (31/01/2025) précède" in page.intervention_errors.lines()[0]
    assert db.repos.interventions.all() == [] and db.repos.referrals.all() == []

    page.intervention_date_edit.setDate(QDate(2025, 2, 3))  # the first day is the start
    page.intervention_staff.set_checked(staff[0].id)
    qtbot.mouseClick(page.intervention_button, LEFT)
    assert page.intervention_errors.lines() == []
    # Moving the start after it is refused too: the intervention would precede it.
    qtbot.mouseClick(page.actions.edit_button, LEFT)
    page.start_edit.setDate(QDate(2025, 2, 4))
    qtbot.mouseClick(page.open_button, LEFT)
    assert page.open_errors.lines() == [
        "L'accompagnement a déjà une intervention ou une orientation datée du 03/02/2025"
        "\u00a0: choisissez un début au plus tard le 03/02/2025, ou supprimez d'abord ce "
        "suivi."]
    stored = db.repos.supports.get(support.id)
    assert stored is not None and stored.start_date == date(2025, 2, 3)


def test_cancelling_an_edit_empties_the_form_and_a_second_ongoing_support_is_refused(
        qtbot, db, setup):
    """Found by a new user: after « Annuler les modifications » the form still held the
    young person, and « Ouvrir l'accompagnement » opened a second ongoing support."""
    page, _staff, person, support = setup
    qtbot.mouseClick(page.actions.edit_button, LEFT)
    qtbot.mouseClick(page.cancel_edit_button, LEFT)
    assert page.young_picker.chosen_ids() == []
    assert page.start_edit.date() == QDate.currentDate()
    page.young_picker.set_chosen([person.id])
    qtbot.mouseClick(page.open_button, LEFT)
    assert page.open_errors.lines() == [
        "J-SUPP22 — Işıl a déjà un accompagnement en cours, commencé le 03/02/2025\u00a0: "
        "sélectionnez-le dans la liste pour le compléter, ou clôturez-le d'abord."]
    assert [s.id for s in db.repos.supports.all()] == [support.id]

    # Two ongoing supports merged from two laptops stay editable (one is then closed).
    merged = db.repos.supports.save(IndividualSupport(
        young_person_id=person.id, start_date=date(2025, 4, 1), origin=SupportOrigin.STREET_WORK))
    page.hub.notify_records({"individual_support": [merged.id]})
    page.select_support(support.id)
    qtbot.mouseClick(page.actions.edit_button, LEFT)
    page.problem_boxes[Problem.MOBILITY].click()
    qtbot.mouseClick(page.open_button, LEFT)
    assert page.open_errors.lines() == []
    stored = db.repos.supports.get(support.id)
    assert stored is not None and Problem.MOBILITY in stored.problems


def test_follow_ups_stay_within_the_support_and_an_undo_cannot_break_that(qtbot, db, setup):
    """After its end a support takes no follow-up, it cannot close before its last one,
    and undoing a deletion does not bring back a follow-up its dates now leave out (a
    new user undid two deletions after moving the start later)."""
    page, staff, _person, _support = setup  # started on 03/02/2025
    page.intervention_staff.set_checked(staff[0].id)
    page.intervention_date_edit.setDate(QDate(2025, 3, 4))
    qtbot.keyClicks(page.intervention_hours_edit, "1")
    qtbot.mouseClick(page.intervention_button, LEFT)
    page.tabs.setCurrentIndex(3)
    page.end_edit.setDate(QDate(2025, 3, 3))
    qtbot.mouseClick(page.close_button, LEFT)
    assert page.close_errors.lines() == [
        "L'accompagnement a une intervention ou une orientation datée du 04/03/2025\u00a0: "
        "clôturez-le le 04/03/2025 ou après, ou supprimez d'abord ce suivi."]
    page.end_edit.setDate(QDate(2025, 3, 4))
    qtbot.mouseClick(page.close_button, LEFT)
    assert page.close_errors.lines() == []
    page.tabs.setCurrentIndex(1)
    page.referral_date_edit.setDate(QDate(2025, 3, 5))
    qtbot.mouseClick(page.referral_button, LEFT)
    assert page.referral_errors.lines() == [
        "La date de l'orientation (05/03/2025) suit la fin de l'accompagnement (04/03/2025)"
        "\u00a0: corrigez la date, ou rouvrez l'accompagnement."]
    assert db.repos.referrals.all() == []

    page.tabs.setCurrentIndex(3)
    qtbot.mouseClick(page.reopen_button, LEFT)
    page.timeline_table.selectRow(0)
    qtbot.mouseClick(page.event_actions.delete_button, LEFT)
    assert db.repos.interventions.all() == []
    qtbot.mouseClick(page.actions.edit_button, LEFT)
    page.start_edit.setDate(QDate(2025, 3, 10))  # nothing left before: accepted
    qtbot.mouseClick(page.open_button, LEFT)
    assert page.open_errors.lines() == []
    qtbot.mouseClick(page.event_actions.undo_button, LEFT)
    assert db.repos.interventions.all() == []
    assert page.window().statusBar().currentMessage() == (
        "La suppression ne peut pas être annulée\u00a0: le suivi daté du 04/03/2025 "
        "précéderait le début de son accompagnement (10/03/2025). Changez d'abord la date "
        "de début.")
    assert page.event_actions.undo_button.isEnabled()  # still offered once the start moves


def test_close_then_reopen_a_support(qtbot, db, setup):
    page, _staff, _person, support = setup
    assert page.close_button.isEnabled() and not page.reopen_button.isEnabled()
    page.end_edit.setDate(QDate(2025, 6, 30))
    select_data(page.reason_combo, EndReason.LOST_CONTACT)
    qtbot.mouseClick(page.close_button, LEFT)
    stored = db.repos.supports.get(support.id)
    assert stored is not None
    assert (stored.end_date, stored.end_reason) == (date(2025, 6, 30), EndReason.LOST_CONTACT)
    assert page.reopen_button.isEnabled()
    qtbot.mouseClick(page.reopen_button, LEFT)
    stored = db.repos.supports.get(support.id)
    assert stored is not None and (stored.end_date, stored.end_reason) == (None, None)
    assert stored.problems == [Problem.HOUSING]
    assert page.model.cell_text(0, 4) == "En cours"


def test_the_follow_up_buttons_name_the_young_person_they_record_for(qtbot, db, setup):
    """Hours typed stay when another support is selected: a new user recorded an
    intervention for the wrong young person. The buttons say whose support they add to,
    by code (a long nickname, cut, could be anyone's)."""
    page, _staff, _person, support = setup
    other = db.repos.young_people.save(YoungPerson(code="J-ÉLAN7", nickname="Ромa"))
    second = db.repos.supports.save(IndividualSupport(
        young_person_id=other.id, start_date=date(2025, 5, 6), origin=SupportOrigin.STREET_WORK,
        problems=[]))
    page.hub.notify_records({"young_person": [other.id], "individual_support": [second.id]})
    page.tabs.setCurrentIndex(3)  # built now: its buttons are named too
    page.select_support(support.id)
    qtbot.keyClicks(page.intervention_hours_edit, "2")
    assert page.intervention_button.text() == "Ajouter l'intervention pour J-SUPP22"
    assert page.close_button.text() == "Clore l'accompagnement de J-SUPP22"
    page.select_support(second.id)
    assert page.intervention_hours_edit.text() == "2"
    assert page.intervention_button.text() == "Ajouter l'intervention pour J-ÉLAN7"
    page.tabs.setCurrentIndex(1)
    assert page.referral_button.text() == "Ajouter l'orientation pour J-ÉLAN7"
    page.table.clearSelection()
    assert page.intervention_button.text() == "Ajouter l'intervention"
    assert page.referral_button.text() == "Ajouter l'orientation"
    assert not page.intervention_button.isEnabled()


@pytest.mark.parametrize(("code", "nickname"), [
    ("J-LONG7", "Ἀλέξανδρος Παπαδόπουλος-Κωνσταντινίδης " * 2),
    ("J-LONG7", "عبد الرحمن بن محمد العبدالله الكبير " * 2),
    ("J-LONG7", "W" * 40),
    ("J-2019-ARRAS-NORD-0001234-ABCDEFGH-KLMN", "Jean-Baptiste Emmanuel de la Rochefoucauld"),
    ("J-" + "W" * 38, "Kémi"),  # the widest letter: cut on the buttons
])
def test_a_long_nickname_widens_nothing_at_1280_pixels(qtbot, db, setup, code, nickname):
    """A new user's long nicknames, and a tester's long codes, made the right pane
    scroll sideways and cut the buttons and the editing title. The code is shown whole
    in the labels, the nickname cut."""
    page, _staff, _person, _support = setup
    person = db.repos.young_people.save(YoungPerson(code=code, nickname=nickname.strip()))
    support = db.repos.supports.save(IndividualSupport(
        young_person_id=person.id, start_date=date(2025, 5, 6),
        origin=SupportOrigin.STREET_WORK, problems=[]))
    page.hub.notify_records({"young_person": [person.id], "individual_support": [support.id]})
    page.window().resize(1280, 720)
    page.select_support(support.id)
    for tab in range(4):
        page.tabs.setCurrentIndex(tab)
    qtbot.mouseClick(page.actions.edit_button, LEFT)
    qtbot.wait(50)
    label = page.selected_label.text()
    assert label.startswith(f"Accompagnement de {code} — ")
    assert ("…" in label) == (len(nickname.strip()) > 32)
    if "ب" in nickname:  # the « … » ends the right-to-left run, where it shows
        assert "…\u200f, commencé le 06/05/2025." in label
    assert page.editing_label.text().startswith(f"Modification de l'accompagnement de {code} — ")
    for area in page.findChildren(QScrollArea):
        if area.isVisible():
            assert not area.horizontalScrollBar().isVisible(), area.widget()


def test_edit_delete_and_undo_a_support(qtbot, db, setup):
    page, staff, _person, support = setup
    qtbot.mouseClick(page.actions.edit_button, LEFT)
    qtbot.mouseClick(page.problem_boxes[Problem.SCHOOLING], LEFT)
    page.referent_combo.select_id(staff[1].id)
    qtbot.mouseClick(page.open_button, LEFT)
    assert page.open_errors.lines() == []
    (stored,) = db.repos.supports.all()
    assert stored.id == support.id
    assert stored.problems == [Problem.SCHOOLING, Problem.HOUSING]
    assert stored.referent_id == staff[1].id

    page.table.selectRow(0)
    qtbot.mouseClick(page.actions.delete_button, LEFT)
    assert db.repos.supports.all() == []
    message = page.window().statusBar().currentMessage()
    assert message.startswith("Accompagnement de ") and message.endswith(
        " supprimé. « Annuler la suppression » revient en arrière.")
    qtbot.mouseClick(page.actions.undo_button, LEFT)
    assert [s.id for s in db.repos.supports.all()] == [support.id]


def test_tab_walks_the_follow_up_tab_shown_whichever_was_built_later(qtbot, qapp, db, setup):
    """The follow-up tabs after the first are built when first shown (issue 12); the
    keyboard still goes from the tab bar through the fields of the tab shown, in order,
    then leaves the tabs as it does from the first one."""
    page, *_ = setup
    fields = {
        0: ["intervention_type_combo", "intervention_date_edit", "intervention_hours_edit",
            "intervention_staff", "intervention_button"],
        1: ["referral_date_edit", "referral_type_combo", "referral_button"],
        2: ["concern_date_edit", "concern_addressee_combo", "concern_button"],
        3: ["end_edit", "reason_combo", "close_button"],
    }

    def walked(tab: int) -> list[object]:
        page.tabs.setCurrentIndex(tab)
        page.tabs.tabBar().setFocus(Qt.FocusReason.TabFocusReason)
        focused = []
        for _ in range(len(fields[tab]) + 1):
            qtbot.keyClick(qapp.focusWidget(), Qt.Key.Key_Tab)
            focused.append(qapp.focusWidget())
        return focused

    after_first = walked(0)[-1]
    for tab in (1, 2, 3):
        assert page.tabs.widget(tab).layout() is None  # not built before shown
        focused = walked(tab)
        expected = [getattr(page, name) for name in fields[tab]]
        assert [next(w for w in expected if w is f or w.isAncestorOf(f))
                for f in focused[:-1]] == expected
        assert focused[-1] is after_first
