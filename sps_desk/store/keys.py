"""Everything that hands a key to SQLCipher, in one place.

The database is encrypted by a random 256-bit key (see :mod:`sps_desk.store.slots`),
given to SQLCipher *raw* — SQLCipher's ``x'<64 hex digits>'`` key form, which skips its
own PBKDF2 since the key is already random — through the driver's key call
(``sqlite3_key``). No key or passphrase ever appears in SQL text, so none can leak
through a statement log or an error message; ``tests/test_security_static.py`` checks it.
"""

from __future__ import annotations

import unicodedata

import sqlcipher3

from sps_desk.errors import SpsDeskError

KEY_BYTES = 32


class EmptyPassphrase(SpsDeskError):
    """The passphrase is empty or only white space."""

    def __init__(self) -> None:
        super().__init__("La phrase de passe est vide : saisissez votre phrase de passe.")


def normalize_passphrase(passphrase: str) -> str:
    """The passphrase in Unicode NFC, so that « é » typed either way opens the base.

    Leading and trailing white space is kept: it is part of what the user chose.

    Raises:
        EmptyPassphrase: nothing but white space was given.
    """
    if not passphrase.strip():
        raise EmptyPassphrase()
    return unicodedata.normalize("NFC", passphrase)


def _raw_key_form(key: bytes) -> bytes:
    if len(key) != KEY_BYTES:
        raise ValueError("a database key is 32 bytes")
    return b"x'" + key.hex().encode("ascii") + b"'"


def apply_raw_key(connection: sqlcipher3.Connection, key: bytes) -> None:
    """Give the 32-byte database ``key`` to SQLCipher through the driver's key call.

    Must be the first call on a fresh connection.
    """
    connection.set_key(_raw_key_form(key))


def change_raw_key(connection: sqlcipher3.Connection, key: bytes) -> None:
    """Re-encrypt every page of the open database under ``key`` (SQLCipher's rekey).

    Runs through the driver's rekey call, never SQL text. The caller makes it safe
    against interruption (it works on a copy: :mod:`sps_desk.store.access`).
    """
    connection.reset_key(_raw_key_form(key))
