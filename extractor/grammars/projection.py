"""Numbers about the future: the cue that makes a figure a projection, and its horizon
as written (pure functions; cue words in `extractor/data/report_cues.tsv`, kind
`projection`).

- `projection_cue(left)`: the last projection cue in `left` (the clause up to the number):
  预计, 将达, 有望, 或将, 料为, 目标, 计划, 可能, 会, 或 … A one-character cue must be a
  word of its own: 将近 / 或者 / 协会 / 会议 / 主要 / 要求 are not cues.
- `horizon_of(left)`: the last time expression before the number that says when it is
  for, as written: 今年, 明年, 下半年, 2015年, 2011年年底, 2011~2012年, “十二五”末, 未来5—10年,
  短期, 二季度; None when the text states none.
"""

from __future__ import annotations

import re
from functools import lru_cache

from extractor.gazetteers import word_class
from extractor.grammars.institutions import cues

# one-character cues inside longer words that are no cue (将近, 或者, 协会, 会议, 需要 …)
_NOT_CUE = {
    # 拟将所持股权转让, 已将电耗从…降至: 将 marks the object; 将以5亿元收购: the terms of a
    # deal (as 拟以), not a level ahead
    "将": (r"(?<![即必拟已])", r"(?!近|军|领|士|以)"),
    "或": (r"(?<![或])", r"(?!者|是|许|多|少|缺)"),
    "会": (r"(?<![协社委员机学大都商工全省国议例约理])", r"(?!议|员|上|长|计|谈|同|商|场|展|所)"),
    "要": (r"(?<![主重需只想纪摘提概])", r"(?!求|素|点|闻|件|么|是|比|大|小|高|低|好|多|少)"),  # 还要高出: a comparison
    # 预期 as a noun: 不及预期, 超预期, 低于分析师一致预期的3.2% (a past month's consensus)
    "预期": (r"(?<!不及)(?<!超)(?<!于)(?<!合)(?<!出)", r"(?!的)"),
    # 拟以1.2亿元的价格出售, 拟将…500万股股份出售: the terms of a proposed deal, not a level ahead
    "拟": (r"", r"(?!定|稿|人|以|将)"),
    # 据估计，该盆地…储量约为90亿吨: an estimate of what is, not a call on what will be
    "估计": (r"(?<!据)", r""),
    "目标": (r"", r"(?!市场)"),
}


@lru_cache(maxsize=1)
def _cue_re() -> re.Pattern:
    # the forecast verbs (data/word_classes.tsv) and report_cues.tsv's own projection words (将达, 有望 …)
    words = sorted({*word_class("forecast_verb"), *cues("projection")}, key=len, reverse=True)
    parts = []
    for w in words:
        before, after = _NOT_CUE.get(w, ("", ""))
        parts.append(before + re.escape(w) + after)
    return re.compile("|".join(parts))


def projection_cue(left: str, sentence_left: str = "") -> str | None:
    """The last projection cue of `left` (the clause text before a number), else a
    forecasting verb that governs the sentence (`sentence_left`: the sentence before the
    clause; 预计…，沪锌主力合约波动区间为…), or None."""
    if _OBSERVED_BEFORE.search(left):
        return None  # 由40%提高到48%, 在目前12%的基础上: the base of a change is what is
    found = list(_cue_re().finditer(left))
    if found:
        cue = found[-1]
        after = left[cue.end() :]
        if _DONE.search(after):
            return None  # 可能已把报价下调了15%: a hedge on what has been done
        if _estimate_of_what_is(cue.group(0), sentence_left + left[: cue.start()], after):
            return None
        if cue.group(0) == "会" and _HABITUAL.search(left, 0, cue.start()):
            return None  # 以往每隔一个季度报价会下调: what used to happen, not what will
        if cue.group(0) == "要" and not after.strip(" 约近"):
            return None  # 单台设备也要150吨: 要 right before the number is a verb (takes, costs), no modal
        return cue.group(0)
    if _OWN_TIME.search(left):
        return None  # 而2020~2025年…年均增速为2.1%: the clause says when, and it is not ahead
    # the verb must open one of the sentence's clauses (预计…, 据中电联预测，…, 我们估计…): a
    # noun (美联储释放降息预期) deep in a clause governs nothing
    parts = re.split(r"([，,；;：:])", sentence_left)
    for k in range(len(parts) - 1, -1, -2):
        part = parts[k]
        m = _sentence_re().search(part, 0, len(part) - len(part.lstrip()) + 8 + 2)
        if m:
            prior = "".join(parts[:k]) + part[: m.start()]
            after = part[m.end() :] + "".join(parts[k + 1 :]) + left
            if _estimate_of_what_is(m.group(0), prior, after):
                return None
            return m.group(0)
    return None


