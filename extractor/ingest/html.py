"""HTML input: a web page -> labelled block lines, tables, furniture, page metadata.

The page is decoded as a browser would (byte-order mark, then `<meta charset>` /
`http-equiv` content type, then UTF-8 or GB18030 by content; GB2312 and GBK labels
read as GB18030, their superset) and parsed with lxml's HTML parser (libxml2: it
repairs unclosed and misnested tags the way browsers do, and it is the parser
python-docx already depends on).

What becomes lines (one `Line` per block, `joins_next=False`, so the normaliser
never has to guess paragraph breaks), each with a `label` and the `css_path` of
its element:

- `title`: the page's document title: the first `<h1>`, or, on pages without one
  (gov.cn), the first centred bold or large paragraph. A title broken by `<br>`
  stays one line (its parts join with no break);
- `heading`: `<h2>`-`<h6>`, and a short paragraph whose text is all bold;
- `paragraph`, `list_item`, `caption`; a `<br>` ends a line;
- `table`: one line per row of a data table, cells joined by tabs (the same
  shape as text tables), plus a `TableInfo` with the cells, like PDF tables.
  Tables used for layout (nested tables, one column, or a cell longer than
  300 characters) are walked as containers instead;
- `metadata`: the rows of a page metadata table (索引号 / 发文机关 / 成文日期 / 标题 /
  发文字号 / 发布日期 …, labels in extractor/data/page_metadata_labels.tsv): the
  lines stay in the text, and each label/value pair is also returned as a
  `MetadataField` (see extractor/page_metadata.py).

What becomes furniture (kept out of the lines): `<script>`, `<style>`, `<noscript>`
and the like (kind `script`, text cut to 200 characters); `<nav>`, `<header>`,
`<footer>`, `<aside>`, `<form>` and elements whose id or class says navigation,
menu, breadcrumb, share, QR code, sidebar, banner, toolbar or copyright, and
blocks that are mostly links (`navigation`); elements hidden with
`display:none`, `visibility:hidden` or `hidden` (`hidden`); the page `<title>`
(`page_title`); and a second copy of the content (`duplicate`): pages that
carry a desktop and a mobile block repeat a run of lines, and a run of lines
that all appeared before, 200 characters or more, is dropped.

A page with no text outside the furniture is `NoContent`; bytes that lxml
cannot read as a document are `NoContent` too.
"""

from __future__ import annotations

import codecs
import re

from extractor.errors import NoContent, UndecodableText
from extractor.ingest.common import check_text_limit, text_limit
from extractor.ingest.html_walk import (
    FURNITURE_CUT,
    HEAD_LINES,
    _clean,
    _Out,
    _Walker,
    metadata_label,
)
from extractor.ingest.text import decode_text
from extractor.ingest.types import (
    FurnitureItem,
    IngestedDocument,
    IngestOptions,
    Line,
    MetadataField,
)

HTML = "text/html"
DUPLICATE_MIN_CHARS = 200
_META_CHARSET = re.compile(
    rb"<meta[^>]*?charset\s*=\s*[\"']?\s*([A-Za-z0-9_.:-]+)", re.I
)
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>", re.I)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


# --- decoding -------------------------------------------------------------------


def _browser_encoding(label: str) -> str | None:
    label = label.strip().lower()
    if label in ("gb2312", "gbk", "x-gbk", "gb_2312-80", "csgb2312", "chinese", "gb18030"):
        return "gb18030"
    if label in ("iso-8859-1", "latin1", "ascii", "us-ascii"):
        return "cp1252"  # what browsers do (WHATWG encoding labels)
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def decode_html(data: bytes) -> tuple[str, str, list[str]]:
    """(text, encoding, warnings): BOM, then <meta charset>, then UTF-8/GB18030 by content."""
    warnings: list[str] = []
    for bom, enc in ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if data.startswith(bom):
            return data.decode(enc, errors="replace"), enc, warnings
    m = _META_CHARSET.search(data[:4096])
    if m:
        enc = _browser_encoding(m.group(1).decode("ascii", "replace"))
        if enc and "utf-16" not in enc:
            try:
                return data.decode(enc), enc, warnings
            except UnicodeDecodeError:
                warnings.append(f"the page declares {m.group(1).decode('ascii', 'replace')} but is not")
    try:
        text, enc = decode_text(data)
        return text, enc, warnings
    except UndecodableText:
        enc = _browser_encoding(m.group(1).decode("ascii", "replace")) if m else None
        enc = enc or "utf-8"
        warnings.append(f"undecodable bytes replaced (read as {enc})")
        return data.decode(enc, errors="replace"), enc, warnings


def looks_like_html(data: bytes, filename: str | None = None) -> bool:
    """True for a web page: an HTML start, or several HTML tags in the first 4 KB."""
    head = data[:4096].lstrip(b"\xef\xbb\xbf\x00\t\r\n ").lower()
    if head.startswith((b"<!doctype html", b"<html", b"<head", b"<body", b"<meta")):
        return True
    if not head.startswith(b"<"):
        return False
    if filename and filename.lower().endswith((".html", ".htm", ".xhtml", ".shtml")):
        return True
    tags = re.findall(rb"</?(?:div|p|table|tr|td|span|br|a|h[1-6]|ul|li|section|article)\b", head)
    return len(tags) >= 3

