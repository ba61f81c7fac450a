"""Laptops you control (issue 14): a new laptop is merged only once its fingerprint is
confirmed (``merge --trust``), ``sps-desk device list|revoke``, and a revoked laptop's
bundles are refused; the revocation reaches the laptops with the chief's bundles."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path

import pytest

from sps_desk.records import ReportSections, YoungPerson
from sps_desk.store.database import Database
from sps_desk.store.sync.devices import DeviceRevoked, devices, find_device, revoke
from sps_desk.store.sync.errors import BundleRefused, UntrustedDevice
from sps_desk.store.sync.identity import join, key_file_text, own_keys
from sps_desk.store.sync.transfer import make_bundle, merge_bundles
from tests.conftest import PASSPHRASE
from tests.sync_support import Team, make_team, transfer
from tests.test_cli import run_cli

ENV = {"SPS_DESK_PASSPHRASE": PASSPHRASE}
INES, THEO = "Inès Moreau-Ñúñez", "Théo Kowalczyk"


def _state(path: Path) -> list[str]:
    return [hashlib.sha256(p.read_bytes()).hexdigest() if p.exists() else "-"
            for p in (path, Path(f"{path}.keys"), Path(f"{path}-wal"))]


@pytest.fixture
def team(tmp_path: Path) -> Iterator[Team]:
    built = make_team(tmp_path)
    yield built
    built.close()


def _forged(team: Team, folder: Path) -> Path:
    """A bundle made by someone holding only the service's public key: a new base joined
    with it, a young person added and the chief's « Faits marquants » replaced."""
    with Database.create(folder / "pirate.sps", PASSPHRASE, "x", chief_name=INES) as forger:
        join(forger, key_file_text(team.chief), "chef.spskey")
        forger.repos.young_people.save(YoungPerson(nickname="Intrus"))
        forger.repos.report_sections.save(ReportSections.for_year(
            2025, highlights="Texte remplacé par un inconnu."))
        path = folder / "nouveau.spsb"
        path.write_bytes(make_bundle(forger).data)
    return path


def test_a_forged_new_laptop_bundle_is_refused_by_the_cli_without_trust(
        team: Team, tmp_path: Path) -> None:
    team.chief.repos.report_sections.save(ReportSections.for_year(
        2025, highlights="Les faits marquants du chef."))
    forged = _forged(team, tmp_path)
    chief = team.chief.path
    team.chief.close()
    before = _state(chief)

    refused = run_cli("merge", "--db", str(chief), str(forged), env=ENV)

    assert refused.returncode == 1
    assert "Paquet nouveau.spsb refusé : il vient d'un ordinateur inconnu" in refused.stderr
    assert "Rien n'a été modifié dans la base." in refused.stderr
    assert _state(chief) == before
    # A wrong fingerprint given to --trust does not let it in either.
    wrong = run_cli("merge", "--db", str(chief), str(forged), "--trust",
                    "0000 0000 0000 0000 0000", env=ENV)
    assert wrong.returncode == 1 and _state(chief) == before
    with Database.open(chief, PASSPHRASE) as reopened:
        assert [y.nickname for y in reopened.repos.young_people.all()] == []
        assert reopened.repos.report_sections.for_year(2025).highlights == \
            "Les faits marquants du chef."


def test_the_store_refuses_a_new_laptop_unless_its_fingerprint_is_confirmed(
        team: Team, tmp_path: Path) -> None:
    with Database.create(tmp_path / "neuf.sps", PASSPHRASE, "x", chief_name="Nouveau") as new:
        join(new, key_file_text(team.chief), "chef.spskey")
        data = make_bundle(new).data
        fingerprint = own_keys(new).fingerprint
    preview = merge_bundles(team.chief, [("n.spsb", data)], dry_run=True)
    assert [d.fingerprint for d in preview.new_devices] == [fingerprint]
    with pytest.raises(UntrustedDevice) as refused:
        merge_bundles(team.chief, [("n.spsb", data)])
    assert fingerprint in str(refused.value)
    assert "Nouveau" not in [d.keys.label for d in devices(team.chief)]
    merge_bundles(team.chief, [("n.spsb", data)], trusted=[fingerprint.lower()])
    assert "Nouveau" in [d.keys.label for d in devices(team.chief)]
    # Known from now on: its next bundles need no confirmation.
    assert merge_bundles(team.chief, [("n.spsb", data)]).new_devices == []


def test_a_revoked_laptop_is_refused_and_the_revocation_reaches_every_laptop(
        team: Team) -> None:
    ines, theo = team.laptops[0], team.laptops[1]
    [known] = [d for d in devices(team.chief) if d.keys.label == INES]
    assert known.state == "actif" and known.last_merged is not None
    revoke(team.chief, find_device(team.chief, "ines moreau-nunez"))
    assert find_device(team.chief, INES).state.startswith("révoqué le ")

    ines.repos.young_people.save(YoungPerson(nickname="Zoé"))
    with pytest.raises(BundleRefused, match="a été révoqué le"):
        transfer(ines, team.chief)
    assert team.chief.repos.young_people.all() == []

    # The chief's bundle for the revoked laptop carries the revocation and no record.
    written = make_bundle(team.chief, device=INES)
    assert written.records == 0
    plan = merge_bundles(ines, [("retour.spsb", written.data)])
    assert plan.revoked_here
    assert any("révoqué cet ordinateur" in line for line in plan.summary())
    with pytest.raises(DeviceRevoked, match="ne peut plus envoyer de paquet"):
        make_bundle(ines)
    # Another laptop learns it with its own bundle, and keeps working.
    transfer(team.chief, theo, device=THEO)
    revoked = theo.connection.execute("SELECT device_id FROM revoked_device").fetchall()
    assert revoked == [(str(ines.device_id),)]
    transfer(theo, team.chief)


def test_device_list_and_revoke_from_the_command_line(team: Team, tmp_path: Path) -> None:
    chief = team.chief.path
    fingerprint = own_keys(team.laptops[1]).fingerprint
    team.chief.close()
    listed = run_cli("device", "list", "--db", str(chief), env=ENV)
    assert listed.returncode == 0, listed.stderr
    line = next(row for row in listed.stdout.splitlines() if row.startswith(THEO))
    assert fingerprint in line and line.endswith("actif")

    before = _state(chief)
    asked = run_cli("device", "revoke", THEO, "--db", str(chief), env=ENV)
    assert asked.returncode == 1 and "--yes" in asked.stderr
    assert f"empreinte {fingerprint}" in asked.stdout
    assert _state(chief) == before

    done = run_cli("device", "revoke", fingerprint, "--db", str(chief), "--yes", env=ENV)
    assert done.returncode == 0, done.stderr
    assert f"Ordinateur « {THEO} » révoqué." in done.stdout
    listed = run_cli("device", "list", "--db", str(chief), env=ENV)
    line = next(row for row in listed.stdout.splitlines() if row.startswith(THEO))
    assert "\trévoqué le " in line
    again = run_cli("device", "revoke", THEO, "--db", str(chief), "--yes", env=ENV)
    assert again.returncode == 1 and "déjà révoqué" in again.stderr
