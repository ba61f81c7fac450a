"""Pick the coded young people met: search as you type by code or nickname, or create.

Typing « kem » lists « J-7KQ2MX — Kémi » (case, accents and Unicode form do not
matter, see :mod:`sps_desk.search`); Enter adds the highlighted match, Down moves into
the matches. When nobody matches, Enter (or the « New young person » button) creates one
on the spot under a generated code with the typed text as nickname; when a near
nickname already exists (« Kemi » for « Kémy », :mod:`sps_desk.near_names`) it first
warns, and a second Enter creates anyway.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
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

from sps_desk.near_names import near
from sps_desk.records import YoungPerson
from sps_desk.search import haystack, matches_folded, query_words
from sps_desk.ui.restriction import restriction_notice
from sps_desk.ui.widgets.forms import buddy_label

_ID_ROLE = Qt.ItemDataRole.UserRole
MAX_MATCHES = 8


def young_label(person: YoungPerson) -> str:
    """« J-7KQ2MX — Kémi », or the code alone."""
    return f"{person.code} — {person.nickname}" if person.nickname else person.code


class YoungPicker(QWidget):
    """Search field, matches, « new young person » button and the list of those chosen.

    ``create`` receives the typed nickname and returns the saved young person (or
    ``None`` when saving failed). ``changed`` is emitted when the chosen list changes.
    """

    changed = Signal()

    def __init__(
        self,
        create: Callable[[str], YoungPerson | None] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._create = create
        self._people: dict[UUID, YoungPerson] = {}
        self._folded: dict[UUID, str] = {}
        self._blocked: frozenset[UUID] = frozenset()
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
        self.chosen_list.setAccessibleName(self.tr("Young people met"))
        self.chosen_list.setMaximumHeight(80)
        self.chosen_list.hide()
        self.remove_button = QPushButton(self.tr("Remove from the list"))
        self.remove_button.hide()
        self.matches_label = buddy_label(self.tr("Matches:"), self.matches_list)
        self.matches_label.hide()
        self.chosen_label = buddy_label(self.tr("Young people met:"), self.chosen_list)
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
        self.create_button.clicked.connect(self._create_clicked)
        self.remove_button.clicked.connect(self._remove_current)
        self.chosen_list.installEventFilter(self)

    # ------------------------------------------------------------ data

    def set_people(
        self, people: Sequence[YoungPerson], blocked: frozenset[UUID] = frozenset()
    ) -> None:
        """The young people that can be found (live records); those in ``blocked``
        (restricted processing, GDPR art. 18) are never offered, but keep their name
        in a list chosen before."""
        self._people = {person.id: person for person in people}
        self._blocked = blocked
        self._folded = {p.id: haystack((p.code, p.nickname)) for p in people}
        self._search(self.search_edit.text())

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
        chosen = set(self.chosen_ids())
        words = query_words(text)
        matching = [
            person
            for person in self._people.values()
            if person.id not in chosen and matches_folded(words, self._folded[person.id])
        ]
        found = sorted(
            (person for person in matching if person.id not in self._blocked),
            key=lambda p: (p.nickname.casefold(), p.code),
        )
        blocked = sorted(p.code for p in matching if p.id in self._blocked)
        for person in found[:MAX_MATCHES]:
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
            self._create_clicked()

    def _matches_blocked(self, text: str) -> bool:
        words = query_words(text.strip())
        return any(
            matches_folded(words, self._folded[i]) for i in self._blocked if i in self._folded
        )

    def _add_item(self, item: QListWidgetItem) -> None:
        self._append(UUID(item.data(_ID_ROLE)))
        self.search_edit.clear()
        self.search_edit.setFocus()
        self._chosen_changed()

    def _append(self, young_id: UUID) -> None:
        if young_id in self.chosen_ids():
            return
        person = self._people.get(young_id)
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

    def _create_clicked(self) -> None:
        text = self.search_edit.text().strip()
        if not text or self._create is None:
            return
        twins = [p for p in self._people.values() if near(p.nickname, text)]
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
        self._people[created.id] = created
        self._folded[created.id] = haystack((created.code, created.nickname))
        self._append(created.id)
        self.search_edit.clear()
        self.search_edit.setFocus()
        self._chosen_changed()
