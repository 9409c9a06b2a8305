"""spaCy pipelines, built from `@Language.factory` components.

An extraction runs in two parts on one Doc: `mentions(text, layout)` writes the mentions
every kind reads (SHARED_MENTIONS: text units, sections, doc numbers, dates, quantities,
agencies, organs), the document kind is read from those spans and the text cues
(`extractor.classify.classify_doc`, or given by the caller), and `interpret(doc, kind)`
runs the kind's own components (KIND_COMPONENTS: the mention families only that kind
reads, then its interpretations). Both parts run the components of one pipeline holding
all of ORDER (`get_pipeline()`).

`build_pipeline(names)` makes a blank `zh` pipeline with the character tokenizer
and the named components, each preceded by the components it requires (their
factories declare `requires`; the provider of an attribute is the first factory
of `ORDER` that assigns it). `get_pipeline(kind)` builds the whole pipeline of a kind
(PIPELINES) once per process, for callers that know the kind. Tests build theirs with
the same function. Component modules are imported when a pipeline needs them
(`components.ensure`).
"""

from __future__ import annotations

from functools import lru_cache
from typing import Iterable

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from extractor.limits import MAX_TEXT_CHARS
from extractor.pipelines import base  # noqa: F401  (registers tokenizer and extensions)
from extractor.pipelines.base import Layout, prepare_doc, set_kind
from extractor.pipelines.components import ensure

# The mention layer in its one order: each family found once, read by everything after it.
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
# The interpretation components in their one order; each kind runs a subset of them.
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
ORDER = MENTIONS + INTERPRETATIONS

# What each kind runs beyond the shared mentions: the mention families only it reads, then
# its interpretations. A policy notice: minerals; its header, targets and responsibilities. A
# report: regions, periods, text tables, institution names, then minerals (a metal inside an
# institution name is no mention) and market quantities; its sections, regions, institution,
# figures, statistics, forecasts and policy events. Both: a title, issuing agencies, dates and
# cited documents. (`other` is read like a notice.)
_BOTH = {"ex_minerals", "ex_title", "ex_agencies", "ex_dates", "ex_references"}
_NOTICE = _BOTH | {"ex_doc_numbers", "ex_targets", "ex_responsibilities"}
_REPORT = _BOTH | {"ex_region_mentions", "ex_periods", "ex_text_tables", "ex_institution_mentions",
                   "ex_market_mentions", "ex_report_sections", "ex_regions", "ex_institution", "ex_figures",
                   "ex_statistics", "ex_forecasts", "ex_policy_events"}
# The mentions every kind runs first; the document kind is read from them (and the text cues)
# by `extractor.classify.classify_doc` before the kind's own components run on the same Doc.
SHARED_MENTIONS = [n for n in MENTIONS if n not in _NOTICE | _REPORT]
KIND_COMPONENTS: dict[str, list[str]] = {
    kind: [n for n in ORDER if n in names]
    for kind, names in (("policy_notice", _NOTICE), ("research_report", _REPORT), ("other", _NOTICE))
}


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


# The whole pipeline of each kind, complete and in order (a test checks resolve(names) ==
# names): what `get_pipeline(kind)` builds, for a caller that knows the kind (tests, bench).
PIPELINES: dict[str, list[str]] = {kind: SHARED_MENTIONS + names for kind, names in KIND_COMPONENTS.items()}


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
def get_pipeline(kind: str | None = None) -> Language:
    """The pipeline for a document kind (policy_notice, research_report, other); with no
    kind, the one holding every component of ORDER, which `mentions` and `interpret` run
    part by part (what `extract()` uses)."""
    return build_pipeline(ORDER if kind is None else PIPELINES[kind])


def run_pipes(nlp: Language, doc: Doc, names: Iterable[str]) -> Doc:
    """`doc` through the components `names` of `nlp`, in that order (a component is a
    callable on a Doc; `nlp(doc)` would run all of them)."""
    for name in names:
        doc = nlp.get_pipe(name)(doc)
    return doc


def mentions(text: str, layout: Layout | None = None) -> Doc:
    """The Doc of `text` with the shared mentions (SHARED_MENTIONS) written; the kind is read
    from it."""
    nlp = get_pipeline()
    return run_pipes(nlp, prepare_doc(nlp, text, layout), SHARED_MENTIONS)


def interpret(doc: Doc, kind: str) -> Doc:
    """The components of `kind` (KIND_COMPONENTS: its own mention families, then its
    interpretations) run on a Doc made by `mentions`; the kind is set on `doc._.layout` first
    (date roles read it)."""
    set_kind(doc, kind)
    return run_pipes(get_pipeline(), doc, KIND_COMPONENTS[kind])
