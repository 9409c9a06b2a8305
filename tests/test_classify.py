"""Document classification: every corpus document and seed lands in the right kind."""

from __future__ import annotations

import pytest

from extractor.classify import classify, explain
from extractor.ingest import ingest
from extractor.normalize import normalize

# 15 is a government statistics release (国家统计局 能源生产情况): no directive
# language, no document number, no addressee; its content is numeric observations,
# which the research-report pipeline extracts. See docs/classification.md.
EXPECTED = {n: "policy_notice" for n in [*range(1, 15), 16, 17, 18]}
EXPECTED[15] = "research_report"
EXPECTED.update({n: "research_report" for n in range(19, 29)})


def _text(path) -> str:
    return normalize(ingest(str(path))).text


def test_corpus_has_the_expected_files(corpus_raw_dir):
    nums = sorted(int(p.name[:2]) for p in corpus_raw_dir.glob("*.txt"))
    assert nums == sorted(EXPECTED)


@pytest.mark.parametrize("num", sorted(EXPECTED))
def test_corpus_document_kind(corpus_raw_dir, num):
    (path,) = corpus_raw_dir.glob(f"{num:02d}_*.txt")
    kind, conf = classify(_text(path))
    assert kind == EXPECTED[num], explain(_text(path))
    assert 0.5 <= conf <= 1.0
    assert conf >= 0.8, (conf, explain(_text(path)))


@pytest.mark.parametrize(
    "name,kind",
    [("seeds/report_000.txt", "research_report"), ("seeds/notice_003.txt", "policy_notice"),
     ("report_source.txt", "research_report"), ("report_table_source.txt", "research_report"),
     ("notice_source.txt", "policy_notice")],
)
def test_samples_kind(samples_dir, name, kind):
    got, conf = classify(_text(samples_dir / name))
    assert got == kind
    assert conf >= 0.9


TOPIC_BYLINE = "发布时间：2024-04-12\n发布人：\n"

CASES = [
    # (text, kind)
    ("国家能源局关于加快煤矿智能化建设的通知\n国能发煤炭〔2024〕38号\n各省、自治区、直辖市能源局：\n现将有关事项通知如下。\n特此通知。", "policy_notice"),
    ("第一条 为了规范管理，制定本办法。\n第二条 本办法所称矿业权……\n第三条 ……", "policy_notice"),
    ("沪铜主力合约收于68140元/吨，LME铜库存下降。分析师认为铜价有望反弹，持仓增加。\n发布时间\t2011-05-31", "research_report"),
    ("短期：供给冲击≈0。中期：供应将收缩。本文仅供参考，不构成投资建议。华鑫期货研究所", "research_report"),
    ("今天天气很好。", "other"),
    ("", "other"),
    # topicality: commentary on commodity/industry market economics vs off-topic news
    # market economics: output, prices, capacity, demand of a commodity
    (TOPIC_BYLINE + "今年一季度国内电解铝产量达到1050万吨，同比增长4.2%。由于电价上涨，铝冶炼成本抬升，"
     "铝价在每吨19000元附近震荡。", "research_report"),
    (TOPIC_BYLINE + "锂盐企业扩产加快，碳酸锂产能预计明年将超过80万吨，需求增速放缓，价格已从高位回落三成。",
     "research_report"),
    (TOPIC_BYLINE + "某光伏企业拟以3.2亿元转让其持有的子公司35%股权。子公司主要生产多晶硅和硅片，年产能2万吨，去年亏损。",
     "research_report"),
    # off-topic: a product's specifications, a speech, a consumer item
    (TOPIC_BYLINE + "新款铝合金门窗采用断桥隔热设计，型材厚度1.4mm，玻璃间隔12mm，使用寿命可达30年，安装时请注意密封胶的选择。",
     "other"),
    (TOPIC_BYLINE + "尊敬的各位来宾，大家上午好。首先我代表协会对本届展览会的召开表示热烈祝贺，感谢各位朋友长期以来的支持。",
     "other"),
    (TOPIC_BYLINE + "这款不锈钢保温杯内胆采用304钢材，容量500毫升，保温时间12小时，外观简洁，适合办公室使用。", "other"),
    # an incident or a household quotes a commodity below the scale of a market; output does not
    (TOPIC_BYLINE + "某河段一条输油管破裂，约300桶原油漏入河中，清污船每天回收不到5桶，附近村民暂时撤离。", "other"),
    (TOPIC_BYLINE + "一户人家的采暖炉每天运行6小时，耗气约12立方米，一个冬天花费两千多元。", "other"),
    (TOPIC_BYLINE + "今年采暖季全市天然气消费量约3亿立方米，同比增长8%。", "research_report"),
]


@pytest.mark.parametrize("text,kind", CASES)
def test_classify_cases(text, kind):
    got, conf = classify(text)
    assert got == kind, explain(text)
    assert 0.5 <= conf <= 1.0


def test_cited_notice_title_is_not_a_policy_title():
    # a 《关于…的通知》 citation inside commentary does not make it a notice
    text = "发布时间\t2011-06-01\n笔者认为螺纹钢期货或将下跌。去年国务院发布《关于坚决遏制部分城市房价过快上涨的通知》。"
    assert classify(text)[0] == "research_report"


@pytest.mark.parametrize(
    "name,kind",
    [("notice_simple.pdf", "policy_notice"), ("notice_two_column.pdf", "policy_notice"),
     ("notice_embedded_font.pdf", "policy_notice"), ("notice_libreoffice.pdf", "policy_notice"),
     ("report_simple.pdf", "research_report"), ("report_header_footer.pdf", "research_report"),
     ("report_table.pdf", "research_report")],
)
def test_sample_pdfs_kind(samples_dir, name, kind):
    from extractor.ingest import IngestOptions

    text = normalize(ingest(str(samples_dir / name), options=IngestOptions(ocr=False))).text
    got, conf = classify(text)
    assert got == kind and conf >= 0.9
