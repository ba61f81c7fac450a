"""Golden test of the whole annual job on the hand-built base of ``test_statistics``.

Every table of year 2026 (with its 2025 column) is worked out by hand below from the
dataset described in ``tests/test_statistics.py``. Both versions of the report are
checked against it:

- the **internal** version (raw): the XLSX read back with openpyxl, the CSV files and the
  PDF read back with pdftotext must all give exactly those numbers;
- the **diffusion** version (published): the same numbers, except every count the
  statistics file hides (``null`` in ``statistiques-2026.json``, or in the protected
  2025 file for the N-1 column), which must read « s » in the XLSX, the CSV and the PDF;
  and every count the file publishes must be the hand-worked one.

Then data of 2027 is added and the 2026 report regenerated: its numbers must not move.

Hand-worked 2025 (the N-1 column): one street-work session on 20/12/2025 (2 h, staff A,
5 anonymous boys 11-15, Y6 « Anaïs » met); Y2's support (since 15/11/2024) and Y6's
(01/06/2025 → 15/12/2025) are active; the December outing (5 h, Y6, 10 families); 10 h
of writing. Y6 is 16 on 01/06/2025 (her first activity of 2025), Y2 is 12 on 01/01/2025.
"""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import subprocess
from datetime import date, datetime, time
from pathlib import Path

import openpyxl
import pytest

from sps_desk.records import (
    CollectiveActionSession,
    FieldSession,
    IndividualSupport,
    Intervention,
    ReportSections,
    TimeEntry,
)
from sps_desk.reports.annual import ReportFiles, write_annual_report
from sps_desk.reports.leak_scan import LeakFound
from sps_desk.reports.release import prepare_diffusion
from sps_desk.reports.spreadsheet import HEADER_ROW
from sps_desk.store.database import Database
from tests.test_statistics import build_year

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None,
                                reason="poppler-utils (pdftotext) is required")

YEAR = 2026
BRACKETS = ["Moins de 11 ans", "11-15 ans", "16-17 ans", "18-21 ans", "22 ans et plus",
            "Âge inconnu"]
NAMES = "Partenaire Çağrı Kılıç, quartier Łąka – Ğazi Şahin, Čapek & Œnone <Ørjan>"
"""Typed in the chief's sections: ğ ı ş ł č œ, and markup characters."""

# ------------------------------------------------------------------ hand-worked tables
# Rows as in the workbook: (label, value 2026, …, value 2025); None is « – ».

