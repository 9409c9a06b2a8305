"""Prefecture-level cities in the region gazetteer (data/regions.tsv, kind `city`): which
surfaces are cities, which words that look like one are not, and how a city relates to its
province (short form for statistics, 全省/全市, 广东省广州市)."""

from __future__ import annotations

import pytest

from extractor import extract
from extractor.gazetteers import read_tsv
from extractor.grammars.regions import city_province, deictic_opening, deictic_regions, region_mentions, short_region

ROWS = read_tsv("regions.tsv")
CITIES = [r for r in ROWS if r["kind"] == "city"]


def _found(text: str) -> list[tuple[str, str]]:
    return [(m.surface, m.canonical) for m in region_mentions(text)]


def test_every_prefecture_level_division_is_listed_once():
    # GB/T 2260: 293 地级市, 7 地区, 30 自治州, 3 盟
    names = [r["canonical"] for r in CITIES]
    assert len(names) == len(set(names)) == 333
    suffix = {"市": 293, "地区": 7, "自治州": 30, "盟": 3}
    assert {s: sum(n.endswith(s) for n in names) for s in suffix} == suffix


def test_every_city_names_a_listed_province_and_its_short_form():
    provinces = {r["canonical"] for r in ROWS if r["kind"] == "province"}
    for r in CITIES:
        assert r["province"] in provinces, r
        assert r["short"] and r["canonical"].startswith(r["short"]), r
        # an alias is the short form or the 自治州's X州; never anything else
        for alias in filter(None, r["aliases"].split(";")):
            assert alias in (r["short"], r["short"] + "州"), r
        # a short form left out as an alias says why
        assert (r["short"] in r["aliases"].split(";")) or r["notes"], r


def test_no_city_alias_is_another_regions_name():
    others = {n for r in ROWS if r["kind"] != "city" for n in [r["canonical"], *r["aliases"].split(";")] if n}
    for r in CITIES:
        assert not (set(filter(None, r["aliases"].split(";"))) & others), r


@pytest.mark.parametrize("text,expect", [
    ("赣州钨精矿收购价上调", [("赣州", "赣州市")]),
    ("包头稀土永磁材料产量增长", [("包头", "包头市")]),
    ("唐山地区高炉开工率回升", [("唐山", "唐山市")]),
    ("大同市煤炭产量下降", [("大同市", "大同市")]),  # the full name always counts
    ("白银市有色金属产业", [("白银市", "白银市")]),
    ("恩施州硒矿资源", [("恩施州", "恩施土家族苗族自治州")]),
    ("锡林郭勒盟煤炭外运", [("锡林郭勒盟", "锡林郭勒盟")]),
    ("阿克苏地区棉花产量", [("阿克苏地区", "阿克苏地区")]),
    ("吉林市化工园区", [("吉林市", "吉林市")]),  # the city, not the province
    ("广州、深圳两市利润下降", [("广州", "广州市"), ("深圳", "深圳市")]),
    ("深圳、东莞等地电子企业", [("深圳", "深圳市"), ("东莞", "东莞市")]),
    ("广州市场铜价上涨", [("广州", "广州市")]),  # X市场 is X's market
    ("吉林市场玉米收购价", [("吉林", "吉林省")]),  # …and 吉林 alone is the province
    ("赣州经开区、蓉江新区", [("赣州", "赣州市")]),  # a zone in a list is a place, not a trade name
    ("黑龙江哈尔滨举行", [("哈尔滨", "哈尔滨市")]),
])
def test_city_mentions(text, expect):
    assert _found(text) == expect


