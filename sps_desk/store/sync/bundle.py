"""The bundle file: changes of records, sealed to one base and signed by the sender.

Layout: ``MAGIC`` (16 bytes), format version (1 byte), the recipient's X25519 public key
(32 bytes, in clear only so that a bundle for another base gets a clear message), then a
libsodium sealed box of: the sender's Ed25519 public key (32 bytes), its signature (64
bytes) of the rest, and the zlib-compressed JSON payload, which names the same key and
must match the one this base already trusts for that device. Signing inside the
encryption hides who sent the bundle from anyone but the recipient.

Reading checks, in order, and refuses with a French message before anything is written:
size, shape and version, recipient, decryption (any flipped or missing byte fails here),
the signature (before decompressing), then the payload: decompression is streamed and
stops at a limit sized on real bundles (and on the compressed size, so that a small
forged file cannot inflate to hundreds of megabytes), the JSON text must not hold more
containers nor deeper nesting than a real bundle could, then its structure, one kind per
record id, every record against the domain rules (each row is kept as the model writes
it back, so that nothing downstream meets a value a model merely tolerated). Rules that
need the recipient's base (its settings, references between records) are checked by
:mod:`sps_desk.store.sync.validation` before the merge writes.
"""

from __future__ import annotations

import json
import secrets
import uuid
import zlib
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal, NamedTuple

import orjson
from isal import isal_zlib
from nacl.exceptions import BadSignatureError, CryptoError
from nacl.public import PrivateKey, PublicKey, SealedBox
from nacl.signing import SigningKey, VerifyKey
from pydantic import ValidationError

from sps_desk.inputs import read_input, size_text
from sps_desk.records import RECORD_KINDS, Record
from sps_desk.store.sync.errors import BundleRefused
from sps_desk.store.sync.identity import DeviceKeys
from sps_desk.versions import Version

MAGIC = b"SPS-DESK-PAQUET\x00"
FORMAT_VERSION = 1
MAX_BUNDLE_BYTES = 64 * 1024 * 1024
"""Largest bundle file read. Measured: the demo year (6 staff, 4 642 records) sends
250 KiB; a large service's ten years with 20 staff, all in one bundle, about 9 MiB."""
MAX_PAYLOAD_BYTES = 256 * 1024 * 1024
"""Largest decompressed payload: the demo year is 2.5 MB of JSON, a large service's
decade about 85 MB."""
MAX_INFLATION = 32
"""Largest ratio of decompressed to compressed payload, above :data:`INFLATION_FLOOR`.
Real bundles inflate about 10 times (random UUIDs do not compress); a forged stream of
repeated bytes inflates a thousand times."""
INFLATION_FLOOR = 16 * 1024 * 1024
"""Decompressed bytes always allowed, whatever the ratio (a small bundle of long texts)."""
MIN_BYTES_PER_CONTAINER = 24
"""Fewest bytes of JSON per object or list: real bundles have about 125; empty
containers packed together (``[{},{},…]``) would cost 20 times their size in memory."""
MAX_DEPTH = 8
"""Deepest nesting of the payload: a real one goes payload → records → record → row →
list of tallies → tally (6 levels)."""
MAX_SEQ = 2**62
"""Largest change number accepted (SQLite stores 64-bit integers)."""
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


class EncodedItem(NamedTuple):
    """One record version in a bundle, written as the JSON the bundle carries
    (``{"kind": …, "clock": …, "row": …}``, see ``Repository.json_sql``): a chief's
    bundle for a laptop sends tens of thousands of them as SQLite wrote them, without a
    Python object per field. The recipient reads it back as an :class:`Item`."""

    kind: str
    record_id: str
    text: str

    def decoded(self) -> Item:
        """The item the recipient reads from :attr:`text`."""
        return Item(self.kind, Version.from_json(orjson.loads(self.text)))


