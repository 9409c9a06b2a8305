"""The context of a commentary statistic: region, unit per measure and projection.

Cases are short sentences written for these tests, shaped like the commentary in
corpora/blind2 (the structures, not their wording): a deictic 全省 naming the piece's
province, a denominator written before the figure (每桶油的成本…25美元), plan horizons.
"""

from __future__ import annotations

import pytest

from conftest import run_components
from extractor.grammars.projection import ahead, opening_time
from extractor.grammars.regions import DEICTIC_EXAMPLES, deictic_regions, region_mentions
from extractor.pipelines.base import spans


DATED = "发布时间：2011-09-07\n"  # the report date the horizons are read against


def stats(text: str) -> dict[str, dict]:
    doc = run_components(text, "ex_statistics")
    return {s.text: dict(s._.fields) for s in spans(doc, "statistics")}


@pytest.mark.parametrize("text,expect", DEICTIC_EXAMPLES)
def test_deictic_regions(text, expect):
    got = [(r.surface, r.canonical) for r in deictic_regions(text, region_mentions(text))]
    assert got == expect


@pytest.mark.parametrize(
    "text,expect",
    [
        ("力拓对华销售额", [("华", "中国")]),
        ("计划今年在华的采购金额", [("华", "中国")]),
        ("存在华东地区", []),
        ("在华北地区", []),
        ("现在华为公司", []),
        ("在华尔街交易", []),
        ("“十二五”在疆投资将翻番", [("疆", "新疆维吾尔自治区")]),
        ("央企大举入疆", [("疆", "新疆维吾尔自治区")]),
        ("保卫疆土", []),
        ("对华鑫期货而言", []),
        ("沪上螺纹钢报价", [("沪上", "上海市")]),
        ("沪市成交", []),
        ("4月份国产汽车产销153.53万辆", [("国产", "中国")]),
        ("山西国产矿实际供应", [("山西", "山西省")]),
        ("国产化率已达70%", []),
    ],
)
def test_china_and_shanghai_short_forms(text, expect):
    assert [(r.surface, r.canonical) for r in region_mentions(text)] == expect


