"""The young index's search keeps the same answers however the words are typed."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from sps_desk.search import field_forms, query_words
from sps_desk.ui.young_index import _Aligned

NICKNAMES = ["Zoé Ğüzel", "Дмитрий", "أمينة", "Kémi", "Lucas", "Lucie", "Luc", "Kemy", ""]
KEYS = [field_forms(name) for name in NICKNAMES]
IDS = [f"id-{n}" for n in range(len(NICKNAMES))]


def _naive(words: tuple[str, ...]) -> list[str]:
    return [i for i, key in zip(IDS, KEYS, strict=True) if all(w in key for w in words)]


def test_typing_then_deleting_a_name_answers_as_a_fresh_search() -> None:
    aligned = _Aligned(IDS, KEYS)
    typed = ["l", "lu", "luc", "luci", "lucie", "luci", "luc", "lu", "l", "", "dm", "дм"]
    for text in typed:
        words = tuple(query_words(text))
        assert [IDS[r] for r in aligned.rows(words)] == _naive(words), text
    assert [IDS[r] for r in aligned.rows(("luc",))] == ["id-4", "id-5", "id-6"]
    assert [IDS[r] for r in aligned.rows(("kem",))] == ["id-3", "id-7"]  # accents folded


@settings(max_examples=200)
@given(st.lists(st.lists(st.sampled_from(["l", "lu", "luc", "u", "c", "z", "e", "mi", "ke"]),
                         max_size=3), max_size=12))
def test_any_sequence_of_searches_matches_a_fresh_search(queries: list[list[str]]) -> None:
    aligned = _Aligned(IDS, KEYS)
    for words in queries:
        assert [IDS[r] for r in aligned.rows(tuple(words))] == _naive(tuple(words))
