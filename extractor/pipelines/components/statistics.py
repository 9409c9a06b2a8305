"""ex_statistics: every numeric observation of a report, with its context.

Numbers come from the shared quantity grammar (`extractor.grammars.quantity`, via
the `quantities` mentions). A quantity is a statistic unless it is
- inside the disclaimer or company blurb (the `excluded_sections` spans of `grammars.text_units.excluded_sections`),
- inside a table or a figure caption (ex_figures makes the table statistics),
- a duration, an ordinal-like count or a product spec (个月, 年, 名, MM, no unit: a number
  with no unit counts only as an index's reading, `Quantity.reading`: PMI回落至49.5, 7：1的汇率,
  with no region for a ratio of two places' figures), or a
  category's name in Chinese numerals (十种有色金属); counts of things (15个省份, 37个行业,
  547项专利, 4条生产线, 113种产品) are reported figures;
- a figure referred back to (这30家以外), a vague amount (数千万元, 上百万吨), a rank (最大的10家
  钢企之一), a limit (以1500吨为下限, 冲破280克/千瓦时整关), a product's rating (245瓦单晶硅组件,
  100万千瓦超超临界机组), the base of a share (1G瓦的40%), a number in a short quoted name or
  saying (“三桶油”), the parties of a deal (与5家稀土企业共同成立, 在这4家企业里), a bound
  naming a class of things (500万元以上的企业, 小于3000吨的小厂) or a
  figure of a conditional clause (如果全球需求每年增长5%的话, 一旦投产, 当油价在130美元/桶以下时;
  `_hypothetical`).

A number about the future (a projection cue before it in its clause: 预计, 将达, 有望, 或将,
目标, 计划 …, `grammars.projection`; a forecasting verb opening an earlier clause of the
sentence; a time ahead of the report, its own or the nearest time-only clause of the
sentence, 到2015年前后，…, a plan period not yet over; the subject of a future predicate,
至少一半的市场空间将会…; a clause that only continues a projected one, 甲公司将持有60%的股份，
乙公司持有40%的股份; a heading line's figure whose value and unit the body states as a projection
dated ahead) is a statistic with `projected: true` and `horizon` as written (今年,
2015年, 未来5—10年) when the clause or its sentence states one.

Context, each chosen for precision (null rather than wrong):
- subject: the mineral named right after the number (90%以上的原生镓), else the
  nearest one before it in the clause, else in the sentence;
- metric: the last metric word before the number in the clause (产量, 进口量, 储量,
  对外依存度 …), with 占X for shares (储量占全国) and 同比 for changes;
- region: 分别 lists are distributed in order (山西、广西、贵州和河南 … 分别为 202万吨、
  185万吨 …), and a 分别 list without a list of regions takes the one region of its own
  clause; otherwise the one region of the clause before the number, else the one region of
  the sentence before it, else (none before it) the one region after the number in its clause
  that follows a word of place (12家车企计划在安徽投资, 落户安徽); two or more candidates give null.
  A stake (51%的股权) has no region; a cause right after the region's noun (中国企业因为…将减少)
  does not detach the region from the figure, a cause or a speaker between them otherwise does.
  Region words are the `region_mentions` (with 在华/对华 and 国产 as China, 沪上 as Shanghai) plus
  全国 as a subject and 全省/我省/该省/本市 (全区/本区) resolved to the province (autonomous region)
  the piece names; a clause about the international market (国际油价, WTI) does not take the
  region of its sentence, and 与全国N家 is a national count; the region a flow comes from (从贵州
  购进) yields to another region of the clause; X上市, X专利 and 占X (the base of a share) are no
  figure's region; 其中X picks X out of a list of regions; a count of provinces (15个省市) has none
  but 中国
  (`grammars.regions.deictic_regions`). A region inside an organisation name (内蒙古和发稀土…公司,
  高盛澳洲商品团队), glued to a Latin name (德国Inowatt) or starting a short name the piece
  defines (…(下称“中国石油”)) or a company name the structure shows without a legal suffix
  (a region + brand in a list closed by 等钢厂, before 旗下/董事长 or a stock code, the antecedent
  of 该公司, the object of 持有…股权; the name recurring later too) does not count;
- unit: as the quantity grammar reads it (元人民币/千瓦时, Wh/kg, 万股), per the measure
  written next to it (300元人民币每公斤, 每吨低3500元), named as the one unit the clause is
  about (一吨柴油的价差约为3260元 -> 元/吨, 一吨柴油约需7.3桶原油 -> 桶/吨) or in 吨价/吨钢;
  a 每X anywhere before it in its own clause gives a price its measure (每吨钢材的成本会上升约80元,
  由每克36美元涨到52美元; another clause's 每X does not: …，又回落到2.4万元 stays 万元); that one
  unit (一吨, 1吨多晶硅) is itself no statistic, nor a grade or spec (品位61.5%);
- period: the nearest period expression before the number in the clause, else in the
  sentence (7月份 -> 2025-07 with period_inferred when the year comes from the context).
"""

from __future__ import annotations

import bisect
import itertools
import re

from dataclasses import replace

from spacy.language import Language
from spacy.tokens import Doc

from extractor.grammars.projection import (
    ahead,
    base_of_share,
    behind,
    dated_horizon,
    future_after,
    horizon_of,
    observed_as_of,
    opening_time,
    own_time,
    planners,
    projection_cue,
    scenario_horizon,
    target_after,
)
from extractor.grammars.quantity import Quantity, parse_quantity
from extractor.grammars.quantity_lexicon import tables
from extractor.grammars.regions import RegionMention, deictic_regions, region_mentions, short_region
from extractor.grammars.text_units import ByStart, CharIndex, ClosedParens, Intervals
from extractor.pipelines.base import add_span, doc_value, families, records, spans

SKIP_UNITS = {None, "个工作日", "工作日", "个月", "年", "名", "MM", "mm", "天", "日", "周", "小时", "分钟", "次", "批"}
_KIND_UNITS = {"种", "类"}
LEFT_WINDOW = 200
REGION_WINDOW = 400
METRICS = sorted(
    """对外依存度 开采总量控制指标 总量控制指标 出口配额总量 出口配额 配额总量 配额 进口量 出口量 进口数量 出口数量 产量 日均产量
    月产量 销量 销售面积 储量 资源量 含量 库存 总库存 价格 均价 报价 收盘价 开盘价 现货价 期价 最低价 最高价 成交量 持仓量
    净空单 净多单 升水 贴水 涨幅 跌幅 增速 增幅 降幅 利润 利税 主营收入 收入 税金 发电量 消费量 需求总量 需求 供应量
    产能利用率 开工率 比重 占比 份额 指数 产值 工业回收标准 回收标准 内外比值 比值 出口 进口 生产 加工""".split(),
    key=len,
    reverse=True,
)
_METRIC_RE = re.compile("|".join(map(re.escape, METRICS)))
_SHARE = re.compile(r"占(?P<of>[\u4e00-\u9fff]{1,4}?)(?:的|比重|比例|总量)?[^\u4e00-\u9fff]*$")
_CHANGE = re.compile(r"(同比|环比)(增长|下降|增加|减少|上涨|下跌|上升|回落)?(了|达)?\s*$")
_APPROX_BEFORE = re.compile(r"约(占|为|合|达|在)[^，。；]{0,8}$")
_LIST_SEP = re.compile(r"^[、和及与,，\s]*$")
_RESPECTIVELY = re.compile(r"分别(?:为|是|达到?|增长|下降|获得|占|约为)?")
# a region inside the name of an organisation or an event (上海废旧金属峰会) is not the figure's
# (…上市 / 上市企业: the exchange a company lists on; 中国专利: a kind of patent); a 的 after the
# region makes the run a description of where the organisation is, no name (在智利的参股公司)
_ORG_TAIL = re.compile(r"^(?!的)[^，。；、,\s\-—－]{0,14}?(公司|集团|股份|有限|银行|大学|研究院|交易所|峰会|论坛|博览会|展会|交易会|研讨会|团队)"
                       r"|^(?:上市|专利)")

