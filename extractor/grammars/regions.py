"""Region mentions of a report: gazetteer regions (`data/regions.tsv`: provinces, the
prefecture-level and county-level cities, countries) that are not part of an organisation name
(北京时间, 上海期货交易所, 中国交通银行, 广州石化, 无锡尚德), 华 after a preposition of place (在华,
对华) and 国产 as China, 疆 after one (在疆, 援疆) as Xinjiang, and their short form; a province
written right before its own city is the city (广东省广州市); `deictic_regions` reads 全省/我省/该省
(全市/本市, 全区/本区) as the province (municipality or city, autonomous region) the piece names, a
city naming its province for 全省; `deictic_opening` tells where such a word (or 我国, 国内: the
home country) opens a phrase (grammars/institutions.py: no name begins with one)."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache

from extractor.gazetteers import read_tsv, regions

# A region name inside an organisation name is not a statement about that region.
_ORG_AFTER = re.compile(r"^[\u4e00-\u9fff]{0,10}?(有色工程|价值指数|交通银行|银行|集团|公司|研究院|研究所|研究中心|交易所|期货|证券|日报|报社)")


_NAME_TAIL = re.compile(r"时间|[\u4e00-\u9fff]{0,4}?(交易所|银行|大学|日报|晚报|集团|股份|有限公司)|[\u4e00-\u9fff]{0,1}公司")


@dataclass(frozen=True)
class RegionMention:
    start: int
    end: int
    surface: str
    canonical: str
    kind: str


# 华 for China after a preposition or verb of place (在华, 对华, 来华, 访华, 赴华, 驻华, 输华);
# not 华东/华北/华南…, 华人, 华尔街, 华盛顿, nor the first character of a company's name (华为,
# 华润, 华菱, 华能, 华电, 华泰, 华安, 华鑫, 华融, 华锡, 华友, 华宝 …), and not 在 inside 存在/现在/实在/所在
_HUA = re.compile(r"(?<![存现实所])(?<=[在对来访赴驻输])华(?![东南西北中夏人侨裔尔盛为润菱能电泰安鑫融锡友宝联谊晨])")


# 疆 for Xinjiang after a verb or preposition of place (在疆投资, 入疆, 援疆, 赴疆, 进疆, 驻疆), as 在华 for
# China; not 疆域, 疆界, 疆土 (a border), nor 新疆 itself (the gazetteer reads it)
_JIANG = re.compile(r"(?<=[在入援赴进驻出])疆(?![域界土场])")


# 国产 (made in China: 国产手机出货2.86亿部) is China, unless a region names the maker right
# before it (山西国产矿) or it is the share of local content (国产化率)
_GUOCHAN = re.compile(r"国产(?!化)")


# a city's short name followed by an enterprise word is a company's, a plant's or a port's name, not a
# statement about the city: 广州石化, 铜陵有色, 洛阳钼业, 阿坝铝厂, 广州港 (the city's trade name
# within a few characters of an enterprise word: 徐州中能硅业, 南通林洋新能源; a website: 秦皇岛煤炭网)
_CITY_FIRM = re.compile(r"港(?!澳)|[\u4e00-\u9fff]厂|石化|炼化|有色|[\u4e00-\u9fff]{0,4}?"
                        r"(?:[钨钼铜铝锌铅锂镍钴锡钛硅矿煤]业|新能源|电气|实业|控股|股份|集团|公司|网)")


# prefecture-level cities and county-level cities (县级市): both are a 市 with a province
CITY_KINDS = ("city", "county")


@lru_cache(maxsize=1)
def _cities() -> dict[str, tuple[str, str]]:
    """City canonical -> (its province's canonical, its short form), from data/regions.tsv
    (prefecture-level and county-level cities)."""
    return {row["canonical"]: (row["province"], row["short"]) for row in read_tsv("regions.tsv") if row["kind"] in CITY_KINDS}


def city_province(canonical: str) -> str | None:
    """广州市 -> 广东省, 昆山市 -> 江苏省; None for what is no city."""
    city = _cities().get(canonical)
    return city[0] if city else None


def _market(text: str, m) -> RegionMention | None:
    """X市场 is X's market: the region is what X alone names (吉林市场 -> 吉林省, 广州市场 ->
    广州市 through its alias; 大同市场 -> nothing, 大同 alone is no name)."""
    for sub in regions().finditer(text[m.start : m.end - 1]):
        if sub.start == 0 and sub.end == m.end - 1 - m.start:
            return RegionMention(m.start, m.end - 1, sub.surface, sub.value.canonical, sub.value.kind)
    return None


def region_mentions(text: str) -> tuple[RegionMention, ...]:
    """Every region mention of `text`, left to right."""
    out = [RegionMention(m.start(), m.end(), "华", "中国", "country") for m in _HUA.finditer(text)]
    out += [RegionMention(m.start(), m.end(), "疆", "新疆维吾尔自治区", "province") for m in _JIANG.finditer(text)]
    local = [RegionMention(m.start(), m.end(), "国产", "中国", "country") for m in _GUOCHAN.finditer(text)]
    for m in regions().finditer(text):
        if m.value.kind in CITY_KINDS:
            if _CITY_FIRM.match(text, m.end) and m.surface == short_region(m.value.canonical):
                continue
            if m.surface.endswith("市") and text[m.end : m.end + 1] == "场":
                if (r := _market(text, m)) is not None and not _NAME_TAIL.match(text, r.end):
                    out.append(r)
                continue
        if m.value.canonical == "中国" and _ORG_AFTER.match(text[m.end : m.end + 16]):
            continue
        if _NAME_TAIL.match(text, m.end):
            continue  # 北京时间, 上海期货交易所, 法国巴黎银行: part of a name
        if m.surface == "国内" and text[m.end : m.end + 1] == "外":
            continue  # 国内外: at home and abroad
        out.append(RegionMention(m.start, m.end, m.surface, m.value.canonical, m.value.kind))
    out = _without_trade_names(text, out)
    # 广东省广州市, 江西赣州: a province written right before one of its cities is one mention, the
    # city's (the statistics name the city: corpora/README.md, second-wave conventions)
    cities = {r.start: r for r in out if r.kind in CITY_KINDS}
    out = [r for r in out if not (r.kind == "province" and r.end in cities
                                  and city_province(cities[r.end].canonical) == r.canonical)]
    ends = {r.end for r in out}
    out.extend(r for r in local if r.start not in ends)
    return tuple(sorted(out, key=lambda r: r.start))


# a city's short name and a two- or three-character name as an item of a 、 list (无锡尚德、常州天合、…8家企业)
# is a company's name (a list of cities lists the bare names: 广州、深圳两市)
# (not a count or a place word: 广州、深圳两市, 深圳等地, 广州地区、)
_NOT_NAME = "一二两三四五六七八九十几多各等地市区县省州"
_PLACE_END = "区县市州镇港园"
_LIST_ITEM_AFTER = re.compile(rf"(?![{_NOT_NAME}])[\u4e00-\u9fff]{{2,3}}(?=、)")
_LIST_ITEM_LAST = re.compile(rf"(?![{_NOT_NAME}])[\u4e00-\u9fff]{{2,3}}(?=[和及与等，,])")


def _without_trade_names(text: str, found: list[RegionMention]) -> list[RegionMention]:
    """`found` without the cities that start a trade name, and without every recurrence of such
    a name in the text (无锡尚德 … 无锡尚德自主研发的)."""
    names = set()
    for r in found:
        if r.kind not in CITY_KINDS or r.surface != short_region(r.canonical):
            continue
        item = _LIST_ITEM_AFTER.match(text, r.end) or (
            r.start > 0 and text[r.start - 1] in "、和及与" and _LIST_ITEM_LAST.match(text, r.end))
        if item and text[item.end() - 1] not in _PLACE_END:  # 赣州经开区、: a place in the city
            names.add(text[r.start : item.end()])
    if not names:
        return found
    return [r for r in found if r.kind not in CITY_KINDS or not any(text.startswith(n, r.start) for n in names)]


# 全省, 我省, 本省, 该省 (a province) and 全市, 我市, 本市, 该市 (a municipality or a city): the
# piece's own province (city), not a name (全省份, 全市场, 本市区 are other words)
# 全区, 我区, 本区 (an autonomous region: 广西…糖料产量本区占比达到58%; not 该区, mostly a
# city's district, nor 全区域 / 本区间)
_DEICTIC = re.compile(r"(?:(?:全|我|本|该)(?P<level>省|市)|(?:全|我|本)(?P<region>区))"
                      r"(?![份场值民政委长级区县内外属直辖域间块别位])")
_LEVEL_SUFFIX = {"省": ("省", "自治区"), "市": ("北京市", "天津市", "上海市", "重庆市"), "区": ("自治区",)}


def deictic_regions(text: str, names: tuple[RegionMention, ...] | list[RegionMention]) -> tuple[RegionMention, ...]:
    """全省 / 我省 / 本省 / 该省 (全市 … for a municipality, 全区 / 我区 / 本区 for an autonomous
    region) as a mention of the province the
    piece names: the nearest named province of that level before it, else the first one
    after it (`names`: the piece's region mentions, left to right)."""
    # a city names its province for 全省 (赣州…全省 -> 江西省) and itself for 全市 (广州…全市)
    provinces = [r if r.kind not in CITY_KINDS else RegionMention(r.start, r.end, r.surface, city_province(r.canonical), "province")
                 for r in names if r.kind in ("province", *CITY_KINDS)]
    by_level = {lv: [r for r in provinces if r.canonical.endswith(suf)] for lv, suf in _LEVEL_SUFFIX.items()}
    by_level["市"] = sorted(by_level["市"] + [r for r in names if r.kind in CITY_KINDS], key=lambda r: r.start)
    ends = {lv: [r.end for r in rs] for lv, rs in by_level.items()}
    out = []
    for m in _DEICTIC.finditer(text):
        lv = m.group("level") or m.group("region")
        rs = by_level[lv]
        k = bisect.bisect_right(ends[lv], m.start())  # rs[:k] end before the word
        ante = rs[k - 1] if k else (rs[0] if rs else None)
        if ante is not None:
            out.append(RegionMention(m.start(), m.end(), m.group(0), ante.canonical, ante.kind))
    return tuple(out)


# the home country: 华, 国产 and the deictic aliases of its regions.tsv row stand for it
_HOME = "中国"


@lru_cache(maxsize=1)
def _home_words() -> re.Pattern:
    """我国, 国内: the aliases of the home country's row of regions.tsv that are words for it, not a
    form of its name (a form of the name begins as the name does: 中国, 中华人民共和国)."""
    row = next(r for r in read_tsv("regions.tsv") if r["canonical"] == _HOME)
    words = [a.strip() for a in row["aliases"].split(";") if a.strip() and not a.strip().startswith(_HOME[0])]
    return re.compile("|".join(map(re.escape, sorted(words, key=len, reverse=True))))


def deictic_opening(text: str, pos: int, endpos: int | None = None) -> tuple[int, str | None] | None:
    """(end, level) of a deictic word that begins at `pos` and ends by `endpos`: the home country's
    (我国, 国内: level None) or the piece's own province, city or autonomous region (全省, 本市, 我区:
    `_DEICTIC`, level 省, 市 or 区, the word's last character); None when none begins there."""
    endpos = len(text) if endpos is None else endpos
    if (m := _home_words().match(text, pos, endpos)) is not None:
        return m.end(), None
    if (m := _DEICTIC.match(text, pos)) is not None and m.end() <= endpos:
        return m.end(), m.group("level") or m.group("region")
    return None


DEICTIC_EXAMPLES: list[tuple[str, list[tuple[str, str]]]] = [
    ("浙江电池产业增长较快。全省共有电池企业400余家", [("全省", "浙江省")]),
    ("广东省公布统计。1-7月，我省规模以上企业营收增长8.3%", [("我省", "广东省")]),
    ("山西产量增长，河南下降。该省产量为10万吨", [("该省", "河南省")]),
    ("本市工业增加值增长5%，上海市统计局称", [("本市", "上海市")]),
    ("全省份均已完成", []),
    ("全市场成交量放大，江苏", []),
    ("全省产量增长5%", []),  # no province named: nothing to resolve to
    ("北京市统计局：全省", []),  # a municipality is no province
    ("赣州稀土产量增长。全省稀土产业", [("全省", "江西省")]),  # a city names its province
    ("包头市统计局称，全市工业增加值增长5%", [("全市", "包头市")]),
    ("广东省广州市：全省", [("全省", "广东省")]),
    ("内蒙古风电装机增长。本区风电用钢销量占比过半", [("本区", "内蒙古自治区")]),  # an autonomous region
    ("新疆棉花丰收，全区产量增长", [("全区", "新疆维吾尔自治区")]),
    ("内蒙古煤炭外运。该区工业园区", []),  # 该区 is mostly a city's district
    ("新疆全区域覆盖", []),
    ("山西产量增长。全区产量", []),  # a province is no autonomous region
]


def short_region(canonical: str) -> str:
    """山西省 -> 山西, 广西壮族自治区 -> 广西, 广州市 -> 广州, 延边朝鲜族自治州 -> 延边 (the form the
    statistics use)."""
    if (city := _cities().get(canonical)) is not None:
        return city[1]
    for suf in ("维吾尔自治区", "壮族自治区", "回族自治区", "特别行政区", "自治区", "省", "市"):
        if canonical.endswith(suf) and len(canonical) > len(suf) + 1:
            return canonical[: -len(suf)]
    return canonical


