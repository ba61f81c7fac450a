"""The window's lists asked of the database: order of every sort key, filters, bounds.

Each test writes a few records with the values a user would compare, then checks the
order or the selection the list query returns (the window shows exactly that order).
"""

from __future__ import annotations

from datetime import date, time, timedelta
from typing import Any
from uuid import UUID

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sps_desk.ages import AgeBrackets, age_on
from sps_desk.enums import (
    ActivityCategory,
    BirthDatePrecision,
    CollectiveActionType,
    FieldSessionKind,
    Role,
    Sex,
    SupportOrigin,
)
from sps_desk.records import (
    CollectiveAction,
    CollectiveActionSession,
    FieldSession,
    IndividualSupport,
    Sector,
    StaffMember,
    TallyCell,
    TimeEntry,
    YoungPerson,
)
from sps_desk.store.database import Database
from sps_desk.store.listing import (
    ANY,
    COLLECTIVE_ACTIONS,
    NO_SECTOR,
    Sort,
    YoungFilter,
    action_totals,
    collective_action_ids,
    field_session_ids,
    field_session_years,
    hours_by_category,
    hours_by_day,
    sessions_meeting,
    support_ids,
    time_entry_ids,
    young_labels,
    young_person_ids,
)

YEAR = (date(2025, 1, 1), date(2025, 12, 31))


def _staff(db: Database, name: str = "Zoé Ğ.") -> StaffMember:
    return db.repos.staff.save(StaffMember(display_name=name, role=Role.SOCIAL_WORKER, fte=1))


def _outing(db: Database, staff: StaffMember, day: date, start: time, end: time,
            **fields: object) -> FieldSession:
    return db.repos.field_sessions.save(
        FieldSession(date=day, start_time=start, end_time=end, staff_ids=[staff.id], **fields))


def test_the_outings_of_one_day_come_in_time_order(db: Database):
    staff = _staff(db)
    evening = _outing(db, staff, date(2025, 5, 6), time(20, 0), time(22, 0))
    morning = _outing(db, staff, date(2025, 5, 6), time(9, 30), time(11, 0))
    noon = _outing(db, staff, date(2025, 5, 6), time(12, 0), time(13, 0))
    earlier_day = _outing(db, staff, date(2025, 5, 5), time(18, 0), time(19, 0))
    later_day = _outing(db, staff, date(2025, 5, 7), time(8, 0), time(9, 0))
    newest_first = field_session_ids(db, *YEAR, Sort("date", descending=True))
    assert newest_first == [str(s.id) for s in (later_day, morning, noon, evening, earlier_day)]
    oldest_first = field_session_ids(db, *YEAR, Sort("date"))
    assert oldest_first == [str(s.id) for s in (earlier_day, morning, noon, evening, later_day)]


def test_outings_sort_on_every_column(db: Database):
    staff = _staff(db)
    north = db.repos.sectors.save(Sector(commune="Zénith"))
    east = db.repos.sectors.save(Sector(commune="Écrouves", neighbourhood="Ouest"))
    west = db.repos.sectors.save(Sector(commune="Dax"))
    night = _outing(db, staff, date(2025, 3, 1), time(22, 0), time(1, 0),  # 3 h, next day
                    sector_id=north.id, session_kind=FieldSessionKind.SOCIAL_PRESENCE,
                    tallies=[TallyCell(sex=Sex.FEMALE, age_bracket="11-15", count=7)])
    short = _outing(db, staff, date(2025, 3, 2), time(14, 0), time(14, 30),
                    sector_id=east.id,
                    tallies=[TallyCell(sex=Sex.MALE, age_bracket="16-17", count=2),
                             TallyCell(sex=Sex.FEMALE, age_bracket="16-17", count=1)])
    long = _outing(db, staff, date(2025, 3, 3), time(8, 0), time(12, 0), sector_id=west.id)

    def order(key: str, descending: bool = False) -> list[FieldSession]:
        ids = field_session_ids(db, *YEAR, Sort(key, descending))
        by_id = {str(s.id): s for s in (night, short, long)}
        return [by_id[i] for i in ids]

    assert order("duration") == [short, night, long]  # 0,5 h, 3 h (over midnight), 4 h
    assert order("duration", True) == [long, night, short]
    assert order("times") == [long, short, night]  # 08:00, 14:00, 22:00
    assert order("contacts", True) == [night, short, long]  # 7, 3, 0
    # « Écrouves – Ouest » sorts between « Dax » and « Zénith » (accents folded).
    assert order("sector") == [long, short, night]
    # « Présence sociale » before « Travail de rue », then the newest day first.
    assert order("kind") == [night, long, short]


