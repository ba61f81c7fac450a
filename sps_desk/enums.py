"""Fixed lists of the domain, with the French labels used in the UI and the reports.

Each enum's value is a stable English code stored in the database and the statistics
file; ``label`` is the exact French term of the field (GLOSSARY.md). Changing a value is a
schema change; changing a label is not.
"""

from enum import StrEnum


class LabelledEnum(StrEnum):
    """A ``StrEnum`` whose members carry a French label (``member.label``)."""

    @property
    def label(self) -> str:
        """French label of the member, as printed in the UI and the reports."""
        return _LABELS[type(self).__name__][self.value]


class Sex(LabelledEnum):
    """Sex as declared or perceived; ``NOT_STATED`` is a value, not a missing field."""

    FEMALE = "F"
    MALE = "M"
    OTHER = "other"
    NOT_STATED = "not_stated"


class BirthDatePrecision(LabelledEnum):
    """How much of a recorded birth date is known.

    A young person often gives only an age or a year; the date stored is then the first
    day of the known period (month or year) and the precision says so.
    """

    EXACT = "exact"
    MONTH = "month"
    YEAR = "year"
    ESTIMATED = "estimated"


class Role(LabelledEnum):
    """Role of a staff member in the team (Département model, « Composition des équipes »)."""

    HEAD = "head"
    SOCIAL_WORKER = "social_worker"
    ADMINISTRATIVE = "administrative"
    MAINTENANCE = "maintenance"
    OTHER = "other"


class Situation(LabelledEnum):
    """School or work situation of a young person."""

    PRIMARY_SCHOOL = "primary_school"
    COLLEGE = "college"
    LYCEE = "lycee"
    APPRENTICESHIP = "apprenticeship"
    HIGHER_EDUCATION = "higher_education"
    TRAINING = "training"
    EMPLOYED = "employed"
    DROPOUT = "dropout"
    NEET = "neet"
    UNKNOWN = "unknown"


class FieldSessionKind(LabelledEnum):
    """Kind of field session (référentiel § Travail de rue « aller vers », Présence sociale)."""

    STREET_WORK = "street_work"
    SOCIAL_PRESENCE = "social_presence"
    SCHOOL_GATES = "school_gates"
    ONLINE = "online"


class SupportOrigin(LabelledEnum):
    """How the support relation started (« origine de la rencontre »)."""

    STREET_WORK = "street_work"
    PARTNER_REFERRAL = "partner_referral"
    OWN_REQUEST = "own_request"
    FAMILY = "family"
    PEERS = "peers"
    COLLECTIVE_ACTION = "collective_action"
    OTHER = "other"


class Problem(LabelledEnum):
    """Problématiques à l'origine de l'accompagnement (multi-choice, ticked at start)."""

    SCHOOLING = "schooling"
    EMPLOYMENT = "employment"
    HOUSING = "housing"
    FAMILY_RELATIONS = "family_relations"
    MENTAL_HEALTH = "mental_health"
    PHYSICAL_HEALTH = "physical_health"
    ADDICTION = "addiction"
    JUSTICE = "justice"
    RIGHTS_ACCESS = "rights_access"
    RESOURCES = "resources"
    MOBILITY = "mobility"
    RISK_BEHAVIOUR = "risk_behaviour"
    VIOLENCE = "violence"
    ISOLATION = "isolation"
    DIGITAL = "digital"
    OTHER = "other"


class EndReason(LabelledEnum):
    """Why a support ended."""

    MAINSTREAM_HANDOVER = "mainstream_handover"
    GOAL_REACHED = "goal_reached"
    LOST_CONTACT = "lost_contact"
    MOVED = "moved"
    REFUSED = "refused"
    AGE_LIMIT = "age_limit"
    OTHER = "other"


class InterventionType(LabelledEnum):
    """Kind of dated event inside a support."""

    INTERVIEW = "interview"
    ACCOMPANIMENT = "accompaniment"
    FAMILY_MEETING = "family_meeting"
    HOME_VISIT = "home_visit"
    PARTNER_CONTACT = "partner_contact"
    ADMIN_STEP = "admin_step"


class PartnerType(LabelledEnum):
    """Type of partner, used for referrals and partnership work."""

    MISSION_LOCALE = "mission_locale"
    MDS = "mds"
    MDA = "mda"
    PAEJ = "paej"
    COLLEGE = "college"
    LYCEE = "lycee"
    PJJ = "pjj"
    CMP = "cmp"
    SOCIAL_CENTRE = "social_centre"
    ASE = "ase"
    CCAS = "ccas"
    FRANCE_TRAVAIL = "france_travail"
    HOUSING = "housing"
    HEALTH = "health"
    ASSOCIATION = "association"
    MUNICIPALITY = "municipality"
    OTHER = "other"


