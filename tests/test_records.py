"""Domain validation with French messages (DESIGN.md §3)."""

from __future__ import annotations

import uuid
from datetime import date, time

import pytest
from pydantic import ValidationError

from sps_desk.records import (
    NOT_RECORDED,
    CollectiveAction,
    FieldSession,
    IndividualSupport,
    TallyCell,
    TimeEntry,
    YoungPerson,
    french_errors,
)

STAFF = uuid.uuid4()


def _errors(build) -> list[str]:
    with pytest.raises(ValidationError) as caught:
        build()
    return french_errors(caught.value)


def test_hours_must_be_quarter_steps_and_at_most_24() -> None:
    assert _errors(lambda: TimeEntry(staff_id=STAFF, date=date(2025, 1, 6),
                                     category="writing", hours=1.1)) == [
        "heures : les heures se saisissent par quarts d'heure (0,25 ; 0,5 ; 0,75…)"
    ]
    assert _errors(lambda: TimeEntry(staff_id=STAFF, date=date(2025, 1, 6),
                                     category="writing", hours=24.25)) == [
        "heures : doit être inférieur ou égal à 24"
    ]


def test_counts_cannot_be_negative() -> None:
    lines = _errors(lambda: FieldSession(
        date=date(2025, 1, 6), start_time=time(14), end_time=time(16), staff_ids=[STAFF],
        adults_met=-1,
    ))
    assert lines == ["adultes rencontrés : doit être supérieur ou égal à 0"]


def test_a_session_may_cross_midnight_but_not_last_zero() -> None:
    session = FieldSession(date=date(2025, 1, 6), start_time=time(21, 30),
                           end_time=time(0, 30), staff_ids=[STAFF])
    assert session.hours == 3.0
    assert _errors(lambda: FieldSession(date=date(2025, 1, 6), start_time=time(21),
                                        end_time=time(21), staff_ids=[STAFF])) == [
        "L'heure de fin doit être différente de l'heure de début"
    ]


def test_a_support_ends_after_it_starts_with_a_reason() -> None:
    lines = _errors(lambda: IndividualSupport(
        young_person_id=uuid.uuid4(), start_date=date(2025, 3, 1), origin="street_work",
        end_date=date(2025, 2, 1), end_reason="goal_reached",
    ))
    assert lines == ["La date de fin précède la date de début de l'accompagnement"]


def test_problems_and_categories_come_from_fixed_lists() -> None:
    assert _errors(lambda: IndividualSupport(
        young_person_id=uuid.uuid4(), start_date=date(2025, 3, 1), origin="street_work",
        problems=["astrologie"],
    )) == ["problématiques : valeur non prévue dans la liste"]
    assert _errors(lambda: TimeEntry(staff_id=STAFF, date=date(2025, 1, 6),
                                     category="sieste", hours=1)) == [
        "catégorie : valeur non prévue dans la liste"
    ]


def test_not_recorded_is_distinct_from_zero() -> None:
    assert CollectiveAction(title="Séjour à Ørsta", type="residential_trip").families == "NR"
    assert CollectiveAction(title="Chantier", type="work_project", families=0).families == 0
    assert NOT_RECORDED != 0


def test_a_tally_cell_appears_once() -> None:
    cell = TallyCell(sex="F", age_bracket="11-15", count=2)
    assert _errors(lambda: FieldSession(
        date=date(2025, 1, 6), start_time=time(14), end_time=time(16), staff_ids=[STAFF],
        tallies=[cell, cell],
    )) == ["rencontres anonymes : une même case sexe × tranche d'âge apparaît deux fois"]


def test_every_record_has_uuid_utc_timestamps_and_no_tombstone() -> None:
    person = YoungPerson(nickname="Łuki")
    assert isinstance(person.id, uuid.UUID)
    assert person.created_at.utcoffset().total_seconds() == 0
    assert person.deleted_at is None
    assert person.code.startswith("J-") and len(person.code) == 8


def test_float_noise_is_snapped_and_a_sliver_refused() -> None:
    entry = TimeEntry(staff_id=STAFF, date=date(2025, 1, 6), category="writing",
                      hours=0.2500000001)
    assert entry.hours == 0.25
    assert _errors(lambda: TimeEntry(staff_id=STAFF, date=date(2025, 1, 6),
                                     category="writing", hours=1e-10)) == [
        "heures : les heures se saisissent par quarts d'heure (0,25 ; 0,5 ; 0,75…)"
    ]


def test_an_hour_that_does_not_exist_is_not_a_session() -> None:
    # 30 March 2025, 02:00 → 03:00 never happened in Europe/Paris.
    assert _errors(lambda: FieldSession(date=date(2025, 3, 30), start_time=time(2, 30),
                                        end_time=time(3, 30), staff_ids=[STAFF])) == [
        "Une sortie dure au moins un quart d'heure"
    ]


def test_work_dates_and_times_are_plausible() -> None:
    assert _errors(lambda: FieldSession(date=date(2205, 3, 3), start_time=time(14),
                                        end_time=time(16), staff_ids=[STAFF])) == [
        "date : date hors de la période possible (1990 à 2100) : vérifiez l'année"
    ]
    assert _errors(lambda: FieldSession(date=date(2025, 3, 3), start_time=time(14, 0, 1),
                                        end_time=time(16), staff_ids=[STAFF])) == [
        "heure de début : l'heure se saisit à la minute près (hh:mm)"
    ]


def test_a_count_or_nr_gives_one_french_line() -> None:
    assert _errors(lambda: CollectiveAction(title="Atelier", type="sport", families=-1)) == [
        "nombre de familles : doit être supérieur ou égal à 0"
    ]
    assert _errors(lambda: TimeEntry(staff_id=STAFF, date=date(2025, 1, 6),
                                     category="writing", hours=25)) == [
        "heures : doit être inférieur ou égal à 24"
    ]
