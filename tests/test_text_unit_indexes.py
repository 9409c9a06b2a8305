"""The indexes of `grammars.text_units` answer what the scans they replace answer."""

from hypothesis import given, settings
from hypothesis import strategies as st

from extractor.grammars.text_units import ClosedParens, Intervals


def _scan_closed_parens(text: str, pos: int, before: int) -> bool:
    """The definition ClosedParens indexes, as a walk over the characters: the nearest bracket in
    the 39 characters before `pos` opens a group, and a closing bracket follows before `before`."""
    for i in range(pos - 1, max(-1, pos - 40), -1):
        if text[i] in ")）":
            return False
        if text[i] in "(（":
            return any(c in ")）" for c in text[pos : min(len(text), before)])
    return False


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.sampled_from("铜(（)），a"), max_size=90), st.data())
def test_closed_parens_index_equals_the_scan(text, data):
    closed = ClosedParens(text)
    for _ in range(8):
        pos = data.draw(st.integers(0, len(text)))
        before = data.draw(st.integers(0, len(text) + 3))
        assert closed(pos, before) == _scan_closed_parens(text, pos, before)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 60), st.integers(0, 30)), max_size=8), st.integers(0, 70), st.integers(1, 5))
def test_intervals_answer_the_pass_over_every_range(spans, start, width):
    ranges = [(s, s + w) for s, w in spans]
    iv = Intervals(ranges)
    # a point (the statistics' blocked figures and text tables) and a range (the excluded sections)
    assert iv.overlaps(start, start + 1) == any(s <= start < e for s, e in ranges)
    assert iv.overlaps(start, start + width) == any(start < e and start + width > s for s, e in ranges)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 60), st.integers(0, 12)), max_size=10), st.integers(0, 70), st.integers(0, 6))
def test_bystart_overlaps_is_overlapping_not_empty(spans, lo, width):
    from dataclasses import dataclass

    from extractor.grammars.text_units import ByStart

    @dataclass
    class Item:
        start: int
        end: int

    items = ByStart(Item(s, s + w) for s, w in spans)
    assert items.overlaps(lo, lo + width) == bool(items.overlapping(lo, lo + width))