@pytest.mark.parametrize(
    "text,surface,expect",
    [
        # 全省 / 我省: the province the piece names
        ("江苏是光伏大省。2010年全省光伏产业实现产值1988亿元，同比增长81%。", "1988亿元", {"region": "江苏"}),
        ("江苏是光伏大省。2010年全省光伏产业实现产值1988亿元，同比增长81%。", "81%", {"region": "江苏"}),
        ("广东省公布数据。1-5月，我省规模以上工业企业实现利润1604.4亿元。", "1604.4亿元", {"region": "广东"}),
        # a 分别 list without its own list of regions keeps the sentence's region
        ("广东电子、汽车两大行业利润同比分别下降17.4%和14.2%。", "14.2%", {"region": "广东", "value": -14.2}),
        ("两家炼厂分别为位于苏格兰的甲炼油厂和位于法国的乙炼油厂，公司所占股权分别为51%和49%。", "49%", {"region": None}),
        # no region before the number: the one region after a word of place in its clause
        ("‘十二五’期间30家央企计划在西藏投资500亿元。", "30家", {"region": "西藏"}),
        ("该炼厂的产能为20万桶/天，为新加坡最大的炼厂之一。", "20万桶/天", {"region": None}),  # another clause
        ("去年共有40家央企参与了新疆能源项目。", "40家", {"region": "新疆"}),
        # a project run with 的 describes where it is (no project name); a brand glued before the
        # region names one (乙钢湛江冷轧项目)
        ("其资产是位于南美秘鲁的三座铜矿项目，铜资源量达900万吨。", "达900万吨", {"region": "秘鲁"}),
        ("乙钢湛江冷轧项目总投资达80亿元。", "达80亿元", {"region": None}),
        # a made institution name that opens with a deictic (我国…并网) hides no region
        ("去年我国真正并网的光伏约有500兆瓦。", "500兆瓦", {"region": "中国"}),
        ("中海油签下300亿美元澳洲天然气合约。", "300亿美元", {"region": None}),  # the goods' origin
        ("有30多家公司与赣州稀土传出合作消息。", "30多家", {"region": None}),  # a partner company
        # a cause right after the region's own noun keeps the region the subject's
        ("中国企业因为新规将减少产值500亿元，损失利润300亿元。", "500亿元", {"region": "中国"}),
        ("中国企业因为新规将减少产值500亿元，损失利润300亿元。", "300亿元", {"region": "中国"}),
        ("因国内企业限产，受天气影响，价格上涨12%。", "12%", {"region": None}),
        # a clause about the international market does not take the region its sentence names
        ("以美国原油为例，4月底的国际油价为100美元/桶。", "100美元/桶", {"region": None}),
        ("国内现货报价为300元/公斤，国际现货报价为40美元/公斤。", "40美元/公斤", {"region": None}),
        ("以美国原油为例，4月底的油价为100美元/桶。", "100美元/桶", {"region": "美国"}),
        # 与全国N家: the count is national; 国内外 names no region
        ("协会与全国3000多家企业有合作关系，同时与国内外6万多家企业有联系。", "3000多家", {"region": "中国"}),
        ("协会与全国3000多家企业有合作关系，同时与国内外6万多家企业有联系。", "6万多家", {"region": None}),
        ("以美国原油为例，WTI油价将在每桶90美元附近震荡。", "每桶90美元", {"region": None}),
        # the region a flow comes from, the exchange a company lists on, a kind of patent
        ("去年仅湖南就从贵州购进煤炭1500万吨。", "1500万吨", {"region": "湖南"}),
        ("去年从贵州购进煤炭1500万吨。", "1500万吨", {"region": "贵州"}),  # the only region
        ("该公司是澳大利亚上市企业，其资产位于印尼，煤炭储量达50亿吨。", "达50亿吨", {"region": "印度尼西亚"}),
        ("浙江在电池方面获得的中国专利300项，其中发明专利120项。", "300项", {"region": "浙江"}),
        # 其中X picks one out of a list; 占X is the base of a share; a count of provinces has none
        ("河南、山东、安徽等省是主产区，其中河南产量最大，去年产量为2.5亿吨。", "2.5亿吨", {"region": "河南"}),
        ("该公司是全国最大的企业，去年产量为5000万吨，仅占山东总产量的20%。", "20%", {"region": None}),
        ("包括湖南在内的12个省市电价将上调。", "12个", {"region": None}),
        ("全国12省市电价将上调。", "12省市", {"region": "中国"}),
        # a stake in a company has no region
        ("外资进入中国市场，中铝将拥有合资公司60%的股权。", "60%", {"region": None}),
        ("“十二五”期间央企在疆投资将翻番。", "翻番", {"region": "新疆", "value": 2, "unit": "倍"}),
        # 本区 / 全区: the autonomous region the piece names
        ("内蒙古风电用钢市场向全国辐射，销售总量本区占有率达到70%。", "达到70%", {"region": "内蒙古"}),
        # a region glued to a Latin name, or starting a short name the piece defines, is a company's
        ("交大泰阳向德国Inowatt预付账款1275万元。", "1275万元", {"region": None}),
        ("批准中国石油天然气股份有限公司(下称“中国石油”)收购。中国石油旗下公司收购了45.51%的股权。",
         "45.51%", {"region": None}),
        # 华 after a preposition of place is China
        ("2000年以来，力拓对华销售额已从4亿美元升至167亿美元。", "167亿美元", {"region": "中国"}),
        # the denominator written before the figure: 每X right before it, 一X naming the unit the
        # clause is about, 吨价
        ("一吨汽油的差价就是5431元。", "5431元", {"unit": "元/吨"}),
        ("炼制一吨汽油需要约7桶原油。", "约7桶", {"unit": "桶/吨"}),
        ("进口一桶原油的成本价约为715元人民币。", "约为715元人民币", {"unit": "元人民币/桶"}),
        ("螺纹钢的吨价调整至4820元。", "4820元", {"unit": "元/吨"}),
        ("每千瓦时需要0.79kg碳酸锂。", "0.79kg", {"unit": "kg/千瓦时"}),
        # a 每X further back in the figure's own clause (corpora/README.md rule 5), not in another clause
        ("每吨电解铝的成本将增加约100元。", "约100元", {"unit": "元/吨"}),
        ("国内纱价从每吨2.1万元升到2.6万元，到了9月份又回落到2.3万元。", "2.6万元", {"unit": "万元/吨"}),
        ("国内纱价从每吨2.1万元升到2.6万元，到了9月份又回落到2.3万元。", "2.3万元", {"unit": "万元"}),
        ("钕铁硼价格已从每公斤200元飙升至600元。", "600元", {"unit": "元/公斤"}),
        # (a plain measure too: an energy, a mass per the measure 每X names further back)
        ("该厂已将每吨锌锭的综合电耗从3200度降至2900度。", "3200度", {"unit": "度/吨"}),
        ("每千瓦时储能约需消耗碳酸锂0.6kg。", "0.6kg", {"unit": "kg/千瓦时"}),
        ("每吨锌锭售价上涨，电耗则从3200度降至2900度。", "3200度", {"unit": "度"}),
        ("钕铁硼每公斤200元，而工人月薪涨到600元。", "600元", {"unit": "元"}),
        ("长材每吨的利润空间在200到300元，而板材则不到100元。", "100元", {"unit": "元"}),
        ("价格一度上涨至5000元。", "5000元", {"unit": "元"}),  # 一度 = once
        ("企业的成本按照300元人民币每公斤计算。", "300元人民币", {"unit": "元人民币/公斤"}),
        ("成本上升了2.4元人民币/千瓦时。", "2.4元人民币/千瓦时", {"unit": "元人民币/千瓦时"}),
        ("电池成本降至2元/Wh，能量密度100Wh/kg。", "100Wh/kg", {"unit": "Wh/kg"}),
        # 每年/每月/每周 in the figure's own clause is the unit's period (corpora/README.md, second
        # round rule 4); 年产, another clause's 每年, a share, 每周一 (a day) keep the unit as written
        ("这家冶炼厂每年向海外出口锌锭约12万吨。", "约12万吨", {"unit": "万吨/年"}),
        ("合同约定买方每月采购电池片50万片。", "50万片", {"unit": "万片/月"}),
        ("旺季时每周的出货量在300吨左右，淡季每周不到90吨。", "300吨左右", {"unit": "吨/周"}),
        ("旺季时每周的出货量在300吨左右，淡季每周不到90吨。", "90吨", {"unit": "吨/周"}),
        ("市里每年拿出的扶持资金达800万元以上。", "达800万元以上", {"unit": "万元/年"}),
        ("该矿年产铁精粉150万吨。", "150万吨", {"unit": "万吨"}),
        ("每年的检修都在夏季，今年的产量为40万吨。", "40万吨", {"unit": "万吨"}),
        ("每年新增的锂需求约占全球的三成。", "三成", {"unit": "成"}),
        ("每年新增的锂需求约为全球的30%。", "30%", {"unit": "%"}),
        ("每周一公布的港口库存为80万吨。", "80万吨", {"unit": "万吨"}),
        # 每股收益 / 每股净资产 name a per-share metric (EPS stays 元, as the gold reads it); a price
        # per share keeps its measure
        ("该公司一季度基本每股收益0.35元，同比增长12%。", "0.35元", {"unit": "元"}),
        ("年末每股净资产为4.2元。", "4.2元", {"unit": "元"}),
        ("收购方出价每股12澳元。", "每股12澳元", {"unit": "澳元/股"}),
        # counts are figures
        ("江苏获得的中国专利547项，其中发明专利216项。", "216项", {"unit": "项"}),
        ("当地电站装机达到60万千瓦，占全省的一成。", "达到60万千瓦", {"unit": "万千瓦"}),  # a capacity, no rating
        ("协会与全国3000多家企业有合作关系。", "3000多家", {"unit": "家"}),  # a relation, no deal
        ("去年并网的约有300兆瓦，也就是2G瓦的15%。", "15%", {"unit": "%"}),
        ("两家公司的“年产10万吨”项目同时开工。", "10万吨", {"unit": "万吨"}),  # a longer quote holds figures
        ("目前国内30多家冶炼企业中，仅有一半盈利。", "30多家", {"unit": "家"}),
        # the consequence of a supposition in the next clause is a figure (corpora/README.md rule 4)
        ("如果按照平均海运费8美元/吨计算，到岸价将达160美元/吨。", "达160美元/吨", {"unit": "美元/吨"}),
        ("如果负荷率相同，这台机组的煤耗还要低5克/千瓦时。", "5克/千瓦时", {"value": -5}),
        ("年产值在800万元以上的企业只有100多家。", "100多家", {"unit": "家"}),  # the count of the class
        ("公司将建设年产300万吨的冷轧项目。", "300万吨", {"unit": "万吨"}),  # no bound: a project's size
        ("国内冶炼厂有40家左右，其中这些企业产量为20万吨。", "20万吨", {"unit": "万吨"}),
        ("全省37个工业行业中有28个行业利润增长。", "37个", {"unit": "个"}),
        ("增幅拉低2.9个和1.9个百分点。", "2.9个", {"unit": "个百分点"}),
        # a space set around a number does not detach the region; a fall after it (级别的收缩)
        ("河南国产矿实际供应将出现 5-10% 级别的收缩。", "5-10%", {"region": "河南", "value": -5}),
        # 拉低 / 压低 + the lowered thing: a fall, for every item of the list; 跌去一半
        ("这两项各拉低全市工业利润增速3.1个和0.8个百分点。", "3.1个", {"value": -3.1}),
        ("这两项各拉低全市工业利润增速3.1个和0.8个百分点。", "0.8个百分点", {"value": -0.8}),
        ("组件价格与两年前相比跌去一半。", "一半", {"value": -50}),
        # 压缩 + the squeezed thing is a fall; the level a decline reaches (跌幅扩大至) is the decline's
        # size, and so is a clause that only moves it further (…，进入三月后更扩大至); a plain level
        # reached (产量增至) stays positive
        ("原料涨价将压缩冶炼厂利润空间约5个百分点。", "约5个百分点", {"value": -5}),
        ("本周铝价跌幅扩大至4.2%。", "4.2%", {"value": -4.2}),
        ("铜价的下跌幅度在一周内由2%扩大到6%。", "6%", {"value": -6}),
        ("镍价降幅收窄至1.5%，而成交量增至20万手。", "增至20万手", {"value": 20}),
        ("锌价跌幅在二月扩大至3%，进入三月后更扩大至7%。", "7%", {"value": -7}),
        ("锌价跌幅在二月扩大至3%，库存进入三月后增至7万吨。", "增至7万吨", {"value": 7}),
        ("锌价跌幅在二月扩大至3%，库存三月后增至7万吨。", "增至7万吨", {"value": 7}),
        ("该厂产量增至12万吨。", "增至12万吨", {"value": 12}),
        # a region with 的 before a company describes where the company is (no name): the figure's
        ("甲集团在智利的参股公司乙矿业宣布，项目总投资确定为12亿美元。", "12亿美元", {"region": "智利"}),
        # a stock counted in days is a figure (a duration otherwise is not)
        ("目前多数冶炼厂只维持约15天的原料库存。", "约15天", {"unit": "天"}),
        # a unitless index reading is a figure (unit null); a ratio of two places has no region
        ("上月美国制造业PMI回落至49.5。", "49.5", {"unit": None, "value": 49.5, "region": "美国"}),
        ("上海与纽约的铜价比值为7.45，", "7.45", {"unit": None, "region": None}),
        ("依据人民币与美元7：1的汇率计算，成本约为800元。", "7：1", {"unit": None, "value": 7, "region": None}),
        ("澳元兑美元的汇率假设是1:0.8，", "1:0.8", {"value": 0.8}),  # an assumption stated, no condition
        (DATED + "短期来看，该合约将在3100—3250的区间内振荡。", "3100—3250",
         {"unit": None, "value": 3100, "value_max": 3250, "projected": True}),
        # plan horizons: the nearest time-only clause of the sentence, a plan not yet over
        (DATED + "按照现有规划，到2015年前后，电池能量密度才可达到150Wh/kg。", "达到150Wh/kg",
         {"projected": True, "horizon": "2015年前后"}),
        (DATED + "规划的表述是，“到2015年，突破一批关键技术，关键新材料的自给率提高到70%。”", "提高到70%",
         {"projected": True}),
    ],
)
def test_statistic_context(text, surface, expect):
    got = stats(text)
    assert surface in got, list(got)
    for k, v in expect.items():
        assert got[surface][k] == v, (k, got[surface])


