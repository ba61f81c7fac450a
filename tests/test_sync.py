"""Team merge (issue 7): bundles between laptops and the chief's base, real SQLCipher
bases, real sealed boxes and signatures."""

from __future__ import annotations

import hashlib
import shutil
from collections.abc import Iterator
from datetime import date, time
from pathlib import Path

import pytest
from nacl.signing import SigningKey

from sps_desk.enums import InterventionType, Problem, SupportOrigin
from sps_desk.records import (
    FieldSession,
    Identity,
    IndividualSupport,
    Intervention,
    TallyCell,
    YoungPerson,
)
from sps_desk.store.database import Database
from sps_desk.store.rights import erase
from sps_desk.store.sync import bundle as bundle_format
from sps_desk.store.sync.conflicts import open_conflicts, resolve
from sps_desk.store.sync.errors import BundleRefused, CannotJoin
from sps_desk.store.sync.identity import DeviceKeys, chief_keys, join, key_file_text, own_keys
from sps_desk.store.sync.merge import Outcome
from sps_desk.store.sync.selection import changes_since
from sps_desk.store.sync.transfer import make_bundle, merge_bundles
from tests.conftest import PASSPHRASE
from tests.sync_support import Team, make_team, transfer


@pytest.fixture
def team(tmp_path: Path) -> Iterator[Team]:
    built = make_team(tmp_path)
    yield built
    built.close()


def _outing(team: Team, educator: str, young: list[YoungPerson]) -> FieldSession:
    return FieldSession(
        date=date(2026, 11, 18), start_time=time(21, 30), end_time=time(0, 30),
        staff_ids=[team.staff[educator].id], sector_id=team.sector.id,
        tallies=[TallyCell(sex="F", age_bracket="16-17", count=3)],
        young_met_ids=[y.id for y in young],
    )


def _file_state(path: Path) -> tuple[str, ...]:
    files = [path, Path(f"{path}.keys"), Path(f"{path}-wal")]
    return tuple(hashlib.sha256(f.read_bytes()).hexdigest() if f.exists() else "-"
                 for f in files)


def test_a_laptop_joins_the_chiefs_service_and_receives_the_team(team: Team) -> None:
    laptop = team.laptops[0]
    assert laptop.service().id == team.chief.service().id
    assert laptop.service().name == "SPS Ğüzelyurt – Équipe"
    assert sorted(s.display_name for s in laptop.repos.staff.all()) == sorted(team.staff)
    assert [s.commune for s in laptop.repos.sectors.all()] == ["Saint-Étienne"]


def test_join_refuses_a_base_that_already_has_records(team: Team) -> None:
    with pytest.raises(CannotJoin):
        join(team.laptops[0], key_file_text(team.chief), "chef.spskey")


def test_an_outing_recorded_on_a_laptop_reaches_the_chief_with_its_hours(team: Team) -> None:
    laptop = team.laptops[0]
    gokhan = laptop.repos.young_people.save(YoungPerson(nickname="Ğökhan"))
    session = laptop.repos.field_sessions.save(_outing(team, "Inès Moreau-Ñúñez", [gokhan]))

    plan = transfer(laptop, team.chief)

    assert plan.counts() == {Outcome.CREATED: 2}
    merged = team.chief.repos.field_sessions.get(session.id)
    assert merged == session
    assert team.chief.repos.young_people.get(gokhan.id).nickname == "Ğökhan"
    entries = team.chief.repos.time_entries.derived_from(session.id)
    assert [(e.hours, e.staff_id) for e in entries] == [(3.0, team.staff["Inès Moreau-Ñúñez"].id)]
    assert entries == laptop.repos.time_entries.derived_from(session.id)


def test_merging_the_same_bundle_twice_changes_nothing(team: Team) -> None:
    laptop = team.laptops[0]
    laptop.repos.young_people.save(YoungPerson(nickname="Zoé"))
    data = make_bundle(laptop).data
    merge_bundles(team.chief, [("a.spsb", data)])
    before = _file_state(team.chief.path)
    again = merge_bundles(team.chief, [("a.spsb", data)], dry_run=True)
    assert again.changes == []
    assert again.summary()[-1] == "Aucun changement : tout était déjà intégré."
    assert _file_state(team.chief.path) == before


