"""``report``, ``export``, ``schema``, ``consolidate`` and ``departement``: what the service
sends to the Département, and what the Département does with it."""

from __future__ import annotations

import argparse
import contextlib
import importlib
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

from sps_desk.cli.common import (
    CliError,
    folder_argument,
    read_passphrase,
    require_year_with_data,
    warn_year_not_over,
    year_argument,
)

_FORCE_HELP = "écrire même si l'année n'a aucune donnée (sinon : refus, rien n'est écrit)"

_EXPORT_LIBRARIES = ("numpy", "highspy", "openpyxl", "openpyxl.writer.excel", "babel.numbers",
                     "babel.dates", "nacl.signing")
_REPORT_LIBRARIES = (*_EXPORT_LIBRARIES, "reportlab.platypus",
                     "reportlab.platypus.tableofcontents", "reportlab.graphics.charts.barcharts",
                     "reportlab.graphics.charts.legends", "arabic_reshaper", "bidi.algorithm")
"""The libraries that solve the statistical secrecy (HiGHS and numpy), sign the file and
write the workbook (``export``), and lay out the PDF (``report``): half a second of
imports or more, of modules that import nothing of sps_desk."""


_OPENING_IMPORTS = (
    "encodings.utf_8_sig",
    "sps_desk.store.migrations",
    "sps_desk.store.year_activity",
    "importlib.readers",
    "cryptography.hazmat.backends.openssl.backend",
)
"""What reading the passphrase, opening a base and checking its year import on first
use: the codec of passphrase files, the migrations and the year check, the resource
reader of the migrations' files, and the OpenSSL backend cryptography loads when the
key slot's X25519 key is read."""


@contextlib.contextmanager
def _libraries_loading(names: tuple[str, ...]) -> Iterator[None]:
    """Import the libraries ``names`` in a second thread while the block asks for the
    passphrase and opens the base, and wait for them at its end.

    The block's long steps hold no Python lock: the user typing the passphrase, the key
    derivation (Argon2, in C) and SQLite opening the file. The statistics' queries run
    after the wait: they take Python's lock at every row, and a thread importing beside
    them slows them down (issue 12). The block imports nothing while the thread runs —
    :data:`_OPENING_IMPORTS` are imported before it starts — so that two imports never
    wait for each other. A library that fails to load here is imported again, and its
    error reported, by the command. Not a daemon: a command that fails early exits once
    the imports are done, never in the middle of one."""
    for name in _OPENING_IMPORTS:
        importlib.import_module(name)

    def load() -> None:
        for name in names:
            with contextlib.suppress(Exception):
                importlib.import_module(name)

    thread = threading.Thread(target=load, name="sps-desk libraries")
    thread.start()
    try:
        yield
    finally:
        thread.join()


