"""Key slots: the database key, wrapped for each user and for the recovery key.

The database is encrypted by a random 256-bit key handed raw to SQLCipher. That key is
never stored in clear: the small header file beside the database (``PATH.keys``) holds
one *slot* per user and one for the recovery key.

Each slot has an X25519 key pair. Its private key is encrypted (AES-256-GCM) under a key
derived from the slot's secret — Argon2id of the user's passphrase (RFC 9106), or HKDF of
the 240-bit recovery key, which needs no slow derivation. The database key is *sealed*
to each slot's public key (ephemeral X25519 + HKDF-SHA256 + AES-256-GCM). So:

- changing a passphrase re-encrypts one private key and leaves the database untouched;
- anyone holding the database key (a chief adding a user, ``rekey`` rotating the key)
  can seal a key to every slot without knowing the other users' passphrases;
- during a rotation each slot holds the old and the new key, so a crash between the
  header and the database never locks anyone out.

The Argon2id cost is read from the header, so it is checked before any derivation
(:data:`KDF_FLOOR`, :data:`KDF_CEILING`): a slot whose cost was lowered (an offline guess
made cheap) or raised (an unlock that never ends, or a crash below Argon2's minimum) is
refused with a message naming the file. Since version 2 the private key's encryption is
bound (AES-GCM associated data) to everything in the slot's header — id, kind, user,
public key, the derivation's name, salt and cost, creation time — so a header edited to
change any of them no longer opens. Version-1 slots, bound to id, kind, user and public
key only, are rewritten in the version-2 form at their next successful unlock.

The header is JSON, versioned (``version``), written atomically (:mod:`sps_desk.atomic`).
It holds no personal data: user ids only.
"""

from __future__ import annotations

import base64
import contextlib
import json
import secrets
import uuid
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from hashlib import sha256
from pathlib import Path
from typing import Literal

from argon2.low_level import Type, hash_secret_raw
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from sps_desk import atomic
from sps_desk.errors import SpsDeskError
from sps_desk.inputs import read_input

FORMAT = "sps-desk-key-slots"
VERSION = 2
"""Header version written; version 1 (slots bound to fewer fields) is still read."""
READ_VERSIONS = (1, 2)
KEY_BYTES = 32
"""A database key: 256 bits."""

SlotKind = Literal["passphrase", "recovery"]


@dataclass(frozen=True)
class KdfCost:
    """Argon2id cost: passes, memory in KiB, lanes."""

    time_cost: int
    memory_kib: int
    parallelism: int

    def problem(self) -> str | None:
        """Why this cost is outside the bounds (French), or ``None`` when it is within.

        Floor: OWASP Password Storage Cheat Sheet's lightest Argon2id settings — at least
        7 MiB, and memory × passes at least 35 MiB (its five equivalent lines: 46 MiB × 1,
        19 MiB × 2, 12 MiB × 3, 9 MiB × 4, 7 MiB × 5). Ceiling: what still unlocks in a
        few seconds on a modest laptop — at most 1 GiB, 10 passes, memory × passes 3 GiB,
        16 lanes (Argon2 needs 8 KiB per lane at least, which the floor covers).
        """
        floor, ceiling = KDF_FLOOR, KDF_CEILING
        if not 1 <= self.parallelism <= ceiling.parallelism:
            return f"{self.parallelism} voie(s), admis de 1 à {ceiling.parallelism}"
        if not 1 <= self.time_cost <= ceiling.time_cost:
            return f"{self.time_cost} passe(s), admis de 1 à {ceiling.time_cost}"
        if not floor.memory_kib <= self.memory_kib <= ceiling.memory_kib:
            return (f"{self.memory_kib} Kio de mémoire, admis de {floor.memory_kib} à "
                    f"{ceiling.memory_kib} Kio")
        work = self.memory_kib * self.time_cost
        if work < floor.memory_kib * floor.time_cost:
            return (f"{self.time_cost} passe(s) de {self.memory_kib} Kio, en dessous du "
                    "coût minimal (7 Mio × 5 passes ou équivalent)")
        if work > _MAX_WORK_KIB:
            return (f"{self.time_cost} passe(s) de {self.memory_kib} Kio, au-dessus du "
                    "coût maximal (1 Gio × 3 passes ou équivalent)")
        return None


