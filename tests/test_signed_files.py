"""Signed statistics files and the Département's register of services (issue 14).

The attacker of the issue: a file with another service's id and its totals × 10, its
checksum recomputed — or re-signed with a key of their own — must never be consolidated.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from nacl.signing import SigningKey

from sps_desk import cli
from sps_desk.reports import register as register_module
from sps_desk.reports.consolidation import (
    InvalidStatisticsFile,
    consolidate_files,
    load_statistics_file,
)
from sps_desk.reports.export import export_year, prepare_export
from sps_desk.reports.register import ServiceRegister, Standing
from sps_desk.reports.signing import CONTEXT, NotTheServiceBase, fingerprint
from sps_desk.reports.statistics_file import canonical_content, content_sha256
from sps_desk.store import audit
from sps_desk.store.database import Database
from sps_desk.store.sync.identity import join, key_file_text, own_keys
from tests.conftest import PASSPHRASE
from tests.test_export import YEAR, fill


@pytest.fixture(scope="module")
def services(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Two services' files, and the first service's keys as ``sps-desk key`` shows them."""
    folder = tmp_path_factory.mktemp("signed")
    files = {}
    for name in ("SPS Ğüzelyurt", "SPS Дмитрий-Nord"):
        with Database.create(folder / f"{name}.sps", PASSPHRASE, name) as database:
            fill(database)
            files[name] = export_year(database, YEAR, folder / f"{name}.json").json
            (folder / f"{name}.fingerprint").write_text(own_keys(database).fingerprint)
    return files


@pytest.fixture
def register(tmp_path: Path) -> ServiceRegister:
    return ServiceRegister.load(tmp_path / "registre.json")


