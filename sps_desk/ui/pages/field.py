"""« Terrain »: record a field session (street work, social presence…) and list them."""

from __future__ import annotations

from datetime import date, time

from PySide6.QtCore import QTime
from PySide6.QtWidgets import (
    QDateEdit,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from sps_desk.durations import elapsed_hours
from sps_desk.enums import FieldSessionKind, Sex
from sps_desk.records import FieldSession
from sps_desk.store.database import Database
from sps_desk.ui.formatting import (
    DATE_FORMAT,
    TIME_FORMAT,
    format_date,
    format_hours_minutes,
    from_qdate,
    from_qtime,
    to_qdate,
)
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
from sps_desk.ui.widgets.staff_checklist import StaffChecklist
from sps_desk.ui.widgets.table_model import Column, RecordTableModel, make_table_view
from sps_desk.ui.widgets.tally_grid import TallyGrid


class FieldPage(Page):
    """Form of a field session (left) and the list of recorded sessions (right)."""

    watched_kinds = frozenset({"staff_member", "sector", "field_session"})

    def __init__(self, database: Database, hub: DataHub, parent: QWidget | None = None) -> None:
        super().__init__(database, hub, parent)
        service = database.service()
        brackets = [(key, service.age_brackets.label(key)) for key in service.age_brackets.keys()]

        self.date_edit = QDateEdit()
        self.date_edit.setDisplayFormat(DATE_FORMAT)
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDate(to_qdate(date.today()))
        self.start_edit = QTimeEdit(QTime(14, 0))
        self.start_edit.setDisplayFormat(TIME_FORMAT)
        self.end_edit = QTimeEdit(QTime(17, 0))
        self.end_edit.setDisplayFormat(TIME_FORMAT)
        self.duration_label = QLabel()
        self.duration_label.setAccessibleName(self.tr("Duration"))
        times = QWidget()
        times_row = QHBoxLayout(times)
        times_row.setContentsMargins(0, 0, 0, 0)
        times_row.addWidget(self.start_edit)
        times_row.addWidget(buddy_label(self.tr("End:"), self.end_edit))
        times_row.addWidget(self.end_edit)
        times_row.addWidget(self.duration_label, 1)

        self.kind_combo = enum_combo(FieldSessionKind)
        self.sector_combo = RecordCombo()
        self.add_sector_button = QPushButton(self.tr("New sector…"))
        self.add_sector_button.clicked.connect(self.add_sector)
        sector_row = QWidget()
        sector_layout = QHBoxLayout(sector_row)
        sector_layout.setContentsMargins(0, 0, 0, 0)
        sector_layout.addWidget(self.sector_combo, 1)
        sector_layout.addWidget(self.add_sector_button)

        self.staff_list = StaffChecklist()
        self.no_staff_label = QLabel(self.tr("No staff member yet: add the team's members first."))
        self.no_staff_label.setWordWrap(True)
        self.add_staff_button = QPushButton(self.tr("Add a staff member…"))
        self.add_staff_button.clicked.connect(self.add_staff_member)
        staff_box = QWidget()
        staff_layout = QVBoxLayout(staff_box)
        staff_layout.setContentsMargins(0, 0, 0, 0)
        staff_layout.addWidget(self.staff_list)
        staff_layout.addWidget(self.no_staff_label)
        staff_layout.addWidget(self.add_staff_button)

        self.tally_grid = TallyGrid(brackets, tuple(Sex))
        tally_box = QGroupBox(self.tr("Anonymous contacts (young people met, not identified)"))
        QVBoxLayout(tally_box).addWidget(self.tally_grid)

        self.adults_spin = QSpinBox()
        self.adults_spin.setRange(0, 9999)
        self.partners_spin = QSpinBox()
        self.partners_spin.setRange(0, 9999)
        self.observation_edit = QPlainTextEdit()
        self.observation_edit.setPlaceholderText(
            self.tr("What you noticed on the territory. Never write names.")
        )
        self.observation_edit.setTabChangesFocus(True)
        self.observation_edit.setMinimumHeight(70)

        self.errors = ErrorBox()
        self.save_button = QPushButton(self.tr("Save the field session"))
        self.save_button.clicked.connect(self.save)

        form = new_form()
        add_row(form, self.tr("Date:"), self.date_edit)
        add_row(form, self.tr("Start:"), self.start_edit, times)
        add_row(form, self.tr("Kind:"), self.kind_combo)
        add_row(form, self.tr("Sector:"), self.sector_combo, sector_row)
        add_row(form, self.tr("Staff present:"), self.staff_list, staff_box)
        form.addRow(tally_box)
        add_row(form, self.tr("Adults met (parents, inhabitants):"), self.adults_spin)
        add_row(form, self.tr("Partners met:"), self.partners_spin)
        add_row(form, self.tr("Observation:"), self.observation_edit)
        form.addRow(self.errors)
        form.addRow(self.save_button)
        form_widget = QWidget()
        form_widget.setLayout(form)

        self.model = RecordTableModel(
            [
                Column(self.tr("Date"), lambda s: format_date(s.date)),
                Column(
                    self.tr("Times"),
                    lambda s: f"{s.start_time:%H:%M} → {s.end_time:%H:%M}",
                ),
                Column(self.tr("Duration"), lambda s: format_hours_minutes(s.hours), True),
                Column(self.tr("Kind"), lambda s: s.session_kind.label),
                Column(self.tr("Sector"), self._sector_label),
                Column(
                    self.tr("Contacts"),
                    lambda s: str(s.anonymous_contacts + len(s.young_met_ids)),
                    True,
                ),
            ],
            self,
        )
        self.table = make_table_view(self.model, self.tr("Recorded field sessions"))
        list_box = QWidget()
        list_layout = QVBoxLayout(list_box)
        list_layout.setContentsMargins(0, 0, 0, 0)
        list_layout.addWidget(buddy_label(self.tr("Recorded field sessions:"), self.table))
        list_layout.addWidget(self.table)

        splitter = QSplitter()
        splitter.addWidget(scrolling(form_widget))
        splitter.addWidget(list_box)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([620, 480])
        QVBoxLayout(self).addWidget(splitter)

        self._sector_labels: dict[object, str] = {}
        for widget in (self.date_edit, self.start_edit, self.end_edit):
            widget.dateTimeChanged.connect(self._update_duration)
        self.register_writers([self.save_button, self.add_sector_button, self.add_staff_button])
        self._update_duration()
        self.refresh()

    def title(self) -> str:
        """« Terrain »."""
        return self.tr("Field work")

    def refresh(self) -> None:
        """Reload staff, sectors and the list of sessions (most recent first)."""
        staff = self.active_staff()
        self.staff_list.set_staff(staff)
        self.staff_list.setVisible(bool(staff))
        self.no_staff_label.setVisible(not staff)
        sectors = self.sector_choices()
        self._sector_labels = {record_id: label for label, record_id in sectors}
        self.sector_combo.set_choices(sectors, self.tr("(no sector)"))
        sessions = sorted(
            self.database.repos.field_sessions.all(),
            key=lambda s: (s.date, s.start_time),
            reverse=True,
        )
        self.model.set_rows(sessions)

    def _sector_label(self, session: FieldSession) -> str:
        if session.sector_id is None:
            return ""
        return self._sector_labels.get(session.sector_id, "")

    def _times(self) -> tuple[date, time, time]:
        return (
            from_qdate(self.date_edit.date()),
            from_qtime(self.start_edit.time()),
            from_qtime(self.end_edit.time()),
        )

    def _update_duration(self) -> None:
        day, start, end = self._times()
        if start == end:
            text = self.tr("The end time must differ from the start time.")
        else:
            duration = format_hours_minutes(elapsed_hours(day, start, end))
            if end < start:
                text = self.tr("Duration: {0} (ends the next day)").format(duration)
            else:
                text = self.tr("Duration: {0}").format(duration)
        self.duration_label.setText(text)
        self.duration_label.setAccessibleDescription(text)

    def _build(self) -> FieldSession:
        day, start, end = self._times()
        return FieldSession(
            date=day,
            start_time=start,
            end_time=end,
            staff_ids=self.staff_list.checked_ids(),
            session_kind=combo_enum(self.kind_combo, FieldSessionKind),
            sector_id=self.sector_combo.current_id(),
            tallies=self.tally_grid.cells(),
            adults_met=self.adults_spin.value(),
            partners_met=self.partners_spin.value(),
            observation=self.observation_edit.toPlainText(),
        )

    def save(self) -> None:
        """Validate and save the session (its time entries follow), then clear counts."""
        saved = build_and_save(self._build, self.database.repos.field_sessions.save, self.errors)
        if saved is None:
            return
        self.tally_grid.reset()
        self.adults_spin.setValue(0)
        self.partners_spin.setValue(0)
        self.observation_edit.clear()
        self.hub.notify_changed("field_session", "time_entry")
        self.hub.show_message(
            self.tr("Field session saved: {0}, {1} contacts.").format(
                format_hours_minutes(saved.hours), saved.anonymous_contacts
            )
        )
