"""ex_targets: quantified targets and limits in policy texts.

Numbers come from the quantity grammar (`extractor.grammars.quantity`). A number
is a *target* when something marks it as a goal or a limit; a plain statistic is
not. The rules, in order:

1. Never targets: durations (年, 日, 天, 个月, 小时: 有效期不超过2年), fines and
   penalties (the sentence has 罚款/罚金/并处/没收), definitions and statistical
   scope (是指, 统计范围, 口径 … before the number).
2. Goal markers, any of:
   - a governing year (see below) in force at the number;
   - 力争, 确保, 争取, 力求, 目标 earlier in the paragraph;
   - an inequality comparator on the number (以上, 以下, 不高于, 不低于, 不超过, 超过,
     <, ≥ …), or a modal (须, 应, 应当, 必须, 不得, 要求) earlier in the clause;
   - a target-level verb on the number (达到, 提升至, 控制在, 降至 …: 镓综合回收率达到80%).
   Both of the last fall to the historical veto (价格一度达1200元/吨 is a statistic).
3. Historical veto: a clause with 同比, 环比, 比上年, 上年, 去年, 已经, 已达, or with
   a year that is not a governing year (2008年产量高达…) is a statistic unless the
   paragraph has a strong marker (governing year, 力争, 确保, 目标 …) or the
   clause has a modal.
4. Not targets either: a qualifier followed by 的 (培育年营业收入超50亿元的钨企业3家以上: the
   target is 3家; 纯度≥99.99%的锑锭), or right before a noun that the clause then counts
   (培育产值超百亿元企业5户, 千万吨级矿山3座), or joined by 或/和 to one (海拔超过3000米或埋深大于
   800米的矿井), a reporting basis (以三氧化钨含量65%计, 含量65%, and
   notes in brackets with 下同/含量/计), and governing years inside 《》 or after 以/较/比
   (以2025年度下达指标为基础 is a baseline).
5. A quota clause (…指标为8500吨, …综合利用指标1060吨) is a target; without a governing
   year it takes the last year of its sentence. "YYYY年度" governs like 到YYYY年, and a
   title line with YYYY年度 and 指标/目标/配额/计划 sets the document's default year
   (关于做好2026年度…开采总量控制指标申报工作的函 -> 2026).
   A heading "一、…2020年…目标…" governs its section (一、完成2027年产业发展主要目标…).

Governing year: 到2027年, 至2030年 (not 截至), 展望2035年, 力争2027年, …年前, …年底前,
a year that opens a clause (2030年，…), and a five-year-plan period (“十四五”期间 /
时期 -> its last year, 2025; “十四五”末 is a baseline, not a goal). It governs the
clauses after it until another governing year or the end of the paragraph ("\\n").

Metric: the noun phrase the number is about, from its clause (split at ，。；：
and line breaks). Usually the words before the number, with leading markers
(力争, 确保, 其中, 到…年 …), scope words (国内, 全国, "X行业"), the clause
before a modal (…项目应符合), baselines (较“十四五”末) and trailing light verbs
(为, 保持在 …) removed: 力争国内铝土矿资源量增长 3%—5% -> 铝土矿资源量增长. When the
number modifies a following noun (鼓励采用 500kA 及以上电解槽, 打造1~2个煤铝共采示范
性矿山) the metric is that noun phrase. A clause opening with 占 borrows the subject
of the clause before (铜精矿产量稳步增长，占全国供应比重超过 9% -> 铜精矿产量
占全国供应比重). The evidence span covers metric, number
and comparators; `text` is that span.
"""

from __future__ import annotations

import heapq
import itertools
import re
from bisect import bisect_left, bisect_right

from spacy.language import Language
from spacy.tokens import Doc

from extractor.grammars.quantity import Quantity
from extractor.grammars.text_units import ByStart, CharIndex, Hits
from extractor.pipelines.base import add_span, families, records

