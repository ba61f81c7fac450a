"""The window: « Ce qui quitte cet ordinateur » before saving, and the Département mode."""

from __future__ import annotations

import json

from sps_desk.records import ReportSections
from sps_desk.reports.consolidation import load_statistics_file
from sps_desk.reports.export import export_year
from sps_desk.store.database import Database
from sps_desk.ui.main_window import MainWindow
from sps_desk.ui.pages.consolidation import ConsolidationPage
from tests.conftest import PASSPHRASE
from tests.test_export import YEAR, fill


def test_preview_tells_what_leaves_then_saves(qtbot, db, tmp_path, french, monkeypatch):
    fill(db)
    monkeypatch.setattr("sps_desk.ui.department_menu.default_year", lambda: YEAR)
    window = MainWindow(db)
    qtbot.addWidget(window)
    menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Département")
    assert [a.text() for a in menu.actions()] == [
        "Fichier statistique pour le Département…", "Consolider les fichiers des services…"]
    dialog = window.department_menu.open_export()
    qtbot.waitUntil(lambda: dialog.job is None, timeout=20_000)  # prepared in the background
    assert dialog.windowTitle() == "Ce qui quitte cet ordinateur"
    text = dialog.summary.text()
    assert "Le fichier contient" in text and "Masqué par le secret statistique" in text
    assert "Jeunes accompagnés par sexe et âge : " in text
    assert "moins de 5 personnes" in text and "par soustraction" in text
    assert "Aucun nom, prénom, adresse ni téléphone" in text
    target = tmp_path / "envoi" / "stats.json"
    dialog.path_edit.setText(str(target))
    dialog.save_button.click()
    qtbot.waitUntil(lambda: dialog.job is None, timeout=20_000)
    assert dialog.result() == dialog.DialogCode.Accepted
    assert load_statistics_file(target).supported.total == 14
    assert target.with_suffix(".xlsx").exists()
    # Re-exporting after a change: the window says what changed, in counts only.
    fill(db)
    again = window.department_menu.open_export()
    qtbot.waitUntil(lambda: again.job is None, timeout=20_000)
    text = again.summary.text()
    assert "Ce qui a changé depuis la dernière diffusion de cette année" in text
    assert "Depuis la diffusion n° 1 de 2025" in text
    assert "Jeunes accompagnés : 14 → 28 (+14)." in text
    assert "diffusion n° 2" in text


def test_preview_refuses_a_leak_and_names_the_field(qtbot, db, tmp_path, french):
    fill(db)
    db.repos.report_sections.save(ReportSections.for_year(YEAR, quality="Merci à ğazi !"))
    from sps_desk.ui.dialogs.export_preview import ExportPreviewDialog

    out = tmp_path / "envoi"
    dialog = ExportPreviewDialog(db, YEAR, out)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.job is None, timeout=20_000)
    assert not dialog.save_button.isEnabled()
    assert "Démarche d'amélioration continue de la qualité" in "\n".join(dialog.errors.lines())
    dialog.save()
    assert not out.exists()


def test_department_mode_checks_and_consolidates(qtbot, tmp_path, french):
    files = []
    for name, year in (("SPS Ørjan", YEAR), ("SPS Œnone", YEAR), ("SPS Ğazi", YEAR - 1)):
        with Database.create(tmp_path / f"{name}.sps", PASSPHRASE, name) as database:
            files.append(export_year(database, year, tmp_path / f"{name}.json").json)
    altered = tmp_path / "altered.json"
    data = json.loads(files[0].read_text(encoding="utf-8"))
    data["collective_actions"]["actions"] = 99
    altered.write_text(json.dumps(data), encoding="utf-8")
    page = ConsolidationPage(tmp_path / "out")
    qtbot.addWidget(page)
    page.confirm_service = lambda *_args: True  # fingerprints compared with each chief
    page.add_files([altered])
    assert page.files.count() == 0 and "altered.json" in page.errors.lines()[0]
    page.add_files(files)
    assert page.files.count() == 3
    page.consolidate()
    qtbot.waitUntil(lambda: page.job is None, timeout=20_000)  # in the background
    assert "même année" in page.errors.lines()[0]
    page.files.item(2).setSelected(True)
    page.remove_selected()
    page.consolidate()
    qtbot.waitUntil(lambda: page.job is None, timeout=20_000)  # in the background
    assert page.errors.lines() == []
    assert page.written is not None and page.written.pdf.exists()
    assert "2 services" in page.result.text()


def test_department_window_runs_without_a_base(qapp, tmp_path, monkeypatch):
    from PySide6.QtCore import QTimer

    from sps_desk.ui.department_app import run_department

    monkeypatch.setattr("platformdirs.user_documents_path", lambda: tmp_path)
    seen: list[ConsolidationPage] = []

    def close_it() -> None:
        seen.extend(w for w in qapp.topLevelWidgets()
                    if isinstance(w, ConsolidationPage) and w.isVisible())
        for page in seen:
            page.close()
        # Closing the last window ends app.exec() through Qt's own Quit event; an extra
        # quit()/exit() here would leave that event queued for the next test's loop.

    QTimer.singleShot(0, close_it)
    assert run_department(["sps-desk"]) == 0
    assert len(seen) == 1
    assert seen[0].folder_edit.text() == str(tmp_path / "sps_desk" / "departement")
