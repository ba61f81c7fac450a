"""Table models of the window's lists, and a configured, sortable table view.

Two models, both sortable by clicking a column header:

* :class:`PagedTableModel` for the lists that grow with the years (outings, young
  people, supports, actions, hours): it holds the ids of its rows, in the order and under
  the filters chosen, both done in SQL (``sps_desk.store.listing``), and fetches the
  records of the rows on screen by blocks, kept in a small cache — Anki's browser
  ``DataModel`` (STYLE.md §2). A save refreshes only what changed: the changed rows are
  repainted (``dataChanged``), a new row is inserted, a deleted one removed, a moved one
  moved; the model is reset only when the filters or the period change.
* :class:`RecordTableModel` for short lists computed in memory (a support's timeline,
  the totals of a week), sorted in memory.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

from sps_desk.search import fold
from sps_desk.store.listing import Sort

Index = QModelIndex | QPersistentModelIndex

BLOCK = 64
"""Rows fetched together when one of them is first shown (a screenful and more)."""
CACHED_ROWS = 8 * BLOCK
"""Rows kept in a paged model's cache (the least recently shown go first)."""
SMALL_CHANGE = 50
"""Above this many rows added or removed at once, a list is reset rather than updated
row by row (a merge, an import)."""


@dataclass(frozen=True)
class Column:
    """A table column: translated header and how to display one row's value.

    ``sort`` names the list's SQL sort key (:class:`PagedTableModel`); ``key`` gives a
    Python sort key (:class:`RecordTableModel`; default: the number for numeric
    columns, else the folded text).
    """

    header: str
    value: Callable[[Any], str]
    numeric: bool = False
    sort: str = ""
    key: Callable[[Any], Any] | None = None


# data() runs for every role of every cell painted: its roles are compared as plain
# ints, not through the enum classes' attribute lookups (a tenth of a week's repaint).
_DISPLAY = int(Qt.ItemDataRole.DisplayRole.value)
_ACCESSIBLE = int(Qt.ItemDataRole.AccessibleTextRole.value)
_TEXT_ROLES = frozenset((_DISPLAY, _ACCESSIBLE))
_TOOLTIP_ROLE = int(Qt.ItemDataRole.ToolTipRole.value)
_ALIGNMENT_ROLE = int(Qt.ItemDataRole.TextAlignmentRole.value)
_RIGHT = int((Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter).value)


def _alignment(column: Column) -> int | None:
    return _RIGHT if column.numeric else None


