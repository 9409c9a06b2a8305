"""ex_minerals and the mineral gazetteer."""

from __future__ import annotations

import pytest

from conftest import pipeline
from extractor.gazetteers import read_tsv
from extractor.minerals import canonical_entry, entries, find_minerals, group_mentions


def minerals_of(text: str) -> dict[str, dict]:
    doc = pipeline("ex_minerals")(text)
    out = {}
    for span in doc.spans["minerals"] if "minerals" in doc.spans else []:
        f = dict(span._.fields)
        f["span"] = (span.start_char, span.end_char)
        out[f["canonical"]] = f
    return out


# (text, canonicals expected, canonicals that must not appear)
CASES = [
    ("铝土矿资源增储上产", {"铝土矿"}, {"铝", "土"}),
    ("推进再生铝回收", {"再生铝"}, {"铝"}),
    ("氧化铝和电解铝", {"氧化铝", "电解铝"}, {"铝"}),
    ("以铝土矿为原料的氢氧化铝项目", {"铝土矿", "氢氧化铝"}, {"氧化铝", "铝"}),
    ("统筹国家科技重大项目等现有资金渠道", set(), {"金"}),
    ("鼓励金融机构支持", set(), {"金"}),
    ("黄金周期间", set(), {"金"}),
    ("国际金价上涨", {"金"}, set()),
    ("金、银、铜等贵金属", {"金", "银", "铜"}, set()),
    ("黄金和白银", {"金", "银"}, set()),
    ("交通银行金融研究中心", set(), {"银", "金"}),
    ("铁路运输和地铁建设", set(), {"铁"}),
    ("加强铝土矿伴生铁矿等资源综合利用", {"铝土矿", "铁矿"}, {"生铁"}),
    ("生铁产量增长", {"生铁"}, set()),
    ("无锡市锡林郭勒盟", set(), {"锡"}),
    ("沪锡主力合约", {"锡"}, set()),
    ("煤炭和煤层气", {"煤", "煤层气"}, set()),
    ("盐湖资源", set(), {"盐矿"}),
    ("盐湖锂开发", {"盐湖锂"}, set()),
    ("原油、天然气和页岩气", {"原油", "天然气", "页岩气"}, set()),
    ("增长石油产量", {"石油"}, {"长石"}),
    ("钾长石矿", {"长石"}, set()),
    ("有色金属行业", set(), {"金"}),
    ("高硫铝土矿", {"铝土矿"}, {"自然硫"}),
    ("锂、硫等伴生资源", {"锂", "自然硫"}, set()),
    ("稀土金属钕价格", {"稀土金属", "钕"}, set()),
    ("进口铝  土矿", {"铝土矿"}, {"铝"}),
    ("中国石油天然气集团有限公司、中国海洋石油集团有限公司", set(), {"石油", "天然气"}),
    ("生物天然气开发利用", set(), {"天然气"}),
    ("石油天然气是重要的能源", {"石油", "天然气"}, set()),
    ("江西省钨与稀土产业发展集团有限公司", set(), {"钨", "稀土"}),
    ("铜冶炼企业和山东鹏晖铜业公司", {"铜"}, set()),
    ("铜冶炼综合能耗不高于260千克标准煤/吨", {"铜"}, {"煤"}),
    ("江西云母提锂产量", {"锂云母"}, {"云母"}),
    ("国内油气供应量", set(), {"油气", "石油"}),
]


@pytest.mark.parametrize("text,want,never", CASES, ids=[c[0] for c in CASES])
def test_cases(text, want, never):
    got = set(minerals_of(text))
    assert want <= got, got
    assert not (never & got), got


def test_fields_and_mentions():
    text = "氧化铝产能。铝是重要的基础原材料，铝资源保障；氧化铝期货。"
    ms = minerals_of(text)
    al = ms["铝"]
    assert al["group"] == "金属" and al["strategic"] is True and al["parent"] == "铝土矿"
    assert [tuple(loc) for loc in al["mentions"]] == [(6, 7), (17, 18)]
    ox = ms["氧化铝"]
    assert ox["parent"] == "铝" and ox["strategic"] is False
    assert ox["span"] == (0, 3) and len(ox["mentions"]) == 2


def test_alias_merges_into_canonical():
    ms = minerals_of("煤炭产量增加，煤矿智能化，燃煤机组")
    assert set(ms) == {"煤"}
    assert ms["煤"]["name"] == "煤炭"  # first surface
    assert len(ms["煤"]["mentions"]) == 3


def test_gazetteer_covers_catalogue():
    rows = [r for r in read_tsv("minerals.tsv") if r["row_type"] == "term" and r["relation"] == "catalogue"]
    assert len(rows) == 173
    assert {r["group"] for r in rows} == {"能源", "金属", "非金属", "水气"}
    assert sum(r["strategic"] == "Y" for r in rows) == 38
    for r in read_tsv("minerals.tsv"):
        if r["row_type"] == "term" and r["parent"]:
            assert r["parent"] in entries(), r["term"]


NOTICE_MUST = ["铝", "铝土矿", "氧化铝", "氢氧化铝", "电解铝", "再生铝", "镓", "铁矿", "赤泥", "高铝粉煤灰", "铝灰"]


def test_notice_003(seeds_dir):
    from extractor.normalize import normalize_char

    raw = (seeds_dir / "notice_003.txt").read_text(encoding="utf-8")
    text = "".join(normalize_char(c) for c in raw)
    ms = minerals_of(text)
    for c in NOTICE_MUST:
        assert c in ms, c
    assert "金" not in ms  # 资金, 金融
    assert ms["铝土矿"]["group"] == "金属" and ms["铝土矿"]["strategic"]
    for c, f in ms.items():
        for loc in f["mentions"]:
            surface = text[loc.start : loc.end].replace(" ", "")
            entry = canonical_entry(c)
            assert entry is not None and surface, c


CORPUS_MUST = [
    ("01_nea_coal_mine_intelligent.txt", {"煤"}),
    ("04_ndrc_nea_oil_gas_15th_plan.txt", {"石油", "天然气", "页岩油", "页岩气", "煤层气", "氦气", "铀", "锂", "自然硫"}),
    ("07_nea_ordos_coalbed_methane_plan.txt", {"煤层气"}),
    ("14_gd_tungsten_quota_demand_letter.txt", {"钨矿", "三氧化钨"}),
    ("19_eb2011_lead_futures_power_shortage.txt", {"铅", "精炼铅"}),
    ("22_eb2011_copper_inventory_decline.txt", {"铜"}),
    ("23_eb2011_jiangxi_rare_earth_output.txt", {"稀土", "钕", "镝"}),
    ("24_eb2011_lme_copper_chile_supply.txt", {"铜", "铅", "铝", "镍", "锡", "锌"}),
    ("26_eb2011_ten_nonferrous_output_july.txt", {"电解铝", "铜", "锌", "铅"}),
    ("28_zgkyb_2024_tungsten_quota_news.txt", {"钨", "钨精矿"}),
]


@pytest.mark.parametrize("name,want", CORPUS_MUST, ids=[n for n, _ in CORPUS_MUST])
def test_corpus(corpus_raw_dir, name, want):
    text = (corpus_raw_dir / name).read_text(encoding="utf-8")
    got = set(group_mentions(find_minerals(text)))
    assert want <= got, want - got


def test_corpus_no_false_gold_silver(corpus_raw_dir):
    for path in sorted(corpus_raw_dir.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        for m in find_minerals(text):
            if m.entry.canonical in ("金", "银"):
                ctx = text[max(0, m.start - 3) : m.end + 3]
                pytest.fail(f"{path.name}: {m.surface} in {ctx!r}")
