"""The clause grammar of `ex_forecasts` (`extractor/pipelines/components/forecasts.py`, whose
docstring describes the whole reading): forward markers and directions (UP / DOWN / FLAT, words
added from `data/report_cues.tsv`) and `direction_of`; the horizon anchors of a text (`horizon_anchors`,
mapping in `grammars/horizon.py`); the tests a clause passes or fails (condition, premise, news,
advice, a state reached …); the per-call `Context`. No spaCy: plain text and offsets."""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import lru_cache
from typing import NamedTuple

from extractor.gazetteers import word_class
from extractor.grammars.horizon import (
    HORIZON_WORDS, RELATIVE_DURATION, calendar_horizon, ended, months_to_horizon, relative_horizon,
)
from extractor.grammars.numerals import cn_int
from extractor.grammars.forecast_words import (
    DOWN, FLAT, UP, _GUARD, _alternation, forecast_cues, leading,
)
from extractor.grammars.institutions import cues
from extractor.grammars.text_units import ByStart, CharIndex, Intervals


# a mood, not a quantity (看涨心态, 市场情绪): a view verb before it is no call, a subject ending with it no subject
_SENTIMENT_WORDS = "分歧|情绪|信心|心态|心理|气氛|氛围"


# the analyst's buckets (短期：…, 中长期看 …): the label covers its paragraph, inline the sentence
# 中期 after a year is the interim period (今年中期营收), not a horizon
HORIZON = re.compile(r"(?P<h>中长期|中短期|短中期|短期|(?<![年度])中期(?!业绩|净利|利润|报告|财报|分红|票据|选举)|(?<![增成生])长期|远期|短时间)(?P<inner>内|来看|而言|看|范围内)?(?P<label>[：:])?")
HMAP = HORIZON_WORDS
# relative horizons (未来一个季度, 未来三到五年 …): forward-looking by themselves, inline anchors
RELATIVE = re.compile(RELATIVE_DURATION.pattern + r"(?:来看|而言|看)?")
# calendar horizons that are always ahead of the report (明年, 年内, 下半年): anchors too, but
# every clause of their scope needs a forward marker (下半年产量增长5% may be a retrospective)
CALENDAR = re.compile(r"(?<![去前上当近多半一二两三四五六七八九十\d年])(?:明年|来年|(?:今年)?(?:年内|年底前|下半年|全年))(?!以来|开始|起)(?:来看|而言|看)?"
                      # a five-year plan's period (“十二五”期间): resolved against the report's year
                      r"|[“\"]?十[一二三四五六]五[”\"]?(?:期间|时期|末|末期)")
# 将近 is "nearly" before an amount (将近三成); 将近一步 is 将 + a slip for 进一步
# a forecast revised (收入预测均被调低): the words before it name what is forecast
REVISED = re.compile(r"(?:预测|预期)[均都也已]?被?(?:下调|上调|调低|调高)")
FORWARD = re.compile(r"预计|有望|或将|将会|将有|将出现|将进一步|将(?!近(?!一步)|军|其)|或(?!者|许|多)|可能|料将|(?<![机社学体])会(?!议|计|员|上|谈)"
                     r"|难改|难以扭转|难以改变|难以逆转|(?:未能|无法|不能)(?:改变|扭转)"
                     # a trend judged settled (回落趋势已经形成)
                     r"|(?:趋势|态势|格局)已(?:经)?(?:确定|确立|形成|明朗)"
                     # … or growing clearer (下跌趋势更加明显, 上行态势日益明朗)
                     r"|(?:趋势|态势)性?(?:更加|愈发|越发|日益|愈加|更为)(?:明显|明朗|清晰)"
                     # a prospect stated as a noun: 存在回调压力, 有继续走低的空间, 有反弹的可能
                     r"|(?:存在|面临|(?<![没不])有)[^，,；;。]{0,8}?(?:压力|风险|空间|可能)"
                     + "".join("|" + _GUARD.get(w, ("", ""))[0] + re.escape(w) + _GUARD.get(w, ("", ""))[1]
                             for w in sorted({*cues("forecast_forward"), *forecast_cues("forward")}, key=len, reverse=True))
                     # a view verb (看涨, 看跌) is a call unless negated or a modifier (被看涨的品种)
                     + "|(?<![不未极])(?:" + "|".join(map(re.escape, forecast_cues("view"))) + ")(?!的|" + _SENTIMENT_WORDS + "|期权|头寸|仓位)"
                     # a forecast revised (收入预测均被调低, 产量预期被调高): a call on what is forecast
                     + "|" + REVISED.pattern)
# 过剩格局难改, 远未能改变…过剩的态势: the state persists
PERSIST = re.compile(r"难改|难以扭转|难以改变|难以逆转|(?:未能|无法|不能)(?:改变|扭转)")
APPROX_ZERO = re.compile(r"≈\s*0(?![\d.])")
TRANSITIVE = re.compile(r"(凸显|强化|推动|加剧|加速|提升|抬升|支撑)(了)?")
# a clause that names its own period (…；2026年全年国内稀土开采指标增速或放缓) within a relative
# or unspecified scope takes that period's horizon
CLAUSE_TIME = re.compile(r"^\s*(?:(?:19|20)\d{2}\s*年(?:全年|度)?|明年|今年|下半年|年内|[一二三四]季度)")
# the base of a comparison names no period of the call (同比去年将增长15%)
COMPARE_BASE = re.compile(r"(?:同比|相比|较|比)于?(?:去年|上年|前年)(?:同期)?|(?:去年|上年)同期")
# a calendar time inside a clause's own subject words (硅料今年价格, 铜下半年需求)
OWN_TIME = re.compile(r"今年|明年|下半年|年内|[一二三四]季度")
CLAUSE_SPLIT = re.compile(r"[，,；;。！？!?]")
# in a headline (a line without clause punctuation) a space separates two phrases too
# (废铜有价无市 价格面临调整)
HEADLINE_SPLIT = re.compile(r"[ \u3000]+(?=[\u4e00-\u9fff“])")


