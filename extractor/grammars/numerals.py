"""Chinese numerals on spans: the one converter of the project, over cn2an.

cn2an converts numerals well on a span and badly on whole texts (二十大 -> 20大), so
the grammars find the span (a date, a quantity, a duration) and call this module on
it. The digit table is shared by every grammar that writes a numeral class in a regex.

- `cn_digit("三") == 3`, `cn_digit("3") == 3` (one digit, Chinese or Arabic, full-width too);
- `cn_to_number("二十五万") == 250000.0`, `"三点五"` -> 3.5, `"二〇二五"` -> 2025.0 (a digit
  string is read digit by digit), `"半"` -> 0.5; None when the span is not one numeral
  (十五五, 一二).
"""

from __future__ import annotations

CN_DIGITS: dict[str, int] = {
    "〇": 0, "零": 0, "○": 0, "Ｏ": 0, "一": 1, "壹": 1, "二": 2, "贰": 2, "两": 2,
    "三": 3, "叁": 3, "四": 4, "肆": 4, "五": 5, "伍": 5, "六": 6, "陆": 6,
    "七": 7, "柒": 7, "八": 8, "捌": 8, "九": 9, "玖": 9,
}
for _i in range(10):
    CN_DIGITS.setdefault(str(_i), _i)
    CN_DIGITS.setdefault(chr(0xFF10 + _i), _i)


def cn_digit(ch: str) -> int | None:
    """One digit, Chinese or Arabic (half- or full-width); None for anything else."""
    return CN_DIGITS.get(ch)
