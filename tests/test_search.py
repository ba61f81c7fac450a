"""Search folding: case, accents, Unicode form (NFC/NFD), İ/ı, ß, œ and friends."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sps_desk.search import fold, matches

LATIN = st.text(
    alphabet=st.characters(
        whitelist_categories=("Lu", "Ll"), max_codepoint=0x024F, blacklist_characters="ŉ"
    ),
    max_size=20,
)


@pytest.mark.parametrize(
    ("stored", "typed"),
    [
        ("Zoé", "zoe"),
        ("Zoé", "ZOE"),
        ("Zoe\u0301", "zoé"),  # stored decomposed, typed composed
        ("İpek", "ipek"),
        ("IŞIK", "ışık"),
        ("Işıl", "ISIL"),
        ("Straße", "STRASSE"),
        ("Straße", "strasse"),
        ("Œnone", "oenone"),
        ("cœur", "COEUR"),
        ("Łucja", "lucja"),
        ("Ørjan", "orjan"),
        ("Çağrı", "cagri"),
        ("Ğazi", "gazi"),
        ("Þór", "thor"),
        ("Ǆemal", "dzemal"),
    ],
)
def test_latin_extended_names_are_found(stored: str, typed: str) -> None:
    assert fold(stored) == fold(typed)
    assert matches(typed, [stored])


def test_words_match_anywhere_in_any_field() -> None:
    assert matches("7kq", ["J-7KQ2MX", "Kémi"])
    assert matches("kem 7kq", ["J-7KQ2MX", "Kémi"])
    assert not matches("kem zz", ["J-7KQ2MX", "Kémi"])
    assert matches("", ["anything"])
    assert matches("  ", [])


@given(LATIN)
def test_normal_forms_and_case_never_change_the_folded_text(text: str) -> None:
    for form in ("NFC", "NFD", "NFKC", "NFKD"):
        assert fold(unicodedata.normalize(form, text)) == fold(text)
    assert fold(text.upper()) == fold(text.lower()) == fold(text)


@given(LATIN)
def test_folded_text_has_no_combining_marks_and_is_stable(text: str) -> None:
    folded = fold(text)
    assert not any(unicodedata.combining(ch) for ch in folded)
    assert fold(folded) == folded
    assert matches(text, [text])


def test_a_latin_keyboard_finds_names_written_in_other_scripts() -> None:
    assert matches("dmitri", ["Дмитрий"])
    assert matches("DMITRIY j-7kq", ["J-7KQ2MX", "Дмитрий"])
    assert matches("дмит", ["Дмитрий"])
    assert matches("wang", ["王"])
    assert not matches("dmitri", ["Zoé"])
