"""Pipeline plumbing: character tokenizer, span fields, assembler."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from conftest import pipeline
from extractor.pipelines.base import Loc, add_span, spans

NLP = pipeline()


@given(st.text(max_size=30), st.data())
def test_base_every_char_offset_aligns(text, data):
    doc = NLP.make_doc(text)
    assert doc.text == text
    if text:
        i = data.draw(st.integers(0, len(text) - 1))
        j = data.draw(st.integers(i + 1, len(text)))
        span = doc.char_span(i, j)
        assert span is not None and span.text == text[i:j]


@given(st.text(max_size=30))
def test_base_tokens_are_the_lexemes_of_a_doc_made_from_strings(text):
    """The tokenizer gives the Doc string-store ids: the same lexemes as words given as
    strings, for characters seen before or not."""
    from spacy.tokens import Doc

    doc = NLP.make_doc(text)
    plain = Doc(NLP.vocab, words=list(text), spaces=[False] * len(text))
    assert [(t.orth, t.lex_id, t.text, t.is_space, t.whitespace_) for t in doc] == [
        (t.orth, t.lex_id, t.text, t.is_space, t.whitespace_) for t in plain]


def test_base_spans_on_the_same_characters_keep_their_own_fields():
    doc = NLP.make_doc("国家能源局公告2026年第3号")
    add_span(doc, "title", 0, 15, "TITLE", {"text": "t"})
    add_span(doc, "doc_numbers", 0, 15, "DOC_NUMBER", {"role": "self"})
    add_span(doc, "doc_numbers", 0, 15, "DOC_NUMBER", {"role": "cited"})
    assert spans(doc, "title")[0]._.fields == {"text": "t"}
    assert [s._.fields["role"] for s in spans(doc, "doc_numbers")] == ["self", "cited"]
    first = spans(doc, "title")[0]
    first._.fields = {"text": "changed"}
    assert spans(doc, "title")[0]._.fields == {"text": "changed"}
    assert spans(doc, "doc_numbers")[0]._.fields == {"role": "self"}


def test_base_missing_family_is_empty():
    assert spans(NLP.make_doc("abc"), "targets") == []


def test_assemble_resolves_nested_loc_to_evidence():
    from extractor.assemble import assemble
    from extractor.ingest.types import IngestedDocument, Line
    from extractor.normalize import normalize

    ing = IngestedDocument(media_type="text/plain", sha256="0" * 64, filename=None,
                           lines=[Line("（工业和信息化部牵头，生态环境部参加）")])
    norm = normalize(ing)
    doc = NLP.make_doc(norm.text)
    add_span(doc, "responsibilities", 0, len(norm.text), "RESP", {
        "task": "5",
        "lead": [{"name": "工业和信息化部", "canonical": "工业和信息化部", "evidence": Loc(1, 8)}],
        "participants": [{"name": "生态环境部", "canonical": "生态环境部", "evidence": Loc(11, 16)}],
    })
    r = assemble(doc, norm, ing, kind="policy_notice", kind_confidence=1.0)
    resp = r.responsibilities[0]
    assert r.text[resp.lead[0].evidence.start : resp.lead[0].evidence.end] == "工业和信息化部"
    assert r.text[resp.participants[0].evidence.start : resp.participants[0].evidence.end] == "生态环境部"
    assert resp.evidence.start == 0 and resp.evidence.end == len(r.text)


def test_pipelines_build_with_every_component():
    from extractor.pipelines import PIPELINES, get_pipeline, resolve

    for kind, names in PIPELINES.items():
        assert resolve(names) == names  # complete and in order
        assert get_pipeline(kind).pipe_names == names


def test_every_factory_is_in_the_module_map():
    from spacy.language import Language
    from spacy.util import registry

    from extractor.pipelines.components import FACTORY_MODULES, import_all

    import_all()
    ours = {n for n in Language.factories if n.startswith("ex_")}
    assert ours == set(FACTORY_MODULES)
    for name, module in FACTORY_MODULES.items():
        assert registry.factories.get(name).__module__ == f"extractor.pipelines.components.{module}", name


def test_pipelines_analyze_without_problems():
    """Every factory declares what it assigns and requires; the order satisfies them."""
    from extractor.pipelines import PIPELINES, get_pipeline

    for kind in PIPELINES:
        analysis = get_pipeline(kind).analyze_pipes()
        assert all(not p for p in analysis["problems"].values()), (kind, analysis["problems"])
        for name, meta in analysis["summary"].items():
            assert meta["assigns"], f"{name} declares nothing it assigns"


def test_components_keep_no_state_between_documents():
    """A pipeline is shared by threads: a call may not leave anything on the component."""
    from extractor.pipelines import get_pipeline
    from extractor.pipelines.base import prepare_doc

    text = "短期：预计铜价将上涨5%。\n2025年7月，山西铝土矿产量202万吨。"
    for kind in ("research_report", "policy_notice"):
        nlp = get_pipeline(kind)
        before = {name: dict(vars(pipe)) if hasattr(pipe, "__dict__") else None for name, pipe in nlp.pipeline}
        nlp(prepare_doc(nlp, text))
        after = {name: dict(vars(pipe)) if hasattr(pipe, "__dict__") else None for name, pipe in nlp.pipeline}
        assert before == after


def test_pipeline_max_length_is_the_text_limit():
    from extractor.limits import MAX_TEXT_CHARS
    from extractor.pipelines import get_pipeline

    assert get_pipeline("policy_notice").max_length >= MAX_TEXT_CHARS


def test_doc_text_is_read_once():
    from extractor.pipelines.base import prepare_doc

    doc = prepare_doc(NLP, "国家能源局")
    assert doc._.text == "国家能源局" and doc._.text is doc._.text


def test_the_kind_steps_run_each_pipeline_exactly():
    """Each kind's pipeline (SHARED_MENTIONS then KIND_COMPONENTS[kind]) is complete and in
    order, every component's `requires` is assigned by a component before it, and the kinds
    together run every component of ORDER."""
    from spacy.language import Language

    from extractor.pipelines import KIND_COMPONENTS, ORDER, PIPELINES, SHARED_MENTIONS, resolve
    from extractor.pipelines.components import ensure

    for kind, names in PIPELINES.items():
        assert resolve(names) == names, kind
        assigned: set[str] = set()
        for name in names:
            ensure(name)
            meta = Language.get_factory_meta(name)
            assert set(meta.requires) <= assigned, (kind, name, set(meta.requires) - assigned)
            assigned |= set(meta.assigns)
    assert sorted(set().union(SHARED_MENTIONS, *KIND_COMPONENTS.values())) == sorted(ORDER)


def test_extract_in_steps_is_the_kind_pipeline_in_one_pass(seeds_dir):
    """extract() (shared mentions, the kind, the kind's components on the same Doc) gives what
    the kind's whole pipeline gives in one `nlp(doc)` call."""
    from dataclasses import replace

    import extractor.core as core
    from extractor.assemble import assemble
    from extractor.ingest import ingest
    from extractor.normalize import normalize
    from extractor.pipelines import get_pipeline
    from extractor.pipelines.base import Layout, prepare_doc

    for name in ("notice_003.txt", "report_000.txt"):
        path = seeds_dir / name
        got = core.extract(path)
        ing = ingest(str(path))
        norm = normalize(ing)
        nlp = get_pipeline(got.kind.value)
        layout = replace(Layout(media_type=ing.media_type), kind=got.kind.value)
        doc = nlp(prepare_doc(nlp, norm.text, layout))
        want = assemble(doc, norm, ing, kind=got.kind.value, kind_confidence=got.kind_confidence,
                        extractor_version=core.__version__)
        assert got.model_dump(exclude={"meta"}) == want.model_dump(exclude={"meta"}), name


def test_a_given_kind_skips_the_classifier(seeds_dir, monkeypatch):
    import extractor.core as core

    def refuse(doc):
        raise AssertionError("classified although the kind was given")

    monkeypatch.setattr(core, "classify_doc", refuse)
    got = core.extract(seeds_dir / "report_000.txt", kind="policy_notice")
    assert got.kind.value == "policy_notice" and got.kind_confidence == 1.0
