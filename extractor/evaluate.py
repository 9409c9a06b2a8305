"""Field-level evaluation against the annotated corpus in `corpora/` (GROBID-style).

`extractor eval CORPUS [--pred DIR] [--json OUT] [--baseline FILE]`

- Loads every `corpora/<set>/<doc_id>/` entry (meta.json + gold.json + the source
  text, either `source.txt` beside it or a file under `../shared`).
- Runs the extractor on each source (one process, the pipelines are built once)
  or reads `DIR/<doc_id>.json` predictions (an `ExtractionResult` JSON each).
- Scores each field by VALUE, not by offsets: gold offsets point into the source
  text as read, predictions point into the returned normalised text.
- Prints precision, recall and F1 per field under strict and soft matching,
  plus the share of policy notices whose header fields are all right, as a
  table, and optionally writes the same numbers as JSON.

Matching per field (each document contributes a set of keys per field: exact
duplicates by strict key are dropped on both sides before matching, except for
targets, statistics and forecasts, which are matched as multisets; matching is
greedy and one-to-one, exact keys first, then the soft predicate):

- title: text equal | soft(text) equal
- doc_numbers: `normalized` equal | soft(normalized) equal (brackets vanish)
- issuing_agencies: `canonical` (else `name`) | soft, a leading 中华人民共和国 dropped
- dates: (role, value, value_end) | (role, value)
- minerals: catalogue mineral, the gazetteer's parent chain followed to the top
  (氧化铝 -> 铝 -> 铝土矿) | gold canonical among {canonical, parent, name} of any
  prediction (many-to-one)
- targets: (value, value_max, unit, year) | value equal, soft units equal or one
  contains the other, year equal or missing
- responsibilities: (task, role, canonical) triples | task by its innermost number,
  soft agency
- references: title without 《》 | soft(title)
- statistics: (value, unit, region, projected) | (abs(value), soft unit, projected):
  the sign of a change is not compared; a projected number never matches an observed one
- institutions: (canonical else name, role publisher|quoted) | soft name, any role
- forecasts: (horizon, subject) | horizon equal, soft subjects equal or one contains
  the other

(corpora/README.md has the same rules as a table.)

soft(s) = NFKC, casefold, then drop every whitespace, punctuation and symbol
character (Unicode categories Z*, P*, S*).
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import re
import sys
import time
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

ROOT = Path(__file__).resolve().parent.parent
EPSILON = 1e-3  # the ratchet tolerates drops smaller than this
FIELDS = (
    "title",
    "doc_numbers",
    "issuing_agencies",
    "dates",
    "minerals",
    "targets",
    "responsibilities",
    "references",
    "statistics",
    "forecasts",
    "institutions",
)
HEADER_FIELDS = ("title", "doc_numbers", "issuing_agencies", "dates")


def shared_dir() -> Path:
    """The read-only folder beside the repo (override with EXTRACTOR_SHARED)."""
    env = os.environ.get("EXTRACTOR_SHARED")
    return Path(env) if env else ROOT.parent / "shared"


# --- gold schema --------------------------------------------------------------


class _G(BaseModel):
    model_config = ConfigDict(extra="forbid")


class GEvidence(_G):
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: str = Field(description="The surface: source_text[start:end].")


class GTitle(_G):
    text: str
    evidence: GEvidence


class GDocNumber(_G):
    text: str
    normalized: str
    role: Literal["self", "cited"]
    evidence: GEvidence


class GAgency(_G):
    name: str
    canonical: str | None
    level: Literal["central", "provincial", "municipal", "county", "other"] | None = None
    source: Literal["header", "signature", "title", "body"] = "body"
    evidence: GEvidence


class GDate(_G):
    text: str
    value: str = Field(pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$")
    value_end: str | None = Field(default=None, pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$")
    precision: Literal["day", "month", "year"] = "day"
    role: Literal[
        "written", "published", "effective", "expiry", "deadline", "period", "event", "other"
    ]
    evidence: GEvidence


class GMineral(_G):
    name: str
    canonical: str
    evidence: GEvidence


class GTarget(_G):
    text: str
    metric: str | None = None
    value: float | None = None
    value_max: float | None = None
    unit: str | None = None
    comparator: str | None = None
    year: int | None = None
    evidence: GEvidence


class GAgencyRef(_G):
    name: str
    canonical: str | None = None
    evidence: GEvidence


class GResponsibility(_G):
    task: str
    task_title: str | None = None
    lead: list[GAgencyRef] = Field(default_factory=list)
    participants: list[GAgencyRef] = Field(default_factory=list)
    shared: list[GAgencyRef] = Field(default_factory=list)
    all_departments: bool = False
    evidence: GEvidence


class GReference(_G):
    title: str
    doc_number: str | None = None
    evidence: GEvidence


class GStatistic(_G):
    text: str
    subject: str | None = None
    metric: str | None = None
    region: str | None = None
    period: str | None = None
    value: float | None = None
    value_max: float | None = None
    unit: str | None = None
    comparator: str | None = None
    projected: bool = False
    horizon: str | None = None
    table: str | None = None
    row: str | None = None
    column: str | None = None
    evidence: GEvidence


class GInstitution(_G):
    name: str
    canonical: str | None = None
    role: Literal["publisher", "quoted"] = "publisher"
    evidence: GEvidence


class GForecast(_G):
    text: str
    horizon: Literal["short", "medium", "long", "medium_long", "unspecified"]
    subject: str | None = None
    direction: Literal["up", "down", "flat", "unknown"] = "unknown"
    magnitude: float | None = None
    magnitude_max: float | None = None
    unit: str | None = None
    evidence: GEvidence


class Gold(_G):
    """`gold.json`: field names are the output contract's (extractor/models.py)."""

    doc_id: str
    kind: Literal["policy_notice", "research_report", "other"]
    fields: list[str] = Field(
        description="Fields annotated exhaustively in this document; only these are scored."
    )
    title: GTitle | None = None
    doc_numbers: list[GDocNumber] = Field(default_factory=list)
    issuing_agencies: list[GAgency] = Field(default_factory=list)
    dates: list[GDate] = Field(default_factory=list)
    minerals: list[GMineral] = Field(default_factory=list)
    targets: list[GTarget] = Field(default_factory=list)
    responsibilities: list[GResponsibility] = Field(default_factory=list)
    references: list[GReference] = Field(default_factory=list)
    statistics: list[GStatistic] = Field(default_factory=list)
    forecasts: list[GForecast] = Field(default_factory=list)
    institutions: list[GInstitution] = Field(default_factory=list)
    notes: str | None = None