KDF_FLOOR = KdfCost(time_cost=5, memory_kib=7 * 1024, parallelism=1)
"""The lightest cost accepted (OWASP's 7 MiB × 5 passes; memory × passes ≥ this one's)."""
KDF_CEILING = KdfCost(time_cost=10, memory_kib=1024 * 1024, parallelism=16)
"""The heaviest cost accepted per field; memory × passes is also capped at 3 GiB."""
_MAX_WORK_KIB = 3 * 1024 * 1024

PRODUCTION_COST = KdfCost(time_cost=3, memory_kib=64 * 1024, parallelism=4)
"""RFC 9106 §4, second recommended option (64 MiB, 3 passes): ≈ 0.2–0.5 s on a laptop."""

TEST_COST = KDF_FLOOR
"""The cheapest cost within the bounds (≈ 25 ms), for test suites only."""

_cost = PRODUCTION_COST

MAX_HEADER_BYTES = 1024 * 1024
"""A header is a few KiB; a bigger file is refused before it is parsed."""
MAX_SLOTS = 64
"""Slots tried at most: each passphrase slot costs one derivation per unlock."""


def use_test_cost() -> None:
    """TEST ONLY: make Argon2id cheap so that a test suite creating hundreds of bases runs fast.

    Called by ``tests/conftest.py`` in the test process; never by the application. The
    cost (:data:`TEST_COST`, the floor) is stored in each slot and is within the bounds,
    so bases made this way open normally everywhere, and slots written later by the
    application use :data:`PRODUCTION_COST` again.
    """
    global _cost
    _cost = TEST_COST


class KeySlotError(SpsDeskError):
    """Base of the key-slot errors."""


class KeyFileMissing(KeySlotError):
    """The header file beside the database is missing."""

    def __init__(self, path: Path) -> None:
        super().__init__(
            f"Le fichier des clés {path.name} est introuvable à côté de la base : copiez-le "
            "avec la base (il fait partie de chaque sauvegarde). La base n'a pas été ouverte."
        )


class KeyFileCorrupt(KeySlotError):
    """The header file cannot be read."""

    def __init__(self, path: Path) -> None:
        super().__init__(
            f"Le fichier des clés {path.name} est illisible ou endommagé : restaurez-le "
            "depuis une sauvegarde. Rien n'a été modifié."
        )


class KdfOutOfBounds(KeySlotError):
    """A slot's derivation parameters are outside :data:`KDF_FLOOR`..:data:`KDF_CEILING`."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(
            f"Le fichier des clés {path.name} contient un emplacement aux paramètres de "
            f"dérivation hors limites (Argon2id : {reason}) : il a été modifié ou vient "
            "d'un autre logiciel. Restaurez-le depuis une sauvegarde. La base n'a pas été "
            "ouverte."
        )


class KeyFileMismatch(KeySlotError):
    """A slot opened, but its database key does not decrypt the base beside it."""

    def __init__(self, path: Path) -> None:
        super().__init__(
            f"Le fichier des clés {path.name} n'ouvre pas cette base : c'est celui d'une "
            "autre base, ou une ancienne copie (la clé de la base a changé depuis, par "
            "exemple au retrait d'un utilisateur). Utilisez le fichier des clés qui "
            "accompagne la base. Rien n'a été modifié."
        )


class WrongRecoveryKey(KeySlotError):
    """The recovery key opens no slot (mistyped, or the sheet of another base)."""

    def __init__(self) -> None:
        super().__init__(
            "Clé de secours incorrecte : elle n'ouvre pas cette base. Vérifiez la saisie "
            "(groupes de 4 caractères) et qu'il s'agit de la feuille de cette base. Rien "
            "n'a été modifié."
        )


class MalformedRecoveryKey(KeySlotError):
    """The text is not shaped like a recovery key, or its check group is wrong."""

    def __init__(self) -> None:
        super().__init__(
            "Clé de secours mal formée : elle compte 13 groupes de 4 lettres et chiffres, "
            "le dernier servant de contrôle. Vérifiez la saisie. Rien n'a été modifié."
        )


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)


# ------------------------------------------------------------------ recovery key text

_RECOVERY_BYTES = 30  # 240 bits: 48 base32 characters, 12 groups of 4


def generate_recovery_key() -> str:
    """A new recovery key: 12 groups of 4 base32 characters and a check group."""
    return format_recovery_key(secrets.token_bytes(_RECOVERY_BYTES))


def format_recovery_key(secret: bytes) -> str:
    """``secret`` (30 bytes) as ``ABCD-EFGH-…-CHCK``; the last group is a SHA-256 check."""
    body = base64.b32encode(secret).decode("ascii")
    check = base64.b32encode(sha256(secret).digest()).decode("ascii")[:4]
    text = body + check
    return "-".join(text[i : i + 4] for i in range(0, len(text), 4))


def parse_recovery_key(text: str) -> bytes:
    """The 30-byte secret of a typed recovery key (case, spaces and dashes ignored).

    ``0``/``1``/``8`` typed for ``O``/``I``/``B`` are corrected (base32 has no 0, 1, 8).

    Raises:
        MalformedRecoveryKey: wrong length, foreign characters or a failed check group.
    """
    compact = "".join(ch for ch in text.upper() if ch.isalnum())
    compact = compact.translate(str.maketrans("018", "OIB"))
    if len(compact) != 52:
        raise MalformedRecoveryKey()
    try:
        secret = base64.b32decode(compact[:48])
    except ValueError:
        raise MalformedRecoveryKey() from None
    if format_recovery_key(secret).replace("-", "") != compact:
        raise MalformedRecoveryKey()
    return secret


# ------------------------------------------------------------------ slots


@dataclass(frozen=True)
class SealedKey:
    """A database key sealed to a slot's public key."""

    ephemeral: bytes
    nonce: bytes
    ciphertext: bytes


