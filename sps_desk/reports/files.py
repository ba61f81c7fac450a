"""The report modules' names for :mod:`sps_desk.atomic` (kept so that callers written
before it need no change; new code imports :mod:`sps_desk.atomic` directly)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from sps_desk import atomic

ReportWriteFailed = atomic.AtomicWriteFailed
"""A report file could not be written (French message; nothing replaced; an ``OSError``)."""


def write_atomically(out: Path, write: Callable[[BinaryIO], object]) -> None:
    """:func:`sps_desk.atomic.write_with` (mode 0600). Raises ``ReportWriteFailed``."""
    atomic.write_with(out, write)


def write_all_atomically(files: dict[Path, bytes]) -> None:
    """:func:`sps_desk.atomic.write_files` (mode 0600). Raises ``ReportWriteFailed``."""
    atomic.write_files(files)
