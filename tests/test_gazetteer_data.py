"""The gazetteer DATA (extractor/data/*.tsv) read by the code that uses it.

Each case is a name as it is written in running text and what the existing matching code
must make of it: institutions through `gazetteers.alias_index` (the index the institution
component builds), minerals through `minerals.find_minerals` and the evaluation's catalogue
chain, agencies through `agencies.find_agencies`. Then the structure of the files: one
canonical per name, every parent/successor present, kinds from the documented set.
"""

from __future__ import annotations

from collections import defaultdict

import pytest

from extractor.agencies import find_agencies
from extractor.evaluate import catalogue
from extractor.gazetteers import BLOCK_KIND, PhraseIndex, alias_index, read_tsv
from extractor.minerals import entries, find_minerals

# --- institutions -------------------------------------------------------------

INSTITUTIONS = read_tsv("institutions.tsv")
KINDS = {"futures", "securities", "bank", "research", "data", "association", "exchange", "media", "government",
         "central_bank", BLOCK_KIND}


def _index() -> PhraseIndex:
    return alias_index("institutions.tsv", lambda row: (row["canonical"], row["kind"]))


INDEX = _index()

# (text as written, canonical, kind): the first institution found in the text
INSTITUTION_CASES = [
    ("永安期货研究院认为", "永安期货", "futures"),
    ("中信期货分析师指出", "中信期货", "futures"),
    ("国泰君安期货研究所", "国泰君安期货", "futures"),
    ("南华期货表示", "南华期货", "futures"),
    ("华泰长城期货分析师肖流波认为", "华泰期货", "futures"),  # former name -> current
    ("鲁证期货研究所", "中泰期货", "futures"),
    ("国投安信期货认为", "国投期货", "futures"),
    ("五矿经易期货分析师", "五矿期货", "futures"),
    ("中信建投期货", "中信建投期货", "futures"),
    ("方正中期期货", "方正中期期货", "futures"),
    ("中信证券研究部", "中信证券", "securities"),
    ("国泰君安认为", "国泰君安证券", "securities"),
    ("申银万国研究所", "申万宏源证券", "securities"),
    ("申万宏源表示", "申万宏源证券", "securities"),
    ("中金认为", "中金公司", "securities"),
    ("中国国际金融股份有限公司", "中金公司", "securities"),
    ("招商证券分析师", "招商证券", "securities"),
    ("中信建投分析师认为", "中信建投证券", "securities"),
    ("齐鲁证券", "中泰证券", "securities"),
    ("湘财证券", "湘财证券", "securities"),
    ("工商银行", "中国工商银行", "bank"),
    ("交通银行金融研究中心", "交通银行", "bank"),
    ("交通银行(601328)金融研究中心", "交通银行", "bank"),
    ("高盛发布报告", "高盛集团", "bank"),
    ("大摩预计", "摩根士丹利", "bank"),
    ("小摩认为", "摩根大通", "bank"),
    ("花旗指出", "花旗集团", "bank"),
    ("瑞银预计", "瑞银集团", "bank"),
    ("德意志银行", "德意志银行", "bank"),
    ("巴克莱资本", "巴克莱", "bank"),
    ("麦格理认为", "麦格理集团", "bank"),
    ("汇丰银行", "汇丰控股", "bank"),
    ("渣打银行", "渣打集团", "bank"),
    ("野村证券", "野村控股", "bank"),
    ("美林", "美银美林", "bank"),
    ("据Mysteel调研", "我的钢铁网", "data"),
    ("我的钢铁网数据显示", "我的钢铁网", "data"),
    ("上海有色网", "上海有色网", "data"),
    ("SMM调研", "上海有色网", "data"),
    ("卓创资讯", "卓创资讯", "data"),
    ("隆众资讯", "隆众资讯", "data"),
    ("百川资讯", "百川资讯", "data"),
    ("兰格钢铁网", "兰格钢铁网", "data"),
    ("中国联合钢铁网", "中国联合钢铁网", "data"),
    ("西本新干线", "西本新干线", "data"),
    ("亚洲金属网", "亚洲金属网", "data"),
    ("金联创", "金联创", "data"),
    ("汾渭能源", "汾渭能源", "data"),
    ("普氏能源资讯", "普氏", "data"),
    ("Platts", "普氏", "data"),
    ("阿格斯", "阿格斯", "data"),
    ("安泰科", "安泰科", "research"),
    ("CRU预计", "CRU", "research"),
    ("Wood Mackenzie", "伍德麦肯兹", "research"),
    ("GFMS", "GFMS", "research"),
    ("世界金属统计局(WBMS)", "世界金属统计局", "research"),
    ("WBMS", "世界金属统计局", "research"),
    ("国际铜研究小组", "国际铜研究小组", "research"),
    ("ICSG", "国际铜研究小组", "research"),
    ("国际铅锌研究小组", "国际铅锌研究小组", "research"),
    ("IEA", "国际能源署", "research"),
    ("欧佩克", "石油输出国组织", "research"),
    ("OPEC", "石油输出国组织", "research"),
    ("中国有色金属工业协会", "中国有色金属工业协会", "association"),
    ("中国有色金属工业协会锂业分会", "中国有色金属工业协会锂业分会", "association"),
    ("中钢协", "中国钢铁工业协会", "association"),
    ("中国煤炭工业协会", "中国煤炭工业协会", "association"),
    ("中国稀土行业协会", "中国稀土行业协会", "association"),
    ("中国物流与采购联合会", "中国物流与采购联合会", "association"),
    ("中电联", "中国电力企业联合会", "association"),
    ("中国石油和化学工业联合会", "中国石油和化学工业联合会", "association"),
    ("中国光伏行业协会", "中国光伏行业协会", "association"),
    ("中汽协", "中国汽车工业协会", "association"),
    ("中国铁合金工业协会", "中国铁合金工业协会", "association"),
    ("中国五矿化工进出口商会", "中国五矿化工进出口商会", "association"),
    ("上海期货交易所", "上海期货交易所", "exchange"),
    ("LME", "伦敦金属交易所", "exchange"),
    ("大商所", "大连商品交易所", "exchange"),
    ("新华社", "新华通讯社", "media"),
    ("中新社", "中国新闻社", "media"),
    ("人民日报", "人民日报", "media"),
    ("经济参考报", "经济参考报", "media"),
    ("中国证券报", "中国证券报", "media"),
    ("上海证券报", "上海证券报", "media"),
    ("证券时报", "证券时报", "media"),
    ("21世纪经济报道", "21世纪经济报道", "media"),
    ("第一财经日报", "第一财经日报", "media"),
    ("每日经济新闻", "每日经济新闻", "media"),
    ("财新", "财新", "media"),
    ("中国有色金属报", "中国有色金属报", "media"),
    ("中国冶金报", "中国冶金报", "media"),
    ("中国矿业报", "中国矿业报", "media"),
    ("东方早报", "东方早报", "media"),
    ("彭博", "彭博社", "media"),
    ("路透社", "路透社", "media"),
    ("道琼斯", "道琼斯", "media"),
    ("华尔街日报", "华尔街日报", "media"),
    ("新浪财经", "新浪财经", "media"),
    ("和讯网", "和讯网", "media"),
    ("东方财富网", "东方财富网", "media"),
    ("央视", "中央电视台", "media"),
    ("中央电视台", "中央电视台", "media"),
]


