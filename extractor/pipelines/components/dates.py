"""`ex_dates`: dates -> doc.spans["dates"] (models.DateMention).

One item per fact (role, value, end): the span is the first mention, `mentions`
every mention (a written date in the header and under the signature is one item).
The grammar is extractor/grammars/dates.py. Roles, from the context on the same line:

- written:   header field 成文日期 / 成文时间 / 签发日期 / 制发日期, or a signature date:
             a line that is only a date, or a line that ends with a date after a
             run of agency names with no sentence punctuation (…某某省能源局2026年2月10日);
- published: a signature-like date line in the first lines, before the body (a
             report's byline); header field 发布日期 / 发布时间 / 生成日期 / 公布日期 / 印发日期 / 时间,
             …日印发, a promulgation line (2001年5月8日 …令第100号发布),
             a news dateline (2025.03.18 某某日报);
- effective: 自…起 / 自…施行|实施|执行|生效, 实施时间 / 施行日期 / 生效日期 fields;
- expiry:    有效期至 / 截止日期 / 失效日期, …延长至<date>;
- deadline:  <date>前 / 底前 / 以前 / 之前 (…年底前);
- period:    ranges (2025—2027年, 2025年至2027年, 2027年1月1日至2031年12月31日); when
             ex_title ran first, a range inside the 《》 of another document is ``other``;
- event:     a date followed on its line by an act (通过, 修正, 发布, 召开, 公布 …); a bare
             year (2009年, `DateParse.bare`) only as an event, when its own clause narrates
             a happening before the document's year (`_bare_year_event`);
- other:     everything else (in a research report only a date alone on its line).

Year-less dates (8月24日前, 7月) take the year of 今年/去年/明年 right before them
relative to the document's year (去年的3月9日), else the closest earlier explicit
year on the same line (the next year when the run of dates falls back once after an
anchor whose clause says 后: `_turns`); a year-less day (8月24日) may also take the year of the document's
written/published date. `year_inferred` is then True. Without such a year the
mention is skipped (precision first). Dates that overlap a document number
(国家发展改革委令2024年第17号, 公告 2026年 第42号) are dropped.
"""

from __future__ import annotations

import re
from bisect import bisect_left

from spacy.language import Language
from spacy.tokens import Doc

from extractor.gazetteers import relative_years
from extractor.grammars.dates import DateParse, find_dates_and_years, iso
from extractor.grammars.doc_number import DocNumberParse, find_numbers
from extractor.grammars.head import head_end
from extractor.grammars.quantity import find_quantities
from extractor.grammars.portal import is_chrome
from extractor.grammars.text_units import CharIndex, Intervals
from extractor.pipelines.base import Loc, add_span, doc_value, families, records

KEY = "dates"

_SEP = r"[ \t\u3000]*[：:\t]?[ \t\u3000]*$"
_WRITTEN_LABEL = re.compile(r"(?:成文日期|成文时间|签发日期|制发日期|写作日期)" + _SEP)
_LABELS: list[tuple[re.Pattern, str]] = [
    (_WRITTEN_LABEL, "written"),
    (
        re.compile(
            r"(?:发布日期|发布时间|生成日期|报告日期|公布日期|公布时间|印发日期|发文日期|发稿时间"
            r"|(?:^|[ \t])时间|(?:^|[ \t])日期)" + _SEP
        ),
        "published",
    ),
    (re.compile(r"(?:实施日期|实施时间|施行日期|施行时间|生效日期|生效时间|执行日期)" + _SEP), "effective"),
    (re.compile(r"(?:失效日期|失效时间|废止日期|有效期至|截止日期|截止时间)" + _SEP), "expiry"),
]
_EFFECTIVE_BEFORE = re.compile(r"(?:自|从|于)[ \t]*$")
_EFFECTIVE_AFTER = re.compile(r"^[ \t]*(?:起|开始|施行|实施|执行|生效)")
_EXPIRY_BEFORE = re.compile(r"(?:延长至|延至|有效期至|截止至|止于|失效于)[ \t]*$")
_EXPIRY_AFTER = re.compile(r"^[ \t]*(?:止|起失效|失效|废止)")
_DEADLINE_AFTER = re.compile(r"^[ \t]*(?:底|末)?(?:及|或)?(?:以前|之前|前)")
_PUBLISHED_AFTER = re.compile(r"^[ \t]*印发")
_IN_FORCE_AFTER = re.compile(r"^[ \t]*(?:起|开始)?[ \t]*(?:施行|实施|执行|生效)")
_DEADLINE_BEFORE = re.compile(r"(?:^|[^截])(?:到|至)[ \t]*$")
_PROMULGATION_AFTER = re.compile(
    r"^[ \t\u3000]*[\u4e00-\u9fff]{0,20}令[ \t\u3000]*第[0-9]+号[ \t\u3000]*(?:发布|公布)(?![\u4e00-\u9fff])"
)
# no role from the date's own context: find_date_mentions decides (event, other, or dropped)
UNMARKED = "unmarked"
_ACTS = (
    r"通过|修正|修订|修改|发布|公布|印发|召开|举行|签署|签订|批准|下达|下发|出台|公告|启动|成立|会议"
    r"|宣布|发生|开通|达成|展开|开展|开始|组织|组成|设立|建立|开业|投产|上市|挂牌|报送|作出|做出"
    r"|颁布|提出|批转|转发|审议|视察|考察|调查|赴|停止|完成|实施[了的]|正式|收购(?!价)|并购"
)
# the act on the date's own clause: 于2025年8月10日下发通知 / （二○一○年五月八日某某会第12次会议修订通过）
_EVENT_AFTER = re.compile(rf"^[^。；;，,]{{0,40}}?(?:{_ACTS})")
# or on the clause right after it: 2015年3月2日，某部宣布暂停… / 2016年5月和8月，某局两次派出工作组
_EVENT_NEXT_CLAUSE = re.compile(rf"^[ \t]*(?:[和及、][^。；;，,]{{0,8}})?[，,][^。；;，,]{{0,30}}?(?:{_ACTS})")
_SENTENCE_END = re.compile(r"[。！？!?]|[：:]$")
_SENTENCE_PUNCT = re.compile(r"[，。；;,！？!?（）()《》“”:：、]")
_SIGNATURE_PREFIX = re.compile(r"^[\u4e00-\u9fff \t\u3000]{2,80}$")
_AGENCY_TOKEN = re.compile(r"^[\u4e00-\u9fff]{1,19}(?:部|委|局|署|院|厅|会|府|办|室|司|行|中心)$")


