"""Unit tests for the research-report components, parametrised over small texts."""

from __future__ import annotations

import pytest

from conftest import pipeline, run_components
from extractor.grammars import periods, text_tables, text_units
from extractor.grammars.horizon import EXAMPLES as HORIZON_EXAMPLES
from extractor.grammars.horizon import ENDED_EXAMPLES as HORIZON_ENDED
from extractor.grammars.horizon import calendar_horizon, ended
from extractor.grammars.institutions import EXAMPLES as INSTITUTION_EXAMPLES
from extractor.grammars.institutions import attribution, find_institution_names
from extractor.grammars.projection import EXAMPLES as PROJECTION_EXAMPLES
from extractor.grammars.regions import region_mentions
from extractor.grammars.projection import (
    AHEAD_EXAMPLES,
    AS_OF_EXAMPLES,
    BEHIND_EXAMPLES,
    DATED_EXAMPLES,
    FUTURE_AFTER_EXAMPLES,
    RIGHT_EXAMPLES,
    SCENARIO_EXAMPLES,
    SENTENCE_EXAMPLES,
    ahead,
    base_of_share,
    behind,
    dated_horizon,
    future_after,
    horizon_of,
    observed_as_of,
    planners,
    projection_cue,
    scenario_horizon,
)
from extractor.ingest.types import TableInfo
from extractor.pipelines.base import Furniture, Layout, spans

DISCLAIMER = (
    "本文中的信息均来源于公开资料，华鑫期货研究所及相关研究人员力求准确可靠，但对这些信息的准确性及完整性不作任何保证。"
    "本文仅供内部参考交流使用，不构成投资建议。预计铜价将上涨10%，库存约占全球30%。"
)
PROFILE = "华鑫期货研究所立足诚信和专业，秉承“高效研究 创造价值”的理念，助力各类客户的成长，服务客户超过5000家。"


def fields(doc, key):
    return [dict(s._.fields or {}) for s in spans(doc, key)]


# --- grammars: text units, periods, text tables --------------------------------


@pytest.mark.parametrize(
    "text,role",
    [
        (DISCLAIMER, "disclaimer"),
        ("免责声明\n本报告中的数据增长了5%。", "disclaimer"),
        (PROFILE, "company_profile"),
        ("山西省7月铝土矿产量202万吨，同比增长5%。", None),
        ("我们认为短期铜价仅供参考的意义不大，产量增长3%，市场谨慎。" * 3, None),
    ],
)
def test_excluded_sections(text, role):
    got = {ex.role for ex in text_units.excluded_sections(text)}
    assert got == ({role} if role else set())


@pytest.mark.parametrize(
    "text,surface,value,inferred",
    [
        ("山西省2025年8月10日发文。7月份产量202万吨。", "7月份", "2025-07", True),
        ("发布时间\t2011-06-10\n4月国内精炼铅产量39.8万吨", "4月", "2011-04", True),
        ("今年1~4月，江西产量5694吨。2011年5月31日", "今年1~4月", "2011-01/2011-04", True),
        ("2025年7月四大产区铝土矿产量", "2025年7月", "2025-07", False),
        ("2011年上半年第一批配额", "2011年上半年", "2011-H1", False),
        ("2023年数据。一季度，江西省利税增长", "一季度", "2023-Q1", True),
    ],
)
def test_find_periods(text, surface, value, inferred):
    got = {(text[p.start : p.end], p.value, p.inferred) for p in periods.find_periods(text)}
    assert (surface, value, inferred) in got


@pytest.mark.parametrize("text", ["报价在9月合约贴水800元/吨", "是4月底以来的最高收盘价", "5月27日涨至118.45万元/吨"])
def test_find_periods_negative(text):
    assert [p for p in periods.find_periods(text) if "-" in p.value] == []


def test_reference_date_from_furniture():
    assert periods.reference_date("7月产量202万吨", ("2025年8月",)).year == 2025


def test_text_tables():
    text = "正文。\n表1  2025年7月产量\n省份 产量（万吨） 占比\n山西 202 35.0%\n广西 185 32.1%\n后文说明。"
    (t,) = text_tables.text_tables(text)
    assert t.label == "表1" and t.caption == "2025年7月产量"
    assert [[c[0] for c in r] for r in t.rows][1] == ["山西", "202", "35.0%"]
    assert t.start <= text.index("202") < t.end <= text.index("后文")  # the prose after it is no row


def test_text_tables_ocr_glued_label():
    text = "正文。\n表12025 年7月产量\n省份 产量(万吨)\n山西 202\n广西 185\n后文。"
    (t,) = text_tables.text_tables(text)
    assert t.label == "表1" and t.caption.startswith("2025 年7月")


def test_text_tables_negative():
    assert text_tables.text_tables("表1 是一个说明性的句子，后面没有表格行。\n这是正文段落，讲述市场情况。") == ()


# --- ex_report_sections -------------------------------------------------------


def test_report_sections_roles(components):
    text = "一、市场\n铜价上涨5%。\n结论\n铜价偏强。\n" + DISCLAIMER + "\n" + PROFILE
    doc = components(text, "ex_report_sections")
    roles = [s._.fields["role"] for s in sorted(spans(doc, "sections"), key=lambda s: s.start_char)]
    assert roles == ["body", "conclusion", "disclaimer", "company_profile"]  # 一、市场 from ex_sections


def test_report_sections_none(components):
    doc = components("铜价上涨5%，库存下降。", "ex_report_sections")
    assert fields(doc, "sections") == []


# --- ex_regions ---------------------------------------------------------------


@pytest.mark.parametrize(
    "text,expected",
    [
        ("山西、广西、贵州和河南的产量", {"山西省", "广西壮族自治区", "贵州省", "河南省"}),
        ("主要进口国为几内亚和澳大利亚，巴西、越南、印度", {"几内亚", "澳大利亚", "巴西", "越南", "印度"}),
        ("中国交通银行(601328)金融研究中心发布报告", set()),
        ("矿企开足马力生产", set()),
        ("北京时间7月6日凌晨消息，上海期货交易所数据显示，法国巴黎银行分析师指出", set()),
        ("本周国内外铅市表现为外强内弱", set()),
        ("中国有色金属进出口江苏公司获得配额，日本经济产业大臣赴北京会谈", {"日本", "北京市"}),
    ],
)
def test_regions(components, text, expected):
    doc = components(text, "ex_regions")
    assert {f["canonical"] for f in fields(doc, "regions")} == expected


def test_regions_one_span_per_canonical(components):
    doc = components("山西产量高。山西储量占全国40%。山西省自然资源厅", "ex_regions")
    (f,) = fields(doc, "regions")
    assert f["canonical"] == "山西省" and len(f["mentions"]) == 3 and f["kind"] == "province"


# --- ex_institution -----------------------------------------------------------


@pytest.mark.parametrize(
    "text,canonical,source",
    [
        (DISCLAIMER, "华鑫期货", "disclaimer"),
        ("上海期铜价格小幅上涨。\n(文章来源:生意社)", "生意社", "body"),
        ("2024年度全国钨矿开采总量控制指标下达\n2024.08.23 中国矿业报\n正文", "中国矿业报", "body"),
        ("公司内部人士昨天告诉《第一财经日报》。另一家公司高层告诉本报", "第一财经日报", "body"),
        ("稀土储备加固在望\n发布时间：2011-06-24\n发布人：经济参考报\n继北方稀土出台", "经济参考报", "body"),
        ("目前该意见已经完成会签。中国证券报记者了解到的最新情况是", "中国证券报", "body"),
    ],
)
def test_institution(components, text, canonical, source):
    doc = components(text, "ex_institution")
    (f,) = fields(doc, "institution")
    assert (f["canonical"], f["source"], f["role"]) == (canonical, source, "publisher")
    assert [(x["canonical"], x["role"]) for x in fields(doc, "institutions")][:1] == [(canonical, "publisher")]


