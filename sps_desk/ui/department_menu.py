"""The « Département » menu of the main window: the statistics file and the consolidation.

The consolidation window is imported when first opened (it brings the PDF and
spreadsheet libraries); the statistics file's dialog imports the export itself (the
suppression solver) in its background job: neither is needed to start the window
(issue 12: unlock → window shown ≤ 1.5 s), nor freezes it when opened.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMainWindow

from sps_desk.ui.dialogs.export_preview import ExportPreviewDialog
from sps_desk.ui.pages.report import default_output_dir, default_year

if TYPE_CHECKING:
    from sps_desk.ui.pages.consolidation import ConsolidationPage


class DepartmentMenu:
    """Adds the menu to ``window`` (a ``MainWindow``, whose ``database`` it reads) and
    keeps the dialog and the consolidation window it opens."""

    def __init__(self, window: QMainWindow) -> None:
        self.window = window
        self.export_dialog: ExportPreviewDialog | None = None
        self.consolidation: ConsolidationPage | None = None
        menu = window.menuBar().addMenu(
            QCoreApplication.translate("DepartmentMenu", "&Département"))
        self.menu = menu
        self.export_action = QAction(QCoreApplication.translate(
            "DepartmentMenu", "Statistics file for the Département…"), window)
        self.export_action.triggered.connect(self.open_export)
        menu.addAction(self.export_action)
        self.consolidate_action = QAction(QCoreApplication.translate(
            "DepartmentMenu", "Consolidate the services' files…"), window)
        self.consolidate_action.triggered.connect(self.open_consolidation)
        menu.addAction(self.consolidate_action)

    def open_export(self) -> ExportPreviewDialog:
        """Show « Ce qui quitte cet ordinateur » for the most likely year."""
        database = self.window.database  # type: ignore[attr-defined]
        self.export_dialog = ExportPreviewDialog(
            database, default_year(), default_output_dir(), self.window)
        self.export_dialog.open()
        return self.export_dialog

    def open_consolidation(self) -> ConsolidationPage:
        """Show the Département mode in its own window (it needs no base)."""
        from sps_desk.ui.pages.consolidation import ConsolidationPage

        if self.consolidation is None:
            self.consolidation = ConsolidationPage(default_output_dir() / "departement")
            self.consolidation.resize(820, 560)
        self.consolidation.show()
        self.consolidation.raise_()
        return self.consolidation
