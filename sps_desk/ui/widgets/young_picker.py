"""Pick the coded young people met: search as you type by code or nickname, or create.

Typing « kem » lists « J-7KQ2MX — Kémi » (case, accents and Unicode form do not
matter, see :mod:`sps_desk.search`); Enter adds the highlighted match, Down moves into
the matches. When nobody matches, Enter (or the « New young person » button) creates one
on the spot under a generated code with the typed text as nickname; when a near
nickname already exists (« Kemi » for « Kémy », :mod:`sps_desk.near_names`) it first
warns, and a second Enter creates anyway. Matches come from the window's shared index
(:class:`~sps_desk.ui.young_index.YoungIndex`), never from a reload of every young
person. In ``single`` mode (the young person of a support) choosing someone replaces
the previous choice.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from uuid import UUID

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from sps_desk.records import YoungPerson
from sps_desk.store.listing import YoungLabel
from sps_desk.ui.restriction import restriction_notice
from sps_desk.ui.widgets.forms import buddy_label
from sps_desk.ui.young_index import YoungIndex

_ID_ROLE = Qt.ItemDataRole.UserRole
MAX_MATCHES = 8


def young_label(person: YoungPerson | YoungLabel) -> str:
    """« J-7KQ2MX — Kémi », or the code alone."""
    return f"{person.code} — {person.nickname}" if person.nickname else person.code


class YoungPicker(QWidget):
    """Search field, matches, « new young person » button and the list of those chosen.

    ``create`` receives the typed nickname and returns the saved young person (or
    ``None`` when saving failed; the page tells the hub, which updates the index).
    ``changed`` is emitted when the chosen list changes. Call :meth:`set_index` before
    use.
    """

    changed = Signal()

    def __init__(
        self,
        create: Callable[[str], YoungPerson | None] | None = None,
        parent: QWidget | None = None,
        *,
        single: bool = False,
    ) -> None:
        super().__init__(parent)
        self._create = create
        self.single = single
        self._index: YoungIndex | None = None
        self._blocked: frozenset[str] = frozenset()
        self._confirm_duplicate = ""

        self.search_edit = QLineEdit()
        self.search_edit.setPlaceholderText(
            self.tr("code or nickname, then Enter (a new nickname: Enter creates)")
        )
        self.search_edit.setClearButtonEnabled(True)
        self.matches_list = QListWidget()
        self.matches_list.setAccessibleName(self.tr("Matching young people"))
        self.matches_list.setMaximumHeight(110)
        self.matches_list.hide()
        self.create_button = QPushButton()
        self.create_button.hide()
        self.hint_label = QLabel()
        self.hint_label.setWordWrap(True)
        self.hint_label.setAccessibleName(self.tr("Search hint"))
        self.hint_label.hide()
        self.chosen_list = QListWidget()
        self.chosen_list.setAccessibleName(
            self.tr("Young person chosen") if single else self.tr("Young people met"))
        self.chosen_list.setMaximumHeight(
            self.chosen_list.fontMetrics().lineSpacing() + 12 if single else 80)
        self.chosen_list.hide()
        self.remove_button = QPushButton(self.tr("Remove from the list"))
        self.remove_button.hide()
        self.matches_label = buddy_label(self.tr("Matches:"), self.matches_list)
        self.matches_label.hide()
        self.chosen_label = buddy_label(
            self.tr("Young person chosen:") if single else self.tr("Young people met:"),
            self.chosen_list)
        self.chosen_label.hide()

        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.search_edit, 1)
        top.addWidget(self.create_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(top)
        layout.addWidget(self.matches_label)
        layout.addWidget(self.matches_list)
        layout.addWidget(self.hint_label)
        layout.addWidget(self.chosen_label)
        layout.addWidget(self.chosen_list)
        layout.addWidget(self.remove_button)

        self.search_edit.textChanged.connect(self._search)
        self.search_edit.returnPressed.connect(self._add_current)
        self.search_edit.installEventFilter(self)
        self.matches_list.itemActivated.connect(lambda item: self._add_item(item))
        self.matches_list.itemClicked.connect(lambda item: self._add_item(item))
        self.create_button.clicked.connect(self.create_typed)
        self.remove_button.clicked.connect(self._remove_current)
        self.chosen_list.installEventFilter(self)

    # ------------------------------------------------------------ data

    def set_index(self, index: YoungIndex, blocked: Iterable[UUID] = ()) -> None:
        """Find young people in ``index``; those in ``blocked`` (restricted processing,
        GDPR art. 18) are never offered, but keep their name in a list chosen before."""
        self._index = index
        self._blocked = frozenset(str(i) for i in blocked)
        if self.search_edit.text().strip():
            self._search(self.search_edit.text())

    def _label(self, young_id: object) -> YoungLabel | None:
        return None if self._index is None else self._index.label(young_id)

    def chosen_ids(self) -> list[UUID]:
        """Ids of the young people chosen, in the order they were added."""
        return [
            UUID(self.chosen_list.item(r).data(_ID_ROLE)) for r in range(self.chosen_list.count())
        ]

    def set_chosen(self, ids: Sequence[UUID]) -> None:
        """Replace the chosen list (unknown ids are shown by a placeholder)."""
        self.chosen_list.clear()
        for young_id in ids:
            self._append(young_id)
        self._chosen_changed()

    def clear(self) -> None:
        """Empty the search and the chosen list."""
        self.search_edit.clear()
        self.set_chosen([])

    # ------------------------------------------------------------ behaviour

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Down from the search goes into the matches; Delete removes a chosen line."""
        if isinstance(event, QKeyEvent) and event.type() == QEvent.Type.KeyPress:
            if (
                watched is self.search_edit
                and event.key() == Qt.Key.Key_Down
                and self.matches_list.count()
            ):
                self.matches_list.setFocus()
                self.matches_list.setCurrentRow(0)
                return True
            if watched is self.chosen_list and event.key() in (
                Qt.Key.Key_Delete,
                Qt.Key.Key_Backspace,
            ):
                self._remove_current()
                return True
        return super().eventFilter(watched, event)

    def _search(self, text: str) -> None:
        self._confirm_duplicate = ""
        self.matches_list.clear()
        text = text.strip()
        if not text:
            self.matches_list.hide()
            self.matches_label.hide()
            self.create_button.hide()
            self.hint_label.hide()
            return
        chosen = {str(i) for i in self.chosen_ids()}
        index = self._index
        matching = [] if index is None else [
            young_id for young_id in index.matching(text) if young_id not in chosen
        ]
        found = [] if index is None else index.first_by_nickname(
            (i for i in matching if i not in self._blocked), MAX_MATCHES)
        blocked = sorted(
            label.code for i in matching
            if i in self._blocked and index is not None and (label := index.label(i))
        )
        for person in found:
            item = QListWidgetItem(young_label(person))
            item.setData(_ID_ROLE, str(person.id))
            self.matches_list.addItem(item)
        if found:
            self.matches_list.setCurrentRow(0)
        self.matches_list.setVisible(bool(found))
        self.matches_label.setVisible(bool(found))
        self.create_button.setText(self.tr("New young person « {0} »").format(text))
        self.create_button.setAccessibleName(self.tr("Create a new young person"))
        self.create_button.setVisible(self._create is not None)
        self.hint_label.setVisible(not found)
        if blocked:
            # Say why someone the user knows is not offered (and avoid a duplicate).
            self.hint_label.setText(
                self.tr("{0}: processing restricted, cannot be added.").format(", ".join(blocked))
                + "\n"
                + restriction_notice()
            )
        else:
            self.hint_label.setText(
                self.tr("Nobody matches: check the spelling, or create a new young person.")
            )

    def _add_current(self) -> None:
        item = self.matches_list.currentItem() or self.matches_list.item(0)
        if item is not None:
            self._add_item(item)
        elif not self._matches_blocked(self.search_edit.text()):
            # Nobody matches: Enter creates (a restricted match must not be duplicated).
            self.create_typed()

    def _matches_blocked(self, text: str) -> bool:
        if self._index is None or not self._blocked:
            return False
        return any(young_id in self._blocked for young_id in self._index.matching(text))

    def _add_item(self, item: QListWidgetItem) -> None:
        self._append(UUID(item.data(_ID_ROLE)))
        self.search_edit.clear()
        self.search_edit.setFocus()
        self._chosen_changed()

    def _append(self, young_id: UUID) -> None:
        if young_id in self.chosen_ids():
            return
        if self.single:
            self.chosen_list.clear()
        person = self._label(young_id)
        item = QListWidgetItem(young_label(person) if person else self.tr("(deleted young person)"))
        item.setData(_ID_ROLE, str(young_id))
        self.chosen_list.addItem(item)

    def _remove_current(self) -> None:
        row = self.chosen_list.currentRow()
        if row < 0 and self.chosen_list.count():
            row = self.chosen_list.count() - 1
        if row >= 0:
            self.chosen_list.takeItem(row)
            self._chosen_changed()

    def _chosen_changed(self) -> None:
        has = self.chosen_list.count() > 0
        self.chosen_list.setVisible(has)
        self.chosen_label.setVisible(has)
        self.remove_button.setVisible(has)
        self.changed.emit()

    def create_typed(self) -> None:
        """Create a young person with the nickname typed (after a possible-duplicate
        warning, a second call creates anyway) and add them to the list."""
        text = self.search_edit.text().strip()
        if not text or self._create is None:
            return
        twins = [] if self._index is None else self._index.same_nickname(text)
        if twins and self._confirm_duplicate != text:
            self._confirm_duplicate = text
            self.hint_label.setText(
                self.tr(
                    "Possible duplicate: {0} has a close nickname. Pick them in the list, "
                    "or click again to create another young person."
                ).format(", ".join(young_label(p) for p in twins))
            )
            self.hint_label.show()
            self.create_button.setText(self.tr("Create anyway"))
            return
        created = self._create(text)
        if created is None:
            return
        self._append(created.id)
        self.search_edit.clear()
        self.search_edit.setFocus()
        self._chosen_changed()
