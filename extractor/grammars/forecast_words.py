"""The word classes of forecasts, read once: `data/forecast_cues.tsv` (`forecast_cues`) and
the direction words UP / DOWN / FLAT (built from `data/report_cues.tsv` and forecast_cues.tsv).
The clause grammar (`forecast_clause`), the market-quantity grammar (`forecast_market`) and the
subject rules (`forecast_subject`) all import them from here, so none imports another for them."""

from __future__ import annotations

import re
from functools import lru_cache

from extractor.gazetteers import read_tsv
from extractor.grammars.institutions import cues


@lru_cache(maxsize=None)
def forecast_cues(kind: str) -> dict[str, str]:
    """cue -> value for one kind of data/forecast_cues.tsv."""
    return {row["cue"]: row["value"] for row in read_tsv("forecast_cues.tsv") if row["kind"] == kind}


def _alternation(words) -> str:
    return "|".join(map(re.escape, sorted(words, key=len, reverse=True)))


# one-character cues inside longer words that are no cue (原材料, 饲料, 燃料); a view negated or
# used as a modifier is no view (并不看好, 看好的理由)
_GUARD = {"料": (r"(?<![材原饲燃资肥涂塑布预史照物废配香木颜])", ""), "看好": (r"(?<![不未极])", r"(?!的)")}


def _with_cues(kind: str, pattern: str, *own: tuple[str, str]) -> re.Pattern:
    """`pattern` plus the words of one kind of data/report_cues.tsv and the (kind, value)
    classes `own` of data/forecast_cues.tsv (value "" = every word of the kind)."""
    extra = [w for k, v in own for w, val in forecast_cues(k).items() if not v or val == v]
    words = sorted({*cues(kind), *extra}, key=len, reverse=True)
    return re.compile(pattern + "".join("|" + re.escape(w) for w in words))


# a projected figure reached (将达到30万吨, 有望达200亿元, 将会突破5000台): a rise to it
REACH = r"(?:达到|突破|达)(?=\s*(?:约|近|超)?\s*[\d一二三四五六七八九十两百千万亿])"
# a multiple of the present level (将是现在的三倍): a rise to it
MULTIPLE = r"是(?:目前|当前|现在|今年|去年)(?:的)?(?:水平)?的[\d一二三四五六七八九十两几数]+倍"
UP = _with_cues("forecast_up", REACH + "|" + MULTIPLE + r"|新增|上移|改善|好转|上升|提高|提升|增加|上涨|走高|反弹|增长|扩大|强化|攀升|飙升|回升|走强|偏强|重估|凸显|加速|集中|支撑(?!位)", ("view", "up"), ("transitive", "up"), ("up", ""))
DOWN = _with_cues("forecast_down", r"被[^，,；;。]{0,8}?(?:替代|取代|挤占)|下移|短缺|过剩|恶化|放缓|减弱|承压|下降|减少|收缩|下跌|回落|走低|下滑|萎缩|降低|走弱|偏弱|下行|缩减|退出", ("view", "down"), ("transitive", "down"), ("down", ""))
FLAT = _with_cues("forecast_flat", r"≈\s*0|持平|有限(?!公司|责任)|平稳|稳定|震荡|盘整|不大|甚微|变化不大|区间(?:内)?(?:运行|波动)", ("flat", ""))
_REACH = re.compile(REACH)


def reached_only(clause: str) -> bool:
    """True when the clause's only rise is a figure reached (产量将达到30万吨): a trend call
    when years ahead, an estimate of a statistic (statistics.projected) within the year."""
    ups = list(UP.finditer(clause))
    return bool(ups) and all(_REACH.match(clause, m.start()) for m in ups) and not DOWN.search(clause) and not FLAT.search(clause)


# --- a first-character look-ahead for patterns scanned over a whole text ---------------------
# Python's regex engine tries a pattern that opens with a look-behind (CALENDAR, _PERIOD_AHEAD),
# an optional word or an alternation of groups at every position of the text; opened with a
# look-ahead on the characters a match can start with, it skips the other positions at once
# (_PERIOD_AHEAD over the 100k report seed: 8 ms -> 1 ms). The look-ahead adds no condition: the
# set is read from the pattern itself, and a pattern whose first character cannot be told (it may
# match empty, or open with . \S [^…]) is returned as it is.

def _first_set(items) -> tuple[list[str] | None, bool]:
    """(class items of the characters a match of the parsed sequence `items` can start with,
    None when any; whether the sequence can match empty)."""
    from re import _constants as c

    out: list[str] = []
    for op, av in items:
        if op is c.LITERAL:
            return out + [re.escape(chr(av))], False
        if op is c.IN:
            for iop, iav in av:
                if iop is c.LITERAL:
                    out.append(re.escape(chr(iav)))
                elif iop is c.RANGE:
                    out.append(re.escape(chr(iav[0])) + "-" + re.escape(chr(iav[1])))
                elif iop is c.CATEGORY and iav is c.CATEGORY_DIGIT:
                    out.append(r"\d")
                elif iop is c.CATEGORY and iav is c.CATEGORY_SPACE:
                    out.append(r"\s")
                else:
                    return None, False  # a negated class or another category
            return out, False
        if op is c.BRANCH:
            nullable = False
            for alt in av[1]:
                got, empty = _first_set(alt)
                if got is None:
                    return None, False
                out += got
                nullable = nullable or empty
            if not nullable:
                return out, False
        elif op is c.SUBPATTERN:
            got, empty = _first_set(av[-1])
            if got is None:
                return None, False
            out += got
            if not empty:
                return out, False
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
            got, empty = _first_set(av[2])
            if got is None:
                return None, False
            out += got
            if av[0] > 0 and not empty:
                return out, False
        elif op in (c.ASSERT, c.ASSERT_NOT, c.AT):
            continue  # zero width: the character after it opens the match
        else:
            return None, False  # ., a back-reference, a conditional …
    return out, True


def first_chars(pattern: str) -> str | None:
    """A character class ("[…]") holding every character a match of `pattern` can start with,
    None when it cannot be told (a match may be empty or open with any character)."""
    from re import _parser

    items, nullable = _first_set(_parser.parse(pattern))
    return None if items is None or nullable or not items else "[" + "".join(dict.fromkeys(items)) + "]"


LED: list[tuple[re.Pattern, re.Pattern]] = []  # (pattern, led pattern): tests check they agree


def leading(rx: re.Pattern) -> re.Pattern:
    """`rx` opened with a look-ahead on its first characters (`first_chars`): the same matches
    (spans and groups), found without trying every position of a long text. The pattern string
    changes: build other patterns from the original's `.pattern`, before leading it."""
    cls = first_chars(rx.pattern)
    if cls is None:
        return rx
    led = re.compile(f"(?={cls})(?:{rx.pattern})", rx.flags)
    LED.append((rx, led))
    return led


# the direction words are searched in every clause read
UP, DOWN, FLAT = leading(UP), leading(DOWN), leading(FLAT)
