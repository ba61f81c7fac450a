"""The support log: a rotated file without personal data, in the platform's log folder.

When an educator calls for help, the service's support asks for this file (issue 16).
One line per event, in French:

* the start of a program — version, command or window, system, Python, installed or
  bundled — and its end (exit status, duration);
* the opening or creation of a base (its schema version: never its path);
* every error shown to the user, with a stable code (:func:`error_code`) and its French
  message scrubbed of whatever may name a person (:func:`scrub`); for an unexpected error,
  its type, the missing module when an import failed (issue 15: the package replaced under
  a running window), and the code locations of its traceback (file, line, function).

Never written: names, codes, nicknames, passphrases, free texts, file paths (a path holds
the user's name on every system), exception arguments, local variables. Only the
``sps_desk`` loggers write here: third-party libraries' messages may hold paths.

The folder is platformdirs' ``user_log_path("sps_desk")``: ``~/.local/state/sps_desk/log``
on Linux, ``~/Library/Logs/sps_desk`` on macOS, ``%LOCALAPPDATA%\\sps_desk\\Logs`` on
Windows. The file turns over at :data:`MAX_BYTES` and keeps :data:`BACKUP_COUNT` old ones.
"""

from __future__ import annotations

import errno
import logging
import logging.handlers
import os
import platform
import re
import sys
import time
import traceback
from collections.abc import Iterable
from pathlib import Path

import platformdirs
from pydantic import ValidationError

from sps_desk import __version__
from sps_desk.errors import SpsDeskError, sqlite_error_name

LOGGER_NAME = "sps_desk"
LOG_FILENAME = "sps_desk.log"
MAX_BYTES = 1_000_000
"""Size at which the file turns over (about 10 000 lines)."""
BACKUP_COUNT = 3
"""Old files kept (``sps_desk.log.1`` … ``.3``): 4 MB at most in all."""

logger = logging.getLogger(LOGGER_NAME)

_started_at: float | None = None


def log_dir() -> Path:
    """The platform's log folder of the application (not created)."""
    return platformdirs.user_log_path("sps_desk", appauthor=False)


def log_file() -> Path:
    """The current log file."""
    return log_dir() / LOG_FILENAME


