"""Finding a person's names, codes, phone numbers and addresses in free text, as a
person reads it, and where they are (to redact them).

Erasure (GDPR art. 17) must reach every free text that mentions the erased young
person, and the window must refuse to save a note that names someone (it would survive
the erasure). Both need more than a word search: what an educator types may differ from
what the identity table holds in

- case, accents and Unicode form: « ZOE », « Zoé », « Zoe\u0301 », « Ｚｏé » — every
  character is NFKC-normalised, transliterated to ASCII (``anyascii``: « Łucja » →
  « lucja », « Дмитрий » → « dmitriy ») and case-folded;
- invisible characters: a zero-width space, a soft hyphen or a joiner inside a name
  (« Zo\u200bé ») neither splits nor hides it (format characters and combining marks are
  transparent);
- spacing: « Z o é », « Z.O.É » (a run of single letters is also read as one word), and
  « PetitLoup » for the nickname « Petit Loup »;
- phone numbers, compared on their digits whatever the separators (« 06.12.34.56.78 »,
  « 06 12 34 56 78 », « +33 6 12 34 56 78 »);
- addresses, matched by their street number and street (« 12, rue des Œillets » for
  « 12 rue des Œillets, 62000 Arras »), never by the town alone (the service's commune).

Names are matched as whole words: « Ana » is found in « avec Ana. » but not in
« Banane ». Each part of a compound name is a needle too (« Marie-Ange » gives « marie »
and « ange »), except particles (« de », « ben »…). Pure Python, no Qt, no SQL: the store
uses it for erasure and purge, the window for its refusal, and the leak scan of what
leaves the service may reuse it.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field

from anyascii import anyascii

MIN_PHONE_DIGITS = 6
"""Shorter digit runs (years, counts, postal codes) are too common to be a phone."""

MIN_SPACED_LETTERS = 3
"""A name spelled letter by letter is matched from this length (« L i » is too common)."""

REDACTION_MARK = "[effacé]"
"""What replaces a redacted name, phone or address in a free text."""

PARTICLES = frozenset({
    "de", "du", "des", "la", "le", "les", "d", "l", "van", "von", "der", "den", "ten",
    "ben", "bin", "ibn", "bint", "al", "el", "da", "di", "do", "dos", "das", "del", "della",
    "mac", "mc", "st", "ste", "saint", "sainte", "y", "e", "af", "zu", "abu", "bou",
})
"""Parts of compound names that are not names on their own (never matched alone)."""

MIN_PART_LETTERS = 3
"""A part of a compound name is matched alone from this length: shorter parts are
French words (« Ün » of « Ğüzel-Ün » folds to « un »)."""

_PHONE_RUN = re.compile(
    r"\d(?:[ .\-/()+\u00a0\u202f\u2009\u00ad\u200b-\u200d\u2060\ufeff]{0,3}\d)+")
"""Digits separated by at most three spaces, dots, dashes, slashes, brackets or
invisible characters: how phone numbers are written."""
_STREET_NUMBER = re.compile(r"^\d{1,4}( ?(bis|ter|quater|[a-d]))? [a-z]")


@dataclass(frozen=True)
class Token:
    """A folded word of a text and where it is: ``text[start:end]`` in the original."""

    text: str
    start: int
    end: int


def _transparent(category: str) -> bool:
    # Combining marks, and format characters (zero-width space and joiners, soft
    # hyphen, byte-order mark): invisible, they must neither split nor hide a word.
    return category in ("Mn", "Me", "Cf")


@functools.lru_cache(maxsize=65536)
def _folded_character(character: str) -> str | None:
    """What one character contributes to a word: ``None`` for a separator, ``""`` for a
    transparent character, else its folded ASCII letters and digits. Cached: texts use
    few distinct characters, and erasure folds every free text of the base."""
    category = unicodedata.category(character)
    if _transparent(category):
        return ""
    if category[0] in "PSZC":
        # Punctuation, symbols, spaces and controls separate words. Some transliterate
        # to letters (« © » → « (C) »), which must not glue two words together.
        return None
    folded = anyascii(unicodedata.normalize("NFKC", character)).casefold()
    # Other output of a letter (the « ' » of an Arabic hamza) is dropped.
    return "".join(c for c in folded if "a" <= c <= "z" or "0" <= c <= "9")


def tokens(text: str) -> list[Token]:
    """The folded words of ``text`` (ASCII lower case letters and digits) with their
    positions in ``text``.

    ``[t.text for t in tokens("Zo\\u200bé-Marie, 06")] == ["zoe", "marie", "06"]``.
    """
    found: list[Token] = []
    current: list[str] = []
    start = end = 0
    for index, character in enumerate(text):
        letters = _folded_character(character)
        if letters is None:
            if current:
                found.append(Token("".join(current), start, end))
                current.clear()
        elif letters:
            if not current:
                start = index
            current.append(letters)
            end = index + 1
        elif current:
            # Invisible, inside a word: it belongs to it (redacted with it).
            end = index + 1
    if current:
        found.append(Token("".join(current), start, end))
    return found


def fold(text: str) -> str:
    """``text`` reduced for comparison: its folded words separated by single spaces.

    ``fold("  Œnone  Ørjan-Çağrı ") == "oenone orjan cagri"``.
    """
    return " ".join(token.text for token in tokens(text))


def _digits(text: str) -> str:
    return "".join(
        str(unicodedata.digit(ch)) for ch in unicodedata.normalize("NFKC", text)
        if unicodedata.digit(ch, None) is not None
    )


def _phone_forms(digits: str) -> set[str]:
    """The digit strings a phone number is written as: national and international."""
    forms = {digits}
    if digits.startswith("0") and not digits.startswith("00") and len(digits) >= 9:
        forms |= {"33" + digits[1:], "0033" + digits[1:]}
    if digits.startswith("0033"):
        forms.add("0" + digits[4:])
    elif digits.startswith("33") and len(digits) >= 11:
        forms.add("0" + digits[2:])
    return {form for form in forms if len(form) >= MIN_PHONE_DIGITS}


def name_parts(name: str) -> set[str]:
    """The needles of one name: the whole name, folded, and each part of a compound
    name of :data:`MIN_PART_LETTERS` letters or more that is not a particle
    (« Marie-Ange de la Tour » → « marie ange de la tour », « marie », « ange »,
    « tour »)."""
    folded = fold(name)
    if not folded:
        return set()
    parts = {folded}
    words = folded.split()
    if len(words) > 1:
        parts |= {word for word in words
                  if len(word) >= MIN_PART_LETTERS and word not in PARTICLES}
    return parts


def address_parts(address: str) -> set[str]:
    """The needles of one postal address: the whole address and each of its lines or
    comma-separated parts that starts with a street number (« 12 rue des Œillets »),
    never a postal code and town alone."""
    folded = fold(address)
    if not folded:
        return set()
    parts = {folded}
    for part in re.split(r"[,;\n]", address):
        candidate = fold(part)
        if _STREET_NUMBER.match(candidate) and len(candidate.split()) >= 2:
            parts.add(candidate)
    return parts


@dataclass(frozen=True)
class Needles:
    """Protected values folded once, ready to search many texts.

    ``phrases`` are folded word sequences; ``phones`` digit strings (every written
    form). Build them with :meth:`build`.
    """

    phrases: frozenset[tuple[str, ...]] = frozenset()
    phones: frozenset[str] = frozenset()
    _by_first: dict[str, list[tuple[str, ...]]] = field(
        default_factory=dict, compare=False, repr=False)
    _compact: frozenset[str] = field(default=frozenset(), compare=False, repr=False)

    @classmethod
    def build(
        cls, *, names: Iterable[str] = (), labels: Iterable[str] = (),
        phones: Iterable[str] = (), addresses: Iterable[str] = (),
    ) -> Needles:
        """Needles from people's ``names`` (last and first names: compound parts are
        needles too), ``labels`` matched whole only (codes, nicknames), phone numbers and
        postal addresses. Empty values are ignored."""
        texts: set[str] = set()
        for name in names:
            texts |= name_parts(name)
        for label in labels:
            if folded := fold(label):
                texts.add(folded)
        for address in addresses:
            texts |= address_parts(address)
        phrases = frozenset(
            tuple(text.split()) for text in texts if len(text.replace(" ", "")) >= 2)
        digit_forms: set[str] = set()
        for phone in phones:
            digits = _digits(phone)
            if len(digits) >= MIN_PHONE_DIGITS:
                digit_forms |= _phone_forms(digits)
        return cls.from_parts(phrases, frozenset(digit_forms))

    @classmethod
    def from_parts(cls, phrases: frozenset[tuple[str, ...]], phones: frozenset[str]) -> Needles:
        """Needles from already folded ``phrases`` and phone digit strings."""
        by_first: dict[str, list[tuple[str, ...]]] = {}
        for words in sorted(phrases):
            by_first.setdefault(words[0], []).append(words)
        compact = frozenset("".join(words) for words in phrases)
        return cls(phrases, phones, by_first, compact)

    def __or__(self, other: Needles) -> Needles:
        return Needles.from_parts(self.phrases | other.phrases, self.phones | other.phones)

    def __bool__(self) -> bool:
        return bool(self.phrases or self.phones)


def _word_spans(words: list[Token], needles: Needles) -> Iterable[tuple[int, int]]:
    texts = [word.text for word in words]
    for index, word in enumerate(words):
        for phrase in needles._by_first.get(word.text, ()):
            if tuple(texts[index:index + len(phrase)]) == phrase:
                yield word.start, words[index + len(phrase) - 1].end
        # « PetitLoup » for « Petit Loup », « JEAN-PIERRE » glued as « Jeanpierre ».
        if word.text in needles._compact:
            yield word.start, word.end
    # Runs of single letters: « Z o é », « Z.O.É », « L-u-c-j-a ».
    run_start = 0
    for index in range(len(words) + 1):
        if index < len(words) and len(texts[index]) == 1:
            continue
        for first in range(run_start, index):
            for last in range(first + MIN_SPACED_LETTERS - 1, index):
                if "".join(texts[first:last + 1]) in needles._compact:
                    yield words[first].start, words[last].end
        run_start = index + 1


def _phone_spans(text: str, needles: Needles) -> Iterable[tuple[int, int]]:
    if not needles.phones:
        return
    for run in _PHONE_RUN.finditer(text):
        digits = [(str(unicodedata.digit(ch)), run.start() + offset)
                  for offset, ch in enumerate(run.group()) if unicodedata.digit(ch, None)
                  is not None]
        joined = "".join(d for d, _ in digits)
        for phone in needles.phones:
            at = joined.find(phone)
            while at >= 0:
                start = digits[at][1]
                # « +33 6 … »: the plus sign goes with the number.
                if start and text[start - 1] == "+":
                    start -= 1
                yield start, digits[at + len(phone) - 1][1] + 1
                at = joined.find(phone, at + 1)


def find_spans(text: str, needles: Needles) -> list[tuple[int, int]]:
    """Where ``text`` holds a protected value: sorted, non-overlapping ``(start, end)``
    positions in ``text`` (overlapping matches are joined)."""
    if not needles or not text:
        return []
    spans = sorted({*_word_spans(tokens(text), needles), *_phone_spans(text, needles)})
    joined: list[tuple[int, int]] = []
    for start, end in spans:
        if joined and start <= joined[-1][1]:
            joined[-1] = (joined[-1][0], max(end, joined[-1][1]))
        else:
            joined.append((start, end))
    return joined


def contains(text: str, needles: Needles) -> bool:
    """Whether ``text`` holds a protected value (see :func:`find_spans`)."""
    return bool(find_spans(text, needles))


def redact(text: str, needles: Needles, mark: str = REDACTION_MARK) -> tuple[str, int]:
    """``text`` with every protected value replaced by ``mark``, and how many were
    replaced (0: the text is returned unchanged)."""
    spans = find_spans(text, needles)
    if not spans:
        return text, 0
    parts: list[str] = []
    position = 0
    for start, end in spans:
        parts += [text[position:start], mark]
        position = end
    parts.append(text[position:])
    return "".join(parts), len(spans)
