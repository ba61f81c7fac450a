"""The signals that keep pages consistent with each other and with a running report."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal


class DataHub(QObject):
    """Broadcasts what changed in the base, status messages and the busy state.

    ``changed`` carries a record kind (``"staff_member"``, ``"field_session"``…) after a
    page or dialog wrote it; pages showing that kind reload. While ``busy`` is true (a
    report is being generated from the same connection) pages neither write nor read.
    """

    changed = Signal(str)
    message = Signal(str)
    busy_changed = Signal(bool)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._busy = False

    @property
    def busy(self) -> bool:
        """Whether a background job is reading the base."""
        return self._busy

    def set_busy(self, busy: bool) -> None:
        """Enter or leave the busy state, notifying the pages."""
        if busy != self._busy:
            self._busy = busy
            self.busy_changed.emit(busy)

    def notify_changed(self, *kinds: str) -> None:
        """Tell every page that records of these kinds were written."""
        for kind in kinds:
            self.changed.emit(kind)

    def show_message(self, text: str) -> None:
        """Show a short confirmation in the status bar (never personal data)."""
        self.message.emit(text)
