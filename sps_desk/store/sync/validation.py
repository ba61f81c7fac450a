"""What a merge writes, checked against the recipient's base before anything is written.

A bundle is signed, but a signature only says who made it: a laptop with an older or
damaged sps_desk, or anyone holding the service's public key, can sign records that are
each valid alone and wrong together. Before :func:`~sps_desk.store.sync.merge.apply_merge`
writes, every record the merge would write is checked here, and the whole merge is
refused (French message naming the bundle) when:

- an id is used for two kinds of records, across the bundles or with this base (the
  merge and the clocks are keyed by id alone);
- a reference — a foreign key, or an id inside a list such as the professionals present —
  points to a record that is neither in the merge nor in this base (today's schema only
  enforces the foreign keys, at commit, as an unexplained integrity error; lists it does
  not check at all, and the reports would then fail on every later run);
- an anonymous tally uses an age bracket this service does not have (the reports of that
  year would fail on it).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from sps_desk.ages import AgeBrackets
from sps_desk.records import KIND_LABELS, field_label
from sps_desk.store.sync.bundle import Bundle
from sps_desk.store.sync.errors import BundleRefused

if TYPE_CHECKING:
    from sps_desk.store.database import Database
    from sps_desk.store.sync.merge import MergePlan

REFERENCES: dict[str, dict[str, str]] = {
    "young_person": {"sector_id": "sector"},
    "identity": {"young_person_id": "young_person"},
    "field_session": {"staff_ids": "staff_member", "sector_id": "sector",
                      "young_met_ids": "young_person"},
    "individual_support": {"young_person_id": "young_person", "referent_id": "staff_member"},
    "intervention": {"support_id": "individual_support", "staff_ids": "staff_member",
                     "partner_id": "partner"},
    "referral": {"support_id": "individual_support", "partner_id": "partner"},
    "concern_report": {"young_person_id": "young_person"},
    "collective_action": {"participant_ids": "young_person", "partner_ids": "partner"},
    "collective_action_session": {"action_id": "collective_action",
                                  "staff_ids": "staff_member"},
    "time_entry": {"staff_id": "staff_member"},
}
"""Record kind → reference field → kind it points to. ``time_entry.source_id`` points to
the kind named by its ``source_kind``."""

_TALLIES = {"field_session": "tallies", "collective_action": "anonymous_participants"}
_CHUNK = 500


def check_kinds(bundles: Iterable[Bundle]) -> None:
    """Refuse bundles that give one record id two kinds between them.

    Raises:
        BundleRefused: names the second bundle where the id appears.
    """
    kinds: dict[str, str] = {}
    for bundle in bundles:
        for item in bundle.items:
            if kinds.setdefault(item.record_id, item.kind) != item.kind:
                raise _two_kinds(bundle.name, kinds[item.record_id], item.kind)


def check_plan(database: Database, plan: MergePlan) -> None:
    """Refuse ``plan`` when what it writes breaks this base (see the module docstring).

    Raises:
        BundleRefused: the first problem found, naming the bundle that brings it.
    """
    rows = plan.rows_to_write()
    _check_ids_against_base(database, rows)
    _check_references(database, rows)
    _check_brackets(database, rows)


def _two_kinds(name: str, first: str, second: str) -> BundleRefused:
    return BundleRefused(name, f"un même identifiant y désigne deux sortes d'enregistrements "
                         f"({KIND_LABELS[first]} et {KIND_LABELS[second]}). Ne l'utilisez pas "
                         "; l'ordinateur qui l'a envoyé doit mettre sps_desk à jour et refaire "
                         "le paquet.")


def _existing(database: Database, table: str, ids: list[str]) -> set[str]:
    """The ids among ``ids`` that have a row (tombstones included) in ``table``."""
    found: set[str] = set()
    for start in range(0, len(ids), _CHUNK):
        chunk = ids[start:start + _CHUNK]
        found.update(row[0] for row in database.connection.execute(
            f'SELECT id FROM "{table}" WHERE id IN ({",".join("?" * len(chunk))})', chunk))
    return found


def _check_ids_against_base(database: Database,
                            rows: list[tuple[str, str, dict[str, Any], str]]) -> None:
    # Every record that travels has a clock, and the clocks are keyed by id alone: an id
    # the base holds under another kind would mix two records' histories.
    wanted = {record_id: (kind, source) for kind, record_id, _row, source in rows}
    ids = sorted(wanted)
    for start in range(0, len(ids), _CHUNK):
        chunk = ids[start:start + _CHUNK]
        for record_id, kind in database.connection.execute(
                f"SELECT id, kind FROM record_clock WHERE id IN ({','.join('?' * len(chunk))})",
                chunk):
            if kind != wanted[record_id][0]:
                raise _two_kinds(wanted[record_id][1], kind, wanted[record_id][0])


def _references(kind: str, row: dict[str, Any]) -> Iterable[tuple[str, str, str]]:
    """``(field, target kind, id)`` of every reference ``row`` makes."""
    for name, target in REFERENCES.get(kind, {}).items():
        value = row.get(name)
        for target_id in value if isinstance(value, list) else [value]:
            if target_id is not None:
                yield name, target, str(target_id)
    if kind == "time_entry" and row.get("source_id") is not None:
        yield "source_id", str(row["source_kind"]), str(row["source_id"])


def _check_references(database: Database,
                      rows: list[tuple[str, str, dict[str, Any], str]]) -> None:
    written: dict[str, set[str]] = {}
    for kind, record_id, _row, _source in rows:
        written.setdefault(kind, set()).add(record_id)
    wanted: dict[str, dict[str, tuple[str, str, str]]] = {}
    for kind, _record_id, row, source in rows:
        for name, target, target_id in _references(kind, row):
            if target_id not in written.get(target, ()):
                wanted.setdefault(target, {}).setdefault(target_id, (kind, name, source))
    for target, ids in wanted.items():
        missing = set(ids) - _existing(database, target, sorted(ids))
        if missing:
            kind, name, source = ids[min(missing)]
            raise BundleRefused(
                source, f"un enregistrement ({KIND_LABELS[kind]}) renvoie, par son champ "
                f"« {field_label(name)} », à un enregistrement ({KIND_LABELS[target]}) qui "
                "n'est ni dans le paquet ni dans cette base. Intégrez d'abord les paquets "
                "plus anciens de cet ordinateur, ou demandez-lui un paquet complet "
                "(« sps-desk bundle --all »).")


def _check_brackets(database: Database,
                    rows: list[tuple[str, str, dict[str, Any], str]]) -> None:
    # On a laptop the chief's service record may arrive in the same merge.
    incoming = [row for kind, _id, row, _source in rows if kind == "service"]
    brackets = (AgeBrackets.model_validate(incoming[0]["age_brackets"]) if incoming
                else database.service().age_brackets)
    allowed = set(brackets.keys())
    for kind, _record_id, row, source in rows:
        column = _TALLIES.get(kind)
        if column is None:
            continue
        unknown = sorted({str(cell["age_bracket"]) for cell in row[column]} - allowed)
        if unknown:
            known = ", ".join(brackets.label(key) for key in brackets.keys())
            raise BundleRefused(
                source, f"un enregistrement ({KIND_LABELS[kind]}) compte des personnes dans "
                f"la tranche d'âge « {unknown[0]} », que ce service n'a pas (ses tranches : "
                f"{known}). L'ordinateur qui l'a envoyé doit d'abord recevoir le paquet de "
                "retour du chef de service, puis refaire son paquet.")
