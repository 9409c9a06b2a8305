"""`ex_doc_numbers`: 发文字号 -> doc.spans["doc_numbers"] (models.DocNumber).

One item per number and role (one fact, one item): the span is its first occurrence,
`mentions` every occurrence (the header and the line under the title, a cited number
quoted twice). The document's own number (role ``self``) is found in
the head of the document (the part before the addressee line / the first
article), from, in order:

0. when ex_title ran first: a number alone on the line under the title (brackets
   allowed), in the head or past it (a notice reproduced by a news story after its lead);
1. a header field: 发文字号 / 文号 / 文件编号 / 发文号 (label, colon or tab, number);
2. a header field whose whole value is a number (公开事项名称  国家能源局公告 2026年第3号);
3. a line that holds the number alone, brackets allowed ((国土资发〔2000〕133号));
4. a number at the end of the title line (…的通知工信部联原（2025）62号,
   …的通知(发改环资〔2026〕1062号));
5. a 令 number that promulgates the text (1998年2月12日 国务院令第242号发布);
6. else the first number of the head that does not follow a 《》 title.

Every occurrence whose normalised form equals the own number is ``self`` (the
header and the line under the title are one number written twice); all other
numbers are ``cited`` (after a 《》 title, in running text, in tables).
"""

from __future__ import annotations

import re
from bisect import bisect_left

from spacy.language import Language
from spacy.tokens import Doc

from extractor.gazetteers import doc_type_pattern
from extractor.grammars.doc_number import DocNumberParse, find_numbers
from extractor.grammars.head import FIELD_LABEL as _FIELD_LABEL
from extractor.grammars.head import head_end
from extractor.pipelines.base import Loc, add_span, doc_value, families, records

KEY = "doc_numbers"

_NUMBER_LABEL = re.compile(r"(?:发文字号|文件字号|文件编号|发文号|文号|字号|编号)[ \t\u3000]*[：:\t]?[ \t\u3000]*$")
_TITLE_END = re.compile(doc_type_pattern("head_title") + r"[ \t]*[（(]?[ \t]*$")
_OPEN = "（(〔[【"
_CLOSE = "）)〕]】"
_NOT_OPEN = re.compile("[^ \t\u3000" + re.escape(_OPEN) + "]")
_NOT_CLOSE = re.compile("[^ \t\u3000" + re.escape(_CLOSE) + "]")


class _Lines:
    """Line bounds of any offset by bisection over the newlines, found once per text (a
    find per number would rescan a long line for each of its numbers)."""

    def __init__(self, text: str, title: tuple[int, int] | None) -> None:
        self.n = len(text)
        self.newlines = [m.start() for m in re.finditer("\n", text)]
        # the first character after the title that is not blank: a line starting at or
        # before it has only blanks between the title and itself
        self.after_title = None
        if title is not None:
            m = re.compile(r"[^ \t\u3000\n]").search(text, title[1])
            self.after_title = m.start() if m else self.n

    def bounds(self, start: int, end: int) -> tuple[int, int]:
        i = bisect_left(self.newlines, start)
        ls = self.newlines[i - 1] + 1 if i else 0
        j = bisect_left(self.newlines, end)
        return ls, self.newlines[j] if j < len(self.newlines) else self.n


def _after_title_ref(text: str, n: DocNumberParse) -> bool:
    before = text[max(0, n.start - 3) : n.start].rstrip()
    return before.endswith(("》（", "》(", "》 （", "》 ("))


def _self_rank(text: str, n: DocNumberParse, head: int, lines: _Lines) -> int | None:
    """How sure we are that `n` is the document's own number (lower is surer)."""
    ls, le = lines.bounds(n.start, n.end)
    if lines.after_title is not None and lines.after_title >= ls:
        # searched, not sliced: a long line is not copied for each of its numbers
        if not _NOT_OPEN.search(text, ls, n.start) and not _NOT_CLOSE.search(text, n.end, le):
            return 0  # alone on the line under the title (past the head too: a reproduced notice)
    if n.start >= head:
        return None
    before = text[ls : n.start]
    after = text[n.end : le]
    if _NUMBER_LABEL.search(before):
        return 1
    if _FIELD_LABEL.match(before) and not after.strip():
        return 2
    b, a = before.strip(), after.strip()
    if (not b and not a) or (b in _OPEN and a in _CLOSE and (b or a)):
        return 3
    if not a.strip(_CLOSE) and _TITLE_END.search(before):
        return 4
    if n.family == "order" and re.match(r"^[ \t]*(?:发布|公布)", after):
        return 5
    if not _after_title_ref(text, n):
        return 6
    return None


def find_doc_numbers(
    text: str,
    numbers: list[DocNumberParse] | None = None,
    head: int | None = None,
    title: tuple[int, int] | None = None,
) -> list[tuple[DocNumberParse, str]]:
    """(parse, role) for every number of `text` (`numbers` and `head`: when already found;
    `title`: the title span when ex_title ran)."""
    if numbers is None:
        numbers = find_numbers(text)
    if not numbers:
        return []
    if head is None:
        head = head_end(text)
    lines = _Lines(text, title)
    ranked = [
        (r, i) for i, n in enumerate(numbers) if (r := _self_rank(text, n, head, lines)) is not None
    ]
    own = None
    if ranked:
        own = numbers[min(ranked)[1]].normalized
    return [(n, "self" if n.normalized == own else "cited") for n in numbers]


@Language.factory(
    "ex_doc_numbers",
    assigns=families(KEY),
    requires=[*families("doc_number_mentions"), doc_value("head_end")],
)
def create_doc_numbers(nlp: Language, name: str):
    def component(doc: Doc) -> Doc:
        if KEY not in doc.spans:
            doc.spans[KEY] = []
        numbers = records(doc, "doc_number_mentions")
        facts: dict[tuple[str, str], list[DocNumberParse]] = {}
        title = None
        if "title" in doc.spans and len(doc.spans["title"]):  # when ex_title ran first
            title = (doc.spans["title"][0].start_char, doc.spans["title"][0].end_char)
        for n, role in find_doc_numbers(doc._.text, numbers, doc._.head_end, title):
            facts.setdefault((n.normalized, role), []).append(n)
        for (_, role), ns in facts.items():
            n = ns[0]
            add_span(
                doc,
                KEY,
                n.start,
                n.end,
                "DOC_NUMBER",
                {
                    "text": n.text,
                    "normalized": n.normalized,
                    "organ_code": n.organ_code,
                    "year": n.year,
                    "serial": n.serial,
                    "family": n.family,
                    "role": role,
                    "mentions": [Loc(x.start, x.end) for x in ns],
                },
            )
        return doc

    return component
