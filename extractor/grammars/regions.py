"""Region mentions of a report: gazetteer regions (`data/regions.tsv`) that are not part
of an organisation name (北京时间, 上海期货交易所, 中国交通银行), and their short form."""

from __future__ import annotations

import re
from dataclasses import dataclass

from extractor.gazetteers import regions

# A region name inside an organisation name is not a statement about that region.
_ORG_AFTER = re.compile(r"^[\u4e00-\u9fff]{0,10}?(有色工程|价值指数|交通银行|银行|集团|公司|研究院|研究所|研究中心|交易所|期货|证券|日报|报社)")


_NAME_TAIL = re.compile(r"时间|[\u4e00-\u9fff]{0,4}?(交易所|银行|大学|日报|晚报|集团|股份|有限公司)|[\u4e00-\u9fff]{0,1}公司")


@dataclass(frozen=True)
class RegionMention:
    start: int
    end: int
    surface: str
    canonical: str
    kind: str


def region_mentions(text: str) -> tuple[RegionMention, ...]:
    """Every region mention of `text`, left to right."""
    out = []
    for m in regions().finditer(text):
        if m.value.canonical == "中国" and _ORG_AFTER.match(text[m.end : m.end + 16]):
            continue
        if _NAME_TAIL.match(text, m.end):
            continue  # 北京时间, 上海期货交易所, 法国巴黎银行: part of a name
        if m.surface == "国内" and text[m.end : m.end + 1] == "外":
            continue  # 国内外: at home and abroad
        out.append(RegionMention(m.start, m.end, m.surface, m.value.canonical, m.value.kind))
    return tuple(out)


def short_region(canonical: str) -> str:
    """山西省 -> 山西, 广西壮族自治区 -> 广西 (the form the statistics use)."""
    for suf in ("维吾尔自治区", "壮族自治区", "回族自治区", "特别行政区", "自治区", "省", "市"):
        if canonical.endswith(suf) and len(canonical) > len(suf) + 1:
            return canonical[: -len(suf)]
    return canonical


