"""Who can open a base: users, passphrase changes, recovery and key rotation.

Every new passphrase must reach the CNIL's level (:mod:`sps_desk.passphrases`). Key events
are audited: those made without opening the database (a passphrase change, which must
leave the database's bytes unchanged) wait in the header and enter the log at the next
opening.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import uuid
from collections.abc import Iterable
from pathlib import Path

import sqlcipher3

from sps_desk.passphrases import require_strong
from sps_desk.store import slots, users
from sps_desk.store.database import Database
from sps_desk.store.errors import CorruptDatabase, WrongPassphrase
from sps_desk.store.keys import apply_raw_key, change_raw_key, normalize_passphrase
from sps_desk.store.service_words import service_words


def change_passphrase(
    path: Path | str, passphrase: str, new_passphrase: str, *, context: Iterable[str] = (),
) -> None:
    """Give the user whose passphrase is ``passphrase`` the ``new_passphrase``.

    Rewraps that user's slot only: the database file is neither opened nor changed, so
    the caller gives the service's words (``context``, see
    :func:`sps_desk.store.service_words.service_words`) for the policy.

    Raises:
        WeakPassphrase: the new passphrase is below the CNIL's level.
        WrongPassphrase: ``passphrase`` opens no slot.
        KeyFileMissing, KeyFileCorrupt: the header.
    """
    path = Path(path)
    passphrase = normalize_passphrase(passphrase)
    new_passphrase = require_strong(normalize_passphrase(new_passphrase), context)
    header = slots.read_header(path)
    unlocked = slots.unlock_with_passphrase(header, passphrase)
    if unlocked is None:
        raise WrongPassphrase()
    slot, keys = unlocked
    assert slot.user_id is not None
    renewed = slots.passphrase_slot(slot.user_id, new_passphrase, keys)
    slots.write_header(
        path, header.with_slot(renewed).with_event("passphrase_changed", slot.user_id)
    )


def recover(
    path: Path | str, recovery_key: str, new_passphrase: str, user_name: str | None = None
) -> users.User:
    """Give a user a new passphrase with the recovery key; returns that user.

    ``user_name`` picks the user by display name; without it the base's only chief is
    chosen (the recovery key is the chief's). Audited as ``passphrase_recovered``.

    Raises:
        WeakPassphrase, MalformedRecoveryKey, WrongRecoveryKey, UnknownUser, and the file
        errors of ``Database.open``.
    """
    path = Path(path)
    new_passphrase = require_strong(normalize_passphrase(new_passphrase))
    header = slots.read_header(path)
    _, keys = slots.unlock_with_recovery(header, recovery_key)
    with Database.open_with_recovery(path, recovery_key) as database:
        if user_name is not None:
            user = users.by_name(database.connection, user_name)
        else:
            chiefs = [u for u in users.active(database.connection) if u.is_chief]
            if len(chiefs) != 1:
                raise users.UnknownUser()
            user = chiefs[0]
        require_strong(new_passphrase, service_words(database))
        renewed = slots.passphrase_slot(str(user.id), new_passphrase, keys)
        slots.write_header(path, slots.read_header(path).with_slot(renewed))
        database.audit("passphrase_recovered", record_id=user.id)
    return user


def add_user(
    database: Database, display_name: str, role: users.Role, passphrase: str
) -> users.User:
    """Add a user with its own passphrase slot (chief only; audited).

    Raises:
        ChiefOnly: the base was not unlocked by a chief.
        WeakPassphrase: the passphrase is below the CNIL's level.
        ValueError: empty name or unknown role.
    """
    database.require_chief("gérer les utilisateurs")
    passphrase = require_strong(normalize_passphrase(passphrase),
                                [*service_words(database), display_name])
    assert database.database_key is not None
    with database.transaction() as connection:
        user = users.add(connection, display_name, role)
        slot = slots.passphrase_slot(str(user.id), passphrase, [database.database_key])
        database.audit("user_added", record_id=user.id, detail=role)
        # Inside the transaction: if the header cannot be written, the user is not added.
        slots.write_header(database.path, slots.read_header(database.path).with_slot(slot))
    return user


def remove_user(database: Database, user_id: uuid.UUID) -> None:
    """Remove a user and its key slot (chief only; audited), and mark the database key's
    rotation as due: an old copy of the key file still holds the removed slot, so only a
    new database key (:func:`sps_desk.store.revocation.revoke_access`) ends that access.

    The slot goes first, so a failure leaves at worst a user who can no longer open.

    Raises:
        ChiefOnly, UnknownUser, LastChief.
    """
    database.require_chief("gérer les utilisateurs")
    if users.get(database.connection, user_id) is None:
        raise users.UnknownUser()
    assert database.database_key is not None
    with database.transaction() as connection:
        users.remove(connection, user_id)
        users.mark_rotation_due(connection, database.database_key)
        header = slots.read_header(database.path)
        kept = tuple(s for s in header.slots if s.user_id != str(user_id))
        database.audit("user_removed", record_id=user_id)
        slots.write_header(database.path, slots.Header(kept, header.pending))


def replace_recovery_key(database: Database) -> str:
    """A new recovery key replacing the old one (chief only; audited); returns its text.

    The old sheet stops working at once. Show the new key once, then forget it.
    """
    database.require_chief("remplacer la clé de secours")
    assert database.database_key is not None
    recovery_key = slots.generate_recovery_key()
    slot = slots.recovery_slot(recovery_key, [database.database_key])
    with database.transaction():
        database.audit("recovery_key_replaced")
        slots.write_header(database.path, slots.read_header(database.path).with_slot(slot))
    return recovery_key


def _fsync_file(path: Path) -> None:
    with path.open("rb+") as handle:
        os.fsync(handle.fileno())


def rekey(path: Path | str, passphrase: str, *, new_recovery_key: bool = False) -> str | None:
    """Rotate the database key itself (chief only; audited).

    Every page is re-encrypted under a new random key, on a copy that replaces the file
    only once complete and checked. Before that, every slot holds the old and the new key,
    so an interruption at any point leaves a base that opens (the next opening finishes
    the rotation). Every user keeps a passphrase; with ``new_recovery_key`` the recovery
    key is replaced too and its text returned (else ``None``).

    Raises:
        ChiefOnly, WrongPassphrase, CorruptDatabase and the file errors of ``open``.
    """
    path = Path(path)
    with Database.open(path, passphrase) as database:
        database.require_chief("changer la clé de la base")
        old_key = database.database_key
        user_id = database.current_user.id if database.current_user else None
    assert old_key is not None
    new_key = slots.new_database_key()
    header = slots.read_header(path)
    both = slots.Header(tuple(slots.reseal(s, [old_key, new_key]) for s in header.slots),
                        header.pending)
    slots.write_header(path, both)

    copy = path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}.rekey")
    try:
        shutil.copyfile(path, copy)
        connection = sqlcipher3.connect(str(copy), isolation_level=None)
        try:
            apply_raw_key(connection, old_key)
            change_raw_key(connection, new_key)
            if connection.execute("PRAGMA quick_check").fetchone()[0] != "ok":
                raise CorruptDatabase(path)
            connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            connection.close()
        for leftover in (Path(f"{copy}-wal"), Path(f"{copy}-shm")):
            leftover.unlink(missing_ok=True)
        _fsync_file(copy)
        for stale in (Path(f"{path}-wal"), Path(f"{path}-shm")):
            stale.unlink(missing_ok=True)  # emptied by the checkpoint on close
        os.replace(copy, path)
    finally:
        with contextlib.suppress(FileNotFoundError):
            copy.unlink()

    recovery_text = slots.generate_recovery_key() if new_recovery_key else None
    settled = slots.Header(tuple(slots.reseal(s, [new_key]) for s in header.slots),
                           header.pending)
    if recovery_text is not None:
        settled = settled.with_slot(slots.recovery_slot(recovery_text, [new_key]))
    settled = settled.with_event("database_rekeyed", None if user_id is None else str(user_id))
    slots.write_header(path, settled)
    return recovery_text
