"""The service's settings: what the chief sets once and the reports and the purge use.

Name, managing body (« structure gestionnaire »), linked MDS (« MDS de rattachement »),
the statistical-secrecy threshold ``k`` of the Département file, the retention period of
the purge and the categories of hours counted inside another one (the 2022 table's
« Dans les accompagnements individuels »). All but the retention period live in the
:class:`~sps_desk.records.Service` record, saved through its repository so that the
chief's change reaches the laptops with the team bundles (issue 7); the retention period
is a setting of the base that purges (``meta``, see :mod:`sps_desk.store.retention`).

Changes are the chief's, on the service's own base (a laptop receives them), checked
before anything is written (French messages) and audited with field names only.
"""

from __future__ import annotations

import dataclasses
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field

from sps_desk.enums import REPORT_COLUMN_OF, ActivityCategory
from sps_desk.errors import SpsDeskError
from sps_desk.search import fold
from sps_desk.store import retention
from sps_desk.store.database import Database
from sps_desk.store.sync.identity import chief_keys

THRESHOLD_BOUNDS = (3, 100)
"""Statistical secrecy ``k``: never below 3 (a count of 1 or 2 people can be recognised
by anyone who knows the neighbourhood), at most 100 (above that the file would hide
almost every table of a service); the Département's default is 5 (issue 5)."""

RETENTION_BOUNDS = retention.YEAR_BOUNDS
"""Retention period in whole years (1 to 10: why in :data:`retention.YEAR_BOUNDS`)."""

MAX_TEXT = 200
"""Longest name, managing body or MDS (characters), as :class:`~sps_desk.records.Service`."""

_FIELDS_FR: dict[str, str] = {
    "name": "nom du service",
    "managing_body": "structure gestionnaire",
    "linked_mds": "MDS de rattachement",
    "disclosure_threshold": "secret statistique",
    "retention_years": "durée de conservation",
    "counted_in": "heures comptées dans une autre catégorie",
}


class InvalidSettings(SpsDeskError):
    """One or more settings are refused; ``problems`` holds one French line each."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__(" ".join(problems) + " Rien n'a été modifié.")


class LaptopBase(SpsDeskError):
    """The settings of a laptop base come from the chief's base and are not changed here."""

    def __init__(self) -> None:
        super().__init__(
            "Cette base est celle d'un ordinateur d'éducateur : les réglages du service se "
            "changent sur la base du chef de service et arrivent ici avec son paquet de "
            "retour. Rien n'a été modifié."
        )


@dataclass(frozen=True)
class ServiceSettings:
    """Every setting of the service, as the chief sees them.

    ``counted_in`` maps a category of hours the service does not track apart to the
    category that holds its hours (a category appears at most once, as key or as value).
    ``disclosure_threshold`` is a count of people; ``retention_years`` whole years.
    """

    name: str
    managing_body: str = ""
    linked_mds: str = ""
    disclosure_threshold: int = 5
    retention_years: int = retention.DEFAULT_YEARS
    counted_in: Mapping[ActivityCategory, ActivityCategory] = field(default_factory=dict)


def current(database: Database) -> ServiceSettings:
    """The settings stored in ``database``."""
    service = database.service()
    return ServiceSettings(
        name=service.name,
        managing_body=service.managing_body,
        linked_mds=service.linked_mds,
        disclosure_threshold=service.disclosure_threshold,
        retention_years=retention.retention_years(database),
        counted_in=dict(service.counted_in),
    )


def is_laptop_base(database: Database) -> bool:
    """Whether ``database`` is an educator's laptop joined to a chief's service."""
    return chief_keys(database) is not None


# ------------------------------------------------------------------ reading user input


def category_choices() -> str:
    """« Travail de rue (street_work), … »: what a user may write for a category."""
    return ", ".join(f"{c.label} ({c.value})" for c in ActivityCategory)


