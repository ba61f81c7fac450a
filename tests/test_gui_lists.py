"""The window's lists at scale (issue 12) and sortable by column (issue 15): pages built
when first shown, a header click sorts, the outings of a day in time order, the search
across accents and scripts, a save that updates only its row, saves that wait for a
merge or an import and then land, the check of the base from the File menu."""

from __future__ import annotations

import threading
from datetime import date, time

import pytest
from PySide6.QtCore import QDate, QPoint, Qt, QTime
from PySide6.QtWidgets import QMessageBox

from sps_desk.enums import Role, Sex
from sps_desk.records import FieldSession, StaffMember, TallyCell, YoungPerson
from sps_desk.store.database import Database
from sps_desk.ui.main_window import PAGE_TYPES, MainWindow
from sps_desk.ui.operations import Operation
from sps_desk.ui.pages.base import Page
from sps_desk.ui.pages.field import FieldPage
from sps_desk.ui.pages.home import HomePage
from sps_desk.ui.pages.time_entries import TimePage
from sps_desk.ui.pages.young_people import YoungPeoplePage
from sps_desk.ui.widgets.table_model import BLOCK
from tests.gui_support import C

pytestmark = pytest.mark.usefixtures("french")


@pytest.fixture
def staff(db: Database) -> StaffMember:
    return db.repos.staff.save(StaffMember(display_name="Çağrı Ğ.", role=Role.SOCIAL_WORKER,
                                           fte=1.0))


def _window(qtbot, db: Database) -> MainWindow:
    window = MainWindow(db)
    qtbot.addWidget(window)
    window.resize(1366, 740)
    window.show()
    return window


def _outing(db: Database, staff: StaffMember, day: date, start: time, end: time,
            contacts: int = 0) -> FieldSession:
    tallies = [TallyCell(sex=Sex.FEMALE, age_bracket="11-15", count=contacts)] if contacts else []
    return db.repos.field_sessions.save(FieldSession(
        date=day, start_time=start, end_time=end, staff_ids=[staff.id], tallies=tallies))


def _field_2025(qtbot, db: Database) -> FieldPage:
    window = _window(qtbot, db)
    window.show_page(PAGE_TYPES.index(FieldPage))
    page = window.page(FieldPage)
    assert isinstance(page, FieldPage)
    page.year_combo.setCurrentIndex(page.year_combo.findData(2025))
    return page


