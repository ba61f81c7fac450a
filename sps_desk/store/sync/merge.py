"""Merging bundles into a base, record by record (issue 7).

:func:`plan_merge` reads the base and the bundles and decides everything without
writing (the dry run prints it); :func:`apply_merge` writes that plan in one
transaction. The rule per record is ``sps_desk.versions``: a version that knows the
local one replaces it; an older or equal one changes nothing (merging twice is a no-op);
concurrent versions are kept side by side as a conflict on the service's base, the newest
shown until the chief chooses, while a laptop keeps its own unsent change (the chief will
see both). Erasures (art. 17) are applied first and win over everything: an erased young
person, and anything about them, never comes back. Every decision depends only on the
set of versions seen, so bundles can be merged in any order.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import Enum
from typing import TYPE_CHECKING, Any

from sps_desk.records import RECORD_KINDS
from sps_desk.store import clocks
from sps_desk.store.rights import erase_rows
from sps_desk.store.sync.bundle import MODELS, Bundle, Item
from sps_desk.store.sync.errors import BundleRefused
from sps_desk.store.sync.identity import (
    DeviceKeys,
    acked_seq,
    chief_keys,
    set_acked_seq,
)
from sps_desk.store.sync.selection import anonymised_ids, erased_ids, repository
from sps_desk.versions import (
    Order,
    Version,
    clock_max,
    compare,
    is_real_conflict,
    maximal,
    winner,
)

if TYPE_CHECKING:
    from sps_desk.store.database import Database

_ORDER = {model.kind: position for position, model in enumerate(RECORD_KINDS)}
_PARENTS = ("young_person_id", "support_id")
_YOUNG_LISTS = {"field_session": "young_met_ids", "collective_action": "participant_ids"}


class Outcome(Enum):
    """What merging one record version does (French labels for the summary)."""

    CREATED = "ajouté(s)"
    UPDATED = "mis à jour"
    DELETED = "supprimé(s)"
    CONFLICT = "en conflit"
    KEPT_LOCAL = "gardé tel quel ici (modifié des deux côtés ; le chef tranchera)"
    DROPPED_ERASED = "écarté(s) (jeune effacé)"


@dataclass(frozen=True)
class Change:
    """One record a merge touches: kind, id (no personal data) and outcome."""

    kind: str
    record_id: str
    outcome: Outcome


@dataclass
class _State:
    kind: str
    row: dict[str, Any] | None
    clock: dict[str, int]
    seq: int
    conflict: list[Version]
    changed: bool = False


@dataclass
class MergePlan:
    """Everything a merge would do; nothing is written until :func:`apply_merge`.

    ``changes`` lists the records touched, ``new_devices`` the laptops seen for the first
    time (compare their fingerprint with the educator's screen), ``erasures`` the young
    people erased on a sender and to erase here.
    """

    bundles: list[Bundle]
    changes: list[Change] = field(default_factory=list)
    new_devices: list[DeviceKeys] = field(default_factory=list)
    erasures: list[str] = field(default_factory=list)
    _states: dict[str, _State] = field(default_factory=dict)
    _erased: set[str] = field(default_factory=set)
    _new_erased: set[str] = field(default_factory=set)
    _anonymised: list[str] = field(default_factory=list)
    _peers: dict[str, tuple[DeviceKeys, int]] = field(default_factory=dict)
    _ack: int | None = None

    @property
    def conflicts(self) -> list[Change]:
        """Records left in conflict for the chief to resolve."""
        return [c for c in self.changes if c.outcome is Outcome.CONFLICT]

    def counts(self) -> dict[Outcome, int]:
        """Number of records per outcome."""
        result: dict[Outcome, int] = {}
        for change in self.changes:
            result[change.outcome] = result.get(change.outcome, 0) + 1
        return result

    def summary(self) -> list[str]:
        """French lines for people: per bundle, per outcome, conflicts, new devices."""
        lines = [f"{len(self.bundles)} paquet(s) lu(s) et vérifié(s) : "
                 + ", ".join(f"{b.name} (de « {b.sender.label} »)" for b in self.bundles)]
        for device in self.new_devices:
            lines.append(f"Nouvel ordinateur « {device.label} », empreinte {device.fingerprint} "
                         "(vérifiez-la sur l'écran de l'éducateur).")
        counts = self.counts()
        if not counts and not self.erasures:
            lines.append("Aucun changement : tout était déjà intégré.")
        for outcome in Outcome:
            if counts.get(outcome):
                lines.append(f"{counts[outcome]} enregistrement(s) {outcome.value}")
        if self.erasures:
            lines.append(f"{len(self.erasures)} jeune(s) effacé(s) à la demande d'un autre poste")
        if self.conflicts:
            lines.append(f"{len(self.conflicts)} conflit(s) à trancher : « sps-desk conflicts » "
                         "ou le menu Équipe › Conflits.")
        return lines


def _related(connection: Any, young_id: str) -> set[str]:
    supports = [r[0] for r in connection.execute(
        "SELECT id FROM individual_support WHERE young_person_id = ?", (young_id,))]
    marks = ",".join("?" * len(supports))
    related = set(supports)
    for table in ("intervention", "referral"):
        related |= {r[0] for r in connection.execute(
            f"SELECT id FROM {table} WHERE support_id IN ({marks})", supports)}
    related |= {r[0] for r in connection.execute(
        "SELECT id FROM concern_report WHERE young_person_id = ?", (young_id,))}
    return related


class _Planner:
    def __init__(self, database: Database, plan: MergePlan) -> None:
        self.database = database
        self.plan = plan
        self.connection = database.connection
        self.chief = chief_keys(database)
        self.member = self.chief is not None
        self.acked = acked_seq(database)
        self.service_id = str(database.service().id)
        self.peers: dict[str, tuple[DeviceKeys, int]] = {
            row[0]: (DeviceKeys(row[0], row[1], row[2], row[3]), row[4])
            for row in self.connection.execute(
                "SELECT device_id, label, sign_key, box_key, last_seq FROM peer_device")
        }
        plan._erased = set(erased_ids(database))
        self.anonymised = set(anonymised_ids(database))

    # ------------------------------------------------------------ senders

    def check_sender(self, bundle: Bundle) -> None:
        name = bundle.name
        if bundle.service_id != self.service_id:
            raise BundleRefused(name, "il vient d'un autre service que celui de cette base.")
        if bundle.sender.device_id == str(self.database.device_id):
            raise BundleRefused(name, "il a été fait par cette base elle-même.")
        if self.member:
            assert self.chief is not None
            if bundle.direction != "to_device":
                raise BundleRefused(name, "c'est un paquet d'éducateur, destiné à la base du "
                                    "chef de service.")
            if (bundle.sender.sign_key, bundle.sender.box_key) != (
                    self.chief.sign_key, self.chief.box_key):
                raise BundleRefused(name, "il n'est pas signé par la base du chef de service "
                                    "de cet ordinateur. Ne l'utilisez pas.")
            self.plan._ack = max(self.plan._ack or 0, bundle.ack_seq)
            return
        if bundle.direction != "to_chief":
            raise BundleRefused(name, "il est destiné à un ordinateur d'éducateur, pas à la "
                                "base du service.")
        sender = bundle.sender
        known = self.peers.get(sender.device_id) or self.plan._peers.get(sender.device_id)
        if known and (known[0].sign_key, known[0].box_key) != (sender.sign_key, sender.box_key):
            raise BundleRefused(name, f"il est signé par une autre clé que celle de "
                                f"l'ordinateur « {known[0].label} » connue de cette base. "
                                "Ne l'utilisez pas et prévenez le chef de service.")
        if known is None:
            self.plan.new_devices.append(sender)
        last = max(known[1] if known else 0, bundle.up_to_seq)
        self.plan._peers[sender.device_id] = (sender, last)

    # ------------------------------------------------------------ erasures

    def take_erasures(self, bundle: Bundle) -> None:
        for record_id in bundle.erased:
            if record_id in self.plan._erased:
                continue
            is_young = self.connection.execute(
                "SELECT 1 FROM young_person WHERE id = ?", (record_id,)).fetchone()
            if is_young:
                self.plan.erasures.append(record_id)
                self.plan._erased |= _related(self.connection, record_id)
            self.plan._erased.add(record_id)
            self.plan._new_erased.add(record_id)
        self.plan._anonymised += [i for i in bundle.anonymised if i not in self.anonymised]
        self.anonymised |= set(bundle.anonymised)

    # ------------------------------------------------------------ records

    def state(self, kind: str, record_id: str) -> _State:
        if record_id in self.plan._states:
            return self.plan._states[record_id]
        record = repository(self.database, kind).get(uuid.UUID(record_id), include_deleted=True)
        known = clocks.get(self.connection, record_id)
        conflict = self.connection.execute(
            "SELECT versions FROM merge_conflict WHERE id = ?", (record_id,)).fetchone()
        state = _State(
            kind=kind,
            row=record.model_dump(mode="json") if record is not None else None,
            clock=known[0] if known else {},
            seq=known[1] if known else 0,
            conflict=[Version.from_json(v) for v in json.loads(conflict[0])] if conflict else [],
        )
        self.plan._states[record_id] = state
        return state

    def _filtered(self, item: Item) -> Version | None:
        row = item.version.row
        erased = self.plan._erased
        if item.record_id in erased or any(str(row.get(p)) in erased for p in _PARENTS):
            return None
        if item.kind == "identity" and str(row["young_person_id"]) in self.anonymised:
            return None
        column = _YOUNG_LISTS.get(item.kind)
        if column and any(str(i) in erased for i in row[column]):
            row = {**row, column: [i for i in row[column] if str(i) not in erased]}
            return Version(row, item.version.clock)
        return item.version

    def _same_identity(self, item: Item) -> Item:
        # Identities made before ids were derived from the young person (random ids):
        # another device's identity of the same young person is a version of ours.
        young_id = str(item.version.row["young_person_id"])
        local = next((i for i, s in self.plan._states.items() if s.kind == "identity"
                      and s.row is not None and str(s.row["young_person_id"]) == young_id),
                     None)
        if local is None:
            row = self.connection.execute(
                "SELECT id FROM identity WHERE young_person_id = ?", (young_id,)).fetchone()
            local = row[0] if row else None
        if local is None or local == item.record_id:
            return item
        return Item(item.kind, Version({**item.version.row, "id": local}, item.version.clock))

    def merge(self, item: Item) -> None:
        if item.kind == "identity":
            item = self._same_identity(item)
        incoming = self._filtered(item)
        if incoming is None:
            # Children of what is dropped are dropped too, in this merge and later ones.
            self.plan._erased.add(item.record_id)
            self.plan._new_erased.add(item.record_id)
            self.plan.changes.append(Change(item.kind, item.record_id, Outcome.DROPPED_ERASED))
            return
        state = self.state(item.kind, item.record_id)
        outcome = self._decide(state, incoming)
        if outcome is not None:
            state.changed = state.changed or outcome is not Outcome.KEPT_LOCAL
            self.plan.changes.append(Change(item.kind, item.record_id, outcome))

    def _decide(self, state: _State, incoming: Version) -> Outcome | None:
        order = compare(incoming.clock, state.clock)
        if state.row is None and order is Order.AFTER:
            # Unknown here. (Versions of rows removed by an erasure or a retention purge
            # never get here: _filtered drops them by id.)
            state.row, state.clock, state.seq = incoming.row, clock_max(
                state.clock, incoming.clock), 0
            return Outcome.CREATED
        if order in (Order.EQUAL, Order.BEFORE) or state.row is None:
            return None
        was_deleted = state.row is not None and state.row.get("deleted_at") is not None
        if order is Order.AFTER:
            state.row, state.clock, state.seq, state.conflict = (
                incoming.row, incoming.clock, 0, [])
            deleted = incoming.row.get("deleted_at") is not None
            return Outcome.DELETED if deleted and not was_deleted else Outcome.UPDATED
        if self.member and state.seq > self.acked:
            return Outcome.KEPT_LOCAL if state.row != incoming.row else None
        versions = maximal([*(state.conflict or [Version(state.row, state.clock)]), incoming])
        shown = winner(versions)
        state.row, state.clock, state.seq = shown.row, clock_max(state.clock, incoming.clock), 0
        # Kept even when equal in content, so that the kept set is the same in any order.
        state.conflict = versions if not self.member else []
        return Outcome.CONFLICT if is_real_conflict(versions) else Outcome.UPDATED

    def check_codes(self) -> None:
        codes: dict[str, str] = {}
        for record_id, state in self.plan._states.items():
            if state.kind == "young_person" and state.changed and state.row is not None:
                code = state.row["code"]
                other = codes.setdefault(code, record_id)
                taken = self.connection.execute(
                    "SELECT id FROM young_person WHERE code = ? AND id != ?",
                    (code, record_id)).fetchone()
                if other != record_id or (taken and taken[0] not in self.plan._states):
                    raise BundleRefused(
                        self.plan.bundles[-1].name,
                        "deux jeunes différents portent le même code sur deux ordinateurs. "
                        "Changez le code de l'un d'eux sur l'ordinateur qui l'a créé, puis "
                        "refaites le paquet.")


def plan_merge(database: Database, bundles: list[Bundle]) -> MergePlan:
    """Decide what merging ``bundles`` into ``database`` does, writing nothing.

    Raises:
        BundleRefused: a bundle is for another service, comes from this base, is a
            laptop's bundle on a laptop, or is signed by another key than the one known
            for its device.
    """
    plan = MergePlan(bundles=list(bundles))
    planner = _Planner(database, plan)
    for bundle in bundles:
        planner.check_sender(bundle)
        planner.take_erasures(bundle)
    for bundle in bundles:
        for item in sorted(bundle.items, key=lambda i: (_ORDER[i.kind], i.record_id)):
            planner.merge(item)
    planner.check_codes()
    return plan


def apply_merge(database: Database, plan: MergePlan) -> None:
    """Write ``plan`` in one transaction (all or nothing), audited with counts only."""
    now = datetime.now(UTC).isoformat()
    with database.transaction() as connection:
        connection.execute("PRAGMA defer_foreign_keys = ON")
        for young_id in plan.erasures:
            erase_rows(database, uuid.UUID(young_id))
        connection.executemany(
            "INSERT OR IGNORE INTO erased_record(id, erased_at) VALUES (?, ?)",
            [(i, now) for i in sorted(plan._new_erased)])
        states = sorted(plan._states.items(), key=lambda s: (_ORDER[s[1].kind], s[0]))
        for record_id, state in states:
            if not state.changed or state.row is None or record_id in plan._erased:
                continue
            record = MODELS[state.kind].model_validate(state.row)
            repository(database, state.kind).put_merged(record)
            clocks.put(connection, state.kind, record_id, state.clock, state.seq)
            if state.conflict:
                connection.execute(
                    "INSERT OR REPLACE INTO merge_conflict(id, kind, versions) VALUES (?, ?, ?)",
                    (record_id, state.kind,
                     json.dumps([v.to_json() for v in state.conflict], sort_keys=True)))
            else:
                connection.execute("DELETE FROM merge_conflict WHERE id = ?", (record_id,))
        for young_id in plan._anonymised:
            if connection.execute("SELECT 1 FROM young_person WHERE id = ?",
                                  (young_id,)).fetchone():
                connection.execute("DELETE FROM identity WHERE young_person_id = ?", (young_id,))
                connection.execute("INSERT OR IGNORE INTO anonymised(young_person_id, "
                                   "anonymised_at) VALUES (?, ?)", (young_id, now))
        for keys, last_seq in plan._peers.values():
            connection.execute(
                "INSERT INTO peer_device(device_id, label, sign_key, box_key, last_seq, "
                "first_seen) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(device_id) DO UPDATE SET "
                "label = excluded.label, last_seq = max(last_seq, excluded.last_seq)",
                (keys.device_id, keys.label, keys.sign_key, keys.box_key, last_seq, now))
        if plan._ack is not None:
            set_acked_seq(database, plan._ack)
        counts = plan.counts()
        database.audit("merge", detail=json.dumps(
            {"paquets": len(plan.bundles), "effacements": len(plan.erasures),
             **{o.name.lower(): n for o, n in counts.items()}}, sort_keys=True))
    if plan.erasures:
        database.connection.execute("VACUUM")
        database.connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def peers(database: Database) -> list[tuple[DeviceKeys, int, str | None]]:
    """The laptops whose bundles this base merged: keys, last change merged, staff id."""
    return [
        (DeviceKeys(r[0], r[1], r[2], r[3]), r[4], r[5])
        for r in database.connection.execute(
            "SELECT device_id, label, sign_key, box_key, last_seq, staff_member_id "
            "FROM peer_device ORDER BY label, device_id")
    ]

