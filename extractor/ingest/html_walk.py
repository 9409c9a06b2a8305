"""The walk of an HTML page (see extractor/ingest/html.py for what becomes what): element
by element into labelled block lines, data tables, metadata-table fields and furniture.

Split from html.py along its seam: html.py decodes and parses the page, then post-processes
the walk's output (metadata given as lines, duplicate copies) into an IngestedDocument."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from extractor.ingest.common import over_text_limit
from extractor.ingest.types import FurnitureItem, Line, MetadataField, TableInfo

FURNITURE_CUT = 200  # characters kept of script / hidden / duplicate furniture
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
_WS = re.compile(r"[ \t\n\r\f]+")
_ID_OK = re.compile(r"^[A-Za-z][A-Za-z0-9_-]*$")
_LABEL_CELL = re.compile(r"^[\s\u3000]*([\u4e00-\u9fff][\u4e00-\u9fff\s\u3000]{0,8}?)[\s\u3000]*[：:][\s\u3000]*(.*)$", re.S)
# a document number on a line of its own: 国办函〔2005〕21号, 第707号
_NUMBER_LINE = re.compile(
    r"(?:[〔\[（(【﹝［]\s*(?:19|20)\d{2}\s*[〕\]）)】﹞］]\s*\d+\s*号|^第\s*\d+\s*号)\s*$"
)
_SOFT = "\x01"  # collapsed source whitespace: dropped between CJK characters


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
