"""Passphrase policy: strength estimate, the CNIL's level, and a generated French phrase.

Source of the rule: CNIL, délibération n° 2022-100 du 21 juillet 2022 (recommandation
relative aux mots de passe). A password used alone, without any other measure, must
reach about 80 bits of entropy; the CNIL's examples are 12 characters mixing upper-case
letters, lower-case letters, digits and special characters, 14 characters of upper- and
lower-case letters and digits, or a passphrase of at least 7 randomly chosen words.

The estimate is the smaller of two attackers' costs, in bits (log2 of guesses):

- zxcvbn over the whole passphrase (dictionaries, keyboard patterns, dates, repeats), with
  a French frequency list added to its English ones (``resources/passphrases``, 28 095
  words, MIT/ODC-BY) and the service's own words as user inputs (its name, managing body,
  sectors, staff and users' names: :func:`sps_desk.store.service_words.service_words`);
- a word-by-word attacker: the passphrase cut at every character that is not a letter or
  a digit, each word costing the cheapest of zxcvbn on that word alone and, for a word of
  the diceware French list the generator draws from, log2(7 776) ≈ 12.9 bits; a word
  already used and separators cost nothing. zxcvbn alone rates a long chain of
  known words very high (its cost grows with the number of pieces), so « SPS Arras Blancs
  Monts Baudimont Saint Paul », made of the service's words, must be caught here.

zxcvbn's brute-force model counts only 10 guesses per unpatterned character, which
underrates random strings; so a passphrase in which zxcvbn finds no pattern at all and
that meets one of the CNIL's composition examples is counted at least 80 bits.

zxcvbn refuses passwords over 72 characters: a longer text is evaluated in pieces of at
most 72 characters cut between words, each piece knowing the words of the previous ones
(a repeated piece then costs almost nothing), and the pieces' bits are added.
"""

from __future__ import annotations

import math
import re
import secrets
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

from anyascii import anyascii
from zxcvbn import matching, zxcvbn

from sps_desk.errors import SpsDeskError

REQUIRED_BITS = 80
"""The CNIL's level for a password used alone, in bits."""

GENERATED_WORDS = 7
"""Words in a generated passphrase: 7 words of a 7 705-word list ≈ 90 bits."""

ZXCVBN_MAX_LENGTH = 72
"""The longest text zxcvbn evaluates (it raises ``ValueError`` beyond)."""

DICEWARE_BITS = math.log2(7776)
"""A word of the diceware French list, to an attacker who knows that list."""

_SEPARATORS = re.compile(r"[^\w]+|_+")


class WeakPassphrase(SpsDeskError):
    """The new passphrase does not reach the CNIL's level; ``advice`` says what to do."""

    def __init__(self, strength: Strength) -> None:
        self.strength = strength
        super().__init__(
            f"Phrase de passe trop faible (environ {strength.bits:.0f} bits, il en faut "
            f"{REQUIRED_BITS}) : {strength.advice} Rien n'a été modifié."
        )


@dataclass(frozen=True)
class Strength:
    """Estimated strength of a passphrase.

    Attributes:
        bits: estimated entropy in bits (log2 of the guesses an attacker needs).
        accepted: True when the CNIL's level is reached.
        advice: one French sentence for the user (empty when accepted).
    """

    bits: float
    accepted: bool
    advice: str


def _kinds(text: str) -> set[str]:
    kinds = set()
    for char in text:
        if char.isdigit():
            kinds.add("digit")
        elif char.isalpha() and char.isupper():
            kinds.add("upper")
        elif char.isalpha():
            kinds.add("lower")
        elif not char.isspace():
            kinds.add("special")
    return kinds


def _meets_cnil_example(text: str) -> bool:
    """One of the CNIL's composition examples (see the module docstring)."""
    kinds = _kinds(text)
    words = [word for word in text.replace("-", " ").split() if word]
    return (
        (len(text) >= 12 and len(kinds) == 4)
        or (len(text) >= 14 and {"upper", "lower", "digit"} <= kinds)
        or len(words) >= GENERATED_WORDS
    )


