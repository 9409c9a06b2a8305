"""Guards on the institution grammar (synthetic sentences written for these tests): time words
open a clause, never a name; a Latin token after a category noun is a name only when it looks
like one; the walk back over a CJK run is bounded (hostile input). The 发布人 cases are in
test_institution_structure.py."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractor.gazetteers import word_class
from extractor.grammars.institutions import (
    CLAUSE_REACH,
    SENTENCE_REACH,
    _clause_start,
    attribution,
    find_institution_names,
    policy_topic,
)

TIME_WORDS = ["今天", "昨天", "日前", "近日", "本周", "本月", "今年", "去年", "上周"]


@pytest.mark.parametrize("word", TIME_WORDS)
def test_time_words_are_a_class_that_opens_a_clause(word):
    assert word in word_class("time_word")  # data/word_classes.tsv, read by the trim pattern
    text = f"{word}宁波市钢铁协会表示，库存下降。"
    assert [n.surface for n in find_institution_names(text)] == ["宁波市钢铁协会"]


@pytest.mark.parametrize(
    "text,surfaces",
    [
        ("该机构AI模型测算，铜价将上涨。", []),  # an acronym before a technique word
        ("该平台GPS系统显示，运力紧张。", []),
        ("该机构Ai测算，铜价将上涨。", []),  # two letters of mixed case
        ("据某咨询机构XRC测算，铜价将上涨。", ["XRC"]),  # an acronym of capitals
        ("据研究机构Borealis的数据，需求增加。", ["Borealis"]),  # a capitalised word
        ("据研究机构Alpha Metal Research的数据，需求增加。", ["Alpha Metal Research"]),
    ],
)
def test_a_latin_word_after_a_category_noun_must_look_like_a_name(text, surfaces):
    assert [n.surface for n in find_institution_names(text)] == surfaces


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="委员会协中国，A1\n ", max_size=200), st.integers(min_value=0, max_value=200))
def test_the_walk_back_over_a_cjk_run_is_bounded(text, pos):
    pos = min(pos, len(text))
    start = _clause_start(text, pos)
    assert 0 <= pos - start <= CLAUSE_REACH
    assert all("\u4e00" <= ch <= "\u9fff" for ch in text[start:pos])


@pytest.mark.parametrize("unit,listed_names", [("委员会", 0), ("今天", 0), ("中国钢铁工业协会", 2500)])
def test_a_long_run_of_name_endings_is_read_in_bounded_steps(unit, listed_names):
    """Hostile input: 20,000 characters of name endings in one CJK run (委员会 took ~37 s when the
    walk back was unbounded; timing is measured by scripts/fuzz_scale.py, family institution_run,
    never here). A committee needs its place, a time word is no name, and each listed name of a run
    of them is found on its own."""
    text = unit * (20000 // len(unit))
    names = find_institution_names(text)
    assert all(n.end - n.start <= CLAUSE_REACH for n in names)
    assert len(names) == listed_names
    assert all(n.canonical == unit and n.listed for n in names)


def test_a_long_run_of_foreign_bodies_is_found_and_read_in_bounded_windows():
    """Hostile input: 20,000 characters of 美国劳工部公布 without a sentence end. Each body is found,
    quoted by its verb, and its policy is looked for in at most SENTENCE_REACH characters after it."""
    text = "美国劳工部公布" * (20000 // 7)
    names = find_institution_names(text)
    assert len(names) == 20000 // 7 and {n.canonical for n in names} == {"美国劳工部"}
    assert all(attribution(text, n.start, n.end) == "verb" for n in names[:50])
    assert not any(policy_topic(text, n.start, n.end) for n in names[:50])


@pytest.mark.parametrize("gap,topic", [(10, True), (SENTENCE_REACH, False)])
def test_a_policy_is_looked_for_within_the_sentence_reach(gap, topic):
    """A public body (工信部, an agency mention at 0:3) that publishes is the topic when a policy follows
    in its sentence, read up to SENTENCE_REACH characters (hostile input has no sentence end)."""
    text = "工信部公布，" + "各" * gap + "企业按《钢铁行业规范条件的通知》执行。"
    assert policy_topic(text, 0, 3) is topic


@pytest.mark.parametrize(
    "unit,refs",
    [
        ("主办方中国钢铁工业协会", 0),  # every role noun is an apposition: bound, never a reference
        ("中国钢铁工业协会该协会", 1),  # each 该协会 points back to the name right before it
        ("永安期货" + "该协会" * 200, 0),  # no association within reach: the walk back stops
    ],
)
def test_a_long_run_of_references_is_read_in_one_pass(unit, refs):
    """Hostile input: 20,000 characters of role nouns or demonstratives and names without a paragraph
    break (the references are resolved in one pass, and a demonstrative reads back at most
    SENTENCE_REACH characters; timing is scripts/fuzz_scale.py's, never here)."""
    text = unit * (20000 // len(unit))
    names = find_institution_names(text)
    refers = [n for n in names if n.refers]
    assert len(refers) == refs * (20000 // len(unit))
    assert all(text[r.refers[0] : r.refers[1]] == "中国钢铁工业协会" and r.refers[1] <= r.start for r in refers)
