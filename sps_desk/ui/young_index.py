"""Code, nickname and folded search key of every young person, shared by the pages.

Search-as-you-type (the « Jeunes » list, the pickers of Terrain, Accompagnements and
Actions collectives) folds each record once (:func:`sps_desk.search.haystack`: case,
accents, Unicode form, Latin transliteration) and then only tests substrings on every
keystroke: 24 000 young people are filtered in a few milliseconds. The index is read
from the base a slice at a time while the window is idle, kept up to date from the
hub's changes (only the young people written are read again), and dropped when the
session locks.
"""

from __future__ import annotations

import heapq
import time
from collections.abc import Iterable
from itertools import compress

from PySide6.QtCore import QObject, QTimer

from sps_desk.near_names import NearNames
from sps_desk.search import field_forms, query_words
from sps_desk.store.database import Database
from sps_desk.store.listing import YoungLabel, is_open, young_labels
from sps_desk.ui.hub import Changes, DataHub

SLICE = 500
"""Young people read per query while the window is idle."""
STEP_SECONDS = 0.008
"""Time given to the index per turn of the event loop: it never delays a keystroke or a
repaint by more than that."""
CHUNK = 64
"""Rows folded between two looks at the clock (64 rows take well under a millisecond)."""
AFTER_A_PAGE_MS = 300
"""Pause of the filling after a page is shown: the page is drawn and the user's first
keys and clicks on it are answered without a turn of folding before them."""


class _Aligned:
    """A list's ids, their keys in the same order, and the rows each search kept.

    Typing narrows the search: a word lengthened is looked for among the rows its
    shorter form kept only; a word deleted finds its earlier answer kept.
    """

    KEPT_SEARCHES = 16
    """Searches kept (a word typed and deleted letter by letter; 16 × 24 000 rows are
    3 MB at most)."""

    def __init__(self, ids: list[str], keys: list[str]) -> None:
        self.ids = ids
        self.keys = keys
        self._found: dict[tuple[str, ...], list[int]] = {}

    def rows(self, words: tuple[str, ...]) -> list[int]:
        """Rows (positions in :attr:`ids`) whose key holds every word."""
        found = self._found.get(words)
        if found is not None:
            return found
        keys = self.keys
        narrower = [rows for earlier, rows in self._found.items()
                    if len(earlier) == len(words)
                    and all(old in new for old, new in zip(earlier, words, strict=True))]
        if narrower:
            found, rest = min(narrower, key=len), words
        elif words:
            first, rest = words[0], words[1:]
            found = list(compress(range(len(keys)), [first in key for key in keys]))
        else:
            found, rest = list(range(len(keys))), ()
        for word in rest:
            found = [row for row in found if word in keys[row]]
        if len(self._found) >= self.KEPT_SEARCHES:
            self._found.pop(next(iter(self._found)))
        self._found[words] = found
        return found


