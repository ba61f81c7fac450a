"""Everything that touches the database key, in one place.

Today the passphrase itself is the SQLCipher key (SQLCipher derives the page key with
PBKDF2-HMAC-SHA512). A later version replaces this module's body by key slots: a random
database key wrapped by each user's passphrase and by a recovery key.
"""

from __future__ import annotations

import unicodedata

import sqlcipher3

from sps_desk.errors import SpsDeskError


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


def apply_key(connection: sqlcipher3.Connection, passphrase: str) -> None:
    """Give the passphrase to SQLCipher through the driver's key call.

    Must be the first call on a fresh connection. The passphrase never appears in SQL
    text, so it cannot leak through a statement log or an error message.
    """
    connection.set_key(normalize_passphrase(passphrase).encode("utf-8"))
