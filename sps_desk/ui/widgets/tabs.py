"""Tab bars that leave the mouse wheel to the page.

Qt switches tabs when the wheel turns over a tab bar. On a page that scrolls, the wheel
moving through the tabs of « Accompagnements » changed the form under the user's eyes
while the page scrolled (issue 15): here the wheel over a tab bar scrolls the page around
it, and tabs change by click or keyboard only.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QTabWidget, QWidget

from sps_desk.ui.widgets.wheel import send_to_page


class _WheelToPage(QObject):
    """Event filter of a tab bar: wheel events go to the nearest page that scrolls."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.Wheel or not isinstance(watched, QWidget):
            return False
        send_to_page(watched, event)
        return True  # never to the tab bar


def wheel_scrolls_the_page(tabs: QTabWidget) -> None:
    """Send the wheel over ``tabs``' bar to the scrolling page instead of switching tabs."""
    tabs.tabBar().installEventFilter(_WheelToPage(tabs))
