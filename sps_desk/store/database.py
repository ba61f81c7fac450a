"""The encrypted database file: creation, opening, checks, transactions.

One SQLCipher 4 file (AES-256, per-page HMAC) per service, readable by its owner only
(0600, like its key file). It is opened in WAL mode with
``synchronous=FULL`` so that a laptop losing power loses at most the transaction being
written, with foreign keys on, temporary tables in memory (never in a plaintext temp
file) and ``secure_delete`` so that deleted rows are overwritten.
"""

from __future__ import annotations

import contextlib
import logging
import math
import os
import stat
import time
import uuid
from collections import Counter
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path

import sqlcipher3

from sps_desk import atomic
from sps_desk.records import Service
from sps_desk.store import (
    audit,
    cipher_format,
    clocks,
    diagnosis,
    integrity,
    schema,
    slots,
    users,
)
from sps_desk.store.errors import (
    BaseReplaced,
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

logger = logging.getLogger(__name__)

PAGE_SIZE = 4096
"""SQLCipher 4's default page size: an intact file is a whole number of pages."""

MIN_FREE_BYTES = 4 * 1024 * 1024
"""Free space required on the base's disk to open it. In WAL mode SQLite maps the
``-shm`` file in memory; on a nearly full disk a page of it can fail to be allocated when
first written, which kills the process with SIGBUS (measured on ext4 with 24–40 KiB
free). Below this margin the base is not opened, and the user reads « disque plein »
instead (issue 13); above it, a full disk met while writing is an ordinary ``SQLITE_FULL``
on the ``-wal`` file, rolled back and said in French."""

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


def check_file_shape(path: Path) -> None:
    """Refuse, before any key is tried, files that cannot be an sps_desk base.

    Raises:
        DatabaseNotFound, NotADatabase, PlainSqliteFile, TruncatedDatabase.
    """
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
    # A base begins with its random salt, which starts like a gzip archive once in 65 536
    # bases: only a file that is not whole pages is named by its first bytes.
    for magic, what in _KNOWN_MAGICS.items():
        if head.startswith(magic) and size % 1024:
            raise NotADatabase(path, what)
    # An encrypted page looks random (≈ 8 bits per byte); text or structured data does not.
    if (len(head) >= 256 and _entropy(head) < 7.0) or (len(head) < 256 and _entropy(head) < 5.0):
        raise NotADatabase(path, "son contenu n'est pas chiffré")
    # 1 024: the page size of SQLCipher 3 and older, recognised once a key is known
    # (store/cipher_format.py); a whole current file is a multiple of PAGE_SIZE.
    if size < 1024 or size % 1024:
        raise TruncatedDatabase(path)


def _file_identity(path: Path) -> tuple[int, int]:
    status = path.stat()
    return status.st_dev, status.st_ino


_LEGACY_LEFTOVERS = (".{name}.*.rekey", ".{name}.*.partial", ".{name}.keys.*.tmp")
"""Temporary files of versions before :mod:`sps_desk.atomic` (no process id in them)."""
_LEGACY_AGE = 3600


def remove_leftovers(path: Path) -> list[Path]:
    """Delete the temporary files that killed jobs left beside the base ``path`` (a
    key change's copy, a creation, a key header being written); returns what was
    removed. Never those of a job still running."""
    removed = atomic.remove_leftovers(path) + atomic.remove_leftovers(slots.header_path(path))
    for pattern in _LEGACY_LEFTOVERS:
        for leftover in path.parent.glob(pattern.format(name=path.name)):
            with contextlib.suppress(OSError):
                if time.time() - leftover.stat().st_mtime > _LEGACY_AGE:
                    for companion in ("", "-journal", "-wal", "-shm"):
                        Path(f"{leftover}{companion}").unlink(missing_ok=True)
                    removed.append(leftover)
    return removed


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
        # 64 MiB of decrypted pages (SQLite's default is 2 MiB): a large service's year
        # of statistics, or a bulk write, would otherwise decrypt the same pages again
        # and again (pages in this cache are never written to disk in clear).
        "PRAGMA cache_size = -65536",
    ):
        connection.execute(pragma)


