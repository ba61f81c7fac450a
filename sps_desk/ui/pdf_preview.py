"""A PDF shown inside the window with Qt's PDF module (``PySide6.QtPdf``).

Qt's PDF module ships in the ``PySide6-Pdf`` wheel (pinned in pyproject). If it cannot
be imported (a packaging without it), the preview says so and the page falls back to
the system's PDF viewer.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtWidgets import QLabel, QStackedLayout, QWidget

try:  # the module is optional at run time: a missing one must not stop the window
    from PySide6.QtPdf import QPdfDocument
    from PySide6.QtPdfWidgets import QPdfView
except ImportError as error:  # pragma: no cover - depends on the installed wheels
    QPdfDocument = None  # type: ignore[assignment,misc]
    QPdfView = None  # type: ignore[assignment,misc]
    # Said in the support log, and refused by packaging/smoke.sh (issue 16).
    logging.getLogger(__name__).warning("aperçu PDF indisponible : module %s absent",
                                        error.name)


class PdfPreview(QWidget):
    """Pages of one PDF, fitted to the width and scrolled continuously."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(self.tr("Preview of the report"))
        self._stack = QStackedLayout(self)
        self._message = QLabel(self.tr("The report will be shown here once generated."))
        self._message.setWordWrap(True)
        self._stack.addWidget(self._message)
        self.document = None
        self.view = None
        if QPdfDocument is not None and QPdfView is not None:
            self.document = QPdfDocument(self)
            self.view = QPdfView(self)
            self.view.setDocument(self.document)
            self.view.setPageMode(QPdfView.PageMode.MultiPage)
            self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
            self._stack.addWidget(self.view)

    @property
    def available(self) -> bool:
        """Whether Qt's PDF module is installed."""
        return self.document is not None

    def page_count(self) -> int:
        """Pages of the PDF shown (0 when none)."""
        return self.document.pageCount() if self.document is not None else 0

    def show_pdf(self, path: Path) -> bool:
        """Show ``path``; ``False`` when it cannot be shown here (no module, bad file)."""
        if self.document is None or self.view is None:
            self._message.setText(self.tr("This installation cannot show PDF files itself."))
            return False
        self.document.close()
        error = self.document.load(str(path))
        if error != QPdfDocument.Error.None_:
            self._stack.setCurrentWidget(self._message)
            return False
        self._stack.setCurrentWidget(self.view)
        return True

    def clear(self) -> None:
        """Forget the PDF (so that the file can be replaced on Windows)."""
        if self.document is not None:
            self.document.close()
        self._stack.setCurrentWidget(self._message)
