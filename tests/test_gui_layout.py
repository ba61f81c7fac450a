"""Keyboard-only use, tab order, 1366×768 and 200 % scaling of every page.

A 1366×768 screen at 200 % leaves 683×384 logical pixels: the window must fit there and
every input of every page must be reachable by scrolling, at a usable size."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QHeaderView,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QScrollBar,
    QTabBar,
    QTabWidget,
    QWidget,
)

from sps_desk.enums import Role, Sex
from sps_desk.records import StaffMember
from sps_desk.store.database import Database
from sps_desk.ui.main_window import PAGE_TYPES, MainWindow
from sps_desk.ui.pages.field import FieldPage

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
    window.show_page(PAGE_TYPES.index(FieldPage))
    page = window.page(FieldPage)
    assert isinstance(page, FieldPage)
    order = _tab_walk(qtbot, page.kind_combo, page.save_button)
    expected = [
        page.kind_combo,  # first: carried over from the last outing, it must be seen
        page.date_edit,
        page.start_edit,
        page.end_edit,
        page.staff_list,
        page.tally_grid.spin(Sex.FEMALE, "lt11"),
        page.young_picker.search_edit,
        page.adults_spin,
        page.partners_spin,
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


SMALL = (683, 384)
"""Logical pixels of a 1366×768 screen at 200 % scaling."""
INPUTS = (
    QLineEdit,
    QPlainTextEdit,
    QAbstractSpinBox,
    QComboBox,
    QAbstractButton,
    QAbstractItemView,
)


def _inputs(page: QWidget) -> list[QWidget]:
    """What a user types into, ticks, clicks or picks on ``page`` (not the parts Qt
    builds inside a spin box, a combo, a table or a tab bar)."""
    found = []
    for widget in page.findChildren(QWidget):
        if not isinstance(widget, INPUTS) or isinstance(widget, QHeaderView | QScrollBar):
            continue
        parent = widget.parentWidget()
        inner = False
        while parent is not None and parent is not page:
            if isinstance(parent, QAbstractSpinBox | QComboBox | QAbstractItemView | QTabBar):
                inner = True
                break
            parent = parent.parentWidget()
        if not inner:
            found.append(widget)
    return found


def _reveal(widget: QWidget) -> None:
    """Scroll every scroll area around ``widget``, innermost first, to show it."""
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QScrollArea):
            parent.ensureWidgetVisible(widget, 4, 4)
        parent = parent.parentWidget()


def _tab_states(page: QWidget) -> list[tuple[QTabWidget, int]]:
    return [(tabs, i) for tabs in page.findChildren(QTabWidget) for i in range(tabs.count())]


def test_the_window_fits_a_1366x768_screen_at_200_percent(window):
    for index in range(len(PAGE_TYPES)):
        window.show_page(index)
        hint = window.minimumSizeHint()
        assert hint.width() <= SMALL[0] and hint.height() <= SMALL[1], (index, hint)


def test_every_input_of_every_page_is_reachable_at_683x384(qtbot, window):
    window.resize(*SMALL)
    QApplication.processEvents()
    assert (window.width(), window.height()) == SMALL
    checked = 0
    for index, page_type in enumerate(PAGE_TYPES):
        window.show_page(index)
        page = window.page(page_type)
        QApplication.processEvents()
        seen: set[int] = set()
        for tabs, tab in [(None, 0), *_tab_states(page)]:
            if tabs is not None:
                tabs.setCurrentIndex(tab)
                QApplication.processEvents()
            for widget in _inputs(page):
                if id(widget) in seen or not widget.isVisibleTo(page):
                    continue
                seen.add(id(widget))
                _reveal(widget)
                QApplication.processEvents()
                name = (index, widget.accessibleName() or type(widget).__name__)
                shown = widget.visibleRegion().boundingRect()
                assert shown.width() > 0 and shown.height() > 0, name
                # Laid out at a usable size, not squeezed below what it needs.
                assert widget.width() >= min(widget.minimumSizeHint().width(), 24), name
                corner = widget.mapTo(window, shown.topLeft())
                assert window.rect().contains(corner), name
        checked += len(seen)
    assert checked > 150  # every page was walked, tabs included


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
    from sps_desk.ui.main_window import PAGE_TYPES, MainWindow
    install_translators(app, "fr")
    folder = tempfile.mkdtemp()
    db = Database.create(folder + "/s.sps", "phrase de passe ĞÜŞ 200 %", "SPS Œnone")
    window = MainWindow(db)
    window.resize(683, 384)
    window.show()
    app.processEvents()
    out = {"ratio": window.devicePixelRatio(), "pages": []}
    for index in range(len(PAGE_TYPES)):
        window.show_page(index)
        app.processEvents()
        hint = window.minimumSizeHint()
        image = window.grab()
        out["pages"].append([hint.width(), hint.height(), image.width(), image.height()])
    db.close()
    print(json.dumps(out))
    """
)


def test_every_page_renders_at_200_percent_scaling(tmp_path):
    """With QT_SCALE_FACTOR=2 a 683×384 window (a 1366×768 screen) fits every page
    (they scroll) and renders at twice the pixels."""
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
    assert len(data["pages"]) == len(PAGE_TYPES)
    for width, height, image_width, image_height in data["pages"]:
        assert width <= 683 and height <= 384
        assert (image_width, image_height) == (1366, 768)
