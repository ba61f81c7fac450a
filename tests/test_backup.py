"""Backups and restore (issue 13): real bases, real crashes, real second disks."""

from __future__ import annotations

import json
import shutil
import stat
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sps_desk.records import YoungPerson
from sps_desk.store import slots
from sps_desk.store.backup import (
    MANIFEST,
    BackupDamaged,
    BackupError,
    NotABackup,
    check_backup,
    create_backup,
    list_backups,
)
from sps_desk.store.backup_schedule import (
    automatic_backup_due,
    backup_status,
    kept,
    rotate,
    run_automatic_backup,
    set_backup_folder,
)
from sps_desk.store.database import Database
from sps_desk.store.errors import BaseInUse
from sps_desk.store.integrity import marker_path
from sps_desk.store.restore import restore_backup
from sps_desk.store.rights import erase
from tests.backup_support import kill_after, nicknames, start_holder, start_writer
from tests.conftest import PASSPHRASE
from tests.disk_support import other_disk, small_disk  # noqa: F401 - a fixture


@pytest.fixture
def base(tmp_path: Path) -> tuple[Path, str]:
    """A closed base holding « Zoé Ğüzel » and « Дмитрий », and its recovery key."""
    path = tmp_path / "données" / "service.sps"
    with Database.create(path, PASSPHRASE, "SPS Ğüzelyurt") as database:
        recovery = database.recovery_key
        for name in ("Zoé Ğüzel", "Дмитрий"):
            database.repos.young_people.save(YoungPerson(nickname=name))
    assert recovery is not None
    return path, recovery


def _bytes(*paths: Path) -> list[bytes | None]:
    return [p.read_bytes() if p.exists() else None for p in paths]


def test_a_backup_is_a_verified_folder_with_keys_and_manifest(base, tmp_path: Path) -> None:
    path, recovery = base
    with Database.open(path, PASSPHRASE) as database:
        backup = create_backup(database, tmp_path / "sauvegardes")
        base_id = str(database.device_id)
    assert sorted(p.name for p in backup.folder.iterdir()) == [
        "sauvegarde.json", "service.sps", "service.sps.keys"]
    assert stat.S_IMODE(backup.folder.stat().st_mode) == 0o700
    assert all(stat.S_IMODE(p.stat().st_mode) == 0o600 for p in backup.folder.iterdir())
    manifest = json.loads((backup.folder / MANIFEST).read_text(encoding="utf-8"))
    assert (manifest["format"], manifest["version"], manifest["base_id"]) == (
        "sps-desk-sauvegarde", 1, base_id)
    assert manifest["service"] == "SPS Ğüzelyurt" and manifest["automatic"] is False
    assert check_backup(backup.folder) == backup
    # The same passphrase and recovery key open (a copy of) it.
    copy = tmp_path / "copie"
    shutil.copytree(backup.folder, copy)
    with Database.open(copy / "service.sps", PASSPHRASE) as opened:
        assert nicknames(opened) == ["Zoé Ğüzel", "Дмитрий"]
    Database.open_with_recovery(copy / "service.sps", recovery).close()
    assert [b.folder for b in list_backups(tmp_path / "sauvegardes", base_id)] == [backup.folder]


def test_a_damaged_or_incomplete_backup_is_refused_and_changes_nothing(base,
                                                                       tmp_path: Path) -> None:
    path, _ = base
    with Database.open(path, PASSPHRASE) as database:
        backup = create_backup(database, tmp_path / "sauvegardes")
    before = _bytes(path, slots.header_path(path))
    original = backup.database_path.read_bytes()
    data = bytearray(original)
    data[5000] ^= 0x40
    backup.database_path.write_bytes(bytes(data))
    with pytest.raises(BackupDamaged) as caught:
        restore_backup(backup.folder, path, passphrase=PASSPHRASE)
    assert str(caught.value) == (
        f"La sauvegarde {backup.folder} est endommagée (le fichier service.sps a été modifié "
        "ou tronqué) : elle n'a pas été utilisée. Choisissez une autre sauvegarde (la "
        "précédente, ou celle d'un autre support).")
    backup.database_path.write_bytes(original)
    backup.keys_path.unlink()
    with pytest.raises(BackupDamaged, match=r"le fichier service\.sps\.keys manque"):
        check_backup(backup.folder)
    with pytest.raises(NotABackup, match=r"sauvegarde\.json est introuvable"):
        check_backup(tmp_path)
    assert _bytes(path, slots.header_path(path)) == before
    assert sorted(p.name for p in path.parent.iterdir()) == ["service.sps", "service.sps.keys"]