def direction_of(clause: str) -> str | None:
    # 铜价下行的风险将加大: the likelier move governs, not the growing risk
    if any(w in clause for w in _LIKELIER_WORDS):
        clause = _LIKELIER.sub(r"\1", clause)
    clause = clause.replace("负增长", "下降")
    if NO_CHANGE.search(clause):
        return "flat"  # 锌价不会有太大波动, 并不会令成本发生显著变化: no marked move ahead
    if GAP_GROWS.search(clause):
        return "up"  # 电煤供需矛盾将更加尖锐
    era = LEVEL_ERA.search(clause)
    if era:
        return "up" if era.group("lvl") == "高" else "down"  # 进入高价格阶段
    if LACK.search(clause) or FLOOR.search(clause):
        return "flat"  # 铝价上涨缺乏基础, 螺纹钢的底部支撑依然有效: no footing for a move, a floor
    back = NOT_BACK.search(clause)
    if back:
        return "down" if back.group(1) == "高" else "up"  # 不会回到去年的高位: it stays lower
    f = FLAT.search(clause)
    if f:
        tail = clause[f.end():]
        if UP.search(tail) and not DOWN.search(tail):
            return "up"  # 震荡偏强
        if DOWN.search(tail) and not UP.search(tail):
            return "down"
        return "flat"
    u, d = UP.search(clause), DOWN.search(clause)
    if not (u or d):
        goes_on = LEVEL_GOES_ON.search(clause)
        return ("up" if goes_on.group("lvl") == "高" else "down") if goes_on else None
    if u and d:
        return "up" if u.start() > d.start() else "down"  # the last verb governs
    if u:
        return "up"
    if d:
        return "down"
    return None


# a move without a footing: 铝价上涨缺乏基础 (flat, and a judgment on what is ahead)
# a move unrealistic or hindered: 锌价马上反弹不太现实, 供给难以恢复 (flat, a judgment too)
LACK = re.compile(r"(?:上行|上涨|反弹|回升|下跌|下行|回落)(?:缺乏|缺少|没有|失去)[^，,；;。]{0,6}?(?:基础|动力|支撑)"
                   r"|(?:上涨|上行|反弹|回升|下跌|下降|回落)[^，,；;。]{0,4}?不(?:太|大)?现实"
                   r"|难以(?:恢复|回升|反弹|看到)"
                   # the room for a move is small: 铅价上涨空间有限 (flat, a judgment on what is ahead)
                   r"|(?:上涨|上行|反弹|回升|下跌|下行|回落|下降)空间[^，,；;。]{0,4}?有限")
# a marked change denied (锌价不会有太大波动, 并不会在短期内令成本发生显著变化): flat, a
# judgment on what is ahead; group m is the change itself (where the move is read)
NO_CHANGE = re.compile(r"(?:不会|不致|不至于|难以|难|不)[^，,；;。]{0,16}?(?P<m>(?:发生|出现|有)(?:太大|很大|较大|大幅|明显|显著|剧烈|大)的?(?:波动|变化|变动|起伏))")
# an era of a level entered (电厂进入高价格阶段, 冶炼厂进入低利润阶段): a call on the market
# quantity named, up for 高, down for 低; the owner is the words before the verb
LEVEL_ERA = re.compile(r"(?:迎来|进入|步入|走进|跨入)了?(?:一个)?(?P<lvl>[高低])(?P<noun>"
                       + _alternation(forecast_cues("market_noun")) + r"|价)(?:时代|阶段|时期)")


def level_era(text: str, s: int, e: int) -> tuple[int, str, str] | None:
    """(start of the verb, the market noun, direction) of an era of a level entered in
    text[s:e] (电厂进入高价格阶段 -> 价格, up), else None."""
    m = LEVEL_ERA.search(text, s, e)
    return (m.start(), m.group("noun"), "up" if m.group("lvl") == "高" else "down") if m else None


