"""Privacy documents as PDF: recovery sheet, rights export, destruction certificate,
register of processing (GDPR art. 30) and incident sheet (art. 33, 24-hour notice).

All use the report's shared layout (:mod:`sps_desk.reports.pdf`): DejaVu fonts, and
right-to-left names (Arabic, Hebrew) shaped and in reading order. They are written
atomically. Only the rights export and the recovery sheet hold secrets or personal data,
and only for the person entitled to them; the others hold counts, dates and hashes.
"""

from __future__ import annotations

import io
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.platypus import SimpleDocTemplate, Spacer, Table, TableStyle

from sps_desk import atomic
from sps_desk.errors import SpsDeskError
from sps_desk.reports.files import write_all_atomically, write_atomically
from sps_desk.reports.formatting import fr_date
from sps_desk.reports.pdf import FONT, FONT_BOLD, Para, register_fonts
from sps_desk.reports.rights_document import Grid, RecordNames, rights_blocks
from sps_desk.store import retention
from sps_desk.store.retention import PurgeResult

if TYPE_CHECKING:
    from sps_desk.store.database import Database

Block = tuple[str, Any]
"""``("h", title)``, ``("h2", subtitle)``, ``("p", text)``, ``("lead", text)`` (a
paragraph kept with what follows), ``("mono", text)``,
``("table", rows)`` (two columns, no header) or ``("grid", Grid)`` (a header row)."""

_HEADER_BACKGROUND = colors.HexColor("#dce6f0")
_RULES = colors.HexColor("#9aa5b1")


def _styles() -> dict[str, ParagraphStyle]:
    register_fonts()
    return {
        "title": ParagraphStyle("t", fontName=FONT_BOLD, fontSize=16, leading=21,
                                spaceAfter=10),
        # A heading, and a paragraph that introduces a table (« lead »), stay on the
        # page of what follows them.
        "h": ParagraphStyle("h", fontName=FONT_BOLD, fontSize=12, leading=16, spaceBefore=8,
                            spaceAfter=4, keepWithNext=1),
        "h2": ParagraphStyle("h2", fontName=FONT_BOLD, fontSize=10.5, leading=14,
                             spaceBefore=6, spaceAfter=3, keepWithNext=1),
        "lead": ParagraphStyle("l", fontName=FONT, fontSize=10, leading=13.5, spaceAfter=4,
                               keepWithNext=1),
        "head": ParagraphStyle("hd", fontName=FONT_BOLD, fontSize=9, leading=11.5),
        "p": ParagraphStyle("p", fontName=FONT, fontSize=10, leading=13.5, spaceAfter=4),
        "mono": ParagraphStyle("m", fontName=FONT_BOLD, fontSize=15, leading=22,
                               spaceBefore=6, spaceAfter=6),
        "cell": ParagraphStyle("c", fontName=FONT, fontSize=9, leading=11.5),
    }


def render(title: str, blocks: Sequence[Block]) -> bytes:
    """A simple A4 document: a title, then headings, paragraphs and two-column tables."""
    styles = _styles()
    story: list[Any] = [Para(escape(title), styles["title"])]
    for kind, content in blocks:
        if kind == "grid":
            story += [_grid(content, styles), Spacer(1, 6)]
        elif kind == "table":
            rows = [[Para(escape(str(cell)), styles["cell"]) for cell in row]
                    for row in content]
            if not rows:
                continue
            table = Table(rows, colWidths=[6 * cm, 11 * cm], repeatRows=0)
            table.setStyle(TableStyle([
                ("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#9aa5b1")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]))
            story += [table, Spacer(1, 6)]
        else:
            story.append(Para(escape(str(content)), styles[kind]))
    buffer = io.BytesIO()
    document = SimpleDocTemplate(buffer, pagesize=A4, title=title, author="sps_desk",
                                 leftMargin=2 * cm, rightMargin=2 * cm,
                                 topMargin=2 * cm, bottomMargin=2 * cm)
    document.build(story)
    return buffer.getvalue()


def _grid(grid: Grid, styles: dict[str, ParagraphStyle]) -> Table:
    """A table with its header row, repeated on each page it runs onto."""
    rows = [[Para(escape(str(cell)), styles["head"]) for cell in grid.header]]
    rows += [[Para(escape(str(cell)), styles["cell"]) for cell in row] for row in grid.rows]
    table = Table(rows, colWidths=[width * cm for width in grid.widths], repeatRows=1)
    table.setStyle(TableStyle([
        ("BACKGROUND", (0, 0), (-1, 0), _HEADER_BACKGROUND),
        ("GRID", (0, 0), (-1, -1), 0.4, _RULES),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ]))
    return table


def _write(path: Path, data: bytes) -> Path:
    write_atomically(path, lambda stream: stream.write(data))
    return path


