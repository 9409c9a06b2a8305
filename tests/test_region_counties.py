"""County-level cities (县级市) in the region gazetteer (data/regions.tsv, kind `county`): how many
each province has, which short forms are aliases, and how a county-level city relates to its
province (short form for statistics, 江苏省昆山市, 全省 / 全市)."""

from __future__ import annotations

import pytest

from extractor.gazetteers import read_tsv
from extractor.grammars.regions import city_province, deictic_regions, region_mentions, short_region

ROWS = read_tsv("regions.tsv")
COUNTIES = [r for r in ROWS if r["kind"] == "county"]

# county-level cities per province, as the file header states them (2023)
PER_PROVINCE = {
    "河北省": 21, "山西省": 11, "内蒙古自治区": 11, "辽宁省": 16, "吉林省": 20, "黑龙江省": 21,
    "江苏省": 21, "浙江省": 20, "安徽省": 9, "福建省": 11, "江西省": 12, "山东省": 26, "河南省": 21,
    "湖北省": 26, "湖南省": 19, "广东省": 20, "广西壮族自治区": 10, "海南省": 5, "四川省": 19,
    "贵州省": 10, "云南省": 18, "陕西省": 7, "甘肃省": 5, "青海省": 5, "宁夏回族自治区": 2,
    "新疆维吾尔自治区": 29,
}


def test_every_county_level_city_is_listed_once_per_province():
    names = [r["canonical"] for r in COUNTIES]
    assert len(names) == len(set(names)) == sum(PER_PROVINCE.values()) == 395
    got = {}
    for r in COUNTIES:
        got[r["province"]] = got.get(r["province"], 0) + 1
    assert got == PER_PROVINCE
    # the municipalities and Tibet have none
    assert not {"北京市", "天津市", "上海市", "重庆市", "西藏自治区"} & set(got)


def test_every_county_names_a_province_and_its_short_form():
    provinces = {r["canonical"] for r in ROWS if r["kind"] == "province"}
    for r in COUNTIES:
        assert r["province"] in provinces, r
        assert r["canonical"].endswith("市") and r["canonical"].startswith(r["short"]), r
        aliases = list(filter(None, r["aliases"].split(";")))
        assert aliases in ([], [r["short"]]), r
        assert aliases or r["notes"], r  # a short form left out says why


def test_no_county_alias_is_another_regions_name():
    others = {n for r in ROWS if r["kind"] != "county" for n in [r["canonical"], *r["aliases"].split(";")] if n}
    names = [n for r in COUNTIES for n in [r["canonical"], *r["aliases"].split(";")] if n]
    assert not set(names) & others
    assert len(names) == len(set(names))


def _found(text: str) -> list[tuple[str, str]]:
    return [(m.surface, m.canonical) for m in region_mentions(text)]


@pytest.mark.parametrize("text,expect", [
    ("昆山光伏企业产值增长", [("昆山", "昆山市")]),
    ("义乌小商品出口回升", [("义乌", "义乌市")]),
    ("江苏省昆山市电子产业", [("昆山市", "昆山市")]),  # the province before its own city is the city
    ("海安市纺织企业", [("海安市", "海安市")]),  # the full name always counts
    ("上海安排专项资金", [("上海", "上海市")]),  # 海安 is no alias (上海安排)
    ("提高安全生产水平", []),  # 高安 is no alias (提高安全)
    ("庐山旅游收入", []),  # a landmark
    ("东兴证券研报", []),  # a company
    ("恩施市和恩施州", [("恩施市", "恩施市"), ("恩施州", "恩施土家族苗族自治州")]),
    ("芒市咖啡种植", [("芒市", "芒市")]),
    ("天津市钢材库存", [("天津市", "天津市")]),  # 津市 is no alias
])
def test_county_mentions(text, expect):
    assert _found(text) == expect


@pytest.mark.parametrize("canonical,province,short", [
    ("昆山市", "江苏省", "昆山"), ("仙桃市", "湖北省", "仙桃"), ("津市市", "湖南省", "津市"),
    ("石河子市", "新疆维吾尔自治区", "石河子"), ("满洲里市", "内蒙古自治区", "满洲里"), ("芒市", "云南省", "芒市"),
])
def test_county_province_and_short_form(canonical, province, short):
    assert city_province(canonical) == province
    assert short_region(canonical) == short


def test_a_county_level_city_names_its_province_for_全省_and_itself_for_全市():
    text = "昆山电子产业发达。全市工业产值增长，全省"
    got = [(r.surface, r.canonical) for r in deictic_regions(text, region_mentions(text))]
    assert got == [("全市", "昆山市"), ("全省", "江苏省")]