# quoted institutions: every one whose analyst, data or statement the piece cites
# (corpora/README.md "institutions"); none of them is the publisher
@pytest.mark.parametrize(
    "text,quoted",
    [
        ("浙商期货分析师王琳表示，铅价震荡。华泰长城期货分析师肖流波认为。浙商期货王琳分析认为",
         ["浙商期货", "华泰期货"]),
        ("5月30日，中国交通银行(601328)金融研究中心发布最新报告预计", ["交通银行"]),
        ("中信建投分析师认为，这表明中国铜消费依然强劲", ["中信建投证券"]),
        ("长城证券指出，钢铁板块一季度整体EPS为0.05元。\n湘财证券指出，钢铁行业正处于微利时代", ["长城证券", "湘财证券"]),
        ("国家能源局数据显示，一季度全社会用电量同比增长12.72%", ["国家能源局"]),
        ("而据中国钢铁工业协会公布的最新数据，5月份全月粗钢日均产量仍在195万吨", ["中国钢铁工业协会"]),
        ("国家发改委有关负责人曾表示，2011年资源品价改要从水价开始", ["国家发展和改革委员会"]),
        ("中国汽车工业协会的统计显示，5月份汽车销量环比下降达到10.90%", ["中国汽车工业协会"]),
        ("据路透社14日报道，上述第二批配额公布当日", ["路透社"]),
        ("“一旦实行月度定价，最苦的还是全球的钢厂。”联合金属网分析师徐光剑说", ["联合金属网"]),
        ("上海期货交易所的沪铜价格显示，目前纯铜的价格也仅在6.8万元/吨", ["上海期货交易所"]),
        # a policy of theirs is the topic, an exchange without data, a commodity future
        ("去年10月，国务院发布《关于加快推进煤矿企业兼并重组的若干意见》", []),
        ("上海期货交易所在铅期货合约规则方面进行了优化。", []),
        ("笔者认为螺纹钢期货或将下跌。", []),
        ("3.数据来源:进口数据来源于海关总署", []),
    ],
)
def test_institutions_quoted(components, text, quoted):
    doc = components(text, "ex_institution")
    assert fields(doc, "institution") == []
    got = fields(doc, "institutions")
    assert [x["canonical"] for x in got] == quoted
    assert {x["role"] for x in got} <= {"quoted"}


def test_institution_from_header():
    doc = run_components("正文提到华鑫期货研究所的观点。浙商期货分析师认为", "ex_institution",
                         layout=Layout(furniture=(Furniture("header", "华鑫期货研究所 | 有色金属专题报告", 1),)))
    (f,) = fields(doc, "institution")
    assert (f["canonical"], f["source"]) == ("华鑫期货", "header")
    got = [(x["canonical"], x["role"]) for x in fields(doc, "institutions")]
    assert got == [("华鑫期货", "publisher"), ("浙商期货", "quoted")]


@pytest.mark.parametrize("text,expected", INSTITUTION_EXAMPLES, ids=[e[0][:16] for e in INSTITUTION_EXAMPLES])
def test_institution_names_grammar(text, expected):
    # the region mentions the pipeline finds before the names (ex_region_mentions)
    names = find_institution_names(text, region_mentions(text))
    got = [(n.surface, n.canonical, attribution(text, n.start, n.end)) for n in names]
    assert got == [(name, canonical or name, how) for name, canonical, how in expected]


# --- ex_figures ---------------------------------------------------------------


@pytest.mark.parametrize(
    "line,label,caption,source",
    [
        ("图1  山西、广西、贵州和河南铝土矿月度产量  数据来源MS", "图1", "山西、广西、贵州和河南铝土矿月度产量", "MS"),
        ("图2：从几内亚和澳大利亚进口铝土矿月度数据    数据来源MS", "图2", "从几内亚和澳大利亚进口铝土矿月度数据", "MS"),
        ("图 3 铜库存\n资料来源：Wind", "图3", "铜库存", "Wind"),
    ],
)
def test_figure_captions(components, line, label, caption, source):
    doc = components("正文。\n" + line, "ex_figures")
    (f,) = fields(doc, "figures")
    assert (f["label"], f["kind"], f["caption"], f["data_source"]) == (label, "figure", caption, source)


def test_figure_negative(components):
    assert fields(components("如图1所示，铜价上涨。", "ex_figures"), "figures") == []


TABLE_TEXT = (
    "正文。\n表1  2025年7月四大产区铝土矿产量\n省份 7月产量（万吨） 占四省合计\n山西 202 35.0%\n广西 185 32.1%\n"
    "合计 577 100.0%\n表2  铝土矿进口量\n进口来源国 7月进口量（万吨）\n几内亚 537.25\n澳大利亚 326.87\n后文。"
)


def test_text_table_statistics(components):
    doc = components(TABLE_TEXT, "ex_figures", "ex_statistics")
    tables = [f for f in fields(doc, "figures") if f["kind"] == "table"]
    assert [t["label"] for t in tables] == ["表1", "表2"]
    stats = fields(doc, "statistics")
    got = {(s["table"], s["row"], s["region"], s["metric"], s["value"], s["unit"], s["period"]) for s in stats}
    assert ("表1", "山西", "山西", "产量", 202.0, "万吨", "2025-07") in got
    assert ("表1", "广西", "广西", "占四省合计", 32.1, "%", "2025-07") in got
    assert ("表1", "合计", None, "产量", 577.0, "万吨", "2025-07") in got
    assert ("表2", "几内亚", "几内亚", "进口量", 537.25, "万吨", "2025-07") in got
    assert len(stats) == 8  # table cells only; the generic scanner skips table lines
    s = next(s for s in stats if s["value"] == 202.0)
    assert s["normalized_value"] == 2_020_000 and s["normalized_unit"] == "t"


def test_pdf_table_rows_without_text():
    """A PDF table whose cells are not in the body text still becomes statistics."""
    doc = run_components("正文。\n表2  2025年7月铝土矿进口量\n后文：澳大利亚326.87万吨。", "ex_figures",
                         layout=Layout(tables=(TableInfo(page=2, bbox=None, ruled=False, rows=[
                             ["进口来源国 7月进口量（万吨）", ""], ["几内亚", "537.25"], ["澳大利亚", "326.87"]]),)))
    (t,) = fields(doc, "figures")
    assert t["rows"][0] == ["进口来源国", "7月进口量（万吨）"]
    got = {(s["region"], s["value"], s["unit"], s["column"]) for s in fields(doc, "table_statistics")}
    assert got == {("几内亚", 537.25, "万吨", "7月进口量（万吨）"), ("澳大利亚", 326.87, "万吨", "7月进口量（万吨）")}
    ev = {s._.fields["row"]: doc.text[s.start_char : s.end_char] for s in spans(doc, "table_statistics")}
    assert ev == {"几内亚": "2025年7月铝土矿进口量", "澳大利亚": "326.87"}  # the prose number, else the caption


# --- ex_statistics ------------------------------------------------------------

CTX = "山西省自然资源厅于2025年8月10日下发通知。"


