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
| ex_region_mentions       | region_mentions         | RegionMention (grammars/regions)         |
| ex_periods               | periods, doc._.ref_date | Period, RefDate (grammars/periods)       |
| ex_text_tables           | text_tables             | TextTable (grammars/text_tables)         |

Mineral mentions are written by ex_minerals (`mineral_mentions`), sections by ex_sections.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from extractor.agencies import find_agencies
from extractor.grammars.dates import find_dates
from extractor.grammars.doc_number import find_numbers
from extractor.grammars.head import head_end
from extractor.grammars.periods import find_periods, reference_date
from extractor.grammars.quantity import find_quantities
from extractor.grammars.regions import region_mentions
from extractor.grammars.text_tables import text_tables
from extractor.grammars.text_units import TextUnits
from extractor.pipelines.base import add_mentions, doc_value, families, set_doc_value


@Language.factory("ex_text_units", assigns=[doc_value("units"), doc_value("head_end")])
def make_text_units(nlp: Language, name: str):
    def text_units(doc: Doc) -> Doc:
        text = doc._.text
        set_doc_value(doc, "units", TextUnits(text))
        set_doc_value(doc, "head_end", head_end(text))
        return doc

    return text_units


@Language.factory("ex_quantities", assigns=families("quantities"))
def make_quantities(nlp: Language, name: str):
    def quantities(doc: Doc) -> Doc:
        add_mentions(doc, "quantities", ((q.start, q.end, "QUANTITY", q) for q in find_quantities(doc._.text)))
        return doc

    return quantities


@Language.factory("ex_doc_number_mentions", assigns=families("doc_number_mentions"))
def make_doc_number_mentions(nlp: Language, name: str):
    def doc_number_mentions(doc: Doc) -> Doc:
        add_mentions(doc, "doc_number_mentions", ((n.start, n.end, "DOC_NUMBER", n) for n in find_numbers(doc._.text)))
        return doc

    return doc_number_mentions


@Language.factory("ex_date_mentions", assigns=families("date_mentions"))
def make_date_mentions(nlp: Language, name: str):
    def date_mentions(doc: Doc) -> Doc:
        add_mentions(doc, "date_mentions", ((p.start, p.end, "DATE", p) for p in find_dates(doc._.text)))
        return doc

    return date_mentions


@Language.factory("ex_agency_mentions", assigns=families("agency_mentions"))
def make_agency_mentions(nlp: Language, name: str):
    def agency_mentions(doc: Doc) -> Doc:
        add_mentions(doc, "agency_mentions", ((a.start, a.end, "AGENCY", a) for a in find_agencies(doc._.text)))
        return doc

    return agency_mentions


@Language.factory("ex_region_mentions", assigns=families("region_mentions"))
def make_region_mentions(nlp: Language, name: str):
    def region_mentions_(doc: Doc) -> Doc:
        add_mentions(doc, "region_mentions", ((r.start, r.end, r.kind, r) for r in region_mentions(doc._.text)))
        return doc

    return region_mentions_


@Language.factory("ex_periods", assigns=[doc_value("ref_date"), *families("periods")])
def make_periods(nlp: Language, name: str):
    def periods(doc: Doc) -> Doc:
        text, furniture = doc._.text, doc._.layout.furniture_texts
        set_doc_value(doc, "ref_date", reference_date(text, furniture))
        add_mentions(doc, "periods", ((p.start, p.end, "PERIOD", p) for p in find_periods(text, furniture)))
        return doc

    return periods


@Language.factory("ex_text_tables", assigns=families("text_tables"))
def make_text_tables(nlp: Language, name: str):
    def text_tables_(doc: Doc) -> Doc:
        add_mentions(doc, "text_tables", ((t.start, t.end, "TEXT_TABLE", t) for t in text_tables(doc._.text)))
        return doc

    return text_tables_
