"""store.errors.describe: one French sentence for every error a user can meet."""

from __future__ import annotations

import errno
from pathlib import Path

import pytest
import sqlcipher3
from pydantic import ValidationError

from sps_desk.records import Sector
from sps_desk.store import errors
from sps_desk.store.errors import WrongPassphrase, describe, is_expected, is_transient


def _sqlite(name: str) -> sqlcipher3.Error:
    error = sqlcipher3.OperationalError("disk I/O error")
    error.sqlite_errorname = name
    return error


def test_sqlite_errors_by_name_and_extended_name() -> None:
    assert describe(_sqlite("SQLITE_BUSY")) == (
        "La base est utilisée par une autre application (écriture en cours) : réessayez "
        "dans un instant. Rien n'a été modifié.")
    assert describe(_sqlite("SQLITE_IOERR_WRITE")).startswith(
        "Erreur de lecture ou d'écriture du disque (support défectueux ou débranché)")
    assert describe(_sqlite("SQLITE_READONLY_DBMOVED")).startswith("La base est en lecture seule")
    assert describe(_sqlite("SQLITE_FULL")).startswith("Le disque de la base est plein")
    assert is_transient(_sqlite("SQLITE_BUSY_SNAPSHOT"))
    assert not is_transient(_sqlite("SQLITE_IOERR"))


def test_errors_of_the_backup_api_are_named_by_sqlite_text() -> None:
    # Connection.backup (backups, key rotation) raises without sqlite_errorname: an I/O
    # error injected there by the fault suite used to say « Erreur inattendue ».
    error = sqlcipher3.OperationalError("disk I/O error")
    assert describe(error).startswith("Erreur de lecture ou d'écriture du disque")
    assert is_expected(error)
    assert describe(sqlcipher3.OperationalError("database or disk is full")).startswith(
        "Le disque de la base est plein")
    assert is_transient(sqlcipher3.OperationalError("database is locked"))
    assert describe(sqlcipher3.OperationalError("no such table: x")).startswith(
        "Erreur inattendue (OperationalError)")


def test_an_io_error_on_a_nearly_full_disk_is_a_full_disk(tmp_path: Path, monkeypatch) -> None:
    base = tmp_path / "service.sps"
    monkeypatch.setattr(errors, "free_bytes", lambda _where: 12_000)
    assert describe(_sqlite("SQLITE_IOERR_WRITE"), where=base) == (
        f"Le disque est plein ({tmp_path}) : libérez de la place (ou choisissez un autre "
        "support) et recommencez. L'opération a été annulée, rien n'a été perdu.")
    monkeypatch.setattr(errors, "free_bytes", lambda _where: 40_000_000_000)
    assert describe(_sqlite("SQLITE_IOERR_WRITE"), where=base).startswith("Erreur de lecture")


def test_os_errors_name_the_file_and_the_cause(tmp_path: Path) -> None:
    denied = PermissionError(errno.EACCES, "Permission denied", str(tmp_path / "a.pdf"))
    assert describe(denied) == f"Impossible d'accéder à {tmp_path / 'a.pdf'} : permission refusée."
    full = OSError(errno.ENOSPC, "No space left", str(tmp_path / "a.pdf"))
    assert describe(full).startswith(f"Le disque est plein ({tmp_path})")
    # An empty path no longer gives « Impossible d'accéder à : ».
    assert describe(FileNotFoundError(errno.ENOENT, "No such file", "")) == (
        "Opération impossible : fichier ou dossier introuvable. Rien n'a été modifié.")


def test_user_facing_validation_and_unexpected_errors() -> None:
    assert describe(WrongPassphrase()).startswith("Phrase de passe incorrecte")
    with pytest.raises(ValidationError) as caught:
        Sector(commune="")
    assert describe(caught.value).startswith("Données invalides : ")
    assert describe(ValueError("secret name Zoé")) == (
        "Erreur inattendue (ValueError) : l'opération n'a pas abouti. Réessayez, et "
        "signalez-la si elle se reproduit.")
    assert is_expected(caught.value) and is_expected(OSError()) and is_expected(_sqlite(
        "SQLITE_CORRUPT"))
    assert not is_expected(ValueError()) and not is_expected(_sqlite("SQLITE_MISUSE"))
