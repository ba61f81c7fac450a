"""The bundle file: changes of records, sealed to one base and signed by the sender.

Layout: ``MAGIC`` (16 bytes), format version (1 byte), the recipient's X25519 public key
(32 bytes, in clear only so that a bundle for another base gets a clear message), then a
libsodium sealed box of the signed payload. The payload is zlib-compressed JSON, signed
with the sender's Ed25519 key (signature first, 64 bytes); the sender's public keys are
inside it and must match the ones this base already trusts for that device. Signing
inside the encryption hides who sent the bundle from anyone but the recipient.

Reading checks, in order, and refuses with a French message before anything is written:
shape and version, recipient, decryption (any flipped or missing byte fails here), the
payload's structure, the signature, the service, then every record against the domain
rules.
"""

from __future__ import annotations

import json
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
_HEADER = len(MAGIC) + 1 + 32
_SIGNATURE = 64

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

    ``up_to_seq`` is the sender's last change number included (a laptop's bundle);
    ``ack_seq`` the recipient laptop's last change the chief has merged (a chief's bundle).
    ``erased``/``anonymised`` are ids of young people erased (art. 17) or anonymised by a
    retention purge on the sender.
    """

    service_id: str
    sender: DeviceKeys
    recipient: DeviceKeys
    direction: Direction
    items: list[Item]
    up_to_seq: int = 0
    ack_seq: int = 0
    erased: list[str] = field(default_factory=list)
    anonymised: list[str] = field(default_factory=list)
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
            "erased": sorted(self.erased), "anonymised": sorted(self.anonymised),
            "records": [{"kind": i.kind, **i.version.to_json()} for i in self.items],
        }


def seal(bundle: Bundle, signing: SigningKey) -> bytes:
    """The bytes of ``bundle``: signed by ``signing``, sealed to its recipient."""
    message = zlib.compress(
        json.dumps(bundle.payload(), ensure_ascii=False, sort_keys=True).encode(), 9)
    signed = signing.sign(message)
    box_key = bytes.fromhex(bundle.recipient.box_key)
    sealed = SealedBox(PublicKey(box_key)).encrypt(bytes(signed))
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
        signature, message = signed[:_SIGNATURE], signed[_SIGNATURE:]
        payload = json.loads(zlib.decompress(message))
        sender = DeviceKeys.from_json(payload["sender"])
        recipient = DeviceKeys.from_json(payload["recipient"])
    except (CryptoError, ValueError, KeyError, TypeError, zlib.error):
        raise _altered(name) from None
    try:
        VerifyKey(bytes.fromhex(sender.sign_key)).verify(message, signature)
    except BadSignatureError:
        raise BundleRefused(name, "sa signature ne correspond pas à l'ordinateur qui dit "
                            "l'avoir envoyé. Ne l'utilisez pas et prévenez le chef de "
                            "service.") from None
    return _parse(payload, sender, recipient, name)


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
            ack_seq=int(payload["ack_seq"]),
            erased=[str(i) for i in payload["erased"]],
            anonymised=[str(i) for i in payload["anonymised"]],
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