@pytest.mark.parametrize(
    "text,surface,expect",
    [
        (CTX + "全国四大铝土矿产区，包括山西、广西、贵州和河南，7月份产量分别为202万吨、185万吨、88万吨和102万吨。",
         "185万吨", {"region": "广西", "metric": "产量", "subject": "铝土矿", "period": "2025-07", "period_inferred": True}),
        (CTX + "主要进口国为几内亚和澳大利亚，7月进口量分别为537.25万吨和326.87万吨。",
         "326.87万吨", {"region": "澳大利亚", "metric": "进口量", "unit": "万吨", "value": 326.87}),
        ("其在地壳中含量极低（约0.0015%）", "约0.0015%", {"comparator": "约", "value": 0.0015, "unit": "%"}),
        ("铝土矿是镓最重要的载体矿物之一，全球约90%以上的原生镓从铝土矿中提取。", "约90%以上", {"subject": "镓", "region": None}),
        ("我国是全球镓资源最丰富的国家，镓储量约占全球68%（19万吨）", "68%", {"region": "中国", "subject": "镓", "comparator": "约"}),
        ("我国是全球镓资源最丰富的国家，镓储量约占全球68%（19万吨）", "19万吨", {"region": "中国", "metric": "储量", "normalized_value": 190000.0}),
        ("几内亚、澳大利亚等国，其矿石中也都含镓，但大多低于工业回收标准（<50 ppm）", "<50 ppm", {"comparator": "<", "region": None, "unit": "ppm"}),
        ("山西作为全国铝土矿资源最集中的省份（储量占全国40%）", "40%", {"region": "山西", "metric": "储量占全国"}),
        ("目前我国铝土矿对外依存度超过70%，预计", "超过70%", {"comparator": "超过", "metric": "对外依存度", "region": "中国"}),
        ("7月份，电解铝产量154.8万吨；铜、锌产量分别为47.8万吨和42.5万吨，增长18%和11.3%。", "11.3%", {"subject": "锌"}),
        ("汽车销量折合年率保持在1300万辆以上;伦铅表现强于沪铅", "保持在1300万辆以上", {"subject": None, "metric": "销量"}),
    ],
)
def test_statistics(components, text, surface, expect):
    doc = components(text, "ex_statistics")
    stats = {s.text: dict(s._.fields) for s in spans(doc, "statistics")}
    assert surface in stats, list(stats)
    got = stats[surface]
    for k, v in expect.items():
        assert got[k] == v, (k, got)


@pytest.mark.parametrize(
    "text",
    [
        DISCLAIMER,  # disclaimer: nothing
        PROFILE,  # company blurb: nothing
        "铅期货上市两个多月以来，持续4个月负增长，从会员前20名持仓排名来看",  # durations and ranks
        "表1  产量\n省份 产量（万吨）\n山西 202\n广西 185",  # table lines belong to ex_figures
    ],
)
def test_statistics_negative(components, text):
    # the table cells ex_figures makes (it runs first) are not prose statistics
    assert [f for f in fields(components(text, "ex_statistics"), "statistics") if not f.get("table")] == []


def test_statistics_respectively_mismatch_gives_no_region(components):
    text = "包钢稀土公司、内蒙古和发稀土科技开发股份有限公司、包头华美稀土高科有限公司分别获得979吨、858吨和1112吨的配额。"
    stats = fields(components(text, "ex_statistics"), "statistics")
    assert len(stats) == 3 and all(s["region"] is None for s in stats)


# --- ex_forecasts -------------------------------------------------------------


@pytest.mark.parametrize(
    "text,horizon,subject,direction,magnitude,mag_max,unit",
    [
        ("短期：供给冲击≈0，情绪>实质。", "short", "供给冲击", "flat", 0.0, None, None),
        ("中期：违规产量退出+审批周期拉长，山西国产矿实际供应将出现 5-10% 级别的收缩。", "medium", "山西国产矿实际供应", "down", 5.0, 10.0, "%"),
        ("长期：省政府掌控资源节奏，山西对外依存度将 系统性上升。", "long", "山西对外依存度", "up", None, None, None),
        ("预计国内相关政策落地后，中长期我国铝土矿对外依存度将有5%左右的提高。", "medium_long", "我国铝土矿对外依存度", "up", 5.0, None, "%"),
        ("预计商品房的销售将持续恶化。", "unspecified", "商品房销售", "down", None, None, None),
        ("分析师认为未来铜价有望反弹。", "unspecified", "铜价", "up", None, None, None),
        # relative horizons (extractor/grammars/horizon.py)
        ("后市展望：未来一个季度，美联储降息预期将支撑金价，沪金运行区间或在860—920元/克；"
         "未来一年，在全球央行持续购金背景下，金价中枢有望继续上移。", "short", "金价", "up", 860.0, 920.0, "元/克"),
        ("后市展望：未来一个季度，美联储降息预期将支撑金价，沪金运行区间或在860—920元/克；"
         "未来一年，在全球央行持续购金背景下，金价中枢有望继续上移。", "medium", "金价中枢", "up", None, None, None),
        ("我们预计未来三个月氧化镨钕价格在50万—58万元/吨区间运行。", "short", "氧化镨钕价格", "flat", 50.0, 58.0, "万元/吨"),
        ("发布时间：2026年1月9日\n我们预计未来三个月氧化镨钕价格在50万—58万元/吨区间运行；"
         "2026年全年国内稀土开采指标增速或放缓至5%以内。", "medium", "国内稀土开采指标增速", "down", 5.0, None, "%"),
        ("未来三到五年，全球锂资源供应将持续增长。", "long", "全球锂资源供应", "up", None, None, None),
        ("未来两年，铜精矿供应将明显收缩。", "long", "铜精矿供应", "down", None, None, None),
        ("未来半年，碳酸锂价格将承压下行。", "medium", "碳酸锂价格", "down", None, None, None),
        ("明年铜价有望继续上涨。", "medium", "铜价", "up", None, None, None),
        ("短期内铜价或将震荡偏强。", "short", "铜价", "up", None, None, None),
        ("后市铜价有望反弹。", "unspecified", "铜价", "up", None, None, None),
        ("中长期看，印尼新增产能仍在释放，镍市过剩格局难改。", "medium_long", "镍市过剩格局", "down", None, None, None),
        ("发布时间：2025年10月10日\n展望：年内铜价将维持偏强运行，运行区间为80000—86000元/吨。",
         "short", "铜价", "up", 80000.0, 86000.0, "元/吨"),
        ("发布时间：2025年3月5日\n展望：年内铜价将维持偏强运行，运行区间为80000—86000元/吨。",
         "medium", "铜价", "up", 80000.0, 86000.0, "元/吨"),
        ("发布时间：2025年5月5日\n展望：下半年国内电解铝需求有望回升。", "medium", "国内电解铝需求", "up", None, None, None),
    ],
)
def test_forecasts(components, text, horizon, subject, direction, magnitude, mag_max, unit):
    fs = fields(components(text, "ex_forecasts"), "forecasts")
    want = (horizon, subject, direction, magnitude, mag_max, unit)
    got = [(f["horizon"], f["subject"], f["direction"], f["magnitude"], f["magnitude_max"], f["unit"]) for f in fs]
    assert want in got, got


@pytest.mark.parametrize(
    "text",
    [
        DISCLAIMER,
        "中期：违规产量退出+审批周期拉长。",  # a cause, no forward marker, no number
        "短期的反弹带来空单介入的机会。",
        "铜库存近期累计下跌12000吨。",  # 近期 is the recent past
        "二、整体供求缺口加大也在强化炼焦煤价格的上涨预期。",
        "去年下半年铜价上涨12%。",  # the past half-year
        "下半年以来铜价上涨12%，库存下降3万吨。",
        "下半年铜价上涨12%，库存下降3万吨。",  # a calendar horizon needs a forward marker
        "近几个月铜价持续上涨12%。",
        "免责声明：本报告仅供参考，未来一个季度铜价将上涨的判断不构成投资建议。",
        "未来一年的重点工作是加强资源管理。",  # a horizon, but no direction
        "明年是规划实施的最后一年。",
        "后市展望",
        "未来三个月铜价走势图",
    ],
)
def test_forecasts_negative(components, text):
    assert fields(components(text, "ex_forecasts"), "forecasts") == []


@pytest.mark.parametrize("expr,ref_year,ref_month,horizon", HORIZON_EXAMPLES, ids=[f"{e[0]}@{e[1]}-{e[2]}" for e in HORIZON_EXAMPLES])
def test_horizon_grammar(expr, ref_year, ref_month, horizon):
    assert calendar_horizon(expr, ref_year, ref_month) == horizon


