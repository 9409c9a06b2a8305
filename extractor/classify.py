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
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from extractor.gazetteers import doc_type_pattern

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
    _c("byline", r"^(发布时间|发布人)\s|本报记者|文章来源|记者[^\n]{0,6}(采访|表示|了解)|^[^\n]{0,20}\d{4}[.\-/]\d{1,2}[.\-/]\d{1,2}\s*[\u4e00-\u9fff]{2,8}报\s*$", 2.5),
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

OTHER_BELOW = 2.0  # both scores under this: "other"


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


def explain(text: str) -> dict[str, dict[str, float]]:
    head = text[:20000]
    return {"policy": _fired(head, POLICY_CUES), "report": _fired(head, REPORT_CUES)}


def classify(text: str) -> tuple[str, float]:
    """(kind, confidence) with kind in policy_notice, research_report, other."""
    p, r = scores(text)
    top = max(p, r)
    if top < OTHER_BELOW:
        # little evidence either way: "other", more confident the less there is
        return "other", round(0.5 + 0.4 * (1 - top / OTHER_BELOW), 3)
    margin = abs(p - r)
    conf = 1 / (1 + math.exp(-margin / 2.0))  # margin 0 -> 0.5, 4 -> 0.88, 8 -> 0.98
    conf *= min(1.0, 0.7 + 0.3 * top / 6.0)  # a weak winner is less certain
    kind = "policy_notice" if p >= r else "research_report"
    return kind, round(max(0.5, min(conf, 0.99)), 3)
