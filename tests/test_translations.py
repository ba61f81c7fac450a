"""The French translation of the window is complete and the compiled .qm matches it."""

from __future__ import annotations

import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QTranslator

from sps_desk.ui.i18n import chosen_language, install_translators, load_french_translator

ROOT = Path(__file__).resolve().parent.parent
TRANSLATIONS = ROOT / "sps_desk" / "resources" / "translations"
TS = TRANSLATIONS / "sps_desk_fr.ts"
QM = TRANSLATIONS / "sps_desk_fr.qm"
UI_SOURCES = sorted((ROOT / "sps_desk" / "ui").rglob("*.py"))
PLACEHOLDER = re.compile(r"\{\d*\}")


def _messages(path: Path) -> list[tuple[str, str, ET.Element]]:
    """(context, source, translation element) of every message of a .ts file."""
    found = []
    for context in ET.parse(path).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            assert translation is not None
            found.append((name, message.findtext("source") or "", translation))
    return found


MESSAGES = _messages(TS)


def test_the_ts_file_is_french_and_not_empty() -> None:
    assert ET.parse(TS).getroot().get("language") == "fr_FR"
    assert len(MESSAGES) > 150


def test_every_message_is_translated() -> None:
    bad = [
        (context, source, translation.get("type"))
        for context, source, translation in MESSAGES
        if translation.get("type") in ("unfinished", "obsolete", "vanished")
        or not (translation.text or "").strip()
    ]
    assert bad == []


def test_translations_keep_placeholders_and_line_breaks() -> None:
    bad = [
        (context, source)
        for context, source, translation in MESSAGES
        if sorted(PLACEHOLDER.findall(source)) != sorted(PLACEHOLDER.findall(translation.text))
        or source.count("\n") != translation.text.count("\n")
    ]
    assert bad == []


def test_the_qm_file_matches_the_ts_file() -> None:
    translator = QTranslator()
    assert translator.load(str(QM))
    stale = [
        (context, source)
        for context, source, translation in MESSAGES
        if translator.translate(context, source) != translation.text
    ]
    assert stale == [], "sps_desk_fr.qm is older than sps_desk_fr.ts: run pyside6-lrelease"


def test_the_packaged_translator_gives_french() -> None:
    translator = load_french_translator()
    assert translator.translate("FieldPage", "Field work") == "Terrain"
    assert translator.translate("SupportsPage", "Supports") == "Accompagnements"
    assert translator.translate("ReportPage", "Generate the report") == "Générer le rapport"


def _lupdate() -> Path | None:
    candidate = Path(sys.executable).with_name("pyside6-lupdate")
    return candidate if candidate.exists() else None


@pytest.mark.skipif(_lupdate() is None, reason="pyside6-lupdate is not installed")
def test_every_string_of_the_ui_is_in_the_ts_file(tmp_path: Path) -> None:
    fresh = tmp_path / "fresh_fr.ts"
    subprocess.run(
        [str(_lupdate()), *map(str, UI_SOURCES), "-silent", "-ts", str(fresh)],
        check=True,
        timeout=60,
    )
    in_code = {(context, source) for context, source, _ in _messages(fresh)}
    in_ts = {(context, source) for context, source, _ in MESSAGES}
    assert in_code - in_ts == set(), "run pyside6-lupdate, translate, then pyside6-lrelease"
    assert in_ts - in_code == set(), "the .ts holds strings no longer in the code"


def test_french_is_the_default_and_english_is_selectable(monkeypatch, qapp) -> None:
    monkeypatch.delenv("SPS_DESK_LANG", raising=False)
    assert chosen_language() == "fr"
    monkeypatch.setenv("SPS_DESK_LANG", "en")
    assert chosen_language() == "en"
    assert install_translators(qapp, "en") == []