@pytest.mark.parametrize("text,canonical,kind", INSTITUTION_CASES, ids=[c[0] for c in INSTITUTION_CASES])
def test_institution_found(text, canonical, kind):
    hits = list(INDEX.finditer(text))
    assert hits, text
    assert hits[0].value == (canonical, kind)


@pytest.mark.parametrize(
    "text",
    [
        "中金黄金股价上涨",  # a gold miner, not 中金公司 (block row)
        "中金岭南锌产量",
        "中国银行业协会",
        "美林时钟进入滞胀阶段",
        "道琼斯工业平均指数",
        "CRUDE OIL",  # a Latin alias is not found inside a Latin word
        "加工行业利润",  # 工行 is not an alias
        "山西省煤炭工业协会",  # only the national associations, with 中国
        "其中行业投资",
    ],
)
def test_institution_not_found(text):
    assert list(INDEX.finditer(text)) == []


def test_institution_kinds():
    assert {r["kind"] for r in INSTITUTIONS} <= KINDS
    assert all(r["canonical"] for r in INSTITUTIONS)


def test_institution_every_name_has_one_canonical():
    owners: dict[str, set[str]] = defaultdict(set)
    for row in INSTITUTIONS:
        for name in [row["canonical"], *filter(None, (a.strip() for a in row["aliases"].split(";")))]:
            owners[name].add(row["canonical"])
    assert {k: v for k, v in owners.items() if len(v) > 1} == {}
    canon = [r["canonical"] for r in INSTITUTIONS]
    assert len(canon) == len(set(canon))


