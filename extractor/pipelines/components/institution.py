"""ex_institution: the research institute, broker or publisher behind a report (one span).

Candidates come from `extractor/data/institutions.tsv` (canonical + aliases) and from
name patterns (…期货, …证券, …研究所/研究院/研究中心, with an optional stock code:
交通银行(601328)金融研究中心). The pick, in order of preference:

1. the running header or footer (doc._.layout.furniture): the name is in the text only
   when it also appears in the body, so the span is that body mention (source header/footer);
2. the disclaimer or company blurb (华鑫期货研究所及相关研究人员…), source disclaimer;
3. a source line: (文章来源:生意社), a `2024.08.23 中国矿业报` dateline, 发布人 <name>;
4. a name attributed to an analyst or report in the body (浙商期货分析师王琳,
   中信建投分析师认为, 交通银行(601328)金融研究中心发布…), most mentions first;
5. otherwise nothing (an unattributed name is not the author).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc

from extractor.gazetteers import PhraseIndex, alias_index
from extractor.pipelines.base import add_span, families, records

_NAME = re.compile(
    r"(?P<name>[\u4e00-\u9fff]{2,8}?(?:期货|证券|银行)(?:[（(]\d{6}[）)])?"
    r"(?:研究所|研究院|研究中心|金融研究中心|有限公司)?"
    r"|[\u4e00-\u9fff]{2,8}?(?:研究所|研究院|研究中心))"
)
_ATTRIB = re.compile(r"^\s*(?:的)?(?:首席)?(?:分析师|研究员|首席|宏观|策略|有色|黑色|在报告中|在.{0,6}报告|发布|认为|表示|指出|预计|分析)")
_SOURCE_LINE = re.compile(r"[（(]?\s*(?:文章来源|(?<!数据|资料)来源|稿件来源|作者单位)\s*[:：]\s*(?P<name>[^\s)）\n]{2,20})\s*[)）]?")
_DATELINE = re.compile(r"^\s*(?:19|20)\d{2}[.\-/]\d{1,2}[.\-/]\d{1,2}\s+(?P<name>[\u4e00-\u9fff]{2,10})\s*$", re.M)
_PUBLISHER = re.compile(r"^发布人\t\s*-?(?P<name>[\u4e00-\u9fff]{2,12})\s*$", re.M)
_OWN_PAPER = re.compile(r"(?:告诉|接受|对)《(?P<name>[\u4e00-\u9fff]{2,10}(?:日报|报|周刊))》(?:记者)?")
_NOT_INSTITUTION = re.compile(r"^(上海期货|伦敦|大连|郑州|铅|铜|铝|锌|期货|证券|国内|国外|中国)")


@dataclass(frozen=True)
class Inst:
    canonical: str
    kind: str


@lru_cache(maxsize=1)
def institutions() -> PhraseIndex[Inst]:
    return alias_index("institutions.tsv", lambda row: Inst(row["canonical"], row["kind"]))


def _canonical(name: str) -> str | None:
    for m in institutions().finditer(name):
        return m.value.canonical
    return None


def _candidates(text: str) -> list[tuple[int, int, str, str | None]]:
    """(start, end, surface, canonical) for gazetteer names and pattern names."""
    out: list[tuple[int, int, str, str | None]] = []
    for m in institutions().finditer(text):
        out.append((m.start, m.end, m.surface, m.value.canonical))
    for m in _NAME.finditer(text):
        s, e = m.span("name")
        name = m.group("name")
        if _NOT_INSTITUTION.match(name) or name.endswith("期货") and text[e : e + 2] in ("合约", "价格", "市场", "交易"):
            continue
        # extend a gazetteer hit to the longer written name (华鑫期货 -> 华鑫期货研究所)
        overl = [c for c in out if c[0] < e and s < c[1]]
        if overl:
            c = overl[0]
            if e - s > c[1] - c[0] and s <= c[0]:
                out.remove(c)
                out.append((s, e, name, c[3]))
            continue
        out.append((s, e, name, _canonical(name)))
    out.sort()
    return out


def _find(text: str, name: str, cands) -> tuple[int, int, str, str | None] | None:
    canon = _canonical(name) or name
    for c in cands:
        if c[3] == canon or c[2] == name or name in c[2]:
            return c
    return None


@Language.factory(
    "ex_institution", assigns=families("institution"), requires=families("excluded_sections")
)
def make_institution(nlp: Language, name: str) -> "InstitutionFinder":
    return InstitutionFinder()


class InstitutionFinder:
    def __call__(self, doc: Doc) -> Doc:
        text = doc._.text
        cands = _candidates(text)
        pick = self.pick(text, cands, doc._.layout.furniture, records(doc, "excluded_sections"))
        if pick:
            (s, e, surface, canon), source = pick
            add_span(doc, "institution", s, e, "INSTITUTION",
                     {"name": surface, "canonical": canon or surface, "source": source})
        return doc

    def pick(self, text, cands, furniture, excluded):
        # 1. running header / footer
        for f in furniture:
            if f.kind not in ("header", "footer"):
                continue
            for c in _candidates(f.text):
                hit = _find(text, c[2], cands)
                if hit:
                    return hit, f.kind
        # 2. disclaimer / company blurb
        for ex in excluded:
            inside = [c for c in cands if ex.start <= c[0] < ex.end]
            if inside:
                return inside[0], "disclaimer"
        # 3. source lines
        for pat in (_SOURCE_LINE, _DATELINE, _PUBLISHER):
            m = pat.search(text)
            if m:
                s, e = m.span("name")
                name = m.group("name")
                return (s, e, name, _canonical(name) or name), "body"
        # 3b. a newspaper writing about itself: 本报 + 《第一财经日报》
        if re.search(r"本报(记者|讯)?|告诉本报", text):
            m = _OWN_PAPER.search(text)
            if m:
                s, e = m.span("name")
                return (s, e, m.group("name"), _canonical(m.group("name")) or m.group("name")), "body"
        # 4. attributed names in the body
        scored: dict[str, list] = {}
        for c in cands:
            if _ATTRIB.match(text[c[1] : c[1] + 12]):
                scored.setdefault(c[3] or c[2], []).append(c)
        if scored:
            best = max(scored.values(), key=lambda cs: (len(cs), -cs[0][0]))
            return best[0], "body"
        return None