# a quantity said to be hit (储能装机量将受影响, 铜材零售价势必受到冲击): a modal and the passive of an
# influence closing the clause, with no cause between 受 and 影响; down
AFFECTED = re.compile(r"(?:将|会|必然|势必|必将|难免|必定)[也都还]?受到?(?:较大|很大|一定|严重|明显|不利)?的?(?:影响|冲击)\s*[”\"’]?\s*$")
# a level that goes on (冶炼高成本仍将持续, 低价还会继续): up for 高, down for 低, when the clause
# has no direction word of its own
LEVEL_GOES_ON = re.compile(r"(?P<lvl>[高低])(?:" + _alternation(forecast_cues("market_noun")) + r"|价)[^，,；;。]{0,6}?(?:持续|继续)(?:下去)?\s*$")
# a supply-demand imbalance said to grow sharper (电煤供需矛盾将更加尖锐): up, the move is the
# degree word (group m); other 矛盾 (结构性矛盾) are no market quantity
GAP_GROWS = re.compile(r"(?:供需|供求)(?:矛盾|失衡)[^，,；;。]{0,6}?(?P<m>(?:更加|更为|日益|愈发|愈加)(?:突出|严重|尖锐))")
# a floor under a price: 螺纹钢的底部支撑依然有效 (flat, a judgment on what is ahead)
FLOOR = re.compile(r"的?(?:底部|下方)支撑(?:力|作用)?[^，,；;。]{0,6}?(?:存在|较强|犹在|仍在|依然有效)")
# no return to an earlier level: 不会回到去年的高位 (down), 难以重回低点 (up)
NOT_BACK = re.compile(r"(?:不会|难以|很难|难|无法)(?:再)?(?:回到|重回|回归|恢复到)[^，,；;。]{0,12}?([高低])(?:位|点|水平)")


class Context(NamedTuple):
    """What one call knows about its document (the component is shared between threads)."""

    ref_year: int | None
    ref_month: int | None
    anchors: list[tuple[int, int, str, str, bool]]
    anchor_starts: list[int]
    excluded: Intervals  # the disclaimer and company-blurb sections
    subjects: dict  # sentence start -> the subject of its last forecast
    last_horizon: dict  # sentence start -> the horizon of its last forecast
    minerals: ByStart  # mineral and product mentions
    units: object  # the document's TextUnits (its `newlines` give line bounds in log time)
    market: ByStart = ByStart([])  # market-quantity mentions (grammars/forecast_market)
    # indexes of the text found once by the component (marks in log time)
    clause_marks: CharIndex | None = None  # the CLAUSE_SPLIT marks (is a line one clause?)
    full_stops: CharIndex | None = None  # the 。

    def line_of(self, text: str, pos: int) -> tuple[int, int]:
        """The line holding `pos`: (start, end), end without its line break."""
        newlines = self.units.newlines
        return newlines.last(0, pos) + 1, (newlines.first(pos) + 1 or len(text) + 1) - 1

    def one_clause(self, lo: int, hi: int) -> bool:
        """No clause mark in [lo, hi) (a headline)."""
        return not self.clause_marks.any(lo, hi)

    def anchors_starting(self, lo: int, hi: int) -> list[int]:
        """Starts of the anchors with lo <= start < hi."""
        return self.anchor_starts[bisect_left(self.anchor_starts, lo) : bisect_left(self.anchor_starts, hi)]


_YEARS_LATER = re.compile(r"(?<![\d年月日.])(?P<n>[1-9]\d?|[一二三四五六七八九十两]{1,2})\s*年(?:以|之)?后(?!期)")
_RELATIVE_VAGUE = re.compile(r"((?:未来|今后)(?:几|数|若干)个?(?:年|月|周))(?:来看|而言|看|内|里|间)?")


def horizon_anchors(text: str, ref_year: int | None, ref_month: int | None) -> list[tuple[int, int, str, str, bool]]:
    """Every horizon anchor, (start, end, horizon, kind, is_label), without overlaps."""
    found = []
    for m in HORIZON.finditer(text):
        found.append((m.start(), m.end(), HMAP[m.group("h")], "word", bool(m.group("label"))))
    for m in RELATIVE.finditer(text):
        h = relative_horizon(m.group(0))
        if h != "unspecified":
            found.append((m.start(), m.end(), h, "relative", False))
    for m in _RELATIVE_VAGUE.finditer(text):
        # a count left vague (未来几年, 未来数月): as long as the phrase says
        if relative_horizon(m.group(1)) != "unspecified":
            found.append((m.start(), m.end(), relative_horizon(m.group(1)), "relative", False))
    for m in _YEARS_LATER.finditer(text):
        # a count of years from now (5年后的装机量): as long as the count says; every clause of its
        # scope needs a forward marker (四年后，汇率已降至… tells a past)
        n = cn_int(m.group("n"))
        if n:
            found.append((m.start(), m.end(), months_to_horizon(12 * n), "calendar", False))
    for m in CALENDAR.finditer(text):
        h = calendar_horizon(m.group(0), ref_year, ref_month)
        if h != "unspecified":
            found.append((m.start(), m.end(), h, "calendar", False))
    if ref_month:
        # a quarter or month of this year that has not ended (二季度 in May, 7月份 in June):
        # ahead of the report, short when it ends within three months
        for m in _PERIOD_AHEAD.finditer(text):
            last = 3 * _CN_Q[m.group("q")] if m.group("q") else int(m.group("m"))
            if ref_month <= last <= 12:
                found.append((m.start(), m.end(), "short" if last - ref_month <= 3 else "medium", "calendar", False))
    found.sort(key=lambda a: (a[0], -(a[1] - a[0])))
    out: list[tuple[int, int, str, str, bool]] = []
    for a in found:
        if out and a[0] < out[-1][1]:
            continue
        out.append(a)
    return out


