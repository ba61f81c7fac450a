"""The demo year: calibrated on SPS Arras 2022, produced like real work, deterministic.

One demo base is built per module (a few seconds); the tests that need another base
build it themselves.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from sps_desk.ages import AgeBrackets
from sps_desk.demo import (
    DEMO_HOURS_TOTAL,
    DemoRefused,
    DemoSummary,
    build_demo_year,
)
from sps_desk.durations import DURATION_BRACKETS, duration_bracket, round_to_quarter
from sps_desk.enums import (
    ActivityCategory,
    CollectiveActionType,
    ConcernAddressee,
    EndReason,
    FieldSessionKind,
    InterventionType,
    PartnerType,
    Problem,
    Role,
    Sex,
    SupportOrigin,
)
from sps_desk.errors import SpsDeskError, ValidationFailed
from sps_desk.records import _CODE_ALPHABET, NOT_RECORDED, YoungPerson
from sps_desk.store.database import Database
from tests.conftest import PASSPHRASE

YEAR = 2022
FIRST, LAST = date(YEAR, 1, 1), date(YEAR, 12, 31)
C = ActivityCategory

ARRAS_2022 = {
    C.STREET_WORK: 2150,
    C.INDIVIDUAL_SUPPORT: 4103,
    C.COLLECTIVE_ACTIONS: 4110,
    C.WRITING: 997,
    C.PARTNERSHIP: 1219,
}
"""The Arras row of the Département's 2022 hours table (training/leave: 389 together)."""

DERIVED = {
    C.STREET_WORK: "field_session",
    C.INDIVIDUAL_SUPPORT: "intervention",
    C.COLLECTIVE_ACTIONS: "collective_action_session",
}


def _new_base(folder: Path, name: str) -> Database:
    return Database.create(folder / name, PASSPHRASE, "SPS Ğüzelyurt – Test")


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Database, DemoSummary]]:
    database = _new_base(tmp_path_factory.mktemp("demo"), "demo.sps")
    try:
        yield database, build_demo_year(database, YEAR, seed=1)
    finally:
        database.close()


@pytest.fixture(scope="module")
def db_demo(demo: tuple[Database, DemoSummary]) -> Database:
    return demo[0]


def _content(database: Database) -> dict[str, list[dict[str, Any]]]:
    """Every record of every repository, tombstones included, sorted by id.

    Write stamps (``updated_at``, ``device_id``) are left out, and so is what the store
    itself generates: the service's id and creation time (from ``Database.create``) and
    the creation time of derived time entries.
    """
    content: dict[str, list[dict[str, Any]]] = {}
    for name, repository in vars(database.repos).items():
        rows = []
        for record in repository.all(include_deleted=True):
            exclude = {"updated_at", "device_id"}
            if name == "service":
                exclude |= {"id", "created_at"}
            if getattr(record, "source_id", None) is not None:
                exclude.add("created_at")
            rows.append(record.model_dump(mode="json", exclude=exclude))
        content[name] = sorted(rows, key=lambda row: str(row.get("id", "")))
    return content


def _row_counts(database: Database) -> dict[str, int]:
    return {
        name: len(repository.all(include_deleted=True))
        for name, repository in vars(database.repos).items()
    }


# ----------------------------------------------------------------------------- hours


def test_hours_by_category_are_exactly_the_arras_row(db_demo: Database) -> None:
    hours: Counter[ActivityCategory] = Counter()
    for entry in db_demo.repos.time_entries.between(FIRST, LAST):
        hours[entry.category] += entry.hours
    for category, expected in ARRAS_2022.items():
        assert hours[category] == expected, category
    assert hours[C.TRAINING] + hours[C.LEAVE] + hours[C.SICK_LEAVE] == 389
    assert all(hours[c] > 0 for c in (C.TRAINING, C.LEAVE, C.SICK_LEAVE))
    assert hours[C.PREPARATION] == 0
    assert sum(hours.values()) == DEMO_HOURS_TOTAL == 12968


def test_no_time_entry_outside_the_year(db_demo: Database) -> None:
    every = db_demo.repos.time_entries.all(include_deleted=True)
    assert every and all(entry.date.year == YEAR and entry.deleted_at is None for entry in every)
    assert len(every) == len(db_demo.repos.time_entries.between(FIRST, LAST))