class MetaSource(_G):
    file: str | None = Field(default=None, description="source file beside meta.json")
    shared: str | None = Field(default=None, description="path under ../shared")
    sha256: str
    input_shared: str | None = Field(
        default=None, description="PDF the extractor reads (under ../shared); the text above "
        "is then the rendered text the gold offsets index"
    )
    input_file: str | None = Field(default=None, description="PDF beside meta.json")
    input_sha256: str | None = None


class Meta(_G):
    doc_id: str
    set: str
    kind: Literal["policy_notice", "research_report", "other"]
    source: MetaSource
    origin: str
    licence: str
    notes: str | None = None


# --- corpus -------------------------------------------------------------------


def read_source_text(data: bytes) -> str:
    """Gold offsets index this string: UTF-8 (or GB18030) decoded, BOM stripped,
    line ends kept exactly as in the file. (Self-contained on purpose: the
    validator must work even when the pipeline does not import.)"""
    boms = ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"))
    for bom, enc in boms:
        if data.startswith(bom):
            return data.decode(enc)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("gb18030")


@dataclass
class CorpusDoc:
    dir: Path
    meta: Meta
    gold: Gold
    source_path: Path

    @property
    def input_path(self) -> Path:
        """What the extractor reads: the PDF when there is one, else the source text."""
        src = self.meta.source
        if src.input_file:
            return self.dir / src.input_file
        if src.input_shared:
            return shared_dir() / src.input_shared
        return self.source_path

    @property
    def doc_id(self) -> str:
        return self.meta.doc_id

    def source_bytes(self) -> bytes:
        return self.source_path.read_bytes()

    def source_text(self) -> str:
        return read_source_text(self.source_bytes())


def source_path(doc_dir: Path, meta: Meta) -> Path:
    if meta.source.file:
        return doc_dir / meta.source.file
    if meta.source.shared:
        return shared_dir() / meta.source.shared
    raise ValueError(f"{doc_dir}: meta.source has neither file nor shared")


