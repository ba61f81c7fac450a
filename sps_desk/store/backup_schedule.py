"""Automatic backups: the second location, the daily run, rotation and the reminder.

The chief chooses once a folder on another disk — a USB key, a network folder — kept in
the encrypted base (migration 0009: the same for whoever opens the base, changed by the
chief only, audited) with the computer it was chosen on (a path means nothing
elsewhere). The window then backs up there when it closes and once a day while open
(:func:`automatic_backup_due`, :func:`run_automatic_backup`), and keeps 7 daily, 4
weekly and 12 monthly backups (:func:`kept`), never removing one it did not make.
:func:`backup_status` says when the last backup *off this disk* was made, and reminds
after 7 days: a backup on the base's own disk dies with it.
"""

from __future__ import annotations

import hashlib
import shutil
import socket
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from sps_desk.store.backup import Backup, BackupError, create_backup, list_backups

if TYPE_CHECKING:
    from sps_desk.store.database import Database

REMINDER_AFTER = timedelta(days=7)
"""A reminder shows when no backup was written off the base's disk for this long."""
DAILY = timedelta(days=1)
"""An automatic backup is due when the last one is older than this."""
KEEP_DAILY, KEEP_WEEKLY, KEEP_MONTHLY = 7, 4, 12
_REMOVING = ".suppression-"
"""Prefix of a backup folder being removed by the rotation."""


def machine_tag() -> str:
    """This computer, as a hash of its name (the name itself may be a person's)."""
    return hashlib.sha256(socket.gethostname().encode("utf-8")).hexdigest()[:16]


def set_backup_folder(database: Database, folder: Path | None) -> None:
    """Choose ``folder`` (absolute) for the automatic backups on this computer, or stop
    them (``None``). Chief only; audited.

    Raises:
        ChiefOnly: an educator unlocked the base.
        BackupError: the folder does not exist.
    """
    database.require_chief("choisir le dossier des sauvegardes automatiques")
    with database.transaction() as connection:
        if folder is None:
            connection.execute("DELETE FROM backup_setting")
            database.audit("backup_folder", detail="aucun")
            return
        if not folder.is_dir():
            raise BackupError(f"Le dossier {folder} est introuvable : branchez le support, ou "
                              "choisissez un dossier existant. Rien n'a été changé.")
        connection.execute(
            "INSERT OR REPLACE INTO backup_setting(id, folder, machine, chosen_at) "
            "VALUES (1, ?, ?, ?)",
            (str(folder.absolute()), machine_tag(), datetime.now(UTC).isoformat()))
        database.audit("backup_folder", detail="choisi")


def _setting(database: Database) -> tuple[Path, bool] | None:
    row = database.connection.execute(
        "SELECT folder, machine FROM backup_setting WHERE id = 1").fetchone()
    return None if row is None else (Path(row[0]), row[1] == machine_tag())


def backup_folder(database: Database) -> Path | None:
    """The folder of the automatic backups, if one was chosen on this computer."""
    setting = _setting(database)
    return setting[0] if setting is not None and setting[1] else None


@dataclass(frozen=True)
class BackupStatus:
    """Where the automatic backups go and how recent the backups are (UTC times).

    ``folder``: chosen on this computer (else ``None``); ``chosen_elsewhere``: a folder
    was chosen on another computer; ``overdue``: no backup off the base's disk for
    :data:`REMINDER_AFTER`; ``reminder``: the French sentence to show then, else ``None``.
    """

    folder: Path | None
    chosen_elsewhere: bool
    last_backup: datetime | None
    last_off_disk: datetime | None
    last_automatic: datetime | None
    overdue: bool
    reminder: str | None


def _latest(database: Database, where: str) -> datetime | None:
    row = database.connection.execute(f"SELECT max(at) FROM backup_log WHERE {where}").fetchone()
    return None if row[0] is None else datetime.fromisoformat(row[0])


