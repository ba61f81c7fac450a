"""``sps-desk demo``: realistic demo years in a base of their own."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from typing import TYPE_CHECKING

from sps_desk.cli.common import (
    DEFAULT_SERVICE_NAME,
    CliError,
    read_passphrase,
    year_argument,
)

if TYPE_CHECKING:
    from sps_desk.demo import DemoSummary
    from sps_desk.store.database import Database


def _cmd_demo(args: argparse.Namespace) -> int:
    from sps_desk.demo.build import check_arguments
    from sps_desk.store.database import Database, base_files

    # Before any base is created: a mistyped --staff leaves no empty base behind.
    check_arguments(args.year, args.years, args.staff, today=date.today())
    passphrase = read_passphrase(args.passphrase_file, confirm=True)
    created = not args.db.exists()
    if created:
        database = Database.create(args.db, passphrase, DEFAULT_SERVICE_NAME)
    else:
        database = Database.open(args.db, passphrase)
    try:
        summary = _write_years(database, args)
    except BaseException:
        if created:
            # The years are written in one transaction: interrupted (Ctrl-C) or refused,
            # the base this command created is empty; removed, « rien n'a été modifié »
            # holds (a new user found an empty base left behind).
            for file in base_files(args.db):
                file.unlink(missing_ok=True)
        raise
    team = "" if args.staff is None else f" (équipe de {args.staff} professionnels)"
    if summary.years == 1:
        print(f"Année de démonstration {args.year}{team} écrite dans {args.db} : {summary}")
    else:
        print(f"Années de démonstration {summary.first_year} à {summary.year}{team} écrites "
              f"dans {args.db} : {summary}")
    return 0


def _write_years(database: Database, args: argparse.Namespace) -> DemoSummary:
    """The demo years of ``args`` written into ``database``, closed afterwards.

    Raises:
        CliError: ``database`` is a laptop's base joined to a service.
    """
    from sps_desk.demo import build_demo

    with database:
        from sps_desk.store.sync.identity import chief_keys

        if chief_keys(database) is not None:
            raise CliError("Cette base est celle d'un ordinateur rattaché à un service : "
                           "l'année de démonstration s'écrit dans une base à part, sinon elle "
                           "partirait chez le chef de service. Rien n'a été modifié.")

        def progress(year: int) -> None:
            if args.years > 1:
                print(f"Année {year} planifiée et écrite…", file=sys.stderr, flush=True)

        return build_demo(database, args.year, args.years, args.staff, args.seed,
                          progress=progress)


def add_commands(
    commands: argparse._SubParsersAction, common: argparse.ArgumentParser
) -> None:
    """``demo``: realistic demo years, from one year of SPS Arras to a large service."""
    demo = commands.add_parser(
        "demo", parents=[common], help="écrire des années de démonstration réalistes"
    )
    demo.add_argument(
        "--year", type=year_argument, required=True, metavar="ANNÉE",
        help="année civile (la dernière écrite), ex. 2025",
    )
    demo.add_argument(
        "--years", type=int, default=1, metavar="N",
        help="nombre d'années écrites, finissant par --year (1 par défaut, 30 au plus)",
    )
    demo.add_argument(
        "--staff", type=int, default=None, metavar="N",
        help="équipe générée de N professionnels (3 à 60), au grain d'un grand service ; "
             "sans cette option, l'équipe de SPS Arras en 2022",
    )
    demo.add_argument(
        "--seed", type=int, default=1, metavar="N", help="graine (même graine, même contenu)"
    )
    demo.set_defaults(run=_cmd_demo)
