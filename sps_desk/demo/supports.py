"""Individual supports, their interventions (the « Accompagnements individuels » hours),
referrals and concern reports.

The first year has supports of every origin, problem, end reason and duration bracket,
some started years before. Each later year starts new ones; a support lasts from a few
weeks to more than two years, so many run over several years, with interventions in each.
A young person has one support at a time.
"""

from __future__ import annotations

import uuid
from datetime import date, timedelta
from itertools import accumulate

from sps_desk.demo.calibration import Q
from sps_desk.demo.planner import ActiveSupport, Candidate, PlanError, YearPlanner
from sps_desk.durations import DURATION_BRACKETS, duration_bracket
from sps_desk.enums import (
    ActivityCategory,
    ConcernAddressee,
    EndReason,
    InterventionType,
    PartnerType,
    Problem,
    SupportOrigin,
)
from sps_desk.records import (
    ConcernReport,
    IndividualSupport,
    Intervention,
    Referral,
    YoungPerson,
)

_DURATION_MIX = {"lt3m": 15, "3-6m": 20, "6-12m": 30, "1-2y": 20, "gt2y": 15}
_SPANS = {"lt3m": (12, 85), "3-6m": (95, 175), "6-12m": (190, 355),
          "1-2y": (370, 720), "gt2y": (740, 1400)}
"""Length in days of a support, per duration bracket."""

_ORIGIN_MIX = {SupportOrigin.STREET_WORK: 35, SupportOrigin.PARTNER_REFERRAL: 20,
               SupportOrigin.OWN_REQUEST: 12, SupportOrigin.FAMILY: 8,
               SupportOrigin.PEERS: 12, SupportOrigin.COLLECTIVE_ACTION: 10,
               SupportOrigin.OTHER: 3}
_PROBLEM_MIX = {
    Problem.SCHOOLING: 14, Problem.EMPLOYMENT: 12, Problem.HOUSING: 6,
    Problem.FAMILY_RELATIONS: 12, Problem.MENTAL_HEALTH: 7, Problem.PHYSICAL_HEALTH: 3,
    Problem.ADDICTION: 5, Problem.JUSTICE: 6, Problem.RIGHTS_ACCESS: 9,
    Problem.RESOURCES: 5, Problem.MOBILITY: 4, Problem.RISK_BEHAVIOUR: 6,
    Problem.VIOLENCE: 3, Problem.ISOLATION: 4, Problem.DIGITAL: 3, Problem.OTHER: 1,
}
_PROBLEMS = list(Problem)
_PROBLEM_WEIGHTS = [_PROBLEM_MIX[p] for p in _PROBLEMS]

_IT = InterventionType
_INTERVENTION_MIX = {_IT.INTERVIEW: 34, _IT.ACCOMPANIMENT: 24, _IT.FAMILY_MEETING: 8,
                     _IT.HOME_VISIT: 8, _IT.PARTNER_CONTACT: 14, _IT.ADMIN_STEP: 12}
_LENGTHS = {_IT.INTERVIEW: (3, 8), _IT.ACCOMPANIMENT: (6, 16), _IT.FAMILY_MEETING: (4, 8),
            _IT.HOME_VISIT: (4, 8), _IT.PARTNER_CONTACT: (2, 6), _IT.ADMIN_STEP: (3, 8)}
"""Quarters of one intervention, per type (uniform range)."""
_PAIR = {_IT.INTERVIEW: 0.1, _IT.ACCOMPANIMENT: 0.2, _IT.FAMILY_MEETING: 0.5,
         _IT.HOME_VISIT: 0.6, _IT.PARTNER_CONTACT: 0.05, _IT.ADMIN_STEP: 0.1}
"""Chance that a second social worker takes part, per type."""
_QUICK_MIX = {_IT.INTERVIEW: 45, _IT.PARTNER_CONTACT: 30, _IT.ADMIN_STEP: 25}
"""Short interventions (a call, a message, a form) of the finer grain."""


def _end_reason(planner: YearPlanner, age: int) -> EndReason:
    # « Limite d'âge » only for young adults.
    return planner.pick({
        EndReason.MAINSTREAM_HANDOVER: 30, EndReason.GOAL_REACHED: 25,
        EndReason.LOST_CONTACT: 15, EndReason.MOVED: 10, EndReason.REFUSED: 5,
        EndReason.AGE_LIMIT: 8 if age >= 20 else 0, EndReason.OTHER: 7,
    })


def _problems(planner: YearPlanner, ticked: set[Problem]) -> list[Problem]:
    rng = planner.rng
    for extra in rng.choices(_PROBLEMS, weights=_PROBLEM_WEIGHTS,
                             k=rng.choice((1, 1, 2, 2, 3))):
        if len(ticked) < 3:
            ticked.add(extra)
    return sorted(ticked, key=_PROBLEMS.index)


