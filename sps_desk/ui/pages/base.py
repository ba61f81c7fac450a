"""What every page shares: the base, the hub, reloading and the busy state."""

from __future__ import annotations

from collections.abc import Iterable
from typing import ClassVar
from uuid import UUID

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QScrollArea, QWidget

from sps_desk.records import StaffMember
from sps_desk.store.database import Database
from sps_desk.ui.dialogs.sector import SectorDialog
from sps_desk.ui.dialogs.staff import StaffDialog
from sps_desk.ui.hub import DataHub


class Page(QWidget):
    """A page of the main window over an open base.

    Subclasses give :meth:`title`, build their widgets, list the record kinds they show
    in :attr:`watched_kinds` and reload them in :meth:`refresh`. Widgets registered with
    :meth:`register_writers` are disabled while a report is being generated; reloads
    asked for meanwhile are deferred until it ends, so the connection serves one thread
    at a time.
    """

    watched_kinds: ClassVar[frozenset[str]] = frozenset()

    def __init__(self, database: Database, hub: DataHub, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.database = database
        self.hub = hub
        self._stale = False
        self._writers: list[QWidget] = []
        hub.changed.connect(self._on_changed)
        hub.busy_changed.connect(self._on_busy)

    def title(self) -> str:
        """Translated title shown in the navigation."""
        raise NotImplementedError

    def refresh(self) -> None:
        """Reload what the page shows from the base."""

    def before_lock(self) -> None:
        """Called just before the session locks, while the base is still open.

        Save what the user is typing (a draft, kept in the encrypted base) here: the page
        is then destroyed with every widget that showed data. The default does nothing.
        """

    def after_unlock(self) -> None:
        """Called on the new page built after unlocking (the base is open again).

        Restore the draft saved by :meth:`before_lock` here. The default does nothing.
        """

    def register_writers(self, widgets: Iterable[QWidget]) -> None:
        """Widgets that write to the base (disabled while the hub is busy)."""
        self._writers.extend(widgets)

    def active_staff(self) -> list[StaffMember]:
        """Active staff members sorted by display name."""
        staff = [m for m in self.database.repos.staff.all() if m.active]
        return sorted(staff, key=lambda m: m.display_name.casefold())

    def sector_choices(self) -> list[tuple[str, UUID]]:
        """(label, id) of every sector, sorted by label."""
        sectors = sorted(self.database.repos.sectors.all(), key=lambda s: s.label.casefold())
        return [(s.label, s.id) for s in sectors]

    def add_staff_member(self) -> None:
        """Open the « Équipe » dialog; on save, every page showing staff reloads."""
        dialog = StaffDialog(self.database, self)
        if dialog.exec() and dialog.saved is not None:
            self.hub.notify_changed("staff_member")
            self.hub.show_message(self.tr("Staff member added to the team."))

    def add_sector(self) -> None:
        """Open the sector dialog; on save, every page showing sectors reloads."""
        dialog = SectorDialog(self.database, self)
        if dialog.exec() and dialog.saved is not None:
            self.hub.notify_changed("sector")
            self.hub.show_message(self.tr("Sector added."))

    def _on_changed(self, kind: str) -> None:
        if kind not in self.watched_kinds:
            return
        if self.hub.busy:
            self._stale = True
        else:
            self.refresh()

    def _on_busy(self, busy: bool) -> None:
        for widget in self._writers:
            widget.setEnabled(not busy)
        if not busy and self._stale:
            self._stale = False
            self.refresh()


def scrolling(widget: QWidget) -> QScrollArea:
    """``widget`` in a frameless vertical scroll area (forms taller than a 768 px screen)."""
    area = QScrollArea()
    area.setWidget(widget)
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    return area
