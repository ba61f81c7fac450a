"""Spreadsheet import of hours as services really keep them (trial 7, section 3).

First names only, label starts and field synonyms for categories, a « TOTAL » row, and
the accepted labels listed once. Names are synthetic.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from sps_desk.enums import ActivityCategory, Role
from sps_desk.records import StaffMember
from sps_desk.store import imports
from sps_desk.store.database import Database
from sps_desk.tabular.fields import ImportKind

INES = "Inès Moreau-Ñúñez"
THEO = "Théo Kowalczyk"
CLAIRE = "Claire Dubois"


def _staff(db: Database, *names: str) -> None:
    for name in names:
        db.repos.staff.save(StaffMember(display_name=name, role=Role.SOCIAL_WORKER, fte=1.0))


def _write(path: Path, text: str, encoding: str = "cp1252") -> Path:
    # Excel's French « CSV (séparateur : point-virgule) »: Windows-1252, CRLF.
    path.write_bytes(text.replace("\n", "\r\n").encode(encoding))
    return path


def _entries(db: Database) -> list[tuple[str, date, ActivityCategory, float]]:
    names = {s.id: s.display_name for s in db.repos.staff.all()}
    return sorted((names[e.staff_id], e.date, e.category, e.hours)
                  for e in db.repos.time_entries.all())


def test_the_trial_sheet_imports_with_first_names_synonyms_and_a_total_row(
        db: Database, tmp_path: Path):
    _staff(db, INES, THEO, CLAIRE)
    path = _write(tmp_path / "heures-2025.csv", "Date;Éducateur;Catégorie;Heures\n"
                  "06/01/2025;Inès;Travail de rue;3,5\n"
                  "06/01/2025;théo;Réunion d'équipe;2\n"
                  "07/01/2025;INES;Temps de préparation;1,5\n"
                  "14/01/2025;Claire Dubois;Réunions partenaires;2,25\n"
                  ";;;\n"
                  ";;TOTAL;9,25\n")
    checked = imports.preview(db, path, ImportKind.TIME)
    assert checked.errors == []
    assert checked.plan.total_rows == [7]
    assert "Ligne(s) de total ignorée(s) : 7 (première cellule « Total »)." in checked.lines()
    imports.commit(db, checked)
    assert _entries(db) == [
        (CLAIRE, date(2025, 1, 14), ActivityCategory.PARTNERSHIP, 2.25),
        (INES, date(2025, 1, 6), ActivityCategory.STREET_WORK, 3.5),
        (INES, date(2025, 1, 7), ActivityCategory.PREPARATION, 1.5),
        (THEO, date(2025, 1, 6), ActivityCategory.PARTNERSHIP, 2.0),
    ]
    assert sum(e[3] for e in _entries(db)) == 9.25  # the sheet's own total


def test_an_ambiguous_first_name_is_refused_with_a_count_not_names(db: Database,
                                                                  tmp_path: Path):
    _staff(db, "Ayşe Çelik", "Ayse Yılmaz", "Дмитрий")
    path = _write(tmp_path / "h.csv", "Date;Professionnel;Catégorie;Heures\n"
                  "06/01/2025;Ayşe;Formations;7\n"
                  "06/01/2025;дмитрий;Formations;7\n", "utf-8")
    checked = imports.preview(db, path, ImportKind.TIME)
    assert [str(e) for e in checked.errors] == [
        "Ligne 2, colonne « Professionnel » : « Ayşe » désigne 2 professionnels de la base : "
        "écrivez le nom complet"]
    assert "Yılmaz" not in "\n".join(checked.lines())


def test_a_part_of_a_word_is_not_a_first_name(db: Database, tmp_path: Path):
    _staff(db, INES)
    path = _write(tmp_path / "h.csv", "Date;Professionnel;Catégorie;Heures\n"
                  "06/01/2025;In;Formations;7\n")
    checked = imports.preview(db, path, ImportKind.TIME)
    assert checked.plan.unknown == {"professionnels": ["In"]}


def test_accepted_labels_are_listed_once_in_french_order(db: Database, tmp_path: Path):
    _staff(db, INES)
    path = _write(tmp_path / "h.csv", "Date;Professionnel;Catégorie;Heures\n"
                  "06/01/2025;Inès;Permanence;1\n"
                  "07/01/2025;Inès;Actions;1\n")  # starts two labels: ambiguous
    checked = imports.preview(db, path, ImportKind.TIME)
    reasons = [e.reason for e in checked.errors]
    assert reasons == [
        "« Permanence » ne figure pas dans la liste (catégorie d'heures) : écrivez l'une des "
        "valeurs acceptées, listées sous les erreurs",
        "« Actions » ne figure pas dans la liste (catégorie d'heures) : écrivez l'une des "
        "valeurs acceptées, listées sous les erreurs"]
    listed = [line for line in checked.lines() if line.startswith("Valeurs acceptées")]
    assert listed == [
        "Valeurs acceptées (catégorie d'heures) : « Accompagnements individuels », « Actions "
        "collectives », « Actions partenariales et réunions diverses », « Congés », « Congés "
        "maladie », « Écrits professionnels », « Formations », « Temps de préparation des "
        "activités », « Travail de rue » (ou le début d'une valeur)."]


def test_a_name_starting_with_total_is_not_a_total_row(db: Database, tmp_path: Path):
    path = _write(tmp_path / "jeunes.csv", "Surnom;Sexe\nTotalou;F\nTotal 2025;\n")
    checked = imports.preview(db, path, ImportKind.YOUNG)
    assert checked.plan.total_rows == [3]
    assert [p.nickname for p in checked.new] == ["Totalou"]


def test_names_in_other_scripts_are_told_apart(db: Database, tmp_path: Path):
    _staff(db, "Дмитрий Орлов", "Αλέξης Παππάς")
    path = _write(tmp_path / "h.csv", "Date;Professionnel;Catégorie;Heures\n"
                  "06/01/2025;дмитрий;Formations;7\n"
                  "06/01/2025;Γιώργος;Formations;7\n", "utf-8")
    checked = imports.preview(db, path, ImportKind.TIME)
    assert checked.plan.unknown == {"professionnels": ["Γιώργος"]}
    assert [str(e).split(" : ")[0] for e in checked.errors] == [
        "Ligne 3, colonne « Professionnel »"]
