"""Counting: per-field true/false positives over documents, the header share,
and the summary (precision, recall, F1 per field and sub-row, strict and soft)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from extractor import fields as fr
from extractor.evaluate.matching import Matcher, dedupe, field_items, match, subfield

MODES = ("strict", "soft")


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
    for spec in fr.scored():
        name, m = spec.name, spec.score
        if name not in annotated:
            continue
        g_items, p_items = field_items(gold, name), field_items(pred, name)
        unique = g_items if m.multiset else dedupe(g_items, m.key)
        scores.support[name] = scores.support.get(name, 0) + len(unique)
        for g in unique:
            bucket = subfield(name, g)
            if bucket:
                scores.support[bucket] = scores.support.get(bucket, 0) + 1
        for mode in MODES:
            pairs, missed, extra = match(g_items, p_items, m, mode, m.multiset)
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
            if m.header is not None:
                if not header_field_right(name, g_items, p_items, m, mode):
                    header_ok[mode] = False
    header = fr.header_names()
    if gold.get("kind") == "policy_notice" and all(f in annotated for f in header):
        for mode in MODES:
            scores.header[mode].append(header_ok[mode])
        doc_report["header_all_right"] = header_ok
    if "kind" in pred:
        scores.kind_right.append(pred.get("kind") == gold.get("kind"))
    scores.per_doc[doc_id or gold.get("doc_id", "?")] = doc_report


def header_field_right(name: str, g: list[dict], p: list[dict], m: Matcher, mode: str) -> bool:
    """The field's header items (own doc numbers, written and published dates, every
    title and issuing agency: the registry's `header` filter) all exact."""
    keep = m.header or (lambda x: True)
    _pairs, missed, extra = match([x for x in g if keep(x)], [x for x in p if keep(x)], m, mode)
    return not missed and not extra


def _show(k: Any) -> str:
    if isinstance(k, tuple):
        return " | ".join("" if v is None else str(v) for v in k)
    return "" if k is None else str(k)


def summarise(scores: Scores, n_docs: int) -> dict:
    out: dict[str, Any] = {"n_docs": n_docs, "fields": {}}
    names = list(fr.scored_names())
    order = names + sorted(k for k in scores.counts if "." in k)
    order = sorted(set(order) & set(scores.counts), key=lambda k: (
        names.index(k.split(".")[0]), k))
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
