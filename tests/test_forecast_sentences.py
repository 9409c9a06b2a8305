"""The sentence bounds the forecast clause grammar reads (`sentence_start`, `sentence_end`) and
the clauses before a call (`clause_before`, `last_clause`): found once per text (or sentence) and
looked up by bisection; the same answer as scanning back for the last mark, or splitting the
sentence up to the call, as the grammar did for each clause (quadratic on a long sentence)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from extractor.grammars.forecast_clause import (
    CLAUSE_SPLIT, CONDITION, _TIME_TOPIC, _first_clause, clause_before, last_clause, sentence_end, sentence_start,
)

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


def _split_before(text: str, cs: int) -> list[str]:
    return CLAUSE_SPLIT.split(text[sentence_start(text, cs) : cs])


CLAUSES = st.lists(st.sampled_from(["，", "。", "；", "！", "\n", " ", "若价格上涨", "到2015年", "当库存降到低位后", "锂价将涨"]), max_size=30).map("".join)


@settings(max_examples=300, deadline=None)
@given(CLAUSES, st.data())
def test_clauses_before_a_call_are_the_split_sentence(text, data):
    cs = data.draw(st.integers(0, len(text)))
    nonblank = [p for p in _split_before(text, cs) if p.strip()]
    assert last_clause(text, cs) == (nonblank[-1] if nonblank else None)
    for pattern in (CONDITION, _TIME_TOPIC):
        got = clause_before(text, cs, pattern)
        assert (text[got[0] : got[1]] if got else None) == next((p for p in _split_before(text, cs) if pattern.match(p)), None)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from("铜价将涨，。！？!?\n a1"), max_size=60), st.data())
def test_sentence_end_is_the_first_mark_after(text, data):
    pos = data.draw(st.integers(0, len(text)))
    marks = [i for i in range(pos, len(text)) if text[i] in MARKS]
    assert sentence_end(text, pos) == (marks[0] if marks else len(text))


def test_a_long_sentence_is_split_once(components):
    """A sentence of many clauses is read once per sentence, not once per clause."""
    _first_clause.cache_clear()
    components("发布时间：2025-10-20\n铜价回落。" + "锂价将上涨，" * 50, "ex_forecasts")
    info = _first_clause.cache_info()
    assert info.hits >= 50 and info.misses <= 6  # 3 sentences x 2 patterns (condition, time topic)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="甲乙\n，。", max_size=40), st.data())
def test_context_line_bounds_from_the_index_equal_a_scan(text, data):
    """Context.line_of / one_clause over the indexes found once answer what rfind/find and a
    CLAUSE_SPLIT search over the text answer (the scan per scope was quadratic on long lines)."""
    from extractor.grammars.forecast_clause import CLAUSE_SPLIT, Context
    from extractor.grammars.text_units import ByStart, CharIndex, Intervals, TextUnits

    ctx = Context(None, None, [], [], Intervals(()), {}, {}, ByStart([]), TextUnits(text),
                  clause_marks=CharIndex(text, CLAUSE_SPLIT))
    pos = data.draw(st.integers(0, len(text)))
    ls, le = ctx.line_of(text, pos)
    assert ls == text.rfind("\n", 0, pos) + 1
    assert le == (text.find("\n", pos) if "\n" in text[pos:] else len(text))
    assert ctx.one_clause(ls, le) == (not CLAUSE_SPLIT.search(text[ls:le]))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 60), st.integers(1, 20)), max_size=8), st.integers(0, 80), st.integers(0, 20))
def test_excluded_index_answers_the_scan_over_sections(sections, start, width):
    """ex_forecasts asks Intervals of the excluded sections (log time) what `in_excluded`
    answers with a pass over every section per clause: the same clauses are left out."""
    from extractor.grammars.text_units import Excluded, Intervals, in_excluded

    excluded = [Excluded(s, s + n, "disclaimer") for s, n in sections]
    index = Intervals((x.start, x.end) for x in excluded)
    assert index.overlaps(start, start + width) == bool(in_excluded(excluded, start, start + width))


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="预计期我们市场，,；:。\n 锂价将上涨", max_size=40))
def test_is_governed_from_the_sentence_matches_equals_a_search_of_the_sentence_so_far(text):
    """is_governed answers from the sentence's _GOVERNING matches found once what a search of
    text[sentence_start:cs] answered for every clause (quadratic on a long sentence)."""
    from extractor.grammars.forecast_clause import _GOVERNING, is_governed, sentence_start

    for cs in range(len(text) + 1):
        assert is_governed(text, cs) == bool(_GOVERNING.search(text[sentence_start(text, cs) : cs])), cs


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="锂价铜需求将上涨回落，,；。 预计我们认为", max_size=40), st.booleans())
def test_opening_subject_from_the_sentence_index_equals_the_split_and_walk(text, nearest):
    """opening_subject (clause marks found once, each clause's noun read once per sentence)
    answers what a split of the sentence so far and a walk back over its clauses answer."""
    from extractor.grammars.forecast_clause import sentence_start
    from extractor.grammars.forecast_subject import _opening_subject_by_split, opening_subject

    for cs in range(len(text) + 1):
        ss = sentence_start(text, cs)
        assert opening_subject(text, ss, cs, nearest) == _opening_subject_by_split(text, ss, cs, nearest), cs


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="铝材门窗行产业，的以为原料", max_size=40), st.data())
def test_industry_before_from_the_words_found_once_equals_a_scan(text, data):
    """industry_before reads the 行业 / 产业 found once per text: the sector a scan of
    text[lo:hi] per call finds."""
    from extractor.grammars.forecast_market import _np_start
    from extractor.grammars.forecast_subject import _SECTOR_WORD, industry_before

    lo = data.draw(st.integers(0, len(text)))
    hi = data.draw(st.integers(lo, len(text)))
    expected = None
    for pos in reversed([m.start() for m in _SECTOR_WORD.finditer(text, lo, hi)]):
        k = _np_start(text, pos, lo, cross=False)
        if pos - k >= 2:
            expected = text[k:pos]
            break
    assert industry_before(text, lo, hi) == expected
