"""``StatisticsFile``, schema version 1: the de-identified file a service sends each year.

The file is aggregates only (DESIGN.md §5): the service's stable id and name, its
association, communes and quartiers, the year, the generating version, the team's FTE by
role and every statistics table of the annual report. It carries no identity field,
young person's code or nickname, record UUID (the only UUID is the service's own id),
date finer than the month, or free text other than the chief's own sections.

A published count is an ``int``, or ``None`` when it is hidden by statistical secrecy
(``disclosure.suppressions`` says which and why); ``"NR"`` (non renseigné) stays distinct
from both. Hours are decimal hours. ``sha256`` is the SHA-256 of the canonical JSON of
every other field but ``signature`` (:func:`content_sha256`), so any accidental change
after export is detected.

Origin (issue 14): ``signature`` is the service's Ed25519 signature (the key its bundles
are signed with) over the same canonical JSON, so a file altered with its checksum
recomputed, or re-signed by another key, is refused; ``audit_head`` is the head of the
service's keyed audit chain when the file was made, which the Département keeps as a
witness (``sps-desk audit --verify --witness FILE``). See ``reports/signing.py``.
"""

from __future__ import annotations

import hashlib
import json
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

FILE_FORMAT = "sps_desk.statistics_file"
SCHEMA_VERSION = 1

_UUID_PATTERN = r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"
Published = Annotated[int, Field(ge=0)] | None
"""A count of people: ``None`` when hidden (secret statistique)."""
Percent = Annotated[float, Field(ge=0, le=100)] | None
"""A percentage; ``None`` without denominator or when derived from a hidden cell."""
Hours = Annotated[float, Field(ge=0)]
ShortText = Annotated[str, Field(max_length=200)]