def test_the_next_bundle_holds_only_changes_the_chief_has_not_acknowledged(team: Team) -> None:
    laptop = team.laptops[0]
    laptop.repos.young_people.save(YoungPerson(nickname="Zoé"))
    assert make_bundle(laptop).records == 1
    transfer(laptop, team.chief)
    transfer(team.chief, laptop, device="Inès Moreau-Ñúñez")  # carries the acknowledgement
    assert make_bundle(laptop).records == 0
    laptop.repos.young_people.save(YoungPerson(nickname="Дмитрий"))
    assert make_bundle(laptop).records == 1
    assert make_bundle(laptop, everything=True).records == 2


def test_a_deletion_on_a_laptop_reaches_the_chief(team: Team) -> None:
    laptop = team.laptops[0]
    young = laptop.repos.young_people.save(YoungPerson(nickname="Zoé"))
    transfer(laptop, team.chief)
    laptop.repos.young_people.delete(young.id)
    plan = transfer(laptop, team.chief)
    assert plan.counts() == {Outcome.DELETED: 1}
    assert team.chief.repos.young_people.get(young.id) is None


def test_two_laptops_editing_the_same_record_give_a_conflict_the_chief_resolves(
        team: Team) -> None:
    first, second = team.laptops[0], team.laptops[1]
    young = first.repos.young_people.save(YoungPerson(nickname="Zoé"))
    support = first.repos.supports.save(IndividualSupport(
        young_person_id=young.id, referent_id=team.staff["Inès Moreau-Ñúñez"].id,
        start_date=date(2026, 11, 2), origin=SupportOrigin.STREET_WORK,
        problems=[Problem.SCHOOLING]))
    first.repos.interventions.save(Intervention(
        support_id=support.id, date=date(2026, 11, 3), type=InterventionType.INTERVIEW,
        duration_hours=1.0, staff_ids=[team.staff["Théo Kowalczyk"].id]))
    transfer(first, team.chief)
    transfer(team.chief, second, device="Théo Kowalczyk")  # Théo intervened: he receives Zoé
    assert second.repos.young_people.get(young.id).nickname == "Zoé"

    first.repos.young_people.save(young.model_copy(update={"nickname": "Zoé (Inès)"}))
    mine = second.repos.young_people.get(young.id)
    second.repos.young_people.save(mine.model_copy(update={"nickname": "Zoé (Théo)"}))
    plan = merge_bundles(team.chief, [("a.spsb", make_bundle(first).data),
                                      ("b.spsb", make_bundle(second).data)])

    assert [c.record_id for c in plan.conflicts] == [str(young.id)]
    [conflict] = open_conflicts(team.chief)
    assert sorted(r.nickname for r in conflict.records) == ["Zoé (Inès)", "Zoé (Théo)"]
    shown = team.chief.repos.young_people.get(young.id).nickname
    assert shown == "Zoé (Théo)"  # the newer edit is shown until the chief chooses
    keep = [r.nickname for r in conflict.records].index("Zoé (Inès)")
    resolve(team.chief, conflict, keep)
    assert team.chief.repos.young_people.get(young.id).nickname == "Zoé (Inès)"
    assert open_conflicts(team.chief) == []
    # The choice reaches the laptops, and their old versions no longer conflict.
    transfer(team.chief, second, device="Théo Kowalczyk")
    assert second.repos.young_people.get(young.id).nickname == "Zoé (Inès)"
    again = merge_bundles(team.chief, [("b.spsb", make_bundle(second, everything=True).data)])
    assert again.conflicts == []


