"""ex_figures: figures and tables (label, caption, data source, rows) and table statistics.

- Caption lines `图1  山西、广西、贵州和河南铝土矿月度产量  数据来源MS` and `表1 …`:
  label, caption, data source (数据来源 / 资料来源 / 来源, on the line or the next one).
- Tables written as text (a 表N caption, then one row per line; see
  `grammars.text_tables`) and PDF tables (doc._.layout.tables, `TableInfo` rows,
  ruled or not) become a Figure of kind table with its rows, and every numeric cell
  becomes a Statistic with table / row / column, the unit from the header (（万吨）) or
  the cell (%), the region from the row label and the period from the caption or header.
  A PDF table is tied to the text table (or caption) whose cells it shares; cell
  evidence is the cell in the text when the text holds it, else the caption.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc


from extractor.grammars.periods import find_periods
from extractor.grammars.quantity import parse_quantity
from extractor.grammars.regions import region_mentions, short_region
from extractor.grammars.text_tables import FIGURE_CAPTION, TABLE_CAPTION, TextTable
from extractor.grammars.text_units import ByStart
from extractor.pipelines.base import add_span, doc_value, families, records, spans

_SOURCE = re.compile(r"(?:数据来源|资料来源|来源)\s*[：:]?\s*(?P<src>.+?)\s*$")
_UNIT_IN_HEADER = re.compile(r"[（(](?P<unit>[^（）()]{1,8})[）)]")
_NUM_CELL = re.compile(r"^(?P<num>[-+−]?\d[\d,]*(?:\.\d+)?)\s*(?P<pct>%|％)?$")


def _norm(s: str) -> str:
    return re.sub(r"\s+", "", s or "")


@Language.factory(
    "ex_figures",
    assigns=families("figures", "table_statistics"),
    requires=[*families("text_tables", "periods", "mineral_mentions"), doc_value("units")],
)
def make_figures(nlp: Language, name: str) -> "Figures":
    return Figures()


class Figures:
    def __call__(self, doc: Doc) -> Doc:
        text = doc._.text
        units = doc._.units
        ttables = records(doc, "text_tables")
        used_captions: set[int] = set()
        # PDF tables first: tie each to a text table or a caption
        pdf_tables = doc._.layout.tables
        tied: dict[int, object] = {}
        for info in pdf_tables:
            rows = self._clean_rows(info.rows)
            if len(rows) < 2:
                continue
            tt = self._match(rows, ttables)
            if tt is not None and id(tt) not in tied:
                tied[id(tt)] = rows
        for tt in ttables:
            rows = tied.get(id(tt))
            used_captions.add(tt.start)
            # a text table's own cells carry their offsets; a PDF table's are looked up
            self._table(doc, tt, rows or [[c[0] for c in r] for r in tt.rows],
                        None if rows else [[c[1:] for c in r] for r in tt.rows])
        # PDF tables that no text table holds: attach to an unused 表N caption
        for info in pdf_tables:
            rows = self._clean_rows(info.rows)
            if len(rows) < 2 or any(r == rows for r in tied.values()):
                continue
            cap = self._free_caption(text, units.paragraphs, used_captions, rows)
            if cap is None:
                continue
            used_captions.add(cap.start)
            self._table(doc, cap, rows)
        # captions of figures (and of tables without rows)
        for s, e in units.paragraphs:
            if s in used_captions:
                continue
            line = text[s:e]
            m = FIGURE_CAPTION.match(line) or TABLE_CAPTION.match(line)
            if not m or len(line) > 90:
                continue
            kind = "figure" if line.lstrip().startswith("图") else "table"
            body = m.group("caption")
            src = None
            sm = _SOURCE.search(body)
            end = e
            if sm:
                src = sm.group("src")
                body = body[: sm.start()]
            else:
                nxt = [p for p in [units.next_paragraph(e)] if p]
                if nxt:
                    nm = re.match(r"^\s*(?:数据来源|资料来源)\s*[：:]?\s*(?P<src>.+?)\s*$", text[nxt[0][0] : nxt[0][1]])
                    if nm:
                        src, end = nm.group("src"), nxt[0][1]
            add_span(doc, "figures", s + m.start("label"), end, kind, {
                "label": _norm(m.group("label")), "kind": kind,
                "caption": body.strip(" ：:") or None, "data_source": src,
            })
        return doc

    # -- tables ---------------------------------------------------------------

    @staticmethod
    def _clean_rows(rows: list[list[str]]) -> list[list[str]]:
        out = []
        for r in rows:
            cells = [_norm(c) if _NUM_CELL.match(_norm(c or "")) else (c or "").strip() for c in r]
            # pdfplumber's text strategy merges header cells: '进口来源国 7月进口量（万吨）', ''
            if cells and "" in cells[1:] and " " in cells[0] and len(cells[0].split()) == len(cells):
                cells = cells[0].split()
            cells = [c.replace("\n", "") for c in cells]
            if any(cells):
                out.append(cells)
        return out

    @staticmethod
    def _match(rows: list[list[str]], ttables: list[TextTable]) -> TextTable | None:
        want = {_norm(c) for r in rows for c in r if c}
        best, score = None, 0.0
        for tt in ttables:
            have = {_norm(c[0]) for r in tt.rows for c in r}
            j = len(want & have) / max(1, len(want | have))
            if j > score:
                best, score = tt, j
        return best if score >= 0.5 else None

    @staticmethod
    def _free_caption(text: str, paragraphs, used: set[int], rows) -> TextTable | None:
        first_cells = [c for r in rows[1:] for c in r[:1] if c]
        anchor = text.find(first_cells[0]) if first_cells else -1
        best = None
        for s, e in paragraphs:
            m = TABLE_CAPTION.match(text[s:e])
            if not m or s in used or len(text[s:e]) > 60:
                continue
            if anchor < 0 or s <= anchor:
                best = TextTable(_norm(m.group("label")), m.group("caption"),
                                 s + m.start("caption"), s + m.end("caption"), s + m.start("label"), e, [])
                if anchor >= 0:
                    continue  # keep the nearest caption before the first row
                break
        return best

    @staticmethod
    def _elsewhere(text: str, cell: str, used) -> tuple[int, int]:
        for m in re.finditer(r"(?<![\d.])" + re.escape(cell) + r"(?![\d.])", text):
            if (m.start(), m.end()) not in used:
                return m.start(), m.end()
        return -1, -1

    def _table(self, doc: Doc, tt: TextTable, rows: list[list[str]],
               at: list[list[tuple[int, int]]] | None = None) -> None:
        text = doc._.text
        fig_end = max(tt.end, tt.caption_end)
        add_span(doc, "figures", tt.start, fig_end, "table", {
            "label": tt.label, "kind": "table", "caption": tt.caption or None,
            "data_source": None, "rows": rows,
        })
        header = rows[0]
        caption = tt.caption or ""
        cap_periods = find_periods(caption)
        subject = None
        for mm in ByStart(records(doc, "mineral_mentions")).starting(tt.caption_start, tt.caption_end):
            subject = mm.canonical
        doc_periods = ByStart(records(doc, "periods"))
        # cell offsets: look each cell up in the table's text, in order
        pos = tt.caption_end
        used = {(sp.start_char, sp.end_char) for sp in spans(doc, "table_statistics")}
        for ri, r in enumerate(rows[1:], start=1):
            label = r[0]
            rlab = [m for m in region_mentions(label) if m.start == 0 and m.end == len(label)]
            region = short_region(rlab[0].canonical) if rlab else None
            for j, cell in enumerate(r[1:], start=1):
                m = _NUM_CELL.match(_norm(cell))
                if not m:
                    continue
                col = header[j] if j < len(header) else ""
                um = _UNIT_IN_HEADER.search(col) or _UNIT_IN_HEADER.search(caption)  # 表2 港口库存（万吨）
                unit = "%" if m.group("pct") else (um.group("unit") if um else None)
                metric = _UNIT_IN_HEADER.sub("", col)
                col_periods = find_periods(metric)
                metric = re.sub(r"^\s*\d{1,2}\s*月(份)?", "", metric).strip() or None
                period, inferred = None, False
                if cap_periods:
                    period = cap_periods[0].value
                elif col_periods:
                    cp = doc_periods.starting(tt.start, fig_end)
                    period, inferred = (cp[0].value, cp[0].inferred) if cp else (None, False)
                value = float(m.group("num").replace(",", "").replace("−", "-"))
                q = parse_quantity(f"{m.group('num')}{unit or ''}") if unit else None
                idx = text.find(cell, pos, fig_end + 1) if fig_end > pos else -1
                if at is not None:  # the cell's own offsets (a number inside a row label is no cell)
                    idx = at[ri][j][0]
                if idx < 0:
                    idx = text.find(_norm(cell), tt.start, fig_end + 1)
                if idx >= 0:
                    s, e = idx, idx + len(cell)
                    pos = e
                else:
                    # the cell is not in the body text (ingestion kept the table out):
                    # the same number written in the prose, else the caption
                    s, e = self._elsewhere(text, _norm(cell), used)
                    if s < 0:
                        s, e = tt.caption_start, max(tt.caption_end, tt.caption_start + 1)
                used.add((s, e))
                add_span(doc, "table_statistics", s, e, f"table_cell:{tt.label}:{ri}:{j}", {
                    "text": cell, "subject": subject, "metric": metric, "region": region,
                    "period": period, "period_inferred": inferred,
                    "value": value, "value_max": None, "unit": unit, "comparator": None,
                    "normalized_value": q.normalized_value if q else None,
                    "normalized_unit": q.normalized_unit if q else None,
                    "table": tt.label, "row": label, "column": col,
                })
