"""The statistics file's origin: the service's Ed25519 signature and its audit head.

A SHA-256 checksum detects accidents, not forgery: anyone can change a figure and compute
it again. So the service signs the file with the Ed25519 key its team bundles are already
signed with (``store/sync/identity.py``, kept inside the encrypted base), over the file's
canonical JSON (:func:`~sps_desk.reports.statistics_file.canonical_content`) prefixed by a
label that no bundle signature starts with. The file carries both public keys, whose
fingerprint is the one ``sps-desk key`` shows the chief: the Département compares it once
and keeps the key in its register (``reports/register.py``).

The file also carries the head of the service's keyed audit chain when it was made
(``audit_head``): the Département holds it as a witness against a rewritten log.
"""

from __future__ import annotations

from typing import Any

from nacl.exceptions import BadSignatureError
from nacl.signing import VerifyKey

from sps_desk.errors import SpsDeskError
from sps_desk.reports.statistics_file import (
    AuditHead,
    FileSignature,
    StatisticsFile,
    canonical_content,
    content_sha256,
)
from sps_desk.store import audit
from sps_desk.store.database import Database
from sps_desk.store.sync.identity import DeviceKeys, chief_keys, own_keys, private_keys

CONTEXT = b"sps_desk.statistics_file signature v1\n"
"""Prefix of every signed message: a statistics file's signature can never be taken for
a bundle's, nor the reverse (both use the same key)."""


class NotTheServiceBase(SpsDeskError):
    """A laptop base cannot sign for the service: its key is the laptop's."""

    def __init__(self) -> None:
        super().__init__(
            "Cette base est celle d'un ordinateur d'éducateur : le fichier statistique du "
            "service est produit et signé sur la base du chef de service. Rien n'a été écrit."
        )


class SignatureRefused(SpsDeskError):
    """A statistics file whose signature is missing or wrong (names the file)."""


def fingerprint(sign_key: str, box_key: str) -> str:
    """The fingerprint of a service's two public keys (hex), as ``sps-desk key`` prints it."""
    return DeviceKeys("", "", sign_key, box_key).fingerprint


def sign_statistics_file(database: Database, statistics_file: StatisticsFile) -> StatisticsFile:
    """``statistics_file`` with the base's audit head, its checksum, and the service's
    signature over everything else.

    Creates the service's keys on first use (in the encrypted base).

    Raises:
        NotTheServiceBase: the base is an educator's laptop.
    """
    if chief_keys(database) is not None:
        raise NotTheServiceBase()
    signing, _ = private_keys(database)
    public = own_keys(database)
    seq, head = audit.head_entry(database.connection)
    data = statistics_file.model_copy(
        update={"audit_head": AuditHead(seq=seq, hash=head), "signature": None}
    ).model_dump(mode="json")
    data["sha256"] = content_sha256(data)
    value = signing.sign(CONTEXT + canonical_content(data)).signature
    data["signature"] = FileSignature(
        algorithm="ed25519", sign_key=public.sign_key, box_key=public.box_key,
        fingerprint=public.fingerprint, value=value.hex(),
    ).model_dump(mode="json")
    return StatisticsFile.model_validate(data)


def verify_signature(
    data: dict[str, Any], name: str, content: bytes | None = None
) -> FileSignature:
    """Check the signature of a file's JSON ``data`` (checksum already checked); returns it.
    ``content``: :func:`canonical_content` of ``data`` when the caller has it already.

    Proves that whoever holds ``sign_key`` made this very content; whether that key is
    the service's is the register's question.

    Raises:
        SignatureRefused: no signature, a malformed one, or one that does not match the
            content (altered after export, checksum recomputed). Names ``name``.
    """
    raw = data.get("signature")
    if raw is None:
        raise SignatureRefused(
            f"{name} : le fichier n'est pas signé, on ne peut pas prouver qu'il vient du "
            "service ; demandez au service un nouvel export fait avec une version à jour de "
            "sps_desk.")
    try:
        signature = FileSignature.model_validate(raw)
        key = VerifyKey(bytes.fromhex(signature.sign_key))
        signed = canonical_content(data) if content is None else content
        key.verify(CONTEXT + signed, bytes.fromhex(signature.value))
    except (BadSignatureError, ValueError, TypeError):
        raise SignatureRefused(
            f"{name} : la signature ne correspond pas au contenu : le fichier a été modifié "
            "après l'export (même si sa somme de contrôle a été recalculée). Demandez au "
            "service de vous renvoyer son fichier.") from None
    if signature.fingerprint != fingerprint(signature.sign_key, signature.box_key):
        raise SignatureRefused(
            f"{name} : l'empreinte annoncée ne correspond pas aux clés du fichier ; "
            "demandez au service de vous renvoyer son fichier.")
    return signature
