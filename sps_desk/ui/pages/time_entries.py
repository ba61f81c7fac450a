"""« Temps »: a staff member's weekly timesheet, the week's hours, hours typed by hand,
and the team.

The timesheet shows one row per activity category and one column per day, with the
week's and the civil year's totals. Street work, supports and collective actions come
from their sessions (derived entries, never typed twice); the other categories are typed
here. Above 10 hours in a day or 48 hours in a week a warning is shown (Code du travail,
durées maximales: art. L3121-18 and L3121-20) — a warning, never a block.

Only the week shown is read: its entries (sorted by the database on the column clicked,
the rows on screen read), its totals and the timesheet summed by the database; the
civil year's totals of a staff member are kept while the week moves within the year.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta
from typing import Any
from uuid import UUID

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from sps_desk.durations import parse_hours
from sps_desk.enums import ActivityCategory
from sps_desk.errors import ValidationFailed
from sps_desk.records import TimeEntry
from sps_desk.store.database import Database
from sps_desk.store.drafts import Preferences
from sps_desk.store.listing import (
    Sort,
    hours_by_category,
    hours_by_day,
    staff_ids,
    time_entry_ids,
)
from sps_desk.ui.drafting import DraftForm, editing_hooks
from sps_desk.ui.formatting import format_date, format_number, from_qdate, to_qdate
from sps_desk.ui.hub import Changes, DataHub
from sps_desk.ui.pages.base import Page, scrolling
from sps_desk.ui.saving import build_and_save
from sps_desk.ui.tones import Tone, apply_tone
from sps_desk.ui.widgets.date_edit import FrenchDateEdit
from sps_desk.ui.widgets.forms import (
    ErrorBox,
    RecordCombo,
    add_row,
    buddy_label,
    combo_enum,
    enum_combo,
    new_form,
)
from sps_desk.ui.widgets.record_actions import RecordActions
from sps_desk.ui.widgets.table_model import (
    Column,
    PagedTableModel,
    RecordTableModel,
    make_table_view,
    selected_row,
)

MANUAL_CATEGORIES: tuple[ActivityCategory, ...] = (
    ActivityCategory.WRITING,
    ActivityCategory.PARTNERSHIP,
    ActivityCategory.PREPARATION,
    ActivityCategory.TRAINING,
    ActivityCategory.LEAVE,
    ActivityCategory.SICK_LEAVE,
)
"""Categories typed by hand; the others come from sessions and interventions."""


MAX_HOURS_PER_DAY = 10.0
"""Daily hours above which a warning is shown (Code du travail, art. L3121-18)."""
MAX_HOURS_PER_WEEK = 48.0
"""Weekly hours above which a warning is shown (Code du travail, art. L3121-20)."""
CURRENT_STAFF = "current_staff_id"
"""Preference shared with the « Terrain » page: the staff member last used here."""
DRAFT_FORM = "time_entry"


def monday_of(day: date) -> date:
    """The Monday of ``day``'s week."""
    return day - timedelta(days=day.weekday())