# the number is the base of a change (由40%提高到48%, 从去年的…) or a present level (在目前10%的
# 基础上): what is, whatever the clause says about what will be
_OBSERVED_BEFORE = re.compile(
    r"(?:(?<![理自])由|(?<![自听服遵])从)\s*(?:[^，,；;。]{0,8}?(?:年|月|初|底|末|期|目前|现在|当前)的)?\s*$"
    r"|(?:目前|现有|现在|当前)的?\s*$"
)
# a perfective 了 after the cue: the hedged action is done (可能已把报价下调了, 将与…签订了一项)
_DONE = re.compile(r"(?<![为除])了(?![解结])")
# an estimate of a present or past figure: the sentence before the estimating verb names a time
# that is not ahead (上月实际投产的，估计有20万吨; 目前…利用率估计在六成上下; 目前，…，预计远景
# 资源量超5亿吨), and nothing after the verb moves the figure (no change verb, no horizon)
_ESTIMATE = ("估计", "预计", "估算")
_PRESENT_PAST = re.compile(r"目前|现有|现在|当前|去年|上年|前年|上月|上周|此前|截至|截止")
_MOVES = re.compile(r"增|减|涨|跌|升|降|突破|回落|反弹|扩|缩|提高|翻")


def _estimate_of_what_is(cue: str, prior: str, after: str) -> bool:
    if cue not in _ESTIMATE or _MOVES.search(after) or horizon_of(after):
        return False
    sentence = re.split(r"[。！？!?；;\n]", prior)[-1]
    return bool(_PRESENT_PAST.search(sentence)) and not _FUTURE_TIME.search(sentence)


# a habit of the past or a general rule before 会 (以往…会, 通常会): no call on the future
_HABITUAL = re.compile(r"原来|过去|以往|以前|往年|历来|通常|一般|往往")


# an as-of time (截至7月底, 截止2010年初, 截至目前); a year's end is kept apart: 截至2011年底 may lie ahead
_AS_OF = re.compile(
    r"(?:截至|截止)(?:到)?\s*(?:((?:19|20)\d{2})\s*年\s*(年底|年末|底|末)?)?"
    r"(\d{1,2}\s*月|年初|初|上半年|目前|去年|上月|本月)?")


def observed_as_of(sentence_left: str, left: str, ref_year: int | None) -> bool:
    """True when the sentence before a number counts as of a time that is not ahead (截至6月底，
    …停产或整改12家; 截至2011年初，…计划年产能达8000万吨) and nothing between the last cue and the
    number moves the figure or names a horizon: a hedge or a plan noun there (或, 计划总产能)
    makes no projection."""
    found = list(_cue_re().finditer(left))
    after = left[found[-1].end() :] if found else left
    prior = sentence_left + (left[: found[-1].start()] if found else "")
    sentence = re.split(r"[。！？!?；;\n]", prior)[-1]
    if _MOVES.search(after) or horizon_of(left):
        return False
    for m in reversed(list(_AS_OF.finditer(sentence))):
        year, end, part = m.group(1), m.group(2), m.group(3)
        if not (year or part):
            continue
        if year and ref_year is not None:
            y = int(year)
            return y < ref_year or (y == ref_year and not end)
        return True
    return False


_FUTURE_TIME = re.compile(r"明年|未来|今后|届时|下半年|年底|年末|(?:到|至)\s*(?:19|20)\d{2}")


