"""A diffusion release: what leaves the service for one year, and the record of it.

``sps-desk export`` and the diffusion version of ``sps-desk report`` both go through
:func:`prepare_diffusion` (compute, protect, leak-scan; nothing written) and, once their
files are written, :func:`record_release` (note in the encrypted base what was
published, :mod:`sps_desk.store.releases`).

A release of year N is protected jointly (:mod:`sps_desk.reports.joint`) with every
release already made of N (so that two files of one year cannot be differenced), of N−1
and N+1 (the young continuing from one year to the next), and with the N−1 column when
that year was never released (it is then protected now, and recorded when a report
publishes it). The N−1 column of a diffusion shows the release already made for N−1
when there is one.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from typing import Literal

from sps_desk.reports.disclosure import DEFAULT_THRESHOLD, suppress
from sps_desk.reports.export_summary import table_of
from sps_desk.reports.file_builder import full_file, mask, protected_cells
from sps_desk.reports.formatting import fr_day
from sps_desk.reports.joint import Member, joint_problem
from sps_desk.reports.leak_scan import check_no_leak, needles_of
from sps_desk.reports.model import FIRST_REPORT_YEAR, AnnualStatistics
from sps_desk.reports.signing import sign_statistics_file
from sps_desk.reports.statistics import compute_statistics
from sps_desk.reports.statistics_file import ChiefSection, ReleaseInfo, StatisticsFile
from sps_desk.store import releases
from sps_desk.store.database import Database

ReleaseKind = Literal["export", "report"]
"""``export``: the statistics file; ``report``: the diffusion report (PDF, XLSX, CSV)."""

CHIEF_SECTION_TITLES: dict[str, str] = {
    "highlights": "Faits marquants",
    "quality": "Démarche d'amélioration continue de la qualité",
    "outlook": "Perspectives",
}
"""The chief's own sections of the report (the only free text that leaves), in order."""

_CURRENT, _PREVIOUS = "N", "N-1"

_HEADLINES = (
    ("contacts.young_known.total", "Jeunes connus"),
    ("supported.total", "Jeunes accompagnés"),
    ("supported.new", "Nouveaux jeunes accompagnés"),
    ("supported.continuing", "Jeunes accompagnés poursuivis"),
    ("supported.supports_active", "Accompagnements actifs"),
    ("collective_actions.young", "Jeunes concernés par les actions collectives"),
    ("referrals_total", "Orientations"),
    ("concern_reports_total", "Informations préoccupantes transmises"),
)
"""Totals whose change since the last release the chief is told (counts only)."""


@dataclass(frozen=True)
class Pending:
    """A file to record when the release is made: year, number, the published file,
    the same with every value, and the masked cell paths."""

    file: StatisticsFile
    full: StatisticsFile
    masked: tuple[str, ...]


@dataclass(frozen=True)
class Diffusion:
    """Everything a diffusion release of year N publishes.

    ``current``: year N, statistical secrecy applied jointly with every earlier release
    and leak-scanned: exactly what is published. ``previous``: year N−1 as published (the
    release already made for it, else computed and protected now), ``None`` when N−1 has
    no data. ``changes``: French lines, counts only, saying what changed since the last
    release of year N (empty for a first release). ``internal_reasons``: masked cell path
    of ``current`` → French reason, for the internal report and the audit log only
    (never published). ``pending``: what :func:`record_release` records.
    """

    current: StatisticsFile
    previous: StatisticsFile | None
    changes: list[str]
    internal_reasons: dict[str, str]
    pending: tuple[Pending, ...] = field(default=(), repr=False, compare=False)


def chief_sections(database: Database, year: int) -> list[ChiefSection]:
    """The chief's non-empty sections of ``year``'s report, in order."""
    record = database.repos.report_sections.for_year(year)
    return [
        ChiefSection(key=key, title=title, text=text)
        for key, title in CHIEF_SECTION_TITLES.items()
        if (text := getattr(record, key, "").strip())
    ]


