"""ex_market_mentions: the market quantities of a report, found once (mention layer).

One span per market-quantity mention in `doc.spans["market_mentions"]`, its record a
`MarketQuantity` (`grammars/forecast_market.py`: a mineral/product mention of
`mineral_mentions` or a region/noun phrase, qualifiers and a market noun of
`data/forecast_cues.tsv`: 镍铁现货价格, 建筑钢价, 冶炼厂生产, 国内铜价中枢). The forecasts
component reads them for the subject of a call instead of cutting strings.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from extractor.grammars.forecast_market import market_quantities
from extractor.grammars.text_units import ByStart
from extractor.pipelines.base import add_mentions, families, records


@Language.factory(
    "ex_market_mentions",
    assigns=families("market_mentions"),
    requires=families("mineral_mentions", "region_mentions"),
)
def make_market_mentions(nlp: Language, name: str):
    def market_mentions(doc: Doc) -> Doc:
        found = market_quantities(doc._.text, ByStart(records(doc, "mineral_mentions")),
                                  regions=ByStart(records(doc, "region_mentions")))
        add_mentions(doc, "market_mentions", ((q.start, q.end, q.kind.upper(), q) for q in found))
        return doc

    return market_mentions
