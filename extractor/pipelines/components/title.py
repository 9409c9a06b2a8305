"""`ex_title`: the document title -> doc.spans["title"] (exactly one span, models.Title).

Sources, in order:

1. a header field in the head of the document: 标题 / 标 题 / 名称 / 公开事项名称 /
   文件名称 (label, then a colon, a tab or spaces, then the value; the span covers
   the value only);
2. the document's title line: a line of the head that ends with a document type
   (…的通知, 意见, 方案, 决定, 公告, 办法, 规划, 条例, 法 …), a markdown '#' heading,
   leading '#' stripped. A title the normaliser left over two lines (国家发展改革委、
   商务部、交通运输部关于印发 / 《港口岸电建设推进方案》的通知) is rejoined: the span
   covers the line break and `fields["text"]` is the title without it. A document
   number glued after the title (…的通知工信部联原（2025）62号, …的通知(发改环资〔2026〕
   1062号)) stays out of the span. Among title lines, one that names its issuer
   (text before 关于) wins over one that starts with 关于;
   A title line with the number under it comes first; then a news page's headline
   (its first line, with the dateline 发布时间：… or other page chrome under it), before
   the other title lines (a body subheading that ends in 规则 is no title);
3. else the first line of the document when it is short and not a sentence.

An order (中华人民共和国国务院令 / 第707号 / 现公布修订后的《X》… / 总理 李克强 / date / X)
takes the title of the text it promulgates, X, from its own heading under the order
(else from the 《》), before the title line search: the 令 heading is not a title.

Navigation crumbs (首页 > …), 您当前位置, 目录项的基本信息, 返回首页 and portal chrome
(grammars/portal.py: 浏览量, 字号 大 中 小, 打印 关闭, 来源：…) are skipped. A title line with
the document's number alone on the next line is the document's own title and wins over
the page's title and a news headline; it is looked for past the head too (a news story
that reproduces a notice after its lead).
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from extractor.gazetteers import doc_type_pattern
from extractor.grammars.dates import find_dates
from extractor.grammars.doc_number import find_numbers
from extractor.grammars.head import head_end
from extractor.grammars.portal import is_chrome
from extractor.pipelines.base import add_span, doc_value, families

KEY = "title"
HEAD_LINES = 25
MAX_TITLE = 160

_FIELD = re.compile(
    r"^[ \t\u3000#]*(?:标[ \t\u3000]*题|公开事项名称|文件名称|文件标题|名[ \t\u3000]*称|题[ \t\u3000]*名)"
    r"(?:[ \t\u3000]*[：:][ \t\u3000]*|[ \t\u3000]*\t[ \t\u3000]*|[ \t\u3000]+)"
)
# labels of other header fields, cut when the normaliser glued them to the value
_NEXT_FIELD = re.compile(
    r"(?:发文机关|发文字号|成文日期|发布日期|发布机构|索引号|主题分类|公文种类|主办单位|制发日期|来源|分类)[ \t\u3000]*[：:\t]"
)
_DOC_TYPE = doc_type_pattern("title")
_TITLE_END = re.compile(rf"{_DOC_TYPE}(?:（[^（）]{{1,20}}）|\([^()]{{1,20}}\))?")
_SKIP = re.compile(r"(?:首页|当前位置|目录项的基本信息|返回首页|^[ \t]*附件|>|[|｜])")
_SENTENCE = re.compile(r"[。；;！？!?]")
_NUMBERED = re.compile(
    r"^[ \t\u3000#]*(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十0-9]+[）)]|[0-9]+[、.．，,]"
    r"|第[一二三四五六七八九十百0-9]+[章节条])"
)
_HASHES = re.compile(r"^[ \t\u3000]*#+[ \t\u3000]*")


def _lines(text: str, limit: int):
    pos = 0
    for i, line in enumerate(text.split("\n")):
        if i >= limit:
            return
        yield pos, line
        pos += len(line) + 1


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in " \t\u3000":
        start += 1
    while end > start and text[end - 1] in " \t\u3000":
        end -= 1
    return start, end


def _title_end(text: str, start: int, end: int) -> int | None:
    """End offset of a title in text[start:end]: after the last document type,
    before a glued document number; None when the segment does not end a title."""
    seg = text[start:end]
    # a number glued after the title: cut it (and a bracket around it)
    for n in find_numbers(seg):
        if n.end >= len(seg.rstrip(" \t)）〕")):
            seg = seg[: n.start].rstrip(" \t(（")
            break
    seg = seg.rstrip(" \t\u3000")
    last = None
    for m in _TITLE_END.finditer(seg):
        if m.end() == len(seg):
            last = m
    if last is None:
        return None
    return start + len(seg)


_FIELD_LINE = re.compile(r"^[ \t\u3000]*[\u4e00-\u9fff][\u4e00-\u9fff \u3000]{0,7}[：:\t]")


def _from_field(text: str) -> tuple[int, int] | None:
    lines = list(_lines(text, HEAD_LINES))
    for i, (pos, line) in enumerate(lines):
        m = _FIELD.match(line)
        if not m:
            continue
        s, e = pos + m.end(), pos + len(line)
        g = _NEXT_FIELD.search(text, s, e)
        if g:
            e = g.start()
        s, e = _strip(text, s, e)
        if e - s < 4:
            continue
        # a value wrapped onto the next line (PDF): …《…（2025—2027年）》 / 的通知
        if _title_end(text, s, e) is None and i + 1 < len(lines):
            npos, nline = lines[i + 1]
            ns, ne = _strip(text, npos, npos + len(nline))
            if 0 < ne - ns <= 20 and not _FIELD_LINE.match(nline) and not _SENTENCE.search(nline):
                if _title_end(text, ns, ne) == ne:
                    return s, ne
        return s, e
    return None


_ISSUERS = re.compile(
    r"^[\u4e00-\u9fff][\u4e00-\u9fff、 \u3000]*(?:部|厅|局|委|院|署|会|府|办|室|政府|中心|行|社|集团)$"
)


def _plain_line(text: str, pos: int, line: str) -> tuple[int, int] | None:
    """(start, end) of a line that may be part of a title, else None."""
    if not line.strip() or _SKIP.search(line) or "\t" in line or is_chrome(line):
        return None
    if _FIELD.match(line) or _NUMBERED.match(line):
        return None
    hm = _HASHES.match(line)
    s, e = _strip(text, pos + (hm.end() if hm else 0), pos + len(line))
    if s >= e or text[s:e].startswith(("——", "--")) or text[s:e].endswith("文件"):
        return None
    return s, e


def _balanced(s: str) -> bool:
    opened = s.count("（") + s.count("(")
    return s.count("《") == s.count("》") and opened == s.count("）") + s.count(")")


def _is_date_or_number(seg: str) -> bool:
    seg = seg.strip().strip("()（）")
    if any(n.start == 0 and n.end == len(seg) for n in find_numbers(seg)):
        return True
    return any(d.start == 0 and d.end == len(seg) for d in find_dates(seg))


def _from_title_line(text: str, head: int) -> tuple[int, int, int] | None:
    """(rank, start, end) of the best title line of the head, extended backwards over
    the lines it continues (…关于下达… / 总量控制指标的通知) and the issuer lines before
    关于; rank < 0 when the document's number stands under it."""
    every = list(_lines(text, HEAD_LINES))
    lines = [(p, ln) for p, ln in every if p <= head]
    numbered = {i for i in range(len(every) - 1) if _number_line(every[i + 1][1])}
    # past the head only a title line with its number line under it (a notice that a
    # news story reproduces after its lead: …全文如下： / title / 发改能源〔2020〕283号)
    lines += [every[i] for i in sorted(numbered) if every[i][0] > head]
    candidates: list[tuple[int, int, int]] = []  # (rank, start, end)
    for i, (pos, line) in enumerate(lines):
        b = _plain_line(text, pos, line)
        if b is None:
            continue
        s, e = b
        end = _title_end(text, s, e)
        if end is None or _SENTENCE.search(text[s:end]):
            continue
        under_number = any(every[k][0] == pos for k in numbered)
        start = s
        j = i - 1
        while j >= 0 and i - j <= 4:
            first = text[start:end].split("\n", 1)[0]
            if "关于" in first and not first.startswith("关于"):
                break  # the issuer is there
            pb = _plain_line(text, *lines[j])
            if pb is None:
                break
            ps, pe = pb
            prev = text[ps:pe]
            if _SENTENCE.search(prev) or re.search(r"[：:，,]", prev) or len(prev) > 60:
                break
            if _is_date_or_number(prev):
                break
            if first.startswith("关于") or _ISSUERS.match(first):
                if not _ISSUERS.match(prev):
                    break
            elif _ISSUERS.match(prev) or (_title_end(text, ps, pe) is not None and _balanced(prev)):
                break
            start = ps
            j -= 1
        body = join_lines(text[start:end])
        if len(body) > MAX_TITLE or len(body) < 5 or not _balanced(body):
            continue
        rank = 0 if ("关于" in body and not body.startswith("关于")) else 1
        if under_number and end == e:
            rank -= 2  # the document's own title: its number stands on the next line
        candidates.append((rank, start, end))
    if not candidates:
        return None
    candidates.sort(key=lambda c: (c[0], c[1]))
    return candidates[0]