@pytest.mark.parametrize("clause,ref_year,ref_month,expected", HORIZON_ENDED, ids=[e[0] for e in HORIZON_ENDED])
def test_period_ended(clause, ref_year, ref_month, expected):
    assert ended(clause, ref_year, ref_month) is expected


def test_forecasts_no_duplicate_relative_anchor(components):
    fs = fields(components("未来一年内铜价有望继续上涨。", "ex_forecasts"), "forecasts")
    assert [(f["horizon"], f["subject"]) for f in fs] == [("medium", "铜价")]


# --- ex_policy_events ---------------------------------------------------------


@pytest.mark.parametrize(
    "text,agency,date,action,minerals",
    [
        ("山西省自然资源厅于2025年8月10日下发通知，决定调整部分矿种的出让登记权限，明确将陶瓷土、耐火粘土、高岭土、铁矾土等四个"
         "与铝土矿共伴生密切的矿种的出让登记权限上收至省级部门。",
         "山西省自然资源厅", "2025-08-10", "上收出让登记权限", ["陶瓷土", "耐火粘土", "高岭土", "铁矾土"]),
        ("发布时间\t2011-05-31\n今年以来，5月19日，国务院更是第一次发布《关于促进稀土行业持续健康发展的若干意见》。",
         "国务院", "2011-05-19", "发布《关于促进稀土行业持续健康发展的若干意见》", ["稀土"]),
        ("发布时间\t2011-06-01\n去年的4月17日，国务院发布《关于坚决遏制部分城市房价过快上涨的通知》开始调控房地产市场。",
         "国务院", "2010-04-17", "发布《关于坚决遏制部分城市房价过快上涨的通知》", []),
        ("7月14日，中国商务部在官方网站公布了今年第二批一般贸易稀土出口配额，总计15738吨。2011年",
         "商务部", "2011-07-14", "公布今年第二批一般贸易稀土出口配额", ["稀土"]),
    ],
)
def test_policy_events(components, text, agency, date, action, minerals):
    (f,) = fields(components(text, "ex_policy_events"), "policy_events")
    assert (f["agency_canonical"], f["date"], f["action"], f["minerals"]) == (agency, date, action, minerals)


@pytest.mark.parametrize(
    "text",
    [
        "商务部新闻发言人姚坚表示，这是统筹考虑后作出的安排。",  # no act
        DISCLAIMER,
        "铝土矿价格上涨，企业增加进口。",
    ],
)
def test_policy_events_negative(components, text):
    assert fields(components(text, "ex_policy_events"), "policy_events") == []


# --- shared helpers -----------------------------------------------------------


def test_add_span_never_shares_fields(components):
    from extractor.pipelines.base import add_span

    text = "工业和信息化部印发《铝产业高质量发展实施方案》的通知\n正文。"
    doc = components(text)
    end = text.index("\n")
    add_span(doc, "title", 0, end, "TITLE", {"text": text[:end]})
    sp = add_span(doc, "policy_events", 0, end, "policy_event", {"agency": "工业和信息化部"})
    assert spans(doc, "title")[0]._.fields == {"text": text[:end]}
    assert (sp.start_char, sp.end_char) == (0, end)
    assert sp._.fields == {"agency": "工业和信息化部"}


def test_report_components_read_a_long_text_whole(components):
    # their time is measured by scripts/fuzz_scale.py (family report_block), not here
    block = ("山西省自然资源厅于2025年8月10日下发通知。全国四大铝土矿产区，包括山西、广西、贵州和河南，"
             "7月份产量分别为202万吨、185万吨、88万吨和102万吨。中期：山西国产矿实际供应将出现 5-10% 级别的收缩。\n")
    text = block * 250  # about 25,000 characters
    doc = components(text, "ex_report_sections", "ex_regions", "ex_institution", "ex_figures",
                     "ex_statistics", "ex_forecasts", "ex_policy_events")
    assert len(spans(doc, "statistics")) == 1250  # 4 observed + 1 projected per block


ALL = ("ex_report_sections", "ex_regions", "ex_institution", "ex_figures", "ex_statistics",
       "ex_forecasts", "ex_policy_events")


@pytest.mark.parametrize(
    "text",
    ["", "\n\n", "表1\n", "表1 产量\n省份 产量\n", "分别为", "分别为1吨", "短期：", "中长期", "图1", "预计",
     "免责声明", "（（（", "国务院发布", "将的上收", "7月", "2025年13月", "1,000万吨，2,000万吨", "≈0"],
)
def test_components_survive_odd_input(components, text):
    doc = components(text, *ALL)
    for key in ("statistics", "forecasts", "policy_events", "figures", "regions", "sections", "institution"):
        for sp in spans(doc, key):
            assert 0 <= sp.start_char <= sp.end_char <= len(text)


def test_pdf_table_cells_may_share_the_caption():
    doc = run_components("正文。\n表2  2025年7月铝土矿进口量\n后文。", "ex_figures",
                         layout=Layout(tables=(TableInfo(page=2, bbox=None, ruled=False, rows=[
                             ["进口来源国", "7月进口量（万吨）"], ["几内亚", "537.25"], ["澳大利亚", "326.87"]]),)))
    got = {(s._.fields["row"], s._.fields["value"], s.text) for s in spans(doc, "table_statistics")}
    assert got == {("几内亚", 537.25, "2025年7月铝土矿进口量"), ("澳大利亚", 326.87, "2025年7月铝土矿进口量")}


# --- projected statistics (grammars/projection.py, ex_statistics) --------------


@pytest.mark.parametrize("left,cue,horizon", PROJECTION_EXAMPLES, ids=[e[0] for e in PROJECTION_EXAMPLES])
def test_projection_grammar(left, cue, horizon):
    assert (projection_cue(left), horizon_of(left)) == (cue, horizon)


@pytest.mark.parametrize("sentence_left,left,cue", SENTENCE_EXAMPLES, ids=[e[0] for e in SENTENCE_EXAMPLES])
def test_projection_governed_by_the_sentence(sentence_left, left, cue):
    assert projection_cue(left, sentence_left) == cue


@pytest.mark.parametrize("sentence_left,left,ref_year,observed", AS_OF_EXAMPLES,
                         ids=[e[0] + e[1] for e in AS_OF_EXAMPLES])
def test_counted_as_of_a_time_not_ahead(sentence_left, left, ref_year, observed):
    assert observed_as_of(sentence_left, left, ref_year) is observed


@pytest.mark.parametrize("horizon,ref_year,ref_month,expect", BEHIND_EXAMPLES,
                         ids=[f"{e[0]}@{e[1]}-{e[2]}" for e in BEHIND_EXAMPLES])
def test_horizon_behind_the_report(horizon, ref_year, ref_month, expect):
    assert behind(horizon, ref_year, ref_month) is expect


@pytest.mark.parametrize("horizon,sentence_left,dated", DATED_EXAMPLES, ids=[f"{e[0]}|{e[1]}" for e in DATED_EXAMPLES])
def test_part_of_a_year_takes_the_year_of_its_sentence(horizon, sentence_left, dated):
    assert dated_horizon(horizon, sentence_left) == dated


@pytest.mark.parametrize("sentence_left,left,right,horizon", SCENARIO_EXAMPLES,
                         ids=[e[0] + e[1] for e in SCENARIO_EXAMPLES])
def test_scenario_consequent(sentence_left, left, right, horizon):
    assert scenario_horizon(sentence_left, left, right) == horizon


@pytest.mark.parametrize("right,base,planner", RIGHT_EXAMPLES, ids=[e[0] for e in RIGHT_EXAMPLES])
def test_base_of_a_share_and_planners(right, base, planner):
    assert (base_of_share(right), planners(right)) == (base, planner)


