"""ex_forecasts: what a report expects, by horizon.

Anchors (lexicon and mapping: `extractor/grammars/horizon.py`):
- a horizon word (短期 / 中期 / 长期 / 中长期 / 远期 / 短时间; 中期 after a year is the interim
  period, 今年中期营收);
- a relative duration (未来一个季度 / 未来三个月 -> short, 未来半年 / 未来一年 -> medium,
  未来两年 / 未来三到五年 -> long);
- a calendar horizon always ahead of the report (明年 -> medium; 年内 / 下半年 -> the rest of
  the year: short from October on, else medium; a quarter or month not yet over, 二季度 /
  持续到9月份); every clause of its scope needs a forward marker.
The scope of a `短期：` label is its paragraph; an inline anchor covers the clause it stands in
(铝材市场明年难有起色) and the rest of its sentence, up to the next anchor.

Every other sentence is read clause by clause: a clause with a direction and a forward marker
(将, 预计, 有望, 或, 可能, 必然, 难以, 后期, 存在…压力, 有…空间, 有…的可能 …; data cues in
`data/report_cues.tsv`), or governed by a forecasting verb that opens an earlier clause of its
sentence (预计…，…; not a clause with its own past time), is a call without a horizon of its own:
its own clause's time refines it (2011年, 二季度), else a time-only opening clause (到2015年，…).
Not calls: premises (由于/因…, 虽然…, 在…背景下), conditionals (若/如果/一旦…，…), causes (受…影响,
因为…而 give no direction), questions (能否, 是否), changes scheduled for a date (将于下月起上调), a qualifier of the call before it (…将继续回升，但幅度收窄), the disclaimer and
company blurb (`grammars.text_units.excluded_sections`).

- subject: the words between the clause start (after 我们预计 / 分析师认为) and the forward marker
  or the direction, time words removed anywhere (主要铝厂9月份出厂价格 -> 主要铝厂出厂价格),
  places and words kept as written (我国, 全省, 山西省, 需求量: corpora/README.md), the metric after the verb kept
  (新增供应), the object of a transitive verb after a pronoun or cause (这将减少对铜精矿的需求,
  降息预期将支撑金价); none (or an adverb / pronoun): the sentence's last subject, else the
  noun phrase of the nearest earlier clause, else for a rise or fall the price of the commodity
  named before; a bare metric (价格, 需求) takes that commodity (价格面临调整 -> 废铜价格).
  An unanchored call must name a market quantity or a commodity (data: forecast_subject).
  A stated growth rate (增速或为8.4%) is a call on the quantity that grows;
- subject from mention spans (`grammars/forecast_market.py`, `forecast_subject.resolve_subject`):
  the market-quantity mentions of `doc.spans["market_mentions"]` (ex_market_mentions: a mineral/product span or a
  region/noun phrase, then qualifiers and a market noun of `data/forecast_cues.tsv`: 镍铁现货价格,
  建筑钢价, 冶炼厂生产) are found once; the object of a transitive cue wins (推高铝材价格, 引起电解铜
  产量的回落); a list of commodity mentions (铝和锌有望反弹) is the subject, on their price for a
  price move; the string read above is kept only when it reads as one of the clause's mentions
  (`well_formed`: a clean prefix, a suffix word such as 中枢/格局), else the mention nearest before
  the direction cue replaces it, typed (a price move such as 回落/看涨 takes a price or market
  mention, in the clause or earlier in its sentence, else the price of the sector named before,
  X行业), and a call with neither is dropped (价格很 -> 铜矿价格, 需求偏弱恐将回落 -> 锌价).
  An anaphoric trend (这种趋势…持续) takes the move and mention of the clause before; a view verb
  on a product alone is a call on the product as written (卫浴五金或看涨 -> 卫浴五金).
- direction: up / down / flat from the lexicon (≈0, 有限, 持平 -> flat); the likelier move
  governs (铜价下行的风险将加大 -> down);
- magnitude: the quantity of the clause (5-10% -> 5..10 %), ≈0 -> 0.
One call, one item: clauses of a sentence with the same subject and horizon are one forecast.
"""

from __future__ import annotations

import re
from bisect import bisect_left

from spacy.language import Language
from spacy.tokens import Doc

