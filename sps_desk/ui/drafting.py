"""Keep the open forms' drafts in the encrypted base and offer them back.

A page describes each of its forms as a :class:`DraftForm`: a name, the widgets that
hold what the user types (read and written by widget type, see :func:`widget_value`),
and optionally page state kept with them (the record being edited, the support or the
action a follow-up form belongs to). One :class:`DraftKeeper` per page watches those
widgets; a short quiet time after a change, the draft of each form the user typed in is
written with :class:`sps_desk.store.drafts.Drafts`. After a crash, a lock or a window
closed without saving, the page's banner offers the drafts back (« Restore ») or drops
them (« Discard »).

A form holds nothing worth keeping when its values equal those it had when it was last
cleared, saved or loaded for editing (its *clean* values): its draft is then removed.
A draft offered by the banner and not yet answered is the exception: until the user
chooses « Restore » or « Discard », only new typing in that form replaces it; leaving
the page, closing the window, or saving or clearing the untouched form never does.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Protocol, TypeVar
from uuid import UUID

from PySide6.QtCore import QDate, QObject, QTime, QTimer
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QDateEdit,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTimeEdit,
    QWidget,
)

from sps_desk.records import Record, TallyCell
from sps_desk.store.database import Database
from sps_desk.store.drafts import Drafts
from sps_desk.ui.formatting import TIME_FORMAT, from_qdate, to_qdate
from sps_desk.ui.tones import Tone, apply_tone
from sps_desk.ui.widgets.partner_checklist import PartnerChecklist
from sps_desk.ui.widgets.staff_checklist import StaffChecklist
from sps_desk.ui.widgets.tally_grid import TallyGrid
from sps_desk.ui.widgets.young_picker import YoungPicker

logger = logging.getLogger(__name__)

AUTOSAVE_DELAY_MS = 1500
"""Quiet time after the last change before the drafts are written."""

JsonValue = str | int | bool | list[Any] | None
R_co = TypeVar("R_co", bound=Record, covariant=True)
T = TypeVar("T", bound=Record)


def widget_value(widget: QWidget) -> JsonValue:
    """What ``widget`` holds, as a JSON value.

    Text fields give their text, dates ``YYYY-MM-DD``, times ``HH:MM``, spin boxes an
    int, check boxes a bool, combo boxes their current item's data (an enum value or a
    record id), checklists and the young-people picker a list of ids (str), a tally
    grid its non-zero cells.

    Raises:
        TypeError: a widget kind this module does not know (a programming error).
    """
    if isinstance(widget, QLineEdit):
        return widget.text()
    if isinstance(widget, QPlainTextEdit):
        return widget.toPlainText()
    if isinstance(widget, QTimeEdit):
        return widget.time().toString(TIME_FORMAT)
    if isinstance(widget, QDateEdit):
        return from_qdate(widget.date()).isoformat()
    if isinstance(widget, QSpinBox):
        return widget.value()
    if isinstance(widget, QAbstractButton):
        return widget.isChecked()
    if isinstance(widget, QComboBox):
        data = widget.currentData()
        return data if isinstance(data, str | int | bool) or data is None else str(data)
    if isinstance(widget, StaffChecklist | PartnerChecklist):
        return [str(i) for i in widget.checked_ids()]
    if isinstance(widget, YoungPicker):
        return [str(i) for i in widget.chosen_ids()]
    if isinstance(widget, TallyGrid):
        return [cell.model_dump(mode="json") for cell in widget.cells()]
    raise TypeError(type(widget).__name__)


def set_widget_value(widget: QWidget, value: Any) -> None:
    """Put back a value given by :func:`widget_value`.

    A combo box whose item is gone (a deleted record) keeps its current item; a date
    or time that does not parse leaves the field as it is.

    Raises:
        TypeError: a widget kind this module does not know (a programming error).
    """
    if isinstance(widget, QLineEdit):
        widget.setText(str(value or ""))
    elif isinstance(widget, QPlainTextEdit):
        widget.setPlainText(str(value or ""))
    elif isinstance(widget, QTimeEdit):
        parsed = QTime.fromString(str(value), TIME_FORMAT)
        if parsed.isValid():
            widget.setTime(parsed)
    elif isinstance(widget, QDateEdit):
        try:
            widget.setDate(to_qdate(date.fromisoformat(str(value))))
        except ValueError:
            widget.setDate(QDate.currentDate())
    elif isinstance(widget, QSpinBox):
        widget.setValue(int(value or 0))
    elif isinstance(widget, QAbstractButton):
        widget.setChecked(bool(value))
    elif isinstance(widget, QComboBox):
        index = widget.findData(value)
        if index >= 0:
            widget.setCurrentIndex(index)
    elif isinstance(widget, StaffChecklist | PartnerChecklist):
        widget.clear_checks()
        for record_id in value or []:
            widget.set_checked(UUID(record_id))
    elif isinstance(widget, YoungPicker):
        widget.set_chosen([UUID(i) for i in value or []])
    elif isinstance(widget, TallyGrid):
        widget.set_cells([TallyCell.model_validate(cell) for cell in value or []])
    else:
        raise TypeError(type(widget).__name__)


_CHANGE_SIGNALS: tuple[tuple[Any, str], ...] = (
    (QLineEdit | QPlainTextEdit, "textChanged"),
    (QDateEdit | QTimeEdit, "dateTimeChanged"),
    (QSpinBox, "valueChanged"),
    (QAbstractButton, "toggled"),
    (QComboBox, "currentIndexChanged"),
    (StaffChecklist | PartnerChecklist, "itemChanged"),
    (YoungPicker, "changed"),
    (TallyGrid, "total_changed"),
)
"""The signal each kind of field emits when its value changes (first match wins)."""


def _connect_changes(widget: QWidget, slot: Callable[..., None]) -> None:
    """Call ``slot`` whenever ``widget``'s value changes.

    Raises:
        TypeError: a widget kind this module does not know (a programming error).
    """
    for kinds, signal in _CHANGE_SIGNALS:
        if isinstance(widget, kinds):
            getattr(widget, signal).connect(slot)
            return
    raise TypeError(type(widget).__name__)


@dataclass
class DraftForm:
    """One form of a page whose draft is kept.

    ``name`` is the key of the draft in the base (``"field_session"``…), ``label`` the
    translated name shown in the banner, ``fields`` the widgets by the key their value
    is kept under. ``state`` gives page values kept with the fields (JSON values, e.g.
    ``{"editing": "<uuid>"}``); ``restore_state`` puts them back before the fields are
    filled. ``shown`` brings the form into view after a restore (selects its tab).

    ``fields`` may also be a function that builds the form's widgets and returns them (a
    tab built when first shown): the keeper calls it only to restore a draft, and the
    page calls :meth:`DraftKeeper.bind` when it builds them itself. Until then nobody
    typed in the form, so it has nothing to keep.
    """

    name: str
    label: str
    fields: Mapping[str, QWidget] | Callable[[], Mapping[str, QWidget]]
    state: Callable[[], dict[str, JsonValue]] | None = None
    restore_state: Callable[[dict[str, Any]], None] | None = None
    shown: Callable[[], None] | None = None
    clean: dict[str, JsonValue] = field(default_factory=dict)
    typed: bool = False
    """The user changed the form since it was last clean (or it was restored)."""
    pending: bool = False
    """A change not yet written to the base."""
    bound: bool = False
    """The keeper watches the fields (from its start, or since the form was built)."""

    def widgets(self) -> Mapping[str, QWidget]:
        """The fields' widgets (built now when ``fields`` builds them)."""
        return self.fields() if callable(self.fields) else self.fields

    def values(self) -> dict[str, JsonValue]:
        """The fields' current values."""
        return {key: widget_value(widget) for key, widget in self.widgets().items()}


