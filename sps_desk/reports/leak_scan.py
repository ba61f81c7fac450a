"""Leak scan: no name, address, phone, code or nickname of a young person leaves in free text.

Before anything leaves (statistics file, diffusion report), every free text it carries
(service and association names, communes and quartiers, the chief's sections, partner
names…) is compared with the identity table and the young people's codes, nicknames and
birth dates (DESIGN.md §5). The comparison folds the text as a person reads it
(issue #11):

* Unicode form (NFKC: full-width letters), invisible and format characters (category
  Cf: zero-width spaces and joiners, soft hyphens, bidirectional marks; variation
  selectors), case and accents, other scripts transliterated to ASCII (« Łucja » =
  « LUCJA », « Œnone » = « Oenone »): the words are those of :mod:`sps_desk.folding`,
  the folding erasure uses, so that what erasure finds the scan finds too;
* letters written one by one (« L u c j a », « L.U.C.J.A », « L-u-c-j-a ») and words cut
  by hyphens or dots (« Lu-cja ») are read joined, as well as apart;
* names and nicknames match as whole words, whole or written joined; each part of a
  compound name (« Ben Ali », « Dupont-Moretti ») of at least 3 letters that is neither a
  common French word (``resources/leak_scan/mots_courants.txt``) nor a particle
  (:data:`sps_desk.folding.PARTICLES`) matches alone;
* a code matches with or without its dash (« J-7KQ2MX », « J7KQ2MX ») and by its
  distinctive part (« 7KQ2MX »);
* a phone number matches by its digits whatever the spacing, dots or dashes, in its
  national (0…) or international (+33…, 0033…) form;
* an address matches by its street number followed, within a few words, by a word of
  its street name (« 12 r. des Œillets » for « 12 rue des Œillets »); a postal code and
  town alone (the service's own area) do not match;
* initials next to the right birth month (« J.D., née en mars », « JD 03/2009 ») match
  when both names and the month of birth are recorded.

A hit refuses the release. :class:`LeakFound` names each field and the exact words of
that field that matched (the chief's own text, shown back to the chief), so that a
false positive costs one rewording; :attr:`LeakFound.without_words` is the same
sentence without them, for logs.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from collections.abc import Container, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cache, cached_property
from importlib import resources

from sps_desk import folding
from sps_desk.errors import SpsDeskError
from sps_desk.folding import fold
from sps_desk.store.database import Database
from sps_desk.store.identifiers import identifiers

MIN_PHONE_DIGITS = 6
"""Shorter digit runs (years, counts) are too common to be matched as a phone number."""
MIN_PART_LETTERS = 3
"""Shorter parts of a compound name (« Li », « de ») are not searched alone."""
WINDOW = 5
"""How many words may separate a street number from its street word, or initials from
the month of birth."""
_LONGEST_SPELLED = 40
"""Longest stretch of letters written one by one that is read as a word."""

KIND_LABELS: dict[str, str] = {
    "name": "un nom ou un prénom",
    "nickname": "un surnom",
    "code": "un code de jeune",
    "phone": "un numéro de téléphone",
    "address": "une adresse",
    "initials": "des initiales avec un mois de naissance",
}
"""French wording of what a match is, by kind."""

_STREET_WORDS = frozenset({
    "rue", "r", "av", "ave", "avenue", "bd", "boulevard", "bld", "all", "allee", "imp",
    "impasse", "ch", "chem", "chemin", "pl", "place", "rte", "route", "sq", "square", "crs",
    "cours", "quai", "residence", "res", "cite", "lotissement", "lot", "hameau", "voie",
    "sentier", "passage", "pass", "rond", "point", "bat", "batiment", "appt", "appartement",
    "apt", "esc", "escalier", "etage", "bis", "ter", "quater", "de", "des", "du", "la",
    "le", "les", "l", "d", "au", "aux", "et", "en", "sur", "sous"
})
"""Street types, their abbreviations and small words: never the distinctive word."""

_MONTHS: dict[str, int] = {
    name: number
    for number, names in enumerate((
        "janvier janv jan", "fevrier fevr fev", "mars", "avril avr", "mai", "juin",
        "juillet juil", "aout", "septembre sept sep", "octobre oct", "novembre nov",
        "decembre dec",
    ), start=1)
    for name in names.split()
}

_SHORT_WORDS = frozenset({
    "au", "ce", "de", "du", "en", "et", "il", "je", "la", "le", "ma", "me", "mi", "ne",
    "ni", "on", "ou", "sa", "se", "si", "ta", "te", "tu", "un", "va", "vu", "lu", "eu",
    "su", "ca", "fi", "ha", "oh", "ah"
})
"""Two-letter words that are not taken for initials when written as a word."""

@cache
def common_words() -> frozenset[str]:
    """The shipped list of common French words (folded), never searched alone as a part
    of a compound name."""
    text = resources.files("sps_desk").joinpath(
        "resources", "leak_scan", "mots_courants.txt").read_text(encoding="utf-8")
    return frozenset(word for line in text.splitlines() if not line.startswith("#")
                     for word in line.split())


# --------------------------------------------------------------------------- reading


@dataclass(frozen=True)
class Token:
    """A word as read: ``text`` folded to ASCII letters and digits (``sps_desk.folding``),
    ``start``/``end`` in the original text; ``letters``: how many letters written one
    by one it holds (1 for a lone letter, 0 for a written word); ``upper``: written in
    capitals."""

    text: str
    start: int
    end: int
    letters: int = 0
    upper: bool = False


def read_words(text: str) -> tuple[list[Token], list[str]]:
    """The words of ``text`` as :func:`sps_desk.folding.tokens` folds them (the same
    folding as erasure's), and the separator before each word (``space``, ``joiner`` for
    hyphens, dots and underscores, ``other``)."""
    result: list[Token] = []
    separators: list[str] = []
    previous_end = 0
    for token in folding.tokens(text):
        original = text[token.start:token.end]
        visible = [ch for ch in original if unicodedata.category(ch)[0] in "LN"]
        result.append(Token(token.text, token.start, token.end,
                            letters=int(len(visible) == 1 and visible[0].isalpha()),
                            upper=original.isupper() and len(token.text) > 1))
        separators.append(_separator(text[previous_end:token.start]))
        previous_end = token.end
    return result, separators


def _separator(gap: str) -> str:
    shown = [ch for ch in gap if unicodedata.category(ch) not in ("Cf", "Mn", "Me")]
    if not shown or any(ch.isspace() for ch in shown):
        return "space"
    if all(ch in ".·_" or unicodedata.category(ch) == "Pd" for ch in shown):
        return "joiner"
    return "other"


def joined(words: Sequence[Token], separators: Sequence[str]) -> list[Token]:
    """The words read joined: single letters in a row (« L u c j a », « J.D. ») and
    words cut by hyphens or dots (« Lu-cja », « J-7KQ2MX ») become one word."""
    result: list[Token] = []
    for word, separator in zip(words, separators, strict=True):
        previous = result[-1] if result else None
        letters_run = (previous is not None and word.letters == 1 and previous.letters > 0
                       and separator != "other")
        if previous is not None and (separator == "joiner" or letters_run):
            result[-1] = Token(previous.text + word.text, previous.start, word.end,
                               letters=previous.letters + 1 if letters_run else 0,
                               upper=previous.upper and word.upper)
        else:
            result.append(word)
    return result


def _letter_runs(words: Sequence[Token], separators: Sequence[str],
                 prefixes: Container[str]) -> list[Token]:
    """Every stretch of two or more letters written one by one in a row that begins a
    one-word needle (``prefixes``): « à L u c j a » holds « lucja », a lone-letter word
    before a spelled name must not hide it."""
    runs: list[list[Token]] = []
    for word, separator in zip(words, separators, strict=True):
        if word.letters == 1 and runs and runs[-1] and separator != "other":
            runs[-1].append(word)
        elif word.letters == 1:
            runs.append([word])
        else:
            runs.append([])
    stretches = []
    for run in runs:
        for first in range(len(run)):
            text = run[first].text
            for last in range(first + 1, min(len(run), first + _LONGEST_SPELLED)):
                text += run[last].text
                if text not in prefixes:
                    break
                stretches.append(Token(text, run[first].start, run[last].end,
                                       letters=last - first + 1))
    return stretches


@dataclass(frozen=True)
class _Reading:
    """A text as a person may read it: the words as written, the words joined, and every
    stretch of letters written one by one (each a word on its own)."""

    words: list[Token]
    joined: list[Token]
    spelled: list[Token]


def _read(text: str, prefixes: Container[str]) -> _Reading:
    found, separators = read_words(text)
    return _Reading(found, joined(found, separators),
                    _letter_runs(found, separators, prefixes))


# --------------------------------------------------------------------------- needles


def _digits(text: str) -> str:
    return re.sub(r"\D", "", unicodedata.normalize("NFKC", text))


def phone_key(phone: str) -> str:
    """The digits that identify a phone number: a French number by its last nine digits
    (the same for 06…, +33 6…, 0033 6…), another by all its digits."""
    digits = _digits(phone)
    if digits.startswith("00"):
        digits = digits[2:]
    if digits.startswith("330") and len(digits) == 12:
        digits = "0" + digits[3:]
    elif digits.startswith("33") and len(digits) == 11:
        digits = "0" + digits[2:]
    if len(digits) == 10 and digits.startswith("0"):
        return digits[1:]
    return digits


class Beginnings:
    """The beginnings of two letters or more of some words, for ``in``: « luc » in
    ``Beginnings(["lucja"])``. The words are kept sorted and searched by bisection: every
    beginning of the 80 000 one-word needles of a large base, as a set, took longer to
    build than the scan. They are sorted when first searched: only a text with letters
    written one by one searches them (most reports have none). The words are copied
    when given, so that two threads searching at once both sort the same words (the
    same list) instead of sharing one iterator."""

    def __init__(self, words: Iterable[str]) -> None:
        self._words = tuple(words)
        self._sorted: list[str] | None = None

    def __contains__(self, text: object) -> bool:
        if not isinstance(text, str) or len(text) < 2:
            return False
        ordered = self._sorted
        if ordered is None:
            ordered = self._sorted = sorted(set(self._words))
        at = bisect_left(ordered, text)
        return at < len(ordered) and ordered[at].startswith(text)


@dataclass(frozen=True)
class Needles:
    """The protected values, folded once.

    ``phrases``: folded word sequences and their kind (a key of :data:`KIND_LABELS`);
    ``phones``: :func:`phone_key` of each phone; ``addresses``: street number → street
    words; ``initials``: ``(two letters, month, year)``.
    """

    phrases: dict[tuple[str, ...], str] = field(default_factory=dict)
    phones: frozenset[str] = frozenset()
    addresses: dict[str, list[frozenset[str]]] = field(default_factory=dict)
    initials: frozenset[tuple[str, int, int]] = frozenset()
    prefixes: Beginnings = field(default_factory=lambda: Beginnings(()))
    """Every beginning of a one-word needle (to read spelled letters quickly)."""

    @cached_property
    def lengths(self) -> tuple[int, ...]:
        """The numbers of words of the phrases, in increasing order (computed once: the
        scan asks for them at every word of every text)."""
        return tuple(sorted({len(phrase) for phrase in self.phrases}))

    @classmethod
    def build(
        cls,
        names: Iterable[str] = (),
        *,
        nicknames: Iterable[str] = (),
        codes: Iterable[str] = (),
        phones: Iterable[str] = (),
        addresses: Iterable[str] = (),
        births: Iterable[tuple[str, str, date]] = (),
    ) -> Needles:
        """From names (first and last names), nicknames, codes, phone numbers,
        addresses and ``(first name, last name, birth date)`` of people whose month of
        birth is known."""
        phrases: dict[tuple[str, ...], str] = {}

        def add(words: Sequence[str], kind: str) -> None:
            if words:
                phrases.setdefault(tuple(words), kind)

        common = common_words() | folding.PARTICLES
        for kind, values in (("name", names), ("nickname", nicknames)):
            for value in _distinct(values):
                words = _folded_words(value)
                add(words, kind)
                if len(words) > 1:
                    add(["".join(words)], kind)
                    for part in words:
                        if len(part) >= MIN_PART_LETTERS and part not in common:
                            add([part], kind)
        # Every young person has a code of their own (25 000 on a large base): the
        # loop adds their phrases directly.
        put = phrases.setdefault
        for code in _distinct(codes):
            words = _folded_words(code)
            if not words:
                continue
            put(tuple(words), "code")
            put(("".join(words),), "code")
            for part in words:
                digits = part.isdigit()
                if (len(part) >= 5 and not digits and part not in common) or (
                        digits and len(part) >= 6):
                    put((part,), "code")
        streets: dict[str, list[frozenset[str]]] = {}
        for address in _distinct(addresses):
            for line in re.split(r"[,\n;]", address):
                words = _folded_words(line)
                numbers = [i for i, w in enumerate(words) if re.match(r"^\d{1,4}", w)]
                if numbers:
                    at = numbers[0]
                    number = re.match(r"^\d+", words[at]).group()  # type: ignore[union-attr]
                    street = frozenset(w for w in words[at + 1:] if w not in _STREET_WORDS
                                       and not w.isdigit() and len(w) >= 2)
                    if street:
                        streets.setdefault(number, []).append(street)
                elif len(words) >= 3:
                    add(words, "address")
        keys = frozenset(k for p in _distinct(phones) if len(k := phone_key(p)) >= MIN_PHONE_DIGITS)
        initials = set()
        first_letter = cache(lambda name: fold(name)[:1])  # names repeat
        for first, last, born in births:
            a, b = first_letter(first), first_letter(last)
            if a.isalpha() and b.isalpha():
                initials |= {(a + b, born.month, born.year), (b + a, born.month, born.year)}
        prefixes = Beginnings(phrase[0] for phrase in phrases if len(phrase) == 1)
        return cls(phrases, keys, streets, frozenset(initials), prefixes)


_ASCII_WORD = re.compile(r"[a-z0-9]+")


def _folded_words(text: str) -> list[str]:
    """The folded words of ``text``, as :func:`read_words` reads them: an ASCII text
    (most codes, phones and addresses) by one regular expression, which gives the same
    words (ASCII letters and digits, lower case; everything else separates), another
    through :func:`sps_desk.folding.tokens`."""
    if text.isascii():
        return _ASCII_WORD.findall(text.lower())
    return [token.text for token in folding.tokens(text)]


def _distinct(values: Iterable[str]) -> list[str]:
    """The non-empty values, each once (first names repeat across thousands of young
    people; most phones and addresses are empty), in their first order."""
    return [value for value in dict.fromkeys(values) if value]


def needles_of(database: Database) -> Needles:
    """Every identity field, code, nickname and known birth month of the base (one
    narrow query), ready for the scan."""
    people = identifiers(database)
    return Needles.build(
        people.first_names + people.last_names,
        nicknames=people.nicknames,
        codes=people.codes,
        phones=people.phones,
        addresses=people.addresses,
        births=people.births,
    )


# --------------------------------------------------------------------------- scan


@dataclass(frozen=True)
class Hit:
    """A match: the field's French name, the matched words as written, and the kind."""

    field: str
    words: str
    kind: str


