"""Done-when of issue #5: 8 services' bases → 8 exported files → the 2022 departmental tables.

The bases are built through the project's own API (Database.create + repositories) with
just what the two 2022 tables of the reference document need (lines 555-600): hours by
category per service — Harnes counts its « Écrits professionnels » in « Accompagnements
individuels » — and collective actions with their young people and families (NR where
the document has NR). Each base is exported with the function ``sps-desk export`` runs,
the files are consolidated with ``sps-desk consolidate`` and the PDF and XLSX are read
back.
"""

from __future__ import annotations

import subprocess
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook

from sps_desk import cli
from sps_desk.enums import ActivityCategory, CollectiveActionType, Role, Sex
from sps_desk.records import (
    NOT_RECORDED,
    CollectiveAction,
    CollectiveActionSession,
    StaffMember,
    TallyCell,
    TimeEntry,
)
from sps_desk.reports.consolidation import (
    departmental_tables,
    load_file_set,
    load_statistics_file,
)
from sps_desk.reports.consolidation_model import Total
from sps_desk.reports.export import export_year
from sps_desk.store.database import Database
from tests.conftest import PASSPHRASE

YEAR = 2022
C = ActivityCategory
# « Répartition de l'activité par SPS » (reference lines 569-578); None = empty cell,
# "counted_in" = counted in another category: Harnes's « Dans les accompagnements
# individuels ». Boulogne held 12 collective actions yet its table row has no collective
# (nor individual) hours, its total being the sum of the other cells: a held action has
# sessions, whose hours are always recorded, so the only faithful reading is that
# Boulogne counts these hours in « Travail de rue » — the cells then read « Dans le
# travail de rue » where the document left them blank; every number is unchanged.
HOURS: dict[str, dict[ActivityCategory, float | str | None]] = {
    "Arras": {C.STREET_WORK: 2150, C.INDIVIDUAL_SUPPORT: 4103, C.COLLECTIVE_ACTIONS: 4110,
              C.TRAINING: 389, C.WRITING: 997, C.PARTNERSHIP: 1219, C.PREPARATION: None},
    "Bruay": {C.STREET_WORK: 2010, C.INDIVIDUAL_SUPPORT: 959, C.COLLECTIVE_ACTIONS: 1807,
              C.TRAINING: 62, C.WRITING: 251, C.PARTNERSHIP: 477, C.PREPARATION: 570},
    "Boulogne": {C.STREET_WORK: 5826, C.INDIVIDUAL_SUPPORT: "counted_in",
                 C.COLLECTIVE_ACTIONS: "counted_in",
                 C.TRAINING: 4134, C.WRITING: 2495, C.PARTNERSHIP: 709, C.PREPARATION: None},
    "Calais": {C.STREET_WORK: 1639, C.INDIVIDUAL_SUPPORT: 805, C.COLLECTIVE_ACTIONS: 1417,
               C.TRAINING: 2398, C.WRITING: 637, C.PARTNERSHIP: 862, C.PREPARATION: None},
    "Etaples": {C.STREET_WORK: 572, C.INDIVIDUAL_SUPPORT: 917, C.COLLECTIVE_ACTIONS: 1691,
                C.TRAINING: 222, C.WRITING: 710, C.PARTNERSHIP: 782, C.PREPARATION: None},
    "Harnes": {C.STREET_WORK: 1322, C.INDIVIDUAL_SUPPORT: 903, C.COLLECTIVE_ACTIONS: 1888,
               C.TRAINING: 54, C.WRITING: "counted_in", C.PARTNERSHIP: 669,
               C.PREPARATION: None},
    "Liévin": {C.STREET_WORK: 572, C.INDIVIDUAL_SUPPORT: 917, C.COLLECTIVE_ACTIONS: 1691,
               C.TRAINING: 150, C.WRITING: 710, C.PARTNERSHIP: 358, C.PREPARATION: None},
    "Oignies": {C.STREET_WORK: 1428, C.INDIVIDUAL_SUPPORT: 805, C.COLLECTIVE_ACTIONS: 2622,
                C.TRAINING: 130, C.WRITING: 1615, C.PARTNERSHIP: 810, C.PREPARATION: None},
}
TOTALS = {"Arras": 12968, "Bruay": 6136, "Boulogne": 13164, "Calais": 7758, "Etaples": 4894,
          "Harnes": 4836, "Liévin": 4398, "Oignies": 7410}
# « Actions collectives » (reference lines 592-600): actions, young people, families.
ACTIONS: dict[str, tuple[int, int, int | str]] = {
    "Arras": (7, 345, "NR"), "Bruay": (5, 369, "NR"), "Boulogne": (12, 382, 38),
    "Calais": (14, 412, "NR"), "Etaples": (23, 142, "NR"), "Harnes": (43, 331, "NR"),
    "Liévin": (6, 201, 41), "Oignies": (14, 700, 121),
}
SESSION_HOURS = 1.0


def _entries(staff_id, category: ActivityCategory, hours: float) -> list[TimeEntry]:
    """Hand-typed entries of at most 24 h each, summing to ``hours``."""
    entries = []
    day = 0
    while hours > 0:
        chunk = min(24.0, hours)
        entries.append(TimeEntry(staff_id=staff_id, date=date(YEAR, 1, 1).fromordinal(
            date(YEAR, 1, 1).toordinal() + day % 365), category=category, hours=chunk))
        hours -= chunk
        day += 1
    return entries


