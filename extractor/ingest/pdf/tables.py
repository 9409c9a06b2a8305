"""Tables: runs of lines with two or more aligned segments, with their cells, cell
boxes, and whether ruling lines (path objects) surround them."""

from __future__ import annotations

from extractor.ingest.pdf.layout import Segment, _Line
from extractor.ingest.types import Box, TableInfo


def find_tables(lines: list[_Line], path_boxes: dict[int, list[Box]]) -> list[TableInfo]:
    """Runs of two or more consecutive lines with two or more aligned segments."""
    tables: list[TableInfo] = []
    i = 0
    while i < len(lines):
        if len(lines[i].segments) < 2:
            i += 1
            continue
        j = i
        first = lines[i]
        paths = path_boxes.get(first.page, [])
        bbox = (first.x0, first.top, first.x1, first.bottom)  # of lines[i : j + 1], grown line by line
        while j + 1 < len(lines) and lines[j + 1].page == first.page and (
            len(lines[j + 1].segments) >= 2
            # a line of one segment inside the table's own ruling: a cell's text wrapped onto it
            or lines[j + 1].bottom <= _ruled_bottom(first, bbox, paths) + 2
        ):
            j += 1
            ln = lines[j]
            bbox = (min(bbox[0], ln.x0), min(bbox[1], ln.top), max(bbox[2], ln.x1), max(bbox[3], ln.bottom))
        run = lines[i : j + 1]
        if len(run) >= 2:
            t = _table_from_run(run, path_boxes.get(run[0].page, []))
            if t is not None:
                tables.append(t)
        i = j + 1
    return tables


def _near(paths: list[Box], bbox: tuple[float, float, float, float]) -> list[Box]:
    """The rules around the text box `bbox`: those that touch it, and the vertical rules
    between the ends of the horizontal ones (a table's outer border may stand well beyond
    its text)."""
    touching = [
        k for k, p in enumerate(paths)
        if p[0] <= bbox[2] + 6 and p[2] >= bbox[0] - 6 and p[1] <= bbox[3] + 6 and p[3] >= bbox[1] - 6
    ]
    near = [paths[k] for k in touching]
    flat = [p for p in near if p[3] - p[1] <= 2.5 and p[2] - p[0] > 2.5]
    if flat:
        seen = set(touching)
        x0, x1 = min(p[0] for p in flat) - 3, max(p[2] for p in flat) + 3
        near += [
            p for k, p in enumerate(paths)
            if k not in seen and p[2] - p[0] <= 2.5 and x0 <= p[0] and p[2] <= x1
            and p[1] <= bbox[3] + 6 and p[3] >= bbox[1] - 6
        ]
    return near


def _ruled_bottom(first: _Line, bbox: tuple[float, float, float, float], paths: list[Box]) -> float:
    """The lowest end of the table's own vertical rules beside a run of table lines whose
    first line is `first` and whose box is `bbox` (-inf without). A rule counts when it
    spans the run and its top reaches the first line, starting at most a line's height
    above it: a page frame or a box around the whole page starts far above and is no
    table's ruling."""
    if not paths:
        return float("-inf")
    reach = max(6.0, first.bottom - first.top)
    tall = [
        p[3] for p in _near(paths, bbox)
        if p[2] - p[0] <= 2.5 and p[3] - p[1] >= bbox[3] - bbox[1]
        and first.top - reach <= p[1] <= first.bottom
    ]
    return max(tall, default=float("-inf"))


def _table_from_run(run: list[_Line], paths: list[Box]) -> TableInfo | None:
    bbox = (
        min(ln.x0 for ln in run),
        min(ln.top for ln in run),
        max(ln.x1 for ln in run),
        max(ln.bottom for ln in run),
    )
    near = _near(paths, bbox)
    ruled = bool(near)
    # column boundaries: vertical rules when the table has them
    xs: list[float] = []
    for p in sorted(near, key=lambda p: p[0]):
        if p[2] - p[0] <= 2.5 and p[3] - p[1] >= 0.5 * (bbox[3] - bbox[1]):
            x = (p[0] + p[2]) / 2
            if not xs or x - xs[-1] > 3:
                xs.append(x)
    counts = {len(ln.segments) for ln in run}
    if len(xs) >= 3:
        spans = [[a, b] for a, b in zip(xs, xs[1:], strict=False)]

        def column_of(s: Segment) -> int:
            c = (s.x0 + s.x1) / 2
            return min(range(len(spans)), key=lambda k: 0 if spans[k][0] <= c <= spans[k][1]
                       else min(abs(c - spans[k][0]), abs(c - spans[k][1])))
    elif len(counts) == 1:
        spans = [[s.x0, s.x1] for s in run[0].segments]

        def column_of(s: Segment) -> int:
            return next(k for ln in run for k, t in enumerate(ln.segments) if t is s)
    else:
        # the segments of the row with the most cells; other cells go to the column they
        # overlap most, or the nearest one
        ref = max(run, key=lambda ln: len(ln.segments))
        spans = [[s.x0, s.x1] for s in ref.segments]

        def column_of(s: Segment) -> int:
            def score(sp: list[float]) -> tuple[float, float]:
                overlap = min(s.x1, sp[1]) - max(s.x0, sp[0])
                return (overlap, -abs((s.x0 + s.x1) / 2 - (sp[0] + sp[1]) / 2))

            return max(range(len(spans)), key=lambda k: score(spans[k]))

    rows: list[list[str]] = []
    cell_boxes: list[list[Box | None]] = []
    for ln in run:
        texts = [""] * len(spans)
        boxes: list[Box | None] = [None] * len(spans)
        for s in ln.segments:
            k = column_of(s)
            texts[k] = (texts[k] + " " + s.text).strip()
            b = (s.x0, s.top, s.x1, s.bottom)
            ob = boxes[k]
            boxes[k] = b if ob is None else (min(ob[0], b[0]), min(ob[1], b[1]), max(ob[2], b[2]), max(ob[3], b[3]))
        rows.append(texts)
        cell_boxes.append(boxes)
    return TableInfo(page=run[0].page, bbox=tuple(round(v, 2) for v in bbox), rows=rows,
                     cell_boxes=cell_boxes, ruled=ruled)


def _path_boxes(page, origin: tuple[float, float]) -> list[Box]:
    import pypdfium2.raw as R

    left, top_y = origin
    out: list[Box] = []
    for obj in page.get_objects(filter=(R.FPDF_PAGEOBJ_PATH,), max_depth=2):
        try:
            l, b, r, t = obj.get_bounds()
        except Exception:
            continue
        out.append((l - left, top_y - t, r - left, top_y - b))
    return out
