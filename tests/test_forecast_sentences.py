"""The sentence bounds the forecast clause grammar reads (`sentence_start`): found once per
text and looked up by bisection; the same answer as scanning back for the last mark."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from extractor.grammars.forecast_clause import sentence_start

MARKS = "。！？!?\n"


def _scan(text: str, pos: int) -> int:
    return max(text.rfind(c, 0, pos) for c in MARKS) + 1


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from("铜价将涨，。！？!?\n a1"), max_size=60), st.data())
def test_sentence_start_is_the_last_mark_before(text, data):
    pos = data.draw(st.integers(0, len(text)))
    assert sentence_start(text, pos) == _scan(text, pos)


def test_sentence_start_examples():
    text = "铜价上涨。预计明年\n铝价回落！"
    assert sentence_start(text, 0) == 0
    assert sentence_start(text, 4) == 0  # the mark itself belongs to its sentence
    assert sentence_start(text, 5) == 5
    assert sentence_start(text, len(text) - 1) == text.index("\n") + 1
    assert sentence_start(text, len(text)) == len(text)  # after the closing mark