from extractor.gazetteers import word_class
from extractor.grammars.forecast_clause import (
    ACTOR, ADVERB, ADVICE, AFFECTED, AGENT, ALTERNATIVE, APPROX_ZERO, BARE_METRIC, CANDIDATE, CAUSATIVE,
    CLAUSE_SPLIT, CLAUSE_TIME, COMPARE_BASE, CONDITION, CONDITION_END, CONSEQUENCE, CURRENCY, DONE, DURATION_UNITS, FLAT,
    FLOOR, FORECAST_VERB, FORWARD, GROWTH_RATE, HEADLINE_SPLIT, INNER_CAUSE, LACK, LIKELIHOOD_CHANGED, MODAL_ADVERBIAL, NEWS,
    NOT_BACK, NO_SUPPORT, OBJECT_VERB, OFFSET, OWN_METRIC, OWN_TIME, PAST, PAST_HABIT, PAST_NEGATION, PERSIST,
    PERSIST_OBJECT, POLICY, PREMISE, PRICE_MOVE, PRONOUN, PROSPECT, QUESTION, RELIEF, RELIES, REVISED, ROOM,
    RULE_END, SCHEDULED, SECTOR_SUBJECT, SENTIMENT, SENT_STOP, STATUS_END,
    SUPPORTED, TRANSITIVE, TRANSITIVE_DIR, VIEW, WILL, Context, direction_end, direction_of,
    estimate_of_past, factor_only, first_direction, horizon_anchors, is_conditional, is_governed, level_era, modal_before_move,
    modifier_only, next_clause_horizon, only_anchor, previous_clause_horizon, prospect_direction,
    sentence_start, stated_reason, topic_horizon, without_cause,
)
from extractor.grammars.forecast_subject import (
    BARE, ENUMERATION, LEAD_JUNK, _PAIR_TAIL, METRIC_NOUN, SPEAKER_VERB, SUBJECT_HEAD, SUBJ_END, after_subject,
    carried_horizon, normal_subject, opening_subject, owner_of, paired_metric, place_object,
    _predicate_words, resolve_subject, strip_time, support_object, trend_anaphor, with_commodity,
)
from extractor.grammars.forecast_market import SUFFIX_END, TIME_ADVERB
from extractor.grammars.forecast_words import _alternation, forecast_cues, reached_only
from extractor.grammars.horizon import calendar_horizon, ended
from extractor.grammars.projection import own_time
from extractor.grammars.text_units import ByStart, CharIndex, Intervals
from extractor.pipelines.base import add_span, doc_value, families, records, spans

VIEW_CUE = re.compile(_alternation(forecast_cues("view")))  # 看涨, 看跌 (data kind view)
# a speaker and a speech verb before a call's subject (分析师认为X -> X): class speech_verb of
# data/word_classes.tsv
_SPEAKER_LEAD = re.compile(r"^[^，,]*?(?:" + "|".join(map(re.escape, word_class("speech_verb"))) + ")")


def whole_object(ctx: "Context", lo: int, hi: int) -> bool:
    """True when the object text[lo:hi] read after a verb is one noun phrase closed by a market
    mention (抬升冶炼厂的锌精矿采购成本, 看好省内及周边地区的钢材需求): the subject as written,
    qualifiers and all (corpora/README rule 3), not only the mention."""
    return hi - lo <= 16 and any(q.end == hi and q.start >= lo for q in ctx.market.within(lo, hi))


def _paired(text: str, ctx: "Context", lo: int, hi: int, subject: str) -> str | None:
    """The second call of a subject joining two metrics in text[lo:hi] (`paired_metric`: 国内镍
    需求及价格 -> 国内镍价格); when an owner before 的 holds both and only a qualifier of the first
    metric lies between (经销商的运输成本及价格), the second is the owner's (经销商价格)."""
    second = paired_metric(text[lo:hi], subject)
    pair = _PAIR_TAIL.search(text, lo, hi)
    if not second or not pair:
        return second
    k = text.rfind("的", lo, pair.start())
    if k < 0 or ctx.minerals.overlapping(k, pair.start()):
        return second
    owner = normal_subject(strip_time(text[lo:k]))
    return owner + pair.group("b") if owner and subject.startswith(owner) else second


# the patterns of the rules below, compiled once (a string pattern per call went through the
# re cache per clause, and an f-string one was built anew)
_LABEL_MARKS = re.compile(r"[：:，,；;【】\[\]|｜]")
_QUOTED_LEAD = re.compile(r"^[“”\"]*[^“”\"]*[”\"]")
_LINK_END = re.compile(r"(在|为|于|至)$")
_FROM_LEAD = re.compile(r"^来自")
_BARE_DIGIT = re.compile(r"(?<![A-Za-z\d])\d")
_TO_LEAD = re.compile(r"^[对于]+")
_GAIN_END = re.compile(r"中(?:受益|获益|获利)?$")
_QUOTED = re.compile(r"[“\"][^”\"]*[”\"]")
_IMPACT_WORDS = re.compile(r"^对|的?影响$")
_TIME_LEAD_OR_ADVERB_END = re.compile(rf"^(?:(?:{TIME_ADVERB})\s*)+|(也|还|仍|都)$")


