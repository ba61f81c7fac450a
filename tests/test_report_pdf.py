"""The annual activity report PDF: what a reader checks, read back with poppler-utils.

Every assertion is on the text extracted by ``pdftotext`` (or on ``pdffonts`` /
``pdfinfo``), i.e. on what a user sees or copies from the file, not on reportlab objects.
The figures here are raw (``make_statistics``): the internal version lays them out; the
diffusion version of published values is tested in ``test_report_diffusion.py``.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path
from xml.sax.saxutils import escape as standard_escape

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sps_desk.enums import ReportColumn
from sps_desk.errors import SpsDeskError
from sps_desk.records import ReportSections
from sps_desk.reports.figures import figures_from_statistics
from sps_desk.reports.files import ReportWriteFailed
from sps_desk.reports.model import AnnualStatistics
from sps_desk.reports.pdf import INTERNAL_MARK, render_report, report_filename
from sps_desk.reports.pdf.markup import escape
from tests.stats_factory import make_statistics

pytestmark = pytest.mark.skipif(
    shutil.which("pdftotext") is None or shutil.which("pdffonts") is None,
    reason="poppler-utils (pdftotext, pdffonts, pdfinfo) is required",
)

TITLES = [
    "Secteurs d'intervention",
    "Composition de l'équipe",
    "Nombre de jeunes rencontrés",
    "Répartition de l'activité",
    "Nombre de jeunes accompagnés",
    "Problématiques à l'origine de l'accompagnement",
    "Durée de l'accompagnement",
    "Actions collectives",
    "Orientations et relais",
    "Informations préoccupantes transmises",
    "Faits marquants",
    "Démarche d'amélioration continue de la qualité",
    "Perspectives",
    "Définitions",
]

UNICODE_NAME = "SPS Çağrı Łukasz Øre Œdipe ğ ş ı ł č œ"
MARKUP_BODY = "Prévention & Cie <b>Nord</b> <i>x</i>"


def _run(*args: str | Path) -> str:
    return subprocess.run(
        [str(a) for a in args], check=True, capture_output=True, text=True, timeout=30
    ).stdout


def pdf_text(path: Path, layout: bool = True) -> str:
    return _run("pdftotext", *(["-layout"] if layout else []), path, "-")


def flat(text: str) -> str:
    """Text with every run of whitespace made one space (line wraps undone)."""
    return re.sub(r"\s+", " ", text)


def page_count(path: Path) -> int:
    match = re.search(r"^Pages:\s+(\d+)", _run("pdfinfo", path), re.M)
    assert match
    return int(match.group(1))


def render(stats: AnnualStatistics, folder: Path, previous: AnnualStatistics | None = None,
           sections: ReportSections | None = None) -> Path:
    """The internal version of ``stats`` (raw figures), written in ``folder``."""
    out = folder / report_filename(stats.year, "internal")
    texts = {key: getattr(sections, key) for key in ("highlights", "quality", "outlook")
             } if sections else None
    render_report(figures_from_statistics(stats, texts), out,
                  figures_from_statistics(previous) if previous else None, variant="internal")
    return out


@pytest.fixture(scope="module")
def demo_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    stats = make_statistics(service_name=UNICODE_NAME, managing_body=MARKUP_BODY)
    return render(stats, tmp_path_factory.mktemp("demo"))


@pytest.fixture(scope="module")
def demo_text(demo_pdf: Path) -> str:
    return pdf_text(demo_pdf)


def test_report_filename() -> None:
    assert report_filename(2024) == "rapport-activite-2024.pdf"
    assert report_filename(2024, "internal") == "rapport-activite-2024-interne.pdf"


def test_every_page_of_the_internal_version_is_marked(demo_pdf: Path) -> None:
    pages = page_count(demo_pdf)
    for number in range(1, pages + 1):
        page = flat(_run("pdftotext", "-f", str(number), "-l", str(number), demo_pdf, "-"))
        assert INTERNAL_MARK in page, number
    assert INTERNAL_MARK == ("Document interne — contient des effectifs soumis au secret "
                             "statistique, ne pas diffuser")


def test_sections_appear_once_in_the_contract_order(demo_text: str) -> None:
    headings = [line.strip() for line in demo_text.splitlines() if line.strip() in TITLES]
    assert headings == TITLES


def test_cover_names_the_service_its_body_communes_and_year(demo_pdf: Path) -> None:
    first_page = flat(_run("pdftotext", "-f", "1", "-l", "1", demo_pdf, "-"))
    assert "Rapport d'activité 2024" in first_page
    assert UNICODE_NAME in first_page
    assert f"Structure gestionnaire : {MARKUP_BODY}" in first_page
    assert "Commune : Arras" in first_page


def test_hours_table_prints_each_column_and_the_total(demo_text: str) -> None:
    expected = [
        ("Travail de rue", "2 150"),
        ("Accompagnements individuels", "4 103"),
        ("Actions collectives", "4 110"),
        ("Formations / Congés / Congés maladie", "389"),
        ("Écrits professionnels", "997"),
        ("Actions partenariales et réunions diverses", "1 219"),
        ("TOTAL", "12 968"),
    ]
    for label, value in expected:
        assert re.search(rf"^\s*{re.escape(label)}\s+{value}\s", demo_text, re.M), label
    shares = re.search(r"^\s*TOTAL\s+12 968\s+100,0 %", demo_text, re.M)
    assert shares


def test_a_column_counted_in_another_says_so(demo_text: str) -> None:
    line = next(
        line for line in demo_text.splitlines()
        if line.strip().startswith("Temps de préparation des activités")
    )
    assert "Compté dans « Actions collectives »" in line


def test_counted_in_names_the_label_of_the_target_column(tmp_path: Path) -> None:
    hours = {column: 100.0 for column in ReportColumn}
    hours[ReportColumn.WRITING] = None
    stats = make_statistics(hours=hours, counted_in=ReportColumn.INDIVIDUAL_SUPPORT.value)
    text = flat(pdf_text(render(stats, tmp_path)))
    assert "Compté dans « Accompagnements individuels »" in text
    assert re.search(r"TOTAL 600 ", text)


def test_sex_age_tables_have_sex_columns_bracket_rows_and_totals(demo_text: str) -> None:
    assert re.search(r"Tranche d'âge\s+Féminin\s+Masculin\s+Autre\s+Non précisé\s+Total",
                     demo_text)
    # Anonymous contacts, 11-15: F M other not stated, then the row total.
    assert re.search(r"^\s*11-15 ans\s+310\s+522\s+2\s+14\s+848\s*$", demo_text, re.M)
    assert re.search(r"^\s*Total\s+722\s+1 351\s+3\s+75\s+2 151\s*$", demo_text, re.M)
    assert re.search(r"^\s*Âge inconnu\s+12\s+30\s+0\s+41\s+83\s*$", demo_text, re.M)


def test_contacts_are_encounters_and_young_known_are_people(demo_text: str) -> None:
    text = flat(demo_text)
    assert "Rencontres (contacts, et non personnes) 2 763" in text
    assert "Jeunes connus (personnes distinctes) 276" in text
    assert "En nombre de rencontres (contacts), et non de personnes." in text
    assert "En nombre de personnes distinctes." in text


def test_supported_problems_durations_collective_referrals_concerns(demo_text: str) -> None:
    text = flat(demo_text)
    assert "Jeunes accompagnés (personnes distinctes) 134" in text
    assert "Jeunes de 11 à 15 ans (public prioritaire « 11-16 ans ») 54 (40,3 %)" in text
    assert re.search(r"Scolarité, décrochage scolaire 58 43,3 %", text)
    assert re.search(r"De 1 à 2 ans 32 ", text)
    assert "Familles NR" in text
    assert "Mission locale 14" in text
    assert re.search(r"CRIP 3 Parquet 1 Total 4", text)


def test_families_recorded_are_printed_as_a_number(tmp_path: Path) -> None:
    stats = make_statistics()
    collective = stats.collective_actions.model_copy(
        update={"families": 38, "actions_families_not_recorded": 2}
    )
    stats = stats.model_copy(update={"collective_actions": collective})
    text = flat(pdf_text(render(stats, tmp_path)))
    assert "Familles 38" in text
    assert "Familles non relevées pour 2 action(s) sur 7" in text


def test_definitions_state_the_counting_rules(demo_text: str) -> None:
    annex = flat(demo_text[demo_text.rindex("Définitions"):])
    for fragment in (
        "première activité enregistrée du jeune dans l'année",
        "29 février compte à partir du 1er mars",
        "année seule connue, le 1er juillet",
        "mois seul connu, le 15",
        "rencontres et non des personnes",
        "au moins un jour de l'année",
        "aucun accompagnement actif avant le 1er janvier 2024",
        "la somme des pourcentages dépasse 100 %",
        "au 31 décembre 2024",
        "au moins une séance dans l'année",
        "n'est jamais compté comme zéro",
        "N professionnels présents donne N saisies",
    ):
        assert fragment in annex, fragment


def test_unicode_names_round_trip(demo_pdf: Path, demo_text: str) -> None:
    assert UNICODE_NAME in flat(pdf_text(demo_pdf, layout=False))
    assert f"Rapport d'activité 2024 (interne) – {UNICODE_NAME}" in demo_text  # footer


def test_markup_in_user_text_is_printed_literally(tmp_path: Path) -> None:
    name = "SPS Nord & Sud <b>gras</b>"
    stats = make_statistics(service_name=name, communes=(("Saint-Ô & <Lès>", "Cité <3>"),))
    text = flat(pdf_text(render(stats, tmp_path)))
    assert name in text
    assert "&amp;" not in text
    assert "Saint-Ô & <Lès> Cité <3>" in text


def test_every_page_has_a_page_x_of_y_footer(demo_pdf: Path, demo_text: str) -> None:
    pages = page_count(demo_pdf)
    assert pages > 3
    footers = re.findall(r"page (\d+) / (\d+)", demo_text)
    assert footers == [(str(n), str(pages)) for n in range(1, pages + 1)]


def test_fonts_are_embedded_dejavu_only(demo_pdf: Path) -> None:
    rows = _run("pdffonts", demo_pdf).splitlines()[2:]
    assert rows
    names = {row.split()[0].split("+")[-1] for row in rows}
    assert names == {"DejaVuSans", "DejaVuSans-Bold"}
    assert all(row.split()[-5] == "yes" for row in rows)  # emb column


def test_metadata_title_and_author(demo_pdf: Path) -> None:
    info = _run("pdfinfo", demo_pdf)
    assert f"Title:           Rapport d'activité 2024 – {UNICODE_NAME}" in info
    assert f"Author:          {UNICODE_NAME}" in info


def test_previous_year_adds_a_column(tmp_path: Path) -> None:
    previous = make_statistics(
        year=2023, hours={**{c: 50.0 for c in ReportColumn}, ReportColumn.PREPARATION: None}
    )
    text = pdf_text(render(make_statistics(), tmp_path, previous))
    assert re.search(r"Heures 2024\s+Part\s+Heures 2023", text)
    assert re.search(r"^\s*TOTAL\s+12 968\s+100,0 %\s+300\s*$", text, re.M)
    assert re.search(r"^\s*Travail de rue\s+2 150\s+16,6 %\s+50\s*$", text, re.M)
    assert "Total 2023" in text


def test_empty_year_renders(tmp_path: Path) -> None:
    hours = dict.fromkeys(ReportColumn, 0.0)
    stats = make_statistics(hours=hours, communes=())
    stats = stats.model_copy(update={
        "referrals": [], "referrals_total": 0, "concern_reports": [],
        "concern_reports_total": 0,
        "problems": stats.problems.model_copy(update={"lines": [], "young_supported": 0}),
    })
    text = flat(pdf_text(render(stats, tmp_path)))
    assert "Aucun secteur d'intervention n'est enregistré." in text
    assert "TOTAL 0 –" in text


def _render_to(out: Path) -> None:
    render_report(figures_from_statistics(make_statistics()), out, variant="internal")


def test_write_replaces_atomically_and_leaves_no_temporary_file(tmp_path: Path) -> None:
    out = tmp_path / report_filename(2024)
    out.write_bytes(b"old")
    _render_to(out)
    assert out.read_bytes().startswith(b"%PDF-")
    assert [p.name for p in tmp_path.iterdir()] == [out.name]


def test_missing_folder_is_a_french_error(tmp_path: Path) -> None:
    out = tmp_path / "absent" / report_filename(2024)
    with pytest.raises(ReportWriteFailed) as caught:
        _render_to(out)
    assert isinstance(caught.value, SpsDeskError)
    assert "Impossible d'écrire dans le dossier" in str(caught.value)
    assert not out.parent.exists()


def test_failure_while_writing_keeps_the_old_file(tmp_path: Path, monkeypatch) -> None:
    out = tmp_path / report_filename(2024)
    out.write_bytes(b"old")

    def fail(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr("sps_desk.atomic.os.replace", fail)
    with pytest.raises(ReportWriteFailed):
        _render_to(out)
    assert out.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == [out.name]


def test_write_failure_is_also_an_os_error() -> None:
    assert issubclass(ReportWriteFailed, OSError)


def test_a_long_table_splits_with_its_header_repeated(tmp_path: Path) -> None:
    communes = tuple((f"Commune Łąka {n:03d}", f"Quartier Ørsta {n:03d}") for n in range(90))
    pdf = render(make_statistics(communes=communes), tmp_path)
    pages = [
        _run("pdftotext", "-layout", "-f", str(n), "-l", str(n), pdf, "-")
        for n in range(1, page_count(pdf) + 1)
    ]
    with_rows = [p for p in pages if "Quartier Ørsta" in p]
    assert len(with_rows) >= 2  # the table goes over a page break
    for page in with_rows:
        assert re.search(r"^\s*Commune\s+Quartier\s*$", page, re.M)  # header repeated
    text = flat("".join(pages))
    assert all(f"Commune Łąka {n:03d} Quartier Ørsta {n:03d}" in text for n in range(90))


def test_chief_sections_wrap_and_keep_paragraphs_and_markup(tmp_path: Path) -> None:
    long = " ".join(f"mot{n}" for n in range(400))
    sections = ReportSections.for_year(
        2024, highlights=f"Première ligne & <i>pas italique</i>\nligne suivante\n\n{long}",
        quality="Comité qualité : ğ ı ş ł č œ", outlook="")
    out = render(make_statistics(), tmp_path, None, sections)
    text = pdf_text(out, layout=False)
    assert "Première ligne & <i>pas italique</i>\nligne suivante\n" in text
    # wrapped over many lines (maybe over a page break: footers taken out), nothing cut
    body = re.sub(r"Rapport d'activité 2024 \(interne\) – SPS Arras\s+page \d+ / \d+", " ",
                  text)
    body = body.replace(INTERNAL_MARK, " ")
    assert long in flat(body)
    assert "Comité qualité : ğ ı ş ł č œ" in text
    assert "Perspectives\nNon renseigné." in text


def test_the_young_known_and_supported_have_their_charts(demo_text: str) -> None:
    for title in ("Jeunes connus par tranche d'âge et par sexe",
                  "Jeunes accompagnés par tranche d'âge et par sexe",
                  "Heures par catégorie d'activité", "Jeunes accompagnés par problématique",
                  "Accompagnements par durée"):
        assert title in demo_text, title


@given(st.text())
def test_literal_text_is_escaped_as_the_standard_library_escapes_it(text: str) -> None:
    assert escape(text) == standard_escape(text)
