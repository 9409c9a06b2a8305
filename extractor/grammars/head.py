"""The head of a document: the part before the body (addressee line, first article).

`head_end(text)` is the offset where the body starts: the addressee line (a short
line ending with a colon that is not a header field label), the first article or
chapter (第一条 / 第一章), or the first long paragraph; at most `HEAD_MAX_CHARS`.
"""

from __future__ import annotations

import re

HEAD_MAX_CHARS = 3000

FIELD_LABEL = re.compile(r"^[ \t\u3000]*[\u4e00-\u9fff ]{1,8}[ \t\u3000]*[：:\t][ \t\u3000]*$")
_BODY_START = re.compile(r"^[ \t\u3000]*(?:第[一1]条|第[一1]章)")


def head_end(text: str) -> int:
    """Offset where the body starts: the addressee line, the first article, a long paragraph."""
    pos = 0
    first = True
    cut = text.find("\n", HEAD_MAX_CHARS)  # no line that starts past the limit is read
    for line in (text if cut < 0 else text[:cut]).split("\n"):
        s = line.strip()
        if s and s.endswith(("：", ":")) and len(s) < 400 and not FIELD_LABEL.match(s):
            # the addressee line (the normaliser may have glued header text to it)
            return pos + len(line)
        if not first and s:
            if _BODY_START.match(line):
                return pos
            if len(s) > 150 and "\t" not in s:
                return pos
        if s:
            first = False
        pos += len(line) + 1
        if pos > HEAD_MAX_CHARS:
            return HEAD_MAX_CHARS
    return len(text)
