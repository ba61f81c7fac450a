"""The import direction of DESIGN.md §7: ui → reports → store → domain."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "sps_desk"


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def _layer(path: Path) -> str:
    relative = path.relative_to(PACKAGE).parts
    if relative[0] in ("ui", "reports", "store", "demo"):
        return relative[0]
    if relative[0] in ("cli", "__main__.py"):
        return "entry"
    return "domain"


FORBIDDEN = {
    "domain": ("PySide6", "sqlcipher3", "sqlite3", "sps_desk.store", "sps_desk.reports",
               "sps_desk.ui", "sps_desk.cli"),
    "store": ("PySide6", "sps_desk.reports", "sps_desk.ui", "sps_desk.cli", "sps_desk.demo"),
    "reports": ("PySide6", "sps_desk.ui", "sps_desk.cli", "sps_desk.demo"),
    # The demo generator is a client of the store, beside the reports (issue 12).
    "demo": ("PySide6", "sps_desk.reports", "sps_desk.ui", "sps_desk.cli"),
    "ui": ("sqlcipher3", "sqlite3", "sps_desk.cli", "sps_desk.demo"),
    "entry": ("PySide6",),
}

SOURCES = sorted(PACKAGE.rglob("*.py"))


def test_the_package_has_every_layer() -> None:
    assert {_layer(p) for p in SOURCES} == {"domain", "store", "reports", "demo", "ui", "entry"}


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_imports_go_one_way(path: Path) -> None:
    bad = sorted(
        name
        for name in _imports(path)
        for prefix in FORBIDDEN[_layer(path)]
        if name == prefix or name.startswith(prefix + ".")
    )
    assert bad == [], f"{path.name} ({_layer(path)}) imports {bad}"


def test_sql_lives_in_store_only() -> None:
    offenders = [
        str(p.relative_to(PACKAGE))
        for p in SOURCES
        if _layer(p) != "store" and ".execute(" in p.read_text(encoding="utf-8")
    ]
    assert offenders == []
