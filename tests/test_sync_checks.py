"""« À vérifier » marks and FTE periods travel between laptops like other records
(issue 15): real bases, real sealed and signed bundles."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, time
from pathlib import Path

import pytest

from sps_desk.enums import CheckRule
from sps_desk.fte import FtePeriod
from sps_desk.records import CheckMark, FieldSession
from sps_desk.store.checks import find_lines, set_checked
from sps_desk.store.sync.merge import Outcome
from tests.sync_support import Team, make_team, transfer

INES, THEO = "Inès Moreau-Ñúñez", "Théo Kowalczyk"


@pytest.fixture
def team(tmp_path: Path) -> Iterator[Team]:
    built = make_team(tmp_path, (INES, THEO))
    yield built
    built.close()


def _empty_outing(team: Team, educator: str) -> FieldSession:
    return FieldSession(date=date(2025, 3, 3), start_time=time(18), end_time=time(20),
                        staff_ids=[team.staff[educator].id])


def _checked(database: object, rule: CheckRule) -> list[bool]:
    return [line.checked for line in find_lines(database, 2025, date(2025, 6, 15))  # type: ignore[arg-type]
            if line.rule is rule]


def test_a_line_checked_on_a_laptop_is_checked_on_the_chief_s_base(team: Team) -> None:
    laptop = team.laptops[0]
    outing = laptop.repos.field_sessions.save(_empty_outing(team, INES))
    set_checked(laptop, CheckRule.EMPTY_OUTING, str(outing.id), True)

    plan = transfer(laptop, team.chief)

    assert plan.counts() == {Outcome.CREATED: 2}
    assert _checked(team.chief, CheckRule.EMPTY_OUTING) == [True]


def test_the_chief_s_marks_reach_the_laptops_that_hold_the_record_only(team: Team) -> None:
    ines, theo = team.laptops
    outing = ines.repos.field_sessions.save(_empty_outing(team, INES))
    transfer(ines, team.chief)
    set_checked(team.chief, CheckRule.EMPTY_OUTING, str(outing.id), True)
    set_checked(team.chief, CheckRule.LONG_DAY, f"{team.staff[THEO].id}:2025-03-14", True)

    transfer(team.chief, ines, device=INES)
    transfer(team.chief, theo, device=THEO)

    assert _checked(ines, CheckRule.EMPTY_OUTING) == [True]
    # Théo's laptop never held Inès's outing: no mark about it; the line about Théo's
    # own day (staff are shared with every laptop) does reach it.
    assert [m.rule for m in theo.repos.check_marks.all()] == [CheckRule.LONG_DAY]


def test_un_marking_on_the_chief_s_base_reaches_the_laptop(team: Team) -> None:
    laptop = team.laptops[0]
    outing = laptop.repos.field_sessions.save(_empty_outing(team, INES))
    set_checked(laptop, CheckRule.EMPTY_OUTING, str(outing.id), True)
    transfer(laptop, team.chief)
    set_checked(team.chief, CheckRule.EMPTY_OUTING, str(outing.id), False)

    transfer(team.chief, laptop, device=INES)

    assert _checked(laptop, CheckRule.EMPTY_OUTING) == [False]
    assert laptop.repos.check_marks.get(CheckMark.id_for(
        CheckRule.EMPTY_OUTING, str(outing.id)), include_deleted=True).is_deleted


def test_two_laptops_marking_the_same_line_make_one_mark(team: Team) -> None:
    subject = f"{team.staff[INES].id}:2025-03-14"
    for laptop in team.laptops:
        set_checked(laptop, CheckRule.LONG_DAY, subject, True)
        transfer(laptop, team.chief, name=f"{laptop.path.stem}.spsb")
    marks = team.chief.repos.check_marks.all()
    assert [(m.rule, m.subject) for m in marks] == [(CheckRule.LONG_DAY, subject)]


def test_the_chief_s_fte_periods_reach_the_laptops(team: Team) -> None:
    member = team.staff[INES]
    periods = [FtePeriod(end=date(2025, 8, 31), fte=1.0),
               FtePeriod(start=date(2025, 9, 1), fte=0.8)]
    team.chief.repos.staff.save(member.model_copy(update={"periods": periods}))

    transfer(team.chief, team.laptops[1], device=THEO)

    received = team.laptops[1].repos.staff.get(member.id)
    assert received.periods == periods
    assert (received.fte, received.active) == (0.8, True)
