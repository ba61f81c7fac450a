"""The diffusion version of the report gives away no hidden count; the internal one is
marked and named as such.

The service here is built so that every count the statistics file hides is a
*distinctive* number (21 or more, never equal to a published value, nor to a year, a
page number or the threshold): if a hidden value reached a diffusion file — through a
table, a total, a percentage, a chart, a caption or the N-1 column — it would be found
in the text of the PDF (pdftotext) or in the workbook. Threshold k = 40, so that small
cells are two-digit numbers; two years of data, so that the N-1 column is protected too.
"""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
from datetime import date, time
from pathlib import Path

import openpyxl
import pytest

from sps_desk.enums import ActivityCategory, PartnerType, Problem, Role, Sex, SupportOrigin
from sps_desk.records import (
    FieldSession,
    IndividualSupport,
    Referral,
    StaffMember,
    TimeEntry,
    YoungPerson,
)
from sps_desk.reports.annual import ReportFiles, write_annual_report
from sps_desk.reports.export import export_year
from sps_desk.reports.pdf import INTERNAL_MARK
from sps_desk.reports.spreadsheet import HEADER_ROW
from sps_desk.store import audit
from sps_desk.store.database import Database
from tests.conftest import PASSPHRASE

YEAR = 2026
K = 40

# (sex, birth date, number of young people, referral to, problems) supported in one year.
GROUPS_N = [
    (Sex.FEMALE, date(2012, 6, 15), 27, PartnerType.MISSION_LOCALE, [Problem.SCHOOLING]),
    (Sex.MALE, date(2012, 6, 15), 58, PartnerType.MDS, [Problem.SCHOOLING, Problem.HOUSING]),
    (Sex.FEMALE, date(2009, 3, 1), 33, PartnerType.MDS, [Problem.FAMILY_RELATIONS]),
    (Sex.MALE, date(2009, 3, 1), 71, PartnerType.MDS, [Problem.SCHOOLING]),
    (Sex.FEMALE, date(2006, 1, 10), 46, None, [Problem.EMPLOYMENT, Problem.HOUSING]),
    (Sex.MALE, date(2006, 1, 10), 23, PartnerType.MISSION_LOCALE, [Problem.EMPLOYMENT]),
]
GROUPS_N1 = [
    (Sex.FEMALE, date(2011, 6, 15), 34, PartnerType.MDS, [Problem.SCHOOLING]),
    (Sex.MALE, date(2011, 6, 15), 52, PartnerType.MDS, [Problem.SCHOOLING]),
    (Sex.FEMALE, date(2008, 6, 1), 47, None, [Problem.HOUSING]),
    (Sex.MALE, date(2008, 6, 1), 64, PartnerType.MDS, [Problem.HOUSING]),
    (Sex.FEMALE, date(2005, 1, 10), 55, None, [Problem.EMPLOYMENT]),
    (Sex.MALE, date(2005, 1, 10), 26, PartnerType.MISSION_LOCALE,
     [Problem.EMPLOYMENT, Problem.RESOURCES]),
]


def _year(database: Database, year: int, groups: list, staff: StaffMember) -> None:
    repos = database.repos
    start, end = date(year, 2, 1), (date(year, 11, 30) if year < YEAR else None)
    with database.transaction():
        for sex, born, how_many, partner, problems in groups:
            for _ in range(how_many):
                person = repos.young_people.save(YoungPerson(sex=sex, birth_date=born))
                support = repos.supports.save(IndividualSupport(
                    young_person_id=person.id, start_date=start, end_date=end,
                    end_reason="goal_reached" if end else None,
                    origin=SupportOrigin.STREET_WORK, problems=problems))
                if partner is not None:
                    repos.referrals.save(Referral(support_id=support.id,
                                                  date=date(year, 6, 1), partner_type=partner))
        # Hours and outings make the year one « with data »: 3 outings (6 h), 105 h written.
        for day in (3, 4, 5):
            repos.field_sessions.save(FieldSession(
                date=date(year, 3, day), start_time=time(18), end_time=time(20),
                staff_ids=[staff.id], tallies=[]))
        for day in range(1, 15):
            repos.time_entries.save(TimeEntry(staff_id=staff.id, date=date(year, 4, day),
                                              category=ActivityCategory.WRITING, hours=7.5))


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Database:
    database = Database.create(tmp_path_factory.mktemp("diffusion") / "d.sps", PASSPHRASE,
                               "SPS Ğüzelyurt – Diffusion")
    service = database.service()
    database.repos.service.save(service.model_copy(update={"disclosure_threshold": K}))
    staff = database.repos.staff.save(
        StaffMember(display_name="Zoé Ğüzel", role=Role.SOCIAL_WORKER, fte=1.0))
    _year(database, YEAR - 1, GROUPS_N1, staff)
    _year(database, YEAR, GROUPS_N, staff)
    yield database
    database.close()


