"""Gazetteer loading and character-level matching.

Gazetteers are TSV data files in `extractor/data/` (comments start with '#',
then a header row). `PhraseIndex` finds every longest non-overlapping match of
many phrases in a text with an Aho-Corasick automaton over characters, so
terms that jieba would split (工业和信息化部, 陶瓷土) are found whole.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Generic, TypeVar

import ahocorasick

DATA_DIR = Path(__file__).resolve().parent / "data"
T = TypeVar("T")


def read_tsv(name: str) -> list[dict[str, str]]:
    """Rows of `extractor/data/<name>` as dicts keyed by the header row."""
    path = DATA_DIR / name
    with path.open(encoding="utf-8") as fh:
        lines = [ln for ln in fh if ln.strip() and not ln.startswith("#")]
    reader = csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)
    return [{k: (v or "").strip() for k, v in row.items()} for row in reader]


@dataclass(frozen=True)
class Match(Generic[T]):
    start: int
    end: int
    surface: str
    value: T


class PhraseIndex(Generic[T]):
    """Longest-match, left-to-right, non-overlapping phrase search."""

    def __init__(self, phrases: Iterable[tuple[str, T]]) -> None:
        self._auto = ahocorasick.Automaton()
        n = 0
        for phrase, value in phrases:
            if phrase:
                self._auto.add_word(phrase, (len(phrase), value))
                n += 1
        if n:
            self._auto.make_automaton()
        self._empty = n == 0

    def find_all(self, text: str) -> list[Match[T]]:
        """All matches, overlapping included, sorted by (start, -length)."""
        if self._empty:
            return []
        out = []
        for end_idx, (length, value) in self._auto.iter(text):
            start = end_idx - length + 1
            out.append(Match(start, end_idx + 1, text[start : end_idx + 1], value))
        out.sort(key=lambda m: (m.start, -(m.end - m.start)))
        return out

    def finditer(self, text: str) -> Iterator[Match[T]]:
        """Longest non-overlapping matches, left to right."""
        pos = 0
        for m in self.find_all(text):
            if m.start >= pos:
                yield m
                pos = m.end


@dataclass(frozen=True)
class RegionEntry:
    canonical: str
    kind: str


def alias_index(name: str, value: Callable[[dict[str, str]], T]) -> PhraseIndex[T]:
    """A PhraseIndex over a TSV with `canonical` and `aliases` (';'-separated) columns.

    Every canonical name and alias maps to `value(row)`.
    """
    pairs = []
    for row in read_tsv(name):
        entry = value(row)
        pairs.append((row["canonical"], entry))
        for alias in filter(None, (a.strip() for a in row["aliases"].split(";"))):
            pairs.append((alias, entry))
    return PhraseIndex(pairs)


@lru_cache(maxsize=1)
def regions() -> PhraseIndex[RegionEntry]:
    """Provinces and countries; see data/regions.tsv."""
    return alias_index("regions.tsv", lambda row: RegionEntry(row["canonical"], row["kind"]))
