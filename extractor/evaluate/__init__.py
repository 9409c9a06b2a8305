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

Matching: each document contributes a set of keys per field (a multiset for
targets, statistics and forecasts); greedy one-to-one, exact keys first, then the
soft predicate. The per-field rules are the entries of the field registry,
extractor/fields.py (summed up in its docstring and in corpora/README.md).

Modules: `gold` (gold.json and meta.json models, derived from
extractor/models.py), `corpus` (loading, validation, SEPARATE_SETS), `matching`,
`scoring`, `report` (table, Markdown, details, JSON), `ratchet`, `run`
(predictions and the command).
"""

from __future__ import annotations

from extractor.compare import (
    agency_key,
    agency_soft,
    catalogue,
    mineral_parents,
    soft,
    soft_unit,
    strip_title_marks,
    task_tail,
)
from extractor.evaluate.corpus import (
    ROOT,
    SEPARATE_SETS,
    CorpusDoc,
    iter_evidence,
    load_corpus,
    read_source_text,
    shared_dir,
    source_path,
    validate_doc,
)
from extractor.evaluate.gold import (
    GOLD_MODELS,
    GAgency,
    GAgencyRef,
    GDate,
    GDocNumber,
    GEvidence,
    GForecast,
    GInstitution,
    GMineral,
    Gold,
    GReference,
    GResponsibility,
    GStatistic,
    GTarget,
    GTitle,
    Meta,
    MetaSource,
    gold_document_model,
    gold_model,
    prune,
)
from extractor.evaluate.matching import Matcher, dedupe, field_items, match, subfield
from extractor.evaluate.ratchet import EPSILON, check_ratchet
from extractor.evaluate.report import format_details, format_markdown, format_table, scores_json
from extractor.evaluate.run import evaluate, load_prediction, main, predict
from extractor.evaluate.scoring import Counts, Scores, header_field_right, score_doc, summarise
from extractor.fields import header_names, responsibility_triples, scored_names

# The scored fields and the header fields at import time (the registry is the source).
FIELDS = scored_names()
HEADER_FIELDS = header_names()

__all__ = [
    "EPSILON", "FIELDS", "GOLD_MODELS", "HEADER_FIELDS", "ROOT", "SEPARATE_SETS", "CorpusDoc",
    "Counts", "GAgency", "GAgencyRef", "GDate", "GDocNumber", "GEvidence", "GForecast",
    "GInstitution", "GMineral", "GReference", "GResponsibility", "GStatistic", "GTarget",
    "GTitle", "Gold", "Matcher", "Meta", "MetaSource", "Scores", "agency_key", "agency_soft",
    "catalogue", "check_ratchet", "dedupe", "evaluate", "field_items", "format_details",
    "format_markdown", "format_table", "gold_document_model", "gold_model",
    "header_field_right", "iter_evidence", "load_corpus", "load_prediction", "main", "match",
    "mineral_parents", "predict", "prune", "read_source_text", "responsibility_triples",
    "score_doc", "scored_names", "scores_json", "shared_dir", "soft", "soft_unit",
    "source_path", "strip_title_marks", "subfield", "summarise", "task_tail", "validate_doc",
]