@dataclass(frozen=True)
class Slot:
    """One way in: a user's passphrase, or the recovery key.

    ``kdf`` holds the derivation's name, salt and cost; ``private_*`` the encrypted X25519
    private key; ``sealed`` one database key (two during a rotation).
    """

    id: str
    kind: SlotKind
    user_id: str | None
    public_key: bytes
    kdf: dict[str, object]
    private_nonce: bytes
    private_ciphertext: bytes
    sealed: tuple[SealedKey, ...]
    created_at: str = field(default_factory=lambda: datetime.now(UTC).isoformat())
    aad_version: int = VERSION
    """1: bound to id, kind, user and public key; 2: to every field of the slot's header."""

    def aad(self) -> bytes:
        """What the private key's encryption is bound to: a slot cannot change owner, and
        (version 2) its derivation's salt and cost cannot be changed either."""
        if self.aad_version == 1:
            return json.dumps(
                [FORMAT, 1, self.id, self.kind, self.user_id, _b64(self.public_key)]
            ).encode("utf-8")
        return json.dumps(
            [FORMAT, 2, self.id, self.kind, self.user_id, _b64(self.public_key), self.kdf,
             self.created_at],
            sort_keys=True, ensure_ascii=True, separators=(",", ":"),
        ).encode("utf-8")

    def cost(self) -> KdfCost | None:
        """The Argon2id cost of a passphrase slot (``None`` for the recovery slot)."""
        if self.kind != "passphrase":
            return None
        return KdfCost(int(self.kdf["time_cost"]), int(self.kdf["memory_kib"]),  # type: ignore[call-overload]
                       int(self.kdf["parallelism"]))  # type: ignore[call-overload]


@dataclass(frozen=True)
class PendingEvent:
    """A key change made without opening the database, logged in the audit at next open."""

    at: str
    action: str
    user_id: str | None


@dataclass(frozen=True)
class Header:
    """The whole header file: its slots and the events waiting for the audit log."""

    slots: tuple[Slot, ...]
    pending: tuple[PendingEvent, ...] = ()

    def user_slot(self, user_id: str) -> Slot | None:
        """The passphrase slot of ``user_id``, if any."""
        return next((s for s in self.slots if s.user_id == user_id), None)

    def with_slot(self, slot: Slot) -> Header:
        """This header with ``slot`` replacing the one of the same user (or kind, for recovery)."""
        def same(other: Slot) -> bool:
            if slot.kind == "recovery":
                return other.kind == "recovery"
            return other.kind == "passphrase" and other.user_id == slot.user_id

        kept = [slot if same(s) else s for s in self.slots]
        if not any(same(s) for s in self.slots):
            kept.append(slot)
        return replace(self, slots=tuple(kept))

    def with_event(self, action: str, user_id: str | None) -> Header:
        """This header with one more pending audit event (no personal data)."""
        event = PendingEvent(datetime.now(UTC).isoformat(), action, user_id)
        return replace(self, pending=(*self.pending, event))


