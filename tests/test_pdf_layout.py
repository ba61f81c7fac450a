"""Issue 15, PDFs: pages a Département officer reads without turning back, and names in
right-to-left scripts printed the way they are written, in every PDF of the application.

Every assertion is on the text extracted by pdftotext, page by page.
"""

from __future__ import annotations

import re
import subprocess
import unicodedata
from pathlib import Path

import pytest

from sps_desk.reports.consolidation import consolidate_files, load_statistics_file
from sps_desk.reports.export import export_year
from sps_desk.reports.figures import figures_from_statistics
from sps_desk.reports.pdf import render_report
from sps_desk.reports.pdf.rtl import has_rtl, visual
from sps_desk.reports.privacy_documents import Destruction, write_destruction_certificate
from sps_desk.store.database import Database
from tests.conftest import PASSPHRASE
from tests.stats_factory import make_statistics

ARABIC_NAME = "أمينة بن علي"
"""A synthetic Arabic name (Amina ben Ali): joined letters, three words."""
ARABIC_SERVICE = "SPS الأمل"
"""A service name with the lam-alef ligature (al-Amal, « l'espoir »)."""
HEBREW = "שלום"

FIRST_BLOCK = {
    "Composition de l'équipe": ["Fonction"],
    "Nombre de jeunes rencontrés": ["Indicateur"],
    "Répartition de l'activité": ["Catégorie d'activité", "Heures par catégorie d'activité"],
    "Nombre de jeunes accompagnés": ["Indicateur"],
    "Problématiques à l'origine de l'accompagnement": [
        "Problématique", "Jeunes accompagnés par problématique"],
    "Durée de l'accompagnement": ["Accompagnements", "Accompagnements par durée"],
    "Actions collectives": ["Indicateur"],
    "Orientations et relais": ["Type de partenaire"],
    "Informations préoccupantes transmises": ["Destinataire"],
}
"""For each section: what must share its title's page (its first table and, when they
fit on one page together, its chart)."""

SEX_AGE_CAPTIONS = ["Rencontres anonymes par âge et par sexe", "Jeunes connus par âge et par sexe",
                    "Jeunes accompagnés par âge et par sexe",
                    "Nouveaux jeunes accompagnés par âge et par sexe"]
BRACKETS = ["Moins de 11 ans", "11-15 ans", "16-17 ans", "18-21 ans", "22 ans et plus",
            "Âge inconnu", "Total"]


def _run(*args: str | Path) -> str:
    return subprocess.run([str(a) for a in args], check=True, capture_output=True, text=True,
                          timeout=60).stdout


def _pages(pdf: Path) -> list[str]:
    count = int(re.search(r"^Pages:\s+(\d+)", _run("pdfinfo", pdf), re.M)[1])
    return [_run("pdftotext", "-layout", "-f", str(n), "-l", str(n), pdf, "-")
            for n in range(1, count + 1)]


def _lines(page: str) -> list[str]:
    return [line.strip() for line in page.splitlines() if line.strip()]


def _render(tmp_path: Path, communes: int) -> Path:
    """An internal report with an N-1 column and ``communes`` sectors (which shift every
    section down the pages)."""
    stats = make_statistics(communes=tuple(
        (f"Commune Łąka {n:03d}", f"Quartier Ørsta {n:03d}") for n in range(communes)))
    out = tmp_path / f"r{communes}.pdf"
    render_report(figures_from_statistics(stats), out,
                  figures_from_statistics(make_statistics(year=2023)), variant="internal")
    return out


@pytest.fixture(scope="module", params=[1, 9, 17, 26])
def pages(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
          ) -> list[str]:
    return _pages(_render(tmp_path_factory.mktemp("layout"), request.param))


def test_a_section_title_is_on_the_page_of_its_table_and_chart(pages: list[str],
                                                               charts: bool = True) -> None:
    for title, markers in FIRST_BLOCK.items():
        page = next(p for p in pages[2:] if title in _lines(p))
        for marker in markers if charts else markers[:1]:
            assert marker in page, (title, marker)


