"""« Conflits » : records two laptops changed since they last exchanged them.

Nothing was overwritten: the merge kept every version (``store.sync.conflicts``) and
shows the newest until the chief chooses. For the chosen conflict, the fields that
differ are shown side by side, one column per version, with who wrote it and when; the
chief keeps one version (``conflicts.resolve``), which the laptops then receive. Only the
chief can resolve. Identity fields stay hidden until the chief asks to see them, which
is audited like any other reveal of an identity.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime, time
from enum import Enum

from pydantic import BaseModel
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from sps_desk.enums import LabelledEnum
from sps_desk.errors import SpsDeskError
from sps_desk.records import NOT_RECORDED, Identity, Record, field_label
from sps_desk.store.database import Database
from sps_desk.store.sync.conflicts import Conflict, open_conflicts, resolve
from sps_desk.store.sync.merge import peers
from sps_desk.ui.formatting import format_date, format_number
from sps_desk.ui.hub import DataHub
from sps_desk.ui.widgets.forms import ErrorBox
from sps_desk.versions import winner

_STAMPS = ("updated_at", "device_id")
"""Shown in each version's heading rather than as rows."""


def kind_label(kind: str) -> str:
    """The translated name of a record kind (``"young_person"`` → « Jeune »)."""
    labels = {
        "service": QCoreApplication.translate("ConflictsDialog", "Service"),
        "sector": QCoreApplication.translate("ConflictsDialog", "Sector"),
        "staff_member": QCoreApplication.translate("ConflictsDialog", "Staff member"),
        "partner": QCoreApplication.translate("ConflictsDialog", "Partner"),
        "young_person": QCoreApplication.translate("ConflictsDialog", "Young person"),
        "identity": QCoreApplication.translate("ConflictsDialog", "Identity"),
        "field_session": QCoreApplication.translate("ConflictsDialog", "Field session"),
        "individual_support": QCoreApplication.translate("ConflictsDialog", "Support"),
        "intervention": QCoreApplication.translate("ConflictsDialog", "Intervention"),
        "referral": QCoreApplication.translate("ConflictsDialog", "Referral"),
        "concern_report": QCoreApplication.translate("ConflictsDialog", "Concern report"),
        "collective_action": QCoreApplication.translate("ConflictsDialog", "Collective action"),
        "collective_action_session": QCoreApplication.translate(
            "ConflictsDialog", "Collective action session"),
        "time_entry": QCoreApplication.translate("ConflictsDialog", "Time entry"),
        "report_sections": QCoreApplication.translate("ConflictsDialog", "Report texts"),
    }
    return labels.get(kind, kind)


class ValueFormatter:
    """Turns record field values into text for people: labels of fixed lists, French
    dates, local times, decimal commas, and the names or codes of referenced records
    instead of their UUIDs (looked up once per dialog)."""

    def __init__(self, database: Database) -> None:
        self.database = database
        self._names: dict[uuid.UUID, str] | None = None

    def _name_of(self, record_id: uuid.UUID) -> str:
        if self._names is None:
            repos = self.database.repos
            names: dict[uuid.UUID, str] = {}
            names.update({s.id: s.display_name for s in repos.staff.all(include_deleted=True)})
            names.update({y.id: y.code for y in repos.young_people.all(include_deleted=True)})
            names.update({p.id: p.name for p in repos.partners.all(include_deleted=True)})
            names.update({s.id: s.label for s in repos.sectors.all(include_deleted=True)})
            names.update({a.id: a.title
                          for a in repos.collective_actions.all(include_deleted=True)})
            self._names = names
        # An unknown reference (a record erased since) shows the start of its id.
        return self._names.get(record_id, str(record_id)[:8])

    def text(self, value: object) -> str:
        """``value`` as shown in the conflict table (« — » for nothing)."""
        if value is None or value == "" or value == [] or value == {}:
            return "—"
        if value == NOT_RECORDED:
            return QCoreApplication.translate("ConflictsDialog", "not recorded")
        if isinstance(value, bool):
            return (QCoreApplication.translate("ConflictsDialog", "yes") if value
                    else QCoreApplication.translate("ConflictsDialog", "no"))
        if isinstance(value, LabelledEnum):
            return value.label
        if isinstance(value, Enum):
            return str(value.value)
        if isinstance(value, datetime):
            return value.astimezone().strftime("%d/%m/%Y %H:%M")
        if isinstance(value, date):
            return format_date(value)
        if isinstance(value, time):
            return value.strftime("%H:%M")
        if isinstance(value, float):
            return format_number(value)
        if isinstance(value, uuid.UUID):
            return self._name_of(value)
        if isinstance(value, BaseModel):
            return " ".join(self.text(getattr(value, name)) for name in type(value).model_fields)
        if isinstance(value, dict):
            return "; ".join(f"{self.text(k)} → {self.text(v)}" for k, v in value.items())
        if isinstance(value, list | tuple | set | frozenset):
            return ", ".join(self.text(item) for item in value)
        return str(value)


