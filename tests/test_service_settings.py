"""The service's settings (managing body, linked MDS, secrecy k, retention, hours counted
in another category): ``sps-desk init``/``sps-desk service``, the rules, the audit, the
team merge, and the report, Département file and purge they feed.

Names are synthetic (accents, non-Latin letters)."""

from __future__ import annotations

import subprocess
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sps_desk import cli
from sps_desk.enums import ActivityCategory, Role
from sps_desk.records import Service, StaffMember, TimeEntry, YoungPerson
from sps_desk.reports.consolidation import load_statistics_file
from sps_desk.store import access, audit, retention, service_settings
from sps_desk.store.database import Database
from sps_desk.store.users import ChiefOnly
from tests.conftest import PASSPHRASE
from tests.sync_support import make_team, transfer

EDUCATOR_PASSPHRASE = "Дмитрий boit du thé à l'Ørjanvík, 4 sucres ! (test)"
BODY = "Association Zoé Lefèvre-Ñúñez"
MDS = "MDS de l'Arrageois – Ayşe Çelik"
WRITING, SUPPORT = ActivityCategory.WRITING, ActivityCategory.INDIVIDUAL_SUPPORT


def _cli(*args: str) -> int:
    return cli.main(list(args))


@pytest.fixture
def base(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A base made by ``sps-desk init`` with a managing body and a linked MDS."""
    monkeypatch.setenv("SPS_DESK_PASSPHRASE", PASSPHRASE)
    path = tmp_path / "service.sps"
    assert _cli("init", "--db", str(path), "--service-name", "SPS Ğüzelyurt",
                "--managing-body", BODY, "--linked-mds", MDS,
                "--recovery-key-out", str(tmp_path / "secours.txt")) == 0
    return path


def _printed(capsys: pytest.CaptureFixture[str]) -> dict[str, str]:
    """``label : value`` lines of the last output, by label."""
    lines = capsys.readouterr().out.splitlines()
    return dict(line.split(" : ", 1) for line in lines if " : " in line)


def _audit_actions(path: Path, passphrase: str = PASSPHRASE) -> list[str]:
    with Database.open(path, passphrase) as database:
        return [e.action for e in audit.entries(database.connection)]


def test_init_sets_the_managing_body_and_the_mds_and_service_prints_them(base, capsys):
    capsys.readouterr()
    assert _cli("service", "--db", str(base)) == 0
    printed = _printed(capsys)
    assert printed["Nom du service"] == "SPS Ğüzelyurt"
    assert printed["Structure gestionnaire"] == BODY
    assert printed["MDS de rattachement"] == MDS
    assert printed["Secret statistique (k)"].startswith("5 — les effectifs de 1 à 4 sont masqués")
    assert printed["Durée de conservation"].startswith("2 an(s)")
    assert printed["Heures comptées dans une autre catégorie"].startswith("aucune")


def test_a_change_is_saved_audited_and_printed(base, capsys):
    capsys.readouterr()
    assert _cli("service", "--db", str(base), "--disclosure-threshold", "7",
                "--retention-years", "3", "--counted-in",
                "ecrits PROFESSIONNELS=Accompagnements individuels",
                "--counted-in", "preparation=collective_actions",
                "--managing-body", "Association Œuvre Дмитрий") == 0
    out = capsys.readouterr().out
    assert out.startswith("Réglages enregistrés (structure gestionnaire, secret statistique, "
                          "durée de conservation, heures comptées dans une autre catégorie).")
    assert _cli("service", "--db", str(base)) == 0
    printed = _printed(capsys)
    assert printed["Structure gestionnaire"] == "Association Œuvre Дмитрий"
    assert printed["Secret statistique (k)"].startswith("7 — les effectifs de 1 à 6")
    assert printed["Durée de conservation"].startswith("3 an(s)")
    assert printed["Heures comptées dans une autre catégorie"] == (
        "Écrits professionnels dans « Accompagnements individuels » ; "
        "Temps de préparation des activités dans « Actions collectives »")
    # « CATÉGORIE= » tracks a category apart again.
    assert _cli("service", "--db", str(base), "--counted-in", "Temps de préparation des "
                "activités=") == 0
    with Database.open(base, PASSPHRASE) as database:
        assert database.service().counted_in == {WRITING: SUPPORT}
        entries = [e for e in audit.entries(database.connection)
                   if e.action == "service_settings"]
    # Field names only: neither the managing body's name nor any value is logged.
    assert [e.detail for e in entries] == [
        "2 réglage(s) : managing_body, linked_mds",  # by init
        "4 réglage(s) : managing_body, disclosure_threshold, retention_years, counted_in",
        "1 réglage(s) : counted_in",
    ]
    assert audit.ACTIONS["service_settings"] == "modification des réglages du service"


def test_the_same_values_write_nothing(base, capsys):
    before = _audit_actions(base)
    capsys.readouterr()
    assert _cli("service", "--db", str(base), "--managing-body", BODY) == 0
    assert "rien n'a été modifié" in capsys.readouterr().out
    assert _audit_actions(base).count("service_settings") == before.count("service_settings")


@pytest.mark.parametrize(("options", "message"), [
    (["--disclosure-threshold", "2"],
     "Le secret statistique k est un nombre entier de 3 à 100 : « 2 » est refusé."),
    (["--disclosure-threshold", "cinq"], "« cinq » est refusé"),
    (["--retention-years", "11"], "de 1 à 10 : « 11 » est refusé"),
    (["--retention-years", "0"], "de 1 à 10 : « 0 » est refusé"),
    (["--counted-in", "Réunions=Travail de rue"],
     "« Réunions » n'est pas une catégorie d'heures : écrivez l'un de ces libellés ou codes : "
     "Travail de rue (street_work),"),
    (["--counted-in", "Écrits professionnels"], "écrivez CATÉGORIE=HÔTE"),
    (["--counted-in", "writing=writing"],
     "« Écrits professionnels » ne peut pas être comptée dans elle-même."),
    (["--counted-in", "Formations=Congés"], "sont dans la même colonne du tableau départemental "
                                             "(Formations / Congés / Congés maladie)"),
    (["--counted-in", "writing=individual_support", "--counted-in",
      "individual_support=street_work"],
     "« Accompagnements individuels » reçoit les heures de « Écrits professionnels » : elle "
     "ne peut pas être comptée dans « Travail de rue »."),
    (["--name", "  "], "Le nom du service est obligatoire"),
    (["--linked-mds", "x" * 201], "MDS de rattachement : 200 caractères au plus (201 écrits)"),
    (["--managing-body", "Association\nÑúñez"], "une seule ligne"),
])
def test_bad_values_are_refused_in_french_and_change_nothing(
        base, capsys, options: list[str], message: str):
    with Database.open(base, PASSPHRASE) as database:
        before = (service_settings.current(database), database.service().updated_at)
    log = _audit_actions(base)
    capsys.readouterr()
    assert _cli("service", "--db", str(base), *options) == 1
    error = capsys.readouterr().err
    assert message in error and error.rstrip().endswith("Rien n'a été modifié.")
    with Database.open(base, PASSPHRASE) as database:
        assert (service_settings.current(database), database.service().updated_at) == before
    assert _audit_actions(base)[:len(log)] == log
    assert "service_settings" not in _audit_actions(base)[len(log):]


def test_an_educator_reads_the_settings_but_is_refused_a_change(base, capsys, monkeypatch):
    with Database.open(base, PASSPHRASE) as database:
        access.add_user(database, "Ayşe Çelik", "educator", EDUCATOR_PASSPHRASE)
    monkeypatch.setenv("SPS_DESK_PASSPHRASE", EDUCATOR_PASSPHRASE)
    capsys.readouterr()
    assert _cli("service", "--db", str(base)) == 0
    assert _printed(capsys)["Structure gestionnaire"] == BODY
    assert _cli("service", "--db", str(base), "--disclosure-threshold", "10") == 1
    assert "Action réservée au chef de service (changer les réglages du service)" in (
        capsys.readouterr().err)
    with Database.open(base, PASSPHRASE) as database:
        assert database.service().disclosure_threshold == 5


def test_init_checks_the_settings_before_creating_anything(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("SPS_DESK_PASSPHRASE", PASSPHRASE)
    path = tmp_path / "s.sps"
    assert _cli("init", "--db", str(path), "--managing-body", "y" * 201) == 1
    assert "Rien n'a été créé." in capsys.readouterr().err
    # A laptop's settings come from the chief's base.
    assert _cli("init", "--db", str(path), "--linked-mds", "MDS Ñ", "--join",
                str(tmp_path / "chef.spskey")) == 1
    assert "ne vont pas avec --join" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


def test_the_settings_feed_the_report_cover_and_the_departement_file(base, tmp_path, capsys):
    with Database.open(base, PASSPHRASE) as database:
        staff = database.repos.staff.save(
            StaffMember(display_name="Zoé L.", role=Role.SOCIAL_WORKER, fte=1.0))
        for category, hours in ((WRITING, 3.5), (SUPPORT, 2.0)):
            database.repos.time_entries.save(TimeEntry(
                staff_id=staff.id, date=date(2025, 3, 4), category=category, hours=hours))
    assert _cli("service", "--db", str(base), "--disclosure-threshold", "8", "--counted-in",
                "Écrits professionnels=Accompagnements individuels") == 0
    out = tmp_path / "statistiques-2025.json"
    assert _cli("export", "--db", str(base), "--year", "2025", "--out", str(out)) == 0
    exported = load_statistics_file(out)
    assert exported.disclosure.threshold == 8
    assert exported.service.managing_body == BODY
    columns = {c.key: c for c in exported.hours.columns}
    assert (columns["writing"].hours, columns["writing"].counted_in) == (None,
                                                                        "individual_support")
    assert columns["individual_support"].hours == 5.5
    assert _cli("report", "--db", str(base), "--year", "2025", "--out",
                str(tmp_path / "r")) == 0
    cover = subprocess.run(
        ["pdftotext", "-f", "1", "-l", "1", str(tmp_path / "r" / "rapport-activite-2025.pdf"),
         "-"], capture_output=True, text=True, check=True).stdout
    assert f"Structure gestionnaire : {BODY}" in cover


def test_the_retention_period_feeds_the_purge(db: Database) -> None:
    person = db.repos.young_people.save(YoungPerson(code="J-ĞÜZEL1"))
    today = person.created_at.date() + timedelta(days=550)  # 18 months without activity
    assert retention.due(db, today) == []
    service_settings.save(db, service_settings.ServiceSettings(
        name=db.service().name, retention_years=1))
    assert retention.retention_years(db) == 1
    assert [d.code for d in retention.due(db, today)] == ["J-ĞÜZEL1"]


def test_the_chiefs_change_reaches_a_laptop_which_cannot_change_it(tmp_path: Path) -> None:
    team = make_team(tmp_path, educators=("Inès Moreau-Ñúñez",))
    try:
        wanted = service_settings.ServiceSettings(
            name="SPS Ğüzelyurt – Équipe", managing_body=BODY, linked_mds=MDS,
            disclosure_threshold=6, counted_in={WRITING: SUPPORT})
        service_settings.save(team.chief, wanted)
        laptop = team.laptops[0]
        transfer(team.chief, laptop, device="Inès Moreau-Ñúñez")
        assert service_settings.current(laptop) == wanted
        assert service_settings.is_laptop_base(laptop)
        with pytest.raises(service_settings.LaptopBase, match="base du chef de service"):
            service_settings.save(laptop, service_settings.ServiceSettings(name="Autre nom"))
        assert laptop.service().name == "SPS Ğüzelyurt – Équipe"
    finally:
        team.close()


def test_the_python_api_refuses_an_educator(db: Database) -> None:
    access.add_user(db, "Дмитрий", "educator", EDUCATOR_PASSPHRASE)
    db.close()
    with Database.open(db.path, EDUCATOR_PASSPHRASE) as as_educator, pytest.raises(ChiefOnly):
        service_settings.save(as_educator, service_settings.ServiceSettings(name="X"))


_LABEL_OR_CODE = st.sampled_from(list(ActivityCategory)).flatmap(
    lambda c: st.sampled_from([c.label, c.label.upper(), c.value, f"  {c.label.lower()} "]))


@given(_LABEL_OR_CODE)
def test_every_label_or_code_reads_back(text: str) -> None:
    category = service_settings.parse_category(text)
    assert text.strip().casefold() in (category.label.casefold(), category.value)


@given(st.dictionaries(st.sampled_from(list(ActivityCategory)),
                       st.sampled_from(list(ActivityCategory)), max_size=5))
def test_accepted_counted_in_is_what_the_record_accepts(
        counted_in: dict[ActivityCategory, ActivityCategory]) -> None:
    """Whatever the checks let through, the Service record validates, and no hours ever
    go to a category that is itself counted elsewhere (no chains, no loops)."""
    settings = service_settings.ServiceSettings(name="SPS Ğ", counted_in=counted_in)
    if service_settings.problems(settings):
        return
    Service(name="SPS Ğ", counted_in=counted_in)
    assert not set(counted_in.values()) & set(counted_in)