# Sets kept apart from the development corpus: `unseen/` (annotated by reading and
# scored once before any fix for them; development data after that, with its own
# baseline) and `blind/` (scored once, at the end of a piece of work, never tuned on).
# Evaluating `corpora` leaves them out; evaluate `corpora/unseen` or `corpora/blind`.
SEPARATE_SETS = ("unseen", "blind")


def load_corpus(root: str | Path) -> list[CorpusDoc]:
    """Every `<root>/**/gold.json` with its meta.json, sorted by path; folders named
    in SEPARATE_SETS below the root are skipped (name them as the root to score them)."""
    root = Path(root)
    docs = []
    for gpath in sorted(root.rglob("gold.json")):
        d = gpath.parent
        if any(part in SEPARATE_SETS for part in d.relative_to(root).parts):
            continue
        meta = Meta.model_validate_json((d / "meta.json").read_text(encoding="utf-8"))
        gold = Gold.model_validate_json(gpath.read_text(encoding="utf-8"))
        docs.append(CorpusDoc(d, meta, gold, source_path(d, meta)))
    return docs


def iter_evidence(obj: Any) -> Iterable[dict]:
    """Every evidence dict inside a gold JSON object."""
    if isinstance(obj, dict):
        if set(obj) >= {"start", "end", "text"} and isinstance(obj.get("start"), int):
            yield obj
        for v in obj.values():
            yield from iter_evidence(v)
    elif isinstance(obj, list):
        for v in obj:
            yield from iter_evidence(v)


def validate_doc(doc: CorpusDoc) -> list[str]:
    """Problems with one corpus entry ([] when it is fine)."""
    problems = []
    if doc.meta.doc_id != doc.gold.doc_id or doc.dir.name != doc.doc_id:
        problems.append(f"{doc.dir}: doc_id differs between folder, meta and gold")
    if doc.meta.kind != doc.gold.kind:
        problems.append(f"{doc.doc_id}: kind differs between meta and gold")
    if not doc.source_path.is_file():
        return problems + [f"{doc.doc_id}: source {doc.source_path} is missing"]
    data = doc.source_bytes()
    sha = hashlib.sha256(data).hexdigest()
    if sha != doc.meta.source.sha256:
        problems.append(f"{doc.doc_id}: sha256 of {doc.source_path} is {sha}, meta says "
                        f"{doc.meta.source.sha256}")
    if doc.input_path != doc.source_path:
        ipath = doc.input_path
        isha = hashlib.sha256(ipath.read_bytes()).hexdigest() if ipath.is_file() else None
        if isha != doc.meta.source.input_sha256:
            problems.append(f"{doc.doc_id}: input {doc.input_path} sha256 is {isha}, meta says "
                            f"{doc.meta.source.input_sha256}")
    text = read_source_text(data)
    raw = json.loads((doc.dir / "gold.json").read_text(encoding="utf-8"))
    for ev in iter_evidence(raw):
        s, e = ev["start"], ev["end"]
        if not (0 <= s < e <= len(text)) or text[s:e] != ev["text"]:
            problems.append(
                f"{doc.doc_id}: [{s}:{e}] is {text[s:e]!r}, gold says {ev['text']!r}"
            )
    for f in doc.gold.fields:
        if f not in FIELDS:
            problems.append(f"{doc.doc_id}: unknown field {f!r} in fields")
    for f in FIELDS:
        present = getattr(doc.gold, f)
        if present and f not in doc.gold.fields:
            problems.append(f"{doc.doc_id}: {f} has items but is not listed in fields")
    return problems


# --- normalisation and keys ----------------------------------------------------


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


_PRC = "中华人民共和国"


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


def _num_eq(a: Any, b: Any) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return math.isclose(float(a), float(b), rel_tol=1e-6, abs_tol=1e-9)


def _contains(a: str, b: str) -> bool:
    return bool(a) and bool(b) and (a in b or b in a)


def responsibility_triples(items: list[dict]) -> list[dict]:
    """Flatten responsibilities into (task, role, agency) items."""
    out = []
    for r in items:
        for role, key in (("lead", "lead"), ("participant", "participants"), ("shared", "shared")):
            for a in r.get(key) or []:
                out.append({"task": r.get("task"), "role": role, "agency": a})
        if r.get("all_departments"):
            out.append({"task": r.get("task"), "role": "all_departments", "agency": {"name": "*"}})
    return out