EXPECTED: dict[str, list[tuple]] = {
    "secteurs": [("Arras", "Baudimont")],
    "equipe": [
        ("Direction / chef de service", 1, 1.0, 1.0),
        ("Travailleur social", 2, 1.5, 1.5),  # A 1 FTE + B 0,5 FTE
        ("Total", 3, 2.5, 2.5),
    ],
    "rencontres": [
        ("Sorties de terrain", 3, 1),  # the tombstoned session is not counted
        ("dont travail de rue", 2, 1),
        ("dont présence sociale / permanence", 0, 0),
        ("dont abords de collège", 1, 0),
        ("dont présence en ligne (promeneurs du net)", 0, 0),
        ("Rencontres (contacts, et non personnes)", 13, 6),  # 10 anonymous + Y1 twice + Y4
        ("dont rencontres anonymes", 10, 5),
        ("dont rencontres de jeunes identifiés par un code", 3, 1),
        ("Jeunes connus (personnes distinctes)", 5, 2),  # Y1 met twice: once
        ("Adultes, parents, habitants rencontrés", 3, 0),
        ("Partenaires rencontrés", 1, 0),
    ],
    # columns: Féminin, Masculin, Autre, Non précisé, total 2026, total 2025
    "rencontres_anonymes": [
        ("Moins de 11 ans", 0, 0, 0, 0, 0, 0),
        ("11-15 ans", 4, 3, 0, 0, 7, 5),
        ("16-17 ans", 2, 1, 0, 0, 3, 0),
        ("18-21 ans", 0, 0, 0, 0, 0, 0),
        ("22 ans et plus", 0, 0, 0, 0, 0, 0),
        ("Âge inconnu", 0, 0, 0, 0, 0, 0),
        ("Total", 6, 4, 0, 0, 10, 5),
    ],
    "jeunes_connus": [
        ("Moins de 11 ans", 0, 0, 0, 0, 0, 0),
        ("11-15 ans", 2, 1, 0, 0, 3, 1),  # Y2 (13), Y5 (11), Y3 (15); 2025: Y2 (12)
        ("16-17 ans", 0, 0, 0, 0, 0, 1),  # 2025: Y6, 16 on 01/06/2025
        ("18-21 ans", 0, 1, 0, 0, 1, 0),  # Y1 born 29/02: 21 on 28/02/2026, not 22
        ("22 ans et plus", 0, 0, 0, 0, 0, 0),
        ("Âge inconnu", 0, 0, 0, 1, 1, 0),  # Y4, no birth date, sex not stated
        ("Total", 2, 2, 0, 1, 5, 2),
    ],
    "heures": [  # hours 2026, share of 58,75 h, hours 2025
        ("Travail de rue", 8.5, 14.5, 2.0),  # 2 h × A,B + 3 h × A + 1,5 h × B
        ("Accompagnements individuels", 5.0, 8.5, 0.0),  # 1,5 h × A,B + 2 h × A
        ("Actions collectives", 22.0, 37.4, 5.0),  # 8 h × A,B + 2 × 3 h × A
        ("Formations / Congés / Congés maladie", 17.5, 29.8, 0.0),  # 7 + 7 + 3,5
        ("Écrits professionnels", 2.5, 4.3, 10.0),
        ("Actions partenariales et réunions diverses", 2.0, 3.4, 0.0),
        ("Temps de préparation des activités", 1.25, 2.1, 0.0),
        ("TOTAL", 58.75, 100.0, 17.0),
    ],
    "jeunes_accompagnes": [
        ("Jeunes accompagnés (personnes distinctes)", 3, 2),  # Y1, Y2, Y3 | Y2, Y6
        ("dont nouveaux (aucun accompagnement actif avant le 1er janvier)", 2, 1),
        ("dont déjà accompagnés avant le 1er janvier", 1, 1),  # Y2 since 2024
        ("Jeunes de 11 à 15 ans (public prioritaire « 11-16 ans »)", 2, 1),
        ("Part des 11 à 15 ans (%)", 66.7, 50.0),
        ("Jeunes de 16 à 21 ans", 1, 1),
        ("Part des 16 à 21 ans (%)", 33.3, 50.0),
        ("Accompagnements actifs dans l'année (dossiers)", 3, 2),
    ],
    "accompagnes_age_sexe": [
        ("Moins de 11 ans", 0, 0, 0, 0, 0, 0),
        ("11-15 ans", 1, 1, 0, 0, 2, 1),
        ("16-17 ans", 0, 0, 0, 0, 0, 1),
        ("18-21 ans", 0, 1, 0, 0, 1, 0),
        ("22 ans et plus", 0, 0, 0, 0, 0, 0),
        ("Âge inconnu", 0, 0, 0, 0, 0, 0),
        ("Total", 1, 2, 0, 0, 3, 2),
    ],
    "nouveaux_age_sexe": [
        ("Moins de 11 ans", 0, 0, 0, 0, 0, 0),
        ("11-15 ans", 0, 1, 0, 0, 1, 0),  # Y3
        ("16-17 ans", 0, 0, 0, 0, 0, 1),  # 2025: Y6
        ("18-21 ans", 0, 1, 0, 0, 1, 0),  # Y1
        ("22 ans et plus", 0, 0, 0, 0, 0, 0),
        ("Âge inconnu", 0, 0, 0, 0, 0, 0),
        ("Total", 0, 2, 0, 0, 2, 1),
    ],
    "durees": [  # at 31 December, or the end date
        ("Moins de 3 mois", 0, 0),
        ("De 3 à 6 mois", 0, 0),
        ("De 6 à 12 mois", 2, 1),  # Y1 10/03→31/12 ; Y3 05/01→31/12 (ends on 31/12) | Y6
        ("De 1 à 2 ans", 0, 1),  # 2025: Y2 15/11/2024→31/12/2025
        ("Plus de 2 ans", 1, 0),  # Y2 15/11/2024→31/12/2026
        ("Total", 3, 2),
    ],
    "actions_collectives": [
        ("Actions collectives menées (au moins une séance dans l'année)", 2, 1),
        ("Séances", 3, 1),
        ("Jeunes concernés", 7, 1),  # Y1 (in both actions, once) + Y5 + 3 + 2 anonymous
        ("dont jeunes identifiés par un code (distincts)", 2, 1),
        ("dont participants anonymes", 5, 0),
        ("Familles", 4, 10),  # the séjour's families are NR: not counted as 0
        ("Actions dont les familles ne sont pas renseignées (NR)", 1, 0),
        ("Heures", 22.0, 5.0),
    ],
    "actions_par_type": [  # actions, young, hours 2026 | 2025
        ("Chantier éducatif", 1, 3, 6.0, 0, 0, 0.0),
        ("Séjour éducatif", 1, 5, 16.0, 0, 0, 0.0),
        ("Sortie", 0, 0, 0.0, 1, 1, 5.0),
        ("Total", 2, 7, 22.0, 1, 1, 5.0),
    ],
    "orientations": [
        ("Mission locale", 1, 0),
        ("Centre médico-psychologique (CMP)", 1, 0),
        ("Total", 2, 0),
    ],
    "informations_preoccupantes": [("CRIP", 1, 0), ("Total", 1, 0)],
}

