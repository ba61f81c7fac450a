"""Issue 14's scripted scenario: a young person's identity and name in an observation, in
a draft and in merge conflicts; erase; purge (a second young person); a backup taken
before restored; an older bundle merged again — then zero occurrences of either name,
in UTF-8 and UTF-16 (NFC and NFD, and their Latin transliterations), in the decrypted
bases (every table, every page of the files including free space, and a plain
``sqlcipher_export`` copy) and in every file the application wrote (reports, statistics
export, bundles decrypted). The only files that still hold them are the two made before
the erasure on purpose — the backup and the older bundle, both encrypted — and the test
shows that restoring and merging them brings no one back.
"""

from __future__ import annotations

import contextlib
import shutil
import subprocess
import unicodedata
import zipfile
from collections.abc import Iterable
from datetime import date, time
from pathlib import Path

import sqlcipher3
from anyascii import anyascii
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

from sps_desk.enums import EndReason, SupportOrigin
from sps_desk.records import (
    FieldSession,
    Identity,
    IndividualSupport,
    ReportSections,
    YoungPerson,
)
from sps_desk.reports.annual import write_annual_report
from sps_desk.reports.export import export_year
from sps_desk.store import backup, retention, rights
from sps_desk.store.database import PAGE_SIZE, Database
from sps_desk.store.drafts import Drafts
from sps_desk.store.keys import apply_raw_key
from sps_desk.store.sync.bundle import unseal
from sps_desk.store.sync.conflicts import open_conflicts
from sps_desk.store.sync.identity import own_keys, private_keys
from sps_desk.store.sync.transfer import make_bundle, merge_bundles
from tests.conftest import PASSPHRASE
from tests.sync_support import make_team

INES = "Inès Moreau-Ñúñez"
ERASED = ("Zoé", "Łucjańska-Ørjansdóttir", "Petit Loup", "06 12 34 56 78",
          "12 rue des Œillets")
PURGED = ("Ğazal", "Kaźmierczak-Ünal", "Œnonette", "07 98 76 54 32")
RESERVE = 80
"""SQLCipher 4's bytes at the end of each page: a 16-byte IV and a 64-byte HMAC."""


def _needles() -> set[str]:
    """The values and their parts, as typed and transliterated, NFC and case-folded."""
    texts: set[str] = set()
    for value in (*ERASED, *PURGED):
        parts = [value, *value.replace("-", " ").split()] if not value[0].isdigit() else [
            value, value.replace(" ", "")]
        for part in parts:
            if len(part) >= 3:
                texts |= {part, anyascii(part)}
    return {unicodedata.normalize("NFC", text).casefold() for text in texts}


NEEDLES = _needles()


def _readings(data: bytes) -> Iterable[str]:
    """``data`` read as UTF-8 and as UTF-16 (both byte orders, both alignments), in NFC
    (so NFD text is found too) and case-folded."""
    for encoding, start in (("utf-8", 0), ("utf-16-le", 0), ("utf-16-le", 1),
                            ("utf-16-be", 0), ("utf-16-be", 1)):
        text = data[start:].decode(encoding, errors="replace")
        yield unicodedata.normalize("NFC", text).casefold()


def _holds(data: bytes) -> list[str]:
    readings = list(_readings(data))
    return sorted(needle for needle in NEEDLES if any(needle in text for text in readings))


def _pages(path: Path, key: bytes) -> bytes:
    """Every page of a SQLCipher 4 file, decrypted (AES-256-CBC, raw key): live rows,
    free pages and the unused space inside pages alike."""
    data = path.read_bytes()
    assert len(data) % PAGE_SIZE == 0
    plain = []
    for start in range(0, len(data), PAGE_SIZE):
        page = data[start:start + PAGE_SIZE]
        first = 16 if start == 0 else 0  # page 1 begins with the salt, in clear
        iv = page[PAGE_SIZE - RESERVE:PAGE_SIZE - RESERVE + 16]
        decryptor = Cipher(algorithms.AES(key), modes.CBC(iv)).decryptor()
        plain.append(decryptor.update(page[first:PAGE_SIZE - RESERVE]) + decryptor.finalize())
    assert plain[0][:2] == PAGE_SIZE.to_bytes(2, "big")  # the header's page size: right key
    return b"".join(plain)


def _exported(path: Path, key: bytes, folder: Path) -> bytes:
    """The base's content as a plain SQLite file (``sqlcipher_export``), read back."""
    plain = folder / f"{path.stem}-clair.sqlite"
    plain.unlink(missing_ok=True)
    with contextlib.closing(sqlcipher3.connect(str(path))) as connection:
        apply_raw_key(connection, key)
        connection.execute("ATTACH DATABASE ? AS plain KEY ''", (str(plain),))
        connection.execute("PRAGMA plain.synchronous = OFF")
        connection.execute("SELECT sqlcipher_export('plain')")
        connection.execute("DETACH DATABASE plain")
    data = plain.read_bytes()
    plain.unlink()
    return data


