"""Third-party article text stays out of the product (GUIDE.md: test input only).

Every run of 12 or more CJK characters, digits and Chinese punctuation on a line of ``extractor/**/*.py``
or ``extractor/data/*.tsv`` is checked window by window: each of its 12-character windows is looked up
among the 12-character windows of the shared corpus (``../shared/corpus/raw``, ``raw2``, ``govcn``;
whitespace removed), so a phrase copied inside a longer line, or with its ending changed, is still
found. Consecutive windows found in the corpus make one hit (the copied stretch). A hit is a copy
unless ``tests/data/article_text_allowlist.tsv`` explains it:

* ``name``: the name of an organisation, law, place or an official fixed term (国务院有关部门-style
  phrases that any document would write the same way); allowed in any file. Names cover the windows
  inside them and those with at most 2 characters outside names (县级以上地方人民政府应当: an organ and a
  modal; 生态环境部、市场监管总局: a list of names); a window with more words around the names is a copy.
* ``pending``: a known copy still to be rewritten, tied to one file (third column). It excuses the
  run in that file only, and it must still be found there: once the file is rewritten the row has to
  go, so the list only shrinks.

``.venv/bin/python tests/test_no_article_text.py`` prints new hits as pending rows and the rows to delete.
"""

from __future__ import annotations

import re
import sys
from functools import lru_cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"
ARTICLE_DIRS = ("raw", "raw2", "govcn")
ALLOWLIST = ROOT / "tests" / "data" / "article_text_allowlist.tsv"
REASONS = ("name", "pending")
RUN = re.compile(r"[\u4e00-\u9fff，、：“”（）0-9%．.]{12,}")
NAME = re.compile(r"[\u4e00-\u9fff，、：“”（）0-9%．.]{3,}")
WHITESPACE = re.compile(r"\s+")


def product_files(root: Path = ROOT) -> list[Path]:
    return sorted(root.glob("extractor/**/*.py")) + sorted(root.glob("extractor/data/*.tsv"))


WINDOW = 12
SLACK = 2  # characters of a window a name leaves uncovered (应当, 负责) and still excuses


@lru_cache(maxsize=1)
def corpus_text() -> str:
    """All articles, whitespace removed, joined with a separator no run can cross."""
    parts = []
    for name in ARTICLE_DIRS:
        for path in sorted((CORPUS / name).iterdir()):
            if path.is_file():
                parts.append(WHITESPACE.sub("", path.read_text(encoding="utf-8", errors="replace")))
    return "\n".join(parts)


def windows(corpus: str) -> frozenset[str]:
    """Every 12-character window of the corpus's scannable runs (a run's window holds run characters only)."""
    return frozenset(
        run[i : i + WINDOW] for match in RUN.finditer(corpus) for run in [match.group()] for i in range(len(run) - WINDOW + 1)
    )


@lru_cache(maxsize=1)
def corpus_windows() -> frozenset[str]:
    return windows(corpus_text())


def excused(run: str, names: frozenset[str] | set[str]) -> list[bool]:
    """Per 12-character window of the run: is it a name? At most SLACK of its characters lie outside the
    occurrences of allowlisted names (an organ followed by 应当 or 负责 is no copied phrase)."""
    inside = [False] * len(run)
    for name in names:
        at = run.find(name)
        while at >= 0:
            inside[at : at + len(name)] = [True] * len(name)
            at = run.find(name, at + 1)
    outside = [0]
    for flag in inside:
        outside.append(outside[-1] + (not flag))
    return [outside[i + WINDOW] - outside[i] <= SLACK for i in range(len(run) - WINDOW + 1)]


def copied(run: str, seen: frozenset[str], names: frozenset[str] | set[str] = frozenset()) -> list[str]:
    """The stretches of ``run`` whose every 12-character window is in ``seen`` and is no name
    (consecutive windows joined)."""
    named = excused(run, names)
    stretches, start = [], None
    for i in range(len(run) - WINDOW + 2):
        if i <= len(run) - WINDOW and not named[i] and run[i : i + WINDOW] in seen:
            start = i if start is None else start
        elif start is not None:
            stretches.append(run[start : i - 1 + WINDOW])
            start = None
    return stretches


def scan(
    files: list[Path], seen: frozenset[str], names: frozenset[str] | set[str] = frozenset(), root: Path = ROOT
) -> list[tuple[str, int, str]]:
    """(file relative to root, line number, copied stretch) for every run window found in the corpus
    that no allowlisted name excuses."""
    hits = []
    for path in files:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            for match in RUN.finditer(line):
                for stretch in copied(match.group(), seen, names):
                    hits.append((path.relative_to(root).as_posix(), number, stretch))
    return hits


def read_allowlist(path: Path = ALLOWLIST) -> tuple[set[str], set[tuple[str, str]]]:
    """(names, {(pending run, file)}); a malformed row is an error, not a silent pass."""
    names: set[str] = set()
    pending: set[tuple[str, str]] = set()
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not raw.strip() or raw.startswith("#"):
            continue
        cells = raw.split("\t")
        where = f"{path.name}:{number}"
        assert len(cells) >= 2 and cells[1] in REASONS, f"{where}: reason must be one of {REASONS}"
        if cells[1] == "name":
            assert NAME.fullmatch(cells[0]), f"{where}: {cells[0]!r} is no name of 3+ run characters"
            assert len(cells) == 2, f"{where}: a name row has two columns"
            assert cells[0] not in names, f"{where}: duplicate row"
            names.add(cells[0])
        else:
            assert RUN.fullmatch(cells[0]), f"{where}: {cells[0]!r} is not a scanned run"
            assert len(cells) == 3 and cells[2].startswith("extractor/"), (
                f"{where}: a pending row names its file: string<TAB>pending<TAB>extractor/..."
            )
            assert (cells[0], cells[2]) not in pending, f"{where}: duplicate row"
            pending.add((cells[0], cells[2]))
    both = sorted(names & {s for s, _ in pending})
    assert not both, f"{path.name}: rows both name and pending: {both}"
    return names, pending


