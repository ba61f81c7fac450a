"""Team merge against mistakes and abuse (issue 7): what only the chief decides stays
with the chief, files are never overwritten by mistake, forged or oversized bundles are
refused before they cost memory, and counts do not depend on the order of bundles."""

from __future__ import annotations

import hashlib
import json
import re
import zlib
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from nacl.public import PublicKey, SealedBox
from nacl.signing import SigningKey

from sps_desk.cli import main
from sps_desk.enums import SupportOrigin
from sps_desk.records import Identity, IndividualSupport, YoungPerson
from sps_desk.store.database import Database
from sps_desk.store.retention import purge
from sps_desk.store.rights import erase
from sps_desk.store.sync import bundle as bundle_format
from sps_desk.store.sync.errors import BundleRefused, KeyFileRefused, UnknownDevice
from sps_desk.store.sync.identity import chief_keys, has_keys, key_file_text, read_key_file
from sps_desk.store.sync.merge import Outcome
from sps_desk.store.sync.transfer import make_bundle, merge_bundles
from tests.conftest import PASSPHRASE
from tests.sync_support import Team, make_team, transfer


@pytest.fixture
def team(tmp_path: Path) -> Iterator[Team]:
    built = make_team(tmp_path)
    yield built
    built.close()


def _state(path: Path) -> list[str]:
    return [hashlib.sha256(p.read_bytes()).hexdigest() if p.exists() else "-"
            for p in (path, Path(f"{path}.keys"), Path(f"{path}-wal"))]


def test_bundle_and_key_never_overwrite_the_base(team: Team, monkeypatch, capsys) -> None:
    monkeypatch.setenv("SPS_DESK_PASSPHRASE", PASSPHRASE)
    chief = team.chief.path
    team.chief.close()
    before = _state(chief)
    for command in (["bundle", "--db", str(chief), "--for", "Théo Kowalczyk", "--out",
                     str(chief)],
                    ["key", "--db", str(chief), "--out", f"{chief}.keys"],
                    ["key", "--db", str(chief), "--out", str(chief.parent / "k.spskey"),
                     "--qr", str(team.laptops[0].path)]):
        assert main(command) == 1
        error = capsys.readouterr().err
        assert "Rien n'a été" in error and ("la base elle-même" in error
                                             or "n'est pas un fichier de ce type" in error)
    assert _state(chief) == before
    team.chief = Database.open(chief, PASSPHRASE)


def test_a_refused_merge_on_a_base_without_keys_creates_nothing(team: Team,
                                                                tmp_path: Path) -> None:
    data = make_bundle(team.laptops[0]).data
    with Database.create(tmp_path / "neuve.sps", PASSPHRASE, "SPS Ğ") as fresh:
        fresh.connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        before = _state(fresh.path)
        with pytest.raises(BundleRefused, match="destiné à une autre base"):
            merge_bundles(fresh, [("a.spsb", data)], dry_run=True)
        assert not has_keys(fresh)
        assert _state(fresh.path) == before


def test_a_forged_oversized_bundle_is_refused_before_it_is_inflated(
        team: Team, monkeypatch) -> None:
    laptop = team.laptops[0]
    monkeypatch.setattr(bundle_format, "MAX_PAYLOAD_BYTES", 1024 * 1024)
    chief = chief_keys(laptop)
    intruder = SigningKey.generate()
    bomb = zlib.compress(b" " * (4 * 1024 * 1024), 9)

    def sealed(message: bytes, signature: bytes) -> bytes:
        box = bytes.fromhex(chief.box_key)
        inner = bytes(intruder.verify_key) + signature + message
        return (bundle_format.MAGIC + bytes([1]) + box
                + SealedBox(PublicKey(box)).encrypt(inner))

    with pytest.raises(BundleRefused, match="signature ne correspond pas"):
        merge_bundles(team.chief, [("faux.spsb", sealed(bomb, b"\0" * 64))])
    with pytest.raises(BundleRefused, match="bien trop gros"):
        merge_bundles(team.chief, [("bombe.spsb",
                                    sealed(bomb, intruder.sign(bomb).signature))])


def test_a_laptop_cannot_erase_nor_change_the_services_settings(team: Team) -> None:
    laptop = team.laptops[0]
    young = laptop.repos.young_people.save(YoungPerson(nickname="Ayşe"))
    transfer(laptop, team.chief)
    erase(laptop, laptop.repos.young_people.get(young.id))
    service = laptop.service()
    laptop.repos.service.save(service.model_copy(update={"name": "Service pirate",
                                                         "disclosure_threshold": 3}))
    plan = transfer(laptop, team.chief)
    assert plan.counts() == {Outcome.IGNORED_SERVICE: 1}
    assert plan.erasures_reported == [str(young.id)]
    assert any("seul le chef de service efface" in line for line in plan.summary())
    assert team.chief.repos.young_people.get(young.id).nickname == "Ayşe"
    assert team.chief.service().name == "SPS Ğüzelyurt – Équipe"
    assert team.chief.service().disclosure_threshold == 5


def test_a_purge_is_not_undone_by_a_laptop_edit(team: Team) -> None:
    laptop = team.laptops[0]
    young = laptop.repos.young_people.save(YoungPerson(nickname="Zoé"))
    laptop.repos.identities.save(Identity(young_person_id=young.id, last_name="Lefèvre"))
    transfer(laptop, team.chief)
    result = purge(team.chief, date(2040, 1, 1))
    assert result.anonymised == 1
    laptop.repos.young_people.save(young.model_copy(update={"sex": "F"}))
    transfer(laptop, team.chief)
    merged = team.chief.repos.young_people.get(young.id)
    assert merged.code.startswith("anonyme-") and merged.nickname == ""
    assert team.chief.repos.identities.all() == []
    # The laptop receives the purge: the anonymous version wins over its own edit.
    transfer(team.chief, laptop, device="Inès Moreau-Ñúñez")
    assert laptop.repos.young_people.get(young.id).code == merged.code
    assert laptop.repos.identities.all() == []


