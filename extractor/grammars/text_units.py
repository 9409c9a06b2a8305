"""Text units of a document: paragraphs, sentences, clauses, and the parts to keep out.

`TextUnits(text)` finds every unit boundary in one pass and answers "which sentence /
clause / paragraph holds this offset" by bisection, so a component that asks once
per mention stays linear (n log n) in the text, whatever the length of a line:

- a paragraph is a non-blank line;
- a sentence ends at 。！？!? or a line break (`SENT_END`);
- a clause also ends at ，,；;：: (`CLAUSE_END`); a comma inside a number (1,000) does
  not start a clause.

`excluded_sections(text)`: the disclaimer and company-blurb paragraphs of a report;
no statistic, forecast or policy event is taken from them (`in_excluded`).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

SENT_END = "。！？!?\n"
CLAUSE_END = SENT_END + "，,；;：:"


def drop_runs(text: str, runs: re.Pattern, keep=None) -> tuple[str, list[int]]:
    """`text` without the matches of `runs` (those `keep(match)` does not keep), and for
    each remaining character its offset in `text` (letter-spaced 自 然 资 源 部 -> 自然资源部)."""
    parts: list[str] = []
    offsets: list[int] = []
    at = 0
    for m in runs.finditer(text):
        if keep is not None and keep(m):
            continue
        parts.append(text[at : m.start()])
        offsets.extend(range(at, m.start()))
        at = m.end()
    parts.append(text[at:])
    offsets.extend(range(at, len(text)))
    return "".join(parts), offsets


def paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of every non-blank line."""
    out, pos = [], 0
    for line in text.split("\n"):
        end = pos + len(line)
        if line.strip():
            out.append((pos, end))
        pos = end + 1
    return out


class TextUnits:
    """Sentence, clause, paragraph and line bounds of one text, found once (`newlines`: the
    line breaks, shared by every component that asks for a line)."""

    def __init__(self, text: str) -> None:
        self.length = n = len(text)
        self.paragraphs = paragraphs(text)
        self.newlines = CharIndex(text, "\n")
        self._para_starts = [s for s, _ in self.paragraphs]
        sent_stops: list[int] = []
        clause_stops: list[int] = []
        clause_starts: list[int] = []  # clause stops minus the commas inside numbers
        for m in _CLAUSE_STOP.finditer(text):
            i = m.start()
            c = text[i]
            clause_stops.append(i)
            if c in SENT_END:
                sent_stops.append(i)
            if not (c == "," and i >= 1 and i + 1 < n and text[i - 1].isdigit() and text[i + 1].isdigit()):
                clause_starts.append(i)
        self._sent = sent_stops
        self._clause = clause_stops
        self._clause_start = clause_starts

    def _bounds(self, stops: list[int], pos: int) -> tuple[int, int]:
        k = bisect_left(stops, pos)
        return (stops[k - 1] + 1 if k else 0), (stops[k] if k < len(stops) else self.length)

    def sentence(self, pos: int) -> tuple[int, int]:
        """The sentence around `pos` (a stop character at `pos` ends it there)."""
        return self._bounds(self._sent, pos)

    def clause(self, pos: int) -> tuple[int, int]:
        """The clause around `pos`; a comma inside a number (1,000) does not start it."""
        k = bisect_left(self._clause_start, pos)
        start = self._clause_start[k - 1] + 1 if k else 0
        return start, self._bounds(self._clause, pos)[1]

    def paragraph(self, pos: int) -> tuple[int, int] | None:
        """The paragraph (non-blank line) holding `pos`, None on a blank line."""
        k = bisect_right(self._para_starts, pos) - 1
        if k >= 0 and pos < self.paragraphs[k][1]:
            return self.paragraphs[k]
        return None

    def next_paragraph(self, pos: int) -> tuple[int, int] | None:
        """The first paragraph that starts after `pos`."""
        k = bisect_right(self._para_starts, pos)
        return self.paragraphs[k] if k < len(self.paragraphs) else None


class Intervals:
    """A set of (start, end) ranges that answers "does [start, end) overlap one" in log time."""

    def __init__(self, ranges) -> None:
        rs = sorted(ranges)
        self._starts = [s for s, _ in rs]
        self._max_end: list[int] = []
        best = -1
        for _, e in rs:
            best = max(best, e)
            self._max_end.append(best)

    def overlaps(self, start: int, end: int) -> bool:
        k = bisect_left(self._starts, end)  # the ranges that start before `end`
        return k > 0 and self._max_end[k - 1] > start


