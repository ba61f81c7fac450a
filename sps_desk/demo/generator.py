"""A realistic demo year, calibrated on SPS Arras in the Département's 2022 table.

:func:`build_demo_year` fills a fresh base with one synthetic year of work of a service
shaped like SPS Arras (reference document, « Activité 2022 des Services de Prévention
Spécialisée du Pas-de-Calais »): its sectors, its team (1 + 3.83 + 0.5 FTE), its hours by
category to the hour, and its 7 collective actions concerning 345 young people.

The hours are produced the way real hours are: street-work hours come from field
sessions, individual-support hours from interventions and collective-action hours from
collective-action sessions, all turned into time entries by the repositories (one per
staff member present); only training, leave, sick leave, writing and partnership are
typed by hand, one entry per person and day. Every hour is a whole number of quarter
hours, so the generator counts in quarters (integers) and sizes the last records of each
category to land exactly on the target.

Everything is synthetic: names, nicknames, codes, identities (phone numbers are in the
« 06 39 98 » range the ARCEP reserves for audiovisual fiction). Units: decimal hours,
local calendar dates. The content depends only on ``year`` and ``seed``
(``random.Random(seed)``), never on today's date.
"""

from __future__ import annotations

import random
import uuid
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any, TypeVar

from babel.numbers import format_decimal
from dateutil.easter import easter

from sps_desk.ages import AgeBrackets
from sps_desk.durations import DURATION_BRACKETS, duration_bracket, round_to_quarter
from sps_desk.enums import (
    ActivityCategory,
    BirthDatePrecision,
    CollectiveActionType,
    ConcernAddressee,
    EndReason,
    FieldSessionKind,
    InterventionType,
    PartnerType,
    Problem,
    Role,
    Sex,
    Situation,
    SupportOrigin,
)
from sps_desk.errors import SpsDeskError, ValidationFailed
from sps_desk.records import (
    NOT_RECORDED,
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
    Service,
    StaffMember,
    TallyCell,
    TimeEntry,
    YoungPerson,
    new_young_code,
)
from sps_desk.store.repositories import Repository

if TYPE_CHECKING:
    from sps_desk.store.database import Database

T = TypeVar("T")

# --------------------------------------------------------------------------- calibration

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

_Q = 4
"""Quarters per hour: the generator counts hours in integer quarters."""


# --------------------------------------------------------------------------- public API


@dataclass(frozen=True, slots=True)
class DemoSummary:
    """What :func:`build_demo_year` wrote, for the CLI to print (counts of records)."""

    year: int
    sessions: int
    """Field sessions (sorties de travail de rue, présence sociale…)."""
    young_people: int
    supports: int
    interventions: int
    actions: int
    """Collective actions."""
    action_sessions: int
    time_entries: int
    """Derived and typed time entries, all dated in ``year``."""
    hours: float
    """Sum of the hours of the time entries (decimal hours)."""

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
    """Write a realistic synthetic year of SPS Arras into a freshly created base.

    The service record is renamed and completed; sectors, team, partners, young people,
    identities, field sessions, supports, interventions, referrals, concern reports,
    collective actions and time entries are written in one transaction, so a failure
    leaves the base as it was. The same ``year`` and ``seed`` give the same content.

    Raises:
        DemoRefused: the base already holds records besides its service record.
        ValidationFailed: ``year`` is outside 2000–2100.
    """
    if not 2000 <= year <= 2100:
        raise ValidationFailed("L'année de démonstration doit être comprise entre 2000 et 2100.")
    with database.transaction():
        # Checked inside the (IMMEDIATE) transaction: nobody can write in between.
        _refuse_unless_empty(database)
        service = database.service()
        plan = _Planner(year, seed, service.age_brackets).build()
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
        _write(database, plan)
        entries = database.repos.time_entries.between(date(year, 1, 1), date(year, 12, 31))
        return DemoSummary(
            year=year,
            sessions=len(plan.field_sessions),
            young_people=len(plan.young_people),
            supports=len(plan.supports),
            interventions=len(plan.interventions),
            actions=len(plan.actions),
            action_sessions=len(plan.action_sessions),
            time_entries=database.repos.time_entries.count(),
            hours=sum(entry.hours for entry in entries),
        )


def _refuse_unless_empty(database: Database) -> None:
    """Refuse any base holding a record other than its service, tombstones included."""
    repos = database.repos
    for repository in vars(repos).values():
        if repository is repos.service:
            continue
        # Tombstones of real records also count as real data.
        if repository.count(include_deleted=True):
            raise DemoRefused()


def _write(database: Database, plan: _Plan) -> None:
    """Save every planned record, referenced kinds first (foreign keys are on)."""
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
        for record in records:
            repository.save(record)


# --------------------------------------------------------------------------- synthetic names

_STAFF: tuple[tuple[str, Role, float], ...] = (
    ("Zoé Kowalczyk", Role.HEAD, 1.0),
    ("Çağrı Demir", Role.SOCIAL_WORKER, 1.0),
    ("Łucja Nowak", Role.SOCIAL_WORKER, 1.0),
    ("Bjørn Ødegård", Role.SOCIAL_WORKER, 1.0),
    ("Œnone Lefèvre", Role.SOCIAL_WORKER, 0.83),
    ("Ines Şahin", Role.ADMINISTRATIVE, 0.5),
)
"""The team of Arras in 2022: 1 FTE chief, 3.83 FTE social workers, 0.5 FTE admin."""

_PARTNERS: tuple[tuple[str, PartnerType], ...] = (
    ("Mission locale de l'Arrageois", PartnerType.MISSION_LOCALE),
    ("MDS de l'Arrageois", PartnerType.MDS),
    ("Maison des adolescents", PartnerType.MDA),
    ("Point accueil écoute jeunes", PartnerType.PAEJ),
    ("Collège du secteur Baudimont", PartnerType.COLLEGE),
    ("Collège du secteur Blancs Monts", PartnerType.COLLEGE),
    ("Lycée professionnel du bassin arrageois", PartnerType.LYCEE),
    ("PJJ – unité éducative de milieu ouvert", PartnerType.PJJ),
    ("CMP enfants et adolescents", PartnerType.CMP),
    ("Centre social des Blancs Monts", PartnerType.SOCIAL_CENTRE),
    ("Centre social de Baudimont", PartnerType.SOCIAL_CENTRE),
    ("Service de l'aide sociale à l'enfance", PartnerType.ASE),
    ("CCAS", PartnerType.CCAS),
    ("France Travail – agence d'Arras", PartnerType.FRANCE_TRAVAIL),
    ("Bailleur social du quartier", PartnerType.HOUSING),
    ("Foyer de jeunes travailleurs", PartnerType.HOUSING),
    ("CSAPA – consultation jeunes consommateurs", PartnerType.HEALTH),
    ("Club de boxe éducative", PartnerType.ASSOCIATION),
    ("Association de médiation numérique", PartnerType.ASSOCIATION),
    ("Service jeunesse de la ville", PartnerType.MUNICIPALITY),
    ("Gendarmerie – maison de protection des familles", PartnerType.OTHER),
)

