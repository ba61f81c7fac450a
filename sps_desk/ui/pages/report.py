"""« Rapport »: the chief's sections, then the annual report (PDF), statistics (JSON),
workbook (XLSX) and CSV files, generated in a background thread and previewed in place.
Beside the button, « À vérifier » says what is still worth a look in the year's data.

Two versions are offered, the diffusion one first (for the Département and the
partners: small counts hidden « s ») and the internal one (for the service only: every
figure, files ending in « -interne »), each with one line saying whom it is for."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import platformdirs
from pydantic import ValidationError
from PySide6.QtCore import QCoreApplication, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from sps_desk.records import ReportSections, french_errors
from sps_desk.reports.figures import Variant
from sps_desk.reports.files import ReportWriteFailed, write_all_atomically
from sps_desk.store.checks import CheckLine
from sps_desk.store.database import Database
from sps_desk.ui.checks_view import ChecksSummary
from sps_desk.ui.formatting import format_date
from sps_desk.ui.hub import DataHub
from sps_desk.ui.operations import Cancelled, Job, Operation, describe
from sps_desk.ui.pages.base import Page, scrolling
from sps_desk.ui.pdf_preview import PdfPreview
from sps_desk.ui.tones import Tone, apply_tone
from sps_desk.ui.widgets.forms import ErrorBox, add_row, buddy_label, new_form
from sps_desk.ui.widgets.tabs import wheel_scrolls_the_page

SECTION_FIELDS: tuple[str, ...] = ("highlights", "quality", "outlook")
"""Fields of :class:`ReportSections` edited on the page, in the report's order."""


def default_year(today: date | None = None) -> int:
    """The year one most likely reports on: the past year until the end of March."""
    today = today or date.today()
    return today.year - 1 if today.month <= 3 else today.year


def default_output_dir() -> Path:
    """« Documents/sps_desk » of the user."""
    return platformdirs.user_documents_path() / "sps_desk"


def generate_report(database: Database, job: Job, year: int, out_dir: Path,
                    variant: Variant) -> Any:
    """The report job (worker thread): ``write_annual_report`` of ``variant``
    (``"diffusion"`` or ``"internal"``) with the job's progress and cancellation;
    returns its ``ReportFiles``.

    Raises:
        Cancelled: the user cancelled (no file was written).
    """
    from sps_desk.reports.annual import GenerationCancelled, write_annual_report

    try:
        return write_annual_report(
            database, year, out_dir, progress=job.progress, cancelled=job.cancelled,
            variant=variant,
        )
    except GenerationCancelled as stop:
        raise Cancelled() from stop


_KEPT = "report"
"""Key of what the report page keeps across a lock in ``DataHub.kept``."""


