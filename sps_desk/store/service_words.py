"""The service's own words, which an attacker guessing a passphrase tries first.

A passphrase made of the service's name, its managing body, its communes and quartiers or
its team's names is weak whatever its length (« SPS Arras Blancs Monts Baudimont Saint
Paul », issue 14): these words are given to the strength estimate as zxcvbn's user inputs
(:func:`sps_desk.passphrases.assess`). They stay in memory only.
"""

from __future__ import annotations

from sps_desk.store import users
from sps_desk.store.database import Database


def service_words(database: Database) -> list[str]:
    """The service's name, managing body and MDS, each sector's commune and quartier,
    the staff's and the users' display names (phrases as typed; may repeat)."""
    service = database.service()
    words = [service.name, service.managing_body, service.linked_mds]
    for sector in database.repos.sectors.all(include_deleted=True):
        words += [sector.commune, sector.neighbourhood]
    words += [member.display_name for member in database.repos.staff.all(include_deleted=True)]
    words += [user.display_name for user in users.active(database.connection)]
    return [word for word in words if word and word.strip()]
