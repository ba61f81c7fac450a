"""The whole-file check of a base, run in the background rather than at every opening.

Interim copy of the scale-data helper's API (``check_integrity`` → ``IntegrityReport``),
so that the window's « Vérifier la base » is built and tested against it; the scale-data
version (with the unclean-shutdown marker) replaces this file when merged.

SQLCipher checks the HMAC of every page it reads, so a damaged page is caught when it is
used; the whole-file check reads every page (``cipher_integrity_check``) and every
table and index (``integrity_check``) on a read-only connection of its own, so the
window keeps saving meanwhile.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import sqlcipher3
from babel.numbers import format_decimal

from sps_desk.errors import SpsDeskError
from sps_desk.store.keys import apply_raw_key

if TYPE_CHECKING:
    from sps_desk.store.database import Database

PAGE_SIZE = 4096
"""SQLCipher 4's page size."""


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
    """Read and check every page of the open base, on a read-only connection of its own
    (any thread may call it). ``cancelled()`` is asked every few thousand steps.

    Raises:
        IntegrityCheckCancelled: ``cancelled()`` became true.
        ValueError: the base is closed.
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
    megabytes = format_decimal(round(pages * PAGE_SIZE / 1_000_000), locale="fr_FR")
    message = (
        f"La base {path.name} est intacte : ses {format_decimal(pages, locale='fr_FR')} "
        f"pages ({megabytes} Mo) ont été relues et vérifiées."
    )
    return IntegrityReport(True, message, pages, 0)
