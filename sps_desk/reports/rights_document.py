"""The rights-export document (GDPR art. 15 and 20) in French, for the young person and
the data-protection officer.

:func:`rights_blocks` turns the portability record of
:func:`sps_desk.store.rights.full_record` (JSON-ready, English field names, enum codes,
UUIDs, ISO dates) into what a person reads: section headings, tables with a header row,
French labels, dates « jj/mm/aaaa », enum values by their French label, « oui »/« non »,
durations « 1 h 30 », the names of the team members, partners and sectors instead of
their ids. Record ids appear once, at the end, labelled « identifiant technique », so
that the officer can match the PDF with the JSON. The JSON itself stays the complete,
machine-readable record.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from sps_desk.enums import (
    BirthDatePrecision,
    CollectiveActionType,
    ConcernAddressee,
    EndReason,
    FieldSessionKind,
    InterventionType,
    PartnerType,
    Problem,
    Sex,
    Situation,
    SupportOrigin,
)
from sps_desk.reports.formatting import fr_count, fr_day, fr_duration

if TYPE_CHECKING:
    from sps_desk.store.database import Database

Block = tuple[str, Any]
"""A block of :func:`sps_desk.reports.privacy_documents.render`."""

NOT_RECORDED = "non renseigné"
_MONTHS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
           "septembre", "octobre", "novembre", "décembre")


@dataclass(frozen=True)
class Grid:
    """A table with a header row: ``widths`` in centimetres, one per column (17 cm in
    all on A4 between 2 cm margins)."""

    header: Sequence[str]
    rows: Sequence[Sequence[str]]
    widths: Sequence[float]


@dataclass(frozen=True)
class RecordNames:
    """French names of what a record refers to by id (ids as text): ``sectors``
    (« Commune – quartier »), ``staff`` (display names), ``partners`` (names); and the
    ``service`` name. A missing id reads « (supprimé) »."""

    service: str = ""
    sectors: Mapping[str, str] = field(default_factory=dict)
    staff: Mapping[str, str] = field(default_factory=dict)
    partners: Mapping[str, str] = field(default_factory=dict)


def record_names(database: Database) -> RecordNames:
    """The :class:`RecordNames` of ``database`` (deleted records included, so that an old
    intervention still names its professional)."""
    repos = database.repos
    return RecordNames(
        service=database.service().name,
        sectors={str(s.id): s.label for s in repos.sectors.all(include_deleted=True)},
        staff={str(s.id): s.display_name for s in repos.staff.all(include_deleted=True)},
        partners={str(p.id): p.name for p in repos.partners.all(include_deleted=True)},
    )


def _name(names: Mapping[str, str], record_id: str | None) -> str:
    if not record_id:
        return NOT_RECORDED
    return names.get(record_id, "(supprimé)")


def _day(text: str | None) -> str:
    return fr_day(date.fromisoformat(text)) if text else NOT_RECORDED


def _moment(text: str | None) -> str:
    """An ISO timestamp (UTC) as local « 07/12/2026 à 09:15 »."""
    if not text:
        return NOT_RECORDED
    local = datetime.fromisoformat(text.replace("Z", "+00:00")).astimezone()
    return f"{fr_day(local.date())} à {local:%H:%M}"


def _yes_no(value: bool | None) -> str:
    return NOT_RECORDED if value is None else ("oui" if value else "non")


def _text(value: str | None) -> str:
    return value if value else NOT_RECORDED


def _birth(person: Mapping[str, Any]) -> str:
    """The birth date as precise as it is known: « 20/02/2012 », « février 2012 (mois
    connu) », « 2012 (année connue) », « vers le 20/02/2012 (estimée) »."""
    text = person.get("birth_date")
    if not text:
        return NOT_RECORDED
    born = date.fromisoformat(text)
    precision = BirthDatePrecision(person.get("birth_date_precision") or "exact")
    if precision is BirthDatePrecision.MONTH:
        return f"{_MONTHS[born.month - 1]} {born.year} (mois connu)"
    if precision is BirthDatePrecision.YEAR:
        return f"{born.year} (année connue)"
    if precision is BirthDatePrecision.ESTIMATED:
        return f"vers le {fr_day(born)} (date estimée)"
    return fr_day(born)


def _facts(rows: Sequence[tuple[str, str]]) -> Block:
    return ("grid", Grid(("Rubrique", "Information"), [list(r) for r in rows], (5.5, 11.5)))


def _young_person(person: Mapping[str, Any], names: RecordNames) -> list[Block]:
    return [
        ("h", "Fiche du jeune"),
        _facts([
            ("Code", person["code"]),
            ("Surnom", _text(person.get("nickname"))),
            ("Sexe", Sex(person["sex"]).label),
            ("Date de naissance", _birth(person)),
            ("Secteur", _name(names.sectors, person.get("sector_id"))),
            ("Situation scolaire ou professionnelle", Situation(person["situation"]).label),
            ("Confié à l'Aide sociale à l'enfance", _yes_no(person.get("in_child_welfare_care"))),
            ("Fiche créée le", _moment(person.get("created_at"))),
            ("Dernière modification", _moment(person.get("updated_at"))),
        ]),
    ]


def _identity(identity: Mapping[str, Any] | None) -> list[Block]:
    if not identity:
        return [("h", "Identité"),
                ("p", "Aucune identité n'est enregistrée : le service ne connaît que le code "
                      "et, s'il y en a un, le surnom.")]
    return [
        ("h", "Identité"),
        ("lead", "Gardée à part des autres données et chiffrée ; chaque consultation est "
              "inscrite au journal du service."),
        _facts([
            ("Nom", _text(identity.get("last_name"))),
            ("Prénom", _text(identity.get("first_name"))),
            ("Adresse", _text(identity.get("address"))),
            ("Téléphone", _text(identity.get("phone"))),
        ]),
    ]


def _support(number: int, support: Mapping[str, Any], names: RecordNames) -> list[Block]:
    start, end = _day(support.get("start_date")), support.get("end_date")
    period = f"depuis le {start}" if not end else f"du {start} au {_day(end)}"
    problems = ", ".join(Problem(p).label for p in support.get("problems", [])) or "aucune"
    facts = [
        ("Référent", _name(names.staff, support.get("referent_id"))),
        ("Origine de la rencontre", SupportOrigin(support["origin"]).label),
        ("Problématiques à l'origine", problems),
    ]
    if end:
        reason = support.get("end_reason")
        facts.append(("Motif de fin", EndReason(reason).label if reason else NOT_RECORDED))
    blocks: list[Block] = [("h2", f"Accompagnement n° {number} ({period})"), _facts(facts)]
    interventions = support.get("interventions", [])
    if interventions:
        blocks += [
            ("lead", f"{fr_count(len(interventions), 'intervention')} :"),
            ("grid", Grid(("Date", "Type", "Durée", "Professionnels", "Partenaire"), [
                [_day(i["date"]), InterventionType(i["type"]).label,
                 fr_duration(float(i["duration_hours"])),
                 ", ".join(_name(names.staff, s) for s in i.get("staff_ids", [])),
                 _name(names.partners, i["partner_id"]) if i.get("partner_id") else "–"]
                for i in sorted(interventions, key=lambda i: i["date"])
            ], (2.3, 4.2, 1.8, 4.6, 4.1))),
        ]
    referrals = support.get("referrals", [])
    if referrals:
        blocks += [
            ("lead", f"{fr_count(len(referrals), 'orientation')} :"),
            ("grid", Grid(("Date", "Vers", "Partenaire"), [
                [_day(r["date"]), PartnerType(r["partner_type"]).label,
                 _name(names.partners, r["partner_id"]) if r.get("partner_id") else "–"]
                for r in sorted(referrals, key=lambda r: r["date"])
            ], (2.3, 7.2, 7.5))),
        ]
    return blocks


def _met(record: Mapping[str, Any]) -> list[Block]:
    blocks: list[Block] = []
    concerns = record.get("concern_reports", [])
    if concerns:
        blocks += [
            ("h", "Informations préoccupantes transmises"),
            ("lead", "Le service garde la date et le destinataire, jamais le contenu."),
            ("grid", Grid(("Date", "Destinataire"), [
                [_day(c["date"]), ConcernAddressee(c["addressee"]).label]
                for c in sorted(concerns, key=lambda c: c["date"])], (3.0, 14.0))),
        ]
    sessions = record.get("field_sessions", [])
    if sessions:
        blocks += [
            ("h", "Rencontres lors des sorties de terrain"),
            ("lead", f"{fr_count(len(sessions), 'rencontre')} notée"
                  f"{'s' if len(sessions) > 1 else ''} par l'équipe."),
            ("grid", Grid(("Date", "Type de sortie"), [
                [_day(s["date"]), FieldSessionKind(s["session_kind"]).label]
                for s in sorted(sessions, key=lambda s: s["date"])], (3.0, 14.0))),
        ]
    actions = record.get("collective_actions", [])
    if actions:
        taken = fr_count(len(actions), "action collective", "actions collectives")
        blocks += [
            ("h", "Actions collectives"),
            ("lead", f"Participation à {taken}."),
            ("grid", Grid(("Action", "Type"), [
                [a["title"], CollectiveActionType(a["type"]).label] for a in actions],
                (11.0, 6.0))),
        ]
    return blocks


def _about(record: Mapping[str, Any]) -> list[Block]:
    rows = [("Date de l'export", _moment(record.get("exported_at"))),
            ("Format du fichier JSON", f"{record.get('format', '')}, version "
                                       f"{record.get('version', '')}")]
    person_id = record["young_person"].get("id")
    if person_id:
        rows.append(("Identifiant technique de la fiche", person_id))
    return [
        ("h", "À propos de ce document"),
        ("lead", "Le fichier JSON remis avec ce document contient les mêmes données, complètes "
              "et dans un format réutilisable (portabilité, article 20). L'identifiant "
              "technique permet au délégué à la protection des données de retrouver la "
              "fiche ; il ne dit rien de la personne."),
        _facts(rows),
    ]


def rights_blocks(record: Mapping[str, Any], names: RecordNames | None = None) -> list[Block]:
    """The blocks of the rights-export PDF for ``record`` (``store.rights.full_record``),
    with the names of ``names`` (ids are written « (supprimé) » without them).

    Raises:
        KeyError, ValueError: ``record`` is not a rights record of this version.
    """
    names = names or RecordNames()
    supports = record.get("supports", [])
    intro = ("Copie de l'ensemble des données que le service détient sur la personne "
             "(RGPD, article 15 : droit d'accès).")
    if names.service:
        intro = f"Service : {names.service}. " + intro
    blocks: list[Block] = [("p", intro)]
    blocks += _young_person(record["young_person"], names)
    blocks += _identity(record.get("identity"))
    blocks += [("h", "Limitation du traitement"),
               ("p", "Le traitement est limité (article 18) : la fiche est figée et n'entre "
                     "plus dans les statistiques." if record.get("restricted") else
                     "Le traitement n'est pas limité (article 18).")]
    blocks.append(("h", "Accompagnements individuels"))
    if not supports:
        blocks.append(("p", "Aucun accompagnement individuel."))
    for number, support in enumerate(sorted(supports, key=lambda s: s["start_date"]), 1):
        blocks += _support(number, support, names)
    blocks += _met(record)
    blocks += _about(record)
    return blocks