def _composition_bits(text: str) -> float:
    """Entropy of a random string of this length over the kinds it uses (CNIL's table)."""
    pool = {"lower": 26, "upper": 26, "digit": 10, "special": 28}
    size = sum(pool[kind] for kind in _kinds(text)) + (1 if " " in text else 0)
    return len(text) * math.log2(size) if size > 1 else 0.0


def _folded(word: str) -> str:
    """``word`` without accents (« prévention » → « prevention »), as people often type."""
    return anyascii(word).lower() if word.isascii() is False else word.lower()


@cache
def _french_dictionary() -> None:
    """Add the French frequency list to zxcvbn's dictionaries, once per process."""
    text = (resources.files("sps_desk") / "resources" / "passphrases"
            / "fr-mots-courants.txt").read_text(encoding="utf-8")
    words = text.split()
    ranked = list(dict.fromkeys([*words, *(_folded(w) for w in words)]))
    matching.add_frequency_lists({"french_common": ranked})


@cache
def _diceware_words() -> frozenset[str]:
    from diceware.wordlist import WordList, get_wordlist_path

    return frozenset(WordList(get_wordlist_path("fr")))


def _user_inputs(context: Iterable[str]) -> list[str]:
    """zxcvbn's user inputs from the service's words: each phrase whole, without spaces,
    and each of its words, with and without accents (earlier ones are cheaper)."""
    inputs: list[str] = []
    for phrase in context:
        lowered = unicodedata.normalize("NFC", phrase).strip().lower()
        if not lowered:
            continue
        words = [w for w in _SEPARATORS.split(lowered) if w]
        for candidate in (lowered, "".join(words), *words):
            inputs += [candidate, _folded(candidate)]
    return list(dict.fromkeys(i for i in inputs if i))


def _pieces(text: str) -> list[str]:
    """``text`` cut into pieces of at most :data:`ZXCVBN_MAX_LENGTH` characters, between
    words where possible."""
    pieces: list[str] = []
    current = ""
    for word in re.split(r"(?<=\s)", text):
        while len(word) > ZXCVBN_MAX_LENGTH:
            if current:
                pieces.append(current)
                current = ""
            pieces.append(word[:ZXCVBN_MAX_LENGTH])
            word = word[ZXCVBN_MAX_LENGTH:]
        if len(current) + len(word) > ZXCVBN_MAX_LENGTH:
            pieces.append(current)
            current = ""
        current += word
    if current:
        pieces.append(current)
    return pieces


def _zxcvbn_bits(text: str, inputs: Sequence[str]) -> tuple[float, bool]:
    """zxcvbn's estimate of ``text`` in bits, piece by piece; and whether it found any
    pattern (a match that is not brute force)."""
    bits, patterned = 0.0, False
    known = list(inputs)
    for piece in _pieces(text):
        result = zxcvbn(piece, user_inputs=known, max_length=ZXCVBN_MAX_LENGTH)
        bits += float(result["guesses_log10"]) * math.log2(10)
        patterned |= any(m["pattern"] != "bruteforce" for m in result["sequence"])
        known += [piece.lower(), *(w for w in _SEPARATORS.split(piece.lower()) if w)]
    return bits, patterned


@lru_cache(maxsize=4096)
def _one_word_bits(word: str, inputs: tuple[str, ...]) -> float:
    # Cached: the strength meter evaluates the same words again at every keystroke.
    bits = _zxcvbn_bits(word, inputs)[0]
    if _folded(word) in _diceware_words():
        bits = min(bits, DICEWARE_BITS)
    return bits


def _word_bits(text: str, inputs: tuple[str, ...]) -> float:
    """The word-by-word attacker's cost (see the module docstring)."""
    seen: set[str] = set()
    total = 0.0
    for word in (w for w in _SEPARATORS.split(text) if w):
        key = word.casefold()
        if key in seen:  # conservatively free: whole repeated phrases are cheap to try
            continue
        seen.add(key)
        total += _one_word_bits(word, inputs)
    return total


