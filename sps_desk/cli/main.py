"""``sps-desk``: the application's jobs without a screen, and the window with no argument.

Exit status: 0 on success, 2 on a usage error (argparse), 1 on any other error with a
single French line on stderr and no traceback. The passphrase comes from
``--passphrase-file``, else the environment variable ``SPS_DESK_PASSPHRASE``, else a
prompt that does not echo."""

from __future__ import annotations

import argparse
import sys
import warnings
from collections.abc import Callable, Sequence
from pathlib import Path

from sps_desk import __version__
from sps_desk.cli import (
    backup,
    check,
    demo,
    imports,
    rights,
    screenshot,
    security,
    service,
    statistics,
    team,
)
from sps_desk.cli.common import PASSPHRASE_ENV, FrenchArgumentParser


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of ``sps-desk`` (French help)."""
    parser = FrenchArgumentParser(
        prog="sps-desk",
        description=(
            "Application des équipes de prévention spécialisée. Sans argument, ouvre "
            "la fenêtre de l'application."
        ),
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"sps_desk {__version__}",
        help="afficher la version et quitter",
    )
    common = FrenchArgumentParser(add_help=False)
    common.add_argument(
        "--db", type=Path, required=True, metavar="FICHIER", help="fichier de la base chiffrée"
    )
    common.add_argument(
        "--passphrase-file",
        type=Path,
        metavar="FICHIER",
        help=f"fichier contenant la phrase de passe (sinon ${PASSPHRASE_ENV}, sinon saisie)",
    )
    commands = parser.add_subparsers(
        dest="command", metavar="COMMANDE", parser_class=FrenchArgumentParser
    )

    security.add_init_command(commands, common)
    demo.add_commands(commands, common)
    statistics.add_report_command(commands, common)
    security.add_commands(commands, common)
    rights.add_commands(commands, common)
    statistics.add_commands(commands, common)
    screenshot.add_commands(commands, common)
    imports.add_commands(commands, common)
    team.add_commands(commands, common)
    service.add_commands(commands, common)
    check.add_commands(commands, common)
    backup.add_commands(commands, common)
    return parser


INTERRUPTED = 130
"""Exit status after Ctrl-C: 128 + SIGINT, as shells give it, so that a script running
``sps-desk`` tells an interruption from a refusal (1)."""


def _run(job: Callable[[], int], *, where: Path | None = None) -> int:
    """Run ``job``; on any error print one French line (``store.errors.describe``; ``where``
    is the base, for a full disk met as an I/O error) and return 1, or
    :data:`INTERRUPTED` after Ctrl-C."""
    try:
        return job()
    except (Exception, KeyboardInterrupt) as error:  # one French line, never a traceback
        from sps_desk.store.errors import describe

        message = describe(error, where=where)
        status = INTERRUPTED if isinstance(error, KeyboardInterrupt) else 1
    print(f"sps-desk : {message}", file=sys.stderr)
    return status


def _typed_values(options: dict[str, object]) -> list[object]:
    """The text and path values of parsed ``options`` (lists flattened), the command's
    own name aside."""
    values: list[object] = []
    for name, value in options.items():
        if name == "command":
            continue
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, str | Path):
                values.append(item)
    return values


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``sps-desk`` with ``argv`` (default ``sys.argv[1:]``); returns the exit status."""
    # openpyxl warns in English on stderr about parts of a workbook it skips (headers,
    # data validation extensions…): nothing a user can act on, and the import reads the
    # cells all the same.
    warnings.filterwarnings("ignore", category=UserWarning, module=r"openpyxl(\..*)?$")
    arguments = list(sys.argv[1:] if argv is None else argv)
    if not arguments:
        from sps_desk.ui.app import run

        return run([sys.argv[0]])
    args = build_parser().parse_args(arguments)
    if args.command is None:
        build_parser().print_usage(sys.stderr)
        return 2
    from sps_desk import support_log

    support_log.start(f"commande {args.command}")
    # Names, files and codes typed on the command line never reach the log.
    support_log.hide(_typed_values(vars(args)))
    status = _run(lambda: args.run(args), where=getattr(args, "db", None))
    support_log.finish(status)
    return status