def free_texts(statistics_file: StatisticsFile) -> list[tuple[str, str]]:
    """``(French field name, text)`` of every free text ``statistics_file`` carries."""
    fields = [
        ("Nom du service", statistics_file.service.name),
        ("Structure gestionnaire", statistics_file.service.managing_body),
    ]
    for sector in statistics_file.sectors:
        fields.append(("Secteur (commune)", sector.commune))
        fields.append(("Secteur (quartier)", sector.neighbourhood))
    for section in statistics_file.chief_sections:
        fields.append((f"Rapport › {section.title}", section.text))
    return fields


def has_data(stats: AnnualStatistics) -> bool:
    """A year has data when hours or field sessions were recorded in it."""
    return stats.hours.total > 0 or stats.contacts.field_sessions > 0


def _stored(release: releases.Release) -> Member:
    return Member(f"r{release.id}", StatisticsFile.model_validate_json(release.full_values),
                  frozenset(release.masked), release.number)


_ORIGIN = ("audit_head", "signature", "sha256")
"""What signing adds to a file (``reports.signing``): not part of its figures."""


def figures(statistics_file: StatisticsFile) -> dict:
    """The published content of a file without its origin (audit head, signature,
    checksum): two releases with the same figures say the same thing."""
    data = statistics_file.model_dump(mode="json")
    return {key: value for key, value in data.items() if key not in _ORIGIN}


def _release_block(current: StatisticsFile, masked: set[str],
                   latest: releases.Release | None) -> StatisticsFile:
    """``current`` masked, numbered after ``latest`` (the last release of its year);
    with the number of ``latest`` when its figures are the same (unsigned)."""
    if latest is not None:
        again = StatisticsFile.model_validate_json(latest.published)
        same = mask(current, masked, again.release).file
        if figures(same) == figures(again):
            return same
    month = date.today().strftime("%Y-%m")
    block = (ReleaseInfo(number=1, month=month, replaces=None) if latest is None else
             ReleaseInfo(number=latest.number + 1, month=month, replaces=latest.sha256))
    return mask(current, masked, block).file


def _changes(full: StatisticsFile, masked: set[str], published: StatisticsFile,
             latest: releases.Release) -> list[str]:
    """What changed since ``latest``, in counts only (French lines)."""
    before = protected_cells(StatisticsFile.model_validate_json(latest.full_values)).values
    now = protected_cells(full).values
    lines = [f"Depuis la diffusion n° {latest.number} de {latest.year} "
             f"(le {fr_day(date.fromisoformat(latest.released_at[:10]))}) :"]
    if figures(published) == figures(StatisticsFile.model_validate_json(latest.published)):
        return [*lines, "aucun changement : les mêmes chiffres, même diffusion."]
    for cell, label in _HEADLINES:
        old, new = before.get(cell, 0), now.get(cell, 0)
        if old != new:
            lines.append(f"{label} : {old} → {new} ({new - old:+d}).".replace("(-", "(−"))
    moved = sum(1 for c in now.keys() | before.keys() if now.get(c, 0) != before.get(c, 0))
    lines.append(f"Nombres de personnes ou d'actes modifiés : {moved} case(s).")
    earlier = set(latest.masked)
    lines.append(f"Cases masquées : {len(earlier)} → {len(masked)} "
                 f"({len(masked - earlier)} de plus, {len(earlier - masked)} de moins).")
    return lines


