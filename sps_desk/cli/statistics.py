"""``report``, ``export``, ``schema``, ``consolidate`` and ``departement``: what the service
sends to the Département, and what the Département does with it."""

from __future__ import annotations

import argparse
import contextlib
import importlib
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from sps_desk.cli.common import (
    CliError,
    folder_argument,
    read_passphrase,
    require_year_with_data,
    year_argument,
)

if TYPE_CHECKING:
    from sps_desk.reports.leak_scan import Needles
    from sps_desk.store.database import Database

T = TypeVar("T")

_FORCE_HELP = "écrire même si l'année n'a aucune donnée (sinon : refus, rien n'est écrit)"


_BEFORE = ("sps_desk.reports.leak_scan", "sps_desk.reports.statistics",
           "sps_desk.store.database", "sps_desk.store.year_activity")
"""What ``report`` and ``export`` import themselves before their writers load beside
them: no module is then imported by two threads at once."""

_REPORT_WRITERS = ("numpy", "highspy", "sps_desk.reports.annual")
_EXPORT_WRITERS = ("numpy", "highspy", "sps_desk.reports.export")
"""What writes the files of ``report`` and ``export``: reportlab (report), openpyxl, and
numpy and HiGHS for the statistical secrecy — half a second or more of imports."""


class _Beside(threading.Thread):
    """``job`` run in a thread beside the command, started at once; :meth:`result`
    joins it and returns what ``job`` returned, or raises what it raised.

    Not a daemon: a command that fails before joining (a wrong passphrase) exits once
    the job is done, never in the middle of an import."""

    def __init__(self, job: Callable[[], T]) -> None:
        super().__init__(name="sps-desk")
        self._job = job
        self._value: T | None = None
        self._error: BaseException | None = None
        self.start()

    def run(self) -> None:
        try:
            self._value = self._job()
        except BaseException as error:  # re-raised in the command's thread
            self._error = error

    def result(self) -> T:
        self.join()
        if self._error is not None:
            raise self._error
        return self._value  # type: ignore[return-value]


def _load(modules: tuple[str, ...], *, fonts: bool = False) -> None:
    """Import ``modules`` (and register the PDF fonts), beside the command.

    Started once the passphrase is read, joined once the year's statistics are
    computed: the key derivation and the statistics' queries run in Argon2 and SQLite
    without holding Python's lock, so the libraries load meanwhile on the second core.
    A failed import is left to the command, which imports the same module afterwards
    and reports the error as usual."""
    with contextlib.suppress(Exception):
        for name in modules:
            importlib.import_module(name)
        if fonts:
            importlib.import_module("sps_desk.reports.pdf").register_fonts()


def _statistics_and_needles(database: Database, year: int) -> Needles | None:
    """The statistics of ``year`` and ``year - 1`` (one pass, kept until the base
    changes: the release asks for them next) and, for a chief, the leak scan's values,
    read beside on the same connection: their folding runs in Python while SQLite
    answers the statistics' queries."""
    from sps_desk.reports.leak_scan import needles_of
    from sps_desk.reports.statistics import compute_statistics

    needles = _Beside(lambda: needles_of(database)) if database.is_chief else None
    compute_statistics(database, year)
    return needles.result() if needles is not None else None


def _cmd_report(args: argparse.Namespace) -> int:
    for name in _BEFORE:
        importlib.import_module(name)
    from sps_desk.store.database import Database

    variant = "internal" if args.internal else "diffusion"
    passphrase = read_passphrase(args.passphrase_file)
    writers = _Beside(lambda: _load(_REPORT_WRITERS, fonts=True))
    # The opening is audited only once the files are written: a run that fails (a full
    # output disk) leaves the base as it was, but for the release a diffusion records
    # before writing (issue 13).
    with Database.open(args.db, passphrase, defer_unlock_audit=True) as database:
        require_year_with_data(database, args.year, force=args.force, what="le rapport")
        needles = _statistics_and_needles(database, args.year)
        writers.join()
        from sps_desk.reports.annual import write_annual_report

        files = write_annual_report(database, args.year, args.out, variant=variant,
                                    needles=needles)
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
    passphrase = read_passphrase(args.passphrase_file)
    for name in _BEFORE:
        importlib.import_module(name)
    writers = _Beside(lambda: _load(_EXPORT_WRITERS))
    # Audited with the export itself, once its files are written (issue 13).
    with Database.open(args.db, passphrase, defer_unlock_audit=True) as database:
        require_year_with_data(database, args.year, force=args.force,
                               what="le fichier statistique")
        needles = _statistics_and_needles(database, args.year)
        writers.join()
        from sps_desk.reports.export import export_year
        from sps_desk.reports.statistics_file import StatisticsFile

        files = export_year(database, args.year, args.out, needles=needles)
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
