"""Outside files are refused before they are read when they are not files, or too big."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from sps_desk.inputs import InputRefused, read_input, size_text


def test_a_file_within_the_limit_is_read_whole(tmp_path: Path) -> None:
    path = tmp_path / "paquet.spsb"
    path.write_bytes(b"x" * 1000)
    assert read_input(path, limit=1000, what="paquet de transfert") == b"x" * 1000


def test_a_file_over_the_limit_is_refused_naming_the_file_and_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "énorme.csv"
    path.write_bytes(b"x" * (3 * 1024 * 1024 + 1))
    with pytest.raises(InputRefused) as refused:
        read_input(path, limit=2 * 1024 * 1024, what="tableur CSV")
    message = str(refused.value)
    assert str(path) in message and "tableur CSV" in message
    assert "la limite de 2 Mo" in message and "il pèse 3 Mo" in message
    assert "rien n'a été modifié" in message and "\n" not in message
    assert refused.value.path == path


def test_a_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(InputRefused, match="c'est un dossier, pas un fichier"):
        read_input(tmp_path, limit=10, what="fichier statistique")


def test_a_device_is_refused_without_reading_it() -> None:
    with pytest.raises(InputRefused, match="pas un fichier ordinaire"):
        read_input(Path("/dev/zero"), limit=10, what="paquet de transfert")


def test_a_fifo_is_refused_without_waiting_for_a_writer(tmp_path: Path) -> None:
    fifo = tmp_path / "tube.csv"
    os.mkfifo(fifo)
    outcome: list[BaseException] = []

    def attempt() -> None:
        try:
            read_input(fifo, limit=10, what="tableur CSV")
        except BaseException as error:  # handed to the test thread
            outcome.append(error)

    reader = threading.Thread(target=attempt, daemon=True)
    reader.start()
    reader.join(5)
    assert not reader.is_alive(), "reading a FIFO blocked"
    assert isinstance(outcome[0], InputRefused)
    assert "pas un fichier ordinaire" in str(outcome[0])


def test_a_symbolic_link_to_a_file_is_read(tmp_path: Path) -> None:
    target = tmp_path / "clé.spskey"
    target.write_bytes(b"{}")
    link = tmp_path / "lien.spskey"
    link.symlink_to(target)
    assert read_input(link, limit=10, what="clé du chef de service") == b"{}"


def test_a_missing_file_keeps_its_operating_system_error(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError) as missing:
        read_input(tmp_path / "absent.csv", limit=10, what="tableur CSV")
    assert missing.value.filename == str(tmp_path / "absent.csv")


@pytest.mark.parametrize(("size", "text"), [
    (1, "1 octet"), (512, "512 octets"), (1024, "1 Ko"), (1536, "1,5 Ko"),
    (64 * 1024 * 1024, "64 Mo"), (256 * 1024 * 1024, "256 Mo"), (3 * 1024**3, "3 Go"),
])
def test_sizes_read_as_a_french_file_manager_shows_them(size: int, text: str) -> None:
    assert size_text(size) == text