class CharIndex:
    """Where some characters (or the matches of a one-character regex) are in a text:
    `text.rfind` / `text.find` / `in` over a range, in log time, so a question asked
    once per mention does not re-read the line or the text before it."""

    def __init__(self, text: str, chars: str | re.Pattern) -> None:
        rx = chars if isinstance(chars, re.Pattern) else re.compile("[" + re.escape(chars) + "]")
        self.positions = [m.start() for m in rx.finditer(text)]
        self.length = len(text)

    def last(self, lo: int, hi: int) -> int:
        """The last position in [lo, hi), -1 when none (`text.rfind`)."""
        k = bisect_left(self.positions, hi) - 1
        return self.positions[k] if k >= 0 and self.positions[k] >= lo else -1

    def first(self, lo: int, hi: int | None = None) -> int:
        """The first position in [lo, hi), -1 when none (`text.find`)."""
        hi = self.length if hi is None else hi
        k = bisect_left(self.positions, lo)
        return self.positions[k] if k < len(self.positions) and self.positions[k] < hi else -1

    def any(self, lo: int, hi: int) -> bool:
        return self.first(lo, hi) >= 0


class Hits:
    """Every occurrence of some words (overlapping ones too), to ask "is one of them
    wholly inside [lo, hi)" in log time: what `re.search(words, text[lo:hi])` answers,
    without slicing the text per question.

    `words`: literal strings, or a compiled alternation (`a|b|(?<!x)c`) whose top-level
    alternatives are searched one by one (lookarounds then see the whole text; callers
    pass ranges that start after a delimiter, where that makes no difference)."""

    def __init__(self, text: str, words) -> None:
        alts = words.pattern.split("|") if isinstance(words, re.Pattern) else list(words)
        found = []
        for w in alts:
            if re.escape(w) == w:  # a literal
                k = text.find(w)
                while k >= 0:
                    found.append((k + len(w), k))
                    k = text.find(w, k + 1)
            else:
                for m in re.finditer(f"(?=({w}))", text):
                    if m.end(1) > m.start(1):
                        found.append((m.end(1), m.start(1)))
        found.sort()
        self._ends = [e for e, _ in found]
        self._max_start: list[int] = []
        best = -1
        for _, s in found:
            best = max(best, s)
            self._max_start.append(best)

    def inside(self, lo: int, hi: int) -> bool:
        k = bisect_right(self._ends, hi)  # the hits that end by `hi`
        return k > 0 and self._max_start[k - 1] >= lo


class ByStart:
    """Mentions (objects with `start` and `end`) sorted by start, for window look-ups in
    log time instead of a pass over every mention per question."""

    def __init__(self, items) -> None:
        self.items = sorted(items, key=lambda x: x.start)
        self._starts = [x.start for x in self.items]
        self._longest = max((x.end - x.start for x in self.items), default=0)

    def __iter__(self):
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)

    def starting(self, lo: int, hi: int) -> list:
        """The items with lo <= start < hi, in order."""
        return self.items[bisect_left(self._starts, lo) : bisect_left(self._starts, hi)]

    def within(self, lo: int, hi: int) -> list:
        """The items inside [lo, hi)."""
        return [x for x in self.starting(lo, hi) if x.end <= hi]

    def backwards(self, lo: int, hi: int):
        """The items inside [lo, hi), last first (lazily: stop when you have enough)."""
        k = bisect_left(self._starts, hi) - 1
        first = bisect_left(self._starts, lo)
        while k >= first:
            if self.items[k].end <= hi:
                yield self.items[k]
            k -= 1

    def forwards(self, lo: int, hi: int):
        """The items that start in [lo, hi), in order (lazily)."""
        k = bisect_left(self._starts, lo)
        while k < len(self.items) and self._starts[k] < hi:
            yield self.items[k]
            k += 1

    def overlapping(self, lo: int, hi: int) -> list:
        """The items that overlap [lo, hi)."""
        return [x for x in self.starting(lo - self._longest, hi) if x.end > lo]

    def overlaps(self, lo: int, hi: int) -> bool:
        """Whether one item overlaps [lo, hi) (`overlapping` without building the list: the
        nearest candidates first, stopping at the first hit)."""
        k = bisect_left(self._starts, hi) - 1
        first = bisect_left(self._starts, lo - self._longest)
        while k >= first:
            if self.items[k].end > lo:
                return True
            k -= 1
        return False


_CLAUSE_STOP = re.compile("[" + re.escape(CLAUSE_END) + "]")


