"""« Ce qui quitte cet ordinateur »: preview, then save, the statistics file for the Département.

For the chosen year the dialog prepares the diffusion release (secrecy applied jointly
with the earlier releases, leak scan run), shows in plain French what the file contains,
what was masked and why, what changed since the last release of that year, and what is
never in it; only then can the chief save ``FILE.json`` and ``FILE.xlsx``, and the
release is recorded. A leak or a write error is shown in the dialog and nothing is
written.
"""

from __future__ import annotations

from html import escape
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from sps_desk.errors import SpsDeskError
from sps_desk.reports.export import write_export
from sps_desk.reports.export_summary import describe
from sps_desk.reports.release import Diffusion, prepare_diffusion, record_release
from sps_desk.store.database import Database
from sps_desk.ui.widgets.forms import ErrorBox


def default_export_path(folder: Path, service_name: str, year: int) -> Path:
    """``folder/statistiques-<service>-<year>.json`` with a file-system-safe name."""
    safe = "".join(ch if ch.isalnum() or ch in "-_" else "-" for ch in service_name).strip("-")
    return folder / f"statistiques-{safe or 'service'}-{year}.json"


class ExportPreviewDialog(QDialog):
    """Year, the plain French account of the file, the destination, and « Save »."""

    def __init__(self, database: Database, year: int, folder: Path,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.database = database
        self.folder = folder
        self.diffusion: Diffusion | None = None
        self.written: Path | None = None
        self.setWindowTitle(self.tr("What leaves this computer"))
        self.resize(760, 620)

        self.year_spin = QSpinBox()
        self.year_spin.setRange(2000, 2100)
        self.year_spin.setValue(year)
        self.year_spin.setAccessibleName(self.tr("Year"))
        self.year_spin.valueChanged.connect(self.refresh)
        year_row = QHBoxLayout()
        year_row.addWidget(QLabel(self.tr("Year:")))
        year_row.addWidget(self.year_spin)
        year_row.addStretch(1)

        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.summary.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.summary)

        self.path_edit = QLineEdit()
        self.path_edit.setAccessibleName(self.tr("File to write"))
        choose = QPushButton(self.tr("Choose…"))
        choose.clicked.connect(self._choose)
        path_row = QHBoxLayout()
        path_row.addWidget(QLabel(self.tr("File:")))
        path_row.addWidget(self.path_edit, 1)
        path_row.addWidget(choose)
        self.errors = ErrorBox()

        buttons = QDialogButtonBox()
        self.save_button = buttons.addButton(self.tr("Save the file"),
                                             QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.save_button.clicked.connect(self.save)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(year_row)
        layout.addWidget(scroll, 1)
        layout.addLayout(path_row)
        layout.addWidget(self.errors)
        layout.addWidget(buttons)
        self.refresh()

    def refresh(self) -> None:
        """Compute the file of the chosen year and show its account (nothing written)."""
        year = self.year_spin.value()
        self.errors.clear_lines()
        self.path_edit.setText(str(default_export_path(
            self.folder, self.database.service().name, year)))
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            self.diffusion = prepare_diffusion(self.database, year)
        except SpsDeskError as error:
            self.diffusion = None
            self.summary.setText("")
            self.errors.show_lines([str(error)])
        finally:
            QGuiApplication.restoreOverrideCursor()
        self.save_button.setEnabled(self.diffusion is not None)
        if self.diffusion is not None:
            self.summary.setText(self._account(self.diffusion))

    def _account(self, diffusion: Diffusion) -> str:
        summary = describe(diffusion.current, diffusion.internal_reasons, diffusion.changes)

        def block(title: str, lines: list[str]) -> str:
            items = "".join(f"<li>{escape(line)}</li>" for line in lines)
            return f"<h3>{escape(title)}</h3><ul>{items}</ul>"

        changes = (block(self.tr("Changed since the last release of this year"),
                         summary.changes) if summary.changes else "")
        return (changes
                + block(self.tr("The file contains"), summary.contents)
                + block(self.tr("Hidden by statistical secrecy"), summary.suppressed)
                + block(self.tr("Never in the file"), summary.not_included))

    def _choose(self) -> None:
        chosen, _filter = QFileDialog.getSaveFileName(
            self, self.tr("Save the statistics file"), self.path_edit.text(),
            self.tr("Statistics file (*.json)"))
        if chosen:
            self.path_edit.setText(chosen)

    def save(self) -> None:
        """Record the release, write the JSON and XLSX pair where asked, close."""
        if self.diffusion is None:
            return
        path = Path(self.path_edit.text().strip())
        if path.suffix.lower() != ".json":
            path = path.with_suffix(".json")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            # Recorded first: a release recorded but not written only makes later
            # releases more cautious; saving again gives the same file.
            record_release(self.database, self.diffusion, "export")
            write_export(self.diffusion.current, path)
        except OSError as error:
            self.errors.show_lines([str(error) if isinstance(error, SpsDeskError) else
                                    self.tr("Cannot write {0}: nothing was saved.")
                                    .format(path)])
            return
        self.written = path
        self.accept()
