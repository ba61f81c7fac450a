"""What erasing a young person costs now that it reaches every free text (issue 14).

Run: ``python benchmarks/bench_erasure.py [--years N] [--staff N] [--repeat R]``, or on an
existing base: ``--base PATH --passphrase-file FILE`` (it is copied; the copy is erased).
Builds a demo service (``sps_desk.demo.build_demo``), then times, on the same base:

- the reference: reading every free text of the base once in SQL (the floor of any scan);
- :func:`rights.preview_erasure` (every text folded and searched: the list shown before
  confirming);
- :func:`rights.erase` (the same scan, the rows, the redactions, VACUUM), on a fresh copy
  each time;
- what the window's refusal costs: building the needles of every young person known
  (each reload of the Terrain page) and checking one observation (each keystroke).

Prints the median times and the ratios to the reference, measured in the same run.
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
from pathlib import Path

from timing import PASSPHRASE, YEAR, median_seconds

from sps_desk.demo import build_demo
from sps_desk.folding import contains
from sps_desk.store import rights
from sps_desk.store.database import Database
from sps_desk.store.redaction import FREE_TEXTS

OBSERVATION = ("Rassemblement d'une quinzaine de jeunes au city-stade vers 21 h, musique "
               "forte, échanges calmes avec les habitants du bâtiment C ; le gardien signale "
               "des dégradations près des boîtes aux lettres. Retour prévu jeudi avec le "
               "centre social pour préparer la sortie vélo du mois prochain.")


def _read_texts(database: Database) -> int:
    total = 0
    for kind, names in FREE_TEXTS.items():
        columns = ", ".join(names)
        for row in database.connection.execute(f"SELECT {columns} FROM {kind}"):
            total += sum(len(value or "") for value in row)
    return total


def _copy(source: Path, folder: Path, name: str) -> Path:
    target = folder / name
    shutil.copyfile(source, target)
    shutil.copyfile(f"{source}.keys", f"{target}.keys")
    return target


def main() -> None:
    """Print the reference scan, preview, erasure and window-check times, and ratios."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--years", type=int, default=3)
    parser.add_argument("--staff", type=int, default=None)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--base", type=Path)
    parser.add_argument("--passphrase-file", type=Path)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder_name:
        folder = Path(folder_name)
        if args.base is not None:
            passphrase = args.passphrase_file.read_text(encoding="utf-8").removesuffix("\n")
            with Database.open(args.base, passphrase) as source:
                source.connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            master = _copy(args.base, folder, "base.sps")
        else:
            passphrase = PASSPHRASE
            master = folder / "base.sps"
            with Database.create(master, passphrase, "SPS banc d'essai") as database:
                build_demo(database, YEAR, years=args.years, staff=args.staff)
        with Database.open(master, passphrase) as database:
            person = next(p for p in database.repos.young_people.all()
                          if database.repos.identities.for_young_person(p.id) is not None)
            texts = _read_texts(database)
            sessions = database.repos.field_sessions.count(include_deleted=True)
            people = database.repos.young_people.count()
            reference = median_seconds(lambda: _read_texts(database), args.repeat)
            preview = median_seconds(lambda: rights.preview_erasure(database, person),
                                     args.repeat)
            listed = len(rights.preview_erasure(database, person).scrub.redactions)
            from sps_desk.store.rights import needles_of

            def needles() -> object:
                return needles_of(
                    [{"code": p.code, "nickname": p.nickname}
                     for p in database.repos.young_people.all()],
                    [i.model_dump() for i in database.repos.identities.all()])

            build = median_seconds(needles, args.repeat)
            built = needles()
            check = median_seconds(lambda: contains(OBSERVATION, built), args.repeat * 100)
        erase_times = []
        for number in range(args.repeat):
            copy = _copy(master, folder, f"copie-{number}.sps")
            with Database.open(copy, passphrase) as database:
                target = database.repos.young_people.get(person.id)
                erase_times.append(median_seconds(lambda d=database, t=target:
                                                  rights.erase(d, t), 1))
            for leftover in folder.glob(f"copie-{number}.sps*"):
                leftover.unlink()
        erase = sorted(erase_times)[len(erase_times) // 2]
    print(f"base : {sessions} sorties, {people} jeunes, {texts} caractères de textes libres")
    print(f"référence, lecture SQL de tous les textes libres : {reference * 1000:.1f} ms")
    print(f"aperçu de l'effacement ({listed} texte(s) à caviarder) : {preview * 1000:.1f} ms "
          f"(× {preview / reference:.1f})")
    print(f"effacement complet (lignes, caviardage, VACUUM) : {erase * 1000:.1f} ms "
          f"(× {erase / reference:.1f})")
    print(f"fenêtre : noms de tous les jeunes (rechargement de Terrain) : {build * 1000:.1f} ms")
    print(f"fenêtre : vérification d'une observation (à chaque frappe) : {check * 1e6:.0f} µs")


if __name__ == "__main__":
    main()