def _passphrase_kek(passphrase: str, kdf: dict[str, object]) -> bytes:
    return hash_secret_raw(
        passphrase.encode("utf-8"),
        _unb64(str(kdf["salt"])),
        time_cost=int(kdf["time_cost"]),  # type: ignore[call-overload]
        memory_cost=int(kdf["memory_kib"]),  # type: ignore[call-overload]
        parallelism=int(kdf["parallelism"]),  # type: ignore[call-overload]
        hash_len=KEY_BYTES,
        type=Type.ID,
    )


def _recovery_kek(secret: bytes, kdf: dict[str, object]) -> bytes:
    return HKDF(
        hashes.SHA256(), KEY_BYTES, _unb64(str(kdf["salt"])), b"sps-desk recovery slot v1"
    ).derive(secret)


def _seal_key(public_key: bytes, slot_id: str, database_key: bytes) -> SealedKey:
    ephemeral = X25519PrivateKey.generate()
    ephemeral_public = ephemeral.public_key().public_bytes_raw()
    shared = ephemeral.exchange(X25519PublicKey.from_public_bytes(public_key))
    wrapping = HKDF(
        hashes.SHA256(), KEY_BYTES, None, b"sps-desk seal v1" + ephemeral_public + public_key
    ).derive(shared)
    nonce = secrets.token_bytes(12)
    ciphertext = AESGCM(wrapping).encrypt(nonce, database_key, slot_id.encode("ascii"))
    return SealedKey(ephemeral_public, nonce, ciphertext)


def _open_sealed(private: X25519PrivateKey, slot: Slot, sealed: SealedKey) -> bytes:
    shared = private.exchange(X25519PublicKey.from_public_bytes(sealed.ephemeral))
    wrapping = HKDF(
        hashes.SHA256(), KEY_BYTES, None, b"sps-desk seal v1" + sealed.ephemeral + slot.public_key
    ).derive(shared)
    return AESGCM(wrapping).decrypt(sealed.nonce, sealed.ciphertext, slot.id.encode("ascii"))


def _raw_private(private: X25519PrivateKey) -> bytes:
    return private.private_bytes(
        serialization.Encoding.Raw, serialization.PrivateFormat.Raw,
        serialization.NoEncryption(),
    )


def _encrypt_private(slot: Slot, kek: bytes, raw_private: bytes) -> Slot:
    """``slot`` with its private key encrypted under ``kek``, bound to the slot's
    current-version associated data."""
    current = replace(slot, aad_version=VERSION)
    nonce = secrets.token_bytes(12)
    ciphertext = AESGCM(kek).encrypt(nonce, raw_private, current.aad())
    return replace(current, private_nonce=nonce, private_ciphertext=ciphertext)


def _new_slot(
    kind: SlotKind, user_id: str | None, kek_of: dict[str, object], kek: bytes,
    database_keys: list[bytes],
) -> Slot:
    private = X25519PrivateKey.generate()
    public = private.public_key().public_bytes_raw()
    slot_id = str(uuid.uuid4())
    skeleton = Slot(slot_id, kind, user_id, public, kek_of, b"", b"", ())
    sealed = tuple(_seal_key(public, slot_id, key) for key in database_keys)
    return replace(_encrypt_private(skeleton, kek, _raw_private(private)), sealed=sealed)


def passphrase_slot(user_id: str, passphrase: str, database_keys: list[bytes]) -> Slot:
    """A new slot opening ``database_keys`` with ``passphrase`` (NFC already applied).

    Costs one Argon2id derivation at the current cost.
    """
    problem = _cost.problem()
    if problem is not None:  # a programming error: the cost is a constant of this module
        raise ValueError(problem)
    kdf: dict[str, object] = {
        "name": "argon2id", "salt": _b64(secrets.token_bytes(16)),
        "time_cost": _cost.time_cost, "memory_kib": _cost.memory_kib,
        "parallelism": _cost.parallelism,
    }
    return _new_slot("passphrase", user_id, kdf, _passphrase_kek(passphrase, kdf), database_keys)


