"""The window survives more void Qt calls and signal emissions than PySide6 6.12 allows."""

from __future__ import annotations

import os
import subprocess
import sys

SCRIPT = """
import sys
from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication, QLabel
from sps_desk.ui.binding_fix import protect_singletons

class Ping(QObject):
    done = Signal(int)

protect_singletons()
app = QApplication([])
label, ping = QLabel(), Ping()
ping.done.connect(lambda n: None)
for n in range(60_000):  # ~3 times what kills an unprotected process
    label.setText(str(n))
    ping.done.emit(n)
    app.processEvents()
print("vivant", label.text())
"""


def test_sixty_thousand_void_calls_and_emissions_do_not_abort() -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True,
                          env=env, timeout=120)
    assert done.returncode == 0, done.stderr[-500:]
    assert done.stdout.strip() == "vivant 59999"


def test_protection_is_applied_once() -> None:
    from sps_desk.ui.binding_fix import MARGIN, protect_singletons

    protect_singletons()  # conftest did it already: nothing more is added
    if sys.version_info < (3, 12):
        assert MARGIN <= sys.getrefcount(None) < 2 * MARGIN