class ConcernAddressee(LabelledEnum):
    """Addressee of an information préoccupante; its content is never stored."""

    CRIP = "crip"
    PROSECUTOR = "prosecutor"


class CollectiveActionType(LabelledEnum):
    """Type of collective action (référentiel § Actions collectives)."""

    WORK_PROJECT = "work_project"
    RESIDENTIAL_TRIP = "residential_trip"
    OUTING = "outing"
    SPORT = "sport"
    CULTURE = "culture"
    STREET_WORKSHOP = "street_workshop"
    DIGITAL = "digital"
    PARENTING = "parenting"
    OTHER = "other"


class ActivityCategory(LabelledEnum):
    """Category of hours (columns of the departmental hours table, 2022).

    ``TRAINING``, ``LEAVE`` and ``SICK_LEAVE`` are entered apart but reported in one
    column, « Formations / Congés / Congés maladie »: see :data:`REPORT_COLUMNS`.
    """

    STREET_WORK = "street_work"
    INDIVIDUAL_SUPPORT = "individual_support"
    COLLECTIVE_ACTIONS = "collective_actions"
    TRAINING = "training"
    LEAVE = "leave"
    SICK_LEAVE = "sick_leave"
    WRITING = "writing"
    PARTNERSHIP = "partnership"
    PREPARATION = "preparation"


class ReportColumn(LabelledEnum):
    """The seven columns of the Département's hours table, in its order."""

    STREET_WORK = "street_work"
    INDIVIDUAL_SUPPORT = "individual_support"
    COLLECTIVE_ACTIONS = "collective_actions"
    TRAINING_LEAVE = "training_leave"
    WRITING = "writing"
    PARTNERSHIP = "partnership"
    PREPARATION = "preparation"


REPORT_COLUMN_OF: dict[ActivityCategory, ReportColumn] = {
    ActivityCategory.STREET_WORK: ReportColumn.STREET_WORK,
    ActivityCategory.INDIVIDUAL_SUPPORT: ReportColumn.INDIVIDUAL_SUPPORT,
    ActivityCategory.COLLECTIVE_ACTIONS: ReportColumn.COLLECTIVE_ACTIONS,
    ActivityCategory.TRAINING: ReportColumn.TRAINING_LEAVE,
    ActivityCategory.LEAVE: ReportColumn.TRAINING_LEAVE,
    ActivityCategory.SICK_LEAVE: ReportColumn.TRAINING_LEAVE,
    ActivityCategory.WRITING: ReportColumn.WRITING,
    ActivityCategory.PARTNERSHIP: ReportColumn.PARTNERSHIP,
    ActivityCategory.PREPARATION: ReportColumn.PREPARATION,
}
"""Which report column each category of hours is added to."""


class CheckRule(LabelledEnum):
    """Rules of « À vérifier », the chief's data-quality check (issue 15): each finds
    lines worth a look before the report; the chief can mark a line as checked."""

    IDLE_SUPPORT = "idle_support"
    UNKNOWN_SEX_OR_AGE = "unknown_sex_or_age"
    EMPTY_OUTING = "empty_outing"
    LONG_DAY = "long_day"
    LONG_WEEK = "long_week"
    OUTSIDE_PERIODS = "outside_periods"
    ACTION_WITHOUT_SESSION = "action_without_session"


