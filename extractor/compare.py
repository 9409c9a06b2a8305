"""Comparing values across results: the normalisations the field registry's
matchers and keys are written in (extractor/fields.py).

Plain functions over plain values; nothing here imports the pipeline, so that
scoring and the annotation tools work while the pipeline is being edited.

- `soft(s)`: NFKC, casefold, then drop every whitespace, punctuation and symbol
  character (Unicode categories Z*, P*, S*): 工信部联原〔2025〕62号 and
  工信部联原（2025）62号 become the same string.
- `soft_unit(u)`: units keep % and / (they carry meaning); width and spaces go.
- `agency_key` / `agency_soft`: an agency by its canonical name (else as written);
  soft drops a leading 中华人民共和国.
- `catalogue(name)`: a mineral followed up the gazetteer's parent chain to the
  catalogue mineral (氧化铝 -> 铝 -> 铝土矿).
"""

from __future__ import annotations

import math
import re
import unicodedata
from functools import lru_cache
from pathlib import Path
from typing import Any

MINERALS_TSV = Path(__file__).resolve().parent / "data" / "minerals.tsv"
_PRC = "中华人民共和国"
_WS = re.compile(r"\s+")


def soft(s: str | None) -> str:
    """NFKC, casefold, drop whitespace, punctuation and symbols."""
    if s is None:
        return ""
    s = unicodedata.normalize("NFKC", s).casefold()
    return "".join(c for c in s if unicodedata.category(c)[0] not in "ZPS" and not c.isspace())


def soft_unit(u: str | None) -> str:
    """Units keep % and / (they carry meaning); width and spaces go."""
    if u is None:
        return ""
    u = unicodedata.normalize("NFKC", u).casefold()
    return "".join(c for c in u if not c.isspace())


def squeeze(s: str | None) -> str | None:
    """Every whitespace run removed (renderings of one text differ in line breaks)."""
    return None if s is None else _WS.sub("", s)


def agency_key(a: dict) -> str:
    return (a.get("canonical") or a.get("name") or "").strip()


def agency_soft(a: dict) -> str:
    k = agency_key(a)
    if k.startswith(_PRC) and len(k) > len(_PRC):
        k = k[len(_PRC):]
    return soft(k)


def strip_title_marks(t: str | None) -> str:
    return (t or "").strip().strip("《》〈〉").strip()


def task_tail(task: str | None) -> str:
    """The innermost task number: '二.（三）.5' -> '5', '（3）' -> '3'."""
    parts = [p for p in re.split(r"[.．]", task or "") if p.strip()]
    return soft(parts[-1]) if parts else ""


def num_eq(a: Any, b: Any) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return math.isclose(float(a), float(b), rel_tol=1e-6, abs_tol=1e-9)


def contains(a: str, b: str) -> bool:
    return bool(a) and bool(b) and (a in b or b in a)


def rounded(v: Any) -> Any:
    return None if v is None else round(float(v), 6)


def absolute(v: Any) -> Any:
    return None if v is None else abs(float(v))


@lru_cache(maxsize=1)
def mineral_parents() -> dict[str, str]:
    """canonical -> parent from the mineral gazetteer (extractor/data/minerals.tsv),
    read as a plain file so that scoring does not import the pipeline."""
    if not MINERALS_TSV.is_file():
        return {}
    rows = [
        ln.rstrip("\n").split("\t")
        for ln in MINERALS_TSV.read_text(encoding="utf-8").splitlines()
        if ln.strip() and not ln.startswith("#")
    ]
    if not rows:
        return {}
    head = rows[0]
    if "canonical" not in head or "parent" not in head:
        return {}
    ci, pi = head.index("canonical"), head.index("parent")
    return {r[ci]: r[pi] for r in rows[1:] if len(r) > max(ci, pi) and r[pi] and r[pi] != r[ci]}


def catalogue(name: str | None) -> str | None:
    """Follow the gazetteer's parent chain to the catalogue mineral (氧化铝->铝->铝土矿)."""
    parents = mineral_parents()
    seen = set()
    while name in parents and name not in seen:
        seen.add(name)
        name = parents[name]
    return name
