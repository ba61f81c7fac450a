"""Rotating the database key from the window: close the base, rotate, open it again.

The rotation re-encrypts the file, which must not be open meanwhile; the window's session
lock already knows how to close the base (keeping drafts, destroying every page) and to
open it again with a passphrase, so the rotation runs between the two.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from sps_desk.store import slots
from sps_desk.store.revocation import RotationPending, rotate_database_key

if TYPE_CHECKING:
    from sps_desk.store.database import Database
    from sps_desk.ui.lock import SessionLock


def passphrase_is_current_users(database: Database, passphrase: str) -> bool:
    """Whether ``passphrase`` opens the slot of the user who unlocked ``database`` (the
    chief confirming a rotation; costs one Argon2id derivation per slot tried)."""
    user = database.current_user
    if user is None or not passphrase.strip():
        return False
    try:
        unlocked = slots.unlock_with_passphrase(slots.read_header(database.path), passphrase)
    except slots.KeySlotError:
        return False
    return unlocked is not None and unlocked[0].user_id == str(user.id)


def rotate_in_window(session_lock: SessionLock, passphrase: str) -> str:
    """Lock the window (the base closes), rotate its key with the chief's ``passphrase``,
    unlock it again; returns one French sentence saying what happened.

    When the window cannot be locked now (a report is being written), nothing is done
    and the sentence says so. When the rotation fails, the base opens again with its
    current key and the sentence gives the reason and what to do.
    """
    window = session_lock.window
    if window.hub.busy or not session_lock.lock():
        return QCoreApplication.translate(
            "KeyRotation", "The database key was not changed: wait for the report being "
            "written to finish, then change the key (Data protection › Users).")
    try:
        rotate_database_key(session_lock.path, passphrase)
        message = QCoreApplication.translate(
            "KeyRotation", "Database key changed: every page was encrypted again; no copy of "
            "the key file, even an old one, opens the base with a withdrawn or former "
            "passphrase.")
    except RotationPending as error:
        message = str(error)
    problem = session_lock.unlock(passphrase)
    if problem is not None:  # the lock screen stays: the user types their passphrase there
        message = f"{message} {problem}"
    return message
