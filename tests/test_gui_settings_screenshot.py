"""Language setting (persisted with QSettings), drafts kept across a lock, the drafts
store, and ``sps-desk screenshot``."""

from __future__ import annotations

import subprocess
import sys
from datetime import date, time
from pathlib import Path

import pytest
from PySide6.QtCore import QTime
from PySide6.QtGui import QImage

from sps_desk.cli import build_parser
from sps_desk.enums import FieldSessionKind, Role, Sex
from sps_desk.records import FieldSession, Sector, StaffMember, YoungPerson
from sps_desk.store.database import Database
from sps_desk.store.drafts import Drafts, Preferences
from sps_desk.ui.dialogs.settings import SettingsDialog
from sps_desk.ui.i18n import chosen_language
from sps_desk.ui.main_window import MainWindow
from sps_desk.ui.pages.field import FieldPage
from sps_desk.ui.screenshot import PAGES, ScreenshotFailed, render_page
from sps_desk.ui.settings import saved_language
from tests.conftest import PASSPHRASE

pytestmark = pytest.mark.usefixtures("french")


def test_english_is_chosen_in_the_settings_and_remembered(qtbot, monkeypatch):
    monkeypatch.delenv("SPS_DESK_LANG", raising=False)
    dialog = SettingsDialog()
    qtbot.addWidget(dialog)
    assert dialog.language_combo.currentData() == "fr"  # French by default
    dialog.language_combo.setCurrentIndex(dialog.language_combo.findData("en"))
    dialog.accept()
    assert saved_language() == "en"
    assert chosen_language() == "en"
    monkeypatch.setenv("SPS_DESK_LANG", "fr")  # the environment still wins
    assert chosen_language() == "fr"
    monkeypatch.delenv("SPS_DESK_LANG")
    again = SettingsDialog()
    qtbot.addWidget(again)
    assert again.language_combo.currentData() == "en"
    again.language_combo.setCurrentIndex(again.language_combo.findData("fr"))
    again.accept()
    assert chosen_language() == "fr"


def test_the_drafts_store_keeps_one_draft_per_form(db: Database):
    drafts = Drafts(db)
    assert drafts.load("field_session") is None
    drafts.save("field_session", {"observation": "Çağrı près du lycée", "tallies": [1, 2]})
    drafts.save("field_session", {"observation": "remplacé"})
    assert drafts.load("field_session") == {"observation": "remplacé"}
    assert drafts.forms() == ["field_session"]
    assert drafts.saved_at("field_session") is not None
    drafts.discard("field_session")
    assert drafts.load("field_session") is None and drafts.forms() == []
    Preferences(db).set("current_staff_id", "abc")
    assert Preferences(db).get("current_staff_id") == "abc"
    assert Preferences(db).get("missing", 7) == 7


def test_the_draft_is_kept_in_the_encrypted_file(db_path: Path, db: Database):
    Drafts(db).save("field_session", {"observation": "Rassemblement ŁUCJA-TEST"})
    db.close()
    assert b"UCJA-TEST" not in db_path.read_bytes()
    with Database.open(db_path, PASSPHRASE) as reopened:
        assert Drafts(reopened).load("field_session") == {"observation": "Rassemblement ŁUCJA-TEST"}


def test_a_lock_keeps_the_form_and_gives_it_back_after_unlocking(qtbot, db: Database):
    staff = db.repos.staff.save(StaffMember(display_name="Ørjan", role=Role.SOCIAL_WORKER, fte=1))
    main = MainWindow(db)
    qtbot.addWidget(main)
    main.show()
    page = main.page(FieldPage)
    assert isinstance(page, FieldPage)
    page.start_edit.setTime(QTime(20, 0))
    page.end_edit.setTime(QTime(23, 15))
    page.staff_list.set_checked(staff.id)
    page.tally_grid.spin(Sex.FEMALE, "16-17").setValue(6)
    page.before_lock()  # what the session lock calls before closing the base
    rebuilt = FieldPage(db, main.hub)  # the lock rebuilds the pages after unlocking
    qtbot.addWidget(rebuilt)
    rebuilt.after_unlock()
    assert rebuilt.tally_grid.spin(Sex.FEMALE, "16-17").value() == 6
    assert rebuilt.end_edit.time() == QTime(23, 15)
    assert rebuilt.staff_list.checked_ids() == [staff.id]
    assert not rebuilt.banner.isVisible()


def _demo_like(db: Database) -> None:
    staff = db.repos.staff.save(StaffMember(display_name="Ğazi", role=Role.SOCIAL_WORKER, fte=1))
    sector = db.repos.sectors.save(Sector(commune="Arras", neighbourhood="Baudimont"))
    db.repos.young_people.save(YoungPerson(nickname="Œnone"))
    db.repos.field_sessions.save(
        FieldSession(
            date=date(2025, 6, 3),
            start_time=time(14),
            end_time=time(17),
            staff_ids=[staff.id],
            sector_id=sector.id,
            session_kind=FieldSessionKind.STREET_WORK,
        )
    )


def test_render_page_writes_a_1366x768_png_of_each_page(qtbot, db: Database, tmp_path: Path):
    _demo_like(db)
    for name in ("terrain", "temps"):
        out = render_page(db, name, tmp_path / f"{name}.png")
        image = QImage(str(out))
        assert (image.width(), image.height()) == (1366, 768)
    assert sorted(PAGES) == sorted(
        ["accueil", "terrain", "jeunes", "accompagnements", "actions", "temps", "rapport"]
    )
    with pytest.raises(ScreenshotFailed, match="Page inconnue"):
        render_page(db, "inconnue", tmp_path / "x.png")
    assert not (tmp_path / "x.png").exists()


def test_the_screenshot_command(tmp_path: Path, db_path: Path, db: Database):
    _demo_like(db)
    db.close()
    args = build_parser().parse_args(
        ["screenshot", "--db", str(db_path), "--page", "jeunes", "--out", str(tmp_path / "j.png")]
    )
    assert (args.page, args.out) == ("jeunes", tmp_path / "j.png")
    secret = tmp_path / "phrase.txt"
    secret.write_text(PASSPHRASE, encoding="utf-8")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "sps_desk",
            "screenshot",
            "--db",
            str(db_path),
            "--passphrase-file",
            str(secret),
            "--page",
            "accompagnements",
            "--out",
            str(tmp_path / "a.png"),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"Capture écrite : {tmp_path / 'a.png'}"
    assert result.stderr == ""
    assert QImage(str(tmp_path / "a.png")).width() == 1366
    bad = subprocess.run(
        [
            sys.executable,
            "-m",
            "sps_desk",
            "screenshot",
            "--db",
            str(db_path),
            "--passphrase-file",
            str(secret),
            "--page",
            "nulle",
            "--out",
            str(tmp_path / "n.png"),
        ],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert bad.returncode == 2 and "choix invalide" in bad.stderr