@dataclass(frozen=True)
class Matcher:
    key: Callable[[dict], Any]  # strict key (also used to drop duplicates)
    soft: Callable[[dict, dict], bool]  # soft predicate (gold, pred)
    # soft matching many-to-one: a gold item is found when any prediction
    # satisfies the predicate, a prediction is wrong when it satisfies none
    soft_any: bool = False


def _eq_soft(getter: Callable[[dict], Any]) -> Callable[[dict, dict], bool]:
    return lambda g, p: soft(getter(g)) == soft(getter(p)) and soft(getter(g)) != ""


def _target_soft(g: dict, p: dict) -> bool:
    if not _num_eq(g.get("value"), p.get("value")):
        return False
    gu, pu = soft_unit(g.get("unit")), soft_unit(p.get("unit"))
    if gu != pu and not _contains(gu, pu):
        return False
    gy, py = g.get("year"), p.get("year")
    return gy is None or py is None or gy == py


def _abs(v: Any) -> Any:
    return None if v is None else abs(float(v))


def _stat_soft(g: dict, p: dict) -> bool:
    # soft ignores the sign convention of changes (下降4.1% as -4.1 or 4.1)
    if not _num_eq(_abs(g.get("value")), _abs(p.get("value"))):
        return False
    gu, pu = soft_unit(g.get("unit")), soft_unit(p.get("unit"))
    return gu == pu or _contains(gu, pu)


def _forecast_soft(g: dict, p: dict) -> bool:
    if g.get("horizon") != p.get("horizon"):
        return False
    gs, ps = soft(g.get("subject")), soft(p.get("subject"))
    return gs == ps or _contains(gs, ps)


def _round(v: Any) -> Any:
    return None if v is None else round(float(v), 6)


MATCHERS: dict[str, Matcher] = {
    "title": Matcher(lambda x: x.get("text"), _eq_soft(lambda x: x.get("text"))),
    "doc_numbers": Matcher(
        lambda x: x.get("normalized"), _eq_soft(lambda x: x.get("normalized"))
    ),
    "issuing_agencies": Matcher(agency_key, lambda g, p: agency_soft(g) == agency_soft(p)),
    "dates": Matcher(
        lambda x: (x.get("role"), x.get("value"), x.get("value_end")),
        lambda g, p: g.get("role") == p.get("role")
        and soft(g.get("value")) == soft(p.get("value")),
    ),
    "minerals": Matcher(
        lambda x: x.get("canonical"),
        lambda g, p: soft(g.get("canonical")) in {soft(a) for a in p.get("alts") or [] if a},
        soft_any=True,
    ),
    "targets": Matcher(
        lambda x: (
            _round(x.get("value")), _round(x.get("value_max")), x.get("unit"), x.get("year")
        ),
        _target_soft,
    ),
    "responsibilities": Matcher(
        lambda x: (x["task"], x["role"], agency_key(x["agency"])),
        lambda g, p: g["role"] == p["role"]
        and task_tail(g["task"]) == task_tail(p["task"])
        and agency_soft(g["agency"]) == agency_soft(p["agency"]),
    ),
    "references": Matcher(
        lambda x: strip_title_marks(x.get("title")),
        lambda g, p: soft(g.get("title")) == soft(p.get("title")) and soft(g.get("title")) != "",
    ),
    "statistics": Matcher(
        lambda x: (
            _round(x.get("value")), x.get("unit"), x.get("region"), bool(x.get("projected"))
        ),
        lambda g, p: _stat_soft(g, p) and bool(g.get("projected")) == bool(p.get("projected")),
    ),
    "institutions": Matcher(
        lambda x: (agency_key(x), x.get("role", "publisher")),
        lambda g, p: agency_soft(g) == agency_soft(p),
    ),
    "forecasts": Matcher(lambda x: (x.get("horizon"), x.get("subject")), _forecast_soft),
}


@lru_cache(maxsize=1)
def mineral_parents() -> dict[str, str]:
    """canonical -> parent from the mineral gazetteer (extractor/data/minerals.tsv),
    read as a plain file so that scoring does not import the pipeline."""
    path = ROOT / "extractor" / "data" / "minerals.tsv"
    if not path.is_file():
        return {}
    rows = [ln.rstrip("\n").split("\t") for ln in path.read_text(encoding="utf-8").splitlines()
            if ln.strip() and not ln.startswith("#")]
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


