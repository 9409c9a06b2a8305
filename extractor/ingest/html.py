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
from dataclasses import dataclass, field
from functools import lru_cache

from extractor.errors import NoContent, UndecodableText
from extractor.ingest.common import check_text_limit, over_text_limit, text_limit
from extractor.ingest.text import decode_text
from extractor.ingest.types import (
    FurnitureItem,
    IngestedDocument,
    IngestOptions,
    Line,
    MetadataField,
    TableInfo,
)

HTML = "text/html"
FURNITURE_CUT = 200  # characters kept of script / hidden / duplicate furniture
DUPLICATE_MIN_CHARS = 200
LAYOUT_CELL_CHARS = 300
HEAD_LINES = 30  # metadata is read before the title or in the first lines

_SKIP = frozenset(
    "script style noscript template iframe object embed svg canvas select button input "
    "textarea map area audio video source track head meta link base".split()
)
_CHROME_TAGS = frozenset({"nav", "header", "footer", "aside", "form", "menu"})
_CHROME_NAME = re.compile(
    r"(?:^|[-_\s])(?:nav|navbar|navigation|menu|breadcrumbs?|crumbs?|footer|share|bdshare|qr|qrcode|"
    r"sidebar|banner|toolbar|copyright|login|search|position|location)(?:[-_\s\d]|$)",
    re.I,
)
_BLOCK = frozenset(
    "p div h1 h2 h3 h4 h5 h6 li ul ol dl dt dd table thead tbody tfoot tr td th caption "
    "figcaption figure blockquote pre section article main center address hr body html".split()
)
_HEADINGS = frozenset("h2 h3 h4 h5 h6".split())
_TABLE_PARTS = frozenset("table thead tbody tfoot tr td th".split())
_BOLD = frozenset({"b", "strong"})
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_CENTER_STYLE = re.compile(r"text-align\s*:\s*center", re.I)
_BOLD_STYLE = re.compile(r"font-weight\s*:\s*(?:bold|[6-9]00)", re.I)
_FONT_SIZE = re.compile(r"font-size\s*:\s*(\d+(?:\.\d+)?)\s*(pt|px)", re.I)
_META_CHARSET = re.compile(
    rb"<meta[^>]*?charset\s*=\s*[\"']?\s*([A-Za-z0-9_.:-]+)", re.I
)
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>", re.I)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_WS = re.compile(r"[ \t\n\r\f]+")
_ID_OK = re.compile(r"^[A-Za-z][A-Za-z0-9_-]*$")
_LABEL_CELL = re.compile(r"^[\s\u3000]*([\u4e00-\u9fff][\u4e00-\u9fff\s\u3000]{0,8}?)[\s\u3000]*[：:][\s\u3000]*(.*)$", re.S)
# a document number on a line of its own: 国办函〔2005〕21号, 第707号
_NUMBER_LINE = re.compile(
    r"(?:[〔\[（(【﹝［]\s*(?:19|20)\d{2}\s*[〕\]）)】﹞］]\s*\d+\s*号|^第\s*\d+\s*号)\s*$"
)
_SOFT = "\x01"  # collapsed source whitespace: dropped between CJK characters


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


# --- labels -----------------------------------------------------------------------


@lru_cache(maxsize=1)
def metadata_labels() -> dict[str, str]:
    """Metadata table label (spaces removed) -> canonical key."""
    from extractor.gazetteers import read_tsv

    return {r["label"]: r["key"] for r in read_tsv("page_metadata_labels.tsv")}


def metadata_label(cell: str) -> tuple[str, str, str] | None:
    """(label as written, key, value) when a cell reads `label：value` or `label：`."""
    m = _LABEL_CELL.match(cell)
    if not m:
        return None
    label = re.sub(r"[\s\u3000]+", "", m.group(1))
    key = metadata_labels().get(label)
    if key is None:
        return None
    return m.group(1).strip(), key, m.group(2).strip()


# --- the walk -----------------------------------------------------------------------


@dataclass
class _Block:
    pieces: list[str] = field(default_factory=list)
    bold: list[bool] = field(default_factory=list)
    path: str = ""
    label: str = "paragraph"
    joins: bool = False  # <br> inside a title: parts join with no break


