"""Matching one field's gold items against predicted items, by value.

Gold offsets point into the source text as read, predictions into the returned
normalised text, so items are compared by the keys and predicates of their
registry entry (extractor/fields.py `Scoring`), never by offsets.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from extractor import fields as fr
from extractor.fields import Scoring

Matcher = Scoring  # the name the matching code has always used


def field_items(result: dict, name: str) -> list[dict]:
    """The items of one field of a result/gold dict, flattened for matching."""
    spec = fr.REGISTRY[name]
    if spec.score is not None and spec.score.items is not None:
        return spec.score.items(result)
    return fr.result_items(spec, result)


def subfield(name: str, item: dict) -> str | None:
    """The breakdown a matched item also counts under (dates by role, ...)."""
    score = fr.REGISTRY[name].score
    return score.subfield(item) if score is not None and score.subfield else None


def dedupe(items: list[dict], key: Callable[[dict], Any]) -> list[dict]:
    seen, out = set(), []
    for it in items:
        k = json.dumps(key(it), ensure_ascii=False, default=str)
        if k not in seen:
            seen.add(k)
            out.append(it)
    return out


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