def restrict_to_owner(path: Path) -> None:
    """Make the base and its key file readable by their owner only (0600), as created
    since issue 14; an older base or a copy made by another tool may be 0644. Best effort:
    a file of another owner, or on a medium without modes, is left as it is."""
    for file in (path, slots.header_path(path)):
        with contextlib.suppress(OSError):
            mode = stat.S_IMODE(file.stat().st_mode)
            if mode & 0o077:
                os.chmod(file, mode & 0o700)


def base_files(path: Path) -> set[Path]:
    """The files of the base at ``path`` (itself, its key header, WAL, shared memory and
    opening marker), resolved: no export or bundle may be written over one of them."""
    resolved = path.resolve()
    return {Path(f"{resolved}{suffix}") for suffix in ("", ".keys", "-wal", "-shm", ".open")}


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
        self._identity = _file_identity(path)
        """Device and inode of the file opened: a write refuses a file replaced since."""
        self.integrity_check_due = False
        """The last opening did not close cleanly (or owed a check that has not passed):
        run :func:`~sps_desk.store.integrity.check_integrity` (in the background)."""
        self.open_token = ""
        """This opening's token in the marker beside the base (see store.integrity)."""

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
        if not self.connection.in_transaction:
            self.check_not_replaced()
        if self._unlock_not_audited:
            self._unlock_not_audited = False
            audit.record(self.connection, "unlock", user_id=user_id)
        audit.record(self.connection, action, user_id=user_id, record_id=record_id,
                     detail=detail)

    def flush_unlock_audit(self) -> None:
        """Write the « ouverture » line deferred by ``open(defer_unlock_audit=True)`` now
        (a job that succeeded without another audited action, e.g. a report)."""
        if self._unlock_not_audited:
            self._unlock_not_audited = False
            user_id = None if self.current_user is None else self.current_user.id
            self.check_not_replaced()
            audit.record(self.connection, "unlock", user_id=user_id)

    def check_not_replaced(self) -> None:
        """Refuse to write when the file under :attr:`path` is not the one opened.

        A key change or a restore by another program renames a new file over the base;
        this connection would go on writing into the old, unlinked file, and every save
        would be acknowledged then lost (issue 13).

        Raises:
            BaseReplaced: the file was replaced or removed.
        """
        try:
            same = _file_identity(self.path) == self._identity
        except OSError:
            same = False
        if not same:
            raise BaseReplaced(self.path)

    # ---------------------------------------------------------------- lifecycle

    @classmethod
    def create(
        cls, path: Path | str, passphrase: str, service_name: str,
        *, chief_name: str = "Chef de service",
        give_recovery_key: Callable[[str], None] | None = None,
    ) -> Database:
        """Create a new encrypted base with its schema, its service and its chief.

        A random 256-bit key encrypts the file; the header ``PATH.keys`` holds it wrapped
        by ``passphrase`` (the chief's slot, display name ``chief_name``) and by a new
        recovery key, which the returned object carries once in :attr:`recovery_key` —
        the caller shows or writes it, then sets it to ``None``. The passphrase policy is
        the caller's (``sps_desk.passphrases.require_strong``): the CLI and the window
        apply it. ``give_recovery_key``, if given, receives the recovery key once the base
        is complete but before it exists under ``path``: when it raises (the key file
        cannot be written), nothing is created. The file is built under a temporary name
        (mode 0600) and renamed only when complete (:mod:`sps_desk.atomic`).

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
        atomic.require_free_space(path.parent, MIN_FREE_BYTES)
        device_id = uuid.uuid4()
        database_key = slots.new_database_key()
        recovery_key = slots.generate_recovery_key()
        header_written = False
        try:
            with atomic.Staging() as stage:
                partial = stage.path_for(path)
                with contextlib.closing(_connect(partial, database_key, create=True)) as connection:
                    connection.execute("PRAGMA foreign_keys = ON")
                    schema.migrate(connection)
                    connection.execute(
                        "INSERT INTO meta(key, value) VALUES ('device_id', ?)", (str(device_id),)
                    )
                    database = cls(partial, connection, device_id)
                    database.repos.service.save(service)
                    chief = users.add(connection, chief_name, "chief")
                    audit.record(connection, "base_created", user_id=chief.id)
                header = slots.Header((
                    slots.passphrase_slot(str(chief.id), passphrase, [database_key]),
                    slots.recovery_slot(recovery_key, [database_key]),
                ))
                if give_recovery_key is not None:
                    # Before the base exists: if the key cannot be kept, there is no base
                    # that only a lost key could open.
                    give_recovery_key(recovery_key)
                for existing in (path, keys_path):
                    if existing.exists():
                        raise DatabaseExists(existing)
                # The header first: a base must never exist without its keys.
                slots.write_header(path, header)
                header_written = True
        except BaseException:
            if header_written and not path.exists():
                keys_path.unlink(missing_ok=True)
            raise
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
        it yields opens the file. Checks the file's shape and size and the schema (the
        pages themselves are checked as they are read; :attr:`integrity_check_due` says
        when the whole file should be checked); migrations newer than the file are
        applied. Nothing is written in the base when any check fails.
        ``failed_attempts`` (wrong passphrases typed before this one, counted by the
        caller, since a refused attempt writes nothing) goes into the audit log.
        ``defer_unlock_audit`` postpones the « ouverture » line until the first audited
        action, so that a job that ends up writing nothing (a refused or simulated merge,
        issue 7) leaves the file byte-for-byte unchanged.

        Raises:
            DatabaseNotFound, NotADatabase, PlainSqliteFile, TruncatedDatabase: the file.
            KeyFileMissing, KeyFileCorrupt, KdfOutOfBounds: the header beside it.
            KeyFileMismatch: the header is another base's, or older than a key rotation.
            WrongPassphrase: the passphrase opens no slot.
            CorruptDatabase: a page read while opening fails its HMAC.
            NewerSchema: the file comes from a newer major version of sps_desk.
            NotEnoughSpace: its disk is nearly full (:data:`MIN_FREE_BYTES`).
        """
        path = Path(path)
        passphrase = normalize_passphrase(passphrase)
        check_file_shape(path)
        atomic.require_free_space(path, MIN_FREE_BYTES)
        header = slots.read_header(path)
        unlocked = slots.unlock_with_passphrase(header, passphrase)
        if unlocked is None:
            raise WrongPassphrase()
        slot, keys = unlocked
        database = cls._open_with_keys(path, keys, slot.user_id, header, upgraded=slot)
        with database._closed_on_error():
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
        check_file_shape(path)
        atomic.require_free_space(path, MIN_FREE_BYTES)
        header = slots.read_header(path)
        slot, keys = slots.unlock_with_recovery(header, recovery_key)
        database = cls._open_with_keys(path, keys, None, header, upgraded=slot)
        with database._closed_on_error():
            database.audit("recovery_used")
        return database

    @contextlib.contextmanager
    def _closed_on_error(self) -> Iterator[None]:
        """Close the base just opened when the rest of its opening fails (the audit line
        on a full disk, Ctrl-C): left open, its marker would have the next opening
        reread the whole file, as after a crash."""
        try:
            yield
        except BaseException:
            self.close()
            raise

    @classmethod
    def _open_with_keys(
        cls, path: Path, keys: list[bytes], user_id: object, header: slots.Header,
        *, upgraded: slots.Slot | None = None,
    ) -> Database:
        """Open ``path`` with the first of ``keys`` that decrypts it (two during a rotation).

        ``header`` is the header as read before unlocking; ``upgraded``, the slot that
        unlocked, as :func:`slots.unlock_with_passphrase` returns it: when it was migrated
        to the current version, it is written once the base has opened, never before.
        """
        restrict_to_owner(path)
        diagnosis.check_journal(path, keys)
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
                    raise diagnosis.pages_missing(path, key) from error
                if name != "SQLITE_NOTADB":
                    # Read-only medium, busy file…: not a key problem; the CLI and the
                    # window turn SQLite's error name into a French message.
                    raise
                continue
            connection, working = candidate, key
            break
        converted = None
        if connection is None:
            converted, working = cls._convert_old_format(path, keys)
            connection = _connect(path, working, create=False)
        assert working is not None
        try:
            cls._check_size(path, connection)
            major = schema.file_major(connection)
            if major is not None and major > schema.SCHEMA_MAJOR:
                raise NewerSchema(path, major, schema.SCHEMA_MAJOR)
            _configure(connection)
            schema.migrate(connection)
            audit.ensure_keyed(connection)
            row = connection.execute("SELECT value FROM meta WHERE key = 'device_id'").fetchone()
            if row is None:
                raise CorruptDatabase(path)
            database = cls(path, connection, uuid.UUID(row[0]))
            if user_id is not None:
                database.current_user = users.get(connection, str(user_id))
                if database.current_user is None:
                    raise WrongPassphrase()  # a removed user's slot left behind
            database.database_key = working
            database._settle_header(header, working, upgraded)
            if converted is not None:
                database.audit("cipher_migrated", detail=f"format SQLCipher {converted} → 4")
            remove_leftovers(path)
            # The support log (issue 16): the event and the schema, never the path.
            logger.info("base ouverte (schéma %s)", database.schema_version())
            # Last: from here on, only closing the base removes the marker.
            database.open_token, database.integrity_check_due = integrity.mark_open(path)
            return database
        except BaseException:
            connection.close()
            raise

    @staticmethod
    def _convert_old_format(path: Path, keys: list[bytes]) -> tuple[int, bytes]:
        """When no key opens ``path`` in the current format: its older SQLCipher format,
        converted now (see :mod:`sps_desk.store.cipher_format`), and the key that fits.

        Raises:
            OldCipherFormat: an older format that could not be converted.
            TruncatedDatabase: not an older format, and not whole pages of the current one.
            CorruptDatabase: the key fits every page but the first (a damaged first page).
            KeyFileMismatch: otherwise — the key file is another base's, or older than
                the last key rotation.
        """
        for key in keys:
            version = cipher_format.old_format(path, key)
            if version is not None:
                cipher_format.convert(path, key, version)
                return version, key
        if path.stat().st_size % PAGE_SIZE:
            raise TruncatedDatabase(path)
        # A header from another base or older than the last key rotation — or a damaged
        # first page, which looks the same to SQLite (issue 13).
        raise diagnosis.no_key_fits(path, keys)

    def _settle_header(self, header: slots.Header, working: bytes,
                       upgraded: slots.Slot | None = None) -> None:
        """Finish an interrupted key rotation, move pending key events into the log and
        write a slot migrated to the current version (``upgraded``)."""
        stale = any(len(slot.sealed) != 1 for slot in header.slots)
        migrated = upgraded is not None and upgraded not in header.slots
        if not stale and not header.pending and not migrated:
            return
        if migrated and not stale and not header.pending:
            # Only the slot's form changes: apply it to the header as it is now, so that a
            # change made meanwhile (another user's new passphrase) is kept.
            assert upgraded is not None
            now = slots.read_header(self.path)
            before = next((s for s in header.slots if s.id == upgraded.id), None)
            if before is not None and before in now.slots:
                slots.write_header(self.path, now.with_slot(upgraded))
            return
        if migrated:
            assert upgraded is not None
            header = header.with_slot(upgraded)
        with self.transaction() as connection:
            for event in header.pending:
                audit.record(connection, event.action, user_id=event.user_id,
                             at=datetime.fromisoformat(event.at))
        settled = slots.Header(
            tuple(slots.reseal(s, [working]) if stale else s for s in header.slots)
        )
        slots.write_header(self.path, settled)

    @staticmethod
    def _check_size(path: Path, connection: sqlcipher3.Connection) -> None:
        """Refuse a file shorter than the pages its first page announces.

        The rest of the file is not read here (issue 12: 2.7 s on a large service's
        base): SQLCipher checks the HMAC of each page as it is read, and the whole file
        is checked after an unclean shutdown or on demand (:mod:`~sps_desk.store.integrity`).
        """
        wal = Path(f"{path}-wal")
        try:
            pages = connection.execute("PRAGMA page_count").fetchone()[0]
        except sqlcipher3.DatabaseError as error:
            raise CorruptDatabase(path) from error
        if pages * PAGE_SIZE > path.stat().st_size and not (wal.exists() and wal.stat().st_size):
            raise TruncatedDatabase(path)

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
        if self.open_token:
            integrity.mark_closed(self.path, self.open_token, check_due=self.integrity_check_due)

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ---------------------------------------------------------------- transactions

    @contextlib.contextmanager
    def transaction(self) -> Iterator[sqlcipher3.Connection]:
        """A write transaction; nested uses join the outer one. Rolls back on error.

        Raises:
            BaseReplaced: the file was replaced since it was opened (nothing written).
        """
        if self.connection.in_transaction:
            yield self.connection
            return
        self.check_not_replaced()
        self.connection.execute("BEGIN IMMEDIATE")
        try:
            yield self.connection
        except BaseException:
            # An I/O error has SQLite roll back by itself: a second ROLLBACK would hide it.
            if self.connection.in_transaction:
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
