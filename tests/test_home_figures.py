"""The home page's figures (issue 15): this year so far against the same date last year,
per ETP of the educational team, month by month — on a small hand-built base whose
values a chief can check by hand, and against the annual statistics on a demo year."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, time
from pathlib import Path

import pytest

from sps_desk.demo import build_demo_year
from sps_desk.enums import ActivityCategory, ReportColumn, Role, Sex, SupportOrigin
from sps_desk.fte import FtePeriod
from sps_desk.records import (
    FieldSession,
    IndividualSupport,
    StaffMember,
    TallyCell,
    TimeEntry,
    YoungPerson,
)
from sps_desk.reports.home import change, home_figures, same_day_last_year
from sps_desk.reports.statistics import compute_statistics
from sps_desk.store.database import Database
from sps_desk.store.overview import Span, span_figures
from tests.conftest import PASSPHRASE

CUTOFF = date(2025, 3, 31)


def _member(db: Database, name: str, role: Role, *periods: FtePeriod) -> StaffMember:
    return db.repos.staff.save(StaffMember(display_name=name, role=role, fte=1.0,
                                           periods=list(periods)))


@pytest.fixture
def small(db: Database) -> Database:
    """Educational ETP: 2 on 1 January – 31 March 2024 (Zoé, Łucja), 2,5 on the same
    days of 2025 (Zoé, Дмитрий from April 2024, أمينة at 0,5 from 2025); the
    administrative assistant never counts in the ETP of the comparison."""
    repos = db.repos
    zoe = _member(db, "Zoé Ğüzel", Role.HEAD, FtePeriod(fte=1.0))
    lucja = _member(db, "Łucja", Role.SOCIAL_WORKER, FtePeriod(end=date(2024, 12, 31), fte=1.0))
    dmitri = _member(db, "Дмитрий", Role.SOCIAL_WORKER,
                     FtePeriod(start=date(2024, 4, 1), fte=1.0))
    _member(db, "أمينة", Role.SOCIAL_WORKER, FtePeriod(start=date(2025, 1, 1), fte=0.5))
    _member(db, "Ōta", Role.ADMINISTRATIVE, FtePeriod(fte=1.0))
    kemi = repos.young_people.save(YoungPerson(code="J-KEMI22", sex=Sex.FEMALE))
    noor = repos.young_people.save(YoungPerson(code="J-NOOR22", sex=Sex.MALE))
    sami = repos.young_people.save(YoungPerson(code="J-SAMI22", sex=Sex.MALE))

    def outing(day: date, staff: StaffMember, tallied: int, *young: YoungPerson) -> None:
        repos.field_sessions.save(FieldSession(
            date=day, start_time=time(14), end_time=time(16), staff_ids=[staff.id],
            tallies=[TallyCell(sex=Sex.MALE, age_bracket="16-17", count=tallied)],
            young_met_ids=[y.id for y in young]))

    # 2024 up to 31 March: 2 outings, 5 + 1 contacts, Kemi known; then one more after.
    outing(date(2024, 1, 15), lucja, 3, kemi)
    outing(date(2024, 3, 31), zoe, 2)
    outing(date(2024, 4, 1), lucja, 40, noor, sami)
    # 2025 up to 31 March: 3 outings, 9 + 3 contacts, Kemi, Noor and Sami known.
    outing(date(2025, 1, 20), dmitri, 4, kemi, noor)
    outing(date(2025, 2, 3), dmitri, 5)
    outing(date(2025, 3, 31), zoe, 0, sami)
    outing(date(2025, 4, 2), zoe, 30, kemi)
    repos.supports.save(IndividualSupport(young_person_id=noor.id, start_date=date(2024, 3, 1),
                                          origin=SupportOrigin.STREET_WORK))
    for day, hours in ((date(2024, 2, 12), 14.0), (date(2025, 3, 10), 24.0),
                       (date(2025, 3, 11), 16.0), (date(2025, 5, 5), 20.0)):
        repos.time_entries.save(TimeEntry(staff_id=zoe.id, date=day,
                                          category=ActivityCategory.WRITING, hours=hours))
    return db


def test_this_year_so_far_against_the_same_date_last_year(small: Database) -> None:
    home = home_figures(small, CUTOFF)
    now, then = home.current, home.previous
    assert (then.span.first, then.span.last) == (date(2024, 1, 1), date(2024, 3, 31))
    assert (now.figures.outings, then.figures.outings) == (3, 2)
    assert (now.figures.contacts, then.figures.contacts) == (12, 6)
    assert (now.figures.young_known, then.figures.young_known) == (3, 2)  # Noor's support
    assert (now.figures.young_supported, then.figures.young_supported) == (1, 1)
    # Hours: 2 h per outing plus the hours typed, up to the cut-off only.
    assert (now.figures.total_hours, then.figures.total_hours) == (46.0, 18.0)
    assert now.hours_by_column({}) == {ReportColumn.STREET_WORK: 6.0, ReportColumn.WRITING: 40.0}


def test_figures_per_etp_compare_a_team_that_grew_fairly(small: Database) -> None:
    home = home_figures(small, CUTOFF)
    now, then = home.current, home.previous
    assert (now.fte, then.fte) == (2.5, 2.0)
    assert (now.per_fte(now.figures.total_hours), then.per_fte(then.figures.total_hours)) == (
        18.4, 9.0)
    # Outings: +50 % for the service, +20 % per ETP.
    assert change(now.figures.outings, then.figures.outings) == 50.0
    assert change(now.per_fte(3), then.per_fte(2)) == pytest.approx(20.0)
    assert change(5, 0) is None


def test_month_by_month(small: Database) -> None:
    home = home_figures(small, CUTOFF)
    march = home.months[2]
    assert (march.current.outings, march.current.contacts, march.current.hours) == (1, 1, 42.0)
    assert (march.previous.outings, march.previous.contacts) == (1, 2)
    assert march.current_fte == 2.5 and march.previous_fte == 2.0
    april = home.months[3]
    assert april.current is None  # after the cut-off
    assert (april.previous.outings, april.previous.contacts) == (1, 42)
    assert april.previous_fte == 3.0  # Дмитрий arrived on 1 April 2024


def test_the_cut_off_moves_both_years(small: Database) -> None:
    home = home_figures(small, date(2025, 1, 31))
    assert (home.current.figures.outings, home.previous.figures.outings) == (1, 1)
    assert home.previous.span.last == date(2024, 1, 31)


def test_the_same_date_last_year() -> None:
    assert same_day_last_year(date(2025, 3, 31)) == date(2024, 3, 31)
    assert same_day_last_year(date(2024, 2, 29)) == date(2023, 2, 28)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    path: Path = tmp_path_factory.mktemp("demo") / "demo.sps"
    database = Database.create(path, PASSPHRASE, "SPS Ğüzelyurt – Démo")
    build_demo_year(database, 2025, seed=1)
    yield database
    database.close()


def test_a_whole_year_gives_the_annual_report_s_figures(demo: Database) -> None:
    figures = span_figures(demo.connection, Span(date(2025, 1, 1), date(2025, 12, 31)))
    stats = compute_statistics(demo, 2025)
    assert figures.outings == stats.contacts.field_sessions > 0
    assert figures.contacts == stats.contacts.contacts_total > 0
    assert figures.young_known == stats.contacts.young_known.total > 0
    assert figures.young_supported == stats.supported.total > 0
    assert figures.total_hours == stats.hours.total > 0