# a clause that contrasts or names its own (past or present) time is not governed by the
# sentence's forecasting verb
_OWN_TIME = re.compile(r"^\s*(?:而|但|不过)|(?:19|20)\d{2}\s*(?:[~～\-—－至到]\s*(?:19|20)?\d{2,4}\s*)?年|去年|上年|同期|此前|目前|截至|已经|已")


def own_time(clause: str) -> bool:
    """True when a clause contrasts or names its own (past or present) time (而2005~2010年…,
    去年…, 目前…): a forecasting verb earlier in the sentence does not govern it."""
    return bool(_OWN_TIME.search(clause))


@lru_cache(maxsize=1)
def _sentence_re() -> re.Pattern:
    # the forecast verbs (data/word_classes.tsv), and report_cues.tsv's projection_sentence rows if any
    words = sorted({*word_class("forecast_verb"), *cues("projection_sentence")}, key=len, reverse=True)
    return re.compile("|".join(_NOT_CUE.get(w, ("", ""))[0] + re.escape(w) + _NOT_CUE.get(w, ("", ""))[1] for w in words))


_HORIZON = re.compile(
    r"(?:到|至)?\s*(?:"
    r"“?十[一二三四五六]五”?(?:末|期间|时期)?"
    r"|(?:19|20)\d{2}\s*(?:[~～\-—－至到]\s*(?:19|20)?\d{2,4}\s*)?年(?:全年|年底|年末|底|末|上半年|下半年|[一二三四]季度)?"
    r"|未来\s*[\d一二两三四五六七八九十几数]{1,3}(?:\s*[~～\-—－至到]\s*[\d一二两三四五六七八九十]{1,3})?\s*(?:个月|个季度|年)"
    r"|今年(?:全年|年底|下半年|上半年)?|明年|来年|下半年|年内|年底|全年|短期|中期|长期|中长期|近期|后期|届时"
    r"|[一二三四]季度|下月|下周"
    r")"
)


def horizon_of(left: str) -> str | None:
    """The last horizon expression of `left`, as written (到2015年 -> 2015年), or None."""
    found = list(_HORIZON.finditer(left))
    if not found:
        return None
    h = re.sub(r"^(?:到|至)\s*", "", found[-1].group(0))
    return h or None


_YEAR = re.compile(r"((?:19|20)\d{2})\s*(?:[~～\-—－至到]\s*((?:19|20)?\d{2,4})\s*)?年(年底|年末|底|末|下半年|四季度)?")
_PLAN_END = re.compile(r"十[一二三四五六]五”?(?:末|期末)")
_PLAN = re.compile(r"十([一二三四五六])五")
_THIS_MONTH = re.compile(r"今年\s*(\d{1,2})\s*月(底|末)?")
_HALF_OR_QUARTER = re.compile(r"(上半年|[一二三]季度|前三季度)")
_PERIOD_END = {"上半年": 6, "一季度": 3, "二季度": 6, "三季度": 9, "前三季度": 9}


def ahead(horizon: str | None, ref_year: int | None, ref_month: int | None) -> bool:
    """True when a horizon as written lies after the report's date: a later year
    (至2016年年底 in 2011), this year's end or second half before it comes (2011年年底 in
    May 2011), the end of a five-year plan (“十二五”末)."""
    if not horizon:
        return False
    if _PLAN_END.search(horizon):
        return True
    plan = _PLAN.search(horizon)
    if plan and ref_year is not None:
        # “十二五” (2011–2015) in a 2011 piece: a figure of a plan whose period is not over
        return 2005 + 5 * "一二三四五六".index(plan.group(1)) + 5 > ref_year
    month = _THIS_MONTH.search(horizon)
    if month and ref_month is not None:
        # 今年9月底 in a July piece; 今年7月底 before July is over
        return int(month.group(1)) > ref_month or (int(month.group(1)) == ref_month and bool(month.group(2)))
    m = _YEAR.search(horizon)
    if not m or ref_year is None:
        return False
    last = m.group(2) or m.group(1)
    year = int(last) if len(last) == 4 else int(m.group(1)[:2] + last[-2:])
    if year > ref_year:
        return True
    return year == ref_year and bool(m.group(3)) and (ref_month or 12) < 12


