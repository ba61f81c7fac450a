"""Errors that carry a French message a user can act on.

Every error a user may see derives from :class:`SpsDeskError`; its ``str()`` is a single
French sentence that says what happened and what to do. Messages never contain personal
data (names, codes, nicknames): only file names, field names and numbers.
"""

import errno


class SpsDeskError(Exception):
    """Base of every user-facing error; ``str(error)`` is the French message."""


class ValidationFailed(SpsDeskError):
    """A record or an input value breaks a domain rule (French message)."""


_OS_REASONS: dict[str, str] = {
    "ENOENT": "fichier ou dossier introuvable",
    "ENOTDIR": "un élément du chemin n'est pas un dossier",
    "EISDIR": "c'est un dossier, pas un fichier",
    "EEXIST": "un fichier de ce nom existe déjà",
    "EACCES": "permission refusée",
    "EPERM": "opération non permise",
    "EROFS": "le support est en lecture seule",
    "ENOSPC": "le disque est plein",
    "EDQUOT": "le quota de disque est atteint",
    "EFBIG": "le fichier dépasse la taille permise par ce support",
    "EIO": "erreur de lecture ou d'écriture du disque (support défectueux ou débranché)",
    "EBUSY": "le fichier est utilisé par une autre application",
    "ETXTBSY": "le fichier est utilisé par une autre application",
    "ENAMETOOLONG": "le nom du fichier est trop long",
    "EMFILE": "trop de fichiers ouverts",
    "ENODEV": "le support n'est plus disponible",
    "ENXIO": "le support n'est plus disponible",
    "ESTALE": "le dossier réseau n'est plus disponible",
    "ENOTCONN": "le dossier réseau n'est plus disponible",
    "ETIMEDOUT": "le dossier réseau ne répond pas",
}


def os_reason(number: int | None) -> str:
    """The French reason of an operating-system error number (``errno``), in lower case
    and without a final stop, e.g. ``"le disque est plein"``; a generic reason for an
    unknown or missing number."""
    name = errno.errorcode.get(number or 0, "")
    return _OS_REASONS.get(name, "opération refusée par le système")


def is_disk_full(number: int | None) -> bool:
    """Whether ``errno`` ``number`` means no space is left (full disk or quota)."""
    return number in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC))


_SQLITE_TEXTS = {
    "disk I/O error": "SQLITE_IOERR",
    "database or disk is full": "SQLITE_FULL",
    "database is locked": "SQLITE_BUSY",
    "database table is locked": "SQLITE_LOCKED",
    "unable to open database file": "SQLITE_CANTOPEN",
    "attempt to write a readonly database": "SQLITE_READONLY",
    "access permission denied": "SQLITE_PERM",
    "database disk image is malformed": "SQLITE_CORRUPT",
    "file is not a database": "SQLITE_NOTADB",
    "out of memory": "SQLITE_NOMEM",
}
"""SQLite's own text of a result code (``sqlite3_errstr``), by code name."""


def sqlite_error_name(error: BaseException) -> str:
    """The SQLite result code name of ``error`` (``SQLITE_IOERR_WRITE``), or ``""`` when it
    is not an SQLite error. Taken from ``sqlite_errorname``, else from SQLite's fixed text
    of the code: the online backup API (``Connection.backup``, used by backups and key
    rotation) raises with the text alone."""
    name = getattr(error, "sqlite_errorname", "")
    if isinstance(name, str) and name:
        return name
    module = type(error).__module__
    if (module == "sqlite3" or module.endswith(".dbapi2")) and error.args:
        return _SQLITE_TEXTS.get(str(error.args[0]), "")
    return ""