_NICKNAMES: dict[Sex, tuple[str, ...]] = {
    Sex.MALE: (
        "Ğazi", "Łuki", "Çelo", "Jérém", "Noé", "Kénan", "Ömer", "Barış", "Mathéo", "Rayan",
        "Ilyès", "Sofiane", "Théo", "Kylian", "Enzo", "Nassim", "Anıl", "Emré", "Loïc",
        "Maël", "Gaëtan", "Tomáš", "Žarko", "Dawid", "Yanış", "Aurélien", "Jaouën", "Bünyamin",
    ),
    Sex.FEMALE: (
        "Şule", "Anaïs", "Ildız", "Inès", "Chloé", "Maëlys", "Léa", "Océane", "Zeynep",
        "Ayşe", "Gülay", "Małgosia", "Élodie", "Noémie", "Naïma", "Aïcha", "Dilara", "Lilou",
        "Héloïse", "Kübra", "Agnieszka", "Maïwenn",
    ),
}
_NICKNAMES[Sex.NOT_STATED] = ("Sam", "Alex", "Charlie", "Eden", "Noa")
_NICKNAMES[Sex.OTHER] = _NICKNAMES[Sex.NOT_STATED]

_IDENTITIES: tuple[tuple[Sex, str, str], ...] = (
    (Sex.FEMALE, "Yılmaz", "Gülşen"),
    (Sex.MALE, "Wiśniewski", "Mikołaj"),
    (Sex.MALE, "Öztürk", "Emirhan"),
    (Sex.FEMALE, "Lefebvre-Haddad", "Maëlys"),
    (Sex.MALE, "Ferreira da Costa", "João"),
    (Sex.FEMALE, "Çelik", "Zeynep"),
    (Sex.FEMALE, "Nowakowska", "Żaneta"),
    (Sex.FEMALE, "Dumoulin", "Anaëlle"),
    (Sex.FEMALE, "Šimková", "Tereza"),
    (Sex.MALE, "Ben Saïd", "Ilyès"),
    (Sex.MALE, "Ørsted-Larsen", "Søren"),
    (Sex.MALE, "Durand-Kaçar", "Kévin"),
)
"""Synthetic identities (never real people), several letters outside Latin-1 on purpose."""

_STREETS = ("des Glycines", "des Hirondelles", "des Peupliers", "des Coquelicots",
            "du Moulin-Fictif", "des Tisserands", "de la Vieille-Forge", "des Aubépines")

_OBSERVATIONS: tuple[str, ...] = (
    "Groupe d'une dizaine de jeunes installés près du city-stade, ambiance calme.",
    "Tensions entre deux groupes autour du square ; à évoquer en réunion partenariale.",
    "Présence de mineurs tard le soir devant la supérette, peu d'adultes dans l'espace public.",
    "Éclairage public défaillant dans le passage piéton, signalé au service de la ville.",
    "Plusieurs jeunes demandent des informations sur les offres de la Mission locale.",
    "Sortie des collégiens animée, demandes d'activités pour les prochaines vacances.",
    "Regroupements dans les halls d'immeuble à cause de la pluie ; échanges avec le gardien.",
    "Consommation de protoxyde d'azote constatée (cartouches au sol) près des garages.",
    "Retour au calme après les incidents de la semaine précédente.",
    "Habitants inquiets de rodéos motorisés en soirée ; écoute et relais vers la médiation.",
    "Nouveau groupe de jeunes majeurs sans activité, premier contact établi.",
    "Forte fréquentation du terrain de foot ; plusieurs jeunes intéressés par le futsal.",
    "Des parents interpellent l'équipe sur le harcèlement en ligne entre collégiens.",
    "Quartier très calme, peu de jeunes dehors (période d'examens).",
    "Jeunes rencontrés près de l'arrêt de bus ; questions sur les jobs d'été.",
    "Échanges avec l'animateur du centre social sur les horaires d'ouverture du soir.",
    "Publications inquiétantes repérées sur un réseau social ; échange en message privé.",
    "Travaux de rénovation urbaine : les jeunes ont perdu leur lieu de regroupement habituel.",
    "Demandes répétées d'aide pour des démarches administratives en ligne.",
    "Présence de deux jeunes filles isolées, orientées vers la permanence du mercredi.",
)
"""Territorial observations: about places, groups and trends, never about named people."""

_ACTION_TITLES: dict[CollectiveActionType, str] = {
    CollectiveActionType.WORK_PROJECT: "Chantier éducatif – rafraîchissement des halls",
    CollectiveActionType.RESIDENTIAL_TRIP: "Séjours éducatifs (Côte d'Opale, montagne)",
    CollectiveActionType.OUTING: "Sorties découverte et loisirs",
    CollectiveActionType.SPORT: "Futsal et boxe éducative en soirée",
    CollectiveActionType.CULTURE: "Atelier musique et écriture",
    CollectiveActionType.STREET_WORKSHOP: "Ateliers de rue au pied des immeubles",
    CollectiveActionType.DIGITAL: "Atelier numérique : CV, démarches en ligne, réseaux",
}


# --------------------------------------------------------------------------- calendar


def _days(first: date, last: date) -> list[date]:
    return [first + timedelta(days=n) for n in range((last - first).days + 1)]


def _public_holidays(year: int) -> set[date]:
    """French public holidays (jours fériés) of ``year``."""
    sunday = easter(year)
    fixed = [(1, 1), (5, 1), (5, 8), (7, 14), (8, 15), (11, 1), (11, 11), (12, 25)]
    movable = [sunday + timedelta(days=n) for n in (1, 39, 50)]
    return {date(year, m, d) for m, d in fixed} | set(movable)


def _school_holidays(year: int) -> set[date]:
    """Approximate school holidays (académie de Lille, zone B): fixed windows, good enough
    to move school-gate work out of the holidays and outings into them."""
    windows = [
        ((1, 1), (1, 3)), ((2, 12), (2, 27)), ((4, 15), (5, 1)),
        ((7, 7), (8, 31)), ((10, 22), (11, 6)), ((12, 17), (12, 31)),
    ]
    found: set[date] = set()
    for (m1, d1), (m2, d2) in windows:
        found.update(_days(date(year, m1, d1), date(year, m2, d2)))
    return found


