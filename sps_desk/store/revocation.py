"""Revoking an access: the user removed, then the database key rotated (issue 14).

Removing a user deletes their slot from the key file, but a copy of the old key file
(a backup, a USB stick, the removed educator's laptop) still holds it, and their
passphrase still opens it: the key it yields is the database key. Only a new database
key ends that access. So a revocation removes the user, then rotates the key with the
chief's passphrase (:func:`sps_desk.store.access.rekey`, crash-safe: every remaining slot
is re-wrapped, and an interruption leaves a base that opens and finishes at the next
opening). The rotation needs the base closed; between the two steps the removal is noted
(:func:`sps_desk.store.users.mark_rotation_due`) so that a rotation that could not run is
shown as due until one has.
"""

from __future__ import annotations

from pathlib import Path

from sps_desk.errors import SpsDeskError
from sps_desk.store import access, users
from sps_desk.store.database import Database, restrict_to_owner


class RotationPending(SpsDeskError):
    """The access was withdrawn but the database key could not be changed."""

    def __init__(self, reason: str) -> None:
        super().__init__(
            f"La clé de la base n'a pas pu être changée ({reason.rstrip('.')}) : une "
            "ancienne copie du fichier des clés ouvre encore la base avec la phrase de passe "
            "retirée. Relancez « sps-desk rekey » (ou Confidentialité › Utilisateurs › "
            "Changer la clé de la base) dès que possible."
        )


def rotation_due(database: Database) -> bool:
    """Whether an access was withdrawn since the last rotation of the database key."""
    assert database.database_key is not None
    return users.rotation_due(database.connection, database.database_key)


def rotate_database_key(path: Path | str, passphrase: str) -> None:
    """Rotate the database key with a chief's ``passphrase`` (the base must be closed).

    Raises:
        RotationPending: the rotation failed (French reason inside); the base still
            opens with the current key file.
    """
    try:
        access.rekey(path, passphrase)
        # rekey's re-encrypted copy is made with default modes: owner-only again at once.
        restrict_to_owner(Path(path))
    except SpsDeskError as error:
        raise RotationPending(str(error)) from error
    except OSError as error:
        raise RotationPending(error.strerror or type(error).__name__) from error


def revoke_access(path: Path | str, passphrase: str, user_name: str) -> users.User:
    """Remove the user ``user_name`` (display name), then rotate the database key, so
    that neither the current key file nor any older copy opens the base for them.

    ``passphrase`` is the chief's. Returns the removed user.

    Raises:
        ChiefOnly, UnknownUser, LastChief, WrongPassphrase and the file errors of
        ``Database.open``: nothing was changed.
        RotationPending: the user is removed, the key not yet changed.
    """
    with Database.open(path, passphrase) as database:
        user = users.by_name(database.connection, user_name)
        access.remove_user(database, user.id)
    rotate_database_key(path, passphrase)
    return user
