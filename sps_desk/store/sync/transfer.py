"""The three jobs of team merge as the window and the command line call them: write a
bundle, merge bundle files, and list the laptops known to the service's base."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from anyascii import anyascii

from sps_desk.records import StaffMember
from sps_desk.store import clocks
from sps_desk.store.collector import collector_paused
from sps_desk.store.sync.bundle import Bundle, seal, unseal
from sps_desk.store.sync.devices import (
    check_not_revoked,
    normalised_fingerprint,
    revoked_devices,
)
from sps_desk.store.sync.errors import BundleRefused, NotJoined, UnknownDevice, UntrustedDevice
from sps_desk.store.sync.identity import (
    DeviceKeys,
    acked_seq,
    chief_keys,
    has_keys,
    own_keys,
    private_keys,
    remember_sent,
)
from sps_desk.store.sync.merge import MergePlan, apply_merge, last_token, peers, plan_merge
from sps_desk.store.sync.selection import (
    anonymised_ids,
    changes_since,
    erased_ids,
    need_to_know_encoded,
)
from sps_desk.store.sync.validation import check_kinds, check_plan

if TYPE_CHECKING:
    from sps_desk.store.database import Database


def _folded(text: str) -> str:
    return anyascii(text).casefold().strip()


@dataclass(frozen=True)
class Written:
    """A bundle made: its bytes, how many records it holds, for whom, and (a bundle for
    a laptop) the staff member whose work it carries, or ``None`` (reference data only)."""

    data: bytes
    records: int
    recipient: str
    staff_name: str | None = None


def make_bundle(
    database: Database, *, everything: bool = False, device: str | None = None,
    staff_name: str | None = None, write: Callable[[bytes], None] | None = None,
) -> Written:
    """The bundle this base sends; ``write`` (if given) stores its bytes, and only once it
    has succeeded is the bundle audited and, on a laptop, remembered as sent.

    On a laptop base (joined to a chief): every change since the last one the chief
    acknowledged (``everything``: all its records), for the chief's base. On the
    service's base: for the laptop ``device`` (its label, or the start of its device id),
    the reference data and what its educator works with (``selection.need_to_know``);
    the educator is the staff member named ``staff_name`` (then remembered for that
    laptop), else the one remembered, else the staff member whose name is the laptop's.

    Every bundle of the service's base carries the laptops revoked (ids and dates); a
    revoked laptop's bundle holds nothing else, so that it learns it and stops sending.

    Raises:
        NotJoined: a base that is neither joined to a chief nor given ``device``.
        users.ChiefOnly: an educator unlocked the service's base.
        UnknownDevice: ``device`` matches no laptop, or several.
        DeviceRevoked: this laptop was revoked by the chief.
        LookupError: ``staff_name`` matches no staff member (French message).
    """
    chief = chief_keys(database)
    if chief is None and device is None:
        raise NotJoined([keys.label for keys, _, _ in peers(database)])
    if chief is None:
        database.require_chief("préparer le paquet d'un ordinateur")
    else:
        check_not_revoked(database)
    with collector_paused():
        signing, _box = private_keys(database)
        sender = own_keys(database)
        service_id = str(database.service().id)
        educator = None
        if chief is not None:
            since = 0 if everything else acked_seq(database)
            bundle = Bundle(
                service_id=service_id, sender=sender, recipient=chief, direction="to_chief",
                items=changes_since(database, since),
                up_to_seq=clocks.last_seq(database.connection),
                # What this bundle assumes the chief holds: a chief's base restored from an
                # older backup sees that it lacks changes, and asks for them again.
                ack_seq=since,
                erased=erased_ids(database), anonymised=anonymised_ids(database))
        else:
            assert device is not None
            keys, last_seq, staff_id = _find_peer(database, device)
            staff = _staff_for(database, keys.device_id, keys.label, staff_name, staff_id)
            educator = staff.display_name if staff is not None else None
            revoked = revoked_devices(database)
            bundle = Bundle(
                service_id=service_id, sender=sender, recipient=keys, direction="to_device",
                items=[], encoded=[] if keys.device_id in revoked else
                need_to_know_encoded(database, staff.id if staff else None, keys.device_id),
                ack_seq=last_seq, ack_token=last_token(database, keys.device_id),
                erased=erased_ids(database), anonymised=anonymised_ids(database),
                revoked=revoked)
        data = seal(bundle, signing)
    if write is not None:
        write(data)
    with database.transaction():
        if chief is not None:
            remember_sent(database, bundle.token, bundle.up_to_seq)
        database.audit("bundle_written", detail=f"{bundle.records} enregistrement(s)")
    return Written(data, bundle.records, bundle.recipient.label, educator)


def _find_peer(database: Database, device: str) -> tuple[DeviceKeys, int, str | None]:
    known = peers(database)
    wanted = _folded(device)
    found = [p for p in known if _folded(p[0].label) == wanted]
    if not found and len(wanted) >= 4:
        found = [p for p in known if p[0].device_id.startswith(wanted)]
    if len(found) == 1:
        return found[0]
    if found:
        raise UnknownDevice(device, [f"{k.label} ({k.device_id[:8]})" for k, _, _ in known],
                            ambiguous=True)
    raise UnknownDevice(device, [keys.label for keys, _, _ in known])


def _staff_for(
    database: Database, device_id: str, label: str, staff_name: str | None,
    remembered: str | None,
) -> StaffMember | None:
    staff = database.repos.staff.all()
    if staff_name is not None:
        for member in staff:
            if _folded(member.display_name) == _folded(staff_name):
                with database.transaction() as connection:
                    connection.execute(
                        "UPDATE peer_device SET staff_member_id = ? WHERE device_id = ?",
                        (str(member.id), device_id))
                return member
        raise LookupError(f"Aucun professionnel nommé « {staff_name} » dans cette base : "
                          "vérifiez l'orthographe dans la liste de l'équipe.")
    for member in staff:
        if str(member.id) == remembered:
            return member
    for member in staff:
        if _folded(member.display_name) == _folded(label):
            return member
    return None


def read_bundles(database: Database, files: list[tuple[str, bytes]]) -> list[Bundle]:
    """Check and read bundle files ``(name, bytes)`` addressed to this base.

    Raises:
        BundleRefused: the first file that is not a good bundle for this base, or two
            files that give one record id two kinds.
    """
    if files and not has_keys(database):
        # This base never gave its key nor sent a bundle: nothing can be addressed to it
        # (and reading must not create its keys: a refused merge writes nothing).
        raise BundleRefused(files[0][0], "il est destiné à une autre base (un autre chef de "
                            "service ou un autre ordinateur). Vérifiez le fichier choisi.")
    _signing, box = private_keys(database)
    bundles = [unseal(data, name, box) for name, data in files]
    check_kinds(bundles)
    return bundles


def merge_bundles(
    database: Database, files: list[tuple[str, bytes]], *, dry_run: bool = False,
    trusted: Iterable[str] = (),
) -> MergePlan:
    """Check every file, plan the merge, and write it unless ``dry_run``: all the files
    or nothing. Returns the plan (its ``summary()`` says what changed or would change,
    and its ``new_devices`` the laptops seen for the first time).

    A laptop seen for the first time is merged only when its fingerprint is in
    ``trusted`` (as typed: spaces and case do not matter): the chief compared it with
    the educator's screen (``merge --trust`` on the command line, the merge dialog's
    confirmation in the window). A dry run shows new laptops without refusing them.

    Raises:
        BundleRefused: a file is not a good bundle for this base, comes from a revoked
            laptop, or what the merge would write breaks it (``validation.check_plan``);
            nothing is written.
        UntrustedDevice: a new laptop whose fingerprint is not in ``trusted``.
        users.ChiefOnly: an educator unlocked the service's base (only the chief merges
            the team's work there).
    """
    if chief_keys(database) is None:
        database.require_chief("intégrer les paquets des ordinateurs")
    plan = plan_merge(database, read_bundles(database, files))
    check_plan(database, plan)
    if dry_run:
        return plan
    confirmed = {normalised_fingerprint(f) for f in trusted}
    unknown = [d for d in plan.new_devices if d.fingerprint not in confirmed]
    if unknown:
        names = {b.sender.device_id: b.name for b in plan.bundles}
        raise UntrustedDevice(names[unknown[0].device_id], unknown[0].label,
                              unknown[0].fingerprint)
    apply_merge(database, plan)
    return plan