def test_restore_after_a_crash_gives_back_exactly_the_backup(base, tmp_path: Path) -> None:
    path, recovery = base
    with Database.open(path, PASSPHRASE) as database:
        backup = create_backup(database, tmp_path / "sauvegardes")
    # More work, then a crash in the middle of writing: a -wal full of committed pages.
    acknowledged = kill_after(start_writer(path, PASSPHRASE), 40)
    assert Path(f"{path}-wal").stat().st_size > 0
    restored = restore_backup(backup.folder, path, passphrase=PASSPHRASE,
                              now=datetime(2026, 3, 2, 9, 30, tzinfo=UTC))
    # The crashed session's marker went aside with the base it concerns.
    assert not marker_path(path).exists()
    with Database.open(path, PASSPHRASE) as database:
        assert nicknames(database) == ["Zoé Ğüzel", "Дмитрий"]  # no stale WAL replayed
        assert not database.integrity_check_due
    Database.open_with_recovery(path, recovery).close()
    # The crashed base is kept aside, whole: every acknowledged record is there.
    assert restored.aside is not None and restored.aside.parent == path.parent
    assert restored.aside.name.startswith("service-avant-restauration-2026-03-02-")
    with Database.open(restored.aside, PASSPHRASE) as aside:
        assert aside.integrity_check_due  # it did crash: checked at its first opening
        kept = {str(p.id) for p in aside.repos.young_people.all()}
    assert set(acknowledged) <= kept
    assert not Path(f"{path}-shm").exists()
    assert restored.summary()[0].startswith("Sauvegarde du ")


def test_restore_applies_the_erasures_made_since_the_backup(base, tmp_path: Path) -> None:
    path, _ = base
    with Database.open(path, PASSPHRASE) as database:
        backup = create_backup(database, tmp_path / "sauvegardes")
        [zoe] = [p for p in database.repos.young_people.all() if p.nickname == "Zoé Ğüzel"]
        erase(database, zoe)
    restored = restore_backup(backup.folder, path, passphrase=PASSPHRASE)
    assert restored.erased_again == 1
    assert "1 enregistrement(s) effacé(s) depuis la sauvegarde l'ont été à nouveau." in \
        restored.summary()
    with Database.open(path, PASSPHRASE) as database:
        assert nicknames(database) == ["Дмитрий"]


def test_restore_reads_the_register_of_a_newer_backup_when_the_base_is_lost(
        base, tmp_path: Path) -> None:
    path, _ = base
    folder = tmp_path / "sauvegardes"
    with Database.open(path, PASSPHRASE) as database:
        older = create_backup(database, folder, now=datetime(2026, 1, 5, tzinfo=UTC))
        [zoe] = [p for p in database.repos.young_people.all() if p.nickname == "Zoé Ğüzel"]
        erase(database, zoe)
        create_backup(database, folder, now=datetime(2026, 1, 6, tzinfo=UTC))
    for leftover in path.parent.iterdir():
        leftover.unlink()  # the laptop's disk died
    restored = restore_backup(older.folder, path, passphrase=PASSPHRASE)
    assert restored.aside is None and restored.erased_again == 1
    with Database.open(path, PASSPHRASE) as database:
        assert nicknames(database) == ["Дмитрий"]


def test_restore_is_refused_while_the_base_is_open_elsewhere(base, tmp_path: Path) -> None:
    path, _ = base
    with Database.open(path, PASSPHRASE) as database:
        backup = create_backup(database, tmp_path / "sauvegardes")
    holder = start_holder(path, PASSPHRASE)
    try:
        before = _bytes(path, slots.header_path(path))
        with pytest.raises(BaseInUse) as caught:
            restore_backup(backup.folder, path, passphrase=PASSPHRASE)
        assert str(caught.value) == (
            "La base service.sps est ouverte ailleurs (la fenêtre de l'application, une autre "
            "commande sps-desk, ou un autre ordinateur par le réseau), et ce qui s'y écrit "
            "serait perdu : fermez-la, puis recommencez la restauration. Rien n'a été modifié.")
        assert _bytes(path, slots.header_path(path)) == before
        assert not [p for p in path.parent.iterdir() if "avant-restauration" in p.name]
        assert not [p for p in path.parent.iterdir() if p.name.startswith(".")]
    finally:
        holder.kill()
        holder.wait()


