"""Statistics of a small hand-built year (2026), every expected number worked out by hand.

The dataset:

- staff A (social worker, 1 FTE), B (social worker, 0.5 FTE), C (head, 1 FTE);
- Y1 « Łuki », M, born 29/02/2004: met on 28/02/2026 and 05/06/2026, supported from
  10/03/2026, in both collective actions. First activity 28/02/2026: 21 years (his
  birthday counts from 1 March in a common year), so 18-21, not 22 and over;
- Y2 « Ğazi », F, born 01/05/2012: supported since 15/11/2024 (continuing), one
  intervention, one concern report. Reference date 01/01/2026: 13 years;
- Y3 « Çelo », M, only the birth year 2010 known (→ 01/07/2010): supported from
  05/01/2026 to 31/12/2026. 15 years on 05/01/2026;
- Y4 « Noé », sex not stated, birth unknown: met once;
- Y5 « Şule », F, born 03/03/2015: in one collective action (first session 01/07/2026),
  11 years;
- Y6 « Anaïs »: supported in 2025 only, met in 2025, in a 2025 action: counted nowhere.
"""

from __future__ import annotations

from datetime import date, time

import pytest

from sps_desk.enums import ActivityCategory
from sps_desk.records import (
    CollectiveAction,
    CollectiveActionSession,
    ConcernReport,
    FieldSession,
    IndividualSupport,
    Intervention,
    Referral,
    Sector,
    StaffMember,
    TallyCell,
    TimeEntry,
    YoungPerson,
)
from sps_desk.reports.model import AnnualStatistics
from sps_desk.reports.statistics import compute_statistics
from sps_desk.store.database import Database

YEAR = 2026


def _tally(sex: str, bracket: str, count: int) -> TallyCell:
    return TallyCell(sex=sex, age_bracket=bracket, count=count)


