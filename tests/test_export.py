"""The de-identified statistics file: schema, export command, secrecy, leak scan, refusal.

Bases are real SQLCipher files built through the repositories; files are read back as
JSON and XLSX.
"""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pydantic import ValidationError

from sps_desk import cli
from sps_desk.enums import PartnerType, Problem, Sex, SupportOrigin
from sps_desk.records import Identity, IndividualSupport, Referral, ReportSections, YoungPerson
from sps_desk.reports.consolidation import (
    InvalidStatisticsFile,
    check_file_set,
    load_statistics_file,
)
from sps_desk.reports.export import export_year
from sps_desk.reports.file_builder import full_file
from sps_desk.reports.leak_scan import LeakFound
from sps_desk.reports.release import prepare_diffusion
from sps_desk.reports.statistics import compute_statistics
from sps_desk.reports.statistics_file import StatisticsFile, schema_text
from sps_desk.store import audit
from sps_desk.store.database import Database
from tests.attacker import attack, values
from tests.conftest import PASSPHRASE

YEAR = 2025
SCHEMA_FILE = Path(__file__).parents[1] / "sps_desk/resources/schema/statistics-file-v2.schema.json"
NAMES = ["Łucja", "Çağrı", "Ğazi", "Œnone", "Ørjan"]


def fill(database: Database) -> list[YoungPerson]:
    """14 supported young: 3 girls 11-15 (a small cell), 11 boys 16-17; a few referrals."""
    repos = database.repos
    people = []
    with database.transaction():
        for index in range(14):
            girl = index < 3
            person = repos.young_people.save(YoungPerson(
                nickname=f"Surnom{index}", sex=Sex.FEMALE if girl else Sex.MALE,
                birth_date=date(2012 if girl else 2008, 5, 1)))
            people.append(person)
            repos.identities.save(Identity(
                young_person_id=person.id, first_name=NAMES[index % len(NAMES)],
                last_name=f"Nom{index}", phone=f"06 00 00 00 {index:02d}"))
            support = repos.supports.save(IndividualSupport(
                young_person_id=person.id, start_date=date(YEAR, 2, 1),
                origin=SupportOrigin.STREET_WORK,
                problems=[Problem.SCHOOLING] + ([Problem.HOUSING] if index < 2 else [])))
            if index < 6:
                repos.referrals.save(Referral(support_id=support.id, date=date(YEAR, 6, 1),
                                              partner_type=PartnerType.MISSION_LOCALE
                                              if index < 4 else PartnerType.MDS))
    return people


@pytest.fixture
def filled(db: Database) -> Database:
    fill(db)
    return db


