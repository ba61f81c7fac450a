"""Hours typed by hand: training, leave and sick leave; professional writing; partnership.

These are the categories nobody records through a source record: one entry per person
and day. Absences are booked first, so that nobody is on the street while on leave.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date

from sps_desk.demo.calibration import Q
from sps_desk.demo.planner import Candidate, YearPlanner
from sps_desk.enums import ActivityCategory
from sps_desk.records import TimeEntry


def plan_absences(planner: YearPlanner) -> None:
    """Training, leave and sick leave (389 h per 4.83 FTE), one entry per day.

    Leave and sick leave come in blocks of whole days; training in whole and half days,
    the remainder (never under an hour) closing it.
    """
    rng = planner.rng
    total = planner.targets.training_leave
    sick = 7 * Q * planner.targets.scaled(rng.randint(5, 9))
    leave = 7 * Q * planner.targets.scaled(rng.randint(22, 28))
    training = total - sick - leave
    blocks: list[tuple[ActivityCategory, int, int]] = [
        (ActivityCategory.LEAVE, leave, 5), (ActivityCategory.SICK_LEAVE, sick, 3),
    ]
    for category, quarters, longest in blocks:
        while quarters > 0:
            staff = rng.choice(planner.educators)
            block = min(rng.randint(1, longest), -(-quarters // (7 * Q)))
            start = rng.choice(planner.work_days)
            days = [d for d in planner.work_days if d >= start][:block]
            if any((staff, d) in planner.absent for d in days):
                continue
            for day in days:
                hours = min(planner.day_quarters(staff), quarters)
                if hours <= 0:
                    break
                _absent_entry(planner, category, staff, day, hours)
                quarters -= hours
    while training > 0:
        piece = planner.pick({7 * Q: 2, 14: 1})
        if training - piece < Q and training != piece:
            piece = training if training <= 8 * Q else training - 2 * Q
        piece = min(piece, training)
        staff = rng.choice(planner.educators)
        day = rng.choice(planner.work_days)
        # A half day of training leaves the rest of the day free, but never more than
        # the person's day: a part-time educator with a half day booked cannot take a
        # whole one on top (the « journée trop chargée » of some seeds).
        if not planner.fits(staff, day, piece):
            continue
        _absent_entry(planner, ActivityCategory.TRAINING, staff, day, piece)
        training -= piece


def _absent_entry(
    planner: YearPlanner, category: ActivityCategory, staff: uuid.UUID, day: date, quarters: int
) -> None:
    planner.plan.typed_entries.append(
        TimeEntry(id=planner.new_id(), created_at=planner.stamp(day), staff_id=staff, date=day,
                  category=category, hours=quarters / Q)
    )
    planner.produced[category] += quarters
    planner.load[(staff, day)] += quarters
    if category is not ActivityCategory.TRAINING or quarters >= 6 * Q:
        planner.absent.add((staff, day))


def plan_typed(
    planner: YearPlanner, category: ActivityCategory, sizes: Sequence[int], *, max_piece: int
) -> None:
    """Writing or partnership hours typed by hand, one entry per person and day.

    Heads write and meet partners more than the social workers do.
    """
    rng, plan = planner.rng, planner.plan
    educators = planner.educators
    weights = [2.0 if s in planner.heads else 1.0 for s in educators]

    def propose(forced: int | None) -> Candidate | None:
        quarters = forced if forced is not None else rng.choice(sizes)
        best: tuple[int, uuid.UUID, date] | None = None
        for _ in range(8):
            staff = rng.choices(educators, weights=weights)[0]
            day = rng.choice(planner.work_days)
            if planner.fits(staff, day, quarters) and (
                best is None or planner.load[(staff, day)] < best[0]
            ):
                best = (planner.load[(staff, day)], staff, day)
        if best is None:
            return None
        _, staff, day = best
        entry = TimeEntry(id=planner.new_id(), created_at=planner.stamp(day), staff_id=staff,
                          date=day, category=category, hours=quarters / Q)
        return Candidate(entry, day, [staff], quarters, lambda: plan.typed_entries.append(entry))

    planner.fill(category, planner.targets.hours[category], propose, max_piece=max_piece,
                 min_piece=2)
    plan.typed_entries.sort(key=lambda e: (e.date, str(e.id)))
