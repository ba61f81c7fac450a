"""The report's tables as plain values, for the XLSX workbook and the CSV files.

:func:`report_tables` turns an :class:`AnnualStatistics` (and the previous year's, when
it has data) into :class:`ReportTable` objects: a French title, a header, rows of raw
values. Numbers stay numbers (``int`` counts, ``float`` decimal hours, FTE and
percentages rounded to one decimal exactly as the PDF prints them), dates stay ``date``;
text is the statistics' labels and the service's own words (communes, quartiers).
Nothing is recomputed: every number is a field of the statistics, except a share of the
hours total (rounded to one decimal, as in the PDF).

Values: ``None`` is « no value » (an N-1 cell of a line absent that year, a percentage
without denominator); ``"NR"`` is « non renseigné » (never 0).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

from sps_desk.enums import FieldSessionKind, Sex
from sps_desk.reports.formatting import Year
from sps_desk.reports.model import AnnualStatistics, CountLine, HoursColumn, SexAgeTable

Value = str | int | float | date | None
"""One cell: text, a count, a decimal, a date, or ``None`` (no value)."""


@dataclass(frozen=True)
class ReportTable:
    """One table of the report.

    ``key`` is a stable ASCII slug (sheet and CSV file names); ``title`` the French title;
    ``header`` one French label per column; ``rows`` as many values as columns; ``note``
    says what is counted (people, contacts, records, hours).
    """

    key: str
    title: str
    header: tuple[str, ...]
    rows: tuple[tuple[Value, ...], ...]
    note: str = ""


def _prev_headers(stats: AnnualStatistics, previous: AnnualStatistics | None,
                  name: str) -> list[str]:
    if previous is None:
        return [f"{name} {stats.year}"]
    return [f"{name} {stats.year}", f"{name} {previous.year}"]


def _pair(previous: AnnualStatistics | None, current: Value,
          before: Callable[[AnnualStatistics], Value]) -> list[Value]:
    """The year's value, then N-1's when there is a previous year."""
    return [current] if previous is None else [current, before(previous)]


def _share(part: float | None, whole: float) -> float | None:
    return None if part is None or not whole else round(100 * part / whole, 1)


def _information(stats: AnnualStatistics, previous: AnnualStatistics | None) -> ReportTable:
    rows: list[tuple[Value, ...]] = [
        ("Service", stats.service_name),
        ("Structure gestionnaire", stats.managing_body),
        ("Année", Year(stats.year)),
        ("Début de la période", date(stats.year, 1, 1)),
        ("Fin de la période", date(stats.year, 12, 31)),
        ("Année de comparaison", Year(previous.year) if previous else "aucune (pas de données)"),
        ("Produit par", stats.generator),
    ]
    return ReportTable("informations", "Informations", ("Rubrique", "Valeur"), tuple(rows))


def _sectors(stats: AnnualStatistics, previous: AnnualStatistics | None) -> ReportTable:
    rows = tuple((s.commune, s.neighbourhood or "Toute la commune") for s in stats.sectors)
    return ReportTable("secteurs", "Secteurs d'intervention", ("Commune", "Quartier"), rows)


def _team(stats: AnnualStatistics, previous: AnnualStatistics | None) -> ReportTable:
    before = {line.role: line.fte for line in previous.team} if previous else {}
    header = ("Fonction", "Effectif", *_prev_headers(stats, previous, "ETP"))
    rows: list[tuple[Value, ...]] = [
        (line.label, line.headcount,
         *_pair(previous, line.fte, lambda _p, role=line.role: before.get(role)))
        for line in stats.team
    ]
    rows.append(("Total", sum(line.headcount for line in stats.team),
                 *_pair(previous, stats.team_fte_total, lambda p: p.team_fte_total)))
    return ReportTable("equipe", "Composition de l'équipe", header, tuple(rows),
                       "ETP : équivalent temps plein (0,5 = mi-temps).")


def _kind_label(key: str) -> str:
    try:
        return FieldSessionKind(key).label.lower()
    except ValueError:
        return key


def _contacts(stats: AnnualStatistics, previous: AnnualStatistics | None) -> ReportTable:
    c = stats.contacts
    rows: list[tuple[Value, ...]] = [
        ("Sorties de terrain", *_pair(previous, c.field_sessions,
                                      lambda p: p.contacts.field_sessions)),
    ]
    for key, count in c.field_sessions_by_kind.items():
        rows.append((f"dont {_kind_label(key)}",
                     *_pair(previous, count,
                            lambda p, k=key: p.contacts.field_sessions_by_kind.get(k))))
    rows += [
        ("Rencontres (contacts, et non personnes)",
         *_pair(previous, c.contacts_total, lambda p: p.contacts.contacts_total)),
        ("dont rencontres anonymes",
         *_pair(previous, c.anonymous_contacts.total,
                lambda p: p.contacts.anonymous_contacts.total)),
        ("dont rencontres de jeunes identifiés par un code",
         *_pair(previous, c.coded_contacts, lambda p: p.contacts.coded_contacts)),
        ("Jeunes connus (personnes distinctes)",
         *_pair(previous, c.young_known.total, lambda p: p.contacts.young_known.total)),
        ("Adultes, parents, habitants rencontrés",
         *_pair(previous, c.adults_met, lambda p: p.contacts.adults_met)),
        ("Partenaires rencontrés",
         *_pair(previous, c.partners_met, lambda p: p.contacts.partners_met)),
    ]
    header = ("Indicateur", *_prev_headers(stats, previous, "Nombre"))
    return ReportTable("rencontres", "Nombre de jeunes rencontrés", header, tuple(rows),
                       "Rencontres : des contacts et non des personnes ; jeunes connus : "
                       "des personnes distinctes.")


def _sex_age(key: str, title: str, stats: AnnualStatistics,
             previous: AnnualStatistics | None,
             pick: Callable[[AnnualStatistics], SexAgeTable]) -> ReportTable:
    table = pick(stats)
    before = pick(previous) if previous else None
    sexes = list(Sex)
    header = ["Tranche d'âge", *(s.label for s in sexes), f"Total {stats.year}"]
    if previous is not None:
        header.append(f"Total {previous.year}")
    rows: list[tuple[Value, ...]] = []
    for bracket in stats.age_brackets:
        row: list[Value] = [bracket.label]
        row += [table.cells[bracket.key][s.value] for s in sexes]
        row.append(table.bracket_total(bracket.key))
        if previous is not None:
            row.append(before.bracket_total(bracket.key)
                       if before is not None and bracket.key in before.cells else None)
        rows.append(tuple(row))
    total: list[Value] = ["Total", *(table.sex_total(s.value) for s in sexes), table.total]
    if previous is not None:
        total.append(before.total if before is not None else None)
    rows.append(tuple(total))
    unit = ("En nombre de rencontres (contacts), et non de personnes."
            if table.unit == "contacts" else "En nombre de personnes distinctes.")
    return ReportTable(key, title, tuple(header), tuple(rows), unit)


def _hours_cell(columns: Sequence[HoursColumn], column: HoursColumn | None) -> Value:
    if column is None:
        return None
    if column.hours is not None:
        return column.hours
    if column.counted_in:
        label = next((c.label for c in columns if c.key == column.counted_in),
                     column.counted_in)
        return f"Compté dans « {label} »"
    return None


def _hours(stats: AnnualStatistics, previous: AnnualStatistics | None) -> ReportTable:
    section = stats.hours
    before = {c.key: c for c in previous.hours.columns} if previous else {}
    names = _prev_headers(stats, previous, "Heures")
    header = ("Catégorie d'activité", names[0], "Part (%)", *names[1:])
    rows: list[tuple[Value, ...]] = []
    for column in section.columns:
        cells: list[Value] = [_hours_cell(section.columns, column),
                              _share(column.hours, section.total)]
        if previous is not None:
            cells.append(_hours_cell(previous.hours.columns, before.get(column.key)))
        rows.append((column.label, *cells))
    total: list[Value] = ["TOTAL", section.total, 100.0 if section.total else None]
    if previous is not None:
        total.append(previous.hours.total)
    rows.append(tuple(total))
    return ReportTable("heures", "Répartition de l'activité (heures)", header, tuple(rows),
                       "Heures de toute l'équipe éducative, en heures décimales.")


def _supported(stats: AnnualStatistics, previous: AnnualStatistics | None) -> ReportTable:
    s = stats.supported
    rows: list[tuple[Value, ...]] = [
        ("Jeunes accompagnés (personnes distinctes)",
         *_pair(previous, s.total, lambda p: p.supported.total)),
        ("dont nouveaux (aucun accompagnement actif avant le 1er janvier)",
         *_pair(previous, s.new, lambda p: p.supported.new)),
        ("dont déjà accompagnés avant le 1er janvier",
         *_pair(previous, s.continuing, lambda p: p.supported.continuing)),
        ("Jeunes de 11 à 15 ans (public prioritaire « 11-16 ans »)",
         *_pair(previous, s.priority_11_15, lambda p: p.supported.priority_11_15)),
        ("Part des 11 à 15 ans (%)",
         *_pair(previous, s.priority_11_15_share, lambda p: p.supported.priority_11_15_share)),
        ("Jeunes de 16 à 21 ans",
         *_pair(previous, s.public_16_21, lambda p: p.supported.public_16_21)),
        ("Part des 16 à 21 ans (%)",
         *_pair(previous, s.public_16_21_share, lambda p: p.supported.public_16_21_share)),
        ("Accompagnements actifs dans l'année (dossiers)",
         *_pair(previous, s.supports_active, lambda p: p.supported.supports_active)),
    ]
    header = ("Indicateur", *_prev_headers(stats, previous, "Nombre"))
    return ReportTable("jeunes_accompagnes", "Nombre de jeunes accompagnés", header,
                       tuple(rows), "Personnes distinctes ; parts en % des jeunes accompagnés.")


def _problems(stats: AnnualStatistics, previous: AnnualStatistics | None) -> ReportTable:
    section = stats.problems
    before = {line.key: line for line in previous.problems.lines} if previous else {}
    names = _prev_headers(stats, previous, "Jeunes")
    header = ["Problématique", names[0], f"% des jeunes accompagnés {stats.year}"]
    if previous is not None:
        header += [names[1], f"% des jeunes accompagnés {previous.year}"]
    rows: list[tuple[Value, ...]] = []
    for line in section.lines:
        row: list[Value] = [line.label, line.young, line.percent_of_young]
        if previous is not None:
            old = before.get(line.key)
            row += [old.young if old else None, old.percent_of_young if old else None]
        rows.append(tuple(row))
    base: list[Value] = ["Jeunes accompagnés (base des pourcentages)",
                         section.young_supported, None]
    if previous is not None:
        base += [previous.problems.young_supported, None]
    rows.append(tuple(base))
    return ReportTable("problematiques", "Problématiques à l'origine de l'accompagnement",
                       tuple(header), tuple(rows),
                       "Choix multiple : la somme des lignes dépasse le nombre de jeunes.")


def _durations(stats: AnnualStatistics, previous: AnnualStatistics | None) -> ReportTable:
    before = {line.key: line.supports for line in previous.durations.lines} if previous else {}
    header = ("Durée", *_prev_headers(stats, previous, "Accompagnements"))
    rows: list[tuple[Value, ...]] = [
        (line.label, *_pair(previous, line.supports, lambda _p, k=line.key: before.get(k)))
        for line in stats.durations.lines
    ]
    rows.append(("Total", *_pair(previous, stats.durations.supports,
                                 lambda p: p.durations.supports)))
    return ReportTable("durees", "Durée de l'accompagnement", header, tuple(rows),
                       f"Du début de l'accompagnement à sa fin, ou au 31 décembre "
                       f"{stats.year} s'il se poursuit. Des accompagnements, non des personnes.")


def _collective(stats: AnnualStatistics, previous: AnnualStatistics | None) -> ReportTable:
    c = stats.collective_actions
    rows: list[tuple[Value, ...]] = [
        ("Actions collectives menées (au moins une séance dans l'année)",
         *_pair(previous, c.actions, lambda p: p.collective_actions.actions)),
        ("Séances", *_pair(previous, c.sessions, lambda p: p.collective_actions.sessions)),
        ("Jeunes concernés", *_pair(previous, c.young, lambda p: p.collective_actions.young)),
        ("dont jeunes identifiés par un code (distincts)",
         *_pair(previous, c.coded_young, lambda p: p.collective_actions.coded_young)),
        ("dont participants anonymes",
         *_pair(previous, c.anonymous_young, lambda p: p.collective_actions.anonymous_young)),
        ("Familles", *_pair(previous, c.families, lambda p: p.collective_actions.families)),
        ("Actions dont les familles ne sont pas renseignées (NR)",
         *_pair(previous, c.actions_families_not_recorded,
                lambda p: p.collective_actions.actions_families_not_recorded)),
        ("Heures", *_pair(previous, c.hours, lambda p: p.collective_actions.hours)),
    ]
    header = ("Indicateur", *_prev_headers(stats, previous, "Nombre"))
    return ReportTable("actions_collectives", "Actions collectives", header, tuple(rows),
                       "NR : non renseigné, jamais compté comme zéro.")


def _action_types(stats: AnnualStatistics, previous: AnnualStatistics | None) -> ReportTable:
    section = stats.collective_actions
    before = {line.key: line for line in previous.collective_actions.by_type} if previous else {}
    header = ["Type d'action", f"Actions {stats.year}", f"Jeunes concernés {stats.year}",
              f"Heures {stats.year}"]
    if previous is not None:
        header += [f"Actions {previous.year}", f"Jeunes concernés {previous.year}",
                   f"Heures {previous.year}"]
    keys = [line.key for line in section.by_type]
    keys += [key for key in before if key not in keys]
    current = {line.key: line for line in section.by_type}
    rows: list[tuple[Value, ...]] = []
    for key in keys:
        line = current.get(key)
        old = before.get(key)
        label = (line or old).label  # type: ignore[union-attr]
        row: list[Value] = [label, line.actions if line else 0, line.young if line else 0,
                            line.hours if line else 0.0]
        if previous is not None:
            row += [old.actions if old else 0, old.young if old else 0,
                    old.hours if old else 0.0]
        rows.append(tuple(row))
    total: list[Value] = ["Total", section.actions, section.young, section.hours]
    if previous is not None:
        pc = previous.collective_actions
        total += [pc.actions, pc.young, pc.hours]
    rows.append(tuple(total))
    return ReportTable("actions_par_type", "Actions collectives par type", tuple(header),
                       tuple(rows), "Un jeune présent dans plusieurs types est compté dans "
                       "chacun ; le total compte les jeunes concernés de l'année.")


def _counts(key: str, title: str, label: str, value: str, stats: AnnualStatistics,
            previous: AnnualStatistics | None,
            pick: Callable[[AnnualStatistics], tuple[list[CountLine], int]],
            note: str) -> ReportTable:
    lines, total = pick(stats)
    before = {line.key: line.count for line in pick(previous)[0]} if previous else {}
    keys = [line.key for line in lines] + [k for k in before if k not in
                                            {line.key for line in lines}]
    labels = {line.key: line.label for line in lines}
    if previous is not None:
        labels.update({line.key: line.label for line in pick(previous)[0]
                       if line.key not in labels})
    current = {line.key: line.count for line in lines}
    rows: list[tuple[Value, ...]] = [
        (labels[k], *_pair(previous, current.get(k, 0), lambda _p, k=k: before.get(k, 0)))
        for k in keys
    ]
    rows.append(("Total", *_pair(previous, total, lambda p: pick(p)[1])))
    header = (label, *_prev_headers(stats, previous, value))
    return ReportTable(key, title, header, tuple(rows), note)


def report_tables(
    stats: AnnualStatistics, previous: AnnualStatistics | None = None
) -> list[ReportTable]:
    """Every table of the report, in the report's order, with N-1 columns if ``previous``.

    ``previous`` is the same service's statistics for the year before, given only when
    that year has data (see ``annual.previous_year``).
    """
    return [
        _information(stats, previous),
        _sectors(stats, previous),
        _team(stats, previous),
        _contacts(stats, previous),
        _sex_age("rencontres_anonymes", "Rencontres anonymes par âge et par sexe", stats,
                 previous, lambda s: s.contacts.anonymous_contacts),
        _sex_age("jeunes_connus", "Jeunes connus par âge et par sexe", stats, previous,
                 lambda s: s.contacts.young_known),
        _hours(stats, previous),
        _supported(stats, previous),
        _sex_age("accompagnes_age_sexe", "Jeunes accompagnés par âge et par sexe", stats,
                 previous, lambda s: s.supported.by_sex_age),
        _sex_age("nouveaux_age_sexe", "Nouveaux jeunes accompagnés par âge et par sexe",
                 stats, previous, lambda s: s.supported.new_by_sex_age),
        _problems(stats, previous),
        _durations(stats, previous),
        _collective(stats, previous),
        _action_types(stats, previous),
        _counts("orientations", "Orientations et relais", "Type de partenaire",
                "Orientations", stats, previous, lambda s: (s.referrals, s.referrals_total),
                "Des orientations, et non des personnes."),
        _counts("informations_preoccupantes", "Informations préoccupantes transmises",
                "Destinataire", "Informations", stats, previous,
                lambda s: (s.concern_reports, s.concern_reports_total),
                "Seuls la date et le destinataire sont conservés, jamais le contenu."),
    ]
