"""Text folding for search: what an educator types must find what was recorded.

A search for « zoe » finds « Zoé » whether it was stored composed (NFC) or decomposed
(NFD); « istanbul » finds « İstanbul », « IŞIK » finds « ışık », « strasse » finds
« Straße » and « coeur » finds « Cœur ». Folding is Unicode case folding (which maps
ß to ss and İ to i + combining dot), compatibility decomposition (NFKD), removal of the
combining marks, and a small table for Latin letters that carry no decomposable mark
(ı, ł, ø, đ, ħ, œ, æ…). Records are also searchable in Latin transliteration
(anyascii): « dmitri » finds « Дмитрий » and « wang » finds « 王 », for
a colleague whose keyboard has only Latin letters. Pure Python, no Qt, no SQL.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from functools import cache

from anyascii import anyascii

_LETTERS = str.maketrans(
    {
        "ı": "i",
        "ł": "l",
        "ø": "o",
        "đ": "d",
        "ð": "d",
        "ħ": "h",
        "ŧ": "t",
        "þ": "th",
        "œ": "oe",
        "æ": "ae",
        "ĳ": "ij",
        "ŀ": "l",
        "’": "'",
        "‘": "'",
        "‐": "-",
        "‑": "-",
        "–": "-",
        "—": "-",
    }
)


def fold(text: str) -> str:
    """``text`` folded for comparison: lower case, no accents, single spaces.

    ``fold("  ZOÉ ") == fold("zoe\u0301") == "zoe"``; ``fold("Straße") == "strasse"``;
    ``fold("İpek") == fold("ipek")``; ``fold("Œnone") == "oenone"``.
    """
    if text.isascii():
        # Same result, ten times faster: ASCII has no marks, no compatibility forms and
        # nothing in the letter table (codes and most nicknames, 24 000 at a time).
        return " ".join(text.lower().split())
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return " ".join(decomposed.translate(_folding_table()).split())


@cache
def _folding_table() -> dict[int, str | None]:
    """Every combining mark removed (all lie below U+20000), then the letter table."""
    table: dict[int, str | None] = {
        code: None for code in range(0x20000) if unicodedata.combining(chr(code))
    }
    table.update(_LETTERS)
    return table


def matches(query: str, fields: Iterable[str]) -> bool:
    """Whether every word of ``query`` occurs in one of ``fields``, folded.

    An empty query matches everything. Words are matched as substrings, so « kem »
    finds the nickname « Kémi » and « 7kq » the code « J-7KQ2MX ».
    """
    return matches_folded(query_words(query), haystack(fields))


def query_words(query: str) -> list[str]:
    """The folded words of a search query (empty list: match everything)."""
    return fold(query).split()


def haystack(fields: Iterable[str]) -> str:
    """Folded fields, and their Latin transliterations where they differ, joined by a NUL
    (so that no word spans two fields), to be computed once per record and searched with
    :func:`matches_folded` on every keystroke."""
    return "\x00".join(field_forms(field) for field in fields if field)


def field_forms(field: str) -> str:
    """One field as :func:`haystack` keeps it: folded, then (NUL, its folded Latin
    transliteration) where it differs; the part before the first NUL is
    :func:`fold` of the field."""
    folded = fold(field)
    if field.isascii():
        return folded
    latin = fold(anyascii(field))
    return folded if latin == folded else f"{folded}\x00{latin}"


def matches_folded(words: list[str], folded: str) -> bool:
    """:func:`matches` on precomputed :func:`query_words` and :func:`haystack`."""
    return all(word in folded for word in words)

