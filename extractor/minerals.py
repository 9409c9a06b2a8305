"""Mineral gazetteer: loading `data/minerals.tsv` and finding mineral mentions.

Pure (no spaCy); `components/minerals.py` turns the mentions into spans and other
components (policy events, statistics) may call `find_minerals` directly.

Matching: every gazetteer term and every block word goes into one
`PhraseIndex` (Aho-Corasick over characters). All overlapping matches are
found, those whose guard fails are dropped (see the TSV header: `cue:` and
`not_after=` rules), then the longest match wins left to right. Block words
(资金, 银行, 铁路, 盐湖 …) win like any other match and are then discarded, so
the 金 of 资金 is never a mention while 铝土矿 is never 铝 + 土 + 矿.

Organisation names: a mention that runs on into 集团/有限公司/协会 … (江西省钨与稀土产业发展集团有限公司,
钢铁工人联合会) is part of a name, not a mineral mention (org_suffix rows of the TSV); the run
stops at punctuation and at 的 (生产钛白粉的东山集团 names 钛白粉). A stock code after the run
marks a listed company's short name (江西铜业(600362), 攀钢钒钛（000629）).

Chemical compounds: a one-character term next to a compound mark (酸: 磷酸, 磷酸铁锂, 锰酸锂)
is part of a compound's name, not a mention (compound_mark rows); compounds that are
mineral products are terms and win the longest match (碳酸锂, 硫酸镍, 铅酸电池).

Person names: a one-character term between a common surname that opens a run (after
punctuation, the start, 的 or a title word: name_open rows) and a speech verb or title that
follows a name (，林锡安直言; 分析师王铁表示: surname and name_follow rows) is part of the name.
Function words are no surnames (铝和铜预计, 相对于铜则 keep their metals).

Naming: one canonical per mineral or product (氧化铝, 电解铝, 铝, 铝土矿 are four
canonicals); aliases share the canonical they name (煤炭 -> 煤, 铁矿石 -> 铁矿);
`parent` points from a product to its metal/catalogue kind (氧化铝 -> 铝 -> 铝土矿).
The output fields of a canonical (group, strategic, parent) come from the row
whose term is the canonical itself.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from extractor.gazetteers import PhraseIndex, read_tsv, word_class
from extractor.grammars.text_units import drop_runs


@dataclass(frozen=True)
class MineralEntry:
    term: str
    canonical: str
    group: str | None
    strategic: bool
    parent: str | None
    relation: str
    guard: str

    def allows(self, text: str, start: int, end: int) -> bool:
        """Apply the row's context guard to a match text[start:end]."""
        if not self.guard:
            return True
        before = text[start - 1] if start > 0 else ""
        after = text[end] if end < len(text) else ""
        rules = dict(part.split("=", 1) for part in self.guard.removeprefix("cue:").split(";") if "=" in part)
        if self.guard.startswith("cue:"):
            return bool(before and before in rules.get("before", "")) or bool(
                after and after in rules.get("after", "")
            )
        if "not_after" in rules and before and before in rules["not_after"]:
            return False
        if "not_before" in rules and _starts_any(text, end, rules["not_before"]):
            return _starts_any(text, end, rules.get("except_before", ""))
        return True


def _starts_any(text: str, pos: int, words: str) -> bool:
    """True when text[pos:] starts with one of the `|`-separated `words`."""
    return any(w and text.startswith(w, pos) for w in words.split("|"))


@dataclass(frozen=True)
class MineralMention:
    start: int
    end: int
    surface: str
    entry: MineralEntry


_BLOCK = None  # value of block words in the index


@lru_cache(maxsize=1)
def _rows() -> tuple[dict[str, MineralEntry], tuple[str, ...]]:
    terms: dict[str, MineralEntry] = {}
    blocks: list[str] = []
    for row in read_tsv("minerals.tsv"):
        if row["row_type"] == "block":
            blocks.append(row["term"])
            continue
        if row["row_type"] != "term":
            continue
        terms[row["term"]] = MineralEntry(
            term=row["term"],
            canonical=row["canonical"] or row["term"],
            group=row["group"] or None,
            strategic=row["strategic"] == "Y",
            parent=row["parent"] or None,
            relation=row["relation"],
            guard=row["guard"],
        )
    return terms, tuple(blocks)


@lru_cache(maxsize=1)
def org_suffixes() -> tuple[str, ...]:
    """Words that end an organisation name (集团, 有限公司 …): see the TSV header."""
    return tuple(r["term"] for r in read_tsv("minerals.tsv") if r["row_type"] == "org_suffix")


ORG_WINDOW = 10  # characters looked at after a mention
_ORG_STOP = re.compile(r"[\s，,。；;：:、（）()《》“”\"和及的]")


# a listed company's stock code after its short name: 江西铜业(600362), 厦门钨业（600549.SH）
_STOCK_CODE = re.compile(r"[\u4e00-\u9fffA-Za-z]{0,6}\s*[（(](?:股票代码|证券代码)?[:：]?\s*\d{6}(?:\.S[HZ])?[)）]")


def in_org_name(text: str, end: int) -> bool:
    """True when text[end:] continues, within one name-like run, into 集团/公司 …, or into a
    stock code (江西铜业(600362): a listed company's short name)."""
    if _STOCK_CODE.match(text, end):
        return True
    window = text[end : end + ORG_WINDOW + 4]
    stop = _ORG_STOP.search(window)
    if stop:
        window = window[: stop.start()]
    return _org_suffix().search(window) is not None


