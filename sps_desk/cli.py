"""``sps-desk``: the application's jobs without a screen, and the window with no argument.

Exit status: 0 on success, 2 on a usage error (argparse), 1 on any other error with a
single French line on stderr and no traceback. The passphrase comes from
``--passphrase-file``, else the environment variable ``SPS_DESK_PASSPHRASE``, else a
prompt that does not echo.
"""

from __future__ import annotations

import argparse
import getpass
import os
import re
import sys
import typing
from collections.abc import Callable, Sequence
from pathlib import Path

from pydantic import ValidationError

from sps_desk import __version__
from sps_desk.errors import SpsDeskError
from sps_desk.records import french_errors

PASSPHRASE_ENV = "SPS_DESK_PASSPHRASE"
DEFAULT_SERVICE_NAME = "Service de prévention spécialisée"


class CliError(SpsDeskError):
    """A command-line error with a French message (exit status 1)."""


_ARGPARSE_FR: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"the following arguments are required: (.*)"), r"arguments obligatoires : \1"),
    (re.compile(r"unrecognized arguments: (.*)"), r"arguments non reconnus : \1"),
    (re.compile(r"argument (\S+): invalid choice: (.*?) \(choose from (.*)\)"),
     r"argument \1 : choix invalide \2 (choisir parmi \3)"),
    (re.compile(r"argument (\S+): expected one argument"),
     r"argument \1 : une valeur est attendue"),
    (re.compile(r"argument (\S+): invalid (\w+) value: (.*)"),
     r"argument \1 : valeur invalide \3"),
    (re.compile(r"argument (\S+): (.*)"), r"argument \1 : \2"),
]


class _FrenchUsageFormatter(argparse.HelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None) -> None:  # noqa: ANN001
        super().add_usage(usage, actions, groups, "utilisation : " if prefix is None else prefix)


