"""What a killed child does: a write of sps_desk, with an acknowledgement after each one
that is committed.

Each scenario runs in a child of :mod:`tests.faults.forkserver` on a copy of the
template base, and appends a line to the acknowledgement file (``os.write``, so that the
line survives a SIGKILL the instant after) once a write has returned: the promise under
test is that anything acknowledged is still there after the crash. Commands go through
``sps-desk``'s own ``main`` so that the suite follows them as they change.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable
from datetime import date, time

from sps_desk import support_log
from sps_desk.cli.main import _run as run_job
from sps_desk.cli.main import main


def _ack(path: str, line: str) -> None:
    handle = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    try:
        os.write(handle, (line + "\n").encode())
    finally:
        os.close(handle)


def _as_window(job: Callable[[], int]) -> int:
    """Run ``job`` as the window does: its errors noted in the support log (never on
    standard error), then told in one French line."""
    support_log.start("fenêtre (suite de pannes)")
    status = run_job(job)
    support_log.finish(status)
    return status


def save(db: str, passphrase: str, acks: str, staff_id: str, count: int) -> int:
    """Save ``count`` young people and as many field sessions meeting them, one at a
    time, and mark each session's « À vérifier » line as checked, acknowledging each
    (``young <id>``, ``session <id>``, ``mark <id>``). An error ends the run with the
    command line's one French line, as the window would show it."""
    from sps_desk.enums import CheckRule
    from sps_desk.records import CheckMark, FieldSession, YoungPerson
    from sps_desk.store.checks import set_checked
    from sps_desk.store.database import Database

    def job() -> int:
        with Database.open(db, passphrase) as database:
            for number in range(count):
                young = database.repos.young_people.save(YoungPerson(
                    nickname=f"Zoé Ğüzel {number}", code=f"KILL-{uuid.uuid4().hex[:10]}"))
                _ack(acks, f"young {young.id}")
                session = database.repos.field_sessions.save(FieldSession(
                    date=date(2025, 5, 1 + number % 28), start_time=time(14),
                    end_time=time(16), staff_ids=[uuid.UUID(staff_id)],
                    young_met_ids=[young.id], observation="Дмитрий et أمينة au city-stade"))
                _ack(acks, f"session {session.id}")
                set_checked(database, CheckRule.EMPTY_OUTING, str(session.id), True)
                _ack(acks, f"mark {CheckMark.id_for(CheckRule.EMPTY_OUTING, str(session.id))}")
        return 0

    return _as_window(job)


def command(argv: list[str], acks: str) -> int:
    """Run ``sps-desk argv``; acknowledge ``done`` if it succeeded."""
    status = main(argv)
    if status == 0:
        _ack(acks, "done")
    return status


def automatic_backup(db: str, passphrase: str, acks: str, now: str) -> int:
    """Run the window's automatic backup at ``now`` (ISO date-time, UTC): a copy into the
    chosen folder, then the rotation of the older ones; acknowledge ``done``."""
    from datetime import datetime

    from sps_desk.store.backup_schedule import run_automatic_backup
    from sps_desk.store.database import Database

    def job() -> int:
        with Database.open(db, passphrase) as database:
            run_automatic_backup(database, now=datetime.fromisoformat(now))
        _ack(acks, "done")
        return 0

    return _as_window(job)