class ReportPage(Page):
    """Year; the chief's three sections (saved in the base); output folder; generation
    with progress and cancel; then the PDF shown in place, and the files saved elsewhere.
    """

    watched_kinds = frozenset({"report_sections"})

    def __init__(self, database: Database, hub: DataHub, parent: QWidget | None = None) -> None:
        super().__init__(database, hub, parent)
        self.job: Job | None = None
        self.files: Any = None
        self._loaded_year: int | None = None
        self._dirty = False

        intro = QLabel(
            self.tr(
                "The report is written as a PDF file, with the statistics file (JSON), a "
                "workbook (XLSX) and one CSV file per table. All hold aggregated figures "
                "only; your own sections below are printed as you type them."
            )
        )
        self.diffusion_radio = QRadioButton(self.tr("Diffusion version"))
        self.diffusion_radio.setChecked(True)
        self.diffusion_hint = QLabel(self.tr(
            "For the Département and the partners: small counts are hidden « s » "
            "(statistical secrecy), as in the statistics file."))
        self.internal_radio = QRadioButton(self.tr("Internal version"))
        self.internal_hint = QLabel(self.tr(
            "For the service only: every figure, small counts included; files end in "
            "« -interne » and every page is marked. Do not share."))
        versions = QWidget()
        versions_layout = QVBoxLayout(versions)
        versions_layout.setContentsMargins(0, 0, 0, 0)
        for radio, hint in ((self.diffusion_radio, self.diffusion_hint),
                            (self.internal_radio, self.internal_hint)):
            hint.setWordWrap(True)
            hint.setIndent(24)
            radio.setAccessibleDescription(hint.text())
            versions_layout.addWidget(radio)
            versions_layout.addWidget(hint)
        intro.setWordWrap(True)
        self.year_spin = QSpinBox()
        self.year_spin.setRange(2000, 2100)
        self.year_spin.setValue(default_year())
        self.year_spin.valueChanged.connect(self._year_changed)
        self.year_note = QLabel()
        self.year_note.setWordWrap(True)
        apply_tone(self.year_note, Tone.WARNING)
        self.year_spin.valueChanged.connect(self._show_year_note)
        self.checks_summary = ChecksSummary(database, hub)
        self.year_spin.valueChanged.connect(self.checks_summary.set_year)

        self.section_edits: dict[str, QPlainTextEdit] = {}
        self.sections_tabs = QTabWidget()
        wheel_scrolls_the_page(self.sections_tabs)
        titles = {
            "highlights": self.tr("Highlights of the year"),
            "quality": self.tr("Continuous quality improvement"),
            "outlook": self.tr("Outlook"),
        }
        prompts = {
            "highlights": self.tr("Highlights of the year (events, new partners, changes):"),
            "quality": self.tr("Actions of continuous quality improvement:"),
            "outlook": self.tr("Outlook for the coming year:"),
        }
        for field in SECTION_FIELDS:
            edit = QPlainTextEdit()
            tab = QWidget()
            tab_layout = QVBoxLayout(tab)
            prompt = buddy_label(prompts[field], edit)
            prompt.setWordWrap(True)
            tab_layout.addWidget(prompt)
            tab_layout.addWidget(edit, 1)
            edit.setPlaceholderText(
                self.tr("Text printed as typed in the report. Leave a blank line between "
                        "paragraphs. Never write a young person's name.")
            )
            edit.textChanged.connect(self._mark_dirty)
            self.section_edits[field] = edit
            self.sections_tabs.addTab(tab, titles[field])
        self.save_sections_button = QPushButton(self.tr("Save the sections"))
        self.save_sections_button.clicked.connect(self.save_sections)
        self.sections_state = QLabel()
        self.sections_state.setAccessibleName(self.tr("State of the sections"))
        sections_row = QHBoxLayout()
        sections_row.addWidget(self.save_sections_button)
        sections_row.addWidget(self.sections_state, 1)

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
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setEnabled(False)
        self.cancel_button.clicked.connect(self.cancel)
        generate_row = QHBoxLayout()
        generate_row.addWidget(self.generate_button)
        generate_row.addWidget(self.cancel_button)
        generate_row.addWidget(self.checks_summary, 1)
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
        self.result_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.open_pdf_button = QPushButton(self.tr("Open the PDF"))
        self.open_pdf_button.clicked.connect(self.open_pdf)
        self.open_folder_button = QPushButton(self.tr("Open the folder"))
        self.open_folder_button.clicked.connect(self.open_folder)
        self.save_xlsx_button = QPushButton(self.tr("Save the workbook (XLSX)…"))
        self.save_xlsx_button.clicked.connect(self.save_xlsx)
        self.save_csv_button = QPushButton(self.tr("Save the CSV files…"))
        self.save_csv_button.clicked.connect(self.save_csv)
        self._result_buttons = (self.open_pdf_button, self.open_folder_button,
                                self.save_xlsx_button, self.save_csv_button)
        for button in self._result_buttons:
            button.setEnabled(False)
        open_row = QHBoxLayout()
        for button in self._result_buttons:
            open_row.addWidget(button)
        open_row.addStretch(1)

        form = new_form()
        add_row(form, self.tr("Year:"), self.year_spin)
        form.addRow(self.year_note)
        add_row(form, self.tr("Output folder:"), self.folder_edit, folder_row)
        controls = QWidget()
        layout = QVBoxLayout(controls)
        layout.addWidget(intro)
        layout.addLayout(form)
        sections_label = QLabel(self.tr("Your sections of the report for this year:"))
        sections_label.setBuddy(self.sections_tabs)
        layout.addWidget(sections_label)
        layout.addWidget(self.sections_tabs, 1)
        layout.addLayout(sections_row)
        versions_label = QLabel(self.tr("Version:"))
        versions_label.setBuddy(self.diffusion_radio)
        layout.addWidget(versions_label)
        layout.addWidget(versions)
        layout.addLayout(generate_row)
        layout.addWidget(self.progress_bar)
        layout.addWidget(self.step_label)
        layout.addWidget(self.errors)
        layout.addWidget(self.result_label)
        layout.addLayout(open_row)

        self.preview = PdfPreview()
        splitter = QSplitter(Qt.Orientation.Horizontal)
        # Never narrower than the controls: the pane scrolled sideways at 1280×720,
        # « Choisir… » and « Voir les lignes… » cut (issue 15).
        splitter.addWidget(scrolling(controls, whole_width=True))
        splitter.addWidget(self.preview)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        self.set_body(splitter)

        self._load_sections(self.year_spin.value())
        self.checks_summary.set_year(self.year_spin.value())
        self._show_year_note(self.year_spin.value())

    def set_open_line(self, open_line: Callable[[CheckLine], None]) -> None:
        """How a line of « À vérifier » opens its record (given by the window)."""
        self.checks_summary.set_open_line(open_line)

    @classmethod
    def title_text(cls) -> str:
        """« Rapport »."""
        return QCoreApplication.translate("ReportPage", "Report")

    @property
    def running(self) -> bool:
        """Whether a generation is in progress."""
        return self.job is not None

    def before_lock(self) -> None:
        """Keep what the page shows (year, folder, version, the report generated: file
        paths and counts only) for the page rebuilt after the unlock, so that locking
        does not empty the preview and disable its buttons (issue 15)."""
        super().before_lock()
        self.save_sections()
        self.hub.kept[_KEPT] = (self.year_spin.value(), self.folder_edit.text(),
                                self.variant, self.files, self.result_label.text())

    def after_unlock(self) -> None:
        """Show again what :meth:`before_lock` kept, while its PDF is still on disk."""
        super().after_unlock()
        kept = self.hub.kept.pop(_KEPT, None)
        if not isinstance(kept, tuple):
            return
        year, folder, variant, files, result = kept
        self.year_spin.setValue(year)
        self.folder_edit.setText(folder)
        (self.internal_radio if variant == "internal" else self.diffusion_radio).setChecked(True)
        if files is None or not Path(files.pdf).is_file():
            return
        self.files = files
        self.result_label.setText(result)
        for button in self._result_buttons:
            button.setEnabled(True)
        self.preview.show_pdf(Path(files.pdf))

    # ------------------------------------------------------------- chief's sections

    def refresh(self) -> None:
        """Reload the sections of the year, unless the user has unsaved changes."""
        if not self._dirty and self._loaded_year is not None:
            self._load_sections(self._loaded_year)

    def _load_sections(self, year: int) -> None:
        record = self.database.repos.report_sections.for_year(year)
        for field, edit in self.section_edits.items():
            edit.blockSignals(True)
            edit.setPlainText(getattr(record, field))
            edit.blockSignals(False)
        self._loaded_year = year
        self._dirty = False
        self.sections_state.setText(self.tr("Sections of {0}.").format(year))

    def _mark_dirty(self) -> None:
        if not self._dirty:
            self._dirty = True
            self.sections_state.setText(self.tr("Unsaved changes."))

    def _show_year_note(self, year: int) -> None:
        """Say when ``year`` is not over: its report counts only what is recorded so far
        (a chief trying the current year took it for the whole year)."""
        today = date.today()
        if year < today.year:
            self.year_note.hide()
            return
        if year == today.year:
            text = self.tr("{0} is not over: the report will count only the activity "
                           "recorded up to today ({1}), not the whole year.")
        else:
            text = self.tr("{0} has not begun (today is {1}): the report will count "
                           "only what is already dated in {0}.")
        self.year_note.setText(text.format(year, format_date(today)))
        self.year_note.show()

    def _year_changed(self, year: int) -> None:
        # Nothing typed is lost: the previous year's sections are saved first.
        if self._dirty and not self.save_sections():
            self.year_spin.blockSignals(True)
            self.year_spin.setValue(self._loaded_year or year)
            self.year_spin.blockSignals(False)
            return
        self._load_sections(year)

    def save_sections(self) -> bool:
        """Save the three sections of the year shown; ``False`` with a French message if
        they cannot be saved (too long, base busy)."""
        if self._loaded_year is None or not self._dirty:
            return True
        if not self.when_writable(self.save_sections, self.errors):
            return False  # saved as soon as the merge or import ends
        record = self.database.repos.report_sections.for_year(self._loaded_year)
        texts = {field: edit.toPlainText() for field, edit in self.section_edits.items()}
        try:
            updated = ReportSections.model_validate({**dict(record), **texts})
            self.database.repos.report_sections.save(updated)
        except ValidationError as error:
            self.errors.show_lines(french_errors(error))
            return False
        self.errors.clear_lines()
        self._dirty = False
        self.hub.notify_changed("report_sections")  # reloads this page too: message after
        self.sections_state.setText(self.tr("Sections of {0} saved.").format(self._loaded_year))
        return True

    # ------------------------------------------------------------- generation

    def choose_folder(self) -> None:
        """Pick the output folder."""
        folder = QFileDialog.getExistingDirectory(
            self, self.tr("Folder of the report"), self.folder_edit.text()
        )
        if folder:
            self.folder_edit.setText(folder)

    @property
    def variant(self) -> Variant:
        """The version chosen: ``"diffusion"`` (the default) or ``"internal"``."""
        return "internal" if self.internal_radio.isChecked() else "diffusion"

    def generate(self) -> None:
        """Save the sections, then start the generation of the chosen version in the
        background (its own connection reads the base, then the diffusion version records
        its release; the window may save meanwhile)."""
        if self.running:
            return
        text = self.folder_edit.text().strip()
        if not text:
            self.errors.show_lines([self.tr("Choose the folder where to write the report.")])
            return
        if not self.save_sections():
            return
        self.errors.clear_lines()
        self.result_label.clear()
        self.files = None
        self.preview.clear()
        for button in self._result_buttons:
            button.setEnabled(False)
        self.progress_bar.setValue(0)
        self.step_label.setText(self.tr("Starting…"))
        self._set_inputs_enabled(False)
        self.cancel_button.setEnabled(True)
        year, out_dir, variant = self.year_spin.value(), Path(text), self.variant
        self.job = (
            Operation(
                parent=self,
                op=lambda database, job: generate_report(database, job, year, out_dir,
                                                         variant),
                success=self._succeeded,
                label=self.tr("the generation of the report"),
            )
            .progress(self._progressed)
            .failure(self._failed)
            .cancelled(self._cancelled)
            .finally_(self._finished)
            .run(self.database)
        )

    def cancel(self) -> None:
        """Stop the running generation at its next step; no file is written."""
        if self.job is not None:
            self.job.cancel()
            self.cancel_button.setEnabled(False)
            self.step_label.setText(self.tr("Cancelling…"))

    def _set_inputs_enabled(self, enabled: bool) -> None:
        for widget in (self.generate_button, self.year_spin, self.folder_edit,
                       self.choose_button, self.diffusion_radio, self.internal_radio):
            widget.setEnabled(enabled)

    def _progressed(self, percent: int, step: str) -> None:
        if self.job is not None and self.cancel_button.isEnabled():
            self.progress_bar.setValue(percent)
            self.step_label.setText(step)

    def _succeeded(self, files: Any) -> None:
        self.files = files
        version = (self.tr("Internal version, for the service only (do not share).")
                   if files.variant == "internal" else
                   self.tr("Diffusion version, for the Département and the partners."))
        changes = "".join(
            "\n" + self.tr("Since the last diffusion of this year: {0}").format(line)
            for line in files.changes)
        self.result_label.setText(
            version + changes + "\n"
            + self.tr("Files written:\n{0}\n{1}\n{2}\n{3} CSV files in the same folder"
                      ).format(files.pdf, files.json, files.xlsx, len(files.csv))
        )
        for button in self._result_buttons:
            button.setEnabled(True)
        if not self.preview.show_pdf(Path(files.pdf)):
            self.errors.show_lines([self.tr(
                "The PDF cannot be shown here: open it with « Open the PDF »."
            )])
        self.hub.show_message(self.tr("Report generated."))

    def _failed(self, error: BaseException) -> None:
        self.step_label.clear()
        self.progress_bar.setValue(0)
        self.errors.show_lines([describe(error, where=Path(self.folder_edit.text().strip()))])

    def _cancelled(self) -> None:
        self.progress_bar.setValue(0)
        self.step_label.setText(self.tr("Generation cancelled: no file was written."))

    def _finished(self) -> None:
        self.job = None
        self._set_inputs_enabled(True)
        self.cancel_button.setEnabled(False)

    def wait(self) -> None:
        """Block until a running generation ends on its thread (its result is shown
        from the event loop)."""
        if self.job is not None:
            self.job.wait()

    # ------------------------------------------------------------- results

    def open_pdf(self) -> None:
        """Open the PDF in the system's viewer; when the system has none, say so and
        offer the folder (the button did nothing, silently: issue 15)."""
        if self.files is None:
            return
        pdf = Path(self.files.pdf)
        if QDesktopServices.openUrl(QUrl.fromLocalFile(str(pdf))):
            return
        box = QMessageBox(
            QMessageBox.Icon.Information,
            self.tr("No PDF viewer"),
            self.tr("No program to read PDF files is set up on this computer, so the "
                    "report cannot be opened from here. It is the file {0} in the folder "
                    "{1}: open the folder, or install a PDF reader.").format(pdf.name,
                                                                            pdf.parent),
            QMessageBox.StandardButton.Close,
            self,
        )
        box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        folder_button = box.addButton(self.tr("Open the folder"),
                                      QMessageBox.ButtonRole.AcceptRole)
        folder_button.clicked.connect(self.open_folder)
        box.setDefaultButton(folder_button)
        box.open()

    def open_folder(self) -> None:
        """Open the output folder in the file manager; without one, name the folder."""
        if self.files is None:
            return
        folder = Path(self.files.pdf).parent
        if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder))):
            self.errors.show_lines([self.tr(
                "No file manager can be opened on this computer: the report's files are "
                "in the folder {0}.").format(folder)])

    def save_xlsx(self, target: str | None = None) -> None:
        """Save a copy of the workbook where the user chooses (``target`` skips the
        dialog)."""
        if self.files is None or self.files.xlsx is None:
            return
        if not target:
            target, _filter = QFileDialog.getSaveFileName(
                self, self.tr("Save the workbook"), str(self.files.xlsx),
                self.tr("Excel workbook (*.xlsx)"),
            )
        if target:
            self._copy({Path(target): Path(self.files.xlsx)})

    def save_csv(self, folder: str | None = None) -> None:
        """Save a copy of every CSV file into a folder the user chooses (``folder`` skips
        the dialog)."""
        if self.files is None or not self.files.csv:
            return
        if not folder:
            folder = QFileDialog.getExistingDirectory(
                self, self.tr("Folder for the CSV files"), str(Path(self.files.pdf).parent)
            )
        if folder:
            self._copy({Path(folder) / Path(p).name: Path(p) for p in self.files.csv})

    def _copy(self, copies: dict[Path, Path]) -> None:
        try:
            data = {target: source.read_bytes() for target, source in copies.items()
                    if target.resolve() != source.resolve()}
            write_all_atomically(data)
        except ReportWriteFailed as error:
            self.errors.show_lines([str(error)])
        except OSError as error:
            self.errors.show_lines([self.tr("The files could not be copied ({0}).").format(
                error.strerror or type(error).__name__)])
        else:
            self.errors.clear_lines()
            self.hub.show_message(self.tr("Saved: {0} file(s).").format(len(copies)))
