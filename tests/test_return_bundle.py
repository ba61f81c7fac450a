"""The chief's bundle for a laptop, written by SQLite (issue 12): it holds what the
record-by-record selection chose (``tests/selection_oracle.py``), including what the
laptop wrote itself, each row as its validated record writes it, and reads back on the
laptop as those very items."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from sps_desk.enums import InterventionType, SupportOrigin
from sps_desk.records import Identity, IndividualSupport, Intervention, StaffMember, YoungPerson
from sps_desk.store.sync.bundle import unseal
from sps_desk.store.sync.identity import private_keys
from sps_desk.store.sync.selection import need_to_know, need_to_know_encoded
from sps_desk.store.sync.transfer import make_bundle
from tests.selection_oracle import need_to_know as oracle
from tests.sync_support import Team, make_team, transfer

INES, THEO = "Inès Moreau-Ñúñez", "Théo Kowalczyk"


@pytest.fixture
def team(tmp_path: Path) -> Iterator[Team]:
    built = make_team(tmp_path, (INES, THEO))
    yield built
    built.close()


def _support(team: Team, young: YoungPerson, referent: str) -> IndividualSupport:
    return IndividualSupport(young_person_id=young.id, referent_id=team.staff[referent].id,
                             start_date=date(2026, 11, 2), origin=SupportOrigin.STREET_WORK)


def test_a_laptop_gets_back_what_it_wrote_and_what_its_educator_works_with(
        team: Team) -> None:
    ines, theo = team.laptops
    # Inès writes a young person she then leaves to Théo (his support), and one she
    # never follows: she gets both back because she wrote them, not because of a
    # support of hers.
    handed = ines.repos.young_people.save(YoungPerson(nickname="Zoé Ğüzel"))
    alone = ines.repos.young_people.save(YoungPerson(nickname="Дмитрий"))
    followed = theo.repos.young_people.save(YoungPerson(nickname="أمينة"))
    transfer(ines, team.chief)
    transfer(theo, team.chief)
    team.chief.repos.supports.save(_support(team, team.chief.repos.young_people.get(
        handed.id), THEO))
    mine = team.chief.repos.supports.save(_support(team, team.chief.repos.young_people.get(
        followed.id), INES))

    for laptop, educator in ((ines, INES), (theo, THEO)):
        staff, device = team.staff[educator].id, str(laptop.device_id)
        assert need_to_know(team.chief, staff, device) == oracle(team.chief, staff, device)
    sent = {item.record_id for item in need_to_know(
        team.chief, team.staff[INES].id, str(ines.device_id))}
    assert {str(handed.id), str(alone.id), str(followed.id), str(mine.id)} <= sent


def test_rows_stamped_by_plain_sql_go_out_as_their_records_write_them(team: Team) -> None:
    ines = team.laptops[0]
    young = ines.repos.young_people.save(YoungPerson(nickname="Zoé Ğüzel"))
    transfer(ines, team.chief)
    with team.chief.transaction() as connection:
        # As an erasure or a retention purge rewrites a row: another ISO form of UTC.
        connection.execute("UPDATE young_person SET updated_at = ?, deleted_at = ? "
                           "WHERE id = ?", ("2026-01-05T09:30:00.250000+00:00",
                                            "2026-01-05T10:30:00+01:00", str(young.id)))
    stored = team.chief.repos.young_people.get(young.id, include_deleted=True)

    [item] = [i for i in need_to_know(team.chief, team.staff[INES].id, str(ines.device_id))
              if i.record_id == str(young.id)]

    assert item.version.row == stored.model_dump(mode="json")
    assert item.version.row["updated_at"] == "2026-01-05T09:30:00.250000Z"
    assert item.version.row["deleted_at"] == "2026-01-05T09:30:00Z"


def test_the_bundle_reads_back_on_the_laptop_as_the_items_chosen(team: Team) -> None:
    ines = team.laptops[0]
    ines.repos.young_people.save(YoungPerson(nickname="Zoé Ğüzel"))
    transfer(ines, team.chief)
    staff, device = team.staff[INES].id, str(ines.device_id)

    written = make_bundle(team.chief, device=INES)
    bundle = unseal(written.data, "paquet.spsb", private_keys(ines)[1])

    assert bundle.encoded == []
    assert bundle.items == need_to_know(team.chief, staff, device)
    # The service, its sector, two staff members, the partner and Zoé.
    assert written.records == len(need_to_know_encoded(team.chief, staff, device)) == 6
    assert [item.kind for item in bundle.items] == [
        "service", "sector", "staff_member", "staff_member", "partner", "young_person"]


class _Plans:
    """The base's connection, recording each statement with its query plan."""

    def __init__(self, connection: Any) -> None:
        self.connection = connection
        self.plans: list[tuple[str, list[str]]] = []

    def __getattr__(self, name: str) -> Any:
        return getattr(self.connection, name)

    def execute(self, sql: str, params: Any = ()) -> Any:
        self.plans.append((sql, [row[3] for row in self.connection.execute(
            f"EXPLAIN QUERY PLAN {sql}", params)]))
        return self.connection.execute(sql, params)