def test_no_page_ends_with_a_title_or_a_caption(pages: list[str]) -> None:
    titles = set(FIRST_BLOCK) | set(SEX_AGE_CAPTIONS)
    for number, page in enumerate(pages, start=1):
        body = [line for line in _lines(page) if not re.search(r"page \d+ / \d+$", line)]
        assert body[-1] not in titles, number


def test_a_table_that_fits_on_a_page_is_never_split(pages: list[str]) -> None:
    for caption in SEX_AGE_CAPTIONS:
        page = next(p for p in pages if caption in _lines(p))
        after = page[page.index(caption):]
        for bracket in BRACKETS:
            assert re.search(rf"^\s*{re.escape(bracket)}\s+(\d|s\s)", after, re.M), (
                caption, bracket)


def test_the_cover_stays_one_page_with_200_sectors(tmp_path: Path) -> None:
    pages = _pages(_render(tmp_path, 200))
    cover = re.sub(r"\s+", " ", pages[0])
    assert "Rapport d'activité 2024" in cover and "Période : du 1er janvier" in cover
    assert "200 communes : Commune Łąka 000, Commune Łąka 001" in cover
    assert "et 192 autres (liste complète en « Secteurs d'intervention »)" in cover
    assert "Version interne" in cover
    assert _lines(pages[1])[1] == "Sommaire"  # after the mark of the internal version
    every = re.sub(r"\s+", " ", " ".join(pages))
    assert "Commune Łąka 199 Quartier Ørsta 199" in every  # the full list, in its section


# ------------------------------------------------------------------ right-to-left


def _read_back(pdf: Path) -> tuple[str, str]:
    """pdftotext's text, raw and NFKC-folded (presentation forms back to letters)."""
    raw = _run("pdftotext", pdf, "-")
    return raw, unicodedata.normalize("NFKC", raw)


def _assert_logical_and_joined(pdf: Path, name: str) -> None:
    raw, folded = _read_back(pdf)
    assert name in folded  # read back in the order it was typed
    assert name[::-1] not in folded  # not reversed
    # Joined: contextual forms (Arabic Presentation Forms-B), not isolated letters.
    assert any("\ufe70" <= ch <= "\ufeff" for ch in raw)


def test_visual_order_reverses_only_the_right_to_left_run() -> None:
    assert visual("Arras") == "Arras" and not has_rtl("Œdipe Łąka")
    line = visual(f"Jeune : {HEBREW}")
    assert line == f"Jeune : {HEBREW[::-1]}"
    shaped = visual("بن")
    assert shaped == "\ufee6\ufe91"  # final noon, then initial beh: drawn left to right


def test_the_report_prints_arabic_names_shaped_and_in_order(tmp_path: Path) -> None:
    stats = make_statistics(service_name=ARABIC_SERVICE,
                            communes=(("Arras", ARABIC_NAME), ("Lens", HEBREW)))
    out = tmp_path / "r.pdf"
    render_report(figures_from_statistics(stats), out, variant="internal")
    _assert_logical_and_joined(out, ARABIC_NAME)
    _raw, folded = _read_back(out)
    assert "الأمل" in folded and HEBREW in folded


def test_the_certificate_prints_arabic_names_shaped_and_in_order(tmp_path: Path) -> None:
    from datetime import datetime

    out = write_destruction_certificate(tmp_path / "c.pdf", Destruction(
        service_name=ARABIC_SERVICE, operator=ARABIC_NAME, at=datetime(2026, 3, 1, 10, 0),
        what="purge des données échues", counts={"jeunes": 3}, hashes={}))
    _assert_logical_and_joined(out, ARABIC_NAME)


def test_the_consolidation_prints_arabic_service_names_in_order(tmp_path: Path) -> None:
    with Database.create(tmp_path / "s.sps", PASSPHRASE, ARABIC_SERVICE) as database:
        exported = export_year(database, 2025, tmp_path / "s.json").json
    trusted = [load_statistics_file(exported).signature.fingerprint]
    written = consolidate_files([exported], tmp_path / "out", trust=trusted)
    raw, folded = _read_back(written.pdf)
    assert "الأمل" in folded and "لمألا" not in folded
    assert "\ufef7" in raw  # the lam-alef ligature