# a threshold a rule sets (不得低于30%, 规模大于3000吨/年, 不少于) and the step of a sensitivity
# (价格每上下浮动1%): the words of a norm or a what-if, not a reported figure
_THRESHOLD = re.compile(r"(?:(?:不得|不应|不能|不|应|须|必须|需)(?:低于|高于|少于|多于|超过|小于|大于)|(?<![已远略稍])大于)\s*$")
_STEP = re.compile(r"每(?:上下)?(?:浮动|变动|波动|上涨|下跌|上升|下降|增加|增长|减少|提高|降低)\s*$")

# 甘肃是我国西北重要的新能源基地, 为全国最大的…, 居全国第二: the country a region is ranked in
# is a comparison set, not a second region of the figure
_RANKED_IN = re.compile(r"(?:是|为|居|成为|作为)$")


def _comparison_set(text: str, r) -> bool:
    return r.canonical == "中国" and _RANKED_IN.search(text, max(0, r.start - 2), r.start) is not None

# 乙钢湛江80万吨镀锌项目: a region glued after a company's brand and running into 项目 names a
# project, and the number in it is the project's (山西煤化工项目, with no brand before, keeps 山西)
# (地处南美秘鲁的三座铜矿项目: a 的 makes the run a description of where the project is, no name)
_PROJECT_TAIL = re.compile(r"[^，。；、,\s的]{0,14}?项目")
_NOT_BRAND_END = set("在的和与及向对从于是为将等了到至由自省市区县、，。；：:“”\"（）()")


def _project_name(text: str, r) -> bool:
    before = text[r.start - 1] if r.start else ""
    return ("\u4e00" <= before <= "\u9fff" and before not in _NOT_BRAND_END
            and _PROJECT_TAIL.match(text, r.end, r.end + 16) is not None)


@Language.factory(
    "ex_statistics",
    assigns=families("statistics"),
    requires=[
        *families("figures", "table_statistics", "text_tables", "quantities", "periods", "region_mentions"),
        *families("mineral_mentions", "excluded_sections", "institution_mentions"),
        doc_value("units"),
        doc_value("ref_date"),
    ],
)
def make_statistics(nlp: Language, name: str) -> "Statistics":
    return Statistics()


