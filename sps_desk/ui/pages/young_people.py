"""« Jeunes »: record a young person under a generated code and list them.

Identity fields (names, address, phone) are never shown nor asked in this version.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
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
from sps_desk.store.database import Database
from sps_desk.ui.formatting import DATE_FORMAT, from_qdate, to_qdate
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
    select_data,
)
from sps_desk.ui.widgets.table_model import Column, RecordTableModel, make_table_view

_PRECISION_FORMATS = {
    BirthDatePrecision.EXACT: DATE_FORMAT,
    BirthDatePrecision.ESTIMATED: DATE_FORMAT,
    BirthDatePrecision.MONTH: "MM/yyyy",
    BirthDatePrecision.YEAR: "yyyy",
}


class YoungPeoplePage(Page):
    """Form of a young person (left) and the list of young people (right)."""

    watched_kinds = frozenset({"young_person", "sector"})

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
        self.birth_edit = QDateEdit()
        self.birth_edit.setCalendarPopup(True)
        self.birth_edit.setDateRange(QDate(1950, 1, 1), to_qdate(date.today()))
        self.birth_edit.setDate(to_qdate(date(date.today().year - 15, 1, 1)))
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
        self.save_button = QPushButton(self.tr("Save the young person"))
        self.save_button.clicked.connect(self.save)
        self.last_code_label = QLabel()
        self.last_code_label.setAccessibleName(self.tr("Code of the last young person saved"))

        form = new_form()
        form.addRow(code_info)
        add_row(form, self.tr("Nickname:"), self.nickname_edit)
        add_row(form, self.tr("Sex:"), self.sex_combo)
        add_row(form, self.tr("Birth date:"), self.birth_edit, birth_row)
        add_row(form, self.tr("Situation:"), self.situation_combo)
        add_row(form, self.tr("Sector:"), self.sector_combo)
        add_row(form, self.tr("In the care of child welfare (ASE):"), self.welfare_combo)
        form.addRow(self.errors)
        form.addRow(self.save_button)
        form.addRow(self.last_code_label)
        form_widget = QWidget()
        form_widget.setLayout(form)

        self.model = RecordTableModel(
            [
                Column(self.tr("Code"), lambda y: y.code),
                Column(self.tr("Nickname"), lambda y: y.nickname),
                Column(self.tr("Sex"), lambda y: y.sex.label),
                Column(self.tr("Age"), self._age_text, True),
                Column(self.tr("Situation"), lambda y: y.situation.label),
            ],
            self,
        )
        self.table = make_table_view(self.model, self.tr("Young people"))
        list_box = QWidget()
        list_layout = QVBoxLayout(list_box)
        list_layout.setContentsMargins(0, 0, 0, 0)
        list_layout.addWidget(buddy_label(self.tr("Young people:"), self.table))
        list_layout.addWidget(self.table)

        splitter = QSplitter()
        splitter.addWidget(scrolling(form_widget))
        splitter.addWidget(list_box)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([520, 580])
        QVBoxLayout(self).addWidget(splitter)

        self.birth_known_box.toggled.connect(self._birth_toggled)
        self.precision_combo.currentIndexChanged.connect(self._precision_changed)
        self._birth_toggled(False)
        self._precision_changed()
        self.register_writers([self.save_button])
        self.refresh()

    def title(self) -> str:
        """« Jeunes »."""
        return self.tr("Young people")

    def refresh(self) -> None:
        """Reload sectors and the list of young people (by code)."""
        self.sector_combo.set_choices(self.sector_choices(), self.tr("(no sector)"))
        young = sorted(self.database.repos.young_people.all(), key=lambda y: y.code)
        self.model.set_rows(young)

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
        return YoungPerson(
            nickname=self.nickname_edit.text(),
            sex=combo_enum(self.sex_combo, Sex),
            birth_date=self._birth_date(),
            birth_date_precision=combo_enum(self.precision_combo, BirthDatePrecision),
            situation=combo_enum(self.situation_combo, Situation),
            sector_id=self.sector_combo.current_id(),
            in_child_welfare_care=self.welfare_combo.currentData(),
        )

    def save(self) -> None:
        """Validate and save the young person, then clear the form."""
        saved = build_and_save(self._build, self.database.repos.young_people.save, self.errors)
        if saved is None:
            return
        self.nickname_edit.clear()
        select_data(self.sex_combo, Sex.NOT_STATED)
        self.birth_known_box.setChecked(False)
        select_data(self.situation_combo, Situation.UNKNOWN)
        self.welfare_combo.setCurrentIndex(0)
        self.last_code_label.setText(self.tr("Last young person saved: {0}").format(saved.code))
        self.hub.notify_changed("young_person")
        self.hub.show_message(self.tr("Young person saved under the code {0}.").format(saved.code))
