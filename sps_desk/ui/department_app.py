"""The Département's window: consolidation only, without any service base.

A Département officer has no service base to unlock: ``sps-desk departement`` opens the
consolidation page on its own (the same page the services' « Département » menu opens).
"""

from __future__ import annotations

import sys

import platformdirs
from PySide6.QtWidgets import QApplication

from sps_desk.ui.i18n import chosen_language, install_translators, remove_translators
from sps_desk.ui.pages.consolidation import ConsolidationPage


def run_department(argv: list[str] | None = None) -> int:
    """Show the consolidation window until it is closed; returns the exit code (0)."""
    arguments = list(sys.argv if argv is None else argv) or ["sps-desk"]
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(arguments)
    app.setApplicationName("sps_desk")
    translators = install_translators(app, chosen_language())
    try:
        page = ConsolidationPage(platformdirs.user_documents_path() / "sps_desk" / "departement")
        page.resize(820, 560)
        page.show()
        return app.exec()
    finally:
        remove_translators(app, translators)
