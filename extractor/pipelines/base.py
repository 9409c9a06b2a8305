"""Shared pipeline plumbing: the character tokenizer, Doc and span extensions, `Loc`.

Contract for components (one module per entity family in `components/`):
- register with `@Language.factory("ex_<family>", assigns=families(...),
  requires=families(...))`: every span key a component writes or must read is
  declared, so `nlp.analyze_pipes()` checks the order (`families` registers
  `doc._.<key>`, a read-only view of `doc.spans[key]`);
- two layers: mention components find things once and write their parsed record;
  interpretation components read those spans and decide roles. No component
  imports another; shared grammar code lives in `extractor.grammars`;
- read the text as `doc._.text` (cached: `Doc.text` rebuilds the string from one
  token per character on every call); match on characters, never on jieba tokens;
- layout (media type, kind, furniture, PDF tables, page map) is `doc._.layout`, a
  `Layout` set by `prepare_doc`, the one function that makes a Doc for the
  pipelines (production and tests);
- write `doc.spans[<result field>]`, e.g. `doc.spans["doc_numbers"]`, one span
  per item, made with `doc.char_span(start, end, label=...)` (the tokenizer
  makes one token per character, so every offset aligns);
- put the item's model fields, except `evidence`, in `span._.fields` (a dict).
  `text`/`name` default to the span text when the model has them and the dict
  lacks them. Nested evidence (a lead agency inside a responsibility clause,
  the mentions of a mineral) is given as `Loc(start, end)` and the assembler
  turns it into `Evidence`.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any, Iterable, Sequence

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import registry
from spacy.vocab import Vocab

from extractor.normalize import Loc  # noqa: F401  (components import it from here)


def _fields_key(span: Span) -> tuple:
    return ("ex.fields", span.start_char, span.end_char, span.label, span.id)


def span_fields(span: Span) -> dict | None:
    """`span._.fields` without the extension machinery (one Underscore object per call)."""
    return span.doc.user_data.get(("ex.fields", span.start_char, span.end_char, span.label, span.id))


def _set_fields(span: Span, value: dict | None) -> None:
    span.doc.user_data[_fields_key(span)] = value


# spaCy keys plain span extensions by (start_char, end_char) only, so two spans
# on the same characters (a title field that is also a doc number) would share
# their fields. Ours are keyed by the span's label and its unique id as well.
if not Span.has_extension("fields"):
    Span.set_extension("fields", getter=span_fields, setter=_set_fields)


RECORDS_KEY = "ex.records"


def _record_key(span: Span) -> tuple:
    return ("ex.record", span.start_char, span.end_char, span.label, span.id)


def _get_record(span: Span) -> Any:
    data = span.doc.user_data
    key = _record_key(span)
    if key in data:
        return data[key]
    index = data.get("ex.record_index")
    if index is None:  # the records of the families written by add_mentions, by span
        index = data["ex.record_index"] = {}
        for k, recs in [(k[1], v) for k, v in data.items() if isinstance(k, tuple) and k[0] == RECORDS_KEY]:
            for sp, rec in zip(span.doc.spans[k], recs):
                index.setdefault((sp.start, sp.end, sp.label), rec)
    return index.get((span.start, span.end, span.label))


# The parsed record of a mention (a Quantity, a DateParse …): the grammar's own
# object, for the interpretation components; it never reaches the result.
if not Span.has_extension("record"):
    Span.set_extension(
        "record",
        getter=_get_record,
        setter=lambda span, value: span.doc.user_data.__setitem__(_record_key(span), value),
    )

TEXT_KEY = "ex.text"
LAYOUT_KEY = "ex.layout"


def doc_text(doc: Doc) -> str:
    """The text of `doc`, built once (the tokenizer stores it; else built and kept)."""
    text = doc.user_data.get(TEXT_KEY)
    if text is None:
        text = doc.user_data[TEXT_KEY] = doc.text
    return text


@dataclass(frozen=True)
class Furniture:
    """A running header, footer or page number that ingestion kept out of the text."""

    kind: str  # header | footer | page_number
    text: str
    page: int | None = None


@dataclass(frozen=True)
class Layout:
    """What ingestion knows beyond the text; `doc._.layout`."""

    media_type: str = "text/plain"
    kind: str = "other"  # policy_notice | research_report | other
    furniture: tuple[Furniture, ...] = ()
    tables: tuple[Any, ...] = ()  # extractor.ingest.types.TableInfo (PDF tables)
    page_of: Sequence[int] = ()  # page of each character, 0 = none; () without pages

    @property
    def furniture_texts(self) -> tuple[str, ...]:
        return tuple(f.text for f in self.furniture)


NO_LAYOUT = Layout()

if not Doc.has_extension("text"):
    Doc.set_extension("text", getter=doc_text)
if not Doc.has_extension("layout"):
    Doc.set_extension("layout", getter=lambda doc: doc.user_data.get(LAYOUT_KEY, NO_LAYOUT))


def prepare_doc(nlp: Language, text: str, layout: Layout | None = None) -> Doc:
    """The Doc the pipelines run on: `text` tokenized, `layout` attached.

    The one way to make a Doc for `nlp(doc)`, in `extract()` and in the tests, so
    both run the same branches."""
    doc = nlp.make_doc(text)
    doc.user_data[TEXT_KEY] = text
    doc.user_data[LAYOUT_KEY] = layout or NO_LAYOUT
    return doc


class CharTokenizer:
    """One token per character, whitespace included, so char spans always align."""

    def __init__(self, vocab: Vocab) -> None:
        self.vocab = vocab
        self._orth: dict[str, int] = {}  # character -> its id in the vocab's string store

    def __call__(self, text: str) -> Doc:
        # Words given as string-store ids: the Doc looks each lexeme up by id, instead of
        # hashing every character twice (the same lexemes; ~3x faster on a long text).
        orth = self._orth
        try:
            words = [orth[ch] for ch in text]
        except KeyError:  # a character not seen before
            strings = self.vocab.strings
            orth.update((ch, strings.add(ch)) for ch in set(text) if ch not in orth)
            words = [orth[ch] for ch in text]
        doc = Doc(self.vocab, words=words, spaces=[False] * len(text))
        doc.user_data[TEXT_KEY] = text
        return doc

    def to_bytes(self, **kwargs) -> bytes:  # pragma: no cover - nothing to save
        return b""

    def from_bytes(self, data: bytes, **kwargs) -> "CharTokenizer":  # pragma: no cover
        return self

    def to_disk(self, path, **kwargs) -> None:  # pragma: no cover
        return None

    def from_disk(self, path, **kwargs) -> "CharTokenizer":  # pragma: no cover
        return self


@registry.tokenizers("extractor.char_tokenizer.v1")
def create_char_tokenizer():
    def make(nlp: Language) -> CharTokenizer:
        return CharTokenizer(nlp.vocab)

    return make


def add_span(doc: Doc, key: str, start: int, end: int, label: str, fields: dict) -> Span:
    """Append a span with `fields` to `doc.spans[key]` and return it."""
    serial = doc.user_data.get("ex.span_serial", 0) + 1
    doc.user_data["ex.span_serial"] = serial
    # an int id: a string id would be interned in the shared vocab for every span of
    # every document (memory that grows with each document a worker reads)
    span = doc.char_span(start, end, label=label, span_id=serial)
    if span is None:  # cannot happen with CharTokenizer; guard anyway
        raise ValueError(f"span {start}:{end} does not align")
    span._.fields = fields
    if key not in doc.spans:
        doc.spans[key] = []
    doc.spans[key].append(span)
    return span


def spans(doc: Doc, key: str) -> list[Span]:
    """The spans of a family, [] when the component did not run or found none."""
    return list(doc.spans[key]) if key in doc.spans else []


def families(*keys: str) -> list[str]:
    """`doc._.<key>` for each span key (registered as a view of `doc.spans[key]`),
    for a factory's `assigns` / `requires`."""
    out = []
    for key in keys:
        if not Doc.has_extension(key):
            Doc.set_extension(key, getter=lambda doc, k=key: spans(doc, k))
        out.append(f"doc._.{key}")
    return out