class YoungIndex(QObject):
    """Every live young person's :class:`YoungLabel` and folded key, by id (text UUID),
    in code order. :meth:`start` fills it in the background; every query method
    completes it first if needed."""

    def __init__(self, database: Database, hub: DataHub) -> None:
        super().__init__(hub)
        self.database = database
        self._labels: dict[str, YoungLabel] = {}
        self._keys: dict[str, str] = {}
        self._order: dict[str, tuple[str, str]] = {}
        self._aligned: _Aligned | None = None
        """The last list filtered, its keys in its order, and its searches."""
        self._nicknames: NearNames[str] = NearNames()
        """For the possible-duplicate warnings (:mod:`sps_desk.near_names`)."""
        self._nickname_forms: dict[str, str] = {}
        """Folded forms of each nickname met: nicknames repeat, codes do not."""
        self._pending: list[YoungLabel] = []
        """Rows read, not folded yet (last read first)."""
        self._last_code = ""
        self._last_read = False
        self._complete = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._step)
        hub.changed.connect(self._on_changed)

    # ------------------------------------------------------------ filling

    def start(self) -> None:
        """Fill the index a slice at a time from the event loop (idempotent)."""
        if not self._complete and not self._timer.isActive():
            self._timer.start(0)

    def pause_for_page(self) -> None:
        """A page was just shown: the filling waits :data:`AFTER_A_PAGE_MS` (it goes on
        afterwards; a search typed meanwhile completes the index at once)."""
        if self._timer.isActive():
            self._timer.start(AFTER_A_PAGE_MS)

    def ensure(self) -> None:
        """Complete the index now (a search typed before it was filled)."""
        while not self._complete:
            self._read_slice()

    @property
    def complete(self) -> bool:
        """Whether every young person is in the index."""
        return self._complete

    def _step(self) -> None:
        if not is_open(self.database):  # the window was torn down meanwhile
            return
        end = time.perf_counter() + STEP_SECONDS
        while not self._complete and time.perf_counter() < end:
            self._read_slice(end)
        if not self._complete:
            self._timer.start(0)

    def _read_slice(self, end: float | None = None) -> None:
        """Fold the rows read and not folded yet (until ``end``), then read more."""
        if not self._pending:
            self._pending = young_labels(self.database, after=self._last_code, limit=SLICE)
            self._pending.reverse()
            if len(self._pending) < SLICE:
                self._last_read = True
            if self._pending:
                self._last_code = self._pending[0].code
        pending = self._pending
        while pending and (end is None or time.perf_counter() < end):
            chunk = pending[-CHUNK:]
            del pending[-CHUNK:]
            chunk.reverse()  # back in code order
            self._add(chunk)
        if self._last_read and not self._pending:
            self._complete = True

    def _add(self, labels: Iterable[YoungLabel]) -> None:
        self._aligned = None
        # Looked up once per call: the index is filled 24 000 rows at a time.
        known, keys, order = self._labels, self._keys, self._order
        nickname_forms, add_nickname = self._nickname_forms, self._nicknames.add
        for label in labels:
            young_id = label.id
            if young_id in known:
                self._remove(young_id)
            known[young_id] = label
            code = field_forms(label.code) if label.code else ""
            nickname = nickname_forms.get(label.nickname)
            if nickname is None:
                nickname = nickname_forms[label.nickname] = (
                    field_forms(label.nickname) if label.nickname else "")
            keys[young_id] = f"{code}\x00{nickname}" if code and nickname else (
                code or nickname)
            order[young_id] = (nickname.split("\x00", 1)[0], label.code)
            add_nickname(young_id, label.nickname)

    def _remove(self, young_id: str) -> None:
        self._aligned = None
        old = self._labels.pop(young_id, None)
        self._keys.pop(young_id, None)
        self._order.pop(young_id, None)
        if old is not None:
            self._nicknames.discard(young_id)

    def _on_changed(self, changes: Changes) -> None:
        if not changes.touches(("young_person",)):
            return
        ids = changes.ids("young_person")
        if ids is None:
            self._labels.clear()
            self._keys.clear()
            self._order.clear()
            self._nicknames = NearNames()
            self._nickname_forms.clear()
            self._pending = []
            self._last_code, self._last_read, self._complete = "", False, False
            self.start()
            return
        for young_id in ids:
            self._remove(young_id)
        # Rows read before the change, not folded yet, would bring the old version back.
        self._pending = [label for label in self._pending if label.id not in ids]
        # Read again, whether the index is complete or not: a young person whose code
        # sorts before the slices already read would otherwise be missed.
        self._add(young_labels(self.database, ids=ids))

    # ------------------------------------------------------------ queries

    def label(self, young_id: object) -> YoungLabel | None:
        """The label of one young person (``None``: unknown or deleted)."""
        self.ensure()
        return self._labels.get(str(young_id))

    def key(self, young_id: str) -> str:
        """The folded search key of one young person (empty if unknown)."""
        self.ensure()
        return self._keys.get(young_id, "")

    def matching(self, text: str) -> list[str]:
        """Ids of the young people whose code or nickname contain every word of
        ``text`` (folded), in code order; every id for an empty text."""
        self.ensure()
        words = query_words(text)
        keys = self._keys
        found = list(keys)
        for word in words:
            found = [young_id for young_id in found if word in keys[young_id]]
        return found

    def filter(self, ids: list[str], words: list[str],
               extra: dict[str, str] | None = None) -> list[str]:
        """``ids`` kept in their order when every folded word is in their key (or in
        ``extra``, folded text of names revealed in this session).

        The keys of ``ids`` are looked up once and kept while the same list is filtered
        again (each keystroke of a search): a keystroke only tests substrings.
        """
        self.ensure()
        if self._aligned is None or self._aligned.ids is not ids:
            keys = self._keys
            extra = extra or {}
            self._aligned = _Aligned(
                ids, [f"{keys.get(i, '')}\x00{extra.get(i, '')}" for i in ids])
        return [ids[row] for row in self._aligned.rows(tuple(words))]

    def forget_filter(self) -> None:
        """Look the keys up again at the next :meth:`filter` (names revealed changed)."""
        self._aligned = None

    def first_by_nickname(self, ids: Iterable[str], count: int) -> list[YoungLabel]:
        """The ``count`` first of ``ids`` by folded nickname, then code (a picker's
        matches: « Kémi » before « Léa » whatever their codes)."""
        self.ensure()
        order = self._order
        best = heapq.nsmallest(count, (i for i in ids if i in order), key=order.__getitem__)
        return [self._labels[i] for i in best]

    def same_nickname(self, nickname: str) -> list[YoungLabel]:
        """Young people whose nickname may be ``nickname`` written otherwise (« Zoé » =
        « ZOE », « Kemi » ≈ « Kémy », :func:`sps_desk.near_names.near`), by code."""
        self.ensure()
        ids = self._nicknames.matches(nickname)
        return sorted((self._labels[i] for i in ids), key=lambda label: label.code)

    def __len__(self) -> int:
        self.ensure()
        return len(self._labels)


def young_index(hub: DataHub, database: Database) -> YoungIndex:
    """The index shared by the pages of the window of ``hub``, over ``database`` (a new
    one after an unlock: the lock drops the old one with the pages)."""
    current = hub.shared.get("young_index")
    if not isinstance(current, YoungIndex) or current.database is not database:
        current = YoungIndex(database, hub)
        hub.shared["young_index"] = current
    return current
