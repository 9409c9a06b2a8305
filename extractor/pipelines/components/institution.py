"""ex_institution: who wrote a report or commentary (the publisher) and whom it quotes.

Reads the institution mentions (`ex_institution_mentions`: institutions.tsv names and
names made by their ending, grammars/institutions.py) and the agency mentions (国家统计局,
海关总署 … when their data or statements are cited). Writes `institutions` (one span per
institution, role publisher|quoted) and `institution` (the publisher, the result's single
`institution`).

The publisher, in order of preference:

1. the running header or footer (doc._.layout.furniture): the name is in the text only
   when it also appears in the body, so the span is that body mention (source header/footer).
   The furniture is not in doc.text: its names are read with the region mentions of its own
   text (grammars/regions), found here;
2. the disclaimer or company blurb (华鑫期货研究所及相关研究人员…), source disclaimer;
3. a source line: (文章来源:生意社), 来源：X, a `2024.08.23 中国矿业报` dateline, 发布人：X
   (of several names on it, the paper: 中国证券网-上海证券报 -> 上海证券报; the other institution
   names on the line publish with it: all are publishers in `institutions`, the paper is
   `institution`). A part of the line is a name only when the institution-name grammar reads it
   as one (a listed name or one made by its ending): a person (王小明), a reporter (记者王小明) or
   the paper's own desk (本报综合) beside the paper is not a publisher;
4. a byline in the head of the document (【中信建投期货】碳酸锂周报, a short line that begins with
   the name: 五矿证券研究所 金属与材料组 2026年1月9日) or a news agency's dateline (新华社北京5月3日电);
5. a newspaper writing about itself: 本报 with 《第一财经日报》, or a paper's reporter
   (某某证券报记者获悉, 《某某日报》记者);
6. an association naming itself: 本分会, 本协会 after its name in the paragraph
   (`grammars.institutions.self_references`);
7. otherwise none: an institution whose analyst speaks is quoted, not the author.

Quoted: every other institution or agency mention that the clause attributes something to
(`grammars.institutions.attribution`: 据X, X分析师王某, X表示, X数据显示, X公布). One span per
institution (canonical), on its first attributed mention. A public body (an agency, a foreign
government body, a central bank) cited for a policy of its own is the topic, not a source
(`grammars.institutions.policy_topic`). An institution name that contains an agency mention is
that institution (欧洲央行 is not 央行 = 中国人民银行); a bare 央行 after a central bank was named
is that central bank. A local body written without its place (省统计局) takes the province the
document names nearest before it, else the one it names most (四川省统计局).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from dataclasses import replace
from itertools import chain

from spacy.language import Language
from spacy.tokens import Doc

from extractor.grammars.institutions import (
    attribution,
    find_institution_names,
    listed,
    placed,
    policy_topic,
    regional,
    self_references,
)
from extractor.grammars.regions import region_mentions
from extractor.grammars.text_units import Intervals
from extractor.pipelines.base import add_span, families, records

_SOURCE_LINE = re.compile(r"[（(]?\s*(?:文章来源|(?<!数据|资料)来源|稿件来源|作者单位)\s*[:：]\s*(?P<name>[^\s)）\n]{2,20})\s*[)）]?")
_DATELINE = re.compile(r"^\s*(?:19|20)\d{2}[.\-/]\d{1,2}[.\-/]\d{1,2}\s+(?P<name>[\u4e00-\u9fff]{2,10})\s*$", re.M)
_PUB_NAME = r"[0-9A-Za-z\u4e00-\u9fff]{2,14}"  # 21世纪经济报道, 和讯黄金
_PUBLISHER = re.compile(rf"^发布人\s*[\t:：]\s*[-－]?(?P<name>{_PUB_NAME}(?:\s*[-－]\s*{_PUB_NAME})*)\s*$", re.M)
_OWN_PAPER = re.compile(r"(?:告诉|接受|对)《(?P<name>[\u4e00-\u9fff]{2,10}(?:日报|报|周刊))》(?:记者)?")
_OWN = re.compile(r"本报(记者|讯)?|告诉本报")
_HEAD_LINES = 6  # lines of the head that may hold a byline
_BYLINE_MAX = 40  # characters of a byline line
_BRACKET_BYLINE = re.compile(r"^\s*【(?P<name>[^】]{2,20})】")
_AFTER_BYLINE = re.compile(r"\s|$|\d")  # 五矿证券研究所 金属与材料组, 国泰君安期货 2025年12月1日
_AGENCY_DATELINE = re.compile(r"讯|\s*[\u4e00-\u9fff]{0,8}\s*\d{1,2}月\d{1,2}日\s*[电讯]")  # 中国证券网讯, 新华社北京5月3日电
_OWN_LINE = re.compile(r"\s*[（(]?\s*(?:文章来源|来源|稿件来源|作者单位)")  # a line that is a source line
_PUBLIC = ("government", "central_bank", "exchange")  # bodies with policies of their own (as the agencies)
_UNIT_KINDS = ("research", "data")  # made names that may begin with their agency (商务部研究院)
_BARE_CENTRAL_BANK = "央行"


def _canonical(name: str) -> str | None:
    for m in listed().finditer(name):
        return m.value.canonical
    return None


@Language.factory(
    "ex_institution",
    assigns=families("institution", "institutions"),
    requires=families("institution_mentions", "agency_mentions", "region_mentions", "excluded_sections"),
)
def make_institution(nlp: Language, name: str) -> "InstitutionFinder":
    return InstitutionFinder()


class InstitutionFinder:
    def __call__(self, doc: Doc) -> Doc:
        text = doc._.text
        names = _placed(records(doc, "institution_mentions"), records(doc, "region_mentions"))
        cands = [(n.start, n.end, n.surface, n.canonical) for n in names]
        pick = self.publisher(text, cands, names, doc._.layout.furniture, records(doc, "excluded_sections"))
        taken: set[str] = set()
        if pick:
            (s, e, surface, canon), source, *more = pick
            fields = {"name": surface, "canonical": canon or surface, "source": source, "role": "publisher"}
            add_span(doc, "institution", s, e, "INSTITUTION", fields)
            add_span(doc, "institutions", s, e, "publisher", dict(fields))
            taken.add(canon or surface)
            for s, e, surface, canon in more:  # the other names on a 发布人 line
                if (canon or surface) not in taken:
                    taken.add(canon or surface)
                    add_span(doc, "institutions", s, e, "publisher",
                             {"name": surface, "canonical": canon or surface, "source": source, "role": "publisher"})
        for s, e, surface, canon in self.quoted(text, names, records(doc, "agency_mentions")):
            if canon in taken:
                continue
            taken.add(canon)
            add_span(doc, "institutions", s, e, "quoted",
                     {"name": surface, "canonical": canon, "source": "body", "role": "quoted"})
        return doc

    @staticmethod
    def quoted(text, names, agencies) -> list[tuple[int, int, str, str]]:
        """(start, end, surface, canonical) of every attributed mention, left to right;
        an agency mention wins over an institution name on the same characters, a listed
        name that contains an agency mention wins over it (欧洲央行, 美国商务部), and so does a
        made research unit that begins with it (国家发改委能源研究所 -> 国家发展和改革委员会能源研究所)."""
        names = sorted(names, key=lambda n: n.start)
        starts = [n.start for n in names]
        found = []  # (start, end, surface, canonical, public)
        units = {}  # a research unit named after the agency it belongs to: 国家发改委能源研究所
        for a in agencies:
            n = _last_starting_by(names, starts, a.start)  # names do not overlap: only it can contain a
            inside = n is not None and a.end <= n.end and n.end - n.start > a.end - a.start
            if inside and not n.listed and n.kind in _UNIT_KINDS and a.start == n.start:
                units[n.start] = a.canonical + n.surface[a.end - n.start :]
            elif not (inside and n.listed):
                found.append((a.start, a.end, a.surface, a.canonical, True))
        names = [replace(n, canonical=units[n.start]) if n.start in units else n for n in names]
        # names do not overlap each other: a name is kept unless an agency mention covers it
        agency_ranges = Intervals((s, e) for s, e, *_ in found)
        for n in names:
            if not agency_ranges.overlaps(n.start, n.end):
                found.append((n.start, n.end, n.surface, n.canonical, n.kind in _PUBLIC))
        found.sort()
        banks = [n for n in names if n.kind == "central_bank"]
        bank_starts = [n.start for n in banks]
        refers = {n.start: n.refers for n in names if n.refers}
        out = []
        for s, e, surface, canon, public in found:
            how = attribution(text, s, e)
            if how is None or how == "reporter" or public and policy_topic(text, s, e):
                continue
            if surface == _BARE_CENTRAL_BANK:  # the central bank named last, if one was
                bank = _last_starting_by(banks, bank_starts, s)
                canon = bank.canonical if bank and bank.end <= s else canon
            if s in refers:  # 主办方负责人说: the evidence is where the role's holder is named
                s, e = refers[s]
                surface = text[s:e]
            out.append((s, e, surface, canon))
        return out

    def publisher(self, text, cands, names, furniture, excluded):
        # 1. running header / footer
        for f in furniture:
            if f.kind not in ("header", "footer"):
                continue
            # the furniture is not in doc.text, so its region mentions are found here, over its
            # own text: a local official's place is the region before the title (江西赣州市副市长 -> 赣州市)
            for n in find_institution_names(f.text, region_mentions(f.text)):
                hit = _find(n.surface, cands)
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
                # the name mentions on the line, in the line's coordinates (found once, not re-read)
                found = [replace(n, start=n.start - s, end=n.end - s) for n in names if s <= n.start and n.end <= e]
                if pat is _SOURCE_LINE and not found and _OWN_LINE.match(text, _line_start(text, m.start())):
                    return (s, e, name, name), "body"  # （来源：某某信息网）: a source line names the publisher
                if not found:
                    continue  # 发布人：王小明 names a person; 来源：公司公告 in running text
                n = _paper(found)  # 中国证券网-上海证券报: the paper, not its website
                if pat is _PUBLISHER:  # the website publishes with it
                    others = [(s + o.start, s + o.end, o.surface, o.canonical) for o in found if o is not n]
                    return (s + n.start, s + n.end, n.surface, n.canonical), "body", *others
                return (s + n.start, s + n.end, n.surface, n.canonical), "body"
        # 4. a byline in the head: 【中信建投期货】标题, a line 五矿证券研究所 金属与材料组 2026年1月9日;
        #    a news agency's dateline (新华社北京5月3日电)
        hit = _byline(text, names)
        if hit:
            return hit, "body"
        # 5. a newspaper writing about itself (本报 + 《第一财经日报》) or its reporter
        if _OWN.search(text):
            m = _OWN_PAPER.search(text)
            if m:
                s, e = m.span("name")
                return (s, e, m.group("name"), _canonical(m.group("name")) or m.group("name")), "body"
        for n in names:
            if n.kind == "media" and attribution(text, n.start, n.end) == "reporter":
                return (n.start, n.end, n.surface, n.canonical), "body"
        # 6. a body naming itself (钢管分会在本分会年会上…): the name 本分会 points back to
        for own in self_references(text, names):
            s, e = own.refers
            return (s, e, text[s:e], own.canonical), "body"
        return None


def _find(name: str, cands) -> tuple[int, int, str, str | None] | None:
    canon = _canonical(name) or name
    for c in cands:
        if c[3] == canon or c[2] == name or name in c[2]:
            return c
    return None


def _last_starting_by(items, starts, pos):
    """The last of `items` (sorted by start; `starts` their starts) that starts at or before
    `pos`, or None."""
    k = bisect_right(starts, pos)
    return items[k - 1] if k else None


def _line_start(text, pos):
    return text.rfind("\n", 0, pos) + 1


def _paper(found):
    """Of the names on a 发布人 line, the newspaper (…报) if there is one, else the first."""
    return next((n for n in found if n.kind == "media" and n.surface.endswith("报")), found[0])


def _placed(names, regions):
    """The names, with a local body written with its place's short name (新疆财政厅) given the
    place's full name from the region mention that begins it, and one written without its place
    (省统计局) given the region of its level named nearest before it, else the one of its level the
    document names most."""
    by_start = {r.start: r for r in regions}
    names = [replace(n, canonical=full) if (r := by_start.get(n.start)) and (full := regional(n, r)) else n
             for n in names]
    provinces = [r for r in regions if r.kind == "province"]
    if not any(n.place for n in names) or not provinces:
        return names
    most = [c for c, _ in Counter(r.canonical for r in provinces).most_common()]
    ends = [r.end for r in provinces]
    out = []
    for n in names:
        if n.place == "province":
            before = (provinces[i].canonical for i in range(bisect_right(ends, n.start) - 1, -1, -1))
            canon = next(filter(None, (placed(n, r) for r in chain(before, most))), None)
            if canon:
                n = replace(n, canonical=canon, place=None)
        out.append(n)
    return out


def _byline(text, names):
    """(start, end, surface, canonical) of the head's byline or an agency's dateline, or None."""
    pos, lines = 0, []
    while pos <= len(text) and len(lines) < _HEAD_LINES:
        nl = text.find("\n", pos)
        nl = len(text) if nl < 0 else nl
        line = text[pos:nl]
        if line.strip():
            lines.append((pos, line))
        pos = nl + 1
        if len(line) > 2 * _BYLINE_MAX:
            break
    for i, (start, line) in enumerate(lines):
        end = start + len(line)
        on_line = [n for n in names if start <= n.start and n.end <= end]
        m = _BRACKET_BYLINE.match(line)
        if m:
            inside = [n for n in on_line
                      if n.start - start >= m.start("name") and n.end - start <= m.end("name")]
            if inside:
                return inside[0].start, inside[0].end, inside[0].surface, inside[0].canonical
        if i == 0 or len(line) > _BYLINE_MAX or not on_line:
            continue  # the title line names what the piece is about (GFMS：预计…)
        n = on_line[0]
        if not line[: n.start - start].strip() and _AFTER_BYLINE.match(text, n.end):
            return n.start, n.end, n.surface, n.canonical
    for n in names:
        if n.kind == "media" and _AGENCY_DATELINE.match(text, n.end):
            return n.start, n.end, n.surface, n.canonical
    return None