# --- metadata given as lines (label：value blocks outside a table) ----------------------


def _head_end(lines: list[Line]) -> int:
    """Where a page's metadata can be: before the document's title, or in the first lines."""
    first_title = next((i for i, ln in enumerate(lines) if ln.label == "title"), len(lines))
    return max(HEAD_LINES, first_title)


def _line_metadata(out: _Out) -> None:
    """Runs of 3+ consecutive `label：value` lines with known labels, in the page's head,
    are a metadata block."""
    lines = out.lines
    i = 0
    head_end = _head_end(lines)
    while i < min(len(lines), head_end):
        j = i
        hits = []
        while j < len(lines) and lines[j].label in ("paragraph", "list_item", "heading"):
            hit = metadata_label(lines[j].text)
            if hit is None or not hit[2]:
                break
            hits.append((j, hit))
            j += 1
        if len(hits) >= 3:
            for k, (label, key, value) in hits:
                lines[k].label = "metadata"
                out.metadata.append(MetadataField(label=label, key=key, value=value, line=k))
            i = j
        else:
            i += 1


# --- duplicates -----------------------------------------------------------------------


def _drop_duplicates(out: _Out) -> None:
    """Drop runs of lines that all appeared before (a desktop and a mobile copy)."""
    seen: set[str] = set()
    keys = [re.sub(r"\s+", "", ln.text) for ln in out.lines]
    drop: set[int] = set()
    i = 0
    n = len(keys)
    while i < n:
        if keys[i] not in seen:
            seen.add(keys[i])
            i += 1
            continue
        j = i
        while j < n and keys[j] in seen:
            j += 1
        run = range(i, j)
        if sum(len(keys[k]) for k in run) >= DUPLICATE_MIN_CHARS and any(len(keys[k]) >= 20 for k in run):
            drop.update(run)
        i = j
    if not drop:
        return
    text = "\n".join(out.lines[k].text for k in sorted(drop))
    out.furniture.append(
        FurnitureItem(kind="duplicate", text=text[:FURNITURE_CUT] + ("…" if len(text) > FURNITURE_CUT else ""), page=1)
    )
    keep = [k for k in range(n) if k not in drop]
    renumber = {old: new for new, old in enumerate(keep)}
    dropped_tables = {out.table_of_line[k] for k in drop if k in out.table_of_line}
    kept_tables = {out.table_of_line[k] for k in keep if k in out.table_of_line}
    out.tables = [t for ti, t in enumerate(out.tables) if not (ti in dropped_tables and ti not in kept_tables)]
    first_meta: dict[str, MetadataField] = {}
    for f in out.metadata:
        if f.line in renumber and f.key not in first_meta:
            first_meta[f.key] = MetadataField(f.label, f.key, f.value, renumber[f.line])
    out.metadata = list(first_meta.values())
    out.lines = [out.lines[k] for k in keep]


# --- entry point ------------------------------------------------------------------------


def parse_html(text: str):
    """lxml document root for a decoded page; NoContent when there is nothing to parse."""
    from lxml import etree

    text = _CONTROL.sub("", _XML_DECL.sub("", text, count=1))  # lxml refuses NUL and C0 controls
    if not text.strip():
        raise NoContent("the page is empty")
    # plain etree elements: lxml.html's element classes cost a lookup per element
    parser = etree.HTMLParser(remove_comments=True, remove_pis=True, huge_tree=True)
    try:
        root = etree.fromstring(text, parser=parser)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError) as exc:
        raise NoContent("the page could not be read as HTML", detail=str(exc)[:200]) from exc
    if root is None:
        raise NoContent("the page could not be read as HTML")
    return root


def ingest_html(
    data: bytes,
    *,
    sha256: str,
    filename: str | None,
    options: IngestOptions,
) -> IngestedDocument:
    """The HTML backend (see the module docstring)."""
    text, encoding, warnings = decode_html(data)
    root = parse_html(text)
    furniture: list[FurnitureItem] = []
    for t in root.iter("title"):
        if t.text and t.text.strip():
            furniture.append(FurnitureItem(kind="page_title", text=_clean(t.text), page=1))
            break
    body = root.find("body")
    if body is None:
        body = root
    walker = _Walker(root, text_limit(options))
    out = walker.walk(body)
    _line_metadata(out)
    _drop_duplicates(out)
    check_text_limit(out.lines, options)
    if not any(ln.label != "metadata" for ln in out.lines):
        raise NoContent(
            "the page has no text outside navigation, scripts and page chrome",
            detail=f"{len(out.furniture)} furniture blocks, {len(out.metadata)} metadata fields",
        )
    return IngestedDocument(
        media_type=HTML,
        sha256=sha256,
        filename=filename,
        lines=out.lines,
        furniture=furniture + out.furniture,
        tables=out.tables,
        encoding=encoding,
        warnings=warnings,
        metadata=out.metadata,
    )
