"""ex_regions: provinces, prefecture-level cities and countries the report mentions, one span per canonical.

Reads the `region_mentions` (ex_region_mentions: `extractor/data/regions.tsv`
without 中国 inside organisation names such as 中国交通银行). The span is the first mention;
`mentions` holds every mention as `Loc`.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from extractor.pipelines.base import Loc, add_span, families, records


@Language.factory("ex_regions", assigns=families("regions"), requires=families("region_mentions"))
def make_regions(nlp: Language, name: str) -> "Regions":
    return Regions()


class Regions:
    def __call__(self, doc: Doc) -> Doc:
        by_canon: dict[str, list] = {}
        for m in records(doc, "region_mentions"):
            by_canon.setdefault(m.canonical, []).append(m)
        for canon, ms in by_canon.items():
            first = ms[0]
            kind = first.kind if first.kind in ("province", "country", "city", "county") else "other"
            add_span(doc, "regions", first.start, first.end, kind, {
                "name": first.surface, "canonical": canon, "kind": kind,
                "mentions": [Loc(m.start, m.end) for m in ms],
            })
        return doc
