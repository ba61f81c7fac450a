"""Annual report generation in a background thread, so the window stays responsive."""

from __future__ import annotations

import logging
import threading
from pathlib import Path

from PySide6.QtCore import QObject, QThread, Signal

from sps_desk.store.database import Database
from sps_desk.store.errors import describe, is_expected

logger = logging.getLogger(__name__)


class ReportWorker(QThread):
    """Runs ``sps_desk.reports.annual.write_annual_report`` off the GUI thread.

    Signals are delivered to the GUI thread: ``progressed(percent, French step)``, then
    exactly one of ``succeeded(ReportFiles)``, ``failed(French message)`` or
    ``cancelled()`` (after :meth:`cancel`; no file was written then). The generation only
    reads the base; the caller must not write to it until the thread has finished.
    """

    progressed = Signal(int, str)
    succeeded = Signal(object)
    failed = Signal(str)
    cancelled = Signal()

    def __init__(
        self, database: Database, year: int, out_dir: Path, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.database = database
        self.year = year
        self.out_dir = out_dir
        self._stop = threading.Event()

    def cancel(self) -> None:
        """Ask the generation to stop at its next step (thread-safe; returns at once)."""
        self._stop.set()

    def run(self) -> None:
        """Generate the report; never raises (errors become ``failed``)."""
        try:
            from sps_desk.reports.annual import GenerationCancelled, write_annual_report

            try:
                files = write_annual_report(
                    self.database,
                    self.year,
                    self.out_dir,
                    progress=self.progressed.emit,
                    cancelled=self._stop.is_set,
                )
            except GenerationCancelled:
                self.cancelled.emit()
                return
        except Exception as error:
            if is_expected(error):
                self.failed.emit(describe(error, where=self.out_dir))
            else:
                logger.error("report generation failed: %s", type(error).__name__)
                self.failed.emit(self.tr(
                    "The report could not be generated because of an unexpected error. "
                    "Tell your head of service."
                ))
        else:
            self.succeeded.emit(files)
