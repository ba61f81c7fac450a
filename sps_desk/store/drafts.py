"""Drafts of open forms and this machine's preferences, kept in the encrypted base.

A form's draft is a JSON object (only strings, numbers, booleans, lists and nested
objects) written every few seconds while the user types and removed when the form is
saved or cleared. After a crash or a lock the window offers it back. Drafts live in the
SQLCipher file, so nothing typed ever reaches a plaintext temporary file.

Preferences are small JSON values of this machine (the staff member last used, the last
sector and kind of outing): they make the forms open on sensible defaults.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import TYPE_CHECKING, Any

import sqlcipher3

from sps_desk.records import utc_now

if TYPE_CHECKING:
    from sps_desk.store.database import Database


class Drafts:
    """The drafts of one open base, one per form name (``"field_session"``…)."""

    def __init__(self, database: Database) -> None:
        self.database = database

    def base_is_open(self) -> bool:
        """Whether the base can still be written (it is closed when the session locks
        or the window is torn down)."""
        try:
            self.database.connection.total_changes  # noqa: B018 - raises once closed
        except sqlcipher3.ProgrammingError:
            return False
        return True

    def save(self, form: str, payload: dict[str, Any]) -> None:
        """Keep ``payload`` as the draft of ``form``, replacing the previous one.

        Raises:
            TypeError: the payload is not JSON-serialisable (a programming error).
        """
        text = json.dumps(payload, ensure_ascii=False, sort_keys=True)
        with self.database.transaction() as connection:
            connection.execute(
                "INSERT OR REPLACE INTO form_draft(form, payload, saved_at) VALUES (?, ?, ?)",
                (form, text, utc_now().isoformat()),
            )

    def load(self, form: str) -> dict[str, Any] | None:
        """The draft of ``form``, or ``None`` when there is none."""
        row = self.database.connection.execute(
            "SELECT payload FROM form_draft WHERE form = ?", (form,)
        ).fetchone()
        if row is None:
            return None
        value = json.loads(row[0])
        return value if isinstance(value, dict) else None

    def saved_at(self, form: str) -> datetime | None:
        """When the draft of ``form`` was last written (UTC), or ``None``."""
        row = self.database.connection.execute(
            "SELECT saved_at FROM form_draft WHERE form = ?", (form,)
        ).fetchone()
        return datetime.fromisoformat(row[0]) if row else None

    def discard(self, form: str) -> None:
        """Remove the draft of ``form`` (after a save, or when the user declines it)."""
        with self.database.transaction() as connection:
            connection.execute("DELETE FROM form_draft WHERE form = ?", (form,))

    def forms(self) -> list[str]:
        """Names of the forms that have a draft, sorted."""
        rows = self.database.connection.execute(
            "SELECT form FROM form_draft ORDER BY form"
        ).fetchall()
        return [row[0] for row in rows]


class Preferences:
    """Small JSON values remembered on this machine, by key."""

    def __init__(self, database: Database) -> None:
        self.database = database

    def get(self, key: str, default: Any = None) -> Any:
        """The value stored under ``key``, or ``default``."""
        row = self.database.connection.execute(
            "SELECT value FROM preference WHERE key = ?", (key,)
        ).fetchone()
        return json.loads(row[0]) if row else default

    def set(self, key: str, value: Any) -> None:
        """Store ``value`` (JSON-serialisable) under ``key``."""
        with self.database.transaction() as connection:
            connection.execute(
                "INSERT OR REPLACE INTO preference(key, value) VALUES (?, ?)",
                (key, json.dumps(value, ensure_ascii=False)),
            )
