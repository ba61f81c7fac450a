"""The annex « Définitions »: who and what is counted, how, and the statistical-secrecy
rule of the diffusion version, in plain French."""

from __future__ import annotations

from collections.abc import Mapping

from reportlab.platypus import Flowable, PageBreak

from sps_desk.fte import ETP_DEFINITION
from sps_desk.reports.disclosure import annex_text
from sps_desk.reports.figures import SECRET, ReportFigures
from sps_desk.reports.pdf.context import ReportContext
from sps_desk.reports.pdf.markup import escape
from sps_desk.reports.pdf.rtl import Para

ANNEX_TITLE = "Définitions"
"""Title of the annex that defines every figure."""

MASKED_CELLS_TITLE = "Cases masquées dans la version de diffusion"
"""Title of the internal version's list of the cells the diffusion version hides."""


def _counting_rules(context: ReportContext) -> list[tuple[str, str]]:
    """``(term, definition)`` pairs common to both versions."""
    year, figures = context.year, context.figures
    brackets = ", ".join(b.label for b in figures.age_brackets)
    durations = ", ".join(line.label for line in figures.durations.lines)
    return [
        ("Période", f"année civile, du 1er janvier au 31 décembre {year}, en dates locales."),
        ("Âge", "âge en années révolues à la date de la première activité enregistrée du "
         "jeune dans l'année. Un anniversaire le 29 février compte à partir du 1er mars les "
         "années non bissextiles. Date de naissance partielle : année seule connue, le "
         "1er juillet de cette année ; mois seul connu, le 15 de ce mois."
         + (f" Tranches d'âge : {brackets}." if brackets else "")),
        ("Rencontres (contacts)", "chaque rencontre anonyme comptée lors d'une sortie, plus "
         "chaque jeune identifié par un code rencontré lors d'une sortie (une fois par jeune "
         "et par sortie). Ce sont des rencontres et non des personnes : un même jeune "
         "rencontré plusieurs fois est compté à chaque rencontre."),
        ("Jeunes connus", "jeunes distincts, identifiés par un code, ayant au moins une "
         "activité enregistrée dans l'année."),
        ("Jeunes accompagnés", "jeunes distincts ayant un accompagnement individuel actif au "
         "moins un jour de l'année. Sont nouveaux ceux qui n'avaient aucun accompagnement "
         f"actif avant le 1er janvier {year} ; les autres sont déjà accompagnés."),
        ("Problématiques", "problématiques cochées au début de l'accompagnement, comptées en "
         "jeunes distincts ; le pourcentage est rapporté au nombre de jeunes accompagnés. "
         "Le choix est multiple : la somme des pourcentages dépasse 100 %."),
        ("Durée de l'accompagnement", "du début de l'accompagnement à sa fin, ou au "
         f"31 décembre {year} s'il se poursuit, en mois calendaires"
         + (f" ; tranches : {durations}." if durations else ".")),
        ("Actions collectives", "actions ayant eu au moins une séance dans l'année. Jeunes "
         "concernés : participants distincts identifiés par un code, plus les participants "
         "anonymes comptés. Familles : somme des familles relevées, pour les seules actions "
         "où elles l'ont été ; NR (non renseigné) n'est jamais compté comme zéro."),
        ("Heures", "saisies de temps de toute l'équipe. Une sortie, une intervention ou une "
         "séance d'action collective avec N professionnels présents donne N saisies ; les "
         "autres catégories sont saisies à la main. Une catégorie que le service ne suit pas "
         "à part est indiquée « Compté dans » la catégorie qui la contient."),
        ("Orientations et relais", "orientations vers un partenaire enregistrées dans "
         "l'année, par type de partenaire : des orientations, et non des personnes."),
        ("Informations préoccupantes", "nombre d'informations préoccupantes transmises dans "
         "l'année, par destinataire."),
        ("Public prioritaire", "jeunes de 11 à 15 ans révolus à leur date de référence (le "
         "public « 11-16 ans » du référentiel) et jeunes de 16 à 21 ans révolus ; leurs parts "
         "sont des pourcentages du nombre de jeunes accompagnés, arrondis à une décimale."),
        ("Secteurs", "secteurs d'intervention enregistrés dans l'application au moment où "
         "le rapport est produit."),
        ("Équipe", f"professionnels ayant au moins un jour d'activité en {year}, d'après "
         "leurs périodes d'activité (début, fin, ETP) ; la colonne de l'année précédente "
         "montre l'équipe de cette année-là. ETP : " + ETP_DEFINITION),
    ]


def _closing_rules() -> list[tuple[str, str]]:
    return [
        ("Faits marquants, qualité, perspectives", "textes rédigés par le service, imprimés "
         "tels qu'ils ont été saisis."),
        ("Arrondis", "heures en heures décimales (1,25 = 1 h 15) ; pourcentages à une "
         "décimale, d'où un total qui peut différer de 100 % d'un dixième."),
        ("Données personnelles", "ce rapport ne contient que des nombres agrégés, aucun nom, "
         "code ni pseudonyme."),
    ]




