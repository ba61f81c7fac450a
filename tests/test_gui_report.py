"""The Rapport page generates the annual report off the GUI thread."""

from __future__ import annotations

import json
import threading
from datetime import date, time

import pytest
from PySide6.QtCore import QDate, QPoint, Qt, QTime, QTimer, QUrl

from sps_desk.enums import Role, Sex
from sps_desk.records import FieldSession, StaffMember, TallyCell
from sps_desk.reports import annual
from sps_desk.store.database import Database
from sps_desk.ui.main_window import MainWindow
from sps_desk.ui.pages import report as report_module
from sps_desk.ui.pages.field import FieldPage
from sps_desk.ui.pages.report import ReportPage, default_year


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
    window.show_page(6)
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

    # The generation stops at its first step until an outing was saved from Terrain.
    saved_meanwhile = threading.Event()
    real_write = annual.write_annual_report

    def gated(database, year, out_dir, *, progress, cancelled, variant):
        def held(percent, step):
            progress(percent, step)
            assert saved_meanwhile.wait(20)

        return real_write(database, year, out_dir, progress=held, cancelled=cancelled,
                          variant=variant)

    monkeypatch.setattr(annual, "write_annual_report", gated)
    qtbot.mouseClick(page.generate_button, Qt.MouseButton.LeftButton)

    # The click returned at once: the work goes on in a thread; the window still saves.
    assert page.running and page.files is None
    assert not page.generate_button.isEnabled()
    assert not window.hub.busy and field_page.save_button.isEnabled()
    field_page.date_edit.setDate(QDate(2025, 7, 1))
    field_page.start_edit.setTime(QTime(10, 0))
    field_page.end_edit.setTime(QTime(12, 0))
    field_page.staff_list.set_checked(field_page.active_staff()[0].id)
    qtbot.mouseClick(field_page.save_button, Qt.MouseButton.LeftButton)
    assert page.running  # still generating
    saved_meanwhile.set()
    assert field_page.errors.lines() == []
    assert [s.date for s in filled.repos.field_sessions.between(date(2025, 7, 1),
                                                                 date(2025, 7, 1))] == [
        date(2025, 7, 1)]
    assert field_page.selected_session().date == date(2025, 7, 1)  # shown in the list

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
    workbook = out / "statistiques-2025.xlsx"
    assert page.result_label.text() == (
        "Version de diffusion, pour le Département et les partenaires.\n"
        f"Fichiers écrits\u00a0:\n{pdf}\n{statistics}\n{workbook}\n"
        "16 fichiers CSV dans le même dossier"
    )
    assert page.preview.page_count() > 5  # shown inside the window (Qt PDF)
    assert page.generate_button.isEnabled() and field_page.save_button.isEnabled()
    assert not window.hub.busy

    opened: list[QUrl] = []
    monkeypatch.setattr(report_module.QDesktopServices, "openUrl",
                        lambda url: opened.append(url) or True)
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


SECTION_TEXT = "Chantier avec Çağrı Kılıç & l'association Łąka <Šťastná> : ğ ı ş ł č œ"


def _report_page(qtbot, database: Database) -> tuple[MainWindow, ReportPage]:
    window = MainWindow(database)
    qtbot.addWidget(window)
    page = window.page(ReportPage)
    assert isinstance(page, ReportPage)
    return window, page


def test_the_chief_sections_are_saved_per_year_and_printed(qtbot, filled, tmp_path, french):
    import subprocess

    _window, page = _report_page(qtbot, filled)
    page.year_spin.setValue(2025)
    assert page.sections_tabs.count() == 3
    assert [page.sections_tabs.tabText(i) for i in range(3)] == [
        "Faits marquants", "Démarche d'amélioration continue de la qualité", "Perspectives"]
    page.section_edits["highlights"].setPlainText(SECTION_TEXT)
    page.section_edits["outlook"].setPlainText("Ouvrir une permanence.")
    assert page.sections_state.text() == "Modifications non enregistrées."
    page.year_spin.setValue(2024)  # switching year saves first: nothing typed is lost
    assert page.section_edits["highlights"].toPlainText() == ""
    saved = filled.repos.report_sections.for_year(2025)
    assert (saved.highlights, saved.outlook) == (SECTION_TEXT, "Ouvrir une permanence.")
    page.year_spin.setValue(2025)
    assert page.section_edits["highlights"].toPlainText() == SECTION_TEXT
    page.section_edits["quality"].setPlainText("Évaluation interne.")
    page.folder_edit.setText(str(tmp_path))
    qtbot.mouseClick(page.generate_button, Qt.MouseButton.LeftButton)  # saves, then runs
    qtbot.waitUntil(lambda: not page.running, timeout=25_000)
    assert filled.repos.report_sections.for_year(2025).quality == "Évaluation interne."
    text = subprocess.run(["pdftotext", str(tmp_path / "rapport-activite-2025.pdf"), "-"],
                          capture_output=True, text=True, check=True).stdout
    assert SECTION_TEXT in " ".join(text.split())


