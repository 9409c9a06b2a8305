"""Gazetteer loading and character-level matching.

Gazetteers are TSV data files in `extractor/data/` (comments start with '#',
then a header row). `PhraseIndex` finds every longest non-overlapping match of
many phrases in a text with an Aho-Corasick automaton over characters (ahocorasick_rs,
offsets in code points), so terms that jieba would split (工业和信息化部, 陶瓷土) are
found whole.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Generic, TypeVar

import ahocorasick_rs

DATA_DIR = Path(__file__).resolve().parent / "data"
T = TypeVar("T")


def read_tsv(name: str) -> list[dict[str, str]]:
    """Rows of `extractor/data/<name>` as dicts keyed by the header row."""
    path = DATA_DIR / name
    with path.open(encoding="utf-8") as fh:
        lines = [ln for ln in fh if ln.strip() and not ln.startswith("#")]
    reader = csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)
    return [{k: (v or "").strip() for k, v in row.items()} for row in reader]


def _latin(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


def _inside_latin_word(text: str, start: int, end: int) -> bool:
    """A phrase that starts (ends) with a Latin letter or digit must not continue a Latin
    word on that side: CRU is not found in CRUDE, nor SMM in ASMM."""
    return (start > 0 and _latin(text[start]) and _latin(text[start - 1])) or (
        end < len(text) and _latin(text[end - 1]) and _latin(text[end])
    )


@dataclass(frozen=True)
class Match(Generic[T]):
    start: int
    end: int
    surface: str
    value: T


class PhraseIndex(Generic[T]):
    """Longest-match, left-to-right, non-overlapping phrase search."""

    def __init__(self, phrases: Iterable[tuple[str, T]]) -> None:
        # a phrase given twice keeps its last value
        table: dict[str, T] = {}
        for phrase, value in phrases:
            if phrase:
                table[phrase] = value
        self._phrases = list(table)
        # per phrase: its value, and whether it has a Latin letter or digit at an edge
        # (then the characters around a hit are checked, `_inside_latin_word`)
        self._info = [(table[p], _latin(p[0]) or _latin(p[-1])) for p in self._phrases]
        self._auto = ahocorasick_rs.AhoCorasick(self._phrases) if self._phrases else None

    def hits(self, text: str) -> list[tuple[int, int, T]]:
        """All matches as (start, end, value), overlapping included, sorted by
        (start, -length): `find_all` without the Match objects."""
        if self._auto is None:
            return []
        info = self._info
        out = []
        for k, start, end in self._auto.find_matches_as_indexes(text, overlapping=True):
            value, edge = info[k]
            if edge and _inside_latin_word(text, start, end):
                continue
            out.append((start, end, value))
        out.sort(key=lambda h: (h[0], h[0] - h[1]))
        return out

    def find_all(self, text: str) -> list[Match[T]]:
        """All matches, overlapping included, sorted by (start, -length)."""
        return [Match(s, e, text[s:e], v) for s, e, v in self.hits(text)]

    def finditer(self, text: str) -> Iterator[Match[T]]:
        """Longest non-overlapping matches, left to right.

        A phrase whose value is None is a block word: it takes part in the longest
        match (so it hides the shorter names inside it) and is then not yielded."""
        pos = 0
        for m in self.find_all(text):
            if m.start >= pos:
                pos = m.end
                if m.value is not None:
                    yield m


@dataclass(frozen=True)
class RegionEntry:
    canonical: str
    kind: str


BLOCK_KIND = "block"


def alias_index(name: str, value: Callable[[dict[str, str]], T]) -> PhraseIndex[T | None]:
    """A PhraseIndex over a TSV with `canonical` and `aliases` (';'-separated) columns.

    Every canonical name and alias maps to `value(row)`. Rows whose `kind` is
    `block` are names that contain a listed name but are something else
    (中金黄金 is a gold miner, not 中金公司): they map to None, win the longest
    match and are not yielded by `finditer`.
    """
    pairs: list[tuple[str, T | None]] = []
    for row in read_tsv(name):
        entry = None if row.get("kind") == BLOCK_KIND else value(row)
        pairs.append((row["canonical"], entry))
        for alias in filter(None, (a.strip() for a in row["aliases"].split(";"))):
            pairs.append((alias, entry))
    return PhraseIndex(pairs)


@lru_cache(maxsize=1)
def regions() -> PhraseIndex[RegionEntry]:
    """Provinces and countries; see data/regions.tsv."""
    return alias_index("regions.tsv", lambda row: RegionEntry(row["canonical"], row["kind"]))


@lru_cache(maxsize=None)
def date_cues(kind: str) -> dict[str, int]:
    """Cue word -> value for one kind of data/date_cues.tsv (relative_year: 去年 -> -1)."""
    return {row["cue"]: int(row["value"]) for row in read_tsv("date_cues.tsv") if row["kind"] == kind}


def relative_years() -> dict[str, int]:
    """今年 0, 去年 -1, 明年 1 …: offsets from the document's year (data/date_cues.tsv)."""
    return date_cues("relative_year")


@lru_cache(maxsize=None)
def doc_types(use: str) -> tuple[str, ...]:
    """Document-type words (文种: 通知, 意见, 方案 …) with one use of data/doc_types.tsv,
    longest first (a regex alternation of them prefers 意见稿 to 意见)."""
    terms = [row["term"] for row in read_tsv("doc_types.tsv") if use in row["uses"].split(",")]
    if not terms:
        raise KeyError(f"no document type has the use {use!r}")
    return tuple(sorted(terms, key=len, reverse=True))


@lru_cache(maxsize=None)
def word_class(name: str) -> tuple[str, ...]:
    """The members of one class of data/word_classes.tsv (speech_verb: 表示, 指出 …), longest
    first (a regex alternation of them prefers 介绍说 to 介绍). The one home of a class that
    several modules read; an unknown class is an error, not an empty list."""
    terms = [row["term"] for row in read_tsv("word_classes.tsv") if row["class"] == name]
    if not terms:
        raise KeyError(f"no word has the class {name!r}")
    return tuple(sorted(terms, key=len, reverse=True))


def doc_type_pattern(use: str) -> str:
    """`(?:通知|意见|…)`: a regex group of the document-type words with one use."""
    import re

    return "(?:" + "|".join(map(re.escape, doc_types(use))) + ")"
