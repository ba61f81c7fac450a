"""« Accompagnements »: open an individual support, list supports, close one."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QGridLayout,
    QGroupBox,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from sps_desk.enums import EndReason, Problem, SupportOrigin
from sps_desk.errors import ValidationFailed
from sps_desk.records import IndividualSupport
from sps_desk.store.database import Database
from sps_desk.ui.formatting import DATE_FORMAT, format_date, from_qdate, to_qdate
from sps_desk.ui.hub import DataHub
from sps_desk.ui.pages.base import Page, scrolling
from sps_desk.ui.saving import build_and_save
from sps_desk.ui.widgets.forms import (
    ErrorBox,
    RecordCombo,
    add_row,
    buddy_label,
    combo_enum,
    enum_combo,
    new_form,
)
from sps_desk.ui.widgets.table_model import (
    Column,
    RecordTableModel,
    make_table_view,
    selected_row,
)


def _date_edit() -> QDateEdit:
    edit = QDateEdit()
    edit.setDisplayFormat(DATE_FORMAT)
    edit.setCalendarPopup(True)
    edit.setDate(to_qdate(date.today()))
    return edit


class SupportsPage(Page):
    """Opening form (left), list of supports and closing form (right)."""

    watched_kinds = frozenset({"young_person", "staff_member", "individual_support"})

    def __init__(self, database: Database, hub: DataHub, parent: QWidget | None = None) -> None:
        super().__init__(database, hub, parent)
        self._codes: dict[object, str] = {}
        self._staff_names: dict[object, str] = {}

        self.young_combo = RecordCombo()
        self.young_combo.setPlaceholderText(self.tr("(record a young person first)"))
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
        self.open_errors = ErrorBox()
        self.open_button = QPushButton(self.tr("Open the support"))
        self.open_button.clicked.connect(self.open_support)

        form = new_form()
        add_row(form, self.tr("Young person:"), self.young_combo)
        add_row(form, self.tr("Start date:"), self.start_edit)
        add_row(form, self.tr("Origin of the relation:"), self.origin_combo)
        add_row(form, self.tr("Referent:"), self.referent_combo)
        form.addRow(problems_box)
        form.addRow(self.open_errors)
        form.addRow(self.open_button)
        form_widget = QWidget()
        form_widget.setLayout(form)

        self.model = RecordTableModel(
            [
                Column(self.tr("Young person"), lambda s: self._codes.get(s.young_person_id, "?")),
                Column(self.tr("Start"), lambda s: format_date(s.start_date)),
                Column(self.tr("Origin"), lambda s: s.origin.label),
                Column(self.tr("Referent"), lambda s: self._staff_names.get(s.referent_id, "")),
                Column(self.tr("Status"), self._status_text),
                Column(self.tr("Issues"), lambda s: "; ".join(p.label for p in s.problems)),
            ],
            self,
        )
        self.table = make_table_view(self.model, self.tr("Supports"))
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)

        close_box = QGroupBox(self.tr("Close the selected support"))
        self.selected_label = QLabel()
        self.selected_label.setWordWrap(True)
        self.end_edit = _date_edit()
        self.reason_combo = enum_combo(EndReason)
        self.close_errors = ErrorBox()
        self.close_button = QPushButton(self.tr("Close the support"))
        self.close_button.clicked.connect(self.close_support)
        close_form = new_form()
        close_form.addRow(self.selected_label)
        add_row(close_form, self.tr("End date:"), self.end_edit)
        add_row(close_form, self.tr("Reason:"), self.reason_combo)
        close_form.addRow(self.close_errors)
        close_form.addRow(self.close_button)
        close_box.setLayout(close_form)

        list_box = QWidget()
        list_layout = QVBoxLayout(list_box)
        list_layout.setContentsMargins(0, 0, 0, 0)
        list_layout.addWidget(buddy_label(self.tr("Supports:"), self.table))
        list_layout.addWidget(self.table, 1)
        list_layout.addWidget(close_box)

        splitter = QSplitter()
        splitter.addWidget(scrolling(form_widget))
        splitter.addWidget(list_box)
        splitter.setSizes([640, 460])
        QVBoxLayout(self).addWidget(splitter)

        self.register_writers([self.open_button])
        hub.busy_changed.connect(self._selection_changed)
        self.refresh()

    def title(self) -> str:
        """« Accompagnements »."""
        return self.tr("Supports")

    def refresh(self) -> None:
        """Reload young people, staff and supports (open ones first, then by start)."""
        young = sorted(self.database.repos.young_people.all(), key=lambda y: y.code)
        self._codes = {y.id: y.code for y in young}
        self.young_combo.set_choices(
            [(f"{y.code} — {y.nickname}" if y.nickname else y.code, y.id) for y in young],
            None,
        )
        if young:
            self.young_combo.setPlaceholderText(self.tr("(choose a young person)"))
        else:
            self.young_combo.setPlaceholderText(self.tr("(record a young person first)"))
        staff = self.active_staff()
        self._staff_names = {m.id: m.display_name for m in self.database.repos.staff.all()}
        self.referent_combo.set_choices(
            [(m.display_name, m.id) for m in staff], self.tr("(no referent)")
        )
        supports = sorted(
            self.database.repos.supports.all(),
            key=lambda s: (s.end_date is not None, -s.start_date.toordinal()),
        )
        self.model.set_rows(supports)
        self._selection_changed()

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

    def _selection_changed(self) -> None:
        support = self.selected_support()
        closable = support is not None and support.end_date is None
        self.close_button.setEnabled(closable and not self.hub.busy)
        if support is None:
            self.selected_label.setText(self.tr("Select a support in the list."))
        elif support.end_date is not None:
            self.selected_label.setText(self.tr("This support is already closed."))
        else:
            self.selected_label.setText(
                self.tr("Support of {0}, started on {1}.").format(
                    self._codes.get(support.young_person_id, "?"),
                    format_date(support.start_date),
                )
            )

    def _build(self) -> IndividualSupport:
        young_id = self.young_combo.current_id()
        if young_id is None:
            raise ValidationFailed(
                self.tr("Choose a young person (record them first on the Young people page).")
            )
        return IndividualSupport(
            young_person_id=young_id,
            referent_id=self.referent_combo.current_id(),
            start_date=from_qdate(self.start_edit.date()),
            origin=combo_enum(self.origin_combo, SupportOrigin),
            problems=[p for p, box in self.problem_boxes.items() if box.isChecked()],
        )

    def open_support(self) -> None:
        """Validate and save a new support, then untick the issues."""
        saved = build_and_save(self._build, self.database.repos.supports.save, self.open_errors)
        if saved is None:
            return
        for box in self.problem_boxes.values():
            box.setChecked(False)
        self.hub.notify_changed("individual_support")
        self.hub.show_message(self.tr("Support opened."))

    def close_support(self) -> None:
        """Close the selected support with the end date and reason chosen."""
        support = self.selected_support()
        if support is None or support.end_date is not None:
            return
        saved = build_and_save(
            lambda: IndividualSupport.model_validate(
                {
                    **support.model_dump(),
                    "end_date": from_qdate(self.end_edit.date()),
                    "end_reason": combo_enum(self.reason_combo, EndReason),
                }
            ),
            self.database.repos.supports.save,
            self.close_errors,
        )
        if saved is None:
            return
        self.hub.notify_changed("individual_support")
        self.hub.show_message(self.tr("Support closed."))