def recovery_slot(recovery_key: str, database_keys: list[bytes]) -> Slot:
    """A new slot opening ``database_keys`` with the typed ``recovery_key``.

    Raises:
        MalformedRecoveryKey: the text is not a recovery key.
    """
    kdf: dict[str, object] = {"name": "hkdf-sha256", "salt": _b64(secrets.token_bytes(16))}
    kek = _recovery_kek(parse_recovery_key(recovery_key), kdf)
    return _new_slot("recovery", None, kdf, kek, database_keys)


def reseal(slot: Slot, database_keys: list[bytes]) -> Slot:
    """``slot`` opening ``database_keys`` instead of its current keys (no secret needed)."""
    sealed = tuple(_seal_key(slot.public_key, slot.id, key) for key in database_keys)
    return replace(slot, sealed=sealed)


def _unlock_slot(slot: Slot, kek: bytes) -> tuple[Slot, list[bytes]] | None:
    """The slot in the current version and its database keys, or ``None`` (wrong secret).

    A version-1 slot comes back re-encrypted under the version-2 associated data: the
    caller writes it into the header once the base has opened (migration on unlock).
    """
    try:
        raw = AESGCM(kek).decrypt(slot.private_nonce, slot.private_ciphertext, slot.aad())
    except InvalidTag:
        return None
    private = X25519PrivateKey.from_private_bytes(raw)
    keys = []
    for sealed in slot.sealed:
        with contextlib.suppress(InvalidTag):
            keys.append(_open_sealed(private, slot, sealed))
    current = slot if slot.aad_version == VERSION else _encrypt_private(slot, kek, raw)
    return current, keys


def unlock_with_passphrase(header: Header, passphrase: str) -> tuple[Slot, list[bytes]] | None:
    """The first passphrase slot ``passphrase`` opens and its database keys, else ``None``.

    The slot is returned in the current version (see :func:`_unlock_slot`). Costs one
    Argon2id derivation per passphrase slot tried (a few users per base); every cost was
    checked against the bounds when the header was read.
    """
    derived: dict[str, bytes] = {}
    for slot in header.slots:
        if slot.kind != "passphrase":
            continue
        cache_key = json.dumps(slot.kdf, sort_keys=True)
        if cache_key not in derived:
            derived[cache_key] = _passphrase_kek(passphrase, slot.kdf)
        unlocked = _unlock_slot(slot, derived[cache_key])
        if unlocked is not None and unlocked[1]:
            return unlocked
    return None


def unlock_with_recovery(header: Header, recovery_key: str) -> tuple[Slot, list[bytes]]:
    """The recovery slot (in the current version) and its database keys.

    Raises:
        MalformedRecoveryKey: the text is not a recovery key.
        WrongRecoveryKey: it is well formed but does not open this header.
    """
    secret = parse_recovery_key(recovery_key)
    for slot in header.slots:
        if slot.kind == "recovery":
            unlocked = _unlock_slot(slot, _recovery_kek(secret, slot.kdf))
            if unlocked is not None and unlocked[1]:
                return unlocked
    raise WrongRecoveryKey()


# ------------------------------------------------------------------ the header file


def header_path(database_path: Path) -> Path:
    """Where the header of ``database_path`` lives: the same name plus ``.keys``."""
    return database_path.with_name(database_path.name + ".keys")


def _slot_to_json(slot: Slot) -> dict[str, object]:
    return {
        "id": slot.id, "kind": slot.kind, "user_id": slot.user_id, "aad": slot.aad_version,
        "created_at": slot.created_at, "public_key": _b64(slot.public_key), "kdf": slot.kdf,
        "private_key": {"nonce": _b64(slot.private_nonce),
                        "ciphertext": _b64(slot.private_ciphertext)},
        "database_keys": [
            {"ephemeral": _b64(s.ephemeral), "nonce": _b64(s.nonce),
             "ciphertext": _b64(s.ciphertext)} for s in slot.sealed
        ],
    }