def _agency_tail(before: str) -> bool:
    """The line before the date ends with two or more space-separated agency names."""
    tokens = before.split()
    n = 0
    for tok in reversed(tokens):
        if not _AGENCY_TOKEN.match(tok):
            break
        n += 1
    return n >= 2
_PUBLIC_NOTE = re.compile(r"^[ \t\u3000]*[（(](?:此件|本件)[^（）()]{0,12}[）)][ \t\u3000]*$")
_NEWS_DATELINE_AFTER = re.compile(r"^[ \t\u3000]+[\u4e00-\u9fffA-Za-z]{2,12}[ \t\u3000]*$")


# a date's role is read from at most LINE_WINDOW characters of its line on each side;
# a cut line is marked with "…" so that "nothing else on the line" tests fail, as they
# would on the whole line
LINE_WINDOW = 200


def _line(text: str, start: int, end: int, lines: CharIndex | None = None) -> tuple[str, str]:
    """The text of the line before `start` and after `end` (within LINE_WINDOW)."""
    if lines is None:
        # look no further than the window (a long line is not rescanned for each date);
        # a line that runs past it gets a bound that selects the cut form below
        lo = max(0, start - LINE_WINDOW - 1)
        i = text.rfind("\n", lo, start)
        ls = i + 1 if i >= 0 else (0 if lo == 0 else lo - 1)
        hi = end + LINE_WINDOW + 1
        le = text.find("\n", end, hi)
        if le < 0:
            le = len(text) if hi >= len(text) else hi
    else:
        ls = lines.last(0, start) + 1
        le = lines.first(end)
    le = len(text) if le < 0 else le
    before = text[ls:start] if start - ls <= LINE_WINDOW else "…" + text[start - LINE_WINDOW : start]
    after = text[end:le] if le - end <= LINE_WINDOW else text[end : end + LINE_WINDOW] + "…"
    return before, after


def role_of(text: str, p: DateParse, lines: CharIndex | None = None) -> str:
    before, after = _line(text, p.start, p.end, lines)
    if p.value_end is not None:
        return "period"
    for rx, role in _LABELS:
        if rx.search(before):
            return role
    if _EXPIRY_BEFORE.search(before) or _EXPIRY_AFTER.match(after):
        return "expiry"
    if re.match(r"^[ \t]*(?:延长至|延至)", after):
        return "other"  # the old end of a validity that is extended
    if p.text.endswith("前") or _DEADLINE_AFTER.match(after):
        # 2015年6月1日前已签订的协议: a cut-off in the past, not a deadline
        rest = after[_DEADLINE_AFTER.match(after).end():] if _DEADLINE_AFTER.match(after) else after
        if re.match(r"^[ \t]*(?:已|已经|所)", rest):
            return "other"
        return "deadline"
    if _EFFECTIVE_BEFORE.search(before) and _EFFECTIVE_AFTER.match(after):
        # 自2026年1月1日起 is a start of validity; 从2019年起 / 自2012年4月起 without 施行 is
        # the start of a measure or of a happening (a horizon, an event), not the document's
        if p.precision == "day" or _IN_FORCE_AFTER.match(after):
            return "effective"
    if _DEADLINE_BEFORE.search(before) and p.text.endswith(("底", "末")):
        return "deadline"  # 到2019年底，建成…
    if _PUBLISHED_AFTER.match(after):
        return "published"
    if p.precision == "day" and _PUBLIC_NOTE.match(after):
        after = ""  # 2025年3月11日（此件公开发布）
    if p.precision == "day" and not after.strip():
        b = before.strip()
        if not b or (_SIGNATURE_PREFIX.match(b) and not _SENTENCE_PUNCT.search(b)):
            return "written"
        if _agency_tail(b):
            return "written"  # signature glued to the line above it by the normaliser
    if p.precision == "day" and not before.strip():
        if _IN_FORCE_AFTER.match(after) and _NEWS_DATELINE_AFTER.match(after):
            return "effective"  # a law's header line: 2012年7月1日 施行
        if _PROMULGATION_AFTER.match(after):
            return "published"
        if _NEWS_DATELINE_AFTER.match(after):
            return "published"
    after = _clause_after(text, p, before, after)
    if _EVENT_AFTER.match(after) or _EVENT_NEXT_CLAUSE.match(after):
        return "event"
    return UNMARKED


