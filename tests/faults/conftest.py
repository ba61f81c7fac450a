"""Fixtures of the fault suite, its ``slow`` mark, and the counts printed at the end."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.faults.support import COUNTS, FAILURES, SEED, ForkServer, Template, build_template


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every test of this folder is ``slow``, and may run longer than the suite's usual
    two minutes (a loop of a thousand kills by hand takes half an hour)."""
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.slow)
            item.add_marker(pytest.mark.timeout(4 * 3600))


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """The counts of the run, for the issue's note (and ``$SPS_FAULT_REPORT`` as JSON)."""
    if not COUNTS:
        return
    terminalreporter.section(f"suite de pannes (graine {SEED})")
    for key in sorted(COUNTS):
        terminalreporter.write_line(f"{key:40} {COUNTS[key]}")
    for line in FAILURES[:50]:
        terminalreporter.write_line(f"ÉCHEC {line}")
    target = os.environ.get("SPS_FAULT_REPORT")
    if target:
        Path(target).write_text(json.dumps({"seed": SEED, "counts": dict(COUNTS),
                                            "failures": FAILURES}, indent=1,
                                           ensure_ascii=False) + "\n", encoding="utf-8")


@pytest.fixture(scope="session")
def template(tmp_path_factory: pytest.TempPathFactory) -> Template:
    return build_template(tmp_path_factory.mktemp("pannes"))


@pytest.fixture(scope="session")
def forks(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ForkServer]:
    server = ForkServer(tmp_path_factory.mktemp("sorties"))
    yield server
    server.close()
