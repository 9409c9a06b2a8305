"""Document kind from the content: policy_notice, research_report or other.

A transparent score over cue phrases; `classify` returns (kind, confidence).
"""

from __future__ import annotations

import re

# (pattern, weight) - weights are rough log-odds; tuned on the seeds and ../shared/corpus.
POLICY_CUES: list[tuple[str, float]] = [
    (r"发文字号|发文机关|成文日期", 3.0),
    (r"[\u4e00-\u9fff]{1,8}[〔\[（(【﹝]\s*(19|20)\d{2}\s*[〕\]）)】﹞]\s*\d+\s*号", 2.5),
    (r"关于[^。\n]{2,60}的(通知|意见|决定|公告|批复|函|通报|办法|方案|规定)", 2.0),
    (r"(印发给你们|请结合实际|认真贯彻执行|抓好落实|特此通知|特此公告)", 2.0),
    (r"按职责分工负责|牵头", 1.0),
    (r"第[一二三四五六七八九十百零〇]+条", 1.5),
    (r"各省、自治区、直辖市", 1.5),
    (r"人民政府|国务院", 0.5),
]
REPORT_CUES: list[tuple[str, float]] = [
    (r"期货|研究所|研究院|证券|研报|策略", 1.5),
    (r"免责声明|不构成投资建议|仅供参考|投资者据此", 2.5),
    (r"数据来源|资料来源", 1.5),
    (r"同比|环比", 1.0),
    (r"(短期|中期|长期|中长期)[：:，,]", 1.5),
    (r"(美元|元)/吨|LME|沪[铜铝锌铅镍锡]|主力合约|持仓", 2.0),
    (r"(分析师|记者|据.{0,10}(报道|消息))", 1.0),
]


def _score(text: str, cues: list[tuple[str, float]]) -> float:
    return sum(w for pat, w in cues if re.search(pat, text))


def classify(text: str) -> tuple[str, float]:
    head = text[:20000]
    p = _score(head, POLICY_CUES)
    r = _score(head, REPORT_CUES)
    if p < 1.5 and r < 1.5:
        return "other", 0.5
    total = p + r
    if p >= r:
        return "policy_notice", round(p / total, 3)
    return "research_report", round(r / total, 3)
