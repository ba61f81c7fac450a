"""This base's keys for team merge, and the chief's public-key file.

Each base has two key pairs, generated on first use and kept in the encrypted ``meta``
table (so they are protected like the data): an Ed25519 key that signs the bundles it
sends, and an X25519 key to which bundles for it are sealed. The chief gives laptops the
public halves once, as a small JSON file (``.spskey``) or the same text in a QR code;
both carry the service record, so that a laptop base joins the same service (same id).
"""

from __future__ import annotations

import hashlib
import json
import uuid
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from nacl.public import PrivateKey
from nacl.signing import SigningKey

from sps_desk.inputs import read_input
from sps_desk.qr import IMAGE_SUFFIXES, read_qr
from sps_desk.records import Service
from sps_desk.store import clocks
from sps_desk.store.sync.errors import CannotJoin, KeyFileRefused

if TYPE_CHECKING:
    from sps_desk.store.database import Database

KEY_FILE_FORMAT = "sps_desk.cle_chef"
_SIGN = "sync_sign_seed"
_BOX = "sync_box_secret"
_CHIEF = "sync_chief"
_ACKED = "sync_acked_seq"
_SENT = "sync_sent_bundles"


@dataclass(frozen=True)
class DeviceKeys:
    """The public identity of a base: device id, a label for people, hex public keys."""

    device_id: str
    label: str
    sign_key: str
    box_key: str

    @property
    def fingerprint(self) -> str:
        """20 hex digits in groups of 4, to compare aloud or on paper (SHA-256 of both
        public keys)."""
        digest = hashlib.sha256(bytes.fromhex(self.sign_key) + bytes.fromhex(self.box_key))
        text = digest.hexdigest()[:20].upper()
        return " ".join(text[i:i + 4] for i in range(0, 20, 4))

    @classmethod
    def from_json(cls, data: Any) -> DeviceKeys:
        """Parse the dict written by ``asdict``; raises ``ValueError`` when malformed."""
        if not isinstance(data, dict):
            raise ValueError("clés absentes")
        keys = cls(**{name: str(data[name]) for name in ("device_id", "label", "sign_key",
                                                         "box_key")})
        uuid.UUID(keys.device_id)
        if len(bytes.fromhex(keys.sign_key)) != 32 or len(bytes.fromhex(keys.box_key)) != 32:
            raise ValueError("longueur de clé")
        return keys


def _meta(database: Database, key: str) -> str | None:
    row = database.connection.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
    return row[0] if row else None


def _set_meta(database: Database, key: str, value: str) -> None:
    database.connection.execute(
        "INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)", (key, value))


def has_keys(database: Database) -> bool:
    """Whether this base has made its keys (it has published a key or sent a bundle);
    before that, no bundle can be addressed to it."""
    return _meta(database, _BOX) is not None


def private_keys(database: Database) -> tuple[SigningKey, PrivateKey]:
    """This base's signing key and sealed-box key, created on first use."""
    sign_seed, box_secret = _meta(database, _SIGN), _meta(database, _BOX)
    if sign_seed is None or box_secret is None:
        with database.transaction():
            signing, box = SigningKey.generate(), PrivateKey.generate()
            _set_meta(database, _SIGN, bytes(signing).hex())
            _set_meta(database, _BOX, bytes(box).hex())
        return signing, box
    return SigningKey(bytes.fromhex(sign_seed)), PrivateKey(bytes.fromhex(box_secret))


def label(database: Database) -> str:
    """Who this base is for people: the user who unlocked it, else the service name."""
    if database.current_user is not None:
        return database.current_user.display_name
    return database.service().name


def own_keys(database: Database) -> DeviceKeys:
    """The public identity of this base."""
    signing, box = private_keys(database)
    return DeviceKeys(str(database.device_id), label(database),
                      bytes(signing.verify_key).hex(), bytes(box.public_key).hex())


def chief_keys(database: Database) -> DeviceKeys | None:
    """The chief's keys on a laptop base that joined a service, else ``None`` (this is
    the service's own base)."""
    text = _meta(database, _CHIEF)
    return DeviceKeys.from_json(json.loads(text)) if text else None


def acked_seq(database: Database) -> int:
    """On a laptop base: this base's last change the chief has merged (0 before any)."""
    return int(_meta(database, _ACKED) or 0)


def set_acked_seq(database: Database, seq: int) -> None:
    """Record the chief's acknowledgement as the chief sent it: it goes back when the
    chief's base was restored from a backup, so that the lost changes are sent again."""
    _set_meta(database, _ACKED, str(seq))


def sent_bundles(database: Database) -> dict[str, int]:
    """On a laptop base: token → last change number of the bundles it made."""
    return json.loads(_meta(database, _SENT) or "{}")