def test_restore_refuses_a_backup_of_another_base_and_a_wrong_passphrase(
        base, tmp_path: Path) -> None:
    path, _ = base
    other = tmp_path / "autre.sps"
    with Database.create(other, PASSPHRASE, "Autre SPS") as database:
        foreign = create_backup(database, tmp_path / "sauvegardes")
    with pytest.raises(BackupError, match=r"celle d'une autre base que service\.sps"):
        restore_backup(foreign.folder, path, passphrase=PASSPHRASE)
    when = foreign.created_at.astimezone()
    with pytest.raises(BackupError) as caught:
        restore_backup(foreign.folder, path, passphrase="Ğ pas la bonne phrase 2025 !")
    assert f"celle qui était la vôtre le {when:%d/%m/%Y}" in str(caught.value)
    with Database.open(path, PASSPHRASE) as database:
        assert database.service().name == "SPS Ğüzelyurt"


def test_a_backup_to_a_full_disk_says_so_and_leaves_nothing(base, tmp_path: Path) -> None:
    path, _ = base
    with small_disk(tmp_path, "1m") as disk, Database.open(path, PASSPHRASE) as database:
        (disk / "remplissage.bin").write_bytes(b"\0" * 700_000)
        with pytest.raises(Exception) as caught:
            create_backup(database, disk)
        assert "presque plein" in str(caught.value)
        assert sorted(p.name for p in disk.iterdir()) == ["remplissage.bin"]
        assert database.connection.execute("SELECT count(*) FROM backup_log").fetchone()[0] == 0


def test_an_unplugged_key_is_named(base, tmp_path: Path) -> None:
    path, _ = base
    with Database.open(path, PASSPHRASE) as database, pytest.raises(BackupError) as caught:
        create_backup(database, tmp_path / "clé" / "Sauvegardes")
    assert str(caught.value) == (
        f"Le dossier de sauvegarde {tmp_path / 'clé' / 'Sauvegardes'} est introuvable (clé "
        "USB débranchée, dossier réseau indisponible ?) : branchez le support ou choisissez "
        "un autre dossier. Rien n'a été écrit.")


def test_the_reminder_counts_backups_off_the_base_disk_only(
        base, tmp_path: Path, other_disk: Path) -> None:  # noqa: F811
    path, _ = base
    start = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
    with Database.open(path, PASSPHRASE) as database:
        assert backup_status(database, now=start).reminder == (
            "Aucune sauvegarde hors du disque de la base : Protection des données › "
            "Sauvegardes automatiques… pour choisir une clé USB ou un dossier réseau.")
        create_backup(database, tmp_path / "même-disque", now=start)
        assert backup_status(database, now=start).overdue  # same disk: dies with it
        create_backup(database, other_disk, now=start)
        status = backup_status(database, now=start + timedelta(days=6))
        assert not status.overdue and status.reminder is None
        late = backup_status(database, now=start + timedelta(days=8, hours=1))
        assert late.reminder == (
            "Dernière sauvegarde hors du disque de la base il y a 8 jours (le 02/03/2026) : "
            "Protection des données › Sauvegardes automatiques… pour choisir une clé USB ou "
            "un dossier réseau.")


def test_daily_automatic_backups_land_in_the_chosen_folder_and_rotate(
        base, other_disk: Path) -> None:  # noqa: F811
    path, _ = base
    start = datetime(2026, 1, 1, 20, 0, tzinfo=UTC)
    with Database.open(path, PASSPHRASE) as database:
        assert not automatic_backup_due(database, now=start)  # no folder chosen
        set_backup_folder(database, other_disk)
        manual = create_backup(database, other_disk, now=start - timedelta(days=400))
        made = []
        for day in range(60):
            now = start + timedelta(days=day)
            assert automatic_backup_due(database, now=now)
            made.append(run_automatic_backup(database, now=now))
            assert not automatic_backup_due(database, now=now + timedelta(hours=23))
        left = list_backups(other_disk, str(database.device_id))
        status = backup_status(database, now=start + timedelta(days=59))
    assert status.folder == other_disk and not status.overdue
    automatic = [b for b in left if b.automatic]
    # 7 last days, plus the newest of earlier weeks and months; the manual one stays.
    assert manual.folder in [b.folder for b in left]
    assert [b.created_at for b in automatic][-7:] == [b.created_at for b in made][-7:]
    assert 7 < len(automatic) <= 7 + 4 + 12
    january = [b for b in made if b.created_at.astimezone().month == 1]
    assert january[-1].folder.exists()  # the newest of January stays as its monthly backup
    assert not january[0].folder.exists()
    # A removal cut short by a crash is hidden (never listed), and finished next time.
    (other_disk / ".suppression-interrompue" / "sous-dossier").mkdir(parents=True)
    assert rotate(other_disk, "une autre base") == []
    assert not [p for p in other_disk.iterdir() if p.name.startswith(".")]


