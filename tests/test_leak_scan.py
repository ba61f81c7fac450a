"""Leak scan: names, addresses, phones, codes and nicknames never leave in free text,
whatever the writing a person would still read as them (issue #11, one test per bypass)."""

from __future__ import annotations

import sys
import threading
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sps_desk.enums import BirthDatePrecision, Sex
from sps_desk.records import Identity, YoungPerson
from sps_desk.reports.leak_scan import (
    LeakFound,
    Needles,
    check_no_leak,
    common_words,
    find_leaks,
    fold,
    needles_of,
)
from sps_desk.store.repositories import Repository

NEEDLES = Needles.build(
    ["Łucja", "Çağrı", "Ğazi", "Œnone", "Ørjan", "Ben Ali", "Dupont-Moretti",
     "Marie de la Fontaine", "Дмитрий"],
    nicknames=["Petit Loup"],
    codes=["J-7KQ2MX"],
    phones=["06 12 34 56 78"],
    addresses=["12 rue des Œillets, 62000 Arras"],
    births=[("Zoé", "Ğüzel", date(2009, 3, 4))],
)


def leaks(text: str) -> list[tuple[str, str]]:
    return [(hit.words, hit.kind) for hit in find_leaks([("Faits marquants", text)], NEEDLES)]


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
    "« Petit-Loup » est passé",
    "Ł\u0301ucja",  # a combining accent added
    "Ｌｕｃｊａ",  # full-width letters (another Unicode form)
    "dmitriy est revenu",  # another script, transliterated
])
def test_protected_values_are_found_whatever_case_accents_or_form(text):
    assert leaks(text)


@pytest.mark.parametrize("invisible", [
    "\u200b",  # zero-width space
    "\u00ad",  # soft hyphen
    "\u200d",  # zero-width joiner
    "\u2060",  # word joiner
    "\ufe0f",  # variation selector
    "\u034f",  # combining grapheme joiner
])
def test_invisible_characters_inside_a_name(invisible):
    name = f"Lu{invisible}cja"
    assert leaks(f"{name} est venue") == [(name, "name")]


def test_bidirectional_marks_around_a_name():
    assert leaks("\u202eLucja\u202c est venue") == [("Lucja\u202c", "name")]


@pytest.mark.parametrize("text, words", [
    ("merci à L u c j a", "L u c j a"),
    ("merci à L.U.C.J.A.", "L.U.C.J.A"),
    ("merci à L-u-c-j-a", "L-u-c-j-a"),
    ("merci à Lu-cja", "Lu-cja"),
    ("merci à Œ n o n e", "Œ n o n e"),
])
def test_letters_separated_by_spaces_dots_or_hyphens(text, words):
    assert leaks(text) == [(words, "name")]


@pytest.mark.parametrize("text, words", [
    ("le jeune J-7KQ2MX", "J-7KQ2MX"),
    ("le jeune j7kq2mx", "j7kq2mx"),
    ("le jeune J 7KQ2MX", "J 7KQ2MX"),
    ("dossier 7KQ2MX", "7KQ2MX"),
    ("le jeune J–7KQ2MX", "J–7KQ2MX"),  # an en dash
])
def test_codes_with_or_without_their_dash_and_by_their_distinctive_part(text, words):
    assert leaks(text) == [(words, "code")]


@pytest.mark.parametrize("text, words", [
    ("Ali a trouvé un stage", "Ali"),
    ("la famille Moretti", "Moretti"),
    ("Dupont a déménagé", "Dupont"),
    ("Dupont Moretti", "Dupont Moretti"),
    ("DupontMoretti", "DupontMoretti"),
])
def test_each_part_of_a_compound_name(text, words):
    assert leaks(text) == [(words, "name")]


def test_common_words_and_short_parts_of_compound_names_are_not_searched_alone():
    assert {"fontaine", "petit", "loup"} <= common_words()
    assert leaks("la fontaine du parc, un petit chien et un loup en peluche") == []
    assert leaks("avec Marie de la Fontaine") == [("Marie de la Fontaine", "name")]
    assert leaks("avec Marie") == [("Marie", "name")]
    assert leaks("Ben est venu") == []  # « ben » is a common particle of names


