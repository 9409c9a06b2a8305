"""Topicality features of extractor/classify.py and the leave-one-document-out measure;
the kind cases (market commentary vs off-topic news) are in tests/test_classify.py."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractor.classify import _classes, classify, explain, features, model

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
    out = explain("发布时间：2024-04-12\n今年国内电解铝产量达到1050万吨，同比增长4.2%，铝价在每吨19000元附近震荡。")
    assert set(out) == {"policy", "report", "topical"}
    assert 0.5 < out["topical"]["probability"] <= 1.0
    assert out["topical"]["commodity_market"] > 0


def test_leave_one_document_out_over_the_labelled_documents(corpus_raw_dir):
    """The trained classifier (scripts/train_kind.py): every labelled document of the four
    development sets classified by a model trained without it. A development measure, not a
    held-out one: the feature classes and the 0.4 threshold were chosen with these documents
    in view (corpora/holdout, never read here, is where it is measured)."""
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


_PIECES = st.sampled_from(["铜价", "产量", "1500万吨", "68140元/吨", "同比增长5%", "300mm", "发布时间：2024-01-02\n",
                           "免责声明", "第一条 ", "特此通知。", "。", "\n", "铝制散热器", "进口铁矿石", "12000小时"])


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(_PIECES, st.text(max_size=20)), max_size=30))
def test_classify_is_total(parts):
    text = "".join(parts)
    kind, conf = classify(text)
    assert kind in ("policy_notice", "research_report", "other")
    assert 0.5 <= conf <= 0.99
    assert all(math.isfinite(v) and v >= 0 for v in features(text).values())
