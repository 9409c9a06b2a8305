"""Periods and reference dates of a report (pure functions over the text).

- `reference_date(text, furniture)`: the year (and month) a bare month like 7月 belongs
  to: the publication date line, a date in the header furniture, else the first full
  date of the text, else its first year;
- `find_periods(text, furniture)`: period expressions (2025年7月, 7月份, 1-4月, 上半年,
  一季度 …) with the ISO value (2025-07, 2025-01/2025-04, 2025-H1, 2025-Q1) and whether
  the year was inferred from the reference date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from extractor.grammars.numerals import cn_digit
from extractor.gazetteers import relative_years

RELATIVE_YEARS = relative_years()

_FULL_DATE = re.compile(r"((?:19|20)\d{2})\s*(?:年\s*(\d{1,2})\s*月(?:\s*(\d{1,2})\s*日)?|[-./](\d{1,2})[-./](\d{1,2}))")
_PUB_LINE = re.compile(r"^(?:发布时间|发布日期|日期|时间)\s*[:：\t ]\s*((?:19|20)\d{2})[-./年](\d{1,2})", re.M)
_DATELINE = re.compile(r"^\s*((?:19|20)\d{2})[.\-/](\d{1,2})[.\-/]\d{1,2}\s", re.M)


@dataclass(frozen=True)
class RefDate:
    year: int | None
    month: int | None
    source: str  # published | first_date | first_year | none


def reference_date(text: str, furniture: tuple[str, ...] = ()) -> RefDate:
    """The year a bare month (7月) belongs to: the publication date line, a date in the
    header furniture, else the first full date of the text, else its first year."""
    for pat in (_PUB_LINE, _DATELINE):
        m = pat.search(text[:600])
        if m:
            return RefDate(int(m.group(1)), int(m.group(2)), "published")
    for f in furniture:
        m = _FULL_DATE.search(f)
        if m:
            return RefDate(int(m.group(1)), int(m.group(2) or m.group(4) or 0) or None, "published")
    m = _FULL_DATE.search(text)
    if m:
        return RefDate(int(m.group(1)), int(m.group(2) or m.group(4) or 0) or None, "first_date")
    m = re.search(r"((?:19|20)\d{2})\s*年", text)
    if m:
        return RefDate(int(m.group(1)), None, "first_year")
    return RefDate(None, None, "none")


def infer_year(month: int, ref: RefDate) -> int | None:
    if ref.year is None:
        return None
    if ref.month is not None and month > ref.month + 1:
        return ref.year - 1  # a month after the reference month: last year's
    return ref.year


_PERIOD = re.compile(
    r"(?:(?P<y>(?:19|20)\d{2})\s*年(?:度)?|(?P<rel>今年|去年|明年|当年|全年))?\s*"
    r"(?:(?P<m1>\d{1,2})\s*[-~—～至到]\s*(?P<m2>\d{1,2})\s*月(?:份)?"
    r"|(?P<m>\d{1,2})\s*月(?:份)?(?!\s*\d{1,2}\s*日)(?:(?P<d>\d{1,2})日)?"
    r"|(?P<h>上半年|下半年)"
    r"|(?:第)?(?P<q>[一二三四1-4])\s*季度)"
)
_NOT_PERIOD_AFTER = re.compile(r"\s*(份)?(合约|底以来|以来|初以来|中旬以来|开始|起)")
_YEAR_ONLY = re.compile(r"(?P<y>(?:19|20)\d{2})\s*年(?:度|全年)?(?![\d\s]*月)")


@dataclass(frozen=True)
class Period:
    start: int
    end: int
    value: str
    inferred: bool


def find_periods(text: str, furniture: tuple[str, ...] = ()) -> tuple[Period, ...]:
    ref = reference_date(text, furniture)
    out: list[Period] = []
    taken: list[tuple[int, int]] = []
    for m in _PERIOD.finditer(text):
        if not (m.group("m1") or m.group("m") or m.group("h") or m.group("q")):
            continue
        if _NOT_PERIOD_AFTER.match(text, m.end()):
            continue  # 9月合约 (a contract month), 4月底以来 (a starting point)
        year: int | None = int(m.group("y")) if m.group("y") else None
        inferred = False
        rel = m.group("rel")
        if year is None and rel and ref.year is not None:
            year = ref.year + RELATIVE_YEARS[rel]
            inferred = True
        if m.group("m1"):
            m1, m2 = int(m.group("m1")), int(m.group("m2"))
            if not (1 <= m1 < m2 <= 12):
                continue
            if year is None:
                year, inferred = infer_year(m2, ref), True
            value = f"{year}-{m1:02d}/{year}-{m2:02d}" if year else f"{m1:02d}/{m2:02d}"
        elif m.group("m"):
            mo = int(m.group("m"))
            if not 1 <= mo <= 12:
                continue
            if year is None:
                year, inferred = infer_year(mo, ref), True
            value = f"{year}-{mo:02d}" if year else f"--{mo:02d}"
            if m.group("d"):
                value += f"-{int(m.group('d')):02d}"
        elif m.group("h"):
            if year is None:
                year, inferred = ref.year, True
            value = f"{year}-H{1 if m.group('h') == '上半年' else 2}"
        else:
            q = m.group("q")
            qn = cn_digit(q)
            if year is None:
                year, inferred = ref.year, True
            value = f"{year}-Q{qn}"
        if year is None:
            inferred = False
        s = m.start() + (len(m.group(0)) - len(m.group(0).lstrip()))
        out.append(Period(s, m.end(), value, inferred))
        taken.append((s, m.end()))
    for m in _YEAR_ONLY.finditer(text):
        if any(s <= m.start() < e for s, e in taken):
            continue
        out.append(Period(m.start(), m.end(), m.group("y"), False))
    out.sort(key=lambda p: p.start)
    return tuple(out)