# --------------------------------------------------------------------------- planning


@dataclass
class _Plan:
    """Records to write, by kind (typed time entries only: the others are derived)."""

    sectors: list[Sector] = field(default_factory=list)
    staff: list[StaffMember] = field(default_factory=list)
    partners: list[Partner] = field(default_factory=list)
    young_people: list[YoungPerson] = field(default_factory=list)
    identities: list[Identity] = field(default_factory=list)
    field_sessions: list[FieldSession] = field(default_factory=list)
    supports: list[IndividualSupport] = field(default_factory=list)
    interventions: list[Intervention] = field(default_factory=list)
    referrals: list[Referral] = field(default_factory=list)
    concern_reports: list[ConcernReport] = field(default_factory=list)
    actions: list[CollectiveAction] = field(default_factory=list)
    action_sessions: list[CollectiveActionSession] = field(default_factory=list)
    typed_entries: list[TimeEntry] = field(default_factory=list)


@dataclass
class _Candidate:
    """A proposed hour-producing record, not yet accepted."""

    record: Record
    day: date
    staff_ids: list[uuid.UUID]
    quarters: int
    """Quarter hours per staff member present (what each derived entry will hold)."""
    commit: Callable[[], None] = lambda: None
    """Extra bookkeeping once accepted (used dates, young met…)."""


@dataclass
class _Support:
    """A planned support with its window of activity inside the year."""

    record: IndividualSupport
    first: date
    last: date
    weight: float


