"""``sps-desk service``: show or change the service's settings."""

from __future__ import annotations

import argparse

from sps_desk.cli.common import (
    read_passphrase,
)


def _cmd_service(args: argparse.Namespace) -> int:
    import dataclasses

    from sps_desk.store import service_settings as settings
    from sps_desk.store.database import Database

    # Every value is read before the base is opened: a typing mistake changes nothing.
    changes: dict[str, object] = {}
    for name in ("name", "managing_body", "linked_mds"):
        if getattr(args, name) is not None:
            changes[name] = getattr(args, name)
    if args.disclosure_threshold is not None:
        changes["disclosure_threshold"] = settings.parse_whole_number(
            args.disclosure_threshold, "le secret statistique k", settings.THRESHOLD_BOUNDS)
    if args.retention_years is not None:
        changes["retention_years"] = settings.parse_whole_number(
            args.retention_years, "la durée de conservation (en années)",
            settings.RETENTION_BOUNDS)
    counted_in = [settings.parse_counted_in(text) for text in args.counted_in]
    with Database.open(args.db, read_passphrase(args.passphrase_file)) as database:
        before = settings.current(database)
        if changes or counted_in:
            wanted = settings.with_counted_in(dataclasses.replace(before, **changes),
                                              counted_in)
            changed = settings.save(database, wanted)
            if changed:
                print(f"Réglages enregistrés ({settings.field_labels(changed)}).")
            else:
                print("Ces valeurs sont déjà celles du service : rien n'a été modifié.")
        now = settings.current(database)
    for label, value in settings.describe(now):
        print(f"{label} : {value}")
    return 0


def add_commands(
    commands: argparse._SubParsersAction, common: argparse.ArgumentParser
) -> None:
    """``sps-desk service``: show the service's settings, or change them (chief)."""
    service = commands.add_parser(
        "service", parents=[common],
        help="afficher les réglages du service ; les changer avec les options (chef)")
    service.add_argument("--name", metavar="NOM", help="nom du service")
    service.add_argument("--managing-body", metavar="NOM",
                         help="structure gestionnaire (\"\" pour l'effacer)")
    service.add_argument("--linked-mds", metavar="NOM",
                         help="MDS de rattachement (\"\" pour l'effacer)")
    service.add_argument(
        "--disclosure-threshold", metavar="K",
        help="secret statistique : les effectifs de 1 à K−1 sont masqués dans le fichier "
             "envoyé au Département (3 à 100, 5 par défaut)")
    service.add_argument(
        "--retention-years", metavar="N",
        help="durée de conservation : un jeune sans activité depuis N ans est anonymisé par "
             "la purge (1 à 10, 2 par défaut comme le référentiel de la CNIL)")
    service.add_argument(
        "--counted-in", action="append", default=[], metavar="CATÉGORIE=HÔTE",
        help="heures d'une catégorie comptées dans une autre, par libellé ou code "
             "(« Écrits professionnels=Accompagnements individuels ») ; « CATÉGORIE= » la "
             "suit de nouveau à part ; répétable")
    service.set_defaults(run=_cmd_service)