class Statistics:
    def __call__(self, doc: Doc) -> Doc:
        text = doc._.text
        for sp in spans(doc, "table_statistics"):  # the table cells (ex_figures) come first
            add_span(doc, "statistics", sp.start_char, sp.end_char, sp.label_, sp._.fields)
        units = doc._.units
        # the figures' spans, the text tables and the excluded sections, each asked once per
        # quantity: interval indexes (log time) instead of a pass over every span per quantity
        blocked = Intervals((s.start_char, s.end_char) for s in spans(doc, "figures"))
        minerals = ByStart(records(doc, "mineral_mentions"))
        periods = ByStart(records(doc, "periods"))
        # a region inside an organisation's name (内蒙古和发稀土…公司, 中国汽车工业协会) or on a
        # route (曹妃甸港至广州、厦门航线) is not the region of a figure
        names = ByStart(records(doc, "institution_mentions"))
        mentions = records(doc, "region_mentions")
        named = _defined_names(text)
        for surface, found in _company_names(text, mentions).items():  # 以江苏XX为例，该公司…
            named.setdefault(surface, []).extend(n for n in found if n not in named.get(surface, ()))
        regs = [r for r in mentions
                if not any(text.startswith(n, r.start) for n in named.get(text[r.start : r.end], ()))
                and not _ORG_TAIL.match(text[r.end : r.end + 16]) and not names.overlaps(r.start, r.end)
                and not _project_name(text, r) and not _comparison_set(text, r)
                and not _ROUTE.match(text[r.end : r.end + 20]) and not _LATIN_NAME.match(text, r.end)
                and not (r.start and text[r.start - 1] == "占")]  # 占山西总产量的24%: the base of a share
        # 全省 / 我省 / 该省: the province the piece names (corpora/README.md: region as the
        # figure's own sentence names it, 全省 naming the piece's province)
        regs = ByStart(regs + _national(text, {p.end for p in periods}) + list(deictic_regions(text, mentions)))
        tables = Intervals((t.start, t.end) for t in records(doc, "text_tables"))
        excluded = Intervals((x.start, x.end) for x in records(doc, "excluded_sections"))
        qs = [q for q in _join_ranges(text, self._split_changes(text, records(doc, "quantities")))
              if self._keep(text, units, q, blocked, tables, excluded)]
        assigned = self._respectively(text, units, qs, regs, minerals)
        closed = ClosedParens(text)  # the brackets, indexed once for every mineral asked about
        # the periods that open a sentence (上半年,生产… 。进口…: a paragraph's topic period), found
        # once instead of per figure
        openings = ByStart(p for p in periods if units.sentence(p.start)[0] == p.start)
        prev = None  # (clause end, horizon) of the last projected figure
        found = []
        for q in qs:
            region, subject = assigned.get(q.start, (None, None))
            fields = self._context(text, units, q, regs, minerals, periods, region, subject, doc._.ref_date,
                                   closed, openings)
            if not fields["projected"] and prev is not None and _continues(text, units, q, prev[0]):
                fields["projected"], fields["horizon"] = True, prev[1]
            prev = (units.clause(q.start)[1], fields["horizon"]) if fields["projected"] else None
            found.append((q, fields))
        _headline_echoes(text, found, units.newlines)
        for q, fields in found:
            add_span(doc, "statistics", q.start, q.end, "statistic", fields)
        return doc

    @staticmethod
    def _year_left(text: str, units, ss: int, cs: int) -> str:
        """The text a part of a year written alone (全年) takes its year from: the number's
        sentence up to its clause and the sentence before it in the same paragraph."""
        para = units.paragraph(ss)
        start = ss
        if para and ss > para[0]:
            start = max(para[0], units.sentence(ss - 1)[0], cs - LEFT_WINDOW)
        return text[start:cs]

    # -- 增加2150手至98760手: a change and a level, not a range ----------------

    @staticmethod
    def _split_changes(text: str, qs) -> list[Quantity]:
        out: list[Quantity] = []
        for q in qs:
            mid = _RANGE_MID.search(q.text or "")
            if q.value_max is None or not mid or not _CHANGE_VERB.search(text[max(0, q.start - 4) : q.start]):
                out.append(q)
                continue
            cut = q.start + mid.start(2)
            left = text[q.start : cut]
            right_start = cut + 1
            a = parse_quantity(left)
            b = parse_quantity(text[right_start : q.end])
            if a is None or b is None:
                out.append(q)
                continue
            out.append(replace(a, start=q.start, end=cut, text=left))
            out.append(replace(b, start=right_start, end=q.end, text=text[right_start : q.end]))
        return out

    # -- filters --------------------------------------------------------------

    @staticmethod
    def _keep(text: str, units, q: Quantity, blocked: Intervals, tables: Intervals, excluded: Intervals) -> bool:
        if q.end <= q.start:
            return False
        if (q.unit in SKIP_UNITS or q.normalized_unit in ("d", "h", "min", "s")) and not (q.unit is None and q.reading) \
                and not _measured_duration(text, units, q):
            return False  # a unitless number counts only as an index's reading (PMI回落至49.5)
        if one_unit(text, q):
            return False
        if q.unit in _KIND_UNITS and q.chinese:
            return False  # 十种有色金属: a category's name; 113种产品 (in digits) is a count
        num = q.number_start if q.start <= q.number_start < q.end else q.start
        if _THRESHOLD.search(text, max(0, num - 8), num) or _STEP.search(text, max(0, num - 8), num):
            return False  # 规模大于3000吨/年, 比例不得低于30%, 价格每上下浮动1%: a rule or a step, no observation
        if q.unit == "%" and _SPEC_BEFORE.search(text, max(0, q.start - 6), q.start):
            return False  # 品位61.5%的巴西粗粉, 纯度≥99.99%: a grade or spec (corpora/README.md)
        if _BACK_REFERENCE.search(text, max(0, num - 2), num) or _VAGUE.search(text, max(0, num - 1), num + 1):
            return False  # 这30家以外的企业 (the figure stated before), 数千万元 / 上百万吨 (vague amounts)
        if _RANK_OR_LIMIT_AFTER.match(text, q.end) or (q.unit == "个" and _MONTHS_AFTER.match(text, q.end)):
            return False  # 最大的10家钢企之一, 以1500吨为下限, 冲破280克/千瓦时整关; 8个多月 (a duration)
        if (q.normalized_unit == "kW" and _RATED_AFTER.match(text, q.end)) or (
                q.normalized_unit == "t" and _VESSEL_AFTER.match(text, q.end)):
            return False  # 245瓦单晶硅组件, 100万千瓦超超临界机组, 2-3万吨船舶: the rating of a product
        if q.unit != "%" and _CLASS_AFTER.match(text, q.end) and (
                _BOUND_AFTER.search(text, max(q.start, q.end - 3), q.end) or _BOUND_BEFORE.search(text, max(0, num - 3), num)):
            return False  # 500万元以上的企业, 规模小于3000吨的小厂: a bound naming a class of things
        if q.unit == "点" and not _INDEX_BEFORE.search(text, max(0, q.start - 30), q.start):
            return False  # 8点开会, 第3点意见: index points only after an index or a market verb
        if _SHARE_OF_AFTER.match(text, q.end) or (q.chinese and _in_short_quote(text, q)) or _TERM_AFTER.match(text, q.start):
            return False  # 1G瓦的40% (the base of a share), “三桶油”, “十克煤耗，一代技术” (a name, a saying), 二元肥
        if q.unit == "家" and _deal_party(text, units, q, num):
            return False  # 与浙江省4家铜加工企业合资组建…, 在这4家企业里: the parties of a deal, not a count reported
        if _hypothetical(text, units, q, num):
            return False  # 如果全球需求每年增长5%的话, 当原油价在130美元/桶以下时: a supposed event
        # inside an excluded section, a text table or a figure's span (ex_figures made it)
        return not (excluded.overlaps(q.start, q.end) or tables.overlaps(q.start, q.start + 1)
                    or blocked.overlaps(q.start, q.start + 1))

    # -- 分别 lists ------------------------------------------------------------

    @staticmethod
    def _respectively(text, units, qs, regs, minerals) -> dict[int, tuple[str | None, str | None]]:
        out: dict[int, tuple[str | None, str | None]] = {}
        starts = [q.start for q in qs]
        for m in _RESPECTIVELY.finditer(text):
            group = []
            pos = m.end()
            for q in qs[bisect.bisect_left(starts, pos):]:
                gap = text[pos : q.start]
                if not _LIST_SEP.match(gap) or (group and "，" in gap and len(group) >= 1 and "、" not in gap and "和" not in gap):
                    break
                group.append(q)
                pos = q.end
            if len(group) < 2:
                continue
            ss, se = units.sentence(m.start())
            lo, hi = max(ss, m.start() - REGION_WINDOW), m.start()
            region_list = _nearest_list(text, [(r.start, r.end, short_region(r.canonical))
                                               for r in regs.starting(lo, hi)], lo, hi, len(group))
            mineral_list = _nearest_list(text, [(x.start, x.end, x.canonical)
                                                for x in minerals.starting(lo, hi)], lo, hi, len(group))
            if not region_list:
                # no list of regions to distribute: the one region of the 分别 clause governs
                # every item (江西有色冶炼业、纺织业…分别下降8.6%和5.3%); a region earlier in
                # the sentence may be one of the listed things (…和位于法国的炼厂，…分别为51%和49%)
                own = _distinct(r.canonical for r in regs.starting(max(lo, units.clause(m.start())[0]), hi))
                region_list = [short_region(own.pop()) if len(own) == 1 else ""] * len(group)
            assign = [(region_list[i], mineral_list[i] if mineral_list else None) for i in range(len(group))]
            for q, a in zip(group, assign):
                out[q.start] = a
            # a parallel list later in the sentence (产量分别为31.2万吨和26.4万吨，增长9%和6.7%)
            rest = qs[bisect.bisect_right(starts, group[-1].end) : bisect.bisect_left(starts, se)]
            i = 0
            while i < len(rest):
                par = [rest[i]]
                while i + len(par) < len(rest) and _LIST_SEP.match(text[par[-1].end : rest[i + len(par)].start]) \
                        and "，" not in text[par[-1].end : rest[i + len(par)].start]:
                    par.append(rest[i + len(par)])
                if len(par) == len(group):
                    for q, a in zip(par, assign):
                        out.setdefault(q.start, a)
                i += len(par)
        return out

    # -- context --------------------------------------------------------------

    @staticmethod
    def _falling_list(text: str, q: Quantity, left: str) -> bool:
        """The later items of a list after a fall verb (下跌2.37%和1.05%, 环比下降11.40%和9.85%)."""
        m = _LIST_AFTER_FALL.search(left)
        return bool(m)

    @staticmethod
    def _own_subject(text, left, left_start, cs, regs, minerals, periods) -> bool:
        """True when the clause's metric has its own noun before it (汽车销量): then a
        mineral from earlier in the sentence is not its subject."""
        ms = list(_METRIC_RE.finditer(left))
        if not ms:
            return False
        ms_start = left_start + ms[-1].start()
        if ms_start - 2 < cs:
            return False
        s2 = ms_start - 2
        covered = regs.overlaps(s2, ms_start) or minerals.overlaps(s2, ms_start) or periods.overlaps(s2, ms_start)
        two = text[s2:ms_start]
        return (not covered and all("\u4e00" <= c <= "\u9fff" for c in two)
                and two not in _FUNCTION_PAIRS
                and not any(c in "中的其总均月年日内外前后和、" for c in two))

    def _context(self, text, units, q: Quantity, regs, minerals, periods, region, subject, ref,
                 closed: ClosedParens, openings: ByStart) -> dict:
        cs, ce = units.clause(q.start)
        ss, se = units.sentence(q.start)
        # the words before the number in its clause (at most LEFT_WINDOW characters)
        left_start = max(cs, q.start - LEFT_WINDOW)
        left = text[left_start : q.start]
        # subject
        if subject is None:
            # the first mineral right after the number, else the last one before it in the
            # clause, else in the sentence (outside a closed bracket)
            after = _first(x for x in minerals.forwards(q.end, min(ce, q.end + 6)) if _AFTER_NUMBER.fullmatch(text, q.end, x.start))
            pick = after or _first(x for x in minerals.backwards(cs, q.start)
                                  if not closed(x.start, q.start))
            if not pick and not self._own_subject(text, left, left_start, cs, regs, minerals, periods):
                pick = _first(x for x in minerals.backwards(ss, q.start) if not closed(x.start, q.start))
            subject = pick[0].canonical if pick else None
        # metric
        metric = None
        ms = list(_METRIC_RE.finditer(left))
        if ms:
            metric = ms[-1].group(0)
        sh = _SHARE.search(left)
        if sh and q.unit == "%" and not sh.group("of").startswith("比") and not (metric or "").endswith(("占比", "比重")):
            metric = f"{metric or ''}占{sh.group('of')}"
        ch = _CHANGE.search(left)
        if ch:
            metric = f"{metric or ''}{ch.group(1)}{ch.group(2) or ''}"
        # region
        # (a sentence or clause longer than REGION_WINDOW is read only that far back: linear time)
        rcs, rss = max(cs, q.start - REGION_WINDOW), max(ss, q.start - REGION_WINDOW)
        if region is None:
            in_clause = _distinct(r.canonical for r in regs.backwards(rcs, q.start) if not _detached(text, r, q.start))
            if len(in_clause) == 2:
                # 仅广西就从贵州购进…煤炭2000万吨: the region a flow comes from is not the figure's
                # when the clause names another
                sources = {r.canonical for r in regs.backwards(rcs, q.start) if _SOURCE_BEFORE.search(text, max(0, r.start - 1), r.start)}
                if len(in_clause - sources) == 1:
                    in_clause -= sources
            in_sent = _distinct(r.canonical for r in regs.backwards(rss, q.start) if not _detached(text, r, q.start))
            # 日本的银价以及全球各地的银价都在上涨: the world named beside a country makes the
            # figure's region ambiguous
            last = _first(r for r in regs.backwards(rss, q.start) if not _detached(text, r, q.start))
            if last and _WORLD.search(text, last[0].end, q.start):
                in_clause.add("世界") if in_clause else None
                in_sent.add("世界")
            if len(in_clause) == 1:
                region = short_region(in_clause.pop())
            elif not in_clause and len(in_sent) > 1 and last and _PICKED.search(text, max(0, last[0].start - 3), last[0].start):
                # 甲、乙、丙等省产量居前，其中甲省最多，去年产量为1.2亿吨: the one picked out of the list
                region = short_region(last[0].canonical)
            elif not in_clause and len(in_sent) == 1 and not _ABROAD.search(text, rcs, q.start):
                # (国际油价为110美元/桶, 全球产量: a clause about the world market is not about the
                # region its sentence names elsewhere)
                region = short_region(in_sent.pop())
            elif not in_sent:
                # no region before the number: the one region after it in its clause, else in
                # its sentence (12家车企计划在安徽投资…, 该厂的炼油能力为19万桶/天，为泰国第二大炼厂)
                ahead_c = _distinct(r.canonical for r in regs.forwards(q.end, ce) if not _detached_after(text, q, r))
                if len(ahead_c) == 1:
                    region = short_region(ahead_c.pop())
        if region and _OTHERS.search(text, rcs, q.start):
            region = None  # 中国…，其余国家大多不足80万吨: the figure is the others'
        if region and q.unit == "%" and _EQUITY_SHARE.match(text, q.end):
            region = None  # 宝钢将持有新公司60%的股份: a stake in a company, of no region
        if region and region != "中国" and _PLACES_COUNTED.match(text, q.end - 2, q.end + 3):
            region = None  # 包括湖南在内的12个省份: a count of provinces is no one province's
        if region and q.reading and tables().indices.get(q.reading):
            region = None  # 上海与纽约的铜价比值为7.45, 人民币与美元7：1的汇率: a ratio of two places' figures
        region = region or None
        # period
        period, inferred = None, False
        pick_p = _first(periods.backwards(cs, q.start)) or _first(periods.backwards(ss, q.start))
        if not pick_p:
            # a topic period that opens an earlier sentence of the paragraph (上半年,生产… 。进口…)
            para = units.paragraph(q.start)
            if para:
                pick_p = openings.starting(para[0], ss)[-1:]
        if pick_p:
            period, inferred = pick_p[0].value, pick_p[0].inferred
        comparator = q.comparator
        if comparator is None and _APPROX_BEFORE.search(left):
            comparator = "约"
        value, value_max, nvalue = q.value, q.value_max, q.normalized_value
        falling = (q.direction == "down" or _FALL_BEFORE.search(left)
                   or (_FALL_AFTER.match(text, q.end) and not _FROM_LEVEL.search(left))
                   or self._falling_list(text, q, left))
        to_level = (comparator or "").endswith(("至", "到")) and comparator != "达到"  # 降至 is a level
        # a fall, or the level a decline reaches (跌幅扩大至5%, 降幅收窄到1.2%: the decline's size)
        if value is not None and value > 0 and (falling and not to_level or _decline(text, units, q, left_start, cs, ss)):
            # a change carries its sign (下降4.1% -> -4.1)
            value = -value
            value_max = -value_max if value_max is not None else None
            nvalue = -nvalue if nvalue is not None else None
        before = text[max(ss, cs - LEFT_WINDOW) : cs]  # the sentence before the clause
        cue = projection_cue(left, before)
        if cue == "将" and _disposal(text, left, q, regs, left_start) and projection_cue(left[: left.rfind("将")], before) is None:
            cue = None  # 并将该省近三成的电量输往华东: 将 marks the object (as 把), no time ahead
        projected = cue is not None
        own = horizon_of(left)
        if projected and observed_as_of(before, left, ref.year):
            projected = False  # 截至6月底，…其中关停或转产18家: counted as of a time that is not ahead
        if projected and (behind(own, ref.year, ref.month) or behind(dated_horizon(own, self._year_left(text, units, ss, cs)),
                                                                     ref.year, ref.month)):
            projected = False  # 1998年的产量大概只有三千吨左右: a past year, however hedged; 截至2009年11月，…预计全年将超过…
        if not projected and ahead(own, ref.year, ref.month):
            projected = True  # 至2012年年底小型选矿厂压减到200家 (a piece of spring 2012)
        if not projected and not own:
            topic = opening_time(before)
            if ahead(topic, ref.year, ref.month):
                projected, own = True, topic  # 到2020年，…，内蒙古动力煤产量新增的1.2亿吨
        if not projected:
            scenario = scenario_horizon(before, left, text[q.end : ce])
            if scenario and not behind(scenario, ref.year, ref.month):
                # 如果2030年…，则需求超出…; 按此计算，即使今年…为…: the consequent of a scenario ahead
                projected, own = True, own or scenario
        if not projected and target_after(text[q.end : ce]):
            projected = True  # 确保完成今年改造500万户棚户区的任务, 4%以内的调控目标
        if not projected and future_after(text[q.end : min(ce, q.end + 24)]):
            projected = True  # 大约三成的市场份额将会被钠电池取代
        if projected and (base_of_share(text[q.end : ce]) or (cue is None and planners(text[q.end : ce]))):
            projected = False  # 两百多家工厂中的三成将…; 12家企业计划扩建…: the base of a share, the planners
        horizon = (own or horizon_of(before)) if projected else None
        return {
            "projected": projected,
            "horizon": horizon,
            "text": q.text or text[q.start : q.end],
            "subject": subject,
            "metric": metric,
            "region": region,
            "period": period,
            "period_inferred": inferred,
            "value": value,
            "value_max": value_max,
            "unit": _per_measure(text, q, cs),
            "comparator": comparator,
            "normalized_value": nvalue,
            "normalized_unit": q.normalized_unit,
        }


