"""`ex_agencies`: the ISSUING agencies -> doc.spans["issuing_agencies"] (models.Agency).

Agencies are found with `extractor.agencies.find_agencies`; an agency is an
issuer when it appears in one of three places:

- header: the value of a header field 发文机关 / 发布机关 / 发文单位 / 发布单位 /
  主办单位 / 制发机关 / 成文机关 / 发布机构 (in the head of the document). Only
  gazetteer agencies count, so 发布机构：原材料工业司 (a sub-unit) gives nothing;
  来源 is not an issuer field (来源：最高人民法院 on a mirror site). A
  promulgating order at the top (国务院令第242号发布), an order's heading (中华人民共和国国务院令 /
  第707号), a law's adoption line at the top
  (第十二届全国人民代表大会常务委员会第九次会议通过) and a masthead line
  (赣州市人民政府办公室文件) count as header too;
- signature: the run of agency names (one a line, several on one line, or
  letter-spaced: 自 然 资 源 部) that ends right before the signature date
  (2025年3月11日, 二000年四月二十四日) at the end of a line. The first such block
  is taken; a date followed by 印发 (the printing line) is no signature;
- title: the agency run that opens the title line before 关于
  (国家能源局关于…, 交通运输部、商务部、国家发展改革委关于…, X等十部门关于…);
  the run may cover several lines with 关于 on the next one. In the document's title
  (ex_title) the run may also end before 印发 / 转发 / 批转 …的通知 (X印发《…》的通知).

Agencies in the body (responsibility clauses, 抄送, cited 《》 titles, tables)
are not issuers. One item per canonical agency: the header mention when there
is one, else the signature, else the title. `name` is the surface as written
(`text[evidence] == name`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc

from extractor.agencies import AgencyMatch, find_agencies
from extractor.pipelines.base import add_span, families, records, spans

KEY = "issuing_agencies"
HEAD_MAX_CHARS = 3000
SOURCES = ("header", "signature", "title")  # preference order

HEADER_LABEL = re.compile(
    r"(?:发文机关|发布机关|发文单位|发布单位|主办单位|制发机关|成文机关|联合发文机关|发文部门|发布机构)"
    r"[ \t\u3000]*[：:\t ]?[ \t\u3000]*"
)
TITLE_PREFIX = re.compile(
    r"[ \t\u3000]*(?:#+[ \t\u3000]*)?(?:(?:标[ \t\u3000]*题|名[ \t\u3000]*称|公开事项名称|文件名称)"
    r"[ \t\u3000]*[：:\t ]?[ \t\u3000]*)?"
)
TITLE_TAIL = re.compile(r"\s*(?:等[一二三四五六七八九十\d]*个?(?:部门|单位|部委))?\s*关于")
# the document's title (found by ex_title) may open with its organs and 印发 / 转发 / 批转
# instead of 关于: 中共中央办公厅 国务院办公厅印发《…》的通知, X转发Y关于…的通知
TRANSMIT_TAIL = re.compile(
    r"\s*(?:等[一二三四五六七八九十\d]*个?(?:部门|单位|部委))?\s*(?:印发|转发|批转)"
    r"[^。；\n]{0,150}?(?:\n[^。；\n]{0,150}?)?的(?:通知|决定|意见|批复)"
)
# 版头 (masthead): 赣州市人民政府办公室文件
MASTHEAD_TAIL = re.compile(r"[ \t\u3000]*文件[ \t\u3000]*(?:\n|$)")
ORDER_TAIL = re.compile(r"令[ \t]*(?:\d{4}年)?第[\d一二三四五六七八九十百零〇]+号[ \t]*(?:发布|公布)")
# an order's heading: 中华人民共和国国务院令 / 第707号 (the organ that issues the order)
ORDER_HEADING_TAIL = re.compile(
    r"令[ \t\u3000]*\n?[ \t\u3000]*(?:\d{4}[ \t]*年[ \t\u3000]*)?"
    r"第[ \t]*[\d一二三四五六七八九十百零〇]+[ \t]*号[ \t\u3000]*(?:\n|$)"
)
# a law's adoption line: 2016年6月30日 第十二届全国人民代表大会常务委员会第九次会议通过
ADOPTION_TAIL = re.compile(
    r"[ \t]*第[\d一二三四五六七八九十百零〇]+次(?:全体)?会议[ \t]*(?:审议)?(?:通过|修订)"
)
_CN_DIGIT = "〇零一二三四五六七八九十0０OΟ"
SIGN_DATE = re.compile(
    rf"(?:\d{{4}}[ \t]*年[ \t]*\d{{1,2}}[ \t]*月[ \t]*\d{{1,2}}[ \t]*日"
    rf"|[{_CN_DIGIT}]{{4}}年[{_CN_DIGIT}]{{1,2}}月[{_CN_DIGIT}]{{1,3}}日)"
    r"(?=[ \t\u3000]*(?:\n|$))"
)
_SEP = set(" \t\n\r\u3000、，,；;")


@dataclass(frozen=True)
class Issuer:
    match: AgencyMatch
    source: str  # header | signature | title


def _run(matches: list[AgencyMatch], text: str, start: int, stop: int) -> list[AgencyMatch]:
    """The agencies that follow each other from `start`, separated only by separators."""
    out: list[AgencyMatch] = []
    pos = start
    for m in matches:
        if m.start < pos:
            continue
        if m.start >= stop or any(ch not in _SEP for ch in text[pos : m.start]):
            break
        out.append(m)
        pos = m.end
    return out


def _line_end(text: str, pos: int) -> int:
    e = text.find("\n", pos)
    return len(text) if e < 0 else e


def header_issuers(text: str, matches: list[AgencyMatch]) -> list[AgencyMatch]:
    head = text[:HEAD_MAX_CHARS]
    out: list[AgencyMatch] = []
    for lab in HEADER_LABEL.finditer(head):
        out.extend(_run(matches, text, lab.end(), _line_end(text, lab.end())))
    for m in matches:
        if m.start >= 800:
            break
        if ORDER_TAIL.match(text, m.end) or ADOPTION_TAIL.match(text, m.end):
            out.append(m)
        elif ORDER_HEADING_TAIL.match(text, m.end):
            line_start = text.rfind("\n", 0, m.start) + 1
            if not text[line_start : m.start].strip(" \t\u3000#"):
                out.append(m)  # the line starts with the organ: an order's heading
    pos = 0
    for line in text[:800].split("\n"):
        run = _run(matches, text, pos + len(line) - len(line.lstrip()), pos + len(line))
        if run and MASTHEAD_TAIL.match(text, run[-1].end):
            out.extend(run)
        pos += len(line) + 1
    return out


def signature_issuers(text: str, matches: list[AgencyMatch]) -> list[AgencyMatch]:
    ends = {m.end: m for m in matches}
    for d in SIGN_DATE.finditer(text):
        block: list[AgencyMatch] = []
        pos = d.start()
        while True:
            while pos > 0 and text[pos - 1] in _SEP:
                pos -= 1
            m = ends.get(pos)
            if m is None:
                break
            block.append(m)
            pos = m.start
        if block:
            return list(reversed(block))
    return []


def title_issuers(text: str, matches: list[AgencyMatch], title_spans=()) -> list[AgencyMatch]:
    starts: list[int] = []
    pos = 0
    for line in text[:HEAD_MAX_CHARS].split("\n"):
        p = TITLE_PREFIX.match(line)
        starts.append(pos + (p.end() if p else 0))
        pos += len(line) + 1
    titles = set(title_spans)
    starts.extend(titles)
    out: list[AgencyMatch] = []
    for s in starts:
        # a title may hold its agencies over several lines, 关于 on the next one
        run = _run(matches, text, s, min(len(text), s + 300))
        if run and (TITLE_TAIL.match(text, run[-1].end)
                    or (s in titles and TRANSMIT_TAIL.match(text, run[-1].end))):
            out.extend(run)
    return out


def find_issuers(text: str, title_starts=(), matches: list[AgencyMatch] | None = None) -> list[Issuer]:
    """Issuing agencies of a document, one per canonical name (header > signature > title).

    `matches`: the agency mentions of `text` when already found."""
    if matches is None:
        matches = find_agencies(text)
    found: dict[str, Issuer] = {}
    for source, items in (
        ("header", header_issuers(text, matches)),
        ("signature", signature_issuers(text, matches)),
        ("title", title_issuers(text, matches, title_starts)),
    ):
        for m in items:
            found.setdefault(m.canonical, Issuer(m, source))
    return sorted(found.values(), key=lambda i: i.match.start)


@Language.factory("ex_agencies", assigns=families(KEY), requires=families("agency_mentions"))
def make_agencies(nlp: Language, name: str) -> "Agencies":
    return Agencies()


class Agencies:
    def __call__(self, doc: Doc) -> Doc:
        title_starts = [s.start_char for s in spans(doc, "title")]
        for iss in find_issuers(doc._.text, title_starts, records(doc, "agency_mentions")):
            m = iss.match
            add_span(
                doc, KEY, m.start, m.end, "agency",
                {"name": m.surface, "canonical": m.canonical, "level": m.level, "source": iss.source},
            )
        return doc