def test_the_interventions_of_the_supports_are_read_from_one_index_alone(
        team: Team, monkeypatch: pytest.MonkeyPatch) -> None:
    # Migration 0013: whole interventions in support order, a few contiguous pages,
    # instead of rows scattered over the whole table.
    ines = team.laptops[0]
    young = team.chief.repos.young_people.save(YoungPerson(nickname="Zoé Ğüzel"))
    support = team.chief.repos.supports.save(_support(team, young, INES))
    team.chief.repos.interventions.save(Intervention(
        support_id=support.id, date=date(2026, 11, 3), type=InterventionType.INTERVIEW,
        duration_hours=1.5, staff_ids=[team.staff[THEO].id]))
    plans = _Plans(team.chief.connection)
    monkeypatch.setattr(team.chief, "connection", plans)

    items = need_to_know_encoded(team.chief, team.staff[INES].id, str(ines.device_id))

    assert [item.kind for item in items].count("intervention") == 1
    read = [plan for sql, plan in plans.plans
            if 'FROM "intervention"' in sql and "t.support_id" in sql]
    assert len(read) == 2  # the educator's own supports, then the others
    for plan in read:
        assert "USING COVERING INDEX intervention_by_support" in plan[0], plan


_ODD_TEXTS = ("a\x00b", "ctl\x01\x1f\x7f\u2028\u2029", '"quoted" \\back\\slash \'',
              "😀🏳️‍🌈 Zoé Ğüzel Дмитрий أمينة 漢字", '{"kind": "young_person", "id": 1}', "null",
              "[1, 2]", " \t\n\r ")


def test_odd_texts_fractions_and_edge_dates_come_back_equal_on_the_laptop(team: Team) -> None:
    # SQLite writes each row as JSON (json_object): a NUL, control characters, quotes,
    # JSON-looking text, an FTE of a third (17 significant digits), the first and last
    # plausible work dates and NULL columns must come back as the chief's records.
    ines = team.laptops[0]
    young = []
    for number, text in enumerate(_ODD_TEXTS):
        person = ines.repos.young_people.save(YoungPerson(
            nickname=text, birth_date=date(2008, 2, 29) if number % 2 else None,
            in_child_welfare_care=(None, True, False)[number % 3]))
        ines.repos.identities.save(Identity(young_person_id=person.id, first_name=text,
                                            last_name=text * 2, address=(text * 60)[:400]))
        young.append(person)
    transfer(ines, team.chief)
    educator = team.staff[INES]
    third = team.chief.repos.staff.save(StaffMember(display_name="Tiers temps ⅓",
                                                     role=educator.role, fte=1 / 3))
    for person in young:
        support = team.chief.repos.supports.save(_support(team, person, INES))
        for day, hours in ((date(1990, 1, 1), 0.25), (date(2100, 12, 31), 24.0)):
            team.chief.repos.interventions.save(Intervention(
                support_id=support.id, date=day, type=InterventionType.INTERVIEW,
                duration_hours=hours, staff_ids=[educator.id, third.id]))

    transfer(team.chief, ines, device=INES)

    compared = 0
    for name in ("young_people", "identities", "staff", "supports", "interventions"):
        for record in getattr(team.chief.repos, name).all(include_deleted=True):
            assert getattr(ines.repos, name).get(record.id, include_deleted=True) == record
            compared += 1
    assert compared == 8 + 8 + 3 + 8 + 16
    assert ines.repos.staff.get(third.id).fte == 1 / 3
