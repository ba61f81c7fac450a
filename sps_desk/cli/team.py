"""Team merge between laptops: keys, bundles, merge and conflicts (issue 7)."""

from __future__ import annotations

import argparse
from pathlib import Path

from sps_desk.cli.common import (
    PNG_MAGIC,
    CliError,
    check_output,
    confirm,
    read_passphrase,
)
from sps_desk.errors import os_reason


def _is_key_file(start: bytes) -> bool:
    return start.lstrip(b"\xef\xbb\xbf").startswith(b'{"format":"sps_desk.cle_chef"')


def _cmd_key(args: argparse.Namespace) -> int:
    from sps_desk.qr import qr_png
    from sps_desk.reports.files import write_atomically
    from sps_desk.store.database import Database
    from sps_desk.store.sync.identity import chief_keys, key_file_text, own_keys

    check_output(args.out, args.db, same_kind=_is_key_file)
    if args.qr is not None:
        check_output(args.qr, args.db, same_kind=lambda start: start.startswith(PNG_MAGIC))
    with Database.open(args.db, read_passphrase(args.passphrase_file)) as database:
        if chief_keys(database) is not None:
            raise CliError("Cette base est celle d'un ordinateur d'éducateur : la clé à "
                           "distribuer est celle de la base du chef de service.")
        text = key_file_text(database)
        fingerprint = own_keys(database).fingerprint
    write_atomically(args.out, lambda stream: stream.write(text.encode("utf-8")))
    print(f"Clé publique du service écrite : {args.out} (empreinte {fingerprint}).")
    if args.qr is not None:
        write_atomically(args.qr, lambda stream: stream.write(qr_png(text)))
        print(f"QR code de la clé écrit : {args.qr}")
    print("Elle ne contient aucun secret : donnez-la à chaque éducateur, qui crée sa base avec "
          "« sps-desk init --join ».")
    return 0


def _cmd_bundle(args: argparse.Namespace) -> int:
    from sps_desk.reports.files import write_atomically
    from sps_desk.store.database import Database
    from sps_desk.store.sync.bundle import MAGIC
    from sps_desk.store.sync.identity import chief_keys, own_keys
    from sps_desk.store.sync.transfer import make_bundle

    check_output(args.out, args.db, same_kind=lambda start: start.startswith(MAGIC))
    # The unlock is audited with the bundle: a refused request leaves the base unchanged.
    with Database.open(args.db, read_passphrase(args.passphrase_file),
                       defer_unlock_audit=True) as database:
        try:
            written = make_bundle(
                database, everything=args.all, device=args.device, staff_name=args.staff,
                write=lambda data: write_atomically(
                    args.out, lambda stream: stream.write(data)))
        except LookupError as error:
            raise CliError(str(error.args[0])) from None
        laptop = own_keys(database).fingerprint if chief_keys(database) else None
    print(f"Paquet écrit : {args.out} — {written.records} enregistrement(s), chiffré pour "
          f"« {written.recipient} » seulement.")
    if laptop is not None:
        print(f"Empreinte de cet ordinateur : {laptop} (le chef de service la compare avant "
              "d'intégrer votre premier paquet).")
    if args.device is not None:
        if written.staff_name is None:
            print("Attention : aucun professionnel de l'équipe n'est associé à cet ordinateur ; "
                  "le paquet ne contient que les données communes et ce que l'ordinateur a "
                  "lui-même saisi. Précisez --staff NOM.")
        else:
            print(f"Il contient le travail de « {written.staff_name} »"
                  + (" (retenu pour les prochains paquets de cet ordinateur)."
                     if args.staff else "."))
    return 0


def _read_bundle_file(path: Path) -> tuple[str, bytes]:
    from sps_desk.store.sync.bundle import read_bundle_file

    try:
        return read_bundle_file(path)
    except OSError as error:
        reason = os_reason(error.errno)
        raise CliError(f"Paquet {path} illisible : {reason}. Rien n'a été modifié.") from None


def _cmd_merge(args: argparse.Namespace) -> int:
    from sps_desk.records import KIND_LABELS
    from sps_desk.store.database import Database
    from sps_desk.store.sync.transfer import merge_bundles

    files = [_read_bundle_file(path) for path in args.files]
    # Audit the unlock only if the merge writes: a refused or simulated merge must leave
    # the file byte-for-byte unchanged.
    with Database.open(args.db, read_passphrase(args.passphrase_file),
                       defer_unlock_audit=True) as database:
        plan = merge_bundles(database, files, dry_run=args.dry_run, trusted=args.trust)
    if args.dry_run:
        print("Simulation (--dry-run) : rien n'a été modifié.")
    for line in plan.summary():
        print(line)
    for change in plan.conflicts:
        print(f"  conflit : {KIND_LABELS[change.kind]} {change.record_id}")
    return 0


