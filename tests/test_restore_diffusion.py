"""A restore does not make the service forget what it published (issue 13 with issue 11).

The chief backs up, exports the year, erases a young person, then restores the backup
(made before that export). The restored base did not know the export: the restore carries
the release history of the base it replaces over, so the next export of the same year is
release n° 2, replacing the first, protected jointly with it — the independent attacker
holding both published files cannot tell what the erasure changed.
"""

from __future__ import annotations

from pathlib import Path

from sps_desk.store import releases, rights
from sps_desk.store.backup import create_backup
from sps_desk.store.database import Database
from sps_desk.store.restore import restore_backup
from tests.attacker import Link
from tests.conftest import PASSPHRASE
from tests.test_disclosure_attack import (
    YEAR,
    assert_no_difference_pinned,
    copy_base,
    demo_base,
    release,
    supported_person,
)


def test_an_export_after_a_restore_is_protected_jointly_with_the_forgotten_release(
        tmp_path_factory, tmp_path: Path) -> None:
    base = copy_base(demo_base({}, tmp_path_factory, 1), tmp_path)
    with Database.open(base, PASSPHRASE) as database:
        backup = create_backup(database, tmp_path / "sauvegardes")
        first, before, changes = release(database, tmp_path / "first.json")
        assert changes == []
        person = supported_person(database)
        rights.erase(database, person)

    restored = restore_backup(backup.folder, base, passphrase=PASSPHRASE)
    assert restored.releases_kept == 1
    assert restored.erased_again  # the erasure made after the backup is made again

    with Database.open(base, PASSPHRASE) as database:
        assert person.id not in {p.id for p in database.repos.young_people.all()}
        assert [(r.year, r.number, r.sha256) for r in releases.every(database)] == [
            (YEAR, 1, first["sha256"])]
        second, after, changes = release(database, tmp_path / "second.json")
    # Release n° 2 of the year, replacing the one the backup had never seen …
    assert second["release"]["number"] == 2
    assert second["release"]["replaces"] == first["sha256"]
    assert changes[0].startswith(f"Depuis la diffusion n° 1 de {YEAR}")
    # … and suppressed jointly with it: differencing the two files pins nothing.
    assert_no_difference_pinned(first, second, before, after,
                                Link(0, 1, people=(-1, 0), records=(-99, 0)))
