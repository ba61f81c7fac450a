"""Erasure and purge reach every free text, draft and merge conflict (issue 14), and a
conflict can never resurrect what they removed. Real SQLCipher bases, real bundles."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from datetime import date, time
from pathlib import Path

import pytest

from sps_desk.enums import CollectiveActionType, EndReason, PartnerType, Role, SupportOrigin
from sps_desk.folding import REDACTION_MARK
from sps_desk.records import (
    CollectiveAction,
    FieldSession,
    Identity,
    IndividualSupport,
    Partner,
    ReportSections,
    StaffMember,
    YoungPerson,
)
from sps_desk.store import audit, retention, rights
from sps_desk.store.database import Database
from sps_desk.store.drafts import Drafts
from sps_desk.store.sync.conflicts import ErasedConflict, open_conflicts, resolve
from sps_desk.store.sync.transfer import make_bundle, merge_bundles
from tests.conftest import PASSPHRASE
from tests.sync_support import Team, make_team, transfer

NAME, FIRST, NICK, PHONE = "Łucjańska-Ørjansdóttir", "Zoé", "Petit Loup", "06 12 34 56 78"
ADDRESS = "12 rue des Œillets, 62000 Arras"


def _decrypted(database: Database) -> str:
    """Every value of every table, as text."""
    tables = [r[0] for r in database.connection.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table'")]
    return "\n".join(" ".join(str(v) for v in row) for table in tables
                     for row in database.connection.execute(f'SELECT * FROM "{table}"'))


def _traces(text: str) -> list[str]:
    folded = text.casefold()
    return [v for v in ("zoé", "zoe", "łucjańska", "ørjansdóttir", "lucjanska",
                        "orjansdottir", "petit loup", "06 12 34", "12 rue des œillets")
            if v in folded]


def _outing(staff: StaffMember, observation: str, young: list[YoungPerson] = (),
            day: date = date(2025, 3, 12)) -> FieldSession:
    return FieldSession(date=day, start_time=time(18), end_time=time(20),
                        staff_ids=[staff.id], young_met_ids=[y.id for y in young],
                        observation=observation)


@pytest.fixture
def named(db: Database) -> tuple[Database, YoungPerson, StaffMember]:
    """A base where one young person is named in every kind of free text."""
    staff = db.repos.staff.save(StaffMember(display_name="Éloïse T.", role=Role.SOCIAL_WORKER,
                                            fte=1.0))
    person = db.repos.young_people.save(YoungPerson(code="ZZ-0001", nickname=NICK))
    db.repos.identities.save(Identity(young_person_id=person.id, last_name=NAME,
                                      first_name=FIRST, phone=PHONE, address=ADDRESS))
    other = db.repos.young_people.save(YoungPerson(code="ZZ-0002", nickname="frère de Zoé"))
    db.repos.supports.save(IndividualSupport(young_person_id=person.id, referent_id=staff.id,
                                             start_date=date(2025, 1, 6),
                                             origin=SupportOrigin.STREET_WORK,
                                             end_date=date(2025, 6, 30),
                                             end_reason=EndReason.MOVED))
    db.repos.field_sessions.save(_outing(staff, "Vu ZOE et son frère au city-stade.",
                                         [person, other]))
    gone = db.repos.field_sessions.save(_outing(staff, "Z o é absente", day=date(2025, 2, 3)))
    db.repos.field_sessions.delete(gone.id)  # a tombstone still holds its text
    db.repos.field_sessions.save(_outing(staff, "Rien à signaler, 12 jeunes.",
                                         day=date(2025, 3, 13)))
    db.repos.collective_actions.save(CollectiveAction(
        title="Chantier avec Petit-Loup", type=CollectiveActionType.WORK_PROJECT))
    db.repos.partners.save(Partner(name=f"Famille {NAME.upper()}", type=PartnerType.OTHER))
    db.repos.report_sections.save(ReportSections.for_year(
        2025, highlights="Le départ de Zoé Łucjańska-Ørjansdóttir.",
        outlook="Rappeler au 06.12.34.56.78, au 12, rue des Oeillets."))
    Drafts(db).save("field_session", {"fields": {"observation": "zoé au parc"}, "state": {}})
    Drafts(db).save("young_person", {"fields": {"nickname": "Nouveau"}, "state": {}})
    Drafts(db).save("supports", {"fields": {}, "state": {"young": str(person.id)}})
    return db, person, staff


def test_erasure_redacts_every_free_text_and_lists_it_first(named) -> None:
    database, person, _staff = named
    preview = rights.preview_erasure(database, person)
    places = sorted((r.kind, r.field) for r in preview.scrub.redactions)
    assert places == [
        ("collective_action", "title"),
        ("field_session", "observation"),
        ("field_session", "observation"),  # the tombstone too
        ("partner", "name"),
        ("report_sections", "highlights"),
        ("report_sections", "outlook"),
        ("young_person", "nickname"),  # another young person's nickname names her
    ]
    lines = preview.lines()
    assert "  sortie de terrain du 12/03/2025 › observation" in lines
    assert "  rubriques du rapport 2025 › faits marquants" in lines
    assert sorted(d.form for d in preview.scrub.drafts) == ["field_session", "supports"]
    assert not any(_traces(line) for line in lines)  # never the value
    assert _traces(_decrypted(database))  # the preview wrote nothing

    erased = rights.erase(database, person)

    assert erased.scrub.redactions == preview.scrub.redactions
    assert _traces(_decrypted(database)) == []
    texts = {s.date: s.observation for s in database.repos.field_sessions.all(
        include_deleted=True)}
    assert texts[date(2025, 3, 12)] == f"Vu {REDACTION_MARK} et son frère au city-stade."
    assert texts[date(2025, 3, 13)] == "Rien à signaler, 12 jeunes."
    sections = database.repos.report_sections.for_year(2025)
    assert sections.outlook == f"Rappeler au {REDACTION_MARK}, au {REDACTION_MARK}."
    assert Drafts(database).forms() == ["young_person"]
    entry = audit.entries(database.connection)[-1]
    assert entry.action == "erasure" and "7 texte(s) caviardé(s)" in entry.detail


def test_a_purge_redacts_names_of_the_people_it_anonymises(named) -> None:
    database, _person, _staff = named
    preview = retention.purge(database, date(2040, 1, 1), dry_run=True)
    assert preview.anonymised == 2 and len(preview.scrub.redactions) == 6
    assert _traces(_decrypted(database))
    result = retention.purge(database, date(2040, 1, 1))
    assert [r.describe() for r in result.scrub.redactions] == \
        [r.describe() for r in preview.scrub.redactions]
    assert _traces(_decrypted(database)) == []
    # Statistics keep the support; the session keeps the person it met, anonymous.
    assert len(database.repos.supports.all()) == 1
    assert retention.due(database, date(2040, 1, 1)) == []


@pytest.fixture
def team(tmp_path: Path) -> Iterator[Team]:
    built = make_team(tmp_path)
    yield built
    built.close()


def _zoe_on_two_laptops(team: Team) -> tuple[YoungPerson, IndividualSupport]:
    first, second = team.laptops[0], team.laptops[2]
    young = first.repos.young_people.save(YoungPerson(nickname=NICK))
    first.repos.identities.save(Identity(young_person_id=young.id, first_name=FIRST,
                                         last_name=NAME))
    support = first.repos.supports.save(IndividualSupport(
        young_person_id=young.id, referent_id=team.staff["Inès Moreau-Ñúñez"].id,
        start_date=date(2025, 11, 2), origin=SupportOrigin.STREET_WORK))
    transfer(first, team.chief)
    chief_support = team.chief.repos.supports.get(support.id)
    team.chief.repos.supports.save(chief_support.model_copy(
        update={"referent_id": team.staff["Айгерим Şahin"].id}))
    transfer(team.chief, second, device="Айгерим Şahin")
    return young, support


def test_a_conflict_can_never_resurrect_an_erased_identity(team: Team) -> None:
    first, second = team.laptops[0], team.laptops[2]
    young, _support = _zoe_on_two_laptops(team)
    # Both laptops rectify her identity: a conflict on the chief's base.
    identity = first.repos.identities.for_young_person(young.id)
    first.repos.identities.save(identity.model_copy(update={"last_name": "Łucjańska"}))
    other = second.repos.identities.for_young_person(young.id)
    second.repos.identities.save(other.model_copy(update={"last_name": "Ørjansdóttir"}))
    bundles = [("a.spsb", make_bundle(first).data), ("b.spsb", make_bundle(second).data)]
    merge_bundles(team.chief, bundles)
    [conflict] = open_conflicts(team.chief)
    assert conflict.kind == "identity"

    rights.erase(team.chief, team.chief.repos.young_people.get(young.id))

    assert open_conflicts(team.chief) == []
    for keep in (0, 1):
        with pytest.raises(ErasedConflict):
            resolve(team.chief, conflict, keep)
    assert team.chief.repos.identities.all(include_deleted=True) == []
    # The same bundles merged again, and the laptops' later edits: dropped.
    first.repos.identities.save(identity.model_copy(update={"phone": PHONE}))
    merge_bundles(team.chief, [*bundles, ("c.spsb", make_bundle(first).data)])
    assert team.chief.repos.identities.all(include_deleted=True) == []
    assert _traces(_decrypted(team.chief)) == []


def test_conflict_versions_naming_her_are_redacted_and_resolving_keeps_them_so(
        team: Team) -> None:
    first, second = team.laptops[0], team.laptops[2]
    young, _support = _zoe_on_two_laptops(team)
    staff = team.staff["Inès Moreau-Ñúñez"]
    outing = first.repos.field_sessions.save(_outing(staff, "Calme.", [young]))
    transfer(first, team.chief)
    chief_copy = team.chief.repos.field_sessions.get(outing.id)
    team.chief.repos.field_sessions.save(chief_copy.model_copy(
        update={"observation": "Calme, Zoé était là."}))
    first.repos.field_sessions.save(outing.model_copy(
        update={"observation": "Calme. Petit Loup avec L u c j a ń s k a."}))
    transfer(first, team.chief)
    [conflict] = open_conflicts(team.chief)
    assert conflict.kind == "field_session"

    erased = rights.erase(team.chief, team.chief.repos.young_people.get(young.id))
    assert sum(r.in_conflict for r in erased.scrub.redactions) == 2

    [cleaned] = open_conflicts(team.chief)
    assert sorted(r.observation for r in cleaned.records) == [
        f"Calme, {REDACTION_MARK} était là.", f"Calme. {REDACTION_MARK} avec {REDACTION_MARK}."]
    assert all(r.young_met_ids == [] for r in cleaned.records)
    # The conflict listed before the erasure still holds the texts: resolving it keeps
    # the chosen version as the erasure left it.
    old = next(i for i, r in enumerate(conflict.records) if "Petit Loup" in r.observation)
    kept = resolve(team.chief, conflict, old)
    assert kept.observation == f"Calme. {REDACTION_MARK} avec {REDACTION_MARK}."
    assert kept.young_met_ids == []
    assert _traces(_decrypted(team.chief)) == []
    assert second is not None


def test_a_laptop_edit_made_before_it_knew_of_the_erasure_never_brings_the_name_back(
        team: Team) -> None:
    laptop = team.laptops[0]
    young, _support = _zoe_on_two_laptops(team)
    outing = laptop.repos.field_sessions.save(_outing(
        team.staff["Inès Moreau-Ñúñez"], "Zoé et Petit Loup au parc.", [young]))
    transfer(laptop, team.chief)
    older = make_bundle(laptop, everything=True).data  # made before the erasure
    rights.erase(team.chief, team.chief.repos.young_people.get(young.id))
    # Meanwhile, on the laptop, the educator edits the same observation.
    laptop.repos.field_sessions.save(outing.model_copy(
        update={"observation": "Zoé et Petit Loup au parc, puis au local."}))

    for data in (older, make_bundle(laptop).data):
        plan = merge_bundles(team.chief, [("portable.spsb", data)])
        assert _traces(_decrypted(team.chief)) == []
    assert plan.kept_redacted == 1
    assert any("gardé(s) tel(s) que l'effacement" in line for line in plan.summary())
    assert open_conflicts(team.chief) == []

    # The erasure reaches the laptop, which redacts its own copy and its drafts.
    Drafts(laptop).save("field_session", {"fields": {"observation": "petit loup"}})
    transfer(team.chief, laptop, device="Inès Moreau-Ñúñez")
    assert _traces(_decrypted(laptop)) == []
    assert Drafts(laptop).forms() == []
    transfer(laptop, team.chief)
    assert _traces(_decrypted(team.chief)) == []


def test_a_new_record_in_an_old_bundle_is_redacted_with_what_the_bundle_says_of_her(
        team: Team) -> None:
    laptop = team.laptops[0]
    young, _support = _zoe_on_two_laptops(team)
    rights.erase(team.chief, team.chief.repos.young_people.get(young.id))
    # The laptop, not yet told, records an outing naming her and sends everything.
    laptop.repos.field_sessions.save(_outing(team.staff["Inès Moreau-Ñúñez"],
                                             "Łucjańska-Ørjansdóttir est partie.", [young]))
    plan = merge_bundles(team.chief, [("a.spsb", make_bundle(laptop, everything=True).data)])
    [outing] = [s for s in team.chief.repos.field_sessions.all() if s.date.year == 2025]
    assert outing.observation == f"{REDACTION_MARK} est partie."
    assert outing.young_met_ids == []
    assert plan.erasures_reported == []
    assert _traces(_decrypted(team.chief)) == []


def test_the_register_is_reapplied_to_an_older_copy(named, tmp_path: Path) -> None:
    database, person, _staff = named
    older = tmp_path / "ancienne.sps"
    database.connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    shutil.copy(database.path, older)
    shutil.copy(f"{database.path}.keys", f"{older}.keys")
    rights.erase(database, person)
    other = database.repos.young_people.by_code("ZZ-0002")
    retention.purge(database, date(2040, 1, 1))
    register = rights.erasure_register(database)
    kinds = sorted({(e.kind, e.record_id) for e in register})
    assert ("erased", str(person.id)) in kinds and ("anonymised", str(other.id)) in kinds
    assert all(len(e.record_id) == 36 and e.at for e in register)
    assert not _traces(json.dumps([e.__dict__ for e in register]))

    with Database.open(older, PASSPHRASE) as copy:
        assert _traces(_decrypted(copy))
        removed = rights.apply_erasure_register(copy, register)
        assert removed == 3  # her, her support, and the other young person anonymised
        assert _traces(_decrypted(copy)) == []
        assert copy.repos.young_people.get(person.id) is None
        assert rights.apply_erasure_register(copy, register) == 0  # idempotent
        assert {(e.kind, e.record_id) for e in rights.erasure_register(copy)} >= set(kinds)


def test_the_command_line_lists_the_redactions_then_asks(named) -> None:
    from tests.test_cli import run_cli

    database, _person, _staff = named
    path = database.path
    database.close()
    env = {"SPS_DESK_PASSPHRASE": PASSPHRASE}
    before = path.read_bytes()

    asked = run_cli("erase", "--db", str(path), "--young", "zz-0001", env=env)
    assert asked.returncode == 1 and "relancez la commande avec --yes" in asked.stderr
    assert "L'effacement du jeune ZZ-0001 supprimera définitivement :" in asked.stdout
    assert "    sortie de terrain du 12/03/2025 › observation" in asked.stdout
    assert "brouillon du formulaire « sortie de terrain »" in asked.stdout
    assert _traces(asked.stdout + asked.stderr) == []
    assert path.read_bytes() == before  # not even the unlock was written

    done = run_cli("erase", "--db", str(path), "--young", "zz-0001", "--yes", env=env)
    assert done.returncode == 0, done.stderr
    assert "7 texte(s) libre(s) caviardé(s), 2 brouillon(s) supprimé(s)" in done.stdout
    with Database.open(path, PASSPHRASE) as reopened:
        assert _traces(_decrypted(reopened)) == []
