"""Normaliser: wrap joining, width folding, offset map."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from extractor.ingest.types import IngestedDocument, Line
from extractor.normalize import is_wrap, normalize, normalize_char


def _doc(lines, pdf=False):
    return IngestedDocument(
        media_type="application/pdf" if pdf else "text/plain",
        sha256="0" * 64,
        filename=None,
        lines=lines,
    )


# fmt: off
CHAR_CASES = [
    ("２", "2"), ("Ａ", "A"), ("ｚ", "z"), ("％", "%"), ("\u3000", " "),
    ("\u200b", ""), ("\ufeff", ""), ("⽅", "方"), ("，", "，"), ("（", "（"),
    ("〔", "〔"), ("《", "《"), ("、", "、"), ("中", "中"),
    # small form variants: signs become ASCII, Chinese punctuation is kept
    ("\ufe6a", "%"), ("\ufe62", "+"), ("\ufe63", "-"), ("\ufe52", "."), ("\ufe64", "<"),
    ("\ufe50", "\ufe50"), ("\ufe51", "\ufe51"), ("\ufe5d", "\ufe5d"), ("\ufe59", "\ufe59"),
]
WRAP_CASES = [
    # prev, cur, joined?
    ("支持山西、河南等地煤下铝高水平开发利用，力争打造一批示范性矿山，鼓励开发利", "用，力争打造", True),
    ("（工业和信息化部、国家发展改革委牵头，自然资源部、应急管理部、国务院国资委、国家矿山安监局参加，自", "然资源部", True),
    ("工业和信息化部", "国家发展改革委", False),                      # signature block
    ("现将《铝产业高质量发展实施方案》印发给你们，请结合实际认真抓好落实。", "工业和信息化部", False),
    ("发文机关：工业和信息化部 国家发展改革委 自然资源部 生态环境部 商务部 应急管理部", "标 题：工业和信息化部等十部门关于印发", False),
    ("这是一段足够长的正文内容，它在这里被排版软件折行了但是没有标点结尾的", "一、总体要求", False),
    ("这是一段足够长的正文内容，它在这里被排版软件折行了但是没有标点结尾的", "（一）强化资源保障基础", False),
    ("关于禁止生产以一氯二氟甲烷（HCFC-22）为制冷剂的多联式空调（热泵）机组产品的公告", "为履行《保护臭氧层维也纳公约》", False),
    ("国家能源局关于进一步加快煤矿智能化建设促进煤炭高质量发展的通知", "国能发煤炭〔2024〕38号", False),
    ("国家能源局关于进一步加快煤矿智能化建设促进煤炭高质量发展的若干", "国能发煤炭〔2024〕38号", False),
    ("制发日期\t2026-09-01 这一行是网页表头的字段并且足够长足够长足够长", "国家能源局关于印发", False),
    ("6.液化天然气（不含长贸气）进口环节增值税先征后返统计表", "财政部 国家发展改革委 工业和信息化部 海关总署", False),
    # the dated history of a regulation's header: one entry a line
    ("1993年10月7日 中华人民共和国国务院令第131号发布", "2001年9月23日 《国务院关于修改〈条例〉的决定》第一次修订", False),
    ("2005年2月28日 第十届全国人民代表大会常务委员会第十四次会议通过",
     "2009年12月26日 第十一届全国人民代表大会常务委员会第十二次会议修正", False),
    ("2008年8月1日 中华人民共和国国务院令第531号公布的公共机构节能条例全文如下", "<!-- INFO END -->", False),
    # a date that starts a wrapped sentence's second half is still a wrap
    ("这是一段足够长的正文内容，它在这里被排版软件折行了但是没有标点结尾的，自", "2025年7月1日起施行。", True),
]
# fmt: on


@pytest.mark.parametrize("char,expected", CHAR_CASES)
def test_normalize_char(char, expected):
    assert normalize_char(char) == expected


@pytest.mark.parametrize("prev,cur,joined", WRAP_CASES)
def test_normalize_is_wrap(prev, cur, joined):
    assert is_wrap(prev, cur) is joined


def test_normalize_indented_line_starts_a_paragraph():
    prev = "这是一段足够长的正文内容，它在这里被排版软件折行了但是没有标点结尾的"
    assert is_wrap(prev, "下一段") is True
    assert is_wrap(prev, "下一段", indented=True) is False
    n = normalize(_doc([Line(prev), Line("\u3000\u3000下一段。")]))
    assert n.text == prev + "\n下一段。"


def test_normalize_joins_wraps_and_drops_blank_lines():
    lines = [
        Line("力争国内铝土矿资源量增长，再生铝产量达到一定规模并且持续提升，推动自"),
        Line(""),
        Line("然资源部参与。"),
        Line("二、重点任务"),
    ]
    n = normalize(_doc(lines))
    assert n.text == "力争国内铝土矿资源量增长，再生铝产量达到一定规模并且持续提升，推动自然资源部参与。\n二、重点任务"


def test_normalize_pdf_boxes_follow_characters():
    lines = [
        Line("自然资", page=1, boxes=[(0, 0, 10, 10), (10, 0, 20, 10), (20, 0, 30, 10)], joins_next=True),
        Line("源部", page=2, boxes=[(0, 50, 10, 60), (10, 50, 20, 60)], joins_next=False),
    ]
    n = normalize(_doc(lines, pdf=True))
    assert n.text == "自然资源部"
    ev = n.evidence(1, 4)
    assert ev["page"] == 1
    assert ev["bbox"] == {"x0": 10, "top": 0, "x1": 30, "bottom": 10}
    assert [b["page"] for b in ev["boxes"]] == [1, 2]
    assert ev["boxes"][1]["bbox"] == {"x0": 0, "top": 50, "x1": 10, "bottom": 60}


def test_normalize_text_input_has_no_page_evidence():
    n = normalize(_doc([Line("发文字号：工信部联原（2025）62号")]))
    ev = n.evidence(5, 19)
    assert ev["page"] is None and ev["bbox"] is None and ev["boxes"] == []


_text_line = st.text(
    alphabet=st.sampled_from(list("自然资源部铝土矿，。、（）0123456789ＡＢ２３ \u3000\u200b")),
    max_size=40,
)


@given(st.lists(_text_line, max_size=8))
def test_normalize_offset_map_is_total(lines):
    """Every output character maps to a line whose text produced it."""
    n = normalize(_doc([Line(t) for t in lines]))
    assert len(n.line_of) == len(n.text)
    for i, c in enumerate(n.text):
        li = n.line_of[i]
        if li == -1:
            assert c in "\n "
        else:
            src = lines[li]
            assert any(normalize_char(s) == c for s in src)
    assert "\n\n" not in n.text
    assert n.text == n.text.strip()


def test_lines_skip_the_translation_only_when_no_character_changes():
    """_clean_line translates a line only when it holds a character normalize_char
    changes: the pattern must name exactly those, over every code point."""
    from extractor.normalize import _CHANGING, normalize_char

    wrong = [o for o in range(0x110000) if not 0xD800 <= o <= 0xDFFF
             and (normalize_char(chr(o)) != chr(o)) != bool(_CHANGING.match(chr(o)))]
    assert wrong == []
