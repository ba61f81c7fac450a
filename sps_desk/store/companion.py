"""A second connection to an open base, for work done off the window's thread.

SQLite in WAL mode lets one connection write while others read: the report, the export,
a merge or an integrity check run on their own connection in a background thread, and
an outing saved from the window meanwhile lands at once (issue 12). Writes from both
connections are serialised by SQLite (``BEGIN IMMEDIATE``); the audit chain and the
version clocks are appended inside those transactions, so they stay whole.
"""

from __future__ import annotations

from sps_desk.store.database import Database, _configure, _connect


class BaseClosed(RuntimeError):
    """The base was closed (locked) before the companion could be opened."""


def open_companion(database: Database) -> Database:
    """A new connection to ``database``'s file, opened with the same key, user and
    version-clock writer; close it with :meth:`Database.close` (it may be used from
    another thread than the one that opened it, one thread at a time).

    Raises:
        BaseClosed: ``database`` no longer holds its key (closed or locked).
    """
    key = database.database_key
    if key is None:
        raise BaseClosed(str(database.path))
    connection = _connect(database.path, key, create=False)
    try:
        _configure(connection)
    except BaseException:
        connection.close()
        raise
    companion = Database(database.path, connection, database.device_id)
    companion.writer = database.writer
    companion.current_user = database.current_user
    return companion