def _rows(database: Database) -> bytes:
    tables = [r[0] for r in database.connection.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table'")]
    return "\n".join(" ".join(str(v) for v in row) for table in tables
                     for row in database.connection.execute(f'SELECT * FROM "{table}"')
                     ).encode("utf-8")


def _decrypted_base(database: Database, folder: Path) -> dict[str, list[str]]:
    database.connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    key = database.database_key
    assert key is not None
    wal = Path(f"{database.path}-wal")
    return {
        "tables": _holds(_rows(database)),
        "pages": _holds(_pages(database.path, key)),
        "export": _holds(_exported(database.path, key, folder)),
        "wal": _holds(wal.read_bytes()) if wal.exists() else [],
    }


def _file_contents(path: Path, boxes: Iterable) -> bytes:
    """What a person or a program reads in a file the application wrote."""
    data = path.read_bytes()
    if path.suffix == ".pdf":
        text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True,
                              check=True).stdout
        return data + text
    if path.suffix == ".xlsx":
        with zipfile.ZipFile(path) as archive:
            return data + b"".join(archive.read(name) for name in archive.namelist())
    if path.suffix == ".spsb":
        for box in boxes:
            with contextlib.suppress(Exception):
                bundle = unseal(data, path.name, box)
                return data + repr(bundle).encode("utf-8")
        raise AssertionError(f"{path.name}: no key opens it")
    return data


