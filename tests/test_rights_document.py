"""The rights-export PDF reads as French for the young person and the data-protection
officer (labels, values, dates, headed tables); the JSON stays the complete record.

Names are synthetic, with accents and non-Latin letters.
"""

from __future__ import annotations

import json
import re
import subprocess
from datetime import date, time
from pathlib import Path

import pytest

from sps_desk.enums import (
    BirthDatePrecision,
    CollectiveActionType,
    ConcernAddressee,
    EndReason,
    FieldSessionKind,
    InterventionType,
    PartnerType,
    Problem,
    Role,
    Sex,
    Situation,
    SupportOrigin,
)
from sps_desk.records import (
    CollectiveAction,
    ConcernReport,
    FieldSession,
    Identity,
    IndividualSupport,
    Intervention,
    Partner,
    Referral,
    Sector,
    StaffMember,
    YoungPerson,
)
from sps_desk.reports.formatting import fr_count, fr_duration
from sps_desk.reports.privacy_documents import render, write_rights_export
from sps_desk.reports.rights_document import Grid, record_names
from sps_desk.store import rights
from sps_desk.store.database import Database

UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
RAW_WORDS = ["created_at", "updated_at", "birth_date", "birth_date_precision", "not_stated",
             "young_person", "street_work", "partner_referral", "family_relations",
             "mental_health", "goal_reached", "interview", "home_visit", "mission_locale",
             "social_presence", "work_project", "prosecutor", "in_child_welfare_care",
             "duration_hours", "staff_ids", "device_id", "True", "False", "None",
             "2025-03-04", "T17:"]


def _pdf_text(path: Path) -> str:
    """The PDF's text in drawing order, a cell's wrapped lines joined by spaces."""
    text = subprocess.run(["pdftotext", "-raw", str(path), "-"], capture_output=True,
                          text=True, check=True).stdout
    return " ".join(text.split())


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, dict, YoungPerson]:
    """One young person with every kind of record, exported: (PDF text, JSON, person)."""
    folder = tmp_path_factory.mktemp("droits")
    with Database.create(folder / "s.sps", "Cœur-de-lion ğüş 2025 ! phrase de test : ornière, "
                         "glaïeul, Łódź", "SPS Ğüzelyurt") as database:
        repos = database.repos
        with database.transaction():
            sector = repos.sectors.save(Sector(commune="Łódź", neighbourhood="Bałuty"))
            educator = repos.staff.save(StaffMember(display_name="Zoé Ğüzel",
                                                    role=Role.SOCIAL_WORKER, fte=1))
            other = repos.staff.save(StaffMember(display_name="Дмитрий Орлов",
                                                 role=Role.SOCIAL_WORKER, fte=0.5))
            partner = repos.partners.save(Partner(name="Mission locale du Ternois",
                                                  type=PartnerType.MISSION_LOCALE))
            person = repos.young_people.save(YoungPerson(
                nickname="أمينة", sex=Sex.FEMALE, birth_date=date(2009, 3, 1),
                birth_date_precision=BirthDatePrecision.MONTH, sector_id=sector.id,
                situation=Situation.NEET, in_child_welfare_care=False))
            repos.identities.save(Identity(young_person_id=person.id, last_name="Ğüzelyurt",
                                           first_name="Amina", phone=""))
            support = repos.supports.save(IndividualSupport(
                young_person_id=person.id, referent_id=educator.id, start_date=date(2025, 1, 6),
                origin=SupportOrigin.PARTNER_REFERRAL,
                problems=[Problem.FAMILY_RELATIONS, Problem.MENTAL_HEALTH],
                end_date=date(2025, 6, 30), end_reason=EndReason.GOAL_REACHED))
            repos.interventions.save(Intervention(
                support_id=support.id, date=date(2025, 3, 4), type=InterventionType.INTERVIEW,
                duration_hours=1.5, staff_ids=[educator.id]))
            repos.interventions.save(Intervention(
                support_id=support.id, date=date(2025, 2, 10), type=InterventionType.HOME_VISIT,
                duration_hours=2, staff_ids=[educator.id, other.id], partner_id=partner.id))
            repos.referrals.save(Referral(support_id=support.id, date=date(2025, 6, 1),
                                          partner_type=PartnerType.MISSION_LOCALE,
                                          partner_id=partner.id))
            repos.concern_reports.save(ConcernReport(young_person_id=person.id,
                                                     date=date(2025, 4, 2),
                                                     addressee=ConcernAddressee.PROSECUTOR))
            for day in (date(2025, 1, 3), date(2025, 5, 17)):
                repos.field_sessions.save(FieldSession(
                    date=day, start_time=time(17), end_time=time(19), staff_ids=[educator.id],
                    session_kind=FieldSessionKind.SOCIAL_PRESENCE, young_met_ids=[person.id]))
            repos.collective_actions.save(CollectiveAction(
                title="Chantier « Łąka »", type=CollectiveActionType.WORK_PROJECT,
                participant_ids=[person.id]))
        files = write_rights_export(rights.full_record(database, person), folder / "out",
                                    record_names(database))
    data = json.loads(files.json.read_text(encoding="utf-8"))
    return _pdf_text(files.pdf), data, person


