"""The window's everyday defects of issue 15, each checked on the real window
(offscreen) by the value a user sees."""

from __future__ import annotations

from datetime import date, time

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt, QTime, QUrl
from PySide6.QtGui import QColor, QPalette, QWheelEvent
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QApplication,
    QFileDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QWidget,
)

from sps_desk.enums import BirthDatePrecision, CollectiveActionType, Role, Sex
from sps_desk.records import (
    CollectiveAction,
    FieldSession,
    Sector,
    StaffMember,
    TallyCell,
)
from sps_desk.reports.annual import ReportFiles
from sps_desk.store.database import Database
from sps_desk.store.drafts import Preferences
from sps_desk.ui import tones
from sps_desk.ui.dialogs.create_base import CreateBaseDialog
from sps_desk.ui.dialogs.unlock import UnlockDialog
from sps_desk.ui.formatting import format_hours_minutes
from sps_desk.ui.main_window import PAGE_TYPES, MainWindow
from sps_desk.ui.pages import field as field_module
from sps_desk.ui.pages import report as report_module
from sps_desk.ui.pages.base import CURRENT_STAFF
from sps_desk.ui.pages.collective import CollectiveActionsPage
from sps_desk.ui.pages.field import FieldPage
from sps_desk.ui.pages.report import ReportPage
from sps_desk.ui.pages.supports import SupportsPage
from sps_desk.ui.pages.time_entries import TimePage
from sps_desk.ui.pages.young_people import YoungPeoplePage
from tests.conftest import PASSPHRASE


@pytest.fixture
def member(db: Database) -> StaffMember:
    return db.repos.staff.save(
        StaffMember(display_name="Zoé Ğüzel", role=Role.SOCIAL_WORKER, fte=1.0))


@pytest.fixture
def window(qtbot, db: Database, member: StaffMember, french) -> MainWindow:
    main = MainWindow(db)
    qtbot.addWidget(main)
    main.show()
    qtbot.waitExposed(main)
    return main


def _unlock(qtbot, window: MainWindow) -> None:
    screen = window.session_lock.screen
    assert screen is not None
    screen.passphrase_edit.setText(PASSPHRASE)
    qtbot.keyClick(screen.passphrase_edit, Qt.Key.Key_Return)
    assert not window.session_lock.locked


# ------------------------------------------------------------------ lock screen


def test_the_lock_screen_shows_no_empty_box_and_unlocking_brings_the_sections_back(
        qtbot, window: MainWindow):
    assert window.session_lock.lock()
    assert not window.navigation.isVisible()  # was an empty framed list
    visible_boxes = [w for w in window.centralWidget().findChildren(type(window.navigation))
                     if w.isVisible()]
    assert visible_boxes == []
    _unlock(qtbot, window)
    assert window.navigation.isVisible() and window.navigation.count() >= 6


def test_lock_then_unlock_keeps_the_report_generated(qtbot, db: Database, member, window,
                                                     tmp_path):
    db.repos.field_sessions.save(FieldSession(
        date=date(2025, 3, 4), start_time=time(18, 0), end_time=time(21, 0),
        staff_ids=[member.id],
        tallies=[TallyCell(sex=Sex.FEMALE, age_bracket="11-15", count=5)]))
    page = window.page(ReportPage)
    window.show_page(PAGE_TYPES.index(ReportPage))
    page.year_spin.setValue(2025)
    page.internal_radio.setChecked(True)
    page.folder_edit.setText(str(tmp_path / "rapport"))
    qtbot.mouseClick(page.generate_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not page.running, timeout=30_000)
    assert page.open_pdf_button.isEnabled()
    pages_before = page.preview.page_count()
    assert pages_before > 0

    assert window.session_lock.lock()
    _unlock(qtbot, window)
    rebuilt = window.page(ReportPage)
    assert rebuilt is not page
    assert rebuilt.year_spin.value() == 2025
    assert rebuilt.internal_radio.isChecked()
    assert rebuilt.open_pdf_button.isEnabled() and rebuilt.open_folder_button.isEnabled()
    assert "interne" in rebuilt.result_label.text()
    assert rebuilt.preview.page_count() == pages_before


