"""What a forecast is about (`ex_forecasts`, see the docstring of
`extractor/pipelines/components/forecasts.py`): the subject between the clause start and its
marker or direction, taken as written (`normal_subject`: time words, connectives and 的 go;
places, 需求量, 山西省, 全省 stay as the text writes them: the subject convention of
corpora/README.md), and the fallbacks when a clause names none (the sentence's opening noun
phrase, the commodity named before a bare metric, the sector of the paragraph, the object held
up or eaten into). No spaCy: plain text and offsets."""

from __future__ import annotations

import re
from bisect import bisect_left
from itertools import chain
from functools import lru_cache

from extractor.gazetteers import word_class
from extractor.grammars.forecast_clause import (
    CLAUSE_SPLIT, DOWN, UP, CAUSE, INNER_CAUSE, Context, _ERODE, _ERODE_BEFORE, _ERODE_VERBS, _MORE,
    NO_SUPPORT, PREMISE, SUPPORTED, _UNDER, direction_of, first_direction, sentence_end,
    _clause_stops, sentence_start,
)
from extractor.grammars.forecast_market import (
    LIST_JOIN, SHARE, SUFFIX, TIME_ADVERB, _NP_BREAK, _NP_MODAL, _np_start,
)
from extractor.grammars.forecast_words import _alternation, _with_cues, forecast_cues, leading
from extractor.grammars.horizon import RELATIVE_DURATION, RELATIVE_PHRASE


LEAD_JUNK = re.compile(r"^[\s，,：:◆●■▲◇○□·\-—*“”\"]*(但|而|并|且|则|同时|此外|另外|目前|预计)?[\s，,]*"
                        # a premise without its comma (在此前提下今后三年…): no part of the subject
                        r"(?:在[^，,；;。]{0,12}?(?:前提|背景|情况|条件)下[\s，,]*)?")
SUBJ_END = re.compile(r"(料(?=为|将|在|会)|可(?=保持|达到?|望|能|以)|能够|(?:存在|面临|有)(?=[^，,；;。]{0,8}?(?:压力|风险|空间|可能))|面临|存在|应该|不会|很难|肯定|不排除|大概率|必然|难以|仍会|有可能|将会|将有|将出现|将进一步|将(?!近|军|其)|或将|或(?!者|许)|有望|预计|可能|(?<![机社学体协都委])会(?!议|计|员|上|谈|长)|由)")


_PREP_END = re.compile(r"(?:对于|对|从|在|就)\s*$")


def after_subject(text: str, cs: int, a_start: int) -> bool:
    """True when the anchor at `a_start` follows its clause's own subject (现货铜短期…), not a
    speaker or a topic (笔者认为，短期内…; 对于短期市场)."""
    lead = LEAD_JUNK.match(text, cs, a_start)
    start = lead.end() if lead else cs
    sv = SPEAKER_VERB.match(text, start, a_start)
    pre = text[sv.end() if sv else start : a_start]
    return bool(pre.strip()) and not _PREP_END.search(pre) and bool(SUBJECT_HEAD.search(pre))


_SUBJ_LEAD = re.compile(r"^(?:(?:同比|环比|相比|较)于?(?:去年|上年|前年)?(?:同期)?|[一二三四五六七八九十两]大|(?:我们)?(?:看一下|谈一下)|首先|其次|(?:在)?一定程度上?|来自|料|意味着|预示着|寄希望于?|指望|说明|表明|显示|使得|让|使|令|在|因此|所以|从而|而且|并且|尤其是|特别是|这将|这|其|则|也|还|仍|对于|随着|而|但|是)+")
# adverbs and particles a subject does not end with (铝行业整体利润同比继续, 矿价难以大幅, 大宗商品的)
_SUBJ_TAIL = re.compile(r"(?:(?:再|又)?蒙上?|过快|过度|较快|快速|来讲|来说|而言|情况|不断|一路|再度|跌势|涨势|高位|低位|的?局面|的?态势|同比|环比|继续|进一步|大幅|逐步|逐渐|开始|即将|持续|仍然|依然|也|还|仍|都|将|会|的|了)+$")
_SUBJ_OF = re.compile(r"(?<=[\u4e00-\u9fffA-Za-z0-9])的(?=[\u4e00-\u9fff])")


