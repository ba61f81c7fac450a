"""Render one page of the window offscreen to a PNG (``sps-desk screenshot``).

Used for the README's screenshots and by anyone documenting the application: the
window is built over the given base at 1366×768, in French unless ``SPS_DESK_LANG=en``,
with the bundled DejaVu font so that images look the same on every machine.
"""

from __future__ import annotations

import os
from importlib.resources import as_file, files
from pathlib import Path
from uuid import UUID

from sps_desk import atomic
from sps_desk.errors import SpsDeskError

PAGES: dict[str, int] = {
    "accueil": 0,
    "terrain": 1,
    "jeunes": 2,
    "accompagnements": 3,
    "actions": 4,
    "temps": 5,
    "rapport": 6,
}
"""Page names accepted by the command, in navigation order."""

SIZE = (1366, 768)
"""Window size of the screenshots: the small laptop screen the pages are designed for."""


class ScreenshotFailed(SpsDeskError):
    """The image could not be written (French message)."""


def render_page(database: object, page: str, out: Path, texts: Path | None = None) -> Path:
    """Render ``page`` of the window over an open ``database`` to the PNG file ``out``.

    Creates an offscreen ``QApplication`` when none exists. The file is written under a
    temporary name and renamed, so ``out`` is never left half-written. With ``texts``,
    also writes there the translation files in use (first line) and the interface
    strings of the rendered page, one a line (:mod:`sps_desk.ui.visible_texts`): how the
    packaged application is checked to speak French (issue 16).

    Raises:
        ScreenshotFailed: unknown page, or the image cannot be written.
    """
    if page not in PAGES:
        raise ScreenshotFailed(f"Page inconnue « {page} » : choisissez parmi {', '.join(PAGES)}.")
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if app is None:
        # Offscreen: no display is needed (servers, CI); must be set before the app.
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
        _quiet_offscreen_warning()
        app = QApplication(["sps-desk"])
    return _render(app, database, page, out, texts)


def _quiet_offscreen_warning() -> None:
    """Drop the offscreen plugin's harmless « propagateSizeHints » notice; keep the rest."""
    import sys

    from PySide6.QtCore import QtMsgType, qInstallMessageHandler

    def handler(kind: QtMsgType, _context: object, message: str) -> None:
        if "propagateSizeHints" not in message:
            print(message, file=sys.stderr)

    qInstallMessageHandler(handler)


def _render(app: object, database: object, page: str, out: Path, texts: Path | None) -> Path:
    from PySide6.QtGui import QFont, QFontDatabase
    from PySide6.QtWidgets import QApplication

    from sps_desk.store.database import Database
    from sps_desk.ui.i18n import (
        chosen_language,
        install_translators,
        remove_translators,
        translator_files,
    )
    from sps_desk.ui.main_window import MainWindow
    from sps_desk.ui.visible_texts import interface_texts

    assert isinstance(app, QApplication) and isinstance(database, Database)
    font_file = files("sps_desk").joinpath("resources", "fonts", "DejaVuSans.ttf")
    with as_file(font_file) as path:
        font_id = QFontDatabase.addApplicationFont(str(path))
    previous_font = app.font()
    if font_id >= 0:
        app.setFont(QFont(QFontDatabase.applicationFontFamilies(font_id)[0], 9))
    translators = install_translators(app, chosen_language())
    try:
        window = MainWindow(database)
        window.resize(*SIZE)
        window.show()
        window.show_page(PAGES[page])
        _show_content(window, page)
        _settle(app)
        window.statusBar().clearMessage()  # a message of the opening (a check) is noise
        image = window.grab()
        out.parent.mkdir(parents=True, exist_ok=True)
        with atomic.staged(out, mode=0o644) as partial:  # an image to share, not a secret
            if not image.save(str(partial), "PNG"):
                raise ScreenshotFailed(f"Impossible d'écrire l'image {out} : vérifiez le "
                                       "dossier et l'espace libre.")
        if texts is not None:
            in_use = ", ".join(translator_files(translators)) or "aucune"
            lines = [f"# traductions : {in_use}", *interface_texts(window)]
            atomic.write_file(texts, "\n".join(lines).encode("utf-8") + b"\n", mode=0o644)
        window.close()
        window.deleteLater()
        app.processEvents()
        return out
    finally:
        remove_translators(app, translators)
        app.setFont(previous_font)


SETTLE_SECONDS = 120.0
"""Longest wait for the page's background jobs (the home page's figures) before the
image is taken anyway."""


def _settle(app: object) -> None:
    """Let the page show what its background jobs compute (figures, « À vérifier »)."""
    import time

    from PySide6.QtWidgets import QApplication

    from sps_desk.ui.operations import task_manager

    assert isinstance(app, QApplication)
    deadline = time.monotonic() + SETTLE_SECONDS
    while not task_manager().idle and time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.01)
    for _ in range(5):
        app.processEvents()


def _show_content(window: object, page: str) -> None:
    """Show the base's last year (outings, report, home page's cut-off) and select a row
    where a page shows more with one (timeline, sessions, a busy week)."""
    from sps_desk.store.listing import latest_time_entry_id
    from sps_desk.store.overview import latest_day
    from sps_desk.ui.formatting import to_qdate
    from sps_desk.ui.main_window import PAGE_TYPES, MainWindow
    from sps_desk.ui.pages.collective import CollectiveActionsPage
    from sps_desk.ui.pages.field import FieldPage
    from sps_desk.ui.pages.home import HomePage
    from sps_desk.ui.pages.report import ReportPage
    from sps_desk.ui.pages.supports import SupportsPage
    from sps_desk.ui.pages.time_entries import TimePage

    assert isinstance(window, MainWindow)
    current = window.page(PAGE_TYPES[PAGES[page]])
    if isinstance(current, SupportsPage | CollectiveActionsPage) and current.model.rowCount():
        current.table.selectRow(0)
    # The base's last year, not today's (the demo of a past year).
    last = latest_day(window.database.connection)
    if isinstance(current, HomePage) and last is not None:
        current.cutoff_edit.setDate(to_qdate(last))
    if isinstance(current, FieldPage) and last is not None:
        current.show_year(last.year)
    if isinstance(current, ReportPage) and last is not None:
        current.year_spin.setValue(last.year)
    if isinstance(current, TimePage):
        # The week of the latest hours recorded (read from the end of the date index).
        latest = latest_time_entry_id(window.database)
        entry = window.database.repos.time_entries.get(UUID(latest)) if latest else None
        if entry is not None:
            current.sheet_staff_combo.select_id(entry.staff_id)
            current.week_edit.setDate(to_qdate(entry.date))
