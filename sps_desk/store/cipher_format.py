"""Bases written by an older major version of SQLCipher: recognised, named and converted.

SQLCipher 4 changed its default page size (1 024 → 4 096 bytes) and its HMAC (SHA-1 →
SHA-512): a file written by SQLCipher 3 (or 2, or 1) under the right key does not open
with version 4's defaults, and used to be reported as a damaged key file or a truncated
base. Once every key the slots gave has failed, :func:`old_format` tries the older
formats (``PRAGMA cipher_compatibility``) with the same raw key; a base that opens then
is converted to the current format by ``PRAGMA cipher_migrate`` — on a copy beside it,
checked, and renamed over the original only when whole (:class:`sps_desk.atomic.Staging`),
so an interruption leaves the old file as it was. The key does not change: the key file
stays valid. Source: https://www.zetetic.net/sqlcipher/sqlcipher-api/#cipher_migrate.
"""

from __future__ import annotations

import contextlib
import os
import shutil
from pathlib import Path

import sqlcipher3

from sps_desk import atomic
from sps_desk.store.errors import StoreError
from sps_desk.store.keys import apply_raw_key

OLDER_FORMATS = (3, 2, 1)
"""SQLCipher major versions tried, newest first (with a raw key, 2 and 3 read alike)."""


class OldCipherFormat(StoreError):
    """A base of an older SQLCipher version that could not be converted here."""

    def __init__(self, path: Path, version: int, reason: str) -> None:
        super().__init__(
            f"{path.name} est une base d'une ancienne version de SQLCipher (format "
            f"{version}) : elle n'a pas pu être convertie au format actuel ({reason}). "
            "Copiez-la dans un dossier où vous pouvez écrire, avec son fichier des clés, "
            "puis ouvrez la copie : elle sera convertie. L'original n'a pas été modifié."
        )


def _opens(path: Path, key: bytes, version: int) -> bool:
    connection = sqlcipher3.connect(f"file:{path}?mode=ro", uri=True, isolation_level=None)
    try:
        apply_raw_key(connection, key)
        connection.execute(f"PRAGMA cipher_compatibility = {int(version)}")
        connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlcipher3.DatabaseError:
        return False
    finally:
        connection.close()
    return True


def old_format(path: Path, key: bytes) -> int | None:
    """The older SQLCipher major version whose format ``path`` has under ``key``, or
    ``None`` (another key, or not an older format). Reads only."""
    return next((v for v in OLDER_FORMATS if _opens(path, key, v)), None)


def convert(path: Path, key: bytes, version: int) -> None:
    """Convert ``path`` (format ``version``, under ``key``) to the current format.

    Raises:
        OldCipherFormat: the conversion failed (read-only medium, full disk…); the
            original is unchanged.
    """
    try:
        with atomic.Staging() as stage:
            copy = stage.path_for(path)
            shutil.copyfile(path, copy)
            connection = sqlcipher3.connect(str(copy), isolation_level=None)
            try:
                apply_raw_key(connection, key)
                if connection.execute("PRAGMA cipher_migrate").fetchone()[0] != "0":
                    raise OldCipherFormat(path, version, "conversion refusée par SQLCipher")
                if connection.execute("PRAGMA quick_check").fetchone()[0] != "ok":
                    raise OldCipherFormat(path, version, "contrôle d'intégrité en échec")
            finally:
                connection.close()
            for companion in ("-journal", "-wal", "-shm"):
                with contextlib.suppress(FileNotFoundError):
                    Path(f"{copy}{companion}").unlink()
            # cipher_migrate writes a new file in place of the copy, with default modes.
            os.chmod(copy, atomic.DEFAULT_MODE)
    except OldCipherFormat:
        raise
    except (OSError, sqlcipher3.Error) as error:
        reason = getattr(error, "strerror", None) or type(error).__name__
        raise OldCipherFormat(path, version, str(reason)) from error
