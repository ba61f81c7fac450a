"""What key slots cost: unlocking, changing a passphrase, rotating the key.

Run: ``python benchmarks/bench_keyslots.py [--repeat N]``. Builds the demo year in a
temporary base with the production Argon2id cost (64 MiB, 3 passes) and times, median
of N runs: opening with the database key already known (the reference: SQLCipher and
the checks only), opening with a passphrase (one Argon2id derivation more), opening with
the recovery key (HKDF, no slow derivation), a passphrase change (one slot rewrapped,
the database untouched) and ``rekey`` (every page re-encrypted on a copy); then what
issue 14 added: one Argon2id derivation at the floor of the bounds (the test cost), the
French strength estimate of a 7-word passphrase (what the meter runs at each keystroke)
and the keyed audit chain's verification. Prints absolute times and each one's ratio to
the reference measured in the same run.
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from timing import PASSPHRASE, median_seconds

from sps_desk.demo import build_demo_year
from sps_desk.passphrases import assess, generate_passphrase
from sps_desk.store import access, audit, slots
from sps_desk.store.database import Database

OTHER = "Ørjan aime le thé vert à 7 h, Œnone préfère le café !"
THIRD = "Çağrı garde 3 vélos bleus sous l'escalier de Łucja #"




def main() -> None:
    """Build the base, time each operation, print the table."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "banc.sps"
        with Database.create(path, PASSPHRASE, "Banc d'essai") as database:
            build_demo_year(database, 2025, 1)
            recovery = database.recovery_key
            key = database.database_key
            user = database.current_user
        assert recovery is not None and key is not None and user is not None
        header = slots.read_header(path)

        def with_key() -> None:
            Database._open_with_keys(path, [key], user.id, header).close()

        # The French policy of issue 14 refuses the shorter benchmark passphrase.
        access.change_passphrase(path, PASSPHRASE, OTHER)

        def change_twice() -> None:
            access.change_passphrase(path, OTHER, THIRD)
            access.change_passphrase(path, THIRD, OTHER)

        def verify_log() -> None:
            with Database.open(path, OTHER, defer_unlock_audit=True) as database:
                audit.verify(database.connection)

        def floor_derivation() -> None:
            slots._passphrase_kek(OTHER, {**header.slots[0].kdf, **{
                "time_cost": slots.KDF_FLOOR.time_cost,
                "memory_kib": slots.KDF_FLOOR.memory_kib,
                "parallelism": slots.KDF_FLOOR.parallelism}})

        phrase = generate_passphrase()

        reference = median_seconds(with_key, args.repeat)
        rows = [
            ("ouverture, clé connue (référence)", reference),
            ("ouverture par phrase de passe", median_seconds(
                lambda: Database.open(path, OTHER).close(), args.repeat)),
            ("ouverture par clé de secours", median_seconds(
                lambda: Database.open_with_recovery(path, recovery).close(), args.repeat)),
            ("changement de phrase de passe (×2)", median_seconds(change_twice, args.repeat)),
            ("rekey (toutes les pages)", median_seconds(
                lambda: access.rekey(path, OTHER), max(1, args.repeat // 2))),
            ("Argon2id au coût plancher (tests)", median_seconds(floor_derivation, args.repeat)),
            ("robustesse d'une phrase de 7 mots", median_seconds(
                lambda: assess(phrase), args.repeat)),
            ("ouverture + vérification du journal", median_seconds(verify_log, args.repeat)),
        ]
        size = path.stat().st_size / 1e6
    print(f"Base de démonstration : {size:.1f} Mo, coût Argon2id {slots.PRODUCTION_COST}")
    for label, seconds in rows:
        print(f"{label:40s} {seconds * 1000:9.1f} ms   × {seconds / reference:6.2f}")


if __name__ == "__main__":
    main()
