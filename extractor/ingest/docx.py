"""DOCX input: a Word file -> labelled paragraph lines, tables, header/footer furniture.

Read with python-docx (MIT). The body is walked in document order:

- each paragraph is one line (a line break inside it, `<w:br/>`, ends a line);
  its `label` comes from its style: `Title` -> title, `Heading N` / `标题 N` ->
  heading, `List …` -> list_item, `Caption` -> caption, anything else ->
  paragraph; `paragraph` is its index among the body paragraphs
  (`Document.paragraphs`), so evidence can point at it;
- each table row is one line, cells joined by tabs (merged cells once), with
  `label="table"`, and the table is also returned as a `TableInfo` (rows of cell
  texts), as PDF tables are, so tables feed statistics and quota tables;
- section headers and footers are furniture (`header`, `footer`), each text once.

A file that is not a Word document (a renamed ZIP, a truncated file) is
`CorruptDocx`; a Word file without text is `NoContent`.
"""

from __future__ import annotations

import io
import re
import zipfile

from extractor.errors import CorruptDocx, NoContent
from extractor.ingest.common import check_text_limit
from extractor.ingest.types import FurnitureItem, IngestedDocument, IngestOptions, Line, TableInfo

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
_HEADING = re.compile(r"^(?:heading|标题)\s*\d", re.I)


def looks_like_docx(data: bytes, filename: str | None = None) -> bool:
    """True for a Word file, from the bytes or their first 4 KB (the API sniffs the
    head of an upload): a ZIP named .docx, a ZIP whose first entries are under
    word/, or a whole ZIP holding word/document.xml. Whether it really is one is
    decided when it is read (`CorruptDocx`)."""
    named = (filename or "").lower().endswith(".docx")
    if not data.startswith(b"PK\x03\x04"):
        return named  # named .docx but not a ZIP: read it to say it is corrupt
    if named or b"word/" in data[:65536]:
        return True
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            return "word/document.xml" in zf.namelist()
    except (zipfile.BadZipFile, ValueError, OSError):
        return False


def _label(style_name: str) -> str:
    name = (style_name or "").strip()
    low = name.lower()
    if low in ("title", "标题"):
        return "title"
    if _HEADING.match(name):
        return "heading"
    if low.startswith("list"):
        return "list_item"
    if low.startswith("caption") or name == "题注":
        return "caption"
    return "paragraph"


def _style_name(par) -> str:
    try:
        return par.style.name if par.style is not None else ""
    except (KeyError, ValueError, AttributeError):
        return ""


def _row_cells(row) -> list[str]:
    cells, seen = [], set()
    for cell in row.cells:
        key = id(cell._tc)
        if key in seen:  # a merged cell is repeated once per grid column
            continue
        seen.add(key)
        cells.append(re.sub(r"\s*\n\s*", " ", cell.text).strip())
    return cells


def ingest_docx(
    data: bytes,
    *,
    sha256: str,
    filename: str | None,
    options: IngestOptions,
) -> IngestedDocument:
    """The DOCX backend (see the module docstring)."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError
    from docx.table import Table
    from lxml import etree

    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, KeyError, ValueError, zipfile.BadZipFile, etree.XMLSyntaxError) as exc:
        raise CorruptDocx(
            f"{filename or 'the input'} is not a readable Word document",
            detail=f"{type(exc).__name__}: {str(exc)[:200]}",
        ) from exc

    lines: list[Line] = []
    tables: list[TableInfo] = []
    # keyed by the lxml element itself (the dict holds the proxies, so they stay the same)
    index_of = {p._p: i for i, p in enumerate(document.paragraphs)}
    for block in document.iter_inner_content():
        if isinstance(block, Table):
            rows = [_row_cells(r) for r in block.rows]
            rows = [r for r in rows if any(r)]
            if not rows:
                continue
            tables.append(TableInfo(page=1, bbox=None, rows=rows))
            for r in rows:
                lines.append(Line(text="\t".join(r), joins_next=False, label="table"))
            continue
        label = _label(_style_name(block))
        parts = [t for t in block.text.split("\n")]
        idx = index_of.get(block._p)
        kept = [t for t in parts if t.strip()]
        for k, t in enumerate(kept):
            lines.append(
                Line(
                    text=t,
                    joins_next=(label == "title" and k < len(kept) - 1),
                    label=label,
                    paragraph=idx,
                )
            )

    furniture: list[FurnitureItem] = []
    seen: set[tuple[str, str]] = set()
    for section in document.sections:
        for kind, part in (("header", section.header), ("footer", section.footer)):
            try:
                text = "\n".join(p.text for p in part.paragraphs if p.text.strip())
            except (KeyError, ValueError):
                continue
            if text and (kind, text) not in seen:
                seen.add((kind, text))
                furniture.append(FurnitureItem(kind=kind, text=text, page=1))

    check_text_limit(lines, options)
    if not lines:
        raise NoContent(f"{filename or 'the Word document'} has no text")
    return IngestedDocument(
        media_type=DOCX,
        sha256=sha256,
        filename=filename,
        lines=lines,
        furniture=furniture,
        tables=tables,
    )