def test_outings_of_the_year_only_and_the_years_offered(db: Database):
    staff = _staff(db)
    _outing(db, staff, date(2024, 12, 31), time(20, 0), time(21, 0))
    inside = _outing(db, staff, date(2025, 1, 1), time(20, 0), time(21, 0))
    deleted = _outing(db, staff, date(2025, 6, 1), time(20, 0), time(21, 0))
    db.repos.field_sessions.delete(deleted.id)
    assert field_session_ids(db, *YEAR, Sort("date")) == [str(inside.id)]
    assert field_session_years(db) == [2025, 2024]


def _young(db: Database, code: str, **fields: object) -> YoungPerson:
    return db.repos.young_people.save(YoungPerson(code=code, **fields))


def _filter(**fields: object) -> YoungFilter:
    return YoungFilter(today=date(2025, 6, 15), brackets=AgeBrackets(), **fields)


def test_young_people_sort_by_folded_nickname_age_and_sex(db: Database):
    fanny = _young(db, "J-AAAAA1", nickname="Fanny", sex=Sex.FEMALE,
                   birth_date=date(2010, 1, 1))
    elodie = _young(db, "J-AAAAA2", nickname="Élodie", sex=Sex.MALE,
                    birth_date=date(2008, 1, 1), birth_date_precision=BirthDatePrecision.YEAR)
    dylan = _young(db, "J-AAAAA3", nickname="dylan")
    nobody = _young(db, "J-AAAAA4")

    def codes(key: str, descending: bool = False) -> list[str]:
        ids = young_person_ids(db, _filter(), Sort(key, descending))
        return [db.repos.young_people.get(UUID(i)).code for i in ids]  # type: ignore[union-attr]

    assert codes("nickname") == [dylan.code, elodie.code, fanny.code, nobody.code]
    assert codes("nickname", True) == [fanny.code, elodie.code, dylan.code, nobody.code]
    assert codes("age") == [fanny.code, elodie.code, dylan.code, nobody.code]  # youngest
    assert codes("age", True) == [elodie.code, fanny.code, dylan.code, nobody.code]
    # « Féminin », « Masculin », « Non précisé »
    assert codes("sex") == [fanny.code, elodie.code, dylan.code, nobody.code]
    assert codes("code", True) == [nobody.code, dylan.code, elodie.code, fanny.code]


def test_young_people_filters_by_active_support_and_sector(db: Database):
    sector = db.repos.sectors.save(Sector(commune="Liévin"))
    placed = _young(db, "J-SECT01", sector_id=sector.id)
    supported = _young(db, "J-SUPP01")
    closed = _young(db, "J-CLOS01")
    db.repos.supports.save(IndividualSupport(
        young_person_id=supported.id, start_date=date(2025, 6, 1),
        origin=SupportOrigin.STREET_WORK))
    db.repos.supports.save(IndividualSupport(
        young_person_id=closed.id, start_date=date(2025, 1, 1), end_date=date(2025, 3, 1),
        end_reason="goal_reached", origin=SupportOrigin.FAMILY))

    def codes(**fields: object) -> list[str]:
        ids = young_person_ids(db, _filter(**fields), Sort("code"))
        return [db.repos.young_people.get(UUID(i)).code for i in ids]  # type: ignore[union-attr]

    assert codes(active_on=date(2025, 6, 15)) == [supported.code]
    assert codes(active_on=date(2025, 2, 1)) == [closed.code]
    assert codes(sector=sector.id) == [placed.code]
    assert codes(sector=NO_SECTOR) == [closed.code, supported.code]
    assert codes(sector=ANY) == [closed.code, placed.code, supported.code]


BIRTHS = st.tuples(
    st.dates(min_value=date(1990, 1, 1), max_value=date(2026, 12, 31)),
    st.sampled_from(list(BirthDatePrecision)),
)


@settings(max_examples=30, deadline=None)
@given(births=st.lists(BIRTHS, min_size=1, max_size=12),
       today=st.sampled_from([date(2025, 6, 15), date(2024, 2, 29), date(2025, 3, 1),
                              date(2025, 12, 31), date(2025, 1, 1)]))
def test_the_age_bracket_filter_agrees_with_the_age_rule(tmp_path_factory, births, today):
    """The SQL filter keeps exactly the young people whose age today (completed years on
    the effective birth date, ages.py) falls in the bracket; no birth date: « unknown »."""
    folder = tmp_path_factory.mktemp("ages")
    with Database.create(folder / "ages.sps", "phrase de passe ğüş 2025 !", "SPS") as db:
        people = []
        for number, (birth, precision) in enumerate([*births, (None, BirthDatePrecision.EXACT)]):
            people.append(_young(db, f"J-AGE{number:03d}", birth_date=birth,
                                 birth_date_precision=precision))
        brackets = AgeBrackets()
        for bracket in brackets.keys():
            expected = set()
            for person in people:
                birth = person.age_birth_date()
                age = None if birth is None or birth > today else age_on(birth, today)
                if brackets.key_for_age(age) == bracket:
                    expected.add(str(person.id))
            found = young_person_ids(db, YoungFilter(today, brackets, bracket=bracket),
                                     Sort("code"))
            assert set(found) == expected, bracket