@pytest.fixture(scope="module")
def demo_pages(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    """The diffusion report of the demo year, where « Problématiques » used to be left
    alone at the foot of page 7, its table on page 8 and its chart on page 9."""
    from sps_desk.demo import build_demo_year
    from sps_desk.reports.annual import write_annual_report

    folder = tmp_path_factory.mktemp("demo")
    with Database.create(folder / "d.sps", PASSPHRASE, "SPS Démo") as database:
        build_demo_year(database, 2025, seed=1)
        files = write_annual_report(database, 2025, folder / "out")
    return _pages(files.pdf)


def test_the_demo_report_keeps_titles_with_their_tables(demo_pages: list[str]) -> None:
    # 16 problématiques: title, table and chart are taller than a page; the title stays
    # with its table, the chart follows on the next page.
    test_a_section_title_is_on_the_page_of_its_table_and_chart(demo_pages, charts=False)
    problems = next(i for i, p in enumerate(demo_pages)
                    if "Problématiques à l'origine de l'accompagnement" in _lines(p))
    assert "Jeunes accompagnés par problématique" in demo_pages[problems + 1]
    test_no_page_ends_with_a_title_or_a_caption(demo_pages)
    test_a_table_that_fits_on_a_page_is_never_split(demo_pages)


def test_the_first_layout_pass_draws_nothing_and_changes_nothing(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue 12: reportlab lays the report out twice (its contents need the pages) and
    throws the first pass away; that pass only places the tables, paragraphs and
    charts. The PDF is the very one a full drawing of both passes gives, byte for byte
    (timestamps fixed), and each chart is drawn once instead of twice."""
    from reportlab import rl_config

    from sps_desk.reports.pdf import draft, report_pdf_bytes

    monkeypatch.setattr(rl_config, "invariant", 1)
    figures = figures_from_statistics(make_statistics())
    previous = figures_from_statistics(make_statistics(year=2023))
    drawn: list[object] = []
    real_draw = draft.ChartDrawing.draw

    def counted(self: draft.ChartDrawing) -> None:
        drawn.append(self)
        real_draw(self)

    monkeypatch.setattr(draft.ChartDrawing, "draw", counted)
    placed_first = report_pdf_bytes(figures, previous, variant="internal")
    charts = len(drawn)
    monkeypatch.setattr(draft, "is_draft", lambda _canvas: False)
    drawn.clear()
    drawn_twice = report_pdf_bytes(figures, previous, variant="internal")
    assert placed_first == drawn_twice
    assert charts > 0
    assert len(drawn) == 2 * charts


def test_a_paragraph_measured_again_at_the_same_width_keeps_its_lines(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue 12: reportlab measures a paragraph several times at the same width (a
    table's rows then its cells, each layout pass); the lines already broken at that
    width are reused. The PDF is the very one breaking them again every time gives,
    byte for byte (timestamps fixed), with long sections split over pages and
    right-to-left names."""
    from reportlab import rl_config
    from reportlab.platypus import Paragraph

    from sps_desk.reports.figures import CHIEF_SECTION_KEYS
    from sps_desk.reports.pdf import report_pdf_bytes, rtl

    monkeypatch.setattr(rl_config, "invariant", 1)
    long_text = " ".join(
        f"Séance {n} avec أمينة, Zoé Ğüzel et Дмитрий : chantier éducatif, puis bilan."
        for n in range(400))
    texts = dict.fromkeys(CHIEF_SECTION_KEYS, long_text)
    figures = figures_from_statistics(make_statistics(), texts)
    previous = figures_from_statistics(make_statistics(year=2023))
    broken: list[object] = []
    real_break = Paragraph.breakLines

    def counted(self: Paragraph, *args: object, **kwargs: object) -> object:
        broken.append(self)
        return real_break(self, *args, **kwargs)

    monkeypatch.setattr(Paragraph, "breakLines", counted)
    reused = report_pdf_bytes(figures, previous, variant="internal")
    once = len(broken)
    monkeypatch.setattr(rtl.Para, "wrap", Paragraph.wrap)
    broken.clear()
    broken_every_time = report_pdf_bytes(figures, previous, variant="internal")
    assert reused == broken_every_time
    assert once < len(broken) / 2
