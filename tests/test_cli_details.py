"""Command-line details a chief meets: a report of a year without data is refused
without ``--force``, ``--out`` naming a file says so, every option's placeholder is
French, and a mistyped command gets a suggestion."""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path

import pytest

from sps_desk import cli
from sps_desk.cli.main import build_parser
from sps_desk.enums import ActivityCategory, EndReason, Role, SupportOrigin
from sps_desk.records import IndividualSupport, StaffMember, TimeEntry, YoungPerson
from sps_desk.store.database import Database
from sps_desk.store.year_activity import has_activity, year_activity
from tests.conftest import PASSPHRASE

ENGLISH_PLACEHOLDERS = {"YEAR", "OUT", "FILE", "FILES", "PATH", "DIR", "DB", "NAME", "KIND",
                        "PAGE_", "ROLE", "ACTION_", "TRUST", "FOLDER", "OUTPUT"}


@pytest.fixture
def base(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A base made by ``sps-desk init``: nothing recorded yet."""
    monkeypatch.setenv("SPS_DESK_PASSPHRASE", PASSPHRASE)
    path = tmp_path / "service.sps"
    assert cli.main(["init", "--db", str(path), "--service-name", "SPS Ğüzel",
                     "--recovery-key-out", str(tmp_path / "secours.txt")]) == 0
    return path


def test_a_report_of_a_year_without_data_is_refused_without_force(
        base: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    out = tmp_path / "rapport"
    assert cli.main(["report", "--db", str(base), "--year", "2031", "--out", str(out)]) == 1
    error = capsys.readouterr().err
    assert "L'année 2031 n'a aucune donnée dans cette base" in error
    assert "le rapport ne contiendrait que des zéros" in error
    assert "relancez avec --force" in error and "Rien n'a été écrit." in error
    assert not out.exists()
    assert cli.main(["export", "--db", str(base), "--year", "2031", "--out",
                     str(tmp_path / "s.json")]) == 1
    assert "le fichier statistique ne contiendrait que des zéros" in capsys.readouterr().err
    assert not (tmp_path / "s.json").exists()


def test_a_year_not_over_is_said_on_the_command_line_too(
        base: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """As the Rapport page does: a report of the year in progress counts only what is
    recorded so far (a new user's report of 2026 warned only of an empty year)."""
    from datetime import date

    capsys.readouterr()
    year = date.today().year
    assert cli.main(["export", "--db", str(base), "--year", str(year), "--out",
                     str(tmp_path / "s.json"), "--force"]) == 0
    error = capsys.readouterr().err
    assert (f"Attention : l'année {year} n'est pas terminée (nous sommes le "
            f"{date.today():%d/%m/%Y}) : le fichier statistique ne compte que l'activité "
            "saisie jusqu'à aujourd'hui.") in error
    assert "hormis les accompagnements restés ouverts depuis une année antérieure" in error
    assert cli.main(["export", "--db", str(base), "--year", str(year - 1), "--out",
                     str(tmp_path / "s2.json"), "--force"]) == 0
    assert "terminée" not in capsys.readouterr().err


def test_force_writes_the_report_with_a_warning(base: Path, tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    out = tmp_path / "rapport"
    assert cli.main(["report", "--db", str(base), "--year", "2031", "--out", str(out),
                     "--force", "--internal"]) == 0
    assert capsys.readouterr().err.startswith("Attention : L'année 2031 n'a aucune donnée")
    assert (out / "rapport-activite-2031-interne.pdf").exists()


def test_a_year_has_data_when_work_is_recorded_in_it(base: Path) -> None:
    with Database.open(base, PASSPHRASE) as database:
        repos = database.repos
        assert year_activity(database, 2025).empty
        staff = repos.staff.save(StaffMember(display_name="Zoé Ğüzel", role=Role.HEAD, fte=1))
        person = repos.young_people.save(YoungPerson(nickname="Дмитрий"))
        repos.supports.save(IndividualSupport(young_person_id=person.id,
                                              start_date=date(2025, 11, 3),
                                              origin=SupportOrigin.OWN_REQUEST))
        # A support left open since 2025 does not make 2027 a year with data…
        assert year_activity(database, 2025).supports == 1
        assert year_activity(database, 2027).empty
        # …hours recorded in 2027 do; deleted ones do not.
        entry = repos.time_entries.save(TimeEntry(staff_id=staff.id, date=date(2027, 1, 4),
                                                  category=ActivityCategory.WRITING, hours=2))
        assert year_activity(database, 2027).time_entries == 1
        repos.time_entries.delete(entry.id)
        assert year_activity(database, 2027).empty


def test_has_activity_answers_as_the_counts_do(base: Path) -> None:
    """The report's and export's check stops at the first record: the same answer as
    the counts, a support by its start or its end, a deleted record not at all."""
    with Database.open(base, PASSPHRASE) as database:
        repos = database.repos

        def agree(year: int) -> bool:
            answer = has_activity(database, year)
            assert answer is not year_activity(database, year).empty
            return answer

        assert not agree(2025)
        staff = repos.staff.save(StaffMember(display_name="Zoé Ğüzel", role=Role.HEAD, fte=1))
        person = repos.young_people.save(YoungPerson(nickname="Дмитрий"))
        support = repos.supports.save(IndividualSupport(
            young_person_id=person.id, start_date=date(2025, 11, 3),
            end_date=date(2028, 2, 1), end_reason=EndReason.OTHER,
            origin=SupportOrigin.OWN_REQUEST))
        assert [agree(year) for year in (2024, 2025, 2026, 2027, 2028)] == [
            False, True, False, False, True]
        repos.supports.delete(support.id)
        entry = repos.time_entries.save(TimeEntry(staff_id=staff.id, date=date(2027, 1, 4),
                                                  category=ActivityCategory.WRITING, hours=2))
        assert [agree(year) for year in (2025, 2027, 2028)] == [False, True, False]
        repos.time_entries.delete(entry.id)
        assert not agree(2027)


@pytest.mark.parametrize("command", [["report", "--year", "2025"],
                                     ["consolidate", "x.json"],
                                     ["rights-export", "--young", "J-1"]])
def test_out_naming_a_file_says_it_is_a_file(command: list[str], tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    taken = tmp_path / "notes.txt"
    taken.write_text("à garder", encoding="utf-8")
    database = ["--db", str(tmp_path / "s.sps")] if command[0] != "consolidate" else []
    for out, said in ((taken, f"{taken} est un fichier, pas un dossier"),
                      (taken / "sous-dossier", f"{taken} est un fichier, pas un dossier : le "
                                               f"dossier {taken / 'sous-dossier'} ne peut pas")):
        with pytest.raises(SystemExit) as exited:
            cli.main([*command, *database, "--out", str(out)])
        assert exited.value.code == 2
        error = capsys.readouterr().err
        assert said in error and "faute de droits" not in error
    assert taken.read_text(encoding="utf-8") == "à garder"


def _commands(parser: argparse.ArgumentParser | None = None, prefix: str = ""
              ) -> dict[str, argparse.ArgumentParser]:
    """Every command and sub-command (``device list``…) by its full name."""
    found: dict[str, argparse.ArgumentParser] = {}
    for action in (parser or build_parser())._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, command in action.choices.items():
                found[prefix + name] = command
                found.update(_commands(command, f"{prefix}{name} "))
    return found


def test_every_option_has_a_french_placeholder_and_a_help() -> None:
    commands = _commands()
    assert {"report", "export", "device list"} <= set(commands)
    for name, command in commands.items():
        for action in command._actions:
            if action.nargs == 0 or isinstance(action, argparse._HelpAction):
                continue
            where = f"{name} {'/'.join(action.option_strings) or action.dest}"
            assert action.metavar, where  # never argparse's English default (YEAR, OUT)
            words = set(str(action.metavar).replace(".", " ").replace('"', " ").split())
            assert not words & ENGLISH_PLACEHOLDERS, where
            if not isinstance(action, argparse._SubParsersAction):  # its commands have help
                assert action.help, where


def test_export_and_report_help_show_the_same_french_placeholders(
        capsys: pytest.CaptureFixture[str]) -> None:
    for command in ("export", "report"):
        with pytest.raises(SystemExit):
            cli.main([command, "--help"])
        usage = capsys.readouterr().out
        assert "--year ANNÉE" in usage, command
        assert "YEAR" not in usage and " OUT" not in usage, command


@pytest.mark.parametrize("typed, meant", [("reprot", "report"), ("rigths-export", "rights-export"),
                                          ("exprot", "export"), ("consolidat", "consolidate")])
def test_a_mistyped_command_gets_a_suggestion(typed: str, meant: str,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        cli.main([typed])
    assert exited.value.code == 2
    assert f"choix invalide « {typed} » : vouliez-vous dire « {meant} » ?" in (
        capsys.readouterr().err)


def test_a_command_far_from_any_lists_the_commands(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        cli.main(["zzz"])
    error = capsys.readouterr().err
    assert "vouliez-vous dire" not in error
    assert "choix invalide « zzz » (choisir parmi init, demo, report" in error


def test_a_mistyped_choice_of_an_option_gets_a_suggestion(
        capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        cli.main(["import", "--db", "x.sps", "--kind", "tmie", "f.csv"])
    assert "vouliez-vous dire « time » ?" in capsys.readouterr().err
