"""Statistics files, key files and passphrase files from outside (issue 13, points 4–5):
absurd numbers and negative counts refused by the consolidation, devices and oversized
files refused before they are read, in one French line naming the file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sps_desk.cli import main
from sps_desk.inputs import InputRefused
from sps_desk.reports.consolidation import InvalidStatisticsFile, load_statistics_file
from sps_desk.reports.export import export_year
from sps_desk.reports.plausible import implausible_number
from sps_desk.reports.statistics_file import content_sha256
from sps_desk.store.database import Database
from sps_desk.store.slots import KeyFileCorrupt, header_path, read_header
from tests.conftest import PASSPHRASE
from tests.test_export import YEAR, fill


@pytest.fixture(scope="module")
def statistics_text(tmp_path_factory: pytest.TempPathFactory) -> str:
    folder = tmp_path_factory.mktemp("export")
    with Database.create(folder / "sps.sps", PASSPHRASE, "SPS Ğüzelyurt") as database:
        fill(database)
        return export_year(database, YEAR, folder / "stats.json").json.read_text("utf-8")


def _resealed(data: dict, path: Path) -> Path:
    """``data`` written with a checksum that matches: only the numbers are wrong."""
    data["sha256"] = content_sha256(data)
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


@pytest.mark.parametrize(("change", "reason"), [
    (lambda d: d["contacts"].__setitem__("adults_met", -3),
     "contacts › adults_met : nombre négatif"),
    (lambda d: d["collective_actions"].__setitem__("actions", 10**400),
     "collective_actions › actions : nombre invraisemblable (plus de 1 000 000)"),
    (lambda d: d["hours"]["columns"][0].__setitem__("hours", -0.5),
     "hours › columns[0] › hours : nombre négatif"),
])
def test_negative_and_absurd_counts_are_refused_naming_their_place(
        statistics_text: str, tmp_path: Path, change, reason: str) -> None:
    data = json.loads(statistics_text)
    change(data)
    path = _resealed(data, tmp_path / "service.json")
    with pytest.raises(InvalidStatisticsFile) as refused:
        load_statistics_file(path)
    assert str(refused.value) == (
        f"service.json : {reason} ; chaque nombre d'un fichier statistique est positif ou "
        "nul et d'au plus 1 000 000. Demandez au service de renvoyer le fichier produit par "
        "sps_desk.")


@pytest.mark.parametrize("number", ["1e400", "-1e400", "NaN", "Infinity", "9" * 5000])
def test_numbers_json_cannot_hold_are_an_unreadable_file(statistics_text: str,
                                                         tmp_path: Path, number: str) -> None:
    text = statistics_text.replace('"adults_met": ', f'"adults_met": {number}, "x": ', 1)
    assert text != statistics_text
    path = tmp_path / "service.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InvalidStatisticsFile) as refused:
        load_statistics_file(path)
    message = str(refused.value)
    assert message.startswith("service.json : ") and "\n" not in message
    assert "nombre infini" in message or "pas un fichier JSON lisible" in message


def test_the_exported_file_itself_is_plausible(statistics_text: str, tmp_path: Path) -> None:
    assert implausible_number(json.loads(statistics_text)) is None
    path = tmp_path / "service.json"
    path.write_text(statistics_text, encoding="utf-8")
    assert load_statistics_file(path).year == YEAR


def test_deeply_nested_and_device_statistics_files_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "profond.json"
    path.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    with pytest.raises(InvalidStatisticsFile, match=r"profond\.json : ce n.est pas un fichier"):
        load_statistics_file(path)
    with pytest.raises(InputRefused, match="fichier statistique"):
        load_statistics_file(Path("/dev/zero"))


def test_a_key_file_that_is_a_device_a_folder_or_deeply_nested_is_refused(
        db_path: Path, tmp_path: Path) -> None:
    Database.create(db_path, PASSPHRASE, "SPS").close()
    keys = header_path(db_path)
    keys.unlink()
    keys.symlink_to("/dev/zero")
    with pytest.raises(InputRefused, match=r"\(fichier de clés\) : ce n'est pas un fichier"):
        read_header(db_path)
    keys.unlink()
    keys.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    with pytest.raises(KeyFileCorrupt):
        read_header(db_path)


@pytest.mark.parametrize("command", [["audit"], ["passwd", "--new-passphrase-file", "{file}"]])
def test_passphrase_files_that_are_devices_or_too_long_are_refused(
        db_path: Path, tmp_path: Path, capsys, command: list[str]) -> None:
    Database.create(db_path, PASSPHRASE, "SPS").close()
    good = tmp_path / "phrase.txt"
    good.write_text(PASSPHRASE + "\n", encoding="utf-8")
    long = tmp_path / "longue.txt"
    long.write_text("é" * 1025, encoding="utf-8")
    huge = tmp_path / "enorme.txt"
    huge.write_bytes(b"a" * 100_000)
    before = db_path.read_bytes()
    for wrong, expected in (
            ("/dev/zero", "Fichier /dev/zero refusé (fichier de phrase de passe) : ce n'est "
                          "pas un fichier ordinaire"),
            (str(long), "a 1 025 caractères, au-delà de la limite de 1 024"),
            (str(huge), "il pèse 97,7 Ko, au-delà de la limite de 4 Ko")):
        if command == ["audit"]:
            argv = ["audit", "--db", str(db_path), "--passphrase-file", wrong]
        else:
            argv = ["passwd", "--db", str(db_path), "--passphrase-file", str(good),
                    "--new-passphrase-file", wrong]
        assert main(argv) == 1
        error = capsys.readouterr().err
        assert expected in error and error.count("\n") == 1 and "inattendue" not in error
    assert db_path.read_bytes() == before


def test_a_key_file_to_join_that_is_a_device_is_refused(tmp_path: Path, capsys) -> None:
    assert main(["init", "--db", str(tmp_path / "portable.sps"), "--passphrase-file",
                 "/dev/null", "--join", "/dev/zero"]) == 1
    error = capsys.readouterr().err
    assert error.count("\n") == 1
    assert "Fichier /dev/zero refusé (clé du chef de service) : ce n'est pas un fichier" in error
    assert not (tmp_path / "portable.sps").exists()
