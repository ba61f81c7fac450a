"""« Jeunes »: record a young person under a generated code, find, filter and edit them.

The list holds the ids of the young people kept by the filters (active support, age
bracket, sector) in the order of the column clicked, both done by the database, and
reads only the rows on screen. The search filters those ids on each keystroke against
the window's index of folded codes and nicknames (insensitive to case, accents, Unicode
form, and found in Latin letters for other scripts): no query per keystroke. Creating a
young person whose nickname (folded) or sex and birth date match someone already
recorded shows a possible-duplicate warning and needs a second click. Identity fields
are never asked here.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any
from uuid import UUID

from PySide6.QtCore import QCoreApplication, QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from sps_desk.ages import age_on
from sps_desk.enums import BirthDatePrecision, Sex, Situation
from sps_desk.records import YoungPerson
from sps_desk.search import haystack, query_words
from sps_desk.store.database import Database
from sps_desk.store.listing import (
    ANY,
    NO_SECTOR,
    Sort,
    YoungFilter,
    YoungLabel,
    concern_report_ids,
    referral_ids,
    young_person_ids,
    young_with_birth,
)
from sps_desk.store.rights import restricted_ids
from sps_desk.ui.dialogs.identity import IdentityDialog
from sps_desk.ui.drafting import DraftForm, editing_hooks
from sps_desk.ui.formatting import DATE_FORMAT, from_qdate, to_qdate
from sps_desk.ui.hub import Changes, DataHub
from sps_desk.ui.pages.base import Page, scrolling
from sps_desk.ui.pages.young_person_detail import YoungPersonDialog
from sps_desk.ui.restriction import RestrictionLabel
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
from sps_desk.ui.widgets.table_model import (
    Column,
    PagedTableModel,
    make_table_view,
    selected_row,
)
from sps_desk.ui.widgets.young_picker import young_label
from sps_desk.ui.young_index import young_index

DRAFT_FORM = "young_person"
NO_SECTOR_DATA = "none"
"""Sector filter item meaning « young people without a sector »."""

_PRECISION_FORMATS = {
    BirthDatePrecision.EXACT: DATE_FORMAT,
    BirthDatePrecision.ESTIMATED: DATE_FORMAT,
    BirthDatePrecision.MONTH: "MM/yyyy",
    BirthDatePrecision.YEAR: "yyyy",
}


class YoungPeoplePage(Page):
    """Form of a young person (left) and the list of young people (right)."""

    watched_kinds = frozenset({"young_person", "sector", "individual_support", "identity"})

    def __init__(self, database: Database, hub: DataHub, parent: QWidget | None = None) -> None:
        super().__init__(database, hub, parent)
        code_info = QLabel(
            self.tr(
                "A pseudonymous code (such as J-7KQ2MX) is generated when saving. "
                "Names are never needed."
            )
        )
        code_info.setWordWrap(True)
        self.nickname_edit = QLineEdit()
        self.nickname_edit.setMaxLength(200)
        self.nickname_edit.setPlaceholderText(self.tr("optional"))
        self.sex_combo = enum_combo(Sex)
        select_data(self.sex_combo, Sex.NOT_STATED)

        self.birth_known_box = QCheckBox(self.tr("Birth date known"))
        # Typed as every date of the window: what is typed is saved, or a French message
        # says why not (a plain QDateEdit saved another date in silence: issue 15).
        self.birth_edit = FrenchDateEdit(date(date.today().year - 15, 1, 1))
        self.birth_edit.setDateRange(QDate(1950, 1, 1), to_qdate(date.today()))
        self.precision_combo = enum_combo(BirthDatePrecision)
        birth_row = QWidget()
        birth_layout = QHBoxLayout(birth_row)
        birth_layout.setContentsMargins(0, 0, 0, 0)
        birth_layout.addWidget(self.birth_known_box)
        birth_layout.addWidget(self.birth_edit, 1)
        precision_label = buddy_label(self.tr("Precision:"), self.precision_combo)
        birth_layout.addWidget(precision_label)
        birth_layout.addWidget(self.precision_combo, 1)

        self.situation_combo = enum_combo(Situation)
        select_data(self.situation_combo, Situation.UNKNOWN)
        self.sector_combo = RecordCombo()
        self.welfare_combo = QComboBox()
        self.welfare_combo.addItem(self.tr("Not recorded"), None)
        self.welfare_combo.addItem(self.tr("Yes"), True)
        self.welfare_combo.addItem(self.tr("No"), False)

        self.errors = ErrorBox()
        self.duplicate_label = QLabel()
        self.duplicate_label.setWordWrap(True)
        apply_tone(self.duplicate_label, Tone.WARNING, "font-weight: bold;")
        self.duplicate_label.setAccessibleName(self.tr("Possible duplicate"))
        self.duplicate_label.hide()
        self._duplicate_confirmed = False
        self._revealed_keys: dict[str, str] = {}
        """Folded names revealed in this session (searchable until the lock)."""
        self._editing: YoungPerson | None = None
        self.editing_label = QLabel()
        self.editing_label.setStyleSheet("font-weight: bold;")
        self.editing_label.hide()
        self.save_button = QPushButton(self.tr("Save the young person"))
        self.save_button.clicked.connect(self.save)
        self.cancel_button = QPushButton(self.tr("Clear the form"))
        self.cancel_button.clicked.connect(self.reset_form)
        self.last_code_label = QLabel()
        self.last_code_label.setAccessibleName(self.tr("Code of the last young person saved"))

        form = new_form()
        form.addRow(code_info)
        form.addRow(self.editing_label)
        add_row(form, self.tr("Nickname:"), self.nickname_edit)
        add_row(form, self.tr("Sex:"), self.sex_combo)
        add_row(form, self.tr("Birth date:"), self.birth_edit, birth_row)
        add_row(form, self.tr("Situation:"), self.situation_combo)
        add_row(form, self.tr("Sector:"), self.sector_combo)
        add_row(form, self.tr("In the care of child welfare (ASE):"), self.welfare_combo)
        form.addRow(self.errors)
        form.addRow(self.duplicate_label)
        form.addRow(self.save_button)
        form.addRow(self.cancel_button)
        form.addRow(self.last_code_label)
        form_widget = QWidget()
        form_widget.setLayout(form)

        self.young = young_index(hub, database)
        self.brackets = database.service().age_brackets
        self.model = PagedTableModel(
            [
                Column(self.tr("Code"), lambda y: y.code, sort="code"),
                Column(self.tr("Nickname"), lambda y: y.nickname, sort="nickname"),
                Column(self.tr("Sex"), lambda y: y.sex.label, sort="sex"),
                Column(self.tr("Age"), self._age_text, True, sort="age"),
                Column(self.tr("Situation"), lambda y: y.situation.label, sort="situation"),
            ],
            self._young_ids,
            self._young_rows,
            Sort("code"),
            self,
        )
        self.model.keep = self._searched
        self.table = make_table_view(self.model, self.tr("Young people"))
        self.search_edit = QLineEdit()
        self.search_edit.setPlaceholderText(self.tr("code, nickname…"))
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.textChanged.connect(self._search_changed)
        self.active_box = QCheckBox(self.tr("Only with an active support"))
        self.active_box.toggled.connect(self._filters_changed)
        self.bracket_filter = QComboBox()
        self.bracket_filter.addItem(self.tr("All ages"), ANY)
        for key in self.brackets.keys():
            self.bracket_filter.addItem(self.brackets.label(key), key)
        self.bracket_filter.currentIndexChanged.connect(self._filters_changed)
        self.sector_filter = QComboBox()
        self.sector_filter.currentIndexChanged.connect(self._filters_changed)
        filters = new_form()
        add_row(filters, self.tr("Search:"), self.search_edit)
        add_row(filters, self.tr("Age:"), self.bracket_filter)
        add_row(filters, self.tr("Sector filter:"), self.sector_filter)
        filters.addRow(self.active_box)
        self.count_label = QLabel()
        self.count_label.setAccessibleName(self.tr("Number of young people shown"))
        self.restricted_label = RestrictionLabel()
        self._restricted: frozenset[UUID] = frozenset()
        self._total = 0
        self.actions = RecordActions(hub)
        self.details_button = QPushButton(self.tr("Details and timeline…"))
        self.details_button.clicked.connect(self.show_details)
        self.actions.layout().insertWidget(0, self.details_button)
        self.identity_button = QPushButton(self.tr("Identity…"))
        self.identity_button.setToolTip(
            self.tr("Show the identity (audited); the name then becomes searchable here.")
        )
        self.identity_button.clicked.connect(self.show_identity)
        self.actions.layout().insertWidget(1, self.identity_button)
        self.actions.edit_requested.connect(self.edit_selected)
        self.actions.delete_requested.connect(self.delete_selected)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.table.doubleClicked.connect(lambda _index: self.show_details())
        list_box = QWidget()
        list_layout = QVBoxLayout(list_box)
        list_layout.setContentsMargins(0, 0, 0, 0)
        list_layout.addLayout(filters)
        list_layout.addWidget(buddy_label(self.tr("Young people:"), self.table))
        list_layout.addWidget(self.table)
        list_layout.addWidget(self.count_label)
        list_layout.addWidget(self.restricted_label)
        list_layout.addWidget(self.actions)

        splitter = QSplitter()
        splitter.addWidget(scrolling(form_widget))
        splitter.addWidget(scrolling(list_box))
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([520, 580])
        self.set_body(splitter)

        self.birth_known_box.toggled.connect(self._birth_toggled)
        self.precision_combo.currentIndexChanged.connect(self._precision_changed)
        self._birth_toggled(False)
        self._precision_changed()
        # A change of what the duplicate check compares asks for a new confirmation.
        self.nickname_edit.textChanged.connect(self._forget_duplicate)
        self.sex_combo.currentIndexChanged.connect(self._forget_duplicate)
        self.birth_edit.dateChanged.connect(self._forget_duplicate)
        self.birth_known_box.toggled.connect(self._forget_duplicate)
        self.refresh()
        self.keep_drafts(
            [
                DraftForm(
                    DRAFT_FORM,
                    self.tr("young person"),
                    {
                        "nickname": self.nickname_edit,
                        "sex": self.sex_combo,
                        "birth_known": self.birth_known_box,
                        "precision": self.precision_combo,
                        "birth_date": self.birth_edit,
                        "situation": self.situation_combo,
                        "sector": self.sector_combo,
                        "child_welfare": self.welfare_combo,
                    },
                    **editing_hooks(
                        lambda: self._editing, database.repos.young_people, self._show_editing
                    ),
                )
            ]
        )

    @classmethod
    def title_text(cls) -> str:
        """« Jeunes »."""
        return QCoreApplication.translate("YoungPeoplePage", "Young people")

    def refresh(self) -> None:
        """Reload sectors, restrictions and the list of young people."""
        self._load_sectors()
        self._restricted = frozenset(restricted_ids(self.database))
        self._total = self.database.repos.young_people.count()
        self.model.reload()
        self._update_count()

    def apply_changes(self, changes: Changes) -> None:
        """Update only the young people written (their rows repainted, inserted or
        removed); the whole list when supports changed under an « active » filter."""
        if changes.touches(("sector",)):
            self._load_sectors()
        if changes.touches(("young_person", "identity")):
            self._restricted = frozenset(restricted_ids(self.database))
        if changes.touches(("young_person",)):
            self._total = self.database.repos.young_people.count()
            self.model.refresh(changes.ids("young_person"))
        elif changes.touches(("individual_support",)) and self.active_box.isChecked():
            self.model.refresh(frozenset())
        self._update_count()

    def _load_sectors(self) -> None:
        sectors = self.sector_choices()
        self.sector_combo.set_choices(sectors, self.tr("(no sector)"))
        current = self.sector_filter.currentData()
        self.sector_filter.blockSignals(True)
        self.sector_filter.clear()
        self.sector_filter.addItem(self.tr("All sectors"), ANY)
        self.sector_filter.addItem(self.tr("(no sector)"), NO_SECTOR_DATA)
        for label, record_id in sectors:
            self.sector_filter.addItem(label, str(record_id))
        index = self.sector_filter.findData(current)
        self.sector_filter.setCurrentIndex(max(index, 0))
        self.sector_filter.blockSignals(False)

    def young_filter(self) -> YoungFilter:
        """The filters chosen above the list (the search apart)."""
        today = date.today()
        sector = self.sector_filter.currentData()
        return YoungFilter(
            today=today,
            brackets=self.brackets,
            active_on=today if self.active_box.isChecked() else None,
            bracket=self.bracket_filter.currentData() or ANY,
            sector=NO_SECTOR if sector == NO_SECTOR_DATA
            else UUID(sector) if sector not in (None, ANY) else ANY,
        )

    def _young_ids(self, sort: Sort) -> list[str]:
        return young_person_ids(self.database, self.young_filter(), sort)

    def _young_rows(self, ids: list[str]) -> Mapping[str, YoungPerson]:
        return {str(y.id): y for y in self.database.repos.young_people.with_ids(ids)}

    def _searched(self, ids: list[str]) -> list[str]:
        """The search, on the index's folded keys (and names revealed in this session)."""
        words = query_words(self.search_edit.text())
        if not words:
            return ids
        return self.young.filter(ids, words, self._revealed_keys)

    def _filters_changed(self) -> None:
        self.model.reload()
        self._update_count()

    def _search_changed(self) -> None:
        self.model.refilter()
        self._update_count()

    def _update_count(self) -> None:
        self.count_label.setText(
            self.tr("Shown: {0} of {1}").format(self.model.rowCount(), self._total)
        )
        self._selection_changed()

    def shown_codes(self) -> list[str]:
        """Codes of the young people shown (after search and filters), in order (reads
        every row shown: for checks on small lists)."""
        return [self.model.row_object(row).code for row in range(self.model.rowCount())]

    def selected_young(self) -> YoungPerson | None:
        """The young person selected in the list, or ``None``."""
        row = selected_row(self.table)
        return None if row is None else self.model.row_object(row)

    def is_restricted(self, person: YoungPerson) -> bool:
        """Whether ``person``'s processing is restricted (read-only, GDPR art. 18)."""
        return person.id in self._restricted

    def _selection_changed(self) -> None:
        person = self.selected_young()
        selected = person is not None
        restricted = person is not None and self.is_restricted(person)
        self.actions.set_has_selection(selected and not restricted)
        self.restricted_label.setVisible(restricted)
        self.details_button.setEnabled(selected)
        self.identity_button.setEnabled(selected)

    def show_identity(self) -> None:
        """Open the (audited) identity dialog of the selected young person.

        Once revealed, the name is searchable in this list until the session locks or
        the window closes (it is kept in memory only).
        """
        person = self.selected_young()
        if person is None:
            return
        dialog = IdentityDialog(self.database, person, self)

        def remember() -> None:
            name = " ".join(
                dialog.edits[field].text() for field in ("first_name", "last_name")
            ).strip()
            if name:
                self._revealed_keys[str(person.id)] = haystack([name])
                self.young.forget_filter()
                self.model.refilter()
                self._update_count()

        dialog.reveal_button.clicked.connect(remember)  # after the dialog's own reveal
        self.identity_dialog = dialog
        dialog.open()

    def show_details(self) -> None:
        """Open the detail sheet and timeline of the selected young person."""
        person = self.selected_young()
        if person is None:
            return
        dialog = YoungPersonDialog(self.database, person, self)
        dialog.open()
        self.detail_dialog = dialog

    def _age_text(self, young: YoungPerson) -> str:
        birth = young.age_birth_date()
        today = date.today()
        if birth is None or birth > today:
            return "—"
        age = age_on(birth, today)
        if young.birth_date_precision is BirthDatePrecision.EXACT:
            return self.tr("{0} years").format(age)
        return self.tr("about {0} years").format(age)

    def _birth_toggled(self, known: bool) -> None:
        self.birth_edit.setEnabled(known)
        self.precision_combo.setEnabled(known)

    def _precision_changed(self) -> None:
        precision = combo_enum(self.precision_combo, BirthDatePrecision)
        self.birth_edit.setDisplayFormat(_PRECISION_FORMATS[precision])

    def _birth_date(self) -> date | None:
        if not self.birth_known_box.isChecked():
            return None
        value = from_qdate(self.birth_edit.date())
        precision = combo_enum(self.precision_combo, BirthDatePrecision)
        if precision is BirthDatePrecision.YEAR:
            return date(value.year, 1, 1)
        if precision is BirthDatePrecision.MONTH:
            return date(value.year, value.month, 1)
        return value

    def _build(self) -> YoungPerson:
        fields: dict[str, Any] = {
            "nickname": self.nickname_edit.text(),
            "sex": combo_enum(self.sex_combo, Sex),
            "birth_date": self._birth_date(),
            "birth_date_precision": combo_enum(self.precision_combo, BirthDatePrecision),
            "situation": combo_enum(self.situation_combo, Situation),
            "sector_id": self.sector_combo.current_id(),
            "in_child_welfare_care": self.welfare_combo.currentData(),
        }
        if self._editing is not None:
            fields.update(
                id=self._editing.id, code=self._editing.code, created_at=self._editing.created_at
            )
        return YoungPerson(**fields)

    def possible_duplicates(self, candidate: YoungPerson) -> list[YoungLabel]:
        """Young people already recorded that may be ``candidate``: a near nickname
        (« Zoé » = « ZOE », « Kemi » ≈ « Kémy », :mod:`sps_desk.near_names`), or same sex
        and same known birth date, by code."""
        found = {label.id: label for label in self.young.same_nickname(candidate.nickname)}
        if candidate.birth_date is not None and candidate.sex is not Sex.NOT_STATED:
            found.update(
                (label.id, label)
                for label in young_with_birth(self.database, candidate.sex, candidate.birth_date)
            )
        found.pop(str(candidate.id), None)
        return sorted(found.values(), key=lambda label: label.code)

    def _forget_duplicate(self) -> None:
        self._duplicate_confirmed = False
        self.duplicate_label.hide()
        self.save_button.setText(
            self.tr("Save the changes") if self._editing else self.tr("Save the young person")
        )

    def save(self) -> None:
        """Validate and save the young person, then clear the form.

        A possible duplicate is shown first; a second click saves anyway.
        """
        if self._editing is None and not self._duplicate_confirmed:
            try:
                candidate = self._build()
            except Exception:  # validation errors are shown by the save below
                candidate = None
            twins = self.possible_duplicates(candidate) if candidate else []
            if twins:
                self.duplicate_label.setText(
                    self.tr(
                        "Possible duplicate: {0} looks like this young person (a close "
                        "nickname, or the same sex and birth date). Check the list; click "
                        "again to save a new young person anyway."
                    ).format(", ".join(young_label(p) for p in twins))
                )
                self.duplicate_label.show()
                self._duplicate_confirmed = True
                self.save_button.setText(self.tr("Save anyway"))
                return
        edited = self._editing is not None
        if not self.when_writable(self.save, self.errors):
            return
        saved = build_and_save(self._build, self.database.repos.young_people.save, self.errors)
        if saved is None:
            return
        self.reset_form()
        self.last_code_label.setText(self.tr("Last young person saved: {0}").format(saved.code))
        self.hub.notify_records({"young_person": [saved.id]})
        row = self.model.row_of(saved.id)
        if row is not None:
            self.table.selectRow(row)
            self.table.scrollTo(self.model.index(row, 0))
        if edited:
            self.hub.show_message(self.tr("Young person {0} updated.").format(saved.code))
        else:
            self.hub.show_message(
                self.tr("Young person saved under the code {0}.").format(saved.code)
            )

    def reset_form(self) -> None:
        """Empty the form and leave any edit."""
        self._editing = None
        self.editing_label.hide()
        self.nickname_edit.clear()
        select_data(self.sex_combo, Sex.NOT_STATED)
        self.birth_known_box.setChecked(False)
        select_data(self.situation_combo, Situation.UNKNOWN)
        self.sector_combo.select_id(None)
        self.welfare_combo.setCurrentIndex(0)
        self.errors.clear_lines()
        self._forget_duplicate()
        self.form_clean(DRAFT_FORM)

    def _show_editing(self, person: YoungPerson | None) -> None:
        self._editing = person
        self.editing_label.setText(self.tr("Editing {0}").format(person.code) if person else "")
        self.editing_label.setVisible(person is not None)
        self._forget_duplicate()

    def edit_selected(self) -> None:
        """Load the selected young person into the form; saving keeps their code.

        A restricted young person is read-only: nothing is loaded.
        """
        person = self.selected_young()
        if person is None or self.is_restricted(person):
            return
        self.reset_form()
        self._show_editing(person)
        self.nickname_edit.setText(person.nickname)
        select_data(self.sex_combo, person.sex)
        if person.birth_date is not None:
            self.birth_known_box.setChecked(True)
            select_data(self.precision_combo, person.birth_date_precision)
            self.birth_edit.setDate(to_qdate(person.birth_date))
        select_data(self.situation_combo, person.situation)
        self.sector_combo.select_id(person.sector_id)
        welfare = {None: 0, True: 1, False: 2}[person.in_child_welfare_care]
        self.welfare_combo.setCurrentIndex(welfare)
        self._forget_duplicate()
        self.form_clean(DRAFT_FORM)
        self.nickname_edit.setFocus()

    def delete_selected(self) -> None:
        """Delete the selected young person with their supports, interventions,
        referrals, concern reports and identity; undo is offered. A restricted young
        person is kept as they are (their erasure is a rights request)."""
        person = self.selected_young()
        if person is None or self.is_restricted(person):
            return
        repos = self.database.repos
        records: list[tuple[Any, UUID]] = [(repos.young_people, person.id)]
        supports = repos.supports.for_young_person(person.id)
        for support in supports:
            records.append((repos.supports, support.id))
            records += [
                (repos.interventions, i.id) for i in repos.interventions.for_support(support.id)
            ]
        records += [
            (repos.referrals, UUID(i))
            for i in referral_ids(self.database, [s.id for s in supports])
        ]
        records += [
            (repos.concern_reports, UUID(i))
            for i in concern_report_ids(self.database, person.id)
        ]
        identity = repos.identities.for_young_person(person.id)
        if identity is not None:
            records.append((repos.identities, identity.id))
        if self._editing is not None and self._editing.id == person.id:
            self.reset_form()
        self.actions.delete(
            records,
            ("young_person", "individual_support", "intervention", "time_entry", "identity"),
            self.tr("Young person {0} deleted.").format(person.code),
            self.tr("Young person {0} restored.").format(person.code),
        )