def test_a_laptop_keeps_its_unsent_edit_when_the_chief_changed_the_same_record(
        team: Team) -> None:
    laptop = team.laptops[0]
    young = laptop.repos.young_people.save(YoungPerson(nickname="Zoé"))
    transfer(laptop, team.chief)
    chief_copy = team.chief.repos.young_people.get(young.id)
    team.chief.repos.young_people.save(chief_copy.model_copy(update={"nickname": "Zoé C."}))
    laptop.repos.young_people.save(young.model_copy(update={"nickname": "Zoé L."}))
    plan = transfer(team.chief, laptop, device="Inès Moreau-Ñúñez")
    assert plan.counts() == {Outcome.KEPT_LOCAL: 1}
    assert laptop.repos.young_people.get(young.id).nickname == "Zoé L."
    # The chief then sees both versions and chooses.
    assert transfer(laptop, team.chief).conflicts != []


def test_an_erased_young_person_never_comes_back(team: Team) -> None:
    laptop = team.laptops[0]
    young = laptop.repos.young_people.save(YoungPerson(nickname="Ayşe"))
    support = laptop.repos.supports.save(IndividualSupport(
        young_person_id=young.id, referent_id=team.staff["Inès Moreau-Ñúñez"].id,
        start_date=date(2026, 11, 2), origin=SupportOrigin.STREET_WORK))
    laptop.repos.field_sessions.save(_outing(team, "Inès Moreau-Ñúñez", [young]))
    transfer(laptop, team.chief)
    erase(team.chief, team.chief.repos.young_people.get(young.id))
    # Meanwhile the laptop edits her and adds an intervention to her support.
    laptop.repos.young_people.save(young.model_copy(update={"nickname": "Ayşe Ç."}))
    laptop.repos.interventions.save(Intervention(
        support_id=support.id, date=date(2026, 11, 20), type=InterventionType.INTERVIEW,
        duration_hours=1.0, staff_ids=[team.staff["Inès Moreau-Ñúñez"].id]))

    plan = merge_bundles(team.chief, [("a.spsb", make_bundle(laptop, everything=True).data)])

    assert plan.counts()[Outcome.DROPPED_ERASED] == 3  # young, support, intervention
    assert team.chief.repos.young_people.get(young.id) is None
    assert team.chief.repos.supports.for_young_person(young.id) == []
    [outing] = team.chief.repos.field_sessions.all()
    assert outing.young_met_ids == []
    # The laptop receives the erasure too.
    transfer(team.chief, laptop, device="Inès Moreau-Ñúñez")
    assert laptop.repos.young_people.get(young.id) is None
    assert laptop.repos.supports.for_young_person(young.id) == []