def test_institution_lists_are_complete_at_the_expected_scale():
    # the brief: all licensed futures companies (~150) and the main securities firms (~100)
    by_kind = defaultdict(int)
    for r in INSTITUTIONS:
        by_kind[r["kind"]] += 1
    assert by_kind["futures"] >= 120 and by_kind["securities"] >= 90
    assert min(by_kind[k] for k in ("bank", "research", "data", "association", "media")) >= 20


# --- minerals -----------------------------------------------------------------

# (text, surface, canonical, catalogue mineral the evaluation scores it as)
MINERAL_CASES = [
    ("螺纹期货", "螺纹", "螺纹钢", "铁"),
    ("螺纹钢价格", "螺纹钢", "螺纹钢", "铁"),
    ("高线价格", "高线", "线材", "铁"),
    ("线材产量", "线材", "线材", "铁"),
    ("热卷库存", "热卷", "热轧卷板", "铁"),
    ("热轧板卷", "热轧板卷", "热轧卷板", "铁"),
    ("冷轧价格", "冷轧", "冷轧板卷", "铁"),
    ("中厚板", "中厚板", "中厚板", "铁"),
    ("钢坯价格", "钢坯", "钢坯", "铁"),
    ("坯材出口", "坯材", "钢坯", "铁"),
    ("建筑用钢", "建筑用钢", "建筑用钢", "铁"),
    ("不锈钢", "不锈钢", "不锈钢", "铁"),
    ("铁水产量", "铁水", "铁水", "铁"),
    ("生铁产量", "生铁", "生铁", "铁"),
    ("铝锭库存", "铝锭", "铝锭", "铝土矿"),
    ("铝水比例", "铝水", "铝液", "铝土矿"),
    ("铝棒加工费", "铝棒", "铝棒", "铝土矿"),
    ("锡锭", "锡锭", "锡锭", "锡"),
    ("焊锡需求", "焊锡", "焊锡", "锡"),
    ("电解铜", "电解铜", "电解铜", "铜"),
    ("阴极铜", "阴极铜", "电解铜", "铜"),
    ("铜杆开工率", "铜杆", "铜杆", "铜"),
    ("废铜进口", "废铜", "废铜", "铜"),
    ("废铝", "废铝", "废铝", "铝土矿"),
    ("焦炭价格", "焦炭", "焦炭", "煤"),
    ("焦煤", "焦煤", "炼焦煤", "煤"),
    ("炼焦煤", "炼焦煤", "炼焦煤", "煤"),
    ("主焦煤", "主焦煤", "主焦煤", "煤"),
    ("动力煤", "动力煤", "动力煤", "煤"),
    ("电煤库存", "电煤", "动力煤", "煤"),
    ("无烟煤", "无烟煤", "无烟煤", "煤"),
    ("喷吹煤", "喷吹煤", "喷吹煤", "煤"),
    ("汽油价格", "汽油", "汽油", "石油"),
    ("柴油", "柴油", "柴油", "石油"),
    ("成品油", "成品油", "成品油", "石油"),
    ("馏分油", "馏分油", "馏分油", "石油"),
    ("原油", "原油", "原油", "石油"),
    ("燃料油", "燃料油", "燃料油", "石油"),
    ("沥青期货", "沥青", "沥青", "石油"),
    ("铁矿石", "铁矿石", "铁矿", "铁"),
    ("铁矿砂", "铁矿砂", "铁矿", "铁"),
    ("铁精粉", "铁精粉", "铁精矿", "铁"),
    ("球团", "球团", "球团矿", "铁"),
    ("硅铁", "硅铁", "硅铁", "石英岩"),
    ("锰硅", "锰硅", "硅锰", "锰"),
    ("工业硅", "工业硅", "工业硅", "石英岩"),
    ("金属硅", "金属硅", "工业硅", "石英岩"),
    ("多晶硅", "多晶硅", "多晶硅", "石英岩"),
    ("碳酸锂", "碳酸锂", "碳酸锂", "锂"),
    ("氢氧化锂", "氢氧化锂", "氢氧化锂", "锂"),
    ("钛白粉", "钛白粉", "钛白粉", "钛"),
    ("海绵钛", "海绵钛", "海绵钛", "钛"),
    ("钨精矿", "钨精矿", "钨精矿", "钨"),
    ("APT价格", "APT", "仲钨酸铵", "钨"),
    ("仲钨酸铵", "仲钨酸铵", "仲钨酸铵", "钨"),
    ("氧化镨钕", "氧化镨钕", "氧化镨钕", "钕"),
    ("氧化镝", "氧化镝", "氧化镝", "镝"),
    ("铂金", "铂金", "铂", "铂"),
]


