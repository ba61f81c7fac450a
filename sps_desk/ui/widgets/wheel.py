"""The mouse wheel scrolls the page; it changes a field's value only once the field has
the focus.

Qt turns the wheel over a drop-down list, a number or a date into a new value, focused
or not. On a page that scrolls (« Accompagnements » at the default window size, the
tally grid of « Actions collectives »), the wheel moving the page under the pointer
changed « Orienté vers » or a tally without a word, and the wrong value was saved or
kept as a draft (found by a new user). Here the wheel over a field without the focus
scrolls the page around it; a click or Tab gives the field the focus, then the wheel
steps through its values as usual.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QWidget,
)


def send_to_page(widget: QWidget, event: QEvent) -> None:
    """Give wheel ``event``, received by ``widget``, to the nearest enclosing area that
    scrolls vertically (nothing happens when none does)."""
    area = widget.parentWidget()
    while area is not None and not (
        isinstance(area, QAbstractScrollArea) and area.verticalScrollBar().maximum()
    ):
        area = area.parentWidget()
    if area is not None:
        QApplication.sendEvent(area.verticalScrollBar(), event)


class _FieldWheel(QObject):
    """Event filter of a value field: the wheel goes to the page unless it has focus."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Tested first: the filter sees every event of its fields.
        if event.type() != QEvent.Type.Wheel or not isinstance(watched, QWidget):
            return False
        if watched.hasFocus():
            return False
        send_to_page(watched, event)
        return True


def wheel_needs_focus(root: QWidget) -> None:
    """Make the wheel scroll the page over every drop-down list, number and date field
    under ``root`` that does not have the focus. Call it once the fields are built (a
    page, a tab built when first shown); calling it again on the same fields does
    nothing more."""
    guard = root.findChild(_FieldWheel, options=Qt.FindChildOption.FindDirectChildrenOnly)
    if guard is None:
        guard = _FieldWheel(root)
    for field in (*root.findChildren(QComboBox), *root.findChildren(QAbstractSpinBox)):
        if field.property("sps_wheel_guarded"):
            continue
        field.setProperty("sps_wheel_guarded", True)
        # Without WheelFocus, the wheel no longer gives the field the focus either.
        field.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        field.installEventFilter(guard)