def field_items(result: dict, name: str) -> list[dict]:
    """The items of one field of a result/gold dict, flattened for matching."""
    if name == "title":
        t = result.get("title")
        return [t] if t else []
    items = list(result.get(name) or [])
    if name == "minerals":
        # scored at catalogue level: a product term counts as its parent mineral
        out = []
        for m in items:
            top = catalogue(m.get("parent") or m.get("canonical"))
            alts = [m.get("canonical"), m.get("parent"), m.get("name"), top]
            out.append({"canonical": top, "alts": alts})
        return out
    if name == "responsibilities":
        return responsibility_triples(items)
    if name == "institutions" and not items and result.get("institution"):
        # a result from before `institutions` existed: its one institution publishes
        return [{"role": "publisher", **result["institution"]}]
    if name == "references":
        # the gold annotates cited documents; the one a transmittal notice issues
        # (relation "attached") is not a citation
        return [x for x in items if x.get("relation", "cited") == "cited"]
    return items


def subfield(name: str, item: dict) -> str | None:
    """The breakdown a matched item also counts under (dates by role, ...)."""
    if name == "dates":
        return f"dates.{item.get('role')}"
    if name == "responsibilities":
        return f"responsibilities.{item['role']}"
    if name == "doc_numbers":
        return f"doc_numbers.{item.get('role')}"
    if name == "institutions":
        return f"institutions.{item.get('role', 'publisher')}"
    if name == "statistics" and item.get("projected"):
        return "statistics.projected"
    return None


def dedupe(items: list[dict], key: Callable[[dict], Any]) -> list[dict]:
    seen, out = set(), []
    for it in items:
        k = json.dumps(key(it), ensure_ascii=False, default=str)
        if k not in seen:
            seen.add(k)
            out.append(it)
    return out


# Fields whose items are distinct statements even when their keys coincide
# (two targets of 30% for different metrics): matched as multisets, not sets.
MULTISET_FIELDS = frozenset({"targets", "statistics", "forecasts"})


def match(
    gold: list[dict], pred: list[dict], matcher: Matcher, mode: str, multiset: bool = False
) -> tuple[list[tuple[dict, dict]], list[dict], list[dict]]:
    """Greedy one-to-one matching: (pairs, unmatched gold, unmatched pred).

    Exact matches are taken first, then (soft mode) the soft predicate."""
    if mode == "soft" and matcher.soft_any:
        gold = dedupe(gold, matcher.key)
        pred = dedupe(pred, lambda x: json.dumps(x, ensure_ascii=False, sort_keys=True))
        ok = lambda g, p: matcher.key(g) == matcher.key(p) or matcher.soft(g, p)  # noqa: E731
        pairs = [
            (g, next(p for p in pred if ok(g, p))) for g in gold if any(ok(g, p) for p in pred)
        ]
        found = {id(g) for g, _ in pairs}
        missed = [g for g in gold if id(g) not in found]
        extra = dedupe([p for p in pred if not any(ok(g, p) for g in gold)], matcher.key)
        return pairs, missed, extra
    if not multiset:
        gold = dedupe(gold, matcher.key)
        pred = dedupe(pred, matcher.key)
    used = [False] * len(pred)
    done = [False] * len(gold)
    pairs = []
    passes = [lambda g, p: matcher.key(g) == matcher.key(p)]
    if mode == "soft":
        passes.append(matcher.soft)
    for ok in passes:
        for gi, g in enumerate(gold):
            if done[gi]:
                continue
            for i, p in enumerate(pred):
                if not used[i] and ok(g, p):
                    used[i] = done[gi] = True
                    pairs.append((g, p))
                    break
    missed = [g for gi, g in enumerate(gold) if not done[gi]]
    extra = [p for i, p in enumerate(pred) if not used[i]]
    return pairs, missed, extra