@lru_cache(maxsize=1)
def _org_suffix() -> re.Pattern:
    """Any of `org_suffixes()` (one search instead of a test per word)."""
    return re.compile("|".join(map(re.escape, org_suffixes())) or "(?!)")


@lru_cache(maxsize=1)
def compound_marks() -> frozenset[str]:
    """Characters that make a compound's name with the element next to them (酸): see the TSV header."""
    return frozenset(r["term"] for r in read_tsv("minerals.tsv") if r["row_type"] == "compound_mark")


def in_compound(text: str, start: int, end: int) -> bool:
    """True when the one-character match text[start:end] touches a compound mark (磷酸, 锰酸锂)."""
    marks = compound_marks()
    return end - start == 1 and (start > 0 and text[start - 1] in marks or end < len(text) and text[end] in marks)


def name_follow_words() -> frozenset[str]:
    """Words that follow a person's name: the speech verbs (class speech_verb of
    data/word_classes.tsv) and the name_follow rows of minerals.tsv (titles, and the speech verbs
    only a person takes)."""
    rows = read_tsv("minerals.tsv")
    return frozenset(word_class("speech_verb")) | {r["term"] for r in rows if r["row_type"] == "name_follow"}


@lru_cache(maxsize=1)
def _person_name() -> tuple[frozenset[str], re.Pattern, tuple[str, ...]]:
    rows = read_tsv("minerals.tsv")
    surnames = frozenset(r["term"] for r in rows if r["row_type"] == "surname")
    follow = sorted(name_follow_words(), key=len, reverse=True)
    opens = tuple(r["term"] for r in rows if r["row_type"] == "name_open")
    return surnames, re.compile(r"[\u4e00-\u9fff]?(?:" + ("|".join(map(re.escape, follow)) or "(?!)") + ")"), opens


_CJK_CHAR = re.compile(r"[\u4e00-\u9fff]")


def opens_run(text: str, pos: int, opens: tuple[str, ...]) -> bool:
    """True when a name may begin at text[pos]: at the start, after a character that is no Han
    character (punctuation, space, digit), or after a word that opens a name (的, 据, 分析师 …)."""
    return pos == 0 or not _CJK_CHAR.match(text, pos - 1) or any(text.endswith(w, 0, pos) for w in opens)


def in_person_name(text: str, start: int, end: int) -> bool:
    """True when the one-character match text[start:end] is inside a person's name: a surname
    that opens a run before it (，林锡安直言; 的林锡安直言; 分析师王铁表示) and a word that follows
    a name after it, at most one character on. 铝和铜预计, 相对于铜则: 和/于 are no surnames."""
    if end - start != 1 or start == 0:
        return False
    surnames, follow, opens = _person_name()
    return (text[start - 1] in surnames and follow.match(text, end) is not None
            and opens_run(text, start - 1, opens))


def entries() -> dict[str, MineralEntry]:
    """Gazetteer rows by term."""
    return _rows()[0]


def canonical_entry(canonical: str) -> MineralEntry | None:
    """The row describing a canonical (its own term row), if any."""
    return entries().get(canonical)


@lru_cache(maxsize=1)
def mineral_index() -> PhraseIndex:
    terms, blocks = _rows()
    pairs: list[tuple[str, MineralEntry | None]] = list(terms.items())
    pairs += [(b, _BLOCK) for b in blocks if b not in terms]
    return PhraseIndex(pairs)


_CJK = re.compile(r"(?<=[\u4e00-\u9fff]) +(?=[\u4e00-\u9fff])")


def squeeze(text: str) -> tuple[str, Sequence[int]]:
    """Drop spaces between two CJK characters (PDF letter-spacing: 铝  土矿).

    Returns the squeezed text and, for each of its characters, the offset in `text`. A text
    with no such space is its own squeeze: its offsets are a `range`, not a list of one int
    per character (a million objects made and freed for a long text).
    """
    if _CJK.search(text) is None:
        return text, range(len(text))
    return drop_runs(text, _CJK)


def find_minerals(text: str) -> list[MineralMention]:
    """Mineral mentions in `text`, left to right, longest match, guards applied."""
    sq, offsets = squeeze(text)
    out: list[MineralMention] = []
    pos = 0
    for s, e, entry in mineral_index().hits(sq):  # sorted by (start, -length)
        if s < pos:  # inside the last match taken (tested first: the guard is pure)
            continue
        if entry is not None and entry.guard and not entry.allows(sq, s, e):
            continue  # a guard rejects it: a shorter match at s may still be taken
        if entry is not None and (in_compound(sq, s, e) or in_person_name(sq, s, e)):
            continue  # 磷酸, 锰酸锂: a chemical compound; 林锡安直言: a person's name
        pos = e
        if entry is not None and not in_org_name(sq, e):
            start, end = offsets[s], offsets[e - 1] + 1
            out.append(MineralMention(start, end, text[start:end], entry))
    return out


def group_mentions(mentions: list[MineralMention]) -> dict[str, list[MineralMention]]:
    """Mentions by canonical, in order of first mention."""
    by: dict[str, list[MineralMention]] = {}
    for m in mentions:
        by.setdefault(m.entry.canonical, []).append(m)
    return by
