"""Creation, key slots, recovery, users and the audit log (issue 6)."""

from __future__ import annotations

import argparse
import os
import sys
import typing
from pathlib import Path

if typing.TYPE_CHECKING:  # the store loads only for the commands that open a base
    from sps_desk.store.audit import Witness
    from sps_desk.store.database import Database
    from sps_desk.store.service_settings import ServiceSettings

from sps_desk.cli.common import (
    DEFAULT_SERVICE_NAME,
    CliError,
    read_passphrase,
)


def _write_secret_file(path: Path, text: str) -> None:
    """Write a secret (recovery key) readable by its owner only; never overwrite a file."""
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
        handle.write(text + "\n")


def _check_secret_destination(path: Path | None) -> None:
    if path is None:
        return
    if path.exists():
        raise CliError(f"{path} existe déjà : choisissez un autre fichier, rien n'a été écrit.")
    if not path.parent.is_dir():
        raise CliError(f"Le dossier {path.parent} n'existe pas : rien n'a été créé.")


def _give_recovery_key(recovery_key: str, out: Path | None) -> None:
    if out is None:
        print("Clé de secours (notez-la ou imprimez-la maintenant, elle ne sera plus "
              f"affichée, et rangez-la sous clé) : {recovery_key}")
    else:
        _write_secret_file(out, recovery_key)
        print(f"Clé de secours écrite dans {out} : imprimez-la, rangez-la sous clé, "
              "puis supprimez ce fichier.")


def _initial_settings(args: argparse.Namespace) -> ServiceSettings | None:
    """The service settings ``init`` is asked to set beyond the name, checked before
    anything is created (``None``: nothing to set)."""
    from sps_desk.store import service_settings

    if not (args.managing_body or args.linked_mds):
        return None
    if args.join is not None:
        raise CliError("--managing-body et --linked-mds ne vont pas avec --join : les "
                       "réglages d'une base rattachée viennent de la base du chef de "
                       "service. Rien n'a été créé.")
    wanted = service_settings.ServiceSettings(
        name=args.service_name, managing_body=args.managing_body, linked_mds=args.linked_mds)
    problems = service_settings.problems(wanted)
    if problems:
        raise CliError(" ".join(problems) + " Rien n'a été créé.")
    return wanted


def _cmd_init_secure(args: argparse.Namespace) -> int:
    from sps_desk.passphrases import require_strong
    from sps_desk.store.database import Database

    _check_secret_destination(args.recovery_key_out)
    wanted = _initial_settings(args)
    key_text = None
    if args.join is not None:
        from sps_desk.store.sync.identity import key_text_from_file

        key_text = key_text_from_file(args.join)  # refused before anything is created
    own_words = [args.service_name, args.managing_body, args.linked_mds, args.chief_name]
    passphrase = require_strong(read_passphrase(args.passphrase_file, confirm=True), own_words)
    with Database.create(args.db, passphrase, args.service_name,
                         chief_name=args.chief_name) as database:
        assert database.recovery_key is not None
        _give_recovery_key(database.recovery_key, args.recovery_key_out)
        database.recovery_key = None
        if wanted is not None:
            from sps_desk.store import service_settings

            service_settings.save(database, wanted)
        if key_text is not None:
            from sps_desk.store.sync.identity import join

            chief = join(database, key_text, args.join.name)
            print(f"Base rattachée au service « {database.service().name} ». Empreinte de la "
                  f"clé du chef : {chief.fingerprint} — vérifiez qu'elle est identique sur "
                  "l'écran du chef de service.")
    print(f"Base créée : {args.db}")
    return 0



def _cmd_passwd(args: argparse.Namespace) -> int:
    from sps_desk.store.access import change_passphrase
    from sps_desk.store.database import Database
    from sps_desk.store.revocation import rotate_database_key
    from sps_desk.store.service_words import service_words
    from sps_desk.store.slots import header_path

    passphrase = read_passphrase(args.passphrase_file)
    new_passphrase = read_passphrase(args.new_passphrase_file)
    # Opened for the service's words only: nothing is written to the base.
    with Database.open(args.db, passphrase, defer_unlock_audit=True) as database:
        words = service_words(database)
    change_passphrase(args.db, passphrase, new_passphrase, context=words)
    keys = header_path(args.db).name
    print(f"Phrase de passe changée dans le fichier des clés {keys} : avec ce fichier, "
          "seule la nouvelle phrase ouvre la base.")
    if args.rekey:
        rotate_database_key(args.db, new_passphrase)
        print("Clé de la base changée : aucune ancienne copie du fichier des clés n'ouvre "
              "plus la base.")
    else:
        print(f"Attention : une ancienne copie de {keys} (sauvegarde, clé USB) s'ouvre encore "
              "avec l'ancienne phrase de passe, jusqu'au prochain changement de la clé de la "
              "base. Si l'ancienne phrase a pu être connue de quelqu'un, le chef de service "
              "change la clé : « sps-desk rekey » (ou « sps-desk passwd --rekey »).")
    return 0