@pytest.mark.parametrize("text, words", [
    ("joignable au 06.12.34.56.78", "06.12.34.56.78"),
    ("joignable au 0612345678", "0612345678"),
    ("joignable au +33 6 12 34 56 78", "+33 6 12 34 56 78"),
    ("joignable au +33 (0)6 12 34 56 78", "+33 (0)6 12 34 56 78"),
    ("joignable au 0033 612 345 678", "0033 612 345 678"),
    ("joignable au 06\u200b12 34 56 78", "06\u200b12 34 56 78"),
    ("joignable au 06-12-345-678", "06-12-345-678"),
    ("joignable au 6 12 34 56 78", "6 12 34 56 78"),
])
def test_phone_numbers_by_their_digits(text, words):
    assert leaks(text) == [(words, "phone")]


@pytest.mark.parametrize("text, words", [
    ("au 12, Rue des Oeillets", "12, Rue des Oeillets"),
    ("au 12 r. des Œillets", "12 r. des Œillets"),
    ("au 12 bis rue des oeillets", "12 bis rue des oeillets"),
    ("au 12 Œillets", "12 Œillets"),
])
def test_postal_addresses_by_number_and_street_word(text, words):
    assert leaks(text) == [(words, "address")]


@pytest.mark.parametrize("text, words", [
    ("Z.G., née en mars, a repris l'école", "Z.G., née en mars"),
    ("ZG (03/2009) a repris l'école", "ZG (03/2009"),
    ("Z G née en mars 2009", "Z G née en mars 2009"),
    ("G.Z. mars 09", "G.Z. mars 09"),
    ("à Z G, née en mars", "Z G, née en mars"),
])
def test_initials_with_the_birth_month(text, words):
    assert leaks(text) == [(words, "initials")]


@pytest.mark.parametrize("text", [
    "Z.G., née en avril",  # another month
    "ZG (03/2010)",  # another year
    "Le chantier éducatif a réuni 12 jeunes en 2025.",
    "Quartier des Blancs Monts, Arras",  # the town alone is the service's commune
    "Une banane pour le goûter",  # « ana »-like fragments inside words do not match
    "Lucjan est un autre prénom",  # whole words only
    "Permanence au 62000",
    "12 jeunes en mars, il y a du monde",
    "Séjour au 12 rue de la Paix",  # another street
])
def test_ordinary_texts_pass(text):
    assert leaks(text) == []


def test_refusal_names_every_field_and_the_words_that_matched():
    fields = [("Nom du service", "SPS Arras"), ("Rapport › Faits marquants", "merci L u c j a"),
              ("Rapport › Perspectives", "revoir OENONE au 06 12 34 56 78")]
    with pytest.raises(LeakFound) as caught:
        check_no_leak(fields, NEEDLES)
    message = str(caught.value)
    assert message == (
        "Diffusion refusée : « Rapport › Faits marquants » contient « L u c j a » (un nom "
        "ou un prénom) ; « Rapport › Perspectives » contient « OENONE » (un nom ou un "
        "prénom) et « 06 12 34 56 78 » (un numéro de téléphone). Ces mots désignent un "
        "jeune : reformulez ce texte puis relancez.")
    assert caught.value.fields == ["Rapport › Faits marquants", "Rapport › Perspectives"]
    # For logs: the same refusal without the words.
    assert "OENONE" not in caught.value.without_words
    assert "« Rapport › Perspectives »" in caught.value.without_words


@given(st.sampled_from(["Łucja", "Çağrı", "Ğazi", "Œnone", "Ørjan"]), st.text(
    alphabet=st.characters(whitelist_categories=("Zs", "Po", "Cf")), max_size=3))
def test_a_name_anywhere_between_punctuation_or_invisible_characters_is_found(name, around):
    text = f"Avant{around} {name.swapcase()}{around} après"
    assert [kind for _words, kind in leaks(text)] == ["name"]


def test_fold_is_stable():
    assert fold("  Œnone  Ørjan-Çağrı ") == "oenone orjan cagri"