class _Table(QAbstractTableModel):
    """What both models share: columns, headers, and the sort indicator's state."""

    def __init__(self, columns: Sequence[Column], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._columns = list(columns)
        self.sort_column = -1
        self.sort_order = Qt.SortOrder.AscendingOrder

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        """Number of columns."""
        return 0 if parent.isValid() else len(self._columns)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        """Column headers; rows are numbered from 1."""
        if role != _DISPLAY:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self._columns[section].header
        return str(section + 1)

    def _cell_role(self, column: int, cells: Sequence[str], role: int) -> Any:
        if role in _TEXT_ROLES or (role == _TOOLTIP_ROLE and not self._columns[column].numeric):
            # The tooltip gives whole a text cut at the column's width (action titles at
            # 1280×720); numbers are never cut.
            return cells[column]
        if role == _ALIGNMENT_ROLE:
            return _alignment(self._columns[column])
        return None

    def _cells(self, row_object: Any) -> list[str]:
        return [column.value(row_object) for column in self._columns]


class RecordTableModel(_Table):
    """Rows are arbitrary objects (records) held in memory; cells are computed once per
    reload. A header click sorts the rows in memory (:meth:`sort`)."""

    def __init__(self, columns: Sequence[Column], parent: QObject | None = None) -> None:
        super().__init__(columns, parent)
        self._rows: list[Any] = []
        self._cells_of: list[list[str]] = []

    def set_rows(self, rows: Sequence[Any]) -> None:
        """Replace every row (kept in the order chosen by a header click, if any)."""
        self.beginResetModel()
        self._rows = list(rows)
        self._cells_of = [self._cells(row) for row in self._rows]
        self._apply_sort()
        self.endResetModel()

    def row_object(self, row: int) -> Any:
        """The object shown on row ``row``."""
        return self._rows[row]

    def row_objects(self) -> list[Any]:
        """Every object shown, in display order."""
        return list(self._rows)

    def cell_text(self, row: int, column: int) -> str:
        """The text displayed in one cell."""
        return self._cells_of[row][column]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        """Number of rows (0 under any parent: this is a flat table)."""
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Cell text for display, accessibility and tooltip; numbers aligned right."""
        if not index.isValid() or (
                role not in _TEXT_ROLES and role not in (_ALIGNMENT_ROLE, _TOOLTIP_ROLE)):
            return None
        return self._cell_role(index.column(), self._cells_of[index.row()], role)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort the rows on ``column`` (a header click); selections follow their rows."""
        if not 0 <= column < len(self._columns):
            return
        self.layoutAboutToBeChanged.emit()
        before = list(self._rows)
        self.sort_column, self.sort_order = column, order
        self._apply_sort()
        position = {id(row): index for index, row in enumerate(self._rows)}
        for persistent in self.persistentIndexList():
            new_row = position[id(before[persistent.row()])]
            self.changePersistentIndex(persistent, self.index(new_row, persistent.column()))
        self.layoutChanged.emit()

    def _apply_sort(self) -> None:
        if self.sort_column < 0:
            return
        column = self._columns[self.sort_column]
        index = self.sort_column

        def key(pair: tuple[Any, list[str]]) -> Any:
            if column.key is not None:
                return column.key(pair[0])
            text = pair[1][index]
            if column.numeric:
                return _number(text)
            return fold(text)

        pairs = sorted(zip(self._rows, self._cells_of, strict=True), key=key,
                       reverse=self.sort_order == Qt.SortOrder.DescendingOrder)
        self._rows = [row for row, _cells in pairs]
        self._cells_of = [cells for _row, cells in pairs]


def _number(text: str) -> float:
    """A French number shown in a cell (« 1 234,5 »), or -1 for an empty cell."""
    cleaned = text.replace("\u202f", "").replace("\u00a0", "").replace(" ", "").replace(",", ".")
    try:
        return float(cleaned)
    except ValueError:
        return -1.0


class PagedTableModel(_Table):
    """The ids of a list's rows in SQL order; records fetched by blocks when shown.

    ``fetch_ids(sort)`` returns the ids (text UUIDs) of the rows, filtered and sorted by
    the database; ``fetch_rows(ids)`` returns the records of some of them by id (missing:
    gone meanwhile). ``keep`` (optional) filters the ids in memory afterwards, e.g. the
    search of the « Jeunes » list on its folded keys; :meth:`refilter` applies it again
    without asking the database.
    """

    def __init__(
        self,
        columns: Sequence[Column],
        fetch_ids: Callable[[Sort], list[str]],
        fetch_rows: Callable[[list[str]], Mapping[str, Any]],
        sort: Sort,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(columns, parent)
        self._fetch_ids = fetch_ids
        self._fetch_rows = fetch_rows
        self.current_sort = sort
        self.keep: Callable[[list[str]], list[str]] | None = None
        self._all: list[str] = []
        self._ids: list[str] = []
        self._position: dict[str, int] | None = {}
        self._cache: OrderedDict[str, tuple[Any, list[str]]] = OrderedDict()
        self.loaded = False
        for number, column in enumerate(self._columns):
            if column.sort == sort.key:
                self.sort_column = number
                self.sort_order = (Qt.SortOrder.DescendingOrder if sort.descending
                                   else Qt.SortOrder.AscendingOrder)

    # ------------------------------------------------------------ reading

    def ids(self) -> list[str]:
        """Ids of the rows shown, in display order."""
        return list(self._ids)

    def row_id(self, row: int) -> str:
        """Id of the row ``row``."""
        return self._ids[row]

    def row_of(self, record_id: object) -> int | None:
        """Row of the record with this id (UUID or text), or ``None`` if not shown."""
        return self._positions().get(str(record_id))

    def _positions(self) -> dict[str, int]:
        # Built when first needed: a search keystroke changes the ids and needs none.
        if self._position is None:
            self._position = {record_id: row for row, record_id in enumerate(self._ids)}
        return self._position

    def row_object(self, row: int) -> Any:
        """The record shown on row ``row`` (``None`` if it was deleted meanwhile)."""
        return self._entry(row)[0]

    def cell_text(self, row: int, column: int) -> str:
        """The text displayed in one cell."""
        return self._entry(row)[1][column]

    def cached_rows(self) -> int:
        """How many rows' records are held in memory (at most :data:`CACHED_ROWS`)."""
        return len(self._cache)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        """Number of rows shown (0 under any parent: this is a flat table)."""
        return 0 if parent.isValid() else len(self._ids)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Cell text for display, accessibility and tooltip (fetching the row's block if
        needed); numbers aligned right."""
        if role in _TEXT_ROLES and index.isValid():
            return self._entry(index.row())[1][index.column()]
        if role == _ALIGNMENT_ROLE and index.isValid():
            return _alignment(self._columns[index.column()])
        if role == _TOOLTIP_ROLE and index.isValid():
            return self._cell_role(index.column(), self._entry(index.row())[1], role)
        return None

    def _entry(self, row: int) -> tuple[Any, list[str]]:
        record_id = self._ids[row]
        entry = self._cache.get(record_id)
        if entry is None:
            self._fetch_block(row)
            entry = self._cache.get(record_id) or (None, [""] * len(self._columns))
        else:
            self._cache.move_to_end(record_id)
        return entry

    def _fetch_block(self, row: int) -> None:
        start = row - row % BLOCK
        wanted = [i for i in self._ids[start:start + BLOCK] if i not in self._cache]
        found = self._fetch_rows(wanted)
        for record_id in wanted:
            record = found.get(record_id)
            if record is not None:
                self._cache[record_id] = (record, self._cells(record))
        while len(self._cache) > CACHED_ROWS:
            self._cache.popitem(last=False)

    # ------------------------------------------------------------ changing

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort on ``column`` (a header click): the database orders the ids again; rows
        keep their cached records and selections follow their rows."""
        if not 0 <= column < len(self._columns) or not self._columns[column].sort:
            return
        wanted = Sort(self._columns[column].sort, order == Qt.SortOrder.DescendingOrder)
        self.sort_column, self.sort_order = column, order
        if wanted == self.current_sort and self.loaded:
            return
        self.current_sort = wanted
        if self.loaded:
            self._all = self._fetch_ids(wanted)
            self._show(self._kept(), changed=())

    def reload(self) -> None:
        """Ask the database for the ids again and forget every cached record (the period
        or the filters changed): the model is reset."""
        self.beginResetModel()
        self._all = self._fetch_ids(self.current_sort)
        self._set_ids(self._kept())
        self._cache.clear()
        self.loaded = True
        self.endResetModel()

    def refresh(self, changed: Collection[str] | None = None) -> None:
        """After a save: ask the database for the ids again and update only what
        changed — the records ``changed`` (ids; ``None``: any record of the list) are
        fetched again when shown, their rows repainted, inserted, removed or moved."""
        if not self.loaded:
            self.reload()
            return
        if changed is None:
            self._cache.clear()
        else:
            for record_id in changed:
                self._cache.pop(str(record_id), None)
        self._all = self._fetch_ids(self.current_sort)
        self._show(self._kept(), changed=None if changed is None else {str(i) for i in changed})

    def refilter(self) -> None:
        """Apply :attr:`keep` again to the ids already fetched (no database query): the
        rows shown change, so the model is reset (a search being typed)."""
        self.beginResetModel()
        self._set_ids(self._kept())
        self.endResetModel()

    def _kept(self) -> list[str]:
        return self.keep(self._all) if self.keep is not None else list(self._all)

    def _set_ids(self, ids: list[str]) -> None:
        self._ids = ids
        self._position = None

    def _show(self, new: list[str], changed: set[str] | tuple[()] | None) -> None:
        old = self._ids
        if new == old:
            positions = self._positions()
            self._repaint(range(len(old)) if changed is None
                          else sorted(positions[i] for i in changed if i in positions))
            return
        old_set, new_set = set(old), set(new)
        added, removed = new_set - old_set, old_set - new_set
        if not added and not removed:
            self._reorder(new)
        elif (len(added) + len(removed) <= SMALL_CHANGE
              and [i for i in old if i not in removed] == [i for i in new if i not in added]):
            self._insert_and_remove(new, added, removed)
        else:
            self.beginResetModel()
            self._set_ids(new)
            self.endResetModel()
            return
        if changed is None:
            self._repaint(range(len(new)))
        elif changed:
            positions = self._positions()
            self._repaint(sorted(positions[i] for i in changed if i in positions))

    def _repaint(self, rows: Sequence[int] | range) -> None:
        if not rows:
            return
        last = len(self._columns) - 1
        self.dataChanged.emit(self.index(min(rows), 0), self.index(max(rows), last))

    def _reorder(self, new: list[str]) -> None:
        """Same rows, another order: persistent indexes (the selection) follow."""
        self.layoutAboutToBeChanged.emit()
        old = self._ids
        self._set_ids(new)
        positions = self._positions()
        for persistent in self.persistentIndexList():
            row = positions[old[persistent.row()]]
            self.changePersistentIndex(persistent, self.index(row, persistent.column()))
        self.layoutChanged.emit()

    def _insert_and_remove(self, new: list[str], added: set[str], removed: set[str]) -> None:
        ids = list(self._ids)
        for row in sorted((self._positions()[i] for i in removed), reverse=True):
            self.beginRemoveRows(QModelIndex(), row, row)
            del ids[row]
            self._set_ids(ids)
            self.endRemoveRows()
        for row, record_id in enumerate(new):
            if record_id in added:
                self.beginInsertRows(QModelIndex(), row, row)
                ids.insert(row, record_id)
                self._set_ids(ids)
                self.endInsertRows()


def make_table_view(model: _Table, accessible_name: str, *, sortable: bool = True
                    ) -> QTableView:
    """A read-only, row-selecting table view over ``model``, sorted by a click on a
    column header (the indicator starts on the model's own order, if any). A grid
    whose rows have a fixed meaning (a timesheet, totals ending with « Total ») is not
    ``sortable``."""
    view = QTableView()
    view.setModel(model)
    view.setAccessibleName(accessible_name)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.setTabKeyNavigation(False)
    view.verticalHeader().setVisible(False)
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    # Columns fit the rows on screen only: a list of 24 000 young people must not be
    # fetched to size its columns.
    header.setResizeContentsPrecision(0)
    header.setStretchLastSection(True)
    if sortable:
        header.setSortIndicatorShown(True)
        header.setSectionsClickable(True)
        header.setSortIndicator(model.sort_column, model.sort_order)
        # Not QTableView.setSortingEnabled: it sorts at once, and again on every change
        # of the indicator; the models sort themselves when a header is clicked.
        header.sortIndicatorChanged.connect(model.sort)
    return view


def selected_row(view: QTableView) -> int | None:
    """Index of the selected row of ``view``, or ``None``."""
    rows = view.selectionModel().selectedRows()
    return rows[0].row() if rows else None