@pytest.mark.parametrize(
    "text,value,projected,horizon",
    [
        ("据中电联预测，今年我国用电量将达4.7万亿度，缺口3000万千瓦。", 4.7, True, "今年"),
        ("据中电联预测，今年我国用电量将达4.7万亿度，缺口3000万千瓦。", 3000, True, "今年"),
        ("未来5年，我国炼焦煤需求将继续增长。到2015年，全国炼焦煤需求总量将新增1.8亿吨。", 1.8, True, "2015年"),
        ("估计2011~2012年全球铜需求增速或为8.4%，而2005~2010年全球铜需求平均增速为16.4%。", 8.4, True, "2011~2012年"),
        ("估计2011~2012年全球铜需求增速或为8.4%，而2005~2010年全球铜需求平均增速为16.4%。", 16.4, False, None),
        ("4月份全国粗钢日均产量达到196.8万吨，创下历史新高。", 196.8, False, None),
        # a forecast's number is a projected statistic too (corpora/README.md)
        ("中期：山西国产矿实际供应将出现 5-10% 级别的收缩。", -5, True, "中期"),  # a fall (收缩)
        ("中长期我国铝土矿对外依存度将有5%左右的提高。", 5, True, "中长期"),
    ],
)
def test_projected_statistics(components, text, value, projected, horizon):
    doc = components(text, "ex_statistics")
    (f,) = [f for f in fields(doc, "statistics") if f["value"] == value]
    assert (f["projected"], f["horizon"]) == (projected, horizon)


@pytest.mark.parametrize(
    "text,horizon,subject,direction",
    [
        ("未来5年，我国炼焦煤的需求将继续增长。", "long", "我国炼焦煤需求", "up"),
        ("随着后期库存的进一步释放，铅价仍将回落。", "unspecified", "铅价", "down"),
        ("对于铜价来说，需求淡季的铜价有可能继续下跌。", "unspecified", "需求淡季铜价", "down"),
    ],
)
def test_forecast_cues_and_subjects(components, text, horizon, subject, direction):
    doc = components(text, "ex_forecasts")
    got = [(f["horizon"], f["subject"], f["direction"]) for f in fields(doc, "forecasts")]
    assert (horizon, subject, direction) in got


@pytest.mark.parametrize(
    "text,value,unit",
    [
        ("当沪铜上涨至近7万元每吨时，废铜也跟着水涨船高。", 7, "万元/吨"),
        ("废铜的价格也从去年的5万元每吨上涨到如今的接近6万多每吨。", 6, "万/吨"),
        ("光亮线价格在30元每公斤，比去年还是每公斤上涨了十元左右。", 10, "元/公斤"),
        ("他认为废铜的价格应该比纯铜价每吨低3500元左右才算合理。", -3500, "元/吨"),
        ("每吨电解铝的成本将增加约100元，对于微利的电解铝产业影响明显。", 100, "元/吨"),  # 每吨 in its clause (rule 5)
        ("沪铜价格收于67800元/吨。", 67800, "元/吨"),
        ("进口铁矿石多支付2082亿元人民币。", 2082, "亿元人民币"),  # the unit as written
        ("钢铁板块市盈率为28倍。", 28, "倍"),  # a multiple is reported (估值 28倍PE)
    ],
)
def test_statistics_per_measure_units(components, text, value, unit):
    doc = components(text, "ex_statistics")
    assert (value, unit) in [(f["value"], f["unit"]) for f in fields(doc, "statistics")]


@pytest.mark.parametrize(
    "text,value,region",
    [
        # a region inside an institution's name is not the figure's region
        ("中国汽车工业协会的统计显示，5月份汽车销量环比下降10.9%。", -10.9, None),
        # regions on a route
        ("4月13日，秦皇岛港至上海、宁波航线煤炭运价45元/吨左右。", 45, None),
        # 全国 right before the figure or its 均价
        ("这一配额由全国26家出口企业分享。", 26, "中国"),
        ("无法满足全部需求，因此届时全国炼焦煤约有1亿吨供需缺口。", 1, "中国"),  # 全国 after a time word
        ("目前1.0普碳冷板全国均价为5587元。", 5587, "中国"),
        ("山西作为全国铝土矿资源最集中的省份（储量占全国40%）。", 40, "山西"),
        # the world's places enumerated after the country: no one region
        ("在2010年我们看到美国的金价还有世界各个地区的金价都在增长，年均的增长率达到25.3%。", 25.3, None),
        ("我国是全球镓资源最丰富的国家，镓储量约占全球68%。", 68, "中国"),  # 全球 as the comparison
        # a region in an event's name or in a speaker's description
        ("在6月22日举行的上海废旧金属峰会上，废铜的价格也从去年的5万元每吨上涨。", 5, None),
        ("北京市朝阳区一家废品收购点的吴老板告诉记者，光亮线价格在30元每公斤。", 30, None),
        ("中国铜使用量增长是最多的，大概为780万吨，其他国家平均都不到100万吨。", 100, None),  # the others'
        # a dash ends a name: 印度 before 生产商--印度国家铝业公司 is the producer's country
        ("印度生产商--印度国家铝业公司(NALCO)，在3月销售了30,000吨氧化铝。", 30000, "印度"),
    ],
)
def test_statistics_region_rules(components, text, value, region):
    doc = components(text, "ex_statistics")
    assert [f["region"] for f in fields(doc, "statistics") if f["value"] == value] == [region]


@pytest.mark.parametrize(
    "text,subject,direction",
    [
        ("展望后市，券商认为，下半年钢价可能存在回调压力。", "钢价", "down"),
        ("笔者认为，短期来看沪铅跌势仍会持续调整。", "沪铅", "down"),
        ("预计铜价将继续调整。", "铜价", "down"),
        ("发布时间：2011-05-13\n预计二季度钢铁行业盈利下滑属大概率事件。", "钢铁行业盈利", "down"),
    ],
)
def test_forecast_direction_words_from_data(components, text, subject, direction):
    got = [(f["subject"], f["direction"]) for f in fields(components(text, "ex_forecasts"), "forecasts")]
    assert (subject, direction) in got


def test_forecast_needs_a_subject(components):
    assert fields(components("后期可能会随时调整。", "ex_forecasts"), "forecasts") == []


@pytest.mark.parametrize(
    "text,horizon,subject",
    [
        # a quarter or month of this year that has not ended is ahead of the report
        ("发布时间：2011-05-13\n二季度钢铁行业整体盈利可能继续下滑。", "short", "钢铁行业盈利"),
        ("发布时间：2011-06-17\n邱跃成预计国内主流钢厂7月份出厂价格将以下调为主。", "short", "国内主流钢厂出厂价格"),
        # a forecasting verb right before the period governs its scope
        ("发布时间：2025-10-20\n预计四季度全球铜精矿供应减少约20万吨。", "short", "全球铜精矿供应"),
    ],
)
def test_forecast_quarter_and_month_ahead(components, text, horizon, subject):
    got = [(f["horizon"], f["subject"]) for f in fields(components(text, "ex_forecasts"), "forecasts")]
    assert (horizon, subject) in got


def test_forecast_past_quarter_is_no_anchor(components):
    text = "发布时间：2011-05-13\n一季度钢铁行业整体盈利或将下滑。"
    assert [f["horizon"] for f in fields(components(text, "ex_forecasts"), "forecasts")] == ["unspecified"]


@pytest.mark.parametrize(
    "subject,expected",
    [
        ("钢铁行业整体盈利同比继续", "钢铁行业盈利"),  # 整体 qualifies, the subject is the profit
        ("尤其是中国钢厂利润", "中国钢厂利润"),
        ("大宗商品的", "大宗商品"),
        ("炼焦煤的需求", "炼焦煤需求"),
        ("的背景下", None),
        ("后期", None),
        # the cleanups cut whole words: a degree adverb with its adjective, never into a verb or 各地区
        ("全球最大的铜需求", "全球最大铜需求"),
        ("国内较高的库存", "国内库存"),
        ("企业提高成本", "企业提高成本"),
        ("全国各地区的煤炭需求", "全国各地区煤炭需求"),
        ("锂电企业高成本", "锂电企业成本"),
        ("某国地区的天然气供给", "某国地区天然气供给"),
    ],
)
def test_forecast_subject_normalised(subject, expected):
    from extractor.grammars.forecast_subject import normal_subject

    assert normal_subject(subject) == expected