class TimePage(Page):
    """The week's entries and totals (left); typing hours and the team (right)."""

    watched_kinds = frozenset({"staff_member", "time_entry"})

    def __init__(self, database: Database, hub: DataHub, parent: QWidget | None = None) -> None:
        super().__init__(database, hub, parent)
        self._staff_names: dict[object, str] = {}
        self._year_hours: dict[tuple[UUID, int], dict[ActivityCategory, float]] = {}

        # Week
        self.week_edit = FrenchDateEdit(monday_of(date.today()))
        self.previous_button = QPushButton(self.tr("◀ Previous week"))
        self.next_button = QPushButton(self.tr("Next week ▶"))
        self.previous_button.clicked.connect(lambda: self._shift_week(-7))
        self.next_button.clicked.connect(lambda: self._shift_week(7))
        self.week_label = QLabel()
        # On its own line: beside the buttons it made the column wider than a 1366 px
        # screen gives it, and was cut (« Du lundi 16/11/2026 au »).
        self.week_label.setWordWrap(True)
        week_row = QHBoxLayout()
        week_row.addWidget(buddy_label(self.tr("Week of:"), self.week_edit))
        week_row.addWidget(self.week_edit)
        week_row.addWidget(self.previous_button)
        week_row.addWidget(self.next_button)
        week_row.addStretch(1)

        self.entries_model = PagedTableModel(
            [
                Column(self.tr("Date"), lambda e: format_date(e.date), sort="date"),
                Column(self.tr("Staff member"), lambda e: self._staff_names.get(e.staff_id, "?"),
                       sort="staff"),
                Column(self.tr("Category"), lambda e: e.category.label, sort="category"),
                Column(self.tr("Hours"), lambda e: format_number(e.hours), True, sort="hours"),
                Column(self.tr("Origin"), self._origin_text, sort="origin"),
            ],
            lambda sort: time_entry_ids(self.database, *self.week(), sort),
            lambda ids: {
                str(e.id): e for e in self.database.repos.time_entries.with_ids(ids)
            },
            Sort("date"),
            self,
        )
        self.entries_table = make_table_view(self.entries_model, self.tr("Hours of the week"))
        self.entries_table.selectionModel().selectionChanged.connect(self._entry_selection)
        self.entry_actions = RecordActions(hub)
        self.entry_actions.edit_requested.connect(self.edit_selected)
        self.entry_actions.delete_requested.connect(self.delete_selected)
        self.entry_note = QLabel()
        self.entry_note.setWordWrap(True)
        self._editing: TimeEntry | None = None

        # Timesheet of one staff member
        self.sheet_staff_combo = RecordCombo()
        self.sheet_staff_combo.currentIndexChanged.connect(self._load_sheet)
        self.sheet_model = RecordTableModel(self._sheet_columns(), self)
        self.sheet_table = make_table_view(self.sheet_model, self.tr("Weekly timesheet"),
                                           sortable=False)
        self.sheet_warning = QLabel()
        self.sheet_warning.setWordWrap(True)
        apply_tone(self.sheet_warning, Tone.WARNING, "font-weight: bold;")
        self.sheet_warning.setAccessibleName(self.tr("Working time warning"))
        self.sheet_warning.hide()
        self.totals_model = RecordTableModel(
            [
                Column(self.tr("Category"), lambda t: t[0]),
                Column(self.tr("Hours"), lambda t: format_number(t[1]), True),
            ],
            self,
        )
        self.totals_table = make_table_view(
            self.totals_model, self.tr("Totals of the week by category"), sortable=False
        )
        week_box = QWidget()
        week_layout = QVBoxLayout(week_box)
        week_layout.setContentsMargins(0, 0, 0, 0)
        week_layout.addLayout(week_row)
        week_layout.addWidget(self.week_label)
        sheet_row = QHBoxLayout()
        sheet_row.addWidget(buddy_label(self.tr("Timesheet of:"), self.sheet_staff_combo))
        sheet_row.addWidget(self.sheet_staff_combo, 1)
        week_layout.addLayout(sheet_row)
        week_layout.addWidget(
            buddy_label(self.tr("Weekly timesheet (hours by category and day):"), self.sheet_table)
        )
        week_layout.addWidget(self.sheet_table)
        week_layout.addWidget(self.sheet_warning)
        week_layout.addWidget(
            buddy_label(self.tr("Hours of the week (whole team):"), self.entries_table)
        )
        week_layout.addWidget(self.entries_table, 1)
        week_layout.addWidget(self.entry_actions)
        week_layout.addWidget(self.entry_note)
        week_box.setMinimumHeight(620)
        # The team's totals sit in the side column, beside the team: under the week's
        # entries they were below the fold at 1366×768 (trial week, finding 11).
        totals_box = QWidget()
        totals_layout = QVBoxLayout(totals_box)
        totals_layout.setContentsMargins(0, 0, 0, 0)
        totals_layout.addWidget(
            buddy_label(self.tr("Totals of the week by category (whole team):"), self.totals_table)
        )
        totals_layout.addWidget(self.totals_table)

        # Hours typed by hand
        add_box = QGroupBox(self.tr("Add hours"))
        self.staff_combo = RecordCombo()
        self.date_edit = FrenchDateEdit()
        self.category_combo = enum_combo(ActivityCategory, MANUAL_CATEGORIES)
        self.hours_edit = QLineEdit()
        self.hours_edit.setPlaceholderText(self.tr("e.g. 1,5 or 1h30"))
        self.add_errors = ErrorBox()
        self.add_button = QPushButton(self.tr("Add the hours"))
        self.add_button.clicked.connect(self.add_hours)
        # Enter in « Heures » adds them, as the button does (issue 15).
        self.hours_edit.returnPressed.connect(self.add_hours)
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
        # The Département's hours table has no « meeting » column: say where they go.
        category_hint = QLabel(
            self.tr(
                "Team, service and partner meetings: « Actions partenariales et réunions "
                "diverses » (the column of the Département's hours table)."
            )
        )
        category_hint.setWordWrap(True)
        category_hint.setAccessibleName(self.tr("Where meetings go"))
        add_form.addRow(category_hint)
        add_row(add_form, self.tr("Hours:"), self.hours_edit)
        add_form.addRow(self.add_errors)
        add_form.addRow(self.add_button)
        add_box.setLayout(add_form)

        # Team
        team_box = QGroupBox(self.tr("Team"))
        self.staff_model = PagedTableModel(
            [
                Column(self.tr("Name"), lambda m: m.display_name, sort="name"),
                Column(self.tr("Role"), lambda m: m.role.label, sort="role"),
                Column(self.tr("FTE"), lambda m: format_number(m.fte), True, sort="fte"),
            ],
            lambda sort: staff_ids(self.database, sort),
            self._staff_rows,
            Sort("name"),
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
        side_layout.addWidget(totals_box)
        side_layout.addWidget(team_box, 1)

        splitter = QSplitter()
        splitter.addWidget(scrolling(week_box))
        splitter.addWidget(scrolling(side))
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([640, 460])
        self.set_body(splitter)

        self.week_edit.dateChanged.connect(self._load_week)
        self.refresh()
        self.keep_drafts(
            [
                DraftForm(
                    DRAFT_FORM,
                    self.tr("hours"),
                    {
                        "staff": self.staff_combo,
                        "date": self.date_edit,
                        "category": self.category_combo,
                        "hours": self.hours_edit,
                    },
                    **editing_hooks(
                        lambda: self._editing, database.repos.time_entries, self._show_editing
                    ),
                )
            ]
        )

    @classmethod
    def title_text(cls) -> str:
        """« Temps »."""
        return QCoreApplication.translate("TimePage", "Time")

    def week(self) -> tuple[date, date]:
        """Monday and Sunday of the week shown."""
        monday = monday_of(from_qdate(self.week_edit.date()))
        return monday, monday + timedelta(days=6)

    def refresh(self) -> None:
        """Reload the team, the staff choices and the week."""
        self._load_staff()
        self._year_hours.clear()
        self._load_week()

    def apply_changes(self, changes: Changes) -> None:
        """Reload the team when it changed, the week when hours changed (only the rows
        of the entries saved are read again)."""
        if changes.touches(("staff_member",)):
            self._load_staff()
        if changes.touches(("time_entry",)):
            self._year_hours.clear()
            self._refresh_week(changes.ids("time_entry"))
        elif changes.touches(("staff_member",)):
            self._refresh_week(None)  # names in the rows

    def _staff_rows(self, ids: list[str]) -> Mapping[str, Any]:
        return {str(m.id): m for m in self.database.repos.staff.with_ids(ids)}

    def _load_staff(self) -> None:
        all_staff = sorted(self.database.repos.staff.all(), key=lambda m: m.display_name.casefold())
        self._staff_names = {m.id: m.display_name for m in all_staff}
        self.staff_model.refresh(None)
        active = [(m.display_name, m.id) for m in all_staff if m.active]
        self.staff_combo.set_choices(active, None)
        had_choice = self.sheet_staff_combo.count() > 0
        self.sheet_staff_combo.blockSignals(True)
        self.sheet_staff_combo.set_choices(active, None)
        self.sheet_staff_combo.blockSignals(False)
        current = Preferences(self.database).get(CURRENT_STAFF)
        if current and not had_choice:
            self.sheet_staff_combo.select_id(UUID(current))
            self.staff_combo.select_id(UUID(current))

    def _shift_week(self, days: int) -> None:
        self.week_edit.setDate(self.week_edit.date().addDays(days))

    def _load_week(self) -> None:
        """Show the week chosen, read anew."""
        self.entries_model.reload()
        self._show_week()

    def _refresh_week(self, changed: frozenset[str] | None) -> None:
        """After a save: only the entries written (``None``: any of the week) are read
        again, their rows repainted, inserted or removed."""
        self.entries_model.refresh(changed)
        self._show_week()

    def _show_week(self) -> None:
        monday, sunday = self.week()
        self.week_label.setText(
            self.tr("From Monday {0} to Sunday {1}").format(
                format_date(monday), format_date(sunday)
            )
        )
        by_category = hours_by_category(self.database, monday, sunday)
        totals = [(c.label, by_category[c]) for c in ActivityCategory if c in by_category]
        totals.append((self.tr("Total"), sum(by_category.values())))
        self.totals_model.set_rows(totals)
        _show_every_row(self.totals_table)
        self._load_sheet()
        self._entry_selection()
        self._follow_week()

    def _follow_week(self) -> None:
        """« Add hours » offers a day of the week shown (today when it is in it, else
        its Monday), unless its date is already in that week or was typed by the user."""
        monday, sunday = self.week()
        if monday <= from_qdate(self.date_edit.date()) <= sunday:
            return
        today = date.today()
        day = to_qdate(today if monday <= today <= sunday else monday)
        if self.drafts is None:
            self.date_edit.setDate(day)
        elif not self.drafts.forms[DRAFT_FORM].typed:
            with self.drafts.reloading():
                self.date_edit.setDate(day)

    # ------------------------------------------------------------ timesheet

    def _sheet_columns(self) -> list[Column]:
        days = [
            self.tr("Mon"),
            self.tr("Tue"),
            self.tr("Wed"),
            self.tr("Thu"),
            self.tr("Fri"),
            self.tr("Sat"),
            self.tr("Sun"),
        ]
        columns = [Column(self.tr("Category"), lambda r: r[0])]
        for index, name in enumerate(days):
            columns.append(Column(name, lambda r, i=index: _hours_cell(r[1][i]), True))
        columns.append(Column(self.tr("Week"), lambda r: _hours_cell(sum(r[1])), True))
        columns.append(Column(self.tr("Year"), lambda r: _hours_cell(r[2]), True))
        return columns

    def timesheet(self, staff_id: UUID) -> list[tuple[str, list[float], float]]:
        """Rows (category label, hours Monday…Sunday, hours of the civil year of the
        Monday) of one staff member for the week shown, every category, then a « Total »
        row."""
        monday, sunday = self.week()
        week_hours = {c: [0.0] * 7 for c in ActivityCategory}
        for (day, category), hours in hours_by_day(
            self.database, monday, sunday, staff_id
        ).items():
            week_hours[category][(day - monday).days] += hours
        key = (staff_id, monday.year)
        year_hours = self._year_hours.get(key)
        if year_hours is None:
            year_hours = self._year_hours[key] = hours_by_category(
                self.database, date(monday.year, 1, 1), date(monday.year, 12, 31), staff_id
            )
        rows = [(c.label, week_hours[c], year_hours.get(c, 0.0)) for c in ActivityCategory]
        daily = [sum(week_hours[c][i] for c in ActivityCategory) for i in range(7)]
        rows.append((self.tr("Total"), daily, sum(year_hours.values())))
        return rows

    def _load_sheet(self) -> None:
        staff_id = self.sheet_staff_combo.current_id()
        if staff_id is None:
            self.sheet_model.set_rows([])
            self.sheet_warning.hide()
            return
        rows = self.timesheet(staff_id)
        self.sheet_model.set_rows(rows)
        _show_every_row(self.sheet_table)
        monday, _sunday = self.week()
        daily = rows[-1][1]
        warnings = [
            self.tr("{0}: {1} h in the day (more than 10 h).").format(
                format_date(monday + timedelta(days=i)), format_number(hours)
            )
            for i, hours in enumerate(daily)
            if hours > MAX_HOURS_PER_DAY
        ]
        if sum(daily) > MAX_HOURS_PER_WEEK:
            warnings.append(
                self.tr("{0} h in the week (more than 48 h).").format(format_number(sum(daily)))
            )
        self.sheet_warning.setText(
            "\n".join([self.tr("Check these hours (warning only):"), *warnings])
        )
        self.sheet_warning.setVisible(bool(warnings))

    def warnings(self) -> list[str]:
        """Lines of the working-time warning shown (empty when none)."""
        if self.sheet_warning.isHidden():
            return []
        return self.sheet_warning.text().splitlines()[1:]

    # ------------------------------------------------------------ edit and delete

    def selected_entry(self) -> TimeEntry | None:
        """The entry selected in the week's list, or ``None``."""
        row = selected_row(self.entries_table)
        return None if row is None else self.entries_model.row_object(row)

    def _entry_selection(self) -> None:
        entry = self.selected_entry()
        manual = entry is not None and entry.source_kind is None
        self.entry_actions.set_has_selection(manual)
        if entry is not None and not manual:
            self.entry_note.setText(
                self.tr(
                    "These hours come from a session or an intervention: edit or delete "
                    "it on its page, the hours follow."
                )
            )
        else:
            self.entry_note.setText("")

    def edit_selected(self) -> None:
        """Load the selected hand-typed entry into « Add hours »; saving updates it."""
        entry = self.selected_entry()
        if entry is None or entry.source_kind is not None:
            return
        self._show_editing(entry)
        self.staff_combo.select_id(entry.staff_id)
        self.date_edit.setDate(to_qdate(entry.date))
        index = self.category_combo.findData(entry.category.value)
        self.category_combo.setCurrentIndex(max(index, 0))
        self.hours_edit.setText(format_number(entry.hours))
        self.form_clean(DRAFT_FORM)
        self.hours_edit.setFocus()

    def _show_editing(self, entry: TimeEntry | None) -> None:
        self._editing = entry
        self.add_button.setText(
            self.tr("Save the changes") if entry is not None else self.tr("Add the hours")
        )

    def delete_selected(self) -> None:
        """Delete the selected hand-typed entry (undo offered)."""
        entry = self.selected_entry()
        if entry is None or entry.source_kind is not None:
            return
        self.entry_actions.delete(
            [(self.database.repos.time_entries, entry.id)],
            ("time_entry",),
            self.tr("Hours of {0} deleted.").format(format_date(entry.date)),
            self.tr("Hours of {0} restored.").format(format_date(entry.date)),
        )

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
        fields: dict[str, Any] = {
            "staff_id": staff_id,
            "date": from_qdate(self.date_edit.date()),
            "category": combo_enum(self.category_combo, ActivityCategory),
            "hours": parse_hours(self.hours_edit.text()),
        }
        if self._editing is not None:
            fields.update(id=self._editing.id, created_at=self._editing.created_at)
        return TimeEntry(**fields)

    def add_hours(self) -> None:
        """Validate and save hours typed by hand, then show their week."""
        if not self.when_writable(self.add_hours, self.add_errors):
            return
        saved = build_and_save(self._build, self.database.repos.time_entries.save, self.add_errors)
        if saved is None:
            return
        edited = self._editing is not None
        self._show_editing(None)
        self.hours_edit.clear()
        self.form_clean(DRAFT_FORM)
        self.sheet_staff_combo.select_id(saved.staff_id)
        self.week_edit.setDate(to_qdate(monday_of(saved.date)))
        self.hub.notify_records({"time_entry": [saved.id]})
        self.hub.show_message(self.tr("Hours updated.") if edited else self.tr("Hours added."))


def _show_every_row(view: QTableView) -> None:
    """Rows one text line high, and the view exactly as tall as all of them: the
    « Total » rows of the timesheet and of the category totals were below the visible
    part of their tables at 1366×768 (trial week, finding 11)."""
    rows = view.verticalHeader()
    rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    rows.setDefaultSectionSize(view.fontMetrics().height() + 8)
    scrollbar = view.horizontalScrollBar()
    height = (
        view.horizontalHeader().sizeHint().height()
        + rows.length()
        + 2 * view.frameWidth()
        + (scrollbar.sizeHint().height() if scrollbar.maximum() > 0 else 0)
    )
    view.setFixedHeight(height)


def _hours_cell(hours: float) -> str:
    """Decimal hours with a French comma, empty for zero (a blank cell reads faster)."""
    return format_number(hours) if hours else ""
