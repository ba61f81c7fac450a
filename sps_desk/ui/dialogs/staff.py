"""« Équipe »: add a staff member, or edit one — name, role and dated FTE periods.

A member works at an FTE over periods (start, end, FTE): the report of a past year
counts that year's team. The periods are listed; the one selected is edited in the
fields below it as they change. « New period » starts a period (an FTE change, a
return) and closes the ongoing one the day before; a departure is an end date on the
last period. A start left unknown means « since before the data of this base ».
"""

from __future__ import annotations

from datetime import date, timedelta

from pydantic import ValidationError
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from sps_desk.enums import Role
from sps_desk.fte import FtePeriod, day_before
from sps_desk.records import StaffMember
from sps_desk.store.database import Database
from sps_desk.store.year_activity import any_hours_recorded
from sps_desk.ui.formatting import format_date, format_number, from_qdate, to_qdate
from sps_desk.ui.saving import build_and_save
from sps_desk.ui.widgets.date_edit import FrenchDateEdit
from sps_desk.ui.widgets.forms import (
    ErrorBox,
    add_row,
    combo_enum,
    enum_combo,
    new_form,
    select_data,
)

ONE_DAY = timedelta(days=1)


class StaffDialog(QDialog):
    """Adds a staff member to the team, or edits ``member``; :attr:`saved` holds the
    member saved after ``accept()``."""

    def __init__(self, database: Database, parent: QWidget | None = None,
                 member: StaffMember | None = None) -> None:
        super().__init__(parent)
        self.database = database
        self.member = member
        self.saved: StaffMember | None = None
        self.setWindowTitle(self.tr("Team: add a staff member") if member is None
                            else self.tr("Team: {0}").format(member.display_name))

        hint = QLabel(self.tr("Initials or a first name are enough."))
        hint.setWordWrap(True)
        self.name_edit = QLineEdit()
        self.name_edit.setMaxLength(120)
        self.role_combo = enum_combo(Role)
        select_data(self.role_combo, Role.SOCIAL_WORKER)
        form = new_form()
        add_row(form, self.tr("Display name:"), self.name_edit)
        add_row(form, self.tr("Role:"), self.role_combo)

        self.periods_table = QTableWidget(0, 3)
        self.periods_table.setHorizontalHeaderLabels(
            [self.tr("Start"), self.tr("End"), self.tr("FTE")])
        self.periods_table.setAccessibleName(self.tr("Periods of activity"))
        self.periods_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.periods_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.periods_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.periods_table.verticalHeader().hide()
        self.periods_table.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.Stretch)
        self.periods_table.setMaximumHeight(140)
        self.periods_table.itemSelectionChanged.connect(self._period_selected)

        self.start_edit = FrenchDateEdit()
        self.start_unknown = QCheckBox(self.tr("unknown (before the data of this base)"))
        self.end_edit = FrenchDateEdit()
        self.ongoing = QCheckBox(self.tr("ongoing"))
        self.fte_spin = QDoubleSpinBox()
        self.fte_spin.setRange(0.05, 1.0)
        self.fte_spin.setSingleStep(0.1)
        self.fte_spin.setDecimals(2)
        self.fte_spin.setValue(1.0)
        start_row, end_row = QWidget(), QWidget()
        for row, edit, box in ((start_row, self.start_edit, self.start_unknown),
                               (end_row, self.end_edit, self.ongoing)):
            layout = QHBoxLayout(row)
            layout.setContentsMargins(0, 0, 0, 0)
            layout.addWidget(edit)
            layout.addWidget(box, 1)
        period_form = new_form()
        add_row(period_form, self.tr("Start:"), self.start_edit, start_row)
        add_row(period_form, self.tr("End:"), self.end_edit, end_row)
        add_row(period_form, self.tr("FTE (1 = full time):"), self.fte_spin)
        self.new_period_button = QPushButton(self.tr("New period…"))
        self.new_period_button.setToolTip(self.tr(
            "A change of FTE or a return: the ongoing period ends the day before."))
        self.new_period_button.clicked.connect(self.new_period)
        self.remove_period_button = QPushButton(self.tr("Remove the period"))
        self.remove_period_button.clicked.connect(self.remove_period)
        buttons_row = QHBoxLayout()
        buttons_row.addWidget(self.new_period_button)
        buttons_row.addWidget(self.remove_period_button)
        buttons_row.addStretch(1)
        self.period_note = QLabel()
        self.period_note.setWordWrap(True)
        self.period_note.setAccessibleName(self.tr("About the periods"))
        periods_box = QGroupBox(self.tr("Periods of activity"))
        periods_layout = QVBoxLayout(periods_box)
        explain = QLabel(self.tr(
            "The report of a year counts each member over the days of their periods in "
            "that year. A departure is an end date on the last period."))
        explain.setWordWrap(True)
        periods_layout.addWidget(explain)
        periods_layout.addWidget(self.periods_table)
        periods_layout.addLayout(period_form)
        periods_layout.addLayout(buttons_row)
        periods_layout.addWidget(self.period_note)

        self.errors = ErrorBox()
        buttons = QDialogButtonBox()
        self.save_button = QPushButton(self.tr("Add to the team") if member is None
                                       else self.tr("Save"))
        self.save_button.setDefault(True)
        cancel = QPushButton(self.tr("Cancel"))
        buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(cancel, QDialogButtonBox.ButtonRole.RejectRole)
        self.save_button.clicked.connect(self._save)
        cancel.clicked.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addLayout(form)
        layout.addWidget(periods_box)
        layout.addWidget(self.errors)
        layout.addWidget(buttons)

        if member is not None:
            self.name_edit.setText(member.display_name)
            select_data(self.role_combo, member.role)
            self.periods: list[FtePeriod] = list(member.periods)
        else:
            self.periods = [FtePeriod(start=self._default_start(), fte=1.0)]
        self._fill_periods(len(self.periods) - 1)
        for signal in (self.start_edit.dateChanged, self.end_edit.dateChanged,
                       self.start_unknown.toggled, self.ongoing.toggled,
                       self.fte_spin.valueChanged):
            signal.connect(self._edited)

    def _default_start(self) -> date | None:
        # Setting up a new base (no hours yet), the team was there before its data;
        # later, a new member most often arrives today.
        return date.today() if any_hours_recorded(self.database) else None

    # ------------------------------------------------------------- periods

    def selected_row(self) -> int:
        """The period being edited (the last one when none is selected)."""
        rows = self.periods_table.selectionModel().selectedRows()
        return rows[0].row() if rows else len(self.periods) - 1

    def _fill_periods(self, select: int) -> None:
        self.periods_table.blockSignals(True)
        self.periods_table.setRowCount(len(self.periods))
        for row, period in enumerate(self.periods):
            cells = [format_date(period.start) if period.start else self.tr("unknown"),
                     format_date(period.end) if period.end else self.tr("ongoing"),
                     format_number(period.fte)]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column == 2:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight
                                          | Qt.AlignmentFlag.AlignVCenter)
                self.periods_table.setItem(row, column, item)
        self.periods_table.blockSignals(False)
        self.periods_table.selectRow(select)
        self._period_selected()
        self.remove_period_button.setEnabled(len(self.periods) > 1)

    def _period_selected(self) -> None:
        period = self.periods[self.selected_row()]
        editors = (self.start_edit, self.end_edit, self.start_unknown, self.ongoing,
                   self.fte_spin)
        for editor in editors:
            editor.blockSignals(True)
        self.start_unknown.setChecked(period.start is None)
        self.start_edit.setDate(to_qdate(period.start or date.today()))
        self.start_edit.setEnabled(period.start is not None)
        self.ongoing.setChecked(period.end is None)
        self.end_edit.setDate(to_qdate(period.end or date.today()))
        self.end_edit.setEnabled(period.end is not None)
        self.fte_spin.setValue(period.fte)
        for editor in editors:
            editor.blockSignals(False)

    def _edited(self) -> None:
        """The fields changed: the selected period follows them (and the period before,
        when it ended the day before, still ends the day before the new start)."""
        self.start_edit.setEnabled(not self.start_unknown.isChecked())
        self.end_edit.setEnabled(not self.ongoing.isChecked())
        start = None if self.start_unknown.isChecked() else from_qdate(self.start_edit.date())
        end = None if self.ongoing.isChecked() else from_qdate(self.end_edit.date())
        try:
            period = FtePeriod(start=start, end=end, fte=round(self.fte_spin.value(), 2))
        except ValidationError:
            self.period_note.setText(self.tr("The end of a period cannot be before its start."))
            return
        self.period_note.clear()
        row = self.selected_row()
        before = self.periods[row]
        self.periods[row] = period
        if row and before.start and start and start != before.start:
            # The previous period ended the day before: it keeps ending the day before.
            previous = self.periods[row - 1]
            end = day_before(start)
            if previous.end == day_before(before.start) and (
                    previous.start is None or previous.start <= end):
                self.periods[row - 1] = previous.model_copy(update={"end": end})
        self._fill_periods(row)

    def new_period(self) -> None:
        """Start a period today, or the day after the last one started or ended if that
        is later, at the FTE shown; the ongoing period, if any, ends the day before."""
        last = self.periods[-1]
        start = max(date.today(), (last.end or last.start or date.min) + ONE_DAY)
        if last.end is None:
            self.periods[-1] = last.model_copy(update={"end": day_before(start)})
            self.period_note.setText(self.tr("The ongoing period now ends on {0}: change the "
                                             "start of the new one if needed.").format(
                format_date(day_before(start))))
        self.periods.append(FtePeriod(start=start, fte=last.fte))
        self._fill_periods(len(self.periods) - 1)
        self.start_edit.setFocus()

    def remove_period(self) -> None:
        """Remove the selected period (a member keeps at least one)."""
        if len(self.periods) > 1:
            del self.periods[self.selected_row()]
            self._fill_periods(len(self.periods) - 1)

    # ------------------------------------------------------------- save

    def _build(self) -> StaffMember:
        # The model sorts the periods and refuses two that share a day (French reason).
        fields = {"display_name": self.name_edit.text(),
                  "role": combo_enum(self.role_combo, Role),
                  "fte": self.periods[-1].fte, "periods": self.periods}
        if self.member is None:
            return StaffMember(**fields)
        return StaffMember.model_validate({**dict(self.member), **fields})

    def _save(self) -> None:
        self.saved = build_and_save(self._build, self.database.repos.staff.save, self.errors)
        if self.saved is not None:
            self.accept()
