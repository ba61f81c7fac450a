"""The departmental consolidation as an XLSX workbook: one sheet per table (openpyxl).

Numbers stay numbers (totals too); « NR », « secret » and « Dans les … » stay text; a
total that leaves hidden or NR cells out is followed by the note that says so.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import IO

from openpyxl import Workbook

from sps_desk.reports.consolidation_model import Cell, DepartmentTable, Total
from sps_desk.reports.export_xlsx import add_sheet
from sps_desk.reports.statistics_file import StatisticsFile
from sps_desk.reports.workbooks import save_workbook

_SHEET_NAMES = {
    "hours": "Heures",
    "young": "Jeunes",
    "problems": "Problématiques",
    "durations": "Durées",
    "collective": "Actions collectives",
}


def _value(cell: Cell) -> int | float | str | None:
    return cell.value if isinstance(cell, Total) else cell


def write_consolidation_workbook(
    year: int, services: Sequence[StatisticsFile], tables: Sequence[DepartmentTable],
    stream: IO[bytes],
) -> None:
    """Write the ``tables`` of ``year`` (and the list of services) to ``stream``."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    add_sheet(workbook, "Services", ["SPS", "Structure gestionnaire", "ETP", "Identifiant"],
              [[s.service.name, s.service.managing_body, s.team_fte_total, s.service.id]
               for s in services],
              [f"Consolidation départementale {year} : {len(services)} services."])
    for table in tables:
        add_sheet(workbook, _SHEET_NAMES.get(table.key, table.title), table.header,
                  [[_value(c) for c in row] for row in table.rows], table.notes)
    save_workbook(workbook, stream)  # in memory, never in the temp folder
