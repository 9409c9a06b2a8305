"""spaCy pipelines, built from `@Language.factory` components.

An extraction runs in two parts on one Doc: `mentions(text, layout)` writes the mention
layer (MENTIONS, the same for every kind), the document kind is read from those spans
(`extractor.classify.classify_doc`, or given by the caller), and `interpret(doc, kind)`
runs the kind's interpretation components (KIND_INTERPRETATIONS). Both parts run the
components of one pipeline holding all of ORDER (`get_pipeline()`).

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

# The mention layer, the same for every kind: found once, read by everything after it,
# the document-kind classifier included (`extractor.classify.classify_doc` reads these spans).
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

# what a kind interprets: a policy notice its header, targets and responsibilities; a report
# its sections, regions, institution, figures, statistics, forecasts and policy events; both
# a title, issuing agencies, dates and cited documents
_SHARED = {"ex_title", "ex_agencies", "ex_dates", "ex_references"}
_NOTICE = _SHARED | {"ex_doc_numbers", "ex_targets", "ex_responsibilities"}
_REPORT = _SHARED | {"ex_report_sections", "ex_regions", "ex_institution", "ex_figures", "ex_statistics",
                     "ex_forecasts", "ex_policy_events"}
NOTICE_INTERPRETATIONS = [n for n in INTERPRETATIONS if n in _NOTICE]
REPORT_INTERPRETATIONS = [n for n in INTERPRETATIONS if n in _REPORT]
KIND_INTERPRETATIONS: dict[str, list[str]] = {
    "policy_notice": NOTICE_INTERPRETATIONS,
    "research_report": REPORT_INTERPRETATIONS,
    "other": NOTICE_INTERPRETATIONS,
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
PIPELINES: dict[str, list[str]] = {kind: MENTIONS + names for kind, names in KIND_INTERPRETATIONS.items()}


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
    """The Doc of `text` with the mention layer (MENTIONS) written; the kind is read from it."""
    nlp = get_pipeline()
    return run_pipes(nlp, prepare_doc(nlp, text, layout), MENTIONS)


def interpret(doc: Doc, kind: str) -> Doc:
    """The interpretation components of `kind` run on a Doc made by `mentions`; the kind is
    set on `doc._.layout` first (date roles read it)."""
    set_kind(doc, kind)
    return run_pipes(get_pipeline(), doc, KIND_INTERPRETATIONS[kind])