def build_year(db: Database) -> None:
    r = db.repos
    r.sectors.save(Sector(commune="Arras", neighbourhood="Baudimont"))
    a = r.staff.save(StaffMember(display_name="Agnès Øberg", role="social_worker", fte=1))
    b = r.staff.save(StaffMember(display_name="Bartłomiej", role="social_worker", fte=0.5))
    c = r.staff.save(StaffMember(display_name="Çiğdem", role="head", fte=1))

    y1 = r.young_people.save(YoungPerson(nickname="Łuki", sex="M", birth_date=date(2004, 2, 29)))
    y2 = r.young_people.save(YoungPerson(nickname="Ğazi", sex="F", birth_date=date(2012, 5, 1)))
    y3 = r.young_people.save(YoungPerson(nickname="Çelo", sex="M", birth_date=date(2010, 1, 1),
                                         birth_date_precision="year"))
    y4 = r.young_people.save(YoungPerson(nickname="Noé"))
    y5 = r.young_people.save(YoungPerson(nickname="Şule", sex="F", birth_date=date(2015, 3, 3)))
    y6 = r.young_people.save(YoungPerson(nickname="Anaïs", sex="F", birth_date=date(2008, 8, 8)))

    def session(day: date, start: time, end: time, staff: list, tallies: list, young: list,
                **extra: object) -> FieldSession:
        return r.field_sessions.save(FieldSession(
            date=day, start_time=start, end_time=end, staff_ids=[s.id for s in staff],
            tallies=tallies, young_met_ids=[y.id for y in young], **extra))

    session(date(2026, 2, 28), time(18), time(20), [a, b],
            [_tally("M", "11-15", 3), _tally("F", "16-17", 2)], [y1], adults_met=1)
    session(date(2026, 6, 5), time(21, 30), time(0, 30), [a], [_tally("M", "16-17", 1)], [y1],
            adults_met=2, partners_met=1)
    session(date(2026, 9, 1), time(14), time(15, 30), [b], [_tally("F", "11-15", 4)], [y4],
            session_kind="school_gates")
    deleted = session(date(2026, 10, 1), time(10), time(11), [a], [_tally("M", "11-15", 50)],
                      [y4])
    r.field_sessions.delete(deleted.id)
    session(date(2025, 12, 20), time(14), time(16), [a], [_tally("M", "11-15", 5)], [y6])

    s1 = r.supports.save(IndividualSupport(young_person_id=y1.id, start_date=date(2026, 3, 10),
                                           origin="street_work",
                                           problems=["employment", "housing"]))
    s2 = r.supports.save(IndividualSupport(young_person_id=y2.id, start_date=date(2024, 11, 15),
                                           origin="partner_referral",
                                           problems=["schooling", "family_relations"]))
    r.supports.save(IndividualSupport(young_person_id=y3.id, start_date=date(2026, 1, 5),
                                      origin="own_request", problems=["schooling"],
                                      end_date=date(2026, 12, 31), end_reason="goal_reached"))
    r.supports.save(IndividualSupport(young_person_id=y6.id, start_date=date(2025, 6, 1),
                                      origin="peers", problems=["justice"],
                                      end_date=date(2025, 12, 15), end_reason="moved"))

    r.interventions.save(Intervention(support_id=s2.id, date=date(2026, 4, 2), type="interview",
                                      duration_hours=1.5, staff_ids=[a.id, b.id]))
    r.interventions.save(Intervention(support_id=s1.id, date=date(2026, 3, 15),
                                      type="accompaniment", duration_hours=2, staff_ids=[a.id]))
    r.referrals.save(Referral(support_id=s1.id, date=date(2026, 5, 1),
                              partner_type="mission_locale"))
    r.referrals.save(Referral(support_id=s2.id, date=date(2026, 6, 1), partner_type="cmp"))
    r.concern_reports.save(ConcernReport(young_person_id=y2.id, date=date(2026, 4, 3),
                                         addressee="crip"))

    a1 = r.collective_actions.save(CollectiveAction(
        title="Séjour à Ørsta", type="residential_trip", participant_ids=[y1.id, y5.id],
        anonymous_participants=[_tally("F", "11-15", 3)]))
    a2 = r.collective_actions.save(CollectiveAction(
        title="Chantier peinture", type="work_project", participant_ids=[y1.id],
        anonymous_participants=[_tally("M", "16-17", 2)], families=4))
    a3 = r.collective_actions.save(CollectiveAction(
        title="Sortie de décembre", type="outing", participant_ids=[y6.id], families=10))
    r.collective_sessions.save(CollectiveActionSession(action_id=a1.id, date=date(2026, 7, 1),
                                                       hours=8, staff_ids=[a.id, b.id]))
    for day in (10, 11):
        r.collective_sessions.save(CollectiveActionSession(
            action_id=a2.id, date=date(2026, 8, day), hours=3, staff_ids=[a.id]))
    r.collective_sessions.save(CollectiveActionSession(action_id=a3.id, date=date(2025, 12, 1),
                                                       hours=5, staff_ids=[a.id]))

    for staff, day, category, hours in [
        (a, date(2026, 3, 2), "writing", 2.5),
        (b, date(2026, 4, 6), "training", 7),
        (b, date(2026, 8, 3), "leave", 7),
        (a, date(2026, 11, 9), "sick_leave", 3.5),
        (c, date(2026, 5, 12), "partnership", 2),
        (a, date(2026, 6, 30), "preparation", 1.25),
        (a, date(2025, 12, 30), "writing", 10),
    ]:
        r.time_entries.save(TimeEntry(staff_id=staff.id, date=day, category=category,
                                      hours=hours))


@pytest.fixture(scope="module")
def year_base(tmp_path_factory: pytest.TempPathFactory) -> Database:
    from tests.conftest import PASSPHRASE

    db = Database.create(tmp_path_factory.mktemp("stats") / "year.sps", PASSPHRASE, "SPS Test")
    build_year(db)
    yield db
    db.close()


@pytest.fixture(scope="module")
def stats(year_base: Database) -> AnnualStatistics:
    return compute_statistics(year_base, YEAR)


def _nonzero(table) -> dict[tuple[str, str], int]:
    return {(b, s): n for b, row in table.cells.items() for s, n in row.items() if n}


def test_contacts_are_encounters_and_known_young_are_people(stats: AnnualStatistics) -> None:
    c = stats.contacts
    assert c.field_sessions == 3
    assert c.field_sessions_by_kind == {"street_work": 2, "social_presence": 0,
                                        "school_gates": 1, "online": 0}
    assert c.anonymous_contacts.total == 10
    assert _nonzero(c.anonymous_contacts) == {("11-15", "M"): 3, ("16-17", "F"): 2,
                                              ("16-17", "M"): 1, ("11-15", "F"): 4}
    assert c.coded_contacts == 3
    assert c.contacts_total == 13
    assert (c.adults_met, c.partners_met) == (3, 1)