_DEGREE = _alternation(forecast_cues("degree"))  # 最大的, 较高: the adverb goes with its adjective
_SHARE_OF = re.compile(r"(?<=[\u4e00-\u9fff]{2})" + SHARE.pattern.rstrip("$") + "的")
_HIGH_LEVEL = re.compile(rf"(?<=[\u4e00-\u9fff]{{2}})(?:{_DEGREE})?[高低](?=(?:库存|成本|利润|价位)$)")


_WHOLE_WORDS = forecast_cues("whole_word")


def _cut_whole(pattern: re.Pattern, subject: str) -> str:
    """`subject` without the matches of `pattern` that start or end on a word boundary: a match
    cutting into a word of kind whole_word (提高, 创新高, 各地区) stays (企业提高成本)."""
    matches = list(pattern.finditer(subject))
    if not matches:
        return subject
    inside = {i for w in _WHOLE_WORDS for j in _find_all(subject, w) for i in range(j + 1, j + len(w))}
    out, last = [], 0
    for m in matches:
        if m.start() in inside or m.end() in inside:
            continue
        out.append(subject[last : m.start()])
        last = m.end()
    return "".join(out) + subject[last:]


def _find_all(text: str, word: str):
    j = text.find(word)
    while j >= 0:
        yield j
        j = text.find(word, j + 1)


_SUBJ_WHOLE = re.compile(r"整体|总体|全部|整个")  # 铝行业整体利润 -> 铝行业利润
_DESCRIPTIVE = re.compile(r"^[^的]*?(?:处于|位于|原本|本来|比较|较为|相对|十分|非常|已经|正在)[^的]{0,10}的(?=[\u4e00-\u9fffA-Za-z]{2})")
# sectors listed before the quantity (…等行业的铜需求): the quantity is the call's, the list its source
ENUMERATION = re.compile(r"^(中国|国内|全球|全国|海外|国外|欧美|美国|欧洲|日本|印度)?[^的]*?等等?(?:一些|多个|各|主要)?(?:行业|领域|部门|产业)")
# an expectation about a quantity or a price change is a call on it (营收预期乐观 -> 营收, 提价预期升温 -> 提价);
# an expected state stays (资源稀缺预期)
_EXPECTED = re.compile(r"(?<=调价|涨价|提价|降价|业绩|盈利|价格|需求|利润)预期$")
_TIME_ONLY = re.compile(TIME_ADVERB)
_DURATION_ONLY = re.compile(r"[几数若干两一二三四五六七八九十\d]+个?(?:年|月|周|季度)")  # 未来几年 cut after 未来


_METRIC_WORDS = _alternation(forecast_cues("market_noun"))
# two metrics of one owner joined (需求及价格, 产量和库存)
_NOUN_PAIR = re.compile(rf"^(.*?(?:{_METRIC_WORDS}))[及和与、](?:{_METRIC_WORDS})$")


_PAIR_TAIL = re.compile(rf"(?P<a>{_METRIC_WORDS})[及和与、](?P<b>{_METRIC_WORDS})(?=[也还仍都均将会可能或有望预计进一步继续持续逐步\s]*$)")


def paired_metric(words: str, subject: str) -> str | None:
    """The second call of a clause whose subject joins two metrics of one owner (国内镍需求及价格
    仍有望反弹 with subject 国内镍需求 -> 国内镍价格), else None; `words` run from the clause's
    subject start to its direction cue."""
    m = _PAIR_TAIL.search(words)
    if not m or not subject.endswith(m.group("a")) or m.group("a") == m.group("b"):
        return None
    return subject[: len(subject) - len(m.group("a"))] + m.group("b")


_MOVED_BEFORE = re.compile(r"^.*[涨跌降升]\S{0,2}的(?!风险|可能|概率|压力|空间|趋势)")
_QUOTE_MARKS = re.compile(r"[“”\"‘’]")


