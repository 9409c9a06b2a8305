"""spaCy pipelines: one per document kind, built from `@Language.factory` components.

`build_pipeline(names)` makes a blank `zh` pipeline with the character tokenizer
and the named components, each preceded by the components it requires (their
factories declare `requires`; the provider of an attribute is the first factory
of `ORDER` that assigns it). `get_pipeline(kind)` builds the pipeline of a kind
once per process. Tests build theirs with the same function.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Iterable

import spacy
from spacy.language import Language

from extractor.limits import MAX_TEXT_CHARS
from extractor.pipelines import base  # noqa: F401  (registers tokenizer and extensions)
from extractor.pipelines import components  # noqa: F401  (registers the factories)

# Mention layer first (found once, read by everything after), then interpretation.
MENTIONS = [
    "ex_text_units",
    "ex_sections",
    "ex_doc_number_mentions",
    "ex_date_mentions",
    "ex_quantities",
    "ex_agency_mentions",
    "ex_region_mentions",
    "ex_periods",
    "ex_text_tables",
    "ex_minerals",
]
INTERPRETATIONS = [
    "ex_report_sections",
    "ex_title",
    "ex_doc_numbers",
    "ex_agencies",
    "ex_dates",
    "ex_targets",
    "ex_responsibilities",
    "ex_regions",
    "ex_institution",
    "ex_figures",
    "ex_statistics",
    "ex_forecasts",
    "ex_policy_events",
    "ex_references",
]
ORDER = [n for n in MENTIONS + INTERPRETATIONS if n in Language.factories]

POLICY_NOTICE = [
    "ex_text_units",
    "ex_sections",
    "ex_doc_number_mentions",
    "ex_date_mentions",
    "ex_quantities",
    "ex_agency_mentions",
    "ex_minerals",
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
    "ex_text_units",
    "ex_sections",
    "ex_doc_number_mentions",
    "ex_date_mentions",
    "ex_quantities",
    "ex_agency_mentions",
    "ex_region_mentions",
    "ex_periods",
    "ex_text_tables",
    "ex_minerals",
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


def resolve(names: Iterable[str]) -> list[str]:
    """`names` in order, each preceded by the providers of what it requires."""
    providers: dict[str, str] = {}
    for n in ORDER:
        for attr in Language.get_factory_meta(n).assigns:
            providers.setdefault(attr, n)
    out: list[str] = []

    def add(name: str, chain: tuple[str, ...] = ()) -> None:
        if name in out:
            return
        if name in chain:
            raise ValueError(f"components require each other: {' -> '.join(chain + (name,))}")
        for attr in Language.get_factory_meta(name).requires:
            if attr not in providers:
                raise ValueError(f"{name} requires {attr}, which no component assigns")
            add(providers[attr], chain + (name,))
        out.append(name)

    for n in names:
        add(n)
    return out


PIPELINES: dict[str, list[str]] = {
    "policy_notice": resolve(POLICY_NOTICE),
    "research_report": resolve(RESEARCH_REPORT),
    "other": resolve(POLICY_NOTICE),
}


def build_pipeline(names: Iterable[str]) -> Language:
    """A blank "zh" pipeline (character tokenizer) with `names` and their requirements."""
    nlp = spacy.blank(
        "zh", config={"nlp": {"tokenizer": {"@tokenizers": "extractor.char_tokenizer.v1"}}}
    )
    nlp.max_length = MAX_TEXT_CHARS  # text under our limit never meets E088
    for name in resolve(names):
        nlp.add_pipe(name)  # a missing factory is a bug: let spaCy say so
    return nlp


@lru_cache(maxsize=None)
def get_pipeline(kind: str) -> Language:
    """The pipeline for a document kind (policy_notice, research_report, other)."""
    return build_pipeline(PIPELINES[kind])
