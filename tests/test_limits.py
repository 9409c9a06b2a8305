"""Limits: every one is a typed error that names its number, and the time budget stops
Python code (the CLI applies it by default)."""

from __future__ import annotations

import time

import pytest

from extractor import limits
from extractor.cli import build_parser, main
from extractor.errors import TimeBudgetExceeded, TooLarge
from extractor.ingest import IngestOptions, ingest
from extractor.pipelines import PIPELINES, get_pipeline


def test_text_over_the_limit_is_too_large_with_the_numbers():
    text = "第一条 各部门要按照职责分工负责。\n" * 10
    with pytest.raises(TooLarge) as info:
        ingest(text.encode(), filename="a.txt", options=IngestOptions(max_text_chars=100))
    assert info.value.message == f"the text has {len(text)} characters; the limit is 100"
    assert info.value.code == "too_large" and info.value.http_status == 413


def test_text_at_the_limit_passes_ingestion():
    text = "稀" * 100
    doc = ingest(text.encode(), filename="a.txt", options=IngestOptions(max_text_chars=100))
    assert doc.lines[0].text == text


def test_pdf_text_over_the_limit_is_too_large():
    from tests.test_pdf_edge_cases import make_pdf

    with pytest.raises(TooLarge, match=r"characters; the limit is 20$"):
        ingest(make_pdf(pages=2), filename="a.pdf", options=IngestOptions(max_text_chars=20))


def test_bytes_over_the_limit_is_too_large_with_the_numbers():
    with pytest.raises(TooLarge, match=r"^the input is 11 bytes; the limit is 10$"):
        ingest(b"0123456789\n", filename="a.txt", options=IngestOptions(max_bytes=10))


@pytest.mark.parametrize("kind", sorted(PIPELINES))
def test_pipelines_take_every_text_that_ingestion_accepts(kind):
    """spaCy refuses a text over nlp.max_length with E088 (an internal error)."""
    assert get_pipeline(kind).max_length >= limits.MAX_TEXT_CHARS


def test_time_budget_stops_a_python_loop():
    t0 = time.monotonic()
    with pytest.raises(TimeBudgetExceeded, match="the time budget of 0.2 s ran out"):
        with limits.time_budget(0.2):
            while True:
                pass
    assert time.monotonic() - t0 < 5


def test_time_budget_cannot_be_swallowed_by_a_broad_except():
    with pytest.raises(TimeBudgetExceeded):
        with limits.time_budget(0.1):
            try:
                while True:
                    pass
            except Exception:  # a component's catch-all swallows the first signal
                pass
            while True:  # and carries on: the signal repeats
                pass


def test_error_raised_after_the_budget_ran_out_is_the_budget():
    with pytest.raises(TimeBudgetExceeded) as info:
        with limits.time_budget(0.1):
            try:
                while True:
                    pass
            except Exception as exc:
                raise ValueError("converted by a component") from exc
    assert "ValueError" in info.value.detail


def test_time_budget_off_leaves_the_block_alone():
    with limits.time_budget(None):
        pass
    with limits.time_budget(0):
        pass


def test_cli_has_a_default_time_budget():
    args = build_parser().parse_args(["extract", "x.txt"])
    assert args.time_budget == limits.TIME_BUDGET_S
    assert args.max_pages == limits.MAX_PAGES


def test_cli_time_budget_covers_text_input(tmp_path, capsys):
    """The budget used to be checked only between PDF pages."""
    p = tmp_path / "a.txt"
    p.write_text("第一条 各部门要按照职责分工负责。\n" * 200, encoding="utf-8")
    rc = main(["extract", str(p), "--time-budget", "0.000001"])
    err = capsys.readouterr().err
    assert rc == TimeBudgetExceeded.exit_code
    assert err.startswith("error[time_budget_exceeded]"), err


def test_cli_too_large_text_is_typed(tmp_path, capsys):
    """Text over the pipeline's limit was internal_error (spaCy E088), exit 70."""
    p = tmp_path / "a.txt"
    p.write_text("稀" * (limits.MAX_TEXT_CHARS + 1), encoding="utf-8")
    rc = main(["extract", str(p)])
    err = capsys.readouterr().err
    assert rc == TooLarge.exit_code
    assert err.startswith("error[too_large]"), err
    assert f"the limit is {limits.MAX_TEXT_CHARS}" in err
