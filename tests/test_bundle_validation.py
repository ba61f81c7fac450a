"""Bundles whose signed payload is wrong (issue 13, points 4–5): refused in one French
sentence before anything is written — dangling references, one id under two kinds, deep
nesting, age brackets the service does not have, inflation far beyond a real bundle."""

from __future__ import annotations

import copy
import hashlib
import json
import tracemalloc
import uuid
import zlib
from collections.abc import Iterator
from datetime import date, time
from pathlib import Path
from typing import Any

import pytest
from nacl.public import PublicKey, SealedBox

from sps_desk.cli import main
from sps_desk.enums import Sex
from sps_desk.records import FieldSession, TallyCell, YoungPerson
from sps_desk.store.database import Database
from sps_desk.store.sync import bundle as bundle_format
from sps_desk.store.sync.errors import BundleRefused
from sps_desk.store.sync.identity import private_keys
from sps_desk.store.sync.transfer import make_bundle, merge_bundles
from tests.conftest import PASSPHRASE
from tests.sync_support import Team, make_team


@pytest.fixture(scope="module")
def team(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Team]:
    built = make_team(tmp_path_factory.mktemp("equipe"), ("Inès Moreau-Ñúñez",))
    laptop = built.laptops[0]
    staff = built.staff["Inès Moreau-Ñúñez"]
    young = laptop.repos.young_people.save(YoungPerson(nickname="Zoé"))
    laptop.repos.field_sessions.save(FieldSession(
        date=date(2025, 3, 3), start_time=time(14), end_time=time(16), staff_ids=[staff.id],
        young_met_ids=[young.id],
        tallies=[TallyCell(sex=Sex.FEMALE, age_bracket="11-15", count=3)]))
    yield built
    built.close()


def _payload(team: Team) -> dict[str, Any]:
    laptop = team.laptops[0]
    _signing, box = private_keys(team.chief)
    return bundle_format.unseal(make_bundle(laptop).data, "p", box).payload()


def _sealed(team: Team, text: bytes, *, compress: int = 9) -> bytes:
    """``text`` as the payload of a bundle signed by the laptop, sealed to the chief."""
    signing, _box = private_keys(team.laptops[0])
    message = zlib.compress(text, compress)
    signed = bytes(signing.verify_key) + signing.sign(message).signature + message
    box_key = bytes(private_keys(team.chief)[1].public_key)
    return (bundle_format.MAGIC + bytes([bundle_format.FORMAT_VERSION]) + box_key
            + SealedBox(PublicKey(box_key)).encrypt(signed))


def _state(database: Database) -> str:
    connection = database.connection
    rows = []
    for (table,) in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table' "
                                       "ORDER BY name"):
        rows += [table, *map(repr, connection.execute(f'SELECT * FROM "{table}" ORDER BY 1'))]
    return hashlib.sha256("\n".join(rows).encode()).hexdigest()


def _refused(team: Team, payload: dict[str, Any] | bytes, name: str) -> str:
    text = payload if isinstance(payload, bytes) else json.dumps(payload).encode()
    before = _state(team.chief)
    with pytest.raises(BundleRefused) as refused:
        merge_bundles(team.chief, [(name, _sealed(team, text))])
    assert not team.chief.connection.in_transaction
    assert _state(team.chief) == before
    message = str(refused.value)
    assert message.startswith(f"Paquet {name} refusé : ") and "\n" not in message
    assert message.endswith("Rien n'a été modifié dans la base.")
    return message


def _records(payload: dict[str, Any], kind: str) -> list[dict[str, Any]]:
    return [r for r in payload["records"] if r["kind"] == kind]


def _later(record: dict[str, Any]) -> None:
    record["clock"] = {device: count + 5 for device, count in record["clock"].items()}


def test_the_forged_payloads_start_from_a_bundle_that_merges(team: Team) -> None:
    plan = merge_bundles(team.chief, [("vrai.spsb", _sealed(team, json.dumps(
        _payload(team)).encode()))], dry_run=True)
    assert sorted(c.kind for c in plan.changes) == ["field_session", "young_person"]


@pytest.mark.parametrize(("field", "label"), [
    ("staff_ids", "professionnels présents"), ("sector_id", "secteur"),
    ("young_met_ids", "jeunes rencontrés")])