_TIME_CLAUSE = re.compile(
    r"^\s*(?:[“\"](?!十))?\s*(?:到|至|截至)?\s*((?:19|20)\d{2}\s*年(?:底|末|年底|年末|前后|左右)?|“?十[一二三四五六]五”?(?:末|期间|时期)?)\s*$")
# a clause whose subject will act from or at a time (该集团将从2027年开始，…; 其将于今年10月底投产新线，…)
_FUTURE_CLAUSE = re.compile(
    r"^[^，,；;：:]{0,12}?将\s*(?:于|从|自|在)\s*((?:19|20)\d{2}\s*年(?:\d{1,2}\s*月)?(?:底|末|初)?|今年\d{1,2}\s*月(?:底|末)?)")


def opening_time(sentence_left: str) -> str | None:
    """The time of the nearest clause of the sentence that is only a time (到2030年，…;
    根据省里的规划，到2030年前后，…; …文件写道，“到2030年，…), as written."""
    for part in reversed(re.split(r"[，,；;：:]", sentence_left)[:-1]):
        m = _TIME_CLAUSE.match(part) or _FUTURE_CLAUSE.match(part)
        if m:
            return m.group(1)
        if own_time(part):
            return None  # 截至今年6月，…: a nearer clause with its own (past or present) time
    return None


# a clause that sets up a scenario: a condition (如果…, 若…, 一旦…) or a calculation on stated
# assumptions (按照…计算, 以…计算, 按此计算)
_SCENARIO = re.compile(
    r"^\s*[^，,；;：:]{0,8}?(?:如果|假如|倘若|假设|要是|一旦|若(?!干))"
    r"|^\s*(?:按照?|以|依)[^，,；;：:]{0,40}计算\s*[，,]?$")
_DONE_LEFT = re.compile(r"已|去年|上年|此前|截至|截止|曾")


def scenario_horizon(sentence_left: str, left: str, right: str = "") -> str | None:
    """The time named from a scenario clause earlier in the sentence up to the number (如果2030年…，
    则需求将超出…; 依此计算，即使今年…为…), as written, when the number's clause follows that
    clause (`right`: the rest of the number's clause); None when there is no scenario, no time,
    or the number's clause says it is done.
    A figure in the scenario clause itself is hypothetical (no statistic) and not read here."""
    if _DONE_LEFT.search(left) or _SCENARIO.search(left + right):
        return None  # …已达…: done; 以其中5%为…计算: inside an assumption
    parts = re.split(r"[，,；;：:]", sentence_left)[:-1]
    for k, part in enumerate(parts):
        if _SCENARIO.search(part):
            return horizon_of("，".join(parts[k:]) + "，" + left)
    return None


def behind(horizon: str | None, ref_year: int | None, ref_month: int | None = None) -> bool:
    """True when a horizon as written is a year before the report's (2000年 in 2011), or a half
    or quarter of the report's year that is over by its month (今年上半年 in an August piece)."""
    m = _YEAR.search(horizon or "")
    part = _HALF_OR_QUARTER.search(horizon or "")
    if part and ref_month is not None and (not m or (ref_year is not None and int(m.group(1)) == ref_year)) \
            and (m or (horizon or "").startswith("今年")):
        if _PERIOD_END[part.group(1)] < ref_month:
            return True
    if not m or ref_year is None:
        return False
    last = m.group(2) or m.group(1)
    year = int(last) if len(last) == 4 else int(m.group(1)[:2] + last[-2:])
    return year < ref_year


# the whole or the end of a year named without its year (全年, 年底): the year named last before it
# (截至2010年10月，…，预计全年进口量将超过…: the whole of 2010); a half or a quarter (下半年) is
# the report's, and a year something runs since (自2009年以来) names no topic year
_YEAR_PART = re.compile(r"^(?:全年|年底|年末)$")
_STATED_YEAR = re.compile(r"(?:19|20)\d{2}(?=\s*年)(?![^，,。；;]{0,12}以来)|今年|本年|明年|去年|上年")


