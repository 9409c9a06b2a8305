"""The knowledge base on SQLite and PostgreSQL: full-text search, filters that know the
gazetteers, target history, mineral timelines, related documents, one work per text,
re-extraction, export, limits and security."""

from __future__ import annotations

import json
import stat
import time
from pathlib import Path

import pytest
from apifixtures import BACKENDS, client_for, database_url, make_settings, wait_status
from test_api_documents import NOTICE, OTHER, is_problem, post_text

SEEDS = Path(__file__).resolve().parents[2].parent / "shared" / "samples" / "seeds"

# the same metric in an older plan, citing the notice by its number (any bracket)
OLDER = "\n".join([
    "标题 再生有色金属产业发展推进计划",
    "发文 工信部=工业和信息化部",
    "文号 工信部节〔2017〕1号",
    "成文 2017-01-20",
    "矿产 再生铝=再生铝>铝",
    "目标 2020 再生铝年产量 1150 万吨",
    "引用 关于推动铝产业高质量发展的通知|工信部联原〔2025〕62号",
    "事件 2017-01-20 工信部 发布 再生铝",
])
REPORT = "\n".join([
    "标题 铝周报：再生铝供应偏紧",
    "机构 华鑫期货研究所=华鑫期货",
    "成文 2025-04-02",
    "矿产 再生铝=再生铝>铝",
    "事件 2025-03-28 工信部 印发 再生铝",
])


@pytest.fixture(params=BACKENDS)
def backend(request):
    return request.param


@pytest.fixture
def kb(backend, tmp_path):
    from apifakes import fake_extract

    s = make_settings(tmp_path, database_url(backend, tmp_path))
    with client_for(s, extract_fn=fake_extract) as c:
        c.ids = {name: post_text(c, text, filename=f"{name}.txt").json()["id"]
                 for name, text in (("notice", NOTICE), ("other", OTHER), ("older", OLDER),
                                    ("report", REPORT))}
        yield c


def ok(r) -> dict:
    assert r.status_code == 200, r.text
    return r.json()


def search_ids(c, **params) -> list[str]:
    return [i["document"]["id"] for i in ok(c.get("/v1/search", params=params))["items"]]


# --- search -------------------------------------------------------------------------------


@pytest.mark.shared
def test_search_finds_the_seed_notice(backend, tmp_path):
    """The real extractor on the seed notice: found by 再生铝 and by 工业和信息化部 (one
    jieba term each, thanks to the gazetteers), not by an unrelated word."""
    s = make_settings(tmp_path, database_url(backend, tmp_path))
    with client_for(s) as c:
        data = (SEEDS / "notice_003.txt").read_text(encoding="utf-8")
        doc = ok(c.post("/v1/documents?wait=true", json={"text": data, "filename": "n.txt"}))
        post_text(c, OTHER)  # a second document that must not match
        for q in ("再生铝", "工业和信息化部", "铝土矿", "工信部"):
            body = ok(c.get("/v1/search", params={"q": q}))
            assert [i["document"]["id"] for i in body["items"]] == [doc["id"]], q
            assert body["terms"] == [q]
            hit = body["items"][0]
            assert f"<mark>{q}</mark>" in hit["snippet"]
            text = c.get(f"/v1/documents/{doc['id']}/text").text
            assert all(text[h["start"]:h["end"]].startswith(q) for h in hit["highlights"])
        assert search_ids(c, q="工信部联原") == [doc["id"]]  # 工信部 / 联 / 原: all present
        for q in ("香蕉", "量子计算"):
            assert ok(c.get("/v1/search", params={"q": q}))["total"] == 0, q


