"""The assembler's fast forms agree with the plain ones they replace."""

from __future__ import annotations

from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from conftest import pipeline
from extractor.assemble import _resolve
from extractor.normalize import Loc, NormalizedText
from extractor.pipelines.base import add_span, doc_text, prepare_doc, span_fields, spans


def plain_resolve(value: Any, norm: NormalizedText) -> Any:
    """The assembler's `_resolve` as first written: one isinstance chain per value."""
    if isinstance(value, Loc):
        return norm.evidence(value.start, value.end)
    if isinstance(value, dict):
        return {k: plain_resolve(v, norm) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain_resolve(v, norm) for v in value]
    return value


leaves = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=3))
locs = st.builds(Loc, st.integers(0, 20), st.integers(0, 20))
values = st.recursive(
    st.one_of(leaves, locs),
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.lists(inner, max_size=4).map(tuple),
        st.dictionaries(st.text(max_size=3), inner, max_size=4),
    ),
    max_leaves=20,
)


@given(values)
def test_resolve_matches_the_plain_form(value):
    norm = NormalizedText(text="x" * 20)
    assert _resolve(value, norm) == plain_resolve(value, norm)


@given(st.text(min_size=1, max_size=30), st.data())
def test_span_characters_and_fields_match_the_span(text, data):
    """The assembler reads `text[start_char:end_char]` and `span_fields`, not
    `span.text` and `span._.fields`."""
    nlp = pipeline()
    doc = prepare_doc(nlp, text)
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start + 1, len(text)))
    add_span(doc, "probe", start, end, "PROBE", {"n": 1})
    add_span(doc, "probe", start, end, "PROBE", {"n": 2})  # same characters, own fields
    for sp, n in zip(spans(doc, "probe"), (1, 2), strict=True):
        assert doc_text(doc)[sp.start_char : sp.end_char] == sp.text
        assert span_fields(sp) == sp._.fields == {"n": n}