def test_hours_come_from_their_sources_not_bulk_rows(db_demo: Database) -> None:
    repos = db_demo.repos
    entries = repos.time_entries.between(FIRST, LAST)
    by_category: defaultdict[ActivityCategory, list[Any]] = defaultdict(list)
    for entry in entries:
        by_category[entry.category].append(entry)
        assert 0 < entry.hours <= 24
        if entry.category in DERIVED:
            assert entry.source_kind == DERIVED[entry.category]
        else:
            # Typed by hand: a day's work, never a whole category in one row.
            assert entry.source_id is None and entry.hours <= 8
    assert len(by_category[C.STREET_WORK]) > 100
    for category in (C.INDIVIDUAL_SUPPORT, C.COLLECTIVE_ACTIONS, C.WRITING, C.PARTNERSHIP):
        assert len(by_category[category]) > 100, category
    # The sources add up to the same hours as the entries derived from them.
    sessions = repos.field_sessions.between(FIRST, LAST)
    assert sum(round_to_quarter(s.hours) * len(s.staff_ids) for s in sessions) == 2150
    interventions = repos.interventions.between(FIRST, LAST)
    assert sum(i.duration_hours * len(i.staff_ids) for i in interventions) == 4103
    action_sessions = repos.collective_sessions.between(FIRST, LAST)
    assert sum(s.hours * len(s.staff_ids) for s in action_sessions) == 4110
    sources = {s.id for s in [*sessions, *interventions, *action_sessions]}
    assert {e.source_id for e in entries if e.source_id} == sources


def test_every_working_day_is_humanly_possible(db_demo: Database) -> None:
    staff = {member.id: member for member in db_demo.repos.staff.all()}
    per_day: Counter[tuple[Any, date]] = Counter()
    for entry in db_demo.repos.time_entries.between(FIRST, LAST):
        per_day[(entry.staff_id, entry.date)] += entry.hours
        assert staff[entry.staff_id].role in (Role.HEAD, Role.SOCIAL_WORKER)
    assert max(per_day.values()) <= 12
    sessions = db_demo.repos.field_sessions.all()
    roles = Counter(staff[s].role for session in sessions for s in session.staff_ids)
    assert set(roles) <= {Role.HEAD, Role.SOCIAL_WORKER}
    assert 0 < roles[Role.HEAD] < roles[Role.SOCIAL_WORKER] / 10


# ----------------------------------------------------------------------------- service


def test_service_sectors_and_team_are_those_of_arras(db_demo: Database) -> None:
    service = db_demo.service()
    assert service.name == "SPS Arras – Présence et Action Sociale"
    assert service.managing_body == "Association La Vie Active"
    assert service.linked_mds
    assert service.counted_in == {C.PREPARATION: C.COLLECTIVE_ACTIONS}
    sectors = db_demo.repos.sectors.all()
    assert {s.commune for s in sectors} == {"Arras"}
    assert {s.neighbourhood for s in sectors} == {
        "Blancs Monts", "Baudimont", "Résidence Saint-Paul",
    }
    fte: Counter[Role] = Counter()
    heads: Counter[Role] = Counter()
    for member in db_demo.repos.staff.all():
        fte[member.role] += member.fte
        heads[member.role] += 1
        assert not member.display_name.isascii()
    assert heads[Role.HEAD] == 1 and fte[Role.HEAD] == 1
    assert fte[Role.SOCIAL_WORKER] == pytest.approx(3.83, abs=1e-9)
    assert heads[Role.ADMINISTRATIVE] == 1 and fte[Role.ADMINISTRATIVE] == 0.5


# ----------------------------------------------------------------------------- actions


def test_seven_collective_actions_concerning_345_young(db_demo: Database) -> None:
    repos = db_demo.repos
    actions = repos.collective_actions.all()
    held = {s.action_id for s in repos.collective_sessions.between(FIRST, LAST)}
    assert len(actions) == 7 and {a.id for a in actions} == held
    assert len({a.type for a in actions}) == 7
    assert CollectiveActionType.WORK_PROJECT in {a.type for a in actions}
    assert CollectiveActionType.RESIDENTIAL_TRIP in {a.type for a in actions}
    coded = {young for action in actions for young in action.participant_ids}
    anonymous = sum(action.anonymous_count for action in actions)
    assert len(coded) + anonymous == 345
    assert coded and anonymous
    assert all(action.families == NOT_RECORDED for action in actions)
    keys = set(AgeBrackets().keys())
    for action in actions:
        assert action.participant_ids
        assert all(cell.age_bracket in keys for cell in action.anonymous_participants)


# ----------------------------------------------------------------------------- young