def test_search_ranks_filters_and_pages(kb):
    ids = kb.ids
    assert set(search_ids(kb, q="再生铝")) == {ids["notice"], ids["older"], ids["report"]}
    # the title weighs more than the body: the report has 再生铝 in its title
    assert search_ids(kb, q="再生铝 供应")[0] == ids["report"]
    assert search_ids(kb, q="再生铝", kind="policy_notice")  # kind filter accepted
    assert set(search_ids(kb, q="再生铝", agency="工信部")) == {ids["notice"], ids["older"]}
    assert search_ids(kb, q="再生铝", institution="华鑫期货") == [ids["report"]]
    assert search_ids(kb, q="再生铝", institution="华鑫期货研究所") == [ids["report"]]
    assert set(search_ids(kb, q="再生铝", year_from=2018, year_to=2025)) == {ids["notice"],
                                                                          ids["report"]}
    assert search_ids(kb, q="再生铝", year_to=2017) == [ids["older"]]
    assert search_ids(kb, q="再生铝", organ="工信部节") == [ids["older"]]
    assert search_ids(kb, q="锂", mineral="锂") == [ids["other"]]
    page = ok(kb.get("/v1/search", params={"q": "再生铝", "limit": 2}))
    assert page["total"] == 3 and len(page["items"]) == 2
    assert search_ids(kb, q="铜产量 锂产量") == []  # every term must match
    is_problem(kb.get("/v1/search", params={"q": "，。！"}), 422, "validation_error")
    is_problem(kb.get("/v1/search"), 422, "validation_error")


def test_search_snippet_is_escaped_and_marked(kb):
    hit = ok(kb.get("/v1/search", params={"q": "再生铝"}))["items"]
    snippet = next(h["snippet"] for h in hit if h["document"]["id"] == kb.ids["notice"])
    assert "<mark>再生铝</mark>" in snippet
    assert "&gt;" in snippet and ">铝" not in snippet.replace("</mark>", "")


# --- filters that know what the extractor knows ----------------------------------------------


def test_filters_expand_through_the_gazetteers(kb):
    def listed(**params):
        return {d["id"] for d in ok(kb.get("/v1/documents", params=params))["items"]}

    ids = kb.ids
    full = listed(agency="工业和信息化部")
    assert full == {ids["notice"], ids["older"]}
    assert listed(agency="工信部") == full
    assert listed(agency="中华人民共和国工业和信息化部") == full
    assert listed(doc_number="工信部联原[2025]62号") == {ids["notice"]}
    assert listed(doc_number="工信部联原（2025）62号") == {ids["notice"]}
    assert listed(institution="华鑫期货") == {ids["report"]}
    assert listed(organ="工信部联原") == {ids["notice"]}
    targets = ok(kb.get("/v1/targets", params={"agency": "工信部"}))["items"]
    assert {t["document_id"] for t in targets} == {ids["notice"], ids["older"]}


def test_unknown_query_parameters_are_422(kb):
    for path, params in (("/v1/documents", {"agenyc": "工信部"}),
                         ("/v1/targets", {"minreal": "铝"}),
                         ("/v1/search", {"q": "铝", "knd": "x"}),
                         (f"/v1/documents/{kb.ids['notice']}", {"x": "1"})):
        body = is_problem(kb.get(path, params=params), 422, "validation_error")
        assert list(params)[-1] in body["detail"]


def test_json_upload_kind_is_honoured(kb):
    r = kb.post("/v1/documents?wait=true",
                json={"text": "标题 一份研究\n成文 2025-01-01", "kind": "research_report"})
    assert ok(r)["kind"] == "research_report"
    is_problem(kb.post("/v1/documents", json={"text": "x", "kind": "poem"}),
               422, "validation_error")


# --- history, timeline, related ------------------------------------------------------------


def test_history_of_a_metric_across_documents(kb):
    body = ok(kb.get("/v1/targets/history", params={"metric": "再生铝产量"}))
    assert (body["subject"], body["measure"]) == ("再生铝", "产量")
    points = [(p["document_id"], p["written_date"], p["value"], p["unit"], p["metric"])
              for p in body["items"]]
    assert points == [
        (kb.ids["older"], "2017-01-20", 1150, "万吨", "再生铝年产量"),
        (kb.ids["notice"], "2025-03-11", 1500, "万吨", "再生铝产量"),
    ]
    text = kb.get(f"/v1/documents/{kb.ids['older']}/text").text
    ev = body["items"][0]["evidence"]
    assert "1150" in text[ev["start"]:ev["end"]]
    by_mineral = ok(kb.get("/v1/targets/history", params={"metric": "产量", "mineral": "再生铝"}))
    assert [p["value"] for p in by_mineral["items"]] == [1150, 1500]
    # 铜产量 is another subject, 锂产量 too
    assert [p["value"] for p in ok(kb.get("/v1/targets/history",
                                          params={"metric": "铜产量"}))["items"]] == [200]