def _number_line(line: str) -> bool:
    """The line holds a document number alone (brackets allowed): 国办发〔2019〕5号."""
    seg = line.strip(" \t\u3000")
    inner = seg.strip("()（）")
    return bool(inner) and any(n.start == 0 and n.end == len(inner) for n in find_numbers(inner))


def join_lines(surface: str) -> str:
    """The title without its line breaks; a space between two lines of issuers
    that are themselves space-separated (国家能源局 自然资源部 / 生态环境部)."""
    parts = [p.strip(" \t\u3000") for p in surface.split("\n")]
    out = parts[0]
    for prev, cur in zip(parts, parts[1:]):
        sep = " " if (_ISSUERS.match(prev) and " " in prev and _ISSUERS.match(cur)) else ""
        out += sep + cur
    return out


# a headline with the page's dateline under it may ask or exclaim (谁是下一个巨头？浅谈…);
# only a sentence end or a clause mark makes it running text
_HEADLINE_SENTENCE = re.compile(r"[。；;]")


def _from_first_line(text: str, sentence_marks: re.Pattern = _SENTENCE) -> tuple[int, int] | None:
    for pos, line in _lines(text, HEAD_LINES):
        if not line.strip() or _SKIP.search(line) or is_chrome(line):
            continue
        if _NUMBERED.match(line):
            return None
        hm = _HASHES.match(line)
        s, e = _strip(text, pos + (hm.end() if hm else 0), pos + len(line))
        body = text[s:e]
        sentence = sentence_marks.search(body) or body.endswith(("，", ",", "：", ":"))
        if 2 <= len(body) <= 60 and not sentence and "\t" not in body:
            return s, e
        return None
    return None


