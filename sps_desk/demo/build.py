"""Writing demo years into a fresh base: :func:`build_demo` and :func:`build_demo_year`.

The hours are produced the way real hours are: street-work hours come from field
sessions, individual-support hours from interventions and collective-action hours from
collective-action sessions, all turned into time entries by the repositories (one per
staff member present); only training, leave, sick leave, writing and partnership are
typed by hand. Every year is calibrated per FTE on the Arras row of the 2022 table
(:mod:`sps_desk.demo.calibration`).

Everything is synthetic (:mod:`sps_desk.demo.names`). Units: decimal hours, local
calendar dates. The content depends only on the arguments (``random.Random(seed)``),
never on today's date.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from babel.numbers import format_decimal

from sps_desk.demo import collective, field_work, hours, supports, team, young
from sps_desk.demo.calibration import (
    ARRAS_GRAIN,
    DEMO_LINKED_MDS,
    DEMO_MANAGING_BODY,
    DEMO_SERVICE_NAME,
    LARGE_GRAIN,
    Targets,
)
from sps_desk.demo.planner import History, YearPlan, YearPlanner
from sps_desk.enums import ActivityCategory, Role
from sps_desk.errors import SpsDeskError, ValidationFailed
from sps_desk.records import Record, Service
from sps_desk.store.repositories import Repository

if TYPE_CHECKING:
    from sps_desk.store.database import Database

MAX_YEARS = 30
"""Most years one run writes (sessions and hours are never purged: ten years is usual)."""


@dataclass(frozen=True, slots=True)
class DemoSummary:
    """What :func:`build_demo` wrote, for the CLI to print (counts of records)."""

    year: int
    """The last year written."""
    sessions: int
    """Field sessions (sorties de travail de rue, présence sociale…)."""
    young_people: int
    supports: int
    interventions: int
    actions: int
    """Collective actions."""
    action_sessions: int
    time_entries: int
    """Derived and typed time entries, all dated in the years written."""
    hours: float
    """Sum of the hours of the time entries (decimal hours)."""
    years: int = 1
    """Number of years written, ending with :attr:`year`."""

    @property
    def first_year(self) -> int:
        """The first year written."""
        return self.year - self.years + 1

    def __str__(self) -> str:
        # Counts only: the CLI prints the year and the file name around it.
        def n(value: float) -> str:
            return format_decimal(value, format="#,##0.##", locale="fr_FR").replace("\u202f", " ")

        return (
            f"{n(self.sessions)} sorties, "
            f"{n(self.young_people)} jeunes, {n(self.supports)} accompagnements "
            f"({n(self.interventions)} interventions), {n(self.actions)} actions collectives "
            f"({n(self.action_sessions)} séances), {n(self.time_entries)} saisies de temps "
            f"({n(self.hours)} heures)."
        )


class DemoRefused(SpsDeskError):
    """The base already holds work: demo data is only written into an empty base."""

    def __init__(self) -> None:
        super().__init__(
            "Cette base contient déjà des données (jeunes, sorties, accompagnements, temps…) : "
            "les données de démonstration ne s'écrivent que dans une base neuve, pour ne "
            "jamais se mêler à des données réelles. Rien n'a été écrit. Créez une base vide "
            "pour la démonstration."
        )


def build_demo_year(database: Database, year: int, seed: int = 1) -> DemoSummary:
    """Write one realistic synthetic year of SPS Arras into a freshly created base.

    The same as :func:`build_demo` with one year and the Arras team.
    """
    return build_demo(database, year, seed=seed)


def build_demo(
    database: Database, last_year: int, years: int = 1, staff: int | None = None, seed: int = 1,
    *, progress: Callable[[int], None] | None = None,
) -> DemoSummary:
    """Write ``years`` synthetic years ending with ``last_year`` into a freshly created base.

    ``staff=None`` is SPS Arras's team of 2022 (6 people, 4.83 educational FTE) at the
    grain of its published row; ``staff=N`` a generated team of N people at the grain of
    a large service (:data:`~sps_desk.demo.calibration.LARGE_GRAIN`). Each year's hours
    by category are Arras's per educational FTE, to the hour. Young people, supports and
    the team carry over from year to year. The service record is renamed and completed;
    everything is written in one transaction, so a failure leaves the base as it was.
    The same arguments give the same content. ``progress(year)`` is called once each
    year is planned and written (a ten-year large service takes minutes).

    Raises:
        DemoRefused: the base already holds records besides its service record.
        ValidationFailed: a year outside 2000–2100, ``years`` outside 1–30, or ``staff``
            outside 3–60.
    """
    check_arguments(last_year, years, staff)
    first_year = last_year - years + 1
    members = None if staff is None else team.generated_team(staff)
    with database.transaction():
        # Checked inside the (IMMEDIATE) transaction: nobody can write in between.
        _refuse_unless_empty(database)
        service = database.service()
        history = History(
            rng=random.Random(seed),
            brackets=service.age_brackets,
            grain=ARRAS_GRAIN if members is None else LARGE_GRAIN,
            targets=Targets.for_team(None if members is None else team.educational_fte(members)),
            first_year=first_year,
            horizon=date(last_year, 12, 31),
        )
        updated = Service.model_validate(
            service.model_dump()
            | {
                "name": DEMO_SERVICE_NAME,
                "managing_body": DEMO_MANAGING_BODY,
                "linked_mds": DEMO_LINKED_MDS,
                # Arras's « Temps préparation activités » cell is empty in 2022.
                "counted_in": {ActivityCategory.PREPARATION: ActivityCategory.COLLECTIVE_ACTIONS},
            }
        )
        database.repos.service.save(updated)
        counts = dict.fromkeys(("sessions", "supports", "interventions", "actions",
                                "action_sessions"), 0)
        for year in range(first_year, last_year + 1):
            plan = _plan_year(history, year, members)
            _write(database, plan)
            counts["sessions"] += len(plan.field_sessions)
            counts["supports"] += len(plan.supports)
            counts["interventions"] += len(plan.interventions)
            counts["actions"] += len(plan.actions)
            counts["action_sessions"] += len(plan.action_sessions)
            if progress is not None:
                progress(year)
        repos = database.repos
        written = repos.time_entries.hours_by_category(date(first_year, 1, 1),
                                                       date(last_year, 12, 31))
        return DemoSummary(
            year=last_year,
            young_people=len(history.young),
            time_entries=repos.time_entries.count(),
            hours=sum(written.values()),
            years=years,
            **counts,
        )


def check_arguments(
    last_year: int, years: int, staff: int | None, today: date | None = None
) -> None:
    """Refuse what :func:`build_demo` cannot build, before anything is created.

    With ``today`` (the local calendar date, given by the ``demo`` command), a year not
    finished is refused too: a demo year runs to 31 December, and records dated after
    today would show on the home page and in the report as activity already done.

    Raises:
        ValidationFailed: a year outside 2000–2100 or not finished at ``today``,
            ``years`` outside 1–30 (the first year 2000 or after), or ``staff`` outside
            3–60 (French messages).
    """
    if not 2000 <= last_year <= 2100:
        raise ValidationFailed("L'année de démonstration doit être comprise entre 2000 et 2100.")
    if today is not None and last_year >= today.year:
        state = "n'est pas terminée" if last_year == today.year else "n'a pas commencé"
        raise ValidationFailed(
            f"L'année {last_year} {state} (nous sommes le {today:%d/%m/%Y}) : "
            "une année de démonstration va jusqu'au 31 décembre, et ses dates à venir "
            "compteraient comme une activité déjà faite. Choisissez "
            f"{today.year - 1} ou une année antérieure."
        )
    if not 1 <= years <= MAX_YEARS or last_year - years + 1 < 2000:
        raise ValidationFailed(
            f"Le nombre d'années de démonstration doit être compris entre 1 et {MAX_YEARS}, "
            "la première année étant 2000 ou après."
        )
    if staff is not None and not team.MIN_STAFF <= staff <= team.MAX_STAFF:
        raise ValidationFailed(
            f"L'équipe de démonstration compte entre {team.MIN_STAFF} et {team.MAX_STAFF} "
            "professionnels."
        )


def _plan_year(
    history: History, year: int, members: list[tuple[str, Role, float]] | None
) -> YearPlan:
    """Every record of ``year``; the order of the steps is part of the content (each
    draws from the one generator)."""
    planner = YearPlanner(history, year)
    if history.team is None:
        team.plan_team(planner, members)
    young.plan_young_people(planner)
    hours.plan_absences(planner)
    collective.plan_collective_actions(planner)
    field_work.plan_field_sessions(planner)
    supports.plan_supports(planner)
    supports.plan_interventions(planner)
    supports.plan_referrals_and_reports(planner)
    young.plan_identities(planner)
    hours.plan_typed(planner, ActivityCategory.WRITING, history.grain.writing_sizes,
                     max_piece=8)
    hours.plan_typed(planner, ActivityCategory.PARTNERSHIP, history.grain.partnership_sizes,
                     max_piece=12)
    planner.check()
    history.known_last_year = [y.id for y in planner.known]
    return planner.plan


def _refuse_unless_empty(database: Database) -> None:
    """Refuse any base holding a record other than its service, tombstones included."""
    repos = database.repos
    for repository in vars(repos).values():
        if repository is repos.service:
            continue
        # Tombstones of real records also count as real data.
        if repository.count(include_deleted=True):
            raise DemoRefused()


def _write(database: Database, plan: YearPlan) -> None:
    """Insert every planned record, referenced kinds first (foreign keys are on), one
    batch per kind: stamped, clocked and derived as a save from the window would be."""
    repos = database.repos
    batches: list[tuple[Repository[Any], Sequence[Record]]] = [
        (repos.sectors, plan.sectors),
        (repos.staff, plan.staff),
        (repos.partners, plan.partners),
        (repos.young_people, plan.young_people),
        (repos.identities, plan.identities),
        (repos.field_sessions, plan.field_sessions),
        (repos.supports, plan.supports),
        (repos.interventions, plan.interventions),
        (repos.referrals, plan.referrals),
        (repos.concern_reports, plan.concern_reports),
        (repos.collective_actions, plan.actions),
        (repos.collective_sessions, plan.action_sessions),
        (repos.time_entries, plan.typed_entries),
    ]
    for repository, records in batches:
        repository.insert_new(records)
