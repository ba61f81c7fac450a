"""The encrypted database file: creation, opening, checks, transactions.

One SQLCipher 4 file (AES-256, per-page HMAC) per service. It is opened in WAL mode with
``synchronous=FULL`` so that a laptop losing power loses at most the transaction being
written, with foreign keys on, temporary tables in memory (never in a plaintext temp
file) and ``secure_delete`` so that deleted rows are overwritten.
"""

from __future__ import annotations

import contextlib
import math
import os
import uuid
from collections import Counter
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import sqlcipher3

from sps_desk.records import Service
from sps_desk.store import audit, clocks, schema, slots, users
from sps_desk.store.errors import (
    CorruptDatabase,
    DatabaseExists,
    DatabaseNotFound,
    NewerSchema,
    NotADatabase,
    PlainSqliteFile,
    TruncatedDatabase,
    WrongPassphrase,
)
from sps_desk.store.keys import apply_raw_key, normalize_passphrase
from sps_desk.store.repositories import Repositories

PAGE_SIZE = 4096
"""SQLCipher 4's default page size: an intact file is a whole number of pages."""

_SQLITE_MAGIC = b"SQLite format 3\x00"
_KNOWN_MAGICS: dict[bytes, str] = {
    b"%PDF": "document PDF",
    b"PK\x03\x04": "archive ZIP ou document bureautique",
    b"\x89PNG": "image PNG",
    b"\xff\xd8\xff": "image JPEG",
    b"GIF8": "image GIF",
    b"\x1f\x8b": "archive gzip",
}


def _quiet_sqlcipher() -> None:
    # SQLCipher logs decryption failures to stderr, which would print under the CLI's
    # one-line French message. The log level is process-wide: set it once, on a
    # throwaway in-memory connection, so that no database connection ever runs SQL
    # before its key.
    with contextlib.closing(sqlcipher3.connect(":memory:")) as probe:
        probe.execute("PRAGMA cipher_log_level = NONE")


_quiet_sqlcipher()


def _entropy(data: bytes) -> float:
    """Shannon entropy in bits per byte (8.0 for random bytes)."""
    counts = Counter(data)
    total = len(data)
    return -sum(n / total * math.log2(n / total) for n in counts.values())


def _check_file_shape(path: Path) -> None:
    """Refuse, before any key is tried, files that cannot be an sps_desk base."""
    if not path.exists():
        raise DatabaseNotFound(path)
    if path.is_dir():
        raise NotADatabase(path, "c'est un dossier")
    size = path.stat().st_size
    if size == 0:
        raise NotADatabase(path, "fichier vide")
    with path.open("rb") as handle:
        head = handle.read(PAGE_SIZE)
    if head.startswith(_SQLITE_MAGIC):
        raise PlainSqliteFile(path)
    for magic, what in _KNOWN_MAGICS.items():
        if head.startswith(magic):
            raise NotADatabase(path, what)
    # An encrypted page looks random (≈ 8 bits per byte); text or structured data does not.
    if (len(head) >= 256 and _entropy(head) < 7.0) or (len(head) < 256 and _entropy(head) < 5.0):
        raise NotADatabase(path, "son contenu n'est pas chiffré")
    if size < PAGE_SIZE or size % PAGE_SIZE:
        raise TruncatedDatabase(path)


def _connect(path: Path, key: bytes, *, create: bool) -> sqlcipher3.Connection:
    mode = "rwc" if create else "rw"
    connection = sqlcipher3.connect(
        f"file:{path}?mode={mode}", uri=True, isolation_level=None, check_same_thread=False
    )
    apply_raw_key(connection, key)
    return connection


def _configure(connection: sqlcipher3.Connection) -> None:
    for pragma in (
        "PRAGMA journal_mode = WAL",
        "PRAGMA synchronous = FULL",
        "PRAGMA foreign_keys = ON",
        "PRAGMA temp_store = MEMORY",
        "PRAGMA secure_delete = ON",
    ):
        connection.execute(pragma)


