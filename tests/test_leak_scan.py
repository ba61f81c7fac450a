"""Leak scan: names, addresses, phones, codes and nicknames never leave in free text."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sps_desk.reports.leak_scan import LeakFound, Needles, check_no_leak, find_leaks, fold

NEEDLES = Needles.build(
    ["Łucja", "Çağrı", "Ğazi", "Œnone", "Ørjan", "J-7KQ2MX", "Petit Loup"],
    phones=["06 12 34 56 78"],
    addresses=["12 rue des Œillets, 62000 Arras"],
)


@pytest.mark.parametrize("text", [
    "Grâce à lucja, le chantier a repris.",
    "ŁUCJA est revenue.",
    "Lucja",
    "cagri a trouvé un emploi",
    "ÇAĞRI",
    "Gazi et son frère",
    "Oenone a déménagé",
    "ørjan",
    "Orjan",
    "le jeune j-7kq2mx",
    "« Petit-Loup » est passé",
    "joignable au 06.12.34.56.78",
    "au 12, Rue des Oeillets",
    "Ł\u0301ucja",  # a combining accent added
    "Ｌｕｃｊａ",  # full-width letters (another Unicode form)
    "Lu\u0063ja".upper(),
])
def test_protected_values_are_found_whatever_case_accents_or_form(text):
    assert find_leaks([("Faits marquants", text)], NEEDLES) == ["Faits marquants"]


@pytest.mark.parametrize("text", [
    "Le chantier éducatif a réuni 12 jeunes en 2025.",
    "Quartier des Blancs Monts, Arras",  # the town alone is the service's commune
    "Une banane pour le goûter",  # « ana »-like fragments inside words do not match
    "Lucjan est un autre prénom",  # whole words only
    "Permanence au 62000",
])
def test_ordinary_texts_pass(text):
    assert find_leaks([("Perspectives", text)], NEEDLES) == []


def test_refusal_names_every_field_but_never_the_value():
    fields = [("Nom du service", "SPS Arras"), ("Rapport › Faits marquants", "merci Çağrı"),
              ("Rapport › Perspectives", "revoir OENONE")]
    with pytest.raises(LeakFound) as caught:
        check_no_leak(fields, NEEDLES)
    message = str(caught.value)
    assert "« Rapport › Faits marquants »" in message
    assert "« Rapport › Perspectives »" in message
    assert "Nom du service" not in message
    assert "Çağrı" not in message and "oenone" not in message.casefold()
    assert caught.value.fields == ["Rapport › Faits marquants", "Rapport › Perspectives"]


@given(st.sampled_from(["Łucja", "Çağrı", "Ğazi", "Œnone", "Ørjan"]), st.text(
    alphabet=st.characters(whitelist_categories=("Zs", "Po")), max_size=3))
def test_a_name_anywhere_between_punctuation_is_found(name, around):
    text = f"Avant{around} {name.swapcase()}{around} après"
    assert find_leaks([("f", text)], NEEDLES) == ["f"]


def test_fold_is_stable():
    assert fold("  Œnone  Ørjan-Çağrı ") == "oenone orjan cagri"
