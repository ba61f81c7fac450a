"""« À vérifier » (issue 15): each rule with a case that triggers it and one that does
not, with the value a chief would check; marks as checked."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sps_desk.enums import (
    ActivityCategory,
    CheckRule,
    CollectiveActionType,
    EndReason,
    InterventionType,
    PartnerType,
    Role,
    Sex,
    SupportOrigin,
)
from sps_desk.fte import FtePeriod
from sps_desk.records import (
    CollectiveAction,
    CollectiveActionSession,
    FieldSession,
    IndividualSupport,
    Intervention,
    Referral,
    StaffMember,
    TallyCell,
    TimeEntry,
    YoungPerson,
)
from sps_desk.store.checks import CheckLine, find_lines, gaps, set_checked
from sps_desk.store.database import Database
from sps_desk.store.rights import restrict

TODAY = date(2025, 6, 15)


def _staff(db: Database, name: str, *periods: FtePeriod) -> StaffMember:
    return db.repos.staff.save(StaffMember(display_name=name, role=Role.SOCIAL_WORKER,
                                           fte=1.0, periods=list(periods) or [FtePeriod(fte=1.0)]))


def _young(db: Database, code: str, sex: Sex = Sex.FEMALE,
           birth: date | None = date(2010, 5, 1)) -> YoungPerson:
    return db.repos.young_people.save(YoungPerson(code=code, sex=sex, birth_date=birth))


def _outing(db: Database, staff: StaffMember, day: date, *, start: int = 14, end: int = 17,
            young: list[YoungPerson] = (), tallied: int = 0, adults: int = 0) -> FieldSession:
    tallies = [TallyCell(sex=Sex.MALE, age_bracket="11-15", count=tallied)] if tallied else []
    return db.repos.field_sessions.save(FieldSession(
        date=day, start_time=time(start), end_time=time(end), staff_ids=[staff.id],
        tallies=tallies, young_met_ids=[y.id for y in young], adults_met=adults))


def _support(db: Database, young: YoungPerson, start: date, end: date | None = None
             ) -> IndividualSupport:
    return db.repos.supports.save(IndividualSupport(
        young_person_id=young.id, start_date=start, origin=SupportOrigin.STREET_WORK,
        end_date=end, end_reason=EndReason.GOAL_REACHED if end else None))


def _intervention(db: Database, support: IndividualSupport, day: date, staff: StaffMember
                  ) -> None:
    db.repos.interventions.save(Intervention(support_id=support.id, date=day,
                                             type=InterventionType.INTERVIEW,
                                             duration_hours=1, staff_ids=[staff.id]))


def _hours(db: Database, staff: StaffMember, day: date, hours: float,
           category: ActivityCategory = ActivityCategory.WRITING) -> None:
    db.repos.time_entries.save(TimeEntry(staff_id=staff.id, date=day, category=category,
                                         hours=hours))


def _lines(db: Database, rule: CheckRule, year: int = 2025) -> list[CheckLine]:
    return [line for line in find_lines(db, year, TODAY) if line.rule is rule]


def test_a_support_idle_for_three_months_is_to_close(db: Database) -> None:
    zoe = _staff(db, "Zoé Ğüzel")
    idle = _support(db, _young(db, "J-IDLE22"), date(2025, 1, 10))
    _intervention(db, idle, date(2025, 2, 20), zoe)
    busy = _support(db, _young(db, "J-BUSY22"), date(2025, 1, 10))
    _intervention(db, busy, date(2025, 4, 1), zoe)
    referred = _support(db, _young(db, "J-REFR22"), date(2025, 1, 5))
    db.repos.referrals.save(Referral(support_id=referred.id, date=date(2025, 5, 2),
                                     partner_type=PartnerType.MISSION_LOCALE))
    # Three months to the day is not yet idle; a support that never had an event counts
    # from its start; a closed support is not « à clore ».
    _support(db, _young(db, "J-EDGE22"), date(2025, 3, 15))
    never = _support(db, _young(db, "J-NEVR22"), date(2024, 11, 2))
    closed = _support(db, _young(db, "J-CLOS22"), date(2024, 1, 1), end=date(2025, 1, 31))
    _intervention(db, closed, date(2024, 2, 1), zoe)
    lines = _lines(db, CheckRule.IDLE_SUPPORT)
    assert [(line.label, line.day) for line in lines] == [
        ("J-NEVR22", date(2024, 11, 2)), ("J-IDLE22", date(2025, 2, 20))]
    assert (lines[1].kind, lines[1].record_id) == ("individual_support", str(idle.id))
    assert never.id != idle.id


def test_a_restricted_young_person_s_support_is_left_out(db: Database) -> None:
    young = _young(db, "J-RSTR22")
    _support(db, young, date(2024, 1, 10))
    restrict(db, young)
    assert _lines(db, CheckRule.IDLE_SUPPORT) == []


def test_young_people_of_the_year_without_sex_or_birth_date(db: Database) -> None:
    zoe = _staff(db, "Zoé Ğüzel")
    no_sex = _young(db, "J-NOSX22", sex=Sex.NOT_STATED)
    no_birth = _young(db, "J-NOBR22", birth=None)
    neither = _young(db, "J-NONE22", sex=Sex.NOT_STATED, birth=None)
    complete = _young(db, "J-FULL22")
    last_year = _young(db, "J-LAST22", birth=None)
    _outing(db, zoe, date(2025, 3, 3), young=[no_sex, neither, complete])
    _support(db, no_birth, date(2025, 2, 1))
    _outing(db, zoe, date(2024, 3, 4), young=[last_year])
    lines = _lines(db, CheckRule.UNKNOWN_SEX_OR_AGE)
    assert [(line.label, line.missing) for line in lines] == [
        ("J-NOBR22", ("birth",)), ("J-NONE22", ("sex", "birth")), ("J-NOSX22", ("sex",))]
    assert [line.label for line in _lines(db, CheckRule.UNKNOWN_SEX_OR_AGE, 2024)] == [
        "J-LAST22"]


def test_outings_without_tallies_nor_young_met(db: Database) -> None:
    zoe = _staff(db, "Zoé Ğüzel")
    empty = _outing(db, zoe, date(2025, 3, 3), start=18, end=20, adults=2)
    _outing(db, zoe, date(2025, 3, 4), tallied=3)
    _outing(db, zoe, date(2025, 3, 5), young=[_young(db, "J-MET022")])
    lines = _lines(db, CheckRule.EMPTY_OUTING)
    assert [(line.day, line.label, line.record_id) for line in lines] == [
        (date(2025, 3, 3), "18:00–20:00, Zoé Ğüzel", str(empty.id))]


def test_days_over_ten_hours(db: Database) -> None:
    zoe, dmitri = _staff(db, "Zoé Ğüzel"), _staff(db, "Дмитрий")
    _outing(db, zoe, date(2025, 3, 14), start=14, end=19)  # 5 h of street work
    _hours(db, zoe, date(2025, 3, 14), 6)
    _hours(db, dmitri, date(2025, 3, 14), 10)  # exactly 10 h: fine
    lines = _lines(db, CheckRule.LONG_DAY)
    assert [(line.label, line.day, line.hours) for line in lines] == [
        ("Zoé Ğüzel", date(2025, 3, 14), 11.0)]
    assert lines[0].subject == f"{zoe.id}:2025-03-14"


def test_weeks_over_forty_eight_hours(db: Database) -> None:
    zoe, dmitri = _staff(db, "Zoé Ğüzel"), _staff(db, "Дмитрий")
    for offset in range(5):  # Monday 10 to Friday 14 March 2025
        _hours(db, zoe, date(2025, 3, 10 + offset), 10)
        _hours(db, dmitri, date(2025, 3, 10 + offset), 9.5)
    _hours(db, dmitri, date(2025, 3, 16), 0.5)  # Sunday: 48 h exactly
    # A week across New Year counts in both years.
    for day in (date(2024, 12, 30), date(2024, 12, 31), date(2025, 1, 2), date(2025, 1, 3),
                date(2025, 1, 4)):
        _hours(db, dmitri, day, 9.75)
    lines = _lines(db, CheckRule.LONG_WEEK)
    assert [(line.label, line.day, line.hours) for line in lines] == [
        ("Дмитрий", date(2024, 12, 30), 48.75), ("Zoé Ğüzel", date(2025, 3, 10), 50.0)]
    assert [line.day for line in _lines(db, CheckRule.LONG_WEEK, 2024)] == [date(2024, 12, 30)]


def test_hours_outside_a_staff_member_s_periods(db: Database) -> None:
    lucja = _staff(db, "Łucja", FtePeriod(start=date(2024, 9, 1), end=date(2025, 4, 30),
                                          fte=0.8))
    zoe = _staff(db, "Zoé Ğüzel")
    _hours(db, lucja, date(2025, 4, 30), 7)
    _hours(db, lucja, date(2025, 5, 5), 2)
    _outing(db, lucja, date(2025, 5, 6), start=14, end=17)
    _hours(db, zoe, date(2025, 5, 5), 7)
    lines = _lines(db, CheckRule.OUTSIDE_PERIODS)
    assert [(line.label, line.count, line.hours, line.day, line.last) for line in lines] == [
        ("Łucja", 2, 5.0, date(2025, 5, 5), date(2025, 5, 6))]
    assert (lines[0].kind, lines[0].record_id, lines[0].subject) == (
        "staff_member", str(lucja.id), f"{lucja.id}:2025")


def test_collective_actions_without_a_session_in_the_year(db: Database) -> None:
    zoe = _staff(db, "Zoé Ğüzel")

    def action(title: str, created: datetime, *sessions: date) -> CollectiveAction:
        saved = db.repos.collective_actions.save(CollectiveAction(
            title=title, type=CollectiveActionType.SPORT, created_at=created))
        for day in sessions:
            db.repos.collective_sessions.save(CollectiveActionSession(
                action_id=saved.id, date=day, hours=2, staff_ids=[zoe.id]))
        return saved

    never = action("Atelier vélo – Ñandú", datetime(2024, 10, 1, tzinfo=UTC))
    action("Séjour été 2026", datetime(2025, 3, 1, tzinfo=UTC), date(2026, 7, 10))
    action("Foot 2024", datetime(2024, 2, 1, tzinfo=UTC), date(2024, 3, 1))
    action("Chantier peinture", datetime(2025, 1, 5, tzinfo=UTC), date(2025, 2, 1))
    lines = _lines(db, CheckRule.ACTION_WITHOUT_SESSION)
    assert [line.label for line in lines] == ["Atelier vélo – Ñandú", "Séjour été 2026"]
    assert lines[0].record_id == str(never.id)


def test_a_line_marked_checked_stays_checked_until_unmarked(db: Database) -> None:
    zoe = _staff(db, "Zoé Ğüzel")
    empty = _outing(db, zoe, date(2025, 3, 3))
    set_checked(db, CheckRule.EMPTY_OUTING, str(empty.id), True)
    set_checked(db, CheckRule.EMPTY_OUTING, str(empty.id), True)  # twice: one mark
    assert [line.checked for line in _lines(db, CheckRule.EMPTY_OUTING)] == [True]
    assert db.repos.check_marks.count() == 1
    set_checked(db, CheckRule.EMPTY_OUTING, str(empty.id), False)
    assert [line.checked for line in _lines(db, CheckRule.EMPTY_OUTING)] == [False]
    assert db.repos.check_marks.count(include_deleted=True) == 1  # a tombstone
    set_checked(db, CheckRule.EMPTY_OUTING, str(empty.id), True)
    assert [line.checked for line in _lines(db, CheckRule.EMPTY_OUTING)] == [True]


@pytest.mark.parametrize("rule", list(CheckRule))
def test_every_rule_has_a_french_label(rule: CheckRule) -> None:
    assert rule.label and rule.label[0].isupper()


@st.composite
def _periods(draw: st.DrawFn) -> list[FtePeriod]:
    """Sorted periods apart from each other around 2025, open at either end or not."""
    cuts = sorted(draw(st.sets(st.integers(-40, 400), max_size=8)))
    periods, origin = [], date(2025, 1, 1)
    for start, end in zip(cuts[::2], cuts[1::2], strict=False):
        periods.append(FtePeriod(start=origin + timedelta(days=start),
                                 end=origin + timedelta(days=end), fte=0.5))
    if periods and draw(st.booleans()):
        periods[0] = periods[0].model_copy(update={"start": None})
    if periods and draw(st.booleans()):
        periods[-1] = periods[-1].model_copy(update={"end": None})
    return periods


@given(_periods())
def test_the_gaps_are_exactly_the_days_no_period_covers(periods: list[FtePeriod]) -> None:
    first, last = date(2025, 1, 1), date(2025, 12, 31)
    found = gaps(periods, first, last)
    outside = [gap_first + timedelta(days=n) for gap_first, gap_last in found
               for n in range((gap_last - gap_first).days + 1)]
    assert len(outside) == len(set(outside)) and all(first <= day <= last for day in outside)
    every_day = {first + timedelta(days=n) for n in range(365)}
    assert set(outside) == {day for day in every_day if not any(p.covers(day) for p in periods)}
