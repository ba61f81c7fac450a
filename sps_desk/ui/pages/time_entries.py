"""« Temps »: the week's hours by category, hours typed by hand, and the team."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta

from PySide6.QtWidgets import (
    QDateEdit,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from sps_desk.durations import parse_hours
from sps_desk.enums import ActivityCategory
from sps_desk.errors import ValidationFailed
from sps_desk.records import TimeEntry
from sps_desk.store.database import Database
from sps_desk.ui.formatting import DATE_FORMAT, format_date, format_number, from_qdate, to_qdate
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
from sps_desk.ui.widgets.table_model import Column, RecordTableModel, make_table_view

MANUAL_CATEGORIES: tuple[ActivityCategory, ...] = (
    ActivityCategory.WRITING,
    ActivityCategory.PARTNERSHIP,
    ActivityCategory.PREPARATION,
    ActivityCategory.TRAINING,
    ActivityCategory.LEAVE,
    ActivityCategory.SICK_LEAVE,
)
"""Categories typed by hand; the others come from sessions and interventions."""


def monday_of(day: date) -> date:
    """The Monday of ``day``'s week."""
    return day - timedelta(days=day.weekday())


class TimePage(Page):
    """The week's entries and totals (left); typing hours and the team (right)."""

    watched_kinds = frozenset({"staff_member", "time_entry"})

    def __init__(self, database: Database, hub: DataHub, parent: QWidget | None = None) -> None:
        super().__init__(database, hub, parent)
        self._staff_names: dict[object, str] = {}
        self._totals: list[tuple[str, float]] = []

        # Week
        self.week_edit = QDateEdit()
        self.week_edit.setDisplayFormat(DATE_FORMAT)
        self.week_edit.setCalendarPopup(True)
        self.week_edit.setDate(to_qdate(monday_of(date.today())))
        self.previous_button = QPushButton(self.tr("◀ Previous week"))
        self.next_button = QPushButton(self.tr("Next week ▶"))
        self.previous_button.clicked.connect(lambda: self._shift_week(-7))
        self.next_button.clicked.connect(lambda: self._shift_week(7))
        self.week_label = QLabel()
        week_row = QHBoxLayout()
        week_row.addWidget(buddy_label(self.tr("Week of:"), self.week_edit))
        week_row.addWidget(self.week_edit)
        week_row.addWidget(self.previous_button)
        week_row.addWidget(self.next_button)
        week_row.addWidget(self.week_label, 1)

        self.entries_model = RecordTableModel(
            [
                Column(self.tr("Date"), lambda e: format_date(e.date)),
                Column(self.tr("Staff member"), lambda e: self._staff_names.get(e.staff_id, "?")),
                Column(self.tr("Category"), lambda e: e.category.label),
                Column(self.tr("Hours"), lambda e: format_number(e.hours), True),
                Column(self.tr("Origin"), self._origin_text),
            ],
            self,
        )
        self.entries_table = make_table_view(self.entries_model, self.tr("Hours of the week"))
        self.totals_model = RecordTableModel(
            [
                Column(self.tr("Category"), lambda t: t[0]),
                Column(self.tr("Hours"), lambda t: format_number(t[1]), True),
            ],
            self,
        )
        self.totals_table = make_table_view(
            self.totals_model, self.tr("Totals of the week by category")
        )
        week_box = QWidget()
        week_layout = QVBoxLayout(week_box)
        week_layout.setContentsMargins(0, 0, 0, 0)
        week_layout.addLayout(week_row)
        week_layout.addWidget(buddy_label(self.tr("Hours of the week:"), self.entries_table))
        week_layout.addWidget(self.entries_table, 3)
        week_layout.addWidget(buddy_label(self.tr("Totals by category:"), self.totals_table))
        week_layout.addWidget(self.totals_table, 2)

        # Hours typed by hand
        add_box = QGroupBox(self.tr("Add hours"))
        self.staff_combo = RecordCombo()
        self.date_edit = QDateEdit()
        self.date_edit.setDisplayFormat(DATE_FORMAT)
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDate(to_qdate(date.today()))
        self.category_combo = enum_combo(ActivityCategory, MANUAL_CATEGORIES)
        self.hours_edit = QLineEdit()
        self.hours_edit.setPlaceholderText(self.tr("e.g. 1,5 or 1h30"))
        self.add_errors = ErrorBox()
        self.add_button = QPushButton(self.tr("Add the hours"))
        self.add_button.clicked.connect(self.add_hours)
        hint = QLabel(
            self.tr(
                "Street work, supports and collective actions are counted from their "
                "sessions: do not type them here."
            )
        )
        hint.setWordWrap(True)
        add_form = new_form()
        add_form.addRow(hint)
        add_row(add_form, self.tr("Staff member:"), self.staff_combo)
        add_row(add_form, self.tr("Date:"), self.date_edit)
        add_row(add_form, self.tr("Category:"), self.category_combo)
        add_row(add_form, self.tr("Hours:"), self.hours_edit)
        add_form.addRow(self.add_errors)
        add_form.addRow(self.add_button)
        add_box.setLayout(add_form)

        # Team
        team_box = QGroupBox(self.tr("Team"))
        self.staff_model = RecordTableModel(
            [
                Column(self.tr("Name"), lambda m: m.display_name),
                Column(self.tr("Role"), lambda m: m.role.label),
                Column(self.tr("FTE"), lambda m: format_number(m.fte), True),
            ],
            self,
        )
        self.staff_table = make_table_view(self.staff_model, self.tr("Team members"))
        self.add_staff_button = QPushButton(self.tr("Add a staff member…"))
        self.add_staff_button.clicked.connect(self.add_staff_member)
        team_layout = QVBoxLayout(team_box)
        team_layout.addWidget(buddy_label(self.tr("Team members:"), self.staff_table))
        team_layout.addWidget(self.staff_table)
        team_layout.addWidget(self.add_staff_button)

        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.addWidget(add_box)
        side_layout.addWidget(team_box, 1)

        splitter = QSplitter()
        splitter.addWidget(week_box)
        splitter.addWidget(scrolling(side))
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([640, 460])
        QVBoxLayout(self).addWidget(splitter)

        self.week_edit.dateChanged.connect(self._load_week)
        self.register_writers(
            [
                self.add_button,
                self.add_staff_button,
                self.week_edit,
                self.previous_button,
                self.next_button,
            ]
        )
        self.refresh()

    def title(self) -> str:
        """« Temps »."""
        return self.tr("Time")

    def week(self) -> tuple[date, date]:
        """Monday and Sunday of the week shown."""
        monday = monday_of(from_qdate(self.week_edit.date()))
        return monday, monday + timedelta(days=6)

    def refresh(self) -> None:
        """Reload the team, the staff choices and the week."""
        all_staff = sorted(self.database.repos.staff.all(), key=lambda m: m.display_name.casefold())
        self._staff_names = {m.id: m.display_name for m in all_staff}
        self.staff_model.set_rows(all_staff)
        self.staff_combo.set_choices([(m.display_name, m.id) for m in all_staff if m.active], None)
        self._load_week()

    def _shift_week(self, days: int) -> None:
        self.week_edit.setDate(self.week_edit.date().addDays(days))

    def _load_week(self) -> None:
        if self.hub.busy:
            return
        monday, sunday = self.week()
        self.week_label.setText(
            self.tr("From Monday {0} to Sunday {1}").format(
                format_date(monday), format_date(sunday)
            )
        )
        entries = self.database.repos.time_entries.between(monday, sunday)
        entries.sort(key=lambda e: (e.date, self._staff_names.get(e.staff_id, "")))
        self.entries_model.set_rows(entries)
        by_category: dict[ActivityCategory, float] = defaultdict(float)
        for entry in entries:
            by_category[entry.category] += entry.hours
        totals = [(c.label, by_category[c]) for c in ActivityCategory if c in by_category]
        totals.append((self.tr("Total"), sum(by_category.values())))
        self.totals_model.set_rows(totals)

    def totals(self) -> dict[str, float]:
        """Hours of the week shown by category label, with « Total »."""
        return dict(self.totals_model.row_objects())

    def _origin_text(self, entry: TimeEntry) -> str:
        origins = {
            "field_session": self.tr("Field session"),
            "intervention": self.tr("Intervention"),
            "collective_action_session": self.tr("Collective action"),
        }
        if entry.source_kind is None:
            return self.tr("Typed by hand")
        return origins.get(entry.source_kind, entry.source_kind)

    def _build(self) -> TimeEntry:
        staff_id = self.staff_combo.current_id()
        if staff_id is None:
            raise ValidationFailed(self.tr("Choose a staff member (add the team first)."))
        return TimeEntry(
            staff_id=staff_id,
            date=from_qdate(self.date_edit.date()),
            category=combo_enum(self.category_combo, ActivityCategory),
            hours=parse_hours(self.hours_edit.text()),
        )

    def add_hours(self) -> None:
        """Validate and save hours typed by hand, then show their week."""
        saved = build_and_save(self._build, self.database.repos.time_entries.save, self.add_errors)
        if saved is None:
            return
        self.hours_edit.clear()
        self.week_edit.setDate(to_qdate(monday_of(saved.date)))
        self.hub.notify_changed("time_entry")
        self.hub.show_message(self.tr("Hours added."))
