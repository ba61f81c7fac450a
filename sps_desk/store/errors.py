"""Errors raised when a database file cannot be created or opened (French messages),
and :func:`describe`: one French sentence for any error a user may meet."""

from __future__ import annotations

import errno
from pathlib import Path

from pydantic import ValidationError

from sps_desk import support_log
from sps_desk.atomic import free_bytes
from sps_desk.errors import SpsDeskError, is_disk_full, os_reason, sqlite_error_name
from sps_desk.records import french_errors


class StoreError(SpsDeskError):
    """Base of the storage errors."""


class DatabaseNotFound(StoreError):
    """No file at the given path."""

    def __init__(self, path: Path) -> None:
        super().__init__(
            f"Aucune base de données à l'emplacement {path} : vérifiez le chemin, "
            "ou créez la base avec « sps-desk init »."
        )


class DatabaseExists(StoreError):
    """Creation refused: a file already exists at the path."""

    def __init__(self, path: Path) -> None:
        super().__init__(
            f"Un fichier existe déjà à l'emplacement {path} : choisissez un autre nom, "
            "rien n'a été écrasé."
        )


class WrongPassphrase(StoreError):
    """The passphrase does not open this file. Nothing was written."""

    def __init__(self) -> None:
        super().__init__(
            "Phrase de passe incorrecte : la base n'a pas été ouverte et n'a pas été "
            "modifiée. Vérifiez la saisie (majuscules, accents) et réessayez."
        )


class PlainSqliteFile(StoreError):
    """The file is an unencrypted SQLite database, not an sps_desk base."""

    def __init__(self, path: Path) -> None:
        super().__init__(
            f"{path.name} est une base SQLite non chiffrée, pas une base sps_desk : "
            "elle n'a pas été ouverte. Choisissez le fichier de votre base chiffrée."
        )


