"""What every ``sps-desk`` command shares: French argparse, the passphrase, the year
argument and output-path checks."""

from __future__ import annotations

import argparse
import difflib
import getpass
import os
import re
import sys
import typing
from collections.abc import Callable
from datetime import date
from pathlib import Path

from sps_desk.errors import SpsDeskError, os_reason
from sps_desk.inputs import count_text, read_input

if typing.TYPE_CHECKING:
    from sps_desk.store.database import Database

PASSPHRASE_ENV = "SPS_DESK_PASSPHRASE"
MAX_PASSPHRASE_CHARACTERS = 1024
"""Longest passphrase or recovery key accepted from a file, the environment or the
prompt: a generated passphrase has about 60 characters, a recovery key 59."""
MAX_PASSPHRASE_FILE_BYTES = 4 * MAX_PASSPHRASE_CHARACTERS + 8
"""Largest passphrase file read (UTF-8 takes up to 4 bytes a character, plus a BOM and
the end of line)."""
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

    def _get_value(self, action: argparse.Action, arg_string: str) -> object:
        # Every path option of every command: an empty path would become « . » (the
        # current folder) and end in a message naming no file at all.
        if action.type is Path and not arg_string.strip():
            raise argparse.ArgumentError(
                action, "chemin vide : indiquez un nom de fichier ou de dossier")
        return super()._get_value(action, arg_string)

    def _check_value(self, action: argparse.Action, value: object) -> None:
        """Refuse a value outside ``action.choices`` in French, suggesting the nearest
        choice when there is one (a mistyped command: « reprot » → « report »)."""
        if action.choices is None or value in action.choices:
            return
        choices = [str(choice) for choice in action.choices]
        close = difflib.get_close_matches(str(value), choices, n=1, cutoff=0.6)
        message = f"choix invalide « {value} »"
        if close:
            message += f" : vouliez-vous dire « {close[0]} » ?"
        else:
            message += f" (choisir parmi {', '.join(choices)})"
        raise argparse.ArgumentError(action, message)

    def error(self, message: str) -> typing.NoReturn:
        """Print the usage and the French translation of ``message``, exit with 2."""
        for pattern, french in _ARGPARSE_FR:
            if pattern.fullmatch(message):
                message = pattern.sub(french, message)
                break
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog} : erreur : {message}\n")


def year_argument(text: str) -> int:
    """A civil year between 2000 and 2100 (argparse ``type=``).

    Raises:
        argparse.ArgumentTypeError: not a number, or out of range (French message).
    """
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"année invalide : « {text} »") from None
    if not 2000 <= value <= 2100:
        raise argparse.ArgumentTypeError(f"année hors limites (2000 à 2100) : {value}")
    return value


def folder_argument(text: str) -> Path:
    """A folder to write into (argparse ``type=``): it may not exist yet (it is created),
    but neither it nor a folder above it may be a file.

    Raises:
        argparse.ArgumentTypeError: the path, or a part of it, is a file (French).
    """
    path = Path(text)
    if path.exists() and not path.is_dir():
        raise argparse.ArgumentTypeError(
            f"{text} est un fichier, pas un dossier : donnez le dossier où écrire (il est "
            "créé s'il n'existe pas)")
    for parent in path.parents:
        if parent.exists():
            if not parent.is_dir():
                raise argparse.ArgumentTypeError(
                    f"{parent} est un fichier, pas un dossier : le dossier {text} ne peut "
                    "pas être créé dedans")
            break
    return path


def require_year_with_data(database: Database, year: int, *, force: bool, what: str) -> None:
    """Refuse to write ``what`` (« le rapport », « le fichier statistique ») for a year
    in which nothing was recorded, unless ``force`` (``--force``); with ``force``, warn on
    standard error and go on.

    Raises:
        CliError: the year has no data and ``force`` is false (nothing written).
    """
    from sps_desk.store.year_activity import has_activity

    if has_activity(database, year):
        return
    fact = (f"L'année {year} n'a aucune donnée dans cette base (aucune sortie, aucune heure, "
            "aucune intervention, aucune séance d'action collective, aucun accompagnement "
            f"commencé ou terminé) : {what} ne contiendrait que des zéros, hormis les "
            "accompagnements restés ouverts depuis une année antérieure")
    if not force:
        raise CliError(f"{fact}. Vérifiez l'année, ou relancez avec --force pour l'écrire "
                       "quand même. Rien n'a été écrit.")
    print(f"Attention : {fact}.", file=sys.stderr)


