"""``report``, ``export``, ``schema``, ``consolidate`` and ``departement``: what the service
sends to the Département, and what the Département does with it."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from sps_desk.cli.common import (
    CliError,
    read_passphrase,
    year_argument,
)


def _cmd_report(args: argparse.Namespace) -> int:
    from sps_desk.reports.annual import write_annual_report
    from sps_desk.store.database import Database

    passphrase = read_passphrase(args.passphrase_file)
    with Database.open(args.db, passphrase) as database:
        files = write_annual_report(database, args.year, args.out)
    print(f"Rapport écrit : {files.pdf}")
    print(f"Statistiques écrites : {files.json}")
    print(f"Classeur écrit : {files.xlsx}")
    print(f"Fichiers CSV écrits : {len(files.csv)} dans {args.out}")
    return 0




def _cmd_schema(_args: argparse.Namespace) -> int:
    from sps_desk.reports.statistics_file import schema_text

    sys.stdout.write(schema_text())
    return 0


def _cmd_export(args: argparse.Namespace) -> int:
    from sps_desk.reports.consolidation import load_statistics_file
    from sps_desk.reports.export import export_year
    from sps_desk.store.database import Database

    if args.out.suffix.lower() != ".json":
        raise CliError(f"Le fichier de sortie doit se terminer par .json : {args.out}")
    passphrase = read_passphrase(args.passphrase_file)
    with Database.open(args.db, passphrase) as database:
        files = export_year(database, args.year, args.out)
    signed = load_statistics_file(files.json).signature
    assert signed is not None
    print(f"Fichier statistique écrit : {files.json}")
    print(f"Classeur écrit : {files.xlsx}")
    print(f"Signé par la clé du service, empreinte {signed.fingerprint} : lisez-la au "
          "Département quand il la demande (premier envoi ou nouvelle base).")
    return 0


def _cmd_consolidate(args: argparse.Namespace) -> int:
    from sps_desk.reports.consolidation import consolidate_files
    from sps_desk.reports.register import ServiceRegister

    register = ServiceRegister.load()
    before = set(register.services)
    files = consolidate_files(args.files, args.out, register=register, trust=args.trust or ())
    for service_id in sorted(set(register.services) - before):
        entry = register.services[service_id]
        print(f"Service « {entry.name} » ajouté au registre de ce poste (empreinte "
              f"{entry.fingerprint}).")
    print(f"Consolidation écrite : {files.pdf}")
    print(f"Classeur écrit : {files.xlsx}")
    return 0


def _cmd_departement(_args: argparse.Namespace) -> int:
    from sps_desk.ui.department_app import run_department

    return run_department([sys.argv[0]])


def add_commands(
    commands: argparse._SubParsersAction, common: argparse.ArgumentParser
) -> None:
    """The Département's statistics file: schema, export and consolidation (issue 5)."""
    schema = commands.add_parser(
        "schema", help="afficher le schéma JSON du fichier statistique (version 1)")
    schema.set_defaults(run=_cmd_schema)

    export = commands.add_parser(
        "export", parents=[common],
        help="fichier statistique anonymisé pour le Département (JSON et XLSX)")
    export.add_argument("--year", type=year_argument, required=True, help="année civile, ex. 2025")
    export.add_argument("--out", type=Path, required=True,
                        help="fichier JSON à écrire (le classeur .xlsx est écrit à côté)")
    export.set_defaults(run=_cmd_export)

    consolidate = commands.add_parser(
        "consolidate", help="consolider les fichiers statistiques des services (Département)")
    consolidate.add_argument("files", nargs="+", type=Path, metavar="FICHIER.json",
                             help="fichiers statistiques des services, une même année")
    consolidate.add_argument("--out", type=Path, required=True,
                             help="dossier où écrire le PDF et le classeur XLSX")
    consolidate.add_argument(
        "--trust", action="append", metavar="EMPREINTE",
        help="empreinte (20 chiffres hexadécimaux) de la clé d'un service à inscrire au "
             "registre de ce poste, après l'avoir comparée avec celle que lit le chef de "
             "service (premier fichier du service, ou nouvelle base) ; répétable")
    consolidate.set_defaults(run=_cmd_consolidate)

    departement = commands.add_parser(
        "departement", help="ouvrir la fenêtre du Département (consolidation, sans base)")
    departement.set_defaults(run=_cmd_departement)


def add_report_command(
    commands: argparse._SubParsersAction, common: argparse.ArgumentParser
) -> None:
    """``report``: the annual report and its tables."""
    report = commands.add_parser(
        "report", parents=[common], help="rapport d'activité PDF, statistiques JSON, XLSX et CSV"
    )
    report.add_argument(
        "--year", type=year_argument, required=True, metavar="ANNÉE", help="année civile, ex. 2025"
    )
    report.add_argument(
        "--out", type=Path, required=True, metavar="DOSSIER", help="dossier de sortie"
    )
    report.set_defaults(run=_cmd_report)
