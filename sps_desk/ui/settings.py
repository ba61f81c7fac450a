"""Settings of this machine's user, kept with ``QSettings`` (not in the base).

Only the interface language for now: ``"fr"`` (default) or ``"en"``. The environment
variable ``SPS_DESK_LANG`` still wins, for scripts and tests.
"""

from __future__ import annotations

from PySide6.QtCore import QSettings

LANGUAGES: tuple[str, ...] = ("fr", "en")
LANGUAGE_KEY = "interface/language"


def user_settings() -> QSettings:
    """The INI settings file of the user (``~/.config/sps_desk/sps_desk.ini`` on Linux)."""
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, "sps_desk", "sps_desk")


def saved_language() -> str | None:
    """The language chosen in the settings dialog, or ``None`` when never chosen."""
    value = user_settings().value(LANGUAGE_KEY)
    return value if isinstance(value, str) and value in LANGUAGES else None


def save_language(language: str) -> None:
    """Remember ``language`` (``"fr"`` or ``"en"``) for the next starts.

    Raises:
        ValueError: the language is not offered.
    """
    if language not in LANGUAGES:
        raise ValueError(language)
    settings = user_settings()
    settings.setValue(LANGUAGE_KEY, language)
    settings.sync()
