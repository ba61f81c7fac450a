"""``sps-desk`` end to end, as a chief would run it: demo → report, and its errors."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import PASSPHRASE

ARRAS_HOURS = ["2 150", "4 103", "4 110", "389", "997", "1 219", "12 968"]


def run_cli(*args: str, env: dict[str, str] | None = None,
            cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if k != "SPS_DESK_PASSPHRASE"}
    environment.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "sps_desk", *args],
        capture_output=True, text=True, env=environment, cwd=cwd, stdin=subprocess.DEVNULL,
        timeout=300,
    )


@pytest.fixture(scope="module")
def demo_run(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("cli")
    env = {"SPS_DESK_PASSPHRASE": PASSPHRASE}
    demo = run_cli("demo", "--db", "d.db", "--year", "2025", "--seed", "1", env=env, cwd=folder)
    assert demo.returncode == 0, demo.stderr
    report = run_cli("report", "--db", "d.db", "--year", "2025", "--out", "r", env=env,
                     cwd=folder)
    assert report.returncode == 0, report.stderr
    return folder


def test_demo_then_report_writes_both_files(demo_run: Path) -> None:
    assert (demo_run / "r" / "rapport-activite-2025.pdf").stat().st_size > 10_000
    stats = json.loads((demo_run / "r" / "statistiques-2025.json").read_text(encoding="utf-8"))
    assert stats["year"] == 2025
    assert stats["hours"]["total"] == 12968


def test_the_pdf_hours_table_reads_the_arras_row(demo_run: Path) -> None:
    text = subprocess.run(
        ["pdftotext", "-layout", str(demo_run / "r" / "rapport-activite-2025.pdf"), "-"],
        capture_output=True, text=True, check=True,
    ).stdout
    hours_part = text[text.index("Répartition de l'activité", text.index("Nombre de jeunes")):]
    positions = [hours_part.index(value) for value in ARRAS_HOURS]
    assert positions == sorted(positions)


def test_the_database_is_not_plain_sqlite(demo_run: Path) -> None:
    raw = (demo_run / "d.db").read_bytes()
    assert not raw.startswith(b"SQLite format 3")
    connection = sqlite3.connect(demo_run / "d.db")
    with pytest.raises(sqlite3.DatabaseError):
        connection.execute("SELECT name FROM sqlite_master").fetchall()
    connection.close()


def test_passphrase_file_comes_before_the_environment(demo_run: Path, tmp_path: Path) -> None:
    secret = tmp_path / "phrase.txt"
    secret.write_text(PASSPHRASE + "\n", encoding="utf-8")
    result = run_cli("report", "--db", str(demo_run / "d.db"), "--year", "2024", "--out",
                     str(tmp_path / "out"), "--passphrase-file", str(secret),
                     env={"SPS_DESK_PASSPHRASE": "pas la bonne"})
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "out" / "statistiques-2024.json").exists()


def test_a_wrong_passphrase_is_one_french_line(demo_run: Path, tmp_path: Path) -> None:
    before = (demo_run / "d.db").read_bytes()
    result = run_cli("report", "--db", str(demo_run / "d.db"), "--year", "2025", "--out",
                     str(tmp_path), env={"SPS_DESK_PASSPHRASE": "pas la bonne"})
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1
    assert "Phrase de passe incorrecte" in result.stderr
    assert "Traceback" not in result.stderr
    assert (demo_run / "d.db").read_bytes() == before


def test_no_passphrase_and_no_terminal_is_an_error(tmp_path: Path) -> None:
    result = run_cli("init", "--db", str(tmp_path / "x.sps"))
    assert result.returncode == 1
    assert "SPS_DESK_PASSPHRASE" in result.stderr
    assert not (tmp_path / "x.sps").exists()


def test_usage_errors_exit_2_in_french(tmp_path: Path) -> None:
    result = run_cli("report", "--db", str(tmp_path / "x.sps"), "--year", "vingt", "--out", "o")
    assert result.returncode == 2
    assert "année invalide" in result.stderr
    missing = run_cli("report", "--db", "x")
    assert missing.returncode == 2
    assert "arguments obligatoires : --year, --out" in missing.stderr


def test_init_then_init_again_refuses_and_keeps_the_file(tmp_path: Path) -> None:
    env = {"SPS_DESK_PASSPHRASE": PASSPHRASE}
    first = run_cli("init", "--db", str(tmp_path / "s.sps"), "--service-name", "SPS Øresund",
                    env=env)
    assert first.returncode == 0, first.stderr
    before = (tmp_path / "s.sps").read_bytes()
    again = run_cli("init", "--db", str(tmp_path / "s.sps"), env=env)
    assert again.returncode == 1
    assert "existe déjà" in again.stderr
    assert (tmp_path / "s.sps").read_bytes() == before


def test_a_text_file_is_not_a_database(tmp_path: Path) -> None:
    notes = tmp_path / "notes.sps"
    notes.write_text("Compte rendu de réunion\n" * 40, encoding="utf-8")
    result = run_cli("report", "--db", str(notes), "--year", "2025", "--out", str(tmp_path),
                     env={"SPS_DESK_PASSPHRASE": PASSPHRASE})
    assert result.returncode == 1
    assert "n'est pas une base sps_desk" in result.stderr


def test_a_busy_base_is_explained_in_french(capsys: pytest.CaptureFixture[str]) -> None:
    import sqlcipher3

    from sps_desk.cli import _run

    def busy() -> int:
        error = sqlcipher3.OperationalError("database is locked")
        error.sqlite_errorname = "SQLITE_BUSY"
        raise error

    assert _run(busy) == 1
    assert capsys.readouterr().err == (
        "sps-desk : La base est utilisée par une autre application (écriture en cours) : "
        "réessayez dans un instant. Rien n'a été modifié.\n"
    )


def test_a_passphrase_file_saved_with_a_bom_works(demo_run: Path, tmp_path: Path) -> None:
    secret = tmp_path / "phrase-notepad.txt"
    secret.write_bytes("\ufeff".encode() + PASSPHRASE.encode("utf-8") + b"\r\n")
    result = run_cli("report", "--db", str(demo_run / "d.db"), "--year", "2025", "--out",
                     str(tmp_path / "out"), "--passphrase-file", str(secret))
    assert result.returncode == 0, result.stderr
