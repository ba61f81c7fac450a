"""Form helpers: labelled rows with buddies and accessible names, enum and record combos,
and the inline error box."""

from __future__ import annotations

import re
from collections.abc import Sequence
from enum import Enum
from typing import TypeVar
from uuid import UUID

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QComboBox, QDialog, QFormLayout, QLabel, QScrollArea, QWidget

from sps_desk.enums import LabelledEnum
from sps_desk.ui.tones import Tone, apply_tone

E = TypeVar("E", bound=LabelledEnum)
_MNEMONIC = re.compile(r"&(&?)")


def buddy_label(text: str, field: QWidget) -> QLabel:
    """A label for ``field``: it becomes the label's buddy and gets ``text`` as its
    accessible name (without the trailing colon, nor the ``&`` of an Alt+letter
    mnemonic: « &Secteur : » jumps to the field with Alt+S and is read « Secteur »)."""
    label = QLabel(text)
    label.setBuddy(field)
    field.setAccessibleName(_MNEMONIC.sub(r"\1", text).rstrip(" :\u00a0"))
    return label


def add_row(form: QFormLayout, text: str, field: QWidget, row: QWidget | None = None) -> QLabel:
    """Add a row « text | row » to ``form`` where the label is the buddy of ``field``.

    ``row`` is the widget placed in the form (defaults to ``field``); use it when the
    field sits in a container with buttons beside it.
    """
    label = buddy_label(text, field)
    form.addRow(label, row if row is not None else field)
    return label


def new_form() -> QFormLayout:
    """A form layout whose fields grow with the window and whose labels wrap."""
    form = QFormLayout()
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
    form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
    return form


def enum_combo(enum_type: type[E], members: Sequence[E] | None = None) -> QComboBox:
    """A combo box of enum members shown by their French label, the value as data."""
    combo = QComboBox()
    for member in members if members is not None else list(enum_type):
        combo.addItem(member.label, member.value)
    return combo


def combo_enum(combo: QComboBox, enum_type: type[E]) -> E:
    """The enum member selected in a combo built by :func:`enum_combo`."""
    return enum_type(combo.currentData())


def select_data(combo: QComboBox, value: object) -> None:
    """Select the item whose data is ``value`` (an enum member, its value, or an id)."""
    data = value.value if isinstance(value, Enum) else value
    index = combo.findData(data)
    if index >= 0:
        combo.setCurrentIndex(index)


class RecordCombo(QComboBox):
    """A combo box of records shown by a label, with an optional « none » first item.

    Reloading keeps the current selection when the record is still offered.
    """

    def set_choices(self, choices: Sequence[tuple[str, UUID]], none_label: str | None) -> None:
        """Replace the items; ``none_label`` adds a first item meaning « no record »."""
        current = self.current_id()
        self.blockSignals(True)
        self.clear()
        if none_label is not None:
            self.addItem(none_label, None)
        for label, record_id in choices:
            self.addItem(label, str(record_id))
        self.blockSignals(False)
        if current is not None:
            self.select_id(current)
        self.currentIndexChanged.emit(self.currentIndex())

    def current_id(self) -> UUID | None:
        """The id of the selected record, or ``None``."""
        data = self.currentData()
        return UUID(data) if data else None

    def select_id(self, record_id: UUID | None) -> None:
        """Select the record with this id (or the « none » item for ``None``)."""
        index = self.findData(str(record_id) if record_id is not None else None)
        if index >= 0:
            self.setCurrentIndex(index)


class ErrorBox(QLabel):
    """Inline French error messages under a form, one per line; hidden when empty."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        apply_tone(self, Tone.ERROR, "font-weight: bold;")  # both palettes (issue 15)
        self.setAccessibleName(self.tr("Errors"))
        self.hide()

    def show_lines(self, lines: Sequence[str]) -> None:
        """Show these messages (already French)."""
        text = "\n".join(lines)
        self.setText(text)
        self.setAccessibleDescription(text)
        self.setVisible(bool(lines))
        if lines:
            self._fit_dialog()
            # Once laid out: the report's « Diffusion refusée : … » ended below the
            # visible part of its pane (issue 15).
            QTimer.singleShot(0, self, self._scroll_into_view)

    def _scroll_into_view(self) -> None:
        """Scroll the nearest scroll area holding the box so that the box shows."""
        area = self.parentWidget()
        while area is not None and not isinstance(area, QScrollArea):
            area = area.parentWidget()
        if area is not None and self.isVisible():
            area.ensureWidgetVisible(self)

    def _fit_dialog(self) -> None:
        """Grow the dialog holding the box so that every wrapped line shows: a dialog
        already on screen does not grow by itself, and the unlock dialog's « Phrase de
        passe incorrecte… » was cut top and bottom (issue 15)."""
        dialog = self.window()
        layout = dialog.layout()
        if not isinstance(dialog, QDialog) or layout is None or not dialog.isVisible():
            return
        layout.activate()
        width = dialog.width()
        needed = (layout.heightForWidth(width) if layout.hasHeightForWidth()
                  else layout.sizeHint().height())
        if needed > dialog.height():
            dialog.resize(width, needed)

    def clear_lines(self) -> None:
        """Remove every message."""
        self.show_lines([])

    def lines(self) -> list[str]:
        """The messages shown, one per line."""
        return self.text().splitlines()
