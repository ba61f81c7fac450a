"""``sps-desk``: the application's jobs without a screen, and the window with no argument.

Exit status: 0 on success, 2 on a usage error (argparse), 1 on any other error with a
single French line on stderr and no traceback. The passphrase comes from
``--passphrase-file``, else the environment variable ``SPS_DESK_PASSPHRASE``, else a
prompt that does not echo.
"""

from __future__ import annotations

import argparse
import errno
import getpass
import os
import re
import sys
import typing
from collections.abc import Callable, Sequence
from pathlib import Path

from pydantic import ValidationError

from sps_desk import __version__
from sps_desk.errors import SpsDeskError
from sps_desk.records import french_errors

if typing.TYPE_CHECKING:  # the store loads only for the commands that open a base
    from sps_desk.store.service_settings import ServiceSettings

PASSPHRASE_ENV = "SPS_DESK_PASSPHRASE"
DEFAULT_SERVICE_NAME = "Service de prévention spécialisée"


class CliError(SpsDeskError):
    """A command-line error with a French message (exit status 1)."""


_ARGPARSE_FR: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"the following arguments are required: (.*)"), r"arguments obligatoires : \1"),
    (re.compile(r"unrecognized arguments: (.*)"), r"arguments non reconnus : \1"),
    (re.compile(r"argument (\S+): invalid choice: (.*?) \(choose from (.*)\)"),
     r"argument \1 : choix invalide \2 (choisir parmi \3)"),
    (re.compile(r"argument (\S+): expected one argument"),
     r"argument \1 : une valeur est attendue"),
    (re.compile(r"argument (\S+): expected (\d+) arguments"),
     r"argument \1 : \2 valeurs sont attendues"),
    (re.compile(r"argument (\S+): invalid (\w+) value: (.*)"),
     r"argument \1 : valeur invalide \3"),
    (re.compile(r"argument (\S+): (.*)"), r"argument \1 : \2"),
]


_OS_REASONS: dict[int, str] = {
    errno.ENOENT: "fichier ou dossier introuvable",
    errno.ENOTDIR: "un élément du chemin n'est pas un dossier",
    errno.EISDIR: "c'est un dossier, pas un fichier",
    errno.EEXIST: "un fichier de ce nom existe déjà",
    errno.EACCES: "permission refusée",
    errno.EPERM: "opération non permise",
    errno.EROFS: "le support est en lecture seule",
    errno.ENOSPC: "le disque est plein",
    errno.EBUSY: "le fichier est utilisé par une autre application",
}
"""French reasons for the operating-system errors a user can meet (errno → text)."""


_SQLITE_REASONS: dict[str, str] = {
    "SQLITE_BUSY": "la base est utilisée par une autre application (écriture en cours) : "
    "réessayez dans un instant. Rien n'a été modifié.",
    "SQLITE_LOCKED": "la base est verrouillée par une autre opération : réessayez dans un "
    "instant. Rien n'a été modifié.",
    "SQLITE_FULL": "le disque est plein : libérez de la place et recommencez. L'opération "
    "a été annulée, la base est intacte.",
    "SQLITE_CANTOPEN": "impossible d'ouvrir la base en écriture (support en lecture seule "
    "ou droits insuffisants) : copiez-la dans un dossier où vous pouvez écrire.",
    "SQLITE_READONLY": "la base est en lecture seule (support ou droits) : copiez-la dans "
    "un dossier où vous pouvez écrire.",
    "SQLITE_IOERR": "erreur de lecture ou d'écriture du disque : vérifiez le support, puis "
    "restaurez une sauvegarde si l'erreur revient.",
}
"""French messages for the SQLite errors a user can meet (by SQLite's error name)."""


class _FrenchUsageFormatter(argparse.HelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None) -> None:  # noqa: ANN001
        super().add_usage(usage, actions, groups, "utilisation : " if prefix is None else prefix)


