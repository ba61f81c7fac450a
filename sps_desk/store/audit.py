"""The audit log: who did what kind of action on which record id, in a keyed chain.

Each entry holds a time (UTC), a user id, an action code, a record id and a detail made of
counts or file kinds — never personal data (no name, code or nickname). Entry ``n``'s
hash is HMAC-SHA256, under a 256-bit secret kept inside the encrypted base (``meta``), of
entry ``n-1``'s hash and of entry ``n``'s canonical JSON; the last sequence number and
hash (the *head*) are kept in ``meta``. :func:`verify` detects an entry edited, removed
(including the last one) or moved by anyone without the secret.

Whoever holds the base's key holds the secret too, and could rewrite the whole chain. So
the head is also witnessed outside the base: every statistics file carries it
(``audit_head``), the diffusion report prints it, and :func:`check_witness` says whether
a head seen earlier is still in the chain — a rewritten, truncated or rolled-back log
(an older copy of the base put back) no longer contains it. Since the secret stays the
same when the database key is rotated, witnesses survive a rotation.

Bases of schema 1.3 to 1.9 had an unkeyed SHA-256 chain: :func:`ensure_keyed` checks it,
re-chains every entry with the secret and records the result, once, at the first opening
by this version. Source: convention art. 9 and the GDPR's accountability (art. 5.2, 32).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from hashlib import sha256
from typing import TYPE_CHECKING

import sqlcipher3

if TYPE_CHECKING:
    from sps_desk.store.database import Database

GENESIS = "0" * 64
_KEY = "audit_key"

ACTIONS: dict[str, str] = {
    "base_created": "création de la base",
    "unlock": "ouverture de la base",
    "unlock_failed": "échec d'ouverture (phrase de passe incorrecte)",
    "recovery_used": "ouverture avec la clé de secours",
    "identity_revealed": "affichage d'une identité",
    "identity_copied": "copie d'un champ d'identité",
    "rectification": "rectification d'une fiche",
    "restriction": "limitation du traitement",
    "restriction_lifted": "levée de la limitation",
    "rights_export": "export des droits d'accès et de portabilité",
    "export": "export",
    "import": "import",
    "erasure": "effacement d'un jeune",
    "purge": "purge des données échues",
    "user_added": "ajout d'un utilisateur",
    "user_removed": "retrait d'un utilisateur",
    "passphrase_changed": "changement de phrase de passe",
    "passphrase_recovered": "nouvelle phrase de passe par la clé de secours",
    "recovery_key_replaced": "nouvelle clé de secours",
    "database_rekeyed": "changement de la clé de la base",
    "register_printed": "édition du registre des traitements",
    "incident_sheet": "édition de la fiche d'incident",
    "backup": "sauvegarde",
    "backup_folder": "choix du dossier des sauvegardes automatiques",
    "backup_restored": "restauration d'une sauvegarde",
    "service_joined": "rattachement au service d'un chef (clé publique reçue)",
    "bundle_written": "paquet de transfert écrit",
    "merge": "intégration de paquets de transfert",
    "conflict_resolved": "conflit de fusion tranché",
    "service_settings": "modification des réglages du service",
    "audit_keyed": "chaînage du journal par une clé propre à la base",
    "cipher_migrated": "conversion d'une base d'une ancienne version de SQLCipher",
    "erasure_register_applied": "effacements réappliqués à une copie plus ancienne",
    "device_revoked": "révocation d'un ordinateur",
}
"""Action codes and their French labels."""


@dataclass(frozen=True)
class AuditEntry:
    """One line of the log (``at`` is an ISO 8601 UTC time)."""

    seq: int
    at: str
    user_id: str | None
    action: str
    record_id: str | None
    detail: str
    previous_hash: str
    hash: str


def _canonical(seq: int, at: str, user_id: str | None, action: str, record_id: str | None,
               detail: str) -> str:
    return json.dumps(
        [seq, at, user_id, action, record_id, detail], ensure_ascii=True, separators=(",", ":")
    )


def _legacy_digest(previous: str, seq: int, at: str, user_id: str | None, action: str,
                   record_id: str | None, detail: str) -> str:
    """The unkeyed SHA-256 link of schema 1.3–1.9, checked once by :func:`ensure_keyed`."""
    canonical = _canonical(seq, at, user_id, action, record_id, detail)
    return sha256((previous + canonical).encode("ascii")).hexdigest()


def _mac(key: bytes, previous: str, seq: int, at: str, user_id: str | None, action: str,
         record_id: str | None, detail: str) -> str:
    canonical = _canonical(seq, at, user_id, action, record_id, detail)
    return hmac.new(key, (previous + canonical).encode("ascii"), hashlib.sha256).hexdigest()


def _head(connection: sqlcipher3.Connection) -> tuple[int, str]:
    row = connection.execute("SELECT value FROM meta WHERE key = 'audit_head'").fetchone()
    if row is None:
        return 0, GENESIS
    seq, _, digest = row[0].partition(":")
    return int(seq), digest


def _stored_key(connection: sqlcipher3.Connection) -> bytes | None:
    row = connection.execute("SELECT value FROM meta WHERE key = ?", (_KEY,)).fetchone()
    return None if row is None else bytes.fromhex(row[0])


def ensure_keyed(connection: sqlcipher3.Connection) -> bytes:
    """The chain's secret; on a base without one, create it and re-chain the log.

    The old SHA-256 chain is checked first and the outcome recorded (« audit_keyed »,
    with counts only), so that a break made before the conversion stays on record. Runs
    in the caller's transaction, or its own. Returns the 32-byte secret.
    """
    key = _stored_key(connection)
    if key is not None:
        return key
    own = not connection.in_transaction
    if own:
        connection.execute("BEGIN IMMEDIATE")
    try:
        old = entries(connection)
        problems = _chain_problems(old, lambda e, previous: _legacy_digest(
            previous, e.seq, e.at, e.user_id, e.action, e.record_id, e.detail))
        key = secrets.token_bytes(32)
        connection.execute("INSERT INTO meta(key, value) VALUES (?, ?)", (_KEY, key.hex()))
        previous = GENESIS
        for entry in old:
            digest = _mac(key, previous, entry.seq, entry.at, entry.user_id, entry.action,
                          entry.record_id, entry.detail)
            connection.execute("UPDATE audit_log SET previous_hash = ?, hash = ? WHERE seq = ?",
                               (previous, digest, entry.seq))
            previous = digest
        if old:
            connection.execute(
                "INSERT OR REPLACE INTO meta(key, value) VALUES ('audit_head', ?)",
                (f"{old[-1].seq}:{previous}",))
            outcome = ("ancien chaînage intact" if not problems
                       else f"ancien chaînage rompu ({len(problems)} anomalie(s))")
            record(connection, "audit_keyed", detail=f"{len(old)} entrée(s) reprises ; {outcome}")
    except BaseException:
        # An I/O error has SQLite roll back by itself: a second ROLLBACK would hide it.
        if own and connection.in_transaction:
            connection.execute("ROLLBACK")
        raise
    if own:
        _commit(connection)
    return key


def _commit(connection: sqlcipher3.Connection) -> None:
    """COMMIT; a failed one (full disk) leaves no transaction open for the next write."""
    try:
        connection.execute("COMMIT")
    except BaseException:
        if connection.in_transaction:
            connection.execute("ROLLBACK")
        raise


def record(
    connection: sqlcipher3.Connection, action: str, *, user_id: object = None,
    record_id: object = None, detail: str = "", at: datetime | None = None,
) -> AuditEntry:
    """Append one entry and move the head, in the caller's transaction or its own.

    ``detail`` must hold no personal data (counts, file kinds). Raises ``ValueError`` for
    an unknown action code.
    """
    if action not in ACTIONS:
        raise ValueError(f"unknown audit action {action!r}")
    when = (at or datetime.now(UTC)).astimezone(UTC).isoformat(timespec="seconds")
    user = None if user_id is None else str(user_id)
    target = None if record_id is None else str(record_id)
    own = not connection.in_transaction
    if own:
        connection.execute("BEGIN IMMEDIATE")
    try:
        key = ensure_keyed(connection)
        seq, previous = _head(connection)
        seq += 1
        digest = _mac(key, previous, seq, when, user, action, target, detail)
        connection.execute(
            "INSERT INTO audit_log(seq, at, user_id, action, record_id, detail, "
            "previous_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (seq, when, user, action, target, detail, previous, digest),
        )
        connection.execute(
            "INSERT OR REPLACE INTO meta(key, value) VALUES ('audit_head', ?)",
            (f"{seq}:{digest}",),
        )
    except BaseException:
        # An I/O error has SQLite roll back by itself: a second ROLLBACK would hide it.
        if own and connection.in_transaction:
            connection.execute("ROLLBACK")
        raise
    if own:
        _commit(connection)
    return AuditEntry(seq, when, user, action, target, detail, previous, digest)


def entries(connection: sqlcipher3.Connection) -> list[AuditEntry]:
    """Every entry in sequence order."""
    rows = connection.execute(
        "SELECT seq, at, user_id, action, record_id, detail, previous_hash, hash "
        "FROM audit_log ORDER BY seq"
    ).fetchall()
    return [AuditEntry(*row) for row in rows]


def _chain_problems(chain: list[AuditEntry],
                    link: Callable[[AuditEntry, str], str]) -> list[str]:
    """French descriptions of the breaks in ``chain`` under ``link(entry, previous)``."""
    problems: list[str] = []
    previous = GENESIS
    expected_seq = 1
    for entry in chain:
        if entry.seq != expected_seq:
            problems.append(
                f"entrée {expected_seq} absente (la suivante porte le numéro {entry.seq})"
            )
        if entry.previous_hash != previous:
            problems.append(f"entrée {entry.seq} : chaînage rompu (entrée retirée ou déplacée)")
        if not hmac.compare_digest(link(entry, entry.previous_hash), entry.hash):
            problems.append(f"entrée {entry.seq} : contenu modifié")
        previous = entry.hash
        expected_seq = entry.seq + 1
    return problems


def verify(connection: sqlcipher3.Connection) -> list[str]:
    """French descriptions of every break in the chain; empty when the log is intact.

    Without a witness (:func:`check_witness`) this cannot see a chain rewritten by
    someone holding the base's key, nor a base replaced by an older copy.
    """
    key = _stored_key(connection)
    chain = entries(connection)
    if key is None:
        return ["le journal n'est pas chaîné par la clé de la base (ouvrez la base avec "
                "cette version pour le convertir)"] if chain else []
    problems = _chain_problems(chain, lambda e, previous: _mac(
        key, previous, e.seq, e.at, e.user_id, e.action, e.record_id, e.detail))
    last_seq, last_hash = (chain[-1].seq, chain[-1].hash) if chain else (0, GENESIS)
    head_seq, head_hash = _head(connection)
    if (head_seq, head_hash) != (last_seq, last_hash):
        problems.append(
            f"le journal devrait finir à l'entrée {head_seq}, il finit à l'entrée {last_seq} "
            "(entrées retirées à la fin, ou ajoutées hors de l'application)"
        )
    return problems


def head(database: Database) -> str:
    """Hex of the keyed chain's head: the hash of the last entry (64 hex digits).

    What the statistics file carries (``audit_head``) and the diffusion report prints:
    a witness of the log as it is now (see :func:`check_witness`).
    """
    return _head(database.connection)[1]


def head_entry(connection: sqlcipher3.Connection) -> tuple[int, str]:
    """``(sequence number, hash)`` of the last entry; ``(0, GENESIS)`` for an empty log."""
    return _head(connection)


@dataclass(frozen=True)
class Witness:
    """A head seen outside the base: its hash, and its entry number when known (a
    statistics file carries both; a hash read off a report's cover has no number)."""

    hash: str
    seq: int | None = None
    source: str = ""
    """For messages: « le fichier X » or « l'empreinte saisie »."""


def check_witness(connection: sqlcipher3.Connection, witness: Witness) -> list[str]:
    """French descriptions of why the log does not extend ``witness``; empty when it does.

    The log extends the witness when one of its entries carries the witness's hash (at
    the witness's number, when known): every entry up to it is then as it was when the
    witness was taken, since each hash covers all earlier ones. Otherwise the history
    before the witness was rewritten, cut, or the base is an older copy.
    """
    wanted = witness.hash.lower()
    chain = entries(connection)
    found = next((e for e in chain if hmac.compare_digest(e.hash, wanted)), None)
    where = witness.source or "le témoin"
    if found is not None and witness.seq in (None, found.seq):
        return []
    last_seq = chain[-1].seq if chain else 0
    if witness.seq is not None and last_seq < witness.seq:
        return [f"le journal finit à l'entrée {last_seq} alors que {where} atteste une "
                f"entrée {witness.seq} : entrées retirées, ou base remplacée par une copie "
                "plus ancienne"]
    if witness.seq is not None:
        return [f"l'entrée {witness.seq} n'est plus celle qu'atteste {where} : le journal a "
                "été réécrit"]
    return [f"aucune entrée du journal ne correspond à {where} : le journal a été réécrit "
            "ou tronqué, ou la base a été remplacée par une copie plus ancienne"]