_PROBLEMS_2026 = {"Scolarité, décrochage scolaire": (2, 66.7, 1, 50.0),
                  "Insertion professionnelle, emploi": (1, 33.3, 0, 0.0),
                  "Logement, hébergement": (1, 33.3, 0, 0.0),
                  "Relations familiales": (1, 33.3, 1, 50.0),
                  "Justice, délinquance": (0, 0.0, 1, 50.0)}


def _problem_rows(labels: list[str]) -> list[tuple]:
    rows = [(label, *_PROBLEMS_2026.get(label, (0, 0.0, 0, 0.0))) for label in labels]
    return [*rows, ("Jeunes accompagnés (base des pourcentages)", 3, None, 2, None)]


# ------------------------------------------------------------------ published values
# Where each value cell of a table comes from in the statistics file: ("N" or "N-1", path)
# for a count of people (or a share of one), None for what is not protected (hours,
# sessions, contacts, actions). Written from the file's schema, independently of the code
# that lays the report out.

SEXES = ("F", "M", "other", "not_stated")
BRACKET_KEYS = ("lt11", "11-15", "16-17", "18-21", "ge22", "unknown")
Source = tuple[str, str] | None


def _sex_age_sources(prefix: str) -> list[list[Source]]:
    rows: list[list[Source]] = [
        [*(("N", f"{prefix}.cells.{b}.{s}") for s in SEXES), ("N", f"{prefix}.bracket_totals.{b}"),
         ("N-1", f"{prefix}.bracket_totals.{b}")] for b in BRACKET_KEYS]
    rows.append([*(("N", f"{prefix}.sex_totals.{s}") for s in SEXES), ("N", f"{prefix}.total"),
                 ("N-1", f"{prefix}.total")])
    return rows


def _both(path: str) -> list[Source]:
    return [("N", path), ("N-1", path)]