class FrenchArgumentParser(argparse.ArgumentParser):
    """``argparse`` with its usage errors in French (exit status 2, as argparse)."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        kwargs.setdefault("formatter_class", _FrenchUsageFormatter)
        wants_help = kwargs.pop("add_help", True)
        super().__init__(*args, add_help=False, **kwargs)  # type: ignore[arg-type]
        self._positionals.title = "arguments"
        self._optionals.title = "options"
        if wants_help:
            self.add_argument(
                "-h", "--help", action="help", help="afficher cette aide et quitter"
            )

    def error(self, message: str) -> typing.NoReturn:
        """Print the usage and the French translation of ``message``, exit with 2."""
        for pattern, french in _ARGPARSE_FR:
            if pattern.fullmatch(message):
                message = pattern.sub(french, message)
                break
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog} : erreur : {message}\n")


def _year(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"année invalide : « {text} »") from None
    if not 2000 <= value <= 2100:
        raise argparse.ArgumentTypeError(f"année hors limites (2000 à 2100) : {value}")
    return value


def read_passphrase(passphrase_file: Path | None, *, confirm: bool = False) -> str:
    """The passphrase from the file, else ``$SPS_DESK_PASSPHRASE``, else a silent prompt.

    A file's single trailing newline is dropped (editors add one); other white space is
    kept. ``confirm`` asks twice at the prompt (creation).

    Raises:
        CliError: the file cannot be read, or no terminal is available to ask.
    """
    if passphrase_file is not None:
        try:
            # utf-8-sig: Windows Notepad starts UTF-8 files with a byte-order mark.
            text = passphrase_file.read_text(encoding="utf-8-sig")
        except UnicodeDecodeError:
            raise CliError(
                f"Le fichier de phrase de passe {passphrase_file} n'est pas en UTF-8 : "
                "enregistrez-le en UTF-8 et recommencez."
            ) from None
        except OSError as error:
            reason = _OS_REASONS.get(error.errno or 0, "lecture impossible")
            raise CliError(
                f"Impossible de lire le fichier de phrase de passe {passphrase_file} : "
                f"{reason}."
            ) from None
        return text.removesuffix("\n").removesuffix("\r")
    from_env = os.environ.get(PASSPHRASE_ENV)
    if from_env:
        return from_env
    if not sys.stdin.isatty():
        raise CliError(
            "Aucune phrase de passe : utilisez --passphrase-file FICHIER ou la variable "
            f"d'environnement {PASSPHRASE_ENV}."
        )
    first = getpass.getpass("Phrase de passe : ")
    if confirm and getpass.getpass("Confirmez la phrase de passe : ") != first:
        raise CliError("Les deux phrases de passe diffèrent : rien n'a été créé.")
    return first


def _cmd_demo(args: argparse.Namespace) -> int:
    from sps_desk.store.database import Database
    from sps_desk.store.demo import build_demo_year

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


def _cmd_report(args: argparse.Namespace) -> int:
    from sps_desk.reports.annual import write_annual_report
    from sps_desk.store.database import Database

    passphrase = read_passphrase(args.passphrase_file)
    with Database.open(args.db, passphrase) as database:
        files = write_annual_report(database, args.year, args.out)
    print(f"Rapport écrit : {files.pdf}")
    print(f"Statistiques écrites : {files.json}")
    print(f"Classeur écrit : {files.xlsx}")
    print(f"Fichiers CSV écrits : {len(files.csv)} dans {args.out}")
    return 0


# ---------------------------------------------------------------- security (issue 6)


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
    passphrase = require_strong(read_passphrase(args.passphrase_file, confirm=True))
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


# ---------------------------------------------------------------- team merge (issue 7)


_PNG = b"\x89PNG\r\n\x1a\n"


def _check_output(out: Path, db: Path, *, same_kind: Callable[[bytes], bool]) -> None:
    """Refuse an output path that would destroy something: the base or its companion
    files, a folder, or an existing file that is not an earlier file of the same kind."""
    from sps_desk.store.database import base_files

    if out.resolve() in base_files(db):
        raise CliError(f"{out} est la base elle-même ou l'un de ses fichiers : choisissez "
                       "un autre nom. Rien n'a été écrit.")
    if out.is_dir():
        raise CliError(f"{out} est un dossier : donnez un nom de fichier dans ce dossier. "
                       "Rien n'a été écrit.")
    if not out.parent.is_dir():
        raise CliError(f"Le dossier {out.parent} n'existe pas : créez-le ou choisissez-en un "
                       "autre. Rien n'a été écrit.")
    if out.exists():
        with out.open("rb") as handle:
            start = handle.read(64)
        if not same_kind(start):
            raise CliError(f"{out} existe déjà et n'est pas un fichier de ce type : "
                           "choisissez un autre nom. Rien n'a été écrasé.")


def _is_key_file(start: bytes) -> bool:
    return start.lstrip(b"\xef\xbb\xbf").startswith(b'{"format":"sps_desk.cle_chef"')


def _cmd_key(args: argparse.Namespace) -> int:
    from sps_desk.qr import qr_png
    from sps_desk.reports.files import write_atomically
    from sps_desk.store.database import Database
    from sps_desk.store.sync.identity import chief_keys, key_file_text, own_keys

    _check_output(args.out, args.db, same_kind=_is_key_file)
    if args.qr is not None:
        _check_output(args.qr, args.db, same_kind=lambda start: start.startswith(_PNG))
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
    from sps_desk.store.sync.transfer import make_bundle

    _check_output(args.out, args.db, same_kind=lambda start: start.startswith(MAGIC))
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
    print(f"Paquet écrit : {args.out} — {written.records} enregistrement(s), chiffré pour "
          f"« {written.recipient} » seulement.")
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
    from sps_desk.store.sync.bundle import MAX_BUNDLE_BYTES

    if not path.is_file():
        reason = "c'est un dossier" if path.is_dir() else (
            "fichier introuvable" if not path.exists() else "ce n'est pas un fichier ordinaire")
        raise CliError(f"Paquet {path} illisible : {reason}. Rien n'a été modifié.")
    if path.stat().st_size > MAX_BUNDLE_BYTES:
        raise CliError(f"Paquet {path.name} refusé : il est bien trop gros pour un paquet "
                       "sps_desk. Vérifiez le fichier choisi. Rien n'a été modifié.")
    return path.name, path.read_bytes()


def _cmd_merge(args: argparse.Namespace) -> int:
    from sps_desk.records import KIND_LABELS
    from sps_desk.store.database import Database
    from sps_desk.store.sync.transfer import merge_bundles

    files = [_read_bundle_file(path) for path in args.files]
    # Audit the unlock only if the merge writes: a refused or simulated merge must leave
    # the file byte-for-byte unchanged.
    with Database.open(args.db, read_passphrase(args.passphrase_file),
                       defer_unlock_audit=True) as database:
        plan = merge_bundles(database, files, dry_run=args.dry_run)
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


def _add_team_commands(
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
    merge.set_defaults(run=_cmd_merge)
    conflicts = commands.add_parser("conflicts", parents=[common],
                                    help="lister les conflits de fusion, ou en trancher un")
    conflicts.add_argument("--keep", nargs=2, metavar=("ID", "VERSION"),
                           type=str, help="garder la version VERSION (1, 2…) du conflit ID")
    conflicts.set_defaults(run=_cmd_conflicts)


def _cmd_passwd(args: argparse.Namespace) -> int:
    from sps_desk.store.access import change_passphrase

    passphrase = read_passphrase(args.passphrase_file)
    change_passphrase(args.db, passphrase, read_passphrase(args.new_passphrase_file))
    print("Phrase de passe changée : l'ancienne n'ouvre plus la base.")
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


def _cmd_audit(args: argparse.Namespace) -> int:
    from sps_desk.store import audit
    from sps_desk.store.database import Database

    with Database.open(args.db, read_passphrase(args.passphrase_file)) as database:
        problems = audit.verify(database.connection)
        if not args.verify:
            for entry in audit.entries(database.connection):
                label = audit.ACTIONS.get(entry.action, entry.action)
                print(f"{entry.seq}\t{entry.at}\t{entry.user_id or '-'}\t{label}\t"
                      f"{entry.record_id or '-'}\t{entry.detail}")
    if problems:
        print("sps-desk : journal d'audit altéré : " + " ; ".join(problems) + ".",
              file=sys.stderr)
        return 1
    print("Journal d'audit intact.")
    return 0


def _cmd_user(args: argparse.Namespace) -> int:
    from sps_desk.store import access, users
    from sps_desk.store.database import Database

    with Database.open(args.db, read_passphrase(args.passphrase_file)) as database:
        if args.action == "list":
            from sps_desk.store.sync.identity import chief_keys

            # On an educator's laptop the first user is its owner, not a chief of service.
            laptop = chief_keys(database) is not None
            for user in users.active(database.connection):
                role = users.role_label(user.role, on_laptop=laptop)
                print(f"{user.display_name}\t{role}")
            return 0
        if args.name is None:
            raise CliError("Indiquez --name NOM.")
        if args.action == "add":
            if args.new_passphrase_file is None:
                raise CliError("Indiquez --new-passphrase-file FICHIER pour le nouvel utilisateur.")
            access.add_user(database, args.name, args.role,
                            read_passphrase(args.new_passphrase_file))
            print(f"Utilisateur ajouté : {args.name.strip()}")
        else:
            access.remove_user(database, users.by_name(database.connection, args.name).id)
            print(f"Utilisateur retiré : {args.name.strip()}")
    return 0


def _add_security_commands(
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
    audit.set_defaults(run=_cmd_audit)

    user = commands.add_parser("user", parents=[common],
                               help="lister, ajouter ou retirer des utilisateurs (chef)")
    user.add_argument("action", choices=["list", "add", "remove"])
    user.add_argument("--name", metavar="NOM", help="nom affiché")
    user.add_argument("--role", choices=["educator", "chief"], default="educator")
    user.add_argument("--new-passphrase-file", type=Path, metavar="FICHIER",
                      help="phrase de passe du nouvel utilisateur")
    user.set_defaults(run=_cmd_user)


# ---------------------------------------------------------------- Département file (issue 5)


def _cmd_schema(_args: argparse.Namespace) -> int:
    from sps_desk.reports.statistics_file import schema_text

    sys.stdout.write(schema_text())
    return 0


def _cmd_export(args: argparse.Namespace) -> int:
    from sps_desk.reports.export import export_year
    from sps_desk.store.database import Database

    if args.out.suffix.lower() != ".json":
        raise CliError(f"Le fichier de sortie doit se terminer par .json : {args.out}")
    passphrase = read_passphrase(args.passphrase_file)
    with Database.open(args.db, passphrase) as database:
        files = export_year(database, args.year, args.out)
    print(f"Fichier statistique écrit : {files.json}")
    print(f"Classeur écrit : {files.xlsx}")
    return 0


def _cmd_consolidate(args: argparse.Namespace) -> int:
    from sps_desk.reports.consolidation import consolidate_files

    files = consolidate_files(args.files, args.out)
    print(f"Consolidation écrite : {files.pdf}")
    print(f"Classeur écrit : {files.xlsx}")
    return 0


def _cmd_departement(_args: argparse.Namespace) -> int:
    from sps_desk.ui.department_app import run_department

    return run_department([sys.argv[0]])


def _add_statistics_commands(
    commands: argparse._SubParsersAction, common: argparse.ArgumentParser
) -> None:
    """The Département's statistics file: schema, export and consolidation (issue 5)."""
    schema = commands.add_parser(
        "schema", help="afficher le schéma JSON du fichier statistique (version 1)")
    schema.set_defaults(run=_cmd_schema)

    export = commands.add_parser(
        "export", parents=[common],
        help="fichier statistique anonymisé pour le Département (JSON et XLSX)")
    export.add_argument("--year", type=_year, required=True, help="année civile, ex. 2025")
    export.add_argument("--out", type=Path, required=True,
                        help="fichier JSON à écrire (le classeur .xlsx est écrit à côté)")
    export.set_defaults(run=_cmd_export)

    consolidate = commands.add_parser(
        "consolidate", help="consolider les fichiers statistiques des services (Département)")
    consolidate.add_argument("files", nargs="+", type=Path, metavar="FICHIER.json",
                             help="fichiers statistiques des services, une même année")
    consolidate.add_argument("--out", type=Path, required=True,
                             help="dossier où écrire le PDF et le classeur XLSX")
    consolidate.set_defaults(run=_cmd_consolidate)

    departement = commands.add_parser(
        "departement", help="ouvrir la fenêtre du Département (consolidation, sans base)")
    departement.set_defaults(run=_cmd_departement)


