"""Names of the identity table, to warn when a free-text note contains one.

Observation notes are about the territory and must never name anyone (DESIGN.md §2).
The warning compares whole words, folded (case, accents, Unicode form), with the last
and first names recorded in the identity table; it never shows which name matched.
"""

from __future__ import annotations

import re
import unicodedata
from itertools import pairwise

from sps_desk.search import fold
from sps_desk.store.database import Database

_WORD = re.compile(r"[^\W\d_]+(?:[-'][^\W\d_]+)*")
MIN_NAME_LENGTH = 2


def identity_names(database: Database) -> frozenset[str]:
    """Folded last and first names (and each part of compound names) of live identities."""
    names: set[str] = set()
    for identity in database.repos.identities.all():
        for value in (identity.last_name, identity.first_name):
            folded = fold(value)
            if len(folded) >= MIN_NAME_LENGTH:
                names.add(folded)
                names.update(
                    part for part in re.split(r"[\s\-']+", folded) if len(part) >= MIN_NAME_LENGTH
                )
    return frozenset(names)


def contains_name(text: str, names: frozenset[str]) -> bool:
    """Whether ``text`` contains a word (or two-word group) equal to a folded name."""
    if not names or not text.strip():
        return False
    # NFC first: a decomposed « é » would otherwise split a word at its combining mark.
    words = [fold(word) for word in _WORD.findall(unicodedata.normalize("NFC", text))]
    if any(word in names for word in words):
        return True
    return any(f"{a} {b}" in names for a, b in pairwise(words))
