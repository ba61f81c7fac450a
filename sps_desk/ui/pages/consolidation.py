"""Département mode: choose the services' statistics files, check them, consolidate them.

The page needs no base: the Département only reads the files its services sent. Each
file is checked when added (schema version, checksum, signature), then its signing key
against this computer's register of services (issue 14): a service's first file, or a
file signed by a new key, is accepted only once the officer confirms that the
fingerprint is the one the chief reads them; a key registered for another service is
refused. The set is checked before consolidating (one year, no service twice); every
refusal is a French line naming the file. The PDF and XLSX of the departmental tables
are then written into the chosen folder.
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
    QMessageBox,
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
from sps_desk.reports.register import ServiceRegister, Standing
from sps_desk.reports.statistics_file import StatisticsFile
from sps_desk.ui.widgets.forms import ErrorBox

_PATH_ROLE = Qt.ItemDataRole.UserRole


class ConsolidationPage(QWidget):
    """Files list (add, remove), output folder, « Consolidate »; result or errors below."""

    def __init__(self, output_folder: Path, parent: QWidget | None = None,
                 register_path: Path | None = None) -> None:
        super().__init__(parent)
        self.register_path = register_path
        """This computer's register of services (``None``: the user data folder's)."""
        self.setWindowTitle(self.tr("Département: consolidation of the services' files"))
        self.loaded: dict[Path, StatisticsFile] = {}
        self.written: ConsolidationFiles | None = None

        intro = QLabel(self.tr(
            "Add the statistics file (.json) of each service, for one year. Each file is "
            "checked: a file altered after its export, not signed by its service, of "
            "another version, of another year or sent twice is refused. The first file "
            "of a service is accepted once you have compared its key's fingerprint with "
            "the one its head of service reads you."))
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
        """Check and add files; refused ones are listed in the errors with the reason.

        A file of a service not yet registered here, or signed by another key than the
        registered one, is added only when :meth:`confirm_service` says yes.
        """
        problems = []
        try:
            register = ServiceRegister.load(self.register_path)
        except SpsDeskError as error:
            self.errors.show_lines([str(error)])
            return
        for path in paths:
            if path in self.loaded:
                continue
            try:
                statistics_file = load_statistics_file(path)
            except SpsDeskError as error:
                problems.append(str(error))
                continue
            standing = register.standing(statistics_file)
            if standing is not Standing.KNOWN:
                if standing is Standing.KEY_OF_ANOTHER_SERVICE or not self.confirm_service(
                        statistics_file, path.name, standing, register):
                    problems.append(register.refusal(statistics_file, path.name))
                    continue
                try:
                    register.trust(statistics_file)
                    register.save()
                except (SpsDeskError, OSError) as error:
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

    def confirm_service(self, statistics_file: StatisticsFile, name: str, standing: Standing,
                        register: ServiceRegister) -> bool:
        """Ask the officer to compare the fingerprint of a service's key with the one its
        head of service reads them; true when they are the same."""
        signature = statistics_file.signature
        assert signature is not None
        service = statistics_file.service.name
        if standing is Standing.OTHER_KEY:
            known = register.services[statistics_file.service.id].fingerprint
            text = self.tr(
                "{0}: the service « {1} » now signs with another key (fingerprint {2}; "
                "registered: {3}). Accept it only if its head of service confirms a new "
                "base and reads you this new fingerprint. Are they the same?"
            ).format(name, service, signature.fingerprint, known)
        else:
            text = self.tr(
                "{0}: first file of the service « {1} ». Call its head of service and "
                "compare the fingerprint of its key, {2}, with the one they read you "
                "(« sps-desk key » on their base). Are they the same?"
            ).format(name, service, signature.fingerprint)
        answer = QMessageBox.question(
            self, self.tr("Register of services"), text,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes

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
            self.written = consolidate_files(
                paths, Path(self.folder_edit.text().strip()),
                register=ServiceRegister.load(self.register_path))
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