def _shown(kind: str, name: str, value: object) -> str:
    """A field value as a person reads it (identity values stay masked)."""
    from datetime import date, datetime
    from zoneinfo import ZoneInfo

    from sps_desk.enums import LabelledEnum
    from sps_desk.reports.formatting import fr_date

    if kind == "identity" and name not in ("young_person_id",):
        return "•••"
    if value is None or value == "NR":
        return "non renseigné"
    if isinstance(value, LabelledEnum):
        return value.label
    if isinstance(value, datetime):
        return value.astimezone(ZoneInfo("Europe/Paris")).strftime("%d/%m/%Y %H:%M")
    if isinstance(value, date):
        return fr_date(value)
    if isinstance(value, bool):
        return "oui" if value else "non"
    if isinstance(value, list):
        return "[" + ", ".join(_shown(kind, name, v) for v in value) + "]"
    return str(value)


def _cmd_conflicts(args: argparse.Namespace) -> int:
    from sps_desk.records import KIND_LABELS, field_label
    from sps_desk.store.database import Database
    from sps_desk.store.sync.conflicts import open_conflicts, resolve

    with Database.open(args.db, read_passphrase(args.passphrase_file)) as database:
        conflicts = open_conflicts(database)
        if args.keep is not None:
            record_id, number_text = args.keep
            number = int(number_text) if number_text.isdigit() else 0
            chosen = [c for c in conflicts if str(c.record_id).startswith(record_id.lower())]
            if len(chosen) != 1 or not 1 <= number <= len(chosen[0].versions):
                raise CliError("Conflit ou numéro de version inconnu : lancez « sps-desk "
                               "conflicts » sans --keep pour voir la liste.")
            resolve(database, chosen[0], number - 1)
            print(f"Version {number} gardée ; les ordinateurs la recevront au prochain paquet.")
            return 0
    if not conflicts:
        print("Aucun conflit à trancher.")
    for conflict in conflicts:
        records = [dict(record) for record in conflict.records]
        # The pseudonymous code, a title or a name says which record it is.
        named = next((str(records[0][k]) for k in ("code", "title", "display_name", "name",
                                                   "commune") if k in records[0]), "")
        print(f"Conflit sur un(e) {KIND_LABELS[conflict.kind]} {named} (identifiant "
              f"{str(conflict.record_id)[:8]}) :".replace("  ", " "))
        differing = [k for k in records[0] if k not in ("updated_at", "device_id")
                     and len({repr(r.get(k)) for r in records}) > 1]
        for number, record in enumerate(records, start=1):
            values = " ; ".join(f"{field_label(k)} = {_shown(conflict.kind, k, record[k])}"
                                for k in differing)
            written = _shown("", "updated_at", record["updated_at"])
            print(f"  version {number} (écrite le {written}) : {values}")
        print(f"  → pour garder la version N : sps-desk conflicts --db {args.db} "
              f"--keep {str(conflict.record_id)[:8]} N")
    return 0


def _cmd_device_list(args: argparse.Namespace) -> int:
    from sps_desk.store.database import Database
    from sps_desk.store.sync.devices import devices
    from sps_desk.store.sync.identity import chief_keys

    with Database.open(args.db, read_passphrase(args.passphrase_file),
                       defer_unlock_audit=True) as database:
        if chief_keys(database) is not None:
            raise CliError("Cette base est celle d'un ordinateur d'éducateur : la liste des "
                           "ordinateurs est tenue sur la base du chef de service.")
        known = devices(database)
    if not known:
        print("Aucun ordinateur connu : un ordinateur l'est dès que son premier paquet a été "
              "intégré ici.")
        return 0
    print("Ordinateur\tProfessionnel\tEmpreinte\tDernier paquet intégré\tÉtat")
    for device in known:
        last = (f"{device.last_merged.astimezone():%d/%m/%Y %H:%M}"
                if device.last_merged else "-")
        print(f"{device.keys.label}\t{device.staff_name or '-'}\t{device.keys.fingerprint}\t"
              f"{last}\t{device.state}")
    return 0


