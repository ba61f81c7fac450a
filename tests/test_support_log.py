"""The support log (issue 16): in the platform's log folder, rotated, useful to support,
and without personal data whatever the session touched."""

from __future__ import annotations

import logging
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from sps_desk import __version__, support_log
from sps_desk.cli import main
from sps_desk.errors import SpsDeskError
from sps_desk.store.database import Database
from tests.conftest import PASSPHRASE

SERVICE = "SPS Ğüzelyurt – Дмитрий"
CHIEF = "Zoé Ğüzel"
EDUCATOR = "Inès Дмитрий-Ñúñez"
NICKNAME = "Amîna-أمينة"


@pytest.fixture
def log_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A fresh support log under ``tmp_path`` (platformdirs follows XDG_STATE_HOME), its
    handler detached afterwards so that other tests keep the session's own."""
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "état"))
    monkeypatch.setattr(support_log, "_hidden", set())  # what this test's commands typed
    logger = logging.getLogger(support_log.LOGGER_NAME)
    previous = list(logger.handlers)
    for handler in previous:
        logger.removeHandler(handler)
    yield tmp_path / "état" / "sps_desk" / "log"
    for handler in list(logger.handlers):
        handler.close()
        logger.removeHandler(handler)
    for handler in previous:
        logger.addHandler(handler)


def _log_text(folder: Path) -> str:
    return "".join(p.read_text(encoding="utf-8") for p in sorted(folder.iterdir()))


def test_the_log_is_in_the_platforms_log_folder(log_folder: Path) -> None:
    assert support_log.log_dir() == log_folder
    assert support_log.start("commande test") == log_folder / "sps_desk.log"
    text = _log_text(log_folder)
    assert f"démarrage : sps_desk {__version__}, commande test, " in text
    assert "(Python installé)" in text  # « (autonome) » in the bundle
    assert stat.S_IMODE((log_folder / "sps_desk.log").stat().st_mode) == 0o600


def test_a_session_with_personal_data_leaves_none_in_the_log(
    tmp_path: Path, log_folder: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Commands that type names, a nickname and a passphrase, and errors whose French
    messages quote a name, a file named after an educator and a path through a folder
    named after the chief: the log keeps the events and codes, never the values."""
    home = tmp_path / CHIEF  # a user folder named after its owner, as on every system
    home.mkdir()
    phrase = home / "phrase.txt"
    phrase.write_text(PASSPHRASE, encoding="utf-8")
    wrong = home / "autre.txt"
    wrong.write_text("une autre phrase de passe, fausse", encoding="utf-8")
    service, laptop = home / "service.sps", home / "ines.sps"
    common = ["--passphrase-file", str(phrase)]
    assert main(["init", "--db", str(service), *common, "--service-name", SERVICE,
                 "--user-name", CHIEF, "--recovery-key-out", str(home / "secours.txt")]) == 0
    recovery_key = (home / "secours.txt").read_text(encoding="utf-8").strip()
    young = home / "jeunes.csv"
    young.write_text(f"Code;Surnom;Sexe;Année de naissance\n;{NICKNAME};F;2009\n",
                     encoding="utf-8")
    assert main(["key", "--db", str(service), *common, "--out", str(home / "s.spskey")]) == 0
    assert main(["init", "--db", str(laptop), *common, "--join", str(home / "s.spskey"),
                 "--user-name", EDUCATOR]) == 0
    assert main(["import", "--db", str(laptop), *common, "--kind", "young", str(young)]) == 0
    named_bundle = home / f"{EDUCATOR} 2026-11-20.spsb"
    assert main(["bundle", "--db", str(laptop), *common, "--out", str(named_bundle)]) == 0

    # Errors shown to the user, each quoting or naming something personal.
    assert main(["merge", "--db", str(service), *common, str(named_bundle)]) == 1
    assert main(["service", "--db", str(service), "--passphrase-file", str(wrong)]) == 1
    assert main(["service", "--db", str(home / "absente.sps"), *common]) == 1
    assert main(["rights-export", "--db", str(service), *common, "--young", NICKNAME,
                 "--out", str(home / "droits")]) == 1
    # A bug whose exception carries a name, and a module gone from under the program.
    monkeypatch.setattr(Database, "service", lambda self: {}[CHIEF])
    assert main(["service", "--db", str(service), *common]) == 1

    def missing_module(self: Database) -> None:
        raise ModuleNotFoundError("No module named 'sps_desk.reports.gone'",
                                  name="sps_desk.reports.gone")

    monkeypatch.setattr(Database, "service", missing_module)
    assert main(["service", "--db", str(service), *common]) == 1
    shown = capsys.readouterr()
    assert EDUCATOR in shown.err  # the user read the name: the log must not keep it

    text = _log_text(log_folder)
    assert "démarrage : sps_desk" in text and ", commande merge, " in text
    assert "base ouverte (schéma 1." in text
    assert "[SPS-UntrustedDevice] Paquet <valeur> refusé : il vient d'un ordinateur " \
        "inconnu de cette base, «…»" in text  # what was typed is hidden as typed
    assert "[SPS-WrongPassphrase]" in text
    assert "[SPS-DatabaseNotFound]" in text
    assert "[BUG-KeyError]" in text and "← sps_desk/cli/main.py:" in text
    assert "module introuvable : sps_desk.reports.gone" in text
    assert "fin : code de sortie 1" in text
    for secret in (SERVICE, CHIEF, EDUCATOR, NICKNAME, PASSPHRASE, recovery_key,
                   "Ğüzel", "Дмитрий", "أمينة", "Amîna", "Zoé", str(tmp_path)):
        assert secret not in text, secret


def test_the_log_turns_over_and_keeps_a_bounded_history(
    log_folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(support_log, "MAX_BYTES", 2_000)
    support_log.start("commande test")
    for number in range(200):
        support_log.note_error(SpsDeskError(f"Erreur numéro {number}."), f"Erreur {number}.")
    names = sorted(p.name for p in log_folder.iterdir())
    assert names == ["sps_desk.log", "sps_desk.log.1", "sps_desk.log.2", "sps_desk.log.3"]
    assert all(p.stat().st_size <= 2_200 for p in log_folder.iterdir())
    assert "Erreur 199." in (log_folder / "sps_desk.log").read_text(encoding="utf-8")


@pytest.mark.parametrize(("message", "logged"), [
    ("Paquet ines-2026-11-20.spsb refusé : il vient de « Inès Дмитрий ».",
     "Paquet <fichier> refusé : il vient de «…»."),
    ("Paquet Inès Moreau 2026-11-20.spsb refusé.", "Paquet <fichier> refusé."),
    ("Le fichier des clés Zoé Ğüzel.sps.keys est introuvable à côté de la base.",
     "Le fichier des clés <fichier> est introuvable à côté de la base."),
    ("Zoé Ğüzel.sps n'est pas une base sps_desk (en-tête).",
     "<fichier> n'est pas une base sps_desk (en-tête)."),
    ("Impossible d'accéder à C:\\Users\\Zoé Ğüzel\\Documents\\service.sps : permission "
     "refusée.", "Impossible d'accéder à <fichier> : permission refusée."),
    ("Impossible d'accéder à /home/zoé ğüzel/service.sps.",
     "Impossible d'accéder à <fichier>."),
    ("Ligne 4 : « 12/03/2009 » impossible ; code J-7KQ2MX ; tél 06 12 34 56 78 ; a@b.fr",
     "Ligne 4 : «…» impossible ; code <code> ; tél <numéro> ; <courriel>"),
    ("La phrase de passe est incorrecte : réessayez (3 essais).",
     "La phrase de passe est incorrecte : réessayez (3 essais)."),
])
def test_messages_keep_their_sentence_and_lose_their_values(message: str, logged: str) -> None:
    assert support_log.scrub(message) == logged


def test_error_codes_are_stable_and_readable() -> None:
    import errno

    assert support_log.error_code(SpsDeskError("x")) == "SPS-SpsDeskError"
    assert support_log.error_code(OSError(errno.ENOSPC, "plein")) == "OS-ENOSPC"
    assert support_log.error_code(KeyboardInterrupt()) == "INTERRUPTION"
    assert support_log.error_code(ModuleNotFoundError("x")) == "BUG-ModuleNotFoundError"


def test_an_unexpected_error_in_the_window_names_the_missing_module(
    log_folder: Path, qapp: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 15: the tests replaced the package under a running window; the message box
    said « erreur inattendue » and nothing said which module had vanished."""
    from PySide6.QtWidgets import QMessageBox

    from sps_desk.ui import app

    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda parent, title, text: shown.append(text))
    support_log.start("fenêtre")
    try:
        import sps_desk.ui.pages.vanished  # type: ignore[import-not-found]  # noqa: F401
    except ModuleNotFoundError as error:
        app._show_unexpected_error(type(error), error, error.__traceback__)
    text = _log_text(log_folder)
    assert "[BUG-ModuleNotFoundError]" in text
    assert "module introuvable : sps_desk.ui.pages.vanished" in text
    assert "pile : test_support_log.py:" in text
    assert len(shown) == 1


