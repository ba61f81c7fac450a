"""Words on an educator's own laptop (trial 7, section 6): ``init --join --user-name``,
the laptop's owner is not called « chef de service », and the chief's menus are hidden."""

from __future__ import annotations

from pathlib import Path

import pytest

from sps_desk.cli import main
from sps_desk.store.database import Database
from sps_desk.store.sync.identity import join, key_file_text
from sps_desk.ui.dialogs.users import UsersDialog
from sps_desk.ui.main_window import MainWindow
from tests.conftest import PASSPHRASE

THEO = "Théo Kowalczyk"


def test_init_join_takes_user_name_and_user_list_says_owner(tmp_path: Path, capsys,
                                                             monkeypatch):
    monkeypatch.setenv("SPS_DESK_PASSPHRASE", PASSPHRASE)
    chief, laptop = tmp_path / "service.sps", tmp_path / "théo.sps"
    assert main(["init", "--db", str(chief), "--service-name", "SPS Ğüzelyurt",
                 "--chief-name", "Claire Dubois",
                 "--recovery-key-out", str(tmp_path / "s1.txt")]) == 0
    assert main(["key", "--db", str(chief), "--out", str(tmp_path / "k.spskey")]) == 0
    assert main(["init", "--db", str(laptop), "--join", str(tmp_path / "k.spskey"),
                 "--user-name", THEO, "--recovery-key-out", str(tmp_path / "s2.txt")]) == 0
    capsys.readouterr()
    assert main(["user", "list", "--db", str(laptop)]) == 0
    assert capsys.readouterr().out == f"{THEO}\ttitulaire de cet ordinateur\n"
    assert main(["user", "list", "--db", str(chief)]) == 0
    assert capsys.readouterr().out == "Claire Dubois\tchef de service\n"


def test_user_name_is_documented_as_the_educators_name(capsys):
    with pytest.raises(SystemExit):
        main(["init", "--help"])
    help_text = " ".join(capsys.readouterr().out.split())
    assert "--user-name NOM, --chief-name NOM" in help_text
    assert "l'éducateur ou l'éducatrice sur son ordinateur (--join)" in help_text


@pytest.fixture
def laptop(tmp_path: Path, db: Database) -> Database:
    base = Database.create(tmp_path / "théo.sps", PASSPHRASE, "provisoire", chief_name=THEO)
    join(base, key_file_text(db), "chef.spskey")
    return base


def _menu_texts(window: MainWindow) -> list[str]:
    return [a.text() for a in window.menuBar().actions() if a.isVisible()] + [
        a.text() for a in window.menuBar().actions()[0].menu().actions() if a.isVisible()]


def test_a_laptop_hides_the_chiefs_menus_and_names_its_owner(qtbot, laptop: Database,
                                                             db: Database,
                                                             french):
    try:
        window = MainWindow(laptop)
        qtbot.addWidget(window)
        texts = _menu_texts(window)
        assert "&Département" not in texts
        assert "Ajouter un professionnel…" not in texts
        assert "Importer un tableur…" in texts
        dialog = UsersDialog(laptop)
        qtbot.addWidget(dialog)
        assert dialog.list.item(0).text() == f"{THEO} — Titulaire de cet ordinateur"

        window = MainWindow(db)  # the service's own base keeps them
        qtbot.addWidget(window)
        texts = _menu_texts(window)
        assert "&Département" in texts and "Ajouter un professionnel…" in texts
        dialog = UsersDialog(db)
        qtbot.addWidget(dialog)
        assert dialog.list.item(0).text().endswith(" — Chef de service")
    finally:
        laptop.close()
