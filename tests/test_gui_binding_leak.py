"""The pinned PySide6 does not leak references to None or True (6.12.0 did).

PySide6/shiboken6 6.12.0 on CPython 3.11 dropped one reference to ``None`` on every
void Qt call and one to ``True`` on every signal emission; after ~18 000 calls the
interpreter aborted (« Fatal Python error: none_dealloc ») — an hour of use of the
window. pyproject.toml pins 6.11.3; this test fails if a leaking binding comes back.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QLabel


class _Ping(QObject):
    done = Signal(int)


def test_void_calls_and_emissions_keep_the_singletons_reference_counts(qtbot) -> None:
    label, ping = QLabel(), _Ping()
    qtbot.addWidget(label)
    ping.done.connect(lambda _n: None)
    none_before, true_before = sys.getrefcount(None), sys.getrefcount(True)
    for n in range(2_000):
        label.setText(str(n))
        ping.done.emit(n)
    assert abs(sys.getrefcount(None) - none_before) < 50
    assert abs(sys.getrefcount(True) - true_before) < 50
    assert label.text() == "1999"
