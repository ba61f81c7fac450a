"""Issue 7, "Done when": the chief's annual report after merging three laptops equals
the report of one base that received the same entries directly."""

from __future__ import annotations

import subprocess
from datetime import date, time
from pathlib import Path

from sps_desk.enums import (
    ActivityCategory,
    CollectiveActionType,
    InterventionType,
    PartnerType,
    Problem,
    Role,
    Sex,
    SupportOrigin,
)
from sps_desk.records import (
    CollectiveAction,
    CollectiveActionSession,
    FieldSession,
    IndividualSupport,
    Intervention,
    Partner,
    Referral,
    Sector,
    StaffMember,
    TallyCell,
    TimeEntry,
    YoungPerson,
)
from sps_desk.reports.annual import write_annual_report
from sps_desk.reports.statistics import compute_statistics
from sps_desk.store.database import Database
from sps_desk.store.sync.transfer import make_bundle, merge_bundles
from tests.conftest import PASSPHRASE
from tests.sync_support import EDUCATORS, make_team


def _record_work(database: Database, me: StaffMember, colleague: StaffMember,
                 sector: Sector, partner: Partner, number: int) -> None:
    """A few weeks of one educator's work in 2026 (and one entry in 2025)."""
    repos = database.repos
    young = [repos.young_people.save(YoungPerson(
        code=f"J-{number}Z{i}K", nickname=name, sex=sex, birth_date=date(2010 + i, 3, 1)))
        for i, (name, sex) in enumerate([("Zoé", Sex.FEMALE), ("Ğökhan", Sex.MALE),
                                         ("Дмитрий", Sex.MALE)])]
    for day in (5, 12, 19):
        repos.field_sessions.save(FieldSession(
            date=date(2026, 3, day), start_time=time(21, 30), end_time=time(0, 30),
            staff_ids=[me.id, colleague.id], sector_id=sector.id,
            tallies=[TallyCell(sex=Sex.FEMALE, age_bracket="16-17", count=day % 4 + 1),
                     TallyCell(sex=Sex.MALE, age_bracket="11-15", count=2)],
            adults_met=1, young_met_ids=[y.id for y in young[: 1 + day % 3]]))
    support = repos.supports.save(IndividualSupport(
        young_person_id=young[0].id, referent_id=me.id, start_date=date(2025, 10, 1),
        origin=SupportOrigin.STREET_WORK, problems=[Problem.SCHOOLING, Problem.EMPLOYMENT]))
    for month in (1, 4):
        repos.interventions.save(Intervention(
            support_id=support.id, date=date(2026, month, 8), type=InterventionType.INTERVIEW,
            duration_hours=1.5, staff_ids=[me.id]))
    repos.referrals.save(Referral(support_id=support.id, date=date(2026, 4, 9),
                                  partner_type=PartnerType.MISSION_LOCALE, partner_id=partner.id))
    action = repos.collective_actions.save(CollectiveAction(
        title=f"Tournoi de foot {number}", type=CollectiveActionType.OUTING,
        participant_ids=[young[1].id], families=2,
        anonymous_participants=[TallyCell(sex=Sex.MALE, age_bracket="16-17", count=6)]))
    repos.collective_sessions.save(CollectiveActionSession(
        action_id=action.id, date=date(2026, 6, 3), hours=3.0, staff_ids=[me.id]))
    repos.time_entries.save(TimeEntry(staff_id=me.id, date=date(2026, 2, 2),
                                      category=ActivityCategory.PARTNERSHIP, hours=2.5))
    deleted = repos.time_entries.save(TimeEntry(staff_id=me.id, date=date(2026, 2, 3),
                                                category=ActivityCategory.WRITING, hours=1.0))
    repos.time_entries.delete(deleted.id)
    repos.time_entries.save(TimeEntry(staff_id=me.id, date=date(2025, 12, 1),
                                      category=ActivityCategory.TRAINING, hours=7.0))


def _text(pdf: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True,
                          capture_output=True, text=True).stdout


def test_the_report_after_merging_three_laptops_equals_the_direct_one(tmp_path: Path) -> None:
    team = make_team(tmp_path / "equipe")
    direct = Database.create(tmp_path / "direct.sps", PASSPHRASE, "SPS Ğüzelyurt – Équipe")
    try:
        sector = direct.repos.sectors.save(Sector(commune="Saint-Étienne",
                                                  neighbourhood="Montreynaud"))
        partner = direct.repos.partners.save(Partner(name="Mission locale Œ",
                                                     type=PartnerType.MISSION_LOCALE))
        staff = {name: direct.repos.staff.save(StaffMember(
            display_name=name, role=Role.SOCIAL_WORKER, fte=1.0)) for name in EDUCATORS}
        bundles = []
        for number, (name, laptop) in enumerate(zip(EDUCATORS, team.laptops, strict=True)):
            colleague = EDUCATORS[(number + 1) % 3]
            _record_work(laptop, team.staff[name], team.staff[colleague], team.sector,
                         team.partner, number)
            _record_work(direct, staff[name], staff[colleague], sector, partner, number)
            bundles.append((f"{number}.spsb", make_bundle(laptop).data))
        merge_bundles(team.chief, bundles)

        merged_stats = compute_statistics(team.chief, 2026)
        direct_stats = compute_statistics(direct, 2026)
        # 3 laptops × (3 night outings × 3 h × 2 staff + 2 × 1,5 h + 3 h + 2,5 h)
        assert merged_stats.hours.total == 79.5
        assert merged_stats.contacts.field_sessions == 9
        assert merged_stats.supported.total == 3
        assert merged_stats == direct_stats
        # The internal version: the raw numbers of both bases, whatever is masked.
        merged_files = write_annual_report(team.chief, 2026, tmp_path / "fusion",
                                           variant="internal")
        direct_files = write_annual_report(direct, 2026, tmp_path / "direct",
                                           variant="internal")
        assert _text(merged_files.pdf) == _text(direct_files.pdf)
        assert merged_files.json.read_text(encoding="utf-8") == direct_files.json.read_text(
            encoding="utf-8")
    finally:
        direct.close()
        team.close()