@pytest.mark.parametrize(
    "text,surface",
    [
        ("进口一桶优质原油的成本价约为715元。", "一桶"),  # one unit as the base of a ratio
        ("虽然生产1吨多晶硅需要耗电上万度。", "1吨"),
        ("青岛港品位63.5%的印度粉矿报价在181美元/吨。", "63.5%"),  # a grade is a spec
        ("纯度≥99.99%的稀土单质价格上涨。", "≥99.99%"),
        # a figure referred back to, a vague amount, a rank, a limit, a rating, a duration
        ("国内冶炼厂只有40家左右，而这40家以外的企业正在退出。", "40家"),
        ("公司炒股浮亏数千万元。", "数千万元"),
        ("一旦设备停机，一天的损失就上百万元。", "上百万元"),
        ("合并后的公司成为国内产量最大的5家铜企之一。", "5家"),
        ("新标准可能以年产量3000吨为下限。", "3000吨"),
        ("该厂首次冲破供电煤耗275克/千瓦时大关。", "275克/千瓦时"),
        ("公司两台60万千瓦超临界机组投入运行。", "60万千瓦"),
        ("价格报在1.5美元/瓦之间(指300瓦的光伏组件产品)。", "300瓦"),
        ("锌价已经连涨了9个多月。", "9个"),
        ("新兴经济体每增长1%，大宗商品消耗就会增加。", "1%"),  # a step
        ("5-7万吨船舶的煤炭运价小幅上涨。", "5-7万吨"),  # a vessel's size
        # the base of a share, a quoted name or saying, 二元 (binary)
        ("去年并网的约有300兆瓦，也就是2G瓦的15%。", "2G瓦"),
        ("受访者认为将定价权下放给“三桶油”的条件尚未成熟。", "三桶油"),
        ("行业素有“五克煤耗，一代技术”之说。", "五克"),
        ("今年二元肥出口远好于去年同期。", "二元"),
        ("新线预计需要15天完成调试。", "15天"),  # the time something takes
        # a bare number is no figure but an index's reading
        ("今年销量12，比去年多。", "12"),
        ("假设汇率为1:0.8，成本将上升。", "1:0.8"),  # 假设 opening a condition
        # the parties of a deal, the set a sentence picks from
        ("甲公司与浙江省3家冶炼企业共同成立合资公司。", "3家"),
        ("集团先后与6家银行签署500亿元授信额度。", "6家"),
        ("甲公司曾与乙、丙、丁等3家企业签署了合作协议。", "3家"),
        ("记者发现，在3家冶炼企业里，只有一家仍在生产。", "3家"),
        # a supposed event: a 如果 clause's change the number completes, a 当/只有…时 condition
        ("分析师表示，如果国际铜价再继续下跌5%，冶炼厂将减产。", "5%"),
        ("如果2030年全球汽车销量达到1亿辆，锂需求将翻番。", "1亿辆"),
        ("当金价在1500美元/盎司以下时，矿山才会减产。", "1500美元/盎司以下"),
        ("只有在电池能量密度达到300Wh/kg以上时，续航才够。", "达到300Wh/kg以上"),
        ("如果按照平均海运费8美元/吨计算，到岸价将达160美元/吨。", "8美元/吨"),  # the condition's terms
        ("如果加上13%的增值税，企业就没有利润。", "13%"),
        ("年产5000吨的新项目一旦投产将是国内最大的。", "5000吨"),
        # a bound naming a class of things (以上/以下 after, 小于/不到 before, then the things)
        ("年产值在800万元以上的企业只有100多家。", "800万元以上"),
        ("省里将收回3万千瓦以下陆上风电场项目的审批权。", "3万千瓦以下"),
        ("国内规模小于5000吨的冶炼小厂能耗偏高。", "小于5000吨"),
        ("一个投资不到20万元的小作坊也能开工。", "不到20万元"),
    ],
)
def test_one_unit_is_no_statistic(text, surface):
    assert surface not in stats(text)


