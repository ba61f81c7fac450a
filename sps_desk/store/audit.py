"""The audit log: who did what kind of action on which record id, hash-chained.

Each entry holds a time (UTC), a user id, an action code, a record id and a detail made of
counts or file kinds — never personal data (no name, code or nickname). Entry ``n``'s
hash is SHA-256 of entry ``n-1``'s hash and of entry ``n``'s canonical JSON, and the
last sequence number and hash are kept in ``meta``: :func:`verify` then detects an entry
edited, removed (including the last one) or moved. Source: convention art. 9 and the
GDPR's accountability (art. 5.2, 32).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from hashlib import sha256

import sqlcipher3

GENESIS = "0" * 64

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
    "service_joined": "rattachement au service d'un chef (clé publique reçue)",
    "bundle_written": "paquet de transfert écrit",
    "merge": "intégration de paquets de transfert",
    "conflict_resolved": "conflit de fusion tranché",
    "service_settings": "modification des réglages du service",
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


def _digest(previous: str, seq: int, at: str, user_id: str | None, action: str,
            record_id: str | None, detail: str) -> str:
    canonical = json.dumps(
        [seq, at, user_id, action, record_id, detail], ensure_ascii=True, separators=(",", ":")
    )
    return sha256((previous + canonical).encode("ascii")).hexdigest()


def _head(connection: sqlcipher3.Connection) -> tuple[int, str]:
    row = connection.execute("SELECT value FROM meta WHERE key = 'audit_head'").fetchone()
    if row is None:
        return 0, GENESIS
    seq, _, digest = row[0].partition(":")
    return int(seq), digest


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
        seq, previous = _head(connection)
        seq += 1
        digest = _digest(previous, seq, when, user, action, target, detail)
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
        if own:
            connection.execute("ROLLBACK")
        raise
    if own:
        connection.execute("COMMIT")
    return AuditEntry(seq, when, user, action, target, detail, previous, digest)


def entries(connection: sqlcipher3.Connection) -> list[AuditEntry]:
    """Every entry in sequence order."""
    rows = connection.execute(
        "SELECT seq, at, user_id, action, record_id, detail, previous_hash, hash "
        "FROM audit_log ORDER BY seq"
    ).fetchall()
    return [AuditEntry(*row) for row in rows]


def verify(connection: sqlcipher3.Connection) -> list[str]:
    """French descriptions of every break in the chain; empty when the log is intact."""
    problems: list[str] = []
    previous = GENESIS
    expected_seq = 1
    last_seq, last_hash = 0, GENESIS
    for entry in entries(connection):
        if entry.seq != expected_seq:
            problems.append(
                f"entrée {expected_seq} absente (la suivante porte le numéro {entry.seq})"
            )
        if entry.previous_hash != previous:
            problems.append(f"entrée {entry.seq} : chaînage rompu (entrée retirée ou déplacée)")
        recomputed = _digest(entry.previous_hash, entry.seq, entry.at, entry.user_id,
                             entry.action, entry.record_id, entry.detail)
        if recomputed != entry.hash:
            problems.append(f"entrée {entry.seq} : contenu modifié")
        previous = entry.hash
        expected_seq = entry.seq + 1
        last_seq, last_hash = entry.seq, entry.hash
    head_seq, head_hash = _head(connection)
    if (head_seq, head_hash) != (last_seq, last_hash):
        problems.append(
            f"le journal devrait finir à l'entrée {head_seq}, il finit à l'entrée {last_seq} "
            "(entrées retirées à la fin, ou ajoutées hors de l'application)"
        )
    return problems