class _Repository(Protocol[R_co]):
    def get(self, record_id: UUID) -> R_co | None: ...


def editing_hooks(
    editing: Callable[[], Record | None],
    repository: _Repository[T],
    show_editing: Callable[[T | None], None],
) -> dict[str, Any]:
    """``state`` and ``restore_state`` of a :class:`DraftForm` that can edit a record:
    the id of the record being edited (``editing()``) is kept with the draft; on
    restore the record is read again from ``repository`` (``None`` when deleted since:
    the draft then fills a new record) and given to ``show_editing``."""

    def state() -> dict[str, JsonValue]:
        record = editing()
        return {"editing": str(record.id) if record is not None else None}

    def restore_state(values: dict[str, Any]) -> None:
        record_id = values.get("editing")
        show_editing(repository.get(UUID(record_id)) if record_id else None)

    return {"state": state, "restore_state": restore_state}


def selection_hooks(
    key: str, selected: Callable[[], Record | None], select: Callable[[UUID], None]
) -> dict[str, Any]:
    """``state`` and ``restore_state`` of a form that adds to the record selected in a
    list (a support's intervention, an action's session): the selected record's id is
    kept under ``key``; on restore ``select`` selects it again."""

    def state() -> dict[str, JsonValue]:
        record = selected()
        return {key: str(record.id) if record is not None else None}

    def restore_state(values: dict[str, Any]) -> None:
        record_id = values.get(key)
        if record_id:
            select(UUID(record_id))

    return {"state": state, "restore_state": restore_state}