def _cmd_report(args: argparse.Namespace) -> int:
    from sps_desk.store.database import Database

    variant = "internal" if args.internal else "diffusion"
    # The base is closed by the stack even when the wait for the libraries is
    # interrupted (Ctrl-C): left open, its marker would have the next opening reread the
    # whole file, as after a crash.
    with contextlib.ExitStack() as opened:
        with _libraries_loading(_REPORT_LIBRARIES):
            passphrase = read_passphrase(args.passphrase_file)
            # The opening is audited only once the files are written: a run that fails
            # (a full output disk) leaves the base as it was, but for the release a
            # diffusion records before writing (issue 13).
            database = opened.enter_context(
                Database.open(args.db, passphrase, defer_unlock_audit=True))
        from sps_desk.reports.annual import write_annual_report

        require_year_with_data(database, args.year, force=args.force, what="le rapport")
        warn_year_not_over(args.year, "le rapport")
        files = write_annual_report(database, args.year, args.out, variant=variant)
        database.flush_unlock_audit()
    if files.variant == "internal":
        print("Version interne (réservée au service, ne pas diffuser) : tous les effectifs.")
    else:
        print("Version de diffusion (pour le Département) : effectifs soumis au secret "
              "statistique masqués « s ».")
        for line in files.changes:
            print(f"Depuis la dernière diffusion de {args.year} : {line}")
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
    from sps_desk.store.database import Database

    if args.out.suffix.lower() != ".json":
        raise CliError(f"Le fichier de sortie doit se terminer par .json : {args.out}")
    if not args.out.parent.is_dir():
        # Said before the base is opened and the year computed (seconds at scale).
        raise CliError(f"Le dossier {args.out.parent} n'existe pas : créez-le, ou indiquez "
                       "un fichier dans un dossier existant. Rien n'a été écrit.")
    with contextlib.ExitStack() as opened:  # closed if the wait is interrupted, as report
        with _libraries_loading(_EXPORT_LIBRARIES):
            passphrase = read_passphrase(args.passphrase_file)
            # Audited with the export itself, once its files are written (issue 13).
            database = opened.enter_context(
                Database.open(args.db, passphrase, defer_unlock_audit=True))
        from sps_desk.reports.export import export_year
        from sps_desk.reports.statistics_file import StatisticsFile

        require_year_with_data(database, args.year, force=args.force,
                               what="le fichier statistique")
        warn_year_not_over(args.year, "le fichier statistique")
        files = export_year(database, args.year, args.out)
    for line in files.changes:
        print(line)
    # The file as written (not the consolidation's reader: it imports the PDF library).
    signed = StatisticsFile.model_validate_json(files.json.read_bytes()).signature
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
        "schema", help="afficher le schéma JSON du fichier statistique (version 2)")
    schema.set_defaults(run=_cmd_schema)

    export = commands.add_parser(
        "export", parents=[common],
        help="fichier statistique anonymisé pour le Département (JSON et XLSX)")
    export.add_argument("--year", type=year_argument, required=True, metavar="ANNÉE",
                        help="année civile, ex. 2025")
    export.add_argument("--out", type=Path, required=True, metavar="FICHIER.json",
                        help="fichier JSON à écrire (le classeur .xlsx est écrit à côté)")
    export.add_argument("--force", action="store_true", help=_FORCE_HELP)
    export.set_defaults(run=_cmd_export)

    consolidate = commands.add_parser(
        "consolidate", help="consolider les fichiers statistiques des services (Département)")
    consolidate.add_argument("files", nargs="+", type=Path, metavar="FICHIER.json",
                             help="fichiers statistiques des services, une même année")
    consolidate.add_argument("--out", type=folder_argument, required=True, metavar="DOSSIER",
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
        "report", parents=[common],
        help="rapport d'activité PDF, statistiques JSON, XLSX et CSV (version de diffusion, "
             "ou interne avec --internal)",
        description="Écrit le rapport d'activité de l'année. Par défaut, la version de "
                    "diffusion, pour le Département et les partenaires : les "
                    "effectifs soumis au secret statistique sont masqués «\u00a0s\u00a0», le "
                    "fichier "
                    "statistiques-ANNÉE.json est celui qu'écrit «\u00a0export\u00a0», et la "
                    "diffusion est enregistrée dans la base. Avec --internal, la version interne, "
                    "réservée au service : tous les effectifs, fichiers terminés par "
                    "«\u00a0-interne\u00a0», chaque page marquée «\u00a0Document interne\u00a0».",
    )
    report.add_argument(
        "--year", type=year_argument, required=True, metavar="ANNÉE", help="année civile, ex. 2025"
    )
    report.add_argument(
        "--out", type=folder_argument, required=True, metavar="DOSSIER",
        help="dossier de sortie (créé s'il n'existe pas)"
    )
    report.add_argument("--force", action="store_true", help=_FORCE_HELP)
    report.add_argument(
        "--internal", action="store_true",
        help="version interne, réservée au service : tous les effectifs, fichiers "
             "«\u00a0…-interne\u00a0», pages marquées «\u00a0Document interne\u00a0» "
             "(ne pas diffuser)",
    )
    report.set_defaults(run=_cmd_report)
