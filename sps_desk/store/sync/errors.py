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


class UntrustedDevice(BundleRefused):
    """A bundle from a laptop this base has never merged, whose fingerprint the chief
    has not confirmed (trust on first use)."""

    def __init__(self, name: str, label: str, fingerprint: str) -> None:
        self.fingerprint = fingerprint
        super().__init__(
            name, f"il vient d'un ordinateur inconnu de cette base, « {label} », "
            f"d'empreinte {fingerprint}. Comparez cette empreinte avec celle qu'affiche "
            "l'ordinateur de l'éducateur (menu Équipe) ; si elle est identique, "
            f"intégrez-le en la confirmant (sps-desk merge --trust \"{fingerprint}\", ou "
            "depuis la fenêtre). Sinon, ne l'utilisez pas.")


class KeyFileRefused(SyncError):
    """The chief's public-key file (or its QR code) cannot be read."""

    def __init__(self, name: str, reason: str) -> None:
        super().__init__(f"Clé du chef de service {name} illisible : {reason}")


class NotJoined(SyncError):
    """A bundle asked of a base that is neither a laptop joined to a chief nor given the
    laptop it is for."""

    def __init__(self, known: list[str]) -> None:
        listed = ", ".join(f"« {label} »" for label in known) if known else "aucun pour l'instant"
        super().__init__(
            "Pour qui est ce paquet ? Sur la base du service, précisez l'ordinateur "
            f"destinataire avec --for NOM (ordinateurs connus : {listed}). Sur l'ordinateur "
            "d'un éducateur, la base doit avoir été créée rattachée au service : "
            "« sps-desk init --join CLÉ » (fichier ou photo du QR code du chef de service)."
        )


class UnknownDevice(SyncError):
    """The chief asked for a bundle for a laptop no bundle came from, or named several."""

    def __init__(self, wanted: str, known: list[str], *, ambiguous: bool = False) -> None:
        listed = ", ".join(f"« {label} »" for label in known) if known else "aucun pour l'instant"
        if ambiguous:
            message = (f"Plusieurs ordinateurs s'appellent « {wanted} » : désignez-le par le "
                       f"début de son identifiant avec --for (ordinateurs : {listed}).")
        else:
            message = (f"Aucun ordinateur connu ne s'appelle « {wanted} » (ordinateurs "
                       f"connus : {listed}). Vérifiez le nom ; un nouvel ordinateur est connu "
                       "dès que l'un de ses paquets a été intégré ici.")
        super().__init__(message)


class CannotJoin(SyncError):
    """``init --join`` on a base that already holds records."""

    def __init__(self) -> None:
        super().__init__(
            "Cette base contient déjà des données : seule une base neuve peut rejoindre "
            "le service d'un chef. Créez une nouvelle base avec « sps-desk init --join »."
        )
