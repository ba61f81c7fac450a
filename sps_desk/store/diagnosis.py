"""Why a base whose key slot opened still does not open: the real cause, for the message.

When a database key from the ``.keys`` file does not read the base, three causes look the
same to SQLite (« file is not a database ») but call for different actions:

- a ``-wal`` journal beside the base that belongs to another base or to an older copy
  (left by a copy of the base without its journal, or by a restore done by hand): the
  base itself is intact — move the journal away;
- a damaged first page of the base (a bad sector, an interrupted copy): the key fits
  every other page — restore a backup;
- a key file from another base, or older than a key change: the key fits no page — use
  the key file that goes with the base.

SQLCipher's ``cipher_integrity_check`` checks the HMAC of every page of the file itself
(never of the journal), and ``immutable=1`` reads the file without its journal: together
they tell the three apart. Used on the failure path only (they read the whole file).
"""

from __future__ import annotations

import contextlib
import re
from pathlib import Path

import sqlcipher3

from sps_desk.store import slots
from sps_desk.store.errors import CorruptDatabase, StoreError, StrayJournal, TruncatedDatabase
from sps_desk.store.keys import apply_raw_key

_FAILED_PAGE = re.compile(r"HMAC verification failed for page (\d+)")


def _journal(path: Path) -> bool:
    wal = Path(f"{path}-wal")
    return wal.exists() and wal.stat().st_size > 0


def _failed_pages(path: Path, key: bytes) -> set[int] | None:
    """Pages of the file itself whose HMAC fails with ``key`` (``None``: cannot tell)."""
    try:
        connection = sqlcipher3.connect(f"file:{path}?immutable=1", uri=True)
    except sqlcipher3.Error:
        return None
    with contextlib.closing(connection):
        try:
            apply_raw_key(connection, key)
            rows = connection.execute("PRAGMA cipher_integrity_check").fetchall()
        except sqlcipher3.Error:
            return None
    return {int(m.group(1)) for (text,) in rows if (m := _FAILED_PAGE.search(str(text)))}


def _file_alone_reads(path: Path, key: bytes) -> bool:
    """Whether the file, without its journal, is a readable base under ``key``."""
    try:
        connection = sqlcipher3.connect(f"file:{path}?immutable=1", uri=True)
    except sqlcipher3.Error:
        return False
    with contextlib.closing(connection):
        try:
            apply_raw_key(connection, key)
            return connection.execute("PRAGMA quick_check").fetchone()[0] == "ok"
        except sqlcipher3.Error:
            return False


def check_journal(path: Path, keys: list[bytes]) -> None:
    """Refuse, before any connection that could write, a ``-wal`` journal that is not
    this base's.

    A read-write connection replays a journal into the file when it closes, whatever the
    journal holds: a journal left by another base, or by an older copy of this one,
    would overwrite pages of the file and the base would be lost (measured: the first
    page of another base replaced this one's). So a non-empty journal is first read
    through a read-only connection, checked, and only then trusted. Costs one
    ``quick_check`` when a journal is there (after a crash, or while another program
    has the base open).

    Raises:
        StrayJournal: the journal does not read with this base's key, or makes it
            inconsistent, while the file alone is a sound base.
    """
    if not _journal(path):
        return
    for key in keys:
        try:
            connection = sqlcipher3.connect(f"file:{path}?mode=ro", uri=True)
        except sqlcipher3.Error:
            return
        try:
            apply_raw_key(connection, key)
            if connection.execute("PRAGMA quick_check").fetchone()[0] == "ok":
                return  # the journal is this base's
            break
        except sqlcipher3.DatabaseError as error:
            name = getattr(error, "sqlite_errorname", "")
            if name == "SQLITE_NOTADB":
                continue  # page 1 does not decrypt with this key: maybe the next one
            if not name.startswith("SQLITE_CORRUPT"):
                return  # busy, read-only medium…: the opening itself will say so
            break
        finally:
            connection.close()
    if any(_file_alone_reads(path, key) for key in keys):
        raise StrayJournal(path)


def no_key_fits(path: Path, keys: list[bytes]) -> StoreError | slots.KeySlotError:
    """The error to raise when none of ``keys`` (opened from the header) reads ``path``."""
    pages = max(path.stat().st_size // 4096, 1)
    for key in keys:
        failed = _failed_pages(path, key)
        if failed is None:
            continue
        if not failed and _journal(path):
            return StrayJournal(path)
        if failed and len(failed) < pages:
            return CorruptDatabase(path)  # the key fits the other pages: damage
    return slots.KeyFileMismatch(slots.header_path(path))


def pages_missing(path: Path, key: bytes) -> StoreError:
    """The error to raise when page 1 decrypted but the pages it announces are missing:
    a journal that is not this file's, or a file cut short (an interrupted copy)."""
    if _journal(path) and _file_alone_reads(path, key):
        return StrayJournal(path)
    return TruncatedDatabase(path)
