"""The whole-file check of a base, run in the background rather than at every opening.

SQLCipher checks the HMAC of every page it reads, so a damaged page is caught when it is
used; the whole-file check (``PRAGMA integrity_check``: every page, every index, every
constraint, then every foreign key) reads the entire file, which takes seconds on a
decade of history. The window runs it after an unclean shutdown and on demand
(Fichier › Vérifier la base) on its own connection.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sps_desk.store.database import Database

MAX_PROBLEMS = 20
"""Lines of SQLite's report kept (the first ones say where the damage is)."""


@dataclass(frozen=True)
class IntegrityResult:
    """The outcome of a check: ``problems`` counts SQLite's findings (0 when sound);
    ``broken_links`` the references to records that do not exist."""

    problems: int
    broken_links: int

    @property
    def sound(self) -> bool:
        """Whether the base passed every check."""
        return self.problems == 0 and self.broken_links == 0


def check_integrity(database: Database) -> IntegrityResult:
    """Read the whole file of ``database``: structure, indexes, constraints, then
    foreign keys. Writes nothing; no personal data in the result (counts only).

    Raises:
        sqlcipher3.DatabaseError: a page cannot be read at all (its HMAC fails).
    """
    connection = database.connection
    lines = [row[0] for row in connection.execute(
        f"PRAGMA integrity_check({MAX_PROBLEMS})")]
    problems = 0 if lines == ["ok"] else len(lines)
    broken = len(connection.execute("PRAGMA foreign_key_check").fetchall())
    return IntegrityResult(problems, broken)
