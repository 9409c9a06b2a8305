"""Two-column pages: a vertical gutter splits the page, and the columns are read one
after the other (rows that span the gutter stay in place)."""

from __future__ import annotations

from extractor.ingest.pdf.layout import PageLayout, Row, _Line


def find_gutter(rows: list[Row]) -> tuple[float, float] | None:
    """An x-range that splits the page into two text columns, or None."""
    segs = [s for r in rows for s in r.segments]
    if len(rows) < 8:
        return None
    lo = min(s.x0 for s in segs)
    hi = max(s.x1 for s in segs)
    width = hi - lo
    if width < 100:
        return None
    nbins = int(width) + 1
    diff = [0] * (nbins + 1)
    for r in rows:  # rows covering each 1-pt bin (segments of a row do not overlap)
        for s in r.segments:
            diff[int(s.x0 - lo)] += 1
            diff[min(nbins, int(s.x1 - lo) + 1)] -= 1
    cover = [0] * nbins
    run = 0
    for x in range(nbins):
        run += diff[x]
        cover[x] = run
    limit = 0.1 * len(rows)
    best: tuple[int, int] | None = None
    start = None
    for x in range(int(width * 0.3), int(width * 0.7) + 1):
        if x < nbins and cover[x] <= limit:
            if start is None:
                start = x
        else:
            if start is not None and (best is None or x - start > best[1] - best[0]):
                best = (start, x)
            start = None
    if start is not None and (best is None or int(width * 0.7) + 1 - start > best[1] - best[0]):
        best = (start, int(width * 0.7) + 1)
    if best is None or best[1] - best[0] < 6:
        return None
    g0, g1 = lo + best[0], lo + best[1]
    mid = (g0 + g1) / 2
    left = [s for s in segs if s.x1 <= mid]
    right = [s for s in segs if s.x0 >= mid]
    if len(left) < 5 or len(right) < 5:
        return None
    # text columns fill their width: many left lines end near the gutter (a table does not)
    full = sum(1 for s in left if s.x1 >= g0 - 2.5 * s.size)
    if full < 0.3 * len(left):
        return None
    return g0, g1


def order_page(lay: PageLayout) -> list[_Line]:
    """Body lines of one page in reading order."""
    rows = lay.rows
    if not rows:
        return []
    gutter = find_gutter(rows)
    allsegs = [s for r in rows for s in r.segments]
    lo = _low(s.x0 for s in allsegs)
    hi = _high(s.x1 for s in allsegs)
    page = lay.info.number
    if gutter is None:
        return [_Line(page, r.segments, lo, hi, 0) for r in rows]
    g0, g1 = gutter
    mid = (g0 + g1) / 2
    lsegs = [s for s in allsegs if s.x1 <= mid]
    rsegs = [s for s in allsegs if s.x0 >= mid]
    lbounds = (_low(s.x0 for s in lsegs), _high(s.x1 for s in lsegs))
    rbounds = (_low(s.x0 for s in rsegs), _high(s.x1 for s in rsegs))
    out: list[_Line] = []
    left: list[_Line] = []
    right: list[_Line] = []
    for r in rows:
        ls = [s for s in r.segments if s.x1 <= mid]
        rs = [s for s in r.segments if s.x0 >= mid]
        span = [s for s in r.segments if s.x1 > mid and s.x0 < mid]
        if span:
            out += left + right
            left, right = [], []
            out.append(_Line(page, r.segments, lo, hi, -1))
            continue
        if ls:
            left.append(_Line(page, ls, *lbounds, 0))
        if rs:
            right.append(_Line(page, rs, *rbounds, 1))
    out += left + right
    return out


def _low(xs) -> float:
    v = sorted(xs)
    return v[max(0, int(len(v) * 0.05) - 1)] if len(v) > 20 else v[0]


def _high(xs) -> float:
    """The usual right edge: the median of the longer half of the lines (a few lines
    overhang the edge with punctuation or Latin text)."""
    v = sorted(xs)
    upper = v[len(v) // 2 :]
    return upper[len(upper) // 2] if len(v) >= 6 else v[-1]