class DraftBanner(QFrame):
    """« A draft was kept » with « Restore » and « Discard » buttons."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        apply_tone(self, Tone.BANNER)  # readable in a dark palette too (issue 15)
        self.label = QLabel()
        self.label.setWordWrap(True)
        apply_tone(self.label, Tone.BANNER)
        self.restore_button = QPushButton(self.tr("Restore"))
        self.discard_button = QPushButton(self.tr("Discard"))
        layout = QHBoxLayout(self)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.restore_button)
        layout.addWidget(self.discard_button)
        self.hide()


class DraftKeeper(QObject):
    """Autosaves the drafts of one page's forms and drives the page's banner."""

    def __init__(
        self,
        database: Database,
        forms: list[DraftForm],
        banner: DraftBanner,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.drafts = Drafts(database)
        self.forms = {form.name: form for form in forms}
        self.banner = banner
        self._paused = False
        self._held = False
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(AUTOSAVE_DELAY_MS)
        self.timer.timeout.connect(self.flush)
        for form in forms:
            if not callable(form.fields):
                self.bind(form.name)
        banner.restore_button.clicked.connect(self.restore)
        banner.discard_button.clicked.connect(self.discard_all)
        # Drafts offered by the banner and not yet answered: only the user's new typing
        # or their answer may replace or remove them (a form left untouched, saved or
        # cleared meanwhile must not: that draft is the only copy of lost input). The
        # drafts this page writes afterwards are of input still on screen: never offered.
        self._offered = {name for name in self.forms if self.drafts.saved_at(name) is not None}
        self.offer()

    def bind(self, name: str) -> None:
        """Watch form ``name`` (idempotent): its values now are its clean values. Called
        at the start for forms already built, by the page for one built later."""
        form = self.forms[name]
        if form.bound:
            return
        form.bound = True
        form.clean = form.values()
        for widget in form.widgets().values():
            _connect_changes(widget, lambda *_a, name=form.name: self.touch(name))

    def touch(self, name: str) -> None:
        """The user changed form ``name``: write its draft after a quiet time."""
        if self._paused:
            return
        form = self.forms[name]
        form.typed = form.pending = True
        self.timer.start()

    def context_changed(self, *names: str) -> None:
        """Page state kept with these forms changed (e.g. the selected support): rewrite
        the drafts of those the user is typing in."""
        if self._paused:
            return
        for name in names:
            form = self.forms[name]
            if form.typed:
                form.pending = True
                self.timer.start()

    def flush(self) -> None:
        """Write now the drafts of the forms changed since the last write.

        A form back to its clean values has its draft removed, unless that draft is
        still offered by the banner. Drafts of forms the user has not touched (offered
        after a crash) are left alone.
        """
        self.timer.stop()
        if self._held or not self.drafts.base_is_open():
            return
        for form in self.forms.values():
            if not form.pending:
                continue
            form.pending = False
            try:
                values = form.values()
                if values == form.clean:
                    if form.name not in self._offered:
                        self.drafts.discard(form.name)
                    continue
                state = form.state() if form.state is not None else {}
                self.drafts.save(form.name, {"fields": values, "state": state})
                if form.name in self._offered:
                    # New typing replaced the offered draft: nothing of it is left to offer.
                    self._offered.discard(form.name)
                    if not self._offered:
                        self.banner.hide()
            except Exception as error:  # a draft must never break typing
                logger.error("draft not written: %s", type(error).__name__)

    def offer(self) -> bool:
        """Show the banner when a draft left by an earlier session (a crash, a window
        closed unsaved) is kept for one of the forms; ``True`` if one is."""
        kept = [
            (saved_at, form.label)
            for form in self.forms.values()
            if form.name in self._offered
            and (saved_at := self.drafts.saved_at(form.name)) is not None
        ]
        if not kept:
            self.banner.hide()
            return False
        local = max(saved_at for saved_at, _label in kept).astimezone()
        self.banner.label.setText(
            self.tr("An entry you were typing on {0} at {1} was not saved ({2}). Restore it?")
            .format(
                local.strftime("%d/%m/%Y"),
                local.strftime("%H:%M"),
                ", ".join(label for _saved_at, label in kept),
            )
        )
        self.banner.show()
        return True

    def restore(self) -> None:
        """Put every kept draft of this page back into its form."""
        self.banner.hide()
        self._offered.clear()
        for form in self.forms.values():
            payload = self.drafts.load(form.name)
            if payload is None:
                continue
            with self.paused():
                self.bind(form.name)  # a form built on demand is built now
                if form.restore_state is not None:
                    form.restore_state(payload.get("state") or {})
                values = payload.get("fields") or {}
                for key, widget in form.widgets().items():
                    if key in values:
                        set_widget_value(widget, values[key])
            form.typed = True
            if form.shown is not None:
                form.shown()

    def restore_kept(self) -> None:
        """Back from a lock: put the drafts back without asking (they were never left)."""
        if any(self.drafts.load(name) is not None for name in self.forms):
            self.restore()

    def set_clean(self, name: str) -> None:
        """Form ``name`` was saved, cleared or loaded with a record to edit: its current
        values become its clean values and its draft is removed, unless the banner
        still offers it."""
        form = self.forms[name]
        if form.bound:  # else never built: nothing typed, its values are its first ones
            form.clean = form.values()
        form.typed = form.pending = False
        if self.drafts.base_is_open() and name not in self._offered:
            self.drafts.discard(name)

    def discard_all(self) -> None:
        """Drop the drafts the banner offers (the user declined them). The drafts of
        what was typed since, still on screen and unsaved, are kept: declining old input
        must not leave new input unprotected."""
        for name in self._offered:
            self.drafts.discard(name)
        self._offered.clear()
        self.banner.hide()

    def hold(self, held: bool) -> None:
        """While a background job writes to the base, drafts wait (what was typed stays
        pending); released, they are written at once."""
        self._held = held
        if not held:
            self.flush()

    @contextmanager
    def paused(self) -> Iterator[None]:
        """Changes made meanwhile are the program's, not the user's."""
        was_paused = self._paused
        self._paused = True
        try:
            yield
        finally:
            self._paused = was_paused

    @contextmanager
    def reloading(self) -> Iterator[None]:
        """Paused while the page reloads its lists; a form the user has not typed in
        takes the values the reload gave it as its clean values."""
        with self.paused():
            yield
        for form in self.forms.values():
            if form.bound and not form.typed:
                form.clean = form.values()
