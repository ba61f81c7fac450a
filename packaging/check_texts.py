"""Check that a page rendered by the bundle speaks French (``packaging/smoke.sh``).

    python3 packaging/check_texts.py PAGE.txt --expect "Rencontres anonymes" …

``PAGE.txt`` is written by ``sps-desk screenshot --texts``: its first line names the
translation files in use, then one interface string a line, read from the very widgets
the screenshot was grabbed from (a cheaper and exact reading of the image than OCR).
Fails (exit 1, one line per problem) when:

* the application's ``sps_desk_fr.qm`` or Qt's ``qtbase_fr.qm`` is not loaded;
* an expected French text is missing;
* a string is shown in English: it equals the English source of a message whose French
  translation differs (``sps_desk/resources/translations/sps_desk_fr.ts``, read here and
  not from the bundle, so a bundle with a stale or missing ``.qm`` cannot hide it).

Standard library only: any Python 3.8 or later runs it (the hosted runners' own).
"""

from __future__ import annotations

import argparse
import sys
import xml.etree.ElementTree as ElementTree
from pathlib import Path

TS_FILE = (Path(__file__).resolve().parent.parent
           / "sps_desk" / "resources" / "translations" / "sps_desk_fr.ts")
REQUIRED_TRANSLATIONS = ("sps_desk_fr.qm", "qtbase_fr.qm")


def _clean(text: str) -> str:
    """As ``sps_desk.ui.visible_texts`` writes it: no mnemonic ``&``, single spaces."""
    text = text.replace("&&", "\0").replace("&", "").replace("\0", "&")
    return " ".join(text.split())


def english_sources(ts_file: Path) -> set[str]:
    """English source strings whose French translation is different."""
    sources: set[str] = set()
    for message in ElementTree.parse(ts_file).getroot().iter("message"):
        source = _clean(message.findtext("source") or "")
        translation = _clean(message.findtext("translation") or "")
        # Strings with placeholders ({0}) never appear verbatim on screen.
        if source and source != translation and "{" not in source:
            sources.add(source)
    return sources


def problems(lines: list[str], expected: list[str], english: set[str]) -> list[str]:
    """French sentences describing what is wrong with a page's ``lines``."""
    found: list[str] = []
    header = lines[0] if lines else ""
    if not header.startswith("# traductions"):
        return ["le fichier ne commence pas par la ligne des traductions chargées"]
    for name in REQUIRED_TRANSLATIONS:
        if name not in header:
            found.append(f"traduction non chargée : {name} ({header})")
    texts = lines[1:]
    for text in expected:
        if not any(text in line for line in texts):
            found.append(f"texte français attendu absent : « {text} »")
    found += [f"texte en anglais : « {line} »" for line in texts if line in english]
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("texts", type=Path)
    parser.add_argument("--expect", action="append", default=[])
    args = parser.parse_args()
    lines = args.texts.read_text(encoding="utf-8").splitlines()
    found = problems(lines, args.expect, english_sources(TS_FILE))
    for problem in found:
        print(f"{args.texts.name} : {problem}", file=sys.stderr)
    return 1 if found else 0


if __name__ == "__main__":
    raise SystemExit(main())