def _phrase_hits(view: Sequence[Token], needles: Needles, *, alone: bool = False
                 ) -> list[tuple[int, int, str]]:
    """Phrases found in ``view``; with ``alone``, each word stands by itself (one-word
    needles only)."""
    found = []
    texts = [t.text for t in view]
    lengths = (1,) if alone else needles.lengths
    for index in range(len(texts)):
        for length in lengths:
            kind = needles.phrases.get(tuple(texts[index:index + length]))
            if kind is not None and index + length <= len(texts):
                found.append((view[index].start, view[index + length - 1].end, kind))
    return found


def _address_hits(view: Sequence[Token], needles: Needles) -> list[tuple[int, int, str]]:
    found = []
    for index, word in enumerate(view):
        number = re.match(r"^\d+", word.text)
        if number is None or number.group() not in needles.addresses:
            continue
        streets = needles.addresses[number.group()]
        for after in view[index + 1:index + 1 + WINDOW]:
            if any(after.text in street for street in streets):
                found.append((word.start, after.end, "address"))
                break
    return found


def _month_near(view: Sequence[Token], index: int) -> list[tuple[int, int | None, int]]:
    """``(month, year or None, end)`` of every month written within the window."""
    result = []
    low, high = max(0, index - WINDOW), min(len(view), index + WINDOW + 1)
    for at in range(low, high):
        word = view[at].text
        following = view[at + 1].text if at + 1 < len(view) else ""
        year = int(following) if following.isdigit() and len(following) in (2, 4) else None
        end = view[at + 1].end if year is not None else view[at].end
        if word in _MONTHS:
            result.append((_MONTHS[word], year, end))
        elif word.isdigit() and len(word) <= 2 and 1 <= int(word) <= 12 and year is not None:
            result.append((int(word), year, end))
    return result