def normal_subject(subject: str) -> str | None:
    """A short subject as written: connectives dropped (因此铝材需求增速 -> 铝材需求增速), the
    connective 的 between nouns dropped (炼焦煤的需求 -> 炼焦煤需求); no word is changed or
    supplied (需求量, 山西省, 全省, 某国地区 stay)."""
    if "：" in subject:  # 出口：在…, 化工：成本…: a topic label and the clause's own words
        subject = max(subject.split("："), key=lambda p: (bool(SUBJECT_HEAD.search(p)), len(p)))
    subject = _MOVED_BEFORE.sub("", subject) or subject  # 连续回落的硅料价格 -> 硅料价格
    # a descriptive clause before 的 qualifies the head (处于消费旺季的锌价 -> 锌价,
    # 本来就十分冷清的铝市成交 -> 铝市成交)
    subject = _DESCRIPTIVE.sub("", subject) or subject
    if "了" in subject[:-1]:
        return None  # 抵消了需求: a predicate, not a subject
    subject = _SHARE_OF.sub("", subject)  # 电池约三成的市场空间 -> 电池市场空间
    out = _SUBJ_OF.sub("", _SUBJ_TAIL.sub("", _SUBJ_LEAD.sub("", _QUOTE_MARKS.sub("", subject)))).strip()
    out = _cut_whole(_HIGH_LEVEL, out)  # 企业高成本 -> 企业成本: a level's adjective before the market noun
    out = _SUBJ_WHOLE.sub("", out) if len(_SUBJ_WHOLE.sub("", out)) >= 2 else out
    out = ENUMERATION.sub(r"\1", out)  # 中国家电、汽车等行业铝需求 -> 中国铝需求
    out = _EXPECTED.sub("", out)  # 成品油调价预期 -> 成品油调价: the expectation is the call
    out = _NOUN_PAIR.sub(r"\1", out)  # 国内镍需求及价格 -> 国内镍需求: two metrics of one owner, the first names the call
    if _TIME_ONLY.fullmatch(out) or _DURATION_ONLY.fullmatch(out) or out[:1] in ("的", "了"):
        return None  # 后期可能会随时调整: a time, not a subject
    return out if len(out) >= 2 else None


# a call is about a market quantity: a price, volume, cost, profit, stock or market (the market nouns
# and the subject_head words of data/forecast_cues.tsv, less subject_head_not; the commodities of
# report_cues.tsv kind forecast_subject). Only searched for: the order of the words does not matter.
SUBJECT_HEAD = _with_cues("forecast_subject", _alternation(
    ({*forecast_cues("market_noun"), *forecast_cues("subject_head")} - forecast_cues("subject_head_not").keys())))


def speaker_patterns() -> tuple[re.Pattern, re.Pattern]:
    """Who speaks and the forecasting or speech verb before the call (我们预计, 分析师认为,
    邱跃成预计: classes forecast_verb and speech_verb of data/word_classes.tsv): SPEAKER_VERB opens
    a clause with them, _SPEAKER_END ends a text with one. A verb right after 来 is no speech
    (对企业来说, 用X来表示)."""
    verb = rf"(?<!来)(?:{_alternation({*word_class('forecast_verb'), *word_class('speech_verb')})})"
    return re.compile(rf"[^，,。；;]{{0,12}}?{verb}"), re.compile(rf"{verb}\s*$")


SPEAKER_VERB, _SPEAKER_END = speaker_patterns()


# a subject that is only a metric (价格, 需求) takes the commodity named last before it
BARE = re.compile(r"价格|价|(?:内外|国内外|期现)?价差|需求|供应|供给|产量|成本|利润|盈利|毛利率?|库存|消费|进口|出口|供过于求")


# a paragraph opening with a short topic label (水泥：…, 化工：…) is about that topic
_TOPIC_LABEL = re.compile(r"\s*([\u4e00-\u9fff]{1,4})[：:]")


_EITHER = re.compile(r"^无论是?(?P<a>.+?)还是(?P<b>.+)$")


def _either(raw: str) -> str:
    """无论是民用电还是工业用电价格 -> 用电价格: what both alternatives share, with the metric."""
    m = _EITHER.match(raw)
    if not m:
        return raw
    a, b = m.group("a").rstrip("的"), m.group("b")
    metric = METRIC_NOUN.search(b)
    stem = b[: metric.start()].rstrip("的") if metric else b
    k = 0
    while k < min(len(a), len(stem)) and a[-1 - k] == stem[-1 - k]:
        k += 1
    shared = stem[len(stem) - k :] if k >= 2 else stem
    return shared + (b[metric.start() :] if metric else "")


# a sector word with no sector (行业整体的利润) and a province named as 全省
_SECTOR = re.compile(r"([\u4e00-\u9fff]{2})(?=行业)")


