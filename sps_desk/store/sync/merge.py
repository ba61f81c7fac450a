"""Merging bundles into a base, record by record (issue 7).

:func:`plan_merge` reads the base and the bundles and decides everything without
writing (the dry run prints it); :func:`apply_merge` writes that plan in one
transaction. The rule per record is ``sps_desk.versions``: a version that knows the
local one replaces it; an older or equal one changes nothing (merging twice is a no-op);
concurrent versions are kept side by side as a conflict on the service's base, the newest
shown until the chief chooses, while a laptop keeps its own unsent change (the chief will
see both). Every decision depends only on the set of versions seen, so bundles can be
merged in any order.

What only the chief decides, a laptop's bundle cannot do on the service's base: the
service's settings are ignored, and an erasure (art. 17) or a retention purge made on a
laptop is reported, not applied. The chief's erasures and purges, in the other
direction, win over everything on a laptop: an erased young person, and anything about
them, never comes back; a purged one stays anonymous. Free texts follow the same rule:
a text an erasure or a purge redacted on the service's base is never replaced by a
version written before that redaction (``redaction.unseen_redactions``), the names a
bundle itself holds of an erased or anonymised young person are redacted from every
text it brings, and a laptop applying the chief's erasure redacts its own texts with
what it knows of the person (its redactions reach the chief with its next bundle).

Laptops are trusted on first use only when the caller confirms their fingerprint
(``transfer.merge_bundles(trusted=…)``); a laptop the chief revoked is refused, and the
revocation travels in the chief's bundles (a revoked laptop stops sending).
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import Enum
from typing import TYPE_CHECKING, Any

from sps_desk.folding import Needles
from sps_desk.records import RECORD_KINDS
from sps_desk.store import clocks
from sps_desk.store.redaction import YOUNG_LISTS, redact_row, scrub, unseen_redactions
from sps_desk.store.rights import compact, erase_rows, needles_of, person_needles
from sps_desk.store.sync.bundle import MODELS, Bundle, Item
from sps_desk.store.sync.devices import revoked_devices
from sps_desk.store.sync.errors import BundleRefused
from sps_desk.store.sync.identity import (
    DeviceKeys,
    acked_seq,
    chief_keys,
    sent_bundles,
    set_acked_seq,
)
from sps_desk.store.sync.pacing import Pacer
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


class Outcome(Enum):
    """What a merge does to one record (French labels for the summary)."""

    CREATED = "ajouté(s)"
    UPDATED = "mis à jour"
    DELETED = "supprimé(s)"
    CONFLICT = "en conflit"
    KEPT_LOCAL = "gardé(s) tel(s) quel(s) ici (modifié(s) des deux côtés ; le chef tranchera)"
    DROPPED_ERASED = "écarté(s) (jeune effacé)"
    IGNORED_SERVICE = "ignoré(s) (réglages du service : seul le chef de service les modifie)"


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
    initial: dict[str, Any] | None = None
    changed: bool = False
    source: str = ""

    def outcome(self) -> Outcome | None:
        if not self.changed:
            return None
        if is_real_conflict(self.conflict):
            return Outcome.CONFLICT
        if self.row == self.initial:
            return None
        if self.initial is None:
            return Outcome.CREATED
        deleted = self.row is not None and self.row.get("deleted_at") is not None
        return Outcome.DELETED if deleted and self.initial.get("deleted_at") is None \
            else Outcome.UPDATED


@dataclass
class MergePlan:
    """Everything a merge would do; nothing is written until :func:`apply_merge`.

    ``changes`` lists each record touched once, with its final outcome (the same whatever
    the order of the bundles, and the same in a dry run); ``new_devices`` the laptops
    seen for the first time (compare their fingerprint with the educator's screen);
    ``erasures`` the young people erased by the chief and to erase on this laptop;
    ``erasures_reported`` those a laptop erased, which only the chief can confirm here.
    """

    bundles: list[Bundle]
    changes: list[Change] = field(default_factory=list)
    new_devices: list[DeviceKeys] = field(default_factory=list)
    erasures: list[str] = field(default_factory=list)
    erasures_reported: list[str] = field(default_factory=list)
    restored: bool = False
    """A laptop whose chief has merged more of its changes than it holds: it was
    restored from a backup; its next bundle will hold everything."""
    behind: list[str] = field(default_factory=list)
    """Labels of the laptops whose earlier changes this base lacks (a chief's base
    restored from a backup older than its last merge): its next bundle to each of them
    asks for them again, so that their next bundle brings them back."""
    revoked_here: bool = False
    """On a laptop: the chief's bundle says this laptop is revoked (it stops sending)."""
    kept_redacted: int = 0
    """Free texts kept as an erasure or a purge redacted them, because the version that
    came was written before that redaction."""
    _states: dict[str, _State] = field(default_factory=dict)
    _erased: set[str] = field(default_factory=set)
    _new_erased: set[str] = field(default_factory=set)
    _dropped: dict[str, str] = field(default_factory=dict)
    _kept: dict[str, str] = field(default_factory=dict)
    _ignored: dict[str, str] = field(default_factory=dict)
    _anonymised: list[str] = field(default_factory=list)
    _peers: dict[str, tuple[DeviceKeys, int, str]] = field(default_factory=dict)
    _ack: tuple[int, str] | None = None
    _needles: Needles = field(default_factory=Needles)
    _anonymised_needles: Needles = field(default_factory=Needles)
    _revocations: dict[str, str] = field(default_factory=dict)

    @property
    def conflicts(self) -> list[Change]:
        """Records left in conflict for the chief to resolve."""
        return [c for c in self.changes if c.outcome is Outcome.CONFLICT]

    def rows_to_write(self) -> list[tuple[str, str, dict[str, Any], str]]:
        """``(kind, record id, row, bundle name)`` of every record :func:`apply_merge`
        writes (checked first by :mod:`sps_desk.store.sync.validation`)."""
        return [(state.kind, record_id, state.row, state.source)
                for record_id, state in self._states.items()
                if state.changed and state.row is not None and record_id not in self._erased]

    def counts(self) -> dict[Outcome, int]:
        """Number of records per outcome."""
        result: dict[Outcome, int] = {}
        for change in self.changes:
            result[change.outcome] = result.get(change.outcome, 0) + 1
        return result

    def summary(self) -> list[str]:
        """French lines for people: per bundle, per outcome, conflicts, new devices."""
        named = ", ".join(f"{b.name} (de « {b.sender.label} »)" for b in self.bundles[:5])
        if len(self.bundles) > 5:
            named += f"… et {len(self.bundles) - 5} autre(s)"
        lines = [f"{len(self.bundles)} paquet(s) lu(s) et vérifié(s) : {named}"]
        for device in self.new_devices:
            lines.append(f"Nouvel ordinateur « {device.label} » (identifiant "
                         f"{device.device_id[:8]}), empreinte {device.fingerprint} "
                         "(vérifiez-la sur l'écran de l'éducateur).")
        counts = self.counts()
        if not counts and not self.erasures:
            lines.append("Aucun changement : tout était déjà intégré.")
        for outcome in Outcome:
            if counts.get(outcome):
                lines.append(f"{counts[outcome]} enregistrement(s) {outcome.value}")
        if self.erasures:
            lines.append(f"{len(self.erasures)} jeune(s) effacé(s) ici, comme sur la base du "
                         "chef de service")
        if self.erasures_reported:
            lines.append(f"{len(self.erasures_reported)} jeune(s) effacé(s) sur un ordinateur : "
                         "ici, seul le chef de service efface (« sps-desk erase » ou le menu "
                         "Protection des données), si la demande est fondée.")
        if self.kept_redacted:
            lines.append(f"{self.kept_redacted} texte(s) libre(s) gardé(s) tel(s) que "
                         "l'effacement d'un jeune les a laissés : la version reçue avait été "
                         "écrite avant.")
        if self.revoked_here:
            lines.append("Le chef de service a révoqué cet ordinateur : il n'enverra plus de "
                         "paquet. Rapprochez-vous de lui.")
        if self.restored:
            lines.append("Cet ordinateur semble avoir été restauré d'une sauvegarde : son "
                         "prochain paquet contiendra toutes ses données, pour que rien ne "
                         "manque au chef de service.")
        if self.behind:
            names = ", ".join(f"« {label} »" for label in self.behind)
            lines.append(f"Cette base n'a pas tous les changements déjà envoyés par {names} "
                         "(elle a sans doute été restaurée d'une sauvegarde) : faites "
                         "maintenant un paquet de retour pour chacun (Équipe › Préparer le "
                         "paquet d'un ordinateur…) ; leur prochain paquet contiendra ce qui "
                         "manque.")
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
        self.peers: dict[str, tuple[DeviceKeys, int, str]] = {
            row[0]: (DeviceKeys(row[0], row[1], row[2], row[3]), row[4], row[5])
            for row in self.connection.execute(
                "SELECT device_id, label, sign_key, box_key, last_seq, last_token "
                "FROM peer_device")
        }
        plan._erased = set(erased_ids(database))
        self.anonymised = set(anonymised_ids(database))
        self.revoked = revoked_devices(database)
        self.forced_anonymous: set[str] = set()
        self.bundle_name = ""
        self.spans: dict[str, list[tuple[int, int, str]]] = {}
        """Per laptop: (changes after, up to, token) of each of its bundles merged now."""
        self.senders: dict[str, str] = {}
        """Bundle name → sending device id."""

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
            if self.plan._ack is None or bundle.ack_seq >= self.plan._ack[0]:
                self.plan._ack = (bundle.ack_seq, bundle.ack_token)
            fresh = {i: at for i, at in bundle.revoked.items() if i not in self.revoked}
            self.plan._revocations.update(fresh)
            if str(self.database.device_id) in bundle.revoked:
                self.plan.revoked_here = True
            return
        if bundle.direction != "to_chief":
            raise BundleRefused(name, "il est destiné à un ordinateur d'éducateur, pas à la "
                                "base du service.")
        sender = bundle.sender
        if sender.device_id in self.revoked:
            when = datetime.fromisoformat(self.revoked[sender.device_id]).astimezone()
            raise BundleRefused(name, f"l'ordinateur « {sender.label} » a été révoqué le "
                                f"{when:%d/%m/%Y} : ses paquets ne sont plus acceptés. Si "
                                "l'éducateur travaille toujours dans le service, il crée une "
                                "nouvelle base rattachée au service, que vous approuverez.")
        known = self.peers.get(sender.device_id) or self.plan._peers.get(sender.device_id)
        if known and (known[0].sign_key, known[0].box_key) != (sender.sign_key, sender.box_key):
            raise BundleRefused(name, f"il est signé par une autre clé que celle de "
                                f"l'ordinateur « {known[0].label} » connue de cette base. "
                                "Ne l'utilisez pas et prévenez le chef de service.")
        if known is None and sender.device_id not in self.plan._peers:
            self.plan.new_devices.append(sender)
        self.spans.setdefault(sender.device_id, []).append(
            (bundle.ack_seq, bundle.up_to_seq, bundle.token))
        self.senders[name] = sender.device_id
        self.plan._peers[sender.device_id] = (sender, 0, "")  # see settle_peers

    def settle_peers(self) -> None:
        """The last change of each laptop this base will hold after the merge.

        A laptop's bundle holds its changes after ``ack_seq``. When that is beyond what
        this base has merged from it (a base restored from an older backup), the base
        keeps its own number, so that its next bundle to that laptop asks for the
        missing changes again. (A record referring to one neither here nor arriving is
        refused with its bundle by :mod:`~sps_desk.store.sync.validation`: bundles carry
        what their records refer to.) A lower ``up_to_seq`` (a laptop restored from a backup) never
        lowers the number.
        """
        for device_id, spans in self.spans.items():
            sender = self.plan._peers[device_id][0]
            known = self.peers.get(device_id)
            seq, token = (known[1], known[2]) if known else (0, "")
            kept = (seq, token)
            for after, up_to, bundle_token in sorted(spans):
                if after > seq:
                    break
                if up_to > seq:
                    seq, token = up_to, bundle_token
            if any(after > seq for after, _, _ in spans):
                self.plan.behind.append(sender.label)
                seq, token = kept
            self.plan._peers[device_id] = (sender, seq, token)

    # ------------------------------------------------------------ erasures

    def take_erasures(self, bundle: Bundle) -> None:
        if not self.member:
            for record_id in bundle.erased:
                if record_id not in self.plan._erased and record_id not in \
                        self.plan.erasures_reported and self.connection.execute(
                        "SELECT 1 FROM young_person WHERE id = ?", (record_id,)).fetchone():
                    self.plan.erasures_reported.append(record_id)
            return
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
        fresh = [i for i in bundle.anonymised if i not in self.anonymised]
        self.plan._anonymised += fresh
        self.anonymised |= set(fresh)
        self.forced_anonymous |= set(bundle.anonymised)

    def collect_needles(self, bundles: list[Bundle]) -> None:
        """What the bundles themselves say of the young people erased or anonymised
        (their code, nickname and identity in an older version): redacted from every
        text they bring, and from this base's texts when it applies the erasure."""
        gone = self.plan._erased | self.anonymised
        young: list[dict[str, Any]] = []
        identities: list[dict[str, Any]] = []
        for bundle in bundles:
            for item in bundle.items:
                row = item.version.row
                if item.kind == "young_person" and item.record_id in gone:
                    young.append(row)
                elif item.kind == "identity" and str(row.get("young_person_id")) in gone:
                    identities.append(row)
        self.plan._needles = needles_of(young, identities)
        fresh = [i for i in self.plan._anonymised if self.connection.execute(
            "SELECT 1 FROM young_person WHERE id = ?", (i,)).fetchone()]
        if fresh:
            # Read now: the merge writes the anonymised code before it cleans the texts.
            self.plan._anonymised_needles = person_needles(self.database, fresh)

    def _clean_texts(self, item: Item, version: Version) -> Version:
        row = version.row
        changed = redact_row(item.kind, row, self.plan._needles) if self.plan._needles else {}
        if not self.member:
            local = self.state(item.kind, item.record_id).row
            for name in unseen_redactions(self.database, item.record_id, version.clock):
                if local is not None and row.get(name) != local.get(name):
                    changed[name] = local[name]
                    self.plan.kept_redacted += 1
        return Version({**row, **changed}, version.clock) if changed else version

    # ------------------------------------------------------------ records

    def state(self, kind: str, record_id: str) -> _State:
        if record_id in self.plan._states:
            return self.plan._states[record_id]
        record = repository(self.database, kind).get(uuid.UUID(record_id), include_deleted=True)
        known = clocks.get(self.connection, record_id)
        conflict = self.connection.execute(
            "SELECT versions FROM merge_conflict WHERE id = ?", (record_id,)).fetchone()
        row = record.model_dump(mode="json") if record is not None else None
        state = _State(
            kind=kind, row=row, initial=row,
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
        if item.kind == "young_person" and item.record_id in self.anonymised and \
                not self.member:
            # A laptop's edit made before the purge reached it must not bring the code
            # and nickname back.
            local = self.state(item.kind, item.record_id).row
            if local is not None:
                row = {**row, "code": local["code"], "nickname": local["nickname"]}
        column = YOUNG_LISTS.get(item.kind)
        if column and any(str(i) in erased for i in row[column]):
            row = {**row, column: [i for i in row[column] if str(i) not in erased]}
        return item.version if row is item.version.row else Version(row, item.version.clock)

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
        if item.kind == "service" and not self.member:
            self.plan._ignored[item.record_id] = item.kind
            return
        if item.kind == "identity":
            item = self._same_identity(item)
        incoming = self._filtered(item)
        if incoming is None:
            # Children of what is dropped are dropped too, in this merge and later ones.
            self.plan._erased.add(item.record_id)
            self.plan._new_erased.add(item.record_id)
            self.plan._dropped[item.record_id] = item.kind
            return
        incoming = self._clean_texts(item, incoming)
        state = self.state(item.kind, item.record_id)
        forced = item.kind == "young_person" and item.record_id in self.forced_anonymous
        if self._decide(state, incoming, forced=forced):
            state.changed = True
            state.source = self.bundle_name
        elif state.row != incoming.row and self.member and \
                compare(incoming.clock, state.clock) is Order.CONCURRENT:
            self.plan._kept[item.record_id] = item.kind

    def _decide(self, state: _State, incoming: Version, *, forced: bool) -> bool:
        """Update ``state`` with ``incoming``; whether anything changed."""
        order = compare(incoming.clock, state.clock)
        if state.row is None:
            # Unknown here. (Versions of rows removed by an erasure or a retention purge
            # never get here: _filtered drops them by id.)
            if order is not Order.AFTER:
                return False
            state.row, state.clock, state.seq = incoming.row, incoming.clock, 0
            return True
        if order in (Order.EQUAL, Order.BEFORE):
            return False
        if order is Order.AFTER or forced:
            state.row, state.clock, state.seq, state.conflict = (
                incoming.row, clock_max(state.clock, incoming.clock), 0, [])
            return True
        if self.member and state.seq > self.acked:
            return False  # this laptop's unsent change stays; the chief will see both
        versions = maximal([*(state.conflict or [Version(state.row, state.clock)]), incoming])
        shown = winner(versions)
        state.row, state.clock, state.seq = shown.row, clock_max(state.clock, incoming.clock), 0
        # Kept even when equal in content, so that the kept set is the same in any order.
        state.conflict = versions if not self.member else []
        return True

    def check_codes(self) -> None:
        codes: dict[str, str] = {}
        for record_id, state in self.plan._states.items():
            if state.kind != "young_person" or not state.changed or state.row is None:
                continue
            code = state.row["code"]
            other = codes.setdefault(code, record_id)
            taken = self.connection.execute(
                "SELECT id FROM young_person WHERE code = ? AND id != ?",
                (code, record_id)).fetchone()
            if other != record_id:
                clash = f"dans les paquets {self.plan._states[other].source} et {state.source}"
            elif taken and taken[0] not in self.plan._states:
                clash = f"dans le paquet {state.source} et dans cette base"
            else:
                continue
            raise BundleRefused(
                state.source,
                f"deux jeunes différents portent le même code ({clash}). Changez le code de "
                "l'un d'eux sur l'ordinateur qui l'a créé, refaites son paquet, puis "
                "intégrez à nouveau.")

    def changes(self) -> list[Change]:
        found = [Change(kind, i, Outcome.DROPPED_ERASED) for i, kind in self.plan._dropped.items()]
        found += [Change(kind, i, Outcome.IGNORED_SERVICE)
                  for i, kind in self.plan._ignored.items()]
        for record_id, state in self.plan._states.items():
            outcome = state.outcome()
            if outcome is not None:
                found.append(Change(state.kind, record_id, outcome))
            elif record_id in self.plan._kept:
                found.append(Change(state.kind, record_id, Outcome.KEPT_LOCAL))
        return sorted(found, key=lambda c: (_ORDER[c.kind], c.record_id))


def plan_merge(database: Database, bundles: list[Bundle]) -> MergePlan:
    """Decide what merging ``bundles`` into ``database`` does, writing nothing.

    Raises:
        BundleRefused: a bundle is for another service, comes from this base, is a
            laptop's bundle on a laptop, or is signed by another key than the one known
            for its device; or two different young people would share a code.
    """
    plan = MergePlan(bundles=list(bundles))
    planner = _Planner(database, plan)
    for bundle in bundles:
        planner.check_sender(bundle)
        planner.take_erasures(bundle)
    planner.collect_needles(bundles)
    pace = Pacer()
    for bundle in bundles:
        planner.bundle_name = bundle.name
        for item in sorted(bundle.items, key=lambda i: (_ORDER[i.kind], i.record_id)):
            planner.merge(item)
            pace()
    planner.settle_peers()
    planner.check_codes()
    plan.changes = planner.changes()
    if plan._ack is not None and plan._ack[1]:
        sent = sent_bundles(database)
        if sent.get(plan._ack[1]) != plan._ack[0]:
            # The chief merged a bundle this base never made: it was restored from a
            # backup. Its next bundle holds everything (merging is idempotent).
            plan.restored = True
            plan._ack = (0, "")
    return plan


def apply_merge(database: Database, plan: MergePlan) -> None:
    """Write ``plan`` in one transaction (all or nothing), audited with counts only.

    Erasures and anonymisations are applied after the records, so that they clean
    whatever the merged versions hold, and the file is then vacuumed.
    """
    now = datetime.now(UTC).isoformat()
    scrubbed = False
    with database.transaction() as connection:
        connection.execute("PRAGMA defer_foreign_keys = ON")
        connection.executemany(
            "INSERT OR IGNORE INTO erased_record(id, erased_at) VALUES (?, ?)",
            [(i, now) for i in sorted(plan._new_erased)])
        states = sorted(plan._states.items(), key=lambda s: (_ORDER[s[1].kind], s[0]))
        pace = Pacer()
        for record_id, state in states:
            if not state.changed or state.row is None or record_id in plan._erased:
                continue
            pace()
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
        for young_id in plan.erasures:
            erase_rows(database, uuid.UUID(young_id), extra=plan._needles)
        fresh = [i for i in plan._anonymised if connection.execute(
            "SELECT 1 FROM young_person WHERE id = ?", (i,)).fetchone()]
        if fresh:
            scrub(database, plan._anonymised_needles | plan._needles, frozenset(fresh),
                  write=True)
            marks = ",".join("?" * len(fresh))
            connection.execute(f"DELETE FROM identity WHERE young_person_id IN ({marks})",
                               fresh)
            connection.executemany("INSERT OR IGNORE INTO anonymised(young_person_id, "
                                   "anonymised_at) VALUES (?, ?)", [(i, now) for i in fresh])
        if plan._needles and not plan.erasures:
            # Older names of people erased here, found in the bundles: cleaned here too.
            gone = {row[0] for row in connection.execute("SELECT id FROM erased_record")}
            scrubbed = bool(scrub(database, plan._needles, frozenset(gone | set(fresh)),
                                  write=True).redactions)
        for keys, last_seq, last_token in plan._peers.values():
            connection.execute(
                "INSERT INTO peer_device(device_id, label, sign_key, box_key, last_seq, "
                "last_token, first_seen, last_merged_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
                # The label stays the one of the first bundle: a laptop keeps its name.
                "ON CONFLICT(device_id) DO UPDATE SET last_seq = excluded.last_seq, "
                "last_token = excluded.last_token, last_merged_at = excluded.last_merged_at",
                (keys.device_id, keys.label, keys.sign_key, keys.box_key, last_seq, last_token,
                 now, now))
        connection.executemany(
            "INSERT OR IGNORE INTO revoked_device(device_id, revoked_at) VALUES (?, ?)",
            sorted(plan._revocations.items()))
        if plan._ack is not None:
            set_acked_seq(database, plan._ack[0])
        counts = plan.counts()
        database.audit("merge", detail=json.dumps(
            {"paquets": len(plan.bundles), "effacements": len(plan.erasures),
             **{o.name.lower(): n for o, n in counts.items()}}, sort_keys=True))
    if plan.erasures or fresh or scrubbed:
        compact(database)


def peers(database: Database) -> list[tuple[DeviceKeys, int, str | None]]:
    """The laptops whose bundles this base merged, by label: keys, last change merged,
    staff member id (``None`` until known)."""
    return [
        (DeviceKeys(r[0], r[1], r[2], r[3]), r[4], r[5])
        for r in database.connection.execute(
            "SELECT device_id, label, sign_key, box_key, last_seq, staff_member_id "
            "FROM peer_device ORDER BY label, device_id")
    ]


def last_token(database: Database, device_id: str) -> str:
    """The token of the latest bundle of ``device_id`` merged here ('' if none)."""
    row = database.connection.execute(
        "SELECT last_token FROM peer_device WHERE device_id = ?", (device_id,)).fetchone()
    return row[0] if row else ""