def _clause_after(text: str, p: DateParse, before: str, after: str) -> str:
    """The rest of the date's line; when the date sits in a bracket that closes on a
    later line ((二○一○年五月八日某某会 / 第12次会议修订通过)), up to the bracket."""
    if before.count("（") + before.count("(") <= before.count("）") + before.count(")"):
        return after
    ends = (text.find("）", p.end, p.end + 80), text.find(")", p.end, p.end + 80))
    close = min((i for i in ends if i >= 0), default=-1)
    return text[p.end:close].replace("\n", "") if close >= 0 else after


def _enclosing_title(text: str, p: DateParse, marks: "_Marks") -> str | None:
    """The text inside the 《》 around `p`, None when `p` is not inside one."""
    o = marks.open.last(0, p.start)
    if o < 0 or marks.close.any(o, p.start) or marks.lines.any(o, p.start):
        return None
    c = marks.close.first(p.end)
    if c < 0 or marks.lines.any(p.end, c):
        return None
    return text[o + 1 : c]


class _NextMatch:
    """The first match of `rx` that starts at or after a position, for positions asked in
    increasing order (one mention after another): the match found for one question
    answers every later question up to its start, so a pass over the mentions reads the
    text once, however long its clauses. `first(lo, hi)` is what `rx.search(text[lo:hi])`
    answers (as an offset into `text`) when no match can hold a character at `hi` (a
    clause end) and none looks behind `lo` at a character that changes it."""

    def __init__(self, rx: re.Pattern, text: str) -> None:
        self.rx, self.text = rx, text
        self._from, self._at = -1, None  # searched from `_from`; first match start, None: none

    def first(self, lo: int, hi: int) -> int | None:
        if self._from < 0 or lo < self._from or (self._at is not None and lo > self._at):
            m = self.rx.search(self.text, lo)
            self._from, self._at = lo, (m.start() if m else None)
        return self._at if self._at is not None and self._at < hi else None


class _Marks:
    """Line breaks and 《》 of a text, indexed once."""

    def __init__(self, text: str) -> None:
        self.lines = CharIndex(text, "\n")
        self.open = CharIndex(text, "《")
        self.close = CharIndex(text, "》")
        self.years = [(m.start(), m.end(), int(m.group(1))) for m in _YEAR_IN_LINE.finditer(text)]
        self._year_starts = [y[0] for y in self.years]
        self.clause_ends = CharIndex(text, _CLAUSE_END)
        self.happened = _NextMatch(_HAPPENED, text)
        self.strong_act = _NextMatch(_STRONG_ACT, text)

    def clause_end(self, pos: int) -> int:
        """The first clause end (_CLAUSE_END) at or after `pos`, else the end of the text."""
        k = self.clause_ends.first(pos)
        return self.clause_ends.length if k < 0 else k

    def year_in(self, lo: int, hi: int) -> bool:
        """An explicit year (_YEAR_IN_LINE) starts in [lo, hi)."""
        k = bisect_left(self._year_starts, lo)
        return k < len(self._year_starts) and self._year_starts[k] < hi

    def line_year(self, start: int) -> int | None:
        """The last explicit year on the line before `start`."""
        ls = self.lines.last(0, start) + 1
        k = bisect_left(self._year_starts, start) - 1
        while k >= 0 and self.years[k][0] >= ls:
            if self.years[k][1] <= start:
                return self.years[k][2]
            k -= 1
        return None


def _squeeze(s: str) -> str:
    return re.sub(r"\s+", "", s)


# the signature of an order (令): the officer's title and name on the line above the date
_OFFICER_SIGNATURE = re.compile(
    r"^[ \t\u3000]*(?:国务院)?(?:总理|主席|委员长|部长|主任|局长|署长|行长|省长|市长|县长)[ \t\u3000]+"
    r"[\u4e00-\u9fff·]{2,5}[ \t\u3000]*$"
)