def differing_fields(records: list[Record]) -> list[str]:
    """Names of the fields whose values differ between the versions, in model order
    (who wrote it and when left out: each version's heading shows them)."""
    fields = type(records[0]).model_fields
    return [name for name in fields if name not in _STAMPS
            and len({repr(getattr(record, name)) for record in records}) > 1]


class ConflictsDialog(QDialog):
    """Lists the open conflicts; for the selected one, the differing fields side by
    side (rows: French field labels; columns: versions, headed by who wrote each and
    when) and one « Keep version N » button per version (chief only).

    After each resolution the list reloads, the pages showing that kind reload through
    ``hub`` and :attr:`resolved` counts the conflicts closed here.
    """

    def __init__(self, database: Database, hub: DataHub | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.database = database
        self.hub = hub
        self.conflicts: list[Conflict] = []
        self.resolved = 0
        self.revealed: set[uuid.UUID] = set()
        self.values = ValueFormatter(database)
        self.keep_buttons: list[QPushButton] = []
        self.setWindowTitle(self.tr("Conflicts"))
        self.resize(900, 560)

        intro = QLabel(self.tr(
            "Two laptops changed these records since they last exchanged them. Nothing was "
            "overwritten: choose the version to keep. The laptops receive it with their "
            "next bundle."))
        intro.setWordWrap(True)
        self.list = QListWidget()
        self.list.setAccessibleName(self.tr("Conflicts to resolve"))
        self.list.setMaximumWidth(280)
        self.list.currentRowChanged.connect(self._show)
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.table = QTableWidget(0, 0)
        self.table.setAccessibleName(self.tr("Versions side by side"))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.reveal_button = QPushButton(self.tr("Show the identity (recorded in the log)"))
        self.reveal_button.clicked.connect(self.reveal)
        self.keep_row = QHBoxLayout()
        self.chief_note = QLabel(self.tr(
            "Only the head of service can choose the version to keep."))
        self.chief_note.setWordWrap(True)
        self.chief_note.setVisible(not database.is_chief)
        self.errors = ErrorBox()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)

        right = QVBoxLayout()
        right.addWidget(self.heading)
        right.addWidget(self.table, 1)
        right.addWidget(self.reveal_button)
        right.addLayout(self.keep_row)
        right.addWidget(self.chief_note)
        body = QHBoxLayout()
        body.addWidget(self.list)
        body.addLayout(right, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(body, 1)
        layout.addWidget(self.errors)
        layout.addWidget(buttons)
        self._authors = {keys.device_id: keys.label for keys, _seq, _staff in peers(database)}
        self.reload()

    # ------------------------------------------------------------- list

    def _title(self, conflict: Conflict) -> str:
        shown = conflict.records[conflict.versions.index(winner(conflict.versions))]
        what = ""
        if isinstance(shown, Identity):
            what = self.values.text(shown.young_person_id)
        else:
            for name in ("code", "display_name", "name", "title", "commune", "date"):
                if name in type(shown).model_fields:
                    what = self.values.text(getattr(shown, name))
                    break
        return f"{kind_label(conflict.kind)} {what}".strip()

    def reload(self) -> None:
        """Read the open conflicts again and show the first one."""
        self.conflicts = open_conflicts(self.database)
        self.list.blockSignals(True)
        self.list.clear()
        for conflict in self.conflicts:
            self.list.addItem(self._title(conflict))
        self.list.blockSignals(False)
        # The list was cleared (row -1): selecting row 0 shows it through currentRowChanged.
        if self.conflicts:
            self.list.setCurrentRow(0)
        else:
            self._show(-1)

    @property
    def current(self) -> Conflict | None:
        """The conflict selected in the list."""
        row = self.list.currentRow()
        return self.conflicts[row] if 0 <= row < len(self.conflicts) else None

    # ------------------------------------------------------------- versions

    def _author(self, row: dict[str, object]) -> str:
        device = str(row.get("device_id") or "")
        if device == str(self.database.device_id):
            return self.tr("this base")
        return self._authors.get(device, self.tr("an unknown laptop"))

    def _version_heading(self, conflict: Conflict, index: int) -> str:
        version = conflict.versions[index]
        written = datetime.fromisoformat(str(version.row["updated_at"])).astimezone()
        heading = self.tr("Version {0}\nby {1}\non {2} at {3}").format(
            index + 1, self._author(version.row), written.strftime("%d/%m/%Y"),
            written.strftime("%H:%M"))
        if version == winner(conflict.versions):
            heading += "\n" + self.tr("(shown for now)")
        return heading

    def _hidden(self, conflict: Conflict) -> bool:
        return conflict.kind == Identity.kind and conflict.record_id not in self.revealed

    def _show(self, row: int) -> None:
        for button in self.keep_buttons:
            self.keep_row.removeWidget(button)
            button.hide()  # deleted later, when control returns to the event loop
            button.deleteLater()
        self.keep_buttons = []
        conflict = self.conflicts[row] if 0 <= row < len(self.conflicts) else None
        self.table.clear()
        self.reveal_button.setVisible(conflict is not None and self._hidden(conflict))
        if conflict is None:
            self.table.setRowCount(0)
            self.table.setColumnCount(0)
            self.heading.setText(self.tr("No conflict to resolve."))
            return
        records = conflict.records
        fields = differing_fields(records)
        self.heading.setText(self.tr("{0}: {1} field(s) differ.").format(
            self._title(conflict), len(fields)))
        self.table.setColumnCount(len(records))
        self.table.setRowCount(len(fields))
        self.table.setHorizontalHeaderLabels(
            [self._version_heading(conflict, i) for i in range(len(records))])
        self.table.setVerticalHeaderLabels([field_label(name) for name in fields])
        hidden = self._hidden(conflict)
        for column, record in enumerate(records):
            for line, name in enumerate(fields):
                text = "•••" if hidden else self.values.text(getattr(record, name))
                self.table.setItem(line, column, QTableWidgetItem(text))
        self.table.resizeRowsToContents()
        for index in range(len(records)):
            button = QPushButton(self.tr("Keep version {0}").format(index + 1))
            button.setEnabled(self.database.is_chief)
            button.clicked.connect(lambda _checked=False, i=index: self.keep(i))
            self.keep_row.addWidget(button)
            self.keep_buttons.append(button)

    def reveal(self) -> None:
        """Show the identity fields of the selected conflict (audited, id only)."""
        conflict = self.current
        if conflict is None or conflict.kind != Identity.kind:
            return
        young = conflict.records[0]
        assert isinstance(young, Identity)
        self.database.audit("identity_revealed", record_id=young.young_person_id)
        self.revealed.add(conflict.record_id)
        self._show(self.list.currentRow())

    def keep(self, index: int) -> None:
        """Keep version ``index`` (0-based) of the selected conflict and close it."""
        conflict = self.current
        if conflict is None:
            return
        try:
            resolve(self.database, conflict, index)
        except SpsDeskError as error:
            self.errors.show_lines([str(error)])
            return
        self.errors.clear_lines()
        self.resolved += 1
        if self.hub is not None:
            self.hub.notify_changed(conflict.kind)
            self.hub.show_message(self.tr(
                "Version {0} kept; the laptops will receive it with their next bundle."
            ).format(index + 1))
        self.reload()