# --- scoring --------------------------------------------------------------------


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, tp: int, fp: int, fn: int) -> None:
        self.tp += tp
        self.fp += fp
        self.fn += fn

    def prf(self) -> dict:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else None
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else None
        if self.tp + self.fp + self.fn == 0:
            f = None
        else:
            f = 2 * self.tp / (2 * self.tp + self.fp + self.fn)
        return {
            "precision": None if p is None else round(p, 4),
            "recall": None if r is None else round(r, 4),
            "f1": None if f is None else round(f, 4),
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
        }


@dataclass
class Scores:
    counts: dict[str, dict[str, Counts]] = field(default_factory=dict)
    support: dict[str, int] = field(default_factory=dict)
    header: dict[str, list[bool]] = field(default_factory=lambda: {"strict": [], "soft": []})
    kind_right: list[bool] = field(default_factory=list)
    per_doc: dict[str, dict] = field(default_factory=dict)

    def c(self, name: str, mode: str) -> Counts:
        return self.counts.setdefault(name, {}).setdefault(mode, Counts())


def score_doc(gold: dict, pred: dict, scores: Scores, doc_id: str = "") -> None:
    """Add one document's counts to `scores` (only the fields the gold lists)."""
    annotated = set(gold.get("fields") or [])
    doc_report: dict[str, Any] = {}
    header_ok = {"strict": True, "soft": True}
    for name in FIELDS:
        if name not in annotated:
            continue
        m = MATCHERS[name]
        g_items, p_items = field_items(gold, name), field_items(pred, name)
        multi = name in MULTISET_FIELDS
        unique = g_items if multi else dedupe(g_items, m.key)
        scores.support[name] = scores.support.get(name, 0) + len(unique)
        for g in unique:
            bucket = subfield(name, g)
            if bucket:
                scores.support[bucket] = scores.support.get(bucket, 0) + 1
        for mode in ("strict", "soft"):
            pairs, missed, extra = match(g_items, p_items, m, mode, multi)
            scores.c(name, mode).add(len(pairs), len(extra), len(missed))
            for bucket, tp, fp, fn in (
                *((subfield(name, g), 1, 0, 0) for g, _ in pairs),
                *((subfield(name, p), 0, 1, 0) for p in extra),
                *((subfield(name, g), 0, 0, 1) for g in missed),
            ):
                if bucket:
                    scores.c(bucket, mode).add(tp, fp, fn)
            if mode == "strict":
                doc_report[name] = {
                    "missed": [_show(m.key(g)) for g in missed],
                    "extra": [_show(m.key(p)) for p in extra],
                }
            if name in HEADER_FIELDS:
                if not header_field_right(name, g_items, p_items, m, mode):
                    header_ok[mode] = False
    if gold.get("kind") == "policy_notice" and all(f in annotated for f in HEADER_FIELDS):
        for mode in ("strict", "soft"):
            scores.header[mode].append(header_ok[mode])
        doc_report["header_all_right"] = header_ok
    if "kind" in pred:
        scores.kind_right.append(pred.get("kind") == gold.get("kind"))
    scores.per_doc[doc_id or gold.get("doc_id", "?")] = doc_report


def header_field_right(name: str, g: list[dict], p: list[dict], m: Matcher, mode: str) -> bool:
    """Title, own doc numbers, issuing agencies, written and published dates all exact."""
    if name == "doc_numbers":
        g = [x for x in g if x.get("role") == "self"]
        p = [x for x in p if x.get("role") == "self"]
    elif name == "dates":
        g = [x for x in g if x.get("role") in ("written", "published")]
        p = [x for x in p if x.get("role") in ("written", "published")]
    _pairs, missed, extra = match(g, p, m, mode)
    return not missed and not extra


def _show(k: Any) -> str:
    if isinstance(k, tuple):
        return " | ".join("" if v is None else str(v) for v in k)
    return "" if k is None else str(k)


def summarise(scores: Scores, n_docs: int) -> dict:
    out: dict[str, Any] = {"n_docs": n_docs, "fields": {}}
    order = [f for f in FIELDS] + sorted(k for k in scores.counts if "." in k)
    order = sorted(set(order) & set(scores.counts), key=lambda k: (
        FIELDS.index(k.split(".")[0]), k))
    for name in order:
        out["fields"][name] = {
            "support": scores.support.get(name, 0),
            "strict": scores.c(name, "strict").prf(),
            "soft": scores.c(name, "soft").prf(),
        }
    n = len(scores.header["strict"])
    out["header_all_right"] = {
        "n_docs": n,
        "strict": round(sum(scores.header["strict"]) / n, 4) if n else None,
        "soft": round(sum(scores.header["soft"]) / n, 4) if n else None,
    }
    k = len(scores.kind_right)
    out["kind_accuracy"] = round(sum(scores.kind_right) / k, 4) if k else None
    return out


