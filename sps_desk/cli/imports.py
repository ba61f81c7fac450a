"""``sps-desk import``: a spreadsheet, previewed, then imported all or nothing."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from sps_desk.cli.common import (
    read_passphrase,
)


def _cmd_import(args: argparse.Namespace) -> int:
    from sps_desk.store import imports
    from sps_desk.store.database import Database
    from sps_desk.tabular.fields import ImportKind, apply_overrides, auto_map
    from sps_desk.tabular.reading import read_table

    # The file and the --map pairs first: a file that cannot be read never opens the base.
    kind = ImportKind(args.kind)
    table = read_table(args.file)
    mapping = apply_overrides(kind, table.headers, auto_map(kind, table.headers), args.map)
    # The unlock is audited with the import: a refused import leaves the base unchanged.
    with Database.open(args.db, read_passphrase(args.passphrase_file),
                       defer_unlock_audit=True) as database:
        checked = imports.check(database, args.file, table, kind, mapping)
        print("\n".join(checked.lines()))
        if not checked.ok:
            print(f"sps-desk : import refusé : {len(checked.errors)} erreur(s), rien n'a été "
                  "importé. Corrigez le fichier (ou la correspondance des colonnes avec "
                  "--map) et recommencez.", file=sys.stderr)
            return 1
        result = imports.commit(database, checked)
    print(f"Import terminé : {result.new} nouveau(x), {result.updated} mis à jour, "
          f"{result.unchanged} inchangé(s).")
    return 0


def add_commands(
    commands: argparse._SubParsersAction, common: argparse.ArgumentParser
) -> None:
    """``import``: a CSV, XLSX, ODS or XLS spreadsheet, previewed, then imported all or nothing."""
    command = commands.add_parser(
        "import", parents=[common],
        help="importer un tableur CSV, XLSX, ODS ou XLS (temps, actions, jeunes, "
             "accompagnements)")
    command.add_argument(
        "--kind", required=True, choices=("time", "actions", "young", "supports"),
        metavar="CONTENU",
        help="contenu du fichier : time (temps), actions (actions collectives), young "
             "(jeunes), supports (accompagnements)")
    command.add_argument(
        "--map", action="append", default=[], metavar="\"COLONNE=CHAMP\"",
        help="associer une colonne du fichier à un champ (répétable) ; « COLONNE= » ignore "
             "la colonne")
    command.add_argument("file", type=Path, metavar="FICHIER",
                         help="fichier .csv, .xlsx, .ods ou .xls")
    command.set_defaults(run=_cmd_import)