class _Planner:
    """Builds the whole demo year in memory from one ``random.Random(seed)``."""

    def __init__(self, year: int, seed: int, brackets: AgeBrackets) -> None:
        self.year = year
        self.rng = random.Random(seed)
        self.brackets = brackets
        self.plan = _Plan()
        self.first = date(year, 1, 1)
        self.last = date(year, 12, 31)
        self.holidays = _public_holidays(year)
        self.school_holidays = _school_holidays(year)
        all_days = _days(self.first, self.last)
        # Mon–Fri for office work; Mon–Sat for field work and actions.
        self.work_days = [d for d in all_days if d.weekday() < 5 and d not in self.holidays]
        self.field_days = [d for d in all_days if d.weekday() < 6 and d not in self.holidays]
        self.produced: Counter[ActivityCategory] = Counter()
        self.load: defaultdict[tuple[uuid.UUID, date], int] = defaultdict(int)
        self.absent: set[tuple[uuid.UUID, date]] = set()
        self.cap: dict[uuid.UUID, int] = {}
        self._sequence = 0

    # ----------------------------------------------------------------- helpers

    def _id(self) -> uuid.UUID:
        return uuid.UUID(int=self.rng.getrandbits(128), version=4)

    def _stamp(self, day: date) -> datetime:
        """Deterministic creation time: the evening of ``day``, one millisecond apart."""
        self._sequence += 1
        base = datetime.combine(day, time(17, 0), tzinfo=UTC)
        return base + timedelta(milliseconds=self._sequence)

    def _pick(self, weights: dict[T, float]) -> T:
        return self.rng.choices(list(weights), weights=list(weights.values()))[0]

    def _fits(self, staff: uuid.UUID, day: date, quarters: int) -> bool:
        key = (staff, day)
        return key not in self.absent and self.load[key] + quarters <= self.cap[staff]

    def _available(
        self, pool: Sequence[uuid.UUID], day: date, quarters: int, wanted: int
    ) -> list[uuid.UUID] | None:
        """``wanted`` distinct staff of ``pool`` free for ``quarters`` on ``day``, or None."""
        free = [s for s in pool if self._fits(s, day, quarters)]
        if len(free) < wanted:
            return None
        # Least-loaded first, with a random tie-break, spreads the year over the team.
        self.rng.shuffle(free)
        free.sort(key=lambda s: self.load[(s, day)])
        return free[:wanted]

    def _team_for_field(self) -> list[uuid.UUID]:
        """Pool for field work and actions: the social workers, the chief now and then."""
        pool = list(self.workers)
        if self.rng.random() < 0.07:
            pool.append(self.chief)
        return pool

    def _accept(self, category: ActivityCategory, candidate: _Candidate) -> None:
        for staff in candidate.staff_ids:
            self.load[(staff, candidate.day)] += candidate.quarters
        self.produced[category] += candidate.quarters * len(candidate.staff_ids)
        candidate.commit()

    def _fill(
        self,
        category: ActivityCategory,
        target_quarters: int,
        propose: Callable[[int | None], _Candidate | None],
        *,
        max_piece: int,
        min_piece: int = _Q,
    ) -> None:
        """Accept proposals until ``category`` reaches ``target_quarters`` exactly.

        ``propose(None)`` draws a realistic record; ``propose(q)`` must draw one with a
        single staff member and exactly ``q`` quarters. Free draws are taken while they
        leave at least ``min_piece`` to do; the rest is done in pieces of at most
        ``max_piece`` quarters, so the last records look like ordinary ones.
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
                self._accept(category, candidate)
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
                    raise RuntimeError(f"démo : impossible de placer les heures ({category})")
                continue
            self._accept(category, candidate)
        if self.produced[category] != target_quarters:
            raise RuntimeError(f"démo : total d'heures inexact ({category})")

    # ----------------------------------------------------------------- plan

    def build(self) -> _Plan:
        """Every record of the demo year, hours exactly calibrated."""
        self._setup()
        self._young_people()
        self._absences()
        self._collective_actions()
        self._field_sessions()
        self._supports()
        self._interventions()
        self._referrals_and_reports()
        self._identities()
        self._typed(ActivityCategory.WRITING, [2, 3, 4, 4, 6, 6, 8, 10], max_piece=8)
        self._typed(ActivityCategory.PARTNERSHIP, [4, 6, 6, 8, 8, 10, 12, 14], max_piece=12)
        self._check()
        return self.plan

    def _setup(self) -> None:
        p = self.plan
        origin = date(self.year - 5, 9, 1)
        p.sectors = [
            Sector(id=self._id(), created_at=self._stamp(origin), commune=DEMO_COMMUNE,
                   neighbourhood=name)
            for name in DEMO_NEIGHBOURHOODS
        ]
        self.sector_weights = dict(zip([s.id for s in p.sectors], (0.4, 0.35, 0.25), strict=True))
        p.staff = [
            StaffMember(id=self._id(), created_at=self._stamp(origin), display_name=name,
                        role=role, fte=fte)
            for name, role, fte in _STAFF
        ]
        self.chief = p.staff[0].id
        self.workers = [s.id for s in p.staff if s.role is Role.SOCIAL_WORKER]
        # The educational team (chief + social workers) carries the hours of the table;
        # the administrative post has none. Daily caps keep every day humanly possible.
        for member in p.staff:
            self.cap[member.id] = round(12 * _Q * member.fte)
        self.cap[self.chief] = 11 * _Q
        self.educators = [self.chief, *self.workers]
        p.partners = [
            Partner(id=self._id(), created_at=self._stamp(origin), name=name, type=kind)
            for name, kind in _PARTNERS
        ]
        self.partners_by_type: defaultdict[PartnerType, list[uuid.UUID]] = defaultdict(list)
        for partner in p.partners:
            self.partners_by_type[partner.type].append(partner.id)

    # ----------------------------------------------------------------- young people

    def _young_people(self) -> None:
        rng = self.rng
        count = rng.randint(95, 125)
        ages = {9: 1, 10: 2, 11: 6, 12: 8, 13: 10, 14: 11, 15: 11, 16: 10, 17: 9, 18: 8,
                19: 7, 20: 5, 21: 4, 22: 2, 23: 1}
        codes: set[str] = set()
        self.age_mid: dict[uuid.UUID, int | None] = {}
        self.sector_of: dict[uuid.UUID, uuid.UUID | None] = {}
        for _ in range(count):
            code = new_young_code(rng)
            while code in codes:
                code = new_young_code(rng)
            codes.add(code)
            sex = self._pick({Sex.MALE: 60, Sex.FEMALE: 37, Sex.NOT_STATED: 3})
            age = self._pick(ages)
            born = date(self.year - age, 7, 1) - timedelta(days=rng.randint(0, 364))
            precision = self._pick({
                BirthDatePrecision.EXACT: 62, BirthDatePrecision.MONTH: 14,
                BirthDatePrecision.YEAR: 12, BirthDatePrecision.ESTIMATED: 4, None: 8,
            })
            birth: date | None = born
            if precision is None:
                birth, precision, known_age = None, BirthDatePrecision.EXACT, None
            else:
                known_age = age
                if precision is BirthDatePrecision.YEAR:
                    birth = date(born.year, 1, 1)
                elif precision is BirthDatePrecision.MONTH:
                    birth = date(born.year, born.month, 1)
            sector = (
                self._pick(self.sector_weights) if rng.random() > 0.05 else None
            )
            nickname = rng.choice(_NICKNAMES[sex]) if rng.random() < 0.78 else ""
            care = self._welfare(age)
            person = YoungPerson(
                id=self._id(), created_at=self._stamp(self.first), code=code,
                nickname=nickname, sex=sex, birth_date=birth, birth_date_precision=precision,
                sector_id=sector, situation=self._situation(known_age),
                in_child_welfare_care=care,
            )
            self.plan.young_people.append(person)
            self.age_mid[person.id] = known_age
            self.sector_of[person.id] = sector
        self.young_met: dict[uuid.UUID, int] = dict.fromkeys(self.age_mid, 0)

    def _situation(self, age: int | None) -> Situation:
        s = Situation
        if age is None:
            return self._pick({s.UNKNOWN: 5, s.NEET: 3, s.DROPOUT: 1})
        if age < 11:
            return s.PRIMARY_SCHOOL
        if age < 16:
            return self._pick({s.COLLEGE: 85, s.DROPOUT: 8, s.UNKNOWN: 7})
        if age < 18:
            return self._pick({s.LYCEE: 40, s.APPRENTICESHIP: 20, s.DROPOUT: 20,
                               s.TRAINING: 10, s.UNKNOWN: 10})
        if age < 22:
            return self._pick({s.NEET: 30, s.TRAINING: 20, s.EMPLOYED: 15,
                               s.APPRENTICESHIP: 10, s.HIGHER_EDUCATION: 5, s.LYCEE: 10,
                               s.UNKNOWN: 10})
        return self._pick({s.EMPLOYED: 4, s.NEET: 4, s.TRAINING: 2})

    def _welfare(self, age: int) -> bool | None:
        roll = self.rng.random()
        if age < 18:
            return True if roll < 0.08 else (False if roll < 0.78 else None)
        return True if roll < 0.03 else (False if roll < 0.6 else None)

    # ----------------------------------------------------------------- tallies

    def _tallies(self, contacts: int, *, school: bool = False) -> list[TallyCell]:
        """Anonymous contacts by sex × the service's age brackets (more boys, mostly 11–17)."""
        per_age = {9: 1, 10: 2, 11: 6, 12: 7, 13: 8, 14: 8, 15: 8, 16: 7, 17: 6, 18: 4,
                   19: 3, 20: 2, 21: 2, 22: 1, 23: 1, 24: 0.5}
        if school:
            per_age = {age: (w * 4 if 11 <= age <= 15 else w * 0.3) for age, w in per_age.items()}
        keys = self.brackets.keys()
        weights: dict[str, float] = {}
        for key in keys:
            ages = self.brackets.ages_of(key)
            weights[key] = (
                sum(per_age.values()) * 0.03 if ages is None
                else sum(w for a, w in per_age.items() if a in ages)
            )
        cells = [(sex, key) for sex in (Sex.MALE, Sex.FEMALE, Sex.NOT_STATED) for key in keys]
        sex_weight = {Sex.MALE: 0.62, Sex.FEMALE: 0.35, Sex.NOT_STATED: 0.03}
        cell_weights = [sex_weight[sex] * weights[key] for sex, key in cells]
        drawn = Counter(self.rng.choices(cells, weights=cell_weights, k=contacts))
        return [
            TallyCell(sex=sex, age_bracket=key, count=drawn[(sex, key)])
            for sex, key in cells
            if drawn[(sex, key)]
        ]

    # ----------------------------------------------------------------- absences

    def _absences(self) -> None:
        """Training, leave and sick leave (389 h), typed by hand, one entry per day.

        Absent days are booked first so that nobody is on the street while on leave.
        """
        rng = self.rng
        total = DEMO_TRAINING_LEAVE_HOURS * _Q
        sick = 7 * _Q * rng.randint(5, 9)
        leave = 7 * _Q * rng.randint(22, 28)
        training = total - sick - leave
        plan: list[tuple[ActivityCategory, int, int]] = [
            (ActivityCategory.LEAVE, leave, 5), (ActivityCategory.SICK_LEAVE, sick, 3),
        ]
        for category, quarters, longest in plan:
            while quarters > 0:
                staff = rng.choice(self.educators)
                block = min(rng.randint(1, longest), -(-quarters // (7 * _Q)))
                start = rng.choice(self.work_days)
                days = [d for d in self.work_days if d >= start][:block]
                if any((staff, d) in self.absent for d in days):
                    continue
                for day in days:
                    hours = min(7 * _Q, quarters)
                    if hours <= 0:
                        break
                    self._absent_entry(category, staff, day, hours)
                    quarters -= hours
        # Training: whole and half days; the remainder (never under an hour) closes it.
        while training > 0:
            piece = self._pick({7 * _Q: 2, 14: 1})
            if training - piece < _Q and training != piece:
                piece = training if training <= 8 * _Q else training - 2 * _Q
            piece = min(piece, training)
            staff = rng.choice(self.educators)
            day = rng.choice(self.work_days)
            if (staff, day) in self.absent:
                continue
            self._absent_entry(ActivityCategory.TRAINING, staff, day, piece)
            training -= piece

    def _absent_entry(
        self, category: ActivityCategory, staff: uuid.UUID, day: date, quarters: int
    ) -> None:
        self.plan.typed_entries.append(
            TimeEntry(id=self._id(), created_at=self._stamp(day), staff_id=staff, date=day,
                      category=category, hours=quarters / _Q)
        )
        self.produced[category] += quarters
        self.load[(staff, day)] += quarters
        if category is not ActivityCategory.TRAINING or quarters >= 6 * _Q:
            self.absent.add((staff, day))

    # ----------------------------------------------------------------- collective actions

    def _collective_actions(self) -> None:
        """Seven actions of seven types; 345 young concerned; families not recorded."""
        rng, p = self.rng, self.plan
        t = CollectiveActionType
        holidays_wd = [d for d in self.field_days if d in self.school_holidays
                       and d.weekday() < 5 and d.month != 12 and d.month != 1]
        term = [d for d in self.field_days if d not in self.school_holidays]
        summer_start, summer_end = date(self.year, 6, 15), date(self.year, 8, 31)
        summer = [d for d in self.field_days if summer_start <= d <= summer_end]
        candidates: dict[CollectiveActionType, list[date]] = {
            t.WORK_PROJECT: holidays_wd,
            t.OUTING: sorted({d for d in self.field_days if d.weekday() == 5}
                             | set(holidays_wd) | {d for d in self.field_days if d.weekday() == 2}),
            t.SPORT: [d for d in self.field_days if d.weekday() in (1, 4) and d.month != 8],
            t.CULTURE: [d for d in term if d.weekday() == 2] + [d for d in holidays_wd
                                                                 if d.weekday() == 3],
            t.STREET_WORKSHOP: sorted(set(summer) | {d for d in self.field_days if d.weekday() == 2
                                                     and 4 <= d.month <= 10}),
            t.DIGITAL: [d for d in term if d.weekday() in (0, 3)],
        }
        # Hours per staff (quarters) and staff present, per action type.
        shape: dict[CollectiveActionType, tuple[tuple[int, int], tuple[int, ...]]] = {
            t.WORK_PROJECT: ((24, 30), (2, 3, 3)),
            t.OUTING: ((20, 36), (2, 2, 3)),
            t.SPORT: ((10, 14), (2,)),
            t.CULTURE: ((10, 16), (1, 2)),
            t.STREET_WORKSHOP: ((12, 18), (2, 2, 3)),
            t.DIGITAL: ((8, 12), (1, 2)),
        }
        share = {t.WORK_PROJECT: 0.18, t.OUTING: 0.28, t.SPORT: 0.14, t.CULTURE: 0.1,
                 t.STREET_WORKSHOP: 0.2, t.DIGITAL: 0.1}
        order = [t.WORK_PROJECT, t.RESIDENTIAL_TRIP, t.OUTING, t.SPORT, t.CULTURE,
                 t.STREET_WORKSHOP, t.DIGITAL]
        action_ids = {kind: self._id() for kind in order}
        produced: Counter[CollectiveActionType] = Counter()

        # Séjours: three trips of consecutive days, 12 h a day for each of three staff.
        for month, day_of_month, length in ((7, 11, 5), (8, 16, 4), (10, 24, 4)):
            # A trip moves on by a week when too many of the team are on leave.
            for shift in (0, 7, 14, 21, 28):
                begin = date(self.year, month, day_of_month) + timedelta(days=shift)
                days = [begin + timedelta(days=n) for n in range(8)]
                days = [d for d in days if d.weekday() < 5 and d not in self.holidays][:length]
                crew = [s for s in self.educators
                        if all(self._fits(s, d, 12 * _Q) for d in days)]
                if len(crew) >= 2:
                    break
            else:
                raise RuntimeError("démo : aucune équipe disponible pour un séjour")
            # Social workers first: the chief joins a trip only when short of staff.
            crew = sorted(crew, key=lambda s: s == self.chief)[:3]
            for day in days:
                session = CollectiveActionSession(
                    id=self._id(), created_at=self._stamp(day),
                    action_id=action_ids[t.RESIDENTIAL_TRIP], date=day, hours=12.0,
                    staff_ids=crew,
                )
                p.action_sessions.append(session)
                self._accept(ActivityCategory.COLLECTIVE_ACTIONS,
                             _Candidate(session, day, crew, 12 * _Q))
        target = DEMO_HOURS[ActivityCategory.COLLECTIVE_ACTIONS] * _Q
        rest = target - self.produced[ActivityCategory.COLLECTIVE_ACTIONS]

        free = {kind: list(days) for kind, days in candidates.items()}

        def propose(forced: int | None) -> _Candidate | None:
            open_kinds = [k for k in share if free[k]]
            if not open_kinds:
                return None
            # Actions behind their share of the hours are drawn more often.
            lag = [max(share[k] * rest - produced[k], 0.05 * share[k] * rest) for k in open_kinds]
            kind = rng.choices(open_kinds, weights=lag)[0]
            day = rng.choice(free[kind])
            (low, high), counts = shape[kind]
            quarters = forced if forced is not None else rng.randint(low, high)
            wanted = 1 if forced is not None else rng.choice(counts)
            pool = self._team_for_field()
            staff = next((found for n in range(wanted, 0, -1)
                          if (found := self._available(pool, day, quarters, n))), None)
            if staff is None:
                # Nobody has room left that day: the date is spent for this action.
                free[kind].remove(day)
                return None
            session = CollectiveActionSession(
                id=self._id(), created_at=self._stamp(day), action_id=action_ids[kind],
                date=day, hours=quarters / _Q, staff_ids=staff,
            )

            def commit() -> None:
                free[kind].remove(day)
                produced[kind] += quarters * len(staff)
                p.action_sessions.append(session)

            return _Candidate(session, day, staff, quarters, commit)

        self._fill(ActivityCategory.COLLECTIVE_ACTIONS, target, propose, max_piece=16)
        p.action_sessions.sort(key=lambda s: (s.date, str(s.id)))

        # Participants: distinct coded young + anonymous people = 345 young concerned.
        coded_pool = [y.id for y in p.young_people
                      if self.age_mid[y.id] is None or 11 <= (self.age_mid[y.id] or 0) <= 21]
        distinct = rng.sample(coded_pool, min(len(coded_pool), rng.randint(55, 75)))
        anonymous_total = DEMO_YOUNG_CONCERNED - len(distinct)
        size = {t.WORK_PROJECT: 2, t.RESIDENTIAL_TRIP: 1, t.OUTING: 5, t.SPORT: 4,
                t.CULTURE: 2, t.STREET_WORKSHOP: 5, t.DIGITAL: 1.5}
        participants: dict[CollectiveActionType, list[uuid.UUID]] = {k: [] for k in order}
        for index, young in enumerate(distinct):
            # The first ones seed every action with coded participants; then by size.
            kinds = {order[index % len(order)]} if index < 3 * len(order) else set()
            kinds |= set(rng.choices(order, weights=[size[k] for k in order],
                                     k=rng.randint(0, 2)))
            if not kinds:
                kinds = {self._pick(size)}
            for kind in kinds:
                participants[kind].append(young)
        anonymous = Counter(rng.choices(order, weights=[size[k] for k in order],
                                        k=anonymous_total))
        partner_types = {
            t.WORK_PROJECT: [PartnerType.HOUSING, PartnerType.SOCIAL_CENTRE],
            t.RESIDENTIAL_TRIP: [PartnerType.MUNICIPALITY],
            t.OUTING: [PartnerType.SOCIAL_CENTRE, PartnerType.MUNICIPALITY],
            t.SPORT: [PartnerType.ASSOCIATION, PartnerType.MUNICIPALITY],
            t.CULTURE: [PartnerType.SOCIAL_CENTRE],
            t.STREET_WORKSHOP: [PartnerType.SOCIAL_CENTRE, PartnerType.HOUSING],
            t.DIGITAL: [PartnerType.ASSOCIATION, PartnerType.MISSION_LOCALE],
        }
        for kind in order:
            partner_ids = [pid for pt in partner_types[kind] for pid in self.partners_by_type[pt]]
            p.actions.append(CollectiveAction(
                id=action_ids[kind], created_at=self._stamp(self.first),
                title=_ACTION_TITLES[kind], type=kind,
                participant_ids=sorted(participants[kind], key=str),
                anonymous_participants=self._tallies(anonymous[kind]),
                families=NOT_RECORDED, partner_ids=partner_ids,
            ))

    # ----------------------------------------------------------------- field sessions

    def _field_sessions(self) -> None:
        """Street work, social presence, school gates and online presence (2 150 h)."""
        rng, p = self.rng, self.plan
        k = FieldSessionKind
        term_days = [d for d in self.work_days if d not in self.school_holidays]
        young_by_sector: defaultdict[uuid.UUID | None, list[uuid.UUID]] = defaultdict(list)
        for young, sector in self.sector_of.items():
            young_by_sector[sector].append(young)
        everyone = list(self.sector_of)

        def timing(kind: FieldSessionKind, day: date) -> tuple[int, int]:
            """Start (in quarters after midnight) and length (quarters)."""
            if kind is k.SCHOOL_GATES:
                return self._pick({47: 1, 65: 2}), rng.choice((6, 6, 7, 8))
            if kind is k.ONLINE:
                return rng.randint(72, 84), rng.choice((4, 5, 6, 8))
            if kind is k.SOCIAL_PRESENCE:
                return rng.randint(56, 66), rng.choice((8, 9, 10, 12))
            summer = 6 <= day.month <= 8
            slot = self._pick({"afternoon": 3 if summer else 4, "evening": 5 if summer else 4,
                               "night": 3 if summer else 1})
            if slot == "afternoon":
                return rng.randint(56, 60), rng.randint(10, 16)
            if slot == "evening":
                return rng.randint(70, 78), rng.randint(10, 16)
            # Late outings start at 21:00–22:00 and often end after midnight.
            return rng.randint(84, 88), rng.randint(12, 16)

        def propose(forced: int | None) -> _Candidate | None:
            if forced is None:
                kind = self._pick({k.STREET_WORK: 55, k.SOCIAL_PRESENCE: 18,
                                   k.SCHOOL_GATES: 15, k.ONLINE: 12})
                days = term_days if kind in (k.SCHOOL_GATES, k.SOCIAL_PRESENCE) else self.field_days
                day = rng.choice(days)
                start, length = timing(kind, day)
                wanted = {k.STREET_WORK: self._pick({2: 85, 3: 10, 1: 5}),
                          k.SOCIAL_PRESENCE: rng.choice((1, 2)), k.SCHOOL_GATES: 2,
                          k.ONLINE: 1}[kind]
            else:
                # Closing pieces: a permanence (or an online hour) held by one educator.
                kind = k.SOCIAL_PRESENCE if forced >= 6 else k.ONLINE
                day = rng.choice(term_days)
                start, length, wanted = 60 if kind is k.SOCIAL_PRESENCE else 76, forced, 1
            start_time = time(start // _Q, (start % _Q) * 15)
            end = (start + length) % (24 * _Q)
            end_time = time(end // _Q, (end % _Q) * 15)
            sector = None if kind is k.ONLINE else self._pick(self.sector_weights)
            draft = FieldSession(date=day, start_time=start_time, end_time=end_time,
                                 staff_ids=[self.chief])
            # Derived hours are the real elapsed time rounded (daylight-saving nights).
            quarters = round(round_to_quarter(draft.hours) * _Q)
            if forced is not None and quarters != forced:
                return None
            staff = self._available(self._team_for_field(), day, quarters, wanted)
            if staff is None:
                return None
            contacts = {k.STREET_WORK: (4, 20), k.SOCIAL_PRESENCE: (3, 14),
                        k.SCHOOL_GATES: (12, 32), k.ONLINE: (2, 10)}[kind]
            pool = everyone if sector is None else young_by_sector[sector]
            met = rng.sample(pool, min(len(pool), self._pick({0: 25, 1: 30, 2: 25, 3: 12, 4: 8})))
            session = FieldSession(
                id=self._id(), created_at=self._stamp(day), date=day, start_time=start_time,
                end_time=end_time, staff_ids=staff, session_kind=kind, sector_id=sector,
                tallies=self._tallies(rng.randint(*contacts), school=kind is k.SCHOOL_GATES),
                adults_met=rng.choice((0, 0, 0, 1, 1, 2, 3, 5)),
                partners_met=rng.choice((0, 0, 0, 1, 1, 2)),
                young_met_ids=met,
                observation=rng.choice(_OBSERVATIONS) if rng.random() < 0.6 else "",
            )

            def commit() -> None:
                p.field_sessions.append(session)
                for young in met:
                    self.young_met[young] += 1

            return _Candidate(session, day, staff, quarters, commit)

        self._fill(ActivityCategory.STREET_WORK, DEMO_HOURS[ActivityCategory.STREET_WORK] * _Q,
                   propose, max_piece=12)
        # Every coded young person is met at least once in the year (« jeunes connus »).
        sessions = p.field_sessions
        in_person = [i for i, s in enumerate(sessions) if s.session_kind is not k.ONLINE]
        for young, times in self.young_met.items():
            if times:
                continue
            sector = self.sector_of[young]
            choices = [i for i in in_person if sector is None or sessions[i].sector_id == sector]
            index = rng.choice(choices or in_person)
            session = sessions[index]
            p.field_sessions[index] = session.model_copy(
                update={"young_met_ids": [*session.young_met_ids, young]}
            )
            self.young_met[young] = 1
        p.field_sessions.sort(key=lambda s: (s.date, s.start_time, str(s.id)))

    # ----------------------------------------------------------------- supports

    def _supports(self) -> None:
        """40–80 supports active in the year, every origin, problem and duration bracket."""
        rng, p = self.rng, self.plan
        eligible = [y for y in p.young_people
                    if self.age_mid[y.id] is None or 11 <= (self.age_mid[y.id] or 0) <= 22]
        chosen = rng.sample(eligible, rng.randint(52, 68))
        count = len(chosen)
        # Duration brackets at 31/12: every bracket gets at least three supports.
        mix = {"lt3m": 15, "3-6m": 20, "6-12m": 30, "1-2y": 20, "gt2y": 15}
        brackets = [b for b in DURATION_BRACKETS for _ in range(3)]
        brackets += rng.choices(list(mix), weights=list(mix.values()), k=count - len(brackets))
        rng.shuffle(brackets)
        spans = {"lt3m": (12, 85), "3-6m": (95, 175), "6-12m": (190, 355),
                 "1-2y": (370, 720), "gt2y": (740, 1400)}
        origins = list(SupportOrigin)
        origin_mix = {SupportOrigin.STREET_WORK: 35, SupportOrigin.PARTNER_REFERRAL: 20,
                      SupportOrigin.OWN_REQUEST: 12, SupportOrigin.FAMILY: 8,
                      SupportOrigin.PEERS: 12, SupportOrigin.COLLECTIVE_ACTION: 10,
                      SupportOrigin.OTHER: 3}
        problems = list(Problem)
        problem_mix = {
            Problem.SCHOOLING: 14, Problem.EMPLOYMENT: 12, Problem.HOUSING: 6,
            Problem.FAMILY_RELATIONS: 12, Problem.MENTAL_HEALTH: 7, Problem.PHYSICAL_HEALTH: 3,
            Problem.ADDICTION: 5, Problem.JUSTICE: 6, Problem.RIGHTS_ACCESS: 9,
            Problem.RESOURCES: 5, Problem.MOBILITY: 4, Problem.RISK_BEHAVIOUR: 6,
            Problem.VIOLENCE: 3, Problem.ISOLATION: 4, Problem.DIGITAL: 3, Problem.OTHER: 1,
        }
        # Every end reason occurs; « limite d'âge » goes to the oldest, never to a minor.
        pending = [r for r in EndReason if r is not EndReason.AGE_LIMIT]
        rng.shuffle(pending)
        oldest = max(chosen, key=lambda y: self.age_mid[y.id] or 0).id
        self.supports: list[_Support] = []
        for index, young in enumerate(chosen):
            bracket = brackets[index]
            low, high = spans[bracket]
            span = rng.randint(low, high)
            age = self.age_mid[young.id] or 0
            reason: EndReason | None = None
            if young.id == oldest:
                reason = EndReason.AGE_LIMIT
            elif pending:
                reason = pending.pop()
            elif rng.random() < 0.3:
                # About a third end during the year; the others are still open on 31/12.
                reason = self._pick({
                    EndReason.MAINSTREAM_HANDOVER: 30, EndReason.GOAL_REACHED: 25,
                    EndReason.LOST_CONTACT: 15, EndReason.MOVED: 10, EndReason.REFUSED: 5,
                    EndReason.AGE_LIMIT: 8 if age >= 20 else 0, EndReason.OTHER: 7,
                })
            end: date | None
            if reason is not None:
                end = self.first + timedelta(days=rng.randint(40, 364))
                if bracket == "lt3m":
                    end = max(end, self.first + timedelta(days=span + 10))
                start = end - timedelta(days=span)
            else:
                end = None
                start = self.last - timedelta(days=span)
            if duration_bracket(start, min(end or self.last, self.last)) != bracket:
                raise RuntimeError("démo : tranche de durée mal construite")
            origin = origins[index] if index < len(origins) else self._pick(origin_mix)
            ticked = {problems[index]} if index < len(problems) else set()
            for extra in rng.choices(problems, weights=[problem_mix[x] for x in problems],
                                     k=rng.choice((1, 1, 2, 2, 3))):
                if len(ticked) < 3:
                    ticked.add(extra)
            referent = self.chief if rng.random() < 0.06 else rng.choice(self.workers)
            record = IndividualSupport(
                id=self._id(), created_at=self._stamp(start), young_person_id=young.id,
                referent_id=referent, start_date=start, origin=origin,
                problems=sorted(ticked, key=problems.index), end_date=end, end_reason=reason,
            )
            first, last = max(start, self.first), min(end or self.last, self.last)
            intensity = rng.uniform(0.5, 2.0)
            weight = ((last - first).days + 5) * intensity
            self.supports.append(_Support(record, first, last, weight))
            p.supports.append(record)
        p.supports.sort(key=lambda s: (s.start_date, str(s.id)))

    def _interventions(self) -> None:
        """Interventions of every type inside each support's window (4 103 h)."""
        rng, p = self.rng, self.plan
        it = InterventionType
        mix = {it.INTERVIEW: 34, it.ACCOMPANIMENT: 24, it.FAMILY_MEETING: 8,
               it.HOME_VISIT: 8, it.PARTNER_CONTACT: 14, it.ADMIN_STEP: 12}
        lengths = {it.INTERVIEW: (3, 8), it.ACCOMPANIMENT: (6, 16), it.FAMILY_MEETING: (4, 8),
                   it.HOME_VISIT: (4, 8), it.PARTNER_CONTACT: (2, 6), it.ADMIN_STEP: (3, 8)}
        pair = {it.INTERVIEW: 0.1, it.ACCOMPANIMENT: 0.2, it.FAMILY_MEETING: 0.5,
                it.HOME_VISIT: 0.6, it.PARTNER_CONTACT: 0.05, it.ADMIN_STEP: 0.1}
        partnered = [partner.id for partner in p.partners]
        supports = self.supports
        weights = [s.weight for s in supports]
        kinds = list(mix)

        def propose(forced: int | None) -> _Candidate | None:
            support = rng.choices(supports, weights=weights)[0]
            kind = rng.choice(kinds) if forced is not None else self._pick(mix)
            span = (support.last - support.first).days
            day = support.first + timedelta(days=rng.randint(0, span))
            if day.weekday() == 6 or day in self.holidays:
                return None
            quarters = forced if forced is not None else rng.randint(*lengths[kind])
            referent = support.record.referent_id or self.workers[0]
            staff = [referent]
            if forced is None and rng.random() < pair[kind]:
                staff.append(rng.choice([w for w in self.workers if w != referent]))
            if not all(self._fits(s, day, quarters) for s in staff):
                staff = self._available(self.workers, day, quarters, len(staff)) or []
                if not staff:
                    return None
            partner = (rng.choice(partnered)
                       if kind is it.PARTNER_CONTACT
                       or (kind is it.ACCOMPANIMENT and rng.random() < 0.6) else None)
            record = Intervention(
                id=self._id(), created_at=self._stamp(day), support_id=support.record.id,
                date=day, type=kind, duration_hours=quarters / _Q, staff_ids=staff,
                partner_id=partner,
            )
            return _Candidate(record, day, staff, quarters,
                              lambda: p.interventions.append(record))

        self._fill(ActivityCategory.INDIVIDUAL_SUPPORT,
                   DEMO_HOURS[ActivityCategory.INDIVIDUAL_SUPPORT] * _Q, propose, max_piece=12)
        p.interventions.sort(key=lambda i: (i.date, str(i.id)))

    def _referrals_and_reports(self) -> None:
        """Referrals to varied partner types; 2–4 concern reports (CRIP, parquet)."""
        rng, p = self.rng, self.plan
        types = [pt for pt in PartnerType if pt is not PartnerType.OTHER]
        rng.shuffle(types)
        for index, support in enumerate(self.supports):
            record = support.record
            handed_over = record.end_reason is EndReason.MAINSTREAM_HANDOVER
            if not handed_over and index >= len(types) and rng.random() > 0.3:
                continue
            kind = types[index % len(types)]
            day = support.last if handed_over else support.first + timedelta(
                days=rng.randint(0, (support.last - support.first).days))
            partners = self.partners_by_type.get(kind) or [None]
            p.referrals.append(Referral(
                id=self._id(), created_at=self._stamp(day), support_id=record.id, date=day,
                partner_type=kind, partner_id=rng.choice(partners),
            ))
        minors = [s for s in self.supports
                  if (self.age_mid[s.record.young_person_id] or 99) < 18]
        reports = rng.sample(minors, rng.randint(2, 4))
        for index, support in enumerate(reports):
            span = (support.last - support.first).days
            day = support.first + timedelta(days=rng.randint(0, span))
            p.concern_reports.append(ConcernReport(
                id=self._id(), created_at=self._stamp(day),
                young_person_id=support.record.young_person_id, date=day,
                addressee=ConcernAddressee.PROSECUTOR if index == 2 else ConcernAddressee.CRIP,
            ))
        p.referrals.sort(key=lambda r: (r.date, str(r.id)))
        p.concern_reports.sort(key=lambda r: (r.date, str(r.id)))

    def _identities(self) -> None:
        """A few supported young gave an identity (all four fields optional)."""
        rng, p = self.rng, self.plan
        by_id = {y.id: y for y in p.young_people}
        supported = [by_id[s.record.young_person_id] for s in self.supports]
        for sex, last_name, first_name in _IDENTITIES[: rng.randint(8, len(_IDENTITIES))]:
            matching = [y for y in supported if y.sex is sex]
            if not matching:
                continue
            young = rng.choice(matching)
            supported.remove(young)
            phone = "06 39 98 " + " ".join(f"{rng.randint(0, 99):02d}" for _ in range(2))
            address = f"{rng.randint(1, 60)} rue {rng.choice(_STREETS)}"
            p.identities.append(Identity(
                id=self._id(), created_at=self._stamp(self.first), young_person_id=young.id,
                last_name=last_name, first_name=first_name,
                address=address if rng.random() < 0.6 else "",
                phone=phone if rng.random() < 0.8 else "",
            ))

    # ----------------------------------------------------------------- typed hours

    def _typed(self, category: ActivityCategory, sizes: list[int], *, max_piece: int) -> None:
        """Writing or partnership hours typed by hand, one entry per person and day.

        The chief writes and meets partners more than the social workers do.
        """
        rng, p = self.rng, self.plan
        weights = [2.0 if s == self.chief else 1.0 for s in self.educators]

        def propose(forced: int | None) -> _Candidate | None:
            quarters = forced if forced is not None else rng.choice(sizes)
            best: tuple[int, uuid.UUID, date] | None = None
            for _ in range(8):
                staff = rng.choices(self.educators, weights=weights)[0]
                day = rng.choice(self.work_days)
                if self._fits(staff, day, quarters) and (best is None
                                                         or self.load[(staff, day)] < best[0]):
                    best = (self.load[(staff, day)], staff, day)
            if best is None:
                return None
            _, staff, day = best
            entry = TimeEntry(id=self._id(), created_at=self._stamp(day), staff_id=staff,
                              date=day, category=category, hours=quarters / _Q)
            return _Candidate(entry, day, [staff], quarters,
                              lambda: p.typed_entries.append(entry))

        self._fill(category, DEMO_HOURS[category] * _Q, propose, max_piece=max_piece,
                   min_piece=2)
        p.typed_entries.sort(key=lambda e: (e.date, str(e.id)))

    def _check(self) -> None:
        """The plan's own accounting must match the Arras row before anything is written."""
        leave = sum(self.produced[c] for c in (ActivityCategory.TRAINING, ActivityCategory.LEAVE,
                                               ActivityCategory.SICK_LEAVE))
        if leave != DEMO_TRAINING_LEAVE_HOURS * _Q or any(
            self.produced[c] != h * _Q for c, h in DEMO_HOURS.items()
        ):
            raise RuntimeError("démo : heures planifiées différentes du tableau d'Arras")
        if any(self.load[key] > self.cap[key[0]] for key in self.load):
            raise RuntimeError("démo : journée de travail trop chargée")