def test_a_dangling_reference_is_refused_naming_the_field(team: Team, field: str,
                                                          label: str) -> None:
    payload = _payload(team)
    session = _records(payload, "field_session")[0]
    session["row"][field] = [str(uuid.uuid4())] if field.endswith("ids") else str(uuid.uuid4())
    message = _refused(team, payload, "pendant.spsb")
    assert f"« {label} »" in message and "ni dans le paquet ni dans cette base" in message
    assert "sps-desk bundle --all" in message


def test_a_reference_to_a_record_of_the_same_bundle_or_of_the_base_is_accepted(
        team: Team) -> None:
    payload = _payload(team)
    session = _records(payload, "field_session")[0]
    session["row"]["sector_id"] = str(team.sector.id)
    plan = merge_bundles(team.chief, [("ok.spsb", _sealed(team, json.dumps(payload).encode()))],
                         dry_run=True)
    assert len(plan.changes) == 2


def test_one_id_under_two_kinds_in_a_bundle_is_refused(team: Team) -> None:
    payload = _payload(team)
    young = _records(payload, "young_person")[0]
    twin = copy.deepcopy(young)
    twin["kind"] = "sector"
    twin["row"] = {**{k: young["row"][k] for k in ("id", "created_at", "updated_at",
                                                     "device_id", "deleted_at")},
                   "commune": "Lens", "neighbourhood": ""}
    payload["records"].append(twin)
    message = _refused(team, payload, "jumeaux.spsb")
    assert "un même identifiant pour deux sortes d'enregistrements" in message


def test_an_id_the_base_holds_under_another_kind_is_refused(team: Team) -> None:
    payload = _payload(team)
    session = _records(payload, "field_session")[0]
    session["row"]["id"] = str(team.partner.id)
    # A clock that knows the partner's: the merge would otherwise ignore it as older.
    session["clock"] = {**session["clock"], **{d: 99 for d in json.loads(
        team.chief.connection.execute("SELECT clock FROM record_clock WHERE id = ?",
                                      (str(team.partner.id),)).fetchone()[0])}}
    message = _refused(team, payload, "usurpe.spsb")
    assert "deux sortes d'enregistrements (partenaire et sortie de terrain)" in message


def test_two_bundles_giving_one_id_two_kinds_are_refused(team: Team) -> None:
    first = _payload(team)
    second = copy.deepcopy(first)
    young = _records(second, "young_person")[0]
    young["kind"] = "sector"
    young["row"] = {**{k: young["row"][k] for k in ("id", "created_at", "updated_at",
                                                     "device_id", "deleted_at")},
                    "commune": "Lens", "neighbourhood": ""}
    second["records"] = [young]
    with pytest.raises(BundleRefused, match=r"b\.spsb refusé : un même identifiant"):
        merge_bundles(team.chief, [("a.spsb", _sealed(team, json.dumps(first).encode())),
                                   ("b.spsb", _sealed(team, json.dumps(second).encode()))])


def test_an_age_bracket_the_service_does_not_have_is_refused(team: Team) -> None:
    payload = _payload(team)
    session = _records(payload, "field_session")[0]
    session["row"]["tallies"] = [{"sex": "F", "age_bracket": "lt5", "count": 2}]
    message = _refused(team, payload, "tranche.spsb")
    assert "la tranche d'âge « lt5 », que ce service n'a pas" in message
    assert "Moins de 11 ans, 11-15 ans, 16-17 ans, 18-21 ans, 22 ans et plus" in message


def test_deep_nesting_is_refused_without_a_recursion_error(team: Team) -> None:
    payload = json.dumps(_payload(team)).encode()
    # 12 levels: found by the walk; 5 000: the JSON parser's own recursion limit (a
    # long text keeps it within the density allowed).
    for depth in (12, 5_000):
        deep = (payload[:-1] + b', "texte": "' + b"a" * 200_000 + b'", "x": '
                + b"[" * depth + b"]" * depth + b"}")
        message = _refused(team, deep, "profond.spsb")
        assert "imbrication de plus de 8 niveaux" in message


def test_packed_empty_containers_are_refused_before_they_are_parsed(team: Team) -> None:
    payload = json.dumps(_payload(team)).encode()
    packed = payload[:-1] + b', "x": [' + b"{}," * 2_000_000 + b"{}]}"
    message = _refused(team, packed, "objets.spsb")
    assert "beaucoup trop d'objets pour sa taille" in message


