"""Forecast horizons: the words a report uses for "when", mapped to `Forecast.horizon`.

Three families, all data below:

- HORIZON_WORDS: the analyst's own buckets (短期 / 中期 / 长期 / 中长期 …). They map 1:1.
- Relative durations counted from the report date: 未来一个季度, 未来三个月, 未来一年,
  未来三到五年, 未来几周, 今后两年, plus fixed phrases (短期内, 年内, 明年, 下半年 …).
- Calendar periods of a forecast clause: 2026年(全年), 四季度, 今年 …, resolved against the
  report's reference date (see `calendar_horizon`).

The mapping (documented in `docs/architecture.md` terms: short < medium < long):

    months ahead <= 3           -> short   (未来一个季度, 未来三个月, 未来几周, 短期内, 近期)
    3 < months ahead <= 12      -> medium  (未来半年, 未来一年, 下半年*, 明年)
    months ahead > 12           -> long    (未来两年, 未来三到五年, 未来几年, 长期)
    no duration (后市, 后期, 未来一段时间) -> unspecified

  *下半年 / 年内 / 今年 / the report's own year are "the rest of this year": short when the
  report is dated in its last quarter (<= 3 months left), medium otherwise (medium when the
  report month is unknown). 明年 (and the next calendar year) is medium as a one-year view;
  two or more years ahead is long.
"""

from __future__ import annotations

import re

from extractor.grammars.numerals import cn_int

# the analyst's buckets
HORIZON_WORDS: dict[str, str] = {
    "短期": "short", "短时间": "short", "近期": "short", "中期": "medium", "长期": "long", "远期": "long",
    "中长期": "medium_long", "中短期": "medium", "短中期": "medium",
}

# fixed relative phrases (always forward-looking) -> months ahead (None: no duration)
RELATIVE_PHRASES: dict[str, float | None] = {
    "短期内": 1, "近几周": 1, "近一两个月": 2, "未来几周": 1, "未来数周": 1, "未来几个月": 3,
    "未来数月": 3, "未来数个月": 3, "未来几年": 36, "未来数年": 36, "未来若干年": 36,
    "明年": 12, "来年": 12, "明后年": 24,
    "后市": None, "后期": None, "未来一段时间": None, "今后一段时间": None,
}
# phrases about the rest of the current year: resolved against the report month
REST_OF_YEAR = ("年内", "今年内", "年底前", "年末前", "下半年", "今年下半年", "四季度", "今年四季度", "全年", "今年全年")

_UNIT_MONTHS = {"周": 0.25, "星期": 0.25, "个星期": 0.25, "月": 1, "个月": 1, "季度": 3, "个季度": 3,
                "季": 3, "年": 12, "个年头": 12}
_NUM = r"[一二两三四五六七八九十半\d]{1,3}"
# 未来一个季度, 未来三个月, 未来1-2年, 未来三到五年, 今后两年, 未来半年, 未来12个月内
RELATIVE_DURATION = re.compile(
    rf"(?:未来|今后|往后|接下来的?)(?P<n>{_NUM})(?:\s*(?:[到至\-—~～]|－)\s*(?P<n2>{_NUM}))?"
    r"\s*(?P<u>个季度|季度|个星期|星期|个月|月|周|年)(?:内|里|间|左右)?"
)
RELATIVE_PHRASE = re.compile("|".join(sorted(map(re.escape, RELATIVE_PHRASES), key=len, reverse=True)))


def _cn_number(s: str) -> float | None:
    """一 / 两 / 十二 / 3 / 半 as a count of months, quarters or years."""
    if s == "半":
        return 0.5
    n = cn_int(s)
    return None if n is None else float(n)


def months_to_horizon(months: float | None) -> str:
    if months is None:
        return "unspecified"
    if months <= 3:
        return "short"
    if months <= 12:
        return "medium"
    return "long"


def relative_months(expr: str) -> float | None:
    """Months ahead of a relative horizon expression (the upper end of a range)."""
    m = RELATIVE_DURATION.fullmatch(expr) or RELATIVE_DURATION.match(expr)
    if m:
        n = _cn_number(m.group("n2") or m.group("n"))
        if n is None:
            return None
        return n * _UNIT_MONTHS[m.group("u")]
    return RELATIVE_PHRASES.get(expr)


