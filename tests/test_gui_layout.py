"""Keyboard-only use, tab order, 1366×768 and 200 % scaling of the daily-flow pages."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from sps_desk.enums import Role, Sex
from sps_desk.records import StaffMember
from sps_desk.store.database import Database
from sps_desk.ui.main_window import MainWindow
from sps_desk.ui.pages.field import FieldPage
from tests.gui_support import french  # noqa: F401

pytestmark = pytest.mark.usefixtures("french")

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def window(qtbot, db: Database) -> MainWindow:
    db.repos.staff.save(StaffMember(display_name="Łucja", role=Role.SOCIAL_WORKER, fte=1))
    main = MainWindow(db)
    qtbot.addWidget(main)
    main.resize(1366, 740)
    main.show()
    return main


def _tab_walk(qtbot, start: QWidget, stop: QWidget, limit: int = 80) -> list[QWidget]:
    start.setFocus(Qt.FocusReason.TabFocusReason)
    seen = [start]
    for _ in range(limit):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        widget = QApplication.focusWidget()
        seen.append(widget)
        if widget is stop:
            return seen
    raise AssertionError([w.accessibleName() or type(w).__name__ for w in seen])


def test_the_field_form_is_in_a_sensible_tab_order(qtbot, window):
    page = window.page(FieldPage)
    assert isinstance(page, FieldPage)
    order = _tab_walk(qtbot, page.date_edit, page.save_button)
    expected = [
        page.date_edit,
        page.start_edit,
        page.end_edit,
        page.staff_list,
        page.tally_grid.spin(Sex.FEMALE, "lt11"),
        page.young_picker.search_edit,
        page.adults_spin,
        page.partners_spin,
        page.kind_combo,
        page.sector_combo,
        page.observation_edit,
        page.save_button,
    ]
    positions = [order.index(widget) for widget in expected]
    assert positions == sorted(positions)
    # Every tally cell is reached by Tab, row by row (+/- buttons stay out of the way).
    cells = [
        w
        for w in order
        if (w.accessibleName().count(", ") == 1
        and "ans" in w.accessibleName())
        or "Âge inconnu" in w.accessibleName()
    ]
    assert len(cells) == 24
    assert not any(w.accessibleName().startswith(("Un de plus", "Un de moins")) for w in order)


def test_every_daily_page_fits_1366x768(window):
    for index in range(5):
        window.show_page(index)
        hint = window.minimumSizeHint()
        assert hint.width() <= 1366 and hint.height() <= 768 - 60, (index, hint)


SCALED = textwrap.dedent(
    """
    import json, os, sys, tempfile
    sys.path.insert(0, sys.argv[1])
    from PySide6.QtWidgets import QApplication, QAbstractScrollArea, QScrollArea
    app = QApplication([])
    from sps_desk.store.slots import use_test_cost
    use_test_cost()
    from sps_desk.store.database import Database
    from sps_desk.ui.i18n import install_translators
    from sps_desk.ui.main_window import MainWindow
    install_translators(app, "fr")
    folder = tempfile.mkdtemp()
    db = Database.create(folder + "/s.sps", "phrase de passe ĞÜŞ 200 %", "SPS Œnone")
    window = MainWindow(db)
    window.resize(960, 540)
    window.show()
    app.processEvents()
    out = {"ratio": window.devicePixelRatio(), "pages": []}
    for index in range(5):
        window.show_page(index)
        app.processEvents()
        hint = window.minimumSizeHint()
        image = window.grab()
        out["pages"].append([hint.width(), hint.height(), image.width(), image.height()])
    db.close()
    print(json.dumps(out))
    """
)


def test_every_daily_page_is_usable_at_200_percent_scaling(tmp_path):
    """QT_SCALE_FACTOR=2 on a 1920×1080 screen leaves 960×540 logical pixels: every
    page still fits (its forms scroll) and renders at twice the pixels."""
    script = tmp_path / "scaled.py"
    script.write_text(SCALED, encoding="utf-8")
    env = dict(os.environ, QT_SCALE_FACTOR="2", QT_QPA_PLATFORM="offscreen")
    result = subprocess.run(
        [sys.executable, str(script), str(ROOT)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        cwd=tmp_path,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    data = json.loads(result.stdout.strip().splitlines()[-1])
    assert data["ratio"] == 2.0
    for width, height, image_width, image_height in data["pages"]:
        assert width <= 960 and height <= 540
        assert (image_width, image_height) == (1920, 1080)
