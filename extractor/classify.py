"""Document kind from the content: policy_notice, research_report or other.

An interpretation of the mention layer: `classify_doc(doc)` reads a Doc on which the shared
mention components have run (`extractor.pipelines.mentions`; `extract()` then runs the
kind's interpretation components on the same Doc) and returns (kind, confidence).
`classify(text)` does both for a plain text (tests, tools).

Genre (first step): a transparent linear score over cues. Each cue is (name, what it counts,
weight, cap): the cue contributes `weight * min(count, cap)` (cap 1 = presence only). A cue
over something the shared mention layer finds counts its spans (`_s` cues): document numbers
(`doc_number_mentions`: a standard number 代字〔年〕号 in the head `own_doc_number` and anywhere
`doc_number`, a 令/公告 number in the head `order_number`), articles and chapters (`sections`:
a 第N条 / 第N章 heading opening its line) and target years (`date_mentions`: 到2030年，). The
other cues are patterns over `doc._.text` (its first 20000 characters): header fields, titles,
formulas and vocabulary that no mention family holds. The spans read are these three and,
for topicality, `quantities`.
Policy cues look for what an official document is made of (a header block, its own
document number, a 关于…的通知 title, articles 第N条, closing formulas, the addressee list).
Report cues look for what commentary and research are made of (a broker or research
institute, a byline or source line, prices and trading vocabulary, forecasts and 同比
statistics, a disclaimer). Confidence is a logistic function of the margin between the two
scores, damped when the winning score itself is weak. `explain_doc(doc)` / `explain(text)`
return the cues that fired and the topicality contributions, for debugging and for
docs/classification.md.

A government statistics release (国家统计局 …能源生产情况, corpus file 15) is classified
`research_report`: it has no directive language, no document number and no addressee,
and its content is numeric observations (period, value, unit, 同比), which is exactly
what the research-report pipeline extracts (statistics, regions, figures).

Topicality (second step, for everything that is not a policy notice): commentary about
commodity or industry market economics is `research_report`, off-topic industry news
(a product, a piece of equipment, a speech, a company story, an incident) is `other`. A
logistic model over three interpretable features decides: the report-cue score above, and
the document's quantity spans counted by the unit classes of `data/kind_features.tsv`:
amounts of a commodity at the scale of a market (1500万吨, 295亿立方米, 30万千瓦: output,
trade, stock and capacity figures; a household's 14立方米 or a boiler's 24千瓦 is below the
unit's `scale`) and product specifications (300mm, 12000小时; negative weight). No mineral
word enters the decision. The weights are trained by `scripts/train_kind.py` on the labelled
documents and shipped as `data/kind_model.tsv`; that script prints the leave-one-document-out
accuracy and the calibrated threshold REPORT_FROM (docs/classification.md).
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass

from functools import lru_cache
from typing import TYPE_CHECKING, Any

from extractor.gazetteers import doc_type_pattern, read_tsv

if TYPE_CHECKING:  # spaCy is imported by the pipelines, not by `import extractor` (ingestion stays free of it)
    from spacy.tokens import Doc

HEAD_CHARS = 400  # where a title or a header block is looked for


@dataclass(frozen=True)
class Cue:
    """A cue: the matches of `pattern` in the text, or (`spans` set) the mention spans of that
    family whose record `keep(record, text)` accepts (`text`: the part of the text read)."""

    name: str
    pattern: re.Pattern[str] | None
    weight: float
    cap: int = 1
    head_only: bool = False  # only count matches (spans) inside the first HEAD_CHARS characters
    spans: str | None = None
    keep: Callable[[Any, str], bool] | None = None


def _c(name: str, pattern: str, weight: float, cap: int = 1, head_only: bool = False) -> Cue:
    return Cue(name, re.compile(pattern, re.M), weight, cap, head_only)


def _s(name: str, spans: str, keep: Callable[[Any, str], bool], weight: float, cap: int = 1,
       head_only: bool = False) -> Cue:
    return Cue(name, None, weight, cap, head_only, spans, keep)


def _number(families: str) -> Callable[[Any, str], bool]:
    """A `doc_number_mentions` record of one of `families` (grammars/doc_number) inside the text read."""
    wanted = frozenset(families.split())
    return lambda r, text: r.family in wanted and r.end <= len(text)


_TARGET_YEAR = re.compile(r"20\d{2}年[底末]?")


def _target_year(r: Any, text: str) -> bool:
    """A `date_mentions` record that is a year (its end: 底/末) after 到 and before a comma:
    到2030年，到2030年底，"""
    return (0 < r.start and r.end < len(text) and text[r.start - 1] == "到" and text[r.end] in "，,"
            and _TARGET_YEAR.fullmatch(text, r.start, r.end) is not None)


def _heading(kind: str) -> Callable[[Any, str], bool]:
    """A `sections` record of `kind` (grammars/sections: article 第N条, chapter 第N章) that opens
    its line and is numbered in Chinese numerals, inside the text read."""
    def keep(r: Any, text: str) -> bool:
        return (r.kind == kind and (r.start == 0 or text[r.start - 1] == "\n")
                and r.start + len(r.label) <= len(text) and not any(ch.isdigit() for ch in r.number))
    return keep


POLICY_CUES: list[Cue] = [
    _c("header_block", r"^(发文字号|发文机关|成文日期|索引号|主题分类|公文种类|发布机关|文号|制发日期|主办单位)\s", 3.0),
    # the document's own number 代字〔年〕号 in the head; numbers (own or cited) anywhere
    _s("own_doc_number", "doc_number_mentions", _number("standard"), 2.5, head_only=True),
    _s("doc_number", "doc_number_mentions", _number("standard"), 0.5, cap=2),
    _s("order_number", "doc_number_mentions", _number("order announcement"), 2.0, head_only=True),
    # a title 关于…的通知 at the top, not a 《》 citation in the body
    _c("notice_title", r"(?<![《〈])关于[^。\n《》]{2,80}的" + doc_type_pattern("notice_title"), 2.5, head_only=True),
    _c("transmittal", r"印发给你们|请结合实际|认真贯彻执行|抓好落实|特此通知|特此公告|特此函告|现予公布|现予印发|抄送", 2.0, cap=2),
    _s("articles", "sections", _heading("article"), 1.0, cap=4),
    _s("chapters", "sections", _heading("chapter"), 1.0, cap=2),
    _c("addressees", r"各省、自治区、直辖市|各有关(单位|部门|企业)|各(中央)?企业[，,:：]|有关中央企业|^各[^\n]{1,30}(部门|单位|政府|厅|局)[:：]", 1.5),
    _c("plan_title", r"^[^\n]{2,40}(规划|行动方案|实施方案|工作方案|管理办法)\s*$|制定本(规划|方案|办法)", 2.0, head_only=True),
    _c("policy_verbs", r"(坚持|加快|推进|推动|强化|健全|深化|统筹)[\u4e00-\u9fff]{2,}", 0.25, cap=8),
    _c("plan_structure", r"专栏\s*\d|重点任务|保障措施|组织实施|指导思想|基本原则|主要目标|发展目标", 1.0, cap=3),
    _s("target_year", "date_mentions", _target_year, 0.75, cap=2),
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


SCAN_CHARS = 20000  # the cues read the first SCAN_CHARS characters


def _count(cue: Cue, text: str, doc: Doc | None) -> int:
    """Matches of `cue` in `text` (the part read: its first HEAD_CHARS characters for a head
    cue), at most its cap; a span cue counts the records of `doc`'s spans its `keep` accepts."""
    hay = text[:HEAD_CHARS] if cue.head_only else text
    if cue.spans is not None:
        from extractor.pipelines.base import records

        found = (r for r in (records(doc, cue.spans) if doc is not None else ()) if cue.keep(r, hay))
    else:
        found = cue.pattern.finditer(hay)
    n = 0
    for _ in found:
        n += 1
        if n >= cue.cap:
            break
    return n


