"""Collective actions of a year: their sessions (the « Actions collectives » hours) and
their participants (the young people concerned).

Arras held 7 actions of 7 types concerning 345 young people, families not recorded; a
larger team holds more actions of the same types (one per type and per 4.83 FTE), each
named after the neighbourhood where it takes place. Each year has its own actions.
"""

from __future__ import annotations

import uuid
from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta

from sps_desk.demo.calibration import ACTION_ORDER, Q
from sps_desk.demo.field_work import tallies
from sps_desk.demo.names import ACTION_TITLES
from sps_desk.demo.planner import Candidate, PlanError, YearPlanner
from sps_desk.enums import ActivityCategory, CollectiveActionType, PartnerType
from sps_desk.records import NOT_RECORDED, CollectiveAction, CollectiveActionSession

_T = CollectiveActionType

_SHAPE: dict[CollectiveActionType, tuple[tuple[int, int], tuple[int, ...]]] = {
    _T.WORK_PROJECT: ((24, 30), (2, 3, 3)),
    _T.OUTING: ((20, 36), (2, 2, 3)),
    _T.SPORT: ((10, 14), (2,)),
    _T.CULTURE: ((10, 16), (1, 2)),
    _T.STREET_WORKSHOP: ((12, 18), (2, 2, 3)),
    _T.DIGITAL: ((8, 12), (1, 2)),
}
"""Quarters per staff member of one session, and staff present, per action type."""

_SHARE = {_T.WORK_PROJECT: 0.18, _T.OUTING: 0.28, _T.SPORT: 0.14, _T.CULTURE: 0.1,
          _T.STREET_WORKSHOP: 0.2, _T.DIGITAL: 0.1}
"""Share of the hours left after the trips, per action type."""

_SIZE = {_T.WORK_PROJECT: 2, _T.RESIDENTIAL_TRIP: 1, _T.OUTING: 5, _T.SPORT: 4,
         _T.CULTURE: 2, _T.STREET_WORKSHOP: 5, _T.DIGITAL: 1.5}
"""Relative number of participants per action type."""

_PARTNER_TYPES = {
    _T.WORK_PROJECT: [PartnerType.HOUSING, PartnerType.SOCIAL_CENTRE],
    _T.RESIDENTIAL_TRIP: [PartnerType.MUNICIPALITY],
    _T.OUTING: [PartnerType.SOCIAL_CENTRE, PartnerType.MUNICIPALITY],
    _T.SPORT: [PartnerType.ASSOCIATION, PartnerType.MUNICIPALITY],
    _T.CULTURE: [PartnerType.SOCIAL_CENTRE],
    _T.STREET_WORKSHOP: [PartnerType.SOCIAL_CENTRE, PartnerType.HOUSING],
    _T.DIGITAL: [PartnerType.ASSOCIATION, PartnerType.MISSION_LOCALE],
}

_TRIPS = ((7, 11, 5), (8, 16, 4), (10, 24, 4))
"""Month, day and length in working days of the three trips of a « séjour » action."""


@dataclass(frozen=True)
class _Action:
    id: uuid.UUID
    kind: CollectiveActionType
    rank: int
    """0 for the first action of its type in the year, 1 for the second…"""


