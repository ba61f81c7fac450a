"""``sps-desk key``, ``init --join``, ``bundle``, ``merge [--dry-run]`` and ``conflicts``
end to end, as subprocesses on real bases (production key costs)."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from sps_desk.enums import Role
from sps_desk.records import StaffMember, YoungPerson
from sps_desk.store.database import Database
from tests.conftest import PASSPHRASE
from tests.test_cli import run_cli

ENV = {"SPS_DESK_PASSPHRASE": PASSPHRASE}
INES = "Inès Moreau-Ñúñez"


def _state(path: Path) -> list[str]:
    return [hashlib.sha256(p.read_bytes()).hexdigest() if p.exists() else "-"
            for p in (path, Path(f"{path}.keys"), Path(f"{path}-wal"))]


def _ok(*args: str) -> str:
    result = run_cli(*args, env=ENV)
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_a_laptop_joins_with_the_qr_code_and_exchanges_bundles(tmp_path: Path) -> None:
    chief, laptop = tmp_path / "chef.sps", tmp_path / "ines.sps"
    _ok("init", "--db", str(chief), "--service-name", "SPS Ğüzelyurt",
        "--recovery-key-out", str(tmp_path / "secours-chef.txt"))
    with Database.open(chief, PASSPHRASE) as database:
        database.repos.staff.save(StaffMember(display_name=INES, role=Role.SOCIAL_WORKER,
                                              fte=0.8))
    printed = _ok("key", "--db", str(chief), "--out", str(tmp_path / "chef.spskey"),
                  "--qr", str(tmp_path / "chef.png"))
    fingerprint = re.search(r"empreinte ([0-9A-F ]{24})", printed).group(1)
    joined = _ok("init", "--db", str(laptop), "--join", str(tmp_path / "chef.png"),
                 "--chief-name", INES, "--recovery-key-out", str(tmp_path / "secours.txt"))
    assert f"Empreinte de la clé du chef : {fingerprint}" in joined
    assert "rattachée au service « SPS Ğüzelyurt »" in joined

    sent = _ok("bundle", "--db", str(laptop), "--out", str(tmp_path / "a.spsb"))
    laptop_print = re.search(r"Empreinte de cet ordinateur : ([0-9A-F ]{24})", sent).group(1)
    before = _state(chief)
    dry = _ok("merge", "--db", str(chief), str(tmp_path / "a.spsb"), "--dry-run")
    assert "Simulation (--dry-run) : rien n'a été modifié." in dry
    assert re.search(f"Nouvel ordinateur « {INES} » \\(identifiant [0-9a-f]{{8}}\\), "
                     f"empreinte {laptop_print}", dry)
    assert _state(chief) == before
    # A new laptop is merged only once the chief confirms its fingerprint.
    refused = run_cli("merge", "--db", str(chief), str(tmp_path / "a.spsb"), env=ENV)
    assert refused.returncode == 1 and "ordinateur inconnu" in refused.stderr
    assert f'--trust "{laptop_print}"' in refused.stderr
    assert _state(chief) == before
    _ok("merge", "--db", str(chief), str(tmp_path / "a.spsb"),
        "--trust", laptop_print.replace(" ", "").lower())

    sent = _ok("bundle", "--db", str(chief), "--for", "ines moreau-nunez",
               "--out", str(tmp_path / "retour.spsb"))
    assert f"chiffré pour « {INES} » seulement" in sent
    _ok("merge", "--db", str(laptop), str(tmp_path / "retour.spsb"))
    with Database.open(laptop, PASSPHRASE) as database:
        assert [s.display_name for s in database.repos.staff.all()] == [INES]
        database.repos.young_people.save(YoungPerson(nickname="Zoé"))

    _ok("bundle", "--db", str(laptop), "--out", str(tmp_path / "b.spsb"))
    data = (tmp_path / "b.spsb").read_bytes()
    (tmp_path / "tronqué.spsb").write_bytes(data[:-100])
    before = _state(chief)
    refused = run_cli("merge", "--db", str(chief), str(tmp_path / "b.spsb"),
                      str(tmp_path / "tronqué.spsb"), env=ENV)
    assert refused.returncode == 1
    assert "Paquet tronqué.spsb refusé" in refused.stderr
    assert "Rien n'a été modifié dans la base." in refused.stderr
    assert _state(chief) == before

    merged = _ok("merge", "--db", str(chief), str(tmp_path / "b.spsb"))
    assert "1 enregistrement(s) ajouté(s)" in merged
    assert "Aucun changement" in _ok("merge", "--db", str(chief), str(tmp_path / "b.spsb"))
    assert _ok("conflicts", "--db", str(chief)).strip() == "Aucun conflit à trancher."
    with Database.open(chief, PASSPHRASE) as database:
        assert [y.nickname for y in database.repos.young_people.all()] == ["Zoé"]


def test_a_bundle_from_an_unjoined_base_asks_to_join(tmp_path: Path) -> None:
    base = tmp_path / "seule.sps"
    _ok("init", "--db", str(base), "--recovery-key-out", str(tmp_path / "s.txt"))
    result = run_cli("bundle", "--db", str(base), "--out", str(tmp_path / "p.spsb"), env=ENV)
    assert result.returncode == 1
    assert "init --join" in result.stderr
    assert not (tmp_path / "p.spsb").exists()