@pytest.fixture(scope="module")
def released_n1(base: Database, tmp_path_factory: pytest.TempPathFactory) -> dict:
    """The statistics file of N-1 already sent to the Département (a release)."""
    out = tmp_path_factory.mktemp("export") / f"statistiques-{YEAR - 1}.json"
    export_year(base, YEAR - 1, out)
    return json.loads(out.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def reports(base: Database, released_n1: dict, tmp_path_factory: pytest.TempPathFactory
            ) -> dict[str, ReportFiles]:
    out = tmp_path_factory.mktemp("reports")
    before = len(audit.entries(base.connection))
    internal = write_annual_report(base, YEAR, out, variant="internal")
    after_internal = len(audit.entries(base.connection))
    diffusion = write_annual_report(base, YEAR, out)
    after_diffusion = len(audit.entries(base.connection))
    # Only the diffusion version is a release, recorded (audited) once written.
    assert after_internal == before and after_diffusion > after_internal
    return {"internal": internal, "diffusion": diffusion}


def _sheets(path: Path) -> dict[str, list[tuple]]:
    book = openpyxl.load_workbook(path)
    return {sheet.title: [tuple(row) for row in sheet.iter_rows(min_row=HEADER_ROW + 1,
                                                                values_only=True)]
            for sheet in book.worksheets}


def _pdf_cells(path: Path) -> list[str]:
    """Every cell of every line of the PDF's text (runs of 2+ spaces separate cells)."""
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], check=True,
                          capture_output=True, text=True, timeout=60).stdout
    return [cell for line in text.splitlines() for cell in re.split(r"\s{2,}", line.strip())
            if cell]


# A number as a reader sees one (« 58 », « 1 234 », « 12,5 »), not digits inside a word
# or a hexadecimal fingerprint.
_NUMBER = re.compile(r"(?<![\w,])(?:\d{1,3}(?: \d{3})*(?:,\d+)?|\d{4,})(?![\w,])")


def _numbers(cells: list[str]) -> set[str]:
    return {match for cell in cells for match in _NUMBER.findall(cell)}


def _fr(value: int | float) -> str:
    if isinstance(value, float) and not value.is_integer():
        return f"{value:,.2f}".rstrip("0").rstrip(".").replace(",", " ").replace(".", ",")
    return f"{int(value):,}".replace(",", " ")


@pytest.fixture(scope="module")
def hidden(reports: dict[str, ReportFiles]) -> dict[str, set]:
    """What the diffusion version hides: the internal value of every cell that reads
    « s » in the diffusion workbook (every table, the N-1 column included)."""
    raw, published = (_sheets(reports[v].xlsx) for v in ("internal", "diffusion"))
    assert [k for k in raw if k != "informations"] == [
        k for k in published if k != "informations"]
    counts: set[int] = set()
    percents: set[float] = set()
    for key, rows in published.items():
        if key == "informations":
            continue
        assert len(rows) == len(raw[key]), key
        for row, raw_row in zip(rows, raw[key], strict=True):
            for value, raw_value in zip(row, raw_row, strict=True):
                if value == "s":
                    assert raw_value not in (None, "s"), key
                    (percents if isinstance(raw_value, float) else counts).add(raw_value)
                else:
                    assert value == raw_value, (key, row[0])  # published = raw
    return {"counts": counts, "percents": percents}


