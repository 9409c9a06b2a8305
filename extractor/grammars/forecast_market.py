"""Market-quantity mentions: what a forecast can be about.

A call (`components/forecasts.py`) is about a market quantity: a price, a volume, a cost, a
profit, a stock or a market, usually of a commodity. This grammar reads them once per document
from the mineral/product mentions already in `doc.spans["mineral_mentions"]` and a small word
class of market nouns (data: `data/forecast_cues.tsv`, kind `market_noun`):

    mention := [scope] (commodity mention | noun phrase | stem) [的] [qualifier]* market noun
            |  stem 价 / 市                                     (钢价, 矿价, 油市)
            |  commodity mention 价 / 市                         (铜价, 铅价)

- commodity mention: a span of `mineral_mentions` ending right before the qualifiers
  (镍铁现货价格, 硫酸镍需求, 电解铜产量);
- noun phrase: else the characters before the noun up to a clause mark, a particle, a verb of
  the class `np_stop` or a direction word, at most eight (卫浴五金配件的价格, 冶炼厂生产, 头部企业盈利能力);
- scope: 国内 / 国际 / 全球 / 全国 right before the commodity.

`subject` is the mention's surface with 的 dropped (卫浴五金配件的价格 -> 卫浴五金配件价格);
`commodity` is the commodity or noun phrase ("" for a bare 价格 / 需求), `kind` the noun's class.
No spaCy: plain text and offsets. EXAMPLES below are checked by tests/test_forecast_market.py.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from extractor.gazetteers import word_class
from extractor.grammars.text_units import ByStart
from extractor.grammars.forecast_words import DOWN, FLAT, UP, _alternation, forecast_cues, leading


@dataclass(frozen=True)
class MarketQuantity:
    start: int
    end: int
    subject: str
    commodity: str  # "" for a bare market noun (价格, 需求)
    kind: str  # price | volume | cost | profit | stock | market
    mineral: bool = False  # the commodity is a mineral mention (镍铁现货价格)

    @property
    def priced(self) -> bool:
        """A price or a market (what a rise or fall of a price is about)."""
        return self.kind in ("price", "market")


@lru_cache(maxsize=1)
def _grammar() -> tuple[re.Pattern, re.Pattern, re.Pattern, re.Pattern]:
    nouns = forecast_cues("market_noun")
    stems = forecast_cues("market_stem")
    # a noun ending with 价 (批发价) never cuts 价格 (出厂价格 is 出厂 + 价格)
    # scanned over the whole text: opened with a look-ahead on its first characters
    noun = leading(re.compile(rf"(?:{_alternation(stems)})[价市](?![格场值])|(?:{_alternation(nouns)})(?!(?<=价)格)"))
    qualifier = re.compile(rf"(?:{_alternation(forecast_cues('qualifier'))})$")
    stop_words = {*forecast_cues("np_stop"), *word_class("time_word"), *forecast_cues("transitive"), *forecast_cues("view")}
    stop = re.compile(rf"(?:{_alternation(stop_words)})$")
    scope = re.compile(rf"(?:{_SCOPE})$")
    return noun, qualifier, stop, scope


# characters a noun phrase never holds: clause marks, particles, adverbs, pronouns
_NP_BREAK = set("，,。；;：:！？!?、\n\r\t 　（）()《》“”\"‘’'【】[]的了着也都还又很让和被是其这该此且但并及或把于至到更最已仍就才均则即若因虽多少")
# modal and preposition characters that end a noun phrase unless they are part of a word read
# from the data (社会库存, 能源价格, 产能): kind np_word of data/forecast_cues.tsv
_NP_MODAL = set("将会能要在对使由为从可应需据以而比较正如所向再")
_NP_MAX = 8
# a scope word before the commodity (国内铜价)
_SCOPE = "国内|国际|全球|全国|海外|国外"
# what may follow a market noun (铜价中枢, 镍市过剩格局, 供给冲击, 需求增速): one or two words of
# the class `suffix` of data/forecast_cues.tsv
# a time word (目前, 后市, 今年): class time_word of data/word_classes.tsv
TIME_ADVERB = _alternation(word_class("time_word"))
SUFFIX = re.compile(rf"(?:{_alternation(forecast_cues('suffix'))}){{1,2}}")
SUFFIX_END = re.compile(rf"(?:{_alternation(forecast_cues('suffix'))})$")  # 资源稀缺预期: a market state
# what joins the commodities of a list (铝和锌, 铜、铅与锌, 镍及钴)
LIST_JOIN = set("、和与及")
_NUMERAL = set("一二三四五六七八九十百千万亿两")
_COUNTED = set("大个种类家项成倍")


# a share of a quantity between its owner and its noun (至少一半的, 约三成的, 大部分的): no part of the mention
SHARE = re.compile(r"(?:至少|约|近|超过|逾|将近)?(?:一半|大半|大部分|多数|[一二三四五六七八九]成|\d+(?:\.\d+)?\s*[%％])$")
# what may link a region to the commodity after it (某省的, 某国地区的)
_REGION_LINK = re.compile(r"(?:地区|地方|境内)?的?")
# break characters that also open words (最终, 更新, 多数, 少量): a walk stopped by one cut a word
_WORD_OPENERS = set("最更多少")
_TIME_TAILS = {"后", "前", "内", "底", "末", "初", "中", "以后", "之后", "以前", "之前", "以来", "左右", "间", "期间"}
_ADJECTIVE_END = set("大小高低多少强弱新好重轻快慢长短淡旺冷热")


def _in_word(text: str, i: int, words: dict[str, str]) -> bool:
    """True when text[i] lies inside one of `words` (np_word rows of any length: 能源, 可再生能源)."""
    longest = max(map(len, words), default=0)
    for n in range(2, longest + 1):
        for j in range(max(0, i - n + 1), i + 1):
            if text[j : j + n] in words:
                return True
    return False


def _np_start(text: str, pos: int, lo: int, cross: bool = True, covered=None) -> int:
    """The start of the noun phrase ending at `pos` (read leftwards, at most _NP_MAX characters).
    A mention of `covered` (a `ByStart` of mineral and region mentions) is read whole: its
    characters never end the phrase (再生铜, 湖南省)."""
    _, _, stop, _ = _grammar()

    words = forecast_cues("np_word")
    start = pos
    while start > lo and pos - start < _NP_MAX:
        whole = next((x for x in covered.overlapping(start - 1, start) if lo <= x.start and x.end <= pos), None) if covered else None
        if whole is not None:
            start = whole.start
            continue
        ch = text[start - 1]
        if ch in _NP_BREAK or ch.isdigit() or ch in "%％":
            break
        if ch in _NUMERAL and (text[start] in _COUNTED or start == pos):
            break  # 两大下游行业: a count, not a name (五金 is one)
        if ch in _COUNTED and start - 2 >= lo and (text[start - 2] in _NUMERAL or text[start - 2].isdigit()):
            break
        if ch in "年月日度份季" and start - 2 >= lo and (text[start - 2].isdigit() or text[start - 2] in _NUMERAL or text[start - 2] in "年月上下"):
            break  # 2020年全国的铝材产量, 9月份出厂价格
        if ch in _NP_MODAL and not _in_word(text, start - 1, words):
            break
        if stop.search(text, max(lo, start - 4), start):
            break
        start -= 1
    if start > lo and text[start - 1] in "年月日季度份" and text[start:pos] in _TIME_TAILS:
        return pos  # 5年后的装机量: the tail of a time (后, 以来) names nothing
    # a direction word inside the phrase ends it (价格上涨带动需求: 需求, not 上涨带动需求)
    for pat in (UP, DOWN, FLAT):
        for m in pat.finditer(text, start, pos):
            start = max(start, m.end())
    if start < pos and all(ch in _ADJECTIVE_END for ch in text[start:pos]):
        return pos  # 较大的成本: an adjective, no noun phrase
    if pos - start == 1 and start > lo and text[start - 1] in _NP_MODAL:
        return pos  # 在建产能: one character left of a modal is the end of a word, not a noun phrase
    if cross and start < pos and start - 1 > lo and text[start - 1] == "的":
        # an owner before 的 (工厂的用电成本), not an adjective (较大的成本)
        owner = _np_start(text, start - 1, lo, cross=False, covered=covered)
        # … whole: an owner cut inside a word (冶炼厂最终确定的: 最 ends the walk) is left out
        cut_word = owner > lo and text[owner - 1] in _WORD_OPENERS
        if start - 1 - owner >= 2 and text[start - 2] not in _ADJECTIVE_END and not cut_word:
            start = owner
    return start


_SCOPE_LEAD = re.compile(rf"^(?:{_SCOPE})")


def market_quantities(text: str, minerals, lo: int = 0, hi: int | None = None, regions=None) -> list[MarketQuantity]:
    """Every market-quantity mention in text[lo:hi]; `minerals` (and `regions`) are `ByStart`s
    of the document's mineral (and region) mentions, spans with start/end."""
    noun, qualifier, _, scope = _grammar()
    nouns = forecast_cues("market_noun")
    hi = len(text) if hi is None else hi
    covered = ByStart([*minerals, *(regions or [])])
    out: list[MarketQuantity] = []
    taken = lo
    for m in noun.finditer(text, lo, hi):
        ns, ne = m.start(), m.end()
        if ns < taken:
            continue
        word = m.group(0)
        stem = word not in nouns  # 钢价, 矿价, 油市: a commodity stem and 价 / 市
        kind = nouns.get(word, "price" if word.endswith("价") else "market")
        if word in forecast_cues("qualifier") and noun.match(text, ne + (text[ne : ne + 1] in ("高", "低")), hi):
            continue  # 市场空间, 生产成本, 生产高成本: the qualifier is part of the next noun
        if word in forecast_cues("qualifier") and _verb_of_next(text, ne, hi, noun):
            continue  # 从中国进口纸浆的成本: a verb inside the phrase of the next noun
        pos = ns
        skipped = skipped_link = ""
        # qualifiers and 的 between the commodity and the noun (镍铁现货价格, 产品的价格)
        while not stem:
            if pos > lo and text[pos - 1] == "的":
                pos -= 1
                amount = SHARE.search(text, max(lo, pos - 8), pos)
                if amount and amount.end() == pos and amount.start() - 2 >= lo:
                    # 电池约三成的市场空间: a share of the quantity lies between owner and noun
                    skipped = text[amount.start() : pos]
                    pos = amount.start()
                continue
            q = qualifier.search(text, max(lo, pos - 3), pos)
            if q and q.end() == pos:
                pos = q.start()
                continue
            break
        mineral = next((x for x in minerals.backwards(max(lo, pos - 12), pos) if x.end == pos), None)
        anchored = False
        if stem:
            # 建筑钢价: a noun phrase may qualify a stem compound, a commodity may not (铜矿、铜价), nor
            # a stem that is a commodity mention of its own (铅价与锌价)
            own = any(x.start == ns for x in minerals.within(ns, ne))
            start = ns if mineral is not None or own else _np_start(text, ns, lo, covered=covered)
        elif mineral is not None and mineral.end - mineral.start == 1 and mineral.start > lo and _hanzi(text[mineral.start - 1]):
            start = _np_start(text, pos, lo, covered=covered)  # 五金产品价格: a one-character metal inside a word
        elif mineral is not None:
            start = mineral.start
            anchored = True
            while start - 1 > lo and text[start - 1] in LIST_JOIN:
                # 铜、铝和锌价格: the commodities of a list share the noun
                prev = next((x for x in minerals.backwards(max(lo, start - 13), start - 1) if x.end == start - 1), None)
                if prev is None or prev.start < taken:
                    break
                start = prev.start
        else:
            start = _np_start(text, pos, lo, covered=covered)
        region = next((x for x in regions.backwards(max(lo, start - 12), start)
                       if _REGION_LINK.fullmatch(text, x.end, start)), None) if regions else None
        if region is not None:
            if text[region.end : start].endswith("的"):
                skipped_link = "的"  # 某国地区的天然气供给 -> 某国地区天然气供给 (as written, less 的)
            start = region.start  # 云南省锡矿产量
        sc = scope.search(text, max(lo, start - 2), start)
        if sc and sc.end() == start:
            start = sc.start()
        start = max(start, taken)  # 金价产量: a phrase never reaches into the mention before it
        end = ne
        sf = SUFFIX.match(text, ne, hi)
        if sf and sf.end() > ne:
            end = sf.end()  # 铜价中枢, 镍市过剩格局, 供给冲击
        commodity = word[:-1] if stem else _SCOPE_LEAD.sub("", text[start:ns].replace(skipped, "", 1).replace("的", ""))
        subject = text[start:end].replace(skipped, "", 1).replace(skipped_link, "", 1).replace("的", "")
        out.append(MarketQuantity(start, end, subject, commodity, kind, anchored))
        taken = end
    return out



