"""The window's everyday defects of issue 15, each checked on the real window
(offscreen) by the value a user sees."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, time

import pytest
from PySide6.QtCore import QLocale, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QAbstractScrollArea, QApplication, QMessageBox

from sps_desk.enums import Role, Sex
from sps_desk.records import FieldSession, StaffMember, TallyCell
from sps_desk.reports.annual import ReportFiles
from sps_desk.store.database import Database
from sps_desk.store.drafts import Preferences
from sps_desk.ui.dialogs.create_base import CreateBaseDialog
from sps_desk.ui.i18n import install_translators, remove_translators
from sps_desk.ui.main_window import PAGE_TYPES, MainWindow
from sps_desk.ui.pages import report as report_module
from sps_desk.ui.pages.base import CURRENT_STAFF
from sps_desk.ui.pages.collective import CollectiveActionsPage
from sps_desk.ui.pages.report import ReportPage
from sps_desk.ui.pages.supports import SupportsPage
from sps_desk.ui.pages.time_entries import TimePage
from tests.conftest import PASSPHRASE


@pytest.fixture
def french(qapp: QApplication) -> Iterator[None]:
    locale = QLocale()
    translators = install_translators(qapp, "fr")
    yield
    remove_translators(qapp, translators)
    QLocale.setDefault(locale)


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
