"""Shared fixtures. Every test database is a real SQLCipher file in a temporary folder.

Names in fixtures are synthetic (accents and non-Latin letters on purpose): no real
person's data is ever used in tests.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# QSettings (the language chosen in the settings dialog) go to a throwaway folder, never
# to the real user's configuration.
os.environ["XDG_CONFIG_HOME"] = tempfile.mkdtemp(prefix="sps_desk_test_config_")
# The Département's register of services (platformdirs' user data folder) likewise.
os.environ["XDG_DATA_HOME"] = tempfile.mkdtemp(prefix="sps_desk_test_data_")
# The support log (platformdirs' user log folder, issue 16) likewise.
os.environ["XDG_STATE_HOME"] = tempfile.mkdtemp(prefix="sps_desk_test_state_")

settings.register_profile("ci", deadline=None, max_examples=200)
settings.register_profile("default", deadline=None)
settings.load_profile("ci" if os.environ.get("CI") else "default")

from sps_desk.store.database import Database  # noqa: E402
from sps_desk.store.slots import use_test_cost  # noqa: E402
from tests.gui_support import french  # noqa: E402, F401 - the French window, for every GUI test

# Test-only: cheap Argon2id, so that hundreds of test bases stay fast. Production slots
# keep slots.PRODUCTION_COST; the CLI tests' subprocesses use it.
use_test_cost()

PASSPHRASE = "Cœur-de-lion ğüş 2025 ! phrase de test : ornière, glaïeul, Łódź"
"""Passphrase of test bases (synthetic, with non-ASCII letters). Strong enough for the
French policy of issue 14, which refuses the shorter « … phrase de test » it replaced."""


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every test that uses a Qt fixture ``gui`` (``-m "not gui"`` runs the rest)."""
    for item in items:
        if {"qtbot", "qapp"} & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.gui)


@pytest.fixture
def passphrase() -> str:
    return PASSPHRASE


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "service.sps"


@pytest.fixture
def db(db_path: Path) -> Iterator[Database]:
    database = Database.create(db_path, PASSPHRASE, "SPS Ğüzelyurt – Test")
    try:
        yield database
    finally:
        database.close()


@pytest.fixture(autouse=True)
def _delete_closed_windows() -> Iterator[None]:
    """Delete the widgets pytest-qt closed (``deleteLater``) once the test is over.

    Outside an event loop Qt keeps them until the next ``qWait``; their session locks'
    application-wide event filters then pile up and every later GUI test slows down
    (measured: a main window's setup went from 1 s alone to 20 s after two GUI files).
    """
    yield
    from PySide6.QtCore import QCoreApplication, QEvent

    if QCoreApplication.instance() is not None:
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