def test_french_labels_and_values(exported: tuple[str, dict, YoungPerson]) -> None:
    text, _data, person = exported
    for expected in [
        "Fiche du jeune", "Rubrique", "Information", person.code, "Sexe Féminin",
        "Date de naissance mars 2009 (mois connu)", "Secteur Łódź – Bałuty",
        "NEET (ni emploi, ni études, ni formation)", "Confié à l'Aide sociale à l'enfance non",
        "Identité", "Nom Ğüzelyurt", "Prénom Amina", "Téléphone non renseigné",
        "Le traitement n'est pas limité", "Accompagnement n° 1 (du 06/01/2025 au 30/06/2025)",
        "Référent Zoé Ğüzel", "Origine de la rencontre Orientation par un partenaire",
        "Relations familiales, Santé psychique, mal-être", "Motif de fin Objectif atteint",
        "2 interventions", "Date Type Durée Professionnels Partenaire",
        "04/03/2025 Entretien 1 h 30 Zoé Ğüzel –",
        "10/02/2025 Visite à domicile 2 h Zoé Ğüzel, Дмитрий Орлов Mission locale du Ternois",
        "1 orientation", "01/06/2025 Mission locale Mission locale du Ternois",
        "Informations préoccupantes transmises", "02/04/2025 Parquet",
        "2 rencontres notées par l'équipe", "03/01/2025 Présence sociale / permanence",
        "Participation à 1 action collective", "Chantier « Łąka » Chantier éducatif",
        "Identifiant technique de la fiche",
    ]:
        assert expected in text, expected


def test_no_raw_field_name_code_or_uuid(exported: tuple[str, dict, YoungPerson]) -> None:
    text, _data, person = exported
    for raw in RAW_WORDS:
        assert raw not in text, raw
    # One id, the record's, on the line that says what it is.
    assert UUID.findall(text) == [str(person.id)]
    assert f"Identifiant technique de la fiche {person.id}" in text


def test_the_json_stays_the_complete_record(exported: tuple[str, dict, YoungPerson]) -> None:
    _text, data, person = exported
    assert data["young_person"]["id"] == str(person.id)
    assert data["young_person"]["birth_date_precision"] == "month"
    support = data["supports"][0]
    assert {i["duration_hours"] for i in support["interventions"]} == {1.5, 2.0}
    assert all(UUID.fullmatch(s) for i in support["interventions"] for s in i["staff_ids"])
    assert data["concern_reports"][0]["addressee"] == "prosecutor"
    assert len(data["field_sessions"]) == 2 and len(data["collective_actions"]) == 1


def test_french_durations_and_plurals() -> None:
    assert [fr_duration(h) for h in (1.5, 2, 0.75, 10.25, 0.25)] == [
        "1 h 30", "2 h", "45 min", "10 h 15", "15 min"]
    assert [fr_count(n, "rencontre") for n in (0, 1, 2, 12968)] == [
        "0 rencontre", "1 rencontre", "2 rencontres", "12 968 rencontres"]
    assert fr_count(2, "action collective", "actions collectives") == "2 actions collectives"


def test_every_font_of_the_pdf_is_embedded(tmp_path: Path) -> None:
    """Tables drew in reportlab's default Helvetica, left out of the file: a reader
    without it sees another font (and PDF/A checkers refuse the document)."""
    pdf = tmp_path / "droits.pdf"
    pdf.write_bytes(render("Droit d'accès", [
        ("lead", "Fiche du jeune"),
        ("table", [["Surnom", "أمينة"], ["Sexe", "Féminin"]]),
        ("grid", Grid(header=["Date", "Type"], rows=[["4 mars 2025", "Entretien"]],
                      widths=[8.5, 8.5])),
    ]))
    rows = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True,
                          check=True).stdout.splitlines()[2:]
    assert {row.split()[0].split("+")[-1]: row.split()[-5] for row in rows} == {
        "DejaVuSans": "yes", "DejaVuSans-Bold": "yes"}