# ------------------------------------------------------------------ Ouvrir le PDF


def test_open_the_pdf_without_a_viewer_says_so_and_offers_the_folder(
        qtbot, db: Database, member, window, tmp_path, monkeypatch):
    window.show_page(PAGE_TYPES.index(ReportPage))
    page = window.page(ReportPage)
    pdf = tmp_path / "rapport" / "rapport-2025.pdf"
    pdf.parent.mkdir()
    pdf.write_bytes(b"%PDF-1.4\n")
    page.files = ReportFiles(pdf=pdf, json=pdf, xlsx=None, csv=[])
    asked: list[QUrl] = []

    def no_viewer(url: QUrl) -> bool:
        asked.append(url)
        return url == QUrl.fromLocalFile(str(pdf.parent))  # a file manager, no PDF reader

    monkeypatch.setattr(report_module.QDesktopServices, "openUrl", no_viewer)
    page.open_pdf()
    box = next(w for w in page.findChildren(QMessageBox) if w.isVisible())
    assert "Aucun programme" in box.text() and str(pdf.parent) in box.text()
    folder_button = next(b for b in box.buttons() if b.text() == "Ouvrir le dossier")
    qtbot.mouseClick(folder_button, Qt.MouseButton.LeftButton)
    assert asked == [QUrl.fromLocalFile(str(pdf)), QUrl.fromLocalFile(str(pdf.parent))]

    monkeypatch.setattr(report_module.QDesktopServices, "openUrl", lambda _url: False)
    page.open_folder()
    assert page.errors.isVisible() and str(pdf.parent) in page.errors.text()


# ------------------------------------------------------------------ pre-selections


def test_the_only_staff_member_is_the_referent_and_ticked_in_collective_sessions(
        qtbot, db: Database, member: StaffMember, window: MainWindow):
    supports = window.page(SupportsPage)
    assert supports.referent_combo.currentText() == "Zoé Ğüzel"
    assert supports.intervention_staff.checked_ids() == [member.id]
    collective = window.page(CollectiveActionsPage)
    assert collective.session_staff.checked_ids() == [member.id]


def test_the_staff_member_of_this_machine_is_ticked_in_collective_sessions_too(
        qtbot, db: Database, member: StaffMember, french):
    other = db.repos.staff.save(
        StaffMember(display_name="Дмитрий К.", role=Role.SOCIAL_WORKER, fte=1.0))
    Preferences(db).set(CURRENT_STAFF, str(other.id))
    main = MainWindow(db)
    qtbot.addWidget(main)
    assert main.page(CollectiveActionsPage).session_staff.checked_ids() == [other.id]
    assert main.page(SupportsPage).intervention_staff.checked_ids() == [other.id]
    # Two members: the referent is a choice, not guessed.
    assert main.page(SupportsPage).referent_combo.current_id() is None


# ------------------------------------------------------------------ keys and wheel


def test_enter_in_hours_adds_them(qtbot, db: Database, member: StaffMember, window):
    window.show_page(PAGE_TYPES.index(TimePage))
    page = window.page(TimePage)
    page.staff_combo.select_id(member.id)
    qtbot.keyClicks(page.hours_edit, "1,5")
    qtbot.keyClick(page.hours_edit, Qt.Key.Key_Return)
    hours = [e.hours for e in db.repos.time_entries.all() if e.staff_id == member.id]
    assert hours == [1.5]
    assert page.hours_edit.text() == ""


def test_the_wheel_over_the_support_tabs_scrolls_the_page_not_the_tabs(
        qtbot, db: Database, member: StaffMember, window):
    window.resize(1280, 720)
    window.show_page(PAGE_TYPES.index(SupportsPage))
    page = window.page(SupportsPage)
    tabs = page.tabs
    qtbot.waitUntil(tabs.tabBar().isVisible)
    tabs.setCurrentIndex(1)
    bar = tabs.tabBar()
    center = bar.tabRect(1).center()
    area = bar.parentWidget()
    while not (isinstance(area, QAbstractScrollArea) and area.verticalScrollBar().maximum()):
        area = area.parentWidget()
    before = area.verticalScrollBar().value()
    for _ in range(3):
        event = QWheelEvent(QPointF(center), QPointF(bar.mapToGlobal(center)), QPoint(0, 0),
                            QPoint(0, -120), Qt.MouseButton.NoButton,
                            Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase,
                            False)
        QApplication.sendEvent(bar, event)
    assert tabs.currentIndex() == 1
    assert area.verticalScrollBar().value() > before  # the page scrolled instead