# ------------------------------------------------------------------ recovery sheet


def recovery_sheet_pdf(service_name: str, recovery_key: str, created: date) -> bytes:
    """The sheet to print once and keep locked away: the recovery key and how to use it."""
    groups = recovery_key.split("-")
    lines = [" ".join(groups[i:i + 5]) for i in range(0, len(groups), 5)]
    return render("Feuille de secours — clé de récupération", [
        ("p", f"Service : {service_name}"),
        ("p", f"Créée le {fr_date(created)}."),
        ("h", "Clé de secours"),
        *[("mono", line) for line in lines],
        ("h", "À quoi sert-elle ?"),
        ("p", "Si une phrase de passe est oubliée, cette clé permet au chef de service de "
              "définir une nouvelle phrase de passe sans perdre les données "
              "(« sps-desk recover » ou le bouton « Phrase de passe oubliée »)."),
        ("h", "Comment la garder ?"),
        ("p", "Imprimez cette feuille, rangez-la dans une armoire fermée à clé, hors de "
              "l'ordinateur, et supprimez tout fichier qui la contient. Quiconque détient "
              "cette clé et une copie de la base peut lire les données."),
    ])


def write_recovery_sheet(path: Path, service_name: str, recovery_key: str,
                         created: date) -> Path:
    """Write :func:`recovery_sheet_pdf` to ``path`` atomically; returns ``path``."""
    return _write(path, recovery_sheet_pdf(service_name, recovery_key, created))


# ------------------------------------------------------------------ rights export

@dataclass(frozen=True)
class RightsFiles:
    """The two files of a rights export: ``pdf`` (to read) and ``json`` (portability)."""

    pdf: Path
    json: Path


