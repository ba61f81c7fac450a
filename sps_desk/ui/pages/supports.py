"""« Accompagnements »: open an individual support, follow it, close and reopen it.

The selected support shows its timeline (interventions, referrals, concern reports)
and the forms to add them: an intervention (type, date, duration, staff — its hours go
to the timesheet of each staff member), a referral (date, partner type), a concern
report (date and addressee only, never its content). A support is closed with an end
date and reason, and can be reopened.

The young person of a new support is found by typing a code or nickname (the window's
index, never a list of every young person). The list of supports is sorted by the
database on the column clicked and reads only the rows on screen; a save updates only
the support saved.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Any, Generic, TypeVar
from uuid import UUID

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QGridLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from sps_desk.durations import parse_hours
from sps_desk.enums import (
    ConcernAddressee,
    EndReason,
    InterventionType,
    PartnerType,
    Problem,
    SupportOrigin,
)
from sps_desk.errors import ValidationFailed
from sps_desk.records import (
    ConcernReport,
    IndividualSupport,
    Intervention,
    Referral,
    StaffMember,
)
from sps_desk.store.database import Database
from sps_desk.store.listing import (
    Sort,
    concern_report_ids,
    follow_up_span,
    referral_ids,
    support_ids,
    young_labels,
)
from sps_desk.store.rights import restricted_ids
from sps_desk.ui.drafting import DraftForm, editing_hooks, selection_hooks
from sps_desk.ui.formatting import (
    format_date,
    format_hours_minutes,
    from_qdate,
    shortened,
    to_qdate,
)
from sps_desk.ui.hub import Changes, DataHub
from sps_desk.ui.pages.base import Page, scrolling
from sps_desk.ui.restriction import RestrictionLabel, restriction_notice
from sps_desk.ui.saving import build_and_save
from sps_desk.ui.widgets.date_edit import FrenchDateEdit
from sps_desk.ui.widgets.forms import (
    ErrorBox,
    RecordCombo,
    add_row,
    buddy_label,
    combo_enum,
    enum_combo,
    new_form,
    select_data,
)
from sps_desk.ui.widgets.record_actions import RecordActions
from sps_desk.ui.widgets.staff_checklist import StaffChecklist
from sps_desk.ui.widgets.table_model import (
    Column,
    PagedTableModel,
    RecordTableModel,
    make_table_view,
    selected_row,
)
from sps_desk.ui.widgets.tabs import wheel_scrolls_the_page
from sps_desk.ui.widgets.wheel import wheel_needs_focus
from sps_desk.ui.widgets.young_picker import YoungPicker, young_label
from sps_desk.ui.young_index import young_index

FOLLOW_UP_FORMS = ("intervention", "referral", "concern_report")
"""Drafts of the forms that add to the selected support (kept with its id), in the
order of their tabs."""

W = TypeVar("W", bound=QWidget)


class _OnTab(Generic[W]):
    """A widget of a follow-up tab built when first shown (:meth:`SupportsPage._build_tab`):
    reading it builds its tab, which then sets it as a plain attribute of the page."""

    def __init__(self, tab: int) -> None:
        self.tab = tab
        self.name = ""

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    def __get__(self, page: SupportsPage | None, owner: type | None = None) -> W:
        if page is None:
            raise AttributeError(self.name)
        page._build_tab(self.tab)
        return page.__dict__[self.name]  # type: ignore[no-any-return]


def _date_edit() -> QDateEdit:
    return FrenchDateEdit()


@dataclass(frozen=True)
class SupportEvent:
    """A line of a support's timeline: the record, its date, kind label and details."""

    record: Intervention | Referral | ConcernReport
    day: date
    what: str
    detail: str


