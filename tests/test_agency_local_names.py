"""Local organs made by a naming pattern ({地}人民政府, {地}自然资源局): the place name begins at
a region mention or after a clause boundary, never crosses a line break, and keeps its
省…市…县 chain whole (`extractor.agencies._local_name`)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractor.agencies import find_agencies, find_agencies_in
from extractor.agency_gazetteer import clause_leads

# (text, [(surface, canonical, level)]): short synthetic sentences
CASES = [
    # a line break is a boundary: the title above is not part of the name
    ("标题\n赣州市政府", [("赣州市政府", "赣州市人民政府", "municipal")]),
    ("关于印发行动计划的通知\n于都县人民政府办公室",
     [("于都县人民政府办公室", "于都县人民政府办公室", "county")]),
    ("工作方案\r\n太原市自然资源局", [("太原市自然资源局", "太原市自然资源局", "municipal")]),
    # ... and the name on the line after a province stays its own
    ("江西省\n赣州市人民政府", [("赣州市人民政府", "赣州市人民政府", "municipal")]),
    # a name broken after its place is still one name
    ("赣州市\n人民政府", [("赣州市\n人民政府", "赣州市人民政府", "municipal")]),
    # time words before the name
    ("今天赣州市政府发布通告", [("赣州市政府", "赣州市人民政府", "municipal")]),
    ("近日赣州市自然资源局印发方案", [("赣州市自然资源局", "赣州市自然资源局", "municipal")]),
    ("日前吉县人民政府召开会议", [("吉县人民政府", "吉县人民政府", "county")]),
    ("今天鄂尔多斯市自然资源局发布", [("鄂尔多斯市自然资源局", "鄂尔多斯市自然资源局", "municipal")]),
    # verbs and function words before the name
    ("据悉赣州市自然资源局表示", [("赣州市自然资源局", "赣州市自然资源局", "municipal")]),
    ("会议要求太原市人民政府加快进度", [("太原市人民政府", "太原市人民政府", "municipal")]),
    ("印发包头市工信局方案", [("包头市工信局", "包头市工业和信息化局", "municipal")]),
    ("据赣州市统计局数据", [("赣州市统计局", "赣州市统计局", "municipal")]),
    ("但赣州市政府表示", [("赣州市政府", "赣州市人民政府", "municipal")]),
    ("由于都县人民政府负责", [("于都县人民政府", "于都县人民政府", "county")]),
    ("从赣州市政府获悉", [("赣州市政府", "赣州市人民政府", "municipal")]),
    ("位于赣州市自然资源局", [("赣州市自然资源局", "赣州市自然资源局", "municipal")]),
    # a one-character preposition opens a clause only before a name of two or more characters
    ("从化区人民政府", [("从化区人民政府", "从化区人民政府", "county")]),
    ("从江县人民政府", [("从江县人民政府", "从江县人民政府", "county")]),
    ("于都县人民政府", [("于都县人民政府", "于都县人民政府", "county")]),
    ("和田地区于田县人民政府", [("和田地区于田县人民政府", "和田地区于田县人民政府", "county")]),
    # chains that stay whole
    ("江西省赣州市人民政府", [("江西省赣州市人民政府", "江西省赣州市人民政府", "municipal")]),
    ("近日，江西省赣州市人民政府印发",
     [("江西省赣州市人民政府", "江西省赣州市人民政府", "municipal")]),
    ("内蒙古自治区包头市人民政府",
     [("内蒙古自治区包头市人民政府", "内蒙古自治区包头市人民政府", "municipal")]),
    ("新疆维吾尔自治区人民政府", [("新疆维吾尔自治区人民政府", "新疆维吾尔自治区人民政府", "provincial")]),
    ("江西省赣州市于都县人民政府印发",
     [("江西省赣州市于都县人民政府", "江西省赣州市于都县人民政府", "county")]),
    ("赣州市于都县自然资源局", [("赣州市于都县自然资源局", "赣州市于都县自然资源局", "county")]),
    ("上海市浦东新区人民政府", [("上海市浦东新区人民政府", "上海市浦东新区人民政府", "county")]),
    ("吉林省吉林市人民政府", [("吉林省吉林市人民政府", "吉林省吉林市人民政府", "municipal")]),
    ("恩施土家族苗族自治州人民政府",
     [("恩施土家族苗族自治州人民政府", "恩施土家族苗族自治州人民政府", "municipal")]),
    # a province written short before the place, in running text
    ("支持内蒙古鄂尔多斯市自然资源局",
     [("内蒙古鄂尔多斯市自然资源局", "内蒙古自治区鄂尔多斯市自然资源局", "municipal")]),
    # a unit with no place of its own is no name; 本市 is no prefecture
    ("市县人民政府", []),
    ("各设区市人民政府", []),
    ("本市浦东新区人民政府", [("浦东新区人民政府", "浦东新区人民政府", "county")]),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_local_name_begins_at_a_place(text, expected):
    got = [(a.surface, a.canonical, a.level) for a in find_agencies(text)]
    assert got == expected
    for a in find_agencies(text):
        assert text[a.start : a.end] == a.surface


LEADS = sorted(clause_leads())


@pytest.mark.parametrize("lead", LEADS)
def test_no_clause_lead_is_taken_into_a_name(lead):
    for text, expected in ((f"{lead}赣州市人民政府", "赣州市人民政府"),
                           (f"{lead}于都县自然资源局", "于都县自然资源局")):
        assert [a.canonical for a in find_agencies(text)] == [expected]


@pytest.mark.parametrize("before", ["标题", "一、总体要求", "通知", "2026年1月5日", "附件"])
@pytest.mark.parametrize("name", ["赣州市政府", "于都县人民政府", "包头市自然资源局"])
def test_a_name_never_crosses_a_line_break(before, name):
    found = find_agencies(f"{before}\n{name}")
    assert found and found[-1].surface == name
    # the same name in a batch of pieces
    assert [a.surface for a in find_agencies_in([before, f"{before}\n{name}"])[1]] == [name]


def test_home_reference_after_a_line_break_resolves():
    # 市工信局 on its own line is the document's own city's organ, not part of the line above
    found = find_agencies("牵头单位\n市工信局", home={"市": "赣州市"})
    assert [(a.surface, a.canonical) for a in found] == [("市工信局", "赣州市工业和信息化局")]


def test_clause_leads_are_words_not_characters():
    # a single character also begins place names (和田, 于都, 正定): only words are leads
    assert LEADS and all(len(w) >= 2 for w in LEADS)


NAMES = ["赣州市人民政府", "江西省赣州市人民政府", "于都县自然资源局", "内蒙古自治区包头市人民政府",
         "吉县人民政府", "鄂尔多斯市自然资源局"]


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="今天据悉赣州市于都县江西省人民政府自然资源局，要求标题 ", max_size=40),
       st.sampled_from(NAMES))
def test_whatever_stands_on_the_line_above_a_name_stays_out_of_it(above, name):
    text = f"{above}\n{name}"
    found = find_agencies(text)
    assert found and (found[-1].surface, found[-1].start) == (name, len(above) + 1)


def test_many_walks_find_every_name():
    # a long run of CJK without boundaries before many units: each walk is bounded and
    # every repeat of the unit finds the same names (speed: scripts/fuzz_scale.py agency)
    unit = "今天赣州市人民政府赣州市于都县人民政府"
    one = [(a.surface, a.canonical) for a in find_agencies(unit)]
    many = find_agencies(unit * 50)
    assert one == [("赣州市人民政府", "赣州市人民政府"), ("赣州市于都县人民政府", "赣州市于都县人民政府")]
    assert len(many) == 50 * len(one)
