"""``backup``, ``restore`` and ``backups``: copies of the base a service can rely on
(issue 13). Each command runs alone in its process, so the fault suite can kill it at
any moment: a backup is whole or absent, a restore leaves the base or its aside copy."""

from __future__ import annotations

import argparse
from pathlib import Path

from sps_desk.cli.common import CliError, read_passphrase


def _size(count: int) -> str:
    from sps_desk.inputs import size_text

    return size_text(count)


def _cmd_backup(args: argparse.Namespace) -> int:
    from sps_desk.store.backup import create_backup
    from sps_desk.store.backup_schedule import backup_folder, run_automatic_backup
    from sps_desk.store.database import Database

    passphrase = read_passphrase(args.passphrase_file)
    with Database.open(args.db, passphrase, defer_unlock_audit=True) as database:
        if args.to is not None:
            backup = create_backup(database, args.to)
        else:
            folder = backup_folder(database)
            if folder is None:
                raise CliError("Indiquez --to DOSSIER : aucun dossier de sauvegardes "
                               "automatiques n'est choisi sur cet ordinateur (Protection des "
                               "données › Sauvegardes automatiques…). Rien n'a été écrit.")
            backup = run_automatic_backup(database)
            assert backup is not None
    print(f"Sauvegarde écrite et vérifiée : {backup.folder} ({_size(backup.bytes)}).")
    print("Elle s'ouvre avec les phrases de passe et la clé de secours valables aujourd'hui ; "
          "pour la remettre en place : sps-desk restore --from "
          f"{backup.folder} --db {args.db}")
    return 0


def _cmd_restore(args: argparse.Namespace) -> int:
    from sps_desk.store.restore import restore_backup

    if args.recovery_key_file is not None:
        restored = restore_backup(args.source, args.db,
                                  recovery_key=read_passphrase(args.recovery_key_file))
    else:
        restored = restore_backup(args.source, args.db,
                                  passphrase=read_passphrase(args.passphrase_file))
    for line in restored.summary():
        print(line)
    return 0


def _cmd_backups(args: argparse.Namespace) -> int:
    from sps_desk.store.backup import list_backups
    from sps_desk.store.backup_schedule import backup_status
    from sps_desk.store.database import Database

    passphrase = read_passphrase(args.passphrase_file)
    with Database.open(args.db, passphrase, defer_unlock_audit=True) as database:
        status = backup_status(database)
        base_id = str(database.device_id)
    folder = args.folder or status.folder
    if status.folder is not None:
        print(f"Dossier des sauvegardes automatiques : {status.folder}")
    elif status.chosen_elsewhere:
        print("Dossier des sauvegardes automatiques : choisi sur un autre ordinateur.")
    else:
        print("Dossier des sauvegardes automatiques : aucun.")
    for label, last in (("Dernière sauvegarde", status.last_backup),
                        ("Dernière sauvegarde hors du disque de la base", status.last_off_disk)):
        print(f"{label} : "
              + ("aucune" if last is None else f"{last.astimezone():%d/%m/%Y %H:%M}"))
    if status.reminder:
        print(f"À faire : {status.reminder}")
    if folder is not None:
        found = list_backups(folder, base_id)
        print(f"{len(found)} sauvegarde(s) de cette base dans {folder} :")
        for backup in reversed(found):
            kind = "automatique" if backup.automatic else "demandée"
            print(f"{backup.created_at.astimezone():%d/%m/%Y %H:%M}\t{kind}\t"
                  f"{_size(backup.bytes)}\t{backup.folder}")
    return 0


def add_commands(commands: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    """``backup``, ``restore`` and ``backups``."""
    backup = commands.add_parser(
        "backup", parents=[common],
        help="sauvegarder la base (copie chiffrée vérifiée, avec son fichier de clés)",
        description="Copie la base, même ouverte dans une fenêtre, dans un nouveau dossier "
                    "daté : la base chiffrée avec la même clé, son fichier de clés et un "
                    "manifeste avec leurs sommes de contrôle ; la copie est relue et ouverte "
                    "avant d'être annoncée. Elle s'ouvre avec les phrases de passe et la clé "
                    "de secours valables ce jour-là.")
    backup.add_argument(
        "--to", type=Path, metavar="DOSSIER",
        help="dossier où écrire la sauvegarde, de préférence sur un autre disque (clé USB, "
             "dossier réseau) ; sans --to, le dossier des sauvegardes automatiques, avec "
             "leur rotation (7 quotidiennes, 4 hebdomadaires, 12 mensuelles)")
    backup.set_defaults(run=_cmd_backup)

    restore = commands.add_parser(
        "restore", parents=[common],
        help="remettre une sauvegarde en place (la base actuelle est gardée à côté)",
        description="Vérifie la sauvegarde, puis la remet à la place de la base : la base "
                    "actuelle est renommée « …-avant-restauration-DATE » (jamais supprimée), "
                    "les jeunes effacés et les diffusions faites depuis la sauvegarde restent "
                    "effacés et connues. Refusé tant que la base est ouverte ailleurs. "
                    "Ensuite, faites un paquet de retour pour chaque ordinateur de l'équipe.")
    restore.add_argument("--from", dest="source", type=Path, required=True,
                         metavar="SAUVEGARDE", help="dossier de la sauvegarde")
    restore.add_argument(
        "--recovery-key-file", type=Path, metavar="FICHIER",
        help="ouvrir la sauvegarde avec la clé de secours de l'époque (sinon la phrase de "
             "passe valable le jour de la sauvegarde)")
    restore.set_defaults(run=_cmd_restore)

    backups = commands.add_parser(
        "backups", parents=[common],
        help="état des sauvegardes et liste de celles d'un dossier",
        description="Dit quand a eu lieu la dernière sauvegarde, et la dernière hors du "
                    "disque de la base, puis liste les sauvegardes de cette base trouvées "
                    "dans le dossier.")
    backups.add_argument("--in", dest="folder", type=Path, metavar="DOSSIER",
                         help="dossier à lister (défaut : celui des sauvegardes automatiques)")
    backups.set_defaults(run=_cmd_backups)
