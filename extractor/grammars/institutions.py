"""Institution names in commentary and research notes, and the cues that attribute a
statement or a figure to one (pure functions over the text; data in
`extractor/data/institutions.tsv` and `extractor/data/institution_cues.tsv`).

- `find_institution_names(text)`: every listed name (canonical + aliases of
  institutions.tsv) and every unlisted name made by a name ending (…期货, …证券, …协会,
  …联合会, …报, …社, …网: `inst_suffix` cues). An unlisted name runs back from its ending
  over CJK characters to the start of the clause or to the last function word before the
  ending (记者从河北省冶金行业协会, 主管工业的省经信委: from 从/的 on), at most `MAX_NAME` characters
  before the ending, minus the words that open a clause (但, 据, 一份: `inst_trim`; the classes
  time_word and connective of data/word_classes.tsv: 今天, 本月, 此外 …) and a deictic (grammars/regions
  `deictic_opening`: 我国钢铁工业协会 is 钢铁工业协会, the listed national body; 全省有色金属协会 is
  省有色金属协会, the body of the piece's province, placed as 省统计局 is); the walk back reads at
  most `CLAUSE_REACH` characters, so a long run of CJK costs linear time; names whose
  ending is a document or a utility (年报, 公报, 电网: `inst_not`) and commodity futures
  (螺纹钢期货, 沪铜期货) are not institutions.
  A research unit after a name (`inst_unit` rows with value `research`), also across a stock
  code in brackets and a legal form (`inst_unit` value `legal_form`: 有限公司), is part of it:
  招商银行(600036)金融研究中心 is 招商银行 (a listed name keeps its canonical), 华瑞银行(600999)研究院 is
  华瑞银行研究院 (an unlisted one takes the unit word), 某某期货有限公司研究发展部 is 某某期货; a legal form
  is left out of a made canonical (某某证券股份有限公司研究所 -> 某某证券研究所).
  A government body, like a committee (`inst_anchored`), begins at its place or the state (国家,
  国务院: `inst_anchor`), after the last time word before it: 上月获国家发改委 -> 国家发改委; none, no
  name. Two bodies joined by a conjunction, the second anchored, are two names (国家发改委和国家能源局).
  A name and its units are one name beyond MAX_NAME (`_with_sub_bodies`): a body right after a name
  with a branch, committee or research-unit ending, each part bounded, at most MAX_UNITS of them
  (某省有色金属行业协会稀土专业委员会); a conjunction or a verb of relation after the name (`inst_link`:
  与, 下属, 成立) makes a clause, not a unit.
  Names no list and no ending gives are made by structure: a category noun right before a
  Latin or quoted name (指数机构TSI, 交易平台“某某钢网”: `inst_category`; a Latin word that looks
  like a name, not a technique: 该机构AI模型 is none, `inst_not_after`), a country + a
  government body word (美国劳工部), a place + a local official (赣州市副市长 -> 赣州市人民政府), a
  province or a city as the subject of a publication verb (广东省发布的数据 -> 广东省人民政府), a name
  in quotes with its ending after them (“某某”网), a role noun bound to the name written after it
  (其主办方X协会 … 主办方负责人说: `inst_role`), a demonstrative + a name ending pointing back to
  the last such name of its paragraph (X协会… 该协会秘书长: `inst_demonstrative`). The places are the region mentions the regions
  grammar found, passed in (`find_institution_names(text, regions)`); the text is not scanned for
  them again. (The regions gazetteer is still read inside a name: a country that begins a foreign
  body, 美国劳工部, and the place that anchors a committee are parts of a name, which the region
  mentions leave out by design.)
- `attribution(text, start, end)`: why the name at start:end writes or is quoted, or None:
  `before` (据X, 来源：X), `title` (X分析师王某, X水资源司处长李某: a person's title in the
  clause after it), `verb` (X指出, X发布数据称, X的统计显示, a headline `X：…`),
  `reporter` (X记者, 《X》记者: the paper whose reporter writes). A closing bracket after the
  name is skipped (英国某矿业咨询公司(ABC)张某演讲), and so is a closing quote (“某某钢网”提供的).
  A speaker near a body is not the body (一位接近于该部的人士: `inst_near`).
- `policy_topic(text, start, end)`: a public body that publishes or is cited for a policy
  (某部网站公布，…印发《…》; 根据央行下调利率): its policy is the topic, not a quoted source.

Which of them publishes and which is quoted is decided by `ex_institution`.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain
from typing import Sequence

from extractor.gazetteers import PhraseIndex, alias_index, doc_types, read_tsv, regions, word_class
from extractor.grammars.regions import RegionMention, deictic_opening

MAX_NAME = 14  # CJK characters before a name ending
MAX_BRANCH = 8  # CJK characters of a branch written without its parent (钛白粉行业|分会)
MAX_UNITS = 3  # units joined to a name (某协会|某分会|某委员会): a chain of them is no name, and costs no quadratic time
PLACE_NAME = 5  # CJK characters of a place name before its level word (新疆维吾尔|自治区, 黑龙江|省)


@dataclass(frozen=True)
class Inst:
    canonical: str
    kind: str


@dataclass(frozen=True)
class InstitutionName:
    """One institution name: `text[start:end] == surface`."""

    start: int
    end: int
    surface: str
    canonical: str
    kind: str
    listed: bool  # from the lists: institutions.tsv, or a country + a body word (else made by a name ending)
    place: str | None = None  # a local body written without its place (省统计局): the level it needs
    refers: tuple[int, int] | None = None  # a role noun (主办方) standing for the name at these offsets


@lru_cache(maxsize=1)
def listed() -> PhraseIndex[Inst]:
    return alias_index("institutions.tsv", lambda row: Inst(row["canonical"], row["kind"]))


@lru_cache(maxsize=None)
def cues(kind: str) -> dict[str, str]:
    """cue -> value for one kind of data/report_cues.tsv (projection and forecast words)."""
    return {row["cue"]: row["value"] for row in read_tsv("report_cues.tsv") if row["kind"] == kind}


@lru_cache(maxsize=None)
def inst_cues(kind: str) -> dict[str, str]:
    """cue -> value for one kind of data/institution_cues.tsv."""
    return {row["cue"]: row["value"] for row in read_tsv("institution_cues.tsv") if row["kind"] == kind}


@lru_cache(maxsize=1)
def _place_words() -> tuple[str, ...]:
    """The place-level words (`inst_place`: 省, 市, 自治区 …), longest first (the first that
    ends a place is the whole level word)."""
    return tuple(sorted(inst_cues("inst_place"), key=len, reverse=True))


@lru_cache(maxsize=1)
def _local_bodies() -> frozenset[str]:
    """The full forms of the local bodies (`inst_local` values: 财政厅, 环境保护厅 …)."""
    return frozenset(inst_cues("inst_local").values())


def _policy_doc_types() -> list[str]:
    """Document types whose 《》 title after a publication verb is a policy (通知, 意见, 办法),
    not a data publication (统计公报, 报告: `inst_data_doc`)."""
    data = inst_cues("inst_data_doc")
    return [t for t in doc_types("title") if t not in data]


def _alt(words) -> str:
    return "|".join(map(re.escape, sorted(words, key=len, reverse=True)))


@lru_cache(maxsize=1)
def _patterns() -> dict[str, re.Pattern]:
    c = inst_cues
    suffix = _alt(c("inst_suffix"))
    legal = _alt(k for k, v in c("inst_unit").items() if v == "legal_form")
    return {
        "ending": re.compile(rf"(?:{suffix})"),
        "suffix": re.compile(rf"(?:{suffix})$"),
        "not": re.compile(rf"(?:{_alt(c('inst_not'))})$"),
        "unit": re.compile(rf"\s*(?:{_STOCK_CODE})?\s*(?:{legal})?(?:{_alt(c('inst_unit'))})?"),
        # a research unit right after a name, across a stock code and a legal form: 招商银行(600036)金融研究中心,
        # 某某期货有限公司研究发展部
        "research_unit": re.compile(rf"\s*(?:{_STOCK_CODE})?\s*(?:{legal})?(?P<unit>{_alt(_research_units())})"),
        # a firm's research desk: a qualifier and a research unit word (宏观研究部, 固定收益研究部)
        "desk": re.compile(rf"\s*(?:{_STOCK_CODE})?\s*(?:{legal})?[\u4e00-\u9fff]{{1,4}}?(?:{_alt(_research_units())})"),
        # a legal form inside a name, before its unit: left out of a made canonical
        "legal": re.compile(rf"(?:{legal})(?=[\u4e00-\u9fff])"),
        # words that open a clause, and role nouns before the name they stand for (主办方中国X协会)
        # (time words and connectives: classes time_word and connective of data/word_classes.tsv)
        "trim": re.compile(rf"^(?:{_alt([*c('inst_trim'), *word_class('time_word'), *word_class('connective'), *c('inst_role')])})+"),
        "title": re.compile(rf"(?:{_alt(c('inst_title'))})(?![人指])"),  # not 采购经理人指数
        # the speech and forecast verbs (data/word_classes.tsv) and the inst_verb rows: data and
        # publication verbs, nouns (X数据显示, X公布, X的言论)
        "verb": re.compile(_alt({*word_class("speech_verb"), *word_class("forecast_verb"), *c("inst_verb")}
                                - c("inst_not_verb").keys())),
        "before": re.compile(rf"(?:{_alt(c('inst_before'))})\s*[《“「]?$"),  # 据《华尔街日报》
        "anon_start": re.compile(rf"^(?:{_alt(c('inst_anon_start'))})"),
        "anon_end": re.compile(rf"(?<!国)(?:{_alt(c('inst_anon_end'))})$"),  # 一家期货公司, not 国家统计局
        "local": re.compile(rf"(?:{_alt(c('inst_local'))})$"),
        "place": re.compile(rf"^(?:{_alt(c('inst_place'))})$"),
        "foreign": re.compile(rf"(?:{_alt(c('inst_foreign'))})"),
        "policy": re.compile(rf"{_alt(c('inst_policy'))}|《[^《》]{{0,60}}(?:{_alt(_policy_doc_types())})》"),
        "policy_doc": re.compile(rf"《[^《》]{{0,60}}(?:{_alt(_policy_doc_types())})》"),
        "company": re.compile(_alt(c("inst_company"))),
        "branch": re.compile(rf"(?:{_alt(c('inst_branch'))})$"),
        "branch_word": re.compile(_alt(c("inst_branch"))),
        "sub_ending": re.compile(_alt(_sub_endings())),
        "time": re.compile(_alt(word_class("time_word"))),
        # what makes the run after a name a clause, not its unit: 与某委员会, 成立某分会 (`inst_link`)
        "link_start": re.compile(_alt(k for k, v in c("inst_link").items() if v == "start")),
        "link": re.compile(_alt(k for k, v in c("inst_link").items() if v != "start")),
        # a body writing about itself: 本分会, 本协会 (not 日本, 资本, 成本)
        "self": re.compile(rf"(?<![日资成基根])本(?P<ending>{_alt(k for k, v in c('inst_suffix').items() if v == 'association')})"),
        # not 市区长期, 某市长江: 长期/长江/长沙/长春 go on as words
        "official": re.compile(rf"(?<=[省市县区州旗])(?:{_alt(c('inst_official'))})(?![期江沙春治安城])"),
        "publish": re.compile(_alt(c("inst_publish"))),
        "data": re.compile(_alt(c("inst_data"))),
        "anchor": re.compile(rf"(?:{_alt(c('inst_anchor'))})"),
        "near": re.compile(rf"(?:{_alt(c('inst_near'))})\s*$"),
        # a category noun, then the name as a Latin word or in quotes: 指数机构ABC, 交易平台“某某钢网”
        "apposition": re.compile(
            rf"(?P<cat>{_alt(c('inst_category'))})"
            r"(?:“(?P<quoted>[^“”\s，,。；;：:、（）()《》]{2,12})”"
            r"|(?P<latin>[A-Z][A-Za-z0-9&\-]{1,15}(?: [A-Z][A-Za-z0-9&\-]{1,15}){0,3})(?![A-Za-z0-9]))"
        ),
        # a demonstrative and a name ending: 该协会 (the last such name of its paragraph)
        "demonstrative": re.compile(rf"(?:{_alt(c('inst_demonstrative'))})(?P<ending>{suffix})"),
        # a name in quotes, then its ending outside them: “某某金属”网
        "quoted_ending": re.compile(rf"“(?P<name>[\u4e00-\u9fffA-Za-z0-9]{{2,12}})”(?P<ending>{suffix})"),
        # a Latin name: an acronym of 2+ capitals (TSI, S&P) or capitalised words of 3+ letters (Mysteel,
        # Wood Mackenzie); 2 letters of mixed case are no name (该机构Ai)
        "latin_name": re.compile(r"[A-Z][A-Z0-9&\-]+|[A-Z][A-Za-z0-9&\-]{2,}(?: [A-Z][A-Za-z0-9&\-]{1,})*"),
        "not_after": re.compile(rf"\s*(?:{_alt(c('inst_not_after'))})"),
    }


_CJK = re.compile(r"[\u4e00-\u9fff]")
_CJK_RUN = re.compile(r"[\u4e00-\u9fff]+")
# a body of the State Council (国务院国资委) has no people's government in its full name
_STATE_COUNCIL, _LOCAL_GOVERNMENT = "国务院", "人民政府"
# firms whose research desks publish under the firm's name (a listed one's desk is the firm)
_FIRMS = ("futures", "securities", "bank")
# a listed company's stock code in brackets after its name: (601328), （600036.SH）, (03988.HK)
_STOCK_CODE = r"[（(](?:\d{6}(?:\.S[HZ])?|\d{4,5}\.HK)[)）]"
# commodity futures and exchanges' contracts, not futures companies
_COMMODITY = re.compile(r"(?:[钢铜铝锌铅镍锡金银油煤焦炭矿棉糖豆胶指债汇粕醇]|上海|大连|郑州|伦敦|国内|国外|中国)$")
_FUTURES_USE = re.compile(r"^(?:合约|价格|市场|交易|主力|盘面|期价|品种)")
# a phrase, not a name: a function word or a speech verb (class speech_verb of data/word_classes.tsv)
# inside (我的钢铁网 is listed, not made)
# and a connective (class connective: 以及, 通过, 根据, 来自; less the inst_in_name rows of
# institution_cues.tsv, which also stand inside names: 稀土协同创新研究院) or a preposition: 由 (not 自由, 由于),
# 等 (not 高等, 中等); not 有色, 有限(公司), 对外
_PHRASE = re.compile(r"[的了是在将这其把被让向从]|对(?!外)|有(?![色研限])|(?<!自)由(?!于)|(?<![高中初平均同])等|"
                     + _alt([*word_class("speech_verb"),
                             *(w for w in word_class("connective") if w not in inst_cues("inst_in_name"))]))
_CLAUSE_END = re.compile(r"[，,。；;：:！？!?\n“”\"（）()《》]")
_ABBREV = re.compile(r"^\s*[（(][A-Za-z0-9&.\s]{2,12}[)）]")
_BRACKETED = re.compile(r"\s*[（(][A-Za-z0-9&.\s]{2,12}[)）]")  # for match(text, pos)
_POLICY = re.compile(r"^了?\s*[《〈]")
# a one-character ending that goes on as a word: 报告, 报道, 网络, 社会
_WORD_GOES_ON = re.compile(r"^(?:报[告道价表名送批备刊纸关废账收国]|网[络站点页友民购上]|社[会区科保团交]|学[生城校科])")
_REPORTER = re.compile(r"^》?\s*(?:驻\S{1,6})?记者")
_HEADLINE = re.compile(r"\s*[：:](?!\s*$)", re.M)  # X：… (not a label at a line end)
_LINE_START = re.compile(r"(?:^|\n)\s*$")
_CLOSE = re.compile(r"^\s*[)）”」』》]")  # (ABC)张某…, “某某钢网”提供的…, 《某某日报》报道称
_LIST = re.compile(r"[、等]")
# a department of the body right before a person's title (…司副司长, …处处长): the title is the body's
_DEPARTMENT = re.compile(r"^[\u4e00-\u9fff]{2,12}[司处室]副?$")
_SENTENCE_END = re.compile(r"[。！？!?\n]")
_CLAUSE_STOP = re.compile(r"[，,；;]")
_DEIXIS = re.compile(r"[本该此]")  # 本分会, 该分会: a branch's own name begins after them
_PLACE_HEAD = re.compile(r"[\u4e00-\u9fff]{1,6}?[省市县区州]")  # 上海市仲裁委员会, 赣州市…


# how far back a name's clause is read: a made name is at most MAX_NAME + 4 characters from the
# start of its clause (longer is a whole clause), and a local official's place at most 8 after
# words that open a clause and a province (今天江西省赣州市副市长)
CLAUSE_REACH = MAX_NAME + 8
# how far after a province's publication verb its data word is looked for (浙江省发布的一季度数据显示)
DATA_REACH = 60
# how much of the sentence after a public body is read for its policy (某部网站公布，…印发《…》)
SENTENCE_REACH = 300


def _clause_start(text: str, pos: int) -> int:
    """Start of the run of CJK characters that ends at `pos`, at most CLAUSE_REACH characters
    back (a longer run is a clause, not a name: the walk is bounded so that a long run of CJK,
    委员会委员会…, costs linear time, not quadratic)."""
    i, stop = pos, max(0, pos - CLAUSE_REACH)
    while i > stop and _CJK.match(text[i - 1]):
        i -= 1
    return i


def _made_name(text: str, start: int, e: int, anchored: bool = False) -> tuple[int, str] | None:
    """The name that ends at e, read from `start` (the start of its CJK run, `_clause_start`)
    and trimmed, or None. `anchored`: the name before `start` anchors it (a unit of that name)."""
    pats = _patterns()
    suffix = pats["suffix"].search(text, start, e)
    if suffix is None:
        return None
    # the last function word or verb of relation (`inst_link`) before the ending: the name begins after it
    # (记者从河北省冶金行业协会, 主管工业的省经信委: after 从/的; 某协会下属钢管分会: 钢管分会, a branch
    # written without its parent)
    words = chain(_PHRASE.finditer(text, start, suffix.start()), pats["link"].finditer(text, start, suffix.start()))
    start = max((w.end() for w in words), default=start)
    for link in pats["link_start"].finditer(text, start, suffix.start()):
        if pats["suffix"].search(text, start, link.start()) and _anchored(text[link.end() : suffix.start()]):
            start = link.end()  # 国家发改委和国家能源局: two names, the second anchored (not 中国石油和化学工业联合会)
    if e - start > MAX_NAME + 4:
        return None  # a whole clause, not a name
    name = text[start:e]
    t = pats["trim"].match(name)
    if t:
        start += t.end()
        name = name[t.end():]
    cut = _deictic_cut(text, start, e)
    start, name = start + cut, name[cut:]
    suffix = pats["suffix"].search(name)
    if not suffix or suffix.start() < 2 and len(suffix.group(0)) < 2 or len(name) < 3 or suffix.start() == 0:
        return None  # 期货公司 alone is a kind of firm, not a name
    if pats["not"].search(name) or _PHRASE.search(name) or _WORD_GOES_ON.match(text[e - 1 : e + 1]):
        return None
    head = name[: suffix.start()]
    if suffix.group(0).startswith("期货") and (_COMMODITY.search(head) or _FUTURES_USE.match(text[e : e + 2])):
        return None
    anchored_ending = suffix.group(0) in inst_cues("inst_anchored") or inst_cues("inst_suffix")[suffix.group(0)] == "government"
    if anchored_ending and not anchored:
        # a committee, an alliance or a government body is named after its place or parent: the name
        # begins at that word (按照投诉方欧洲X联盟 -> 欧洲X联盟, 上月获国家发改委 -> 国家发改委), after the last
        # time word (国务院日前转发国家能源局 -> 国家能源局); none in the clause, no name (那家工厂还在等清算
        # 委员会, 村民委员会, 由发改委: the agency mentions read a bare 发改委)
        cut = max((t.end() for t in pats["time"].finditer(head)), default=0)
        at = cut if _anchored(head[cut:]) else next((k for k in range(cut + 1, len(head)) if _anchored(head[k:])), None)
        if at is None:
            return None
        start, name, head = start + at, name[at:], head[at:]
    if pats["anon_start"].match(head) or pats["anon_end"].search(head):
        return None  # 上述期货公司, 北京一期货公司, 多家银行: a description, not a name
    company = pats["company"].search(head)
    if company and not (company.start() >= 2 and suffix.group(0) in _research_units()):
        return None  # 某某集团销售公司: a unit of an operating company; 某某集团战略研究院 is a research unit
    body = pats["local"].search(name)
    level = body and next((w for w in _place_words() if name[: body.start()].endswith(w)), None)
    if level and body.start() - len(level) > PLACE_NAME:
        cut = body.start() - len(level)  # 当地十余家企业获得了省科技厅: no place is that long, 省科技厅 is the name
        start, name = start + cut, name[cut:]
    return start, name


def _deictic_cut(text: str, start: int, e: int) -> int:
    """How many characters of a deictic word (grammars/regions `deictic_opening`) open the name
    text[start:e]: no name begins with one. 我国 / 国内 go (我国钢铁工业协会 is 钢铁工业协会, the
    national body); of 全省 / 我省 / 本市 the pointer goes and the level word (`inst_place`) stays, the
    place a local body is written without (全省有色金属协会 -> 省有色金属协会, placed as 省社科院 is:
    `_deictic_place`); 我区 (no such level word) goes whole."""
    d = deictic_opening(text, start, e)
    if d is None:
        return 0
    end, level = d
    return end - start - (len(level) if level in inst_cues("inst_place") else 0)


def _deictic_place(text: str, s: int) -> str | None:
    """The level of place (`inst_place` value) a name needs when it begins at the level word of a
    deictic (全|省有色金属协会: the piece's province), else None."""
    d = deictic_opening(text, s - 1) if s else None
    if d is None or d[1] is None or d[0] != s + len(d[1]):
        return None
    return inst_cues("inst_place").get(d[1])


@lru_cache(maxsize=1)
def _research_units() -> frozenset[str]:
    """The research unit words (`inst_unit` rows with value `research`: 研究院, 研究所, 研究中心)."""
    return frozenset(k for k, v in inst_cues("inst_unit").items() if v == "research")


def _anchored(head: str) -> bool:
    """True when a made name's head begins with what names a body: a place (a region of the
    list, or a word ending in 省/市/县/区/州), a national or international word (`inst_anchor`:
    中国, 全国, 国际), or a listed institution (中国可再生能源学会光伏专业委员会)."""
    if _patterns()["anchor"].match(head) or _PLACE_HEAD.match(head) or head in inst_cues("inst_place"):
        return True  # 国家…, 上海市…, 省(经信委): the place of a body written without it
    return any(m.start == 0 for m in chain(regions().finditer(head), listed().finditer(head)))


def _foreign_bodies(text: str) -> list[InstitutionName]:
    """美国劳工部, 日本财务省, 澳大利亚统计局: a country (not 中国) right before a government
    body word (`inst_foreign`)."""
    pats, full = _patterns(), inst_cues("inst_foreign")
    out = []
    for m in regions().finditer(text):
        if m.value.kind != "country" or m.value.canonical == "中国":
            continue
        body = pats["foreign"].match(text, m.end)
        if body is None:
            continue
        word = body.group(0)
        long = full.get(word) or word
        kind = "central_bank" if long.endswith(("银行", "储备委员会")) else "government"
        e = body.end()
        out.append(InstitutionName(m.start, e, text[m.start : e], m.value.canonical + long, kind, True))
    return out


def _local_governments(text: str, found: Sequence[RegionMention]) -> list[InstitutionName]:
    """赣州市副市长 -> 赣州市人民政府: the place right before a local official's title
    (`inst_official`): the region mention (`found`) that ends there (江西赣州市副市长, 记者采访赣州市副市长
    -> 赣州市), else the clause before the title (trimmed) without a province mention that opens
    it (四川省某某县副县长 -> 某某县: places the regions list does not name)."""
    pats, gov = _patterns(), inst_cues("inst_official")
    ends = {r.end: r for r in found if r.kind in ("province", "city")}
    starts = {r.start: r for r in found}
    out = []
    for m in pats["official"].finditer(text):
        if (r := ends.get(m.start())) is not None:
            s = r.start
        else:
            s = _clause_start(text, m.start())
            t = pats["trim"].match(text, s, m.start())
            s = t.end() if t else s
            prov = starts.get(s)
            if prov is not None and prov.kind == "province" and m.start() - prov.end >= 2:
                s = prov.end
        place = text[s : m.start()]
        if not 2 <= len(place) <= 8 or _PHRASE.search(place) or pats["anon_start"].match(place):
            continue
        out.append(InstitutionName(s, m.start(), place, place + gov[m.group(0)], "government", False))
    return out


def _appositions(text: str) -> list[InstitutionName]:
    """价格指数机构ABC, 现货交易平台“某某钢网”: a name that no list and no ending gives, introduced
    by a category noun right before it (`inst_category`; the value is its kind), written as a Latin word
    or in quotes. A Latin word must look like a name (an acronym of capitals, or capitalised words of
    several letters) and not be followed by a technique or product word (`inst_not_after`: 该机构AI模型).
    A listed name keeps its canonical and kind."""
    pats = _patterns()
    out = []
    for m in pats["apposition"].finditer(text):
        group = "quoted" if m.group("quoted") else "latin"
        s, e = m.span(group)
        name = m.group(group)
        if name in inst_cues("inst_not_name"):
            continue  # 该机构CEO表示: a title, not a name
        if group == "latin" and (not pats["latin_name"].fullmatch(name) or pats["not_after"].match(text, e)):
            continue  # 该机构AI模型测算: a technique the body uses, not its name
        hit = next((x for x in listed().finditer(name) if x.start == 0 and x.end == len(name)), None)
        if hit is not None:
            out.append(InstitutionName(s, e, name, hit.value.canonical, hit.value.kind, True))
        else:
            out.append(InstitutionName(s, e, name, name, inst_cues("inst_category")[m.group("cat")], False))
    return out


def _quoted_with_ending(text: str) -> list[InstitutionName]:
    """“某某金属”网: a name written in quotes with its ending (`inst_suffix`) after the closing quote
    is the name with that ending (某某金属网; a listed one keeps its canonical and kind), unless the
    ending goes on as a word (“某某”报告) or makes no institution (`inst_not`)."""
    pats, kinds = _patterns(), inst_cues("inst_suffix")
    out = []
    for m in pats["quoted_ending"].finditer(text):
        whole = m.group("name") + m.group("ending")
        if _WORD_GOES_ON.match(text[m.end() - 1 : m.end() + 1]) or pats["not"].search(whole):
            continue
        hit = next((x for x in listed().finditer(whole) if x.start == 0 and x.end == len(whole)), None)
        canon, kind = (hit.value.canonical, hit.value.kind) if hit else (whole, kinds[m.group("ending")])
        out.append(InstitutionName(m.start(), m.end(), m.group(0), canon, kind, hit is not None))
    return out


def _regional_governments(text: str, found: Sequence[RegionMention]) -> list[InstitutionName]:
    """浙江省发布的一季度数据显示 -> 浙江省人民政府: a province or a city the region mentions found (`found`,
    the regions grammar's mentions of `text`) as the subject of a publication verb (`inst_publish`)
    right after it, with a data word (`inst_data`) in that clause, is its people's government
    quoted as a data source (a measure or policy it issues is not)."""
    pats = _patterns()
    out = []
    for m in found:
        verb = pats["publish"].match(text, m.end)
        if m.kind not in ("province", "city") or verb is None:
            continue
        reach = min(len(text), verb.end() + DATA_REACH)  # bounded: a clause without an end is read in part
        stop = _CLAUSE_END.search(text, verb.end(), reach)
        if not pats["data"].search(text, verb.end(), stop.start() if stop else reach):
            continue  # 湖南省发布年度排放限额: a measure of its own, not its data
        if m.start > 0 and _CJK.match(text[m.start - 1]) and not pats["before"].search(text[max(0, m.start - 4) : m.start]):
            continue  # inside a longer name or phrase (中国广东省…, 南方广东): only a clause's subject
        out.append(InstitutionName(m.start, m.end, text[m.start : m.end], m.canonical + "人民政府",
                                   "government", False))
    return out


def _local(name: str) -> tuple[str, str | None]:
    """The canonical of a local body (四川省社科院 -> 四川省社会科学院) and, when it is written
    without its place (省统计局), the level of the place it needs; (name, None) otherwise. A legal form
    before the name's unit is left out (某某证券股份有限公司研究所 -> 某某证券研究所)."""
    pats = _patterns()
    name = pats["legal"].sub("", name)
    body = pats["local"].search(name)
    if body is None:
        return name, None
    head = name[: body.start()]
    full = inst_cues("inst_local")[body.group(0)]
    if head.endswith(_STATE_COUNCIL) and full.startswith(_LOCAL_GOVERNMENT):
        full = full[len(_LOCAL_GOVERNMENT):]  # 国务院国资委: the State Council's, not a people's government's
    canon = head + full
    if pats["place"].match(head):
        return canon, inst_cues("inst_place")[head]
    return canon, None


def placed(name: InstitutionName, region: str) -> str | None:
    """The canonical of a local body written without its place (省统计局), in `region` (the full
    name of a region mention: 四川省 -> 四川省统计局), or None when the region is not of the
    level the name needs (市统计局 is not in 四川省)."""
    for word in _place_words():
        if name.canonical.startswith(word):
            return region + name.canonical[len(word):] if region.endswith(word) else None
    return None


def regional(name: InstitutionName, region: RegionMention) -> str | None:
    """The canonical of a local government body written with its place's short name
    (新疆财政厅, 湖南环保厅) in full, given the region mention that begins it (新疆 ->
    新疆维吾尔自治区财政厅), or None when the region mention does not begin the name, is written in
    full, or the name is not a government body of the names made by their ending."""
    if name.listed or name.kind != "government" or region.start != name.start or region.surface == region.canonical:
        return None
    if region.kind not in ("province", "city") or not name.canonical.startswith(region.surface):
        return None
    rest = name.canonical[len(region.surface):]
    return region.canonical + rest if _is_local_body(rest) else None


def _is_local_body(rest: str) -> bool:
    """True when `rest` is a local body's full form (an `inst_local` value, 财政厅, 环境保护厅)."""
    return rest in _local_bodies()


def _with_abbreviation(text: str, names: list[InstitutionName]) -> list[InstitutionName]:
    """A name followed by a listed abbreviation in brackets is that institution:
    美国能源资料协会(EIA) -> 美国能源信息署; the bracketed mention is dropped."""
    out: list[InstitutionName] = []
    for n in names:
        prev = out[-1] if out else None
        brackets = _BRACKETED.match(text, prev.end) if prev is not None else None
        if n.listed and brackets and prev.end < n.start and n.end <= brackets.end():
            if not prev.listed or prev.canonical == n.canonical:
                out[-1] = InstitutionName(prev.start, prev.end, prev.surface, n.canonical, n.kind, True)
                continue
        out.append(n)
    return out


def _with_research_unit(text: str, names: list[InstitutionName]) -> list[InstitutionName]:
    """A name followed by a research unit (`inst_unit` with value `research`), with or without a
    stock code in brackets between them, is one institution: 招商银行(600036)金融研究中心,
    中国银行(601988)研究院. A listed name keeps its canonical (the unit belongs to it, as
    华鑫期货研究所 -> 华鑫期货); an unlisted one takes the unit word (华瑞银行(600999)研究院 ->
    华瑞银行研究院, as 华瑞银行研究院 written without a code is made). Names inside the unit
    (a made 金融研究中心) are dropped."""
    pats = _patterns()
    out: list[InstitutionName] = []
    for n in names:
        if out and n.start < out[-1].end:
            continue  # inside the unit of the name before it
        m = pats["research_unit"].match(text, n.end)
        if m is None:
            out.append(n)
            continue
        canon = n.canonical if n.listed else n.canonical + m.group("unit")
        out.append(InstitutionName(n.start, m.end(), text[n.start : m.end()], canon, n.kind, n.listed, n.place))
    return out


def _covering(text: str, s: int, e: int, c: InstitutionName) -> InstitutionName:
    """The name text[s:e] (made by its ending) that covers the name `c`: c's unit (华鑫期货研究所,
    `inst_unit`) is c; a branch (中电联燃料分会) keeps c's canonical + the branch as written; any other
    ending makes a body of its own, canonical as written (全国工商联环境服务业商会 is not 全国工商联). A listed
    broker's, futures company's or bank's research desk (`_FIRMS`), named by a qualifier of up to four
    characters before its unit word, is the firm (某证券宏观研究部, 某银行国际金融研究所), as its unit is."""
    pats, name = _patterns(), text[s:e]
    desk = s == c.start and c.listed and c.kind in _FIRMS and pats["desk"].fullmatch(text, c.end, e)
    if pats["unit"].fullmatch(text, c.end, e) or e == c.end or desk:
        return InstitutionName(s, e, name, c.canonical, c.kind, c.listed)
    kind = inst_cues("inst_suffix")[pats["suffix"].search(name).group(0)]
    if pats["branch"].search(name):
        return InstitutionName(s, e, name, text[s : c.start] + c.canonical + text[c.end : e], kind, False)
    canon, place = _local(name)
    return InstitutionName(s, e, name, canon, kind, False, place)


def _with_sub_bodies(text: str, names: list[InstitutionName]) -> list[InstitutionName]:
    """中国某某协会 + 稀土专业委员会: a name followed right away by a body of its own (2 to MAX_NAME
    characters of CJK and a sub-body ending: a branch `inst_branch`, an anchored ending `inst_anchored`
    such as 委员会, a research unit: `inst_unit` rows with value `research`), which reads as a name would
    (`_made_name`, anchored by the name before it), is one name with it (`_covering`). The parent does
    not count against MAX_NAME: a name may be longer when it is built of a name and its units
    (某省有色金属行业协会稀土专业委员会), while a clause before an ending still is no name, nor is a
    clause after a name (`inst_link`: 某协会与某委员会, 某协会成立某分会). Up to MAX_UNITS units
    chain (…协会…分会…委员会); names inside the whole are dropped. Linear: each step reads at most
    MAX_NAME + the longest ending characters after a name, and a name takes at most MAX_UNITS."""
    pats = _patterns()
    reach = MAX_NAME + max(map(len, _sub_endings()))
    out: list[InstitutionName] = []
    for n in names:
        if out and n.start < out[-1].end:
            continue  # inside the units of the name before it
        for _ in range(MAX_UNITS if n.refers is None else 0):
            m = pats["sub_ending"].search(text, n.end, min(len(text), n.end + reach))
            if m is None or not 2 <= m.start() - n.end <= MAX_NAME or not _CJK_RUN.fullmatch(text, n.end, m.end()):
                break
            if _linked(text, n.end, m.end()):
                break  # 某协会与某委员会, 某协会成立某分会: a clause about two bodies
            got = _made_name(text, n.end, m.end(), anchored=True)
            if got is None or got[0] != n.end:
                break  # a clause (组织成立…, 下属的…), not a unit of the name
            n = _covering(text, n.start, m.end(), n)
        out.append(n)
    return out


def _linked(text: str, start: int, end: int) -> bool:
    """True when text[start:end], right after a name, opens with a conjunction or holds a verb of
    relation (`inst_link`: 与某委员会, 下属某分会): a clause about two bodies, not a unit of the name."""
    pats = _patterns()
    return bool(pats["link_start"].match(text, start) or pats["link"].search(text, start, end))


@lru_cache(maxsize=1)
def _sub_endings() -> frozenset[str]:
    """Endings of a body that belongs to the name right before it: branches, anchored endings
    (委员会) and research units that are name endings (`inst_suffix`)."""
    c = inst_cues
    return frozenset(c("inst_suffix")) & {*c("inst_branch"), *c("inst_anchored"), *_research_units()}


def _non_overlapping(names: list[InstitutionName], more: list[InstitutionName]) -> list[InstitutionName]:
    """`names` (sorted, not overlapping) plus each of `more` that overlaps none of them, sorted."""
    starts, ends = [n.start for n in names], [n.end for n in names]
    keep = [m for m in more if bisect_right(ends, m.start) >= bisect_left(starts, m.end)]
    return sorted([*names, *keep], key=lambda n: n.start)


def find_institution_names(text: str, found_regions: Sequence[RegionMention] = ()) -> list[InstitutionName]:
    """Listed and made institution names, left to right, without overlaps (a listed
    name inside a longer made one takes the longer surface: 华鑫期货 -> 华鑫期货研究所;
    of two made names from one start the longer wins: 海运煤炭网指数中心).

    `found_regions` are the region mentions of `text` (grammars/regions `region_mentions`, which the
    pipeline has found once: `doc.spans["region_mentions"]`); the names made from a region
    (广东省发布的数据显示 -> 广东省人民政府) are read from them, never from a second scan. Without
    them (a name on a source line) no name is made from a region; ex_institution gives a running
    header or footer, which is not in the Doc's text, the region mentions of its own text."""
    base = [InstitutionName(m.start, m.end, m.surface, m.value.canonical, m.value.kind, True)
            for m in listed().finditer(text)]
    base = _non_overlapping(base, [*_foreign_bodies(text), *_local_governments(text, found_regions)])
    base = _non_overlapping(base, [*_appositions(text), *_regional_governments(text, found_regions)])
    base = _non_overlapping(base, _quoted_with_ending(text))
    starts, ends = [c.start for c in base], [c.end for c in base]
    listed_ends = {c.end for c in base if c.listed}
    pats = _patterns()
    kinds = inst_cues("inst_suffix")
    made: list[tuple[int, int, str]] = []
    for m in pats["ending"].finditer(text):
        e = m.end()
        run = _clause_start(text, e)
        got = _made_name(text, run, e)
        k = bisect_left(ends, e) - 1  # the last name before the ending, if it ends inside its run
        if k >= 0 and run < ends[k] < e and (got is None or got[0] <= starts[k] and _linked(text, ends[k], e)):
            # a run too long for a name, or one that joins a name to another (某证券和某研究所), may hold a
            # name and then another (某协会与青海省某委员会): read the run after the name; a unit of it is
            # joined to it later (`_with_sub_bodies`)
            link = pats["link_start"].match(text, ends[k])
            got = _made_name(text, link.end() if link else ends[k], e)
        if got is not None:
            made.append((got[0], e, got[1]))
    made.sort(key=lambda x: (x[0], -(x[1] - x[0])))
    replaced: set[int] = set()  # indexes into base of listed names a longer made name took over
    out: list[InstitutionName] = []
    last_end = -1
    for s, e, name in made:
        if s < last_end:
            continue
        last_end = e
        suffix = pats["suffix"].search(name).group(0)
        if s in listed_ends:
            continue  # Mysteel管理咨询部: a unit of the listed name before it
        overl = [k for k in range(bisect_right(ends, s), bisect_left(starts, e)) if k not in replaced]
        if overl:
            c = base[overl[0]]
            if len(overl) == 1 and c.listed and c.end == e:
                # 邀请国金证券: the listed name is the name, what runs before it is the clause; a longer
                # name that begins with it is still read (会同中国某某工业协会电池分会: its branch)
                last_end = c.start
                continue
            if len(overl) == 1 and s <= c.start and e >= c.end and e - s > c.end - c.start:
                if _linked(text, c.end, e):
                    last_end = c.end  # 某协会与某委员会: a clause after the name, not a unit of it
                    continue
                replaced.add(overl[0])
                out.append(_covering(text, s, e, c))
            continue
        canon = next((x.value.canonical for x in listed().finditer(name)), None)
        if canon is None:  # 钢铁工业协会 without a place: the national one, 中国钢铁工业协会
            national = next(iter(listed().finditer("中国" + name)), None)
            if national is not None and national.surface == "中国" + name:
                canon = national.value.canonical
        if canon is None:
            local, place = _local(name)
            out.append(InstitutionName(s, e, name, local, kinds[suffix], False, place or _deictic_place(text, s)))
        else:
            out.append(InstitutionName(s, e, name, canon, kinds[suffix], True))
    out.extend(c for k, c in enumerate(base) if k not in replaced)
    out.sort(key=lambda x: x.start)
    named = _with_abbreviation(text, _with_sub_bodies(text, _with_research_unit(text, out)))
    named = _non_overlapping(named, _bare_branches(text, named))
    named = _non_overlapping(named, _role_references(text, named))
    return _non_overlapping(named, _demonstrative_references(text, named))


def _paragraph_start(text: str, pos: int) -> int:
    """Start of the paragraph of `pos`, read back at most SENTENCE_REACH characters (hostile input has
    no paragraphs)."""
    return max(text.rfind("\n", max(0, pos - SENTENCE_REACH), pos) + 1, pos - SENTENCE_REACH)


def _bare_branches(text: str, names: list[InstitutionName]) -> list[InstitutionName]:
    """不锈钢制品分会 after 中国某某协会 in the same paragraph: a branch (`inst_branch`) written without
    its parent (a made name needs one: `inst_anchored`) is a branch of the last association named
    before it in its paragraph, canonical = the parent's canonical + the branch as written. The
    branch's own name is the run of CJK before its ending, after the last function word, deictic or
    link word (`inst_link`: 某协会下属的钢管分会, 某协会下属钢管分会 -> 钢管分会; 本分会, 该分会 are none), 2 to MAX_BRANCH characters without
    another name ending; no association before it in its paragraph: nothing."""
    pats = _patterns()
    parents = [n for n in names if n.kind == "association" and n.refers is None and not pats["branch"].search(n.surface)]
    ends = [n.end for n in parents]
    out = []
    for m in pats["branch_word"].finditer(text):
        s = _clause_start(text, m.start())
        for cut in chain(_PHRASE.finditer(text, s, m.start()), _DEIXIS.finditer(text, s, m.start()),
                         pats["link"].finditer(text, s, m.start()), pats["link_start"].finditer(text, s, m.start())):
            s = max(s, cut.end())
        t = pats["trim"].match(text[s : m.start()])
        s += t.end() if t else 0
        head = text[s : m.start()]
        if not 2 <= len(head) <= MAX_BRANCH or pats["ending"].search(head) or pats["anon_start"].match(head):
            continue
        para = _paragraph_start(text, s)
        k = bisect_right(ends, s)
        parent = parents[k - 1] if k and parents[k - 1].start >= para else None
        if parent is not None:
            branch = text[s : m.end()]
            out.append(InstitutionName(s, m.end(), branch, parent.canonical + branch, "association", False))
    return out


def _role_references(text: str, names: list[InstitutionName]) -> list[InstitutionName]:
    """主办方 after 其主办方中国某某协会: a role noun (`inst_role`) written right before a name binds to
    it (the apposition names who holds the role); each later occurrence of the same role noun is a
    mention of that institution (`refers` = the named mention), so 主办方负责人说 quotes it. A role
    noun before no name, or before the first binding, refers to nothing."""
    roles = inst_cues("inst_role")
    if not roles or not any(r in text for r in roles):
        return []
    bound_at = re.compile(rf"(?:{_alt(roles)})$")
    bindings: list[tuple[int, str, InstitutionName]] = []  # (start of the role noun, role, name), in order
    for n in names:
        m = bound_at.search(text, max(0, n.start - 6), n.start)
        if m is not None and n.refers is None:
            bindings.append((m.start(), m.group(0), n))
    apposed = {s for s, _, _ in bindings}
    holder: dict[str, InstitutionName] = {}  # role -> the name it was last bound to
    k, out = 0, []
    for m in re.finditer(_alt(roles), text):  # one pass over both, left to right
        while k < len(bindings) and bindings[k][0] < m.start():
            holder[bindings[k][1]] = bindings[k][2]
            k += 1
        n = holder.get(m.group(0))
        if n is None or m.start() in apposed:
            continue  # no antecedent yet, or the binding apposition itself
        out.append(InstitutionName(m.start(), m.end(), m.group(0), n.canonical, n.kind, n.listed, n.place,
                                   refers=(n.start, n.end)))
    return out


def _demonstrative_references(text: str, names: list[InstitutionName]) -> list[InstitutionName]:
    """该协会 after 中国某某协会 in the same paragraph: a demonstrative (`inst_demonstrative`: 该, 这家)
    + a name ending (`inst_suffix`) is a mention of the last name before it in its paragraph (at most
    SENTENCE_REACH characters back) that has that ending or that ending's kind (`refers` = that name), so 该协会秘书长表示 quotes it. No
    such name in the paragraph, or an ending that goes on as a word (该报告, 该期货品种): nothing."""
    return _references(text, names, _patterns()["demonstrative"])


def self_references(text: str, names: list[InstitutionName]) -> list[InstitutionName]:
    """本分会 after 不锈钢制品分会 in the same paragraph: 本 + an association's ending (本分会, 本协会) is
    the body that writes the piece naming itself, a mention of the last name before it in its
    paragraph with that ending or its kind (`refers` = that name), as `_demonstrative_references`
    reads 该协会. (A newspaper's 本报 is read by ex_institution with the paper's name.)"""
    return _references(text, names, _patterns()["self"])


def _references(text: str, names: list[InstitutionName], pattern: re.Pattern) -> list[InstitutionName]:
    """Mentions made by `pattern` (a word + a name ending in its group `ending`), each referring to
    the last name before it in its paragraph with that ending or that ending's kind."""
    kinds = inst_cues("inst_suffix")
    named = [n for n in names if n.refers is None]
    starts = [n.start for n in named]
    out = []
    for m in pattern.finditer(text):
        ending = m.group("ending")
        if _WORD_GOES_ON.match(text[m.end() - 1 : m.end() + 1]):
            continue
        if ending.startswith("期货") and _FUTURES_USE.match(text[m.end() : m.end() + 2]):
            continue
        para = _paragraph_start(text, m.start())
        ante = None
        for n in reversed(named[: bisect_left(starts, m.start())]):
            if n.start < para:
                break
            if n.end <= m.start() and (n.surface.endswith(ending) or n.kind == kinds[ending]):
                ante = n
                break
        if ante is not None:
            out.append(InstitutionName(m.start(), m.end(), m.group(0), ante.canonical, ante.kind, ante.listed,
                                       ante.place, refers=(ante.start, ante.end)))
    return out


def attribution(text: str, start: int, end: int) -> str | None:
    """How the clause attributes something to the name at start:end (see the module
    docstring), or None."""
    pats = _patterns()
    if _REPORTER.match(text[end : end + 8]):
        return "reporter"
    if pats["near"].search(text[max(0, start - 4) : start]):
        return None  # 一位接近于该部的人士: someone near the body, not the body
    if pats["before"].search(text[max(0, start - 4) : start]):
        return "before"
    if _HEADLINE.match(text, end) and _LINE_START.search(text[max(0, start - 6) : start]):
        return "verb"  # a headline that quotes it: GFMS：预计…
    after = _ABBREV.sub("", text[end : end + 36], count=1)[:24]  # X(CESCO)资料显示
    after = _CLOSE.sub("", after, count=1)  # (ABC)张某演讲: the name was the abbreviation
    stop = _CLAUSE_END.search(after)
    clause = after[: stop.start()] if stop else after
    t = pats["title"].search(clause)
    if t and t.start() <= 14 and _DEPARTMENT.search(clause[: t.start()]):
        return "title"  # X水资源司处长李某, X政策和法规司副司长: a department's officer, 和 inside its name
    clause = re.split(r"(?<=[\u4e00-\u9fff])(?=和|与|及)", clause, maxsplit=1)[0] if len(clause) > 16 else clause
    t = pats["title"].search(clause)
    v = pats["verb"].search(clause)
    if t and t.start() <= 14 and not _LIST.search(clause[: t.start()]):
        return "title"  # not 请来商务部、海关总署等部门的专家: experts of a list of bodies
    if v and v.start() <= 10:
        if _POLICY.match(after[v.end():]):
            return None  # 国务院日前印发《…意见》: a policy is the topic, nothing is quoted
        return "verb"
    return None


def policy_topic(text: str, start: int, end: int) -> bool:
    """True when the public body at start:end is cited for a policy, not as a source: a
    publication verb after it and a policy word (`inst_policy`: 《, 上调, 准入) later in the
    sentence (某部网站公布，…联合印发《…》); 据/根据 before it and a policy word in its own clause
    (up to the first comma: 根据央行下调利率), not in a later one (据某省生态环境厅3日通报，…限期整改:
    the disclosure is the source); or a policy document in its own clause (某部有关司局负责人就
    《办法》答记者问), while a statement about a policy move is quoted (某央行暂不降息的表态)."""
    pats = _patterns()
    reach = min(len(text), end + SENTENCE_REACH)  # bounded: a sentence without an end is read in part
    stop = _SENTENCE_END.search(text, end, reach)
    sentence = text[end : stop.start() if stop else reach]
    publish = pats["publish"].search(sentence[:12])
    if publish:
        return pats["policy"].search(sentence[publish.end():]) is not None
    comma = _CLAUSE_STOP.search(sentence)
    clause = sentence[: comma.start()] if comma else sentence
    before = pats["before"].search(text[max(0, start - 4) : start])
    return pats["policy" if before else "policy_doc"].search(clause) is not None


# (text, [(name as written, canonical or None for the name itself, attribution)])
# Synthetic sentences written for this table (the people's names are invented); each has the structure
# of a case met in commentary.
EXAMPLES: list[tuple[str, list[tuple[str, str | None, str | None]]]] = [
    ("长城证券指出，有色板块三季度盈利回升", [("长城证券", None, "verb")]),
    ("对于电价改革，青禾咨询总经理李明远认为，电价将上调", [("青禾咨询", None, "title")]),
    ("但省社科院副院长周文清提醒，价格仍看需求", [("省社科院", "省社会科学院", "title")]),  # place: the document's
    ("而据中国钢铁工业协会上周公布的库存数据", [("中国钢铁工业协会", None, "before")]),
    ("价格仍在低位”，富宝金属网分析师陈晓东表示。", [("富宝金属网", "富宝资讯", "title")]),
    ("中国证券报记者从多家钢厂获悉", [("中国证券报", None, "reporter")]),
    ("一位贸易商对《第一财经日报》记者说", [("第一财经日报", None, "reporter")]),
    ("据路透社上周报道", [("路透社", None, "before")]),
    ("9月份供应管理学会制造业采购经理人指数回落", [("供应管理学会", "美国供应管理协会", "verb")]),
    ("全国工商联金属材料商会秘书长刘志刚说", [("全国工商联金属材料商会", None, "title")]),
    ("秘鲁矿业与冶金研究中心(PMRC)资料显示", [("秘鲁矿业与冶金研究中心", None, "verb")]),
    ("海运煤炭网指数中心本周发布的电煤价格指数显示", [("海运煤炭网指数中心", "海运煤炭网", "verb")]),
    ("中国汽车工业协会的月度统计显示，客车销量下滑", [("中国汽车工业协会", None, "verb")]),
    ("9月2日，中国交通银行(601328)金融研究中心发布季度展望", [("交通银行(601328)金融研究中心", "交通银行", "verb")]),
    ("招商银行(600036)金融研究中心发布报告称", [("招商银行(600036)金融研究中心", "招商银行", "verb")]),  # code + unit
    ("华瑞银行（600999）研究院表示，信贷放缓", [("华瑞银行（600999）研究院", "华瑞银行研究院", "verb")]),  # unlisted
    ("本文作者来自华鑫期货研究所，观点仅供参考", [("华鑫期货研究所", "华鑫期货", "before")]),  # 来自 opens the name like 从
    ("美国劳工部周五公布的数据显示，失业率上升", [("美国劳工部", None, "verb")]),
    ("美国能源情报署(EIA)周报显示，原油库存下降", [("美国能源情报署", "美国能源信息署", "verb")]),
    ("SMM：下周铜价或承压\n", [("SMM", "上海有色网", "verb")]),
    ("据海关统计，前三季度进口铜精矿增加", [("海关", "海关总署", "before")]),
    ("根据焦煤指数机构KCX的数据，煤价反弹", [("KCX", None, "verb")]),  # a category noun before the name
    ("据铝锭现货交易平台“南方铝讯”提供的市场报告", [("南方铝讯", None, "verb")]),
    ("据湖南省环保厅3月5日披露，", [("湖南省环保厅", "湖南省环境保护厅", "before")]),
    ("福建省发布的前三季度数据显示", [("福建省", "福建省人民政府", "verb")]),
    ("赣州市发布的前三季度数据显示", [("赣州市", "赣州市人民政府", "verb")]),  # a city as well
    ("记者近日采访赣州市副市长王某", [("赣州市", "赣州市人民政府", "title")]),  # the region mention before the title
    ("据《华尔街日报》报道，铜价上涨", [("华尔街日报", None, "before")]),  # the marks around a paper's name
    ("英国《金融时报》周一报道称", [("金融时报", None, "verb")]),
    # a branch keeps its parent's full name (from the list's short names), + the branch as written
    ("中国涂料协会颜料行业分会副秘书长孙立平提醒记者", [("中国涂料协会颜料行业分会", "中国涂料工业协会颜料行业分会", "title")]),
    ("中电联燃料分会会长赵某对记者表示", [("中电联燃料分会", "中国电力企业联合会燃料分会", "title")]),
    ("宁波市模具行业协会注塑分会秘书长表示", [("宁波市模具行业协会注塑分会", None, "title")]),  # an unlisted parent
    # a branch written alone: the last association before it in its paragraph is its parent
    ("中电联近日召开年会，燃料分会发布的报告显示库存回升", [("中电联", "中国电力企业联合会", None),
                                       ("燃料分会", "中国电力企业联合会燃料分会", "verb")]),
    ("冷轧分会秘书长表示，需求回暖", []),  # no parent in the paragraph
    # a research unit of a company is an institution; the company is not
    ("青松集团战略研究院院长周某认为，煤价将回落", [("青松集团战略研究院", None, "title")]),
    ("青松集团销售公司经理表示", []),
    # a legal form between a company's name and its research unit; a company's research department
    ("中信建投期货有限公司研究发展部认为，库存将回升", [("中信建投期货有限公司研究发展部", "中信建投期货", "verb")]),
    ("青松集团有限公司战略研究部认为，煤价将回落", [("青松集团有限公司战略研究部", "青松集团战略研究部", "verb")]),
    # a name and its unit, longer than MAX_NAME before the ending; a clause after a name is no unit
    ("据青海省有色金属行业协会稀土专业委员会统计", [("青海省有色金属行业协会稀土专业委员会", None, "before")]),
    ("青海省冶金行业协会下属钢管分会发布的数据显示", [("青海省冶金行业协会", None, "verb"),
                                      ("钢管分会", "青海省冶金行业协会钢管分会", "verb")]),
    # a government body begins at the state or its place word, not at the clause before it
    ("该项目上周已获国家发改委核准", [("国家发改委", "国家发展和改革委员会", None)]),
    ("下月国家能源局和国家发改委将联合督查", [("国家能源局", None, None), ("国家发改委", "国家发展和改革委员会", None)]),
    ("今年宁波市钢铁协会表示，库存下降", [("宁波市钢铁协会", None, "verb")]),  # a time word opens the clause
    ("本周江苏省冶金行业协会数据显示", [("江苏省冶金行业协会", None, "verb")]),
    ("据咨询机构Wood Mackenzie统计", [("Wood Mackenzie", "伍德麦肯兹", "verb")]),  # a Latin name of two words
    ("据“光伏之家”网最新调查统计", [("“光伏之家”网", "光伏之家网", "before")]),  # the ending after the quotes
    ("据起诉方欧洲铝箔生产商联盟的统计", [("欧洲铝箔生产商联盟", None, "verb")]),  # begins at its place word
    ("国家能源局煤炭和电力司副司长王某透露", [("国家能源局", None, "title")]),  # a department's officer
    ("广西财政厅相关负责人表示", [("广西财政厅", None, "title")]),  # its full name comes from its region mention
    # not institutions
    ("该机构CEO表示", []),
    ("该机构AI模型测算，铜价将上涨", []),  # a technique the body uses, not its name
    ("该机构Ai测算", []),  # two letters of mixed case: no name
    ("有色金属工业协会统计，5月产量增长", [("有色金属工业协会", "中国有色金属工业协会", "verb")]),
    ("北京大学教授称", [("北京大学", None, "title")]),
    ("北京一期货公司分析师认为，上述期货公司的客户减少", []),
    ("期货公司分析师表示", []),
    ("某煤业集团经济研究院院长表示", []),  # a description, not a name
    ("笔者认为螺纹钢期货或将下跌。", []),
    ("上海期货交易所在锌期货交割规则方面作了调整。", [("上海期货交易所", None, None)]),
    ("公司年报显示，净利润增长", []),
    ("国家电网表示将加快建设", []),
    ("券商研究报告显示", []),
    ("日本每日新闻本周有报道称", [("每日新闻", None, "verb")]),  # listed; 日本…本周有报 is no name
    ("上海期货交易所的沪铝库存显示", [("上海期货交易所", None, "verb")]),
]
