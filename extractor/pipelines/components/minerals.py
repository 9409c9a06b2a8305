"""ex_minerals: minerals and mineral products, one span per canonical.

Mentions come from `extractor.minerals.find_minerals` (gazetteer `data/minerals.tsv`,
longest match over characters, block words and context guards as data). The span
is the first mention; `mentions` holds every mention as `Loc`. Fields follow
`models.Mineral`: name (surface of the first mention), canonical, group, strategic,
parent.

It also writes every mineral mention (`doc.spans["mineral_mentions"]`, record
`MineralMention`): the catalogue's mentions (minus those inside an institution name that
ex_institution_mentions found before it) plus the product words the catalogue
lacks (螺纹钢, 焦炭: `PRODUCT_WORDS`) where they do not overlap one, for the
report components (statistics, figures, policy events).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc

from extractor.minerals import canonical_entry, entries, find_minerals, group_mentions
from extractor.grammars.text_units import Intervals
from extractor.pipelines.base import Loc, add_mentions, add_span, families


# product words the catalogue lacks (matched only where no catalogue mention is)
PRODUCT_WORDS = [
    "铝土矿", "氧化铝", "电解铝", "原铝", "铝", "镓", "锗", "铜精矿", "精炼铜", "电解铜", "废铜", "铜",
    "精炼铅", "精铅", "铅精矿", "铅", "锌", "镍", "锡", "钨精矿", "钨", "钼", "锑", "稀土氧化物", "稀土",
    "钕", "镝", "锂", "钴", "原煤", "炼焦煤", "焦煤", "焦炭", "煤炭", "煤", "原油", "天然气", "铁矿石",
    "螺纹钢", "粗钢", "钢材", "陶瓷土", "耐火粘土", "高岭土", "铁矾土", "黄金", "白银",
]


@lru_cache(maxsize=1)
def _product() -> re.Pattern:
    """The product words that are no gazetteer terms: where find_minerals has read a term it has
    decided (kept it, or dropped it as a block word, a name or a compound: 铜陵, 林锡安直言, 磷酸)."""
    lacking = [w for w in PRODUCT_WORDS if w not in entries()]
    return re.compile("|".join(sorted(map(re.escape, lacking), key=len, reverse=True)) or "(?!)")


def _institution_names(doc: Doc) -> Intervals:
    """The institution names already found (ex_institution_mentions runs before this component in
    a report's pipeline; a policy notice has none): a mineral character inside one is part of the
    name (中国有色金属工业协会铅锌分会, 金银岛资讯), not a mention of the mineral. Read when present,
    not required: requiring them would add the institution finder to the policy pipeline."""
    if "institution_mentions" not in doc.spans:
        return Intervals(())
    return Intervals((s.start_char, s.end_char) for s in doc.spans["institution_mentions"])


@dataclass(frozen=True)
class MineralMention:
    start: int
    end: int
    canonical: str


@Language.factory("ex_minerals", assigns=families("minerals", "mineral_mentions"))
def make_minerals(nlp: Language, name: str) -> "Minerals":
    return Minerals()


class Minerals:
    def __call__(self, doc: Doc) -> Doc:
        text = doc._.text
        found: list[MineralMention] = []
        names = _institution_names(doc)
        mentions = [m for m in find_minerals(text) if not names.overlaps(m.start, m.end)]
        for canonical, ms in group_mentions(mentions).items():
            found.extend(MineralMention(m.start, m.end, canonical) for m in ms)
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
        taken = Intervals((m.start, m.end) for m in found)
        extra = [MineralMention(m.start(), m.end(), m.group(0)) for m in _product().finditer(text)
                 if not taken.overlaps(m.start(), m.end())]
        mentions = sorted(found + extra, key=lambda m: m.start)
        add_mentions(doc, "mineral_mentions", ((m.start, m.end, "MINERAL", m) for m in mentions))
        return doc