DURATION_UNITS = frozenset({"a", "d", "month", "h"})
PENALTY = re.compile(r"罚款|罚金|并处|没收|处以")
DEFINITION = re.compile(r"是指|系指|统计范围|统计口径|口径为|定义为")
STRONG = re.compile(r"力争|确保|争取|力求|目标")
QUOTA = re.compile(r"指标")  # clause-level: 开采总量控制指标为8500吨
QUOTA_TITLE = re.compile(r"指标|目标|配额|计划")
SPEC_BEFORE = re.compile(r"(?:含量|品位|纯度|浓度)\s?$")  # 三氧化钨含量65%: a reporting basis
BRACKET_NOTE = re.compile(r"下同|含量|计|折")
NOTE_BRACKET = re.compile(r"[(（][^()（）]*?(?:下同|含量|计|折|简称)[^()（）]*?[)）]")


def _in_title(text: str, pos: int) -> bool:
    """True when pos lies inside 《…》 (a cited title)."""
    o = text.rfind("《", 0, pos)
    return o >= 0 and text.rfind("》", o, pos) < 0


class _Index:
    """Where the characters the target rules ask about are: every question per
    quantity (its line, sentence, clause, bracket, title marks) is a bisection, so
    the component stays n log n however long a line is."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.n = len(text)
        self.lines = CharIndex(text, "\n")
        self.sentences = CharIndex(text, "。；;\n")
        self.table_marks = CharIndex(text, "\t│|")
        self.opens = CharIndex(text, "(（")
        self.closes = CharIndex(text, ")）")
        self.title_open = CharIndex(text, "《")
        self.title_close = CharIndex(text, "》")
        self.bracket_open = CharIndex(text, OPEN)
        self.stops = CharIndex(text, CLAUSE_END)  # every clause end, brackets ignored
        self.strong = Hits(text, STRONG)
        self.penalty = Hits(text, PENALTY)
        self.definition = Hits(text, DEFINITION)
        self.quota = Hits(text, QUOTA)
        self.modal = Hits(text, MODAL)
        self.historical = Hits(text, HISTORICAL)
        self.any_year = [(m.start(), m.end(), int(m.group(0)[:4])) for m in ANY_YEAR.finditer(text)]
        self._any_year_starts = [y[0] for y in self.any_year]
        # clause ends outside brackets, the bracket depth counted from each line start
        top: list[int] = []
        depth = 0
        for m in _CLAUSE_SCAN.finditer(text):
            c, k = m.group(0), m.start()
            if c in OPEN:
                depth += 1
            elif c in CLOSE:
                depth = max(0, depth - 1)
            else:
                if depth == 0:
                    top.append(k)
                if c == "\n":
                    depth = 0
        self.top_stops = top

    def years_in(self, lo: int, hi: int) -> list[tuple[int, int, int]]:
        """(start, end, year) of the NNNN年 inside [lo, hi)."""
        a, b = bisect_left(self._any_year_starts, lo), bisect_left(self._any_year_starts, hi)
        return [y for y in self.any_year[a:b] if y[1] <= hi]

    def line_start(self, pos: int) -> int:
        return self.lines.last(0, pos) + 1

    def line_end(self, pos: int) -> int:
        k = self.lines.first(pos)
        return self.n if k < 0 else k

    def in_title(self, pos: int) -> bool:
        """True when pos lies inside 《…》 (a cited title)."""
        o = self.title_open.last(0, pos)
        return o >= 0 and not self.title_close.any(o, pos)

    def bracket_around(self, start: int, end: int) -> str | None:
        """The text of the round bracket enclosing text[start:end] on its line, if any."""
        line_start = self.line_start(start)
        o = self.opens.last(line_start, start)
        if o < 0 or self.closes.any(o, start):
            return None
        c = self.closes.first(end, self.line_end(end))
        return self.text[o + 1 : c] if c >= 0 else None

    def clause(self, par_start: int, start: int, end: int) -> tuple[int, int]:
        """The clause around text[start:end]: delimited by ，。；： or a line break, ignoring
        delimiters inside brackets (钨精矿(三氧化钨含量65%,下同)综合利用指标1060吨)."""
        k = bisect_left(self.top_stops, start) - 1
        clause_start = self.top_stops[k] + 1 if k >= 0 and self.top_stops[k] >= par_start else par_start
        stop = self.stops.first(end)
        stop = self.n if stop < 0 else stop
        if not self.bracket_open.any(end, stop):
            return clause_start, stop
        return clause_start, _clause_end(self.text, end)
MODAL = re.compile(r"须|应当|(?<![供响适对相反效感答呼顺])应(?![用急对])|必须|不得|要求|严禁")
HISTORICAL = re.compile(r"同比|环比|比上年|较上年|上年|去年|已经|已达|已|一度|曾经|目前|当前|截至|截止|最高|最低")
CLAUSE_END = re.compile(r"[，。；;！？!?：:\n]|,(?!\d{3}(?!\d))")  # 1,500 is a number
GOVERNING_YEAR = re.compile(
    r"(?:(?:到|(?<![截])至|展望|力争(?:到|在)?|争取(?:到|在)?|预计到|确保(?:到|在)?)\s?(?P<y1>[12]\d{3})\s?年(?:底|末)?"
    r"|(?P<y2>[12]\d{3})\s?年(?:底|末)?前"
    r"|(?<![以较比与自])(?P<y4>[12]\d{3})\s?年度"
    r"|(?:^|(?<=[，,。；;\n]))\s*(?P<y3>[12]\d{3})\s?年(?:底|末)?\s?(?=[，,])"
    r"|[“\"]?(?P<plan>十[三四五六]五)[”\"]?(?:期间|时期))"
)
# five-year plan periods govern like their last year (“十四五”期间 -> 2025); “十四五”末 is a baseline
PLAN_END_YEAR = {"十三五": 2020, "十四五": 2025, "十五五": 2030, "十六五": 2035}


# where a GOVERNING_YEAR match can be: every one holds a year or a plan name
_YEAR_ANCHOR = re.compile(r"[12](?=\d{3})|十(?=[三四五六]五)")


def governing_year_marks(text: str):
    """`GOVERNING_YEAR.finditer(text)`, the regex tried only where a match can start.

    Every match holds a year (NNNN) or a plan name (十四五) at some `q`, and starts at
    most 4 characters before it (到/至/展望/力争到 … and a space, or the opening
    quote of “十四五”) or after a clause stop with only white space up to it; those
    starts are tried left to right, skipping past each match, as finditer does (the
    regex has no search-position-dependent anchor: its ^ is the start of the text)."""
    starts: set[int] = set()
    for a in _YEAR_ANCHOR.finditer(text):
        q = k = a.start()
        while k > 0 and text[k - 1].isspace():
            k -= 1
        starts.update(range(max(0, min(k, q - 4)), q + 1))
    pos = 0
    for s in sorted(starts):
        if s >= pos:
            m = GOVERNING_YEAR.match(text, s)
            if m:
                yield m
                pos = m.end()


def _year_of(m: re.Match) -> int:
    if m.group("plan"):
        return PLAN_END_YEAR[m.group("plan")]
    return int(m.group("y1") or m.group("y2") or m.group("y3") or m.group("y4"))
ANY_YEAR = re.compile(r"[12](?<!\d[12])\d{3}\s?年")  # (?<!\d)[12]…, searched faster
METRIC_WINDOW = 64

# metric clean-up (as data: lists of words)
LEAD_WORDS = (
    "力争", "确保", "争取", "力求", "其中", "同时", "并且", "并", "且", "以及", "和", "使", "将",
    "要", "到", "国内", "我国", "全国", "全省", "全市", "我省", "本省", "我市", "本市", "推动", "实现", "进一步",
    "基本", "鼓励", "支持",
    "引导",
)
CUT_AFTER = (
    "应符合", "须符合", "应达到", "须达到", "符合", "满足", "必须", "应当", "须", "要求", "其中", "以及", "或者", "或",
    "下达", "下发",
)
TRAIL_WORDS = (
    "保持在", "稳定在", "维持在", "控制在", "保持", "不得", "不应", "必须", "应当", "为", "是", "在", "达", "要", "将",
    "约", "的",
)
OBJECT_VERBS = (
    "采用", "建设", "打造", "培育", "建成", "新增", "形成", "推广", "创建", "建立", "遴选", "布局",
    "新建", "设立", "认定", "开展", "完成", "支持", "发展", "引进", "组建", "鼓励",
)
FOLLOW_STOP = ("或", "和", "及", "与", "并", "但", "而", "的", "等", "以")
FOLLOW_END = (
    "全面", "推进", "实施", "开展", "要", "应", "须", "加快", "实现", "建成", "完成", "积极", "率先", "进行", "必须",
    "可以", "不得", "原则上", "和", "或",
)
TRAIL_MODAL = re.compile(r"(?:(?<![供响适对相反效感答])应|须|要|必须|应当|不得)(?:在|为|达到|达)?$")
BASELINE = re.compile(r"(?:较|比|相比)[^，,。；;]{0,12}?(?:年|末|底|水平|基础上)(?:相比)?")
SCOPE_INDUSTRY = re.compile(r"^.{1,8}?行业(?=.{4,})")
PUNCT = "“”\"'‘’《》()（）[]【】 　·、"


HEADING = re.compile(r"^[ \t#]*[一二三四五六七八九十]+、", re.M)
HEADING_GOAL = re.compile(r"(?<!\d)(?P<y>[12]\d{3})\s?年[^\n]{0,20}?(?:目标|任务)")
YEAR_IN_TITLE_LINES = 3


OPEN, CLOSE = "(（[【《“", ")）]】》”"
_CLAUSE_SCAN = re.compile("[" + re.escape(OPEN + CLOSE) + "]|" + CLAUSE_END.pattern)


def _clause_end(text: str, end: int) -> int:
    """Where the clause that goes on after `end` stops (a bracket opened after `end`
    holds its delimiters)."""
    depth = 0
    k = end
    while k < len(text):
        c = text[k]
        if c == "\n":
            break
        if c in OPEN:
            depth += 1
        elif c in CLOSE:
            depth = max(0, depth - 1)
        elif depth == 0 and CLAUSE_END.match(text, k):
            break
        k += 1
    return k


def governing_years(text: str, ix: "_Index | None" = None) -> list[tuple[int, int, int]]:
    """(position, scope end, year) of every governing year marker, sorted by position.

    - a marker in a paragraph governs to the end of that paragraph;
    - a "一、" heading with a year and 目标/任务 (一、完成2027年产业发展主要目标…) governs its
      section, up to the next "X、" heading;
    - a "YYYY年度" in the first lines (the title: 关于做好2026年度…指标申报工作的函) is the
      document's default year.
    """
    ix = ix or _Index(text)
    out = []
    first_lines = [ln for ln in text.split("\n")[: YEAR_IN_TITLE_LINES * 2] if ln.strip()][:YEAR_IN_TITLE_LINES]
    head_end = text.find(first_lines[-1]) + len(first_lines[-1]) if first_lines else 0
    for line in first_lines:  # 关于做好2026年度…开采总量控制指标申报工作的函
        m = re.search(r"(?<!\d)([12]\d{3})\s?年度", line)
        if m and QUOTA_TITLE.search(line) and not _in_title(line, m.start()):
            out.append((0, len(text), int(m.group(1))))
            break
    headings = [h.start() for h in HEADING.finditer(text)]
    for k, h in enumerate(headings):
        line_end = text.find("\n", h)
        line = text[h : len(text) if line_end < 0 else line_end]
        m = HEADING_GOAL.search(line)
        if m:
            scope_end = headings[k + 1] if k + 1 < len(headings) else len(text)
            out.append((h + m.start(), scope_end, int(m.group("y"))))
    for m in governing_year_marks(text):
        if ix.in_title(m.start()):  # 《关于下达2018年度…指标的通知》 cites, it does not govern
            continue
        out.append((m.start(), ix.line_end(m.end()), _year_of(m)))
    out.sort(key=lambda e: e[0])
    return out


class _YearScopes:
    """The governing year at a position: the last marker (in position order) whose scope
    holds it. Asked at positions that never decrease (quantities in text order), it
    sweeps once over the markers with a heap of the open scopes."""

    def __init__(self, years: list[tuple[int, int, int]], any_year: list[tuple[int, int, int]]) -> None:
        self._years = years  # sorted by position
        self._starts = [y[0] for y in years]
        # NNNN年 mentions that no marker governs ("stray": a past year), counted up to each
        self._any_starts = [y[0] for y in any_year]
        self._stray_before = [0]
        for start, end, _ in any_year:
            self._stray_before.append(self._stray_before[-1] + (not self.near_marker(start)))
        self._any_ends = [y[1] for y in any_year]
        self._next = 0
        self._open: list[tuple[int, int, int, int]] = []  # (-index, start, scope end, year)
        self._last = -1

    def at(self, pos: int) -> tuple[int | None, int | None]:
        if pos < self._last:  # asked out of order: start over
            self._next, self._open = 0, []
        self._last = pos
        while self._next < len(self._years) and self._years[self._next][0] < pos:
            start, end, year = self._years[self._next]
            heapq.heappush(self._open, (-self._next, start, end, year))
            self._next += 1
        while self._open and self._open[0][2] < pos:  # scopes that ended stay ended
            heapq.heappop(self._open)
        if not self._open:
            return None, None
        _, start, _, year = self._open[0]
        return year, start

    def stray_between(self, lo: int, hi: int) -> bool:
        """True when a stray NNNN年 lies inside [lo, hi)."""
        a = bisect_left(self._any_starts, lo)
        b = bisect_left(self._any_starts, hi)
        while b > a and self._any_ends[b - 1] > hi:  # the last one may run past `hi`
            b -= 1
        return self._stray_before[b] - self._stray_before[a] > 0

    def near_marker(self, pos: int) -> bool:
        """True when `pos` lies within 12 characters after the start of a marker."""
        k = bisect_right(self._starts, pos) - 1
        return k >= 0 and pos < self._starts[k] + 12


def _clean_metric(head: str) -> str | None:
    s = head
    s = GOVERNING_YEAR.sub("", s)
    s = re.sub(r"^\s*[12]\d{3}\s?年度?", "", s)
    s = BASELINE.sub("", s)
    for w in CUT_AFTER:
        k = s.rfind(w)
        if k >= 0 and k + len(w) < len(s):
            s = s[k + len(w) :]
    s = s.strip(PUNCT)
    changed = True
    while changed and s:
        changed = False
        for w in LEAD_WORDS:
            if s.startswith(w) and len(s) > len(w):
                s, changed = s[len(w) :].strip(PUNCT), True
        for w in TRAIL_WORDS:
            if s.endswith(w) and len(s) > len(w):
                s, changed = s[: -len(w)].strip(PUNCT), True
    s = NOTE_BRACKET.sub("", s)  # 钨精矿(三氧化钨含量65%,下同)综合利用指标 -> 钨精矿综合利用指标
    k = max(s.rfind("）"), s.rfind(")"))
    if k >= 0 and len(s) - k > 2:  # （CCS/CCUS）年注入二氧化碳 -> 年注入二氧化碳
        s = s[k + 1 :]
    m = SCOPE_INDUSTRY.match(s)
    if m:
        s = s[m.end() :]
    s = TRAIL_MODAL.sub("", s.replace(" ", "")).strip(PUNCT)
    return s or None


SUBJECTLESS = ("占",)  # 占全国供应比重超过9%: the subject is in the clause before
SUBJECT_END = re.compile(r"持续|保持|不断|进一步|明显|大幅|显著|稳步|稳定|增长|提升|提高|下降|达到|实现|有序")


def _previous_subject(ix: _Index, par_start: int, clause_start: int) -> tuple[int, int, str] | None:
    """The noun phrase opening the previous clause (天然气储备规模持续增长 -> 天然气储备规模)."""
    text = ix.text
    prev_end = clause_start - 1
    if prev_end <= par_start:
        return None
    cm = ix.stops.last(par_start, prev_end)
    prev_start = cm + 1 if cm >= 0 else par_start
    prev = text[prev_start:prev_end]
    m = SUBJECT_END.search(prev)
    if not m or m.start() < 2:
        return None
    np = _clean_metric(prev[: m.start()])
    if not np:
        return None
    pos = _locate(text, prev_start, prev_start + m.start(), np)
    return (pos if pos is not None else prev_start, prev_start + m.start(), np)


def _following_np(text: str, pos: int, limit: int) -> tuple[int, int] | None:
    """The noun phrase right after a number (500kA 及以上电解槽 -> 电解槽)."""
    k = pos
    while k < limit and text[k] == " ":
        k += 1
    if text[k : k + 1] == "的":
        k += 1
    start = k
    while k < limit and text[k] not in "，,。；;、：:\n（(“" and text[k : k + 1] not in ("等",) and k - start < 16:
        if k > start + 1 and text.startswith(FOLLOW_END, k):
            break
        k += 1
    if k - start < 2 or not ("\u4e00" <= text[start] <= "\u9fff") or text[start] in FOLLOW_STOP:
        return None
    return start, k


# a counted noun right after a number sizes it (百亿元企业5户, 千万吨级矿山3座): the number
# qualifies the noun like 超50亿元的 does, the count is the target
COUNTED_NOUN = re.compile(r"级?[\u4e00-\u9fff]{1,8}")
COUNT_UNITS = frozenset("户家个座处项条批所")
NOT_A_NOUN = re.compile(r"达|为|至|到|增|降|提|减|控|超|占|和|及|与|或|等|年|以")


def _sizes_a_counted_noun(text: str, q: Quantity, qs: ByStart, clause_end: int) -> bool:
    """Is `q` followed, without a break, by a noun and a count of it (超百亿元企业5户)?"""
    nxt = next((x for x in qs.forwards(q.end, clause_end) if x.end <= clause_end), None)
    if nxt is None or (nxt.unit or "")[:1] not in COUNT_UNITS or len(nxt.unit or "") != 1:
        return False
    gap = text[q.end : nxt.start]
    return COUNTED_NOUN.fullmatch(gap) is not None and NOT_A_NOUN.search(gap) is None


def classify(ix: _Index, qs: ByStart, q: Quantity, years: "_YearScopes", clause_start: int, clause_end: int,
             par_start: int):
    """(is_target, year) for one quantity (`qs`: every quantity of the text)."""
    text = ix.text
    if q.normalized_unit in DURATION_UNITS:
        return False, None
    if ix.table_marks.any(ix.line_start(q.start), ix.line_end(q.end)):  # table rows are not prose targets
        return False, None
    sent_start = ix.sentences.last(0, q.start) + 1
    sent_end = ix.sentences.first(q.end)
    if ix.penalty.inside(sent_start, sent_end if sent_end >= 0 else len(text)):
        return False, None
    if ix.definition.inside(sent_start, q.start):
        return False, None
    after = text[q.end : q.end + 2].lstrip(" ")
    if after.startswith("的"):  # 超50亿元的钨企业, 纯度≥99.99%的锑锭: a qualifier, not a target
        return False, None
    if _sizes_a_counted_noun(text, q, qs, clause_end):  # 培育产值超百亿元企业5户: the target is 5户
        return False, None
    if after.startswith(("或", "和", "及", "、")):  # 海拔超过3000米或埋深大于600米的煤矿
        nxt = [x for x in itertools.islice((x for x in qs.forwards(q.end, clause_end) if x.end <= clause_end), 1)]
        if nxt and text[nxt[0].end : min(clause_end, nxt[0].end + 2)].lstrip(" ").startswith("的"):
            return False, None
    if after.startswith(("计", "折")) or (q.relation is None and SPEC_BEFORE.search(text[max(0, q.start - 4) : q.start])):
        return False, None  # 以三氧化钨含量65%计: a reporting basis
    note = ix.bracket_around(q.start, q.end)
    if note is not None and BRACKET_NOTE.search(note):
        return False, None  # (三氧化钨含量65%,下同)
    year, _ = years.at(q.start)
    quota = ix.quota.inside(clause_start, q.start)
    if quota and year is None:  # 2023年省自然资源厅下达我市…综合利用指标1060吨
        ys = ix.years_in(sent_start, q.start)
        if ys:
            year = ys[-1][2]
    strong = year is not None or quota or ix.strong.inside(par_start, q.start)
    modal = ix.modal.inside(clause_start, q.start)
    # an inequality is a limit on its own, a target-level verb (达到, 提升至) a goal; both
    # fall to the historical veto below (价格一度达1200元/吨, 同比增长达31.8%)
    ineq = q.relation in (">=", "<=", ">", "<", "=")
    # historical veto
    stray_year = years.stray_between(clause_start, clause_end)
    if (ix.historical.inside(clause_start, q.start) or stray_year) and not (strong or modal):
        return False, None
    if strong or modal or ineq:
        return True, year
    return False, None


@Language.factory("ex_targets", assigns=families("targets"), requires=families("quantities"))
def make_targets(nlp: Language, name: str) -> "Targets":
    return Targets()


class Targets:
    def __call__(self, doc: Doc) -> Doc:
        text = doc._.text
        ix = _Index(text)
        years = _YearScopes(governing_years(text, ix), ix.any_year)
        qs = ByStart(records(doc, "quantities"))
        for q in qs:
            par_start = ix.line_start(q.start)
            clause_start, clause_end = ix.clause(par_start, q.start, q.end)
            ok, year = classify(ix, qs, q, years, clause_start, clause_end, par_start)
            if not ok:
                continue
            # the metric is read from the clause just before the number (at most
            # METRIC_WINDOW characters: a list of thousands of numbers is not one metric)
            head_start = max(clause_start, q.start - METRIC_WINDOW)
            head = text[head_start : q.start]
            metric = _clean_metric(head)
            start, end = q.start, q.end
            subject = None
            if metric and metric.startswith(SUBJECTLESS):
                subject = _previous_subject(ix, par_start, clause_start)
                if subject:
                    metric = subject[2] + metric
            head_stripped = head.rstrip()
            follow = None
            nxt = text[q.end : q.end + 2].lstrip(" ")[:1]
            if q.end < clause_end and nxt and "\u4e00" <= nxt <= "\u9fff":
                if not metric or head_stripped.endswith(OBJECT_VERBS):
                    follow = _following_np(text, q.end, clause_end)
            if follow:
                metric = text[follow[0] : follow[1]].replace(" ", "")
                end = follow[1]
            elif metric:
                # locate the metric in the original (spaces may sit inside the head)
                if subject:
                    start = subject[0]
                else:
                    pos = _locate(text, head_start, q.start, metric)
                    if pos is not None:
                        start = pos
            if not metric:
                continue  # a number without a metric is not a usable target
            add_span(doc, "targets", start, end, "TARGET", {
                "text": text[start:end],
                "metric": metric,
                "value": q.value,
                "value_max": q.value_max,
                "unit": q.unit,
                "comparator": q.comparator,
                "year": year,
                "normalized_value": q.normalized_value,
                "normalized_value_max": q.normalized_value_max,
                "normalized_unit": q.normalized_unit,
            })
        return doc


def _locate(text: str, lo: int, hi: int, metric: str) -> int | None:
    """Start offset of `metric` (spaces ignored) inside text[lo:hi], searching from the right."""
    chars = [(i, c) for i, c in enumerate(text[lo:hi], start=lo) if c != " "]
    flat = "".join(c for _, c in chars)
    for n in range(len(metric), 1, -1):  # the metric may be cut (baseline removed)
        k = flat.rfind(metric[:n])
        if k >= 0:
            return chars[k][0]
    return None