def owner_of(text: str, ctx: "Context", pos: int, subject: str) -> str:
    """A subject opening with 行业 takes the sector named last before it in its paragraph
    (铝行业利润微薄，…，行业整体的利润… -> 铝行业利润); a demonstrative before 行业 / 产业 goes
    and no sector is supplied for it (该产业的市场规模 -> 产业市场规模); 全省 stays as written."""
    para = ctx.units.paragraph(pos)
    lo = para[0] if para else sentence_start(text, pos)
    if subject.startswith("行业"):
        sectors = _SECTOR.findall(text, lo, pos)
        return sectors[-1] + subject if sectors else subject
    named = _THIS_SECTOR.match(subject)
    if named and named.group(1):
        # 该产业的市场规模 -> 产业市场规模: the demonstrative goes, the sector it stands for is not
        # supplied (subjects as written, corpora/README.md)
        return normal_subject(named.group(1) + subject[named.end() :]) or subject
    return subject


_THIS_SECTOR = re.compile(r"(?:该|这一|这个|此|本)(行业|产业)|(产业)")




def with_commodity(text: str, ctx: "Context", pos: int, subject: str) -> str:
    """价格 -> 废铜价格: the last commodity mentioned before `pos` in its sentence, else its
    paragraph (none: the bare metric stays)."""
    ss = sentence_start(text, pos)
    # the line start from the line breaks found once (an rfind per call read a long line back)
    line = ctx.units.newlines.last(0, pos)
    label = _TOPIC_LABEL.match(text, line + 1)
    if label:
        # 玻璃：需求前景不佳 -> 玻璃需求; a label that is the metric itself stays one (出口：… -> 出口)
        return label.group(1) + subject if not label.group(1).endswith(subject) else label.group(1)
    para = ctx.units.paragraph(pos)
    for lo in (ss, para[0] if para else ss):
        for m in ctx.minerals.backwards(lo, pos):
            name = text[m.start : m.end]
            return name + ("价" if subject == "价格" and len(name) == 1 else subject)  # 铅 + 价格 -> 铅价
    return subject


# time expressions anywhere in a subject (铝材市场明年 -> 铝材市场, 主要铝厂9月份出厂价格)
_TIME_ANY = re.compile(r"(?:[“‘]?十[一二三四五六]五[”’]?(?:规划中|规划|期间|末|时期)?|(?:19|20)\d{2}\s*(?:年?\s*[~～\-—－至到]\s*(?:19|20)?\d{2,4}\s*)?年(?:全年|度)?|(?:今年|明年|来年)?(?:下半年|上半年|年内|年底)|今年|明年|来年"
                       r"|第?[一二三四1-4]季度|(?<!\d)(?:1[0-2]|[1-9])月份?|本周|下周|本月|下月|每年的?|每月的?|" + RELATIVE_DURATION.pattern + "|" + RELATIVE_PHRASE.pattern
                       + r"|全年|中长期|中短期|短中期|短期内|短时间内|短期|中期|长期|远期|近期|后期|后市|后续|今后|以后|未来一段时间|未来|届时)"
                       r"(?:来看|而言|看)?")


# a scenario clause (按照2020年…的5%): its time is the premise's, not the call's
_SCENARIO = re.compile(r"^\s*(?:按照|根据|依照|依据|按|假设|假定)")


def carried_horizon(text: str, cs: int, ctx: "Context") -> str:
    """The horizon a call at `cs` without a time of its own carries over from the sentence
    before it in its paragraph: the horizon of that sentence's last call, when the call's own
    sentence names no time (到2030年全球产量将达到X。从结构看，海外占比将上升到Y。 -> long twice)."""
    ss = sentence_start(text, cs)
    para = ctx.units.paragraph(cs)
    if para is None or ss <= para[0] or _names_time(text, ss):
        return "unspecified"
    return ctx.last_horizon.get(sentence_start(text, ss - 1), "unspecified")


_EVERY_PERIOD = re.compile(r"每[年月]")


@lru_cache(maxsize=4096)
def _names_time(text: str, ss: int) -> bool:
    """True when a clause of the sentence starting at `ss` that is no scenario names a time
    (read once per sentence)."""
    own = CLAUSE_SPLIT.split(text[ss : sentence_end(text, ss)])
    return any(_TIME_ANY.search(_EVERY_PERIOD.sub("", p)) for p in own if not _SCENARIO.match(p))  # 每年: a rate, no time


def strip_time(subject: str) -> str:
    return _TIME_ANY.sub("", subject).strip(" ，,：:") 


# the quantity a call is about, when it follows its verb (新增供应, 增加产量)
METRIC_NOUN = re.compile(r"供应|需求|产量|产能|库存|进口|出口|消费|成本|利润|价格")