@settings(max_examples=150)
@given(st.lists(st.datetimes(min_value=datetime(2024, 1, 1), max_value=datetime(2027, 1, 1),
                             timezones=st.just(UTC)), max_size=80, unique=True))
def test_rotation_keeps_the_newest_of_each_recent_day_week_and_month(times) -> None:
    keep = kept(times)
    assert keep <= set(times) and len(keep) <= 7 + 4 + 12
    assert kept(sorted(keep)) == keep  # rotating again removes nothing more
    if times:
        assert max(times) in keep
    by_day: dict[object, datetime] = {}
    for moment in sorted(times):
        by_day[moment.astimezone().date()] = moment
    recent_days = sorted(by_day)[-7:]
    assert {by_day[day] for day in recent_days} <= keep


def test_a_backup_read_back_differently_is_removed_and_not_recorded(
        base, tmp_path: Path, monkeypatch) -> None:
    from sps_desk.store import backup as backup_module

    path, _ = base
    original = backup_module.check_backup

    def bad_sector(location: Path):  # the medium returns other bytes than written
        [copy] = location.glob("*.sps")
        data = bytearray(copy.read_bytes())
        data[4096 + 100] ^= 0x01
        copy.write_bytes(bytes(data))
        return original(location)

    monkeypatch.setattr(backup_module, "check_backup", bad_sector)
    with Database.open(path, PASSPHRASE) as database:
        with pytest.raises(BackupDamaged, match="a été modifié ou tronqué"):
            create_backup(database, tmp_path / "sauvegardes")
        assert database.connection.execute("SELECT count(*) FROM backup_log").fetchone()[0] == 0
    assert list((tmp_path / "sauvegardes").iterdir()) == []


def test_restore_keeps_the_releases_made_since_the_backup(base, tmp_path: Path) -> None:
    from sps_desk.store import releases

    path, _ = base
    published = json.dumps({"annee": 2025, "jeunes": None})
    with Database.open(path, PASSPHRASE) as database:
        releases.record(database, year=2025, kind="export", number=1, sha256="a" * 64,
                        published=published, full_values='{"jeunes": 3}', masked=[])
        backup = create_backup(database, tmp_path / "sauvegardes")
        second = releases.record(database, year=2025, kind="report", number=2,
                                 sha256="b" * 64, published=published,
                                 full_values='{"jeunes": 4}', masked=["jeunes"])
    restored = restore_backup(backup.folder, path, passphrase=PASSPHRASE)
    assert restored.releases_kept == 1
    assert any(line.startswith("1 diffusion(s) faite(s) depuis la sauvegarde restent "
                               "connues") for line in restored.summary())
    with Database.open(path, PASSPHRASE) as database:
        kept = releases.every(database)
    assert [(r.number, r.sha256, r.masked) for r in kept] == [
        (1, "a" * 64, ()), (2, "b" * 64, ("jeunes",))]
    assert kept[1].released_at == second.released_at


def test_a_disk_failing_while_the_base_is_set_aside_puts_it_back(
        base, tmp_path: Path, monkeypatch) -> None:
    # Found by the fault suite: the key file's rename failed after the base's, and the
    # base was left under its « avant-restauration » name with nothing said.
    import os

    from sps_desk.store import restore

    path, _ = base
    with Database.open(path, PASSPHRASE) as database:
        backup = create_backup(database, tmp_path / "sauvegardes")
        database.repos.young_people.save(YoungPerson(nickname="أمينة"))
    before = _bytes(path, slots.header_path(path))
    real = os.rename

    def failing(source, target) -> None:
        if str(source).endswith(".keys"):
            raise OSError(5, "Input/output error", str(source))
        real(source, target)

    monkeypatch.setattr(restore.os, "rename", failing)
    with pytest.raises(OSError):
        restore_backup(backup.folder, path, passphrase=PASSPHRASE)
    assert _bytes(path, slots.header_path(path)) == before
    assert not [p for p in path.parent.iterdir() if "avant-restauration" in p.name]

    def refused(source, _target) -> None:
        raise OSError(5, "Input/output error", str(source))

    monkeypatch.setattr(restore.os, "replace", refused)
    with pytest.raises(restore.RestoreLeftAside) as caught:
        restore_backup(backup.folder, path, passphrase=PASSPHRASE)
    aside = next(p for p in path.parent.iterdir() if p.suffix == ".sps"
                 and "avant-restauration" in p.name)
    # The base went aside, its key file did not: the message gives the one rename to do.
    assert str(caught.value).endswith(f"puis renommez {aside} en service.sps.")
    assert "erreur de lecture ou d'écriture" in str(caught.value)
    assert _bytes(aside, slots.header_path(path)) == before