def write_rights_export(record: dict[str, Any], out_dir: Path,
                        names: RecordNames | None = None) -> RightsFiles:
    """Write one young person's full record (from ``store.rights.full_record``) as PDF
    and JSON into ``out_dir``, both or neither.

    The PDF is in French for the person and the data-protection officer
    (:func:`sps_desk.reports.rights_document.rights_blocks`; ``names`` from
    :func:`~sps_desk.reports.rights_document.record_names` gives the team members,
    partners and sectors their names); the JSON is the complete record, machine-readable.
    File names carry the export date only, never the code or a name.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    pdf_path = out_dir / f"droits-acces-{stamp}.pdf"
    json_path = out_dir / f"droits-acces-{stamp}.json"
    pdf = render("Droit d'accès et de portabilité", rights_blocks(record, names))
    data = json.dumps(record, ensure_ascii=False, indent=2).encode("utf-8")
    write_all_atomically({pdf_path: pdf, json_path: data})
    return RightsFiles(pdf_path, json_path)


# ------------------------------------------------------------------ certificate


@dataclass(frozen=True)
class Destruction:
    """What a destruction certificate states (no personal data).

    ``what``: the operation (« purge des données échues », « fin de service »);
    ``counts``: label → number; ``hashes``: file name → SHA-256 hex before deletion.
    """

    service_name: str
    operator: str
    at: datetime
    what: str
    counts: dict[str, int]
    hashes: dict[str, str]


def write_destruction_certificate(path: Path, destruction: Destruction) -> Path:
    """Write the destruction certificate PDF to ``path`` atomically; returns ``path``."""
    return _write(path, destruction_certificate_pdf(destruction))


def destruction_certificate_pdf(destruction: Destruction) -> bytes:
    """The bytes of the destruction certificate PDF (to stage before the destruction)."""
    blocks: list[Block] = [
        ("p", f"Service : {destruction.service_name}"),
        ("p", f"Opération : {destruction.what}"),
        ("p", f"Date : {destruction.at.strftime('%d/%m/%Y %H:%M')}"),
        ("p", f"Opérateur : {destruction.operator}"),
        ("h", "Données détruites"),
        ("table", [[label, str(count)] for label, count in destruction.counts.items()]),
        ("h", "Empreintes SHA-256 des fichiers avant destruction"),
        # Groups of 16 hex digits: the cell can wrap, and a person can compare them.
        ("table", [[name, " ".join(digest[i:i + 16] for i in range(0, len(digest), 16))]
                   for name, digest in destruction.hashes.items()]
         or [["aucun fichier", ""]]),
        ("p", "Ce certificat ne contient aucune donnée personnelle. Il atteste la "
              "destruction prévue à l'article 9 de la convention de partenariat."),
        ("p", "Signature :"),
    ]
    return render("Certificat de destruction de données", blocks)


def purge_with_certificate(database: Database, today: date,
                           folder: Path) -> tuple[PurgeResult, Path]:
    """Purge the expired data (``retention.purge``) with its destruction certificate,
    written into ``folder`` *first*: in place (atomically) inside the purge's
    transaction, before it commits, and removed if it then does not. A certificate that
    cannot be written (a full disk, a missing folder) stops the purge before anything is
    anonymised; a purge is never left without its certificate, even by a crash (issue
    13). Returns the result and the PDF's path.

    Raises:
        ChiefOnly: not a chief. AtomicWriteFailed: the certificate cannot be written
        (nothing purged). NothingToPurge: nobody is due (nothing written).
    """
    operator = database.current_user.display_name if database.current_user else "-"
    service_name = database.service().name
    written: list[Path] = []

    def certify(result: PurgeResult) -> Callable[[], None]:
        path = folder / f"certificat-destruction-{result.at:%Y%m%d-%H%M%S}.pdf"
        atomic.write_file(path, destruction_certificate_pdf(Destruction(
            service_name, operator, result.at.astimezone(),
            "purge des données échues (anonymisation)",
            {"jeunes anonymisés": result.anonymised,
             "identités détruites": result.identities_deleted,
             "textes libres caviardés": len(result.scrub.redactions)},
            result.hashes_before)))
        written.append(path)
        return lambda: path.unlink(missing_ok=True)

    result = retention.purge(database, today, certify=certify)
    if not written:
        raise NothingToPurge()
    return result, written[0]


class NothingToPurge(SpsDeskError):
    """Nobody is due: no purge, no certificate."""

    def __init__(self) -> None:
        super().__init__("Aucun jeune à anonymiser : rien n'a été modifié.")


# ------------------------------------------------------------------ register, incident


@dataclass(frozen=True)
class ServiceFacts:
    """Settings and counts the register and the incident sheet are prefilled with."""

    service_name: str
    managing_body: str
    retention_years: int
    young_people: int
    identities: int
    users: int
    last_backup: datetime | None


def write_register(path: Path, facts: ServiceFacts) -> Path:
    """The register of processing activities (GDPR art. 30), prefilled from the
    convention's article 9 and the service's settings."""
    body = facts.managing_body or "(structure gestionnaire à compléter)"
    rows = [
        ["Responsable du traitement", body],
        ["Service", facts.service_name],
        ["Finalités", "Suivi de l'activité de prévention spécialisée (travail de rue, "
                      "accompagnements individuels, actions collectives), rapport "
                      "d'activité et statistiques anonymes pour le Département."],
        ["Base légale", "Mission d'intérêt public (RGPD art. 6.1.e), protection de "
                        "l'enfance (Code de l'action sociale et des familles, art. L121-2)."],
        ["Personnes concernées", "Jeunes rencontrés et accompagnés (code pseudonyme)."],
        ["Catégories de données", "Code, surnom, sexe, date de naissance, situation, "
                                  "accompagnements ; identité (nom, prénom, adresse, "
                                  "téléphone) stockée à part et facultative."],
        ["Destinataires", "Équipe éducative et chef de service ; le Département ne reçoit "
                          "que des statistiques anonymes."],
        ["Durée de conservation", f"{facts.retention_years} an(s) après la dernière "
                                  "activité, puis anonymisation (référentiel CNIL du "
                                  "secteur social et médico-social)."],
        ["Mesures de sécurité", "Base chiffrée (SQLCipher, AES-256), clés par utilisateur, "
                                "clé de secours, verrouillage automatique, journal "
                                "d'audit chaîné, pseudonymisation, identité séparée."],
        ["Transferts hors UE", "Aucun."],
    ]
    return _write(path, render("Registre des activités de traitement (RGPD art. 30)",
                               [("table", rows)]))


def write_incident_sheet(path: Path, facts: ServiceFacts, at: datetime) -> Path:
    """A one-page incident sheet for the 72-hour CNIL notice and the 24-hour notice to
    the Département (convention art. 9): data categories, counts, last backup."""
    backup = facts.last_backup.strftime("%d/%m/%Y %H:%M") if facts.last_backup else "aucune"
    rows = [
        ["Service", facts.service_name],
        ["Date de la fiche", at.strftime("%d/%m/%Y %H:%M")],
        ["Données concernées", "Code, surnom, sexe, date de naissance, situation, "
                               "accompagnements ; identités séparées."],
        ["Jeunes enregistrés", str(facts.young_people)],
        ["Identités enregistrées", str(facts.identities)],
        ["Utilisateurs", str(facts.users)],
        ["Chiffrement", "Oui (AES-256) : la base est illisible sans phrase de passe."],
        ["Dernière sauvegarde", backup],
        ["Nature de l'incident", ""],
        ["Mesures prises", ""],
    ]
    return _write(path, render("Fiche d'incident — violation de données", [
        ("p", "À transmettre au Département dans les 24 heures et, s'il y a un risque pour "
              "les personnes, à la CNIL dans les 72 heures (RGPD art. 33)."),
        ("table", rows),
    ]))
