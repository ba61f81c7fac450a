"""A service's team for team-merge tests: the chief's base and laptops joined to it.

Names are synthetic (accents, non-Latin letters)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sps_desk.enums import PartnerType, Role
from sps_desk.records import Partner, Sector, StaffMember
from sps_desk.store.database import Database
from sps_desk.store.sync.identity import join, key_file_text, own_keys
from sps_desk.store.sync.merge import MergePlan
from sps_desk.store.sync.transfer import make_bundle, merge_bundles
from tests.conftest import PASSPHRASE

EDUCATORS = ("Inès Moreau-Ñúñez", "Théo Kowalczyk", "Айгерим Şahin")


@dataclass
class Team:
    """The chief's base, one laptop base per educator, and the shared reference ids."""

    chief: Database
    laptops: list[Database]
    staff: dict[str, StaffMember]
    sector: Sector
    partner: Partner

    def close(self) -> None:
        for database in (self.chief, *self.laptops):
            database.close()


def transfer(sender: Database, recipient: Database, name: str = "paquet.spsb",
             **options: object) -> MergePlan:
    """Make a bundle on ``sender`` and merge it into ``recipient``, the sender's
    fingerprint confirmed (as the chief does once, comparing it with the laptop's
    screen)."""
    written = make_bundle(sender, **options)  # type: ignore[arg-type]
    return merge_bundles(recipient, [(name, written.data)],
                         trusted=[own_keys(sender).fingerprint])


def make_team(folder: Path, educators: tuple[str, ...] = EDUCATORS) -> Team:
    """A chief's base with a sector, a partner and the team, and one joined laptop per
    educator that has received its first bundle from the chief."""
    chief = Database.create(folder / "chef.sps", PASSPHRASE, "SPS Ğüzelyurt – Équipe")
    sector = chief.repos.sectors.save(Sector(commune="Saint-Étienne", neighbourhood="Montreynaud"))
    partner = chief.repos.partners.save(Partner(name="Mission locale Œ",
                                                   type=PartnerType.MISSION_LOCALE))
    staff = {
        name: chief.repos.staff.save(StaffMember(display_name=name, role=Role.SOCIAL_WORKER,
                                                 fte=1.0))
        for name in educators
    }
    key = key_file_text(chief)
    laptops = []
    for number, name in enumerate(educators):
        laptop = Database.create(folder / f"portable{number}.sps", PASSPHRASE, "provisoire",
                                 chief_name=name)
        join(laptop, key, "chef.spskey")
        transfer(laptop, chief)
        transfer(chief, laptop, device=name)
        laptops.append(laptop)
    return Team(chief, laptops, staff, sector, partner)
