"""ex_policy_events: a policy the report analyses (agency, date, action, minerals).

A policy event is a sentence where an agency (`extractor.agencies.find_agencies`) is
followed, within the sentence and at most 40 characters later, by an act of issuing or
deciding (下发通知, 发布, 印发, 出台, 公布, 下达, 决定, 上收 …):

    山西省自然资源厅于2025年8月10日下发通知，决定调整…，明确将陶瓷土、耐火粘土、高岭土、
    铁矾土等四个…矿种的出让登记权限上收至省级部门 …
    -> agency 山西省自然资源厅, date 2025-08-10, action 上收出让登记权限,
       minerals [陶瓷土, 耐火粘土, 高岭土, 铁矾土]

- date: a DateMention of ex_dates inside the sentence when that component ran, else
  Y年M月D日 / M月D日 (the year from the document context);
- action: the most specific act: 将…的<权限>上收/下放/收回/取消/暂停 -> verb + object,
  else 暂停/取消/下达/公布/发布/印发/出台 + object (a 《》 title or the clause), else
  决定 + clause, else the issuing verb itself (下发通知);
- minerals: the first coordinated list (、 和 及 与) of two or more minerals in the
  sentence (the objects of the act), else every mineral of the sentence.

Nothing is taken from the disclaimer or company blurb.
"""

from __future__ import annotations

import re
from bisect import bisect_left

from spacy.language import Language
from spacy.tokens import Doc

from extractor.gazetteers import relative_years
from extractor.grammars.periods import infer_year
from extractor.grammars.text_units import ByStart, ClosedParens, in_excluded
from extractor.pipelines.base import add_span, doc_value, families, records, spans

ISSUE = re.compile(r"下发|发出|印发|发布|出台|公布|下达|颁布|决定|宣布|上收|调整|暂停|取消|批准|实施")
_TRANSFER = re.compile(
    r"将(?P<ctx>[^。；]{0,80}?)的(?P<obj>[^的，。；、\s]{2,12}?)(?P<verb>上收|下放|收回|取消|暂停|调整)"
)
_SPECIFIC = re.compile(
    r"(?P<verb>暂停|取消|下达|公布|发布|印发|出台|颁布)了?(?P<obj>《[^》]{2,60}》|[^，,。；;]{2,40})"
)
_DECIDE = re.compile(r"决定(?P<obj>[^，,。；;]{2,40})")
_GENERIC = re.compile(r"(下发|发出|印发|发布)(了)?(通知|文件|公告|意见)")
_DATE = re.compile(r"(?:(?P<y>(?:19|20)\d{2})\s*年|(?P<rel>今年|去年|上年)的?)?\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日")
_LIST_SEP = re.compile(r"^[、和及与]$")


@Language.factory(
    "ex_policy_events",
    assigns=families("policy_events"),
    requires=[
        *families("agency_mentions", "mineral_mentions", "excluded_sections"),
        doc_value("units"),
        doc_value("ref_date"),
    ],
)
def make_policy_events(nlp: Language, name: str) -> "PolicyEvents":
    return PolicyEvents()


class PolicyEvents:
    def __call__(self, doc: Doc) -> Doc:
        text = doc._.text
        ref = doc._.ref_date
        units = doc._.units
        minerals = ByStart(records(doc, "mineral_mentions"))
        dates = _Dates(spans(doc, "dates"))  # when ex_dates ran
        excluded = records(doc, "excluded_sections")
        closed = ClosedParens(text)  # the brackets found once for every mineral asked about
        done: set[int] = set()
        for ag in records(doc, "agency_mentions"):
            if in_excluded(excluded, ag.start, ag.end):
                continue
            ss, se = units.sentence(ag.start)
            if ss in done:
                continue
            issue = ISSUE.search(text, ag.end, min(se, ag.end + 40))
            if not issue or "，" in text[ag.end : issue.start()] and issue.group(0) not in ("决定",):
                # the act must follow the agency as its predicate (commas allowed only before 决定)
                if not issue or text[ag.end : issue.start()].count("，") > 1:
                    continue
            done.add(ss)
            body_start = ag.end
            action = self._action(text, body_start, se)
            if action is None:
                continue
            date = self._date(text, dates, ag.end, se, ref)
            ev_start = ag.start
            if date is None:
                date = self._date(text, dates, ss, ag.start, ref)
                if date is not None:
                    ev_start = ss
            mins = self._minerals(text, minerals, closed, ss, se)
            add_span(doc, "policy_events", ev_start, se, "policy_event", {
                "agency": ag.surface,
                "agency_canonical": ag.canonical,
                "date": date,
                "action": action,
                "minerals": mins,
            })
        return doc

    @staticmethod
    def _action(text: str, s: int, e: int) -> str | None:
        seg = text[s:e]
        m = _TRANSFER.search(seg)
        if m:
            return m.group("verb") + m.group("obj")
        best = None
        for m in _SPECIFIC.finditer(seg):
            obj = m.group("obj")
            if re.match(r"^(通知|文件|公告)$", obj):
                continue
            best = m.group("verb") + obj.strip()
            break
        if best:
            return best
        m = _DECIDE.search(seg)
        if m:
            return m.group("obj").strip()
        m = _GENERIC.search(seg)
        if m:
            return m.group(0)
        return None

    @staticmethod
    def _date(text, dates, s, e, ref) -> str | None:
        m = _DATE.search(text, s, e)
        if m and m.group("rel"):
            return _PolicyDate.resolve(m, ref)
        for v in dates.values(s - 2, e):
            if v:
                return v
        if not m:
            return None
        return _PolicyDate.resolve(m, ref)


    @staticmethod
    def _minerals(text, minerals, closed, s, e) -> list[str]:
        inside = [m for m in minerals.within(s, e) if not closed(m.start, e)]
        groups: list[list] = []
        for m in inside:
            if groups and _LIST_SEP.match(text[groups[-1][-1].end : m.start]):
                groups[-1].append(m)
            else:
                groups.append([m])
        for g in groups:
            if len(g) >= 2:
                return list(dict.fromkeys(m.canonical for m in g))
        return list(dict.fromkeys(m.canonical for m in inside))


class _Dates:
    """The values of the date spans, by start offset of each mention."""

    def __init__(self, date_spans) -> None:
        pairs = sorted(
            (
                (loc[0], (sp._.fields or {}).get("value"))
                for sp in date_spans
                for loc in ((sp._.fields or {}).get("mentions") or [(sp.start_char, sp.end_char)])
            ),
            key=lambda p: p[0],
        )
        self._starts = [p[0] for p in pairs]
        self._values = [p[1] for p in pairs]

    def values(self, lo: int, hi: int) -> list:
        """Values of the dates that start in [lo, hi), in order."""
        return self._values[bisect_left(self._starts, lo) : bisect_left(self._starts, hi)]


class _PolicyDate:
    @staticmethod
    def resolve(m, ref) -> str | None:
        mo, d = int(m.group("m")), int(m.group("d"))
        if m.group("y"):
            y = int(m.group("y"))
        elif m.group("rel") and ref.year is not None:
            y = ref.year + relative_years()[m.group("rel")]
        else:
            y = infer_year(mo, ref)
        if y is None or not (1 <= mo <= 12 and 1 <= d <= 31):
            return None
        return f"{y}-{mo:02d}-{d:02d}"