def _data(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def _write(path: Path, data: dict) -> Path:
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    return path


def _times_ten(data: dict) -> dict:
    data = json.loads(json.dumps(data))
    data["supported"]["total"] = (data["supported"]["total"] or 1) * 10
    data["contacts"]["contacts_total"] = (data["contacts"]["contacts_total"] + 1) * 10
    return data


def _resign(data: dict, key: SigningKey) -> dict:
    """What a forger with a key of their own does: checksum and signature recomputed."""
    data = json.loads(json.dumps(data))
    public = bytes(key.verify_key).hex()
    box = data["signature"]["box_key"]
    data["sha256"] = content_sha256(data)
    data["signature"] = {
        "algorithm": "ed25519", "sign_key": public, "box_key": box,
        "fingerprint": fingerprint(public, box),
        "value": key.sign(CONTEXT + canonical_content(data)).signature.hex(),
    }
    return data


def test_an_exported_file_is_signed_with_the_fingerprint_the_chief_sees(
    services: dict[str, Path],
) -> None:
    path = services["SPS Ğüzelyurt"]
    signed = load_statistics_file(path)
    assert signed.signature is not None and signed.audit_head is not None
    printed = (path.parent / "SPS Ğüzelyurt.fingerprint").read_text()
    assert signed.signature.fingerprint == printed
    assert len(signed.audit_head.hash) == 64 and signed.audit_head.seq >= 1


def test_the_file_carries_the_audit_head_of_the_moment(db: Database) -> None:
    statistics_file = prepare_export(db, YEAR)
    assert statistics_file.audit_head is not None
    assert statistics_file.audit_head.hash == audit.head(db)


def test_a_file_with_totals_times_ten_and_its_checksum_recomputed_is_refused(
    services: dict[str, Path], tmp_path: Path,
) -> None:
    forged = _times_ten(_data(services["SPS Ğüzelyurt"]))
    forged["sha256"] = content_sha256(forged)
    path = _write(tmp_path / "fichier-arrange.json", forged)
    with pytest.raises(InvalidStatisticsFile, match=r"fichier-arrange\.json : la signature ne "
                                                    "correspond pas au contenu"):
        load_statistics_file(path)


def test_an_unsigned_file_is_refused(services: dict[str, Path], tmp_path: Path) -> None:
    data = _data(services["SPS Ğüzelyurt"])
    del data["signature"]
    data["sha256"] = content_sha256(data)
    path = _write(tmp_path / "sans-signature.json", data)
    with pytest.raises(InvalidStatisticsFile, match=r"sans-signature\.json : le fichier n'est "
                                                    "pas signé"):
        load_statistics_file(path)


def test_a_registered_service_re_signed_by_another_key_is_refused(
    services: dict[str, Path], register: ServiceRegister, tmp_path: Path,
) -> None:
    genuine = services["SPS Ğüzelyurt"]
    register.trust(load_statistics_file(genuine))
    forged = _resign(_times_ten(_data(genuine)), SigningKey.generate())
    path = _write(tmp_path / "copie.json", forged)
    statistics_file = load_statistics_file(path)  # a valid signature, but not the service's
    assert register.standing(statistics_file) is Standing.OTHER_KEY
    with pytest.raises(InvalidStatisticsFile) as refused:
        consolidate_files([path], tmp_path / "out", register=register)
    assert "copie.json : ce fichier est signé par une autre clé" in str(refused.value)
    assert not (tmp_path / "out").exists()


def test_another_services_id_signed_with_a_registered_key_is_refused(
    services: dict[str, Path], register: ServiceRegister, tmp_path: Path,
) -> None:
    """A registered service passing its own file off as another service's."""
    first, second = services["SPS Ğüzelyurt"], services["SPS Дмитрий-Nord"]
    for path in (first, second):
        register.trust(load_statistics_file(path))
    data = _times_ten(_data(first))
    data["service"] = _data(second)["service"]
    own_key = SigningKey.generate()
    register.trust(load_statistics_file(_write(tmp_path / "mine.json",
                                               _resign(_data(first), own_key))))
    path = _write(tmp_path / "usurpe.json", _resign(data, own_key))
    with pytest.raises(InvalidStatisticsFile, match=r"usurpe\.json : ce fichier se présente "
                                                    "comme venant du service"):
        consolidate_files([path], tmp_path / "out", register=register,
                          trust=[load_statistics_file(path).signature.fingerprint])


def test_a_new_service_needs_its_fingerprint_confirmed(
    services: dict[str, Path], tmp_path: Path, capsys, monkeypatch,
) -> None:
    files = [str(p) for p in services.values()]
    out = tmp_path / "out"
    assert cli.main(["consolidate", *files, "--out", str(out)]) == 1
    error = capsys.readouterr().err
    printed = {name: (p.parent / f"{name}.fingerprint").read_text()
               for name, p in services.items()}
    assert all(f'--trust "{fp}"' in error for fp in printed.values())
    assert "Rien n'a été consolidé" in error and not out.exists()
    # A fingerprint that matches no file is refused too.
    assert cli.main(["consolidate", *files, "--out", str(out), "--trust",
                     "0000 0000 0000 0000 0000"]) == 1
    assert "ne correspond à aucun fichier" in capsys.readouterr().err
    trusted = [a for fp in printed.values() for a in ("--trust", fp.lower().replace(" ", ""))]
    assert cli.main(["consolidate", *files, "--out", str(out), *trusted]) == 0
    assert "ajouté au registre de ce poste" in capsys.readouterr().out
    # The register lives in this computer's data folder, for its owner only...
    stored = register_module.default_path()
    assert stored.is_relative_to(Path(os.environ["XDG_DATA_HOME"]))
    assert stored.stat().st_mode & 0o077 == 0
    # ... and the next consolidation needs no confirmation.
    assert cli.main(["consolidate", *files, "--out", str(out)]) == 0
    stored.unlink()


def test_a_laptop_does_not_sign_for_the_service(db: Database, tmp_path: Path) -> None:
    text = key_file_text(db)
    with Database.create(tmp_path / "portable.sps", PASSPHRASE, "SPS",
                         chief_name="Łucja") as laptop:
        join(laptop, text, "cle.spskey")
        with pytest.raises(NotTheServiceBase, match="base du chef de service"):
            prepare_export(laptop, YEAR)


def test_a_damaged_register_says_so(services: dict[str, Path], tmp_path: Path) -> None:
    damaged = tmp_path / "registre.json"
    damaged.write_text("{pas du json", encoding="utf-8")
    with pytest.raises(register_module.RegisterUnreadable, match=r"registre\.json"):
        consolidate_files(list(services.values()), tmp_path / "out",
                          register=ServiceRegister.load(damaged))


def test_the_department_window_asks_before_registering(qtbot, services: dict[str, Path],
                                                       tmp_path: Path) -> None:
    from sps_desk.ui.pages.consolidation import ConsolidationPage

    page = ConsolidationPage(tmp_path / "out", register_path=tmp_path / "registre.json")
    qtbot.addWidget(page)
    asked: list[str] = []
    page.confirm_service = lambda statistics_file, name, standing, register: (
        asked.append(name) or False)
    page.add_files(list(services.values()))
    assert page.files.count() == 0 and len(asked) == 2
    assert "n'est pas encore dans le registre" in page.errors.lines()[0]
    page.confirm_service = lambda *_args: True
    page.add_files(list(services.values()))
    assert page.files.count() == 2
    assert len(ServiceRegister.load(tmp_path / "registre.json").services) == 2
    page.consolidate()
    assert page.errors.lines() == [] and page.written is not None
