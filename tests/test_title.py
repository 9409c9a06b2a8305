"""The document title: sources in order, rejoined two-line titles, the seed and the corpus."""

from __future__ import annotations

import pytest

from conftest import normalized_text, pipeline

COMPONENT = "ex_title"


def _title(doc):
    spans = list(doc.spans["title"])
    assert len(spans) <= 1
    if not spans:
        return None
    s = spans[0]
    return s._.fields["text"], s.text


@pytest.mark.parametrize(
    "text,expected",
    [
        # header fields win; the span covers the value, not the label
        ("标 题：甲关于乙的通知\n## 另一个关于丙的通知\n", ("甲关于乙的通知", "甲关于乙的通知")),
        ("名称\t关于禁止生产某产品的公告\n关于禁止生产某产品的公告为履行……", ("关于禁止生产某产品的公告", "关于禁止生产某产品的公告")),
        ("公开事项名称\t国家能源局公告 2026年第3号\n", ("国家能源局公告 2026年第3号", "国家能源局公告 2026年第3号")),
        ("文件名称:国土资源部关于印发《标准》的通知\n", ("国土资源部关于印发《标准》的通知", "国土资源部关于印发《标准》的通知")),
        # a header value wrapped onto the next line (PDF text)
        ("标 题：十部门关于印发《铝产业实施方案（2025—2027年）》\n的通知\n发文字号：工信部联原（2025）62号\n",
         ("十部门关于印发《铝产业实施方案（2025—2027年）》的通知", "十部门关于印发《铝产业实施方案（2025—2027年）》\n的通知")),
        # a markdown heading: '#' stripped, a glued number left out
        ("## 工业和信息化部关于印发《方案》的通知工信部联原（2025）62号\n各省：\n", ("工业和信息化部关于印发《方案》的通知", "工业和信息化部关于印发《方案》的通知")),
        ("# 铝产业高质量发展实施方案（2025—2027年）\n铝是重要的基础原材料。", ("铝产业高质量发展实施方案（2025—2027年）", "铝产业高质量发展实施方案（2025—2027年）")),
        # a title split over two lines is rejoined; the span covers the line break
        ("首页 > 通知\n国家发展改革委、自然资源部、水利部关于印发\n《海水淡化产业发展行动方案》的通知\n发改环资〔2026〕1062号\n各省：",
         ("国家发展改革委、自然资源部、水利部关于印发《海水淡化产业发展行动方案》的通知",
          "国家发展改革委、自然资源部、水利部关于印发\n《海水淡化产业发展行动方案》的通知")),
        # issuer lines and a title over several lines (版头 …文件 and the number stay out)
        ("甲市人民政府办公室文件\n甲府办字（2025）15号\n甲市人民政府办公室\n关于印发甲市钨产业行动计划的通知\n各县人民政府：",
         ("甲市人民政府办公室关于印发甲市钨产业行动计划的通知", "甲市人民政府办公室\n关于印发甲市钨产业行动计划的通知")),
        ("甲省工业和信息化厅 甲省自然资源厅\n关于下达2025年度第一批稀土开采\n总量控制指标的通知\n甲工信字〔2025〕37号\n各设区市：",
         ("甲省工业和信息化厅 甲省自然资源厅关于下达2025年度第一批稀土开采总量控制指标的通知",
          "甲省工业和信息化厅 甲省自然资源厅\n关于下达2025年度第一批稀土开采\n总量控制指标的通知")),
        ("工业和信息化部 国家发展改革委\n商务部 海关总署\n关于印发《铜产业行动方案\n（2025—2027年）》的通知\n各省：",
         ("工业和信息化部 国家发展改革委 商务部 海关总署关于印发《铜产业行动方案（2025—2027年）》的通知",
          "工业和信息化部 国家发展改革委\n商务部 海关总署\n关于印发《铜产业行动方案\n（2025—2027年）》的通知")),
        # a running header with '|' and a '——' subtitle are not the title
        ("有色金属研究 | 铜月报\n供应扰动加剧 铜价中枢有望上移\n——2025年10月铜市场月度报告\n核心观点",
         ("供应扰动加剧 铜价中枢有望上移", "供应扰动加剧 铜价中枢有望上移")),
        # a signature date is not the start of the plan title after it
        ("工业和信息化部\n2025年3月11日\n铝产业实施方案（2025—2027年）\n铝是重要的基础原材料。", ("铝产业实施方案（2025—2027年）", "铝产业实施方案（2025—2027年）")),
        # an issuer-named title line wins over a page title that starts with 关于
        ("关于印发《某方案》的通知(发改环资〔2026〕1062号)\n国家发展改革委关于印发《某方案》的通知\n各省：",
         ("国家发展改革委关于印发《某方案》的通知", "国家发展改革委关于印发《某方案》的通知")),
        # an order (令) takes the title of the text it promulgates, from its heading under the order
        ("中华人民共和国国务院令\n第707号\n现公布修订后的《中华人民共和国个人所得税法实施条例》，自2019年1月1日起施行。\n"
         "总理  李克强\n2018年12月18日\n中华人民共和国个人所得税法实施条例\n（1994年1月28日中华人民共和国国务院令第142号发布）\n"
         "第一条 根据《中华人民共和国个人所得税法》，制定本条例。",
         ("中华人民共和国个人所得税法实施条例", "中华人民共和国个人所得税法实施条例")),
        # … or from the 《》 when the page does not repeat the heading
        ("国家发展和改革委员会令\n第30号\n《某某管理办法》已经委务会议审议通过，现予公布，自2025年1月1日起施行。\n主任  某某\n"
         "2024年12月1日", ("某某管理办法", "某某管理办法")),
        # a news headline with its dateline under it, not a body subheading that ends in 规则
        ("全球铁矿石定价规则再变 钢企迎来高成本时代\n发布时间：2011-02-21\n发布人：滕飞\n必和必拓日前向钢厂发出了最新报价。\n"
         "如何面对新规则\n钢厂需要调整采购策略。",
         ("全球铁矿石定价规则再变 钢企迎来高成本时代", "全球铁矿石定价规则再变 钢企迎来高成本时代")),
        # the page title and chrome above a notice: the notice's own title, with its number under it
        ("关于印发某方案的通知\n时间：2019-02-15 来源：中国政府网 浏览量：1234\n【字号：大 中 小】 打印 关闭\n"
         "国务院办公厅关于印发\n《某方案》的通知\n国办发〔2019〕5号\n各省：",
         ("国务院办公厅关于印发《某方案》的通知", "国务院办公厅关于印发\n《某方案》的通知")),
        # the first line when short and not a sentence
        ("铅市外强内弱 “电荒”引发铅采购减少\n发布时间\t2011-06-10\n", ("铅市外强内弱 “电荒”引发铅采购减少", "铅市外强内弱 “电荒”引发铅采购减少")),
        # no title: a sentence, a numbered heading
        ("上半年,规模以上工业主要能源产品生产均保持同比增长。\n一、原煤生产\n", None),
        ("一、政策核心内容\n山西省自然资源厅于2025年8月10日下发通知。", None),
        ("稀土季度展望：配额收紧预期升温，价格中枢上移\n某某证券研究所 金属组    2026年1月9日\n投资要点\n◆四季度均价上涨。",
         ("稀土季度展望：配额收紧预期升温，价格中枢上移", "稀土季度展望：配额收紧预期升温，价格中枢上移")),
        ("", None),
    ],
)
def test_title_sources(components, text, expected):
    assert _title(components(text, COMPONENT)) == expected


