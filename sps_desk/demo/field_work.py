"""Field sessions of a year (the « Travail de rue » hours) and their anonymous tallies.

Street work in the afternoon, the evening or late at night (crossing midnight), social
presence and school gates in term time, online presence in the evening; every young
person known in the year is met on the street at least once.
"""

from __future__ import annotations

import uuid
from collections import Counter, defaultdict
from datetime import date, time
from functools import lru_cache
from itertools import accumulate

from sps_desk.ages import AgeBrackets
from sps_desk.demo.calibration import Q
from sps_desk.demo.names import OBSERVATIONS
from sps_desk.demo.planner import Candidate, YearPlanner
from sps_desk.durations import elapsed_hours, round_to_quarter
from sps_desk.enums import ActivityCategory, FieldSessionKind, Sex
from sps_desk.records import FieldSession, TallyCell

_K = FieldSessionKind

_PER_AGE = {9: 1, 10: 2, 11: 6, 12: 7, 13: 8, 14: 8, 15: 8, 16: 7, 17: 6, 18: 4,
            19: 3, 20: 2, 21: 2, 22: 1, 23: 1, 24: 0.5}
"""Anonymous contacts by age (weights): more boys, mostly 11–17."""

_CONTACTS = {_K.STREET_WORK: (4, 20), _K.SOCIAL_PRESENCE: (3, 14),
             _K.SCHOOL_GATES: (12, 32), _K.ONLINE: (2, 10)}
"""Anonymous contacts of one session, per kind (uniform range)."""


@lru_cache(maxsize=8)
def _tally_cells(
    brackets: AgeBrackets, school: bool
) -> tuple[list[tuple[Sex, str]], list[float]]:
    """Cells sex × bracket and their cumulative weights (pure: cached per bracket set)."""
    per_age = _PER_AGE
    if school:
        per_age = {age: (w * 4 if 11 <= age <= 15 else w * 0.3) for age, w in per_age.items()}
    keys = brackets.keys()
    weights: dict[str, float] = {}
    for key in keys:
        ages = brackets.ages_of(key)
        weights[key] = (
            sum(per_age.values()) * 0.03 if ages is None
            else sum(w for a, w in per_age.items() if a in ages)
        )
    cells = [(sex, key) for sex in (Sex.MALE, Sex.FEMALE, Sex.NOT_STATED) for key in keys]
    sex_weight = {Sex.MALE: 0.62, Sex.FEMALE: 0.35, Sex.NOT_STATED: 0.03}
    return cells, list(accumulate(sex_weight[sex] * weights[key] for sex, key in cells))


def tallies(planner: YearPlanner, contacts: int, *, school: bool = False) -> list[TallyCell]:
    """``contacts`` anonymous contacts by sex × the service's age brackets (more boys,
    mostly 11–17; at school gates mostly 11–15)."""
    cells, cumulative = _tally_cells(planner.history.brackets, school)
    drawn = Counter(planner.rng.choices(cells, cum_weights=cumulative, k=contacts))
    return [
        TallyCell(sex=sex, age_bracket=key, count=drawn[(sex, key)])
        for sex, key in cells
        if drawn[(sex, key)]
    ]


