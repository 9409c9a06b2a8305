"""Grammar of 发文字号 (document numbers) and their GB/T 9704-2012 normal form.

Three families are recognised (see ../shared/reference/doc_number_prefixes.tsv):

- standard:     <机关代字>〔YYYY〕N号      工信部联原〔2025〕62号
  written in the wild with any year bracket (〔〕 （） () [] 【】 ﹝﹞ ［］ 〈〉),
  spaces or a line break around the parts (工信部联原 ﹝2022﹞ 90号,
  自然资规〔2023〕6 号, 国能监管 〔2016〕39号), full-width digits, a stray 第
  or leading zeros in the serial. All normalise to <代字>〔YYYY〕N号.
- order:        <机关>令第N号 / <机关>令YYYY年第N号   国务院令第253号,
  国家发展改革委令2024年第17号 (no year bracket; normal form keeps 第); the serial
  may be a Chinese numeral, kept as written, and sit in brackets that the normal
  form drops: 中华人民共和国主席令（第三十一号） -> 中华人民共和国主席令第三十一号.
- announcement: [<机关>]公告YYYY年第N号   国家能源局公告2021年第9号, 公告 2026年 第42号.
- other:        the pre-standard (87)署税字第37号 (2-digit year, 字, 第), kept as
  written with ASCII brackets and no spaces; year 1987; the same order with a
  4-digit year (〔1996〕X司字第82号) keeps 〔〕 like the standard form.

Not document numbers: standards (GB/T 9704-2012, NB/T 11177—2023), dates,
bare years in brackets (〔2025〕 without a serial and 号), index numbers.

`find_numbers(text)` returns every number in a text with its offsets;
`parse(s)` parses one string (the whole string must be a number) and is what
`EXAMPLES` exercises.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

from extractor.gazetteers import doc_type_pattern
from extractor.grammars.numerals import cn_to_number

OPEN = "〔（(\\[【﹝［〈"
CLOSE = "〕）)\\]】﹞］〉"
_FW_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
_D = "[0-9０-９]"
_CJK = "\u4e00-\u9fff"
# horizontal space, or one line break with optional horizontal space around it
_SP = r"[ \t\u3000\u00a0]*(?:\n[ \t\u3000\u00a0]*)?"

# Each family is found by its tail (bracketed year + serial 号, 令…第N号, 公告YYYY年第N号);
# the organ is then read backwards from the tail in a bounded window, so the
# search stays linear in the length of the text.
# 机关代字: CJK characters (the organ code never holds punctuation or digits).
STANDARD_TAIL = re.compile(
    rf"[{OPEN}]{_SP}(?P<year>(?:19|20|２０|１９){_D}{{2}}){_SP}[{CLOSE}]"
    rf"{_SP}(?:第{_SP})?(?P<serial>{_D}{{1,6}}){_SP}号"
)
# an order's serial may be a Chinese numeral and sit in brackets: 主席令（第八十一号）
_CN_SERIAL = "[一二三四五六七八九十百零〇]{1,8}"
ORDER_TAIL = re.compile(
    rf"令{_SP}(?:(?P<year>(?:19|20){_D}{{2}}){_SP}年{_SP})?(?P<ob>[（(]{_SP})?第{_SP}"
    rf"(?P<serial>{_D}{{1,5}}|{_CN_SERIAL}){_SP}号(?(ob){_SP}[）)])"
)
ANNOUNCEMENT_TAIL = re.compile(
    rf"公告{_SP}(?P<year>(?:19|20){_D}{{2}}){_SP}年{_SP}第{_SP}(?P<serial>{_D}{{1,5}}){_SP}号"
)
# joint organs may be separated by spaces: 商务部 海关总署公告2025年第18号
_ORGANS = rf"[{_CJK}、]{{1,24}}(?:[ \u3000]{{1,2}}[{_CJK}、]{{2,24}}){{0,6}}"
_ORGAN_BEFORE = {
    "standard": (re.compile(rf"(?P<organ>[{_CJK}]{{1,14}}){_SP}\Z"), 40),
    "order": (re.compile(rf"(?P<organ>{_ORGANS})\Z"), 200),
    "announcement": (re.compile(rf"(?P<organ>{_ORGANS}){_SP}\Z"), 200),
}
_TAILS = (("announcement", ANNOUNCEMENT_TAIL), ("order", ORDER_TAIL), ("standard", STANDARD_TAIL))
# pre-standard (before GB/T 9704): (87)署税字第37号 — a 2-digit year first, 字 and 第;
# the same order with a 4-digit year in any year bracket: 〔1998〕鄂劳字第47号
OLD_RE = re.compile(
    rf"(?:[（(]{_SP}(?P<yy>{_D}{{2}}){_SP}[）)]|[{OPEN}]{_SP}(?P<year>(?:19|20){_D}{{2}}){_SP}[{CLOSE}])"
    rf"{_SP}(?P<organ>[{_CJK}]{{1,10}}?){_SP}(?P<zi>字)?{_SP}第{_SP}(?P<serial>{_D}{{1,5}}){_SP}号"
)

# Words that end the text before an organ code: the code starts after the last one.
_BOUNDARY = re.compile(
    r".*(?:印发|转发|发布|公布|根据|依据|按照|执行|落实|参照|详见|见|即|和|与|及|或|的|为|是|以|在|将|对|由|并|按|仍|于|如|凡|请|号|、)"
)
# Names that hold a boundary character (和, 与 …) and must not be cut.
_PROTECTED = re.compile(
    r"中华人民共和国|工业和信息化|发展和改革|住房和城乡|人力资源和社会|文化和旅游|卫生和计划|科学技术和|生态环境和"
)
_TITLE_WORD = re.compile(doc_type_pattern("organ_tail"))
# An organ of a 令 / 公告 ends with one of these characters.
_ORGAN_END = "院委部局署会厅行办府室处社席"  # 席: 主席令
# Organs that are never part of a standard 代字 (sentence words glued in front).
_STOPWORDS = ("文件", "通知", "文号", "字号", "编号")


@dataclass(frozen=True)
class DocNumberParse:
    text: str
    start: int
    end: int
    normalized: str
    organ_code: str | None
    year: int | None
    serial: int | None
    family: str  # standard | order | announcement | other


def _digits(s: str) -> str:
    return re.sub(r"\s+", "", s.translate(_FW_DIGITS))


def _squeeze(s: str) -> str:
    return re.sub(r"\s+", "", s)


def _trim_organ(organ: str, family: str) -> tuple[str, int]:
    """Cut sentence words glued in front of the organ; return (organ, chars cut)."""
    cut = 0
    masked = _PROTECTED.sub(lambda m: "X" * len(m.group(0)), organ)
    m = _BOUNDARY.match(masked)
    if m and m.end() < len(organ):
        cut = m.end()
    # the stop word check: 国家能源局文件国能发… -> 国能发…
    for w in _STOPWORDS:
        i = organ.rfind(w, cut)
        if i >= 0 and i + len(w) < len(organ):
            cut = i + len(w)
    # a title glued before the number: …工作的函自然资办函〔2025〕2105号
    if cut and masked[cut - 1] == "的":
        t = _TITLE_WORD.match(organ, cut)
        if t and len(organ) - t.end() >= 2:
            cut = t.end()
    organ = organ[cut:]
    if family != "standard":
        # joint organs: drop leading space-separated parts that are not organs
        parts = organ.split()
        while len(parts) > 1 and parts[0][-1] not in _ORGAN_END:
            cut += organ.index(parts[1], len(parts[0])) - 0
            organ = organ[organ.index(parts[1], len(parts[0])):]
            parts = organ.split()
    if family == "standard" and len(organ) > 10:
        cut += len(organ) - 10
        organ = organ[-10:]
    return organ, cut


def _serial(s: str) -> tuple[int, str]:
    """(value, as the normal form writes it): Arabic digits as a number, a Chinese numeral
    as written (第三十一号 stays 第三十一号)."""
    s = _digits(s)
    if s.isdigit():
        return int(s), str(int(s))
    return int(cn_to_number(s) or 0), s


def normalize(organ: str | None, year: int | None, serial: int | str, family: str) -> str:
    organ = organ or ""
    if family == "standard":
        return f"{organ}〔{year}〕{serial}号"
    if family == "order":
        return f"{organ}令{year}年第{serial}号" if year else f"{organ}令第{serial}号"
    if family == "announcement":
        return f"{organ}公告{year}年第{serial}号"
    return organ


def find_numbers(text: str) -> list[DocNumberParse]:
    """Every document number in `text`, left to right, non-overlapping."""
    found: list[DocNumberParse] = []
    # the taken ranges never overlap: sorted by start, only the one before `b` can
    taken_starts: list[int] = []
    taken_ends: list[int] = []

    def free(a: int, b: int) -> bool:
        k = bisect_left(taken_starts, b)
        return k == 0 or taken_ends[k - 1] <= a

    def take(a: int, b: int) -> None:
        k = bisect_left(taken_starts, a)
        taken_starts.insert(k, a)
        taken_ends.insert(k, b)

    for m in OLD_RE.finditer(text):
        organ, serial = _squeeze(m.group("organ")), int(_digits(m.group("serial")))
        if m.group("yy"):
            year = 1900 + int(_digits(m.group("yy")))
            normalized = f"({year % 100:02d}){organ}字第{serial}号"
        else:  # the 4-digit year keeps the 〔〕 of the normal form, 字 as written
            year = int(_digits(m.group("year")))
            normalized = f"〔{year}〕{organ}{m.group('zi') or ''}第{serial}号"
        found.append(
            DocNumberParse(
                text=m.group(0), start=m.start(), end=m.end(),
                normalized=normalized,
                organ_code=organ, year=year, serial=serial, family="other",
            )
        )
        take(m.start(), m.end())
    for family, rx in _TAILS:
        organ_rx, width = _ORGAN_BEFORE[family]
        for m in rx.finditer(text):
            end = m.end()
            ws = max(0, m.start() - width)
            om = organ_rx.search(text, ws, m.start())
            start = m.start()
            organ_raw = om.group("organ") if om else None
            organ: str | None = None
            if organ_raw is not None:
                organ, cut = _trim_organ(organ_raw.rstrip("、"), family)
                organ = _squeeze(organ)
                start = om.start("organ") + cut
                if organ[:1] == "日" and start > 0 and text[start - 1].isdigit():
                    # a date glued before the organ: 2003年7月5日中华人民共和国国务院令第381号
                    organ, start = organ[1:], start + 1
                if family in ("order", "announcement"):
                    # a 令/公告 organ must look like an organ; else drop it
                    if not organ or (organ[-1] not in _ORGAN_END and organ not in ("国", "国令")):
                        if family == "order":
                            if organ != "国":
                                continue
                        else:
                            organ = None
                            start = m.start()
            elif family == "order":
                continue
            if family == "standard":
                if not organ or organ in _STOPWORDS:
                    continue
            # do not start inside a word: the char before must not be a letter/digit
            if start > 0 and (text[start - 1].isascii() and text[start - 1].isalnum()):
                continue
            if not free(start, end):
                continue
            year = int(_digits(m.group("year"))) if m.group("year") else None
            serial, written = _serial(m.group("serial"))
            found.append(
                DocNumberParse(
                    text=text[start:end],
                    start=start,
                    end=end,
                    normalized=normalize(organ, year, written, family),
                    organ_code=organ,
                    year=year,
                    serial=serial,
                    family=family,
                )
            )
            take(start, end)
    found.sort(key=lambda p: p.start)
    return found


def parse(s: str) -> DocNumberParse | None:
    """Parse `s` when the whole string (stripped) is one document number."""
    s = s.strip()
    for p in find_numbers(s):
        if p.start == 0 and p.end == len(s):
            return p
    return None


# input -> (normalized, organ_code, year, serial, family) or None
EXAMPLES: list[tuple[str, tuple | None]] = [
    ("工信部联原〔2025〕62号", ("工信部联原〔2025〕62号", "工信部联原", 2025, 62, "standard")),
    ("工信部联原（2025）62号", ("工信部联原〔2025〕62号", "工信部联原", 2025, 62, "standard")),
    ("工信部联原 ﹝2022﹞ 90号", ("工信部联原〔2022〕90号", "工信部联原", 2022, 90, "standard")),
    ("自然资规〔2023〕6 号", ("自然资规〔2023〕6号", "自然资规", 2023, 6, "standard")),
    ("国能监管 〔2016〕39号", ("国能监管〔2016〕39号", "国能监管", 2016, 39, "standard")),
    ("国能监管\n〔2016〕39号", ("国能监管〔2016〕39号", "国能监管", 2016, 39, "standard")),
    ("国土资发[2000]133号", ("国土资发〔2000〕133号", "国土资发", 2000, 133, "standard")),
    ("国土资发(2010)137号", ("国土资发〔2010〕137号", "国土资发", 2010, 137, "standard")),
    ("财科教【2017】6号", ("财科教〔2017〕6号", "财科教", 2017, 6, "standard")),
    ("发改能源［2024］1128号", ("发改能源〔2024〕1128号", "发改能源", 2024, 1128, "standard")),
    ("粤办函〔２０１２〕１０９号", ("粤办函〔2012〕109号", "粤办函", 2012, 109, "standard")),
    ("国发〔2020〕6号", ("国发〔2020〕6号", "国发", 2020, 6, "standard")),
    ("国能综发新能〔2017〕1号", ("国能综发新能〔2017〕1号", "国能综发新能", 2017, 1, "standard")),
    ("粤国土资矿管函〔2018〕2269号", ("粤国土资矿管函〔2018〕2269号", "粤国土资矿管函", 2018, 2269, "standard")),
    ("国务院令第253号", ("国务院令第253号", "国务院", None, 253, "order")),
    ("中华人民共和国国务院令第253号", ("中华人民共和国国务院令第253号", "中华人民共和国国务院", None, 253, "order")),
    ("国令第711号", ("国令第711号", "国", None, 711, "order")),
    ("中华人民共和国主席令第五十二号", ("中华人民共和国主席令第五十二号", "中华人民共和国主席", None, 52, "order")),
    ("中华人民共和国主席令（第十九号）", ("中华人民共和国主席令第十九号", "中华人民共和国主席", None, 19, "order")),
    ("国务院令 (第 12 号)", ("国务院令第12号", "国务院", None, 12, "order")),
    ("国家发展改革委令2024年第17号", ("国家发展改革委令2024年第17号", "国家发展改革委", 2024, 17, "order")),
    ("国家发展改革委令第44号", ("国家发展改革委令第44号", "国家发展改革委", None, 44, "order")),
    ("国家能源局公告2021年第9号", ("国家能源局公告2021年第9号", "国家能源局", 2021, 9, "announcement")),
    ("国家能源局公告 2027年第8号", ("国家能源局公告2027年第8号", "国家能源局", 2027, 8, "announcement")),
    ("公告 2026年 第42号", ("公告2026年第42号", None, 2026, 42, "announcement")),
    ("工业和信息化部公告2020年第6号", ("工业和信息化部公告2020年第6号", "工业和信息化部", 2020, 6, "announcement")),
    ("商务部 海关总署公告2025年第18号", ("商务部海关总署公告2025年第18号", "商务部海关总署", 2025, 18, "announcement")),
    ("(87)署税字第37号", ("(87)署税字第37号", "署税", 1987, 37, "other")),
    ("（83）署税字第777号", ("(83)署税字第777号", "署税", 1983, 777, "other")),
    ("〔1998〕测司字第5号", ("〔1998〕测司字第5号", "测司", 1998, 5, "other")),
    ("（2001）试办第12号", ("〔2001〕试办第12号", "试办", 2001, 12, "other")),
    ("〔2001〕 试办字 第 3 号", ("〔2001〕试办字第3号", "试办", 2001, 3, "other")),
    # negatives: standards, dates, bare brackets, broken numbers
    ("GB/T 9704-2012", None),
    ("NB/T 11177—2023", None),
    ("2025年3月11日", None),
    ("（2025—2027年）", None),
    ("〔2025〕", None),
    ("管一函〔201548", None),
    ("第3号", None),
    ("特此公告。", None),
]