def _byline_to_published(text: str, found: list[DateParse], roles: list[str], head: int, lines: CharIndex) -> None:
    """A signature-like date line before the body (a report's byline: 五矿证券研究所
    金属与材料组  2026年1月9日) is the publication date, not a signature."""
    first_lines_end = 0
    for _ in range(8):
        nl = text.find("\n", first_lines_end)
        if nl < 0:
            first_lines_end = len(text)
            break
        first_lines_end = nl + 1
    limit = min(head, first_lines_end)
    officer: dict[int, bool] = {}  # by line break: the line above it is an officer's signature
    for k, p in enumerate(found):
        labelled = _WRITTEN_LABEL.search(_line(text, p.start, p.end, lines)[0])
        ls = lines.last(0, p.start)
        if ls not in officer:
            officer[ls] = bool(_OFFICER_SIGNATURE.match(text[lines.last(0, max(ls, 0)) + 1 : max(ls, 0)]))
        if officer[ls]:
            continue  # an order signed by its officer (总理  李克强): the written date
        if roles[k] == "written" and p.end <= limit and not labelled:
            # a byline has the body after it; a signature block ends the notice
            rest = text[p.end : p.end + 2000].split("\n")
            if any(len(ln.strip()) > 40 for ln in rest[1:]):
                roles[k] = "published"


