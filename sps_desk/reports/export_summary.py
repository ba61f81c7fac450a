"""« Ce qui quitte cet ordinateur »: a plain French account of a statistics file.

Shown before the file is saved (issue #5): what the file contains, what was hidden by
statistical secrecy and why, grouped by table so that a chief can read it in a minute.
Report content, hence French only, like the PDF.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from sps_desk.reports.formatting import fr_number
from sps_desk.reports.statistics_file import StatisticsFile

TABLE_NAMES: dict[str, str] = {
    "contacts.young_known": "Jeunes connus par sexe et âge",
    "supported.by_sex_age": "Jeunes accompagnés par sexe et âge",
    "supported.new_by_sex_age": "Nouveaux jeunes accompagnés par sexe et âge",
    "supported": "Jeunes accompagnés (totaux et tranches 11-15 / 16-21 ans)",
    "problems": "Problématiques à l'origine de l'accompagnement",
    "durations": "Durée de l'accompagnement",
    "collective_actions": "Actions collectives (jeunes concernés, familles)",
    "referrals": "Orientations vers les partenaires",
    "concern_reports": "Informations préoccupantes transmises",
}
"""French name of the table a cell path belongs to, by longest matching prefix."""


def table_of(cell: str) -> str:
    """French name of the table of a cell path (e.g. ``problems.housing``)."""
    head = cell.replace("_total", "")
    for prefix in sorted(TABLE_NAMES, key=len, reverse=True):
        if head == prefix or head.startswith(prefix + "."):
            return TABLE_NAMES[prefix]
    return "Autres chiffres"


@dataclass(frozen=True)
class ExportSummary:
    """The account in three parts, each a list of French sentences."""

    contents: list[str]
    suppressed: list[str]
    not_included: list[str]


def describe(statistics_file: StatisticsFile) -> ExportSummary:
    """What ``statistics_file`` contains and hides, in plain French."""
    f = statistics_file
    k = f.disclosure.threshold
    communes = sorted({s.commune for s in f.sectors})
    contents = [
        f"Service « {f.service.name} »"
        + (f" ({f.service.managing_body})" if f.service.managing_body else "")
        + f", année {f.year}.",
        "Secteurs : " + (", ".join(communes) if communes else "aucun secteur saisi") + ".",
        f"Équipe : {fr_number(f.team_fte_total)} ETP au total, par fonction.",
        f"Heures par catégorie : {fr_number(f.hours.total, 0)} heures au total.",
        f"Rencontres : {fr_number(f.contacts.contacts_total, 0)} contacts lors de "
        f"{fr_number(f.contacts.field_sessions, 0)} sorties, par sexe et âge.",
        "Jeunes connus, jeunes accompagnés (nouveaux, déjà accompagnés, par sexe et âge), "
        "problématiques et durées d'accompagnement : des nombres seulement.",
        f"Actions collectives : {f.collective_actions.actions} actions, jeunes concernés "
        "et familles.",
        "Orientations vers les partenaires et nombre d'informations préoccupantes "
        "transmises (jamais leur contenu).",
    ]
    if f.chief_sections:
        titles = ", ".join(f"« {s.title} »" for s in f.chief_sections)
        contents.append(f"Vos textes du rapport, tels que vous les avez écrits : {titles}.")
    by_table: dict[str, Counter[str]] = {}
    for note in f.disclosure.suppressions:
        by_table.setdefault(table_of(note.cell), Counter())[note.reason] += 1
    suppressed = []
    for table, reasons in sorted(by_table.items()):
        parts = []
        if reasons["primary"]:
            parts.append(f"{reasons['primary']} parce qu'elles comptent moins de {k} "
                         "personnes")
        if reasons["secondary"]:
            parts.append(f"{reasons['secondary']} pour qu'on ne puisse pas retrouver les "
                         "petites valeurs par soustraction à partir des totaux")
        if reasons["derived"]:
            parts.append(f"{reasons['derived']} pourcentages calculés à partir d'une valeur "
                         "masquée")
        count = sum(reasons.values())
        suppressed.append(f"{table} : {count} case{'s' if count > 1 else ''} "
                          f"masquée{'s' if count > 1 else ''} — " + " ; ".join(parts) + ".")
    if not suppressed:
        suppressed.append(f"Aucune case masquée : aucun nombre de personnes n'est compris "
                          f"entre 1 et {k - 1}.")
    not_included = [
        "Aucun nom, prénom, adresse ni téléphone ; aucun code ni surnom de jeune.",
        "Aucune date précise : seulement l'année.",
        "Aucune note d'observation, aucun texte libre autre que vos textes du rapport.",
    ]
    return ExportSummary(contents, suppressed, not_included)