def backup_status(database: Database, *, now: datetime | None = None) -> BackupStatus:
    """The backup state of ``database`` at ``now`` (default: the current time), for the
    window's reminder and the home page."""
    now = now or datetime.now(UTC)
    setting = _setting(database)
    folder = backup_folder(database)
    last_off_disk = _latest(database, "off_disk = 1")
    overdue = last_off_disk is None or now - last_off_disk > REMINDER_AFTER
    reminder = None
    if overdue:
        where = ("Protection des données › Sauvegardes automatiques… pour choisir une clé "
                 "USB ou un dossier réseau" if folder is None else
                 f"branchez le support de {folder} ou faites-en une (Protection des données "
                 "› Sauvegarder)")
        if last_off_disk is None:
            reminder = f"Aucune sauvegarde hors du disque de la base : {where}."
        else:
            days = (now - last_off_disk).days
            reminder = (f"Dernière sauvegarde hors du disque de la base il y a {days} jours "
                        f"(le {last_off_disk.astimezone():%d/%m/%Y}) : {where}.")
    return BackupStatus(
        folder=folder, chosen_elsewhere=setting is not None and not setting[1],
        last_backup=_latest(database, "1"), last_off_disk=last_off_disk,
        last_automatic=_latest(database, "automatic = 1"), overdue=overdue,
        reminder=reminder)


def automatic_backup_due(database: Database, *, now: datetime | None = None) -> bool:
    """Whether the daily automatic backup should run now: a folder is chosen on this
    computer and the last automatic backup is older than :data:`DAILY` (or none)."""
    now = now or datetime.now(UTC)
    status = backup_status(database, now=now)
    return status.folder is not None and (
        status.last_automatic is None or now - status.last_automatic >= DAILY)


def run_automatic_backup(database: Database, *, now: datetime | None = None) -> Backup | None:
    """Back up into the chosen folder, then rotate its automatic backups of this base;
    ``None`` when no folder is chosen on this computer.

    Raises:
        the errors of :func:`sps_desk.store.backup.copy_base` (an unplugged key…).
    """
    folder = backup_folder(database)
    if folder is None:
        return None
    backup = create_backup(database, folder, automatic=True, now=now)
    rotate(folder, backup.base_id)
    return backup


def _newest_by(times: Sequence[datetime], key: Callable[[datetime], Hashable],
               count: int) -> set[datetime]:
    chosen: dict[Hashable, datetime] = {}
    for moment in sorted(times, reverse=True):
        period = key(moment)
        if period not in chosen:
            if len(chosen) == count:
                break
            chosen[period] = moment
    return set(chosen.values())


def kept(times: Sequence[datetime], *, daily: int = KEEP_DAILY, weekly: int = KEEP_WEEKLY,
         monthly: int = KEEP_MONTHLY) -> set[datetime]:
    """Which backup times a rotation keeps: the newest of each of the ``daily`` most
    recent days that have one, of the ``weekly`` most recent ISO weeks and of the
    ``monthly`` most recent months (local calendar) — « grandfather-father-son »."""
    local = {moment: moment.astimezone() for moment in times}

    def day(moment: datetime) -> Hashable:
        return local[moment].date()

    def week(moment: datetime) -> Hashable:
        return local[moment].isocalendar()[:2]

    def month(moment: datetime) -> Hashable:
        return local[moment].year, local[moment].month

    return (_newest_by(times, day, daily) | _newest_by(times, week, weekly)
            | _newest_by(times, month, monthly))


def rotate(folder: Path, base_id: str) -> list[Path]:
    """Remove the automatic backups of the base ``base_id`` in ``folder`` that
    :func:`kept` does not keep; returns the removed folders. Backups asked for by hand,
    and those of other bases, are never removed."""
    automatic = [b for b in list_backups(folder, base_id) if b.automatic]
    keep = kept([b.created_at for b in automatic])
    removed = []
    for backup in automatic:
        if backup.created_at not in keep:
            # Hidden first (list_backups skips dot names): a removal cut short by a crash
            # never leaves a half backup that looks like one.
            hidden = backup.folder.with_name(f"{_REMOVING}{backup.folder.name}")
            try:
                backup.folder.rename(hidden)
            except OSError:
                continue
            shutil.rmtree(hidden, ignore_errors=True)
            removed.append(backup.folder)
    for leftover in folder.glob(f"{_REMOVING}*"):
        shutil.rmtree(leftover, ignore_errors=True)
    return removed