def _wheel_down(widget: QWidget) -> None:
    center = widget.rect().center()
    event = QWheelEvent(QPointF(center), QPointF(widget.mapToGlobal(center)), QPoint(0, 0),
                        QPoint(0, -120), Qt.MouseButton.NoButton,
                        Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(widget, event)


def test_the_wheel_over_a_field_without_focus_scrolls_the_page_not_its_value(
        qtbot, db: Database, member: StaffMember, window):
    """Found by a new user: scrolling « Accompagnements » with the pointer over
    « Orienté vers » changed the partner without a word, and it was kept."""
    window.resize(1280, 720)
    window.show_page(PAGE_TYPES.index(SupportsPage))
    page = window.page(SupportsPage)
    qtbot.waitUntil(page.tabs.tabBar().isVisible)
    page.tabs.setCurrentIndex(1)  # the orientation tab, built when first shown
    combo, day = page.referral_type_combo, page.referral_date_edit
    qtbot.waitUntil(combo.isVisible)
    area = combo.parentWidget()
    while not (isinstance(area, QAbstractScrollArea) and area.verticalScrollBar().maximum()):
        area = area.parentWidget()
    partner, date_before = combo.currentIndex(), day.date()
    scrolled = area.verticalScrollBar().value()
    _wheel_down(combo)
    _wheel_down(day)
    assert combo.currentIndex() == partner and day.date() == date_before
    assert area.verticalScrollBar().value() > scrolled  # the page scrolled instead
    combo.setFocus()
    qtbot.waitUntil(combo.hasFocus)
    _wheel_down(combo)  # chosen with a click or Tab: the wheel steps through the list
    assert combo.currentIndex() == partner + 1


# ------------------------------------------------------------------ creation dialog


def test_the_mismatch_message_goes_once_the_passphrases_match(qtbot, tmp_path, french):
    dialog = CreateBaseDialog(tmp_path / "x.sps")
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.name_edit.setText("SPS Ğüzelyurt")
    dialog.passphrase_edit.setText(PASSPHRASE)
    dialog.confirm_edit.setText(PASSPHRASE + "x")
    dialog.acknowledge_box.setChecked(True)
    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    mismatch = "Les deux phrases de passe sont différentes"
    assert any(line.startswith(mismatch) for line in dialog.errors.lines())
    dialog.confirm_edit.setText(PASSPHRASE[:-1])
    assert any(line.startswith(mismatch) for line in dialog.errors.lines())
    dialog.confirm_edit.setText(PASSPHRASE)
    assert not any(line.startswith(mismatch) for line in dialog.errors.lines())
    assert not dialog.errors.isVisible()
    assert dialog.database is None  # nothing created until « Créer la base »


# ------------------------------------------------------------------ times and dates


def _click_in_text(qtbot, edit, characters: int) -> None:
    """Click inside a date or time field, after ``characters`` characters of its text."""
    line = edit.lineEdit()
    x = line.fontMetrics().horizontalAdvance(line.text()[:characters]) + 3
    qtbot.mouseClick(line, Qt.MouseButton.LeftButton, pos=QPoint(x, line.height() // 2))


def grid_brackets(db: Database) -> list[str]:
    return list(db.service().age_brackets.keys())


def _field_page(qtbot, window: MainWindow) -> FieldPage:
    window.show_page(PAGE_TYPES.index(FieldPage))
    page = window.page(FieldPage)
    page.start_edit.setTime(QTime(14, 0))
    page.end_edit.setTime(QTime(16, 0))
    return page


def test_a_time_typed_after_a_click_or_ctrl_a_is_the_time_saved(qtbot, db, member, window):
    page = _field_page(qtbot, window)
    page.start_edit.setFocus(Qt.FocusReason.MouseFocusReason)
    _click_in_text(qtbot, page.start_edit, 1)  # « 1|4:00 »
    qtbot.keyClicks(page.start_edit, "1030")
    assert page.start_edit.time() == QTime(10, 30)

    page.end_edit.setFocus(Qt.FocusReason.MouseFocusReason)
    qtbot.keyClick(page.end_edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(page.end_edit, "12:45")
    assert page.end_edit.time() == QTime(12, 45)
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    [saved] = db.repos.field_sessions.all()
    assert (saved.start_time, saved.end_time) == (time(10, 30), time(12, 45))


@pytest.mark.parametrize(("typed", "expected"), [
    ("0930", QTime(9, 30)), ("930", QTime(9, 30)), ("9:30", QTime(9, 30)),
    ("21h15", QTime(21, 15)), ("1415", QTime(14, 15)), ("8.05", QTime(8, 5)),
])
def test_every_usual_way_of_typing_a_time(qtbot, db, member, window, typed, expected):
    page = _field_page(qtbot, window)
    page.start_edit.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.keyClicks(page.start_edit, typed)
    qtbot.keyClick(page.start_edit, Qt.Key.Key_Tab)
    assert page.start_edit.time() == expected
    assert page.start_edit.problem == ""


def test_a_time_that_cannot_exist_is_refused_with_a_french_message(qtbot, db, member, window):
    page = _field_page(qtbot, window)
    page.start_edit.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.keyClicks(page.start_edit, "2575")
    assert page.start_edit.time() == QTime(14, 0)
    assert page.start_edit.problem.startswith("25:75 n'est pas une heure")


def test_an_outing_ending_the_next_day_after_twelve_hours_is_confirmed(
        qtbot, db, member, window, monkeypatch):
    page = _field_page(qtbot, window)
    page.start_edit.setTime(QTime(14, 30))
    page.end_edit.setTime(QTime(11, 0))
    asked: list[str] = []

    def answer(button):
        def question(_parent, _title, text, *_args):
            asked.append(text)
            return button
        return question

    monkeypatch.setattr(field_module.QMessageBox, "question",
                        answer(QMessageBox.StandardButton.No))
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    assert db.repos.field_sessions.all() == []
    assert asked == ["Cette sortie commence à 14:30 et finit le lendemain à 11:00\u00a0: "
                     "elle dure donc 20 h 30. Est-ce bien cela\u00a0?"]
    monkeypatch.setattr(field_module.QMessageBox, "question",
                        answer(QMessageBox.StandardButton.Yes))
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    [saved] = db.repos.field_sessions.all()
    assert saved.hours == 20.5
    # A usual evening outing past midnight is not asked about.
    page.start_edit.setTime(QTime(20, 0))
    page.end_edit.setTime(QTime(1, 0))
    monkeypatch.setattr(field_module.QMessageBox, "question", None)
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    assert len(db.repos.field_sessions.all()) == 2


def _young_page(window: MainWindow) -> YoungPeoplePage:
    window.show_page(PAGE_TYPES.index(YoungPeoplePage))
    page = window.page(YoungPeoplePage)
    page.birth_known_box.setChecked(True)
    return page


def test_the_birth_date_is_typed_as_every_date_of_the_window(qtbot, db, member, window):
    page = _young_page(window)
    page.nickname_edit.setText("Kemi")
    page.birth_edit.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.keyClicks(page.birth_edit, "05/03/2009")
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    [saved] = db.repos.young_people.all()
    assert saved.birth_date == date(2009, 3, 5)


def test_a_two_digit_or_out_of_range_birth_year_gives_a_message_not_another_date(
        qtbot, db, member, window):
    page = _young_page(window)
    shown = page.birth_edit.date()
    page.birth_edit.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.keyClicks(page.birth_edit, "05/03/09")
    qtbot.keyClick(page.birth_edit, Qt.Key.Key_Tab)
    assert "n'est pas une date complète" in page.birth_edit.problem
    qtbot.keyClick(page.birth_edit, Qt.Key.Key_Tab)  # a second Tab leaves
    assert page.birth_edit.date() == shown
    page.birth_edit.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.keyClicks(page.birth_edit, "05/03/1940")
    assert page.birth_edit.date() == shown
    assert page.birth_edit.problem.startswith("Le 05/03/1940 est hors des limites")


def test_a_birth_year_typed_after_a_click_is_saved(qtbot, db, member, window):
    page = _young_page(window)
    page.precision_combo.setCurrentIndex(
        page.precision_combo.findData(BirthDatePrecision.YEAR.value))
    assert page.birth_edit.displayFormat() == "yyyy"
    page.birth_edit.setFocus(Qt.FocusReason.MouseFocusReason)
    _click_in_text(qtbot, page.birth_edit, 2)  # « 20|11 »
    qtbot.keyClicks(page.birth_edit, "2009")
    assert page.birth_edit.date().year() == 2009
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    [saved] = db.repos.young_people.all()
    assert saved.birth_date == date(2009, 1, 1)


# ------------------------------------------------------------------ plurals and durations


def test_counts_of_one_are_singular_and_durations_have_one_style(qtbot, db, member, window):
    page = _field_page(qtbot, window)
    grid = page.tally_grid
    grid.spin(Sex.FEMALE, grid_brackets(db)[1]).setValue(1)
    assert grid.total_label.text() == "Total\u00a0: 1 rencontre anonyme"
    grid.spin(Sex.MALE, grid_brackets(db)[1]).setValue(1)
    assert grid.total_label.text() == "Total\u00a0: 2 rencontres anonymes"
    grid.spin(Sex.MALE, grid_brackets(db)[1]).setValue(0)
    page.start_edit.setTime(QTime(18, 0))
    page.end_edit.setTime(QTime(20, 0))
    assert page.duration_label.text() == "Durée\u00a0: 2 h"  # not « 2 h 00 »
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    assert window.statusBar().currentMessage().endswith(", 2 h, 1 rencontre.")
    collective = window.page(CollectiveActionsPage)
    assert collective.anonymous_grid.total_label.text() == "Total\u00a0: 0 participant anonyme"
    assert format_hours_minutes(1.5) == "1 h 30" and format_hours_minutes(0.75) == "45 min"


def test_the_export_preview_gives_the_hours_of_the_file(qtbot, db, member, window, monkeypatch):
    db.repos.field_sessions.save(FieldSession(
        date=date(2025, 3, 4), start_time=time(18, 0), end_time=time(21, 30),
        staff_ids=[member.id],
        tallies=[TallyCell(sex=Sex.FEMALE, age_bracket="11-15", count=1)]))
    db.repos.field_sessions.save(FieldSession(
        date=date(2025, 3, 5), start_time=time(18, 0), end_time=time(22, 0),
        staff_ids=[member.id],
        tallies=[TallyCell(sex=Sex.FEMALE, age_bracket="11-15", count=6)]))
    monkeypatch.setattr("sps_desk.ui.department_menu.default_year", lambda: 2025)
    dialog = window.department_menu.open_export()
    qtbot.waitUntil(lambda: dialog.job is None, timeout=30_000)
    text = dialog.summary.text()
    assert "7,5 heures au total" in text  # was « 8 heures »
    assert "7 contacts lors de 2 sorties" in text
    assert "0 action," in text  # not « 0 actions »


# ------------------------------------------------------------------ palettes


def _dark_palette() -> QPalette:
    palette = QPalette()
    for role, color in ((QPalette.ColorRole.Window, "#2b2b2b"),
                        (QPalette.ColorRole.WindowText, "#f0f0f0"),
                        (QPalette.ColorRole.Base, "#1e1e1e"),
                        (QPalette.ColorRole.Text, "#f0f0f0"),
                        (QPalette.ColorRole.Button, "#3a3a3a"),
                        (QPalette.ColorRole.ButtonText, "#f0f0f0")):
        palette.setColor(role, QColor(color))
    return palette


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
def test_errors_warnings_and_banners_keep_a_4_5_contrast_in_both_palettes(
        qtbot, qapp, db, member, french, tmp_path, dark):
    before = qapp.palette()
    qapp.setPalette(_dark_palette() if dark else QPalette(QColor("#efefef")))
    try:
        main = MainWindow(db)
        qtbot.addWidget(main)
        main.show()
        for index in range(len(PAGE_TYPES)):
            main.show_page(index)
        dialog = CreateBaseDialog(tmp_path / "x.sps")
        qtbot.addWidget(dialog)
        shown = [*main.findChildren(QWidget), *dialog.findChildren(QWidget)]
        toned = [w for w in shown if any(isinstance(c, tones._ToneKeeper) for c in w.children())]
        kinds = {type(w).__name__ for w in toned}
        assert {"ErrorBox", "DraftBanner", "RestrictionLabel", "ReminderBanner"} <= kinds
        window_color = qapp.palette().color(QPalette.ColorRole.Window)
        assert tones.is_dark(qapp.palette()) is dark
        for widget in toned:
            widget.ensurePolished()
            text = widget.palette().color(widget.foregroundRole())
            keeper = next(c for c in widget.children() if isinstance(c, tones._ToneKeeper))
            background = (tones.tone_colors(keeper.tone, qapp.palette())[1]
                          if keeper.tone is tones.Tone.BANNER else window_color)
            assert tones.contrast_ratio(text, background) >= 4.5, type(widget).__name__
        # The draft banner's own label too (it was white on pale yellow).
        banner = next(w for w in toned if type(w).__name__ == "DraftBanner")
        banner.label.ensurePolished()
        assert tones.contrast_ratio(
            banner.label.palette().color(banner.label.foregroundRole()),
            tones.tone_colors(tones.Tone.BANNER, qapp.palette())[1]) >= 4.5
    finally:
        qapp.setPalette(before)


# ------------------------------------------------------------------ nothing clipped


@pytest.mark.parametrize("size", [(1280, 720), (1366, 768)], ids=["1280", "1366"])
def test_section_titles_and_the_support_form_are_whole_at_laptop_sizes(
        qtbot, qapp, db, member, window, size):
    window.resize(*size)
    window.show_page(PAGE_TYPES.index(SupportsPage))
    qapp.processEvents()
    navigation = window.navigation
    assert not navigation.horizontalScrollBar().isVisible()
    for row in range(navigation.count()):
        text_width = navigation.fontMetrics().horizontalAdvance(navigation.item(row).text())
        assert navigation.visualItemRect(navigation.item(row)).width() >= text_width
    page = window.page(SupportsPage)
    for box in page.problem_boxes.values():
        area = box.parentWidget()
        while not isinstance(area, QAbstractScrollArea):
            area = area.parentWidget()
        right = box.mapTo(area.viewport(), QPoint(box.width(), 0)).x()
        assert right <= area.viewport().width(), box.text()  # the second column was cut



def _whole_header(table) -> None:
    """Every column of ``table`` is on screen, none narrower than its header text."""
    header = table.horizontalHeader()
    assert table.horizontalScrollBar().maximum() == 0
    for column in range(header.count()):
        title = table.model().headerData(column, Qt.Orientation.Horizontal)
        assert header.sectionSize(column) >= header.fontMetrics().horizontalAdvance(title), title
        assert (header.sectionViewportPosition(column) + header.sectionSize(column)
                <= table.viewport().width()), title


@pytest.mark.parametrize("size", [(1280, 720), (1366, 768)], ids=["1280", "1366"])
def test_the_lists_beside_the_forms_show_every_column_at_laptop_sizes(
        qtbot, qapp, db, member, window, size):
    """Trial week at 1280×720: « Intitulé » was 25 px wide (« …c… » under « :itr »), the
    sector read « Hénin-Beaumon » and the « Rencontres » header was cut."""
    sector = db.repos.sectors.save(
        Sector(commune="Hénin-Beaumont", neighbourhood="Cité du Bord des Eaux"))
    db.repos.field_sessions.save(FieldSession(
        date=date(2026, 12, 3), start_time=time(18, 0), end_time=time(20, 30),
        staff_ids=[member.id], sector_id=sector.id,
        tallies=[TallyCell(sex=Sex.FEMALE, age_bracket="11-15", count=9)]))
    db.repos.collective_actions.save(
        CollectiveAction(title="Atelier cuisine", type=CollectiveActionType.WORK_PROJECT))
    window.resize(*size)
    for page_type in (FieldPage, CollectiveActionsPage):
        window.show_page(PAGE_TYPES.index(page_type))
        window.page(page_type).refresh()
        qapp.processEvents()
        _whole_header(window.page(page_type).table)
    field_table = window.page(FieldPage).table
    shown = field_table.model().index(0, 4).data()
    assert shown.startswith("Hénin-Beaumont")
    assert (field_table.horizontalHeader().sectionSize(4)
            >= field_table.fontMetrics().horizontalAdvance("Hénin-Beaumont …"))


@pytest.mark.parametrize("size", [(1280, 720), (1366, 768)], ids=["1280", "1366"])
def test_the_report_controls_never_scroll_sideways_and_a_refusal_comes_into_view(
        qtbot, qapp, window, size):
    """Trial week at 1280×720: « Choisir… » and « Voir les lignes… » were cut, labels
    lost their first letter when scrolled, and « Diffusion refusée : … » ended below
    the visible part of the pane."""
    window.resize(*size)
    window.show_page(PAGE_TYPES.index(ReportPage))
    qapp.processEvents()
    page = window.page(ReportPage)
    area = page.folder_edit.parentWidget()
    while not isinstance(area, QAbstractScrollArea):
        area = area.parentWidget()
    assert area.horizontalScrollBar().maximum() == 0
    controls = area.widget()
    assert controls.width() >= controls.minimumSizeHint().width()
    area.verticalScrollBar().setValue(0)
    page.errors.show_lines(["Diffusion refusée : « Rapport › Faits marquants » contient "
                            "« Zoé » (un surnom). Ces mots désignent un jeune : reformulez "
                            "ce texte puis relancez."])

    def error_in_view() -> None:
        bottom = page.errors.mapTo(area.viewport(), QPoint(0, page.errors.height())).y()
        assert 0 <= bottom <= area.viewport().height()

    qtbot.waitUntil(error_in_view)
    assert page.errors.height() >= page.errors.heightForWidth(page.errors.width())


def test_the_no_staff_notice_of_a_fresh_base_is_not_cut(qtbot, qapp, db, french):
    main = MainWindow(db)  # no staff member yet
    qtbot.addWidget(main)
    main.resize(1280, 720)
    main.show()
    main.show_page(PAGE_TYPES.index(FieldPage))
    qapp.processEvents()
    label = main.page(FieldPage).no_staff_label
    assert label.isVisible()
    assert label.height() >= label.heightForWidth(label.width())


def test_the_unlock_dialog_grows_to_show_its_whole_message(qtbot, qapp, db_path, french):
    Database.create(db_path.with_name("autre.sps"), PASSPHRASE, "SPS Ğüzelyurt").close()
    dialog = UnlockDialog(db_path.with_name("autre.sps"))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.passphrase_edit.setText("mauvaise phrase de passe")
    qtbot.mouseClick(dialog.open_button, Qt.MouseButton.LeftButton)
    qapp.processEvents()
    errors = dialog.errors
    assert errors.text().startswith("Phrase de passe incorrecte")
    assert errors.height() >= errors.heightForWidth(errors.width())


# ------------------------------------------------------------------ Qt's own dialogs


def test_qt_file_dialogs_and_buttons_speak_french(qtbot, french):
    dialog = QFileDialog(None, "Dossier du rapport")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    qtbot.addWidget(dialog)
    dialog.show()
    labels = {label.text() for label in dialog.findChildren(QLabel)}
    assert {"&Regarder dans\u00a0:", "&Nom de fichier\u00a0:", "&Type de fichier\u00a0:"} <= labels
    assert not any("Look in" in text or "Files of" in text for text in labels)
    assert [b.text() for b in dialog.findChildren(QPushButton)] == ["&Ouvrir", "Annuler"]
    box = QMessageBox(QMessageBox.Icon.Question, "", "",
                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
    qtbot.addWidget(box)
    assert [b.text() for b in box.buttons()] == ["&Oui", "&Non"]
