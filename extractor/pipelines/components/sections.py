"""`ex_sections`: the heading hierarchy -> doc.spans["sections"] (models.Section).

The grammar is `extractor.grammars.sections` (一、 /（一）/ 1. /（1）/ 专栏N /
第X章 / 第X节 / 第X条, Markdown '#' marks ignored, half- and full-width
brackets). One span per heading: the label and the title (up to the first 。
for inline task headings). `fields`: label, number, level, title, path, role;
`span._.record`: the grammar's `Section` (kind, scope) for the components that
place things in the structure (responsibilities).
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from extractor.grammars.sections import parse_sections
from extractor.pipelines.base import add_span, families

KEY = "sections"


@Language.factory("ex_sections", assigns=families(KEY))
def make_sections(nlp: Language, name: str) -> "Sections":
    return Sections()


class Sections:
    def __call__(self, doc: Doc) -> Doc:
        for sec in parse_sections(doc._.text):
            span = add_span(
                doc, KEY, sec.start, sec.end, "section",
                {
                    "label": sec.label,
                    "number": sec.number,
                    "level": sec.level,
                    "title": sec.title,
                    "path": sec.path,
                    "role": sec.role,
                },
            )
            span._.record = sec
        return doc