def _build_service(path: Path, name: str) -> None:
    with Database.create(path, PASSPHRASE, name) as database:
        repos = database.repos
        with database.transaction():
            service = database.service()
            if name == "Harnes":
                service = service.model_copy(update={"counted_in": {
                    C.WRITING: C.INDIVIDUAL_SUPPORT}})
            if name == "Boulogne":
                service = service.model_copy(update={"counted_in": {
                    C.INDIVIDUAL_SUPPORT: C.STREET_WORK, C.COLLECTIVE_ACTIONS: C.STREET_WORK}})
            repos.service.save(service.model_copy(update={"managing_body": "Association Ørjan"}))
            staff = repos.staff.save(StaffMember(display_name="Œnone", role=Role.SOCIAL_WORKER,
                                                 fte=1.0))
            count, young, families = ACTIONS[name]
            for index in range(count):
                share = young // count + (1 if index < young % count else 0)
                family: int | str = NOT_RECORDED if families == "NR" else (
                    families if index == 0 else 0)
                action = repos.collective_actions.save(CollectiveAction(
                    title=f"Action {index + 1}", type=CollectiveActionType.SPORT,
                    anonymous_participants=[TallyCell(sex=Sex.NOT_STATED, age_bracket="11-15",
                                                      count=share)],
                    families=family))
                repos.collective_sessions.save(CollectiveActionSession(
                    action_id=action.id, date=date(YEAR, 3, 1 + index % 28),
                    hours=SESSION_HOURS, staff_ids=[staff.id]))
            for category, hours in HOURS[name].items():
                if not isinstance(hours, int | float):
                    continue
                if category is C.COLLECTIVE_ACTIONS or (
                        category is C.STREET_WORK and name == "Boulogne"):
                    hours -= SESSION_HOURS * count  # the sessions wrote these already
                for entry in _entries(staff.id, category, float(hours)):
                    repos.time_entries.save(entry)


@pytest.fixture(scope="module")
def exported(tmp_path_factory) -> list[Path]:
    folder = tmp_path_factory.mktemp("services")
    files = []
    for name in HOURS:
        base = folder / f"{name}.sps"
        _build_service(base, name)
        with Database.open(base, PASSPHRASE) as database:
            files.append(export_year(database, YEAR, folder / f"statistiques-{name}.json").json)
    return files


def _number(cell) -> float | None:
    return cell.value if isinstance(cell, Total) else cell


def test_departmental_hours_table_is_the_2022_table(exported):
    tables = {t.key: t for t in departmental_tables(load_file_set(exported))}
    hours = tables["hours"]
    assert hours.header[0] == "SPS" and hours.header[-1] == "TOTAL"
    for name, expected in HOURS.items():
        row = hours.row(name)
        for category, cell in zip(
            [C.STREET_WORK, C.INDIVIDUAL_SUPPORT, C.COLLECTIVE_ACTIONS, C.TRAINING, C.WRITING,
             C.PARTNERSHIP, C.PREPARATION], row[1:-1], strict=True):
            value = expected[category]
            if value == "counted_in":
                assert cell == ("Dans le travail de rue" if name == "Boulogne"
                                else "Dans les accompagnements individuels")
            else:
                assert cell == value, (name, category)
        assert row[-1] == TOTALS[name]
    total = hours.row("TOTAL")
    assert total[-1] == sum(TOTALS.values()) == 61564
    assert total[1] == 15519  # travail de rue, all 8 services
    assert total[5] == 7415  # écrits professionnels without Harnes, which counts them elsewhere
    assert any("Harnes" in note and "Écrits professionnels" in note for note in hours.notes)


def test_departmental_collective_table_is_the_2022_table(exported):
    tables = {t.key: t for t in departmental_tables(load_file_set(exported))}
    collective = tables["collective"]
    for name, (count, young, families) in ACTIONS.items():
        assert collective.row(name)[1:] == [count, young, families]
    total = collective.row("TOTAL")
    assert total[1] == 124
    assert total[2] == Total(2882)
    assert total[3].value == 200
    assert set(total[3].left_out) == {"Arras", "Bruay", "Calais", "Etaples", "Harnes"}
    assert any("hors Arras, Bruay, Calais, Etaples, Harnes" in n for n in collective.notes)


def test_consolidate_command_writes_pdf_and_xlsx(exported, tmp_path, capsys):
    out = tmp_path / "departement"
    # The Département confirms each service's fingerprint the first time (issue 14).
    trusted = [a for p in exported
               for a in ("--trust", load_statistics_file(p).signature.fingerprint)]
    assert cli.main(["consolidate", *map(str, exported), "--out", str(out), *trusted]) == 0
    pdf = out / "consolidation-departementale-2022.pdf"
    xlsx = out / "consolidation-departementale-2022.xlsx"
    assert f"{pdf}" in capsys.readouterr().out
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout
    assert "consolidation départementale 2022" in text
    harnes = next(line for line in text.splitlines() if line.strip().startswith("Harnes"))
    assert harnes.split()[:5] == ["Harnes", "1", "322", "903", "1"]
    assert "4 836" in harnes
    assert "61 564" in text and "2 882" in text and "200 *" in text
    workbook = load_workbook(xlsx, read_only=True)
    hours = [list(r) for r in workbook["Heures"].iter_rows(values_only=True)]
    arras = next(r for r in hours if r[0] == "Arras")
    assert arras[1:9] == [2150, 4103, 4110, 389, 997, 1219, None, 12968]
    harnes_row = next(r for r in hours if r[0] == "Harnes")
    assert harnes_row[5] == "Dans les accompagnements individuels"
    collective = [list(r) for r in workbook["Actions collectives"].iter_rows(values_only=True)]
    assert next(r for r in collective if r[0] == "TOTAL")[1:4] == [124, 2882, 200]
    assert next(r for r in collective if r[0] == "Calais")[1:4] == [14, 412, "NR"]