def unexplained(hits, pending):
    return sorted({(f, n, s) for f, n, s in hits if (s, f) not in pending})


def stale(hits, pending):
    found = {(s, f) for f, _, s in hits}
    return sorted(pending - found)


@pytest.fixture(scope="module")
def corpus() -> str:
    if not all((CORPUS / name).is_dir() for name in ARTICLE_DIRS):
        pytest.skip(f"{CORPUS} is absent: the article-text guard needs ../shared/corpus (CI has it)")
    return corpus_windows()


@pytest.fixture(scope="module")
def allowlist():
    return read_allowlist()


def test_product_holds_no_article_text(corpus, allowlist):
    names, pending = allowlist
    bad = unexplained(scan(product_files(), corpus, names), pending)
    assert not bad, "article text copied into the product (rewrite it, or allowlist a name):\n" + "\n".join(
        f"  {f}:{n}: {s}" for f, n, s in bad
    )


def test_pending_rows_still_occur(corpus, allowlist):
    """A rewritten copy leaves the list: every pending row is still a hit in its own file."""
    names, pending = allowlist
    gone = stale(scan(product_files(), corpus, names), pending)
    assert not gone, "pending rows no longer found (delete them from the allowlist):\n" + "\n".join(
        f"  {f}: {s}" for s, f in gone
    )


def test_guard_catches_a_copied_clause_and_clears_it_once_pending(corpus, tmp_path):
    """The scan sees a clause lifted from an article, in a comment, and only the listed file is excused."""
    clause = next(m.group() for m in RUN.finditer(corpus_text()) if len(m.group()) >= 20)
    module = tmp_path / "extractor" / "probe.py"
    module.parent.mkdir()
    module.write_text(f"# {clause[:16]}\nX = 1  # made up: 本行是我们自己写的示例句子而已\n", encoding="utf-8")
    hits = scan([module], corpus, root=tmp_path)
    assert [(f, n) for f, n, _ in hits] == [("extractor/probe.py", 1)]
    assert unexplained(hits, set()) == [("extractor/probe.py", 1, clause[:16])]
    assert unexplained(hits, {(clause[:16], "extractor/probe.py")}) == []
    assert unexplained(hits, {(clause[:16], "extractor/other.py")}) != []
    assert stale(hits, {(clause[:16], "extractor/probe.py"), ("本行不在任何文件里出现的十二个字", "extractor/probe.py")}) == [
        ("本行不在任何文件里出现的十二个字", "extractor/probe.py")
    ]


def test_guard_catches_a_copy_inside_a_longer_line_with_a_changed_ending(corpus, tmp_path):
    """20 copied characters between our own words, the ending changed: the copied stretch is the hit."""
    clause = next(m.group() for m in RUN.finditer(corpus_text()) if len(m.group()) >= 24)
    ours = "我们自己写的前言"
    changed = clause[:20] + ("甲乙丙" if clause[20:23] != "甲乙丙" else "丁戊己")
    assert ours + changed not in corpus_text()
    module = tmp_path / "extractor" / "probe.py"
    module.parent.mkdir()
    module.write_text(f"X = 1  # {ours}{changed}\n", encoding="utf-8")
    hits = scan([module], corpus, root=tmp_path)
    assert len(hits) == 1 and hits[0][:2] == ("extractor/probe.py", 1)
    assert clause[:12] in hits[0][2] and clause[:20].endswith(hits[0][2][-8:])
    assert unexplained(hits, set()) == hits


def test_a_name_covers_its_own_windows_only():
    """An allowlisted name excuses the windows inside it; words copied around it are still a copy."""
    name = "某某省某某市自然资源主管部门"
    seen = windows(f"原文写道{name}负责全市的监督检查工作")
    assert copied(f"我们写{name}管", seen) == [name]
    assert copied(f"我们写{name}管", seen, {name}) == []
    assert copied(f"我们写{name}负责", seen, {name}) == []  # the name and 2 more characters
    assert copied(f"我们写{name}负责全市的", seen) == [f"{name}负责全市的"]
    assert copied(f"我们写{name}负责全市的", seen, {name}) == [f"{name[-9:]}负责全市的"]
    assert copied(f"我们写{name[1:]}负责", seen, {name}) == [f"{name[1:]}负责"]  # a part of a name is none


if __name__ == "__main__":
    # new hits as allowlist rows to paste (or rewrite), and pending rows to delete
    names, pending = read_allowlist() if ALLOWLIST.exists() else (set(), set())
    hits = scan(product_files(), corpus_windows(), names)
    for f, _, s in sorted(set(unexplained([(f, 0, s) for f, _, s in hits], pending)), key=lambda r: (r[0], r[2])):
        print(f"{s}\tpending\t{f}")
    for s, f in stale(hits, pending):
        print(f"# delete: {s}\tpending\t{f}")
    sys.exit(0)
