"""Institutions in commentary: the data files and the rules over mention spans.

The grammar's own EXAMPLES table is tested in test_report_components.py; here: the data
(institutions.tsv, institution_cues.tsv) parses and is consistent, and ex_institution gives
the publisher and the quoted institutions of short texts written for these tests (one
general rule per case: attribution cues, descriptions, public bodies, places, aliases).
"""

from __future__ import annotations

from collections import defaultdict

import pytest

from extractor.gazetteers import BLOCK_KIND, read_tsv
from extractor.grammars.institutions import attribution, find_institution_names, inst_cues, policy_topic
from extractor.pipelines.base import spans

CUE_KINDS = {
    "inst_suffix", "inst_unit", "inst_title", "inst_verb", "inst_before", "inst_trim", "inst_not",
    "inst_anon_start", "inst_anon_end", "inst_local", "inst_place", "inst_foreign", "inst_policy",
    "inst_publish", "inst_company", "inst_official", "inst_data_doc", "inst_near", "inst_category", "inst_not_name", "inst_data", "inst_anchored", "inst_anchor", "inst_role", "inst_demonstrative",
    "inst_not_after", "inst_branch", "inst_not_verb", "inst_link", "inst_in_name",
}


def _names(row: dict) -> list[str]:
    return [row["canonical"], *filter(None, (a.strip() for a in row["aliases"].split(";")))]


# --- the data -------------------------------------------------------------------


def test_cue_file_parses_with_known_kinds_and_no_duplicates():
    rows = read_tsv("institution_cues.tsv")
    assert rows and {r["kind"] for r in rows} == CUE_KINDS
    seen = defaultdict(int)
    for r in rows:
        assert r["cue"].strip() == r["cue"] and r["cue"], r
        seen[(r["cue"], r["kind"])] += 1
    assert {k: n for k, n in seen.items() if n > 1} == {}


def test_cue_values():
    suffix_kinds = set(inst_cues("inst_suffix").values())
    assert suffix_kinds <= {"futures", "securities", "bank", "research", "data", "association", "media",
                            "government", "exchange"}
    assert all(inst_cues("inst_local").values())  # every local body word has its full form
    assert set(inst_cues("inst_place").values()) <= {"province", "municipal"}


def test_report_cues_no_longer_hold_institution_cues():
    assert not [r for r in read_tsv("report_cues.tsv") if r["kind"].startswith("inst_")]


def test_institution_names_agree_with_the_agency_gazetteer():
    """A name in both institutions.tsv and agencies.tsv denotes one body: same canonical."""
    agency = {}
    for row in read_tsv("agencies.tsv"):
        if "{" in row["canonical"]:
            continue  # naming patterns
        for n in [*_names(row), *filter(None, row.get("weak_aliases", "").split(";"))]:
            agency[n] = row["canonical"]
    clashes = {}
    for row in read_tsv("institutions.tsv"):
        if row["kind"] == BLOCK_KIND:
            continue
        for n in _names(row):
            if n in agency and agency[n] != row["canonical"]:
                clashes[n] = (row["canonical"], agency[n])
    assert clashes == {}


def test_no_alias_is_a_block_word_or_another_canonical():
    rows = read_tsv("institutions.tsv")
    canon = {r["canonical"]: r["kind"] for r in rows}
    for r in rows:
        for a in _names(r)[1:]:
            assert a not in canon, (a, r["canonical"])


@pytest.mark.parametrize(
    "text,canonical,kind",
    [
        ("欧洲央行", "欧洲中央银行", "central_bank"),
        ("美联储", "美国联邦储备委员会", "central_bank"),
        ("日本央行", "日本银行", "central_bank"),
        ("海关", "海关总署", "government"),
        ("欧委会", "欧盟委员会", "government"),
        ("南都", "南方都市报", "media"),
        ("英国黄金矿业服务公司", "GFMS", "research"),
        ("美国能源资料协会", "美国能源信息署", "research"),
        ("ILZSG", "国际铅锌研究小组", "research"),
        ("WBMS", "世界金属统计局", "research"),
        ("卓创", "卓创资讯", "data"),
        ("安泰科", "安泰科", "research"),
        ("中国稀土学会", "中国稀土学会", "association"),
        ("现代快报", "现代快报", "media"),
        ("IMS Research", "IMS Research", "research"),
        ("Solarbuzz", "Solarbuzz", "research"),
    ],
)
def test_listed_names(text, canonical, kind):
    (n,) = find_institution_names(text)
    assert (n.surface, n.canonical, n.kind) == (text, canonical, kind)