def remember_sent(database: Database, token: str, up_to_seq: int) -> None:
    """Remember a bundle made (the last 200), to recognise the chief's acknowledgement."""
    sent = sent_bundles(database)
    sent[token] = up_to_seq
    _set_meta(database, _SENT, json.dumps(dict(list(sent.items())[-200:])))


def key_file_text(database: Database) -> str:
    """The chief's public-key file: JSON with the keys and the service record (no secret,
    no personal data beyond the service's name)."""
    service = database.service()
    clock = clocks.get(database.connection, service.id)
    content = {
        "format": KEY_FILE_FORMAT,
        "version": 1,
        "chief": asdict(own_keys(database)),
        "service": {"row": service.model_dump(mode="json"), "clock": clock[0] if clock else {}},
    }
    return json.dumps({**content, "checksum": _checksum(content)}, ensure_ascii=False,
                      separators=(",", ":"))


def _checksum(content: dict[str, Any]) -> str:
    # Catches a damaged or hand-edited file; a deliberate substitution is caught by
    # comparing the fingerprint with the chief's screen.
    canonical = json.dumps(content, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:16]


def read_key_file(text: str, name: str) -> tuple[DeviceKeys, Service, dict[str, int]]:
    """Parse a key file's text into (chief keys, service record, its clock).

    Raises:
        KeyFileRefused: not a key file, or damaged.
    """
    try:
        data = json.loads(text)
    except (ValueError, RecursionError):
        raise KeyFileRefused(name, "ce n'est pas un fichier de clé sps_desk (.spskey) : "
                             "demandez-le à nouveau au chef de service.") from None
    if not isinstance(data, dict) or data.get("format") != KEY_FILE_FORMAT:
        raise KeyFileRefused(name, "ce n'est pas un fichier de clé sps_desk (.spskey) : "
                             "demandez-le à nouveau au chef de service.")
    if data.get("version") != 1:
        raise KeyFileRefused(name, "il vient d'une version plus récente de sps_desk : "
                             "mettez l'application à jour.")
    content = {k: v for k, v in data.items() if k != "checksum"}
    try:
        intact = data.get("checksum") == _checksum(content)
    except (ValueError, RecursionError):  # deep nesting; NaN has no canonical form
        intact = False
    if not intact:
        raise KeyFileRefused(name, "le fichier a été modifié ou abîmé : demandez-le à "
                             "nouveau au chef de service.")
    try:
        chief = DeviceKeys.from_json(data["chief"])
        service = Service.model_validate(data["service"]["row"])
        clock = {str(k): int(v) for k, v in data["service"]["clock"].items()}
    except (KeyError, TypeError, ValueError, AttributeError):
        raise KeyFileRefused(name, "le fichier est incomplet ou abîmé : demandez-le à "
                             "nouveau au chef de service.") from None
    return chief, service, clock


MAX_KEY_FILE_BYTES = 256 * 1024
"""Largest ``.spskey`` file read: a key file is about 1 KB (keys and the service record)."""


def key_text_from_file(path: Path) -> str:
    """The checked text of the chief's key from a ``.spskey`` file or from a photo or
    image of its QR code (any of ``qr.IMAGE_SUFFIXES``).

    Raises:
        InputRefused: a folder, a pipe or a device, or a file over its size limit.
        KeyFileRefused: not a key, or damaged.
        QrUnreadable: an image without a readable QR code.
        OSError: the file cannot be read.
    """
    if path.suffix.lower() in IMAGE_SUFFIXES:
        text = read_qr(path)
    else:
        try:
            text = read_input(path, limit=MAX_KEY_FILE_BYTES,
                              what="clé du chef de service").decode("utf-8-sig")
        except UnicodeDecodeError:
            text = ""
    read_key_file(text, path.name)
    return text


def join(database: Database, text: str, name: str) -> DeviceKeys:
    """Make a new laptop base part of the chief's service: same service record (and id),
    the chief's keys remembered. Returns the chief's keys (show the fingerprint).

    Raises:
        KeyFileRefused: the key file is unreadable.
        CannotJoin: the base already holds records other than its service.
    """
    chief, service, clock = read_key_file(text, name)
    connection = database.connection
    records = connection.execute("SELECT count(*) FROM record_clock").fetchone()[0]
    if records > 1 or chief_keys(database) is not None:
        raise CannotJoin()
    with database.transaction():
        connection.execute("DELETE FROM service")
        connection.execute("DELETE FROM record_clock WHERE kind = 'service'")
        database.repos.service.put_merged(service)
        clocks.put(connection, "service", service.id, clock, 0)
        _set_meta(database, _CHIEF, json.dumps(asdict(chief), ensure_ascii=False))
        database.audit("service_joined", record_id=service.id, detail=chief.fingerprint)
    return chief
