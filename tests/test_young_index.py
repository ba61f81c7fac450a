"""The young index's search keeps the same answers however the words are typed."""

from __future__ import annotations

import time

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


def test_an_index_filled_in_slices_holds_each_young_person_once_as_read_alone(
        qapp, db, monkeypatch) -> None:
    """Filled a few rows at a time between turns of the event loop (slices smaller than
    the list, rows folded in chunks), the index holds exactly what folding each young
    person alone gives; a young person changed meanwhile is held once, as changed."""
    from sps_desk.records import YoungPerson
    from sps_desk.ui import young_index as module
    from sps_desk.ui.hub import Changes, DataHub

    monkeypatch.setattr(module, "SLICE", 7)
    monkeypatch.setattr(module, "CHUNK", 3)
    people = [db.repos.young_people.save(YoungPerson(nickname=name))
              for name in NICKNAMES * 3]
    hubs = [DataHub(), DataHub()]
    plain = module.YoungIndex(db, hubs[0])
    while not plain.complete:
        plain._read_slice(time.perf_counter() + 0.0001)
    assert [plain.label(i).code for i in plain.matching("")] == sorted(p.code for p in people)
    index = module.YoungIndex(db, hubs[1])
    index._read_slice()  # one slice read, part of it folded: then a change comes
    renamed = people[0].model_copy(update={"nickname": "Kémy"})
    db.repos.young_people.save(renamed)
    index._on_changed(Changes({"young_person": frozenset({str(renamed.id)})}))
    index.ensure()
    live = {str(p.id): p for p in [renamed, *people[1:]]}
    assert len(index) == len(live)
    for young_id, person in live.items():
        code, nickname = field_forms(person.code), field_forms(person.nickname)
        assert index.label(young_id).nickname == person.nickname
        assert index.key(young_id) == (f"{code}\x00{nickname}" if nickname else code)
    codes = sorted(p.code for p in live.values())
    assert sorted(index.label(i).code for i in index.matching("")) == codes
    assert sorted(label.code for label in index.same_nickname("kemi")) == sorted(
        p.code for p in live.values() if p.nickname in ("Kémi", "Kemy", "Kémy"))


def test_a_page_shown_pauses_the_filling_which_then_completes(qtbot, qapp, db) -> None:
    """Showing a page holds the filling back for a moment (the page is drawn and answers
    first, issue 12); the index then fills; a search meanwhile completes it at once."""
    from sps_desk.records import YoungPerson
    from sps_desk.ui import young_index as module
    from sps_desk.ui.hub import DataHub

    for name in NICKNAMES:
        db.repos.young_people.save(YoungPerson(nickname=name))
    hub = DataHub()
    index = module.YoungIndex(db, hub)
    index.start()
    index.pause_for_page()
    for _ in range(5):
        qapp.processEvents()
    assert not index._labels  # nothing folded during the pause
    qtbot.waitUntil(lambda: index.complete, timeout=5 * module.AFTER_A_PAGE_MS)
    assert len(index._labels) == len(NICKNAMES)

    searched = module.YoungIndex(db, hub)
    searched.start()
    searched.pause_for_page()
    assert [searched.label(i).nickname for i in searched.matching("lucie")] == ["Lucie"]
