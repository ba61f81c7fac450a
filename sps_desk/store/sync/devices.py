"""The laptops a service's base knows, and their revocation (issue 14).

A laptop becomes known when the chief merges its first bundle, after comparing its
fingerprint with the educator's screen (trust on first use). The chief can revoke one
(a lost or stolen laptop, an educator who left): its bundles are then refused, and the
revocation (the laptop's id and the date, nothing else) travels in every bundle the
chief sends, so that the revoked laptop, if it receives one, stops sending, and every
laptop holds the list. Revocation is final: an educator who keeps working creates a new
base joined to the service, which the chief approves as a new laptop.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from anyascii import anyascii

from sps_desk.store.sync.errors import SyncError, UnknownDevice
from sps_desk.store.sync.identity import DeviceKeys

if TYPE_CHECKING:
    from sps_desk.store.database import Database


class DeviceRevoked(SyncError):
    """This laptop was revoked by the chief: it no longer sends bundles."""

    def __init__(self, when: datetime) -> None:
        super().__init__(
            f"Le chef de service a révoqué cet ordinateur le {when:%d/%m/%Y} : il ne peut "
            "plus envoyer de paquet. Si vous travaillez toujours dans le service, "
            "demandez-lui comment continuer (une nouvelle base rattachée au service)."
        )


class AlreadyRevoked(SyncError):
    """The chief asked to revoke a laptop that is revoked already."""

    def __init__(self, label: str, when: datetime) -> None:
        super().__init__(f"L'ordinateur « {label} » est déjà révoqué depuis le "
                         f"{when:%d/%m/%Y} : rien n'a été modifié.")


@dataclass(frozen=True)
class Device:
    """A laptop known to the service's base: its keys (``keys.fingerprint`` to compare
    with its screen), the staff member it belongs to (``None`` until known) and whether
    they are still active, when its first and latest bundles were merged (UTC), and when
    it was revoked (``None``: it is trusted)."""

    keys: DeviceKeys
    staff_name: str | None
    staff_active: bool
    first_seen: datetime
    last_merged: datetime | None
    revoked_at: datetime | None

    @property
    def state(self) -> str:
        """« actif », « révoqué le JJ/MM/AAAA », or a hint when its educator left."""
        if self.revoked_at is not None:
            return f"révoqué le {self.revoked_at.astimezone():%d/%m/%Y}"
        if self.staff_name is not None and not self.staff_active:
            return "actif (professionnel inactif : à révoquer ?)"
        return "actif"


def _when(text: str | None) -> datetime | None:
    return datetime.fromisoformat(text) if text else None


def revoked_devices(database: Database) -> dict[str, str]:
    """Device id → revocation time (UTC, ISO 8601) of every revoked laptop."""
    return {row[0]: row[1] for row in database.connection.execute(
        "SELECT device_id, revoked_at FROM revoked_device")}


def devices(database: Database) -> list[Device]:
    """The laptops whose bundles this base merged, by name then id, with the staff
    member each belongs to."""
    revoked = revoked_devices(database)
    members = database.repos.staff.all(include_deleted=True)
    staff = {str(s.id): s for s in members}
    by_name = {_folded(s.display_name): s for s in members if not s.is_deleted}
    found = []
    for row in database.connection.execute(
            "SELECT device_id, label, sign_key, box_key, staff_member_id, first_seen, "
            "last_merged_at FROM peer_device ORDER BY label, device_id"):
        # The staff member remembered for it, else the one named as the laptop (the rule
        # of the chief's bundles, transfer.make_bundle).
        member = staff.get(row[4]) if row[4] else by_name.get(_folded(row[1]))
        found.append(Device(
            DeviceKeys(row[0], row[1], row[2], row[3]),
            member.display_name if member else None,
            bool(member and member.active and not member.is_deleted),
            datetime.fromisoformat(row[5]), _when(row[6]), _when(revoked.get(row[0]))))
    return found


def _folded(text: str) -> str:
    return anyascii(text).casefold().strip()


def find_device(database: Database, wanted: str) -> Device:
    """The laptop named ``wanted``: its name (case and accents ignored), the start of
    its id (4 characters or more), or its fingerprint (spaces ignored).

    Raises:
        UnknownDevice: none, or several.
    """
    known = devices(database)
    folded = _folded(wanted)
    compact = re.sub(r"\s", "", wanted).upper()
    found = [d for d in known if _folded(d.keys.label) == folded]
    if not found and len(folded) >= 4:
        found = [d for d in known if d.keys.device_id.startswith(folded)
                 or d.keys.fingerprint.replace(" ", "") == compact]
    if len(found) == 1:
        return found[0]
    listed = [f"{d.keys.label} ({d.keys.device_id[:8]})" for d in known]
    raise UnknownDevice(wanted, listed if found else [d.keys.label for d in known],
                        ambiguous=bool(found))


def revoke(database: Database, device: Device) -> Device:
    """Revoke ``device`` (chief only; audited with its id): its bundles are refused
    from now on, and the chief's next bundles carry the revocation.

    Raises:
        users.ChiefOnly: an educator unlocked the base.
        AlreadyRevoked: it is revoked already.
    """
    database.require_chief("révoquer un ordinateur")
    if device.revoked_at is not None:
        raise AlreadyRevoked(device.keys.label, device.revoked_at.astimezone())
    now = datetime.now(UTC)
    with database.transaction() as connection:
        connection.execute("INSERT INTO revoked_device(device_id, revoked_at) VALUES (?, ?)",
                           (device.keys.device_id, now.isoformat()))
        database.audit("device_revoked", record_id=device.keys.device_id,
                       detail=device.keys.fingerprint)
    return Device(device.keys, device.staff_name, device.staff_active, device.first_seen,
                  device.last_merged, now)


def check_not_revoked(database: Database) -> None:
    """On a laptop: refuse to send when the chief's bundles said it is revoked.

    Raises:
        DeviceRevoked: it is.
    """
    when = revoked_devices(database).get(str(database.device_id))
    if when is not None:
        raise DeviceRevoked(datetime.fromisoformat(when).astimezone())


def normalised_fingerprint(text: str) -> str:
    """A fingerprint as typed (« abcd 1234 … », with or without spaces or dashes) in the
    form :attr:`DeviceKeys.fingerprint` has."""
    compact = re.sub(r"[\s\-:]", "", text).upper()
    return " ".join(compact[i:i + 4] for i in range(0, len(compact), 4))