def relative_horizon(expr: str) -> str:
    """未来一个季度 -> short, 未来一年 -> medium, 未来三到五年 -> long, 后市 -> unspecified."""
    return months_to_horizon(relative_months(expr))


def rest_of_year_horizon(ref_month: int | None) -> str:
    """年内 / 下半年 / 今年: short when <= 3 months of the year are left, else medium."""
    if ref_month is None:
        return "medium"
    return "short" if 12 - ref_month <= 3 else "medium"


_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")
# a span of years (2012年-2016年, 2012—2016年, 从2012到2016年): the call runs to its last year
_YEAR_SPAN = re.compile(r"(?<!\d)(?:19|20)\d{2}\s*年?\s*(?:-|—|－|~|～|至|到)\s*((?:19|20)\d{2})\s*年")
_QUARTER = re.compile(r"(?<![上下])(?:第)?[一二三四1-4]\s*季度")
_SHORT_CAL = re.compile(r"下周|下月|本周|本月|近期|短期内|未来一周|未来几周|未来一个月|月底前")


_PLAN = re.compile(r"十([一二三四五六])五")


def plan_horizon(expr: str, ref_year: int | None, ref_month: int | None) -> str | None:
    """“十二五”期间 / 末: the plan's last year (十一五 = 2006–2010, 十二五 = 2011–2015 …) against
    the report's year, like a calendar year; None when `expr` names no plan."""
    m = _PLAN.search(expr)
    if not m or ref_year is None:
        return None
    end = 2010 + 5 * "一二三四五六".index(m.group(1))  # 十一五 ends 2010, 十二五 2015 …
    d = end - ref_year
    if d < 0:
        return "unspecified"  # a plan that is over is no horizon
    if d == 0:
        return rest_of_year_horizon(ref_month)
    return "medium" if d == 1 else "long"


_PERIOD = re.compile(r"(?:(?P<y>(?:19|20)\d{2})\s*年|(?P<this>今年|本年))?\s*(?P<h>上半年)")
_PAST_YEAR = re.compile(r"(?:19|20)\d{2}(?=\s*年)|去年|上年")


def ended(clause: str, ref_year: int | None, ref_month: int | None) -> bool:
    """True when the clause names a year or half-year of its own that is over at the report's
    date (2010年 or 去年 in 2011, 2011年上半年 in August 2011): what it says of it is an
    observation, even under 预计 (a company's preliminary results)."""
    if ref_year is None:
        return False
    m = _PAST_YEAR.search(clause)
    if m and (not m.group(0).isdigit() or int(m.group(0)) < ref_year):
        return True
    p = _PERIOD.search(clause) if "上半年" in clause else None  # every match holds 上半年
    if not p or ref_month is None or (p.group("y") and int(p.group("y")) != ref_year):
        return False
    # a quarter or month just over may still be called (一季度盈利或将下滑 in May: the results are
    # not out yet); a half-year or a year is not
    return bool(p.group("h")) and ref_month >= 7


_MONTH_AFTER = re.compile(r"\s*\d{1,2}\s*月")


