"""The snippet window: one pass (two pointers) picks the same window as trying every
start, over generated matches (ordered, non-overlapping, as `finditer` gives them)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from api.search import _best_window, snippet


def brute_force(matches, width):
    best, best_score = 0, (-1, 0)
    for i, (start, _, _) in enumerate(matches):
        window = [m for m in matches[i:] if m[1] <= start + width]
        score = (len({m[2] for m in window}), len(window))
        if score > best_score:
            best, best_score = i, score
    return best


@st.composite
def match_lists(draw):
    out, pos = [], 0
    for _ in range(draw(st.integers(0, 60))):
        pos += draw(st.integers(0, 40))
        length = draw(st.integers(1, 30))
        out.append((pos, pos + length, draw(st.sampled_from("abcd"))))
        pos += length
    return out


@given(match_lists(), st.integers(1, 150))
def test_one_pass_window_is_the_brute_force_window(matches, width):
    if matches:
        assert _best_window(matches, width) == brute_force(matches, width)


def test_snippet_prefers_the_window_with_most_distinct_terms():
    text = "铝" * 3 + "x" * 300 + "铝土矿与再生铝" + "y" * 300
    s = snippet(text, ["铝土矿", "再生铝", "铝"], width=40)
    assert "<mark>铝土矿</mark>" in s.text and "<mark>再生铝</mark>" in s.text
