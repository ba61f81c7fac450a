"""Near names: two nicknames that may be the same young person written twice.

The possible-duplicate warnings (Jeunes, Terrain, spreadsheet import) used to catch
only the same nickname once folded (« Zoé » = « ZOE »). Educators also write a name as
they hear it: « Kemi » / « Kémy », « Mohamed » / « Mohammed », « Yanis » / « Yannis »,
« Dmitri » / « Дмитрий », « Mohamed » / « محمد ». Two names are *near* when:

1. their **keys** are equal — the key is the name folded (case, accents) and written in
   Latin letters (anyascii), letters only, with the spellings French hears alike made
   one: « y » = « i », « ph » = « f », a silent « h » dropped, doubled letters single;
2. or, for keys of 5 letters or more, they differ by one edit (two from 9 letters):
   a typo (« Sofiane » / « Sofinae » is two, « Sofiane » / « Sofian » one), measured
   with rapidfuzz's Levenshtein distance;
3. or one is written in Arabic or Hebrew letters and the other in Latin letters, and
   their consonants are the same (these scripts leave most vowels unwritten:
   « محمد » is m-h-m-d, like « Mohamed »).

Short keys (« Léo » / « Léa ») must be equal: one letter there is another name.
A warning only: the user looks and decides. Pure Python, no Qt, no SQL.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Hashable, Iterable
from typing import Generic, TypeVar

from anyascii import anyascii
from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from sps_desk.search import fold

K = TypeVar("K", bound=Hashable)

ONE_EDIT_FROM = 5
"""Shortest key (in letters) that may differ by one edit and still be near."""
TWO_EDITS_FROM = 9
"""Shortest key that may differ by two edits."""

_DOUBLED = re.compile(r"(.)\1+")
_SILENT_H = re.compile(r"(?<![cs])h")
_VOWELS = re.compile(r"[aeiouyw]")


def name_key(name: str) -> str:
    """The key of a name, as described in the module docstring: « Kémy » → « kemi »,
    « Mohammed » → « moamed », « Дмитрий » → « dmitri »; ``""`` for no letter."""
    return _key_of(_latin_letters(name))


def _latin_letters(name: str) -> str:
    """The letters a-z of ``name`` folded and written in Latin letters."""
    return "".join(ch for ch in fold(anyascii(fold(name))) if "a" <= ch <= "z")


def _key_of(letters: str) -> str:
    letters = letters.replace("ph", "f").replace("y", "i")
    return _DOUBLED.sub(r"\1", _SILENT_H.sub("", letters))


def _abjad(name: str) -> bool:
    """Whether ``name`` is written in Arabic or Hebrew letters."""
    return any(unicodedata.name(ch, "").startswith(("ARABIC", "HEBREW")) for ch in name)


def _skeleton(name: str, latin: str | None = None) -> str:
    """The consonants of ``name`` in Latin letters (« Mohamed », « محمد » → « mhmd »);
    the final « h » of an Arabic feminine ending (ة) is dropped (« أمينة » → « mn »).
    ``latin``: ``name``'s :func:`_latin_letters` when already known."""
    if latin is None:
        latin = _latin_letters(name)
    consonants = _DOUBLED.sub(r"\1", _VOWELS.sub("", latin))
    if name.rstrip().endswith("ة") and _abjad(name):
        consonants = consonants.removesuffix("h")
    return consonants


def _edits_allowed(first: str, second: str) -> int:
    shortest = min(len(first), len(second))
    if shortest >= TWO_EDITS_FROM:
        return 2
    return 1 if shortest >= ONE_EDIT_FROM else 0


def near(first: str, second: str) -> bool:
    """Whether two names may be the same person's (see the module docstring); empty or
    letterless names are never near."""
    a, b = name_key(first), name_key(second)
    if not a or not b:
        return False
    if a == b:
        return True
    allowed = _edits_allowed(a, b)
    if allowed and Levenshtein.distance(a, b, score_cutoff=allowed) <= allowed:
        return True
    if _abjad(first) != _abjad(second):
        skeleton = _skeleton(first)
        return len(skeleton) >= 2 and skeleton == _skeleton(second)
    return False


class NearNames(Generic[K]):
    """Names to compare a new one with, each under a caller's id (a record id, a row):
    :meth:`matches` finds the near ones among thousands at keystroke speed (an index of
    keys, and rapidfuzz's C++ scan for the one- and two-edit neighbours)."""

    def __init__(self, named: Iterable[tuple[K, str]] = ()) -> None:
        self._by_key: dict[str, list[K]] = defaultdict(list)
        self._by_skeleton: dict[str, list[K]] = defaultdict(list)
        self._names: dict[K, str] = {}
        self._derived: dict[str, tuple[str, str]] = {}
        """Key and skeleton of each name met: nicknames repeat (a service's 24 000
        young people hold a few thousand first names), and deriving them is the cost."""
        for ident, name in named:
            self.add(ident, name)

    def _key_and_skeleton(self, name: str) -> tuple[str, str]:
        derived = self._derived.get(name)
        if derived is None:
            latin = _latin_letters(name)
            derived = self._derived[name] = (_key_of(latin), _skeleton(name, latin))
        return derived

    def add(self, ident: K, name: str) -> None:
        """Remember ``name`` under ``ident`` (a name without letters is left out)."""
        key, skeleton = self._key_and_skeleton(name)
        if not key:
            return
        self._names[ident] = name
        self._by_key[key].append(ident)
        self._by_skeleton[skeleton].append(ident)

    def discard(self, ident: K) -> None:
        """Forget the name under ``ident`` (nothing if there is none)."""
        name = self._names.pop(ident, None)
        if name is None:
            return
        for index, value in zip((self._by_key, self._by_skeleton),
                                self._key_and_skeleton(name), strict=True):
            index[value].remove(ident)
            if not index[value]:
                del index[value]

    def matches(self, name: str) -> list[K]:
        """Ids of the names near ``name``, in the order they were added."""
        key = name_key(name)
        if not key:
            return []
        found: set[K] = set(self._by_key.get(key, ()))
        keys = list(self._by_key)
        for other, _distance, index in process.extract(
                key, keys, scorer=Levenshtein.distance, score_cutoff=2, limit=None):
            if other != key and near(name, self._names[self._by_key[keys[index]][0]]):
                found.update(self._by_key[other])
        skeleton = _skeleton(name)
        if len(skeleton) >= 2:
            found.update(i for i in self._by_skeleton.get(skeleton, ())
                         if _abjad(self._names[i]) != _abjad(name))
        return [ident for ident in self._names if ident in found]
