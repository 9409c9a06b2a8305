"""Shared pipeline plumbing: the character tokenizer, span extensions, `Loc`.

Contract for components (one module per entity family in `components/`):
- register with `@Language.factory("ex_<family>")`;
- read `doc.text` (match on characters, never on jieba tokens);
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

from typing import NamedTuple

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import registry
from spacy.vocab import Vocab


class Loc(NamedTuple):
    """A character range of the document text, resolved to Evidence later."""

    start: int
    end: int


def _fields_key(span: Span) -> tuple:
    return ("ex.fields", span.start_char, span.end_char, span.label, span.id)


def _get_fields(span: Span) -> dict | None:
    return span.doc.user_data.get(_fields_key(span))


def _set_fields(span: Span, value: dict | None) -> None:
    span.doc.user_data[_fields_key(span)] = value


# spaCy keys plain span extensions by (start_char, end_char) only, so two spans
# on the same characters (a title field that is also a doc number) would share
# their fields. Ours are keyed by the span's label and its unique id as well.
if not Span.has_extension("fields"):
    Span.set_extension("fields", getter=_get_fields, setter=_set_fields)
if not Doc.has_extension("meta"):
    # Doc-level context set before the components run: media_type, furniture
    # texts, the document kind. Components may read it, never rely on it.
    Doc.set_extension("meta", default=None)


class CharTokenizer:
    """One token per character, whitespace included, so char spans always align."""

    def __init__(self, vocab: Vocab) -> None:
        self.vocab = vocab

    def __call__(self, text: str) -> Doc:
        return Doc(self.vocab, words=list(text), spaces=[False] * len(text))

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
    span = doc.char_span(start, end, label=label, span_id=f"{key}#{serial}")
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
