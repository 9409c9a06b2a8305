"""Third-party article text stays out of the product (GUIDE.md: test input only).

Every run of 12 or more CJK characters, digits and Chinese punctuation on a line of ``extractor/**/*.py``
or ``extractor/data/*.tsv`` is looked up in the shared corpus (``../shared/corpus/raw``, ``raw2``,
``govcn``; whitespace removed). A run found there is a copy unless ``tests/data/article_text_allowlist.tsv``
lists it:

* ``name``: the name of an organisation, law, place or an official fixed term (国务院有关部门-style
  phrases that any document would write the same way); allowed in any file.
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
WHITESPACE = re.compile(r"\s+")


def product_files(root: Path = ROOT) -> list[Path]:
    return sorted(root.glob("extractor/**/*.py")) + sorted(root.glob("extractor/data/*.tsv"))


@lru_cache(maxsize=1)
def corpus_text() -> str:
    """All articles, whitespace removed, joined with a separator no run can cross."""
    parts = []
    for name in ARTICLE_DIRS:
        for path in sorted((CORPUS / name).iterdir()):
            if path.is_file():
                parts.append(WHITESPACE.sub("", path.read_text(encoding="utf-8", errors="replace")))
    return "\n".join(parts)


def scan(files: list[Path], corpus: str, root: Path = ROOT) -> list[tuple[str, int, str]]:
    """(file relative to root, line number, run) for every run found verbatim in the corpus."""
    hits = []
    for path in files:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            for match in RUN.finditer(line):
                if match.group() in corpus:
                    hits.append((path.relative_to(root).as_posix(), number, match.group()))
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
        assert RUN.fullmatch(cells[0]), f"{where}: {cells[0]!r} is not a scanned run"
        assert len(cells) >= 2 and cells[1] in REASONS, f"{where}: reason must be one of {REASONS}"
        if cells[1] == "name":
            assert len(cells) == 2, f"{where}: a name row has two columns"
            assert cells[0] not in names, f"{where}: duplicate row"
            names.add(cells[0])
        else:
            assert len(cells) == 3 and cells[2].startswith("extractor/"), (
                f"{where}: a pending row names its file: string<TAB>pending<TAB>extractor/..."
            )
            assert (cells[0], cells[2]) not in pending, f"{where}: duplicate row"
            pending.add((cells[0], cells[2]))
    both = sorted(names & {s for s, _ in pending})
    assert not both, f"{path.name}: rows both name and pending: {both}"
    return names, pending


def unexplained(hits, names, pending):
    return sorted({(f, n, s) for f, n, s in hits if s not in names and (s, f) not in pending})


def stale(hits, pending):
    found = {(s, f) for f, _, s in hits}
    return sorted(pending - found)


@pytest.fixture(scope="module")
def corpus() -> str:
    if not all((CORPUS / name).is_dir() for name in ARTICLE_DIRS):
        pytest.skip(f"{CORPUS} is absent: the article-text guard needs ../shared/corpus (CI has it)")
    return corpus_text()


@pytest.fixture(scope="module")
def allowlist():
    return read_allowlist()


def test_product_holds_no_article_text(corpus, allowlist):
    names, pending = allowlist
    bad = unexplained(scan(product_files(), corpus), names, pending)
    assert not bad, "article text copied into the product (rewrite it, or allowlist a name):\n" + "\n".join(
        f"  {f}:{n}: {s}" for f, n, s in bad
    )


def test_pending_rows_still_occur(corpus, allowlist):
    """A rewritten copy leaves the list: every pending row is still a hit in its own file."""
    _, pending = allowlist
    gone = stale(scan(product_files(), corpus), pending)
    assert not gone, "pending rows no longer found (delete them from the allowlist):\n" + "\n".join(
        f"  {f}: {s}" for s, f in gone
    )


def test_guard_catches_a_copied_clause_and_clears_it_once_pending(corpus, tmp_path):
    """The scan sees a clause lifted from an article, in a comment, and only the listed file is excused."""
    clause = next(m.group() for m in RUN.finditer(corpus) if len(m.group()) >= 20)
    module = tmp_path / "extractor" / "probe.py"
    module.parent.mkdir()
    module.write_text(f"# {clause[:16]}\nX = 1  # made up: 本行是我们自己写的示例句子而已\n", encoding="utf-8")
    hits = scan([module], corpus, root=tmp_path)
    assert [(f, n) for f, n, _ in hits] == [("extractor/probe.py", 1)]
    assert unexplained(hits, set(), set()) == [("extractor/probe.py", 1, clause[:16])]
    assert unexplained(hits, set(), {(clause[:16], "extractor/probe.py")}) == []
    assert unexplained(hits, set(), {(clause[:16], "extractor/other.py")}) != []
    assert stale(hits, {(clause[:16], "extractor/probe.py"), ("本行不在任何文件里出现的十二个字", "extractor/probe.py")}) == [
        ("本行不在任何文件里出现的十二个字", "extractor/probe.py")
    ]


if __name__ == "__main__":
    # new hits as allowlist rows to paste (or rewrite), and pending rows to delete
    names, pending = read_allowlist() if ALLOWLIST.exists() else (set(), set())
    hits = scan(product_files(), corpus_text())
    for f, _, s in sorted(set(unexplained([(f, 0, s) for f, _, s in hits], names, pending)), key=lambda r: (r[0], r[2])):
        print(f"{s}\tpending\t{f}")
    for s, f in stale(hits, pending):
        print(f"# delete: {s}\tpending\t{f}")
    sys.exit(0)