def warn_year_not_over(year: int, what: str, today: date | None = None) -> None:
    """Say on standard error that ``year`` is not over at ``today`` (the local calendar
    date; default: today): ``what`` (« le rapport ») counts only what is recorded so far,
    as the Rapport page says beside the year."""
    today = today or date.today()
    if year < today.year:
        return
    state = "n'est pas terminée" if year == today.year else "n'a pas commencé"
    print(f"Attention : l'année {year} {state} (nous sommes le {today:%d/%m/%Y}) : {what} "
          "ne compte que l'activité saisie jusqu'à aujourd'hui.", file=sys.stderr)


def read_passphrase(passphrase_file: Path | None, *, confirm: bool = False) -> str:
    """The passphrase from the file, else ``$SPS_DESK_PASSPHRASE``, else a silent prompt.

    A file's single trailing newline is dropped (editors add one); other white space is
    kept. ``confirm`` asks twice at the prompt (creation).

    Raises:
        InputRefused: the file is a folder, a pipe or a device, or larger than
            :data:`MAX_PASSPHRASE_FILE_BYTES`.
        CliError: the file cannot be read, the passphrase is longer than
            :data:`MAX_PASSPHRASE_CHARACTERS`, or no terminal is available to ask.
    """
    if passphrase_file is not None:
        try:
            # utf-8-sig: Windows Notepad starts UTF-8 files with a byte-order mark.
            text = read_input(passphrase_file, limit=MAX_PASSPHRASE_FILE_BYTES,
                              what="fichier de phrase de passe").decode("utf-8-sig")
        except UnicodeDecodeError:
            raise CliError(
                f"Le fichier de phrase de passe {passphrase_file} n'est pas en UTF-8 : "
                "enregistrez-le en UTF-8 et recommencez."
            ) from None
        except OSError as error:
            reason = os_reason(error.errno)
            raise CliError(
                f"Impossible de lire le fichier de phrase de passe {passphrase_file} : "
                f"{reason}."
            ) from None
        return _bounded(text.removesuffix("\n").removesuffix("\r"), str(passphrase_file))
    from_env = os.environ.get(PASSPHRASE_ENV)
    if from_env:
        return _bounded(from_env, f"${PASSPHRASE_ENV}")
    if not sys.stdin.isatty():
        raise CliError(
            "Aucune phrase de passe : utilisez --passphrase-file FICHIER ou la variable "
            f"d'environnement {PASSPHRASE_ENV}."
        )
    first = _bounded(_typed("Phrase de passe : "), "la saisie")
    if confirm and _typed("Confirmez la phrase de passe : ") != first:
        raise CliError("Les deux phrases de passe diffèrent : rien n'a été créé.")
    return first


def _typed(prompt: str) -> str:
    """What the user types at ``prompt``, not echoed.

    Raises:
        CliError: the input ended (Ctrl-D) before a line was typed.
    """
    try:
        return getpass.getpass(prompt)
    except KeyboardInterrupt:
        sys.stderr.write("\n")  # the message goes on its own line, not after the prompt
        raise
    except EOFError:
        sys.stderr.write("\n")  # the prompt's line was left open
        raise CliError("Saisie de la phrase de passe abandonnée (fin de saisie) : rien n'a été "
                       "ouvert ni modifié. Relancez la commande et tapez la phrase de passe, "
                       "ou utilisez --passphrase-file FICHIER.") from None


def _bounded(passphrase: str, source: str) -> str:
    if len(passphrase) > MAX_PASSPHRASE_CHARACTERS:
        raise CliError(
            f"La phrase de passe de {source} a {count_text(len(passphrase))} caractères, "
            f"au-delà de la limite de {count_text(MAX_PASSPHRASE_CHARACTERS)} : vérifiez "
            "le fichier choisi (une phrase de passe tient sur une ligne). Rien n'a été "
            "modifié.")
    return passphrase


def confirm(question: str, *, yes: bool, cancelled: str) -> None:
    """Ask ``question`` (French, answered « o » or « n ») before an action that cannot be
    undone; ``yes`` (``--yes``) answers for the user.

    Raises:
        CliError: the user declined (``cancelled`` is the message), or no terminal is
            there to ask and ``--yes`` was not given.
    """
    if yes:
        return
    if not sys.stdin.isatty():
        raise CliError("Pas de terminal pour confirmer : relisez ce qui précède, puis "
                       "relancez la commande avec --yes pour confirmer. Rien n'a été modifié.")
    answer = input(f"{question} [o/N] ").strip().casefold()
    if answer not in ("o", "oui", "y", "yes"):
        raise CliError(cancelled)


PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def check_output(out: Path, db: Path, *, same_kind: Callable[[bytes], bool]) -> None:
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