_EQUITY_SHARE = re.compile(r"(?:左右|以上|多)?的?(?:股权|股份|权益)")
# 这30家 / 该4家 / 这些: a demonstrative right before the number refers back to a figure already
# stated (尽管…仅有20家上下，而这20家之外的企业…)
_BACK_REFERENCE = re.compile(r"(?:这|该|此|那)些?\s*$")
# 数千万元, 几十家, 上百万吨: vague amounts (corpora/README.md: not statistics)
_VAGUE = re.compile(r"(?:数|几|上)(?=[十百千万亿])")
_RANK_OR_LIMIT_AFTER = re.compile(r"[^，。；;\d]{0,8}?之一|(?:的)?(?:为)?(?:下限|上限|门槛|整关|大关)")
_MONTHS_AFTER = re.compile(r"(?:多|余|半)月")
_VESSEL_AFTER = re.compile(r"级?(?:船舶|货轮|散货船|油轮|船型|船)")
_RATED_AFTER = re.compile(r"的?[^，。；;\d的]{0,6}?(?:组件|机组|电池片|发电机|逆变器)")
_CLASS_AFTER = re.compile(r"的?[^\d，。；;,、]{0,6}?(?:企业|钢企|项目|工厂|小厂|钢厂|厂|作坊|机组|矿井|煤矿|电站|风电场|资源|船舶)")
_BOUND_AFTER = re.compile(r"(?:以上|以下)$")
_BOUND_BEFORE = re.compile(r"(?:小于|大于|低于|高于|浅于|深于|不足|不到)\s*$")
_SPEC_BEFORE = re.compile(r"(?:品位|纯度|含量|杂质)[为达在是约：:]?\s*$")
_RANGE_MID = re.compile(r"(?<=\d)([^\d.]*?)(至|到)")  # 增加2150手至98760手: where the range's 至 is
_CHANGE_VERB = re.compile(r"(增加|减少|下降|上升|上涨|下跌|增长|回落|降|增|减|涨|跌)(了)?\s*$")
# a fall verb or a decline noun right before the number, with 已超 / 达到 / 近 between
# (平均下挫已超20%, 平均跌幅已超过20%, 下跌幅度达到40%, 降幅在50%左右)
# (with the metric between: 国内减少产值260亿元)
# (拉低/压低 take the lowered thing as object first: 各拉低全市规上工业增速1.6个和0.8个百分点)
_FALL_BEFORE = re.compile(r"((?<!最)低|下降|减少|下跌|回落|减缓|降低|下滑|下挫|萎缩|收窄|缩减|跌幅|降幅|跌|降|减)"
                          rf"(?:的?幅度)?(?:{_METRIC_RE.pattern})?(?:了|去|达|约|已|已经|超过|超|达到|为|在|近|逾|将近|接近|\s)*$"
                          r"|(?:拉低|压低|压缩)[^，。；;\d]{0,12}$")
