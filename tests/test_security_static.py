"""Static checks: no SQL text is ever built from a passphrase or a key.

Keys reach SQLCipher only through the driver's key calls (``set_key``/``reset_key`` in
``sps_desk/store/keys.py``); a key in SQL text could leak through logs or error messages.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "sps_desk"
SQL_CALLS = {"execute", "executemany", "executescript"}
SECRET_NAME = re.compile(r"pass(word|phrase)|secret|key|kek|recovery", re.IGNORECASE)
KEY_PRAGMA = re.compile(r"\b(PRAGMA\s+(re)?key|KEY\s+['\"x]|hexkey|sqlcipher_export)\b",
                        re.IGNORECASE)


def _names(node: ast.AST) -> set[str]:
    found = set()
    for child in ast.walk(node):
        if isinstance(child, ast.Name):
            found.add(child.id)
        elif isinstance(child, ast.Attribute):
            found.add(child.attr)
        elif isinstance(child, ast.arg):
            found.add(child.arg)
    return found


def problems_in(source: str, where: str) -> list[str]:
    """Every SQL call whose text is not a literal and mentions a secret-like name, and
    every literal that sets a key in SQL."""
    found = []
    tree = ast.parse(source)
    for node in ast.walk(tree):
        if (isinstance(node, ast.Constant) and isinstance(node.value, str)
                and KEY_PRAGMA.search(node.value)):
            found.append(f"{where}:{node.lineno}: key set in SQL text")
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
            continue
        if node.func.attr not in SQL_CALLS or not node.args:
            continue
        text = node.args[0]
        if isinstance(text, ast.Constant):
            continue
        secret = sorted(n for n in _names(text) if SECRET_NAME.search(n))
        if secret:
            found.append(f"{where}:{node.lineno}: SQL text built from {secret}")
    return found


def test_no_sql_text_is_built_from_a_passphrase_or_key() -> None:
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        found += problems_in(path.read_text(encoding="utf-8"), str(path.relative_to(PACKAGE)))
    assert found == []


def test_keys_go_through_the_driver_key_calls_only() -> None:
    callers = {
        str(path.relative_to(PACKAGE))
        for path in PACKAGE.rglob("*.py")
        if re.search(r"\.(set_key|reset_key)\(", path.read_text(encoding="utf-8"))
    }
    assert callers == {"store/keys.py"}


def test_the_check_catches_the_mistakes_it_is_for() -> None:
    bad = (
        "def f(connection, passphrase, database_key):\n"
        "    connection.execute(f\"PRAGMA key = '{passphrase}'\")\n"
        "    connection.execute(\"PRAGMA rekey = '\" + database_key.hex() + \"'\")\n"
        "    connection.executescript('ATTACH DATABASE ? AS b KEY ' + kek)\n"
    )
    assert len(problems_in(bad, "bad.py")) >= 3
    good = "def f(connection, number):\n    connection.execute(f'PRAGMA user_version = {number}')\n"
    assert problems_in(good, "good.py") == []