class _SentenceNouns:
    """The whole clauses of one sentence (each ending at a clause mark) and the noun phrase that
    opens each (`_clause_noun`), read once and in order as calls ask for them; with, per clause,
    the last non-blank clause and the last clause with a noun up to it."""

    def __init__(self, text: str, ss: int) -> None:
        self.text, self.ss = text, ss
        self.stops = _clause_stops(text)
        self.k0 = bisect_left(self.stops, ss)
        self.nouns: list[str | None] = []
        self.last_nonblank: list[int] = []
        self.last_noun: list[int] = []

    def upto(self, n: int) -> None:
        """Read the first `n` whole clauses."""
        stops, text = self.stops, self.text
        for i in range(len(self.nouns), n):
            start = stops[self.k0 + i - 1] + 1 if i else self.ss
            end = stops[self.k0 + i]
            blank = not text[start:end].strip()
            noun = None if blank else _clause_noun(text, start, end)
            self.nouns.append(noun)
            self.last_nonblank.append(self.last_nonblank[-1] if blank and i else (-1 if blank else i))
            self.last_noun.append(i if noun else (self.last_noun[-1] if i else -1))


@lru_cache(maxsize=64)
def _sentence_nouns(text: str, ss: int) -> _SentenceNouns:
    return _SentenceNouns(text, ss)


def opening_subject(text: str, ss: int, cs: int, nearest: bool = False) -> str | None:
    """The noun phrase that opens the nearest earlier clause of the sentence naming a market
    quantity (国际铜价很难持续大跌，有反弹的可能 -> 国际铜价); `nearest`: of the nearest
    earlier clause only. The pieces of CLAUSE_SPLIT.split(text[ss:cs]) read from the clause
    marks found once per text, the whole clauses' nouns once per sentence (a split and a walk
    back over every earlier clause per call were quadratic on a long sentence)."""
    sentence = _sentence_nouns(text, ss)
    n = bisect_left(sentence.stops, cs) - sentence.k0  # whole clauses before cs
    last = sentence.stops[sentence.k0 + n - 1] + 1 if n else ss  # the piece running to cs
    if text[last:cs].strip():
        cand = _clause_noun(text, last, cs)
        if cand or nearest:
            return cand
    if not n:
        return None
    sentence.upto(n)
    j = (sentence.last_nonblank if nearest else sentence.last_noun)[n - 1]
    return sentence.nouns[j] if j >= 0 else None


def _opening_subject_by_split(text: str, ss: int, cs: int, nearest: bool = False) -> str | None:
    """`opening_subject` as a split of the sentence so far and a walk back (the tests' reference)."""
    bounds, pos = [], ss
    for part in CLAUSE_SPLIT.split(text[ss:cs]):
        bounds.append((pos, pos + len(part)))
        pos += len(part) + 1
    bounds = [b for b in bounds if text[b[0] : b[1]].strip()]
    for start, end in reversed(bounds[-1:] if nearest else bounds):
        cand = _clause_noun(text, start, min(end, cs))
        if cand:
            return cand
    return None


_FOR_WORDS = re.compile(r"^(?:对于|对)|来说$")


def _clause_noun(text: str, start: int, end: int) -> str | None:
    if _SPEAKER_END.search(text[start:end]) or PREMISE.match(text[start:end]):
        return None  # 某协会的一位专家预计，…: who speaks, not what about; 在…之前: a premise
    lead = LEAD_JUNK.match(text, start, end)
    start = lead.end() if lead else start
    sv = SPEAKER_VERB.match(text, start, end)
    if sv and sv.end() < first_direction(text, start, end):
        start = sv.end()
    under = _UNDER.search(text, start, end)
    end = under.start() if under else end  # 国内铝价在多重因素影响下: the circumstance is no part of it
    verb = SUBJ_END.search(text, start, end)
    cause = CAUSE.search(text, start, end)
    stop = min(first_direction(text, start, end), verb.start() if verb else end, cause.start() if cause else end)
    if stop <= start:
        return None
    raw = _FOR_WORDS.sub("", text[start:stop].strip())
    raw = _either(raw)  # 无论是民用电还是工业用电价格 -> 用电价格
    cand = normal_subject(strip_time(raw)) if raw else None
    return cand if cand and SUBJECT_HEAD.search(cand) and len(cand) <= 12 else None


_SECTOR_OWNER = re.compile(r"^[\u4e00-\u9fff]{1,8}?(?:行业|企业|市场|板块)")


