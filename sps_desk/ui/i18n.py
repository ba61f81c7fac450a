"""Interface language: French by default, English (no translation) on request."""

from __future__ import annotations

import logging
import os
from importlib.resources import as_file, files
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from sps_desk.ui.settings import saved_language

logger = logging.getLogger(__name__)

LANGUAGE_VARIABLE = "SPS_DESK_LANG"
"""Environment variable choosing the language: ``fr`` (default) or ``en``."""

QM_NAME = "sps_desk_fr.qm"


def chosen_language() -> str:
    """``"en"`` or ``"fr"``: ``SPS_DESK_LANG`` when set (``en…`` gives English), else
    the language saved in the settings dialog, else French."""
    value = os.environ.get(LANGUAGE_VARIABLE, "").strip().lower()
    if value:
        return "en" if value.startswith("en") else "fr"
    return saved_language() or "fr"


def load_french_translator(parent: QCoreApplication | None = None) -> QTranslator:
    """The application's French translator, loaded from the package resources.

    Give the application as ``parent`` so that the translator lives as long as it.

    Raises:
        FileNotFoundError: the compiled ``.qm`` file is missing or unreadable.
    """
    translator = QTranslator(parent)
    resource = files("sps_desk").joinpath("resources", "translations", QM_NAME)
    with as_file(resource) as path:
        if not translator.load(str(path)):
            raise FileNotFoundError(QM_NAME)
    return translator


def install_translators(app: QCoreApplication, language: str) -> list[QTranslator]:
    """Install the translators of ``language`` into ``app`` and set the default locale.

    French installs the application's translation and Qt's own (standard buttons,
    file dialogs); English installs none. Returns the translators installed, to be
    kept alive and removed with :func:`remove_translators`.
    """
    if language == "en":
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))
        return []
    QLocale.setDefault(QLocale(QLocale.Language.French, QLocale.Country.France))
    installed: list[QTranslator] = []
    qt_translator = QTranslator(app)
    qt_folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if qt_translator.load(QLocale(QLocale.Language.French), "qtbase", "_", qt_folder):
        app.installTranslator(qt_translator)
        installed.append(qt_translator)
    try:
        translator = load_french_translator(app)
    except FileNotFoundError:
        logger.warning("French translation file missing; the interface stays in English")
    else:
        app.installTranslator(translator)
        installed.append(translator)
    return installed


def translator_files(translators: list[QTranslator]) -> list[str]:
    """File names of the loaded ``translators`` (``sps_desk_fr.qm``, ``qtbase_fr.qm``): what
    the support log and ``sps-desk screenshot --texts`` report, so that a bundle that lost
    its translations is seen at once (issue 16)."""
    return [Path(translator.filePath()).name for translator in translators]


def remove_translators(app: QCoreApplication, translators: list[QTranslator]) -> None:
    """Uninstall translators returned by :func:`install_translators`."""
    for translator in translators:
        app.removeTranslator(translator)