# --- running --------------------------------------------------------------------


def predict(doc: CorpusDoc) -> dict:
    """Run the extractor on one corpus entry (the pipelines are cached per process)."""
    from extractor.core import extract

    result = extract(doc.input_path)
    return result.model_dump(mode="json")


def load_prediction(pred_dir: Path, doc: CorpusDoc) -> dict:
    for name in (f"{doc.doc_id}.json", f"{doc.source_path.name}.json"):
        p = pred_dir / name
        if p.is_file():
            return json.loads(p.read_text(encoding="utf-8"))
    return {}


def evaluate(
    corpus: str | Path,
    pred_dir: str | Path | None = None,
    predictor: Callable[[CorpusDoc], dict] | None = None,
) -> dict:
    """Score the whole corpus; returns the summary dict (see `summarise`)."""
    docs = load_corpus(corpus)
    scores = Scores()
    by_set: dict[str, Scores] = {}
    errors = {}
    t0 = time.perf_counter()
    for doc in docs:
        try:
            if pred_dir is not None:
                pred = load_prediction(Path(pred_dir), doc)
            else:
                pred = (predictor or predict)(doc)
        except Exception as exc:  # a crash scores as an empty prediction
            errors[doc.doc_id] = f"{type(exc).__name__}: {exc}"
            pred = {}
        gold = doc.gold.model_dump(mode="json")
        score_doc(gold, pred, scores, doc.doc_id)
        score_doc(gold, pred, by_set.setdefault(doc.meta.set, Scores()), doc.doc_id)
    summary = summarise(scores, len(docs))
    summary["sets"] = _count_sets(docs)
    summary["by_set"] = {
        name: {
            field: {
                "strict_f1": v["strict"]["f1"],
                "soft_f1": v["soft"]["f1"],
                "support": v["support"],
            }
            for field, v in summarise(sc, 0)["fields"].items()
            if "." not in field
        }
        for name, sc in sorted(by_set.items())
    }
    summary["errors"] = errors
    summary["seconds"] = round(time.perf_counter() - t0, 2)
    summary["per_doc"] = scores.per_doc
    return summary


def _count_sets(docs: list[CorpusDoc]) -> dict[str, int]:
    out: dict[str, int] = {}
    for d in docs:
        out[d.meta.set] = out.get(d.meta.set, 0) + 1
    return out


def _fmt(v: float | None) -> str:
    return "   -  " if v is None else f"{100 * v:6.1f}"


def format_table(summary: dict) -> str:
    lines = [
        f"{'field':34} {'gold':>5} | {'strict P':>8} {'R':>6} {'F1':>6} | "
        f"{'soft P':>8} {'R':>6} {'F1':>6}",
        "-" * 88,
    ]
    for name, s in summary["fields"].items():
        st, so = s["strict"], s["soft"]
        indent = "  " if "." in name else ""
        lines.append(
            f"{indent + name:34} {s['support']:>5} | {_fmt(st['precision']):>8} "
            f"{_fmt(st['recall'])} {_fmt(st['f1'])} | {_fmt(so['precision']):>8} "
            f"{_fmt(so['recall'])} {_fmt(so['f1'])}"
        )
    h = summary["header_all_right"]
    lines.append("-" * 88)
    lines.append(
        f"header fields all right (title, doc number, agencies, written+published dates): "
        f"strict {_fmt(h['strict']).strip()}%, soft {_fmt(h['soft']).strip()}% "
        f"of {h['n_docs']} notices"
    )
    if summary.get("kind_accuracy") is not None:
        lines.append(f"document kind right: {_fmt(summary['kind_accuracy']).strip()}%")
    sets = ", ".join(f"{k} {v}" for k, v in sorted(summary.get("sets", {}).items()))
    lines.append(f"{summary['n_docs']} documents ({sets}); {summary.get('seconds', 0)} s")
    for doc_id, err in (summary.get("errors") or {}).items():
        lines.append(f"error: {doc_id}: {err}")
    return "\n".join(lines)