def test_a_truncated_bit_flipped_or_foreign_bundle_is_refused_and_nothing_changes(
        team: Team) -> None:
    laptop = team.laptops[0]
    laptop.repos.young_people.save(YoungPerson(nickname="Zoé"))
    good = make_bundle(laptop).data
    flipped = bytearray(good)
    flipped[len(good) // 2] ^= 0x01
    cases = {
        "tronqué": good[: len(good) - 20],
        "inversé": bytes(flipped),
        "pas un paquet": b"PK\x03\x04 un tableur",
        "autre base": make_bundle(team.chief, device="Théo Kowalczyk").data,
    }
    messages = {}
    before = _file_state(team.chief.path)
    for name, data in cases.items():
        with pytest.raises(BundleRefused) as refused:
            merge_bundles(team.chief, [("ok.spsb", good), (f"{name}.spsb", data)])
        messages[name] = str(refused.value)
    assert "abîmé, tronqué ou a été modifié" in messages["tronqué"]
    assert "abîmé, tronqué ou a été modifié" in messages["inversé"]
    assert "n'est pas un paquet sps_desk" in messages["pas un paquet"]
    assert "destiné à une autre base" in messages["autre base"]
    assert all("Rien n'a été modifié" in m for m in messages.values())
    assert _file_state(team.chief.path) == before
    assert team.chief.repos.young_people.all() == []


def _forged(team: Team, signer: SigningKey, claimed_sign_key: str) -> bytes:
    """A bundle for the chief whose payload names the first laptop as sender with
    ``claimed_sign_key``, but is signed by ``signer``."""
    laptop = team.laptops[0]
    sender = own_keys(laptop)
    forged = bundle_format.Bundle(
        service_id=str(laptop.service().id),
        sender=DeviceKeys(sender.device_id, sender.label, claimed_sign_key, sender.box_key),
        recipient=chief_keys(laptop), direction="to_chief", items=changes_since(laptop, 0),
        up_to_seq=99)
    return bundle_format.seal(forged, signer)


def test_a_wrongly_signed_bundle_is_refused_and_nothing_changes(team: Team) -> None:
    laptop = team.laptops[0]
    laptop.repos.young_people.save(YoungPerson(nickname="Zoé"))
    intruder = SigningKey.generate()
    before = _file_state(team.chief.path)
    # Signed by another key than the one the payload names: the signature fails.
    with pytest.raises(BundleRefused, match="signature ne correspond pas"):
        merge_bundles(team.chief, [("faux.spsb",
                                    _forged(team, intruder, own_keys(laptop).sign_key))])
    # Signed consistently by another key, but for a laptop the chief already knows.
    with pytest.raises(BundleRefused, match="autre clé que celle de l'ordinateur"):
        merge_bundles(team.chief, [("faux.spsb",
                                    _forged(team, intruder, bytes(intruder.verify_key).hex()))])
    assert _file_state(team.chief.path) == before
    assert team.chief.repos.young_people.all() == []


def test_a_laptop_refuses_a_bundle_not_signed_by_its_chief(team: Team, tmp_path: Path) -> None:
    other = make_team(tmp_path / "autre", educators=("Inès Moreau-Ñúñez",))
    try:
        with pytest.raises(BundleRefused):
            transfer(other.chief, team.laptops[0], device="Inès Moreau-Ñúñez")
    finally:
        other.close()


def test_identities_recorded_on_two_laptops_for_the_same_young_person_conflict(
        team: Team) -> None:
    first, second = team.laptops[0], team.laptops[2]
    young = first.repos.young_people.save(YoungPerson(nickname="Zoé"))
    transfer(first, team.chief)
    team.chief.repos.supports.save(IndividualSupport(
        young_person_id=young.id, referent_id=team.staff["Айгерим Şahin"].id,
        start_date=date(2026, 11, 2), origin=SupportOrigin.STREET_WORK))
    transfer(team.chief, second, device="Айгерим Şahin")
    first.repos.identities.save(Identity(young_person_id=young.id, first_name="Zoé",
                                         last_name="Lefèvre-Ñúñez"))
    second.repos.identities.save(Identity(young_person_id=young.id, first_name="Zoé",
                                          last_name="Lefebvre"))
    plan = merge_bundles(team.chief, [("a.spsb", make_bundle(first).data),
                                      ("b.spsb", make_bundle(second).data)])
    assert len(plan.conflicts) == 1
    [conflict] = open_conflicts(team.chief)
    assert sorted(r.last_name for r in conflict.records) == ["Lefebvre", "Lefèvre-Ñúñez"]
    assert len(team.chief.repos.identities.all()) == 1


def test_only_the_chief_merges_into_the_service_base(team: Team) -> None:
    from sps_desk.store import users

    laptop = team.laptops[0]
    data = make_bundle(laptop).data
    educator = users.add(team.chief.connection, "Théo Kowalczyk", "educator")
    team.chief.current_user = educator
    with pytest.raises(users.ChiefOnly):
        merge_bundles(team.chief, [("a.spsb", data)])
    with pytest.raises(users.ChiefOnly):
        make_bundle(team.chief, device="Inès Moreau-Ñúñez")


def test_an_older_laptop_edit_against_a_newer_chief_edit_is_a_conflict_too(
        team: Team) -> None:
    laptop = team.laptops[0]
    young = laptop.repos.young_people.save(YoungPerson(nickname="Zoé"))
    transfer(laptop, team.chief)
    laptop.repos.young_people.save(young.model_copy(update={"nickname": "Zoé (avant)"}))
    chief_copy = team.chief.repos.young_people.get(young.id)
    team.chief.repos.young_people.save(chief_copy.model_copy(update={"nickname": "Zoé (après)"}))
    plan = transfer(laptop, team.chief)
    assert plan.counts() == {Outcome.CONFLICT: 1}
    assert team.chief.repos.young_people.get(young.id).nickname == "Zoé (après)"
    [conflict] = open_conflicts(team.chief)
    assert sorted(r.nickname for r in conflict.records) == ["Zoé (après)", "Zoé (avant)"]


def test_a_laptop_restored_from_a_backup_loses_nothing(team: Team, tmp_path: Path) -> None:
    laptop = team.laptops[0]
    young = laptop.repos.young_people.save(YoungPerson(nickname="Zoé"))
    transfer(laptop, team.chief)
    transfer(team.chief, laptop, device="Inès Moreau-Ñúñez")
    laptop.connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    backup = tmp_path / "sauvegarde.sps"
    shutil.copyfile(laptop.path, backup)
    shutil.copyfile(f"{laptop.path}.keys", f"{backup}.keys")
    # After the backup: an edit that reaches the chief, then the laptop's disk dies.
    laptop.repos.young_people.save(young.model_copy(update={"nickname": "Zoé B."}))
    transfer(laptop, team.chief)
    laptop.close()
    team.laptops.remove(laptop)

    with Database.open(backup, PASSPHRASE) as restored:
        # The restored laptop reuses change numbers the chief has already acknowledged.
        old = restored.repos.young_people.get(young.id)
        restored.repos.young_people.save(old.model_copy(update={"nickname": "Zoé R."}))
        noe = restored.repos.young_people.save(YoungPerson(nickname="Noé"))
        back = transfer(team.chief, restored, device="Inès Moreau-Ñúñez")
        assert back.restored
        assert "restauré d'une sauvegarde" in back.summary()[-1]
        plan = transfer(restored, team.chief)

    assert team.chief.repos.young_people.get(noe.id).nickname == "Noé"
    # The edit made after the restore is not hidden behind the lost one: both are kept.
    assert [c.record_id for c in plan.conflicts] == [str(young.id)]
    [conflict] = open_conflicts(team.chief)
    assert sorted(r.nickname for r in conflict.records) == ["Zoé B.", "Zoé R."]


def test_an_edit_after_receiving_the_chiefs_decision_is_sent(team: Team) -> None:
    """The chief's versions are stored here with change number 0: a later local edit must
    still get a number above every one the chief has acknowledged."""
    first, second = team.laptops[0], team.laptops[1]
    young = first.repos.young_people.save(YoungPerson(nickname="Zoé"))
    first.repos.supports.save(IndividualSupport(
        young_person_id=young.id, referent_id=team.staff["Théo Kowalczyk"].id,
        start_date=date(2026, 11, 2), origin=SupportOrigin.STREET_WORK))
    transfer(first, team.chief)
    transfer(team.chief, second, device="Théo Kowalczyk")
    first.repos.young_people.save(young.model_copy(update={"nickname": "Zoé 1"}))
    theirs = second.repos.young_people.get(young.id)
    second.repos.young_people.save(theirs.model_copy(update={"nickname": "Zoé 2"}))
    merge_bundles(team.chief, [("a.spsb", make_bundle(first).data),
                               ("b.spsb", make_bundle(second).data)])
    [conflict] = open_conflicts(team.chief)
    resolve(team.chief, conflict, 0)
    transfer(team.chief, first, device="Inès Moreau-Ñúñez")
    decided = first.repos.young_people.get(young.id)
    first.repos.young_people.save(decided.model_copy(update={"nickname": "Zoé après"}))
    assert make_bundle(first).records == 1
    transfer(first, team.chief)
    assert team.chief.repos.young_people.get(young.id).nickname == "Zoé après"