@pytest.mark.usefixtures("french")
def test_aide_opens_the_log_folder(
    qtbot, db: Database, log_folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Aide › Ouvrir le dossier des journaux: the folder exists and the system's file
    manager is asked to show it (that edge, the desktop, is not ours: it is recorded)."""
    from PySide6.QtGui import QDesktopServices

    from sps_desk.ui.main_window import MainWindow

    opened: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl",
                        lambda url: opened.append(url.toLocalFile()) or True)
    window = MainWindow(db)
    qtbot.addWidget(window)
    assert window.menuBar().actions()[-1].text() == "&Aide"
    assert window.help_menu.logs_action.text() == "Ouvrir le dossier des journaux"
    window.help_menu.logs_action.trigger()
    assert opened == [str(log_folder)]
    assert log_folder.is_dir()


@pytest.mark.usefixtures("french")
def test_a_wrong_passphrase_in_the_window_is_noted_without_what_was_typed(
    qtbot, tmp_path: Path, log_folder: Path
) -> None:
    """As on the command line: support sees that opening failed and why (a new user
    found the window's attempts missing from the log), never the passphrase typed."""
    from PySide6.QtCore import Qt

    from sps_desk.ui.dialogs.unlock import UnlockDialog

    path = tmp_path / "base.sps"
    Database.create(path, PASSPHRASE, SERVICE).close()
    support_log.start("fenêtre")
    dialog = UnlockDialog(path)
    qtbot.addWidget(dialog)
    dialog.passphrase_edit.setText("Amîna-أمينة mauvaise")  # QTest types ASCII only
    qtbot.mouseClick(dialog.open_button, Qt.MouseButton.LeftButton)
    assert dialog.errors.lines()[0].startswith("Phrase de passe incorrecte")
    text = _log_text(log_folder)
    assert text.count("[SPS-WrongPassphrase] Phrase de passe incorrecte") == 1
    assert "mauvaise" not in text and "Amîna" not in text and SERVICE not in text
