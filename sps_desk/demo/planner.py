"""The planning core: what lasts across years (:class:`History`) and one year's plan.

A :class:`YearPlanner` plans every record of one civil year in memory, from the one
``random.Random`` of the whole run, and checks its own accounting against the
:class:`~sps_desk.demo.calibration.Targets` before anything is written. Hour-producing
records go through :meth:`YearPlanner.fill`, which keeps every staff member's day under
their daily cap. The modules next to this one plan one kind of work each.
"""

from __future__ import annotations

import random
import uuid
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import TypeVar

from sps_desk.ages import AgeBrackets
from sps_desk.demo import calendar
from sps_desk.demo.calibration import Grain, Q, Targets
from sps_desk.enums import ActivityCategory, PartnerType
from sps_desk.records import (
    CollectiveAction,
    CollectiveActionSession,
    ConcernReport,
    FieldSession,
    Identity,
    IndividualSupport,
    Intervention,
    Partner,
    Record,
    Referral,
    Sector,
    StaffMember,
    TimeEntry,
    YoungPerson,
)

T = TypeVar("T")


class PlanError(RuntimeError):
    """The plan broke one of its own rules (a bug of the generator, never of the base)."""


@dataclass
class YearPlan:
    """Records to write for one year, by kind (typed time entries only: the store derives
    the others). Sectors, staff and partners are planned with the first year only."""

    year: int
    sectors: list[Sector] = field(default_factory=list)
    staff: list[StaffMember] = field(default_factory=list)
    partners: list[Partner] = field(default_factory=list)
    young_people: list[YoungPerson] = field(default_factory=list)
    """Young people first known this year (those known earlier are already written)."""
    identities: list[Identity] = field(default_factory=list)
    field_sessions: list[FieldSession] = field(default_factory=list)
    supports: list[IndividualSupport] = field(default_factory=list)
    """Supports started this year (or, in a first year, before it)."""
    interventions: list[Intervention] = field(default_factory=list)
    referrals: list[Referral] = field(default_factory=list)
    concern_reports: list[ConcernReport] = field(default_factory=list)
    actions: list[CollectiveAction] = field(default_factory=list)
    action_sessions: list[CollectiveActionSession] = field(default_factory=list)
    typed_entries: list[TimeEntry] = field(default_factory=list)


@dataclass
class Candidate:
    """A proposed hour-producing record, not yet accepted."""

    record: Record
    day: date
    staff_ids: list[uuid.UUID]
    quarters: int
    """Quarter hours per staff member present (what each derived entry will hold)."""
    commit: Callable[[], None] = lambda: None
    """Extra bookkeeping once accepted (used dates, young met…)."""


@dataclass
class ActiveSupport:
    """A support active in the year being planned, with its window inside the year."""

    record: IndividualSupport
    first: date
    last: date
    weight: float


@dataclass
class Team:
    """The staff of the service, planned once: who carries hours and how many per day."""

    heads: list[uuid.UUID]
    workers: list[uuid.UUID]
    cap: dict[uuid.UUID, int]
    """Most quarters one person can work in a day (12 h × FTE, 11 h for a head)."""

    @property
    def educators(self) -> list[uuid.UUID]:
        """The educational team (heads, then social workers): who carries the hours."""
        return [*self.heads, *self.workers]


