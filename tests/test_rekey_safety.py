"""No write after a key change can be lost (issue 13, point 2), and a key change killed
at any point leaves a base every passphrase and the recovery key open."""

from __future__ import annotations

import errno
import os
import shutil
import signal
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from sps_desk import atomic
from sps_desk.records import YoungPerson
from sps_desk.store import access, slots
from sps_desk.store.database import Database
from sps_desk.store.errors import BaseInUse, BaseReplaced
from tests.backup_support import ROOT, nicknames
from tests.conftest import PASSPHRASE


@pytest.fixture
def base(tmp_path: Path) -> tuple[Path, str]:
    path = tmp_path / "service.sps"
    with Database.create(path, PASSPHRASE, "SPS Ğüzelyurt") as database:
        recovery = database.recovery_key
        database.repos.young_people.save(YoungPerson(nickname="Zoé Ğüzel"))
    assert recovery is not None
    return path, recovery


def _state(path: Path) -> tuple[bytes, bytes]:
    return path.read_bytes(), slots.header_path(path).read_bytes()


def test_a_key_change_is_refused_while_this_process_has_the_base_open(base) -> None:
    path, _ = base
    with Database.open(path, PASSPHRASE) as window:
        before = _state(path)
        with pytest.raises(BaseInUse, match="recommencez le changement de clé"):
            access.rotate_key(path, PASSPHRASE)
        assert _state(path) == before
        window.repos.young_people.save(YoungPerson(nickname="Дмитрий"))  # still works
    with Database.open(path, PASSPHRASE) as database:
        assert nicknames(database) == ["Zoé Ğüzel", "Дмитрий"]


def test_a_window_whose_file_was_replaced_stops_saving(base, tmp_path: Path) -> None:
    path, _ = base
    copy = tmp_path / "copie.sps"
    shutil.copyfile(path, copy)
    with Database.open(path, PASSPHRASE) as window:
        os.replace(copy, path)  # what a key change or a restore by another program does
        with pytest.raises(BaseReplaced) as caught:
            window.repos.young_people.save(YoungPerson(nickname="Дмитрий"))
        assert str(caught.value) == (
            "La base service.sps a été remplacée sur le disque pendant qu'elle était ouverte "
            "ici (clé changée ou sauvegarde restaurée par une autre fenêtre ou commande) : "
            "cette saisie n'a pas été enregistrée. Fermez l'application et rouvrez la base, "
            "puis saisissez-la à nouveau.")
        with pytest.raises(BaseReplaced):
            window.audit("export")


def test_a_new_recovery_key_that_cannot_be_written_changes_nothing(base, tmp_path: Path,
                                                                   monkeypatch) -> None:
    path, recovery = base
    before = _state(path)

    def full(target: Path, data: bytes, **_options: object) -> None:
        raise atomic.failure(target, OSError(errno.ENOSPC, "No space left on device"))

    monkeypatch.setattr(atomic, "write_file", full)
    out = tmp_path / "clé.txt"
    with pytest.raises(atomic.AtomicWriteFailed, match="le disque est plein"):
        access.rotate_key(path, PASSPHRASE, recovery_key_out=out)
    monkeypatch.undo()
    assert not out.exists() and _state(path) == before
    Database.open_with_recovery(path, recovery).close()