def test_mineral_timeline(kb):
    body = ok(kb.get("/v1/minerals/再生铝/timeline"))
    events = [(e["date"], e["type"], e["document_id"]) for e in body["items"]]
    assert events == sorted(events, key=lambda e: e[0])
    assert (("2017-01-20", "policy_event", kb.ids["older"]) in events
            and ("2025-03-11", "target", kb.ids["notice"]) in events
            and ("2025-03-28", "policy_event", kb.ids["report"]) in events)
    assert {e[1] for e in events} == {"document", "policy_event", "target"}


def test_related_documents_by_number_and_title(kb):
    older = ok(kb.get(f"/v1/documents/{kb.ids['older']}/related"))
    assert [c["documents"] for c in older["cites"]] == [[kb.ids["notice"]]]
    notice = ok(kb.get(f"/v1/documents/{kb.ids['notice']}/related"))
    assert [(c["document"]["id"], c["via"]) for c in notice["cited_by"]] == [
        (kb.ids["older"], "doc_number")]
    is_problem(kb.get("/v1/documents/" + "0" * 32 + "/related"), 404, "not_found")


# --- one work, one set of facts ------------------------------------------------------------------


def test_one_work_counts_its_facts_once(kb):
    # the same notice as a text file (other bytes: CRLF line ends, a trailing space)
    crlf = NOTICE.replace("\n", "\r\n") + " "
    r = kb.post("/v1/documents?wait=true", files={"file": ("notice.txt", crlf.encode())})
    twin = ok(r)["id"]
    assert twin != kb.ids["notice"]
    targets = ok(kb.get("/v1/targets", params={"mineral": "再生铝"}))["items"]
    assert len(targets) == 2  # the notice's and the older plan's, not the twin's again
    related = ok(kb.get(f"/v1/documents/{twin}/related"))
    assert related["same_work"] == [kb.ids["notice"]]
    assert len(search_ids(kb, q="铜产量")) == 1


def test_reupload_under_a_new_name_keeps_an_alias(kb):
    r = kb.post("/v1/documents", json={"text": NOTICE, "filename": "copy.txt"})
    body = ok(r)
    assert body["id"] == kb.ids["notice"]
    assert body["filename"] == "notice.txt" and body["aliases"] == ["copy.txt"]
    kb.post("/v1/documents", json={"text": NOTICE, "filename": "copy.txt"})
    assert ok(kb.get(f"/v1/documents/{kb.ids['notice']}"))["aliases"] == ["copy.txt"]


# --- re-extraction ------------------------------------------------------------------------


