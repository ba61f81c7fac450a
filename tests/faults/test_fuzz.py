"""Fuzzed outside files — bundles, CSV and XLSX spreadsheets, statistics files, ``.keys``
files, passphrase files — each given to its ``sps-desk`` command in a child limited in
memory and processor time: a refusal is one French line with exit status 1 and leaves
the base byte-identical (the consolidation writes nothing); a file the mutation left
valid may be accepted, and the base then still passes ``integrity_check``."""

from __future__ import annotations

import json
import random
import shutil
import zlib
from collections.abc import Callable
from pathlib import Path

import pytest
from nacl.public import PublicKey, SealedBox
from nacl.signing import SigningKey

from sps_desk.cli.common import read_passphrase
from sps_desk.reports.statistics_file import content_sha256
from sps_desk.store.sync.bundle import FORMAT_VERSION, MAGIC
from tests.conftest import PASSPHRASE
from tests.faults.mutations import (
    damage_bytes,
    mutate_csv,
    mutate_json,
    mutate_workbook,
    passphrase_bytes,
)
from tests.faults.support import (
    COUNTS,
    SEED,
    ForkServer,
    Template,
    base_state,
    knob,
    open_checked,
    record_failure,
)

FUZZ = knob("SPS_FAULT_FUZZ", 25)
MEMORY = 1024 * 1024 * 1024
"""Address space a child may take beyond the fork server's own: a refusal must come
long before (the issue measured 3.7 GB for an inflating bundle)."""
SECONDS = 60
"""Processor and wall-clock seconds a child may take."""

Maker = Callable[[Path, Path, random.Random, int], tuple[list[str], bool]]


def _seal(template: Template, text: bytes) -> bytes:
    """``text`` as a bundle payload signed by the template's laptop, sealed to its chief."""
    signing = SigningKey(bytes.fromhex(template.extra["signing_seed"]))
    message = zlib.compress(text, 9)
    signed = bytes(signing.verify_key) + signing.sign(message).signature + message
    box = bytes.fromhex(template.extra["chief_box_key"])
    return MAGIC + bytes([FORMAT_VERSION]) + box + SealedBox(PublicKey(box)).encrypt(signed)


def _bomb(template: Template) -> bytes:
    """The issue's case: a bundle of about 1 MiB whose payload inflates to 900 MiB."""
    inflater = zlib.compressobj(9)
    chunk = b" " * (16 * 1024 * 1024)
    message = b"".join([inflater.compress(chunk) for _ in range(56)] + [inflater.flush()])
    signing = SigningKey(bytes.fromhex(template.extra["signing_seed"]))
    signed = bytes(signing.verify_key) + signing.sign(message).signature + message
    box = bytes.fromhex(template.extra["chief_box_key"])
    return MAGIC + bytes([FORMAT_VERSION]) + box + SealedBox(PublicKey(box)).encrypt(signed)


def _cli(db: Path, *argv: str) -> list[str]:
    return [argv[0], "--db", str(db), "--passphrase-file", "phrase.txt", *argv[1:]]


def _bundle(template: Template) -> Maker:
    def make(case: Path, db: Path, rng: random.Random, number: int) -> tuple[list[str], bool]:
        if number == 0:
            data = _bomb(template)
        elif rng.random() < 0.2:
            data = damage_bytes((case / "paquet.spsb").read_bytes(), rng)
        else:
            data = _seal(template, mutate_json(template.extra["payload"], rng).encode(
                "utf-8", "surrogatepass"))
        (case / "fuzz.spsb").write_bytes(data)
        return _cli(db, "merge", "fuzz.spsb"), True
    return make


def _csv(_template: Template) -> Maker:
    def make(case: Path, db: Path, rng: random.Random, _number: int) -> tuple[list[str], bool]:
        (case / "fuzz.csv").write_bytes(mutate_csv((case / "heures.csv").read_bytes(), rng))
        kind = rng.choice(["time", "time", "actions", "young", "supports"])
        return _cli(db, "import", "--kind", kind, "fuzz.csv"), True
    return make


def _xlsx(template: Template) -> Maker:
    def make(case: Path, db: Path, rng: random.Random, _number: int) -> tuple[list[str], bool]:
        (case / "fuzz.xlsx").write_bytes(mutate_workbook(template.extra["workbook"], rng))
        return _cli(db, "import", "--kind", "time", "fuzz.xlsx"), True
    return make