def _initials_hits(view: Sequence[Token], needles: Needles) -> list[tuple[int, int, str]]:
    """Initials (two letters written apart, « J.D. », « J D », or in capitals, « JD »)
    with the month of birth of the person they belong to nearby."""
    found: list[tuple[int, int, str]] = []
    if not needles.initials:
        return found
    wanted = {letters for letters, _m, _y in needles.initials}
    for index, word in enumerate(view):
        text, start = word.text, word.start
        following = view[index + 1] if index + 1 < len(view) else None
        if word.letters == 1 and following is not None and following.letters == 1:
            text = word.text + following.text  # « J D » read as written
        elif not (word.letters >= 2 or (word.upper and word.text not in _SHORT_WORDS)):
            continue
        if text not in wanted:
            continue
        for month, year, end in _month_near(view, index):
            if any((text, month) == (letters, m) and (year is None or year in (y, y % 100))
                   for letters, m, y in needles.initials):
                found.append((start, max(end, word.end), "initials"))
                break
    return found


_PHONE_RUN = re.compile(r"\+?\d(?:[\s.\-/()\u00ad\u200b-\u200d\u2060\ufeff]*\d){5,}")
"""Digits separated by spaces, dots, dashes, slashes, brackets or invisible characters."""


def find_leaks(fields: Sequence[tuple[str, str]], needles: Needles) -> list[Hit]:
    """Every match in the ``(French field name, text)`` fields, in field order."""
    hits: list[Hit] = []
    for name, text in fields:
        reading = _read(text, needles.prefixes)
        spans = _phrase_hits(reading.spelled, needles, alone=True)
        for view in (reading.words, reading.joined):
            spans += _phrase_hits(view, needles)
            spans += _address_hits(view, needles)
            spans += _initials_hits(view, needles)
        for run in _PHONE_RUN.finditer(text):
            key = phone_key(run.group())
            if any(phone in key for phone in needles.phones):
                spans.append((run.start(), run.end(), "phone"))
        seen: set[tuple[int, int]] = set()
        for start, end, kind in sorted(spans, key=lambda span: (span[0], -span[1])):
            if any(s <= start and end <= e for s, e in seen):
                continue
            seen.add((start, end))
            hits.append(Hit(name, text[start:end], kind))
    return hits


