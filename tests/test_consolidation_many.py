"""A Département with many services: 120 services in one readable PDF (issue 12).

Above about a dozen services, the tables that had one column per service
(problématiques, durations) put one row per service instead, and every table repeats its
header on each page. The PDF is read back with pdftotext: every service name is there in
every table, and the totals are the sums of the services' published values.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import uuid
from pathlib import Path

import pytest

from sps_desk.reports.consolidation import departmental_tables
from sps_desk.reports.consolidation_pdf import consolidation_pdf_bytes
from sps_desk.reports.file_builder import full_file
from sps_desk.reports.formatting import fr_number
from sps_desk.reports.statistics_file import StatisticsFile
from tests.stats_factory import make_statistics

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None,
                                reason="poppler-utils (pdftotext) is required")

SERVICES = 120
YEAR = 2024


def _services(count: int) -> list[StatisticsFile]:
    """``count`` small services: the same published file, each with its own name and
    street-work hours (100 + its number), so that the column total is known."""
    template = full_file(make_statistics(YEAR), service_id=str(uuid.uuid4()),
                      threshold=5, chief_sections=[])
    services = []
    for number in range(count):
        columns = [column.model_copy(update={"hours": 100.0 + number})
                   if column.key == "street_work" else column
                   for column in template.hours.columns]
        total = sum(c.hours or 0 for c in columns)
        services.append(template.model_copy(update={
            "service": template.service.model_copy(update={
                "id": str(uuid.UUID(int=number + 1)), "name": _name(number)}),
            "hours": template.hours.model_copy(update={"columns": columns, "total": total}),
        }))
    return services


def _name(number: int) -> str:
    return f"SPS {['Łąka', 'Дмитров', 'Ğüzel', 'Ørsta'][number % 4]} {number:03d}"


@pytest.fixture(scope="module")
def text(tmp_path_factory: pytest.TempPathFactory) -> str:
    services = _services(SERVICES)
    pdf = tmp_path_factory.mktemp("many") / "consolidation.pdf"
    pdf.write_bytes(consolidation_pdf_bytes(YEAR, services, departmental_tables(services)))
    return subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout


TITLES = ("Nombre d'heures passées par le service éducatif", "Jeunes rencontrés et accompagnés",
          "Problématiques à l'origine de l'accompagnement", "Durée de l'accompagnement",
          "Actions collectives")
"""The five departmental tables, in the order of the PDF."""


def test_every_service_is_named_in_every_table(text: str) -> None:
    starts = [text.index(title) for title in TITLES]
    sections = [text[:starts[0]]] + [text[a:b] for a, b in zip(starts, [*starts[1:], None],
                                                                strict=True)]
    for number in range(SERVICES):
        # The list of services, then each table.
        for section in sections:
            assert _name(number) in section, (_name(number), section[:60])


def test_the_hours_total_is_the_sum_of_the_services(text: str) -> None:
    street_work = sum(100 + number for number in range(SERVICES))
    hours_part = text[:text.index("Jeunes rencontrés et accompagnés")]
    total_lines = [line for line in hours_part.splitlines() if line.strip().startswith("TOTAL")]
    assert total_lines, "no TOTAL row in the hours table"
    assert fr_number(street_work) in total_lines[-1]
    assert fr_number(street_work) == "19 140"


def test_services_become_rows_with_the_header_on_every_page(text: str) -> None:
    pages = text.split("\f")
    assert len(pages) > 10
    assert re.search(r"page 1 / \d+", pages[0])
    # Problématiques: one row per service, so each page of that table starts with its
    # header (« SPS », then the problems as columns).
    problems = text[text.index(TITLES[2]):text.index(TITLES[3])].split("\f")
    assert len(problems) >= 3
    for page in problems:
        rows = re.search(r"^SPS Łąka \d{3} ", page, re.MULTILINE)
        if rows:  # a page of rows (the notes after the table name services too)
            assert page.index("Scolarité") < rows.start()
    # Durations: the brackets are columns, the 120 services rows.
    assert "Moins de 3 mois" in text and "Plus de 2 ans" in text


def test_eight_services_keep_the_2022_layout() -> None:
    from sps_desk.reports.consolidation_pdf import _fitted

    services = _services(8)
    tables = {t.key: t for t in departmental_tables(services)}
    names = [s.service.name for s in services]
    problems = _fitted(tables["problems"], names, 267 * 2.8346)
    assert problems.header[1:-1] == names  # services stay columns, as in 2022
    many = _services(40)
    tables = {t.key: t for t in departmental_tables(many)}
    turned = _fitted(tables["problems"], [s.service.name for s in many], 267 * 2.8346)
    assert [row[0] for row in turned.rows] == [*(s.service.name for s in many), "TOTAL"]
    assert turned.rows[0][1:] == [row[1] for row in tables["problems"].rows]


def test_every_font_of_the_pdf_is_embedded(tmp_path: Path) -> None:
    """Reportlab's default Helvetica (each page's first font, table cells without a
    font) is not embedded: a reader without it would show another font."""
    services = _services(3)
    pdf = tmp_path / "consolidation.pdf"
    pdf.write_bytes(consolidation_pdf_bytes(YEAR, services, departmental_tables(services)))
    rows = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True,
                          check=True).stdout.splitlines()[2:]
    assert {row.split()[0].split("+")[-1]: row.split()[-5] for row in rows} == {
        "DejaVuSans": "yes", "DejaVuSans-Bold": "yes"}
