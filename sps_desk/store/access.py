"""Who can open a base: users, passphrase changes, recovery and key rotation.

Every new passphrase must reach the CNIL's level (:mod:`sps_desk.passphrases`). Key events
are audited: those made without opening the database (a passphrase change, which must
leave the database's bytes unchanged) wait in the header and enter the log at the next
opening.
"""

from __future__ import annotations

import contextlib
import uuid
from collections.abc import Callable, Iterable
from pathlib import Path

import sqlcipher3

from sps_desk import atomic
from sps_desk.errors import SpsDeskError
from sps_desk.passphrases import require_strong
from sps_desk.store import slots, users
from sps_desk.store.backup import connect_read_only
from sps_desk.store.database import MIN_FREE_BYTES, Database, check_file_shape
from sps_desk.store.errors import CorruptDatabase, WrongPassphrase, describe
from sps_desk.store.exclusive import sqlite_alone
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


class KeyRotationFailed(SpsDeskError):
    """A key change stopped half-way: the base still opens with every passphrase (and the
    next opening finishes cleaning up); the French message says what happened and
    whether a new recovery key written before is already valid."""


def write_recovery_key_file(path: Path, text: str) -> None:
    """Write the recovery key ``text`` to ``path`` (owner only), read it back and check it,
    before it is put to any use: a key file is never empty or partial.

    Raises:
        SecretFileExists: ``path`` exists (nothing is overwritten).
        AtomicWriteFailed: it cannot be written (full disk…); no file is left.
    """
    if path.exists():
        raise SecretFileExists(path)
    atomic.write_file(path, (text + "\n").encode("utf-8"))
    if path.read_text(encoding="utf-8").strip() != text:
        path.unlink(missing_ok=True)
        raise atomic.AtomicWriteFailed(
            f"La clé de secours relue dans {path} ne correspond pas à celle écrite (support "
            "défectueux ?) : le fichier a été supprimé, rien d'autre n'a changé. Choisissez "
            "un autre support.")


class SecretFileExists(SpsDeskError):
    """A recovery key is never written over an existing file."""

    def __init__(self, path: Path) -> None:
        super().__init__(f"{path} existe déjà : choisissez un autre fichier pour la clé de "
                         "secours. Rien n'a été écrit ni modifié.")


def rotate_key(database_path: Path | str, passphrase: str, *,
               recovery_key_out: Path | None = None) -> None:
    """Rotate the database key: every page re-encrypted under a new random key (chief
    only; audited), safe against a crash at any point and against other users of the base.

    Refused while anyone else has the base open (a window, a command, another computer):
    their later saves would go into the replaced file and be lost
    (:func:`sps_desk.store.exclusive.sqlite_alone`, which also keeps every other opener
    out until the end). The caller must have closed its own :class:`Database`. Before the
    file changes, every slot holds the old and the new key, so an interruption at any
    point leaves a base every passphrase opens (the next opening finishes the rotation).
    With ``recovery_key_out``, the recovery key is replaced too: the new one is written
    there and checked *before* anything changes, and is valid from then on.

    Raises:
        WrongPassphrase, ChiefOnly: who asks.
        SecretFileExists, AtomicWriteFailed: ``recovery_key_out`` (nothing changed).
        BaseInUse: the base is open elsewhere (nothing changed).
        NotEnoughSpace: no room for the re-encrypted copy (nothing changed).
        KeyRotationFailed: the copy failed; the key is unchanged (French message).
        and the file errors of ``Database.open``.
    """
    path = Path(database_path)
    if recovery_key_out is None:
        _rotate(path, passphrase, None, None)
        return
    out = recovery_key_out
    _rotate(path, passphrase, (lambda text: write_recovery_key_file(out, text),
                               lambda: out.unlink(missing_ok=True)), out)


def rekey(path: Path | str, passphrase: str, *, new_recovery_key: bool = False) -> str | None:
    """:func:`rotate_key`, returning the text of a new recovery key (``new_recovery_key``)
    to show once instead of writing it to a file, else ``None``."""
    given: list[str] = []
    _rotate(Path(path), passphrase, (given.append, given.clear) if new_recovery_key else None,
            None)
    return given[0] if given else None


