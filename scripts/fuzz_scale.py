#!/usr/bin/env python3
"""Hostile and oversized input: does extraction time grow linearly? (a script, not a test)

    .venv/bin/python scripts/fuzz_scale.py [--sizes 10000,100000,1000000]
        [--families doc_number,digits] [--budget 120] [--repeat 3]
    .venv/bin/python scripts/fuzz_scale.py --issue-table [--budget 300]

Default mode: each input family below is generated at each size (characters of
text), run through `extractor.core.extract` in this process, and timed. It prints
the microseconds per character for each, the outcome (`ok` or the error code),
and per family the ratio between the time per character at the largest and the
smallest size. Linear time means a ratio near 1; the goal is < 2 for every
family. A run over `--budget` seconds is stopped (SIGALRM) and shown as `>budget`;
the family's larger sizes are skipped and it gets no ratio (it is listed as
stopped). The smallest size is timed
`--repeat` times and the fastest run is kept; the pipeline is loaded before
timing starts.

`--issue-table`: writes the inputs of issue 15 (long lines, repeated entities,
an oversized text, an encrypted then a zero-page PDF, an image-only PDF of line
drawings) to a temporary directory and runs the CLI
(`python -m extractor extract`) on each, printing wall time, exit code and the
`error[code]` it reported. The encrypted and the zero-page PDF are also run in
one CLI call, in that order, to show whether state leaks from one to the next.
The CLI runs with its default time budget; `--budget` only stops a run from the
outside (`timeout`).

Works against any checkout: `PYTHONPATH=/path/to/checkout` measures that code.
"""

from __future__ import annotations

import argparse
import io
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

if "PYTHONPATH" not in os.environ:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

# Synthetic sentences in the style of the documents (written for this script).
PARAGRAPH = (
    "为推动稀土产业高质量发展，工业和信息化部、国家发展改革委、自然资源部联合制定本方案。"
    "到2027年，稀土冶炼分离产能控制在20万吨以内，再生资源回收率提高到65%以上。"
    "各地区有关部门要按照职责分工抓好落实，国家发展改革委牵头，财政部、商务部按职责分工负责。"
    "《关于加强战略性矿产资源保护的通知》（工信部原〔2023〕45号）同时废止。"
)
FAMILY_UNITS: dict[str, str] = {
    # each entity family, one unit repeated
    "doc_number": "国办发〔2023〕12号",
    "date": "2023年12月31日",
    "quantity": "产量达到1200万吨，",
    "percent": "同比增长5.2%，",
    "agency": "工业和信息化部、",
    "mineral": "锂、钴、镍、稀土、",
    "region": "内蒙古自治区包头市、",
    "article_line": "第一条 各部门要按照职责分工负责。\n",
    "heading_line": "一、总体要求\n",
    "target_sentence": "到2025年，稀土冶炼分离产能控制在20万吨以内。",
    "responsibility": "（工业和信息化部牵头，国家发展改革委、自然资源部按职责分工负责）",
    "reference": "《关于加强稀土管理的通知》（工信部原〔2021〕12号）",
    "statistic": "9月中国电解铝产量365万吨，环比增长2.1%。",
    "forecast": "预计2025年碳酸锂价格将回落至8万元/吨。",
    "institution_run": "委员会",  # one CJK run of name endings, read as a report (FAMILY_KIND)
    "institution_bodies": "美国劳工部公布",  # quoted bodies in one sentence without an end
    "one_line_notice": PARAGRAPH,  # a long line: no line break at all
    "notice_lines": PARAGRAPH.replace("。", "。\n"),
    "digits": "0123456789",
    "open_paren": "（",
    "open_book": "《",
    "quotes": "“",
    "dashes": "——",
    "short_lines": "一\n",
    "spaces": " \u3000",
}


