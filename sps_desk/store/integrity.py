"""The base's integrity: when to check the whole file, and the check itself.

Opening does not read the whole file: SQLCipher checks the HMAC of every page it reads,
so a damaged page is refused the moment anything reads it. The whole file is checked
after an unclean shutdown — detected by a marker beside the base, ``PATH.open``, written
when the base opens and removed when it closes cleanly — or when the user asks
(Fichier › Vérifier la base, ``sps-desk check``).

The marker holds a random token of the opening that wrote it and nothing about the
base. When the whole-file check is due it also holds ``check``, and stays until a check
passes, so that closing cleanly after a crash never hides the crash. Two programs
opening the same base at once see each other's marker: the second asks for a check it
did not strictly need (harmless), and a crash of the first while the second is open
goes unnoticed if the second then closes cleanly (rare; the per-page HMAC still
refuses any damaged page when read).
"""

from __future__ import annotations

import contextlib
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import sqlcipher3
from babel.numbers import format_decimal

from sps_desk import atomic
from sps_desk.errors import SpsDeskError
from sps_desk.store.keys import apply_raw_key

if TYPE_CHECKING:
    from sps_desk.store.database import Database

_CHECK_DUE = "check"
PAGE_SIZE = 4096
"""SQLCipher 4's page size."""


def marker_path(path: Path) -> Path:
    """The marker of the openings of the base at ``path``: ``PATH.open``."""
    return Path(f"{path}.open")


def mark_open(path: Path) -> tuple[str, bool]:
    """Write this opening's marker; returns its token and whether the whole-file check
    is due (the previous opening left its marker: it did not close cleanly, or a check
    it owed has not passed yet). A marker that cannot be written (read-only folder)
    leaves the check not due: the per-page HMAC still guards every read."""
    marker = marker_path(path)
    token = secrets.token_hex(8)
    try:
        due = marker.exists()
        atomic.write_file(marker, f"{token}\n{_CHECK_DUE if due else ''}\n".encode())
    except (OSError, SpsDeskError):
        return token, False
    return token, due


def mark_closed(path: Path, token: str, *, check_due: bool) -> None:
    """Remove the marker at a clean close, unless a check is still owed (then it stays,
    so that the next opening asks for the check) or another opening wrote it since."""
    marker = marker_path(path)
    with contextlib.suppress(OSError):
        lines = marker.read_text(encoding="utf-8").splitlines()
        if lines and lines[0] == token:
            if check_due:
                return
            marker.unlink()


def clear_check_due(path: Path, token: str) -> None:
    """A check passed: the marker goes back to « open, nothing owed » (if it is still
    this opening's)."""
    marker = marker_path(path)
    with contextlib.suppress(OSError, SpsDeskError):
        lines = marker.read_text(encoding="utf-8").splitlines()
        if lines and lines[0] == token:
            atomic.write_file(marker, f"{token}\n\n".encode())


class IntegrityCheckCancelled(SpsDeskError):
    """The user stopped the check; nothing was changed."""

    def __init__(self) -> None:
        super().__init__("Vérification de la base annulée : rien n'a été modifié.")


@dataclass(frozen=True)
class IntegrityReport:
    """The result of :func:`check_integrity`."""

    intact: bool
    message: str
    """One French sentence naming the file: the result, and what to do when damaged."""
    pages: int
    """Pages read and checked (4 KiB each)."""
    problems: int
    """Problems found (0 when intact)."""


def check_integrity(
    database: Database, *, cancelled: Callable[[], bool] | None = None
) -> IntegrityReport:
    """Read and check every page of the open base, on a connection of its own.

    Two checks: SQLCipher's HMAC of every page, free pages included
    (``cipher_integrity_check``), then SQLite's structure of every table and index
    (``integrity_check``). The connection is this call's own and only reads (WAL), so
    the window may save meanwhile and a background thread may run it. When intact,
    :attr:`Database.integrity_check_due` is cleared. ``cancelled()`` is asked every
    few thousand steps.

    Raises:
        IntegrityCheckCancelled: ``cancelled()`` became true.
    """
    key = database.database_key
    if key is None:
        raise ValueError("base fermée")
    path = database.path
    connection = sqlcipher3.connect(f"file:{path}?mode=ro", uri=True, isolation_level=None)
    stopped = False

    def progress() -> int:
        nonlocal stopped
        stopped = cancelled is not None and cancelled()
        return int(stopped)

    try:
        apply_raw_key(connection, key)
        connection.execute("PRAGMA temp_store = MEMORY")
        connection.set_progress_handler(progress, 20_000)
        try:
            pages = connection.execute("PRAGMA page_count").fetchone()[0]
            # The page check runs in one step of SQLite's machine: asked before it.
            if progress():
                raise IntegrityCheckCancelled()
            problems = len(connection.execute("PRAGMA cipher_integrity_check").fetchall())
            if progress():
                raise IntegrityCheckCancelled()
            structure = [row[0] for row in connection.execute("PRAGMA integrity_check(100)")]
        except sqlcipher3.OperationalError:
            if stopped:
                raise IntegrityCheckCancelled() from None
            raise
        except sqlcipher3.DatabaseError:
            pages, problems, structure = 0, 1, []
    finally:
        connection.close()
    problems += len([line for line in structure if line != "ok"])
    if problems:
        message = (
            f"La base {path.name} est endommagée ({problems} anomalie(s) trouvée(s)) : "
            "n'y saisissez plus rien, restaurez la dernière sauvegarde et signalez "
            "l'incident à votre chef de service."
        )
        return IntegrityReport(False, message, pages, problems)
    database.integrity_check_due = False
    clear_check_due(path, database.open_token)
    message = (
        f"La base {path.name} est intacte : ses {format_decimal(pages, locale='fr_FR')} "
        f"pages ({size_in_megabytes(pages * PAGE_SIZE)}) ont été relues et vérifiées."
    )
    return IntegrityReport(True, message, pages, 0)


def size_in_megabytes(size: int) -> str:
    """A size in bytes as a French user reads it: « 12 Mo », « 1 234 Mo » (rounded to
    the megabyte, 10⁶ bytes), « moins de 1 Mo » below one megabyte rather than « 0 Mo »."""
    if size < 1_000_000:
        return "moins de 1 Mo"
    return f"{format_decimal(round(size / 1_000_000), locale='fr_FR')} Mo"
