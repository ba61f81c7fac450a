"""Files that come from outside, read only when they are what they claim to be and small.

Every file a user hands to sps_desk — a team bundle, a spreadsheet, a statistics file, a
key file, a passphrase or recovery-key file — goes through :func:`read_input` before any
parser sees it: a folder, a named pipe (FIFO), a device such as ``/dev/zero`` or a socket
is refused without reading a byte, and so is a file larger than the limit of its kind.
The limit is checked on the size the system reports and again while reading, so a file
that grows under our feet is refused too. Each kind's limit lives next to its parser,
sized on real files with a wide margin.

No Qt, no store: this module sits below ``store`` and ``reports``.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from sps_desk.errors import SpsDeskError

_CHUNK = 1024 * 1024


class InputRefused(SpsDeskError):
    """An outside file refused before it was read; ``str()`` is one French sentence that
    names the file (and the limit, for a file too large). ``path`` is the file."""

    def __init__(self, path: Path, message: str) -> None:
        self.path = path
        super().__init__(message)


def size_text(size: int) -> str:
    """A size in bytes as a French reader writes it: « 512 octets », « 64 Ko », « 1,5 Mo »
    (binary multiples, the unit names file managers show in French)."""
    if size < 1024:
        return f"{size} octet{'s' if size > 1 else ''}"
    for unit, scale in (("Go", 1024**3), ("Mo", 1024**2), ("Ko", 1024)):
        if size >= scale:
            value = size / scale
            text = (f"{value:.0f}" if value >= 100 else f"{value:.1f}").removesuffix(".0")
            return f"{text.replace('.', ',')} {unit}"
    raise AssertionError(size)  # unreachable: every size ≥ 1024 has a unit


def count_text(count: int) -> str:
    """A whole number with its thousands grouped by spaces, « 200 000 » (as the reports
    print them, see ``reports.formatting.fr_number``)."""
    return f"{count:,}".replace(",", " ")


def _refused(path: Path, what: str, reason: str) -> InputRefused:
    return InputRefused(path, f"Fichier {path} refusé ({what}) : {reason} ; rien n'a été "
                              "modifié.")


def _too_large(path: Path, what: str, size: int, limit: int) -> InputRefused:
    return _refused(path, what, f"il pèse {size_text(size)}, au-delà de la limite de "
                                f"{size_text(limit)} pour ce type de fichier. Vérifiez que "
                                "c'est le bon fichier")


def _check_kind(path: Path, what: str, mode: int) -> None:
    if stat.S_ISDIR(mode):
        raise _refused(path, what, "c'est un dossier, pas un fichier. Choisissez le fichier "
                                   "lui-même")
    if not stat.S_ISREG(mode):
        raise _refused(path, what, "ce n'est pas un fichier ordinaire (tube, périphérique ou "
                                   "prise réseau). Choisissez un fichier enregistré sur un "
                                   "disque")


def read_input(path: Path, *, limit: int, what: str) -> bytes:
    """The bytes of the outside file ``path``, at most ``limit`` bytes.

    ``what`` names the kind of file in French for the message (« paquet de transfert »,
    « tableur », « fichier statistique »…). The file's type is checked before it is
    opened (a FIFO would block, a device never ends) and again on the open descriptor.

    Raises:
        InputRefused: a folder, a FIFO, a device or a socket, or a file larger than
            ``limit`` bytes (French message naming the file and the limit).
        OSError: the file does not exist or cannot be opened or read (errno and file
            name kept for the caller's French message).
    """
    _check_kind(path, what, os.stat(path).st_mode)
    # O_NONBLOCK: should the path become a FIFO between the two checks, opening it must
    # not wait for a writer; O_NOCTTY: a terminal never becomes ours.
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    flags |= getattr(os, "O_BINARY", 0)
    descriptor = os.open(path, flags)
    try:
        status = os.fstat(descriptor)
        _check_kind(path, what, status.st_mode)
        if status.st_size > limit:
            raise _too_large(path, what, status.st_size, limit)
        chunks: list[bytes] = []
        read = 0
        while read <= limit:
            chunk = os.read(descriptor, min(_CHUNK, limit + 1 - read))
            if not chunk:
                break
            chunks.append(chunk)
            read += len(chunk)
        if read > limit:
            raise _too_large(path, what, max(read, os.fstat(descriptor).st_size), limit)
    finally:
        os.close(descriptor)
    return b"".join(chunks)
