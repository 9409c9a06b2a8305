"""spaCy pipelines: one per document kind, built from `@Language.factory` components.

`get_pipeline(kind)` builds a blank `zh` pipeline with the character tokenizer
and the components for that kind, once per process.
"""

from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language

from extractor.pipelines import base  # noqa: F401  (registers tokenizer and extensions)
from extractor.pipelines import components  # noqa: F401  (registers the factories)

POLICY_NOTICE = [
    "ex_sections",
    "ex_title",
    "ex_doc_numbers",
    "ex_agencies",
    "ex_dates",
    "ex_minerals",
    "ex_targets",
    "ex_responsibilities",
    "ex_references",
]

RESEARCH_REPORT: list[str] = [
    "ex_sections",
    "ex_report_sections",
    "ex_title",
    "ex_agencies",
    "ex_dates",
    "ex_minerals",
    "ex_regions",
    "ex_institution",
    "ex_figures",
    "ex_statistics",
    "ex_forecasts",
    "ex_policy_events",
    "ex_references",
]

PIPELINES: dict[str, list[str]] = {
    "policy_notice": POLICY_NOTICE,
    "research_report": RESEARCH_REPORT,
    "other": POLICY_NOTICE,
}


@lru_cache(maxsize=None)
def get_pipeline(kind: str) -> Language:
    """The pipeline for a document kind (policy_notice, research_report, other)."""
    nlp = spacy.blank(
        "zh", config={"nlp": {"tokenizer": {"@tokenizers": "extractor.char_tokenizer.v1"}}}
    )
    for name in PIPELINES[kind]:
        nlp.add_pipe(name)  # a missing factory is a bug: let spaCy say so
    return nlp
