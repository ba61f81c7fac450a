"""The bundle file: changes of records, sealed to one base and signed by the sender.

Layout: ``MAGIC`` (16 bytes), format version (1 byte), the recipient's X25519 public key
(32 bytes, in clear only so that a bundle for another base gets a clear message), then a
libsodium sealed box of: the sender's Ed25519 public key (32 bytes), its signature (64
bytes) of the rest, and the zlib-compressed JSON payload, which names the same key and
must match the one this base already trusts for that device. Signing inside the
encryption hides who sent the bundle from anyone but the recipient.

Reading checks, in order, and refuses with a French message before anything is written:
size, shape and version, recipient, decryption (any flipped or missing byte fails here),
the signature (before decompressing, and decompression is bounded, so that a small forged
file cannot exhaust memory), the payload's structure, then every record against the
domain rules.
"""

from __future__ import annotations

import json
import secrets
import uuid
import zlib
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from typing import Any, Literal

from nacl.exceptions import BadSignatureError, CryptoError
from nacl.public import PrivateKey, PublicKey, SealedBox
from nacl.signing import SigningKey, VerifyKey
from pydantic import ValidationError

from sps_desk.records import RECORD_KINDS, Record
from sps_desk.store.sync.errors import BundleRefused
from sps_desk.store.sync.identity import DeviceKeys
from sps_desk.versions import Version

MAGIC = b"SPS-DESK-PAQUET\x00"
FORMAT_VERSION = 1
MAX_BUNDLE_BYTES = 256 * 1024 * 1024
"""Largest bundle file accepted (a demo year, ~4 600 records, is about 250 KiB)."""
MAX_PAYLOAD_BYTES = 1024 * 1024 * 1024
"""Largest decompressed payload accepted."""
_HEADER = len(MAGIC) + 1 + 32
_KEY, _SIGNATURE = 32, 64

Direction = Literal["to_chief", "to_device"]
MODELS: dict[str, type[Record]] = {model.kind: model for model in RECORD_KINDS}


@dataclass(frozen=True)
class Item:
    """One record version in a bundle."""

    kind: str
    version: Version

    @property
    def record_id(self) -> str:
        """The record's UUID as text."""
        return str(self.version.row["id"])


@dataclass
class Bundle:
    """The content of a bundle file.

    ``up_to_seq`` is the sender's last change number included and ``token`` a random name
    of this bundle (a laptop's bundle); ``ack_seq``/``ack_token`` are those of the
    recipient laptop's latest bundle the chief has merged (a chief's bundle), so that a
    laptop restored from a backup, which never made that bundle, knows it.
    ``erased``/``anonymised`` are ids of young people erased (art. 17) or anonymised by a
    retention purge on the sender; ``revoked`` (a chief's bundle) the laptops the chief
    revoked, device id → revocation time (UTC, ISO 8601).
    """

    service_id: str
    sender: DeviceKeys
    recipient: DeviceKeys
    direction: Direction
    items: list[Item]
    up_to_seq: int = 0
    ack_seq: int = 0
    token: str = field(default_factory=lambda: secrets.token_hex(8))
    ack_token: str = ""
    erased: list[str] = field(default_factory=list)
    anonymised: list[str] = field(default_factory=list)
    revoked: dict[str, str] = field(default_factory=dict)
    created_at: str = field(default_factory=lambda: datetime.now(UTC).isoformat())
    name: str = ""
    """File name, for messages (not stored)."""

    def payload(self) -> dict[str, Any]:
        """The JSON-ready payload."""
        return {
            "format": "sps_desk.paquet", "version": FORMAT_VERSION,
            "service_id": self.service_id, "created_at": self.created_at,
            "direction": self.direction,
            "sender": asdict(self.sender), "recipient": asdict(self.recipient),
            "up_to_seq": self.up_to_seq, "ack_seq": self.ack_seq,
            "token": self.token, "ack_token": self.ack_token,
            "erased": sorted(self.erased), "anonymised": sorted(self.anonymised),
            "revoked": dict(sorted(self.revoked.items())),
            "records": [{"kind": i.kind, **i.version.to_json()} for i in self.items],
        }


def seal(bundle: Bundle, signing: SigningKey) -> bytes:
    """The bytes of ``bundle``: signed by ``signing``, sealed to its recipient."""
    message = zlib.compress(
        json.dumps(bundle.payload(), ensure_ascii=False, sort_keys=True).encode(), 9)
    signed = bytes(signing.verify_key) + signing.sign(message).signature + message
    box_key = bytes.fromhex(bundle.recipient.box_key)
    sealed = SealedBox(PublicKey(box_key)).encrypt(signed)
    return MAGIC + bytes([FORMAT_VERSION]) + box_key + sealed


