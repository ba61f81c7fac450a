"""« Ce qui quitte cet ordinateur »: a plain French account of a diffusion release.

Shown before the file is saved (issues #5 and #11): what the file contains, what was
masked by statistical secrecy and why (the reasons stay on this computer), grouped by
table, and what changed since the last release of the year, so that a chief can read
it in a minute. Report content, hence French only, like the PDF.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from sps_desk.reports.formatting import fr_count, fr_number
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

_REASON_KINDS = (
    ("moins de", "primary"),
    ("masquée pour qu'une", "secondary"),
    ("déjà masquée", "earlier"),
    ("masquée pour que la comparaison", "difference"),
    ("pourcentage", "derived"),
)


def table_of(cell: str) -> str:
    """French name of the table of a cell path (e.g. ``problems.housing``)."""
    head = cell.replace("_total", "")
    for prefix in sorted(TABLE_NAMES, key=len, reverse=True):
        if head == prefix or head.startswith(prefix + "."):
            return TABLE_NAMES[prefix]
    return "Autres chiffres"


def reason_kind(explanation: str) -> str:
    """``primary``, ``secondary``, ``earlier``, ``difference`` or ``derived``: the kind
    of a French masking reason (as :mod:`sps_desk.reports.disclosure` words them)."""
    for start, kind in _REASON_KINDS:
        if explanation.startswith(start):
            return kind
    return "secondary"


@dataclass(frozen=True)
class ExportSummary:
    """The account in four parts, each a list of French sentences."""

    contents: list[str]
    suppressed: list[str]
    not_included: list[str]
    changes: list[str]


def _masked_line(table: str, kinds: Counter[str], k: int) -> str:
    parts = []
    if kinds["primary"]:
        parts.append(f"{kinds['primary']} parce qu'elles comptent moins de {k} personnes")
    if kinds["secondary"]:
        parts.append(f"{kinds['secondary']} pour qu'on ne puisse pas retrouver les petites "
                     "valeurs par soustraction à partir des totaux")
    if kinds["earlier"]:
        parts.append(f"{kinds['earlier']} déjà masquées dans la diffusion précédente de "
                     "l'année")
    if kinds["difference"]:
        parts.append(f"{kinds['difference']} pour que la comparaison avec la diffusion "
                     "précédente ne révèle pas un petit changement")
    if kinds["derived"]:
        parts.append(f"{kinds['derived']} pourcentages calculés à partir d'une valeur "
                     "masquée")
    count = sum(kinds.values())
    plural = "s" if count > 1 else ""
    return f"{table} : {count} case{plural} masquée{plural} — " + " ; ".join(parts) + "."


def describe(statistics_file: StatisticsFile, reasons: Mapping[str, str],
             changes: Sequence[str] = ()) -> ExportSummary:
    """What ``statistics_file`` contains and masks (``reasons``: masked path → French
    reason, from the release), and ``changes`` since the last release, in plain French."""
    f = statistics_file
    k = f.disclosure.threshold
    communes = sorted({s.commune for s in f.sectors})
    contents = [
        f"Service « {f.service.name} »"
        + (f" ({f.service.managing_body})" if f.service.managing_body else "")
        + f", année {f.year}, diffusion n° {f.release.number}.",
        "Secteurs : " + (", ".join(communes) if communes else "aucun secteur saisi") + ".",
        f"Équipe : {fr_number(f.team_fte_total)} ETP au total, par fonction.",
        # The file's own value (7,5), never rounded (« 8 heures » : issue 15).
        f"Heures par catégorie : {fr_number(f.hours.total)} "
        f"{'heure' if f.hours.total < 2 else 'heures'} au total.",
        f"Rencontres : {fr_count(f.contacts.contacts_total, 'contact')} lors de "
        f"{fr_count(f.contacts.field_sessions, 'sortie')}, par sexe et âge.",
        "Jeunes connus, jeunes accompagnés (nouveaux, déjà accompagnés, par sexe et âge), "
        "problématiques et durées d'accompagnement : des nombres seulement.",
        f"Actions collectives : {fr_count(f.collective_actions.actions, 'action')}, "
        "jeunes concernés "
        "et familles.",
        "Orientations vers les partenaires et nombre d'informations préoccupantes "
        "transmises (jamais leur contenu).",
    ]
    if f.chief_sections:
        titles = ", ".join(f"« {s.title} »" for s in f.chief_sections)
        contents.append(f"Vos textes du rapport, tels que vous les avez écrits : {titles}.")
    by_table: dict[str, Counter[str]] = {}
    for cell, explanation in reasons.items():
        by_table.setdefault(table_of(cell), Counter())[reason_kind(explanation)] += 1
    suppressed = [_masked_line(table, kinds, k) for table, kinds in sorted(by_table.items())]
    if suppressed:
        suppressed.append("Le fichier montre « s » (null en JSON) à la place de ces cases, "
                          "sans dire pourquoi : les raisons restent sur cet ordinateur.")
    else:
        suppressed.append(f"Aucune case masquée : aucun nombre de personnes n'est compris "
                          f"entre 1 et {k - 1}.")
    not_included = [
        "Aucun nom, prénom, adresse ni téléphone ; aucun code ni surnom de jeune.",
        "Aucune date précise : seulement l'année (et le mois de la diffusion).",
        "Aucune note d'observation, aucun texte libre autre que vos textes du rapport.",
        "Aucune raison de masquage.",
    ]
    return ExportSummary(contents, suppressed, not_included, list(changes))
