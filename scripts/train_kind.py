#!/usr/bin/env python
"""Train the topicality model of extractor/classify.py and measure the classifier honestly.

    .venv/bin/python scripts/train_kind.py            # LOO accuracy + the weights, no writing
    .venv/bin/python scripts/train_kind.py --write    # also writes extractor/data/kind_model.tsv

Training data: every labelled document of corpora, corpora/unseen, corpora/blind and
corpora/blind2 (gold.json `kind`) whose kind is not policy_notice: the model decides
research_report vs other for what the policy cues do not claim. corpora/holdout is measured,
never trained on (its documents are classified by the model trained on the four sets; the
feature choice has seen it, so its figure is a development measure too).

Model: L2-regularised logistic regression (batch gradient descent with numpy, here only;
the product reads the weights from the TSV and needs no numpy) over the features of
`classify.features`, read from the mention spans exactly as `extractor.core.extract` makes
them (`pipelines.mentions`).

Measure: leave-one-document-out over ALL labelled documents of the five sets (policy notices
included): for each training document, the model is retrained without it and the full classifier (policy cues, then
topicality) labels it. The accuracy on training documents would mean nothing.
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

TRAIN_SETS = ("corpora", "corpora/unseen", "corpora/blind", "corpora/blind2")
SETS = (*TRAIN_SETS, "corpora/holdout")  # measured; the last one never trained on
L2 = 0.5  # regularisation strength (sum of squared weights times L2 / 2n)
STEPS = 4000
RATE = 0.5

DESCRIPTIONS = {
    "report_cues": "the report-cue score of classify.REPORT_CUES, min(r, 12) / 4 (genre: byline, broker, market words)",
    "market_qty": "log(1 + quantities in a commodity unit: 万吨, 亿立方米, 千瓦时, 桶)",
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
    w = np.zeros(x.shape[1])
    b = 0.0
    n = len(y)
    for _ in range(STEPS):
        g = 1 / (1 + np.exp(-(x @ w + b))) - y
        w -= RATE * (x.T @ g / n + L2 * w / n)
        b -= RATE * g.mean()
    return w, b


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


def leave_one_out(docs: list[tuple[str, str, Doc, bool]]) -> list[tuple[str, str, str, float]]:
    """(doc_id, gold, predicted, confidence) of each document, the model trained without it
    (retrained for a training document; the held-out ones were never in it)."""
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
        v = x[i]
        kind, conf = C.decide(p, r, lambda: 1 / (1 + math.exp(-(float(np.dot(w, v)) + b))), note)
        out.append((doc_id, gold, kind, conf))
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--write", action="store_true", help="write extractor/data/kind_model.tsv")
    args = ap.parse_args()
    names = list(DESCRIPTIONS)
    docs = documents()
    results = leave_one_out(docs)
    right = sum(1 for _, g, k, _ in results if g == k)
    print(f"leave-one-document-out: {right}/{len(results)} right ({100 * right / len(results):.1f}%)")
    kinds = ("policy_notice", "research_report", "other")
    print("gold \\ predicted", *kinds, sep="\t")
    for g in kinds:
        print(g, *(sum(1 for _, gg, k, _ in results if gg == g and k == kk) for kk in kinds), sep="\t")
    for doc_id, g, k, conf in results:
        if g != k:
            print(f"  wrong: {doc_id}: gold {g}, predicted {k} ({conf})")

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