def _cmd_device_revoke(args: argparse.Namespace) -> int:
    from sps_desk.store.database import Database
    from sps_desk.store.sync.devices import find_device, revoke
    from sps_desk.store.sync.identity import chief_keys

    # The unlock is audited with the revocation: declining it leaves the base unchanged.
    with Database.open(args.db, read_passphrase(args.passphrase_file),
                       defer_unlock_audit=True) as database:
        if chief_keys(database) is not None:
            raise CliError("Cette base est celle d'un ordinateur d'éducateur : seul le chef de "
                           "service révoque un ordinateur, sur la base du service.")
        database.require_chief("révoquer un ordinateur")
        device = find_device(database, args.device)
        print(f"Ordinateur « {device.keys.label} » (identifiant {device.keys.device_id[:8]}, "
              f"empreinte {device.keys.fingerprint}) : ses paquets seront refusés, "
              "définitivement.")
        confirm("Révoquer cet ordinateur ?", yes=args.yes,
                cancelled="Révocation annulée : rien n'a été modifié.")
        revoke(database, device)
    print(f"Ordinateur « {device.keys.label} » révoqué. Les autres ordinateurs l'apprendront "
          "avec leur prochain paquet ; préparez-lui aussi un paquet (sps-desk bundle --for) "
          "pour qu'il cesse d'envoyer les siens.")
    return 0


def add_commands(
    commands: argparse._SubParsersAction, common: argparse.ArgumentParser
) -> None:
    """Team merge between laptops (issue 7)."""
    commands.choices["init"].add_argument(
        "--join", type=Path, metavar="CLÉ",
        help="rattacher cette nouvelle base (ordinateur d'éducateur) au service dont CLÉ est "
             "la clé publique (fichier .spskey ou photo de son QR code) ; --user-name est "
             "alors votre nom")
    key = commands.add_parser("key", parents=[common],
                              help="écrire la clé publique du service (à donner aux éducateurs)")
    key.add_argument("--out", type=Path, required=True, metavar="FICHIER",
                     help="fichier .spskey à écrire")
    key.add_argument("--qr", type=Path, metavar="IMAGE", help="image PNG du QR code de la clé")
    key.set_defaults(run=_cmd_key)
    bundle = commands.add_parser(
        "bundle", parents=[common],
        help="écrire un paquet de transfert chiffré (ordinateur → chef, ou chef → ordinateur)")
    bundle.add_argument("--out", type=Path, required=True, metavar="FICHIER",
                        help="fichier du paquet à écrire (.spsb)")
    bundle.add_argument("--all", action="store_true",
                        help="tout envoyer, pas seulement les changements non encore reçus")
    bundle.add_argument("--for", dest="device", metavar="ORDINATEUR",
                        help="sur la base du service : l'ordinateur destinataire (nom affiché)")
    bundle.add_argument("--staff", metavar="NOM",
                        help="avec --for : le professionnel de l'équipe qui utilise cet "
                             "ordinateur (sinon celui qui porte son nom)")
    bundle.set_defaults(run=_cmd_bundle)
    merge = commands.add_parser("merge", parents=[common],
                                help="intégrer des paquets de transfert (tous ou aucun)")
    merge.add_argument("files", type=Path, nargs="+", metavar="PAQUET",
                       help="fichiers .spsb reçus")
    merge.add_argument("--dry-run", action="store_true",
                       help="afficher ce qui changerait et les conflits, sans rien modifier")
    merge.add_argument("--trust", action="append", default=[], metavar="EMPREINTE",
                       help="accepter le nouvel ordinateur de cette empreinte (comparée avec "
                            "son écran) ; à répéter pour plusieurs ordinateurs")
    merge.set_defaults(run=_cmd_merge)
    device = commands.add_parser("device", help="les ordinateurs de l'équipe : liste, révocation")
    actions = device.add_subparsers(dest="device_command", metavar="ACTION", required=True,
                                    parser_class=type(device))
    listing = actions.add_parser("list", parents=[common],
                                 help="lister les ordinateurs connus (nom, empreinte, dernier "
                                      "paquet, état)")
    listing.set_defaults(run=_cmd_device_list)
    revoking = actions.add_parser("revoke", parents=[common],
                                  help="révoquer un ordinateur : ses paquets seront refusés")
    revoking.add_argument("device", metavar="ORDINATEUR",
                          help="nom de l'ordinateur, début de son identifiant ou empreinte")
    revoking.add_argument("--yes", action="store_true", help="ne pas demander de confirmation")
    revoking.set_defaults(run=_cmd_device_revoke)
    conflicts = commands.add_parser("conflicts", parents=[common],
                                    help="lister les conflits de fusion, ou en trancher un")
    conflicts.add_argument("--keep", nargs=2, metavar=("ID", "VERSION"),
                           type=str, help="garder la version VERSION (1, 2…) du conflit ID")
    conflicts.set_defaults(run=_cmd_conflicts)