# --- the grammar: names made by rule, attribution, policy -------------------------


@pytest.mark.parametrize(
    "text,expected",
    [
        # a country + a government body word
        ("美国劳工部公布的数据显示", [("美国劳工部", "美国劳工部", "government")]),
        ("巴西央行表示", [("巴西央行", "巴西中央银行", "central_bank")]),
        ("澳大利亚统计局数据显示", [("澳大利亚统计局", "澳大利亚统计局", "government")]),
        # descriptions are not names
        ("上述期货公司分析师认为", []),
        ("广州一期货公司研究员表示", []),
        ("多家银行表示", []),
        ("国内期货公司指出", []),
        # a unit of an operating company, a unit of the listed name before it
        ("某煤业集团经济研究院院长表示", []),
        ("Mysteel资讯部分析师表示", [("Mysteel", "我的钢铁网", "data")]),
        # local bodies: expanded, the place left to the component when missing
        ("省社科院专家认为", [("省社科院", "省社会科学院", "research")]),
        ("湖南省统计局数据显示", [("湖南省统计局", "湖南省统计局", "government")]),
        ("德阳经济开发区管委会主任表示", [("德阳经济开发区管委会", "德阳经济开发区管理委员会", "government")]),
        ("江苏企业共得到省科技厅资助", [("省科技厅", "省科技厅", "government")]),  # no place is that long
        ("公司向上海市仲裁委员会提出申请", [("上海市仲裁委员会", "上海市仲裁委员会", "association")]),  # begins at its place
        ("新疆维吾尔自治区财政厅表示", [("新疆维吾尔自治区财政厅", "新疆维吾尔自治区财政厅", "government")]),
        # a listed abbreviation in brackets names the body written before it
        ("美国能源情报署(EIA)周三公布", [("美国能源情报署", "美国能源信息署", "research")]),
        ("智利铜业研究中心(Cochilco)报告称", [("智利铜业研究中心", "智利铜业委员会", "research")]),
    ],
)
def test_made_names(text, expected):
    got = [(n.surface, n.canonical, n.kind) for n in find_institution_names(text)]
    assert got == expected


@pytest.mark.parametrize(
    "text,name,how",
    [
        ("SMM：下周铜价或承压\n正文", "SMM", "verb"),  # a headline that quotes it
        ("会上，英国黄金矿业服务公司(GFMS)首席分析师演讲。", "英国黄金矿业服务公司", "title"),
        ("会上，一家黄金咨询机构(GFMS)的代表演讲。", "GFMS", "verb"),  # the bracket is skipped
        ("据海关统计，上半年进口铁矿石", "海关", "before"),
        ("安泰科的一位分析人士称", "安泰科", "title"),
        ("届时将邀请国金证券、招商证券等机构的行业专家参与", "国金证券", None),
        ("中金公司的一份研报提出", "中金公司", "verb"),
        ("欧洲央行的言论打压油价", "欧洲央行", "verb"),
    ],
)
def test_attribution(text, name, how):
    (n,) = [n for n in find_institution_names(text) if n.surface == name]
    assert attribution(text, n.start, n.end) == how


@pytest.mark.parametrize(
    "text,name,policy",
    [
        ("工信部网站公布，工信部等部门联合下发《关于开展专项整治的通知》。", "工信部", True),
        ("根据央行再次发布上调存准率0.5个百分点计算，冻结资金3800亿元。", "央行", True),
        ("根据住建部的部署，北京要求新建住宅安装温控", "住建部", True),
        ("国家统计局公布的数据显示，4月精炼铅产量增长", "国家统计局", False),
        ("据海关统计，上半年进口铁矿石平均到岸价格上涨", "海关", False),
        ("国家统计局发布《2010年国民经济和社会发展统计公报》显示，粗钢产量增长", "国家统计局", False),
        ("国务院发布《关于加快推进煤矿企业兼并重组的若干意见》", "国务院", True),
    ],
)
def test_policy_topic(text, name, policy):
    start = text.index(name)
    assert policy_topic(text, start, start + len(name)) is policy


# --- the component: publisher and quoted ------------------------------------------


def _roles(doc) -> list[tuple[str, str]]:
    return [(x._.fields["canonical"], x._.fields["role"]) for x in spans(doc, "institutions")]