@dataclass
class _Out:
    lines: list[Line] = field(default_factory=list)
    tables: list[TableInfo] = field(default_factory=list)
    table_of_line: dict[int, int] = field(default_factory=dict)
    metadata: list[MetadataField] = field(default_factory=list)
    furniture: list[FurnitureItem] = field(default_factory=list)


def _cjk(c: str) -> bool:
    return "\u2e80" <= c <= "\u9fff" or "\uf900" <= c <= "\ufaff" or "\uff00" <= c <= "\uffef" or "\u3000" < c <= "\u303f"


def _finish_text(raw: str) -> str:
    """Collapse source whitespace; drop it between CJK characters (a source line break)."""
    if _SOFT not in raw:
        return raw
    out: list[str] = []
    parts = raw.split(_SOFT)
    for i, part in enumerate(parts):
        if i and part is not None:
            prev = out[-1][-1:] if out and out[-1] else ""
            nxt = part[:1]
            if prev and nxt and not (_cjk(prev) and _cjk(nxt)) and prev != " " and nxt != " ":
                out.append(" ")
        out.append(part)
    return "".join(out)


def _soft(text: str | None) -> str:
    return _WS.sub(_SOFT, text) if text else ""


def _clean(text: str) -> str:
    return _finish_text(_soft(text)).strip(" ")


def _style(el) -> str:
    return el.get("style") or ""


def _is_hidden(el) -> bool:
    return el.get("hidden") is not None or bool(_HIDDEN_STYLE.search(_style(el)))


def _is_chrome(el) -> bool:
    if el.tag in _CHROME_TAGS:
        return True
    name = f"{el.get('id') or ''} {el.get('class') or ''}"
    return bool(name.strip()) and bool(_CHROME_NAME.search(name))


def _text_of(el) -> str:
    return _clean(" ".join(el.itertext()))


def _link_heavy(el) -> bool:
    """A block that is mostly links (a menu, a list of related pages)."""
    links = el.findall(".//a")
    if len(links) < 3:
        return False
    total = len(re.sub(r"\s+", "", "".join(el.itertext())))
    if total == 0:
        return True
    linked = sum(len(re.sub(r"\s+", "", "".join(a.itertext()))) for a in links)
    return linked / total > 0.7


def _font_size(style: str) -> float:
    m = _FONT_SIZE.search(style)
    if not m:
        return 0.0
    v = float(m.group(1))
    return v if m.group(2).lower() == "pt" else v * 0.75


def _title_candidate(el) -> bool:
    """A centred paragraph that is bold or large: how gov.cn pages set a title."""
    text = _text_of(el)
    if not (2 <= len(text) <= 150) or metadata_label(text) or _NUMBER_LINE.search(text):
        return False
    anc = [el, *el.iterancestors()][:4]
    centred = el.tag == "center" or any(
        (a.get("align") or "").lower() == "center" or _CENTER_STYLE.search(_style(a)) for a in anc
    )
    if not centred:
        return False
    styles = [_style(d) for d in el.iter()] + [_style(a) for a in anc]
    bold = any(d.tag in _BOLD for d in el.iter()) or any(_BOLD_STYLE.search(s) for s in styles)
    large = max((_font_size(s) for s in styles), default=0.0) >= 15
    return bold or large


def _title_elements(root) -> list:
    """The elements holding the document title: the first <h1> with text; else the
    first centred bold or large paragraph among the first 40 blocks, with the ones
    right after it that look the same (a title set over two paragraphs)."""
    for h in root.iter("h1"):
        if _text_of(h):
            return [h]
    found: list = []
    seen = 0
    for el in root.iter("p", "div", "center"):
        if el.tag == "div" and any(c.tag in _BLOCK for c in el):
            continue
        if not _text_of(el):
            continue
        seen += 1
        if _title_candidate(el):
            found.append(el)
        elif found or seen > 40:
            break
    return found


def _mark_titles(lines: list[Line]) -> None:
    """A run of title lines joins into one title; a number line (国办函〔2005〕21号) set
    in the title's paragraph is not part of it."""
    i = 0
    while i < len(lines):
        if lines[i].label != "title":
            i += 1
            continue
        j = i
        while j < len(lines) and lines[j].label == "title":
            if _NUMBER_LINE.search(lines[j].text):
                lines[j].label = "paragraph"
                break
            j += 1
        for k in range(i, j):
            lines[k].joins_next = k < j - 1
        i = j + 1