def test_counts_are_the_same_whatever_the_order_and_in_a_dry_run(team: Team) -> None:
    first, second = team.laptops[0], team.laptops[1]
    young = first.repos.young_people.save(YoungPerson(nickname="Zoé"))
    first.repos.supports.save(IndividualSupport(
        young_person_id=young.id, referent_id=team.staff["Théo Kowalczyk"].id,
        start_date=date(2026, 11, 2), origin=SupportOrigin.STREET_WORK))
    transfer(first, team.chief)
    transfer(team.chief, second, device="Théo Kowalczyk")
    first.repos.young_people.save(young.model_copy(update={"nickname": "Zoé 1"}))
    first.repos.young_people.save(YoungPerson(nickname="Noé"))
    theirs = second.repos.young_people.get(young.id)
    second.repos.young_people.save(theirs.model_copy(update={"nickname": "Zoé 2"}))
    bundles = [("a.spsb", make_bundle(first).data), ("b.spsb", make_bundle(second).data)]
    dry = [merge_bundles(team.chief, order, dry_run=True).counts()
           for order in (bundles, bundles[::-1])]
    assert dry[0] == dry[1] == {Outcome.CREATED: 1, Outcome.CONFLICT: 1}
    assert merge_bundles(team.chief, bundles).counts() == dry[0]


def test_a_laptop_is_named_without_ambiguity(team: Team, tmp_path: Path) -> None:
    from sps_desk.store.sync.identity import join

    twin = Database.create(tmp_path / "jumeau.sps", PASSPHRASE, "x",
                           chief_name="Inès Moreau-Ñúñez")
    try:
        join(twin, key_file_text(team.chief), "chef.spskey")
        transfer(twin, team.chief)
        with pytest.raises(UnknownDevice, match="Plusieurs ordinateurs"):
            make_bundle(team.chief, device="Inès Moreau-Ñúñez")
        written = make_bundle(team.chief, device=str(twin.device_id)[:8])
        assert written.staff_name == "Inès Moreau-Ñúñez"
        with pytest.raises(UnknownDevice, match="Aucun ordinateur connu ne s'appelle"):
            make_bundle(team.chief, device="Inès Moreau")
    finally:
        twin.close()


def test_an_edited_key_file_is_refused(team: Team) -> None:
    text = key_file_text(team.chief)
    data = json.loads(text)
    data["service"]["row"]["name"] = "SPS Ailleurs"
    with pytest.raises(KeyFileRefused, match="modifié ou abîmé"):
        read_key_file(json.dumps(data), "chef.spskey")
    digit = text.index('"box_key":"') + 11
    changed = text[:digit] + ("0" if text[digit] != "0" else "1") + text[digit + 1:]
    with pytest.raises(KeyFileRefused, match="modifié ou abîmé"):
        read_key_file(changed, "chef.spskey")


def test_the_chief_lists_and_resolves_a_conflict_from_the_command_line(
        team: Team, monkeypatch, capsys) -> None:
    first, second = team.laptops[0], team.laptops[1]
    young = first.repos.young_people.save(YoungPerson(code="J-ZOE234", nickname="Zoé"))
    first.repos.supports.save(IndividualSupport(
        young_person_id=young.id, referent_id=team.staff["Théo Kowalczyk"].id,
        start_date=date(2026, 11, 2), origin=SupportOrigin.STREET_WORK))
    transfer(first, team.chief)
    transfer(team.chief, second, device="Théo Kowalczyk")
    first.repos.young_people.save(young.model_copy(update={"nickname": "Zoé 1", "sex": "F"}))
    theirs = second.repos.young_people.get(young.id)
    second.repos.young_people.save(theirs.model_copy(update={"nickname": "Zoé 2"}))
    merge_bundles(team.chief, [("a.spsb", make_bundle(first).data),
                               ("b.spsb", make_bundle(second).data)])
    path = team.chief.path
    team.chief.close()
    monkeypatch.setenv("SPS_DESK_PASSPHRASE", PASSPHRASE)
    assert main(["conflicts", "--db", str(path)]) == 0
    listing = capsys.readouterr().out
    assert f"Conflit sur un(e) jeune J-ZOE234 (identifiant {str(young.id)[:8]}) :" in listing
    lines = {re.search(r"version (\d)", line).group(1): line
             for line in listing.splitlines() if "version" in line and "écrite le" in line}
    assert sorted(lines) == ["1", "2"]
    assert all("surnom = Zoé" in line and "sexe = " in line for line in lines.values())
    assert any("sexe = Féminin" in line for line in lines.values())
    version = next(number for number, line in lines.items() if "surnom = Zoé 2" in line)
    assert main(["conflicts", "--db", str(path), "--keep", str(young.id)[:8],
                 version]) == 0
    assert main(["conflicts", "--db", str(path)]) == 0
    assert capsys.readouterr().out.endswith("Aucun conflit à trancher.\n")
    team.chief = Database.open(path, PASSPHRASE)
    assert team.chief.repos.young_people.get(young.id).nickname == "Zoé 2"