@pytest.mark.parametrize(
    "text,expected",
    [
        # the paper whose reporter writes, by a listed short name
        ("该协会副秘书长接受南都记者采访时认为，价格将回落。", [("南方都市报", "publisher")]),
        # a 发布人 line naming a website and its paper: the paper
        ("标题\n发布时间：2011-07-28\n发布人：-中国证券网-上海证券报\n正文。中金公司的一份研报提出，价格将回落。",
         [("上海证券报", "publisher"), ("中国证券网", "publisher"), ("中金公司", "quoted")]),  # the site publishes with the paper
        ("标题\n发布人：中国证券报-中证网\n国信证券分析师表示，需求平稳。",
         [("中国证券报", "publisher"), ("中证网", "publisher"), ("国信证券", "quoted")]),
        # a listed central bank wins over the 央行 inside it; a later bare 央行 is that bank
        ("欧洲央行不会加息的言论打压油价。昨日欧洲央行(ECB)议息，央行行长的讲话显示加息可能性小。",
         [("欧洲中央银行", "quoted")]),
        # a public body's policy is the topic
        ("根据央行再次发布上调存准率0.5个百分点计算，冻结资金逾3800亿元。", []),
        ("工信部网站公布，工信部、国土部等六部委已联合下发《关于开展专项整治行动的通知》。", []),
        # a local body without its place takes the province named before it
        ("四川电价上调。省统计局首席分析师认为，能源价格上涨是必然趋势。", [("四川省统计局", "quoted")]),
        ("湖北企业叫苦。\n省社科院副院长提醒，产品价格取决于市场。", [("湖北省社会科学院", "quoted")]),
        # foreign public bodies and aliases with their data
        ("美国能源资料协会(EIA)最新数据显示，原油库存增加，而美国劳工部公布的数据显示失业人数增加。",
         [("美国能源信息署", "quoted"), ("美国劳工部", "quoted")]),
        ("据海关统计，上半年进口铁矿石平均到岸价格为每吨160美元。", [("海关总署", "quoted")]),
        # descriptions, operating companies, experts of a list of bodies
        ("北京一期货公司分析师表示，上述期货公司的客户减少。", []),
        ("某钢铁集团研究院院长对记者说，产能过剩。", []),
        ("协会将邀请环保部、工信部等相关部门的环保专家参与指导。", []),
        # a headline quoting an institution; several per document with the publisher marked
        ("GFMS：预计今年矿产金供应增长\n发布人：-和讯黄金\n会上，英国黄金矿业服务公司(GFMS)代表演讲。",
         [("和讯网", "publisher"), ("GFMS", "quoted")]),
        # a place before a local official's title; brokers by their ending
        ("衡阳市副市长在接受记者采访时指出，储备要提速。", [("衡阳市人民政府", "quoted")]),
        ("湖南衡阳市常务副市长表示，储备要提速。", [("衡阳市人民政府", "quoted")]),
        ("某县县长说，工业结构偏重。", []),  # a description
        ("宜兴市长江冶炼厂表示，产量下降。", []),  # 市长江 is no mayor
        ("一家澳洲商品经纪服务公司的分析师称，铜价承压。", []),
        ("香港商品经纪服务公司的分析师称，铜价承压。", [("香港商品经纪服务公司", "quoted")]),
        # bylines in the head of a research note, datelines, 发布人 names
        # a byline in the head of a research note
        ("【南华期货】铜周报：库存回升\n发布时间：2025年3月7日\n\n一、行情回顾。铜价下跌2%。",
         [("南华期货", "publisher")]),
        ("锌月报：冶炼厂检修增加\n\n国信期货研究所 有色金属组  2025年4月1日\n\n一、行情回顾。锌价上涨。",
         [("国信期货", "publisher")]),
        ("动力煤周度报告\n宝城期货发展研究中心 黑色组\n\n港口库存下降。", [("宝城期货", "publisher")]),
        # the title line quotes, it is no byline
        ("卓创：下周铜价或承压\n\n正文。", [("卓创资讯", "quoted")]),
        # a news agency's dateline; a 发布人 name with digits
        ("铜价走低\n新华社北京5月3日电 据海关统计，进口铜下降。", [("新华通讯社", "publisher"), ("海关总署", "quoted")]),
        ("标题\n发布人：-21世纪经济报道\n正文。", [("21世纪经济报道", "publisher")]),
        # a place-less local body takes a region of its own level
        ("新疆维吾尔自治区工业投资增长。据自治区国资委统计，企业利润增长。", [("新疆维吾尔自治区人民政府国有资产监督管理委员会", "quoted")]),
        ("北京市用电量上升。市统计局数据显示，工业增加值增长。", [("北京市统计局", "quoted")]),
        ("江西省稀土企业减产。市统计局数据显示，产值下降。", [("市统计局", "quoted")]),  # 江西省 is no 市
        ("四川电价上调，湖北也在研究。省发改委主任表示，调价已经完成。", [("湖北省发展和改革委员会", "quoted")]),
        # a deictic before a body: 全省 points at the piece's province, 我国 at the national body
        ("江西省稀土产量增长。全省有色金属协会秘书长表示，库存下降。", [("江西省有色金属协会", "quoted")]),
        ("据我国钢铁工业协会统计，产量增长。", [("中国钢铁工业协会", "quoted")]),
        # a source line names the publisher, listed or not; 来源：X inside a sentence only when X is a name
        ("铜价走低。\n（来源：某某金属信息网）", [("某某金属信息网", "publisher")]),
        ("铜价走低，来源：公司公告显示产量下降。", []),
        ("铜价走低，数据来源：上海有色网。", [("上海有色网", "quoted")]),  # a data source is quoted
        # an exchange's rules are its policy; its data is quoted
        ("上海期货交易所发布通知，上调铜期货合约保证金。", []),
        ("上海期货交易所数据显示，铜库存下降。", [("上海期货交易所", "quoted")]),
        # research units named after their agency; 记者从X获悉
        ("国家发改委能源研究所研究员表示，煤价将高位运行。", [("国家发展和改革委员会能源研究所", "quoted")]),
        ("商务部研究院专家认为，出口将放缓。", [("商务部国际贸易经济合作研究院", "quoted")]),  # listed: its usual short name
        ("商务部信息研究院专家认为，出口将放缓。", [("商务部信息研究院", "quoted")]),  # made: a unit named after its agency
        ("国家发改委有关负责人表示，价格改革将推进。", [("国家发展和改革委员会", "quoted")]),
        ("记者从中国有色金属工业协会获悉，5月铜产量增长。", [("中国有色金属工业协会", "quoted")]),
        # a local SASAC's registered name; a province's short name written in full (its region mention)
        ("上海市国资委主任表示，改革将加快。", [("上海市人民政府国有资产监督管理委员会", "quoted")]),
        ("广西财政厅相关负责人表示，税收增加。", [("广西壮族自治区财政厅", "quoted")]),
        ("湖南环保厅有关负责人表示，整治将继续。", [("湖南省环境保护厅", "quoted")]),
        # an alliance named after its place begins there; a department's officer speaks for the body
        ("据起诉方欧洲铝箔生产商联盟的统计，进口份额上升。", [("欧洲铝箔生产商联盟", "quoted")]),
        ("双方组建战略联盟，共同开发市场。", []),
        ("旗下河南村村民委员会主任表示，补偿已到位。", []),  # a village's committee is no institution
        ("国家能源局煤炭和电力司副司长王某透露，装机将增加。", [("国家能源局", "quoted")]),
        ("记者从多位银行人士处了解到，贷款收紧。", []),
        # a name in quotes with its ending after them; a role noun bound to the name written after it
        ("据“光伏之家”网最新调查统计，销量增长。", [("光伏之家网", "quoted")]),
        ("“某某”报告显示，销量增长。", []),
        ("展会的主办方中国机床工具工业协会是全国性组织。会上，主办方发言人表示，订单增加。",
         [("中国机床工具工业协会", "quoted")]),
        ("会上，主办方发言人表示，订单增加。", []),  # a role noun bound to no name
        # a demonstrative + a name ending points back to the last such name of its paragraph
        ("中国机床工具工业协会日前召开年会。该协会秘书长王某表示，订单增加。", [("中国机床工具工业协会", "quoted")]),
        ("中国机床工具工业协会日前召开年会。\n该协会秘书长王某表示，订单增加。", []),  # another paragraph
        ("该协会秘书长王某表示，订单增加。", []),
        ("永安期货发布周报。该报告显示，库存下降。", [("永安期货", "quoted")]),  # 该报告 is a report
    ],
)
def test_institutions(components, text, expected):
    assert _roles(components(text, "ex_institution")) == expected