def prepare_diffusion(database: Database, year: int) -> Diffusion:
    """The diffusion release of ``year``: nothing is written.

    ``current`` (and a ``previous`` computed now) is signed with the service's key and
    carries the head of its audit log (``reports.signing``).

    Raises:
        ChiefOnly: the base was not unlocked by a chief.
        NotTheServiceBase: the base is an educator's laptop (it cannot sign).
        LeakFound: a free text that would leave contains a protected value (the error
            names the field and the matched words).
        DisclosureError: statistical secrecy cannot be guaranteed.
    """
    database.require_chief("préparer une diffusion pour le Département")
    service = database.service()
    k = int(getattr(service, "disclosure_threshold", DEFAULT_THRESHOLD))
    service_id = str(service.id)
    # The same figures released twice (an export, then the report) are one release.
    distinct: dict[tuple[int, str], releases.Release] = {}
    for recorded in releases.of_years(database, range(year - 2, year + 2)):
        key = json.dumps(figures(StatisticsFile.model_validate_json(recorded.published)),
                         sort_keys=True)
        distinct.setdefault((recorded.year, key), recorded)
    history = list(distinct.values())
    of_year = [r for r in history if r.year == year]
    released_previous = [r for r in history if r.year == year - 1]
    # N−1 is computed with N (one pass) only when it is protected now: once released,
    # its column is the release.
    current = full_file(
        compute_statistics(database, year, with_previous=not released_previous),
        service_id=service_id, threshold=k, chief_sections=chief_sections(database, year))
    check_no_leak(free_texts(current), needles_of(database))
    members = [_stored(r) for r in history if year - 1 <= r.year <= year + 1]
    members.append(Member(_CURRENT, current))
    fresh_previous: StatisticsFile | None = None
    if not released_previous and year - 1 >= FIRST_REPORT_YEAR:
        stats = compute_statistics(database, year - 1)
        if has_data(stats):
            fresh_previous = full_file(stats, service_id=service_id, threshold=k,
                                       chief_sections=[])
            members += [_stored(r) for r in history if r.year == year - 2]
            members.append(Member(_PREVIOUS, fresh_previous))
    members.sort(key=lambda m: (m.year, not m.released))
    joint = joint_problem(members, k)
    decided = suppress(joint.problem, k)

    def masks_of(tag: str, full: StatisticsFile) -> set[str]:
        values = protected_cells(full).values
        chosen = {cell.split(":", 1)[1] for cell in decided if cell.startswith(f"{tag}:")}
        return chosen | {cell.split(":", 1)[1] for cell in joint.republished
                         if cell.startswith(f"{tag}:")
                         and 1 <= values[cell.split(":", 1)[1]] < k}

    masked = masks_of(_CURRENT, current)
    latest = of_year[-1] if of_year else None
    # Signed last (with the audit head of now): any later change breaks the signature.
    published = sign_statistics_file(database, _release_block(current, masked, latest))
    reasons = {cell.split(":", 1)[1]: note.explanation for cell, note in decided.items()
               if cell.startswith(f"{_CURRENT}:")}
    reasons |= {cell: f"moins de {k} personnes, déjà publiée telle quelle"
                for cell in masked - reasons.keys()}
    reasons |= mask(current, masked).derived
    pending = [Pending(published, current, tuple(sorted(masked)))]
    previous: StatisticsFile | None = None
    if released_previous:
        previous = StatisticsFile.model_validate_json(released_previous[-1].published)
    elif fresh_previous is not None:
        previous = sign_statistics_file(database, _release_block(
            fresh_previous, masks_of(_PREVIOUS, fresh_previous), None))
        pending.append(Pending(previous, fresh_previous,
                               tuple(sorted(masks_of(_PREVIOUS, fresh_previous)))))
    changes = [] if latest is None else _changes(current, masked, published, latest)
    return Diffusion(current=published, previous=previous, changes=changes,
                     internal_reasons=dict(sorted(reasons.items())), pending=tuple(pending))


def record_release(database: Database, diffusion: Diffusion, kind: ReleaseKind) -> None:
    """Record in the base what ``diffusion`` publishes as ``kind``, and audit it.

    Call it before writing the files: a release recorded but not written only makes
    later releases more cautious (and preparing again gives the same file), whereas a
    file written but not recorded could be differenced with the next one.

    ``export`` records year N; ``report`` also records the N−1 column when it was
    computed now (a year never released before). The audit entry holds the year, kind,
    release number, number of masked cells and each masked cell's path and reason: no
    value, no personal data.
    """
    recorded = diffusion.pending if kind == "report" else diffusion.pending[:1]
    with database.transaction():
        for item in recorded:
            releases.record(
                database, year=item.file.year, kind=kind, number=item.file.release.number,
                sha256=item.file.sha256, published=item.file.model_dump_json(),
                full_values=item.full.model_dump_json(), masked=item.masked)
        current = diffusion.current
        what = "fichier statistique" if kind == "export" else "rapport de diffusion"
        listed = " ; ".join(f"{cell} ({table_of(cell)}) : {reason}"
                            for cell, reason in diffusion.internal_reasons.items())
        database.audit("export", detail=(
            f"{what} {current.year}, diffusion n° {current.release.number} : "
            f"{len(diffusion.internal_reasons)} cases masquées"
            + (f" — {listed}" if listed else "")))