def _check_kdf(kind: str, kdf: dict[str, object], path: Path) -> None:
    """Refuse a derivation this application would not run (before any is run)."""
    expected = "argon2id" if kind == "passphrase" else "hkdf-sha256"
    if kdf.get("name") != expected:
        raise ValueError("kdf name")
    if not 8 <= len(_unb64(str(kdf["salt"]))) <= 64:
        raise ValueError("salt")
    if kind != "passphrase":
        return
    values = [kdf[name] for name in ("time_cost", "memory_kib", "parallelism")]
    if not all(type(value) is int for value in values):
        raise ValueError("cost")
    problem = KdfCost(*values).problem()  # type: ignore[arg-type]
    if problem is not None:
        raise KdfOutOfBounds(path, problem)


def _slot_from_json(data: dict[str, object], version: int, path: Path) -> Slot:
    private = data["private_key"]
    assert isinstance(private, dict)
    kind = str(data["kind"])
    if kind not in ("passphrase", "recovery"):
        raise ValueError(kind)
    kdf = data["kdf"]
    assert isinstance(kdf, dict)
    _check_kdf(kind, kdf, path)
    aad_version = data["aad"] if version >= 2 else 1
    if type(aad_version) is not int or aad_version not in READ_VERSIONS:
        raise ValueError("aad version")
    sealed_list = data["database_keys"]
    assert isinstance(sealed_list, list)
    return Slot(
        id=str(data["id"]), kind=kind,  # type: ignore[arg-type]
        user_id=None if data["user_id"] is None else str(data["user_id"]),
        public_key=_unb64(str(data["public_key"])), kdf=dict(kdf),
        private_nonce=_unb64(private["nonce"]), private_ciphertext=_unb64(private["ciphertext"]),
        sealed=tuple(
            SealedKey(_unb64(s["ephemeral"]), _unb64(s["nonce"]), _unb64(s["ciphertext"]))
            for s in sealed_list
        ),
        created_at=str(data.get("created_at", "")),
        aad_version=aad_version,
    )


def encode_header(header: Header) -> bytes:
    """The header file's bytes (UTF-8 JSON)."""
    document = {
        "format": FORMAT, "version": VERSION,
        "slots": [_slot_to_json(s) for s in header.slots],
        "pending_audit": [
            {"at": e.at, "action": e.action, "user_id": e.user_id} for e in header.pending
        ],
    }
    return (json.dumps(document, indent=1, ensure_ascii=True) + "\n").encode("utf-8")


def read_header(database_path: Path) -> Header:
    """The header beside ``database_path``.

    Every slot's derivation parameters are checked here, before any derivation.

    Raises:
        KeyFileMissing: no header file.
        InputRefused: it is a folder, a pipe or a device, or over :data:`MAX_HEADER_BYTES`
            (refused unread, the limit in the message).
        KeyFileCorrupt: it is not a header of a version this application reads (or
            holds over :data:`MAX_SLOTS` slots).
        KdfOutOfBounds: a slot's Argon2id cost is outside the bounds.
    """
    path = header_path(database_path)
    try:
        raw = read_input(path, limit=MAX_HEADER_BYTES, what="fichier de clés")
    except FileNotFoundError:
        raise KeyFileMissing(path) from None
    try:
        document = json.loads(raw.decode("utf-8"))
        version = document["version"]
        if document["format"] != FORMAT or version not in READ_VERSIONS:
            raise ValueError("format")
        if len(document["slots"]) > MAX_SLOTS:
            raise ValueError("slots")
        slots = tuple(_slot_from_json(s, version, path) for s in document["slots"])
        pending = tuple(
            PendingEvent(str(e["at"]), str(e["action"]),
                         None if e["user_id"] is None else str(e["user_id"]))
            for e in document.get("pending_audit", [])
        )
    except (ValueError, KeyError, TypeError, AttributeError, AssertionError, RecursionError):
        # AttributeError: a number or a list where a base64 text is expected.
        raise KeyFileCorrupt(path) from None
    return Header(slots, pending)


def write_header(database_path: Path, header: Header) -> None:
    """Write the header beside ``database_path`` atomically (mode 0600, synced).

    Raises:
        AtomicWriteFailed: it cannot be written (full disk…); the old header is whole.
    """
    atomic.write_file(header_path(database_path), encode_header(header))


def new_database_key() -> bytes:
    """A fresh random 256-bit database key."""
    return secrets.token_bytes(KEY_BYTES)
