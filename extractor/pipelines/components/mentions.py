"""The mention layer: things found once per document, each with its parsed record.

Every component here runs one grammar over the text and writes one span per
mention to `doc.spans[<family>]`, the grammar's record in `span._.record`. The
interpretation components (targets, statistics, dates, issuers …) read these
spans and decide roles; none of them scans the text for these things again.

| factory                  | family / value          | record (grammar)                         |
|--------------------------|-------------------------|------------------------------------------|
| ex_text_units            | doc._.units, head_end   | TextUnits (grammars/text_units), int     |
| ex_quantities            | quantities              | Quantity (grammars/quantity)             |
| ex_doc_number_mentions   | doc_number_mentions     | DocNumberParse (grammars/doc_number)     |
| ex_date_mentions         | date_mentions           | DateParse (grammars/dates)               |
| ex_agency_mentions       | agency_mentions         | AgencyMatch (extractor/agencies)         |
| ex_organ_mentions        | organ_mentions          | OrganMention (grammars/organs)           |
| ex_region_mentions       | region_mentions         | RegionMention (grammars/regions)         |
| ex_periods               | periods, doc._.ref_date | Period, RefDate (grammars/periods)       |
| ex_text_tables           | text_tables             | TextTable (grammars/text_tables)         |
| ex_institution_mentions  | institution_mentions    | InstitutionName (grammars/institutions;  |
|                          |                         | reads region_mentions)                   |

Mineral mentions are written by ex_minerals (`mineral_mentions`), sections by ex_sections.
"""

from __future__ import annotations

from typing import Any, Callable, Iterable

from spacy.language import Language
from spacy.tokens import Doc

from extractor.agencies import find_agencies
from extractor.grammars.dates import find_dates_and_years
from extractor.grammars.doc_number import find_numbers
from extractor.grammars.head import head_end
from extractor.grammars.institutions import find_institution_names
from extractor.grammars.organs import find_organs
from extractor.grammars.periods import find_periods, reference_date
from extractor.grammars.quantity import find_quantities
from extractor.grammars.regions import region_mentions
from extractor.grammars.text_tables import text_tables
from extractor.grammars.text_units import TextUnits
from extractor.pipelines.base import add_mentions, doc_value, families, records, set_doc_value


@Language.factory("ex_text_units", assigns=[doc_value("units"), doc_value("head_end")])
def make_text_units(nlp: Language, name: str):
    def text_units(doc: Doc) -> Doc:
        text = doc._.text
        set_doc_value(doc, "units", TextUnits(text))
        set_doc_value(doc, "head_end", head_end(text))
        return doc

    return text_units


class _Finder:
    """A mention component over one grammar: `find(text)` -> records with start/end."""

    def __init__(self, family: str, find: Callable[[str], Iterable[Any]], label: Callable[[Any], str]) -> None:
        self.family, self.find, self.label = family, find, label

    def __call__(self, doc: Doc) -> Doc:
        add_mentions(doc, self.family, ((r.start, r.end, self.label(r), r) for r in self.find(doc._.text)))
        return doc


# factory -> (family, grammar, label of a span)
FINDERS: dict[str, tuple[str, Callable[[str], Iterable[Any]], Callable[[Any], str]]] = {
    "ex_quantities": ("quantities", find_quantities, lambda r: "QUANTITY"),
    "ex_doc_number_mentions": ("doc_number_mentions", find_numbers, lambda r: "DOC_NUMBER"),
    "ex_date_mentions": ("date_mentions", find_dates_and_years, lambda r: "DATE"),
    "ex_agency_mentions": ("agency_mentions", find_agencies, lambda r: "AGENCY"),
    "ex_organ_mentions": ("organ_mentions", find_organs, lambda r: "ORGAN"),
    "ex_region_mentions": ("region_mentions", region_mentions, lambda r: r.kind),
    "ex_text_tables": ("text_tables", text_tables, lambda r: "TEXT_TABLE"),
}


def _register(factory: str, family: str, find, label) -> None:
    def make(nlp: Language, name: str) -> _Finder:
        return _Finder(family, find, label)

    Language.factory(factory, assigns=families(family), func=make)


for _factory, (_family, _find, _label) in FINDERS.items():
    _register(_factory, _family, _find, _label)


@Language.factory("ex_institution_mentions", assigns=families("institution_mentions"),
                  requires=families("region_mentions"))
def make_institution_mentions(nlp: Language, name: str):
    """The institution names (grammars/institutions), given the region mentions found before
    (a province that publishes data is its government: the grammar reads these, not the text)."""

    def institution_mentions(doc: Doc) -> Doc:
        found = find_institution_names(doc._.text, records(doc, "region_mentions"))
        add_mentions(doc, "institution_mentions", ((n.start, n.end, "INSTITUTION", n) for n in found))
        return doc

    return institution_mentions


@Language.factory("ex_periods", assigns=[doc_value("ref_date"), *families("periods")])
def make_periods(nlp: Language, name: str):
    def periods(doc: Doc) -> Doc:
        text, furniture = doc._.text, doc._.layout.furniture_texts
        set_doc_value(doc, "ref_date", reference_date(text, furniture))
        add_mentions(doc, "periods", ((p.start, p.end, "PERIOD", p) for p in find_periods(text, furniture)))
        return doc

    return periods