def test_young_people_known_and_supported(db_demo: Database, demo: Any) -> None:
    repos = db_demo.repos
    young = repos.young_people.all()
    assert 80 <= len(young) <= 150
    assert len({y.code for y in young}) == len(young)
    code = re.compile(rf"^J-[{_CODE_ALPHABET}]{{6}}$")
    assert all(code.match(y.code) for y in young)
    # Known: at least one activity in the year; every demo young person is met on the street.
    met = {y for s in repos.field_sessions.between(FIRST, LAST) for y in s.young_met_ids}
    assert met == {y.id for y in young}
    supports = repos.supports.active_between(FIRST, LAST)
    supported = {s.young_person_id for s in supports}
    assert 40 <= len(supported) <= 80
    assert demo[1].young_people == len(young) and demo[1].supports == len(supports)
    # Ages mostly 11–21 at mid-year, some partial or unknown birth dates.
    ages = Counter(
        AgeBrackets().key_for_age(
            None if y.age_birth_date() is None
            else YEAR - y.age_birth_date().year  # type: ignore[union-attr]
        )
        for y in young
    )
    assert ages["11-15"] + ages["16-17"] + ages["18-21"] > 0.75 * len(young)
    assert ages["unknown"] > 0
    assert {y.birth_date_precision for y in young if y.birth_date} >= {"exact", "month", "year"}
    assert any(not y.nickname.isascii() for y in young)
    assert 0 < len(repos.identities.all()) < len(supported)


def test_supports_cover_every_bracket_origin_problem_and_type(db_demo: Database) -> None:
    repos = db_demo.repos
    supports = repos.supports.active_between(FIRST, LAST)
    brackets = Counter(
        duration_bracket(s.start_date, min(s.end_date or LAST, LAST)) for s in supports
    )
    assert set(brackets) == set(DURATION_BRACKETS)
    assert {s.origin for s in supports} == set(SupportOrigin)
    assert {p for s in supports for p in s.problems} == set(Problem)
    assert all(1 <= len(s.problems) <= 3 for s in supports)
    ended = [s for s in supports if s.end_date is not None]
    assert ended and any(s.end_date is None for s in supports)
    assert all(FIRST <= s.end_date <= LAST for s in ended)  # type: ignore[operator]
    assert {s.end_reason for s in ended} == set(EndReason)
    young = {y.id: y for y in repos.young_people.all()}
    for support in ended:
        born = young[support.young_person_id].age_birth_date()
        if support.end_reason is EndReason.AGE_LIMIT and born is not None:
            assert support.end_date.year - born.year >= 18  # type: ignore[union-attr]
    assert any(s.start_date < date(YEAR - 2, 1, 1) for s in supports)
    interventions = repos.interventions.all()
    assert {i.type for i in interventions} == set(InterventionType)
    by_id = {s.id: s for s in supports}
    for item in interventions:
        support = by_id[item.support_id]
        assert support.start_date <= item.date <= (support.end_date or LAST)


def test_referrals_and_concern_reports(db_demo: Database) -> None:
    referrals = db_demo.repos.referrals.between(FIRST, LAST)
    assert len({r.partner_type for r in referrals}) >= 8
    assert PartnerType.MISSION_LOCALE in {p.type for p in db_demo.repos.partners.all()}
    reports = db_demo.repos.concern_reports.all()
    assert 2 <= len(reports) <= 4
    assert all(r.date.year == YEAR for r in reports)
    assert ConcernAddressee.CRIP in {r.addressee for r in reports}


# ----------------------------------------------------------------------------- field


def test_field_sessions_look_like_a_year_on_the_street(db_demo: Database) -> None:
    sessions = db_demo.repos.field_sessions.between(FIRST, LAST)
    assert {s.session_kind for s in sessions} == set(FieldSessionKind)
    assert any(s.end_time <= s.start_time for s in sessions)  # crossed midnight
    assert any(s.start_time.hour >= 18 for s in sessions)  # evenings
    assert {s.date.month for s in sessions} == set(range(1, 13))
    monthly: Counter[int] = Counter()
    by_sex: Counter[Sex] = Counter()
    by_bracket: Counter[str] = Counter()
    keys = set(AgeBrackets().keys())
    for session in sessions:
        monthly[session.date.month] += session.anonymous_contacts
        for cell in session.tallies:
            assert cell.age_bracket in keys
            by_sex[cell.sex] += cell.count
            by_bracket[cell.age_bracket] += cell.count
    assert all(100 <= monthly[m] <= 1000 for m in range(1, 13)), monthly
    assert by_sex[Sex.MALE] > by_sex[Sex.FEMALE] > 0
    assert by_bracket.most_common(1)[0][0] == "11-15"
    assert sum(s.adults_met for s in sessions) > 0 and sum(s.partners_met for s in sessions) > 0
    assert sum(bool(s.observation) for s in sessions) > len(sessions) / 3


