"""Long jobs off the GUI thread: the report, the export, a merge, an import, a check.

As Anki's ``QueryOp`` and task manager (STYLE.md §1): the window hands a function of the
base to :class:`Operation`, which runs it on a single background thread — one job at a
time, in order — and calls ``success`` (or ``failure``) back on the GUI thread. The job
gets its own connection to the base (``store.companion``), so the window keeps reading
and writing meanwhile (WAL: one writer and readers). A job that writes (``writes=True``)
makes the hub busy while it runs: the window's own writes then wait for its end, saying
so (``Page.when_writable``), and are done as soon as it ends.

The job receives a :class:`Job`: ``job.progress(percent, step)`` from the worker thread
is shown by the caller on the GUI thread; ``job.cancelled()`` is true once the user asked
to stop. No Qt object is touched by the job itself.

While jobs run, the collector's full passes wait for their end: a full pass scans every
live object of the process with the interpreter lock held, so the window would freeze
while a job holds its many records (issue 12: ≤ 100 ms). Young generations are still
collected; the first full pass after the job scans far fewer objects, the job's being
freed by then.
"""

from __future__ import annotations

import gc
import logging
import sys
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QCoreApplication, QObject, Signal
from shiboken6 import isValid

from sps_desk.store.companion import open_companion
from sps_desk.store.database import Database
from sps_desk.store.errors import describe as describe_error
from sps_desk.store.errors import is_expected
from sps_desk.ui.hub import DataHub

logger = logging.getLogger(__name__)

T = TypeVar("T")

FULL_COLLECTIONS_HELD = 1_000_000
"""Third collector threshold while jobs run: no full pass before they end."""
SWITCH_INTERVAL = 0.001
"""Seconds the window's thread waits for the GIL, while jobs run, before the worker is
made to hand it over (Python's default is 5 ms): a few such waits per event made the
event loop stall while a merge ran (with ``store.sync.pacing``)."""


class Job:
    """One run of an operation: progress (from the worker) and cancellation."""

    def __init__(self, label: str, *, background: bool = False) -> None:
        self.label = label
        self.background = background
        """Housekeeping (a cache rebuilt): closing or locking the window does not wait
        for the user's say, only for its end."""
        self._stop = threading.Event()
        self._ended = threading.Event()
        self._done = threading.Event()
        self._progress: Callable[[int, str], None] | None = None

    def progress(self, percent: int, step: str) -> None:
        """Report progress (0–100, a French step); callable from the worker thread."""
        if self._progress is not None and not self._stop.is_set():
            self._progress(percent, step)

    def cancelled(self) -> bool:
        """Whether the user asked to stop (the job checks it between its steps)."""
        return self._stop.is_set()

    def cancel(self) -> None:
        """Ask the job to stop at its next step (returns at once)."""
        self._stop.set()

    @property
    def done(self) -> bool:
        """Whether the job has ended and its callback ran on the GUI thread."""
        return self._done.is_set()

    def wait(self, timeout: float | None = None) -> bool:
        """Block until the job has ended on the worker thread (its callbacks run later,
        from the event loop); ``False`` if ``timeout`` seconds passed first."""
        return self._ended.wait(timeout)


class Cancelled(Exception):
    """Raise it from a job that noticed :meth:`Job.cancelled`: ``cancelled`` is called."""


@dataclass
class _Outcome:
    operation: Operation[Any]
    job: Job
    result: Any = None
    error: BaseException | None = None


class _Relay(QObject):
    """Carries outcomes and progress from the worker thread to the GUI thread."""

    finished = Signal(object)
    progressed = Signal(object, object, int, str)


class TaskManager:
    """The single background thread, its companion connections and the relay.

    One per process (:func:`task_manager`). Companions are opened on the worker thread
    the first time a job needs one for a base, reused by later jobs, and closed by
    :meth:`release` (the session locks, the window closes).
    """

    def __init__(self) -> None:
        self.executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="sps-job")
        self.relay = _Relay()
        self.relay.finished.connect(self._finished)
        self.relay.progressed.connect(self._progressed)
        self._companions: dict[int, tuple[Database, Database]] = {}
        self._running: list[Job] = []
        self._thresholds: tuple[int, int, int] | None = None
        self._switch_interval: float | None = None

    @property
    def running(self) -> bool:
        """Whether a job the user started (not housekeeping) is queued or running."""
        return any(not job.background for job in self._running)

    @property
    def idle(self) -> bool:
        """Whether no job at all, housekeeping included, is queued or running."""
        return not self._running

    def submit(self, operation: Operation[Any], database: Database | None, job: Job) -> None:
        """Queue ``operation`` over ``database`` (run on the worker thread; ``None``:
        a job that needs no base, such as the Département's consolidation)."""
        if not self._running:
            self._tune_for_jobs(True)
        self._running.append(job)
        job._progress = lambda percent, step: self.relay.progressed.emit(
            operation, job, percent, step)
        self.executor.submit(self._work, operation, database, job)

    def _work(self, operation: Operation[Any], database: Database | None, job: Job) -> None:
        outcome = _Outcome(operation, job)
        try:
            companion = None if database is None else self._companion(database)
            outcome.result = operation.op(companion, job)
        except BaseException as error:  # reported on the GUI thread
            outcome.error = error
        finally:
            job._ended.set()
        self.relay.finished.emit(outcome)

    def _companion(self, database: Database) -> Database:
        entry = self._companions.get(id(database))
        if entry is None or entry[0] is not database:
            entry = (database, open_companion(database))
            self._companions[id(database)] = entry
        return entry[1]

    def release(self, database: Database) -> None:
        """Close ``database``'s companion once the jobs queued before have ended (blocks
        the caller for as long: the session lock and the window wait for the user's jobs
        first; housekeeping jobs are asked to stop)."""
        for job in self._running:
            if job.background:
                job.cancel()
        self.executor.submit(self._close, id(database)).result()

    def _close(self, key: int) -> None:
        entry = self._companions.pop(key, None)
        if entry is not None:
            entry[1].close()

    def _progressed(self, operation: Operation[Any], job: Job, percent: int, step: str) -> None:
        if not job.cancelled():
            operation._on_progress(percent, step)

    def _finished(self, outcome: _Outcome) -> None:
        job = outcome.job
        try:
            outcome.operation._deliver(outcome)
        finally:
            if job in self._running:
                self._running.remove(job)
            if not self._running:
                self._tune_for_jobs(False)
            job._done.set()

    def _tune_for_jobs(self, hold: bool) -> None:
        # While jobs run: no full collection (it walked the job's objects again and
        # again) and a shorter switch interval (the window gets the GIL back sooner).
        if hold:
            self._thresholds = gc.get_threshold()
            young, middle, _full = self._thresholds
            gc.set_threshold(young, middle, FULL_COLLECTIONS_HELD)
            self._switch_interval = sys.getswitchinterval()
            sys.setswitchinterval(SWITCH_INTERVAL)
        elif self._thresholds is not None:
            gc.set_threshold(*self._thresholds)
            self._thresholds = None
            if self._switch_interval is not None:
                sys.setswitchinterval(self._switch_interval)
                self._switch_interval = None


