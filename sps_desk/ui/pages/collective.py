"""« Actions collectives »: an action with its participants, families and partners, and
its sessions (date, hours, staff present — each yields the staff's hours).

Participants are coded young people (found by code or nickname) plus anonymous counts
by sex × age bracket; the number of families is a count or « non renseigné ». Both
lists are sorted by the database on the column clicked and read only the rows on
screen; a save updates only what it changed.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from uuid import UUID

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from sps_desk.durations import parse_hours
from sps_desk.enums import CollectiveActionType, PartnerType, Sex
from sps_desk.errors import ValidationFailed
from sps_desk.records import (
    NOT_RECORDED,
    CollectiveAction,
    CollectiveActionSession,
    Partner,
    YoungPerson,
)
from sps_desk.store.database import Database
from sps_desk.store.listing import (
    ActionTotals,
    Sort,
    action_session_ids,
    action_totals,
    collective_action_ids,
)
from sps_desk.store.rights import restricted_ids
from sps_desk.ui.drafting import DraftForm, editing_hooks, selection_hooks
from sps_desk.ui.formatting import format_date, format_number, from_qdate
from sps_desk.ui.hub import Changes, DataHub
from sps_desk.ui.identity_names import known_names, names_allowed
from sps_desk.ui.pages.base import Page, scrolling
from sps_desk.ui.saving import build_and_save
from sps_desk.ui.widgets.date_edit import FrenchDateEdit
from sps_desk.ui.widgets.forms import (
    ErrorBox,
    add_row,
    buddy_label,
    combo_enum,
    enum_combo,
    new_form,
    select_data,
)
from sps_desk.ui.widgets.partner_checklist import PartnerChecklist
from sps_desk.ui.widgets.record_actions import RecordActions
from sps_desk.ui.widgets.staff_checklist import StaffChecklist
from sps_desk.ui.widgets.table_model import (
    Column,
    PagedTableModel,
    make_table_view,
    selected_row,
)
from sps_desk.ui.widgets.tally_grid import TallyGrid
from sps_desk.ui.widgets.young_picker import YoungPicker
from sps_desk.ui.young_index import young_index


class CollectiveActionsPage(Page):
    """Forms (left): new action, new session of the selected action. Lists (right)."""

    watched_kinds = frozenset(
        {
            "staff_member",
            "collective_action",
            "collective_action_session",
            "young_person",
            "partner",
        }
    )

    def __init__(self, database: Database, hub: DataHub, parent: QWidget | None = None) -> None:
        super().__init__(database, hub, parent)
        self._totals: dict[str, ActionTotals] = {}
        self._staff_names: dict[object, str] = {}
        self.young = young_index(hub, database)
        self.names = known_names(hub, database)
        self.names.start()

        # New action
        self._editing: CollectiveAction | None = None
        action_box = QGroupBox(self.tr("Collective action"))
        self.editing_label = QLabel()
        self.editing_label.setStyleSheet("font-weight: bold;")
        self.editing_label.hide()
        self.title_edit = QLineEdit()
        self.title_edit.setMaxLength(200)
        self.type_combo = enum_combo(CollectiveActionType)
        self.families_spin = QSpinBox()
        self.families_spin.setRange(0, 9999)
        self.families_nr_box = QCheckBox(self.tr("Not recorded"))
        self.families_nr_box.setChecked(True)
        self.families_nr_box.toggled.connect(self.families_spin.setDisabled)
        self.families_spin.setDisabled(True)
        families_row = QWidget()
        families_layout = QHBoxLayout(families_row)
        families_layout.setContentsMargins(0, 0, 0, 0)
        families_layout.addWidget(self.families_spin, 1)
        families_layout.addWidget(self.families_nr_box)
        brackets = database.service().age_brackets
        self.participants_picker = YoungPicker(self._create_young)
        self.anonymous_grid = TallyGrid(
            [(key, brackets.label(key)) for key in brackets.keys()],
            tuple(Sex),
            total_text=lambda total: (  # singular for 0 and 1, as French says
                self.tr("Total: {0} anonymous participant") if total < 2
                else self.tr("Total: {0} anonymous participants")).format(total),
        )
        anonymous_box = QGroupBox(self.tr("Anonymous participants (not identified)"))
        anonymous_layout = QVBoxLayout(anonymous_box)
        # Narrow side margins: this box inside another sets the forms' minimum width,
        # and the actions list beside needs the room at 1280×720 (issue 15).
        margins = anonymous_layout.contentsMargins()
        anonymous_layout.setContentsMargins(4, margins.top(), 4, margins.bottom())
        anonymous_layout.addWidget(self.anonymous_grid)
        self.partner_list = PartnerChecklist()
        self.partner_name_edit = QLineEdit()
        self.partner_name_edit.setPlaceholderText(self.tr("name of a new partner"))
        self.partner_type_combo = enum_combo(PartnerType)
        # No silent default: a football club saved as « Mission locale » went unseen.
        self.partner_type_combo.setPlaceholderText(self.tr("(choose the type)"))
        self.partner_type_combo.setCurrentIndex(-1)
        self.add_partner_button = QPushButton(self.tr("Add the partner"))
        self.add_partner_button.clicked.connect(self.add_partner)
        partner_type_row = QWidget()
        partner_type_layout = QHBoxLayout(partner_type_row)
        partner_type_layout.setContentsMargins(0, 0, 0, 0)
        partner_type_layout.addWidget(self.partner_type_combo, 1)
        partner_type_layout.addWidget(self.add_partner_button)
        self.action_errors = ErrorBox()
        self.create_button = QPushButton(self.tr("Create the action"))
        self.create_button.clicked.connect(self.create_action)
        self.cancel_edit_button = QPushButton(self.tr("Cancel the changes"))
        self.cancel_edit_button.clicked.connect(self.reset_action_form)
        self.cancel_edit_button.hide()
        action_form = new_form()
        action_form.addRow(self.editing_label)
        add_row(action_form, self.tr("Title:"), self.title_edit)
        add_row(action_form, self.tr("Type:"), self.type_combo)
        add_row(action_form, self.tr("Families concerned:"), self.families_spin, families_row)
        add_row(
            action_form,
            self.tr("Young people taking part (code or nickname):"),
            self.participants_picker.search_edit,
            self.participants_picker,
        )
        action_form.addRow(anonymous_box)
        add_row(action_form, self.tr("Partners:"), self.partner_list)
        add_row(action_form, self.tr("New partner:"), self.partner_name_edit)
        add_row(action_form, self.tr("Partner type:"), self.partner_type_combo, partner_type_row)
        action_form.addRow(self.action_errors)
        action_form.addRow(self.create_button)
        action_form.addRow(self.cancel_edit_button)
        action_box.setLayout(action_form)

        # New session of the selected action
        session_box = QGroupBox(self.tr("Add a session to the selected action"))
        self.selected_label = QLabel()
        self.selected_label.setWordWrap(True)
        self.session_date_edit = FrenchDateEdit()
        self.hours_edit = QLineEdit()
        self.hours_edit.setPlaceholderText(self.tr("e.g. 2,5 or 2h30"))
        self.hours_edit.returnPressed.connect(self.add_session)  # Enter adds, as on Temps
        self.session_staff = StaffChecklist()
        self.add_staff_button = QPushButton(self.tr("Add a staff member…"))
        self.add_staff_button.clicked.connect(self.add_staff_member)
        self.session_errors = ErrorBox()
        self.session_button = QPushButton(self.tr("Add the session"))
        self.session_button.clicked.connect(self.add_session)
        session_form = new_form()
        session_form.addRow(self.selected_label)
        add_row(session_form, self.tr("Date:"), self.session_date_edit)
        add_row(session_form, self.tr("Hours per staff member:"), self.hours_edit)
        add_row(session_form, self.tr("Staff present:"), self.session_staff)
        session_form.addRow(self.add_staff_button)
        session_form.addRow(self.session_errors)
        session_form.addRow(self.session_button)
        session_box.setLayout(session_form)

        forms = QWidget()
        forms_layout = QVBoxLayout(forms)
        forms_layout.setContentsMargins(0, 0, 0, 0)  # as the lists beside: room for them
        forms_layout.addWidget(action_box)
        forms_layout.addWidget(session_box)
        forms_layout.addStretch(1)

        # Lists
        self.model = PagedTableModel(
            [
                Column(self.tr("Title"), lambda a: a.title, sort="title"),
                Column(self.tr("Type"), lambda a: a.type.label, sort="type"),
                Column(self.tr("Families"), self._families_text, True, sort="families"),
                Column(self.tr("Sessions"), self._sessions_text, True, sort="sessions"),
                Column(self.tr("Hours"), self._hours_text, True, sort="hours"),
                Column(
                    self.tr("Participants"),
                    lambda a: str(len(a.participant_ids) + a.anonymous_count),
                    True,
                    sort="participants",
                ),
            ],
            lambda sort: collective_action_ids(self.database, sort),
            self._actions,
            Sort("title"),
            self,
        )
        self.table = make_table_view(self.model, self.tr("Collective actions"))
        # The title takes what is left (elided when long): the counts after it were cut
        # off at 1366×768 (trial week, finding 5).
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setStretchLastSection(False)
        # A stretched section shrinks down to the minimum section size: at 1280×720 the
        # title was 25 px wide, « …c… » under « :itr » (issue 15). It keeps at least
        # its header's width; the table scrolls sideways below that.
        header.setMinimumSectionSize(header.sectionSizeFromContents(0).width())
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.actions = RecordActions(hub)
        self.actions.edit_requested.connect(self.edit_selected)
        self.actions.delete_requested.connect(self.delete_selected)
        self.session_model = PagedTableModel(
            [
                Column(self.tr("Date"), lambda s: format_date(s.date), sort="date"),
                Column(self.tr("Hours"), lambda s: format_number(s.hours), True, sort="hours"),
                Column(
                    self.tr("Staff"),
                    lambda s: ", ".join(self._staff_names.get(i, "?") for i in s.staff_ids),
                    sort="staff",
                ),
            ],
            self._session_ids,
            lambda ids: {
                str(s.id): s for s in self.database.repos.collective_sessions.with_ids(ids)
            },
            Sort("date"),
            self,
        )
        self.session_table = make_table_view(
            self.session_model, self.tr("Sessions of the selected action")
        )
        self.session_actions = RecordActions(hub, editable=False)
        self.session_actions.delete_requested.connect(self.delete_session)
        self.session_table.selectionModel().selectionChanged.connect(
            lambda *_: self.session_actions.set_has_selection(
                selected_row(self.session_table) is not None
            )
        )
        lists = QWidget()
        lists_layout = QVBoxLayout(lists)
        lists_layout.setContentsMargins(0, 0, 0, 0)
        lists_layout.addWidget(buddy_label(self.tr("Collective actions:"), self.table))
        lists_layout.addWidget(self.table, 2)
        lists_layout.addWidget(self.actions)
        lists_layout.addWidget(
            buddy_label(self.tr("Sessions of the selected action:"), self.session_table)
        )
        lists_layout.addWidget(self.session_table, 1)
        lists_layout.addWidget(self.session_actions)

        splitter = QSplitter()
        # The forms get their minimum width, the lists everything else (issue 15).
        splitter.addWidget(scrolling(forms, whole_width=True))
        splitter.addWidget(scrolling(lists))
        splitter.setChildrenCollapsible(False)
        splitter.setSizes([0, 10_000])
        self.set_body(splitter)

        hub.busy_changed.connect(self._selection_changed)
        self.refresh()
        self.keep_drafts(
            [
                DraftForm(
                    "collective_action",
                    self.tr("collective action"),
                    {
                        "title": self.title_edit,
                        "type": self.type_combo,
                        "families": self.families_spin,
                        "families_not_recorded": self.families_nr_box,
                        "participants": self.participants_picker,
                        "anonymous": self.anonymous_grid,
                        "partners": self.partner_list,
                    },
                    **editing_hooks(
                        lambda: self._editing,
                        database.repos.collective_actions,
                        self._show_editing,
                    ),
                ),
                DraftForm(
                    "collective_session",
                    self.tr("session of a collective action"),
                    {
                        "date": self.session_date_edit,
                        "hours": self.hours_edit,
                        "staff": self.session_staff,
                    },
                    **selection_hooks("action", self.selected_action, self.select_action),
                ),
            ]
        )

    def _show_editing(self, action: CollectiveAction | None) -> None:
        self._editing = action
        if action is None:
            self.editing_label.hide()
            self.cancel_edit_button.hide()
            self.create_button.setText(self.tr("Create the action"))
            return
        self.editing_label.setText(self.tr("Editing: {0}").format(action.title))
        self.editing_label.show()
        self.cancel_edit_button.show()
        self.create_button.setText(self.tr("Save the changes"))

    def select_action(self, action_id: UUID) -> None:
        """Select an action in the list by id (and scroll to it)."""
        row = self.model.row_of(action_id)
        if row is not None:
            self.table.selectRow(row)
            self.table.scrollTo(self.model.index(row, 0))

    @classmethod
    def title_text(cls) -> str:
        """« Actions collectives »."""
        return QCoreApplication.translate("CollectiveActionsPage", "Collective actions")

    def refresh(self) -> None:
        """Reload staff, partners, actions (by title) and the selected one's sessions."""
        self._load_staff()
        self._load_young()
        self._load_partners()
        selected = self.selected_action()
        self._totals.clear()
        self.model.reload()
        if selected is not None:
            self.select_action(selected.id)
        self._selection_changed()

    def apply_changes(self, changes: Changes) -> None:
        """Update the actions and sessions saved (their rows, the totals of the actions
        shown), staff, partners and young people when they changed."""
        if changes.touches(("staff_member",)):
            self._load_staff()
        if changes.touches(("young_person",)):
            self._load_young()
        if changes.touches(("partner",)):
            self._load_partners()
        selected = self.selected_action()
        if changes.touches(("collective_action_session",)):
            self._totals.clear()
            self.model.refresh(None)  # sessions and hours of the actions shown
            self.session_model.refresh(changes.ids("collective_action_session"))
        elif changes.touches(("collective_action",)):
            self.model.refresh(changes.ids("collective_action"))
        if changes.touches(("staff_member",)):
            self.session_model.refresh(None)  # names in the sessions
        if selected is not None:
            self.select_action(selected.id)
        if changes.touches(("collective_action",)):
            self._selection_changed()

    def _load_staff(self) -> None:
        staff = self.active_staff()
        self.session_staff.set_staff(staff)
        usual = self.usual_staff_id(staff)
        if usual is not None and not self.session_staff.checked_ids():
            self.session_staff.set_checked(usual)  # as on « Terrain » (issue 15)
        self._staff_names = {m.id: m.display_name for m in self.database.repos.staff.all()}

    def _load_young(self) -> None:
        self.participants_picker.set_index(self.young, restricted_ids(self.database))
        self.young.start()

    def _load_partners(self) -> None:
        self.partner_list.set_partners(
            sorted(self.database.repos.partners.all(), key=lambda p: p.name.casefold())
        )

    def _actions(self, ids: list[str]) -> Mapping[str, CollectiveAction]:
        """The records of the actions shown, with their sessions' totals."""
        self._totals.update(action_totals(self.database, ids))
        return {str(a.id): a for a in self.database.repos.collective_actions.with_ids(ids)}

    def _session_ids(self, sort: Sort) -> list[str]:
        action = self.selected_action()
        return [] if action is None else action_session_ids(self.database, action.id, sort)

    def _sessions_text(self, action: CollectiveAction) -> str:
        totals = self._totals.get(str(action.id))
        return str(totals.sessions if totals else 0)

    def _families_text(self, action: CollectiveAction) -> str:
        if action.families == NOT_RECORDED:
            return self.tr("NR")
        return str(action.families)

    def _hours_text(self, action: CollectiveAction) -> str:
        totals = self._totals.get(str(action.id))
        return format_number(totals.hours if totals else 0.0)

    def selected_action(self) -> CollectiveAction | None:
        """The action selected in the list, or ``None``."""
        row = selected_row(self.table)
        return None if row is None else self.model.row_object(row)

    def _selection_changed(self) -> None:
        action = self.selected_action()
        self.actions.set_has_selection(action is not None)
        self.session_actions.set_has_selection(False)
        self.session_button.setEnabled(action is not None and not self.hub.busy)
        if action is None:
            self.selected_label.setText(self.tr("Select an action in the list."))
        else:
            self.selected_label.setText(self.tr("Action: {0}").format(action.title))
        self.session_model.reload()
        if self.drafts is not None:
            self.drafts.context_changed("collective_session")

    def _build_action(self) -> CollectiveAction:
        families: int | str = (
            NOT_RECORDED if self.families_nr_box.isChecked() else self.families_spin.value()
        )
        fields: dict[str, Any] = {
            "title": self.title_edit.text(),
            "type": combo_enum(self.type_combo, CollectiveActionType),
            "families": families,
            "participant_ids": self.participants_picker.chosen_ids(),
            "anonymous_participants": self.anonymous_grid.cells(),
            "partner_ids": self.partner_list.checked_ids(),
        }
        if self._editing is not None:
            fields.update(id=self._editing.id, created_at=self._editing.created_at)
        return CollectiveAction(**fields)

    def create_action(self) -> None:
        """Validate and save a new action (or the one being edited), then select it."""
        if not self.when_writable(self.create_action, self.action_errors):
            return
        # A name in the title would survive that young person's erasure (issue 14).
        if not names_allowed(self, self.title_edit.text(), self.names):
            return
        edited = self._editing is not None
        saved = build_and_save(
            self._build_action, self.database.repos.collective_actions.save, self.action_errors
        )
        if saved is None:
            return
        self.reset_action_form()
        self.hub.notify_records({"collective_action": [saved.id]})
        self.select_action(saved.id)
        self.hub.show_message(
            self.tr("Collective action updated.")
            if edited
            else self.tr("Collective action created.")
        )

    def reset_action_form(self) -> None:
        """Empty the action form and leave any edit."""
        self._show_editing(None)
        self.title_edit.clear()
        self.families_nr_box.setChecked(True)
        self.families_spin.setValue(0)
        self.participants_picker.clear()
        self.anonymous_grid.reset()
        self.partner_list.clear_checks()
        self.action_errors.clear_lines()
        self.form_clean("collective_action")

    def edit_selected(self) -> None:
        """Load the selected action into the form; saving updates it."""
        action = self.selected_action()
        if action is None:
            return
        self.reset_action_form()
        self._show_editing(action)
        self.title_edit.setText(action.title)
        select_data(self.type_combo, action.type)
        if action.families == NOT_RECORDED:
            self.families_nr_box.setChecked(True)
        else:
            self.families_nr_box.setChecked(False)
            self.families_spin.setValue(int(action.families))
        self.participants_picker.set_chosen(action.participant_ids)
        self.anonymous_grid.set_cells(action.anonymous_participants)
        for partner_id in action.partner_ids:
            self.partner_list.set_checked(partner_id)
        self.form_clean("collective_action")
        self.title_edit.setFocus()

    def delete_selected(self) -> None:
        """Delete the selected action with its sessions (their hours follow); undo offered."""
        action = self.selected_action()
        if action is None:
            return
        repos = self.database.repos
        records: list[tuple[Any, UUID]] = [(repos.collective_actions, action.id)]
        records += [
            (repos.collective_sessions, s.id)
            for s in repos.collective_sessions.for_action(action.id)
        ]
        if self._editing is not None and self._editing.id == action.id:
            self.reset_action_form()
        self.actions.delete(
            records,
            ("collective_action", "collective_action_session", "time_entry"),
            self.tr("Collective action « {0} » deleted.").format(action.title),
            self.tr("Collective action « {0} » restored.").format(action.title),
        )

    def delete_session(self) -> None:
        """Delete the selected session (its hours follow); undo offered."""
        row = selected_row(self.session_table)
        if row is None:
            return
        session: CollectiveActionSession = self.session_model.row_object(row)
        self.session_actions.delete(
            [(self.database.repos.collective_sessions, session.id)],
            ("collective_action_session", "time_entry"),
            self.tr("Session of {0} deleted.").format(format_date(session.date)),
            self.tr("Session of {0} restored.").format(format_date(session.date)),
        )

    def _create_young(self, nickname: str) -> YoungPerson | None:
        if not self.when_writable(self.participants_picker.create_typed, self.action_errors):
            return None
        saved = build_and_save(
            lambda: YoungPerson(nickname=nickname),
            self.database.repos.young_people.save,
            self.action_errors,
        )
        if saved is not None:
            self.hub.notify_records({"young_person": [saved.id]})
        return saved

    def add_partner(self) -> None:
        """Record a new partner (name and type) and tick it for this action."""
        if not self.when_writable(self.add_partner, self.action_errors):
            return
        saved = build_and_save(
            self._build_partner, self.database.repos.partners.save, self.action_errors
        )
        if saved is None:
            return
        self.partner_name_edit.clear()
        self.partner_type_combo.setCurrentIndex(-1)
        checked = self.partner_list.checked_ids()
        self.hub.notify_records({"partner": [saved.id]})
        for partner_id in [*checked, saved.id]:
            self.partner_list.set_checked(partner_id)
        self.hub.show_message(self.tr("Partner added."))

    def _build_partner(self) -> Partner:
        if self.partner_type_combo.currentIndex() < 0:
            raise ValidationFailed(
                self.tr("Choose the partner's type (association, mission locale…).")
            )
        return Partner(
            name=self.partner_name_edit.text(),
            type=combo_enum(self.partner_type_combo, PartnerType),
        )

    def _build_session(self) -> CollectiveActionSession:
        action = self.selected_action()
        if action is None:
            raise ValidationFailed(self.tr("Select an action in the list first."))
        return CollectiveActionSession(
            action_id=action.id,
            date=from_qdate(self.session_date_edit.date()),
            hours=parse_hours(self.hours_edit.text()),
            staff_ids=self.session_staff.checked_ids(),
        )

    def add_session(self) -> None:
        """Validate and save a session of the selected action (its hours follow)."""
        if not self.when_writable(self.add_session, self.session_errors):
            return
        saved = build_and_save(
            self._build_session,
            self.database.repos.collective_sessions.save,
            self.session_errors,
        )
        if saved is None:
            return
        self.hours_edit.clear()
        self.form_clean("collective_session")
        self.hub.notify_records({"collective_action_session": [saved.id]}, also=("time_entry",))
        self.hub.show_message(self.tr("Session added."))
