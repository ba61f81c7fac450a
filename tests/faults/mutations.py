"""Mutations of valid files, for the fuzzers: blind byte damage, and changes that keep a
file's shape (JSON values swapped for absurd ones, XML of a workbook altered) so that the
parsers' deeper checks are reached too. Every choice comes from the ``random.Random``
given, so a case is replayed from its seed."""

from __future__ import annotations

import io
import json
import random
import zipfile
from typing import Any

_SPECIAL_TEXTS = ["", " ", "\u200b", "=HYPERLINK(\"http://x\")", "\0", "Zoé Ğüzel", "Дмитрий",
                  "أمينة", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢", "\ud7ff" * 3, "../../etc/passwd", "%s%s%n", "NaN",
                  "1e400", "-1", "31/02/2025", "00/00/0000", "9" * 400]

# Values as JSON text (some are not JSON at all, on purpose).
_SPECIAL_JSON = ["1e400", "-1e400", "NaN", "Infinity", "-5", "-0.0", "10" + "0" * 400,
                 "9" * 5000, "0.1", "1.5e-320", "true", "null", "[]", "{}", '""',
                 '"' + "A" * 2_000_000 + '"', "[" * 2000 + "]" * 2000,
                 "[" + "{}," * 300_000 + "{}]", '"2025-13-45"', '"' + "é" * 70 + '"',
                 "18446744073709551616", "-9223372036854775809"]


def damage_bytes(data: bytes, rng: random.Random) -> bytes:
    """``data`` with blind damage: flipped bits, a cut, inserted or repeated bytes."""
    choice = rng.randrange(5)
    buffer = bytearray(data)
    if choice == 0 and buffer:
        for _ in range(rng.randint(1, 10)):
            position = rng.randrange(len(buffer))
            buffer[position] ^= 1 << rng.randrange(8)
    elif choice == 1:
        buffer = buffer[:rng.randrange(len(buffer) + 1)]
    elif choice == 2:
        position = rng.randrange(len(buffer) + 1)
        buffer[position:position] = rng.randbytes(rng.randint(1, 4096))
    elif choice == 3 and buffer:
        start = rng.randrange(len(buffer))
        piece = buffer[start:start + rng.randint(1, 64)]
        buffer[start:start] = piece * rng.randint(2, 20_000)
    else:
        position = rng.randrange(len(buffer) + 1)
        buffer[position:position] = rng.choice(_SPECIAL_TEXTS).encode("utf-8", "surrogatepass")
    return bytes(buffer)


def _paths(value: Any, path: tuple = ()) -> list[tuple]:
    """Every place in a JSON value (dict keys and list indexes)."""
    found = [path]
    if isinstance(value, dict):
        for key, item in value.items():
            found += _paths(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value[:50]):
            found += _paths(item, (*path, index))
    return found


_MARK = "@@FUZZ@@"


def mutate_json(value: Any, rng: random.Random, *, weights: list[tuple] | None = None) -> str:
    """JSON text of ``value`` with one to three places changed: a value swapped for an
    absurd one (possibly not valid JSON), a key removed, a list grown, a type changed.
    ``weights``: places to prefer (paths whose start matches), e.g. the KDF fields."""
    value = json.loads(json.dumps(value))
    replacements: list[str] = []
    for _ in range(rng.randint(1, 3)):
        places = [p for p in _paths(value) if p]
        if weights and rng.random() < 0.6:
            wanted = [p for p in places if any(p[:len(w)] == w for w in weights)]
            places = wanted or places
        if not places:
            break
        path = rng.choice(places)
        parent = value
        for step in path[:-1]:
            parent = parent[step]
        last = path[-1]
        action = rng.randrange(4)
        if action == 0 and isinstance(parent, dict):
            del parent[last]
        elif action == 1 and isinstance(parent[last], list) and parent[last]:
            parent[last] = parent[last] * rng.randint(2, 50)
        else:
            replacements.append(rng.choice(_SPECIAL_JSON))
            parent[last] = f"{_MARK}{len(replacements) - 1}{_MARK}"
    text = json.dumps(value, ensure_ascii=False)
    for index, replacement in enumerate(replacements):
        text = text.replace(f'"{_MARK}{index}{_MARK}"', replacement)
    return text