class _OwnerOnlyRotatingHandler(logging.handlers.RotatingFileHandler):
    """A rotating file created readable by its owner only, which never disturbs the
    application: a log that cannot be written (full disk, a second instance holding
    the file during a turnover on Windows) is skipped silently."""

    def _open(self):  # the stdlib's signature
        descriptor = os.open(self.baseFilename, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        return open(descriptor, self.mode, encoding=self.encoding, errors=self.errors)

    def handleError(self, record: logging.LogRecord) -> None:
        """Drop the line: the log is for support, never a reason to fail."""


def start(program: str) -> Path | None:
    """Write to the log file from now on and note the start of ``program`` (``"fenêtre"``,
    ``"commande export"``…). Idempotent within a process (a new start line each call).

    Returns the log file, or ``None`` when its folder cannot be created (the application
    runs on without a log).
    """
    global _started_at
    if not any(isinstance(h, _OwnerOnlyRotatingHandler) for h in logger.handlers):
        try:
            folder = log_dir()
            folder.mkdir(parents=True, exist_ok=True)
            handler = _OwnerOnlyRotatingHandler(
                folder / LOG_FILENAME, maxBytes=MAX_BYTES, backupCount=BACKUP_COUNT,
                encoding="utf-8", delay=True,
            )
        except OSError:
            return None
        handler.setFormatter(
            logging.Formatter("%(asctime)s %(levelname)s %(name)s : %(message)s"))
        logger.addHandler(handler)
        handler.setLevel(logging.INFO)
        if logger.getEffectiveLevel() > logging.INFO:
            logger.setLevel(logging.INFO)
    _started_at = time.monotonic()
    frozen = "autonome" if getattr(sys, "frozen", False) else "Python installé"
    logger.info(
        "démarrage : sps_desk %s, %s, %s %s, Python %s (%s)",
        __version__, program, platform.system(), platform.release(),
        platform.python_version(), frozen,
    )
    return log_file()


def finish(status: int) -> None:
    """Note the end of the program started with :func:`start` (exit status, seconds)."""
    elapsed = 0.0 if _started_at is None else time.monotonic() - _started_at
    logger.info("fin : code de sortie %d, %.1f s", status, elapsed)


def error_code(error: BaseException) -> str:
    """A stable code for ``error``, to search in the log and to quote on the phone.

    ``SPS-<class>`` for the application's errors (``SPS-WrongPassphrase``),
    ``OS-<errno name>`` (``OS-ENOSPC``), ``SQLITE-<name>`` (``SQLITE-SQLITE_BUSY``),
    ``DONNEES`` for a validation error, ``INTERRUPTION`` (Ctrl+C), ``MEMOIRE``, and
    ``BUG-<class>`` for anything unexpected (``BUG-ModuleNotFoundError``).
    """
    if isinstance(error, SpsDeskError):
        return f"SPS-{type(error).__name__}"
    if isinstance(error, KeyboardInterrupt):
        return "INTERRUPTION"
    if isinstance(error, MemoryError):
        return "MEMOIRE"
    if isinstance(error, OSError) and error.errno is not None:
        return f"OS-{errno.errorcode.get(error.errno, str(error.errno))}"
    sqlite_name = sqlite_error_name(error)
    if sqlite_name:
        return f"SQLITE-{sqlite_name}"
    if isinstance(error, ValidationError):
        return "DONNEES"
    return f"BUG-{type(error).__name__}"


_SCRUBBERS: tuple[tuple[re.Pattern[str], str], ...] = (
    # Whatever the message quotes is a value the user typed or a record's name.
    (re.compile(r"«[^»]*»"), "«…»"),
    (re.compile(r"“[^”]*”|\"[^\"]*\""), '"…"'),
    (re.compile(r"\S+@\S+"), "<courriel>"),
    (re.compile(r"\b\d{1,4}[/-]\d{1,2}[/-]\d{1,4}\b"), "<date>"),
    # A path, spaces included, up to the punctuation that follows it in a sentence
    # (« Impossible d'accéder à C:\\Users\\Zoé Ğüzel\\x.sps : … »).
    (re.compile(r"(?:[A-Za-z]:)?[^\s«»\"]*[/\\].*?(?=\s[:;(]|\s?»|,\s|\.\s|\.?$)",
                re.MULTILINE), "<fichier>"),
    # A young person's code (J-7KQ2MX) and phone-like runs of digits.
    (re.compile(r"\b[A-Z]-[0-9A-Z]{6}\b"), "<code>"),
    (re.compile(r"(?:\+?\d[ .-]?){8,}\d"), "<numéro>"),
)

_FILE_NAME_END = re.compile(r"[^\s«»\"/\\(]+\.[A-Za-z][A-Za-z0-9]{1,5}$")
"""The last word of a file name: ``….spsb``, ``….sps.keys``."""
_BEFORE_FILE_NAMES = frozenset({
    "fichier", "paquet", "base", "clés", "classeur", "image", "photo", "dossier", "dans",
    "copie", "<fichier>",
})
"""Words after which the messages name a file (« Paquet {name} refusé »): a file name
runs back from its extension to one of them, or to punctuation, or to the start."""

_hidden: set[str] = set()


def hide(values: Iterable[object]) -> None:
    """Never log these values (what the user typed on the command line: names, files);
    for a path, also its file name. Values shorter than 3 characters or made of digits
    only (years, counts) are not hidden: they would hide the message instead."""
    for value in values:
        forms = [str(value)]
        if isinstance(value, Path):
            forms.append(value.name)
        _hidden.update(f for f in forms if len(f) >= 3 and not f.isdigit())


def scrub(message: str) -> str:
    """``message`` without what may name a person: quoted values, e-mail addresses,
    dates, paths and file names (with their spaces), codes, phone-like numbers, and the
    values given to :func:`hide`. Counts, field names and the sentence itself stay, so
    that support reads what the user read."""
    for value in sorted(_hidden, key=len, reverse=True):
        message = message.replace(value, "<valeur>")
    for pattern, replacement in _SCRUBBERS:
        message = pattern.sub(replacement, message)
    return _hide_file_names(message)


def _hide_file_names(message: str) -> str:
    """``Paquet Inès Moreau 2026-11-20.spsb refusé`` → ``Paquet <fichier> refusé``."""
    words = message.split(" ")
    index = 0
    while index < len(words):
        if not _FILE_NAME_END.match(words[index].rstrip(".,;:)")):
            index += 1
            continue
        end = index
        while (index > 0 and words[index - 1].lower() not in _BEFORE_FILE_NAMES
               and not words[index - 1].endswith((":", ";", ",", ".", "(", "«", "»"))):
            index -= 1
        trailing = words[end][len(words[end].rstrip(".,;:)")):]
        words[index:end + 1] = ["<fichier>" + trailing]
        index += 1
    return " ".join(words)


def note_error(error: BaseException, message: str) -> None:
    """Log ``error`` as shown to the user with the French ``message``: its code and the
    scrubbed message; for an unexpected error also the missing module of an import error
    and the traceback's code locations (never its values)."""
    code = error_code(error)
    logger.error("[%s] %s", code, scrub(message))
    if not code.startswith("BUG-"):
        return
    if isinstance(error, ImportError) and error.name:
        logger.error("[%s] module introuvable : %s", code, error.name)
    locations = [
        f"{_short(frame.filename)}:{frame.lineno} {frame.name}"
        for frame in traceback.extract_tb(error.__traceback__)
    ]
    if locations:
        logger.error("[%s] pile : %s", code, " ← ".join(reversed(locations)))


def _short(filename: str) -> str:
    """``sps_desk/ui/app.py`` or ``PySide6/__init__.py`` for a frame's file: the part
    below ``site-packages`` or the bundle's folder, never the folders above (they hold
    the user's name)."""
    path = Path(filename)
    if not path.is_absolute():
        return path.as_posix()  # a bundled module's name, relative to the bundle
    parts = path.parts
    if "sps_desk" in parts:
        index = len(parts) - 1 - parts[::-1].index("sps_desk")
        return "/".join(parts[index:])
    for marker in _CODE_FOLDERS:
        if marker in parts:
            index = len(parts) - 1 - parts[::-1].index(marker)
            return "/".join(parts[index + 1:])
    return Path(filename).name


_CODE_FOLDERS = ("site-packages", "_internal", "Frameworks", "Resources")
"""Folders under which code lives: a virtual environment's, and PyInstaller's bundle on
Windows and Linux (``_internal``) and macOS (``Contents/Frameworks``, ``Resources``)."""
