"""Spreadsheet import (issue 7, item 4): reading, mapping, every bad row, all or nothing.

Files are written as services keep them: French headers with accents and odd spacing,
« ; » or « , », UTF-8 with a BOM or Windows-1252, decimal commas, dd/mm/yyyy dates,
XLSX with real date cells. Names are synthetic.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime, time
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import Workbook

from sps_desk.cli import main
from sps_desk.enums import (
    ActivityCategory,
    BirthDatePrecision,
    CollectiveActionType,
    EndReason,
    PartnerType,
    Problem,
    Role,
    Sex,
    SupportOrigin,
)
from sps_desk.records import Partner, StaffMember, YoungPerson
from sps_desk.store import audit, imports
from sps_desk.store.database import Database
from sps_desk.tabular.cells import CellError, parse_date, parse_decimal
from sps_desk.tabular.fields import ImportKind, MappingError
from tests.conftest import PASSPHRASE

ZOE = "Zoé Lefèvre-Ñúñez"
DIMA = "Дмитрий"
AYSE = "Ayşe Çelik"


def _staff(db: Database, *names: str) -> dict[str, StaffMember]:
    return {name: db.repos.staff.save(StaffMember(display_name=name, role=Role.SOCIAL_WORKER,
                                                  fte=1.0)) for name in names}


def _write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.replace("\n", "\r\n").encode(encoding))
    return path


def _import(db: Database, path: Path, kind: ImportKind, *overrides: str
            ) -> imports.ImportResult:
    checked = imports.preview(db, path, kind, list(overrides))
    assert checked.errors == []
    return imports.commit(db, checked)


def _entries(db: Database) -> list[tuple[str, date, ActivityCategory, float]]:
    names = {s.id: s.display_name for s in db.repos.staff.all()}
    return sorted((names[e.staff_id], e.date, e.category, e.hours)
                  for e in db.repos.time_entries.all())


def test_semicolon_csv_with_bom_and_decimal_commas(db: Database, tmp_path: Path):
    _staff(db, ZOE, DIMA)
    path = _write(tmp_path / "heures.csv", "\ufeff Date ;ÉDUCATEUR; Catégorie ;Nb d'heures\n"
                  f"03/02/2026;{ZOE};Écrits professionnels;1,5\n"
                  "\n"
                  f"04/02/2026; {DIMA.lower()} ;congés;7\n"
                  f"04/02/2026;{ZOE};Actions partenariales et réunions diverses;0,75\n")
    result = _import(db, path, ImportKind.TIME)
    assert (result.new, result.updated, result.unchanged) == (3, 0, 0)
    assert _entries(db) == [
        (ZOE, date(2026, 2, 3), ActivityCategory.WRITING, 1.5),
        (ZOE, date(2026, 2, 4), ActivityCategory.PARTNERSHIP, 0.75),
        (DIMA, date(2026, 2, 4), ActivityCategory.LEAVE, 7.0),
    ]


def test_comma_csv_in_windows_1252(db: Database, tmp_path: Path):
    _staff(db, "Élodie Vœux")
    path = _write(tmp_path / "excel.csv", 'Date,Professionnel,Catégorie,Heures\n'
                  '12/01/2026,Élodie Vœux,Congés maladie,"3,5"\n'
                  '13/01/2026,ÉLODIE VŒUX,Formations,2\n', encoding="cp1252")
    _import(db, path, ImportKind.TIME)
    assert _entries(db) == [
        ("Élodie Vœux", date(2026, 1, 12), ActivityCategory.SICK_LEAVE, 3.5),
        ("Élodie Vœux", date(2026, 1, 13), ActivityCategory.TRAINING, 2.0),
    ]


def _xlsx(path: Path, rows: list[list[object]]) -> Path:
    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    workbook.save(path)
    return path


def test_xlsx_actions_with_real_date_cells_group_sessions_by_title(db: Database,
                                                                  tmp_path: Path):
    staff = _staff(db, ZOE, AYSE)
    db.repos.partners.save(Partner(name="Centre social Ébène", type=PartnerType.SOCIAL_CENTRE))
    young = db.repos.young_people.save(YoungPerson(code="J-ABC234"))
    path = _xlsx(tmp_path / "actions.xlsx", [
        ["Intitulé", "Type", "Date", "Heures", "Professionnels", "Jeunes", "Filles",
         "Garçons", "Nb de familles", "Partenaires"],
        ["Chantier peinture", "Chantier éducatif", datetime(2026, 3, 2), 3.5,
         f"{ZOE} ; {AYSE}", "J-ABC234", 2, 3, "NR", "Centre social Ébène"],
        [None] * 10,
        ["chantier  PEINTURE", None, datetime(2026, 3, 9), 3, ZOE, None, None, None, None,
         None],
        ["Sortie luge", "Sortie", datetime(2026, 1, 20), 8, AYSE, None, 0, 0, 4, None],
    ])
    result = _import(db, path, ImportKind.ACTIONS)
    assert result.new == 5  # two actions, three sessions
    actions = {a.title: a for a in db.repos.collective_actions.all()}
    painting = actions["Chantier peinture"]
    assert painting.type is CollectiveActionType.WORK_PROJECT
    assert painting.participant_ids == [young.id]
    assert painting.families == "NR"
    assert sorted((c.sex, c.count) for c in painting.anonymous_participants) == [
        (Sex.FEMALE, 2), (Sex.MALE, 3)]
    assert actions["Sortie luge"].families == 4
    sessions = db.repos.collective_sessions.for_action(painting.id)
    assert [(s.date, s.hours, len(s.staff_ids)) for s in sessions] == [
        (date(2026, 3, 2), 3.5, 2), (date(2026, 3, 9), 3.0, 1)]
    # Each session gives one « Actions collectives » entry per professional present.
    collective = [e for e in _entries(db) if e[2] is ActivityCategory.COLLECTIVE_ACTIONS]
    assert sorted((name, hours) for name, _, _, hours in collective) == sorted([
        (ZOE, 3.5), (AYSE, 3.5), (ZOE, 3.0), (AYSE, 8.0)])
    assert staff[ZOE].id in sessions[0].staff_ids


def test_xlsx_time_entries_with_date_and_duration_cells(db: Database, tmp_path: Path):
    _staff(db, DIMA)
    path = _xlsx(tmp_path / "heures.xlsx", [
        [" Date ", "Éducateur", "Catégorie", "Durée"],
        [datetime(2026, 2, 3), DIMA, "Temps de préparation des activités", time(1, 45)],
        ["04/02/2026", DIMA, "Congés", 7],
        [date(2026, 2, 5), DIMA, "Écrits", 0.5],
    ])
    _import(db, path, ImportKind.TIME)
    assert _entries(db) == [
        (DIMA, date(2026, 2, 3), ActivityCategory.PREPARATION, 1.75),
        (DIMA, date(2026, 2, 4), ActivityCategory.LEAVE, 7.0),
        (DIMA, date(2026, 2, 5), ActivityCategory.WRITING, 0.5),
    ]


def test_a_deleted_action_does_not_come_back_with_its_sessions(db: Database,
                                                                tmp_path: Path):
    _staff(db, ZOE)
    path = _write(tmp_path / "a.csv", "Intitulé;Type;Date;Heures;Professionnels\n"
                  f"Atelier rap;Activité culturelle;02/03/2026;2;{ZOE}\n")
    _import(db, path, ImportKind.ACTIONS)
    action = db.repos.collective_actions.all()[0]
    for session in db.repos.collective_sessions.for_action(action.id):
        db.repos.collective_sessions.delete(session.id)
    db.repos.collective_actions.delete(action.id)
    _write(path, "Intitulé;Type;Date;Heures;Professionnels\n"
           f"Atelier rap;Activité culturelle;02/03/2026;2;{ZOE}\n"
           f"Atelier rap;Activité culturelle;09/03/2026;2;{ZOE}\n")
    checked = imports.preview(db, path, ImportKind.ACTIONS)
    assert (len(checked.new), len(checked.kept_deleted)) == (0, 3)
    imports.commit(db, checked)
    assert db.repos.collective_sessions.count() == 0
    assert db.repos.time_entries.count() == 0


def test_action_level_values_must_agree_across_sessions(db: Database, tmp_path: Path):
    _staff(db, ZOE)
    path = _write(tmp_path / "a.csv", "Intitulé;Type;Date;Heures;Professionnels\n"
                  f"Atelier rap;Activité culturelle;02/03/2026;2;{ZOE}\n"
                  f"Atelier rap;Atelier de rue;09/03/2026;2;{ZOE}\n")
    checked = imports.preview(db, path, ImportKind.ACTIONS)
    assert [(e.row, e.column) for e in checked.errors] == [(3, "Type")]
    assert "ligne 2" in checked.errors[0].reason


def test_one_bad_row_imports_nothing_and_leaves_the_file_unchanged(db_path: Path,
                                                                   db: Database,
                                                                   tmp_path: Path):
    _staff(db, ZOE, DIMA)
    path = _write(tmp_path / "heures.csv", "Date;Professionnel;Catégorie;Heures\n"
                  f"02/03/2026;{ZOE};Écrits professionnels;1\n"
                  f"31/02/2026;{ZOE};Écrits professionnels;2,75h\n"
                  f"03/03/2026;{DIMA};Sport;1\n"
                  f"04/03/2026;{AYSE};Congés;7\n")
    db.connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    before = db_path.read_bytes()
    checked = imports.preview(db, path, ImportKind.TIME)
    assert [str(e) for e in checked.errors] == [
        "Ligne 3, colonne « Date » : le 31/02/2026 n'existe pas dans le calendrier : "
        "corrigez le jour ou le mois",
        "Ligne 3, colonne « Heures » : « 2,75h » n'est pas un nombre : écrivez le nombre "
        "seul, sans unité (par exemple 1,5 pour une heure et demie)",
        "Ligne 4, colonne « Catégorie » : " + checked.errors[2].reason,
        "Ligne 5, colonne « Professionnel » : professionnel inconnu dans la base : "
        f"« {AYSE} ». Ajoutez-le (menu Fichier › Ajouter un professionnel) ou corrigez "
        "l'orthographe dans le fichier",
    ]
    assert checked.errors[2].reason.startswith("« Sport » ne figure pas dans la liste")
    assert checked.plan.unknown == {"professionnels": [AYSE]}
    with pytest.raises(imports.ImportRefused, match="rien n'a été importé") as refused:
        imports.commit(db, checked)
    assert "Ligne 3, colonne « Date »" in str(refused.value)
    assert db.repos.time_entries.count() == 0
    db.close()
    assert db_path.read_bytes() == before


def test_quarter_hours_and_plausible_dates_come_from_the_records(db: Database,
                                                                 tmp_path: Path):
    _staff(db, ZOE)
    path = _write(tmp_path / "h.csv", "Date;Professionnel;Catégorie;Heures\n"
                  f"02/03/2026;{ZOE};Congés;1,3\n"
                  f"02/03/1980;{ZOE};Congés;1\n")
    checked = imports.preview(db, path, ImportKind.TIME)
    assert [(e.row, e.column, e.reason) for e in checked.errors] == [
        (2, "Heures", "les heures se saisissent par quarts d'heure (0,25 ; 0,5 ; 0,75…)"),
        (3, "Date", "date hors de la période possible (1990 à 2100) : vérifiez l'année"),
    ]


def test_a_bad_value_repeated_on_many_rows_is_reported_on_each(db: Database,
                                                                 tmp_path: Path):
    # Each distinct cell is read once and its outcome given again: the errors of a
    # value must still land on every row that holds it, good rows between them kept.
    _staff(db, ZOE)
    path = _write(tmp_path / "h.csv", "Date;Professionnel;Catégorie;Heures\n"
                  f"02/03/2026;{ZOE};Congés;1,3\n"
                  f"31/02/2026;{AYSE};Congés;1\n"
                  f"03/03/2026;{ZOE};Congés;2\n"
                  f"02/03/2026;{ZOE};Congés;1,3\n"
                  f"31/02/2026;{AYSE};Congés;1\n"
                  f"02/03/1980;{ZOE};Congés;1\n")
    checked = imports.preview(db, path, ImportKind.TIME)
    unknown = (f"professionnel inconnu dans la base : « {AYSE} ». Ajoutez-le (menu Fichier "
               "› Ajouter un professionnel) ou corrigez l'orthographe dans le fichier")
    no_day = "le 31/02/2026 n'existe pas dans le calendrier : corrigez le jour ou le mois"
    quarter = "les heures se saisissent par quarts d'heure (0,25 ; 0,5 ; 0,75…)"
    assert [(e.row, e.column, e.reason) for e in checked.errors] == [
        (2, "Heures", quarter), (3, "Professionnel", unknown), (3, "Date", no_day),
        (5, "Heures", quarter), (6, "Professionnel", unknown), (6, "Date", no_day),
        (7, "Date", "date hors de la période possible (1990 à 2100) : vérifiez l'année"),
    ]
    assert [(e.date, e.hours) for e in checked.plan.records] == [(date(2026, 3, 3), 2.0)]
    assert checked.plan.unknown == {"professionnels": [AYSE]}


def test_imported_rows_are_stored_as_a_save_would_store_them(db: Database,
                                                             tmp_path: Path):
    # The commit writes rows without a stamped copy of each record: what it stores must
    # read back as the record of the preview, stamped with the base's device and one
    # time for the batch, every column as the repositories write it.
    _staff(db, ZOE, DIMA)
    path = _write(tmp_path / "h.csv", "Date;Professionnel;Catégorie;Heures\n"
                  f"02/03/2026;{ZOE};Congés;7\n"
                  f"03/03/2026;{DIMA};Écrits professionnels;1,25\n")
    checked = imports.preview(db, path, ImportKind.TIME)
    imports.commit(db, checked)
    stored = {entry.id: entry for entry in db.repos.time_entries.all()}
    [stamp] = {entry.updated_at for entry in stored.values()}
    repository = db.repos.time_entries
    for record in checked.plan.records:
        expected = record.model_copy(update={"updated_at": stamp,
                                             "device_id": db.device_id})
        assert stored[record.id] == expected
        assert repository.json_rows("id", [str(record.id)]) == [
            expected.model_dump(mode="json")]


def test_time_entry_ids_are_those_of_earlier_versions(db: Database, tmp_path: Path):
    # A file imported before must be found unchanged: the id is uuid5 of the
    # professional, the day, the category and the rank of the row among the same three.
    zoe = _staff(db, ZOE)[ZOE]
    path = _write(tmp_path / "h.csv", "Date;Professionnel;Catégorie;Heures\n"
                  f"02/03/2026;{ZOE};Congés;7\n"
                  f"02/03/2026;{ZOE};Congés;1\n")
    namespace = uuid.UUID("0c8f4a53-2b7e-4d1a-9e63-5a7d2f1c6b90")
    assert [e.id for e in imports.preview(db, path, ImportKind.TIME).plan.records] == [
        uuid.uuid5(namespace, f"time|{zoe.id}|2026-03-02|leave|{rank}") for rank in (0, 1)]


def test_reimporting_creates_no_duplicates_and_applies_corrections(db: Database,
                                                                   tmp_path: Path):
    _staff(db, ZOE)
    header = "Date;Professionnel;Catégorie;Heures\n"
    rows = [f"02/03/2026;{ZOE};Écrits professionnels;1",
            f"02/03/2026;{ZOE};Écrits professionnels;1",  # two entries the same day
            f"03/03/2026;{ZOE};Formations;7"]
    path = _write(tmp_path / "h.csv", header + "\n".join(rows) + "\n")
    assert _import(db, path, ImportKind.TIME).new == 3
    again = _import(db, path, ImportKind.TIME)
    assert (again.new, again.updated, again.unchanged) == (0, 0, 3)
    rows[2] = f"03/03/2026;{ZOE};Formations;3,5"  # the chief corrects the hours
    _write(path, header + "\n".join(rows) + "\n")
    corrected = _import(db, path, ImportKind.TIME)
    assert (corrected.new, corrected.updated, corrected.unchanged) == (0, 1, 2)
    assert [e[3] for e in _entries(db)] == [1.0, 1.0, 3.5]


def test_an_entry_deleted_in_the_application_stays_deleted(db: Database, tmp_path: Path):
    _staff(db, ZOE)
    path = _write(tmp_path / "h.csv", "Date;Professionnel;Catégorie;Heures\n"
                  f"02/03/2026;{ZOE};Congés;7\n")
    _import(db, path, ImportKind.TIME)
    db.repos.time_entries.delete(db.repos.time_entries.all()[0].id)
    checked = imports.preview(db, path, ImportKind.TIME)
    assert len(checked.kept_deleted) == 1 and not checked.new
    assert "laissé(s) supprimé(s)" in checked.summary()
    imports.commit(db, checked)
    assert db.repos.time_entries.count() == 0


def test_young_people_by_code_or_nickname_with_birth_year(db: Database, tmp_path: Path):
    existing = db.repos.young_people.save(YoungPerson(code="J-KQ2MX7"))
    lulu = db.repos.young_people.save(YoungPerson(code="J-PP3344", nickname="Lulu"))
    path = _xlsx(tmp_path / "jeunes.xlsx", [
        ["Code", "Surnom", "Sexe", "Année de naissance"],
        ["J-KQ2MX7", None, "Fille", 2009],
        [None, "Ñoño", "Garçon", "2011"],
        ["J-77ZZ22", "Мирон", "M", datetime(2010, 5, 17)],
        [None, "lulu", None, None],  # found by nickname, nothing to change
    ])
    checked = imports.preview(db, path, ImportKind.YOUNG)
    assert checked.errors == []
    assert (len(checked.new), len(checked.updated), len(checked.unchanged)) == (2, 1, 1)
    imports.commit(db, checked)
    people = {p.nickname or p.code: p for p in db.repos.young_people.all()}
    assert people["Lulu"] == lulu
    assert (people["J-KQ2MX7"].id, people["J-KQ2MX7"].sex, people["J-KQ2MX7"].birth_date,
            people["J-KQ2MX7"].birth_date_precision) == (
        existing.id, Sex.FEMALE, date(2009, 1, 1), BirthDatePrecision.YEAR)
    assert people["Ñoño"].code.startswith("J-")  # a fresh generated code
    assert (people["Мирон"].birth_date, people["Мирон"].birth_date_precision) == (
        date(2010, 5, 17), BirthDatePrecision.EXACT)
    again = imports.preview(db, path, ImportKind.YOUNG)
    assert (len(again.new), len(again.updated)) == (0, 0)
    assert db.repos.young_people.count() == 4


def test_two_rows_for_the_same_young_person_are_refused(db: Database, tmp_path: Path):
    db.repos.young_people.save(YoungPerson(code="J-KQ2MX7", nickname="Lulu"))
    path = _write(tmp_path / "j.csv", "Code;Surnom;Sexe\nJ-KQ2MX7;;F\n;LULU;F\nj-kq2mx7;;F\n")
    checked = imports.preview(db, path, ImportKind.YOUNG)
    assert [(e.row, e.column, e.reason) for e in checked.errors] == [
        (3, "Surnom", "ce jeune figure déjà ligne 2 : gardez une seule ligne"),
        (4, "Code", "ce jeune figure déjà ligne 2 : gardez une seule ligne"),
    ]


def test_an_erased_young_person_is_not_imported_again(db: Database, tmp_path: Path):
    from sps_desk.store import rights

    path = _write(tmp_path / "j.csv", "Code;Sexe\nJ-77ZZ22;F\n")
    _import(db, path, ImportKind.YOUNG)
    rights.erase(db, db.repos.young_people.by_code("J-77ZZ22"))
    checked = imports.preview(db, path, ImportKind.YOUNG)
    assert len(checked.kept_deleted) == 1
    imports.commit(db, checked)
    assert db.repos.young_people.count() == 0


def test_a_young_person_deleted_in_the_application_keeps_his_code(db: Database,
                                                                  tmp_path: Path):
    person = db.repos.young_people.save(YoungPerson(code="J-KQ2MX7"))
    db.repos.young_people.delete(person.id)
    path = _write(tmp_path / "j.csv", "Code;Sexe\nj-kq2mx7;F\nJ-PP3344;M\n")
    checked = imports.preview(db, path, ImportKind.YOUNG)
    assert [r.id for r in checked.kept_deleted] == [person.id]
    imports.commit(db, checked)
    assert [p.code for p in db.repos.young_people.all()] == ["J-PP3344"]


def test_supports_with_problems_containing_commas(db: Database, tmp_path: Path):
    staff = _staff(db, ZOE)
    young = db.repos.young_people.save(YoungPerson(code="J-ABC234", nickname="Ayşe"))
    path = _write(tmp_path / "acc.csv", "Jeune;Date de début;Origine;Problématiques;"
                  "Référent;Date de fin;Motif de fin\n"
                  "J-ABC234;05/01/2026;Orientation par un partenaire;"
                  '"Logement, hébergement, Scolarité ; Justice";' + ZOE + ";;\n"
                  "ayse;01/09/2025;Travail de rue;;;20/12/2025;Perdu de vue\n")
    _import(db, path, ImportKind.SUPPORTS)
    supports = db.repos.supports.for_young_person(young.id)
    assert [(s.start_date, s.origin, s.problems, s.referent_id, s.end_date, s.end_reason)
            for s in supports] == [
        (date(2025, 9, 1), SupportOrigin.STREET_WORK, [], None, date(2025, 12, 20),
         EndReason.LOST_CONTACT),
        (date(2026, 1, 5), SupportOrigin.PARTNER_REFERRAL,
         [Problem.HOUSING, Problem.SCHOOLING, Problem.JUSTICE], staff[ZOE].id, None, None),
    ]
    assert imports.preview(db, path, ImportKind.SUPPORTS).unchanged != []
    assert db.repos.supports.count() == 2


def test_support_rules_name_their_columns(db: Database, tmp_path: Path):
    db.repos.young_people.save(YoungPerson(code="J-ABC234"))
    path = _write(tmp_path / "acc.csv", "Jeune;Début;Origine;Fin;Motif\n"
                  "J-ABC234;05/01/2026;Demande du jeune;01/01/2026;Objectif atteint\n"
                  "J-ZZZZZZ;05/01/2026;Demande du jeune;;\n")
    checked = imports.preview(db, path, ImportKind.SUPPORTS)
    assert [(e.row, e.column) for e in checked.errors] == [(2, "Fin"), (3, "Jeune")]
    assert "précède" in checked.errors[0].reason


def test_column_overrides_and_missing_columns(db: Database, tmp_path: Path):
    _staff(db, ZOE)
    path = _write(tmp_path / "h.csv", "Jour;Qui;Rubrique;Temps passé;Commentaire\n"
                  f"02/03/2026;{ZOE};Congés;7;rien\n")
    checked = imports.preview(db, path, ImportKind.TIME)
    assert [str(e) for e in checked.errors] == [
        "Colonne(s) introuvable(s) : « Professionnel », « Heures ». Renommez l'en-tête dans "
        "le fichier ou associez une colonne à ce champ."]
    result = _import(db, path, ImportKind.TIME, "Qui=professionnel", "temps passé=heures")
    assert result.new == 1
    with pytest.raises(MappingError, match="pas de colonne « Durée »"):
        imports.preview(db, path, ImportKind.TIME, ["Durée=heures"])
    with pytest.raises(MappingError, match="Champ inconnu"):
        imports.preview(db, path, ImportKind.TIME, ["Qui=salaire"])


def test_import_is_audited_with_counts_only(db: Database, tmp_path: Path):
    _staff(db, ZOE)
    path = _write(tmp_path / "h.csv", f"Date;Professionnel;Catégorie;Heures\n"
                  f"02/03/2026;{ZOE};Congés;7\n")
    _import(db, path, ImportKind.TIME)
    entry = audit.entries(db.connection)[-1]
    assert (entry.action, entry.detail) == (
        "import", "time : 1 ligne(s), 1 nouveau(x), 0 mis à jour, 0 inchangé(s)")
    assert ZOE not in entry.detail and audit.verify(db.connection) == []


# ---------------------------------------------------------------- cell parsing


@given(st.decimals(min_value=0, max_value=10_000, places=2, allow_nan=False))
def test_decimal_commas_and_points_read_the_same_number(value: Decimal):
    text = f"{value:f}"
    assert parse_decimal(text) == float(value)
    assert parse_decimal(text.replace(".", ",")) == float(value)
    assert parse_decimal(f" {text.replace('.', ',')}\u00a0") == float(value)
    with pytest.raises(CellError):
        parse_decimal(text.replace(".", ",") + "h")


@given(st.dates(min_value=date(1000, 1, 1), max_value=date(9999, 12, 31)))
def test_french_and_iso_dates_read_the_same_day(day: date):
    assert parse_date(f"{day.day:02d}/{day.month:02d}/{day.year}") == day
    assert parse_date(f"{day.day}/{day.month}/{day.year}") == day
    assert parse_date(day.isoformat()) == day
    assert parse_date(datetime(day.year, day.month, day.day)) == day


@given(st.integers(1, 12), st.integers(29, 31), st.integers(1990, 2100))
def test_days_that_do_not_exist_are_refused(month: int, day: int, year: int):
    try:
        date(year, month, day)
    except ValueError:
        with pytest.raises(CellError, match="n'existe pas"):
            parse_date(f"{day:02d}/{month:02d}/{year}")
    else:
        assert parse_date(f"{day:02d}/{month:02d}/{year}") == date(year, month, day)


def test_two_digit_years_are_refused():
    with pytest.raises(CellError, match="quatre chiffres"):
        parse_date("03/02/26")


# ---------------------------------------------------------------- command line


def test_cli_import_refuses_a_bad_file_then_imports_the_corrected_one(
        db_path: Path, db: Database, tmp_path: Path, capsys, monkeypatch):
    _staff(db, ZOE)
    db.close()
    before = [db_path.read_bytes(), Path(f"{db_path}.keys").read_bytes()]
    monkeypatch.setenv("SPS_DESK_PASSPHRASE", PASSPHRASE)
    path = _write(tmp_path / "h.csv", "Date;Professionnel;Catégorie;Heures\n"
                  f"02/03/2026;{ZOE};Congés;7\n"
                  f"03/03/2026;{ZOE};Congés;sept\n")
    status = main(["import", "--db", str(db_path), "--kind", "time", str(path)])
    out, err = capsys.readouterr()
    assert status == 1
    # Refused: not even the unlock is written, the base is byte-for-byte the same.
    assert [db_path.read_bytes(), Path(f"{db_path}.keys").read_bytes()] == before
    assert not Path(f"{db_path}-wal").exists()
    assert "Ligne 3, colonne « Heures » : « sept » n'est pas un nombre" in out
    assert "import refusé : 1 erreur(s), rien n'a été importé" in err
    with Database.open(db_path, PASSPHRASE) as database:
        assert database.repos.time_entries.count() == 0
        assert "import" not in [e.action for e in audit.entries(database.connection)]
    _write(path, "Date;Professionnel;Catégorie;Heures;Note\n"
           f"02/03/2026;{ZOE};Congés;7;\n03/03/2026;{ZOE};Congés;7;x\n")
    status = main(["import", "--db", str(db_path), "--kind", "time", "--map", "Note=",
                   str(path)])
    out, err = capsys.readouterr()
    assert (status, err) == (0, "")
    assert "Import terminé : 2 nouveau(x), 0 mis à jour, 0 inchangé(s)." in out
    assert main(["import", "--db", str(db_path), "--kind", "time", str(path)]) == 0
    assert "0 nouveau(x), 0 mis à jour, 2 inchangé(s)" in capsys.readouterr().out


def test_cli_refuses_an_unreadable_file_without_opening_the_base(
        db_path: Path, db: Database, tmp_path: Path, capsys, monkeypatch):
    db.close()
    before = db_path.read_bytes()
    monkeypatch.setenv("SPS_DESK_PASSPHRASE", PASSPHRASE)
    (tmp_path / "faux.xlsx").write_text("pas un classeur", encoding="utf-8")
    assert main(["import", "--db", str(db_path), "--kind", "young",
                 str(tmp_path / "faux.xlsx")]) == 1
    assert "n'est pas un classeur XLSX lisible" in capsys.readouterr().err
    assert db_path.read_bytes() == before


def test_cli_import_rejects_an_unknown_kind(db_path: Path, tmp_path: Path, capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["import", "--db", str(db_path), "--kind", "heures", str(tmp_path / "x.csv")])
    assert exit_info.value.code == 2
    assert "choix invalide" in capsys.readouterr().err


def test_record_ids_are_stable_for_the_same_content(db: Database, tmp_path: Path):
    _staff(db, ZOE)
    path = _write(tmp_path / "h.csv", "Date;Professionnel;Catégorie;Heures\n"
                  f"02/03/2026;{ZOE};Congés;7\n")
    first = imports.preview(db, path, ImportKind.TIME).plan.records[0].id
    assert first == imports.preview(db, path, ImportKind.TIME).plan.records[0].id
    assert first.version == 5 and isinstance(first, uuid.UUID)