def _cmd_rights_export(args: argparse.Namespace) -> int:
    from sps_desk.reports.privacy_documents import write_rights_export
    from sps_desk.store import rights
    from sps_desk.store.database import Database

    with Database.open(args.db, read_passphrase(args.passphrase_file)) as database:
        database.require_chief("export des droits d'accès")
        person = rights.find(database, args.young)
        files = write_rights_export(rights.full_record(database, person), args.out)
        database.audit("rights_export", record_id=person.id, detail="PDF et JSON")
    print(f"Export écrit : {files.pdf}")
    print(f"Export écrit : {files.json}")
    return 0


def _cmd_erase(args: argparse.Namespace) -> int:
    from sps_desk.store import rights
    from sps_desk.store.database import Database

    with Database.open(args.db, read_passphrase(args.passphrase_file)) as database:
        database.require_chief("effacement d'un jeune")
        erased = rights.erase(database, rights.find(database, args.young))
    print(f"Jeune effacé : {erased.supports} accompagnement(s), {erased.interventions} "
          f"intervention(s), {erased.concern_reports} information(s) préoccupante(s) "
          "supprimés ; l'identité et le code ont disparu de la base.")
    return 0


def _cmd_purge(args: argparse.Namespace) -> int:
    from datetime import date

    from sps_desk.reports.privacy_documents import Destruction, write_destruction_certificate
    from sps_desk.store import retention
    from sps_desk.store.database import Database

    with Database.open(args.db, read_passphrase(args.passphrase_file)) as database:
        database.require_chief("purge des données échues")
        years = retention.retention_years(database)
        if args.dry_run:
            due = retention.due(database, date.today())
            print(f"{len(due)} jeune(s) sans activité depuis plus de {years} an(s) :")
            for item in due:
                print(f"{item.code}\tdernière activité le {item.last_activity:%d/%m/%Y}")
            print("Simulation : rien n'a été modifié.")
            return 0
        result = retention.purge(database, date.today())
        if result.anonymised == 0:
            print("Aucun jeune à anonymiser : rien n'a été modifié.")
            return 0
        operator = database.current_user.display_name if database.current_user else "-"
        out = args.out or args.db.parent
        certificate = write_destruction_certificate(
            out / f"certificat-destruction-{result.at:%Y%m%d-%H%M%S}.pdf",
            Destruction(database.service().name, operator, result.at.astimezone(),
                        "purge des données échues (anonymisation)",
                        {"jeunes anonymisés": result.anonymised,
                         "identités détruites": result.identities_deleted},
                        result.hashes_before))
    print(f"{result.anonymised} jeune(s) anonymisé(s). Certificat : {certificate}")
    return 0