def _statistics(template: Template) -> Maker:
    def make(case: Path, db: Path, rng: random.Random, _number: int) -> tuple[list[str], bool]:
        text = mutate_json(template.extra["statistics"], rng)
        if rng.random() < 0.7:
            # A checksum that matches, so that the numbers themselves are checked.
            try:
                data = json.loads(text)
                data["sha256"] = content_sha256(data)
                text = json.dumps(data, ensure_ascii=False)
            except (ValueError, TypeError, RecursionError, KeyError, AttributeError):
                pass
        (case / "fuzz.json").write_text(text, encoding="utf-8", errors="surrogatepass")
        return ["consolidate", "fuzz.json", "--out", str(case / "consolidation")], True
    return make


def _keys(_template: Template) -> Maker:
    def make(case: Path, db: Path, rng: random.Random, _number: int) -> tuple[list[str], bool]:
        keys = Path(f"{db}.keys")
        header = json.loads(keys.read_text("utf-8"))
        text = mutate_json(header, rng, weights=[("slots", 0, "kdf"), ("slots", 1, "kdf"),
                                                 ("slots",)])
        keys.write_text(text, encoding="utf-8", errors="surrogatepass")
        return _cli(db, "audit"), True
    return make


def _passphrase(_template: Template) -> Maker:
    def make(case: Path, db: Path, rng: random.Random, number: int) -> tuple[list[str], bool]:
        (case / "fuzz.txt").write_bytes(passphrase_bytes(rng))
        if number % 2:
            return _cli(db, "passwd", "--new-passphrase-file", "fuzz.txt"), True
        return ["audit", "--db", str(db), "--passphrase-file", "fuzz.txt"], False
    return make


KINDS: dict[str, Callable[[Template], Maker]] = {
    "paquet": _bundle, "csv": _csv, "xlsx": _xlsx, "statistique": _statistics,
    "clés": _keys, "phrase de passe": _passphrase,
}


def test_an_enormous_key_derivation_cost_is_refused_at_once(
        template: Template, forks: ForkServer, tmp_path: Path) -> None:
    """A ``.keys`` asking for a billion Argon2 passes is refused in French before any
    derivation (the issue: « a .keys with an enormous time cost »)."""
    case = tmp_path / "cas"
    db = template.copy(case)
    keys = Path(f"{db}.keys")
    header = json.loads(keys.read_text("utf-8"))
    for slot in header["slots"]:
        if slot["kdf"].get("name") == "argon2id":
            slot["kdf"]["time_cost"] = 10**9
    keys.write_text(json.dumps(header), encoding="utf-8")
    before = base_state(db)
    outcome = forks.run(cwd=case, argv=_cli(db, "audit"), memory=MEMORY, cpu=20, timeout=20)
    assert outcome.refused_in_french() is None, outcome.stderr
    assert "coût" in outcome.stderr or "Argon2" in outcome.stderr, outcome.stderr
    assert base_state(db) == before


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_fuzzed_outside_files_are_refused_in_one_french_line(
        template: Template, forks: ForkServer, tmp_path: Path, kind: str) -> None:
    make = KINDS[kind](template)
    failures = COUNTS["failures"]
    peak = 0
    for number in range(FUZZ):
        rng = random.Random(f"{SEED}-{kind}-{number}")
        case = tmp_path / f"{number}"
        db = template.copy(case)
        argv, may_succeed = make(case, db, rng, number)
        before = base_state(db)
        outcome = forks.run(cwd=case, argv=argv, memory=MEMORY, cpu=SECONDS, timeout=SECONDS)
        COUNTS[f"fuzz:{kind}"] += 1
        peak = max(peak, outcome.maxrss_kib)
        where = f"fuzz {kind} n° {number} (graine {SEED})"
        if outcome.status == 0 and may_succeed:
            COUNTS[f"fuzz:{kind}:accepté"] += 1
            # passwd may have accepted the fuzzed file as the new passphrase.
            fuzzed = (read_passphrase(case / "fuzz.txt"),) if kind == "phrase de passe" else ()
            _opened, problems = open_checked(db, (PASSPHRASE, *fuzzed), template.recovery_key)
            problems = [p for p in problems if kind != "clés" or "clé de secours" not in p]
        else:
            wrong = outcome.refused_in_french()
            problems = [wrong] if wrong else []
            if not problems and base_state(db) != before:
                problems.append("la base a changé alors que la commande a refusé")
            written = case / "consolidation"
            if not problems and written.exists() and any(written.iterdir()):
                problems.append("la consolidation refusée a écrit des fichiers")
        for problem in problems:
            record_failure(f"{where} : {problem}")
        shutil.rmtree(case)
    COUNTS[f"fuzz:{kind}:pic mémoire (Mio)"] = peak // 1024
    assert COUNTS["failures"] == failures, "voir le résumé « suite de pannes »"
