"""CLI: extract to JSON/JSONL, schema, typed errors with exit codes."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from extractor.cli import EXIT_PARTIAL, EXIT_USAGE, main

NOTICE = "关于加强铝资源保障的通知\n发文字号：工信部联原〔2025〕62号\n各有关单位：\n现将有关事项通知如下。\n工业和信息化部\n2025年3月11日\n"


@pytest.fixture()
def notice_file(tmp_path):
    p = tmp_path / "notice.txt"
    p.write_text(NOTICE, encoding="utf-8")
    return p


def test_cli_extract_json_to_stdout(notice_file, capsys):
    assert main(["extract", str(notice_file)]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["schema_version"] == "1.0.0"
    assert out["source"]["filename"] == "notice.txt"
    assert out["text"].startswith("关于加强铝资源保障的通知")


def test_cli_extract_jsonl_several_files(notice_file, tmp_path, capsys):
    other = tmp_path / "b.txt"
    other.write_text(NOTICE.replace("62", "63"), encoding="utf-8")
    out_file = tmp_path / "out.jsonl"
    assert main(["extract", str(notice_file), str(other), "--format", "jsonl", "-o", str(out_file)]) == 0
    rows = [json.loads(line) for line in out_file.read_text(encoding="utf-8").splitlines()]
    assert [r["source"]["filename"] for r in rows] == ["notice.txt", "b.txt"]


def test_cli_extract_json_several_files_is_an_array(notice_file, capsys):
    assert main(["extract", str(notice_file), str(notice_file)]) == 0
    out = json.loads(capsys.readouterr().out)
    assert isinstance(out, list) and len(out) == 2


@pytest.mark.parametrize(
    "content,code",
    [(b"", "empty_input"), (b"\x00\x01\x02binary\x00", "unsupported_media_type"),
     (b"%PDF-1.7\n%broken", "corrupt_pdf")],
)
def test_cli_extract_bad_input_is_typed(tmp_path, capsys, content, code):
    p = tmp_path / "bad.bin"
    p.write_bytes(content)
    rc = main(["extract", str(p)])
    err = capsys.readouterr().err
    assert rc not in (0, 1)
    assert err.startswith(f"error[{code}]")
    assert "Traceback" not in err


def test_cli_extract_partial_failure_keeps_good_results(notice_file, tmp_path, capsys):
    bad = tmp_path / "empty.txt"
    bad.write_bytes(b"")
    rc = main(["extract", str(notice_file), str(bad), "--format", "jsonl"])
    captured = capsys.readouterr()
    assert rc == EXIT_PARTIAL
    assert json.loads(captured.out)["source"]["filename"] == "notice.txt"
    assert "error[empty_input]" in captured.err


def test_cli_missing_file(tmp_path, capsys):
    rc = main(["extract", str(tmp_path / "nope.pdf")])
    assert rc == 3
    assert capsys.readouterr().err.startswith("error[not_found]")


def test_cli_usage_error(capsys):
    assert main(["frobnicate"]) == EXIT_USAGE


def test_cli_schema_prints_json_schema(capsys):
    assert main(["schema"]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert schema["title"] == "ExtractionResult"


def test_cli_entry_point_runs_as_module(notice_file):
    """The real process: exit code and stderr, no traceback."""
    proc = subprocess.run(
        [sys.executable, "-m", "extractor", "extract", str(notice_file) + ".missing"],
        capture_output=True, text=True, timeout=120,
    )
    assert proc.returncode == 3
    assert proc.stderr.startswith("error[not_found]")
    assert "Traceback" not in proc.stderr
