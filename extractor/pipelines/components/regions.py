"""ex_regions: provinces and countries the report mentions, one span per canonical.

Matches `extractor/data/regions.tsv` (via `report_context.region_mentions`, which drops
中国 inside organisation names such as 中国交通银行). The span is the first mention;
`mentions` holds every mention as `Loc`.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from extractor.pipelines.base import Loc, families
from extractor.report_context import add_span_unique, region_mentions


@Language.factory("ex_regions", assigns=families("regions"))
def make_regions(nlp: Language, name: str) -> "Regions":
    return Regions()


class Regions:
    def __call__(self, doc: Doc) -> Doc:
        by_canon: dict[str, list] = {}
        for m in region_mentions(doc._.text):
            by_canon.setdefault(m.canonical, []).append(m)
        for canon, ms in by_canon.items():
            first = ms[0]
            kind = first.kind if first.kind in ("province", "country", "city") else "other"
            add_span_unique(doc, "regions", first.start, first.end, kind, {
                "name": first.surface, "canonical": canon, "kind": kind,
                "mentions": [Loc(m.start, m.end) for m in ms],
            })
        return doc
