"""``sps-desk check``: read and check every page of a base (Fichier › Vérifier la base)."""

from __future__ import annotations

import argparse

from sps_desk.cli.common import read_passphrase


def _cmd_check(args: argparse.Namespace) -> int:
    from sps_desk.store.database import Database
    from sps_desk.store.integrity import check_integrity

    # Nothing is written: the unlock line of the audit log waits for an audited action.
    with Database.open(args.db, read_passphrase(args.passphrase_file),
                       defer_unlock_audit=True) as database:
        report = check_integrity(database)
    print(report.message)
    return 0 if report.intact else 1


def add_commands(
    commands: argparse._SubParsersAction, common: argparse.ArgumentParser
) -> None:
    """``sps-desk check``: the whole-file integrity check, with a French result."""
    check = commands.add_parser(
        "check", parents=[common],
        help="relire et vérifier toute la base (après un arrêt brutal, ou pour s'assurer "
             "qu'elle est intacte) ; code de sortie 1 si elle est endommagée")
    check.set_defaults(run=_cmd_check)