def _verb_of_next(text: str, ne: int, hi: int, noun: re.Pattern) -> bool:
    """True when the noun ending at `ne` (a word that is also a qualifier: 进口, 生产, 采购) is
    followed by an object and 的 and a later market noun (进口纸浆的成本): it is a verb inside
    that noun's phrase, not a mention of its own."""
    k = text.find("的", ne, min(hi, ne + _NP_MAX + 1))
    if k <= ne or not noun.match(text, k + 1, hi):
        return False
    between = text[ne:k]
    return all(_hanzi(ch) for ch in between) and not any(p.search(between) for p in (UP, DOWN, FLAT)) and not noun.search(between)


def _hanzi(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff" and ch not in _NP_BREAK and ch not in _NP_MODAL


# (text, subjects of the mentions found, mineral mention surfaces): sentences of our own, one
# per structure of the grammar
EXAMPLES: list[tuple[str, list[str], list[str]]] = [
    # the commodity mention starts the mention, not the words before it; a qualifier between
    ("不锈钢的主要原料镍铁现货价格下月或有一成涨幅", ["镍铁现货价格"], ["不锈钢", "镍铁"]),
    # a noun phrase and 的 before the noun (五金 is a block word of minerals.tsv: hardware)
    ("卫浴五金配件的价格近来也被看涨", ["卫浴五金配件价格"], []),
    ("可能引起电解铜产量的回落", ["电解铜产量"], ["电解铜"]),
    ("冶炼厂生产会逐渐收紧", ["冶炼厂生产"], []),  # 会 ends the phrase
    ("眼下矿价回落的迹象更加清楚", ["矿价"], []),  # a stem compound; a time adverb ends the phrase
    ("还推动头部企业盈利能力提高", ["头部企业盈利能力"], []),  # a verb of np_stop ends the phrase
    ("融资的困难和终端需求的疲弱", ["终端需求"], []),  # a qualifier alone before the noun
    ("拉动约两万吨的硫酸镍需求", ["硫酸镍需求"], ["硫酸镍"]),
    ("国内铝价将偏强震荡", ["国内铝价"], ["铝"]),  # a scope word
    ("价格或许会继续下行", ["价格"], []),  # a bare noun
    ("铜、铝和锌需求有望回升", ["铜、铝和锌需求"], ["铜", "铝", "锌"]),  # a list shares the noun
    ("铅价与锌价同步走弱", ["铅价", "锌价"], ["铅", "锌"]),  # a stem that is a mention of its own
    ("铅酸电池约三成的市场空间将被挤占", ["铅酸电池市场空间"], ["铅酸电池"]),  # a share between owner and noun is left out
    ("国外锂矿产量将上升", ["国外锂矿产量"], ["锂矿"]),  # 国外 is a scope word
    ("冶炼厂最终确定的加工成本将上升", ["加工成本"], []),  # an owner cut inside a word (最终) is left out
    ("从海外进口纸浆的成本将上升", ["海外进口纸浆成本"], []),  # 进口 before an object and 的 is a verb
]

