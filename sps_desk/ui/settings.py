"""Settings of this machine's user, kept with ``QSettings`` (not in the base).

The interface language, ``"fr"`` (default) or ``"en"`` — the environment variable
``SPS_DESK_LANG`` still wins, for scripts and tests — and the inactivity delay before the
session locks (a matter of where the computer is used, hence per computer).
"""

from __future__ import annotations

from PySide6.QtCore import QSettings

LANGUAGES: tuple[str, ...] = ("fr", "en")
LANGUAGE_KEY = "interface/language"
LOCK_MINUTES_KEY = "session/lock_minutes"
DEFAULT_LOCK_MINUTES = 5
"""Minutes without input before the session locks, unless chosen otherwise."""
LOCK_MINUTES_BOUNDS = (1, 30)
"""Delays offered, in minutes: under a minute the session would lock while someone reads
a page; over 30 minutes an unattended laptop in a shared room stays open too long (the CNIL's
security guide asks for an automatic lock after a period of inactivity)."""


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


def saved_lock_minutes() -> int:
    """The inactivity delay chosen in the settings dialog, in whole minutes within
    :data:`LOCK_MINUTES_BOUNDS`; :data:`DEFAULT_LOCK_MINUTES` when never chosen or when
    the settings file holds something else (edited by hand)."""
    value = user_settings().value(LOCK_MINUTES_KEY)
    try:
        minutes = int(str(value))
    except ValueError:
        return DEFAULT_LOCK_MINUTES
    low, high = LOCK_MINUTES_BOUNDS
    return minutes if low <= minutes <= high else DEFAULT_LOCK_MINUTES


def save_lock_minutes(minutes: int) -> None:
    """Remember the inactivity delay (whole minutes) for this computer's user.

    Raises:
        ValueError: outside :data:`LOCK_MINUTES_BOUNDS`.
    """
    low, high = LOCK_MINUTES_BOUNDS
    if not low <= minutes <= high:
        raise ValueError(minutes)
    settings = user_settings()
    settings.setValue(LOCK_MINUTES_KEY, minutes)
    settings.sync()
