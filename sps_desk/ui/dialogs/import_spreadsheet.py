"""Import a spreadsheet: file and kind, one column combo per field, preview, import.

Every change of file, kind or column re-checks the whole file against the base
(``sps_desk.store.imports.check``, which writes nothing) and lists every bad row with its
row number, column and French reason. « Import » is enabled only when no row is bad and
something would change; the commit is all or nothing. Both run in the background
(``ui.operations``): the window keeps painting.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
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

from sps_desk.errors import SpsDeskError
from sps_desk.store import imports
from sps_desk.store.database import Database
from sps_desk.tabular.fields import FIELDS, ImportKind, Mapping, auto_map
from sps_desk.tabular.reading import Table, read_table
from sps_desk.ui.hub import DataHub
from sps_desk.ui.operations import Job, Operation, describe
from sps_desk.ui.widgets.forms import ErrorBox, add_row, new_form

_CHANGED_KINDS: dict[ImportKind, tuple[str, ...]] = {
    ImportKind.TIME: ("time_entry",),
    ImportKind.ACTIONS: ("collective_action", "collective_action_session", "time_entry"),
    ImportKind.YOUNG: ("young_person",),
    ImportKind.SUPPORTS: ("individual_support",),
}
"""Record kinds the pages reload after an import of each kind."""


class ImportSpreadsheetDialog(QDialog):
    """Choose a CSV/XLSX file and its kind, map its columns, see every bad row, import.

    After a successful import :attr:`result` holds the counts and the dialog is accepted.
    """

    def __init__(self, database: Database, hub: DataHub | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.database = database
        self.hub = hub
        self.table: Table | None = None
        self.path: Path | None = None
        self.checked: imports.ImportPreview | None = None
        self.result: imports.ImportResult | None = None
        self.job: Job | None = None
        """The check or the import running in the background, if any."""
        self._asked = 0
        self.field_combos: dict[str, QComboBox] = {}
        self.setWindowTitle(self.tr("Import a spreadsheet"))
        self.resize(860, 640)

        self.path_edit = QLineEdit()
        self.path_edit.setReadOnly(True)
        choose = QPushButton(self.tr("Choose…"))
        choose.clicked.connect(self._choose)
        # After fixing the file in the spreadsheet, read it again without choosing it anew.
        self.recheck_button = QPushButton(self.tr("Check again"))
        self.recheck_button.setEnabled(False)
        self.recheck_button.clicked.connect(self.recheck)
        file_row = QHBoxLayout()
        file_row.addWidget(self.path_edit, 1)
        file_row.addWidget(choose)
        file_row.addWidget(self.recheck_button)
        file_box = QWidget()
        file_box.setLayout(file_row)
        file_row.setContentsMargins(0, 0, 0, 0)
        self.kind_combo = QComboBox()
        for kind in ImportKind:
            self.kind_combo.addItem(kind.label, kind.value)
        self.kind_combo.currentIndexChanged.connect(self._rebuild_mapping)
        top = new_form()
        add_row(top, self.tr("File:"), self.path_edit, file_box)
        add_row(top, self.tr("Contents:"), self.kind_combo)

        self.mapping_form = QFormLayout()
        mapping_box = QGroupBox(self.tr("Columns of the file"))
        mapping_box.setLayout(self.mapping_form)

        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error_table = QTableWidget(0, 3)
        self.error_table.setHorizontalHeaderLabels(
            [self.tr("Row"), self.tr("Column"), self.tr("Problem")])
        self.error_table.setAccessibleName(self.tr("Rows to correct"))
        self.error_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.error_table.verticalHeader().setVisible(False)
        header = self.error_table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.error_table.setWordWrap(True)
        self.errors = ErrorBox()

        buttons = QDialogButtonBox()
        self.import_button = buttons.addButton(self.tr("Import"),
                                               QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.import_button.clicked.connect(self.run_import)
        buttons.rejected.connect(self.reject)
        self.import_button.setEnabled(False)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(mapping_box)
        layout.addWidget(self.summary)
        layout.addWidget(self.error_table, 1)
        layout.addWidget(self.errors)
        layout.addWidget(buttons)
        self._rebuild_mapping()

    # ------------------------------------------------------------- inputs

    @property
    def kind(self) -> ImportKind:
        """The kind chosen in the combo."""
        return ImportKind(self.kind_combo.currentData())

    def set_kind(self, kind: ImportKind) -> None:
        """Choose what the file holds (re-maps and re-checks)."""
        self.kind_combo.setCurrentIndex(self.kind_combo.findData(kind.value))

    def _choose(self) -> None:
        name, _filter = QFileDialog.getOpenFileName(
            self, self.tr("Spreadsheet to import"), str(Path.home()),
            self.tr("Spreadsheets (*.csv *.xlsx *.xlsm *.ods *.xls);;All files (*)"))
        if name:
            self.load_file(Path(name))

    def load_file(self, path: Path) -> None:
        """Read ``path`` (CSV, XLSX, ODS or XLS) in the background, map its columns
        automatically and check it."""
        self.path = path
        self.path_edit.setText(str(path))
        self.recheck_button.setEnabled(True)
        self._read(self._rebuild_mapping)

    def recheck(self) -> None:
        """Read the chosen file again (the user corrected it) and check it; the columns
        chosen by hand stay when the headers did not change."""
        if self.path is None:
            return
        headers = self.table.headers if self.table is not None else None

        def read() -> None:
            if self.table is not None and self.table.headers == headers:
                self.refresh()
            else:
                self._rebuild_mapping()

        self._read(read)

    def _read(self, then: Callable[[], None]) -> None:
        """Read the file in the background (a decade of rows takes a while), then
        ``then()`` on the window's thread, the table read or ``None`` with the reason."""
        path = self.path
        assert path is not None
        self.import_button.setEnabled(False)
        self.summary.setText(self.tr("Reading the file…"))
        self._asked += 1
        asked = self._asked

        def read(table: Table) -> None:
            if asked == self._asked:
                self.table = table
                then()

        def failed(error: BaseException) -> None:
            if asked != self._asked:
                return
            self.table = None
            self.errors.show_lines([str(error) if isinstance(error, SpsDeskError) else
                                    self.tr("The file cannot be read: {0}").format(
                                        getattr(error, "strerror", None)
                                        or type(error).__name__)])
            then()

        self.job = (
            Operation(parent=self, op=lambda _database, _job: read_table(path), success=read,
                      label=self.tr("the reading of the spreadsheet"))
            .failure(failed)
            .finally_(lambda: self._job_done(asked))
            .run(self.database)
        )

    def _rebuild_mapping(self) -> None:
        while self.mapping_form.rowCount():
            self.mapping_form.removeRow(0)
        self.field_combos = {}
        headers = self.table.headers if self.table is not None else ()
        automatic = auto_map(self.kind, headers)
        for spec in FIELDS[self.kind]:
            combo = QComboBox()
            combo.addItem(self.tr("(not imported)"), None)
            for index, header in enumerate(headers):
                if header:
                    combo.addItem(header, index)
            if spec.key in automatic:
                combo.setCurrentIndex(combo.findData(automatic[spec.key]))
            combo.currentIndexChanged.connect(self.refresh)
            label = spec.label + ("" if not spec.required else " *")
            add_row(self.mapping_form, label + "\u00a0:", combo)
            self.field_combos[spec.key] = combo
        self.refresh()

    def mapping(self) -> Mapping:
        """Field key → column index, as chosen in the combos."""
        return {key: combo.currentData() for key, combo in self.field_combos.items()
                if combo.currentData() is not None}

    # ------------------------------------------------------------- preview

    def refresh(self) -> None:
        """Check the whole file with the current mapping (writes nothing) and show it."""
        self.checked = None
        self.error_table.setRowCount(0)
        if self.table is None or self.path is None:
            self.summary.setText(self.tr("Choose a CSV, XLSX, ODS or XLS file."))
            self.import_button.setEnabled(False)
            return
        self.errors.clear_lines()
        # A decade of hours (10 000 rows) takes about a second to check: in the
        # background, and only the last check asked for is shown.
        self.import_button.setEnabled(False)
        self.summary.setText(self.tr("Checking the file…"))
        self._asked += 1
        asked = self._asked
        path, table, kind, mapping = self.path, self.table, self.kind, self.mapping()
        self.job = (
            Operation(
                parent=self,
                op=lambda database, _job: imports.check(database, path, table, kind, mapping),
                success=lambda checked: self._show_check(checked, asked),
                label=self.tr("the check of the spreadsheet"),
            )
            .failure(self._failed)
            .finally_(lambda: self._job_done(asked))
            .run(self.database)
        )

    def _job_done(self, asked: int) -> None:
        if asked == self._asked:  # the last job asked for has ended
            self.job = None

    def _failed(self, error: BaseException) -> None:
        self.summary.clear()
        self.errors.show_lines([describe(error, where=self.path)])

    def _show_check(self, checked: imports.ImportPreview, asked: int) -> None:
        if asked != self._asked:
            return  # the mapping changed meanwhile: a newer check follows
        self.checked = checked
        for error in self.checked.errors:
            row = self.error_table.rowCount()
            self.error_table.insertRow(row)
            cells = ("" if error.row is None else str(error.row), error.column or "",
                     error.reason)
            for column, text in enumerate(cells):
                self.error_table.setItem(row, column, QTableWidgetItem(text))
        self.error_table.resizeRowsToContents()
        changes = len(self.checked.new) + len(self.checked.updated)
        if self.checked.ok and not changes and self.checked.unchanged:
            text = self.tr("Already imported: nothing would change. {0}.").format(
                self.checked.summary())
        elif self.checked.ok:
            text = self.tr("No problem found. {0}.").format(self.checked.summary())
        else:
            text = self.tr("{0} problem(s): correct the file, save it, then click "
                           "\"Check again\". Nothing will be imported until every row is "
                           "right.").format(len(self.checked.errors))
        # French lines from the store: skipped « Total » rows, possible duplicates,
        # accepted labels (once).
        extra = (self.checked.total_lines() + self.checked.warning_lines()
                 + self.checked.accepted_lines())
        self.summary.setText("\n".join([text, *extra]))
        self.import_button.setEnabled(self.checked.ok and changes > 0)

    def run_import(self) -> None:
        """Import the checked file in one transaction, then close the dialog."""
        if self.checked is None or not self.checked.ok or self.job is not None:
            return
        checked = self.checked
        self.import_button.setEnabled(False)
        self._asked += 1
        asked = self._asked
        operation = (
            Operation(
                parent=self,
                op=lambda database, _job: imports.commit(database, checked),
                success=self._imported,
                label=self.tr("the import of the spreadsheet"),
            )
            # Rolled back: the message says so, in French.
            .failure(self._failed)
            .finally_(lambda: self._job_done(asked))
        )
        if self.hub is not None:
            operation.writing(self.hub)
        self.job = operation.run(self.database)

    def _imported(self, result: imports.ImportResult) -> None:
        self.result = result
        if self.hub is not None:
            self.hub.notify_changed(*_CHANGED_KINDS[self.kind])
            self.hub.show_message(self.tr("Import done: {0} new, {1} updated.").format(
                self.result.new, self.result.updated))
        self.accept()
