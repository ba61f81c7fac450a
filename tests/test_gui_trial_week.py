"""What a new user recording a week of street work found (issue 3, trial week), fixed:
a kept draft survives leaving the page unanswered, typed dates are never lost, the date
and the kind of outing stay in sight, getting started ticks and selects what was just
added, and the messages speak the form's words."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

import pytest
from PySide6.QtCore import QDate, QPoint, Qt, QTimer
from PySide6.QtWidgets import QApplication, QToolTip, QWidget

from sps_desk.enums import ActivityCategory, PartnerType, Role, Sex, SupportOrigin
from sps_desk.records import IndividualSupport, StaffMember, TimeEntry, YoungPerson
from sps_desk.store.database import Database
from sps_desk.store.drafts import Drafts, Preferences
from sps_desk.ui.dialogs.sector import SectorDialog
from sps_desk.ui.dialogs.staff import StaffDialog
from sps_desk.ui.main_window import MainWindow
from sps_desk.ui.pages.base import CURRENT_STAFF
from sps_desk.ui.pages.collective import CollectiveActionsPage
from sps_desk.ui.pages.field import LAST_FIELD, FieldPage
from sps_desk.ui.pages.supports import SupportsPage
from sps_desk.ui.pages.time_entries import TimePage
from sps_desk.ui.widgets.forms import select_data
from tests.gui_support import LEFT, C

pytestmark = pytest.mark.usefixtures("french")

Key = Qt.Key
NB = "\u00a0"
"""French typography: a no-break space inside « » and before « : »."""


@pytest.fixture
def team(db: Database) -> list[StaffMember]:
    return [
        db.repos.staff.save(StaffMember(display_name=name, role=Role.SOCIAL_WORKER, fte=1.0))
        for name in ("Inès Moreau-Ñúñez", "Théo Kowalczyk")
    ]


def _window(qtbot, db: Database) -> tuple[MainWindow, FieldPage]:
    main = MainWindow(db)
    qtbot.addWidget(main)
    main.resize(1366, 740)
    main.show()
    main.show_page(1)
    page = main.page(FieldPage)
    assert isinstance(page, FieldPage)
    main.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    return main, page


def _page(window: MainWindow, kind: type) -> object:
    page = window.page(kind)
    assert isinstance(page, kind)
    return page


def _in_next_dialog(fill: Callable[[QWidget], None]) -> None:
    """Fill the next modal dialog once it is open (``exec`` blocks the test)."""

    def drive() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(10, drive)
            return
        fill(dialog)

    QTimer.singleShot(0, drive)


# ------------------------------------------------------------ finding 1: drafts


def test_an_unanswered_draft_survives_leaving_the_page_and_closing(qtbot, db, team):
    window, page = _window(qtbot, db)
    page.date_edit.setDate(QDate(2026, 11, 20))
    page.tally_grid.spin(Sex.MALE, "16-17").setValue(2)
    page.observation_edit.insertPlainText("Brouillon du vendredi, Zoé à l'arrêt")
    window.close()
    assert Drafts(db).forms() == ["field_session"]

    # Reopened: the banner offers the draft; the user looks something up on « Jeunes »
    # and comes back before answering, then even closes the window.
    again, reopened = _window(qtbot, db)
    assert reopened.banner.isVisible()
    again.show_page(2)
    again.show_page(1)
    assert reopened.banner.isVisible()
    assert Drafts(db).load("field_session") is not None
    qtbot.mouseClick(reopened.cancel_button, LEFT)  # « Effacer » on the untouched form
    assert Drafts(db).load("field_session") is not None
    again.close()
    assert Drafts(db).forms() == ["field_session"]

    # Third opening: still offered, and « Reprendre » gives everything back.
    _third, last = _window(qtbot, db)
    assert last.banner.isVisible()
    qtbot.mouseClick(last.banner.restore_button, LEFT)
    assert last.date_edit.date() == QDate(2026, 11, 20)
    assert last.tally_grid.spin(Sex.MALE, "16-17").value() == 2
    assert last.observation_edit.toPlainText() == "Brouillon du vendredi, Zoé à l'arrêt"


def test_typing_a_new_entry_while_a_draft_is_offered_replaces_it(qtbot, db, team):
    window, page = _window(qtbot, db)
    qtbot.keyClicks(page.observation_edit, "Ancien brouillon")
    window.close()
    again, reopened = _window(qtbot, db)
    assert reopened.banner.isVisible()
    reopened.observation_edit.insertPlainText("Дмитрий au city-stade")
    again.show_page(2)  # leaving the page writes what was typed
    kept = Drafts(db).load("field_session")
    assert kept is not None
    assert kept["fields"]["observation"] == "Дмитрий au city-stade"
    assert reopened.banner.isHidden()  # nothing of the old draft is left to offer


# ------------------------------------------------------------ finding 2: typed dates


def _type_date(qtbot, page: FieldPage, keys: list[str | Key]) -> None:
    """From the start time, as a keyboard user: each item is a key or typed text."""
    page.date_edit.setDate(QDate(2026, 11, 29))
    page.start_edit.setFocus(Qt.FocusReason.OtherFocusReason)
    for key in keys:
        target = QApplication.focusWidget()
        if isinstance(key, str):
            qtbot.keyClicks(target, key)
        else:
            qtbot.keyClick(target, key)


@pytest.mark.parametrize(
    ("keys", "expected"),
    [
        # The trial's table: every one of these kept today's date.
        ([Key.Key_Backtab, "16", Key.Key_Tab], date(2026, 11, 16)),
        ([Key.Key_Backtab, "16112026", Key.Key_Tab], date(2026, 11, 16)),
        ([Key.Key_Backtab, Key.Key_Home, "16/11/2026", Key.Key_Tab], date(2026, 11, 16)),
        ([Key.Key_Backtab, "5/3/2025", Key.Key_Tab], date(2025, 3, 5)),
        # From the year, where Shift+Tab used to land: a whole date is still a date.
        ([Key.Key_Backtab, Key.Key_End, "16112026", Key.Key_Tab], date(2026, 11, 16)),
        ([Key.Key_Backtab, Key.Key_End, "16/11/2026", Key.Key_Tab], date(2026, 11, 16)),
    ],
)
def test_a_date_typed_after_shift_tab_is_the_date_saved(qtbot, db, team, keys, expected):
    _main, page = _window(qtbot, db)
    _type_date(qtbot, page, keys)
    assert QApplication.focusWidget() is page.start_edit  # one Tab leaves the date
    assert page.date_edit.date() == QDate(expected.year, expected.month, expected.day)
    assert page.date_edit.problem == ""
    page.staff_list.set_checked(team[0].id)
    qtbot.keyClick(QApplication.focusWidget(), Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert [s.date for s in db.repos.field_sessions.all()] == [expected]


def test_the_date_field_selects_the_day_when_reached_with_the_keyboard(qtbot, db, team):
    _main, page = _window(qtbot, db)
    page.start_edit.setFocus(Qt.FocusReason.OtherFocusReason)
    qtbot.keyClick(page.start_edit, Key.Key_Backtab)
    assert QApplication.focusWidget() is page.date_edit
    assert page.date_edit.currentSection() == page.date_edit.Section.DaySection
    assert page.date_edit.lineEdit().selectedText() == page.date_edit.text()[:2]


def test_an_impossible_date_is_said_in_french_and_changes_nothing(qtbot, db, team):
    _main, page = _window(qtbot, db)
    _type_date(qtbot, page, [Key.Key_Backtab, "31022026"])
    assert page.date_edit.date() == QDate(2026, 11, 29)
    assert page.date_edit.problem == (
        f"Le 31/02/2026 n'existe pas{NB}: vérifiez le jour et le mois."
    )
    assert QToolTip.text() == page.date_edit.problem
    assert page.date_edit.accessibleDescription() == page.date_edit.problem


def test_a_two_digit_year_keeps_the_cursor_and_says_why(qtbot, db, team):
    _main, page = _window(qtbot, db)
    _type_date(qtbot, page, [Key.Key_Backtab, "161126", Key.Key_Tab])
    assert QApplication.focusWidget() is page.date_edit  # Tab did not leave silently
    assert page.date_edit.problem == (
        f"«{NB}16/11/26{NB}» n'est pas une date complète{NB}: tapez-la sous la forme "
        "jj/mm/aaaa (par exemple 16/11/2026), ou appuyez de nouveau sur Tab pour garder le "
        "29/11/2026."
    )
    # A second Tab on an unfinished date leaves, keeps the last date and says so.
    _type_date(qtbot, page, [Key.Key_Backtab, "161126", Key.Key_Tab, Key.Key_Tab])
    assert QApplication.focusWidget() is page.start_edit
    assert page.date_edit.date() == QDate(2026, 11, 29)
    assert page.date_edit.problem == (
        f"«{NB}16/11/26{NB}» n'est pas une date complète{NB}: la date reste le 29/11/2026."
    )


# ------------------------------------------------------------ findings 3 and 4


def test_after_a_save_the_date_stays_and_the_kind_is_said(qtbot, db, team):
    Preferences(db).set(CURRENT_STAFF, str(team[0].id))
    Preferences(db).set(
        LAST_FIELD, {"sector": None, "kind": "social_presence", "start": "14:00", "end": "16:30"}
    )
    window, page = _window(qtbot, db)
    # The kind carried over from the last outing is the form's first row, in sight.
    assert page.kind_combo.currentText() == "Présence sociale / permanence"
    tops = [w.mapTo(page, QPoint()).y() for w in (page.kind_combo, page.date_edit, page.start_edit)]
    assert tops == sorted(tops)
    page.date_edit.setDate(QDate(2026, 11, 19))
    qtbot.mouseClick(page.tally_grid.plus_button(Sex.FEMALE, "16-17"), LEFT)
    qtbot.keyClick(page.start_edit, Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert window.statusBar().currentMessage() == (
        f"Sortie enregistrée{C} Présence sociale / permanence le 19/11/2026, 2 h 30, "
        "1 rencontre."
    )
    assert page.date_edit.date() == QDate(2026, 11, 19)  # the next outing of that week
    assert page.tally_grid.total() == 0


def test_the_add_hours_date_follows_the_week_shown(qtbot, db, team):
    window, _field = _window(qtbot, db)
    window.show_page(5)
    page = _page(window, TimePage)
    page.week_edit.setDate(QDate(2026, 11, 18))
    assert page.week_label.text() == "Du lundi 16/11/2026 au dimanche 22/11/2026"
    assert page.date_edit.date() == QDate(2026, 11, 16)
    page.date_edit.setDate(QDate(2026, 11, 20))  # Friday, chosen by the user
    page.week_edit.setDate(QDate(2026, 11, 17))  # same week: the Friday stays
    assert page.date_edit.date() == QDate(2026, 11, 20)
    page.staff_combo.select_id(team[0].id)
    select_data(page.category_combo, ActivityCategory.PARTNERSHIP)
    page.hours_edit.setText("3")
    qtbot.mouseClick(page.add_button, LEFT)
    assert [(e.date, e.hours) for e in db.repos.time_entries.all()] == [(date(2026, 11, 20), 3.0)]
    this_week = date.today() - timedelta(days=date.today().weekday())
    page.week_edit.setDate(QDate(this_week.year, this_week.month, this_week.day))
    today = date.today()
    assert page.date_edit.date() == QDate(today.year, today.month, today.day)


def test_the_hours_page_says_where_meetings_go_and_whose_totals(qtbot, db, team):
    window, _field = _window(qtbot, db)
    window.show_page(5)
    page = _page(window, TimePage)
    hints = [w.text() for w in page.findChildren(type(page.week_label))]
    assert (
        f"Réunions d'équipe, de service et avec les partenaires{NB}: «{NB}Actions "
        f"partenariales et réunions diverses{NB}» (la colonne du tableau des heures du "
        "Département)."
    ) in hints
    assert page.totals_table.accessibleName() == (
        "Totaux de la semaine par catégorie (toute l'équipe)"
    )


# ------------------------------------------------------------ findings 7 to 10


def test_the_intervention_ticks_the_current_user_and_speaks_of_ticking(qtbot, db, team):
    Preferences(db).set(CURRENT_STAFF, str(team[1].id))
    window, field = _window(qtbot, db)
    assert field.staff_list.checked_ids() == [team[1].id]
    field.staff_list.clear_checks()
    qtbot.mouseClick(field.tally_grid.plus_button(Sex.MALE, "ge22"), LEFT)
    qtbot.mouseClick(field.save_button, LEFT)
    assert field.errors.lines() == ["Cochez au moins un professionnel."]
    window.show_page(3)
    supports = _page(window, SupportsPage)
    assert supports.intervention_staff.checked_ids() == [team[1].id]


def test_the_first_staff_member_and_a_new_sector_are_chosen_at_once(qtbot, db):
    _main, page = _window(qtbot, db)
    assert page.staff_list.checked_ids() == []

    def add_member(dialog: QWidget) -> None:
        assert isinstance(dialog, StaffDialog)
        dialog.name_edit.setText("Ayşe Çelik")
        dialog.save_button.click()

    _in_next_dialog(add_member)
    page.add_staff_button.click()
    ayse = db.repos.staff.all()[0]
    assert page.staff_list.checked_ids() == [ayse.id]

    def add_sector(dialog: QWidget) -> None:
        assert isinstance(dialog, SectorDialog)
        dialog.commune_edit.setText("Saint-Étienne-du-Rouvray")
        dialog.neighbourhood_edit.setText("Château Blanc")
        dialog.save_button.click()

    _in_next_dialog(add_sector)
    page.add_sector_button.click()
    assert page.sector_combo.currentText() == "Saint-Étienne-du-Rouvray – Château Blanc"
    qtbot.mouseClick(page.tally_grid.plus_button(Sex.FEMALE, "11-15"), LEFT)
    qtbot.mouseClick(page.save_button, LEFT)
    session = db.repos.field_sessions.all()[0]
    assert session.staff_ids == [ayse.id]
    assert session.sector_id == db.repos.sectors.all()[0].id


def test_enter_on_a_new_nickname_creates_the_young_person(qtbot, db, team):
    db.repos.young_people.save(YoungPerson(nickname="Zoé"))
    _main, page = _window(qtbot, db)
    page.young_picker.search_edit.insert("Ğökhan")  # QTest types ASCII only
    qtbot.keyClick(page.young_picker.search_edit, Key.Key_Return)
    created = [y for y in db.repos.young_people.all() if y.nickname == "Ğökhan"]
    assert len(created) == 1
    assert page.young_picker.chosen_ids() == [created[0].id]
    assert page.young_picker.search_edit.text() == ""
    # A known one is added, not created again.
    qtbot.keyClicks(page.young_picker.search_edit, "zoe")
    qtbot.keyClick(page.young_picker.search_edit, Key.Key_Return)
    assert len(db.repos.young_people.all()) == 2
    assert len(page.young_picker.chosen_ids()) == 2


def test_fewer_tabs_out_of_the_grid_and_past_the_add_staff_button(qtbot, db, team):
    _main, page = _window(qtbot, db)
    page.staff_list.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.keyClick(page.staff_list, Key.Key_Tab)
    first_cell = page.tally_grid.spin(Sex.FEMALE, "lt11")
    assert QApplication.focusWidget() is first_cell  # not « Ajouter un professionnel… »
    qtbot.keyClicks(first_cell, "3")
    qtbot.keyClick(first_cell, Key.Key_Return)
    assert QApplication.focusWidget() is page.young_picker.search_edit
    assert first_cell.value() == 3
    cell = page.tally_grid.spin(Sex.MALE, "16-17")
    cell.setFocus()
    qtbot.keyClick(cell, Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is page.young_picker.search_edit
    # Alt+letter on the main labels (French mnemonics).
    labels = {
        label.text(): label.buddy()
        for label in page.findChildren(type(page.duration_label))
        if label.buddy() is not None
    }
    assert labels[f"&Secteur{NB}:"] is page.sector_combo
    assert labels[f"&Jeunes rencontrés (code ou surnom){NB}:"] is page.young_picker.search_edit
    assert labels[f"&Type de sortie{NB}:"] is page.kind_combo
    assert page.sector_combo.accessibleName() == "Secteur"


# ------------------------------------------------------------ finding 13


def test_supports_show_the_nickname_beside_the_code(qtbot, db, team):
    gokhan = db.repos.young_people.save(YoungPerson(nickname="Ğökhan"))
    db.repos.supports.save(
        IndividualSupport(
            young_person_id=gokhan.id,
            start_date=date(2026, 11, 16),
            origin=SupportOrigin.STREET_WORK,
        )
    )
    window, _field = _window(qtbot, db)
    window.show_page(3)
    page = _page(window, SupportsPage)
    assert page.model.cell_text(0, 0) == f"{gokhan.code} — Ğökhan"
    page.table.selectRow(0)
    assert page.selected_label.text() == (
        f"Accompagnement de {gokhan.code} — Ğökhan, commencé le 16/11/2026."
    )


def test_a_partner_needs_a_type_and_the_grid_counts_participants(qtbot, db, team):
    window, _field = _window(qtbot, db)
    window.show_page(4)
    page = _page(window, CollectiveActionsPage)
    assert page.partner_type_combo.currentIndex() == -1
    page.partner_name_edit.setText("Club de foot ASSER")
    qtbot.mouseClick(page.add_partner_button, LEFT)
    assert page.action_errors.lines() == [
        "Choisissez le type du partenaire (association, mission locale…)."
    ]
    assert db.repos.partners.all() == []
    assert page.partner_name_edit.text() == "Club de foot ASSER"  # nothing typed is lost
    select_data(page.partner_type_combo, PartnerType.ASSOCIATION)
    qtbot.mouseClick(page.add_partner_button, LEFT)
    assert [(p.name, p.type) for p in db.repos.partners.all()] == [
        ("Club de foot ASSER", PartnerType.ASSOCIATION)
    ]
    qtbot.mouseClick(page.anonymous_grid.plus_button(Sex.MALE, "16-17"), LEFT)
    assert page.anonymous_grid.total_label.text() == f"Total{C} 1 participant anonyme"


# ------------------------------------------------------------ findings 5, 11, 12: 1366×768


def _in_sight(widget: QWidget, point: QPoint | None = None) -> bool:
    """The point of ``widget`` (its centre by default) is drawn on screen, not scrolled
    away or clipped by a parent."""
    where = point if point is not None else widget.rect().center()
    return widget.isVisible() and widget.visibleRegion().contains(where)


def test_what_a_user_checks_is_in_sight_at_1366x768(qtbot, db, team):
    lucja = team[0]
    for category in (ActivityCategory.WRITING, ActivityCategory.PARTNERSHIP):
        db.repos.time_entries.save(
            TimeEntry(staff_id=lucja.id, date=date(2026, 11, 17), category=category, hours=1.5)
        )
    window, field = _window(qtbot, db)
    window.resize(1366, 768)
    qtbot.wait(50)
    assert _in_sight(field.save_button)  # « Enregistrer la sortie » without scrolling

    window.show_page(5)
    page = _page(window, TimePage)
    page.week_edit.setDate(QDate(2026, 11, 16))
    page.sheet_staff_combo.select_id(lucja.id)
    qtbot.wait(50)
    assert _in_sight(page.week_label)
    tables = ((page.sheet_table, page.sheet_model), (page.totals_table, page.totals_model))
    for table, model in tables:
        last = model.index(model.rowCount() - 1, model.columnCount() - 1)
        assert model.data(model.index(model.rowCount() - 1, 0)) == "Total"
        rect = table.visualRect(last)  # the Total row's last cell (« Année », « Heures »)
        assert table.viewport().rect().contains(rect), table.accessibleName()
        assert _in_sight(table.viewport(), rect.center()), table.accessibleName()

    window.show_page(4)
    actions = _page(window, CollectiveActionsPage)
    qtbot.wait(50)
    header = actions.table.horizontalHeader()
    assert header.length() <= actions.table.viewport().width()  # no column cut off
    cell = actions.anonymous_grid.spin(Sex.OTHER, "unknown")
    assert cell.height() >= cell.sizeHint().height()  # the grid is not squashed
