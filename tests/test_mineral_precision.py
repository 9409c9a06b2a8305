"""Mineral mentions that are not minerals: chemical compounds, names of bodies, word-class
blocks (short synthetic sentences of our own, after the classes of false positives on
corpora/blind2)."""

from __future__ import annotations

import pytest

import os

import jieba

from extractor.gazetteers import read_tsv
from extractor.minerals import find_minerals, in_compound, name_follow_words, opens_run


def catalogue(text: str) -> set[str]:
    out = set()
    for m in find_minerals(text):
        e = m.entry
        out.add(e.parent or e.canonical)
    return out


# (text, catalogue/parent names expected, names that must not appear)
CASES = [
    # compounds: the element next to 酸 names a chemical
    ("以磷酸铁锂和锰酸锂为正极材料", set(), {"磷", "铁", "锰"}),  # 铁锂: the lithium of LFP counts
    ("用量排在尿素和磷酸之后", set(), {"磷"}),
    ("硝酸银溶液", set(), {"银"}),
    # compounds that are products keep their mineral
    ("碳酸锂价格上涨", {"锂"}, set()),
    ("硫酸镍产量", {"镍"}, set()),
    ("多家铅酸电池厂停产检修", {"铅"}, set()),
    ("铅酸蓄电池企业", {"铅"}, set()),
    ("沪铅和磷矿石", {"铅", "磷"}, set()),
    # names of bodies
    ("当地钢铁工人联合会发表声明", set(), {"铁"}),
    ("省稀土学会和市钢铁行业协会召开座谈会", set(), {"稀土", "铁"}),
    ("生产钛白粉的东山集团扩产", {"钛"}, set()),
    ("中国铝业集团公告", set(), {"铝土矿", "铝"}),
    ("江西铜业(600362)和厦门钨业（600549.SH）涨停", set(), {"铜", "钨"}),  # stock codes mark company names
    ("铜价(元/吨)上涨", {"铜"}, set()),
    # person names: a one-character metal inside a name that opens a run, before a speech verb or title
    ("一家灯具厂的林锡安直言，订单回落", set(), {"锡"}),
    ("王铁表示，需求平稳", set(), {"铁"}),
    ("某期货公司分析师张铜认为，库存偏低", set(), {"铜"}),
    ("据周铝介绍，新线已经投产", set(), {"铝土矿"}),
    ("会上，刘锌坦言压力不小", set(), {"锌"}),
    ("记者陈镍说，港口到货增加", set(), {"镍"}),
    ("赵锂先生出席了会议", set(), {"锂"}),
    # function words are no surnames, judgement verbs and adverbs follow no names: every metal stays
    ("铝和铜预计将继续上涨", {"铝土矿", "铜"}, set()),
    ("铅和锌则小幅下跌", {"铅", "锌"}, set()),
    ("相对于铜则更为谨慎", {"铜"}, set()),
    ("镍与锡预计维持震荡", {"镍", "锡"}, set()),
    ("铜及铝估计仍将偏强", {"铜", "铝土矿"}, set()),
    ("铅、锌则跟随回落", {"铅", "锌"}, set()),
    ("锌和铅分析认为供应偏紧", {"锌", "铅"}, set()),
    ("进入淡季时铜曾一度走弱", {"铜"}, set()),
    ("需求好于铝，铜表示出更强的韧性", {"铝土矿", "铜"}, set()),  # 铜 opens the run but has no surname
    ("相较于镍预计锡的波动更大", {"镍", "锡"}, set()),
    ("今年以来铜和铝指出了方向", {"铜", "铝土矿"}, set()),  # 和 is no surname
    ("库存连铜都在下降", {"铜"}, set()),
    ("下游对铝、铜的采购全铜表示观望", {"铝土矿", "铜"}, set()),
    ("沪锡表示震荡，铜说明需求", {"锡", "铜"}, set()),  # 沪 is no surname; 铜 has none before it
    ("马钢铁矿石采购量", {"铁"}, set()),  # a two-character term is never a name
    # word classes
    ("门窗五金配件订单增加", set(), {"金"}),
    # 黄金 before a time/place noun is a "golden/prime" phrase (one guard on the 黄金 row)
    ("产业进入黄金增长期", set(), {"金"}),
    ("行业迎来黄金十年", set(), {"金"}),
    ("新区的黄金地段一铺难求", set(), {"金"}),
    ("春节黄金周客流回升", set(), {"金"}),
    ("这是光伏的黄金时代", set(), {"金"}),
    ("电视剧占据黄金档", set(), {"金"}),
    ("两家企业是黄金搭档", set(), {"金"}),
    ("国庆黄金周期间门店销量增加", set(), {"金"}),
    ("晚间黄金时段的广告", set(), {"金"}),
    # ... but gold stays gold before market words that begin with the same character
    ("黄金期货主力合约收涨", {"金"}, set()),
    ("黄金期权成交活跃", {"金"}, set()),
    ("现货黄金周一小幅走高", {"金"}, set()),
    ("黄金周线收出阳线", {"金"}, set()),
    ("黄金年产量保持增长", {"金"}, set()),
    ("黄金短期承压", {"金"}, set()),
    ("黄金期现价差收窄", {"金"}, set()),
    ("对煤气设备的需求", set(), {"煤"}),
    ("黄金价格和煤炭价格", {"金", "煤"}, set()),
    ("龙骨以轻钢镀锌材质为主", {"铁", "锌"}, set()),
]


