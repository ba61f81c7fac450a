"""``sps-desk screenshot``: one page of the window rendered offscreen."""

from __future__ import annotations

import argparse
from pathlib import Path

from sps_desk.cli.common import (
    read_passphrase,
)


def _cmd_screenshot(args: argparse.Namespace) -> int:
    from sps_desk.store.database import Database
    from sps_desk.ui.screenshot import render_page

    passphrase = read_passphrase(args.passphrase_file)
    with Database.open(args.db, passphrase) as database:
        out = render_page(database, args.page, args.out, args.texts)
    print(f"Capture écrite : {out}")
    if args.texts is not None:
        print(f"Textes de la page écrits : {args.texts}")
    return 0


def add_commands(
    commands: argparse._SubParsersAction, common: argparse.ArgumentParser
) -> None:
    """``screenshot``: one page of the window rendered offscreen to a PNG (issue 3)."""
    screenshot = commands.add_parser(
        "screenshot", parents=[common], help="capture d'une page de la fenêtre (PNG)"
    )
    screenshot.add_argument(
        "--page",
        required=True,
        choices=("accueil", "terrain", "jeunes", "accompagnements", "actions", "temps", "rapport"),
        metavar="PAGE",
        help="page à capturer : %(choices)s",
    )
    screenshot.add_argument(
        "--out", type=Path, required=True, metavar="FICHIER", help="image PNG à écrire"
    )
    screenshot.add_argument(
        "--texts", type=Path, metavar="FICHIER",
        help="écrire aussi les textes de l'interface de la page et les traductions "
             "chargées (un texte par ligne)",
    )
    screenshot.set_defaults(run=_cmd_screenshot)