def test_the_service_hides_distinctive_values_in_every_kind_of_table(
    hidden: dict[str, set], reports: dict[str, ReportFiles]
) -> None:
    counts = hidden["counts"]
    # Primary cells of both years (26: N-1 column) and secondary ones are hidden...
    assert {27, 33, 23, 26} <= counts
    assert any(value >= K for value in counts)
    # ... and they are distinctive: a leak of any of them would be seen.
    published = {_fr(v) for rows in _sheets(reports["diffusion"].xlsx).values()
                 for row in rows for v in row if isinstance(v, int | float)}
    assert all(value > 20 and value not in (29, 31, K - 1, K, YEAR, YEAR - 1)
               for value in counts)  # not a date of the annex, the threshold, a year
    assert not {_fr(value) for value in counts} & published, sorted(
        {_fr(value) for value in counts} & published)


def test_no_hidden_value_reaches_the_diffusion_pdf(
    hidden: dict[str, set], reports: dict[str, ReportFiles]
) -> None:
    cells = _pdf_cells(reports["diffusion"].pdf)
    numbers = _numbers(cells)
    leaked = {_fr(value) for value in hidden["counts"]} & numbers
    assert not leaked
    text = " ".join(cells)
    for percent in hidden["percents"]:
        assert f"{percent:.1f}".replace(".", ",") + " %" not in text
    # The hidden counts do show in the internal version (the test would see a leak).
    internal = _numbers(_pdf_cells(reports["internal"].pdf))
    assert {_fr(value) for value in hidden["counts"]} <= internal


def test_the_diffusion_pdf_prints_the_published_values(reports: dict[str, ReportFiles]
                                                       ) -> None:
    data = json.loads(reports["diffusion"].json.read_text(encoding="utf-8"))
    text = re.sub(r"\s+", " ", " ".join(_pdf_cells(reports["diffusion"].pdf)))
    by_sex_age = data["supported"]["by_sex_age"]
    for key, label in (("11-15", "11-15 ans"), ("16-17", "16-17 ans"), ("18-21", "18-21 ans")):
        cells = by_sex_age["cells"][key]
        row = [cells[s] for s in ("F", "M", "other", "not_stated")]
        row += [by_sex_age["bracket_totals"][key]]
        printed = " ".join("s" if v is None else _fr(v) for v in row)
        assert f"{label} {printed}" in text, (label, printed)
    assert "s : secret statistique" in text
    assert "valeurs masquées « s » ne sont pas représentées" in text


def test_the_diffusion_json_is_the_protected_statistics_file(
    reports: dict[str, ReportFiles], base: Database, tmp_path: Path
) -> None:
    data = json.loads(reports["diffusion"].json.read_text(encoding="utf-8"))
    # The cover carries the file's audit head, to compare the two documents.
    cover = re.sub(r"\s+", " ", subprocess.run(
        ["pdftotext", "-f", "1", "-l", "1", str(reports["diffusion"].pdf), "-"],
        capture_output=True, text=True, check=True).stdout)
    head = data["audit_head"]
    assert f"Empreinte du journal d'audit du service : entrée n° {head['seq']} — " in cover
    assert head["hash"][:16] in cover
    assert reports["diffusion"].json.name == f"statistiques-{YEAR}.json"
    assert data["format"] == "sps_desk.statistics_file"
    assert data["signature"]["fingerprint"]  # signed by the service, as export writes it
    assert data["supported"]["by_sex_age"]["cells"]["11-15"]["F"] is None  # 27 < k


def test_the_n1_column_is_the_release_already_made_for_that_year(
    reports: dict[str, ReportFiles], released_n1: dict
) -> None:
    sheets = _sheets(reports["diffusion"].xlsx)
    brackets = [b["key"] for b in released_n1["age_brackets"]]
    totals = released_n1["supported"]["by_sex_age"]["bracket_totals"]
    column = [row[-1] for row in sheets["accompagnes_age_sexe"]]
    assert column[:-1] == ["s" if totals[b] is None else totals[b] for b in brackets]
    total = released_n1["supported"]["by_sex_age"]["total"]
    assert column[-1] == ("s" if total is None else total)
    referrals = {line["label"]: line["count"] for line in released_n1["referrals"]}
    for label, _n, before in sheets["orientations"][:-1]:
        assert before == ("s" if referrals[label] is None else referrals[label])


