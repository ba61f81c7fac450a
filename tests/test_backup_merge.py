"""A chief's base restored from a backup older than its last merge keeps merging the
laptops' bundles, and gets back what they had already sent (issue 13, point 1)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, time
from pathlib import Path

import pytest

from sps_desk.enums import SupportOrigin
from sps_desk.records import FieldSession, IndividualSupport, Sector, TallyCell, YoungPerson
from sps_desk.store.backup import create_backup
from sps_desk.store.database import Database
from sps_desk.store.restore import restore_backup
from tests.backup_support import nicknames
from tests.conftest import PASSPHRASE
from tests.sync_support import Team, make_team, transfer

INES = "Inès Moreau-Ñúñez"


@pytest.fixture
def team(tmp_path: Path) -> Iterator[Team]:
    built = make_team(tmp_path, (INES,))
    yield built
    built.close()


def test_a_restored_chief_merges_later_bundles_and_gets_back_what_was_sent(
        team: Team, tmp_path: Path) -> None:
    laptop = team.laptops[0]
    zoe = laptop.repos.young_people.save(YoungPerson(nickname="Zoé"))
    transfer(laptop, team.chief)
    backup = create_backup(team.chief, tmp_path / "sauvegardes")
    # After the backup: the laptop sends more, the chief adds a sector and answers.
    dmitri = laptop.repos.young_people.save(YoungPerson(nickname="Дмитрий"))
    laptop.repos.young_people.save(zoe.model_copy(update={"nickname": "Zoé B."}))
    transfer(laptop, team.chief)
    lens = team.chief.repos.sectors.save(Sector(commune="Lens", neighbourhood="Sud"))
    transfer(team.chief, laptop, device=INES)
    # The chief's disk dies: the base comes back from the backup.
    path = team.chief.path
    team.chief.close()
    restored = restore_backup(backup.folder, path, passphrase=PASSPHRASE)
    assert any(f"« {INES} »" in line and "paquet de retour" in line
               for line in restored.summary())
    team.chief = Database.open(path, PASSPHRASE)
    assert nicknames(team.chief) == ["Zoé"]

    # New work on the laptop that refers to what the restored base lost.
    laptop.repos.supports.save(IndividualSupport(
        young_person_id=dmitri.id, start_date=date(2026, 11, 2),
        origin=SupportOrigin.STREET_WORK))
    laptop.repos.field_sessions.save(FieldSession(
        date=date(2026, 11, 18), start_time=time(21, 30), end_time=time(23, 0),
        staff_ids=[team.staff[INES].id], sector_id=lens.id,
        tallies=[TallyCell(sex="F", age_bracket="16-17", count=2)]))
    plan = transfer(laptop, team.chief)  # was « Erreur inattendue (IntegrityError) »
    assert plan.behind == [INES]
    assert any("n'a pas tous les changements" in line for line in plan.summary())
    assert len(team.chief.repos.supports.all()) == 1
    assert [s.commune for s in team.chief.repos.sectors.all() if s.id == lens.id] == ["Lens"]
    assert nicknames(team.chief) == ["Zoé", "Дмитрий"]  # the edit of Zoé is still missing

    # The return bundle asks for it again; the laptop's next bundle brings it.
    transfer(team.chief, laptop, device=INES)
    again = transfer(laptop, team.chief)
    assert again.behind == []
    assert nicknames(team.chief) == nicknames(laptop) == ["Zoé B.", "Дмитрий"]
    assert len(team.chief.repos.field_sessions.all()) == len(laptop.repos.field_sessions.all())
