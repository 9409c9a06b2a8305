#!/usr/bin/env python
"""Train the topicality model of extractor/classify.py and measure the classifier honestly.

    .venv/bin/python scripts/train_kind.py            # LOO accuracy + the weights, no writing
    .venv/bin/python scripts/train_kind.py --write    # also writes extractor/data/kind_model.tsv

Training data: every labelled document of the five annotated sets (corpora, corpora/unseen,
corpora/blind, corpora/blind2, corpora/holdout; gold.json `kind`) whose kind is not
policy_notice: the model decides research_report vs other for what the policy cues do not
claim. All five sets have been scored and are development data (corpora/README.md); the
holdout holds four of the ten `other` documents, too many to leave out of a model that sees
so few of them.

Model: L2-regularised logistic regression (Newton's method with numpy, here only; the
product reads the weights from the TSV and needs no numpy) over the features of
`classify.features`, read from the mention spans exactly as `extractor.core.extract` makes
them (`pipelines.mentions`).

Measure: leave-one-document-out over ALL labelled documents (policy notices included): for
each training document, the model is retrained without it and the full classifier (policy
cues, then topicality at classify.REPORT_FROM) labels it. The accuracy on training documents
would mean nothing. The script also prints the margin: the left-out probabilities nearest
the threshold on each side and how many lie within MARGIN of it. A development measure: the
features, L2 and the threshold were chosen with all of these documents in view.
"""

from __future__ import annotations

import argparse
import math
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from extractor import classify as C  # noqa: E402
from extractor.evaluate.corpus import load_corpus  # noqa: E402
from extractor.ingest import ingest  # noqa: E402
from extractor.normalize import normalize  # noqa: E402
from extractor.page_metadata import pipeline_text  # noqa: E402
from extractor.pipelines import mentions  # noqa: E402
from spacy.tokens import Doc  # noqa: E402

TRAIN_SETS = ("corpora", "corpora/unseen", "corpora/blind", "corpora/blind2", "corpora/holdout")
SETS = TRAIN_SETS  # measured (a set listed here and not in TRAIN_SETS would be measured only)
L2 = 0.1  # regularisation strength (sum of squared weights times L2 / 2n)
STEPS = 50  # Newton steps (it converges in about ten)
MARGIN = 0.05  # a left-out probability this close to the threshold is reported as near it

DESCRIPTIONS = {
    "report_cues": "the report-cue score of classify.REPORT_CUES, min(r, 12) / 4 (genre: byline, broker, market words)",
    "market_qty": "log(1 + market-scale amounts of a commodity: 1500万吨, 295亿立方米, 万千瓦; not 14立方米)",
    "spec_qty": "log(1 + product-specification quantities: 300mm, 平方米, 小时, kV)",
}


def documents() -> list[tuple[str, str, Doc, bool]]:
    """(doc_id, gold kind, the Doc with its mention layer, a training document?) for every
    labelled document of SETS."""
    out = []
    for s in SETS:
        for d in load_corpus(ROOT / s):
            ing = ingest(str(d.input_path))
            out.append((d.doc_id, d.gold.kind.value, mentions(pipeline_text(normalize(ing), ing)), s in TRAIN_SETS))
    return out


def train(x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, float]:
    """Weights and intercept minimising the mean log-loss plus L2 / 2n times the squared
    weights (the intercept not penalised), by Newton's method."""
    n, k = x.shape
    xb = np.hstack([x, np.ones((n, 1))])
    theta = np.zeros(k + 1)
    reg = np.eye(k + 1) * L2 / n
    reg[-1, -1] = 0.0
    for _ in range(STEPS):
        p = 1 / (1 + np.exp(-(xb @ theta)))
        grad = xb.T @ (p - y) / n + reg @ theta
        if np.abs(grad).max() < 1e-10:
            break
        hess = (xb.T * (p * (1 - p))) @ xb / n + reg
        theta -= np.linalg.solve(hess, grad)
    return theta[:-1], float(theta[-1])


def matrix(docs: list[tuple[str, str, Doc, bool]]) -> tuple[list[tuple], np.ndarray, np.ndarray, np.ndarray]:
    """Rows (doc_id, gold, p, r, research_note), the features, the targets, the training mask
    (the non-policy documents of TRAIN_SETS)."""
    rows = []
    for doc_id, gold, doc, training in docs:
        cues = C.explain_doc(doc)
        p, r = sum(cues["policy"].values()), sum(cues["report"].values())
        f = C.features(doc, r)
        note = "disclaimer" in cues["report"]
        rows.append((doc_id, gold, p, r, note, training, [f[k] for k in DESCRIPTIONS]))
    x = np.array([v for *_, v in rows])
    y = np.array([1.0 if g == "research_report" else 0.0 for _, g, *_ in rows])
    mask = np.array([g != "policy_notice" and training for _, g, _, _, _, training, _ in rows])
    return [row[:5] for row in rows], x, y, mask