def test_erase_purge_restore_and_an_old_bundle_leave_no_trace(tmp_path: Path) -> None:
    scenario = tmp_path / "scénario"
    bases, bundles, reports = scenario / "bases", scenario / "paquets", scenario / "rapports"
    for folder in (bases, bundles, reports):
        folder.mkdir(parents=True)
    team = make_team(bases, (INES,))
    chief, laptop = team.chief, team.laptops[0]
    staff = team.staff[INES]

    # --- Zoé, recorded on the laptop, named in an observation.
    zoe = laptop.repos.young_people.save(YoungPerson(nickname="Petit Loup"))
    laptop.repos.identities.save(Identity(
        young_person_id=zoe.id, first_name="Zoé", last_name="Łucjańska-Ørjansdóttir",
        phone="06 12 34 56 78", address="12 rue des Œillets, 62000 Arras"))
    laptop.repos.supports.save(IndividualSupport(
        young_person_id=zoe.id, referent_id=staff.id, start_date=date(2025, 2, 3),
        origin=SupportOrigin.STREET_WORK))
    outing = laptop.repos.field_sessions.save(FieldSession(
        date=date(2025, 3, 12), start_time=time(18), end_time=time(20), staff_ids=[staff.id],
        young_met_ids=[zoe.id], observation="Vu Zoé (Petit Loup) au city-stade."))
    older = bundles / "ancien.spsb"
    older.write_bytes(make_bundle(laptop).data)
    merge_bundles(chief, [(older.name, older.read_bytes())],
                  trusted=[own_keys(laptop).fingerprint])

    # --- Ğazal, on the chief's base, last seen in 2022: the purge will anonymise her.
    gazal = chief.repos.young_people.save(YoungPerson(nickname="Œnonette"))
    chief.repos.identities.save(Identity(
        young_person_id=gazal.id, first_name="Ğazal", last_name="Kaźmierczak-Ünal",
        phone="07 98 76 54 32"))
    chief.repos.supports.save(IndividualSupport(
        young_person_id=gazal.id, referent_id=staff.id, start_date=date(2022, 1, 10),
        origin=SupportOrigin.STREET_WORK, end_date=date(2022, 6, 30),
        end_reason=EndReason.MOVED))
    chief.repos.field_sessions.save(FieldSession(
        date=date(2022, 5, 4), start_time=time(18), end_time=time(20), staff_ids=[staff.id],
        young_met_ids=[gazal.id], observation="Œnonette et Kaźmierczak au stade."))
    chief.repos.report_sections.save(ReportSections.for_year(
        2025, highlights="Départ de Zoé Łucjańska-Ørjansdóttir ; Ğazal a trouvé un emploi."))

    # --- Conflicts: the chief and the laptop both change her outing and her identity.
    mine = chief.repos.field_sessions.get(outing.id)
    chief.repos.field_sessions.save(mine.model_copy(
        update={"observation": "Zoé Łucjańska absente."}))
    chief.repos.identities.save(chief.repos.identities.for_young_person(zoe.id).model_copy(
        update={"phone": "06 12 34 56 79"}))
    laptop.repos.field_sessions.save(outing.model_copy(
        update={"observation": "Petit Loup au 06 12 34 56 78."}))
    laptop.repos.identities.save(laptop.repos.identities.for_young_person(zoe.id).model_copy(
        update={"address": "12 rue des Œillets, Arras"}))
    concurrent = bundles / "concurrent.spsb"
    concurrent.write_bytes(make_bundle(laptop).data)
    merge_bundles(chief, [(concurrent.name, concurrent.read_bytes())])
    assert sorted(c.kind for c in open_conflicts(chief)) == ["field_session", "identity"]

    # --- Drafts naming them, on both bases.
    Drafts(chief).save("field_session", {"fields": {"observation": "Zoé Ł. revue au parc"}})
    Drafts(chief).save("young_person", {"fields": {"nickname": "Œnonette"}})
    Drafts(laptop).save("field_session", {"fields": {"observation": "petit loup, encore"}})

    # --- A backup before the erasure.
    kept = backup.backup(chief, scenario / "sauvegardes")

    # The checks below do see the names wherever they are (decrypted pages included).
    before = _decrypted_base(chief, tmp_path)
    assert before["tables"] and before["pages"] and before["export"]
    boxes = [private_keys(chief)[1], private_keys(laptop)[1]]
    assert _holds(_file_contents(older, boxes)) and not _holds(older.read_bytes())

    # --- Erase Zoé; purge Ğazal.
    rights.erase(chief, chief.repos.young_people.get(zoe.id))
    assert retention.purge(chief, date(2040, 1, 1)).anonymised == 1
    assert all(not found for found in _decrypted_base(chief, tmp_path).values())

    # --- The backup taken before is restored (the register of the base it replaces is
    # applied to it), then the older bundles are merged again.
    register = rights.erasure_register(chief)
    path = chief.path
    chief.close()
    shutil.copyfile(kept, path)
    shutil.copyfile(f"{kept}.keys", f"{path}.keys")
    Path(f"{path}-wal").unlink(missing_ok=True)
    chief = Database.open(path, PASSPHRASE)
    assert _holds(_rows(chief))  # the backup did bring them back…
    assert rights.apply_erasure_register(chief, register) >= 3
    assert all(not found for found in _decrypted_base(chief, tmp_path).values())  # …not now
    for old in (older, concurrent):
        merge_bundles(chief, [(old.name, old.read_bytes())])
    assert chief.repos.young_people.get(zoe.id) is None
    assert chief.repos.identities.all(include_deleted=True) == []

    # --- Life goes on: reports, the statistics export, bundles both ways.
    write_annual_report(chief, 2025, reports)
    export_year(chief, 2025, scenario / "export")
    back = bundles / "retour.spsb"
    back.write_bytes(make_bundle(chief, device=INES).data)
    merge_bundles(laptop, [(back.name, back.read_bytes())])
    after = bundles / "après.spsb"
    after.write_bytes(make_bundle(laptop, everything=True).data)
    merge_bundles(chief, [(after.name, after.read_bytes())])
    backup.backup(chief, scenario / "sauvegardes-après")

    # --- Zero occurrences.
    # Her outing's conflict is still the chief's to settle, between two redacted texts.
    [outing_conflict] = open_conflicts(chief)
    assert all("[effacé]" in r.observation for r in outing_conflict.records)
    assert Drafts(chief).forms() == [] and Drafts(laptop).forms() == []
    for database in (chief, laptop):
        assert _decrypted_base(database, tmp_path) == {
            "tables": [], "pages": [], "export": [], "wal": []}
    made_before = {kept, Path(f"{kept}.keys"), older, concurrent}
    written = [p for p in scenario.rglob("*") if p.is_file() and p not in made_before]
    assert {p.suffix for p in written} >= {".pdf", ".json", ".xlsx", ".csv", ".spsb", ".sps"}
    holders = {p.relative_to(scenario).as_posix(): _holds(_file_contents(p, boxes))
               for p in written}
    assert {name: found for name, found in holders.items() if found} == {}
    # The backup taken after the erasure is clean inside too.
    [later] = (scenario / "sauvegardes-après").glob("*.sps")
    with Database.open(later, PASSPHRASE) as copy:
        assert _decrypted_base(copy, tmp_path) == {
            "tables": [], "pages": [], "export": [], "wal": []}
    # The two files made before the erasure are encrypted: nothing readable in them.
    for path in made_before:
        assert _holds(path.read_bytes()) == []
    chief.close()
    team.close()
