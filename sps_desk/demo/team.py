"""The service's team, sectors and partners, planned once with the first year.

Without a staff count the team is Arras's in 2022 (:data:`names.ARRAS_TEAM`). A team of
``N`` staff has one head (two from 12 staff: a director and a chief), about one
administrative post per twelve staff (half-time in a small team), and social workers,
most full-time; it covers more neighbourhoods as it grows (one more per four staff).
"""

from __future__ import annotations

from datetime import date

from sps_desk.demo.calibration import DEMO_COMMUNE, DEMO_NEIGHBOURHOODS, Q
from sps_desk.demo.names import ARRAS_TEAM, EXTRA_SECTORS, FIRST_NAMES, LAST_NAMES, PARTNERS
from sps_desk.demo.planner import Team, YearPlanner
from sps_desk.enums import Role
from sps_desk.records import Partner, Sector, StaffMember

MIN_STAFF = 3
MAX_STAFF = 60
"""Team sizes the generator builds (a head and two social workers at least, for trips)."""

_WORKER_FTE = (1.0, 1.0, 0.8, 1.0, 1.0, 0.83, 1.0, 0.6)
_ADMIN_FTE = (0.5, 1.0, 0.8)


def generated_team(staff: int) -> list[tuple[str, Role, float]]:
    """Name, role and FTE of each member of a team of ``staff`` people (synthetic names).

    Raises:
        ValueError: ``staff`` is outside :data:`MIN_STAFF`–:data:`MAX_STAFF`.
    """
    if not MIN_STAFF <= staff <= MAX_STAFF:
        raise ValueError(staff)
    heads = 1 if staff < 12 else 2
    admins = 0 if staff < 4 else max(1, round(staff / 12))
    roles = ([(Role.HEAD, 1.0)] * heads
             + [(Role.SOCIAL_WORKER, _WORKER_FTE[i % len(_WORKER_FTE)])
                for i in range(staff - heads - admins)]
             + [(Role.ADMINISTRATIVE, _ADMIN_FTE[i % len(_ADMIN_FTE)]) for i in range(admins)])
    count = len(FIRST_NAMES)
    # (i mod n, 7i + i div n mod n) never repeats for fewer than n² people.
    return [
        (f"{FIRST_NAMES[i % count]} {LAST_NAMES[(7 * i + i // count) % len(LAST_NAMES)]}",
         role, fte)
        for i, (role, fte) in enumerate(roles)
    ]


def educational_fte(members: list[tuple[str, Role, float]]) -> float:
    """FTE of the heads and social workers: the people whose hours the table counts."""
    return sum(fte for _, role, fte in members if role in (Role.HEAD, Role.SOCIAL_WORKER))


def plan_team(planner: YearPlanner, members: list[tuple[str, Role, float]] | None) -> None:
    """Sectors, staff and partners of the service, created years before the first year.

    ``members`` is :func:`generated_team`'s list, or ``None`` for the Arras team.
    """
    history, plan = planner.history, planner.plan
    origin = date(history.first_year - 5, 9, 1)
    places = [(DEMO_COMMUNE, name) for name in DEMO_NEIGHBOURHOODS]
    weights: tuple[float, ...] = (0.4, 0.35, 0.25)
    if members is not None:
        places += list(EXTRA_SECTORS[: max(0, (len(members) - 6) // 4)])
        weights = tuple(1 / (rank + 2) for rank in range(len(places)))
    plan.sectors = [
        Sector(id=planner.new_id(), created_at=planner.stamp(origin), commune=commune,
               neighbourhood=name)
        for commune, name in places
    ]
    history.sector_weights = dict(zip([s.id for s in plan.sectors], weights, strict=True))
    history.neighbourhoods = [s.neighbourhood for s in plan.sectors]
    plan.staff = [
        StaffMember(id=planner.new_id(), created_at=planner.stamp(origin), display_name=name,
                    role=role, fte=fte)
        for name, role, fte in (ARRAS_TEAM if members is None else members)
    ]
    # The educational team (heads + social workers) carries the hours of the table; the
    # administrative posts have none. Daily caps keep every day humanly possible.
    cap = {m.id: round((11 if m.role is Role.HEAD else 12) * Q * m.fte) for m in plan.staff}
    history.team = Team(
        heads=[m.id for m in plan.staff if m.role is Role.HEAD],
        workers=[m.id for m in plan.staff if m.role is Role.SOCIAL_WORKER],
        cap=cap,
    )
    plan.partners = [
        Partner(id=planner.new_id(), created_at=planner.stamp(origin), name=name, type=kind)
        for name, kind in PARTNERS
    ]
    history.partner_ids = [partner.id for partner in plan.partners]
    for partner in plan.partners:
        history.partners_by_type.setdefault(partner.type, []).append(partner.id)