def _fired(text: str, cues: list[Cue], doc: Doc | None = None) -> dict[str, float]:
    out = {}
    for cue in cues:
        n = _count(cue, text, doc)
        if n:
            out[cue.name] = cue.weight * n
    return out


def _report_score(text: str) -> float:
    """The report-cue score of a text (REPORT_CUES are all text patterns)."""
    return sum(_fired(text[:SCAN_CHARS], REPORT_CUES).values())


# ---- topicality: commodity/industry market economics vs off-topic news ----------------

# The topicality probability from which a text is a research_report: calibrated by
# scripts/train_kind.py on the left-out probabilities (the midpoint of the widest gap with the
# fewest errors, a report lost to `other` counting double: it loses its statistics, forecasts
# and institutions, while an off-topic piece called a report only gains a few spurious
# figures). Last run: highest `other` 0.431, lowest report 0.549, none within 0.05.
REPORT_FROM = 0.49
REPORT_SCORE_CAP = 12.0  # the report-cue score enters the model as min(r, cap) / 4


@lru_cache(maxsize=1)
def _classes() -> dict[str, frozenset[str]]:
    out: dict[str, set[str]] = {}
    for row in read_tsv("kind_features.tsv"):
        out.setdefault(row["class"], set()).add(row["term"])
    return {k: frozenset(v) for k, v in out.items()}