@pytest.mark.parametrize("horizon,ref_year,ref_month,expected", AHEAD_EXAMPLES, ids=[str(e[0]) for e in AHEAD_EXAMPLES])
def test_horizon_ahead_of_the_report(horizon, ref_year, ref_month, expected):
    assert ahead(horizon, ref_year, ref_month) is expected


def test_a_figure_for_a_date_ahead_is_projected(components):
    text = "发布时间：2011-05-11\n今年山西将有77户焦化企业被兼并，至2011年年底独立焦化企业保留在150家。"
    got = {f["value"]: (f["projected"], f["horizon"]) for f in fields(components(text, "ex_statistics"), "statistics")}
    assert got[150] == (True, "2011年年底")


# --- forecasts outside any horizon anchor, subjects (issue 10) -----------------


@pytest.mark.parametrize(
    "text,horizon,subject,direction",
    [
        # a clause without a subject takes the sentence's last one
        ("发布时间：2011-05-13\n短期矿价难以大幅下降，预计下半年会继续维持1300-1400元/吨左右。", "medium", "矿价", "flat"),
        # ... else the noun phrase that opens the sentence
        ("国际原油价格很难出现连续的重挫，随时有反弹的可能。", "unspecified", "国际原油价格", "up"),
        # a transitive verb after a pronoun: its object is the subject
        ("这将减少对冶金焦的需求量。", "unspecified", "冶金焦需求量", "down"),
        # only the clause's own time refines an unanchored call (近期已经… is the past)
        ("发布时间：2011-05-18\n近期已经收到限电通知，届时粗钢产量将有所减少。", "unspecified", "粗钢产量", "down"),
        ("发布时间：2011-07-13\n我们预计在2011年全球总矿产供应将增长5%。", "medium", "全球总矿产供应", "up"),
        # an inline anchor inside the clause: the time words leave the subject
        ("铜冶炼厂下半年利润将面临巨大压力。", "medium", "铜冶炼厂利润", "down"),
        # a prospect stated as a noun (有…空间, 存在…压力)
        ("中国氧化铝价格有进一步下滑的空间。", "unspecified", "中国氧化铝价格", "down"),
        ("我国炼焦煤需求缺口或拉大。", "unspecified", "我国炼焦煤需求缺口", "up"),
        # a quarter that ends more than three months after the report is medium
        ("发布时间：2011-02-21\n二季度铁矿石价格仍将维持上涨局面。", "medium", "铁矿石价格", "up"),
        ("◆我们预计未来三个月氧化镨钕价格在50万—58万元/吨区间运行。", "short", "氧化镨钕价格", "flat"),
        ("中期来看，2026年全球锂资源新增供应约30万吨。", "medium", "全球锂资源供应", "up"),
        # a clause that is only a time opens the sentence: it dates the calls after it
        ("发布时间：2011-05-11\n到2015年，全国炼焦煤需求总量将新增1.8亿吨。", "long", "全国炼焦煤需求总量", "up"),
        # the likelier move governs, not the growing risk
        ("随着后期库存的进一步释放，价格回落的风险将加大。", "unspecified", "价格", "down"),
        ("社会库存将进一步下降。", "unspecified", "社会库存", "down"),  # 社会 holds no 会
        ("笔者认为，短时间内沪铅跌势仍会持续。", "short", "沪铅", "down"),
        # a bare metric takes the commodity named before it
        ("废铜有价无市 价格面临调整", "unspecified", "废铜价格", "down"),
        ("铅市场供大于求。随着后期库存的进一步释放，价格回落的风险将加大。", "unspecified", "铅价", "down"),
        ("对于处于需求淡季的铜价来说，在毫无利好局面的情况下，将可能继续调整。", "unspecified", "铜价", "down"),
        ("焦炭价格上涨不易，下跌也没有空间，将延续较平稳的态势。", "unspecified", "焦炭价格", "flat"),
        # a growth rate stated is a call on the quantity that grows; a contrasting past clause is
        # not governed by the sentence's 估计
        ("发布时间：2011-06-10\n估计2011~2012年全球铜需求增速或为8.4%，而2005~2010年全球铜需求平均增速为16.4%。",
         "medium", "全球铜需求", "up"),
        ("发布时间：2011-06-10\n今年中国铜需求增速料为7%。", "medium", "中国铜需求", "up"),
        ("来自中国电力等行业的铜需求仍会非常强劲。", "unspecified", "中国铜需求", "up"),
        ("发布时间：2011-07-20\n2011年风机需求将呈负增长。", "medium", "风机需求", "down"),
        ("“十二五”规划中国内风电增速预计将明显放缓。", "unspecified", "国内风电增速", "down"),
        ("三大中游行业盈利或向下", "unspecified", "中游行业盈利", "down"),
        ("发布时间：2011-07-13\n我们预计今年矿产的供应量来讲会进一步增长。", "medium", "矿产供应量", "up"),
        # a five-year plan's period and 全年 are calendar horizons
        ("发布时间：2011-05-11\n预计“十二五”期间，我国钢铁产量将继续增长，但增速明显放缓，因此焦炭需求增速会下降。",
         "long", "焦炭需求增速", "down"),
        ("发布时间：2011-07-20\n按此计算，全年粗钢产量将达到7亿吨，钢材“供过于求”的局面仍将恶化。", "medium", "钢材供过于求", "down"),
        # a consequence of a call (从而…) is a call too, on its verb's object
        ("粗钢产量难以继续高位，从而减少对冶金焦的需求量。", "unspecified", "冶金焦需求量", "down"),
        # an actor that moves a price: the call is on the price
        ("发布时间：2011-06-08\n今年下半年国家发改委将上调天然气出厂价格。", "medium", "天然气出厂价格", "up"),
        ("业内普遍认为，无论是居民用水还是工业用水价格，都有可能在今年适时上调。", "medium", "用水价格", "up"),
        # a rise or fall before 的 qualifies the subject; it is not the call's verb
        ("意大利市场需求低迷，持续下跌的组件价格有望企稳。", "unspecified", "组件价格", "flat"),
        # a causative: the call is on what is made to move
        ("这可能使建筑钢材的供应进一步增加。", "unspecified", "建筑钢材供应", "up"),
        ("长材需求或好于板材。", "unspecified", "长材需求", "up"),
        # a topic label and a modal leave the subject; time words go before it is shortened
        ("发布时间：2011-03-10\n预计2011~2012 年中国煤机装备行业收入可保持25%以上增长速度。", "medium", "中国煤机装备行业收入", "up"),
        # the previous clause's noun phrase, not the speaker
        ("分析师认为国际原油的大涨大跌显示炒作因素，国际原油价格很难出现连续的重挫，随时有反弹的可能。",
         "unspecified", "国际原油价格", "up"),
        # a fall without a subject is the price of the commodity the text is about; 持续到9月份 is ahead
        ("发布时间：2011-08-16\n稀土价格一路下挫。江苏省稀土学会理事王仲山预计，此次下跌将持续到9月份，预计会再跌20%-25%。",
         "short", "稀土价格", "down"),
        # a headline phrase dated ahead is a call for that period; the next phrase is not dated by it
        ("钢材市场下半年难言乐观 长材需求或好于板材\n发布时间：2011-06-14\n钢价上涨。", "medium", "钢材市场", "down"),
        ("钢材市场下半年难言乐观 长材需求或好于板材\n发布时间：2011-06-14\n钢价上涨。", "unspecified", "长材需求", "up"),
        ("钢市再蒙阴云\n发布时间：2011-06-14\n钢价上涨。", "unspecified", "钢市", "down"),
        # a bare profit metric takes the commodity named before it
        ("发布时间：2011-05-13\n钢铁毛利率下滑，而毛利率可能会在二季度触底。", "short", "钢铁毛利率", "down"),
        ("发布时间：2011-05-13\n钢铁行业正处于微利时代。预计二季度盈利下滑。", "short", "钢铁盈利", "down"),
        # a descriptive clause before 的 qualifies the head
        ("让原本就比较清淡的钢市采购将至低谷。", "unspecified", "钢市采购", "down"),
        # what eats into a quantity: the call is on it; a failing support under a modal of its own (料)
        ("料接下来的铅市需求旺季也难以带动更多铅的消费。", "unspecified", "铅消费", "down"),
        ("化工行业则面临成本上涨对其利润侵蚀的问题。", "unspecified", "化工行业利润", "down"),
        # a paragraph's topic label owns a bare metric; 未来 looks ahead
        ("水泥：未来需求堪忧。", "unspecified", "水泥需求", "down"),
        ("化工：成本上涨将侵蚀盈利。", "unspecified", "化工盈利", "down"),
        # the clause just before, naming its own quantity, gives a subject-less clause its subject
        ("发布时间：2011-06-14\n下半年预计建筑钢材的价格可能依然会保持高位，但板材受制造业增速下降的影响，可能弱势运行还要一段时间。",
         "medium", "板材", "down"),
        # a view (看好, 谨慎) is a call on its object, not on who holds it
        ("发布时间：2011-06-14\n对于下半年的钢材市场，李新创依然看好建筑钢材，并对板材继续谨慎。", "medium", "建筑钢材", "up"),
        ("发布时间：2011-06-14\n对于下半年的钢材市场，李新创依然看好建筑钢材，并对板材继续谨慎。", "medium", "板材", "down"),
        # a state that will not change: the call is on whose state it is
        ("“心态型”的行情，难以改变国内钢市“平台期”的特征。", "unspecified", "国内钢市", "flat"),
        # 在…影响下 leaves an opening noun phrase
        ("发布时间：2011-04-20\n短期内国内钢价在多方因素交织影响下，利好与利空相互对冲，最终只可能打成平手。",
         "short", "国内钢价", "flat"),
        # no return to an earlier level; the earlier period is a reference, not the clause's time
        ("发布时间：2011-08-16\n张安文告诉南都记者，稀土价格不会回到上半年的高位。", "unspecified", "稀土价格", "down"),
        # 行业 without its sector takes the one named before; 全省 stays as written; an expectation of a price change is the call
        ("钢铁行业正处于微利时代，行业整体的盈利下滑风险将逐步显现。", "unspecified", "钢铁行业盈利", "down"),
        ("发布时间：2011-05-11\n预计到2015年，山西省现有在建矿井全部投产，全省炼焦煤产能将新增8000万吨/年。",
         "long", "全省炼焦煤产能", "up"),
        ("资源产品调价预期渐强\n发布时间：2011-06-08\n水价上涨。", "unspecified", "资源产品调价", "up"),
        ("水泥行业未来需求堪忧。", "unspecified", "水泥行业需求", "down"),
        # a bare 市场 is the market named just before (its circumstance 在…影响下 left out)
        ("国内板材市场在需求低迷以及钢厂下调出厂价格的双重影响下，短期市场将面临下行压力。", "short", "国内板材市场", "down"),
        # a move without a footing; a state that stays as large under the sentence's 预期
        ("目前，终端需求对钢价难有实质性的拉动，钢市上行缺乏坚实的基础。", "unspecified", "钢市", "flat"),
        ("发布时间：2011-05-09\n当然，对于短期市场，也不能过分看空，冷轧板卷的底部支撑力还是存在的。", "short", "冷轧板卷", "flat"),
        # sectors listed before the quantity are its source; 总供给大于总需求 is a market balance, kept as written
        ("来自中国电力、建筑业、耐用品等等一些行业的铜需求仍会非常强劲。", "unspecified", "中国铜需求", "up"),
        ("铅市场供大于求。这将使总供给大于总需求的局面延续。", "unspecified", "总供给大于总需求", "flat"),
        # room for demand ahead is a call on that room, as written (corpora/README rule 3: no commodity supplied)
        ("发布时间：2011-06-14\n李新创依然看好建筑钢材。截至5月底，1000万套保障房仅有30%已经动工，意味着下半年还有更大的需求空间。",
         "medium", "需求空间", "up"),
        # a commodity alone whose behaviour is a price's; what is held back falls
        ("焦炭维持区间振荡走势\n发布时间：2011-06-14\n钢价上涨。", "unspecified", "焦炭", "flat"),
        ("这将限制粗钢产量继续过快增长。", "unspecified", "粗钢产量", "down"),
        # a borrowed subject takes the metric the clause names itself
        ("发布时间：2011-07-13\n看一下中国矿产金的供应情况，当然它的增长速度也是非常快的，而且预计今年将会进一步扩大达到创记录的产量。",
         "medium", "中国矿产金产量", "up"),
        ("预期在中国软调控下，经济增长不会大幅放缓，对国际原油的需求依然较大。", "unspecified", "国际原油需求", "flat"),
        # a horizon word after its clause's subject dates that clause only
        ("伦铜可能向下探至8200美元附近，国内的现货铜短期有可能回调至6.5万元左右，国内的现货铜不排除向下至6.2万元每吨附近。",
         "unspecified", "国内现货铜", "down"),
        ("伦铜可能向下探至8200美元附近，国内的现货铜短期有可能回调至6.5万元左右，国内的现货铜不排除向下至6.2万元每吨附近。",
         "short", "国内现货铜", "down"),
        # 如果我们来看… opens a topic, it is no condition
        ("发布时间：2011-07-13\n如果我们来看央行的黄金协议，去年我们首次看到央行的黄金是竞购买，今年我们预计需求将会进一步上升。",
         "medium", "黄金需求", "up"),
    ],
)
def test_forecasts_outside_anchors_and_subjects(components, text, horizon, subject, direction):
    got = [(f["horizon"], f["subject"], f["direction"]) for f in fields(components(text, "ex_forecasts"), "forecasts")]
    assert (horizon, subject, direction) in got, got


