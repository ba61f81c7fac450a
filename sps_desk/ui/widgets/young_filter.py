"""Filter proxy of the young people list: search text, active support, age bracket, sector.

The source model is a :class:`~sps_desk.ui.widgets.table_model.RecordTableModel` whose
rows are ``YoungPerson`` records. Search is insensitive to case, accents and Unicode
form (:func:`sps_desk.search.matches`) over the code, the nickname and — only for the
young people whose identity was revealed in this session — the name.
"""

from __future__ import annotations

from datetime import date
from uuid import UUID

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, QSortFilterProxyModel

from sps_desk.ages import AgeBrackets, age_on
from sps_desk.records import YoungPerson
from sps_desk.search import haystack, matches_folded, query_words
from sps_desk.ui.widgets.table_model import RecordTableModel

ANY = "any"
"""Filter value meaning « no filter »."""


class YoungFilterModel(QSortFilterProxyModel):
    """Rows of young people kept by the current search and filters."""

    def __init__(self, brackets: AgeBrackets, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.brackets = brackets
        self.text = ""
        self._words: list[str] = []
        self._haystacks: dict[UUID, str] = {}
        self.active_only = False
        self.bracket = ANY
        self.sector: UUID | str | None = ANY
        self.active_ids: frozenset[UUID] = frozenset()
        self.revealed: dict[UUID, str] = {}
        self.today = date.today()

    def set_text(self, text: str) -> None:
        """Search words (code, nickname, revealed name)."""
        self.beginFilterChange()
        self.text = text
        self._words = query_words(text)
        self.endFilterChange()

    def set_filters(self, *, active_only: bool, bracket: str, sector: UUID | str | None) -> None:
        """Keep only young people with an active support, in an age bracket (key of
        the service's brackets, ``"unknown"`` or :data:`ANY`), in a sector (its id,
        ``None`` for « no sector », or :data:`ANY`)."""
        self.beginFilterChange()
        self.active_only, self.bracket, self.sector = active_only, bracket, sector
        self.endFilterChange()

    def set_active_ids(self, ids: frozenset[UUID]) -> None:
        """Ids of the young people with a support active today."""
        self.beginFilterChange()
        self.active_ids = ids
        self.endFilterChange()

    def set_revealed(self, names: dict[UUID, str]) -> None:
        """Names revealed in this session, searchable (never stored here beyond it)."""
        self.beginFilterChange()
        self.revealed = dict(names)
        self._haystacks.clear()
        self.endFilterChange()

    def bracket_of(self, person: YoungPerson) -> str:
        """Age-bracket key of ``person`` today (``"unknown"`` without a birth date)."""
        birth = person.age_birth_date()
        if birth is None or birth > self.today:
            return "unknown"
        return self.brackets.key_for_age(age_on(birth, self.today))

    def filterAcceptsRow(
        self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex
    ) -> bool:
        """Whether the young person of ``source_row`` passes the search and filters."""
        model = self.sourceModel()
        assert isinstance(model, RecordTableModel)
        person: YoungPerson = model.row_object(source_row)
        if self.active_only and person.id not in self.active_ids:
            return False
        if self.sector != ANY and person.sector_id != self.sector:
            return False
        if self.bracket != ANY and self.bracket_of(person) != self.bracket:
            return False
        if not self._words:
            return True
        # Folding is done once per record and reload, not on every keystroke.
        folded = self._haystacks.get(person.id)
        if folded is None:
            fields = [person.code, person.nickname, self.revealed.get(person.id, "")]
            folded = self._haystacks[person.id] = haystack(fields)
        return matches_folded(self._words, folded)

    def forget_folded(self) -> None:
        """Drop the folded texts (call when the rows were reloaded)."""
        self._haystacks.clear()
