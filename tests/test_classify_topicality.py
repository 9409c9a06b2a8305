"""Topicality: commodity/industry market commentary is research_report, off-topic
industry news (a product, a speech) is other. Texts are written for this test."""

from __future__ import annotations

import math

import pytest

from extractor.classify import _classes, classify, explain, features, model

BYLINE = "发布时间：2024-04-12\n发布人：\n"

CASES = [
    # market economics: output, prices, capacity, demand of a commodity
    (BYLINE + "今年一季度国内电解铝产量达到1050万吨，同比增长4.2%。由于电价上涨，铝冶炼成本抬升，"
     "铝价在每吨19000元附近震荡。", "research_report"),
    (BYLINE + "锂盐企业扩产加快，碳酸锂产能预计明年将超过80万吨，需求增速放缓，价格已从高位回落三成。",
     "research_report"),
    (BYLINE + "某光伏企业拟以3.2亿元转让其持有的子公司35%股权。子公司主要生产多晶硅和硅片，年产能2万吨，去年亏损。",
     "research_report"),
    # off-topic: a product's specifications, a speech, a consumer item
    (BYLINE + "新款铝合金门窗采用断桥隔热设计，型材厚度1.4mm，玻璃间隔12mm，使用寿命可达30年，安装时请注意密封胶的选择。",
     "other"),
    (BYLINE + "尊敬的各位来宾，大家上午好。首先我代表协会对本届展览会的召开表示热烈祝贺，感谢各位朋友长期以来的支持。",
     "other"),
    (BYLINE + "这款不锈钢保温杯内胆采用304钢材，容量500毫升，保温时间12小时，外观简洁，适合办公室使用。", "other"),
    # a broker's note with an investment disclaimer is research whatever it is about
    ("短期：供给冲击有限。本文仅供参考，不构成投资建议。某某期货研究所", "research_report"),
]


@pytest.mark.parametrize("text,kind", CASES)
def test_topicality(text, kind):
    got, conf = classify(text)
    assert got == kind, explain(text)
    assert 0.5 <= conf <= 0.99


# (text, feature that must be positive)
EXAMPLES = [
    ("国内粗钢产量达到7亿吨。", "market_qty"),
    ("天然气产量达到295亿立方米。", "market_qty"),
    ("沪铜收于68140元/吨。", "price_qty"),
    ("原油价格升至每桶80美元，即80美元/桶。", "price_qty"),
    ("拟以6344.78万元的价格转让。", "money_qty"),
    ("同比增长81%。", "pct_qty"),
    ("规格为300mm，寿命12000小时。", "spec_qty"),
    ("近期铜价走高。", "commodity_market"),
    ("钢铁产能严重过剩。", "commodity_market"),
    ("我国进口铁矿石增加。", "commodity_market"),
    ("产能与需求同时下降，库存上涨。", "econ_density"),
]


@pytest.mark.parametrize("text,feature", EXAMPLES)
def test_feature_examples(text, feature):
    assert features(text)[feature] > 0, features(text)


def test_a_material_is_no_market():
    # a mineral named as a product's material is not a market mention
    assert features("铝合金集成吊顶，采用压铸铝散热器。")["commodity_market"] == 0


def test_model_and_features_agree():
    weights, intercept = model()
    assert set(weights) == set(features("铜价上涨。"))
    assert math.isfinite(intercept)
    for cls in ("economics", "market_after", "market_before", "commodity_unit", "money_unit",
                "share_unit", "spec_unit"):
        assert _classes()[cls], cls


def test_explain_lists_the_topical_contributions():
    out = explain(CASES[0][0])
    assert set(out) == {"policy", "report", "topical"}
    assert 0.5 < out["topical"]["probability"] <= 1.0
    assert out["topical"]["commodity_market"] > 0


def test_leave_one_document_out_over_the_labelled_documents(corpus_raw_dir):
    """The honest measure of the trained classifier (scripts/train_kind.py): every labelled
    document of the four development sets classified by a model trained without it."""
    import importlib.util

    from extractor.evaluate.corpus import ROOT

    spec = importlib.util.spec_from_file_location("train_kind", ROOT / "scripts" / "train_kind.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    results = mod.leave_one_out(mod.documents())
    assert len(results) >= 130
    wrong = [r for r in results if r[1] != r[2]]
    assert len(wrong) / len(results) <= 0.05, wrong
    # a research report lost to `other` loses its statistics: none may be
    assert not [r for r in wrong if r[1] == "research_report"], wrong