def plan_collective_actions(planner: YearPlanner) -> None:
    """The year's actions: trips first, then sessions of the other types until the
    « Actions collectives » hours are reached; then participants."""
    actions = [
        _Action(planner.new_id(), kind, n // len(ACTION_ORDER))
        for n, kind in enumerate(ACTION_ORDER[i % len(ACTION_ORDER)]
                                 for i in range(planner.targets.actions))
    ]
    for action in actions:
        if action.kind is _T.RESIDENTIAL_TRIP:
            _trips(planner, action)
    _sessions(planner, actions)
    _participants(planner, actions)


def _candidate_days(planner: YearPlanner) -> dict[CollectiveActionType, list[date]]:
    field_days, year = planner.field_days, planner.year
    holidays_wd = [d for d in field_days if d in planner.school_holidays
                   and d.weekday() < 5 and d.month != 12 and d.month != 1]
    term = [d for d in field_days if d not in planner.school_holidays]
    summer_start, summer_end = date(year, 6, 15), date(year, 8, 31)
    summer = [d for d in field_days if summer_start <= d <= summer_end]
    return {
        _T.WORK_PROJECT: holidays_wd,
        _T.OUTING: sorted({d for d in field_days if d.weekday() == 5}
                          | set(holidays_wd) | {d for d in field_days if d.weekday() == 2}),
        _T.SPORT: [d for d in field_days if d.weekday() in (1, 4) and d.month != 8],
        _T.CULTURE: [d for d in term if d.weekday() == 2] + [d for d in holidays_wd
                                                             if d.weekday() == 3],
        _T.STREET_WORKSHOP: sorted(set(summer) | {d for d in field_days if d.weekday() == 2
                                                  and 4 <= d.month <= 10}),
        _T.DIGITAL: [d for d in term if d.weekday() in (0, 3)],
    }


def _trips(planner: YearPlanner, action: _Action) -> None:
    """Three trips of consecutive days, 12 h a day for each of up to three staff."""
    for month, day_of_month, length in _TRIPS:
        # A trip moves on by a week when too many of the team are on leave (up to ten
        # weeks: a team of two social workers waits for both); a second « séjour »
        # action of a larger team leaves a week later.
        for shift in range(0, 70, 7):
            begin = date(planner.year, month, day_of_month) + timedelta(
                days=shift + 7 * action.rank)
            days = [begin + timedelta(days=n) for n in range(8)]
            days = [d for d in days if d.weekday() < 5 and d not in planner.holidays][:length]
            crew = [s for s in planner.educators
                    if all(planner.fits(s, d, 12 * Q) for d in days)]
            if len(crew) >= 2:
                break
        else:
            raise PlanError("démo : aucune équipe disponible pour un séjour")
        # Social workers first: a head joins a trip only when short of staff.
        crew = sorted(crew, key=lambda s: s in planner.heads)[:3]
        for day in days:
            session = CollectiveActionSession(
                id=planner.new_id(), created_at=planner.stamp(day), action_id=action.id,
                date=day, hours=12.0, staff_ids=crew,
            )
            planner.plan.action_sessions.append(session)
            planner.accept(ActivityCategory.COLLECTIVE_ACTIONS,
                           Candidate(session, day, crew, 12 * Q))


def _sessions(planner: YearPlanner, actions: list[_Action]) -> None:
    rng, plan = planner.rng, planner.plan
    target = planner.targets.hours[ActivityCategory.COLLECTIVE_ACTIONS]
    rest = target - planner.produced[ActivityCategory.COLLECTIVE_ACTIONS]
    candidates = _candidate_days(planner)
    of_kind = {kind: [a for a in actions if a.kind is kind] for kind in _SHARE}
    free = {a: list(candidates[a.kind]) for kind in _SHARE for a in of_kind[kind]}
    produced: Counter[CollectiveActionType] = Counter()

    def propose(forced: int | None) -> Candidate | None:
        open_kinds = [k for k in _SHARE if any(free[a] for a in of_kind[k])]
        if not open_kinds:
            return None
        # Actions behind their share of the hours are drawn more often.
        lag = [max(_SHARE[k] * rest - produced[k], 0.05 * _SHARE[k] * rest) for k in open_kinds]
        kind = rng.choices(open_kinds, weights=lag)[0]
        action = planner.one_of([a for a in of_kind[kind] if free[a]])
        day = rng.choice(free[action])
        (low, high), counts = _SHAPE[kind]
        quarters = forced if forced is not None else rng.randint(low, high)
        wanted = 1 if forced is not None else rng.choice(counts)
        pool = planner.team_for_field()
        staff = next((found for n in range(wanted, 0, -1)
                      if (found := planner.available(pool, day, quarters, n))), None)
        if staff is None:
            # Nobody has room left that day: the date is spent for this action.
            free[action].remove(day)
            return None
        session = CollectiveActionSession(
            id=planner.new_id(), created_at=planner.stamp(day), action_id=action.id,
            date=day, hours=quarters / Q, staff_ids=staff,
        )

        def commit() -> None:
            free[action].remove(day)
            produced[kind] += quarters * len(staff)
            plan.action_sessions.append(session)

        return Candidate(session, day, staff, quarters, commit)

    planner.fill(ActivityCategory.COLLECTIVE_ACTIONS, target, propose, max_piece=16)
    plan.action_sessions.sort(key=lambda s: (s.date, str(s.id)))


def _participants(planner: YearPlanner, actions: list[_Action]) -> None:
    """Distinct coded young + anonymous people = the young people concerned (345 per
    4.83 FTE); families not recorded, as Arras in 2022."""
    rng, plan = planner.rng, planner.plan
    coded_pool = [y.id for y in planner.known
                  if planner.age_mid[y.id] is None or 11 <= (planner.age_mid[y.id] or 0) <= 21]
    distinct = rng.sample(coded_pool, min(len(coded_pool),
                                          planner.targets.scaled(rng.randint(55, 75))))
    anonymous_total = planner.targets.young_concerned - len(distinct)
    sizes = {a: _SIZE[a.kind] for a in actions}
    participants: dict[_Action, list[uuid.UUID]] = {a: [] for a in actions}
    for index, young in enumerate(distinct):
        # The first ones seed every action with coded participants; then by size.
        chosen = {actions[index % len(actions)]} if index < 3 * len(actions) else set()
        chosen |= set(rng.choices(actions, weights=list(sizes.values()),
                                  k=rng.randint(0, 2)))
        if not chosen:
            chosen = {planner.pick(sizes)}
        for action in chosen:
            participants[action].append(young)
    anonymous = Counter(rng.choices(actions, weights=list(sizes.values()), k=anonymous_total))
    neighbourhoods = planner.history.neighbourhoods
    for action in actions:
        partner_ids = [pid for pt in _PARTNER_TYPES[action.kind]
                       for pid in planner.history.partners_by_type.get(pt, [])]
        title = ACTION_TITLES[action.kind]
        if action.rank:
            title = f"{title} – {neighbourhoods[action.rank % len(neighbourhoods)]}"
        plan.actions.append(CollectiveAction(
            id=action.id, created_at=planner.stamp(planner.first),
            title=title, type=action.kind,
            participant_ids=sorted(participants[action], key=str),
            anonymous_participants=tallies(planner, anonymous[action]),
            families=NOT_RECORDED, partner_ids=partner_ids,
        ))
