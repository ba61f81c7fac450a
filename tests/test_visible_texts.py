"""``sps-desk screenshot --texts`` (issue 16): the translations in use and the interface
strings of the rendered page, which is how the packaged application is checked to speak
French."""

from __future__ import annotations

from pathlib import Path

import pytest

from sps_desk.store.database import Database
from sps_desk.ui.screenshot import render_page


def test_the_texts_of_a_page_are_those_on_screen_in_french(
    qtbot, db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SPS_DESK_LANG", raising=False)
    render_page(db, "temps", tmp_path / "temps.png", tmp_path / "temps.txt")
    lines = (tmp_path / "temps.txt").read_text(encoding="utf-8").splitlines()
    assert lines[0] == "# traductions : qtbase_fr.qm, sps_desk_fr.qm"
    assert {"Fichier", "Aide", "Ajouter des heures", "Heures :"} <= set(lines)
    assert "Add hours" not in lines
    assert len(lines) == len(set(lines))  # each string once


def test_without_translation_the_texts_say_so(
    qtbot, db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SPS_DESK_LANG", "en")
    render_page(db, "temps", tmp_path / "temps.png", tmp_path / "temps.txt")
    lines = (tmp_path / "temps.txt").read_text(encoding="utf-8").splitlines()
    assert lines[0] == "# traductions : aucune"
    assert {"File", "Help", "Add hours"} <= set(lines)