def _version_rules(context: ReportContext) -> list[tuple[str, str]]:
    year = context.year
    if context.variant == "diffusion":
        k = context.figures.threshold or 0
        rules = [annex_text(k)]
        if context.previous is not None:
            before = context.previous.year
            rules.append((
                "Comparaison avec l'année précédente",
                f"la colonne {before} reprend les valeurs publiées pour {before} : celles du "
                f"rapport ou du fichier statistique déjà transmis pour {before} quand il y en "
                "a un, sinon des valeurs calculées avec les mêmes définitions et protégées "
                "par la même règle de secret statistique. « – » signale une valeur sans "
                "objet."))
        return rules
    return [
        ("Version interne", "ce document donne tous les effectifs, y compris ceux de 1 à "
         "quelques personnes que la version de diffusion masque par le secret statistique. "
         "Il est réservé au service et ne doit pas être diffusé : pour le Département et les "
         "partenaires, utilisez la version de diffusion."),
        ("Comparaison avec l'année précédente", "quand des heures ou des sorties ont été "
         f"enregistrées en {year - 1}, chaque tableau montre aussi les chiffres de "
         f"{year - 1}, calculés avec les mêmes définitions ; « – » signale une valeur "
         "sans objet. Les chiffres d'une année passée ne changent pas quand on saisit "
         "l'année suivante."),
    ]


def definitions(context: ReportContext) -> list[tuple[str, str]]:
    """The annex of ``context``'s version: ``(term, definition)`` pairs, in French."""
    return [*_counting_rules(context), *_version_rules(context), *_closing_rules()]


def annex(context: ReportContext) -> list[Flowable]:
    """The annex on a new page: every definition, then (internal version) the cells the
    diffusion version hides and why."""
    flow: list[Flowable] = [PageBreak(), context.text(ANNEX_TITLE, context.styles.section)]
    for term, definition in definitions(context):
        flow.append(Para(f"<b>{escape(term)}</b> : {escape(definition)}", context.styles.body))
    if context.masked_reasons is not None:
        flow += masked_cells(context, context.masked_reasons)
    return flow


_TABLES = {
    "contacts.young_known": "Jeunes connus par âge et par sexe",
    "supported.by_sex_age": "Jeunes accompagnés par âge et par sexe",
    "supported.new_by_sex_age": "Nouveaux jeunes accompagnés par âge et par sexe",
}
_CELLS = {
    "contacts.young_known.total": "Jeunes connus, total",
    "supported.total": "Jeunes accompagnés, total",
    "supported.new": "Jeunes accompagnés, dont nouveaux",
    "supported.continuing": "Jeunes accompagnés, dont déjà accompagnés",
    "supported.priority_11_15": "Jeunes de 11 à 15 ans",
    "supported.priority_11_15_share": "Part des 11 à 15 ans",
    "supported.public_16_21": "Jeunes de 16 à 21 ans",
    "supported.public_16_21_share": "Part des 16 à 21 ans",
    "supported.supports_active": "Accompagnements actifs dans l'année",
    "collective_actions.young": "Actions collectives, jeunes concernés",
    "collective_actions.coded_young": "Actions collectives, jeunes identifiés par un code",
    "collective_actions.anonymous_young": "Actions collectives, participants anonymes",
    "collective_actions.families": "Actions collectives, familles",
    "referrals_total": "Orientations et relais, total",
    "concern_reports_total": "Informations préoccupantes, total",
}
_LINES = {
    "problems": "Problématiques",
    "durations": "Durée de l'accompagnement",
    "collective_actions.by_type": "Actions collectives par type",
    "referrals": "Orientations et relais",
    "concern_reports": "Informations préoccupantes",
}


def cell_label(cell: str, figures: ReportFigures) -> str:
    """A French name for the cell ``cell`` of the statistics file (« Jeunes accompagnés
    par âge et par sexe : 11-15 ans, Féminin »); the path itself when unknown."""
    if cell in _CELLS:
        return _CELLS[cell]
    brackets = {b.key: b.label for b in figures.age_brackets}
    sexes = {s.key: s.label for s in figures.sexes}
    for prefix, table in _TABLES.items():
        rest = cell.removeprefix(prefix + ".").split(".")
        if cell.startswith(prefix + ".") and len(rest) >= 2:
            kind, *keys = rest
            names = [brackets.get(k) or sexes.get(k) or k for k in keys]
            if kind == "bracket_totals":
                names.append("total")
            elif kind == "sex_totals":
                names.insert(0, "total")
            return f"{table} : {', '.join(names)}"
    labels = {f"problems.{line.key}": line.label for line in figures.problems.lines}
    labels |= {f"durations.{line.key}": line.label for line in figures.durations.lines}
    labels |= {f"collective_actions.by_type.{line.key}": line.label
               for line in figures.collective_actions.by_type}
    labels |= {f"referrals.{line.key}": line.label for line in figures.referrals}
    labels |= {f"concern_reports.{line.key}": line.label for line in figures.concern_reports}
    percent = cell.endswith(".percent")
    line = labels.get(cell.removesuffix(".percent"))
    if line is not None:
        section = next(name for key, name in _LINES.items() if cell.startswith(key + "."))
        return f"{section} : {line}" + (" (pourcentage)" if percent else "")
    return cell


def masked_cells(context: ReportContext, reasons: Mapping[str, str]) -> list[Flowable]:
    """The internal version's list: each cell hidden in the diffusion version, and why."""
    flow: list[Flowable] = [context.text(MASKED_CELLS_TITLE, context.styles.caption)]
    if not reasons:
        return [*flow, context.note("La version de diffusion ne masque aucune case.")]
    flow.append(context.note(
        f"{len(reasons)} case(s) de ce rapport sont remplacées par « {SECRET} » dans la "
        "version de diffusion :"))
    named = sorted((cell_label(cell, context.figures), reason)
                   for cell, reason in reasons.items())
    flow += [Para(f"<b>{escape(name)}</b> : {escape(reason)}", context.styles.note)
             for name, reason in named]
    return flow