# …同比出现8%的下滑: the fall follows the number
# (every later item of the list, 分别下滑12.30%、8.45%、20.06%和3.90%)
_DECLINE_MOVE = r"(?:扩大|增加|增|升|提高|缩小|收窄|缩|回落|降|减)了?(?:至|到)"
_DECLINE_IN = re.compile(r"(?:降幅|跌幅|(?:下降|下跌|下滑)(?:幅度|趋势)|跌势|降势)[^，。；;]{0,16}?"
                         rf"{_DECLINE_MOVE}")
_DECLINE_TO = re.compile(_DECLINE_IN.pattern + r"\s*$")
def _decline(text: str, units, q: Quantity, left_start: int, cs: int, ss: int) -> bool:
    """The figure is the size a decline reaches (跌幅扩大至5%; the verb may be the quantity's own
    comparator), or a clause that only moves the decline of the clause before further
    (…跌幅扩大至5%，进入4月后更扩大至8%)."""
    num = q.number_start if q.start <= q.number_start < q.end else q.start
    if _DECLINE_TO.search(text, left_start, num) is not None:
        return True
    return (_DECLINE_GOES_ON.fullmatch(text, cs, num) is not None and cs - 1 > ss
            and _DECLINE_IN.search(text, units.clause(cs - 2)[0], cs - 1) is not None)


# a clause with no subject of its own: a time, an adverb, the move (进入4月后更扩大至)
_DECLINE_GOES_ON = re.compile(r"\s*(?:(?:进入|迈入|到了|到|在|至)?[\d一二三四五六七八九十]{0,4}(?:年|月份?|季度|周)(?:后|以来|中|里|时)?)?"
                              rf"[更又再还继续进一步]{{0,3}}{_DECLINE_MOVE}\s*")
_LIST_AFTER_FALL = re.compile(r"(?:(?:下降|减少|下跌|回落|下滑|下挫|降低)(?:了|达|约)?|(?:拉低|压低|压缩)[^，。；;\d]{0,12})"
                              r"(?:\s*[\d.]+\s*(?:%|％|个百分点|个)?\s*(?:和|、|及|与)){1,8}\s*$")
_FALL_AFTER = re.compile(r"\s*(?:左右|以上)?(?:级别|幅度)?的?(?:下滑|下降|下跌|回落|降幅|跌幅|减少|下调|萎缩|收缩)(?![至到了\s]*[\d一二两三四五六七八九十])(?!至|到)")
_FROM_LEVEL = re.compile(r"(?:由|从)[^，。；、\d]{0,12}$")  # 由11%下滑至7%: a level, not a change
_INDEX_BEFORE = re.compile(r"(?:指数|BDI|PMI|点位|大盘|沪指|美指|道指)[^。；]{0,30}$|(?:报收|收于|收盘|突破|大跌|大涨|上涨|下跌|跌|涨)[^，。；\d]{0,3}$")
_OTHERS = re.compile(r"其他国家|其它国家|其他地区|其它地区|别国")
_SOURCE_BEFORE = re.compile(r"[从自]$")
_PICKED = re.compile(r"其中\s*$")
_PLACES_COUNTED = re.compile(r".{0,2}?(?:省市|省份|省区)")
_ABROAD = re.compile(r"国际|国内外|海内外|WTI|布伦特|Brent")
_WORLD = re.compile(r"世界各|全球各|世界范围内|各个地区|各国")  # an enumeration of places, not 占全球
_NATIONAL = re.compile(r"全国")
_FUNCTION_PAIRS = {"低于", "高于", "达到", "超过", "约为", "分别", "大多", "普遍", "其中", "目前", "实际", "全部", "整体"}
# between the region and the number: a cause, or a speaker's words (北京…吴老板告诉记者，…30元每公斤)
_DETACHED = re.compile(r"\n|\s{2,}|\u3000|引发|导致|受到?|因为|由于|担忧|影响|告诉|透露|介绍")
_IN_BRACKETS = re.compile(r"[（(][^）)]+$")  # 全国钨精矿(三氧化钨含量65%): a spec, not a national figure


_AFTER_NUMBER = re.compile(r"(以上|以下|左右)?的?[\u4e00-\u9fff]{0,2}")


def _first(items) -> list:
    """[the first of `items`], [] when there is none (reads no further)."""
    return [x for x in itertools.islice(items, 1)]


# a heading line: no clause or sentence punctuation in it (a wrapped body line has a comma)
_NOT_HEADING = re.compile(r"[，,。；;：:！!？?]")
HEADING_MAX = 60  # characters of a heading line at most


def _headline_echoes(text: str, found: list[tuple[Quantity, dict]], breaks: CharIndex) -> None:
    """A figure of a heading line (the headline, a subtitle) that says nothing of its time
    (淡水河谷在华签下8亿美元订单) is the figure the body states: when the body states the same value
    and unit as a projection (计划今年…增至10亿美元, 每度电涨0.3分，每吨成本将增加约60元), the
    heading's figure is projected too, with the body's horizon (corpora/README.md rule 6: a
    headline figure that repeats a body figure has the body figure's `projected`). `breaks` are
    the text's line breaks (TextUnits.newlines, found once per document)."""
    ahead_of: dict[tuple, str | None] = {}
    for q, fields in found:
        if fields["projected"] and not _heading(text, q, breaks):
            ahead_of.setdefault((q.value, q.value_max, q.unit), fields["horizon"])
    for q, fields in found:
        key = (q.value, q.value_max, q.unit)
        if not fields["projected"] and key in ahead_of and _heading(text, q, breaks):
            fields["projected"], fields["horizon"] = True, ahead_of[key]


