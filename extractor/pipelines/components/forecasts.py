"""ex_forecasts: what a report expects, by horizon.

Anchors (lexicon and mapping: `extractor/grammars/horizon.py`):
- a horizon word (短期 / 中期 / 长期 / 中长期 / 远期 / 短时间; 中期 after a year is the interim
  period, 今年中期净利润);
- a relative duration (未来一个季度 / 未来三个月 -> short, 未来半年 / 未来一年 -> medium,
  未来两年 / 未来三到五年 -> long);
- a calendar horizon always ahead of the report (明年 -> medium; 年内 / 下半年 -> the rest of
  the year: short from October on, else medium; a quarter or month not yet over, 二季度 /
  持续到9月份); every clause of its scope needs a forward marker.
The scope of a `短期：` label is its paragraph; an inline anchor covers the clause it stands in
(钢材市场下半年难言乐观) and the rest of its sentence, up to the next anchor.

Every other sentence is read clause by clause: a clause with a direction and a forward marker
(将, 预计, 有望, 或, 可能, 必然, 难以, 后期, 存在…压力, 有…空间, 有…的可能 …; data cues in
`data/report_cues.tsv`), or governed by a forecasting verb that opens an earlier clause of its
sentence (预计…，…; not a clause with its own past time), is a call without a horizon of its own:
its own clause's time refines it (2011年, 二季度), else a time-only opening clause (到2015年，…).
Not calls: premises (由于/因…, 在…背景下), conditionals (若/如果/一旦…，…), causes (受…影响 gives
no direction), a qualifier of the call before it (…将继续增长，但增速放缓), the disclaimer and
company blurb (`grammars.text_units.in_excluded`).

- subject: the words between the clause start (after 我们预计 / 分析师认为) and the forward marker
  or the direction, time words removed anywhere (国内主流钢厂7月份出厂价格 -> 国内主流钢厂出厂价格),
  我国 dropped (国内 / 全国 kept), 需求量 -> 需求, X省 -> X, the metric after the verb kept
  (新增供应), the object of a transitive verb after a pronoun or cause (这将减少对冶金焦的需求量,
  降息预期将支撑金价); none (or an adverb / pronoun): the sentence's last subject, else the
  noun phrase of the nearest earlier clause, else for a rise or fall the price of the commodity
  named before; a bare metric (价格, 需求) takes that commodity (价格面临调整 -> 废铜价格).
  An unanchored call must name a market quantity or a commodity (data: forecast_subject).
  A stated growth rate (增速或为8.4%) is a call on the quantity that grows;
- direction: up / down / flat from the lexicon (≈0, 有限, 持平 -> flat); the likelier move
  governs (价格回落的风险将加大 -> down);
- magnitude: the quantity of the clause (5-10% -> 5..10 %), ≈0 -> 0.
One call, one item: clauses of a sentence with the same subject and horizon are one forecast.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from typing import NamedTuple

from spacy.language import Language
from spacy.tokens import Doc


from extractor.grammars.institutions import cues
from extractor.grammars.projection import own_time
from extractor.grammars.horizon import HORIZON_WORDS, RELATIVE_DURATION, calendar_horizon, ended, relative_horizon
from extractor.grammars.regions import region_mentions, short_region
from extractor.grammars.text_units import ByStart, in_excluded
from extractor.pipelines.base import add_span, doc_value, families, records, spans

# one-character cues inside longer words that are no cue (原材料, 饲料, 燃料); a view negated or
# used as a modifier is no view (并不看好, 积极看好的条件)
_GUARD = {"料": (r"(?<![材原饲燃资肥涂塑布预史照物废配香木颜])", ""), "看好": (r"(?<![不未极])", r"(?!的)")}


def _with_cues(kind: str, pattern: str) -> re.Pattern:
    """`pattern` plus the words of one kind of data/report_cues.tsv."""
    words = sorted(cues(kind), key=len, reverse=True)
    return re.compile(pattern + "".join("|" + re.escape(w) for w in words))


# the analyst's buckets (短期：…, 中长期看 …): the label covers its paragraph, inline the sentence
# 中期 after a year is the interim period (今年中期净利润), not a horizon
HORIZON = re.compile(r"(?P<h>中长期|中短期|短中期|短期|(?<![年度])中期(?!业绩|净利|利润|报告|财报|分红|票据|选举)|长期|远期|短时间)(?P<inner>内|来看|而言|看|范围内)?(?P<label>[：:])?")
HMAP = HORIZON_WORDS
# relative horizons (未来一个季度, 未来三到五年 …): forward-looking by themselves, inline anchors
RELATIVE = re.compile(RELATIVE_DURATION.pattern + r"(?:来看|而言|看)?")
# calendar horizons that are always ahead of the report (明年, 年内, 下半年): anchors too, but
# every clause of their scope needs a forward marker (下半年产量增长5% may be a retrospective)
CALENDAR = re.compile(r"(?<![去前上当近多半一二两三四五六七八九十\d年])(?:明年|来年|(?:今年)?(?:年内|年底前|下半年|全年))(?!以来|开始|起)(?:来看|而言|看)?"
                      # a five-year plan's period (“十二五”期间): resolved against the report's year
                      r"|[“\"]?十[一二三四五六]五[”\"]?(?:期间|时期|末|末期)")
FORWARD = re.compile(r"预计|有望|或将|将会|将有|将出现|将进一步|将(?!近|军)|或(?!者|许|多)|可能|料将|(?<![机社学体])会(?!议|计|员|上|谈)"
                     r"|难改|难以扭转|难以改变|难以逆转"
                     # a prospect stated as a noun: 存在回调压力, 有进一步下滑的空间, 有反弹的可能
                     r"|(?:存在|面临|(?<![没不])有)[^，,；;。]{0,8}?(?:压力|风险|空间|可能)"
                     + "".join("|" + _GUARD.get(w, ("", ""))[0] + re.escape(w) + _GUARD.get(w, ("", ""))[1]
                             for w in sorted(cues("forecast_forward"), key=len, reverse=True)))
PERSIST = re.compile(r"难改|难以扭转|难以改变|难以逆转")  # 过剩格局难改: the state persists
UP = _with_cues("forecast_up", r"新增|上移|改善|好转|上升|提高|提升|增加|上涨|走高|反弹|增长|扩大|强化|攀升|飙升|回升|走强|偏强|重估|凸显|加速|集中|支撑(?!位)")
DOWN = _with_cues("forecast_down", r"下移|短缺|过剩|恶化|放缓|减弱|承压|下降|减少|收缩|下跌|回落|走低|下滑|萎缩|降低|走弱|偏弱|下行|缩减|退出")
FLAT = _with_cues("forecast_flat", r"≈\s*0|持平|有限|平稳|稳定|震荡|盘整|不大|甚微|变化不大|区间(?:内)?(?:运行|波动)")
_APPROX_ZERO = re.compile(r"≈\s*0(?![\d.])")
TRANSITIVE = re.compile(r"(凸显|强化|推动|加剧|加速|提升|抬升|支撑)(了)?")
UNSPEC = re.compile(r"预计|有望|或将|料将|或出现|可能出现|后市|展望后期|仍将|将会|也将|还将|将继续|将进一步|可能会|有可能|或会|必然|难以")
# a clause that names its own period (…；2026年全年国内稀土开采指标增速或放缓) within a relative
# or unspecified scope takes that period's horizon
_CLAUSE_TIME = re.compile(r"^\s*(?:(?:19|20)\d{2}\s*年(?:全年|度)?|明年|今年|下半年|年内|[一二三四]季度)")
CLAUSE_SPLIT = re.compile(r"[，,；;。！？!?]")
# in a headline (a line without clause punctuation) a space separates two phrases too
# (废铜有价无市 价格面临调整)
HEADLINE_SPLIT = re.compile(r"[ \u3000]+(?=[\u4e00-\u9fff“])")
_LEAD_JUNK = re.compile(r"^[\s，,：:◆●■▲◇○□·\-—*“”\"]*(但|而|并|且|则|同时|此外|另外|目前|预计|国内相关政策落地后)?[\s，,]*")
_SUBJ_END = re.compile(r"(料(?=为|将|在|会)|可(?=保持|达到?|望|能|以)|能够|(?:存在|面临|有)(?=[^，,；;。]{0,8}?(?:压力|风险|空间|可能))|面临|存在|应该|不会|很难|肯定|不排除|大概率|必然|难以|仍会|有可能|将会|将有|将出现|将进一步|将(?!近|军)|或将|或(?!者|许)|有望|预计|可能|(?<![机社学体协都委])会(?!议|计|员|上|谈|长)|由)")


@Language.factory(
    "ex_forecasts",
    assigns=families("forecasts"),
    requires=[*families("quantities", "excluded_sections", "mineral_mentions", "title"), doc_value("units"),
              doc_value("ref_date")],
)
def make_forecasts(nlp: Language, name: str) -> "Forecasts":
    return Forecasts()


def _direction(clause: str) -> str | None:
    # 价格回落的风险将加大: the likelier move governs, not the growing risk
    clause = _LIKELIER.sub(r"\1", clause).replace("负增长", "下降")
    if _LACK.search(clause) or _FLOOR.search(clause):
        return "flat"  # 钢市上行缺乏坚实的基础, 冷轧板卷的底部支撑力还是存在的: no footing for a move, a floor
    back = _NOT_BACK.search(clause)
    if back:
        return "down" if back.group(1) == "高" else "up"  # 不会回到上半年的高位: it stays lower
    f = FLAT.search(clause)
    if f:
        tail = clause[f.end():]
        if UP.search(tail) and not DOWN.search(tail):
            return "up"  # 震荡偏强
        if DOWN.search(tail) and not UP.search(tail):
            return "down"
        return "flat"
    u, d = UP.search(clause), DOWN.search(clause)
    if u and d:
        return "up" if u.start() > d.start() else "down"  # the last verb governs
    if u:
        return "up"
    if d:
        return "down"
    return None


# a move without a footing: 钢市上行缺乏坚实的基础 (flat, and a judgment on what is ahead)
_LACK = re.compile(r"(?:上行|上涨|反弹|回升|下跌|下行|回落)(?:缺乏|缺少|没有|失去)[^，,；;。]{0,6}?(?:基础|动力|支撑)")
# a floor under a price: 冷轧板卷的底部支撑力还是存在的 (flat, a judgment on what is ahead)
_FLOOR = re.compile(r"的?(?:底部|下方)支撑(?:力|作用)?[^，,；;。]{0,6}?(?:存在|较强|犹在|仍在|依然有效)")
# no return to an earlier level: 不会回到上半年的高位 (down), 难以重回低点 (up)
_NOT_BACK = re.compile(r"(?:不会|难以|很难|难|无法)(?:再)?(?:回到|重回|回归|恢复到)[^，,；;。]{0,12}?([高低])(?:位|点|水平)")


class _Context(NamedTuple):
    """What one call knows about its document (the component is shared between threads)."""

    ref_year: int | None
    ref_month: int | None
    anchors: list[tuple[int, int, str, str, bool]]
    anchor_starts: list[int]
    excluded: list
    subjects: dict  # sentence start -> the subject of its last forecast
    last_horizon: dict  # sentence start -> the horizon of its last forecast
    minerals: ByStart  # mineral and product mentions
    units: object  # the document's TextUnits

    def anchors_starting(self, lo: int, hi: int) -> list[int]:
        """Starts of the anchors with lo <= start < hi."""
        return self.anchor_starts[bisect_left(self.anchor_starts, lo) : bisect_left(self.anchor_starts, hi)]


class Forecasts:
    def __call__(self, doc: Doc) -> Doc:
        text = doc._.text
        ref = doc._.ref_date
        qs = ByStart(records(doc, "quantities"))
        seen: set[tuple[int, int]] = set()
        # per-document state lives in this call, never on the shared component
        anchors = _anchors(text, ref.year, ref.month)
        ctx = _Context(ref.year, ref.month, anchors, [a[0] for a in anchors], records(doc, "excluded_sections"), {}, {},
                       ByStart(records(doc, "mineral_mentions")), doc._.units)
        units = doc._.units
        covered: list[tuple[int, int]] = []
        for a_start, a_end, horizon, kind, label in ctx.anchors:
            ps, pe = units.paragraph(a_start)
            if label:
                scope = (a_end, pe)
            else:
                # an inline anchor covers its whole clause (钢材市场下半年难言乐观) and the rest
                # of its sentence; the time words are dropped from the subject
                end = text.find("。", a_end, pe)
                le = text.find("\n", a_end)
                le = len(text) if le < 0 else le
                if not CLAUSE_SPLIT.search(text, text.rfind("\n", 0, a_start) + 1, le):
                    # a headline's phrases are separate statements (钢材市场下半年难言乐观 长材需求或好于板材)
                    brk = HEADLINE_SPLIT.search(text, a_end, le)
                    end = brk.start() if brk else le
                c0, c1 = units.clause(a_start)
                if _after_subject(text, max(ps, c0), a_start) and kind == "word":
                    end = c1  # 国内的现货铜短期有可能回调…: after its clause's subject the anchor dates that clause only
                scope = (max(ps, c0), end if end >= 0 else pe)
            if kind == "calendar" and _FORECAST_VERB.search(text, max(ps, a_start - 4), a_start):
                kind = "relative"  # 预计四季度全球铜精矿供应减少约20万吨: the verb governs the scope
            covered.append((scope[0], min([scope[1], *ctx.anchors_starting(a_end, scope[1])])))
            self._scope(doc, ctx, text, qs, horizon, scope, kind, seen, anchor=(a_start, a_end))
        # the headline states the piece's call without a marker (焦炭维持区间振荡走势, 钢企迎来高成本时代)
        for sp in spans(doc, "title"):
            self._headline(doc, ctx, text, qs, sp.start_char, sp.end_char, seen)
        # every other sentence: a clause with a forward marker (or governed by the sentence's
        # forecasting verb: 预计…，…) and a direction is a forecast without a horizon of its own
        # (a time expression of the clause or sentence refines it)
        covered.sort()
        starts = [c[0] for c in covered]
        pos = 0
        for stop in [*(m.start() for m in _SENT_STOP.finditer(text)), len(text)]:
            ss, se = pos, stop
            pos = stop + 1
            if se - ss < 4 or not _CANDIDATE.search(text, ss, se):
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

    def _headline(self, doc, ctx: "_Context", text, qs, start: int, end: int, seen) -> None:
        """Each phrase of the title with a direction, no number and no past marker is a call
        (unspecified); phrases with a forward marker are left to the sentence pass."""
        if re.search(r"[：:，,；;【】\[\]|｜]", text[start:end]):
            return  # a report's labelled title (镍月报：…, 【X期货】…周报：…) states no call of its own
        if _PAST.search(text, start, end) or qs.within(start, end):
            return  # news of what happened (…大幅增加 同比增97.3%, 三大钢企下调7月钢价)
        pos = start
        for part in HEADLINE_SPLIT.split(text[start:end]):
            cs = text.index(part, pos, end) if part else pos
            ce = cs + len(part)
            pos = ce
            if (not part.strip() or FORWARD.search(part) or _PAST.search(part) or qs.within(cs, ce)
                    or _direction(part) is None or (cs, ce) in seen):
                continue
            # a headline phrase dated ahead (钢材市场下半年难言乐观) is a call for that period
            ahead = [a for a in ctx.anchors if cs <= a[0] < ce]
            horizon = ahead[0][2] if ahead else "unspecified"
            dm = _first_dir(text, cs, ce)
            subject = _normal_subject(_strip_time(re.sub(r"^[“”\"]*[^“”\"]*[”\"]", "", text[cs:dm]).strip() or text[cs:dm]))
            if not subject or not _SUBJECT_HEAD.search(subject) or _AGENT.search(subject):
                continue
            subject = _priced(text, ctx, cs, subject, part)
            seen.add((cs, ce))
            ctx.subjects[_sentence_start(text, cs)] = subject
            add_span(doc, "forecasts", cs, ce, horizon, {
                "text": text[cs:ce], "horizon": horizon, "subject": subject,
                "direction": _direction(part), "magnitude": None, "magnitude_max": None, "unit": None,
            })

    def _scope(self, doc, ctx: "_Context", text, qs, horizon, scope, kind, seen, anchor=None) -> None:  # noqa: C901
        """`kind`: word (短期：), relative (未来一个季度), calendar (明年), sentence (no
        anchor: every clause needs a forward marker or the sentence's forecasting verb)."""
        s0, e0 = scope
        pos = s0
        first = kind != "sentence"
        prev_taken = False  # the previous clause of the scope was a forecast
        # stop at the next horizon anchor (after the scope's own)
        nxt = ctx.anchors_starting(s0 if anchor is None else anchor[1], e0)
        if nxt:
            e0 = min(nxt)
        ls, le = text.rfind("\n", 0, s0) + 1, text.find("\n", s0)
        headline = not CLAUSE_SPLIT.search(text, ls, le if le >= 0 else len(text))
        for part in (HEADLINE_SPLIT if headline else CLAUSE_SPLIT).split(text[s0:e0]):
            cs = text.index(part, pos, e0 + 1) if part else pos
            ce = cs + len(part)
            pos = ce
            clause = part
            if not clause.strip() or (anchor is not None and _only_anchor(text, cs, ce, anchor)):
                continue  # the anchor's own clause (中期来看，…)
            if in_excluded(ctx.excluded, cs, ce):
                return
            if _CONDITION.match(clause) or _conditional(text, cs):
                continue  # 若沪铅再创新低，下行空间将再度打开: a conditional, not a call
            if ended(_NOT_BACK.sub("", clause), ctx.ref_year, ctx.ref_month):  # 上半年的高位 is a reference level
                prev_taken = False
                continue  # 预计公司2011年上半年净利润同比增长750%以上 (in August): an observation
            if _DONE.search(clause) and not _WILL.search(clause):
                if anchor is not None and cs <= anchor[0] < ce:
                    return  # the anchor's own clause looks back: its scope is no outlook
                prev_taken = False
                continue  # 可能诸位对长期的增长趋势这种比较熟悉了: a state reached, not a call
            if _NEWS.search(clause):
                prev_taken = False
                continue  # 印度出口下滑以及可能提高铁矿石出口税的消息使得…: news reported, not a call
            if _RELIES.search(clause):
                prev_taken = False
                continue  # 今后炼焦煤产量增长仍主要依靠山西: where growth comes from, not which way it goes
            if _ADVICE.match(_strip_time(clause)):
                prev_taken = False
                continue  # 建议保持谨慎: advice to the reader, not a call
            if _PREMISE.match(clause):
                prev_taken = False
                continue  # 由于…, 因现货原料供应有限, 在需求难以提升的背景下: a premise, not a call
            direction = _direction(_CAUSE.sub("", clause))  # 受制造业增速下降的影响: a cause
            if direction is None and _PERSIST_OBJECT.search(clause):
                direction = "flat"  # 难以改变国内钢市“平台期”的特征: the state persists
            rate_stated = direction is None and bool(_GROWTH_RATE.search(clause)) and bool(qs.within(cs, ce))
            if rate_stated:
                direction = "up"  # 全球铜需求增速或为8.4%: a growth rate stated, about the quantity that grows
            forward = (FORWARD.search(clause) or _NO_SUPPORT.search(clause) or _SUPPORTED.search(clause) or _LACK.search(clause) or _FLOOR.search(clause) or (_governed(text, cs) and not own_time(clause))
                       or (prev_taken and _CONSEQUENCE.match(clause)))  # …难以继续高位，从而减少对冶金焦的需求量
            clause_qs = qs.within(cs, ce)
            stated = bool(FLAT.search(clause) or clause_qs)  # 供给冲击≈0 needs no 将
            if direction is None or not (forward or (first and stated and kind != "calendar")):
                first = False
                prev_taken = False
                continue
            first = False
            if prev_taken and PERSIST.search(clause) and not FORWARD.search(PERSIST.sub("", clause)):
                continue  # …新增供应约30万吨，供应过剩格局难以扭转: the same forecast goes on
            if prev_taken and _BARE_METRIC.match(clause):
                continue  # …将继续增长，但增速放缓: the same call, qualified
            prev_taken = True
            if (cs, ce) in seen:
                continue
            seen.add((cs, ce))
            lead = _LEAD_JUNK.match(clause)
            start = cs + (lead.end() if lead else 0)
            sv = _SPEAKER_VERB.match(text, start, ce)
            if sv and sv.end() < _first_dir(text, start, ce):
                start = sv.end()  # ◆我们预计未来三个月氧化镨钕价格…: the call follows the verb
            subj_end = _SUBJ_END.search(text, start, ce)
            dm = _first_dir(text, start, ce)
            clause_qs = [q for q in clause_qs if q.unit not in _DURATION_UNITS]  # 未来三个月
            q0 = min((q.start for q in clause_qs if q.start > start), default=ce)  # 价格在50万—58万元
            cut = min(x for x in (subj_end.start() if subj_end else ce, dm, q0, ce))
            pm = PERSIST.search(text, start, ce)
            if pm and not (subj_end and subj_end.start() < pm.start()):
                cut = pm.start()  # 镍市过剩格局难改: the persisting state is the subject
            subj_raw = text[start:cut]
            cut -= len(subj_raw) - len(re.sub(r"(在|为|于|至)$", "", subj_raw.rstrip()))
            subject = _strip_time(text[start:cut].strip(" ：:，,")) or text[start:cut].strip(" ：:，,") or None
            if subject and "：" in subject:
                # 出口：在…, 化工：成本…: a topic label before the clause's own words
                subject = max(subject.split("："), key=lambda p: (bool(_SUBJECT_HEAD.search(p)), len(p))).strip() or None
            if subject:
                subject = _ENUMERATION.sub(r"\1", re.sub(r"^来自", "", subject))  # before a long subject is cut
            if subject and len(subject) > 20:
                subject = subject[-20:].lstrip("~～-—、，,：: ")
            if subject:
                subject = re.sub(r"^我国", "", subject) or subject  # a short subject (国内, 全国 stay)
                subject = re.sub(r"^我国", "", subject) or subject  # a short subject (国内, 全国 stay)
            if subject and (re.search(r"(?<![A-Za-z\d])\d", subject) or len(subject) < 2 or subject[0] in "的了也"):
                subject = None
            mag = mag_max = unit = None
            zero = _APPROX_ZERO.search(text, cs, ce)
            tv = TRANSITIVE.search(text, start, ce)
            ov = _OBJECT_VERB.match(text, start, ce)
            if ov and (subject is None or _PRONOUN.fullmatch(subject) or _normal_subject(subject) is None):
                # 减少对冶金焦的需求量, 必然抬高企业的用水成本, 看好建筑钢材: the object is the subject
                obj = _SUBJ_END.split(text[ov.end():ce])[0]
                if ov.group(0).endswith(("限制", "抑制")):
                    # 这将限制粗钢产量继续过快增长: what is held back is the quantity, and it falls
                    obj = text[ov.end() : _first_dir(text, ov.end(), ov.end() + len(obj))]
                    direction = "down"
                subject = _normal_subject(re.sub(r"^[对于]+", "", obj).strip()) or subject
            if subject and _ACTOR.search(subject) and _TRANSITIVE_DIR.match(text, dm, ce):
                # 国家发改委将上调天然气出厂价格: an actor moves the price; the call is on the price
                vm = _TRANSITIVE_DIR.match(text, dm, ce)
                obj = _normal_subject(_SUBJ_END.split(text[vm.end() : ce])[0].strip())
                subject = obj if obj and _SUBJECT_HEAD.search(obj) else subject
            cz = _CAUSATIVE.search(text, start, ce)
            if cz and _first_dir(text, cz.end(), ce) < ce:
                # 这可能使建筑钢材的供应进一步增加, 令钢铁产量增速继续放缓: the call is on what is made to move
                obj_end = _first_dir(text, cz.end(), ce)
                obj = _normal_subject(_strip_time(text[cz.end() : obj_end]))
                if obj:
                    subject, direction = obj, _direction(text[cz.end() : ce]) or direction
                    tv = None
            floor = _FLOOR.search(text, start, ce)
            if floor and not _SUPPORTED.search(clause):
                # 冷轧板卷的底部支撑力还是存在的: the call is on what has a floor
                subject, tv = _normal_subject(_strip_time(text[start : floor.start()])) or subject, None
            if tv and not clause_qs:
                obj_end = _first_dir(text, tv.end(), ce)
                se_ = _SUBJ_END.search(text, tv.end(), obj_end)
                obj_end = se_.start() if se_ else obj_end  # 加剧 铜价中枢有望上移
                obj = text[tv.end() : obj_end if obj_end > tv.end() else ce].strip()
                if obj and not re.search(r"中(?:受益|获益|获利)?$", obj):
                    subject = obj  # 降息预期将支撑金价 -> 金价 (not 从…带来的新格局中受益)
            view = _VIEW.search(text, start, ce)
            if view:
                # 李新创依然看好建筑钢材: who holds the view is not what it is about
                obj = _normal_subject(_strip_time(_SUBJ_END.split(text[view.end() : ce])[0]))
                if obj:
                    subject, direction = obj, "down" if view.group(0) != "看好" else "up"
            po = _PERSIST_OBJECT.search(text, start, ce)
            if po:
                # 难改国内钢市“平台期”特征: the call is on whose state persists
                obj = _normal_subject(_strip_time(re.sub(r"[“\"][^”\"]*[”\"]", "", po.group(1))))
                if obj:
                    subject = obj
            sup = _support_object(text, start, ce)
            if sup:
                # 量价均难支撑其盈利的改善, 成本对后期钢价支撑力度有所减弱: the call is on what is (not) held up
                subject, direction = sup
                cut = -1
            if subject and cut == dm and not _METRIC_NOUN.search(subject):
                mn = _METRIC_NOUN.match(text, _dir_end(text, dm, ce))
                if mn:
                    subject += mn.group(0)  # 全球锂资源新增供应 -> 全球锂资源供应
            if subject:
                subject = re.sub(r"^对|的?影响$", "", subject) or subject
                subject = re.sub(r"^[^，,]*?(认为|表示|指出|称)", "", subject) or subject
                subject = re.sub(r"^((未来一段时间|未来|今后|后期)\s*)+|(也|还|仍|都)$", "", subject) or subject
            if zero:
                mag, unit = 0.0, None
                if subject is None or zero.start() < cut:
                    subject = text[start:zero.start()].strip() or subject
            else:
                if not clause_qs:
                    # 铜价将震荡偏强，沪铜主力合约运行区间为80000—86000元/吨: the range follows
                    send = min(x for x in (text.find("。", ce), text.find("\n", ce), len(text)) if x >= 0)
                    clause_qs = [q for q in qs.within(ce, send) if _direction(text[ce:q.start]) is None][:1]
                if clause_qs:
                    q = clause_qs[0]
                    mag, mag_max, unit = q.value, q.value_max, q.unit
            ev_start = start
            h = horizon
            if kind != "word" and _CLAUSE_TIME.match(text[start:ce]):
                h = calendar_horizon(text[start:ce], ctx.ref_year, ctx.ref_month)
                h = horizon if h == "unspecified" else h
            elif h == "unspecified":
                # an unanchored call: only its own clause says when (近期已经… earlier in the
                # sentence is the recent past)
                h = calendar_horizon(text[cs if kind == "sentence" else s0 : ce], ctx.ref_year, ctx.ref_month)
                if h == "unspecified" and kind == "sentence":
                    h = _topic_horizon(text, cs, ctx)  # 到2015年，全国炼焦煤需求总量将新增1.8亿吨
            if subject:
                subject = _strip_time(subject)
                subject = _normal_subject(subject) if subject else None
            if subject and rate_stated:
                subject = _GROWTH_RATE.sub("", subject) or subject  # 全球铜需求增速或为8.4% -> 全球铜需求
            if subject and (_ADVERB.fullmatch(subject) or _PRONOUN.fullmatch(subject)):
                subject = None  # 随时有反弹的可能, 此次下跌…: an adverb or a pronoun, not what the call is about
            if not subject:
                # …，预计下半年会继续维持…: the sentence's last subject, else its opening noun phrase
                # the clause just before naming its own quantity comes first (…，但板材受…的影响，可能弱势运行)
                ss = _sentence_start(text, cs)
                subject = ((_opening_subject(text, ss, cs, nearest=True) if ss < cs else None) or ctx.subjects.get(ss)
                           or (_opening_subject(text, ss, cs) if ss < cs else None))
                own = _OWN_METRIC.search(text, dm, ce)
                if subject and own:
                    # …中国矿产金的供应情况，…，预计今年将会进一步扩大达到创记录的产量: the clause's own metric
                    subject = _METRIC_NOUN.sub("", subject, count=0) if _METRIC_NOUN.search(subject) else subject
                    subject = subject + own.group(1) if len(subject) >= 2 else None
            room = _ROOM.search(clause)
            if not subject and room:
                subject = _with_commodity(text, ctx, cs, room.group(1))  # 还有更大的需求空间 -> 建筑钢材需求
                subject = subject if subject != room.group(1) else None
            if not subject and _PRICE_MOVE.search(clause):
                # 此次下跌将持续到9月份: a rise or fall without a subject is the price of the
                # commodity the text is about
                priced = _with_commodity(text, ctx, cs, "价格")
                subject = priced if priced != "价格" else None
            strict = kind == "sentence" or bool(_CONSEQUENCE.match(clause))
            if not subject or _AGENT.search(subject) or (strict and not _SUBJECT_HEAD.search(subject)):
                continue  # a call must say what it is about (…可能会随时调整)
            ss = _sentence_start(text, cs)
            if subject == "市场" and ss < cs:
                # 国内板材市场在…的双重影响下，短期市场将面临下行压力: the market named just before
                near = _opening_subject(text, ss, cs, nearest=True)
                subject = near if near and near.endswith("市场") else subject
            if _SENTIMENT.search(subject):
                continue  # 市场分歧将加大: a mood, not a market quantity
            if _POLICY.search(subject) or _POLICY.search(clause.rstrip(" ”\"）)")) or _RELIEF.match(subject):
                continue  # 稀土储备启动有望加速, …加大储备体系建设, 缓解民营油站压力: policy timing or relief, no market call
            if _BARE.fullmatch(subject):
                subject = _with_commodity(text, ctx, start, subject)  # 价格面临调整 -> 废铜价格
            subject = _owner(text, ctx, cs, subject)  # 行业整体的盈利 -> 钢铁行业盈利, 全省 -> 山西
            if ctx.subjects.get(ss) == subject and ctx.last_horizon.get(ss) == h:
                continue  # 此次下跌将持续到9月份，预计会再跌20%-25%: one call, one item
            ctx.subjects[ss] = subject
            ctx.last_horizon[ss] = h
            add_span(doc, "forecasts", ev_start, ce, h, {
                "text": text[ev_start:ce], "horizon": h, "subject": subject,
                "direction": direction, "magnitude": mag, "magnitude_max": mag_max, "unit": unit,
            })


_TIME_WORDS = re.compile(r"^(?:(?:19|20)\d{2}\s*年(?:度)?|全年|明年|今年|下半年|年内|[一二三四]季度|下周|下月|近期|未来一段时间|后市|"
                         + RELATIVE_DURATION.pattern + r"|未来)+")


def _after_subject(text: str, cs: int, a_start: int) -> bool:
    """True when the anchor at `a_start` follows its clause's own subject (现货铜短期…), not a
    speaker or a topic (笔者认为，短期内…; 对于短期市场)."""
    lead = _LEAD_JUNK.match(text, cs, a_start)
    start = lead.end() if lead else cs
    sv = _SPEAKER_VERB.match(text, start, a_start)
    pre = text[sv.end() if sv else start : a_start]
    return bool(pre.strip()) and not re.search(r"(?:对于|对|从|在|就)\s*$", pre) and bool(_SUBJECT_HEAD.search(pre))


def _anchors(text: str, ref_year: int | None, ref_month: int | None) -> list[tuple[int, int, str, str, bool]]:
    """Every horizon anchor, (start, end, horizon, kind, is_label), without overlaps."""
    found = []
    for m in HORIZON.finditer(text):
        found.append((m.start(), m.end(), HMAP[m.group("h")], "word", bool(m.group("label"))))
    for m in RELATIVE.finditer(text):
        h = relative_horizon(m.group(0))
        if h != "unspecified":
            found.append((m.start(), m.end(), h, "relative", False))
    for m in CALENDAR.finditer(text):
        h = calendar_horizon(m.group(0), ref_year, ref_month)
        if h != "unspecified":
            found.append((m.start(), m.end(), h, "calendar", False))
    if ref_month:
        # a quarter or month of this year that has not ended (二季度 in May, 7月份 in June):
        # ahead of the report, short when it ends within three months
        for m in _PERIOD_AHEAD.finditer(text):
            last = 3 * _CN_Q[m.group("q")] if m.group("q") else int(m.group("m"))
            if ref_month <= last <= 12:
                found.append((m.start(), m.end(), "short" if last - ref_month <= 3 else "medium", "calendar", False))
    found.sort(key=lambda a: (a[0], -(a[1] - a[0])))
    out: list[tuple[int, int, str, str, bool]] = []
    for a in found:
        if out and a[0] < out[-1][1]:
            continue
        out.append(a)
    return out


_SUBJ_LEAD = re.compile(r"^(?:[一二三四五六七八九十两]大|(?:我们)?(?:看一下|谈一下)|首先|其次|(?:在)?一定程度上?|来自|料|意味着|预示着|说明|表明|显示|使得|让|使|令|在|因此|所以|从而|而且|并且|尤其是|特别是|这将|这|其|则|也|还|仍|对于|随着|而|但|是)+")
# adverbs and particles a subject does not end with (钢铁行业整体盈利同比继续, 矿价难以大幅, 大宗商品的)
_SUBJ_TAIL = re.compile(r"(?:(?:再|又)?蒙上?|过快|过度|较快|快速|来讲|来说|而言|情况|不断|一路|再度|跌势|涨势|高位|低位|的?局面|的?态势|同比|环比|继续|进一步|大幅|逐步|持续|仍然|依然|也|还|仍|都|将|会|的|了)+$")
_SUBJ_OF = re.compile(r"(?<=[\u4e00-\u9fffA-Za-z0-9])的(?=[\u4e00-\u9fff])")


_METRIC_SUFFIX = re.compile(r"(需求)(?:总量|量)")


def _short_province(subject: str) -> str:
    """山西省炼焦煤产量 -> 山西炼焦煤产量 (the region gazetteer's short name)."""
    ms = [m for m in region_mentions(subject) if m.start == 0 and m.surface.endswith("省")]
    return short_region(ms[0].canonical) + subject[ms[0].end:] if ms else subject
_SUBJ_WHOLE = re.compile(r"整体|总体|全部|整个")  # 钢铁行业整体盈利 -> 钢铁行业盈利
_DESCRIPTIVE = re.compile(r"^[^的]*?(?:处于|位于|原本|本来|比较|较为|相对|十分|非常|已经|正在)[^的]{0,10}的(?=[\u4e00-\u9fffA-Za-z]{2})")
# sectors listed before the quantity (…等行业的铜需求): the quantity is the call's, the list its source
_ENUMERATION = re.compile(r"^(中国|国内|全球|全国|海外|国外|欧美|美国|欧洲|日本|印度)?[^的]*?等等?(?:一些|多个|各|主要)?(?:行业|领域|部门|产业)")
_OVERSUPPLY = re.compile(r"总?供[给应]大于总?需求?")
_SECTOR_DEMAND = re.compile(r"(?<=\S{2})行业(?=需求|供应|供给|产量|价格)")
_PRICE_EXPECT = re.compile(r"(?:调价|涨价|提价|降价)预期$")
_TIME_ONLY = re.compile(r"后期|后市|未来|今后|近期|目前|当前|届时")


def _normal_subject(subject: str) -> str | None:
    """A short subject: connectives dropped (因此焦炭需求增速 -> 焦炭需求增速), the
    connective 的 between nouns dropped (炼焦煤的需求 -> 炼焦煤需求), a metric's 量 / 总量
    (需求量 -> 需求), a province's 省 (山西省 -> 山西)."""
    if "：" in subject:  # 出口：在…, 化工：成本…: a topic label and the clause's own words
        subject = max(subject.split("："), key=lambda p: (bool(_SUBJECT_HEAD.search(p)), len(p)))
    subject = re.sub(r"^.*[涨跌降升]\S{0,2}的(?!风险|可能|概率|压力|空间|趋势)", "", subject) or subject  # 持续下跌的组件价格 -> 组件价格
    # a descriptive clause before 的 qualifies the head (处于需求淡季的铜价 -> 铜价,
    # 原本就比较清淡的钢市采购 -> 钢市采购)
    subject = _DESCRIPTIVE.sub("", subject) or subject
    if "了" in subject[:-1]:
        return None  # 抵消了需求: a predicate, not a subject
    out = _SUBJ_OF.sub("", _SUBJ_TAIL.sub("", _SUBJ_LEAD.sub("", re.sub(r"[“”\"‘’]", "", subject)))).strip()
    out = _METRIC_SUFFIX.sub(r"\1", out)
    out = _short_province(out)
    out = _SUBJ_WHOLE.sub("", out) if len(_SUBJ_WHOLE.sub("", out)) >= 2 else out
    out = _ENUMERATION.sub(r"\1", out)  # 中国电力、建筑业、耐用品等等一些行业铜需求 -> 中国铜需求
    out = _OVERSUPPLY.sub("供过于求", out)  # 总供给大于总需求 -> 供过于求
    out = _SECTOR_DEMAND.sub("", out)  # 水泥行业需求 -> 水泥需求: demand is for the product, profit the sector's
    out = _PRICE_EXPECT.sub("价格", out)  # 资源产品调价预期 -> 资源产品价格: an expected price move is a call on the price
    if _TIME_ONLY.fullmatch(out) or out[:1] in ("的", "了"):
        return None  # 后期可能会随时调整: a time, not a subject
    return out if len(out) >= 2 else None


_FORECAST_VERB = re.compile(r"(?:预计|预期|估计|预测|料)\s*$")
_CN_Q = {"一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4}
# 二季度, 7月份 without a year (a dated one is resolved by calendar_horizon), not in a range
# (二、三季度) nor a date (7月5日) nor a span (1—4月)
_PERIOD_AHEAD = re.compile(r"(?<![\d年、—\-上下])(?<!\d至)(?<!\d到)(?<!月至)(?<!月到)(?:第?(?P<q>[一二三四1-4])季度|(?P<m>1[0-2]|[1-9])月份?(?![\d日底初中]))"
                           r"(?!以来|开始|起|来|的)")


# a call is about a market quantity: a price, volume, cost, profit, stock or market
_SUBJECT_HEAD = _with_cues("forecast_subject", r"价|需求|供应|供给|产量|产能|成本|利润|盈利|毛利|库存|进口|出口|消费|市场|市|行情"
                           r"|走势|缺口|指数|运力|增速|开工|销量|销售|依存度|过剩|供过于求|配额|指标|费用|收入|业绩|开采|生产")
# who speaks and the forecasting verb before the call (我们预计, 分析师认为, 邱跃成预计)
_SPEAKER_VERB = re.compile(r"[^，,。；;]{0,12}?(?:预计|预期|估计|预测|认为|表示|指出|坦言|称)")
_SPEAKER_END = re.compile(r"(?:预计|预期|估计|预测|认为|表示|指出|坦言|称|(?<!来)说|介绍|透露)\s*$")
_DURATION_UNITS = {"个月", "月", "年", "周", "季度", "个季度", "天", "日"}
_SENT_STOP = re.compile(r"[。！？!?\n]")
# a sentence worth reading: a forward marker or a forecasting verb somewhere in it
_CANDIDATE = re.compile(FORWARD.pattern + r"|预期|估计|预测|展望|(?:难以?|不能|无法|不足以|很难)(?:支撑|带动|提振|拉动)|支撑(?!位)|" + _LACK.pattern + "|" + _FLOOR.pattern)
# a forecasting verb that opens a clause governs the rest of its sentence (预计…，…)
_GOVERNING = re.compile(r"(?:^|[，,；;：:])\s*(?:我们|笔者|市场|业内|分析师|机构)?\s*(?:预计|预期|估计|预测)")


_TIME_TOPIC = re.compile(r"^\s*(?:我们)?(?:预计|预期|估计|预测)?\s*(?:到|至|在|截至)?\s*(?:(?:19|20)\d{2}\s*年(?:底|末|全年)?|明年|今年|下半年|年内|届时|未来\S{0,4}年|今后\S{0,4}年)\s*$")


def _topic_horizon(text: str, cs: int, ctx: "_Context") -> str:
    """The horizon of a clause that is only a time (到2015年，…) opening the sentence of `cs`."""
    ss = _sentence_start(text, cs)
    for part in CLAUSE_SPLIT.split(text[ss:cs]):
        if _TIME_TOPIC.match(part):
            return calendar_horizon(part, ctx.ref_year, ctx.ref_month)
    return "unspecified"


# a subject that is only a metric (价格, 需求) takes the commodity named last before it
_BARE = re.compile(r"价格|价|需求|供应|供给|产量|成本|利润|盈利|毛利率?|库存|消费|进口|出口|供过于求")


# a paragraph opening with a short topic label (水泥：…, 化工：…) is about that topic
_TOPIC_LABEL = re.compile(r"\s*([\u4e00-\u9fff]{1,4})[：:]")


_EITHER = re.compile(r"^无论是?(?P<a>.+?)还是(?P<b>.+)$")


def _either(raw: str) -> str:
    """无论是居民用水还是工业用水价格 -> 用水价格: what both alternatives share, with the metric."""
    m = _EITHER.match(raw)
    if not m:
        return raw
    a, b = m.group("a").rstrip("的"), m.group("b")
    metric = _METRIC_NOUN.search(b)
    stem = b[: metric.start()].rstrip("的") if metric else b
    k = 0
    while k < min(len(a), len(stem)) and a[-1 - k] == stem[-1 - k]:
        k += 1
    shared = stem[len(stem) - k :] if k >= 2 else stem
    return shared + (b[metric.start() :] if metric else "")


# a sector word with no sector (行业整体的盈利) and a province named as 全省
_SECTOR = re.compile(r"([\u4e00-\u9fff]{2})(?=行业)")


def _owner(text: str, ctx: "_Context", pos: int, subject: str) -> str:
    """A subject opening with 行业 takes the sector named last before it in its paragraph
    (钢铁行业正处于微利时代，…，行业整体的盈利… -> 钢铁行业盈利); 全省 takes the province named last."""
    para = ctx.units.paragraph(pos)
    lo = para[0] if para else _sentence_start(text, pos)
    if subject.startswith("行业"):
        sectors = _SECTOR.findall(text, lo, pos)
        return sectors[-1] + subject if sectors else subject
    if subject.startswith("全省"):
        provinces = [m for m in region_mentions(text[lo:pos]) if m.kind == "province"]
        return short_region(provinces[-1].canonical) + subject[2:] if provinces else subject
    return subject


_PRICE_BEHAVIOUR = re.compile(r"走势|振荡|震荡|区间|盘整")


def _priced(text: str, ctx: "_Context", cs: int, subject: str, clause: str) -> str:
    """焦炭维持区间振荡走势 -> 焦炭价格: a commodity alone whose behaviour is a price's."""
    m = ctx.minerals.backwards(cs, cs + len(subject) + 1)
    names = {text[x.start : x.end] for x in m}
    if subject in names and _PRICE_BEHAVIOUR.search(clause):
        return subject + ("价" if len(subject) == 1 else "价格")
    return subject


def _with_commodity(text: str, ctx: "_Context", pos: int, subject: str) -> str:
    """价格 -> 废铜价格: the last commodity mentioned before `pos` in its sentence, else its
    paragraph (none: the bare metric stays)."""
    ss = _sentence_start(text, pos)
    label = _TOPIC_LABEL.match(text, text.rfind("\n", 0, pos) + 1)
    if label:
        return label.group(1) + subject  # 水泥：未来需求堪忧 -> 水泥需求
    para = ctx.units.paragraph(pos)
    for lo in (ss, para[0] if para else ss):
        for m in ctx.minerals.backwards(lo, pos):
            name = text[m.start : m.end]
            return name + ("价" if subject == "价格" and len(name) == 1 else subject)  # 铅 + 价格 -> 铅价
    return subject


def _only_anchor(text: str, cs: int, ce: int, anchor: tuple[int, int]) -> bool:
    """True when the clause is its anchor alone (中期来看，…; 从中期来看，…)."""
    a0, a1 = anchor
    if not (cs <= a0 and a1 <= ce):
        return False
    return bool(re.fullmatch(r"\s*(?:从|就|在|对于?)?\s*(?:来看|而言|看|内|上)?\s*", text[cs:a0] + text[a1:ce]))


# a condition; 如果我们来看… only opens a topic (如果我们来看央行的黄金协议，…)
_CONDITION = re.compile(r"^\s*(?:若|如果|假如|倘若|一旦|只要|万一|要是)(?!\s*(?:我们|大家|你)?\s*(?:来|再)?(?:看|观察|考察|比较|对比|回顾))")


def _conditional(text: str, cs: int) -> bool:
    """True when an earlier clause of the sentence holding `cs` is a condition (若…，…)."""
    ss = _sentence_start(text, cs)
    return any(_CONDITION.match(p) for p in CLAUSE_SPLIT.split(text[ss:cs]))


def _sentence_start(text: str, pos: int) -> int:
    return max(text.rfind(c, 0, pos) for c in "。！？!?\n") + 1


def _governed(text: str, cs: int) -> bool:
    """True when an earlier clause of the sentence holding `cs` opens with a forecasting verb."""
    return bool(_GOVERNING.search(text[_sentence_start(text, cs) : cs]))


# time expressions anywhere in a subject (钢材市场下半年 -> 钢材市场, 国内主流钢厂7月份出厂价格)
_TIME_ANY = re.compile(r"(?:[“‘]?十[一二三四五六]五[”’]?(?:规划中|规划|期间|末|时期)?|(?:19|20)\d{2}\s*(?:[~～\-—－至到]\s*(?:19|20)?\d{2,4}\s*)?年(?:全年|度)?|(?:今年|明年|来年)?(?:下半年|上半年|年内|年底)|今年|明年|来年"
                       r"|第?[一二三四1-4]季度|(?<!\d)(?:1[0-2]|[1-9])月份?|" + RELATIVE_DURATION.pattern
                       + r"|中长期|中短期|短中期|短期内|短时间内|短期|中期|长期|远期|近期|后期|后市|今后|以后|未来一段时间|未来|届时)"
                       r"(?:来看|而言|看)?")


def _strip_time(subject: str) -> str:
    return _TIME_ANY.sub("", subject).strip(" ，,：:") 


# the quantity a call is about, when it follows its verb (新增供应, 增加产量)
_METRIC_NOUN = re.compile(r"供应|需求|产量|产能|库存|进口|出口|消费|成本|利润|价格")


def _dir_end(text: str, s: int, e: int) -> int:
    """The end of the direction word starting at `s`."""
    for pat in (UP, DOWN, FLAT):
        m = pat.match(text, s, e)
        if m:
            return m.end()
    return s


# a clause that opens with a transitive direction verb (after a pronoun or modal) has its subject
# as the verb's object
_OBJECT_VERB = re.compile(r"(?:从而|因此|进而|这|其|此|并|也|还|将|会|必然|可能|进一步|依然|继续|对)*"
                          r"(?:减少|降低|增加|抬高|提高|限制|抑制|看好|看空|看淡|压缩|推高|拉低|拉动)")
# a premise clause: a cause or a background condition
_PREMISE = re.compile(r"^\s*(?:由于|因为|因(?!此|而)|鉴于|(?:再)?加上|在[^，,；;]{0,20}(?:背景|情况|前提|条件)下\s*$"
                      r"|在[^，,；;]{0,20}(?:之前|以前|之后|以后|期间)\s*$)")
_DONE = re.compile(r"了[”\"’]?\s*$")
_WILL = re.compile(r"将|(?<![机社学体])会(?!议|计|员)|预计|有望")
_POLICY = re.compile(r"(?:启动|建设|实施|出台|推进|落地|改革|试点|工作)$")
_RELIEF = re.compile(r"缓解|减轻|化解|消除")
_SENTIMENT = re.compile(r"(?:分歧|情绪|信心|心态|心理|气氛|氛围)$")
_NEWS = re.compile(r"的(?:消息|传闻|报道|说法)(?:使得|使|令|让|传出|一出)")
_RELIES = re.compile(r"(?:主要|仍|还|将)?(?:依靠|依赖|取决于|来自于)")
_ADVICE = re.compile(r"^\s*(?:但|而|并|因此|所以)?\s*(?:建议|投资者(?:可|应|宜)|宜|不宜)")
_CAUSE = re.compile(r"受[^，,；;]{0,20}?(?:的)?影响")
_LIKELIER = re.compile(r"(\S{2})(?:的(?:风险|可能性?|概率)|风险|可能性|概率)[^，,；;]{0,4}?(?:将|会)?(?:加大|增大|增加|上升|提高|较大|很大|大)")
_BARE_METRIC = re.compile(r"^\s*(?:但|而|不过|只是)?\s*(?:其)?(?:增速|增幅|涨幅|跌幅|速度|幅度|节奏)")
_PRICE_MOVE = re.compile(r"上涨|下跌|下挫|回落|反弹|走高|走低|涨|跌")
_GROWTH_RATE = re.compile(r"增速|增长率|增幅|涨幅")
# who acts is not what a call is about (采购中国氧化铝的国外买家将要求…)
_AGENT = re.compile(r"(?:买家|卖家|企业|企|厂商|厂家|公司|商|者|人士|机构|部门|政府|基地)$")
# a headline about what has happened (上半年铁矿石涨4成, 同比增97.3%, 全线跳水 …了)
_PAST = re.compile(r"了|已|曾|上半年|前\S?[个]?月|同比|环比|首次|首现|创|以来|去年|昨日|今日|日前|近日|本周|上周|跳水|暴涨|暴跌|大跌|大涨")
_CONSEQUENCE = re.compile(r"\s*(?:从而|进而|因此|因而|这将|并将|进一步)")
_ACTOR = re.compile(r"(?:委|部|局|署|政府|公司|集团|企业|厂|钢|企)$")
_TRANSITIVE_DIR = re.compile(r"上调|下调|提高|降低|调高|调低|提价|降价")
_CAUSATIVE = re.compile(r"(?<![即假促迫致])(?:使得|使|令)(?!用|命|人|其|得以)")
_ADVERB = re.compile(r"随时|届时|同时|此时|当时|目前|眼下|一旦|随后|之后|此后|最终只?|最后只?|终将|只")
_PRONOUN = re.compile(r"这|其|此|该|此次|这些|它")


def _opening_subject(text: str, ss: int, cs: int, nearest: bool = False) -> str | None:
    """The noun phrase that opens the nearest earlier clause of the sentence naming a market
    quantity (国际原油价格很难出现连续的重挫，随时有反弹的可能 -> 国际原油价格)."""
    bounds, pos = [], ss
    for part in CLAUSE_SPLIT.split(text[ss:cs]):
        bounds.append((pos, pos + len(part)))
        pos += len(part) + 1
    bounds = [b for b in bounds if text[b[0] : b[1]].strip()]
    for start, end in reversed(bounds[-1:] if nearest else bounds):
        cand = _clause_noun(text, start, min(end, cs))
        if cand:
            return cand
    return None


def _clause_noun(text: str, start: int, end: int) -> str | None:
    if _SPEAKER_END.search(text[start:end]) or _PREMISE.match(text[start:end]):
        return None  # 江苏省稀土学会理事王仲山预计，…: who speaks, not what about; 在…之前: a premise
    lead = _LEAD_JUNK.match(text, start, end)
    start = lead.end() if lead else start
    sv = _SPEAKER_VERB.match(text, start, end)
    if sv and sv.end() < _first_dir(text, start, end):
        start = sv.end()
    under = _UNDER.search(text, start, end)
    end = under.start() if under else end  # 国内钢价在多方因素交织影响下: the circumstance is no part of it
    verb = _SUBJ_END.search(text, start, end)
    cause = _CAUSE.search(text, start, end)
    stop = min(_first_dir(text, start, end), verb.start() if verb else end, cause.start() if cause else end)
    if stop <= start:
        return None
    raw = re.sub(r"^(?:对于|对)|来说$", "", text[start:stop].strip())
    raw = _either(raw)  # 无论是居民用水还是工业用水价格 -> 用水价格
    cand = _normal_subject(_strip_time(raw)) if raw else None
    return cand if cand and _SUBJECT_HEAD.search(cand) and len(cand) <= 12 else None


# what holds a market quantity up: 难支撑其盈利的改善 (not held: down), 对未来炼焦煤的价格形成有力支撑 (up)
_NO_SUPPORT = re.compile(r"(?:难以?|不能|无法|不足以|很难)(?:支撑|带动|提振|拉动)")
_SUPPORTED = re.compile(r"(?:对|为)([^，,；;。对为]{2,14}?)(?:的)?(?:(?:形成|提供)[^，,；;。]{0,4})?支撑(?!位)")
# what eats into a quantity: 成本上涨将侵蚀盈利, 成本上涨对其利润侵蚀的问题 (down)
# a state that will not change, named after the verb: 难以改变国内钢市“平台期”的特征
_PERSIST_OBJECT = re.compile(r"(?:难改|难以改变|难以扭转|难以逆转|不会改变)([^，,；;。]{2,24}?)的?(?:特征|格局|态势|局面|状态|特点|趋势)")
_VIEW = re.compile(r"(?<![不未极])(?:看好|看空|看淡)(?!的)")
_ERODE_VERBS = ("侵蚀", "挤压", "蚕食")
_ERODE = re.compile("|".join(_ERODE_VERBS))
_ERODE_BEFORE = re.compile(r"对([^，,；;。对]{2,10}?)(?:的)?(?:构成|形成|造成)?(?:" + "|".join(_ERODE_VERBS) + ")")
_MORE = re.compile(r"^(?:更多|更大|更高|进一步)")


def _support_object(text: str, start: int, end: int) -> tuple[str, str] | None:
    """(subject, direction) of a clause about what holds a quantity up, else None."""
    m = _NO_SUPPORT.search(text, start, end) or _ERODE.search(text, start, end)
    if m and m.group(0)[-2:] in _ERODE_VERBS and _ERODE_BEFORE.search(text, start, m.end()):
        m = _ERODE_BEFORE.search(text, start, m.end())  # 成本上涨对其利润侵蚀: the object is before
        raw, direction = m.group(1), "down"
    elif m:
        stop = _first_dir(text, m.end(), end)
        raw, direction = text[m.end() : stop], "down"
    else:
        m = _SUPPORTED.search(text, start, end)
        if not m:
            return None
        tail = text[m.end() : end]
        raw = text[m.start(1) : _first_dir(text, m.start(1), m.end(1))]  # 为钢价的进一步上涨提供…支撑 -> 钢价
        direction = "down" if DOWN.search(tail) and not UP.search(tail) else "up"
    raw = _MORE.sub("", raw.strip().rstrip("的"))
    if raw.startswith("其"):
        # 其 stands for the clause's own subject: its noun phrase up to the sector word
        owner = re.match(r"^[\u4e00-\u9fff]{1,8}?(?:行业|企业|市场|板块)", text[start : m.start()])
        raw = (owner.group(0) if owner else "") + raw[1:]
    obj = _normal_subject(_strip_time(raw))
    return (obj, direction) if obj and _SUBJECT_HEAD.search(obj) else None


_ROOM = re.compile(r"有[^，,；;。]{0,6}?(需求|供应|消费|进口|出口)空间")
_OWN_METRIC = re.compile(r"的(供应|需求|产量|产能|库存|进口|出口|消费|成本|利润|价格)\s*$")
_UNDER = re.compile(r"(?<=[\u4e00-\u9fffA-Za-z]{2})在[^，,；;。]*?(?:之?下|之?中)\s*$")
_PROSPECT_NOUN = re.compile(r"风险|可能|概率|压力|空间|趋势")


def _first_dir(text: str, s: int, e: int) -> int:
    """The start of the first direction word in [s, e) that is a verb, not a modifier
    (持续下跌的组件价格有望企稳: 下跌的 qualifies the subject)."""
    best = e
    for pat in (UP, DOWN, FLAT):
        for m in pat.finditer(text, s, e):
            if text.startswith("的", m.end()) and m.end() + 1 < e and not _PROSPECT_NOUN.match(text, m.end() + 1):
                continue
            if m.start() < best:
                best = m.start()
            break
    return best
