"""Atomic writing of the files a report produces (PDF, JSON).

A file is filled under a temporary name in its target folder, synced, then renamed over
the target: a crash or a full disk never leaves a truncated report, and a previous file
stays whole until the new one is complete.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from sps_desk.errors import SpsDeskError


class ReportWriteFailed(SpsDeskError, OSError):
    """A report file could not be written where asked (French message; nothing replaced).

    Also an ``OSError``, so callers that handle file-system errors catch it too.
    """


def write_atomically(out: Path, write: Callable[[BinaryIO], None]) -> None:
    """Call ``write`` on a temporary binary file next to ``out``, then rename it to ``out``.

    Raises:
        ReportWriteFailed: on any OS error; the temporary file is removed.
    """
    try:
        handle, temporary = tempfile.mkstemp(dir=out.parent, prefix=f".{out.name}.", suffix=".tmp")
    except OSError as error:
        raise ReportWriteFailed(
            f"Impossible d'écrire dans le dossier {out.parent} : vérifiez qu'il existe et "
            "que vous pouvez y écrire."
        ) from error
    try:
        with os.fdopen(handle, "wb") as stream:
            write(stream)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, out)
    except OSError as error:
        raise ReportWriteFailed(
            f"Impossible d'enregistrer {out.name} : s'il est ouvert dans une autre "
            "application, fermez-le et recommencez. L'ancien fichier n'a pas été modifié."
        ) from error
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)


def write_all_atomically(files: dict[Path, bytes]) -> None:
    """Write several files as one job: every file is staged and synced next to its target
    first, and only then are they renamed over their targets.

    A failure while staging (full disk, folder not writable) replaces nothing; the
    renames are the only step left that could fail half-way, and they do not fill the
    disk.

    Raises:
        ReportWriteFailed: on any OS error; the temporary files are removed.
    """
    staged: list[tuple[str, Path]] = []
    try:
        for out, data in files.items():
            try:
                handle, temporary = tempfile.mkstemp(
                    dir=out.parent, prefix=f".{out.name}.", suffix=".tmp"
                )
            except OSError as error:
                raise ReportWriteFailed(
                    f"Impossible d'écrire dans le dossier {out.parent} : vérifiez qu'il "
                    "existe et que vous pouvez y écrire."
                ) from error
            staged.append((temporary, out))
            with os.fdopen(handle, "wb") as stream:
                stream.write(data)
                stream.flush()
                os.fsync(stream.fileno())
        for temporary, out in staged:
            try:
                os.replace(temporary, out)
            except OSError as error:
                raise ReportWriteFailed(
                    f"Impossible d'enregistrer {out.name} : s'il est ouvert dans une autre "
                    "application, fermez-le et recommencez."
                ) from error
    except ReportWriteFailed:
        raise
    except OSError as error:
        raise ReportWriteFailed(
            "Impossible d'enregistrer les fichiers du rapport : vérifiez l'espace libre. "
            "Les anciens fichiers n'ont pas été modifiés."
        ) from error
    finally:
        for temporary, _out in staged:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(temporary)
