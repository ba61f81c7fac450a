"""Departmental tables as data: cells, partial totals, tables (shared by PDF and XLSX)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

SECRET = "secret"
"""How a hidden cell (secret statistique) is shown in departmental tables."""
NOT_RECORDED = "NR"
"""« Non renseigné »: never counted as zero."""


COUNTED_IN_TEXT: dict[str, str] = {
    "street_work": "Dans le travail de rue",
    "individual_support": "Dans les accompagnements individuels",
    "collective_actions": "Dans les actions collectives",
    "training_leave": "Dans les formations / congés / congés maladie",
    "writing": "Dans les écrits professionnels",
    "partnership": "Dans les actions partenariales et réunions diverses",
    "preparation": "Dans le temps de préparation des activités",
}
"""Cell text of an hours column counted in another (``ReportColumn`` key of the host),
worded as the 2022 table's « Dans les accompagnements individuels »."""


def counted_in_text(host: str | None) -> str:
    """« Dans les … » for a host column key; « Compté ailleurs » for an unknown key."""
    return COUNTED_IN_TEXT.get(host or "", "Compté dans une autre catégorie")


@dataclass(frozen=True)
class Total:
    """A total over published values; ``left_out`` names the services whose cell was
    hidden or « NR » and is therefore not in ``value``."""

    value: float
    left_out: tuple[str, ...] = ()


Cell = int | float | str | Total | None
"""A departmental table cell: number, text (« NR », « secret », « Dans les … »), a
:class:`Total`, or ``None`` for an empty cell (no hours recorded)."""


@dataclass(frozen=True)
class DepartmentTable:
    """One departmental table: French title, header, rows (TOTAL last), notes."""

    key: str
    title: str
    header: list[str]
    rows: list[list[Cell]]
    notes: list[str] = field(default_factory=list)

    def row(self, label: str) -> list[Cell]:
        """The row whose first cell is ``label``. Raises ``KeyError`` when absent."""
        for row in self.rows:
            if row[0] == label:
                return row
        raise KeyError(label)


def cell_text(cell: Cell, formatter: Callable[[float], str]) -> str:
    """A cell as printed: numbers through ``formatter``, a partial total marked « * »."""
    if cell is None:
        return ""
    if isinstance(cell, Total):
        return formatter(cell.value) + (" *" if cell.left_out else "")
    if isinstance(cell, int | float):
        return formatter(cell)
    return cell