def test_a_year_not_over_is_said_beside_the_year(qtbot, filled, french):
    """A chief who picked the current year took its report for the whole year (found by
    a new user on a demo base): the page says it counts only what is recorded so far."""
    _window, page = _report_page(qtbot, filled)
    today = date.today()
    page.year_spin.setValue(today.year - 1)
    assert page.year_note.isHidden()
    page.year_spin.setValue(today.year)
    assert not page.year_note.isHidden()
    assert page.year_note.text() == (
        f"L'année {today.year} n'est pas terminée\u00a0: le rapport ne comptera que "
        f"l'activité saisie jusqu'à aujourd'hui ({today:%d/%m/%Y}), pas l'année entière.")
    page.year_spin.setValue(today.year + 1)
    assert f"L'année {today.year + 1} n'a pas commencé" in page.year_note.text()
    page.year_spin.setValue(2025 if today.year > 2025 else 2000)
    assert page.year_note.isHidden()


def test_too_long_sections_give_a_french_message_and_stay_typed(qtbot, filled, french):
    _window, page = _report_page(qtbot, filled)
    page.section_edits["quality"].setPlainText("x" * 20_001)
    assert not page.save_sections()
    assert page.errors.lines() and "trop long" in page.errors.lines()[0]
    assert page.section_edits["quality"].toPlainText() == "x" * 20_001


def test_the_generation_can_be_cancelled_and_writes_nothing(qtbot, filled, tmp_path, french):
    window, page = _report_page(qtbot, filled)
    out = tmp_path / "annulé"
    page.year_spin.setValue(2025)
    page.folder_edit.setText(str(out))
    qtbot.mouseClick(page.generate_button, Qt.MouseButton.LeftButton)
    assert page.cancel_button.isEnabled()
    qtbot.mouseClick(page.cancel_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not page.running, timeout=25_000)
    assert page.step_label.text() == "Génération annulée\u00a0: aucun fichier n'a été écrit."
    assert not out.exists() or list(out.iterdir()) == []
    assert page.files is None and not page.save_xlsx_button.isEnabled()
    assert page.generate_button.isEnabled() and not page.cancel_button.isEnabled()
    assert not window.hub.busy


def test_the_workbook_and_csv_files_are_saved_where_asked(qtbot, filled, tmp_path, french):
    import openpyxl

    _window, page = _report_page(qtbot, filled)
    page.year_spin.setValue(2025)
    page.folder_edit.setText(str(tmp_path / "rapport"))
    qtbot.mouseClick(page.generate_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not page.running, timeout=25_000)
    target = tmp_path / "envoi" / "classeur.xlsx"
    target.parent.mkdir()
    page.save_xlsx(str(target))
    sheet = openpyxl.load_workbook(target)["rencontres"]
    assert [c.value for c in sheet[5]] == ["Sorties de terrain", 2]
    page.save_csv(str(target.parent))
    names = sorted(p.name for p in target.parent.iterdir())
    assert "statistiques-2025-heures.csv" in names and len(names) == 17
    heures = (target.parent / "statistiques-2025-heures.csv").read_bytes()
    assert heures.startswith(b"\xef\xbb\xbfCat\xc3\xa9gorie d'activit\xc3\xa9;Heures 2025")
    assert b"\r\nTravail de rue;6;100\r\n" in heures  # 2 sessions of 3 h, decimal comma


def test_the_page_offers_the_diffusion_version_first_then_the_internal_one(
    qtbot, filled, tmp_path, french
):
    import subprocess

    window, page = _report_page(qtbot, filled)
    window.show()
    window.show_page(6)
    qtbot.waitExposed(window)
    # Diffusion first and chosen by default; one line says whom each version is for.
    layout = page.diffusion_radio.parentWidget().layout()
    order = [layout.itemAt(i).widget() for i in range(layout.count())]
    assert order == [page.diffusion_radio, page.diffusion_hint, page.internal_radio,
                     page.internal_hint]
    assert page.diffusion_radio.text() == "Version de diffusion"
    assert page.internal_radio.text() == "Version interne"
    assert page.diffusion_radio.isChecked() and page.variant == "diffusion"
    assert page.diffusion_hint.text().startswith("Pour le Département et les partenaires")
    assert "«\u00a0s\u00a0»" in page.diffusion_hint.text()
    assert page.internal_hint.text().startswith("Pour le service seulement")
    assert "Ne pas diffuser" in page.internal_hint.text()

    out = tmp_path / "rapports"
    page.year_spin.setValue(2025)
    page.folder_edit.setText(str(out))
    # A radio button reacts on its circle and its text, at the left of its row.
    qtbot.mouseClick(page.internal_radio, Qt.MouseButton.LeftButton,
                     pos=QPoint(8, page.internal_radio.height() // 2))
    assert page.variant == "internal"
    qtbot.mouseClick(page.generate_button, Qt.MouseButton.LeftButton)
    assert not page.internal_radio.isEnabled()  # the choice is locked while it runs
    qtbot.waitUntil(lambda: not page.running, timeout=25_000)
    assert page.errors.lines() == []
    names = sorted(p.name for p in out.iterdir())
    assert len(names) == 19 and all(
        n.removesuffix(".pdf").removesuffix(".json").removesuffix(".xlsx")
        .removesuffix(".csv").endswith("-interne") for n in names), names
    assert page.result_label.text().startswith(
        "Version interne, pour le service seulement (ne pas diffuser).\n")
    text = subprocess.run(["pdftotext", str(out / "rapport-activite-2025-interne.pdf"),
                           "-"], capture_output=True, text=True, check=True).stdout
    assert "Document interne — contient des effectifs soumis au secret statistique" in text
    assert page.internal_radio.isEnabled()
