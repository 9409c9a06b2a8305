"""Page metadata tables -> result fields, and structure locators on every evidence.

Government web pages put a metadata table above the document (gov.cn: 索引号,
主题分类, 发文机关, 成文日期, 标题, 发文字号, 发布日期, 主题词; ministry pages: 发布机构,
生成日期, 文号, 名称, 制发日期 …). HTML ingestion returns its rows as lines labelled
`metadata` and each label/value pair as a `MetadataField`
(extractor/ingest/html.py). Here:

- `pipeline_text(norm, ingested)`: the text the pipelines read. The metadata
  rows stay in the returned text (so every offset is one offset), but in the
  text the pipelines read they are blanked (each character a space, same
  length): title, doc number, issuer and date components read the document's own
  header and body only, never the table, so no fact is read twice and the body
  reading is exactly what a page without the table gives.
- `apply_page_structure(result, ingested, norm)`: adds the table's facts to the
  result, each with evidence on the table's value and `source="metadata"`:
  标题 -> `title`, 发文字号 -> `doc_numbers` (role self), 发文机关 -> `issuing_agencies`
  (gazetteer agencies in the value), 成文日期 / 发布日期 / 实施日期 -> `dates` (roles
  written / published / effective), 索引号 -> `index_number`, 主题分类 ->
  `subject_category`. When the body states the same fact (same normalised number,
  same canonical agency, same date value and role, same title up to spaces and
  punctuation), the two become one item: the metadata mention first, the body
  mentions after it in `mentions`. The table is the page's own statement of the
  written/published/effective dates: a body date the pipeline gave one of these
  roles with a value the table contradicts becomes `other`. A metadata title that differs from the body
  title wins (the table is the page's own statement) and the body title is
  reported in `warnings`.
- Every `Evidence` of the result gets the locator of the line its first
  character came from: `css_path` (HTML) or `paragraph` (DOCX).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from extractor import models as m
from extractor.ingest.types import IngestedDocument
from extractor.normalize import NormalizedText, normalize_char

DATE_ROLES = {"written": "written", "published": "published", "effective": "effective"}
_SOFT_DROP = re.compile(r"[\s\u3000]+")


@dataclass(frozen=True)
class Fact:
    key: str
    label: str
    value: str  # as it stands in the returned text
    start: int
    end: int


def _meta_lines(ingested: IngestedDocument) -> set[int]:
    return {i for i, ln in enumerate(ingested.lines) if ln.label == "metadata"}


def pipeline_text(norm: NormalizedText, ingested: IngestedDocument) -> str:
    """The returned text with the metadata rows blanked (same length, same offsets)."""
    meta = _meta_lines(ingested)
    if not meta or not norm.line_of:
        return norm.text
    chars = list(norm.text)
    line_of = norm.line_of
    n = len(chars)
    for i in range(n):
        li = line_of[i]
        if li in meta:
            chars[i] = " "
        elif li == -1 and chars[i] == "\n":
            # a separator between two metadata rows: blank it too, so the table is one blank line
            prev = line_of[i - 1] if i else -2
            nxt = line_of[i + 1] if i + 1 < n else -2
            if prev in meta and nxt in meta:
                chars[i] = " "
    return "".join(chars)


def _line_range(norm: NormalizedText, line: int) -> tuple[int, int] | None:
    try:
        start = norm.line_of.index(line)
    except ValueError:
        return None
    end = start
    n = len(norm.line_of)
    while end < n and norm.line_of[end] == line:
        end += 1
    return start, end


def facts(ingested: IngestedDocument, norm: NormalizedText) -> list[Fact]:
    """The metadata fields located in the returned text (first of each key)."""
    out: list[Fact] = []
    keys: set[str] = set()
    for f in ingested.metadata:
        if f.key in keys:
            continue
        rng = _line_range(norm, f.line)
        if rng is None:
            continue
        value = "".join(normalize_char(c) for c in f.value).strip()
        if not value:
            continue
        pos = norm.text.find(value, rng[0], rng[1])
        if pos < 0:
            continue
        keys.add(f.key)
        out.append(Fact(f.key, f.label, value, pos, pos + len(value)))
    return out


def _soft(s: str) -> str:
    s = unicodedata.normalize("NFKC", s)
    return "".join(c for c in s if not (c.isspace() or unicodedata.category(c)[0] in "PS"))


def _ev(norm: NormalizedText, start: int, end: int) -> m.Evidence:
    return m.Evidence.model_validate(norm.evidence(start, end))


def _mentions(item) -> list[m.Evidence]:
    got = list(getattr(item, "mentions", None) or [])
    return got or [item.evidence]


def _merged(meta_ev: m.Evidence, body: list) -> list[m.Evidence]:
    evs = [meta_ev]
    for item in body:
        evs.extend(_mentions(item))
    uniq = {(e.start, e.end): e for e in evs}
    return sorted(uniq.values(), key=lambda e: (e.start, e.end))


def _title(result: m.ExtractionResult, fact: Fact, ev: m.Evidence, warnings: list[str]) -> m.Title:
    body = result.title
    same = body is not None and _soft(body.text) == _soft(fact.value)
    if body is not None and not same:
        warnings.append(f"the page's metadata title differs from the body title: {body.text}")
    return m.Title(
        text=fact.value,
        source="metadata",
        mentions=_merged(ev, [body] if same else []),
        evidence=ev,
    )


def _doc_number(result: m.ExtractionResult, fact: Fact, ev: m.Evidence) -> list[m.DocNumber]:
    from extractor.grammars.doc_number import parse

    p = parse(fact.value)
    normalized = p.normalized if p else fact.value
    same = [d for d in result.doc_numbers if same_number(d, normalized, p)]
    rest = [d for d in result.doc_numbers if not any(d is x for x in same)]
    organ = p.organ_code if p else None
    # the same number written in full in the body (中华人民共和国国务院令第688号 for 国令第688号):
    # the fuller organ code gives the normalised form
    for d in same:
        if d.organ_code and len(d.organ_code) > len(organ or ""):
            organ, normalized = d.organ_code, d.normalized
    item = m.DocNumber(
        text=fact.value,
        normalized=normalized,
        organ_code=organ,
        year=p.year if p else None,
        serial=p.serial if p else None,
        family=p.family if p else "other",
        role="self",
        source="metadata",
        mentions=_merged(ev, same),
        evidence=ev,
    )
    return [item, *rest]


def _subsequence(short: str, long: str) -> bool:
    it = iter(long)
    return all(c in it for c in short)


def same_number(d: m.DocNumber, normalized: str, p) -> bool:
    """The same number written two ways: equal normalised forms, or the same family,
    year and serial with one organ code an abbreviation (a subsequence) of the other
    (国令第688号 = 中华人民共和国国务院令第688号)."""
    if d.normalized == normalized:
        return True
    if p is None or d.serial is None or d.serial != p.serial or d.family != p.family:
        return False
    if d.year != p.year or not d.organ_code or not p.organ_code:
        return False
    a, b = sorted((d.organ_code, p.organ_code), key=len)
    return _subsequence(a, b)


def _agencies(
    result: m.ExtractionResult, fact: Fact, norm: NormalizedText
) -> list[m.Agency]:
    from extractor.agencies import find_agencies

    found = find_agencies(fact.value, weak=False)
    if not found:
        return list(result.issuing_agencies)
    items: list[m.Agency] = []
    used: set[int] = set()
    for a in found:
        ev = _ev(norm, fact.start + a.start, fact.start + a.end)
        same = [b for b in result.issuing_agencies if b.canonical and b.canonical == a.canonical]
        used.update(id(b) for b in same)
        items.append(
            m.Agency(
                name=a.surface,
                canonical=a.canonical,
                level=_level(a.level),
                source="metadata",
                mentions=_merged(ev, same),
                evidence=ev,
            )
        )
    return items + [b for b in result.issuing_agencies if id(b) not in used]


def _level(level: str) -> str | None:
    return level if level in ("central", "provincial", "municipal", "county", "other") else None


def _dates(result_dates: list[m.DateMention], found: list[Fact], norm: NormalizedText) -> list[m.DateMention]:
    """The table's dates (成文日期 -> written, 发布日期 -> published, 实施日期 -> effective) merged
    with the body's. The table is the page's own statement of these roles, so a body date
    with one of them is merged into the table's item of the same value (the same role
    first), and one whose value the table contradicts becomes `other` (an attachment's
    or a forwarded report's signature date is not the page's written date)."""
    from extractor.grammars.dates import parse_date

    meta: dict[str, m.DateMention] = {}
    for fact in found:
        role = DATE_ROLES.get(fact.key)
        p = parse_date(fact.value) if role else None
        if role is None or role in meta or p is None or p.year is None:
            continue
        ev = _ev(norm, fact.start, fact.end)
        meta[role] = m.DateMention(
            text=fact.value,
            value=p.value,
            value_end=p.value_end,
            precision=p.precision,  # type: ignore[arg-type]
            role=role,  # type: ignore[arg-type]
            source="metadata",
            mentions=[ev],
            evidence=ev,
        )
    if not meta:
        return result_dates
    rest: list[m.DateMention] = []
    for d in result_dates:
        same_role = meta.get(d.role)
        if same_role is not None and same_role.value == d.value:
            target = same_role
        elif d.role in meta or d.role == "other":
            target = next((x for x in meta.values() if x.value == d.value), None)
        else:
            target = None
        if target is not None:
            target.mentions = _merged(target.mentions[0], [*target.mentions[1:], d])
        elif d.role in meta:
            rest.append(d.model_copy(update={"role": "other"}))
        else:
            rest.append(d)
    return [*meta.values(), *rest]


def _locate(obj, ingested: IngestedDocument, norm: NormalizedText) -> None:
    """Fill css_path / paragraph on every Evidence inside `obj` (in place)."""
    if isinstance(obj, m.Evidence):
        n = len(norm.line_of)
        i = obj.start
        while i < min(obj.end, n) and norm.line_of[i] < 0:
            i += 1
        if i < n and norm.line_of[i] >= 0:
            line = ingested.lines[norm.line_of[i]]
            obj.css_path = line.css_path
            obj.paragraph = line.paragraph
        return
    if isinstance(obj, m.BaseModel):
        for name in type(obj).model_fields:
            _locate(getattr(obj, name), ingested, norm)
    elif isinstance(obj, list):
        for v in obj:
            _locate(v, ingested, norm)


def apply_page_structure(
    result: m.ExtractionResult, ingested: IngestedDocument, norm: NormalizedText
) -> m.ExtractionResult:
    """Merge the page metadata facts into `result` and locate every evidence (see module doc)."""
    found = facts(ingested, norm)
    if found:
        update: dict = {}
        warnings = list(result.warnings)
        dates = list(result.dates)
        for fact in found:
            ev = _ev(norm, fact.start, fact.end)
            if fact.key == "title":
                update["title"] = _title(result, fact, ev, warnings)
            elif fact.key == "doc_number":
                update["doc_numbers"] = _doc_number(result, fact, ev)
            elif fact.key == "issuer":
                update["issuing_agencies"] = _agencies(result, fact, norm)
            elif fact.key in ("index_number", "subject_category"):
                update[fact.key] = m.MetadataValue(text=fact.value, label=fact.label, evidence=ev)
        dates = _dates(dates, found, norm)
        update["dates"] = sorted(dates, key=lambda d: (d.evidence.start, d.evidence.end))
        update["warnings"] = warnings
        result = result.model_copy(update=update)
    if any(ln.css_path or ln.paragraph is not None for ln in ingested.lines):
        _locate(result, ingested, norm)
    return result