def mutate_workbook(data: bytes, rng: random.Random) -> bytes:
    """An XLSX with one part altered: a huge declared dimension, a cell far to the right
    or far down, a shared string of megabytes, broken XML, or blind damage of a part."""
    source = zipfile.ZipFile(io.BytesIO(data))
    parts = {name: source.read(name) for name in source.namelist()}
    sheet = "xl/worksheets/sheet1.xml"
    choice = rng.randrange(6)
    if choice == 0:
        parts[sheet] = parts[sheet].replace(b'<dimension ref="', b'<dimension ref="A1:XFD1048576')
    elif choice == 1:
        parts[sheet] = parts[sheet].replace(
            b"</sheetData>", b'<row r="%d"><c r="%s%d" t="n"><v>1</v></c></row></sheetData>' % (
                rng.choice([3, 999_999, 1_048_576]), rng.choice([b"A", b"ZZ", b"XFD"]), 7))
    elif choice == 2:
        text = b"B" * rng.choice([40_000, 3_000_000, 60_000_000])
        parts["xl/sharedStrings.xml"] = (
            b'<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/'
            b'spreadsheetml/2006/main"><si><t>' + text + b"</t></si></sst>")
    elif choice == 3:
        name = rng.choice(sorted(parts))
        parts[name] = parts[name][:rng.randrange(len(parts[name]) + 1)]
    elif choice == 4:
        name = rng.choice(sorted(parts))
        parts[name] = damage_bytes(parts[name], rng)
    else:
        parts[sheet] = parts[sheet].replace(b"<v>", b"<v>" + rng.choice(
            [b"1e400", b"NaN", b"-", b"99999999999999999999", b"abc", b"1e308"]), 1)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as target:
        for name, content in parts.items():
            target.writestr(name, content)
    return out.getvalue()


def mutate_csv(data: bytes, rng: random.Random) -> bytes:
    """A CSV with changed cells, separators or encoding, or blind damage."""
    text = data.decode("utf-8")
    lines = text.splitlines()
    choice = rng.randrange(6)
    if choice == 0:
        row = rng.randrange(len(lines))
        cells = lines[row].split(";")
        cells[rng.randrange(len(cells))] = rng.choice([*_SPECIAL_TEXTS, "A" * 40_000])
        lines[row] = ";".join(cells)
    elif choice == 1:
        lines = [line.replace(";", rng.choice([",", "\t", ";;", '"', "|"])) for line in lines]
    elif choice == 2:
        return "\r\n".join(lines).encode(rng.choice(["utf-16", "utf-16-le", "utf-16-be",
                                                     "cp1252", "utf-32"]), "replace")
    elif choice == 3:
        lines.insert(rng.randrange(len(lines)), ";" * rng.choice([5, 2000, 200_000]))
    elif choice == 4:
        lines.insert(rng.randrange(1, len(lines)), '"' + "x" * rng.choice([10, 300_000]))
    else:
        return damage_bytes(data, rng)
    return "\n".join(lines).encode("utf-8")


def passphrase_bytes(rng: random.Random) -> bytes:
    """A passphrase file as users and accidents make them: text of every length and
    script, stray bytes, several lines, byte-order marks, NULs."""
    choice = rng.randrange(6)
    if choice == 0:
        return rng.randbytes(rng.choice([0, 1, 16, 300, 5000]))
    if choice == 1:
        return ("é" * rng.choice([1, 71, 72, 73, 100, 1024, 1025, 20_000])).encode("utf-8")
    if choice == 2:
        return b"\xef\xbb\xbf" + rng.choice(_SPECIAL_TEXTS).encode("utf-8", "surrogatepass")
    if choice == 3:
        return "\n".join(rng.choice(_SPECIAL_TEXTS) for _ in range(5)).encode(
            "utf-8", "surrogatepass")
    if choice == 4:
        return ("Zoé Ğüzel Дмитрий أمينة " * rng.randint(1, 10)).encode(
            rng.choice(["utf-8", "utf-16", "cp1252"]), "replace")
    return b"phrase\0de passe" * rng.randint(1, 100)