class LeakFound(SpsDeskError):
    """A free text about to leave contains a protected value.

    The French message names each field and quotes the words that matched (the chief's
    own text); :attr:`without_words` names only the fields, for logs. ``fields``: the
    field names in order; ``hits``: every :class:`Hit`.
    """

    def __init__(self, hits: Sequence[Hit]) -> None:
        self.hits = list(hits)
        self.fields = list(dict.fromkeys(hit.field for hit in self.hits))
        parts = []
        for name in self.fields:
            quoted = " et ".join(f"« {hit.words} » ({KIND_LABELS[hit.kind]})"
                                 for hit in self.hits if hit.field == name)
            parts.append(f"« {name} » contient {quoted}")
        listed = " ; ".join(f"« {name} »" for name in self.fields)
        self.without_words = (
            f"Diffusion refusée : {listed} contient un nom, une adresse, un téléphone, "
            "un code ou un surnom d'un jeune. Reformulez ce texte puis relancez.")
        super().__init__(
            "Diffusion refusée : " + " ; ".join(parts)
            + ". Ces mots désignent un jeune : reformulez ce texte puis relancez.")


def check_no_leak(fields: Sequence[tuple[str, str]], needles: Needles) -> None:
    """Raise :class:`LeakFound` when any of ``fields`` leaks.

    Raises:
        LeakFound: naming every field that leaks and the words that matched.
    """
    hits = find_leaks(fields, needles)
    if hits:
        raise LeakFound(hits)