def assess(passphrase: str, context: Iterable[str] = ()) -> Strength:
    """Estimate ``passphrase``'s strength and say whether it reaches the CNIL's level.

    ``context``: the service's own words (names, sectors, staff), which an attacker
    tries first. The passphrase is taken in Unicode NFC (as it is used as a key). It is
    never logged. Any length is accepted (see the module docstring for over 72).
    """
    text = unicodedata.normalize("NFC", passphrase)
    if not text.strip():
        return Strength(0.0, False, "saisissez une phrase de passe.")
    _french_dictionary()
    inputs = tuple(_user_inputs(context))
    whole, patterned = _zxcvbn_bits(text, inputs)
    bits = min(whole, _word_bits(text, inputs))
    if not patterned and _meets_cnil_example(text):
        bits = max(bits, _composition_bits(text), float(REQUIRED_BITS))
    if bits >= REQUIRED_BITS:
        return Strength(bits, True, "")
    return Strength(
        bits,
        False,
        "utilisez au moins 7 mots choisis au hasard (la phrase proposée par "
        "l'application convient), ou 12 caractères mêlant majuscules, minuscules, "
        "chiffres et caractères spéciaux, sans mot du dictionnaire, ni date, ni nom du "
        "service, de ses quartiers ou de son équipe.",
    )


def require_strong(passphrase: str, context: Iterable[str] = ()) -> str:
    """The passphrase, unchanged, if it reaches the CNIL's level (``context``: the
    service's words, see :func:`assess`).

    Raises:
        WeakPassphrase: it does not (French message with advice).
    """
    strength = assess(passphrase, context)
    if not strength.accepted:
        raise WeakPassphrase(strength)
    return passphrase


DENIED_WORDS = frozenset({
    # Drugs, alcohol, tobacco: the service works with young people on exactly these.
    "drogue", "coca", "opium", "morphine", "joint", "alcool", "ivre", "ivrogne", "cuite",
    "pinard", "rhum", "rhumerie", "vodka", "whisky", "tequila", "tabac", "clope", "cigare",
    "fumeur",
    # Violence, weapons, death.
    "meurtre", "tuer", "tuerie", "tueur", "mort", "morte", "mortel", "mortelle", "agonie",
    "torture", "abattre", "arme", "armer", "armement", "bombe", "flingue", "poignard",
    "couteau", "guerre", "battre", "frapper", "gifle", "gifler", "bagarre", "racket",
    "taule", "crever", "creva", "pendre", "noyade", "putride", "vomi", "vomir",
    # Sex, origins, religion, bodies, disability: words that hurt or embarrass in a phrase
    # an educator may read aloud or write on a recovery sheet.
    "orgie", "vierge", "arabe", "juif", "gitan", "noir", "mongol", "mongole", "handicap",
    "idiotie", "folle", "nain", "naine", "bigleux", "laid", "laide", "moche", "diable",
    "enfer",
})
"""Words of the diceware French list never suggested: a passphrase is written down and
read by professionals of a youth-prevention service (trial 7 was offered « drogue »).
Removing them keeps 7 776 − 71 = 7 705 words: 7 × log2(7 705) ≈ 90.4 bits, still above
the CNIL's 80."""


@cache
def _french_words() -> tuple[str, ...]:
    # diceware ships a 7 776-word French list (one word per line, no accents), made for
    # exactly this: words drawn with a cryptographic random source.
    from diceware.wordlist import WordList, get_wordlist_path

    return tuple(word for word in WordList(get_wordlist_path("fr"))
                 if word not in DENIED_WORDS)


def generate_passphrase(words: int = GENERATED_WORDS) -> str:
    """A passphrase of ``words`` French words drawn with :mod:`secrets`, joined by spaces.

    With the default 7 words of the 7 705 kept (:data:`DENIED_WORDS` left out) the entropy
    is 7 × log2(7 705) ≈ 90 bits, above the CNIL's 80. A draw that :func:`assess` would
    refuse (several very common words) is drawn again: the few such draws removed cost a
    fraction of a bit, and a suggestion is never refused.
    """
    vocabulary = _french_words()
    while True:
        phrase = " ".join(secrets.choice(vocabulary) for _ in range(words))
        if words < GENERATED_WORDS or assess(phrase).accepted:
            return phrase