_LABELS: dict[str, dict[str, str]] = {
    "Sex": {"F": "Féminin", "M": "Masculin", "other": "Autre", "not_stated": "Non précisé"},
    "BirthDatePrecision": {
        "exact": "Date exacte",
        "month": "Mois connu",
        "year": "Année connue",
        "estimated": "Estimée",
    },
    "Role": {
        "head": "Direction / chef de service",
        "social_worker": "Travailleur social",
        "administrative": "Administratif",
        "maintenance": "Agent d'entretien",
        "other": "Autre",
    },
    "Situation": {
        "primary_school": "École primaire",
        "college": "Collège",
        "lycee": "Lycée",
        "apprenticeship": "Apprentissage",
        "higher_education": "Études supérieures",
        "training": "Formation",
        "employed": "Emploi",
        "dropout": "Déscolarisé",
        "neet": "NEET (ni emploi, ni études, ni formation)",
        "unknown": "Non renseignée",
    },
    "FieldSessionKind": {
        "street_work": "Travail de rue",
        "social_presence": "Présence sociale / permanence",
        "school_gates": "Abords de collège",
        "online": "Présence en ligne (promeneurs du net)",
    },
    "SupportOrigin": {
        "street_work": "Travail de rue",
        "partner_referral": "Orientation par un partenaire",
        "own_request": "Demande du jeune",
        "family": "Famille",
        "peers": "Pairs",
        "collective_action": "Action collective",
        "other": "Autre",
    },
    "Problem": {
        "schooling": "Scolarité, décrochage scolaire",
        "employment": "Insertion professionnelle, emploi",
        "housing": "Logement, hébergement",
        "family_relations": "Relations familiales",
        "mental_health": "Santé psychique, mal-être",
        "physical_health": "Santé physique",
        "addiction": "Conduites addictives",
        "justice": "Justice, délinquance",
        "rights_access": "Accès aux droits, démarches administratives",
        "resources": "Ressources, budget",
        "mobility": "Mobilité",
        "risk_behaviour": "Conduites à risque",
        "violence": "Violences subies",
        "isolation": "Isolement, repli sur soi",
        "digital": "Usages numériques, réseaux sociaux",
        "other": "Autre",
    },
    "EndReason": {
        "mainstream_handover": "Relais vers le droit commun",
        "goal_reached": "Objectif atteint",
        "lost_contact": "Perdu de vue",
        "moved": "Déménagement",
        "refused": "Refus du jeune",
        "age_limit": "Limite d'âge",
        "other": "Autre",
    },
    "InterventionType": {
        "interview": "Entretien",
        "accompaniment": "Accompagnement à un rendez-vous",
        "family_meeting": "Rencontre avec la famille",
        "home_visit": "Visite à domicile",
        "partner_contact": "Contact avec un partenaire",
        "admin_step": "Démarche administrative",
    },
    "PartnerType": {
        "mission_locale": "Mission locale",
        "mds": "Maison du Département Solidarité (MDS)",
        "mda": "Maison des adolescents (MDA)",
        "paej": "Point accueil écoute jeunes (PAEJ)",
        "college": "Collège",
        "lycee": "Lycée",
        "pjj": "Protection judiciaire de la jeunesse (PJJ)",
        "cmp": "Centre médico-psychologique (CMP)",
        "social_centre": "Centre social",
        "ase": "Aide sociale à l'enfance (ASE)",
        "ccas": "CCAS",
        "france_travail": "France Travail",
        "housing": "Logement, hébergement",
        "health": "Santé",
        "association": "Association",
        "municipality": "Commune",
        "other": "Autre",
    },
    "ConcernAddressee": {"crip": "CRIP", "prosecutor": "Parquet"},
    "CollectiveActionType": {
        "work_project": "Chantier éducatif",
        "residential_trip": "Séjour éducatif",
        "outing": "Sortie",
        "sport": "Activité sportive",
        "culture": "Activité culturelle",
        "street_workshop": "Atelier de rue",
        "digital": "Numérique",
        "parenting": "Parentalité, famille",
        "other": "Autre",
    },
    "ActivityCategory": {
        "street_work": "Travail de rue",
        "individual_support": "Accompagnements individuels",
        "collective_actions": "Actions collectives",
        "training": "Formations",
        "leave": "Congés",
        "sick_leave": "Congés maladie",
        "writing": "Écrits professionnels",
        "partnership": "Actions partenariales et réunions diverses",
        "preparation": "Temps de préparation des activités",
    },
    "ReportColumn": {
        "street_work": "Travail de rue",
        "individual_support": "Accompagnements individuels",
        "collective_actions": "Actions collectives",
        "training_leave": "Formations / Congés / Congés maladie",
        "writing": "Écrits professionnels",
        "partnership": "Actions partenariales et réunions diverses",
        "preparation": "Temps de préparation des activités",
    },
    "CheckRule": {
        "idle_support": "Accompagnements sans activité depuis 3 mois (à clore ?)",
        "unknown_sex_or_age": "Jeunes sans sexe ou sans année de naissance",
        "empty_outing": "Sorties sans rencontre comptée ni jeune noté",
        "long_day": "Journées de plus de 10 heures",
        "long_week": "Semaines de plus de 48 heures",
        "outside_periods": "Heures hors des périodes d'activité",
        "action_without_session": "Actions collectives sans séance dans l'année",
    },
}