def nested(n: int) -> str:
    """Brackets nested as deep as the size allows: （《【「…」】》）."""
    opens, closes = "（《【「", "）》】」"
    depth = max(1, (n - 2) // 2)
    o = "".join(opens[i % 4] for i in range(depth))
    c = "".join(closes[i % 4] for i in reversed(range(depth)))
    return (o + "稀土" + c)[:n]


def mixed_scripts(n: int) -> str:
    rng = random.Random(15)
    words = ["稀土", "lithium", "литий", "ليثيوم", "리튬", "リチウム", "λίθιο", "2025", "％",
             "🔋", "工信部", "—", "《", "》", "\n"]
    out: list[str] = []
    size = 0
    while size < n:
        w = rng.choice(words)
        out.append(w)
        size += len(w)
    return "".join(out)[:n]


def random_unicode(n: int) -> str:
    rng = random.Random(15)
    chars = []
    while len(chars) < n:
        cp = rng.randrange(0x20, 0x30000)
        if 0xD800 <= cp <= 0xDFFF:
            continue
        chars.append(chr(cp))
    return "".join(chars)


def repeat(unit: str, head: str = "") -> Callable[[int], str]:
    """`head` once, then `unit` repeated up to `n` characters in all."""
    def make(n: int) -> str:
        return head + (unit * ((n - len(head)) // len(unit) + 1))[: max(0, n - len(head))]

    return make


def tailed(unit: str, tail: str) -> Callable[[int], str]:
    """`unit` repeated, then `tail` once: `n` characters in all."""
    def make(n: int) -> str:
        return repeat(unit)(max(0, n - len(tail))) + tail

    return make


# a signed notice (its written date, a line of its own) before one long line without a break:
# dates are read against the document's own date
SIGNED = "某某省能源局\n2026年3月1日\n"
# families whose unit follows a head: (head, unit)
HEADED_UNITS: dict[str, tuple[str, str]] = {
    # many bare years in one unpunctuated line, each narrating an act (each clause runs to the end)
    "bare_years_line": (SIGNED, "2009年该厂完成改造"),
    # the same without an act: each year's clause is searched for one to the end of the text
    "bare_years_no_act": (SIGNED, "2009年该厂改造"),
    # many year-less dates after one anchor date that gives them its year
    "yearless_dates": (SIGNED + "2025年1月3日", "5月4日"),
    # one sentence of many comma-joined forecast clauses
    "forecast_clauses": ("", "锂价将上涨，"),
    # one long sentence whose clauses alternate a call and a bare move: every clause once re-read
    # the sentence so far (is_governed, opening_subject, earlier mentions)
    "forecast_sentence": ("", "锂价将上涨，锂价上涨，"),
    # one long sentence of calls with no subject: each looked back over the sentence for one
    "forecast_no_subject": ("", "将上涨，"),
}


FAMILIES: dict[str, Callable[[int], str]] = {name: repeat(u) for name, u in FAMILY_UNITS.items()}
# families run with a given document kind (the classifier may call a long run of one word `other`,
# which skips the component under test): institution names are read only in a report
FAMILY_KIND: dict[str, str] = {"institution_run": "research_report", "institution_bodies": "research_report",
                               "bare_years_line": "research_report", "bare_years_no_act": "research_report",
                               "forecast_clauses": "research_report", "forecast_sentence": "research_report",
                               "forecast_no_subject": "research_report"}
FAMILIES.update({name: repeat(u, head) for name, (head, u) in HEADED_UNITS.items()})
# a long line of agency names before a date (the signature check once backtracked exponentially)
FAMILIES["signature_run"] = tailed("国家能源局 ", "2026年1月1日")
# organ names separated by spaces before an announcement number (organs were read forwards
# from every character: quadratic)
FAMILIES["organ_run_doc_number"] = tailed("财政部 国家发展改革委 工业和信息化部 海关总署 ", "公告2020年第3号 〔2020〕3号")
# a report paragraph of regions, dated acts, figure lists and a projected range, repeated
FAMILIES["report_block"] = repeat(
    "山西省自然资源厅于2025年8月10日下发通知。全国四大铝土矿产区，包括山西、广西、贵州和河南，"
    "7月份产量分别为202万吨、185万吨、88万吨和102万吨。中期：山西国产矿实际供应将出现 5-10% 级别的收缩。\n")
FAMILY_KIND["report_block"] = "research_report"
FAMILIES["nested"] = nested
FAMILIES["mixed_scripts"] = mixed_scripts
FAMILIES["random_unicode"] = random_unicode


class Budget(Exception):
    pass


def _alarm(signum, frame):  # noqa: ARG001
    raise Budget()


def run_once(text: str, budget: float, kind: str | None = None) -> tuple[float, str]:
    from extractor.core import extract
    from extractor.errors import ExtractorError

    data = text.encode("utf-8")
    signal.signal(signal.SIGALRM, _alarm)
    signal.setitimer(signal.ITIMER_REAL, budget)
    t0 = time.perf_counter()
    try:
        extract(data, filename="fuzz.txt", kind=kind)
        outcome = "ok"
    except Budget:
        outcome = ">budget"
    except ExtractorError as exc:
        outcome = exc.code
    except Exception as exc:  # a bug: what the issue is about
        outcome = f"BUG {type(exc).__name__}: {str(exc)[:60]}"
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
    return time.perf_counter() - t0, outcome


def scale(args: argparse.Namespace) -> int:
    from extractor.core import extract

    sizes = [int(s) for s in args.sizes.split(",")]
    names = args.families.split(",") if args.families else list(FAMILIES)
    from extractor.pipelines import PIPELINES, get_pipeline

    for kind in PIPELINES:  # load every pipeline before timing
        get_pipeline(kind)
    extract(PARAGRAPH.encode(), filename="warm.txt")
    print(f"{'family':<18}" + "".join(f"{n:>22,}" for n in sizes) + "   ratio", flush=True)
    worst: tuple[float, str] = (0.0, "")
    stopped_families: list[str] = []
    for name in names:
        cells = []
        per_char: list[float] = []
        for k, n in enumerate(sizes):
            text = FAMILIES[name](n)
            runs = args.repeat if k == 0 else 1
            best = None
            for _ in range(runs):
                t, outcome = run_once(text, args.budget, FAMILY_KIND.get(name))
                best = (t, outcome) if best is None or t < best[0] else best
            t, outcome = best
            cells.append(f"{t / n * 1e6:8.2f}us {outcome[:10]:<10}")
            if outcome == ">budget":
                break  # a larger size would be stopped too
            per_char.append(t / n * 1e6)
        if len(per_char) < len(sizes):
            stopped_families.append(name)
            ratio_txt = f"stopped at {sizes[len(per_char)]:,}"
        else:
            ratio = per_char[-1] / per_char[0]
            ratio_txt = f"{ratio:6.1f}"
            if ratio > worst[0]:
                worst = (ratio, name)
        cells += [f"{'-':>21}"] * (len(sizes) - len(cells))
        print(f"{name:<18}" + "".join(f"{c:>22}" for c in cells) + f"  {ratio_txt}", flush=True)
    print(f"\nlargest ratio {sizes[-1]:,} / {sizes[0]:,} time per character: "
          f"{worst[0]:.1f} ({worst[1]}); goal < 2")
    if stopped_families:
        print(f"stopped by the {args.budget:g} s budget (no ratio; far from linear): "
              + ", ".join(stopped_families))
    return 0


# ----------------------------------------------------------------------------- issue table


def _pdf_bytes(draw: Callable, pages: int = 1, encrypt=None) -> bytes:
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(595, 842), encrypt=encrypt, invariant=1)
    for i in range(pages):
        draw(c, i)
        c.showPage()
    c.save()
    return buf.getvalue()


def encrypted_pdf() -> bytes:
    from reportlab.lib.pdfencrypt import StandardEncryption

    return _pdf_bytes(lambda c, i: c.drawString(72, 700, "secret"),
                      encrypt=StandardEncryption("user", "owner"))


def zero_page_pdf() -> bytes:
    """A well-formed PDF with no pages, as pdfium saves one."""
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument.new()
    buf = io.BytesIO()
    doc.save(buf)
    doc.close()
    return buf.getvalue()


def line_drawing_pdf(pages: int = 3) -> bytes:
    """Pages that are each one scanned-looking image of a line drawing, no text."""
    from PIL import Image, ImageDraw
    from reportlab.lib.utils import ImageReader

    def draw(c, i):
        rng = random.Random(i)
        img = Image.new("L", (1240, 1754), 255)
        d = ImageDraw.Draw(img)
        for _ in range(40):
            x0, y0 = rng.randrange(1240), rng.randrange(1754)
            d.line((x0, y0, rng.randrange(1240), rng.randrange(1754)), fill=0, width=3)
        for _ in range(10):
            x, y, r = rng.randrange(1240), rng.randrange(1754), rng.randrange(20, 200)
            d.ellipse((x - r, y - r, x + r, y + r), outline=0, width=3)
        c.drawImage(ImageReader(img), 0, 0, 595, 842)

    return _pdf_bytes(draw, pages)


def issue_inputs() -> list[tuple[str, bytes]]:
    def to(unit: str, n_bytes: int) -> bytes:
        b = unit.encode("utf-8")
        return b * (n_bytes // len(b))

    return [
        ("1 MB Chinese on one line", to(PARAGRAPH, 1_000_000)),
        ("doc number x 50k", to(FAMILY_UNITS["doc_number"], 1_000_000)),
        ("article line to 1.08M chars",
         (FAMILY_UNITS["article_line"] * (1_080_000 // len(FAMILY_UNITS["article_line"])))
         .encode()),
        ("target sentence to 2.5 MB", to(FAMILY_UNITS["target_sentence"], 2_500_000)),
        ("1 MB digits", to("0123456789", 1_000_000)),
        ("100k chars of （", ("（" * 100_000).encode()),
        ("49.9 MB text", to(PARAGRAPH, 49_900_000)),
        ("encrypted PDF", encrypted_pdf()),
        ("zero-page PDF", zero_page_pdf()),
        ("image-only line drawings, 3 pages", line_drawing_pdf(3)),
    ]


def _cli(paths: list[Path], budget: float) -> tuple[float, int | str, list[str]]:
    t0 = time.perf_counter()
    try:
        proc = subprocess.run([sys.executable, "-m", "extractor", "extract", *map(str, paths)],
                              capture_output=True, text=True, timeout=budget)
    except subprocess.TimeoutExpired:
        return time.perf_counter() - t0, "killed", [f"still running after {budget:g} s"]
    dt = time.perf_counter() - t0
    codes = [ln.split("]")[0] + "]" for ln in proc.stderr.splitlines() if ln.startswith("error[")]
    if proc.returncode == 0:
        codes = ["done"]
    return dt, proc.returncode, codes


def issue_table(args: argparse.Namespace) -> int:
    with tempfile.TemporaryDirectory(prefix="fuzz-issue-") as tmp:
        files = []
        for k, (name, data) in enumerate(issue_inputs()):
            ext = ".pdf" if data.startswith(b"%PDF") else ".txt"
            p = Path(tmp) / f"{k:02d}{ext}"
            p.write_bytes(data)
            files.append((name, p, len(data)))
        print(f"{'input':<36}{'bytes':>12}{'CLI s':>9}  exit  outcome", flush=True)
        for name, p, size in files:
            dt, rc, codes = _cli([p], args.budget)
            print(f"{name:<36}{size:>12,}{dt:>9.1f}  {rc!s:>4}  {' '.join(codes)}", flush=True)
        enc = next(p for n, p, _ in files if n == "encrypted PDF")
        zero = next(p for n, p, _ in files if n == "zero-page PDF")
        dt, rc, codes = _cli([enc, zero], args.budget)
        print(f"{'encrypted then zero-page, one call':<36}{'':>12}{dt:>9.1f}  {rc!s:>4}  "
              f"{' '.join(codes)}")
    return 0


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--sizes", default="10000,100000,1000000")
    p.add_argument("--families", help=f"comma-separated; default all: {','.join(FAMILIES)}")
    p.add_argument("--budget", type=float, default=120.0,
                   help="seconds per run before it is stopped")
    p.add_argument("--repeat", type=int, default=3, help="runs of the smallest size (fastest kept)")
    p.add_argument("--issue-table", action="store_true", help="run the CLI on the issue's inputs")
    args = p.parse_args()
    return issue_table(args) if args.issue_table else scale(args)


if __name__ == "__main__":
    sys.exit(main())