@pytest.mark.parametrize(
    "text",
    [
        "近期国内电力供应紧张。",  # no forward marker
        "企业将积极参与。",  # forward, but no market quantity and no direction
        "随时有可能调整。",  # no subject anywhere in the sentence
        "因现货原料供应有限，价格将上涨。".split("，")[0] + "。",  # a cause is a premise
        "在需求难以提升的背景下，钢铁企业的盈利能力持续下滑。",  # a background, then an observation
        "加上信贷政策收紧，原材料成本压力大。",  # 料 in 原材料 is no 料 (expect)
        "若沪铅再创新低，下行空间将再度打开。",  # a conditional is no call
        "如果需求回暖，铜价将上涨。",
        "西方贸易商称，采购中国氧化铝的国外买家将要求稳定的供应。",  # who acts is no market quantity
        "在煤电价格机制未理顺之前，这将一直成为制约因素。",  # a premise gives no subject
        "券商谨慎看待钢铁股后市\n发布时间：2011-06-14\n钢价上涨。",  # an agent (…商) is no market quantity
        "成本支撑依然存在。",  # support stated, neither withheld nor ahead
        "发布时间：2011-05-13\n下半年建议保持谨慎。",  # advice is no call
        "其盈利均不存在积极看好的条件。",  # a view as a modifier is no view
        "加上小煤矿升级改造后新增产能。",  # an addition is a premise
        "新货将陆续入市，市场分歧将加大。",  # a mood is no market quantity
        "今后炼焦煤产量增长仍主要依靠山西。",  # where growth comes from is no direction
        "印度出口下滑以及可能提高铁矿石出口税的消息使得全球钢厂担心原料供应问题。",  # news reported
        "赣州稀土储备启动有望加速。",  # policy timing is no market call
        "在禁止稀土出口同时应该加大稀土产品国家战略储备体系建设。",
        "这将在一定程度缓解民营油站压力。",  # relief of a pressure is no market call
        "可能诸位对长期的增长趋势这种比较熟悉了，年均的增长率达到25.3%。",  # a state reached looks back
        "金力泰今年中期净利润下滑35.57%。",  # 中期 after a year is the interim period
        "发布时间：2011-06-10\n而2005~2010年全球铜需求平均增速为16.4%。",
        "我国钢铁产量将继续增长，但增速明显放缓。".replace("我国钢铁产量将继续增长，", ""),  # no subject
        # an industry's condition without a quantity is no call (corpora/README.md rule 2)
        "钢铁工业下半年运行将面临巨大困难。",
        # a factor for a move is no call (corpora/README.md, commentary forecasts rule 1, 2026-12-06)
        "钢铁行业量价均难支撑其盈利的改善。",
        "目前的供求关系不能支撑BDI价格向上走。",
        "业内人士也指出，成本对后期钢价支撑力度有所减弱。",
        "从而对未来炼焦煤的价格形成有力支撑。",
        "发布时间：2011-04-20\n限电将影响钢市，可以在中短期内改变钢材的供需矛盾，为钢价的进一步上涨提供基础性支撑。",
    ],
)
def test_forecasts_outside_anchors_negative(components, text):
    assert fields(components(text, "ex_forecasts"), "forecasts") == []


