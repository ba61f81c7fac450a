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
from pathlib import Path

import sqlcipher3

from sps_desk.records import Service
from sps_desk.store import schema
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
from sps_desk.store.keys import apply_key, normalize_passphrase
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


def _connect(path: Path, passphrase: str, *, create: bool) -> sqlcipher3.Connection:
    mode = "rwc" if create else "rw"
    connection = sqlcipher3.connect(
        f"file:{path}?mode={mode}", uri=True, isolation_level=None, check_same_thread=False
    )
    apply_key(connection, passphrase)
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


class Database:
    """An open sps_desk base: a SQLCipher connection plus one repository per record kind.

    Use :meth:`create` or :meth:`open`, then :meth:`close` (or a ``with`` block). The
    connection is in autocommit mode; group writes with :meth:`transaction`.
    """

    def __init__(self, path: Path, connection: sqlcipher3.Connection, device_id: uuid.UUID):
        self.path = path
        self.connection = connection
        self.device_id = device_id
        self.repos = Repositories(self)

    # ---------------------------------------------------------------- lifecycle

    @classmethod
    def create(cls, path: Path | str, passphrase: str, service_name: str) -> Database:
        """Create a new encrypted base with its full schema and its service record.

        The file is built under a temporary name beside ``path`` and renamed only when
        complete, so a base is never left empty or half-built.

        Raises:
            DatabaseExists: something already exists at ``path`` (nothing is touched).
            EmptyPassphrase: the passphrase is blank.
            pydantic.ValidationError: the service name is empty or too long.
        """
        path = Path(path)
        normalize_passphrase(passphrase)
        service = Service(name=service_name)
        if path.exists():
            raise DatabaseExists(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}.partial")
        device_id = uuid.uuid4()
        try:
            with contextlib.closing(_connect(partial, passphrase, create=True)) as connection:
                connection.execute("PRAGMA foreign_keys = ON")
                schema.migrate(connection)
                connection.execute(
                    "INSERT INTO meta(key, value) VALUES ('device_id', ?)", (str(device_id),)
                )
                database = cls(path, connection, device_id)
                database.repos.service.save(service)
            if path.exists():
                raise DatabaseExists(path)
            os.replace(partial, path)
        finally:
            for leftover in (partial, Path(f"{partial}-journal")):
                leftover.unlink(missing_ok=True)
        return cls.open(path, passphrase)

    @classmethod
    def open(cls, path: Path | str, passphrase: str) -> Database:
        """Open an existing base, checking the file, the key, the schema and integrity.

        Migrations newer than the file are applied. Nothing is written when any check
        fails.

        Raises:
            DatabaseNotFound, NotADatabase, PlainSqliteFile, TruncatedDatabase: the file.
            WrongPassphrase: the passphrase does not decrypt the file.
            CorruptDatabase: a page fails its HMAC or the integrity check.
            NewerSchema: the file comes from a newer major version of sps_desk.
        """
        path = Path(path)
        _check_file_shape(path)
        connection = _connect(path, passphrase, create=False)
        try:
            try:
                # Reads page 1 only: a failure here is the key, not a missing page.
                connection.execute("PRAGMA schema_version").fetchone()
            except sqlcipher3.DatabaseError as error:
                # Page 1 decrypted (not SQLITE_NOTADB) but the pages it announces are
                # missing: the file was cut at a page boundary.
                if getattr(error, "sqlite_errorname", "") == "SQLITE_CORRUPT":
                    raise TruncatedDatabase(path) from error
                raise WrongPassphrase() from error
            cls._check_integrity(path, connection)
            major = schema.file_major(connection)
            if major is not None and major > schema.SCHEMA_MAJOR:
                raise NewerSchema(path, major, schema.SCHEMA_MAJOR)
            _configure(connection)
            schema.migrate(connection)
            row = connection.execute("SELECT value FROM meta WHERE key = 'device_id'").fetchone()
            if row is None:
                raise CorruptDatabase(path)
            return cls(path, connection, uuid.UUID(row[0]))
        except BaseException:
            connection.close()
            raise

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
        """Checkpoint the WAL into the file and close; the ``-wal`` file is emptied."""
        with contextlib.suppress(sqlcipher3.Error):
            self.connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        self.connection.close()

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
        self.connection.execute("COMMIT")

    def schema_version(self) -> str:
        """``"MAJOR.MINOR"`` of the open file."""
        minor = self.connection.execute("PRAGMA user_version").fetchone()[0]
        return f"{schema.file_major(self.connection)}.{minor}"

    def service(self) -> Service:
        """The service record of this base (there is exactly one)."""
        return self.repos.service.the_service()
