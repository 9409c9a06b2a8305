"""Hostile input through the pipelines: long lines, thousands of repeats, no structure.

Every grammar and component must be linear (or n log n) in the input; these inputs
made them quadratic before (a target sentence repeated on one line, thousands of
document numbers, an article line repeated). The sizes run in a few seconds; the
tests assert what is found, never a time (speed is `make bench`'s job)."""

from __future__ import annotations

import pytest

from conftest import run_components
from extractor.pipelines import PIPELINES
from extractor.pipelines.base import spans

POLICY = PIPELINES["policy_notice"]
REPORT = PIPELINES["research_report"]


def repeat(unit: str, n_chars: int) -> tuple[str, int]:
    """`unit` repeated to about `n_chars` characters, and the number of copies."""
    k = max(1, n_chars // len(unit))
    return unit * k, k


def fields(doc, key):
    return [s._.fields for s in spans(doc, key)]


def test_hostile_the_same_doc_number_thousands_of_times():
    text, k = repeat("工信部联原〔2025〕62号\n", 40_000)
    doc = run_components(text, *POLICY)
    nums = fields(doc, "doc_numbers")
    # one fact, one item: every occurrence is a mention of it
    assert [n["normalized"] for n in nums] == ["工信部联原〔2025〕62号"]
    assert len(nums[0]["mentions"]) == k


def test_hostile_doc_numbers_on_one_line():
    text, k = repeat("工信部联原〔2025〕62号", 40_000)
    doc = run_components(text, "ex_doc_numbers")
    [number] = spans(doc, "doc_numbers")
    assert len(number._.fields["mentions"]) == k


def test_hostile_an_article_line_repeated():
    text, k = repeat("第一条 各部门要按照职责分工负责。\n", 40_000)
    doc = run_components(text, *POLICY)
    assert len(spans(doc, "sections")) == k
    assert spans(doc, "responsibilities") == []  # a rule in an article is not a task


@pytest.mark.parametrize("sep", ["", "\n"])
def test_hostile_a_target_sentence_repeated(sep):
    text, k = repeat("到2027年，力争国内铝土矿资源量增长3%—5%。" + sep, 40_000)
    doc = run_components(text, *POLICY)
    got = fields(doc, "targets")
    assert len(got) == k
    assert {(t["metric"], t["value"], t["value_max"], t["unit"], t["year"]) for t in got} == {
        ("铝土矿资源量增长", 3.0, 5.0, "%", 2027)
    }


def test_hostile_one_clause_with_thousands_of_numbers():
    text, k = repeat("力争铝土矿资源量增长3%、", 40_000)
    doc = run_components(text, *POLICY)
    assert len(spans(doc, "targets")) == k
    doc = run_components(text, *REPORT)
    assert len(spans(doc, "quantities")) == k


def test_hostile_chinese_text_on_one_line(seeds_dir):
    seed = (seeds_dir / "notice_003.txt").read_text(encoding="utf-8").replace("\n", "")
    text, k = repeat(seed, 100_000)
    one = run_components(seed, *POLICY)
    doc = run_components(text, *POLICY)
    # every copy holds the same quantities and document numbers as the seed on one line
    assert len(spans(doc, "quantities")) == k * len(spans(one, "quantities"))
    assert len(spans(doc, "doc_number_mentions")) == k * len(spans(one, "doc_number_mentions"))


def test_hostile_a_report_on_one_line(seeds_dir):
    report = (seeds_dir / "report_000.txt").read_text(encoding="utf-8")
    seed = report[: report.index("本文中的信息均来源")].replace("\n", "")  # the analysis only
    text, k = repeat(seed, 100_000)
    one = run_components(seed, *REPORT)
    doc = run_components(text, *REPORT)
    assert len(spans(doc, "quantities")) == k * len(spans(one, "quantities"))
    assert len(spans(one, "statistics")) > 0
    assert len(spans(doc, "statistics")) == k * len(spans(one, "statistics"))


@pytest.mark.parametrize("pipeline", [POLICY, REPORT], ids=["policy", "report"])
def test_hostile_digits_only(pipeline):
    doc = run_components("1234567890" * 20_000, *pipeline)
    assert spans(doc, "targets") == [] and spans(doc, "dates") == [] and spans(doc, "doc_numbers") == []


@pytest.mark.parametrize("pipeline", [POLICY, REPORT], ids=["policy", "report"])
def test_hostile_open_brackets_only(pipeline):
    doc = run_components("（" * 100_000, *pipeline)
    for key in ("targets", "sections", "references", "dates", "statistics", "responsibilities"):
        assert spans(doc, key) == [], key


def test_hostile_a_list_of_agencies():
    text, k = repeat("工业和信息化部、", 40_000)
    doc = run_components(text, "ex_agency_mentions")
    assert len(spans(doc, "agency_mentions")) == k