def parse_category(text: str) -> ActivityCategory:
    """The category whose French label or code is ``text`` (case, accents and spaces
    ignored: « ecrits professionnels », « WRITING »).

    Raises:
        InvalidSettings: no category has that label or code.
    """
    wanted = fold(text)
    for category in ActivityCategory:
        if wanted in (fold(category.label), fold(category.value)):
            return category
    raise InvalidSettings([
        f"« {text.strip()} » n'est pas une catégorie d'heures : écrivez l'un de ces "
        f"libellés ou codes : {category_choices()}."
    ])


def parse_counted_in(text: str) -> tuple[ActivityCategory, ActivityCategory | None]:
    """``CATÉGORIE=HÔTE`` → (category, host); ``CATÉGORIE=`` → (category, ``None``), which
    means « tracked apart again ».

    Raises:
        InvalidSettings: no ``=``, or a label that names no category.
    """
    category, equals, host = text.partition("=")
    if not equals or not category.strip():
        raise InvalidSettings([
            f"« {text} » : écrivez CATÉGORIE=HÔTE, par exemple « Écrits professionnels="
            "Accompagnements individuels », ou « CATÉGORIE= » pour la suivre à part."
        ])
    return parse_category(category), parse_category(host) if host.strip() else None


def parse_whole_number(text: str, what: str, bounds: tuple[int, int]) -> int:
    """``text`` as a whole number within ``bounds`` (inclusive), else a French refusal
    naming ``what`` (« le secret statistique k »).

    Raises:
        InvalidSettings: not a whole number, or out of bounds.
    """
    low, high = bounds
    try:
        value = int(text.strip())
    except ValueError:
        value = None
    if value is None or not low <= value <= high:
        raise InvalidSettings([
            f"{what[0].upper()}{what[1:]} est un nombre entier de {low} à {high} : "
            f"« {text.strip()} » est refusé."
        ])
    return value


def with_counted_in(
    settings: ServiceSettings, changes: list[tuple[ActivityCategory, ActivityCategory | None]]
) -> ServiceSettings:
    """``settings`` with each (category, host) applied in order (``None`` host: removed)."""
    counted_in = dict(settings.counted_in)
    for category, host in changes:
        if host is None:
            counted_in.pop(category, None)
        else:
            counted_in[category] = host
    return dataclasses.replace(settings, counted_in=counted_in)


# ------------------------------------------------------------------ checking


def _text_problems(value: str, label: str, *, required: bool) -> list[str]:
    if required and not value.strip():
        return [f"Le {label} est obligatoire : écrivez-le."]
    if len(value.strip()) > MAX_TEXT:
        return [f"{label[0].upper()}{label[1:]} : {MAX_TEXT} caractères au plus "
                f"({len(value.strip())} écrits) ; abrégez-le."]
    if any(unicodedata.category(ch) == "Cc" for ch in value.strip()):
        return [f"{label[0].upper()}{label[1:]} : une seule ligne, sans tabulation ni "
                "saut de ligne."]
    return []


def _counted_in_problems(counted_in: Mapping[ActivityCategory, ActivityCategory]) -> list[str]:
    problems = []
    for category, host in counted_in.items():
        if category == host:
            problems.append(f"« {category.label} » ne peut pas être comptée dans elle-même.")
        elif REPORT_COLUMN_OF[category] is REPORT_COLUMN_OF[host]:
            problems.append(
                f"« {category.label} » et « {host.label} » sont dans la même colonne du "
                f"tableau départemental ({REPORT_COLUMN_OF[host].label}) : choisissez une "
                "catégorie d'une autre colonne.")
        elif fed := [c.label for c, h in counted_in.items() if h == category]:
            # A chain A → B → C: B must stay tracked apart, or A must go straight to C.
            problems.append(
                f"« {category.label} » reçoit les heures de « {' », « '.join(fed)} » : elle "
                f"ne peut pas être comptée dans « {host.label} ». Comptez ces heures "
                f"directement dans « {host.label} », ou gardez « {category.label} » à part.")
    return problems