def dated_horizon(horizon: str | None, left: str) -> str | None:
    """A part of a year written alone (全年, 年底) with the year named last before it (`left`:
    its sentence and the one before, 2010年1—10月已…。预计全年…), as `behind` reads it (2010年全年);
    None when there is none or the last one named is relative (今年, 去年: the report's)."""
    if not horizon or not _YEAR_PART.match(horizon):
        return None
    years = _STATED_YEAR.findall(left)
    return f"{years[-1]}年{horizon}" if years and years[-1][0].isdigit() else None


# a target or plan the number belongs to, after it in its clause (年内新增200万千瓦装机的目标)
_TARGET_AFTER = re.compile(r"^[^，,；;。]{0,16}?的?(?:(?:调控|发展|规划|计划|奋斗)?目标|预测(?!值得))")


# the number inside the subject of a future predicate (燃油车约三成的市场份额将会被电动车取代)
_FUTURE_AFTER = re.compile(r"^(?:以上|以下|左右)?的[^，,；;。：:\d]{1,10}?(?:将会|将要|将(?![近军领士])|有望|或将)")


# the number sizes a project not yet built (50万吨铜箔项目建设期为三年, 2万吨/年锂盐项目一旦
# 投产将是…)
_PLANNED_PROJECT = re.compile(r"^的?[^，,；;。：:\d]{0,10}?项目(?:一旦|建成后|投产后|建设期|将|拟|计划)")


# the number sizes part of the subject of a predicate dated ahead or passive (包括300多万吨玻璃在内的
# 落后产能将在年内被淘汰): no comma between the number and 将
_DATED_SUBJECT = re.compile(r"^[^，,；;。：:]{0,24}?的[^，,；;。：:的\d]{1,12}?将(?:在|于)[^，,；;。：:]{0,8}?(?:年|月|底|前|内)")


# the number counts the subject noun of a future or hedged predicate (近三成小厂或被迫退出, 80万吨产能将被淘汰)
_FUTURE_SUBJECT = re.compile(r"^[^，,；;。：:\d的]{1,6}?(?:将会|将要|将被|或将|或被|有望|可能会)")


# the number is the base a share is taken of (近百家企业中的一半将…): what is, whatever happens to the share
_BASE_OF_SHARE = re.compile(
    r"^[^，,；;。：:\d]{0,12}?(?:之中|中|里)的\s*(?:一半|半数|多数|少数|大部分|小部分|近半|[一二三四五六七八九]成|[\d一二三四五六七八九十]+\s*(?:%|％|家|个|成))")
# the number counts the actors of a plan (30家企业计划在…投资): the planners are there now
_PLANNERS = re.compile(r"^[^，,；;。：:\d的]{0,6}?(?:计划|拟|准备|打算)(?!书|表|单|经济)")


def base_of_share(right: str) -> bool:
    """True when the number is the base a share is taken of (…企业中的一半多, …里的三成)."""
    return bool(_BASE_OF_SHARE.match(right))


def planners(right: str) -> bool:
    """True when the number counts the actors of a plan named right after it (…家央企计划投资)."""
    return bool(_PLANNERS.match(right))


def future_after(right: str) -> bool:
    """True when the number modifies the subject of a clause about the future (…的市场空间将会…)
    or sizes a project not yet built (…项目一旦投产, …项目建设期为三年)."""
    return bool(_FUTURE_AFTER.match(right) or _PLANNED_PROJECT.match(right) or _FUTURE_SUBJECT.match(right)
                or _DATED_SUBJECT.match(right))


def target_after(right: str) -> bool:
    """True when the clause after a number names it as a target (…的目标, …的调控目标)."""
    return bool(_TARGET_AFTER.match(right))


