"""The Département's register of its services' signing keys, one per computer.

The Département has no base: the register is a small JSON file in this computer's user
data folder (platformdirs: ``~/.local/share/sps_desk`` on Linux, ``%LOCALAPPDATA%`` on
Windows), holding for each service id its name and public keys. A service's first file
is trusted only once its key's fingerprint has been compared with the chief's (on the
phone, or on paper: ``sps-desk key`` prints it) — ``sps-desk consolidate --trust
FINGERPRINT`` or the window's confirmation — exactly as a laptop trusts the chief's key.
From then on, a file of that service signed by another key is refused, and so is a key
already registered for another service.

The file holds no secret (public keys and service names) but decides what is accepted:
it is written atomically, readable by its owner only, and bounded in size when read.
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from enum import Enum
from pathlib import Path

import platformdirs

from sps_desk.errors import SpsDeskError
from sps_desk.reports.files import write_atomically
from sps_desk.reports.statistics_file import StatisticsFile

FORMAT = "sps_desk.registre_services"
VERSION = 1
MAX_BYTES = 4 * 1024 * 1024
"""A register of a few hundred services is tens of KiB; a bigger file is refused unread."""


def default_path() -> Path:
    """This computer's register: ``registre-services.json`` in the user data folder."""
    return platformdirs.user_data_path("sps_desk", appauthor=False) / "registre-services.json"


def normalized(fingerprint: str) -> str:
    """A typed fingerprint in the printed form (``ABCD EF01 …``): case, spaces, dashes
    ignored; returns ``""`` when it is not 20 hex digits."""
    compact = re.sub(r"[\s\-:]", "", fingerprint).upper()
    if not re.fullmatch(r"[0-9A-F]{20}", compact):
        return ""
    return " ".join(compact[i:i + 4] for i in range(0, 20, 4))


class RegisterUnreadable(SpsDeskError):
    """The register file is damaged or not a register."""

    def __init__(self, path: Path) -> None:
        super().__init__(
            f"Le registre des services {path} est illisible ou endommagé : restaurez-le "
            "depuis une sauvegarde, ou déplacez-le (chaque service sera alors à confirmer de "
            "nouveau par son empreinte). Rien n'a été consolidé.")


class ServiceRefused(SpsDeskError):
    """A file whose signing key does not fit the register (names the file)."""


class Standing(Enum):
    """Where a signed file stands against the register."""

    KNOWN = "known"
    """Its service is registered with this very key."""
    NEW_SERVICE = "new_service"
    """Its service is not registered yet: confirm the fingerprint first."""
    OTHER_KEY = "other_key"
    """Its service is registered with another key: forged, or the service's base changed."""
    KEY_OF_ANOTHER_SERVICE = "key_of_another_service"
    """Its key is registered for another service: never accepted."""


@dataclass(frozen=True)
class RegisteredService:
    """A service as the register knows it (``registered_at``: UTC ISO time)."""

    service_id: str
    name: str
    sign_key: str
    box_key: str
    fingerprint: str
    registered_at: str


@dataclass
class ServiceRegister:
    """The register at ``path``: service id → :class:`RegisteredService`."""

    path: Path
    services: dict[str, RegisteredService] = field(default_factory=dict)

    @classmethod
    def load(cls, path: Path | None = None) -> ServiceRegister:
        """The register at ``path`` (default :func:`default_path`); empty when absent.

        Raises:
            RegisterUnreadable: damaged, not a register, or over :data:`MAX_BYTES`.
        """
        path = default_path() if path is None else path
        try:
            with path.open("rb") as handle:
                raw = handle.read(MAX_BYTES + 1)
        except FileNotFoundError:
            return cls(path)
        except OSError:
            raise RegisterUnreadable(path) from None
        try:
            if len(raw) > MAX_BYTES:
                raise ValueError("size")
            document = json.loads(raw.decode("utf-8"))
            if document["format"] != FORMAT or document["version"] != VERSION:
                raise ValueError("format")
            services = [RegisteredService(**{k: str(v) for k, v in entry.items()})
                        for entry in document["services"]]
        except (ValueError, KeyError, TypeError, AttributeError, UnicodeDecodeError):
            raise RegisterUnreadable(path) from None
        return cls(path, {s.service_id: s for s in services})

    def save(self) -> None:
        """Write the register atomically (owner-only file), creating its folder."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        document = {"format": FORMAT, "version": VERSION,
                    "services": [asdict(s) for s in self.services.values()]}
        data = (json.dumps(document, ensure_ascii=False, indent=1) + "\n").encode("utf-8")
        write_atomically(self.path, lambda stream: stream.write(data))

    def standing(self, statistics_file: StatisticsFile) -> Standing:
        """Where ``statistics_file`` (signature already verified) stands."""
        signature = statistics_file.signature
        assert signature is not None
        for other in self.services.values():
            if other.sign_key == signature.sign_key and other.service_id != (
                    statistics_file.service.id):
                return Standing.KEY_OF_ANOTHER_SERVICE
        known = self.services.get(statistics_file.service.id)
        if known is None:
            return Standing.NEW_SERVICE
        if known.sign_key != signature.sign_key or known.box_key != signature.box_key:
            return Standing.OTHER_KEY
        return Standing.KNOWN

    def trust(self, statistics_file: StatisticsFile) -> RegisteredService:
        """Register (or re-register) the file's service with the file's keys; not saved.

        Only after the fingerprint was compared with the chief's. Raises
        ``ServiceRefused`` for a key already registered for another service.
        """
        signature = statistics_file.signature
        assert signature is not None
        if self.standing(statistics_file) is Standing.KEY_OF_ANOTHER_SERVICE:
            raise ServiceRefused(self.refusal(statistics_file, "ce fichier"))
        entry = RegisteredService(
            statistics_file.service.id, statistics_file.service.name, signature.sign_key,
            signature.box_key, signature.fingerprint,
            datetime.now(UTC).isoformat(timespec="seconds"))
        self.services[entry.service_id] = entry
        return entry

    def refusal(self, statistics_file: StatisticsFile, name: str) -> str:
        """The French sentence refusing ``statistics_file`` (file ``name``) as it stands;
        empty for a registered service signing with its registered key."""
        signature = statistics_file.signature
        assert signature is not None
        service = statistics_file.service.name
        printed = signature.fingerprint
        standing = self.standing(statistics_file)
        if standing is Standing.NEW_SERVICE:
            return (f"{name} : le service « {service} » n'est pas encore dans le registre des "
                    f"services de ce poste. Comparez l'empreinte de sa clé, {printed}, avec "
                    "celle que le chef de service vous lit (« sps-desk key » sur sa base), "
                    f"puis relancez avec --trust \"{printed}\" ou confirmez-la dans la "
                    "fenêtre du Département.")
        if standing is Standing.OTHER_KEY:
            known = self.services[statistics_file.service.id]
            return (f"{name} : ce fichier est signé par une autre clé (empreinte {printed}) "
                    f"que celle enregistrée pour le service « {service} » (empreinte "
                    f"{known.fingerprint}) : il ne vient pas de ce service, ou le service a "
                    "changé de base. Vérifiez auprès du chef de service ; si la nouvelle "
                    f"empreinte est confirmée, relancez avec --trust \"{printed}\".")
        if standing is Standing.KEY_OF_ANOTHER_SERVICE:
            owner = next(s for s in self.services.values()
                         if s.sign_key == signature.sign_key)
            return (f"{name} : ce fichier se présente comme venant du service « {service} » "
                    f"mais il est signé par la clé du service « {owner.name} » : il est "
                    "refusé.")
        return ""
