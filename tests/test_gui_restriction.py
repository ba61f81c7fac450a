"""A young person whose processing is restricted (GDPR art. 18) is read-only in the
pages and offered nowhere for new entries."""

from __future__ import annotations

from datetime import date

import pytest

from sps_desk.enums import Role, SupportOrigin
from sps_desk.records import IndividualSupport, StaffMember, YoungPerson
from sps_desk.store.database import Database
from sps_desk.store.rights import restrict
from sps_desk.ui.main_window import MainWindow
from sps_desk.ui.pages.collective import CollectiveActionsPage
from sps_desk.ui.pages.field import FieldPage
from sps_desk.ui.pages.supports import SupportsPage
from sps_desk.ui.pages.young_people import YoungPeoplePage
from sps_desk.ui.pages.young_person_detail import YoungPersonDialog

pytestmark = pytest.mark.usefixtures("french")

NOTICE = "Ce jeune est en limitation du traitement"


@pytest.fixture
def window(qtbot, db: Database) -> MainWindow:
    db.repos.staff.save(StaffMember(display_name="Ayşe Çelik", role=Role.SOCIAL_WORKER, fte=1))
    frozen = db.repos.young_people.save(YoungPerson(code="J-FROZEN", nickname="Zoé Lefèvre"))
    free = db.repos.young_people.save(YoungPerson(code="J-FREE01", nickname="Zoé Дмитрий"))
    for person in (frozen, free):
        db.repos.supports.save(
            IndividualSupport(
                young_person_id=person.id,
                start_date=date(2025, 1, 6),
                origin=SupportOrigin.STREET_WORK,
            )
        )
    restrict(db, frozen)
    main = MainWindow(db)
    qtbot.addWidget(main)
    main.resize(1366, 740)
    main.show()
    return main


def _select_code(page: YoungPeoplePage, code: str) -> None:
    page.table.selectRow(page.shown_codes().index(code))


def test_the_record_is_read_only_with_a_french_explanation(qtbot, db, window):
    window.show_page(2)
    page = window.page(YoungPeoplePage)
    assert isinstance(page, YoungPeoplePage)
    _select_code(page, "J-FROZEN")
    assert page.restricted_label.isVisible()
    assert page.restricted_label.text().startswith(NOTICE + "\u00a0: ")
    assert not page.actions.edit_button.isEnabled()
    assert not page.actions.delete_button.isEnabled()
    assert page.details_button.isEnabled()  # reading stays possible (right of access)
    page.edit_selected()
    assert page.nickname_edit.text() == "" and not page.editing_label.isVisible()
    page.delete_selected()
    assert len(db.repos.young_people.all()) == 2
    dialog = YoungPersonDialog(db, page.selected_young(), page)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.restricted_label.isVisible()

    _select_code(page, "J-FREE01")
    assert not page.restricted_label.isVisible()
    assert page.actions.edit_button.isEnabled()


def test_not_offered_as_young_met_nor_as_participant(qtbot, window):
    field = window.page(FieldPage)
    assert isinstance(field, FieldPage)
    picker = field.young_picker
    picker.search_edit.setText("zoe")
    offered = [picker.matches_list.item(r).text() for r in range(picker.matches_list.count())]
    assert offered == ["J-FREE01 — Zoé Дмитрий"]
    picker.search_edit.setText("J-FROZEN")
    assert picker.matches_list.count() == 0
    assert picker.hint_label.text().startswith("J-FROZEN\u00a0: ")
    assert NOTICE in picker.hint_label.text()

    actions = window.page(CollectiveActionsPage)
    assert isinstance(actions, CollectiveActionsPage)
    participants = actions.participants_picker
    participants.search_edit.setText("lefevre")
    assert participants.matches_list.count() == 0


def test_no_new_support_nor_follow_up(qtbot, db, window):
    window.show_page(3)
    page = window.page(SupportsPage)
    assert isinstance(page, SupportsPage)
    page.young_picker.search_edit.setText("J-F")
    picker = page.young_picker
    choices = [picker.matches_list.item(r).text() for r in range(picker.matches_list.count())]
    assert choices == ["J-FREE01 — Zoé Дмитрий"]
    rows = {page.model.row_object(r).young_person_id: r for r in range(page.model.rowCount())}
    frozen = next(p for p in db.repos.young_people.all() if p.code == "J-FROZEN")
    page.table.selectRow(rows[frozen.id])
    assert page.restricted_label.isVisible() and NOTICE in page.restricted_label.text()
    for button in (
        page.intervention_button,
        page.referral_button,
        page.concern_button,
        page.close_button,
        page.actions.edit_button,
        page.actions.delete_button,
    ):
        assert not button.isEnabled()
    page.intervention_hours_edit.setText("1")
    page.add_intervention()  # even if called: refused with the explanation
    assert db.repos.interventions.all() == []
    assert NOTICE in page.intervention_errors.lines()[0]
