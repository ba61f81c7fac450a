"""« Jeunes »: search insensitive to case/accents/Unicode form, filters, detail timeline,
duplicate warning, edit, delete and undo."""

from __future__ import annotations

import unicodedata
from datetime import date, time, timedelta

import pytest
from PySide6.QtCore import QDate

from sps_desk.enums import (
    ConcernAddressee,
    FieldSessionKind,
    InterventionType,
    PartnerType,
    Role,
    Sex,
    SupportOrigin,
)
from sps_desk.records import (
    ConcernReport,
    FieldSession,
    Identity,
    IndividualSupport,
    Intervention,
    Referral,
    Sector,
    StaffMember,
    YoungPerson,
)
from sps_desk.store.database import Database
from sps_desk.ui.main_window import MainWindow
from sps_desk.ui.pages.young_people import YoungPeoplePage
from sps_desk.ui.widgets.forms import select_data
from tests.gui_support import LEFT, C

pytestmark = pytest.mark.usefixtures("french")

NICKNAMES = ["Zoé", "İpek", "Işıl", "Straße", "Œnone", "Łucja", "Ørjan", "Çağrı", "Ğazi"]


@pytest.fixture
def page(qtbot, db: Database) -> YoungPeoplePage:
    main = MainWindow(db)
    qtbot.addWidget(main)
    main.resize(1366, 740)
    main.show()
    main.show_page(2)
    found = main.page(YoungPeoplePage)
    assert isinstance(found, YoungPeoplePage)
    return found


def _refresh(page: YoungPeoplePage) -> None:
    """Records written straight to the base: tell the page, as a form would."""
    page.hub.notify_changed("young_person", "sector", "individual_support")


QUERIES = [
    ("zoe", "Zoé"),
    ("ZOE\u0301", "Zoé"),  # decomposed accent typed
    ("ipek", "İpek"),
    ("IŞIL", "Işıl"),
    ("isil", "Işıl"),
    ("strasse", "Straße"),
    ("STRASSE", "Straße"),
    ("oenone", "Œnone"),
    ("lucja", "Łucja"),
    ("orjan", "Ørjan"),
    ("cagri", "Çağrı"),
    ("gazi", "Ğazi"),
]


def test_search_ignores_case_accents_and_unicode_form(qtbot, db, page):
    for index, nickname in enumerate(NICKNAMES):
        # Half stored decomposed (NFD), as some keyboards and copy-pastes produce.
        form = "NFD" if index % 2 else "NFC"
        db.repos.young_people.save(YoungPerson(nickname=unicodedata.normalize(form, nickname)))
    _refresh(page)
    assert page.count_label.text() == f"Affichés{C} {len(NICKNAMES)} sur {len(NICKNAMES)}"
    for query, expected in QUERIES:
        page.search_edit.setText(query)
        shown = [page.model.row_object(r).nickname for r in range(page.model.rowCount())]
        assert [unicodedata.normalize("NFC", n) for n in shown] == [expected], query
        assert page.count_label.text() == f"Affichés{C} 1 sur {len(NICKNAMES)}"


def test_search_by_code_and_by_revealed_name(qtbot, db, page):
    person = db.repos.young_people.save(YoungPerson(code="J-7KQ2MX", nickname="Kémi"))
    db.repos.young_people.save(YoungPerson(code="J-AB3CDE"))
    _refresh(page)
    page.search_edit.setText("7kq2")
    assert page.shown_codes() == ["J-7KQ2MX"]
    page.search_edit.setText("dubois")
    assert page.shown_codes() == []
    db.repos.identities.save(
        Identity(young_person_id=person.id, first_name="Élodie", last_name="Dubois")
    )
    page.search_edit.clear()
    page.table.selectRow(page.shown_codes().index("J-7KQ2MX"))
    qtbot.mouseClick(page.identity_button, LEFT)
    dialog = page.identity_dialog
    qtbot.addWidget(dialog)
    qtbot.mouseClick(dialog.reveal_button, LEFT)  # audited reveal
    dialog.close()
    page.search_edit.setText("elodie DUBOIS")
    assert page.shown_codes() == ["J-7KQ2MX"]


def test_filters_on_active_support_age_bracket_and_sector(qtbot, db, page):
    today = date.today()
    north = db.repos.sectors.save(Sector(commune="Liévin", neighbourhood="Marichelles"))
    teen = db.repos.young_people.save(
        YoungPerson(code="J-TEEN22", birth_date=date(today.year - 13, 1, 1), sector_id=north.id)
    )
    adult = db.repos.young_people.save(
        YoungPerson(code="J-ADLT22", birth_date=date(today.year - 19, 1, 1))
    )
    db.repos.young_people.save(YoungPerson(code="J-NONE22"))
    db.repos.supports.save(
        IndividualSupport(
            young_person_id=adult.id,
            start_date=today - timedelta(days=30),
            origin=SupportOrigin.STREET_WORK,
        )
    )
    closed = db.repos.supports.save(
        IndividualSupport(
            young_person_id=teen.id,
            start_date=today - timedelta(days=300),
            origin=SupportOrigin.FAMILY,
            end_date=today - timedelta(days=200),
            end_reason="goal_reached",
        )
    )
    assert closed.end_date is not None
    _refresh(page)
    assert sorted(page.shown_codes()) == ["J-ADLT22", "J-NONE22", "J-TEEN22"]
    page.active_box.setChecked(True)
    assert page.shown_codes() == ["J-ADLT22"]
    page.active_box.setChecked(False)
    select_data(page.bracket_filter, "11-15")
    assert page.shown_codes() == ["J-TEEN22"]
    select_data(page.bracket_filter, "unknown")
    assert page.shown_codes() == ["J-NONE22"]
    select_data(page.bracket_filter, "any")
    page.sector_filter.setCurrentIndex(page.sector_filter.findData(str(north.id)))
    assert page.shown_codes() == ["J-TEEN22"]
    page.sector_filter.setCurrentIndex(page.sector_filter.findData("none"))
    assert sorted(page.shown_codes()) == ["J-ADLT22", "J-NONE22"]