def test_a_copy_that_fails_keeps_the_key_and_the_new_recovery_key(base, tmp_path: Path,
                                                                  monkeypatch) -> None:
    path, old_recovery = base
    old_key = slots.unlock_with_passphrase(slots.read_header(path), PASSPHRASE)[1]

    def full(*_args: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(access, "change_raw_key", full)
    out = tmp_path / "clé.txt"
    with pytest.raises(access.KeyRotationFailed) as caught:
        access.rotate_key(path, PASSPHRASE, recovery_key_out=out)
    message = str(caught.value)
    assert message.startswith("Le disque est plein")
    assert message.endswith(f"La clé de la base n'a pas été changée. La nouvelle clé de secours "
                            f"écrite dans {out} est déjà valable et remplace l'ancienne : "
                            "gardez-la.")
    monkeypatch.undo()
    assert slots.unlock_with_passphrase(slots.read_header(path), PASSPHRASE)[1] == old_key
    assert all(len(s.sealed) == 1 for s in slots.read_header(path).slots)
    with Database.open(path, PASSPHRASE) as database:
        assert nicknames(database) == ["Zoé Ğüzel"]
    assert [p.name for p in path.parent.iterdir() if p.name.startswith(".")] == []
    Database.open_with_recovery(path, out.read_text(encoding="utf-8").strip()).close()
    with pytest.raises(slots.WrongRecoveryKey):
        Database.open_with_recovery(path, old_recovery)


def test_the_re_encrypted_copy_is_owner_only_from_its_first_byte(base, monkeypatch) -> None:
    path, _ = base
    seen: list[tuple[str, int]] = []
    change = access.change_raw_key

    def spy(target, key: bytes) -> None:
        [(_, _, file)] = target.execute("PRAGMA database_list").fetchall()
        seen.append((Path(file).name, stat.S_IMODE(os.stat(file).st_mode)))
        change(target, key)

    monkeypatch.setattr(access, "change_raw_key", spy)
    previous = os.umask(0o022)  # a desktop session's: new files 0644 unless asked
    try:
        access.rotate_key(path, PASSPHRASE)
    finally:
        os.umask(previous)
    # The copy holding every record was the staged file, created 0600 before SQLite
    # wrote into it; it is now the base (not chmod-ed afterwards: nothing opened it).
    [(name, mode)] = seen
    assert name.startswith(".service.sps.") and name.endswith(atomic.SUFFIX)
    assert mode == 0o600
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    with Database.open(path, PASSPHRASE) as database:
        assert nicknames(database) == ["Zoé Ğüzel"]


_KILLED_ROTATION = textwrap.dedent("""
    import os, signal, sys
    from pathlib import Path
    from sps_desk import atomic
    from sps_desk.store import access, slots

    path, passphrase, out, point = sys.argv[1:5]
    def die():
        os.kill(os.getpid(), signal.SIGKILL)
    if point == "copy":          # the header holds both keys, the copy is half made
        original = access.change_raw_key
        access.change_raw_key = lambda *args: die()
    elif point == "renamed":     # the new file is in place, the header not settled yet
        original_commit = atomic.Staging.commit
        def commit(self):
            database_copy = any(target == Path(path) for _, target in self._staged)
            original_commit(self)
            if database_copy:
                die()
        atomic.Staging.commit = commit
    elif point == "settling":    # killed while writing the settled header
        calls = []
        original_write = slots.write_header
        def write(*args):
            calls.append(1)
            if len(calls) == 2:
                die()
            original_write(*args)
        slots.write_header = write
    access.rotate_key(Path(path), passphrase, recovery_key_out=Path(out))
""")


@pytest.mark.parametrize("point", ["copy", "renamed", "settling"])
def test_a_key_change_killed_anywhere_still_opens(base, tmp_path: Path, point: str) -> None:
    path, _old_recovery = base
    out = tmp_path / "clé.txt"
    killed = subprocess.run(
        [sys.executable, "-c", _KILLED_ROTATION, str(path), PASSPHRASE, str(out), point],
        env={**os.environ, "PYTHONPATH": str(ROOT)}, cwd=ROOT, capture_output=True, text=True)
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    # The new recovery key was written and checked before anything changed.
    new_recovery = out.read_text(encoding="utf-8").strip()
    slots.parse_recovery_key(new_recovery)
    with Database.open(path, PASSPHRASE) as database:
        assert nicknames(database) == ["Zoé Ğüzel"]
    assert all(len(s.sealed) == 1 for s in slots.read_header(path).slots)  # settled
    # The killed job's temporary copy is gone after that opening.
    assert [p.name for p in path.parent.iterdir() if p.name.startswith(".")] == []
    Database.open_with_recovery(path, new_recovery).close()


_KILLED_PASSWD = textwrap.dedent("""
    import os, signal, sys
    from sps_desk import atomic
    from sps_desk.store import access

    def commit(self):
        os.kill(os.getpid(), signal.SIGKILL)  # the new header is staged, not renamed
    atomic.Staging.commit = commit
    access.change_passphrase(sys.argv[1], sys.argv[2],
                             "Ørjan aime le thé vert à 7 h, Œnone préfère le café !")
""")


def test_a_killed_passphrase_change_leaves_nothing_after_the_next_opening(base) -> None:
    path, _ = base
    killed = subprocess.run(
        [sys.executable, "-c", _KILLED_PASSWD, str(path), PASSPHRASE],
        env={**os.environ, "PYTHONPATH": str(ROOT)}, cwd=ROOT, capture_output=True, text=True)
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    [leftover] = [p for p in path.parent.iterdir() if p.name.startswith(".")]
    assert leftover.name.startswith(".service.sps.keys.")
    Database.open(path, PASSPHRASE).close()  # the old passphrase: nothing was changed
    assert not leftover.exists()
