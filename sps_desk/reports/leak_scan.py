"""Leak scan: no name, address, phone, code or nickname of a young person leaves in free text.

Before a statistics file is written, every free text it carries (service and association
names, communes and quartiers, the chief's sections) is compared with the identity table
and the young people's codes and nicknames (DESIGN.md §5). Comparison ignores case,
accents and Unicode form: both sides are NFKC-normalised, transliterated to ASCII with
``anyascii`` (so « Łucja », « ŁUCJA » and « Lucja » match, as do « Œnone » and « Oenone »)
and matched as whole words. Phone numbers are compared on their digits.

A hit refuses the export; the error names the field to fix but never the matched value
(an exception message may end up in a log).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from anyascii import anyascii

from sps_desk.errors import SpsDeskError

MIN_PHONE_DIGITS = 6
"""Shorter digit runs (years, counts) are too common to be matched as a phone number."""


class LeakFound(SpsDeskError):
    """A free text about to leave contains a protected value (French; names the fields)."""

    def __init__(self, fields: Sequence[str]) -> None:
        self.fields = list(fields)
        listed = " ; ".join(f"« {f} »" for f in self.fields)
        super().__init__(
            f"Export refusé : {listed} contient un nom, une adresse, un téléphone, un code "
            "ou un surnom d'un jeune. Corrigez ce texte puis relancez l'export."
        )


def fold(text: str) -> str:
    """Text reduced for comparison: NFKC, ASCII transliteration, lower case, words
    separated by single spaces (punctuation becomes a space)."""
    normal = unicodedata.normalize("NFKC", text)
    # Punctuation, symbols and separators of any script become spaces first: some
    # transliterate to letters, which would glue a name to its neighbours.
    spaced = "".join(
        " " if unicodedata.category(ch)[0] in "PSZC" else ch for ch in normal
    )
    ascii_text = anyascii(spaced).casefold()
    return " ".join(re.findall(r"[a-z0-9]+", ascii_text))


def _digits(text: str) -> str:
    return re.sub(r"\D", "", unicodedata.normalize("NFKC", text))


@dataclass(frozen=True)
class Needles:
    """The protected values, folded once: words/phrases and phone digit strings."""

    phrases: frozenset[str]
    phones: frozenset[str]

    @classmethod
    def build(
        cls, texts: Iterable[str], phones: Iterable[str] = (), addresses: Iterable[str] = ()
    ) -> Needles:
        """From names, codes and nicknames (``texts``), phone numbers and addresses.

        An address is matched whole and by its lines/comma-separated parts that hold a
        street number or at least three words (« 12 rue des Œillets »), not by a bare
        town name, which is also the service's commune.
        """
        phrases = {folded for t in texts if (folded := fold(t))}
        for address in addresses:
            phrases.add(fold(address))
            for part in re.split(r"[,\n;]", address):
                folded = fold(part)
                if (re.search(r"\d", folded) and re.search(r"[a-z]", folded)) or (
                    len(folded.split()) >= 3
                ):
                    phrases.add(folded)
        phrases.discard("")
        digit_strings = {d for p in phones if len(d := _digits(p)) >= MIN_PHONE_DIGITS}
        return cls(frozenset(phrases), frozenset(digit_strings))


def find_leaks(fields: Sequence[tuple[str, str]], needles: Needles) -> list[str]:
    """Names of the ``(name, text)`` fields whose text contains a protected value.

    A phrase matches as whole words (« Ana » is found in « avec Ana. » but not in
    « Banane »); a phone matches its digits anywhere in the field's digits.
    """
    hits = []
    for name, text in fields:
        haystack = f" {fold(text)} "
        digits = _digits(text)
        if any(f" {phrase} " in haystack for phrase in needles.phrases) or any(
            phone in digits for phone in needles.phones
        ):
            hits.append(name)
    return hits


def check_no_leak(fields: Sequence[tuple[str, str]], needles: Needles) -> None:
    """Raise :class:`LeakFound` naming every field of ``fields`` that leaks."""
    hits = find_leaks(fields, needles)
    if hits:
        raise LeakFound(hits)
