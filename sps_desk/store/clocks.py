"""The version vector of each record (table ``record_clock``), kept for team merge.

Every write by a user bumps the writer's counter in the record's clock (one writer per
opening of the base, see :func:`writer_key`) and gives
it this base's next change number (``seq``), so that the next bundle holds exactly the
changes since the last one the chief acknowledged. Versions brought by a bundle keep the
clock they came with and ``seq = 0``: they are not this base's changes, so they are not
sent back. See ``sps_desk.versions`` for the merge rule.
"""

from __future__ import annotations

import json
import secrets
import uuid
from collections.abc import Sequence
from typing import Any

from sps_desk.versions import bumped

_CHUNK = 500


def get(connection: Any, record_id: uuid.UUID | str) -> tuple[dict[str, int], int] | None:
    """``(clock, seq)`` of a record, or ``None`` for a record without clock (derived)."""
    row = connection.execute(
        "SELECT clock, seq FROM record_clock WHERE id = ?", (str(record_id),)
    ).fetchone()
    return (json.loads(row[0]), row[1]) if row else None


def put(
    connection: Any, kind: str, record_id: uuid.UUID | str, clock: dict[str, int], seq: int
) -> None:
    """Write the clock and change number of a record."""
    connection.execute(
        "INSERT OR REPLACE INTO record_clock(id, kind, clock, seq) VALUES (?, ?, ?, ?)",
        (str(record_id), kind, json.dumps(clock, sort_keys=True), seq),
    )


def last_seq(connection: Any) -> int:
    """This base's last change number (0 before any write). It only grows: versions
    merged from other devices are stored with ``seq = 0``, so the largest ``seq`` left
    in the table could go back, and a new write would reuse a number the chief has
    already acknowledged (and never be sent)."""
    row = connection.execute("SELECT value FROM meta WHERE key = 'change_seq'").fetchone()
    if row is not None:
        return int(row[0])
    # A base from before the counter: start after the largest number used.
    return connection.execute("SELECT coalesce(max(seq), 0) FROM record_clock").fetchone()[0]


def writer_key(device_id: uuid.UUID) -> str:
    """The clock key of the writes of one opening of a base: the device id and a random
    suffix. A base restored from a backup then never reuses a clock already sent (its
    new edits conflict with the lost ones instead of vanishing behind them)."""
    return f"{device_id}.{secrets.token_hex(4)}"


def record_local_write(
    connection: Any, kind: str, record_id: uuid.UUID | str, writer: str
) -> None:
    """Count one more write of a record by ``writer`` (see :func:`writer_key`), inside the
    write's transaction."""
    record_local_writes(connection, kind, [record_id], writer)


def record_local_writes(
    connection: Any, kind: str, record_ids: Sequence[uuid.UUID | str], writer: str
) -> None:
    """:func:`record_local_write` for each of ``record_ids`` in order (an id given twice
    counts twice), with one read per 500 records and one write for all (an import of
    100 000 rows made 400 000 queries here)."""
    ids = [str(record_id) for record_id in record_ids]
    current: dict[str, dict[str, int]] = {}
    for start in range(0, len(ids), _CHUNK):
        chunk = ids[start:start + _CHUNK]
        current.update((row[0], json.loads(row[1])) for row in connection.execute(
            f"SELECT id, clock FROM record_clock WHERE id IN ({','.join('?' * len(chunk))})",
            chunk))
    seq = last_seq(connection)
    rows = []
    first_write = json.dumps(bumped({}, writer), sort_keys=True)
    for record_id in ids:
        seq += 1
        known = current.get(record_id)
        if known is None:  # a new record: its clock is the same for all
            current[record_id] = {writer: 1}
            rows.append((record_id, kind, first_write, seq))
            continue
        clock = bumped(known, writer)
        current[record_id] = clock
        rows.append((record_id, kind, json.dumps(clock, sort_keys=True), seq))
    connection.executemany(
        "INSERT OR REPLACE INTO record_clock(id, kind, clock, seq) VALUES (?, ?, ?, ?)", rows)
    connection.execute(
        "INSERT OR REPLACE INTO meta(key, value) VALUES ('change_seq', ?)", (str(seq),))


def record_new_writes(
    connection: Any, kind: str, record_ids: list[str], writer: str
) -> None:
    """Give records written for the first time (no clock yet) their first write by
    ``writer``, with this base's next change numbers in order: what
    :func:`record_local_write` does for each, in two statements."""
    first = last_seq(connection) + 1
    clock = json.dumps(bumped({}, writer), sort_keys=True)
    connection.executemany(
        "INSERT INTO record_clock(id, kind, clock, seq) VALUES (?, ?, ?, ?)",
        [(record_id, kind, clock, first + n) for n, record_id in enumerate(record_ids)],
    )
    if record_ids:
        connection.execute(
            "INSERT OR REPLACE INTO meta(key, value) VALUES ('change_seq', ?)",
            (str(first + len(record_ids) - 1),),
        )