class SupportsPage(Page):
    """Opening form (left); list, timeline and follow-up forms (right).

    The follow-up tab shown first (« Intervention ») is built with the page; the others
    when first shown, or when a widget of theirs is first read (a draft to restore): a
    page's first visit builds and lays out a third fewer widgets (issue 12).
    """

    watched_kinds = frozenset(
        {
            "young_person",
            "staff_member",
            "individual_support",
            "intervention",
            "referral",
            "concern_report",
        }
    )

    referral_date_edit: _OnTab[QDateEdit] = _OnTab(1)
    referral_type_combo: _OnTab[QComboBox] = _OnTab(1)
    referral_errors: _OnTab[ErrorBox] = _OnTab(1)
    referral_button: _OnTab[QPushButton] = _OnTab(1)
    concern_date_edit: _OnTab[QDateEdit] = _OnTab(2)
    concern_addressee_combo: _OnTab[QComboBox] = _OnTab(2)
    concern_errors: _OnTab[ErrorBox] = _OnTab(2)
    concern_button: _OnTab[QPushButton] = _OnTab(2)
    end_edit: _OnTab[QDateEdit] = _OnTab(3)
    reason_combo: _OnTab[QComboBox] = _OnTab(3)
    close_errors: _OnTab[ErrorBox] = _OnTab(3)
    close_button: _OnTab[QPushButton] = _OnTab(3)
    reopen_button: _OnTab[QPushButton] = _OnTab(3)

    def __init__(self, database: Database, hub: DataHub, parent: QWidget | None = None) -> None:
        super().__init__(database, hub, parent)
        self._codes: dict[str, str] = {}
        self._staff_names: dict[object, str] = {}
        self._editing: IndividualSupport | None = None
        self._restricted: frozenset[UUID] = frozenset()

        self.young = young_index(hub, database)
        self.young_picker = YoungPicker(single=True)
        self.young_picker.search_edit.setPlaceholderText(
            self.tr("code or nickname of a young person already recorded"))
        self.start_edit = _date_edit()
        self.origin_combo = enum_combo(SupportOrigin)
        self.referent_combo = RecordCombo()
        problems_box = QGroupBox(self.tr("Issues at the origin of the support"))
        problems_grid = QGridLayout(problems_box)
        self.problem_boxes: dict[Problem, QCheckBox] = {}
        for index, problem in enumerate(Problem):
            box = QCheckBox(problem.label)
            problems_grid.addWidget(box, index // 2, index % 2)
            self.problem_boxes[problem] = box
        self.editing_label = QLabel()
        self.editing_label.setStyleSheet("font-weight: bold;")
        self.editing_label.setWordWrap(True)
        self.editing_label.hide()
        self.open_errors = ErrorBox()
        self.open_button = QPushButton(self.tr("Open the support"))
        self.open_button.clicked.connect(self.open_support)
        self.cancel_edit_button = QPushButton(self.tr("Cancel the changes"))
        self.cancel_edit_button.clicked.connect(self.reset_open_form)
        self.cancel_edit_button.hide()

        form = new_form()
        form.addRow(self.editing_label)
        add_row(form, self.tr("Young person:"), self.young_picker.search_edit,
                self.young_picker)
        add_row(form, self.tr("Start date:"), self.start_edit)
        add_row(form, self.tr("Origin of the relation:"), self.origin_combo)
        add_row(form, self.tr("Referent:"), self.referent_combo)
        form.addRow(problems_box)
        form.addRow(self.open_errors)
        form.addRow(self.open_button)
        form.addRow(self.cancel_edit_button)
        form_widget = QWidget()
        form_widget.setLayout(form)

        self.model = PagedTableModel(
            [
                Column(self.tr("Young person"), self._young_text, sort="young"),
                Column(self.tr("Start"), lambda s: format_date(s.start_date), sort="start"),
                Column(self.tr("Origin"), lambda s: s.origin.label, sort="origin"),
                Column(self.tr("Referent"), lambda s: self._staff_names.get(s.referent_id, ""),
                       sort="referent"),
                Column(self.tr("Status"), self._status_text, sort="status"),
                Column(self.tr("Issues"), lambda s: "; ".join(p.label for p in s.problems),
                       sort="issues"),
            ],
            lambda sort: support_ids(self.database, sort),
            self._supports,
            Sort("status"),
            self,
        )
        self.table = make_table_view(self.model, self.tr("Supports"))
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.actions = RecordActions(hub)
        self.actions.edit_requested.connect(self.edit_selected)
        self.actions.delete_requested.connect(self.delete_selected)
        self.actions.restorable = self._support_restorable
        self.selected_label = QLabel()
        self.selected_label.setWordWrap(True)
        self.restricted_label = RestrictionLabel()

        # Timeline of the selected support
        self.timeline_model = RecordTableModel(
            [
                Column(self.tr("Date"), lambda e: format_date(e.day), key=lambda e: e.day),
                Column(self.tr("Event"), lambda e: e.what),
                Column(self.tr("Details"), lambda e: e.detail),
            ],
            self,
        )
        self.timeline_table = make_table_view(
            self.timeline_model, self.tr("Timeline of the selected support")
        )
        self.timeline_table.selectionModel().selectionChanged.connect(self._event_selection)
        self.event_actions = RecordActions(hub, editable=False)
        self.event_actions.delete_requested.connect(self.delete_event)
        self.event_actions.restorable = self._follow_up_restorable

        # Follow-up forms
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName(self.tr("Follow-up of the selected support"))
        wheel_scrolls_the_page(self.tabs)
        self._writable = False
        """Whether the selected support takes a follow-up now (see _selection_changed)."""
        self._ongoing = False
        self._target: str | None = None
        """Code of the selected support's young person, named on the buttons (a nickname
        may be long, and cut on a button it could be anyone's)."""
        self._unbuilt_tabs: dict[int, Callable[[QWidget], None]] = {
            1: self._referral_tab, 2: self._concern_tab, 3: self._close_tab}
        intervention = QWidget()
        self._intervention_tab(intervention)
        self.tabs.addTab(intervention, self.tr("Intervention"))
        # The other tabs hold an empty widget until first shown (see _build_tab).
        self.tabs.addTab(QWidget(), self.tr("Referral"))
        self.tabs.addTab(QWidget(), self.tr("Concern report"))
        self.tabs.addTab(QWidget(), self.tr("Close / reopen"))
        self.tabs.currentChanged.connect(self._build_tab)

        list_box = QWidget()
        list_layout = QVBoxLayout(list_box)
        list_layout.setContentsMargins(0, 0, 0, 0)
        list_layout.addWidget(buddy_label(self.tr("Supports:"), self.table))
        list_layout.addWidget(self.table, 2)
        list_layout.addWidget(self.actions)
        list_layout.addWidget(self.selected_label)
        list_layout.addWidget(self.restricted_label)
        list_layout.addWidget(
            buddy_label(self.tr("Timeline of the selected support:"), self.timeline_table)
        )
        list_layout.addWidget(self.timeline_table, 1)
        list_layout.addWidget(self.event_actions)
        list_layout.addWidget(self.tabs)
        list_box.setMinimumHeight(640)

        splitter = QSplitter()
        splitter.addWidget(scrolling(form_widget, whole_width=True))
        splitter.addWidget(scrolling(list_box))
        splitter.setSizes([480, 640])
        self.set_body(splitter)

        hub.busy_changed.connect(self._selection_changed)
        self.refresh()
        self._keep_drafts()

    # ------------------------------------------------------------ tabs

    def _intervention_tab(self, widget: QWidget) -> None:
        self.intervention_type_combo = enum_combo(InterventionType)
        self.intervention_date_edit = _date_edit()
        self.intervention_hours_edit = QLineEdit()
        self.intervention_hours_edit.setPlaceholderText(self.tr("e.g. 1,5 or 1h30"))
        self.intervention_staff = StaffChecklist()
        self.intervention_staff.setMaximumHeight(90)
        self.intervention_errors = ErrorBox()
        self.intervention_button = QPushButton()
        self.intervention_button.clicked.connect(self.add_intervention)
        form = new_form()
        add_row(form, self.tr("Type:"), self.intervention_type_combo)
        add_row(form, self.tr("Date of the intervention:"), self.intervention_date_edit)
        add_row(form, self.tr("Duration (hours):"), self.intervention_hours_edit)
        add_row(form, self.tr("Staff:"), self.intervention_staff)
        form.addRow(self.intervention_errors)
        form.addRow(self.intervention_button)
        widget.setLayout(form)

    def _referral_tab(self, widget: QWidget) -> None:
        self.referral_date_edit = _date_edit()
        self.referral_type_combo = enum_combo(PartnerType)
        self.referral_errors = ErrorBox()
        self.referral_button = QPushButton()
        self.referral_button.clicked.connect(self.add_referral)
        form = new_form()
        add_row(form, self.tr("Date of the referral:"), self.referral_date_edit)
        add_row(form, self.tr("Referred to:"), self.referral_type_combo)
        form.addRow(self.referral_errors)
        form.addRow(self.referral_button)
        widget.setLayout(form)

    def _concern_tab(self, widget: QWidget) -> None:
        note = QLabel(
            self.tr("Only the date and the addressee are kept, never the content of the report.")
        )
        note.setWordWrap(True)
        self.concern_date_edit = _date_edit()
        self.concern_addressee_combo = enum_combo(ConcernAddressee)
        self.concern_errors = ErrorBox()
        self.concern_button = QPushButton()
        self.concern_button.clicked.connect(self.add_concern_report)
        form = new_form()
        form.addRow(note)
        add_row(form, self.tr("Date of transmission:"), self.concern_date_edit)
        add_row(form, self.tr("Addressee:"), self.concern_addressee_combo)
        form.addRow(self.concern_errors)
        form.addRow(self.concern_button)
        widget.setLayout(form)

    def _close_tab(self, widget: QWidget) -> None:
        self.end_edit = _date_edit()
        self.reason_combo = enum_combo(EndReason)
        self.close_errors = ErrorBox()
        self.close_button = QPushButton()
        self.close_button.clicked.connect(self.close_support)
        self.reopen_button = QPushButton()
        self.reopen_button.clicked.connect(self.reopen_support)
        buttons = QWidget()
        # One above the other: each names the young person, side by side they widened
        # the pane at 1280 pixels.
        row = QVBoxLayout(buttons)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.close_button)
        row.addWidget(self.reopen_button)
        form = new_form()
        add_row(form, self.tr("End date:"), self.end_edit)
        add_row(form, self.tr("Reason:"), self.reason_combo)
        form.addRow(self.close_errors)
        form.addRow(buttons)
        widget.setLayout(form)

    def _build_tab(self, index: int) -> None:
        """Build follow-up tab ``index`` if it is not yet: its form, the state of its
        buttons, its draft watched."""
        build = self._unbuilt_tabs.pop(index, None)
        if build is None:
            return
        tab = self.tabs.widget(index)
        build(tab)
        wheel_needs_focus(tab)
        # Shown now, as they would be with the tab: Qt shows a child added to a visible
        # widget only at the next turn of the event loop (Tab pressed meanwhile skipped
        # the fields).
        if tab.isVisible():
            for child in tab.findChildren(
                    QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly):
                if not child.testAttribute(Qt.WidgetAttribute.WA_WState_ExplicitShowHide):
                    child.show()
        self._enable_follow_up()
        if self.drafts is not None and 0 < index < len(FOLLOW_UP_FORMS):
            self.drafts.bind(FOLLOW_UP_FORMS[index])

    def _keep_drafts(self) -> None:
        follow_up = {
            "intervention": {
                "type": self.intervention_type_combo,
                "date": self.intervention_date_edit,
                "hours": self.intervention_hours_edit,
                "staff": self.intervention_staff,
            },
            # Built with their tab, when the keeper first needs them (a draft to restore).
            "referral": lambda: {
                "date": self.referral_date_edit, "partner": self.referral_type_combo},
            "concern_report": lambda: {
                "date": self.concern_date_edit,
                "addressee": self.concern_addressee_combo,
            },
        }
        labels = {
            "intervention": self.tr("intervention"),
            "referral": self.tr("referral"),
            "concern_report": self.tr("concern report"),
        }
        forms = [
            DraftForm(
                "support",
                self.tr("support"),
                {
                    "young_person": self.young_picker,
                    "start": self.start_edit,
                    "origin": self.origin_combo,
                    "referent": self.referent_combo,
                    **{f"problem.{p.value}": box for p, box in self.problem_boxes.items()},
                },
                **editing_hooks(
                    lambda: self._editing, self.database.repos.supports, self._show_editing
                ),
            )
        ]
        for tab, name in enumerate(FOLLOW_UP_FORMS):
            forms.append(
                DraftForm(
                    name,
                    labels[name],
                    follow_up[name],
                    **selection_hooks("support", self.selected_support, self.select_support),
                    shown=lambda tab=tab: self.tabs.setCurrentIndex(tab),
                )
            )
        self.keep_drafts(forms)

    def _show_editing(self, support: IndividualSupport | None) -> None:
        self._editing = support
        if support is None:
            self.editing_label.hide()
            self.cancel_edit_button.hide()
            self.open_button.setText(self.tr("Open the support"))
            return
        self.editing_label.setText(
            self.tr("Editing the support of {0}").format(self._young_name(support))
        )
        self.editing_label.show()
        self.cancel_edit_button.show()
        self.open_button.setText(self.tr("Save the changes"))

    @classmethod
    def title_text(cls) -> str:
        """« Accompagnements »."""
        return QCoreApplication.translate("SupportsPage", "Supports")

    # ------------------------------------------------------------ loading

    def refresh(self) -> None:
        """Reload young people, staff and supports (open ones first, then by start)."""
        self._load_young()
        self._load_staff()
        selected = self.selected_support()
        self.model.reload()
        if selected is not None:
            self.select_support(selected.id)
        self._selection_changed()

    def apply_changes(self, changes: Changes) -> None:
        """Update the supports saved (their rows), the timeline of the selected one when
        its follow-up changed, staff and young people when they changed."""
        if changes.touches(("young_person",)):
            self._load_young()
        if changes.touches(("staff_member",)):
            self._load_staff()
        selected = self.selected_support()
        if changes.touches(("young_person", "staff_member")):
            self.model.refresh(None)  # names shown in the rows
        elif changes.touches(("individual_support",)):
            self.model.refresh(changes.ids("individual_support"))
        if selected is not None:
            self.select_support(selected.id)
        self._selection_changed()

    def _load_young(self) -> None:
        self._restricted = frozenset(restricted_ids(self.database))
        # No new support for a young person whose processing is restricted (art. 18).
        self.young_picker.set_index(self.young, self._restricted)
        self.young.start()
        self._codes.clear()

    def _load_staff(self) -> None:
        staff = self.active_staff()
        self._staff_names = {m.id: m.display_name for m in self.database.repos.staff.all()}
        self.referent_combo.set_choices(
            [(m.display_name, m.id) for m in staff], self.tr("(no referent)")
        )
        if self.referent_combo.current_id() is None:
            self._default_referent(staff)
        self.intervention_staff.set_staff(staff)
        usual = self.usual_staff_id(staff)
        if usual is not None and not self.intervention_staff.checked_ids():
            # As on « Terrain »: the current user of this machine is ticked.
            self.intervention_staff.set_checked(usual)

    def _default_referent(self, staff: Sequence[StaffMember] | None = None) -> None:
        """No referent, unless the team (``staff``, the active members; read when not
        given) has one member: then them (issue 15)."""
        staff = self.active_staff() if staff is None else staff
        self.referent_combo.select_id(staff[0].id if len(staff) == 1 else None)

    def _supports(self, ids: list[str]) -> Mapping[str, IndividualSupport]:
        """The records of the rows shown, with their young people's code and nickname
        (« code — nickname »: the educator thinks of the nickname, the code is the key)."""
        supports = self.database.repos.supports.with_ids(ids)
        wanted = {str(s.young_person_id) for s in supports} - self._codes.keys()
        for label in young_labels(self.database, ids=wanted):
            self._codes[label.id] = young_label(label)
        return {str(s.id): s for s in supports}

    def _young_text(self, support: IndividualSupport) -> str:
        return self._codes.get(str(support.young_person_id), "?")

    def _young_name(self, support: IndividualSupport) -> str:
        """« code — nickname » of the support's young person, the code whole and a long
        nickname cut (the labels that show it widened the page at 1280×720)."""
        label = self.young.label(support.young_person_id)
        if label is None:
            return "?"
        return young_label(replace(label, nickname=shortened(label.nickname, 32)))

    def _young_code(self, support: IndividualSupport) -> str:
        """The code alone, a long one cut, for the buttons (the label above them gives it
        whole with the nickname)."""
        label = self.young.label(support.young_person_id)
        return shortened(label.code, 16) if label is not None else "?"

    def select_support(self, support_id: UUID) -> None:
        """Select a support in the list by id (and scroll to it)."""
        row = self.model.row_of(support_id)
        if row is not None:
            self.table.selectRow(row)
            self.table.scrollTo(self.model.index(row, 0))

    def _status_text(self, support: IndividualSupport) -> str:
        if support.end_date is None or support.end_reason is None:
            return self.tr("Ongoing")
        return self.tr("Closed on {0} ({1})").format(
            format_date(support.end_date), support.end_reason.label
        )

    def selected_support(self) -> IndividualSupport | None:
        """The support selected in the list, or ``None``."""
        row = selected_row(self.table)
        return None if row is None else self.model.row_object(row)

    def support_timeline(self, support: IndividualSupport) -> list[SupportEvent]:
        """Interventions, referrals and concern reports of a support, newest first."""
        repos = self.database.repos
        events: list[SupportEvent] = []
        for item in repos.interventions.for_support(support.id):
            names = ", ".join(self._staff_names.get(i, "?") for i in item.staff_ids)
            events.append(
                SupportEvent(
                    item,
                    item.date,
                    item.type.label,
                    f"{format_hours_minutes(item.duration_hours)} — {names}",
                )
            )
        for referral in repos.referrals.with_ids(referral_ids(self.database, [support.id])):
            events.append(
                SupportEvent(
                    referral, referral.date, self.tr("Referral"), referral.partner_type.label
                )
            )
        reports = concern_report_ids(self.database, support.young_person_id)
        for report in repos.concern_reports.with_ids(reports):
            events.append(
                SupportEvent(
                    report, report.date, self.tr("Concern report"), report.addressee.label
                )
            )
        events.sort(key=lambda e: e.day, reverse=True)
        return events

    def is_restricted(self, support: IndividualSupport) -> bool:
        """Whether the support's young person is restricted (read-only, GDPR art. 18)."""
        return support.young_person_id in self._restricted

    def _selection_changed(self) -> None:
        support = self.selected_support()
        restricted = support is not None and self.is_restricted(support)
        # A restricted young person's support takes nothing new and stays as it is.
        writable = support is not None and not restricted and not self.hub.busy
        self.actions.set_has_selection(support is not None and not restricted)
        self.restricted_label.setVisible(restricted)
        self._writable = writable
        self._ongoing = support is not None and support.end_date is None
        self._target = None if support is None else self._young_code(support)
        self._enable_follow_up()
        if support is None:
            self.selected_label.setText(self.tr("Select a support in the list."))
            self.timeline_model.set_rows([])
        else:
            code = self._young_name(support)
            if support.end_date is not None:
                text = self.tr("Support of {0}, closed on {1}.").format(
                    code, format_date(support.end_date)
                )
            else:
                text = self.tr("Support of {0}, started on {1}.").format(
                    code, format_date(support.start_date)
                )
            self.selected_label.setText(text)
            self.timeline_model.set_rows(self.support_timeline(support))
        self._event_selection()
        if self.drafts is not None:
            self.drafts.context_changed(*FOLLOW_UP_FORMS)

    def _enable_follow_up(self) -> None:
        """Enable the follow-up buttons of the tabs built, as the selected support allows,
        and name on them the young person they record for: what is typed stays when
        another support is selected, and a new user saved an intervention for the wrong
        young person."""
        target = self._target

        def label(general: str, named: str) -> str:
            return general if target is None else named.format(target)

        self.intervention_button.setEnabled(self._writable)
        self.intervention_button.setText(label(
            self.tr("Add the intervention"), self.tr("Add the intervention for {0}")))
        if 1 not in self._unbuilt_tabs:
            self.referral_button.setEnabled(self._writable)
            self.referral_button.setText(label(
                self.tr("Add the referral"), self.tr("Add the referral for {0}")))
        if 2 not in self._unbuilt_tabs:
            self.concern_button.setEnabled(self._writable)
            self.concern_button.setText(label(
                self.tr("Record the concern report"),
                self.tr("Record the concern report for {0}")))
        if 3 not in self._unbuilt_tabs:
            self.close_button.setEnabled(self._writable and self._ongoing)
            self.close_button.setText(label(
                self.tr("Close the support"), self.tr("Close the support of {0}")))
            self.reopen_button.setEnabled(self._writable and not self._ongoing)
            self.reopen_button.setText(label(
                self.tr("Reopen the support"), self.tr("Reopen the support of {0}")))

    def _event_selection(self) -> None:
        support = self.selected_support()
        self.event_actions.set_has_selection(
            selected_row(self.timeline_table) is not None
            and support is not None
            and not self.is_restricted(support)
        )

    # ------------------------------------------------------------ opening and editing

    def _build(self) -> IndividualSupport:
        chosen = self.young_picker.chosen_ids()
        young_id = chosen[0] if chosen else None
        if young_id is None:
            raise ValidationFailed(
                self.tr("Choose a young person (record them first on the Young people page).")
            )
        fields: dict[str, Any] = {
            "young_person_id": young_id,
            "referent_id": self.referent_combo.current_id(),
            "start_date": from_qdate(self.start_edit.date()),
            "origin": combo_enum(self.origin_combo, SupportOrigin),
            "problems": [p for p, box in self.problem_boxes.items() if box.isChecked()],
        }
        stored = None
        if self._editing is not None:
            # As it is now: closed or reopened since « Edit » was clicked, it stays so.
            stored = self.database.repos.supports.get(self._editing.id)
            if stored is None:
                raise ValidationFailed(self.tr(
                    "This support was deleted meanwhile: cancel the changes."))
        # An edit that keeps its young person is not refused: two ongoing supports merged
        # from two laptops must stay editable, one then closed. A closed one adds none.
        if stored is None or (stored.end_date is None and stored.young_person_id != young_id):
            self._refuse_a_second_ongoing_support(young_id, stored.id if stored else None)
        if stored is not None:
            span = follow_up_span(self.database, stored.id)
            if span is not None and fields["start_date"] > span[0]:
                raise ValidationFailed(self.tr(
                    "The support already has an intervention or a referral dated {0}: "
                    "choose a start on {0} at the latest, or delete that follow-up "
                    "first.").format(format_date(span[0])))
            fields.update(
                id=stored.id,
                created_at=stored.created_at,
                end_date=stored.end_date,
                end_reason=stored.end_reason,
            )
        return IndividualSupport(**fields)

    def _other_ongoing(self, young_id: UUID, support_id: UUID | None) -> IndividualSupport | None:
        """A live support of ``young_id`` without end, other than ``support_id``."""
        for other in self.database.repos.supports.for_young_person(young_id):
            if other.end_date is None and other.id != support_id:
                return other
        return None

    def _refuse_a_second_ongoing_support(
        self, young_id: UUID, support_id: UUID | None = None
    ) -> None:
        """A young person has one ongoing support at a time: a second one opened by a
        double click, or after « Cancel the changes », counted them twice (found by a
        new user). ``support_id``: the support being edited or reopened.

        Raises:
            ValidationFailed: another live support of ``young_id`` has no end (French).
        """
        other = self._other_ongoing(young_id, support_id)
        if other is not None:
            raise ValidationFailed(self.tr(
                "{0} already has an ongoing support, started on {1}: select it in the "
                "list to add to it, or close it first.").format(
                self._young_name(other), format_date(other.start_date)))

    def open_support(self) -> None:
        """Validate and save a new support (or the one being edited), then reset."""
        if not self.when_writable(self.open_support, self.open_errors):
            return
        edited = self._editing is not None
        saved = build_and_save(self._build, self.database.repos.supports.save, self.open_errors)
        if saved is None:
            return
        self.reset_open_form()
        self.hub.notify_records({"individual_support": [saved.id]})
        self.select_support(saved.id)
        self.hub.show_message(self.tr("Support updated.") if edited else self.tr("Support opened."))

    def reset_open_form(self) -> None:
        """Empty the opening form (young person, issues; the start back to today) and
        leave any edit."""
        self._show_editing(None)
        self.young_picker.clear()
        self.start_edit.setDate(to_qdate(date.today()))
        self.origin_combo.setCurrentIndex(0)
        self._default_referent()
        for box in self.problem_boxes.values():
            box.setChecked(False)
        self.open_errors.clear_lines()
        self.form_clean("support")

    def edit_selected(self) -> None:
        """Load the selected support into the opening form; saving updates it (not the
        support of a restricted young person)."""
        support = self.selected_support()
        if support is None or self.is_restricted(support):
            return
        self._show_editing(support)
        self.young_picker.set_chosen([support.young_person_id])
        self.start_edit.setDate(to_qdate(support.start_date))
        select_data(self.origin_combo, support.origin)
        self.referent_combo.select_id(support.referent_id)
        for problem, box in self.problem_boxes.items():
            box.setChecked(problem in support.problems)
        self.form_clean("support")

    def delete_selected(self) -> None:
        """Delete the selected support with its interventions and referrals (undo offered;
        not the support of a restricted young person)."""
        support = self.selected_support()
        if support is None or self.is_restricted(support):
            return
        repos = self.database.repos
        records: list[tuple[Any, UUID]] = [(repos.supports, support.id)]
        records += [
            (repos.interventions, i.id) for i in repos.interventions.for_support(support.id)
        ]
        records += [
            (repos.referrals, UUID(i)) for i in referral_ids(self.database, [support.id])
        ]
        if self._editing is not None and self._editing.id == support.id:
            self.reset_open_form()
        self.actions.delete(
            records,
            ("individual_support", "intervention", "referral", "time_entry"),
            self.tr("Support of {0} deleted.").format(self._young_name(support)),
            self.tr("Support of {0} restored.").format(self._young_name(support)),
        )

    # ------------------------------------------------------------ follow-up

    def _require_support(self) -> IndividualSupport:
        support = self.selected_support()
        if support is None:
            raise ValidationFailed(self.tr("Select a support in the list first."))
        if self.is_restricted(support):
            raise ValidationFailed(restriction_notice())
        return support

    @staticmethod
    def _check_within(support: IndividualSupport, day: date, before: str, after: str) -> None:
        """Refuse a follow-up dated outside the support: before its start it would count
        the hours and referrals of a support not yet open (a new user's typo went
        through); after its end, of one closed. ``before`` and ``after`` are the French
        messages, taking the date ({0}) and the start or the end ({1}).

        Raises:
            ValidationFailed: ``day`` (local calendar date) is outside the support.
        """
        if day < support.start_date:
            raise ValidationFailed(
                before.format(format_date(day), format_date(support.start_date)))
        if support.end_date is not None and day > support.end_date:
            raise ValidationFailed(after.format(format_date(day), format_date(support.end_date)))

    def add_intervention(self) -> None:
        """Save an intervention of the selected support (its hours follow)."""

        def build() -> Intervention:
            support = self._require_support()
            day = from_qdate(self.intervention_date_edit.date())
            self._check_within(support, day, self.tr(
                "The date of the intervention ({0}) is before the start of the support "
                "({1}): correct the date, or the start date of the support."), self.tr(
                "The date of the intervention ({0}) is after the end of the support "
                "({1}): correct the date, or reopen the support."))
            return Intervention(
                support_id=support.id,
                date=day,
                type=combo_enum(self.intervention_type_combo, InterventionType),
                duration_hours=parse_hours(self.intervention_hours_edit.text()),
                staff_ids=self.intervention_staff.checked_ids(),
            )

        if not self.when_writable(self.add_intervention, self.intervention_errors):
            return
        saved = build_and_save(
            build, self.database.repos.interventions.save, self.intervention_errors
        )
        if saved is None:
            return
        self.intervention_hours_edit.clear()
        self.form_clean("intervention")
        self.hub.notify_records({"intervention": [saved.id]}, also=("time_entry",))
        self.hub.show_message(self.tr("Intervention added."))

    def add_referral(self) -> None:
        """Save a referral of the selected support."""

        def build() -> Referral:
            support = self._require_support()
            day = from_qdate(self.referral_date_edit.date())
            self._check_within(support, day, self.tr(
                "The date of the referral ({0}) is before the start of the support "
                "({1}): correct the date, or the start date of the support."), self.tr(
                "The date of the referral ({0}) is after the end of the support "
                "({1}): correct the date, or reopen the support."))
            return Referral(
                support_id=support.id,
                date=day,
                partner_type=combo_enum(self.referral_type_combo, PartnerType),
            )

        if not self.when_writable(self.add_referral, self.referral_errors):
            return
        saved = build_and_save(build, self.database.repos.referrals.save, self.referral_errors)
        if saved is not None:
            self.form_clean("referral")
            self.hub.notify_records({"referral": [saved.id]})
            self.hub.show_message(self.tr("Referral added."))

    def add_concern_report(self) -> None:
        """Save a concern report (date and addressee) for the selected support's young person."""

        def build() -> ConcernReport:
            support = self._require_support()
            return ConcernReport(
                young_person_id=support.young_person_id,
                date=from_qdate(self.concern_date_edit.date()),
                addressee=combo_enum(self.concern_addressee_combo, ConcernAddressee),
            )

        if not self.when_writable(self.add_concern_report, self.concern_errors):
            return
        saved = build_and_save(
            build, self.database.repos.concern_reports.save, self.concern_errors)
        if saved is not None:
            self.form_clean("concern_report")
            self.hub.notify_records({"concern_report": [saved.id]})
            self.hub.show_message(self.tr("Concern report recorded."))

    def delete_event(self) -> None:
        """Delete the selected line of the timeline (undo offered)."""
        row = selected_row(self.timeline_table)
        if row is None:
            return
        event: SupportEvent = self.timeline_model.row_object(row)
        repos = self.database.repos
        day = format_date(event.day)
        repository, kind, deleted, restored = {
            Intervention: (repos.interventions, "intervention",
                           self.tr("Intervention of {0} deleted."),
                           self.tr("Intervention of {0} restored.")),
            Referral: (repos.referrals, "referral", self.tr("Referral of {0} deleted."),
                       self.tr("Referral of {0} restored.")),
            ConcernReport: (repos.concern_reports, "concern_report",
                            self.tr("Concern report of {0} deleted."),
                            self.tr("Concern report of {0} restored.")),
        }[type(event.record)]
        self.event_actions.delete(
            [(repository, event.record.id)], (kind, "time_entry"),
            deleted.format(day), restored.format(day))

    def _follow_up_restorable(self, records: Sequence[tuple[Any, UUID]]) -> str | None:
        """Why deleted follow-ups cannot come back (``None``: they can): their support's
        dates were changed meanwhile to leave them out (found by a new user: the undo
        brought back an intervention before the start moved later)."""
        repos = self.database.repos
        for repository, record_id in records:
            if repository.table not in ("intervention", "referral"):
                continue
            record = repository.get(record_id, include_deleted=True)
            if record is None:
                continue
            support = repos.supports.get(record.support_id, include_deleted=True)
            if support is None or support.is_deleted:
                return self.tr("The deletion cannot be undone: the support of this "
                               "follow-up was deleted. Undo that deletion first.")
            if self.is_restricted(support):
                return restriction_notice()
            day = format_date(record.date)
            if record.date < support.start_date:
                return self.tr(
                    "The deletion cannot be undone: the follow-up dated {0} would come "
                    "before the start of its support ({1}). Change the start first.").format(
                    day, format_date(support.start_date))
            if support.end_date is not None and record.date > support.end_date:
                return self.tr(
                    "The deletion cannot be undone: the follow-up dated {0} would come "
                    "after the end of its support ({1}). Reopen the support first.").format(
                    day, format_date(support.end_date))
        return None

    def _support_restorable(self, records: Sequence[tuple[Any, UUID]]) -> str | None:
        """Why a deleted support cannot come back (``None``: it can): its young person's
        processing is restricted, or another support of theirs is ongoing now."""
        for repository, record_id in records:
            if repository.table != "individual_support":
                continue
            support = repository.get(record_id, include_deleted=True)
            if support is None:
                continue
            if self.is_restricted(support):
                return restriction_notice()
            other = (self._other_ongoing(support.young_person_id, support.id)
                     if support.end_date is None else None)
            if other is not None:
                return self.tr(
                    "The deletion cannot be undone: {0} has another ongoing support now, "
                    "started on {1}. Close it first.").format(
                    self._young_name(other), format_date(other.start_date))
        return None

    def close_support(self) -> None:
        """Close the selected support with the end date and reason chosen."""
        support = self.selected_support()
        if support is None or support.end_date is not None or self.is_restricted(support):
            return
        if not self.when_writable(self.close_support, self.close_errors):
            return

        def build() -> IndividualSupport:
            end = from_qdate(self.end_edit.date())
            span = follow_up_span(self.database, support.id)
            if span is not None and end < span[1]:
                raise ValidationFailed(self.tr(
                    "The support has an intervention or a referral dated {0}: close it on "
                    "{0} or later, or delete that follow-up first.").format(
                    format_date(span[1])))
            return IndividualSupport.model_validate({
                **support.model_dump(),
                "end_date": end,
                "end_reason": combo_enum(self.reason_combo, EndReason),
            })

        saved = build_and_save(build, self.database.repos.supports.save, self.close_errors)
        if saved is None:
            return
        self.hub.notify_records({"individual_support": [saved.id]})
        self.select_support(saved.id)
        self.hub.show_message(self.tr("Support closed."))

    def reopen_support(self) -> None:
        """Reopen the selected closed support (its end date and reason are removed)."""
        support = self.selected_support()
        if support is None or support.end_date is None or self.is_restricted(support):
            return
        if not self.when_writable(self.reopen_support, self.close_errors):
            return

        def build() -> IndividualSupport:
            self._refuse_a_second_ongoing_support(support.young_person_id, support.id)
            return IndividualSupport.model_validate(
                {**support.model_dump(), "end_date": None, "end_reason": None})

        saved = build_and_save(build, self.database.repos.supports.save, self.close_errors)
        if saved is None:
            return
        self.hub.notify_records({"individual_support": [saved.id]})
        self.select_support(saved.id)
        self.hub.show_message(self.tr("Support reopened."))