def _altered(name: str) -> BundleRefused:
    return BundleRefused(name, "il est abîmé, tronqué ou a été modifié après son envoi. "
                         "Demandez à l'expéditeur de le refaire.")


def unseal(data: bytes, name: str, box: PrivateKey) -> Bundle:
    """Check and read the bytes of a bundle addressed to the holder of ``box``.

    Raises:
        BundleRefused: not a bundle, a newer format, meant for another base, altered or
            truncated, wrongly signed, or holding a record that breaks a domain rule.
    """
    if len(data) > MAX_BUNDLE_BYTES:
        raise BundleRefused(name, "il est bien trop gros pour un paquet sps_desk. Vérifiez le "
                            "fichier choisi.")
    if not data.startswith(MAGIC):
        raise BundleRefused(name, "ce fichier n'est pas un paquet sps_desk. Vérifiez le "
                            "fichier choisi.")
    if len(data) <= _HEADER:
        raise _altered(name)
    if data[len(MAGIC)] != FORMAT_VERSION:
        raise BundleRefused(name, "il vient d'une version plus récente de sps_desk : "
                            "mettez l'application à jour.")
    if data[len(MAGIC) + 1:_HEADER] != bytes(box.public_key):
        raise BundleRefused(name, "il est destiné à une autre base (un autre chef de service "
                            "ou un autre ordinateur). Vérifiez le fichier choisi.")
    try:
        signed = SealedBox(box).decrypt(data[_HEADER:])
    except CryptoError:
        raise _altered(name) from None
    sign_key, signature = signed[:_KEY], signed[_KEY:_KEY + _SIGNATURE]
    message = signed[_KEY + _SIGNATURE:]
    try:
        VerifyKey(sign_key).verify(message, signature)
    except (BadSignatureError, ValueError, TypeError):
        raise _wrongly_signed(name) from None
    try:
        inflater = zlib.decompressobj()
        text = inflater.decompress(message, MAX_PAYLOAD_BYTES)
        if inflater.unconsumed_tail:
            raise BundleRefused(name, "son contenu est bien trop gros pour un paquet sps_desk.")
        payload = json.loads(text)
        sender = DeviceKeys.from_json(payload["sender"])
        recipient = DeviceKeys.from_json(payload["recipient"])
    except (ValueError, KeyError, TypeError, zlib.error):
        raise _altered(name) from None
    if bytes.fromhex(sender.sign_key) != sign_key:
        raise _wrongly_signed(name)
    return _parse(payload, sender, recipient, name)


def _wrongly_signed(name: str) -> BundleRefused:
    return BundleRefused(name, "sa signature ne correspond pas à l'ordinateur qui dit "
                         "l'avoir envoyé. Ne l'utilisez pas et prévenez le chef de service.")


def _parse(payload: dict[str, Any], sender: DeviceKeys, recipient: DeviceKeys,
           name: str) -> Bundle:
    try:
        direction = payload["direction"]
        if direction not in ("to_chief", "to_device") or payload.get("version") != 1:
            raise ValueError(direction)
        items = []
        for raw in payload["records"]:
            model = MODELS[raw["kind"]]
            version = Version.from_json(raw)
            # Validate against today's domain rules; refuse the whole bundle otherwise.
            model.model_validate(version.row)
            items.append(Item(model.kind, version))
        return Bundle(
            service_id=str(payload["service_id"]), sender=sender, recipient=recipient,
            direction=direction, items=items, up_to_seq=int(payload["up_to_seq"]),
            ack_seq=int(payload["ack_seq"]), token=str(payload["token"]),
            ack_token=str(payload["ack_token"]),
            erased=[str(i) for i in payload["erased"]],
            anonymised=[str(i) for i in payload["anonymised"]],
            # Bundles made before revocations existed have none.
            revoked={str(uuid.UUID(str(k))): datetime.fromisoformat(str(v)).isoformat()
                     for k, v in payload.get("revoked", {}).items()},
            created_at=str(payload["created_at"]), name=name,
        )
    except ValidationError as error:
        kind = MODELS.get(str(raw.get("kind")))
        what = kind.__name__ if kind else "?"
        raise BundleRefused(name, f"un enregistrement ({what}) ne respecte pas les règles "
                            f"({error.error_count()} erreur(s)). Mettez à jour sps_desk sur "
                            "l'ordinateur qui l'a envoyé et refaites le paquet.") from None
    except (KeyError, TypeError, ValueError, AttributeError):
        raise _altered(name) from None