def test_shipped_schema_is_the_models_and_the_command_prints_it(capsys):
    assert SCHEMA_FILE.read_text(encoding="utf-8") == schema_text()
    assert cli.main(["schema"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed["properties"]["schema_version"]["const"] == 2
    assert "suppressions" not in json.dumps(printed)
    assert printed == json.loads(schema_text())


def test_export_command_writes_json_and_xlsx(filled, db_path, tmp_path, monkeypatch, capsys):
    filled.close()
    monkeypatch.setenv("SPS_DESK_PASSPHRASE", PASSPHRASE)
    out = tmp_path / "statistiques-2025.json"
    assert cli.main(["export", "--db", str(db_path), "--year", "2025", "--out", str(out)]) == 0
    assert "statistiques-2025.xlsx" in capsys.readouterr().out
    data = load_statistics_file(out)
    supported = data.supported
    assert supported.total == 14 and supported.new == 14
    assert supported.by_sex_age.cells["11-15"]["F"] is None  # 3 girls: primary suppression
    assert supported.by_sex_age.cells["16-17"]["M"] is None  # secondary: 14 − 3 would give 11
    assert supported.by_sex_age.sex_totals["F"] is None
    assert "suppressions" not in out.read_text(encoding="utf-8")  # no per-cell reasons
    assert data.release.number == 1 and data.release.replaces is None
    housing = next(p for p in data.problems.lines if p.key == "housing")
    assert housing.young is None and housing.percent_of_young is None
    schooling = next(p for p in data.problems.lines if p.key == "schooling")
    assert (schooling.young, schooling.percent_of_young) == (14, 100.0)
    assert data.referrals_total == 6
    workbook = load_workbook(out.with_suffix(".xlsx"), read_only=True)
    rows = {r[0]: r for r in workbook["Jeunes accompagnés"].iter_rows(values_only=True)}
    assert rows["11-15 ans"][1] == "s" and rows["TOTAL"][-1] == 14
    notes = [r[0] for r in workbook["Secret statistique"].iter_rows(values_only=True)]
    assert any(str(n).startswith("« s » : secret statistique") for n in notes)
    assert "supported.by_sex_age.cells.11-15.F" not in str(notes)
    # The reasons stay in the base's audit log: paths and reasons, never a value.
    with Database.open(db_path, PASSPHRASE) as database:
        detail = [e.detail for e in audit.entries(database.connection) if e.action == "export"]
    assert "supported.by_sex_age.cells.11-15.F (Jeunes accompagnés par sexe et âge) : " \
           "moins de 5 personnes" in detail[-1]
    assert "14" not in detail[-1].replace("2025", "")


def test_no_identity_code_nickname_or_record_uuid_leaves(filled, tmp_path):
    people = fill(filled)
    out = tmp_path / "f.json"
    export_year(filled, YEAR, out)
    text = out.read_text(encoding="utf-8")
    service_id = str(filled.service().id)
    for person in people:
        assert person.code not in text and person.nickname not in text
        assert str(person.id) not in text
    for name in NAMES:
        assert name not in text
    uuids = set(re.findall(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", text))
    assert uuids == {service_id}
    assert not re.search(r"\d{4}-\d{2}-\d{2}", text)  # no date finer than the month


def test_the_independent_attacker_learns_nothing_from_a_real_file(filled):
    published = json.loads(prepare_diffusion(filled, YEAR).current.model_dump_json())
    truth = values(json.loads(full_file(compute_statistics(filled, YEAR), service_id=str(
        filled.service().id), threshold=5, chief_sections=[]).model_dump_json()))
    found = attack([published])
    assert found.intervals[0] and found.exact(0) == []
    assert found.below(0, truth, 5) == []
    for name, value in truth.items():
        assert published_value(found, name) is None or value == 0 or value >= 5


def published_value(found, name):
    expression = found.readers[0].paths[name]
    return None if len(expression) != 1 or None not in expression else expression[None]


def test_same_base_same_file(filled, tmp_path):
    first = export_year(filled, YEAR, tmp_path / "a.json")
    again = export_year(filled, YEAR, tmp_path / "b.json")
    assert first.changes == ()
    assert again.changes[1] == "aucun changement : les mêmes chiffres, même diffusion."
    first_data, second_data = (json.loads(f.json.read_bytes()) for f in (first, again))
    # Only the witness of the audit log differs: the first export is in the log.
    assert second_data["audit_head"]["seq"] > first_data["audit_head"]["seq"]
    for origin in ("audit_head", "signature", "sha256"):
        del first_data[origin], second_data[origin]
    assert first_data == second_data


def test_threshold_is_a_service_setting_never_below_three(filled):
    service = filled.service()
    filled.repos.service.save(service.model_copy(update={"disclosure_threshold": 3}))
    statistics_file = prepare_diffusion(filled, YEAR).current
    assert statistics_file.disclosure.threshold == 3
    assert statistics_file.supported.by_sex_age.cells["11-15"]["F"] == 3
    with pytest.raises(ValidationError):
        filled.repos.service.save(service.model_copy(update={"disclosure_threshold": 2}))


def test_altered_file_is_refused(filled, tmp_path):
    out = export_year(filled, YEAR, tmp_path / "statistiques-2025.json").json
    data = json.loads(out.read_text(encoding="utf-8"))
    data["supported"]["total"] = 15
    out.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(InvalidStatisticsFile, match=r"statistiques-2025\.json.*modifié"):
        load_statistics_file(out)
    assert cli.main(["consolidate", str(out), "--out", str(tmp_path / "d")]) == 1
    assert not (tmp_path / "d").exists()


def test_wrong_version_and_garbage_are_refused(filled, tmp_path):
    out = export_year(filled, YEAR, tmp_path / "s.json").json
    data = json.loads(out.read_text(encoding="utf-8"))
    data["schema_version"] = 3
    out.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(InvalidStatisticsFile, match=r"s\.json.*version de schéma 3"):
        load_statistics_file(out)
    data["schema_version"] = 1
    out.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(InvalidStatisticsFile,
                       match=r"s\.json : fichier de l'ancienne version 1.*exporter de nouveau"):
        load_statistics_file(out)
    garbage = tmp_path / "g.json"
    garbage.write_text("{ pas du json", encoding="utf-8")
    with pytest.raises(InvalidStatisticsFile, match=r"g\.json.*JSON"):
        load_statistics_file(garbage)


def test_two_years_and_same_service_twice_are_refused_together(filled, tmp_path):
    a = export_year(filled, 2025, tmp_path / "a.json").json
    b = export_year(filled, 2024, tmp_path / "b.json").json
    c = export_year(filled, 2025, tmp_path / "c.json").json
    files = [(p, load_statistics_file(p)) for p in (a, b)]
    with pytest.raises(InvalidStatisticsFile, match=r"a\.json \(2025\), b\.json \(2024\)"):
        check_file_set(files)
    with pytest.raises(InvalidStatisticsFile, match=r"deux fois : a\.json et c\.json"):
        check_file_set([(a, load_statistics_file(a)), (c, load_statistics_file(c))])


def test_a_name_in_a_chief_section_refuses_the_export(filled, tmp_path):
    filled.repos.report_sections.save(ReportSections.for_year(
        YEAR, highlights="Belle année.", outlook="Accompagner ÇAGRI vers l'emploi."))
    out = tmp_path / "s.json"
    with pytest.raises(LeakFound) as caught:
        export_year(filled, YEAR, out)
    assert caught.value.fields == ["Rapport › Perspectives"]
    # The chief is told the very words that matched, logs get the sentence without them.
    assert "« Rapport › Perspectives » contient « ÇAGRI » (un nom ou un prénom)" in str(
        caught.value)
    assert "Ç" not in caught.value.without_words
    assert not out.exists() and not out.with_suffix(".xlsx").exists()
    filled.repos.report_sections.save(ReportSections.for_year(
        YEAR, highlights="Belle année.", outlook="Accompagner les jeunes vers l'emploi."))
    written = load_statistics_file(export_year(filled, YEAR, out).json)
    assert [s.title for s in written.chief_sections] == ["Faits marquants", "Perspectives"]


def test_export_is_all_or_nothing(filled, tmp_path):
    missing = tmp_path / "absent" / "s.json"
    with pytest.raises(OSError):
        export_year(filled, YEAR, missing)
    assert not missing.parent.exists()
    out = tmp_path / "s.json"
    out.with_suffix(".xlsx").mkdir()  # the XLSX cannot be written
    with pytest.raises(OSError):
        export_year(filled, YEAR, out)
    assert not out.exists()


def test_file_model_refuses_unknown_fields():
    with pytest.raises(ValidationError):
        StatisticsFile.model_validate({"format": "sps_desk.statistics_file", "nom": "x"})


def test_export_command_says_what_changed_since_the_last_release(filled, db_path, tmp_path,
                                                                 monkeypatch, capsys):
    filled.close()
    monkeypatch.setenv("SPS_DESK_PASSPHRASE", PASSPHRASE)
    out = tmp_path / "statistiques-2025.json"
    command = ["export", "--db", str(db_path), "--year", "2025", "--out", str(out)]
    assert cli.main(command) == 0
    assert "Depuis la diffusion" not in capsys.readouterr().out
    with Database.open(db_path, PASSPHRASE) as database:
        fill(database)
    assert cli.main(command) == 0
    printed = capsys.readouterr().out.splitlines()
    assert printed[0].startswith("Depuis la diffusion n° 1 de 2025 (")
    assert "Jeunes accompagnés : 14 → 28 (+14)." in printed
    assert load_statistics_file(out).release.number == 2


def test_raising_k_after_a_release_never_blocks_the_next_one(filled, tmp_path):
    service = filled.service()
    filled.repos.service.save(service.model_copy(update={"disclosure_threshold": 3}))
    first = export_year(filled, YEAR, tmp_path / "a.json").json
    assert load_statistics_file(first).supported.by_sex_age.cells["11-15"]["F"] == 3
    filled.repos.service.save(service.model_copy(update={"disclosure_threshold": 5}))
    # The 3 girls were published under k = 3: masking them now protects nothing, but the
    # release still shows « s » for a count below the new k, and is not refused.
    second = load_statistics_file(export_year(filled, YEAR, tmp_path / "b.json").json)
    assert second.supported.by_sex_age.cells["11-15"]["F"] is None
    fill(filled)
    third = load_statistics_file(export_year(filled, YEAR, tmp_path / "c.json").json)
    assert third.release.number == 3 and third.supported.total == 28


def test_an_export_into_a_missing_folder_is_refused_before_any_work(
        db_path, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("SPS_DESK_PASSPHRASE", "not even read")
    out = tmp_path / "absent" / "statistiques-2025.json"
    assert cli.main(["export", "--db", str(db_path), "--year", "2025", "--out", str(out)]) == 1
    error = capsys.readouterr().err
    assert f"Le dossier {out.parent} n'existe pas" in error and "Rien n'a été écrit" in error
    assert not out.parent.exists()
