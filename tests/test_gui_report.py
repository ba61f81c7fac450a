"""The Rapport page generates the annual report off the GUI thread."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date, time

import pytest
from PySide6.QtCore import QLocale, Qt, QTimer, QUrl
from PySide6.QtWidgets import QApplication

from sps_desk.enums import Role, Sex
from sps_desk.records import FieldSession, StaffMember, TallyCell
from sps_desk.store.database import Database
from sps_desk.ui.i18n import install_translators, remove_translators
from sps_desk.ui.main_window import MainWindow
from sps_desk.ui.pages import report as report_module
from sps_desk.ui.pages.field import FieldPage
from sps_desk.ui.pages.report import ReportPage, default_year


@pytest.fixture
def french(qapp: QApplication) -> Iterator[None]:
    locale = QLocale()
    translators = install_translators(qapp, "fr")
    yield
    remove_translators(qapp, translators)
    QLocale.setDefault(locale)


@pytest.fixture
def filled(db: Database) -> Database:
    member = db.repos.staff.save(
        StaffMember(display_name="Ana Ł.", role=Role.SOCIAL_WORKER, fte=1.0)
    )
    for day in (date(2025, 3, 4), date(2025, 6, 17)):
        db.repos.field_sessions.save(
            FieldSession(
                date=day,
                start_time=time(18, 0),
                end_time=time(21, 0),
                staff_ids=[member.id],
                tallies=[TallyCell(sex=Sex.FEMALE, age_bracket="11-15", count=5)],
            )
        )
    return db


def test_the_default_year_is_the_past_one_until_march():
    assert default_year(date(2026, 2, 10)) == 2025
    assert default_year(date(2026, 4, 1)) == 2026


def test_the_report_is_generated_without_blocking_the_window(
    qtbot, filled, tmp_path, monkeypatch, french
):
    window = MainWindow(filled)
    qtbot.addWidget(window)
    window.show()
    window.show_page(5)
    page = window.page(ReportPage)
    assert isinstance(page, ReportPage)
    field_page = window.page(FieldPage)
    assert isinstance(field_page, FieldPage)
    out = tmp_path / "rapports 2025"
    page.year_spin.setValue(2025)
    page.folder_edit.setText(str(out))
    ticks: list[int] = []
    heartbeat = QTimer()
    heartbeat.timeout.connect(lambda: ticks.append(1))
    heartbeat.start(5)

    qtbot.mouseClick(page.generate_button, Qt.MouseButton.LeftButton)

    # The click returned at once: the work goes on in a thread, writes are locked.
    assert page.running and page.files is None
    assert not page.generate_button.isEnabled()
    assert window.hub.busy and not field_page.save_button.isEnabled()

    pdf = out / "rapport-activite-2025.pdf"
    statistics = out / "statistiques-2025.json"
    qtbot.waitUntil(lambda: not page.running, timeout=25_000)
    heartbeat.stop()
    assert page.errors.lines() == []
    assert pdf.read_bytes().startswith(b"%PDF")
    assert json.loads(statistics.read_text(encoding="utf-8"))  # valid JSON
    assert ticks, "the event loop did not run during the generation"
    assert page.progress_bar.value() == 100
    assert page.step_label.text() == "Rapport terminé"
    assert page.result_label.text() == f"Fichiers écrits\u00a0:\n{pdf}\n{statistics}"
    assert page.generate_button.isEnabled() and field_page.save_button.isEnabled()
    assert not window.hub.busy

    opened: list[QUrl] = []
    monkeypatch.setattr(report_module.QDesktopServices, "openUrl", opened.append)
    assert page.open_pdf_button.isEnabled()
    qtbot.mouseClick(page.open_pdf_button, Qt.MouseButton.LeftButton)
    assert opened == [QUrl.fromLocalFile(str(pdf))]


def test_an_unwritable_folder_gives_a_french_message(qtbot, filled, tmp_path, french):
    window = MainWindow(filled)
    qtbot.addWidget(window)
    page = window.page(ReportPage)
    assert isinstance(page, ReportPage)
    blocker = tmp_path / "fichier"
    blocker.write_text("pas un dossier", encoding="utf-8")
    page.year_spin.setValue(2025)
    page.folder_edit.setText(str(blocker / "sous-dossier"))
    qtbot.mouseClick(page.generate_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not page.running, timeout=25_000)
    message = page.errors.lines()
    assert len(message) == 1 and "dossier" in message[0]  # French, no traceback
    assert page.files is None and not page.open_pdf_button.isEnabled()
    assert page.generate_button.isEnabled() and not window.hub.busy
