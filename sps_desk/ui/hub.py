"""The signals that keep pages consistent with each other and with background jobs."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from PySide6.QtCore import QObject, QTimer, Signal


@dataclass(frozen=True)
class Changes:
    """What was written: record kinds (``"field_session"``, ``"young_person"``…), each
    with the ids written (text UUIDs), or ``None`` when any record of the kind may have
    changed (a merge, an import, an undo of several kinds)."""

    kinds: Mapping[str, frozenset[str] | None] = field(default_factory=dict)

    def touches(self, kinds: Iterable[str]) -> bool:
        """Whether records of one of ``kinds`` were written."""
        return any(kind in self.kinds for kind in kinds)

    def ids(self, kind: str) -> frozenset[str] | None:
        """Ids written of ``kind``: empty when none, ``None`` when any may have changed."""
        if kind not in self.kinds:
            return frozenset()
        return self.kinds[kind]

    def merged(self, other: Changes) -> Changes:
        """Both sets of changes (what a hidden page catches up on when shown)."""
        kinds = dict(self.kinds)
        for kind, ids in other.kinds.items():
            if kind in kinds:
                mine = kinds[kind]
                kinds[kind] = None if mine is None or ids is None else mine | ids
            else:
                kinds[kind] = ids
        return Changes(kinds)


class DataHub(QObject):
    """Broadcasts what changed in the base, status messages and the busy state.

    ``changed`` carries :class:`Changes` after a page, a dialog or a background job
    wrote records; pages showing those kinds update the rows concerned. ``busy`` is true
    while a background job writes to the base (a merge, an import): the window's own
    writes then wait for it (see ``Page.when_writable``), never silently dropped.
    """

    changed = Signal(object)
    message = Signal(str)
    busy_changed = Signal(bool)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._busy = False
        self.shared: dict[str, QObject] = {}
        """Caches the pages share (the young people's search index), by name."""
        self.kept: dict[str, object] = {}
        """What a page keeps across a lock, by page name (the report generated: file
        paths and counts, no personal data); read back by the page rebuilt after it."""

    def forget_shared(self) -> None:
        """Drop the shared caches (the session locks: they hold personal data)."""
        for cache in self.shared.values():
            for timer in cache.findChildren(QTimer):  # no more reading from the base
                timer.stop()
            cache.deleteLater()
        self.shared.clear()

    @property
    def busy(self) -> bool:
        """Whether a background job is writing to the base."""
        return self._busy

    def set_busy(self, busy: bool) -> None:
        """Enter or leave the busy state, notifying the pages."""
        if busy != self._busy:
            self._busy = busy
            self.busy_changed.emit(busy)

    def notify_changed(self, *kinds: str) -> None:
        """Tell every page that records of these kinds were written (any of them)."""
        if kinds:
            self.changed.emit(Changes(dict.fromkeys(kinds)))

    def notify_records(
        self, written: Mapping[str, Iterable[object]], also: Iterable[str] = ()
    ) -> None:
        """Tell every page which records were written: ``written`` maps a kind to ids
        (UUIDs or text); ``also`` names kinds derived from them (any record may have
        changed, e.g. the time entries of a saved outing)."""
        kinds: dict[str, frozenset[str] | None] = {
            kind: frozenset(str(i) for i in ids) for kind, ids in written.items()
        }
        kinds.update(dict.fromkeys(k for k in also if k not in kinds))
        self.changed.emit(Changes(kinds))

    def show_message(self, text: str) -> None:
        """Show a short confirmation in the status bar (never personal data)."""
        self.message.emit(text)