def _heading(text: str, q: Quantity, breaks: CharIndex) -> bool:
    """True when the line of `q` is a heading: at most HEADING_MAX characters, no clause or
    sentence punctuation. `breaks` holds the text's line breaks (a long line is neither
    searched to its ends nor copied for each figure on it)."""
    ls = breaks.last(0, q.start) + 1
    le = breaks.first(q.end)
    le = le if le >= 0 else len(text)
    return le - ls <= HEADING_MAX and not _NOT_HEADING.search(text, ls, le)


def _distinct(values, limit: int = 2) -> set:
    """The distinct values, stopping once there are `limit` (more are not needed)."""
    out: set = set()
    for v in values:
        out.add(v)
        if len(out) >= limit:
            break
    return out


# (power and volume too: 1.74美元/瓦, 每千瓦6500元, 7.14元/升)
_MEASURE = r"(?:干吨|湿吨|吨|公斤|千克|克|盎司|桶|度|千瓦时|千瓦|兆瓦|瓦|升|立方米|平方米|套|辆|股|手|Wh|kg)"
# a measure that is never "one of" something in running text (一度 = once, 一股 = a wave, 一手 = first-hand)
_NOT_AFTER_ONE = ("度", "股", "手", "套")
_PER_AFTER = re.compile(rf"(?:多|余)?(?:每|/)({_MEASURE})")
# the denominator before the number: 每吨 / 每一千瓦时 right before it (每吨低3500元, 每公斤上涨了十元;
# a 每吨 further back in the clause, 每吨钢材的成本会上升约80元, too: `_EVERY`),
# or 一吨 / 一桶 naming the one unit the clause is about (一吨柴油的价差约为3260元, 进口一桶轻质原油的
# 到岸成本约为560元人民币), with no other number between; 吨价 / 吨钢 is per ton (吨价上调至3950元)
# (每股收益, 每股净资产: a per-share metric's name, like 年产, not a measure: EPS stays 元 as written)
_PER_BEFORE = re.compile(rf"(?:每一?({_MEASURE})(?!(?<=股)(?:收益|净资产|盈利|净利|利润|现金流|公积金))[^\d，,。；;、（(]{{0,4}}"
                         rf"|(?<![\d.零一二两三四五六七八九十百千万亿第])一({_MEASURE})[^\d，,。；;、（(]{{0,14}})$"
                         rf"|(?<![\d万亿千百十])(吨)(?:价|钢|矿|煤|油)[^\d，,。；;、（(]{{0,10}}$")
_EVERY = re.compile(rf"每一?({_MEASURE})")
_MEASURE_RE = re.compile(_MEASURE)
_EVERY_WINDOW = 40
_MONEY = re.compile(r"^(?:[万亿千百]*元(?:人民币)?|美元|美金|万|亿|角|分|厘|元)$")
# the plain units a per-measure applies to besides money: masses, volumes, energy (7桶/吨, 0.79kg/千瓦时)
_PER_NUMERATOR = {"t", "bbl", "kWh", "m3"}


def _per_measure(text: str, q: Quantity, cs: int) -> str | None:
    """A figure written with its denominator (7万元每吨, 300元人民币每公斤, 每公斤上涨了十元,
    每吨低3500元, 一吨柴油约需7.3桶原油) is per that measure: 万元/吨, 元人民币/公斤, 桶/吨
    (corpora/README.md: 每吨 -> /吨); else a figure whose own clause says 每年/每月/每周 before
    it is per that period (每月进货约8万片 -> 万片/月; rule 4 of the second round), a share or a
    ratio excepted."""
    unit = q.unit
    if not unit or "/" in unit:
        return unit
    per = _per_denominator(text, q, cs, unit)
    if per != unit or unit in _RATIO_UNITS:
        return per
    every = _first(m for m in reversed(list(_EVERY_PERIOD.finditer(text, max(cs, q.start - _EVERY_WINDOW), q.start))))
    return f"{unit}/{every[0].group(1)}" if every else unit


# 每年的需求约为全球的四成, 每年的新增产量将是现在的三倍: a share or a ratio has no period
_RATIO_UNITS = {"%", "％", "‰", "倍", "成", "个百分点", "百分点"}
_EVERY_PERIOD = re.compile(r"每(年|月|周)(?![初中底末年一二三四五六日])")  # not 每周一, 每年年底, 每月初


def _per_denominator(text: str, q: Quantity, cs: int, unit: str) -> str:
    money = bool(_MONEY.match(unit))
    if not money and q.normalized_unit not in _PER_NUMERATOR:
        return unit
    m = _PER_AFTER.match(text, q.end, q.end + 6) if money else None
    den = m.group(1) if m else None
    if den is None:
        b = _PER_BEFORE.search(text, max(cs, q.start - 20), q.start)
        if b:
            den = b.group(1) or b.group(2) or b.group(3)
            if b.group(2) and den in _NOT_AFTER_ONE:
                den = None
    if den is None:
        # 每X further back in the figure's own clause (每吨钢材的成本会上升约80元, 由每克36美元涨到
        # 52美元, 每吨锌锭的电耗从3200度降至2900度; corpora/README.md rule 5); 每股收益 stays as written
        every = _first(m for m in reversed(list(_EVERY.finditer(text, max(cs, q.start - _EVERY_WINDOW), q.start))))
        if every and every[0].group(1) != "股":
            den = every[0].group(1)
    if den is None or unit.endswith(den):
        return unit
    return f"{unit}/{den}"


# X~Y written with the unit (or its denominator) on both ends, or a bare number before 到
# (1.62美元/瓦~1.68美元/瓦, 0.95美元到1.2美元/瓦, 100到120吨): one range, not two figures
_RANGE_GAP = re.compile(rf"(?:/{_MEASURE})?\s*(?:~|～|-|—|－|至|到)\s*")
_BARE_BEFORE = re.compile(r"(?<![\d.])(\d+(?:\.\d+)?)\s*(?:~|～|－|至|到)\s*$")
_FROM_BEFORE = re.compile(r"(?:从|由)[^，。；、\d]{0,12}$")  # 从100元到120元: two levels


def _join_ranges(text: str, qs: list[Quantity]) -> list[Quantity]:
    """Join the two ends of a range the quantity grammar reads apart into one quantity; a
    change (增加2150手至98760手) or a move between levels (从100元到120元) stays two."""
    out: list[Quantity] = []
    for q in qs:
        prev = out[-1] if out else None
        if q.value_max is not None or q.value is None or q.value <= 0:
            out.append(q)
            continue
        if (prev is not None and prev.value_max is None and prev.unit == q.unit and prev.value is not None
                and 0 < prev.value < q.value and _RANGE_GAP.fullmatch(text, prev.end, q.start)
                and not _changed(text, prev.start)):
            out[-1] = _range(text, prev.start, prev.value, q)
            continue
        b = _BARE_BEFORE.search(text, max(0, q.start - 16), q.start)
        if b and (prev is None or prev.end <= b.start()) and 0 < float(b.group(1)) < q.value \
                and not _changed(text, b.start()):
            out.append(_range(text, b.start(), float(b.group(1)), q))
            continue
        out.append(q)
    return out


def _changed(text: str, start: int) -> bool:
    before = text[max(0, start - 14) : start]
    return bool(_CHANGE_VERB.search(before) or _FROM_BEFORE.search(before))


def _range(text: str, start: int, low: float, q: Quantity) -> Quantity:
    scale = q.normalized_value / q.value if q.normalized_value is not None and q.value else None
    return replace(q, start=start, text=text[start : q.end], value=low, value_max=q.value,
                   normalized_value=low * scale if scale is not None else None,
                   normalized_value_max=q.normalized_value)