_Give = tuple[Callable[[str], None], Callable[[], None]]
"""How a new recovery key is handed over before use, and taken back if never installed."""


def _rotate(path: Path, passphrase: str, give: _Give | None,
            recovery_key_out: Path | None) -> None:
    passphrase = normalize_passphrase(passphrase)
    check_file_shape(path)
    header = slots.read_header(path)
    unlocked = slots.unlock_with_passphrase(header, passphrase)
    if unlocked is None:
        raise WrongPassphrase()
    slot, keys = unlocked
    atomic.require_free_space(path, path.stat().st_size + MIN_FREE_BYTES)
    _require_chief(path, keys, slot)
    text = None
    if give is not None:
        text = slots.generate_recovery_key()
        give[0](text)  # written and checked before anything changes
    installed: list[bool] = []
    try:
        for number, old_key in enumerate(keys):
            try:
                with sqlite_alone(path, old_key, "le changement de clé") as guard:
                    _rotate_alone(path, guard, header, slot, old_key, text,
                                  recovery_key_out, installed)
                return
            except sqlcipher3.DatabaseError as error:
                # During an interrupted rotation one of the two keys fits the file.
                if getattr(error, "sqlite_errorname", "") != "SQLITE_NOTADB" or \
                        number == len(keys) - 1:
                    raise
    except BaseException:
        if give is not None and not installed:
            give[1]()  # refused before the new recovery key was put in the header
        raise


def _require_chief(path: Path, keys: list[bytes], slot: slots.Slot) -> None:
    for key in keys:
        try:
            with contextlib.closing(connect_read_only(path, key)) as connection:
                user = users.get(connection, str(slot.user_id))
        except sqlcipher3.DatabaseError:
            continue
        if user is None or not user.is_chief:
            raise users.ChiefOnly("changer la clé de la base")
        return
    raise CorruptDatabase(path)


def _rotate_alone(path: Path, guard: sqlcipher3.Connection, header: slots.Header,
                  slot: slots.Slot, old_key: bytes, recovery_text: str | None,
                  recovery_key_out: Path | None, installed: list[bool]) -> None:
    new_key = slots.new_database_key()
    recovery = None
    if recovery_text is not None:
        recovery = slots.recovery_slot(recovery_text, [old_key, new_key])
    both = slots.Header(tuple(slots.reseal(s, [old_key, new_key]) for s in header.slots),
                        header.pending)
    if recovery is not None:
        both = both.with_slot(recovery)
    slots.write_header(path, both)
    installed.append(True)
    try:
        with atomic.Staging() as stage:
            copy = stage.path_for(path)
            target = sqlcipher3.connect(str(copy), isolation_level=None)
            try:
                apply_raw_key(target, old_key)
                guard.backup(target)
                change_raw_key(target, new_key)
                if target.execute("PRAGMA quick_check").fetchone()[0] != "ok":
                    raise CorruptDatabase(path)
            finally:
                target.close()
    except Exception as error:
        # The file still has the old key: the header goes back to it alone (with the new
        # recovery key, already given to the user).
        with contextlib.suppress(Exception):
            slots.write_header(path, slots.Header(
                tuple(slots.reseal(s, [old_key]) for s in both.slots), header.pending))
        kept = "" if recovery_key_out is None and recovery is None else (
            " La nouvelle clé de secours" + (f" écrite dans {recovery_key_out}"
                                             if recovery_key_out else "")
            + " est déjà valable et remplace l'ancienne : gardez-la.")
        raise KeyRotationFailed(
            f"{describe(error, where=path)} La clé de la base n'a pas été changée.{kept}"
        ) from error
    settled = slots.Header(tuple(slots.reseal(s, [new_key]) for s in both.slots),
                           header.pending)
    settled = settled.with_event("database_rekeyed", None if slot.user_id is None
                                 else str(slot.user_id))
    # If this last write fails, the base opens anyway and the next opening settles it.
    with contextlib.suppress(atomic.AtomicWriteFailed):
        slots.write_header(path, settled)
