"""Users of a base: display name and role; each one opens the base with a key slot.

The first user, created with the base, is the chief (*chef de service*), who alone
manages users, purges, exports and consolidates (convention art. 9; DESIGN.md §6). A
removed user keeps its row (the audit log refers to it) but loses its key slot; until the
database key is rotated, an old copy of the key file still opens the base with that
user's passphrase, so a removal marks the rotation as due (:func:`mark_rotation_due`).
"""

from __future__ import annotations

import hashlib
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Literal

import sqlcipher3

from sps_desk.errors import SpsDeskError

Role = Literal["educator", "chief"]
ROLE_LABELS: dict[str, str] = {"educator": "éducateur ou éducatrice", "chief": "chef de service"}


def role_label(role: str, on_laptop: bool) -> str:
    """French wording of ``role`` (a key of :data:`ROLE_LABELS`) as ``user list`` shows it.

    On an educator's laptop (a base joined to a service) the ``chief`` role is held by
    the educator who owns the computer: it is worded « titulaire de cet ordinateur »,
    since calling an educator « chef de service » there misleads (trial 7).
    """
    if on_laptop and role == "chief":
        return "titulaire de cet ordinateur"
    return ROLE_LABELS[role]


class ChiefOnly(SpsDeskError):
    """The action is reserved to the chief."""

    def __init__(self, action: str) -> None:
        super().__init__(
            f"Action réservée au chef de service ({action}) : ouvrez la base avec la "
            "phrase de passe d'un chef de service."
        )


class UnknownUser(SpsDeskError):
    """No active user of that name."""

    def __init__(self) -> None:
        super().__init__(
            "Utilisateur introuvable : vérifiez le nom affiché (voir la liste des "
            "utilisateurs). Rien n'a été modifié."
        )


class LastChief(SpsDeskError):
    """Removing or demoting the only chief would leave nobody able to manage the base."""

    def __init__(self) -> None:
        super().__init__(
            "Impossible de retirer le dernier chef de service : ajoutez d'abord un autre "
            "chef de service. Rien n'a été modifié."
        )


@dataclass(frozen=True)
class User:
    """A user of the base: ``id``, ``display_name`` (name or initials), ``role``."""

    id: uuid.UUID
    display_name: str
    role: Role

    @property
    def is_chief(self) -> bool:
        """True for the chief role."""
        return self.role == "chief"


def add(connection: sqlcipher3.Connection, display_name: str, role: Role) -> User:
    """Insert a user and return it.

    Raises:
        ValueError: empty name or unknown role (the table's CHECK refuses them too).
    """
    name = display_name.strip()
    if not name or len(name) > 80 or role not in ROLE_LABELS:
        raise ValueError("display name of 1 to 80 characters and a known role")
    user = User(uuid.uuid4(), name, role)
    connection.execute(
        "INSERT INTO app_user(id, created_at, display_name, role) VALUES (?, ?, ?, ?)",
        (str(user.id), datetime.now(UTC).isoformat(), user.display_name, user.role),
    )
    return user


def get(connection: sqlcipher3.Connection, user_id: uuid.UUID | str) -> User | None:
    """The active user with this id, or ``None`` (unknown or removed)."""
    row = connection.execute(
        "SELECT id, display_name, role FROM app_user WHERE id = ? AND removed_at IS NULL",
        (str(user_id),),
    ).fetchone()
    return None if row is None else User(uuid.UUID(row[0]), row[1], row[2])


def active(connection: sqlcipher3.Connection) -> list[User]:
    """Every active user, sorted by display name."""
    rows = connection.execute(
        "SELECT id, display_name, role FROM app_user WHERE removed_at IS NULL"
    ).fetchall()
    users = [User(uuid.UUID(r[0]), r[1], r[2]) for r in rows]
    return sorted(users, key=lambda u: u.display_name.casefold())


def by_name(connection: sqlcipher3.Connection, display_name: str) -> User:
    """The active user with this display name (case-insensitive).

    Raises:
        UnknownUser: none.
    """
    wanted = display_name.strip().casefold()
    for user in active(connection):
        if user.display_name.casefold() == wanted:
            return user
    raise UnknownUser()


def remove(connection: sqlcipher3.Connection, user_id: uuid.UUID) -> None:
    """Mark a user removed (the row stays for the audit log).

    Raises:
        LastChief: it is the only active chief.
    """
    user = get(connection, user_id)
    if user is None:
        raise UnknownUser()
    chiefs = [u for u in active(connection) if u.is_chief]
    if user.is_chief and len(chiefs) == 1:
        raise LastChief()
    connection.execute(
        "UPDATE app_user SET removed_at = ? WHERE id = ?",
        (datetime.now(UTC).isoformat(), str(user_id)),
    )


_ROTATION_DUE = "key_rotation_due"


def _key_id(database_key: bytes) -> str:
    # Names the key without revealing it: SHA-256 of a label and the key, 16 hex digits.
    return hashlib.sha256(b"sps-desk key id\0" + database_key).hexdigest()[:16]


def mark_rotation_due(connection: sqlcipher3.Connection, database_key: bytes) -> None:
    """Note that an access was withdrawn while ``database_key`` encrypts the base: the
    key must change (:func:`rotation_due` stays true until it has)."""
    connection.execute("INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)",
                       (_ROTATION_DUE, _key_id(database_key)))


def rotation_due(connection: sqlcipher3.Connection, database_key: bytes) -> bool:
    """Whether an access was withdrawn since the base was last encrypted under a new key.

    Once the base opens under another key than the one noted, the rotation has happened
    and the note is removed (this call writes then).
    """
    row = connection.execute("SELECT value FROM meta WHERE key = ?",
                             (_ROTATION_DUE,)).fetchone()
    if row is None:
        return False
    if row[0] == _key_id(database_key):
        return True
    connection.execute("DELETE FROM meta WHERE key = ?", (_ROTATION_DUE,))
    return False
