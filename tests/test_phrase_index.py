"""`gazetteers.PhraseIndex`: every occurrence of every phrase, by code point offsets."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from extractor.gazetteers import PhraseIndex, _inside_latin_word

# CJK, Latin letters and digits (the word-boundary rule), an astral character (offsets
# are code points), white space
_ALPHABET = "铝土矿氧化铜A1B 𠀀"


def _every_occurrence(table: dict[str, int], text: str) -> list[tuple[int, int, int]]:
    out = []
    for phrase, value in table.items():
        k = text.find(phrase)
        while k >= 0:
            if not _inside_latin_word(text, k, k + len(phrase)):
                out.append((k, k + len(phrase), value))
            k = text.find(phrase, k + 1)
    return sorted(out, key=lambda h: (h[0], -(h[1] - h[0])))


@settings(max_examples=400)
@given(st.lists(st.tuples(st.text(_ALPHABET, max_size=4), st.integers(0, 9)), max_size=12),
       st.text(_ALPHABET, max_size=60))
def test_hits_are_every_occurrence(pairs, text):
    table = {}
    for phrase, value in pairs:  # a phrase given twice keeps its last value
        if phrase:
            table[phrase] = value
    assert PhraseIndex(pairs).hits(text) == _every_occurrence(table, text)


def test_finditer_takes_the_longest_match_left_to_right():
    ix = PhraseIndex([("铝", "Al"), ("铝土矿", "bauxite"), ("土矿", "ore"), ("CRU", "cru")])
    assert [(m.start, m.end, m.value) for m in ix.finditer("𠀀铝土矿和铝，CRUDE 与 CRU")] == [
        (1, 4, "bauxite"), (5, 6, "Al"), (15, 18, "cru")]