def _sources(key: str, rows: list[tuple]) -> list[list[Source]]:
    """The source of every value cell of the hand-worked ``rows`` of table ``key``."""
    labels = [row[0] for row in rows]
    if key in ("rencontres_anonymes", "jeunes_connus", "accompagnes_age_sexe",
               "nouveaux_age_sexe"):
        prefix = {"rencontres_anonymes": "contacts.anonymous_contacts",
                  "jeunes_connus": "contacts.young_known",
                  "accompagnes_age_sexe": "supported.by_sex_age",
                  "nouveaux_age_sexe": "supported.new_by_sex_age"}[key]
        return _sex_age_sources(prefix)
    if key == "rencontres":
        return [_both("contacts.young_known.total") if label.startswith("Jeunes connus")
                else [None, None] for label in labels]
    if key == "jeunes_accompagnes":
        return [_both(f"supported.{field}") for field in (
            "total", "new", "continuing", "priority_11_15", "priority_11_15_share",
            "public_16_21", "public_16_21_share", "supports_active")]
    if key == "problematiques":
        lines = [[("N", f"problems.lines@{label}.young"),
                  ("N", f"problems.lines@{label}.percent_of_young"),
                  ("N-1", f"problems.lines@{label}.young"),
                  ("N-1", f"problems.lines@{label}.percent_of_young")] for label in labels[:-1]]
        return [*lines, [("N", "problems.young_supported"), None,
                         ("N-1", "problems.young_supported"), None]]
    if key == "durees":
        return [*(_both(f"durations.lines@{label}.supports") for label in labels[:-1]),
                _both("durations.supports")]
    if key == "actions_collectives":
        people = {"Jeunes concernés": "young", "Familles": "families",
                  "dont jeunes identifiés par un code (distincts)": "coded_young",
                  "dont participants anonymes": "anonymous_young"}
        return [_both(f"collective_actions.{people[label]}") if label in people
                else [None, None] for label in labels]
    if key == "actions_par_type":
        lines = [[None, ("N", f"collective_actions.by_type@{label}.young"), None,
                  None, ("N-1", f"collective_actions.by_type@{label}.young"), None]
                 for label in labels[:-1]]
        return [*lines, [None, ("N", "collective_actions.young"), None,
                         None, ("N-1", "collective_actions.young"), None]]
    if key in ("orientations", "informations_preoccupantes"):
        section = "referrals" if key == "orientations" else "concern_reports"
        return [*(_both(f"{section}@{label}.count") for label in labels[:-1]),
                _both(f"{section}_total")]
    return [[None] * (len(row) - 1) for row in rows]


ABSENT = object()
"""A line the file does not have (e.g. a type of action held only the other year)."""


def _lookup(data: dict, path: str) -> object:
    """The value at ``path`` (``section.list@label.field``: the line of that label)."""
    value: object = data
    for part in path.split("."):
        if "@" in part:
            name, label = part.split("@")
            lines = value[name] if name else value  # type: ignore[index]
            value = next((line for line in lines if line["label"] == label), ABSENT)
            if value is ABSENT:
                return ABSENT
        else:
            value = value[part]  # type: ignore[index]
    return value


def _published(expected: dict[str, list[tuple]], current: dict, previous: dict
               ) -> dict[str, list[tuple]]:
    """The hand-worked tables as the diffusion version must print them: « s » where the
    file hides the count, the hand-worked value where it publishes it (checked equal)."""
    files = {"N": current, "N-1": previous}
    result = {}
    for key, rows in expected.items():
        masked = []
        for row, sources in zip(rows, _sources(key, rows), strict=True):
            cells = [row[0]]
            for value, source in zip(row[1:], sources, strict=True):
                found = ABSENT if source is None else _lookup(files[source[0]], source[1])
                if found is ABSENT:
                    cells.append(value)
                elif found is None:
                    cells.append("s")
                else:
                    assert found == value, (key, row[0], source)
                    cells.append(value)
            masked.append(tuple(cells))
        result[key] = masked
    return result


# ------------------------------------------------------------------ helpers


def _sheet_rows(path: Path) -> dict[str, list[tuple]]:
    book = openpyxl.load_workbook(path)
    tables = {}
    for sheet in book.worksheets:
        rows = [tuple(None if v == "–" else v for v in row)
                for row in sheet.iter_rows(min_row=HEADER_ROW + 1, values_only=True)]
        tables[sheet.title] = rows
    return tables


def _pdf_text(path: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], check=True,
                          capture_output=True, text=True, timeout=30).stdout


def _fr(value: float | int | str | None) -> str:
    if value is None:
        return "–"
    if isinstance(value, str):
        return value
    text = f"{value:,.2f}".rstrip("0").rstrip(".") if isinstance(value, float) else f"{value:,}"
    return text.replace(",", " ").replace(".", ",")


def _pdf_row(text: str, anchor: str, label: str, cells: list[str]) -> None:
    """After the line holding ``anchor``, the first line starting with ``label`` holds
    exactly ``cells`` after it (separated by runs of spaces)."""
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines)
                 if anchor in line and ". . ." not in line)  # not the table of contents
    for index in range(start, len(lines)):
        line = lines[index].strip()
        # A long label wraps in its cell: the numbers then sit on the next line.
        if line.startswith(label) or (len(label) > 20 and label.startswith(line) and line):
            rest = line[len(label):].strip() if line.startswith(label) else ""
            if not rest:
                rest = lines[index + 1].strip()
            assert re.split(r"\s{2,}", rest) == cells, (anchor, label, rest)
            return
    raise AssertionError(f"{label!r} not found after {anchor!r}")


