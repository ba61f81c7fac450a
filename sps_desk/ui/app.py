"""Application entry point: choose the language, open or create the base, show the window."""

from __future__ import annotations

import gc
import logging
import os
import sys
from pathlib import Path
from types import TracebackType

import platformdirs
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from sps_desk import support_log
from sps_desk.store.database import Database
from sps_desk.ui.dialogs.create_base import CreateBaseDialog
from sps_desk.ui.dialogs.recovery_sheet import RecoverySheetDialog
from sps_desk.ui.dialogs.unlock import UnlockDialog
from sps_desk.ui.i18n import (
    chosen_language,
    install_translators,
    remove_translators,
    translator_files,
)
from sps_desk.ui.icon import application_icon
from sps_desk.ui.main_window import MainWindow

logger = logging.getLogger(__name__)

DATA_DIR_VARIABLE = "SPS_DESK_DATA_DIR"
"""Environment variable naming the folder of the base (overrides the user data folder)."""
DATABASE_FILENAME = "sps_desk.sps"


def data_dir() -> Path:
    """Folder of the base: ``$SPS_DESK_DATA_DIR`` or the user's data folder."""
    override = os.environ.get(DATA_DIR_VARIABLE, "").strip()
    if override:
        return Path(override).expanduser()
    return platformdirs.user_data_path("sps_desk", appauthor=False)


def database_path() -> Path:
    """Path of the service's encrypted base."""
    return data_dir() / DATABASE_FILENAME


def access_dialog(path: Path) -> CreateBaseDialog | UnlockDialog:
    """The creation dialog on first run (no file at ``path``), else the unlock dialog."""
    if path.exists():
        return UnlockDialog(path)
    return CreateBaseDialog(path)


def _show_unexpected_error(
    kind: type[BaseException], error: BaseException, trace: TracebackType | None
) -> None:
    """Exception hook: show a French message, never a traceback (it may hold personal
    data), and note the error in the support log (its type, the missing module of an
    import error, the code locations: :func:`sps_desk.support_log.note_error`)."""
    if issubclass(kind, KeyboardInterrupt):
        sys.__excepthook__(kind, error, trace)
        return
    message = QCoreApplication.translate(
        "App",
        "An unexpected error occurred; the action was not completed. What was "
        "already saved is safe. If it happens again, tell your head of service.",
    )
    support_log.note_error(error, message)
    QMessageBox.critical(
        None, QCoreApplication.translate("App", "Unexpected error"), message)


def run(argv: list[str] | None = None) -> int:
    """Start the desktop application and return its exit code.

    Creates (or reuses) the ``QApplication``, installs the French translation unless
    ``SPS_DESK_LANG=en``, then opens the base at :func:`database_path` through the
    creation or unlock dialog, and shows the main window until it is closed. Returns 0
    on a normal end or when the user quits the dialog, 1 when the base cannot be opened.
    The start, the translations in use and the end go to the support log.
    """
    support_log.start("fenêtre")
    status = 1
    try:
        status = _run_window(argv)
    finally:
        support_log.finish(status)
    return status


def _run_window(argv: list[str] | None) -> int:
    arguments = list(sys.argv if argv is None else argv) or ["sps-desk"]
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(arguments)
    app.setApplicationName("sps_desk")
    app.setApplicationDisplayName("sps_desk")
    app.setWindowIcon(application_icon())
    translators = install_translators(app, chosen_language())
    logger.info("traductions : %s", ", ".join(translator_files(translators)) or "aucune")
    previous_hook = sys.excepthook
    sys.excepthook = _show_unexpected_error
    database: Database | None = None
    try:
        dialog = access_dialog(database_path())
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        database = dialog.database
        if not accepted or database is None:
            return 1 if isinstance(dialog, UnlockDialog) and dialog.failed else 0
        if database.recovery_key is not None:
            # First run: the recovery sheet is shown once, to print or save.
            RecoverySheetDialog(database).exec()
        window = MainWindow(database)
        window.show()
        # What is alive now (modules, classes, the window) lives as long as the
        # application: out of the collector's full passes, which then only scan what
        # a report or a merge makes (they pause the window too, issue 12).
        gc.freeze()
        status = app.exec()
        database = window.database  # a new object if the session was locked and unlocked
        return status
    finally:
        if database is not None:
            database.close()
        sys.excepthook = previous_hook
        remove_translators(app, translators)