@dataclass
class History:
    """Everything that lasts from one planned year to the next.

    ``horizon`` is 31 December of the last year: a support still open then stays open.
    """

    rng: random.Random
    brackets: AgeBrackets
    grain: Grain
    targets: Targets
    first_year: int
    horizon: date
    team: Team | None = None
    sector_weights: dict[uuid.UUID, float] = field(default_factory=dict)
    neighbourhoods: list[str] = field(default_factory=list)
    partner_ids: list[uuid.UUID] = field(default_factory=list)
    partners_by_type: dict[PartnerType, list[uuid.UUID]] = field(default_factory=dict)
    young: dict[uuid.UUID, YoungPerson] = field(default_factory=dict)
    age_known: dict[uuid.UUID, tuple[int | None, int]] = field(default_factory=dict)
    """Age at mid-year (``None``: unknown) and the year it was drawn for."""
    codes: set[str] = field(default_factory=set)
    known_last_year: list[uuid.UUID] = field(default_factory=list)
    supports: list[IndividualSupport] = field(default_factory=list)
    identified: set[uuid.UUID] = field(default_factory=set)
    sequence: int = 0

    def age_in(self, young_id: uuid.UUID, year: int) -> int | None:
        """Age at mid-``year`` of a young person, ``None`` when unknown."""
        age, drawn_for = self.age_known[young_id]
        return None if age is None else age + year - drawn_for


