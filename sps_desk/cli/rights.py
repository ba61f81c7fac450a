"""Rights of access, erasure and the retention purge (issue 6)."""

from __future__ import annotations

import argparse
from pathlib import Path

from sps_desk.cli.common import (
    confirm,
    read_passphrase,
)


def _cmd_rights_export(args: argparse.Namespace) -> int:
    from sps_desk.reports.privacy_documents import write_rights_export
    from sps_desk.store import rights
    from sps_desk.store.database import Database

    with Database.open(args.db, read_passphrase(args.passphrase_file)) as database:
        database.require_chief("export des droits d'accès")
        person = rights.find(database, args.young)
        files = write_rights_export(rights.full_record(database, person), args.out)
        database.audit("rights_export", record_id=person.id, detail="PDF et JSON")
    print(f"Export écrit : {files.pdf}")
    print(f"Export écrit : {files.json}")
    return 0


def _cmd_erase(args: argparse.Namespace) -> int:
    from sps_desk.store import rights
    from sps_desk.store.database import Database

    # The unlock is audited with the erasure: declining it leaves the base unchanged.
    with Database.open(args.db, read_passphrase(args.passphrase_file),
                       defer_unlock_audit=True) as database:
        database.require_chief("effacement d'un jeune")
        person = rights.find(database, args.young)
        print(f"L'effacement du jeune {person.code} supprimera définitivement :")
        for line in rights.preview_erasure(database, person).lines():
            print(f"  {line}")
        confirm("Effacer définitivement ce jeune ?", yes=args.yes,
                cancelled="Effacement annulé : rien n'a été modifié.")
        erased = rights.erase(database, person)
    print(f"Jeune effacé : {erased.supports} accompagnement(s), {erased.interventions} "
          f"intervention(s), {erased.concern_reports} information(s) préoccupante(s) "
          f"supprimés, {len(erased.scrub.redactions)} texte(s) libre(s) caviardé(s), "
          f"{len(erased.scrub.drafts)} brouillon(s) supprimé(s) ; l'identité et le code ont "
          "disparu de la base.")
    return 0


def _cmd_purge(args: argparse.Namespace) -> int:
    from datetime import date

    from sps_desk.reports.privacy_documents import Destruction, write_destruction_certificate
    from sps_desk.store import retention
    from sps_desk.store.database import Database

    with Database.open(args.db, read_passphrase(args.passphrase_file),
                       defer_unlock_audit=True) as database:
        database.require_chief("purge des données échues")
        years = retention.retention_years(database)
        due = retention.due(database, date.today())
        print(f"{len(due)} jeune(s) sans activité depuis plus de {years} an(s)"
              + (" :" if due else "."))
        if not due:
            print("Aucun jeune à anonymiser : rien n'a été modifié.")
            return 0
        for item in due:
            print(f"{item.code}\tdernière activité le {item.last_activity:%d/%m/%Y}")
        scrub = retention.purge(database, date.today(), dry_run=True).scrub
        lines = scrub.lines()
        print(f"{len(scrub.redactions)} texte(s) libre(s) qui les nomment seront caviardé(s)"
              + (" :" if lines else "."))
        for line in lines:
            print(f"  {line}")
        if args.dry_run:
            print("Simulation : rien n'a été modifié.")
            return 0
        confirm("Anonymiser ces jeunes ?", yes=args.yes,
                cancelled="Purge annulée : rien n'a été modifié.")
        result = retention.purge(database, date.today())
        operator = database.current_user.display_name if database.current_user else "-"
        out = args.out or args.db.parent
        certificate = write_destruction_certificate(
            out / f"certificat-destruction-{result.at:%Y%m%d-%H%M%S}.pdf",
            Destruction(database.service().name, operator, result.at.astimezone(),
                        "purge des données échues (anonymisation)",
                        {"jeunes anonymisés": result.anonymised,
                         "identités détruites": result.identities_deleted,
                         "textes libres caviardés": len(result.scrub.redactions)},
                        result.hashes_before))
    print(f"{result.anonymised} jeune(s) anonymisé(s). Certificat : {certificate}")
    return 0


def add_commands(
    commands: argparse._SubParsersAction, common: argparse.ArgumentParser
) -> None:
    """Rights of access, erasure and retention purge (issue 6)."""
    export = commands.add_parser("rights-export", parents=[common],
                                 help="données d'un jeune en PDF et JSON (droit d'accès)")
    export.add_argument("--young", required=True, metavar="CODE", help="code du jeune")
    export.add_argument("--out", type=Path, required=True, metavar="DOSSIER",
                        help="dossier de sortie")
    export.set_defaults(run=_cmd_rights_export)

    erase = commands.add_parser("erase", parents=[common],
                                help="effacer toutes les données d'un jeune (droit à l'effacement)")
    erase.add_argument("--young", required=True, metavar="CODE", help="code du jeune")
    erase.add_argument("--yes", action="store_true",
                       help="ne pas demander de confirmation après la liste de ce qui sera "
                            "effacé (textes libres caviardés, brouillons, conflits)")
    erase.set_defaults(run=_cmd_erase)

    purge = commands.add_parser("purge", parents=[common],
                                help="anonymiser les jeunes dont la conservation est échue")
    purge.add_argument("--dry-run", action="store_true", help="lister sans rien modifier")
    purge.add_argument("--out", type=Path, metavar="DOSSIER",
                       help="dossier du certificat de destruction (défaut : celui de la base)")
    purge.add_argument("--yes", action="store_true",
                       help="ne pas demander de confirmation après la liste des textes caviardés")
    purge.set_defaults(run=_cmd_purge)