def support_object(text: str, start: int, end: int) -> tuple[str, str] | None:
    """(subject, direction) of a clause about what holds a quantity up, else None."""
    m = NO_SUPPORT.search(text, start, end) or _ERODE.search(text, start, end)
    if m and m.group(0)[-2:] in _ERODE_VERBS and _ERODE_BEFORE.search(text, start, m.end()):
        m = _ERODE_BEFORE.search(text, start, m.end())  # 原料涨价对其利润的侵蚀: the object is before
        raw, direction = m.group(1), "down"
    elif m:
        stop = first_direction(text, m.end(), end)
        raw, direction = text[m.end() : stop], "down"
    else:
        m = SUPPORTED.search(text, start, end)
        if not m:
            return None
        tail = text[m.end() : end]
        raw = text[m.start(1) : first_direction(text, m.start(1), m.end(1))]  # 为铝价的继续上涨提供…支撑 -> 铝价
        direction = "down" if DOWN.search(tail) and not UP.search(tail) else "up"
    raw = _MORE.sub("", raw.strip().rstrip("的"))
    if raw.startswith("其"):
        # 其 stands for the clause's own subject: its noun phrase up to the sector word
        owner = _SECTOR_OWNER.match(text[start : m.start()])
        raw = (owner.group(0) if owner else "") + raw[1:]
    obj = normal_subject(strip_time(raw))
    return (obj, direction) if obj and SUBJECT_HEAD.search(obj) else None


# ---- subjects from market-quantity mentions (grammars/forecast_market) -----------------------


_PRICE_CUE = re.compile(_alternation(forecast_cues("price_move")))
_TRANSITIVE_CUE = re.compile(_alternation(forecast_cues("transitive")))
_MENTION_LEAD = re.compile(rf"^(?:{TIME_ADVERB}|同时|而且|并且|而|但|也|还|仍)+")


def _mention_text(text: str, ctx: "Context", q) -> str | None:
    """The subject a market-quantity mention names: its surface without time words and
    connectives; a bare noun takes the commodity named before (价格 -> 铁矿石价格)."""
    subject = _MENTION_LEAD.sub("", strip_time(q.subject)) or None
    if subject and not q.commodity:
        subject = with_commodity(text, ctx, q.start, subject)
    return normal_subject(subject) if subject else None


def mention_subject(text: str, ctx: "Context", start: int, dm: int, ce: int, earlier: bool = True) -> str | None:
    """The market quantity a call at direction cue `dm` in the clause text[start:ce] is about:
    the mention nearest before the cue (the object of a transitive cue is `transitive_object`'s); a move only prices make (回落, 回调, 看涨) takes
      the nearest price or market mention, in the clause or earlier in its sentence (螺纹钢价升至
      高位 需求偏弱恐将回落 -> 螺纹钢价), and none when there is no such mention;
    (`earlier`: a price move may take a price mention earlier in the sentence)."""
    market = ctx.market
    cause = INNER_CAUSE.search(text, start, ce)
    if cause:
        dm = max(dm, first_direction(text, cause.end(), ce))  # 因为电价上涨而不得不提价: the move after the cause
    price = bool(_PRICE_CUE.search(text, dm, min(ce, dm + 4)))
    causative = [m.end() for m in _CAUSATIVE_IN.finditer(text, start, max(dm, start))]
    lo = causative[-1] if causative else start  # 订单的减少让冶炼厂开始减产: what is made to move comes after 让
    before = [q for q in market.overlapping(lo, max(dm, start)) if q.end <= max(dm, start) and q.start >= lo - 1]
    ss = sentence_start(text, start)
    # the mentions earlier in the sentence, last first, read lazily (listed per call they grew
    # with the sentence)
    prior = market.backwards(ss, start) if earlier and price else iter(())
    candidates = chain(reversed(before), prior) if not causative or before else iter(())
    first = next((q for q in candidates if q.priced or not price), None)
    if price and first is None:
        # 对于以铜材为原料的阀门行业，也可能被迫提价: the price of the sector named before
        sector = industry_before(text, ss, start)
        return sector + "价格" if sector else None
    return _mention_text(text, ctx, first) if first is not None else None


_CAUSATIVE_IN = re.compile(r"(?<![即假促迫致转出退谦])(?:使得|使|令|让)(?!用|命|人|其|得以|步|利)")
_SECTOR_WORD = re.compile(r"行业|产业")