# A number inside a supposition (corpora/README.md rule 4): the conditional clause itself
# (如果销量达到7000万辆, 如果按照7美元/吨计算, 7000吨/年的项目一旦投产…, the 只要/即便 clause of 只要…就,
# 即便…也), or a 当/只有…时 condition (当油价在130美元/桶以下时). The consequent in the next clause
# (…，将压缩毛利率超过10个百分点) reports a figure, and a viewpoint (如果从年初来观察) opens no
# condition for the clause after it.
_SUPPOSE = re.compile(r"如果|假如|(?<!的)假设(?!是|为|条件)|倘若|如若|要是|一旦|只要|即便|(?<![倘如])若(?!干)")
_WHEN = re.compile(r"(?:当|只有在?)[^，。；;]*$")
_WHEN_END = re.compile(r"(?:以上|以下|左右)?时")


# the companies a deal is made with (与…5家稀土企业共同成立, 与8家银行签署, 与A、B等4家企业签署), or
# the set a sentence picks from (在5家稀土企业里, 在被收编的5家企业中): the parties of the story
# (corpora/README.md, holdout notes: counts of deal parties are left out)
_WITH = re.compile(r"[与同]")
_DEAL_VERB = re.compile(r"[^。；;]{0,30}?(?:签署|签订|共同成立|合资成立|组建|合资)")
_AMONG_AFTER = re.compile(r"[^，,。；;\d]{0,10}?(?:里|中)(?=[，,])")


def _deal_party(text: str, units, q: Quantity, num: int) -> bool:
    cs, ce = units.clause(q.start)
    left = text[max(cs, num - 40) : num]
    if _WITH.search(left) and _DEAL_VERB.match(text, q.end, ce):
        return True
    return "在" in text[max(cs, num - 12) : num] and _AMONG_AFTER.match(text, q.end, ce + 1) is not None


_SHARE_OF_AFTER = re.compile(r"的\s*[\d.]+\s*[%％]")
_TERM_AFTER = re.compile(r"二元(?=[\u4e00-\u9fff])(?!人民币|钱|左右|以上|以下|多)")  # 二元肥, 二元结构: binary, no amount
_MAX_QUOTED = 12


def _in_short_quote(text: str, q: Quantity) -> bool:
    """The number sits inside a short quoted phrase: a name or a saying (“三桶油”, in Chinese numerals)."""
    open_ = text.rfind("“", max(0, q.start - _MAX_QUOTED), q.start)
    if open_ < 0 or "”" in text[open_ : q.start]:
        return False
    close = text.find("”", q.end, open_ + _MAX_QUOTED + 2)
    return close >= 0 and "“" not in text[q.end : close]


def _hypothetical(text: str, units, q: Quantity, num: int) -> bool:
    cs, ce = units.clause(q.start)
    if _SUPPOSE.search(text, cs, ce):
        return True
    return bool(_WHEN.search(text[cs:num]) and _WHEN_END.match(text, q.end))


# a duration that is itself the measured figure: a stock counted in days (维持20天的库存), not the
# time something takes (the interval of a rule, 报价周期由两周改为5天, is a duration of a procedure
# and no statistic: corpora/README.md, statistics)
_DURATION_UNITS = {"个月", "天", "日", "周"}
_STOCK_AFTER = re.compile(r"的?[^，,。；;\d]{0,4}?库存(?![量额])")


def _measured_duration(text: str, units, q: Quantity) -> bool:
    return q.unit in _DURATION_UNITS and _STOCK_AFTER.match(text, q.end) is not None


def one_unit(text: str, q: Quantity) -> bool:
    """一吨汽油, 一桶优质原油, 生产1吨多晶硅: one unit of a measure named as the base of a ratio,
    not a reported figure."""
    return (q.value == 1 and q.value_max is None and q.comparator is None and q.unit is not None
            and _MEASURE_RE.fullmatch(q.unit) is not None and q.unit not in _NOT_AFTER_ONE)


# the few words a clause may open with and still only continue the clause before it
_CONTINUATION = re.compile(r"[^\d，,。；;：:]{0,6}")


def _continues(text: str, units, q: Quantity, prev_end: int) -> bool:
    """True when `q`'s clause directly follows the clause of a projected figure in the same
    sentence and only continues it, with a verb and a noun or two and no time of its own
    (甲公司将持有60%的股份，乙公司持有40%的股份; 将压减产量30万吨，减少收入12亿元)."""
    cs, _ = units.clause(q.start)
    if cs != prev_end + 1 or units.sentence(q.start)[0] > prev_end:
        return False
    left = text[cs : q.start]
    return _CONTINUATION.fullmatch(left.strip()) is not None and not own_time(left)


def _detached(text: str, r, pos: int) -> bool:
    between = text[r.end : pos]
    for m in _DETACHED.finditer(between):
        # 中国企业因为…将减少产值650亿元: a cause right after the region's own noun is the
        # subject's reason; the region stays the subject's
        if not (m.group(0) in _CAUSE_WORDS and _SUBJECT_NOUN.fullmatch(between, 0, m.start())):
            return True
    return bool(r.surface == "全国" and _IN_BRACKETS.search(between))


_CAUSE_WORDS = ("因为", "由于")
_SUBJECT_NOUN = re.compile(r"[\u4e00-\u9fff]{0,4}")


# 将 + the object noun phrase the figure opens (将40%的产量, 将该省近三成的电量, 将其30%的股权)
_DISPOSAL = re.compile(r"将\s*(?P<obj>[^，,；;。：:\d的]{0,8}?)(?:接近|将近|近|约|大约|超过|逾|不到|不足)?\s*$")
_OBJECT_HEADS = ("", "其", "该公司", "公司", "自身", "自己")
_OF_AFTER = re.compile(r"\s*(?:以上|以下|左右|多)?的")


def _disposal(text: str, left: str, q: Quantity, regs, left_start: int) -> bool:
    """True when the last 将 before the figure marks an object (the 把 of written Chinese) whose
    noun phrase the figure opens: nothing but a place or a pronoun between 将 and the number,
    and 的 + a noun after it (将智利约30%的铜精矿销往…), not a verb (将达30%, 将有30%的企业)."""
    m = _DISPOSAL.search(left)
    if m is None or not _OF_AFTER.match(text, q.end):
        return False
    obj = m.group("obj")
    if obj in _OBJECT_HEADS:
        return True
    start = left_start + m.start("obj")
    place = [r for r in regs.starting(start, start + len(obj)) if r.start == start and r.end == start + len(obj)]
    return bool(place)


def _detached_after(text: str, q: Quantity, r) -> bool:
    """A region after the number that is not where it happens: not after a word of place
    (在新疆投资, 落户安徽, 为新加坡三大炼厂之一, 参与了新疆…), or with a cause or a speaker's words
    between; 850亿美元澳洲天然气 (the goods' origin), 与赣州稀土 (a partner) are no figure's region."""
    return not _PLACE_BEFORE.search(text, max(q.end, r.start - 3), r.start) or bool(_DETACHED.search(text, q.end, r.start))


_PLACE_BEFORE = re.compile(r"(?:在|于|为|是|到|落户|参与了?|进入|入驻|来自)$")


# 导致全国尿素装置开工率仅有60%, 预计全国现有的3000余家: 全国 modifying the noun the clause's
# figure is about (a noun run, then a number in the same clause); not 全国人大 or 全国性
_NATIONAL_SUBJECT = re.compile(r"(?!人大|政协|性|范围|各地|首|第)[^，,。；;：:\d]{1,12}?\d")
_NATIONAL_FIGURE = re.compile(r"\d|均价|平均|总量|总产量")  # 全国18家, 螺纹钢全国均价为4130元
_COUNT_AFTER = re.compile(r"\d+(?:多|余)?家")
_ROUTE = re.compile(r"^[^，,。；;\n]{0,16}航线")
# 中国石油天然气股份有限公司(下称“中国石油”): the short name a piece defines is a name wherever
# it recurs (中国石油旗下…), so the region it starts with is not a figure's region
_DEFINED = re.compile(r"[（(]\s*(?:以下)?(?:简称|下称|以下称)\s*[“\"「]([^”\"」）)]{2,12})[”\"」]")


