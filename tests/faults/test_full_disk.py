"""A nearly full disk (a small tmpfs, where root may mount one): every writing command
either succeeds or says so in one French line — never a crash such as the SIGBUS of a
memory-mapped ``-shm`` — and once space is freed the base opens with the passphrase and
the recovery key, passes ``integrity_check``, and holds an import or a merge wholly or
not at all."""

from __future__ import annotations

import errno
import os
import shutil
import subprocess
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import PASSPHRASE
from tests.faults.support import (
    COUNTS,
    EDUCATOR,
    NEW_PASSPHRASE,
    ForkServer,
    Template,
    count_rows,
    open_checked,
    present,
    record_failure,
)

FREE = (0, 4096, 32 * 1024, 160 * 1024, 640 * 1024)
"""Bytes left free on the disk before each command."""


@pytest.fixture(scope="module", params=["tmpfs", "ext4"])
def small_disk(request: pytest.FixtureRequest,
               tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A 24 MiB disk: a tmpfs, or an ext4 file system in a file (loop device), which
    allocates blocks as a laptop's disk does."""
    point = tmp_path_factory.mktemp(f"disque-{request.param}")
    if os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("monter un petit disque demande les droits de root")
    if request.param == "tmpfs":
        command = ["mount", "-t", "tmpfs", "-o", "size=24m,mode=0700", "tmpfs", str(point)]
    else:
        if shutil.which("mkfs.ext4") is None:
            pytest.skip("mkfs.ext4 absent : pas de disque ext4 de test")
        image = point.with_suffix(".img")
        with image.open("wb") as handle:
            handle.truncate(24 * 1024 * 1024)
        # -m 0: no blocks reserved for root (the suite runs as root, a user does not).
        subprocess.run(["mkfs.ext4", "-q", "-F", "-m", "0", str(image)], check=True,
                       capture_output=True)
        command = ["mount", "-o", "loop", str(image), str(point)]
    mounted = subprocess.run(command, capture_output=True, text=True)
    if mounted.returncode != 0:
        pytest.skip(f"impossible de monter un disque {request.param} ici "
                    f"({mounted.stderr.strip()})")
    try:
        yield point
    finally:
        subprocess.run(["umount", "-l", str(point)], check=False)


def _fill(disk: Path, free: int) -> Path:
    """A file taking all of ``disk``'s space but ``free`` bytes (none when the case's
    copy of the base already left less: not even a new file's entry then fits)."""
    filler = disk / f"remplissage-{uuid.uuid4().hex[:6]}"
    status = os.statvfs(disk)
    size = max(0, status.f_bavail * status.f_frsize - free)
    try:
        handle = filler.open("wb", buffering=0)  # a refused write fails in the loop
    except OSError as error:
        if error.errno != errno.ENOSPC:
            raise
        return filler
    with handle:
        block = b"\0" * (1024 * 1024)
        while size > 0:
            try:
                size -= handle.write(block[:min(size, len(block))])
            except OSError:
                break
    return filler


def _commands(template: Template, db: Path, out: Path) -> dict[str, list[str]]:
    def cli(*argv: str) -> list[str]:
        return [argv[0], "--db", str(db), "--passphrase-file", "phrase.txt", *argv[1:]]

    return {
        "import": cli("import", "--kind", "time", "heures.csv"),
        "merge": cli("merge", "paquet.spsb"),
        "passwd": cli("passwd", "--new-passphrase-file", "nouvelle.txt"),
        "recover": cli("recover", "--recovery-key-file", "secours.txt",
                       "--new-passphrase-file", "nouvelle.txt"),
        "user-remove": cli("user", "remove", "--name", EDUCATOR),
        "rekey": cli("rekey"),
        "export": cli("export", "--year", "2012", "--out", str(out / "stats.json")),
        "report": cli("report", "--year", "2012", "--out", str(out / "rapport")),
        "purge": cli("purge", "--yes", "--out", str(out)),
        "backup": cli("backup", "--to", str(out / "sauvegardes")),
        "restore": cli("restore", "--from", str(template.backup(out))),
    }


def test_a_full_disk_gives_a_french_line_and_loses_nothing(
        template: Template, forks: ForkServer, small_disk: Path) -> None:
    failures = COUNTS["failures"]
    for name in sorted(_commands(template, Path("x"), Path("y"))):
        for free in FREE:
            case = small_disk / f"{name}-{free}"
            where = f"disque plein ({small_disk.name}), {name}, {free} octets libres"
            db = template.copy(case)
            filler = _fill(small_disk, free)
            outcome = forks.run(cwd=case, argv=_commands(template, db, case)[name], timeout=120)
            filler.unlink(missing_ok=True)
            COUNTS["disque plein"] += 1
            if outcome.status != 0:
                wrong = outcome.refused_in_french()
                if wrong is None and "plein" not in outcome.stderr:
                    wrong = f"le message ne dit pas « disque plein » : {outcome.stderr.strip()}"
                if wrong is not None:
                    record_failure(f"{where} : {wrong}")
            else:
                COUNTS["disque plein:réussi"] += 1
            changed = name in ("passwd", "recover")
            passphrases = (PASSPHRASE, NEW_PASSPHRASE) if changed else (PASSPHRASE,)
            opened, problems = open_checked(db, passphrases, template.recovery_key)
            if opened and name == "import":
                found = count_rows(db, opened, "SELECT count(*) FROM time_entry "
                                               "WHERE source_id IS NULL")
                if found not in (0, template.csv_rows) or (outcome.status == 0
                                                           and found != template.csv_rows):
                    problems.append(f"import : {found}/{template.csv_rows} lignes")
            if opened and name == "merge":
                found = sum(present(db, opened, table, template.bundle_ids) for table in (
                    "young_person", "field_session", "individual_support"))
                if found not in (0, len(template.bundle_ids)):
                    problems.append(f"merge : {found}/{len(template.bundle_ids)} présents")
            for problem in problems:
                record_failure(f"{where} : {problem}")
            shutil.rmtree(case)
    assert COUNTS["failures"] == failures, "voir le résumé « suite de pannes »"
