"""spaCy pipelines: one per document kind, built from `@Language.factory` components.

`build_pipeline(names)` makes a blank `zh` pipeline with the character tokenizer
and the named components, each preceded by the components it requires (their
factories declare `requires`; the provider of an attribute is the first factory
of `ORDER` that assigns it). `get_pipeline(kind)` builds the pipeline of a kind
once per process. Tests build theirs with the same function. Component modules are
imported when a pipeline needs them (`components.ensure`).
"""

from __future__ import annotations

from functools import lru_cache
from typing import Iterable

import spacy
from spacy.language import Language

from extractor.limits import MAX_TEXT_CHARS
from extractor.pipelines import base  # noqa: F401  (registers tokenizer and extensions)
from extractor.pipelines.components import ensure

# Mention layer first (found once, read by everything after), then interpretation.
MENTIONS = [
    "ex_text_units",
    "ex_sections",
    "ex_doc_number_mentions",
    "ex_date_mentions",
    "ex_quantities",
    "ex_agency_mentions",
    "ex_organ_mentions",
    "ex_region_mentions",
    "ex_periods",
    "ex_text_tables",
    "ex_institution_mentions",
    "ex_minerals",
    "ex_market_mentions",
]
# the interpretation components of a policy notice, in order; a report adds its own
NOTICE_INTERPRETATIONS = [
    "ex_title",
    "ex_doc_numbers",
    "ex_agencies",
    "ex_dates",
    "ex_targets",
    "ex_responsibilities",
    "ex_references",
]
REPORT_INTERPRETATIONS = [
    "ex_report_sections",
    "ex_regions",
    "ex_institution",
    "ex_figures",
    "ex_statistics",
    "ex_forecasts",
    "ex_policy_events",
]
ORDER = MENTIONS + NOTICE_INTERPRETATIONS + REPORT_INTERPRETATIONS

# the mention families a policy notice needs (no regions, periods, text tables or institutions)
POLICY_MENTIONS = [n for n in MENTIONS
                   if n not in ("ex_region_mentions", "ex_periods", "ex_text_tables", "ex_institution_mentions",
                                "ex_market_mentions")]
POLICY_NOTICE = POLICY_MENTIONS + NOTICE_INTERPRETATIONS

RESEARCH_REPORT: list[str] = MENTIONS + [
    "ex_report_sections",
    "ex_title",
    "ex_agencies",
    "ex_dates",
    "ex_regions",
    "ex_institution",
    "ex_figures",
    "ex_statistics",
    "ex_forecasts",
    "ex_policy_events",
    "ex_references",
]


def _meta(name: str):
    ensure(name)
    return Language.get_factory_meta(name)


def provider(attr: str) -> str:
    """The first factory of ORDER that assigns `attr` (importing modules only as far as needed)."""
    for n in ORDER:
        if attr in _meta(n).assigns:
            return n
    raise ValueError(f"{attr} is required, but no component assigns it")


def resolve(names: Iterable[str]) -> list[str]:
    """`names` in order, each preceded by the providers of what it requires."""
    out: list[str] = []

    def add(name: str, chain: tuple[str, ...] = ()) -> None:
        if name in out:
            return
        if name in chain:
            raise ValueError(f"components require each other: {' -> '.join(chain + (name,))}")
        for attr in _meta(name).requires:
            add(provider(attr), chain + (name,))
        out.append(name)

    for n in names:
        add(n)
    return out


# Complete and in order (a test checks resolve(names) == names), so that building one
# needs nothing beyond its own components.
PIPELINES: dict[str, list[str]] = {
    "policy_notice": POLICY_NOTICE,
    "research_report": RESEARCH_REPORT,
    "other": POLICY_NOTICE,
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