def format_details(summary: dict) -> str:
    """Per document and field: the strict keys missed and the extra ones."""
    lines = []
    for doc_id, rep in (summary.get("per_doc") or {}).items():
        for name, r in rep.items():
            if name == "header_all_right" or not (r["missed"] or r["extra"]):
                continue
            lines.append(f"{doc_id} {name}:")
            lines += [f"  - missed: {k}" for k in r["missed"]]
            lines += [f"  + extra:  {k}" for k in r["extra"]]
    return "\n".join(lines)


def format_markdown(summary: dict) -> str:
    """The scores as a Markdown table (for README files)."""

    def pct(v: float | None) -> str:
        return "–" if v is None else f"{100 * v:.1f}"

    lines = [
        "| field | gold items | strict P | strict R | strict F1 | soft P | soft R | soft F1 |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for name, s in summary["fields"].items():
        st, so = s["strict"], s["soft"]
        label = f"&nbsp;&nbsp;{name}" if "." in name else f"**{name}**"
        lines.append(
            f"| {label} | {s['support']} | {pct(st['precision'])} | {pct(st['recall'])} | "
            f"{pct(st['f1'])} | {pct(so['precision'])} | {pct(so['recall'])} | {pct(so['f1'])} |"
        )
    h = summary["header_all_right"]
    lines.append("")
    lines.append(
        f"Header fields all right (title, own doc number, issuing agencies, written and "
        f"published dates): strict {pct(h['strict'])}%, soft {pct(h['soft'])}% of "
        f"{h['n_docs']} policy notices with all four annotated."
    )
    return "\n".join(lines) + "\n"


def _f1s(entry: dict) -> dict[str, float | None]:
    """(strict, soft) F1 of one field entry of a scores JSON."""
    return {mode: (entry.get(mode) or {}).get("f1") for mode in ("strict", "soft")}


def check_ratchet(summary: dict, baseline: dict, eps: float = EPSILON) -> list[str]:
    """Every per-field F1 (strict and soft) and header share that fell below the
    baseline (a scores JSON as `extractor eval --json` writes it)."""
    fell = []
    for name, b in (baseline.get("fields") or {}).items():
        c = summary["fields"].get(name)
        cur = _f1s(c) if c else {"strict": None, "soft": None}
        for mode, bv in _f1s(b).items():
            if bv is None:
                continue
            cv = cur[mode]
            if cv is None or cv < bv - eps:
                shown = "missing" if cv is None else f"{cv:.4f}"
                fell.append(f"{name} {mode} F1: {bv:.4f} -> {shown}")
    bk, ck = baseline.get("kind_accuracy"), summary.get("kind_accuracy")
    if bk is not None and (ck is None or ck < bk - eps):
        fell.append(f"kind_accuracy: {bk:.4f} -> {ck}")
    bh = baseline.get("header_all_right") or {}
    for mode in ("strict", "soft"):
        bv, cv = bh.get(mode), summary["header_all_right"].get(mode)
        if bv is not None and (cv is None or cv < bv - eps):
            fell.append(f"header_all_right {mode}: {bv:.4f} -> {cv}")
    return fell


def scores_json(summary: dict) -> str:
    """The JSON `--json` writes: everything but per-document details and timing."""
    data = {k: v for k, v in summary.items() if k not in ("per_doc", "seconds")}
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def main(args) -> int:
    """`extractor eval CORPUS [--pred DIR] [--json OUT] [--baseline FILE]`."""
    corpus = Path(args.corpus)
    if not corpus.is_dir():
        print(f"error: no corpus directory {corpus}", file=sys.stderr)
        return 64
    summary = evaluate(corpus, pred_dir=getattr(args, "pred", None))
    if getattr(args, "details", False):
        print(format_details(summary))
        print()
    print(format_markdown(summary) if getattr(args, "markdown", False) else format_table(summary))
    base = getattr(args, "baseline", None)
    fell = []
    if base:  # read before --json may overwrite the same file
        fell = check_ratchet(summary, json.loads(Path(base).read_text(encoding="utf-8")))
    out = getattr(args, "json_out", None)
    if out:
        Path(out).write_text(scores_json(summary), encoding="utf-8")
    for line in fell:
        print(f"REGRESSION: {line}", file=sys.stderr)
    return 1 if fell else 0
