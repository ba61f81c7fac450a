"""Passphrase policy: strength estimate, the CNIL's level, and a generated French phrase.

Source of the rule: CNIL, délibération n° 2022-100 du 21 juillet 2022 (recommandation
relative aux mots de passe). A password used alone, without any other measure, must
reach about 80 bits of entropy; the CNIL's examples are 12 characters mixing upper-case
letters, lower-case letters, digits and special characters, 14 characters of upper- and
lower-case letters and digits, or a passphrase of at least 7 randomly chosen words.

The estimate comes from zxcvbn (guesses an attacker needs, knowing dictionaries, keyboard
patterns, dates and repetitions). zxcvbn's brute-force model counts only 10 guesses per
unpatterned character, which underrates random strings; so a passphrase that zxcvbn finds
no weakness in (score 4) and that meets one of the CNIL's composition examples is also
accepted.
"""

from __future__ import annotations

import math
import secrets
import unicodedata
from dataclasses import dataclass
from functools import cache

from zxcvbn import zxcvbn

from sps_desk.errors import SpsDeskError

REQUIRED_BITS = 80
"""The CNIL's level for a password used alone, in bits."""

GENERATED_WORDS = 7
"""Words in a generated passphrase: 7 words of a 7 705-word list ≈ 90 bits."""

_ZXCVBN_MAX_LENGTH = 100
"""zxcvbn's cost grows with length; beyond this the tail is counted as random letters."""


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


def assess(passphrase: str) -> Strength:
    """Estimate ``passphrase``'s strength and say whether it reaches the CNIL's level.

    The passphrase is taken in Unicode NFC (as it is used as a key). It is never logged.
    """
    text = unicodedata.normalize("NFC", passphrase)
    if not text.strip():
        return Strength(0.0, False, "saisissez une phrase de passe.")
    head, tail = text[:_ZXCVBN_MAX_LENGTH], text[_ZXCVBN_MAX_LENGTH:]
    result = zxcvbn(head)
    bits = float(result["guesses_log10"]) * math.log2(10) + len(tail) * math.log2(26)
    if result["score"] == 4 and _meets_cnil_example(text):
        bits = max(bits, _composition_bits(text), float(REQUIRED_BITS))
    if bits >= REQUIRED_BITS:
        return Strength(bits, True, "")
    return Strength(
        bits,
        False,
        "utilisez au moins 7 mots choisis au hasard (la phrase proposée par "
        "l'application convient), ou 12 caractères mêlant majuscules, minuscules, "
        "chiffres et caractères spéciaux, sans mot du dictionnaire ni date.",
    )


def require_strong(passphrase: str) -> str:
    """The passphrase, unchanged, if it reaches the CNIL's level.

    Raises:
        WeakPassphrase: it does not (French message with advice).
    """
    strength = assess(passphrase)
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
    is 7 × log2(7 705) ≈ 90 bits, above the CNIL's 80.
    """
    vocabulary = _french_words()
    return " ".join(secrets.choice(vocabulary) for _ in range(words))