def test_the_base_is_read_by_one_narrow_query(db, monkeypatch):
    repos = db.repos
    with db.transaction():
        person = repos.young_people.save(YoungPerson(
            nickname="Petit Loup", sex=Sex.FEMALE, birth_date=date(2009, 3, 1),
            birth_date_precision=BirthDatePrecision.MONTH))
        repos.identities.save(Identity(young_person_id=person.id, first_name="Zoé",
                                       last_name="Ğüzel", phone="07 11 22 33 44",
                                       address="3 impasse Дмитрия, 62000 Arras"))
        gone = repos.young_people.save(YoungPerson(nickname="Ørjan", sex=Sex.MALE))
        repos.young_people.delete(gone.id)

    def refuse(*_args, **_kwargs):
        raise AssertionError("the scan must not load every record")

    monkeypatch.setattr(Repository, "all", refuse)
    needles = needles_of(db)
    texts = [("f", text) for text in (
        "Zoé", "guzel", "petit loup", "+33 7 11 22 33 44", f"le {person.code}", "ørjan",
        "3 imp. Dmitriya", "Z.G. née en mars")]
    assert [hit.kind for hit in find_leaks(texts, needles)] == [
        "name", "name", "nickname", "phone", "code", "nickname", "address", "initials"]


def _needles_by_one_query(db) -> Needles:
    """The needles as the scan read them before (issue #12): every young person joined
    to their identity, in one query — the oracle of the two narrow queries."""
    rows = db.connection.execute(
        "SELECT y.code, y.nickname, COALESCE(i.first_name, ''), COALESCE(i.last_name, ''), "
        "COALESCE(i.phone, ''), COALESCE(i.address, ''), "
        "CASE WHEN y.birth_date_precision IN ('exact', 'month') THEN y.birth_date END "
        "FROM young_person AS y LEFT JOIN identity AS i ON i.young_person_id = y.id"
    ).fetchall()
    codes, nicknames, firsts, lasts, phones, addresses, born = zip(*rows, strict=True)
    return Needles.build(
        firsts + lasts, nicknames=nicknames, codes=codes, phones=phones, addresses=addresses,
        births=[(first, last, date.fromisoformat(birth))
                for first, last, birth in zip(firsts, lasts, born, strict=True) if birth])


def test_the_needles_of_a_base_are_those_of_every_young_person_joined_to_an_identity(db):
    """Identities are read apart from the codes and nicknames (a few hundred among
    thousands of young people): the needles are the same, tombstones included."""
    precisions = list(BirthDatePrecision)
    with db.transaction():
        for number in range(60):
            person = db.repos.young_people.save(YoungPerson(
                nickname=("Petit Loup", "Ørjan", "", "Дима")[number % 4],
                sex=(Sex.FEMALE, Sex.MALE)[number % 2],
                birth_date=date(2005 + number % 7, 1 + number % 12, 1 + number % 28),
                birth_date_precision=precisions[number % len(precisions)]))
            if number % 3 == 0:
                db.repos.identities.save(Identity(
                    young_person_id=person.id,
                    first_name=("Zoé", "Дмитрий", "", "أمينة")[number % 4],
                    last_name=("Ğüzel", "Ben Ali", "Dupont-Moretti", "")[number % 4],
                    phone="" if number % 2 else f"06 12 34 56 {number:02d}",
                    address="" if number % 5 else f"{number} rue des Œillets, 62000 Arras"))
            if number % 7 == 0:
                db.repos.young_people.delete(person.id)
    expected, got = _needles_by_one_query(db), needles_of(db)
    assert got.phrases == expected.phrases
    assert got.phones == expected.phones and got.initials == expected.initials
    assert {number: sorted(map(sorted, streets)) for number, streets in got.addresses.items()} \
        == {number: sorted(map(sorted, streets)) for number, streets in expected.addresses.items()}
    assert got.initials  # the births of people with a name were read
    for beginning in ("pe", "petitl", "zo", "guz", "dmitr", "orj", "xx"):
        assert (beginning in got.prefixes) == (beginning in expected.prefixes)


def test_needles_searched_from_several_threads_at_once_find_a_spelled_name():
    # The beginnings of the one-word needles are sorted on the first search: a second
    # search meanwhile (another thread) read the same half-consumed generator and
    # failed (« generator already executing »), or sorted nothing and missed the name.
    needles = Needles.build([f"Prénom{i:04d}x" for i in range(20000)] + ["Łucja Ğüzel"])
    start = threading.Barrier(8)
    found: list[object] = []

    def search() -> None:
        start.wait()
        try:
            found.append(bool(find_leaks([("Titre", "Bravo à Ł u c j a !")], needles)))
        except ValueError as error:
            found.append(error)

    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)  # threads take turns within the first search
    try:
        threads = [threading.Thread(target=search) for _ in range(8)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        sys.setswitchinterval(interval)
    assert found == [True] * 8
