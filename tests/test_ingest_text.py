"""Text ingestion: encodings, BOMs, bad input."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from extractor.errors import EmptyInput, InputNotFound, UnsupportedMediaType
from extractor.ingest import ingest
from extractor.ingest.text import decode_text

SAMPLE = "发文字号：工信部联原〔2025〕62号\n成文日期：2025年3月11日\n"


@pytest.mark.parametrize(
    "data,encoding",
    [
        (SAMPLE.encode("utf-8"), "utf-8"),
        (b"\xef\xbb\xbf" + SAMPLE.encode("utf-8"), "utf-8-sig"),
        (SAMPLE.encode("gb18030"), "gb18030"),
        (SAMPLE.encode("gbk"), "gb18030"),
        (SAMPLE.encode("utf-16"), "utf-16"),
    ],
)
def test_ingest_text_detects_encoding(data, encoding):
    doc = ingest(data)
    assert doc.encoding == encoding
    assert doc.media_type == "text/plain"
    assert "\n".join(line.text for line in doc.lines).startswith("发文字号：工信部联原〔2025〕62号")


@given(st.text(alphabet=st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5), min_size=2))
def test_ingest_text_gb18030_round_trip(text):
    assert decode_text(text.encode("gb18030"))[0] == text


@pytest.mark.parametrize(
    "data,error",
    [
        (b"", EmptyInput),
        (b"   \n\t ", EmptyInput),
        (b"\x00\x01\x02\x03binary\x00\x00", UnsupportedMediaType),
        (bytes(range(256)) * 4, UnsupportedMediaType),
    ],
)
def test_ingest_text_bad_input(data, error):
    with pytest.raises(error) as info:
        ingest(data)
    assert info.value.code and info.value.message


def test_ingest_missing_file(tmp_path):
    with pytest.raises(InputNotFound):
        ingest(tmp_path / "nope.txt")


def test_ingest_sha256_is_of_the_bytes(tmp_path):
    import hashlib

    p = tmp_path / "a.txt"
    p.write_bytes(SAMPLE.encode("utf-8"))
    assert ingest(p).sha256 == hashlib.sha256(SAMPLE.encode("utf-8")).hexdigest()