@Language.factory(
    "ex_forecasts",
    assigns=families("forecasts"),
    requires=[*families("quantities", "excluded_sections", "mineral_mentions", "market_mentions", "title"), doc_value("units"),
              doc_value("ref_date")],
)
def make_forecasts(nlp: Language, name: str) -> "Forecasts":
    return Forecasts()


class Forecasts:
    def __call__(self, doc: Doc) -> Doc:
        text = doc._.text
        ref = doc._.ref_date
        qs = ByStart(records(doc, "quantities"))
        seen: set[tuple[int, int]] = set()
        # per-document state lives in this call, never on the shared component
        anchors = horizon_anchors(text, ref.year, ref.month)
        # the disclaimer and blurb as intervals: each clause asks in log time (a pass over every
        # section per clause grew with the length of a report)
        excluded = Intervals((x.start, x.end) for x in records(doc, "excluded_sections"))
        ctx = Context(ref.year, ref.month, anchors, [a[0] for a in anchors], excluded, {}, {},
                       ByStart(records(doc, "mineral_mentions")), doc._.units)
        ctx = ctx._replace(market=ByStart(records(doc, "market_mentions")),
                           clause_marks=CharIndex(text, CLAUSE_SPLIT), full_stops=CharIndex(text, "。"))
        units = doc._.units
        covered: list[tuple[int, int]] = []
        for a_start, a_end, horizon, kind, label in ctx.anchors:
            ps, pe = units.paragraph(a_start)
            if label:
                scope = (a_end, pe)
            else:
                # an inline anchor covers its whole clause (铝材市场明年难有起色) and the rest
                # of its sentence; the time words are dropped from the subject
                end = ctx.full_stops.first(a_end, pe)
                le = ctx.line_of(text, a_end)[1]
                if ctx.one_clause(ctx.line_of(text, a_start)[0], le):
                    # a headline's phrases are separate statements (铝材市场明年难有起色 型材需求或强于板材)
                    brk = HEADLINE_SPLIT.search(text, a_end, le)
                    end = brk.start() if brk else le
                c0, c1 = units.clause(a_start)
                if after_subject(text, max(ps, c0), a_start) and kind == "word":
                    end = c1  # 现货锌短期或将回调…: after its clause's subject the anchor dates that clause only
                scope = (max(ps, c0), end if end >= 0 else pe)
            if kind == "calendar" and FORECAST_VERB.search(text, max(ps, a_start - 4), a_start):
                kind = "relative"  # 预计四季度全球铜精矿供应减少约20万吨: the verb governs the scope
            covered.append((scope[0], min([scope[1], *ctx.anchors_starting(a_end, scope[1])])))
            self._scope(doc, ctx, text, qs, horizon, scope, kind, seen, anchor=(a_start, a_end))
        # the headline states the piece's call without a marker (锌锭维持区间震荡走势, 铝厂迎来高成本阶段)
        for sp in spans(doc, "title"):
            self._headline(doc, ctx, text, qs, sp.start_char, sp.end_char, seen)
        # every other sentence: a clause with a forward marker (or governed by the sentence's
        # forecasting verb: 预计…，…) and a direction is a forecast without a horizon of its own
        # (a time expression of the clause or sentence refines it)
        covered.sort()
        starts = [c[0] for c in covered]
        pos = 0
        for stop in [*(m.start() for m in SENT_STOP.finditer(text)), len(text)]:
            ss, se = pos, stop
            pos = stop + 1
            if se - ss < 4 or not CANDIDATE.search(text, ss, se):
                continue
            k = bisect_left(starts, se)
            inside = [c for c in covered[max(0, k - 8):k] if c[1] > ss]
            # the parts of the sentence no anchor's scope holds
            cur = ss
            for cs_, ce_ in sorted(inside):
                if cs_ > cur:
                    self._scope(doc, ctx, text, qs, "unspecified", (cur, cs_), "sentence", seen)
                cur = max(cur, ce_)
            if cur < se:
                self._scope(doc, ctx, text, qs, "unspecified", (cur, se), "sentence", seen)
        return doc

    def _headline(self, doc, ctx: "Context", text, qs, start: int, end: int, seen) -> None:
        """Each phrase of the title with a direction, no number and no past marker is a call
        (unspecified); phrases with a forward marker are left to the sentence pass."""
        if _LABEL_MARKS.search(text[start:end]):
            return  # a report's labelled title (镍月报：…, 【X期货】…周报：…) states no call of its own
        if PAST.search(text, start, end) or qs.within(start, end):
            return  # news of what happened (…明显增加 同比增12%, 两大铝企下调9月铝价)
        pos = start
        for part in HEADLINE_SPLIT.split(text[start:end]):
            cs = text.index(part, pos, end) if part else pos
            ce = cs + len(part)
            pos = ce
            if (not part.strip() or FORWARD.search(part) or PAST.search(part) or qs.within(cs, ce)
                    or direction_of(part) is None or (cs, ce) in seen):
                continue
            # a headline phrase dated ahead (铝材市场明年难有起色) is a call for that period
            ahead = [a for a in ctx.anchors if cs <= a[0] < ce]
            horizon = ahead[0][2] if ahead else "unspecified"
            dm = first_direction(text, cs, ce)
            subject = normal_subject(strip_time(_QUOTED_LEAD.sub("", text[cs:dm]).strip() or text[cs:dm]))
            subject = resolve_subject(text, ctx, subject, cs, dm, ce)
            objects = [q for q in ctx.market.within(dm, ce) if q.start >= dm] if OBJECT_VERB.match(text, dm, ce) else []
            if objects:
                # 新港启用降低矿石运输成本: a transitive verb's object is what the headline's call is about
                subject = normal_subject(strip_time(objects[0].subject)) or subject
            era = level_era(text, cs, ce)
            if era:
                # 铝厂进入高价格阶段: the owner's quantity whose level the era names
                subject = normal_subject(strip_time(text[cs : era[0]]) + era[1]) or subject
            if not subject or not SUBJECT_HEAD.search(subject) or AGENT.search(subject):
                continue
            seen.add((cs, ce))
            ctx.subjects[sentence_start(text, cs)] = subject
            add_span(doc, "forecasts", cs, ce, horizon, {
                "text": text[cs:ce], "horizon": horizon, "subject": subject,
                "direction": direction_of(part), "magnitude": None, "magnitude_max": None, "unit": None,
            })

    def _scope(self, doc, ctx: "Context", text, qs, horizon, scope, kind, seen, anchor=None) -> None:  # noqa: C901
        """`kind`: word (短期：), relative (未来一个季度), calendar (明年), sentence (no
        anchor: every clause needs a forward marker or the sentence's forecasting verb)."""
        s0, e0 = scope
        pos = s0
        first = kind != "sentence"
        prev_taken = False  # the previous clause of the scope was a forecast
        pending = False  # a modal waits for its verb (储能市场会随着…的推进，带动…需求)
        # stop at the next horizon anchor (after the scope's own)
        nxt = ctx.anchors_starting(s0 if anchor is None else anchor[1], e0)
        if nxt:
            e0 = min(nxt)
        headline = ctx.one_clause(*ctx.line_of(text, s0))
        for part in (HEADLINE_SPLIT if headline else CLAUSE_SPLIT).split(text[s0:e0]):
            cs = text.index(part, pos, e0 + 1) if part else pos
            ce = cs + len(part)
            pos = ce
            clause = part
            if not clause.strip() or (anchor is not None and only_anchor(text, cs, ce, anchor)):
                continue  # the anchor's own clause (中期来看，…)
            if ctx.excluded.overlaps(cs, ce):
                return
            if ALTERNATIVE.match(clause):
                continue  # …，或库存偏高无力支撑锌价: an alternative to the call, not a call
            if CONDITION.match(clause) or is_conditional(text, cs):
                continue  # 若锌价跌破前低，跌幅将继续扩大: a conditional, not a call
            if ended(COMPARE_BASE.sub("", NOT_BACK.sub("", clause)), ctx.ref_year, ctx.ref_month):  # 上半年的高位, 同比去年: a reference level
                prev_taken = False
                continue  # 预计公司去年净利润同比增长两倍 (in March): an observation
            if DONE.search(clause) and not WILL.search(clause):
                if anchor is not None and cs <= anchor[0] < ce:
                    return  # the anchor's own clause looks back: its scope is no outlook
                prev_taken = False
                continue  # 大家或许对这种趋势已经熟悉了: a state reached, not a call
            if (NEWS.search(clause) or LIKELIHOOD_CHANGED.search(clause) or OFFSET.search(clause) or QUESTION.search(clause) or SCHEDULED.search(clause) or PAST_HABIT.match(clause)
                    or (PAST_NEGATION.search(clause) and not WILL.search(clause)) or STATUS_END.search(clause)):
                prev_taken = False
                continue  # 某国或将上调锡矿出口关税的传闻让…: news reported, not a call
            if RELIES.search(clause):
                prev_taken = False
                continue  # 未来锡矿产量增长仍将依靠云南: where growth comes from, not which way it goes
            if ADVICE.match(strip_time(clause)):
                prev_taken = False
                continue  # 建议保持谨慎: advice to the reader, not a call
            if factor_only(clause):
                prev_taken = False
                continue  # 对铝价形成支撑, 难以支撑其利润回升: a factor, no call (corpora/README, forecasts rule 1)
            if PREMISE.match(clause) and not stated_reason(text, cs, clause):
                prev_taken = False
                continue  # 由于…, 因原料供应偏紧, 在需求疲弱的背景下: a premise, not a call
            # an adverbial clause that runs to the comma (an inner cause 因为…而提价 moves in its own clause)
            adverbial = MODAL_ADVERBIAL.search(clause) if not INNER_CAUSE.search(clause) else None
            # 受地产投资放缓的影响: a cause; 将由于…的增加，带动…: the adverbial clause's move is no call
            direction = direction_of(without_cause(clause[: adverbial.start()] if adverbial else clause))
            hit = AFFECTED.search(clause) if direction is None else None
            if hit and not AGENT.search(clause[: hit.start()].rstrip(" 也都还")):
                direction = "down"  # 铜材零售价势必受到冲击: the quantity is hit (冶炼企业都会受到影响: a firm's fate)
            if direction is None and PERSIST_OBJECT.search(clause):
                direction = "flat"  # 难以改变铜市“震荡”的格局: the state persists
            if direction is not None and modifier_only(text, cs, ce):
                direction = None  # 面对一路上涨的电价: the move qualifies a noun, the clause states no move
            trend = trend_anaphor(text, ctx, cs, ce)
            if trend:
                direction = trend[1]  # …成本不断上升，这种趋势明年将延续: the move goes on
            prospect = prospect_direction(clause)
            if prospect:
                direction = prospect  # 光伏行业将迎来新一轮增长期: a call on the industry's prospect
            rate_stated = direction is None and bool(GROWTH_RATE.search(clause)) and bool(qs.within(cs, ce))
            if rate_stated:
                direction = "up"  # 全球锌需求增速或为3%: a growth rate stated, about the quantity that grows
            forward = (modal_before_move(clause) or NO_SUPPORT.search(clause) or SUPPORTED.search(clause) or LACK.search(clause) or FLOOR.search(clause) or (is_governed(text, cs) and not own_time(clause))
                       or (prev_taken and CONSEQUENCE.match(clause)))  # …难以维持高位，进而压低对铜精矿的需求
            clause_qs = qs.within(cs, ce)
            stated = bool(FLAT.search(clause) or clause_qs)  # 供给冲击≈0 needs no 将
            if pending and text[cs - 1 : cs] in "，,":
                forward = True  # the modal before the adverbial clause governs this verb
            pending = direction is None and bool(adverbial)
            if direction is None or not (forward or (first and stated and kind != "calendar")):
                first = False
                prev_taken = False
                continue
            first = False
            if kind == "sentence" and not own_time(clause) and estimate_of_past(text, cs, ctx):
                prev_taken = False
                continue  # 去年锌产量有了明显回升，可能同比增加3%: an estimate of the year just reported
            if prev_taken and PERSIST.search(clause) and not FORWARD.search(PERSIST.sub("", clause)):
                continue  # …新增供应约30万吨，供应过剩格局难以扭转: the same forecast goes on
            if prev_taken and BARE_METRIC.match(clause):
                continue  # …将继续回升，但幅度收窄: the same call, qualified
            prev_taken = True
            if (cs, ce) in seen:
                continue
            seen.add((cs, ce))
            lead = LEAD_JUNK.match(clause)
            start = cs + (lead.end() if lead else 0)
            sv = SPEAKER_VERB.match(text, start, ce)
            if sv and sv.end() < first_direction(text, start, ce):
                start = sv.end()  # ◆我们预计未来三个月氧化镨钕价格…: the call follows the verb
            subj_end = SUBJ_END.search(text, start, ce)
            dm = first_direction(text, start, ce)
            clause_qs = [q for q in clause_qs if q.unit not in DURATION_UNITS]  # 未来三个月
            # a share inside a market mention (电池约三成的市场空间) is no part of the call's figure
            q0 = min((q.start for q in clause_qs if q.start > start
                      and not any(m.start < q.start for m in ctx.market.overlapping(q.start, q.end))), default=ce)  # 价格在50万—58万元
            cut = min(x for x in (subj_end.start() if subj_end else ce, dm, q0, ce))
            if prospect:
                cut = min(cut, PROSPECT.search(text, start, ce).start())  # 某产业开始进入增长期: the sector before the verb
            rv = REVISED.search(text, start, ce)
            if rv and rv.start() > start:
                cut = min(cut, rv.start())  # 企业盈利预测被下调: what is forecast is the subject
            pm = PERSIST.search(text, start, ce)
            if pm and not (subj_end and subj_end.start() < pm.start()):
                cut = pm.start()  # 镍市过剩格局难改: the persisting state is the subject
            pair_words = (start, dm)  # the words that may join two metrics (需求及价格)
            subj_raw = text[start:cut]
            cut -= len(subj_raw) - len(_LINK_END.sub("", subj_raw.rstrip()))
            words = text[start:cut]
            for a0 in reversed(ctx.anchors_starting(start, cut)):
                a1 = ctx.anchors[bisect_left(ctx.anchor_starts, a0)][1]
                if a1 <= cut:
                    words = words[: a0 - start] + words[a1 - start :]  # 储能5年后的装机量: the anchor's time is no part of it
            subject = strip_time(words.strip(" ：:，,")) or words.strip(" ：:，,") or None
            if subject and "：" in subject:
                # 出口：在…, 化工：成本…: a topic label before the clause's own words
                subject = max(subject.split("："), key=lambda p: (bool(SUBJECT_HEAD.search(p)), len(p))).strip() or None
            if subject:
                subject = ENUMERATION.sub(r"\1", _FROM_LEAD.sub("", subject))  # before a long subject is cut
            if subject and len(subject) > 20:
                subject = subject[-20:].lstrip("~～-—、，,：: ")
            if subject and (_BARE_DIGIT.search(subject) or len(subject) < 2 or subject[0] in "的了也"):
                subject = None
            mag = mag_max = unit = None
            zero = APPROX_ZERO.search(text, cs, ce)
            object_span = None  # where the subject was read after its verb (抬升…的采购成本, 看好…的钢材需求)
            tv = TRANSITIVE.search(text, start, ce)
            ov = OBJECT_VERB.match(text, start, ce)
            if ov and (subject is None or PRONOUN.fullmatch(subject) or normal_subject(subject) is None):
                # 减少对铜精矿的需求, 势必推高冶炼厂的用电成本, 看好铝型材: the object is the subject
                obj = SUBJ_END.split(text[ov.end():ce])[0]
                if ov.group(0).endswith(("限制", "抑制")):
                    # 这将限制电解铝产量继续扩张: what is held back is the quantity, and it falls
                    obj = text[ov.end() : first_direction(text, ov.end(), ov.end() + len(obj))]
                    direction = "down"
                subject = normal_subject(_TO_LEAD.sub("", obj).strip()) or subject
            if subject and ACTOR.search(subject) and TRANSITIVE_DIR.match(text, dm, ce):
                # 主管部门将上调成品油价格: an actor moves the price; the call is on the price
                vm = TRANSITIVE_DIR.match(text, dm, ce)
                obj = normal_subject(SUBJ_END.split(text[vm.end() : ce])[0].strip())
                subject = obj if obj and SUBJECT_HEAD.search(obj) else subject
            cz = CAUSATIVE.search(text, start, ce)
            if cz and first_direction(text, cz.end(), ce) < ce:
                # 这可能使铝材的供应继续增加, 令铜产量增速放缓: the call is on what is made to move
                obj_end = first_direction(text, cz.end(), ce)
                obj = normal_subject(strip_time(text[cz.end() : obj_end]))
                if obj:
                    subject, direction = obj, direction_of(text[cz.end() : ce]) or direction
                    pair_words = (cz.end(), obj_end)
                    tv = None
            elif cz and dm < cz.start() and not AFFECTED.search(clause):
                mark = FORWARD.search(text, dm, cz.start())
                if mark and not direction_of(text[cz.end() : ce]):
                    continue  # 订单增多将使库存变得偏紧: the move before 将使 is the cause, and nothing is said to move
            floor = FLOOR.search(text, start, ce)
            if floor and not SUPPORTED.search(clause):
                # 螺纹钢的底部支撑依然有效: the call is on what has a floor
                subject, tv = normal_subject(strip_time(text[start : floor.start()])) or subject, None
            if tv and not clause_qs:
                obj_end = first_direction(text, tv.end(), ce)
                se_ = SUBJ_END.search(text, tv.end(), obj_end)
                obj_end = se_.start() if se_ else obj_end  # 加剧 铜价中枢有望上移
                obj = text[tv.end() : obj_end if obj_end > tv.end() else ce].strip()
                if obj and not _GAIN_END.search(obj):
                    subject = obj  # 降息预期将支撑金价 -> 金价 (not 从…带来的新格局中受益)
                    object_span = (tv.end(), tv.end() + len(text[tv.end() : obj_end if obj_end > tv.end() else ce].rstrip()))
                    if not (SUBJECT_HEAD.search(obj) or SUFFIX_END.search(obj) or ctx.minerals.overlapping(tv.end(), tv.end() + len(obj))
                            or ctx.market.overlapping(tv.end(), tv.end() + len(obj)) or support_object(text, start, ce)):
                        continue  # 产业将加快重组: what is sped up is no market quantity
            view = VIEW.search(text, start, ce)
            if view:
                # 某分析师依然看好铝型材: who holds the view is not what it is about
                raw = SUBJ_END.split(text[view.end() : ce])[0]
                obj = normal_subject(strip_time(raw))
                if obj:
                    subject, direction = obj, "down" if view.group(0) != "看好" else "up"
                    object_span = (view.end(), view.end() + len(raw.rstrip()))
            po = PERSIST_OBJECT.search(text, start, ce)
            if po:
                # 难改铜市“震荡”格局: the call is on whose state persists
                obj = normal_subject(strip_time(_QUOTED.sub("", po.group(1))))
                if obj:
                    subject = obj
            era = level_era(text, start, ce)
            if era and era[0] > start:
                # 冶炼厂将进入高价格阶段: the owner's quantity whose level the era names
                subject = normal_subject(strip_time(SUBJ_END.split(text[start : era[0]])[0]) + era[1]) or subject
            sup = support_object(text, start, ce)
            if sup:
                # 量价均难以支撑其利润回升, 成本对锌价的支撑有所减弱: the call is on what is (not) held up
                subject, direction = sup
                cut = -1
            if subject and cut == dm and not METRIC_NOUN.search(subject):
                mn = METRIC_NOUN.match(text, direction_end(text, dm, ce))
                if mn:
                    subject += mn.group(0)  # 全球锂资源新增供应 -> 全球锂资源供应
            if subject:
                subject = _IMPACT_WORDS.sub("", subject) or subject
                subject = _SPEAKER_LEAD.sub("", subject) or subject
                subject = _TIME_LEAD_OR_ADVERB_END.sub("", subject) or subject
            if zero:
                mag, unit = 0.0, None
                if subject is None or zero.start() < cut:
                    subject = text[start:zero.start()].strip() or subject
            else:
                if not clause_qs:
                    # 铜价将震荡偏强，沪铜主力合约运行区间为80000—86000元/吨: the range follows
                    send = min(x for x in (ctx.full_stops.first(ce), ctx.line_of(text, ce)[1]) if x >= 0)
                    # the first quantity inside the rest of the sentence with no direction before it
                    # (read lazily: a long sentence of quantities is not listed per clause)
                    after = next((q for q in qs.forwards(ce, send)
                                  if q.end <= send and direction_of(text[ce:q.start]) is None), None)
                    clause_qs = [] if after is None else [after]
                if clause_qs:
                    q = clause_qs[0]
                    mag, mag_max, unit = q.value, q.value_max, q.unit
            ev_start = cs if trend else start  # the trend's own words (这种趋势明年将延续)
            h = horizon
            own_words = text[start:dm] if start < dm else ""
            if kind == "word" and OWN_TIME.search(own_words) and calendar_horizon(own_words, ctx.ref_year, ctx.ref_month) != "unspecified":
                # 短期…，预计硅料今年价格仍处高位: the clause's own year overrides the anchor's bucket
                h = calendar_horizon(own_words, ctx.ref_year, ctx.ref_month)
            elif kind != "word" and CLAUSE_TIME.match(text[start:ce]):
                h = calendar_horizon(text[start:ce], ctx.ref_year, ctx.ref_month)
                h = horizon if h == "unspecified" else h
            elif h == "unspecified":
                # an unanchored call: only its own clause says when (近期已经… earlier in the
                # sentence is the recent past)
                h = calendar_horizon(text[cs if kind == "sentence" else s0 : ce], ctx.ref_year, ctx.ref_month)
                if h == "unspecified" and kind == "sentence":
                    h = topic_horizon(text, cs, ctx)  # 到2030年，全国铝需求总量将新增500万吨
                if h == "unspecified" and kind == "sentence":
                    h = next_clause_horizon(text, ce, ctx)  # …将有所回调，这一变化要到明年才会显现
                if h == "unspecified" and kind == "sentence":
                    h = carried_horizon(text, cs, ctx)  # the paragraph's time goes on into the next sentence
            if h != "long" and reached_only(clause):
                continue  # 全年产量将达到300万吨: an in-year estimate is a projected statistic, not a trend call
            if subject:
                subject = strip_time(subject)
                subject = normal_subject(subject) if subject else None
            if subject and rate_stated:
                subject = GROWTH_RATE.sub("", subject) or subject  # 全球锌需求增速或为3% -> 全球锌需求
            if subject and (ADVERB.fullmatch(subject) or PRONOUN.fullmatch(subject)):
                subject = None  # 有反弹的可能, 这轮下跌…: an adverb or a pronoun, not what the call is about
            if not subject:
                # …，预计明年仍会维持…: the sentence's last subject, else its opening noun phrase
                # the clause just before naming its own quantity comes first (…，但型材受…的影响，可能偏弱运行)
                ss = sentence_start(text, cs)
                subject = ((opening_subject(text, ss, cs, nearest=True) if ss < cs else None) or ctx.subjects.get(ss)
                           or (opening_subject(text, ss, cs) if ss < cs else None))
                if subject and h == "unspecified" and kind == "sentence":
                    h = previous_clause_horizon(text, cs, ctx)  # 2011年X产量将突破…，同比将增长27%: its time too
                own = OWN_METRIC.search(text, dm, ce)
                if subject and own:
                    # …国内锡矿的供应，…，预计今年将继续扩大至新高的产量: the clause's own metric
                    subject = METRIC_NOUN.sub("", subject, count=0) if METRIC_NOUN.search(subject) else subject
                    subject = subject + own.group(1) if len(subject) >= 2 else None
            room = ROOM.search(clause)
            if not subject and room:
                subject = room.group(1) + "空间"  # 还有较大的需求空间 -> 需求空间, as written (rule 3)
            if not subject and PRICE_MOVE.search(clause):
                # 这轮下跌将持续到年底: a rise or fall without a subject is the price of the
                # commodity the text is about
                priced = with_commodity(text, ctx, cs, "价格")
                subject = priced if priced != "价格" else None
            subject = place_object(text, ctx, subject, dm, ce) or subject  # 我国将新增风电装机容量
            sector = bool(prospect and subject and SECTOR_SUBJECT.search(subject))
            if (not sector and not (subject and (AGENT.search(subject) or SENTIMENT.search(subject)))
                    and not (subject and object_span and whole_object(ctx, *object_span))):
                subject = resolve_subject(text, ctx, subject, start, dm, ce)
            if trend:
                subject = trend[0]
            strict = kind == "sentence" or bool(CONSEQUENCE.match(clause))
            # a view verb on a product alone is a call on it as written (卫浴五金或看涨)
            viewed = bool(VIEW_CUE.match(text, dm)) and bool(subject) and not _predicate_words(subject)
            if not subject or AGENT.search(subject) or (strict and not SUBJECT_HEAD.search(subject) and not sector and not viewed):
                continue  # a call must say what it is about (…可能会随时调整)
            ss = sentence_start(text, cs)
            if subject == "市场" and ss < cs:
                # 国内铝材市场受…的共同影响，短期市场或承压: the market named just before
                near = opening_subject(text, ss, cs, nearest=True)
                subject = near if near and near.endswith("市场") else subject
            said = text[start : subj_end.start()].strip() if subj_end else ""  # the words before the modal
            if (SENTIMENT.search(subject) or CURRENCY.fullmatch(subject) or CONDITION_END.search(subject) or CONDITION_END.search(said)
                    or RULE_END.search(SUBJ_END.split(text[start:dm])[0].strip())):
                continue  # 市场情绪将更谨慎: a mood; 美元: a currency; 准入标准将提高: a rule (not market quantities)
            if POLICY.search(subject) or POLICY.search(clause.rstrip(" ”\"）)")) or RELIEF.match(subject):
                continue  # 锂资源收储有望提速, …完善储备体系, 缓解中小冶炼厂压力: policy timing or relief, no market call
            if BARE.fullmatch(subject):
                subject = with_commodity(text, ctx, start, subject)  # 价格面临调整 -> 废铜价格
            subject = owner_of(text, ctx, cs, subject)  # 行业整体的利润 -> 铝行业利润, 该行业的利润 -> 行业利润
            if ctx.subjects.get(ss) == subject and ctx.last_horizon.get(ss) == h:
                continue  # 这轮下跌将持续到年底，预计会再跌10%: one call, one item
            ctx.subjects[ss] = subject
            ctx.last_horizon[ss] = h
            # 国内锌需求及价格有望回升: two metrics of one owner are two calls
            for subj in (subject, _paired(text, ctx, *pair_words, subject)):
                if subj:
                    add_span(doc, "forecasts", ev_start, ce, h, {
                        "text": text[ev_start:ce], "horizon": h, "subject": subj,
                        "direction": direction, "magnitude": mag, "magnitude_max": mag_max, "unit": unit,
                    })