def test_numbers_a_bundle_cannot_hold_are_refused(team: Team) -> None:
    payload = _payload(team)
    payload["up_to_seq"] = 10**30
    assert "abîmé, tronqué ou a été modifié" in _refused(team, payload, "seq.spsb")
    payload = _payload(team)
    ack = f'"ack_seq": {payload["ack_seq"]}'
    text = json.dumps(payload).replace(ack, '"ack_seq": NaN').encode()
    assert "abîmé" in _refused(team, text, "nan.spsb")
    text = json.dumps(payload).replace(ack, '"ack_seq": ' + "9" * 5000)
    assert "abîmé" in _refused(team, text.encode(), "chiffres.spsb")


def test_a_timestamp_given_as_a_number_is_merged_as_text(team: Team) -> None:
    payload = _payload(team)
    young = _records(payload, "young_person")[0]
    young["row"]["updated_at"] = 1_900_000_000
    bundle = bundle_format.unseal(_sealed(team, json.dumps(payload).encode()), "n",
                                  private_keys(team.chief)[1])
    row = next(i.version.row for i in bundle.items if i.kind == "young_person")
    assert row["updated_at"] == "2030-03-17T17:46:40Z"
    merge_bundles(team.chief, [("n.spsb", _sealed(team, json.dumps(payload).encode()))],
                  dry_run=True)


def test_an_inflation_bomb_is_refused_within_a_few_times_its_limit(team: Team) -> None:
    # 128 KiB of sealed data that would inflate to 128 MiB (the fault suite sends 900 MiB):
    # refused as soon as the stream passes 16 MiB + 32 × its size, without holding more.
    inflater = zlib.compressobj(9)
    chunk = b" " * (16 * 1024 * 1024)
    message = b"".join([inflater.compress(chunk) for _ in range(8)] + [inflater.flush()])
    signing, _box = private_keys(team.laptops[0])
    signed = bytes(signing.verify_key) + signing.sign(message).signature + message
    box_key = bytes(private_keys(team.chief)[1].public_key)
    data = (bundle_format.MAGIC + bytes([1]) + box_key
            + SealedBox(PublicKey(box_key)).encrypt(signed))
    assert len(data) < 256 * 1024
    limit = bundle_format.INFLATION_FLOOR + bundle_format.MAX_INFLATION * len(message)
    tracemalloc.start()
    try:
        with pytest.raises(BundleRefused, match="son contenu décompressé dépasse"):
            merge_bundles(team.chief, [("bombe.spsb", data)])
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert limit < 64 * 1024 * 1024
    assert peak < limit + 16 * 1024 * 1024


def test_the_command_line_refuses_a_device_or_a_folder_as_a_bundle(
        team: Team, tmp_path: Path, monkeypatch, capsys) -> None:
    monkeypatch.setenv("SPS_DESK_PASSPHRASE", PASSPHRASE)
    for path, reason in ((Path("/dev/zero"), "pas un fichier ordinaire"),
                         (tmp_path, "c'est un dossier")):
        assert main(["merge", "--db", str(team.chief.path), str(path)]) == 1
        error = capsys.readouterr().err
        assert error.count("\n") == 1 and reason in error
        assert f"Fichier {path} refusé (paquet de transfert)" in error


def test_a_failed_commit_leaves_no_transaction_open(db: Database) -> None:
    with pytest.raises(Exception, match="FOREIGN KEY"), db.transaction() as connection:
        connection.execute("PRAGMA defer_foreign_keys = ON")
        connection.execute(
            "INSERT INTO identity(id, created_at, updated_at, device_id, young_person_id) "
            "VALUES ('i', 'x', 'x', 'd', 'absent')")
    assert not db.connection.in_transaction
    assert db.connection.execute("SELECT count(*) FROM identity").fetchone()[0] == 0


def test_every_reference_field_of_every_record_kind_is_checked() -> None:
    import typing
    import uuid as uuid_module

    from sps_desk.records import RECORD_KINDS
    from sps_desk.store.sync.validation import REFERENCES

    def holds_uuid(annotation: object) -> bool:
        if annotation is uuid_module.UUID:
            return True
        return any(holds_uuid(arg) for arg in typing.get_args(annotation))

    found = {(model.kind, name) for model in RECORD_KINDS
             for name, info in model.model_fields.items()
             if name not in ("id", "device_id") and holds_uuid(info.annotation)}
    checked = {(kind, name) for kind, fields in REFERENCES.items() for name in fields}
    # time_entry.source_id points to the kind its source_kind names (checked apart).
    assert found - checked == {("time_entry", "source_id")}
    assert checked <= found
