"""Finding and redacting a person's names, codes, phones and addresses in free text
(issue 14: erasure reaches free texts; the window refuses a note that names someone)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sps_desk.folding import REDACTION_MARK, Needles, contains, find_spans, fold, redact

NEEDLES = Needles.build(
    names=["Zoé", "Ğüzel-Ün", "Łucja", "Дмитрий", "Marie-Ange de la Tour"],
    labels=["J-7KQ2MX", "Petit Loup"],
    phones=["06 12 34 56 78"],
    addresses=["12 rue des Œillets, 62000 Arras"],
)


@pytest.mark.parametrize("text", [
    "Vu ZOE au city-stade",
    "vu zoe\u0301 ce soir",  # decomposed accent
    "Ｚｏé est passée",  # full-width letters
    "Zo\u200bé est passée",  # zero-width space inside the name
    "Zo\u00adé est passée",  # soft hyphen
    "Z o é est passée",  # spaced letters
    "Z.O.É. est passée",
    "L-U-C-J-A au local",
    "la famille GUZEL déménage",  # one part of a compound name
    "Mme Ğüzel-Ün",
    "dmitriy au foyer",  # transliteration of the Cyrillic name
    "le jeune j-7kq2mx",
    "« Petit-Loup » est revenu",
    "PetitLoup est revenu",
    "joignable au 06.12.34.56.78",
    "appeler le +33 6 12 34 56 78",
    "appeler le 0033612345678",
    "passé au 12, Rue des Oeillets",
    "Marie est venue",
])
def test_a_person_is_found_whatever_the_writing(text):
    assert contains(text, NEEDLES)


@pytest.mark.parametrize("text", [
    "Le chantier éducatif a réuni 12 jeunes en 2025.",
    "Permanence au 62000 Arras",  # the town alone is the service's commune
    "Une banane pour le goûter",  # « ana »-like fragments inside words
    "Zoéline est une autre personne",  # whole words only
    "un deux trois",  # « Ün » of a compound name is not matched alone
    "de la musique",  # particles are never names on their own
    "rue des Œillets",  # a street without the number is not the address
    "2025-06-12 34 personnes",
])
def test_ordinary_texts_are_left_alone(text):
    assert not contains(text, NEEDLES)


def test_redaction_replaces_every_occurrence_and_keeps_the_rest():
    text = "Zoé et Z o é avec Petit Loup, tél. 06 12 34 56 78, au 12 rue des Œillets."
    redacted, count = redact(text, NEEDLES)
    assert count == 5
    assert redacted == (f"{REDACTION_MARK} et {REDACTION_MARK} avec {REDACTION_MARK}, tél. "
                        f"{REDACTION_MARK}, au {REDACTION_MARK}.")
    assert redact("Rien à signaler.", NEEDLES) == ("Rien à signaler.", 0)


def test_invisible_marks_around_a_name_go_with_it():
    redacted, _ = redact("Zoe\u0301\u200b et les autres", NEEDLES)
    assert redacted == f"{REDACTION_MARK} et les autres"


def test_spans_are_positions_in_the_original_text():
    text = "—  vu\u00a0ŁUCJA\u200d!"
    [(start, end)] = find_spans(text, NEEDLES)
    assert text[start:end] == "ŁUCJA\u200d"


def test_empty_needles_find_nothing():
    assert find_spans("Zoé", Needles.build()) == []
    assert not Needles.build(names=["", " "], phones=["12"])


@given(st.sampled_from(["Zoé", "Łucja", "Дмитрий", "J-7KQ2MX", "06 12 34 56 78"]),
       st.text(alphabet=st.characters(whitelist_categories=("Zs", "Po", "Ps", "Pe")),
               min_size=1, max_size=3),
       st.text(alphabet=st.characters(whitelist_categories=("Ll", "Lu")), max_size=12))
def test_a_value_between_any_punctuation_is_redacted_whole(value, around, words):
    text = f"{words}{around}{value.swapcase()}{around}{words}"
    redacted, count = redact(text, NEEDLES)
    assert count >= 1
    assert not contains(redacted, NEEDLES)


def test_fold_is_stable():
    assert fold("  Œnone  Ørjan-Çağrı ") == "oenone orjan cagri"
    assert fold("王小明") == "wangxiaoming"
