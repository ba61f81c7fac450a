"""Refusals of team merge, in French, without personal data. Nothing is written when
one is raised."""

from __future__ import annotations

from sps_desk.errors import SpsDeskError


class SyncError(SpsDeskError):
    """Base of the team-merge errors."""


class BundleRefused(SyncError):
    """A bundle file cannot be merged; ``str()`` names the file and says what to do."""

    def __init__(self, name: str, reason: str) -> None:
        super().__init__(f"Paquet {name} refusé : {reason} Rien n'a été modifié dans la base.")


class KeyFileRefused(SyncError):
    """The chief's public-key file (or its QR code) cannot be read."""

    def __init__(self, name: str, reason: str) -> None:
        super().__init__(f"Clé du chef de service {name} illisible : {reason}")


class NotJoined(SyncError):
    """A laptop base asked for a bundle before receiving the chief's key."""

    def __init__(self) -> None:
        super().__init__(
            "Cette base ne connaît pas encore la clé du chef de service : créez la base de "
            "l'ordinateur avec « sps-desk init --join CLÉ » (fichier ou photo du QR code "
            "donné par le chef de service)."
        )


class UnknownDevice(SyncError):
    """The chief asked for a bundle for a device whose bundles were never merged."""

    def __init__(self, wanted: str, known: list[str]) -> None:
        listed = ", ".join(known) if known else "aucun pour l'instant"
        super().__init__(
            f"Aucun ordinateur « {wanted} » n'a encore transmis de paquet à cette base "
            f"(connus : {listed}). Intégrez d'abord un paquet de cet ordinateur."
        )


class CannotJoin(SyncError):
    """``init --join`` on a base that already holds records."""

    def __init__(self) -> None:
        super().__init__(
            "Cette base contient déjà des données : seule une base neuve peut rejoindre "
            "le service d'un chef. Créez une nouvelle base avec « sps-desk init --join »."
        )
