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
    folded = unicodedata.normalize("NFKD", text.casefold())
    stripped = "".join(ch for ch in folded if not unicodedata.combining(ch))
    stripped = stripped.translate(_LETTERS)
    return " ".join(stripped.split())


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
    forms: list[str] = []
    for field in fields:
        if field:
            folded, latin = fold(field), fold(anyascii(field))
            forms += [folded] if latin == folded else [folded, latin]
    return "\x00".join(forms)


def matches_folded(words: list[str], folded: str) -> bool:
    """:func:`matches` on precomputed :func:`query_words` and :func:`haystack`."""
    return all(word in folded for word in words)