def _cmd_recover(args: argparse.Namespace) -> int:
    from sps_desk.store.access import recover

    recovery_key = read_passphrase(args.recovery_key_file)
    user = recover(args.db, recovery_key, read_passphrase(args.new_passphrase_file), args.user)
    print(f"Nouvelle phrase de passe enregistrée pour {user.display_name}.")
    return 0


def _cmd_rekey(args: argparse.Namespace) -> int:
    from sps_desk.store.access import rekey

    _check_secret_destination(args.recovery_key_out)
    passphrase = read_passphrase(args.passphrase_file)
    recovery_key = rekey(args.db, passphrase, new_recovery_key=args.recovery_key_out is not None)
    print("Clé de la base changée : chaque page a été chiffrée à nouveau ; les phrases de "
          "passe restent valables.")
    if recovery_key is not None:
        _give_recovery_key(recovery_key, args.recovery_key_out)
    return 0


def _witness(text: str, database: Database) -> Witness:
    """``--witness``: a 64-hex-digit head, or a statistics file of this service."""
    import re

    from sps_desk.reports.consolidation import load_statistics_file
    from sps_desk.store.audit import Witness
    from sps_desk.store.sync.identity import has_keys, own_keys

    compact = text.strip().lower()
    if re.fullmatch(r"[0-9a-f]{64}", compact):
        return Witness(compact, source="l'empreinte donnée")
    path = Path(text)
    if not path.is_file():
        raise CliError(f"Témoin introuvable : {text} n'est ni un fichier statistique ni une "
                       "empreinte de 64 chiffres hexadécimaux.")
    statistics_file = load_statistics_file(path)  # signature checked against its own key
    signature, head = statistics_file.signature, statistics_file.audit_head
    assert signature is not None
    if head is None:
        raise CliError(f"{path.name} ne porte pas la tête du journal d'audit : il ne peut pas "
                       "servir de témoin.")
    if (statistics_file.service.id != str(database.service().id) or not has_keys(database)
            or signature.sign_key != own_keys(database).sign_key):
        raise CliError(f"{path.name} n'a pas été signé par ce service : il ne peut pas servir "
                       "de témoin pour cette base.")
    return Witness(head.hash, head.seq, source=f"le fichier {path.name}")


def _cmd_audit(args: argparse.Namespace) -> int:
    from sps_desk.store import audit
    from sps_desk.store.database import Database

    with Database.open(args.db, read_passphrase(args.passphrase_file),
                       defer_unlock_audit=True) as database:
        problems = audit.verify(database.connection)
        witnesses = [_witness(text, database) for text in args.witness or ()]
        for witness in witnesses:
            problems += audit.check_witness(database.connection, witness)
        if not args.verify:
            for entry in audit.entries(database.connection):
                label = audit.ACTIONS.get(entry.action, entry.action)
                print(f"{entry.seq}\t{entry.at}\t{entry.user_id or '-'}\t{label}\t"
                      f"{entry.record_id or '-'}\t{entry.detail}")
        seq, head = audit.head_entry(database.connection)
    if problems:
        print("sps-desk : journal d'audit altéré : " + " ; ".join(problems) + ".",
              file=sys.stderr)
        return 1
    attested = f", conforme à {len(witnesses)} témoin(s)" if witnesses else ""
    print(f"Journal d'audit intact{attested} : {seq} entrée(s), tête {head}.")
    return 0


def _cmd_user(args: argparse.Namespace) -> int:
    from sps_desk.store import access, users
    from sps_desk.store.database import Database
    from sps_desk.store.revocation import revoke_access, rotation_due

    passphrase = read_passphrase(args.passphrase_file)
    if args.action != "list" and args.name is None:
        raise CliError("Indiquez --name NOM.")
    if args.action == "remove":
        user = revoke_access(args.db, passphrase, args.name)
        print(f"Accès de {user.display_name} révoqué : utilisateur retiré et clé de la base "
              "changée ; aucune copie, même ancienne, du fichier des clés ne l'ouvre plus "
              "avec sa phrase de passe.")
        return 0
    with Database.open(args.db, passphrase) as database:
        if args.action == "list":
            from sps_desk.store.sync.identity import chief_keys

            # On an educator's laptop the first user is its owner, not a chief of service.
            laptop = chief_keys(database) is not None
            for user in users.active(database.connection):
                role = users.role_label(user.role, on_laptop=laptop)
                print(f"{user.display_name}\t{role}")
            if rotation_due(database):
                print("Attention : un accès a été retiré sans que la clé de la base soit "
                      "changée ; une ancienne copie du fichier des clés l'ouvre encore. "
                      "Lancez « sps-desk rekey ».", file=sys.stderr)
            return 0
        if args.new_passphrase_file is None:
            raise CliError("Indiquez --new-passphrase-file FICHIER pour le nouvel utilisateur.")
        access.add_user(database, args.name, args.role,
                        read_passphrase(args.new_passphrase_file))
        print(f"Utilisateur ajouté : {args.name.strip()}")
    return 0