@lru_cache(maxsize=1)
def _scales() -> dict[str, float]:
    """commodity unit -> the smallest amount counted as market-scale (column `scale`)."""
    return {row["term"]: float(row["scale"]) for row in read_tsv("kind_features.tsv")
            if row["class"] == "commodity_unit"}


@lru_cache(maxsize=1)
def model() -> tuple[dict[str, float], float]:
    """(feature -> weight, intercept) from data/kind_model.tsv."""
    weights = {row["feature"]: float(row["weight"]) for row in read_tsv("kind_model.tsv")}
    return weights, weights.pop("intercept")


def _quantity_class(unit: str, value: float | None, c: dict[str, frozenset[str]],
                    scales: dict[str, float]) -> str | None:
    """`market` for an amount of a commodity at the scale of a market (1500万吨, 295亿立方米,
    8000亿千瓦时, 万吨/年: at least the unit's `scale`), `spec` for a product specification
    (300mm, 平方米, 12000小时, kV), else None (a household's 14立方米, money, shares);
    `unit` a normalised unit, `value` the normalised value (of a range, its top)."""
    num, _, den = unit.partition("/")
    if num in c["commodity_unit"]:
        return "market" if value is not None and value >= scales[num] else None
    if num in c["spec_unit"] or den in c["spec_unit"]:
        return "spec"
    return None


def features(doc: Doc, report_score: float | None = None) -> dict[str, float]:
    """The topicality features of a Doc (names as in data/kind_model.tsv): the report-cue
    score and the quantities of its `quantities` spans, counted by unit class: amounts of a
    commodity at the scale of a market (what output, trade, stock and capacity figures are
    given in; the unit's `scale` in data/kind_features.tsv) and product specifications (what
    a piece about a product or a piece of equipment quotes; negative weight)."""
    from extractor.pipelines.base import records

    c, scales = _classes(), _scales()
    counts = {"market": 0, "spec": 0}
    for q in records(doc, "quantities"):
        top = q.normalized_value_max if q.normalized_value_max is not None else q.normalized_value
        cls = _quantity_class(q.normalized_unit or "", top, c, scales)
        if cls is not None:
            counts[cls] += 1
    if report_score is None:
        report_score = _report_score(doc._.text)
    return {
        "report_cues": min(report_score, REPORT_SCORE_CAP) / 4,
        "market_qty": math.log1p(counts["market"]),
        "spec_qty": math.log1p(counts["spec"]),
    }


def _topical(feats: dict[str, float]) -> tuple[float, dict[str, float]]:
    weights, intercept = model()
    contrib = {k: round(weights[k] * v, 3) for k, v in feats.items() if k in weights and v}
    z = intercept + sum(weights[k] * v for k, v in feats.items() if k in weights)
    return 1 / (1 + math.exp(-z)), contrib


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


def _cues(doc: Doc) -> tuple[dict[str, float], dict[str, float]]:
    """The policy and report cues that fired: text patterns over the first SCAN_CHARS
    characters of `doc._.text`, span cues over the spans they name (POLICY_CUES)."""
    head = doc._.text[:SCAN_CHARS]
    return _fired(head, POLICY_CUES, doc), _fired(head, REPORT_CUES, doc)


def classify_doc(doc: Doc) -> tuple[str, float]:
    """(kind, confidence) of a Doc whose mention layer has run (`pipelines.mentions`), kind in
    policy_notice, research_report, other.

    Reads `doc._.text` (the text cues), the `doc_number_mentions`, `sections` and
    `date_mentions` spans (the span cues) and, when the text is no policy notice, the
    `quantities` spans (topicality). A
    policy notice when its cue score reaches OTHER_BELOW and beats the report score;
    otherwise the topicality model decides between research_report and other."""
    policy, report = _cues(doc)
    p, r = sum(policy.values()), sum(report.values())
    return decide(p, r, lambda: _topical(features(doc, r))[0], research_note="disclaimer" in report)


def explain_doc(doc: Doc) -> dict[str, dict[str, float]]:
    """The cues that fired and each topicality feature's contribution (with the probability)."""
    policy, report = _cues(doc)
    prob, contrib = _topical(features(doc, sum(report.values())))
    return {"policy": policy, "report": report, "topical": {**contrib, "probability": round(prob, 3)}}


def _doc(text: str) -> Doc:
    from extractor.pipelines import mentions

    return mentions(text)


def classify(text: str) -> tuple[str, float]:
    """`classify_doc` of a plain text (its mention layer run first)."""
    return classify_doc(_doc(text))


def explain(text: str) -> dict[str, dict[str, float]]:
    """`explain_doc` of a plain text, for debugging and docs/classification.md."""
    return explain_doc(_doc(text))
