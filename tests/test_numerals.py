"""grammars/numerals.py: the one Chinese-numeral converter (over cn2an), and the
language data read through gazetteers (document types, date cues)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from extractor.gazetteers import doc_types, relative_years
from extractor.grammars.numerals import cn_digit, cn_int, cn_to_number, cn_year

# fmt: off
NUMBERS = [
    ("二十五万", 250000), ("十五", 15), ("三十", 30), ("一百", 100), ("一千二百", 1200), ("两万", 20000),
    ("三点五", 3.5), ("二〇二五", 2025), ("二○二五", 2025), ("一万亿", 1e12), ("三亿五千万", 350000000),
    ("一百零五", 105), ("三百五", 350), ("一万五", 15000), ("百", 100), ("千万", 10_000_000),
    ("壹佰贰拾", 120),
    ("十五五", None), ("万", None), ("一二", None), ("", None), ("二十大", None), ("3", None),
]
# fmt: on


@pytest.mark.parametrize("s,value", NUMBERS)
def test_numerals_cn_to_number(s, value):
    assert cn_to_number(s) == value


@pytest.mark.parametrize(
    "s,value",
    [("11", 11), ("０５", 5), ("十一", 11), ("二十四", 24), ("三十一", 31), ("十", 10), ("两", 2),
     ("〇五", None), ("²", None), ("", None)],
)
def test_numerals_small_integers(s, value):
    assert cn_int(s) == value


@pytest.mark.parametrize("s,value", [("二〇二五", 2025), ("二000", 2000), ("2025", 2025), ("１９９８", 1998),
                                     ("二〇二", None), ("1850", None)])
def test_numerals_years(s, value):
    assert cn_year(s) == value


@given(st.integers(min_value=0, max_value=9))
def test_numerals_digits(n):
    assert cn_digit(str(n)) == n == cn_digit(chr(0xFF10 + n))
    assert cn_digit("〇一二三四五六七八九"[n]) == n


def test_doc_types_are_data_with_uses():
    for use in ("title", "reference", "title_line", "head_title", "organ_tail", "notice_title"):
        words = doc_types(use)
        assert "通知" in words or use == "organ_tail" and "请示" in words
        assert list(words) == sorted(words, key=len, reverse=True)
    assert doc_types("title").index("意见稿") < doc_types("title").index("意见")
    with pytest.raises(KeyError):
        doc_types("nothing")


def test_relative_years_are_data():
    assert relative_years() == {"今年": 0, "本年": 0, "当年": 0, "全年": 0, "去年": -1, "上年": -1,
                                "明年": 1, "次年": 1}


def test_one_character_numerals_are_converted_as_any_span():
    """cn_to_number keeps the value of each one-character numeral after its first
    conversion: the same value as the conversion itself, for every numeral character."""
    from extractor.grammars.numerals import _NUMERAL_CHARS, _cn_to_number, cn_to_number

    for ch in sorted(_NUMERAL_CHARS):
        assert cn_to_number(ch) == _cn_to_number(ch), ch
        assert cn_to_number(ch) == _cn_to_number(ch), ch  # the kept value