@lru_cache(maxsize=2)
def _sector_words(text: str) -> list[int]:
    """Starts of the _SECTOR_WORD matches of `text` (two-character words that cannot overlap)."""
    return [m.start() for m in _SECTOR_WORD.finditer(text)]


def industry_before(text: str, lo: int, hi: int) -> str | None:
    """The sector named last in text[lo:hi]: the noun phrase before its 行业 / 产业 (以铝材为原料的
    门窗行业 -> 门窗), else None. The phrase is read by the market grammar's bounded walk."""
    found = _sector_words(text)  # found once per text (a scan of text[lo:hi] per call grew with the sentence)
    for pos in reversed(found[bisect_left(found, lo) : bisect_left(found, hi - 1)]):
        k = _np_start(text, pos, lo, cross=False)
        if pos - k >= 2:
            return text[k:pos]
    return None



def transitive_object(text: str, ctx: "Context", start: int, ce: int) -> str | None:
    """The market quantity after a transitive direction cue of the clause (推高铝材价格,
    引起电解铜产量的回落, 拉动…硫酸镍需求, 推动头部企业盈利能力提高), else None."""
    tv = _TRANSITIVE_CUE.search(text, start, ce)
    after = ctx.market.within(tv.end(), ce) if tv else []
    return _mention_text(text, ctx, after[0]) if after else None


def _predicate_words(subject: str) -> bool:
    """True when `subject` holds a particle, adverb or modal character outside a word of the data."""
    words = forecast_cues("np_word")
    for k, ch in enumerate(subject):
        if ch in _NP_BREAK and ch != "、":
            return True
        if ch in _NP_MODAL and subject[max(0, k - 1) : k + 1] not in words and subject[k : k + 2] not in words:
            return True
    return False


_TIME_CLAUSE_END = re.compile(r"(?:之?后|以后|之前|以前|之时)$")
_BALANCE_END = re.compile(r"(?:供过于求|供不应求|总?供[给应]大于总?需求?)$")


def well_formed(subject: str | None, ctx: "Context", lo: int, hi: int) -> bool:
    """True when `subject` reads as a market quantity: it holds the subject of a mention of
    text[lo:hi] with at most a short affix free of particles and adverbs (铜价中枢, 国内主流钢厂
    出厂价格), or it names no market noun at all (a commodity alone: 伦铜, 板材). A cut string
    (价格很, 需求不稳又见) is not."""
    if not subject:
        return False
    found = ctx.market.overlapping(lo, hi)
    names = {q.subject for q in found} | {normal_subject(strip_time(q.subject)) for q in found}
    names.discard(None)
    for q in found:
        prefix = subject.split(q.subject)[0] if q.subject in subject else ""
        if q.mineral and prefix in ("上游", "中游", "下游"):
            return False  # 上游某材料市场: the chain position is no part of the quantity (the mention is)
        if q.mineral and len(prefix) > 2 and not prefix.endswith("、"):
            return False  # 不锈钢主要原料镍铁现货价格: words before the commodity's own mention
    if _TIME_CLAUSE_END.search(subject):
        return False  # 某石化企业进入中东后: a time clause, not a quantity
    balance = _BALANCE_END.search(subject)
    if balance:  # 精炼铅供过于求: the market's balance
        return not any(ch in _NP_BREAK and ch != "、" for ch in subject[: balance.start()])
    if not any(n in subject for n in names) and _predicate_words(subject):
        return False  # 如今已变得一致, 以铜材为原料的线缆行业: no market noun and a predicate's words
    if not names:
        return True
    held = False
    for name in sorted(names, key=len, reverse=True):
        k = subject.find(name)
        if k < 0:
            continue
        held = True
        prefix, suffix = subject[:k], subject[k + len(name):]
        if (len(subject) <= 14 and not any(ch in _NP_BREAK and ch != "、" for ch in prefix)
                and (not suffix or SUFFIX.fullmatch(suffix))):
            return True
    return not held


def commodity_list(text: str, ctx: "Context", lo: int, hi: int) -> str | None:
    """The run of two or more mineral mentions joined by 、/和/与/及 that ends text[lo:hi] (modals
    and adverbs after it aside: 铝和锌有望, 铜、铅与锌或将), else None."""
    run = []
    for m in ctx.minerals.backwards(lo, hi):
        if not run:
            if _predicate_tail(text[m.end : hi]):
                return None
        elif not (m.end + 1 == run[-1].start and text[m.end] in LIST_JOIN):
            break
        run.append(m)
    return text[run[-1].start : run[0].end] if len(run) >= 2 else None