@dataclass
class Bundle:
    """The content of a bundle file.

    ``up_to_seq`` is the sender's last change number included and ``token`` a random name
    of this bundle (a laptop's bundle); ``ack_seq``/``ack_token`` are those of the
    recipient laptop's latest bundle the chief has merged (a chief's bundle), so that a
    laptop restored from a backup, which never made that bundle, knows it. On a laptop's
    bundle, ``ack_seq`` is the change number its changes start after (what it believes
    the chief holds), so that a chief's base restored from a backup knows what it lacks.
    ``erased``/``anonymised`` are ids of young people erased (art. 17) or anonymised by a
    retention purge on the sender; ``revoked`` (a chief's bundle) the laptops the chief
    revoked, device id → revocation time (UTC, ISO 8601). ``encoded`` (a chief's bundle
    for a laptop) are records already written as JSON, sent after ``items``; a bundle
    read back has them all in ``items``.
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
    encoded: list[EncodedItem] = field(default_factory=list)
    name: str = ""
    """File name, for messages (not stored)."""

    @property
    def records(self) -> int:
        """How many records the bundle holds."""
        return len(self.items) + len(self.encoded)

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
            "records": [*({"kind": i.kind, **i.version.to_json()} for i in self.items),
                        *(orjson.Fragment(i.text) for i in self.encoded)],
        }


def seal(bundle: Bundle, signing: SigningKey) -> bytes:
    """The bytes of ``bundle``: signed by ``signing``, sealed to its recipient."""
    # Neither sorted keys nor a canonical form: the signature covers these very bytes,
    # and a reader only needs valid JSON. orjson writes a laptop's return bundle of a
    # large service (22 MB of JSON) six times faster than the json module. ISA-L writes
    # the same zlib format (read back by the standard zlib module) five times faster
    # than zlib's level 3, and smaller: 3.3 MB instead of 3.5 MB (issue 12).
    message = isal_zlib.compress(orjson.dumps(bundle.payload()), 2)
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
    text = _inflate(message, name)
    payload = _load(text, name)
    try:
        sender = DeviceKeys.from_json(payload["sender"])
        recipient = DeviceKeys.from_json(payload["recipient"])
    except (ValueError, KeyError, TypeError):
        raise _altered(name) from None
    if bytes.fromhex(sender.sign_key) != sign_key:
        raise _wrongly_signed(name)
    return _parse(payload, sender, recipient, name)


def read_bundle_file(path: Path) -> tuple[str, bytes]:
    """``(name, bytes)`` of the bundle file ``path``, read within :data:`MAX_BUNDLE_BYTES`.

    Raises:
        InputRefused: a folder, a pipe or a device, or a file over the limit.
        OSError: the file cannot be read.
    """
    return path.name, read_input(path, limit=MAX_BUNDLE_BYTES, what="paquet de transfert")


def _too_big(name: str, limit: int) -> BundleRefused:
    return BundleRefused(name, f"son contenu décompressé dépasse {size_text(limit)}, bien "
                         "trop gros pour un paquet sps_desk de cette taille. Ne l'utilisez "
                         "pas et prévenez le chef de service.")


def _inflate(message: bytes, name: str) -> bytes:
    """The decompressed payload, refused as soon as it passes its limit."""
    limit = min(MAX_PAYLOAD_BYTES, INFLATION_FLOOR + MAX_INFLATION * len(message))
    inflater = zlib.decompressobj()
    out = bytearray()
    pending = message
    try:
        while pending and not inflater.eof:
            out += inflater.decompress(pending, min(1024 * 1024, limit + 1 - len(out)))
            if len(out) > limit:
                raise _too_big(name, limit)
            pending = inflater.unconsumed_tail
        if not inflater.eof:
            out += inflater.flush(limit + 1 - len(out))
    except zlib.error:
        raise _altered(name) from None
    if len(out) > limit:
        raise _too_big(name, limit)
    if not inflater.eof or inflater.unused_data or inflater.unconsumed_tail:
        raise _altered(name)
    return bytes(out)


def _malformed(name: str, what: str) -> BundleRefused:
    return BundleRefused(name, f"son contenu n'a pas la forme d'un paquet sps_desk ({what}). "
                         "Ne l'utilisez pas ; l'ordinateur qui l'a envoyé doit mettre "
                         "sps_desk à jour et refaire le paquet.")


def _no_constant(name: str) -> float:
    raise ValueError(name)


def _load(text: bytes, name: str) -> dict[str, Any]:
    """The payload as JSON, refused when it could cost far more memory than its size."""
    containers = text.count(b"{") + text.count(b"[")
    if containers * MIN_BYTES_PER_CONTAINER > len(text) + 4096:
        raise _malformed(name, "beaucoup trop d'objets pour sa taille")
    try:
        # NaN and Infinity are not JSON, and no value of a record is one.
        payload = json.loads(text, parse_constant=_no_constant)
    except RecursionError:
        raise _malformed(name, f"imbrication de plus de {MAX_DEPTH} niveaux") from None
    except ValueError:  # also UnicodeDecodeError, and integers of thousands of digits
        raise _altered(name) from None
    if _depth(payload) > MAX_DEPTH:
        raise _malformed(name, f"imbrication de plus de {MAX_DEPTH} niveaux")
    if not isinstance(payload, dict):
        raise _altered(name)
    return payload


def _depth(value: object) -> int:
    """Nesting depth of a JSON value (a scalar is 0), without recursion."""
    deepest = 0
    stack: list[tuple[object, int]] = [(value, 0)]
    while stack:
        item, level = stack.pop()
        if isinstance(item, dict):
            children: Iterable[object] = item.values()
        elif isinstance(item, list):
            children = item
        else:
            continue
        deepest = max(deepest, level + 1)
        if deepest > MAX_DEPTH:
            return deepest
        stack.extend((child, level + 1) for child in children)
    return deepest


def _wrongly_signed(name: str) -> BundleRefused:
    return BundleRefused(name, "sa signature ne correspond pas à l'ordinateur qui dit "
                         "l'avoir envoyé. Ne l'utilisez pas et prévenez le chef de service.")


def _parse(payload: dict[str, Any], sender: DeviceKeys, recipient: DeviceKeys,
           name: str) -> Bundle:
    kinds: dict[str, str] = {}
    raw: Any = None
    try:
        direction = payload["direction"]
        if direction not in ("to_chief", "to_device") or payload.get("version") != 1:
            raise ValueError(direction)
        items = []
        for raw in payload["records"]:
            model = MODELS[raw["kind"]]
            version = Version.from_json(raw)
            if any(type(count) is not int or count < 0 for count in raw["clock"].values()):
                raise ValueError("clock")
            # Validate against today's domain rules; refuse the whole bundle otherwise.
            # The row goes on as the model writes it (a timestamp given as a number,
            # which the model accepts, becomes the text every other row has).
            row = model.model_validate(version.row).model_dump(mode="json")
            item = Item(model.kind, Version(row, version.clock))
            if kinds.setdefault(item.record_id, model.kind) != model.kind:
                raise _malformed(name, "un même identifiant pour deux sortes "
                                 "d'enregistrements")
            items.append(item)
        up_to_seq, ack_seq = int(payload["up_to_seq"]), int(payload["ack_seq"])
        if not (0 <= up_to_seq <= MAX_SEQ and 0 <= ack_seq <= MAX_SEQ):
            raise ValueError("seq")
        return Bundle(
            service_id=str(payload["service_id"]), sender=sender, recipient=recipient,
            direction=direction, items=items, up_to_seq=up_to_seq, ack_seq=ack_seq,
            token=str(payload["token"]), ack_token=str(payload["ack_token"]),
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
    except (KeyError, TypeError, ValueError, AttributeError, RecursionError):
        raise _altered(name) from None
