"""`extractor batch` and `extractor export`: every core, typed errors per document,
resumable output, the same lines from a local Dask cluster, and a graph that loads."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import pytest

from extractor.batch import discover, run_batch
from extractor.cli import main
from extractor.models import ExtractionResult

pytestmark = pytest.mark.shared


@pytest.fixture(scope="module")
def inputs(tmp_path_factory, samples_dir, seeds_dir) -> Path:
    """Two text seeds, two PDFs, an empty file and a PDF that is not one."""
    d = tmp_path_factory.mktemp("in")
    shutil.copy(seeds_dir / "notice_003.txt", d / "a_notice.txt")
    shutil.copy(seeds_dir / "report_000.txt", d / "b_report.txt")
    shutil.copy(samples_dir / "notice_simple.pdf", d / "c_notice.pdf")
    shutil.copy(samples_dir / "report_table.pdf", d / "d_report.pdf")
    (d / "e_empty.txt").write_bytes(b"")
    (d / "f_broken.pdf").write_bytes(b"%PDF-1.4 broken")
    (d / "sub").mkdir()
    shutil.copy(seeds_dir / "notice_003.txt", d / "sub" / "g_same_bytes.txt")
    (d / "ignored.png").write_bytes(b"\x89PNG")
    return d


def _lines(path: Path) -> list[dict]:
    return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]


@pytest.fixture(scope="module")
def local_run(inputs, tmp_path_factory):
    out = tmp_path_factory.mktemp("out") / "out.jsonl"
    summary = run_batch([str(inputs)], out, workers=2, ocr=False, progress=False,
                        log=lambda s: None)
    return out, summary


def test_discover_walks_directories_by_suffix_and_keeps_globs_and_missing_files(inputs):
    found = [p.name for p in discover([str(inputs), str(inputs / "*.txt"), "nope.pdf"])]
    assert found == ["a_notice.txt", "b_report.txt", "c_notice.pdf", "d_report.pdf",
                     "e_empty.txt", "f_broken.pdf", "g_same_bytes.txt", "nope.pdf"]


def test_batch_writes_one_valid_line_per_document_in_input_order(local_run):
    out, summary = local_run
    lines = _lines(out)
    assert [r["source"]["filename"] for r in lines] == [
        "a_notice.txt", "b_report.txt", "c_notice.pdf", "d_report.pdf"]
    for r in lines:
        ExtractionResult.model_validate(r)
    assert lines[0]["doc_numbers"][0]["normalized"] == "工信部联原〔2025〕62号"
    assert lines[2]["source"]["pages"] == 6
    assert (summary.documents, summary.done, summary.duplicates) == (7, 4, 1)
    assert summary.pages == 6 + lines[3]["source"]["pages"]


def test_failed_documents_get_typed_errors_and_the_batch_goes_on(local_run):
    out, summary = local_run
    errors = _lines(out.with_name("out.errors.jsonl"))
    assert {Path(e["path"]).name: e["code"] for e in errors} == {
        "e_empty.txt": "empty_input", "f_broken.pdf": "corrupt_pdf"}
    assert all(e["message"] and e["sha256"] for e in errors)
    assert dict(summary.errors) == {"empty_input": 1, "corrupt_pdf": 1}


def test_rerun_skips_done_documents_and_redoes_a_torn_last_line(local_run, inputs, tmp_path):
    out, _ = local_run
    copy = tmp_path / "out.jsonl"
    full = out.read_bytes()
    copy.write_bytes(full[: full.rindex(b"\n", 0, len(full) - 1) + 1] + full[-5000:-4000])
    s = run_batch([str(inputs)], copy, workers=1, ocr=False, progress=False, log=lambda s: None)
    assert (s.skipped, s.done) == (4, 1)  # three done + the twin of a_notice
    assert _lines(copy) == _lines(out)


def test_a_document_over_the_time_budget_is_killed_with_a_typed_error(inputs, tmp_path):
    s = run_batch([str(inputs / "c_notice.pdf"), str(inputs / "a_notice.txt")],
                  tmp_path / "o.jsonl", workers=1, time_budget=0.001, ocr=False,
                  progress=False, log=lambda s: None)
    assert dict(s.errors) == {"time_budget_exceeded": 2}
    assert s.done == 0


@pytest.mark.slow
def test_a_local_dask_cluster_gives_the_same_lines_as_one_process(local_run, inputs, tmp_path):
    pytest.importorskip("dask.distributed")
    out, _ = local_run
    dask_out = tmp_path / "dask.jsonl"
    s = run_batch([str(inputs)], dask_out, workers=2, engine="dask", address="local",
                  ocr=False, progress=False, log=lambda s: None)
    assert s.done == 4
    assert dask_out.read_text(encoding="utf-8") == out.read_text(encoding="utf-8")
    errors = _lines(dask_out.with_name("dask.errors.jsonl"))
    assert sorted(e["code"] for e in errors) == ["corrupt_pdf", "empty_input"]


def test_cli_batch_exit_codes_and_summary(inputs, tmp_path):
    out = tmp_path / "o.jsonl"
    summary = tmp_path / "s.json"
    rc = main(["batch", str(inputs / "a_notice.txt"), str(inputs / "e_empty.txt"), "-o",
               str(out), "--workers", "1", "--no-progress", "--summary-json", str(summary)])
    assert rc == 1  # partial: one written, one failed
    assert json.loads(summary.read_text())["errors"] == {"empty_input": 1}
    assert main(["batch", str(inputs / "e_empty.txt"), "-o", str(tmp_path / "x.jsonl"),
                 "--no-progress"]) == 2


def _csv(path: Path) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def test_csv_graph_has_every_relation_and_no_dangling_ids(local_run, tmp_path):
    out, _ = local_run
    assert main(["export", str(out), "--format", "csv-graph", "-o", str(tmp_path / "g")]) == 0
    g = tmp_path / "g"
    ids = {r["id:ID"] for f in g.glob("nodes_*.csv") for r in _csv(f)}
    rels = {}
    for f in g.glob("rels_*.csv"):
        for r in _csv(f):
            assert r[":START_ID"] in ids and r[":END_ID"] in ids, r
            rels.setdefault(r[":TYPE"], []).append(r)
    assert {"ISSUED_BY", "LEADS", "PARTICIPATES_IN", "MENTIONS", "SETS_TARGET"} <= set(rels)
    leads = {(r[":START_ID"], r["task"]) for r in rels["LEADS"]}
    assert ("agency:工业和信息化部", "8") in leads  # notice_003 task 8 is led by MIIT
    targets = [r for r in _csv(g / "nodes_Target.csv") if r["text"].startswith("再生铝产量")]
    assert targets and targets[0]["value"] == "1500.0" and targets[0]["year"] == "2027"
    docs = _csv(g / "nodes_Document.csv")
    # the text and the PDF of the seed are two documents with the same number
    assert sum(d["doc_number"] == "工信部联原〔2025〕62号" for d in docs) == 2
    assert "neo4j-admin database import" in (g / "import.sh").read_text()


def test_jsonld_loads_into_an_rdf_store(local_run, tmp_path):
    rdflib = pytest.importorskip("rdflib")
    out, _ = local_run
    path = tmp_path / "g.jsonld"
    assert main(["export", str(out), "--format", "jsonld", "-o", str(path)]) == 0
    g = rdflib.Graph().parse(path, format="json-ld")
    vocab = rdflib.Namespace("https://extractor.invalid/vocab#")
    issued = {str(o) for _, o in g.subject_objects(vocab.ISSUED_BY)}
    assert "agency:工业和信息化部" in issued
    assert len(g) > 100


def test_export_of_a_missing_or_foreign_file_is_a_typed_error(tmp_path, capsys):
    assert main(["export", str(tmp_path / "nope.jsonl"), "--format", "jsonld"]) == 3
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"a": 1}\nnot json\n', encoding="utf-8")
    assert main(["export", str(bad), "--format", "csv-graph", "-o", str(tmp_path / "g")]) == 2
    err = capsys.readouterr().err
    assert "error[not_found]" in err and "error[invalid_results]" in err
    assert "Traceback" not in err


def test_local_workers_report_pages_as_they_are_read(inputs):
    """The page bar's feed: every page of every document once, never going back."""
    from extractor.batch import Item, _options, run_local

    items = [Item(0, str(inputs / "c_notice.pdf"), "c"), Item(1, str(inputs / "a_notice.txt"), "a")]
    calls: list[tuple[int, int]] = []
    outs = list(run_local(items, 1, _options(500, 120.0, False), timeout=120.0,
                          on_pages=lambda d, t: calls.append((d, t))))
    assert [o["ok"] for _, o in outs] == [True, True]
    assert all(d >= 0 and t >= 0 for d, t in calls)
    assert sum(d for d, _ in calls) == sum(t for _, t in calls) == 6 + 1  # 6 PDF pages, 1 text
