"""ex_minerals: minerals and mineral products, one span per canonical.

Mentions come from `extractor.minerals.find_minerals` (gazetteer `data/minerals.tsv`,
longest match over characters, block words and context guards as data). The span
is the first mention; `mentions` holds every mention as `Loc`. Fields follow
`models.Mineral`: name (surface of the first mention), canonical, group, strategic,
parent.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from extractor.minerals import canonical_entry, find_minerals, group_mentions
from extractor.pipelines.base import Loc, add_span, families


@Language.factory("ex_minerals", assigns=families("minerals"))
def make_minerals(nlp: Language, name: str) -> "Minerals":
    return Minerals()


class Minerals:
    def __call__(self, doc: Doc) -> Doc:
        for canonical, ms in group_mentions(find_minerals(doc._.text)).items():
            first = ms[0]
            info = canonical_entry(canonical) or first.entry
            add_span(doc, "minerals", first.start, first.end, "MINERAL", {
                "name": first.surface,
                "canonical": canonical,
                "group": info.group,
                "strategic": info.strategic,
                "parent": info.parent,
                "mentions": [Loc(m.start, m.end) for m in ms],
            })
        return doc