def find_date_mentions(
    text: str,
    title: tuple[int, int, str] | None = None,
    dates: list[DateParse] | None = None,
    numbers: list[DocNumberParse] | None = None,
    head: int | None = None,
    kind: str = "other",
    quantities: list | None = None,
) -> list[tuple[DateParse, dict]]:
    """(parse, fields) for every date of `text` that is the document's own.

    `title` is the document title (start, end, text) when known: a published date
    before it with a news lead in between (…全文如下：) is the date of the story that
    reproduces the document, not the document's, and is left out; a date inside the
    《》 of another document (《…实施方案（2024—2026年）》 cited in the body) is that
    document's, not this one's, and is left out; a period inside the title, or in a
    《》 that the title holds (the attached plan of a transmittal notice), is the
    document's own ``period``. A date in brackets in the title of a report
    (动力煤周度报告（2025.12.05）) is its ``published`` date.

    Dates with no role from their context (`UNMARKED`) are decided here, against the
    document's own date (its first written, else published date):

    - the signature date of an attached or forwarded document (a signature after the
      document's own, with another value) is ``other``: a transmittal notice's written
      date is not that of the report it forwards;
    - a dated happening is an ``event``: an act on the date's clause or the next one
      (2015年3月2日，某部宣布…), not after the document's written date, or a
      report's date (a year: before its year); a law's amendments after its
      promulgation stay events; in a policy notice any dated statement of running text before its own
      date too (自2012年4月起，附近居民多次反映噪声);
    - a year-less date whose year comes only from the document's date or a relative
      word (6月22日, 今年5月) is left out unless it is a deadline, effective or expiry
      date (precision first: nothing on the page says which year); in a policy notice
      a day dated by the notice's own year may still be a happening; in a research
      report every year-less date is left out, and so is a recurring one (每年的6月30日前)
      and one that would fall before the date on its line that gives it its year;
    - a range of days that ended before the document's own date is an event
      (2012年9月3日至5日);
    - in a research report a range of years is the period of a statistic
      (2015~2020年某金属消费年均增速), not the report's, and is left out;
    - a date alone on its line or in a heading stays ``other``; any other date of
      running text is left out (the year of a figure, a plan's horizon).

    - in a research report (commentary narrates with explicit years), a month or day
      of running text before the report's own date is a dated happening (``event``:
      2016年8月2日复产) unless it dates a figure rather than a happening: a
      quantity in its clause (2016年9月，出口量已超过2万吨), an attributive 的
      (2016年3月31日的检查结果), a cut-off (截至2016年底) or the start of a span
      (2010年以来); a range of months that ended before the report's date is an event
      too (约定自2015年2月-2015年9月…交货).

    `dates`, `numbers`, `head` and `quantities` are the date, document-number and quantity
    mentions and `head_end(text)` when already found; `kind` the document kind.
    """
    taken = Intervals((n.start, n.end) for n in (find_numbers(text) if numbers is None else numbers))
    found = [p for p in (find_dates_and_years(text) if dates is None else dates)
             if not taken.overlaps(p.start, p.end)]
    marks = _Marks(text)
    figures = [q.start for q in (find_quantities(text) if quantities is None else quantities)]
    # a bare year has no role of its own context: only a happening in its clause makes it a date
    roles = [UNMARKED if p.bare else role_of(text, p, marks.lines) for p in found]
    _byline_to_published(text, found, roles, head_end(text) if head is None else head, marks.lines)
    _later_signatures_to_other(text, found, roles)
    if title is not None:
        ts, te, ttext = title
        own = _squeeze(ttext)
        for k, p in enumerate(found):
            if roles[k] == "published" and p.end <= ts and _lead_between(text, p.end, ts):
                roles[k] = None  # a news page's date, before the notice it reproduces
        for k, p in enumerate(found):
            in_title = ts <= p.start and p.end <= te
            if not in_title:
                inner = _enclosing_title(text, p, marks)
                # the title may name the attached plan without its period:
                # 关于印发某某三年行动计划的通知 / 《某某三年行动计划（2025—2027年）》
                bare = re.sub(r"[（(][^（）()]*[）)]$", "", _squeeze(inner or ""))
                named = inner is not None and (_squeeze(inner) in own or (bare and bare in own))
                if inner is not None and not named:
                    roles[k] = None  # another document's date
            if in_title and p.precision == "day" and roles[k] == UNMARKED:
                if text[p.start - 1 : p.start] in "（(" and text[p.end : p.end + 1] in "）)":
                    roles[k] = "published"
    own_date, own_role = None, ""
    for own_role in ("written", "published"):
        own_date = next(
            (
                p
                for p, r in zip(found, roles, strict=True)
                if r == own_role and p.year is not None and p.precision == "day"
            ),
            None,
        )
        if own_date:
            break
    doc_year = own_date.year if own_date else None
    runs = _runs(found, marks.lines)
    starts = [q.start for q in found]
    out = []
    for p, role in zip(found, roles, strict=True):
        if role is None:
            continue
        if p.bare:
            if not _bare_year_event(text, p, own_date, kind, figures, marks):
                continue
            role = "event"
        if role == "period" and kind == "research_report" and p.precision == "year":
            # a report's range of years is a statistic's period, unless an act follows it on
            # its clause (2015年~2016年宣布增产的工厂): the time of that act, an event below
            if not (_EVENT_AFTER.match(_line(text, p.start, p.end, marks.lines)[1])):
                continue
            role = "event"  # its start must still be before the report (_unmarked_role)
        fields: dict = {"text": p.text, "precision": p.precision, "role": role}
        value, value_end = p.value, p.value_end
        if p.year is None:
            rel = _RELATIVE_YEAR.search(text, max(0, p.start - 4), p.start)
            from_line = False
            that_year = marks.line_year(p.start) if rel and rel.group(1) == "当年" else None
            if that_year is not None:
                # 于2016年3月提出…，后又于当年6月…: 当年 is the year just narrated
                year, rel, from_line = that_year, None, True
            elif rel and doc_year:
                # 今年7月 / 去年的3月9日: relative to the document's own year
                year = doc_year + _RELATIVE_OFFSET[rel.group(1)]
            else:
                year = marks.line_year(p.start)
                from_line = year is not None
            if year is None and p.precision == "day":
                year = doc_year
            if year is None:
                continue
            guessed = not from_line and (rel or kind != "policy_notice")
            if guessed and role in (UNMARKED, "event", "other"):
                continue  # the year is a guess from the document's own date
            if from_line:
                turned = _turns(text, runs[p.start], p, year)
                if turned is None:
                    continue  # 自2011年10月5日…后，…又出现了3月1日…: the year may have turned
                year += turned
            # commentary dates only with the year written in the date (当年4月 is left out)
            reported = kind == "research_report"
            if reported or _RECURRING.search(text, max(0, p.start - 6), p.start):
                continue  # a report dates what it reports with years; 每年的6月30日前 recurs
            value = iso(year, p.month, p.day)
            if value is None:
                continue
            if value_end is not None and value_end.startswith("--"):
                value_end = f"{year:04d}{value_end[1:]}"
            fields["year_inferred"] = True
        if role == "period" and p.text.endswith("半年"):
            # a half year (2009年下半年): in a notice a happening when it ended before the notice,
            # else left out (a plan: 2019年上半年，各试点出台细则); in a report a happening only
            # with a past marker (2016年下半年，某厂曾计划…), else the period of a figure
            ended = own_date is not None and value_end < own_date.value[: len(value_end)]
            if kind != "research_report":
                if not ended:
                    continue
            elif not (ended and _past_marked(text, p, _line(text, p.start, p.end, marks.lines)[0])):
                continue
            role = fields["role"] = "event"
        if role == "period" and kind == "research_report" and p.precision == "day":
            role = fields["role"] = "event"  # a report has no span of days of its own: a measure's
        if role == "period" and own_date is not None and value_end is not None:
            finer = p.precision == "day" or kind == "research_report"  # a report's year ranges are gone
            if finer and value_end < own_date.value[: len(value_end)]:
                if kind == "research_report" and _figure_period(text, p, figures, starts, marks):
                    continue  # 2010年1~6月…消耗量: the period of a reported figure
                role = fields["role"] = "event"  # a span that ended before the document
        if role in (UNMARKED, "event"):
            role = _unmarked_role(text, p, role, value, own_date, own_role, kind, figures, marks)
            if role is None:
                continue
            fields["role"] = role
        fields["value"] = value
        if value_end is not None:
            fields["value_end"] = value_end
        out.append((p, fields))
    return out


