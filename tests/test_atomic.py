"""sps_desk.atomic: whole files or nothing, mode set before writing, French errors."""

from __future__ import annotations

import errno
import os
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from sps_desk import atomic
from sps_desk.errors import SpsDeskError
from tests.disk_support import fill, small_disk


def _names(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_a_file_is_written_readable_by_its_owner_only(tmp_path: Path) -> None:
    target = tmp_path / "clé de secours.txt"
    old_mask = os.umask(0)
    try:
        atomic.write_file(target, "ABCD-Ğ\n".encode())
    finally:
        os.umask(old_mask)
    assert target.read_bytes() == "ABCD-Ğ\n".encode()
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert _names(tmp_path) == ["clé de secours.txt"]


def test_the_mode_is_set_before_any_byte_is_written(tmp_path: Path) -> None:
    seen: list[int] = []

    def write(stream: object) -> None:
        seen.append(stat.S_IMODE(os.fstat(stream.fileno()).st_mode))  # type: ignore[attr-defined]
        stream.write(b"x")  # type: ignore[attr-defined]

    atomic.write_with(tmp_path / "a.pdf", write, mode=0o640)
    assert seen == [0o640]
    assert stat.S_IMODE((tmp_path / "a.pdf").stat().st_mode) == 0o640


def test_several_files_are_all_or_nothing(tmp_path: Path, monkeypatch) -> None:
    first, second = tmp_path / "rapport.pdf", tmp_path / "rapport.json"
    first.write_bytes(b"old pdf")
    second.write_bytes(b"old json")
    calls: list[int] = []
    real_fsync = os.fsync

    def full_on_second(fd: int) -> None:
        calls.append(fd)
        if len(calls) == 2:
            raise OSError(errno.ENOSPC, "No space left on device")
        real_fsync(fd)

    monkeypatch.setattr("sps_desk.atomic.os.fsync", full_on_second)
    with pytest.raises(atomic.AtomicWriteFailed) as caught:
        atomic.write_files({first: b"new pdf", second: b"new json"})
    assert str(caught.value) == (
        f"Impossible d'enregistrer {second} : le disque est plein. Libérez de la place (ou "
        "choisissez un autre support) et recommencez ; rien n'a été remplacé.")
    assert caught.value.errno == errno.ENOSPC and isinstance(caught.value, SpsDeskError)
    assert (first.read_bytes(), second.read_bytes()) == (b"old pdf", b"old json")
    assert _names(tmp_path) == ["rapport.json", "rapport.pdf"]


def test_a_missing_folder_names_the_folder(tmp_path: Path) -> None:
    target = tmp_path / "absent" / "export.json"
    with pytest.raises(atomic.AtomicWriteFailed) as caught:
        atomic.write_file(target, b"{}")
    assert str(caught.value).startswith(
        f"Impossible d'écrire dans le dossier {target.parent} : fichier ou dossier introuvable.")


def test_a_failed_rename_keeps_the_old_file_and_no_temporary(tmp_path: Path, monkeypatch) -> None:
    target = tmp_path / "a.xlsx"
    target.write_bytes(b"old")

    def busy(*_args: object) -> None:
        raise OSError(errno.EBUSY, "busy")

    monkeypatch.setattr("sps_desk.atomic.os.replace", busy)
    with pytest.raises(atomic.AtomicWriteFailed, match="utilisé par une autre application"):
        atomic.write_file(target, b"new")
    assert target.read_bytes() == b"old"
    assert _names(tmp_path) == ["a.xlsx"]


def test_the_folder_is_synced_after_the_rename(tmp_path: Path, monkeypatch) -> None:
    synced: list[Path] = []
    monkeypatch.setattr(atomic, "sync_folder", synced.append)
    atomic.write_files({tmp_path / "a": b"1", tmp_path / "b": b"2"})
    assert synced == [tmp_path]


def test_a_staged_file_filled_by_another_writer(tmp_path: Path) -> None:
    target = tmp_path / "image.png"
    with atomic.staged(target, mode=0o644) as partial:
        assert partial.parent == tmp_path and partial.name.startswith(".image.png.")
        partial.write_bytes(b"\x89PNG")
    assert target.read_bytes() == b"\x89PNG"
    with pytest.raises(RuntimeError), atomic.staged(target) as partial:
        partial.write_bytes(b"half")
        raise RuntimeError("the writer failed")
    assert target.read_bytes() == b"\x89PNG"
    assert _names(tmp_path) == ["image.png"]


def test_leftovers_of_dead_processes_only_are_removed(tmp_path: Path) -> None:
    target = tmp_path / "service.sps.keys"
    killed = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    killed.kill()
    killed.wait()
    ours = atomic.temporary_path(target)
    dead = tmp_path / ours.name.replace(f".{os.getpid()}-", f".{killed.pid}-")
    # Two tags of other machines, never this one's (a tag is 4 hex digits).
    first, second = [t for t in ("ffff", "eeee", "dddd") if t != atomic._host_tag()][:2]
    other_host = tmp_path / f".{target.name}.{killed.pid}-{first}-0123abcd{atomic.SUFFIX}"
    foreign_old = tmp_path / f".{target.name}.{killed.pid}-{second}-0123abcd{atomic.SUFFIX}"
    unrelated = tmp_path / f".autre.sps.{killed.pid}-{first}-0123abcd{atomic.SUFFIX}"
    for path in (ours, dead, other_host, foreign_old, unrelated):
        path.write_bytes(b"")
    day_ago = time.time() - 2 * 24 * 3600
    os.utime(foreign_old, (day_ago, day_ago))
    assert atomic.remove_leftovers(target) == sorted([dead, foreign_old])
    assert sorted(_names(tmp_path)) == sorted(p.name for p in (ours, other_host, unrelated))


def test_require_free_space_says_disk_full_with_amounts(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(atomic, "free_bytes", lambda _where: 1_250_000)
    with pytest.raises(atomic.NotEnoughSpace) as caught:
        atomic.require_free_space(tmp_path, 4_000_000)
    assert str(caught.value) == (
        f"Le disque de {tmp_path} est presque plein (1,2 Mo libres, il en faut au moins "
        "3,8 Mo) : libérez de la place (ou choisissez un autre support), puis recommencez. "
        "Rien n'a été modifié.")
    atomic.require_free_space(tmp_path, 1_000_000)


def test_a_real_full_disk_keeps_the_old_file(tmp_path: Path) -> None:
    with small_disk(tmp_path, "2m") as disk:
        target = disk / "rapport.pdf"
        target.write_bytes(b"old report")
        fill(disk)
        with pytest.raises(atomic.AtomicWriteFailed, match="le disque est plein"):
            atomic.write_file(target, b"x" * 200_000)
        assert target.read_bytes() == b"old report"
        assert _names(disk) == ["rapport.pdf", "remplissage.bin"]


def test_a_killed_write_is_cleaned_by_the_next_write_of_the_same_file(tmp_path: Path) -> None:
    target = tmp_path / "export-2025.json"
    code = ("import sys, os, signal; from pathlib import Path; from sps_desk import atomic\n"
            "def die(stream): stream.write(b'{\"moiti'); stream.flush(); "
            "os.kill(os.getpid(), signal.SIGKILL)\n"
            "atomic.write_with(Path(sys.argv[1]), die)\n")
    killed = subprocess.run([sys.executable, "-c", code, str(target)],
                            cwd=Path(__file__).resolve().parent.parent)
    assert killed.returncode == -9
    [leftover] = [p for p in tmp_path.iterdir() if p.name.endswith(atomic.SUFFIX)]
    assert not target.exists()
    atomic.write_file(target, b"{}")
    assert _names(tmp_path) == ["export-2025.json"] and not leftover.exists()


def test_a_killed_write_is_cleaned_by_the_next_write_into_its_folder(tmp_path: Path) -> None:
    code = ("import sys, os, signal; from pathlib import Path; from sps_desk import atomic\n"
            "def die(stream): stream.write(b'%PDF-1.4 moiti'); stream.flush(); "
            "os.kill(os.getpid(), signal.SIGKILL)\n"
            "atomic.write_with(Path(sys.argv[1]), die)\n")
    killed = subprocess.run([sys.executable, "-c", code, str(tmp_path / "rapport-2025.pdf")],
                            cwd=Path(__file__).resolve().parent.parent)
    assert killed.returncode == -9
    [leftover] = [p for p in tmp_path.iterdir() if p.name.endswith(atomic.SUFFIX)]
    # A leftover of a process still running is another's write in progress: kept.
    running = tmp_path / (f".en-cours.json.{os.getpid()}-{atomic._host_tag()}-0123abcd"
                          f"{atomic.SUFFIX}")
    running.write_bytes(b"{")
    atomic.write_file(tmp_path / "statistiques-2025.json", b"{}")  # another name
    assert not leftover.exists()
    assert _names(tmp_path) == [running.name, "statistiques-2025.json"]
