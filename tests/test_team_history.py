"""Team history (issue 15): dated FTE periods, the team of a past year in the report,
the N−1 ETP column, and the definition of the ETP of a year."""

from __future__ import annotations

import subprocess
from datetime import date
from pathlib import Path

import pytest
from pydantic import ValidationError

from sps_desk.enums import ActivityCategory, Role
from sps_desk.fte import FtePeriod, fte_over
from sps_desk.records import StaffMember, TimeEntry, french_errors
from sps_desk.reports.annual import write_annual_report
from sps_desk.reports.statistics import compute_statistics
from sps_desk.store.database import Database


def _member(name: str, role: Role, *periods: tuple[date | None, date | None, float]
            ) -> StaffMember:
    return StaffMember(display_name=name, role=role, fte=periods[-1][2],
                       periods=[FtePeriod(start=s, end=e, fte=f) for s, e, f in periods])


@pytest.fixture
def team_base(db: Database) -> Database:
    """A head of service there throughout; « Łucja » leaves on 30 June 2024; « Дмитрий »
    arrives on 1 July 2024 at 0,8 and goes full time on 1 September 2025; an
    administrative assistant works 2024 only. Hours in both years (so that the 2025
    report has its 2024 column)."""
    repos = db.repos
    head = repos.staff.save(_member("Zoé Ğüzel", Role.HEAD, (None, None, 1.0)))
    repos.staff.save(_member("Łucja", Role.SOCIAL_WORKER, (None, date(2024, 6, 30), 1.0)))
    repos.staff.save(_member("Дмитрий", Role.SOCIAL_WORKER,
                             (date(2024, 7, 1), date(2025, 8, 31), 0.8),
                             (date(2025, 9, 1), None, 1.0)))
    repos.staff.save(_member("أمينة", Role.ADMINISTRATIVE,
                             (date(2024, 1, 1), date(2024, 12, 31), 0.5)))
    for day in (date(2024, 5, 6), date(2025, 5, 5)):
        repos.time_entries.save(TimeEntry(staff_id=head.id, date=day,
                                          category=ActivityCategory.WRITING, hours=3))
    return db


def _team(db: Database, year: int) -> dict[str, tuple[int, float]]:
    stats = compute_statistics(db, year)
    return {line.role: (line.headcount, line.fte) for line in stats.team}


def test_the_team_of_a_past_year_is_that_year_s(team_base: Database) -> None:
    # 2024 (366 days): Łucja 182 days at 1 → 0,497; Дмитрий 184 days at 0,8 → 0,402.
    assert _team(team_base, 2024) == {
        "head": (1, 1.0), "social_worker": (2, 0.9), "administrative": (1, 0.5)}
    assert compute_statistics(team_base, 2024).team_fte_total == 2.4
    # 2025: Дмитрий 243 days at 0,8 then 122 days at 1 → 316,4 / 365 = 0,87.
    assert _team(team_base, 2025) == {"head": (1, 1.0), "social_worker": (1, 0.87)}
    assert compute_statistics(team_base, 2025).team_fte_total == 1.87
    # Before anyone's known start, only the staff of unknown start count.
    assert _team(team_base, 2023) == {"head": (1, 1.0), "social_worker": (1, 1.0)}


def test_the_report_shows_each_year_s_team_and_the_etp_definition(
    team_base: Database, tmp_path: Path
) -> None:
    files = write_annual_report(team_base, 2025, tmp_path, variant="internal")
    text = subprocess.run(["pdftotext", "-layout", str(files.pdf), "-"], check=True,
                          capture_output=True, text=True).stdout
    lines = [" ".join(line.split()) for line in text.splitlines()]
    # Fonction | Effectif | ETP 2025 | ETP 2024: the assistant of 2024 keeps her row.
    assert "Direction / chef de service 1 1 1" in lines
    assert "Travailleur social 1 0,87 0,9" in lines
    assert "Administratif 0 0 0,5" in lines
    assert "Total 2 1,87 2,4" in lines
    flat = " ".join(text.split())
    assert "pondéré par le nombre de jours" in flat
    assert "3,83 ETP de travailleurs sociaux" in flat


def test_periods_never_overlap_and_keep_today_s_fte() -> None:
    member = _member("Zoé", Role.HEAD, (None, date(2024, 8, 31), 1.0),
                     (date(2024, 9, 1), None, 0.5))
    assert (member.fte, member.active) == (0.5, True)
    with pytest.raises(ValidationError) as raised:
        _member("Zoé", Role.HEAD, (None, date(2024, 8, 31), 1.0), (date(2024, 8, 31), None, 0.5))
    assert french_errors(raised.value) == [
        "Deux périodes d'activité se chevauchent : une journée ne compte que dans une période"]
    ended = _member("Zoé", Role.HEAD, (date(2020, 1, 1), date(2024, 8, 31), 1.0))
    assert not ended.active


def test_a_member_written_before_periods_gets_one_of_unknown_start() -> None:
    old = StaffMember.model_validate({"display_name": "Дмитрий", "role": "social_worker",
                                      "fte": 0.8, "active": True})
    assert old.periods == [FtePeriod(start=None, end=None, fte=0.8)]


def test_fte_over_weighs_each_period_by_its_days() -> None:
    # Four full-time posts, one vacant in July and August 2023 (62 days): the « 3,83 »
    # of the 2022 table.
    posts = [[FtePeriod(fte=1.0)]] * 3 + [[
        FtePeriod(end=date(2023, 6, 30), fte=1.0), FtePeriod(start=date(2023, 9, 1), fte=1.0)]]
    total = sum(fte_over(p, date(2023, 1, 1), date(2023, 12, 31)) for p in posts)
    assert round(total, 2) == 3.83
    assert fte_over([FtePeriod(fte=0.5)], date(2025, 1, 1), date(2025, 3, 31)) == 0.5