def _unmarked_role(
    text: str,
    p: DateParse,
    role: str,
    value: str,
    own_date: DateParse | None,
    own_role: str,
    kind: str,
    figures: list[int],
    marks: "_Marks",
) -> str | None:
    """event, other or None (left out) for a date without a role of its own context."""
    own = own_date.value[: len(value)] if own_date is not None else None
    # compared at the date's own precision; a year (2019年上半年) must be a past year
    earlier = own is None or value < own or (value == own and p.precision != "year")
    if role == "event":
        # a law's amendments come after its promulgation: only a signature date or a
        # report's date bounds its happenings
        bounded = own_date is not None and (own_role == "written" or kind == "research_report")
        return "event" if earlier or not bounded else None
    before, after = _line(text, p.start, p.end)
    if own is not None and value < own and kind == "policy_notice":
        if _SENTENCE_PUNCT.search(before + after):
            return "event"  # a dated statement of running text in a policy document
    if own is not None and value < own and kind == "research_report":
        if _SENTENCE_PUNCT.search(before + after) and _narrates(text, p, before, after, figures, marks):
            return "event"  # commentary narrating a dated happening
    if not _SENTENCE_PUNCT.search(before + after) and len(before.strip() + after.strip()) <= 40:
        if own is not None and value < own and kind == "research_report" and _table_row(text, p):
            # a row of a table of dated happenings (one cell per line): the row's date
            # heads it; a row whose only other cells are figures dates those figures
            cells = after.strip()
            return "event" if _HAS_WORD.search(cells) and not _figure_in(p.end, p.end + len(after), figures) else None
        if kind == "research_report" and (before.strip() or after.strip()):
            return None  # a report's caption or subtitle (表1 2025年9月…产量): the period of its figures
        return "other"  # a date on a line of its own or in a heading
    return None


_HAS_WORD = re.compile(r"[\u4e00-\u9fffA-Za-z]{2}")
_CELL_LINE = re.compile(r"^[^，。；;,！？!?：:]{1,40}$")
_ROW_DATE = re.compile(r"^[ \t\u3000]*(?:19|20)\d{2}[ \t\u3000]*(?:年|[-/.]\d)")
TABLE_WINDOW = 6  # lines each side of a row that are read to see a table


def _table_row(text: str, p: DateParse) -> bool:
    """`p` opens a line inside a table laid out one cell per line: the short lines without
    sentence punctuation around it (up to TABLE_WINDOW on each side, the run stops at
    a sentence line) hold at least two other lines that open with a date too."""
    ls = text.rfind("\n", 0, p.start) + 1
    if text[ls : p.start].strip():
        return False
    le = text.find("\n", p.end)
    le = len(text) if le < 0 else le
    lo = ls  # the start of the TABLE_WINDOW-th line above, hi: the end of the one below
    for _ in range(TABLE_WINDOW):
        if lo == 0:
            break
        lo = text.rfind("\n", 0, lo - 1) + 1
    hi = le
    for _ in range(TABLE_WINDOW):
        if hi >= len(text):
            break
        k = text.find("\n", hi + 1)
        hi = len(text) if k < 0 else k
    rows = 0
    for lines in (text[lo:ls].split("\n")[:-1][::-1], text[le + 1 : hi].split("\n")):
        for line in lines:
            if not line.strip():
                continue
            if not _CELL_LINE.match(line.strip()):
                break
            rows += bool(_ROW_DATE.match(line))
    return rows >= 2


def _figure_in(start: int, end: int, figures: list[int]) -> bool:
    k = bisect_left(figures, start)
    return k < len(figures) and figures[k] < end


# the date dates a figure or bounds a span, it is no happening: 2016年3月31日的检查结果,
# 截至2016年底, 2016年以来
_ATTRIBUTIVE_AFTER = re.compile(r"^(?:底|末|初|中旬|上旬|下旬|份)?的(?!时候)")
_SPAN_AFTER = re.compile(r"^(?:底|末|初|中旬|上旬|下旬|份)?(?:以来|以后|之后|后(?!来)|至今|起|开始|为止)")
_AS_OF_BEFORE = re.compile(r"(?:截至|截止|截止到|到|至|自|从)[ \t]*$")
# 于 as the time of an act, not in 关于/对于/由于/等于/高于 …
_AT_BEFORE = re.compile(r"(?<![关对由位属当等高低大小多少])于[ \t]*$")
_EARLY_BEFORE = re.compile(r"早在[ \t]*$")
_PAST_MARK = re.compile(r"曾经?")
_CLAUSE_END = re.compile(r"[，,。；;！？!?：:\n]")