_MODAL_CHARS = re.compile(r"[也还仍都再又均将会可能或有望进一步继续逐步]")


def _predicate_tail(words: str) -> bool:
    """True when `words` (between a subject and its direction cue) hold a noun, not only modals,
    adverbs and time words (有望, 或将, 短期内仍将)."""
    rest = SUBJ_END.sub("", strip_time(words))
    return bool(_MODAL_CHARS.sub("", rest).strip())


_VIEW_CUE = re.compile(_alternation(forecast_cues("view")))


# a subject that only says where (我国将新增…装机容量): the quantity after the verb is the call's
_PLACE_ONLY = re.compile(r"(?:我国|中国|国内|全国|全球|世界|海外|国外)")


def place_object(text: str, ctx: "Context", subject: str | None, dm: int, ce: int) -> str | None:
    """The market quantity after the direction cue at `dm`, with the place, when the clause's
    subject is only a place (我国将新增风电装机容量 -> 我国风电装机容量), else None."""
    if not subject or not _PLACE_ONLY.fullmatch(subject):
        return None
    after = [q for q in ctx.market.within(dm, ce) if q.start >= dm]
    named = _mention_text(text, ctx, after[0]) if after else None
    # the place stays with the quantity, as the text writes the two (我国…风电装机容量 -> 我国风电装机容量)
    return subject + named if named and not named.startswith(subject) else named


def resolve_subject(text: str, ctx: "Context", subject: str | None, start: int, dm: int, ce: int) -> str | None:
    """The subject of the call whose clause is text[start:ce] and whose direction cue is at `dm`,
    given the string the clause grammar read (`subject`, maybe None):
    - the object of a transitive cue wins (进而…推高铝材价格 -> 铝材价格);
    - a string that does not read as a market quantity (`well_formed`) is replaced by the
      mention `mention_subject` finds, else dropped (价格很 -> 铁矿石价格); a view verb on a
      commodity or product alone (卫浴五金或看涨) keeps it as written, no 价格 added."""
    obj = transitive_object(text, ctx, start, ce)
    if obj:
        return obj
    listed = commodity_list(text, ctx, start, dm)
    if listed and (not subject or subject.endswith(listed)):
        # 铝和锌有望反弹: a list of commodity mentions is the subject; a move only prices make is on their price
        price = _PRICE_CUE.match(text, dm) or _VIEW_CUE.match(text, dm)
        return listed + ("价格" if price else "")
    if not well_formed(subject, ctx, start, ce):
        # a call with no subject at all only takes a mention of its own clause
        subject = mention_subject(text, ctx, start, dm, ce, earlier=bool(subject))
    return subject


# a demonstrative and a trend noun (data kind trend) that a continuation verb (kind continue)
# carries on: the call continues the previous clause's move (这种趋势…持续, 该态势仍将延续, 此轮涨势…维持)
_DEMONSTRATIVE = r"(?:这种|这一|这个|这样的|这轮|此轮|此|该|上述)"
_TREND = re.compile(_DEMONSTRATIVE + r"[\u4e00-\u9fff]{0,2}?(?:" + _alternation(forecast_cues("trend"))
                    + r")[^，,；;。]{0,8}?(?:" + _alternation(forecast_cues("continue")) + ")")


def trend_anaphor(text: str, ctx: "Context", cs: int, ce: int) -> tuple[str, str] | None:
    """(subject, direction) of a clause that continues the move of the clause before it
    (冶炼成本不断上升，这种趋势明年将延续 -> 冶炼成本, up), else None."""
    if not _TREND.search(text, cs, ce):
        return None
    ss = sentence_start(text, cs)
    pe = cs - 1
    ps = max([ss, *(m.end() for m in CLAUSE_SPLIT.finditer(text, ss, pe))])
    direction = direction_of(text[ps:pe])
    if direction is None:
        return None
    dm = first_direction(text, ps, pe)
    moved = [q for q in ctx.market.overlapping(ps, dm) if q.end <= dm]
    subject = _mention_text(text, ctx, moved[-1]) if moved else None
    return (subject, direction) if subject else None


# searched in every subject read: opened with a look-ahead on their first characters
# (`forecast_words.leading`), after every pattern built from their `.pattern`
_TIME_ANY, _SUBJ_TAIL, SUBJ_END = map(leading, (_TIME_ANY, _SUBJ_TAIL, SUBJ_END))
