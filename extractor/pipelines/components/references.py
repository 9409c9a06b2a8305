"""`ex_references`: 《》 titles of documents -> doc.spans["references"] (models.Reference).

A reference is a 《…》 title (nested 〈…〉 allowed, a line break inside is
dropped from the title) that names a document: it ends with a document type
(通知, 意见, 方案, 规划, 办法, 条例, 法, 标准, 指南, 目录, 表, 公约, 议定书 …) or holds 关于.
Skipped:
- newspapers, journals and other media (《人民日报》, 《第一财经日报》, …报/…杂志/…周刊);
- short aliases introduced by 以下简称 / 以下称 (（以下简称《通知》）) and their later
  uses, and bare
  document-type words (《通知》, 《办法》);
- the document's own title (when ex_title ran before and the 《》 holds exactly it).

The 《》 inside a transmittal notice's title (关于印发《…方案》的通知) names the attached
document: it is kept with relation "attached" (every other reference is "cited"). Each title is given once (whitespace-insensitive): the
first occurrence is the span; `doc_number` is the normalised number that
follows any occurrence in brackets, 《…》（发改能源〔2020〕283号）.
The span covers 《…》 with the marks; `title` is the text inside them.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from extractor.gazetteers import doc_type_pattern
from extractor.grammars.doc_number import find_numbers
from extractor.pipelines.base import add_span, families, spans

KEY = "references"
MAX_TITLE = 100

TITLE_RE = re.compile(r"《(?P<t>(?:[^《》〈〉\n]|\n(?!\n)|〈[^《》〈〉\n]*〉|《[^《》\n]*》)+)》")
_DOC_END = re.compile(doc_type_pattern("reference") + r"(?:[（(][^（）()]{1,30}[）)])*$")
_MEDIA = re.compile(
    r"(?:日报|晚报|早报|时报|商报|周报|导报|晨报|快报|矿业报|经济报|证券报|青年报|参考消息|学报|杂志|周刊|月刊|"
    r"半月刊|旬刊|年鉴|新闻联播|经济报道|财经|求是|瞭望|新闻|电视台|报)$"
)
_MEDIA_NAMES = frozenset({"求是", "瞭望", "财新", "财经", "新华社", "人民网", "新华网"})
_BARE = frozenset({"通知", "意见", "办法", "方案", "规划", "决定", "公告", "条例", "规定", "细则", "目录", "标准", "指南"})
_ALIAS_BEFORE = re.compile(r"(?:以下简称|以下称|下称|简称|统称)[“\"]?[ \t]*$")
_WS = re.compile(r"\s+")
# 《X》 right after one of these in the document's own title is the attached document
_ISSUES = re.compile(r"(?:印发|转发|发布|颁布|下达|公布)$")


def _squeeze(s: str) -> str:
    return _WS.sub("", s)


def is_document_title(title: str) -> bool:
    t = _squeeze(title)
    if not t or len(t) > MAX_TITLE or t in _BARE or t in _MEDIA_NAMES:
        return False
    if _MEDIA.search(t) and not re.search(r"(?:报告|通报|公报|快报|年报|月报|周报|简报|情报)$", t):
        return False
    return bool(_DOC_END.search(t) or "关于" in t)


def _number_after(text: str, end: int) -> str | None:
    window = text[end : end + 60]
    m = re.match(r"^[ \t]*[（(][ \t]*", window)
    if not m:
        return None
    for n in find_numbers(window):
        if n.start == m.end():
            return n.normalized
        break
    return None


def attached_titles(own_title: str | None) -> set[str]:
    """Squeezed titles of the documents a transmittal title issues (关于印发《X》的通知)."""
    if not own_title:
        return set()
    return {
        _squeeze(m.group("t"))
        for m in TITLE_RE.finditer(own_title)
        if _ISSUES.search(own_title[: m.start()])
    }


def find_references(
    text: str, own_title: str | None = None
) -> list[tuple[int, int, str, str | None]]:
    """(start, end, title, doc_number) per distinct referenced document, in text order."""
    own = _squeeze(own_title) if own_title else None
    seen: dict[str, int] = {}
    aliases: set[str] = set()
    out: list[list] = []
    for m in TITLE_RE.finditer(text):
        title = m.group("t").replace("\n", "")
        key = _squeeze(title)
        if key in aliases:
            continue
        if _ALIAS_BEFORE.search(text[max(0, m.start() - 8) : m.start()]) and key not in seen:
            aliases.add(key)
            continue
        if not is_document_title(title):
            continue
        if own and key == own:
            continue
        number = _number_after(text, m.end())
        if key in seen:
            item = out[seen[key]]
            if item[3] is None and number:
                item[3] = number
            continue
        seen[key] = len(out)
        out.append([m.start(), m.end(), title.strip(), number])
    return [tuple(x) for x in out]


@Language.factory("ex_references", assigns=families(KEY))
def create_references(nlp: Language, name: str):
    def component(doc: Doc) -> Doc:
        if KEY not in doc.spans:
            doc.spans[KEY] = []
        titles = spans(doc, "title")
        own = None
        if titles:
            f = titles[0]._.fields or {}
            own = f.get("text") or titles[0].text
        attached = attached_titles(own)
        for s, e, title, number in find_references(doc._.text, own):
            relation = "attached" if _squeeze(title) in attached else "cited"
            add_span(
                doc, KEY, s, e, "REFERENCE",
                {"title": title, "doc_number": number, "relation": relation},
            )
        return doc

    return component