# the forecast verbs (class forecast_verb of data/word_classes.tsv: 预计, 预期, 估计, 预测)
_FORECAST_VERBS = _alternation(word_class("forecast_verb"))
FORECAST_VERB = re.compile(rf"(?:{_FORECAST_VERBS}|料)\s*$")
_CN_Q = {"一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4}
# 二季度, 7月份 without a year (a dated one is resolved by calendar_horizon), not in a range
# (二、三季度) nor a date (7月5日) nor a span (1—4月)
_PERIOD_AHEAD = re.compile(r"(?<![\d年、—\-上下])(?<!\d至)(?<!\d到)(?<!月至)(?<!月到)(?:第?(?P<q>[一二三四1-4])季度|(?P<m>1[0-2]|[1-9])月份?(?![\d日底初中]))"
                           r"(?!以来|开始|起|来|的)")
DURATION_UNITS = {"个月", "月", "年", "周", "季度", "个季度", "天", "日"}
SENT_STOP = re.compile(r"[。！？!?\n]")
# a sentence worth reading: a forward marker or a forecasting verb somewhere in it
CANDIDATE = re.compile(FORWARD.pattern + "|" + _FORECAST_VERBS + r"|展望|(?:难以?|不能|无法|不足以|很难)(?:支撑|带动|提振|拉动)|支撑(?!位)|" + LACK.pattern + "|" + FLOOR.pattern)
# a forecasting verb that opens a clause governs the rest of its sentence (预计…，…)
_GOVERNING = re.compile(r"(?:^|[，,；;：:])\s*(?:我们|笔者|市场|业内|分析师|机构)?\s*(?:" + _FORECAST_VERBS + ")")


_TIME_TOPIC = re.compile(r"^\s*(?:我们)?(?:" + _FORECAST_VERBS + r")?\s*(?:到|至|在|截至)?\s*(?:(?:19|20)\d{2}\s*年(?:底|末|全年)?|明年|今年|下半年|年内|届时|未来\S{0,4}年|今后\S{0,4}年"
                         # a span of years (从2016到2020年的5年间, 2016—2020年期间)
                         r"|(?:从|自)?\s*(?:19|20)\d{2}\s*年?\s*(?:到|至|—|－|-|~|～)\s*(?:19|20)\d{2}\s*年(?:的?\s*\S{0,3}\s*年间|间|期间)?)\s*$")


def topic_horizon(text: str, cs: int, ctx: "Context") -> str:
    """The horizon of a clause that is only a time (到2015年，…) opening the sentence of `cs`."""
    part = clause_before(text, cs, _TIME_TOPIC)
    return calendar_horizon(text[part[0] : part[1]], ctx.ref_year, ctx.ref_month) if part else "unspecified"


def previous_clause_horizon(text: str, cs: int, ctx: "Context") -> str:
    """The horizon of the clause before `cs` in its sentence when it opens with a time not over
    (2011年全球产量将突破…，同比将增长27% in May 2011 -> medium): a call that takes its subject
    from that clause takes its time too."""
    last = last_clause(text, cs)
    if last is None or not CLAUSE_TIME.match(last) or ended(last, ctx.ref_year, ctx.ref_month):
        return "unspecified"
    return calendar_horizon(last, ctx.ref_year, ctx.ref_month)


# a clause opening with 或 offers an alternative to the call before it (…，或库存偏高无力支撑锌价;
# 或将 / 或许 / 或可 are modals)
ALTERNATIVE = re.compile(r"^\s*或(?![将者许可会])")
# a clause that dates the call before it (这一变化要到明年才会显现, 这一过程将持续到年底)
_DATES_BEFORE = re.compile(r"^\s*(?:而|但)?\s*(?:这一|这个|这种|这|此|该)[\u4e00-\u9fff]{0,4}")


def next_clause_horizon(text: str, ce: int, ctx: "Context") -> str:
    """The horizon of the clause after `ce` in its sentence when it refers back to the call
    (a demonstrative opening it) and names a time ahead (…将有所回调，这一变化要到明年
    才会显现 -> medium), else unspecified."""
    if not text.startswith(("，", ","), ce):
        return "unspecified"
    m = CLAUSE_SPLIT.search(text, ce + 1)
    nxt = text[ce + 1 : m.start() if m else len(text)]
    if not _DATES_BEFORE.match(nxt) or ended(nxt, ctx.ref_year, ctx.ref_month):
        return "unspecified"
    return calendar_horizon(nxt, ctx.ref_year, ctx.ref_month)


def estimate_of_past(text: str, cs: int, ctx: "Context") -> bool:
    """True when the clause before `cs` in its sentence reports a period that is over and has
    happened (去年锌产量有了明显回升，可能同比增加3%): the clause after it estimates that
    period's figure, it calls nothing ahead."""
    last = last_clause(text, cs)
    return last is not None and ended(last, ctx.ref_year, ctx.ref_month) and "了" in last


_ANCHOR_ONLY = re.compile(r"\s*(?:从|就|在|对于?)?\s*(?:来看|而言|看|内|上)?\s*")


def only_anchor(text: str, cs: int, ce: int, anchor: tuple[int, int]) -> bool:
    """True when the clause is its anchor alone (中期来看，…; 从中期来看，…)."""
    a0, a1 = anchor
    if not (cs <= a0 and a1 <= ce):
        return False
    return bool(_ANCHOR_ONLY.fullmatch(text[cs:a0] + text[a1:ce]))


# a condition; 如果我们来看… only opens a topic (如果我们来看各国的库存，…)
CONDITION = re.compile(r"^\s*[“\"‘]?\s*(?:(?:" + _alternation(word_class("time_word")) + r"|如今|短期内)\s*)?(?:若|如果|假如|倘若|一旦|只要|万一|要是)(?!\s*(?:我们|大家|你)?\s*(?:来|再)?(?:看|观察|考察|比较|对比|回顾))"
                       # a time clause of a condition: 当…后 / 当…时 (当库存降到低位后，…)
                       r"|^\s*[“\"‘]?\s*当[^，,；;。]{1,24}(?:后|时|之时|以后|之后)\s*$")


def is_conditional(text: str, cs: int) -> bool:
    """True when an earlier clause of the sentence holding `cs` is a condition (若…，…)."""
    return clause_before(text, cs, CONDITION) is not None


@lru_cache(maxsize=2)
def _sentence_ends(text: str) -> list[int]:
    """Positions of the sentence-ending characters of `text`, found once per text (a
    reverse scan per call, as before, read back to the start of the text for each of the
    rarer marks: quadratic on a long report)."""
    return [m.start() for m in SENT_STOP.finditer(text)]


def sentence_start(text: str, pos: int) -> int:
    """Where the sentence holding `pos` begins: after the last 。！？!? or line break before it."""
    ends = _sentence_ends(text)
    i = bisect_left(ends, pos)
    return ends[i - 1] + 1 if i else 0


def sentence_end(text: str, pos: int) -> int:
    """Where the sentence holding `pos` ends: its 。！？!? or line break, else the end of the text."""
    ends = _sentence_ends(text)
    i = bisect_left(ends, pos)
    return ends[i] if i < len(ends) else len(text)


# The clauses of a sentence, split once: the helpers below read the clauses before a call
# (`CLAUSE_SPLIT.split(text[sentence_start:cs])`) from positions found once per text, and what
# holds for a whole sentence once per sentence; split for each clause they were quadratic on a
# long sentence of many clauses.
@lru_cache(maxsize=2)
def _clause_stops(text: str) -> list[int]:
    """Positions of the clause-splitting characters of `text`, found once per text."""
    return [m.start() for m in CLAUSE_SPLIT.finditer(text)]


def _piece_start(text: str, ss: int, pos: int) -> tuple[int, int]:
    """(start of the clause piece ending at `pos`, index of the first stop at or after `pos`)."""
    stops = _clause_stops(text)
    k = bisect_left(stops, pos)
    return (stops[k - 1] + 1 if k and stops[k - 1] >= ss else ss), k


@lru_cache(maxsize=4096)
def _first_clause(text: str, ss: int, pattern: re.Pattern) -> tuple[int, int] | None:
    """The first whole clause (start, stop) of the sentence starting at `ss` that `pattern` matches."""
    stops, se = _clause_stops(text), sentence_end(text, ss)
    start, k = ss, bisect_left(stops, ss)
    while k < len(stops) and stops[k] < se:
        if pattern.match(text[start : stops[k]]):
            return start, stops[k]
        start, k = stops[k] + 1, k + 1
    return None


def clause_before(text: str, cs: int, pattern: re.Pattern) -> tuple[int, int] | None:
    """(start, end) of the first piece of `CLAUSE_SPLIT.split(text[sentence_start(text, cs):cs])`
    that `pattern` matches, else None."""
    ss = sentence_start(text, cs)
    first = _first_clause(text, ss, pattern)
    if first and first[1] < cs:
        return first  # a whole clause before the one of cs
    start, _ = _piece_start(text, ss, cs)
    return (start, cs) if pattern.match(text[start:cs]) else None


def last_clause(text: str, cs: int) -> str | None:
    """The last piece of `CLAUSE_SPLIT.split(text[sentence_start(text, cs):cs])` that is not
    blank, else None."""
    ss = sentence_start(text, cs)
    stops, end = _clause_stops(text), cs
    while True:
        start, k = _piece_start(text, ss, end)
        if text[start:end].strip():
            return text[start:end]
        if start == ss:
            return None
        end = stops[k - 1]


@lru_cache(maxsize=4096)
def _governing(text: str, ss: int) -> tuple[tuple[int, int], ...]:
    """(start, end) of the _GOVERNING matches of the sentence starting at `ss`, found once per
    sentence (a match holds no clause mark after its opening one, so none hides another)."""
    return tuple((m.start() + ss, m.end() + ss) for m in _GOVERNING.finditer(text[ss : sentence_end(text, ss)]))


def is_governed(text: str, cs: int) -> bool:
    """True when an earlier clause of the sentence holding `cs` opens with a forecasting verb
    (`_GOVERNING.search(text[sentence_start:cs])`, answered from the sentence's matches found
    once: a search of the sentence so far per clause was quadratic on a long sentence)."""
    ss = sentence_start(text, cs)
    straddles = False
    for s, e in _governing(text, ss):
        if s >= cs:
            break
        if e <= cs:
            return True  # a match that ends before cs lies in text[ss:cs]
        straddles = True
    # a match running past cs may have a shorter one inside text[ss:cs] (rare: cs inside 预计…)
    return straddles and bool(_GOVERNING.search(text[ss:cs]))


def direction_end(text: str, s: int, e: int) -> int:
    """The end of the direction word starting at `s`."""
    for pat in (UP, DOWN, FLAT):
        m = pat.match(text, s, e)
        if m:
            return m.end()
    return s


# a clause that opens with a transitive direction verb (after a pronoun or modal) has its subject
# as the verb's object
OBJECT_VERB = re.compile(r"(?:从而|因此|进而|这|其|此|并|也|还|将|会|必然|可能|进一步|依然|继续|对)*"
                          r"(?:减少|降低|增加|抬高|提高|限制|抑制|看好|看空|看淡|压缩|推高|拉低|拉动)")
# a premise clause: a cause or a background condition
PREMISE = re.compile(r"^\s*(?:由于|因为|因(?!此|而)|鉴于|(?:再)?加上|虽然|虽|尽管|在[^，,；;]{0,20}(?:背景|情况|前提|条件)下\s*$"
                      r"|在[^，,；;]{0,20}(?:之前|以前|之后|以后|期间)\s*$)")
# a reason given after its main clause (…表示反对，因为新规将推高电池成本): its own call stands
_REASON_AFTER = re.compile(r"^\s*因为")


def stated_reason(text: str, cs: int, clause: str) -> bool:
    """True when `clause` (starting at `cs`) is a 因为 clause after its sentence's main clause and
    states with its own modal what will happen (…，因为新规将推高电池成本): a call, not a premise."""
    return bool(_REASON_AFTER.match(clause)) and bool(WILL.search(clause)) and last_clause(text, cs) is not None


DONE = re.compile(r"了[”\"’]?\s*$")
WILL = re.compile(r"将|(?<![机社学体])会(?!议|计|员)|预计|有望")
POLICY = re.compile(r"(?:启动|建设|实施|出台|推进|落地|改革|试点|工作)$")
RELIEF = re.compile(r"缓解|减轻|化解|消除")
SENTIMENT = re.compile(rf"(?:{_SENTIMENT_WORDS})$")
# a modal whose verb follows an adverbial clause (…市场会随着…政策的推进，带动…需求; 将由于…的增加，…):
# the openers are the data kind adverbial
MODAL_ADVERBIAL = re.compile(r"(?:会|将|将会|有望|可能|或将)\s*(?:" + _alternation(forecast_cues("adverbial")) + ")")
# a change scheduled for a date is an announcement, not a call (…电价将于下月起上调)
SCHEDULED = re.compile(r"将于\s*(?:(?:19|20)\d{2}\s*年)?\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?")
# a question is no call (锂矿供应能否跟上需求)
QUESTION = re.compile(r"能否|是否|会不会|能不能|可否|有没有")
# a likelihood changed by what happened (…的回落增加了下调电价的可能性): the clause reports the
# change; the likely event, not the subject before the verb, would be the call
LIKELIHOOD_CHANGED = re.compile(r"(?:增加|加大|增大|提高|提升|降低|减少|减小)了[^，,；;。]{0,24}?的?(?:可能性|可能|概率|风险)")
# one move offsetting another (涨价将弥补成本的增加, 价格的上涨可以抵消…): an offset, no call on either
OFFSET = re.compile(r"(?:上涨|下跌|增加|减少|上升|下降|涨价|降价)[^，,；;。]{0,10}?(?:弥补|抵消|对冲)")
NEWS = re.compile(r"的(?:消息|传闻|报道|说法)(?:使得|使|令|让|传出|一出)")
RELIES = re.compile(r"(?:主要|仍|还|将)?(?:依靠|依赖|取决于|来自于)")
ADVICE = re.compile(r"^\s*(?:但|而|并|因此|所以)?\s*(?:建议|投资者(?:可|应|宜)|宜|不宜|也?不(?:能|要|宜|必|应)(?:过分|过于|盲目)?)")
# an inner cause (因为…上涨而不得不提价) and an influence (受…的影响)
INNER_CAUSE = re.compile(r"(?:因为|由于)[^，,；;。]{0,20}?而")
CAUSE = re.compile(r"受[^，,；;]{0,20}?(?:的)?影响|" + INNER_CAUSE.pattern)
_LIKELIER = re.compile(r"(\S{2})(?:的(?:风险|可能性?|概率)|风险|可能性|概率)[^，,；;]{0,4}?(?:将|会)?(?:加大|增大|增加|上升|提高|较大|很大|大)")
# every match of _LIKELIER holds one of these words, every match of CAUSE one of those: a clause
# without them is not searched (the patterns open with \S{2} and 受…, tried at every position)
_LIKELIER_WORDS = ("风险", "可能", "概率")
_CAUSE_WORDS = ("受", "因为", "由于")


def _likelier(clause: str) -> re.Match | None:
    return _LIKELIER.search(clause) if any(w in clause for w in _LIKELIER_WORDS) else None


def without_cause(clause: str) -> str:
    """`clause` with its causes (受…影响, 因为…而) taken out."""
    return CAUSE.sub("", clause) if any(w in clause for w in _CAUSE_WORDS) else clause
BARE_METRIC = re.compile(r"^\s*(?:但|而|不过|只是)?\s*(?:其)?(?:增速|增幅|涨幅|跌幅|速度|幅度|节奏)")
PRICE_MOVE = re.compile(r"上涨|下跌|下挫|回落|反弹|走高|走低|涨|跌")
GROWTH_RATE = re.compile(r"增速|增长率|增幅|涨幅")
# who acts is not what a call is about (进口铜精矿的冶炼厂将要求…)
AGENT = re.compile(r"(?:买家|卖家|企业|企|厂商|厂家|公司|商|者|人士|机构|部门|政府|基地)$")
# a headline about what has happened (一季度锌价涨三成, 同比增12%, 全线下挫 …了)
PAST = re.compile(r"了|已|曾|上半年|前\S?[个]?月|同比|环比|首次|首现|创|以来|去年|昨日|今日|日前|近日|本周|上周|跳水|暴涨|暴跌|大跌|大涨")
CONSEQUENCE = re.compile(r"\s*(?:从而|进而|因此|因而|这将|并将|进一步)")
ACTOR = re.compile(r"(?:委|部|局|署|政府|公司|集团|企业|厂|钢|企)$")
TRANSITIVE_DIR = re.compile(r"上调|下调|提高|降低|调高|调低|提价|降价")
CAUSATIVE = re.compile(r"(?<![即假促迫致])(?:使得|使|令)(?!用|命|人|其|得以)")
ADVERB = re.compile(r"随时|届时|同时|此时|当时|目前|眼下|一旦|随后|之后|此后|最终只?|最后只?|终将|只")
PRONOUN = re.compile(r"这|其|此|该|此次|这些|它")


# an industry's growth phase (data kinds prospect, prospect_verb): 某行业将迎来增长期, 将走出衰退期; its
# other conditions (利好, 低谷) are no calls
PROSPECT = re.compile(rf"(?P<verb>{_alternation(forecast_cues('prospect_verb'))})[^，,；;。]{{0,8}}?(?P<phase>{_alternation(forecast_cues('prospect'))})")
# the subject of a prospect call: a sector (光伏行业, 新材料产业, 光伏业)
SECTOR_SUBJECT = re.compile(r"[\u4e00-\u9fff]{1,8}(?:行业|产业|业|板块)$")


def prospect_direction(clause: str) -> str | None:
    """up / down of an industry's growth phase named in `clause` (将迎来增长期: up, 将走出衰退期: up), else None."""
    m = PROSPECT.search(clause)
    if not m:
        return None
    direction = forecast_cues("prospect")[m.group("phase")]
    if forecast_cues("prospect_verb")[m.group("verb")] == "reverse":
        direction = "down" if direction == "up" else "up"
    return direction


# what is no market quantity (data kind not_quantity): a rank held at the clause's end (…的首要地位),
# a rule before the verb (能耗标准将提高), a currency as the whole subject (美元)
def _not_quantity(value: str) -> str:
    return _alternation(w for w, v in forecast_cues("not_quantity").items() if v == value)


STATUS_END = re.compile(rf"(?:{_not_quantity('status')})[”\"’）)]*\s*$")
RULE_END = re.compile(rf"(?:{_not_quantity('rule')})\s*$")
CONDITION_END = re.compile(rf"(?:{_not_quantity('condition')})$")  # 铝加工业运行: an industry's condition
CURRENCY = re.compile(rf"(?:{_not_quantity('currency')})(?:指数|汇率)?")
# a negated past (并未对价格形成支撑) and a clause telling what used to happen (原来…会下降): no call
PAST_NEGATION = re.compile(_alternation(forecast_cues("past_negation")))
PAST_HABIT = re.compile(rf"^\s*[“\"‘]?\s*(?:但|而|且)?\s*(?:{_alternation(forecast_cues('past_habit'))})")


# what holds a market quantity up: 难以支撑其利润回升 (not held: down), 对铝价形成有力支撑 (up)
NO_SUPPORT = re.compile(r"(?:难以?|不能|无法|不足以|很难)(?:支撑|带动|提振|拉动)")
SUPPORTED = re.compile(r"(?:对|为)([^，,；;。对为]{2,14}?)(?:的)?(?:(?:形成|提供)[^，,；;。]{0,4})?支撑(?!位)")
def factor_only(clause: str) -> bool:
    """True when `clause` only names a factor for a move (对铝价形成有力支撑, 为锌价的上涨提供支撑,
    难支撑其利润的改善): no call (corpora/README.md, commentary forecasts rule 1). A failing
    support read under a modal of its own (料…也难以带动更多锌的消费) is a call that the quantity
    stays where it is."""
    if SUPPORTED.search(clause):
        return True
    no = NO_SUPPORT.search(clause)
    return bool(no) and modal_before_move(clause[: no.start()] + clause[no.end() :]) is None


# what eats into a quantity: 电价上涨将侵蚀利润, 原料涨价对其利润的侵蚀 (down)
# a state that will not change, named after the verb: 难以改变铜市“震荡”的格局
PERSIST_OBJECT = re.compile(r"(?:难改|难以改变|难以扭转|难以逆转|不会改变|(?:未能|无法|不能)(?:改变|扭转))([^，,；;。]{2,24}?)的?(?:特征|格局|态势|局面|状态|特点|趋势)")
VIEW = re.compile(r"(?<![不未极])(?:看好|看空|看淡)(?!的)")
_ERODE_VERBS = ("侵蚀", "挤压", "蚕食")
_ERODE = re.compile("|".join(_ERODE_VERBS))
_ERODE_BEFORE = re.compile(r"对([^，,；;。对]{2,10}?)(?:的)?(?:构成|形成|造成)?(?:" + "|".join(_ERODE_VERBS) + ")")
_MORE = re.compile(r"^(?:更多|更大|更高|进一步)")


ROOM = re.compile(r"有[^，,；;。]{0,6}?(需求|供应|消费|进口|出口)空间")
OWN_METRIC = re.compile(r"的(供应|需求|产量|产能|库存|进口|出口|消费|成本|利润|价格)\s*$")
_UNDER = re.compile(r"(?<=[\u4e00-\u9fffA-Za-z]{2})在[^，,；;。]*?(?:之?下|之?中)\s*$")
_LATER_MOVE = re.compile(r"(?:将|会|或|可能|有望)[^，,；;。]{0,4}?(?:" + UP.pattern + "|" + DOWN.pattern + ")")
_PROSPECT_NOUN = re.compile(r"风险|可能|概率|压力|空间|趋势")


def modal_before_move(clause: str) -> re.Match | None:
    """The forward marker of `clause`, except a lone 或 after the clause's move: there it joins
    two verbs (成本上升使项目暂停或放弃), a modal comes before the move it governs (价格或上涨)."""
    first = FORWARD.search(clause)
    while first is not None and first.group(0) == "或" and not clause[: first.start()].strip(" “\"‘"):
        first = FORWARD.search(clause, first.end())  # a clause opening with 或 offers an alternative (或美元走势…)
    if first is None or first.group(0) != "或":
        return first
    marks = [first, *FORWARD.finditer(clause, first.end())]
    if all(m.group(0) == "或" for m in marks):
        moves = [m.start() for p in (UP, DOWN, FLAT) for m in p.finditer(clause)]
        if moves and all(m.start() > min(moves) for m in marks):
            return None
    return first


def modifier_only(text: str, s: int, e: int) -> bool:
    """True when every direction word of text[s:e] qualifies a noun (面对一路上涨的电价): a
    description, no move (a judgment of its own, 缺乏…基础 or 底部支撑, aside)."""
    clause = text[s:e]
    if LACK.search(clause) or FLOOR.search(clause) or NOT_BACK.search(clause) or _likelier(clause) or PERSIST_OBJECT.search(clause):
        return False  # …难以改变产能过剩的态势: the state named is what persists
    return any(p.search(clause) for p in (UP, DOWN, FLAT)) and first_direction(text, s, e) >= e


def first_direction(text: str, s: int, e: int) -> int:
    """The start of the first direction word in [s, e) that is a verb, not a modifier
    (连续回落的硅料价格有望企稳: 回落的 qualifies the subject)."""
    best = e
    # 不会有明显起伏: the denied change is the clause's move (its negation may stand before s:
    # 并不会令成本发生显著变化, read from the object after 令)
    nc = NO_CHANGE.search(text, max(0, s - 20), e)
    if nc and nc.start("m") >= s:
        best = nc.start("m")
    era = LEVEL_ERA.search(text, s, e)
    if era:
        best = min(best, era.start())  # 进入高价格阶段: the verb of the era
    gap = GAP_GROWS.search(text, s, e)
    if gap:
        best = min(best, gap.start("m"))  # 电煤供需矛盾将更加尖锐: the imbalance is the subject
    for pat in (UP, DOWN, FLAT):
        for m in pat.finditer(text, s, e):
            if text.startswith("的", m.end()) and m.end() + 1 < e and not _PROSPECT_NOUN.match(text, m.end() + 1):
                continue
            if m.group(0) == "新增" and _LATER_MOVE.search(text, m.end(), e):
                continue  # 每年的新增产能将是现在的三倍: newly added qualifies the noun, the move comes later
            if m.start() < best:
                best = m.start()
            break
    return best


# the patterns scanned over the whole text (anchors, candidate sentences) or searched in every
# clause read, opened with a look-ahead on their first characters (`forecast_words.leading`);
# led after every pattern built from their `.pattern`
HORIZON, CALENDAR, _YEARS_LATER, _PERIOD_AHEAD = map(leading, (HORIZON, CALENDAR, _YEARS_LATER, _PERIOD_AHEAD))
CANDIDATE, FORWARD, LACK = map(leading, (CANDIDATE, FORWARD, LACK))


# (clause, test, expected): sentences of our own, one per rule of the clause tests above;
# checked by tests/test_forecast_market.py (test: "prospect" -> prospect_direction, "modifier" ->
# modifier_only, "modal" -> the marker modal_before_move finds, "direction" -> direction_of)
EXAMPLES: list[tuple[str, str, str | bool | None]] = [
    ("储能行业将迎来新一轮增长期", "prospect", "up"),
    ("航运业或将陷入衰退期", "prospect", "down"),
    ("锂电业将走出衰退期", "prospect", "up"),  # a reversing verb turns the phase
    ("锂盐价格将上涨", "prospect", None),
    ("光伏业或会结束低谷状态", "prospect", None),  # an industry's condition without a quantity (rule 2)
    ("电站面对不断上涨的组件价格", "modifier", True),  # the move qualifies a noun
    ("连续回落的硅料价格有望企稳", "modifier", False),  # the clause's own verb moves
    ("碳酸锂价格或上涨", "modal", "或"),
    ("需求回落使部分矿山停产或关闭", "modal", None),  # 或 after the move joins two verbs
    ("或冶炼利润微薄无力支撑锌价", "modal", None),  # a clause opening with 或 offers an alternative
    ("锂盐价格上涨空间有限", "direction", "flat"),
    ("每年新增产能将是现在水平的三倍", "direction", "up"),
    ("碳酸锂价格高位难退", "direction", "flat"),
]