def _add_rights_commands(
    commands: argparse._SubParsersAction, common: argparse.ArgumentParser
) -> None:
    """Rights of access, erasure and retention purge (issue 6)."""
    export = commands.add_parser("rights-export", parents=[common],
                                 help="données d'un jeune en PDF et JSON (droit d'accès)")
    export.add_argument("--young", required=True, metavar="CODE", help="code du jeune")
    export.add_argument("--out", type=Path, required=True, metavar="DOSSIER",
                        help="dossier de sortie")
    export.set_defaults(run=_cmd_rights_export)

    erase = commands.add_parser("erase", parents=[common],
                                help="effacer toutes les données d'un jeune (droit à l'effacement)")
    erase.add_argument("--young", required=True, metavar="CODE", help="code du jeune")
    erase.set_defaults(run=_cmd_erase)

    purge = commands.add_parser("purge", parents=[common],
                                help="anonymiser les jeunes dont la conservation est échue")
    purge.add_argument("--dry-run", action="store_true", help="lister sans rien modifier")
    purge.add_argument("--out", type=Path, metavar="DOSSIER",
                       help="dossier du certificat de destruction (défaut : celui de la base)")
    purge.set_defaults(run=_cmd_purge)


# ---------------------------------------------------------------- service settings


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


def _add_service_command(
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


# ---------------------------------------------------------------- spreadsheet import (issue 7)


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


def _add_import_command(
    commands: argparse._SubParsersAction, common: argparse.ArgumentParser
) -> None:
    """``import``: a CSV or XLSX spreadsheet, previewed, then imported all or nothing."""
    command = commands.add_parser(
        "import", parents=[common],
        help="importer un tableur CSV ou XLSX (temps, actions, jeunes, accompagnements)")
    command.add_argument(
        "--kind", required=True, choices=("time", "actions", "young", "supports"),
        help="contenu du fichier : time (temps), actions (actions collectives), young "
             "(jeunes), supports (accompagnements)")
    command.add_argument(
        "--map", action="append", default=[], metavar="\"COLONNE=CHAMP\"",
        help="associer une colonne du fichier à un champ (répétable) ; « COLONNE= » ignore "
             "la colonne")
    command.add_argument("file", type=Path, metavar="FICHIER", help="fichier .csv ou .xlsx")
    command.set_defaults(run=_cmd_import)


# ---------------------------------------------------------------- screenshots (issue 3)


def _cmd_screenshot(args: argparse.Namespace) -> int:
    from sps_desk.store.database import Database
    from sps_desk.ui.screenshot import render_page

    passphrase = read_passphrase(args.passphrase_file)
    with Database.open(args.db, passphrase) as database:
        out = render_page(database, args.page, args.out)
    print(f"Capture écrite : {out}")
    return 0


def _add_screenshot_command(
    commands: argparse._SubParsersAction, common: argparse.ArgumentParser
) -> None:
    """``screenshot``: one page of the window rendered offscreen to a PNG (issue 3)."""
    screenshot = commands.add_parser(
        "screenshot", parents=[common], help="capture d'une page de la fenêtre (PNG)"
    )
    screenshot.add_argument(
        "--page",
        required=True,
        choices=("terrain", "jeunes", "accompagnements", "actions", "temps", "rapport"),
        help="page à capturer",
    )
    screenshot.add_argument(
        "--out", type=Path, required=True, metavar="FICHIER", help="image PNG à écrire"
    )
    screenshot.set_defaults(run=_cmd_screenshot)


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

    init = commands.add_parser("init", parents=[common], help="créer une base vide")
    init.add_argument(
        "--service-name", default=DEFAULT_SERVICE_NAME, metavar="NOM", help="nom du service"
    )
    init.add_argument("--managing-body", default="", metavar="NOM",
                      help="structure gestionnaire (association) du service")
    init.add_argument("--linked-mds", default="", metavar="NOM", help="MDS de rattachement")

    demo = commands.add_parser(
        "demo", parents=[common], help="écrire une année de démonstration réaliste"
    )
    demo.add_argument(
        "--year", type=_year, required=True, metavar="ANNÉE", help="année civile, ex. 2025"
    )
    demo.add_argument(
        "--seed", type=int, default=1, metavar="N", help="graine (même graine, même contenu)"
    )
    demo.set_defaults(run=_cmd_demo)

    report = commands.add_parser(
        "report", parents=[common], help="rapport d'activité PDF, statistiques JSON, XLSX et CSV"
    )
    report.add_argument(
        "--year", type=_year, required=True, metavar="ANNÉE", help="année civile, ex. 2025"
    )
    report.add_argument(
        "--out", type=Path, required=True, metavar="DOSSIER", help="dossier de sortie"
    )
    report.set_defaults(run=_cmd_report)
    _add_security_commands(commands, common)
    _add_rights_commands(commands, common)
    _add_statistics_commands(commands, common)
    _add_screenshot_command(commands, common)
    _add_import_command(commands, common)
    _add_team_commands(commands, common)
    _add_service_command(commands, common)
    return parser


def _run(job: Callable[[], int]) -> int:
    try:
        return job()
    except SpsDeskError as error:
        message = str(error)
    except ValidationError as error:
        message = "Données invalides : " + " ; ".join(french_errors(error))
    except OSError as error:
        where = f" {error.filename}" if error.filename else ""
        reason = _OS_REASONS.get(error.errno or 0, "opération refusée par le système")
        message = f"Impossible d'accéder à{where} : {reason}."
    except KeyboardInterrupt:
        message = "Interrompu : rien n'a été modifié par l'opération en cours."
    except Exception as error:  # the promise is one French line, never a traceback
        message = _SQLITE_REASONS.get(
            getattr(error, "sqlite_errorname", ""),
            f"Erreur inattendue ({type(error).__name__}) : l'opération n'a pas abouti. "
            "Réessayez, et signalez-la si elle se reproduit.",
        )
    print(f"sps-desk : {message}", file=sys.stderr)
    return 1


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``sps-desk`` with ``argv`` (default ``sys.argv[1:]``); returns the exit status."""
    arguments = list(sys.argv[1:] if argv is None else argv)
    if not arguments:
        from sps_desk.ui.app import run

        return run([sys.argv[0]])
    args = build_parser().parse_args(arguments)
    if args.command is None:
        build_parser().print_usage(sys.stderr)
        return 2
    return _run(lambda: args.run(args))