class FrenchArgumentParser(argparse.ArgumentParser):
    """``argparse`` with its usage errors in French (exit status 2, as argparse)."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        kwargs.setdefault("formatter_class", _FrenchUsageFormatter)
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]

    def error(self, message: str) -> typing.NoReturn:
        """Print the usage and the French translation of ``message``, exit with 2."""
        for pattern, french in _ARGPARSE_FR:
            if pattern.fullmatch(message):
                message = pattern.sub(french, message)
                break
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog} : erreur : {message}\n")


def _year(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"année invalide : « {text} »") from None
    if not 2000 <= value <= 2100:
        raise argparse.ArgumentTypeError(f"année hors limites (2000 à 2100) : {value}")
    return value


def read_passphrase(passphrase_file: Path | None, *, confirm: bool = False) -> str:
    """The passphrase from the file, else ``$SPS_DESK_PASSPHRASE``, else a silent prompt.

    A file's single trailing newline is dropped (editors add one); other white space is
    kept. ``confirm`` asks twice at the prompt (creation).

    Raises:
        CliError: the file cannot be read, or no terminal is available to ask.
    """
    if passphrase_file is not None:
        try:
            text = passphrase_file.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise CliError(
                f"Impossible de lire le fichier de phrase de passe {passphrase_file} "
                f"({type(error).__name__}) : vérifiez le chemin et l'encodage UTF-8."
            ) from None
        return text.removesuffix("\n").removesuffix("\r")
    from_env = os.environ.get(PASSPHRASE_ENV)
    if from_env:
        return from_env
    if not sys.stdin.isatty():
        raise CliError(
            "Aucune phrase de passe : utilisez --passphrase-file FICHIER ou la variable "
            f"d'environnement {PASSPHRASE_ENV}."
        )
    first = getpass.getpass("Phrase de passe : ")
    if confirm and getpass.getpass("Confirmez la phrase de passe : ") != first:
        raise CliError("Les deux phrases de passe diffèrent : rien n'a été créé.")
    return first


def _cmd_init(args: argparse.Namespace) -> int:
    from sps_desk.store.database import Database

    passphrase = read_passphrase(args.passphrase_file, confirm=True)
    with Database.create(args.db, passphrase, args.service_name):
        pass
    print(f"Base créée : {args.db}")
    return 0


def _cmd_demo(args: argparse.Namespace) -> int:
    from sps_desk.store.database import Database
    from sps_desk.store.demo import build_demo_year

    passphrase = read_passphrase(args.passphrase_file, confirm=True)
    if args.db.exists():
        database = Database.open(args.db, passphrase)
    else:
        database = Database.create(args.db, passphrase, DEFAULT_SERVICE_NAME)
    with database:
        summary = build_demo_year(database, args.year, args.seed)
    print(f"Année de démonstration {args.year} écrite dans {args.db} : {summary}")
    return 0


def _cmd_report(args: argparse.Namespace) -> int:
    from sps_desk.reports.annual import write_annual_report
    from sps_desk.store.database import Database

    passphrase = read_passphrase(args.passphrase_file)
    with Database.open(args.db, passphrase) as database:
        files = write_annual_report(database, args.year, args.out)
    print(f"Rapport écrit : {files.pdf}")
    print(f"Statistiques écrites : {files.json}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of ``sps-desk`` (French help)."""
    parser = FrenchArgumentParser(
        prog="sps-desk",
        description=(
            "Application des équipes de prévention spécialisée. Sans argument, ouvre "
            "la fenêtre de l'application."
        ),
    )
    parser.add_argument("--version", action="version", version=f"sps_desk {__version__}")
    common = FrenchArgumentParser(add_help=False)
    common.add_argument("--db", type=Path, required=True, help="fichier de la base chiffrée")
    common.add_argument(
        "--passphrase-file",
        type=Path,
        help=f"fichier contenant la phrase de passe (sinon ${PASSPHRASE_ENV}, sinon saisie)",
    )
    commands = parser.add_subparsers(
        dest="command", metavar="COMMANDE", parser_class=FrenchArgumentParser
    )

    init = commands.add_parser("init", parents=[common], help="créer une base vide")
    init.add_argument("--service-name", default=DEFAULT_SERVICE_NAME, help="nom du service")
    init.set_defaults(run=_cmd_init)

    demo = commands.add_parser(
        "demo", parents=[common], help="écrire une année de démonstration réaliste"
    )
    demo.add_argument("--year", type=_year, required=True, help="année civile, ex. 2025")
    demo.add_argument("--seed", type=int, default=1, help="graine (même graine, même contenu)")
    demo.set_defaults(run=_cmd_demo)

    report = commands.add_parser(
        "report", parents=[common], help="rapport d'activité PDF et statistiques JSON"
    )
    report.add_argument("--year", type=_year, required=True, help="année civile, ex. 2025")
    report.add_argument("--out", type=Path, required=True, help="dossier de sortie")
    report.set_defaults(run=_cmd_report)
    return parser


def _run(job: Callable[[], int]) -> int:
    try:
        return job()
    except SpsDeskError as error:
        message = str(error)
    except ValidationError as error:
        message = "Données invalides : " + " ; ".join(french_errors(error))
    except OSError as error:
        where = f" ({error.filename})" if error.filename else ""
        message = f"Erreur d'accès au fichier{where} : {error.strerror or error}."
    except KeyboardInterrupt:
        message = "Interrompu : rien n'a été modifié par l'opération en cours."
    except Exception as error:  # the promise is one French line, never a traceback
        message = (
            f"Erreur inattendue ({type(error).__name__}) : l'opération n'a pas abouti. "
            "Réessayez, et signalez-la si elle se reproduit."
        )
    print(f"sps-desk : {message}", file=sys.stderr)
    return 1


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``sps-desk`` with ``argv`` (default ``sys.argv[1:]``); returns the exit status."""
    arguments = list(sys.argv[1:] if argv is None else argv)
    if not arguments:
        from sps_desk.ui.app import run

        return run([sys.argv[0]])
    args = build_parser().parse_args(arguments)
    if args.command is None:
        build_parser().print_usage(sys.stderr)
        return 2
    return _run(lambda: args.run(args))
