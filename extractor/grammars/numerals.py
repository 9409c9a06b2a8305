"""Chinese numerals on spans: the one converter of the project, over cn2an.

cn2an converts numerals well on a span and badly on whole texts (二十大 -> 20大), so
the grammars find the span (a quantity, a date, a duration) and call this module on
it. The character tables are shared by the grammars that write numeral classes.

- `cn_digit("三") == 3`, `cn_digit("３") == 3`: one digit, Chinese or Arabic;
- `cn_to_number("二十五万") == 250000.0`, `"三点五"` -> 3.5, `"十五"` -> 15.0; a string
  of three or more digits is read digit by digit (`"二〇二五"` -> 2025.0, a year); a
  leading unit counts one (`"百"` -> 100.0); None when the span is not one numeral
  (`"十五五"`, `"一二"`, `"万"`);
- `cn_int("二十四") == 24`, `cn_int("０５") == 5`: small integers as written in dates
  and durations (`"半"` is not an integer: `cn_to_number("半") == 0.5`).
cn2an is imported on the first numeral that needs it (it costs a third of a second).
"""

from __future__ import annotations

CN_DIGITS: dict[str, int] = {
    "〇": 0, "零": 0, "○": 0, "0": 0, "一": 1, "壹": 1, "二": 2, "贰": 2, "两": 2,
    "三": 3, "叁": 3, "四": 4, "肆": 4, "五": 5, "伍": 5, "六": 6, "陆": 6,
    "七": 7, "柒": 7, "八": 8, "捌": 8, "九": 9, "玖": 9,
}
CN_UNITS = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
CN_BIG = {"万": 10_000, "亿": 100_000_000}
# the characters of a Chinese numeral run (no Arabic digits)
CN_CHARS = "".join(CN_DIGITS).replace("0", "") + "".join(CN_UNITS) + "".join(CN_BIG)
_NUMERAL_CHARS = frozenset(CN_DIGITS) | frozenset(CN_UNITS) | frozenset(CN_BIG) | {"点"}

_ANY_DIGIT = dict(CN_DIGITS)
for _i in range(10):
    _ANY_DIGIT[str(_i)] = _i
    _ANY_DIGIT[chr(0xFF10 + _i)] = _i
_ANY_DIGIT.update({"O": 0, "o": 0, "Ｏ": 0})
_ZERO_TO_CN = str.maketrans({"○": "〇", "0": "〇"})
_FULL_WIDTH = str.maketrans("０１２３４５６７８９", "0123456789")


def cn_digit(ch: str) -> int | None:
    """One digit, Chinese or Arabic (half- or full-width); None for anything else."""
    return _ANY_DIGIT.get(ch)


def _cn2an(s: str) -> float | None:
    import cn2an  # lazy: only documents with Chinese numerals pay for it

    try:
        return float(cn2an.cn2an(s.translate(_ZERO_TO_CN), "normal"))
    except (ValueError, KeyError, IndexError, TypeError):
        return None


# one-character spans (一, 三, 十: most of them) by their value, each converted once
_ONE_CHAR: dict[str, float | None] = {}


def cn_to_number(s: str) -> float | None:
    """The value of one Chinese numeral span (see the module docstring); None if malformed."""
    if len(s) == 1 and s in _NUMERAL_CHARS:
        if s not in _ONE_CHAR:
            _ONE_CHAR[s] = _cn_to_number(s)
        return _ONE_CHAR[s]
    return _cn_to_number(s)


def _cn_to_number(s: str) -> float | None:
    if not s or any(c not in CN_DIGITS and c not in CN_UNITS and c not in CN_BIG and c != "点" for c in s):
        return None
    if "点" in s:
        whole, _, frac = s.partition("点")
        w = cn_to_number(whole) if whole else None
        if w is None or not frac or any(c not in CN_DIGITS for c in frac):
            return None
        return float(f"{int(w)}.{''.join(str(CN_DIGITS[c]) for c in frac)}")
    if len(s) >= 3 and all(c in CN_DIGITS for c in s):  # a digit string: 二〇二五
        return float("".join(str(CN_DIGITS[c]) for c in s))
    for a, b in zip(s, s[1:]):
        if a in CN_DIGITS and b in CN_DIGITS and CN_DIGITS[a] and CN_DIGITS[b]:
            return None  # 一二, 十五五: two numbers, not one
    if s[0] in CN_UNITS:  # 百 / 千万: one hundred (十五 is fine as it is)
        s = ("" if s[0] in "十拾" else "一") + s
    if s[0] in CN_BIG:
        return None
    return _cn2an(s)


def cn_int(s: str) -> int | None:
    """A small integer as written in dates and durations: 11, ０５, 十一, 二十四, 三十一."""
    s = s.strip().translate(_FULL_WIDTH)
    if s.isascii() and s.isdigit():
        return int(s)
    if len(s) == 1 and s in _ANY_DIGIT:
        return _ANY_DIGIT[s]
    if "十" in s:
        v = cn_to_number(s)
        return None if v is None else int(v)
    return None


def cn_year(s: str) -> int | None:
    """A four-digit year, Arabic or digit by digit in Chinese (二〇二五, 二000), 1900-2100."""
    if len(s) != 4 or any(c not in _ANY_DIGIT for c in s):
        return None
    y = int("".join(str(_ANY_DIGIT[c]) for c in s))
    return y if 1900 <= y <= 2100 else None