def base_files(path: Path) -> set[Path]:
    """The files of the base at ``path`` (itself, its key header, WAL and shared memory),
    resolved: no export or bundle may be written over one of them."""
    resolved = path.resolve()
    return {Path(f"{resolved}{suffix}") for suffix in ("", ".keys", "-wal", "-shm")}


class Database:
    """An open sps_desk base: a SQLCipher connection plus one repository per record kind.

    Use :meth:`create` or :meth:`open`, then :meth:`close` (or a ``with`` block). The
    connection is in autocommit mode; group writes with :meth:`transaction`.
    """

    def __init__(self, path: Path, connection: sqlcipher3.Connection, device_id: uuid.UUID):
        self.path = path
        self.connection = connection
        self.device_id = device_id
        self.writer = clocks.writer_key(device_id)
        """Key of this opening's writes in the records' version clocks (team merge)."""
        self.repos = Repositories(self)
        self.current_user: users.User | None = None
        """Who unlocked the base (``None`` only when opened by the recovery key)."""
        self.recovery_key: str | None = None
        """Set only on the object :meth:`create` returns: the key to show once, then clear."""
        self.database_key: bytes | None = None
        """The raw key, kept while open to seal it into new slots (see store.access)."""
        self._unlock_not_audited = False

    # ---------------------------------------------------------------- who

    @property
    def role(self) -> users.Role | None:
        """``"chief"`` or ``"educator"``: the role of :attr:`current_user`."""
        return None if self.current_user is None else self.current_user.role

    @property
    def is_chief(self) -> bool:
        """True when the base was unlocked by a chief (who alone manages users, purges,
        exports and consolidates)."""
        return self.current_user is not None and self.current_user.is_chief

    def require_chief(self, action: str) -> None:
        """Check that a chief unlocked the base before ``action`` (a French noun phrase).

        Raises:
            users.ChiefOnly: an educator unlocked it.
        """
        if not self.is_chief:
            raise users.ChiefOnly(action)

    def audit(self, action: str, record_id: object = None, detail: str = "") -> None:
        """Append an entry by :attr:`current_user` to the audit log (no personal data)."""
        user_id = None if self.current_user is None else self.current_user.id
        if self._unlock_not_audited:
            self._unlock_not_audited = False
            audit.record(self.connection, "unlock", user_id=user_id)
        audit.record(self.connection, action, user_id=user_id, record_id=record_id,
                     detail=detail)

    # ---------------------------------------------------------------- lifecycle

    @classmethod
    def create(
        cls, path: Path | str, passphrase: str, service_name: str,
        *, chief_name: str = "Chef de service",
    ) -> Database:
        """Create a new encrypted base with its schema, its service and its chief.

        A random 256-bit key encrypts the file; the header ``PATH.keys`` holds it wrapped
        by ``passphrase`` (the chief's slot, display name ``chief_name``) and by a new
        recovery key, which the returned object carries once in :attr:`recovery_key` —
        the caller shows or writes it, then sets it to ``None``. The passphrase policy is
        the caller's (``sps_desk.passphrases.require_strong``): the CLI and the window
        apply it. The file is built under a temporary name and renamed only when complete.

        Raises:
            DatabaseExists: the base or its header already exists (nothing is touched).
            EmptyPassphrase: the passphrase is blank.
            pydantic.ValidationError: the service name is empty or too long.
        """
        path = Path(path)
        passphrase = normalize_passphrase(passphrase)
        service = Service(name=service_name)
        keys_path = slots.header_path(path)
        for existing in (path, keys_path):
            if existing.exists():
                raise DatabaseExists(existing)
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}.partial")
        device_id = uuid.uuid4()
        database_key = slots.new_database_key()
        recovery_key = slots.generate_recovery_key()
        header_written = False
        try:
            with contextlib.closing(_connect(partial, database_key, create=True)) as connection:
                connection.execute("PRAGMA foreign_keys = ON")
                schema.migrate(connection)
                connection.execute(
                    "INSERT INTO meta(key, value) VALUES ('device_id', ?)", (str(device_id),)
                )
                database = cls(path, connection, device_id)
                database.repos.service.save(service)
                chief = users.add(connection, chief_name, "chief")
                audit.record(connection, "base_created", user_id=chief.id)
            header = slots.Header((
                slots.passphrase_slot(str(chief.id), passphrase, [database_key]),
                slots.recovery_slot(recovery_key, [database_key]),
            ))
            for existing in (path, keys_path):
                if existing.exists():
                    raise DatabaseExists(existing)
            # The header first: a base must never exist without its keys.
            slots.write_header(path, header)
            header_written = True
            os.replace(partial, path)
        except BaseException:
            if header_written and not path.exists():
                keys_path.unlink(missing_ok=True)
            raise
        finally:
            for leftover in (partial, Path(f"{partial}-journal")):
                leftover.unlink(missing_ok=True)
        database = cls._open_with_keys(path, [database_key], chief.id, header)
        database.recovery_key = recovery_key
        return database

    @classmethod
    def open(
        cls, path: Path | str, passphrase: str, *, failed_attempts: int = 0,
        defer_unlock_audit: bool = False,
    ) -> Database:
        """Open an existing base with a user's passphrase.

        The passphrase unlocks that user's key slot in ``PATH.keys``; the database key
        it yields opens the file. Checks the file, the schema and integrity; migrations
        newer than the file are applied. Nothing is written when any check fails.
        ``failed_attempts`` (wrong passphrases typed before this one, counted by the
        caller, since a refused attempt writes nothing) goes into the audit log.
        ``defer_unlock_audit`` postpones the « ouverture » line until the first audited
        action, so that a job that ends up writing nothing (a refused or simulated merge,
        issue 7) leaves the file byte-for-byte unchanged.

        Raises:
            DatabaseNotFound, NotADatabase, PlainSqliteFile, TruncatedDatabase: the file.
            KeyFileMissing, KeyFileCorrupt: the header beside it.
            WrongPassphrase: the passphrase opens no slot.
            CorruptDatabase: a page fails its HMAC or the integrity check.
            NewerSchema: the file comes from a newer major version of sps_desk.
        """
        path = Path(path)
        passphrase = normalize_passphrase(passphrase)
        _check_file_shape(path)
        header = slots.read_header(path)
        unlocked = slots.unlock_with_passphrase(header, passphrase)
        if unlocked is None:
            raise WrongPassphrase()
        slot, keys = unlocked
        database = cls._open_with_keys(path, keys, slot.user_id, header)
        if failed_attempts:
            database.audit("unlock_failed", detail=f"{failed_attempts} essai(s)")
        if defer_unlock_audit:
            database._unlock_not_audited = True
        else:
            database.audit("unlock")
        return database

    @classmethod
    def open_with_recovery(cls, path: Path | str, recovery_key: str) -> Database:
        """Open a base with its recovery key (no :attr:`current_user`; audited).

        Raises:
            MalformedRecoveryKey, WrongRecoveryKey: the key.
            and the file errors of :meth:`open`.
        """
        path = Path(path)
        _check_file_shape(path)
        header = slots.read_header(path)
        _, keys = slots.unlock_with_recovery(header, recovery_key)
        database = cls._open_with_keys(path, keys, None, header)
        database.audit("recovery_used")
        return database

    @classmethod
    def _open_with_keys(
        cls, path: Path, keys: list[bytes], user_id: object, header: slots.Header
    ) -> Database:
        """Open ``path`` with the first of ``keys`` that decrypts it (two during a rotation)."""
        connection: sqlcipher3.Connection | None = None
        working: bytes | None = None
        for key in keys:
            candidate = _connect(path, key, create=False)
            try:
                # Reads page 1 only: a failure here is the key, not a missing page.
                candidate.execute("PRAGMA schema_version").fetchone()
            except sqlcipher3.DatabaseError as error:
                candidate.close()
                # Page 1 decrypted (not SQLITE_NOTADB) but the pages it announces are
                # missing: the file was cut at a page boundary.
                name = getattr(error, "sqlite_errorname", "")
                if name == "SQLITE_CORRUPT":
                    raise TruncatedDatabase(path) from error
                if name != "SQLITE_NOTADB":
                    # Read-only medium, busy file…: not a key problem; the CLI and the
                    # window turn SQLite's error name into a French message.
                    raise
                continue
            connection, working = candidate, key
            break
        if connection is None or working is None:
            # The slot opened but its key does not fit: a header from another base.
            raise slots.KeyFileCorrupt(slots.header_path(path))
        try:
            cls._check_integrity(path, connection)
            major = schema.file_major(connection)
            if major is not None and major > schema.SCHEMA_MAJOR:
                raise NewerSchema(path, major, schema.SCHEMA_MAJOR)
            _configure(connection)
            schema.migrate(connection)
            row = connection.execute("SELECT value FROM meta WHERE key = 'device_id'").fetchone()
            if row is None:
                raise CorruptDatabase(path)
            database = cls(path, connection, uuid.UUID(row[0]))
            if user_id is not None:
                database.current_user = users.get(connection, str(user_id))
                if database.current_user is None:
                    raise WrongPassphrase()  # a removed user's slot left behind
            database.database_key = working
            database._settle_header(header, working)
            return database
        except BaseException:
            connection.close()
            raise

    def _settle_header(self, header: slots.Header, working: bytes) -> None:
        """Finish an interrupted key rotation and move pending key events into the log."""
        stale = any(len(slot.sealed) != 1 for slot in header.slots)
        if not stale and not header.pending:
            return
        with self.transaction() as connection:
            for event in header.pending:
                audit.record(connection, event.action, user_id=event.user_id,
                             at=datetime.fromisoformat(event.at))
        settled = slots.Header(
            tuple(slots.reseal(s, [working]) if stale else s for s in header.slots)
        )
        slots.write_header(self.path, settled)

    @staticmethod
    def _check_integrity(path: Path, connection: sqlcipher3.Connection) -> None:
        wal = Path(f"{path}-wal")
        try:
            pages = connection.execute("PRAGMA page_count").fetchone()[0]
            if pages * PAGE_SIZE > path.stat().st_size and not (
                wal.exists() and wal.stat().st_size
            ):
                raise TruncatedDatabase(path)
            result = connection.execute("PRAGMA quick_check").fetchone()[0]
        except sqlcipher3.DatabaseError as error:
            raise CorruptDatabase(path) from error
        if result != "ok":
            raise CorruptDatabase(path)

    def close(self) -> None:
        """Checkpoint the WAL into the file and close; the ``-wal`` file is emptied.

        A connection that wrote nothing does not checkpoint: it would move another
        process's pending pages into the file (a refused merge must change no byte).
        Closing a closed base does nothing.
        """
        try:
            wrote = self.connection.total_changes
        except sqlcipher3.ProgrammingError:  # closed already (the session lock closes it)
            return
        if wrote:
            with contextlib.suppress(sqlcipher3.Error):
                self.connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        self.connection.close()
        self.database_key = None
        self.recovery_key = None

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ---------------------------------------------------------------- transactions

    @contextlib.contextmanager
    def transaction(self) -> Iterator[sqlcipher3.Connection]:
        """A write transaction; nested uses join the outer one. Rolls back on error."""
        if self.connection.in_transaction:
            yield self.connection
            return
        self.connection.execute("BEGIN IMMEDIATE")
        try:
            yield self.connection
        except BaseException:
            self.connection.execute("ROLLBACK")
            raise
        try:
            self.connection.execute("COMMIT")
        except BaseException:
            # A failed COMMIT (deferred foreign key, full disk) leaves the transaction
            # open: the next write would join it and commit what was refused.
            if self.connection.in_transaction:
                self.connection.execute("ROLLBACK")
            raise

    def own_files(self) -> set[Path]:
        """:func:`base_files` of this base."""
        return base_files(self.path)

    def schema_version(self) -> str:
        """``"MAJOR.MINOR"`` of the open file."""
        minor = self.connection.execute("PRAGMA user_version").fetchone()[0]
        return f"{schema.file_major(self.connection)}.{minor}"

    def service(self) -> Service:
        """The service record of this base (there is exactly one)."""
        return self.repos.service.the_service()