_manager: TaskManager | None = None


def task_manager() -> TaskManager:
    """The process's task manager (created on first use, on the GUI thread)."""
    global _manager
    if _manager is None:
        _manager = TaskManager()
    return _manager


def describe(error: BaseException, *, where: Path | None = None) -> str:
    """One French sentence for a job's error (``store.errors.describe`` for what the user
    can act on; else « unexpected », the type only going to the log)."""
    if is_expected(error):
        return describe_error(error, where=where)
    return QCoreApplication.translate(
        "Operations", "The operation failed because of an unexpected error; nothing was "
        "changed. If it happens again, tell your head of service.")


class Operation(Generic[T]):
    """A job over the base, run in the background, with its callbacks on the GUI thread.

    ``op(database, job)`` runs on the worker thread with its own connection to the base
    (``database``; ``None`` for a job run without a base) and returns the result handed
    to ``success``. ``parent`` is the widget
    that asked: if it was destroyed meanwhile, nothing is called back. ``label`` is the
    French name of the job (« la fusion des paquets »), said to the user when a save
    must wait for it.
    """

    def __init__(
        self,
        *,
        parent: QObject,
        op: Callable[[Any, Job], T],
        success: Callable[[T], None],
        label: str = "",
    ) -> None:
        self.parent = parent
        self.op = op
        self._success = success
        self.label = label
        self._failure: Callable[[BaseException], None] | None = None
        self._cancelled: Callable[[], None] | None = None
        self._progress: Callable[[int, str], None] | None = None
        self._finally: Callable[[], None] | None = None
        self._hub: DataHub | None = None
        self._background = False

    def background(self) -> Operation[T]:
        """Housekeeping the user did not ask for (see :attr:`Job.background`)."""
        self._background = True
        return self

    def failure(self, handler: Callable[[BaseException], None]) -> Operation[T]:
        """Called with the error (default: logged by type, French message by
        :func:`describe` in the status bar of the hub, if any)."""
        self._failure = handler
        return self

    def cancelled(self, handler: Callable[[], None]) -> Operation[T]:
        """Called when the job stopped after :meth:`Job.cancel` (raised :class:`Cancelled`)."""
        self._cancelled = handler
        return self

    def progress(self, handler: Callable[[int, str], None]) -> Operation[T]:
        """Called on the GUI thread with ``(percent, French step)``."""
        self._progress = handler
        return self

    def finally_(self, handler: Callable[[], None]) -> Operation[T]:
        """Called last, whatever the outcome (re-enable buttons…)."""
        self._finally = handler
        return self

    def writing(self, hub: DataHub) -> Operation[T]:
        """The job writes to the base: ``hub`` is busy while it runs (the window's own
        writes wait for it)."""
        self._hub = hub
        return self

    def run(self, database: Database | None) -> Job:
        """Queue the job over ``database`` (the window's open base, or ``None``) and
        return it."""
        job = Job(self.label, background=self._background)
        if self._hub is not None:
            self._hub.set_busy(True)
        task_manager().submit(self, database, job)
        return job

    def _on_progress(self, percent: int, step: str) -> None:
        if self._progress is not None and isValid(self.parent):
            self._progress(percent, step)

    def _deliver(self, outcome: _Outcome) -> None:
        if self._hub is not None and isValid(self._hub):
            self._hub.set_busy(False)
        if not isValid(self.parent):
            return
        try:
            error = outcome.error
            if error is None:
                self._success(outcome.result)
            elif isinstance(error, Cancelled) and self._cancelled is not None:
                self._cancelled()
            else:
                if not is_expected(error):
                    logger.error("%s failed: %s", self.label or "job", type(error).__name__)
                if self._failure is not None:
                    self._failure(error)
                elif self._hub is not None:
                    self._hub.show_message(describe(error))
        finally:
            if self._finally is not None:
                self._finally()
