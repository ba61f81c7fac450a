"""Keys that follow people: revoking an access rotates the database key, so an old copy
of the key file opens nothing current; ``passwd`` says what it protects (issue 14)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import sqlcipher3

from sps_desk import cli
from sps_desk.store import access, audit, slots, users
from sps_desk.store.database import Database
from sps_desk.store.errors import WrongPassphrase
from sps_desk.store.keys import apply_raw_key
from sps_desk.store.revocation import (
    RotationPending,
    revoke_access,
    rotate_database_key,
    rotation_due,
)
from tests.conftest import PASSPHRASE

EDUCATOR = "Çağrı garde 3 vélos bleus sous l'escalier de Łucja #"
NEW = "Ørjan aime le thé vert à 7 h, Œnone préfère le café !"


@pytest.fixture
def team(db: Database, tmp_path: Path) -> Path:
    """A closed base with a chief and the educator « Łucja K. »; the key file as it was
    then is kept as ``ancien.keys`` (the copy the educator could have kept)."""
    access.add_user(db, "Łucja K.", "educator", EDUCATOR)
    db.close()
    shutil.copy(slots.header_path(db.path), tmp_path / "ancien.keys")
    return db.path


def _put_back_old_key_file(base: Path) -> None:
    shutil.copy(base.parent / "ancien.keys", slots.header_path(base))


def _old_copy_reads_the_base(base: Path, passphrase: str) -> bool:
    """What an attacker does with the old key file: take the database key out of the
    slot the passphrase opens, and give it to SQLCipher directly (the application's own
    refusal of a removed user is no protection)."""
    old = base.parent / "ancien.sps"
    shutil.copy(base.parent / "ancien.keys", slots.header_path(old))
    unlocked = slots.unlock_with_passphrase(slots.read_header(old), passphrase)
    assert unlocked is not None
    connection = sqlcipher3.connect(str(base))
    try:
        apply_raw_key(connection, unlocked[1][0])
        connection.execute("SELECT count(*) FROM app_user").fetchone()
    except sqlcipher3.DatabaseError:
        return False
    finally:
        connection.close()
    return True


def test_a_removed_users_old_key_file_and_passphrase_open_nothing(team: Path) -> None:
    assert _old_copy_reads_the_base(team, EDUCATOR)
    removed = revoke_access(team, PASSPHRASE, "łucja k.")
    assert not _old_copy_reads_the_base(team, EDUCATOR)
    assert removed.display_name == "Łucja K."
    current_keys = slots.header_path(team).read_bytes()
    with pytest.raises(WrongPassphrase):
        Database.open(team, EDUCATOR)
    _put_back_old_key_file(team)
    for passphrase in (EDUCATOR, PASSPHRASE):  # the whole old file opens nothing current
        with pytest.raises(slots.KeyFileMismatch, match="ancienne copie"):
            Database.open(team, passphrase)
    slots.header_path(team).write_bytes(current_keys)
    with Database.open(team, PASSPHRASE) as database:
        assert [u.display_name for u in users.active(database.connection)] == [
            "Chef de service"]
        assert not rotation_due(database)
        actions = [e.action for e in audit.entries(database.connection)]
    assert actions.index("user_removed") < actions.index("database_rekeyed")


def test_every_remaining_user_keeps_their_way_in(team: Path, db: Database) -> None:
    with Database.open(team, PASSPHRASE) as database:
        access.add_user(database, "Дмитрий", "educator", NEW)
    revoke_access(team, PASSPHRASE, "Łucja K.")
    with Database.open(team, NEW) as database:
        assert database.current_user.display_name == "Дмитрий"
    with Database.open(team, PASSPHRASE) as database:
        assert database.current_user.is_chief


def test_a_removal_without_rotation_stays_due_until_the_key_changes(team: Path) -> None:
    with Database.open(team, PASSPHRASE) as database:
        access.remove_user(database, users.by_name(database.connection, "Łucja K.").id)
        assert rotation_due(database)
    with Database.open(team, PASSPHRASE) as database:
        assert rotation_due(database)
    assert _old_copy_reads_the_base(team, EDUCATOR)  # hence « due »
    rotate_database_key(team, PASSPHRASE)
    with Database.open(team, PASSPHRASE) as database:
        assert not rotation_due(database)
    assert not _old_copy_reads_the_base(team, EDUCATOR)


def test_a_rotation_that_fails_says_the_access_is_still_open(
    team: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def full_disk(*_args: object, **_kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(access, "rotate_key", full_disk)
    with pytest.raises(RotationPending, match="sps-desk rekey") as refused:
        revoke_access(team, PASSPHRASE, "Łucja K.")
    assert "ancienne copie du fichier des clés" in str(refused.value)
    monkeypatch.undo()
    with Database.open(team, PASSPHRASE) as database:
        assert rotation_due(database)
        with pytest.raises(users.UnknownUser):
            users.by_name(database.connection, "Łucja K.")


def test_only_a_chief_revokes(team: Path) -> None:
    before = team.read_bytes()
    with pytest.raises(users.ChiefOnly):
        revoke_access(team, EDUCATOR, "Łucja K.")
    with Database.open(team, PASSPHRASE) as database:
        assert users.by_name(database.connection, "Łucja K.")
    assert len(team.read_bytes()) == len(before)


def test_user_remove_on_the_command_line_revokes(team: Path, capsys, monkeypatch) -> None:
    monkeypatch.setenv("SPS_DESK_PASSPHRASE", PASSPHRASE)
    assert cli.main(["user", "remove", "--db", str(team), "--name", "Łucja K."]) == 0
    out = capsys.readouterr().out
    assert "Accès de Łucja K. révoqué" in out and "clé de la base changée" in out
    _put_back_old_key_file(team)
    with pytest.raises(slots.KeyFileMismatch):
        Database.open(team, EDUCATOR)


def test_user_list_warns_while_a_rotation_is_due(team: Path, capsys, monkeypatch) -> None:
    with Database.open(team, PASSPHRASE) as database:
        access.remove_user(database, users.by_name(database.connection, "Łucja K.").id)
    monkeypatch.setenv("SPS_DESK_PASSPHRASE", PASSPHRASE)
    assert cli.main(["user", "list", "--db", str(team)]) == 0
    assert "sps-desk rekey" in capsys.readouterr().err


def test_passwd_says_what_it_protects(team: Path, tmp_path: Path, capsys,
                                      monkeypatch) -> None:
    (tmp_path / "new.txt").write_text(NEW + "\n", encoding="utf-8")
    monkeypatch.setenv("SPS_DESK_PASSPHRASE", EDUCATOR)
    assert cli.main(["passwd", "--db", str(team), "--new-passphrase-file",
                     str(tmp_path / "new.txt")]) == 0
    out = capsys.readouterr().out
    assert "fichier des clés service.sps.keys" in out
    assert "une ancienne copie de service.sps.keys" in out and "sps-desk rekey" in out
    # What it says is true: the old copy still opens with the old passphrase...
    assert _old_copy_reads_the_base(team, EDUCATOR)
    # ... until the chief changes the key with passwd --rekey.
    monkeypatch.setenv("SPS_DESK_PASSPHRASE", PASSPHRASE)
    (tmp_path / "chief.txt").write_text(NEW.replace("thé", "café") + "\n", encoding="utf-8")
    assert cli.main(["passwd", "--rekey", "--db", str(team), "--new-passphrase-file",
                     str(tmp_path / "chief.txt")]) == 0
    assert "aucune ancienne copie" in capsys.readouterr().out
    assert not _old_copy_reads_the_base(team, EDUCATOR)


# ---------------------------------------------------------------- in the window


@pytest.fixture
def window(qtbot, qapp, team: Path):
    from sps_desk.ui.i18n import install_translators, remove_translators
    from sps_desk.ui.main_window import MainWindow

    translators = install_translators(qapp, "fr")
    main = MainWindow(Database.open(team, PASSPHRASE))
    qtbot.addWidget(main)
    main.show()
    yield main
    main.database.close()
    remove_translators(qapp, translators)


def test_revoking_from_the_users_dialog_rotates_and_reopens(window, team: Path,
                                                            monkeypatch) -> None:
    from sps_desk.ui.dialogs.users import UsersDialog

    dialog = UsersDialog(window.database, window)
    told: list[str] = []
    dialog.notify = told.append
    dialog.ask_passphrase = lambda _question: PASSPHRASE
    row = next(i for i in range(dialog.list.count()) if "Łucja" in dialog.list.item(i).text())
    dialog.list.setCurrentRow(row)
    old_database = window.database
    dialog.remove()
    assert told[0].startswith("Clé de la base changée")
    assert window.database is not old_database  # closed, rotated, opened again
    assert not window.session_lock.locked and len(window.pages) > 0
    assert not rotation_due(window.database)
    assert [u.display_name for u in users.active(window.database.connection)] == [
        "Chef de service"]
    assert not _old_copy_reads_the_base(team, EDUCATOR)


def test_a_chief_changing_passphrase_is_offered_the_rotation(window, team: Path) -> None:
    from sps_desk.ui.dialogs.passphrase import PassphraseDialog

    dialog = PassphraseDialog(window.database, window)
    told: list[str] = []
    asked: list[str] = []
    dialog.notify = told.append
    dialog.ask_rotation = lambda question: asked.append(question) or True
    dialog.current_edit.setText(PASSPHRASE)
    dialog.new_edit.setText(NEW)
    dialog.confirm_edit.setText(NEW)
    shutil.copy(slots.header_path(team), team.parent / "ancien.keys")
    dialog.submit()
    assert dialog.changed and "service.sps.keys" in asked[0]
    assert not _old_copy_reads_the_base(team, PASSPHRASE)
    assert window.database.is_chief and not window.session_lock.locked
