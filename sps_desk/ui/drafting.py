"""Keep the open form's draft in the encrypted base and offer it back.

A page gives a ``collect`` function (the form as a JSON-able dict, or ``None`` when the
form holds nothing worth keeping) and a ``restore`` function. Every change restarts a
short timer; when it fires, the draft is written with :class:`sps_desk.store.drafts.Drafts`.
After a crash, a lock or a window closed without saving, the page shows a banner that
offers the draft back (« Restore ») or drops it (« Discard »).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from typing import Any

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QComboBox,
    QDateTimeEdit,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QWidget,
)

from sps_desk.store.database import Database
from sps_desk.store.drafts import Drafts

logger = logging.getLogger(__name__)

AUTOSAVE_DELAY_MS = 1500
"""Quiet time after the last change before the draft is written."""


class DraftBanner(QFrame):
    """« A draft was kept » with « Restore » and « Discard » buttons."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet("DraftBanner { background: #fff4ce; }")
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.restore_button = QPushButton(self.tr("Restore"))
        self.discard_button = QPushButton(self.tr("Discard"))
        layout = QHBoxLayout(self)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.restore_button)
        layout.addWidget(self.discard_button)
        self.hide()


class DraftKeeper(QObject):
    """Autosaves one form's draft and drives its :class:`DraftBanner`."""

    def __init__(
        self,
        database: Database,
        form: str,
        collect: Callable[[], dict[str, Any] | None],
        restore: Callable[[dict[str, Any]], None],
        banner: DraftBanner,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.drafts = Drafts(database)
        self.form = form
        self._collect = collect
        self._restore = restore
        self.banner = banner
        self._paused = False
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(AUTOSAVE_DELAY_MS)
        self.timer.timeout.connect(self.flush)
        banner.restore_button.clicked.connect(self.restore)
        banner.discard_button.clicked.connect(self.discard)
        self.offer()

    def watch(self, widgets: Iterable[QWidget]) -> None:
        """Restart the timer whenever one of these widgets changes."""
        for widget in widgets:
            if isinstance(widget, QDateTimeEdit):
                widget.dateTimeChanged.connect(self.touch)
            elif isinstance(widget, QAbstractSpinBox):
                widget.valueChanged.connect(self.touch)  # type: ignore[attr-defined]
            elif isinstance(widget, QComboBox):
                widget.currentIndexChanged.connect(self.touch)
            elif isinstance(widget, QLineEdit | QPlainTextEdit):
                widget.textChanged.connect(self.touch)
            elif isinstance(widget, QListWidget):
                widget.itemChanged.connect(self.touch)
            elif isinstance(widget, QAbstractButton):
                widget.toggled.connect(self.touch)
            elif hasattr(widget, "changed"):
                widget.changed.connect(self.touch)

    def touch(self, *_args: object) -> None:
        """Something changed in the form: write the draft after a quiet time."""
        if not self._paused:
            self.timer.start()

    def flush(self) -> None:
        """Write the draft now (or drop it when the form is empty)."""
        self.timer.stop()
        if self._paused or not self.drafts.base_is_open():
            return
        try:
            payload = self._collect()
            if payload:
                self.drafts.save(self.form, payload)
            else:
                self.drafts.discard(self.form)
        except Exception as error:  # a draft must never break typing
            logger.error("draft not written: %s", type(error).__name__)

    def offer(self) -> bool:
        """Show the banner when a draft of this form is kept; ``True`` if one is."""
        saved_at = self.drafts.saved_at(self.form)
        if saved_at is None:
            self.banner.hide()
            return False
        local = saved_at.astimezone()
        self.banner.label.setText(
            self.tr("An entry you were typing on {0} at {1} was not saved. Restore it?").format(
                local.strftime("%d/%m/%Y"), local.strftime("%H:%M")
            )
        )
        self.banner.show()
        return True

    def restore(self) -> None:
        """Put the kept draft back into the form."""
        payload = self.drafts.load(self.form)
        self.banner.hide()
        if payload is None:
            return
        self._paused = True
        try:
            self._restore(payload)
        finally:
            self._paused = False

    def discard(self) -> None:
        """Drop the kept draft (after a save, a clear, or on the user's request)."""
        self.timer.stop()
        self.drafts.discard(self.form)
        self.banner.hide()

    def pause(self, paused: bool) -> None:
        """Stop recording changes (while the form is filled by code)."""
        self._paused = paused