def test_reprocess_upgrades_an_old_result_and_keeps_it_readable(backend, tmp_path):
    import apifakes

    s = make_settings(tmp_path, database_url(backend, tmp_path), extractor_version="0.2.0")
    apifakes.FAKE_VERSION["value"] = "0.1.0"
    try:
        with client_for(s, extract_fn=apifakes.gated_extract) as c:
            old = ok(post_text(c, NOTICE))
            current = ok(post_text(c, OTHER.replace("锂", "钴") + "\n版本 0.2.0"))
            assert old["extractor_version"] == "0.1.0"
            listed = ok(c.get("/v1/documents", params={"outdated": "true"}))
            assert [d["id"] for d in listed["items"]] == [old["id"]]
            assert ok(c.get("/v1/documents", params={"extractor_version": "0.2.0"})
                      )["total"] == 1
            apifakes.FAKE_VERSION["value"] = "0.2.0"
            apifakes.GATE.clear()  # the re-extraction waits until the checks below are done
            r = ok(c.post("/v1/admin/reprocess"))
            assert r == {"current_version": "0.2.0", "queued": 1, "already_queued": 0,
                         "documents": [old["id"]]}
            assert ok(c.post("/v1/admin/reprocess"))["already_queued"] == 1
            seen = set()
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline:
                doc = ok(c.get(f"/v1/documents/{old['id']}"))
                # readable throughout: done, with a result and its text, old or new
                assert doc["status"] == "done" and doc["result"] is not None
                assert c.get(f"/v1/documents/{old['id']}/text").status_code == 200
                seen.add((doc["job"]["purpose"], doc["job"]["status"],
                          doc["result"]["extractor_version"]))
                if ("reprocess", "running", "0.1.0") in seen:
                    apifakes.GATE.set()  # seen running with the old result readable
                if doc["result"]["extractor_version"] == "0.2.0":
                    break
                time.sleep(0.05)
            assert ("reprocess", "running", "0.1.0") in seen
            assert doc["result"]["extractor_version"] == "0.2.0"
            assert doc["extractor_version"] == "0.2.0"
            assert ok(c.get("/v1/documents", params={"outdated": "true"}))["total"] == 0
            # search and targets still answer once for the re-extracted document
            assert search_ids(c, q="再生铝") == [old["id"]]
            assert current["id"] not in search_ids(c, q="再生铝")
    finally:
        apifakes.GATE.set()
        apifakes.FAKE_VERSION["value"] = "fake"


def test_failed_reprocess_keeps_the_previous_result(backend, tmp_path):
    import apifakes

    s = make_settings(tmp_path, database_url(backend, tmp_path), extractor_version="9.0")
    state = {"fail": False}

    def flaky(src, **kw):
        if state["fail"]:
            raise RuntimeError("boom")
        return apifakes.fake_extract(src, **kw)

    with client_for(s, extract_fn=flaky) as c:
        doc = ok(post_text(c, NOTICE))
        state["fail"] = True
        assert ok(c.post("/v1/admin/reprocess"))["queued"] == 1
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            body = ok(c.get(f"/v1/documents/{doc['id']}"))
            if body["job"]["status"] == "failed":
                break
            time.sleep(0.05)
        assert body["status"] == "done" and body["result"]["extractor_version"] == "fake"
        assert body["job"]["error"]["code"] == "extraction_failed"
        assert "boom" not in json.dumps(body)


# --- export ----------------------------------------------------------------------------------


def test_export_streams_jsonl_and_graph(kb):
    r = kb.get("/v1/export")
    assert r.status_code == 200 and r.headers["content-type"].startswith("application/x-ndjson")
    lines = [json.loads(x) for x in r.text.splitlines()]
    assert {x["document"]["id"] for x in lines} == set(kb.ids.values())
    assert all(x["result"]["text"] for x in lines)
    only = kb.get("/v1/export", params={"institution": "华鑫期货"}).text.splitlines()
    assert [json.loads(x)["document"]["id"] for x in only] == [kb.ids["report"]]
    g = kb.get("/v1/export", params={"format": "csv-graph"})
    assert g.headers["content-type"].startswith("text/csv")
    rows = g.text.splitlines()
    assert rows[0] == ":START_ID,:TYPE,:END_ID,start_label,end_label,name,task,role"
    docs = {d["id"]: "doc:" + d["sha256"] for d in (x["document"] for x in lines)}
    older, notice = docs[kb.ids["older"]], docs[kb.ids["notice"]]
    # the older plan cites the notice by its number: resolved to the stored document
    assert f"{older},CITES,{notice},Document,Document,关于推动铝产业高质量发展的通知,," in rows
    assert f"{notice},MENTIONS,mineral:再生铝,Document,Mineral,再生铝,," in rows
    assert f"{notice},ISSUED_BY,agency:中华人民共和国工业和信息化部,Document,Agency," \
        "中华人民共和国工业和信息化部,," in rows
    assert f"agency:自然资源部,LEADS,{notice},Agency,Document,自然资源部,1," in rows