def _add_2027(db: Database) -> None:
    """Work of the following year, touching the same young, supports and actions."""
    r = db.repos
    staff = {m.display_name: m for m in r.staff.all()}
    a = staff["Agnès Øberg"]
    young = {p.nickname: p for p in r.young_people.all()}
    r.field_sessions.save(FieldSession(
        date=date(2027, 1, 8), start_time=time(17), end_time=time(19), staff_ids=[a.id],
        tallies=[], young_met_ids=[young["Łuki"].id, young["Noé"].id]))
    supports = {s.young_person_id: s for s in r.supports.all()}
    s2 = supports[young["Ğazi"].id]
    r.supports.save(s2.model_copy(update={"end_date": date(2027, 3, 1),
                                          "end_reason": "goal_reached"}))
    r.interventions.save(Intervention(support_id=s2.id, date=date(2027, 2, 2),
                                      type="interview", duration_hours=1, staff_ids=[a.id]))
    r.supports.save(IndividualSupport(young_person_id=young["Noé"].id,
                                      start_date=date(2027, 2, 1), origin="street_work",
                                      problems=["housing"]))
    action = next(x for x in r.collective_actions.all() if x.title == "Chantier peinture")
    r.collective_sessions.save(CollectiveActionSession(action_id=action.id,
                                                       date=date(2027, 4, 4), hours=2,
                                                       staff_ids=[a.id]))
    r.time_entries.save(TimeEntry(staff_id=a.id, date=date(2027, 1, 1), category="writing",
                                  hours=4))


# ------------------------------------------------------------------ fixtures


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Database:
    from tests.conftest import PASSPHRASE

    db = Database.create(tmp_path_factory.mktemp("golden") / "golden.sps", PASSPHRASE,
                         "SPS Golden – Çağrı")
    build_year(db)
    db.repos.report_sections.save(ReportSections.for_year(
        YEAR, highlights=f"Partenariat renforcé.\n\n{NAMES}",
        quality="Évaluation interne & comité <qualité>.", outlook=""))
    yield db
    db.close()


@pytest.fixture(scope="module")
def raw_expected() -> dict[str, list[tuple]]:
    from sps_desk.enums import Problem

    return {**EXPECTED, "problematiques": _problem_rows([p.label for p in Problem])}


@pytest.fixture(scope="module")
def first(base: Database, tmp_path_factory: pytest.TempPathFactory) -> ReportFiles:
    """The internal version, raw figures."""
    return write_annual_report(base, YEAR, tmp_path_factory.mktemp("first"),
                               variant="internal")


@pytest.fixture(scope="module")
def published(base: Database, tmp_path_factory: pytest.TempPathFactory,
              raw_expected: dict[str, list[tuple]]
              ) -> tuple[ReportFiles, dict[str, list[tuple]]]:
    """The diffusion version, and the hand-worked tables masked as its file says.

    The chief's highlights name « Ğazi », a young person's nickname: the diffusion
    version is refused, naming the section, until the text is reworded.
    """
    out = tmp_path_factory.mktemp("published")
    with pytest.raises(LeakFound) as refused:
        write_annual_report(base, YEAR, out)
    assert "« Rapport › Faits marquants »" in str(refused.value)
    assert list(out.iterdir()) == []
    sections = base.repos.report_sections
    typed = sections.for_year(YEAR)
    sections.save(typed.model_copy(update={"highlights": typed.highlights.replace(
        "Ğazi Şahin", "Ğülsen Sahar")}))
    try:
        previous = prepare_diffusion(base, YEAR).previous
        assert previous is not None and previous.year == YEAR - 1
        files = write_annual_report(base, YEAR, out)
    finally:
        sections.save(typed)
    current = json.loads(files.json.read_text(encoding="utf-8"))
    return files, _published(raw_expected, current, previous.model_dump(mode="json"))


