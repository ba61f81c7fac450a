"""Département mode: choose the services' statistics files, check them, consolidate them.

The page needs no base: the Département only reads the files its services sent. Each
file is checked when added (schema version, checksum) and the set before consolidating
(one year, no service twice); every refusal is a French line naming the file. The PDF
and XLSX of the departmental tables are then written into the chosen folder.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from sps_desk.errors import SpsDeskError
from sps_desk.reports.consolidation import (
    ConsolidationFiles,
    check_file_set,
    consolidate_files,
    load_statistics_file,
)
from sps_desk.reports.statistics_file import StatisticsFile
from sps_desk.ui.widgets.forms import ErrorBox

_PATH_ROLE = Qt.ItemDataRole.UserRole


class ConsolidationPage(QWidget):
    """Files list (add, remove), output folder, « Consolidate »; result or errors below."""

    def __init__(self, output_folder: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Département: consolidation of the services' files"))
        self.loaded: dict[Path, StatisticsFile] = {}
        self.written: ConsolidationFiles | None = None

        intro = QLabel(self.tr(
            "Add the statistics file (.json) of each service, for one year. Each file is "
            "checked: a file altered after its export, of another version, of another "
            "year or sent twice is refused."))
        intro.setWordWrap(True)
        self.files = QListWidget()
        self.files.setAccessibleName(self.tr("Statistics files"))
        add = QPushButton(self.tr("Add files…"))
        add.clicked.connect(self._choose_files)
        self.remove_button = QPushButton(self.tr("Remove"))
        self.remove_button.clicked.connect(self.remove_selected)
        buttons = QHBoxLayout()
        buttons.addWidget(add)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)

        self.folder_edit = QLineEdit(str(output_folder))
        self.folder_edit.setAccessibleName(self.tr("Output folder"))
        choose = QPushButton(self.tr("Choose…"))
        choose.clicked.connect(self._choose_folder)
        folder_row = QHBoxLayout()
        folder_row.addWidget(QLabel(self.tr("Output folder:")))
        folder_row.addWidget(self.folder_edit, 1)
        folder_row.addWidget(choose)

        self.consolidate_button = QPushButton(self.tr("Consolidate"))
        self.consolidate_button.clicked.connect(self.consolidate)
        self.errors = ErrorBox()
        self.result = QLabel()
        self.result.setWordWrap(True)
        self.result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.files, 1)
        layout.addLayout(buttons)
        layout.addLayout(folder_row)
        layout.addWidget(self.consolidate_button)
        layout.addWidget(self.errors)
        layout.addWidget(self.result)
        self._update()

    def add_files(self, paths: list[Path]) -> None:
        """Check and add files; refused ones are listed in the errors with the reason."""
        problems = []
        for path in paths:
            if path in self.loaded:
                continue
            try:
                statistics_file = load_statistics_file(path)
            except SpsDeskError as error:
                problems.append(str(error))
                continue
            self.loaded[path] = statistics_file
            item = QListWidgetItem(self.tr("{0} — {1}, {2} ({3})").format(
                statistics_file.service.name, statistics_file.service.managing_body or "–",
                statistics_file.year, path.name))
            item.setData(_PATH_ROLE, str(path))
            self.files.addItem(item)
        self.errors.show_lines(problems)
        self._update()

    def remove_selected(self) -> None:
        """Take the selected files out of the list."""
        for item in self.files.selectedItems():
            self.loaded.pop(Path(item.data(_PATH_ROLE)), None)
            self.files.takeItem(self.files.row(item))
        self._update()

    def consolidate(self) -> None:
        """Check the set, then write the departmental PDF and XLSX into the folder."""
        self.result.clear()
        paths = [Path(self.files.item(i).data(_PATH_ROLE)) for i in range(self.files.count())]
        try:
            check_file_set([(p, self.loaded[p]) for p in paths])
            self.written = consolidate_files(paths, Path(self.folder_edit.text().strip()))
        except (SpsDeskError, OSError) as error:
            self.errors.show_lines([str(error)])
            return
        self.errors.clear_lines()
        self.result.setText(self.tr("Consolidation of {0} services written:\n{1}\n{2}").format(
            len(paths), self.written.pdf, self.written.xlsx))

    def _update(self) -> None:
        self.consolidate_button.setEnabled(self.files.count() > 0)
        self.remove_button.setEnabled(self.files.count() > 0)

    def _choose_files(self) -> None:
        chosen, _filter = QFileDialog.getOpenFileNames(
            self, self.tr("Statistics files of the services"), "",
            self.tr("Statistics files (*.json)"))
        self.add_files([Path(p) for p in chosen])

    def _choose_folder(self) -> None:
        chosen = QFileDialog.getExistingDirectory(self, self.tr("Output folder"),
                                                  self.folder_edit.text())
        if chosen:
            self.folder_edit.setText(chosen)