def calendar_horizon(scope: str, ref_year: int | None, ref_month: int | None = None) -> str:
    """The horizon of a forecast from a calendar expression in its text, else unspecified.

    2026年 in a 2025 report -> medium (next year), two or more years ahead -> long;
    the report's own year (2026年全年 in January 2026), 年内, 下半年 -> the rest of the year;
    明年 -> medium; 四季度, 下月, 近期 -> short.
    """
    plan = plan_horizon(scope, ref_year, ref_month)
    if plan and not _YEAR.search(scope):
        return plan
    m = _YEAR_SPAN.search(scope) or _YEAR.search(scope)  # a span of years ends at its last year
    if m and ref_year:
        d = int(m.group(1)) - ref_year
        if d < 0:
            return "short"
        if d == 0:
            if _QUARTER.search(scope[m.end():m.end() + 4]) or _MONTH_AFTER.match(scope[m.end():]):
                return "short"  # 2025年四季度, 2025年12月: a quarter or month of this year
            return rest_of_year_horizon(ref_month)
        return "medium" if d == 1 else "long"
    r = RELATIVE_DURATION.search(scope)
    if r:
        return relative_horizon(r.group(0))
    p = RELATIVE_PHRASE.search(scope)
    if p and RELATIVE_PHRASES[p.group(0)] is not None:
        return relative_horizon(p.group(0))
    if any(w in scope for w in REST_OF_YEAR if w not in ("四季度", "今年四季度")):
        return rest_of_year_horizon(ref_month)
    if "今年" in scope:
        return rest_of_year_horizon(ref_month)
    q = _QUARTER.search(scope)
    if q and ref_month and 3 * _quarter_number(q.group(0)) < ref_month:
        q = None  # 一季度 in May: a quarter that has ended is no horizon
    if q and ref_month and 3 * _quarter_number(q.group(0)) - ref_month > 3:
        return "medium"  # 二季度 in February: it ends more than three months ahead
    if q or _SHORT_CAL.search(scope):
        return "short"
    return "unspecified"


def _quarter_number(expr: str) -> int:
    for ch in expr:
        if ch in "1234":
            return int(ch)
        if ch in "一二三四":
            return "一二三四".index(ch) + 1
    return 4


ENDED_EXAMPLES: list[tuple[str, int, int, bool]] = [
    ("公司预告2011年上半年营收比上年增加三成", 2011, 8, True),
    ("去年铜价上涨", 2011, 5, True),
    ("2010年锌精矿产量为420万吨", 2011, 5, True),
    ("一季度钢铁行业整体盈利或将下滑", 2011, 5, False),
    ("今年上半年公司净利润预计将增长约150%", 2011, 6, False),
    ("2016年全省动力煤消费或增加6000万吨", 2011, 5, False),
]

# (expression, reference year, reference month, horizon)
EXAMPLES: list[tuple[str, int | None, int | None, str]] = [
    ("未来一个季度", 2025, 10, "short"),
    ("未来三个月", 2025, 10, "short"),
    ("未来3个月内", 2025, 10, "short"),
    ("未来几周", 2025, 10, "short"),
    ("短期内", 2025, 10, "short"),
    ("未来半年", 2025, 10, "medium"),
    ("未来一年", 2025, 10, "medium"),
    ("未来12个月", 2025, 10, "medium"),
    ("明年", 2025, 10, "medium"),
    ("下半年", 2025, 5, "medium"),
    ("下半年", 2025, 11, "short"),
    ("年内", 2025, 3, "medium"),
    ("年内", 2025, 10, "short"),
    ("2026年全年", 2026, 1, "medium"),
    ("2026年", 2025, 11, "medium"),
    ("2028年", 2025, 11, "long"),
    ("四季度", 2025, 9, "short"),
    ("二季度", 2011, 5, "short"),
    ("一季度", 2011, 5, "unspecified"),  # ended before the report
    ("二季度", 2011, 2, "medium"),  # ends more than three months ahead
    ("2025年四季度", 2025, 9, "short"),
    ("“十二五”期间", 2011, 5, "long"),  # 2011–2015 in a May 2011 piece
    ("十二五末", 2014, 3, "medium"),
    ("十一五期间", 2011, 5, "unspecified"),  # over
    ("全年", 2011, 7, "medium"),  # the rest of this year
    ("未来两年", 2025, 10, "long"),
    ("未来三到五年", 2025, 10, "long"),
    ("未来3-5年", 2025, 10, "long"),
    ("今后五年", 2025, 10, "long"),
    ("未来几年", 2025, 10, "long"),
    # a span of years runs to its last year
    ("2025年-2028年", 2025, 10, "long"),
    ("从2026到2030年的5年间", 2025, 10, "long"),
    # no duration: the forecast has no horizon of its own
    ("后市", 2025, 10, "unspecified"),
    ("未来一段时间", 2025, 10, "unspecified"),
    ("未来", 2025, 10, "unspecified"),
    ("铜价偏强运行", 2025, 10, "unspecified"),
]
