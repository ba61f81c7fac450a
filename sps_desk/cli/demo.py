"""``sps-desk demo``: a realistic demo year in a base of its own."""

from __future__ import annotations

import argparse

from sps_desk.cli.common import (
    DEFAULT_SERVICE_NAME,
    CliError,
    read_passphrase,
    year_argument,
)


def _cmd_demo(args: argparse.Namespace) -> int:
    from sps_desk.demo import build_demo_year
    from sps_desk.store.database import Database

    passphrase = read_passphrase(args.passphrase_file, confirm=True)
    if args.db.exists():
        database = Database.open(args.db, passphrase)
    else:
        database = Database.create(args.db, passphrase, DEFAULT_SERVICE_NAME)
    with database:
        from sps_desk.store.sync.identity import chief_keys

        if chief_keys(database) is not None:
            raise CliError("Cette base est celle d'un ordinateur rattaché à un service : "
                           "l'année de démonstration s'écrit dans une base à part, sinon elle "
                           "partirait chez le chef de service. Rien n'a été modifié.")
        summary = build_demo_year(database, args.year, args.seed)
    print(f"Année de démonstration {args.year} écrite dans {args.db} : {summary}")
    return 0



def add_commands(
    commands: argparse._SubParsersAction, common: argparse.ArgumentParser
) -> None:
    """``demo``: a realistic demo year."""
    demo = commands.add_parser(
        "demo", parents=[common], help="écrire une année de démonstration réaliste"
    )
    demo.add_argument(
        "--year", type=year_argument, required=True, metavar="ANNÉE", help="année civile, ex. 2025"
    )
    demo.add_argument(
        "--seed", type=int, default=1, metavar="N", help="graine (même graine, même contenu)"
    )
    demo.set_defaults(run=_cmd_demo)