def test_young_known_counted_once_at_their_first_activity(stats: AnnualStatistics) -> None:
    known = stats.contacts.young_known
    assert known.unit == "people"
    assert known.total == 5
    assert _nonzero(known) == {("18-21", "M"): 1, ("11-15", "F"): 2, ("11-15", "M"): 1,
                               ("unknown", "not_stated"): 1}


def test_young_supported(stats: AnnualStatistics) -> None:
    s = stats.supported
    assert (s.total, s.new, s.continuing, s.supports_active) == (3, 2, 1, 3)
    assert _nonzero(s.by_sex_age) == {("18-21", "M"): 1, ("11-15", "F"): 1, ("11-15", "M"): 1}
    assert _nonzero(s.new_by_sex_age) == {("18-21", "M"): 1, ("11-15", "M"): 1}
    assert (s.priority_11_15, s.priority_11_15_share) == (2, 66.7)
    assert (s.public_16_21, s.public_16_21_share) == (1, 33.3)


def test_problems_count_young_people_and_percent_of_young(stats: AnnualStatistics) -> None:
    lines = {line.key: (line.young, line.percent_of_young) for line in stats.problems.lines}
    assert stats.problems.young_supported == 3
    assert lines["schooling"] == (2, 66.7)
    assert lines["employment"] == (1, 33.3)
    assert lines["housing"] == (1, 33.3)
    assert lines["family_relations"] == (1, 33.3)
    assert lines["justice"] == (0, 0.0)
    assert sum(young for young, _ in lines.values()) == 5  # multi-choice: more than 3 young


def test_durations_at_31_december(stats: AnnualStatistics) -> None:
    assert {line.key: line.supports for line in stats.durations.lines} == {
        "lt3m": 0, "3-6m": 0, "6-12m": 2, "1-2y": 0, "gt2y": 1}


def test_collective_actions(stats: AnnualStatistics) -> None:
    c = stats.collective_actions
    assert (c.actions, c.sessions) == (2, 3)
    assert (c.coded_young, c.anonymous_young, c.young) == (2, 5, 7)
    assert c.families == 4  # the séjour's families were not recorded: left out, not 0
    assert c.actions_families_not_recorded == 1
    assert c.hours == 22.0
    assert [(t.key, t.actions, t.young, t.hours) for t in c.by_type] == [
        ("work_project", 1, 3, 6.0), ("residential_trip", 1, 5, 16.0)]


def test_hours_by_column(stats: AnnualStatistics) -> None:
    assert {col.key: col.hours for col in stats.hours.columns} == {
        "street_work": 8.5, "individual_support": 5.0, "collective_actions": 22.0,
        "training_leave": 17.5, "writing": 2.5, "partnership": 2.0, "preparation": 1.25}
    assert stats.hours.total == 58.75


def test_a_category_counted_in_another(year_base: Database) -> None:
    service = year_base.service()
    year_base.repos.service.save(service.model_copy(
        update={"counted_in": {ActivityCategory.WRITING: ActivityCategory.INDIVIDUAL_SUPPORT}}))
    try:
        hours = compute_statistics(year_base, YEAR).hours
    finally:
        year_base.repos.service.save(service)
    columns = {col.key: (col.hours, col.counted_in) for col in hours.columns}
    assert columns["writing"] == (None, "individual_support")
    assert columns["individual_support"] == (7.5, None)
    assert hours.total == 58.75


def test_team_referrals_concern_reports(stats: AnnualStatistics) -> None:
    assert [(t.role, t.headcount, t.fte) for t in stats.team] == [
        ("head", 1, 1.0), ("social_worker", 2, 1.5)]
    assert stats.team_fte_total == 2.5
    assert {r.key: r.count for r in stats.referrals} == {"mission_locale": 1, "cmp": 1}
    assert stats.referrals_total == 2
    assert stats.concern_reports_total == 1
    assert [s.commune for s in stats.sectors] == ["Arras"]


def test_the_file_holds_no_code_nickname_or_uuid(year_base: Database,
                                                 stats: AnnualStatistics) -> None:
    text = stats.model_dump_json()
    for person in year_base.repos.young_people.all():
        assert person.code not in text
        assert person.nickname not in text
        assert str(person.id) not in text
    for staff in year_base.repos.staff.all():
        assert staff.display_name not in text


def test_same_base_same_statistics(year_base: Database, stats: AnnualStatistics) -> None:
    assert compute_statistics(year_base, YEAR) == stats