def add_mentions(doc: Doc, key: str, items: Iterable[tuple[int, int, str, Any]]) -> None:
    """Write a mention family at once: `doc.spans[key]` gets one span per
    (start, end, label, record), and `records(doc, key)` the records, in that order.

    Mentions are many (thousands in a long text): the spans are made directly (one
    token per character, so token offsets are character offsets) and the records are
    kept as one list beside them."""
    made, recs = [], []
    for start, end, label, record in items:
        made.append(Span(doc, start, end, label=label))
        recs.append(record)
    doc.spans[key] = made
    doc.user_data[(RECORDS_KEY, key)] = recs


def records(doc: Doc, key: str) -> list:
    """The parsed records of a mention family (`add_mentions`), in order; for a family
    written span by span, the `span._.record` of each span."""
    recs = doc.user_data.get((RECORDS_KEY, key))
    if recs is not None:
        return list(recs)
    return [sp._.record for sp in spans(doc, key)]


def set_doc_value(doc: Doc, name: str, value: Any) -> None:
    """Set a Doc-level value a component assigns (`doc._.<name>`, see `doc_value`)."""
    doc.user_data[("ex.value", name)] = value


def doc_value(name: str) -> str:
    """Register `doc._.<name>` (a value one component sets with `set_doc_value`) and
    return the attribute for `assigns` / `requires`."""
    if not Doc.has_extension(name):
        Doc.set_extension(name, getter=lambda doc, n=name: doc.user_data.get(("ex.value", n)))
    return f"doc._.{name}"


def set_kind(doc: Doc, kind: str) -> None:
    """The document kind on `doc._.layout` (decided after the mention layer ran)."""
    doc.user_data[LAYOUT_KEY] = replace(doc._.layout, kind=kind)