# --- limits and security ---------------------------------------------------------------------


def test_limits_endpoint(kb):
    body = ok(kb.get("/v1/limits"))
    assert {"max_upload_bytes", "max_pages", "max_text_chars", "max_queue",
            "rate_limit_per_minute"} <= set(body)


def test_rate_limit_answers_429_with_retry_after(backend, tmp_path):
    s = make_settings(tmp_path, database_url(backend, tmp_path), rate_limit_per_minute=5)
    from apifakes import fake_extract

    with client_for(s, extract_fn=fake_extract) as c:
        codes = [c.get("/v1/documents").status_code for _ in range(6)]
        assert codes[:5] == [200] * 5
        r = c.get("/v1/documents")
        body = is_problem(r, 429, "rate_limited")
        assert int(r.headers["Retry-After"]) >= 1 and body["detail"]
        # another client (its own key) has its own budget
        assert c.get("/v1/documents", headers={"X-API-Key": "other"}).status_code == 200


def test_queue_limit(backend, tmp_path):
    import apifakes

    s = make_settings(tmp_path, database_url(backend, tmp_path), max_queue=1,
                      embedded_worker=False)
    with client_for(s, extract_fn=apifakes.fake_extract) as c:
        first = c.post("/v1/documents", json={"text": NOTICE})
        assert first.status_code == 202
        assert first.json()["job"]["queue_position"] == 1
        r = c.post("/v1/documents", json={"text": OTHER})
        is_problem(r, 503, "queue_full")
        assert r.headers["Retry-After"]


def test_wait_over_the_size_limit_says_so(backend, tmp_path):
    from apifakes import fake_extract

    s = make_settings(tmp_path, database_url(backend, tmp_path), wait_max_bytes=10)
    with client_for(s, extract_fn=fake_extract) as c:
        r = c.post("/v1/documents?wait=true", json={"text": NOTICE})
        assert r.status_code == 202
        assert r.headers["X-Wait"] == "skipped-too-large" and "10 bytes" in r.headers["Warning"]
        wait_status(c, r.json()["id"])


def test_database_file_is_owner_only(tmp_path):
    from apifakes import fake_extract

    s = make_settings(tmp_path, database_url("sqlite", tmp_path))
    with client_for(s, extract_fn=fake_extract) as c:
        post_text(c, NOTICE)
        path = Path(s.db_url.removeprefix("sqlite:///"))
        for p in (path, Path(str(path) + "-wal")):
            if p.exists():
                assert stat.S_IMODE(p.stat().st_mode) == 0o600, p


def test_docs_work_offline(kb):
    page = kb.get("/docs")
    assert page.status_code == 200
    assert "cdn" not in page.text.lower() and "/docs/static/swagger-ui-bundle.js" in page.text
    js = kb.get("/docs/static/swagger-ui-bundle.js")
    assert js.status_code == 200 and len(js.content) > 100_000
    assert kb.get("/docs/static/swagger-ui.css").status_code == 200


@pytest.mark.parametrize("metric, subject, measure", [
    ("再生铝产量", "再生铝", "产量"),
    ("再生铝年产量", "再生铝", "产量"),
    ("全国再生铝产量", "再生铝", "产量"),
    ("电解铝产能", "电解铝", "产能"),
    ("赤泥综合利用率", "赤泥", "利用率"),
    ("铝土矿资源量", "铝土矿", "储量"),
    ("废钢回收利用率", "废钢", "回收率"),  # the longest alias, not 利用率
    ("铝土矿资源量增长", "铝土矿资源量", "增速"),  # the measure that ends the metric
    ("煤铝共采示范性矿山", "", "煤铝共采示范性矿山"),  # no known measure: the metric itself
])
def test_metric_key(metric, subject, measure):
    from api.kb import metric_key

    key = metric_key(metric)
    assert (key.subject, key.measure) == (subject, measure)
