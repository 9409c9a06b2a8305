"""Document kind from the content: policy_notice, research_report or other.

A transparent linear score over cue features; `classify` returns (kind, confidence).

Each cue is (name, pattern, weight, cap): the cue contributes `weight * min(count, cap)`
(cap 1 = presence only). Policy cues look for what an official document is made of
(a header block, its own document number, a 关于…的通知 title, articles 第N条, closing
formulas, the addressee list). Report cues look for what commentary and research are
made of (a broker or research institute, a byline or source line, prices and trading
vocabulary, forecasts and 同比 statistics, a disclaimer).

Confidence is a logistic function of the margin between the two scores, damped when
the winning score itself is weak. `explain(text)` returns the cues that fired, for
debugging and for docs/classification.md.

A government statistics release (国家统计局 …能源生产情况, corpus file 15) is classified
`research_report`: it has no directive language, no document number and no addressee,
and its content is numeric observations (period, value, unit, 同比), which is exactly
what the research-report pipeline extracts (statistics, regions, figures).

Topicality (second step, for everything that is not a policy notice): commentary about
commodity or industry market economics is `research_report`, off-topic industry news
(a product, a piece of equipment, a speech) is `other`. A logistic model over a few
interpretable features decides: the report-cue score above, and features read with the
grammars the pipeline already has (`find_minerals`, `find_quantities`) and the word and
unit classes of `data/kind_features.tsv`: commodity-unit quantities (万吨, 亿立方米),
prices (元/吨), money and percentage figures, market-economics vocabulary per 1000
characters, mineral mentions used as a market (铜价, 钢铁产能, 进口铁矿石), and product-
specification quantities (300mm, 12000小时; negative weight). The weights are trained by
`scripts/train_kind.py` on the labelled documents and shipped as `data/kind_model.tsv`;
that script prints the leave-one-document-out accuracy (docs/classification.md).
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass

from functools import lru_cache

from extractor.gazetteers import doc_type_pattern, read_tsv
from extractor.grammars.quantity import find_quantities
from extractor.minerals import find_minerals

HEAD_CHARS = 400  # where a title or a header block is looked for


@dataclass(frozen=True)
class Cue:
    name: str
    pattern: re.Pattern[str]
    weight: float
    cap: int = 1
    head_only: bool = False  # only count matches in the first HEAD_CHARS characters


def _c(name: str, pattern: str, weight: float, cap: int = 1, head_only: bool = False) -> Cue:
    return Cue(name, re.compile(pattern, re.M), weight, cap, head_only)


_DOCNO = r"[\u4e00-\u9fff]{1,10}[〔\[［【﹝]\s*(?:19|20)\d{2}\s*[〕\]］】﹞]\s*\d+\s*号"

POLICY_CUES: list[Cue] = [
    _c("header_block", r"^(发文字号|发文机关|成文日期|索引号|主题分类|公文种类|发布机关|文号|制发日期|主办单位)\s", 3.0),
    _c("own_doc_number", _DOCNO, 2.5, head_only=True),
    _c("doc_number", _DOCNO, 0.5, cap=2),
    _c("order_number", r"令第[一二三四五六七八九十百零〇\d]+号|公告\s*(?:19|20)\d{2}年\s*第\s*\d+\s*号", 2.0, head_only=True),
    # a title 关于…的通知 at the top, not a 《》 citation in the body
    _c("notice_title", r"(?<![《〈])关于[^。\n《》]{2,80}的" + doc_type_pattern("notice_title"), 2.5, head_only=True),
    _c("transmittal", r"印发给你们|请结合实际|认真贯彻执行|抓好落实|特此通知|特此公告|特此函告|现予公布|现予印发|抄送", 2.0, cap=2),
    _c("articles", r"^第[一二三四五六七八九十百零〇]+条", 1.0, cap=4),
    _c("chapters", r"^第[一二三四五六七八九十]+章", 1.0, cap=2),
    _c("addressees", r"各省、自治区、直辖市|各有关(单位|部门|企业)|各(中央)?企业[，,:：]|有关中央企业|^各[^\n]{1,30}(部门|单位|政府|厅|局)[:：]", 1.5),
    _c("plan_title", r"^[^\n]{2,40}(规划|行动方案|实施方案|工作方案|管理办法)\s*$|制定本(规划|方案|办法)", 2.0, head_only=True),
    _c("policy_verbs", r"(坚持|加快|推进|推动|强化|健全|深化|统筹)[\u4e00-\u9fff]{2,}", 0.25, cap=8),
    _c("plan_structure", r"专栏\s*\d|重点任务|保障措施|组织实施|指导思想|基本原则|主要目标|发展目标", 1.0, cap=3),
    _c("target_year", r"到20\d{2}年(底|末)?[，,]", 0.75, cap=2),
    _c("directives", r"(要|应当|必须|严禁|不得)(严格|加强|加快|切实|认真|按照|依法|进一步)", 0.5, cap=4),
    _c("legal", r"本(办法|规定|条例|法|通知|标准)(自|所称|由)", 1.5),
]

REPORT_CUES: list[Cue] = [
    _c("research_institution", r"期货(公司|研究所|研究院)?|证券|研究所|研究院|研究中心|资讯|研报", 1.0, cap=2),
    _c("disclaimer", r"免责声明|不构成(任何)?投资建议|仅供参考|投资者据此|风险自负", 2.5),
    _c("byline", r"^(发布时间|发布人)[\s:：]|本报记者|文章来源|记者[^\n]{0,6}(采访|表示|了解)|^[^\n]{0,20}\d{4}[.\-/]\d{1,2}[.\-/]\d{1,2}\s*[\u4e00-\u9fff]{2,8}报\s*$", 2.5),
    _c("analyst", r"分析师|研究员|笔者|经济学家|我们认为|据了解|业内人士", 1.0, cap=3),
    _c("market", r"(美)?元/(吨|公斤|千克)|每吨\d|LME|COMEX|[沪伦连]\s*[铜铝锌铅镍锡焦]|主力(合约)?|持仓|成交量|升水|贴水|期价|现货|合约", 1.0, cap=4),
    _c("outlook", r"预计|有望|或将|走势|行情|反弹|震荡|看多|看空|唱多|利多|利空|后市", 0.75, cap=4),
    _c("horizon", r"(短期|中期|长期|中长期)[：:，,]", 1.5),
    _c("statistics", r"同比(增长|下降|增加|减少|上涨|下跌)?\s*-?\d|环比", 0.5, cap=6),
    _c("data_source", r"数据来源|资料来源|数据显示", 0.75, cap=2),
    _c("reported_policy", r"(通知|意见|文件)(明确|要求|提出|指出|显示)|近日(发出|下发|印发|发布)", 1.5),
    _c("figures", r"^\s*图\s*\d+", 1.0),
    # a statistics release: definitions and scope notes after the figures
    _c("stats_release", r"^附注\s*$|指标解释|统计范围|统计口径|规模以上工业", 1.0, cap=2),
]

OTHER_BELOW = 2.0  # a policy score under this is no policy notice


def _count(cue: Cue, text: str) -> int:
    hay = text[:HEAD_CHARS] if cue.head_only else text
    n = 0
    for _ in cue.pattern.finditer(hay):
        n += 1
        if n >= cue.cap:
            break
    return n


def _fired(text: str, cues: list[Cue]) -> dict[str, float]:
    out = {}
    for cue in cues:
        n = _count(cue, text)
        if n:
            out[cue.name] = cue.weight * n
    return out


def scores(text: str) -> tuple[float, float]:
    head = text[:20000]
    return sum(_fired(head, POLICY_CUES).values()), sum(_fired(head, REPORT_CUES).values())


# ---- topicality: commodity/industry market economics vs off-topic news ----------------

# The topicality probability from which a text is a research_report. Below 0.5 on purpose:
# a report called `other` loses its statistics, forecasts and institutions, while an
# off-topic piece called a report only gains a few spurious figures.
REPORT_FROM = 0.4
REPORT_SCORE_CAP = 12.0
# topicality is read from the start of a text: a commentary shows its subject early, and the
# quantity grammar costs ~1 ms per 1000 characters (the pipeline runs it again on everything)
TOPIC_CHARS = 6000  # the report-cue score enters the model as min(r, cap) / 4


@lru_cache(maxsize=1)
def _classes() -> dict[str, tuple[str, ...]]:
    out: dict[str, list[str]] = {}
    for row in read_tsv("kind_features.tsv"):
        out.setdefault(row["class"], []).append(row["term"])
    return {k: tuple(sorted(v, key=len, reverse=True)) for k, v in out.items()}


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    c = _classes()
    alt = lambda terms: "|".join(map(re.escape, terms))  # noqa: E731
    return (
        re.compile(alt(c["economics"])),
        re.compile(rf"的?(?:{alt(c['market_after'])})"),  # used with .match(text, pos)
        re.compile(rf"(?:{alt(c['market_before'])})$"),
    )


@lru_cache(maxsize=1)
def model() -> tuple[dict[str, float], float]:
    """(feature -> weight, intercept) from data/kind_model.tsv."""
    weights = {row["feature"]: float(row["weight"]) for row in read_tsv("kind_model.tsv")}
    return weights, weights.pop("intercept")


def features(text: str, report_score: float | None = None) -> dict[str, float]:
    """The topicality features of a text (names as in data/kind_model.tsv), read from its
    first TOPIC_CHARS characters."""
    head = text[:TOPIC_CHARS]
    size = max(len(head), 1)
    c = _classes()
    econ, after, before = _patterns()
    commodity, money, share, spec = (set(c[k]) for k in ("commodity_unit", "money_unit", "share_unit", "spec_unit"))
    counts = dict.fromkeys(("market_qty", "price_qty", "money_qty", "pct_qty", "spec_qty"), 0)
    for q in find_quantities(head):
        unit = q.normalized_unit or ""
        num, _, den = unit.partition("/")
        if num in commodity:
            counts["market_qty"] += 1
        elif num in money and den in commodity:
            counts["price_qty"] += 1
        elif unit in money:
            counts["money_qty"] += 1
        elif unit in share:
            counts["pct_qty"] += 1
        elif num in spec or den in spec:
            counts["spec_qty"] += 1
    market_mentions = sum(
        1 for m in find_minerals(head)
        if after.match(head, m.end, m.end + 4) or before.search(head, max(0, m.start - 3), m.start)
    )
    if report_score is None:
        report_score = scores(text)[1]
    out = {"report_cues": min(report_score, REPORT_SCORE_CAP) / 4}
    out.update({k: math.log1p(v) for k, v in counts.items()})
    out["econ_density"] = math.log1p(1000 * len(econ.findall(head)) / size)
    out["commodity_market"] = math.log1p(market_mentions)
    return out


def _topical(feats: dict[str, float]) -> tuple[float, dict[str, float]]:
    weights, intercept = model()
    contrib = {k: round(weights[k] * v, 3) for k, v in feats.items() if k in weights and v}
    z = intercept + sum(weights[k] * v for k, v in feats.items() if k in weights)
    return 1 / (1 + math.exp(-z)), contrib


def explain(text: str) -> dict[str, dict[str, float]]:
    head = text[:20000]
    r = _fired(head, REPORT_CUES)
    prob, contrib = _topical(features(text, sum(r.values())))
    return {"policy": _fired(head, POLICY_CUES), "report": r,
            "topical": {**contrib, "probability": round(prob, 3)}}


def _margin_confidence(p: float, r: float) -> float:
    top = max(p, r)
    margin = abs(p - r)
    conf = 1 / (1 + math.exp(-margin / 2.0))  # margin 0 -> 0.5, 4 -> 0.88, 8 -> 0.98
    return conf * min(1.0, 0.7 + 0.3 * top / 6.0)  # a weak winner is less certain


def decide(p: float, r: float, topical: Callable[[], float], research_note: bool = False) -> tuple[str, float]:
    """The decision from the two cue scores and the topicality probability (called only
    when the text is not a policy notice). `research_note`: the text carries an investment
    disclaimer (the `disclaimer` cue), which only broker and futures research prints; such a
    note is a research report whatever its topicality features say."""
    if p >= OTHER_BELOW and p >= r:
        return "policy_notice", round(max(0.5, min(_margin_confidence(p, r), 0.99)), 3)
    prob = max(topical(), REPORT_FROM) if research_note else topical()
    if prob < REPORT_FROM:
        return "other", round(max(0.5, min(1 - prob, 0.99)), 3)
    conf = prob if p < OTHER_BELOW else min(prob, _margin_confidence(p, r))
    return "research_report", round(max(0.5, min(conf, 0.99)), 3)


def classify(text: str) -> tuple[str, float]:
    """(kind, confidence) with kind in policy_notice, research_report, other.

    A policy notice when its cue score reaches OTHER_BELOW and beats the report score;
    otherwise the topicality model decides between research_report and other."""
    head = text[:20000]
    p = sum(_fired(head, POLICY_CUES).values())
    report = _fired(head, REPORT_CUES)
    r = sum(report.values())
    return decide(p, r, lambda: _topical(features(text, r))[0], research_note="disclaimer" in report)
