"""A base that does not open says why: a damaged first page, a journal from another base,
or a key file from another base — three causes SQLite reports alike (issue 13, point 6)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from sps_desk.records import YoungPerson
from sps_desk.store import slots
from sps_desk.store.database import Database
from sps_desk.store.errors import CorruptDatabase, StrayJournal
from tests.backup_support import kill_after, nicknames, start_writer
from tests.conftest import PASSPHRASE


@pytest.fixture(scope="module")
def two_bases(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """Two bases of a few hundred records each; the first has a crashed session's -wal."""
    folder = tmp_path_factory.mktemp("deux-bases")
    paths = folder / "a.sps", folder / "b.sps"
    for path in paths:
        with Database.create(path, PASSPHRASE, "SPS Ğüzelyurt") as database:
            for number in range(150):
                database.repos.young_people.save(YoungPerson(nickname=f"Zoé {number}"))
    kill_after(start_writer(paths[0], PASSPHRASE), 20)
    return paths


def _copy(source: Path, target: Path, *, keys_of: Path | None = None,
          journal_of: Path | None = None) -> Path:
    shutil.copyfile(source, target)
    shutil.copyfile(slots.header_path(keys_of or source), slots.header_path(target))
    if journal_of is not None:
        shutil.copyfile(f"{journal_of}-wal", f"{target}-wal")
    return target


def test_a_damaged_first_page_is_not_called_a_damaged_key_file(two_bases, tmp_path) -> None:
    copy = _copy(two_bases[1], tmp_path / "c.sps")
    data = bytearray(copy.read_bytes())
    data[300] ^= 0xFF
    copy.write_bytes(bytes(data))
    with pytest.raises(CorruptDatabase) as caught:
        Database.open(copy, PASSPHRASE)
    assert str(caught.value).startswith("c.sps est endommagé (contrôle d'intégrité en échec)")


def test_a_journal_from_another_base_is_named_and_the_base_kept_intact(two_bases,
                                                                      tmp_path) -> None:
    first, second = two_bases
    copy = _copy(second, tmp_path / "e.sps", journal_of=first)
    before = copy.read_bytes()
    with pytest.raises(StrayJournal) as caught:
        Database.open(copy, PASSPHRASE)
    assert str(caught.value) == (
        "Le journal e.sps-wal, à côté de la base, ne vient pas de cette base (reste d'une "
        "autre base ou d'une ancienne copie) : la base, intacte, n'a pas été ouverte. "
        "Déplacez e.sps-wal et e.sps-shm dans un autre dossier (sans les supprimer), puis "
        "rouvrez la base.")
    # Before: the opening replayed the foreign journal into the file and the base was lost.
    assert copy.read_bytes() == before and Path(f"{copy}-wal").exists()
    moved = tmp_path / "ailleurs"
    moved.mkdir()
    for suffix in ("-wal", "-shm"):
        shutil.move(f"{copy}{suffix}", moved / f"e.sps{suffix}")
    with Database.open(copy, PASSPHRASE) as database:
        assert len(nicknames(database)) == 150


def test_its_own_journal_after_a_crash_is_replayed(two_bases, tmp_path) -> None:
    copy = _copy(two_bases[0], tmp_path / "a.sps", journal_of=two_bases[0])
    with Database.open(copy, PASSPHRASE) as database:
        assert len(nicknames(database)) >= 150 + 20


def test_a_key_file_of_another_base_is_still_named_as_such(two_bases, tmp_path) -> None:
    copy = _copy(two_bases[1], tmp_path / "d.sps", keys_of=two_bases[0])
    with pytest.raises(slots.KeyFileMismatch, match=r"d\.sps\.keys n'ouvre pas cette base"):
        Database.open(copy, PASSPHRASE)