def test_young_labels_come_a_slice_at_a_time_without_gap_nor_repeat(db: Database):
    made = [_young(db, f"J-S{number:05d}", nickname=name) for number, name in
            enumerate(["Zoé", "Дмитрий", "أمينة", "", "Łucja"] * 5)]
    deleted = made.pop()
    db.repos.young_people.delete(deleted.id)
    seen, after = [], ""
    while batch := young_labels(db, after=after, limit=7):
        seen += batch
        after = batch[-1].code
    assert [label.id for label in seen] == [str(y.id) for y in made]
    assert young_labels(db, ids=[made[1].id, deleted.id])[0].nickname == "Дмитрий"
    assert len(young_labels(db, ids=[made[1].id, deleted.id])) == 1


def test_supports_ongoing_first_then_the_latest(db: Database):
    young = [_young(db, f"J-SUP{n:03d}") for n in range(3)]
    old_open = db.repos.supports.save(IndividualSupport(
        young_person_id=young[0].id, start_date=date(2024, 1, 1), origin=SupportOrigin.FAMILY))
    new_open = db.repos.supports.save(IndividualSupport(
        young_person_id=young[1].id, start_date=date(2025, 1, 1), origin=SupportOrigin.FAMILY))
    closed = db.repos.supports.save(IndividualSupport(
        young_person_id=young[2].id, start_date=date(2025, 2, 1), end_date=date(2025, 3, 1),
        end_reason="goal_reached", origin=SupportOrigin.FAMILY))
    assert support_ids(db, Sort("status")) == [str(new_open.id), str(old_open.id),
                                               str(closed.id)]
    assert support_ids(db, Sort("status"), ongoing_only=True) == [str(new_open.id),
                                                                   str(old_open.id)]
    assert support_ids(db, Sort("young", True)) == [str(closed.id), str(new_open.id),
                                                    str(old_open.id)]


def test_actions_sort_on_their_sessions_and_hours(db: Database):
    one, two = _staff(db, "Ana"), _staff(db, "Bruno")
    busy = db.repos.collective_actions.save(CollectiveAction(
        title="Atelier « Œuvres »", type=CollectiveActionType.WORK_PROJECT))
    quiet = db.repos.collective_actions.save(CollectiveAction(
        title="Sortie à la mer", type=CollectiveActionType.WORK_PROJECT))
    for day in (date(2025, 4, 1), date(2025, 4, 8)):
        db.repos.collective_sessions.save(CollectiveActionSession(
            action_id=busy.id, date=day, hours=2, staff_ids=[one.id]))
    db.repos.collective_sessions.save(CollectiveActionSession(
        action_id=quiet.id, date=date(2025, 5, 1), hours=3, staff_ids=[one.id, two.id]))
    assert collective_action_ids(db, Sort("sessions", True)) == [str(busy.id), str(quiet.id)]
    assert collective_action_ids(db, Sort("hours", True)) == [str(quiet.id), str(busy.id)]
    totals = action_totals(db, [str(busy.id), str(quiet.id)])
    assert (totals[str(busy.id)].sessions, totals[str(busy.id)].hours) == (2, 4.0)
    assert (totals[str(quiet.id)].sessions, totals[str(quiet.id)].hours) == (1, 6.0)


def test_a_week_of_hours_sorted_and_summed(db: Database):
    zoe, ana = _staff(db, "Zoé"), _staff(db, "Ána")
    monday = date(2025, 3, 3)
    for staff, offset, hours, category in ((zoe, 0, 2.5, ActivityCategory.WRITING),
                                            (ana, 0, 1.0, ActivityCategory.TRAINING),
                                            (zoe, 6, 3.0, ActivityCategory.WRITING),
                                            (ana, 7, 8.0, ActivityCategory.WRITING)):
        db.repos.time_entries.save(TimeEntry(staff_id=staff.id, date=monday + timedelta(offset),
                                             category=category, hours=hours))
    week = (monday, monday + timedelta(days=6))
    ids = time_entry_ids(db, *week, Sort("staff"))
    entries = [db.repos.time_entries.get(UUID(i)) for i in ids]
    # « Ána » before « Zoé »; the Monday after the week is left out.
    assert [(e.staff_id, e.hours) for e in entries] == [  # type: ignore[union-attr]
        (ana.id, 1.0), (zoe.id, 2.5), (zoe.id, 3.0)]
    assert hours_by_category(db, *week) == {ActivityCategory.WRITING: 5.5,
                                            ActivityCategory.TRAINING: 1.0}
    assert hours_by_category(db, *week, staff_id=ana.id) == {ActivityCategory.TRAINING: 1.0}
    assert hours_by_day(db, *week, staff_id=zoe.id) == {
        (monday, ActivityCategory.WRITING): 2.5,
        (monday + timedelta(6), ActivityCategory.WRITING): 3.0}