# the right of a number that makes it a figure about the future
FUTURE_AFTER_EXAMPLES: list[tuple[str, bool]] = [
    ("的市场空间将会被替代", True),
    ("铜箔项目建设期为三年", True),
    ("锂盐项目一旦投产将是全省最大", True),
    ("的项目已于去年投产", False),
    ("的产能已经释放", False),
    ("小厂或被迫退出", True),
    ("落后产能将被淘汰", True),
    ("企业已被淘汰", False),
    ("，其中或将", False),
    # part of a subject whose fate is dated ahead
    ("玻璃在内的落后产能将在年内被淘汰", True),
    ("的钢厂将在明年底前关停", True),
    ("的钢厂已在去年关停", False),
]


AHEAD_EXAMPLES: list[tuple[str, int | None, int | None, bool]] = [
    ("2011年年底", 2011, 5, True),
    ("2015年年底", 2011, 5, True),
    ("“十二五”末", 2011, 6, True),
    ("2010年", 2011, 5, False),
    ("2011年", 2011, 5, False),  # this year as a whole: a figure about it may be an observation
    ("2011~2012年", 2011, 5, True),
    ("今年", 2011, 5, False),
    (None, 2011, 5, False),
    ("今年9月底", 2011, 7, True),
    ("今年7月底", 2011, 7, True),
    ("今年7月", 2011, 7, False),
    ("今年3月", 2011, 7, False),
    ("“十二五”期间", 2011, 5, True),
]


# (sentence text before the number's clause, clause text before the number, cue, horizon)
SENTENCE_EXAMPLES: list[tuple[str, str, str | None]] = [
    ("预计四季度铜价将震荡偏强，", "沪铜主力合约运行区间为", "预计"),
    ("据行业协会预测，今年全省用气量将达120亿立方米，", "缺口", "预测"),
    ("上半年铜价上涨，", "沪铜主力合约运行区间为", None),
    ("今年以来美联储释放降息预期，受此影响，", "美元指数单周下跌", None),  # 预期 as a noun
    ("估计2026~2027年国内锌消费增速或为3.2%，", "而2020~2025年国内锌消费年均增速为", None),
    # an estimate of what is: a present or past time before the verb, nothing after it moves the figure
    ("上月全行业实际投产的产能，估计有20万吨，", "约占总产能的", None),
    ("目前市场低迷，", "新订单", None),
    ("目前，该矿已探明储量3亿吨，", "预计远景资源量超", None),
    ("目前库存偏低，", "预计下月价格升至", "预计"),
]
# (clause text before the number, cue, horizon)
EXAMPLES: list[tuple[str, str | None, str | None]] = [
    ("据行业协会预测，今年全省用气量将达", "将达", "今年"),
    ("至2027年年底独立轧钢企业保留在", None, "2027年年底"),
    ("今年山西将有", "将", "今年"),
    ("预计下半年库存会继续下降到", "会", "下半年"),
    ("2028年全省动力煤消费或增加", "或", "2028年"),
    ("估计2026~2027年国内锌消费增速或为", "或为", "2026~2027年"),
    ("今年国内铝消费增速料为", "料为", "今年"),
    ("到“十四五”末，两省的铁矿自给率都要达到", "要", "“十四五”末"),
    ("预计未来5—10年，全国", "预计", "未来5—10年"),
    ("沪市的现货锌短期有可能反弹至", "可能", "短期"),
    ("每吨工业硅的成本将", "将", None),
    ("力争单位能耗降至", "力争", None),
    # the base of a change, a present level, a hedge on what is done, deal terms
    ("行业集中度预计将由", None, None),
    ("出口比重将从去年的", None, None),
    ("新增产能可能在目前", None, None),
    ("部分厂商可能已把报价下调了", None, None),
    ("按协议，该公司将以", None, None),
    ("目前企业开工率估计在", None, None),
    ("去年全国新增装机估计为", None, None),
    ("目前铜价低迷，预计明年反弹至", "预计", "明年"),
    # a habit before 会: what used to happen
    ("以往每隔一个季度报价会下调", None, None),
    ("通常淡季价格会回落", None, None),
    ("下月报价会下调", "会", "下月"),
    ("这台设备自重也要", None, None),  # 要 + the number: takes, costs
    ("这台设备将来也要达到", "要", None),
    # a possibility not ruled out
    ("现货价格不排除跌至", "不排除", None),
    # observations
    ("4月份全国粗钢日均产量达到", None, None),
    ("钢铁工业协会会员企业利润同比下降", None, None),
    ("锡期货合约上周持仓量明显下降，减少了", None, None),
    ("主要原因是进口量将近", None, None),
    ("或者说库存只有", None, None),
]


