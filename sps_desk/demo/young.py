"""Young people known each year, and the few identities some of them gave.

A year's known young people are those already known who come back (always those whose
support goes on, and a share of last year's) and newcomers: mostly 11–21 at mid-year,
more boys, some birth dates partial or unknown, most with a nickname. A young person is
written once, the year they are first met; their age moves on with the years.
"""

from __future__ import annotations

from datetime import date, timedelta

from sps_desk.demo.names import FIRST_NAMES, IDENTITIES, LAST_NAMES, NICKNAMES, STREETS
from sps_desk.demo.planner import YearPlanner
from sps_desk.enums import BirthDatePrecision, Sex, Situation
from sps_desk.records import Identity, YoungPerson, new_young_code

OLDEST_RETURNING = 25
"""A young person older than this at mid-year is no longer met (prévention spécialisée
works with 11–25 year-olds)."""

_AGES = {9: 1, 10: 2, 11: 6, 12: 8, 13: 10, 14: 11, 15: 11, 16: 10, 17: 9, 18: 8,
         19: 7, 20: 5, 21: 4, 22: 2, 23: 1}
"""Ages at mid-year of newly met young people (weights)."""

_EXTRA_IDENTITIES: tuple[tuple[Sex | None, str, str], ...] = tuple(
    (None, LAST_NAMES[(5 * i + 3) % len(LAST_NAMES)], FIRST_NAMES[(i + 11) % len(FIRST_NAMES)])
    for i in range(len(FIRST_NAMES) * 2)
)
"""More synthetic identities for a large team (any sex)."""


def plan_young_people(planner: YearPlanner) -> None:
    """The young people known in the planner's year: returning ones, then newcomers."""
    rng, history = planner.rng, planner.history
    count = round(rng.randint(95, 125) * planner.targets.factor * planner.grain.young)
    returning: list[YoungPerson] = []
    if planner.year > history.first_year:
        # Whoever has a support going on this year is met again.
        forced = list(dict.fromkeys(
            s.young_person_id for s in history.supports
            if s.active_between(planner.first, planner.last)
        ))
        chosen = set(forced)
        others = [i for i in history.known_last_year if i not in chosen
                  and (history.age_in(i, planner.year) or 0) <= OLDEST_RETURNING]
        wanted = max(0, min(len(others), round(count * planner.grain.returning) - len(forced)))
        returning = [history.young[i] for i in forced + rng.sample(others, wanted)]
    for person in returning:
        _know(planner, person, history.age_in(person.id, planner.year))
    for _ in range(max(0, count - len(returning))):
        _newcomer(planner)
    planner.young_met = dict.fromkeys(planner.age_mid, 0)


def _know(planner: YearPlanner, person: YoungPerson, age: int | None) -> None:
    planner.known.append(person)
    planner.age_mid[person.id] = age
    planner.sector_of[person.id] = person.sector_id


def _newcomer(planner: YearPlanner) -> None:
    rng, history = planner.rng, planner.history
    code = new_young_code(rng)
    while code in history.codes:
        code = new_young_code(rng)
    history.codes.add(code)
    sex = planner.pick({Sex.MALE: 60, Sex.FEMALE: 37, Sex.NOT_STATED: 3})
    age = planner.pick(_AGES)
    born = date(planner.year - age, 7, 1) - timedelta(days=rng.randint(0, 364))
    precision = planner.pick({
        BirthDatePrecision.EXACT: 62, BirthDatePrecision.MONTH: 14,
        BirthDatePrecision.YEAR: 12, BirthDatePrecision.ESTIMATED: 4, None: 8,
    })
    birth: date | None = born
    known_age: int | None
    if precision is None:
        birth, precision, known_age = None, BirthDatePrecision.EXACT, None
    else:
        known_age = age
        if precision is BirthDatePrecision.YEAR:
            birth = date(born.year, 1, 1)
        elif precision is BirthDatePrecision.MONTH:
            birth = date(born.year, born.month, 1)
    sector = planner.pick(history.sector_weights) if rng.random() > 0.05 else None
    nickname = rng.choice(NICKNAMES[sex]) if rng.random() < 0.78 else ""
    care = _welfare(planner, age)
    person = YoungPerson(
        id=planner.new_id(), created_at=planner.stamp(planner.first), code=code,
        nickname=nickname, sex=sex, birth_date=birth, birth_date_precision=precision,
        sector_id=sector, situation=_situation(planner, known_age),
        in_child_welfare_care=care,
    )
    planner.plan.young_people.append(person)
    history.young[person.id] = person
    history.age_known[person.id] = (known_age, planner.year)
    _know(planner, person, known_age)


def _situation(planner: YearPlanner, age: int | None) -> Situation:
    s = Situation
    if age is None:
        return planner.pick({s.UNKNOWN: 5, s.NEET: 3, s.DROPOUT: 1})
    if age < 11:
        return s.PRIMARY_SCHOOL
    if age < 16:
        return planner.pick({s.COLLEGE: 85, s.DROPOUT: 8, s.UNKNOWN: 7})
    if age < 18:
        return planner.pick({s.LYCEE: 40, s.APPRENTICESHIP: 20, s.DROPOUT: 20,
                             s.TRAINING: 10, s.UNKNOWN: 10})
    if age < 22:
        return planner.pick({s.NEET: 30, s.TRAINING: 20, s.EMPLOYED: 15,
                             s.APPRENTICESHIP: 10, s.HIGHER_EDUCATION: 5, s.LYCEE: 10,
                             s.UNKNOWN: 10})
    return planner.pick({s.EMPLOYED: 4, s.NEET: 4, s.TRAINING: 2})


def _welfare(planner: YearPlanner, age: int) -> bool | None:
    roll = planner.rng.random()
    if age < 18:
        return True if roll < 0.08 else (False if roll < 0.78 else None)
    return True if roll < 0.03 else (False if roll < 0.6 else None)


def plan_identities(planner: YearPlanner) -> None:
    """A few young people supported this year gave an identity (all four fields optional);
    nobody gives it twice."""
    rng, history = planner.rng, planner.history
    by_id = {y.id: y for y in planner.known}
    supported = [by_id[s.record.young_person_id] for s in planner.supports
                 if s.record.young_person_id not in history.identified]
    count = planner.targets.scaled(rng.randint(8, len(IDENTITIES)))
    names = [IDENTITIES[i] if i < len(IDENTITIES)
             else _EXTRA_IDENTITIES[(i - len(IDENTITIES)) % len(_EXTRA_IDENTITIES)]
             for i in range(count)]
    for sex, last_name, first_name in names:
        matching = [y for y in supported if sex is None or y.sex is sex]
        if not matching:
            continue
        young = rng.choice(matching)
        supported.remove(young)
        phone = "06 39 98 " + " ".join(f"{rng.randint(0, 99):02d}" for _ in range(2))
        address = f"{rng.randint(1, 60)} rue {rng.choice(STREETS)}"
        planner.plan.identities.append(Identity(
            id=planner.new_id(), created_at=planner.stamp(planner.first),
            young_person_id=young.id, last_name=last_name, first_name=first_name,
            address=address if rng.random() < 0.6 else "",
            phone=phone if rng.random() < 0.8 else "",
        ))
        history.identified.add(young.id)
