"""Page geometry: characters, segments, rows and body lines, and the grouping of a
page's characters into rows (same baseline) and segments (split at wide gaps)."""

from __future__ import annotations

from dataclasses import dataclass, field

from extractor.ingest.types import PageInfo

# Gap between two characters of one row (in em) that splits the row into segments.
SEGMENT_GAP_EM = 1.5
# Gap (in em) inside a segment that gets a space character of its own.
SPACE_GAP_EM = 0.6


@dataclass(slots=True)
class Char:
    c: str
    x0: float
    top: float
    x1: float
    bottom: float
    size: float


@dataclass
class Segment:
    chars: list[Char]
    x0: float = 0.0
    x1: float = 0.0
    top: float = 0.0
    bottom: float = 0.0
    size: float = 0.0

    def __post_init__(self) -> None:
        self.refresh()

    def refresh(self) -> None:
        cs = self.chars
        self.x0 = min(c.x0 for c in cs)
        self.x1 = max(c.x1 for c in cs)
        self.top = min(c.top for c in cs)
        self.bottom = max(c.bottom for c in cs)
        sizes = sorted(c.size for c in cs)
        self.size = sizes[len(sizes) // 2]

    @property
    def text(self) -> str:
        return "".join(c.c for c in self.chars)


class _VerticalExtent:
    """`top`/`bottom` of anything made of `segments`."""

    segments: list[Segment]

    @property
    def top(self) -> float:
        return min(s.top for s in self.segments)

    @property
    def bottom(self) -> float:
        return max(s.bottom for s in self.segments)


@dataclass
class Row(_VerticalExtent):
    segments: list[Segment]


@dataclass
class PageLayout:
    info: PageInfo
    rows: list[Row] = field(default_factory=list)


@dataclass
class _Line(_VerticalExtent):
    """A body line before it becomes a `Line`: its segments and its column."""

    page: int
    segments: list[Segment]
    col_left: float
    col_right: float
    column: int  # 0 single/left, 1 right, -1 spanning

    @property
    def x0(self) -> float:
        return self.segments[0].x0

    @property
    def x1(self) -> float:
        return self.segments[-1].x1

    @property
    def size(self) -> float:
        return max(s.size for s in self.segments)


# ----------------------------------------------------------------------------- rows and segments


def build_rows(chars: list[Char]) -> list[Row]:
    """Group characters into rows (shared baseline band), then split rows at wide gaps."""
    if not chars:
        return []
    items = sorted(chars, key=lambda c: (c.top + c.bottom) / 2)
    rows: list[list[Char]] = []
    cur: list[Char] = [items[0]]
    center = (items[0].top + items[0].bottom) / 2
    height = items[0].bottom - items[0].top
    for ch in items[1:]:
        cy = (ch.top + ch.bottom) / 2
        h = ch.bottom - ch.top
        if abs(cy - center) <= 0.4 * max(min(h, height), 1.0):
            cur.append(ch)
            n = len(cur)
            center += (cy - center) / n
            height = max(height, h)
        else:
            rows.append(cur)
            cur = [ch]
            center, height = cy, h
    rows.append(cur)
    out: list[Row] = []
    for r in rows:
        r.sort(key=lambda c: c.x0)
        segs = _split_segments(r)
        if segs:
            out.append(Row(segs))
    out.sort(key=lambda r: r.top)
    return out


def _split_segments(chars: list[Char]) -> list[Segment]:
    segs: list[list[Char]] = []
    cur: list[Char] = []
    last_x1 = None
    for ch in chars:
        if last_x1 is not None and ch.x0 - last_x1 > SEGMENT_GAP_EM * max(ch.size, 1.0):
            if cur:
                segs.append(cur)
            cur = []
        cur.append(ch)
        if not ch.c.isspace() or last_x1 is None:
            last_x1 = ch.x1 if last_x1 is None else max(last_x1, ch.x1)
    if cur:
        segs.append(cur)
    out = []
    for s in segs:
        while s and s[0].c.isspace():
            s.pop(0)
        while s and s[-1].c.isspace():
            s.pop()
        if s:
            out.append(Segment(_with_gap_spaces(s)))
    return out


def _with_gap_spaces(chars: list[Char]) -> list[Char]:
    """Insert a space (with the gap as its box) where two characters stand apart."""
    out: list[Char] = [chars[0]]
    for ch in chars[1:]:
        prev = out[-1]
        gap = ch.x0 - prev.x1
        if (
            gap > SPACE_GAP_EM * max(ch.size, 1.0)
            and not prev.c.isspace()
            and not ch.c.isspace()
        ):
            out.append(Char(" ", prev.x1, min(prev.top, ch.top), ch.x0, max(prev.bottom, ch.bottom), ch.size))
        out.append(ch)
    return out
