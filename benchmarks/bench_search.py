"""What accent/case/Unicode-insensitive search costs on a large list of young people.

Run: ``python benchmarks/bench_search.py [--count N] [--repeat R]``. Builds N synthetic
young people (codes and Latin-extended nicknames, half stored decomposed), then times,
over the same rows: the reference — a plain ``str.lower()`` substring test, what a naive
search would do — and :func:`sps_desk.search.matches` (case folding, NFKD, mark removal,
letter table), as the « Jeunes » list runs it on each keystroke. Prints the median times
and the ratio folded / plain, measured in the same run.
"""

from __future__ import annotations

import argparse
import random
import unicodedata

from timing import median_seconds

from sps_desk.records import new_young_code
from sps_desk.search import haystack, matches, matches_folded, query_words

SYLLABLES = ["zo", "é", "ğa", "zi", "łu", "cja", "ør", "jan", "ça", "ğrı", "œ", "no", "ne", "ße"]


def _rows(count: int) -> list[tuple[str, str]]:
    rng = random.Random(1)
    rows = []
    for index in range(count):
        nickname = "".join(rng.choice(SYLLABLES) for _ in range(3)).capitalize()
        if index % 2:
            nickname = unicodedata.normalize("NFD", nickname)
        rows.append((new_young_code(rng), nickname))
    return rows


def main() -> None:
    """Print plain and folded search times over the same rows, and their ratio."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--count", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    rows = _rows(args.count)
    query = "zoe"

    def plain() -> int:
        return sum(1 for code, nick in rows if query in code.lower() or query in nick.lower())

    def folded() -> int:
        return sum(1 for code, nick in rows if matches(query, (code, nick)))

    prepared = [haystack(row) for row in rows]  # what the list keeps per reload

    def cached() -> int:
        words = query_words(query)
        return sum(1 for folded_row in prepared if matches_folded(words, folded_row))

    found_plain, found_folded = plain(), folded()
    assert cached() == found_folded
    reference = median_seconds(plain, args.repeat)
    measured = median_seconds(folded, args.repeat)
    keystroke = median_seconds(cached, args.repeat)
    print(f"{args.count} jeunes, requête « {query} »")
    print(f"  recherche simple (lower)     : {reference * 1000:8.1f} ms, {found_plain} trouvés")
    print(f"  recherche repliée (matches)  : {measured * 1000:8.1f} ms, {found_folded} trouvés")
    print(f"  repliée, textes pré-repliés  : {keystroke * 1000:8.1f} ms (chaque frappe)")
    print(f"  rapport repliée / simple     : {measured / reference:8.1f}")
    print(f"  rapport pré-repliée / simple : {keystroke / reference:8.1f}")


if __name__ == "__main__":
    main()