def _narrates(text: str, p: DateParse, before: str, after: str, figures: list[int], marks: "_Marks") -> bool:
    """The date opens a narrated happening: not attributive, not a cut-off or a span's
    start, and no quantity in its clause (the clause after it when it stands alone before
    a comma: 2016年6月，某公司…). 于 before a month or day makes it the time of an act
    whatever its clause holds (于2015年9月分批退还押金8万元). A year alone dates a
    figure far more often than an act: it is a happening only with a past marker (早在2008年,
    在2008年…曾进行了)."""
    if _ATTRIBUTIVE_AFTER.match(after) or _SPAN_AFTER.match(after) or _AS_OF_BEFORE.search(before):
        return False
    if p.text.endswith(("年底", "年末")):
        return False  # a year's end dates a level or a stock (在2016年末，库存升至…)
    if p.precision == "year":
        if not _past_marked(text, p, before):
            return False
    elif _AT_BEFORE.search(before):
        return True
    start = p.end
    end = marks.clause_end(start)
    if end == start and text[end : end + 1] in ("，", ","):  # the date alone before a comma
        end = marks.clause_end(end + 1)
    return _acts_on_figure(start, end, figures, marks) is not False


def _acts_on_figure(start: int, end: int, figures: list[int], marks: "_Marks") -> bool | None:
    """None when no quantity starts in the clause [start, end); else whether an act of the
    clause (_STRONG_ACT) comes before the first one: a figure after an act is what the act
    moved (某厂曾与三家企业签约, 收购了40%的股份), not a reported level."""
    k = bisect_left(figures, start)
    if not (k < len(figures) and figures[k] < end):
        return None
    act = marks.strong_act.first(start, end)
    return act is not None and act < figures[k]


def _past_marked(text: str, p: DateParse, before: str) -> bool:
    """早在 before the date, or 曾 in its sentence (within 40 characters): a past happening."""
    sentence = _SENTENCE_END.search(text, p.end, p.end + 40)
    tail = text[p.end : sentence.start() if sentence else p.end + 40]
    return bool(_EARLY_BEFORE.search(before) or _PAST_MARK.search(tail))


def _figure_period(text: str, p: DateParse, figures: list[int], starts: list[int], marks: "_Marks") -> bool:
    """A report's range of months is the period of a figure, not a happening: one of a list of
    periods (2015年度、2016年1~6月), or its clause holds a quantity or another date to compare
    with (2016年1—9月份已与2015年全年相当). 自/从 before it makes it the span of an act
    (约定自2015年2月-2015年9月按月交货)."""
    before = text[max(0, p.start - 2) : p.start]
    if re.search(r"[自从]\s*$", before):
        return False
    if before.endswith(("、", "和", "及")):
        return True
    end = marks.clause_end(p.end)
    if _figure_in(p.end, end, figures):
        return True
    return _figure_in(p.end, end, starts) or marks.year_in(p.end, end)


def _runs(found: list[DateParse], lines: CharIndex) -> dict[int, tuple[DateParse | None, int]]:
    """For each year-less date with a month (by its start): the anchor of its line (the last
    date with a year and a month before it on its line, None) and how many times the run of
    year-less dates since the anchor, up to it, falls back (one pass over `found`)."""
    out: dict[int, tuple[DateParse | None, int]] = {}
    anchor, prev, falls = None, (0, 0), 0
    k = 0
    while k < len(found):
        j = k
        while j < len(found) and found[j].start == found[k].start:
            q = found[j]
            if anchor is not None and lines.any(anchor.start, q.start):
                anchor = None  # a new line
            if q.year is not None and q.month is not None:
                anchor, prev, falls = q, (q.month, q.day or 0), 0
            elif anchor is not None and q.year is None and q.month is not None:
                cur = (q.month, q.day or 0)
                falls += cur < prev
                prev = cur
            j += 1
        for q in found[k:j]:
            if q.year is None:
                out[q.start] = (anchor, falls)
        k = j
    return out


def _turns(text: str, run: tuple[DateParse | None, int], p: DateParse, year: int) -> int | None:
    """Years to add to the line's year for a year-less date `p`: 0 while the year-less dates
    since the dated mention its year comes from (the last one with a year and a month earlier
    on its line, the anchor) run forward from it; 1 when they fall back once and the anchor's
    clause says that what follows came after it (自2011年10月5日…停产后，…又出现了3月1日…、
    7月8日…); None (the year is not known) when they fall back otherwise."""
    anchor, falls = run
    if anchor is None or anchor.year != year or p.month is None:
        return 0
    if falls == 0:
        return 0
    if falls == 1 and _AFTER_ANCHOR.match(text, anchor.end):
        return 1
    return None