@pytest.mark.parametrize("text,surface,canonical,top", MINERAL_CASES, ids=[c[0] for c in MINERAL_CASES])
def test_mineral_found(text, surface, canonical, top):
    (m,) = find_minerals(text)
    assert (m.surface, m.entry.canonical) == (surface, canonical)
    entry = entries()[canonical]
    assert catalogue(entry.parent or canonical) == top


CATEGORY_WORDS = [
    "有色金属", "黑色金属", "贵金属", "稀有金属", "稀贵金属", "基本金属", "小金属", "重金属", "轻金属",
    "稀散金属", "铂族金属",
]


@pytest.mark.parametrize("word", CATEGORY_WORDS)
def test_category_word_is_no_mineral_mention(word):
    # the gold never lists a category word; a category must not count as (or hide) a mineral
    assert find_minerals(f"{word}板块走强") == []
    row = next(r for r in read_tsv("minerals.tsv") if r["term"] == word)
    assert (row["row_type"], row["relation"], row["canonical"]) == ("block", "category", word)
    assert row["group"] == "金属"


@pytest.mark.parametrize(
    "text",
    ["铁水联运", "公铁水多式联运", "破铜烂铁", "提高线上服务", "APT攻击", "铂金卡", "大型钢企", "中型钢厂", "稀土金属"],
)
def test_mineral_blocks_guards_and_terms(text):
    # blocks (铁水联运 is transport) and guards (提高线上 is no 高线, APT攻击 no tungsten) hold
    got = {m.entry.canonical for m in find_minerals(text)}
    assert got == ({"稀土金属"} if text == "稀土金属" else set())


def test_mineral_alias_targets_and_parents_exist():
    terms = entries()
    for e in terms.values():
        assert e.canonical in terms, e.term  # every alias names a canonical with its own row
        if e.parent:
            assert e.parent in terms, e.term
            assert catalogue(e.parent) in terms, e.term
    blocks = {r["term"] for r in read_tsv("minerals.tsv") if r["row_type"] == "block"}
    assert not blocks & set(terms)


# --- agencies -----------------------------------------------------------------

AGENCIES = read_tsv("agencies.tsv")

AGENCY_CASES = [
    ("中央军委办公厅印发", "中央军事委员会办公厅"),
    ("中央军事委员会办公厅", "中央军事委员会办公厅"),
    ("国务院、中央军委", "国务院"),
    ("中央军事委员会", "中央军事委员会"),
    ("中央军委联合参谋部", "中央军事委员会联合参谋部"),
    ("中国人民解放军总后勤部", "中国人民解放军总后勤部"),
    ("国务院办公厅", "国务院办公厅"),
    ("中华人民共和国国务院办公厅", "国务院办公厅"),
    ("全国人民代表大会常务委员会", "全国人民代表大会常务委员会"),
    ("全国人大常委会", "全国人民代表大会常务委员会"),
    ("全国人大常委会法工委", "全国人民代表大会常务委员会法制工作委员会"),
    ("全国人大财经委", "全国人民代表大会财政经济委员会"),
    ("地质矿产部", "地质矿产部"),
    ("国家经济贸易委员会", "国家经济贸易委员会"),
    ("国家经贸委", "国家经济贸易委员会"),
    ("国家计划委员会", "国家计划委员会"),
    ("国家发展计划委员会", "国家发展计划委员会"),
    ("电力工业部", "电力工业部"),
    ("煤炭工业部", "煤炭工业部"),
    ("冶金工业部", "冶金工业部"),
    ("国家冶金工业局", "国家冶金工业局"),
    ("中国有色金属工业总公司", "中国有色金属工业总公司"),
    ("国家电力监管委员会", "国家电力监管委员会"),
    ("国家电监会", "国家电力监管委员会"),
    ("国务院关税税则委员会", "国务院关税税则委员会"),
    ("国家安全监管总局", "国家安全生产监督管理总局"),
    ("铁道部", "铁道部"),
]


@pytest.mark.parametrize("text,canonical", AGENCY_CASES, ids=[c[0] for c in AGENCY_CASES])
def test_agency_found(text, canonical):
    found = find_agencies(text)
    assert found and found[0].canonical == canonical, found


@pytest.mark.parametrize("text", ["美国能源部数据显示", "石油化工部分产品", "电力部分企业"])
def test_agency_left_out_on_purpose(text):
    assert find_agencies(text) == []


def test_agency_parents_exist():
    canon = {r["canonical"] for r in AGENCIES}
    for r in AGENCIES:
        if r["parent"] and "{" not in r["canonical"]:
            assert r["parent"] in canon, r
        if r["type"] == "历史机构":
            assert r["parent"], r  # the successor
            assert r["notes"], r  # the period