@pytest.mark.parametrize(
    "text,surface,projected",
    [
        ("据估计，全球煤层气资源约为240万亿立方米。", "约为240万亿立方米", False),  # an estimate of what is
        ("广东省经济和信息化委员会前不久对广东1000家企业进行问卷调查。", "1000家", False),  # 委员会
        ("预计2011年底多晶硅产能达到46000吨。", "达到46000吨", True),
        ("至少一半的市场空间将会被锂电池替代。", "至少一半", True),  # the subject of a future predicate
        ("中铝将拥有合资公司51%的股权，力拓拥有49%的股权。", "49%", True),
        ("新南洋拟以6344.78万元的价格转让其持有的股权。", "6344.78万元", False),  # a deal's terms
        ("公司拟将所持有的7489.5万股股权转让。", "7489.5万股", False),
        ("公司拟投资100亿元建设新产能。", "100亿元", True),
        ("铝厂之前已将每吨电解铝的直接电耗从14500度降至13000度。", "降至13000度", False),  # a clause continuing a projected one
        ("中铝拥有合资公司51%的股权，力拓拥有49%的股权。", "49%", False),
        ("中铝将拥有合资公司51%的股权，去年力拓拥有49%的股权。", "49%", False),  # its own time
        (DATED + "力拓透露，计划今年在华的采购金额比去年翻番，增至10亿美元。", "增至10亿美元", True),
        # 将 marking the object the figure opens (as 把) is no time ahead; 将 + a verb is
        ("该矿业公司将智利约30%的铜精矿销往日本。", "约30%", False),
        ("冶炼厂将其20%的产能改产再生铝。", "20%", False),
        ("冶炼厂将有20%的产能停产检修。", "20%", True),
        ("预计冶炼厂将20%的产能改产再生铝。", "20%", True),
    ],
)
def test_projection_marking(text, surface, projected):
    got = stats(text)
    assert got[surface]["projected"] is projected, got[surface]


