"""« Terrain »: record a field session (street work, social presence…) and list them.

The form opens on what an educator most often records: today, the staff member last
used on this machine, and the sector, kind and times of their last outing. Anonymous
contacts are counted with « + » buttons (or ``+``/``-`` in a cell); coded young people
met are found by typing a code or nickname. What is typed is kept as a draft in the
encrypted base until it is saved.

The list shows one civil year of outings at a time, sorted by the database on the column
clicked (newest day first by default; the outings of one day always in time order), and
reads only the rows on screen. A save updates only the row saved.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, time
from typing import Any
from uuid import UUID

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from sps_desk.durations import elapsed_hours
from sps_desk.enums import FieldSessionKind, Sex
from sps_desk.records import FieldSession, YoungPerson
from sps_desk.store.database import Database
from sps_desk.store.drafts import Preferences
from sps_desk.store.listing import Sort, field_session_ids, field_session_years
from sps_desk.store.rights import restricted_ids
from sps_desk.ui.drafting import DraftForm, editing_hooks
from sps_desk.ui.formatting import (
    format_date,
    format_hours_minutes,
    from_qdate,
    from_qtime,
    to_qdate,
    to_qtime,
)
from sps_desk.ui.hub import Changes, DataHub
from sps_desk.ui.identity_names import contains_name, known_names, names_allowed
from sps_desk.ui.pages.base import CURRENT_STAFF, Page, scrolling
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
    select_data,
)
from sps_desk.ui.widgets.record_actions import RecordActions
from sps_desk.ui.widgets.staff_checklist import StaffChecklist
from sps_desk.ui.widgets.table_model import (
    Column,
    PagedTableModel,
    make_table_view,
    selected_row,
)
from sps_desk.ui.widgets.tally_grid import TallyGrid
from sps_desk.ui.widgets.time_edit import FrenchTimeEdit
from sps_desk.ui.widgets.young_picker import YoungPicker
from sps_desk.ui.young_index import young_index

LAST_FIELD = "field_session.last"
"""Preference: sector, kind and times of the last field session saved here."""
DRAFT_FORM = "field_session"
DEFAULT_START = time(14, 0)
DEFAULT_END = time(16, 0)
LONG_NIGHT_HOURS = 12.0
"""Above this length, an outing ending the next day is confirmed before it is saved."""


class FieldPage(Page):
    """Form of a field session (left) and the list of recorded sessions (right)."""

    watched_kinds = frozenset(
        {"staff_member", "sector", "field_session", "young_person", "identity"}
    )

    def __init__(self, database: Database, hub: DataHub, parent: QWidget | None = None) -> None:
        super().__init__(database, hub, parent)
        self.preferences = Preferences(database)
        self._editing: FieldSession | None = None
        self.names = known_names(hub, database)
        self.names.ready.connect(self._check_observation)
        service = database.service()
        brackets = [(key, service.age_brackets.label(key)) for key in service.age_brackets.keys()]

        self.editing_label = QLabel()
        self.editing_label.setWordWrap(True)
        self.editing_label.setStyleSheet("font-weight: bold;")
        self.editing_label.hide()

        self.date_edit = FrenchDateEdit()
        self.start_edit = FrenchTimeEdit()
        self.end_edit = FrenchTimeEdit()
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
        self.add_sector_button.clicked.connect(self._add_sector)
        sector_row = QWidget()
        sector_layout = QHBoxLayout(sector_row)
        sector_layout.setContentsMargins(0, 0, 0, 0)
        sector_layout.addWidget(self.sector_combo, 1)
        sector_layout.addWidget(self.add_sector_button)

        self.staff_list = StaffChecklist()
        self.staff_list.setMaximumHeight(self.staff_list.fontMetrics().lineSpacing() * 4 + 12)
        self.no_staff_label = QLabel(self.tr("No staff member yet: add the team's members first."))
        self.no_staff_label.setWordWrap(True)
        # Wide and tall enough for its lines: in the form it was squeezed to the
        # button's width and cut top and bottom on a fresh base (issue 15).
        self.no_staff_label.setMinimumSize(360, self.no_staff_label.heightForWidth(360))
        self.add_staff_button = QPushButton(self.tr("Add a staff &member…"))
        # Out of the Tab order (it sat between the staff and the counts of every
        # outing); the keyboard reaches it with its Alt+letter.
        self.add_staff_button.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.add_staff_button.clicked.connect(self.add_staff_member)
        staff_box = QWidget()
        staff_layout = QVBoxLayout(staff_box)
        staff_layout.setContentsMargins(0, 0, 0, 0)
        staff_layout.addWidget(self.staff_list)
        staff_layout.addWidget(self.no_staff_label)
        staff_layout.addWidget(self.add_staff_button)

        self.tally_grid = TallyGrid(brackets, tuple(Sex))
        tally_box = QGroupBox(self.tr("Anonymous contacts (young people met, not identified)"))
        tally_layout = QVBoxLayout(tally_box)
        # Narrow side margins: the grid sets the form's minimum width, and the list
        # beside needs the room at 1280×720 (issue 15).
        margins = tally_layout.contentsMargins()
        tally_layout.setContentsMargins(4, margins.top(), 4, margins.bottom())
        tally_layout.addWidget(self.tally_grid)

        self.young_picker = YoungPicker(self._create_young)
        self.tally_grid.set_exit(self.young_picker.search_edit)
        self.young = young_index(hub, database)

        self.adults_spin = QSpinBox()
        self.adults_spin.setRange(0, 9999)
        self.partners_spin = QSpinBox()
        self.partners_spin.setRange(0, 9999)
        self.observation_edit = QPlainTextEdit()
        self.observation_edit.setPlaceholderText(
            self.tr("What you noticed on the territory. Never write names.")
        )
        self.observation_edit.setTabChangesFocus(True)
        self.observation_edit.setMinimumHeight(60)
        # About five lines, and the staff list about four names (both scroll): so that
        # « Save » is in sight at 1366×768 (trial week, finding 12).
        line = self.observation_edit.fontMetrics().lineSpacing()
        self.observation_edit.setMaximumHeight(line * 5 + 16)
        self.observation_warning = QLabel(
            self.tr(
                "Warning: this note contains the name, first name or nickname of a young "
                "person. Observations are about the territory: remove it."
            )
        )
        self.observation_warning.setWordWrap(True)
        apply_tone(self.observation_warning, Tone.WARNING, "font-weight: bold;")
        self.observation_warning.setAccessibleName(self.tr("Observation warning"))
        self.observation_warning.hide()
        observation_box = QWidget()
        observation_layout = QVBoxLayout(observation_box)
        observation_layout.setContentsMargins(0, 0, 0, 0)
        observation_layout.addWidget(self.observation_edit)
        observation_layout.addWidget(self.observation_warning)

        self.errors = ErrorBox()
        self.save_button = QPushButton(self.tr("Save the field session"))
        self.save_button.setToolTip(self.tr("Ctrl+S"))
        self.save_button.clicked.connect(self.save)
        self.cancel_button = QPushButton(self.tr("Clear the form"))
        self.cancel_button.clicked.connect(self.clear_form)
        buttons = QWidget()
        buttons_row = QHBoxLayout(buttons)
        buttons_row.setContentsMargins(0, 0, 0, 0)
        buttons_row.addWidget(self.save_button, 1)
        buttons_row.addWidget(self.cancel_button)

        form = new_form()
        form.setContentsMargins(0, 0, 0, 0)  # as the collective-action forms: room for the list
        form.addRow(self.editing_label)
        # The kind comes first, just above the date: it is carried over from the last
        # outing, and left unseen below the fold it was saved wrong (trial week,
        # finding 4). Above rather than beside, so that Shift+Tab from the start time
        # still lands on the date.
        add_row(form, self.tr("&Kind:"), self.kind_combo)
        add_row(form, self.tr("D&ate:"), self.date_edit)
        add_row(form, self.tr("&Start:"), self.start_edit, times)
        add_row(form, self.tr("Staff prese&nt:"), self.staff_list, staff_box)
        form.addRow(tally_box)
        add_row(
            form,
            self.tr("&Young people met (code or nickname):"),
            self.young_picker.search_edit,
            self.young_picker,
        )
        add_row(form, self.tr("Adults met (parents, inhabitants):"), self.adults_spin)
        add_row(form, self.tr("Partners met:"), self.partners_spin)
        add_row(form, self.tr("Secto&r:"), self.sector_combo, sector_row)
        add_row(form, self.tr("&Observation:"), self.observation_edit, observation_box)
        form.addRow(self.errors)
        form.addRow(buttons)
        form_widget = QWidget()
        form_widget.setLayout(form)

        self.model = PagedTableModel(
            [
                Column(self.tr("Date"), lambda s: format_date(s.date), sort="date"),
                Column(
                    self.tr("Times"),
                    lambda s: f"{s.start_time:%H:%M} → {s.end_time:%H:%M}",
                    sort="times",
                ),
                Column(self.tr("Duration"), lambda s: format_hours_minutes(s.hours), True,
                       sort="duration"),
                Column(self.tr("Kind"), lambda s: s.session_kind.label, sort="kind"),
                Column(self.tr("Sector"), self._sector_label, sort="sector"),
                Column(
                    self.tr("Contacts"),
                    lambda s: str(s.anonymous_contacts + len(s.young_met_ids)),
                    True,
                    sort="contacts",
                ),
            ],
            self._session_ids,
            self._sessions,
            Sort("date", descending=True),
            self,
        )
        self.year_combo = QComboBox()
        self.year_combo.setAccessibleName(self.tr("Year of the field sessions shown"))
        self.year_combo.currentIndexChanged.connect(self._year_chosen)
        self.table = make_table_view(self.model, self.tr("Recorded field sessions"))
        # The sector takes what is left (elided when long) so that « Rencontres » stays
        # on screen (issue 15).
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        header.setStretchLastSection(False)
        self.table.setWordWrap(False)  # « Hénin- » over « Beaumont – … » read as two places
        self.actions = RecordActions(hub)
        self.actions.edit_requested.connect(self.edit_selected)
        self.actions.delete_requested.connect(self.delete_selected)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.table.doubleClicked.connect(lambda _index: self.edit_selected())
        list_box = QWidget()
        list_layout = QVBoxLayout(list_box)
        list_layout.setContentsMargins(0, 0, 0, 0)
        list_layout.addWidget(buddy_label(self.tr("Recorded field sessions:"), self.table))
        year_row = QHBoxLayout()
        year_row.addWidget(buddy_label(self.tr("Year:"), self.year_combo))
        year_row.addWidget(self.year_combo)
        year_row.addStretch(1)
        list_layout.addLayout(year_row)
        list_layout.addWidget(self.table)
        list_layout.addWidget(self.actions)

        splitter = QSplitter()
        # The form gets its minimum width, the list everything else: at 1280×720 the
        # sector was cut (« Hénin-Beaumon ») and so was the « Rencontres » header (issue 15).
        splitter.addWidget(scrolling(form_widget, whole_width=True))
        splitter.addWidget(scrolling(list_box))
        splitter.setChildrenCollapsible(False)
        splitter.setSizes([0, 10_000])
        self.set_body(splitter)

        save_shortcut = QShortcut(QKeySequence.StandardKey.Save, self)
        save_shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        save_shortcut.activated.connect(self.save)

        self._sector_labels: dict[object, str] = {}
        for widget in (self.date_edit, self.start_edit, self.end_edit):
            widget.dateTimeChanged.connect(self._update_duration)
        self.observation_edit.textChanged.connect(self._check_observation)
        self.refresh()
        self._apply_defaults()
        self.keep_drafts(
            [
                DraftForm(
                    DRAFT_FORM,
                    self.tr("field session"),
                    {
                        "date": self.date_edit,
                        "start": self.start_edit,
                        "end": self.end_edit,
                        "kind": self.kind_combo,
                        "sector": self.sector_combo,
                        "staff": self.staff_list,
                        "tallies": self.tally_grid,
                        "adults": self.adults_spin,
                        "partners": self.partners_spin,
                        "young": self.young_picker,
                        "observation": self.observation_edit,
                    },
                    **editing_hooks(
                        lambda: self._editing, database.repos.field_sessions, self._show_editing
                    ),
                )
            ]
        )
        self.setTabOrder(self.kind_combo, self.date_edit)
        self.setTabOrder(self.date_edit, self.start_edit)
        self.setTabOrder(self.start_edit, self.end_edit)
        self.setTabOrder(self.end_edit, self.staff_list)

    @classmethod
    def title_text(cls) -> str:
        """« Terrain »."""
        return QCoreApplication.translate("FieldPage", "Field work")

    # ------------------------------------------------------------ loading

    def refresh(self) -> None:
        """Reload staff, sectors, young people, identity names and the session list."""
        self._load_staff()
        self._load_sectors()
        self._load_young()
        self.names.start()
        self._check_observation()
        self._load_years()
        self.model.reload()
        self._selection_changed()

    def apply_changes(self, changes: Changes) -> None:
        """Update only what ``changes`` touch: the outings saved are repainted,
        inserted or removed in the list; staff, sectors and names when they changed."""
        if changes.touches(("staff_member",)):
            self._load_staff()
        if changes.touches(("sector",)):
            self._load_sectors()
        if changes.touches(("young_person",)):
            self._load_young()
        if changes.touches(("sector", "field_session")):
            self._load_years()
            ids = changes.ids("field_session")
            self.model.refresh(None if changes.touches(("sector",)) else ids)
            self._selection_changed()

    def _load_staff(self) -> None:
        staff = self.active_staff()
        self.staff_list.set_staff(staff)
        self.staff_list.setVisible(bool(staff))
        self.no_staff_label.setVisible(not staff)
        if staff and not self.staff_list.checked_ids() and self._editing is None:
            current = self.current_staff_id()
            if current is not None:
                self.staff_list.set_checked(current)

    def _load_sectors(self) -> None:
        sectors = self.sector_choices()
        self._sector_labels = {record_id: label for label, record_id in sectors}
        self.sector_combo.set_choices(sectors, self.tr("(no sector)"))

    def _load_young(self) -> None:
        self.young_picker.set_index(self.young, restricted_ids(self.database))
        self.young.start()

    def _load_years(self) -> None:
        """Years offered: those with outings, this year and the year shown, newest
        first (the year shown stays when its last outing is deleted)."""
        shown = self.shown_year()
        years = sorted({*field_session_years(self.database), date.today().year, shown},
                       reverse=True)
        if [self.year_combo.itemData(i) for i in range(self.year_combo.count())] == years:
            return
        self.year_combo.blockSignals(True)
        self.year_combo.clear()
        for year in years:
            self.year_combo.addItem(str(year), year)
        self.year_combo.setCurrentIndex(max(self.year_combo.findData(shown), 0))
        self.year_combo.blockSignals(False)

    def shown_year(self) -> int:
        """The civil year whose outings are listed (this year by default)."""
        year = self.year_combo.currentData()
        return int(year) if year is not None else date.today().year

    def show_year(self, year: int) -> None:
        """List the outings of ``year`` (offered even when it has none yet)."""
        if self.year_combo.findData(year) < 0:
            self.year_combo.addItem(str(year), year)
        self.year_combo.setCurrentIndex(self.year_combo.findData(year))

    def _year_chosen(self) -> None:
        self.model.reload()
        self._selection_changed()

    def _session_ids(self, sort: Sort) -> list[str]:
        year = self.shown_year()
        return field_session_ids(self.database, date(year, 1, 1), date(year, 12, 31), sort)

    def _sessions(self, ids: list[str]) -> Mapping[str, FieldSession]:
        return {str(s.id): s for s in self.database.repos.field_sessions.with_ids(ids)}

    def current_staff_id(self) -> UUID | None:
        """The staff member last used on this machine, when still active, else the
        only active one (:meth:`Page.usual_staff_id`)."""
        return self.usual_staff_id(self.active_staff())

    def _apply_defaults(self, day: date | None = None) -> None:
        """``day`` (default today), the current user, and the sector, kind and times of
        the last outing."""
        last: dict[str, Any] = self.preferences.get(LAST_FIELD, {}) or {}
        self.date_edit.setDate(to_qdate(day or date.today()))
        self.start_edit.setTime(to_qtime(time.fromisoformat(last.get("start", "14:00"))))
        self.end_edit.setTime(to_qtime(time.fromisoformat(last.get("end", "16:00"))))
        select_data(self.kind_combo, last.get("kind", FieldSessionKind.STREET_WORK.value))
        sector = last.get("sector")
        self.sector_combo.select_id(UUID(sector) if sector else None)
        self.staff_list.clear_checks()
        current = self.current_staff_id()
        if current is not None:
            self.staff_list.set_checked(current)
        self._update_duration()

    def _add_sector(self) -> None:
        """« New sector… »: the sector just created is the one of this outing."""
        sector = self.add_sector()
        if sector is not None:
            self.sector_combo.select_id(sector.id)

    def showEvent(self, event: QShowEvent) -> None:
        """Put the cursor in the start time: the date is already today's."""
        super().showEvent(event)
        if not event.spontaneous():
            self.start_edit.setFocus(Qt.FocusReason.TabFocusReason)

    # ------------------------------------------------------------ form

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

    def _night_confirmed(self) -> bool:
        """An outing ending the next day after more than :data:`LONG_NIGHT_HOURS` is
        most often a mistyped time (14:30 → 11:00 was saved as 20 h 30 with only a
        hint: issue 15): the user confirms it, or corrects it."""
        day, start, end = self._times()
        hours = elapsed_hours(day, start, end)
        if end > start or hours <= LONG_NIGHT_HOURS:
            return True
        answer = QMessageBox.question(
            self,
            self.tr("Outing ending the next day"),
            self.tr("This outing starts at {0} and ends the next day at {1}, so it lasts "
                    "{2}. Is that right?").format(
                start.strftime("%H:%M"), end.strftime("%H:%M"), format_hours_minutes(hours)),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            self.end_edit.setFocus(Qt.FocusReason.OtherFocusReason)
            return False
        return True

    def _check_observation(self) -> None:
        self.observation_warning.setVisible(
            contains_name(self.observation_edit.toPlainText(), self.names.needles())
        )

    def _create_young(self, nickname: str) -> YoungPerson | None:
        if not self.when_writable(self.young_picker.create_typed, self.errors):
            return None
        saved = build_and_save(
            lambda: YoungPerson(nickname=nickname),
            self.database.repos.young_people.save,
            self.errors,
        )
        if saved is not None:
            self.hub.notify_records({"young_person": [saved.id]})
            self.hub.show_message(
                self.tr("Young person created under the code {0}.").format(saved.code)
            )
        return saved

    def _build(self) -> FieldSession:
        day, start, end = self._times()
        fields: dict[str, Any] = {
            "date": day,
            "start_time": start,
            "end_time": end,
            "staff_ids": self.staff_list.checked_ids(),
            "session_kind": combo_enum(self.kind_combo, FieldSessionKind),
            "sector_id": self.sector_combo.current_id(),
            "tallies": self.tally_grid.cells(),
            "adults_met": self.adults_spin.value(),
            "partners_met": self.partners_spin.value(),
            "young_met_ids": self.young_picker.chosen_ids(),
            "observation": self.observation_edit.toPlainText(),
        }
        if self._editing is not None:
            fields.update(id=self._editing.id, created_at=self._editing.created_at)
        return FieldSession(**fields)

    def save(self) -> None:
        """Validate and save the session (its time entries follow), then clear counts."""
        if not self.when_writable(self.save, self.errors):
            return
        # A name in the observation would survive that young person's erasure (issue 14).
        if not names_allowed(self, self.observation_edit.toPlainText(), self.names):
            return
        if not self._night_confirmed():
            return
        saved = build_and_save(self._build, self.database.repos.field_sessions.save, self.errors)
        if saved is None:
            return
        self._remember(saved)
        edited = self._editing is not None
        # The next outing of a week typed afterwards is most often the same day or the
        # next: the date stays (the times and kind stay too).
        self._reset_form(saved.date)
        if saved.date.year != self.shown_year():
            self.show_year(saved.date.year)
        self.hub.notify_records({"field_session": [saved.id]}, also=("time_entry",))
        self.reveal(saved.id)
        if edited:
            self.hub.show_message(self.tr("Field session updated."))
            return
        # The kind is said because it is carried over from the last outing.
        contacts = saved.anonymous_contacts + len(saved.young_met_ids)  # singular for 0 and 1
        self.hub.show_message(
            (self.tr("Field session saved: {0} on {1}, {2}, {3} contact.") if contacts < 2
             else self.tr("Field session saved: {0} on {1}, {2}, {3} contacts.")).format(
                saved.session_kind.label,
                format_date(saved.date),
                format_hours_minutes(saved.hours),
                contacts,
            )
        )

    def _remember(self, saved: FieldSession) -> None:
        current = self.current_staff_id()
        if current not in saved.staff_ids:
            self.preferences.set(CURRENT_STAFF, str(saved.staff_ids[0]))
        self.preferences.set(
            LAST_FIELD,
            {
                "sector": str(saved.sector_id) if saved.sector_id else None,
                "kind": saved.session_kind.value,
                "start": saved.start_time.strftime("%H:%M"),
                "end": saved.end_time.strftime("%H:%M"),
            },
        )

    def _reset_form(self, day: date | None = None) -> None:
        self._editing = None
        self.editing_label.hide()
        self.save_button.setText(self.tr("Save the field session"))
        self.tally_grid.reset()
        self.adults_spin.setValue(0)
        self.partners_spin.setValue(0)
        self.observation_edit.clear()
        self.young_picker.clear()
        self.errors.clear_lines()
        self._apply_defaults(day)
        self.form_clean(DRAFT_FORM)

    def clear_form(self) -> None:
        """Empty the form (and its draft), leaving any edit."""
        self._reset_form()

    # ------------------------------------------------------------ list actions

    def selected_session(self) -> FieldSession | None:
        """The session selected in the list, or ``None``."""
        row = selected_row(self.table)
        return None if row is None else self.model.row_object(row)

    def reveal(self, session_id: UUID) -> None:
        """Select the outing in the list and scroll to it (after a save)."""
        row = self.model.row_of(session_id)
        if row is not None:
            self.table.selectRow(row)
            self.table.scrollTo(self.model.index(row, 0))

    def _selection_changed(self) -> None:
        self.actions.set_has_selection(self.selected_session() is not None)

    def _show_editing(self, session: FieldSession | None) -> None:
        self._editing = session
        if self._editing is None:
            self.editing_label.hide()
            self.save_button.setText(self.tr("Save the field session"))
            return
        self.editing_label.setText(
            self.tr("Editing the field session of {0}.").format(format_date(self._editing.date))
        )
        self.editing_label.show()
        self.save_button.setText(self.tr("Save the changes"))

    def edit_selected(self) -> None:
        """Load the selected session into the form; saving updates it."""
        session = self.selected_session()
        if session is None:
            return
        self._show_editing(session)
        self.date_edit.setDate(to_qdate(session.date))
        self.start_edit.setTime(to_qtime(session.start_time))
        self.end_edit.setTime(to_qtime(session.end_time))
        select_data(self.kind_combo, session.session_kind)
        self.sector_combo.select_id(session.sector_id)
        self.staff_list.clear_checks()
        for staff_id in session.staff_ids:
            self.staff_list.set_checked(staff_id)
        self.tally_grid.set_cells(session.tallies)
        self.adults_spin.setValue(session.adults_met)
        self.partners_spin.setValue(session.partners_met)
        self.young_picker.set_chosen(session.young_met_ids)
        self.observation_edit.setPlainText(session.observation)
        self.form_clean(DRAFT_FORM)
        self.start_edit.setFocus()

    def delete_selected(self) -> None:
        """Delete the selected session (its time entries follow); undo is offered."""
        session = self.selected_session()
        if session is None:
            return
        if self._editing is not None and self._editing.id == session.id:
            self.clear_form()
        self.actions.delete(
            [(self.database.repos.field_sessions, session.id)],
            ("field_session", "time_entry"),
            self.tr("Field session of {0} deleted.").format(format_date(session.date)),
            self.tr("Field session of {0} restored.").format(format_date(session.date)),
        )