def test_forecast_qualifier_is_not_a_second_call(components):
    text = "我国钢铁产量将继续增长，但增速明显放缓。"
    got = [f["subject"] for f in fields(components(text, "ex_forecasts"), "forecasts")]
    assert got == ["我国钢铁产量"]


def test_forecast_cause_is_not_the_direction(components):
    text = "发布时间：2011-06-20\n下半年板材受制造业增速下降的影响，可能弱势运行还要一段时间。"
    got = [(f["subject"], f["direction"]) for f in fields(components(text, "ex_forecasts"), "forecasts")]
    assert got == [("板材", "down")]  # the call is the second clause, about the first's subject


@pytest.mark.parametrize(
    "text,value,unit",
    [
        # units added to data/units.tsv for commentary (corpora/README.md: 六成 -> 6 成)
        ("其中，占到用电量六成以上的重工业用电量在一季度强劲反弹。", 6, "成"),
        ("上半年铁矿石涨4成。", 4, "成"),
        ("铁矿石进口价格推到200美金/吨的历史高位。", 200, "美金/吨"),
        ("外盘主流报价在182-184美金/干吨左右。", 182, "美金/干吨"),
        ("截至7月25日，BDI指数报收1317点，连续12天下跌。", 1317, "点"),
        ("BDI指数报收1317点，连续12天下跌，相比7月11日的1437点，跌幅为8.4%。", 1437, "点"),
        ("6月1日起，全国15省市电价上调。", 15, "省市"),
    ],
)
def test_statistics_commentary_units(components, text, value, unit):
    doc = components(text, "ex_statistics")
    assert (value, unit) in [(abs(f["value"]), f["unit"]) for f in fields(doc, "statistics")]


@pytest.mark.parametrize(
    "text,value",
    [
        # declines carry a sign: a decline noun or a fall verb with 已超 / 达到 between
        ("稀土各类产品价格平均跌幅已超过20%。", -20),
        ("稀土价格平均下挫已超20%。", -20),
        ("5月份汽车销量环比下降达到10.90%。", -10.9),
        # the fall follows the number
        ("重型货车的销量同比出现8%的下滑。", -8),
        # the later items of a list after a fall verb
        ("运价分别较上期末下跌4.86%和3.22%。", -3.22),
        # levels, not changes
        ("钢铁毛利率已经由11%下滑至7%。", 11),
        ("套期保值从236吨下降到103吨。", 236),
    ],
)
def test_statistics_signs(components, text, value):
    doc = components(text, "ex_statistics")
    assert value in [f["value"] for f in fields(doc, "statistics")]


@pytest.mark.parametrize("text", ["明天早上8点开会。", "这是第3点意见。"])
def test_statistics_points_need_an_index(components, text):
    assert [f for f in fields(components(text, "ex_statistics"), "statistics") if f["unit"] == "点"] == []


@pytest.mark.parametrize(
    "text,value,projected",
    [
        # 预期 as a noun deep in a clause governs nothing
        ("4月份开始欧元区显现加息预期，受此影响，欧元/美元单日大跌近300点。", 300, False),
        # 届时: at the future time named before
        ("到2015年，需求将新增1.8亿吨，无法满足，因此届时全国炼焦煤约有1亿吨供需缺口。", 1, True),
        # a time-only opening clause ahead of the report dates the sentence's figures
        ("发布时间：2011-05-11\n然而，到2015年，全国炼焦煤需求量将新增1.8亿吨，山西省炼焦煤产量新增的0.8亿吨和其他省区增量有限。", 0.8, True),
        # a past year, however hedged
        ("发布时间：2011-07-13\n2000年的产量可能仅仅有两千吨出头。", 2000, False),
        # a target after the number
        ("发布时间：2011-06-20\n确保实现今年建设1000万套保障房的目标。", 1000, True),
        ("消费者价格指数远高于国家4%以内的调控目标。", 4, True),
        # 预期 as a noun, 要 in a comparison
        ("4月CPI同比上涨5.3%，但高于市场普遍预期的5.1%。", 5.1, False),
        ("美国就业数据不及预期并且失业率再度上升到9.0%。", 9.0, False),
        ("发布时间：2011-06-20\n螺纹钢的价格现在要比热轧高出200元/吨左右。", 200, False),
    ],
)
def test_statistics_projection_cues(components, text, value, projected):
    doc = components(text, "ex_statistics")
    assert [f["projected"] for f in fields(doc, "statistics") if abs(f["value"]) == value] == [projected]


@pytest.mark.parametrize(
    "text,n",
    [
        ("焦炭价格上涨不易，下跌也没有空间，将延续较平稳的态势。", 1),  # 没有空间 is no prospect
        ("发布时间：2011-08-16\n稀土价格一路下挫。王仲山预计，此次下跌将持续到9月份，预计会再跌20%-25%。", 1),
    ],
)
def test_forecast_one_call_one_item(components, text, n):
    assert len(fields(components(text, "ex_forecasts"), "forecasts")) == n


@pytest.mark.parametrize(
    "text,subject",
    [
        ("焦炭维持区间振荡走势\n发布时间：2011-05-11\n正文。", "焦炭"),  # subject as written (no 价格 added)
        ("钢材价格持续震荡\n发布时间：2011-05-18\n正文。", "钢材价格"),
        ("上半年铁矿石涨4成 钢铁业多付160亿美元\n正文。", None),  # a headline about the past
        ("今年稀土出口配额超预期大幅增加 同比增97.3%\n正文。", None),  # news: a number, 同比
        ("镍月报：印尼配额收紧 镍价底部抬升\n正文。", None),  # a labelled report title
    ],
)
def test_forecast_in_headline(components, text, subject):
    end = text.index("\n")
    got = [f["subject"] for f in fields(components(text, "ex_title", "ex_forecasts"), "forecasts")
           if f["text"] and text.find(f["text"]) < end]
    assert got == ([subject] if subject else [])


@pytest.mark.parametrize("right,future", FUTURE_AFTER_EXAMPLES, ids=[e[0] for e in FUTURE_AFTER_EXAMPLES])
def test_future_after(right, future):
    assert future_after(right) is future
