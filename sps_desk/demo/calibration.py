"""What a demo year must add up to: the Arras row of the Département's 2022 table, per FTE.

SPS Arras (reference document, « Activité 2022 des Services de Prévention Spécialisée du
Pas-de-Calais »): 1 FTE chief, 3.83 FTE social workers and 0.5 FTE administrative; its
hours by category, to the hour; 7 collective actions concerning 345 young people. A team
of another size gets the same figures per FTE of its educational team (chief(s) and social
workers: the administrative posts carry no hours in the table).

The generator counts hours in integer quarters (:data:`Q` per hour), so that every total
lands exactly on its target.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sps_desk.enums import ActivityCategory, CollectiveActionType, FieldSessionKind

DEMO_SERVICE_NAME = "SPS Arras – Présence et Action Sociale"
DEMO_MANAGING_BODY = "Association La Vie Active"
DEMO_LINKED_MDS = "MDS de l'Arrageois"
DEMO_COMMUNE = "Arras"
DEMO_NEIGHBOURHOODS: tuple[str, ...] = ("Blancs Monts", "Baudimont", "Résidence Saint-Paul")

DEMO_HOURS: dict[ActivityCategory, int] = {
    ActivityCategory.STREET_WORK: 2150,
    ActivityCategory.INDIVIDUAL_SUPPORT: 4103,
    ActivityCategory.COLLECTIVE_ACTIONS: 4110,
    ActivityCategory.WRITING: 997,
    ActivityCategory.PARTNERSHIP: 1219,
}
"""Hours of SPS Arras in 2022 for the categories tracked apart (training/leave aside)."""

DEMO_TRAINING_LEAVE_HOURS = 389
"""« Formations / Congés / Congés maladie » of Arras in 2022, split among the three."""

DEMO_HOURS_TOTAL = sum(DEMO_HOURS.values()) + DEMO_TRAINING_LEAVE_HOURS
"""12 968 hours, the TOTAL column of Arras in 2022."""

DEMO_ACTIONS = 7
DEMO_YOUNG_CONCERNED = 345
"""Collective actions held in 2022 by Arras and the young people they concerned."""

ARRAS_EDUCATIONAL_FTE = 4.83
"""FTE of Arras's educational team in 2022 (1 chief + 3.83 social workers)."""

Q = 4
"""Quarters per hour: the generator counts hours in integer quarters."""


@dataclass(frozen=True)
class Targets:
    """What one year of a team must add up to, from the Arras row scaled per FTE.

    ``factor`` is the team's educational FTE over Arras's 4.83 (exactly 1 for the Arras
    team). Hours are whole hours scaled, given in quarters.
    """

    factor: float
    hours: dict[ActivityCategory, int]
    """Quarters per category tracked apart (street work, supports, actions, writing,
    partnership)."""
    training_leave: int
    """Quarters of training, leave and sick leave together."""
    actions: int
    young_concerned: int

    @classmethod
    def for_team(cls, educational_fte: float | None) -> Targets:
        """The Arras row itself (``None``: the Arras team), or scaled to a team's FTE."""
        factor = 1.0 if educational_fte is None else educational_fte / ARRAS_EDUCATIONAL_FTE
        return cls(
            factor=factor,
            hours={c: round(h * factor) * Q for c, h in DEMO_HOURS.items()},
            training_leave=round(DEMO_TRAINING_LEAVE_HOURS * factor) * Q,
            actions=max(DEMO_ACTIONS, round(DEMO_ACTIONS * factor)),
            young_concerned=round(DEMO_YOUNG_CONCERNED * factor),
        )

    def scaled(self, count: int) -> int:
        """A per-year count of the Arras demo (young met, supports…) for this team."""
        return round(count * self.factor)


@dataclass(frozen=True)
class Grain:
    """How finely a service records its work: what differs between the Arras demo year
    and a generated team, for the same hours per FTE.

    The Arras grain is the one-year demo as it always was. A generated team records at
    the finer grain of the large base measured in issue 12 (20 staff, 2016–2025:
    ≈ 24 000 young people, 7 200 supports, 40 000 sessions, 300 000 interventions): it
    codes nearly every young person it meets, follows many more of them, logs short
    phone calls and messages as interventions, and holds more short single-educator
    sessions (permanences, school gates, online presence).
    """

    young: float = 1.0
    """Young people known per year, relative to the Arras demo (per FTE)."""
    returning: float = 0.45
    """Share of a year's known young people already known in an earlier year."""
    supports: float = 1.0
    """Supports active in a first year, relative to the Arras demo (per FTE)."""
    new_supports: float = 0.5
    """Supports started in each later year, relative to the first year's active ones."""
    quick_interventions: float = 0.0
    """Share of interventions that are 15–30 minute calls, messages or steps."""
    field_mix: dict[FieldSessionKind, float] = field(default_factory=lambda: {
        FieldSessionKind.STREET_WORK: 55, FieldSessionKind.SOCIAL_PRESENCE: 18,
        FieldSessionKind.SCHOOL_GATES: 15, FieldSessionKind.ONLINE: 12,
    })
    street_pairs: dict[int, float] = field(default_factory=lambda: {2: 85, 3: 10, 1: 5})
    """Staff present on a street-work outing (weights)."""
    young_met: dict[int, float] = field(default_factory=lambda: {0: 25, 1: 30, 2: 25, 3: 12,
                                                                 4: 8})
    """Coded young people met on one outing (weights)."""
    writing_sizes: tuple[int, ...] = (2, 3, 4, 4, 6, 6, 8, 10)
    partnership_sizes: tuple[int, ...] = (4, 6, 6, 8, 8, 10, 12, 14)
    """Quarters of one typed entry of writing or partnership (drawn uniformly)."""


ARRAS_GRAIN = Grain()
"""The one-year demo: SPS Arras as published."""

LARGE_GRAIN = Grain(
    young=7.0,
    returning=0.2,
    supports=5.0,
    new_supports=0.55,
    quick_interventions=0.75,
    field_mix={
        FieldSessionKind.STREET_WORK: 30, FieldSessionKind.SOCIAL_PRESENCE: 25,
        FieldSessionKind.SCHOOL_GATES: 20, FieldSessionKind.ONLINE: 25,
    },
    street_pairs={2: 50, 1: 45, 3: 5},
    young_met={0: 10, 1: 25, 2: 30, 3: 20, 4: 15},
    writing_sizes=(1, 2, 2, 3, 4, 4, 6, 8),
    partnership_sizes=(2, 3, 4, 4, 6, 8, 8, 12),
)
"""A generated team (``--staff``): the large service of issue 12."""

ACTION_ORDER: tuple[CollectiveActionType, ...] = (
    CollectiveActionType.WORK_PROJECT, CollectiveActionType.RESIDENTIAL_TRIP,
    CollectiveActionType.OUTING, CollectiveActionType.SPORT, CollectiveActionType.CULTURE,
    CollectiveActionType.STREET_WORKSHOP, CollectiveActionType.DIGITAL,
)
"""The seven action types of Arras in 2022, in the order actions are created."""
