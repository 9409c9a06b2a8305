"""`ex_responsibilities`: task responsibility clauses -> doc.spans["responsibilities"].

One span per clause (the parenthesis, brackets included; models.Responsibility).
The clause grammar is `extractor.grammars.responsibility`; the task is the
innermost heading (`extractor.grammars.sections`) that contains the clause:
`task` is its number ("5") when that number is unique among headings of its
kind in the document, else its path ("二.（三）.5"); `task_title` its title.
lead / participants / shared are AgencyRef dicts: `name` is the surface without
line breaks, `canonical` from the gazetteer, `evidence` a `Loc` of the name.
"""

from __future__ import annotations

from collections import Counter

from spacy.language import Language
from spacy.tokens import Doc

from extractor.agencies import AgencyMatch
from extractor.grammars.responsibility import find_clauses
from extractor.grammars.sections import innermost, parse_sections
from extractor.pipelines.base import Loc, add_span

KEY = "responsibilities"


def _ref(a: AgencyMatch) -> dict:
    return {
        "name": a.surface.replace("\r", "").replace("\n", ""),
        "canonical": a.canonical,
        "evidence": Loc(a.start, a.end),
    }


@Language.factory("ex_responsibilities")
def make_responsibilities(nlp: Language, name: str) -> "Responsibilities":
    return Responsibilities()


class Responsibilities:
    def __call__(self, doc: Doc) -> Doc:
        text = doc.text
        clauses = find_clauses(text)
        if not clauses:
            return doc
        sections = parse_sections(text)
        counts = Counter((s.kind, s.number) for s in sections)
        for c in clauses:
            sec = innermost(sections, c.start)
            if sec is None:
                task, title = "", None
            else:
                task = sec.number if counts[(sec.kind, sec.number)] == 1 else sec.path
                title = sec.title or None
            add_span(
                doc, KEY, c.start, c.end, "responsibility",
                {
                    "task": task,
                    "task_title": title,
                    "lead": [_ref(a) for a in c.lead],
                    "participants": [_ref(a) for a in c.participants],
                    "shared": [_ref(a) for a in c.shared],
                    "all_departments": c.all_departments,
                },
            )
        return doc