@pytest.fixture(scope="module", params=["internal", "diffusion"])
def version(request: pytest.FixtureRequest, first: ReportFiles,
            raw_expected: dict[str, list[tuple]]
            ) -> tuple[ReportFiles, dict[str, list[tuple]]]:
    """Each version of the report with the tables it must print."""
    if request.param == "internal":
        return first, raw_expected
    return request.getfixturevalue("published")


@pytest.fixture(scope="module")
def expected(raw_expected: dict[str, list[tuple]]) -> dict[str, list[tuple]]:
    return raw_expected


# ------------------------------------------------------------------ tests


def test_workbook_has_one_sheet_per_table_with_the_hand_worked_numbers(
    version: tuple[ReportFiles, dict[str, list[tuple]]]
) -> None:
    first, expected = version
    sheets = _sheet_rows(first.xlsx)
    assert list(sheets) == ["informations", "secteurs", "equipe", "rencontres",
                            "rencontres_anonymes", "jeunes_connus", "heures",
                            "jeunes_accompagnes", "accompagnes_age_sexe",
                            "nouveaux_age_sexe", "problematiques", "durees",
                            "actions_collectives", "actions_par_type", "orientations",
                            "informations_preoccupantes"]
    for key, rows in expected.items():
        assert sheets[key] == rows, key
    info = dict(row[:2] for row in sheets["informations"])
    assert info["Début de la période"] == datetime(2026, 1, 1)  # a date cell, not text
    assert info["Fin de la période"] == datetime(2026, 12, 31)
    assert info["Année de comparaison"] == 2025


def test_workbook_headers_name_both_years(first: ReportFiles) -> None:
    sheet = openpyxl.load_workbook(first.xlsx)["heures"]
    header = [c.value for c in sheet[HEADER_ROW]]
    assert header == ["Catégorie d'activité", "Heures 2026", "Part (%)", "Heures 2025"]
    assert sheet["A1"].value == "Répartition de l'activité (heures)"


def test_csv_files_match_the_workbook_in_french_excel_format(
    version: tuple[ReportFiles, dict[str, list[tuple]]]
) -> None:
    first, expected = version
    assert len(first.csv) == 16
    by_key = {p.name.removeprefix("statistiques-2026-").removesuffix(".csv")
              .removesuffix("-interne"): p for p in first.csv}
    for key, rows in expected.items():
        raw = by_key[key].read_bytes()
        assert raw.startswith(b"\xef\xbb\xbf") and not raw[3:].startswith(b"sep=")
        lines = list(csv.reader(io.StringIO(raw[3:].decode("utf-8")), delimiter=";"))
        body = [tuple(cells) for cells in lines[1:]]
        want = [tuple("" if v is None else (f"{v:g}".replace(".", ",")
                                            if isinstance(v, float) else str(v))
                      for v in row) for row in rows]
        assert body == want, key
    info = by_key["informations"].read_bytes().decode("utf-8-sig")
    assert "Début de la période;01/01/2026\r\n" in info


def _percent(value: float | str | None) -> str:
    if isinstance(value, str):
        return value
    return f"{value:.1f}".replace(".", ",") + " %"


def _with_share(count: int | str, share: float | str) -> str:
    return "s" if count == "s" else f"{_fr(count)} ({_percent(share)})"