def _is_data_table(table) -> bool:
    if table.find(".//table") is not None:
        return False
    rows = [cells for _tr, cells in _rows(table)]
    if not rows or max(len(r) for r in rows) < 2:
        return False
    return all(len(_text_of(c)) <= LAYOUT_CELL_CHARS for r in rows for c in r)


def _rows(table) -> list[tuple[object, list]]:
    """(tr, its td/th cells) for every row of a table without nested tables."""
    return [(tr, [c for c in tr if c.tag in ("td", "th")]) for tr in table.iter("tr")]


class _Walker:
    def __init__(self, root, limit: int) -> None:
        self.out = _Out()
        # read at most twice the text limit (a duplicate copy may be dropped later)
        self.budget = 2 * limit
        self.limit = limit
        self.title_els = _title_elements(root)
        self.title_seen = False  # a title line has been emitted
        ids: dict[str, int] = {}
        for el in root.iter():
            i = el.get("id") if isinstance(el.tag, str) else None
            if i:
                ids[i] = ids.get(i, 0) + 1
        self.unique_ids = {k for k, v in ids.items() if v == 1 and _ID_OK.match(k)}
        self.root = root
        self._segs: dict = {}  # element -> its path segment (holding the proxies keeps them stable)

    # css paths ------------------------------------------------------------------
    def _segment(self, el) -> str:
        seg = self._segs.get(el)
        if seg is not None:
            return seg
        ident = el.get("id")
        parent = el.getparent()
        if ident in self.unique_ids or parent is None:
            seg = f"{el.tag}#{ident}" if ident in self.unique_ids else el.tag
            self._segs[el] = seg
            return seg
        # one pass over the siblings gives every child of `parent` its segment
        counts: dict[str, int] = {}
        for c in parent:
            if isinstance(c.tag, str):
                counts[c.tag] = counts.get(c.tag, 0) + 1
        seen: dict[str, int] = {}
        for c in parent:
            if not isinstance(c.tag, str):
                continue
            seen[c.tag] = seen.get(c.tag, 0) + 1
            cid = c.get("id")
            if cid in self.unique_ids:
                s2 = f"{c.tag}#{cid}"
            elif counts[c.tag] == 1:
                s2 = c.tag
            else:
                s2 = f"{c.tag}:nth-of-type({seen[c.tag]})"
            if c.tag == "tr" and parent.tag == "table":
                s2 = "tbody > " + s2  # browsers insert the tbody
            self._segs[c] = s2
        return self._segs[el]

    def css_path(self, el) -> str:
        segs = []
        cur = el
        while cur is not None and isinstance(cur.tag, str):
            seg = self._segment(cur)
            segs.append(seg)
            if "#" in seg:
                break
            cur = cur.getparent()
        return " > ".join(reversed(segs))

    # emitting -------------------------------------------------------------------
    def emit(self, block: _Block, *, joins_next: bool = False) -> None:
        raw = "".join(block.pieces)
        text = _finish_text(raw).strip(" ")
        if text.strip():  # not only nbsp / ideographic spaces
            label = block.label
            if label == "paragraph":
                bold_chars = sum(len(p.strip(_SOFT + " ")) for p, b in zip(block.pieces, block.bold) if b)
                plain = len(re.sub(r"[\s\x01]", "", raw))
                if plain and bold_chars >= plain and plain <= 60:
                    label = "heading"
            self.out.lines.append(
                Line(text=text, joins_next=joins_next, label=label, css_path=block.path)
            )
            self.title_seen = self.title_seen or label == "title"
            self.budget -= len(text) + 1
            if self.budget < 0:
                raise over_text_limit(self.limit)
        block.pieces.clear()
        block.bold.clear()

    def furniture(self, kind: str, el, *, cut: bool) -> None:
        text = _text_of(el)
        if not text:
            return
        if cut and len(text) > FURNITURE_CUT:
            text = text[:FURNITURE_CUT] + "…"
        self.out.furniture.append(FurnitureItem(kind=kind, text=text, page=1))

    def table(self, table) -> None:
        rows = _rows(table)
        texts = [[_text_of(c) for c in cells] for _tr, cells in rows]
        labelled = sum(1 for r in texts for t in r if metadata_label(t))
        # in the page's head: a table of 2+ labels, or a one-row table of labels right
        # below one (主题词)
        in_head = len(self.out.lines) < HEAD_LINES or not self.title_seen
        is_meta = in_head and (labelled >= 2 or (
            labelled == 1 and len(rows) == 1 and bool(self.out.lines)
            and self.out.lines[-1].label == "metadata"
        ))
        ti = len(self.out.tables)
        if not is_meta:
            self.out.tables.append(TableInfo(page=1, bbox=None, rows=[r for r in texts if any(r)]))
        for (tr, _c), cells in zip(rows, texts, strict=True):
            if not any(cells):
                continue
            line_no = len(self.out.lines)
            if is_meta:
                self._metadata_row(cells, line_no)
            text = "\t".join(c for c in cells if c) if is_meta else "\t".join(cells)
            self.out.lines.append(
                Line(text=text, joins_next=False, label="metadata" if is_meta else "table",
                     css_path=self.css_path(tr))
            )
            if not is_meta:
                self.out.table_of_line[line_no] = ti

    def _metadata_row(self, cells: list[str], line_no: int) -> None:
        i = 0
        while i < len(cells):
            hit = metadata_label(cells[i])
            if hit is None:
                i += 1
                continue
            label, key, value = hit
            if not value and i + 1 < len(cells) and metadata_label(cells[i + 1]) is None:
                value = cells[i + 1]
                i += 1
            if value:
                self.out.metadata.append(MetadataField(label=label, key=key, value=value, line=line_no))
            i += 1

    # the walk -------------------------------------------------------------------
    def walk(self, body) -> _Out:
        from lxml import etree

        blocks: list[_Block] = [_Block(path=self.css_path(body))]
        bold_depth = 0
        ctx = etree.iterwalk(body, events=("start", "end"))
        skipped = None  # iterwalk still sends the "end" of a skipped element

        def skip(el) -> None:
            nonlocal skipped
            ctx.skip_subtree()
            skipped = el

        for event, el in ctx:
            tag = el.tag if isinstance(el.tag, str) else None
            if event == "start":
                if tag is None:  # comment or processing instruction
                    skip(el)
                    continue
                if tag in _SKIP:
                    if tag not in ("head", "meta", "link", "base"):
                        self.furniture("script", el, cut=True)
                    skip(el)
                    continue
                if el is not body and _is_hidden(el):
                    self.furniture("hidden", el, cut=True)
                    skip(el)
                    continue
                if el is not body and (
                    _is_chrome(el)
                    or (tag in _BLOCK and tag not in _TABLE_PARTS and _link_heavy(el))
                ):
                    self.furniture("navigation", el, cut=False)
                    skip(el)
                    continue
                if tag == "table" and _is_data_table(el):
                    self.emit(blocks[-1])
                    self.table(el)
                    skip(el)
                    continue
                if tag == "br":
                    top = blocks[-1]
                    self.emit(top, joins_next=top.joins)
                    continue
                if tag in _BLOCK:
                    self.emit(blocks[-1])
                    blocks.append(self._open(el, tag))
                elif tag in _BOLD or _BOLD_STYLE.search(_style(el)):
                    bold_depth += 1
                if el.text:
                    blocks[-1].pieces.append(_soft(el.text))
                    blocks[-1].bold.append(bold_depth > 0)
            else:
                if el is skipped:
                    skipped = None
                    if el.tail:
                        blocks[-1].pieces.append(_soft(el.tail))
                        blocks[-1].bold.append(bold_depth > 0)
                    continue
                if tag is None:
                    continue
                if tag in _BLOCK and el is not body:
                    self.emit(blocks.pop())
                elif tag in _BOLD or (tag not in _BLOCK and _BOLD_STYLE.search(_style(el))):
                    bold_depth = max(0, bold_depth - 1)
                if el.tail and el is not body:
                    blocks[-1].pieces.append(_soft(el.tail))
                    blocks[-1].bold.append(bold_depth > 0)
        self.emit(blocks[0])
        _mark_titles(self.out.lines)
        return self.out

    def _open(self, el, tag: str) -> _Block:
        path = self.css_path(el)
        if any(el is t or any(a is t for a in el.iterancestors()) for t in self.title_els):
            return _Block(path=path, label="title", joins=True)
        if tag == "h1":
            label = "heading"
        elif tag in _HEADINGS:
            label = "heading"
        elif tag in ("li", "dt", "dd"):
            label = "list_item"
        elif tag in ("caption", "figcaption"):
            label = "caption"
        else:
            label = "paragraph"
        return _Block(path=path, label=label)


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