class YearPlanner:
    """Plans one year of work of the service in :attr:`history` (see the module doc)."""

    def __init__(self, history: History, year: int) -> None:
        self.history = history
        self.rng = history.rng
        self.grain = history.grain
        self.targets = history.targets
        self.year = year
        self.plan = YearPlan(year)
        self.first = date(year, 1, 1)
        self.last = date(year, 12, 31)
        self.holidays = calendar.public_holidays(year)
        self.school_holidays = calendar.school_holidays(year)
        all_days = calendar.days(self.first, self.last)
        # Mon–Fri for office work; Mon–Sat for field work and actions.
        self.work_days = [d for d in all_days if d.weekday() < 5 and d not in self.holidays]
        self.field_days = [d for d in all_days if d.weekday() < 6 and d not in self.holidays]
        self.produced: Counter[ActivityCategory] = Counter()
        self.load: defaultdict[tuple[uuid.UUID, date], int] = defaultdict(int)
        self.absent: set[tuple[uuid.UUID, date]] = set()
        self.known: list[YoungPerson] = []
        """Young people known this year (met at least once), new and returning."""
        self.age_mid: dict[uuid.UUID, int | None] = {}
        self.sector_of: dict[uuid.UUID, uuid.UUID | None] = {}
        self.young_met: dict[uuid.UUID, int] = {}
        self.supports: list[ActiveSupport] = []

    # ----------------------------------------------------------------- team shortcuts

    @property
    def team(self) -> Team:
        if self.history.team is None:
            raise PlanError("démo : l'équipe n'est pas encore planifiée")
        return self.history.team

    @property
    def heads(self) -> list[uuid.UUID]:
        return self.team.heads

    @property
    def workers(self) -> list[uuid.UUID]:
        return self.team.workers

    @property
    def educators(self) -> list[uuid.UUID]:
        return self.team.educators

    @property
    def cap(self) -> dict[uuid.UUID, int]:
        return self.team.cap

    # ----------------------------------------------------------------- helpers

    def new_id(self) -> uuid.UUID:
        """A random version-4 UUID drawn from the run's generator (reproducible)."""
        return uuid.UUID(int=self.rng.getrandbits(128), version=4)

    def stamp(self, day: date) -> datetime:
        """Deterministic creation time: the evening of ``day``, one millisecond apart."""
        self.history.sequence += 1
        base = datetime.combine(day, time(17, 0), tzinfo=UTC)
        return base + timedelta(milliseconds=self.history.sequence)

    def pick(self, weights: dict[T, float]) -> T:
        """One key of ``weights``, drawn with those weights."""
        return self.rng.choices(list(weights), weights=list(weights.values()))[0]

    def one_of(self, items: Sequence[T]) -> T:
        """One of ``items``; a single item is taken without a draw (so that the Arras
        demo, with one chief and one action per type, keeps its sequence of draws)."""
        return items[0] if len(items) == 1 else self.rng.choice(items)

    def day_quarters(self, staff: uuid.UUID) -> int:
        """Quarters of one day of leave or sick leave: 7 h, less for a short part-time."""
        return min(7 * Q, self.cap[staff])

    def fits(self, staff: uuid.UUID, day: date, quarters: int) -> bool:
        """Whether ``staff`` can work ``quarters`` more on ``day`` (not absent, under cap)."""
        key = (staff, day)
        return key not in self.absent and self.load[key] + quarters <= self.cap[staff]

    def available(
        self, pool: Sequence[uuid.UUID], day: date, quarters: int, wanted: int
    ) -> list[uuid.UUID] | None:
        """``wanted`` distinct staff of ``pool`` free for ``quarters`` on ``day``, or None."""
        free = [s for s in pool if self.fits(s, day, quarters)]
        if len(free) < wanted:
            return None
        # Least-loaded first, with a random tie-break, spreads the year over the team.
        self.rng.shuffle(free)
        free.sort(key=lambda s: self.load[(s, day)])
        return free[:wanted]

    def team_for_field(self) -> list[uuid.UUID]:
        """Pool for field work and actions: the social workers, a head now and then."""
        pool = list(self.workers)
        if self.rng.random() < 0.07:
            pool.append(self.one_of(self.heads))
        return pool

    def accept(self, category: ActivityCategory, candidate: Candidate) -> None:
        """Book ``candidate``'s hours in the staff's days and the category's total."""
        for staff in candidate.staff_ids:
            self.load[(staff, candidate.day)] += candidate.quarters
        self.produced[category] += candidate.quarters * len(candidate.staff_ids)
        candidate.commit()

    def fill(
        self,
        category: ActivityCategory,
        target_quarters: int,
        propose: Callable[[int | None], Candidate | None],
        *,
        max_piece: int,
        min_piece: int = Q,
    ) -> None:
        """Accept proposals until ``category`` reaches ``target_quarters`` exactly.

        ``propose(None)`` draws a realistic record; ``propose(q)`` must draw one with a
        single staff member and exactly ``q`` quarters. Free draws are taken while they
        leave at least ``min_piece`` to do; the rest is done in pieces of at most
        ``max_piece`` quarters, so the last records look like ordinary ones.

        Raises:
            PlanError: the calendar has no room left for the hours.
        """
        refusals = 0
        # Consecutive refusals only pile up near the end (draws too big for what is left)
        # or when the calendar is full; either way the closing pieces take over.
        while target_quarters - self.produced[category] > 2 * max_piece and refusals < 2000:
            remaining = target_quarters - self.produced[category]
            candidate = propose(None)
            if candidate is None:
                refusals += 1
                continue
            left = remaining - candidate.quarters * len(candidate.staff_ids)
            if left == 0 or left >= min_piece:
                self.accept(category, candidate)
                refusals = 0
            else:
                refusals += 1
        failures = 0
        while (remaining := target_quarters - self.produced[category]) > 0:
            if remaining <= max_piece:
                piece = remaining
            elif remaining - max_piece >= min_piece:
                piece = max_piece
            else:
                piece = remaining - min_piece
            candidate = propose(piece)
            if candidate is None:
                failures += 1
                if failures > 2000:
                    raise PlanError(f"démo : impossible de placer les heures ({category})")
                continue
            self.accept(category, candidate)
        if self.produced[category] != target_quarters:
            raise PlanError(f"démo : total d'heures inexact ({category})")

    # ----------------------------------------------------------------- the year

    def check(self) -> None:
        """The plan's own accounting must match the targets before anything is written.

        Raises:
            PlanError: hours differ from the targets, or a day exceeds someone's cap.
        """
        targets = self.targets
        leave = sum(self.produced[c] for c in (ActivityCategory.TRAINING, ActivityCategory.LEAVE,
                                               ActivityCategory.SICK_LEAVE))
        if leave != targets.training_leave or any(
            self.produced[c] != q for c, q in targets.hours.items()
        ):
            raise PlanError("démo : heures planifiées différentes du tableau d'Arras")
        if any(self.load[key] > self.cap[key[0]] for key in self.load):
            raise PlanError("démo : journée de travail trop chargée")