def _click_header(qtbot, view, column: int) -> None:
    header = view.horizontalHeader()
    x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton,
                     pos=QPoint(x, header.height() // 2))


def test_a_page_is_built_only_when_first_shown(qtbot, db: Database):
    window = _window(qtbot, db)
    assert [type(page) for page in window.pages] == [HomePage]
    assert not isinstance(window.stack.widget(1), Page)  # an empty placeholder
    assert [window.navigation.item(i).text() for i in range(len(PAGE_TYPES))] == [
        "Accueil", "Terrain", "Jeunes", "Accompagnements", "Actions collectives", "Temps",
        "Rapport"]
    window.navigation.setCurrentRow(2)
    assert [type(page) for page in window.pages] == [HomePage, YoungPeoplePage]
    assert window.stack.currentWidget() is window.page(YoungPeoplePage)
    window.page(TimePage)  # asked for by its type: built, not shown
    assert window.stack.currentWidget() is window.page(YoungPeoplePage)
    assert len(window.pages) == 3


def test_clicking_a_column_header_sorts_the_outings(qtbot, db: Database, staff):
    _outing(db, staff, date(2025, 3, 4), time(14, 0), time(16, 0), contacts=3)
    _outing(db, staff, date(2025, 3, 5), time(14, 0), time(16, 0), contacts=12)
    _outing(db, staff, date(2025, 3, 6), time(14, 0), time(16, 0), contacts=0)
    page = _field_2025(qtbot, db)
    contacts = 5
    assert page.model.headerData(contacts, Qt.Orientation.Horizontal) == "Rencontres"
    shown = []
    for _ in range(2):
        _click_header(qtbot, page.table, contacts)
        shown.append([page.model.cell_text(r, contacts) for r in range(3)])
    assert sorted(shown) == [["0", "3", "12"], ["12", "3", "0"]]  # one way, then the other
    cell = page.model.index(0, contacts)
    assert page.model.data(cell, Qt.ItemDataRole.DisplayRole) == shown[-1][0]
    assert page.model.data(cell, Qt.ItemDataRole.AccessibleTextRole) == shown[-1][0]
    assert page.model.data(cell, Qt.ItemDataRole.TextAlignmentRole) == (
        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter).value  # a number
    assert page.model.data(page.model.index(0, 0), Qt.ItemDataRole.TextAlignmentRole) is None
    assert page.model.data(cell, Qt.ItemDataRole.ToolTipRole) is None
    assert page.table.horizontalHeader().sortIndicatorSection() == contacts
    _click_header(qtbot, page.table, 0)  # back to the dates
    dates = [page.model.cell_text(r, 0) for r in range(3)]
    assert dates in (["04/03/2025", "05/03/2025", "06/03/2025"],
                     ["06/03/2025", "05/03/2025", "04/03/2025"])


def test_the_outings_of_one_day_are_listed_in_time_order(qtbot, db: Database, staff):
    for start in (time(20, 0), time(9, 30), time(14, 0)):
        _outing(db, staff, date(2025, 5, 6), start, time(start.hour + 1, 0))
    _outing(db, staff, date(2025, 5, 5), time(22, 0), time(23, 0))
    page = _field_2025(qtbot, db)
    rows = [(page.model.cell_text(r, 0), page.model.cell_text(r, 1)) for r in range(4)]
    assert rows == [
        ("06/05/2025", "09:30 → 10:00"),
        ("06/05/2025", "14:00 → 15:00"),
        ("06/05/2025", "20:00 → 21:00"),
        ("05/05/2025", "22:00 → 23:00"),
    ]


def test_the_young_people_list_sorts_on_the_folded_nickname(qtbot, db: Database):
    for code, nickname in (("J-AAAA01", "Zoé"), ("J-AAAA02", "Élodie"), ("J-AAAA03", "dylan"),
                           ("J-AAAA04", "Fanny")):
        db.repos.young_people.save(YoungPerson(code=code, nickname=nickname))
    window = _window(qtbot, db)
    window.show_page(2)
    page = window.page(YoungPeoplePage)
    assert isinstance(page, YoungPeoplePage)
    assert page.shown_codes() == ["J-AAAA01", "J-AAAA02", "J-AAAA03", "J-AAAA04"]  # by code
    _click_header(qtbot, page.table, 1)
    nicknames = [page.model.cell_text(r, 1) for r in range(4)]
    assert nicknames in (["dylan", "Élodie", "Fanny", "Zoé"], ["Zoé", "Fanny", "Élodie", "dylan"])


NAMES = ["Дмитрий", "أمينة", "Zoé Ğüzel", "王芳", "Çağrı", "Łucja"]


@pytest.mark.parametrize(("typed", "found"), [
    ("dmitri", "Дмитрий"),  # Latin keyboard, Cyrillic name
    ("ДМИТ", "Дмитрий"),
    ("أمين", "أمينة"),  # typed in Arabic
    ("zoe guzel", "Zoé Ğüzel"),
    ("ZOÉ", "Zoé Ğüzel"),
    ("wang", "王芳"),
    ("cagri", "Çağrı"),
    ("lucja", "Łucja"),
])
def test_the_search_finds_across_accents_and_scripts(qtbot, db: Database, typed, found):
    for number, nickname in enumerate(NAMES):
        db.repos.young_people.save(YoungPerson(code=f"J-NAME{number:02d}", nickname=nickname))
    window = _window(qtbot, db)
    window.show_page(2)
    page = window.page(YoungPeoplePage)
    assert isinstance(page, YoungPeoplePage)
    page.search_edit.setText(typed)
    assert [page.model.cell_text(r, 1) for r in range(page.model.rowCount())] == [found]
    assert page.count_label.text() == f"Affichés{C} 1 sur {len(NAMES)}"
    page.search_edit.clear()
    assert page.model.rowCount() == len(NAMES)


def test_a_save_updates_only_its_row_and_reads_only_the_rows_on_screen(
        qtbot, db: Database, staff):
    total = BLOCK * 3
    for number in range(total):
        day = date(2025, 1, 1 + number % 28).replace(month=1 + number // 28 % 12)
        _outing(db, staff, day, time(8 + number % 12, 0), time(9 + number % 12, 0))
    page = _field_2025(qtbot, db)
    assert page.model.rowCount() == total
    assert page.model.cached_rows() <= BLOCK  # the first rows on screen, not all 300
    resets, inserted = [], []
    page.model.modelReset.connect(lambda: resets.append(1))
    page.model.rowsInserted.connect(lambda _parent, first, last: inserted.append((first, last)))
    page.date_edit.setDate(QDate(2025, 12, 30))
    page.start_edit.setTime(QTime(18, 0))
    page.end_edit.setTime(QTime(20, 0))
    page.staff_list.set_checked(staff.id)
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    assert page.errors.lines() == []
    assert resets == [] and inserted == [(0, 0)]  # the newest day comes first
    assert page.model.rowCount() == total + 1
    selected = page.selected_session()
    assert selected is not None and selected.date == date(2025, 12, 30)


def test_a_save_during_a_merge_waits_then_lands(qtbot, db: Database, staff):
    window = _window(qtbot, db)
    page = window.page(FieldPage)
    assert isinstance(page, FieldPage)
    release = threading.Event()
    job = Operation(parent=window, op=lambda _database, _job: release.wait(20),
                    success=lambda _result: None, label="la fusion").writing(window.hub)
    handle = job.run(db)
    assert window.hub.busy
    page.date_edit.setDate(QDate(2025, 6, 3))
    page.start_edit.setTime(QTime(14, 0))
    page.end_edit.setTime(QTime(16, 0))
    page.staff_list.set_checked(staff.id)
    assert page.save_button.isEnabled()  # never silently disabled
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    assert db.repos.field_sessions.all() == []
    assert "sera enregistré" in page.errors.lines()[0]  # the form is kept and says why
    release.set()
    qtbot.waitUntil(lambda: handle.done, timeout=10_000)
    assert not window.hub.busy
    [saved] = db.repos.field_sessions.all()
    assert saved.date == date(2025, 6, 3)
    assert page.errors.lines() == []
    assert page.selected_session() is not None


def test_the_base_is_checked_from_the_file_menu(qtbot, db: Database, monkeypatch):
    window = _window(qtbot, db)
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "information",
                        lambda _parent, _title, text: shown.append(text))
    assert window.integrity.action.text() == "Vérifier la base"
    window.integrity.action.trigger()
    assert not window.integrity.action.isEnabled()  # running in the background
    qtbot.waitUntil(lambda: bool(shown), timeout=20_000)
    [message] = shown
    assert message.startswith(f"La base {db.path.name} est intacte : ses ")
    assert message.endswith(" ont été relues et vérifiées.")
    assert window.integrity.report is not None and window.integrity.report.intact
    assert window.integrity.action.isEnabled()


def test_after_an_unclean_shutdown_the_base_is_checked_in_the_background(
        qtbot, db: Database, monkeypatch):
    boxes: list[str] = []
    monkeypatch.setattr(QMessageBox, "information",
                        lambda _parent, _title, text: boxes.append(text))
    db.integrity_check_due = True  # what opening says after a crash (store/integrity.py)
    window = _window(qtbot, db)
    qtbot.waitUntil(lambda: window.integrity.report is not None, timeout=20_000)
    assert window.integrity.report.intact
    # Quietly: the result in the status bar, no box to click away.
    assert boxes == []
    assert window.statusBar().currentMessage().startswith(f"La base {db.path.name} est intacte")