def test_workbook_and_csv_hold_s_where_the_json_holds_null(
    reports: dict[str, ReportFiles]
) -> None:
    data = json.loads(reports["diffusion"].json.read_text(encoding="utf-8"))
    sheets = _sheets(reports["diffusion"].xlsx)
    lines = data["problems"]["lines"]
    rows = sheets["problematiques"]
    for line in lines:
        row = next(r for r in rows if r[0] == line["label"])
        assert row[1] == ("s" if line["young"] is None else line["young"])
    csv_path = next(p for p in reports["diffusion"].csv if p.name.endswith("-problematiques.csv"))
    csv_rows = list(csv.reader(io.StringIO(csv_path.read_bytes().decode("utf-8-sig")),
                               delimiter=";"))
    for line in lines:
        row = next(r for r in csv_rows if r[0] == line["label"])
        assert row[1] == ("s" if line["young"] is None else str(line["young"]))
    note = openpyxl.load_workbook(reports["diffusion"].xlsx)["problematiques"]["A2"].value
    assert "s : secret statistique" in note


def test_the_internal_version_is_named_and_marked_as_such(
    reports: dict[str, ReportFiles]
) -> None:
    files = reports["internal"]
    paths = [files.pdf, files.json, files.xlsx, *files.csv]
    assert all(p.stem.endswith("-interne") for p in paths), [p.name for p in paths]
    assert files.pdf.name == f"rapport-activite-{YEAR}-interne.pdf"
    pages = int(re.search(r"Pages:\s+(\d+)", subprocess.run(
        ["pdfinfo", str(files.pdf)], capture_output=True, text=True, check=True).stdout)[1])
    for number in range(1, pages + 1):
        page = subprocess.run(["pdftotext", "-f", str(number), "-l", str(number),
                               str(files.pdf), "-"], capture_output=True, text=True,
                              check=True).stdout
        assert INTERNAL_MARK in re.sub(r"\s+", " ", page), number
    # Its annex lists the cells the diffusion version hides, with the reason.
    text = re.sub(r"\s+", " ", subprocess.run(["pdftotext", str(files.pdf), "-"],
                                              capture_output=True, text=True).stdout)
    annex = text[text.index("Cases masquées dans la version de diffusion"):]
    assert ("Jeunes accompagnés par âge et par sexe : 11-15 ans, Féminin : moins de 40 "
            "personnes") in annex
    # The diffusion files are not marked internal.
    diffusion = subprocess.run(["pdftotext", str(reports["diffusion"].pdf), "-"],
                               capture_output=True, text=True, check=True).stdout
    assert "Document interne" not in diffusion


def test_the_annex_states_the_secrecy_rule_in_plain_french(
    reports: dict[str, ReportFiles]
) -> None:
    text = re.sub(r"\s+", " ", subprocess.run(
        ["pdftotext", str(reports["diffusion"].pdf), "-"], capture_output=True, text=True,
        check=True).stdout)
    annex = text[text.rindex("Définitions"):]
    for fragment in (
        f"un effectif de personnes compris entre 1 et {K - 1} n'est pas publié : il est "
        "remplacé par « s »",
        "pour qu'aucune valeur masquée ne puisse être recalculée exactement, ni prouvée "
        f"inférieure à {K}",
        "par soustraction à partir des totaux",
        "à partir des relations entre les tableaux",
        "en comparant ce rapport avec les rapports et fichiers statistiques déjà transmis",
        "Les zéros sont publiés.",
        f"la colonne {YEAR - 1} reprend les valeurs publiées pour {YEAR - 1}",
    ):
        assert fragment in annex, fragment


def test_a_released_n1_is_not_computed_again(
    base: Database, released_n1: dict, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 12: once N−1 is released, its column is the release; a diffusion of N
    queries year N alone (its statistics the same as those of a pass over both years)."""
    import weakref

    from sps_desk.reports import release, statistics

    both = statistics.compute_years(base, YEAR - 1, YEAR)[YEAR]
    spans: list[tuple[int, int]] = []
    real = statistics.compute_years

    def recorded(database: Database, first: int, last: int) -> dict:
        spans.append((first, last))
        return real(database, first, last)

    monkeypatch.setattr(statistics, "_LAST_PASS", weakref.WeakKeyDictionary())
    monkeypatch.setattr(statistics, "compute_years", recorded)
    diffusion = release.prepare_diffusion(base, YEAR)
    assert spans == [(YEAR, YEAR)]
    assert diffusion.previous is not None and diffusion.previous.year == YEAR - 1
    assert statistics.compute_statistics(base, YEAR) == both
