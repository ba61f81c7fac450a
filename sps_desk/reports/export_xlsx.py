"""XLSX workbooks: the statistics file's tables, one sheet per table (openpyxl).

A hidden count is written as the text « secret » (secret statistique), « NR » stays
« NR », numbers stay numbers so that the Département can compute with them.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import IO

from openpyxl import Workbook
from openpyxl.styles import Font

from sps_desk.reports.consolidation_model import counted_in_text
from sps_desk.reports.statistics_file import SexAgeCounts, StatisticsFile
from sps_desk.reports.workbooks import save_workbook

SECRET = "secret"
"""Text of a hidden cell in tables (PDF and XLSX)."""

Cell = int | float | str | None


def shown(value: int | float | str | None) -> int | float | str:
    """A published value for a table: ``None`` (hidden) becomes « secret »."""
    return SECRET if value is None else value


def add_sheet(
    workbook: Workbook, title: str, header: Sequence[str], rows: Sequence[Sequence[Cell]],
    notes: Sequence[str] = (),
) -> None:
    """Append a sheet: bold header, rows, then a blank line and French notes."""
    sheet = workbook.create_sheet(title[:31])
    sheet.append(list(header))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append(["" if v is None else v for v in row])
    if notes:
        sheet.append([])
        for note in notes:
            sheet.append([note])
    sheet.column_dimensions["A"].width = 45


def sex_age_rows(table: SexAgeCounts, brackets: dict[str, str], sexes: dict[str, str]
                 ) -> tuple[list[str], list[list[Cell]]]:
    """Header and rows (brackets × sexes, with totals) of a sex × age table."""
    header = ["Tranche d'âge", *sexes.values(), "Total"]
    rows: list[list[Cell]] = [
        [label, *(shown(table.cells[key][s]) for s in sexes), shown(table.bracket_totals[key])]
        for key, label in brackets.items()
    ]
    rows.append(["TOTAL", *(shown(table.sex_totals[s]) for s in sexes), shown(table.total)])
    return header, rows


def write_file_workbook(statistics_file: StatisticsFile, stream: IO[bytes]) -> None:
    """The tables of ``statistics_file`` as an XLSX workbook written to ``stream``."""
    f = statistics_file
    workbook = Workbook()
    workbook.remove(workbook.active)
    brackets = {b.key: b.label for b in f.age_brackets}
    sexes = {s.key: s.label for s in f.sexes}
    add_sheet(workbook, "Service", ["Rubrique", "Valeur"], [
        ["Service", f.service.name], ["Identifiant du service", f.service.id],
        ["Structure gestionnaire", f.service.managing_body], ["Année", f.year],
        ["Produit par", f.generator], ["Seuil du secret statistique (k)", f.disclosure.threshold],
        *[["Secteur", f"{s.commune} – {s.neighbourhood}" if s.neighbourhood else s.commune]
          for s in f.sectors],
        *[[f"ETP {t.label}", t.fte] for t in f.team], ["ETP total", f.team_fte_total],
    ])
    add_sheet(workbook, "Heures", ["Catégorie", "Heures"], [
        [c.label, c.hours if c.hours is not None else counted_in_text(c.counted_in)]
        for c in f.hours.columns] + [["TOTAL", f.hours.total]])
    header, rows = sex_age_rows(f.contacts.young_known, brackets, sexes)
    add_sheet(workbook, "Jeunes connus", header, rows, [
        f"Rencontres (contacts) : {f.contacts.contacts_total}",
        f"Sorties de terrain : {f.contacts.field_sessions}"])
    header, rows = sex_age_rows(f.supported.by_sex_age, brackets, sexes)
    add_sheet(workbook, "Jeunes accompagnés", header, rows, [
        f"Nouveaux : {shown(f.supported.new)} ; poursuivis : {shown(f.supported.continuing)}",
        f"11-15 ans : {shown(f.supported.priority_11_15)} ; "
        f"16-21 ans : {shown(f.supported.public_16_21)}"])
    add_sheet(workbook, "Problématiques", ["Problématique", "Jeunes", "% des jeunes"],
              [[p.label, shown(p.young), shown(p.percent_of_young)] for p in f.problems.lines]
              + [["Jeunes accompagnés", shown(f.problems.young_supported), ""]])
    add_sheet(workbook, "Durées", ["Durée", "Accompagnements"],
              [[d.label, shown(d.supports)] for d in f.durations.lines]
              + [["TOTAL", shown(f.durations.supports)]])
    c = f.collective_actions
    add_sheet(workbook, "Actions collectives",
              ["Type", "Actions", "Jeunes concernés", "Heures"],
              [[t.label, t.actions, shown(t.young), t.hours] for t in c.by_type]
              + [["TOTAL", c.actions, shown(c.young), c.hours]],
              [f"Familles : {shown(c.families)}"])
    add_sheet(workbook, "Orientations", ["Vers", "Nombre"],
              [[r.label, shown(r.count)] for r in f.referrals]
              + [["TOTAL", shown(f.referrals_total)]],
              [f"Informations préoccupantes transmises : {shown(f.concern_reports_total)}"])
    add_sheet(workbook, "Secret statistique", ["Cellule", "Motif", "Explication"],
              [[s.cell, s.reason, s.explanation] for s in f.disclosure.suppressions])
    save_workbook(workbook, stream)  # in memory, never in the temp folder
