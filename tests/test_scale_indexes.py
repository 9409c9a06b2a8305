"""The indexes that keep ex_minerals and ex_statistics linear on a long line answer as the
scans they replaced (the fuzz `forecast` family: one line of a million characters).

- statistics `_heading`: a figure's line from the line breaks found once (CharIndex) vs
  `text.rfind("\\n")` / `text.find("\\n")` and a copy of the line per figure;
- minerals `squeeze`: a text without letter-spacing gets `range` offsets vs the list
  `drop_runs` builds, and find_minerals' mentions are unchanged.
"""

from __future__ import annotations

import re
from types import SimpleNamespace

from hypothesis import given, settings
from hypothesis import strategies as st

from extractor.grammars.text_units import CharIndex, drop_runs
from extractor.minerals import _CJK, find_minerals, squeeze
from extractor.pipelines.components.statistics import HEADING_MAX, _heading

_NOT_HEADING = re.compile(r"[，,。；;：:！!？?]")


def _heading_by_scan(text: str, start: int, end: int) -> bool:
    """The scan `_heading` replaced (as it was)."""
    ls = text.rfind("\n", 0, start) + 1
    le = text.find("\n", end)
    line = text[ls : le if le >= 0 else len(text)]
    return len(line) <= HEADING_MAX and not _NOT_HEADING.search(line)


# short lines (headings) and long ones, with and without punctuation
_CHARS = st.sampled_from(list("铝锂价涨年\n\n，。 ") + ["1"])


@settings(max_examples=300, deadline=None)
@given(st.lists(_CHARS, min_size=0, max_size=200).map("".join), st.data())
def test_heading_from_line_breaks_matches_the_scan(text, data):
    breaks = CharIndex(text, "\n")
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    q = SimpleNamespace(start=start, end=end)
    assert _heading(text, q, breaks) == _heading_by_scan(text, start, end)


def test_heading_long_lines():
    # a line of exactly HEADING_MAX characters is a heading, one more is not; first and last line
    for n in (HEADING_MAX, HEADING_MAX + 1):
        for text in ("铝" * n, "标题\n" + "铝" * n, "铝" * n + "\n正文，铝"):
            for start in (0, len(text) // 2, len(text) - 1):
                q = SimpleNamespace(start=start, end=start + 1)
                assert _heading(text, q, CharIndex(text, "\n")) == _heading_by_scan(text, start, start + 1)


_MINERAL_TEXT = st.lists(st.sampled_from(list("铝土矿锂钴镍稀土碳酸铁 \n，、集团") + ["  ", "铝 土矿"]),
                         max_size=80).map("".join)


@settings(max_examples=300, deadline=None)
@given(_MINERAL_TEXT)
def test_squeeze_matches_drop_runs(text):
    sq, offsets = squeeze(text)
    ref_sq, ref_offsets = drop_runs(text, _CJK)
    assert sq == ref_sq
    assert list(offsets) == ref_offsets


@settings(max_examples=200, deadline=None)
@given(_MINERAL_TEXT)
def test_find_minerals_unchanged_by_range_offsets(text):
    # the mentions read through the squeeze equal those read through drop_runs' list
    import extractor.minerals as m

    got = find_minerals(text)
    orig = m.squeeze
    try:
        m.squeeze = lambda t: drop_runs(t, _CJK)
        want = find_minerals(text)
    finally:
        m.squeeze = orig
    assert got == want