def _referent(planner: YearPlanner) -> uuid.UUID:
    rng = planner.rng
    return planner.one_of(planner.heads) if rng.random() < 0.06 else rng.choice(planner.workers)


def _activate(planner: YearPlanner, record: IndividualSupport) -> None:
    first = max(record.start_date, planner.first)
    last = min(record.end_date or planner.last, planner.last)
    intensity = planner.rng.uniform(0.5, 2.0)
    weight = ((last - first).days + 5) * intensity
    planner.supports.append(ActiveSupport(record, first, last, weight))


def plan_supports(planner: YearPlanner) -> None:
    """The supports active in the year: those going on, and new ones."""
    history = planner.history
    if planner.year == history.first_year:
        _first_year_supports(planner)
    else:
        going_on = [s for s in history.supports if s.active_between(planner.first, planner.last)]
        for record in going_on:
            _activate(planner, record)
        _new_supports(planner, busy={s.young_person_id for s in going_on})
    planner.plan.supports.sort(key=lambda s: (s.start_date, str(s.id)))
    history.supports += planner.plan.supports


def _eligible(planner: YearPlanner) -> list[YoungPerson]:
    return [y for y in planner.known
            if planner.age_mid[y.id] is None or 11 <= (planner.age_mid[y.id] or 0) <= 22]


def _first_year_supports(planner: YearPlanner) -> None:
    """Every origin, problem, end reason and duration bracket at 31/12 occurs, some
    supports started years before; about a third end during the year."""
    rng, plan = planner.rng, planner.plan
    eligible = _eligible(planner)
    wanted = round(rng.randint(52, 68) * planner.targets.factor * planner.grain.supports)
    chosen = rng.sample(eligible, min(len(eligible), wanted))
    count = len(chosen)
    # Duration brackets at 31/12: every bracket gets at least three supports.
    brackets = [b for b in DURATION_BRACKETS for _ in range(3)]
    brackets += rng.choices(list(_DURATION_MIX), weights=list(_DURATION_MIX.values()),
                            k=count - len(brackets))
    rng.shuffle(brackets)
    origins = list(SupportOrigin)
    # Every end reason occurs; « limite d'âge » goes to the oldest, never to a minor.
    pending = [r for r in EndReason if r is not EndReason.AGE_LIMIT]
    rng.shuffle(pending)
    oldest = max(chosen, key=lambda y: planner.age_mid[y.id] or 0).id
    for index, young in enumerate(chosen):
        bracket = brackets[index]
        low, high = _SPANS[bracket]
        span = rng.randint(low, high)
        age = planner.age_mid[young.id] or 0
        reason: EndReason | None = None
        if young.id == oldest:
            reason = EndReason.AGE_LIMIT
        elif pending:
            reason = pending.pop()
        elif rng.random() < 0.3:
            reason = _end_reason(planner, age)
        end: date | None
        if reason is not None:
            end = planner.first + timedelta(days=rng.randint(40, 364))
            if bracket == "lt3m":
                end = max(end, planner.first + timedelta(days=span + 10))
            start = end - timedelta(days=span)
        else:
            end = None
            start = planner.last - timedelta(days=span)
            if planner.history.horizon > planner.last:
                # A support still open on 31/12 goes on into the next years.
                later = planner.last + timedelta(days=rng.randint(20, 900))
                if later <= planner.history.horizon:
                    end, reason = later, _end_reason(planner, age + later.year - planner.year)
        if duration_bracket(start, min(end or planner.last, planner.last)) != bracket:
            raise PlanError("démo : tranche de durée mal construite")
        origin = origins[index] if index < len(origins) else planner.pick(_ORIGIN_MIX)
        problems = _problems(planner, {_PROBLEMS[index]} if index < len(_PROBLEMS) else set())
        referent = _referent(planner)
        record = IndividualSupport(
            id=planner.new_id(), created_at=planner.stamp(start), young_person_id=young.id,
            referent_id=referent, start_date=start, origin=origin,
            problems=problems, end_date=end, end_reason=reason,
        )
        _activate(planner, record)
        plan.supports.append(record)


def _new_supports(planner: YearPlanner, busy: set[uuid.UUID]) -> None:
    """Supports started during a later year, with their whole planned length."""
    rng, plan, history = planner.rng, planner.plan, planner.history
    eligible = [y for y in _eligible(planner) if y.id not in busy]
    wanted = round(rng.randint(52, 68) * planner.targets.factor * planner.grain.supports
                   * planner.grain.new_supports)
    days_in_year = (planner.last - planner.first).days
    for young in rng.sample(eligible, min(len(eligible), wanted)):
        start = planner.first + timedelta(days=rng.randint(0, days_in_year))
        low, high = _SPANS[planner.pick(_DURATION_MIX)]
        end: date | None = start + timedelta(days=rng.randint(low, high))
        reason: EndReason | None = None
        if end > history.horizon:  # type: ignore[operator]
            end = None
        else:
            age = planner.age_mid[young.id] or 0
            reason = _end_reason(planner, age + end.year - planner.year)  # type: ignore[union-attr]
        origin, problems, referent = (planner.pick(_ORIGIN_MIX), _problems(planner, set()),
                                      _referent(planner))
        record = IndividualSupport(
            id=planner.new_id(), created_at=planner.stamp(start), young_person_id=young.id,
            referent_id=referent, start_date=start, origin=origin, problems=problems,
            end_date=end, end_reason=reason,
        )
        _activate(planner, record)
        plan.supports.append(record)


