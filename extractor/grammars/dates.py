"""Grammar of calendar dates in Chinese policy texts, to ISO 8601 by precision.

Forms recognised by `find_dates(text)`:

- Arabic with 年月日: 2025年3月11日, 2024年05月21日, 2025 年 3 月 11 日, 2025年3月 (month),
  2025年3月份 (month);
- numeric: 2025-03-11, 2026/07/16, 2025.3.11, 2024.08.23 (day precision only);
- Chinese numerals: 二〇二五年三月十一日, 二○二三年十二月, 二000年四月二十四日 (ASCII
  or letter zeros inside a Chinese-numeral year are accepted);
- year ranges: 2025—2027年, 2025-2027年, 2025年至2027年, 2025年—2027年 (precision year);
- day ranges: 2027年1月1日至2031年12月31日, 2026年9月10日至12月31日 (end year from the start),
  2019年6月11日至14日 (end month too);
- month ranges: 2023年1-6月, 2023年1月至6月 (precision month); a half year: 2009年下半年 ->
  2009-07..2009-12, 2019年上半年 -> 2019-01..2019-06;
- year-less: 8月24日 (day), 7月 (month): `year=None`, the caller supplies a year;
- a further day of the same month after a day: 2013年5月6日和7日, 5月6日晚9时和7日
  (the second date is 19日 with the first one's year and month).

A Chinese-numeral year alone (二○二三年) is a date of precision year. Bare Arabic
years (2025年) are returned only with a marker that makes them a date
(2025年底 -> 2025-12, 2025年前 but not 2025年前后, 自2025年起, 早在2008年, 自2012年投产: 自/从
before a founding or start-up act); elsewhere a bare year is most often a reference year of
a target or a statistic, not a date: `find_dates_and_years` (what the date mention pipe
writes) returns it too, marked `bare`, and the role interpretation keeps it only when its
clause narrates a happening. Doc-number years (〔2025〕) and quantities
(6个月, 60日, 1~2个) never match.

`parse_date(s)` parses one string (the whole string must be a date or range).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from extractor.grammars.numerals import cn_int, cn_year

_SP = r"[ \t\u3000]*"
_D = "[0-9０-９]"
_CNY = "[〇○零0OＯ０一二三四五六七八九]"
_CN_SMALL = r"(?:[一二三四五六七八九]?十[一二三四五六七八九]?|[一二三四五六七八九])"

# Year: four Arabic digits (19xx/20xx) or four Chinese-numeral digits.
_YEAR = rf"(?P<y>(?:19|20|１９|２０){_D}{{2}}|{_CNY}{{4}})"
_MONTH = rf"(?P<m>{_D}{{1,2}}|{_CN_SMALL})"
_DAY = rf"(?P<d>{_D}{{1,2}}|{_CN_SMALL})"

# 2025年3月11日 / 2025年3月 / 二〇二五年三月十一日
YMD_RE = re.compile(
    rf"(?<![0-9０-９]){_YEAR}{_SP}年{_SP}{_MONTH}{_SP}月(?:份)?(?:{_SP}{_DAY}{_SP}[日号])?"
)
# 2025-03-11 / 2026/07/16 / 2025.3.11
NUMERIC_RE = re.compile(
    r"(?<![0-9./\-])(?P<y>(?:19|20)\d{2})(?P<sep>[-/.])(?P<m>\d{1,2})(?P=sep)(?P<d>\d{1,2})"
    r"(?![0-9]|\.\d)"
)
# 2025—2027年 / 2025-2027年 / 2025年至2027年
YEAR_RANGE_RE = re.compile(
    rf"(?<![0-9〔\[［【﹝]){_SP}(?P<y1>(?:19|20)\d{{2}}){_SP}年?{_SP}(?:—{{1,2}}|–|-|－|~|～|至|到)"
    rf"{_SP}(?P<y2>(?:19|20)\d{{2}}){_SP}年(?![0-9第])"
)
# 2023年1-6月 / 2023年1—6月份 (a range of months of one year)
YM_RANGE_RE = re.compile(
    rf"(?<![0-9０-９]){_YEAR}{_SP}年{_SP}(?P<m1>\d{{1,2}}){_SP}(?:—{{1,2}}|–|-|－|~|～)"
    rf"{_SP}(?P<m2>\d{{1,2}}){_SP}月(?:份)?"
)
# bare year with a marker that makes it a date: 2025年底, 2025年前, 2025年起, 自2025年
BARE_YEAR_RE = re.compile(
    rf"(?<![0-9〔\[［【]){_YEAR}{_SP}年(?:(?:底|末)(?:以前|之前|前)?|以前|之前"
    r"|前(?![三两一二四]季度|[0-9一二三四五六七八九十]+个?月|后)|(?=起|内|初|上半年|下半年))"
)
# a bare year after 早在 (早在2008年，两家公司就曾合作) is the time of a past happening
EARLY_YEAR_RE = re.compile(rf"(?<=早在){_SP}{_YEAR}{_SP}年(?![0-9０-９一二三四五六七八九十]{{1,2}}{_SP}月)")
# a half of a year (2009年下半年): the range of its six months
HALF_YEAR_RE = re.compile(rf"(?<![0-9〔\[［【]){_YEAR}{_SP}年{_SP}的?(?P<h>上半年|下半年)")
# a bare year after 自/从 and before a founding or start-up act (自2012年投产以来, 从2005年成立至今):
# the time of that act
ACT_YEAR_RE = re.compile(rf"(?<=[自从]){_SP}{_YEAR}{_SP}年(?=投产|建成|成立|组建|创立|开业|上市|开工)")
# any other Arabic year alone (2009年就…, 2002年某厂投资…): a *bare* year, found only by
# `find_dates(text, bare_years=True)` (the date mention pipe); it is a date only when the
# role interpretation sees a happening in its clause (most bare years date a figure or a target)
BARE_RE = re.compile(
    rf"(?<![0-9０-９〔\[［【﹝第.\-—~～/])(?P<y>(?:19|20){_D}{{2}}){_SP}年"
    rf"(?![0-9０-９一二三四五六七八九十月度第代])"
)
# a Chinese-numeral year alone (二○二三年) is a date; an Arabic one (2023年) is not
CN_YEAR_RE = re.compile(r"(?<![〇○零0-9一二三四五六七八九十])(?P<y>[〇○零0OＯ０一二三四五六七八九]{4})年")
# year-less 8月24日 / 7月: not after a digit, 年, '-' (1-4月 is a range of months)
MD_RE = re.compile(
    rf"(?<![0-9０-９年.\-—~～个第])(?P<m>{_D}{{1,2}}){_SP}月(?:份)?(?:{_SP}(?P<d>{_D}{{1,2}}){_SP}[日号])?"
)
# year-less after a relative year word (今年7月, 去年的3月9日): the span is the month(-day)
REL_MD_RE = re.compile(
    rf"(?:今年|本年|当年|去年|上年|明年|次年)的?{_SP}(?P<m>{_D}{{1,2}}){_SP}月(?:份)?"
    rf"(?:{_SP}(?P<d>{_D}{{1,2}}){_SP}[日号])?"
)
RANGE_JOIN_RE = re.compile(rf"^{_SP}(?:至|到|—{{1,2}}|–|~|～|-){_SP}$")
# the end day of a range within one month: 2012年9月3日至5日, 2012年9月4日—5日
DAY_END_RE = re.compile(rf"{_SP}(?:至|到|—{{1,2}}|–|~|～|-){_SP}(?P<d>{_D}{{1,2}}){_SP}日")


# a further day of the same month after a day (2013年5月6日和7日, 5月6日晚9时30分和7日晚):
# an optional time of day, a conjunction, the day
DAY_AND_RE = re.compile(
    rf"(?:{_SP}(?:早上|上午|中午|下午|晚上|晚间|夜间|凌晨|早|晚)?{_SP}{_D}{{1,2}}{_SP}[时点]"
    rf"(?:{_SP}{_D}{{1,2}}{_SP}分)?)?{_SP}[和、及与]{_SP}(?P<d>{_D}{{1,2}}){_SP}[日号](?![0-9０-９])"
)


_LEAD_NOT_AFTER = re.compile(r"\(\?<!\[((?:\\.|[^\]\\])+)\]\)")


@lru_cache(maxsize=None)
def _split_not_after(rx: re.Pattern) -> tuple[re.Pattern, re.Pattern] | None:
    """(rest, the character class) of a regex that starts with `(?<![…])`, else None."""
    m = _LEAD_NOT_AFTER.match(rx.pattern)
    if m is None:
        return None
    return re.compile(rx.pattern[m.end() :], rx.flags), re.compile(f"[{m.group(1)}]", rx.flags)


def finditer_not_after(rx: re.Pattern, text: str):
    """`rx.finditer(text)` for a regex that starts with a look-behind `(?<![…])`: the
    rest of the regex is searched (the engine then skips ahead to its possible first
    characters instead of testing the look-behind at every offset) and a match after
    one of the class's characters is dropped, the search going on from the next
    offset. The same matches, in the same order (none of these regexes matches the
    empty string)."""
    split = _split_not_after(rx)
    if split is None:
        yield from rx.finditer(text)
        return
    rest, before = split
    pos = 0
    while (m := rest.search(text, pos)) is not None:
        s = m.start()
        if s > 0 and before.match(text, s - 1):
            pos = s + 1
            continue
        yield m
        pos = max(m.end(), s + 1)


@dataclass(frozen=True)
class DateParse:
    text: str
    start: int
    end: int
    value: str
    value_end: str | None
    precision: str  # day | month | year
    year: int | None  # None: year-less (month-day), value has the form --MM-DD / --MM
    month: int | None = None
    day: int | None = None
    bare: bool = False  # an Arabic year with no marker (BARE_RE): a date only in context


def iso(year: int | None, month: int | None = None, day: int | None = None) -> str | None:
    """ISO text by precision, None when the date does not exist."""
    if month is None:
        return f"{year:04d}" if year else None
    if not 1 <= month <= 12:
        return None
    if day is None:
        return f"{year:04d}-{month:02d}" if year else f"--{month:02d}"
    try:
        date(year or 2000, month, day)  # 2000 is a leap year: --02-29 is allowed
    except ValueError:
        return None
    return f"{year:04d}-{month:02d}-{day:02d}" if year else f"--{month:02d}-{day:02d}"


def _from_match(m: re.Match, text: str, year: int | None) -> DateParse | None:
    gd = m.groupdict()
    month = cn_int(gd["m"]) if gd.get("m") else None
    day = cn_int(gd["d"]) if gd.get("d") else None
    value = iso(year, month, day)
    if value is None:
        return None
    precision = "day" if day is not None else "month" if month is not None else "year"
    return DateParse(m.group(0), m.start(), m.end(), value, None, precision, year, month, day)


def find_dates(text: str, bare_years: bool = False) -> list[DateParse]:
    """Every date, range and year-less month(-day) of `text`, left to right, non-overlapping;
    with `bare_years`, also every other Arabic year alone (`bare=True`, precision year)."""
    out: list[DateParse] = []
    # the ranges taken so far, disjoint and sorted: starts and ends both ascend, so one
    # bisection finds the only range that can overlap (linear time overall)
    starts: list[int] = []
    ends: list[int] = []

    def free(a: int, b: int) -> bool:
        i = bisect_left(starts, b)  # ranges before i start before b
        return i == 0 or ends[i - 1] <= a

    def put(p: DateParse | None) -> None:
        if p is not None and free(p.start, p.end):
            out.append(p)
            i = bisect_left(starts, p.start)
            starts.insert(i, p.start)
            ends.insert(i, p.end)

    # year ranges first (2025—2027年 must not become 2027年 …)
    for m in finditer_not_after(YEAR_RANGE_RE, text):
        y1, y2 = int(m.group("y1")), int(m.group("y2"))
        if y1 < y2 <= y1 + 30:
            s = m.start("y1")
            put(DateParse(text[s : m.end()], s, m.end(), str(y1), str(y2), "year", y1))
    for m in finditer_not_after(YM_RANGE_RE, text):
        y = cn_year(m.group("y"))
        m1, m2 = int(m.group("m1")), int(m.group("m2"))
        if y is not None and 1 <= m1 < m2 <= 12:
            put(DateParse(m.group(0), m.start(), m.end(), iso(y, m1), iso(y, m2), "month", y, m1))
    for m in finditer_not_after(HALF_YEAR_RE, text):
        y = cn_year(m.group("y"))
        if y is not None:
            m1 = 1 if m.group("h") == "上半年" else 7
            put(DateParse(m.group(0), m.start(), m.end(), iso(y, m1), iso(y, m1 + 5), "month", y, m1))
    singles: list[DateParse] = []
    for rx in (YMD_RE, NUMERIC_RE):
        for m in finditer_not_after(rx, text):
            y = cn_year(m.group("y"))
            if y is None:
                continue
            p = _from_match(m, text, y)
            if p is not None:
                singles.append(p)
    for m in finditer_not_after(BARE_YEAR_RE, text):
        y = cn_year(m.group("y"))
        if y is not None:
            if re.search(r"年(?:底|末)", m.group(0)):
                # 年底 / 年末: the end of the year, December (precision month)
                singles.append(
                    DateParse(m.group(0), m.start(), m.end(), iso(y, 12), None, "month", y, 12)
                )
            else:
                singles.append(DateParse(m.group(0), m.start(), m.end(), str(y), None, "year", y))
    for m in finditer_not_after(ACT_YEAR_RE, text):
        y = cn_year(m.group("y"))
        if y is not None:
            s = m.start("y")
            singles.append(DateParse(text[s : m.end()], s, m.end(), str(y), None, "year", y))
    for m in finditer_not_after(EARLY_YEAR_RE, text):
        y = cn_year(m.group("y"))
        if y is not None:
            s = m.start("y")
            singles.append(DateParse(text[s : m.end()], s, m.end(), str(y), None, "year", y))
    for m in finditer_not_after(CN_YEAR_RE, text):
        y = cn_year(m.group("y"))
        if y is not None and not m.group("y").isascii():
            singles.append(DateParse(m.group(0), m.start(), m.end(), str(y), None, "year", y))
    for m in finditer_not_after(MD_RE, text):
        p = _from_match(m, text, None)
        if p is not None:
            singles.append(p)
    for m in REL_MD_RE.finditer(text):
        p = _from_match(m, text, None)
        if p is not None:
            ms = m.start("m")
            singles.append(DateParse(text[ms : m.end()], ms, m.end(), p.value, None, p.precision,
                                     None, p.month, p.day))
    if bare_years:  # after every marked form: a tie of the same span keeps the marked one
        for m in finditer_not_after(BARE_RE, text):
            y = int(m.group("y"))
            singles.append(DateParse(m.group(0), m.start(), m.end(), str(y), None, "year", y, bare=True))
    singles.sort(key=lambda p: (p.start, -(p.end - p.start)))
    kept: list[DateParse] = []
    for p in singles:
        # `kept` ascends and is disjoint: only its last range can overlap p
        if free(p.start, p.end) and (not kept or p.start >= kept[-1].end):
            kept.append(p)
    # join day/month ranges: <date>至<date>
    i = 0
    while i < len(kept):
        p = kept[i]
        if i + 1 < len(kept):
            q = kept[i + 1]
            between = text[p.end : q.start]
            if (
                (p.year is not None or q.year is None)
                and p.precision == q.precision
                and p.precision in ("day", "month")
                and RANGE_JOIN_RE.match(between)
            ):
                qy = q.year if q.year is not None else p.year
                end_value = iso(qy, q.month, q.day)
                if end_value and end_value >= p.value:
                    put(
                        DateParse(
                            text[p.start : q.end], p.start, q.end, p.value, end_value,
                            p.precision, p.year, p.month, p.day,
                        )
                    )
                    i += 2
                    continue
        if p.precision == "day" and p.month is not None:
            m = DAY_END_RE.match(text, p.end)
            d2 = int(m.group("d")) if m else 0
            end_value = iso(p.year, p.month, d2) if m and p.day is not None and d2 > p.day else None
            if end_value is not None and free(p.start, m.end()):
                put(DateParse(text[p.start : m.end()], p.start, m.end(), p.value, end_value,
                              "day", p.year, p.month, p.day))
                i += 1
                continue
        put(p)
        i += 1
    out.sort(key=lambda p: p.start)
    for p in list(out):
        while p.precision == "day" and p.value_end is None and p.day is not None:
            m = DAY_AND_RE.match(text, p.end)
            d2 = int(m.group("d")) if m else 0
            value = iso(p.year, p.month, d2) if d2 > p.day else None
            if value is None or not free(m.start("d"), m.end()):
                break
            p = DateParse(text[m.start("d") : m.end()], m.start("d"), m.end(), value, None, "day",
                          p.year, p.month, d2)
            put(p)
    out.sort(key=lambda p: p.start)
    return out


def find_dates_and_years(text: str) -> list[DateParse]:
    """What the date mention pipe writes: `find_dates` with the bare years."""
    return find_dates(text, bare_years=True)


def parse_date(s: str) -> DateParse | None:
    """Parse `s` when the whole string (stripped) is one date or range."""
    s = s.strip()
    for p in find_dates(s):
        if p.start == 0 and p.end == len(s):
            return p
    return None


# input -> (value, value_end, precision) or None
EXAMPLES: list[tuple[str, tuple | None]] = [
    ("2025年3月11日", ("2025-03-11", None, "day")),
    ("2024年05月21日", ("2024-05-21", None, "day")),
    ("2025 年 3 月 11 日", ("2025-03-11", None, "day")),
    ("２０２５年３月１１日", ("2025-03-11", None, "day")),
    ("2025-03-11", ("2025-03-11", None, "day")),
    ("2026/07/16", ("2026-07-16", None, "day")),
    ("2025.3.11", ("2025-03-11", None, "day")),
    ("2024.08.23", ("2024-08-23", None, "day")),
    ("2025年3月", ("2025-03", None, "month")),
    ("2023年6月份", ("2023-06", None, "month")),
    ("二〇二五年三月十一日", ("2025-03-11", None, "day")),
    ("二○二三年十二月", ("2023-12", None, "month")),
    ("二000年四月二十四日", ("2000-04-24", None, "day")),
    ("二〇二四年十月三十一日", ("2024-10-31", None, "day")),
    ("二○二三年", ("2023", None, "year")),
    ("2025—2027年", ("2025", "2027", "year")),
    ("2024-2026年", ("2024", "2026", "year")),
    ("2025年至2027年", ("2025", "2027", "year")),
    ("2027年1月1日至2031年12月31日", ("2027-01-01", "2031-12-31", "day")),
    ("2026年9月10日至12月31日", ("2026-09-10", "2026-12-31", "day")),
    ("2019年6月11日至14日", ("2019-06-11", "2019-06-14", "day")),
    ("2004年4月14日—15日", ("2004-04-14", "2004-04-15", "day")),
    ("2025年底", ("2025-12", None, "month")),
    ("2025年底前", ("2025-12", None, "month")),
    ("2025年前", ("2025", None, "year")),
    ("2023年1-6月", ("2023-01", "2023-06", "month")),
    ("2023年1月至6月", ("2023-01", "2023-06", "month")),
    ("2009年下半年", ("2009-07", "2009-12", "month")),
    ("2019年上半年", ("2019-01", "2019-06", "month")),
    ("8月24日", ("--08-24", None, "day")),
    ("7月", ("--07", None, "month")),
    # negatives
    ("2025年", None),
    ("〔2025〕", None),
    ("6个月", None),
    ("60日", None),
    ("2025年2月30日", None),
    ("2025-13-01", None),
    ("000014672/2026-00301", None),
    ("1.5", None),
    ("GB/T 9704-2012", None),
    ("二十大", None),
]

# sentences -> [(mention text, value, bare)] of `find_dates_and_years`
MENTION_EXAMPLES: list[tuple[str, list[tuple[str, str, bool]]]] = [
    ("该厂2009年就完成了技术改造。", [("2009年", "2009", True)]),
    ("早在2008年，两家公司就曾合作。", [("2008年", "2008", False)]),
    ("新线2015年底前建成。", [("2015年底前", "2015-12", False)]),
    ("到2030年前后，产能将翻番。", [("2030年", "2030", True)]),
    ("两次余震发生在2021年5月6日和7日。", [("2021年5月6日", "2021-05-06", False), ("7日", "2021-05-07", False)]),
    ("监测站于2021年5月6日上午9时、7日夜间记录到震动。",
     [("2021年5月6日", "2021-05-06", False), ("7日", "2021-05-07", False)]),
    ("2021年5月6日发布的7日天气预报", [("2021年5月6日", "2021-05-06", False)]),
    ("5月6日晚10时30分和8日凌晨各有一次。", [("5月6日", "--05-06", False), ("8日", "--05-08", False)]),
    ("会议于2021年5月8日和6日两次推迟。", [("2021年5月8日", "2021-05-08", False)]),
    ("2020年度报告、2020年代、〔2020〕3号、第2020年", []),
    ("2018-2020年", [("2018-2020年", "2018", False)]),
]
