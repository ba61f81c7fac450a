"""Opening the record a line of « À vérifier » is about, in the main window.

A support, an outing, a collective action or a young person is shown on its page,
selected (and, for the young person and the outing, loaded in the form to correct);
a staff member's long day or week opens their week on the Temps page; hours outside a
staff member's periods open their periods in the staff dialog.
"""

from __future__ import annotations

from typing import TYPE_CHECKING
from uuid import UUID

from sps_desk.enums import CheckRule
from sps_desk.store.checks import CheckLine
from sps_desk.ui.dialogs.staff import StaffDialog
from sps_desk.ui.formatting import to_qdate
from sps_desk.ui.pages.base import Page
from sps_desk.ui.pages.collective import CollectiveActionsPage
from sps_desk.ui.pages.field import FieldPage
from sps_desk.ui.pages.supports import SupportsPage
from sps_desk.ui.pages.time_entries import TimePage
from sps_desk.ui.pages.young_people import YoungPeoplePage

if TYPE_CHECKING:
    from sps_desk.ui.main_window import MainWindow


def _show(window: MainWindow, page_type: type[Page]) -> Page:
    from sps_desk.ui.main_window import PAGE_TYPES

    window.show_page(PAGE_TYPES.index(page_type))
    return window.page(page_type)


def open_line(window: MainWindow, line: CheckLine) -> None:
    """Show the record of ``line`` in ``window`` (a ``MainWindow``)."""
    record_id = UUID(line.record_id)
    if line.rule is CheckRule.OUTSIDE_PERIODS:
        member = window.database.repos.staff.get(record_id)
        if member is not None:
            dialog = StaffDialog(window.database, window, member=member)
            if dialog.exec() and dialog.saved is not None:
                window.hub.notify_changed("staff_member")
        return
    if line.kind == "staff_member":
        time_page = _show(window, TimePage)
        assert isinstance(time_page, TimePage) and line.day is not None
        time_page.sheet_staff_combo.select_id(record_id)
        time_page.week_edit.setDate(to_qdate(line.day))
    elif line.kind == "individual_support":
        supports = _show(window, SupportsPage)
        assert isinstance(supports, SupportsPage)
        supports.select_support(record_id)
    elif line.kind == "collective_action":
        actions = _show(window, CollectiveActionsPage)
        assert isinstance(actions, CollectiveActionsPage)
        actions.select_action(record_id)
    elif line.kind == "field_session":
        field = _show(window, FieldPage)
        assert isinstance(field, FieldPage)
        if line.day is not None:
            field.show_year(line.day.year)  # the list shows one year of outings
        field.reveal(record_id)
        session = field.selected_session()
        if session is not None and session.id == record_id:
            field.edit_selected()
    elif line.kind == "young_person":
        young = _show(window, YoungPeoplePage)
        assert isinstance(young, YoungPeoplePage)
        young.search_edit.setText(line.label)
        # Found by its id, not among the rows read: paged lists read the rows on screen.
        row = young.model.row_of(record_id)
        if row is not None:
            young.table.selectRow(row)
            young.edit_selected()
