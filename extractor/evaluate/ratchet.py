"""The ratchet: per-field F1 (strict and soft), the header share and the kind
accuracy must not fall below a committed baseline (a scores JSON)."""

from __future__ import annotations

EPSILON = 1e-3  # the ratchet tolerates drops smaller than this


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
            if cv is None and bv <= eps:
                continue  # a row of false positives only (no gold) is gone: nothing fell
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
