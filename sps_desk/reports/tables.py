"""The report's tables as plain values, for the XLSX workbook and the CSV files.

:func:`report_tables` turns the :class:`~sps_desk.reports.figures.ReportFigures` of a
year (and of the previous year, when it has data) into :class:`ReportTable` objects: a
French title, a header, rows of values. Numbers stay numbers (``int`` counts, ``float``
decimal hours, FTE and percentages exactly as in the figures), dates stay ``date``; text
is the figures' labels and the service's own words (communes, quartiers). Nothing is
recomputed from counts of people: every number is a value of the figures, except a
share of the hours total (rounded to one decimal, as in the PDF).

Values: ``None`` is « no value » (an N-1 cell of a line absent that year, a percentage
without denominator); ``"NR"`` is « non renseigné » (never 0); :data:`SECRET` (« s »)
is a count hidden by statistical secrecy (diffusion version), and so is a percentage
computed from one.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

from sps_desk.enums import FieldSessionKind
from sps_desk.reports.figures import SECRET, ReportFigures, percent_hidden
from sps_desk.reports.statistics_file import CountLine, HoursColumn, SexAgeCounts

Value = str | int | float | date | None
"""One cell: text, a count, a decimal, a date, ``None`` (no value) or « s » (hidden)."""

SECRET_FOOTNOTE = ("s : secret statistique (moins de {k} personnes, ou valeur qui "
                   "permettrait d'en retrouver une par différence).")
"""Added to the note of a table that holds « s » (``{k}``: the threshold)."""


@dataclass(frozen=True)
class ReportTable:
    """One table of the report.

    ``key`` is a stable ASCII slug (sheet and CSV file names); ``title`` the French title;
    ``header`` one French label per column; ``rows`` as many values as columns; ``note``
    says what is counted (people, contacts, records, hours) and what « s » means.
    """

    key: str
    title: str
    header: tuple[str, ...]
    rows: tuple[tuple[Value, ...], ...]
    note: str = ""


Figures = ReportFigures
Previous = ReportFigures | None


def _hidden(value: int | None) -> int | str:
    """A count of people: « s » when hidden."""
    return SECRET if value is None else value


def _percent(percent: float | None, *sources: int | None) -> float | str | None:
    return SECRET if percent_hidden(percent, *sources) else percent


def _prev_headers(figures: Figures, previous: Previous, name: str) -> list[str]:
    if previous is None:
        return [f"{name} {figures.year}"]
    return [f"{name} {figures.year}", f"{name} {previous.year}"]


def _pair(previous: Previous, current: Value, before: Callable[[ReportFigures], Value]
          ) -> list[Value]:
    """The year's value, then N-1's when there is a previous year."""
    return [current] if previous is None else [current, before(previous)]


def _share(part: float | None, whole: float) -> float | None:
    return None if part is None or not whole else round(100 * part / whole, 1)


def _information(figures: Figures, previous: Previous) -> ReportTable:
    rows: list[tuple[Value, ...]] = [
        ("Service", figures.service_name),
        ("Structure gestionnaire", figures.managing_body),
        ("Année", figures.year),
        ("Début de la période", date(figures.year, 1, 1)),
        ("Fin de la période", date(figures.year, 12, 31)),
        ("Année de comparaison", previous.year if previous else "aucune (pas de données)"),
    ]
    if figures.protected:
        rows += [("Version", f"diffusion : effectifs de moins de {figures.threshold} "
                             "personnes masqués « s » (secret statistique)"),
                 ("Seuil du secret statistique (k)", figures.threshold)]
    else:
        rows.append(("Version", "interne : tous les effectifs, réservé au service, ne pas "
                                "diffuser"))
    rows.append(("Produit par", figures.generator))
    return ReportTable("informations", "Informations", ("Rubrique", "Valeur"), tuple(rows))


def _sectors(figures: Figures, previous: Previous) -> ReportTable:
    rows = tuple((s.commune, s.neighbourhood or "Toute la commune") for s in figures.sectors)
    return ReportTable("secteurs", "Secteurs d'intervention", ("Commune", "Quartier"), rows)


def _team(figures: Figures, previous: Previous) -> ReportTable:
    before = {line.role: line.fte for line in previous.team} if previous else {}
    header = ("Fonction", "Effectif", *_prev_headers(figures, previous, "ETP"))
    rows: list[tuple[Value, ...]] = [
        (line.label, line.headcount,
         *_pair(previous, line.fte, lambda _p, role=line.role: before.get(role)))
        for line in figures.team
    ]
    rows.append(("Total", sum(line.headcount for line in figures.team),
                 *_pair(previous, figures.team_fte_total, lambda p: p.team_fte_total)))
    return ReportTable("equipe", "Composition de l'équipe", header, tuple(rows),
                       "ETP : équivalent temps plein (0,5 = mi-temps).")


def _kind_label(key: str) -> str:
    try:
        return FieldSessionKind(key).label.lower()
    except ValueError:
        return key


def _contacts(figures: Figures, previous: Previous) -> ReportTable:
    c = figures.contacts
    rows: list[tuple[Value, ...]] = [
        ("Sorties de terrain", *_pair(previous, c.field_sessions,
                                      lambda p: p.contacts.field_sessions)),
    ]
    for key, sessions in c.field_sessions_by_kind.items():
        rows.append((f"dont {_kind_label(key)}",
                     *_pair(previous, sessions,
                            lambda p, k=key: p.contacts.field_sessions_by_kind.get(k))))
    rows += [
        ("Rencontres (contacts, et non personnes)",
         *_pair(previous, c.contacts_total, lambda p: p.contacts.contacts_total)),
        ("dont rencontres anonymes",
         *_pair(previous, _hidden(c.anonymous_contacts.total),
                lambda p: _hidden(p.contacts.anonymous_contacts.total))),
        ("dont rencontres de jeunes identifiés par un code",
         *_pair(previous, c.coded_contacts, lambda p: p.contacts.coded_contacts)),
        ("Jeunes connus (personnes distinctes)",
         *_pair(previous, _hidden(c.young_known.total),
                lambda p: _hidden(p.contacts.young_known.total))),
        ("Adultes, parents, habitants rencontrés",
         *_pair(previous, c.adults_met, lambda p: p.contacts.adults_met)),
        ("Partenaires rencontrés",
         *_pair(previous, c.partners_met, lambda p: p.contacts.partners_met)),
    ]
    header = ("Indicateur", *_prev_headers(figures, previous, "Nombre"))
    return ReportTable("rencontres", "Nombre de jeunes rencontrés", header, tuple(rows),
                       "Rencontres : des contacts et non des personnes ; jeunes connus : "
                       "des personnes distinctes.")


def _sex_age(key: str, title: str, figures: Figures, previous: Previous,
             pick: Callable[[ReportFigures], SexAgeCounts]) -> ReportTable:
    table = pick(figures)
    before = pick(previous) if previous else None
    header = ["Tranche d'âge", *(s.label for s in figures.sexes), f"Total {figures.year}"]
    if previous is not None:
        header.append(f"Total {previous.year}")
    rows: list[tuple[Value, ...]] = []
    for bracket in figures.age_brackets:
        row: list[Value] = [bracket.label]
        row += [_hidden(table.cells[bracket.key][s.key]) for s in figures.sexes]
        row.append(_hidden(table.bracket_totals[bracket.key]))
        if previous is not None:
            row.append(_hidden(before.bracket_totals[bracket.key])
                       if before is not None and bracket.key in before.cells else None)
        rows.append(tuple(row))
    total: list[Value] = ["Total", *(_hidden(table.sex_totals[s.key]) for s in figures.sexes),
                          _hidden(table.total)]
    if previous is not None:
        total.append(_hidden(before.total) if before is not None else None)
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


def _hours(figures: Figures, previous: Previous) -> ReportTable:
    section = figures.hours
    before = {c.key: c for c in previous.hours.columns} if previous else {}
    names = _prev_headers(figures, previous, "Heures")
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


def _supported(figures: Figures, previous: Previous) -> ReportTable:
    s = figures.supported
    rows: list[tuple[Value, ...]] = [
        ("Jeunes accompagnés (personnes distinctes)",
         *_pair(previous, _hidden(s.total), lambda p: _hidden(p.supported.total))),
        ("dont nouveaux (aucun accompagnement actif avant le 1er janvier)",
         *_pair(previous, _hidden(s.new), lambda p: _hidden(p.supported.new))),
        ("dont déjà accompagnés avant le 1er janvier",
         *_pair(previous, _hidden(s.continuing), lambda p: _hidden(p.supported.continuing))),
        ("Jeunes de 11 à 15 ans (public prioritaire « 11-16 ans »)",
         *_pair(previous, _hidden(s.priority_11_15),
                lambda p: _hidden(p.supported.priority_11_15))),
        ("Part des 11 à 15 ans (%)",
         *_pair(previous, _percent(s.priority_11_15_share, s.priority_11_15, s.total),
                lambda p: _percent(p.supported.priority_11_15_share,
                                   p.supported.priority_11_15, p.supported.total))),
        ("Jeunes de 16 à 21 ans",
         *_pair(previous, _hidden(s.public_16_21),
                lambda p: _hidden(p.supported.public_16_21))),
        ("Part des 16 à 21 ans (%)",
         *_pair(previous, _percent(s.public_16_21_share, s.public_16_21, s.total),
                lambda p: _percent(p.supported.public_16_21_share,
                                   p.supported.public_16_21, p.supported.total))),
        ("Accompagnements actifs dans l'année (dossiers)",
         *_pair(previous, _hidden(s.supports_active),
                lambda p: _hidden(p.supported.supports_active))),
    ]
    header = ("Indicateur", *_prev_headers(figures, previous, "Nombre"))
    return ReportTable("jeunes_accompagnes", "Nombre de jeunes accompagnés", header,
                       tuple(rows), "Personnes distinctes ; parts en % des jeunes accompagnés.")


def _problems(figures: Figures, previous: Previous) -> ReportTable:
    section = figures.problems
    before = {line.key: line for line in previous.problems.lines} if previous else {}
    names = _prev_headers(figures, previous, "Jeunes")
    header = ["Problématique", names[0], f"% des jeunes accompagnés {figures.year}"]
    if previous is not None:
        header += [names[1], f"% des jeunes accompagnés {previous.year}"]
    rows: list[tuple[Value, ...]] = []
    for line in section.lines:
        row: list[Value] = [line.label, _hidden(line.young),
                            _percent(line.percent_of_young, line.young,
                                     section.young_supported)]
        if previous is not None:
            old = before.get(line.key)
            row += [None, None] if old is None else [
                _hidden(old.young),
                _percent(old.percent_of_young, old.young, previous.problems.young_supported)]
        rows.append(tuple(row))
    base: list[Value] = ["Jeunes accompagnés (base des pourcentages)",
                         _hidden(section.young_supported), None]
    if previous is not None:
        base += [_hidden(previous.problems.young_supported), None]
    rows.append(tuple(base))
    return ReportTable("problematiques", "Problématiques à l'origine de l'accompagnement",
                       tuple(header), tuple(rows),
                       "Choix multiple : la somme des lignes dépasse le nombre de jeunes.")


def _durations(figures: Figures, previous: Previous) -> ReportTable:
    before = {line.key: line.supports for line in previous.durations.lines} if previous else {}
    header = ("Durée", *_prev_headers(figures, previous, "Accompagnements"))
    rows: list[tuple[Value, ...]] = [
        (line.label, *_pair(previous, _hidden(line.supports),
                            lambda _p, k=line.key: _hidden(before[k]) if k in before else None))
        for line in figures.durations.lines
    ]
    rows.append(("Total", *_pair(previous, _hidden(figures.durations.supports),
                                 lambda p: _hidden(p.durations.supports))))
    return ReportTable("durees", "Durée de l'accompagnement", header, tuple(rows),
                       f"Du début de l'accompagnement à sa fin, ou au 31 décembre "
                       f"{figures.year} s'il se poursuit. Des accompagnements, non des "
                       "personnes.")


def _families(value: int | str | None) -> Value:
    return SECRET if value is None else value


def _collective(figures: Figures, previous: Previous) -> ReportTable:
    c = figures.collective_actions
    rows: list[tuple[Value, ...]] = [
        ("Actions collectives menées (au moins une séance dans l'année)",
         *_pair(previous, c.actions, lambda p: p.collective_actions.actions)),
        ("Séances", *_pair(previous, c.sessions, lambda p: p.collective_actions.sessions)),
        ("Jeunes concernés", *_pair(previous, _hidden(c.young),
                                    lambda p: _hidden(p.collective_actions.young))),
        ("dont jeunes identifiés par un code (distincts)",
         *_pair(previous, _hidden(c.coded_young),
                lambda p: _hidden(p.collective_actions.coded_young))),
        ("dont participants anonymes",
         *_pair(previous, _hidden(c.anonymous_young),
                lambda p: _hidden(p.collective_actions.anonymous_young))),
        ("Familles", *_pair(previous, _families(c.families),
                            lambda p: _families(p.collective_actions.families))),
        ("Actions dont les familles ne sont pas renseignées (NR)",
         *_pair(previous, c.actions_families_not_recorded,
                lambda p: p.collective_actions.actions_families_not_recorded)),
        ("Heures", *_pair(previous, c.hours, lambda p: p.collective_actions.hours)),
    ]
    header = ("Indicateur", *_prev_headers(figures, previous, "Nombre"))
    return ReportTable("actions_collectives", "Actions collectives", header, tuple(rows),
                       "NR : non renseigné, jamais compté comme zéro.")


def _action_types(figures: Figures, previous: Previous) -> ReportTable:
    section = figures.collective_actions
    before = {line.key: line for line in previous.collective_actions.by_type} if previous else {}
    header = ["Type d'action", f"Actions {figures.year}", f"Jeunes concernés {figures.year}",
              f"Heures {figures.year}"]
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
        row: list[Value] = [label, line.actions if line else 0,
                            _hidden(line.young) if line else 0, line.hours if line else 0.0]
        if previous is not None:
            row += [old.actions if old else 0, _hidden(old.young) if old else 0,
                    old.hours if old else 0.0]
        rows.append(tuple(row))
    total: list[Value] = ["Total", section.actions, _hidden(section.young), section.hours]
    if previous is not None:
        pc = previous.collective_actions
        total += [pc.actions, _hidden(pc.young), pc.hours]
    rows.append(tuple(total))
    return ReportTable("actions_par_type", "Actions collectives par type", tuple(header),
                       tuple(rows), "Un jeune présent dans plusieurs types est compté dans "
                       "chacun ; le total compte les jeunes concernés de l'année.")


def _counts(key: str, title: str, label: str, value: str, figures: Figures,
            previous: Previous,
            pick: Callable[[ReportFigures], tuple[Sequence[CountLine], int | None]],
            note: str) -> ReportTable:
    lines, total = pick(figures)
    before = {line.key: line.count for line in pick(previous)[0]} if previous else {}
    keys = [line.key for line in lines] + [k for k in before if k not in
                                            {line.key for line in lines}]
    labels = {line.key: line.label for line in lines}
    if previous is not None:
        labels.update({line.key: line.label for line in pick(previous)[0]
                       if line.key not in labels})
    current = {line.key: line.count for line in lines}
    rows: list[tuple[Value, ...]] = [
        (labels[k], *_pair(previous, _hidden(current[k]) if k in current else 0,
                           lambda _p, k=k: _hidden(before[k]) if k in before else 0))
        for k in keys
    ]
    rows.append(("Total", *_pair(previous, _hidden(total), lambda p: _hidden(pick(p)[1]))))
    header = (label, *_prev_headers(figures, previous, value))
    return ReportTable(key, title, header, tuple(rows), note)


def _with_footnote(table: ReportTable, threshold: int | None) -> ReportTable:
    """``table`` with the meaning of « s » added to its note when it shows one."""
    if not any(value == SECRET for row in table.rows for value in row[1:]):
        return table
    footnote = SECRET_FOOTNOTE.format(k=threshold or 0)
    note = f"{table.note} {footnote}" if table.note else footnote
    return ReportTable(table.key, table.title, table.header, table.rows, note)


def report_tables(figures: ReportFigures, previous: ReportFigures | None = None
                  ) -> list[ReportTable]:
    """Every table of the report, in the report's order, with N-1 columns if ``previous``.

    ``previous`` is the same service's figures for the year before, of the same version
    (published for diffusion, raw for internal), given only when that year has data.
    """
    tables = [
        _information(figures, previous),
        _sectors(figures, previous),
        _team(figures, previous),
        _contacts(figures, previous),
        _sex_age("rencontres_anonymes", "Rencontres anonymes par âge et par sexe", figures,
                 previous, lambda f: f.contacts.anonymous_contacts),
        _sex_age("jeunes_connus", "Jeunes connus par âge et par sexe", figures, previous,
                 lambda f: f.contacts.young_known),
        _hours(figures, previous),
        _supported(figures, previous),
        _sex_age("accompagnes_age_sexe", "Jeunes accompagnés par âge et par sexe", figures,
                 previous, lambda f: f.supported.by_sex_age),
        _sex_age("nouveaux_age_sexe", "Nouveaux jeunes accompagnés par âge et par sexe",
                 figures, previous, lambda f: f.supported.new_by_sex_age),
        _problems(figures, previous),
        _durations(figures, previous),
        _collective(figures, previous),
        _action_types(figures, previous),
        _counts("orientations", "Orientations et relais", "Type de partenaire",
                "Orientations", figures, previous,
                lambda f: (f.referrals, f.referrals_total),
                "Des orientations, et non des personnes."),
        _counts("informations_preoccupantes", "Informations préoccupantes transmises",
                "Destinataire", "Informations", figures, previous,
                lambda f: (f.concern_reports, f.concern_reports_total),
                "Seuls la date et le destinataire sont conservés, jamais le contenu."),
    ]
    return [_with_footnote(table, figures.threshold) for table in tables]
