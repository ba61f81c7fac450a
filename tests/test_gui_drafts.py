"""Nothing typed is lost: every form's draft is kept in the base and offered back after
the window is closed without saving, or restored after a lock; saving or discarding
drops it (issue 3, item 6)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from uuid import UUID

import pytest
from PySide6.QtCore import QDate
from PySide6.QtWidgets import QApplication, QLineEdit

from sps_desk.enums import (
    ActivityCategory,
    CollectiveActionType,
    ConcernAddressee,
    InterventionType,
    PartnerType,
    Problem,
    Role,
    Sex,
    Situation,
    SupportOrigin,
)
from sps_desk.records import (
    CollectiveAction,
    IndividualSupport,
    StaffMember,
    YoungPerson,
)
from sps_desk.store.database import Database
from sps_desk.store.drafts import Drafts
from sps_desk.ui.main_window import PAGE_TYPES, MainWindow
from sps_desk.ui.pages.base import Page
from sps_desk.ui.pages.collective import CollectiveActionsPage
from sps_desk.ui.pages.supports import SupportsPage
from sps_desk.ui.pages.time_entries import TimePage
from sps_desk.ui.pages.young_people import YoungPeoplePage
from sps_desk.ui.widgets.forms import combo_enum, select_data
from tests.conftest import PASSPHRASE
from tests.gui_support import LEFT

pytestmark = pytest.mark.usefixtures("french")


@dataclass
class Data:
    """Records the forms refer to."""

    staff: StaffMember
    person: YoungPerson
    support: IndividualSupport
    action: CollectiveAction
    newcomer: YoungPerson
    """Without a support yet: one ongoing support per young person."""


@pytest.fixture
def data(db: Database) -> Data:
    staff = db.repos.staff.save(
        StaffMember(display_name="Ayşe Çelik", role=Role.SOCIAL_WORKER, fte=1.0)
    )
    person = db.repos.young_people.save(YoungPerson(code="J-DRAFT1", nickname="Дмитрий"))
    support = db.repos.supports.save(
        IndividualSupport(
            young_person_id=person.id,
            start_date=date(2025, 2, 3),
            origin=SupportOrigin.OWN_REQUEST,
        )
    )
    action = db.repos.collective_actions.save(
        CollectiveAction(title="Chantier Œnone", type=CollectiveActionType.WORK_PROJECT)
    )
    newcomer = db.repos.young_people.save(YoungPerson(code="J-DRAFT2", nickname="Ağça"))
    return Data(staff, person, support, action, newcomer)


def _type(qtbot, edit: QLineEdit, text: str) -> None:
    """Type ``text`` key by key; QTest has keys for ASCII only, so other letters are
    inserted as an input method does."""
    for character in text:
        if character.isascii():
            qtbot.keyClicks(edit, character)
        else:
            edit.insert(character)


def _window(qtbot, db: Database) -> MainWindow:
    main = MainWindow(db)
    qtbot.addWidget(main)
    main.resize(1366, 740)
    main.show()
    return main


def _page(window: MainWindow, page_type: type[Page]) -> Page:
    window.show_page(PAGE_TYPES.index(page_type))
    return window.page(page_type)


@dataclass(frozen=True)
class Scenario:
    """A form: what the user types, what must come back, how it is saved, what is stored."""

    form: str
    page: type[Page]
    fill: Callable[..., None]
    check: Callable[..., None]
    save: Callable[[Page], None]
    stored: Callable[[Database, Data], bool]

    def __str__(self) -> str:
        return self.form


def _id(record: IndividualSupport | CollectiveAction | None) -> UUID | None:
    return None if record is None else record.id


def _fill_young(qtbot, page: YoungPeoplePage, data: Data) -> None:
    _type(qtbot, page.nickname_edit, "Zoé Lefèvre-Ñúñez")
    select_data(page.sex_combo, Sex.FEMALE)
    qtbot.mouseClick(page.birth_known_box, LEFT)
    page.birth_edit.setDate(QDate(2009, 4, 17))
    select_data(page.situation_combo, Situation.LYCEE)


def _check_young(page: YoungPeoplePage, data: Data) -> None:
    assert page.nickname_edit.text() == "Zoé Lefèvre-Ñúñez"
    assert combo_enum(page.sex_combo, Sex) is Sex.FEMALE
    assert page.birth_known_box.isChecked() and page.birth_edit.date() == QDate(2009, 4, 17)
    assert combo_enum(page.situation_combo, Situation) is Situation.LYCEE


def _fill_support(qtbot, page: SupportsPage, data: Data) -> None:
    page.young_picker.set_chosen([data.newcomer.id])
    page.start_edit.setDate(QDate(2025, 9, 1))
    select_data(page.origin_combo, SupportOrigin.FAMILY)
    qtbot.mouseClick(page.problem_boxes[Problem.HOUSING], LEFT)
    qtbot.mouseClick(page.problem_boxes[Problem.SCHOOLING], LEFT)


def _check_support(page: SupportsPage, data: Data) -> None:
    assert page.young_picker.chosen_ids() == [data.newcomer.id]
    assert page.start_edit.date() == QDate(2025, 9, 1)
    assert combo_enum(page.origin_combo, SupportOrigin) is SupportOrigin.FAMILY
    ticked = {p for p, box in page.problem_boxes.items() if box.isChecked()}
    assert ticked == {Problem.HOUSING, Problem.SCHOOLING}


def _fill_intervention(qtbot, page: SupportsPage, data: Data) -> None:
    page.select_support(data.support.id)
    select_data(page.intervention_type_combo, InterventionType.HOME_VISIT)
    page.intervention_date_edit.setDate(QDate(2025, 3, 4))
    qtbot.keyClicks(page.intervention_hours_edit, "1,5")
    page.intervention_staff.set_checked(data.staff.id)


def _check_intervention(page: SupportsPage, data: Data) -> None:
    assert _id(page.selected_support()) == data.support.id
    assert page.tabs.currentIndex() == 0
    assert combo_enum(page.intervention_type_combo, InterventionType) is (
        InterventionType.HOME_VISIT
    )
    assert page.intervention_date_edit.date() == QDate(2025, 3, 4)
    assert page.intervention_hours_edit.text() == "1,5"
    assert page.intervention_staff.checked_ids() == [data.staff.id]


def _fill_referral(qtbot, page: SupportsPage, data: Data) -> None:
    page.select_support(data.support.id)
    page.tabs.setCurrentIndex(1)
    page.referral_date_edit.setDate(QDate(2025, 3, 10))
    select_data(page.referral_type_combo, PartnerType.MISSION_LOCALE)


def _check_referral(page: SupportsPage, data: Data) -> None:
    assert _id(page.selected_support()) == data.support.id
    assert page.tabs.currentIndex() == 1
    assert page.referral_date_edit.date() == QDate(2025, 3, 10)
    assert combo_enum(page.referral_type_combo, PartnerType) is PartnerType.MISSION_LOCALE


def _fill_concern(qtbot, page: SupportsPage, data: Data) -> None:
    page.select_support(data.support.id)
    page.tabs.setCurrentIndex(2)
    page.concern_date_edit.setDate(QDate(2025, 3, 12))
    select_data(page.concern_addressee_combo, ConcernAddressee.PROSECUTOR)


def _check_concern(page: SupportsPage, data: Data) -> None:
    assert _id(page.selected_support()) == data.support.id
    assert page.tabs.currentIndex() == 2
    assert page.concern_date_edit.date() == QDate(2025, 3, 12)
    assert combo_enum(page.concern_addressee_combo, ConcernAddressee) is (
        ConcernAddressee.PROSECUTOR
    )


def _fill_action(qtbot, page: CollectiveActionsPage, data: Data) -> None:
    _type(qtbot, page.title_edit, "Séjour à Çeşme")
    select_data(page.type_combo, CollectiveActionType.RESIDENTIAL_TRIP)
    qtbot.mouseClick(page.families_nr_box, LEFT)
    page.families_spin.setValue(4)
    for _ in range(3):
        qtbot.mouseClick(page.anonymous_grid.plus_button(Sex.MALE, "16-17"), LEFT)
    page.participants_picker.set_chosen([data.person.id])


def _check_action(page: CollectiveActionsPage, data: Data) -> None:
    assert page.title_edit.text() == "Séjour à Çeşme"
    assert combo_enum(page.type_combo, CollectiveActionType) is (
        CollectiveActionType.RESIDENTIAL_TRIP
    )
    assert not page.families_nr_box.isChecked() and page.families_spin.value() == 4
    assert page.anonymous_grid.spin(Sex.MALE, "16-17").value() == 3
    assert page.participants_picker.chosen_ids() == [data.person.id]


def _fill_session(qtbot, page: CollectiveActionsPage, data: Data) -> None:
    page.select_action(data.action.id)
    page.session_date_edit.setDate(QDate(2025, 7, 8))
    qtbot.keyClicks(page.hours_edit, "2h30")
    page.session_staff.set_checked(data.staff.id)


def _check_session(page: CollectiveActionsPage, data: Data) -> None:
    assert _id(page.selected_action()) == data.action.id
    assert page.session_date_edit.date() == QDate(2025, 7, 8)
    assert page.hours_edit.text() == "2h30"
    assert page.session_staff.checked_ids() == [data.staff.id]


def _fill_hours(qtbot, page: TimePage, data: Data) -> None:
    page.staff_combo.select_id(data.staff.id)
    page.date_edit.setDate(QDate(2025, 5, 6))
    select_data(page.category_combo, ActivityCategory.WRITING)
    qtbot.keyClicks(page.hours_edit, "3,25")


def _check_hours(page: TimePage, data: Data) -> None:
    assert page.staff_combo.current_id() == data.staff.id
    assert page.date_edit.date() == QDate(2025, 5, 6)
    assert combo_enum(page.category_combo, ActivityCategory) is ActivityCategory.WRITING
    assert page.hours_edit.text() == "3,25"


def _click(name: str) -> Callable[[Page], None]:
    def click(page: Page) -> None:
        button = getattr(page, name)
        button.click()

    return click


def _young_stored(db: Database, data: Data) -> bool:
    return any(p.nickname == "Zoé Lefèvre-Ñúñez" for p in db.repos.young_people.all())


SCENARIOS = [
    Scenario(
        "young_person", YoungPeoplePage, _fill_young, _check_young,
        # The nickname looks like nobody: one click saves.
        _click("save_button"), _young_stored,
    ),
    Scenario(
        "support", SupportsPage, _fill_support, _check_support, _click("open_button"),
        lambda db, d: len(db.repos.supports.all()) == 2,
    ),
    Scenario(
        "intervention", SupportsPage, _fill_intervention, _check_intervention,
        _click("intervention_button"),
        lambda db, d: [i.duration_hours for i in db.repos.interventions.all()] == [1.5],
    ),
    Scenario(
        "referral", SupportsPage, _fill_referral, _check_referral, _click("referral_button"),
        lambda db, d: [r.partner_type for r in db.repos.referrals.all()]
        == [PartnerType.MISSION_LOCALE],
    ),
    Scenario(
        "concern_report", SupportsPage, _fill_concern, _check_concern,
        _click("concern_button"),
        lambda db, d: [c.date for c in db.repos.concern_reports.all()] == [date(2025, 3, 12)],
    ),
    Scenario(
        "collective_action", CollectiveActionsPage, _fill_action, _check_action,
        _click("create_button"),
        lambda db, d: any(a.families == 4 for a in db.repos.collective_actions.all()),
    ),
    Scenario(
        "collective_session", CollectiveActionsPage, _fill_session, _check_session,
        _click("session_button"),
        lambda db, d: [s.hours for s in db.repos.collective_sessions.all()] == [2.5],
    ),
    Scenario(
        "time_entry", TimePage, _fill_hours, _check_hours, _click("add_button"),
        lambda db, d: [e.hours for e in db.repos.time_entries.all()] == [3.25],
    ),
]


@pytest.mark.parametrize("scenario", SCENARIOS, ids=str)
def test_a_form_closed_without_saving_is_offered_back_and_saving_drops_the_draft(
    qtbot, db: Database, data: Data, scenario: Scenario
):
    window = _window(qtbot, db)
    page = _page(window, scenario.page)
    scenario.fill(qtbot, page, data)
    window.close()  # no save: the page writes its draft on the way out
    assert Drafts(db).forms() == [scenario.form]
    assert not scenario.stored(db, data)

    again = _window(qtbot, db)
    reopened = _page(again, scenario.page)
    assert reopened.banner.isVisible()
    with pytest.raises(AssertionError):  # the form opens empty: the user chooses
        scenario.check(reopened, data)
    qtbot.mouseClick(reopened.banner.restore_button, LEFT)
    assert not reopened.banner.isVisible()
    scenario.check(reopened, data)
    scenario.save(reopened)
    assert scenario.stored(db, data)
    assert Drafts(db).forms() == []


def test_a_lock_keeps_every_form_and_gives_it_back_after_unlocking(
    qtbot, db: Database, data: Data
):
    window = _window(qtbot, db)
    # Follow-up forms share their page's selection: one form per page at a time.
    chosen = [s for s in SCENARIOS if s.form in ("young_person", "intervention",
                                                  "collective_session", "time_entry")]
    for scenario in chosen:
        scenario.fill(qtbot, _page(window, scenario.page), data)
    assert window.session_lock.lock()
    QApplication.sendPostedEvents(None, 0)
    assert window.pages == []
    window.session_lock.screen.passphrase_edit.setText(PASSPHRASE)
    qtbot.mouseClick(window.session_lock.screen.unlock_button, LEFT)
    assert not window.session_lock.locked
    for scenario in chosen:
        page = _page(window, scenario.page)
        scenario.check(page, data)
        assert not page.banner.isVisible()  # given back without asking
    window.database.close()


def test_discarding_drops_the_drafts_and_leaves_the_forms_empty(
    qtbot, db: Database, data: Data
):
    window = _window(qtbot, db)
    scenario = SCENARIOS[0]
    scenario.fill(qtbot, _page(window, scenario.page), data)
    window.close()
    again = _window(qtbot, db)
    page = _page(again, scenario.page)
    qtbot.mouseClick(page.banner.discard_button, LEFT)
    assert not page.banner.isVisible()
    assert Drafts(db).forms() == []
    assert isinstance(page, YoungPeoplePage) and page.nickname_edit.text() == ""
    again.close()
    assert Drafts(db).forms() == []


def test_an_edit_in_progress_comes_back_as_the_same_record(qtbot, db: Database, data: Data):
    window = _window(qtbot, db)
    page = _page(window, YoungPeoplePage)
    assert isinstance(page, YoungPeoplePage)
    page.table.selectRow(0)
    page.edit_selected()
    window.close()
    assert Drafts(db).forms() == []  # nothing changed yet: nothing to keep

    window = _window(qtbot, db)
    page = _page(window, YoungPeoplePage)
    assert isinstance(page, YoungPeoplePage)
    page.table.selectRow(0)
    page.edit_selected()
    page.nickname_edit.setText("Дима")
    window.close()
    again = _window(qtbot, db)
    reopened = _page(again, YoungPeoplePage)
    assert isinstance(reopened, YoungPeoplePage)
    qtbot.mouseClick(reopened.banner.restore_button, LEFT)
    assert reopened.editing_label.text() == "Modification de J-DRAFT1"
    qtbot.mouseClick(reopened.save_button, LEFT)
    person = db.repos.young_people.get(data.person.id)
    assert person is not None and (person.code, person.nickname) == ("J-DRAFT1", "Дима")
    assert len(db.repos.young_people.all()) == 2  # the same record, not a new one
    assert Drafts(db).forms() == []


def test_reloading_the_lists_is_not_typing(qtbot, db: Database, data: Data):
    window = _window(qtbot, db)
    for index in range(1, 6):
        window.show_page(index)
    # Another page records a young person and a staff member: combos reload everywhere.
    db.repos.young_people.save(YoungPerson(nickname="Ayşe"))
    db.repos.staff.save(StaffMember(display_name="Łucja", role=Role.SOCIAL_WORKER, fte=0.5))
    window.hub.notify_changed("young_person", "staff_member")
    window.close()
    assert Drafts(db).forms() == []


def test_leaving_the_page_before_answering_keeps_the_draft(qtbot, db: Database, data: Data):
    """Found by a new user: the banner was shown but the draft was already gone."""
    window = _window(qtbot, db)
    scenario = SCENARIOS[-1]  # hours typed by hand
    scenario.fill(qtbot, _page(window, scenario.page), data)
    window.close()
    again = _window(qtbot, db)
    page = _page(again, scenario.page)
    assert page.banner.isVisible()
    _page(again, YoungPeoplePage)  # look something up first, without answering
    again.close()  # and even close the window
    assert Drafts(db).forms() == [scenario.form]
    third = _window(qtbot, db)
    page = _page(third, scenario.page)
    qtbot.mouseClick(page.banner.restore_button, LEFT)
    scenario.check(page, data)


@pytest.mark.parametrize("scenario", [s for s in SCENARIOS
                                      if s.form in ("referral", "concern_report")], ids=str)
def test_a_follow_up_tab_built_when_shown_still_gives_back_what_a_crash_interrupted(
    qtbot, db: Database, data: Data, scenario: Scenario
):
    """The follow-up tabs after the first are built when first shown (issue 12): a draft
    autosaved in one of them before a crash still comes back into it, built for it."""
    window = _window(qtbot, db)
    page = _page(window, SupportsPage)
    assert isinstance(page, SupportsPage)
    assert page.tabs.widget(1).layout() is None and page.tabs.widget(2).layout() is None
    scenario.fill(qtbot, page, data)
    assert page.drafts is not None
    page.drafts.flush()  # the autosave, after the quiet time; then the power goes
    assert Drafts(db).forms() == [scenario.form]

    again = _window(qtbot, db)  # the first window never closed
    reopened = _page(again, SupportsPage)
    assert isinstance(reopened, SupportsPage)
    assert reopened.banner.isVisible()
    assert reopened.tabs.widget(1).layout() is None and reopened.tabs.widget(2).layout() is None
    qtbot.mouseClick(reopened.banner.restore_button, LEFT)
    scenario.check(reopened, data)
    scenario.save(reopened)
    assert scenario.stored(db, data)
    assert Drafts(db).forms() == []


def test_a_follow_up_form_typed_before_a_lock_comes_back_in_its_tab_built_again(
    qtbot, db: Database, data: Data
):
    window = _window(qtbot, db)
    concern = next(s for s in SCENARIOS if s.form == "concern_report")
    concern.fill(qtbot, _page(window, SupportsPage), data)
    assert window.session_lock.lock()
    QApplication.sendPostedEvents(None, 0)
    window.session_lock.screen.passphrase_edit.setText(PASSPHRASE)
    qtbot.mouseClick(window.session_lock.screen.unlock_button, LEFT)
    page = _page(window, SupportsPage)
    concern.check(page, data)
    assert not page.banner.isVisible()  # given back without asking
    window.database.close()


def test_saving_one_form_does_not_offer_back_what_is_being_typed_in_another(
    qtbot, db: Database, data: Data
):
    """Found by a new user: an intervention typed (its draft autosaved), then an
    orientation saved, brought the banner « not saved… Restore it? » up for the
    intervention still on screen; « Abandonner » there dropped its only copy."""
    window = _window(qtbot, db)
    page = _page(window, SupportsPage)
    assert isinstance(page, SupportsPage) and page.drafts is not None
    _fill_intervention(qtbot, page, data)
    page.drafts.flush()  # the autosave after the quiet time
    _fill_referral(qtbot, page, data)
    qtbot.mouseClick(page.referral_button, LEFT)
    assert [r.partner_type for r in db.repos.referrals.all()] == [PartnerType.MISSION_LOCALE]
    assert not page.banner.isVisible()
    assert Drafts(db).forms() == ["intervention"]  # still kept until it is saved
    page.tabs.setCurrentIndex(0)
    _check_intervention(page, data)


def test_declining_an_old_draft_keeps_the_draft_of_what_was_typed_since(
    qtbot, db: Database, data: Data
):
    window = _window(qtbot, db)
    page = _page(window, SupportsPage)
    assert isinstance(page, SupportsPage) and page.drafts is not None
    _fill_referral(qtbot, page, data)
    page.drafts.flush()  # autosaved; then the power goes

    again = _window(qtbot, db)
    reopened = _page(again, SupportsPage)
    assert isinstance(reopened, SupportsPage) and reopened.drafts is not None
    assert reopened.banner.isVisible()
    _fill_intervention(qtbot, reopened, data)
    reopened.drafts.flush()
    qtbot.mouseClick(reopened.banner.discard_button, LEFT)
    assert not reopened.banner.isVisible()
    assert Drafts(db).forms() == ["intervention"]
    _check_intervention(reopened, data)
