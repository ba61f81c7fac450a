"""The export preview's sentences (« Ce qui quitte cet ordinateur »): numbers as the report
prints them (found by the new-chief trial: « 22 heures » for 22,5 h, « 1 actions »)."""

from __future__ import annotations

import uuid

from sps_desk.reports.export_summary import describe
from sps_desk.reports.file_builder import full_file
from tests.stats_factory import make_statistics


def test_decimal_hours_and_singular_counts() -> None:
    base = full_file(make_statistics(2025), service_id=str(uuid.uuid4()), threshold=5,
                     chief_sections=[])
    published = base.model_copy(update={
        "hours": base.hours.model_copy(update={"total": 22.5}),
        "collective_actions": base.collective_actions.model_copy(update={"actions": 1}),
    })
    contents = describe(published, {}).contents
    assert "Heures par catégorie : 22,5 heures au total." in contents
    assert any(line.startswith("Actions collectives : 1 action, ") for line in contents)
