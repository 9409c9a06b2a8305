"""The agency gazetteer as data: `data/agencies.tsv` read once into an alias table, a
phrase index over every name and alias, the provinces, and the naming patterns
({省}自然资源厅, vertical branches) that `extractor/agencies.py` matches with.

Split from agencies.py along its seam (data here, matching there); agencies.py
re-exports `alias_table`; `lookup` and `canonical_name` stay there (they fall back
on the matcher)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from extractor.gazetteers import PhraseIndex, read_tsv, word_class

_WS = frozenset(" \t\n\r\u3000\u00a0\u2002\u2003\u2009")
_LOCAL_UNITS = ("自治州", "自治县", "自治旗", "地区", "市", "州", "盟", "县", "区", "旗")


@dataclass(frozen=True)
class AgencyEntry:
    """One organ of the gazetteer."""

    canonical: str
    level: str
    type: str = ""
    parent: str = ""



def _split(value: str) -> list[str]:
    return [v.strip() for v in value.split(";") if v.strip()]



# --- data ---------------------------------------------------------------------


@lru_cache(maxsize=1)
def _rows() -> list[dict[str, str]]:
    return read_tsv("agencies.tsv")


@lru_cache(maxsize=1)
def alias_table() -> dict[str, tuple[AgencyEntry, bool]]:
    """Every literal name (canonical and aliases) -> (entry, weak)."""
    out: dict[str, tuple[AgencyEntry, bool]] = {}
    for row in _rows():
        if "{" in row["canonical"]:
            continue
        entry = AgencyEntry(row["canonical"], row["level"], row["type"], row["parent"])
        for name in [row["canonical"], *_split(row["aliases"])]:
            out[name] = (entry, False)
        for name in _split(row["weak_aliases"]):
            out[name] = (entry, True)
    return out


@lru_cache(maxsize=1)
def _index() -> PhraseIndex[tuple[AgencyEntry, bool]]:
    return PhraseIndex(alias_table().items())


@lru_cache(maxsize=1)
def _provinces() -> tuple[dict[str, str], dict[str, str]]:
    """(full name -> full name, short name -> full name) for provincial divisions."""
    full: dict[str, str] = {}
    short: dict[str, str] = {}
    for row in read_tsv("regions.tsv"):
        if row["kind"] != "province":
            continue
        canon = row["canonical"]
        full[canon] = canon
        for alias in _split(row["aliases"]):
            if alias.endswith(("省", "市", "自治区")):
                full[alias] = canon
            else:
                short[alias] = canon
        s = re.sub(r"(省|市|壮族自治区|回族自治区|维吾尔自治区|自治区|特别行政区)$", "", canon)
        short.setdefault(s, canon)
    return full, short


@lru_cache(maxsize=1)
def clause_leads() -> frozenset[str]:
    """Words after which a place name can begin (要求, 今天, 据悉, 根据 …): the rows of
    data/clause_leads.tsv and the members of two characters or more of the classes time_word,
    connective and speech_verb of data/word_classes.tsv (a lead is a word: 和田, 于都)."""
    own = {row["word"] for row in read_tsv("clause_leads.tsv") if row["class"] != "preposition1"}
    classes = (w for c in ("time_word", "connective", "speech_verb") for w in word_class(c))
    return frozenset(own | {w for w in classes if len(w) >= 2})


@lru_cache(maxsize=1)
def clause_lead_chars() -> frozenset[str]:
    """One-character prepositions that open a clause before a place name of two or more
    characters (从赣州市, not 从化区: data/clause_leads.tsv, class preposition1)."""
    return frozenset(row["word"] for row in read_tsv("clause_leads.tsv")
                     if row["class"] == "preposition1")


@lru_cache(maxsize=1)
def _provinces_longest_first() -> tuple[str, ...]:
    return tuple(sorted(_provinces()[0], key=len, reverse=True))


def _alt(names) -> str:
    return "|".join(re.escape(n) for n in sorted(set(names), key=len, reverse=True))


@dataclass(frozen=True)
class _Pattern:
    regex: re.Pattern
    # regex group name or written suffix -> canonical template / canonical suffix
    forms: dict[str, str]
    level: str
    type: str
    parent: str
    placeholder: str
    # one literal every match of the pattern contains (per form), for a cheap
    # `in` test before the regex runs over the text; () when a form has none
    needles: tuple[str, ...] = ()
    # per form: (literal before the value, literal after it, the values, their lengths),
    # to try the regex only where a form can start (`_pattern_matches`)
    anchors: tuple[tuple[str, str, frozenset[str], tuple[int, ...]], ...] = ()
    # {省} / {地} patterns: written suffix -> (type, parent) of its row (default 地方, none)
    kinds: dict[str, tuple[str, str]] = field(default_factory=dict)


def _pattern_matches(pat: _Pattern, compact: str):
    """`pat.regex.finditer(compact)`, the regex tried only at the offsets where a form
    can start: at its literal part before the value, or before a value that ends where
    its literal part after the value begins (whichever part is longer). Every match
    holds one form whole, so no start of a match is skipped."""
    if not pat.anchors:
        yield from pat.regex.finditer(compact)
        return
    starts: set[int] = set()
    for pre, post, values, lengths in pat.anchors:
        if len(pre) >= len(post):
            q = compact.find(pre)
            while q >= 0:
                starts.add(q)
                q = compact.find(pre, q + 1)
            continue
        q = compact.find(post)
        while q >= 0:
            for n in lengths:
                v = q - n - len(pre)
                if v >= 0 and compact[q - n : q] in values and compact.startswith(pre, v):
                    starts.add(v)
            q = compact.find(post, q + 1)
    pos = 0
    for s in sorted(starts):
        if s >= pos:
            m = pat.regex.match(compact, s)
            if m:
                yield m
                pos = m.end()


@lru_cache(maxsize=1)
def _patterns() -> tuple[list[_Pattern], _Pattern | None, _Pattern | None]:
    """(placeholder-in-the-middle patterns, {省}+suffix pattern, {地}+suffix pattern)."""
    full, short = _provinces()
    prov_suffix: dict[str, tuple[str, dict[str, str]]] = {}
    local_suffix: dict[str, tuple[str, dict[str, str]]] = {}
    others: list[_Pattern] = []
    for row in _rows():
        canon = row["canonical"]
        if "{" not in canon:
            continue
        forms = [canon, *_split(row["aliases"])]
        if canon.startswith("{省}"):
            for f in forms:
                prov_suffix[f[len("{省}"):]] = (canon[len("{省}"):], dict(row))
        elif canon.startswith("{地}"):
            for f in forms:
                local_suffix[f[len("{地}"):]] = (canon[len("{地}"):], dict(row))
        else:
            ph = "{省简}" if "{省简}" in canon else "{省}"
            values = short if ph == "{省简}" else full
            parts = []
            fmap = {}
            needles = []
            anchors = []
            for f in forms:
                pre, _, post = f.partition(ph)
                parts.append(f"{re.escape(pre)}(?P<v{len(parts)}>{_alt(values)}){re.escape(post)}")
                fmap[f"v{len(parts) - 1}"] = canon
                needles.append(max(pre, post, key=len))
                lengths = tuple(sorted({len(v) for v in values}))
                anchors.append((pre, post, frozenset(values), lengths))
            ok = all(needles)
            others.append(
                _Pattern(re.compile("|".join(parts)), fmap, row["level"], row["type"],
                         row["parent"], ph, tuple(needles) if ok else (),
                         tuple(anchors) if ok else ())
            )
    prov = None
    if prov_suffix:
        rx = re.compile(f"(?P<p>{_alt(full)})(?P<s>{_alt(prov_suffix)})")
        prov = _Pattern(rx, {k: v[0] for k, v in prov_suffix.items()}, "provincial", "地方", "", "{省}",
                        kinds={k: (v[1]["type"] or "地方", v[1]["parent"]) for k, v in prov_suffix.items()})
    local = None
    if local_suffix:
        rx = re.compile(f"(?P<u>{_alt(_LOCAL_UNITS)})(?P<s>{_alt(local_suffix)})")
        local = _Pattern(rx, {k: v[0] for k, v in local_suffix.items()}, "municipal", "地方", "", "{地}")
    return others, prov, local
