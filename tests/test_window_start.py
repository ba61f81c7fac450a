"""Issue 12: nothing heavy is imported when the window opens — the statistical solver
(HiGHS; SciPy before it, 1.4–4.8 s at start-up) only when a protected file is made."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from sps_desk.store.database import Database
from tests.conftest import PASSPHRASE

pytestmark = pytest.mark.gui  # a window, in a fresh process (its imports are the test)

_SHOW_WINDOW = """
import sys
from pathlib import Path
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
import sps_desk.ui.app
from sps_desk.store.database import Database
from sps_desk.ui.main_window import MainWindow

app = QApplication([])
database = Database.open(Path(sys.argv[1]), sys.stdin.read())
window = MainWindow(database)
window.show()
QTest.qWaitForWindowExposed(window)
for _ in range(3):
    app.processEvents()
print(sorted(name for name in ("highspy", "scipy") if name in sys.modules))
window.close()
database.close()
"""


def test_the_window_opens_without_the_solver(db_path: Path) -> None:
    Database.create(db_path, PASSPHRASE, "SPS Ğüzelyurt – Test").close()
    result = subprocess.run(
        [sys.executable, "-c", _SHOW_WINDOW, str(db_path)], input=PASSPHRASE,
        capture_output=True, text=True, check=True, timeout=120,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert result.stdout.strip().splitlines()[-1] == "[]"