# (sentence text before the number's clause, clause text before the number, report year, observed)
AS_OF_EXAMPLES: list[tuple[str, str, int | None, bool]] = [
    ("截至6月底，全省排查冶炼厂80家，", "其中停产或整改", 2012, True),
    ("截至2011年初，全国在建矿山", "计划年产能", 2012, True),
    ("截至目前，", "已签约或洽谈的项目", 2012, True),
    ("截至2015年底，", "计划新增产能", 2012, False),  # moves the figure
    ("截至9月，出口量已超过3万吨，", "预计全年出口量将超过", 2012, False),  # a horizon of its own
    ("截至2014年，", "或有", 2012, False),  # a year ahead
    ("上月全省排查冶炼厂80家，", "其中停产或整改", 2012, False),  # no as-of time
]

# (horizon as written, report year, report month, behind the report)
BEHIND_EXAMPLES: list[tuple[str | None, int | None, int | None, bool]] = [
    ("2000年", 2011, 5, True),
    ("今年上半年", 2012, 8, True),
    ("2012年上半年", 2012, 9, True),
    ("今年一季度", 2012, 5, True),
    ("今年上半年", 2012, 5, False),  # not over yet
    ("2013年上半年", 2012, 9, False),
    ("今年", 2012, 9, False),
    (None, 2012, 9, False),
]

# (horizon as written, sentence text before the number's clause, the horizon dated)
DATED_EXAMPLES: list[tuple[str | None, str, str | None]] = [
    ("全年", "截至2009年11月，全国出口量已超过5万吨，", "2009年全年"),
    ("年底", "2010年前三季度铝价上涨，", "2010年年底"),
    ("下半年", "2010年前三季度铝价上涨，", None),  # a half of the year: the report's
    ("全年", "自2011年3季度以来净利率持续走低，", None),  # a year something runs since
    ("全年", "截至9月，出口量已超过3万吨，", None),  # no year named: the report's year
    ("明年", "截至2009年11月，", None),  # the report's next year, whatever the sentence names
    ("全年", "2009年前三季度产量下降。今年以来产量回升，", None),  # the last year named is this one
    ("全年", "2009年1—10月份出口已和2008年全年持平。", "2008年全年"),  # the sentence before
    (None, "2009年", None),
]

# (sentence text before the number's clause, clause text before it, rest of its clause, horizon)
SCENARIO_EXAMPLES: list[tuple[str, str, str, str | None]] = [
    ("假如2030年全球电动车销量达到3000万辆，", "则新增需求约", "", "2030年"),
    ("依此计算，", "即使今年的出口额为", "", "今年"),
    ("按照“十三五”规划新增装机计算，", "电网需要多投资", "", "“十三五”"),
    ("假如2030年全球电动车销量达到3000万辆，", "以其中", "为纯电动车计算", None),  # inside the assumption
    ("如果运价不变，", "成本还要低", "", None),  # a counterfactual with no time
    ("如果按去年的价格计算，", "企业已多付", "", None),  # done
    ("今年钢价上涨，", "企业利润增加", "", None),  # no scenario
]

# (the text right of a number, base of a share, counts a plan's actors)
RIGHT_EXAMPLES: list[tuple[str, bool, bool]] = [
    ("冶炼企业中的一半将被关停", True, False),
    ("家工厂里的三成面临停产", True, False),
    ("家企业计划在西部投资", False, True),
    ("家电厂拟新建机组", False, True),
    ("的产能将被淘汰", False, False),
    ("家企业的计划书", False, False),
]
