"""Search terms: jieba segmentation for full-text indexing, with our gazetteers in its dictionary.

jieba's job in this project is search indexing, never entity matching (it splits
工业和信息化部 into 工业/和/信息化/部 on its own). Every gazetteer name (agencies
with their short names, minerals, places, research institutions: the TSVs under
`extractor/data/`) is added to a private `jieba.Tokenizer` as one word, so
工业和信息化部, 工信部, 铝土矿 and 华鑫期货 are single index terms.

- `index_terms(text)`: the terms of a document (`cut_for_search`: every word of the
  precise cut plus its dictionary 2- and 3-grams), lower-cased, punctuation dropped.
- `query_terms(q)`: the terms of a query (the precise cut, same dictionary, same
  normalisation). Every query term of a text is among the text's index terms, so
  a document matches a query made of its own words.
- `index_text(text)`: the index terms joined by spaces: what the SQLite FTS5 table
  and the PostgreSQL `to_tsvector('simple', ...)` column are fed with, so both
  back ends see the same terms.

Segmentation runs without jieba's HMM (new-word guessing): a term then depends on
the dictionary only, and a query is cut the same way as the documents.

    >>> query_terms("工业和信息化部 铝土矿")
    ['工业和信息化部', '铝土矿']
"""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Iterable

from extractor.gazetteers import read_tsv

# a term is a run of letters and digits; jieba tokens holding punctuation are split
_WORD = re.compile(r"[^\W_]+")
# jieba lets the first ~ thousands of words in; a frequency this high makes every
# gazetteer name win over the split the general dictionary would prefer
_FREQ = 200_000
_lock = threading.Lock()
_tokenizer = None


def _split(value: str) -> list[str]:
    return [v.strip() for v in value.split(";") if v.strip()]


def gazetteer_terms() -> set[str]:
    """Every name of the agency, mineral, region and institution gazetteers."""
    terms: set[str] = set()
    for row in read_tsv("agencies.tsv"):
        if "{" in row["canonical"]:  # naming patterns, not names
            continue
        terms.update([row["canonical"], *_split(row["aliases"]), *_split(row["weak_aliases"])])
    for row in read_tsv("minerals.tsv"):
        if row["row_type"] == "term":
            terms.update([row["term"], row["canonical"]])
    for name in ("regions.tsv", "institutions.tsv"):
        for row in read_tsv(name):
            terms.update([row["canonical"], *_split(row["aliases"])])
    return {t for t in terms if len(t) > 1 and _WORD.fullmatch(t)}


def tokenizer():
    """The shared jieba tokenizer with the gazetteer terms (built once, thread-safe)."""
    global _tokenizer
    if _tokenizer is None:
        with _lock:
            if _tokenizer is None:
                import jieba

                jieba.setLogLevel(logging.WARNING)
                tk = jieba.Tokenizer()
                tk.initialize()
                for term in sorted(gazetteer_terms()):
                    tk.add_word(term, freq=_FREQ)
                _tokenizer = tk
    return _tokenizer


def _norm(tokens: Iterable[str]) -> list[str]:
    out = []
    for tok in tokens:
        out.extend(_WORD.findall(tok.lower()))
    return out


def index_terms(text: str) -> list[str]:
    """The terms a document is indexed by, in text order (repeats kept)."""
    if not text:
        return []
    return _norm(tokenizer().cut_for_search(text, HMM=False))


def query_terms(q: str) -> list[str]:
    """The terms of a search query, in order, without repeats."""
    seen: dict[str, None] = {}
    for tok in _norm(tokenizer().cut(q or "", HMM=False)):
        seen.setdefault(tok, None)
    return list(seen)


def index_text(text: str) -> str:
    """The index terms joined by single spaces (what the full-text index is fed)."""
    return " ".join(index_terms(text))
