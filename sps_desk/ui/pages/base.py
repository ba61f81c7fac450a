"""What every page shares: the base, the hub, updating after a save, and waiting for a
background job that writes."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import ClassVar
from uuid import UUID

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QHideEvent, QShowEvent
from PySide6.QtWidgets import QBoxLayout, QFrame, QScrollArea, QVBoxLayout, QWidget

from sps_desk.records import Sector, StaffMember
from sps_desk.store.database import Database
from sps_desk.store.drafts import Preferences
from sps_desk.ui.dialogs.sector import SectorDialog
from sps_desk.ui.dialogs.staff import StaffDialog
from sps_desk.ui.drafting import DraftBanner, DraftForm, DraftKeeper
from sps_desk.ui.hub import Changes, DataHub
from sps_desk.ui.widgets.forms import ErrorBox

CURRENT_STAFF = "current_staff_id"
"""Preference: the staff member last used on this machine (« current user »), ticked
by default wherever staff are chosen."""


class Page(QWidget):
    """A page of the main window over an open base.

    Subclasses give :meth:`title_text`, build their widgets, list the record kinds they
    show in :attr:`watched_kinds`, reload them in :meth:`refresh` and, to update only
    what a save changed, :meth:`apply_changes`. A page hidden behind another catches up
    on the changes when it is shown again. While a background job writes to the base
    (hub busy), the page's own writes wait for its end (:meth:`when_writable`).

    Forms given to :meth:`keep_drafts` have their drafts kept in the base: written while
    the user types, when the page is hidden (another page, the window closed) and before
    a lock; offered back by a banner at the top of the page, restored without asking
    after an unlock.
    """

    watched_kinds: ClassVar[frozenset[str]] = frozenset()

    def __init__(self, database: Database, hub: DataHub, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.database = database
        self.hub = hub
        self._pending: Changes | None = None
        self._waiting: dict[Callable[[], object], ErrorBox] = {}
        self.drafts: DraftKeeper | None = None
        hub.changed.connect(self._on_changed)
        hub.busy_changed.connect(self._on_busy)

    @classmethod
    def title_text(cls) -> str:
        """Translated title shown in the navigation (known before the page is built)."""
        raise NotImplementedError

    def title(self) -> str:
        """Translated title shown in the navigation."""
        return self.title_text()

    def refresh(self) -> None:
        """Reload what the page shows from the base."""

    def apply_changes(self, changes: Changes) -> None:
        """Update what the page shows after ``changes`` (default: reload everything)."""
        self.refresh()

    def before_lock(self) -> None:
        """Called just before the session locks, while the base is still open.

        Writes the drafts of the page's forms at once: the page is then destroyed with
        every widget that showed data.
        """
        if self.drafts is not None:
            self.drafts.flush()

    def after_unlock(self) -> None:
        """Called on the new page built after unlocking (the base is open again).

        Puts back the drafts written by :meth:`before_lock`, without asking.
        """
        if self.drafts is not None:
            self.drafts.restore_kept()

    def set_body(self, body: QWidget) -> None:
        """Lay the page out: ``body`` fills it, in a scroll area that only scrolls when
        the window is smaller than the body's minimum size (a 1366×768 screen at 200 %
        leaves 683×384 logical pixels), so no page sets a minimum size on the window."""
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scrolling(body))

    def keep_drafts(self, forms: Sequence[DraftForm]) -> DraftKeeper:
        """Keep the drafts of these forms (call once, at the end of the constructor, when
        the forms show their empty values). The banner goes at the top of the page."""
        self.banner = DraftBanner()
        layout = self.layout()
        if isinstance(layout, QBoxLayout):
            layout.insertWidget(0, self.banner)
        self.drafts = DraftKeeper(self.database, list(forms), self.banner, self)
        return self.drafts

    def form_clean(self, name: str) -> None:
        """Form ``name`` was saved, cleared or loaded with a record to edit: its draft
        goes (see :meth:`DraftKeeper.set_clean`)."""
        if self.drafts is not None:
            self.drafts.set_clean(name)

    def hideEvent(self, event: QHideEvent) -> None:
        """Leaving the page (or closing the window) writes the drafts at once."""
        if self.drafts is not None:
            self.drafts.flush()
        super().hideEvent(event)

    def when_writable(self, write: Callable[[], object], errors: ErrorBox) -> bool:
        """``True`` when the page may write now; else (a background job is writing) the
        form is kept, ``errors`` says that it will be saved when the job ends, and
        ``write`` (the page's save) is called again then."""
        if not self.hub.busy:
            return True
        self._waiting[write] = errors
        errors.show_lines([QCoreApplication.translate(
            "Page", "A merge or an import is writing to the base: what you typed is kept "
            "and will be saved as soon as it ends.")])
        return False

    def active_staff(self) -> list[StaffMember]:
        """Active staff members sorted by display name."""
        staff = [m for m in self.database.repos.staff.all() if m.active]
        return sorted(staff, key=lambda m: m.display_name.casefold())

    def usual_staff_id(self, active: Sequence[StaffMember]) -> UUID | None:
        """Who is ticked first on a new record, the same on every page (issue 15): the
        staff member of this machine (:data:`CURRENT_STAFF`) while among ``active``,
        else the only member of ``active``; ``None`` when neither applies."""
        ids = {member.id for member in active}
        value = Preferences(self.database).get(CURRENT_STAFF)
        if value and UUID(value) in ids:
            return UUID(value)
        return next(iter(ids)) if len(ids) == 1 else None

    def sector_choices(self) -> list[tuple[str, UUID]]:
        """(label, id) of every sector, sorted by label."""
        sectors = sorted(self.database.repos.sectors.all(), key=lambda s: s.label.casefold())
        return [(s.label, s.id) for s in sectors]

    def add_staff_member(self) -> StaffMember | None:
        """Open the « Équipe » dialog; on save, every page showing staff reloads.

        The first member added to an empty team is most often the person setting up
        this laptop: they become its current user (ticked by default). Returns the
        member saved, or ``None`` when the dialog was cancelled.
        """
        was_empty = not self.active_staff()
        dialog = StaffDialog(self.database, self)
        if not dialog.exec() or dialog.saved is None:
            return None
        preferences = Preferences(self.database)
        if was_empty and dialog.saved.active and not preferences.get(CURRENT_STAFF):
            preferences.set(CURRENT_STAFF, str(dialog.saved.id))
        self.hub.notify_changed("staff_member")
        self.hub.show_message(self.tr("Staff member added to the team."))
        return dialog.saved

    def add_sector(self) -> Sector | None:
        """Open the sector dialog; on save, every page showing sectors reloads.
        Returns the sector saved, or ``None`` when the dialog was cancelled."""
        dialog = SectorDialog(self.database, self)
        if not dialog.exec() or dialog.saved is None:
            return None
        self.hub.notify_changed("sector")
        self.hub.show_message(self.tr("Sector added."))
        return dialog.saved

    def showEvent(self, event: QShowEvent) -> None:
        """Catch up on the changes made while the page was hidden."""
        super().showEvent(event)
        if self._pending is not None:
            pending, self._pending = self._pending, None
            self._apply(pending)

    def _on_changed(self, changes: Changes) -> None:
        if not changes.touches(self.watched_kinds):
            return
        if self.parentWidget() is not None and not self.isVisible():
            # Behind another page: only the page on screen works for a save.
            self._pending = changes if self._pending is None else self._pending.merged(changes)
        else:
            self._apply(changes)

    def _on_busy(self, busy: bool) -> None:
        if self.drafts is not None:
            self.drafts.hold(busy)
        if not busy:
            waiting, self._waiting = self._waiting, {}
            for write, errors in waiting.items():
                errors.clear_lines()
                write()

    def _apply(self, changes: Changes) -> None:
        # An update refills combos and lists: that is not the user typing.
        if self.drafts is None:
            self.apply_changes(changes)
            return
        with self.drafts.reloading():
            self.apply_changes(changes)


def scrolling(widget: QWidget, whole_width: bool = False) -> QScrollArea:
    """``widget`` in a frameless scroll area: it scrolls when the room left is smaller
    than the widget's minimum size (a form taller than the screen, a pane narrower than
    its table on a small screen). With ``whole_width``, the area is never narrower than
    the widget's minimum width (a form beside a list in a splitter: the list gives up
    room, the form's second column was cut at 1280×720: issue 15)."""
    area = QScrollArea()
    area.setWidget(widget)
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    if whole_width:
        area.setMinimumWidth(widget.minimumSizeHint().width()
                             + area.verticalScrollBar().sizeHint().width())
    return area