def add_init_command(
    commands: argparse._SubParsersAction, common: argparse.ArgumentParser
) -> None:
    """``init``: the creation of a base; its security and team options come later."""
    init = commands.add_parser("init", parents=[common], help="créer une base vide")
    init.add_argument(
        "--service-name", default=DEFAULT_SERVICE_NAME, metavar="NOM", help="nom du service"
    )
    init.add_argument("--managing-body", default="", metavar="NOM",
                      help="structure gestionnaire (association) du service")
    init.add_argument("--linked-mds", default="", metavar="NOM", help="MDS de rattachement")



def add_commands(
    commands: argparse._SubParsersAction, common: argparse.ArgumentParser
) -> None:
    """Key slots, recovery, users and audit commands (issue 6)."""
    init = commands.choices["init"]
    init.add_argument("--recovery-key-out", type=Path, metavar="FICHIER",
                      help="fichier où écrire la clé de secours (sinon affichée une fois)")
    init.add_argument("--user-name", "--chief-name", dest="chief_name",
                      default="Chef de service", metavar="NOM",
                      help="votre nom affiché, premier utilisateur de la base : le chef de "
                           "service pour la base du service, l'éducateur ou l'éducatrice "
                           "sur son ordinateur (--join) ; --chief-name, l'ancien nom de "
                           "cette option, reste accepté")
    init.set_defaults(run=_cmd_init_secure)

    passwd = commands.add_parser("passwd", parents=[common],
                                 help="changer sa phrase de passe (la base n'est pas modifiée)")
    passwd.add_argument("--new-passphrase-file", type=Path, required=True, metavar="FICHIER",
                        help="fichier contenant la nouvelle phrase de passe")
    passwd.add_argument("--rekey", action="store_true",
                        help="changer aussi la clé de la base (chef), pour qu'aucune ancienne "
                             "copie du fichier des clés ne s'ouvre plus avec l'ancienne phrase")
    passwd.set_defaults(run=_cmd_passwd)

    recover = commands.add_parser(
        "recover", parents=[common],
        help="nouvelle phrase de passe avec la clé de secours (phrase oubliée)")
    recover.add_argument("--recovery-key-file", type=Path, required=True, metavar="FICHIER",
                         help="fichier contenant la clé de secours")
    recover.add_argument("--new-passphrase-file", type=Path, required=True, metavar="FICHIER",
                         help="fichier contenant la nouvelle phrase de passe")
    recover.add_argument("--user", metavar="NOM",
                         help="nom affiché de l'utilisateur (défaut : le chef)")
    recover.set_defaults(run=_cmd_recover)

    rekey = commands.add_parser("rekey", parents=[common],
                                help="changer la clé de chiffrement de la base (chef)")
    rekey.add_argument("--recovery-key-out", type=Path, metavar="FICHIER",
                       help="remplacer aussi la clé de secours et l'écrire dans ce fichier")
    rekey.set_defaults(run=_cmd_rekey)

    audit = commands.add_parser("audit", parents=[common],
                                help="afficher ou vérifier le journal d'audit")
    audit.add_argument("--verify", action="store_true",
                       help="vérifier seulement le chaînage (état 1 si altéré)")
    audit.add_argument(
        "--witness", action="append", metavar="FICHIER|EMPREINTE",
        help="vérifier aussi que le journal contient cette tête, attestée hors de la base : "
             "un fichier statistique du service (le Département les garde) ou l'empreinte "
             "imprimée sur un rapport (64 chiffres hexadécimaux) ; détecte un journal "
             "réécrit, tronqué ou une copie plus ancienne de la base ; répétable")
    audit.set_defaults(run=_cmd_audit)

    user = commands.add_parser(
        "user", parents=[common],
        help="lister, ajouter des utilisateurs, ou retirer un utilisateur en révoquant son "
             "accès (la clé de la base est changée) (chef)")
    user.add_argument("action", choices=["list", "add", "remove"])
    user.add_argument("--name", metavar="NOM", help="nom affiché")
    user.add_argument("--role", choices=["educator", "chief"], default="educator")
    user.add_argument("--new-passphrase-file", type=Path, metavar="FICHIER",
                      help="phrase de passe du nouvel utilisateur")
    user.set_defaults(run=_cmd_user)

