"""Text input: decode bytes (UTF-8, UTF-8 with BOM, UTF-16 with BOM, GB18030)."""

from __future__ import annotations

from extractor.errors import EmptyInput, UndecodableText
from extractor.ingest.types import TEXT, IngestedDocument, IngestOptions, Line

# Order matters: UTF-8 is strict and rarely decodes non-UTF-8 bytes by accident;
# GB18030 is a superset of GBK and GB2312.
_BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)


# Characters compared when both UTF-8 and GB18030 decode the bytes (a sample is
# enough, and a 50 MB file is not scanned twice in Python).
SNIFF_CHARS = 65536


def decode_text(data: bytes) -> tuple[str, str]:
    """Return (text, encoding name). Raises UndecodableText or EmptyInput."""
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(enc), enc
            except UnicodeDecodeError as exc:
                raise UndecodableText(f"text starts with a {enc} BOM but does not decode") from exc
    candidates: list[tuple[str, str]] = []
    for enc in ("utf-8", "gb18030"):
        try:
            candidates.append((data.decode(enc), enc))
        except UnicodeDecodeError:
            continue
    if not candidates:
        raise UndecodableText("text is neither UTF-8 nor GB18030/GBK")
    if len(candidates) == 2 and _cjk_share(candidates[1][0][:SNIFF_CHARS]) > _cjk_share(
        candidates[0][0][:SNIFF_CHARS]
    ):
        # Short GBK byte runs can also be valid UTF-8 (一一 = D2BB D2BB = "һһ"):
        # take the reading that is more Chinese.
        return candidates[1]
    return candidates[0]


def _cjk_share(text: str) -> float:
    non_ascii = [c for c in text if ord(c) > 127]
    if not non_ascii:
        return 0.0
    cjk = sum(1 for c in non_ascii if "\u4e00" <= c <= "\u9fff" or "\u3000" <= c <= "\u303f" or "\uff00" <= c <= "\uffef")
    return cjk / len(non_ascii)


def looks_binary(data: bytes) -> bool:
    """True for bytes that are clearly not text (NULs or many control bytes)."""
    head = data[:4096]
    if not head:
        return False
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return False
    if b"\x00" in head:
        return True
    ctrl = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13, 27))
    return ctrl / len(head) > 0.05


def text_lines(text: str) -> list[Line]:
    """Split decoded text into physical lines; the normaliser joins wraps."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise EmptyInput("the text is empty")
    return [Line(text=t) for t in text.split("\n")]


def ingest_text(data: bytes, *, sha256: str, filename: str | None,
                options: IngestOptions) -> IngestedDocument:
    """The text backend: decode, refuse a text over `options.max_text_chars`, split lines."""
    text, encoding = decode_text(data)
    options.check_text_chars(len(text))
    return IngestedDocument(
        media_type=TEXT,
        sha256=sha256,
        filename=filename,
        lines=text_lines(text),
        encoding=encoding,
    )