def sentence_bounds(text: str, pos: int) -> tuple[int, int]:
    """The sentence around `pos` (for one lookup; build `TextUnits` for many)."""
    s = max(text.rfind(c, 0, pos) for c in SENT_END) + 1
    ends = [k for k in (text.find(c, pos) for c in SENT_END) if k >= 0]
    return s, min(ends, default=len(text))


# --- sections to keep out -----------------------------------------------------

DISCLAIMER_CUES = re.compile(
    r"免责声明|本(文|报告)中的(信息|资料)|来源于公开资料|不作任何保证|不构成(任何)?(对任何人的)?投资建议|"
    r"不构成[^。]{0,20}(推荐|依据|邀约|要约)|仅供(内部)?参考|不承担任何(法律)?责任|私自转载|未经(书面)?授权|"
    r"版权(归|所有)|风险自负|据此(投资|操作|入市)|投资有风险|追究其法律责任|初次发布时的判断"
)
PROFILE_CUES = re.compile(
    r"立足|秉承|致力于|理念|宗旨|投研内核|成立于|注册资本|是一家|专注于|助力|客户提供|全方位|一站式|综合(金融)?服务"
)
DISCLAIMER_HEADING = re.compile(r"^\s*(免责声明|法律声明|重要声明|分析师声明|特别声明)\s*[：:]?\s*$")
PROFILE_HEADING = re.compile(r"^\s*(公司简介|关于我们|研究所简介|机构简介)\s*[：:]?\s*$")
HEADING = re.compile(
    r"^\s*([一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)]|\d+[、.．，,]\s*|第[一二三四五六七八九十]+[章节])"
)


@dataclass(frozen=True)
class Excluded:
    start: int
    end: int
    role: str  # disclaimer | company_profile
    heading: str | None = None


def excluded_sections(text: str) -> tuple[Excluded, ...]:
    """Disclaimer and company-profile paragraphs, merged when adjacent."""
    raw: list[Excluded] = []
    mode: str | None = None  # after a 免责声明 heading every paragraph is disclaimer
    heading: str | None = None
    for s, e in paragraphs(text):
        para = text[s:e]
        if DISCLAIMER_HEADING.match(para):
            mode, heading = "disclaimer", para.strip(" ：:")
            raw.append(Excluded(s, e, "disclaimer", heading))
            continue
        if PROFILE_HEADING.match(para):
            mode, heading = "company_profile", para.strip(" ：:")
            raw.append(Excluded(s, e, "company_profile", heading))
            continue
        if mode and HEADING.match(para) and len(para) < 40:
            mode = heading = None
        n_disc = len({m.group(0) for m in DISCLAIMER_CUES.finditer(para)})
        n_prof = len({m.group(0) for m in PROFILE_CUES.finditer(para)})
        if n_disc >= 2 or (n_disc == 1 and len(para) < 80):
            raw.append(Excluded(s, e, "disclaimer", heading if mode == "disclaimer" else None))
        elif n_prof >= 2 and re.search(r"期货|证券|研究所|研究院|公司|集团|机构|资讯", para):
            raw.append(Excluded(s, e, "company_profile", heading if mode == "company_profile" else None))
        elif mode:
            raw.append(Excluded(s, e, mode, heading))
    merged: list[Excluded] = []
    for ex in raw:
        if merged and merged[-1].role == ex.role and text[merged[-1].end : ex.start].strip() == "":
            prev = merged[-1]
            merged[-1] = Excluded(prev.start, ex.end, prev.role, prev.heading or ex.heading)
        else:
            merged.append(ex)
    return tuple(merged)




def in_excluded(excluded, start: int, end: int | None = None) -> str | None:
    """The role (disclaimer, company_profile) of the section of `excluded` holding [start, end)."""
    end = start + 1 if end is None else end
    for ex in excluded:
        if start < ex.end and end > ex.start:
            return ex.role
    return None


class ClosedParens:
    """Whether a position of one text lies in a bracket group (…) / （…） that closes before a
    given offset: the brackets found once, each question answered in log time instead of a walk
    over the characters around the position."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._any = CharIndex(text, "()（）")
        self._close = CharIndex(text, ")）")

    def __call__(self, pos: int, before: int) -> bool:
        """True when an opening bracket is the nearest bracket in the 39 characters before `pos`
        and a closing one follows it before `before`."""
        k = self._any.last(max(0, pos - 39), pos)  # the nearest bracket in the 39 characters before
        if k < 0 or self._text[k] in ")）":
            return False
        return self._close.any(pos, min(len(self._text), before))