def plan_interventions(planner: YearPlanner) -> None:
    """Interventions of every type inside each support's window in the year (4 103 h per
    4.83 FTE), busier supports drawn more often."""
    rng, plan, grain = planner.rng, planner.plan, planner.grain
    partnered = planner.history.partner_ids
    supports = planner.supports
    cumulative = list(accumulate(s.weight for s in supports))
    kinds = list(_INTERVENTION_MIX)
    workers = planner.workers

    def propose(forced: int | None) -> Candidate | None:
        support = rng.choices(supports, cum_weights=cumulative)[0]
        quick = (forced is None and grain.quick_interventions > 0
                 and rng.random() < grain.quick_interventions)
        if quick:
            kind = planner.pick(_QUICK_MIX)
        else:
            kind = rng.choice(kinds) if forced is not None else planner.pick(_INTERVENTION_MIX)
        span = (support.last - support.first).days
        day = support.first + timedelta(days=rng.randint(0, span))
        if day.weekday() == 6 or day in planner.holidays:
            return None
        if forced is not None:
            quarters = forced
        else:
            quarters = rng.choice((1, 1, 2)) if quick else rng.randint(*_LENGTHS[kind])
        referent = support.record.referent_id or workers[0]
        staff = [referent]
        if forced is None and not quick and rng.random() < _PAIR[kind]:
            staff.append(rng.choice([w for w in workers if w != referent]))
        if not all(planner.fits(s, day, quarters) for s in staff):
            staff = planner.available(workers, day, quarters, len(staff)) or []
            if not staff:
                return None
        partner = (rng.choice(partnered)
                   if kind is _IT.PARTNER_CONTACT
                   or (kind is _IT.ACCOMPANIMENT and rng.random() < 0.6) else None)
        record = Intervention(
            id=planner.new_id(), created_at=planner.stamp(day), support_id=support.record.id,
            date=day, type=kind, duration_hours=quarters / Q, staff_ids=staff,
            partner_id=partner,
        )
        return Candidate(record, day, staff, quarters, lambda: plan.interventions.append(record))

    planner.fill(ActivityCategory.INDIVIDUAL_SUPPORT,
                 planner.targets.hours[ActivityCategory.INDIVIDUAL_SUPPORT], propose,
                 max_piece=12)
    plan.interventions.sort(key=lambda i: (i.date, str(i.id)))


def plan_referrals_and_reports(planner: YearPlanner) -> None:
    """Referrals to varied partner types (every support handed over in the year has
    one); 2–4 concern reports per 4.83 FTE (CRIP, sometimes the prosecutor)."""
    rng, plan = planner.rng, planner.plan
    partners_by_type = planner.history.partners_by_type
    types = [pt for pt in PartnerType if pt is not PartnerType.OTHER]
    rng.shuffle(types)
    for index, support in enumerate(planner.supports):
        record = support.record
        handed_over = (record.end_reason is EndReason.MAINSTREAM_HANDOVER
                       and record.end_date is not None and record.end_date <= planner.last)
        if not handed_over and index >= len(types) and rng.random() > 0.3:
            continue
        kind = types[index % len(types)]
        day = support.last if handed_over else support.first + timedelta(
            days=rng.randint(0, (support.last - support.first).days))
        partners = partners_by_type.get(kind) or [None]
        plan.referrals.append(Referral(
            id=planner.new_id(), created_at=planner.stamp(day), support_id=record.id, date=day,
            partner_type=kind, partner_id=rng.choice(partners),
        ))
    minors = [s for s in planner.supports
              if (planner.age_mid[s.record.young_person_id] or 99) < 18]
    count = planner.targets.scaled(rng.randint(2, 4))
    for index, support in enumerate(rng.sample(minors, min(len(minors), count))):
        span = (support.last - support.first).days
        day = support.first + timedelta(days=rng.randint(0, span))
        plan.concern_reports.append(ConcernReport(
            id=planner.new_id(), created_at=planner.stamp(day),
            young_person_id=support.record.young_person_id, date=day,
            addressee=(ConcernAddressee.PROSECUTOR if index % 5 == 2
                       else ConcernAddressee.CRIP),
        ))
    plan.referrals.sort(key=lambda r: (r.date, str(r.id)))
    plan.concern_reports.sort(key=lambda r: (r.date, str(r.id)))
