"""Errors raised when a database file cannot be created or opened (French messages)."""

from __future__ import annotations

from pathlib import Path

from sps_desk.errors import SpsDeskError


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