def test_free_texts_never_name_anyone(db_demo: Database) -> None:
    repos = db_demo.repos
    names = {
        value.casefold()
        for identity in repos.identities.all()
        for value in (identity.last_name, identity.first_name, identity.address, identity.phone)
        if value
    }
    names |= {y.nickname.casefold() for y in repos.young_people.all() if y.nickname}
    names |= {
        part.casefold() for member in repos.staff.all() for part in member.display_name.split()
    }
    texts = [s.observation for s in repos.field_sessions.all() if s.observation]
    texts += [a.title for a in repos.collective_actions.all()]
    for text in texts:
        words = set(re.findall(r"\w+", text.casefold()))
        assert not any(name in words or (" " in name and name in text.casefold())
                       for name in names), text


# ----------------------------------------------------------------------------- determinism


def test_same_seed_gives_the_same_content(db_demo: Database, tmp_path: Path) -> None:
    with _new_base(tmp_path, "again.sps") as other:
        build_demo_year(other, YEAR, seed=1)
        assert _content(other) == _content(db_demo)


def test_another_seed_gives_another_content(db_demo: Database, tmp_path: Path) -> None:
    with _new_base(tmp_path, "other.sps") as other:
        summary = build_demo_year(other, YEAR, seed=2)
        assert _content(other) != _content(db_demo)
        assert summary.hours == DEMO_HOURS_TOTAL


def test_another_year_is_calibrated_too(tmp_path: Path) -> None:
    """A leap year: every hour still lands in that year, to the hour."""
    with _new_base(tmp_path, "leap.sps") as other:
        build_demo_year(other, 2024, seed=3)
        entries = other.repos.time_entries.all()
        assert all(entry.date.year == 2024 for entry in entries)
        assert sum(entry.hours for entry in entries) == DEMO_HOURS_TOTAL
        assert all(s.date.year == 2024 for s in other.repos.field_sessions.all())


# ----------------------------------------------------------------------------- refusals


def test_second_run_is_refused_and_writes_nothing(db_demo: Database) -> None:
    before = _row_counts(db_demo)
    service = db_demo.service()
    with pytest.raises(DemoRefused, match="contient déjà des données") as refused:
        build_demo_year(db_demo, YEAR, seed=1)
    assert isinstance(refused.value, SpsDeskError)
    assert _row_counts(db_demo) == before
    assert db_demo.service() == service


def test_base_with_real_data_is_refused(db: Database) -> None:
    db.repos.young_people.save(YoungPerson(nickname="Ğazi"))
    with pytest.raises(DemoRefused):
        build_demo_year(db, YEAR)
    assert db.repos.field_sessions.count() == 0
    assert db.service().name == "SPS Ğüzelyurt – Test"


def test_a_failure_midway_leaves_nothing(db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(record: object) -> None:
        raise RuntimeError("disque plein")

    monkeypatch.setattr(db.repos.interventions, "insert_new", broken)
    with pytest.raises(RuntimeError):
        build_demo_year(db, YEAR)
    monkeypatch.undo()
    counts = _row_counts(db)
    assert counts.pop("service") == 1
    assert set(counts.values()) == {0}
    assert db.service().name == "SPS Ğüzelyurt – Test"


def test_year_out_of_range_is_refused(db: Database) -> None:
    with pytest.raises(ValidationFailed, match="entre 2000 et 2100"):
        build_demo_year(db, 1999)


def test_summary_counts_what_was_written(demo: tuple[Database, DemoSummary]) -> None:
    database, summary = demo
    repos = database.repos
    assert summary.year == YEAR
    assert summary.sessions == repos.field_sessions.count()
    assert summary.interventions == repos.interventions.count()
    assert summary.actions == 7 == repos.collective_actions.count()
    assert summary.action_sessions == repos.collective_sessions.count()
    assert summary.time_entries == repos.time_entries.count()
    assert summary.hours == DEMO_HOURS_TOTAL
    assert str(summary).startswith(f"{summary.sessions} sorties, {summary.young_people} jeunes")
    assert "(12 968 heures)" in str(summary)
