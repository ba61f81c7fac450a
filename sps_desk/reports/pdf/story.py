"""The sections of the annual report, in the order of the Département's model, and the
story both versions share: cover, contents, sections, annex."""

from __future__ import annotations

from collections.abc import Callable

from reportlab.platypus import Flowable

from sps_desk.reports.pdf import actions, activity, service, texts, young
from sps_desk.reports.pdf.annex import annex
from sps_desk.reports.pdf.blocks import kept, with_secret_notes
from sps_desk.reports.pdf.context import ReportContext
from sps_desk.reports.pdf.cover import contents, cover

Section = Callable[[ReportContext], list[Flowable]]

SECTIONS: tuple[tuple[str, Section], ...] = (
    ("Secteurs d'intervention", service.sectors),
    ("Composition de l'équipe", service.team),
    ("Nombre de jeunes rencontrés", activity.contacts),
    ("Répartition de l'activité", activity.hours),
    ("Nombre de jeunes accompagnés", young.supported),
    ("Problématiques à l'origine de l'accompagnement", young.problems),
    ("Durée de l'accompagnement", young.durations),
    ("Actions collectives", actions.collective),
    ("Orientations et relais", actions.referrals),
    ("Informations préoccupantes transmises", actions.concern_reports),
    ("Faits marquants", texts.highlights),
    ("Démarche d'amélioration continue de la qualité", texts.quality),
    ("Perspectives", texts.outlook),
)
"""Titles and builders of the report's sections, in the order they are printed; the
last three are the chief's own text."""

SECTION_TITLES: tuple[str, ...] = tuple(title for title, _ in SECTIONS)


def report_story(context: ReportContext, version: str) -> list[Flowable]:
    """Cover (with the ``version`` line), contents, every section kept readable across
    pages (:func:`~sps_desk.reports.pdf.blocks.kept`), then the annex."""
    story = cover(context, version) + contents(context)
    for title, section in SECTIONS:
        heading = context.text(title, context.styles.section)
        story += kept(with_secret_notes(context, [heading, *section(context)]))
    return story + annex(context)