def plan_field_sessions(planner: YearPlanner) -> None:
    """Street work, social presence, school gates and online presence (2 150 h per
    4.83 FTE), then every young person not yet met joins an outing in their sector."""
    rng, plan, grain = planner.rng, planner.plan, planner.grain
    term_days = [d for d in planner.work_days if d not in planner.school_holidays]
    young_by_sector: defaultdict[uuid.UUID | None, list[uuid.UUID]] = defaultdict(list)
    for young, sector in planner.sector_of.items():
        young_by_sector[sector].append(young)
    everyone = list(planner.sector_of)

    def timing(kind: FieldSessionKind, day: date) -> tuple[int, int]:
        """Start (in quarters after midnight) and length (quarters)."""
        if kind is _K.SCHOOL_GATES:
            return planner.pick({47: 1, 65: 2}), rng.choice((6, 6, 7, 8))
        if kind is _K.ONLINE:
            return rng.randint(72, 84), rng.choice((4, 5, 6, 8))
        if kind is _K.SOCIAL_PRESENCE:
            return rng.randint(56, 66), rng.choice((8, 9, 10, 12))
        summer = 6 <= day.month <= 8
        slot = planner.pick({"afternoon": 3 if summer else 4, "evening": 5 if summer else 4,
                             "night": 3 if summer else 1})
        if slot == "afternoon":
            return rng.randint(56, 60), rng.randint(10, 16)
        if slot == "evening":
            return rng.randint(70, 78), rng.randint(10, 16)
        # Late outings start at 21:00–22:00 and often end after midnight.
        return rng.randint(84, 88), rng.randint(12, 16)

    def propose(forced: int | None) -> Candidate | None:
        if forced is None:
            kind = planner.pick(grain.field_mix)
            in_term = kind in (_K.SCHOOL_GATES, _K.SOCIAL_PRESENCE)
            day = rng.choice(term_days if in_term else planner.field_days)
            start, length = timing(kind, day)
            # Both draws are made whatever the kind (the demo's sequence of draws).
            wanted = {_K.STREET_WORK: planner.pick(grain.street_pairs),
                      _K.SOCIAL_PRESENCE: rng.choice((1, 2)), _K.SCHOOL_GATES: 2,
                      _K.ONLINE: 1}[kind]
        else:
            # Closing pieces: a permanence (or an online hour) held by one educator.
            kind = _K.SOCIAL_PRESENCE if forced >= 6 else _K.ONLINE
            day = rng.choice(term_days)
            start, length, wanted = 60 if kind is _K.SOCIAL_PRESENCE else 76, forced, 1
        start_time = time(start // Q, (start % Q) * 15)
        end = (start + length) % (24 * Q)
        end_time = time(end // Q, (end % Q) * 15)
        sector = None if kind is _K.ONLINE else planner.pick(planner.history.sector_weights)
        # Derived hours are the real elapsed time rounded (daylight-saving nights).
        quarters = round(round_to_quarter(elapsed_hours(day, start_time, end_time)) * Q)
        if forced is not None and quarters != forced:
            return None
        staff = planner.available(planner.team_for_field(), day, quarters, wanted)
        if staff is None:
            return None
        pool = everyone if sector is None else young_by_sector[sector]
        met = rng.sample(pool, min(len(pool), planner.pick(grain.young_met)))
        session = FieldSession(
            id=planner.new_id(), created_at=planner.stamp(day), date=day,
            start_time=start_time, end_time=end_time, staff_ids=staff, session_kind=kind,
            sector_id=sector,
            tallies=tallies(planner, rng.randint(*_CONTACTS[kind]),
                            school=kind is _K.SCHOOL_GATES),
            adults_met=rng.choice((0, 0, 0, 1, 1, 2, 3, 5)),
            partners_met=rng.choice((0, 0, 0, 1, 1, 2)),
            young_met_ids=met,
            observation=rng.choice(OBSERVATIONS) if rng.random() < 0.6 else "",
        )

        def commit() -> None:
            plan.field_sessions.append(session)
            for young in met:
                planner.young_met[young] += 1

        return Candidate(session, day, staff, quarters, commit)

    planner.fill(ActivityCategory.STREET_WORK,
                 planner.targets.hours[ActivityCategory.STREET_WORK], propose, max_piece=12)
    _meet_everyone(planner)
    plan.field_sessions.sort(key=lambda s: (s.date, s.start_time, str(s.id)))


def _meet_everyone(planner: YearPlanner) -> None:
    """Every coded young person known this year is met at least once (« jeunes connus »)."""
    sessions = planner.plan.field_sessions
    in_person = [i for i, s in enumerate(sessions) if s.session_kind is not _K.ONLINE]
    by_sector: defaultdict[uuid.UUID | None, list[int]] = defaultdict(list)
    for i in in_person:
        by_sector[sessions[i].sector_id].append(i)
    for young, times in planner.young_met.items():
        if times:
            continue
        sector = planner.sector_of[young]
        choices = in_person if sector is None else by_sector.get(sector, [])
        index = planner.rng.choice(choices or in_person)
        session = sessions[index]
        sessions[index] = session.model_copy(
            update={"young_met_ids": [*session.young_met_ids, young]}
        )
        planner.young_met[young] = 1
