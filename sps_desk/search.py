"""Text folding for search: what an educator types must find what was recorded.

A search for « zoe » finds « Zoé » whether it was stored composed (NFC) or decomposed
(NFD); « istanbul » finds « İstanbul », « IŞIK » finds « ışık », « strasse » finds
« Straße » and « coeur » finds « Cœur ». Folding is Unicode case folding (which maps
ß to ss and İ to i + combining dot), compatibility decomposition (NFKD), removal of the
combining marks, and a small table for Latin letters that carry no decomposable mark
(ı, ł, ø, đ, ħ, œ, æ…). Pure Python, no Qt, no SQL.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable

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
    words = fold(query).split()
    if not words:
        return True
    haystack = [fold(field) for field in fields if field]
    return all(any(word in value for value in haystack) for word in words)


def similar(first: str, second: str) -> bool:
    """Whether two short labels (nicknames, names) are the same once folded.

    Used for the possible-duplicate warning: « Zoé » and « ZOE » are similar.
    Empty labels are never similar.
    """
    a, b = fold(first).replace(" ", ""), fold(second).replace(" ", "")
    return bool(a) and a == b