def test_seed_notice_003(seeds_dir, components):
    doc = components(normalized_text(seeds_dir / "notice_003.txt"), COMPONENT)
    assert len(doc.spans["title"]) == 1
    assert _title(doc)[0] == "工业和信息化部等十部门关于印发《铝产业高质量发展实施方案（2025—2027年）》的通知"
    span = doc.spans["title"][0]
    assert not doc.text[span.start_char - 4 : span.start_char].endswith("标 题")  # label left out
    assert doc.text[span.start_char - 1] == "："


CORPUS = {
    "01_nea_coal_mine_intelligent.txt": "国家能源局关于进一步加快煤矿智能化建设促进煤炭高质量发展的通知",
    "02_miit_ndrc_electronics_15th_plan_notice.txt": "工业和信息化部 国家发展改革委关于印发《电子信息制造业发展“十五五”规划》的通知",
    "03_gov_office_sme_payment_arrears.txt": "国务院办公厅关于加强中小企业回款难问题治理有关工作的通知",
    "04_ndrc_nea_oil_gas_15th_plan.txt": "石油天然气发展“十五五”规划",
    "05_mee_hcfc22_ban_announcement.txt": "关于禁止生产以一氯二氟甲烷（HCFC-22）为制冷剂的多联式空调（热泵）机组产品的公告",
    "06_nea_oil_gas_pipeline_open_access_notice.txt": "国家能源局关于印发《油气管网设施公平开放信息公开与报送办法》的通知",
    "07_nea_ordos_coalbed_methane_plan.txt": "国家能源局关于印发《鄂尔多斯盆地东部区域煤层气增储上产行动方案（2026—2030年）》的通知",
    "08_mof_energy_resources_import_tax_measures.txt": "关于“十五五”期间能源资源勘探开发利用进口税收优惠政策管理办法的通知",
    "09_law_mineral_resources_law_2024.txt": "中华人民共和国矿产资源法",
    "10_law_resource_tax_law_2019.txt": "中华人民共和国资源税法",
    "11_reg_dual_use_export_control_2024.txt": "中华人民共和国两用物项出口管制条例",
    "12_reg_mining_right_transfer_measures.txt": "探矿权采矿权转让管理办法",
    "13_ndrc_mnr_mwr_desalination_plan_notice.txt": "国家发展改革委、自然资源部、水利部关于印发《海水淡化产业发展行动方案》的通知",
    "14_gd_tungsten_quota_demand_letter.txt": "广东省国土资源厅关于统计钨矿综合利用指标需求的函",
    "15_nbs_energy_production_2023h1.txt": None,  # the mirror has no title line
    "16_mlr_mineral_reserve_scale_standard_excerpt.txt": "国土资源部关于印发《矿产资源储量规模划分标准》的通知",
    "17_nea_announcement_2026_3_repeal_list.txt": "国家能源局公告 2026年第3号",
    "18_gov_2020_work_report_task_division_excerpt.txt": "国务院关于落实《政府工作报告》重点工作部门分工的意见",
    "19_eb2011_lead_futures_power_shortage.txt": "铅市外强内弱 “电荒”引发铅采购减少",
    "20_eb2011_rebar_futures_short_view.txt": "需求旺季已过 螺纹钢可尝试建立中长期空单",
    "21_eb2011_coke_futures_outlook.txt": "成本支撑及需求减弱 振荡将成焦炭后市主旋律",
    "22_eb2011_copper_inventory_decline.txt": "我国铜库存降低",
    "23_eb2011_jiangxi_rare_earth_output.txt": "江西稀土产量超标 1-4月同比增长30.15%",
    "24_eb2011_lme_copper_chile_supply.txt": "智利供应引发担忧 伦铜周二涨至9540美元",
    "25_eb2011_rare_earth_export_quota.txt": "中国稀土配额公布 西方国家仍不满足",
    "26_eb2011_ten_nonferrous_output_july.txt": "7月全国十种有色金属产量同比增长9.8%",
    "27_100ppi_2024_shfe_copper_daily.txt": None,  # starts with the body sentence
    "28_zgkyb_2024_tungsten_quota_news.txt": "2024年度全国钨矿开采总量控制指标下达",
}


@pytest.fixture(scope="module")
def corpus_docs(corpus_raw_dir):
    return {name: pipeline(COMPONENT)(normalized_text(corpus_raw_dir / name)) for name in CORPUS}


@pytest.mark.parametrize("name", sorted(CORPUS))
def test_corpus_titles(corpus_docs, name):
    got = _title(corpus_docs[name])
    assert (got[0] if got else None) == CORPUS[name]
    if got:
        assert got[1].replace("\n", "") == got[0]
        assert not got[1].startswith("#")


def test_corpus_13_two_line_title_covers_the_break(corpus_docs):
    text, surface = _title(corpus_docs["13_ndrc_mnr_mwr_desalination_plan_notice.txt"])
    assert "\n" in surface and "\n" not in text


@pytest.mark.parametrize("name", ["01_nea_coal_mine_intelligent.txt", "13_ndrc_mnr_mwr_desalination_plan_notice.txt",
                                  "04_ndrc_nea_oil_gas_15th_plan.txt"])
def test_corpus_raw_text_gives_the_same_title(corpus_raw_dir, components, name):
    raw = (corpus_raw_dir / name).read_text(encoding="utf-8")
    assert _title(components(raw, COMPONENT))[0] == CORPUS[name]