def problems(settings: ServiceSettings) -> list[str]:
    """French description of every setting that cannot be saved; empty when all are fine."""
    found = [
        *_text_problems(settings.name, "nom du service", required=True),
        *_text_problems(settings.managing_body, "structure gestionnaire", required=False),
        *_text_problems(settings.linked_mds, "MDS de rattachement", required=False),
    ]
    low, high = THRESHOLD_BOUNDS
    if not low <= settings.disclosure_threshold <= high:
        found.append(f"Le secret statistique k va de {low} à {high} "
                     f"({settings.disclosure_threshold} refusé).")
    low, high = RETENTION_BOUNDS
    if not low <= settings.retention_years <= high:
        found.append(f"La durée de conservation va de {low} à {high} ans "
                     f"({settings.retention_years} refusé).")
    return found + _counted_in_problems(settings.counted_in)


def _stripped(settings: ServiceSettings) -> ServiceSettings:
    return dataclasses.replace(
        settings, name=settings.name.strip(), managing_body=settings.managing_body.strip(),
        linked_mds=settings.linked_mds.strip(), counted_in=dict(settings.counted_in))


def changed_fields(before: ServiceSettings, after: ServiceSettings) -> list[str]:
    """Code names of the settings that differ, in declaration order."""
    return [f.name for f in dataclasses.fields(ServiceSettings)
            if getattr(before, f.name) != getattr(after, f.name)]


def save(database: Database, wanted: ServiceSettings) -> list[str]:
    """Store ``wanted`` and return the code names of the settings it changed (empty:
    nothing written). One transaction: the service record (through its repository, so
    that it travels to the laptops), the retention period, one audit line listing the
    changed field names (never their values).

    Raises:
        ChiefOnly: an educator unlocked the base.
        LaptopBase: the base is a laptop's; the chief's base holds the settings.
        InvalidSettings: a value is refused (every problem listed; nothing written).
    """
    database.require_chief("changer les réglages du service")
    if is_laptop_base(database):
        raise LaptopBase()
    found = problems(wanted)
    if found:
        raise InvalidSettings(found)
    wanted = _stripped(wanted)
    before = current(database)
    changed = changed_fields(before, wanted)
    if not changed:
        return []
    with database.transaction():
        if any(name != "retention_years" for name in changed):
            service = database.service()
            database.repos.service.save(service.model_copy(update={
                "name": wanted.name, "managing_body": wanted.managing_body,
                "linked_mds": wanted.linked_mds,
                "disclosure_threshold": wanted.disclosure_threshold,
                "counted_in": dict(wanted.counted_in),
            }))
        if "retention_years" in changed:
            retention.set_retention_years(database, wanted.retention_years)
        database.audit("service_settings", record_id=database.service().id,
                       detail=f"{len(changed)} réglage(s) : {', '.join(changed)}")
    return changed


# ------------------------------------------------------------------ showing


def counted_in_text(counted_in: Mapping[ActivityCategory, ActivityCategory]) -> str:
    """« Écrits professionnels dans Accompagnements individuels ; … », or « aucune »."""
    if not counted_in:
        return "aucune (chaque catégorie est suivie à part)"
    ordered = sorted(counted_in.items(), key=lambda item: list(ActivityCategory).index(item[0]))
    return " ; ".join(f"{category.label} dans « {host.label} »" for category, host in ordered)


def describe(settings: ServiceSettings) -> list[tuple[str, str]]:
    """(French label, value) of every setting, in the order of the settings dialog."""
    k = settings.disclosure_threshold
    return [
        ("Nom du service", settings.name),
        ("Structure gestionnaire", settings.managing_body or "non renseignée"),
        ("MDS de rattachement", settings.linked_mds or "non renseignée"),
        ("Secret statistique (k)", f"{k} — les effectifs de 1 à {k - 1} sont masqués dans "
                                   "le fichier envoyé au Département"),
        ("Durée de conservation", f"{settings.retention_years} an(s) après la dernière "
                                  "activité d'un jeune, puis anonymisation (purge)"),
        ("Heures comptées dans une autre catégorie", counted_in_text(settings.counted_in)),
    ]


def field_labels(names: list[str]) -> str:
    """French names of settings given by code name, joined: « secret statistique, … »."""
    return ", ".join(_FIELDS_FR[name] for name in names)
