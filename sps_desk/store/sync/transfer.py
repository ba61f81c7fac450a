"""The three jobs of team merge as the window and the command line call them: write a
bundle, merge bundle files, and list the laptops known to the service's base."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import TYPE_CHECKING

from anyascii import anyascii

from sps_desk.store import clocks
from sps_desk.store.sync.bundle import Bundle, seal, unseal
from sps_desk.store.sync.errors import NotJoined, UnknownDevice
from sps_desk.store.sync.identity import (
    DeviceKeys,
    acked_seq,
    chief_keys,
    own_keys,
    private_keys,
)
from sps_desk.store.sync.merge import MergePlan, apply_merge, peers, plan_merge
from sps_desk.store.sync.selection import (
    anonymised_ids,
    changes_since,
    erased_ids,
    need_to_know,
)

if TYPE_CHECKING:
    from sps_desk.store.database import Database


def _folded(text: str) -> str:
    return anyascii(text).casefold().strip()


@dataclass(frozen=True)
class Written:
    """A bundle made: its bytes, how many records it holds, and for whom."""

    data: bytes
    records: int
    recipient: str


def make_bundle(
    database: Database, *, everything: bool = False, device: str | None = None,
    staff_name: str | None = None,
) -> Written:
    """The bundle this base sends.

    On a laptop base (joined to a chief): every change since the last one the chief
    acknowledged (``everything``: all its records), for the chief's base. On the
    service's base: for the laptop ``device`` (its label or the start of its device id),
    the reference data and what its educator works with (``selection.need_to_know``);
    the educator is the staff member named ``staff_name``, else the one remembered for
    that laptop, else the staff member whose name is the laptop's label.

    Raises:
        NotJoined: a base that is neither joined to a chief nor given ``device``.
        users.ChiefOnly: an educator unlocked the service's base.
        UnknownDevice: ``device`` matches no laptop known to this base.
        LookupError: ``staff_name`` matches no staff member (French message).
    """
    signing, _box = private_keys(database)
    sender = own_keys(database)
    chief = chief_keys(database)
    service_id = str(database.service().id)
    if chief is not None:
        since = 0 if everything else acked_seq(database)
        bundle = Bundle(
            service_id=service_id, sender=sender, recipient=chief, direction="to_chief",
            items=changes_since(database, since),
            up_to_seq=clocks.last_seq(database.connection),
            erased=erased_ids(database), anonymised=anonymised_ids(database))
    elif device is None:
        raise NotJoined()
    else:
        database.require_chief("préparer le paquet d'un ordinateur")
        keys, last_seq, staff_id = _find_peer(database, device)
        staff = _staff_for(database, keys.label, staff_name, staff_id)
        bundle = Bundle(
            service_id=service_id, sender=sender, recipient=keys, direction="to_device",
            items=need_to_know(database, staff, keys.device_id), ack_seq=last_seq,
            erased=erased_ids(database), anonymised=anonymised_ids(database))
    data = seal(bundle, signing)
    database.audit("bundle_written", detail=f"{len(bundle.items)} enregistrement(s)")
    return Written(data, len(bundle.items), bundle.recipient.label)


def _find_peer(database: Database, device: str) -> tuple[DeviceKeys, int, str | None]:
    known = peers(database)
    wanted = _folded(device)
    for keys, last_seq, staff_id in known:
        if _folded(keys.label) == wanted or (len(wanted) >= 4
                                             and keys.device_id.startswith(wanted)):
            return keys, last_seq, staff_id
    raise UnknownDevice(device, [keys.label for keys, _, _ in known])


def _staff_for(
    database: Database, label: str, staff_name: str | None, remembered: str | None,
) -> uuid.UUID | None:
    staff = database.repos.staff.all()
    if staff_name is not None:
        for member in staff:
            if _folded(member.display_name) == _folded(staff_name):
                _remember(database, label, member.id)
                return member.id
        raise LookupError(f"Aucun professionnel nommé « {staff_name} » dans cette base : "
                          "vérifiez l'orthographe dans la liste de l'équipe.")
    if remembered is not None:
        return uuid.UUID(remembered)
    for member in staff:
        if _folded(member.display_name) == _folded(label):
            return member.id
    return None


def _remember(database: Database, label: str, staff_id: uuid.UUID) -> None:
    with database.transaction() as connection:
        connection.execute("UPDATE peer_device SET staff_member_id = ? WHERE label = ?",
                           (str(staff_id), label))


def read_bundles(database: Database, files: list[tuple[str, bytes]]) -> list[Bundle]:
    """Check and read bundle files ``(name, bytes)`` addressed to this base.

    Raises:
        BundleRefused: the first file that is not a good bundle for this base.
    """
    _signing, box = private_keys(database)
    return [unseal(data, name, box) for name, data in files]


def merge_bundles(
    database: Database, files: list[tuple[str, bytes]], *, dry_run: bool = False,
) -> MergePlan:
    """Check every file, plan the merge, and write it unless ``dry_run``: all the files
    or nothing. Returns the plan (its ``summary()`` says what changed or would change).

    Raises:
        BundleRefused: a file is not a good bundle for this base (nothing written).
        users.ChiefOnly: an educator unlocked the service's base (only the chief merges
            the team's work there).
    """
    if chief_keys(database) is None:
        database.require_chief("intégrer les paquets des ordinateurs")
    plan = plan_merge(database, read_bundles(database, files))
    if not dry_run:
        apply_merge(database, plan)
    return plan