@pytest.mark.parametrize("text", [
    # short forms that are ordinary words, names, landmarks or goods
    "世界大同，求同存异", "长治久安的局面", "朝阳产业发展迅速", "四平八稳地推进", "白山黑水之间",
    "黄山风景区游客增加", "三明治价格上涨", "吉安先生表示", "日照时间延长", "德州原油产量创新高",
    "包装开封后请尽快使用", "北海公园游客", "中山大学研究团队", "来宾人数超过千人", "夸下海口",
    "普洱茶价格上涨", "山南海北的客商", "祝愿家人安康", "白银期货价格上涨", "大理石板材出口",
    "玉树临风", "阿里巴巴发布财报", "大庆油田原油产量", "红河水位上涨", "怒江流域水电",
    # short forms across a word boundary
    "推广安全生产经验", "确保定期检查", "巩固原有市场", "美丽新乡村建设", "西南通道运力",
    "大同市场需求平稳",
    # a city in a company's, a plant's or a port's name
    "广州石化检修", "铜陵有色发布公告", "洛阳钼业钴产量", "厦门钨业年报", "宁德时代电池出货量",
    "阿坝铝厂电耗下降", "秦皇岛港煤炭库存减少", "青岛港铁矿石报价", "徐州中能硅业成本下降",
    "南通林洋新能源研制电池", "据秦皇岛煤炭网数据", "昆士兰州的洪水", "南京中电、苏州阿特斯等企业",
])
def test_not_a_city(text):
    assert [m for m in region_mentions(text) if m.kind == "city"] == []


def test_a_trade_name_in_a_list_is_a_name_wherever_it_recurs():
    text = "苏州中来、无锡华光和常州天合等企业上市。无锡华光研发的电池效率达20%"
    assert [m for m in region_mentions(text) if m.kind == "city"] == []


@pytest.mark.parametrize("text,expect", [
    ("广东省广州市工业增加值", [("广州市", "广州市")]),
    ("江西赣州稀土", [("赣州", "赣州市")]),
    ("湖南、广州", [("湖南", "湖南省"), ("广州", "广州市")]),  # another province's: two regions
])
def test_a_province_before_its_own_city_is_the_city(text, expect):
    assert _found(text) == expect


@pytest.mark.parametrize("canonical,short,province", [
    ("广州市", "广州", "广东省"),
    ("包头市", "包头", "内蒙古自治区"),
    ("延边朝鲜族自治州", "延边", "吉林省"),
    ("海西蒙古族藏族自治州", "海西", "青海省"),
    ("巴音郭楞蒙古自治州", "巴音郭楞", "新疆维吾尔自治区"),
    ("大兴安岭地区", "大兴安岭", "黑龙江省"),
    ("兴安盟", "兴安", "内蒙古自治区"),
    ("山西省", "山西", None),
])
def test_short_form_and_province(canonical, short, province):
    assert short_region(canonical) == short
    assert city_province(canonical) == province


@pytest.mark.parametrize("text,expect", [
    ("赣州钨产量增长。全省钨精矿产量", [("全省", "江西省")]),
    ("唐山粗钢产量增长，全市高炉开工率", [("全市", "唐山市")]),
    ("湖南省发布数据，株洲冶炼产能。全省", [("全省", "湖南省")]),
])
def test_deictic_after_a_city(text, expect):
    found = deictic_regions(text, region_mentions(text))
    assert [(m.surface, m.canonical) for m in found] == expect


@pytest.mark.parametrize("text,expect", [
    ("我国产量", (2, None)), ("国内产量", (2, None)),  # the home country's deictic aliases (regions.tsv)
    ("全省产量", (2, "省")), ("本市产量", (2, "市")), ("我区产量", (2, "区")),
    ("中国产量", None), ("中华人民共和国", None),  # forms of the country's name, no deictic
    ("全省份", None), ("全国产量", None),  # 全省份 is another word; 全国 says nationwide, it points at no place
])
def test_deictic_opening(text, expect):
    assert deictic_opening(text, 0) == expect


def test_a_statistic_takes_the_city_its_sentence_names():
    text = "动力煤市场周评\n\n本周唐山地区钢厂高炉开工率为72.5%，较上周上升1.2个百分点。赣州钨精矿价格为每吨14.2万元。\n"
    doc = extract(text.encode(), filename="t.txt", kind="research_report")
    assert {s.value: s.region for s in doc.statistics} == {72.5: "唐山", 1.2: "唐山", 14.2: "赣州"}


def test_a_county_level_city_is_a_region_of_kind_county():
    text = "焦煤市场周评\n\n本周义乌市小商品出口额为12.5亿元，较上周增长3.1%。\n"
    doc = extract(text.encode(), filename="t.txt", kind="research_report")
    assert [(r.canonical, r.kind) for r in doc.regions] == [("义乌市", "county")]