def test_the_outings_where_one_young_person_was_met(db: Database):
    staff = _staff(db)
    kemi, other = _young(db, "J-KEMI01"), _young(db, "J-OTHR01")
    met = _outing(db, staff, date(2025, 5, 6), time(14, 0), time(15, 0),
                  young_met_ids=[kemi.id, other.id])
    _outing(db, staff, date(2025, 5, 7), time(14, 0), time(15, 0), young_met_ids=[other.id])
    assert sessions_meeting(db, kemi.id) == [str(met.id)]
    assert len(sessions_meeting(db, other.id)) == 2


class _Plans:
    """The base's connection, recording the query plan of each statement run."""

    def __init__(self, connection: Any) -> None:
        self.connection = connection
        self.plans: list[list[str]] = []

    def __getattr__(self, name: str) -> Any:
        return getattr(self.connection, name)

    def execute(self, sql: str, params: Any = ()) -> Any:
        self.plans.append([row[3] for row in self.connection.execute(
            f"EXPLAIN QUERY PLAN {sql}", params)])
        return self.connection.execute(sql, params)


def test_each_list_opens_on_an_index_of_its_live_rows(db: Database, monkeypatch):
    """A page's first visit reads its list's ids from a small index (migration 0012),
    not the whole table with its JSON; « Jeunes » by code needs no sorting at all.
    Deleted rows stay out of every list."""
    young = [_young(db, code) for code in ("J-IDX02", "J-IDX01", "J-IDX03")]
    db.repos.young_people.delete(young[2].id)
    support = db.repos.supports.save(IndividualSupport(
        young_person_id=young[0].id, start_date=date(2025, 1, 1), origin=SupportOrigin.FAMILY))
    action = db.repos.collective_actions.save(CollectiveAction(
        title="Atelier « Œuvres »", type=CollectiveActionType.WORK_PROJECT))
    staff = _staff(db)
    db.repos.collective_sessions.save(CollectiveActionSession(
        action_id=action.id, date=date(2025, 4, 1), hours=2, staff_ids=[staff.id]))
    plans = _Plans(db.connection)
    monkeypatch.setattr(db, "connection", plans)
    assert young_person_ids(db, _filter(), Sort("code")) == [str(young[1].id), str(young[0].id)]
    assert young_person_ids(db, _filter(), Sort("code", True)) == [str(young[0].id),
                                                                  str(young[1].id)]
    assert support_ids(db, Sort("status")) == [str(support.id)]
    assert collective_action_ids(db, Sort("title")) == [str(action.id)]
    assert [label.code for label in young_labels(db, after="J-IDX01", limit=5)] == ["J-IDX02"]
    totals = action_totals(db, [str(action.id)])[str(action.id)]
    assert (totals.sessions, totals.hours) == (1, 2.0)
    young_plans, young_descending, supports, actions, labels, sums = plans.plans
    for plan, index in ((young_plans, "young_person_live_code"),
                        (young_descending, "young_person_live_code"),
                        (labels, "young_person_live_code"),
                        (sums, "collective_action_session_live_totals"),
                        (supports, "individual_support_live_order"),
                        (actions, "collective_action_live_title")):
        assert f"USING COVERING INDEX {index}" in plan[0], plan
    assert not [line for line in young_plans + young_descending + labels
                if "TEMP B-TREE" in line]


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(titles=st.lists(st.sampled_from(
    ["Atelier « Œuvres »", "atelier « oeuvres »", "Été jeunes", "ete jeunes", "Zoé",
     "Дмитрий", "أمينة", "İstanbul", "Straße", "strasse", "A", "a", "Œnone"]),
    min_size=1, max_size=12))
def test_actions_by_title_come_in_the_order_sql_gives(db: Database, titles: list[str]):
    """The title order, folded in Python once per title, is SQL's ``ORDER BY
    sps_fold(title)`` then id, both ways (repeated and equal-folding titles included)."""
    for action in db.repos.collective_actions.all():
        db.repos.collective_actions.delete(action.id)
    for title in titles:
        db.repos.collective_actions.save(
            CollectiveAction(title=title, type=CollectiveActionType.WORK_PROJECT))
    for descending in (False, True):
        sort = Sort("title", descending)
        assert collective_action_ids(db, sort) == COLLECTIVE_ACTIONS.ids(db, sort)
