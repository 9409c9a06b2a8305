"""jieba segmentation for the search index: gazetteer names are single terms, and a
query made of a text's own words finds that text (its terms are among the index terms)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractor.search_terms import gazetteer_terms, index_terms, query_terms

# names jieba alone splits (工业/和/信息化/部, 铝土/矿 …)
WHOLE = ["工业和信息化部", "工信部", "国家发展改革委", "铝土矿", "再生铝", "碳酸锂", "华鑫期货",
         "内蒙古自治区", "自然资源部"]


@pytest.mark.parametrize("name", WHOLE)
def test_gazetteer_names_are_single_terms(name):
    assert name in gazetteer_terms()
    assert query_terms(name) == [name]
    assert name in index_terms(f"关于{name}的通知")


@pytest.mark.parametrize("text, terms", [
    ("再生铝产量1500万吨", ["再生铝", "产量", "1500", "万吨"]),
    ("工业和信息化部、自然资源部", ["工业和信息化部", "自然资源部"]),
    ("LME Copper 价格", ["lme", "copper", "价格"]),  # lower-cased, punctuation dropped
    ("，。！", []),
])
def test_query_terms(text, terms):
    assert query_terms(text) == terms


def test_index_terms_hold_the_sub_words():
    terms = index_terms("工业和信息化部印发实施方案")
    assert {"工业和信息化部", "工业", "信息化", "实施方案", "实施", "方案"} <= set(terms)


CHARS = st.sampled_from(list("再生铝产量工业和信息化部关于推动高质量发展的通知铜锂钴价格上涨，。 2025年万吨"))


@settings(max_examples=200, deadline=None)
@given(st.text(CHARS, min_size=1, max_size=60))
def test_a_text_is_found_by_its_own_words(text):
    assert set(query_terms(text)) <= set(index_terms(text))