def test_the_detail_page_shows_the_timeline(qtbot, db, page):
    staff = db.repos.staff.save(StaffMember(display_name="Ğazi", role=Role.SOCIAL_WORKER, fte=1))
    person = db.repos.young_people.save(YoungPerson(code="J-TIME22", nickname="Ørjan"))
    db.repos.field_sessions.save(
        FieldSession(
            date=date(2025, 1, 10),
            start_time=time(14),
            end_time=time(16),
            staff_ids=[staff.id],
            young_met_ids=[person.id],
            session_kind=FieldSessionKind.SCHOOL_GATES,
        )
    )
    support = db.repos.supports.save(
        IndividualSupport(
            young_person_id=person.id, start_date=date(2025, 2, 1), origin=SupportOrigin.STREET_WORK
        )
    )
    db.repos.interventions.save(
        Intervention(
            support_id=support.id,
            date=date(2025, 2, 15),
            type=InterventionType.INTERVIEW,
            duration_hours=1.5,
            staff_ids=[staff.id],
        )
    )
    db.repos.referrals.save(
        Referral(
            support_id=support.id, date=date(2025, 3, 1), partner_type=PartnerType.MISSION_LOCALE
        )
    )
    db.repos.concern_reports.save(
        ConcernReport(
            young_person_id=person.id, date=date(2025, 3, 5), addressee=ConcernAddressee.CRIP
        )
    )
    _refresh(page)
    page.table.selectRow(0)
    qtbot.mouseClick(page.details_button, LEFT)
    dialog = page.detail_dialog
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.job is None, timeout=20_000)  # read in the background
    rows = [
        [dialog.model.cell_text(r, c) for c in range(3)] for r in range(dialog.model.rowCount())
    ]
    assert [r[0] for r in rows] == [
        "05/03/2025",
        "01/03/2025",
        "15/02/2025",
        "01/02/2025",
        "10/01/2025",
    ]
    assert rows[0][1] == "Information préoccupante transmise"
    assert rows[0][2] == "CRIP"
    assert rows[2][2] == "1 h 30 — Ğazi"
    assert rows[4][1] == "Rencontré lors d'une sortie"
    dialog.close()


def test_a_possible_duplicate_is_warned_before_saving(qtbot, db, page):
    existing = db.repos.young_people.save(YoungPerson(nickname="Zoé", sex=Sex.FEMALE))
    _refresh(page)
    page.nickname_edit.setText("ZOE")
    qtbot.mouseClick(page.save_button, LEFT)
    assert page.duplicate_label.isVisible()
    assert existing.code in page.duplicate_label.text()
    assert len(db.repos.young_people.all()) == 1
    qtbot.mouseClick(page.save_button, LEFT)
    assert len(db.repos.young_people.all()) == 2

    # Same sex and birth date, different nickname: warned too.
    page.nickname_edit.setText("Lou")
    select_data(page.sex_combo, Sex.MALE)
    page.birth_known_box.setChecked(True)
    page.birth_edit.setDate(QDate(2010, 5, 4))
    qtbot.mouseClick(page.save_button, LEFT)
    assert not page.duplicate_label.isVisible()
    assert len(db.repos.young_people.all()) == 3
    page.nickname_edit.setText("Louis")
    select_data(page.sex_combo, Sex.MALE)
    page.birth_known_box.setChecked(True)
    page.birth_edit.setDate(QDate(2010, 5, 4))
    qtbot.mouseClick(page.save_button, LEFT)
    assert page.duplicate_label.isVisible()
    assert len(db.repos.young_people.all()) == 3


def test_edit_delete_and_undo_a_young_person_with_their_supports(qtbot, db, page):
    person = db.repos.young_people.save(YoungPerson(code="J-EDIT22", nickname="Ğazi"))
    support = db.repos.supports.save(
        IndividualSupport(
            young_person_id=person.id, start_date=date(2025, 2, 1), origin=SupportOrigin.PEERS
        )
    )
    _refresh(page)
    page.table.selectRow(0)
    qtbot.mouseClick(page.actions.edit_button, LEFT)
    assert page.nickname_edit.text() == "Ğazi"
    page.nickname_edit.setText("Ğazi le grand")
    qtbot.mouseClick(page.save_button, LEFT)
    stored = db.repos.young_people.get(person.id)
    assert stored is not None and (stored.code, stored.nickname) == ("J-EDIT22", "Ğazi le grand")
    assert len(db.repos.young_people.all()) == 1

    page.table.selectRow(0)
    qtbot.mouseClick(page.actions.delete_button, LEFT)
    assert db.repos.young_people.all() == [] and db.repos.supports.all() == []
    qtbot.mouseClick(page.actions.undo_button, LEFT)
    assert [y.id for y in db.repos.young_people.all()] == [person.id]
    assert [s.id for s in db.repos.supports.all()] == [support.id]
