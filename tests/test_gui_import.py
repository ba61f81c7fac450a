"""The spreadsheet import dialog: mapping combos, the table of bad rows, all or nothing."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt

from sps_desk.enums import ActivityCategory, Role
from sps_desk.records import StaffMember
from sps_desk.store.database import Database
from sps_desk.tabular.fields import ImportKind
from sps_desk.ui.dialogs.import_spreadsheet import ImportSpreadsheetDialog
from sps_desk.ui.hub import Changes, DataHub
from sps_desk.ui.main_window import MainWindow

ZOE = "Zoé Lefèvre-Ñúñez"


def _settled(qtbot, dialog: ImportSpreadsheetDialog) -> None:
    """Wait for the checks and the import, which run in the background."""
    qtbot.waitUntil(lambda: dialog.job is None, timeout=20_000)


def _cells(dialog: ImportSpreadsheetDialog) -> list[tuple[str, str, str]]:
    table = dialog.error_table
    return [tuple(table.item(r, c).text() for c in range(3))  # type: ignore[misc]
            for r in range(table.rowCount())]


def test_bad_rows_are_listed_and_import_waits_for_a_clean_file(qtbot, db: Database,
                                                               tmp_path: Path):
    db.repos.staff.save(StaffMember(display_name=ZOE, role=Role.SOCIAL_WORKER, fte=1.0))
    path = tmp_path / "heures.csv"
    path.write_text("Date;Qui;Catégorie;Temps passé\n"
                    f"02/03/2026;{ZOE};Congés;7\n"
                    f"31/02/2026;{ZOE};Congés;2,75h\n", encoding="utf-8-sig")
    hub = DataHub()
    dialog = ImportSpreadsheetDialog(db, hub)
    qtbot.addWidget(dialog)
    dialog.set_kind(ImportKind.TIME)
    _settled(qtbot, dialog)
    dialog.load_file(path)
    _settled(qtbot, dialog)

    # « Qui » and « Temps passé » are not recognised: the file-level error says so.
    assert dialog.field_combos["professionnel"].currentData() is None
    assert _cells(dialog)[0][2].startswith("Colonne(s) introuvable(s)")
    assert not dialog.import_button.isEnabled()

    # The user picks the columns in the combos; every bad cell of row 3 is listed.
    combo = dialog.field_combos["professionnel"]
    combo.setCurrentIndex(combo.findText("Qui"))
    _settled(qtbot, dialog)
    combo = dialog.field_combos["heures"]
    combo.setCurrentIndex(combo.findText("Temps passé"))
    _settled(qtbot, dialog)
    assert [(row, column) for row, column, _ in _cells(dialog)] == [
        ("3", "Date"), ("3", "Temps passé")]
    assert "n'existe pas" in _cells(dialog)[0][2]
    assert not dialog.import_button.isEnabled()

    # Corrected file: the import is enabled, runs, and tells the pages.
    path.write_text("Date;Qui;Catégorie;Temps passé\n"
                    f"02/03/2026;{ZOE};Congés;7\n"
                    f"03/03/2026;{ZOE};Congés;2,75\n", encoding="utf-8-sig")
    dialog.load_file(path)
    _settled(qtbot, dialog)
    combo = dialog.field_combos["professionnel"]
    combo.setCurrentIndex(combo.findText("Qui"))
    _settled(qtbot, dialog)
    combo = dialog.field_combos["heures"]
    combo.setCurrentIndex(combo.findText("Temps passé"))
    _settled(qtbot, dialog)
    assert dialog.error_table.rowCount() == 0
    assert dialog.import_button.isEnabled()
    with qtbot.waitSignal(hub.changed) as changed:
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
        _settled(qtbot, dialog)
    assert changed.args == [Changes({"time_entry": None})]  # any of them may have changed
    assert dialog.result is not None and dialog.result.new == 2
    assert sorted((e.date, e.category, e.hours) for e in db.repos.time_entries.all()) == [
        (date(2026, 3, 2), ActivityCategory.LEAVE, 7.0),
        (date(2026, 3, 3), ActivityCategory.LEAVE, 2.75)]


def test_an_unreadable_file_is_explained_and_nothing_can_be_imported(qtbot, db: Database,
                                                                     tmp_path: Path):
    path = tmp_path / "vieux.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0")
    dialog = ImportSpreadsheetDialog(db)
    qtbot.addWidget(dialog)
    dialog.load_file(path)
    _settled(qtbot, dialog)
    assert "Excel 97" in dialog.errors.text()
    assert not dialog.import_button.isEnabled()


def test_the_file_menu_opens_the_import_dialog(qtbot, db: Database):
    window = MainWindow(db)
    qtbot.addWidget(window)
    file_menu = window.menuBar().actions()[0].menu()
    action = next(a for a in file_menu.actions() if a.text() == "Import a spreadsheet…")
    action.trigger()
    dialog = window.findChild(ImportSpreadsheetDialog)
    assert dialog is not None and dialog.isVisible()
    dialog.reject()


def test_check_again_rereads_the_fixed_file_and_keeps_the_chosen_columns(qtbot, db: Database,
                                                                         tmp_path: Path):
    db.repos.staff.save(StaffMember(display_name=ZOE, role=Role.SOCIAL_WORKER, fte=1.0))
    path = tmp_path / "heures.csv"
    path.write_text("Date;Qui;Catégorie;Heures\n"
                    "02/03/2026;Zoé;Permanence;7\n"
                    "03/03/2026;Zoé;Astreinte;2\n"
                    ";TOTAL;;9\n", encoding="utf-8-sig")
    dialog = ImportSpreadsheetDialog(db, DataHub())
    qtbot.addWidget(dialog)
    dialog.set_kind(ImportKind.TIME)
    _settled(qtbot, dialog)
    assert not dialog.recheck_button.isEnabled()
    dialog.load_file(path)
    _settled(qtbot, dialog)
    combo = dialog.field_combos["professionnel"]
    combo.setCurrentIndex(combo.findText("Qui"))
    _settled(qtbot, dialog)
    assert [(row, column) for row, column, _ in _cells(dialog)] == [
        ("2", "Catégorie"), ("3", "Catégorie")]
    lines = dialog.summary.text().splitlines()
    assert lines[1:] == [
        "Ligne(s) de total ignorée(s) : 4 (première cellule « Total »).",
        "Valeurs acceptées (catégorie d'heures) : « Accompagnements individuels », « Actions "
        "collectives », « Actions partenariales et réunions diverses », « Congés », « Congés "
        "maladie », « Écrits professionnels », « Formations », « Temps de préparation des "
        "activités », « Travail de rue » (ou le début d'une valeur)."]

    # Fixed in the spreadsheet: one click re-reads it, « Qui » stays mapped.
    path.write_text("Date;Qui;Catégorie;Heures\n"
                    "02/03/2026;Zoé;Travail de rue;7\n"
                    "03/03/2026;Zoé;Réunion d'équipe;2\n"
                    ";TOTAL;;9\n", encoding="utf-8-sig")
    qtbot.mouseClick(dialog.recheck_button, Qt.MouseButton.LeftButton)
    _settled(qtbot, dialog)
    assert dialog.field_combos["professionnel"].currentText() == "Qui"
    assert dialog.error_table.rowCount() == 0
    assert dialog.import_button.isEnabled()
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    _settled(qtbot, dialog)
    assert sorted((e.category, e.hours) for e in db.repos.time_entries.all()) == [
        (ActivityCategory.PARTNERSHIP, 2.0), (ActivityCategory.STREET_WORK, 7.0)]
