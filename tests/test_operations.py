"""Jobs off the GUI thread (ui/operations.py): their own connection, results on the GUI
thread, French failures, cancellation, a writing job holding the window's writes."""

from __future__ import annotations

import errno
import threading

from PySide6.QtCore import QObject, QThread

from sps_desk.records import YoungPerson
from sps_desk.store.database import Database
from sps_desk.ui.hub import DataHub
from sps_desk.ui.operations import Cancelled, Job, Operation, describe, task_manager


def _run(qtbot, operation: Operation, database: Database) -> Job:
    job = operation.run(database)
    qtbot.waitUntil(lambda: job.done, timeout=20_000)
    return job


def test_a_job_reads_on_its_own_connection_and_answers_on_the_gui_thread(qtbot, db: Database):
    db.repos.young_people.save(YoungPerson(nickname="Дмитрий"))
    parent = QObject()
    seen: dict[str, object] = {}

    def work(database: Database, _job: Job) -> int:
        seen["connection"] = database.connection
        seen["thread"] = QThread.currentThread()
        return database.repos.young_people.count()

    def success(count: int) -> None:
        seen["count"] = count
        seen["success thread"] = QThread.currentThread()

    _run(qtbot, Operation(parent=parent, op=work, success=success), db)
    assert seen["count"] == 1
    assert seen["connection"] is not db.connection  # the companion, not the window's
    assert seen["thread"] is not seen["success thread"]
    assert seen["success thread"] is parent.thread()
    # A save made by the window since is seen by the next job (WAL, committed).
    db.repos.young_people.save(YoungPerson(nickname="أمينة"))
    _run(qtbot, Operation(parent=parent, op=work, success=success), db)
    assert seen["count"] == 2
    task_manager().release(db)


def test_a_failure_comes_back_as_one_french_sentence(qtbot, db: Database):
    parent = QObject()
    errors: list[BaseException] = []

    def work(_database: Database, _job: Job) -> None:
        raise OSError(errno.ENOSPC, "No space left on device", "/media/clé/rapport.pdf")

    _run(qtbot, Operation(parent=parent, op=work, success=lambda _r: None)
         .failure(errors.append), db)
    [error] = errors
    assert "disque est plein" in describe(error)
    unexpected = describe(KeyError("young_person"))
    assert "erreur inattendue" in unexpected.lower() or "unexpected" in unexpected.lower()
    assert "young_person" not in unexpected  # no detail that could hold personal data
    task_manager().release(db)


def test_a_cancelled_job_says_so_and_a_destroyed_parent_hears_nothing(qtbot, db: Database):
    started, release = threading.Event(), threading.Event()
    outcome: list[str] = []

    def work(_database: Database, job: Job) -> None:
        started.set()
        release.wait(10)
        if job.cancelled():
            raise Cancelled()

    parent = QObject()
    job = Operation(parent=parent, op=work, success=lambda _r: outcome.append("done")) \
        .cancelled(lambda: outcome.append("cancelled")).run(db)
    assert started.wait(10)
    job.cancel()
    release.set()
    qtbot.waitUntil(lambda: job.done, timeout=20_000)
    assert outcome == ["cancelled"]

    gone = QObject()
    job = Operation(parent=gone, op=lambda _d, _j: 1,
                    success=lambda _r: outcome.append("late")).run(db)
    gone.deleteLater()
    qtbot.waitUntil(lambda: job.done, timeout=20_000)
    assert outcome == ["cancelled"]  # the widget that asked is gone: nothing called back
    task_manager().release(db)


def test_a_writing_job_makes_the_hub_busy_until_it_ends(qtbot, db: Database):
    hub = DataHub()
    states: list[bool] = []
    hub.busy_changed.connect(states.append)
    release = threading.Event()
    job = Operation(parent=hub, op=lambda database, _job: release.wait(10),
                    success=lambda _r: None).writing(hub).run(db)
    assert hub.busy and task_manager().running
    release.set()
    qtbot.waitUntil(lambda: job.done, timeout=20_000)
    assert states == [True, False] and not task_manager().running
    task_manager().release(db)