_AFTER_ANCHOR = re.compile(r"[^，,。；;\n]{0,40}?(?:以后|之后|后)[，,]")
# a happening in a bare year's clause: an act of the list, a perfective 了 (not 为了/除了/了解),
# 已/曾 or a passive 被; with a figure in the clause only an act or 曾 before the figure counts
_STRONG_ACT = re.compile(rf"(?:{_ACTS})|曾")
# 通过 of a bare year's clause is far more often "by means of" than an adoption
_HAPPENED = re.compile(rf"(?!通过)(?:{_ACTS})|曾|已|被|(?<![为除])了(?!解)")
# the base of a comparison (较2015年发布的…高出20%) dates a figure
_COMPARED_BEFORE = re.compile(r"(?:较|比|相比|相较|对比|同比)[ \t]*$")


def _bare_year_event(
    text: str, p: DateParse, own_date: DateParse | None, kind: str, figures: list[int], marks: "_Marks",
) -> bool:
    """A bare year (2009年, no marker of its own) is a dated happening when it is before the
    document's own year and its clause narrates an act (2012年该厂扩建了仓库, 2013年某局已
    暂停…, 在2014年被收购…), or it heads a row of a table of dated happenings; the year of a
    figure (2015年销量增长了8%), a horizon (到2015年) or a span's start (2000年以来) is not."""
    if own_date is None or p.year is None or p.year >= (own_date.year or 0):
        return False
    before, after = _line(text, p.start, p.end, marks.lines)
    if not _SENTENCE_PUNCT.search(before + after) and len(before.strip() + after.strip()) <= 40:
        return (kind == "research_report" and _table_row(text, p) and bool(_HAS_WORD.search(after))
                and not _figure_in(p.end, p.end + len(after), figures))
    if (_AS_OF_BEFORE.search(before) or _COMPARED_BEFORE.search(before) or _SPAN_AFTER.match(after)
            or _ATTRIBUTIVE_AFTER.match(after)):
        return False
    start = p.end
    end = marks.clause_end(start)
    if end == start and text[end : end + 1] in ("，", ","):  # the year alone before a comma
        start = end + 1
        end = marks.clause_end(start)
    moved = _acts_on_figure(start, end, figures, marks)
    if _past_marked(text, p, before):  # 早在2012年，… / 在2013年为了…，曾开展了…
        return moved is not False
    if start > p.end:
        return False  # a year alone before a comma frames a span (过去的2015年，价格一路走低了…)
    if moved is None:
        return marks.happened.first(start, end) is not None
    return moved


def _lead_between(text: str, start: int, end: int) -> bool:
    """A news lead (a sentence line that is not page chrome) stands between `start` and
    `end`: the page is a story that reproduces the document, its date is the story's."""
    ls = text.find("\n", start)
    if ls < 0 or ls >= end:
        return False
    for line in text[ls + 1 : end].split("\n"):
        s = line.strip()
        if len(s) > 30 and _SENTENCE_END.search(s) and not is_chrome(s):
            return True
    return False


def _later_signatures_to_other(text: str, found: list[DateParse], roles: list[str]) -> None:
    """A signature date after the document's own written date, with another value, is
    the signature of an attached or forwarded document: ``other``."""
    first = None
    for k, p in enumerate(found):
        if roles[k] != "written":
            continue
        if first is None:
            first = p
        elif p.value != first.value and not _WRITTEN_LABEL.search(_line(text, p.start, p.end)[0]):
            roles[k] = "other"


_RECURRING = re.compile(r"(?:每年|每季度|每月|下一?年度|上一?年度|当年度)的?[ \t]*$")
_RELATIVE_YEAR = re.compile(r"(今年|本年|当年|去年|上年|明年|次年)的?[ \t]*$")
_RELATIVE_OFFSET = relative_years()  # data/date_cues.tsv
_YEAR_IN_LINE = re.compile(r"(?<![0-9〔\[［【])((?:19|20)\d{2})[ \t]*年(?!第)")


@Language.factory(
    "ex_dates",
    assigns=families(KEY),
    requires=[*families("date_mentions", "doc_number_mentions", "quantities"), doc_value("head_end")],
)
def create_dates(nlp: Language, name: str):
    def component(doc: Doc) -> Doc:
        if KEY not in doc.spans:
            doc.spans[KEY] = []
        title = None
        if "title" in doc.spans and len(doc.spans["title"]):
            t = doc.spans["title"][0]
            title = (t.start_char, t.end_char, (t._.fields or {}).get("text") or t.text)
        found = find_date_mentions(
            doc._.text,
            title,
            records(doc, "date_mentions"),
            records(doc, "doc_number_mentions"),
            doc._.head_end,
            doc._.layout.kind,
            records(doc, "quantities"),
        )
        facts: dict[tuple, list[tuple[DateParse, dict]]] = {}
        for p, fields in found:
            key = (fields["role"], fields["value"], fields.get("value_end"))
            facts.setdefault(key, []).append((p, fields))
        for same in facts.values():
            p, fields = same[0]
            fields["mentions"] = [Loc(q.start, q.end) for q, _ in same]
            add_span(doc, KEY, p.start, p.end, "DATE", fields)
        return doc

    return component
