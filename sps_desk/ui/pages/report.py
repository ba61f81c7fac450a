"""« Rapport »: generate the annual activity report (PDF) and statistics file (JSON)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import platformdirs
from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from sps_desk.store.database import Database
from sps_desk.ui.hub import DataHub
from sps_desk.ui.pages.base import Page
from sps_desk.ui.widgets.forms import ErrorBox, add_row, new_form
from sps_desk.ui.worker import ReportWorker


def default_year(today: date | None = None) -> int:
    """The year one most likely reports on: the past year until the end of March."""
    today = today or date.today()
    return today.year - 1 if today.month <= 3 else today.year


def default_output_dir() -> Path:
    """« Documents/sps_desk » of the user."""
    return platformdirs.user_documents_path() / "sps_desk"


class ReportPage(Page):
    """Year, output folder, generation with a progress bar, then the files written."""

    def __init__(self, database: Database, hub: DataHub, parent: QWidget | None = None) -> None:
        super().__init__(database, hub, parent)
        self.worker: ReportWorker | None = None
        self.files: Any = None

        intro = QLabel(
            self.tr(
                "The report is written as a PDF file, with the statistics file (JSON) "
                "for the Département. Both hold aggregated figures only."
            )
        )
        intro.setWordWrap(True)
        self.year_spin = QSpinBox()
        self.year_spin.setRange(2000, 2100)
        self.year_spin.setValue(default_year())
        self.folder_edit = QLineEdit(str(default_output_dir()))
        self.choose_button = QPushButton(self.tr("Choose…"))
        self.choose_button.clicked.connect(self.choose_folder)
        folder_row = QWidget()
        folder_layout = QHBoxLayout(folder_row)
        folder_layout.setContentsMargins(0, 0, 0, 0)
        folder_layout.addWidget(self.folder_edit, 1)
        folder_layout.addWidget(self.choose_button)

        self.generate_button = QPushButton(self.tr("Generate the report"))
        self.generate_button.clicked.connect(self.generate)
        self.progress_bar = QProgressBar()
        self.progress_bar.setRange(0, 100)
        self.progress_bar.setValue(0)
        self.progress_bar.setAccessibleName(self.tr("Progress of the generation"))
        self.step_label = QLabel()
        self.step_label.setAccessibleName(self.tr("Current step"))
        self.errors = ErrorBox()
        self.result_label = QLabel()
        self.result_label.setWordWrap(True)
        self.result_label.setAccessibleName(self.tr("Files written"))
        self.open_pdf_button = QPushButton(self.tr("Open the PDF"))
        self.open_pdf_button.clicked.connect(self.open_pdf)
        self.open_folder_button = QPushButton(self.tr("Open the folder"))
        self.open_folder_button.clicked.connect(self.open_folder)
        for button in (self.open_pdf_button, self.open_folder_button):
            button.setEnabled(False)
        open_row = QHBoxLayout()
        open_row.addWidget(self.open_pdf_button)
        open_row.addWidget(self.open_folder_button)
        open_row.addStretch(1)

        form = new_form()
        add_row(form, self.tr("Year:"), self.year_spin)
        add_row(form, self.tr("Output folder:"), self.folder_edit, folder_row)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.generate_button)
        layout.addWidget(self.progress_bar)
        layout.addWidget(self.step_label)
        layout.addWidget(self.errors)
        layout.addWidget(self.result_label)
        layout.addLayout(open_row)
        layout.addStretch(1)

    def title(self) -> str:
        """« Rapport »."""
        return self.tr("Report")

    @property
    def running(self) -> bool:
        """Whether a generation is in progress."""
        return self.worker is not None

    def choose_folder(self) -> None:
        """Pick the output folder."""
        folder = QFileDialog.getExistingDirectory(
            self, self.tr("Folder of the report"), self.folder_edit.text()
        )
        if folder:
            self.folder_edit.setText(folder)

    def generate(self) -> None:
        """Start the generation in a background thread (the base is only read)."""
        if self.running:
            return
        text = self.folder_edit.text().strip()
        if not text:
            self.errors.show_lines([self.tr("Choose the folder where to write the report.")])
            return
        self.errors.clear_lines()
        self.result_label.clear()
        self.files = None
        for button in (self.open_pdf_button, self.open_folder_button):
            button.setEnabled(False)
        self.progress_bar.setValue(0)
        self.step_label.setText(self.tr("Starting…"))
        for widget in (self.generate_button, self.year_spin, self.folder_edit, self.choose_button):
            widget.setEnabled(False)
        self.hub.set_busy(True)
        worker = ReportWorker(self.database, self.year_spin.value(), Path(text), self)
        worker.progressed.connect(self._progressed)
        worker.succeeded.connect(self._succeeded)
        worker.failed.connect(self._failed)
        worker.finished.connect(self._finished)
        self.worker = worker
        worker.start()

    def _progressed(self, percent: int, step: str) -> None:
        self.progress_bar.setValue(percent)
        self.step_label.setText(step)

    def _succeeded(self, files: Any) -> None:
        self.files = files
        self.result_label.setText(self.tr("Files written:\n{0}\n{1}").format(files.pdf, files.json))
        self.open_pdf_button.setEnabled(True)
        self.open_folder_button.setEnabled(True)
        self.hub.show_message(self.tr("Report generated."))

    def _failed(self, message: str) -> None:
        self.step_label.clear()
        self.progress_bar.setValue(0)
        self.errors.show_lines([message])

    def _finished(self) -> None:
        if self.worker is not None:
            self.worker.deleteLater()
        self.worker = None
        for widget in (self.generate_button, self.year_spin, self.folder_edit, self.choose_button):
            widget.setEnabled(True)
        self.hub.set_busy(False)

    def wait(self) -> None:
        """Block until a running generation ends (used when the window closes)."""
        if self.worker is not None:
            self.worker.wait()

    def open_pdf(self) -> None:
        """Open the PDF in the system's viewer."""
        if self.files is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.files.pdf)))

    def open_folder(self) -> None:
        """Open the output folder in the file manager."""
        if self.files is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(Path(self.files.pdf).parent)))