def test_pdf_prints_the_same_numbers(
    version: tuple[ReportFiles, dict[str, list[tuple]]]
) -> None:
    first, expected = version
    text = _pdf_text(first.pdf)
    fmt = [_fr]

    def cells(row: tuple) -> list[str]:
        return [fmt[0](v) for v in row[1:]]

    for label, *values in expected["rencontres"]:
        _pdf_row(text, "Indicateur", label, [_fr(v) for v in values])
    for key, caption in [("rencontres_anonymes", "Rencontres anonymes par âge et par sexe"),
                         ("jeunes_connus", "Jeunes connus par âge et par sexe"),
                         ("accompagnes_age_sexe", "Jeunes accompagnés par âge et par sexe"),
                         ("nouveaux_age_sexe",
                          "Nouveaux jeunes accompagnés par âge et par sexe")]:
        for row in expected[key]:
            _pdf_row(text, caption, row[0], cells(row))
    for label, hours, share, before in expected["heures"]:
        _pdf_row(text, "Catégorie d'activité", label, [_fr(hours), _percent(share), _fr(before)])
    for row in expected["equipe"]:
        _pdf_row(text, "Fonction", row[0], cells(row))
    for row in expected["durees"]:
        _pdf_row(text, "Durée de l'accompagnement", row[0], cells(row))
    for row in expected["actions_par_type"]:
        _pdf_row(text, "Actions collectives par type", row[0], cells(row))
    for row in expected["orientations"]:
        _pdf_row(text, "Type de partenaire", row[0], cells(row))
    for row in expected["informations_preoccupantes"]:
        _pdf_row(text, "Destinataire", row[0], cells(row))
    for label, young, percent, before, before_percent in expected["problematiques"][:-1]:
        _pdf_row(text, "Problématique", label,
                 [_fr(young), _percent(percent), _fr(before), _percent(before_percent)])
    supported = dict((row[0], row[1:]) for row in expected["jeunes_accompagnes"])
    _pdf_row(text, "Nombre de jeunes accompagnés", "Jeunes accompagnés (personnes distinctes)",
             [_fr(v) for v in supported["Jeunes accompagnés (personnes distinctes)"]])
    priority = [_with_share(count, share) for count, share in zip(
        supported["Jeunes de 11 à 15 ans (public prioritaire « 11-16 ans »)"],
        supported["Part des 11 à 15 ans (%)"], strict=True)]
    public = [_with_share(count, share) for count, share in zip(
        supported["Jeunes de 16 à 21 ans"], supported["Part des 16 à 21 ans (%)"], strict=True)]
    flat = re.sub(r"\s+", " ", text)
    assert f"« 11-16 ans ») {' '.join(priority)}" in flat  # the 11-15 priority public
    assert f"Jeunes de 16 à 21 ans {' '.join(public)}" in flat
    families = dict((row[0], row[1:]) for row in expected["actions_collectives"])["Familles"]
    # NR left out, never 0
    assert re.search(rf"Familles\s+{families[0]}\s+{families[1]}\s", text)


def test_chief_sections_read_back_exactly(first: ReportFiles) -> None:
    raw = subprocess.run(["pdftotext", str(first.pdf), "-"], check=True,
                         capture_output=True, text=True, timeout=30).stdout
    flat = re.sub(r"\s+", " ", raw)
    assert NAMES in flat
    assert "Évaluation interne & comité <qualité>." in flat
    titles = ["Faits marquants", "Démarche d'amélioration continue de la qualité",
              "Perspectives", "Définitions"]
    body = flat.split("Informations préoccupantes transmises")[-1]
    positions = [body.index(t) for t in titles]
    assert positions == sorted(positions)
    assert "Perspectives Non renseigné." in body


def test_pdf_has_a_table_of_contents_with_page_numbers(first: ReportFiles) -> None:
    page2 = subprocess.run(["pdftotext", "-f", "2", "-l", "2", "-layout", str(first.pdf),
                            "-"], check=True, capture_output=True, text=True).stdout
    assert "Sommaire" in page2
    for title in ("Secteurs d'intervention", "Faits marquants", "Définitions"):
        assert re.search(rf"{re.escape(title)}[ .]+\d+\s*$", page2, re.M), title


def test_past_year_does_not_change_when_next_year_is_added(
    base: Database, first: ReportFiles, tmp_path: Path, expected: dict[str, list[tuple]]
) -> None:
    before_pdf = re.sub(r"\s+", " ", _pdf_text(first.pdf))
    _add_2027(base)
    again = write_annual_report(base, YEAR, tmp_path / "again", variant="internal")
    sheets = _sheet_rows(again.xlsx)
    for key, rows in expected.items():
        assert sheets[key] == rows, key
    assert re.sub(r"\s+", " ", _pdf_text(again.pdf)) == before_pdf
    assert again.json.read_text(encoding="utf-8") == first.json.read_text(encoding="utf-8")
    # and 2027 compares itself with the same 2026 numbers
    later = _sheet_rows(write_annual_report(base, 2027, tmp_path / "later",
                                            variant="internal").xlsx)
    assert [row[-1] for row in later["heures"]] == [r[1] for r in expected["heures"]]
    assert later["jeunes_accompagnes"][0] == ("Jeunes accompagnés (personnes distinctes)", 3, 3)