class _Part(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class ServiceInfo(_Part):
    """Who produced the file: stable id (the Service record's UUID), name, association."""

    id: Annotated[str, Field(pattern=_UUID_PATTERN)]
    name: Annotated[str, Field(min_length=1, max_length=200)]
    managing_body: ShortText


class Sector(_Part):
    """A commune of intervention and its quartier (may be empty)."""

    commune: ShortText
    neighbourhood: ShortText


class TeamRole(_Part):
    """Team composition for one role (``sps_desk.enums.Role`` value): staff count and FTE."""

    role: str
    label: str
    headcount: Annotated[int, Field(ge=0)]
    fte: Annotated[float, Field(ge=0)]


class Labelled(_Part):
    """A stable key and its French label (age bracket, sex)."""

    key: str
    label: str


class HoursColumn(_Part):
    """One column of the Département's hours table; ``hours`` is ``None`` when the service
    does not track it apart, and ``counted_in`` then names the column that holds them."""

    key: str
    label: str
    hours: Hours | None
    counted_in: str | None = None


class HoursTable(_Part):
    """« Répartition de l'activité »: decimal hours of the educational team by column."""

    columns: list[HoursColumn]
    total: Hours


class SexAgeCounts(_Part):
    """Counts by age bracket × sex with both margins and the grand total.

    ``unit`` is ``"people"`` (distinct young, protected by suppression) or
    ``"contacts"`` (encounters, not protected). ``cells[bracket][sex]``.
    """

    unit: Literal["people", "contacts"]
    cells: dict[str, dict[str, Published]]
    bracket_totals: dict[str, Published]
    sex_totals: dict[str, Published]
    total: Published


class ContactsTable(_Part):
    """« Jeunes rencontrés »: sessions, contacts (encounters) and young people known."""

    field_sessions: int
    field_sessions_by_kind: dict[str, int]
    contacts_total: int
    anonymous_contacts: SexAgeCounts
    coded_contacts: int
    young_known: SexAgeCounts
    adults_met: int
    partners_met: int


class SupportedTable(_Part):
    """« Jeunes accompagnés »: distinct young with a support active in the year."""

    total: Published
    new: Published
    continuing: Published
    by_sex_age: SexAgeCounts
    new_by_sex_age: SexAgeCounts
    priority_11_15: Published
    priority_11_15_share: Percent
    public_16_21: Published
    public_16_21_share: Percent
    supports_active: Published


class ProblemLine(_Part):
    """Young people whose support started with this problématique ticked."""

    key: str
    label: str
    young: Published
    percent_of_young: Percent


class ProblemsTable(_Part):
    """« Problématiques »: multi-choice, so lines add up to more than ``young_supported``."""

    young_supported: Published
    lines: list[ProblemLine]


class DurationLine(_Part):
    """Supports in one duration bracket (start to min(end, 31 December))."""

    key: str
    label: str
    supports: Published


class DurationsTable(_Part):
    """« Durée de l'accompagnement »."""

    supports: Published
    lines: list[DurationLine]


class ActionTypeLine(_Part):
    """Collective actions of one type: number (not protected), young, hours."""

    key: str
    label: str
    actions: int
    young: Published
    hours: Hours


class CollectiveTable(_Part):
    """« Actions collectives »: actions held, young concerned, families or ``"NR"``.

    ``families`` is ``"NR"`` when no action recorded its families; otherwise the sum
    over the actions that did, ``actions_families_not_recorded`` saying how many did not.
    """

    actions: int
    sessions: int
    young: Published
    coded_young: Published
    anonymous_young: Published
    families: Published | Literal["NR"]
    actions_families_not_recorded: int
    hours: Hours
    by_type: list[ActionTypeLine]


class CountLine(_Part):
    """A labelled count of records about people (referrals, concern reports)."""

    key: str
    label: str
    count: Published


class ChiefSection(_Part):
    """One of the chief's own sections of the report (the only free text that leaves)."""

    key: str
    title: str
    text: Annotated[str, Field(max_length=20_000)]


class SuppressionNote(_Part):
    """A hidden cell: its path in the file, ``primary``/``secondary``, French reason."""

    cell: str
    reason: Literal["primary", "secondary", "derived"]
    explanation: str


class DisclosureInfo(_Part):
    """The secrecy rule applied: threshold ``k`` and every hidden cell."""

    threshold: Annotated[int, Field(ge=3)]
    suppressions: list[SuppressionNote]


_HEX64 = r"^[0-9a-f]{64}$"


class AuditHead(_Part):
    """The service's audit chain when the file was made: number and hash of its last
    entry (``sps_desk.store.audit.head``), a witness against a rewritten or rolled-back
    log."""

    seq: Annotated[int, Field(ge=0)]
    hash: Annotated[str, Field(pattern=_HEX64)]


class FileSignature(_Part):
    """Ed25519 signature of the service over :func:`canonical_content`.

    ``sign_key`` verifies it; ``box_key`` is the service's other public key, so that
    ``fingerprint`` (20 hex digits in groups of 4, SHA-256 of both keys) is the very
    fingerprint ``sps-desk key`` shows the chief. The Département compares it once, then
    keeps the key in its register of services.
    """

    algorithm: Literal["ed25519"]
    sign_key: Annotated[str, Field(pattern=_HEX64)]
    box_key: Annotated[str, Field(pattern=_HEX64)]
    fingerprint: Annotated[str, Field(pattern=r"^[0-9A-F]{4}( [0-9A-F]{4}){4}$")]
    value: Annotated[str, Field(pattern=r"^[0-9a-f]{128}$")]


class StatisticsFile(_Part):
    """The de-identified statistics file, schema version 1 (see the module docstring)."""

    format: Literal["sps_desk.statistics_file"] = FILE_FORMAT
    schema_version: Literal[1] = SCHEMA_VERSION
    generator: str
    year: Annotated[int, Field(ge=2000, le=2100)]
    service: ServiceInfo
    sectors: list[Sector]
    team: list[TeamRole]
    team_fte_total: Annotated[float, Field(ge=0)]
    age_brackets: list[Labelled]
    sexes: list[Labelled]
    hours: HoursTable
    contacts: ContactsTable
    supported: SupportedTable
    problems: ProblemsTable
    durations: DurationsTable
    collective_actions: CollectiveTable
    referrals: list[CountLine]
    referrals_total: Published
    concern_reports: list[CountLine]
    concern_reports_total: Published
    chief_sections: list[ChiefSection]
    disclosure: DisclosureInfo
    audit_head: AuditHead | None = None
    """Set when the file is signed; a file without it is refused by consolidation."""
    signature: FileSignature | None = None
    """Set last, by ``reports.signing``; a file without it is refused by consolidation."""
    sha256: Annotated[str, Field(pattern=r"^[0-9a-f]{64}$")]


def canonical_content(data: dict[str, Any]) -> bytes:
    """Canonical UTF-8 JSON of a file's content without ``sha256`` and ``signature``
    (sorted keys, compact): what the checksum and the signature cover."""
    content = {key: value for key, value in data.items()
               if key not in ("sha256", "signature")}
    return json.dumps(
        content, sort_keys=True, ensure_ascii=False, separators=(",", ":"), allow_nan=False
    ).encode("utf-8")


def content_sha256(data: dict[str, Any]) -> str:
    """Hex SHA-256 of :func:`canonical_content` of ``data`` (a JSON-mode dump)."""
    return hashlib.sha256(canonical_content(data)).hexdigest()


def json_schema() -> dict[str, Any]:
    """The JSON Schema of :class:`StatisticsFile` v1 (what ``sps-desk schema`` prints)."""
    schema = StatisticsFile.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = "https://sps-desk.invalid/schema/statistics-file-v1.schema.json"
    return schema


def schema_text() -> str:
    """:func:`json_schema` as the indented text shipped in ``resources/schema/``."""
    return json.dumps(json_schema(), indent=2, ensure_ascii=False, sort_keys=True) + "\n"
