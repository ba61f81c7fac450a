"""Opening bases written by earlier versions (STYLE.md §3): each committed file is
copied, opened, migrated, and read back."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from sps_desk.fte import FtePeriod
from sps_desk.store.database import Database
from sps_desk.store.schema import latest_minor
from tests.conftest import PASSPHRASE

FIXTURES = Path(__file__).parent / "fixtures" / "schema"


def _copy(name: str, folder: Path) -> Path:
    target = folder / name
    shutil.copyfile(FIXTURES / name, target)
    shutil.copyfile(FIXTURES / f"{name}.keys", folder / f"{name}.keys")
    return target


@pytest.fixture
def old_base(tmp_path: Path) -> Database:
    database = Database.open(_copy("1.10.sps", tmp_path), PASSPHRASE)
    yield database
    database.close()


def test_a_1_10_base_is_migrated_and_whole(old_base: Database) -> None:
    connection = old_base.connection
    assert connection.execute("PRAGMA user_version").fetchone()[0] == latest_minor()
    assert connection.execute("PRAGMA quick_check").fetchone()[0] == "ok"
    assert old_base.service().name == "SPS Ğüzelyurt – ancien schéma"
    assert old_base.repos.young_people.by_code("J-ANC2EN") is not None
    assert len(old_base.repos.field_sessions.all()) == 1
    assert old_base.repos.check_marks.all() == []


def test_today_s_staff_become_open_ended_periods(old_base: Database) -> None:
    staff = {m.display_name: m for m in old_base.repos.staff.all()}
    assert staff["Zoé Ğüzel"].periods == [FtePeriod(start=None, end=None, fte=1.0)]
    assert staff["Дмитрий"].periods == [FtePeriod(start=None, end=None, fte=0.8)]
    assert staff["Дмитрий"].active and staff["Дмитрий"].fte == 0.8
    # No longer active: their period ends on the last day they have hours.
    assert staff["أمينة"].periods == [FtePeriod(start=None, end=date(2024, 6, 28), fte=0.5)]
    assert not staff["أمينة"].active


def test_the_migrated_team_counts_in_the_years_it_worked(old_base: Database) -> None:
    amina = next(m for m in old_base.repos.staff.all() if m.display_name == "أمينة")
    # 1 January to 28 June 2024: 180 of 366 days at 0,5.
    assert amina.fte_over(date(2024, 1, 1), date(2024, 12, 31)) == pytest.approx(0.5 * 180 / 366)
    assert amina.fte_over(date(2025, 1, 1), date(2025, 12, 31)) == 0