class NotADatabase(StoreError):
    """The file is not a database at all (text, image, archive, empty file…)."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(
            f"{path.name} n'est pas une base sps_desk ({reason}) : choisissez le "
            "fichier de votre base, ou restaurez une sauvegarde."
        )


class TruncatedDatabase(StoreError):
    """The file is an encrypted base whose end is missing (interrupted copy)."""

    def __init__(self, path: Path) -> None:
        super().__init__(
            f"{path.name} est incomplet (copie interrompue ?) : il n'a pas été ouvert. "
            "Recopiez-le depuis l'original, ou restaurez une sauvegarde."
        )


class CorruptDatabase(StoreError):
    """The passphrase is right but pages fail their integrity check."""

    def __init__(self, path: Path) -> None:
        super().__init__(
            f"{path.name} est endommagé (contrôle d'intégrité en échec) : il n'a pas été "
            "modifié. Restaurez une sauvegarde et signalez l'incident à votre chef de service."
        )


class NewerSchema(StoreError):
    """The file was written by a newer major version of sps_desk."""

    def __init__(self, path: Path, file_major: int, supported_major: int) -> None:
        super().__init__(
            f"{path.name} a été créé par une version plus récente de sps_desk (schéma "
            f"{file_major}, cette version lit le schéma {supported_major}) : mettez "
            "l'application à jour. Le fichier n'a pas été modifié."
        )


class StrayJournal(StoreError):
    """A ``-wal`` journal beside the base belongs to another base or an older copy."""

    def __init__(self, path: Path) -> None:
        super().__init__(
            f"Le journal {path.name}-wal, à côté de la base, ne vient pas de cette base (reste "
            "d'une autre base ou d'une ancienne copie) : la base, intacte, n'a pas été ouverte. "
            f"Déplacez {path.name}-wal et {path.name}-shm dans un autre dossier (sans les "
            "supprimer), puis rouvrez la base."
        )


class BaseReplaced(StoreError):
    """The file under the base's name is no longer the one this connection opened (its
    key was changed, or a backup was restored, by another program): nothing is written
    into the replaced file."""

    def __init__(self, path: Path) -> None:
        super().__init__(
            f"La base {path.name} a été remplacée sur le disque pendant qu'elle était "
            "ouverte ici (clé changée ou sauvegarde restaurée par une autre fenêtre ou "
            "commande) : cette saisie n'a pas été enregistrée. Fermez l'application et "
            "rouvrez la base, puis saisissez-la à nouveau."
        )


class BaseInUse(StoreError):
    """A job that must be alone on the base (key change, restore) found it open."""

    def __init__(self, path: Path, job: str) -> None:
        super().__init__(
            f"La base {path.name} est ouverte ailleurs (la fenêtre de l'application, une "
            "autre commande sps-desk, ou un autre ordinateur par le réseau), et ce qui s'y "
            f"écrit serait perdu : fermez-la, puis recommencez {job}. Rien n'a été modifié."
        )


# ---------------------------------------------------------------- describe


_SQLITE_REASONS: dict[str, str] = {
    "SQLITE_BUSY": "La base est utilisée par une autre application (écriture en cours) : "
    "réessayez dans un instant. Rien n'a été modifié.",
    "SQLITE_LOCKED": "La base est verrouillée par une autre opération : réessayez dans un "
    "instant. Rien n'a été modifié.",
    "SQLITE_FULL": "Le disque de la base est plein : libérez de la place et recommencez. "
    "L'opération a été annulée, la base est intacte.",
    "SQLITE_CANTOPEN": "Impossible d'ouvrir la base en écriture (support en lecture seule, "
    "débranché ou droits insuffisants) : copiez-la dans un dossier où vous pouvez écrire.",
    "SQLITE_READONLY": "La base est en lecture seule (support ou droits) : copiez-la dans "
    "un dossier où vous pouvez écrire.",
    "SQLITE_PERM": "Le système refuse l'accès à la base (droits insuffisants) : copiez-la "
    "dans un dossier où vous pouvez écrire.",
    "SQLITE_IOERR": "Erreur de lecture ou d'écriture du disque (support défectueux ou "
    "débranché) : l'opération a été annulée. Vérifiez le support, puis restaurez une "
    "sauvegarde si l'erreur revient.",
    "SQLITE_CORRUPT": "La base est endommagée (contrôle d'intégrité en échec) : restaurez "
    "une sauvegarde et signalez l'incident à votre chef de service.",
    "SQLITE_NOTADB": "Le fichier n'est pas une base sps_desk lisible avec cette clé : "
    "restaurez une sauvegarde. Rien n'a été modifié.",
    "SQLITE_NOMEM": "Mémoire insuffisante : fermez d'autres applications et recommencez. "
    "Rien n'a été modifié.",
}
"""French sentences for the SQLite errors a user can meet, by SQLite's primary error name
(qutebrowser's ``misc/sql.py`` tells these environment errors from bugs the same way)."""

_FULL_MARGIN = 1024 * 1024
"""Below this many free bytes, an I/O error of a write is the disk being full: SQLite
reports a full disk met while writing its WAL or its shared memory as an I/O error."""


def _primary(name: str) -> str:
    """``SQLITE_IOERR`` for ``SQLITE_IOERR_WRITE``: the primary code of an extended one."""
    parts = name.split("_")
    return "_".join(parts[:2]) if len(parts) > 2 else name


def _sqlite_name(error: BaseException) -> str:
    return sqlite_error_name(error)


def _disk_full_at(where: Path | None) -> bool:
    if where is None:
        return False
    free = free_bytes(where)
    return free is not None and free < _FULL_MARGIN


def is_expected(error: BaseException) -> bool:
    """Whether ``error`` is one the user can act on (an environment error or a refused
    input), as opposed to a bug to log and report: STYLE §4."""
    if isinstance(error, SpsDeskError | ValidationError | OSError | MemoryError
                  | KeyboardInterrupt):
        return True
    return _primary(_sqlite_name(error)) in _SQLITE_REASONS


def disk_full_message(where: Path | None = None) -> str:
    """« disque plein » in one French sentence, naming the folder ``where`` if given."""
    place = f" ({where})" if where is not None else ""
    return (f"Le disque est plein{place} : libérez de la place (ou choisissez un autre "
            "support) et recommencez. L'opération a été annulée, rien n'a été perdu.")


def describe(error: BaseException, *, where: Path | None = None) -> str:
    """One French sentence for ``error``, whatever raised it: what happened, what to do.

    ``SpsDeskError`` as is; pydantic validation errors field by field; SQLite errors by
    name (``sqlite_errorname``, extended codes by their primary code); OS errors by
    ``errno``, naming the file. ``where`` (the base, or the file being written) lets an
    I/O error on an almost full disk say « disque plein », which it is. Anything else is
    an unexpected error: a sentence that says so, with no detail that could hold personal
    data (log ``type(error).__name__`` separately; see :func:`is_expected`).

    The sentence is also noted in the support log with the error's code, scrubbed of
    names and paths (:func:`sps_desk.support_log.note_error`).
    """
    message = _describe(error, where=where)
    support_log.note_error(error, message)
    return message


def _describe(error: BaseException, *, where: Path | None = None) -> str:
    if isinstance(error, SpsDeskError):
        return str(error)
    if isinstance(error, ValidationError):
        return "Données invalides : " + " ; ".join(french_errors(error))
    if isinstance(error, KeyboardInterrupt):
        return "Interrompu : rien n'a été modifié par l'opération en cours."
    if isinstance(error, MemoryError):
        return _SQLITE_REASONS["SQLITE_NOMEM"]
    if isinstance(error, OSError):
        filename = error.filename if error.filename not in (None, "") else None
        place = None if filename is None else Path(str(filename))
        if is_disk_full(error.errno):
            return disk_full_message(place.parent if place is not None else where)
        if error.errno == errno.EIO and _disk_full_at(place or where):
            return disk_full_message(where or place)
        if filename is None:
            return f"Opération impossible : {os_reason(error.errno)}. Rien n'a été modifié."
        return f"Impossible d'accéder à {filename} : {os_reason(error.errno)}."
    name = _primary(_sqlite_name(error))
    if name in ("SQLITE_IOERR", "SQLITE_CANTOPEN") and _disk_full_at(where):
        return disk_full_message(where.parent if where is not None else None)
    if name in _SQLITE_REASONS:
        return _SQLITE_REASONS[name]
    return (f"Erreur inattendue ({type(error).__name__}) : l'opération n'a pas abouti. "
            "Réessayez, et signalez-la si elle se reproduit.")


def is_transient(error: BaseException) -> bool:
    """Whether trying again in a moment may succeed (another process holds the base)."""
    return _primary(_sqlite_name(error)) in ("SQLITE_BUSY", "SQLITE_LOCKED")
