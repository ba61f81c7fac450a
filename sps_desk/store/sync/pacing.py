"""Letting the window's thread run while a merge works on a background thread.

A merge writes record after record, each with a few SQL statements. SQLite releases
Python's global lock (GIL) during every statement and the merge takes it back at once:
the window's thread, woken each time, loses that race again and again, and its event
loop froze for 100 ms at a time while a laptop's year was merged into a large base
(the interpreter's switch interval only forces a hand-over when nobody released the
lock in the meantime). A short sleep now and then hands the lock over for sure.
"""

from __future__ import annotations

import threading
import time

SLICE = 0.020
"""Seconds of work between two pauses: the longest the window waits for the lock."""
PAUSE = 0.0005
"""Seconds of each pause (2.5 % of the work): enough for the window's thread, already
waiting, to take the lock and run its events."""


class Pacer:
    """Call it in the loops of a long job: on a thread other than the main one, it sleeps
    :data:`PAUSE` once :data:`SLICE` has passed since the last pause; on the main thread
    (the command line, where no window waits) it does nothing."""

    def __init__(self) -> None:
        self.active = threading.current_thread() is not threading.main_thread()
        self.due = time.perf_counter() + SLICE

    def __call__(self) -> None:
        if self.active and time.perf_counter() >= self.due:
            time.sleep(PAUSE)
            self.due = time.perf_counter() + SLICE