@pytest.mark.parametrize(
    "text,surface,projected,horizon",
    [
        # counted as of a time that is not ahead: a hedge word (停产或整改) or a plan noun is no cue
        (DATED + "截至8月底，全省排查电镀企业120家，其中关停或搬迁15家企业，60家企业停产整治。", "15家", False, None),
        (DATED + "截至8月底，全省排查电镀企业120家，其中关停或搬迁15家企业，60家企业停产整治。", "60家", False, None),
        (DATED + "截至2010年初，全国在建矿井计划总产能达12亿吨。", "达12亿吨", False, None),
        # a half of the report's year that is over, a habit of the past
        (DATED + "乙公司预计今年上半年净利润同比将增长约200%。", "约200%", False, None),
        (DATED + "“以往大约每半年报价会下降300元。”", "300元", False, None),
        (DATED + "市场人士认为，现货铜价不排除跌至5.5万元/吨。", "5.5万元/吨", True, None),
        # a clause that says when its subject will act governs the clauses after it
        (DATED + "根据协议，该公司将从2014年开始，每年进口200万吨铁矿石。", "200万吨", True, "2014年"),
        (DATED + "乙公司称，其将于今年10月底投产新生产线，产能为2万吨/年。", "2万吨/年", True, "今年10月底"),
        (DATED + "“十二五”期间，甲集团将通过兼并重组，实现产能规模2000万吨。", "2000万吨", True, "“十二五”期间"),
        (DATED + "“十二五”期间，甲集团将在西部投资500亿元，截至今年6月，累计投资已达80亿元。", "达80亿元", False, None),
        # an estimate of a year already over is observed, 将 or not (corpora/README.md); of this year, projected
        (DATED + "截至2009年11月，全国出口量已超过5万吨，预计全年出口量将超过6万吨。", "超过6万吨", False, None),
        (DATED + "截至2011年8月，全国出口量已超过5万吨，预计全年出口量将超过6万吨。", "超过6万吨", True, "全年"),
        (DATED + "2010年前10个月销量已超过2009年。预计全年增长12%左右。", "12%左右", False, None),
        (DATED + "2010年销量持平。今年以来需求回升，预计全年增长12%左右。", "12%左右", True, "全年"),
        # the consequent of a scenario dated ahead (2026-12-06 conventions, rule 4)
        (DATED + "假如2020年全球电动车销量达到1000万辆，则新增碳酸锂需求超出8万吨。", "8万吨", True, "2020年"),
        # the planners and the base of a share are there now
        (DATED + "“十二五”期间20家央企计划在西部投资5000亿元。", "20家", False, None),
        (DATED + "“十二五”期间20家央企计划在西部投资5000亿元。", "5000亿元", True, "“十二五”期间"),
        (DATED + "新标准将使全省近百家冶炼企业中的一半面临关停。", "近百家", False, None),
        # part of a subject whose fate is dated ahead; a figure a forecast is made of
        (DATED + "包括200多万吨平板玻璃在内的8个行业的落后产能将在今年被淘汰。", "200多万吨", True, None),
        (DATED + "机构对该矿约70美元/吨的运营成本预测偏乐观。", "约70美元/吨", True, None),
    ],
)
def test_projection_rules_of_clause_and_sentence(text, surface, projected, horizon):
    got = stats(text)[surface]
    assert (got["projected"], got["horizon"]) == (projected, horizon), got


@pytest.mark.parametrize(
    "sentence_left,expect",
    [
        ("到2015年，", "2015年"),
        (DATED + "按照现有规划，到2015年前后，", "2015年前后"),
        ("权威人士透露，规划的表述是，“到2015年，突破一批关键技术，", "2015年"),
        ("然而，到2015年，", "2015年"),
        ("产量增长，", None),
        ("“十二五”期间，甲集团将通过兼并重组，", "“十二五”期间"),
        ("根据协议，该公司将从2014年开始，", "2014年"),
        ("“十二五”期间，甲集团将在西部投资500亿元，截至今年6月，", None),  # a nearer time of its own
    ],
)
def test_opening_time(sentence_left, expect):
    assert opening_time(sentence_left) == expect


@pytest.mark.parametrize(
    "horizon,year,expect",
    [("“十二五”", 2011, True), ("十二五", 2016, False), ("“十一五”", 2011, False), ("“十二五”末", 2011, True)],
)
def test_plan_period_ahead(horizon, year, expect):
    assert ahead(horizon, year, 6) is expect
