"""Edit / Delete / Undo buttons under a list, and the session's undo of deletions.

Deleting leaves tombstones (``Repository.delete``); « Undo » lifts the last ones again
(``Repository.restore``) for as long as the window is open. Records that only make sense
with their parent (the interventions of a support…) are deleted and restored with it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any
from uuid import UUID

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QWidget

from sps_desk.ui.hub import DataHub


@dataclass(frozen=True)
class Deletion:
    """Records tombstoned together: (repository, id) pairs, the kinds to reload, and the
    status-bar sentence said when they are restored."""

    records: tuple[tuple[Any, UUID], ...]
    kinds: tuple[str, ...]
    restored: str


class RecordActions(QWidget):
    """« Edit », « Delete » and « Undo the deletion » for the selected row of a list.

    ``edit_requested``/``delete_requested`` are emitted on the buttons; the page then
    calls :meth:`delete` with what to tombstone. :meth:`undo` restores the last deletion.
    """

    edit_requested = Signal()
    delete_requested = Signal()

    def __init__(self, hub: DataHub, *, editable: bool = True, parent: QWidget | None = None):
        super().__init__(parent)
        self.hub = hub
        self._stack: list[Deletion] = []
        self.restorable: Callable[[Sequence[tuple[Any, UUID]]], str | None] | None = None
        """Set by a page whose records can no longer be restored once something else
        changed: returns the French reason to refuse (the deletion stays offered)."""
        self.edit_button = QPushButton(self.tr("Edit"))
        self.delete_button = QPushButton(self.tr("Delete"))
        self.undo_button = QPushButton(self.tr("Undo the deletion"))
        self.undo_button.setEnabled(False)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        if editable:
            layout.addWidget(self.edit_button)
        else:
            self.edit_button.hide()
        layout.addWidget(self.delete_button)
        layout.addWidget(self.undo_button)
        layout.addStretch(1)
        self.edit_button.clicked.connect(self.edit_requested.emit)
        self.delete_button.clicked.connect(self.delete_requested.emit)
        self.undo_button.clicked.connect(self.undo)
        self.set_has_selection(False)

    def set_has_selection(self, selected: bool) -> None:
        """Enable « Edit » and « Delete » only when a row is selected."""
        self.edit_button.setEnabled(selected and not self.hub.busy)
        self.delete_button.setEnabled(selected and not self.hub.busy)

    def delete(self, records: Sequence[tuple[Any, UUID]], kinds: Sequence[str],
               deleted: str, restored: str) -> None:
        """Tombstone ``records`` (repository, id) in one transaction and offer undo.

        ``deleted`` and ``restored`` are whole sentences (« Orientation du 07/12/2026
        supprimée. »): each page writes them so that French agrees them with the record's
        gender and number, which a shared « {0} supprimé(e) » cannot."""
        if not records:
            return
        database = records[0][0].database
        with database.transaction():
            for repository, record_id in records:
                repository.delete(record_id)
        self._stack.append(Deletion(tuple(records), tuple(kinds), restored))
        self.undo_button.setEnabled(True)
        self._notify(records, kinds)
        self.hub.show_message(
            deleted + " " + self.tr("« Undo the deletion » cancels it.")
        )

    def _notify(self, records: Sequence[tuple[Any, UUID]], kinds: Sequence[str]) -> None:
        """Tell the pages which records changed (ids by table), and the kinds derived."""
        written: dict[str, list[UUID]] = {}
        for repository, record_id in records:
            written.setdefault(repository.table, []).append(record_id)
        self.hub.notify_records(written, also=kinds)

    def undo(self) -> bool:
        """Restore the last deletion of this session; ``False`` when there is none, or
        when :attr:`restorable` refuses it (its reason shown)."""
        if not self._stack:
            return False
        if self.restorable is not None:
            refusal = self.restorable(self._stack[-1].records)
            if refusal is not None:
                self.hub.show_message(refusal)
                return False
        deletion = self._stack.pop()
        database = deletion.records[0][0].database
        with database.transaction():
            for repository, record_id in deletion.records:
                repository.restore(record_id)
        self.undo_button.setEnabled(bool(self._stack))
        self._notify(deletion.records, deletion.kinds)
        self.hub.show_message(deletion.restored)
        return True
