"""Input alone never causes an internal error, and nothing carries over from one
document to the next in a process.

Hypothesis feeds random and structured garbage (bytes, Unicode, runs of entity
fragments, damaged PDFs) to `extract()`: each gives a valid result whose evidence
lies inside its text, or an `ExtractorError`. Sizes stay small so this runs in
seconds; the scaling of large inputs is measured by scripts/fuzz_scale.py.
"""

from __future__ import annotations

import hashlib
import random
from functools import cache

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extractor.core import extract
from extractor.errors import ExtractorError
from extractor.ingest import IngestOptions
from tests.test_pdf_edge_cases import ZERO_PAGES, encrypted, make_pdf, zero_pages_pdfium

FAST = IngestOptions(ocr=False)
SETTINGS = settings(max_examples=40, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.too_slow])

# pieces of the entities the pipelines look for, and of what breaks naive grammars
FRAGMENTS = [
    "国办发〔2023〕12号", "工信部联原（2025）62号", "2023年12月31日", "2025-03-11", "二〇二五年",
    "产量达到1200万吨", "同比增长5.2%", "20万吨以内", "工业和信息化部", "国家发展改革委",
    "锂、钴、镍", "稀土", "内蒙古自治区", "第一条", "一、总体要求", "（一）", "到2025年，",
    "牵头", "按职责分工负责", "《关于加强稀土管理的通知》", "预计", "环比", "元/吨", "亿元",
    "（", "）", "《", "》", "〔", "〕", "“", "”", "——", "、", "，", "。", "：", "\n", " ", "\u3000",
    "0", "9", "%", "万", "亿", "第", "号", "年", "月", "日", "\ufeff", "\u200b", "\t",
]


def _spans(obj, out: list[tuple[int, int]]) -> list[tuple[int, int]]:
    if isinstance(obj, dict):
        if isinstance(obj.get("start"), int) and isinstance(obj.get("end"), int):
            out.append((obj["start"], obj["end"]))
        for v in obj.values():
            _spans(v, out)
    elif isinstance(obj, list):
        for v in obj:
            _spans(v, out)
    return out


def check(data: bytes, filename: str) -> str:
    """Extract; return 'ok' or the error code. Anything else fails the test."""
    try:
        result = extract(data, filename=filename, options=FAST)
    except ExtractorError as exc:
        assert exc.code and exc.message
        return exc.code
    n = len(result.text)
    for start, end in _spans(result.model_dump(mode="json"), []):
        assert 0 <= start <= end <= n, (start, end, n)
    return "ok"


@SETTINGS
@given(st.binary(max_size=3000))
def test_random_bytes(data):
    check(data, "random.bin")


@SETTINGS
@given(st.text(max_size=1500))
def test_random_unicode_text(text):
    check(text.encode("utf-8"), "random.txt")


@SETTINGS
@given(st.lists(st.sampled_from(FRAGMENTS) | st.text(max_size=6), max_size=150))
def test_structured_garbage(parts):
    check("".join(parts).encode("utf-8"), "garbage.txt")


@SETTINGS
@given(st.sampled_from(FRAGMENTS[:25]), st.integers(1, 400), st.sampled_from(["", "\n", "，"]))
def test_one_fragment_repeated(fragment, times, sep):
    check(((fragment + sep) * times).encode("utf-8"), "repeat.txt")


@SETTINGS
@given(st.integers(0, 60), st.sampled_from("（《【「“〔"))
def test_deep_nesting(depth, opener):
    closer = {"（": "）", "《": "》", "【": "】", "「": "」", "“": "”", "〔": "〕"}[opener]
    check((opener * depth + "国办发〔2023〕12号" + closer * depth).encode("utf-8"), "nest.txt")


@cache
def _small_pdf() -> bytes:
    return make_pdf(pages=2)


@SETTINGS
@given(st.data())
def test_damaged_pdf(data):
    pdf = bytearray(_small_pdf())
    how = data.draw(st.sampled_from(["truncate", "overwrite", "insert", "delete"]))
    at = data.draw(st.integers(0, len(pdf) - 1))
    if how == "truncate":
        pdf = pdf[: max(8, at)]
    elif how == "overwrite":
        chunk = data.draw(st.binary(min_size=1, max_size=64))
        pdf[at : at + len(chunk)] = chunk
    elif how == "insert":
        pdf[at:at] = data.draw(st.binary(min_size=1, max_size=64))
    else:
        del pdf[at : at + data.draw(st.integers(1, 200))]
    check(bytes(pdf), "damaged.pdf")


# ----------------------------------------------------------------------------- no carry-over


def _bad_and_good_inputs() -> list[tuple[str, bytes]]:
    notice = ("关于加强稀土管理的通知\n国办发〔2023〕12号\n各有关单位：\n"
              "到2025年，稀土冶炼分离产能控制在20万吨以内。\n工业和信息化部\n2023年12月31日\n")
    good_pdf = make_pdf(pages=2)
    return [
        ("encrypted.pdf", encrypted("secret", "owner")),
        ("zero_pages.pdf", zero_pages_pdfium()),
        ("zero_pages_min.pdf", ZERO_PAGES),
        ("truncated.pdf", good_pdf[: len(good_pdf) // 2]),
        ("garbage.pdf", b"%PDF-1.7\n" + bytes(range(256)) * 20),
        ("spaces.pdf", make_pdf(text=" " * 30)),
        ("too_many_pages.pdf", make_pdf(pages=4)),
        ("empty.txt", b"  \n\t\n"),
        ("binary.bin", b"\x00\x01\x02\x03binary\x00" * 10),
        ("bad_bom.txt", b"\xef\xbb\xbf\xff\xfe\xfd"),
        ("too_long.txt", ("稀土" * 3000).encode()),
        ("notice.txt", notice.encode()),
        ("notice.pdf", good_pdf),
    ]


def _outcome(name: str, data: bytes) -> str:
    options = IngestOptions(ocr=False, max_pages=3, max_text_chars=5000)
    try:
        result = extract(data, filename=name, options=options)
    except ExtractorError as exc:
        return exc.code
    return "ok " + hashlib.sha256(result.model_dump_json().encode()).hexdigest()[:16]


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_outcomes_do_not_depend_on_what_came_before(seed):
    """The bad-input set (and two good documents) in several orders in one process:
    each file gets the same code (or the same result) every time."""
    inputs = _bad_and_good_inputs()
    reference = {name: _outcome(name, data) for name, data in inputs}
    expected_errors = {
        "encrypted.pdf": "encrypted_pdf", "zero_pages.pdf": "empty_pdf",
        "zero_pages_min.pdf": "empty_pdf", "truncated.pdf": "corrupt_pdf",
        "garbage.pdf": "corrupt_pdf", "spaces.pdf": "no_text_layer",
        "too_many_pages.pdf": "too_many_pages", "empty.txt": "empty_input",
        "binary.bin": "unsupported_media_type", "bad_bom.txt": "undecodable_text",
        "too_long.txt": "too_large",
    }
    assert {n: reference[n] for n in expected_errors} == expected_errors
    assert reference["notice.txt"].startswith("ok") and reference["notice.pdf"].startswith("ok")
    for order in (list(reversed(inputs)), random.Random(seed).sample(inputs, len(inputs))):
        got = {name: _outcome(name, data) for name, data in order}
        assert got == reference, [n for n, _ in order]