def leave_one_out(docs: list[tuple[str, str, Doc, bool]]) -> list[tuple[str, str, str, float, float | None]]:
    """(doc_id, gold, predicted, confidence, topicality probability) of each document, the
    model trained without it (retrained for a training document; one outside TRAIN_SETS was
    never in it). The probability is None for a policy notice (topicality never asked)."""
    rows, x, y, mask = matrix(docs)
    whole = train(x[mask], y[mask])
    out = []
    for i, (doc_id, gold, p, r, note) in enumerate(rows):
        if mask[i]:
            m = mask.copy()
            m[i] = False
            w, b = train(x[m], y[m])
        else:
            w, b = whole
        prob = 1 / (1 + math.exp(-(float(np.dot(w, x[i])) + b)))
        asked: list[float] = []

        def topical(prob: float = prob) -> float:
            asked.append(prob)
            return prob

        kind, conf = C.decide(p, r, topical, note)
        out.append((doc_id, gold, kind, conf, asked[0] if asked else None))
    return out


def margin(results: list[tuple[str, str, str, float, float | None]]) -> dict[str, object]:
    """The left-out topicality probabilities around C.REPORT_FROM: how many lie within MARGIN
    of it, and the nearest document on each side (the model's own probability: a text with
    a research-note disclaimer is a report whatever it is, see `classify.decide`)."""
    asked = [(prob, doc_id, gold) for doc_id, gold, _, _, prob in results if prob is not None]
    below = max(((p, d, g) for p, d, g in asked if p < C.REPORT_FROM), default=None)
    above = min(((p, d, g) for p, d, g in asked if p >= C.REPORT_FROM), default=None)
    near = sorted((p, d, g) for p, d, g in asked if abs(p - C.REPORT_FROM) < MARGIN)
    return {"near": near, "below": below, "above": above}


LOST_REPORT_COST = 2  # a report read as `other` loses its statistics and forecasts: it counts double


def suggest(results: list[tuple[str, str, str, float, float | None]]) -> tuple[float, float]:
    """(threshold, half-gap): of the midpoints between consecutive left-out probabilities,
    the one with the fewest errors (a lost report counting LOST_REPORT_COST) and, among those,
    the widest gap around it. How REPORT_FROM was calibrated; it is set by hand."""
    asked = sorted((prob, gold) for _, gold, _, _, prob in results if prob is not None)
    best: tuple[tuple[int, float], float, float] | None = None
    for (a, _), (b, _) in zip(asked, asked[1:]):
        t = (a + b) / 2
        cost = sum(LOST_REPORT_COST if g == "research_report" else 0 for p, g in asked if p < t)
        cost += sum(1 for p, g in asked if p >= t and g == "other")
        key = (cost, -(b - a))
        if best is None or key < best[0]:
            best = (key, t, (b - a) / 2)
    return (round(best[1], 3), round(best[2], 3)) if best else (C.REPORT_FROM, 0.0)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--write", action="store_true", help="write extractor/data/kind_model.tsv")
    args = ap.parse_args()
    names = list(DESCRIPTIONS)
    docs = documents()
    results = leave_one_out(docs)
    right = sum(1 for _, g, k, _, _ in results if g == k)
    print(f"leave-one-document-out: {right}/{len(results)} right ({100 * right / len(results):.1f}%)")
    kinds = ("policy_notice", "research_report", "other")
    print("gold \\ predicted", *kinds, sep="\t")
    for g in kinds:
        print(g, *(sum(1 for _, gg, k, _, _ in results if gg == g and k == kk) for kk in kinds), sep="\t")
    for doc_id, g, k, conf, _ in results:
        if g != k:
            print(f"  wrong: {doc_id}: gold {g}, predicted {k} ({conf})")
    m = margin(results)
    t, half = suggest(results)
    print(f"calibrated threshold (fewest left-out errors, widest gap): {t} (±{half}); shipped REPORT_FROM {C.REPORT_FROM}")
    print(f"threshold {C.REPORT_FROM}: {len(m['near'])} left-out probabilities within {MARGIN} of it")
    for p, doc_id, g in m["near"]:
        print(f"  near: {doc_id}: gold {g}, probability {p:.3f}")
    for side in ("below", "above"):
        if m[side] is not None:
            p, doc_id, g = m[side]
            print(f"  nearest {side}: {doc_id}: gold {g}, probability {p:.3f}")

    _, x, y, train_mask = matrix(docs)
    w, b = train(x[train_mask], y[train_mask])
    print(f"trained on {int(train_mask.sum())} documents ({int(y[train_mask].sum())} research_report)")
    lines = ["# kind_model.tsv — weights of the topicality model of extractor/classify.py (logistic",
             "# regression, research_report vs other, for texts the policy cues do not claim).",
             "# Written by scripts/train_kind.py --write from the labelled development documents",
             f"# ({int(train_mask.sum())} non-policy documents of {', '.join(TRAIN_SETS)}; L2 {L2});",
             "# the script prints the leave-one-document-out accuracy. Do not edit by hand.",
             "feature\tweight\tnotes",
             f"intercept\t{b:.4f}\t"]
    lines += [f"{k}\t{wk:.4f}\t{DESCRIPTIONS[k]}" for k, wk in zip(names, w)]
    print("\n".join(lines[5:]))
    if args.write:
        (ROOT / "extractor" / "data" / "kind_model.tsv").write_text("\n".join(lines) + "\n", encoding="utf-8")
        print("wrote extractor/data/kind_model.tsv")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