# an order's heading: 中华人民共和国国务院令 / 第707号 (one line or two)
_ORDER_BLOCK = re.compile(
    r"^[ \t\u3000#]*[\u4e00-\u9fff]{2,30}令[ \t\u3000]*\n?[ \t\u3000]*(?:[（(]?\d{4}年[）)]?)?第[ \t\u3000]*"
    r"[0-9０-９一二三四五六七八九十百零〇]+[ \t\u3000]*号[ \t\u3000]*$",
    re.M,
)
_PROMULGATED = re.compile(
    r"(?:公布|发布|颁布)[^。\n]{0,30}?《(?P<t>[^《》\n]{2,80})》"
    r"|《(?P<t2>[^《》\n]{2,80})》[^。\n]{0,40}?(?:公布|发布|颁布)"
)


def _from_order(text: str) -> tuple[int, int] | None:
    """A 令 that promulgates a text: the title is the promulgated text's own heading
    (现公布…《X》… then X on a line of its own), else X inside the 《》."""
    block = _ORDER_BLOCK.search(text, 0, min(len(text), 400))
    if block is None or text[: block.start()].strip(" \t\u3000\n#"):
        return None
    m = _PROMULGATED.search(text, block.end(), min(len(text), block.end() + 600))
    if m is None:
        return None
    g = "t" if m.group("t") else "t2"
    want = m.group(g)
    pos = text.find("\n", m.end())
    for _ in range(8):  # the heading follows the order's signature
        if pos < 0:
            break
        nxt = text.find("\n", pos + 1)
        end = len(text) if nxt < 0 else nxt
        s, e = _strip(text, pos + 1, end)
        while s < e and text[s] == "#":
            s += 1
        s, e = _strip(text, s, e)
        if text[s:e] == want:
            return s, e
        pos = nxt
    return m.start(g), m.end(g)


# the fields a news page puts under its headline
_DATELINE = re.compile(
    r"^[ \t\u3000]*(?:发布时间|发稿时间|时间|日期|来源|作者|发布人|记者|编辑)[ \t\u3000]*[：:\t]"
)


def _from_headline(text: str) -> tuple[int, int] | None:
    """A news page's headline: its first line, short and not a sentence, with the
    page's dateline (发布时间：…, 来源：…, 作者：…) or other chrome right under it."""
    first = None
    for pos, line in _lines(text, HEAD_LINES):
        if not line.strip() or _SKIP.search(line):
            continue
        if first is None:
            if is_chrome(line) or _DATELINE.match(line):
                continue
            first = _from_first_line(text[: pos + len(line)], _HEADLINE_SENTENCE)
            if first is None or first[0] < pos:
                return None
            continue
        return first if (_DATELINE.match(line) or is_chrome(line)) else None
    return None


def find_title(text: str, head: int | None = None) -> tuple[int, int, str] | None:
    """(start, end, title text) of the document title, or None (`head`: `head_end(text)`)."""
    head = head_end(text) if head is None else head
    line = _from_title_line(text, head)
    strong = line[1:] if line is not None and line[0] < 0 else None
    weak = line[1:] if line is not None and line[0] >= 0 else None
    found_in_order = (
        _from_field(text), _from_order(text), strong, _from_headline(text), weak, _from_first_line(text)
    )
    for found in found_in_order:
        if found:
            s, e = found
            return s, e, join_lines(text[s:e])
    return None


@Language.factory("ex_title", assigns=families(KEY), requires=[doc_value("head_end")])
def create_title(nlp: Language, name: str):
    def component(doc: Doc) -> Doc:
        doc.spans[KEY] = []
        found = find_title(doc._.text, doc._.head_end)
        if found:
            s, e, title = found
            add_span(doc, KEY, s, e, "TITLE", {"text": title})
        return doc

    return component