@pytest.mark.parametrize("text,want,never", CASES, ids=[c[0] for c in CASES])
def test_mineral_precision(text, want, never):
    got = catalogue(text)
    assert want <= got, got
    assert not (never & got), got


@pytest.mark.parametrize("text,start,end,expected", [
    ("磷酸", 0, 1, True), ("锰酸锂", 2, 3, True), ("铅价", 0, 1, False), ("碳酸锂", 0, 3, False),
])
def test_in_compound(text, start, end, expected):
    assert in_compound(text, start, end) is expected


# jieba dictionary tags of function words: conjunction, preposition, adverb, numeral, pronoun, particle
FUNCTION_TAGS = {"c", "p", "d", "m", "r", "u"}
GRAMMATICAL = set("和于与及或时连全应则曾")


def test_surnames_are_no_function_words():
    """The surname rows leave out characters that are also common function words (TSV header)."""
    tags = {}
    with open(os.path.join(os.path.dirname(jieba.__file__), "dict.txt"), encoding="utf-8") as f:
        for line in f:
            word, _, tag = line.split()
            if len(word) == 1:
                tags[word] = tag
    surnames = [r["term"] for r in read_tsv("minerals.tsv") if r["row_type"] == "surname"]
    assert len(surnames) > 150
    bad = [s for s in surnames if tags.get(s) in FUNCTION_TAGS or s in GRAMMATICAL]
    assert not bad, bad


def test_name_follow_rows_are_no_forecast_words():
    follow = name_follow_words()
    assert {"表示", "直言", "认为", "指出"} <= follow
    assert not follow & {"则", "曾", "预计", "估计", "分析"}


@pytest.mark.parametrize("text,pos,expected", [
    ("王铁表示", 0, True), ("，王铁", 1, True), ("的王铁", 1, True), ("分析师王铁", 3, True),
    ("2026年王铁", 5, False), ("铝和铜", 1, False), ("相对于铜", 2, False),
])
def test_opens_run(text, pos, expected):
    opens = tuple(r["term"] for r in read_tsv("minerals.tsv") if r["row_type"] == "name_open")
    assert opens_run(text, pos, opens) is expected


@pytest.mark.parametrize("text,want", [
    ("一家灯具厂的林锡安直言，订单回落", []),  # a person's name
    ("铜陵的冶炼厂和磷酸产能", []),  # a block word and a compound
    ("产业进入黄金增长期", []),  # the 黄金 guard
    ("当地钢铁工人联合会发表声明", []),  # a body's name
    ("铝和铜预计将继续上涨，焦炭持平", ["铝", "铜", "焦炭"]),  # kept terms are mentions
])
def test_mineral_mentions_keep_the_gazetteer_decisions(text, want):
    """`mineral_mentions` (read by statistics and forecasts) adds product words only where the
    gazetteer has no term: a term the gazetteer dropped is not brought back."""
    from conftest import pipeline

    doc = pipeline("ex_minerals")(text)
    got = [s.text for s in doc.spans["mineral_mentions"]] if "mineral_mentions" in doc.spans else []
    assert got == want