def _defined_names(text: str) -> dict[str, list[str]]:
    """The names a piece defines, keyed by the region surface they start with."""
    out: dict[str, list[str]] = {}
    for m in _DEFINED.finditer(text):
        for r in region_mentions(m.group(1)):
            names = out.setdefault(r.surface, [])
            if r.start == 0 and m.group(1) not in names and len(names) < _MAX_DEFINED:
                names.append(m.group(1))
    return out


_MAX_DEFINED = 8  # a piece defines a few short names; a flood of them is not read further

# A region glued to a brand (2-6 characters) is a company's name without a legal suffix when
# the structure around it says so (the region's own figures, 河北钢铁产量, keep their region):
_CJK = r"[\u4e00-\u9fff]"
# the words that mark a company after a region + brand, one tuple per branch of _COMPANY_AFTER;
# _COMPANY_CUES is made of the word each branch needs in its window
_COMPANY_LIST_NOUNS = ("钢厂", "钢企", "企业", "公司", "厂商", "厂家", "集团", "冶炼厂", "炼厂", "矿企", "上市公司", "龙头")
_COMPANY_ROLES = ("旗下", "董事长", "董事会", "总经理", "总裁", "副总裁", "股价", "股票")
_COMPANY_ACTS = ("披露", "发布公告", "公告称")
_COMPANY_AFTER = re.compile(
    # a list of names closed by 等 + a noun for companies (…、<R>XX等钢厂, <R>XX等企业)
    rf"({_CJK}{{2,4}})(?=(?:[、和与及]{_CJK}{{2,6}}){{0,6}}等(?:\d+家)?"
    rf"(?:{'|'.join(_COMPANY_LIST_NOUNS)}))"
    # the brand followed by a role or organ only a company has (<R>XX旗下, <R>XX董事长)
    rf"|({_CJK}{{2,4}})(?={'|'.join(_COMPANY_ROLES)})"
    # the brand followed by a stock code (<R>XX(600123), <R>XX（股票代码：600123）)
    rf"|({_CJK}{{2,6}})(?=[（(]\s*(?:股票代码[:：]?\s*)?\d{{6}}(?:\.S[HZ])?\s*[)）])"
    # the antecedent of 该公司 (以<R>XX为例，该公司…)
    rf"|({_CJK}{{2,4}})(?=为例[，,]\s*(?:该|这家)(?:公司|企业|集团))"
    # the brand before a verb only a company does (<R>XX披露, <R>XX公告称)
    rf"|({_CJK}{{2,4}})(?={'|'.join(_COMPANY_ACTS)})"
)
_COMPANY_CUES = re.compile("|".join(["等", *_COMPANY_ROLES, "[（(]", "为例", *_COMPANY_ACTS]))
# the region + brand after a company with a legal suffix in one list (XX集团、<R>XX产量分别为…)
_COMPANY_BEFORE = re.compile(rf"{_CJK}{{2,8}}(?:集团|公司|股份)[、和与及]$")
# the target of an investment (向<R>XX投资418亿元, 对<R>XX增资)
_INVEST_BEFORE = re.compile(r"[向对给]$")
_INVEST_AFTER = re.compile(rf"({_CJK}{{2,4}}?)(?=投资|增资|注资)")
# the object of a verb on equity (持有<R>XXXX 76%的股权, 收购<R>XX股权)
_EQUITY_VERB = re.compile(r"(?:持有|收购|转让|出售|增持|减持|控股|入股)\s*$")
_EQUITY_AFTER = re.compile(rf"({_CJK}{{2,8}}?)(?=[\d.]*%?的?股权)")


_NOT_BRAND = set("等的和与及地省市区县为在是将")
_TWO_CJK = re.compile(f"{_CJK}{{2}}")


def _company_names(text: str, mentions) -> dict[str, list[str]]:
    """The company names a piece writes as a region + brand with no legal suffix, keyed by the
    region surface: a name found once by its structure is a name wherever it recurs
    (以江苏XX为例，该公司… then 江苏XX的成功)."""
    out: dict[str, list[str]] = {}
    for r in mentions:
        # (every branch of _COMPANY_AFTER needs one of its cue words inside the same 40 characters:
        # where none is, the costly match cannot succeed and is not tried)
        m = _COMPANY_AFTER.match(text, r.end, r.end + 40) if _COMPANY_CUES.search(text, r.end, r.end + 40) else None
        brand = next((g for g in m.groups() if g), None) if m else None
        if brand is None and _EQUITY_VERB.search(text, max(0, r.start - 4), r.start):
            e = _EQUITY_AFTER.match(text, r.end, r.end + 24)
            brand = e.group(1) if e else None
        if brand is None and _INVEST_BEFORE.search(text, max(0, r.start - 1), r.start):
            e = _INVEST_AFTER.match(text, r.end, r.end + 8)
            brand = e.group(1) if e else None
        if brand is None and _COMPANY_BEFORE.search(text, max(0, r.start - 12), r.start):
            brand = text[r.end : r.end + 2] if _TWO_CJK.fullmatch(text, r.end, r.end + 2) else None
        # 山东等地…, 江苏南京等企业: a function word or a second place is no brand
        if brand and brand[0] not in _NOT_BRAND and not region_mentions(brand[:2]):
            names = out.setdefault(r.surface, [])
            if r.surface + brand not in names and len(names) < _MAX_DEFINED:
                names.append(r.surface + brand)
    return out


_LATIN_NAME = re.compile(r"[A-Za-z]{2}")  # 德国Inowatt, 美国WTI: a region naming a company or a grade


_TIME_BEFORE = {"届时", "目前", "当前", "今年", "去年", "明年", "同期", "此时"}  # 届时全国铁矿石约有2亿吨进口缺口


def _national(text: str, ends: set[int]) -> list[RegionMention]:
    """全国 as the subject of a clause (5月份，全国规模以上原煤产量…; 2024年度全国钨精矿…) is 中国;
    占全国 / 在全国 / 作为全国 are comparisons, not the statement's region (`ends`: where
    periods end)."""
    out = []
    for m in _NATIONAL.finditer(text):
        s = m.start()
        if s == 0 or text[s - 1] in "，,。；;：:\n“\"" or s in ends or text[s - 2 : s] in _TIME_BEFORE or (
                (_NATIONAL_FIGURE.match(text, m.end()) or _NATIONAL_SUBJECT.match(text, m.end()))
                and text[s - 1] not in "占在于比的居列为和与及、") or (
                # 与全国4000多家企业合作: the count itself is national (和全国平均 stays a comparison)
                text[s - 1] in "和与及" and _COUNT_AFTER.match(text, m.end())):
            out.append(RegionMention(s, m.end(), "全国", "中国", "country"))
    return out


def _nearest_list(text: str, items, lo: int, hi: int, n: int) -> list[str] | None:
    """The coordinated list (items joined by 、 和 及 与) nearest before `hi` with n items."""
    cands = [it for it in items if lo <= it[0] and it[1] <= hi]
    lists: list[list] = []
    for it in cands:
        if lists and _LIST_SEP.match(text[lists[-1][-1][1] : it[0]]) and "，" not in text[lists[-1][-1][1] : it[0]]:
            lists[-1].append(it)
        else:
            lists.append([it])
    for lst in reversed(lists):
        names = [it[2] for it in lst]
        if len(names) == n and len(set(names)) == n:
            return names
    return None
